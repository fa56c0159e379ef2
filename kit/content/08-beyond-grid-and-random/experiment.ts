/**
 * Lesson 08's experiments, run by `deno task experiment lesson-08` (never by `sync`: they take
 * minutes). The results go to `kit/results/08-beyond-grid-and-random.json`, from which the
 * lesson's tables and figures are generated (`./results.ts`).
 *
 * 1. Random search, successive halving and Hyperband on digits at equal epochs, over several
 *    search seeds: best validation accuracy against cumulative epochs, and the test accuracy of
 *    each method's pick.
 * 2. Rank correlation between validation accuracy at 1, 3 and 9 epochs and at the full budget
 *    over 81 configurations; the same with a cosine schedule whose T_max is the full budget.
 * 3. Learning rate × batch size on digits over several seeds (a heat map), and a one-at-a-time
 *    sweep on the same grid.
 * 4. Marginal sensitivity of each hyperparameter from random searches on three datasets.
 *
 * Training is in-process through `kit/engine`, one epoch per `train` call with a seed per epoch,
 * so a network stopped after r epochs and trained further is exactly the network trained
 * without stopping: a promoted configuration **resumes** (its weights and optimizer state are
 * kept), and the budget counted is the resumed one.
 *
 * @module
 */

import { backend, createMlp, type Mlp, type Optimizer, sgd, train } from "../../engine/mod.ts";
import type { Examples } from "../../engine/mod.ts";
import { loadPrepared, measure, type PreparedData } from "../../search/trial.ts";
import { selectBest } from "../../../solutions/06-validation/select.ts";
import type { Config } from "../../../solutions/07-grid-and-random-search/grid.ts";
import {
  randomConfigurations,
  type Space,
} from "../../../solutions/07-grid-and-random-search/random_search.ts";
import {
  halvingPlan,
  hyperbandPlan,
} from "../../../solutions/08-beyond-grid-and-random/halving_plan.ts";
import { successiveHalving } from "../../../solutions/08-beyond-grid-and-random/successive_halving.ts";
import { spearman } from "../../../solutions/08-beyond-grid-and-random/rank_correlation.ts";
import { marginalSensitivity } from "../../../solutions/08-beyond-grid-and-random/sensitivity.ts";

/** The settings of every experiment, recorded in the results file. */
export const SETTINGS = {
  maxEpochs: 27,
  eta: 3,
  searchSeeds: Array.from({ length: 20 }, (_, i) => i),
  hidden: { type: "logInteger", low: 8, high: 128 },
  batchSize: 32,
  momentum: 0.9,
  rankConfigs: 81,
  rankSeed: 81,
  rankBudgets: [1, 3, 9],
  heatLrs: [0.003, 0.01, 0.03, 0.1, 0.3, 1],
  heatBatches: [8, 16, 32, 64, 128, 256],
  heatEpochs: 10,
  heatSeeds: [0, 1, 2, 3, 4],
  heatStart: { lr: 0.03, batchSize: 32 },
  sensitivityTrials: 60,
  sensitivityEpochs: { digits: 15, iris: 60, breast_cancer: 20 } as Record<string, number>,
} as const;

/** The search space of the equal-epochs comparison and the rank correlation. */
export const SPACE: Space = {
  lr: { type: "logUniform", low: 1e-4, high: 1 },
  l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
  hidden: SETTINGS.hidden,
};

/** The space of the sensitivity searches: five hyperparameters. */
export const SENSITIVITY_SPACE: Space = {
  lr: { type: "logUniform", low: 1e-4, high: 1 },
  l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
  hidden: { type: "logInteger", low: 8, high: 128 },
  batchSize: { type: "choice", values: [16, 32, 64, 128] },
  momentum: { type: "uniform", low: 0, high: 0.99 },
};

