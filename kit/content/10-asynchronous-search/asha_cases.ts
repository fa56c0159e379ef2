/**
 * Graded cases of `ashaNextJob`: the lesson's hand-made rung states, each aimed at one learner
 * mistake, and states reached by seeded asynchronous runs of ASHA itself (so that they are states
 * a real search passes through: promotions still running, rungs of every size, ties).
 *
 * Case files hold no NaN: a diverged score is written `null` and read back as NaN by the test.
 *
 * @module
 */

import { integer, type Random, seededRandom } from "../../lib/random.ts";
import {
  type AshaJob,
  ashaNextJob,
  type AshaRung,
} from "../../../solutions/10-asynchronous-search/asha.ts";

/** A rung as the case file holds it (diverged scores as null). */
export interface RungCase {
  results: { id: number; score: number | null }[];
  promoted: number[];
}

/** A named learner mistake a case is built to catch. */
export type AshaMistake = "wholePopulation" | "promoteTwice" | "order" | "ties" | "topRung";

/** One graded state: the rungs, η, the reference's job, and what the case is about. */
export interface AshaCase {
  rungs: RungCase[];
  eta: number;
  expected: AshaJob;
  why: string;
  mistake?: AshaMistake;
}

/**
 * The case-file rungs as the solution takes them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeRungs } from "./asha_cases.ts";
 * // JSON has no NaN: a diverged trial's score is null in the case file.
 * const rungs = [{ results: [{ id: 0, score: 0.7 }, { id: 1, score: null }], promoted: [0] }];
 * assert.deepEqual(decodeRungs(rungs), [
 *   { results: [{ id: 0, score: 0.7 }, { id: 1, score: NaN }], promoted: [0] },
 * ]);
 * ```
 */
export function decodeRungs(rungs: readonly RungCase[]): AshaRung[] {
  return rungs.map((r) => ({
    results: r.results.map(({ id, score }) => ({ id, score: score ?? NaN })),
    promoted: [...r.promoted],
  }));
}

const rung = (scores: [number, number | null][], promoted: number[] = []): RungCase => ({
  results: scores.map(([id, score]) => ({ id, score })),
  promoted,
});

/** The lesson's states, written out, each with the mistake it separates from the rule. */
function lessonStates(): Omit<AshaCase, "expected">[] {
  return [
    {
      why: "rung 0's best of three, against better scores at rung 1 (longer training)",
      mistake: "wholePopulation",
      eta: 3,
      rungs: [
        rung([[0, 0.42], [1, 0.55], [2, 0.31], [3, 0.6], [4, 0.58], [5, 0.2]], [3]),
        rung([[3, 0.81]]),
        rung([]),
      ],
    },
    {
      why: "nine results at rung 0, one at rung 1: the rung's top 3, not the pool's top 3",
      mistake: "wholePopulation",
      eta: 3,
      rungs: [
        rung([[0, 0.5], [1, 0.62], [2, 0.4], [3, 0.7], [4, 0.66], [5, 0.3], [6, 0.35], [7, 0.6], [
          8,
          0.2,
        ]], [3]),
        rung([[3, 0.9]]),
        rung([]),
      ],
    },
    {
      why: "the best of rung 0 is already promoted: the second best goes, once",
      mistake: "promoteTwice",
      eta: 2,
      rungs: [rung([[0, 0.7], [1, 0.9], [2, 0.5], [3, 0.8]], [1]), rung([])],
    },
    {
      why: "both of rung 0's top ⌊6/3⌋ = 2 are promoted (one still running): a new configuration",
      mistake: "promoteTwice",
      eta: 3,
      rungs: [
        rung([[0, 0.4], [1, 0.7], [2, 0.3], [3, 0.65], [4, 0.5], [5, 0.1]], [1, 3]),
        rung([
          [1, 0.8],
        ]),
      ],
    },
    {
      why: "rungs 0 and 1 both have a candidate: the higher rung is asked first",
      mistake: "order",
      eta: 2,
      rungs: [
        rung([[0, 0.5], [1, 0.6], [2, 0.7], [3, 0.4], [4, 0.3], [5, 0.55]], [2, 1]),
        rung([[2, 0.8], [1, 0.85]]),
        rung([]),
      ],
    },
    {
      why: "equal scores: the lower id first, not the one that finished first",
      mistake: "ties",
      eta: 3,
      rungs: [rung([[5, 0.6], [2, 0.6], [4, 0.3], [0, 0.1], [1, 0.2], [3, 0.6]]), rung([])],
    },
    {
      why: "a diverged run (score NaN) is never promoted, even when ⌊n/η⌋ reaches it",
      mistake: "ties",
      eta: 2,
      rungs: [rung([[0, null], [1, 0.4], [2, null], [3, null]], [1]), rung([])],
    },
    {
      why: "the top rung never promotes: there is no rung above it",
      mistake: "topRung",
      eta: 2,
      rungs: [rung([[0, 0.6], [1, 0.7], [2, 0.65], [3, 0.5]], [1, 2]), rung([[1, 0.9], [2, 0.95]])],
    },
    {
      why: "fewer than η results: ⌊2/3⌋ = 0 candidates, nothing to promote",
      eta: 3,
      rungs: [rung([[0, 0.9], [1, 0.8]]), rung([])],
    },
    { why: "an empty search starts a configuration", eta: 3, rungs: [rung([]), rung([])] },
  ];
}

