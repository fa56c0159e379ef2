import { expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachCall } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/03-lr-schedules.json" with { type: "json" };
import {
  constantLr,
  exponentialDecay,
  type ExponentialDecayConfig,
  naturalExpDecay,
  stepDecay,
  type StepDecayConfig,
  timeBasedDecay,
} from "./decays.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Closed forms: the learner's value must match the reference to 1e-12 relative. These decays
// involve no cancellation, so any correct order of operations is far inside that.
const REL = 1e-12;

/** Each case of `list`: `name(config, epoch)` against the reference, to `REL`. */
function checkAll<C>(
  name: string,
  f: (config: C, epoch: number) => number,
  list: readonly { config: C; epoch: number; expected: number }[],
): void {
  expectEachCall(list, { name, fn: f, args: (c) => [c.config, c.epoch], rel: REL });
}

graded({
  name: "constantLr: the same rate at every epoch",
  points: 1,
  hint: "Return lr0 whatever the epoch; see 'Constant' in lesson 03.",
}, () => checkAll("constantLr", constantLr, cases.constantLr.random));

graded({
  name: "constantLr: refuses a negative epoch and a non-positive lr0",
  points: 1,
  hint:
    "Every schedule checks its arguments and names the bad one; see 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("constantLr", constantLr, cases.constantLr.random.slice(0, 5));
  expectThrows({
    input: "constantLr({ lr0: 0.1 }, -1)",
    actual: () => constantLr({ lr0: 0.1 }, -1),
    messageIncludes: "epoch",
  });
  expectThrows({
    input: "constantLr({ lr0: 0 }, 3)",
    actual: () => constantLr({ lr0: 0 }, 3),
    messageIncludes: "lr0",
  });
});

graded(
  {
    name: "timeBasedDecay: the lesson's table (closed form, not the recursion)",
    points: 2,
    hint:
      "lr0 / (1 + decay · epoch) with epoch counted from 0, computed from lr0 every time, never from the previous rate; see 'Time-based decay' in lesson 03.",
  },
  () =>
    checkAll("timeBasedDecay", timeBasedDecay, [
      ...cases.timeBasedDecay.lesson,
      ...cases.timeBasedDecay.random.slice(0, 3),
    ]),
);

graded({
  name: "timeBasedDecay: seeded random cases",
  points: 1,
  hint:
    "lr0 / (1 + decay · epoch); fractional epochs work the same way. See 'Time-based decay' in lesson 03.",
}, () => checkAll("timeBasedDecay", timeBasedDecay, cases.timeBasedDecay.random));

graded({
  name: "timeBasedDecay: refuses a negative decay",
  points: 1,
  hint: "decay must be a finite number ≥ 0; name it in the error. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("timeBasedDecay", timeBasedDecay, cases.timeBasedDecay.random.slice(0, 5));
  expectThrows({
    input: "timeBasedDecay({ lr0: 0.1, decay: -0.5 }, 3)",
    actual: () => timeBasedDecay({ lr0: 0.1, decay: -0.5 }, 3),
    messageIncludes: "decay",
  });
});

graded(
  {
    name: "stepDecay: the lesson's table (PyTorch StepLR, epochs from 0)",
    points: 2,
    hint:
      "lr0 · gamma^floor(epoch / stepSize): the first drop is AT epoch stepSize, so epoch 99 is still 6.25e-5. Using epoch + 1 drops one epoch early. See 'Step decay' in lesson 03.",
  },
  () =>
    checkAll("stepDecay", stepDecay, [
      ...cases.stepDecay.lesson,
      ...cases.stepDecay.random.slice(0, 3),
    ]),
);

graded({
  name: "stepDecay: the epochs just before and at each drop, with a start epoch",
  points: 1,
  hint:
    "Before startEpoch the rate is lr0; after it, count floor((epoch − startEpoch) / stepSize) drops. See 'Step decay' in lesson 03.",
}, () => checkAll("stepDecay", stepDecay, cases.stepDecay.boundaries));

