import assert from "node:assert/strict";
import type { TrialPlan } from "./pool.ts";
import type { LogRow } from "./runner.ts";
import type { SearchOptions } from "./mod.ts";
import type { TrialResult } from "./trial.ts";
import { memoryStore, searchOnFakePool, solutionCode } from "./testing.ts";

const code = await solutionCode();

/** A trial's validation accuracy after epoch e (from 0): its quality approached over epochs. */
function accuracy(config: TrialPlan["config"], epoch: number): number {
  const quality = 1 - Math.abs(Math.log10(config.lr as number) + 1.5) / 3;
  return Math.round(100 * quality * (1 - 1 / (epoch + 2))) / 100;
}

/** Each plan's curve from {@link accuracy}, stopped where its `stopBelow` says. */
function fakeResult(plan: TrialPlan): TrialResult {
  const curve = [];
  let best = -Infinity;
  for (let e = 0; e < plan.epochs; e++) {
    const validationAccuracy = accuracy(plan.config, e);
    curve.push({ trainLoss: 1, validationLoss: 1 - validationAccuracy, validationAccuracy });
    best = Math.max(best, validationAccuracy);
    if (best < (plan.stopBelow?.[e] ?? -Infinity)) break;
  }
  const score = curve[curve.length - 1].validationAccuracy;
  return {
    score,
    loss: 1 - score,
    trainLoss: 1,
    cost: curve.length,
    status: "ok",
    bestEpoch: curve.length - 1,
    stoppedEpoch: curve.length < plan.epochs ? curve.length - 1 : -1,
    curves: [curve],
    // A checkpoint that records its lineage: the weights it started from, then its id.
    ...(plan.returnWeights ? { weights: [...(plan.from?.weights ?? []), plan.id] } : {}),
  };
}

const PBT_SPACE = { lr: { type: "logUniform" as const, low: 1e-3, high: 1 }, l2: [0, 0.01] };
const SPACE = { lr: { type: "logUniform" as const, low: 1e-4, high: 1 }, hidden: [8, 32, 128] };

/**
 * Runs a search on a fake pool of `workers`, whose results come back in a different order for
 * each `delaySeed`; returns the log's rows without `_s` and the plans.
 */
async function run(
  method: string,
  workers: number,
  delaySeed: number,
  extra: Partial<SearchOptions> = {},
) {
  const searched = await searchOnFakePool({
    method,
    space: method === "pbt" ? PBT_SPACE : SPACE,
    budget: { trials: 12, epochs: 9 },
    seed: 4,
    workers,
    virtualWorkers: 3,
    data: { dataset: "iris", cv: 0 },
    code,
    curves: memoryStore(),
    ...extra,
  }, { result: fakeResult, delaySeed, maxDelayMs: 5, size: workers });
  const strip = (row: LogRow) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !k.endsWith("_s")));
  return { ...searched, rows: searched.outcome.rows.map(strip) };
}

Deno.test("asha on the simulated clock: the same log whatever the real workers and the order results come back", async () => {
  const reference = await run("asha", 1, 1);
  for (const [workers, delaySeed] of [[2, 2], [3, 3], [5, 4]]) {
    assert.deepEqual((await run("asha", workers, delaySeed)).rows, reference.rows);
  }
  const rows = reference.rows;
  // No barrier: a rung-1 job starts before the last rung-0 job does.
  const firstPromotion = rows.find((r) => r.rung === 1)!;
  const lastNew = rows.filter((r) => r.rung === 0).at(-1)!;
  assert.ok((firstPromotion.sim_start as number) < (lastNew.sim_start as number));
  // Every configuration is started once at rung 0 and promoted at most once per rung.
  assert.equal(rows.filter((r) => r.rung === 0).length, 12);
  for (const rung of [1, 2]) {
    const configs = rows.filter((r) => r.rung === rung).map((r) => r.config);
    assert.equal(new Set(configs).size, configs.length);
  }
  // The three virtual workers never run two jobs at once.
  for (const w of [0, 1, 2]) {
    const jobs = rows.filter((r) => r.vworker === w)
      .sort((a, b) => (a.sim_start as number) - (b.sim_start as number));
    jobs.slice(1).forEach((job, k) =>
      assert.ok(job.sim_start as number >= (jobs[k].sim_end as number))
    );
  }
  assert.equal(reference.outcome.winner.rung, 2);
  // --budget: no job is handed out once 20 epochs are; the configurations are then not all used.
  const budgeted = await run("asha", 2, 9, { methodOptions: { budget: 20 } });
  const handed = budgeted.rows.map((r) => r.epochs as number);
  assert.ok(handed.slice(0, -1).reduce((a, b) => a + b, 0) < 20);
  assert.ok(handed.reduce((a, b) => a + b, 0) >= 20);
  assert.ok(budgeted.rows.filter((r) => r.rung === 0).length < 12);
  assert.match(reference.outcome.cost.note!, /simulated clock, 3 virtual workers: .*utilisation/);
});

Deno.test("asha resumes a cut log to the same log; a real-clock log refuses to resume", async () => {
  const reference = await run("asha", 2, 5);
  const lines = reference.text.split("\n");
  const cut = memoryStore(lines.slice(0, 6).join("\n") + "\n");
  const resumed = await run("asha", 2, 6, { store: cut });
  assert.deepEqual(resumed.rows, reference.rows);
  assert.equal(resumed.trained.length, reference.rows.length - 5);
  const real = await run("asha", 2, 7, { clock: "real", virtualWorkers: undefined });
  assert.ok(real.outcome.columns.includes("start_s"));
  assert.match(real.outcome.cost.note!, /REAL clock/);
  await assert.rejects(
    run("asha", 2, 7, { clock: "real", virtualWorkers: undefined, store: memoryStore(real.text) }),
    /cannot resume: its decisions followed the order trials finished/,
  );
});

