/**
 * Lesson 06, selection (`solutions/06-validation/select.ts`): graded cases for the tie rule, the
 * spread of one configuration over seeds (digits, iris), and the winner's curse.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, markdownTable } from "../format.ts";
import { lineChart } from "../../lib/plot.ts";
import { integer, logUniform, seededRandom } from "../../lib/random.ts";
import { countParameters } from "../../../solutions/01-parameters-and-hyperparameters/count_parameters.ts";
import {
  compareTrials,
  selectBest,
  type TrialScore,
} from "../../../solutions/06-validation/select.ts";
import { meanAndSd, pairedDifference } from "../../../solutions/06-validation/cross_validate.ts";
import { stratifiedSplit } from "../../../solutions/06-validation/split.ts";
import { applyScaler, fitScaler } from "../../../solutions/06-validation/scaler.ts";
import { streamSeed } from "../../../solutions/06-validation/streams.ts";
import {
  dataset,
  type JsonNumber,
  jsonNumber,
  pct,
  type Setup,
  splitExamples,
  trainee,
} from "./shared.ts";

// Graded cases

/** A trial as the cases hold it. */
interface JsonTrial {
  id: number;
  score: JsonNumber;
  loss: JsonNumber;
  cost: JsonNumber;
}

const toJson = (t: TrialScore): JsonTrial => ({
  id: t.id,
  score: jsonNumber(t.score),
  loss: jsonNumber(t.loss),
  cost: jsonNumber(t.cost),
});
const trial = (id: number, score: number, loss: number, cost: number): TrialScore => ({
  id,
  score,
  loss,
  cost,
});

interface CompareCase {
  note: string;
  a: JsonTrial;
  b: JsonTrial;
  /** The sign of compareTrials(a, b): -1 (a first), 0 or 1. */
  sign: number;
}

interface SelectCase {
  note: string;
  trials: JsonTrial[];
  best: number;
  /** The ids in the order the rule ranks them. */
  ranking: number[];
}

function compareCases(): CompareCase[] {
  const pairs: [string, TrialScore, TrialScore][] = [
    ["higher score wins", trial(0, 0.9, 0.5, 10), trial(1, 0.95, 0.9, 50)],
    ["equal scores: lower loss wins", trial(3, 0.9, 0.30, 10), trial(1, 0.9, 0.25, 20)],
    ["equal score and loss: cheaper wins", trial(0, 0.9, 0.3, 10), trial(1, 0.9, 0.3, 8)],
    ["all equal but the id: lower id wins", trial(4, 0.9, 0.3, 10), trial(2, 0.9, 0.3, 10)],
    ["a diverged score comes last", trial(0, NaN, 0.1, 1), trial(1, 0.2, 2.5, 9)],
    ["a diverged loss comes last", trial(0, 0.99, Infinity, 1), trial(1, 0.2, 2.5, 9)],
    ["two diverged: lower id first", trial(5, NaN, NaN, 1), trial(3, -Infinity, NaN, 9)],
    ["the same trial twice", trial(7, 0.8, 0.4, 3), trial(7, 0.8, 0.4, 3)],
    ["a NaN cost counts as the most expensive", trial(0, 0.9, 0.3, NaN), trial(1, 0.9, 0.3, 1e9)],
  ];
  // Seeded random pairs with coarse values (so ties reach the later keys): the grade of
  // record's held-out draw changes them.
  const random = seededRandom("06/compare");
  const drawn = (id: number) =>
    trial(
      id,
      integer(random, 27, 30) / 30,
      integer(random, 1, 3) / 10,
      integer(random, 1, 3) * 100,
    );
  for (let k = 0; k < 4; k++) pairs.push(["seeded random trials", drawn(2 * k), drawn(2 * k + 1)]);
  const cases: CompareCase[] = [];
  for (const [note, a, b] of pairs) {
    cases.push({ note, a: toJson(a), b: toJson(b), sign: Math.sign(compareTrials(a, b)) });
    if (a.id !== b.id) {
      cases.push({
        note: `${note} (swapped)`,
        a: toJson(b),
        b: toJson(a),
        sign: Math.sign(compareTrials(b, a)),
      });
    }
  }
  return cases;
}

