/**
 * Lesson 07's experiments: grid against random search on a function where one of two
 * hyperparameters matters, on digits (20 search seeds), the expected best score as a function of
 * the budget, and 40-trial random searches on three datasets. Trials train the lesson-05 MLP
 * through `kit/engine` (via `kit/search/trial.ts`), and every trained configuration is kept in a
 * pool for the rest of the sync run, so each table and figure reads the same trials.
 *
 * @module
 */

import { lineChart } from "../../lib/plot.ts";
import { formatNumber, formatPercent, markdownTable } from "../format.ts";
import { scatterWithMarginals } from "../../lib/scatter.ts";
import {
  DEFAULT_SETTINGS,
  prepareData,
  type PreparedData,
  testAccuracy,
  trainTrial,
  type TrialResult,
  trialSeed,
  type TrialSettings,
  trialSettings,
} from "../../search/trial.ts";
import { selectBest } from "../../../solutions/06-validation/select.ts";
import { type Config, gridPoints } from "../../../solutions/07-grid-and-random-search/grid.ts";
import { sample } from "../../../solutions/07-grid-and-random-search/distributions.ts";
import {
  randomConfigurations,
  type Space,
} from "../../../solutions/07-grid-and-random-search/random_search.ts";
import { quasiRandomConfigurations } from "../../../solutions/07-grid-and-random-search/quasi_random.ts";
import {
  expectedMaxPerformance,
  incumbentCurve,
} from "../../../solutions/07-grid-and-random-search/budget.ts";
import { seededRandom } from "../../lib/random.ts";
import { dataUrl, parseDataset } from "../../lib/csv.ts";
import { mean, meanSdPercent as meanSd, sampleSd as sd } from "../experiment_results.ts";

const range = (v: readonly number[]) =>
  `${formatPercent(Math.min(...v))}–${formatPercent(Math.max(...v))}`;

// ---------------------------------------------------------------------------------------------
// One hyperparameter that matters, one that does not
// ---------------------------------------------------------------------------------------------

/** The effect of the hyperparameter that matters: a narrow peak off the grid's points. */
const xEffect = (x: number) => Math.exp(-0.5 * ((x - 0.63) / 0.07) ** 2);
/** The one that hardly matters: a slope of 0.05 over its whole range. */
const yEffect = (y: number) => 0.45 + 0.05 * y;
/** The toy score: almost all of it comes from x. */
const toyScore = (x: number, y: number) => 0.95 * xEffect(x) + yEffect(y) - 0.45;

const TOY_GRID = { x: [1 / 6, 1 / 2, 5 / 6], y: [1 / 6, 1 / 2, 5 / 6] };
const TOY_SPACE: Space = {
  x: { type: "uniform", low: 0, high: 1 },
  y: { type: "uniform", low: 0, high: 1 },
};
const TOY_SEEDS = 1000;

function toyPoints(configs: Config[]) {
  return configs.map((c) => ({ x: c.x as number, y: c.y as number }));
}

function toyFigure(): Promise<string> {
  const grid = toyPoints(gridPoints(TOY_GRID));
  const random = toyPoints(randomConfigurations(TOY_SPACE, 9, 1));
  const quasi = toyPoints(quasiRandomConfigurations(TOY_SPACE, 9, 1));
  return Promise.resolve(scatterWithMarginals({
    title: "9 trials when only x matters: grid, random and quasi-random (seed 1)",
    panels: [
      { title: "3 × 3 grid: 3 distinct x", points: grid },
      { title: "9 random points: 9 distinct x", points: random },
      { title: "9 quasi-random (Halton): 9 distinct x", points: quasi },
    ],
    xLabel: "x (matters)",
    yLabel: "y (hardly matters)",
    xEffect,
    yEffect: (y) => (yEffect(y) - 0.4) * 4,
  }));
}

