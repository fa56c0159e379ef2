/**
 * Building an MLP for the WebAssembly backend: lesson 05's `createMlp`, same layout, same
 * checks, same draws from the same seed (the agreement test compares the arrays bit for bit).
 * Restated because the engine must work in the student edition, which has no `solutions/`.
 *
 * @module
 */

import { normal, seededRandom, uniform } from "../lib/random.ts";
import type { Layer, Mlp, MlpConfig } from "./types.ts";

/**
 * Builds an MLP and initialises it from `config.seed`: biases 0, weights drawn layer by layer,
 * each `W` row-major, from one `seededRandom(seed)`: He (`normal · √(2 / fanIn)`) or Xavier
 * (`uniform(−r, r)`, `r = √(6 / (fanIn + fanOut))`). Throws a `RangeError` unless `sizes` holds
 * at least two positive integers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildMlp } from "./model.ts";
 * const net = buildMlp({ sizes: [4, 8, 3], activation: "tanh", init: "xavier", seed: 1 });
 * assert.deepEqual([net.params.length, net.layers[1].w.length], [67, 24]);
 * ```
 */
export function buildMlp(config: MlpConfig): Mlp {
  const { sizes, activation = "relu", init = "he", seed = 0 } = config;
  if (sizes.length < 2 || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new RangeError(`sizes must be at least two positive integers, got [${sizes}]`);
  }
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l] * sizes[l + 1] + sizes[l + 1];
  const params = new Float64Array(total);
  const grads = new Float64Array(total);
  const layers: Layer[] = [];
  const random = seededRandom(seed);
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inSize = sizes[l], outSize = sizes[l + 1];
    const nw = inSize * outSize;
    const layer: Layer = {
      inSize,
      outSize,
      w: params.subarray(offset, offset + nw),
      b: params.subarray(offset + nw, offset + nw + outSize),
      dw: grads.subarray(offset, offset + nw),
      db: grads.subarray(offset + nw, offset + nw + outSize),
    };
    offset += nw + outSize;
    if (init === "he") {
      const std = Math.sqrt(2 / inSize);
      for (let i = 0; i < nw; i++) layer.w[i] = normal(random) * std;
    } else if (init === "xavier") {
      const r = Math.sqrt(6 / (inSize + outSize));
      for (let i = 0; i < nw; i++) layer.w[i] = uniform(random, -r, r);
    } else {
      throw new Error(`unknown init: ${init}`);
    }
    layers.push(layer);
  }
  return { sizes: [...sizes], activation, params, grads, layers };
}
