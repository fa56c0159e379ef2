/**
 * Lesson 09's experiment tables, values and figures, built from
 * `kit/results/09-model-based-search.json` (written by `deno task experiment lesson-09`, never
 * by hand). Generation fails when the file was made with other settings than `./experiment.ts`
 * has now: run the experiment again. Every sentence that compares the methods is generated
 * here from the numbers, so that it says what the table shows, a null result included.
 *
 * @module
 */

import { panelChart, type Series } from "../../lib/plot.ts";
import { formatNumber, formatPercent, markdownTable } from "../format.ts";
import {
  mean,
  meanSdPercent,
  resultsFile,
  type ResultsHeader,
  sampleSd,
} from "../experiment_results.ts";
import { type MethodName, type SearchRecord, SETTINGS } from "./experiment.ts";
import {
  expectedMaxPerformance,
  incumbentCurve,
} from "../../../solutions/07-grid-and-random-search/budget.ts";
import { parzenLogDensity, splitTrials } from "../../../solutions/09-model-based-search/tpe.ts";
import { fromUnit, toUnit } from "../../../solutions/09-model-based-search/encode.ts";
import { DEFAULTS } from "../../../solutions/09-model-based-search/sampler.ts";

interface Results extends ResultsHeader<typeof SETTINGS> {
  space: Record<string, { type: string; low: number; high: number }>;
  full: SearchRecord[];
  noisy: SearchRecord[];
  sampler: { ms: { gp: number[]; tpe: number[] }; loadAverage: number[][] };
}

/** The results file, checked against the experiment's current settings. */
const results = resultsFile<Results>("09-model-based-search", SETTINGS);

/** The label of each method in tables and legends. */
const LABELS: Record<MethodName, string> = {
  random: "random",
  "quasi-random": "quasi-random",
  bo: "GP-EI",
  tpe: "TPE",
};

type Budget = "full" | "noisy";
const pct = (share: number) => (100 * share).toFixed(1);

/** The records of `method` at `budget`, in seed order. */
function recordsOf(budget: Budget, method: MethodName): SearchRecord[] {
  return results()[budget].filter((r) => r.method === method).sort((a, b) => a.seed - b.seed);
}

/** Per seed, `method`'s best validation minus random search's: mean, standard error, wins. */
function pairedGain(budget: Budget, method: MethodName) {
  const base = recordsOf(budget, "random");
  const diffs = recordsOf(budget, method).map((r, i) =>
    r.winner.validation - base[i].winner.validation
  );
  return {
    mean: mean(diffs),
    se: sampleSd(diffs) / Math.sqrt(diffs.length),
    wins: diffs.filter((d) => d > 0).length,
    ties: diffs.filter((d) => d === 0).length,
    losses: diffs.filter((d) => d < 0).length,
  };
}

/** A difference of shares in percentage points, signed, with its standard error. */
const points = (g: { mean: number; se: number }) =>
  `${g.mean >= 0 ? "+" : "−"}${(100 * Math.abs(g.mean)).toFixed(2)} ± ${(100 * g.se).toFixed(2)}`;

function comparisonTable(budget: Budget): string {
  return markdownTable(
    [
      "method",
      "best validation",
      "its test",
      "vs random (points, ± se)",
      "wins / ties / losses",
      "search time",
      "of which not training",
    ],
    SETTINGS.methods.map((method) => {
      const runs = recordsOf(budget, method);
      const gain = pairedGain(budget, method);
      return [
        LABELS[method],
        meanSdPercent(runs.map((r) => r.winner.validation)),
        meanSdPercent(runs.map((r) => r.winner.test)),
        method === "random" ? "—" : points(gain),
        method === "random" ? "—" : `${gain.wins} / ${gain.ties} / ${gain.losses}`,
        `${mean(runs.map((r) => r.seconds)).toFixed(1)} s`,
        `${mean(runs.map((r) => r.seconds - r.trainSeconds)).toFixed(1)} s`,
      ];
    }),
  );
}

/**
 * A generated sentence on a comparison: which model-based method did best against random search,
 * and whether its gain is more than twice its standard error (else: no difference shown).
 */
function verdict(budget: Budget): string {
  const model = (["bo", "tpe"] as const).map((m) => ({ m, g: pairedGain(budget, m) }));
  const parts = model.map(({ m, g }) => {
    const clear = Math.abs(g.mean) > 2 * g.se;
    const how = !clear
      ? "no difference from random search that the seeds can tell apart"
      : g.mean > 0
      ? "a gain over random search larger than twice its standard error"
      : "a loss against random search larger than twice its standard error";
    return `${LABELS[m]} shows ${how} (${points(g)} points, better on ${g.wins} of ` +
      `${SETTINGS.searchSeeds.length} seeds)`;
  });
  return `${parts.join("; ")}.`;
}

/** Within this much of the best pooled random-search score, a trial counts as near the best. */
const NEAR = 0.02;

/**
 * How selective the objective is at `budget`: the share of random search's trials (pooled over
 * seeds) within {@link NEAR} of the best of them, and the range of their learning rates.
 */
