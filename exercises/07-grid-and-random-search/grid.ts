// deno-lint-ignore-file no-unused-vars
/**
 * Exercise 1: the points of a grid, in a documented order.
 *
 * @module
 */

/** One hyperparameter value: a number, a name (an optimizer, an activation) or a switch. */
export type Value = number | string | boolean;

/** One configuration: a value for each hyperparameter, by name. */
export type Config = Record<string, Value>;

/** A grid: the list of values to try for each hyperparameter, by name, in insertion order. */
export type Grid = Record<string, readonly Value[]>;

/**
 * Every configuration of a grid: the Cartesian product of its value lists.
 *
 * The order is that of Python's `itertools.product` over the grid's values in **insertion
 * order**: the last hyperparameter varies fastest, the first slowest, and each list is walked in
 * the order given. For `{ lr: [a, b], l2: [x, y] }` that is `(a, x), (a, y), (b, x), (b, y)`.
 * (scikit-learn's `ParameterGrid` sorts the names alphabetically first; the kit does not.) Each
 * configuration lists its keys in the grid's order. The grid of no hyperparameters holds one
 * configuration, `{}`, as the empty product is 1.
 *
 * Throws a `RangeError` naming the hyperparameter when one of the lists is empty.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gridPoints } from "./grid.ts";
 * assert.deepEqual(gridPoints({ lr: [0.1, 0.01], l2: [0, 1e-4] }), [
 *   { lr: 0.1, l2: 0 },
 *   { lr: 0.1, l2: 1e-4 },
 *   { lr: 0.01, l2: 0 },
 *   { lr: 0.01, l2: 1e-4 },
 * ]);
 * ```
 */
export function gridPoints(grid: Grid): Config[] {
  throw new Error(
    "TODO: gridPoints (lesson 07, 'Grid search: a Cartesian product in a stated order')",
  );
}
