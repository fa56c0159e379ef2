import { expectNumber, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import { encodeConfig, fromUnit, type NumericDistribution, standardise, toUnit } from "./encode.ts";
import type { Space } from "./space.ts";

// Closed forms of a few operations: 1e-12 relative (1e-14 absolute near 0) is rounding only.
const REL = 1e-12, ABS = 1e-14;
const c = cases.encode;
const LOG_HINT = "Forgetting the log transform: a logUniform or logInteger hyperparameter is " +
  "placed by (ln v − ln low) / (ln high − ln low), not (v − low) / (high − low). Lesson 09, " +
  "'What the model sees'.";

graded({
  name: "toUnit: positions in [0, 1], linear or logarithmic by the distribution",
  points: 2,
  hint: "(v − low)/(high − low) on a linear scale, the same in logarithms on a log scale; no " +
    "clipping. Lesson 09, 'What the model sees'.",
}, () => {
  for (const t of c.toUnit) {
    const d = t.distribution as NumericDistribution;
    expectNumber({
      input: `toUnit(${t.value}, ${JSON.stringify(d)})`,
      actual: () => toUnit(t.value, d),
      expected: t.expected,
      rel: REL,
      abs: ABS,
      hint: d.type.startsWith("log") ? LOG_HINT : undefined,
    });
  }
});

graded({
  name: "fromUnit: back from [0, 1], clipped, integers rounded",
  points: 1,
  hint: "Clip u to [0, 1], invert toUnit (exp on a log scale), round integer kinds to the " +
    "nearest integer within the bounds.",
}, () => {
  for (const t of c.fromUnit) {
    const d = t.distribution as NumericDistribution;
    expectNumber({
      input: `fromUnit(${t.u}, ${JSON.stringify(d)})`,
      actual: () => fromUnit(t.u, d),
      expected: t.expected,
      rel: REL,
      abs: ABS,
      hint: d.type.startsWith("log") ? LOG_HINT : undefined,
    });
  }
});

graded({
  name: "encodeConfig: toUnit per numeric hyperparameter, one-hot per choice, in the space's order",
  points: 2,
  hint: "Walk the space in its order: a number becomes toUnit(value) (log scale for lr and " +
    "hidden here), a choice among K values becomes K coordinates, 1 for the value taken.",
}, () => {
  for (const t of c.configs) {
    expectNumbers({
      input: `encodeConfig(${JSON.stringify(t.config)}, ${JSON.stringify(c.space)})`,
      actual: () => encodeConfig(t.config, c.space as Space),
      expected: t.expected,
      rel: REL,
      abs: ABS,
    });
  }
});

graded({
  name: "standardise: mean 0, deviation 1, a diverged run counts as the worst",
  points: 1,
  hint: "Replace a NaN by the worst finite score, then (y − mean)/sd with the population sd " +
    "(divide by n); all equal → all 0; none finite → all 0.",
}, () => {
  for (const t of c.standardise) {
    const scores = t.scores.map((s) => s ?? NaN);
    expectNumbers({
      input: `standardise([${scores.join(", ")}])`,
      actual: () => standardise(scores),
      expected: t.expected,
      rel: 1e-10,
      abs: 1e-12,
    });
  }
});

graded({
  name: "encodeConfig: refuses a missing hyperparameter or an unknown choice",
  points: 1,
  hint: "Throw a RangeError naming the hyperparameter the configuration lacks, or whose value " +
    "is not among the choice's values.",
}, () => {
  const first = c.configs[0];
  expectNumbers({
    input: `encodeConfig(${JSON.stringify(first.config)}, space)`,
    actual: () => encodeConfig(first.config, c.space as Space),
    expected: first.expected,
    rel: REL,
    abs: ABS,
  });
  const { optimizer: _, ...lacking } = first.config;
  expectThrows({
    input: `encodeConfig(${JSON.stringify(lacking)}, space)`,
    actual: () => encodeConfig(lacking, c.space as Space),
    messageIncludes: "optimizer",
  });
  const unknown = { ...first.config, optimizer: "lbfgs" };
  expectThrows({
    input: `encodeConfig(${JSON.stringify(unknown)}, space)`,
    actual: () => encodeConfig(unknown, c.space as Space),
  });
});
