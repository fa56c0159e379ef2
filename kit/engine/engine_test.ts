/**
 * Agreement of the engine's backends with the TypeScript reference of lessons 04–05, on every
 * network shape the lessons use: `"wasm"` bit for bit, `"wasm-fma"` within {@link FMA_TOLERANCE}.
 *
 * Each case builds a network with each backend's `createMlp`, trains it (validation accuracy
 * recorded per epoch), trains it again for one epoch with the same optimizer (so its state must
 * carry over between calls), then runs `forward`, `predict` and `lossAndGradient` with dropout
 * drawn from a seeded `Random`. Everything observable is compared: initial and final
 * parameters, gradients, loss, learning-rate and accuracy histories, logits and predictions.
 */

import assert from "node:assert/strict";
import { dataUrl, loadDataset } from "../lib/csv.ts";
import { seededRandom } from "../lib/random.ts";
import { twoMoons } from "../lib/synthetic.ts";
import { backend, backendAvailable, loadEngine } from "./mod.ts";
import type { Activation, Engine, Examples, Init, Optimizer } from "./types.ts";

/**
 * Largest difference allowed between `"wasm-fma"` and the reference, relative to
 * max(1, |reference value|), over every compared number. Fused multiply-adds round once where
 * the reference rounds twice, so results drift by a few units in the last place per operation
 * and grow slowly over training; the worst case here measured 2.2e-15.
 */
const FMA_TOLERANCE = 1e-12;

interface Split {
  train: Examples;
  valid: Examples;
}

/** The first `trainRows` rows for training and the next `validRows` for validation. */
function split(
  features: Float64Array,
  labels: Int32Array,
  cols: number,
  trainRows: number,
  validRows: number,
): Split {
  const part = (from: number, rows: number): Examples => ({
    features: features.slice(from * cols, (from + rows) * cols),
    labels: labels.slice(from, from + rows),
    rows,
  });
  return { train: part(0, trainRows), valid: part(trainRows, validRows) };
}

/** Features scaled column by column to mean 0 and standard deviation 1 (wine, breast cancer). */
function standardized(features: Float64Array, rows: number, cols: number): Float64Array {
  const out = features.slice();
  for (let j = 0; j < cols; j++) {
    let mean = 0, sq = 0;
    for (let i = 0; i < rows; i++) mean += features[i * cols + j] / rows;
    for (let i = 0; i < rows; i++) sq += (features[i * cols + j] - mean) ** 2 / rows;
    const sd = Math.sqrt(sq) || 1;
    for (let i = 0; i < rows; i++) out[i * cols + j] = (features[i * cols + j] - mean) / sd;
  }
  return out;
}

async function dataset(name: string, trainRows: number, validRows: number): Promise<Split> {
  if (name === "moons") {
    const d = twoMoons({ n: trainRows + validRows, noise: 0.2, seed: 1 });
    return split(d.features, d.labels, 2, trainRows, validRows);
  }
  const d = await loadDataset(dataUrl(`${name}.csv`));
  const features = name === "digits"
    ? d.features.map((v) => v / 16)
    : standardized(d.features, d.rows, d.cols);
  // A seeded order, as the datasets are sorted by class.
  const order = Array.from({ length: d.rows }, (_, i) => i);
  const random = seededRandom(`${name}/order`);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const x = new Float64Array(d.rows * d.cols), y = new Int32Array(d.rows);
  order.forEach((r, i) => {
    x.set(features.subarray(r * d.cols, (r + 1) * d.cols), i * d.cols);
    y[i] = d.labels[r];
  });
  return split(x, y, d.cols, trainRows, validRows);
}

interface Case {
  name: string;
  data: [string, number, number];
  sizes: number[];
  activation?: Activation;
  init?: Init;
  optimizer: (engine: Engine) => Optimizer;
  epochs: number;
  batchSize: number;
  l2?: number;
  dropout?: number;
  schedule?: (epoch: number) => number;
}

