/**
 * Lesson 10's experiment tables, values and figures, built from
 * `kit/results/10-asynchronous-search.json` (written by `deno task experiment lesson-10`, never
 * by hand). Generation fails when the file was made with other settings than `./experiment.ts`
 * has now: run the experiment again.
 *
 * @module
 */

import { lineChart, meanBandSeries, panelChart, type Series } from "../../lib/plot.ts";
import { formatPercent, markdownTable } from "../format.ts";
import { mean, meanSdPercent, resultsFile, type ResultsHeader } from "../experiment_results.ts";
import { SETTINGS } from "./experiment.ts";
import type { RunEvent } from "./scheduler.ts";

interface Summary {
  utilisation: number;
  makespan: number;
  epochs: number;
  winner: { id: number; rung: number; score: number; time: number };
  winnerTest: number;
  configurations: number;
}

interface Results extends ResultsHeader<typeof SETTINGS> {
  halving: {
    seed: number;
    workers: number;
    synchronous: Summary;
    retrain: { epochs: number; makespan: number };
    asha: Summary & { promoted: number; mispromoted: number };
    timeline: { synchronous: RunEvent[]; asha: RunEvent[] } | null;
  }[];
  median: {
    seed: number;
    none: MedianRun;
    median: MedianRun;
  }[];
  pbt: {
    seed: number;
    random: { validation: number; test: number };
    pbt: { validation: number; test: number; lrSchedule: number[] };
    epochs: number;
  }[];
}

interface MedianRun {
  epochs: number;
  makespan: number;
  stopped: { id: number; epoch: number }[];
  winner: { id: number; score: number };
  winnerTest: number;
}

/** The results file, checked against the experiment's current settings. */
const results = resultsFile<Results>("10-asynchronous-search", SETTINGS);

const time = (x: number) => x.toFixed(1);
const runsAt = (workers: number) => results().halving.filter((r) => r.workers === workers);

type Method = "synchronous" | "asha";
const METHODS: [Method, string][] = [["synchronous", "synchronous halving"], ["asha", "ASHA"]];

/**
 * Mean utilisation of `method` with `workers` virtual workers, as a percentage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { utilisation } from "./results.ts";
 * // From the committed results of the experiments, as the lesson's table shows it.
 * assert.match(utilisation("asha", 4), /^\d+\.\d %$/);
 * ```
 */
export function utilisation(method: Method, workers: number): string {
  return formatPercent(mean(runsAt(workers).map((r) => r[method].utilisation)));
}

function halvingTable(): string {
  const rows = SETTINGS.workers.flatMap((w) =>
    METHODS.map(([key, label]) => {
      const runs = runsAt(w).map((r) => r[key]);
      const top = runs.filter((r) => r.winner.rung === SETTINGS.budgets.length - 1).length;
      return [
        `${w}`,
        label,
        formatPercent(mean(runs.map((r) => r.utilisation))),
        time(mean(runs.map((r) => r.winner.time))),
        time(mean(runs.map((r) => r.makespan))),
        mean(runs.map((r) => r.configurations)).toFixed(1),
        `${top} of ${runs.length}`,
        meanSdPercent(runs.map((r) => r.winner.score)),
        meanSdPercent(runs.map((r) => r.winnerTest)),
      ];
    })
  );
  return markdownTable(
    [
      "W",
      "method",
      "utilisation",
      "time to winner",
      "time to last job",
      "configurations",
      `winner at ${SETTINGS.budgets.at(-1)} epochs`,
      "winner's validation",
      "winner's test",
    ],
    rows,
  );
}

function mispromotionTable(): string {
  return markdownTable(
    ["W", "ASHA promotions", "mispromotions", "share"],
    SETTINGS.workers.map((w) => {
      const runs = runsAt(w).map((r) => r.asha);
      const promoted = runs.reduce((n, r) => n + r.promoted, 0);
      const wrong = runs.reduce((n, r) => n + r.mispromoted, 0);
      return [`${w}`, promoted, wrong, formatPercent(wrong / promoted)];
    }),
  );
}

function medianTable(): string {
  const runs = results().median;
  const kept = runs.filter((r) => r.none.winner.id === r.median.winner.id).length;
  const row = (label: string, pick: (r: Results["median"][number]) => MedianRun) => [
    label,
    mean(runs.map((r) => pick(r).epochs)).toFixed(0),
    time(mean(runs.map((r) => pick(r).makespan))),
    mean(runs.map((r) => pick(r).stopped.length)).toFixed(1),
    meanSdPercent(runs.map((r) => pick(r).winner.score)),
    meanSdPercent(runs.map((r) => pick(r).winnerTest)),
  ];
  return markdownTable(
    ["", "epochs trained", "time", "trials stopped", "winner's validation", "winner's test"],
    [row("no stopping", (r) => r.none), row("median stopping", (r) => r.median)],
  ) +
    `\n\nThe winner without stopping is also the winner with it in ${kept} of ${runs.length} seeds.`;
}

function pbtTable(): string {
  const runs = results().pbt;
  const wins = runs.filter((r) => r.pbt.validation > r.random.validation).length;
  return markdownTable(
    ["method", "epochs", "best validation", "its test"],
    [
      [
        "random search",
        runs[0].epochs,
        meanSdPercent(runs.map((r) => r.random.validation)),
        meanSdPercent(runs.map((r) => r.random.test)),
      ],
      [
        "PBT",
        runs[0].epochs,
        meanSdPercent(runs.map((r) => r.pbt.validation)),
        meanSdPercent(runs.map((r) => r.pbt.test)),
      ],
    ],
  ) +
    `\n\nPBT's best member beats random search's on validation in ${wins} of ${runs.length} seeds.`;
}

