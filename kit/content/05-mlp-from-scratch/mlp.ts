/**
 * Lesson 05, the network (`solutions/05-mlp-from-scratch/mlp.ts`): forward, loss, gradient,
 * prediction and accuracy cases on small networks, and the table of every array's shape.
 *
 * @module
 */

import type { Json, LessonContent } from "../types.ts";
import { integer, normal, seededRandom } from "../../lib/random.ts";
import { draw, list, r4 } from "./shared.ts";
import {
  accuracy,
  createMlp,
  forward,
  lossAndGradient,
  type MlpConfig,
  predict,
} from "../../../solutions/05-mlp-from-scratch/mlp.ts";

/** Small networks for the `mlp.ts` cases: every activation and both inits. */
const NET_CONFIGS: MlpConfig[] = [
  { sizes: [3, 4, 2], activation: "relu", init: "he", seed: 1 },
  { sizes: [2, 5, 3], activation: "tanh", init: "xavier", seed: 2 },
  { sizes: [4, 3, 3, 2], activation: "sigmoid", init: "xavier", seed: 3 },
  { sizes: [5, 6, 4, 3], activation: "relu", init: "he", seed: "four" },
  { sizes: [3, 7, 4], activation: "tanh", init: "he", seed: 5 },
];

/** A network drawn from its own stream, seed included: the grade of record draws it afresh. */
function drawnConfig(): MlpConfig {
  const random = seededRandom("05/mlp-config");
  const activations = ["relu", "tanh", "sigmoid"] as const;
  const inits = ["he", "xavier"] as const;
  return {
    sizes: [integer(random, 2, 5), integer(random, 2, 6), integer(random, 2, 4)],
    activation: activations[integer(random, 0, 2)],
    init: inits[integer(random, 0, 1)],
    seed: `drawn-${integer(random, 0, 999_999)}`,
  };
}

function mlpCases() {
  const random = seededRandom("05/mlp");
  return [...NET_CONFIGS, drawnConfig()].map((config) => {
    const net = createMlp(config);
    const inSize = config.sizes[0], classes = config.sizes[config.sizes.length - 1];
    const batch = integer(random, 2, 6);
    const x = draw(random, batch * inSize);
    const labels = Array.from({ length: batch }, () => integer(random, 0, classes - 1));
    const initial = list(net.params);
    // Move the biases off zero so that a missing bias term shows.
    for (const layer of net.layers) {
      layer.b.forEach((_, j) => layer.b[j] = r4(0.3 * normal(random)));
    }
    const params = list(net.params);
    const logits = list(forward(net, x, batch));
    const runs: Json[] = [];
    for (const [l2, dropout] of [[0, 0], [0.05, 0], [0, 0.3], [0.01, 0.5]]) {
      const seed = integer(random, 0, 1000);
      const loss = lossAndGradient(net, x, labels, batch, {
        l2,
        dropout,
        random: seededRandom(seed),
      });
      runs.push({ l2, dropout, seed, loss, grads: list(net.grads) });
    }
    return {
      config,
      initial,
      params,
      batch,
      x: list(x),
      labels,
      logits,
      predicted: list(predict(net, x, batch)),
      accuracy: accuracy(net, x, labels, batch),
      runs,
    };
  });
}

function shapesTable(): string {
  const net = createMlp({ sizes: [64, 64, 10], seed: 0 });
  const B = 32;
  const rows = ["| step | array | shape | values |", "| --- | --- | --- | --- |"];
  const add = (step: string, name: string, shape: [number, number] | [number]) =>
    rows.push(`| ${step} | ${name} | ${shape.join(" × ")} | ${shape.reduce((a, b) => a * b, 1)} |`);
  add("input", "x", [B, 64]);
  add("layer 1", "W₁", [64, 64]);
  add("layer 1", "b₁", [64]);
  add("layer 1", "z₁ = x·W₁ + b₁, h₁ = relu(z₁)", [B, 64]);
  add("layer 2", "W₂", [64, 10]);
  add("layer 2", "b₂", [10]);
  add("layer 2", "logits z₂ = h₁·W₂ + b₂", [B, 10]);
  add("loss", "p = softmax(z₂), ∂L/∂z₂ = (p − y)/B", [B, 10]);
  add("backward", "∂L/∂W₂ = h₁ᵀ·∂L/∂z₂", [64, 10]);
  add("backward", "∂L/∂h₁ = ∂L/∂z₂·W₂ᵀ", [B, 64]);
  add("backward", "∂L/∂W₁ = xᵀ·∂L/∂z₁", [64, 64]);
  rows.push(
    `| optimizer | params, grads (one flat vector each) | ${net.params.length} | ${net.params.length} |`,
  );
  return rows.join("\n");
}

/** The network's cases and shapes table. */
export const mlp: LessonContent = {
  cases: () => ({ mlp: mlpCases() }),
  blocks: { "shapes": shapesTable },
};
