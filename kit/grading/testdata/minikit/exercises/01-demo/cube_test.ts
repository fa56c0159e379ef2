import { expectNumbers, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/01-demo.json" with { type: "json" };
import { cube } from "./cube.ts";

// Like the real lessons: cases from kit/cases, inputs handed to the learner's code, arrays compared.
graded({
  name: "cube: small integers",
  points: 2,
  hint: "x times x times x, for each x.",
  timeoutMs: 2000,
}, () => {
  for (const c of cases.cube) {
    expectNumbers({
      input: `cube(${JSON.stringify(c.xs)})`,
      actual: () => cube(c.xs),
      expected: c.expected,
      rel: 0,
    });
  }
});
