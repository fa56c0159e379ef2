/**
 * Lesson 11's worked campaigns: tables, quoted numbers and figures, read from the committed
 * results of `deno task experiment lesson-11` (`kit/results/11-capstone.json`), so that
 * `deno task sync` does not retrain the networks of the experiment.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, formatPercent, markdownTable } from "../format.ts";
import { mean } from "../experiment_results.ts";
import { firstPrimes } from "../../../solutions/07-grid-and-random-search/quasi_random.ts";
import { lineChart, type Series } from "../../lib/plot.ts";
import { OVERFIT, type Session } from "../../capstone/session.ts";
import { comparisonTable, dimensionText, logRows } from "../../capstone/report.ts";
import { BASELINE_CONFIG } from "../../capstone/lab.ts";
import results from "../../results/11-capstone.json" with { type: "json" };
import { ADAM_HALVING } from "./designs.ts";
import { DESIGN, halvingRungs } from "../../../solutions/11-capstone/campaign.ts";
import {
  mcnemarExact,
  normalInterval,
  wilsonInterval,
  Z_95,
} from "../../../solutions/11-capstone/interval.ts";

type Stored = Omit<Session, "record">;
const asSession = (s: unknown): Session => ({ ...(s as Stored), record: [] });
const reference = results.sessions.reference.map(asSession);
const adam = results.sessions.adamHalving.map(asSession);
const worked = reference[0];
const pct2 = (x: number) => `${(100 * x).toFixed(2)} %`;
const points = (x: number, digits = 2) => `${(100 * x).toFixed(digits)}`;

/** A number of a stored report, by path. */
function field(s: Session, ...path: string[]): number {
  let at: unknown = s.report;
  for (const key of path) at = (at as Record<string, unknown>)?.[key];
  return Number(at);
}

function phaseCount(s: Session, phase: string): number {
  return logRows(String(s.report.log)).rows.filter((r) => r.phase === phase).length;
}

function designTable(): string {
  const role = (name: string) =>
    DESIGN.scientific.includes(name)
      ? "scientific"
      : DESIGN.nuisance.includes(name)
      ? "nuisance"
      : "fixed";
  return markdownTable(["hyperparameter", "role", "explore phase"], [
    ...Object.entries(DESIGN.space).map((
      [name, d],
    ) => [`\`${name}\``, role(name), dimensionText(d)]),
    ...Object.entries(DESIGN.fixed).map(([name, v]) => [`\`${name}\``, "fixed", String(v)]),
  ]);
}

function sanityTable(): string {
  const s = worked.sanity;
  return markdownTable(["check", "expected", "measured"], [
    [
      "validation loss of an untrained network (one hidden layer of 32)",
      `near ln 10 = ${formatNumber(s.expectedInitialLoss)}`,
      formatNumber(s.initialLoss),
    ],
    [
      `training loss after ${OVERFIT.epochs} epochs on ${OVERFIT.rows} rows (width ${OVERFIT.width}, SGD lr ${OVERFIT.lr}, momentum ${OVERFIT.momentum})`,
      "near 0",
      formatNumber(s.overfitLoss),
    ],
    ["training accuracy on those rows", "100 %", formatPercent(s.overfitAccuracy)],
  ]);
}

function repeatsTable(): string {
  const row = (name: string, s: Session) => {
    const width = field(s, "final", "interval", "high") - field(s, "final", "interval", "low");
    return [
      name,
      s.plan.seed,
      `${phaseCount(s, "explore")} + ${phaseCount(s, "exploit")}`,
      pct2(field(s, "final", "validation")),
      `${field(s, "baseline", "correct")}/${field(s, "baseline", "rows")}`,
      `${field(s, "final", "correct")}/${field(s, "final", "rows")}`,
      points(field(s, "comparison", "gap")),
      points(width),
      `${field(s, "comparison", "finalOnly")} / ${field(s, "comparison", "baselineOnly")}`,
      formatNumber(field(s, "comparison", "pValue"), { digits: 3 }),
      formatNumber(s.seconds, { digits: 2 }),
    ];
  };
  return markdownTable(
    [
      "design",
      "seed",
      "runs (explore + exploit)",
      "winner's validation",
      "baseline test",
      "final test",
      "gap (points)",
      "final interval width (points)",
      "b / c",
      "McNemar p",
      "seconds",
    ],
    [
      ...reference.map((s) => row("reference (SGD, random)", s)),
      ...adam.map((s) => row("Adam, halving", s)),
    ],
  );
}

