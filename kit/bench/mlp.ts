/**
 * `deno task bench mlp`: the lesson 05 network on digits, trained by every backend of
 * `kit/engine` and by Python, side by side in one run.
 *
 * Fixed task: `data/digits.csv`, pixels / 16, an 80/20 split by a seeded permutation, a 64-H-10
 * ReLU network (H = 64, then 256), He initialisation, softmax cross-entropy, SGD with momentum
 * 0.9, learning rate 0.05, batch 32, 30 epochs. Only training is timed; each figure is the
 * median of `--runs` runs (seeds 0, 1, …) after one untimed warm-up run (which lets the JIT and
 * WebAssembly tiers compile the hot code). The table compares wall time and CPU time (user +
 * system) with NumPy's: on a shared machine the wall time of a busy moment says more about the
 * neighbours than about the code, and the load average is printed before and after.
 *
 * Rows:
 *
 * - `typescript`, `wasm`, `wasm-fma`: the engine's backends (see `kit/engine/mod.ts`).
 * - `numpy`: the same network in NumPy (`mlp_python.py`), run "at its best": with
 *   `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` removed from its environment (this machine sets
 *   them to force AVX2 kernels on an AVX-512 CPU) so OpenBLAS picks its kernels itself, and one
 *   BLAS thread (`OPENBLAS_NUM_THREADS`, default 1, as every backend here uses one core). The
 *   kernel and thread count it actually ran are printed, read from the loaded library.
 * - `sklearn`: scikit-learn's `MLPClassifier` with the same width and SGD settings (its own
 *   initialisation), in the same environment; skipped with a message when not installed
 *   (Debian: `apt-get install python3-sklearn`).
 *
 * Options: `--runs N` (default 5), `--widths 64,256`, `--json FILE` (writes
 * `[{ "network", "backend", "median_s", "test_acc" }, …]`).
 *
 * @module
 */

import process from "node:process";
import { dataUrl, loadDataset } from "../lib/csv.ts";
import { seededRandom, shuffle } from "../lib/random.ts";
import { backendAvailable, type BackendName, loadEngine } from "../engine/mod.ts";

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
  /** Wall-clock training time of each run, in seconds. */
  seconds: number[];
  /** CPU time of each run (user + system), in seconds. */
  cpuSeconds: number[];
  /** Test accuracy of each run. */
  accuracy: number[];
  /** What ran (Python side: interpreter, NumPy, BLAS kernel and threads). */
  runtime?: Record<string, unknown>;
}

