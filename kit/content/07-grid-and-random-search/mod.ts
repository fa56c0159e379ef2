/**
 * Lesson 07's generator: graded-test cases, computed by the reference in
 * `solutions/07-grid-and-random-search/`, and the lesson's experiments (tables and figures),
 * which train the MLP through `kit/engine` (see `./07-grid-and-random-search/experiments.ts`).
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, type Random, seededRandom } from "../../lib/random.ts";
import { gridSize } from "../../../solutions/01-parameters-and-hyperparameters/search_space.ts";
import {
  type Grid,
  gridPoints,
  type Value,
} from "../../../solutions/07-grid-and-random-search/grid.ts";
import {
  type Distribution,
  sample,
} from "../../../solutions/07-grid-and-random-search/distributions.ts";
import {
  randomConfigurations,
  type Space,
} from "../../../solutions/07-grid-and-random-search/random_search.ts";
import {
  firstPrimes,
  haltonScrambling,
  quasiRandomConfigurations,
  radicalInverse,
  scrambledRadicalInverse,
} from "../../../solutions/07-grid-and-random-search/quasi_random.ts";
import {
  formatTrialLog,
  type TrialRecord,
} from "../../../solutions/07-grid-and-random-search/tracker.ts";
import {
  expectedMaxPerformance,
  incumbentCurve,
} from "../../../solutions/07-grid-and-random-search/budget.ts";
import { blocks, figures, values } from "./experiments.ts";
import { quasiBlocks, quasiValues } from "./quasi.ts";

/** JSON cannot hold NaN or ±Infinity: such numbers are written as `{ "number": "NaN" }`. */
const encode = (v: number | string | boolean): number | string | boolean | { number: string } =>
  typeof v === "number" && !Number.isFinite(v) ? { number: String(v) } : v;

/** The lesson's grid (lr × L2, 3 × 3) and its random-search space. */
export const LESSON_GRID: Grid = { lr: [0.003, 0.03, 0.3], l2: [1e-5, 1e-3, 1e-1] };
/** The random-search space of the lesson's examples. */
export const LESSON_SPACE: Space = {
  lr: { type: "logUniform", low: 1e-4, high: 1 },
  l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
  hidden: { type: "logInteger", low: 8, high: 256 },
  optimizer: { type: "choice", values: ["sgd", "adam"] },
  dropout: { type: "uniform", low: 0, high: 0.5 },
  batchSize: { type: "integer", low: 16, high: 64 },
};

function randomValues(random: Random, count: number): Value[] {
  const kinds = [
    () => integer(random, -5, 50),
    () => Math.round(1e4 * random()) / 1e4,
    () => ["sgd", "adam", "rmsprop", "relu", "tanh"][integer(random, 0, 4)],
    () => random() < 0.5,
  ];
  const kind = kinds[integer(random, 0, kinds.length - 1)];
  return Array.from({ length: count }, () => kind());
}

function gridCases(): unknown {
  const random = seededRandom("07/grid");
  const lesson = [
    { grid: { lr: [0.1, 0.01], l2: [0, 1e-4] } },
    { grid: LESSON_GRID },
    { grid: { optimizer: ["sgd", "adam"], lr: [0.01, 0.001], nesterov: [true, false] } },
  ].map(({ grid }) => ({ grid, expected: gridPoints(grid) }));
  const randomGrids = [];
  for (let k = 0; k < 10; k++) {
    const grid: Grid = {};
    const names = ["lr", "l2", "batchSize", "optimizer", "dropout", "hidden", "epochs"];
    const count = integer(random, 1, 4);
    for (let d = 0; d < count; d++) {
      const name = names.splice(integer(random, 0, names.length - 1), 1)[0];
      grid[name] = randomValues(random, integer(random, 1, 4));
    }
    randomGrids.push({ grid, expected: gridPoints(grid) });
  }
  // Lesson 01's 9,216-point grid: too big to store, so its size and a few of its points.
  const counts = [4, 4, 4, 4, 4, 3, 3];
  const names = ["lr", "batchSize", "hidden", "layers", "dropout", "optimizer", "activation"];
  const big: Grid = {};
  names.forEach((name, d) =>
    big[name] = Array.from({ length: counts[d] }, (_, i) => `${name}-${i}`)
  );
  const points = gridPoints(big);
  const indices = [0, 1, 2, 3, 9, 10, 100, 1000, 4607, 4608, 9214, 9215];
  return {
    lesson,
    random: randomGrids,
    lesson01: {
      grid: big,
      size: gridSize(counts),
      indices,
      points: indices.map((i) => points[i]),
    },
    invalid: [
      { grid: { lr: [0.1], l2: [] }, names: "l2" },
      { grid: { momentum: [], lr: [0.1, 0.2] }, names: "momentum" },
    ],
  };
}

