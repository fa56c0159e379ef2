/**
 * Lesson 05's generator: graded-test cases, the tables and figures of the lesson, all computed by
 * the reference MLP in `solutions/05-mlp-from-scratch/`.
 *
 * @module
 */

import type { Json, LessonContent } from "./types.ts";
import { formatNumber } from "./format.ts";
import { lineChart, PALETTE, panelChart } from "../lib/plot.ts";
import { digitsSplit, loadData, split, standardiser } from "./datasets.ts";
import { integer, normal, type Random, seededRandom } from "../lib/random.ts";
import { spirals, twoMoons } from "../lib/synthetic.ts";
import { denseBackward, denseForward } from "../../solutions/05-mlp-from-scratch/dense.ts";
import {
  activate,
  type Activation,
  activationBackward,
} from "../../solutions/05-mlp-from-scratch/activations.ts";
import { softmax, softmaxCrossEntropy } from "../../solutions/05-mlp-from-scratch/softmax.ts";
import {
  maxRelativeError,
  numericalGradient,
} from "../../solutions/05-mlp-from-scratch/gradcheck.ts";
import {
  accuracy,
  createMlp,
  forward,
  lossAndGradient,
  type Mlp,
  type MlpConfig,
  predict,
} from "../../solutions/05-mlp-from-scratch/mlp.ts";
import {
  type Examples,
  train,
  type TrainHistory,
} from "../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../solutions/04-optimizers/optimizers.ts";

const ACTIVATIONS: Activation[] = ["relu", "tanh", "sigmoid"];

/** Rounds inputs so the case file stays short; outputs are kept at full precision. */
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const list = (a: ArrayLike<number>) => Array.from(a);
const draw = (random: Random, n: number, scale = 1) =>
  Float64Array.from({ length: n }, () => r4(scale * normal(random)));

// ---------------------------------------------------------------------------------------------
// Graded-test cases
// ---------------------------------------------------------------------------------------------

function denseCases() {
  const random = seededRandom("05/dense");
  const shapes = [[1, 2, 3], [2, 3, 2], [3, 4, 5], [4, 5, 3], [5, 2, 7], [8, 6, 4], [7, 9, 10]];
  const cases: Json[] = [];
  for (const [batch, inSize, outSize] of shapes) {
    const x = draw(random, batch * inSize);
    const w = draw(random, inSize * outSize);
    const b = draw(random, outSize);
    const dy = draw(random, batch * outSize);
    const dw = new Float64Array(inSize * outSize), db = new Float64Array(outSize);
    const dx = new Float64Array(batch * inSize);
    denseBackward(x, w, dy, batch, inSize, outSize, dw, db, dx);
    cases.push({
      batch,
      inSize,
      outSize,
      x: list(x),
      w: list(w),
      b: list(b),
      y: list(denseForward(x, w, b, batch, inSize, outSize)),
      dy: list(dy),
      dw: list(dw),
      db: list(db),
      dx: list(dx),
    });
  }
  return cases;
}

function activationCases() {
  const random = seededRandom("05/activations");
  const special = [0, -0.5, 0.5, -3, 3, -40, 40, 1e-9, -1e-9];
  const z = Float64Array.from([...special, ...draw(random, 23, 2)]);
  const da = Float64Array.from(
    { length: z.length },
    (_, i) => i < special.length ? 1.5 : r4(normal(random)),
  );
  const out: Record<string, Json> = { z: list(z), da: list(da) };
  for (const kind of ACTIVATIONS) {
    const a = activate(kind, z);
    out[kind] = { a: list(a), dz: list(activationBackward(kind, z, a, da)) };
  }
  return out;
}

function softmaxCases() {
  const random = seededRandom("05/softmax");
  const cases: Json[] = [];
  const add = (
    logits: Float64Array,
    labels: number[],
    batch: number,
    classes: number,
    note: string,
  ) => {
    const grad = new Float64Array(batch * classes);
    const loss = softmaxCrossEntropy(logits, labels, batch, classes, grad);
    cases.push({
      note,
      batch,
      classes,
      logits: list(logits),
      labels,
      probs: list(softmax(logits, batch, classes)),
      loss,
      grad: list(grad),
    });
  };
  add(new Float64Array([0, 0]), [1], 1, 2, "the lesson's example");
  add(new Float64Array([2, 1, 0.1]), [0], 1, 3, "one row");
  for (const [batch, classes] of [[2, 3], [4, 2], [3, 5], [6, 4], [5, 10]]) {
    const labels = Array.from({ length: batch }, () => integer(random, 0, classes - 1));
    add(draw(random, batch * classes, 3), labels, batch, classes, "seeded random batch");
  }
  const big = Float64Array.from(draw(random, 12, 3), (v, i) => v + (i % 2 ? 1000 : -1000));
  add(big, [1, 0, 3], 3, 4, "big logits: e^1000 overflows unless the row max is subtracted");
  add(new Float64Array([800, 805, 799, 1200, 1201, 1190]), [2, 1], 2, 3, "big logits");
  return cases;
}

