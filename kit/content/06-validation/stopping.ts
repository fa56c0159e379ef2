/**
 * Lesson 06, early stopping (`solutions/06-validation/early_stopping.ts`): graded cases for the
 * monitor and the restoring loop, and early stopping on digits over several seeds.
 *
 * @module
 */

import { integer, seededRandom } from "../../lib/random.ts";
import type { LessonContent } from "../types.ts";
import { formatPercent, markdownTable } from "../format.ts";
import { lineChart } from "../../lib/plot.ts";
import {
  earlyStopping,
  type EarlyStoppingOptions,
  fitWithEarlyStopping,
} from "../../../solutions/06-validation/early_stopping.ts";
import { meanAndSd } from "../../../solutions/06-validation/cross_validate.ts";
import { stratifiedSplit } from "../../../solutions/06-validation/split.ts";
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

/** The monitor's state after each value. */
interface MonitorCase {
  note: string;
  options: EarlyStoppingOptions;
  values: JsonNumber[];
  improved: boolean[];
  stop: boolean[];
  best: JsonNumber[];
  bestEpoch: number[];
  wait: number[];
}

interface FitCase {
  note: string;
  options: EarlyStoppingOptions;
  maxEpochs: number;
  /** What the fake trainer returns at each epoch. */
  values: JsonNumber[];
  /** The fake model's weights after each epoch. */
  weightsByEpoch: number[][];
  expected: {
    values: JsonNumber[];
    bestEpoch: number;
    best: JsonNumber;
    stoppedEpoch: number;
    /** The weights the model holds at the end. */
    weights: number[];
  };
}

/** The monitor's groups of cases, one graded test each. */
const MONITOR_PLANS: Record<string, [string, EarlyStoppingOptions, number[]][]> = {
  patience: [
    ["patience 2, a loss that turns up", { patience: 2 }, [0.9, 0.7, 0.6, 0.65, 0.62, 0.7, 0.5]],
    ["patience 0: stop at the first epoch without improvement", { patience: 0 }, [
      0.9,
      0.8,
      0.85,
      0.7,
    ]],
    ["patience 3, improvements reset the count", { patience: 3 }, [
      1,
      0.8,
      0.85,
      0.9,
      0.75,
      0.8,
      0.8,
      0.9,
      0.7,
    ]],
  ],
  deltaAndMode: [
    ["min_delta 0.05: small gains do not count", { patience: 2, minDelta: 0.05 }, [
      0.9,
      0.8,
      0.77,
      0.74,
      0.7,
      0.6,
    ]],
    ["mode max: an accuracy", { patience: 2, mode: "max" }, [0.5, 0.7, 0.68, 0.72, 0.71, 0.7]],
    ["mode max, min_delta given negative (its sign is ignored)", {
      patience: 1,
      mode: "max",
      minDelta: -0.02,
    }, [0.5, 0.6, 0.61, 0.65, 0.64]],
  ],
  ties: [
    ["a loss repeated exactly is not an improvement", { patience: 2 }, [0.5, 0.4, 0.4, 0.4, 0.3]],
    ["an accuracy repeated exactly is not one either", { patience: 1, mode: "max" }, [
      0.9,
      0.9,
      0.95,
    ]],
  ],
  nan: [
    ["NaN is never an improvement", { patience: 2 }, [0.5, NaN, 0.45, NaN, NaN]],
    ["NaN first: still no improvement", { patience: 1 }, [NaN, 0.7, 0.6, 0.65]],
    ["NaN in mode max", { patience: 1, mode: "max" }, [0.8, NaN, 0.85]],
  ],
  baseline: [
    ["baseline 0.3 never reached: patience counts on", { patience: 2, baseline: 0.3 }, [
      0.9,
      0.8,
      0.85,
      0.86,
      0.7,
    ]],
    ["baseline reached at epoch 2", { patience: 1, baseline: 0.5 }, [0.9, 0.6, 0.45, 0.5, 0.4]],
  ],
};

/**
 * Throws when a comparison of the run is a near tie under `minDelta`, where two correct
 * spellings of the rule (`v + Δ < best` and `best − v > Δ`) could round differently.
 */
function checkNoNearTie(options: EarlyStoppingOptions, values: number[]): void {
  const delta = Math.abs(options.minDelta ?? 0);
  if (delta === 0) return;
  for (const v of values) {
    for (const w of values) {
      if (Math.abs(Math.abs(v - w) - delta) < 1e-9) {
        throw new Error(`values ${v} and ${w} differ by min_delta: a near tie`);
      }
    }
  }
}

/**
 * A seeded random curve of `length` values in [0.3, 0.9], two decimals (so ties happen), drawn
 * again while it holds a near tie under `options`; `withNaN` puts a NaN at a drawn epoch.
 */
function randomCurve(
  random: () => number,
  options: EarlyStoppingOptions,
  length: number,
  withNaN = false,
): number[] {
  for (;;) {
    const values = Array.from({ length }, () => Math.round(30 + 60 * random()) / 100);
    if (withNaN) values[integer(random, 0, length - 1)] = NaN;
    try {
      checkNoNearTie(options, values.filter((v) => !Number.isNaN(v)));
      return values;
    } catch {
      // A near tie: draw again.
    }
  }
}

