/**
 * Lesson 09's graded-test cases, computed by the reference in `solutions/09-model-based-search/`.
 * Every random case is drawn from a string seed (`mbs/…`), so the teacher's held-out draw
 * changes them all.
 *
 * @module
 */

import { integer, normal, type Random, seededRandom, uniform } from "../../lib/random.ts";
import type { Config, Space, Trial } from "../../../solutions/09-model-based-search/space.ts";
import { sampleConfig } from "../../../solutions/09-model-based-search/space.ts";
import {
  encodeConfig,
  fromUnit,
  type NumericDistribution,
  standardise,
  toUnit,
} from "../../../solutions/09-model-based-search/encode.ts";
import {
  type Kernel,
  kernelMatrix,
  kernelValue,
} from "../../../solutions/09-model-based-search/kernels.ts";
import {
  cholesky,
  solveLower,
  solveLowerTransposed,
} from "../../../solutions/09-model-based-search/cholesky.ts";
import { gpPosterior } from "../../../solutions/09-model-based-search/gp.ts";
import { erf, normalCdf, normalPdf } from "../../../solutions/09-model-based-search/normal.ts";
import {
  expectedImprovement,
  probabilityOfImprovement,
  upperConfidenceBound,
} from "../../../solutions/09-model-based-search/acquisition.ts";
import {
  categoricalLogProbability,
  groupLogDensity,
  parzenLogDensity,
  splitTrials,
  tpeScore,
} from "../../../solutions/09-model-based-search/tpe.ts";
import { gpChoose, tpeChoose } from "../../../solutions/09-model-based-search/propose.ts";

/** A score in a case file: `null` stands for NaN (a diverged run), which JSON cannot hold. */
export type CaseScore = number | null;

/** A trial in a case file. */
export interface CaseTrial {
  config: Config;
  score: CaseScore;
}

const toTrials = (list: readonly CaseTrial[]): Trial[] =>
  list.map((t) => ({ config: t.config, score: t.score ?? NaN }));

/** The mixed space of the proposal and TPE cases: two log scales, a linear one, a choice. */
export const CASE_SPACE: Space = {
  lr: { type: "logUniform", low: 1e-4, high: 1 },
  hidden: { type: "logInteger", low: 8, high: 128 },
  momentum: { type: "uniform", low: 0, high: 0.99 },
  optimizer: { type: "choice", values: ["sgd", "adam", "rmsprop"] },
};

/** A numeric distribution with random bounds. */
function randomNumeric(random: Random): NumericDistribution {
  const kind = integer(random, 0, 3);
  if (kind === 0) {
    const low = Math.round(uniform(random, -5, 5) * 100) / 100;
    return { type: "uniform", low, high: low + Math.round(uniform(random, 0.1, 10) * 100) / 100 };
  }
  if (kind === 1) {
    const low = 10 ** integer(random, -6, -1);
    return { type: "logUniform", low, high: low * 10 ** integer(random, 1, 5) };
  }
  const low = integer(random, 1, 16);
  return { type: kind === 2 ? "integer" : "logInteger", low, high: low + integer(random, 1, 500) };
}

function encodeCases() {
  const random = seededRandom("mbs/encode");
  const toUnitCases = Array.from({ length: 24 }, () => {
    const distribution = randomNumeric(random);
    const v = fromUnit(uniform(random, -0.2, 1.2), distribution) * (random() < 0.2 ? 1.5 : 1);
    return { distribution, value: v, expected: toUnit(v, distribution) };
  });
  const fromUnitCases = Array.from({ length: 24 }, () => {
    const distribution = randomNumeric(random);
    const u = uniform(random, -0.1, 1.1);
    return { distribution, u, expected: fromUnit(u, distribution) };
  });
  const configs = Array.from({ length: 8 }, () => {
    const config = sampleConfig(CASE_SPACE, random);
    return { config, expected: encodeConfig(config, CASE_SPACE) };
  });
  const standardiseCases = Array.from({ length: 8 }, (_, k) => {
    const n = integer(random, 1, 12);
    const scores: CaseScore[] = Array.from(
      { length: n },
      () => random() < 0.15 ? null : Math.round(uniform(random, 0.2, 1) * 1000) / 1000,
    );
    if (k === 0) scores.fill(0.5);
    return { scores, expected: standardise(scores.map((s) => s ?? NaN)) };
  });
  return {
    toUnit: toUnitCases,
    fromUnit: fromUnitCases,
    space: CASE_SPACE,
    configs,
    standardise: standardiseCases,
  };
}

