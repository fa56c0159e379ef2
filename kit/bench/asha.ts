/**
 * `deno task bench asha [--workers 2] [--seed 0]`: synchronous successive halving and ASHA on
 * REAL workers (the search pool of `kit/search/pool.ts`) and the REAL clock, on digits, with
 * lesson 10's space and rungs: the utilisation each measures, Σ (seconds each job trained in its
 * worker) / (W · wall seconds), next to the simulated clock's figure for the same search.
 *
 * The pool trains every job from scratch (it keeps no checkpoints to continue), so both
 * searches here retrain promoted configurations: ASHA is given the epochs synchronous halving
 * trained that way. Real-clock runs are not reproducible: ASHA's promotions depend on which
 * job finished first on this machine at this moment; the numbers are reported as measured.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { createPool, type TrialPool } from "../search/pool.ts";
import { DEFAULT_SETTINGS, trialSeed } from "../search/trial.ts";
import { type Config } from "../../solutions/07-grid-and-random-search/grid.ts";
import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
import { ashaNextJob, type AshaRung } from "../../solutions/10-asynchronous-search/asha.ts";
import { SETTINGS, SPACE } from "../content/10-asynchronous-search/experiment.ts";

/** What one real-clock search measured. */
export interface RealClockRun {
  wallSeconds: number;
  busySeconds: number;
  utilisation: number;
  epochs: number;
  winner: { id: number; rung: number; score: number };
}

const byScoreThenId = (a: { id: number; score: number }, b: { id: number; score: number }) =>
  b.score - a.score || a.id - b.id;

function summary(
  rungs: { id: number; score: number }[][],
  busy: number,
  started: number,
  workers: number,
  epochs: number,
): RealClockRun {
  const wallSeconds = (performance.now() - started) / 1000;
  const top = rungs.findLastIndex((r) => r.length > 0);
  return {
    wallSeconds,
    busySeconds: busy,
    utilisation: busy / (workers * wallSeconds),
    epochs,
    winner: { ...[...rungs[top]].sort(byScoreThenId)[0], rung: top },
  };
}

/** Synchronous halving of configurations 0 … n − 1 on the pool, retraining promoted ones. */
async function synchronousReal(pool: TrialPool, configs: Config[], workers: number, seed: number) {
  const { eta, budgets, halvingConfigs } = SETTINGS;
  const started = performance.now();
  let survivors = Array.from({ length: halvingConfigs }, (_, id) => id);
  let busy = 0, epochs = 0, jobs = 0;
  const rungs: { id: number; score: number }[][] = [];
  for (const [rung, budget] of budgets.entries()) {
    const results = await Promise.all(
      survivors.map((id) =>
        pool.train({ id: jobs++, config: configs[id], seed: trialSeed(seed, id), epochs: budget })
          .then((t) => ({ id, score: t.result.score, seconds: t.seconds }))
      ),
    );
    busy += results.reduce((s, r) => s + r.seconds, 0);
    epochs += budget * survivors.length;
    rungs.push(results.map(({ id, score }) => ({ id, score })));
    const keep = rung < budgets.length - 1 ? Math.floor(survivors.length / eta) : 0;
    survivors = [...rungs[rung]].sort(byScoreThenId).slice(0, keep).map((r) => r.id);
  }
  return summary(rungs, busy, started, workers, epochs);
}

/** ASHA on the pool: W loops ask for jobs as their results come in, until `epochBudget`. */
async function ashaReal(
  pool: TrialPool,
  configs: Config[],
  workers: number,
  seed: number,
  epochBudget: number,
) {
  const { eta, budgets } = SETTINGS;
  const started = performance.now();
  const state: AshaRung[] = budgets.map(() => ({ results: [], promoted: [] }));
  let nextId = 0, handedOut = 0, busy = 0, jobs = 0;
  const loop = async () => {
    while (handedOut < epochBudget) {
      const job = ashaNextJob(state, eta);
      const id = job.kind === "promote" ? job.id : nextId++;
      if (job.kind === "promote") (state[job.rung - 1].promoted as number[]).push(id);
      handedOut += budgets[job.rung];
      const trained = await pool.train({
        id: jobs++,
        config: configs[id],
        seed: trialSeed(seed, id),
        epochs: budgets[job.rung],
      });
      busy += trained.seconds;
      (state[job.rung].results as { id: number; score: number }[])
        .push({ id, score: trained.result.score });
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return summary(state.map((r) => [...r.results]), busy, started, workers, handedOut);
}

/** Runs the benchmark; `args` are its command-line options. */
export async function benchAsha(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { workers: { type: "string", default: "2" }, seed: { type: "string", default: "0" } },
  });
  const workers = Number(values.workers), seed = Number(values.seed);
  const configs = randomConfigurations(SPACE, 400, `10/halving/${seed}`);
  const pool = await createPool(workers, "digits", 0, {
    ...DEFAULT_SETTINGS,
    momentum: SETTINGS.momentum,
    batchSize: SETTINGS.batchSize,
  });
  try {
    const load = Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
    const sync = await synchronousReal(pool, configs, workers, seed);
    const asha = await ashaReal(pool, configs, workers, seed, sync.epochs);
    const show = (name: string, r: RealClockRun) =>
      console.log(
        `${name}: utilisation ${(100 * r.utilisation).toFixed(1)} % (busy ${
          r.busySeconds.toFixed(2)
        } s over ` +
          `${workers} × ${
            r.wallSeconds.toFixed(2)
          } s wall), ${r.epochs} epochs, winner ${r.winner.id} ` +
          `at rung ${r.winner.rung} (validation ${r.winner.score.toFixed(4)})`,
      );
    console.log(`real clock, ${workers} real workers, digits, seed ${seed} (load before: ${load})`);
    show("synchronous halving (retraining)", sync);
    show("ASHA (retraining, same epochs)", asha);
    console.log(
      `cpus: ${navigator.hardwareConcurrency}; load average now: ${Deno.loadavg().join(" ")}`,
    );
  } finally {
    pool.close();
  }
}
