/**
 * Graded cases of `pbtExploitExplore` (seeded populations, the random numbers named by a drawn
 * string seed that the test hands to `seededRandom`) and of `simulateWorkers` (job lists with
 * stragglers and ties; durations are multiples of 1/4 so that every sum is exact).
 *
 * @module
 */

import { integer, type Random, seededRandom, shuffle } from "../../lib/random.ts";
import {
  type Bound,
  type Member,
  type PbtDecision,
  pbtExploitExplore,
  type PbtOptions,
} from "../../../solutions/10-asynchronous-search/pbt.ts";
import {
  type ClockRun,
  simulateWorkers,
} from "../../../solutions/10-asynchronous-search/simulated_clock.ts";

/** One graded exploit/explore step. */
export interface PbtCase {
  population: Member[];
  options: PbtOptions;
  seed: string;
  expected: PbtDecision[];
  why: string;
}

const SPACE: Record<string, Bound> = {
  lr: { low: 1e-4, high: 1, scale: "log" },
  momentum: { low: 0, high: 0.99, scale: "linear" },
};

/** A population at a synchronisation point: scores on a 0.05 grid (ties), order shuffled. */
function population(random: Random, n: number, epoch: number): Member[] {
  const members = Array.from({ length: n }, (_, id) => ({
    id,
    score: Math.round(20 * random()) / 20,
    hyperparameters: {
      lr: Math.exp(Math.log(1e-4) + random() * Math.log(1e4)),
      momentum: 0.99 * random(),
      hidden: 16 * integer(random, 1, 8),
    },
    checkpoint: `member-${id}/epoch-${epoch}`,
  }));
  return random() < 0.5 ? members : shuffle(members, random);
}

function pbtOptions(random: Random): PbtOptions {
  const fractions = [0.2, 0.25, 0.3, 0.5];
  const probabilities = [0, 0.25, 0.5, 1];
  return {
    fraction: fractions[integer(random, 0, 3)],
    factors: random() < 0.6 ? [0.8, 1.2] : [0.5 + 0.4 * random(), 1.1 + random()],
    resampleProbability: probabilities[integer(random, 0, 3)],
    space: random() < 0.7 ? SPACE : { lr: SPACE.lr },
  };
}

/**
 * Every case of `pbtExploitExplore`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pbtCases } from "./pbt_cases.ts";
 * const cases = pbtCases();
 * assert.deepEqual(pbtCases(), cases); // seeded
 * assert.equal(cases.lesson.length, 3);
 * assert.equal(cases.random.length, 24);
 * assert.equal(cases.lesson[0].population.length, 10);
 * ```
 */
export function pbtCases(): {
  lesson: PbtCase[];
  random: PbtCase[];
  invalid: { population: Member[]; options: PbtOptions; why: string }[];
} {
  const step = (c: Omit<PbtCase, "expected">): PbtCase => ({
    ...c,
    expected: pbtExploitExplore(c.population, c.options, seededRandom(c.seed)),
  });
  const random = seededRandom("10/pbt");
  const drawnSeed = () => `pbt-${Math.floor(random() * 1e9)}`;
  return {
    lesson: lessonSteps().map(step),
    random: Array.from({ length: 24 }, (_, k) =>
      step({
        why: `seeded population ${k}`,
        population: population(random, integer(random, 2, 14), integer(random, 1, 30)),
        options: pbtOptions(random),
        seed: drawnSeed(),
      })),
    invalid: invalidSteps(),
  };
}

/** The lesson's population of 10 at epoch 4: scores with a tie, lr by id. */
function lessonPopulation(): Member[] {
  return [0.61, 0.74, 0.35, 0.8, 0.52, 0.74, 0.2, 0.66, 0.41, 0.7].map((
    score,
    id,
  ) => ({
    id,
    score,
    hyperparameters: { lr: 0.01 * 2 ** (id % 5), momentum: 0.9, hidden: 32 },
    checkpoint: `member-${id}/epoch-4`,
  }));
}

/** The PBT paper's settings: truncation at 20 %, factors 0.8 and 1.2, resampling a quarter. */
const PAPER = { fraction: 0.2, factors: [0.8, 1.2] as const, resampleProbability: 0.25 };

