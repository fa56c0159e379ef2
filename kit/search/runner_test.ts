import assert from "node:assert/strict";
import { gridPoints } from "../../solutions/07-grid-and-random-search/grid.ts";
import {
  formatTrialLog,
  parseTrialLog,
} from "../../solutions/07-grid-and-random-search/tracker.ts";
import type { TrialPlan } from "./pool.ts";
import {
  logColumns,
  type LogRow,
  pickWinner,
  resumeRows,
  runTrials,
  type SpaceSpec,
} from "./runner.ts";
import { planTrials } from "./grid_random.ts";
import { fakePool, memoryStore, solutionCode } from "./testing.ts";

const code = await solutionCode();

const SPACE: SpaceSpec = {
  lr: { type: "logUniform", low: 1e-3, high: 1 },
  hidden: { type: "logInteger", low: 8, high: 64 },
  optimizer: ["sgd", "adam"],
};

/** Results from the plan alone: trial 2 diverges, trials 1 and 3 tie for the best score. */
function fakeResult(plan: TrialPlan) {
  const score = plan.id === 1 || plan.id === 3 ? 0.9 : 0.5 + plan.id / 100;
  return {
    score,
    loss: plan.id === 2 ? NaN : 1 - score + (plan.id === 3 ? 0.1 : 0),
    trainLoss: 0.1,
    cost: 100,
    status: plan.id === 2 ? "diverged" as const : "ok" as const,
  };
}

const withoutTimings = (text: string) => {
  const log = parseTrialLog(text);
  const keep = log.columns.filter((c) => !c.endsWith("_s"));
  return { keep, rows: log.rows.map((r) => keep.map((c) => r[c])) };
};

async function search(workers: number, delaySeed: number, store = memoryStore()) {
  const plans = planTrials(code, "random", SPACE, 12, 7, 5);
  const columns = logColumns(Object.keys(plans[0].config));
  const rows = store.text === undefined
    ? new Map<number, LogRow>()
    : resumeRows(code, store.text, columns, plans, store.name);
  const trained: TrialPlan[] = [];
  // Trials finish after a random delay, so in a scrambled order.
  const pool = fakePool({ result: fakeResult, delaySeed, maxDelayMs: 8, size: workers, trained });
  // Odd worker counts also try the most-expensive-first order.
  const estimateCost = workers % 2 ? (p: TrialPlan) => p.config.hidden as number : undefined;
  await runTrials({ code, pool, plans, columns, rows, store, estimateCost });
  return { store, rows, trained: trained.map((p) => p.id), plans };
}

Deno.test("runTrials: the log is the same for 1, 2 and 5 workers apart from the _s columns", async () => {
  const one = await search(1, 1);
  for (const [workers, seed] of [[2, 2], [5, 3]]) {
    const other = await search(workers, seed);
    assert.deepEqual(withoutTimings(other.store.text!), withoutTimings(one.store.text!));
    assert.notEqual(other.store.text, one.store.text); // the timings do differ
  }
  const ids = parseTrialLog(one.store.text!).rows.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => (a as number) - (b as number)));
  assert.equal(one.store.writes, 12); // one write per finished trial
});

Deno.test("runTrials: with estimateCost, the most expensive trials start first", async () => {
  const { trained, plans } = await search(1, 8);
  const hidden = (id: number) => plans[id].config.hidden as number;
  const started = trained.map(hidden);
  assert.deepEqual(started, [...started].sort((a, b) => b - a));
});

Deno.test("runTrials: a resumed search skips logged trials and ends with the same log", async () => {
  const full = await search(3, 4);
  const log = parseTrialLog(full.store.text!);
  const partial = formatTrialLog(
    log.columns,
    log.rows.filter((r) => [0, 1, 2, 5].includes(r.id as number)),
  );
  const resumed = await search(2, 5, memoryStore(partial));
  assert.deepEqual(resumed.trained.sort((a, b) => a - b), [3, 4, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(withoutTimings(resumed.store.text!), withoutTimings(full.store.text!));
});

Deno.test("runTrials: a diverged trial stays in the log, marked, and never wins", async () => {
  const { store, rows } = await search(2, 6);
  const row = parseTrialLog(store.text!).rows.find((r) => r.id === 2)!;
  assert.equal(row.status, "diverged");
  assert.ok(Number.isNaN(row.loss));
  // Trials 1 and 3 tie on score; 1 has the lower validation loss.
  assert.equal(pickWinner(code, rows).id, 1);
});

Deno.test("resumeRows: refuses a malformed log, other columns and another search's trials", async () => {
  const { store, plans } = await search(1, 7);
  const columns = logColumns(Object.keys(plans[0].config));
  assert.throws(
    () => resumeRows(code, 'id,seed\n0,"open', columns, plans, "x.csv"),
    /cannot resume from x\.csv/,
  );
  assert.throws(
    () => resumeRows(code, "id,seed\n0,1\n", columns, plans, "x.csv"),
    /its columns are id,seed/,
  );
  const otherSeed = planTrials(code, "random", SPACE, 12, 8, 5);
  assert.throws(
    () => resumeRows(code, store.text!, columns, otherSeed, "x.csv"),
    /is not trial 0 of this search/,
  );
  assert.equal(resumeRows(code, store.text!, columns, plans, "x.csv").size, 12);
});

Deno.test("planTrials: grid order and seeds by id; clear errors for a bad method or space", () => {
  const plans = planTrials(code, "grid", { lr: [0.1, 0.01], l2: [0, 1] }, undefined, 3, 5);
  assert.deepEqual(plans.map((p) => p.config), gridPoints({ lr: [0.1, 0.01], l2: [0, 1] }));
  assert.equal(planTrials(code, "grid", { lr: [0.1, 0.01] }, 1, 3, 5).length, 1);
  assert.equal(new Set(plans.map((p) => p.seed)).size, 4);
  assert.throws(() => planTrials(code, "halving", SPACE, 3, 0, 5), /unknown method "halving"/);
  assert.throws(() => planTrials(code, "grid", SPACE, 3, 0, 5), /list of values for "lr"/);
  assert.throws(() => planTrials(code, "random", SPACE, undefined, 0, 5), /--trials/);
  assert.throws(() => planTrials(code, "grid", { lr: [1, 2] }, 3, 0, 5), /more than the grid/);
});
