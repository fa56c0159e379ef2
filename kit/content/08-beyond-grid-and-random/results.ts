/**
 * Lesson 08's experiment tables and figures, built from `kit/results/08-beyond-grid-and-random.json`
 * (written by `deno task experiment lesson-08`, never by hand). Generation fails when the file
 * was made with other settings than `./experiment.ts` has now: run the experiment again.
 *
 * @module
 */

import { heatMap, lineChart, meanBandSeries, scatterChart } from "../../lib/plot.ts";
import { formatNumber, formatPercent, markdownTable } from "../format.ts";
import { mean, meanSdPercent, resultsFile, type ResultsHeader } from "../experiment_results.ts";
import { type MethodRun, SETTINGS } from "./experiment.ts";

interface Results extends ResultsHeader<typeof SETTINGS> {
  equalEpochs: {
    budget: number;
    perSeed: { seed: number; random: MethodRun; halving: MethodRun; hyperband: MethodRun }[];
  };
  rankCorrelation: {
    rows: {
      lr: number;
      l2: number;
      hidden: number;
      constant: number[];
      cosineLong: number[];
      cosineShort: number[];
    }[];
    constant: number[];
    cosineLongPrefix: number[];
    cosineShortRun: number[];
  };
  heatMap: { cells: number[][][] };
  sensitivity: Record<string, { hyperparameter: string; range: number }[]>;
}

/** The results file, checked against the experiment's current settings. */
const results = resultsFile<Results>("08-beyond-grid-and-random", SETTINGS);

const METHODS = [
  ["random", "random search"],
  ["halving", "successive halving"],
  ["hyperband", "Hyperband"],
] as const;

const rho = (x: number) => x.toFixed(2);

function equalTable(): string {
  const { perSeed, budget } = results().equalEpochs;
  const rows = METHODS.map(([key, label]) => {
    const runs = perSeed.map((s) => s[key]);
    return [
      label,
      runs[0].configurations,
      runs[0].spent,
      meanSdPercent(runs.map((r) => r.pickValidation)),
      meanSdPercent(runs.map((r) => r.pickTest)),
      `${formatPercent(Math.min(...runs.map((r) => r.pickTest)))}–${
        formatPercent(Math.max(...runs.map((r) => r.pickTest)))
      }`,
    ];
  });
  return markdownTable(
    [
      `method (budget ${budget} epochs)`,
      "configurations tried",
      "epochs spent",
      "pick's validation: mean ± sd",
      "pick's test: mean ± sd",
      "test range",
    ],
    rows,
  );
}

/** The best validation so far of each seed at every x of a common grid of cumulative epochs. */
function curvesAt(runs: MethodRun[], xs: number[]): number[][] {
  return runs.map((run) =>
    xs.map((x) => {
      let best = NaN;
      run.epochs.forEach((e, i) => {
        if (e <= x) best = run.best[i];
      });
      return best;
    })
  );
}

function equalFigure(): Promise<string> {
  const { perSeed, budget } = results().equalEpochs;
  const step = 3;
  // From the first x at which every seed of every method has a full-length result.
  const start = Math.max(...perSeed.flatMap((s) => METHODS.map(([key]) => s[key].epochs[0])));
  const xs: number[] = [];
  for (let x = Math.ceil(start / step) * step; x <= budget; x += step) xs.push(x);
  const series = METHODS.map(([key, label]) => ({
    ...meanBandSeries(label, xs, curvesAt(perSeed.map((s) => s[key]), xs)),
    stepped: true,
  }));
  return lineChart({
    title: `Best validation accuracy against epochs spent, digits (${perSeed.length} search seeds)`,
    description: "Mean and ±1 sd over search seeds of the best full-budget validation accuracy " +
      "found so far, for random search, successive halving and Hyperband.",
    series,
    xLabel: "cumulative training epochs (promoted configurations resume)",
    yLabel: "best validation accuracy so far",
    yZero: false,
  });
}

function rankTable(): string {
  const r = results().rankCorrelation;
  const R = SETTINGS.maxEpochs;
  return markdownTable(
    [
      "short budget r",
      `constant lr: ρ(val at r, val at ${R})`,
      `cosine, T_max = ${R}: first r epochs`,
      "cosine, separate run with T_max = r",
    ],
    SETTINGS.rankBudgets.map((budget, k) => [
      `${budget} epoch${budget > 1 ? "s" : ""}`,
      rho(r.constant[k]),
      rho(r.cosineLongPrefix[k]),
      rho(r.cosineShortRun[k]),
    ]),
  );
}

