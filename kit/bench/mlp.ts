/**
 * `deno task bench mlp`: the lesson 05 reference MLP on digits, timed, and the same network in
 * NumPy (`mlp_numpy.py`) when `python3` with NumPy is present.
 *
 * Fixed setup: `data/digits.csv`, pixels / 16, an 80/20 split by a seeded permutation, a
 * 64-H-10 ReLU network (H = 64, then 256), He initialisation, softmax cross-entropy, SGD with
 * momentum 0.9 (lesson 04's `sgd`), learning rate 0.05, batch 32, 30 epochs. Only the training
 * loop is timed; each figure is the median of several runs (seeds 0, 1, …), after one untimed
 * warm-up run that lets the JIT compile the hot loops. NumPy runs with one BLAS thread
 * (`OPENBLAS_NUM_THREADS=1` unless set), as the TypeScript code uses one core.
 *
 * @module
 */

import { dataUrl, loadDataset } from "../lib/csv.ts";
import { seededRandom, shuffle } from "../lib/random.ts";
import { accuracy, createMlp } from "../../solutions/05-mlp-from-scratch/mlp.ts";
import { train } from "../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../solutions/04-optimizers/optimizers.ts";

/** The benchmark's fixed hyperparameters. */
export const SETUP = {
  epochs: 30,
  batchSize: 32,
  lr: 0.05,
  momentum: 0.9,
  splitSeed: 2024,
} as const;

/** Timings and accuracies of several runs. */
export interface BenchResult {
  /** Training time of each run, in seconds. */
  seconds: number[];
  /** Test accuracy of each run. */
  accuracy: number[];
}

/**
 * The median of a list of numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { median } from "./mlp.ts";
 * assert.equal(median([3, 1, 2, 10]), 2.5);
 * ```
 */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The digits data, scaled, with the 80/20 split of the benchmark. */
async function digitsSplit() {
  const d = await loadDataset(dataUrl("digits.csv"));
  const features = d.features.map((v) => v / 16);
  const order = shuffle(Array.from({ length: d.rows }, (_, i) => i), seededRandom(SETUP.splitSeed));
  const nTrain = Math.round(0.8 * d.rows);
  const pick = (rows: number[]) => {
    const x = new Float64Array(rows.length * d.cols);
    rows.forEach((r, i) => x.set(features.subarray(r * d.cols, (r + 1) * d.cols), i * d.cols));
    return { features: x, labels: Int32Array.from(rows, (r) => d.labels[r]), rows: rows.length };
  };
  const trainRows = order.slice(0, nTrain), testRows = order.slice(nTrain);
  return { d, trainRows, testRows, train: pick(trainRows), test: pick(testRows) };
}

/** Trains the TypeScript reference `runs` times (plus one warm-up) at hidden width `hidden`. */
function benchTs(data: Awaited<ReturnType<typeof digitsSplit>>, hidden: number, runs: number) {
  const result: BenchResult = { seconds: [], accuracy: [] };
  for (let r = -1; r < runs; r++) {
    const seed = Math.max(r, 0);
    const net = createMlp({ sizes: [data.d.cols, hidden, data.d.classCount], init: "he", seed });
    const optimizer = sgd({ lr: SETUP.lr, momentum: SETUP.momentum });
    const start = performance.now();
    train(net, data.train, { epochs: SETUP.epochs, batchSize: SETUP.batchSize, optimizer, seed });
    const seconds = (performance.now() - start) / 1000;
    if (r < 0) continue; // warm-up
    result.seconds.push(seconds);
    result.accuracy.push(accuracy(net, data.test.features, data.test.labels, data.test.rows));
  }
  return result;
}

/** Runs `mlp_numpy.py`; null when python3 or NumPy is missing. */
async function benchNumpy(
  data: Awaited<ReturnType<typeof digitsSplit>>,
  hidden: number,
  runs: number,
): Promise<BenchResult | null> {
  const script = new URL("./mlp_numpy.py", import.meta.url).pathname;
  const job = {
    csv: decodeURIComponent(dataUrl("digits.csv").pathname),
    train: data.trainRows,
    test: data.testRows,
    hidden,
    epochs: SETUP.epochs,
    batch: SETUP.batchSize,
    lr: SETUP.lr,
    momentum: SETUP.momentum,
    runs,
    seed: 0,
  };
  let child;
  try {
    child = new Deno.Command("python3", {
      args: [script],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      // One thread, like the TypeScript side: on a small machine BLAS threads only contend.
      // Set OPENBLAS_NUM_THREADS yourself to compare against multithreaded NumPy.
      env: { OPENBLAS_NUM_THREADS: Deno.env.get("OPENBLAS_NUM_THREADS") ?? "1" },
    }).spawn();
  } catch {
    return null; // no python3
  }
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(job)));
  await writer.close();
  const out = await child.output();
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr);
    if (err.includes("No module named 'numpy'")) return null;
    throw new Error(`mlp_numpy.py failed:\n${err}`);
  }
  return JSON.parse(new TextDecoder().decode(out.stdout)) as BenchResult;
}

/**
 * Runs the benchmark and prints a table. `args`: `--runs N` (default 5), `--widths 64,256`.
 *
 * @example
 * ```ts ignore
 * import { benchMlp } from "./mlp.ts";
 * await benchMlp(["--runs", "3"]);
 * ```
 */
export async function benchMlp(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const runs = Number(opt("--runs", "5"));
  const widths = opt("--widths", "64,256").split(",").map(Number);
  const data = await digitsSplit();
  console.log(
    `digits: ${data.train.rows} train / ${data.test.rows} test rows, pixels/16; ` +
      `SGD momentum ${SETUP.momentum}, lr ${SETUP.lr}, batch ${SETUP.batchSize}, ` +
      `${SETUP.epochs} epochs; median of ${runs} runs (training time only)`,
  );
  const rows: string[][] = [];
  for (const hidden of widths) {
    const ts = benchTs(data, hidden, runs);
    const np = await benchNumpy(data, hidden, runs);
    const tsTime = median(ts.seconds);
    const row = [
      `64-${hidden}-10`,
      `${tsTime.toFixed(3)} s`,
      median(ts.accuracy).toFixed(4),
      np ? `${median(np.seconds).toFixed(3)} s` : "n/a",
      np ? median(np.accuracy).toFixed(4) : "n/a",
      np ? (tsTime / median(np.seconds)).toFixed(2) : "n/a",
    ];
    rows.push(row);
    console.log(
      `  ${row[0]}: TypeScript ${row[1]} (acc ${row[2]}), NumPy ${row[3]} (acc ${row[4]}), ` +
        `ratio TS/NumPy ${row[5]}`,
    );
  }
  console.log(
    "\n| network | TypeScript time | TS test acc | NumPy time | NumPy test acc | TS / NumPy |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}
