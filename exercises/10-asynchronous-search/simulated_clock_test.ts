import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/10-asynchronous-search.json" with { type: "json" };
import { simulateWorkers } from "./simulated_clock.ts";

type Case = (typeof cases.clock.lesson)[number];

const describe = (c: { durations: readonly number[]; workers: number }) =>
  `simulateWorkers(${JSON.stringify(c.durations)}, ${c.workers})`;

const all = [...cases.clock.lesson, ...cases.clock.random] as readonly Case[];

graded({
  name: "simulateWorkers: who runs which job, when, in the order jobs finish",
  points: 3,
  hint: "Job j goes to the worker that is free FIRST (equal times: the lowest worker), not to " +
    "worker j mod W, and starts when that worker is free. List the events by end time, equal " +
    "end times by worker. Lesson 10, 'What synchronisation costs'.",
}, () => {
  // Durations are multiples of 1/4: every start and end is exact.
  for (const c of all) {
    expectEqual({
      input: `${describe(c)}.events  // ${c.why}`,
      actual: () => simulateWorkers(c.durations, c.workers).events,
      expected: c.expected.events,
    });
  }
});

graded({
  name: "simulateWorkers: busy time, makespan and utilisation",
  points: 3,
  hint: "busy[w] = the sum of worker w's durations; makespan = the last end (0 for no jobs); " +
    "utilisation = Σ busy / (W · makespan), 0 for no jobs. A straggler at the end of a " +
    "synchronous rung makes every other worker idle until it is done.",
}, () => {
  for (const c of all) {
    const run = () => simulateWorkers(c.durations, c.workers);
    expectEqual({
      input: `${describe(c)}.busy  // ${c.why}`,
      actual: () => run().busy,
      expected: c.expected.busy,
    });
    expectNumber({
      input: `${describe(c)}.makespan`,
      actual: () => run().makespan,
      expected: c.expected.makespan,
      rel: 0,
    });
    // One division of exact sums: within 1e-12.
    expectNumber({
      input: `${describe(c)}.utilisation`,
      actual: () => run().utilisation,
      expected: c.expected.utilisation,
      rel: 1e-12,
    });
  }
});

graded({
  name: "simulateWorkers: refuses no workers and impossible durations",
  points: 1,
  hint: "Throw a RangeError when workers is not an integer >= 1 or a duration is negative or " +
    "not finite.",
}, () => {
  const c = cases.clock.random[0];
  expectEqual({
    input: `${describe(c)}.busy`,
    actual: () => simulateWorkers(c.durations, c.workers).busy,
    expected: c.expected.busy,
  });
  for (const bad of cases.clock.invalid) {
    expectThrows({
      input: `${describe(bad)}  // ${bad.why}`,
      actual: () => simulateWorkers(bad.durations, bad.workers),
    });
  }
});
