import { expectNumber, expectNumbers, graded } from "../../kit/grading/graded.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { softmax, softmaxCrossEntropy } from "./softmax.ts";

// Closed forms built from exp and log: 1e-12 relative, plus a tiny absolute tolerance for
// probabilities that underflow towards 0.
const TOL = { rel: 1e-12, abs: 1e-300 };
const ordinary = cases.softmax.filter((c) => !c.note.startsWith("big"));
const big = cases.softmax.filter((c) => c.note.startsWith("big"));
const show = (c: { logits: number[]; labels: number[]; batch: number; classes: number }) =>
  `logits [${c.logits.join(", ")}], labels [${
    c.labels.join(", ")
  }], batch ${c.batch}, classes ${c.classes}`;

graded({
  name: "softmax: rows of probabilities",
  points: 1,
  hint: "For each row: e^(z_j − max) / Σ_c e^(z_c − max). Each row sums to 1. " +
    "Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  for (const c of ordinary) {
    expectNumbers({
      input: `softmax(${show(c)})`,
      actual: () => softmax(Float64Array.from(c.logits), c.batch, c.classes),
      expected: c.probs,
      ...TOL,
    });
  }
});

graded({
  name: "softmaxCrossEntropy: the mean loss over the batch",
  points: 2,
  hint: "loss = (1/B)·Σ_i (log Σ_c e^(z_ic − m_i) + m_i − z_i,y_i): the mean over the batch, not " +
    "the sum. Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  for (const c of ordinary) {
    expectNumber({
      input: `softmaxCrossEntropy(${show(c)})`,
      actual: () => softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes),
      expected: c.loss,
      ...TOL,
    });
  }
});

graded({
  name: "softmaxCrossEntropy: the gradient (softmax − onehot) / B",
  points: 2,
  hint: "∂loss/∂z_ij = (p_ij − [j = y_i]) / B, with B the batch size because the loss is a mean. " +
    "Write it into grad. Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  for (const c of ordinary) {
    const grad = new Float64Array(c.batch * c.classes);
    expectNumbers({
      input: `softmaxCrossEntropy(${show(c)}, grad) → grad`,
      actual: () => {
        softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes, grad);
        return grad;
      },
      expected: c.grad,
      ...TOL,
    });
  }
});

graded({
  name: "softmaxCrossEntropy: big logits (±1000) neither overflow nor underflow",
  points: 2,
  hint: "e^1000 is Infinity in float64. Subtract each row's maximum before exponentiating, and " +
    "compute the loss as log Σ e^(z − m) + m − z_y instead of −log(softmax). " +
    "Lesson 05, 'Softmax cross-entropy'.",
}, () => {
  for (const c of big) {
    const grad = new Float64Array(c.batch * c.classes);
    expectNumbers({
      input: `softmax(${show(c)})`,
      actual: () => softmax(Float64Array.from(c.logits), c.batch, c.classes),
      expected: c.probs,
      ...TOL,
    });
    expectNumber({
      input: `softmaxCrossEntropy(${show(c)}, grad)`,
      actual: () =>
        softmaxCrossEntropy(Float64Array.from(c.logits), c.labels, c.batch, c.classes, grad),
      expected: c.loss,
      ...TOL,
    });
    expectNumbers({
      input: `softmaxCrossEntropy(${show(c)}, grad) → grad`,
      actual: () => grad,
      expected: c.grad,
      ...TOL,
    });
  }
});
