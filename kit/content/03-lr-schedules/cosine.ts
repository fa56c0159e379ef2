/**
 * Lesson 03, cosine schedules (`solutions/03-lr-schedules/cosine.ts`): cosine annealing and
 * warm restarts, with the PyTorch corner case where `step(epoch)` misplaces a restart.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { describeConfig, formatNumber, markdownTable } from "../format.ts";
import { integer, seededRandom, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import {
  epochDraw,
  lrDraw,
  type Point,
  points,
  randomPoints,
  range,
  round4,
  series,
} from "./shared.ts";
import {
  cosineAnnealing,
  type CosineAnnealingConfig,
  cosineWarmRestarts,
  type WarmRestartsConfig,
} from "../../../solutions/03-lr-schedules/cosine.ts";

const COSINE: CosineAnnealingConfig = { lr0: 0.1, tMax: 100, etaMin: 0.001 };
const COSINE_EPOCHS = [0, 10, 25, 50, 75, 90, 99, 100];
const RESTARTS: WarmRestartsConfig = { lr0: 0.1, t0: 10, tMult: 2, etaMin: 0 };
const RESTARTS_EPOCHS = [0, 5, 9, 10, 20, 29, 30, 50, 69, 70];
/** A restart that PyTorch's `step(epoch)` misses: 121 = 1 + 3 + 9 + 27 + 81. */
const LOG_CORNER: WarmRestartsConfig = { lr0: 0.1, t0: 1, tMult: 3 };
const LOG_CORNER_CYCLES = 5;

/**
 * PyTorch's `CosineAnnealingWarmRestarts.step(epoch)` transcribed literally, with its
 * floating-point logarithm: used only to keep cases where it disagrees out of the graded set,
 * and to show the disagreement in the lesson.
 */
