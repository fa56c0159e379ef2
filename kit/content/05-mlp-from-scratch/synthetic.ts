/**
 * Lesson 05's synthetic experiment: two moons and spirals, a linear model against one with
 * hidden layers.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatPercent } from "../format.ts";
import { lineChart } from "../../lib/plot.ts";
import { spirals, twoMoons } from "../../lib/synthetic.ts";
import { SEED } from "./shared.ts";
import { accuracy, createMlp } from "../../../solutions/05-mlp-from-scratch/mlp.ts";
import { train } from "../../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../../solutions/04-optimizers/optimizers.ts";

/** Two moons and spirals: a linear model against one with a hidden layer. */
function syntheticRuns() {
  const sets = [
    { name: "two moons", data: twoMoons({ n: 400, noise: 0.15, seed: SEED }) },
    { name: "spirals", data: spirals({ perClass: 100, classes: 3, noise: 0.2, seed: SEED }) },
  ];
  return sets.map(({ name, data }) => {
    const classes = data.classCount;
    const nets = [
      { label: "no hidden layer", sizes: [2, classes] },
      { label: `2-32-32-${classes} ReLU`, sizes: [2, 32, 32, classes] },
    ];
    return {
      name,
      data,
      results: nets.map(({ label, sizes }) => {
        const net = createMlp({ sizes, activation: "relu", init: "he", seed: SEED });
        const history = train(net, data, {
          epochs: 150,
          batchSize: 16,
          optimizer: sgd({ lr: 0.05, momentum: 0.9 }),
          seed: SEED,
        });
        return { label, history, acc: accuracy(net, data.features, data.labels, data.rows) };
      }),
    };
  });
}

let cachedSynthetic: ReturnType<typeof syntheticRuns> | undefined;
const syntheticResults = () => cachedSynthetic ??= syntheticRuns();

function syntheticTable(): string {
  const rows = [
    "| data | points | model | training accuracy after 150 epochs |",
    "| --- | --- | --- | --- |",
  ];
  for (const s of syntheticResults()) {
    for (const r of s.results) {
      rows.push(`| ${s.name} | ${s.data.rows} | ${r.label} | ${formatPercent(r.acc)} |`);
    }
  }
  return rows.join("\n");
}

function syntheticFigure(): Promise<string> {
  const series = syntheticResults().flatMap((s) =>
    s.results.map((r) => ({
      name: `${s.name}, ${r.label}`,
      x: r.history.loss.map((_, i) => i + 1),
      y: r.history.loss,
      dashed: r.label.startsWith("no"),
    }))
  );
  return lineChart({
    title: "Synthetic data: training loss per epoch",
    xLabel: "epoch",
    yLabel: "mean cross-entropy",
    series,
  });
}

/** The synthetic experiment's table and figure. */
export const synthetic: LessonContent = {
  blocks: { "synthetic-table": syntheticTable },
  figures: { "synthetic-curves": syntheticFigure },
};
