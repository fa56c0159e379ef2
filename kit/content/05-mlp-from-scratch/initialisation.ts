/**
 * Lesson 05's initialisation experiments: initial weight scale against learning rate on a
 * deeper ReLU network, dead units, and He against Xavier over ten seeds.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber, formatPercent } from "../format.ts";
import { digitsSplit } from "../datasets.ts";
import { SEED } from "./shared.ts";
import { activate } from "../../../solutions/05-mlp-from-scratch/activations.ts";
import { denseForward } from "../../../solutions/05-mlp-from-scratch/dense.ts";
import { accuracy, createMlp, type Mlp } from "../../../solutions/05-mlp-from-scratch/mlp.ts";
import { train } from "../../../solutions/05-mlp-from-scratch/train.ts";
import { sgd } from "../../../solutions/04-optimizers/optimizers.ts";

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
        ? `${c.loss.toFixed(3)} / ${formatPercent(c.accuracy)} / ${Math.round(100 * c.dead)} %`
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
      `| ${r.name} | ${formatPercent(sorted[0])} | ${formatPercent(median)} | ${
        formatPercent(sorted.at(-1)!)
      } | ${r.accuracies.map(formatPercent).join(", ")} |`,
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

/** The initialisation experiments' tables and quoted numbers. */
export const initialisation: LessonContent = {
  blocks: { "init-lr-table": initLrTable, "init-seeds-table": seedsTable },
  values: {
    "shrink-factor": () => formatNumber(1 / (0.01 * Math.sqrt(64 / 2)), { digits: 2 }),
    "grow-factor": () => formatNumber(Math.sqrt(64 / 2), { digits: 2 }),
    "dead-normal-1": () => deadUnits("N(0, 1)"),
    "dead-he": () => deadUnits("He (normal)"),
    "seeds-lr": () => String(COMPARE_LR),
    "seeds-count": () => String(COMPARE_SEEDS.length),
    "seeds-verdict": seedsVerdict,
  },
};
