import {
  expectEqual,
  expectNumber,
  expectNumbers,
  expectThrows,
  graded,
} from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/04-optimizers.json" with { type: "json" };
import {
  adadelta,
  adagrad,
  adam,
  type AdamOptions,
  adamw,
  type Optimizer,
  rmsprop,
  sgd,
} from "./optimizers.ts";

// Every case runs an optimizer on the separable quadratic f(θ) = ½ Σ aᵢ(θᵢ − cᵢ)², whose
// gradient is aᵢ(θᵢ − cᵢ), and compares the whole trajectory with the reference, which follows
// torch.optim's update rules. Tolerance: relative 1e-10 (absolute 1e-12 near zero). The same
// rule written in another but equivalent order (m̂/(√v̂ + ε) versus PyTorch's
// (m/(1 − β₁ᵗ)) / (√v/√(1 − β₂ᵗ) + ε)) differs only by rounding, about 1e-16 per step; every
// mistake these tests look for (ε inside the root, a missing bias correction, a momentum buffer
// started at zero, coupled instead of decoupled weight decay) changes the first or second step
// by far more than 1e-10.

interface TrajectoryCase<O> {
  options: O;
  a: number[];
  c: number[];
  x0: number[];
  /** The learning rate set on the optimizer before each step (a schedule), when given. */
  lrs?: number[];
  /** θ after steps 1, 2, …, n. */
  trajectory: number[][];
}

function describeCall(name: string, c: TrajectoryCase<unknown>): string {
  const lrs = c.lrs ? `, opt.lr set to ${JSON.stringify(c.lrs)} before each step` : "";
  return `${name}(${JSON.stringify(c.options)}) on gradient a⊙(θ − c) with a = ${
    JSON.stringify(c.a)
  }, c = ${JSON.stringify(c.c)}, θ₀ = ${JSON.stringify(c.x0)}${lrs}`;
}

/** Runs one case step by step and compares θ after each step with the reference. */
function checkTrajectory<O>(
  name: string,
  factory: (options: O) => Optimizer,
  c: TrajectoryCase<O>,
): void {
  const input = describeCall(name, c);
  let opt: Optimizer | undefined;
  const params = Float64Array.from(c.x0);
  const grads = new Float64Array(c.x0.length);
  for (let k = 0; k < c.trajectory.length; k++) {
    expectNumbers({
      input: `${input}: θ after step ${k + 1}`,
      actual: () => {
        opt ??= factory(c.options);
        if (c.lrs) opt.lr = c.lrs[k];
        for (let i = 0; i < params.length; i++) grads[i] = c.a[i] * (params[i] - c.c[i]);
        opt.step(params, grads);
        return Array.from(params);
      },
      expected: c.trajectory[k],
      rel: 1e-10,
      abs: 1e-12,
    });
  }
}

function checkAll<O>(
  name: string,
  factory: (options: O) => Optimizer,
  list: readonly TrajectoryCase<O>[],
): void {
  for (const c of list) checkTrajectory(name, factory, c);
}

/** Adam's options as the JSON case file types them: `betas` is a `number[]` there (of two). */
type AdamCaseOptions = Omit<AdamOptions, "betas"> & { betas?: number[] };
const adamChecked = (options: AdamCaseOptions) => adam(options as AdamOptions);
const adamwChecked = (options: AdamCaseOptions) => adamw(options as AdamOptions);

graded({
  name: "sgd: plain steps, with and without coupled weight decay",
  points: 2,
  hint: "θ ← θ − lr·(g + weightDecay·θ); see 'SGD' in lesson 04.",
}, () => checkAll("sgd", sgd, cases.sgd.plain));

graded({
  name: "sgd: momentum and dampening (buffer = gradient on the first step)",
  points: 3,
  hint:
    "PyTorch starts the buffer at the first gradient itself (b ← g), and only later uses b ← μb + (1 − dampening)g; see 'Momentum' in lesson 04.",
}, () => checkAll("sgd", sgd, cases.sgd.momentum));