function randomKernel(random: Random, type: Kernel["type"]): Kernel {
  return {
    type,
    lengthscale: Math.round(uniform(random, 0.05, 2) * 1000) / 1000,
    variance: Math.round(uniform(random, 0.1, 3) * 1000) / 1000,
  };
}

function randomPoints(random: Random, n: number, d: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => random()));
}

function kernelCases() {
  const random = seededRandom("mbs/kernels");
  const pairs = (type: Kernel["type"]) =>
    Array.from({ length: 16 }, () => {
      const kernel = randomKernel(random, type);
      const d = integer(random, 1, 4);
      const [a, b] = randomPoints(random, 2, d);
      return { kernel, a, b, expected: kernelValue(kernel, a, b) };
    });
  const squaredExponential = pairs("squaredExponential");
  const matern52 = pairs("matern52");
  const matrices = Array.from({ length: 6 }, (_, k) => {
    const kernel = randomKernel(random, k % 2 === 0 ? "matern52" : "squaredExponential");
    const d = integer(random, 1, 3);
    const rows = randomPoints(random, integer(random, 2, 5), d);
    const columns = k < 3 ? rows : randomPoints(random, integer(random, 1, 4), d);
    return { kernel, rows, columns, expected: kernelMatrix(kernel, rows, columns) };
  });
  return { squaredExponential, matern52, matrices };
}

/** B·Bᵀ + δI for a random B: symmetric positive definite. */
function randomSpd(random: Random, n: number): number[][] {
  const b = Array.from({ length: n }, () => Array.from({ length: n }, () => normal(random)));
  return b.map((row, i) =>
    b.map((other, j) => row.reduce((s, v, k) => s + v * other[k], 0) + (i === j ? 0.5 : 0))
  );
}

function choleskyCases() {
  const random = seededRandom("mbs/cholesky");
  const factors = Array.from({ length: 10 }, (_, k) => {
    const a = randomSpd(random, k < 2 ? k + 1 : integer(random, 2, 6));
    return { a, expected: cholesky(a) };
  });
  const indefinite = Array.from({ length: 4 }, () => {
    const n = integer(random, 2, 5);
    const a = randomSpd(random, n);
    const i = integer(random, 0, n - 1);
    a[i][i] = -a[i][i]; // a negative diagonal entry: xᵀAx < 0 for x = e_i
    return a;
  });
  const solves = Array.from({ length: 8 }, () => {
    const n = integer(random, 1, 6);
    const l = cholesky(randomSpd(random, n));
    const b = Array.from({ length: n }, () => normal(random));
    return { l, b, lower: solveLower(l, b), transposed: solveLowerTransposed(l, b) };
  });
  return { factors, indefinite, solves };
}

function gpCase(random: Random, noisy: boolean) {
  const d = integer(random, 1, 3);
  const n = integer(random, 2, 6);
  // Noise-free cases keep the points apart (a well-conditioned matrix, so that every correct
  // order of operations agrees far inside the tolerance).
  const points: number[][] = [];
  while (points.length < n) {
    const p = randomPoints(random, 1, d)[0];
    const far = points.every((q) => Math.hypot(...p.map((v, i) => v - q[i])) > 0.12);
    if (noisy || far) points.push(p);
  }
  const values = points.map(() => Math.round(normal(random) * 1000) / 1000);
  const kernel = {
    ...randomKernel(random, random() < 0.5 ? "matern52" : "squaredExponential"),
    lengthscale: Math.round(uniform(random, 0.1, 0.5) * 1000) / 1000,
  };
  const noiseVariance = noisy ? Math.round(uniform(random, 0.05, 0.5) * 1000) / 1000 : 0;
  const at = randomPoints(random, 4, d).concat([points[0]]);
  const data = { points, values, kernel, noiseVariance };
  return { data, at, expected: gpPosterior(data, at) };
}

