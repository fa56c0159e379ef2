/**
 * The capstone's rules (lesson 11), judged from the lab's own record and, where a rule is about
 * what the campaign reports, from a copy of its report read once. Each verdict is a list of what
 * broke the rule, empty when the rule held; the graded tests and `deno task capstone` show them.
 * None of them trusts the campaign's numbers: the record says what was trained, asked, spent and
 * read, and the report must agree with it. The winner is found here, by the lesson's tie rule.
 * Whether the final network is worse than the baseline is an outcome of the learner's design,
 * not a rule: {@link worseBeyondNoise} says so as a note, for `deno task capstone`.
 *
 * Nothing here is an answer to an exercise: no interval, no p-value is computed.
 *
 * @module
 */

import { parseCsvRecords } from "../lib/csv.ts";
import type { LabConfig } from "./capstone_contract.ts";
import type { LabEntry, TestEntry, TrainEntry } from "./capstone_record.ts";

/** What the verdicts read of a campaign's report (anything else in it is ignored). */
export interface ReportCopy {
  log: string;
  baselineId: number;
  winnerId: number;
  epochsSpent: number;
  baseline: { validation: number; correct: number; rows: number; accuracy: number };
  final: { validation: number; correct: number; rows: number; accuracy: number };
  comparison: { gap: number; finalOnly: number; baselineOnly: number; pValue: number };
}

/** Reads `value.path` without trusting it: a getter that throws gives NaN. */
function read(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) {
    try {
      at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
    } catch {
      return undefined;
    }
  }
  return at;
}

const num = (value: unknown): number => typeof value === "number" ? value : NaN;

/**
 * The report's fields the verdicts need, each read once (numbers that are not numbers become
 * NaN, a log that is not text becomes "").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyReport } from "./capstone_verdicts.ts";
 * assert.equal(copyReport(undefined).log, "");
 * assert.ok(Number.isNaN(copyReport({ winnerId: "3" }).winnerId));
 * ```
 */
export function copyReport(report: unknown): ReportCopy {
  const test = (name: string) => ({
    validation: num(read(report, name, "validation")),
    correct: num(read(report, name, "correct")),
    rows: num(read(report, name, "rows")),
    accuracy: num(read(report, name, "accuracy")),
  });
  const log = read(report, "log");
  return {
    log: typeof log === "string" ? log : "",
    baselineId: num(read(report, "baselineId")),
    winnerId: num(read(report, "winnerId")),
    epochsSpent: num(read(report, "epochsSpent")),
    baseline: test("baseline"),
    final: test("final"),
    comparison: {
      gap: num(read(report, "comparison", "gap")),
      finalOnly: num(read(report, "comparison", "finalOnly")),
      baselineOnly: num(read(report, "comparison", "baselineOnly")),
      pValue: num(read(report, "comparison", "pValue")),
    },
  };
}

const trains = (record: readonly LabEntry[]) =>
  record.filter((e): e is TrainEntry => e.kind === "train");
const tests = (record: readonly LabEntry[]) =>
  record.filter((e): e is TestEntry => e.kind === "test");

/** `a` is better than `b` by the lesson's tie rule (lesson 06): score, loss, cost, run. */
function better(a: TrainEntry, b: TrainEntry): boolean {
  const finite = (e: TrainEntry) =>
    Number.isFinite(e.outcome.score) && Number.isFinite(e.outcome.loss);
  if (finite(a) !== finite(b)) return finite(a);
  if (finite(a) && a.outcome.score !== b.outcome.score) return a.outcome.score > b.outcome.score;
  if (finite(a) && a.outcome.loss !== b.outcome.loss) return a.outcome.loss < b.outcome.loss;
  if (finite(a) && a.outcome.cost !== b.outcome.cost) return a.outcome.cost < b.outcome.cost;
  return a.run < b.run;
}

/**
 * The run the tie rule picks among every explore and exploit run of the record: the incumbent
 * at the end of exploitation. `undefined` when there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { judgedWinner } from "./capstone_verdicts.ts";
 * assert.equal(judgedWinner([]), undefined);
 * ```
 */