/** The shapes and settings of lessons 05–09 (digits, iris, wine, breast cancer, two moons). */
const CASES: Case[] = [
  {
    name: "digits 64-64-10 relu, SGD momentum",
    data: ["digits", 400, 100],
    sizes: [64, 64, 10],
    optimizer: (e) => e.sgd({ lr: 0.05, momentum: 0.9 }),
    epochs: 2,
    batchSize: 32,
  },
  {
    name: "digits 64-256-10 relu, SGD momentum, L2",
    data: ["digits", 300, 100],
    sizes: [64, 256, 10],
    optimizer: (e) => e.sgd({ lr: 0.05, momentum: 0.9 }),
    epochs: 1,
    batchSize: 32,
    l2: 1e-4,
  },
  {
    name: "digits 64-128-64-10 relu, Adam, dropout",
    data: ["digits", 200, 50],
    sizes: [64, 128, 64, 10],
    optimizer: (e) => e.adam({ lr: 1e-3 }),
    epochs: 2,
    batchSize: 64,
    dropout: 0.2,
  },
  {
    name: "iris 4-16-3 tanh xavier, Adam",
    data: ["iris", 100, 50],
    sizes: [4, 16, 3],
    activation: "tanh",
    init: "xavier",
    optimizer: (e) => e.adam({ lr: 0.01 }),
    epochs: 10,
    batchSize: 16,
  },
  {
    name: "iris 4-16-3 sigmoid, SGD momentum with dampening, dropout",
    data: ["iris", 100, 50],
    sizes: [4, 16, 3],
    activation: "sigmoid",
    optimizer: (e) => e.sgd({ lr: 0.1, momentum: 0.9, dampening: 0.3 }),
    epochs: 8,
    batchSize: 16,
    dropout: 0.1,
  },
  {
    name: "iris 4-3 (no hidden layer), plain SGD, schedule",
    data: ["iris", 100, 50],
    sizes: [4, 3],
    optimizer: (e) => e.sgd({ lr: 0.1 }),
    epochs: 5,
    batchSize: 8,
    schedule: (epoch) => 0.1 / (1 + epoch),
  },
  {
    name: "two moons 2-8-2 relu, Nesterov, dropout",
    data: ["moons", 150, 50],
    sizes: [2, 8, 2],
    optimizer: (e) => e.sgd({ lr: 0.1, momentum: 0.9, nesterov: true }),
    epochs: 10,
    batchSize: 10,
    dropout: 0.25,
  },
  {
    name: "two moons 2-32-2 sigmoid, RMSprop centered with momentum",
    data: ["moons", 150, 50],
    sizes: [2, 32, 2],
    activation: "sigmoid",
    init: "xavier",
    optimizer: (e) => e.rmsprop({ lr: 0.01, centered: true, momentum: 0.5 }),
    epochs: 5,
    batchSize: 16,
  },
  {
    name: "wine 13-32-3 relu, AdamW, L2 and dropout",
    data: ["wine", 128, 50],
    sizes: [13, 32, 3],
    optimizer: (e) => e.adamw({ lr: 0.01, weightDecay: 0.01 }),
    epochs: 5,
    batchSize: 16,
    l2: 1e-3,
    dropout: 0.3,
  },
  {
    name: "wine 13-7-5-3 relu (odd widths), SGD weight decay and dampening",
    data: ["wine", 128, 50],
    sizes: [13, 7, 5, 3],
    optimizer: (e) => e.sgd({ lr: 0.05, momentum: 0.8, dampening: 0.1, weightDecay: 1e-3 }),
    epochs: 5,
    batchSize: 13,
  },
  {
    name: "breast cancer 30-16-8-2 tanh, Adam AMSGrad",
    data: ["breast_cancer", 400, 100],
    sizes: [30, 16, 8, 2],
    activation: "tanh",
    optimizer: (e) => e.adam({ lr: 1e-3, amsgrad: true }),
    epochs: 2,
    batchSize: 20,
  },
  {
    name: "breast cancer 30-64-2 sigmoid, RMSprop, L2",
    data: ["breast_cancer", 400, 100],
    sizes: [30, 64, 2],
    activation: "sigmoid",
    optimizer: (e) => e.rmsprop({ lr: 1e-3, weightDecay: 1e-4 }),
    epochs: 2,
    batchSize: 25,
    l2: 1e-3,
  },
];

