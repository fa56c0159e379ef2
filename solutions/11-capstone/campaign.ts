/**
 * Exercise 1: the capstone's tuning campaign, as the Deep Learning Tuning Playbook lays one out
 * (Godbole et al., 2023): a stated goal and a pre-registered baseline, an explore phase of
 * quasi-random search, a space narrowed from what it found, an exploit phase with a method of
 * your choice, and the test rows read twice, once for the baseline and once for the final
 * choice, all within a budget of epochs the lab counts.
 *
 * The exercise is `runCampaign`; the design (`DESIGN`: space, method, shares) is yours to change,
 * and the helpers `shiftedHalton`, `configAt` and `narrowSpace` are given. The graded tests judge
 * the protocol from the lab's own record (the budget, the two test reads, the log, the winner,
 * the report's numbers, reproducibility, the comparison), never your choices.
 *
 * @module
 */

import { formatCsvRecords } from "../../kit/lib/csv.ts";
import { seededRandom } from "../../kit/lib/random.ts";
import { type Interval, mcnemarExact, wilsonInterval, Z_95 } from "./interval.ts";

/** A configuration of the MLP: a value per hyperparameter, by name. */
export type Config = Record<string, number | string>;

/** A phase of the campaign, as the lab records it. */
export type Phase = "baseline" | "explore" | "exploit";

/** What one training run measured on the validation rows. */
export interface Outcome {
  /** Validation accuracy of the kept epoch's weights; NaN if the run diverged. */
  score: number;
  /** Validation loss of those weights; NaN if it diverged. */
  loss: number;
  /** Epochs trained × parameters. */
  cost: number;
  /** Epochs trained (early stopping may stop before the epochs asked): the budget's charge. */
  epochs: number;
  /** The epoch (from 0) whose weights were kept. */
  bestEpoch: number;
  /** Wall-clock seconds: differs between two runs of the same campaign. */
  seconds: number;
}

/** A trained network: only the lab looks inside. */
export type Model = { readonly id: string };

/**
 * The lab: `deno task capstone` hands you one that trains the MLP on digits; the graded tests one
 * that answers in closed form. Either keeps its own record of every call, out of your reach.
 */
export interface CampaignLab {
  /** Epochs the whole campaign may train, baseline included. */
  readonly budget: number;
  /** Epochs one run may ask for at most. */
  readonly maxEpochs: number;
  /** The pre-registered baseline configuration. */
  readonly baseline: Readonly<Config>;
  /** Epochs trained so far. */
  spent(): number;
  /** Trains `config` for at most `epochs` epochs, early-stopped on the validation rows. */
  train(request: { config: Config; seed: string; epochs: number; phase: Phase }): {
    outcome: Outcome;
    model: Model;
  };
  /** Reads the test rows: for each, whether `model` gets it right. The campaign calls it twice. */
  test(model: Model): readonly boolean[];
}

/** How one hyperparameter is drawn from u in [0, 1). */
export type Dimension =
  | { kind: "log"; low: number; high: number }
  | { kind: "linear"; low: number; high: number }
  | { kind: "one-minus-log"; low: number; high: number }
  | { kind: "log-int"; low: number; high: number }
  | { kind: "choice"; values: readonly (number | string)[] };

/** A search space: a dimension per hyperparameter, in draw order. */
export type Space = Record<string, Dimension>;

/** A campaign's design: what the learner decides before the search. */
export interface CampaignDesign {
  /** The question the campaign answers. */
  goal: string;
  /** Hyperparameters whose effect the goal is about. */
  scientific: string[];
  /** Hyperparameters tuned so that the comparison is fair, not for their own sake. */
  nuisance: string[];
  /** Hyperparameters held at a value, with it (batch size among them: see the lesson). */
  fixed: Config;
  /** The explore phase's space. */
  space: Space;
  /** Share of the budget left after the baseline that the explore phase may spend. */
  exploreShare: number;
  /** How many of the best explore runs the narrowed space is drawn around. */
  keep: number;
  /** The exploit phase's method: random search in the narrowed space, or successive halving. */
  exploit: "random" | "halving";
}

/**
 * The reference's design: SGD with momentum at a fixed batch size, the width and depth as the
 * scientific question, the rates and regularisation as nuisance. Change it as you like: the
 * grade does not depend on it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DESIGN } from "./campaign.ts";
 * assert.equal(DESIGN.fixed.batchSize, 32); // fixed, not tuned (lesson 11)
 * ```
 */