function intervalTable(): string {
  const cases = [
    { correct: 349, n: 360 },
    { correct: field(worked, "final", "correct"), n: field(worked, "final", "rows") },
    { correct: 360, n: 360 },
    { correct: 0, n: 1797 },
  ];
  return markdownTable(
    ["right / rows", "accuracy", "normal approximation", "Wilson"],
    cases.map(({ correct, n }) => {
      const a = normalInterval(correct, n, Z_95), w = wilsonInterval(correct, n, Z_95);
      return [
        `${correct}/${n}`,
        pct2(correct / n),
        `[${pct2(a.low)}, ${pct2(a.high)}] (±${points((a.high - a.low) / 2)})`,
        `[${pct2(w.low)}, ${pct2(w.high)}]`,
      ];
    }),
  );
}

async function campaignFigure(): Promise<string> {
  const { rows } = logRows(String(worked.report.log));
  const series: Series[] = [];
  for (const phase of ["explore", "exploit"]) {
    const mine = rows.filter((r) => r.phase === phase && Number.isFinite(Number(r.score)));
    series.push({
      name: `${phase} run`,
      x: mine.map((r) => Number(r.id)),
      y: mine.map((r) => Number(r.score)),
      line: false,
      points: true,
    });
  }
  const scores = rows.map((r) => r.phase === "baseline" ? NaN : Number(r.score));
  let best = -Infinity;
  series.push({
    name: "best so far",
    x: rows.map((r) => Number(r.id)),
    y: scores.map((s) => (best = Number.isFinite(s) && s > best ? s : best, best)),
    stepped: true,
  });
  const base = field(worked, "baseline", "validation");
  series.push({
    name: "baseline (validation)",
    x: [0, rows.length - 1],
    y: [base, base],
    color: "#555555",
    dashed: true,
  });
  return await lineChart({
    title: "The worked campaign on digits: validation accuracy of each run",
    description: "Quasi-random exploration, then random search in the narrowed space, against " +
      "the pre-registered baseline's validation accuracy.",
    xLabel: "run (in training order)",
    yLabel: "validation accuracy",
    series,
    // Down to the worst finite run, in tenths: a range that cut it off would hide runs.
    yRange: [Math.min(0.9, Math.floor(10 * Math.min(...scores.filter(Number.isFinite))) / 10), 1],
  });
}

/** The learning rate of a session's winner, from its log. */
function winnerLr(s: Session): number {
  const { rows } = logRows(String(s.report.log));
  return Number(rows.find((r) => r.id === field(s, "winnerId"))?.lr);
}

/** The range of the winners' learning rates over `list`, as "a to b". */
function lrRange(list: Session[]): string {
  const rates = list.map(winnerLr);
  const show = (x: number) => formatNumber(x, { digits: 2 });
  return `${show(Math.min(...rates))} to ${show(Math.max(...rates))}`;
}

const wins = (list: Session[]) => list.filter((s) => field(s, "comparison", "gap") > 0).length;
const significant = (list: Session[]) =>
  list.filter((s) => field(s, "comparison", "pValue") < 0.05).length;

