/**
 * Graded cases of `medianStoppingDecision`: the lesson's examples, each aimed at one learner
 * mistake, and trials of seeded searches with completed, stopped and running neighbours.
 *
 * @module
 */

import { integer, type Random, seededRandom } from "../../lib/random.ts";
import {
  type MedianDecision,
  medianStoppingDecision,
  type MedianStoppingOptions,
  type OtherTrial,
} from "../../../solutions/10-asynchronous-search/median_stopping.ts";

/** A named learner mistake a case is built to catch. */
export type MedianMistake = "running" | "last" | "othersBest" | "wholeCurve" | "strict" | "short";

/** One graded decision. */
export interface MedianCase {
  curve: number[];
  others: OtherTrial[];
  options: MedianStoppingOptions;
  expected: MedianDecision;
  why: string;
  mistake?: MedianMistake;
}

const done = (curve: number[]): OtherTrial => ({ curve, completed: true });
const running = (curve: number[]): OtherTrial => ({ curve, completed: false });

/** Three completed trials most of the lesson's examples compare with. */
const threeDone = () => [done([0.5, 0.7, 0.9]), done([0.3, 0.5, 0.6]), done([0.6, 0.8, 0.9])];

/** The lesson's examples, written out: the rule's, then the guards'. */
function lessonDecisions(): Omit<MedianCase, "expected">[] {
  return [...ruleDecisions(), ...guardDecisions()];
}

/** The lesson's example of the rule, then one case per learner mistake. */
function ruleDecisions(): Omit<MedianCase, "expected">[] {
  const three = threeDone();
  return [
    {
      why: "the lesson's example: best 0.55 below the median 0.6 of the running averages",
      curve: [0.45, 0.55],
      others: [...three, running([0.9, 0.95])],
      options: {},
    },
    {
      why: "three running trials with high scores must not raise the median",
      mistake: "running",
      curve: [0.4, 0.5],
      others: [
        done([0.2, 0.4, 0.5]),
        done([0.3, 0.4, 0.6]),
        ...[0.85, 0.9, 0.88].map((y) => running([y, y])),
      ],
      options: {},
    },
    {
      why: "running trials with low scores must not lower it either",
      mistake: "running",
      curve: [0.5, 0.55],
      others: [...three, ...[0.1, 0.15, 0.2, 0.12].map((y) => running([y, y, y]))],
      options: {},
    },
    {
      why: "the trial's BEST so far counts, not its last score",
      mistake: "last",
      curve: [0.5, 0.75, 0.55],
      others: three,
      options: {},
    },
    {
      why: "the others' running averages, not their best scores",
      mistake: "othersBest",
      curve: [0.4, 0.6],
      others: [done([0.2, 0.9, 0.9]), done([0.3, 0.85, 0.9]), done([0.1, 0.95, 0.95])],
      options: {},
    },
    {
      why: "the others' averages over their first s steps only, not their whole curves",
      mistake: "wholeCurve",
      curve: [0.35],
      others: [done([0.3, 0.8, 0.9]), done([0.2, 0.7, 0.9]), done([0.4, 0.9, 0.9])],
      options: {},
    },
    {
      why: "equal to the median is not strictly worse: the trial goes on",
      mistake: "strict",
      curve: [0.5, 0.6],
      others: three,
      options: {},
    },
    {
      why: "a completed trial that stopped before step s has no average there and does not count",
      mistake: "short",
      curve: [0.2, 0.3, 0.36],
      others: [done([0.1]), done([0.05, 0.1]), done([0.3, 0.3, 0.4]), done([0.2, 0.4, 0.5, 0.6])],
      options: {},
    },
  ];
}

/** The guards: the grace period, too few completed trials, nothing to compare with. */
function guardDecisions(): Omit<MedianCase, "expected">[] {
  const three = threeDone();
  return [
    {
      why: "inside the grace period nothing stops, but the numbers are still reported",
      curve: [0.1, 0.1],
      others: three,
      options: { graceSteps: 3 },
    },
    {
      why: "fewer completed trials than minTrials: no stop",
      curve: [0.1, 0.1],
      others: three,
      options: { minTrials: 4 },
    },
    {
      why: "the first trial of a search has nothing to compare with",
      curve: [0.3],
      others: [],
      options: {},
    },
  ];
}

/** A learning curve: rises towards a ceiling at its own speed, rounded to 0.01 (ties happen). */
function curveOf(random: Random, length: number, scale = 1): number[] {
  const ceiling = scale * (0.3 + 0.65 * random()), speed = 0.5 + 6 * random();
  return Array.from({ length }, (_, t) => {
    const noise = 0.04 * (random() - 0.5);
    return Math.round(100 * Math.min(1, ceiling * (1 - Math.exp(-(t + 1) / speed)) + noise)) /
      100;
  });
}

/** A trial of a seeded search, with its neighbours at the moment it reports its latest step. */
function searchDecision(random: Random): Omit<MedianCase, "expected" | "why"> {
  const steps = integer(random, 6, 15);
  const others = Array.from({ length: integer(random, 1, 9) }, () => {
    const completed = random() < 0.65;
    // A completed trial ran to the end or was stopped early; a running one is anywhere.
    const length = completed && random() < 0.7 ? steps : integer(random, 1, steps);
    return { curve: curveOf(random, length), completed };
  });
  return {
    // Half the trials judged are poor ones, so that both decisions are common.
    curve: curveOf(random, integer(random, 1, steps), random() < 0.5 ? 0.6 : 1),
    others,
    options: { graceSteps: integer(random, 1, 3), minTrials: integer(random, 1, 3) },
  };
}

/**
 * Every case of `medianStoppingDecision`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { medianCases } from "./median_cases.ts";
 * const cases = medianCases();
 * assert.deepEqual(medianCases(), cases); // seeded
 * assert.equal(cases.searches.length, 40);
 * // The lesson's example: best 0.55 is below the median 0.6 of the others' running averages.
 * assert.equal(cases.lesson[0].expected.stop, true);
 * assert.equal(cases.lesson[0].expected.best, 0.55);
 * ```
 */
export function medianCases(): {
  lesson: MedianCase[];
  searches: MedianCase[];
  invalid: { curve: number[]; options: MedianStoppingOptions; why: string }[];
} {
  const decide = (c: Omit<MedianCase, "expected">): MedianCase => ({
    ...c,
    expected: medianStoppingDecision(c.curve, c.others, c.options),
  });
  const random = seededRandom("10/median");
  return {
    lesson: lessonDecisions().map(decide),
    searches: Array.from(
      { length: 40 },
      (_, k) => decide({ ...searchDecision(random), why: `seeded search ${k}` }),
    ),
    invalid: [
      { curve: [], options: {}, why: "no step reported" },
      { curve: [0.5], options: { graceSteps: 0 }, why: "graceSteps < 1" },
      { curve: [0.5], options: { minTrials: 1.5 }, why: "minTrials not an integer" },
    ],
  };
}