/** A worker timeline: one series per rung, one unbroken piece per job, y = the worker. */
function timelineSeries(events: readonly RunEvent[]): Series[] {
  return SETTINGS.budgets.map((budget, rung) => {
    const x: number[] = [], y: number[] = [];
    for (const e of events.filter((e) => e.rung === rung)) {
      x.push(e.start, e.end, e.end);
      y.push(e.worker, e.worker, NaN);
    }
    return { name: `rung ${rung} (${budget} epoch${budget === 1 ? "" : "s"})`, x, y };
  });
}

function timelineFigure(): Promise<string> {
  const run = results().halving.find((r) => r.seed === 0 && r.workers === 4)!;
  // Half a worker of margin: worker 0's jobs would otherwise lie on the frame.
  const yRange = [-0.5, run.workers - 0.5] as const;
  return panelChart({
    title: "Four virtual workers: synchronous successive halving (top) and ASHA (bottom)",
    description: "Each horizontal segment is one job on one worker, coloured by the rung it " +
      "trains to; gaps are idle time. Search seed 0 on digits, simulated clock.",
    panels: [
      { series: timelineSeries(run.timeline!.synchronous), yLabel: "worker (synchronous)", yRange },
      { series: timelineSeries(run.timeline!.asha), yLabel: "worker (ASHA)", yRange },
    ],
    xLabel: "simulated time (an epoch of h hidden units costs 0.2 + h/32)",
  });
}

function utilisationFigure(): Promise<string> {
  const xs = [...SETTINGS.workers];
  const series = METHODS.map(([key, label]) => ({
    ...meanBandSeries(
      label,
      xs,
      SETTINGS.searchSeeds.map((seed) =>
        xs.map((w) =>
          results().halving.find((r) => r.seed === seed && r.workers === w)![key].utilisation
        )
      ),
    ),
    points: true,
  }));
  return lineChart({
    title: `Worker utilisation at equal epochs, digits (${SETTINGS.searchSeeds.length} seeds)`,
    description: "Mean and ±1 sd over search seeds of the share of worker time spent training.",
    series,
    xLabel: "virtual workers W",
    yLabel: "utilisation",
    yRange: [0, 1],
  });
}

function scheduleFigure(): Promise<string> {
  const runs = results().pbt.slice(0, 4);
  return lineChart({
    title: `The learning-rate schedule of PBT's best member, seeds ${
      runs.map((r) => r.seed).join(", ")
    }`,
    description: "Learning rate at each epoch along the best member's lineage (its own and its " +
      "donors' past), after exploit and explore every few epochs.",
    series: runs.map((r) => ({
      name: `seed ${r.seed}`,
      x: r.pbt.lrSchedule.map((_, e) => e),
      y: r.pbt.lrSchedule,
      stepped: true,
    })),
    xLabel: "epoch",
    yLabel: "learning rate",
    logY: true,
  });
}

/** README regions of the experiments. */
export const blocks: Record<string, () => string> = {
  "halving-table": halvingTable,
  "mispromotion-table": mispromotionTable,
  "median-table": medianTable,
  "pbt-table": pbtTable,
};

const at = (w: number) => runsAt(w);
/** Inline numbers of the experiments. */
export const values: Record<string, () => string> = {
  "experiment-seconds": () => String(results().runSeconds),
  "search-seeds": () => String(SETTINGS.searchSeeds.length),
  "pbt-seeds": () => String(SETTINGS.pbtSeeds.length),
  "sync-util-2": () => utilisation("synchronous", 2),
  "asha-util-2": () => utilisation("asha", 2),
  "sync-util-4": () => utilisation("synchronous", 4),
  "asha-util-4": () => utilisation("asha", 4),
  "sync-util-8": () => utilisation("synchronous", 8),
  "asha-util-8": () => utilisation("asha", 8),
  "sync-epochs": () => String(at(4)[0].synchronous.epochs),
  "retrain-epochs": () => String(at(4)[0].retrain.epochs),
  "resume-time-4": () => time(mean(at(4).map((r) => r.synchronous.makespan))),
  "retrain-time-4": () => time(mean(at(4).map((r) => r.retrain.makespan))),
  "pbt-falling": () =>
    String(results().pbt.filter((r) => r.pbt.lrSchedule.at(-1)! < r.pbt.lrSchedule[0]).length),
  "asha-top-4": () =>
    String(at(4).filter((r) => r.asha.winner.rung === SETTINGS.budgets.length - 1).length),
  "asha-top-8": () =>
    String(at(8).filter((r) => r.asha.winner.rung === SETTINGS.budgets.length - 1).length),
  "median-saved": () => {
    const runs = results().median;
    return formatPercent(1 - mean(runs.map((r) => r.median.epochs / r.none.epochs)));
  },
};

/** Figures of the experiments. */
export const figures: Record<string, () => Promise<string>> = {
  "timelines": timelineFigure,
  "utilisation": utilisationFigure,
  "pbt-schedule": scheduleFigure,
};