/** How many of the 9 best at the full budget a first cut to 1/eta^k of the configurations loses. */
function lostByCut(power: number): number {
  const { rows } = results().rankCorrelation;
  const last = SETTINGS.rankBudgets.length;
  const keep = Math.floor(rows.length / SETTINGS.eta ** power);
  const order = (k: number) =>
    rows.map((_, i) => i).sort((a, b) => rows[b].constant[k] - rows[a].constant[k] || a - b);
  const kept = new Set(order(0).slice(0, keep));
  return order(last).slice(0, 9).filter((i) => !kept.has(i)).length;
}

function slowStarters(): string {
  const { rows } = results().rankCorrelation;
  const last = SETTINGS.rankBudgets.length;
  const keep = Math.floor(rows.length / SETTINGS.eta);
  const keepNinth = Math.floor(rows.length / SETTINGS.eta ** 2);
  const rankBy = (value: (row: (typeof rows)[number]) => number) => {
    const order = rows.map((_, i) => i).sort((a, b) => value(rows[b]) - value(rows[a]) || a - b);
    const rank = new Array<number>(rows.length);
    order.forEach((i, k) => rank[i] = k + 1);
    return rank;
  };
  const finalRank = rankBy((row) => row.constant[last]);
  const firstRank = rankBy((row) => row.constant[0]);
  const top = rows.map((_, i) => i).filter((i) => finalRank[i] <= 9).sort((a, b) =>
    finalRank[a] - finalRank[b]
  );
  return markdownTable(
    [
      `rank at ${SETTINGS.maxEpochs} epochs`,
      "lr",
      "hidden",
      "val at 1 epoch",
      "rank at 1 epoch",
      `kept by a cut to the best ${keep} (η = ${SETTINGS.eta})?`,
      `to the best ${keepNinth} (η = ${SETTINGS.eta ** 2})?`,
    ],
    top.map((i) => [
      finalRank[i],
      formatNumber(rows[i].lr, { digits: 2 }),
      rows[i].hidden,
      formatPercent(rows[i].constant[0]),
      firstRank[i],
      firstRank[i] <= keep ? "yes" : "**no**",
      firstRank[i] <= keepNinth ? "yes" : "**no**",
    ]),
  );
}

function rankFigure(): Promise<string> {
  const { rows } = results().rankCorrelation;
  const last = SETTINGS.rankBudgets.length;
  return scatterChart({
    title:
      `Validation after r epochs against after ${SETTINGS.maxEpochs}, ${rows.length} configurations`,
    description: "Each point is a configuration of the random search on digits.",
    series: SETTINGS.rankBudgets.map((budget, k) => ({
      name: `r = ${budget}`,
      x: rows.map((row) => row.constant[k]),
      y: rows.map((row) => row.constant[last]),
      points: true,
      line: false,
    })),
    xLabel: "validation accuracy after r epochs",
    yLabel: `after ${SETTINGS.maxEpochs} epochs`,
  });
}

function heatMeans(): number[][] {
  return results().heatMap.cells.map((row) => row.map((cell) => mean(cell)));
}

function heatFigure(): Promise<string> {
  return heatMap({
    title:
      `Validation accuracy on digits, lr × batch size (${SETTINGS.heatEpochs} epochs, mean of ${SETTINGS.heatSeeds.length} seeds)`,
    columns: SETTINGS.heatLrs,
    rows: SETTINGS.heatBatches,
    values: heatMeans(),
    xLabel: "learning rate (SGD, momentum 0.9)",
    yLabel: "batch size",
    colorLabel: "validation accuracy",
    showValues: true,
    formatValue: (v) => (100 * v).toFixed(1),
  });
}

/** The best learning rate of the grid for each batch size. */
function bestLrs(): number[] {
  return heatMeans().map((row) => SETTINGS.heatLrs[row.indexOf(Math.max(...row))]);
}

function bestLrTable(): string {
  const means = heatMeans();
  const cells = results().heatMap.cells;
  const reference = SETTINGS.heatBatches.indexOf(32);
  const bestIndex = means.map((row) => row.indexOf(Math.max(...row)));
  const lrAt32 = SETTINGS.heatLrs[bestIndex[reference]];
  return markdownTable(
    [
      "batch size",
      "best lr on the grid",
      "its accuracy: mean ± sd",
      "linear scaling from batch 32",
    ],
    SETTINGS.heatBatches.map((batch, b) => [
      batch,
      SETTINGS.heatLrs[bestIndex[b]],
      meanSdPercent(cells[b][bestIndex[b]]),
      formatNumber(lrAt32 * batch / 32, { digits: 2 }),
    ]),
  );
}

