/**
 * Lesson 11's worked capstone run: tables, quoted numbers and figures, read from the committed
 * results of `deno task experiment lesson-11` (`kit/results/11-capstone.json`), so
 * that `deno task sync` does not retrain the 200 networks of the experiment.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, formatPercent, markdownTable } from "../format.ts";
import { lineChart, type Series } from "../../lib/plot.ts";
import { parseCsvRecords } from "../../lib/csv.ts";
import { formatReport } from "../../capstone/report.ts";
import type { ReportNumbers } from "../../capstone/session.ts";
import { OVERFIT } from "../../capstone/session.ts";
import { BASELINE_CONFIG } from "../../capstone/lab.ts";
import results from "../../results/11-capstone.json" with { type: "json" };
import { normalInterval, wilsonInterval, Z_95 } from "../../../solutions/11-capstone/interval.ts";

const worked = results.numbers as ReportNumbers;
const repeats = results.repeats as ReportNumbers[];
const points = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}`;
const pct2 = (x: number) => `${(100 * x).toFixed(2)} %`;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The worked run's log, by column name. */
const log = (() => {
  const [header, ...rows] = parseCsvRecords(results.log);
  return rows.map((row) => Object.fromEntries(header.map((name, j) => [name, row[j]])));
})();

function sanityTable(): string {
  const s = worked.sanity;
  return markdownTable(["check", "expected", "measured"], [
    [
      "validation loss of the untrained baseline network",
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

function baselineTable(): string {
  const b = worked.baseline;
  return markdownTable(["baseline seed", "validation accuracy"], [
    ...b.scores.map((x, k) => [`base/${k}`, formatPercent(x)]),
    ["mean ± sample sd", `${pct2(b.mean)} ± ${points(b.sd, 2)} points`],
  ]);
}

function topTrials(): string {
  const sorted = [...log].sort((a, b) =>
    Number(b.score) - Number(a.score) || Number(a.loss) - Number(b.loss) ||
    Number(a.cost) - Number(b.cost) || Number(a.id) - Number(b.id)
  ).slice(0, 6);
  return markdownTable(
    [
      "trial",
      "optimizer",
      "lr",
      "batch",
      "width × depth",
      "dropout",
      "schedule (warm-up)",
      "epochs",
      "validation",
      "loss",
    ],
    sorted.map((r) => [
      r.id,
      r.optimizer,
      formatNumber(Number(r.lr), { digits: 2 }),
      r.batchSize,
      `${r.width} × ${r.depth}`,
      formatNumber(Number(r.dropout), { digits: 2 }),
      `${r.schedule} (${r.warmup})`,
      r.epochs,
      pct2(Number(r.score)),
      formatNumber(Number(r.loss), { digits: 3 }),
    ]),
  );
}

function repeatsTable(): string {
  const rows = repeats.map((n) => [
    n.plan.seed,
    n.bestId,
    String(n.bestConfig.optimizer),
    pct2(n.bestValidation),
    `${n.test.correct}/${n.test.rows} = ${pct2(n.test.accuracy)}`,
    `[${formatPercent(n.test.low)}, ${formatPercent(n.test.high)}]`,
    points(n.optimismGap, 2),
    n.epochsTrained,
  ]);
  rows.push([
    "mean",
    "",
    "",
    pct2(mean(repeats.map((n) => n.bestValidation))),
    pct2(mean(repeats.map((n) => n.test.accuracy))),
    "",
    points(mean(repeats.map((n) => n.optimismGap)), 2),
    formatNumber(mean(repeats.map((n) => n.epochsTrained)), { digits: 3 }),
  ]);
  return markdownTable(
    [
      "search seed",
      "winner",
      "optimizer",
      "best validation",
      "test",
      "95 % Wilson",
      "gap (points)",
      "epochs",
    ],
    rows,
  );
}

function intervalTable(): string {
  const cases = [
    { correct: 349, n: 360 },
    { correct: worked.test.correct, n: worked.test.rows },
    { correct: 360, n: 360 },
    { correct: 90, n: 100 },
  ];
  return markdownTable(
    ["right / rows", "accuracy", "normal approximation", "Wilson"],
    cases.map(({ correct, n }) => {
      const a = normalInterval(correct, n, Z_95), w = wilsonInterval(correct, n, Z_95);
      return [
        `${correct}/${n}`,
        pct2(correct / n),
        `[${pct2(a.low)}, ${pct2(a.high)}] (±${points((a.high - a.low) / 2, 2)})`,
        `[${pct2(w.low)}, ${pct2(w.high)}]`,
      ];
    }),
  );
}

async function incumbentFigure(): Promise<string> {
  const series: Series[] = repeats.map((n, i) => ({
    name: `search seed ${n.plan.seed}`,
    x: n.incumbent.epochs,
    y: n.incumbent.best,
    stepped: true,
    dashed: i > 0,
  }));
  const last = Math.max(...repeats.map((n) => n.incumbent.epochs.at(-1)!));
  series.push({
    name: "baseline mean (10 seeds)",
    x: [0, last],
    y: [worked.baseline.mean, worked.baseline.mean],
    color: "#555555",
    dashed: true,
  });
  return await lineChart({
    title: "Capstone on digits: best validation accuracy so far against epochs trained",
    description: `Random search of ${worked.trials} trials, at most ${worked.budget.maxEpochs} ` +
      "epochs each with early stopping, for five search seeds, against the baseline's mean.",
    xLabel: "epochs trained by the search (cumulative)",
    yLabel: "best validation accuracy so far",
    series,
    // The first trials of some seeds score far lower; the interesting range is the top one.
    yRange: [0.93, 0.985],
  });
}

/** The epochs after which a run's incumbent is within two validation rows of its final value. */
function epochsToNearFinal(n: ReportNumbers): number {
  const final = n.incumbent.best.at(-1)!;
  const i = n.incumbent.best.findIndex((b) => b >= final - 2 / 359 - 1e-12);
  return n.incumbent.epochs[i];
}

/** The worked run's README regions, values and figures. */
export const workedRun: LessonContent = {
  blocks: {
    "capstone-sanity": sanityTable,
    "capstone-baseline": baselineTable,
    "capstone-top-trials": topTrials,
    "capstone-report": () => "```text\n" + formatReport(worked) + "\n```",
    "capstone-repeats": repeatsTable,
    "capstone-intervals": intervalTable,
  },
  values: {
    "baseline-config": () =>
      Object.entries(BASELINE_CONFIG).map(([k, v]) => `\`${k}\` = ${v}`).join(", "),
    "max-epochs": () => String(results.lab.maxEpochs),
    "patience": () => String(results.lab.patience),
    "worked-trials": () => String(results.plan.trials),
    "worked-baseline-seeds": () => String(results.plan.baselineSeeds),
    "repeat-count": () => String(repeats.length),
    "run-seconds": () => formatNumber(results.runSeconds, { digits: 3 }),
    "run-engine": () => results.engine,
    "baseline-mean": () => pct2(worked.baseline.mean),
    "baseline-sd": () => points(worked.baseline.sd, 2),
    "best-validation": () => pct2(worked.bestValidation),
    "best-id": () => String(worked.bestId),
    "test-accuracy": () => pct2(worked.test.accuracy),
    "test-correct": () => `${worked.test.correct}/${worked.test.rows}`,
    "test-low": () => formatPercent(worked.test.low),
    "test-high": () => formatPercent(worked.test.high),
    "gap": () => points(worked.optimismGap, 2),
    "epochs-trained": () => String(worked.epochsTrained),
    "train-seconds": () => formatNumber(worked.trainSeconds, { digits: 3 }),
    "near-final-epochs": () => String(Math.max(...repeats.map(epochsToNearFinal))),
    "above-baseline": () =>
      String(repeats.filter((n) => n.test.accuracy > worked.baseline.mean).length),
    "interval-excludes": () =>
      String(repeats.filter((n) => n.test.low > worked.baseline.mean).length),
    "mean-gap": () => points(mean(repeats.map((n) => n.optimismGap)), 2),
    "min-gap": () => points(Math.min(...repeats.map((n) => n.optimismGap)), 2),
    "max-gap": () => points(Math.max(...repeats.map((n) => n.optimismGap)), 2),
    "half-width-349": () =>
      points((normalInterval(349, 360, Z_95).high - normalInterval(349, 360, Z_95).low) / 2, 2),
  },
  figures: { "capstone-incumbent": incumbentFigure },
};