function gradcheckCases() {
  const random = seededRandom("05/gradcheck");
  const cases: Json[] = [
    {
      a: [1, 2, 0],
      b: [1, 2.002, 0],
      floor: 1e-8,
      expected: maxRelativeError([1, 2, 0], [1, 2.002, 0], 1e-8),
    },
    {
      a: [1e-12, 0],
      b: [-1e-12, 0],
      floor: 1e-8,
      expected: maxRelativeError([1e-12, 0], [-1e-12, 0], 1e-8),
    },
    {
      a: [0.5, -3],
      b: [0.5, 3],
      floor: 1e-8,
      expected: maxRelativeError([0.5, -3], [0.5, 3], 1e-8),
    },
    {
      a: [1e-6, 2],
      b: [2e-6, 2],
      floor: 1e-3,
      expected: maxRelativeError([1e-6, 2], [2e-6, 2], 1e-3),
    },
  ];
  for (let k = 0; k < 6; k++) {
    const a = list(draw(random, 8));
    const b = a.map((v) => r4(v * (1 + 1e-3 * normal(random))));
    cases.push({ a, b, floor: 1e-8, expected: maxRelativeError(a, b, 1e-8) });
  }
  return cases;
}

/** Small networks for the `mlp.ts` cases: every activation and both inits. */
const NET_CONFIGS: MlpConfig[] = [
  { sizes: [3, 4, 2], activation: "relu", init: "he", seed: 1 },
  { sizes: [2, 5, 3], activation: "tanh", init: "xavier", seed: 2 },
  { sizes: [4, 3, 3, 2], activation: "sigmoid", init: "xavier", seed: 3 },
  { sizes: [5, 6, 4, 3], activation: "relu", init: "he", seed: "four" },
  { sizes: [3, 7, 4], activation: "tanh", init: "he", seed: 5 },
];

function mlpCases() {
  const random = seededRandom("05/mlp");
  return NET_CONFIGS.map((config) => {
    const net = createMlp(config);
    const inSize = config.sizes[0], classes = config.sizes[config.sizes.length - 1];
    const batch = integer(random, 2, 6);
    const x = draw(random, batch * inSize);
    const labels = Array.from({ length: batch }, () => integer(random, 0, classes - 1));
    const initial = list(net.params);
    // Move the biases off zero so that a missing bias term shows.
    for (const layer of net.layers) {
      layer.b.forEach((_, j) => layer.b[j] = r4(0.3 * normal(random)));
    }
    const params = list(net.params);
    const logits = list(forward(net, x, batch));
    const runs: Json[] = [];
    for (const [l2, dropout] of [[0, 0], [0.05, 0], [0, 0.3], [0.01, 0.5]]) {
      const seed = integer(random, 0, 1000);
      const loss = lossAndGradient(net, x, labels, batch, {
        l2,
        dropout,
        random: seededRandom(seed),
      });
      runs.push({ l2, dropout, seed, loss, grads: list(net.grads) });
    }
    return {
      config,
      initial,
      params,
      batch,
      x: list(x),
      labels,
      logits,
      predicted: list(predict(net, x, batch)),
      accuracy: accuracy(net, x, labels, batch),
      runs,
    };
  });
}

