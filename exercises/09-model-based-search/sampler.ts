/**
 * Given (not graded): the two samplers of the lesson, built on the exercises. Each proposes
 * configurations from the trials so far: random ones during the start-up trials, then the best
 * of `candidates` random candidates by expected improvement (Gaussian process) or the best of
 * `candidates` draws from the good density by l(x)/g(x) (TPE); several at once with a constant
 * liar. Everything is a pure function of the trials, the space and the random stream.
 *
 * @module
 */

import { normal, type Random } from "../../kit/lib/random.ts";
import { type Config, sampleConfig, type Space, type Trial, type Value } from "./space.ts";
import { encodeConfig, fromUnit, standardise, toUnit } from "./encode.ts";
import type { Kernel } from "./kernels.ts";
import { logMarginalLikelihood } from "./gp.ts";
import { bandwidth, PRIOR, splitTrials } from "./tpe.ts";
import { gpChoose, tpeChoose } from "./propose.ts";

/** The model-based methods. */
export type ModelMethod = "gp" | "tpe";

/** Settings of a sampler. */
export interface SamplerOptions {
  /** Random configurations before the model takes over. */
  startup: number;
  /** Candidates scored per proposal (GP: random ones; TPE: draws from l(x)). */
  candidates: number;
  /** GP: the kernel's type; its lengthscale and the noise are picked by marginal likelihood. */
  kernel: Kernel["type"];
  /** GP: the lengthscales tried (on the unit cube). */
  lengthscales: readonly number[];
  /** GP: the noise variances tried (on standardised scores). */
  noiseVariances: readonly number[];
  /** GP: expected improvement's margin ξ, in standard deviations of the scores. */
  xi: number;
  /** TPE: the good fraction γ (⌈γ·n⌉ good trials, at most 25). */
  gamma: number;
  /** TPE: the weight of the prior in each Parzen estimator. */
  priorWeight: number;
}

/**
 * The kit's defaults. TPE follows Optuna's TPESampler (3.x and 4.x alike): 10 start-up trials, 24 candidates,
 * γ = 0.1 capped at 25, prior weight 1; the GP uses a Matérn 5/2 kernel, ξ = 0.01 and 256 random
 * candidates.
 */
export const DEFAULTS: Readonly<SamplerOptions> = Object.freeze({
  startup: 10,
  candidates: 256,
  kernel: "matern52",
  lengthscales: [0.05, 0.1, 0.2, 0.4, 0.8],
  noiseVariances: [1e-4, 1e-2, 1e-1],
  xi: 0.01,
  gamma: 0.1,
  priorWeight: 1,
});

/** The candidates of each method when none is given. */
export const DEFAULT_CANDIDATES: Readonly<Record<ModelMethod, number>> = { gp: 256, tpe: 24 };

/**
 * The defaults of `method` with `overrides` applied.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { samplerOptions } from "./sampler.ts";
 * assert.equal(samplerOptions("tpe").candidates, 24);
 * assert.equal(samplerOptions("gp", { startup: 5 }).startup, 5);
 * ```
 */
export function samplerOptions(
  method: ModelMethod,
  overrides: Partial<SamplerOptions> = {},
): SamplerOptions {
  const options = { ...DEFAULTS, candidates: DEFAULT_CANDIDATES[method], ...overrides };
  if (!(Number.isInteger(options.startup) && options.startup >= 1)) {
    throw new RangeError(`startup must be an integer >= 1, got ${options.startup}`);
  }
  if (!(Number.isInteger(options.candidates) && options.candidates >= 1)) {
    throw new RangeError(`candidates must be an integer >= 1, got ${options.candidates}`);
  }
  return options;
}

/**
 * The kernel and noise (among the options' grids) of largest log marginal likelihood for the
 * trials: the kit's stand-in for the gradient-based fit real libraries do.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitGp, samplerOptions } from "./sampler.ts";
 * const space = { x: { type: "uniform", low: 0, high: 1 } } as const;
 * const trials = [0, 0.3, 0.6, 1].map((x) => ({ config: { x }, score: Math.sin(6 * x) }));
 * const step = fitGp(trials, space, samplerOptions("gp"));
 * assert.ok(step.kernel.lengthscale >= 0.05);
 * ```
 */
export function fitGp(
  trials: readonly Trial[],
  space: Space,
  options: SamplerOptions,
): { kernel: Kernel; noiseVariance: number; xi: number } {
  const points = trials.map((t) => encodeConfig(t.config, space));
  const values = standardise(trials.map((t) => t.score));
  let best = { kernel: { type: options.kernel, lengthscale: 1, variance: 1 }, noise: 1e-2 };
  let bestLikelihood = -Infinity;
  for (const lengthscale of options.lengthscales) {
    for (const noise of options.noiseVariances) {
      const kernel: Kernel = { type: options.kernel, lengthscale, variance: 1 };
      const likelihood = logMarginalLikelihood({ points, values, kernel, noiseVariance: noise });
      if (likelihood > bestLikelihood) {
        bestLikelihood = likelihood;
        best = { kernel, noise };
      }
    }
  }
  return { kernel: best.kernel, noiseVariance: best.noise, xi: options.xi };
}