export const DESIGN: CampaignDesign = {
  goal: "Which width and depth (one or two hidden layers) suit an SGD-trained MLP on digits, " +
    "and does the best of them beat the pre-registered baseline on the test rows?",
  scientific: ["width", "depth"],
  nuisance: ["lr", "momentum", "l2", "dropout"],
  fixed: { optimizer: "sgd", batchSize: 32, schedule: "cosine", warmup: 1 },
  space: {
    width: { kind: "log-int", low: 16, high: 256 },
    depth: { kind: "choice", values: [1, 2] },
    lr: { kind: "log", low: 0.005, high: 0.5 },
    momentum: { kind: "one-minus-log", low: 0.5, high: 0.99 },
    l2: { kind: "log", low: 1e-6, high: 1e-2 },
    dropout: { kind: "linear", low: 0, high: 0.4 },
  },
  exploreShare: 0.5,
  keep: 4,
  exploit: "random",
};

/** What the campaign asks of the lab's owner: the seed its runs and draws come from. */
export interface CampaignPlan {
  /** Every run's seed and every draw comes from it. */
  seed: number;
}

/** One of the two test reads, with what the report says about it. */
export interface TestResult {
  /** The run's validation score (the log's). */
  validation: number;
  /** Test rows it got right. */
  correct: number;
  /** Test rows. */
  rows: number;
  /** correct / rows. */
  accuracy: number;
  /** The 95 % Wilson interval of the accuracy. */
  interval: Interval;
}

/** What the campaign hands in. */
export interface CampaignReport {
  /** The design's statements, as the report shows them. */
  goal: string;
  scientific: string[];
  nuisance: string[];
  fixed: Config;
  /** The explore phase's space and the narrowed one the exploit phase drew from. */
  exploreSpace: Space;
  exploitSpace: Space;
  /** The exploit method used. */
  exploit: "random" | "halving";
  /**
   * Every run, in the order the lab trained them, as CSV: `id` (from 0), `phase`, `seed`,
   * `asked` (epochs asked for), a column per hyperparameter of any run (an empty cell where a
   * run has none), then `score`, `loss`, `cost`, `epochs`, `best_epoch`, `train_s`; numbers as
   * `String(x)`.
   */
  log: string;
  /** The log id of the baseline run. */
  baselineId: number;
  /** The log id of the winner: the tie rule's pick among the explore and exploit runs. */
  winnerId: number;
  /** Epochs the lab charged in all. */
  epochsSpent: number;
  baseline: TestResult;
  final: TestResult;
  /** The paired comparison on the same test rows. */
  comparison: {
    /** final.accuracy − baseline.accuracy. */
    gap: number;
    /** Test rows only the final network got right. */
    finalOnly: number;
    /** Test rows only the baseline got right. */
    baselineOnly: number;
    /** McNemar's exact two-sided p-value of those counts. */
    pValue: number;
  };
}

/**
 * The statistics the report needs, from `interval.ts`: a parameter of `runCampaign` so that its
 * graded tests can pass stand-ins, and a mistake in `interval.ts` costs points there only.
 */
export interface Statistics {
  wilsonInterval: (correct: number, n: number, z: number) => Interval;
  mcnemarExact: (b: number, c: number) => number;
}

/**
 * The seed of the campaign's run number `run` (from 0, in training order), and of its
 * baseline: functions of the plan's seed only, so a re-run trains the same runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runSeed } from "./campaign.ts";
 * assert.equal(runSeed(7, 3), "7/run/3");
 * assert.equal(runSeed(7, "baseline"), "7/baseline");
 * ```
 */
export function runSeed(seed: number, run: number | "baseline"): string {
  return run === "baseline" ? `${seed}/baseline` : `${seed}/run/${run}`;
}

/**
 * Point `index` (from 1) of a Halton sequence in `dimensions` dimensions (bases 2, 3, 5, …),
 * each coordinate shifted modulo 1 by a draw of `seededRandom(seed)` (a Cranley–Patterson
 * rotation, simpler than lesson 07's scrambling). Given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shiftedHalton } from "./campaign.ts";
 * const [a, b] = [shiftedHalton(1, 2, "s"), shiftedHalton(2, 2, "s")];
 * assert.ok(Math.abs(((a[0] - b[0] + 1) % 1) - 0.25) < 1e-12); // base 2: 1/2 then 1/4
 * ```
 */
export function shiftedHalton(index: number, dimensions: number, seed: string): number[] {
  const random = seededRandom(seed);
  const bases: number[] = [];
  for (let k = 2; bases.length < dimensions; k++) {
    if (bases.every((p) => k % p !== 0)) bases.push(k);
  }
  return bases.map((base) => {
    let x = 0, f = 1 / base;
    for (let i = index; i > 0; i = Math.floor(i / base), f /= base) x += f * (i % base);
    return (x + random()) % 1;
  });
}

