/**
 * One capstone session (lesson 11): the sanity checks, then the learner's protocol on the
 * digits lab, then the numbers the learner's report needs, read from the learner's own log.
 * `deno task capstone` prints them; the lesson's worked run (`deno task experiment lesson-11`)
 * stores them.
 *
 * @module
 */

import { accuracy, createMlp, lossAndGradient, sgd, train } from "../engine/mod.ts";
import { parseCsvRecords } from "../lib/csv.ts";
import { loadPrepared, type PreparedData } from "../search/trial.ts";
import { createLab, type FitWithEarlyStopping, type Lab, LAB_SETTINGS } from "./lab.ts";

/** The plan a session runs (lesson 11's `CapstonePlan`). */
export interface SessionPlan {
  seed: number;
  trials: number;
  baselineSeeds: number;
  refit: "none" | "train+validation";
}

/** What the learner's `runCapstone` returns (the fields the session reads). */
export interface SessionRun {
  baselineScores: number[];
  log: string;
  bestId: number;
  bestValidation: number;
  refit: string;
  testCorrect: number;
  testRows: number;
  testAccuracy: number;
  interval: { low: number; high: number };
  optimismGap: number;
  epochsTrained: number;
}

/** The learner's (or the reference's) protocol. */
export type RunCapstone = (lab: Lab, plan: SessionPlan) => SessionRun;

/** The sanity checks' numbers. */
export interface SanityChecks {
  /** Mean validation loss of the untrained baseline network. */
  initialLoss: number;
  /** ln(classes): what the initial loss should be near, when the network guesses uniformly. */
  expectedInitialLoss: number;
  /** Training loss after {@link OVERFIT} on 32 training rows. */
  overfitLoss: number;
  /** Training accuracy on those 32 rows. */
  overfitAccuracy: number;
}

/** The overfitting check: 32 rows, one hidden layer of 64, SGD with momentum, 200 epochs. */
export const OVERFIT = { rows: 32, width: 64, lr: 0.1, momentum: 0.9, epochs: 200 } as const;

/**
 * Loss at initialisation (≈ ln 10 on digits: the untrained network's predictions are nearly
 * uniform) and the ability to drive 32 training rows to a near-zero loss: two checks that the
 * pipeline can learn at all before any tuning (Karpathy, 2019).
 *
 * @example
 * ```ts ignore
 * const sanity = sanityChecks(await loadPrepared("digits"));
 * console.log(sanity.initialLoss, sanity.expectedInitialLoss);
 * ```
 */
export function sanityChecks(data: PreparedData): SanityChecks {
  const fresh = createMlp({ sizes: [data.inputs, 32, data.classes], seed: "sanity/init" });
  const v = data.validation;
  const initialLoss = lossAndGradient(fresh, v.features, v.labels, v.rows);
  const small = {
    features: data.train.features.slice(0, OVERFIT.rows * data.inputs),
    labels: Array.from(data.train.labels).slice(0, OVERFIT.rows),
    rows: OVERFIT.rows,
  };
  const net = createMlp({ sizes: [data.inputs, OVERFIT.width, data.classes], seed: "sanity/fit" });
  const history = train(net, small, {
    epochs: OVERFIT.epochs,
    batchSize: OVERFIT.rows,
    optimizer: sgd({ lr: OVERFIT.lr, momentum: OVERFIT.momentum }),
    seed: "sanity/fit",
  });
  return {
    initialLoss,
    expectedInitialLoss: Math.log(data.classes),
    overfitLoss: history.loss[history.loss.length - 1],
    overfitAccuracy: accuracy(net, small.features, small.labels, small.rows),
  };
}

/** The numbers of the learner's report. */
export interface ReportNumbers {
  plan: SessionPlan;
  /** Epochs a run may train, and early stopping's patience. */
  budget: { maxEpochs: number; patience: number };
  sanity: SanityChecks;
  baseline: { scores: number[]; mean: number; sd: number; min: number; max: number };
  trials: number;
  diverged: number;
  bestId: number;
  /** The winner's configuration, as the log has it. */
  bestConfig: Record<string, string>;
  bestValidation: number;
  refit: string;
  test: { correct: number; rows: number; accuracy: number; low: number; high: number };
  optimismGap: number;
  epochsTrained: number;
  /** Best validation score so far after each trial, with the epochs trained by then. */
  incumbent: { epochs: number[]; best: number[] };
  /** Seconds of training logged (sum of the `train_s` column). */
  trainSeconds: number;
}

