import assert from "node:assert/strict";
import { scatterWithMarginals } from "./scatter.ts";

const base = {
  title: "t",
  xLabel: "x",
  yLabel: "y",
  xEffect: (x: number) => x,
  yEffect: () => 0.5,
};

Deno.test("scatterWithMarginals: one orange dot and two stems per point, deterministic", () => {
  const panels = [{ title: "a", points: [{ x: 0.2, y: 0.5 }, { x: 0.7, y: 0.1 }, { x: 1, y: 0 }] }];
  const svg = scatterWithMarginals({ ...base, panels });
  assert.equal(svg.match(/fill="#D55E00"/g)?.length, 3);
  assert.equal(svg.match(/stroke="#0072B2"/g)?.length, 6);
  assert.equal(svg, scatterWithMarginals({ ...base, panels }));
});

Deno.test("scatterWithMarginals: refuses no panel and points outside the unit square", () => {
  assert.throws(() => scatterWithMarginals({ ...base, panels: [] }), RangeError);
  assert.throws(
    () => scatterWithMarginals({ ...base, panels: [{ title: "a", points: [{ x: 1.5, y: 0 }] }] }),
    /outside/,
  );
});
