/**
 * The plans and tables of lesson 08's text, computed by the reference.
 *
 * @module
 */

/** README regions. */
export const blocks: Record<string, () => string> = {};
/** Inline values. */
export const values: Record<string, () => string> = {};