/** Validation (or test) accuracy, as the tie rule's `score`, and mean cross-entropy. */
function evaluateNet(net: Mlp, data: Examples): { score: number; loss: number } {
  const { accuracy, loss } = measure(net, data);
  return { score: accuracy, loss };
}

/** A configuration's network in training: extended epoch by epoch, measured after each. */
interface Run {
  net: Mlp;
  optimizer: Optimizer;
  /** Validation after each epoch so far. */
  curve: { score: number; loss: number }[];
}

/** Settings of a training run, with the defaults of the experiments. */
interface RunSettings {
  lr: number;
  l2: number;
  hidden: number;
  batchSize: number;
  momentum: number;
  /** A learning rate per epoch (from 0); constant `lr` when absent. */
  schedule?: (epoch: number) => number;
}

function settingsOf(config: Config): RunSettings {
  return {
    lr: config.lr as number,
    l2: (config.l2 as number | undefined) ?? 0,
    hidden: (config.hidden as number | undefined) ?? 32,
    batchSize: (config.batchSize as number | undefined) ?? SETTINGS.batchSize,
    momentum: (config.momentum as number | undefined) ?? SETTINGS.momentum,
  };
}

/** Starts a run of `settings` from `seed`. */
function startRun(data: PreparedData, settings: RunSettings, seed: number): Run {
  return {
    net: createMlp({ sizes: [data.inputs, settings.hidden, data.classes], seed }),
    optimizer: sgd({ lr: settings.lr, momentum: settings.momentum }),
    curve: [],
  };
}

/** Trains `run` until it has `epochs` epochs, one `train` call (with its own seed) per epoch. */
function extend(
  data: PreparedData,
  run: Run,
  settings: RunSettings,
  seed: number,
  epochs: number,
): void {
  while (run.curve.length < epochs) {
    const epoch = run.curve.length;
    run.optimizer.lr = settings.schedule ? settings.schedule(epoch) : settings.lr;
    train(run.net, data.train, {
      epochs: 1,
      batchSize: settings.batchSize,
      optimizer: run.optimizer,
      l2: settings.l2,
      seed: `${seed}/${epoch}`,
    });
    const m = evaluateNet(run.net, data.validation);
    // A diverged run stays diverged: its loss is not finite, and its accuracy is what it is.
    run.curve.push(m);
  }
}

/** A trial as the tie rule sees it, with what the method knows about it. */
interface Evaluated {
  id: number;
  score: number;
  loss: number;
  cost: number;
}

/** One method's search on one seed: its timeline and its pick. */
export interface MethodRun {
  /** Cumulative epochs after each full-budget evaluation, and the best validation so far. */
  epochs: number[];
  best: number[];
  /** Validation and test accuracy of the pick (best full-budget evaluation by the tie rule). */
  pickValidation: number;
  pickTest: number;
  /** Epochs spent, configurations tried. */
  spent: number;
  configurations: number;
}

/** Runs a method's evaluations over a shared pool of lazily trained configurations. */
function methodRunner(data: PreparedData, configs: Config[], seed: number) {
  const runs = new Map<number, Run>();
  let spent = 0;
  const timelineEpochs: number[] = [], timelineBest: number[] = [];
  const finals: Evaluated[] = [];
  let best = NaN;
  const evaluate = (index: number, budget: number) => {
    let run = runs.get(index);
    const settings = settingsOf(configs[index]);
    if (!run) {
      run = startRun(data, settings, seed * 1000 + index);
      runs.set(index, run);
    }
    spent += Math.max(0, budget - run.curve.length);
    extend(data, run, settings, seed * 1000 + index, budget);
    const m = run.curve[budget - 1];
    if (budget === SETTINGS.maxEpochs) {
      finals.push({
        id: index,
        score: m.score,
        loss: m.loss,
        cost: budget * run.net.params.length,
      });
      if (Number.isFinite(m.score) && !(m.score <= best)) best = m.score;
      timelineEpochs.push(spent);
      timelineBest.push(best);
    }
    return m;
  };
  const finish = (configurations: number): MethodRun => {
    const pick = selectBest(finals);
    return {
      epochs: timelineEpochs,
      best: timelineBest,
      pickValidation: pick.score,
      pickTest: evaluateNet(runs.get(pick.id)!.net, data.test).score,
      spent,
      configurations,
    };
  };
  return { evaluate, finish, spent: () => spent };
}