/** Everything a backend produces for one case, numbers flattened in a fixed order. */
async function observe(engine: Engine, c: Case): Promise<Map<string, ArrayLike<number>>> {
  const { train, valid } = await dataset(...c.data);
  const net = engine.createMlp({
    sizes: c.sizes,
    activation: c.activation,
    init: c.init,
    seed: 11,
  });
  const out = new Map<string, ArrayLike<number>>([["initial params", net.params.slice()]]);
  const optimizer = c.optimizer(engine);
  const settings = { batchSize: c.batchSize, optimizer, l2: c.l2, dropout: c.dropout };
  const first = engine.train(net, train, {
    ...settings,
    epochs: c.epochs,
    seed: 5,
    schedule: c.schedule,
    validation: valid,
  });
  const second = engine.train(net, train, { ...settings, epochs: 1, seed: 6 });
  out.set("params", net.params.slice());
  out.set("grads after training", net.grads.slice());
  for (const [key, h] of [["first", first], ["second", second]] as const) {
    out.set(`${key} train: loss`, h.loss);
    out.set(`${key} train: lr`, h.lr);
    out.set(`${key} train: validation accuracy`, h.validationAccuracy);
  }
  out.set("forward", engine.forward(net, valid.features, valid.rows));
  out.set("predict", engine.predict(net, valid.features, valid.rows));
  out.set("accuracy", [engine.accuracy(net, valid.features, valid.labels, valid.rows)]);
  const rows = 7;
  const loss = engine.lossAndGradient(net, train.features, train.labels, rows, {
    l2: c.l2,
    dropout: c.dropout ?? 0.5,
    random: seededRandom(3),
  });
  out.set("lossAndGradient with dropout: loss", [loss]);
  out.set("lossAndGradient with dropout: grads", net.grads.slice());
  return out;
}

/** The largest difference between two observations, relative to max(1, |reference|). */
function worstDifference(
  reference: Map<string, ArrayLike<number>>,
  other: Map<string, ArrayLike<number>>,
) {
  let worst = { key: "", value: 0 };
  for (const [key, expected] of reference) {
    const actual = other.get(key)!;
    assert.equal(actual.length, expected.length, `${key}: length`);
    for (let i = 0; i < expected.length; i++) {
      const d = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
      if (!(d <= worst.value)) worst = { key: `${key}[${i}]`, value: d };
    }
  }
  return worst;
}

const reference = await loadEngine("typescript");

Deno.test("the default backend is the exact WebAssembly one", () => {
  assert.equal(backend, "wasm");
});

for (const c of CASES) {
  Deno.test(`wasm agrees bit for bit with the reference: ${c.name}`, async () => {
    const expected = await observe(reference, c);
    const actual = await observe(await loadEngine("wasm"), c);
    for (const [key, values] of expected) {
      const got = actual.get(key)!;
      assert.equal(got.length, values.length, `${key}: length`);
      for (let i = 0; i < values.length; i++) {
        if (!Object.is(got[i], values[i])) {
          assert.fail(`${key}[${i}]: wasm ${got[i]}, reference ${values[i]}`);
        }
      }
    }
  });
}

Deno.test({
  name: `wasm-fma stays within ${FMA_TOLERANCE} (relative) of the reference on every case`,
  ignore: !backendAvailable("wasm-fma"),
  fn: async () => {
    const fma = await loadEngine("wasm-fma");
    const lines: string[] = [];
    let exact = 0;
    for (const c of CASES) {
      const expected = await observe(reference, c);
      const worst = worstDifference(expected, await observe(fma, c));
      if (worst.value === 0) exact++;
      lines.push(`${worst.value.toExponential(2)} at ${worst.key} (${c.name})`);
      assert.ok(worst.value <= FMA_TOLERANCE, `${c.name}: ${worst.key} differs by ${worst.value}`);
    }
    // Fused multiply-adds that never changed a result would mean the FMA build is not fused.
    assert.ok(exact < CASES.length, "wasm-fma agreed exactly everywhere: is it using FMA at all?");
    console.log(`wasm-fma worst relative differences:\n  ${lines.join("\n  ")}`);
  },
});