graded({
  name: "sgd: Nesterov momentum",
  points: 2,
  hint: "With nesterov the step uses g + μb, not b; see 'Nesterov momentum' in lesson 04.",
}, () => checkAll("sgd", sgd, cases.sgd.nesterov));

graded({
  name: "adagrad: defaults (lr 0.01, eps 1e-10 added after the square root)",
  points: 1,
  hint: "s ← s + g², θ ← θ − lr·g/(√s + ε); see 'AdaGrad' in lesson 04.",
}, () => checkAll("adagrad", adagrad, cases.adagrad.defaults));

graded({
  name: "adagrad: lr decay, initial accumulator, weight decay, eps",
  points: 1,
  hint:
    "Step t (from 1) uses lr/(1 + (t − 1)·lrDecay); the sum starts at initialAccumulatorValue; ε goes outside the root. See 'AdaGrad' in lesson 04.",
}, () => checkAll("adagrad", adagrad, cases.adagrad.options));

graded({
  name: "adadelta: defaults and options",
  points: 2,
  hint:
    "Δ = √(u + ε)/√(v + ε)·g with v updated before and u after computing Δ; θ ← θ − lr·Δ. See 'AdaDelta' in lesson 04.",
}, () => checkAll("adadelta", adadelta, cases.adadelta.all));

graded({
  name: "rmsprop: plain (eps after the square root)",
  points: 2,
  hint: "v ← αv + (1 − α)g², θ ← θ − lr·g/(√v + ε); see 'RMSprop' in lesson 04.",
}, () => checkAll("rmsprop", rmsprop, cases.rmsprop.plain));

graded({
  name: "rmsprop: with momentum",
  points: 1,
  hint:
    "The buffer starts at zero and accumulates the normalised step: b ← μb + g/(√v + ε), θ ← θ − lr·b. See 'RMSprop' in lesson 04.",
}, () => checkAll("rmsprop", rmsprop, cases.rmsprop.momentum));

graded({
  name: "rmsprop: centered",
  points: 1,
  hint: "Centered divides by √(v − ḡ²) + ε with ḡ ← αḡ + (1 − α)g; see 'RMSprop' in lesson 04.",
}, () => checkAll("rmsprop", rmsprop, cases.rmsprop.centered));

graded({
  name: "adam: defaults (bias correction, eps after the square root)",
  points: 3,
  hint:
    "m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), θ ← θ − lr·m̂/(√v̂ + ε), t counted from 1; see 'Adam' in lesson 04.",
}, () => checkAll("adam", adamChecked, cases.adam.defaults));

graded({
  name: "adam: large eps, betas, coupled weight decay, AMSGrad",
  points: 2,
  hint:
    "ε is added to √v̂ (not inside the root); weightDecay adds λθ to the gradient; AMSGrad keeps the running maximum of v (uncorrected) and divides that by 1 − β₂ᵗ. See 'Adam' in lesson 04.",
}, () => checkAll("adam", adamChecked, cases.adam.options));

graded({
  name: "adamw: decoupled weight decay (default 0.01)",
  points: 3,
  hint:
    "AdamW first shrinks θ ← θ − lr·λ·θ, then takes the Adam step with the plain gradient; see 'Weight decay: coupled or decoupled' in lesson 04.",
}, () => checkAll("adamw", adamwChecked, cases.adamw.all));

graded({
  name: "every optimizer: reads opt.lr at each step (a schedule can change it)",
  points: 1,
  hint:
    "Use this.lr (the object's current lr field) inside step, not the value captured when the optimizer was made; see 'One interface' in lesson 04.",
}, () => {
  // Every optimizer takes the schedule cases' options (an lr, sometimes momentum or decay).
  const factories: Record<
    string,
    (options: (typeof cases.schedule)[number]["options"]) => Optimizer
  > = {
    sgd,
    adagrad,
    adadelta,
    rmsprop,
    adam,
    adamw,
  };
  for (const c of cases.schedule) checkTrajectory(c.name, factories[c.name], c);
});

