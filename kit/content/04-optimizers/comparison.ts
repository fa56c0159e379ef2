/**
 * Lesson 04's comparison: every optimizer at PyTorch's default rate and at its best rate of a
 * grid, on the ill-conditioned quadratic and on Rosenbrock's function, with how much a 1-ulp
 * nudge of the start moves the result.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, type NumberStyle } from "../format.ts";
import { lineChart } from "../../lib/plot.ts";
import { createOptimizer, type Setting } from "./shared.ts";

interface Problem {
  label: string;
  f: (p: Float64Array) => number;
  grad: (p: Float64Array, g: Float64Array) => void;
  x0: number[];
  steps: number;
}

const QUADRATIC: Problem = {
  label: "½(x² + 100y²) from (−1.5, 0.8)",
  f: (p) => 0.5 * (p[0] * p[0] + 100 * p[1] * p[1]),
  grad: (p, g) => {
    g[0] = p[0];
    g[1] = 100 * p[1];
  },
  x0: [-1.5, 0.8],
  steps: 100,
};

const ROSENBROCK: Problem = {
  label: "Rosenbrock (1 − x)² + 100(y − x²)² from (−1.5, 2)",
  f: (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] * p[0]) ** 2,
  grad: (p, g) => {
    g[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]);
    g[1] = 200 * (p[1] - p[0] * p[0]);
  },
  x0: [-1.5, 2],
  steps: 1000,
};

/** The learning rates tried for each optimizer in the comparison. */
const LR_GRID = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3];

/**
 * The optimizers compared, each at a learning rate of the grid, and each with PyTorch's default
 * learning rate (SGD's is 1e-3 in recent PyTorch releases; the kit's `sgd` requires one).
 */
const COMPARED: { label: string; at: (lr: number) => Setting; defaultLr: number }[] = [
  { label: "SGD", at: (lr) => ({ name: "sgd", options: { lr } }), defaultLr: 1e-3 },
  {
    label: "SGD, momentum 0.9",
    at: (lr) => ({ name: "sgd", options: { momentum: 0.9, lr } }),
    defaultLr: 1e-3,
  },
  {
    label: "SGD, Nesterov 0.9",
    at: (lr) => ({ name: "sgd", options: { momentum: 0.9, nesterov: true, lr } }),
    defaultLr: 1e-3,
  },
  { label: "AdaGrad", at: (lr) => ({ name: "adagrad", options: { lr } }), defaultLr: 0.01 },
  { label: "AdaDelta", at: (lr) => ({ name: "adadelta", options: { lr } }), defaultLr: 1 },
  { label: "RMSprop", at: (lr) => ({ name: "rmsprop", options: { lr } }), defaultLr: 0.01 },
  { label: "Adam", at: (lr) => ({ name: "adam", options: { lr } }), defaultLr: 1e-3 },
  { label: "AdamW (λ = 0.01)", at: (lr) => ({ name: "adamw", options: { lr } }), defaultLr: 1e-3 },
];

/** A final loss that moves by more than this (relative) when the start moves by 1 ulp is chaotic. */
const CHAOTIC = 1e-6;

/** Losses f(θ₀), f(θ₁), …, f(θ_N); Infinity once the run has left the finite numbers. */
function lossCurve(problem: Problem, setting: Setting): number[] {
  const opt = createOptimizer(setting);
  const p = Float64Array.from(problem.x0);
  const g = new Float64Array(p.length);
  const losses = [problem.f(p)];
  for (let k = 0; k < problem.steps; k++) {
    problem.grad(p, g);
    opt.step(p, g);
    const loss = problem.f(p);
    losses.push(Number.isFinite(loss) ? loss : Infinity);
    if (!Number.isFinite(loss)) break;
  }
  return losses;
}

interface Best {
  label: string;
  lr: number;
  losses: number[];
  finalLoss: number;
  point: number[];
  /** Final loss at PyTorch's default learning rate. */
  defaultLoss: number;
  /** Relative change of the final loss at the best lr when x0[0] moves by one ulp. */
  nudged: number;
}

/** Final loss after `problem.steps` steps from `x0` (Infinity when the run left the numbers). */
function finalLossFrom(problem: Problem, x0: number[], setting: Setting): number {
  const losses = lossCurve({ ...problem, x0 }, setting);
  return losses.length === problem.steps + 1 ? losses[losses.length - 1] : Infinity;
}

/** The next float above `x`, for x ≠ 0: one unit in the last place. */
function nextUp(x: number): number {
  const bits = new Float64Array([x]);
  const view = new BigInt64Array(bits.buffer);
  view[0] += x > 0 ? 1n : -1n;
  return bits[0];
}

/** Ranks (1 = lowest) of `values`, ties sharing the better rank. */
function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w < v).length);
}

