import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEach } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/01-parameters-and-hyperparameters.json" with { type: "json" };
import { countParameters, parameterBreakdown } from "./count_parameters.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Parameter counts are integers: compared exactly.

const show = (layers: readonly unknown[]) =>
  `[${layers.map((x) => (typeof x === "string" ? x : String(x))).join(", ")}]`;

function checkCounts(list: { layers: number[]; expected: number }[]): void {
  expectEach(list, {
    input: (c) => `countParameters(${show(c.layers)})`,
    actual: (c) => countParameters(c.layers),
    rel: 0,
  });
}

graded({
  name: "countParameters: the lesson's networks and small traps",
  points: 2,
  hint: "Each pair of consecutive layers (n_in, n_out) adds n_in·n_out weights and n_out biases; " +
    "the input layer has no biases. See 'Counting the parameters of an MLP' in lesson 01.",
}, () => {
  checkCounts([...cases.countParameters.lesson, ...cases.countParameters.random.slice(0, 3)]);
});

graded({
  name: "countParameters: 40 seeded random networks",
  points: 2,
  hint: "Sum over consecutive pairs, not over all layers: a network of k layers has k − 1 weight " +
    "matrices. Lesson 01, 'Counting the parameters of an MLP'.",
}, () => {
  checkCounts(cases.countParameters.random);
});

graded({
  name: "parameterBreakdown: weights and biases counted apart",
  points: 2,
  hint: "weights = Σ n_i·n_{i+1}, biases = Σ n_{i+1} (every layer but the input), total = their " +
    "sum. Lesson 01, 'Counting the parameters of an MLP'.",
}, () => {
  for (const c of [...cases.countParameters.lesson, ...cases.countParameters.random]) {
    expectEqual({
      input: `parameterBreakdown(${show(c.layers)})`,
      actual: () => parameterBreakdown(c.layers),
      expected: c.breakdown,
    });
  }
});

graded({
  name: "countParameters: refuses too few layers and sizes that are not positive integers",
  points: 1,
  hint: "Throw when there are fewer than 2 layers, and when an entry is 0, negative, fractional " +
    "or NaN; the message must name the entry as layerSizes[i].",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkCounts(cases.countParameters.random.slice(0, 5));
  for (const c of cases.countParameters.invalid) {
    const layers = c.layers.map(Number);
    expectThrows({
      input: `countParameters(${show(c.layers)})`,
      actual: () => countParameters(layers),
      messageIncludes: c.names ?? undefined,
    });
  }
});