export function judgedWinner(record: readonly LabEntry[]): TrainEntry | undefined {
  let best: TrainEntry | undefined;
  for (const e of trains(record)) {
    if (e.phase !== "baseline" && (best === undefined || better(e, best))) best = e;
  }
  return best;
}

/**
 * Rule 1, the budget: no run asked for more epochs than were left, and the report's
 * `epochsSpent` is what the lab charged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { budgetVerdict, copyReport } from "./capstone_verdicts.ts";
 * assert.deepEqual(budgetVerdict([], copyReport({ epochsSpent: 0 })), []);
 * ```
 */
export function budgetVerdict(record: readonly LabEntry[], report: ReportCopy): string[] {
  const broken = trains(record).filter((e) => e.asked > e.left)
    .map((e) => `run ${e.run} asked for ${e.asked} epochs with ${e.left} left in the budget`);
  const spent = trains(record).reduce((s, e) => s + e.outcome.epochs, 0);
  if (report.epochsSpent !== spent) {
    broken.push(`epochsSpent is ${report.epochsSpent}; the lab charged ${spent}`);
  }
  return broken;
}

const sameConfig = (a: Readonly<LabConfig>, b: Readonly<LabConfig>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.keys(a).every((k) => a[k] === b[k]);

/**
 * Rule 2, the test rows: read exactly twice, first for the pre-registered baseline (a baseline
 * run of the lab's baseline configuration, trained before any search), then for the judged
 * winner, after the last run; `baselineId` and `winnerId` name the runs of the two reads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyReport, testReadsVerdict } from "./capstone_verdicts.ts";
 * assert.deepEqual(testReadsVerdict([], copyReport({}), {}), ["the test rows were read 0 times, not twice"]);
 * ```
 */
export function testReadsVerdict(
  record: readonly LabEntry[],
  report: ReportCopy,
  baseline: Readonly<LabConfig>,
): string[] {
  const reads = tests(record);
  if (reads.length !== 2) return [`the test rows were read ${reads.length} times, not twice`];
  const broken: string[] = [];
  const runs = trains(record);
  const first = runs[reads[0].run];
  const firstSearch = runs.find((e) => e.phase !== "baseline");
  if (first.phase !== "baseline" || !sameConfig({ ...baseline, ...first.config }, baseline)) {
    broken.push(`the first test read is run ${first.run}, not a run of the baseline`);
  } else if (firstSearch && firstSearch.run < first.run) {
    broken.push(`the baseline (run ${first.run}) was trained after the search began`);
  }
  if (report.baselineId !== first.run) {
    broken.push(`baselineId is ${report.baselineId}; the baseline read was run ${first.run}`);
  }
  const winner = judgedWinner(record);
  if (reads[1].run !== winner?.run) {
    broken.push(
      `the second test read is run ${reads[1].run}; ${
        winner ? `the winner is run ${winner.run}` : "there is no winner (no search run)"
      }`,
    );
  }
  if (report.winnerId !== reads[1].run) {
    broken.push(`winnerId is ${report.winnerId}; the final read was run ${reads[1].run}`);
  }
  if (record.indexOf(reads[1]) !== record.length - 1) {
    broken.push("runs were trained after the final test read");
  }
  return broken;
}

/**
 * Rule 3, the log: one row per run the lab trained, in order, each with the lab's phase, seed,
 * epochs asked (`asked`), configuration (a column per key, `String(value)`), score and epochs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyReport, logVerdict } from "./capstone_verdicts.ts";
 * assert.deepEqual(logVerdict([], copyReport({ log: "id,phase,seed,asked,score,epochs\n" })), []);
 * ```
 */
export function logVerdict(record: readonly LabEntry[], report: ReportCopy): string[] {
  let header: string[], rows: string[][];
  try {
    [header = [], ...rows] = parseCsvRecords(report.log);
  } catch (error) {
    return [`the log is not CSV: ${(error as Error).message}`];
  }
  const missing = ["id", "phase", "seed", "asked", "score", "epochs"]
    .filter((name) => !header.includes(name));
  if (missing.length) return [`the log has no ${missing.join(", ")} column`];
  const runs = trains(record);
  const broken: string[] = [];
  if (rows.length !== runs.length) {
    broken.push(`the log has ${rows.length} rows; the lab trained ${runs.length} runs`);
  }
  runs.forEach((e, i) => {
    const row = rows[i] ?? [];
    const cell = (name: string) => row[header.indexOf(name)];
    const want: [string, string][] = [
      ["id", String(e.run)],
      ["phase", e.phase],
      ["seed", e.seed],
      ["asked", String(e.asked)],
      ["score", String(e.outcome.score)],
      ["epochs", String(e.outcome.epochs)],
      ...Object.entries(e.config).map(([k, v]): [string, string] => [k, String(v)]),
    ];
    const wrong = want.filter(([name, value]) => cell(name) !== value).map(([name]) => name);
    if (wrong.length && broken.length < 5) {
      broken.push(`log row ${i} differs from run ${e.run} in ${wrong.join(", ")}`);
    }
  });
  return broken;
}

/**
 * Rule 4, the winner: `winnerId` is the run the tie rule picks among the explore and exploit
 * runs the lab recorded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyReport, winnerVerdict } from "./capstone_verdicts.ts";
 * assert.deepEqual(winnerVerdict([], copyReport({})), ["no explore or exploit run was trained"]);
 * ```
 */
export function winnerVerdict(record: readonly LabEntry[], report: ReportCopy): string[] {
  const winner = judgedWinner(record);
  if (!winner) return ["no explore or exploit run was trained"];
  return report.winnerId === winner.run
    ? []
    : [`winnerId is ${report.winnerId}; the tie rule picks run ${winner.run}`];
}

/** `got` equals `want` up to rounding (a ratio computed another way). */
const close = (got: number, want: number) =>
  Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want));

