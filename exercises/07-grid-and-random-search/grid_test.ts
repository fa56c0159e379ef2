import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/07-grid-and-random-search.json" with { type: "json" };
import { type Grid, gridPoints } from "./grid.ts";

type GridCase = { grid: unknown; expected: unknown };
const ORDER_HINT = "itertools.product order: the LAST name varies fastest, the first slowest, " +
  "each list walked as given. If your first name varies fastest, the order is reversed; " +
  "if the keys are sorted, that is scikit-learn's ParameterGrid, not the kit's rule.";

function check(list: readonly GridCase[]): void {
  for (const c of list) {
    const grid = c.grid as Grid;
    expectEqual({
      input: `gridPoints(${JSON.stringify(c.grid)})`,
      actual: () => gridPoints(grid),
      expected: c.expected,
    });
  }
}

graded({
  name: "gridPoints: the lesson's grids, in the documented order",
  points: 2,
  hint: `${ORDER_HINT} Lesson 07, 'Grid search: a Cartesian product in a stated order'.`,
}, () => {
  check([...cases.gridPoints.lesson, ...cases.gridPoints.random.slice(0, 3)]);
});

graded({
  name: "gridPoints: 10 seeded random grids (numbers, names, booleans)",
  points: 2,
  hint: `Every value of one hyperparameter meets every value of the others. ${ORDER_HINT}`,
}, () => {
  check(cases.gridPoints.random);
});

graded({
  name: "gridPoints: lesson 01's 9,216-point grid, its size and points picked across it",
  points: 1,
  hint: "The number of points is lesson 01's gridSize of the value counts (4·4·4·4·4·3·3). " +
    "Point i has the digits of i in a mixed base, the last name as the lowest digit.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  check(cases.gridPoints.random.slice(0, 3));
  const big = cases.gridPoints.lesson01;
  const grid = big.grid as Grid;
  const input = `gridPoints(${JSON.stringify(big.grid)})`;
  expectNumber({
    input: `${input}.length`,
    actual: () => gridPoints(grid).length,
    expected: big.size,
    rel: 0,
  });
  big.indices.forEach((index, k) => {
    expectEqual({
      input: `${input}[${index}]`,
      actual: () => gridPoints(grid)[index],
      expected: big.points[k],
    });
  });
});

graded({
  name: "gridPoints: the empty grid is one configuration; an empty list is refused by name",
  points: 1,
  hint: "Start from [{}] (the empty product is 1) and throw a RangeError naming a " +
    "hyperparameter whose list is empty: a grid with an empty axis has no points at all.",
}, () => {
  // Refusals and the empty grid earn points only from a function that also answers a real grid.
  check([...cases.gridPoints.lesson.slice(0, 1), ...cases.gridPoints.random.slice(0, 3)]);
  expectEqual({ input: "gridPoints({})", actual: () => gridPoints({}), expected: [{}] });
  for (const c of cases.gridPoints.invalid) {
    const grid = c.grid as unknown as Grid;
    expectThrows({
      input: `gridPoints(${JSON.stringify(c.grid)})`,
      actual: () => gridPoints(grid),
      messageIncludes: c.names,
    });
  }
});
