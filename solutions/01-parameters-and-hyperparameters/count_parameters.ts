/**
 * Exercise 1: how many numbers does training learn? Count the weights and biases of a
 * fully connected network (a multilayer perceptron) from its layer sizes.
 *
 * @module
 */

/** The learned numbers of a fully connected network, split by kind. */
export interface ParameterBreakdown {
  /** Entries of the weight matrices: the sum of `sizes[i] · sizes[i + 1]` over consecutive layers. */
  weights: number;
  /** Entries of the bias vectors: one per unit of every layer except the input layer. */
  biases: number;
  /** `weights + biases`. */
  total: number;
}

/**
 * Splits the parameter count of a fully connected network into weights and biases.
 *
 * `layerSizes` lists the width of every layer, input first and output last, so `[64, 64, 10]`
 * is 64 inputs, one hidden layer of 64 units and 10 outputs. Each pair of consecutive layers
 * `(n_in, n_out)` is joined by an `n_in × n_out` weight matrix and an `n_out` bias vector.
 *
 * Throws a `RangeError` when there are fewer than two layers, and when an entry is not a
 * positive integer; in that case the message names the entry as `layerSizes[i]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parameterBreakdown } from "./count_parameters.ts";
 * assert.deepEqual(parameterBreakdown([64, 64, 10]), { weights: 4736, biases: 74, total: 4810 });
 * ```
 */
export function parameterBreakdown(layerSizes: readonly number[]): ParameterBreakdown {
  // BEGIN SOLUTION 'TODO: count the weights and biases between consecutive layers (lesson 01, "Counting the parameters of an MLP")'
  if (!Array.isArray(layerSizes) || layerSizes.length < 2) {
    throw new RangeError(
      "a network needs at least 2 layers (inputs and outputs), got " +
        (Array.isArray(layerSizes) ? `${layerSizes.length}` : "no array"),
    );
  }
  layerSizes.forEach((size, i) => {
    if (!Number.isInteger(size) || size <= 0) {
      throw new RangeError(
        `layerSizes[${i}] is ${size}: every layer size must be a positive integer`,
      );
    }
  });
  let weights = 0;
  let biases = 0;
  for (let i = 0; i + 1 < layerSizes.length; i++) {
    weights += layerSizes[i] * layerSizes[i + 1];
    biases += layerSizes[i + 1];
  }
  return { weights, biases, total: weights + biases };
  // END SOLUTION
}

/**
 * The number of learned parameters (weights plus biases) of a fully connected network.
 *
 * Same input and same errors as {@link parameterBreakdown}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParameters } from "./count_parameters.ts";
 * assert.equal(countParameters([64, 64, 10]), 4810);
 * assert.equal(countParameters([784, 128, 10]), 101770);
 * ```
 */
export function countParameters(layerSizes: readonly number[]): number {
  // BEGIN SOLUTION "TODO: return weights + biases (you may call parameterBreakdown)"
  return parameterBreakdown(layerSizes).total;
  // END SOLUTION
}
