/**
 * Lesson 04, `adamw`: its cases, and weight decay coupled (Adam + L2, SGD + L2) against
 * decoupled (AdamW) on a parameter with no loss gradient.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber } from "../format.ts";
import { adam, adamw, type Optimizer, sgd } from "../../../solutions/04-optimizers/optimizers.ts";
import { logUniform, uniform } from "../../lib/random.ts";
import { defaultsCase, lessonCase, maybe, randomCases } from "./shared.ts";

function decayTable(): string {
  // A parameter at 1 with no loss gradient at all: only weight decay moves it.
  const lr = 1e-3, steps = 1000;
  const rows = [
    `| weight decay λ | Adam + L2 (coupled): θ after ${steps} steps | AdamW (decoupled): θ after ${steps} steps | SGD + L2, lr 0.1 |`,
    "| --- | --- | --- | --- |",
  ];
  for (const wd of [1e-4, 1e-2, 1]) {
    const run = (opt: Optimizer) => {
      const p = new Float64Array([1]);
      for (let k = 0; k < steps; k++) opt.step(p, new Float64Array([0]));
      return p[0];
    };
    rows.push(
      `| ${wd} | ${
        formatNumber(run(adam({ lr, weightDecay: wd })), { digits: 4, exponent: "sup" })
      } | ${formatNumber(run(adamw({ lr, weightDecay: wd })), { digits: 4, exponent: "sup" })} | ${
        formatNumber(run(sgd({ lr: 0.1, weightDecay: wd })), { digits: 4, exponent: "sup" })
      } |`,
    );
  }
  return rows.join("\n");
}

/** AdamW's cases and the coupled-against-decoupled decay table. */
export const adamwTopic: LessonContent = {
  cases: () => {
    const adamwAll = [
      defaultsCase({ name: "adamw", options: {} }),
      lessonCase("AdamW"),
      ...randomCases("04-adamw", 12, (r) => ({
        name: "adamw",
        options: {
          lr: logUniform(r, 0.01, 0.5),
          betas: maybe(r, 0.4, () => [uniform(r, 0.5, 0.95), uniform(r, 0.5, 0.999)]),
          eps: maybe(r, 0.4, () => logUniform(r, 0.05, 1)),
          weightDecay: maybe(r, 0.8, () => uniform(r, 0.05, 1)),
          amsgrad: maybe(r, 0.3, () => true),
        },
      }), 10),
    ];
    return { adamw: { all: adamwAll } };
  },
  blocks: { "decay-table": decayTable },
};