graded({
  name: "every optimizer: refuses invalid settings and mismatched lengths",
  points: 1,
  hint:
    "Throw on a negative or non-finite (NaN, Infinity) lr, eps, weight decay or momentum, betas outside [0, 1) or NaN, Nesterov without momentum, grads of another length than params, params whose length changes after the first step, and a step after opt.lr was set to a negative or non-finite value. See 'One interface' in lesson 04.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkAll("sgd", sgd, cases.sgd.plain.slice(1, 3));
  const bad: [string, () => unknown][] = [
    ["sgd({ lr: -0.1 })", () => sgd({ lr: -0.1 })],
    ["sgd({ lr: 0.1, momentum: -0.9 })", () => sgd({ lr: 0.1, momentum: -0.9 })],
    ["sgd({ lr: 0.1, weightDecay: -1e-4 })", () => sgd({ lr: 0.1, weightDecay: -1e-4 })],
    ["sgd({ lr: 0.1, nesterov: true })", () => sgd({ lr: 0.1, nesterov: true })],
    [
      "sgd({ lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })",
      () => sgd({ lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }),
    ],
    ["adagrad({ lr: -1 })", () => adagrad({ lr: -1 })],
    ["adagrad({ eps: -1e-10 })", () => adagrad({ eps: -1e-10 })],
    [
      "adagrad({ initialAccumulatorValue: -0.1 })",
      () => adagrad({ initialAccumulatorValue: -0.1 }),
    ],
    ["adadelta({ rho: 1.5 })", () => adadelta({ rho: 1.5 })],
    ["rmsprop({ alpha: -0.5 })", () => rmsprop({ alpha: -0.5 })],
    ["rmsprop({ momentum: -0.9 })", () => rmsprop({ momentum: -0.9 })],
    ["adam({ betas: [1, 0.999] })", () => adam({ betas: [1, 0.999] })],
    ["adam({ betas: [0.9, -0.1] })", () => adam({ betas: [0.9, -0.1] })],
    ["adam({ lr: -0.001 })", () => adam({ lr: -0.001 })],
    ["adamw({ weightDecay: -0.01 })", () => adamw({ weightDecay: -0.01 })],
    ["sgd({ lr: NaN })", () => sgd({ lr: NaN })],
    ["sgd({ lr: Infinity })", () => sgd({ lr: Infinity })],
    ["adagrad({ eps: NaN })", () => adagrad({ eps: NaN })],
    ["rmsprop({ weightDecay: NaN })", () => rmsprop({ weightDecay: NaN })],
    ["adam({ eps: NaN })", () => adam({ eps: NaN })],
    ["adam({ betas: [NaN, 0.999] })", () => adam({ betas: [NaN, 0.999] })],
    ["adamw({ lr: Infinity })", () => adamw({ lr: Infinity })],
    [
      "sgd({ lr: 0.1 }), then opt.lr = -0.1 and a step",
      () => {
        const opt = sgd({ lr: 0.1 });
        opt.lr = -0.1;
        opt.step(new Float64Array([1]), new Float64Array([1]));
      },
    ],
    [
      "adam(), then opt.lr = NaN and a step",
      () => {
        const opt = adam();
        opt.lr = NaN;
        opt.step(new Float64Array([1]), new Float64Array([1]));
      },
    ],
    [
      "sgd({ lr: 0.1 }).step(new Float64Array(2), new Float64Array(3))",
      () => sgd({ lr: 0.1 }).step(new Float64Array(2), new Float64Array(3)),
    ],
  ];
  for (const [input, actual] of bad) expectThrows({ input, actual });
  const makers: [string, () => Optimizer][] = [
    ["sgd({ lr: 0.1, momentum: 0.9 })", () => sgd({ lr: 0.1, momentum: 0.9 })],
    ["adagrad()", () => adagrad()],
    ["adadelta()", () => adadelta()],
    ["rmsprop()", () => rmsprop()],
    ["adam()", () => adam()],
    ["adamw()", () => adamw()],
  ];
  for (const [name, make] of makers) {
    expectThrows({
      input: `${name}: a step on 2 parameters, then a step on 3`,
      actual: () => {
        const opt = make();
        opt.step(new Float64Array([1, 2]), new Float64Array([0.5, 0.5]));
        opt.step(new Float64Array([1, 2, 3]), new Float64Array([0.5, 0.5, 0.5]));
      },
    });
  }
  // Refusals earn points only from optimizers that step: a step that moves nothing would pass
  // the lr-0 case below.
  checkTrajectory("sgd", sgd, cases.sgd.plain[0]);
  // Valid edge cases must not throw: lr 0 leaves the parameters where they are.
  expectEqual({
    input: "sgd({ lr: 0 }).step([1, -2], [3, 4]) then read params",
    actual: () => {
      const p = new Float64Array([1, -2]);
      sgd({ lr: 0 }).step(p, new Float64Array([3, 4]));
      return Array.from(p);
    },
    expected: [1, -2],
  });
});