function selectCases(): SelectCase[] {
  const random = seededRandom("06/select");
  const lists: [string, TrialScore[]][] = [
    ["the lesson's example", [
      trial(0, 0.95, 0.2, 10),
      trial(1, NaN, NaN, 5),
      trial(2, 0.95, 0.2, 8),
    ]],
    ["a tie on score, broken by loss", [
      trial(0, 0.9667, 0.12, 100),
      trial(1, 1, 0.3, 100),
      trial(2, 1, 0.25, 200),
      trial(3, 0.9333, 0.05, 50),
    ]],
    ["everything diverged", [trial(3, NaN, NaN, 1), trial(1, NaN, 0.2, 1), trial(2, 0.5, NaN, 1)]],
    ["ids not in list order", [
      trial(9, 0.8, 0.5, 4),
      trial(2, 0.8, 0.5, 4),
      trial(5, 0.8, 0.5, 4),
    ]],
    ["one trial", [trial(0, 0.5, 1, 1)]],
  ];
  for (let t = 0; t < 4; t++) {
    // Scores on a coarse grid (as accuracies on a small validation set are), so ties happen.
    const n = integer(random, 5, 14);
    const trials = Array.from({ length: n }, (_, id) => {
      const diverged = random() < 0.15;
      return trial(
        id,
        diverged ? NaN : integer(random, 27, 30) / 30,
        diverged ? NaN : integer(random, 1, 4) / 10,
        integer(random, 1, 3) * 100,
      );
    });
    lists.push(["seeded random trials with ties", trials]);
  }
  return lists.map(([note, trials]) => ({
    note,
    trials: trials.map(toJson),
    best: selectBest(trials).id,
    ranking: [...trials].sort(compareTrials).map((t) => t.id),
  }));
}

// The experiments: spread over seeds

const DIGITS_SETUP: Setup = {
  hidden: [64],
  activation: "relu",
  init: "he",
  lr: 0.05,
  momentum: 0.9,
  batchSize: 32,
  l2: 0,
};
const OTHER_LR = 0.02;
const DIGITS_EPOCHS = 20;
const SEEDS = Array.from({ length: 10 }, (_, i) => i);

let cachedSeeds: { a: number[]; b: number[] } | undefined;

/** Validation accuracy of two learning rates on the same split, seeds 0–9 (init and shuffles). */
function seedRuns() {
  if (cachedSeeds) return cachedSeeds;
  const digits = dataset("digits");
  const split = stratifiedSplit(
    digits.labels,
    { validation: 0.2, test: 0.2 },
    streamSeed(0, "split"),
  );
  const data = splitExamples(digits, split);
  const run = (setup: Setup, seed: number) => {
    const t = trainee(data, setup, seed);
    for (let epoch = 0; epoch < DIGITS_EPOCHS; epoch++) t.trainEpoch(epoch);
    return t.accuracyOn(data.validation);
  };
  cachedSeeds = {
    a: SEEDS.map((s) => run(DIGITS_SETUP, s)),
    b: SEEDS.map((s) => run({ ...DIGITS_SETUP, lr: OTHER_LR }, s)),
  };
  return cachedSeeds;
}

const meanSdText = (values: number[]) => {
  const { mean, sd } = meanAndSd(values.map((v) => 100 * v));
  return `${mean.toFixed(2)} ± ${sd.toFixed(2)}`;
};

function seedTable(): string {
  const { a, b } = seedRuns();
  const rows: (string | number)[][] = SEEDS.map((s, i) => [
    s,
    pct(a[i]),
    pct(b[i]),
    (100 * (a[i] - b[i])).toFixed(2),
  ]);
  const d = pairedDifference(a.map((v) => 100 * v), b.map((v) => 100 * v));
  rows.push([
    "mean ± sd",
    meanSdText(a),
    meanSdText(b),
    `${d.mean.toFixed(2)} ± ${d.sd.toFixed(2)}`,
  ]);
  rows.push([
    "range",
    `${pct(Math.min(...a))}–${pct(Math.max(...a))}`,
    `${pct(Math.min(...b))}–${pct(Math.max(...b))}`,
    "",
  ]);
  return markdownTable(
    ["seed", `lr ${DIGITS_SETUP.lr}`, `lr ${OTHER_LR}`, "paired difference (points)"],
    rows,
  );
}

/** The paired comparison of the two learning rates, in accuracy points. */
function pairedStats() {
  const { a, b } = seedRuns();
  const d = pairedDifference(a.map((v) => 100 * v), b.map((v) => 100 * v));
  const sdA = meanAndSd(a.map((v) => 100 * v)).sd, sdB = meanAndSd(b.map((v) => 100 * v)).sd;
  const n = a.length;
  return {
    mean: d.mean,
    se: d.sd / Math.sqrt(n),
    unpairedSe: Math.sqrt((sdA * sdA + sdB * sdB) / n),
    wins: a.filter((v, i) => v > b[i]).length,
    ties: a.filter((v, i) => v === b[i]).length,
  };
}

