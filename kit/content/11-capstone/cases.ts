/**
 * Lesson 11's graded cases: the search space's draws, the intervals, and the protocol run by the
 * reference against the fake lab of `kit/grading/capstone_lab.ts`.
 *
 * @module
 */

import { integer, seededRandom } from "../../lib/random.ts";
import { fakeLab } from "../../grading/capstone_lab.ts";
import { sampleConfig } from "../../../solutions/11-capstone/space.ts";
import { normalInterval, wilsonInterval, Z_95 } from "../../../solutions/11-capstone/interval.ts";
import { type CapstonePlan, runCapstone } from "../../../solutions/11-capstone/capstone.ts";

/** The plans the graded protocol tests run: one without refit, one with. */
export const GRADED_PLANS: CapstonePlan[] = [
  { seed: 3, trials: 12, baselineSeeds: 3, refit: "none" },
  { seed: 11, trials: 24, baselineSeeds: 5, refit: "train+validation" },
  { seed: 7, trials: 16, baselineSeeds: 2, refit: "none" },
];

function spaceCases() {
  const stream = (seed: number | string) => {
    const random = seededRandom(seed);
    return { seed, n: 6, expected: Array.from({ length: 6 }, () => sampleConfig(random)) };
  };
  // Numeric stream seeds drawn from a string seed: the held-out draw changes them (a string seed
  // in the list would not: the learner's code reads it without the teacher's namespace).
  const seeds = seededRandom("09/space-seeds");
  return {
    streams: [0, 1, 7, "capstone", 2026].map(stream),
    random: Array.from({ length: 3 }, () => stream(integer(seeds, 0, 1_000_000_000))),
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

/**
 * Two plans drawn from a string seed, so the held-out draw changes them. A draw whose tuned
 * network falls below the baseline beyond the interval is refused (the held-out drawer then
 * draws again): the graded test states that a correct protocol never does that on these plans.
 */
function drawnPlans(): CapstonePlan[] {
  const random = seededRandom("09/plans");
  const plans = Array.from({ length: 2 }, (_, i): CapstonePlan => ({
    seed: integer(random, 0, 1_000_000),
    trials: integer(random, 8, 24),
    baselineSeeds: integer(random, 1, 5),
    refit: i === 0 ? "none" : "train+validation",
  }));
  for (const plan of plans) {
    const lab = fakeLab(0);
    const run = runCapstone(lab, plan);
    const margin = run.testAccuracy - run.interval.low;
    if (run.testAccuracy < lab.baselineTestAccuracy() - margin) {
      throw new Error(`09/plans: ${JSON.stringify(plan)} is worse than the baseline; draw again`);
    }
  }
  return plans;
}

function protocolCases() {
  const withExpected = (plans: CapstonePlan[]) =>
    plans.map((plan) => {
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
    });
  return { plans: withExpected(GRADED_PLANS), random: withExpected(drawnPlans()) };
}

/** Lesson 11's case file. */
export function capstoneCases(): Record<string, unknown> {
  return { sampleConfig: spaceCases(), intervals: intervalCases(), runCapstone: protocolCases() };
}