function pytorchExplicitRestarts(config: WarmRestartsConfig, epoch: number): number {
  const { lr0, t0 } = config;
  const tMult = config.tMult ?? 1;
  const etaMin = config.etaMin ?? 0;
  let tCur = epoch;
  let tI = t0;
  if (epoch >= t0) {
    if (tMult === 1) {
      tCur = epoch % t0;
    } else {
      const n = Math.trunc(Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
      tCur = epoch - t0 * (tMult ** n - 1) / (tMult - 1);
      tI = t0 * tMult ** n;
    }
  }
  return etaMin + (lr0 - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
}

// Graded cases

function cases() {
  return {
    cosineAnnealing: {
      lesson: points(cosineAnnealing, COSINE, COSINE_EPOCHS),
      random: randomPoints("03-cosine", 40, cosineAnnealing, (r) => {
        const lr0 = lrDraw(r);
        const config: CosineAnnealingConfig = { lr0, tMax: integer(r, 1, 300) };
        if (r() < 0.6) config.etaMin = round4(lr0 * uniform(r, 0, 0.2));
        // Mostly within [0, tMax]; a few past it, where PyTorch's closed form climbs again.
        const epoch = r() < 0.85
          ? epochDraw(r, config.tMax)
          : integer(r, config.tMax, 3 * config.tMax);
        return { config, epoch };
      }),
    },
    cosineWarmRestarts: {
      lesson: points(cosineWarmRestarts, RESTARTS, RESTARTS_EPOCHS),
      constantCycles: constantCycles(),
      growingCycles: growingCycles(),
      random: randomPoints("03-restarts-random", 40, cosineWarmRestarts, (r) => {
        for (;;) {
          const config: WarmRestartsConfig = { lr0: lrDraw(r), t0: integer(r, 1, 30) };
          if (r() < 0.7) config.tMult = integer(r, 1, 3);
          if (r() < 0.5) config.etaMin = round4(config.lr0 * uniform(r, 0, 0.1));
          const epoch = epochDraw(r, 400);
          // Skip the rare epochs where PyTorch's step(epoch) logarithm rounds the wrong way.
          const torch = pytorchExplicitRestarts(config, epoch);
          const ours = cosineWarmRestarts(config, epoch);
          if (Math.abs(torch - ours) <= 1e-12 * Math.abs(ours) + 1e-15 * config.lr0) {
            return { config, epoch };
          }
        }
      }),
    },
  };
}

/** Around the k-th restart of cycles of constant length (`tMult` 1, given or defaulted). */
function constantCycles(): Point<WarmRestartsConfig>[] {
  const random = seededRandom("03-restarts-tmult1");
  const out: Point<WarmRestartsConfig>[] = [];
  for (let i = 0; i < 8; i++) {
    const config: WarmRestartsConfig = { lr0: lrDraw(random), t0: integer(random, 2, 40) };
    if (i % 2) config.tMult = 1;
    const k = integer(random, 1, 6);
    out.push(
      ...points(cosineWarmRestarts, config, [k * config.t0 - 1, k * config.t0, k * config.t0 + 1]),
    );
  }
  return out;
}

/** Around the first three restarts of growing cycles. */
function growingCycles(): Point<WarmRestartsConfig>[] {
  const random = seededRandom("03-restarts-tmult");
  const out: Point<WarmRestartsConfig>[] = [];
  for (let i = 0; i < 10; i++) {
    const config: WarmRestartsConfig = {
      lr0: lrDraw(random),
      t0: integer(random, 1, 20),
      tMult: integer(random, 2, 3),
      etaMin: i % 2 ? 0 : round4(1e-5 * integer(random, 1, 9)),
    };
    // The restart epochs t0, t0 + t0·m, t0 + t0·m + t0·m², and their neighbours.
    const restarts: number[] = [];
    let at = 0;
    let length = config.t0;
    for (let n = 0; n < 3; n++) {
      at += length;
      length *= config.tMult!;
      restarts.push(at);
    }
    const epochs = restarts.flatMap((e) => [e - 1, e, e + 1]);
    out.push(...points(cosineWarmRestarts, config, [...new Set(epochs)]));
  }
  return out;
}

/** The type of lesson 03's case entries for the cosine schedules. */
export type CosineCases = ReturnType<typeof cases>;

// Tables and the PyTorch corner case

function cosineTable(): string {
  return `With ${describeConfig(COSINE)}:\n\n` + markdownTable(
    ["epoch", ...COSINE_EPOCHS.map(String)],
    [["lr", ...COSINE_EPOCHS.map((e) => formatNumber(cosineAnnealing(COSINE, e)))]],
  );
}

function restartsTable(): string {
  const { t0, tMult } = { t0: RESTARTS.t0, tMult: RESTARTS.tMult! };
  const lengths = [t0, t0 * tMult, t0 * tMult ** 2];
  const restarts = [lengths[0], lengths[0] + lengths[1], lengths[0] + lengths[1] + lengths[2]];
  return `With ${describeConfig(RESTARTS)}: cycles of ${
    lengths.join(", ")
  }, … epochs, so restarts ` +
    `at epochs ${restarts.join(", ")}, ….\n\n` + markdownTable(
      ["epoch", ...RESTARTS_EPOCHS.map(String)],
      [["lr", ...RESTARTS_EPOCHS.map((e) => formatNumber(cosineWarmRestarts(RESTARTS, e)))]],
    );
}

function logCornerValues(): Record<string, () => string> {
  const config = LOG_CORNER;
  const m = config.tMult!;
  const epoch = config.t0 * (m ** LOG_CORNER_CYCLES - 1) / (m - 1);
  return {
    "restarts-log-config": () => describeConfig(config),
    "restarts-log-epoch": () => String(epoch),
    "restarts-log-logarithm": () => String(Math.log(epoch / config.t0 * (m - 1) + 1) / Math.log(m)),
    "restarts-log-cycles": () => String(LOG_CORNER_CYCLES),
    "restarts-log-pytorch": () => formatNumber(pytorchExplicitRestarts(config, epoch)),
    "restarts-log-restart": () => formatNumber(cosineWarmRestarts(config, epoch)),
  };
}

// Figures

function cosineFigure(): Promise<string> {
  const inside = range(0, COSINE.tMax);
  const past = range(COSINE.tMax, 1.5 * COSINE.tMax);
  return lineChart({
    title: `Cosine annealing (T_max = ${COSINE.tMax})`,
    xLabel: "epoch",
    yLabel: "learning rate",
    series: [
      series("cosineAnnealing", inside, (e) => cosineAnnealing(COSINE, e)),
      series("past T_max (PyTorch climbs back)", past, (e) => cosineAnnealing(COSINE, e), {
        dashed: true,
      }),
    ],
  });
}

function restartsFigure(): Promise<string> {
  const epochs = range(0, 150, 0.25);
  return lineChart({
    title: "Cosine with warm restarts (SGDR), T_0 = 10",
    xLabel: "epoch (fractional: per-batch updates)",
    yLabel: "learning rate",
    series: [
      series("T_mult = 1", epochs, (e) => cosineWarmRestarts({ ...RESTARTS, tMult: 1 }, e)),
      series("T_mult = 2", epochs, (e) => cosineWarmRestarts(RESTARTS, e)),
    ],
  });
}

/** The cosine schedules' cases, tables, quoted numbers and figures. */
export const cosine: LessonContent = {
  cases,
  blocks: { "cosine-table": cosineTable, "restarts-table": restartsTable },
  values: logCornerValues(),
  figures: { "cosine": cosineFigure, "warm-restarts": restartsFigure },
};
