/**
 * Lesson 01, the time to exhaust a grid (`solutions/01-parameters-and-hyperparameters/grid_time.ts`):
 * `timeToExhaust` and `formatDuration` cases, the grid explosion (hook, table and figure), the
 * year convention and the 9,216-point grid.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, logUniform, type Random, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import { fixed, grouped, tex } from "./shared.ts";
import { gridSize } from "../../../solutions/01-parameters-and-hyperparameters/search_space.ts";
import {
  DAYS_PER_YEAR,
  formatDuration,
  HOURS_PER_DAY,
  timeToExhaust,
} from "../../../solutions/01-parameters-and-hyperparameters/grid_time.ts";

/**
 * `timeToExhaust` and `formatDuration`'s cases, the random ones drawn from `random` (the
 * lesson's one stream: see `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { gridTimeCases } from "./grid_time.ts";
 * const cases = gridTimeCases(seededRandom("demo"));
 * assert.equal(cases.timeToExhaust.random.length, 40);
 * assert.equal(cases.formatDuration.random.length, 30);
 * assert.deepEqual(cases, gridTimeCases(seededRandom("demo")));
 * ```
 */
export function gridTimeCases(random: Random) {
  const timeCase = (runs: number, hoursPerRun: number, workers: number) => ({
    runs,
    hoursPerRun,
    workers,
    expected: { ...timeToExhaust(runs, hoursPerRun, workers) },
  });
  const timeLesson = [
    timeCase(100_000, 1, 1),
    timeCase(9_216, 1, 1),
    timeCase(9_216, 1, 8),
    timeCase(9_216, 0.25, 1),
    timeCase(10, 3, 4),
    timeCase(0, 2, 1),
  ];
  const timeRandom = Array.from({ length: 40 }, () => {
    const runs = gridSize(
      Array.from({ length: integer(random, 1, 6) }, () => integer(random, 1, 10)),
    );
    const hoursPerRun = [0.25, 0.5, 1, 2, 6, 24][integer(random, 0, 5)] *
      (random() < 0.5 ? 1 : Math.round(uniform(random, 1, 10) * 100) / 100);
    const workers = random() < 0.25 ? 1 : integer(random, 2, 64);
    return timeCase(runs, hoursPerRun, workers);
  });
  const timeInvalid = [
    { runs: -1, hoursPerRun: 1, workers: 1, names: "runs" },
    { runs: 2.5, hoursPerRun: 1, workers: 1, names: "runs" },
    { runs: 100, hoursPerRun: 0, workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: -2, workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: "NaN", workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: "Infinity", workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: 1, workers: 0, names: "workers" },
    { runs: 100, hoursPerRun: 1, workers: 1.5, names: "workers" },
  ];
  const formatLesson = [100_000, 9_216, 1_152, 36, 0.5, 24, 8_766, 8_765.9, 23.96, 0].map((
    hours,
  ) => ({
    hours,
    expected: formatDuration(hours),
  }));
  const formatRandom: { hours: number; expected: string }[] = [];
  while (formatRandom.length < 30) {
    const hours = Math.round(logUniform(random, 0.1, 1e7) * 1000) / 1000;
    // Skip values within 1e-6 of a rounding tie, where toFixed(1) and Math.round(x·10)/10
    // may disagree: both are fair readings of "one decimal".
    if (!nearTie(hours)) formatRandom.push({ hours, expected: formatDuration(hours) });
  }

  return {
    timeToExhaust: { lesson: timeLesson, random: timeRandom, invalid: timeInvalid },
    formatDuration: {
      lesson: formatLesson,
      random: formatRandom,
      invalid: [-1, "NaN", "Infinity"],
    },
  };
}

/** True when a value sits so close to a unit boundary or a rounding tie that readings differ. */
function nearTie(hours: number): boolean {
  const candidates = [hours, hours / HOURS_PER_DAY, hours / HOURS_PER_DAY / DAYS_PER_YEAR];
  return candidates.some((v) => Math.abs(v * 10 - Math.floor(v * 10) - 0.5) < 1e-6);
}