function toyTable(): string {
  const best = (points: { x: number; y: number }[]) =>
    Math.max(...points.map((p) => toyScore(p.x, p.y)));
  const gridBest = best(toyPoints(gridPoints(TOY_GRID)));
  const randomBest = Array.from(
    { length: TOY_SEEDS },
    (_, s) => best(toyPoints(randomConfigurations(TOY_SPACE, 9, s))),
  );
  const quasiBest = Array.from(
    { length: TOY_SEEDS },
    (_, s) => best(toyPoints(quasiRandomConfigurations(TOY_SPACE, 9, s))),
  );
  const wins = randomBest.filter((b) => b > gridBest).length;
  const quasiWins = quasiBest.filter((b) => b > gridBest).length;
  const f = (v: number) => v.toFixed(3);
  return markdownTable(
    ["search (9 trials)", "distinct x tried", "best score: mean ± sd", "range"],
    [
      ["3 × 3 grid", "3", `${f(gridBest)} (always)`, "—"],
      [
        `random, ${TOY_SEEDS} seeds`,
        "9",
        `${f(mean(randomBest))} ± ${f(sd(randomBest))}`,
        `${f(Math.min(...randomBest))}–${f(Math.max(...randomBest))}`,
      ],
      [
        `quasi-random (scrambled Halton), ${TOY_SEEDS} seeds`,
        "9",
        `${f(mean(quasiBest))} ± ${f(sd(quasiBest))}`,
        `${f(Math.min(...quasiBest))}–${f(Math.max(...quasiBest))}`,
      ],
    ],
  ) +
    `\n\nRandom search beat the grid in ${wins} of ${TOY_SEEDS} seeds (${
      formatPercent(wins / TOY_SEEDS)
    }), quasi-random search in ${quasiWins} (${
      formatPercent(quasiWins / TOY_SEEDS)
    }); the best possible score is ${f(toyScore(0.63, 1))}.`;
}

// ---------------------------------------------------------------------------------------------
// Trials on real data, kept for the whole sync run
// ---------------------------------------------------------------------------------------------

const prepared = new Map<string, PreparedData>();
function data(name: string): PreparedData {
  if (!prepared.has(name)) {
    const file = `${name}.csv`;
    const dataset = parseDataset(Deno.readTextFileSync(dataUrl(file)), `data/${file}`);
    prepared.set(name, prepareData(dataset, name, 0));
  }
  return prepared.get(name)!;
}

/** A trial's validation result and, for the lesson's tables of ties only, its test score. */
type Measured = TrialResult & { testScore: number };
const pool = new Map<string, Measured>();
/** Trains `config` on `dataset` with `seed` once per sync run. */
function trial(
  dataset: string,
  config: Config,
  seed: number,
  base: TrialSettings,
): Measured {
  const settings = trialSettings(config, base);
  const key = JSON.stringify([dataset, settings, seed]);
  let result = pool.get(key);
  if (!result) {
    const trained = trainTrial(data(dataset), settings, seed);
    result = { ...trained.result, testScore: testAccuracy(trained.net, data(dataset)) };
    pool.set(key, result);
  }
  return result;
}

/** A finished search: its trials in id order and the winner by lesson 06's tie rule. */
interface Search {
  configs: Config[];
  results: Measured[];
  winner: number;
}

function search(
  dataset: string,
  configs: Config[],
  searchSeed: string,
  base: TrialSettings,
): Search {
  const results: Measured[] = [];
  for (const [id, config] of configs.entries()) {
    results.push(trial(dataset, config, trialSeed(searchSeed, id), base));
  }
  const winner = selectBest(results.map((r, id) => ({ id, ...r }))).id;
  return { configs, results, winner };
}

// Digits, lr × L2, 9 trials: a 3 × 3 grid at the log-centres of the range's thirds, or 9 draws.
const DIGITS_BASE: TrialSettings = { ...DEFAULT_SETTINGS, hidden: 32, epochs: 6, batchSize: 32 };
const LR = { low: 1e-3, high: 1 };
const L2 = { low: 1e-6, high: 1 };
const DIGITS_GRID = { lr: [10 ** -2.5, 10 ** -1.5, 10 ** -0.5], l2: [1e-5, 1e-3, 1e-1] };
const LOG_SPACE: Space = {
  lr: { type: "logUniform", ...LR },
  l2: { type: "logUniform", ...L2 },
};
const LINEAR_SPACE: Space = { lr: { type: "uniform", ...LR }, l2: { type: "uniform", ...L2 } };
const SEARCH_SEEDS = 20;
const CHANCE_LINE = 0.2;

const METHODS: { name: string; configs: (seed: number) => Config[] }[] = [
  { name: "3 × 3 grid (log-spaced)", configs: () => gridPoints(DIGITS_GRID) },
  { name: "9 random, log-uniform", configs: (s) => randomConfigurations(LOG_SPACE, 9, s) },
  { name: "9 random, uniform", configs: (s) => randomConfigurations(LINEAR_SPACE, 9, s) },
  {
    name: "9 quasi-random, log-uniform",
    configs: (s) => quasiRandomConfigurations(LOG_SPACE, 9, s),
  },
];

