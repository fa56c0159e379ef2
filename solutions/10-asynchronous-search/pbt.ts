/**
 * Exercise 4: one exploit/explore step of population-based training (PBT).
 *
 * @module
 */

import type { Random } from "../../kit/lib/random.ts";

/** One member of the population at a synchronisation point. */
export interface Member {
  /** The member's id (its place in the population never changes). */
  id: number;
  /** Its latest validation score, higher is better. */
  score: number;
  /** Its current hyperparameters, e.g. `{ lr: 0.05, momentum: 0.9 }`. */
  hyperparameters: Readonly<Record<string, number>>;
  /** Where its weights (and optimizer state) are saved, e.g. `"member-3/epoch-8"`. */
  checkpoint: string;
}

/** The range a hyperparameter may take, and how it is resampled. */
export interface Bound {
  low: number;
  high: number;
  /** `"log"`: resampled log-uniformly (a learning rate); `"linear"`: uniformly. */
  scale: "linear" | "log";
}

/** The settings of the exploit/explore step. */
export interface PbtOptions {
  /** The share of the population replaced, and the share that donates: the top and bottom q. */
  fraction: number;
  /** The two factors a perturbation multiplies by, e.g. `[0.8, 1.2]`. */
  factors: readonly [number, number];
  /** The chance that a hyperparameter is resampled from its range instead of perturbed. */
  resampleProbability: number;
  /** Every hyperparameter that explores, in the order its random numbers are drawn. */
  space: Readonly<Record<string, Bound>>;
}

/** What one member does next. */
export interface PbtDecision {
  /** The member. */
  id: number;
  /** Whether it was replaced by a copy of a better member. */
  exploited: boolean;
  /** The member whose weights it continues from (its own id when not exploited). */
  source: number;
  /** The checkpoint it continues from: the donor's when exploited. */
  checkpoint: string;
  /** Its hyperparameters from now on. */
  hyperparameters: Record<string, number>;
}

/**
 * PBT's exploit and explore (Jaderberg et al., "Population Based Training of Neural Networks",
 * 2017), with truncation selection:
 *
 * 1. Rank the population best first (higher score, then lower id); q = ⌊n · fraction⌋.
 * 2. Each of the bottom q members EXPLOITS: it takes a donor drawn uniformly from the top q and
 *    copies the donor's WEIGHTS (continues from the donor's checkpoint) and hyperparameters.
 *    Weights and hyperparameters go together: the donor's learning rate suits the donor's
 *    weights, and a member that keeps its own poor weights has gained nothing.
 * 3. It then EXPLORES: each hyperparameter of `space`, in the space's order, is resampled from
 *    its range with probability `resampleProbability`, otherwise multiplied by one of the two
 *    `factors` (each with chance 1/2) and clipped to the range.
 *
 * The random numbers, for determinism: the bottom members are handled in the population's
 * order; for each, one draw u picks the donor, `top[⌊u · q⌋]` (top listed best first); then, per
 * hyperparameter, a draw v (resample when v < resampleProbability) and a second draw w: the new
 * value low + w·(high − low) (scale "linear") or exp(ln low + w·(ln high − ln low)) ("log")
 * when resampling, else the donor's value times `factors[0]` when w < 0.5, `factors[1]`
 * otherwise. The other members draw nothing and keep their checkpoint and hyperparameters (a
 * hyperparameter outside `space` is copied from the donor unchanged).
 *
 * Returns one decision per member, in the population's order. Throws a `RangeError` when
 * `fraction` is not in (0, 0.5], `resampleProbability` not in [0, 1], a factor is not a positive
 * finite number, a bound has `low >= high` (or `low <= 0` on a log scale), an id appears twice,
 * a score is not finite or a member lacks a hyperparameter of `space`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../kit/lib/random.ts";
 * import { pbtExploitExplore } from "./pbt.ts";
 * const population = [0.9, 0.5, 0.7, 0.2].map((score, id) => ({
 *   id, score, hyperparameters: { lr: 0.1 * (id + 1) }, checkpoint: `member-${id}`,
 * }));
 * const options = {
 *   fraction: 0.25, factors: [0.8, 1.2] as const, resampleProbability: 0,
 *   space: { lr: { low: 1e-4, high: 1, scale: "log" as const } },
 * };
 * const decisions = pbtExploitExplore(population, options, seededRandom(1));
 * // q = 1: member 3 (the worst) continues from member 0's weights, its lr perturbed.
 * assert.equal(decisions[3].checkpoint, "member-0");
 * assert.ok([0.08, 0.12].some((lr) => Math.abs(decisions[3].hyperparameters.lr - lr) < 1e-12));
 * // Member 1 is neither top nor bottom: it goes on as it was.
 * assert.deepEqual(decisions[1], {
 *   id: 1, exploited: false, source: 1, checkpoint: "member-1", hyperparameters: { lr: 0.2 },
 * });
 * ```
 */