function bestRuns(problem: Problem): Best[] {
  return COMPARED.map((c) => {
    let best: Best | null = null;
    for (const lr of LR_GRID) {
      const losses = lossCurve(problem, c.at(lr));
      const finalLoss = losses.length === problem.steps + 1 ? losses[losses.length - 1] : Infinity;
      // Ties (equal final loss) go to the smaller learning rate, the first one tried.
      if (best === null || finalLoss < best.finalLoss) {
        best = { label: c.label, lr, losses, finalLoss, point: [], defaultLoss: 0, nudged: 0 };
      }
    }
    const opt = createOptimizer(c.at(best!.lr));
    const p = Float64Array.from(problem.x0);
    const g = new Float64Array(p.length);
    for (let k = 0; k < problem.steps; k++) {
      problem.grad(p, g);
      opt.step(p, g);
    }
    best!.point = Array.from(p);
    best!.defaultLoss = finalLossFrom(problem, problem.x0, c.at(c.defaultLr));
    const nudgedStart = [nextUp(problem.x0[0]), ...problem.x0.slice(1)];
    const nudgedLoss = finalLossFrom(problem, nudgedStart, c.at(best!.lr));
    best!.nudged = Math.abs(nudgedLoss - best!.finalLoss) / best!.finalLoss;
    return best!;
  });
}

const cache = new Map<Problem, Best[]>();

function comparison(problem: Problem): Best[] {
  if (!cache.has(problem)) cache.set(problem, bestRuns(problem));
  return cache.get(problem)!;
}

function comparisonTable(problem: Problem): string {
  const rows = [
    `| optimizer | at PyTorch's default lr: loss after ${problem.steps} steps (rank) | best lr on the grid | loss after ${problem.steps} steps (rank) | where it ended | change under a 1-ulp nudge of the start |`,
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const runs = comparison(problem);
  const defaultRanks = ranks(runs.map((b) => b.defaultLoss));
  const tunedRanks = ranks(runs.map((b) => b.finalLoss));
  const sup3: NumberStyle = { digits: 3, exponent: "sup" };
  runs.forEach((b, i) => {
    const lr = COMPARED[i].defaultLr;
    rows.push(
      `| ${b.label} | ${formatNumber(b.defaultLoss, sup3)} at ${lr} (${
        defaultRanks[i]
      }) | ${b.lr} | ${formatNumber(b.finalLoss, sup3)} (${tunedRanks[i]}) | (${
        formatNumber(b.point[0], { digits: 4, exponent: "sup" })
      }, ${formatNumber(b.point[1], { digits: 4, exponent: "sup" })}) | ${
        b.nudged > CHAOTIC
          ? `**${formatNumber(b.nudged, { digits: 2 })}**`
          : formatNumber(b.nudged, { digits: 1, exponent: "sup" })
      } |`,
    );
  });
  return rows.join("\n");
}

/** Whether tuning the rate reordered the optimizers on either problem, as the lesson words it. */
function rankingChanged(): string {
  const changed = [QUADRATIC, ROSENBROCK].some((problem) => {
    const runs = comparison(problem);
    const before = ranks(runs.map((b) => b.defaultLoss));
    const after = ranks(runs.map((b) => b.finalLoss));
    return before.some((r, i) => r !== after[i]);
  });
  return changed ? "changes the ranking" : "leaves the ranking as it was";
}

/** The rows of `problem` whose final loss moves by more than {@link CHAOTIC} under a 1-ulp nudge. */
function chaoticRows(problem: Problem): string {
  const names = comparison(problem).filter((b) => b.nudged > CHAOTIC).map((b) => b.label);
  return names.length === 0 ? "none" : names.join(" and ");
}

function comparisonFigure(problem: Problem): Promise<string> {
  return lineChart({
    title: `${problem.label}: each optimizer at its best grid lr`,
    xLabel: "step",
    yLabel: "loss (floored at 1e-12)",
    logY: true,
    series: comparison(problem).map((b) => ({
      name: `${b.label}, lr ${b.lr}`,
      x: b.losses.map((_, k) => k),
      y: b.losses.map((l) => Math.max(l, 1e-12)),
    })),
  });
}

/** The comparison's tables, figures and quoted numbers. */
export const comparisonTopic: LessonContent = {
  blocks: {
    "compare-quadratic": () => comparisonTable(QUADRATIC),
    "compare-rosenbrock": () => comparisonTable(ROSENBROCK),
  },
  values: {
    "ranking-changed": rankingChanged,
    "rosenbrock-chaotic": () => chaoticRows(ROSENBROCK),
    "quadratic-chaotic": () => chaoticRows(QUADRATIC),
    "chaotic-threshold": () => formatNumber(CHAOTIC),
  },
  figures: {
    "compare-quadratic": () => comparisonFigure(QUADRATIC),
    "compare-rosenbrock": () => comparisonFigure(ROSENBROCK),
  },
};