/** One line of `--json` output. */
export interface BenchRecord {
  /** Layer sizes, e.g. "64-64-10". */
  network: string;
  /** Which implementation trained it. */
  backend: string;
  /** Median wall-clock training time, in seconds. */
  median_s: number;
  /** Median test accuracy. */
  test_acc: number;
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

type Split = Awaited<ReturnType<typeof digitsSplit>>;

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

/** Trains with one backend of the engine `runs` times, after one warm-up run. */
async function benchEngine(name: BackendName, data: Split, hidden: number, runs: number) {
  const engine = await loadEngine(name);
  const result: BenchResult = { seconds: [], cpuSeconds: [], accuracy: [] };
  for (let r = -1; r < runs; r++) {
    const seed = Math.max(r, 0);
    const sizes = [data.d.cols, hidden, data.d.classCount];
    const net = engine.createMlp({ sizes, init: "he", seed });
    const optimizer = engine.sgd({ lr: SETUP.lr, momentum: SETUP.momentum });
    const cpu = process.cpuUsage();
    const start = performance.now();
    engine.train(net, data.train, {
      epochs: SETUP.epochs,
      batchSize: SETUP.batchSize,
      optimizer,
      seed,
    });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    if (r < 0) continue; // warm-up
    result.seconds.push(seconds);
    result.cpuSeconds.push((used.user + used.system) / 1e6);
    result.accuracy.push(
      engine.accuracy(net, data.test.features, data.test.labels, data.test.rows),
    );
  }
  return result;
}

/** Python interpreters to try, in order: the first with the library wins. */
const PYTHONS = ["python3", "/usr/bin/python3"];

/**
 * Runs `mlp_python.py` for `library`; a string saying why when no interpreter has it.
 * OpenBLAS picks its own kernels: `env -u` removes the machine's overrides for this command only.
 */
async function benchPython(
  library: "numpy" | "sklearn",
  data: Split,
  hidden: number,
  runs: number,
): Promise<BenchResult | string> {
  const script = new URL("./mlp_python.py", import.meta.url).pathname;
  const job = {
    library,
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
  const threads = Deno.env.get("OPENBLAS_NUM_THREADS") ?? "1";
  const missing: string[] = [];
  for (const python of PYTHONS) {
    let child;
    try {
      child = new Deno.Command("env", {
        args: [
          "-u",
          "OPENBLAS_CORETYPE",
          "-u",
          "OPENBLAS_L2_SIZE",
          `OPENBLAS_NUM_THREADS=${threads}`,
          python,
          script,
        ],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
    } catch {
      return "no `env` command";
    }
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(job)));
    await writer.close();
    const out = await child.output();
    if (out.success) {
      const { seconds, cpu_seconds, accuracy, runtime } = JSON.parse(
        new TextDecoder().decode(out.stdout),
      );
      return { seconds, cpuSeconds: cpu_seconds, accuracy, runtime };
    }
    const err = new TextDecoder().decode(out.stderr);
    const absent = /No module named '(numpy|sklearn)'|No such file or directory/.exec(err);
    if (!absent) throw new Error(`mlp_python.py (${python}, ${library}) failed:\n${err}`);
    missing.push(`${python}: ${absent[0]}`);
  }
  return `skipped, not installed (${missing.join("; ")})`;
}

/** One-line description of what a Python run used. */
function describeRuntime(runtime: Record<string, unknown> | undefined): string {
  if (!runtime) return "";
  const blas = runtime.blas as Record<string, unknown> | undefined;
  const parts = [`${runtime.python}`, `NumPy ${runtime.numpy}`];
  if (runtime.sklearn) parts.push(`scikit-learn ${runtime.sklearn}`);
  if (blas?.core) parts.push(`OpenBLAS kernel ${blas.core}, ${blas.threads} thread(s)`);
  else parts.push("BLAS kernel unknown");
  return parts.join(", ");
}

/**
 * Runs the benchmark and prints one table. `args`: `--runs N` (default 5), `--widths 64,256`,
 * `--json FILE`.
 * The example is not run: it trains networks for minutes.
 *
 * @example
 * ```ts ignore
 * import { benchMlp } from "./mlp.ts";
 * await benchMlp(["--runs", "3", "--json", "bench.json"]);
 * ```
 */
export async function benchMlp(args: string[]): Promise<void> {
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const runs = Number(opt("--runs", "5"));
  const widths = opt("--widths", "64,256").split(",").map(Number);
  const jsonFile = opt("--json", "");
  const data = await digitsSplit();
  const load = () => Deno.loadavg().map((x) => x.toFixed(2)).join(" ");
  console.log(
    `digits: ${data.train.rows} train / ${data.test.rows} test rows, pixels/16; ` +
      `SGD momentum ${SETUP.momentum}, lr ${SETUP.lr}, batch ${SETUP.batchSize}, ` +
      `${SETUP.epochs} epochs; median of ${runs} runs after a warm-up (training time only)`,
  );
  console.log(`load average at start: ${load()} (${navigator.hardwareConcurrency} CPUs)`);
  const engines = (["typescript", "wasm", "wasm-fma"] as const).filter(backendAvailable);
  const records: BenchRecord[] = [];
  const table: string[][] = [];
  const notes = new Set<string>();
  for (const hidden of widths) {
    const network = `64-${hidden}-10`;
    const results: [string, BenchResult | string][] = [];
    for (const name of engines) {
      results.push([name, await benchEngine(name, data, hidden, runs)]);
      console.log(`  ${network} ${name} done`);
    }
    for (const library of ["numpy", "sklearn"] as const) {
      const result = await benchPython(library, data, hidden, runs);
      results.push([library, result]);
      if (typeof result === "string") notes.add(`${library}: ${result}`);
      else notes.add(`${library}: ${describeRuntime(result.runtime)}`);
      console.log(`  ${network} ${library} done`);
    }
    const numpy = results.find(([name]) => name === "numpy")?.[1];
    const numpyTime = typeof numpy === "object" ? median(numpy.seconds) : NaN;
    const numpyCpu = typeof numpy === "object" ? median(numpy.cpuSeconds) : NaN;
    for (const [backend, result] of results) {
      if (typeof result === "string") {
        table.push([network, backend, "n/a", "n/a", "n/a", "n/a", "n/a"]);
        continue;
      }
      const time = median(result.seconds), cpu = median(result.cpuSeconds);
      const acc = median(result.accuracy);
      records.push({ network, backend, median_s: time, test_acc: acc });
      table.push([
        network,
        backend,
        time.toFixed(4),
        cpu.toFixed(4),
        acc.toFixed(4),
        Number.isFinite(numpyTime) ? (time / numpyTime).toFixed(2) : "n/a",
        Number.isFinite(numpyCpu) ? (cpu / numpyCpu).toFixed(2) : "n/a",
      ]);
    }
  }
  console.log(
    "\n| network | backend | median wall s | median CPU s | test acc | wall / NumPy | CPU / NumPy |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const row of table) console.log(`| ${row.join(" | ")} |`);
  console.log("");
  for (const note of notes) console.log(note);
  console.log(`load average at end: ${load()}`);
  if (jsonFile) {
    await Deno.writeTextFile(jsonFile, JSON.stringify(records, null, 2) + "\n");
    console.log(`wrote ${jsonFile}`);
  }
}
