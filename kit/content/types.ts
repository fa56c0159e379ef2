/**
 * The shape of a lesson's generator, `kit/content/NN-slug.ts` or `kit/content/NN-slug/mod.ts`.
 *
 * @module
 */

/** A JSON value: what a case file may hold (no NaN, no Infinity, no undefined). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Everything a lesson derives from its reference solution. */
export interface LessonContent {
  /**
   * Test cases for the graded tests, written to `kit/cases/NN-slug.json`: one entry per checked
   * function. Typed by the generator (configurations keep their own interfaces); the sync step
   * refuses, naming the place, anything JSON cannot hold.
   */
  cases?: () => Record<string, unknown>;
  /** Markdown for each `<!-- generated:NAME -->` region of the lesson's README. */
  blocks?: Record<string, () => string>;
  /**
   * Text for each inline `<!-- value:NAME -->…<!-- /value -->` of the lesson's README: the
   * numbers quoted in its prose.
   */
  values?: Record<string, () => string>;
  /** SVG text for each figure, written to `lessons/NN-slug/figures/NAME.svg`. */
  figures?: Record<string, () => Promise<string>>;
}
