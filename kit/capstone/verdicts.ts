/**
 * Every rule of the capstone (lesson 11) on one campaign, for the parent side: the case
 * generator refuses a drawn campaign the reference breaks a rule on, and the kit's tests run
 * two designs and the planted breaches through it. The rules themselves live in
 * `kit/testkit/capstone_verdicts.ts`, where the graded tests load them.
 *
 * @module
 */

import { fakeLab } from "../testkit/capstone_lab.ts";
import type { CampaignLab, LabConfig } from "../testkit/capstone_contract.ts";
import type { LabEntry } from "../testkit/capstone_record.ts";
import {
  budgetVerdict,
  comparisonVerdict,
  copyReport,
  logVerdict,
  numbersVerdict,
  type ReportCopy,
  sameSeedVerdict,
  testReadsVerdict,
  winnerVerdict,
} from "../testkit/capstone_verdicts.ts";

/** The rules, by name, in the graded tests' order. */
export const RULES = [
  "budget",
  "test reads",
  "log",
  "winner",
  "numbers",
  "same seed",
  "comparison",
] as const;

/** A rule's name. */
export type Rule = typeof RULES[number];

/**
 * What broke each rule that one run decides (every rule but "same seed"), from a lab's record
 * and a copy of the report: what `deno task capstone` shows for a campaign on digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { recordVerdicts } from "./verdicts.ts";
 * import { fakeLab } from "../testkit/capstone_lab.ts";
 * import { copyReport } from "../testkit/capstone_verdicts.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * const { lab, record } = fakeLab({ budget: 300 });
 * const report = runCampaign(lab, { seed: 0 });
 * const kept = recordVerdicts(record(), copyReport(report), lab.baseline);
 * assert.ok(Object.values(kept).every((broken) => broken.length === 0));
 * // A report that claims fewer epochs than the lab charged breaks the budget rule.
 * const claimed = copyReport({ ...report, epochsSpent: 1 });
 * assert.match(recordVerdicts(record(), claimed, lab.baseline).budget[0], /epochsSpent is 1/);
 * ```
 */
export function recordVerdicts(
  record: readonly LabEntry[],
  report: ReportCopy,
  baseline: Readonly<LabConfig>,
): Omit<Record<Rule, string[]>, "same seed"> {
  return {
    budget: budgetVerdict(record, report),
    "test reads": testReadsVerdict(record, report, baseline),
    log: logVerdict(record, report),
    winner: winnerVerdict(record, report),
    numbers: numbersVerdict(record, report),
    comparison: comparisonVerdict(record, report),
  };
}

/**
 * What broke each rule when `campaign` runs on fake labs of `budget` epochs (twice, with
 * different timings, for the same-seed rule).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RULES, verdictsByRule } from "./verdicts.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * const kept = verdictsByRule({ budget: 300 }, (lab) => runCampaign(lab, { seed: 0 }));
 * assert.deepEqual(Object.keys(kept).sort(), [...RULES].sort());
 * // A campaign that draws its seed from the clock trains other runs the second time.
 * const clocked = verdictsByRule({ budget: 300 }, (lab) => runCampaign(lab, { seed: lab.spent() + Date.now() }));
 * assert.ok(kept["same seed"].length === 0 && clocked["same seed"].length > 0);
 * ```
 */
export function verdictsByRule(
  options: { budget: number },
  campaign: (lab: CampaignLab) => unknown,
): Record<Rule, string[]> {
  const run = (secondsBase: number) => {
    const { lab, record } = fakeLab({ budget: options.budget, secondsBase });
    const report = copyReport(campaign(lab));
    return { lab, record: record(), report };
  };
  const a = run(0), b = run(37);
  return {
    ...recordVerdicts(a.record, a.report, a.lab.baseline),
    "same seed": sameSeedVerdict(a, b),
  };
}

/**
 * Every broken rule, as "rule: what broke", in rule order; empty when the campaign kept them
 * all.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allVerdicts } from "./verdicts.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * assert.deepEqual(allVerdicts({ budget: 300 }, (lab) => runCampaign(lab, { seed: 0 })), []);
 * const overspent = allVerdicts({ budget: 25 }, (lab) => {
 *   lab.train({ config: lab.baseline, seed: "a", epochs: 20, phase: "baseline" });
 *   lab.train({ config: lab.baseline, seed: "b", epochs: 20, phase: "explore" });
 * });
 * const breach = /^budget: run 1 asked for 20 epochs with \d+ left in the budget$/;
 * assert.ok(overspent.some((text) => breach.test(text))); // 25 less the baseline's epochs left
 * ```
 */
export function allVerdicts(
  options: { budget: number },
  campaign: (lab: CampaignLab) => unknown,
): string[] {
  const byRule = verdictsByRule(options, campaign);
  return RULES.flatMap((rule) => byRule[rule].map((text) => `${rule}: ${text}`));
}