/**
 * The state of a seeded asynchronous ASHA run stopped at a random moment: W workers ask for jobs
 * and finish them in a random order; scores grow with the rung and are rounded to 0.05 so that
 * ties happen; one configuration in twelve diverges.
 */
function reachedState(random: Random): { rungs: RungCase[]; eta: number } {
  const eta = integer(random, 2, 4);
  const rungCount = integer(random, 2, 4);
  const workers = integer(random, 1, 5);
  const rungs: RungCase[] = Array.from(
    { length: rungCount },
    () => ({ results: [], promoted: [] }),
  );
  const quality: number[] = [];
  const running: { id: number; rung: number }[] = [];
  const finish = (done: { id: number; rung: number }) => {
    const q = quality[done.id];
    const score = Number.isNaN(q) ? null : Math.round(20 * Math.min(1, q + 0.08 * done.rung)) / 20;
    rungs[done.rung].results.push({ id: done.id, score });
  };
  const steps = integer(random, 4, 60);
  for (let step = 0; step < steps; step++) {
    if (running.length < workers && (running.length === 0 || random() < 0.55)) {
      const job = ashaNextJob(decodeRungs(rungs), eta);
      if (job.kind === "promote") {
        rungs[job.rung - 1].promoted.push(job.id);
        running.push({ id: job.id, rung: job.rung });
      } else {
        quality.push(random() < 1 / 12 ? NaN : random());
        running.push({ id: quality.length - 1, rung: 0 });
      }
    } else {
      finish(running.splice(integer(random, 0, running.length - 1), 1)[0]);
    }
  }
  // Half the time, finish running jobs until one opens a promotion: the moments that test most.
  if (random() < 0.5) {
    while (running.length > 0 && ashaNextJob(decodeRungs(rungs), eta).kind === "new") {
      finish(running.splice(integer(random, 0, running.length - 1), 1)[0]);
    }
  }
  return { rungs, eta };
}

/**
 * Every case of `ashaNextJob` for `kit/cases/10-asynchronous-search.json`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ashaCases } from "./asha_cases.ts";
 * const cases = ashaCases();
 * assert.deepEqual(ashaCases(), cases); // seeded: the case file is the same on every sync
 * assert.ok(cases.lesson.every((c) => c.why.length > 0));
 * assert.ok(cases.invalid.length > 0);
 * ```
 */
export function ashaCases(): {
  lesson: AshaCase[];
  reached: AshaCase[];
  invalid: { rungs: RungCase[]; eta: number; why: string }[];
} {
  const withJob = (c: Omit<AshaCase, "expected">): AshaCase => ({
    ...c,
    expected: ashaNextJob(decodeRungs(c.rungs), c.eta),
  });
  const random = seededRandom("10/asha");
  const reached = Array.from({ length: 40 }, (_, k) =>
    withJob({
      ...reachedState(random),
      why: `a state reached by seeded asynchronous run ${k}`,
    }));
  return {
    lesson: lessonStates().map(withJob),
    reached,
    invalid: [
      { rungs: [rung([[0, 0.5]])], eta: 1, why: "eta must be > 1" },
      { rungs: [], eta: 3, why: "no rungs" },
      { rungs: [rung([[0, 0.5], [0, 0.6]]), rung([])], eta: 2, why: "id 0 has two results" },
      {
        rungs: [rung([[0, 0.5], [1, 0.6]], [2]), rung([])],
        eta: 2,
        why: "promoted id 2 has no result",
      },
      { rungs: [rung([[0, 0.5], [1, 0.6]], [1, 1]), rung([])], eta: 2, why: "id 1 promoted twice" },
    ],
  };
}