function hook(): string {
  const runs = gridSize([10, 10, 10, 10, 10]);
  const t = timeToExhaust(runs, 1);
  return `Five settings with ten candidate values each make ${
    grouped(runs)
  } combinations. At one ` +
    `hour of training per combination, trying them all on one machine takes ` +
    `${formatDuration(t.hours)}.`;
}

function explosionTable(): string {
  const lines = [
    "| hyperparameters $k$ | grid points $10^k$ | hours at 1 hour per run | readable |",
    "| ---: | ---: | ---: | ---: |",
  ];
  for (let k = 1; k <= 7; k++) {
    const runs = gridSize(Array.from({ length: k }, () => 10));
    const t = timeToExhaust(runs, 1);
    lines.push(`| ${k} | ${grouped(runs)} | ${grouped(t.hours)} | ${formatDuration(t.hours)} |`);
  }
  return lines.join("\n");
}

/** Years to exhaust a grid of k hyperparameters with m values each, one hour per run. */
function explosionFigure(): Promise<string> {
  const ks = Array.from({ length: 8 }, (_, i) => i + 1);
  const series = [2, 3, 5, 10].map((m) => ({
    name: `${m} values each`,
    x: ks,
    y: ks.map((k) => timeToExhaust(gridSize(Array.from({ length: k }, () => m)), 1).years),
  }));
  return lineChart({
    title: "Time to try every point of a grid (1 hour per run, one machine)",
    xLabel: "number of hyperparameters k",
    yLabel: "years (365.25 days)",
    logY: true,
    series: [...series, { name: "one year", x: [1, 8], y: [1, 1], dashed: true, color: "#777777" }],
  });
}

function yearConvention(): string {
  const t = timeToExhaust(100_000, 1);
  const with365 = t.days / 365;
  return [
    `$$100{,}000 \\text{ h} = \\frac{100{,}000}{24} \\text{ days} = ${
      tex(fixed(t.days, 1))
    } \\text{ days} = ` +
    `\\frac{${tex(fixed(t.days, 1))}}{${DAYS_PER_YEAR}} \\text{ years} \\approx ${
      fixed(t.years, 2)
    } \\text{ years}$$`,
    "",
    `With a 365-day year it would be ${
      fixed(with365, 2)
    } years instead: the convention moves the ` +
    `answer by ${fixed((with365 / t.years - 1) * 100, 2)}%, never enough to change the lesson, ` +
    "but enough to fail a test compared at a relative tolerance of $10^{-12}$.",
  ].join("\n");
}

function grid9216(): string {
  const counts = [4, 4, 4, 4, 4, 3, 3];
  const runs = gridSize(counts);
  const rows = [
    { hoursPerRun: 1, workers: 1 },
    { hoursPerRun: 1, workers: 8 },
    { hoursPerRun: 0.25, workers: 1 },
    { hoursPerRun: 0.25, workers: 8 },
  ];
  const lines = [
    `$$${counts.join(" \\cdot ")} = 4^5 \\cdot 3^2 = ${
      tex(grouped(runs))
    } \\text{ configurations}$$`,
    "",
    "| hours per run | machines | waves | wall-clock hours | readable |",
    "| ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { hoursPerRun, workers } of rows) {
    const t = timeToExhaust(runs, hoursPerRun, workers);
    lines.push(
      `| ${hoursPerRun} | ${workers} | ${grouped(t.waves)} | ${grouped(t.hours)} | ${
        formatDuration(t.hours)
      } |`,
    );
  }
  return lines.join("\n");
}

/** The grid's time: hook, tables, year convention and figure (its cases come through `mod.ts`). */
export const gridTimeTopic: LessonContent = {
  blocks: {
    "hook": hook,
    "explosion-table": explosionTable,
    "year-convention": yearConvention,
    "grid-9216": grid9216,
  },
  figures: { "grid-explosion": explosionFigure },
};