export function pbtExploitExplore(
  population: readonly Member[],
  options: PbtOptions,
  random: Random,
): PbtDecision[] {
  // BEGIN SOLUTION "TODO: pbtExploitExplore (lesson 10, 'Population-based training')"
  checkPbtInput(population, options);
  const ranked = [...population].sort((a, b) => b.score - a.score || a.id - b.id);
  const q = Math.floor(population.length * options.fraction);
  const top = ranked.slice(0, q);
  const bottom = new Set(ranked.slice(ranked.length - q).map((m) => m.id));
  return population.map((member) => {
    if (!bottom.has(member.id)) {
      const { id, checkpoint, hyperparameters } = member;
      return {
        id,
        exploited: false,
        source: id,
        checkpoint,
        hyperparameters: { ...hyperparameters },
      };
    }
    const donor = top[Math.floor(random() * q)];
    const hyperparameters = { ...donor.hyperparameters };
    for (const [name, bound] of Object.entries(options.space)) {
      const resample = random() < options.resampleProbability;
      const w = random();
      hyperparameters[name] = resample
        ? resampleValue(bound, w)
        : clip(donor.hyperparameters[name] * options.factors[w < 0.5 ? 0 : 1], bound);
    }
    return {
      id: member.id,
      exploited: true,
      source: donor.id,
      checkpoint: donor.checkpoint,
      hyperparameters,
    };
  });
  // END SOLUTION
}

// BEGIN SOLUTION
function resampleValue({ low, high, scale }: Bound, w: number): number {
  return scale === "log"
    ? Math.exp(Math.log(low) + w * (Math.log(high) - Math.log(low)))
    : low + w * (high - low);
}

function clip(value: number, { low, high }: Bound): number {
  return Math.min(high, Math.max(low, value));
}

/** Refuses settings and populations the step cannot work with, naming what is wrong. */
function checkPbtInput(population: readonly Member[], options: PbtOptions): void {
  const { fraction, factors, resampleProbability, space } = options;
  if (!(fraction > 0 && fraction <= 0.5)) {
    throw new RangeError(`fraction must be in (0, 0.5], got ${fraction}`);
  }
  if (!(resampleProbability >= 0 && resampleProbability <= 1)) {
    throw new RangeError(`resampleProbability must be in [0, 1], got ${resampleProbability}`);
  }
  if (!factors.every((f) => Number.isFinite(f) && f > 0)) {
    throw new RangeError(`factors must be positive finite numbers, got ${factors.join(", ")}`);
  }
  for (const [name, { low, high, scale }] of Object.entries(space)) {
    if (!(low < high) || (scale === "log" && !(low > 0))) {
      throw new RangeError(`space.${name}: bad range [${low}, ${high}] on a ${scale} scale`);
    }
  }
  const ids = new Set<number>();
  for (const member of population) {
    if (ids.has(member.id)) throw new RangeError(`id ${member.id} appears twice`);
    ids.add(member.id);
    if (!Number.isFinite(member.score)) {
      throw new RangeError(`member ${member.id}: score ${member.score} is not finite`);
    }
    for (const name of Object.keys(space)) {
      if (!Number.isFinite(member.hyperparameters[name])) {
        throw new RangeError(`member ${member.id}: hyperparameter ${name} is missing`);
      }
    }
  }
}
// END SOLUTION
