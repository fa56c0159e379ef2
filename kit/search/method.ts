/**
 * The one shape every search method has (grid, random, halving, Hyperband today; model-based
 * and asynchronous methods next). A method is a {@link SearchMethod} registered in
 * `methods.ts`'s table; `runSearch` (`mod.ts`) checks the arguments once, starts the method, and
 * drives its {@link Proposer}: it asks for trials, runs them on the workers, logs each result,
 * and asks again.
 *
 * The contract that keeps a log the same for any number of workers: `next(results)` may be
 * called at any moment with every result logged so far, in whatever order they came; what it
 * returns must depend only on the results it **waits for**. A method that needs trial 7's
 * result before deciding returns `[]` until 7 is in `results`, then the same plans whichever
 * other results happen to be there too.
 *
 * @module
 */

import type { TrialPlan } from "./pool.ts";
import type { LogRow, SearchCode, SpaceSpec } from "./runner.ts";
import type { TrialSettings } from "./trial.ts";
import type { Clock } from "./clock.ts";

/** A course file whose exported functions a method needs (the learner's code). */
export interface CodePiece {
  /** The file under `solutions/` or `exercises/`, e.g. `"08-beyond-grid-and-random/halving_plan.ts"`. */
  file: string;
  /** The functions it exports that the method calls. */
  names: readonly string[];
}

/** The search pieces plus whatever a method's {@link CodePiece}s loaded, by name. */
export type MethodCode = SearchCode & Record<string, unknown>;

/** A numeric option of one method (e.g. halving's `eta`), parsed and checked by the command. */
export interface MethodOption {
  /** Used when the option is not given. */
  default: number;
  /** The smallest value allowed (options are whole numbers). */
  min: number;
  /** One line for `--help`. */
  help: string;
}

/** What a method is started with: everything already checked by `runSearch`. */
export interface MethodContext {
  /** The course code: lesson 06–07 pieces and the method's own {@link CodePiece}s. */
  code: MethodCode;
  /** The search space as given (lists and distributions). */
  space: SpaceSpec;
  /** `--trials`, when given. */
  trials: number | undefined;
  /** The full training budget of a trial, in epochs (the maximum for multi-fidelity methods). */
  epochs: number;
  /** The search's seed: the only source of randomness a method may use. */
  seed: number;
  /** The method's {@link MethodOption}s, defaults filled in. */
  options: Readonly<Record<string, number>>;
  /** `--clock` of an asynchronous method (default simulated); others ignore it. */
  clock: Clock;
  /**
   * Workers of the simulated clock (`--virtual-workers`, default `--workers`); on the real
   * clock, the real workers.
   */
  virtualWorkers: number;
  /** The settings a configuration leaves out (e.g. the `hidden` that prices a simulated epoch). */
  defaults: TrialSettings;
  /** Cross-validation folds of each trial (0: one validation set). */
  folds?: number;
  /** Early stopping's `--patience`, when given. */
  patience?: number;
  /**
   * The validation accuracy after each epoch of a trial whose result is in (the first fold's
   * curve; a resumed one's from the curves sidecar), `undefined` when none is known: for
   * methods that decide from curves (median stopping).
   */
  curve(id: number): readonly number[] | undefined;
  /** The trained weights of a trial whose plan asked for them (`returnWeights`), once back. */
  weights(id: number): readonly number[] | undefined;
}

/** A started search: proposes trials, sees their results, knows when it is done. */
export interface Proposer {
  /** Rows the finished log will hold, when known in advance (progress and messages). */
  total?: number;
  /** The log-only columns, when they depend on the arguments (default the method's `labels`). */
  labels?: readonly string[];
  /**
   * Why this search cannot resume from a log (e.g. it followed the real clock), when it cannot:
   * `runSearch` then refuses a log that holds trials, with this reason.
   */
  noResume?: string;
  /** How many trials can usefully run at once (the pool never starts more workers). */
  parallelism?: number;
  /**
   * The next trials to start, given every result logged so far by id; `[]` to wait for more
   * results, `"done"` when the method has proposed all it will. Ids are new, each proposed
   * once; a plan's seed must depend only on the search's seed and the configuration.
   */
  next(results: ReadonlyMap<number, LogRow>): readonly TrialPlan[] | "done";
  /** The ids the winner is chosen among (default: every row), e.g. the full-budget rung. */
  candidates?(results: ReadonlyMap<number, LogRow>): number[];
  /** A sentence on the search's cost beyond "N trials, S seconds", for the summary. */
  costNote?(): string;
  /** Training epochs of the whole search (default: the sum of the rows' epochs). */
  epochs?(): number;
}

/** A search method, as registered in the table of `methods.ts`. */
export interface SearchMethod {
  /** One line for `--help`. */
  summary: string;
  /** What `--trials` means for this method, for `--help`. */
  trialsHelp: string;
  /** Course files the method calls, beyond the lesson 06–07 pieces every search loads. */
  pieces: readonly CodePiece[];
  /** Log-only columns written after the id (e.g. `config`, `bracket`, `rung`). */
  labels: readonly string[];
  /** Numeric options of this method (flags `--NAME`). */
  options: Readonly<Record<string, MethodOption>>;
  /**
   * True when trial i's configuration depends only on the seed and i (grid, random): such a
   * search can run as `--shard I/N` pieces and be merged. Adaptive methods are false.
   */
  shardable: boolean;
  /**
   * True for an asynchronous method (lesson 10): it takes `--clock` and `--virtual-workers`,
   * which the others refuse.
   */
  clocked?: boolean;
  /** The space used without `--space`. */
  defaultSpace: SpaceSpec;
  /**
   * Checks the arguments (throwing {@link SearchArgumentError}) and starts the search. Called
   * once per run; must not train anything.
   */
  start(context: MethodContext): Proposer;
}

/**
 * A search asked for something it cannot do (a bad method, space, budget or option): the
 * command line prints it with a pointer to `--help` and exits with status 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SearchArgumentError } from "./method.ts";
 * assert.ok(new SearchArgumentError("no") instanceof Error);
 * ```
 */
export class SearchArgumentError extends Error {}

/**
 * A {@link Proposer} that proposes `plans` all at once and is then done: the shape of every
 * method whose trials do not depend on each other's results (grid, random).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allAtOnce } from "./method.ts";
 * const proposer = allAtOnce([{ id: 0, config: { lr: 0.1 }, seed: 1, epochs: 3 }]);
 * assert.equal(proposer.next(new Map()).length, 1);
 * assert.equal(proposer.next(new Map()), "done");
 * ```
 */
export function allAtOnce(plans: readonly TrialPlan[]): Proposer {
  let proposed = false;
  return {
    total: plans.length,
    parallelism: plans.length,
    next() {
      if (proposed) return "done";
      proposed = true;
      return plans;
    },
  };
}
