import {
  expectEqual,
  expectNumber,
  expectNumbers,
  expectThrows,
  graded,
} from "../../kit/testkit/graded.ts";
import { flatParameterName, viewPlacement } from "../../kit/testkit/describe.ts";
import { expectEachNumbers } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { seededRandom } from "../../kit/lib/random.ts";
import {
  accuracy,
  createMlp,
  forward,
  lossAndGradient,
  type Mlp,
  type MlpConfig,
  predict,
} from "./mlp.ts";

// Forward and backward passes of small networks: any summation order agrees to ~1e-15, so 1e-10
// relative (with an absolute floor for entries that cancel to near zero) is a safe bar.
const TOL = { rel: 1e-10, abs: 1e-12 };
type Case = (typeof cases.mlp)[number];
/** The case's configuration (the JSON file types `activation` and `init` as plain strings). */
const configOf = (c: Case) => c.config as MlpConfig;
const showConfig = (c: Case) => JSON.stringify(c.config);

/** The case's network, with the biases the case set (so that a missing bias shows). */
function network(c: Case): Mlp {
  const net = createMlp(configOf(c));
  net.params.set(c.params);
  return net;
}

graded({
  name: "createMlp: He and Xavier initial weights, drawn in the documented order",
  points: 3,
  hint:
    "One random = seededRandom(seed); layer by layer, W row-major: He is normal(random)·√(2/fanIn), " +
    "Xavier is uniform(random, −r, r) with r = √(6/(fanIn + fanOut)); biases 0. params holds W₁, b₁, " +
    "W₂, b₂, … Lesson 05, 'Initialisation'.",
}, () => {
  expectEachNumbers(cases.mlp, {
    input: (c) => `createMlp(${showConfig(c)}).params`,
    actual: (c) => createMlp(configOf(c)).params,
    expected: (c) => c.initial,
    rel: 1e-12,
  });
});

graded({
  name: "createMlp: layers are views into params and grads",
  points: 2,
  hint: "Make each layer's w, b, dw, db with params.subarray / grads.subarray, so that one " +
    "optimizer.step(params, grads) updates every layer. Lesson 05, 'One flat parameter vector'.",
}, () => {
  for (const c of cases.mlp) {
    // Judged against the layout the reference network has on the same config, read with the
    // runtime's own typed-array accessors (viewPlacement), not with the network's properties:
    // where each layer's arrays lie in params and grads, that params and grads (and two
    // networks) do not share memory, and what writing through the layers did. A structure with
    // no layers, arrays that are not views, or params filled in advance give other answers.
    expectEqual({
      input:
        `createMlp(${
          showConfig(c)
        }): each layer's [inSize, outSize] and where w, b lie in params and dw, db in grads; ` +
        `whether params, grads and a second network's params share memory; write 1, 2, 3, … ` +
        `through w and b, −1, −2, −3, … through dw and db; then params and grads`,
      actual: (): unknown => {
        const net = createMlp(configOf(c));
        const { params, grads } = net;
        const layers = Array.from(net.layers);
        const layout = layers.map((l) => [
          l.inSize,
          l.outSize,
          viewPlacement(l.w, params),
          viewPlacement(l.b, params),
          viewPlacement(l.dw, grads),
          viewPlacement(l.db, grads),
        ]);
        const apart = [
          viewPlacement(params, params),
          viewPlacement(grads, grads),
          viewPlacement(grads, params),
          viewPlacement(createMlp(configOf(c)).params, params),
        ];
        let k = 0;
        let m = 0;
        for (const layer of layers) {
          for (let i = 0; i < layer.w.length; i++) layer.w[i] = ++k;
          for (let i = 0; i < layer.b.length; i++) layer.b[i] = ++k;
          for (let i = 0; i < layer.dw.length; i++) layer.dw[i] = -++m;
          for (let i = 0; i < layer.db.length; i++) layer.db[i] = -++m;
        }
        return { layout, apart, params: Array.from(params), grads: Array.from(grads) };
      },
      expected: viewsOf(c.config.sizes),
    });
  }
});

