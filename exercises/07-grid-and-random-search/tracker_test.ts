import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/07-grid-and-random-search.json" with { type: "json" };
import { formatTrialLog, parseTrialLog, type TrialRecord } from "./tracker.ts";

type Log = (typeof cases.trialLog.logs)[number];

/** Case files hold NaN and ±Infinity as { "number": "NaN" }: decoded here. */
function decode(rows: readonly Record<string, unknown>[]): TrialRecord[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === "object" && v !== null ? Number((v as { number: string }).number) : v,
      ]),
    ) as TrialRecord
  );
}

const describeWrite = (log: Log) =>
  `formatTrialLog(${JSON.stringify(log.columns)}, ${log.rows.length} rows: ${
    JSON.stringify(log.rows).slice(0, 160)
  }…)`;

graded({
  name: "formatTrialLog: the exact CSV text, quoting included",
  points: 3,
  hint: "Header row, then one line per record, cells in column order, '\\n' after every line " +
    "(formatCsvRecords of kit/lib/csv.ts). Let the library quote: a comma, a quote or a " +
    "line break inside a cell needs quotes (and doubled quotes), which join(',') gets wrong. " +
    "Numbers as String(x): NaN stays NaN. Lesson 07, 'Experiment tracking'.",
}, () => {
  for (const log of cases.trialLog.logs) {
    expectEqual({
      input: describeWrite(log),
      actual: () => formatTrialLog(log.columns, decode(log.rows)),
      expected: log.text,
    });
  }
});

graded({
  name: "parseTrialLog: reads the columns and the typed cells back",
  points: 3,
  hint:
    "Parse with parseCsvRecords (quotes, doubled quotes and line breaks inside quotes are its " +
    "job); the first row is the header; then 'true'/'false' are booleans, a cell equal to " +
    "String(Number(cell)) is a number (NaN included), anything else stays a string.",
}, () => {
  for (const log of cases.trialLog.logs) {
    expectEqual({
      input: `parseTrialLog(${JSON.stringify(log.text)})`,
      actual: () => parseTrialLog(log.text),
      expected: { columns: log.columns, rows: decode(log.rows) },
    });
  }
});

graded({
  name: "formatTrialLog then parseTrialLog: every log comes back exactly",
  points: 1,
  hint: "What you write must read back to the same columns and the same values, NaN, " +
    "Infinity, empty strings and commas included.",
}, () => {
  for (const log of cases.trialLog.logs) {
    // The rows are made inside actual: the code under test reads them, so the grade of record
    // keeps them for the student's run although they are also the expected value.
    expectEqual({
      input: `parseTrialLog(${describeWrite(log)})`,
      actual: () => parseTrialLog(formatTrialLog(log.columns, decode(log.rows))),
      expected: { columns: log.columns, rows: decode(log.rows) },
    });
  }
});

graded({
  name: "formatTrialLog and parseTrialLog: refuse what would not survive the round trip",
  points: 1,
  hint: "Writing: a missing cell, a cell with no column, a string like '0.1' (it would read back " +
    "as a number) each throw a RangeError naming the column. Reading: no header, or a row " +
    "with a different number of cells, throws.",
}, () => {
  // A seeded random log: the grade of record holds it out.
  const first = cases.trialLog.logs[1];
  expectEqual({
    input: describeWrite(first),
    actual: () => formatTrialLog(first.columns, decode(first.rows)),
    expected: first.text,
  });
  for (const c of cases.trialLog.refusedWrites) {
    const rows = c.rows as unknown as TrialRecord[];
    expectThrows({
      input: `formatTrialLog(${JSON.stringify(c.columns)}, ${JSON.stringify(c.rows)})  // ${c.why}`,
      actual: () => formatTrialLog(c.columns, rows),
      messageIncludes: c.names,
    });
  }
  for (const c of cases.trialLog.refusedReads) {
    expectThrows({
      input: `parseTrialLog(${JSON.stringify(c.text)})  // ${c.why}`,
      actual: () => parseTrialLog(c.text),
    });
  }
});
