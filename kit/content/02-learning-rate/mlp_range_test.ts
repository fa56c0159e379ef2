/**
 * Lesson 02's range test on a real network: lesson 05's MLP on the digits, one mini-batch per
 * step, then 10-epoch runs at rates around the suggestion.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, formatPercent } from "../format.ts";
import { digitsSplit } from "../datasets.ts";
import { seededRandom, shuffle } from "../../lib/random.ts";
import { lineChart } from "../../lib/plot.ts";
import { SUP, sweepSeries } from "./shared.ts";
import { rangeTest } from "../../../solutions/02-learning-rate/lr_finder.ts";
import { createMlp, lossAndGradient } from "../../../solutions/05-mlp-from-scratch/mlp.ts";
import { train } from "../../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../../solutions/04-optimizers/optimizers.ts";

const MLP_SEED = 5;
const MLP_SIZES = [64, 64, 10];
const MLP_BATCH = 32;
const MLP_EPOCHS = 10;
const MLP_RANGE = { lrMin: 1e-4, lrMax: 10, steps: 100 };

function computeMlpRange() {
  const data = digitsSplit(MLP_SEED);
  const rows = data.train.rows, cols = MLP_SIZES[0];
  const net = createMlp({ sizes: MLP_SIZES, activation: "relu", init: "he", seed: MLP_SEED });
  const random = seededRandom("02/mlp-range-test");
  const order = shuffle(Array.from({ length: rows }, (_, i) => i), random);
  let cursor = 0;
  const xb = new Float64Array(MLP_BATCH * cols), yb = new Int32Array(MLP_BATCH);
  // grad: the gradient on the next mini-batch (a fresh shuffle after each pass over the rows);
  // f: the mean loss over every training row, so that the curve shows the rate, not the batch.
  const objective = {
    grad: (params: readonly number[]) => {
      net.params.set(params);
      for (let i = 0; i < MLP_BATCH; i++) {
        if (cursor === rows) {
          cursor = 0;
          shuffle(order, random);
        }
        const row = order[cursor++];
        xb.set(data.train.features.subarray(row * cols, (row + 1) * cols), i * cols);
        yb[i] = data.train.labels[row];
      }
      lossAndGradient(net, xb, yb, MLP_BATCH, {});
      return Array.from(net.grads);
    },
    f: (params: readonly number[]) => {
      net.params.set(params);
      return lossAndGradient(net, data.train.features, data.train.labels, rows, {});
    },
  };
  const sweep = rangeTest(objective, Array.from(net.params), MLP_RANGE);
  const best = sweep.suggestedLr * 10;
  const tried = [
    { lr: sweep.suggestedLr / 10, note: "a tenth of the suggestion" },
    { lr: sweep.suggestedLr, note: "the suggestion (lowest-loss rate / 10)" },
    { lr: best, note: "the lowest-loss rate" },
    { lr: sweep.lrs.at(-1)!, note: "the last rate the sweep recorded" },
  ].map(({ lr, note }) => {
    const fresh = createMlp({ sizes: MLP_SIZES, activation: "relu", init: "he", seed: MLP_SEED });
    const history = train(fresh, data.train, {
      epochs: MLP_EPOCHS,
      batchSize: MLP_BATCH,
      optimizer: sgd({ lr }),
      seed: MLP_SEED,
      validation: data.validation,
    });
    return { lr, note, loss: history.loss.at(-1)!, accuracy: history.validationAccuracy.at(-1)! };
  });
  return { sweep, tried };
}

let cachedMlpRange: ReturnType<typeof computeMlpRange> | undefined;
const mlpRange = () => cachedMlpRange ??= computeMlpRange();

function mlpRangeBlock(): string {
  const { sweep } = mlpRange();
  const i = sweep.losses.indexOf(Math.min(...sweep.losses));
  return [
    `- sweep: ${MLP_RANGE.steps} mini-batches of ${MLP_BATCH} from lr = ${MLP_RANGE.lrMin} to ${MLP_RANGE.lrMax}, plain SGD (no momentum), network ${
      MLP_SIZES.join("-")
    } ReLU with He initialisation;`,
    `- the sweep recorded ${sweep.lrs.length} steps before the loss passed 4 × its lowest value;`,
    `- lowest loss ${formatNumber(sweep.losses[i], SUP)} at lr ≈ ${
      formatNumber(sweep.lrs[i], SUP)
    }, step ${i}; suggested learning rate ${formatNumber(sweep.suggestedLr, SUP)}.`,
  ].join("\n");
}

/** What the 10-epoch runs say about the minimum/10 rule, in words that follow the numbers. */
function mlpRangeVerdict(): string {
  const [, suggested, lowest, last] = mlpRange().tried;
  const better = lowest.accuracy > suggested.accuracy
    ? "trains better still in the same 10 epochs, so minimum/10 is a cautious rule, not an optimum"
    : "does no better in the same 10 epochs, so the tenth costs nothing here";
  const past = last.accuracy < suggested.accuracy
    ? `at the last rate the sweep recorded, a run reaches only ${formatPercent(last.accuracy)}`
    : `even the last rate the sweep recorded reaches ${formatPercent(last.accuracy)}`;
  return `${better}; ${past}`;
}

function mlpRangeTable(): string {
  const rows = [
    `| lr | which | training loss after ${MLP_EPOCHS} epochs | validation accuracy |`,
    "| --- | --- | --- | --- |",
  ];
  for (const t of mlpRange().tried) {
    rows.push(
      `| ${formatNumber(t.lr, SUP)} | ${t.note} | ${formatNumber(t.loss, SUP)} | ${
        formatPercent(t.accuracy)
      } |`,
    );
  }
  return rows.join("\n");
}

function mlpRangeFigure(): Promise<string> {
  const { sweep } = mlpRange();
  return lineChart({
    title: "Range test on lesson 05's MLP, digits (loss over all training rows)",
    xLabel: "learning rate (log scale)",
    yLabel: "training loss after the step",
    logX: true,
    series: sweepSeries(sweep),
  });
}

/** The MLP range test's summary, table, figure and quoted numbers. */
export const mlpRangeTest: LessonContent = {
  blocks: { "mlp-range-test": mlpRangeBlock, "mlp-range-table": mlpRangeTable },
  values: {
    "mlp-range-suggested": () => formatNumber(mlpRange().sweep.suggestedLr, { digits: 3 }),
    "mlp-range-best": () => formatNumber(mlpRange().sweep.suggestedLr * 10, { digits: 3 }),
    "mlp-range-verdict": mlpRangeVerdict,
    "mlp-range-suggested-accuracy": () => formatPercent(mlpRange().tried[1].accuracy),
  },
  figures: { "mlp-range-test": mlpRangeFigure },
};
