/**
 * Exercise 7: the Tree-structured Parzen Estimator (Bergstra et al. 2011). The trials so far are
 * split at a γ-quantile of their scores into a good and a bad group; a Parzen estimator (a
 * kernel per observation plus a prior) gives each group a density over every hyperparameter,
 * l(x) for the good, g(x) for the bad; a candidate is worth trying in proportion to l(x)/g(x).
 *
 * @module
 */

import type { Config, Space, Trial, Value } from "./space.ts";
import { toUnit } from "./encode.ts";
import { normalCdf } from "./normal.ts";

/** The two groups of a split, as indices into the trials, each in increasing order. */
export interface Split {
  good: number[];
  bad: number[];
}

/**
 * The kit's bandwidth of each observation's kernel, on the [0, 1] scale of {@link toUnit}, when a
 * group has `n` observations: 0.2 · (n + 1)^(−1/5), narrower as evidence accumulates (the
 * exponent of Scott's rule in one dimension). Given, not part of the exercise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bandwidth } from "./tpe.ts";
 * assert.equal(bandwidth(0), 0.2);
 * assert.ok(bandwidth(31) < bandwidth(1));
 * ```
 */
export function bandwidth(n: number): number {
  return 0.2 * (n + 1) ** -0.2;
}

/** The prior component of every numeric Parzen estimator: N(0.5, 1²) on [0, 1]. */
export const PRIOR = { mean: 0.5, sd: 1 } as const;

/**
 * Splits `trials` into the good (the ⌈γ·n⌉ best scores, at most `cap`, at least 1) and the rest.
 * Higher scores are better; a score that is not finite (a diverged run) is worse than any finite
 * one; equal scores are ordered by index (the earlier trial ranks first).
 *
 * Throws a `RangeError` for no trials, γ outside (0, 1], or a cap that is not an integer ≥ 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitTrials } from "./tpe.ts";
 * const trials = [0.5, 0.9, 0.7, 0.1].map((score) => ({ config: {}, score }));
 * assert.deepEqual(splitTrials(trials, 0.5), { good: [1, 2], bad: [0, 3] });
 * ```
 */
export function splitTrials(trials: readonly Trial[], gamma: number, cap = 25): Split {
  // BEGIN SOLUTION "TODO: splitTrials (lesson 09, 'TPE: two densities instead of one model')"
  if (trials.length === 0) throw new RangeError("splitTrials needs at least one trial");
  if (!(gamma > 0 && gamma <= 1)) throw new RangeError(`gamma must be in (0, 1], got ${gamma}`);
  if (!(Number.isInteger(cap) && cap >= 1)) throw new RangeError(`cap must be >= 1, got ${cap}`);
  const key = (s: number) => Number.isFinite(s) ? s : -Infinity;
  const order = trials.map((_, i) => i).sort((a, b) =>
    key(trials[b].score) - key(trials[a].score) || a - b
  );
  const nGood = Math.max(1, Math.min(cap, Math.ceil(gamma * trials.length)));
  const good = order.slice(0, nGood).sort((a, b) => a - b);
  const bad = order.slice(nGood).sort((a, b) => a - b);
  return { good, bad };
  // END SOLUTION
}

/**
 * log p(u) for the Parzen estimator on [0, 1] built from `centres` (positions on the
 * {@link toUnit} scale): an equal-weight mixture of the prior N(0.5, 1²) with weight
 * `priorWeight` and one normal kernel N(c, h²) per centre with weight 1, h = {@link bandwidth} of
 * the number of centres, each component truncated to [0, 1] (divided by its mass there):
 *
 * p(u) = [w·N₀(u) + Σ_c N_c(u)] / (w + n).
 *
 * Outside [0, 1] the density is 0 (−Infinity is returned). Throws a `RangeError` for a negative
 * prior weight, or no centres and no prior.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parzenLogDensity } from "./tpe.ts";
 * assert.ok(parzenLogDensity(0.3, [0.3]) > parzenLogDensity(0.9, [0.3]));
 * assert.equal(parzenLogDensity(1.5, [0.3]), -Infinity);
 * ```
 */
export function parzenLogDensity(u: number, centres: readonly number[], priorWeight = 1): number {
  // BEGIN SOLUTION "TODO: parzenLogDensity (lesson 09, 'The Parzen estimator')"
  if (!(priorWeight >= 0)) throw new RangeError(`priorWeight must be >= 0, got ${priorWeight}`);
  if (centres.length === 0 && priorWeight === 0) {
    throw new RangeError("a Parzen estimator needs centres or a prior");
  }
  if (!(u >= 0 && u <= 1)) return -Infinity;
  const h = bandwidth(centres.length);
  let sum = priorWeight > 0 ? priorWeight * truncatedNormal(u, PRIOR.mean, PRIOR.sd) : 0;
  for (const c of centres) sum += truncatedNormal(u, c, h);
  return Math.log(sum / (priorWeight + centres.length));
  // END SOLUTION
}

