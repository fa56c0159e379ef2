/**
 * Lesson 07's quasi-random search, `--method quasi-random`: the first `--trials` points of the
 * scrambled Halton sequence (`quasiRandomConfigurations`, the learner's in the student edition),
 * mapped through each hyperparameter's distribution. Like random search, trial i depends only on
 * the seed and i, so it proposes everything at once and can run as shards.
 *
 * @module
 */

import { allAtOnce, SearchArgumentError, type SearchMethod } from "./method.ts";
import type { Config, Distribution } from "./runner.ts";
import { asDistributions, plansOf, RANDOM_SPACE } from "./grid_random.ts";

/** The lesson-07 piece quasi-random search calls. */
interface QuasiRandomCode {
  quasiRandomConfigurations(
    space: Record<string, Distribution>,
    n: number,
    seed: number,
  ): Config[];
}

/** Quasi-random search (lesson 07): a scrambled Halton sequence through the distributions. */
export const QUASI_RANDOM: SearchMethod = {
  summary: "the scrambled Halton sequence through the space's distributions (lesson 07)",
  trialsHelp: "how many configurations (required)",
  pieces: [{
    file: "07-grid-and-random-search/quasi_random.ts",
    names: ["quasiRandomConfigurations"],
  }],
  labels: [],
  options: {},
  shardable: true,
  defaultSpace: RANDOM_SPACE,
  start: ({ code, space, trials, seed, epochs }) => {
    if (trials === undefined) throw new SearchArgumentError("quasi-random search needs --trials N");
    const configs = (code as unknown as QuasiRandomCode).quasiRandomConfigurations(
      asDistributions(space),
      trials,
      seed,
    );
    return allAtOnce(plansOf(configs, seed, epochs));
  },
};