function gpCases() {
  const random = seededRandom("mbs/gp");
  const kernel: Kernel = { type: "matern52", lengthscale: 0.3, variance: 1.7 };
  const prior = {
    data: { points: [], values: [], kernel, noiseVariance: 0.1 },
    at: [[0.2], [0.9]],
  };
  return {
    noiseFree: Array.from({ length: 6 }, () => gpCase(random, false)),
    noisy: Array.from({ length: 6 }, () => gpCase(random, true)),
    prior: { ...prior, expected: gpPosterior(prior.data, prior.at) },
  };
}

function normalCases() {
  const random = seededRandom("mbs/normal");
  const fixed = [0, 0.5, 1, 2, 2.9, 3, 3.5, 5, -1, -3.2, 6, 27];
  const xs = fixed.concat(Array.from({ length: 30 }, () => uniform(random, -6, 6)));
  const zs = Array.from({ length: 30 }, () => uniform(random, -9, 9)).concat([0, -1.96, 8.5]);
  return {
    erf: xs.map((x) => ({ x, expected: erf(x) })),
    cdf: zs.map((z) => ({ z, expected: normalCdf(z) })),
    pdf: zs.slice(0, 10).map((z) => ({ z, expected: normalPdf(z) })),
  };
}

function acquisitionCases() {
  const random = seededRandom("mbs/acquisition");
  const draw = (sdZero: boolean) => {
    const best = Math.round(uniform(random, -1, 1) * 1000) / 1000;
    const mean = best + Math.round(uniform(random, -1.5, 1.5) * 1000) / 1000;
    const sd = sdZero ? 0 : Math.round(uniform(random, 0.01, 1.5) * 1000) / 1000;
    const xi = random() < 0.5 ? 0 : Math.round(uniform(random, 0, 0.3) * 1000) / 1000;
    const kappa = Math.round(uniform(random, 0, 3) * 100) / 100;
    return {
      mean,
      sd,
      best,
      xi,
      kappa,
      ei: expectedImprovement(mean, sd, best, xi),
      pi: probabilityOfImprovement(mean, sd, best, xi),
      ucb: upperConfidenceBound(mean, sd, kappa),
    };
  };
  return {
    random: Array.from({ length: 20 }, () => draw(false)),
    sdZero: Array.from({ length: 8 }, () => draw(true)),
  };
}

function randomTrials(random: Random, n: number, space: Space): CaseTrial[] {
  return Array.from({ length: n }, () => ({
    config: sampleConfig(space, random),
    score: random() < 0.08 ? null : Math.round(uniform(random, 0.1, 0.95) * 100) / 100,
  }));
}

function tpeCases() {
  const random = seededRandom("mbs/tpe");
  const splits = Array.from({ length: 10 }, () => {
    const trials = randomTrials(random, integer(random, 1, 40), {
      x: { type: "uniform", low: 0, high: 1 },
    });
    const gamma = [0.1, 0.25, 0.5, 1][integer(random, 0, 3)];
    const cap = random() < 0.3 ? integer(random, 1, 5) : 25;
    return { trials, gamma, cap, expected: splitTrials(toTrials(trials), gamma, cap) };
  });
  const parzen = Array.from({ length: 14 }, (_, k) => {
    const centres = Array.from({ length: k === 0 ? 0 : integer(random, 1, 12) }, () => random());
    const priorWeight = k === 0 ? 1 : [0, 0.5, 1, 2][integer(random, 0, 3)];
    const u = k % 5 === 4 ? centres[0] ?? 0.5 : random();
    return { u, centres, priorWeight, expected: parzenLogDensity(u, centres, priorWeight) };
  });
  const values = ["sgd", "adam", "rmsprop", "adagrad"];
  const categorical = Array.from({ length: 10 }, () => {
    const k = integer(random, 2, 4);
    const choices = values.slice(0, k);
    const observed = Array.from(
      { length: integer(random, 0, 8) },
      () => choices[integer(random, 0, k - 1)],
    );
    const priorWeight = observed.length === 0 ? 1 : [0, 1, 2][integer(random, 0, 2)];
    // Without a prior an unseen value has probability 0 (log −∞, which JSON cannot hold).
    const value = priorWeight === 0
      ? observed[integer(random, 0, observed.length - 1)]
      : choices[integer(random, 0, k - 1)];
    return {
      value,
      observed,
      values: choices,
      priorWeight,
      expected: categoricalLogProbability(value, observed, choices, priorWeight),
    };
  });
  const groups = Array.from({ length: 8 }, () => {
    const group = Array.from(
      { length: integer(random, 1, 8) },
      () => sampleConfig(CASE_SPACE, random),
    );
    const config = sampleConfig(CASE_SPACE, random);
    return { config, group, expected: groupLogDensity(config, group, CASE_SPACE) };
  });
  const scores = Array.from({ length: 8 }, () => {
    const trials = randomTrials(random, integer(random, 4, 30), CASE_SPACE);
    const config = sampleConfig(CASE_SPACE, random);
    const gamma = [0.1, 0.25, 0.5][integer(random, 0, 2)];
    return {
      trials,
      config,
      gamma,
      expected: tpeScore(config, toTrials(trials), CASE_SPACE, gamma),
    };
  });
  return { space: CASE_SPACE, splits, parzen, categorical, groups, scores };
}

