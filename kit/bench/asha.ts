/**
 * `deno task bench asha [--workers 2] [--seed 0] [--only lesson|kit]`: synchronous successive
 * halving and ASHA on REAL workers (the search pool of `kit/search/pool.ts`) and the REAL clock,
 * on digits, with lesson 10's space and rungs: the utilisation each measures, Σ (seconds each
 * job trained in its worker) / (W · wall seconds).
 *
 * Then the same through the kit's command (`runSearch`, as `deno task search --method
 * halving|asha --trials 27 --epochs 27`): the simulated clock's utilisation of synchronous
 * halving (its rungs scheduled on W virtual workers with the same nominal epoch cost, each rung
 * a barrier, most expensive job first as the runner starts them) and of `--method asha` at W = 2
 * and 8 given the epochs halving trained (`--budget`, `--trials 400`, as the lesson's experiment
 * does), and, with `--workers` real workers, both searches' measured utilisation (`--clock real`
 * for ASHA), the wall time from the first job's start to the last job's end.
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
import { fileURLToPath } from "node:url";
import { oneOf } from "../cli/args.ts";
import { type LogRow, type LogStore, runSearch, type SearchOutcome } from "../search/mod.ts";
import { epochCost, scheduleJobs, utilisation } from "../search/clock.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The load average (1, 5, 15 minutes) as the benchmark prints it. */
const loadText = () => Deno.loadavg().map((v) => v.toFixed(2)).join(" ");

/** ASHA's --trials when it is given halving's epochs as --budget: more than it can start. */
const ASHA_CONFIGS = 400;

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

/** A search of the kit's command, in memory: its outcome and the measured real utilisation. */
async function kitSearch(
  method: string,
  workers: number,
  seed: number,
  extra: { clock?: string; virtualWorkers?: number; budget?: number } = {},
): Promise<{ outcome: SearchOutcome; measured: number; wall: number }> {
  let text: string | undefined;
  const store: LogStore = {
    name: `memory-${method}.csv`,
    read: () => Promise.resolve(text),
    write: (t) => Promise.resolve(void (text = t)),
  };
  let first: number | undefined, last = 0;
  const outcome = await runSearch({
    method,
    space: SPACE,
    budget: {
      trials: extra.budget ? ASHA_CONFIGS : SETTINGS.halvingConfigs,
      epochs: SETTINGS.budgets.at(-1),
    },
    methodOptions: { eta: SETTINGS.eta, ...(extra.budget ? { budget: extra.budget } : {}) },
    seed,
    workers,
    clock: extra.clock,
    virtualWorkers: extra.virtualWorkers,
    data: {
      dataset: "digits",
      defaults: { momentum: SETTINGS.momentum, batchSize: SETTINGS.batchSize },
    },
    code: { kitRoot: KIT_ROOT, source: "solutions" },
    store,
    progress: {
      trial(p) {
        const now = performance.now();
        first ??= now - 1000 * Number(p.row.train_s);
        last = now;
      },
    },
  });
  const wall = (last - (first ?? last)) / 1000;
  const busy = outcome.rows.reduce((sum, r) => sum + Number(r.train_s), 0);
  return { outcome, measured: wall > 0 ? busy / (workers * wall) : 0, wall };
}

/** Synchronous halving's rows on W virtual workers: each rung a barrier, longest job first. */
function synchronousOnClock(rows: readonly LogRow[], workers: number) {
  let now = 0;
  const jobs: { start: number; end: number }[] = [];
  const rungs = [...new Set(rows.map((r) => Number(r.rung)))].sort((a, b) => a - b);
  for (const rung of rungs) {
    const durations = rows.filter((r) => Number(r.rung) === rung)
      .map((r) => Number(r.epochs) * epochCost(Number(r.hidden)))
      .sort((a, b) => b - a);
    const scheduled = scheduleJobs(durations, workers, now);
    jobs.push(...scheduled);
    now = Math.max(now, ...scheduled.map((j) => j.end));
  }
  return utilisation(jobs, workers);
}

/** The kit's `--method halving|asha` on both clocks. */
async function benchKit(workers: number, seed: number): Promise<void> {
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  const epochs = (o: SearchOutcome) => o.rows.reduce((n, r) => n + Number(r.epochs), 0);
  const winner = (o: SearchOutcome) =>
    `winner ${o.winner.id} at ${o.winner.epochs} epochs (validation ${
      Number(o.winner.score).toFixed(4)
    }, test ${o.testScore?.toFixed(4)})`;
  console.log(
    `\nthe kit's command: --trials ${SETTINGS.halvingConfigs} --epochs ` +
      `${SETTINGS.budgets.at(-1)} --eta ${SETTINGS.eta}, digits, seed ${seed}, promoted ` +
      "configurations retrained (load before: " +
      `${loadText()})`,
  );
  const halving = await kitSearch("halving", workers, seed);
  for (const w of [2, 8]) {
    const sync = synchronousOnClock(halving.outcome.rows, w);
    console.log(
      `simulated clock, W = ${w}: synchronous halving utilisation ${pct(sync.utilisation)} ` +
        `(makespan ${sync.makespan.toFixed(1)} units, ${epochs(halving.outcome)} epochs)`,
    );
    const asha = await kitSearch("asha", workers, seed, {
      virtualWorkers: w,
      budget: epochs(halving.outcome),
    });
    const jobs = asha.outcome.rows.map((r) => ({
      start: Number(r.sim_start),
      end: Number(r.sim_end),
    }));
    const u = utilisation(jobs, w);
    console.log(
      `simulated clock, W = ${w}: ASHA utilisation ${pct(u.utilisation)} (makespan ` +
        `${u.makespan.toFixed(1)} units, ${epochs(asha.outcome)} epochs, ` +
        `${asha.outcome.rows.length} jobs), ${winner(asha.outcome)}`,
    );
  }
  console.log(
    `real clock, ${workers} real workers: synchronous halving measured utilisation ` +
      `${pct(halving.measured)} (wall ${halving.wall.toFixed(2)} s), ${winner(halving.outcome)}`,
  );
  const real = await kitSearch("asha", workers, seed, {
    clock: "real",
    budget: epochs(halving.outcome),
  });
  console.log(
    `real clock, ${workers} real workers: ASHA --clock real measured utilisation ` +
      `${pct(real.measured)} (wall ${real.wall.toFixed(2)} s, ${epochs(real.outcome)} epochs), ` +
      `${winner(real.outcome)}`,
  );
  console.log(`load average now: ${loadText()}`);
}

/**
 * Runs the benchmark; `args` are its command-line options.
 *
 * The example is not run: it times ASHA and halving searches on digits for minutes; `deno task bench asha` runs it.
 *
 * @example
 * ```ts ignore
 * import { benchAsha } from "./asha.ts";
 * await benchAsha(["--workers", "2"]);
 * ```
 */
export async function benchAsha(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      workers: { type: "string", default: "2" },
      seed: { type: "string", default: "0" },
      only: { type: "string" },
    },
  });
  const workers = Number(values.workers), seed = Number(values.seed);
  if (values.only !== undefined) oneOf("only", values.only, ["lesson", "kit"]);
  if (values.only !== "lesson") {
    await benchKit(workers, seed);
    if (values.only === "kit") return;
  }
  const configs = randomConfigurations(SPACE, 400, `10/halving/${seed}`);
  const pool = await createPool(workers, "digits", 0, {
    ...DEFAULT_SETTINGS,
    momentum: SETTINGS.momentum,
    batchSize: SETTINGS.batchSize,
  });
  try {
    const load = loadText();
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
