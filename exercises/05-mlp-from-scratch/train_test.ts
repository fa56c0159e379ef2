import { expectNumbers, graded } from "../../kit/grading/graded.ts";
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
  const net = createMlp(c.config as unknown as MlpConfig);
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
  points: 2,
  hint:
    "random = seededRandom(seed) once; each epoch shuffle(order, random) the same order array, " +
    "take batchSize rows at a time (the last batch may be smaller), lossAndGradient, " +
    "optimizer.step(params, grads). The epoch's loss is Σ batch loss·batch size / rows. " +
    "Lesson 05, 'The training loop'.",
}, () => check(cases.train[0]));

graded({
  name: "train: momentum, L2 and a last batch smaller than the others",
  points: 1,
  hint: "Pass l2 to lossAndGradient and let the optimizer keep its own state between steps; with " +
    "60 rows and batches of 7 the last batch has 4 rows. Lesson 05, 'The training loop'.",
}, () => check(cases.train[1]));

graded({
  name: "train: a learning-rate schedule and dropout",
  points: 1,
  hint: "Set optimizer.lr = schedule(epoch) before each epoch (epochs from 0), and pass dropout " +
    "and the same random to lossAndGradient (masks are drawn after the epoch's shuffle). " +
    "Lesson 05, 'The training loop'.",
}, () => check(cases.train[2]));

graded({
  name: "train: the history records lr and validation accuracy per epoch",
  points: 1,
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
