/**
 * Lesson 05, the training loop (`solutions/05-mlp-from-scratch/train.ts`): its cases on small
 * synthetic sets, and the lesson's two runs on real data (iris and digits) with their curves.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatPercent } from "../format.ts";
import { PALETTE, panelChart } from "../../lib/plot.ts";
import { spirals, twoMoons } from "../../lib/synthetic.ts";
import { digitsSplit, loadData, split, standardiser } from "../datasets.ts";
import { list, SEED } from "./shared.ts";
import {
  accuracy,
  createMlp,
  type Mlp,
  type MlpConfig,
} from "../../../solutions/05-mlp-from-scratch/mlp.ts";
import {
  type Examples,
  train,
  type TrainHistory,
} from "../../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../../solutions/04-optimizers/optimizers.ts";

/** One graded training run: its data, network and the options of the call, as the case holds them. */
interface TrainSetup {
  data: Examples;
  config: MlpConfig;
  options: {
    epochs: number;
    batchSize: number;
    lr: number;
    momentum: number;
    seed: number;
    l2: number;
    dropout: number;
    /** Multiplies the rate once per epoch (an exponential schedule); absent for a constant rate. */
    decay?: number;
  };
}

/** A plain-SGD run and a momentum run on two moons, and a schedule run on spirals. */
function trainCases() {
  const moons = twoMoons({ n: 60, noise: 0.15, seed: 11 });
  const spiral = spirals({ perClass: 20, classes: 3, noise: 0.2, seed: 12 });
  const setups: TrainSetup[] = [
    {
      data: moons,
      config: { sizes: [2, 8, 2], activation: "tanh", init: "xavier", seed: 1 },
      options: { epochs: 5, batchSize: 16, lr: 0.2, momentum: 0, seed: 3, l2: 0, dropout: 0 },
    },
    {
      data: moons,
      config: { sizes: [2, 10, 2], activation: "relu", init: "he", seed: 2 },
      options: { epochs: 6, batchSize: 7, lr: 0.05, momentum: 0.9, seed: 4, l2: 0.001, dropout: 0 },
    },
    {
      data: spiral,
      config: { sizes: [2, 12, 3], activation: "relu", init: "he", seed: 3 },
      options: {
        epochs: 4,
        batchSize: 10,
        lr: 0.1,
        momentum: 0,
        seed: 5,
        l2: 0,
        dropout: 0.2,
        decay: 0.5,
      },
    },
  ];
  return setups.map(({ data, config, options }) => {
    const net = createMlp(config);
    const { decay } = options;
    const history = train(net, data, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      optimizer: sgd({ lr: options.lr, momentum: options.momentum }),
      schedule: decay === undefined ? undefined : (epoch) => options.lr * decay ** epoch,
      seed: options.seed,
      l2: options.l2,
      dropout: options.dropout,
      validation: data,
    });
    return {
      config,
      options,
      features: list(data.features),
      labels: list(data.labels),
      rows: data.rows,
      history,
      params: list(net.params),
    };
  });
}

interface Run {
  name: string;
  net: Mlp;
  history: TrainHistory;
  trainAccuracy: number;
  validationAccuracy: number;
  testAccuracy: number;
}

let cachedRuns: Run[] | undefined;

/** The lesson's two training runs on real data (iris and digits), computed once. */
function realRuns(): Run[] {
  if (cachedRuns) return cachedRuns;
  const iris = loadData("iris.csv");
  const irisSplit = split(iris, SEED);
  const z = standardiser(irisSplit.train.features.slice(), iris.cols);
  z(irisSplit.train.features);
  z(irisSplit.validation.features);
  z(irisSplit.test.features);
  const plans: {
    name: string;
    data: ReturnType<typeof split>;
    config: MlpConfig;
    epochs: number;
    batchSize: number;
    lr: number;
  }[] = [
    {
      name: "iris",
      data: irisSplit,
      config: { sizes: [4, 16, 3], activation: "tanh", init: "xavier", seed: SEED },
      epochs: 60,
      batchSize: 16,
      lr: 0.05,
    },
    {
      name: "digits",
      data: digitsSplit(SEED),
      config: { sizes: [64, 64, 10], activation: "relu", init: "he", seed: SEED },
      epochs: 30,
      batchSize: 32,
      lr: 0.05,
    },
  ];
  cachedRuns = plans.map((p) => {
    const net = createMlp(p.config);
    const history = train(net, p.data.train, {
      epochs: p.epochs,
      batchSize: p.batchSize,
      optimizer: sgd({ lr: p.lr, momentum: 0.9 }),
      seed: SEED,
      validation: p.data.validation,
    });
    return {
      name: p.name,
      net,
      history,
      trainAccuracy: accuracy(net, p.data.train.features, p.data.train.labels, p.data.train.rows),
      validationAccuracy: accuracy(
        net,
        p.data.validation.features,
        p.data.validation.labels,
        p.data.validation.rows,
      ),
      testAccuracy: accuracy(net, p.data.test.features, p.data.test.labels, p.data.test.rows),
    };
  });
  return cachedRuns;
}

function runsTable(): string {
  const rows = [
    "| data | network | epochs | final training loss | training accuracy | validation accuracy | test accuracy (once) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of realRuns()) {
    const sizes = r.net.sizes.join("-");
    const loss = r.history.loss[r.history.loss.length - 1];
    rows.push(
      `| ${r.name} | ${sizes} ${r.net.activation} | ${r.history.loss.length} | ${
        loss.toFixed(4)
      } | ${formatPercent(r.trainAccuracy)} | ${formatPercent(r.validationAccuracy)} | ${
        formatPercent(r.testAccuracy)
      } |`,
    );
  }
  return rows.join("\n");
}

function curvesFigure(name: string): Promise<string> {
  const run = realRuns().find((r) => r.name === name)!;
  const epochs = run.history.loss.map((_, i) => i + 1);
  return panelChart({
    title: `${name}: training loss and validation accuracy per epoch`,
    xLabel: "epoch",
    panels: [
      {
        yLabel: "training loss",
        series: [{ name: "training loss", x: epochs, y: run.history.loss }],
      },
      {
        yLabel: "validation accuracy",
        yZero: false,
        series: [{
          name: "validation accuracy",
          x: epochs,
          y: run.history.validationAccuracy,
          color: PALETTE[1],
        }],
      },
    ],
  });
}

/** The training loop's cases, and the real runs' table and figures. */
export const training: LessonContent = {
  cases: () => ({ train: trainCases() }),
  blocks: { "runs-table": runsTable },
  figures: {
    "iris-curves": () => curvesFigure("iris"),
    "digits-curves": () => curvesFigure("digits"),
  },
};