Deno.test("an MLP built by one backend trains in the other", async () => {
  const wasm = await loadEngine("wasm");
  const { train } = await dataset("iris", 100, 0);
  const a = reference.createMlp({ sizes: [4, 5, 3], seed: 2 });
  const b = wasm.createMlp({ sizes: [4, 5, 3], seed: 2 });
  // The reference network with the WebAssembly loop and optimizer, and the other way round.
  wasm.train(a, train, { epochs: 3, batchSize: 10, optimizer: wasm.adam({ lr: 0.01 }) });
  reference.train(b, train, { epochs: 3, batchSize: 10, optimizer: reference.adam({ lr: 0.01 }) });
  assert.deepEqual(Array.from(a.params), Array.from(b.params));
});

Deno.test("a foreign optimizer (a plain object) steps on the WebAssembly memory", async () => {
  const wasm = await loadEngine("wasm");
  const { train } = await dataset("iris", 60, 0);
  const plain = (): Optimizer => ({
    lr: 0.1,
    step(p, g) {
      for (let i = 0; i < p.length; i++) p[i] -= this.lr * g[i];
    },
  });
  const nets = [reference, wasm].map((engine) => {
    const net = engine.createMlp({ sizes: [4, 6, 3], seed: 8 });
    engine.train(net, train, { epochs: 2, batchSize: 7, optimizer: plain() });
    return Array.from(net.params);
  });
  assert.deepEqual(nets[1], nets[0]);
});

Deno.test("wasm refuses what the reference refuses, with the same messages", async () => {
  const wasm = await loadEngine("wasm");
  const { train } = await dataset("iris", 20, 0);
  for (const engine of [reference, wasm]) {
    const net = engine.createMlp({ sizes: [4, 3, 3], seed: 1 });
    const fit = (options: object, data = train) =>
      engine.train(net, data, {
        epochs: 1,
        batchSize: 5,
        optimizer: engine.sgd({ lr: 0.1 }),
        ...options,
      });
    assert.throws(() => fit({ batchSize: 0 }), /batchSize must be a positive integer, got 0/);
    assert.throws(() => fit({}, { ...train, rows: 19 }), /features hold 80 values, not 19 × 4/);
    assert.throws(() => fit({ dropout: 1 }), /dropout must be in \[0, 1\): 1/);
    const bad = { ...train, labels: Array.from(train.labels, (y, i) => (i === 3 ? 3 : y)) };
    assert.throws(() => fit({ seed: 0 }, bad), /label 3 of row \d is not a class in \[0, 3\)/);
    assert.throws(
      () => engine.lossAndGradient(net, train.features, [0], 1, { dropout: 0.5 }),
      /dropout needs options.random/,
    );
    assert.throws(
      () => engine.createMlp({ sizes: [4] }),
      /sizes must be at least two positive integers/,
    );
    assert.throws(() => engine.sgd({ lr: -1 }), /Invalid learning rate: -1/);
    assert.throws(() => engine.adam({ betas: [1, 0.9] }), /Invalid beta1: 1/);
    const opt = engine.sgd({ lr: 0.1 });
    opt.step(new Float64Array(2), new Float64Array(2));
    assert.throws(
      () => opt.step(new Float64Array(3), new Float64Array(3)),
      /first used with 2 parameters/,
    );
  }
});

Deno.test("kit/engine loads nothing from solutions/ (the student edition has none)", async () => {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", new URL("./mod.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(info.success, new TextDecoder().decode(info.stderr));
  const graph = JSON.parse(new TextDecoder().decode(info.stdout));
  const files: string[] = graph.modules.map((m: { specifier: string }) => m.specifier);
  assert.ok(files.some((f) => f.endsWith("/kit/engine/wasm_backend.ts")));
  assert.deepEqual(files.filter((f) => f.includes("/solutions/")), []);
});

Deno.test("loadEngine rejects an unknown backend", async () => {
  // @ts-expect-error: not a backend name
  await assert.rejects(() => loadEngine("gpu"), /unknown backend: gpu/);
});
