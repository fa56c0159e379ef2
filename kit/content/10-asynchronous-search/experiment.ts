/**
 * Lesson 10's experiments, run by `deno task experiment lesson-10` (never by `sync`). The
 * results go to `kit/results/10-asynchronous-search.json`, from which the lesson's tables and
 * figures are generated (`./results.ts`).
 *
 * 1. Synchronous successive halving vs ASHA on digits with 2, 4 and 8 virtual workers, ASHA
 *    given the epochs the synchronous run trained: utilisation, time to the winner, its
 *    validation and test accuracy, mispromotions.
 * 2. Random search with and without the median stopping rule (4 virtual workers).
 * 3. PBT vs random search at equal epochs, and the learning-rate schedule PBT's winner followed.
 *
 * Training is in-process through `kit/engine`, one `train` call per epoch with a seed per epoch,
 * so a configuration stopped after r epochs and continued is exactly the one trained without
 * stopping (resuming from a checkpoint). The clock is simulated: an epoch of a network with h
 * hidden units costs `0.2 + h / 32` time units, a nominal cost (it grows with the multiply-adds
 * of the hidden layer) that makes wide networks the stragglers, the same on every machine.
 *
 * @module
 */

import { createMlp, type Mlp, type Optimizer, sgd, train } from "../../engine/mod.ts";
import { backend } from "../../engine/mod.ts";
import { loadPrepared, measure, type PreparedData } from "../../search/trial.ts";
import { type Config } from "../../../solutions/07-grid-and-random-search/grid.ts";
import {
  randomConfigurations,
  type Space,
} from "../../../solutions/07-grid-and-random-search/random_search.ts";
import { seededRandom } from "../../lib/random.ts";
import {
  pbtExploitExplore,
  type PbtOptions,
} from "../../../solutions/10-asynchronous-search/pbt.ts";
import {
  asynchronousHalving,
  type ClockSearch,
  mispromotions,
  synchronousHalving,
  type TrialSource,
} from "./scheduler.ts";
import { medianSearch } from "./median_search.ts";

/** The settings of every experiment, recorded in the results file. */
export const SETTINGS = {
  eta: 3,
  budgets: [1, 3, 9, 27],
  halvingConfigs: 27,
  workers: [2, 4, 8],
  searchSeeds: Array.from({ length: 20 }, (_, i) => i),
  batchSize: 32,
  momentum: 0.9,
  medianTrials: 20,
  medianEpochs: 27,
  medianWorkers: 4,
  medianOptions: { graceSteps: 3, minTrials: 3 },
  pbtMembers: 8,
  pbtEpochs: 24,
  pbtInterval: 4,
  pbtSeeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  pbtHidden: 32,
} as const;

/** The space of the halving and median-stopping searches. */
export const SPACE: Space = {
  lr: { type: "logUniform", low: 1e-4, high: 1 },
  l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
  hidden: { type: "logInteger", low: 8, high: 128 },
};

/** PBT's explore space (momentum 0, so that a copied member's state is its weights alone). */
export const PBT_OPTIONS: PbtOptions = {
  fraction: 0.25,
  factors: [0.8, 1.2],
  resampleProbability: 0.25,
  space: { lr: { low: 1e-3, high: 1, scale: "log" }, l2: { low: 1e-6, high: 1e-2, scale: "log" } },
};

/**
 * The nominal simulated cost of one epoch of a network with `hidden` units.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { epochCost } from "./experiment.ts";
 * assert.equal(epochCost(32), 1.2);
 * assert.ok(epochCost(128) > epochCost(8)); // a wider network costs more per epoch
 * ```
 */
export const epochCost = (hidden: number): number => 0.2 + hidden / 32;

interface Run {
  net: Mlp;
  optimizer: Optimizer;
  /** Validation and test accuracy after each epoch so far. */
  validation: number[];
  test: number[];
}

/** Trains `run` one epoch with `lr` and `l2`, measuring after it. */
function trainEpoch(data: PreparedData, run: Run, lr: number, l2: number, seed: string): void {
  run.optimizer.lr = lr;
  train(run.net, data.train, {
    epochs: 1,
    batchSize: SETTINGS.batchSize,
    optimizer: run.optimizer,
    l2,
    seed,
  });
  run.validation.push(measure(run.net, data.validation).accuracy);
  run.test.push(measure(run.net, data.test).accuracy);
}

