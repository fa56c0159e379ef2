/**
 * Lesson 08's graded-test cases, computed by the reference in `solutions/08-beyond-grid-and-random/`.
 * The searches are graded on injected evaluations: each configuration carries its own score and
 * loss at every budget (a table, so the test's `evaluate` is a lookup and the expected rungs,
 * promotions and winner are exact).
 *
 * @module
 */

import { integer, type Random, seededRandom } from "../../lib/random.ts";
import {
  floorLog,
  halvingPlan,
  hyperbandPlan,
} from "../../../solutions/08-beyond-grid-and-random/halving_plan.ts";
import {
  type Evaluation,
  successiveHalving,
} from "../../../solutions/08-beyond-grid-and-random/successive_halving.ts";
import {
  type HalvingOptions,
  halvingSchedule,
} from "../../../solutions/08-beyond-grid-and-random/sklearn_schedule.ts";
import {
  averageRanks,
  spearman,
} from "../../../solutions/08-beyond-grid-and-random/rank_correlation.ts";
import {
  type LogRow,
  marginalSensitivity,
} from "../../../solutions/08-beyond-grid-and-random/sensitivity.ts";

/**
 * `⌊log x / log base⌋` as a float: the pitfall the lesson shows (wrong for some exact powers).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { floatFloorLog } from "./cases.ts";
 * assert.equal(floatFloorLog(1000, 10), 2); // log(1000) / log(10) is a hair under 3
 * assert.equal(floatFloorLog(8, 2), 3);
 * ```
 */
export const floatFloorLog = (x: number, base: number): number =>
  Math.floor(Math.log(x) / Math.log(base));

/**
 * Exact powers up to 2^53 whose float logarithm floors one too low.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { floatLogFailures } from "./cases.ts";
 * const failures = floatLogFailures();
 * assert.ok(failures.some((f) => f.x === 243 && f.base === 3 && f.exact === 5));
 * for (const f of failures) assert.equal(f.base ** f.exact, f.x);
 * ```
 */
export function floatLogFailures(): { x: number; base: number; float: number; exact: number }[] {
  const failures = [];
  for (let base = 2; base <= 10; base++) {
    for (let x = base; x <= Number.MAX_SAFE_INTEGER; x *= base) {
      const float = Math.log(x) / Math.log(base);
      if (Math.floor(float) !== floorLog(x, base)) {
        failures.push({ x, base, float, exact: floorLog(x, base) });
      }
    }
  }
  return failures;
}

function floorLogCases() {
  const random = seededRandom("08/floor-log");
  const pairs: [number, number][] = [[1000, 10], [81, 3], [80, 3], [82, 3], [1, 2], [2, 2], [
    243,
    3,
  ]];
  for (const f of floatLogFailures()) pairs.push([f.x, f.base]);
  for (let k = 0; k < 12; k++) {
    const base = integer(random, 2, 10);
    const power = base ** integer(random, 0, Math.floor(40 / base));
    pairs.push([power + integer(random, -1, 1) * (power > 1 ? 1 : 0), base]);
  }
  return {
    cases: pairs.map(([x, base]) => ({ x, base, expected: floorLog(x, base) })),
    invalid: [
      { x: 0, base: 3, why: "x < 1" },
      { x: 10, base: 1, why: "base < 2" },
      { x: 2.5, base: 2, why: "x not an integer" },
    ],
  };
}

/** A plan's options drawn so that the plan exists. */
function randomPlanOptions(random: Random) {
  const eta = integer(random, 2, 4);
  const rungs = integer(random, 1, 5);
  const top = eta ** (rungs - 1);
  return {
    n: top + integer(random, 0, 3 * top),
    eta,
    maxBudget: top * integer(random, 1, 3) + integer(random, 0, top - 1),
    rungs,
  };
}

