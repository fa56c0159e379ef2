import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import {
  categoricalLogProbability,
  groupLogDensity,
  parzenLogDensity,
  splitTrials,
  tpeScore,
} from "./tpe.ts";
import type { Config, Space, Trial } from "./space.ts";

// Parzen densities divide by each kernel's mass on [0, 1], a difference of two Φ values: with Φ
// to 1e-7 the log density agrees to about 1e-6. Any real mistake moves it by far more.
const LOG_ABS = 1e-6;
const c = cases.tpe;
const space = c.space as Space;
const trialsOf = (list: readonly { config: unknown; score: number | null }[]): Trial[] =>
  list.map((t) => ({ config: t.config as Config, score: t.score ?? NaN }));
const scoresText = (list: readonly { score: number | null }[]) =>
  `[${list.map((t) => t.score ?? NaN).join(", ")}]`;

graded({
  name: "splitTrials: the ⌈γ·n⌉ best scores are the good group",
  points: 2,
  hint: "γ counted on the wrong side? The kit MAXIMISES: the good group is the ⌈γ·n⌉ HIGHEST " +
    "scores (at most cap, at least 1), NaN worst, ties by index; both lists of indices in " +
    "increasing order. Lesson 09, 'TPE: two densities instead of one model'.",
}, () => {
  for (const t of c.splits) {
    expectEqual({
      input: `splitTrials(trials with scores ${scoresText(t.trials)}, ${t.gamma}, ${t.cap})`,
      actual: () => splitTrials(trialsOf(t.trials), t.gamma, t.cap),
      expected: t.expected,
    });
  }
});

graded({
  name: "parzenLogDensity: a truncated kernel per centre plus the prior",
  points: 2,
  hint: "Bandwidth h = bandwidth(n); p(u) = [w·N₀(u) + Σ N_c(u)] / (w + n) with N₀ = N(0.5, 1²), " +
    "N_c = N(c, h²), EACH divided by its mass on [0, 1] (Φ((1 − μ)/σ) − Φ(−μ/σ)); return the log. " +
    "Lesson 09, 'The Parzen estimator'.",
}, () => {
  for (const t of c.parzen) {
    expectNumber({
      input: `parzenLogDensity(${t.u}, ${JSON.stringify(t.centres)}, ${t.priorWeight})`,
      actual: () => parzenLogDensity(t.u, t.centres, t.priorWeight),
      expected: t.expected,
      abs: LOG_ABS,
    });
  }
});

graded({
  name: "categoricalLogProbability: counts smoothed by the prior",
  points: 2,
  hint: "P(v) = (count of v + priorWeight/K) / (n + priorWeight), K values: a value never seen " +
    "keeps a share of the prior. Lesson 09, 'Choices and conditions'.",
}, () => {
  for (const t of c.categorical) {
    expectNumber({
      input:
        `categoricalLogProbability(${JSON.stringify(t.value)}, ${JSON.stringify(t.observed)}, ` +
        `${JSON.stringify(t.values)}, ${t.priorWeight})`,
      actual: () => categoricalLogProbability(t.value, t.observed, t.values, t.priorWeight),
      expected: t.expected,
      rel: 1e-12,
      abs: 1e-14,
    });
  }
});

graded({
  name: "groupLogDensity: the sum over hyperparameters, log scale where log-distributed",
  points: 2,
  hint: "Forgetting the log transform? lr and hidden are log-distributed: their kernels sit at " +
    "toUnit(value), on the LOG scale, and so does the point evaluated. Numbers by " +
    "parzenLogDensity, the choice by categoricalLogProbability, logs added.",
}, () => {
  for (const t of c.groups) {
    expectNumber({
      input: `groupLogDensity(${JSON.stringify(t.config)}, ${JSON.stringify(t.group)}, space)`,
      actual: () => groupLogDensity(t.config as Config, t.group as Config[], space),
      expected: t.expected,
      abs: 4 * LOG_ABS,
    });
  }
});

graded({
  name: "tpeScore: log l(x) − log g(x)",
  points: 2,
  hint: "Split the trials with splitTrials(trials, γ); l from the good group's configurations, " +
    "g from the bad's; return groupLogDensity(l) − groupLogDensity(g) (good minus bad).",
}, () => {
  for (const t of c.scores) {
    expectNumber({
      input: `tpeScore(${JSON.stringify(t.config)}, trials with scores ${scoresText(t.trials)}, ` +
        `space, ${t.gamma})`,
      actual: () => tpeScore(t.config as Config, trialsOf(t.trials), space, t.gamma),
      expected: t.expected,
      abs: 8 * LOG_ABS,
    });
  }
});

graded({
  name: "splitTrials: refuses no trials and γ outside (0, 1]",
  points: 1,
  hint: "Throw a RangeError for an empty list of trials, γ <= 0 or γ > 1.",
}, () => {
  const t = c.splits[0];
  expectEqual({
    input: `splitTrials(trials with scores ${scoresText(t.trials)}, ${t.gamma}, ${t.cap})`,
    actual: () => splitTrials(trialsOf(t.trials), t.gamma, t.cap),
    expected: t.expected,
  });
  expectThrows({ input: "splitTrials([], 0.25)", actual: () => splitTrials([], 0.25) });
  const one = trialsOf(t.trials);
  expectThrows({ input: "splitTrials(trials, 0)", actual: () => splitTrials(one, 0) });
  expectThrows({ input: "splitTrials(trials, 1.5)", actual: () => splitTrials(one, 1.5) });
});