/** A plain-SGD run and a momentum run on two moons, and a schedule run on spirals. */
function trainCases() {
  const moons = twoMoons({ n: 60, noise: 0.15, seed: 11 });
  const spiral = spirals({ perClass: 20, classes: 3, noise: 0.2, seed: 12 });
  const setups = [
    {
      data: moons,
      config: { sizes: [2, 8, 2], activation: "tanh", init: "xavier", seed: 1 } as MlpConfig,
      options: { epochs: 5, batchSize: 16, lr: 0.2, momentum: 0, seed: 3, l2: 0, dropout: 0 },
    },
    {
      data: moons,
      config: { sizes: [2, 10, 2], activation: "relu", init: "he", seed: 2 } as MlpConfig,
      options: { epochs: 6, batchSize: 7, lr: 0.05, momentum: 0.9, seed: 4, l2: 0.001, dropout: 0 },
    },
    {
      data: spiral,
      config: { sizes: [2, 12, 3], activation: "relu", init: "he", seed: 3 } as MlpConfig,
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
    const { decay } = options as { decay?: number };
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

// ---------------------------------------------------------------------------------------------
// The lesson's experiments
// ---------------------------------------------------------------------------------------------

interface Run {
  name: string;
  net: Mlp;
  history: TrainHistory;
  trainAccuracy: number;
  validationAccuracy: number;
  testAccuracy: number;
}

const SEED = 5;
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
  const plans = [
    {
      name: "iris",
      data: irisSplit,
      config: { sizes: [4, 16, 3], activation: "tanh", init: "xavier", seed: SEED } as MlpConfig,
      epochs: 60,
      batchSize: 16,
      lr: 0.05,
    },
    {
      name: "digits",
      data: digitsSplit(SEED),
      config: { sizes: [64, 64, 10], activation: "relu", init: "he", seed: SEED } as MlpConfig,
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

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

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
      } | ${pct(r.trainAccuracy)} | ${pct(r.validationAccuracy)} | ${pct(r.testAccuracy)} |`,
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

/** Max relative error between backprop and central differences, per activation and L2. */
function gradcheckTable(): string {
  const rows = [
    "| activation | L2 λ | dropout | parameters | max relative error |",
    "| --- | --- | --- | --- | --- |",
  ];
  const random = seededRandom("05/lesson-gradcheck");
  for (const activation of ACTIVATIONS) {
    for (const [l2, dropout] of [[0, 0], [0.1, 0], [0.1, 0.3]]) {
      const net = createMlp({ sizes: [5, 7, 6, 4], activation, seed: 3 });
      net.params.forEach((v, i) => net.params[i] = v === 0 ? 0.1 * normal(random) : v);
      const x = Float64Array.from({ length: 6 * 5 }, () => normal(random));
      const labels = [0, 1, 2, 3, 1, 2];
      // A fresh generator with the same seed: the same dropout mask at every call.
      const f = () => lossAndGradient(net, x, labels, 6, { l2, dropout, random: seededRandom(7) });
      f();
      const analytic = net.grads.slice();
      const error = maxRelativeError(analytic, numericalGradient(f, net.params));
      rows.push(
        `| ${activation} | ${l2} | ${dropout} | ${net.params.length} | ${error.toExponential(1)} |`,
      );
    }
  }
  return rows.join("\n");
}

/** The deeper ReLU network of the initialisation experiments. */
const DEEP_SIZES = [64, 64, 64, 64, 10];
const DEEP_EPOCHS = 8;
const INIT_LRS = [0.003, 0.03, 0.3];
const INITS: { name: string; scale: (fanIn: number, fanOut: number) => number }[] = [
  { name: "N(0, 0.01²)", scale: () => 0.01 },
  { name: "Xavier (uniform)", scale: (i, o) => Math.sqrt(2 / (i + o)) },
  { name: "He (normal)", scale: (i) => Math.sqrt(2 / i) },
  { name: "N(0, 1)", scale: () => 1 },
];

/** The deep network with the weights of `init`, drawn from `seed`. */
function deepNet(init: (typeof INITS)[number], seed: number): Mlp {
  const net = createMlp({ sizes: DEEP_SIZES, activation: "relu", init: "he", seed });
  if (init.name.startsWith("Xavier")) {
    const fresh = createMlp({ sizes: DEEP_SIZES, activation: "relu", init: "xavier", seed });
    net.params.set(fresh.params);
  } else {
    // Rescale He's N(0, 2/fanIn) draws to the wanted standard deviation.
    for (const layer of net.layers) {
      const factor = init.scale(layer.inSize, layer.outSize) / Math.sqrt(2 / layer.inSize);
      layer.w.forEach((v, i) => layer.w[i] = v * factor);
    }
  }
  return net;
}

/**
 * The share of hidden ReLU units that output 0 on every row of `x`: "dead" units, which pass no
 * gradient and so cannot recover.
 */
function deadShare(net: Mlp, x: Float64Array, rows: number): number {
  let h = x, dead = 0, hidden = 0;
  net.layers.slice(0, -1).forEach((layer) => {
    h = activate("relu", denseForward(h, layer.w, layer.b, rows, layer.inSize, layer.outSize));
    for (let j = 0; j < layer.outSize; j++) {
      let alive = false;
      for (let i = 0; i < rows && !alive; i++) alive = h[i * layer.outSize + j] > 0;
      if (!alive) dead++;
    }
    hidden += layer.outSize;
  });
  return dead / hidden;
}

/** One run of the deep network: last epoch's loss, validation accuracy, dead hidden units. */
function deepRun(init: (typeof INITS)[number], lr: number, seed: number) {
  const data = digitsSplit(SEED);
  const net = deepNet(init, seed);
  const history = train(net, data.train, {
    epochs: DEEP_EPOCHS,
    batchSize: 32,
    optimizer: sgd({ lr, momentum: 0.9 }),
    seed,
  });
  const v = data.validation;
  return {
    loss: history.loss[history.loss.length - 1],
    // Settings are compared on validation rows; the test rows stay untouched.
    accuracy: accuracy(net, v.features, v.labels, v.rows),
    dead: deadShare(net, v.features, v.rows),
  };
}

let cachedInitLr: ReturnType<typeof deepRun>[][] | undefined;
/** Every cell of the initialisation × learning-rate table (seed {@link SEED}). */
const initLrRuns = () =>
  cachedInitLr ??= INITS.map((init) => INIT_LRS.map((lr) => deepRun(init, lr, SEED)));

/** Initial weight scale × learning rate on a deeper ReLU network (digits, 8 epochs). */
function initLrTable(): string {
  const rows = [
    `| initial weights | ${INIT_LRS.map((lr) => `lr ${lr}`).join(" | ")} |`,
    `| --- | ${INIT_LRS.map(() => "---").join(" | ")} |`,
  ];
  initLrRuns().forEach((cells, i) => {
    const text = cells.map((c) =>
      Number.isFinite(c.loss)
        ? `${c.loss.toFixed(3)} / ${pct(c.accuracy)} / ${Math.round(100 * c.dead)} %`
        : `diverged (${c.loss})`
    );
    rows.push(`| ${INITS[i].name} | ${text.join(" | ")} |`);
  });
  return rows.join("\n");
}

/** Dead units of one initialisation's cells, e.g. "35 % at lr 0.003, 80 % at lr 0.03". */
function deadUnits(initName: string): string {
  const cells = initLrRuns()[INITS.findIndex((i) => i.name === initName)];
  return cells.map((c, j) => `${Math.round(100 * c.dead)} % at lr ${INIT_LRS[j]}`).join(", ");
}

/** The seeds of the He-against-Xavier comparison. */
const COMPARE_SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const COMPARE_LR = 0.03;

let cachedSeeds: { name: string; accuracies: number[] }[] | undefined;
/** Validation accuracy of He and Xavier over ten seeds (weights and shuffles), lr 0.03. */
const seedRuns = () =>
  cachedSeeds ??= INITS.filter((i) => /^(He|Xavier)/.test(i.name)).map((init) => ({
    name: init.name,
    accuracies: COMPARE_SEEDS.map((seed) => deepRun(init, COMPARE_LR, seed).accuracy),
  }));

function seedsTable(): string {
  const rows = [
    `| initial weights | lowest | median | highest | over ${COMPARE_SEEDS.length} seeds, validation accuracy |`,
    "| --- | --- | --- | --- | --- |",
  ];
  for (const r of seedRuns()) {
    const sorted = [...r.accuracies].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median = (sorted[Math.ceil(mid) - 1] + sorted[Math.floor(mid)]) / 2;
    rows.push(
      `| ${r.name} | ${pct(sorted[0])} | ${pct(median)} | ${pct(sorted.at(-1)!)} | ${
        r.accuracies.map(pct).join(", ")
      } |`,
    );
  }
  return rows.join("\n");
}

/** Whether the He and Xavier ranges over the seeds overlap, in words for the lesson. */
function seedsVerdict(): string {
  const [a, b] = seedRuns().map((r) => [Math.min(...r.accuracies), Math.max(...r.accuracies)]);
  return a[0] <= b[1] && b[0] <= a[1]
    ? "the two ranges overlap: the difference between the schemes is smaller than the spread between seeds, and one seed cannot rank them"
    : "the two ranges do not overlap: the difference between the schemes is larger than the spread between seeds";
}

// --- Sanity checks before training.

/** The digits network at initialisation: its mean loss on the training rows, against ln C. */
function initialLoss() {
  const data = digitsSplit(SEED);
  const net = createMlp({ sizes: [64, 64, 10], activation: "relu", init: "he", seed: SEED });
  const t = data.train;
  return { loss: lossAndGradient(net, t.features, t.labels, t.rows, {}), lnC: Math.log(10) };
}

const TINY_ROWS = 20;
const TINY_EPOCHS = 100;

/** Overfitting one small batch: the first 20 training rows, full batch, until memorised. */
function tinyBatch() {
  const data = digitsSplit(SEED);
  const t = data.train;
  const tiny: Examples = {
    features: t.features.slice(0, TINY_ROWS * 64),
    labels: Array.from(t.labels).slice(0, TINY_ROWS),
    rows: TINY_ROWS,
  };
  const net = createMlp({ sizes: [64, 64, 10], activation: "relu", init: "he", seed: SEED });
  const history = train(net, tiny, {
    epochs: TINY_EPOCHS,
    batchSize: TINY_ROWS,
    optimizer: sgd({ lr: 0.05, momentum: 0.9 }),
    seed: SEED,
  });
  const last = history.loss[history.loss.length - 1];
  return {
    last,
    accuracy: accuracy(net, tiny.features, tiny.labels, tiny.rows),
    under: history.loss.findIndex((l) => l < 0.01),
  };
}

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
const synthetic = () => cachedSynthetic ??= syntheticRuns();

function syntheticTable(): string {
  const rows = [
    "| data | points | model | training accuracy after 150 epochs |",
    "| --- | --- | --- | --- |",
  ];
  for (const s of synthetic()) {
    for (const r of s.results) {
      rows.push(`| ${s.name} | ${s.data.rows} | ${r.label} | ${pct(r.acc)} |`);
    }
  }
  return rows.join("\n");
}

function syntheticFigure(): Promise<string> {
  const series = synthetic().flatMap((s) =>
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

function shapesTable(): string {
  const net = createMlp({ sizes: [64, 64, 10], seed: 0 });
  const B = 32;
  const rows = ["| step | array | shape | values |", "| --- | --- | --- | --- |"];
  const add = (step: string, name: string, shape: [number, number] | [number]) =>
    rows.push(`| ${step} | ${name} | ${shape.join(" × ")} | ${shape.reduce((a, b) => a * b, 1)} |`);
  add("input", "x", [B, 64]);
  add("layer 1", "W₁", [64, 64]);
  add("layer 1", "b₁", [64]);
  add("layer 1", "z₁ = x·W₁ + b₁, h₁ = relu(z₁)", [B, 64]);
  add("layer 2", "W₂", [64, 10]);
  add("layer 2", "b₂", [10]);
  add("layer 2", "logits z₂ = h₁·W₂ + b₂", [B, 10]);
  add("loss", "p = softmax(z₂), ∂L/∂z₂ = (p − y)/B", [B, 10]);
  add("backward", "∂L/∂W₂ = h₁ᵀ·∂L/∂z₂", [64, 10]);
  add("backward", "∂L/∂h₁ = ∂L/∂z₂·W₂ᵀ", [B, 64]);
  add("backward", "∂L/∂W₁ = xᵀ·∂L/∂z₁", [64, 64]);
  rows.push(
    `| optimizer | params, grads (one flat vector each) | ${net.params.length} | ${net.params.length} |`,
  );
  return rows.join("\n");
}

/** The lesson's generator. */
export const content: LessonContent = {
  cases: () => ({
    dense: denseCases(),
    activations: activationCases(),
    softmax: softmaxCases(),
    gradcheck: gradcheckCases(),
    mlp: mlpCases(),
    train: trainCases(),
  }),
  blocks: {
    "shapes": shapesTable,
    "gradcheck-table": gradcheckTable,
    "runs-table": runsTable,
    "init-lr-table": initLrTable,
    "init-seeds-table": seedsTable,
    "synthetic-table": syntheticTable,
  },
  values: {
    "shrink-factor": () => formatNumber(1 / (0.01 * Math.sqrt(64 / 2)), { digits: 2 }),
    "grow-factor": () => formatNumber(Math.sqrt(64 / 2), { digits: 2 }),
    "dead-normal-1": () => deadUnits("N(0, 1)"),
    "dead-he": () => deadUnits("He (normal)"),
    "seeds-lr": () => String(COMPARE_LR),
    "seeds-count": () => String(COMPARE_SEEDS.length),
    "seeds-verdict": seedsVerdict,
    "initial-loss": () => formatNumber(initialLoss().loss, { digits: 4 }),
    "ln-classes": () => formatNumber(initialLoss().lnC, { digits: 4 }),
    "tiny-rows": () => String(TINY_ROWS),
    "tiny-epochs": () => String(TINY_EPOCHS),
    "tiny-under": () => String(tinyBatch().under + 1),
    "tiny-loss": () => formatNumber(tinyBatch().last, { digits: 2 }),
    "tiny-accuracy": () => pct(tinyBatch().accuracy),
  },
  figures: {
    "iris-curves": () => curvesFigure("iris"),
    "digits-curves": () => curvesFigure("digits"),
    "synthetic-curves": syntheticFigure,
  },
};