function planCases() {
  const random = seededRandom("08/plans");
  const options: { n: number; eta: number; maxBudget: number; rungs?: number }[] = [
    { n: 81, eta: 3, maxBudget: 81 },
    { n: 27, eta: 3, maxBudget: 27 },
    { n: 100, eta: 3, maxBudget: 100 },
    { n: 64, eta: 2, maxBudget: 64 },
    { n: 10, eta: 3, maxBudget: 30, rungs: 2 },
  ];
  for (let k = 0; k < 15; k++) options.push(randomPlanOptions(random));
  return {
    cases: options.map((o) => ({ options: o, expected: halvingPlan(o) })),
    invalid: [
      { options: { n: 0, eta: 3, maxBudget: 81 }, why: "no configurations" },
      { options: { n: 81, eta: 1, maxBudget: 81 }, why: "eta < 2" },
      { options: { n: 81, eta: 3, maxBudget: 20, rungs: 4 }, why: "first budget 20 / 27 < 1" },
      { options: { n: 8, eta: 3, maxBudget: 81, rungs: 3 }, why: "the last rung would be empty" },
    ],
    hyperband: [[81, 3], [27, 3], [100, 3], [1000, 10], [243, 3], [64, 2], [50, 4], [1, 3], [
      9,
      3,
    ]].map(([maxBudget, eta]) => ({ maxBudget, eta, expected: hyperbandPlan(maxBudget, eta) })),
    // Drawn from a string seed (a stream of its own, so the plans above stay as they were):
    // the grade of record holds these out.
    hyperbandRandom: randomHyperbandSettings().map(({ maxBudget, eta }) => ({
      maxBudget,
      eta,
      expected: hyperbandPlan(maxBudget, eta),
    })),
  };
}

/** Hyperband settings drawn from a string seed: a budget of 1 to 2,000 epochs, eta 2 to 5. */
function randomHyperbandSettings(): { maxBudget: number; eta: number }[] {
  const random = seededRandom("08/hyperband");
  return Array.from({ length: 3 }, () => {
    const eta = integer(random, 2, 5);
    return { maxBudget: integer(random, 1, 2000), eta };
  });
}

/** A configuration of the graded searches: its evaluations by budget (null: diverged). */
export interface TableConfig {
  name: string;
  scores: Record<string, number | null>;
  losses: Record<string, number | null>;
  /** Epochs × parameters, by budget: wider configurations cost more at the same budget. */
  costs: Record<string, number>;
}

/**
 * The evaluation the graded tests inject: a lookup in the configuration's own table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lookup } from "./cases.ts";
 * const config = {
 *   name: "a",
 *   scores: { "1": 0.5, "3": null },
 *   losses: { "1": 0.7, "3": null },
 *   costs: { "1": 10, "3": 30 },
 * };
 * assert.deepEqual(lookup(config, 1), { score: 0.5, loss: 0.7, cost: 10 });
 * assert.ok(Number.isNaN(lookup(config, 3).score)); // diverged
 * ```
 */
export function lookup(config: TableConfig, budget: number): Evaluation {
  const score = config.scores[String(budget)], loss = config.losses[String(budget)];
  return { score: score ?? NaN, loss: loss ?? NaN, cost: config.costs[String(budget)] };
}

/**
 * Configurations whose score climbs with the budget at their own speed (slow starters exist),
 * rounded to 1/20 so that ties are common, and a few that diverge.
 */
function tableConfigs(random: Random, n: number, budgets: number[]): TableConfig[] {
  return Array.from({ length: n }, (_, id) => {
    const ceiling = 0.5 + 0.45 * random();
    const speed = 0.5 + 20 * random();
    const diverges = random() < 0.1;
    const parameters = [16, 32, 64, 128][integer(random, 0, 3)] * 100;
    const scores: Record<string, number | null> = {}, losses: Record<string, number | null> = {};
    const costs: Record<string, number> = {};
    for (const b of budgets) {
      const progress = 1 - Math.exp(-b / speed);
      scores[b] = diverges ? null : Math.round(20 * ceiling * progress) / 20;
      losses[b] = diverges ? null : Math.round(100 * (1.2 - ceiling * progress)) / 100;
      costs[b] = b * parameters;
    }
    return { name: `c${id}`, scores, losses, costs };
  });
}

