/**
 * Lesson 01, counting parameters (`solutions/01-parameters-and-hyperparameters/count_parameters.ts`):
 * its graded cases, the table of the lesson's networks and the worked count.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, type Random } from "../../lib/random.ts";
import { grouped, tex } from "./shared.ts";
import {
  countParameters,
  parameterBreakdown,
} from "../../../solutions/01-parameters-and-hyperparameters/count_parameters.ts";

/** The networks of the lesson's table, with what each is for. */
const LESSON_NETWORKS: { layers: number[]; what: string }[] = [
  { layers: [4, 16, 3], what: "iris: 4 measurements, 3 species" },
  { layers: [64, 64, 10], what: "digits: 8×8 pixels, 10 classes" },
  { layers: [64, 32, 32, 10], what: "digits, two narrower hidden layers" },
  { layers: [784, 128, 10], what: "28×28 images (MNIST-sized), 10 classes" },
  { layers: [784, 512, 512, 10], what: "the same, two wide hidden layers" },
];

/** Small networks where the usual slips (no biases, wrong pairs, products) give other answers. */
const TRAP_NETWORKS: number[][] = [[1, 1], [3, 1], [1, 5], [2, 3, 4], [5, 1, 5], [10, 10, 10, 10]];

/**
 * `countParameters` and `parameterBreakdown`'s cases, the random ones drawn from `random`
 * (the lesson's one stream: see `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { countParametersCases } from "./count_parameters.ts";
 * const { countParameters } = countParametersCases(seededRandom("demo"));
 * assert.equal(countParameters.random.length, 40);
 * // A dense layer of n inputs and m outputs has n·m weights and m biases.
 * for (const { layers, expected } of countParameters.random) {
 *   let total = 0;
 *   for (let i = 1; i < layers.length; i++) total += layers[i - 1] * layers[i] + layers[i];
 *   assert.equal(expected, total);
 * }
 * ```
 */
export function countParametersCases(random: Random) {
  const networkCase = (layers: number[]) => ({
    layers,
    expected: countParameters(layers),
    breakdown: { ...parameterBreakdown(layers) },
  });
  const randomNetworks = Array.from({ length: 40 }, () => {
    const depth = integer(random, 2, 6);
    return networkCase(
      Array.from({ length: depth }, () => random() < 0.15 ? 1 : integer(random, 1, 256)),
    );
  });
  const invalidNetworks = [
    { layers: [], names: null },
    { layers: [10], names: null },
    { layers: [64, 0, 10], names: "layerSizes[1]" },
    { layers: [64, 64, -3], names: "layerSizes[2]" },
    { layers: [2.5, 4], names: "layerSizes[0]" },
    { layers: [8, "NaN", 8], names: "layerSizes[1]" },
  ];

  return {
    countParameters: {
      lesson: [
        ...LESSON_NETWORKS.map((n) => networkCase(n.layers)),
        ...TRAP_NETWORKS.map(networkCase),
      ],
      random: randomNetworks,
      invalid: invalidNetworks,
    },
  };
}

function networkTable(): string {
  const lines = [
    "| layer sizes | for | weights | biases | parameters |",
    "| --- | --- | ---: | ---: | ---: |",
  ];
  for (const { layers, what } of LESSON_NETWORKS) {
    const b = parameterBreakdown(layers);
    lines.push(
      `| \`[${layers.join(", ")}]\` | ${what} | ${grouped(b.weights)} | ${grouped(b.biases)} | ${
        grouped(b.total)
      } |`,
    );
  }
  return lines.join("\n");
}

function networkWorked(): string {
  const layers = [64, 64, 10];
  const parts = layers.slice(1).map((out, i) => {
    const inp = layers[i];
    const b = parameterBreakdown([inp, out]);
    return { inp, out, total: b.total };
  });
  const terms = parts.map((p) => `(${p.inp} \\cdot ${p.out} + ${p.out})`).join(" + ");
  const values = parts.map((p) => tex(grouped(p.total))).join(" + ");
  const total = tex(grouped(countParameters(layers)));
  return `$$P([64, 64, 10]) = ${terms} = ${values} = ${total}$$`;
}

/** The parameter count's table and worked example (its cases come through `mod.ts`). */
export const countParametersTopic: LessonContent = {
  blocks: { "network-table": networkTable, "network-worked": networkWorked },
};