/**
 * Configurations of one search seed, trained lazily to the epochs anyone asks for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configPool, epochCost } from "./experiment.ts";
 * import { loadPrepared } from "../../search/trial.ts";
 * const iris = await loadPrepared("iris");
 * const pool = configPool(iris, [{ lr: 0.1, l2: 0, hidden: 8 }], 0);
 * const score = pool.source.score(0, 2);
 * assert.ok(score >= 0 && score <= 1);
 * assert.equal(pool.source.score(0, 2), score); // trained once, read again
 * assert.equal(pool.source.epochCost(0), epochCost(8));
 * ```
 */
export function configPool(data: PreparedData, configs: Config[], seed: number) {
  const runs = new Map<number, Run>();
  const runOf = (id: number, epochs: number): Run => {
    const config = configs[id];
    let run = runs.get(id);
    if (!run) {
      run = {
        net: createMlp({
          sizes: [data.inputs, config.hidden as number, data.classes],
          seed: seed * 1000 + id,
        }),
        optimizer: sgd({ lr: config.lr as number, momentum: SETTINGS.momentum }),
        validation: [],
        test: [],
      };
      runs.set(id, run);
    }
    while (run.validation.length < epochs) {
      trainEpoch(
        data,
        run,
        config.lr as number,
        config.l2 as number,
        `${seed}/${id}/${run.validation.length}`,
      );
    }
    return run;
  };
  const source: TrialSource = {
    score: (id, epochs) => runOf(id, epochs).validation[epochs - 1],
    epochCost: (id) => epochCost(configs[id].hidden as number),
  };
  return { source, test: (id: number, epochs: number) => runOf(id, epochs).test[epochs - 1] };
}

/** Experiment 1: one seed, every W, on one pool (the same configurations and curves). */
function halvingComparison(data: PreparedData, seed: number) {
  const { eta, budgets, halvingConfigs } = SETTINGS;
  const configs = randomConfigurations(SPACE, 400, `10/halving/${seed}`);
  const pool = configPool(data, configs, seed);
  const summary = (run: ClockSearch) => ({
    utilisation: run.utilisation,
    makespan: run.makespan,
    epochs: run.epochs,
    winner: run.winner,
    winnerTest: pool.test(run.winner.id, budgets[run.winner.rung]),
    configurations: run.rungs[0].length,
  });
  return SETTINGS.workers.map((workers) => {
    const settings = { eta, budgets, workers, resume: true };
    const sync = synchronousHalving(pool.source, halvingConfigs, settings);
    const retrain = synchronousHalving(pool.source, halvingConfigs, { ...settings, resume: false });
    const asha = asynchronousHalving(pool.source, sync.epochs, settings);
    return {
      seed,
      workers,
      synchronous: summary(sync),
      retrain: { epochs: retrain.epochs, makespan: retrain.makespan },
      asha: { ...summary(asha), ...mispromotions(asha.rungs, asha.promoted, eta) },
      // The timelines of the first seed, for the figure.
      timeline: seed === 0 ? { synchronous: sync.events, asha: asha.events } : null,
    };
  });
}

/** Experiment 2: random search with and without median stopping, one seed. */
function medianComparison(data: PreparedData, seed: number) {
  const { medianTrials, medianEpochs, medianWorkers, medianOptions } = SETTINGS;
  const configs = randomConfigurations(SPACE, medianTrials, `10/median/${seed}`);
  const pool = configPool(data, configs, seed);
  const run = (stopping: boolean) => {
    const result = medianSearch(pool.source, {
      trials: medianTrials,
      epochs: medianEpochs,
      workers: medianWorkers,
      stopping: stopping ? medianOptions : undefined,
    });
    return { ...result, winnerTest: pool.test(result.winner.id, medianEpochs) };
  };
  return { seed, none: run(false), median: run(true) };
}

