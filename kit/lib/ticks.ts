/**
 * Axis arithmetic for the lessons' figures: round tick values, short tick labels and axis
 * domains that end near the data.
 *
 * Kept apart from the renderer so that it is plain arithmetic, tested without loading any
 * plotting package.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { axisScale } from "./ticks.ts";
 * const axis = axisScale(0, 0.1, { zero: true, pad: 0.04 });
 * assert.deepEqual(axis.domain, [0, 0.104]);
 * assert.deepEqual(axis.ticks, [0, 0.02, 0.04, 0.06, 0.08, 0.1]);
 * ```
 *
 * @module
 */

/**
 * Round tick values covering `[min, max]`: steps of 1, 2 or 5 times a power of ten, about
 * `target` steps. The first tick is ≤ `min` and the last ≥ `max`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linearTicks } from "./ticks.ts";
 * assert.deepEqual(linearTicks(0, 0.1), [0, 0.02, 0.04, 0.06, 0.08, 0.1]);
 * ```
 */
export function linearTicks(min: number, max: number, target = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) {
    throw new RangeError(`linearTicks: min and max must be finite, got ${min} and ${max}`);
  }
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  // The multiple of the power of ten nearest `rough` on a log scale (d3's rule), so the count
  // lands near `target` from either side rather than always below it.
  const ratio = rough / power;
  const step = power *
    (ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.SQRT2 ? 2 : 1);
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(clean(i * step));
  return ticks;
}

/**
 * Tick values of a base-10 log axis covering `[min, max]` (both > 0): powers of ten (every
 * second or third one over very wide ranges, so that about 8 remain), plus 2× and 5× when the
 * range spans fewer than three decades, and 3× when it spans less than one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logTicks } from "./ticks.ts";
 * assert.deepEqual(logTicks(0.001, 0.1), [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]);
 * ```
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max > 0 && Number.isFinite(min) && Number.isFinite(max))) {
    throw new RangeError(
      `logTicks: min and max must be positive and finite, got ${min} and ${max}`,
    );
  }
  if (max < min) [min, max] = [max, min];
  let low = Math.floor(Math.log10(min) + 1e-9);
  let high = Math.ceil(Math.log10(max) - 1e-9);
  if (high === low) high += 1;
  const decades = high - low;
  // Judged on the range itself, not on the whole decades around it: 0.006 to 0.11 gets 0.01,
  // 0.02, 0.05 and 0.1, and less than one decade gets 3× as well.
  const span = Math.log10(max / min);
  const multipliers = span < 1 ? [1, 2, 3, 5] : span < 3 ? [1, 2, 5] : [1];
  // At most about 8 labelled decades: every 2nd, 3rd, … power of ten over very wide ranges.
  const every = Math.ceil(decades / 8);
  low = Math.floor(low / every) * every;
  high = Math.ceil(high / every) * every;
  const ticks: number[] = [];
  for (let d = low; d <= high; d += every) {
    for (const m of multipliers) {
      if (d === high && m > 1) break;
      ticks.push(clean(m * 10 ** d));
    }
  }
  return ticks;
}

/** Rounds away binary noise such as 0.30000000000000004 (to 12 significant digits). */
function clean(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

/**
 * Formats a tick label: plain decimals for moderate numbers (so 1 is `1`, never `1e0`),
 * `2e-4` style for very small or very large ones, never more digits than needed. On a log axis
 * (`log: true`) large numbers switch to `1e4` style sooner, next to `1e6`, `1e8`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTick } from "./ticks.ts";
 * assert.deepEqual([0.05, 0.00025, 1, 1500].map((v) => formatTick(v)), [
 *   "0.05",
 *   "2.5e-4",
 *   "1",
 *   "1500",
 * ]);
 * assert.equal(formatTick(10000, { log: true }), "1e4");
 * ```
 */
export function formatTick(value: number, axis: { log?: boolean } = {}): string {
  if (value === 0) return "0";
  const size = Math.abs(value);
  if (size < 1e-3 || size >= (axis.log ? 1e4 : 1e6)) {
    const [mantissa, exponent] = clean(value).toExponential().split("e");
    return `${mantissa}e${Number(exponent)}`;
  }
  return String(clean(value));
}

/** How {@link axisScale} lays out one axis. */
export interface AxisRequest {
  /** A base-10 logarithmic axis (both ends must then be > 0). */
  log?: boolean;
  /** On a linear axis whose data are all ≥ 0, start at 0 (default false). */
  zero?: boolean;
  /** Room added beyond the data at each padded end, as a fraction of the span (default 0). */
  pad?: number;
  /** About this many ticks on a linear axis (default 5). */
  tickTarget?: number;
}

/** An axis' shown range and its labelled ticks, all inside the range. */
export interface AxisScale {
  /** The range shown, `[low, high]`. */
  domain: [number, number];
  /** Round values inside the domain, in increasing order. */
  ticks: number[];
}

/**
 * The domain and ticks of an axis showing data from `min` to `max`: the domain is the data's
 * range widened by `pad` of its span (on a log axis, of its span in decades), so that a line
 * along the largest value is not hidden by the frame and the axis ends near the data rather
 * than at the next round number (a peak of 0.1 gives an axis up to 0.104, not 0.15).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { axisScale } from "./ticks.ts";
 * const axis = axisScale(0.001, 0.1, { log: true });
 * assert.deepEqual(axis.domain, [0.001, 0.1]);
 * assert.equal(axis.ticks.length, 7);
 * ```
 */
export function axisScale(min: number, max: number, request: AxisRequest = {}): AxisScale {
  const { log = false, zero = false, pad = 0, tickTarget = 5 } = request;
  if (!(Number.isFinite(min) && Number.isFinite(max)) || max < min) {
    throw new RangeError(`axisScale: need finite min ≤ max, got ${min} and ${max}`);
  }
  if (log) {
    if (!(min > 0)) throw new RangeError(`axisScale: a log axis needs min > 0, got ${min}`);
    let [low, high] = [Math.log10(min), Math.log10(max)];
    if (high === low) [low, high] = [low - 0.5, high + 0.5];
    const room = pad * (high - low);
    const domain: [number, number] = [clean(10 ** (low - room)), clean(10 ** (high + room))];
    return { domain, ticks: inside(logTicks(domain[0], domain[1]), domain) };
  }
  let low = zero && min >= 0 ? 0 : min;
  let high = max;
  if (high === low) {
    const half = low === 0 ? 1 : Math.abs(low) / 2;
    [low, high] = [low - (zero && low === 0 ? 0 : half), high + half];
  }
  const room = pad * (high - low);
  const domain: [number, number] = [
    clean(low === 0 && zero ? 0 : low - room),
    clean(high + room),
  ];
  return { domain, ticks: inside(linearTicks(domain[0], domain[1], tickTarget), domain) };
}

function inside(ticks: number[], [low, high]: [number, number]): number[] {
  const slack = 1e-9 * (Math.abs(low) + Math.abs(high));
  return ticks.filter((t) => t >= low - slack && t <= high + slack);
}
