import { expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachCall } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/03-lr-schedules.json" with { type: "json" };
import { cosineAnnealing, cosineWarmRestarts, type WarmRestartsConfig } from "./cosine.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Closed forms, compared to 1e-12 relative. Near the bottom of a cosine, 1 + cos(θ) cancels, and
// two correct programs may differ there by one rounding of cos; the absolute floor of 1e-15 × lr0
// absorbs exactly that and is a million times smaller than any real mistake.
const REL = 1e-12;
const ABS_PER_LR0 = 1e-15;

/** Each case of `list`: `name(config, epoch)` against the reference. */
function checkAll<C extends { lr0: number }>(
  name: string,
  f: (config: C, epoch: number) => number,
  list: readonly { config: C; epoch: number; expected: number }[],
): void {
  expectEachCall(list, {
    name,
    fn: f,
    args: (c) => [c.config, c.epoch],
    rel: REL,
    abs: (c) => ABS_PER_LR0 * c.config.lr0,
  });
}

graded(
  {
    name: "cosineAnnealing: the lesson's table",
    points: 2,
    hint:
      "etaMin + (lr0 − etaMin) · (1 + cos(π · epoch / tMax)) / 2, epoch from 0: lr0 at 0, etaMin at tMax. See 'Cosine annealing' in lesson 03.",
  },
  () =>
    checkAll("cosineAnnealing", cosineAnnealing, [
      ...cases.cosineAnnealing.lesson,
      ...cases.cosineAnnealing.random.slice(0, 3),
    ]),
);

graded({
  name: "cosineAnnealing: seeded random cases, some past tMax",
  points: 1,
  hint:
    "etaMin defaults to 0, and like PyTorch's closed form the curve is not clamped at tMax: it climbs back up. See 'Cosine annealing' in lesson 03.",
}, () => checkAll("cosineAnnealing", cosineAnnealing, cases.cosineAnnealing.random));

graded({
  name: "cosineAnnealing: refuses a tMax that is not a positive integer",
  points: 1,
  hint: "tMax must be a positive integer; say 'tMax' in the error. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("cosineAnnealing", cosineAnnealing, cases.cosineAnnealing.random.slice(0, 5));
  for (const tMax of [0, -10, 7.5]) {
    expectThrows({
      input: `cosineAnnealing({ lr0: 0.1, tMax: ${tMax} }, 1)`,
      actual: () => cosineAnnealing({ lr0: 0.1, tMax }, 1),
      messageIncludes: "tMax",
    });
  }
});

graded(
  {
    name: "cosineWarmRestarts: the lesson's table (T_0 = 10, T_mult = 2)",
    points: 2,
    hint:
      "Cycles last t0, t0·tMult, t0·tMult², …; at a restart epoch tCur = 0 and the rate is back at lr0. See 'Warm restarts' in lesson 03.",
  },
  () =>
    checkAll("cosineWarmRestarts", cosineWarmRestarts, [
      ...cases.cosineWarmRestarts.lesson,
      ...cases.cosineWarmRestarts.random.slice(0, 3),
    ]),
);

graded(
  {
    name: "cosineWarmRestarts: cycles of equal length (tMult = 1 or absent)",
    points: 1,
    hint:
      "With tMult = 1, tCur = epoch mod t0; the epoch k·t0 starts a new cycle at lr0. See 'Warm restarts' in lesson 03.",
  },
  () => checkAll("cosineWarmRestarts", cosineWarmRestarts, cases.cosineWarmRestarts.constantCycles),
);

graded(
  {
    name: "cosineWarmRestarts: growing cycles, around each restart",
    points: 2,
    hint:
      "Subtract whole cycles (t0, then t0·tMult, …) until tCur < the current cycle length; the cycle length grows only after a restart. See 'Warm restarts' in lesson 03.",
  },
  () => checkAll("cosineWarmRestarts", cosineWarmRestarts, cases.cosineWarmRestarts.growingCycles),
);

graded({
  name: "cosineWarmRestarts: seeded random cases, fractional epochs included",
  points: 1,
  hint:
    "A fractional epoch (epoch + batch / batches) uses the same rule; tMult and etaMin default to 1 and 0. See 'Warm restarts' in lesson 03.",
}, () => checkAll("cosineWarmRestarts", cosineWarmRestarts, cases.cosineWarmRestarts.random));

graded({
  name: "cosineWarmRestarts: refuses bad t0 and tMult",
  points: 1,
  hint:
    "t0 must be a positive integer and tMult an integer ≥ 1 (as PyTorch requires); name the argument. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("cosineWarmRestarts", cosineWarmRestarts, cases.cosineWarmRestarts.random.slice(0, 5));
  const bad: [WarmRestartsConfig, string][] = [
    [{ lr0: 0.1, t0: 0 }, "t0"],
    [{ lr0: 0.1, t0: 2.5 }, "t0"],
    [{ lr0: 0.1, t0: 10, tMult: 0 }, "tMult"],
    [{ lr0: 0.1, t0: 10, tMult: 1.5 }, "tMult"],
  ];
  for (const [config, name] of bad) {
    expectThrows({
      input: `cosineWarmRestarts(${JSON.stringify(config)}, 3)`,
      actual: () => cosineWarmRestarts(config, 3),
      messageIncludes: name,
    });
  }
});

graded({
  name: "cosineAnnealing and cosineWarmRestarts: refuse a bad epoch, lr0 or etaMin, naming it",
  points: 1,
  hint:
    "The epoch must be finite and ≥ 0 (NaN and Infinity are not), lr0 positive, etaMin finite and ≥ 0. Name the argument in the message. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll("cosineAnnealing", cosineAnnealing, cases.cosineAnnealing.random.slice(0, 5));
  checkAll("cosineWarmRestarts", cosineWarmRestarts, cases.cosineWarmRestarts.lesson);
  const bad: [string, () => number, string][] = [];
  for (const epoch of [-1, NaN, Infinity]) {
    bad.push([
      `cosineAnnealing({ lr0: 0.1, tMax: 10 }, ${epoch})`,
      () => cosineAnnealing({ lr0: 0.1, tMax: 10 }, epoch),
      "epoch",
    ], [
      `cosineWarmRestarts({ lr0: 0.1, t0: 10 }, ${epoch})`,
      () => cosineWarmRestarts({ lr0: 0.1, t0: 10 }, epoch),
      "epoch",
    ]);
  }
  for (const lr0 of [0, -0.1, NaN]) {
    bad.push([
      `cosineAnnealing({ lr0: ${lr0}, tMax: 10 }, 1)`,
      () => cosineAnnealing({ lr0, tMax: 10 }, 1),
      "lr0",
    ], [
      `cosineWarmRestarts({ lr0: ${lr0}, t0: 10 }, 1)`,
      () => cosineWarmRestarts({ lr0, t0: 10 }, 1),
      "lr0",
    ]);
  }
  for (const etaMin of [-0.001, NaN]) {
    bad.push([
      `cosineAnnealing({ lr0: 0.1, tMax: 10, etaMin: ${etaMin} }, 1)`,
      () => cosineAnnealing({ lr0: 0.1, tMax: 10, etaMin }, 1),
      "etaMin",
    ], [
      `cosineWarmRestarts({ lr0: 0.1, t0: 10, etaMin: ${etaMin} }, 1)`,
      () => cosineWarmRestarts({ lr0: 0.1, t0: 10, etaMin }, 1),
      "etaMin",
    ]);
  }
  for (const [input, actual, name] of bad) expectThrows({ input, actual, messageIncludes: name });
});