/** The worked campaigns' README regions, values and figures. */
export const workedRun: LessonContent = {
  blocks: {
    "capstone-design": designTable,
    "capstone-sanity": sanityTable,
    "capstone-comparison": () => comparisonTable(worked),
    "capstone-repeats": repeatsTable,
    "capstone-intervals": intervalTable,
  },
  values: {
    "baseline-config": () =>
      Object.entries(BASELINE_CONFIG).map(([k, v]) => `\`${k}\` = ${v}`).join(", "),
    "budget": () => String(results.lab.budget),
    "explore-share": () => formatPercent(DESIGN.exploreShare),
    "keep": () => String(DESIGN.keep),
    "max-epochs": () => String(results.lab.maxEpochs),
    "patience": () => String(results.lab.patience),
    "explore-runs": () => String(phaseCount(worked, "explore")),
    "exploit-runs": () => String(phaseCount(worked, "exploit")),
    "worked-seconds": () => formatNumber(worked.seconds, { digits: 2 }),
    "initial-loss": () => formatNumber(worked.sanity.initialLoss),
    "ln-classes": () => formatNumber(worked.sanity.expectedInitialLoss),
    "baseline-validation": () => pct2(field(worked, "baseline", "validation")),
    "final-validation": () => pct2(field(worked, "final", "validation")),
    "baseline-test": () => pct2(field(worked, "baseline", "accuracy")),
    "final-test": () => pct2(field(worked, "final", "accuracy")),
    "gap": () => points(field(worked, "comparison", "gap")),
    "final-width": () =>
      points(
        field(worked, "final", "interval", "high") - field(worked, "final", "interval", "low"),
      ),
    "b": () => String(field(worked, "comparison", "finalOnly")),
    "c": () => String(field(worked, "comparison", "baselineOnly")),
    // Three significant digits, as the comparison table prints it.
    "p-value": () => String(Number(field(worked, "comparison", "pValue").toPrecision(3))),
    "optimism": () =>
      points(field(worked, "final", "validation") - field(worked, "final", "accuracy"))
        .replace("-", "−"),
    // The mistake of comparing across row sets: the winner's test against the baseline's validation.
    "mixed-gap": () =>
      points(field(worked, "final", "accuracy") - field(worked, "baseline", "validation")),
    "worked-verdict": () =>
      field(worked, "comparison", "pValue") < 0.05
        ? "significant at 5 %, though a single campaign is one draw (see the repeats below)"
        : "not significant at 5 %: this campaign does not show that tuning beat the defaults on " +
          "these test rows",
    "lr-ratio": () => {
      const logMean = (list: Session[]) => mean(list.map((s) => Math.log(winnerLr(s))));
      return formatNumber(Math.exp(logMean(reference) - logMean(adam)), { digits: 2 });
    },
    "sgd-winner-lr": () => lrRange(reference),
    "adam-winner-lr": () => lrRange(adam),
    "halving-rungs": () => {
      const rungs = halvingRungs(results.lab.maxEpochs);
      return `${rungs.slice(0, -1).join(", ")} and ${rungs.at(-1)}`;
    },
    "wilson-raw-low": () => {
      // The Wilson formula at 0 right out of 1,797 rows, before the clamp.
      const n = 1797, z2 = Z_95 * Z_95;
      const low = (z2 / (2 * n) - Z_95 * Math.sqrt(z2 / (4 * n * n))) / (1 + z2 / n);
      return low.toExponential(1).replace("-", "−");
    },
    "final-half": () =>
      points(
        (field(worked, "final", "interval", "high") - field(worked, "final", "interval", "low")) /
          2,
      ),
    "test-rows": () => String(field(worked, "final", "rows")),
    "campaigns": () => String(reference.length + adam.length),
    "wins": () => String(wins(reference) + wins(adam)),
    "significant": () => String(significant(reference) + significant(adam)),
    "mean-gap": () =>
      points(mean([...reference, ...adam].map((s) => field(s, "comparison", "gap")))),
    "baseline-errors": () => {
      const errors = [...reference, ...adam].map((s) =>
        field(s, "baseline", "rows") - field(s, "baseline", "correct")
      );
      return `${Math.min(...errors)} to ${Math.max(...errors)}`;
    },
    "disagreements": () => {
      const n = [...reference, ...adam].map((s) =>
        field(s, "comparison", "finalOnly") + field(s, "comparison", "baselineOnly")
      );
      return `${Math.min(...n)} to ${Math.max(...n)}`;
    },
    "run-cpus": () => String(results.cpus),
    "reference-batch": () => String(DESIGN.fixed.batchSize),
    "adam-batch": () => String(ADAM_HALVING.fixed.batchSize),
    "campaign-seeds": () => String(results.seeds.length),
    "overfit-rows": () => String(OVERFIT.rows),
    "dimensions": () => String(Object.keys(DESIGN.space).length),
    // The Halton bases are the first primes, one per dimension (as shiftedHalton takes them).
    "largest-base": () => String(firstPrimes(Object.keys(DESIGN.space).length).at(-1)),
    "run-seconds": () => formatNumber(results.runSeconds, { digits: 3 }),
    "run-engine": () => results.engine,
    "half-width-349": () =>
      points((normalInterval(349, 360, Z_95).high - normalInterval(349, 360, Z_95).low) / 2),
    "mcnemar-12-5": () => formatNumber(mcnemarExact(12, 5), { digits: 2 }),
  },
  figures: { "capstone-campaign": campaignFigure },
};
