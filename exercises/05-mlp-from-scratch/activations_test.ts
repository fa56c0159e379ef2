import { expectEqual, expectNumbers, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { activate, type Activation, activationBackward } from "./activations.ts";

// Element-wise formulas: 1e-12 relative (sigmoid's and tanh's libm calls agree far closer).
const TOL = { rel: 1e-12, abs: 1e-15 };
const c = cases.activations;
const z = () => Float64Array.from(c.z);
const zText = `z = [${c.z.slice(0, 9).join(", ")}, …] (${c.z.length} values)`;

function forwardCase(kind: Activation) {
  expectNumbers({
    input: `activate("${kind}", ${zText})`,
    actual: () => activate(kind, z()),
    expected: c[kind].a,
    ...TOL,
  });
}

function backwardCase(kind: Activation) {
  expectNumbers({
    input: `activationBackward("${kind}", z, activate("${kind}", z), da) with ${zText}`,
    actual: () =>
      activationBackward(kind, z(), Float64Array.from(c[kind].a), Float64Array.from(c.da)),
    expected: c[kind].dz,
    ...TOL,
  });
}

graded({
  name: "activate: relu, and its derivative with f'(0) = 0",
  points: 2,
  hint:
    "relu(z) = max(0, z); its derivative is 1 for z > 0 and 0 otherwise — at exactly z = 0 the " +
    "kit (like PyTorch) uses 0, so da does not pass. Lesson 05, 'Activations'.",
}, () => {
  forwardCase("relu");
  backwardCase("relu");
});

graded({
  name: "activate: tanh, and its derivative 1 − a²",
  points: 2,
  hint:
    "Math.tanh(z); the derivative is 1 − tanh(z)², read from a = f(z) rather than recomputed. " +
    "Multiply it by da. Lesson 05, 'Activations'.",
}, () => {
  forwardCase("tanh");
  backwardCase("tanh");
});

graded({
  name: "activate: sigmoid, and its derivative a·(1 − a)",
  points: 2,
  hint: "sigmoid(z) = 1 / (1 + e^(−z)); its derivative is a·(1 − a) with a = sigmoid(z). " +
    "Lesson 05, 'Activations'.",
}, () => {
  forwardCase("sigmoid");
  backwardCase("sigmoid");
});

graded({
  name: "activate and activationBackward: leave z, a and da unchanged when no output is given",
  points: 1,
  hint:
    "Without an output array, allocate a new one (new Float64Array(z.length)); never write into the inputs. Lesson 05, 'Activations'.",
}, () => {
  for (const kind of ["relu", "tanh", "sigmoid"] as Activation[]) {
    // A function that does nothing leaves its inputs alone too: only right answers earn this.
    forwardCase(kind);
    backwardCase(kind);
    expectEqual({
      input: `z after activate("${kind}", z = [-1, 0, 2])`,
      actual: () => {
        const z = new Float64Array([-1, 0, 2]);
        activate(kind, z);
        return Array.from(z);
      },
      expected: [-1, 0, 2],
    });
    expectEqual({
      input: `da after activationBackward("${kind}", z, a = activate(z), da = [5, 5, 5]), ` +
        "z = [-1, 0, 2]",
      actual: () => {
        const z = new Float64Array([-1, 0, 2]);
        const da = new Float64Array([5, 5, 5]);
        activationBackward(kind, z, activate(kind, z), da);
        return Array.from(da);
      },
      expected: [5, 5, 5],
    });
  }
});

graded({
  name: "activate and activationBackward: write into the output array given, and return it",
  points: 1,
  hint:
    "mlp.ts passes each layer's own a and dz arrays and reads them afterwards: fill the array you " +
    "were given (a[i] = …) and return that same array, not a new one. Lesson 05, 'Activations'.",
}, () => {
  for (const kind of ["relu", "tanh", "sigmoid"] as Activation[]) {
    expectNumbers({
      input: `out after activate("${kind}", ${zText}, out)`,
      actual: () => {
        const out = new Float64Array(c.z.length).fill(NaN);
        activate(kind, z(), out);
        return out;
      },
      expected: c[kind].a,
      ...TOL,
    });
    expectEqual({
      input: `activate("${kind}", z, out) === out`,
      actual: () => {
        const out = new Float64Array(c.z.length);
        return activate(kind, z(), out) === out;
      },
      expected: true,
    });
    expectNumbers({
      input: `dz after activationBackward("${kind}", z, a, da, dz) with ${zText}`,
      actual: () => {
        const dz = new Float64Array(c.z.length).fill(NaN);
        activationBackward(kind, z(), Float64Array.from(c[kind].a), Float64Array.from(c.da), dz);
        return dz;
      },
      expected: c[kind].dz,
      ...TOL,
    });
    expectEqual({
      input: `activationBackward("${kind}", z, a, da, dz) === dz`,
      actual: () => {
        const dz = new Float64Array(c.z.length);
        return activationBackward(
          kind,
          z(),
          Float64Array.from(c[kind].a),
          Float64Array.from(c.da),
          dz,
        ) === dz;
      },
      expected: true,
    });
  }
});