/** `u` in [0, 1) through a dimension. */
function drawValue(d: Dimension, u: number): number | string {
  const logBetween = (low: number, high: number) =>
    Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * u);
  if (d.kind === "log") return logBetween(d.low, d.high);
  if (d.kind === "linear") return d.low + (d.high - d.low) * u;
  // 1 − β log-uniform: as many draws in 0.9–0.99 as in 0.99–0.999 (lesson 07).
  if (d.kind === "one-minus-log") return 1 - logBetween(1 - d.high, 1 - d.low);
  if (d.kind === "log-int") return Math.min(d.high, Math.floor(logBetween(d.low, d.high + 1)));
  return d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))];
}

/**
 * The rungs of the reference's exploit bracket of successive halving (lesson 08, η = 3): runs
 * of maxEpochs/9, maxEpochs/3 and maxEpochs epochs, rounded, at least 1. Given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { halvingRungs } from "./campaign.ts";
 * assert.deepEqual(halvingRungs(20), [2, 7, 20]);
 * ```
 */
export function halvingRungs(maxEpochs: number): number[] {
  return [9, 3, 1].map((k) => Math.max(1, Math.round(maxEpochs / k)));
}

/**
 * The configuration of `space` at the point `u` (one number in [0, 1) per dimension, in the
 * space's order). Given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configAt } from "./campaign.ts";
 * const space = {
 *   lr: { kind: "log", low: 0.01, high: 1 },
 *   momentum: { kind: "one-minus-log", low: 0.9, high: 0.999 },
 * } as const;
 * const { lr, momentum } = configAt(space, [0.5, 0.5]);
 * assert.ok(Math.abs(Number(lr) - 0.1) < 1e-12);
 * assert.ok(Math.abs(Number(momentum) - (1 - Math.sqrt(0.1 * 0.001))) < 1e-12);
 * ```
 */
export function configAt(space: Space, u: readonly number[]): Config {
  const names = Object.keys(space);
  if (u.length !== names.length) {
    throw new RangeError(`configAt: ${names.length} dimensions, ${u.length} numbers`);
  }
  return Object.fromEntries(names.map((name, i) => [name, drawValue(space[name], u[i])]));
}

/**
 * The space narrowed around the `keep` best runs (by score; diverged runs never count): each
 * numeric range shrinks to the kept runs' smallest and largest values, each choice to the values
 * they used, in the original order. A dimension no kept run has stays as it was. Given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { narrowSpace } from "./campaign.ts";
 * const space = { lr: { kind: "log", low: 0.001, high: 1 }, depth: { kind: "choice", values: [1, 2, 3] } } as const;
 * const runs = [
 *   { config: { lr: 0.1, depth: 2 }, score: 0.9 },
 *   { config: { lr: 0.03, depth: 1 }, score: 0.8 },
 *   { config: { lr: 0.9, depth: 3 }, score: 0.2 },
 * ];
 * assert.deepEqual(narrowSpace(space, runs, 2), {
 *   lr: { kind: "log", low: 0.03, high: 0.1 },
 *   depth: { kind: "choice", values: [1, 2] },
 * });
 * ```
 */
export function narrowSpace(
  space: Space,
  runs: readonly { config: Config; score: number }[],
  keep: number,
): Space {
  const best = runs.filter((r) => Number.isFinite(r.score))
    .sort((a, b) => b.score - a.score).slice(0, keep);
  const narrowed: Space = {};
  for (const [name, d] of Object.entries(space)) {
    const seen = best.map((r) => r.config[name]).filter((v) => v !== undefined);
    if (seen.length === 0) narrowed[name] = d;
    else if (d.kind === "choice") {
      narrowed[name] = {
        ...d,
        values: d.values.filter((v) => seen.includes(v)),
      };
    } else {
      const values = seen.map(Number);
      narrowed[name] = { ...d, low: Math.min(...values), high: Math.max(...values) };
    }
  }
  return narrowed;
}

