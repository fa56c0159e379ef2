/**
 * Lesson 09's worked examples, computed at `sync` time by the reference (they take
 * milliseconds): the sequential model-based loop on a one-dimensional objective (the GP's
 * posterior band and expected improvement after 3, 5 and 8 observations, the next point
 * marked), what a wrong lengthscale does to the same observations, and a table of the three
 * acquisition functions at a few posteriors.
 *
 * @module
 */

import { type Panel, panelChart, type Series } from "../../lib/plot.ts";
import { formatNumber, markdownTable } from "../format.ts";
import { mean } from "../experiment_results.ts";
import { fitGp, samplerOptions } from "../../../solutions/09-model-based-search/sampler.ts";
import { gpPosterior } from "../../../solutions/09-model-based-search/gp.ts";
import type { Kernel } from "../../../solutions/09-model-based-search/kernels.ts";
import {
  expectedImprovement,
  probabilityOfImprovement,
  upperConfidenceBound,
} from "../../../solutions/09-model-based-search/acquisition.ts";
import { normalCdf } from "../../../solutions/09-model-based-search/normal.ts";

/**
 * The one-dimensional objective of the pictures: a made-up "validation accuracy" against u, the
 * learning rate's position on [0, 1] of the log scale, with a broad good region near u = 0.68
 * and a narrower, lower one near u = 0.2 (a trap for a greedy search).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { objective1d } from "./text.ts";
 * assert.ok(objective1d(0.68) > objective1d(0.2) && objective1d(0.2) > objective1d(0.45));
 * ```
 */
export function objective1d(u: number): number {
  return 0.6 + 0.33 * Math.exp(-((u - PEAK_1D) ** 2) / 0.05) +
    0.2 * Math.exp(-((u - TRAP_1D) ** 2) / 0.004);
}

/** Where the objective's broad optimum is. */
export const PEAK_1D = 0.68;
/** Where its narrow, lower bump is. */
export const TRAP_1D = 0.2;

/** Where the loop starts: three start-up points, spread out as a random draw might be. */
export const START_1D = [0.1, 0.45, 0.9] as const;
/** After how many observations the figure shows the posterior. */
export const SHOWN_1D = [3, 5, 8] as const;
const GRID = Array.from({ length: 201 }, (_, i) => i / 200);

interface Step {
  /** The observations so far. */
  xs: number[];
  ys: number[];
  kernel: Kernel;
  noise: number;
  /** Posterior mean and sd on GRID, in the objective's units. */
  mean: number[];
  sd: number[];
  /** Expected improvement on GRID (standardised units) and its first maximiser. */
  ei: number[];
  next: number;
}

/** The GP posterior and EI on the grid for the observations `xs`, `ys`. */
function gpStep(xs: number[], ys: number[], fixed?: Kernel): Step {
  const options = samplerOptions("gp");
  const space = { u: { type: "uniform", low: 0, high: 1 } } as const;
  const trials = xs.map((u, i) => ({ config: { u }, score: ys[i] }));
  const fit = fitGp(trials, space, options);
  const kernel = fixed ?? fit.kernel;
  const mu = mean(ys);
  const sdY = Math.sqrt(ys.reduce((a, b) => a + (b - mu) ** 2, 0) / ys.length) || 1;
  const values = ys.map((y) => (y - mu) / sdY);
  const post = gpPosterior(
    { points: xs.map((u) => [u]), values, kernel, noiseVariance: fit.noiseVariance },
    GRID.map((u) => [u]),
  );
  const best = Math.max(...values);
  const ei = post.mean.map((m, i) =>
    expectedImprovement(m, Math.sqrt(post.variance[i]), best, fit.xi)
  );
  let next = 0;
  ei.forEach((v, i) => (v > ei[next] ? next = i : 0));
  return {
    xs: [...xs],
    ys: [...ys],
    kernel,
    noise: fit.noiseVariance,
    mean: post.mean.map((m) => mu + sdY * m),
    sd: post.variance.map((v) => sdY * Math.sqrt(v)),
    ei,
    next: GRID[next],
  };
}

let loopCache: Step[] | undefined;
/**
 * The loop itself: start from {@link START_1D}, then observe the maximiser of EI on a grid of 201
 * points, one at a time, until the largest of {@link SHOWN_1D} observations; one step per count.
 */
function loop1d(): Step[] {
  if (loopCache) return loopCache;
  const xs: number[] = [...START_1D];
  const ys = xs.map(objective1d);
  const steps: Step[] = [];
  while (xs.length <= SHOWN_1D.at(-1)!) {
    const step = gpStep(xs, ys);
    steps[xs.length] = step;
    xs.push(step.next);
    ys.push(objective1d(step.next));
  }
  return loopCache = steps;
}

/** The posterior panel and the EI panel of one step. */
function stepPanels(step: Step, label: string): Panel[] {
  const band: Series = {
    name: "posterior mean ± 2 sd",
    x: GRID,
    y: step.mean,
    band: {
      lower: step.mean.map((m, i) => m - 2 * step.sd[i]),
      upper: step.mean.map((m, i) => m + 2 * step.sd[i]),
    },
  };
  const truth: Series = {
    name: "objective",
    x: GRID,
    y: GRID.map(objective1d),
    dashed: true,
    color: "#555555",
  };
  const seen: Series = { name: "observed", x: step.xs, y: step.ys, points: true, line: false };
  const marked = (y: number): Series => ({
    name: "next point",
    x: [step.next],
    y: [y],
    points: true,
    color: "#D55E00",
  });
  const nextIndex = GRID.indexOf(step.next);
  return [
    {
      series: [band, truth, seen, marked(objective1d(step.next))],
      yLabel: `${label}: accuracy`,
      yZero: false,
    },
    {
      series: [{ name: `${label}: EI`, x: GRID, y: step.ei }, marked(step.ei[nextIndex])],
      yLabel: `${label}: EI`,
    },
  ];
}

