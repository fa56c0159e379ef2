import assert from "node:assert/strict";
import { renderSvg, roundCoordinates, textWidth, type VegaLiteSpec } from "./svg_render.ts";

const clipped = (title: string): VegaLiteSpec => ({
  title,
  data: { values: [{ x: 0, y: 0.1 }, { x: 1, y: 0.3 }, { x: 2, y: 0.2 }] },
  mark: { type: "line", clip: true },
  encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
});

Deno.test("renderSvg: the same spec gives the same bytes, whatever was drawn before", async () => {
  const first = await renderSvg(clipped("a"), { title: "a" });
  await renderSvg(clipped("b"), { title: "b" });
  await renderSvg(clipped("c"), { title: "c" });
  const again = await renderSvg(clipped("a"), { title: "a" });
  assert.match(first, /clip-path="url\(#clip1\)"/, "a clipped mark gets a numbered clip id");
  assert.equal(again, first, "the clip-id counter is reset for every figure");
});

Deno.test("renderSvg: an accessible title and description, a white background", async () => {
  const svg = await renderSvg({ ...clipped("t"), background: "#ffffff" }, {
    title: "Loss & <rate>",
    description: "A rising, then falling line",
  });
  assert.match(svg, /^<svg [^>]*role="img" aria-label="Loss &amp; &lt;rate&gt;">/);
  assert.ok(svg.includes("<title>Loss &amp; &lt;rate&gt;</title>"));
  assert.ok(svg.includes("<desc>A rising, then falling line</desc>"));
  assert.match(svg, /<rect width="\d+" height="\d+" fill="#ffffff"\/>/);
  assert.ok(svg.endsWith("</svg>\n"));
});

Deno.test("renderSvg: geometry has two decimals at most, and tick labels use formatTick", async () => {
  const svg = await renderSvg({
    ...clipped("t"),
    encoding: {
      x: { field: "x", type: "quantitative" },
      y: {
        field: "y",
        type: "quantitative",
        axis: { values: [0.1, 0.2, 0.3], labelExpr: "kitTick(datum.value * 1e-3, false)" },
      },
    },
  }, { title: "t" });
  const geometry = [...svg.matchAll(/ (?:d|transform|x|y)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(geometry.length > 10);
  for (const value of geometry) assert.doesNotMatch(value, /\.\d{3}/, value);
  assert.ok(svg.includes(">2e-4</text>") && svg.includes(">3e-4</text>"));
});

Deno.test("roundCoordinates: rounds numbers in geometry attributes only", () => {
  assert.equal(
    roundCoordinates('<g transform="translate(10.004999,-0.0049)"><text y="2">0.00125</text></g>'),
    '<g transform="translate(10,0)"><text y="2">0.00125</text></g>',
  );
  assert.equal(roundCoordinates('<path d="M1.2345e-7,3.14159"/>'), '<path d="M0,3.14"/>');
});

Deno.test("textWidth: wider for wide letters, bold and larger type", () => {
  assert.ok(textWidth("MMMM", 12) > textWidth("iiii", 12));
  assert.ok(textWidth("loss", 12, "bold") > textWidth("loss", 12));
  assert.equal(textWidth("loss", 24), 2 * textWidth("loss", 12));
  assert.equal(textWidth("", 12), 0);
});