/** The reference's layout: views of one flat parameter vector, layer after layer (W then b). */
function viewsOf(sizes: readonly number[]): unknown {
  let at = 0;
  const layout = sizes.slice(1).map((out, i) => {
    const inSize = sizes[i];
    const w = [at, inSize * out];
    const b = [at + inSize * out, out];
    at += inSize * out + out;
    return [inSize, out, w, b, w, b];
  });
  const other = "not a view of the same memory";
  return {
    layout,
    apart: [[0, at], [0, at], other, other],
    params: Array.from({ length: at }, (_, i) => i + 1),
    grads: Array.from({ length: at }, (_, i) => -(i + 1)),
  };
}

graded({
  name: "forward: the logits of a batch",
  points: 3,
  hint: "Dense, activation, dense, activation, …, dense: no activation after the last layer (the " +
    "loss applies softmax). Lesson 05, 'The forward pass'.",
}, () => {
  for (const c of cases.mlp) {
    expectNumbers({
      input: `forward(net ${showConfig(c)} with the case's params, x, ${c.batch})`,
      actual: () => forward(network(c), Float64Array.from(c.x), c.batch),
      expected: c.logits,
      ...TOL,
    });
  }
});

function lossCases(
  filter: (run: Case["runs"][number]) => boolean,
  what: string,
  list: readonly Case[] = cases.mlp,
) {
  for (const c of list) {
    for (const run of c.runs.filter(filter)) {
      const input = `lossAndGradient(net ${showConfig(c)}, x, [${c.labels}], ${c.batch}, ` +
        `{ l2: ${run.l2}, dropout: ${run.dropout}, random: seededRandom(${run.seed}) })`;
      const net = network(c);
      const call = () =>
        lossAndGradient(net, Float64Array.from(c.x), c.labels, c.batch, {
          l2: run.l2,
          dropout: run.dropout,
          random: seededRandom(run.seed),
        });
      expectNumber({ input: `${input} (${what})`, actual: call, expected: run.loss, ...TOL });
      expectNumbers({
        input: `${input} → net.grads (${what})`,
        actual: () => (call(), net.grads),
        expected: run.grads,
        nameIndex: flatParameterName(configOf(c).sizes),
        ...TOL,
      });
    }
  }
}

graded({
  name: "lossAndGradient: loss and backpropagated gradients",
  points: 5,
  hint: "Keep every z and activation of the forward pass; start from (softmax − onehot)/B and go " +
    "back layer by layer: dense backward, then multiply by f'(z). Overwrite grads. " +
    "Lesson 05, 'Backpropagation'.",
}, () => lossCases((r) => r.l2 === 0 && r.dropout === 0, "no L2, no dropout"));

graded({
  name: "lossAndGradient: L2 on the weights",
  points: 2,
  hint: "Add (λ/2)·Σ W² over the weights only (not the biases) to the loss, and λ·W to each dW. " +
    "Lesson 05, 'L2 and dropout'.",
}, () => lossCases((r) => r.l2 > 0 && r.dropout === 0, "L2"));

graded({
  name: "lossAndGradient: inverted dropout on the hidden activations",
  points: 3,
  hint:
    "One random() per hidden activation, layer by layer, row-major; dropped when random() < p, " +
    "kept ones multiplied by 1/(1 − p); the backward pass multiplies by the same mask. Never on " +
    "the inputs or the logits. Lesson 05, 'L2 and dropout'.",
}, () => lossCases((r) => r.dropout > 0, "dropout"));

/** Central differences, written here so this test does not depend on gradcheck.ts. */
function centralDifferences(f: () => number, p: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const saved = p[i];
    p[i] = saved + 1e-5;
    const plus = f();
    p[i] = saved - 1e-5;
    const minus = f();
    p[i] = saved;
    out.push((plus - minus) / 2e-5);
  }
  return out;
}