function loopFigure(): Promise<string> {
  const steps = loop1d();
  return panelChart({
    title: "The loop on one hyperparameter: GP posterior and expected improvement",
    description: `After ${SHOWN_1D.join(", ")} observations of a made-up objective: the ` +
      "posterior mean with a band of two standard deviations, the true objective dashed, the " +
      "observations as dots, and below each the expected improvement, its maximiser (the next " +
      "point) marked.",
    panels: SHOWN_1D.flatMap((n) => stepPanels(steps[n], `n = ${n}`)),
    xLabel: "u: the learning rate's position on the log scale, 0 = lowest, 1 = highest",
    panelHeight: 110,
  });
}

/** The lengthscales of the wrong-lengthscale figure: too short, too long (the fitted between). */
export const WRONG_LENGTHSCALES = [0.02, 1] as const;
const WRONG_AT = 5;

function lengthscaleFigure(): Promise<string> {
  const fitted = loop1d()[WRONG_AT];
  const panels = [WRONG_LENGTHSCALES[0], fitted.kernel.lengthscale, WRONG_LENGTHSCALES[1]].map(
    (lengthscale) => {
      const step = gpStep(fitted.xs, fitted.ys, { ...fitted.kernel, lengthscale });
      const label = `ℓ = ${lengthscale}`;
      return stepPanels(step, label)[0];
    },
  );
  return panelChart({
    title: `The same ${WRONG_AT} observations, three lengthscales`,
    description: "Posterior mean ± 2 sd with a Matérn 5/2 kernel: too short a lengthscale " +
      "(top), the one marginal likelihood picks (middle), too long (bottom).",
    panels,
    xLabel: "u: the learning rate's position on the log scale",
    panelHeight: 120,
  });
}

/** The posteriors of the acquisition table: (mean, sd) against a best of 0, standardised. */
const POSTERIORS: [number, number][] = [[0.5, 0], [0.5, 0.1], [0, 1], [-1, 0.3], [-1, 2]];
const KAPPA = 2;

function acquisitionTable(): string {
  const f = (x: number) => formatNumber(x, { digits: 3 });
  return markdownTable(
    ["mean μ", "sd σ", "EI (ξ = 0)", "PI (ξ = 0)", `UCB (κ = ${KAPPA})`],
    POSTERIORS.map(([m, s]) => [
      f(m),
      f(s),
      f(expectedImprovement(m, s, 0)),
      f(probabilityOfImprovement(m, s, 0)),
      f(upperConfidenceBound(m, s, KAPPA)),
    ]),
  );
}

/** README regions of the worked examples. */
export const blocks: Record<string, () => string> = { "acquisition-table": acquisitionTable };

/**
 * Φ(z) for z ≤ −4 as ½·erfc(−z/√2), erfc from its continued fraction: independent of the
 * reference's `normalCdf`, which goes through 1 + erf(z/√2) and so loses relative accuracy there.
 */
function lowerTail(z: number): number {
  const x = -z / Math.SQRT2;
  let f = x;
  for (let k = 80; k >= 1; k--) f = x + (k / 2) / f;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f) / 2;
}

/** Inline numbers of the worked examples. */
export const values: Record<string, () => string> = {
  "loop-start": () => START_1D.join(", "),
  "loop-shown": () => SHOWN_1D.join(", "),
  "loop-next-3": () => formatNumber(loop1d()[3].next, { digits: 3 }),
  "loop-next-8": () => formatNumber(loop1d()[8].next, { digits: 3 }),
  "loop-lengthscale": () => String(loop1d()[WRONG_AT].kernel.lengthscale),
  "loop-noise": () => String(loop1d()[WRONG_AT].noise),
  "loop-order": () => loop1d()[8].xs.map((u) => formatNumber(u, { digits: 3 })).join(", "),
  "peak": () => String(PEAK_1D),
  "trap": () => String(TRAP_1D),
  "trap-visited": () => {
    const near = loop1d()[8].xs.filter((u) => Math.abs(u - TRAP_1D) < 0.05).length;
    return near === 0
      ? "was never visited: the start-up points missed it, and a model that has seen nothing " +
        "there has no reason to think it is higher than the ground around it"
      : `was visited ${near} time(s): the band there was wide enough for expected improvement`;
  },
  "wrong-short": () => String(WRONG_LENGTHSCALES[0]),
  "wrong-long": () => String(WRONG_LENGTHSCALES[1]),
  "wrong-at": () => String(WRONG_AT),
  "cdf-1": () => normalCdf(1).toFixed(7),
  "cdf-minus-2": () => normalCdf(-2).toFixed(7),
  "cdf-minus-8-error": () => `${(100 * Math.abs(normalCdf(-8) / lowerTail(-8) - 1)).toFixed(1)} %`,
  "cdf-minus-9": () => String(normalCdf(-9)),
  "cdf-minus-9-true": () => formatNumber(lowerTail(-9), { digits: 2 }),
  "kappa": () => String(KAPPA),
};

/** Figures of the worked examples. */
export const figures: Record<string, () => Promise<string>> = {
  "loop-1d": loopFigure,
  "lengthscales": lengthscaleFigure,
};
