import assert from "node:assert/strict";
import { axisScale, formatTick, linearTicks, logTicks } from "./ticks.ts";

Deno.test("linearTicks: round steps that cover the range", () => {
  assert.deepEqual(linearTicks(0, 0.1), [0, 0.02, 0.04, 0.06, 0.08, 0.1]);
  assert.deepEqual(linearTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(linearTicks(0.3, 0.95, 5), [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.deepEqual(linearTicks(0, 0.104), [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12]);
  assert.deepEqual(linearTicks(0.3, 0.95, 8), [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assert.deepEqual(linearTicks(-1, 1, 4), [-1, -0.5, 0, 0.5, 1]);
  const flat = linearTicks(2, 2);
  assert.ok(flat[0] < 2 && flat[flat.length - 1] > 2);
  assert.throws(() => linearTicks(0, Infinity), RangeError);
});

Deno.test("logTicks: powers of ten, with 2× and 5× over short ranges, 3× within a decade", () => {
  assert.deepEqual(logTicks(0.001, 0.1), [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
  assert.deepEqual(logTicks(1e-9, 1e-3), [1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3]);
  assert.deepEqual(logTicks(0.02, 0.02), [0.01, 0.02, 0.03, 0.05, 0.1]);
  // 0.0056 to 0.11 spans under 1.3 decades: the 2× and 5× ticks stay although the whole
  // decades around it (0.001 to 1) are three.
  assert.deepEqual(
    logTicks(0.0056, 0.11).filter((t) => t >= 0.0056 && t <= 0.11),
    [0.01, 0.02, 0.05, 0.1],
  );
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

Deno.test("formatTick: short, fixed labels, and 1 rather than 1e0", () => {
  assert.equal(formatTick(0), "0");
  assert.equal(formatTick(1), "1");
  assert.equal(formatTick(10), "10");
  assert.equal(formatTick(0.05), "0.05");
  assert.equal(formatTick(0.1 + 0.2), "0.3");
  assert.equal(formatTick(2.5e-4), "2.5e-4");
  assert.equal(formatTick(1e-20), "1e-20");
  assert.equal(formatTick(1500), "1500");
  assert.equal(formatTick(2e6), "2e6");
});

Deno.test("axisScale: a padded linear axis ends near the data, not at the next round tick", () => {
  // The old renderer stretched a peak of 0.1 to an axis up to 0.15.
  const peak = axisScale(0, 0.1, { zero: true, pad: 0.04 });
  assert.deepEqual(peak.domain, [0, 0.104]);
  assert.deepEqual(peak.ticks, [0, 0.02, 0.04, 0.06, 0.08, 0.1]);
  const loss = axisScale(0.29, 0.9, { zero: true, pad: 0.04 });
  assert.deepEqual(loss.domain, [0, 0.936]);
  assert.ok(loss.ticks.every((t) => t >= 0 && t <= 0.936));
  const negative = axisScale(-2, 3, { zero: true, pad: 0.1 });
  assert.deepEqual(negative.domain, [-2.5, 3.5], "zero applies only to data ≥ 0");
  assert.deepEqual(axisScale(5, 5).domain, [2.5, 7.5], "a flat line gets a visible range");
  assert.throws(() => axisScale(1, 0), RangeError);
});

Deno.test("axisScale: a log axis pads in decades and keeps its ticks inside", () => {
  const axis = axisScale(0.001, 0.1, { log: true, pad: 0.05 });
  assert.ok(axis.domain[0] < 0.001 && axis.domain[1] > 0.1);
  assert.ok(Math.abs(Math.log10(0.001 / axis.domain[0]) - 0.1) < 1e-9, "5% of two decades");
  assert.deepEqual(axis.ticks, [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
  assert.deepEqual(axisScale(0.01, 0.01, { log: true }).domain.map((d) => +d.toPrecision(3)), [
    0.00316,
    0.0316,
  ]);
  assert.throws(() => axisScale(0, 1, { log: true }), /min > 0/);
});

Deno.test("formatTick: a log axis writes 1e4 and above as powers", () => {
  assert.equal(formatTick(1000, { log: true }), "1000");
  assert.equal(formatTick(10000, { log: true }), "1e4");
  assert.equal(formatTick(10000), "10000");
  assert.equal(formatTick(0.001, { log: true }), "0.001");
});
