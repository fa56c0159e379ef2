/**
 * Lesson 03, reduce on plateau (`solutions/03-lr-schedules/plateau.ts`): the one stateful
 * scheduler, fed a seeded validation loss.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { describeConfig, formatNumber, markdownTable } from "../format.ts";
import { integer, type Random, seededRandom, uniform } from "../../lib/random.ts";
import { panelChart } from "../../lib/plot.ts";
import { lrDraw, pick, range, round4 } from "./shared.ts";
import { type PlateauConfig, reduceOnPlateau } from "../../../solutions/03-lr-schedules/plateau.ts";

const PLATEAU: PlateauConfig = { lr0: 0.1, factor: 0.5, patience: 3, cooldown: 2, minLr: 0.005 };

/** A validation loss that improves, then stalls: 60 noisy epochs, seeded. */
function plateauLosses(): number[] {
  const random = seededRandom("lesson-03-plateau-losses");
  return range(0, 59).map((t) =>
    Number((0.3 + 0.6 * Math.exp(-t / 6) + 0.03 * (random() - 0.5)).toFixed(3))
  );
}

// Graded cases

/** A graded run: the metrics fed to the scheduler and the rate after each. */
interface PlateauCase {
  config: PlateauConfig;
  /** The metric of each epoch; `"NaN"` where JSON cannot hold the number. */
  metrics: (number | "NaN")[];
  expected: number[];
}

/**
 * True when some comparison of the run is a near tie at the threshold, where two correct
 * spellings of the rule (`a < best − t` vs. `best − a > t`) may round differently.
 */
function hasNearTie(config: PlateauConfig, metrics: number[]): boolean {
  const threshold = config.threshold ?? 1e-4;
  if (threshold === 0) return false;
  const reference = reduceOnPlateau(config, metrics).join();
  return [1 - 1e-9, 1 + 1e-9].some((f) =>
    reduceOnPlateau({ ...config, threshold: threshold * f }, metrics).join() !== reference
  );
}

function plateauCase(config: PlateauConfig, metrics: number[]): PlateauCase {
  if (hasNearTie(config, metrics)) {
    throw new Error(`plateau case ${JSON.stringify(config)} has a near tie at the threshold`);
  }
  return { config, metrics, expected: reduceOnPlateau(config, metrics) };
}

/** A noisy loss curve with a plateau, rounded to 3 decimals so that ties happen. */
function noisyLosses(r: Random, length: number): number[] {
  const floor = uniform(r, 0.05, 0.5);
  const tau = uniform(r, 2, 15);
  const noise = uniform(r, 0, 0.05);
  return range(0, length - 1).map((t) =>
    Number((floor + Math.exp(-t / tau) + noise * (r() - 0.5)).toFixed(3))
  );
}

function randomCases(): PlateauCase[] {
  const r = seededRandom("03-plateau-random");
  const random: PlateauCase[] = [];
  for (let i = 0; i < 40; i++) {
    const lr0 = lrDraw(r);
    const config: PlateauConfig = { lr0 };
    const mode = pick(r, ["min", "max"] as const);
    if (mode === "max" || r() < 0.5) config.mode = mode;
    if (r() < 0.8) config.factor = pick(r, [0.1, 0.2, 0.5, 0.75]);
    config.patience = integer(r, 0, 5);
    if (r() < 0.6) config.threshold = pick(r, [0, 1e-4, 0.001, 0.01, 0.05]);
    if (r() < 0.5) config.thresholdMode = pick(r, ["rel", "abs"] as const);
    if (r() < 0.6) config.cooldown = integer(r, 0, 4);
    if (r() < 0.5) config.minLr = round4(lr0 * pick(r, [0, 0.001, 0.01, 0.05]));
    const metrics = noisyLosses(r, integer(r, 10, 60));
    random.push(
      plateauCase(
        config,
        mode === "max" ? metrics.map((m) => Number((2 - m).toFixed(3))) : metrics,
      ),
    );
  }
  return random;
}