graded({
  name:
    "lossAndGradient: agrees with a numerical gradient check to 1e-6 (every activation, with and without L2)",
  points: 3,
  hint: "If this fails while the other tests pass, look for a term that only shows on larger " +
    "networks (two hidden layers). Lesson 05, 'The gradient check'.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  lossCases((r) => r.l2 === 0 && r.dropout === 0, "a seeded random network", cases.mlp.slice(-1));
  const x = Float64Array.from({ length: 5 * 4 }, (_, i) => Math.sin(1.7 * i + 0.3) * 2);
  const labels = [0, 2, 1, 2, 0];
  for (const activation of ["relu", "tanh", "sigmoid"] as const) {
    for (const l2 of [0, 0.1]) {
      const net = createMlp({ sizes: [4, 6, 5, 3], activation, seed: 11 });
      net.params.forEach((v, i) => net.params[i] = v === 0 ? 0.05 * Math.cos(i) : v);
      const f = () => lossAndGradient(net, x, labels, 5, { l2 });
      f();
      const analytic = Array.from(net.grads);
      // |a − n| / max(|a|, |n|, 1e-4): central differences carry ~1e-10 absolute error.
      expectNumbers({
        input:
          `lossAndGradient(net [4, 6, 5, 3] ${activation}, x, labels, 5, { l2: ${l2} }) → grads`,
        actual: () => analytic,
        expected: centralDifferences(f, net.params),
        rel: 1e-6,
        abs: 1e-10,
      });
    }
  }
});

graded({
  name: "predict and accuracy: argmax of the logits, fraction correct",
  points: 2,
  hint: "predict returns, for each row, the index of its largest logit (an Int32Array); accuracy " +
    "is the fraction of rows where it equals the label. Lesson 05, 'The forward pass'.",
}, () => {
  for (const c of cases.mlp) {
    expectNumbers({
      input: `predict(net ${showConfig(c)}, x, ${c.batch})`,
      actual: () => predict(network(c), Float64Array.from(c.x), c.batch),
      expected: c.predicted,
      rel: 0,
    });
    expectNumber({
      input: `accuracy(net ${showConfig(c)}, x, [${c.labels}], ${c.batch})`,
      actual: () => accuracy(network(c), Float64Array.from(c.x), c.labels, c.batch),
      expected: c.accuracy,
      rel: 1e-12,
    });
  }
});

graded({
  name: "createMlp and forward: defaults, refusals and a fresh output array",
  points: 1,
  hint:
    "activation defaults to 'relu', init to 'he', seed to 0; sizes must be at least two positive integers; lossAndGradient refuses dropout outside [0, 1) or without random; forward returns a new array (copy the logits out of any workspace). Lesson 05, 'Initialisation' and 'The forward pass'.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  const drawn = cases.mlp[cases.mlp.length - 1];
  expectNumbers({
    input: `forward(net ${showConfig(drawn)} with the case's params, x, ${drawn.batch})`,
    actual: () => forward(network(drawn), Float64Array.from(drawn.x), drawn.batch),
    expected: drawn.logits,
    ...TOL,
  });
  const sizes = [3, 5, 2];
  const explicit = () =>
    Array.from(createMlp({ sizes, seed: 0, activation: "relu", init: "he" }).params);
  expectNumbers({
    input: "createMlp({ sizes: [3, 5, 2] }).params (defaults: relu, he, seed 0)",
    actual: () => createMlp({ sizes }).params,
    expected: explicit(),
    rel: 0,
  });
  expectEqual({
    input: "createMlp({ sizes: [3, 5, 2] }).activation",
    actual: () => createMlp({ sizes }).activation,
    expected: "relu",
  });
  for (const bad of [[3], [3, 0, 2], [3, 2.5, 2], [3, -4, 2]]) {
    expectThrows({
      input: `createMlp({ sizes: [${bad}] })`,
      actual: () => createMlp({ sizes: bad }),
    });
  }
  const x = new Float64Array([0.5, -1, 2]);
  for (
    const options of [{ dropout: 1, random: seededRandom(1) }, { dropout: -0.1 }, { dropout: 0.5 }]
  ) {
    const text = `{ dropout: ${options.dropout}${"random" in options ? ", random" : ""} }`;
    expectThrows({
      input: `lossAndGradient(createMlp({ sizes: [3, 5, 2] }), [0.5, -1, 2], [1], 1, ${text})`,
      actual: () => lossAndGradient(createMlp({ sizes }), x, [1], 1, options),
    });
  }
  expectNumbers({
    input: "first = forward(net, [0.5, -1, 2], 1); forward(net, [3, 3, 3], 1); first",
    actual: () => {
      const net = createMlp({ sizes, seed: 2 });
      const first = forward(net, x, 1);
      const copy = Array.from(first);
      forward(net, new Float64Array([3, 3, 3]), 1);
      return Array.from(first).map((v, i) => v - copy[i]);
    },
    expected: [0, 0],
    abs: 0,
  });
});
