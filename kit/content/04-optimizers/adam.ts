/**
 * Lesson 04, `adam`: cases at the defaults and with every option (AMSGrad included), and the
 * first step's size against Keras's ε placement.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber } from "../format.ts";
import { adam } from "../../../solutions/04-optimizers/optimizers.ts";
import { logUniform, uniform } from "../../lib/random.ts";
import { defaultsCase, lessonCase, maybe, randomCases } from "./shared.ts";

// Keras's Adam ("epsilon hat"): θ ← θ − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m/(√v + ε̂), ε̂ = 1e-7.
function kerasAdamFirstStep(g: number, lr: number, eps: number): number {
  const b1 = 0.9, b2 = 0.999;
  const m = (1 - b1) * g, v = (1 - b2) * g * g;
  const alpha = lr * Math.sqrt(1 - b2) / (1 - b1);
  return alpha * m / (Math.sqrt(v) + eps);
}

function epsilonTable(): string {
  const lr = 1e-3;
  const rows = [
    "| gradient g | PyTorch Adam first step (ε = 1e-8 on √v̂) | Keras Adam first step (ε̂ = 1e-7 on √v) |",
    "| --- | --- | --- |",
  ];
  for (const g of [1, 1e-3, 1e-6, 1e-7, 1e-8, 1e-9]) {
    const p = new Float64Array([0]);
    adam({ lr }).step(p, new Float64Array([g]));
    rows.push(
      `| ${formatNumber(g, { digits: 1, exponent: "sup" })} | ${
        formatNumber(-p[0], { digits: 4, exponent: "sup" })
      } | ${formatNumber(kerasAdamFirstStep(g, lr, 1e-7), { digits: 4, exponent: "sup" })} |`,
    );
  }
  return rows.join("\n");
}

/** Adam's cases and the ε table against Keras. */
export const adamTopic: LessonContent = {
  cases: () => {
    const adamDefaults = [
      defaultsCase({ name: "adam", options: {} }),
      lessonCase("Adam"),
      ...randomCases("04-adam-defaults", 8, (r) => ({
        name: "adam",
        options: {
          lr: maybe(r, 0.7, () => logUniform(r, 0.001, 0.3)),
        },
      }), 10),
    ];
    const adamOptions = randomCases("04-adam-options", 16, (r) => {
      const amsgrad = r() < 0.5 ? true : undefined;
      return {
        name: "adam",
        options: {
          lr: logUniform(r, 0.01, 0.5),
          // A small β₂ lets v shrink quickly, so AMSGrad's running maximum differs from v.
          betas: r() < 0.7
            ? [uniform(r, 0.5, 0.95), amsgrad ? uniform(r, 0.3, 0.7) : uniform(r, 0.5, 0.999)]
            : undefined,
          eps: maybe(r, 0.6, () => logUniform(r, 0.05, 1)),
          weightDecay: maybe(r, 0.4, () => uniform(r, 0.01, 0.5)),
          amsgrad,
        },
      };
    }, 12);
    return { adam: { defaults: adamDefaults, options: adamOptions } };
  },
  blocks: { "keras-epsilon": epsilonTable },
};