function selectivity(budget: Budget) {
  const trials = recordsOf(budget, "random").flatMap((r) =>
    r.scores.map((score, i) => ({ score, lr: r.configs![i].lr as number }))
  ).filter((t) => Number.isFinite(t.score));
  const best = Math.max(...trials.map((t) => t.score));
  const near = trials.filter((t) => t.score >= best - NEAR);
  const lrs = near.map((t) => t.lr);
  return {
    share: formatPercent(near.length / trials.length),
    range: `${formatNumber(Math.min(...lrs), { digits: 2 })} to ${
      formatNumber(Math.max(...lrs), { digits: 2 })
    }`,
  };
}

/**
 * A generated paragraph on what the fewer epochs did to the model-based methods' gain over
 * random search: larger for both, smaller for both, or mixed, with the numbers.
 */
function noiseShift(): string {
  const shift = (["bo", "tpe"] as const).map((m) => ({
    m,
    full: pairedGain("full", m).mean,
    noisy: pairedGain("noisy", m).mean,
  }));
  const numbers = shift.map(({ m, full, noisy }) =>
    `${LABELS[m]} ${points({ mean: full, se: 0 }).split(" ±")[0]} → ` +
    `${points({ mean: noisy, se: 0 }).split(" ±")[0]} points`
  ).join(", ");
  const grew = shift.filter((s) => s.noisy > s.full).length;
  const epochs = `${SETTINGS.epochs.noisy} epochs`;
  if (grew === shift.length) {
    const [full, noisy] = [selectivity("full"), selectivity("noisy")];
    return `With ${epochs} the model-based methods' gain over random search did not shrink: it ` +
      `grew (${numbers}). Fewer epochs did not only add noise; they also made the objective ` +
      `more selective: within ${pct(NEAR)} points of the best random-search trial lie ` +
      `${full.share} of random search's trials at ${SETTINGS.epochs.full} epochs (learning ` +
      `rates ${full.range}) but only ${noisy.share} at ${SETTINGS.epochs.noisy} (${noisy.range}). ` +
      `Random search's ${SETTINGS.trials} trials rarely land in so narrow a region, and a ` +
      "sampler that learns where it is has more to gain; the noise was not enough to hide it. " +
      "The expected shrinking is a hypothesis this experiment does not support.";
  }
  if (grew === 0) {
    return `With ${epochs} the model-based methods' gain over random search shrank ` +
      `(${numbers}): the trials so far are a noisier guide, and the models follow it.`;
  }
  return `With ${epochs} the gains over random search moved in different directions ` +
    `(${numbers}): no common effect of the noise can be read from this.`;
}

/** Mean incumbent curve (best validation after k trials) of `method` at `budget`. */
function meanIncumbent(budget: Budget, method: MethodName): number[] {
  const curves = recordsOf(budget, method).map((r) => incumbentCurve(r.scores));
  return curves[0].map((_, k) => mean(curves.map((c) => c[k])));
}

/** The first trial count the budget figure shows. */
const FIRST_SHOWN = 5;

function budgetFigure(): Promise<string> {
  // From the fifth trial on: before that every curve is still climbing out of random draws.
  const ks = Array.from({ length: SETTINGS.trials - FIRST_SHOWN + 1 }, (_, i) => i + FIRST_SHOWN);
  const panel = (budget: Budget, epochs: number) => {
    const series: Series[] = SETTINGS.methods.map((method) => ({
      name: LABELS[method],
      x: ks,
      y: meanIncumbent(budget, method).slice(FIRST_SHOWN - 1),
    }));
    // Lesson 07's estimate from the pooled random-search scores, for comparison.
    const pooled = recordsOf(budget, "random").flatMap((r) => r.scores).filter(Number.isFinite);
    series.push({
      name: "random, lesson 07's estimate",
      x: ks,
      y: ks.map((k) => expectedMaxPerformance(pooled, k)),
      dashed: true,
      color: "#555555",
    });
    return { series, yLabel: `${epochs} epochs: best validation`, yZero: false };
  };
  return panelChart({
    title:
      `Expected best validation accuracy against trials, digits (${SETTINGS.searchSeeds.length} seeds)`,
    description: `From k = ${FIRST_SHOWN}: the mean over search seeds of the best validation ` +
      "accuracy after k trials, per " +
      "method, at the full budget (top) and with the noisy objective (bottom); dashed: lesson " +
      "07's expected maximum of k draws from the pooled random-search scores.",
    panels: [panel("full", SETTINGS.epochs.full), panel("noisy", SETTINGS.epochs.noisy)],
    xLabel: "trials k",
    panelHeight: 200,
  });
}

/** The trials TPE's density figure is drawn from: seed 0's first 20 at the full budget. */
export const DENSITY_TRIALS = 20;

