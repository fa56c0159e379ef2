/**
 * Lesson 07's methods, grid and random search: every configuration is known before the first
 * trial runs, trial i's depends only on the seed and i, so both propose everything at once and
 * both can run as shards.
 *
 * @module
 */

import { allAtOnce, SearchArgumentError, type SearchMethod } from "./method.ts";
import type { TrialPlan } from "./pool.ts";
import type { Config, Distribution, SearchCode, SpaceSpec, Value } from "./runner.ts";
import { trialSeed } from "./trial.ts";

/** The default space of random search and the multi-fidelity methods built on it. */
export const RANDOM_SPACE: SpaceSpec = {
  lr: { type: "logUniform", low: 1e-3, high: 1 },
  l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
  hidden: { type: "logInteger", low: 8, high: 128 },
};

/**
 * The space as distributions: a list of values is a `choice`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { asDistributions } from "./grid_random.ts";
 * assert.deepEqual(asDistributions({ act: ["relu"] }), { act: { type: "choice", values: ["relu"] } });
 * ```
 */
export function asDistributions(space: SpaceSpec): Record<string, Distribution> {
  const distributions: Record<string, Distribution> = {};
  for (const [name, spec] of Object.entries(space)) {
    distributions[name] = Array.isArray(spec)
      ? { type: "choice", values: spec }
      : spec as Distribution;
  }
  return distributions;
}

/**
 * The points of the grid that `space` spans, or its first `trials`. Throws a
 * {@link SearchArgumentError} naming the hyperparameter that is a distribution, or when
 * `trials` is more than the grid has.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gridConfigurations } from "./grid_random.ts";
 * import { gridPoints } from "../../solutions/07-grid-and-random-search/grid.ts";
 * const code = { gridPoints } as never;
 * assert.equal(gridConfigurations(code, { lr: [1, 2], l2: [0, 1] }, 3).length, 3);
 * ```
 */
export function gridConfigurations(
  code: SearchCode,
  space: SpaceSpec,
  trials: number | undefined,
): Config[] {
  const grid: Record<string, readonly Value[]> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (!Array.isArray(spec)) {
      const type = (spec as Distribution).type;
      throw new SearchArgumentError(
        `grid search needs a list of values for "${name}", not a ${type} distribution ` +
          `(write e.g. "${name}": [0.001, 0.01, 0.1])`,
      );
    }
    grid[name] = spec;
  }
  const points = code.gridPoints(grid);
  if (trials !== undefined && trials > points.length) {
    throw new SearchArgumentError(
      `--trials ${trials} is more than the grid's ${points.length} points`,
    );
  }
  return points.slice(0, trials ?? points.length);
}

/**
 * `trials` configurations of a random search over `space` with `seed`. Throws a
 * {@link SearchArgumentError} when `trials` is missing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomSearchConfigurations } from "./grid_random.ts";
 * import { randomConfigurations } from "../../solutions/07-grid-and-random-search/random_search.ts";
 * const code = { randomConfigurations } as never;
 * assert.equal(randomSearchConfigurations(code, { lr: [0.1, 0.2] }, 4, 0).length, 4);
 * ```
 */
export function randomSearchConfigurations(
  code: SearchCode,
  space: SpaceSpec,
  trials: number | undefined,
  seed: number,
): Config[] {
  if (trials === undefined) throw new SearchArgumentError("random search needs --trials N");
  return code.randomConfigurations(asDistributions(space), trials, seed);
}

/**
 * Configuration i gets id i and the training seed `trialSeed(seed, i)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { plansOf } from "./grid_random.ts";
 * assert.deepEqual(plansOf([{ lr: 0.1 }], 7, 5).map((p) => [p.id, p.epochs]), [[0, 5]]);
 * ```
 */
export function plansOf(configs: readonly Config[], seed: number, epochs: number): TrialPlan[] {
  return configs.map((config, id) => ({ id, config, seed: trialSeed(seed, id), epochs }));
}

/** Grid search (lesson 07): every point of the grid, in `gridPoints` order. */
export const GRID: SearchMethod = {
  summary: "every point of a grid of values (lesson 07)",
  trialsHelp: "the first N points (default: the whole grid)",
  pieces: [],
  labels: [],
  options: {},
  shardable: true,
  defaultSpace: { lr: [0.003, 0.03, 0.3], l2: [1e-5, 1e-3, 1e-1] },
  start: ({ code, space, trials, seed, epochs }) =>
    allAtOnce(plansOf(gridConfigurations(code, space, trials), seed, epochs)),
};

/** Random search (lesson 07): `--trials` configurations drawn with the seed. */
export const RANDOM: SearchMethod = {
  summary: "configurations drawn at random from the space (lesson 07)",
  trialsHelp: "how many configurations (required)",
  pieces: [],
  labels: [],
  options: {},
  shardable: true,
  defaultSpace: RANDOM_SPACE,
  start: ({ code, space, trials, seed, epochs }) =>
    allAtOnce(plansOf(randomSearchConfigurations(code, space, trials, seed), seed, epochs)),
};

/**
 * The trial plans of a grid or random search: configuration i of the method gets id i and the
 * training seed `trialSeed(seed, i)`, so neither depends on which worker runs it, or when.
 * Throws for any other method (the adaptive ones plan as they go: run them with `runSearch`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planTrials } from "./grid_random.ts";
 * import { gridPoints } from "../../solutions/07-grid-and-random-search/grid.ts";
 * const plans = planTrials({ gridPoints } as never, "grid", { lr: [0.1, 0.2] }, undefined, 7, 5);
 * assert.deepEqual(plans.map((p) => p.id), [0, 1]);
 * ```
 */
export function planTrials(
  code: SearchCode,
  method: string,
  space: SpaceSpec,
  trials: number | undefined,
  seed: number,
  epochs: number,
): TrialPlan[] {
  const configs = method === "grid"
    ? gridConfigurations(code, space, trials)
    : method === "random"
    ? randomSearchConfigurations(code, space, trials, seed)
    : undefined;
  if (!configs) {
    throw new SearchArgumentError(
      `unknown method "${method}" for planTrials: it plans grid and random searches only ` +
        "(the adaptive methods plan as they go: run them with runSearch)",
    );
  }
  return plansOf(configs, seed, epochs);
}
