import assert from "node:assert/strict";
import { formatTick, linearTicks, lineChart, logTicks } from "./plot.ts";

Deno.test("linearTicks: round steps that cover the range", () => {
  assert.deepEqual(linearTicks(0, 0.1), [0, 0.02, 0.04, 0.06, 0.08, 0.1]);
  assert.deepEqual(linearTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(linearTicks(0.3, 0.95, 5), [0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(0.3, 0.95, 8), [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.deepEqual(linearTicks(-1, 1, 4), [-1, -0.5, 0, 0.5, 1]);
  const flat = linearTicks(2, 2);
  assert.ok(flat[0] < 2 && flat[flat.length - 1] > 2);
  assert.throws(() => linearTicks(0, Infinity), RangeError);
});

Deno.test("logTicks: powers of ten, with 2× and 5× over short ranges", () => {
  assert.deepEqual(logTicks(0.001, 0.1), [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
  assert.deepEqual(logTicks(1e-9, 1e-3), [1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3]);
  assert.deepEqual(logTicks(0.02, 0.02), [0.01, 0.02, 0.05, 0.1]);
  // Over 26 decades, every 4th power of ten.
  assert.deepEqual(logTicks(1e-29, 1e-3), [
    1e-32,
    1e-28,
    1e-24,
    1e-20,
    1e-16,
    1e-12,
    1e-8,
    1e-4,
    1,
  ]);
  assert.throws(() => logTicks(0, 1), RangeError);
});

Deno.test("formatTick: short, fixed labels", () => {
  assert.equal(formatTick(0), "0");
  assert.equal(formatTick(0.05), "0.05");
  assert.equal(formatTick(0.1 + 0.2), "0.3");
  assert.equal(formatTick(2.5e-4), "2.5e-4");
  assert.equal(formatTick(1e-20), "1e-20");
  assert.equal(formatTick(1500), "1500");
  assert.equal(formatTick(2e6), "2e6");
});

const x = [0, 1, 2, 3, 4];
const chart = () =>
  lineChart({
    title: "A & B <test>",
    xLabel: "epoch",
    yLabel: "learning rate",
    series: [
      { name: "a", x, y: [0.1, 0.08, 0.06, 0.04, 0.02] },
      { name: "b", x, y: [0.1, 0.1, 0.05, 0.05, 0.025], stepped: true, dashed: true },
    ],
  });

Deno.test("lineChart: deterministic, well-formed SVG with title, labels and legend", () => {
  const svg = chart();
  assert.equal(svg, chart());
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  assert.ok(svg.includes("A &amp; B &lt;test&gt;"), "the title is escaped");
  assert.ok(svg.includes(">epoch</text>") && svg.includes(">learning rate</text>"));
  assert.ok(svg.includes(">a</text>") && svg.includes(">b</text>"), "legend names");
  assert.equal(svg.match(/<path /g)?.length, 2);
  assert.ok(svg.includes("stroke-dasharray"));
  assert.match(svg, /<path d="M[0-9.]+ [0-9.]+(H[0-9.]+(V[0-9.]+)?)+"/, "stepped path uses H/V");
  assert.ok(!/\d\.\d{3,}/.test(svg.replace(/<title>.*<\/title>/, "")), "two decimals at most");
});

Deno.test("lineChart: a log axis skips non-positive values and breaks the line there", () => {
  const svg = lineChart({
    title: "log",
    logY: true,
    series: [{ name: "s", x: [0, 1, 2, 3], y: [1, 0, 0.01, 0.001] }],
  });
  const path = svg.match(/<path d="([^"]+)"/)![1];
  assert.equal(path.match(/M/g)?.length, 2, "two pieces around the zero");
  assert.ok(svg.includes(">1e-3</text>") && svg.includes(">1e0</text>"), "powers of ten as 1eN");
});

Deno.test("lineChart: refuses what it cannot draw", () => {
  assert.throws(() => lineChart({ title: "t", series: [] }), RangeError);
  assert.throws(
    () => lineChart({ title: "t", series: [{ name: "s", x: [0, 1], y: [1] }] }),
    /2 x values but 1 y values/,
  );
  assert.throws(
    () => lineChart({ title: "t", series: [{ name: "s", x: [0], y: [NaN] }] }),
    RangeError,
  );
});

Deno.test("lineChart: a log x axis spans whole decades and labels them as powers of ten", () => {
  const svg = lineChart({
    title: "range test",
    logX: true,
    series: [{ name: "loss", x: [1e-4, 1e-3, 1e-2, 0.3], y: [1, 0.8, 0.5, 2] }],
  });
  for (const label of [">1e-4<", ">1e-3<", ">1e-2<", ">1e-1<", ">1e0<"]) {
    assert.ok(svg.includes(label), `missing tick label ${label}`);
  }
  assert.throws(
    () => lineChart({ title: "t", logX: true, series: [{ name: "s", x: [0, -1], y: [1, 2] }] }),
    /no finite point/,
  );
});
