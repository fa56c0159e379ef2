import assert from "node:assert/strict";
import { simulateWorkers } from "../../../solutions/10-asynchronous-search/simulated_clock.ts";
import { successiveHalving } from "../../../solutions/08-beyond-grid-and-random/successive_halving.ts";
import { asynchronousHalving, mispromotions, synchronousHalving } from "./scheduler.ts";
import { medianSearch } from "./median_search.ts";

/** Closed-form curves: quality by id (a permutation), rising with the epochs; costs vary. */
const quality = (id: number) => ((id * 7919) % 97) / 97;
const source = {
  score: (id: number, epochs: number) => quality(id) * (1 - 1 / (epochs + 1)),
  epochCost: (id: number) => 0.5 + (id % 5),
};
const settings = { eta: 3, budgets: [1, 3, 9], workers: 4, resume: true };

Deno.test("synchronousHalving promotes as lesson 08's successive halving does", () => {
  const run = synchronousHalving(source, 27, settings);
  const configs = Array.from({ length: 27 }, (_, id) => id);
  const reference = successiveHalving(
    configs,
    (id, budget) => ({ score: source.score(id, budget), loss: 1 - source.score(id, budget) }),
    { eta: 3, maxBudget: 9, rungs: 3 },
  );
  assert.deepEqual(run.promoted.slice(0, -1), reference.rungs.slice(0, -1).map((r) => r.promoted));
  assert.equal(run.winner.id, reference.bestId);
  assert.equal(run.epochs, 27 + 9 * 2 + 3 * 6);
});

Deno.test("synchronousHalving: each rung's time is simulateWorkers' makespan of its jobs", () => {
  const run = synchronousHalving(source, 9, { ...settings, budgets: [1, 3] });
  const first = simulateWorkers(Array.from({ length: 9 }, (_, id) => source.epochCost(id)), 4);
  const rung1 = run.promoted[0].toSorted((a, b) => a - b).map((id) => 2 * source.epochCost(id));
  assert.equal(run.makespan, first.makespan + simulateWorkers(rung1, 4).makespan);
});

Deno.test("asynchronousHalving: deterministic, within budget, never promotes twice", () => {
  const a = asynchronousHalving(source, 60, settings);
  assert.deepEqual(asynchronousHalving(source, 60, settings), a);
  assert.ok(a.epochs >= 60 && a.epochs < 60 + 6);
  for (const promoted of a.promoted) assert.equal(new Set(promoted).size, promoted.length);
  // One worker never idles.
  assert.equal(asynchronousHalving(source, 60, { ...settings, workers: 1 }).utilisation, 1);
  const counts = mispromotions(a.rungs, a.promoted, 3);
  assert.ok(counts.mispromoted <= counts.promoted);
});

Deno.test("medianSearch: no stopping trains everything; stopping saves epochs, keeps the winner", () => {
  const options = { trials: 12, epochs: 6, workers: 3 };
  const none = medianSearch(source, options);
  assert.equal(none.epochs, 72);
  assert.deepEqual(none.stopped, []);
  const median = medianSearch(source, { ...options, stopping: { graceSteps: 2, minTrials: 2 } });
  assert.ok(median.epochs < none.epochs && median.stopped.length > 0);
  assert.equal(median.winner.id, none.winner.id);
});