graded({
  name: "stepDecay: seeded random cases",
  points: 1,
  hint:
    "lr0 · gamma^floor(max(0, epoch − startEpoch) / stepSize), startEpoch 0 when absent. See 'Step decay' in lesson 03.",
}, () => checkAll("stepDecay", stepDecay, cases.stepDecay.random));

graded({
  name: "stepDecay: refuses a stepSize that is not a positive integer",
  points: 1,
  hint:
    "stepSize must be a positive integer; say 'stepSize' in the error. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("stepDecay", stepDecay, cases.stepDecay.random.slice(0, 5));
  for (const stepSize of [0, -5, 2.5]) {
    const config: StepDecayConfig = { lr0: 0.1, gamma: 0.5, stepSize };
    expectThrows({
      input: `stepDecay(${JSON.stringify(config)}, 10)`,
      actual: () => stepDecay(config, 10),
      messageIncludes: "stepSize",
    });
  }
  const negativeStart: StepDecayConfig = { lr0: 0.1, gamma: 0.5, stepSize: 10, startEpoch: -1 };
  expectThrows({
    input: `stepDecay(${JSON.stringify(negativeStart)}, 10)`,
    actual: () => stepDecay(negativeStart, 10),
    messageIncludes: "startEpoch",
    hint: "startEpoch, when given, must be an integer ≥ 0; say 'startEpoch' in the error. " +
      "See 'Conventions' in lesson 03.",
  });
});

graded(
  {
    name: "exponentialDecay: the lesson's table (Keras, continuous and staircase)",
    points: 2,
    hint:
      "lr0 · decayRate^(step / decaySteps); with staircase, floor the exponent. See 'Exponential decay' in lesson 03.",
  },
  () =>
    checkAll("exponentialDecay", exponentialDecay, [
      ...cases.exponentialDecay.lesson,
      ...cases.exponentialDecay.continuous.slice(0, 3),
    ]),
);

graded({
  name: "exponentialDecay: continuous, seeded random cases",
  points: 1,
  hint:
    "Without staircase the exponent step / decaySteps is a fraction: do not floor it. See 'Exponential decay' in lesson 03.",
}, () => checkAll("exponentialDecay", exponentialDecay, cases.exponentialDecay.continuous));

graded({
  name: "exponentialDecay: staircase floors step / decaySteps",
  points: 1,
  hint:
    "With staircase: true the exponent is floor(step / decaySteps), so the rate holds between drops. See 'Exponential decay' in lesson 03.",
}, () => checkAll("exponentialDecay", exponentialDecay, cases.exponentialDecay.staircase));

graded({
  name: "exponentialDecay: refuses decaySteps that is not a positive integer",
  points: 1,
  hint:
    "decaySteps must be a positive integer; say 'decaySteps' in the error. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("exponentialDecay", exponentialDecay, cases.exponentialDecay.continuous.slice(0, 5));
  for (const decaySteps of [0, -10, 0.5]) {
    const config: ExponentialDecayConfig = { lr0: 0.1, decayRate: 0.5, decaySteps };
    expectThrows({
      input: `exponentialDecay(${JSON.stringify(config)}, 10)`,
      actual: () => exponentialDecay(config, 10),
      messageIncludes: "decaySteps",
    });
  }
});

graded({
  name: "naturalExpDecay: the lesson's erratum and seeded random cases",
  points: 1,
  hint:
    "lr0 · exp(−k · epoch), from lr0 every time: the update lr ← lr · exp(−(epoch + 1)·k) is a different, collapsing schedule. See 'Exponential decay' in lesson 03.",
}, () => {
  checkAll("naturalExpDecay", naturalExpDecay, cases.naturalExpDecay.lesson);
  checkAll("naturalExpDecay", naturalExpDecay, cases.naturalExpDecay.random);
});