/**
 * Runs the campaign on `lab`, as lesson 11 lays it out:
 *
 * 1. **Baseline, pre-registered:** train `lab.baseline` (every key, as the lab gives it) with
 *    seed `runSeed(seed, "baseline")`, `lab.maxEpochs` epochs, phase `"baseline"`, before any
 *    search; read the test rows for it (the first of the two reads).
 * 2. **Explore:** quasi-random search of `design.space` (point i = 1, 2, … of
 *    `shiftedHalton(i, dimensions, \`${seed}/explore\`)`, each configuration `design.fixed`
 *    plus `configAt(space, point)`), phase `"explore"`, `lab.maxEpochs` epochs a run, while one
 *    more such run fits in `exploreShare` of the budget left after the baseline.
 * 3. **Narrow** the space around the `keep` best explore runs (`narrowSpace`).
 * 4. **Exploit** in the narrowed space with `design.exploit`, phase `"exploit"`: random search
 *    until the budget is spent (the last run asks for what is left), or one bracket of successive
 *    halving that the budget left pays for. Never ask for more epochs than
 *    `lab.budget − lab.spent()`.
 * 5. **Choose** the winner by lesson 06's tie rule among the explore and exploit runs (higher
 *    score, lower loss, lower cost, earlier run; diverged runs last) and read the test rows for
 *    its network: the second and last read, after the last run.
 * 6. **Report:** the log of every run, the two reads' counts with Wilson intervals, the paired
 *    counts and McNemar's exact p-value (`stats`: yours from `interval.ts` by default), the
 *    epochs spent. Run r (its log id: the baseline is run 0, so the first explore run is run 1)
 *    trains with seed `runSeed(seed, r)`; the baseline alone has `runSeed(seed, "baseline")`.
 *
 * The example runs it on the graded tests' stand-in lab, and checks what holds for any design:
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeLab } from "../../kit/testkit/capstone_lab.ts";
 * import { runCampaign } from "./campaign.ts";
 * const { lab, record } = fakeLab({ budget: 300 });
 * const report = runCampaign(lab, { seed: 0 });
 * const reads = record().filter((entry) => entry.kind === "test");
 * assert.deepEqual(reads.map((read) => read.run), [report.baselineId, report.winnerId]); // twice
 * assert.equal(report.baselineId, 0); // the baseline first, before any search
 * assert.equal(report.epochsSpent, lab.spent());
 * assert.ok(lab.spent() <= lab.budget);
 * assert.equal(report.final.correct, reads[1].correct);
 * assert.equal(report.log.trim().split("\n").length, 1 + record().length - reads.length);
 * ```
 */
export function runCampaign(
  lab: CampaignLab,
  plan: CampaignPlan,
  design: CampaignDesign = DESIGN,
  stats: Statistics = { wilsonInterval, mcnemarExact },
): CampaignReport {
  // BEGIN SOLUTION "TODO: runCampaign (lesson 11, 'A campaign, not a search', and runCampaign's documentation)"
  const { seed } = plan;
  const runs: Run[] = [];
  const train = (config: Config, phase: Phase, epochs: number, runSeedText?: string) => {
    const id = runs.length;
    const s = runSeedText ?? runSeed(seed, id);
    const { outcome, model } = lab.train({ config, seed: s, epochs, phase });
    const run = { id, phase, seed: s, asked: epochs, config, outcome, model };
    runs.push(run);
    return run;
  };
  const left = () => lab.budget - lab.spent();

  const base = train({ ...lab.baseline }, "baseline", lab.maxEpochs, runSeed(seed, "baseline"));
  const baseHits = lab.test(base.model);

  const exploreBudget = Math.floor(design.exploreShare * left());
  const exploreStart = lab.spent();
  const names = Object.keys(design.space);
  for (let i = 1; lab.spent() - exploreStart + lab.maxEpochs <= exploreBudget; i++) {
    if (left() < lab.maxEpochs) break;
    const point = shiftedHalton(i, names.length, `${seed}/explore`);
    train({ ...design.fixed, ...configAt(design.space, point) }, "explore", lab.maxEpochs);
  }
  const explored = runs.filter((r) => r.phase === "explore");
  const narrowed = narrowSpace(
    design.space,
    explored.map((r) => ({ config: r.config, score: r.outcome.score })),
    design.keep,
  );

  const random = seededRandom(`${seed}/exploit`);
  const draw = () => ({ ...design.fixed, ...configAt(narrowed, names.map(() => random())) });
  if (design.exploit === "random") {
    // To the last epoch: the final run asks for what is left when that is less than a full run.
    while (left() >= 1) train(draw(), "exploit", Math.min(lab.maxEpochs, left()));
  } else {
    successiveHalving(lab.maxEpochs, left(), draw, (c, e) => train(c, "exploit", e));
  }

  let winner = runs[1] ?? base;
  for (const run of runs) if (run.phase !== "baseline" && better(run, winner)) winner = run;
  const finalHits = lab.test(winner.model);

  const reads = { base, baseHits, winner, finalHits };
  return reportOf(design, narrowed, runs, reads, lab.spent(), stats);
  // END SOLUTION
}