function searchCases() {
  const random = seededRandom("08/successive-halving");
  const list = [];
  const shapes = [
    { n: 9, eta: 3, maxBudget: 9 },
    { n: 27, eta: 3, maxBudget: 81 },
    { n: 16, eta: 2, maxBudget: 16 },
    { n: 20, eta: 3, maxBudget: 27 },
    { n: 12, eta: 2, maxBudget: 40, rungs: 3 },
    { n: 81, eta: 3, maxBudget: 81 },
  ];
  for (const shape of [...shapes, ...shapes]) {
    const { n, ...options } = shape;
    const plan = halvingPlan(shape);
    const configs = tableConfigs(random, n, plan.rungs.map((r) => r.budget));
    const result = successiveHalving(configs, lookup, options);
    list.push({
      configs,
      options,
      plan: halvingPlan(shape),
      expected: {
        rungs: result.rungs.map((r) => ({ budget: r.budget, ids: r.ids, promoted: r.promoted })),
        bestId: result.bestId,
        calls: result.calls,
        // The same list, checked a second way (what `evaluate` saw): a case of its own.
        evaluated: result.calls,
      },
    });
  }
  // Exact ties of score and loss at every budget, widths in falling order: only the cost (and,
  // between equal widths, the id) decides, and it reverses the order the ids alone would give.
  const widths = [128, 128, 64, 64, 32, 32, 16, 16, 16];
  const tied: TableConfig[] = widths.map((width, id) => ({
    name: `c${id}`,
    scores: { 1: 0.5, 3: 0.7, 9: 0.8 },
    losses: { 1: 0.9, 3: 0.6, 9: 0.4 },
    costs: { 1: 100 * width, 3: 300 * width, 9: 900 * width },
  }));
  const tieOptions = { eta: 3, maxBudget: 9 };
  const tieResult = successiveHalving(tied, lookup, tieOptions);
  list.push({
    configs: tied,
    options: tieOptions,
    plan: halvingPlan({ n: tied.length, ...tieOptions }),
    expected: {
      rungs: tieResult.rungs.map((r) => ({ budget: r.budget, ids: r.ids, promoted: r.promoted })),
      bestId: tieResult.bestId,
      calls: tieResult.calls,
      evaluated: tieResult.calls,
    },
  });
  return { cases: list };
}

/** The hand-picked schedules (aggressive, exhausting, tiny, odd factor), before the random ones. */
const FIXED_SCHEDULES: readonly HalvingOptions[] = [
  {
    nCandidates: 100,
    factor: 3,
    minResources: 20,
    maxResources: 1000,
    aggressiveElimination: false,
  },
  {
    nCandidates: 100,
    factor: 3,
    minResources: 20,
    maxResources: 1000,
    aggressiveElimination: true,
  },
  {
    nCandidates: 100,
    factor: 3,
    minResources: "exhaust",
    maxResources: 1000,
    aggressiveElimination: false,
  },
  {
    nCandidates: "exhaust",
    factor: 3,
    minResources: 20,
    maxResources: 1000,
    aggressiveElimination: false,
  },
  { nCandidates: 81, factor: 3, minResources: 1, maxResources: 81, aggressiveElimination: false },
  {
    nCandidates: 400,
    factor: 2,
    minResources: 50,
    maxResources: 1437,
    aggressiveElimination: true,
  },
];

/** Options every schedule must refuse, each with why. */
const INVALID_SCHEDULES = [
  {
    options: {
      nCandidates: "exhaust",
      factor: 3,
      minResources: "exhaust",
      maxResources: 100,
      aggressiveElimination: false,
    },
    why: "both exhaust",
  },
  {
    options: {
      nCandidates: 10,
      factor: 3,
      minResources: 200,
      maxResources: 100,
      aggressiveElimination: false,
    },
    why: "min > max",
  },
  {
    options: {
      nCandidates: 10,
      factor: 1,
      minResources: 1,
      maxResources: 100,
      aggressiveElimination: false,
    },
    why: "factor < 2",
  },
];

function scheduleCases() {
  const random = seededRandom("08/sklearn-schedule");
  const options: HalvingOptions[] = [...FIXED_SCHEDULES];
  for (let k = 0; k < 20; k++) {
    const factor = integer(random, 2, 5);
    const maxResources = integer(random, 10, 2000);
    const exhaustMin = random() < 0.3;
    const exhaustCandidates = !exhaustMin && random() < 0.3;
    options.push({
      nCandidates: exhaustCandidates ? "exhaust" : integer(random, 1, 300),
      factor,
      minResources: exhaustMin ? "exhaust" : integer(random, 1, Math.ceil(maxResources / 4)),
      maxResources,
      aggressiveElimination: random() < 0.4,
    });
  }
  // Every integer logarithm the reference takes, with its answer: the tests pass these to
  // halvingSchedule instead of the learner's floorLog, so a floorLog mistake costs points there.
  const logs = new Map<string, [number, number, number]>();
  const recording = (x: number, base: number) => {
    const value = floorLog(x, base);
    logs.set(`${x}/${base}`, [x, base, value]);
    return value;
  };
  const list = options.map((o) => ({ options: o, expected: halvingSchedule(o, recording) }));
  return {
    cases: list,
    logs: [...logs.values()],
    invalid: INVALID_SCHEDULES,
  };
}