/**
 * The report's numbers, from the run and its log. Throws an `Error` when the log lacks the
 * columns the report needs (`id`, `score`, `epochs`).
 *
 * @example
 * ```ts ignore
 * const numbers = reportNumbers(plan, sanity, run);
 * ```
 */
export function reportNumbers(
  plan: SessionPlan,
  sanity: SanityChecks,
  run: SessionRun,
): ReportNumbers {
  const [header, ...rows] = parseCsvRecords(run.log);
  const column = (name: string) => {
    const j = header.indexOf(name);
    if (j < 0) throw new Error(`the trial log has no "${name}" column: the report needs it`);
    return rows.map((row) => row[j]);
  };
  const scores = column("score").map(Number);
  const epochs = column("epochs").map(Number);
  const ids = column("id");
  const seconds = header.includes("train_s") ? column("train_s").map(Number) : [];
  const incumbent = { epochs: [] as number[], best: [] as number[] };
  let best = NaN, spent = 0;
  scores.forEach((score, i) => {
    spent += epochs[i];
    if (Number.isFinite(score) && !(score <= best)) best = score;
    incumbent.epochs.push(spent);
    incumbent.best.push(best);
  });
  const winner = rows[ids.indexOf(String(run.bestId))] ?? [];
  const configColumns = header.filter((name) =>
    !["id", "seed", "score", "loss", "cost", "epochs", "best_epoch"].includes(name) &&
    !name.endsWith("_s")
  );
  const b = run.baselineScores;
  const mean = b.reduce((s, x) => s + x, 0) / b.length;
  const sd = b.length > 1
    ? Math.sqrt(b.reduce((s, x) => s + (x - mean) ** 2, 0) / (b.length - 1))
    : 0;
  return {
    plan,
    budget: { maxEpochs: LAB_SETTINGS.maxEpochs, patience: LAB_SETTINGS.patience },
    sanity,
    baseline: { scores: b, mean, sd, min: Math.min(...b), max: Math.max(...b) },
    trials: rows.length,
    diverged: scores.filter((s) => !Number.isFinite(s)).length,
    bestId: run.bestId,
    bestConfig: Object.fromEntries(
      configColumns.map((name) => [name, winner[header.indexOf(name)] ?? ""]),
    ),
    bestValidation: run.bestValidation,
    refit: run.refit,
    test: {
      correct: run.testCorrect,
      rows: run.testRows,
      accuracy: run.testAccuracy,
      low: run.interval.low,
      high: run.interval.high,
    },
    optimismGap: run.optimismGap,
    epochsTrained: run.epochsTrained,
    incumbent,
    trainSeconds: Math.round(1000 * seconds.reduce((s, x) => s + x, 0)) / 1000,
  };
}

/**
 * Runs a whole session on digits (lesson 07's split, seed 0): sanity checks, then `runCapstone`
 * on a fresh lab. Throws when the protocol read the test rows other than once.
 *
 * @example
 * ```ts ignore
 * const { numbers, log } = await runSession(runCapstone, fitWithEarlyStopping, plan);
 * ```
 */
export async function runSession(
  runCapstone: RunCapstone,
  fit: FitWithEarlyStopping,
  plan: SessionPlan,
): Promise<{ numbers: ReportNumbers; log: string }> {
  const data = await loadPrepared("digits");
  const sanity = sanityChecks(data);
  const lab = createLab(data, fit);
  const run = runCapstone(lab, plan);
  if (lab.testReads !== 1) {
    throw new Error(
      `runCapstone read the test rows ${lab.testReads} times: once, at the end, is the protocol`,
    );
  }
  return { numbers: reportNumbers(plan, sanity, run), log: run.log };
}
