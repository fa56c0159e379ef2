/**
 * How lesson 01's topics write numbers: thousands separators, in text and inside `$…$` math.
 *
 * @module
 */

/**
 * A number with thousands separators.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { grouped } from "./shared.ts";
 * assert.equal(grouped(100000), "100,000");
 * ```
 */
export const grouped = (x: number): string => x.toLocaleString("en-US");

/**
 * A number with thousands separators, for inside `$…$` math (a bare comma adds a space).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tex } from "./shared.ts";
 * assert.equal(tex("100,000"), "100{,}000");
 * ```
 */
export const tex = (text: string): string => text.replaceAll(",", "{,}");

/**
 * A number with thousands separators and exactly `digits` decimals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixed } from "./shared.ts";
 * assert.equal(fixed(4166.666, 1), "4,166.7");
 * ```
 */
export const fixed = (x: number, digits: number): string =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