// BEGIN SOLUTION
/** The density at u of N(mean, sd²) truncated to [0, 1]. */
function truncatedNormal(u: number, mean: number, sd: number): number {
  const z = (u - mean) / sd;
  const mass = normalCdf((1 - mean) / sd) - normalCdf(-mean / sd);
  return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI) * mass);
}
// END SOLUTION

/**
 * log P(value) for a choice among `values` after the observations `observed`, smoothed by a
 * prior of weight `priorWeight` spread evenly over the K values:
 *
 * P(v) = (count of v in observed + priorWeight / K) / (n + priorWeight).
 *
 * Throws a `RangeError` when `value` (or an observation) is not among `values`, or the prior
 * weight is negative, or there is nothing to estimate from (no observations, no prior).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { categoricalLogProbability } from "./tpe.ts";
 * const p = Math.exp(categoricalLogProbability("adam", ["adam"], ["sgd", "adam"], 1));
 * assert.equal(p, 0.75);
 * ```
 */
export function categoricalLogProbability(
  value: Value,
  observed: readonly Value[],
  values: readonly Value[],
  priorWeight = 1,
): number {
  // BEGIN SOLUTION "TODO: categoricalLogProbability (lesson 09, 'Choices and conditions')"
  if (!(priorWeight >= 0)) throw new RangeError(`priorWeight must be >= 0, got ${priorWeight}`);
  if (observed.length === 0 && priorWeight === 0) {
    throw new RangeError("a categorical estimate needs observations or a prior");
  }
  for (const v of [value, ...observed]) {
    if (!values.includes(v)) throw new RangeError(`${JSON.stringify(v)} is not a choice`);
  }
  const count = observed.filter((v) => v === value).length;
  return Math.log((count + priorWeight / values.length) / (observed.length + priorWeight));
  // END SOLUTION
}

/**
 * log of a group's density at `config`: hyperparameters are independent under TPE, so the
 * sum over the space of {@link parzenLogDensity} (numeric, on the {@link toUnit} scale: log
 * scale for log-distributed ones) and {@link categoricalLogProbability} (choices), built from the
 * group's configurations.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupLogDensity } from "./tpe.ts";
 * const space = { lr: { type: "logUniform", low: 1e-4, high: 1 } } as const;
 * const group = [{ lr: 0.01 }];
 * assert.ok(groupLogDensity({ lr: 0.01 }, group, space) > groupLogDensity({ lr: 0.5 }, group, space));
 * ```
 */
export function groupLogDensity(
  config: Config,
  group: readonly Config[],
  space: Space,
  priorWeight = 1,
): number {
  // BEGIN SOLUTION "TODO: groupLogDensity (lesson 09, 'The Parzen estimator')"
  let sum = 0;
  for (const [name, d] of Object.entries(space)) {
    if (d.type === "choice") {
      sum += categoricalLogProbability(
        config[name],
        group.map((c) => c[name]),
        d.values,
        priorWeight,
      );
    } else {
      const centres = group.map((c) => toUnit(c[name] as number, d));
      sum += parzenLogDensity(toUnit(config[name] as number, d), centres, priorWeight);
    }
  }
  return sum;
  // END SOLUTION
}

/**
 * TPE's score of a candidate: log l(x) − log g(x), with l the {@link groupLogDensity} of the
 * good trials of {@link splitTrials} and g that of the bad ones. Higher is more promising.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tpeScore } from "./tpe.ts";
 * const space = { x: { type: "uniform", low: 0, high: 1 } } as const;
 * const trials = [0.1, 0.9, 0.5, 0.2].map((x) => ({ config: { x }, score: x }));
 * assert.ok(tpeScore({ x: 0.9 }, trials, space, 0.25) > tpeScore({ x: 0.1 }, trials, space, 0.25));
 * ```
 */
export function tpeScore(
  config: Config,
  trials: readonly Trial[],
  space: Space,
  gamma: number,
  priorWeight = 1,
): number {
  // BEGIN SOLUTION "TODO: tpeScore (lesson 09, 'Why l/g ranks by expected improvement')"
  const { good, bad } = splitTrials(trials, gamma);
  const l = groupLogDensity(config, good.map((i) => trials[i].config), space, priorWeight);
  const g = groupLogDensity(config, bad.map((i) => trials[i].config), space, priorWeight);
  return l - g;
  // END SOLUTION
}