/** Every distribution of the lesson, each with the values a seeded stream gives. */
function sampleCases(): unknown {
  const sets: Record<string, Distribution[]> = {
    choice: [
      { type: "choice", values: ["sgd", "adam", "rmsprop"] },
      { type: "choice", values: [16, 32, 64, 128] },
      { type: "choice", values: [true] },
    ],
    uniform: [{ type: "uniform", low: 0, high: 0.5 }, { type: "uniform", low: -3, high: 7 }],
    logUniform: [
      { type: "logUniform", low: 1e-4, high: 1 },
      { type: "logUniform", low: 1e-6, high: 1e-1 },
      { type: "logUniform", low: 0.5, high: 2 },
    ],
    integer: [{ type: "integer", low: 16, high: 64 }, { type: "integer", low: -2, high: 2 }, {
      type: "integer",
      low: 5,
      high: 5,
    }],
    logInteger: [
      { type: "logInteger", low: 8, high: 256 },
      { type: "logInteger", low: 1, high: 1000 },
      { type: "logInteger", low: 3, high: 4 },
    ],
  };
  const exact: Record<string, unknown> = {};
  // The samplers' seeds are drawn too, so the grade of record's held-out draw changes them.
  const seeds = seededRandom("07/sample-seeds");
  for (const [type, list] of Object.entries(sets)) {
    exact[type] = list.map((distribution, k) => {
      const seed = `07/sample/${type}/${k}/${integer(seeds, 0, 999_999)}`;
      const random = seededRandom(seed);
      const values = Array.from({ length: 20 }, () => sample(distribution, random));
      return { distribution: distribution, seed, values };
    });
  }
  // Sample statistics: fractions that hold for any correct sampler, whatever its stream.
  const decades = [1e-4, 1e-3, 1e-2, 1e-1, 1];
  return {
    exact,
    draws: 4000,
    logUniformDecades: {
      distribution: { type: "logUniform", low: 1e-4, high: 1 },
      seed: `07/stats/log-uniform/${integer(seeds, 0, 999_999)}`,
      edges: decades,
      expected: decades.slice(1).map(() => 1 / (decades.length - 1)),
    },
    logIntegerRanges: {
      distribution: { type: "logInteger", low: 1, high: 999 },
      seed: `07/stats/log-integer/${integer(seeds, 0, 999_999)}`,
      edges: [1, 10, 100, 1000],
      // floor of a log-uniform number in [1, 1000): each decade of integers gets a third.
      expected: [1 / 3, 1 / 3, 1 / 3],
    },
    integerCounts: {
      distribution: { type: "integer", low: 1, high: 6 },
      seed: `07/stats/integer/${integer(seeds, 0, 999_999)}`,
      expected: Array.from({ length: 6 }, () => 1 / 6),
    },
    invalid: [
      { distribution: { type: "logUniform", low: 0, high: 1 }, why: "low must be > 0" },
      { distribution: { type: "logUniform", low: 1, high: 0.1 }, why: "low must be < high" },
      { distribution: { type: "uniform", low: 1, high: 1 }, why: "low must be < high" },
      { distribution: { type: "integer", low: 1.5, high: 4 }, why: "integer bounds" },
      { distribution: { type: "logInteger", low: 0, high: 4 }, why: "low must be >= 1" },
      { distribution: { type: "choice", values: [] }, why: "no values" },
    ],
  };
}

/**
 * The draw the graded tests of the searches inject instead of `sample`: the stream's number
 * itself, so a search is graded on its order of draws alone and a mistake in `sample` costs
 * points in `sample`'s tests only.
 */
const drawU = (_distribution: Distribution, random: Random): Value => random();