const IRIS_SETUP: Setup = {
  hidden: [16],
  activation: "tanh",
  init: "xavier",
  lr: 0.05,
  momentum: 0.9,
  batchSize: 16,
  l2: 0,
};
const IRIS_EPOCHS = 60;
const IRIS_SEEDS = 20;

let cachedIris: { validation: number[]; test: number[]; validationRows: number } | undefined;

/** Iris, one configuration, 20 seeds: each seed its own split, initialisation and shuffles. */
function irisRuns() {
  if (cachedIris) return cachedIris;
  const iris = dataset("iris");
  const validation: number[] = [], test: number[] = [];
  let validationRows = 0;
  for (let seed = 0; seed < IRIS_SEEDS; seed++) {
    const split = stratifiedSplit(
      iris.labels,
      { validation: 0.2, test: 0.2 },
      streamSeed(seed, "split"),
    );
    // Standardised with the training rows' statistics only.
    const scaled = applyScaler(fitScaler(iris.features, iris.cols, split.train), iris.features);
    const data = splitExamples(iris, split, scaled);
    const t = trainee(data, IRIS_SETUP, seed);
    for (let epoch = 0; epoch < IRIS_EPOCHS; epoch++) t.trainEpoch(epoch);
    validation.push(t.accuracyOn(data.validation));
    test.push(t.accuracyOn(data.test));
    validationRows = data.validation.rows;
  }
  cachedIris = { validation, test, validationRows };
  return cachedIris;
}

function irisTable(): string {
  const { validation, test } = irisRuns();
  const range = (v: number[]) => `${pct(Math.min(...v))}–${pct(Math.max(...v))}`;
  return markdownTable(["iris, 20 split seeds", "mean ± sd (%)", "range"], [
    ["validation accuracy", meanSdText(validation), range(validation)],
    ["test accuracy", meanSdText(test), range(test)],
  ]);
}

// The experiment: the winner's curse

const POOL_SPLITS = 8;
const POOL_SIZE = 20;
const POOL_EPOCHS = 12;
const TRIALS = [1, 2, 5, 10, 20, 50, 100];
const REPEATS = 2000;

interface PoolEntry extends TrialScore {
  test: number;
}

let cachedPools: PoolEntry[][] | undefined;

/**
 * Pools of trained configurations on digits: for each of 8 splits, 20 configurations drawn at
 * random (learning rate log-uniform in [0.003, 0.3], hidden width 16/32/64, L2 log-uniform in
 * [1e-5, 1e-2]), each trained 12 epochs and scored on validation and on test.
 */
function pools(): PoolEntry[][] {
  if (cachedPools) return cachedPools;
  const digits = dataset("digits");
  const random = seededRandom(streamSeed("06/winners-curse", "search"));
  cachedPools = Array.from({ length: POOL_SPLITS }, (_, s) => {
    const split = stratifiedSplit(
      digits.labels,
      { validation: 0.2, test: 0.2 },
      streamSeed(s, "split"),
    );
    const data = splitExamples(digits, split);
    return Array.from({ length: POOL_SIZE }, (_, id) => {
      const width = [16, 32, 64][integer(random, 0, 2)];
      const setup: Setup = {
        ...DIGITS_SETUP,
        hidden: [width],
        lr: logUniform(random, 0.003, 0.3),
        l2: logUniform(random, 1e-5, 1e-2),
      };
      const t = trainee(data, setup, 100 * s + id);
      let loss = NaN;
      for (let epoch = 0; epoch < POOL_EPOCHS; epoch++) loss = t.trainEpoch(epoch);
      return {
        id,
        score: t.accuracyOn(data.validation),
        loss,
        cost: POOL_EPOCHS * countParameters(t.net.sizes),
        test: t.accuracyOn(data.test),
      };
    });
  });
  return cachedPools;
}

interface CurseRow {
  trials: number;
  validation: number;
  test: number;
  gap: number;
  low: number;
  high: number;
}

let cachedCurse: CurseRow[] | undefined;

/**
 * For each number of trials n: 2,000 times, pick a split, draw n configurations from its pool
 * (with replacement), select the best by the tie rule, and record its validation and test
 * accuracy. The gap is validation − test of the winner.
 */