/** One-at-a-time: sweep lr at the starting batch size, then the batch size at that lr. */
function oneAtATime(startBatch: number = SETTINGS.heatStart.batchSize) {
  const means = heatMeans();
  const { heatLrs: lrs, heatBatches: batches } = SETTINGS;
  const b0 = (batches as readonly number[]).indexOf(startBatch);
  const lrIndex = means[b0].indexOf(Math.max(...means[b0]));
  const column = means.map((row) => row[lrIndex]);
  const batchIndex = column.indexOf(Math.max(...column));
  let best = { b: 0, l: 0 };
  means.forEach((row, b) =>
    row.forEach((v, l) => {
      if (v > means[best.b][best.l]) best = { b, l };
    })
  );
  return {
    oat: { lr: lrs[lrIndex], batch: batches[batchIndex], value: means[batchIndex][lrIndex] },
    grid: { lr: lrs[best.l], batch: batches[best.b], value: means[best.b][best.l] },
    runs: lrs.length + batches.length - 1,
    cells: lrs.length * batches.length,
  };
}

function sensitivityTable(): string {
  const s = results().sensitivity;
  const datasets = Object.keys(s);
  const names = s[datasets[0]].map((e) => e.hyperparameter);
  return markdownTable(
    ["hyperparameter", ...datasets.map((d) => `${d}: range (rank)`)],
    names.map((name) => [
      `\`${name}\``,
      ...datasets.map((d) => {
        const k = s[d].findIndex((e) => e.hyperparameter === name);
        return `${(100 * s[d][k].range).toFixed(1)} points (${k + 1})`;
      }),
    ]),
  );
}

const methodMean = (
  key: "random" | "halving" | "hyperband",
  field: "pickTest" | "pickValidation",
) => formatPercent(mean(results().equalEpochs.perSeed.map((s) => s[key][field])));

const LARGEST_BATCH = () => SETTINGS.heatBatches[SETTINGS.heatBatches.length - 1];

/** README regions. */
export const blocks: Record<string, () => string> = {
  "equal-epochs-table": equalTable,
  "rank-table": rankTable,
  "slow-starters-table": slowStarters,
  "best-lr-table": bestLrTable,
  "sensitivity-table": sensitivityTable,
};

/** Inline values. */
export const values: Record<string, () => string> = {
  "experiment-seconds": () => String(results().runSeconds),
  "experiment-engine": () => results().engine,
  "experiment-cpus": () => String(results().cpus),
  "equal-seeds": () => String(results().equalEpochs.perSeed.length),
  "equal-budget": () => String(results().equalEpochs.budget),
  "random-test": () => methodMean("random", "pickTest"),
  "halving-test": () => methodMean("halving", "pickTest"),
  "hyperband-test": () => methodMean("hyperband", "pickTest"),
  "random-val": () => methodMean("random", "pickValidation"),
  "halving-val": () => methodMean("halving", "pickValidation"),
  "hyperband-val": () => methodMean("hyperband", "pickValidation"),
  "rho-1": () => rho(results().rankCorrelation.constant[0]),
  "rho-9": () => rho(results().rankCorrelation.constant[2]),
  "oat-lr": () => String(oneAtATime().oat.lr),
  "oat-batch": () => String(oneAtATime().oat.batch),
  "oat-value": () => formatPercent(oneAtATime().oat.value),
  "oat-runs": () => String(oneAtATime().runs),
  "oat-large-start": () => String(LARGEST_BATCH()),
  "oat-large-lr": () => String(oneAtATime(LARGEST_BATCH()).oat.lr),
  "oat-large-batch": () => String(oneAtATime(LARGEST_BATCH()).oat.batch),
  "oat-large-value": () => formatPercent(oneAtATime(LARGEST_BATCH()).oat.value),
  "lost-eta-3": () => String(lostByCut(1)),
  "lost-eta-9": () => String(lostByCut(2)),
  "halving-ratio": () => {
    const s = results().equalEpochs.perSeed[0];
    return formatNumber(s.halving.configurations / s.random.configurations, { digits: 2 });
  },
  "grid-lr": () => String(oneAtATime().grid.lr),
  "grid-batch": () => String(oneAtATime().grid.batch),
  "grid-value": () => formatPercent(oneAtATime().grid.value),
  "grid-cells": () => String(oneAtATime().cells),
  "heat-seeds": () => String(SETTINGS.heatSeeds.length),
  "heat-epochs": () => String(SETTINGS.heatEpochs),
  "rank-configs": () => String(SETTINGS.rankConfigs),
  "best-lr-smallest": () => String(bestLrs()[0]),
  "best-lr-largest": () => String(bestLrs()[bestLrs().length - 1]),
  "sensitivity-trials": () => String(SETTINGS.sensitivityTrials),
};

/** Figures. */
export const figures: Record<string, () => Promise<string>> = {
  "equal-epochs": equalFigure,
  "rank-scatter": rankFigure,
  "lr-batch": heatFigure,
};