function randomSearchCases(): unknown {
  const spaces: Space[] = [
    LESSON_SPACE,
    {
      lr: { type: "logUniform", low: 1e-4, high: 1 },
      l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
    },
    {
      momentum: { type: "uniform", low: 0.5, high: 0.99 },
      epochs: { type: "integer", low: 5, high: 50 },
    },
  ];
  const cases: unknown[] = [];
  // The string seeds are drawn, so the grade of record's held-out draw changes them.
  const seeds = seededRandom("07/search-seeds");
  spaces.forEach((space, k) => {
    for (const seed of [0, 7, `run-${k}-${integer(seeds, 0, 999_999)}`]) {
      cases.push({
        space: space,
        seed,
        n: 8,
        expected: randomConfigurations(space, 8, seed, drawU),
      });
    }
  });
  const prefixSeed = `prefix-${integer(seeds, 0, 999_999)}`;
  return {
    cases,
    prefix: {
      space: LESSON_SPACE,
      seed: prefixSeed,
      n: 12,
      ks: [0, 1, 2, 5, 11],
      expected: randomConfigurations(LESSON_SPACE, 12, prefixSeed, drawU),
    },
  };
}

/** Cases of the quasi-random exercise: radical inverses, scrambled ones, whole searches. */
function quasiRandomCases(): unknown {
  const random = seededRandom("07/quasi-random");
  const primes = firstPrimes(30);
  const inverse = (index: number, base: number) => ({
    index,
    base,
    expected: radicalInverse(index, base),
  });
  const lesson = [
    ...Array.from({ length: 9 }, (_, i) => inverse(i, 2)),
    ...Array.from({ length: 10 }, (_, i) => inverse(i, 3)),
    inverse(24, 991),
    inverse(991, 991),
    inverse(992, 991),
  ];
  const drawn = Array.from(
    { length: 20 },
    () => inverse(integer(random, 0, 1_000_000), primes[integer(random, 0, primes.length - 1)]),
  );
  const scrambled = Array.from({ length: 15 }, (_, k) => {
    const dimensions = integer(random, 1, 12);
    const { base, permutation } =
      haltonScrambling(dimensions, `07/quasi/${k}/${integer(random, 0, 999_999)}`)[dimensions - 1];
    const index = integer(random, 0, 100_000);
    return {
      index,
      base,
      permutation,
      expected: scrambledRadicalInverse(index, base, permutation),
    };
  });
  const spaces: Space[] = [
    LESSON_SPACE,
    {
      lr: { type: "logUniform", low: 1e-4, high: 1 },
      l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
    },
    { x: { type: "uniform", low: 0, high: 1 }, y: { type: "uniform", low: 0, high: 1 } },
  ];
  const searches = spaces.flatMap((space, k) =>
    [0, 7, `quasi-${k}-${integer(random, 0, 999_999)}`].map((seed) => ({
      space,
      seed,
      n: 10,
      expected: quasiRandomConfigurations(space, 10, seed, drawU),
    }))
  );
  const prefixSeed = `quasi-prefix-${integer(random, 0, 999_999)}`;
  return {
    radicalInverse: { lesson, random: drawn },
    scrambled: {
      lesson: [{ index: 5, base: 3, permutation: [0, 2, 1], expected: 1 / 3 + 2 / 9 }],
      random: scrambled,
      invalid: [
        { index: 5, base: 3, permutation: [1, 0, 2], why: "permutation[0] must be 0" },
        { index: 5, base: 3, permutation: [0, 1], why: "one digit per value of the base" },
        { index: 5, base: 3, permutation: [0, 1, 1], why: "each digit once" },
      ],
    },
    invalidInverse: [
      { index: -1, base: 2, why: "a negative index" },
      { index: 1.5, base: 2, why: "a fractional index" },
      { index: 3, base: 1, why: "base below 2" },
      { index: 3, base: 2.5, why: "a fractional base" },
    ],
    searches,
    prefix: {
      space: LESSON_SPACE,
      seed: prefixSeed,
      n: 12,
      ks: [0, 1, 2, 5, 11],
      expected: quasiRandomConfigurations(LESSON_SPACE, 12, prefixSeed, drawU),
    },
  };
}

