import assert from "node:assert/strict";
import { spirals, twoMoons } from "./synthetic.ts";

Deno.test("twoMoons: shape, balance and reproducibility", () => {
  const a = twoMoons({ n: 101, noise: 0.05, seed: 3 });
  const b = twoMoons({ n: 101, noise: 0.05, seed: 3 });
  assert.equal(a.rows, 101);
  assert.equal(a.features.length, 202);
  assert.deepEqual(Array.from(a.features), Array.from(b.features));
  assert.equal(a.labels.filter((l) => l === 0).length, 51);
  assert.notDeepEqual(
    Array.from(twoMoons({ n: 101, noise: 0.05, seed: 4 }).features),
    Array.from(a.features),
  );
});

Deno.test("twoMoons: without noise the points lie on the two half circles", () => {
  const d = twoMoons({ n: 40, noise: 0, seed: 1 });
  for (let i = 0; i < d.rows; i++) {
    const [x, y] = [d.features[2 * i], d.features[2 * i + 1]];
    const [cx, cy] = d.labels[i] === 0 ? [0, 0] : [1, 0.5];
    assert.ok(Math.abs(Math.hypot(x - cx, y - cy) - 1) < 1e-12);
  }
});

Deno.test("spirals: shape, classes and radius", () => {
  const d = spirals({ perClass: 30, classes: 4, noise: 0.1, seed: 2 });
  assert.equal(d.rows, 120);
  assert.equal(d.classCount, 4);
  for (let c = 0; c < 4; c++) assert.equal(d.labels.filter((l) => l === c).length, 30);
  for (let i = 0; i < d.rows; i++) {
    assert.ok(Math.hypot(d.features[2 * i], d.features[2 * i + 1]) <= 1 + 1e-12);
  }
});