function rankCases() {
  const random = seededRandom("08/spearman");
  const lesson = [
    { x: [1, 2, 3, 4], y: [10, 20, 30, 45] },
    { x: [1, 2, 3], y: [3, 2, 1] },
    { x: [0.5, 0.7, 0.7, 0.9, 0.6], y: [0.8, 0.85, 0.9, 0.9, 0.82] },
  ];
  const pairs = [...lesson];
  for (let k = 0; k < 15; k++) {
    const n = integer(random, 3, 40);
    const levels = integer(random, 2, 12); // few levels: many ties, as accuracies on small sets
    const x = Array.from({ length: n }, () => integer(random, 0, levels) / levels);
    const y = x.map((v) => Math.round(levels * (v + 0.6 * (random() - 0.5))) / levels);
    if (new Set(x).size < 2 || new Set(y).size < 2) continue;
    pairs.push({ x, y });
  }
  return {
    ranks: pairs.flatMap(({ x, y }) => [x, y]).slice(0, 12).map((values) => ({
      values,
      expected: averageRanks(values),
    })),
    spearman: pairs.map(({ x, y }) => ({ x, y, expected: spearman(x, y) })),
    invalid: [
      { x: [1, 2, 3], y: [1, 2], why: "lengths differ" },
      { x: [1], y: [2], why: "one pair" },
      { x: [1, 1, 1], y: [1, 2, 3], why: "a constant sample" },
    ],
  };
}

function sensitivityCases() {
  const random = seededRandom("08/sensitivity");
  const logs: { rows: LogRow[]; name: string; bins?: number }[] = [];
  const example: LogRow[] = [
    { optimizer: "sgd", lr: 0.1, score: 0.8 },
    { optimizer: "adam", lr: 0.01, score: 0.9 },
    { optimizer: "sgd", lr: 0.001, score: 0.6 },
    { optimizer: "adam", lr: 1, score: 0.5 },
  ];
  logs.push({ rows: example, name: "optimizer" }, { rows: example, name: "lr", bins: 2 });
  for (let k = 0; k < 6; k++) {
    const rows: LogRow[] = Array.from({ length: integer(random, 8, 40) }, (_, id) => {
      const lr = 10 ** (-4 + 4 * random());
      const batch = [16, 32, 64, 128][integer(random, 0, 3)];
      const optimizer = ["sgd", "adam", "rmsprop"][integer(random, 0, 2)];
      const nesterov = random() < 0.5;
      const score = Math.round(360 * (0.9 - 0.1 * Math.abs(Math.log10(lr) + 2) + 0.05 * random())) /
        360;
      return { id, lr, batch, optimizer, nesterov, score };
    });
    for (
      const [name, bins] of [["lr", integer(random, 2, 5)], ["batch", 3], ["optimizer"], [
        "nesterov",
      ]] as [string, number?][]
    ) {
      logs.push({ rows, name, ...(bins === undefined ? {} : { bins }) });
    }
  }
  return {
    cases: logs.map((c) => {
      const s = marginalSensitivity(c.rows, c.name, { bins: c.bins });
      return {
        ...c,
        expected: {
          groups: s.groups.map((g) => ({ label: g.label, count: g.count })),
          meansAndRange: [...s.groups.map((g) => g.mean), s.range],
        },
      };
    }),
    invalid: [
      { rows: [], name: "lr", why: "no trials" },
      { rows: [{ lr: 0.1, score: 0.5 }, { score: 0.7 }], name: "lr", why: "a row without lr" },
      { rows: [{ lr: 0.1, score: "NaN" }], name: "lr", why: "a score that is not a number" },
      { rows: [{ lr: 0.1, score: 0.5 }, { lr: "high", score: 0.7 }], name: "lr", why: "mixed" },
    ],
  };
}

/**
 * Every case of the lesson, by function.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cases } from "./cases.ts";
 * assert.deepEqual(Object.keys(cases()), [
 *   "floorLog",
 *   "plans",
 *   "successiveHalving",
 *   "halvingSchedule",
 *   "rankCorrelation",
 *   "sensitivity",
 * ]);
 * ```
 */
export function cases(): Record<string, unknown> {
  return {
    floorLog: floorLogCases(),
    plans: planCases(),
    successiveHalving: searchCases(),
    halvingSchedule: scheduleCases(),
    rankCorrelation: rankCases(),
    sensitivity: sensitivityCases(),
  };
}