/** TPE's l and g on the learning rate after {@link DENSITY_TRIALS} trials, on a grid. */
function densities() {
  const run = recordsOf("full", "tpe")[0];
  const trials = run.configs!.slice(0, DENSITY_TRIALS).map((config, i) => ({
    config,
    score: run.scores[i],
  }));
  const lr = results().space.lr as { type: "logUniform"; low: number; high: number };
  const { good, bad } = splitTrials(trials, DEFAULTS.gamma);
  const centres = (ids: number[]) => ids.map((i) => toUnit(trials[i].config.lr as number, lr));
  const us = Array.from({ length: 201 }, (_, i) => i / 200);
  const xs = us.map((u) => fromUnit(u, lr));
  const l = us.map((u) => Math.exp(parzenLogDensity(u, centres(good), DEFAULTS.priorWeight)));
  const g = us.map((u) => Math.exp(parzenLogDensity(u, centres(bad), DEFAULTS.priorWeight)));
  return { trials, good, bad, xs, l, g };
}

function densityFigure(): Promise<string> {
  const { trials, good, bad, xs, l, g } = densities();
  const dots = (name: string, ids: number[], color: string): Series => ({
    name,
    x: ids.map((i) => trials[i].config.lr as number),
    y: ids.map(() => 0),
    points: true,
    line: false,
    color,
  });
  return panelChart({
    title: `TPE's two densities on the learning rate after ${DENSITY_TRIALS} trials`,
    description:
      `Search seed 0 on digits: the ${good.length} best trials (γ = ${DEFAULTS.gamma}) ` +
      "give l(x), the rest g(x), each a Parzen estimator on the log scale with a prior; below, " +
      "the ratio l(x)/g(x) that ranks the candidates.",
    panels: [
      {
        series: [
          { name: "l(x): good trials", x: xs, y: l, color: "#009E73" },
          { name: "g(x): the rest", x: xs, y: g, color: "#0072B2" },
          dots("a good trial", good, "#009E73"),
          dots("another trial", bad, "#0072B2"),
        ],
        yLabel: "density on the log scale",
      },
      { series: [{ name: "l(x)/g(x)", x: xs, y: l.map((v, i) => v / g[i]) }], yLabel: "l/g" },
    ],
    xLabel: "learning rate",
    logX: true,
    panelHeight: 180,
  });
}

function samplerTable(): string {
  const { ms } = results().sampler;
  return markdownTable(
    ["trials so far", "GP-EI, ms per proposal", "TPE, ms per proposal"],
    SETTINGS.samplerTrials.map((n, i) => [
      n,
      formatNumber(ms.gp[i], { digits: 3 }),
      formatNumber(ms.tpe[i], { digits: 3 }),
    ]),
  );
}

/** README regions of the experiments. */
export const blocks: Record<string, () => string> = {
  "comparison-table": () => comparisonTable("full"),
  "noisy-table": () => comparisonTable("noisy"),
  "comparison-verdict": () => verdict("full"),
  "noisy-verdict": () => verdict("noisy"),
  "noise-shift": noiseShift,
  "sampler-table": samplerTable,
};

const ratio = (a: number, b: number) => formatNumber(a / b, { digits: 2 });
/** Inline numbers of the experiments. */
export const values: Record<string, () => string> = {
  "experiment-seconds": () => String(results().runSeconds),
  "experiment-cpus": () => String(results().cpus),
  "search-seeds": () => String(SETTINGS.searchSeeds.length),
  "trials": () => String(SETTINGS.trials),
  "full-epochs": () => String(SETTINGS.epochs.full),
  "noisy-epochs": () => String(SETTINGS.epochs.noisy),
  "density-trials": () => String(DENSITY_TRIALS),
  "density-good": () => String(Math.max(1, Math.ceil(DEFAULTS.gamma * DENSITY_TRIALS))),
  "density-argmax": () => {
    const { xs, l, g } = densities();
    let best = 0;
    l.forEach((v, i) => (v / g[i] > l[best] / g[best] ? best = i : 0));
    return formatNumber(xs[best], { digits: 2 });
  },
  "sampler-load": () => {
    const load = results().sampler.loadAverage[0];
    return load.length > 0 ? load.map((v) => v.toFixed(2)).join(", ") : "(not recorded)";
  },
  "gp-200-share": () => {
    const perTrial = mean(results().full.map((r) => r.trainSeconds / r.scores.length));
    return formatPercent(results().sampler.ms.gp.at(-1)! / 1000 / perTrial);
  },
  "gp-growth": () => {
    const { gp } = results().sampler.ms;
    return ratio(gp.at(-1)!, gp[0]);
  },
  "tpe-growth": () => {
    const { tpe } = results().sampler.ms;
    return ratio(tpe.at(-1)!, tpe[0]);
  },
  "gp-200-ms": () => formatNumber(results().sampler.ms.gp.at(-1)!, { digits: 3 }),
  "tpe-200-ms": () => formatNumber(results().sampler.ms.tpe.at(-1)!, { digits: 3 }),
  "trial-seconds": () => {
    const runs = results().full;
    const perTrial = mean(runs.map((r) => r.trainSeconds / r.scores.length));
    return formatNumber(perTrial, { digits: 2 });
  },
};

/** Figures of the experiments. */
export const figures: Record<string, () => Promise<string>> = {
  "expected-best": budgetFigure,
  "tpe-densities": densityFigure,
};