function curse(): CurseRow[] {
  if (cachedCurse) return cachedCurse;
  const all = pools();
  const random = seededRandom("06/winners-curse/resample");
  cachedCurse = TRIALS.map((n) => {
    const gaps: number[] = [], validation: number[] = [], test: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const pool = all[integer(random, 0, all.length - 1)];
      const drawn = Array.from({ length: n }, (_, i) => ({
        ...pool[integer(random, 0, pool.length - 1)],
        id: i,
      }));
      const winner = selectBest(drawn);
      gaps.push(winner.score - winner.test);
      validation.push(winner.score);
      test.push(winner.test);
    }
    gaps.sort((x, y) => x - y);
    const quantile = (q: number) => gaps[Math.floor(q * (gaps.length - 1))];
    return {
      trials: n,
      validation: meanAndSd(validation).mean,
      test: meanAndSd(test).mean,
      gap: meanAndSd(gaps).mean,
      low: quantile(0.1),
      high: quantile(0.9),
    };
  });
  return cachedCurse;
}

const points = (v: number) => (100 * v).toFixed(2);

function curseTable(): string {
  return markdownTable(
    [
      "trials",
      "winner's validation accuracy (mean)",
      "winner's test accuracy (mean)",
      "gap, validation − test (points)",
      "gap, 10th–90th percentile",
    ],
    curse().filter((r) => [1, 5, 20, 100].includes(r.trials)).map((r) => [
      r.trials,
      pct(r.validation),
      pct(r.test),
      points(r.gap),
      `${points(r.low)} to ${points(r.high)}`,
    ]),
  );
}

function curseFigure(): Promise<string> {
  const rows = curse();
  return lineChart({
    title: "The winner's curse on digits: best validation score minus its test score",
    description: `Mean gap between the selected configuration's validation and test accuracy, ` +
      `with its 10th–90th percentile band over ${REPEATS} resampled searches, against the number ` +
      "of trials searched.",
    xLabel: "trials searched (log scale)",
    yLabel: "gap (accuracy points)",
    logX: true,
    yZero: false,
    series: [{
      name: "mean gap (band: 10th–90th percentile)",
      x: rows.map((r) => r.trials),
      y: rows.map((r) => 100 * r.gap),
      points: true,
      band: { lower: rows.map((r) => 100 * r.low), upper: rows.map((r) => 100 * r.high) },
    }],
  });
}

/** Lesson 06's selection cases and the experiments on seeds and on the winner's curse. */
export const selection: LessonContent = {
  cases: () => ({ compareTrials: compareCases(), selectBest: selectCases() }),
  blocks: {
    "seed-table": seedTable,
    "iris-table": irisTable,
    "curse-table": curseTable,
  },
  values: {
    "digits-epochs": () => String(DIGITS_EPOCHS),
    "digits-lr": () => String(DIGITS_SETUP.lr),
    "other-lr": () => String(OTHER_LR),
    "seed-range": () => {
      const { a } = seedRuns();
      return `${pct(Math.min(...a))}–${pct(Math.max(...a))}`;
    },
    "paired-mean": () => pairedStats().mean.toFixed(2),
    "paired-se": () => pairedStats().se.toFixed(2),
    "paired-wins": () => String(pairedStats().wins),
    "paired-ties": () => String(pairedStats().ties),
    "unpaired-se": () => pairedStats().unpairedSe.toFixed(2),
    "iris-row-points": () => formatNumber(100 / irisRuns().validationRows, { digits: 2 }),
    "iris-validation-rows": () => String(irisRuns().validationRows),
    "iris-one-off": () => pct((irisRuns().validationRows - 1) / irisRuns().validationRows),
    "iris-validation-range": () => {
      const v = irisRuns().validation;
      return `${pct(Math.min(...v))}–${pct(Math.max(...v))}`;
    },
    "iris-test-range": () => {
      const v = irisRuns().test;
      return `${pct(Math.min(...v))}–${pct(Math.max(...v))}`;
    },
    "digits-row-points": () =>
      formatNumber(100 / Math.round(0.2 * dataset("digits").rows), { digits: 2 }),
    "pool-size": () => String(POOL_SPLITS * POOL_SIZE),
    "pool-splits": () => String(POOL_SPLITS),
    "pool-per-split": () => String(POOL_SIZE),
    "pool-epochs": () => String(POOL_EPOCHS),
    "curse-gap-1": () => points(curse()[0].gap),
    "curse-gap-100": () => points(curse()[curse().length - 1].gap),
    "curse-excess": () => points(curse()[curse().length - 1].gap - curse()[0].gap),
    "curse-validation-100": () => pct(curse()[curse().length - 1].validation),
    "curse-test-100": () => pct(curse()[curse().length - 1].test),
    "curse-test-20": () => pct(curse().find((r) => r.trials === 20)!.test),
    "curse-validation-20": () => pct(curse().find((r) => r.trials === 20)!.validation),
    "curse-repeats": () => REPEATS.toLocaleString("en-US"),
  },
  figures: { "winners-curse": curseFigure },
};
