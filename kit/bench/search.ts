/**
 * `deno task bench search`: how much faster `deno task search` runs on two workers than on one,
 * and whether both write the same trial log apart from the timing columns (`_s`).
 *
 * Runs the search of lesson 07's "done" check (`--dataset digits --method random --trials 16
 * --seed 7`) with `--workers 1` and `--workers 2`, alternately, `--runs` times each (default 5),
 * each as its own process into a scratch folder, and prints every wall time, the medians, their
 * ratio, the load average before each run and the log comparison. Timings on a machine shared
 * with other work say little: read the load average first.
 *
 * @module
 */

import { runDeno } from "../lib/process.ts";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsvRecords } from "../lib/csv.ts";

const SEARCH = fileURLToPath(new URL("../cli/search.ts", import.meta.url));

/** The log's cells without the columns whose name ends in `_s`, as one comparable string. */
export function withoutTimingColumns(text: string): string {
  const [header, ...rows] = parseCsvRecords(text);
  const keep = header.map((name, i) => name.endsWith("_s") ? -1 : i).filter((i) => i >= 0);
  return JSON.stringify([header, ...rows].map((row) => keep.map((i) => row[i])));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs the benchmark; `args` are its command-line options. */
export async function benchSearch(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: "string", default: "5" },
      trials: { type: "string", default: "16" },
      dataset: { type: "string", default: "digits" },
      seed: { type: "string", default: "7" },
    },
  });
  const runs = Number(values.runs);
  const dir = await Deno.makeTempDir({ prefix: "bench-search-" });
  const times: Record<number, number[]> = { 1: [], 2: [] };
  const logs: Record<number, string[]> = { 1: [], 2: [] };
  try {
    for (let run = 1; run <= runs; run++) {
      for (const workers of [1, 2]) {
        const out = join(dir, `w${workers}-${run}.csv`);
        const load = Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
        const started = performance.now();
        const result = await runDeno({
          args: [
            "run",
            "--allow-read",
            "--allow-write",
            "--allow-env",
            SEARCH,
            ...["--dataset", values.dataset!, "--method", "random", "--trials", values.trials!],
            ...["--seed", values.seed!, "--workers", String(workers), "--out", out],
          ],
          cwd: Deno.cwd(),
          kind: "kit",
          stdout: "null",
        });
        const seconds = (performance.now() - started) / 1000;
        if (!result.success) {
          throw new Error(`the search failed: ${result.stderr}`);
        }
        times[workers].push(seconds);
        logs[workers].push(withoutTimingColumns(await Deno.readTextFile(out)));
        console.log(`run ${run}, ${workers} worker(s): ${seconds.toFixed(2)} s (load ${load})`);
      }
    }
    const [one, two] = [median(times[1]), median(times[2])];
    const same = [...logs[1], ...logs[2]].every((log) => log === logs[1][0]);
    console.log(`median: 1 worker ${one.toFixed(2)} s, 2 workers ${two.toFixed(2)} s`);
    console.log(`speed-up of 2 workers: ${(one / two).toFixed(2)}×`);
    console.log(`logs identical apart from the _s columns: ${same ? "yes" : "NO"}`);
    console.log(
      `cpus: ${navigator.hardwareConcurrency}; load average now: ${Deno.loadavg().join(" ")}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