/** One value drawn from the good group's Parzen estimator (numeric) or smoothed counts (choice). */
function drawGoodValue(
  name: string,
  space: Space,
  good: readonly Config[],
  priorWeight: number,
  random: Random,
): Value {
  const d = space[name];
  const pick = random() * (priorWeight + good.length);
  if (d.type === "choice") {
    // The prior's weight spread over the values, then one unit per good observation.
    if (pick < priorWeight) return d.values[Math.floor((pick / priorWeight) * d.values.length)];
    return good[Math.min(good.length - 1, Math.floor(pick - priorWeight))][name];
  }
  const component = pick < priorWeight ? PRIOR : {
    mean: toUnit(
      good[Math.min(good.length - 1, Math.floor(pick - priorWeight))][name] as number,
      d,
    ),
    sd: bandwidth(good.length),
  };
  // The component truncated to [0, 1], by rejection (a few tries; the prior keeps ~38 % inside).
  let u = component.mean + component.sd * normal(random);
  for (let tries = 0; tries < 100 && !(u >= 0 && u <= 1); tries++) {
    u = component.mean + component.sd * normal(random);
  }
  return fromUnit(u, d);
}

/**
 * The next configuration by `method` given the trials so far: a random one (one draw of
 * `sampleConfig`) while there are fewer than `startup` trials, else the chosen one of
 * `candidates` candidates: random configurations scored by expected improvement under a fitted
 * GP (`gp`), or draws from l(x) scored by l(x)/g(x) (`tpe`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { proposeNext, samplerOptions } from "./sampler.ts";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * const space = { x: { type: "uniform", low: 0, high: 1 } } as const;
 * const trials = [0.1, 0.3, 0.5, 0.7, 0.9].map((x) => ({ config: { x }, score: -Math.abs(x - 0.3) }));
 * const options = samplerOptions("tpe", { startup: 3 });
 * const next = proposeNext("tpe", trials, space, seededRandom(1), options);
 * assert.ok(Math.abs((next.x as number) - 0.3) < 0.3);
 * ```
 */
export function proposeNext(
  method: ModelMethod,
  trials: readonly Trial[],
  space: Space,
  random: Random,
  options: SamplerOptions,
): Config {
  if (trials.length < options.startup) return sampleConfig(space, random);
  if (method === "gp") {
    const candidates = Array.from(
      { length: options.candidates },
      () => sampleConfig(space, random),
    );
    return candidates[gpChoose(trials, space, candidates, fitGp(trials, space, options))];
  }
  const { good } = splitTrials(trials, options.gamma);
  const goodConfigs = good.map((i) => trials[i].config);
  const candidates = Array.from({ length: options.candidates }, () => {
    const config: Config = {};
    for (const name of Object.keys(space)) {
      config[name] = drawGoodValue(name, space, goodConfigs, options.priorWeight, random);
    }
    return config;
  });
  return candidates[tpeChoose(trials, space, candidates, options.gamma, options.priorWeight)];
}

/**
 * `batch` configurations to run at once: the first by {@link proposeNext}, each next one as if
 * the earlier ones of the batch had finished with the **constant liar** score, the worst finite
 * score so far (0 when there is none), so that the model looks elsewhere. With `batch` = 1 it is
 * `[proposeNext(…)]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { proposeBatch, samplerOptions } from "./sampler.ts";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * const space = { x: { type: "uniform", low: 0, high: 1 } } as const;
 * const batch = proposeBatch("gp", [], space, seededRandom(2), 3, samplerOptions("gp"));
 * assert.equal(batch.length, 3);
 * ```
 */
export function proposeBatch(
  method: ModelMethod,
  trials: readonly Trial[],
  space: Space,
  random: Random,
  batch: number,
  options: SamplerOptions,
): Config[] {
  if (!(Number.isInteger(batch) && batch >= 1)) {
    throw new RangeError(`batch must be an integer >= 1, got ${batch}`);
  }
  const finite = trials.map((t) => t.score).filter(Number.isFinite);
  const lie = finite.length > 0 ? Math.min(...finite) : 0;
  const seen = [...trials];
  const proposals: Config[] = [];
  for (let b = 0; b < batch; b++) {
    const config = proposeNext(method, seen, space, random, options);
    proposals.push(config);
    seen.push({ config, score: lie });
  }
  return proposals;
}