/**
 * Rule 5, the report's numbers: the baseline's and the final network's validation scores are
 * the record's, their test counts what the first and the last read returned, accuracy =
 * correct / rows. (How many reads there were is rule 2's business.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyReport, numbersVerdict } from "./capstone_verdicts.ts";
 * assert.deepEqual(numbersVerdict([], copyReport({})), ["the test rows were not read twice"]);
 * ```
 */
export function numbersVerdict(record: readonly LabEntry[], report: ReportCopy): string[] {
  const reads = tests(record);
  if (reads.length < 2) return ["the test rows were not read twice"];
  const runs = trains(record);
  const broken: string[] = [];
  for (const [name, read] of [["baseline", reads[0]], ["final", reads.at(-1)!]] as const) {
    const got = report[name], score = runs[read.run].outcome.score;
    const rows = read.hits.length;
    if (!Object.is(got.validation, score)) {
      broken.push(`${name}.validation is ${got.validation}; run ${read.run} scored ${score}`);
    }
    if (got.correct !== read.correct || got.rows !== rows) {
      broken.push(
        `${name} reports ${got.correct}/${got.rows}; the read gave ${read.correct}/${rows}`,
      );
    }
    if (!close(got.accuracy, read.correct / rows)) {
      broken.push(`${name}.accuracy is ${got.accuracy}, not ${read.correct}/${rows}`);
    }
  }
  return broken;
}

/**
 * Rule 6, reproducible: two runs of the same campaign on two labs that differ only in their
 * timings trained the same runs and wrote the same log, apart from `_s` columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyReport, sameSeedVerdict } from "./capstone_verdicts.ts";
 * const empty = { record: [], report: copyReport({ log: "id\n" }) };
 * assert.deepEqual(sameSeedVerdict(empty, empty), ["the log has no trials"]);
 * ```
 */