let comparison: { name: string; searches: Search[] }[] | undefined;
function digitsComparison() {
  return comparison ??= (() => {
    const out = [];
    for (const method of METHODS) {
      const searches = [];
      for (let s = 0; s < SEARCH_SEEDS; s++) {
        searches.push(
          search("digits", method.configs(s), `${method.name}/${s}`, DIGITS_BASE),
        );
      }
      out.push({ name: method.name, searches });
    }
    return out;
  })();
}

function digitsTable(): string {
  const rows = [];
  for (const { name, searches } of digitsComparison()) {
    const best = searches.map((s) => s.results[s.winner].score);
    const test = searches.map((s) => s.results[s.winner].testScore);
    const all = searches.flatMap((s) => s.results);
    const diverged = all.filter((r) => r.status === "diverged").length;
    // A run can fail without a non-finite loss: stuck at chance level (10 classes: 10 %).
    const failed = all.filter((r) => r.score < CHANCE_LINE).length;
    const lrs = new Set(searches.flatMap((s) => s.configs.map((c) => c.lr)));
    rows.push([
      name,
      meanSd(best),
      range(best),
      meanSd(test),
      `${formatPercent(diverged / all.length)} (${diverged} of ${all.length})`,
      `${formatPercent(failed / all.length)} (${failed} of ${all.length})`,
      String(lrs.size),
    ]);
  }
  return markdownTable([
    "search",
    "best validation: mean ± sd",
    "range over seeds",
    "test score of the winner: mean ± sd",
    "diverged trials (loss not finite)",
    `trials below ${formatPercent(CHANCE_LINE)} validation`,
    "distinct lr values (all seeds)",
  ], rows);
}

function budgetFigure(): Promise<string> {
  const budgets = Array.from({ length: 40 }, (_, i) => i + 1);
  const series = [];
  for (const { name, searches } of digitsComparison()) {
    // Dodge et al.'s estimate treats trials as independent draws: not a quasi-random sequence.
    if (name.includes("quasi")) continue;
    const scores = searches.flatMap((s) => s.results.map((r) => r.score));
    if (name.includes("grid")) {
      const best = mean(searches.map((s) => s.results[s.winner].score));
      series.push({
        name: `${name}, 9 trials (mean best)`,
        x: [9, 40],
        y: [best, best],
        dashed: true,
      });
    } else {
      series.push({
        name: `${name.replace("9 random, ", "random, ")} (${scores.length} trials pooled)`,
        x: budgets,
        y: budgets.map((n) => expectedMaxPerformance(scores, n)),
      });
    }
  }
  return lineChart({
    title:
      "Digits: expected best validation accuracy for a budget of n trials (Dodge et al., 2019)",
    xLabel: "trials n",
    yLabel: "expected best validation accuracy",
    series,
    yRange: [0, 1],
  });
}

function budgetTable(): string {
  const rows = [];
  for (const { name, searches } of digitsComparison()) {
    if (name.includes("grid") || name.includes("quasi")) continue;
    const scores = searches.flatMap((s) => s.results.map((r) => r.score));
    rows.push([
      name.replace("9 random, ", "random, "),
      ...[1, 3, 9, 20, 40].map((n) => formatPercent(expectedMaxPerformance(scores, n))),
    ]);
  }
  return markdownTable(["distribution", "n = 1", "n = 3", "n = 9", "n = 20", "n = 40"], rows);
}

// ---------------------------------------------------------------------------------------------
// 40-trial random searches on three datasets: ties, the tie rule, the test-once rule
// ---------------------------------------------------------------------------------------------

const WIDE_SPACE: Space = {
  lr: { type: "logUniform", low: 1e-3, high: 1 },
  l2: { type: "logUniform", low: 1e-6, high: 1e-1 },
  hidden: { type: "logInteger", low: 8, high: 128 },
};
const FORTY: { dataset: string; base: TrialSettings }[] = [
  { dataset: "digits", base: { ...DEFAULT_SETTINGS, epochs: 10 } },
  { dataset: "iris", base: { ...DEFAULT_SETTINGS, epochs: 60, batchSize: 16 } },
  { dataset: "wine", base: { ...DEFAULT_SETTINGS, epochs: 40, batchSize: 16 } },
];
const FORTY_SEED = 7;

let forty: { dataset: string; search: Search; rows: number }[] | undefined;
function fortySearches() {
  return forty ??= (() => {
    const out = [];
    for (const { dataset, base } of FORTY) {
      const configs = randomConfigurations(WIDE_SPACE, 40, FORTY_SEED);
      out.push({
        dataset,
        search: search(dataset, configs, `forty/${dataset}/${FORTY_SEED}`, base),
        rows: (data(dataset)).validation.rows,
      });
    }
    return out;
  })();
}

