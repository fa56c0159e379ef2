import { expectNumber, graded } from "../../kit/testkit/graded.ts";
import { square } from "./square.ts";

graded({ name: "square: small integers", points: 2, hint: "Multiply x by itself." }, () => {
  for (const x of [0, 1, 3, -4]) {
    expectNumber({ input: `square(${x})`, actual: () => square(x), expected: x * x, rel: 0 });
  }
});
graded({ name: "square: fractions", points: 1, hint: "Multiply x by itself." }, () => {
  expectNumber({ input: "square(0.5)", actual: () => square(0.5), expected: 0.25, rel: 1e-12 });
});
