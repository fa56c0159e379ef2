import { expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEach } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/01-parameters-and-hyperparameters.json" with { type: "json" };
import { gridSize, type SearchSpace, spaceSize } from "./search_space.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Grid sizes are integers (all below 2^53 here): compared exactly.

type GridCase = { counts: number[]; expected: number };
/** A case's space: an object of dimensions (the JSON file types `kind` as a plain string). */
type SpaceCase = { space: object; expected: number };
const spaceOf = (c: { space: object }) => c.space as SearchSpace;

function checkGrids(list: GridCase[]): void {
  expectEach(list, {
    input: (c) => `gridSize(${JSON.stringify(c.counts)})`,
    actual: (c) => gridSize(c.counts),
    rel: 0,
  });
}

function checkSpaces(list: SpaceCase[]): void {
  expectEach(list, {
    input: (c) => `spaceSize(${JSON.stringify(c.space)})`,
    actual: (c) => spaceSize(spaceOf(c)),
    rel: 0,
  });
}

graded({
  name: "gridSize: the lesson's grids, including the empty grid",
  points: 1,
  hint: "Multiply the value counts; start the product at 1, so a grid of no hyperparameters " +
    "holds one configuration. Lesson 01, 'The search-space explosion'.",
}, () => {
  checkGrids([...cases.gridSize.lesson, ...cases.gridSize.random.slice(0, 10)]);
});

graded({
  name: "gridSize: 30 seeded random grids",
  points: 1,
  hint: "The sizes multiply (every value of one hyperparameter meets every value of the others); " +
    "adding them counts one-at-a-time changes, not a grid.",
}, () => {
  checkGrids(cases.gridSize.random);
});

graded({
  name: "gridSize: refuses counts that are not positive integers",
  points: 1,
  hint: "Throw a RangeError whose message names the entry as valueCounts[i].",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkGrids(cases.gridSize.random.slice(0, 5));
  for (const c of cases.gridSize.invalid) {
    const counts = c.counts.map(Number);
    expectThrows({
      input: `gridSize([${c.counts.join(", ")}])`,
      actual: () => gridSize(counts),
      messageIncludes: c.names,
    });
  }
});

graded({
  name: "spaceSize: choices and integer ranges (lesson and 30 seeded random spaces)",
  points: 2,
  hint: "A choice counts its values; an int range from low to high includes both ends: " +
    "high − low + 1 values. Lesson 01, 'Counting a search space'.",
}, () => {
  checkSpaces([...cases.spaceSize.lesson, ...cases.spaceSize.random]);
});

graded({
  name: "spaceSize: refuses a continuous dimension, naming it",
  points: 1,
  hint: "A float range holds infinitely many values, so no grid can list them: throw, and put " +
    "the dimension's name in the message. Lesson 01, 'Counting a search space'.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkSpaces(cases.spaceSize.lesson);
  for (const c of cases.spaceSize.continuous) {
    expectThrows({
      input: `spaceSize(${JSON.stringify(c.space)})`,
      actual: () => spaceSize(spaceOf(c)),
      messageIncludes: c.names,
    });
  }
});

graded({
  name: "spaceSize: refuses empty choices and bad integer ranges, naming the dimension",
  points: 1,
  hint: "A choice needs at least one value; an int range needs integer bounds with low <= high. " +
    "Put the dimension's name in the message.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkSpaces(cases.spaceSize.random.slice(0, 5));
  for (const c of cases.spaceSize.invalid) {
    expectThrows({
      input: `spaceSize(${JSON.stringify(c.space)})`,
      actual: () => spaceSize(spaceOf(c)),
      messageIncludes: c.names,
    });
  }
});