/** Experiment 1: equal epochs on digits. */
function equalEpochs(data: PreparedData) {
  const { maxEpochs: R, eta } = SETTINGS;
  const hyperband = hyperbandPlan(R, eta);
  const budget = hyperband.costWithResume;
  const perSeed = SETTINGS.searchSeeds.map((seed) => {
    // Each method draws its own configurations from the same seeded stream (the prefix
    // property makes them the same first configurations).
    const draw = (n: number) => randomConfigurations(SPACE, n, `08/equal/${seed}`);
    // Random search: as many full-length trials as the budget allows.
    const randomN = Math.floor(budget / R);
    const randomConfigs = draw(randomN);
    const random = methodRunner(data, randomConfigs, seed);
    randomConfigs.forEach((_, i) => random.evaluate(i, R));
    // Successive halving: brackets of the most aggressive kind while they fit.
    const shPlan = halvingPlan({ n: eta ** hyperband.sMax, eta, maxBudget: R });
    const shBrackets = Math.floor(budget / shPlan.costWithResume);
    const shN = shPlan.rungs[0].configs;
    const shConfigs = draw(shBrackets * shN);
    const halving = methodRunner(data, shConfigs, seed);
    for (let b = 0; b < shBrackets; b++) {
      const ids = Array.from({ length: shN }, (_, k) => b * shN + k);
      successiveHalving(ids, (i, r) => halving.evaluate(i, r), { eta, maxBudget: R });
    }
    // Hyperband: one iteration, every bracket.
    const total = hyperband.brackets.reduce((n, b) => n + b.rungs[0].configs, 0);
    const hbConfigs = draw(total);
    const hb = methodRunner(data, hbConfigs, seed);
    let offset = 0;
    for (const bracket of hyperband.brackets) {
      const n = bracket.rungs[0].configs;
      const ids = Array.from({ length: n }, (_, k) => offset + k);
      offset += n;
      successiveHalving(ids, (i, r) => hb.evaluate(i, r), {
        eta,
        maxBudget: R,
        rungs: bracket.s + 1,
      });
    }
    return {
      seed,
      random: random.finish(randomN),
      halving: halving.finish(shBrackets * shN),
      hyperband: hb.finish(total),
    };
  });
  return { budget, perSeed };
}

/** Experiment 2: do short runs rank configurations like long ones? */
function rankCorrelation(data: PreparedData) {
  const { maxEpochs: R, rankBudgets } = SETTINGS;
  const configs = randomConfigurations(SPACE, SETTINGS.rankConfigs, `08/rank/${SETTINGS.rankSeed}`);
  const cosine = (lr: number, tMax: number) => (epoch: number) =>
    0.5 * lr * (1 + Math.cos(Math.PI * epoch / tMax));
  const rows = configs.map((config, i) => {
    const seed = SETTINGS.rankSeed * 1000 + i;
    const constant = settingsOf(config);
    const run = startRun(data, constant, seed);
    extend(data, run, constant, seed, R);
    const long = { ...constant, schedule: cosine(constant.lr, R) };
    const cosineRun = startRun(data, long, seed);
    extend(data, cosineRun, long, seed, R);
    // A short run with its own cosine, T_max = r: a different configuration from the long one.
    const shortCosine = rankBudgets.map((r) => {
      const short = { ...constant, schedule: cosine(constant.lr, r) };
      const shortRun = startRun(data, short, seed);
      extend(data, shortRun, short, seed, r);
      return shortRun.curve[r - 1].score;
    });
    return {
      lr: config.lr as number,
      l2: config.l2 as number,
      hidden: config.hidden as number,
      constant: [...rankBudgets, R].map((r) => run.curve[r - 1].score),
      cosineLong: [...rankBudgets, R].map((r) => cosineRun.curve[r - 1].score),
      cosineShort: shortCosine,
    };
  });
  const last = rankBudgets.length;
  const rho = (
    pick: (row: (typeof rows)[number]) => number,
    final: (row: (typeof rows)[number]) => number,
  ) => spearman(rows.map(pick), rows.map(final));
  return {
    rows,
    constant: rankBudgets.map((_, k) => rho((r) => r.constant[k], (r) => r.constant[last])),
    cosineLongPrefix: rankBudgets.map((_, k) =>
      rho((r) => r.cosineLong[k], (r) => r.cosineLong[last])
    ),
    cosineShortRun: rankBudgets.map((_, k) =>
      rho((r) => r.cosineShort[k], (r) => r.cosineLong[last])
    ),
  };
}

