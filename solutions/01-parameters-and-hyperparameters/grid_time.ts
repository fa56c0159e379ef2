/**
 * Exercise 3: how long does it take to try every point of a grid?
 *
 * @module
 */

/** Hours in a day. */
export const HOURS_PER_DAY = 24;

/**
 * Days in a year, as this course counts them: the Julian year of 365.25 days, the average
 * calendar year once leap days are included (the astronomers' unit, symbol "a").
 */
export const DAYS_PER_YEAR = 365.25;

/** The wall-clock time to run every point of a grid. */
export interface GridTime {
  /** Rounds of runs: `ceil(runs / workers)`, since each worker does one run at a time. */
  waves: number;
  /** `waves · hoursPerRun`. */
  hours: number;
  /** `hours / 24`. */
  days: number;
  /** `days / 365.25` (see {@link DAYS_PER_YEAR}). */
  years: number;
}

/**
 * The wall-clock time to run `runs` trials that each take `hoursPerRun` hours, on `workers`
 * machines that each run one trial at a time. Trials run in waves of `workers`; the last wave
 * may be partly idle but still takes a full `hoursPerRun`.
 *
 * Throws a `RangeError` when `runs` is not a non-negative integer, `hoursPerRun` is not a
 * positive finite number, or `workers` is not a positive integer; the message names the bad
 * argument (`runs`, `hoursPerRun` or `workers`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timeToExhaust } from "./grid_time.ts";
 * const t = timeToExhaust(100_000, 1);
 * assert.equal(t.years.toFixed(1), "11.4");
 * assert.equal(timeToExhaust(9_216, 1, 8).days, 48);
 * ```
 */
export function timeToExhaust(runs: number, hoursPerRun: number, workers = 1): GridTime {
  // BEGIN SOLUTION 'TODO: waves, hours, days and years of a grid (lesson 01, "How long is a grid?")'
  if (!Number.isInteger(runs) || runs < 0) {
    throw new RangeError(`runs is ${runs}: it must be a whole number, 0 or more`);
  }
  if (!(typeof hoursPerRun === "number" && Number.isFinite(hoursPerRun) && hoursPerRun > 0)) {
    throw new RangeError(`hoursPerRun is ${hoursPerRun}: it must be a positive number`);
  }
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers is ${workers}: it must be a whole number, 1 or more`);
  }
  const waves = Math.ceil(runs / workers);
  const hours = waves * hoursPerRun;
  const days = hours / HOURS_PER_DAY;
  return { waves, hours, days, years: days / DAYS_PER_YEAR };
  // END SOLUTION
}

/**
 * Writes a duration given in hours with one decimal (`toFixed(1)`) in the largest unit that
 * fits: below 24 hours in `hours`, below one year (365.25 days) in `days`, else in `years`.
 * The unit is chosen before rounding and is always plural, e.g. `"23.9 hours"`, `"1.0 days"`,
 * `"11.4 years"`.
 *
 * Throws a `RangeError` when `hours` is negative or not finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatDuration } from "./grid_time.ts";
 * assert.equal(formatDuration(100_000), "11.4 years");
 * assert.equal(formatDuration(9_216), "1.1 years");
 * assert.equal(formatDuration(36), "1.5 days");
 * ```
 */
export function formatDuration(hours: number): string {
  // BEGIN SOLUTION "TODO: write hours as hours, days or years with one decimal"
  if (!(typeof hours === "number" && Number.isFinite(hours) && hours >= 0)) {
    throw new RangeError(`hours is ${hours}: it must be a finite number, 0 or more`);
  }
  if (hours < HOURS_PER_DAY) return `${hours.toFixed(1)} hours`;
  const days = hours / HOURS_PER_DAY;
  if (days < DAYS_PER_YEAR) return `${days.toFixed(1)} days`;
  return `${(days / DAYS_PER_YEAR).toFixed(1)} years`;
  // END SOLUTION
}
