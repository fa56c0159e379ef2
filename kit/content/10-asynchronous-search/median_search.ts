/**
 * Random search on the simulated clock, epoch by epoch, with or without the median stopping
 * rule: each worker trains one trial at a time, one epoch per job, and after every epoch the
 * rule (if any) decides from what the other trials have reported by then.
 *
 * @module
 */

import {
  medianStoppingDecision,
  type MedianStoppingOptions,
} from "../../../solutions/10-asynchronous-search/median_stopping.ts";
import type { TrialSource } from "./scheduler.ts";

/** What a median-stopping search did. */
export interface MedianSearchResult {
  /** Epochs trained over all trials, and when the last one finished. */
  epochs: number;
  makespan: number;
  /** Trials stopped early, and the epoch (from 1) at which each stopped. */
  stopped: { id: number; epoch: number }[];
  /** The best trial among those that ran every epoch (score, then id). */
  winner: { id: number; score: number };
}

/**
 * Runs trials 0 … trials − 1 in order on `workers` workers (the worker free first takes the next
 * epoch job), with the median stopping rule when `stopping` is given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { medianSearch } from "./median_search.ts";
 * const source = { score: (id: number, e: number) => (id % 3) * 0.1 + e * 0.01, epochCost: () => 1 };
 * const run = medianSearch(source, { trials: 9, epochs: 5, workers: 3, stopping: { minTrials: 3 } });
 * assert.ok(run.stopped.length > 0 && run.epochs < 45);
 * assert.equal(medianSearch(source, { trials: 9, epochs: 5, workers: 3 }).epochs, 45);
 * ```
 */
export function medianSearch(
  source: TrialSource,
  options: { trials: number; epochs: number; workers: number; stopping?: MedianStoppingOptions },
): MedianSearchResult {
  const { trials, epochs, workers, stopping } = options;
  const curves: number[][] = [];
  const completed: boolean[] = [];
  const stopped: { id: number; epoch: number }[] = [];
  const freeAt = new Array<number>(workers).fill(0);
  const current: (number | undefined)[] = new Array(workers).fill(undefined);
  let next = 0, trained = 0;
  const active = new Set(Array.from({ length: workers }, (_, w) => w));
  while (active.size > 0) {
    const w = [...active].reduce((a, b) => freeAt[b] < freeAt[a] ? b : a);
    let id = current[w];
    if (id !== undefined) {
      const curve = curves[id];
      curve.push(source.score(id, curve.length + 1));
      const others = curves.flatMap((c, j) =>
        j === id ? [] : [{ curve: c, completed: completed[j] }]
      );
      const stop = stopping !== undefined &&
        medianStoppingDecision(curve, others, stopping).stop;
      if (stop) stopped.push({ id, epoch: curve.length });
      if (stop || curve.length === epochs) {
        completed[id] = true;
        id = undefined;
      }
    }
    if (id === undefined) {
      if (next === trials) {
        active.delete(w);
        continue;
      }
      id = next++;
      curves[id] = [];
      completed[id] = false;
    }
    current[w] = id;
    freeAt[w] += source.epochCost(id);
    trained++;
  }
  const full = curves.flatMap((c, id) => c.length === epochs ? [{ id, score: c[epochs - 1] }] : []);
  const winner = full.sort((a, b) => b.score - a.score || a.id - b.id)[0];
  return { epochs: trained, makespan: Math.max(...freeAt), stopped, winner };
}