function monitorCases(): Record<string, MonitorCase[]> {
  const out: Record<string, MonitorCase[]> = {};
  // Each group also gets a seeded random curve under its first plan's options, so that the
  // grade of record's held-out draw changes a case of every test.
  const random = seededRandom("06/early-stopping");
  for (const [group, fixed] of Object.entries(MONITOR_PLANS)) {
    const options = fixed[0][1];
    const plans: [string, EarlyStoppingOptions, number[]][] = [
      ...fixed,
      ["a seeded random curve", options, randomCurve(random, options, 10, group === "nan")],
    ];
    out[group] = plans.map(([note, options, values]) => {
      checkNoNearTie(options, values);
      const monitor = earlyStopping(options);
      const c: MonitorCase = {
        note,
        options,
        values: values.map(jsonNumber),
        improved: [],
        stop: [],
        best: [],
        bestEpoch: [],
        wait: [],
      };
      for (const v of values) {
        const decision = monitor.update(v);
        c.improved.push(decision.improved);
        c.stop.push(decision.stop);
        c.best.push(jsonNumber(monitor.best));
        c.bestEpoch.push(monitor.bestEpoch);
        c.wait.push(monitor.wait);
      }
      return c;
    });
  }
  return out;
}

function fitCases(): FitCase[] {
  const plans: [string, EarlyStoppingOptions, number, number[]][] = [
    ["stops at epoch 5, restores epoch 2", { patience: 3 }, 10, [
      1,
      0.6,
      0.5,
      0.55,
      0.52,
      0.58,
      0.4,
    ]],
    ["never stops: restores the best of all epochs", { patience: 5 }, 6, [
      0.8,
      0.6,
      0.4,
      0.45,
      0.5,
      0.55,
    ]],
    ["best at the last epoch", { patience: 2 }, 4, [0.9, 0.8, 0.7, 0.6]],
    ["mode max", { patience: 1, mode: "max" }, 8, [0.5, 0.8, 0.7, 0.9, 0.85, 0.95]],
    ["all NaN: keeps the first epoch", { patience: 2 }, 5, [NaN, NaN, NaN, NaN, NaN]],
    // Seeded random: the grade of record's held-out draw changes it.
    [
      "a seeded random curve",
      { patience: 2 },
      10,
      randomCurve(seededRandom("06/fit"), { patience: 2 }, 10),
    ],
  ];
  return plans.map(([note, options, maxEpochs, curve]) => {
    // Epoch e's weights: three numbers that identify e, so a restored model shows its epoch.
    const weightsByEpoch = curve.map((_, e) => [e + 1, 10 * (e + 1), -(e + 1)]);
    const live = new Float64Array(3);
    const run = fitWithEarlyStopping(
      {
        trainEpoch: (epoch) => {
          live.set(weightsByEpoch[epoch]);
          return curve[epoch];
        },
        weights: () => live,
        setWeights: (w) => live.set(w),
      },
      Math.min(maxEpochs, curve.length),
      options,
    );
    return {
      note,
      options,
      maxEpochs: Math.min(maxEpochs, curve.length),
      values: curve.map(jsonNumber),
      weightsByEpoch,
      expected: {
        values: run.values.map(jsonNumber),
        bestEpoch: run.bestEpoch,
        best: jsonNumber(run.best),
        stoppedEpoch: run.stoppedEpoch,
        weights: Array.from(live),
      },
    };
  });
}

// The experiment: early stopping on digits

const DIGITS_SETUP: Setup = {
  hidden: [64],
  activation: "relu",
  init: "he",
  lr: 0.05,
  momentum: 0.9,
  batchSize: 32,
  l2: 0,
};
const MAX_EPOCHS = 60;
const PATIENCE = 10;
const STOP_SEEDS = [0, 1, 2, 3, 4];

interface StopRun {
  seed: number;
  trainLoss: number[];
  validationLoss: number[];
  testByEpoch: number[];
  bestEpoch: number;
  stoppedEpoch: number;
  validationAtBest: number;
  testAtBest: number;
  testAtLast: number;
}

let cachedStops: StopRun[] | undefined;

/** Each seed: a full 60-epoch run (for the curves and the last epoch), then an early-stopped one. */
function stopRuns(): StopRun[] {
  if (cachedStops) return cachedStops;
  const digits = dataset("digits");
  cachedStops = STOP_SEEDS.map((seed) => {
    const split = stratifiedSplit(
      digits.labels,
      { validation: 0.2, test: 0.2 },
      streamSeed(seed, "split"),
    );
    const data = splitExamples(digits, split);
    const full = trainee(data, DIGITS_SETUP, seed);
    const validationLoss: number[] = [], testByEpoch: number[] = [];
    for (let epoch = 0; epoch < MAX_EPOCHS; epoch++) {
      validationLoss.push(full.trainEpoch(epoch));
      // Recorded for the lesson's comparison only: nothing is chosen with it.
      testByEpoch.push(full.accuracyOn(data.test));
    }
    const stopped = trainee(data, DIGITS_SETUP, seed);
    const run = fitWithEarlyStopping(stopped, MAX_EPOCHS, { patience: PATIENCE });
    const testAtBest = stopped.accuracyOn(data.test);
    if (testAtBest !== testByEpoch[run.bestEpoch]) {
      throw new Error(`seed ${seed}: the restored weights are not those of epoch ${run.bestEpoch}`);
    }
    return {
      seed,
      trainLoss: full.trainLosses,
      validationLoss,
      testByEpoch,
      bestEpoch: run.bestEpoch,
      stoppedEpoch: run.stoppedEpoch,
      validationAtBest: stopped.accuracyOn(data.validation),
      testAtBest,
      testAtLast: testByEpoch[MAX_EPOCHS - 1],
    };
  });
  return cachedStops;
}

