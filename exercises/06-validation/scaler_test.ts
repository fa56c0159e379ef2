import { expectEqual, expectNumbers, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/06-validation.json" with { type: "json" };
import { applyScaler, fitScaler } from "./scaler.ts";

// A mean, a square root and a division per value: 1e-12 relative covers any summation order.
const TOL = { rel: 1e-12, abs: 1e-12 };

const describe = (c: (typeof cases.scaler)[number]) =>
  `fitScaler(new Float64Array(${JSON.stringify(c.features)}), ${c.cols}, ${
    JSON.stringify(c.rows)
  })`;

graded({
  name: "fitScaler: mean and population sd of the fitting rows, column by column",
  points: 2,
  hint:
    "For each column j, over the listed rows only: mean, and scale = √(Σ(x − mean)² / n) with n " +
    "= rows.length (÷ n, as scikit-learn's StandardScaler); a column whose values are all equal " +
    "gets scale 1. Lesson 06, 'Preprocessing is part of the model'.",
}, () => {
  for (const c of cases.scaler) {
    for (const key of ["mean", "scale"] as const) {
      expectNumbers({
        input: `${describe(c)}.${key}`,
        actual: () => fitScaler(Float64Array.from(c.features), c.cols, c.rows)[key],
        expected: c[key],
        ...TOL,
      });
    }
  }
});

graded({
  name: "fitScaler: held-out rows leak nothing into the scaler",
  points: 1,
  hint: "Read only features[r × cols + j] for r in rows: the held-out rows must not change the " +
    "mean or the scale, whatever they hold. Lesson 06, 'Preprocessing is part of the model'.",
}, () => {
  // A scaler that ignores its input leaks nothing either: only right answers earn this.
  const first = cases.scaler[0];
  expectNumbers({
    input: `${describe(first)}.mean`,
    actual: () => fitScaler(Float64Array.from(first.features), first.cols, first.rows).mean,
    expected: first.mean,
    ...TOL,
  });
  for (const c of cases.scaler) {
    const fitting = new Set(c.rows);
    // The same matrix with every held-out value replaced by a huge one.
    const poisoned = Float64Array.from(
      c.features,
      (v, i) => fitting.has(Math.floor(i / c.cols)) ? v : 1e6 + i,
    );
    expectEqual({
      input: `${describe(c)} with every row outside ${JSON.stringify(c.rows)} set to 1e6 + i: ` +
        "the same mean and scale as before?",
      actual: () => {
        const clean = fitScaler(Float64Array.from(c.features), c.cols, c.rows);
        const dirty = fitScaler(poisoned, c.cols, c.rows);
        return Array.from(clean.mean).every((m, j) => m === dirty.mean[j]) &&
          Array.from(clean.scale).every((s, j) => s === dirty.scale[j]);
      },
      expected: true,
    });
  }
});

graded({
  name: "applyScaler: (x − mean) / scale on every row, a new array",
  points: 1,
  hint: "Column j of every row, fitting rows or not: (x − mean[j]) / scale[j]; return a new " +
    "Float64Array and leave the input unchanged. Lesson 06, 'Preprocessing is part of the model'.",
}, () => {
  for (const c of cases.scaler) {
    const scaler = { mean: Float64Array.from(c.mean), scale: Float64Array.from(c.scale) };
    const input = Float64Array.from(c.features);
    expectNumbers({
      input:
        `applyScaler({ mean: ${JSON.stringify(c.mean)}, scale: ${JSON.stringify(c.scale)} }, ` +
        `new Float64Array(${JSON.stringify(c.features)}))`,
      actual: () => applyScaler(scaler, input),
      expected: c.transformed,
      ...TOL,
    });
    expectNumbers({
      input: "the input array after applyScaler",
      actual: () => input,
      expected: c.features,
      rel: 0,
    });
  }
});