function tiesTable(): string {
  const rows = [];
  for (const { dataset, search, rows: n } of fortySearches()) {
    const winner = search.results[search.winner];
    const tied = search.results.filter((r) => r.score === winner.score);
    const tests = tied.map((r) => r.testScore);
    rows.push([
      dataset,
      String(n),
      formatPercent(1 / n),
      formatPercent(winner.score),
      `${tied.length} of 40`,
      `#${search.winner}`,
      formatPercent(winner.testScore),
      tied.length > 1 ? range(tests) : "—",
    ]);
  }
  return markdownTable([
    "data",
    "validation rows",
    "one row is",
    "best validation",
    "trials tied for best",
    "winner by the tie rule",
    "its test score (once)",
    "test scores of the tied trials",
  ], rows);
}

function incumbentFigure(): Promise<string> {
  const series = [];
  for (const { dataset, search } of fortySearches()) {
    const x = search.results.map((_, i) => i + 1);
    series.push({
      name: `${dataset}: best so far`,
      x,
      y: incumbentCurve(search.results.map((r) => r.score)),
      stepped: true,
    });
  }
  return lineChart({
    title: "40-trial random searches: validation accuracy of the incumbent after each trial",
    xLabel: "trial",
    yLabel: "best validation accuracy so far",
    series,
    yRange: [0.85, 1],
  });
}

// ---------------------------------------------------------------------------------------------
// Coarse to fine, and the border rule
// ---------------------------------------------------------------------------------------------

const ROUND_TRIALS = 20;
const ROUND_BASE: TrialSettings = { ...DEFAULT_SETTINGS, epochs: 10 };

interface Round {
  name: string;
  space: { lr: [number, number]; l2: [number, number] };
  search: Search;
}

/** Where `value` sits in [low, high] on a log scale: 0 at low, 1 at high. */
const logPosition = (value: number, [low, high]: [number, number]) =>
  Math.log(value / low) / Math.log(high / low);

let rounds: Round[] | undefined;
function coarseToFine(): Round[] {
  if (rounds) return rounds;
  const run = (name: string, lr: [number, number], l2: [number, number], seed: number): Round => {
    const space: Space = {
      lr: { type: "logUniform", low: lr[0], high: lr[1] },
      l2: { type: "logUniform", low: l2[0], high: l2[1] },
    };
    const configs = randomConfigurations(space, ROUND_TRIALS, seed);
    return {
      name,
      space: { lr, l2 },
      search: search("digits", configs, `c2f/${name}`, ROUND_BASE),
    };
  };
  // A first range that is too low for the learning rate: its best lands on the border.
  const narrow = run("1. first guess", [1e-4, 3e-3], [1e-6, 1e-2], 11);
  const wide = run("2. widened", [1e-4, 1], [1e-6, 1e-2], 12);
  // Narrow around the five best of the wide round (not the single best: a noisy maximum),
  // with a factor of 2 of margin on each side.
  const top = wide.search.results
    .map((r, id) => ({ id, ...r }))
    .sort((a, b) => b.score - a.score || a.loss - b.loss)
    .slice(0, 5)
    .map((t) => wide.search.configs[t.id]);
  const span = (name: string, limits: [number, number]): [number, number] => {
    const values = top.map((c) => c[name] as number);
    return [
      Math.max(limits[0], Math.min(...values) / 2),
      Math.min(limits[1], Math.max(...values) * 2),
    ];
  };
  const fine = run("3. refined", span("lr", wide.space.lr), span("l2", wide.space.l2), 13);
  return rounds = [narrow, wide, fine];
}

function coarseToFineTable(): string {
  const g = (v: number) => formatNumber(v, { digits: 2 });
  const rows = coarseToFine().map(({ name, space, search }) => {
    const winner = search.results[search.winner];
    const config = search.configs[search.winner];
    const lr = config.lr as number;
    const position = logPosition(lr, space.lr);
    return [
      name,
      `[${g(space.lr[0])}, ${g(space.lr[1])}]`,
      `[${g(space.l2[0])}, ${g(space.l2[1])}]`,
      formatPercent(winner.score),
      g(lr),
      `${formatPercent(position)}${position > 0.9 || position < 0.1 ? " (border)" : ""}`,
    ];
  });
  // The test set, once, for the winner of all rounds together (lesson 06's tie rule).
  const all = coarseToFine().flatMap(({ search }, round) =>
    search.results.map((r, i) => ({ ...r, id: round * ROUND_TRIALS + i }))
  );
  const best = selectBest(all);
  return markdownTable([
    "round (20 trials each)",
    "lr range",
    "L2 range",
    "best validation",
    "its lr",
    "lr's place in its range (log scale)",
  ], rows) +
    `\n\nThe winner of all ${all.length} trials is trial ${best.id} (round ${
      Math.floor(best.id / ROUND_TRIALS) + 1
    }): validation ${formatPercent(best.score)}, test ${
      formatPercent(best.testScore)
    }, measured once at the end.`;
}

