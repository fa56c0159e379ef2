import { expectEqual, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/08-beyond-grid-and-random.json" with { type: "json" };
import { type LogRow, marginalSensitivity } from "./sensitivity.ts";

type Case = (typeof cases.sensitivity.cases)[number];
const describe = (c: Case) =>
  `marginalSensitivity(<${c.rows.length} rows>, "${c.name}"${
    "bins" in c ? `, { bins: ${c.bins} }` : ""
  })`;
const run = (c: Case) =>
  marginalSensitivity(c.rows as LogRow[], c.name, "bins" in c ? { bins: c.bins } : {});

graded({
  name: "marginalSensitivity: groups (labels and counts) of 26 logs, categories and number bins",
  points: 2,
  hint: "Strings and booleans: one group per value, in order of first appearance. Numbers: sort " +
    "(a stable sort keeps equal values in log order) and cut at floor(j·N/bins). Lesson 08, " +
    "'Which hyperparameters matter?'.",
}, () => {
  for (const c of cases.sensitivity.cases) {
    expectEqual({
      input: `${describe(c)}.groups (label, count)`,
      actual: () => run(c).groups.map((g) => ({ label: g.label, count: g.count })),
      expected: c.expected.groups,
    });
  }
});

graded({
  name: "marginalSensitivity: group means and the range (largest minus smallest)",
  points: 3,
  hint: "Each group's mean score, then max − min over the groups.",
}, () => {
  for (const c of cases.sensitivity.cases) {
    // Means of at most 40 scores: rounding far below 1e-12.
    expectNumbers({
      input: `${describe(c)}: [...group means, range]`,
      actual: () => {
        const s = run(c);
        return [...s.groups.map((g) => g.mean), s.range];
      },
      expected: c.expected.meansAndRange,
      rel: 1e-12,
      abs: 1e-15,
    });
  }
});

graded({
  name: "marginalSensitivity: refuses an empty log, a missing value, a bad score, mixed types",
  points: 1,
  hint: "Throw a RangeError rather than average NaN or group a number with a string.",
}, () => {
  // The first seeded random log (after the lesson's two): the grade of record holds it out.
  const c = cases.sensitivity.cases[2];
  expectEqual({
    input: `${describe(c)}.groups (label, count)`,
    actual: () => run(c).groups.map((g) => ({ label: g.label, count: g.count })),
    expected: c.expected.groups,
  });
  for (const bad of cases.sensitivity.invalid) {
    expectThrows({
      input: `marginalSensitivity(${JSON.stringify(bad.rows)}, "${bad.name}")  // ${bad.why}`,
      actual: () => marginalSensitivity(bad.rows as LogRow[], bad.name),
    });
  }
});