function trackerCases(): unknown {
  const random = seededRandom("07/tracker");
  const columns = [
    "id",
    "seed",
    "lr",
    "l2",
    "optimizer",
    "note",
    "score",
    "loss",
    "status",
    "train_s",
  ];
  const make = (rows: number): TrialRecord[] =>
    Array.from({ length: rows }, (_, id) => {
      const diverged = random() < 0.25;
      return {
        id,
        seed: integer(random, 0, 2 ** 31 - 1),
        lr: sample({ type: "logUniform", low: 1e-4, high: 1 }, random),
        l2: [0, 1e-5, 1e-3][integer(random, 0, 2)],
        optimizer: ["sgd", "adam"][integer(random, 0, 1)],
        note: [
          "",
          "first try",
          "relu, then tanh",
          'a "quoted" word',
          "two\nlines",
        ][integer(random, 0, 4)],
        score: Math.round(1e4 * random()) / 1e4,
        loss: diverged ? NaN : random(),
        status: diverged ? "diverged" : "ok",
        train_s: Math.round(1e3 * 5 * random()) / 1e3,
      };
    });
  const logs = [
    { columns: ["id", "lr", "note"], rows: [{ id: 0, lr: 0.01, note: "fast, stable" }] },
    { columns, rows: make(6) },
    { columns, rows: make(10) },
    {
      columns: ["id", "ok", "loss"],
      rows: [{ id: 0, ok: true, loss: Infinity }, { id: 1, ok: false, loss: -Infinity }],
    },
    { columns: ["id", "score"], rows: [] },
  ];
  return {
    logs: logs.map(({ columns, rows }) => ({
      columns,
      rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, encode(v)]))),
      text: formatTrialLog(columns, rows),
    })),
    refusedWrites: [
      { columns: ["id", "lr"], rows: [{ id: 0 }], names: "lr", why: "a missing cell" },
      { columns: ["id"], rows: [{ id: 0, lr: 0.1 }], names: "lr", why: "a cell with no column" },
      {
        columns: ["id", "note"],
        rows: [{ id: 0, note: "0.1" }],
        names: "note",
        why: "a string that reads back as a number",
      },
    ],
    refusedReads: [
      { text: "", why: "no header" },
      { text: "id,lr\n0,0.1\n1\n", why: "a row with too few cells" },
      { text: "id,lr\n0,0.1,extra\n", why: "a row with too many cells" },
      { text: 'id,note\n0,"unclosed\n', why: "an unclosed quote" },
    ],
  };
}

function budgetCases(): unknown {
  const random = seededRandom("07/budget");
  const lessonScores = [0.2, 0.4, 0.9];
  const incumbent = [
    [0.5, NaN, 0.7, 0.6, 0.9],
    [NaN, NaN, 0.3, Infinity, 0.2, 0.3, -Infinity, 0.31],
    [0.9, 0.8, 0.7],
  ];
  for (let k = 0; k < 6; k++) {
    incumbent.push(
      Array.from(
        { length: integer(random, 5, 25) },
        () => random() < 0.15 ? NaN : Math.round(100 * random()) / 100,
      ),
    );
  }
  const expected = [];
  for (const n of [1, 2, 3, 10]) {
    expected.push({ scores: lessonScores, n, expected: expectedMaxPerformance(lessonScores, n) });
  }
  for (let k = 0; k < 10; k++) {
    // Accuracies on a validation set of 360 rows: many ties, as in a real search.
    const scores = Array.from(
      { length: integer(random, 1, 40) },
      () => integer(random, 300, 360) / 360,
    );
    const n = integer(random, 1, 60);
    expected.push({ scores, n, expected: expectedMaxPerformance(scores, n) });
  }
  return {
    incumbent: incumbent.map((scores) => ({
      scores: scores.map(encode),
      expected: incumbentCurve(scores).map(encode),
    })),
    expectedMax: expected,
    invalid: [
      { scores: [], n: 3, why: "no scores" },
      { scores: [0.5, 0.7], n: 0, why: "n < 1" },
      { scores: [0.5, 0.7], n: 2.5, why: "n not an integer" },
      { scores: [0.5, { number: "NaN" }], n: 2, why: "a non-finite score" },
    ],
  };
}

/** The lesson's generator. */
export const content: LessonContent = {
  // Plain data; the sync step refuses, naming the place, anything JSON cannot hold.
  cases: () => ({
    gridPoints: gridCases(),
    sample: sampleCases(),
    randomConfigurations: randomSearchCases(),
    quasiRandom: quasiRandomCases(),
    trialLog: trackerCases(),
    budget: budgetCases(),
  }),
  blocks: { ...blocks, ...quasiBlocks },
  values: { ...values, ...quasiValues },
  figures,
};
