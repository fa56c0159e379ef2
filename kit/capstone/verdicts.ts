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
 * ```ts ignore
 * const broken = recordVerdicts(record(), copyReport(report), lab.baseline);
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
 * ```ts ignore
 * const broken = verdictsByRule({ budget: 300 }, (lab) => runCampaign(lab, { seed: 0 }));
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
 * ```ts ignore
 * assert.deepEqual(allVerdicts({ budget: 300 }, (lab) => runCampaign(lab, { seed: 0 })), []);
 * ```
 */
export function allVerdicts(
  options: { budget: number },
  campaign: (lab: CampaignLab) => unknown,
): string[] {
  const byRule = verdictsByRule(options, campaign);
  return RULES.flatMap((rule) => byRule[rule].map((text) => `${rule}: ${text}`));
}
