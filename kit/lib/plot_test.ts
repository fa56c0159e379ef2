import assert from "node:assert/strict";
import {
  bestSoFar,
  heatMap,
  heatMapSpec,
  lineChart,
  lineChartSpec,
  meanBandSeries,
  panelChart,
  scatterChart,
} from "./plot.ts";

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

/** The `d` of every path drawn with the given stroke colour, legend symbols left out. */
function strokes(svg: string, color: string): string[] {
  return [...svg.matchAll(new RegExp(`<path [^>]*d="([^"]*)"[^>]*stroke="${color}"`, "g"))]
    .map((m) => m[1]).filter((d) => d !== "M-5,0L5,0");
}

/** The text of every `<text>` element, in order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

Deno.test("lineChart: deterministic SVG with title, axis labels, legend, dashes and steps", async () => {
  const svg = await chart();
  assert.equal(svg, await chart());
  assert.ok(svg.includes("<title>A &amp; B &lt;test&gt;</title>"), "the title is escaped");
  const labels = texts(svg);
  for (const label of ["epoch", "learning rate", "a", "b", "A &amp; B &lt;test&gt;"]) {
    assert.ok(labels.includes(label), `missing text ${label}`);
  }
  const [solid] = strokes(svg, "#0072B2");
  const [stepped] = strokes(svg, "#D55E00");
  assert.match(solid, /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}$/, "a straight polyline");
  const corners = stepped.slice(1).split("L").map((p) => p.split(",").map(Number));
  assert.ok(corners.length > 5);
  for (let i = 1; i < corners.length; i++) {
    const [[x0, y0], [x1, y1]] = [corners[i - 1], corners[i]];
    assert.ok(x0 === x1 || y0 === y1, `a staircase moves across or up, never both: ${stepped}`);
  }
  assert.match(svg, /stroke-dasharray="6,4"/);
});

Deno.test("lineChart: the y axis ends near the data: a peak of 0.1 is drawn below an axis top of 0.104", () => {
  const spec = JSON.stringify(lineChartSpec({
    title: "t",
    series: [{ name: "s", x, y: [0.02, 0.1, 0.05, 0.04, 0.03] }],
  }));
  assert.ok(spec.includes('"domain":[0,0.104]'), spec.slice(0, 400));
  assert.ok(spec.includes('"values":[0,0.02,0.04,0.06,0.08,0.1]'));
  const accuracy = JSON.stringify(lineChartSpec({
    title: "t",
    yZero: false,
    series: [{ name: "s", x: [0, 1, 2], y: [0.9, 0.95, 1] }],
  }));
  assert.ok(accuracy.includes('"domain":[0.896,1.004]'), "yZero: false keeps to the data");
});

Deno.test("lineChart: a log axis labels 1 as 1 and breaks the line at values it cannot place", async () => {
  const svg = await lineChart({
    title: "log",
    logY: true,
    series: [{ name: "s", x: [0, 1, 2, 3, 4], y: [1, 0, 0.1, 0.01, 0.001] }],
  });
  assert.equal(strokes(svg, "#0072B2").length, 2, "two pieces around the zero");
  const labels = texts(svg);
  assert.ok(labels.includes("1") && labels.includes("0.001"), labels.join(" "));
  assert.ok(!labels.some((l) => /e0$/.test(l)), "no 1e0");
});

Deno.test("lineChart: a band is drawn as a filled area under its line", async () => {
  const runs = [[1, 2, 3], [3, 4, 5]];
  const svg = await lineChart({
    title: "band",
    series: [meanBandSeries("2 seeds", [0, 1, 2], runs)],
  });
  assert.match(svg, /<path [^>]*d="M[^"]*Z" fill="#0072B2" opacity="0.18"\/>/);
  assert.equal(strokes(svg, "#0072B2").length, 1, "and the mean as one line");
});

Deno.test("lineChart: an x axis with dots leaves room for the first and last dot", () => {
  const spec = (points: boolean) =>
    JSON.stringify(lineChartSpec({ title: "t", series: [{ name: "s", x, y: x, points }] }));
  assert.ok(spec(true).includes('"domain":[-0.08,4.08]'), "2% of the span on each side");
  assert.ok(spec(false).includes('"domain":[0,4]'), "a bare line runs from frame to frame");
});

Deno.test("lineChart: refuses what it cannot draw", () => {
  assert.throws(() => lineChartSpec({ title: "t", series: [] }), RangeError);
  assert.throws(
    () => lineChartSpec({ title: "t", series: [{ name: "s", x: [0, 1], y: [1] }] }),
    /2 x values but 1 y values/,
  );
  assert.throws(
    () => lineChartSpec({ title: "t", series: [{ name: "s", x: [0], y: [NaN] }] }),
    /no finite point/,
  );
  assert.throws(
    () =>
      lineChartSpec({
        title: "t",
        logX: true,
        series: [{ name: "s", x: [0, -1], y: [1, 2] }],
      }),
    /no finite point/,
  );
  const twice = { name: "s", x: [0], y: [1] };
  assert.throws(() => lineChartSpec({ title: "t", series: [twice, twice] }), /two series/);
});

Deno.test("scatterChart: one dot per point, no line", async () => {
  const svg = await scatterChart({
    title: "trials",
    logX: true,
    series: [
      { name: "random", x: [0.001, 0.01, 0.1], y: [0.9, 0.4, 0.7] },
      { name: "grid", x: [0.003, 0.03], y: [0.5, 0.6] },
    ],
  });
  const dots = (color: string) =>
    svg.match(new RegExp(`<path [^>]*transform="translate\\([^"]*\\)"[^>]*fill="${color}"`, "g"));
  assert.equal(dots("#0072B2")?.length, 3 + 1, "three dots and a legend symbol");
  assert.equal(dots("#D55E00")?.length, 2 + 1);
  assert.equal(strokes(svg, "#0072B2").length, 0, "no line");
});

Deno.test("panelChart: panels share one x axis, labelled once under the bottom panel", async () => {
  const epochs = [0, 1, 2, 3];
  const svg = await panelChart({
    title: "loss and lr",
    xLabel: "epoch",
    panels: [
      { yLabel: "loss", series: [{ name: "loss", x: epochs, y: [1, 0.5, 0.4, 0.4] }] },
      {
        yLabel: "lr",
        logY: true,
        series: [{ name: "lr, patience 1", x: epochs, y: [0.1, 0.1, 0.1, 0.05], stepped: true }],
      },
    ],
  });
  const labels = texts(svg);
  assert.equal(labels.filter((l) => l === "epoch").length, 1);
  assert.equal(labels.filter((l) => l === "3").length, 1, "x tick labels once");
  assert.ok(labels.includes("lr, patience 1"), "a legend for a series not named like its axis");
  assert.ok(!labels.includes("loss") || labels.filter((l) => l === "loss").length === 1);
  // Both panels' lines run from the same left edge to the same right edge.
  const ends = (d: string) => [d.match(/^M([\d.]+)/)![1], d.match(/([\d.]+),[\d.]+$/)![1]];
  const lines = strokes(svg, "#0072B2");
  assert.equal(lines.length, 2);
  assert.deepEqual(ends(lines[0]), ends(lines[1]));
});

Deno.test("heatMap: a coloured cell per value, a legend, values written when asked", async () => {
  const options = {
    title: "accuracy",
    columns: [0.001, 0.01, 0.1],
    rows: [8, 32],
    values: [[0.7, 0.9, 0.5], [0.72, NaN, 0.45]],
    colorLabel: "validation accuracy",
  };
  const plain = await heatMap(options);
  assert.ok(!texts(plain).includes("0.72"), "no values unless asked");
  const svg = await heatMap({ ...options, showValues: true });
  const labels = texts(svg);
  for (const v of ["0.7", "0.9", "0.5", "0.72", "0.45", "validation accuracy", "0.001", "32"]) {
    assert.ok(labels.includes(v), `missing ${v}`);
  }
  assert.match(svg, /<linearGradient id="gradient_0"/, "a colour legend");
  // The darkest cell (lowest value) is labelled in white, the brightest in dark ink.
  assert.match(svg, /fill="#ffffff"[^>]*>0.45<\/text>/);
  assert.match(svg, /fill="#222222"[^>]*>0.9<\/text>/);
  assert.throws(() => heatMapSpec({ ...options, values: [[1, 2, 3]] }), /2 rows of 3/);
});

Deno.test("bestSoFar: running minimum or maximum, skipping non-finite values", () => {
  assert.deepEqual(bestSoFar([]), []);
  assert.deepEqual(bestSoFar([NaN, 3, Infinity, 2, 5, 1]), [NaN, 3, 3, 2, 2, 1]);
  assert.deepEqual(bestSoFar([0.2, 0.5, 0.4, 0.9], "max"), [0.2, 0.5, 0.5, 0.9]);
});

Deno.test("meanBandSeries: mean ± sample standard deviation per x", () => {
  const s = meanBandSeries("seeds", [0, 1], [[1, 10], [3, 10]]);
  assert.deepEqual(s.y, [2, 10]);
  assert.deepEqual(s.band!.lower, [2 - Math.SQRT2, 10]);
  assert.deepEqual(s.band!.upper, [2 + Math.SQRT2, 10]);
  assert.deepEqual(meanBandSeries("one", [0], [[4]]).band, { lower: [4], upper: [4] });
  assert.throws(() => meanBandSeries("bad", [0, 1], [[1]]), /2 values/);
});
