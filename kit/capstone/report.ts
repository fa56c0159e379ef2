/**
 * The capstone's report template (lesson 11), filled with a session's numbers: what
 * `deno task capstone` prints for the learner to paste into their report.
 *
 * @module
 */

import type { ReportNumbers } from "./session.ts";

const pct = (x: number, digits = 1) => Number.isFinite(x) ? `${(100 * x).toFixed(digits)} %` : "—";
const points = (x: number) => `${(100 * x).toFixed(1)} points`;

/**
 * The numbers of a session as the report template's lines, in the template's order.
 *
 * @example
 * ```ts ignore
 * console.log(formatReport(numbers));
 * ```
 */
export function formatReport(n: ReportNumbers): string {
  const config = Object.entries(n.bestConfig).filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}=${v}`).join(", ");
  const s = n.sanity;
  return [
    `1. Sanity: initial validation loss ${s.initialLoss.toFixed(3)} (ln ${
      Math.round(Math.exp(s.expectedInitialLoss))
    } = ${s.expectedInitialLoss.toFixed(3)}); ${
      s.overfitAccuracy === 1 ? "overfits" : "does NOT overfit"
    } 32 rows (training loss ${s.overfitLoss.toExponential(1)}, accuracy ${
      pct(s.overfitAccuracy)
    })`,
    `2. Baseline (${n.baseline.scores.length} seeds): validation ${pct(n.baseline.mean, 2)} ± ${
      points(n.baseline.sd)
    } (sample sd), range ${pct(n.baseline.min)} – ${pct(n.baseline.max)}`,
    `3. Budget: random search, ${n.trials} trials, at most ${n.budget.maxEpochs} epochs each, ` +
    `early stopping with patience ${n.budget.patience} on the validation loss; search seed ${n.plan.seed}`,
    `4. Search: ${n.diverged} of ${n.trials} trials diverged; winner trial ${n.bestId} by the tie rule: ${config}`,
    `5. Best validation accuracy: ${pct(n.bestValidation, 2)}`,
    `6. Refit policy: ${n.refit}`,
    `7. Test (read once): ${n.test.correct}/${n.test.rows} = ${pct(n.test.accuracy, 2)}, ` +
    `95 % Wilson interval [${pct(n.test.low)}, ${pct(n.test.high)}]`,
    `8. Optimism gap (best validation − test): ${points(n.optimismGap)}`,
    `9. Cost: ${n.epochsTrained} epochs trained in all, ${n.trainSeconds} s of training logged`,
  ].join("\n");
}