// BEGIN SOLUTION
/** A run as the campaign keeps it. */
interface Run {
  id: number;
  phase: Phase;
  seed: string;
  asked: number;
  config: Config;
  outcome: Outcome;
  model: Model;
}

/** Lesson 06's tie rule: is run `a` better than run `b`? */
function better(a: Run, b: Run): boolean {
  const finite = (r: Run) => Number.isFinite(r.outcome.score) && Number.isFinite(r.outcome.loss);
  if (finite(a) !== finite(b)) return finite(a);
  if (!finite(a)) return a.id < b.id;
  if (a.outcome.score !== b.outcome.score) return a.outcome.score > b.outcome.score;
  if (a.outcome.loss !== b.outcome.loss) return a.outcome.loss < b.outcome.loss;
  if (a.outcome.cost !== b.outcome.cost) return a.outcome.cost < b.outcome.cost;
  return a.id < b.id;
}

/**
 * One bracket of successive halving (lesson 08, η = 3): rungs of maxEpochs/9, /3 and maxEpochs
 * epochs, as many configurations as `budget` pays for when every run uses every epoch it asks.
 * Each promotion trains from scratch: the lab has no way to resume a network.
 */
function successiveHalving(
  maxEpochs: number,
  budget: number,
  draw: () => Config,
  train: (config: Config, epochs: number) => Run,
): void {
  const rungs = halvingRungs(maxEpochs);
  const cost = (n: number) => rungs.reduce((s, r, k) => s + Math.floor(n / 3 ** k) * r, 0);
  let n = 9;
  while (cost(n + 1) <= budget) n++;
  if (cost(n) > budget) return;
  let alive = Array.from({ length: n }, draw);
  rungs.forEach((epochs, k) => {
    const trained = alive.slice(0, Math.floor(n / 3 ** k)).map((config) => train(config, epochs));
    alive = trained.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).map((r) => r.config);
  });
}

/** The report of a finished campaign (see `CampaignReport`). */
function reportOf(
  design: CampaignDesign,
  narrowed: Space,
  runs: readonly Run[],
  reads: { base: Run; baseHits: readonly boolean[]; winner: Run; finalHits: readonly boolean[] },
  epochsSpent: number,
  stats: Statistics,
): CampaignReport {
  const { base, baseHits, winner, finalHits } = reads;
  let finalOnly = 0, baselineOnly = 0;
  baseHits.forEach((hit, i) => {
    if (finalHits[i] && !hit) finalOnly++;
    if (hit && !finalHits[i]) baselineOnly++;
  });
  const result = (run: Run, hits: readonly boolean[]): TestResult => {
    const correct = hits.filter(Boolean).length;
    return {
      validation: run.outcome.score,
      correct,
      rows: hits.length,
      accuracy: correct / hits.length,
      interval: stats.wilsonInterval(correct, hits.length, Z_95),
    };
  };
  const baseline = result(base, baseHits), final = result(winner, finalHits);
  return {
    goal: design.goal,
    scientific: design.scientific,
    nuisance: design.nuisance,
    fixed: design.fixed,
    exploreSpace: design.space,
    exploitSpace: narrowed,
    exploit: design.exploit,
    log: logText(runs),
    baselineId: base.id,
    winnerId: winner.id,
    epochsSpent,
    baseline,
    final,
    comparison: {
      gap: final.accuracy - baseline.accuracy,
      finalOnly,
      baselineOnly,
      pValue: stats.mcnemarExact(finalOnly, baselineOnly),
    },
  };
}

/** The log's CSV text (see `CampaignReport.log`). */
function logText(runs: readonly Run[]): string {
  const keys: string[] = [];
  for (const run of runs) {
    for (const key of Object.keys(run.config)) if (!keys.includes(key)) keys.push(key);
  }
  const header = [
    "id",
    "phase",
    "seed",
    "asked",
    ...keys,
    "score",
    "loss",
    "cost",
    "epochs",
    "best_epoch",
    "train_s",
  ];
  const rows = runs.map((r) => [
    String(r.id),
    r.phase,
    r.seed,
    String(r.asked),
    ...keys.map((key) => key in r.config ? String(r.config[key]) : ""),
    ...[
      r.outcome.score,
      r.outcome.loss,
      r.outcome.cost,
      r.outcome.epochs,
      r.outcome.bestEpoch,
      r.outcome.seconds,
    ].map(String),
  ]);
  return formatCsvRecords([header, ...rows]);
}
// END SOLUTION
