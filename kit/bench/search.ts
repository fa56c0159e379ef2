/**
 * `deno task bench search`: the model-based samplers' own time per proposal (`sampler.ts`: GP
 * and TPE after 10, 50 and 200 trials), then how much faster `deno task search` runs on two
 * workers than on one, and whether both write the same trial log apart from the timing columns
 * (`_s`). `--only sampler` or `--only workers` runs one part.
 *
 * Runs `--dataset digits --method random --trials 64 --seed 7` with `--workers 1`, with
 * `--workers 2`, and as two independent one-worker searches at once, `--runs` times each
 * (default 3), each as its own process into a scratch folder, and prints every wall time, the
 * medians, the speed-up, the machine's capacity, their ratio, the load average before each run
 * and the log comparison. Timings on a machine shared
 * with other work say little: read the load average first.
 *
 * @module
 */

import { runDeno } from "../lib/process.ts";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCsvRecords } from "../lib/csv.ts";
import { benchSampler } from "../search/sampler_timing.ts";

const SEARCH = fileURLToPath(new URL("../cli/search.ts", import.meta.url));

/**
 * The log's cells without the columns whose name ends in `_s`, as one comparable string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withoutTimingColumns } from "./search.ts";
 * const one = withoutTimingColumns("id,score,train_s\n0,0.5,1.25\n");
 * assert.equal(one, withoutTimingColumns("id,score,train_s\n0,0.5,0.75\n"));
 * assert.equal(one, JSON.stringify([["id", "score"], ["0", "0.5"]]));
 * ```
 */
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

/** One `deno task search` process; resolves to its wall time in seconds. */
async function timedSearch(
  values: { dataset?: string; trials?: string; seed?: string },
  workers: number,
  out: string,
): Promise<number> {
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
  if (!result.success) {
    throw new Error(`the search failed: ${result.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

/**
 * Runs the benchmark; `args` are its command-line options. Each run times one search on one
 * worker, the same on two, and two independent one-worker searches started together: the
 * machine's **capacity** is how much faster that pair finishes than one after the other
 * (2 × t₁ / t_pair), and the two-worker search's **efficiency** is its speed-up over that.
 *
 * The example is not run: it times whole searches on digits for minutes; `deno task bench search` runs it.
 *
 * @example
 * ```ts ignore
 * import { benchSearch } from "./search.ts";
 * await benchSearch(["--runs", "1", "--trials", "64"]);
 * ```
 */
export async function benchSearch(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: "string", default: "3" },
      trials: { type: "string", default: "64" },
      dataset: { type: "string", default: "digits" },
      seed: { type: "string", default: "7" },
      only: { type: "string" },
    },
  });
  if (values.only !== undefined && values.only !== "sampler" && values.only !== "workers") {
    throw new Error(`--only must be sampler or workers, got "${values.only}"`);
  }
  if (values.only !== "workers") await benchSampler();
  if (values.only === "sampler") return;
  const runs = Number(values.runs);
  const dir = await Deno.makeTempDir({ prefix: "bench-search-" });
  const times: Record<string, number[]> = { one: [], two: [], pair: [] };
  const logs: string[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const load = Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
      for (const workers of [1, 2]) {
        const out = join(dir, `w${workers}-${run}.csv`);
        times[workers === 1 ? "one" : "two"].push(await timedSearch(values, workers, out));
        logs.push(withoutTimingColumns(await Deno.readTextFile(out)));
      }
      const started = performance.now();
      await Promise.all(
        ["a", "b"].map((k) => timedSearch(values, 1, join(dir, `p${k}-${run}.csv`))),
      );
      times.pair.push((performance.now() - started) / 1000);
      console.log(
        `run ${run}: 1 worker ${times.one.at(-1)!.toFixed(2)} s, 2 workers ` +
          `${times.two.at(-1)!.toFixed(2)} s, two 1-worker searches together ` +
          `${times.pair.at(-1)!.toFixed(2)} s (load ${load})`,
      );
    }
    const [one, two, pair] = [median(times.one), median(times.two), median(times.pair)];
    const same = logs.every((log) => log === logs[0]);
    const speedUp = one / two, capacity = (2 * one) / pair;
    console.log(
      `median: 1 worker ${one.toFixed(2)} s, 2 workers ${two.toFixed(2)} s, pair ${
        pair.toFixed(2)
      } s`,
    );
    console.log(`speed-up of 2 workers: ${speedUp.toFixed(2)}×`);
    console.log(
      `capacity (two 1-worker searches together vs one after the other): ${capacity.toFixed(2)}×`,
    );
    console.log(`efficiency (speed-up / capacity): ${(speedUp / capacity).toFixed(2)}`);
    console.log(`logs identical apart from the _s columns: ${same ? "yes" : "NO"}`);
    console.log(
      `cpus: ${navigator.hardwareConcurrency}; load average now: ${Deno.loadavg().join(" ")}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