// ---------------------------------------------------------------------------------------------
// Numbers of the text
// ---------------------------------------------------------------------------------------------

function logScaleTable(): string {
  const draws = 10000;
  const random = seededRandom("07/log-scale");
  const spaces = [
    { name: "uniform on [1e-4, 1]", d: { type: "uniform", low: 1e-4, high: 1 } as const },
    { name: "log-uniform on [1e-4, 1]", d: { type: "logUniform", low: 1e-4, high: 1 } as const },
  ];
  const edges = [1e-4, 1e-3, 1e-2, 1e-1, 1];
  const rows = spaces.map(({ name, d }) => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < draws; i++) {
      const v = sample(d, random) as number;
      counts[Math.min(3, Math.floor(Math.log10(v / 1e-4)))]++;
    }
    return [name, ...counts.map((c) => formatPercent(c / draws))];
  });
  const exact = (1 - 0.1) / (1 - 1e-4);
  return markdownTable(
    ["10,000 draws", ...edges.slice(1).map((e, i) => `[${edges[i]}, ${e})`)],
    rows,
  ) +
    `\n\nExactly: a uniform draw lands above 0.1 with probability (1 − 0.1)/(1 − 0.0001) = ${
      (100 * exact).toFixed(2)
    } %; the three lower decades share the remaining ${(100 * (1 - exact)).toFixed(2)} %.`;
}

function topFiveTable(): string {
  const ns = [1, 5, 10, 20, 30, 59, 60, 100];
  const needed = Math.ceil(Math.log(0.05) / Math.log(0.95));
  return markdownTable(
    ["trials n", ...ns.map(String)],
    [[
      "P(at least one in the top 5 %) = 1 − 0.95ⁿ",
      ...ns.map((n) => formatPercent(1 - 0.95 ** n)),
    ]],
  ) + `\n\nThe smallest n with a chance of at least 95 % is ${needed}.`;
}

/** Numbers quoted in the README's prose, from the constants and results above. */
export const values: Record<string, () => string> = {
  // Uniform β on [0.9, 0.999]: the share of draws below 0.99.
  "beta-uniform-below-099": () => formatPercent((0.99 - 0.9) / (0.999 - 0.9)).replace(".0 %", " %"),
  // Expected number of 20 uniform draws on [1e-4, 1] below 0.1.
  "uniform-lower-decades-of-20": () => formatNumber(20 * (0.1 - 1e-4) / (1 - 1e-4), { digits: 2 }),
  "toy-peak": () => formatNumber(0.63),
  "toy-slope": () => formatNumber(0.05),
  "digits-hidden": () => String(DIGITS_BASE.hidden),
  "digits-epochs": () => String(DIGITS_BASE.epochs),
  "digits-grid-lr": () => DIGITS_GRID.lr.map((v) => formatNumber(v, { digits: 2 })).join(", "),
  "digits-grid-l2": () => DIGITS_GRID.l2.map((v) => formatNumber(v)).join(", "),
  "search-seeds": () => String(SEARCH_SEEDS),
  "forty-epochs": () => FORTY.map(({ dataset, base }) => `${dataset} ${base.epochs}`).join(", "),
  "round-epochs": () => String(ROUND_BASE.epochs),
  "border-gain": () => {
    const [narrow, wide] = coarseToFine();
    const best = (r: Round) => r.search.results[r.search.winner].score;
    return formatNumber(100 * (best(wide) - best(narrow)), { digits: 2 });
  },
};

/** The README regions this module fills. */
export const blocks: Record<string, () => string> = {
  "toy-table": toyTable,
  "log-scale-table": logScaleTable,
  "top-five-table": topFiveTable,
  "digits-table": digitsTable,
  "budget-table": budgetTable,
  "ties-table": tiesTable,
  "coarse-to-fine-table": coarseToFineTable,
};

/** The figures this module draws. */
export const figures: Record<string, () => Promise<string>> = {
  "grid-vs-random": toyFigure,
  "expected-max": budgetFigure,
  "incumbent": incumbentFigure,
};
