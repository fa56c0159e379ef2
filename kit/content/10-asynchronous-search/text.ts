/**
 * Lesson 10's worked examples, computed by the reference: a synchronous rung with a straggler
 * on the simulated clock, and the same jobs without the barrier.
 *
 * @module
 */

import { simulateWorkers } from "../../../solutions/10-asynchronous-search/simulated_clock.ts";
import { formatPercent, markdownTable } from "../format.ts";
import { ASHA_LABELS } from "../../search/asha.ts";
import { EPOCH_COST } from "../../search/clock.ts";

/** Seven one-epoch jobs and one straggler of nine, on four workers. */
export const STRAGGLER_RUNG = [1, 1, 1, 1, 1, 1, 1, 9];
const WORKERS = 4;

function stragglerTable(): string {
  const run = simulateWorkers(STRAGGLER_RUNG, WORKERS);
  return markdownTable(
    ["job", "duration", "worker", "start", "end"],
    run.events.map((e) => [e.job, STRAGGLER_RUNG[e.job], e.worker, e.start, e.end]),
  );
}

/** README regions of the worked examples. */
export const blocks: Record<string, () => string> = { "straggler-table": stragglerTable };

/** Inline numbers of the worked examples. */
export const values: Record<string, () => string> = {
  "straggler-jobs": () => STRAGGLER_RUNG.join(", "),
  "straggler-workers": () => String(WORKERS),
  "straggler-makespan": () => String(simulateWorkers(STRAGGLER_RUNG, WORKERS).makespan),
  "straggler-busy": () =>
    String(simulateWorkers(STRAGGLER_RUNG, WORKERS).busy.reduce((a, b) => a + b, 0)),
  "straggler-util": () => formatPercent(simulateWorkers(STRAGGLER_RUNG, WORKERS).utilisation),
  // The command's own constants, so that the text cannot drift from `kit/search/`.
  "command-epoch-cost": () => `${EPOCH_COST.base} + h/${EPOCH_COST.unitsPerTime}`,
  "command-asha-columns": () => ASHA_LABELS.simulated.join(", "),
  "command-asha-real-columns": () => ASHA_LABELS.real.join(", "),
};
