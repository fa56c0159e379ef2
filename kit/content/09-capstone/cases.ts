/**
 * Lesson 09's graded cases: the search space's draws, the intervals, and the protocol run by the
 * reference against the fake lab of `kit/grading/capstone_lab.ts`.
 *
 * @module
 */

import { integer, seededRandom } from "../../lib/random.ts";
import { fakeLab } from "../../grading/capstone_lab.ts";
import { sampleConfig } from "../../../solutions/09-capstone/space.ts";
import { normalInterval, wilsonInterval, Z_95 } from "../../../solutions/09-capstone/interval.ts";
import { type CapstonePlan, runCapstone } from "../../../solutions/09-capstone/capstone.ts";

/** The plans the graded protocol tests run: one without refit, one with. */
export const GRADED_PLANS: CapstonePlan[] = [
  { seed: 3, trials: 12, baselineSeeds: 3, refit: "none" },
  { seed: 11, trials: 24, baselineSeeds: 5, refit: "train+validation" },
  { seed: 7, trials: 16, baselineSeeds: 2, refit: "none" },
];

function spaceCases() {
  const seeds = [0, 1, 7, "capstone", 2026];
  return {
    streams: seeds.map((seed) => {
      const random = seededRandom(seed);
      return { seed, n: 6, expected: Array.from({ length: 6 }, () => sampleConfig(random)) };
    }),
  };
}

function intervalCases() {
  const random = seededRandom("09/interval");
  const inputs = [
    { correct: 349, n: 360 },
    { correct: 360, n: 360 },
    { correct: 0, n: 360 },
    { correct: 1, n: 2 },
    { correct: 9, n: 10 },
    ...Array.from({ length: 12 }, () => {
      const n = integer(random, 1, 2000);
      return { correct: integer(random, 0, n), n };
    }),
  ];
  const withZ = inputs.map((c, i) => ({ ...c, z: i % 3 === 2 ? 2.5758293035489 : Z_95 }));
  return {
    normal: withZ.map((c) => ({ ...c, expected: normalInterval(c.correct, c.n, c.z) })),
    wilson: withZ.map((c) => ({ ...c, expected: wilsonInterval(c.correct, c.n, c.z) })),
    invalid: [{ correct: 5, n: 0 }, { correct: 11, n: 10 }, { correct: -1, n: 10 }, {
      correct: 2.5,
      n: 10,
    }],
  };
}

function protocolCases() {
  return {
    plans: GRADED_PLANS.map((plan) => {
      const lab = fakeLab(0);
      const run = runCapstone(lab, plan);
      const tested = lab.calls.find((c) => c.kind === "test");
      return {
        plan,
        expected: {
          baselineScores: run.baselineScores,
          bestId: run.bestId,
          bestValidation: run.bestValidation,
          testCorrect: run.testCorrect,
          testRows: run.testRows,
          interval: run.interval,
          optimismGap: run.optimismGap,
          epochsTrained: run.epochsTrained,
          testedModel: tested?.kind === "test" ? tested.model.id : "none",
        },
      };
    }),
  };
}

/** Lesson 09's case file. */
export function capstoneCases(): Record<string, unknown> {
  return { sampleConfig: spaceCases(), intervals: intervalCases(), runCapstone: protocolCases() };
}
