import assert from "node:assert/strict";
import { hyperbandPlan } from "../../solutions/08-beyond-grid-and-random/halving_plan.ts";
import { parseTrialLog } from "../../solutions/07-grid-and-random-search/tracker.ts";
import type { TrialPlan } from "./pool.ts";
import { logColumns, type SpaceSpec } from "./runner.ts";
import {
  FIDELITY_LABELS,
  fidelityBrackets,
  type FidelityCode,
  runFidelitySearch,
} from "./fidelity.ts";
import { fakePool, memoryStore, scoredResult, solutionCode } from "./testing.ts";

const code = await solutionCode<FidelityCode>();

const SPACE: SpaceSpec = {
  lr: { type: "logUniform", low: 1e-3, high: 1 },
  hidden: { type: "logInteger", low: 8, high: 64 },
};

/** Scores from the plan alone, rounded to 1/20 so that ties happen. */
function fakeResult(plan: TrialPlan) {
  const quality = 1 - Math.abs(Math.log10(plan.config.lr as number) + 1.5) / 2;
  return scoredResult(plan, Math.round(20 * quality * (1 - 1 / (plan.epochs + 1))) / 20);
}

const COLUMNS = logColumns(["lr", "hidden"], FIDELITY_LABELS);
const withoutTimings = (text: string) => text.replace(/,[^,\n]*\n/g, "\n");

async function search(
  method: string,
  trials: number | undefined,
  delaySeed: number,
  store = memoryStore(),
) {
  const trained: TrialPlan[] = [];
  const outcome = await runFidelitySearch({
    code,
    // Results arrive scrambled: each after a delay drawn from `delaySeed`.
    pool: fakePool({ result: fakeResult, delaySeed, trained }),
    method,
    space: SPACE,
    trials,
    eta: 3,
    maxEpochs: 27,
    seed: 5,
    columns: COLUMNS,
    store,
  });
  return { outcome, trained, store };
}

Deno.test("runFidelitySearch: Hyperband's rows, rungs and costs follow the plan", async () => {
  const { outcome, store } = await search("hyperband", undefined, 1);
  const plan = hyperbandPlan(27, 3);
  const rows = parseTrialLog(store.text!).rows;
  assert.equal(rows.length, outcome.total);
  for (const [b, bracket] of plan.brackets.entries()) {
    bracket.rungs.forEach((rung, i) => {
      const here = rows.filter((r) => r.bracket === b && r.rung === i);
      assert.equal(here.length, rung.configs);
      assert.ok(here.every((r) => r.epochs === rung.budget));
    });
  }
  assert.equal(outcome.epochsFromScratch, plan.costFromScratch);
  assert.equal(outcome.epochsWithResume, plan.costWithResume);
  assert.deepEqual(
    outcome.finalIds.map((id) => outcome.rows.get(id)!.epochs),
    outcome.finalIds.map(() => 27),
  );
});

Deno.test("runFidelitySearch: each rung promotes the best by the tie rule, ties by id", async () => {
  const { store } = await search("halving", 27, 2);
  const rows = parseTrialLog(store.text!).rows;
  for (let i = 0; i < 3; i++) {
    const rung = rows.filter((r) => r.rung === i);
    const next = rows.filter((r) => r.rung === i + 1).map((r) => r.config);
    // Best first by score, then loss, then cost, then id: what selectBest taken k times gives.
    const ranked = [...rung].sort((a, b) =>
      (b.score as number) - (a.score as number) || (a.loss as number) - (b.loss as number) ||
      (a.cost as number) - (b.cost as number) || (a.id as number) - (b.id as number)
    );
    const expected = ranked.slice(0, next.length).map((r) => r.config as number);
    assert.deepEqual(next, expected.sort((a, b) => a - b));
  }
});

Deno.test("runFidelitySearch: the log does not depend on completion order, and resumes", async () => {
  const one = await search("hyperband", undefined, 3);
  const other = await search("hyperband", undefined, 4);
  assert.equal(withoutTimings(other.store.text!), withoutTimings(one.store.text!));
  const lines = one.store.text!.split("\n");
  const partial = lines.slice(0, 50).join("\n") + "\n";
  const resumed = await search("hyperband", undefined, 5, memoryStore(partial));
  assert.equal(resumed.trained.length, one.outcome.total - 49);
  assert.ok(resumed.trained.every((p) => p.id >= 49));
  assert.equal(withoutTimings(resumed.store.text!), withoutTimings(one.store.text!));
});

Deno.test("runFidelitySearch: refuses another search's log; fidelityBrackets checks --trials", async () => {
  const { store } = await search("halving", 9, 6);
  await assert.rejects(() => search("halving", 27, 7, memoryStore(store.text)), /not trial 0/);
  assert.throws(() => fidelityBrackets(code, "hyperband", 9, 3, 27), /drop --trials/);
  assert.throws(() => fidelityBrackets(code, "halving", undefined, 3, 27), /--trials N/);
  // Fewer epochs than configurations allow: the rungs stop where the first budget is 1.
  assert.deepEqual(fidelityBrackets(code, "halving", 81, 3, 9)[0].rungs.map((r) => r.budget), [
    1,
    3,
    9,
  ]);
});