graded({
  name:
    "constantLr … naturalExpDecay: every decay refuses a bad epoch and bad settings, naming the argument",
  points: 1,
  hint:
    "Every schedule checks all its arguments: epoch (or step) finite and ≥ 0 (NaN and Infinity are not), lr0 positive, gamma and decayRate positive, decay and k finite and ≥ 0, startEpoch a non-negative integer. Name the argument in the message. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("constantLr", constantLr, cases.constantLr.random.slice(0, 5));
  checkAll("timeBasedDecay", timeBasedDecay, cases.timeBasedDecay.lesson);
  checkAll("stepDecay", stepDecay, cases.stepDecay.lesson);
  checkAll("exponentialDecay", exponentialDecay, cases.exponentialDecay.lesson);
  checkAll("naturalExpDecay", naturalExpDecay, cases.naturalExpDecay.lesson);
  const bad: [string, () => number, string][] = [];
  const epochs = [-1, NaN, Infinity];
  for (const epoch of epochs) {
    bad.push(
      [`constantLr({ lr0: 0.1 }, ${epoch})`, () => constantLr({ lr0: 0.1 }, epoch), "epoch"],
      [
        `timeBasedDecay({ lr0: 0.1, decay: 0.1 }, ${epoch})`,
        () => timeBasedDecay({ lr0: 0.1, decay: 0.1 }, epoch),
        "epoch",
      ],
      [
        `stepDecay({ lr0: 0.1, gamma: 0.5, stepSize: 10 }, ${epoch})`,
        () => stepDecay({ lr0: 0.1, gamma: 0.5, stepSize: 10 }, epoch),
        "epoch",
      ],
      [
        `exponentialDecay({ lr0: 0.1, decayRate: 0.5, decaySteps: 10 }, ${epoch})`,
        () => exponentialDecay({ lr0: 0.1, decayRate: 0.5, decaySteps: 10 }, epoch),
        "step",
      ],
      [
        `naturalExpDecay({ lr0: 0.1, k: 0.1 }, ${epoch})`,
        () => naturalExpDecay({ lr0: 0.1, k: 0.1 }, epoch),
        "epoch",
      ],
    );
  }
  for (const lr0 of [0, -0.1, NaN]) {
    bad.push(
      [
        `timeBasedDecay({ lr0: ${lr0}, decay: 0.1 }, 1)`,
        () => timeBasedDecay({ lr0, decay: 0.1 }, 1),
        "lr0",
      ],
      [
        `stepDecay({ lr0: ${lr0}, gamma: 0.5, stepSize: 10 }, 1)`,
        () => stepDecay({ lr0, gamma: 0.5, stepSize: 10 }, 1),
        "lr0",
      ],
      [
        `exponentialDecay({ lr0: ${lr0}, decayRate: 0.5, decaySteps: 10 }, 1)`,
        () => exponentialDecay({ lr0, decayRate: 0.5, decaySteps: 10 }, 1),
        "lr0",
      ],
      [
        `naturalExpDecay({ lr0: ${lr0}, k: 0.1 }, 1)`,
        () => naturalExpDecay({ lr0, k: 0.1 }, 1),
        "lr0",
      ],
    );
  }
  for (const gamma of [0, -0.5, NaN]) {
    bad.push([
      `stepDecay({ lr0: 0.1, gamma: ${gamma}, stepSize: 10 }, 1)`,
      () => stepDecay({ lr0: 0.1, gamma, stepSize: 10 }, 1),
      "gamma",
    ], [
      `exponentialDecay({ lr0: 0.1, decayRate: ${gamma}, decaySteps: 10 }, 1)`,
      () => exponentialDecay({ lr0: 0.1, decayRate: gamma, decaySteps: 10 }, 1),
      "decayRate",
    ]);
  }
  for (const k of [-0.1, NaN, Infinity]) {
    bad.push([
      `naturalExpDecay({ lr0: 0.1, k: ${k} }, 1)`,
      () => naturalExpDecay({ lr0: 0.1, k }, 1),
      "k",
    ], [
      `timeBasedDecay({ lr0: 0.1, decay: ${k} }, 1)`,
      () => timeBasedDecay({ lr0: 0.1, decay: k }, 1),
      "decay",
    ]);
  }
  bad.push([
    "stepDecay({ lr0: 0.1, gamma: 0.5, stepSize: 10, startEpoch: 2.5 }, 1)",
    () => stepDecay({ lr0: 0.1, gamma: 0.5, stepSize: 10, startEpoch: 2.5 }, 1),
    "startEpoch",
  ]);
  for (const [input, actual, name] of bad) expectThrows({ input, actual, messageIncludes: name });
});