/** The lesson's steps, written out. */
function lessonSteps(): Omit<PbtCase, "expected">[] {
  const members = lessonPopulation();
  return [
    {
      why: "the lesson's population of 10: the bottom 2 copy members of the top 2",
      population: members,
      options: { ...PAPER, space: SPACE },
      seed: "lesson",
    },
    {
      why: "momentum 0.9 · 1.2 = 1.08 must be clipped to 0.99; lr 1 · 1.2 to 1",
      population: members.map((m) => ({
        ...m,
        hyperparameters: { lr: 1, momentum: 0.9, hidden: 32 },
      })),
      options: {
        fraction: 0.5,
        factors: [1.2, 1.2] as const,
        resampleProbability: 0,
        space: SPACE,
      },
      seed: "clip",
    },
    {
      why: "resampleProbability 1: every explored value is drawn afresh from its range",
      population: members.slice(0, 6),
      options: { ...PAPER, fraction: 0.5, resampleProbability: 1, space: SPACE },
      seed: "resample",
    },
  ];
}

/** Arguments `pbtExploitExplore` must refuse. */
function invalidSteps(): { population: Member[]; options: PbtOptions; why: string }[] {
  const members = lessonPopulation();
  return [
    {
      population: members,
      options: { ...PAPER, fraction: 0.6, space: SPACE },
      why: "fraction > 0.5",
    },
    {
      population: members,
      options: { ...PAPER, resampleProbability: 2, space: SPACE },
      why: "probability > 1",
    },
    {
      population: members,
      options: { ...PAPER, space: { lr: { low: 0, high: 1, scale: "log" } } },
      why: "a log range starting at 0",
    },
    {
      population: [members[0], members[0]],
      options: { ...PAPER, space: SPACE },
      why: "id 0 twice",
    },
  ];
}

/** One graded run of the simulated clock. */
export interface ClockCase {
  durations: number[];
  workers: number;
  expected: ClockRun;
  why: string;
}

/** A job list: mostly short jobs, a few stragglers, on a 1/4 grid so that sums are exact. */
function jobList(random: Random): number[] {
  return Array.from({ length: integer(random, 0, 30) }, () => {
    const straggler = random() < 0.15;
    return integer(random, 0, straggler ? 40 : 8) / 4;
  });
}

/**
 * Every case of `simulateWorkers`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clockCases } from "./pbt_cases.ts";
 * const cases = clockCases();
 * assert.deepEqual(clockCases(), cases); // seeded
 * assert.equal(cases.random.length, 30);
 * // Every duration is a multiple of 1/4, so every sum the clock makes is exact.
 * assert.ok(cases.random.every((c) => c.durations.every((d) => Number.isInteger(4 * d))));
 * ```
 */
export function clockCases(): {
  lesson: ClockCase[];
  random: ClockCase[];
  invalid: { durations: number[]; workers: number; why: string }[];
} {
  const run = (c: Omit<ClockCase, "expected">): ClockCase => ({
    ...c,
    expected: simulateWorkers(c.durations, c.workers),
  });
  const random = seededRandom("10/clock");
  return {
    lesson: [
      { why: "the lesson's example", durations: [3, 1, 1, 2], workers: 2 },
      {
        why: "a synchronous rung with one straggler: three workers wait for it",
        durations: [1, 1, 1, 1, 1, 1, 1, 9],
        workers: 4,
      },
      {
        why: "jobs go to the worker free first, not round-robin",
        durations: [5, 1, 1, 1, 1, 1],
        workers: 2,
      },
      { why: "equal end times: the lower worker first", durations: [2, 2, 2, 1, 1], workers: 3 },
      { why: "more workers than jobs", durations: [2, 3], workers: 8 },
      { why: "no jobs", durations: [], workers: 3 },
    ].map(run),
    random: Array.from(
      { length: 30 },
      (_, k) =>
        run({
          why: `seeded job list ${k}`,
          durations: jobList(random),
          workers: integer(random, 1, 8),
        }),
    ),
    invalid: [
      { durations: [1, 2], workers: 0, why: "no workers" },
      { durations: [1, 2], workers: 1.5, why: "workers not an integer" },
      { durations: [1, -2], workers: 2, why: "a negative duration" },
    ],
  };
}