Deno.test("median stopping stops trials below the median, the same for any workers, and saves epochs", async () => {
  const reference = await run("median", 1, 1);
  assert.deepEqual((await run("median", 3, 8)).rows, reference.rows);
  const stopped = reference.rows.filter((r) => (r.stopped_epoch as number) >= 0);
  assert.ok(stopped.length > 0, "some trial is stopped");
  // The default grace of 3 epochs: none stops before its third epoch (index 2).
  assert.ok(stopped.every((r) => (r.stopped_epoch as number) >= 2));
  const epochsOf = (r: LogRow) =>
    (r.stopped_epoch as number) >= 0 ? (r.stopped_epoch as number) + 1 : 9;
  const trained = reference.rows.reduce((n, r) => n + epochsOf(r), 0);
  assert.equal(reference.outcome.cost.epochs, trained);
  assert.ok(trained < 12 * 9);
  // The winner ran every epoch.
  assert.equal(reference.outcome.winner.stopped_epoch, -1);
  assert.match(reference.outcome.cost.note!, new RegExp(`stopped ${stopped.length} of 12`));
});

Deno.test("asynchronous methods refuse what they cannot do, naming it", async () => {
  const cases: [string, Partial<SearchOptions>, RegExp][] = [
    ["asha", { shard: { index: 0, count: 2 } }, /--method asha cannot be sharded/],
    ["asha", { clock: "wall" }, /--clock must be simulated or real, got "wall"/],
    ["asha", { clock: "real", virtualWorkers: 4 }, /--virtual-workers is for the simulated clock/],
    ["asha", { virtualWorkers: 0 }, /--virtual-workers must be a whole number ≥ 1/],
    ["random", { clock: "simulated" }, /--clock is an option of the asynchronous methods/],
    [
      "median",
      { data: { dataset: "iris" } },
      /compares one validation curve per trial: add --cv 0/,
    ],
    ["median", { data: { dataset: "iris", cv: 0, patience: 2 } }, /drop --patience/],
    ["median", { budget: { epochs: 9 } }, /median stopping needs --trials N/],
  ];
  for (const [method, extra, message] of cases) {
    await assert.rejects(run(method, 1, 1, extra), message, `${method} ${JSON.stringify(extra)}`);
  }
});

Deno.test("pbt: exploited members continue from the donor's weights with perturbed hyperparameters; the same for any workers", async () => {
  const options = { budget: { trials: 8, epochs: 9 }, methodOptions: { interval: 3 } };
  const reference = await run("pbt", 1, 1, options);
  assert.deepEqual((await run("pbt", 3, 2, options)).rows, reference.rows);
  const rows = reference.rows;
  assert.equal(rows.length, 8 * 3);
  const byId = new Map(reference.trained.map((p) => [p.id, p]));
  let exploited = 0;
  for (const row of rows.filter((r) => (r.generation as number) > 0)) {
    const plan = byId.get(row.id as number)!;
    const g = row.generation as number, donor = row.source as number;
    const donorRow = rows.find((r) => r.generation === g - 1 && r.member === donor)!;
    // The fake checkpoint ends with the id of the row that produced it: the donor's last row.
    assert.equal(plan.from!.weights.at(-1), donorRow.id, `trial ${row.id}`);
    assert.equal(plan.from!.epoch, 3 * g);
    assert.equal(row.momentum, 0);
    if (donor === row.member) {
      assert.equal(row.lr, rows.find((r) => r.generation === g - 1 && r.member === donor)!.lr);
      continue;
    }
    exploited++;
    const ratio = (row.lr as number) / (donorRow.lr as number);
    const perturbed = [0.8, 1.2].some((f) => Math.abs(ratio - f) < 1e-9);
    const resampled = (row.lr as number) >= 1e-3 && (row.lr as number) <= 1;
    assert.ok(perturbed || resampled, `trial ${row.id}: lr ${row.lr} from ${donorRow.lr}`);
  }
  // A quarter of 8 members exploits at each of the 2 steps.
  assert.equal(exploited, 2 * 2);
  assert.ok(reference.outcome.winner.generation === 2);
  assert.match(reference.outcome.cost.note!, /lr by generation: [\d.e-]+ → [\d.e-]+ → [\d.e-]+;/);
  await assert.rejects(
    run("pbt", 1, 1, { ...options, store: memoryStore(reference.text) }),
    /cannot resume: the log holds 24 trials whose weights .* no checkpoints file/,
  );
});

Deno.test("pbt refuses what it cannot do, naming it", async () => {
  const cases: [Partial<SearchOptions>, RegExp][] = [
    [{ budget: { trials: 3, epochs: 9 } }, /pbt needs --trials P ≥ 4 members/],
    [{ methodOptions: { interval: 9 } }, /--interval \(9\) below --epochs \(9\)/],
    [{ clock: "real", virtualWorkers: undefined }, /the clock changes no decision/],
    [{ space: { hidden: [8, 64] } }, /pbt explores lr and l2 only/],
  ];
  for (const [extra, message] of cases) {
    await assert.rejects(run("pbt", 1, 1, extra), message, JSON.stringify(extra));
  }
});