export function sameSeedVerdict(
  a: { record: readonly LabEntry[]; report: ReportCopy },
  b: { record: readonly LabEntry[]; report: ReportCopy },
): string[] {
  const asked = (record: readonly LabEntry[]) =>
    trains(record).map((e) => JSON.stringify([e.phase, e.seed, e.asked, e.config]));
  const untimed = (log: string) => {
    try {
      const records = parseCsvRecords(log);
      const keep = (records[0] ?? []).map((name) => !name.endsWith("_s"));
      return records.map((row) => row.filter((_, j) => keep[j]).join(","));
    } catch {
      return [];
    }
  };
  const broken: string[] = [];
  if (asked(a.record).join("\n") !== asked(b.record).join("\n")) {
    broken.push("the two runs asked the lab for different trainings");
  }
  const [x, y] = [untimed(a.report.log), untimed(b.report.log)];
  if (x.length < 2) broken.push("the log has no trials");
  else if (x.join("\n") !== y.join("\n")) broken.push("the two logs differ outside _s columns");
  const header = parseCsvRecords(a.report.log || "\n")[0] ?? [];
  if (x.length >= 2 && !header.some((name) => name.endsWith("_s"))) {
    broken.push("the log has no timing column (a name ending in _s)");
  }
  return broken;
}

/**
 * Rule 7, the comparison: the paired counts of the first and the last read (test rows only the
 * final network got right, and only the baseline) and the gap are the record's, and the p-value
 * is a probability. How the final network compares is not graded: a learner's design may
 * honestly lose to the baseline (see {@link worseBeyondNoise}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { comparisonVerdict, copyReport } from "./capstone_verdicts.ts";
 * assert.deepEqual(comparisonVerdict([], copyReport({})), ["the test rows were not read twice"]);
 * ```
 */
export function comparisonVerdict(record: readonly LabEntry[], report: ReportCopy): string[] {
  const reads = tests(record);
  if (reads.length < 2) return ["the test rows were not read twice"];
  const { finalOnly, baselineOnly } = pairedCounts(reads);
  const c = report.comparison, broken: string[] = [];
  if (c.finalOnly !== finalOnly || c.baselineOnly !== baselineOnly) {
    broken.push(
      `comparison counts ${c.finalOnly} / ${c.baselineOnly}; the reads give ${finalOnly} / ${baselineOnly}`,
    );
  }
  const gap = (reads.at(-1)!.correct - reads[0].correct) / reads[0].hits.length;
  if (!close(c.gap, gap)) broken.push(`comparison.gap is ${c.gap}; the reads give ${gap}`);
  if (!(c.pValue >= 0 && c.pValue <= 1)) {
    broken.push(`comparison.pValue ${c.pValue} is no probability`);
  }
  return broken;
}

/** The rows only the final network (b) and only the baseline (c) got right: first and last read. */
function pairedCounts(reads: readonly { hits: readonly boolean[] }[]) {
  const [base, final] = [reads[0].hits, reads.at(-1)!.hits];
  let finalOnly = 0, baselineOnly = 0;
  base.forEach((hit, i) => {
    if (final[i] && !hit) finalOnly++;
    if (hit && !final[i]) baselineOnly++;
  });
  return { finalOnly, baselineOnly };
}

/**
 * A note, not a rule: whether the final network is worse than the baseline beyond the noise on
 * the record's first and last reads, by the sign test's normal approximation at z = 2 (the rows
 * only the baseline got right outnumber the others by more than 2·√(b + c)). Empty when it is
 * not, or when the record has fewer than two reads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { worseBeyondNoise } from "./capstone_verdicts.ts";
 * assert.deepEqual(worseBeyondNoise([]), []);
 * ```
 */
export function worseBeyondNoise(record: readonly LabEntry[]): string[] {
  const reads = tests(record);
  if (reads.length < 2) return [];
  const { finalOnly, baselineOnly } = pairedCounts(reads);
  return baselineOnly - finalOnly > 2 * Math.sqrt(finalOnly + baselineOnly)
    ? [
      `the final network is worse than the baseline beyond the noise (${baselineOnly} rows ` +
      `only the baseline got right, ${finalOnly} only the final network): a result of the ` +
      "design to discuss in your reading, not a broken rule",
    ]
    : [];
}
