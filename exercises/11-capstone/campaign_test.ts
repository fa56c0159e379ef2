import { expectEqual, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/11-capstone.json" with { type: "json" };
import { fakeLab } from "../../kit/testkit/capstone_lab.ts";
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
} from "../../kit/testkit/capstone_verdicts.ts";
import type { LabEntry } from "../../kit/testkit/capstone_record.ts";
import { DESIGN, runCampaign } from "./campaign.ts";

// Every rule is judged from the lab's own record (the campaign never holds it) and from a copy
// of the report read once; your design (space, method, shares) is never graded. The lesson's
// campaigns, then campaigns drawn from a seed: the grade of record holds those out.
const campaigns = [...cases.campaign.graded, ...cases.campaign.random];
type Campaign = typeof campaigns[number];
const show = (c: Campaign) =>
  `runCampaign(fakeLab({ budget: ${c.budget} }), { seed: ${c.plan.seed} })`;
// The fake lab answers in microseconds, but a slow machine shared by a class deserves slack.
const timeoutMs = 20_000;

// Stand-ins for interval.ts (no rule here grades an interval or a p-value's value): a mistake
// there costs points in interval.ts only.
const STATS = {
  wilsonInterval: (correct: number, n: number) => ({ low: correct / n, high: correct / n }),
  mcnemarExact: () => 0.5,
};

/** Runs your campaign (your DESIGN) on a fresh fake lab: the lab's record and a copy of the report. */
function runOn(c: Campaign, secondsBase = 0) {
  const { lab, record } = fakeLab({ budget: c.budget, secondsBase });
  const report: ReportCopy = copyReport(runCampaign(lab, { seed: c.plan.seed }, DESIGN, STATS));
  return { lab, record: record(), report };
}

/** The pre-registered baseline's test read, as the lab recorded it: [correct, rows]. */
function baselineRead(record: readonly LabEntry[]): number[] {
  const first = record.find((e) => e.kind === "test");
  return first?.kind === "test" ? [first.correct, first.hits.length] : [];
}

/** Each rule's test: the baseline's read first (the same for every correct campaign), then the rule. */
function rule(
  name: string,
  what: string,
  verdict: (run: ReturnType<typeof runOn>, c: Campaign) => string[],
): (c: Campaign) => void {
  return (c) => {
    expectEqual({
      input: `${show(c)}: the baseline's test read [correct, rows], trained with seed ` +
        `"${c.plan.seed}/baseline"`,
      actual: () => baselineRead(runOn(c).record),
      expected: c.expected.baselineRead,
    });
    expectEqual({
      input: `${show(c)}: what broke the ${name} rule (${what})`,
      actual: () => verdict(runOn(c), c),
      expected: [],
    });
  };
}

const RULES = [
  {
    name: "runCampaign: never asks the lab for more epochs than the budget has left",
    points: 5,
    hint: "Before each run, ask for at most lab.budget − lab.spent() epochs (early stopping may " +
      "charge fewer, never more); report epochsSpent as the lab charged it. Lesson 11, 'A budget " +
      "the lab counts'.",
    check: rule("budget", "asked vs left; epochsSpent", (r) => budgetVerdict(r.record, r.report)),
  },
  {
    name: "runCampaign: reads the test rows exactly twice, baseline first, winner last",
    points: 6,
    hint: "Train lab.baseline before any search and read the test rows for it; read them once " +
      "more, after the last run, for the winner; never for anything else. baselineId names the " +
      "baseline's run. Lesson 11, 'Two reads of the test rows, one paired test'.",
    check: rule(
      "test reads",
      "how often, for which runs, in which order",
      (r) => testReadsVerdict(r.record, r.report, r.lab.baseline),
    ),
  },
  {
    name: "runCampaign: logs every run the lab trained, in order, as the lab handed it out",
    points: 5,
    hint: "One log row per lab.train call (baseline, explore and exploit), id from 0, with the " +
      "phase, seed, epochs asked, every key of the configuration sent, and the lab's score and " +
      "epochs as String(x). Lesson 11, 'How a campaign is graded'.",
    check: rule("log", "rows vs the lab's record", (r) => logVerdict(r.record, r.report)),
  },
  {
    name: "runCampaign: the winner is the tie rule's pick at the end of exploitation",
    points: 5,
    hint: "Among every explore and exploit run (not the baseline): higher validation score, then " +
      "lower loss, lower cost, earlier run; diverged runs last. winnerId is that run's id. " +
      "Lesson 06, 'A tie rule, stated before the search'.",
    check: rule("winner", "winnerId vs the record", (r) => winnerVerdict(r.record, r.report)),
  },
  {
    name: "runCampaign: the report's numbers are the log's and the two reads'",
    points: 5,
    hint: "baseline and final: validation is the run's score, correct and rows what lab.test " +
      "returned (count the true rows), accuracy = correct / rows: see the CampaignReport and " +
      "TestResult types in campaign.ts. Lesson 11, 'How a campaign is graded'.",
    check: rule("numbers", "report vs record", (r) => numbersVerdict(r.record, r.report)),
  },
  {
    name: "runCampaign: the same seed trains the same runs and writes the same log",
    points: 5,
    hint:
      "Every draw from seeded streams of the plan's seed (seededRandom), never Math.random or " +
      "the clock; run r's seed runSeed(seed, r); wall-clock times in a column ending in _s " +
      "(train_s). Lesson 11, 'Reproducible to the byte'.",
    check: rule(
      "same seed",
      "two labs that differ only in their timings",
      (r, c) => sameSeedVerdict(r, runOn(c, 50)),
    ),
  },
  {
    name: "runCampaign: the paired comparison with the baseline, judged on the lab's reads",
    points: 6,
    hint: "finalOnly and baselineOnly count the test rows only one of the two networks got " +
      "right, gap = final.accuracy − baseline.accuracy, pValue McNemar's (interval.ts). Lesson " +
      "11, 'Two reads of the test rows, one paired test'.",
    check: rule(
      "comparison",
      "counts, gap, p-value",
      (r) => comparisonVerdict(r.record, r.report),
    ),
  },
];

for (const { name, points, hint, check } of RULES) {
  graded({ name, points, hint, timeoutMs }, () => {
    for (const c of campaigns) check(c);
  });
}
