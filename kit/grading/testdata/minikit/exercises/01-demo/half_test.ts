import { expectNumber, graded } from "../../kit/testkit/graded.ts";
import { half } from "./half.ts";

graded({ name: "half: even numbers", points: 1, hint: "Divide by two." }, () => {
  expectNumber({ input: "half(4)", actual: () => half(4), expected: 2 });
});