function stopTable(): string {
  const runs = stopRuns();
  const epoch = (e: number) => (e < 0 ? `none (${MAX_EPOCHS} run)` : String(e + 1));
  const rows = runs.map((r) => [
    r.seed,
    r.bestEpoch + 1,
    epoch(r.stoppedEpoch),
    pct(r.validationAtBest),
    pct(r.testAtBest),
    pct(r.testAtLast),
    (100 * (r.testAtBest - r.testAtLast)).toFixed(1),
  ]);
  const summary = (values: number[], scale = 100) => {
    const { mean, sd } = meanAndSd(values.map((v) => scale * v));
    return `${mean.toFixed(1)} ± ${sd.toFixed(1)}`;
  };
  rows.push([
    "mean ± sd",
    summary(runs.map((r) => r.bestEpoch + 1), 1),
    "",
    summary(runs.map((r) => r.validationAtBest)),
    summary(runs.map((r) => r.testAtBest)),
    summary(runs.map((r) => r.testAtLast)),
    summary(runs.map((r) => r.testAtBest - r.testAtLast)),
  ]);
  return markdownTable(
    [
      "seed",
      "best epoch (validation loss)",
      "stopped after epoch",
      "validation accuracy, restored",
      "test accuracy, restored (best epoch)",
      `test accuracy after all ${MAX_EPOCHS} epochs`,
      "restored − all epochs (points)",
    ],
    rows,
  );
}

function stopFigure(): Promise<string> {
  const r = stopRuns()[0];
  const epochs = r.validationLoss.map((_, i) => i + 1);
  const top = Math.max(...r.validationLoss, ...r.trainLoss.slice(1));
  const marker = (name: string, epoch: number, color: string) => ({
    name,
    x: [epoch + 1, epoch + 1],
    y: [0, top],
    dashed: true,
    color,
  });
  const series = [
    { name: "training loss", x: epochs, y: r.trainLoss },
    { name: "validation loss", x: epochs, y: r.validationLoss },
    marker(`best epoch (${r.bestEpoch + 1}): weights restored`, r.bestEpoch, "#009E73"),
  ];
  if (r.stoppedEpoch >= 0) {
    series.push(
      marker(
        `stopped (epoch ${r.stoppedEpoch + 1}, patience ${PATIENCE})`,
        r.stoppedEpoch,
        "#CC79A7",
      ),
    );
  }
  return lineChart({
    title: `Digits, 64-64-10, seed ${r.seed}: early stopping on the validation loss`,
    description: "Training and validation loss per epoch, with dashed vertical lines at the " +
      "best epoch (whose weights are restored) and at the epoch where patience ran out.",
    xLabel: "epoch",
    yLabel: "mean cross-entropy",
    series,
    yRange: [0, top],
  });
}

/** Lesson 06's early-stopping cases, table and figure. */
export const stopping: LessonContent = {
  cases: () => ({ earlyStopping: monitorCases(), fitWithEarlyStopping: fitCases() }),
  blocks: { "early-stopping-table": stopTable },
  values: {
    "stop-max-epochs": () => String(MAX_EPOCHS),
    "stop-patience": () => String(PATIENCE),
    "stop-seeds": () => String(STOP_SEEDS.length),
    // Seed by seed: which of the two models did better on test (exact comparison of accuracies).
    "stop-full-better": () => String(stopRuns().filter((r) => r.testAtLast > r.testAtBest).length),
    "stop-restored-better": () =>
      String(stopRuns().filter((r) => r.testAtBest > r.testAtLast).length),
    "stop-test-ties": () => String(stopRuns().filter((r) => r.testAtBest === r.testAtLast).length),
    "stop-mean-difference": () => {
      const { mean, sd } = meanAndSd(stopRuns().map((r) => 100 * (r.testAtBest - r.testAtLast)));
      return `${mean.toFixed(1)} ± ${sd.toFixed(1)}`;
    },
    "stop-epoch-share": () => {
      const trained = stopRuns().map((r) => (r.stoppedEpoch < 0 ? MAX_EPOCHS : r.stoppedEpoch + 1));
      return formatPercent(trained.reduce((a, b) => a + b, 0) / (trained.length * MAX_EPOCHS));
    },
  },
  figures: { "early-stopping": stopFigure },
};