function cases() {
  const flat = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
  const random = randomCases();
  const nanConfigs: PlateauConfig[] = [
    { lr0: 0.1, patience: 1 },
    { lr0: 0.1, patience: 0, mode: "max" },
  ];
  return {
    reduceOnPlateau: {
      lesson: [plateauCase(PLATEAU, plateauLosses())],
      patience: [
        plateauCase({ lr0: 0.1, patience: 0 }, flat),
        plateauCase({ lr0: 0.1, patience: 2 }, flat),
        plateauCase({ lr0: 0.1 }, flat),
      ],
      cooldown: [
        plateauCase({ lr0: 0.1, patience: 1, cooldown: 3, factor: 0.5 }, flat),
        plateauCase({ lr0: 0.1, patience: 0, cooldown: 1, factor: 0.5 }, flat),
      ],
      thresholds: [
        // Each step improves by 0.5 %: enough for rel 1e-4, not for rel 0.01 or abs 0.01.
        plateauCase({ lr0: 0.1, patience: 1 }, range(0, 11).map((t) => 0.995 ** t)),
        plateauCase(
          { lr0: 0.1, patience: 1, threshold: 0.01 },
          range(0, 11).map((t) => 0.995 ** t),
        ),
        plateauCase(
          { lr0: 0.1, patience: 1, threshold: 0.01, thresholdMode: "abs" },
          range(0, 11).map((t) => 0.995 ** t),
        ),
        // An accuracy that creeps up: "max" mode.
        plateauCase(
          { lr0: 0.1, patience: 1, mode: "max", threshold: 0.01 },
          [0.5, 0.6, 0.65, 0.652, 0.653, 0.7, 0.701, 0.702, 0.703, 0.704],
        ),
        plateauCase(
          { lr0: 0.1, patience: 1, mode: "max", thresholdMode: "abs", threshold: 0.02 },
          [0.5, 0.6, 0.65, 0.652, 0.653, 0.7, 0.701, 0.702, 0.703, 0.704],
        ),
      ],
      floor: [
        plateauCase({ lr0: 0.1, patience: 0, minLr: 0.003 }, flat),
        plateauCase({ lr0: 0.1, patience: 0, factor: 0.5, minLr: 0.02 }, flat),
        // Below eps, a reduction is skipped: 2e-8 → 1e-8 is a change of exactly 1e-8, not more.
        plateauCase({ lr0: 4e-8, patience: 0, factor: 0.5 }, flat),
        plateauCase({ lr0: 4e-8, patience: 0, factor: 0.5, eps: 0 }, flat),
      ],
      edge: [
        // A metric equal to the best is not an improvement (strict <, >), even with threshold 0.
        plateauCase({ lr0: 0.1, patience: 1, threshold: 0, thresholdMode: "abs" }, [1, 1, 1, 1, 1]),
        plateauCase({ lr0: 0.1, patience: 1, threshold: 0 }, [1, 1, 1, 1, 1]),
        plateauCase({ lr0: 0.1, patience: 1, threshold: 0, mode: "max" }, [2, 2, 2, 2, 2]),
        // The default threshold is rel 1e-4: gains of 5e-5 relative are bad epochs.
        plateauCase({ lr0: 0.1, patience: 1 }, range(0, 6).map((t) => (1 - 5e-5) ** t)),
      ],
      // NaN metrics (written "NaN", JSON has no NaN) are bad epochs, the first one included.
      nan: nanConfigs.map((config): PlateauCase => {
        const metrics: (number | "NaN")[] = ["NaN", 1, "NaN", "NaN", 0.5, "NaN", 0.4];
        return { config, metrics, expected: reduceOnPlateau(config, metrics.map(Number)) };
      }),
      random,
    },
  };
}

/** The type of lesson 03's case entries for reduce on plateau. */
export type PlateauCases = ReturnType<typeof cases>;

// Table and figures

function plateauTable(): string {
  const losses = plateauLosses();
  const lrs = reduceOnPlateau(PLATEAU, losses);
  const rows: (string | number)[][] = [];
  let previous = PLATEAU.lr0;
  losses.forEach((loss, epoch) => {
    const changed = lrs[epoch] !== previous;
    rows.push([
      epoch,
      loss,
      formatNumber(previous),
      changed ? `**${formatNumber(lrs[epoch])}** (reduced)` : formatNumber(lrs[epoch]),
    ]);
    previous = lrs[epoch];
  });
  const reductions = rows.map((row, i) => [row, i] as const).filter(([row]) =>
    String(row[3]).includes("reduced")
  );
  const shown = new Set<number>();
  for (const [, i] of reductions) {
    for (let j = i - 4; j <= i + 1; j++) if (j >= 0 && j < rows.length) shown.add(j);
  }
  for (let j = 0; j < 3; j++) shown.add(j);
  const kept: (string | number)[][] = [];
  let last = -1;
  for (const i of [...shown].sort((a, b) => a - b)) {
    if (last >= 0 && i > last + 1) kept.push(["…", "", "", ""]);
    kept.push(rows[i]);
    last = i;
  }
  return `With ${
    describeConfig(PLATEAU)
  } on a seeded, noisy validation loss (only the epochs around each reduction are shown):\n\n` +
    markdownTable(
      ["epoch", "validation loss", "lr used in this epoch", "lr after `step(loss)`"],
      kept,
    );
}

function plateauFigure(): Promise<string> {
  const losses = plateauLosses();
  const epochs = range(0, losses.length - 1);
  const lrs = reduceOnPlateau(PLATEAU, losses);
  const used = [PLATEAU.lr0, ...lrs.slice(0, -1)];
  return panelChart({
    title: "Reduce on plateau: the validation loss fed in, the rate used in each epoch",
    xLabel: "epoch",
    panels: [
      {
        yLabel: "validation loss",
        series: [{ name: "validation loss", x: epochs, y: losses }],
      },
      {
        yLabel: "learning rate",
        logY: true,
        series: [{ name: "lr (patience 3, factor 0.5)", x: epochs, y: used, stepped: true }],
      },
    ],
  });
}

/** Reduce on plateau's cases, table and figures. */
export const plateau: LessonContent = {
  cases,
  blocks: { "plateau-table": plateauTable },
  figures: { "plateau": plateauFigure },
};