/** The gap between the best and the second-best of `values`, relative to the best's size. */
function margin(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => b - a);
  return sorted.length < 2
    ? Infinity
    : (sorted[0] - sorted[1]) / Math.max(1e-12, Math.abs(sorted[0]));
}

function proposeCases() {
  const random = seededRandom("mbs/propose");
  const gp = [];
  while (gp.length < 6) {
    const trials = randomTrials(random, integer(random, 3, 20), CASE_SPACE);
    const candidates = Array.from(
      { length: integer(random, 4, 12) },
      () => sampleConfig(CASE_SPACE, random),
    );
    const step = {
      kernel: randomKernel(random, random() < 0.5 ? "matern52" : "squaredExponential"),
      noiseVariance: [1e-4, 1e-2, 0.1][integer(random, 0, 2)],
      xi: random() < 0.5 ? 0 : 0.01,
    };
    step.kernel.variance = 1;
    // Keep only draws where the winner wins clearly, so that a correct program in another order of
    // operations picks the same index.
    const t = toTrials(trials);
    const values = standardise(t.map((x) => x.score));
    const post = gpPosterior({
      points: t.map((x) => encodeConfig(x.config, CASE_SPACE)),
      values,
      kernel: step.kernel,
      noiseVariance: step.noiseVariance,
    }, candidates.map((c) => encodeConfig(c, CASE_SPACE)));
    const ei = post.mean.map((m, i) =>
      expectedImprovement(m, Math.sqrt(post.variance[i]), Math.max(...values), step.xi)
    );
    if (margin(ei) < 1e-3) continue;
    gp.push({ trials, candidates, step, expected: gpChoose(t, CASE_SPACE, candidates, step) });
  }
  const tpe = [];
  while (tpe.length < 6) {
    const trials = randomTrials(random, integer(random, 4, 30), CASE_SPACE);
    const candidates = Array.from(
      { length: integer(random, 4, 24) },
      () => sampleConfig(CASE_SPACE, random),
    );
    const gamma = [0.1, 0.25, 0.5][integer(random, 0, 2)];
    const t = toTrials(trials);
    const scores = candidates.map((c) => tpeScore(c, t, CASE_SPACE, gamma));
    if (margin(scores.map(Math.exp)) < 1e-3) continue;
    tpe.push({ trials, candidates, gamma, expected: tpeChoose(t, CASE_SPACE, candidates, gamma) });
  }
  return { space: CASE_SPACE, gp, tpe };
}

/**
 * Every graded case of the lesson, for `kit/cases/09-model-based-search.json`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cases } from "./cases.ts";
 * const all = cases();
 * assert.deepEqual(Object.keys(all), [
 *   "encode",
 *   "kernels",
 *   "cholesky",
 *   "gp",
 *   "normal",
 *   "acquisition",
 *   "tpe",
 *   "propose",
 * ]);
 * assert.deepEqual(JSON.stringify(cases()), JSON.stringify(all)); // seeded: the same on every sync
 * ```
 */
export function cases() {
  return {
    encode: encodeCases(),
    kernels: kernelCases(),
    cholesky: choleskyCases(),
    gp: gpCases(),
    normal: normalCases(),
    acquisition: acquisitionCases(),
    tpe: tpeCases(),
    propose: proposeCases(),
  };
}