graded({
  name: "every optimizer: leaves grads unchanged and keeps its state apart from other optimizers",
  points: 1,
  hint:
    "Add weight decay to a local copy of the gradient, never into grads; keep buffers and the step count t inside each optimizer (in the closure), not in module-level variables. See 'One interface' in lesson 04.",
}, () => {
  const makers: [string, () => Optimizer][] = [
    [
      "sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.1 })",
      () => sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.1 }),
    ],
    ["adagrad({ weightDecay: 0.1 })", () => adagrad({ weightDecay: 0.1 })],
    ["adadelta({ weightDecay: 0.1 })", () => adadelta({ weightDecay: 0.1 })],
    [
      "rmsprop({ weightDecay: 0.1, momentum: 0.5, centered: true })",
      () => rmsprop({ weightDecay: 0.1, momentum: 0.5, centered: true }),
    ],
    ["adam({ weightDecay: 0.1, amsgrad: true })", () => adam({ weightDecay: 0.1, amsgrad: true })],
    ["adamw()", () => adamw()],
  ];
  // Only optimizers that step correctly earn this: an optimizer that moves nothing also leaves
  // grads alone and keeps no state to share. One reference trajectory of each kind first.
  checkTrajectory("sgd", sgd, cases.sgd.momentum[0]);
  checkTrajectory("adagrad", adagrad, cases.adagrad.options[0]);
  checkTrajectory("adadelta", adadelta, cases.adadelta.all[0]);
  checkTrajectory("rmsprop", rmsprop, cases.rmsprop.centered[0]);
  checkTrajectory("adam", adamChecked, cases.adam.options[0]);
  checkTrajectory("adamw", adamwChecked, cases.adamw.all[0]);
  const grad = (p: Float64Array) => Float64Array.from(p, (x, i) => (i + 1) * (x - 0.5));
  for (const [name, make] of makers) {
    expectEqual({
      input: `${name}: grads after step(params = [1, -2, 3], grads = [0.5, -5, 7.5])`,
      actual: () => {
        const g = new Float64Array([0.5, -5, 7.5]);
        make().step(new Float64Array([1, -2, 3]), g);
        return Array.from(g);
      },
      expected: [0.5, -5, 7.5],
    });
    // The same optimizer alone, then interleaved with a second one of the same kind: the first
    // one's trajectory must not change (its buffers and step count are its own).
    const alone = () => {
      const opt = make();
      const p = new Float64Array([1, -2, 3]);
      const out: number[] = [];
      for (let k = 0; k < 4; k++) {
        opt.step(p, grad(p));
        out.push(...p);
      }
      return out;
    };
    expectNumber({
      input: `${name}: largest change of its 4 steps on [1, -2, 3] when a second ${name} ` +
        "steps on [4, 5, 6] in between (the same arithmetic: must be exactly 0)",
      actual: () => {
        const reference = alone();
        const a = make();
        const b = make();
        const p = new Float64Array([1, -2, 3]);
        const q = new Float64Array([4, 5, 6]);
        let worst = 0;
        for (let k = 0; k < 4; k++) {
          b.step(q, grad(q));
          a.step(p, grad(p));
          for (let i = 0; i < 3; i++) {
            worst = Math.max(worst, Math.abs(p[i] - reference[3 * k + i]));
          }
        }
        return worst;
      },
      expected: 0,
      abs: 0,
    });
  }
});