/** Experiment 3: learning rate × batch size on digits. */
function heatMapExperiment(data: PreparedData) {
  const { heatLrs, heatBatches, heatEpochs, heatSeeds } = SETTINGS;
  const cells = heatBatches.map((batchSize) =>
    heatLrs.map((lr) =>
      heatSeeds.map((seed) => {
        const settings = { lr, l2: 0, hidden: 32, batchSize, momentum: SETTINGS.momentum };
        const run = startRun(data, settings, 5000 + seed);
        extend(data, run, settings, 5000 + seed, heatEpochs);
        return run.curve[heatEpochs - 1].score;
      })
    )
  );
  return { cells };
}

/** Experiment 4: marginal sensitivity on three datasets. */
async function sensitivity() {
  const out: Record<string, { hyperparameter: string; range: number; groups: unknown }[]> = {};
  for (const name of Object.keys(SETTINGS.sensitivityEpochs)) {
    const data = await loadPrepared(name);
    const epochs = SETTINGS.sensitivityEpochs[name];
    const configs = randomConfigurations(
      SENSITIVITY_SPACE,
      SETTINGS.sensitivityTrials,
      `08/sensitivity/${name}`,
    );
    const rows = configs.map((config, i) => {
      const settings = settingsOf(config);
      const run = startRun(data, settings, 7000 + i);
      extend(data, run, settings, 7000 + i, epochs);
      return { ...config, score: run.curve[epochs - 1].score };
    });
    out[name] = Object.keys(SENSITIVITY_SPACE).map((hyperparameter) => {
      const s = marginalSensitivity(rows, hyperparameter, { bins: 4 });
      return { hyperparameter, range: s.range, groups: s.groups };
    }).sort((a, b) => b.range - a.range);
  }
  return out;
}

/**
 * Runs every experiment; `log` reports progress.
 *
 * The example is not run: it trains for minutes (`deno task experiment lesson-08` runs it).
 *
 * @example
 * ```ts ignore
 * const results = await runExperiments((line) => console.error(line));
 * ```
 */
export async function runExperiments(log: (line: string) => void) {
  const digits = await loadPrepared("digits");
  const started = performance.now();
  const time = () => ((performance.now() - started) / 1000).toFixed(1);
  const equal = equalEpochs(digits);
  log(`equal-epochs comparison done (${time()} s)`);
  const ranks = rankCorrelation(digits);
  log(`rank correlation done (${time()} s)`);
  const heat = heatMapExperiment(digits);
  log(`heat map done (${time()} s)`);
  const sens = await sensitivity();
  log(`sensitivity done (${time()} s)`);
  return {
    engine: backend,
    settings: SETTINGS,
    space: SPACE,
    sensitivitySpace: SENSITIVITY_SPACE,
    equalEpochs: equal,
    rankCorrelation: ranks,
    heatMap: heat,
    sensitivity: sens,
  };
}
