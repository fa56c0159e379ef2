import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/01-parameters-and-hyperparameters.json" with { type: "json" };
import { formatDuration, timeToExhaust } from "./grid_time.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Closed forms (a ceiling, a product and two divisions): 1e-12 relative. A 365-day year is
// 0.07% off and fails on purpose: the lesson fixes the year at 365.25 days.
const REL = 1e-12;

function checkTime(c: {
  runs: number;
  hoursPerRun: number;
  workers: number;
  expected: { waves: number; hours: number; days: number; years: number };
}): void {
  const call = `timeToExhaust(${c.runs}, ${c.hoursPerRun}, ${c.workers})`;
  for (const field of ["waves", "hours", "days", "years"] as const) {
    expectNumber({
      input: `${call}.${field}`,
      actual: () => timeToExhaust(c.runs, c.hoursPerRun, c.workers)[field],
      expected: c.expected[field],
      rel: REL,
    });
  }
}

graded({
  name: "timeToExhaust: the lesson's grids (100,000 runs, 9,216 runs, waves of workers)",
  points: 2,
  hint: "waves = ceil(runs / workers), hours = waves · hoursPerRun, days = hours / 24, " +
    "years = days / 365.25; workers defaults to 1. Lesson 01, 'How long is a grid?'.",
}, () => {
  for (const c of [...cases.timeToExhaust.lesson, ...cases.timeToExhaust.random.slice(0, 3)]) {
    checkTime(c);
  }
  // workers defaults to 1: the same answer without the third argument.
  for (const c of cases.timeToExhaust.lesson.filter((c) => c.workers === 1)) {
    expectNumber({
      input: `timeToExhaust(${c.runs}, ${c.hoursPerRun}).waves`,
      actual: () => timeToExhaust(c.runs, c.hoursPerRun).waves,
      expected: c.expected.waves,
      rel: 0,
    });
  }
});

graded({
  name: "timeToExhaust: 40 seeded random grids and worker counts",
  points: 2,
  hint: "A part-filled last wave still takes a full run: round runs / workers up, not down or " +
    "not at all. The year is 365.25 days (DAYS_PER_YEAR).",
}, () => {
  for (const c of cases.timeToExhaust.random) checkTime(c);
});

graded({
  name: "timeToExhaust: refuses negative or fractional runs, non-positive hours, bad workers",
  points: 1,
  hint: "runs: a whole number, 0 or more; hoursPerRun: a finite number above 0; workers: a " +
    "whole number, 1 or more. Throw otherwise, naming the bad argument in the message.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  for (const c of cases.timeToExhaust.random.slice(0, 5)) checkTime(c);
  for (const c of cases.timeToExhaust.invalid) {
    const hoursPerRun = Number(c.hoursPerRun);
    expectThrows({
      input: `timeToExhaust(${c.runs}, ${c.hoursPerRun}, ${c.workers})`,
      actual: () => timeToExhaust(c.runs, hoursPerRun, c.workers),
      messageIncludes: c.names,
    });
  }
});

graded({
  name: "formatDuration: hours, days or years with one decimal",
  points: 1,
  hint: "Pick the unit first (below 24 h: hours; below 365.25 days: days; else years), then " +
    'write value.toFixed(1) and the plural unit, e.g. "11.4 years".',
}, () => {
  for (const c of [...cases.formatDuration.lesson, ...cases.formatDuration.random]) {
    expectEqual({
      input: `formatDuration(${c.hours})`,
      actual: () => formatDuration(c.hours),
      expected: c.expected,
    });
  }
  for (const bad of cases.formatDuration.invalid) {
    const hours = Number(bad);
    expectThrows({ input: `formatDuration(${bad})`, actual: () => formatDuration(hours) });
  }
});