/** Experiment 3: PBT and random search from the same 8 starting configurations, one seed. */
function pbtComparison(data: PreparedData, seed: number) {
  const { pbtMembers, pbtEpochs, pbtInterval, pbtHidden } = SETTINGS;
  const space: Space = {
    lr: { type: "logUniform", low: 1e-3, high: 1 },
    l2: { type: "logUniform", low: 1e-6, high: 1e-2 },
  };
  const starts = randomConfigurations(space, pbtMembers, `10/pbt/${seed}`);
  const fresh = (id: number): Run => ({
    net: createMlp({ sizes: [data.inputs, pbtHidden, data.classes], seed: seed * 1000 + id }),
    optimizer: sgd({ lr: 0, momentum: 0 }),
    validation: [],
    test: [],
  });
  // Random search: each starting configuration, constant, for the whole budget.
  const random = starts.map((config, id) => {
    const run = fresh(id);
    for (let e = 0; e < pbtEpochs; e++) {
      trainEpoch(data, run, config.lr as number, config.l2 as number, `${seed}/${id}/${e}`);
    }
    return { validation: run.validation.at(-1)!, test: run.test.at(-1)! };
  });
  const pbt = populationBasedTraining(data, seed, starts, fresh);
  const bestRandom = random.reduce((a, b, i) => (b.validation > random[a].validation ? i : a), 0);
  return {
    seed,
    random: { ...random[bestRandom], id: bestRandom },
    pbt,
    epochs: pbtMembers * pbtEpochs,
    interval: pbtInterval,
  };
}

/** PBT with synchronous generations: train every member `pbtInterval` epochs, then exploit/explore. */
function populationBasedTraining(
  data: PreparedData,
  seed: number,
  starts: Config[],
  fresh: (id: number) => Run,
) {
  const { pbtEpochs, pbtInterval } = SETTINGS;
  const random = seededRandom(`10/pbt-steps/${seed}`);
  const members = starts.map((config, id) => ({
    run: fresh(id),
    hyperparameters: { lr: config.lr as number, l2: config.l2 as number },
    lrHistory: [] as number[],
  }));
  for (let epoch = 0; epoch < pbtEpochs; epoch += pbtInterval) {
    members.forEach((m, id) => {
      for (let e = epoch; e < epoch + pbtInterval; e++) {
        trainEpoch(data, m.run, m.hyperparameters.lr, m.hyperparameters.l2, `${seed}/${id}/${e}`);
        m.lrHistory.push(m.hyperparameters.lr);
      }
    });
    if (epoch + pbtInterval >= pbtEpochs) break;
    const population = members.map((m, id) => ({
      id,
      score: m.run.validation.at(-1)!,
      hyperparameters: m.hyperparameters,
      checkpoint: String(id),
    }));
    const decisions = pbtExploitExplore(population, PBT_OPTIONS, random);
    const snapshot = members.map((m) => ({
      params: m.run.net.params.slice(),
      validation: [...m.run.validation],
      test: [...m.run.test],
      lrHistory: [...m.lrHistory],
    }));
    decisions.forEach((d, id) => {
      if (!d.exploited) return;
      const donor = snapshot[Number(d.checkpoint)];
      const member = members[id];
      member.run.net.params.set(donor.params);
      member.run.validation = [...donor.validation];
      member.run.test = [...donor.test];
      member.lrHistory = [...donor.lrHistory];
      member.hyperparameters = { lr: d.hyperparameters.lr, l2: d.hyperparameters.l2 };
    });
  }
  const best = members.reduce(
    (a, m, i) => m.run.validation.at(-1)! > members[a].run.validation.at(-1)! ? i : a,
    0,
  );
  return {
    id: best,
    validation: members[best].run.validation.at(-1)!,
    test: members[best].run.test.at(-1)!,
    lrSchedule: members[best].lrHistory,
  };
}

/**
 * Runs every experiment; `log` reports progress.
 *
 * The example is not run: it trains every search of lesson 10 on digits (minutes); `deno task experiment lesson-10` runs it.
 *
 * @example
 * ```ts ignore
 * import { runExperiments } from "./experiment.ts";
 * const results = await runExperiments(console.log);
 * ```
 */
export async function runExperiments(log: (line: string) => void) {
  const digits = await loadPrepared("digits");
  const started = performance.now();
  const time = () => ((performance.now() - started) / 1000).toFixed(1);
  const halving = SETTINGS.searchSeeds.flatMap((seed) => halvingComparison(digits, seed));
  log(`halving vs ASHA done (${time()} s)`);
  const median = SETTINGS.searchSeeds.map((seed) => medianComparison(digits, seed));
  log(`median stopping done (${time()} s)`);
  const pbt = SETTINGS.pbtSeeds.map((seed) => pbtComparison(digits, seed));
  log(`PBT done (${time()} s)`);
  return {
    engine: backend,
    settings: SETTINGS,
    space: SPACE,
    pbtOptions: PBT_OPTIONS,
    halving,
    median,
    pbt,
  };
}
