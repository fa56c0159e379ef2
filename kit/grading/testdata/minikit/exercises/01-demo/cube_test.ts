import { expectNumber, graded } from "../../kit/grading/graded.ts";
import { cube } from "./cube.ts";

graded({ name: "cube: small integers", points: 2, hint: "x times x times x.", timeoutMs: 2000 }, () => {
  for (const x of [0, 2, -3]) {
    expectNumber({ input: `cube(${x})`, actual: () => cube(x), expected: x * x * x, rel: 0 });
  }
});
