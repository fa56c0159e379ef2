import { expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/05-mlp-from-scratch.json" with { type: "json" };
import { createMlp, type MlpConfig } from "./mlp.ts";
import { type Optimizer, train, type TrainHistory } from "./train.ts";

// A few epochs of training repeat the forward and backward passes a few dozen times; rounding
// differences of 1e-16 grow a little on the way, so 1e-8 relative.
const TOL = { rel: 1e-8, abs: 1e-10 };
type Case = (typeof cases.train)[number];

/** SGD as torch.optim.SGD (momentum buffer = gradient on the first step), written here. */
function sgd(lr: number, momentum: number): Optimizer {
  let buf: Float64Array | null = null;
  return {
    lr,
    step(params, grads) {
      if (momentum !== 0) {
        if (buf === null) buf = Float64Array.from(grads);
        else for (let i = 0; i < buf.length; i++) buf[i] = momentum * buf[i] + grads[i];
      }
      const g = buf ?? grads;
      for (let i = 0; i < params.length; i++) params[i] -= this.lr * g[i];
    },
  };
}

function run(c: Case): { history: TrainHistory; params: Float64Array } {
  const o = c.options as Case["options"] & { decay?: number };
  const net = createMlp(c.config as MlpConfig);
  const data = { features: Float64Array.from(c.features), labels: c.labels, rows: c.rows };
  const history = train(net, data, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    optimizer: sgd(o.lr, o.momentum),
    schedule: o.decay === undefined ? undefined : (epoch) => o.lr * o.decay! ** epoch,
    seed: o.seed,
    l2: o.l2,
    dropout: o.dropout,
    validation: data,
  });
  return { history, params: net.params };
}

const describe = (c: Case) => {
  const o = c.options as Case["options"] & { decay?: number };
  const schedule = o.decay === undefined ? "" : `, schedule: e => ${o.lr}·${o.decay}^e`;
  return `train(createMlp(${JSON.stringify(c.config)}), ${c.rows} points, { epochs: ${o.epochs}, ` +
    `batchSize: ${o.batchSize}, optimizer: SGD(lr ${o.lr}, momentum ${o.momentum}), seed: ${o.seed}, ` +
    `l2: ${o.l2}, dropout: ${o.dropout}${schedule} })`;
};

function check(c: Case) {
  expectNumbers({
    input: `${describe(c)}.loss`,
    actual: () => run(c).history.loss,
    expected: c.history.loss,
    ...TOL,
  });
  expectNumbers({
    input: `${describe(c)}, then net.params`,
    actual: () => run(c).params,
    expected: c.params,
    ...TOL,
  });
}

graded({
  name: "train: plain SGD, one shuffle per epoch, mean loss per epoch",
  points: 4,
  hint:
    "random = seededRandom(seed) once; each epoch shuffle(order, random) the same order array, " +
    "take batchSize rows at a time (the last batch may be smaller), lossAndGradient, " +
    "optimizer.step(params, grads). The epoch's loss is Σ batch loss·batch size / rows. " +
    "Lesson 05, 'The training loop'.",
}, () => check(cases.train[0]));

graded({
  name: "train: momentum, L2 and a last batch smaller than the others",
  points: 2,
  hint: "Pass l2 to lossAndGradient and let the optimizer keep its own state between steps; with " +
    "60 rows and batches of 7 the last batch has 4 rows. Lesson 05, 'The training loop'.",
}, () => check(cases.train[1]));

graded({
  name: "train: a learning-rate schedule and dropout",
  points: 2,
  hint: "Set optimizer.lr = schedule(epoch) before each epoch (epochs from 0), and pass dropout " +
    "and the same random to lossAndGradient (masks are drawn after the epoch's shuffle). " +
    "Lesson 05, 'The training loop'.",
}, () => check(cases.train[2]));

graded({
  name: "train: the history records lr and validation accuracy per epoch",
  points: 2,
  hint: "history.lr gets the learning rate used in each epoch; history.validationAccuracy the " +
    "accuracy on options.validation after each epoch. Lesson 05, 'The training loop'.",
}, () => {
  for (const c of cases.train) {
    const history = run(c).history;
    expectNumbers({
      input: `${describe(c)}.lr`,
      actual: () => history.lr,
      expected: c.history.lr,
      rel: 1e-12,
    });
    expectNumbers({
      input: `${describe(c)}.validationAccuracy`,
      actual: () => history.validationAccuracy,
      expected: c.history.validationAccuracy,
      rel: 1e-12,
    });
  }
});

graded({
  name: "train: seed defaults to 0; refuses a bad batchSize and features of the wrong size",
  points: 1,
  hint:
    "Without options.seed the run is the one of seed 0; batchSize must be a positive integer and features must hold rows × sizes[0] values (throw before training). Lesson 05, 'The training loop'.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  check(cases.train[0]);
  const c = cases.train[0];
  const o = c.options as Case["options"];
  const data = { features: Float64Array.from(c.features), labels: c.labels, rows: c.rows };
  const sizes = (c.config as MlpConfig).sizes;
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) count += (sizes[l] + 1) * sizes[l + 1];
  const once = (seed?: number) => {
    const net = createMlp(c.config as MlpConfig);
    const options = { epochs: 2, batchSize: o.batchSize, optimizer: sgd(o.lr, 0) };
    train(net, data, seed === undefined ? options : { ...options, seed });
    return Array.from(net.params);
  };
  expectNumbers({
    input: `the parameters after 2 epochs without a seed, minus those with seed: 0 (${
      describe(c)
    })`,
    actual: () => {
      const withSeed = once(0);
      return once().map((v, i) => v - withSeed[i]);
    },
    expected: new Array(count).fill(0),
    abs: 0,
  });
  for (const batchSize of [0, 2.5]) {
    expectThrows({
      input: `train(net, data, { epochs: 1, batchSize: ${batchSize}, optimizer })`,
      actual: () =>
        train(createMlp(c.config as MlpConfig), data, {
          epochs: 1,
          batchSize,
          optimizer: sgd(0.1, 0),
        }),
    });
  }
  expectThrows({
    input: `train(net, { ...data, rows: ${c.rows + 1} }, { epochs: 1, batchSize: 4, optimizer })`,
    actual: () =>
      train(createMlp(c.config as MlpConfig), { ...data, rows: c.rows + 1 }, {
        epochs: 1,
        batchSize: 4,
        optimizer: sgd(0.1, 0),
      }),
  });
});
