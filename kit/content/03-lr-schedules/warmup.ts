/**
 * Lesson 03, linear warm-up (`solutions/03-lr-schedules/warmup.ts`), alone and before cosine.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { describeConfig, formatNumber, markdownTable } from "../format.ts";
import { integer, uniform } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import { epochDraw, lrDraw, points, randomPoints, range, round4, series } from "./shared.ts";
import {
  linearWarmup,
  type LinearWarmupConfig,
} from "../../../solutions/03-lr-schedules/warmup.ts";
import { cosineAnnealing } from "../../../solutions/03-lr-schedules/cosine.ts";

const WARMUP: LinearWarmupConfig = { lr0: 0.1, startFactor: 0.1, endFactor: 1, totalIters: 5 };
const WARMUP_EPOCHS = [0, 1, 2, 3, 4, 5, 6, 10];

function cases() {
  return {
    linearWarmup: {
      lesson: points(linearWarmup, WARMUP, WARMUP_EPOCHS),
      defaults: points(linearWarmup, { lr0: 0.1 }, [0, 1, 2, 3, 4, 5, 6, 50]),
      random: randomPoints("03-warmup", 40, linearWarmup, (r) => {
        const config: LinearWarmupConfig = { lr0: lrDraw(r) };
        if (r() < 0.8) config.startFactor = round4(uniform(r, 0.001, 1));
        if (r() < 0.4) config.endFactor = round4(uniform(r, 0, 1));
        if (r() < 0.8) config.totalIters = integer(r, 1, 2000);
        const total = config.totalIters ?? 5;
        return { config, epoch: r() < 0.8 ? epochDraw(r, total) : integer(r, total, 3 * total) };
      }),
    },
  };
}

/** The type of lesson 03's case entries for linear warm-up. */
export type WarmupCases = ReturnType<typeof cases>;

function warmupTable(): string {
  return `With ${describeConfig(WARMUP)}:\n\n` + markdownTable(
    ["epoch", ...WARMUP_EPOCHS.map(String)],
    [["lr", ...WARMUP_EPOCHS.map((e) => formatNumber(linearWarmup(WARMUP, e)))]],
  );
}

function warmupFigure(): Promise<string> {
  const epochs = range(0, 60, 0.5);
  const warm = 5;
  const total = 60;
  const warmupThenCosine = (e: number) =>
    e < warm
      ? linearWarmup({ lr0: 0.1, startFactor: 0.1, totalIters: warm }, e)
      : cosineAnnealing({ lr0: 0.1, tMax: total - warm }, e - warm);
  return lineChart({
    title: "Linear warm-up, alone and followed by cosine",
    xLabel: "epoch",
    yLabel: "learning rate",
    series: [
      series(
        "linearWarmup (5 epochs)",
        epochs,
        (e) => linearWarmup({ lr0: 0.1, startFactor: 0.1, totalIters: warm }, e),
      ),
      series("warm-up, then cosine", epochs, warmupThenCosine, { dashed: true }),
    ],
  });
}

/** Linear warm-up's cases, table and figure. */
export const warmup: LessonContent = {
  cases,
  blocks: { "warmup-table": warmupTable },
  figures: { "warmup": warmupFigure },
};
