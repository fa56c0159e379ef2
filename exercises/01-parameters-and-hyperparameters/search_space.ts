// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 2: how many configurations does a grid hold?
 *
 * @module
 */

/** One hyperparameter's possible values. */
export type Dimension =
  /** A finite list of values, e.g. optimizers or hand-picked learning rates. */
  | { type: "choice"; values: readonly (number | string | boolean)[] }
  /** Every integer from `low` to `high`, both ends included. */
  | { type: "int"; low: number; high: number }
  /** Every real number between `low` and `high`: infinitely many, so no grid can list them. */
  | { type: "float"; low: number; high: number };

/** A search space: one {@link Dimension} per hyperparameter name. */
export type SearchSpace = Record<string, Dimension>;

/**
 * The number of points of a grid, given how many values each hyperparameter takes: the product
 * of the counts. An empty list is the grid of no hyperparameters, which holds exactly one
 * configuration (the defaults): the empty product is 1.
 *
 * Throws a `RangeError` naming the entry as `valueCounts[i]` when a count is not a positive
 * integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gridSize } from "./search_space.ts";
 * assert.equal(gridSize([10, 10, 10, 10, 10]), 100000);
 * assert.equal(gridSize([4, 4, 4, 4, 4, 3, 3]), 9216);
 * ```
 */
export function gridSize(valueCounts: readonly number[]): number {
  throw new Error('TODO: multiply the value counts (lesson 01, "The search-space explosion")');
}

/**
 * The number of configurations in a search space whose dimensions are all finite: a `choice`
 * contributes its number of values, an `int` range `high − low + 1`, and the sizes multiply.
 *
 * Throws an `Error` whose message contains the dimension's name when a dimension is `float`
 * (continuous: a grid must first pick finitely many values from it), when a `choice` has no
 * values, and when an `int` range has non-integer bounds or `low > high`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spaceSize } from "./search_space.ts";
 * const space = {
 *   optimizer: { type: "choice", values: ["sgd", "adam"] },
 *   hiddenLayers: { type: "int", low: 1, high: 3 },
 * } as const;
 * assert.equal(spaceSize(space), 6);
 * ```
 */
export function spaceSize(space: SearchSpace): number {
  throw new Error(
    'TODO: multiply the sizes of the dimensions, refusing continuous ones (lesson 01, "Counting a search space")',
  );
}
