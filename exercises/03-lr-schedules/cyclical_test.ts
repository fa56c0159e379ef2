import { expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachCall } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/03-lr-schedules.json" with { type: "json" };
import { type CyclicConfig, cyclicLr, type OneCycleConfig, oneCycleLr } from "./cyclical.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// Closed forms, compared to 1e-12 relative, with an absolute floor of 1e-15 × the peak rate: near
// the bottom of a cosine phase 1 + cos(θ) cancels, and two correct programs may differ there by
// one rounding of cos, a million times less than any real mistake.
const REL = 1e-12;
const ABS_PER_PEAK = 1e-15;

/** A case as the JSON file types it: its `mode` and `annealStrategy` are plain strings. */
type Point = { config: object; step: number; expected: number };

/** Each case of `list`: `name(config, step)` against the reference. */
function checkAll<C extends { maxLr: number }>(
  name: string,
  f: (config: C, step: number) => number,
  list: readonly Point[],
): void {
  expectEachCall(list, {
    name,
    fn: f,
    args: (c) => [c.config as C, c.step],
    rel: REL,
    abs: (c) => ABS_PER_PEAK * (c.config as C).maxLr,
  });
}

const checkCyclic = (list: readonly Point[]) => checkAll<CyclicConfig>("cyclicLr", cyclicLr, list);
const checkOneCycle = (list: readonly Point[]) =>
  checkAll<OneCycleConfig>("oneCycleLr", oneCycleLr, list);

graded({
  name: "cyclicLr: triangular, the lesson's table",
  points: 2,
  hint:
    "cycle = floor(1 + step / (up + down)), x = 1 + step / (up + down) − cycle; the rate climbs for stepSizeUp steps from baseLr to maxLr and back. See 'Cyclical learning rates' in lesson 03.",
}, () => checkCyclic([...cases.cyclicLr.triangular, ...cases.cyclicLr.random.slice(0, 3)]));

graded({
  name: "cyclicLr: triangular2 halves the amplitude every cycle",
  points: 1,
  hint:
    "Multiply the height by 1 / 2^(cycle − 1), with the first cycle numbered 1: the second peak is halfway between baseLr and maxLr. See 'Cyclical learning rates' in lesson 03.",
}, () => checkCyclic([...cases.cyclicLr.triangular2, ...cases.cyclicLr.random.slice(0, 3)]));

graded({
  name: "cyclicLr: exp_range scales by gamma^step",
  points: 1,
  hint:
    "In exp_range the height is multiplied by gamma raised to the step number (the iteration), not to the cycle number. See 'Cyclical learning rates' in lesson 03.",
}, () => checkCyclic([...cases.cyclicLr.expRange, ...cases.cyclicLr.random.slice(0, 3)]));

graded({
  name: "cyclicLr: a stepSizeDown different from stepSizeUp",
  points: 1,
  hint:
    "A cycle is stepSizeUp + stepSizeDown steps; the peak sits at the fraction stepSizeUp / (up + down) of it. See 'Cyclical learning rates' in lesson 03.",
}, () => checkCyclic(cases.cyclicLr.asymmetric));

graded({
  name: "cyclicLr: seeded random cases of all three modes",
  points: 1,
  hint:
    "mode defaults to triangular, gamma to 1, stepSizeDown to stepSizeUp. See 'Cyclical learning rates' in lesson 03.",
}, () => checkCyclic(cases.cyclicLr.random));

graded({
  name: "cyclicLr: refuses bad step sizes, modes and bounds",
  points: 1,
  hint:
    "stepSizeUp and stepSizeDown must be positive integers, mode one of the three names, baseLr and gamma positive, maxLr ≥ baseLr (equal is allowed), step finite and ≥ 0; name the argument. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkCyclic(cases.cyclicLr.random.slice(0, 5));
  const base = { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 100 };
  const bad: [unknown, string][] = [
    [{ ...base, stepSizeUp: 0 }, "stepSizeUp"],
    [{ ...base, stepSizeUp: 12.5 }, "stepSizeUp"],
    [{ ...base, stepSizeDown: -3 }, "stepSizeDown"],
    [{ ...base, mode: "triangle" }, "mode"],
    [{ ...base, maxLr: 0.0005 }, "maxLr"],
    [{ ...base, baseLr: 0 }, "baseLr"],
    [{ ...base, mode: "exp_range", gamma: 0 }, "gamma"],
  ];
  for (const [config, name] of bad) {
    expectThrows({
      input: `cyclicLr(${JSON.stringify(config)}, 10)`,
      actual: () => cyclicLr(config as CyclicConfig, 10),
      messageIncludes: name,
    });
  }
  for (const step of [-1, NaN, Infinity]) {
    expectThrows({
      input: `cyclicLr(${JSON.stringify(base)}, ${step})`,
      actual: () => cyclicLr(base, step),
      messageIncludes: "step",
    });
  }
  // maxLr = baseLr is allowed ("at least baseLr"): a constant rate.
  const flat = { baseLr: 0.002, maxLr: 0.002, stepSizeUp: 4 };
  for (const step of [0, 2, 4, 7]) {
    expectNumber({
      input: `cyclicLr(${JSON.stringify(flat)}, ${step})`,
      actual: () => cyclicLr(flat, step),
      expected: 0.002,
      rel: 1e-12,
    });
  }
});

graded({
  name: "oneCycleLr: the lesson's table (two phases, cos)",
  points: 2,
  hint:
    "Start at maxLr / divFactor, peak at step pctStart · totalSteps − 1, end at initial / finalDivFactor at step totalSteps − 1. See 'One-cycle' in lesson 03.",
}, () => checkOneCycle([...cases.oneCycleLr.lesson, ...cases.oneCycleLr.random.slice(0, 3)]));

graded({
  name: "oneCycleLr: linear annealing",
  points: 1,
  hint:
    "With annealStrategy 'linear' each phase moves in a straight line: start + (end − start) · pct. See 'One-cycle' in lesson 03.",
}, () => checkOneCycle([...cases.oneCycleLr.linear, ...cases.oneCycleLr.random.slice(0, 3)]));

graded({
  name: "oneCycleLr: three phases, the lesson's table",
  points: 1,
  hint:
    "threePhase: up until pctStart·T − 1, back down to the initial rate at 2·pctStart·T − 2, then to the minimum at T − 1. See 'One-cycle' in lesson 03.",
}, () => checkOneCycle([...cases.oneCycleLr.threePhase, ...cases.oneCycleLr.random.slice(0, 3)]));

graded({
  name: "oneCycleLr: the steps around each phase boundary",
  points: 1,
  hint:
    "Phase ends are the floats pctStart · totalSteps − 1 and totalSteps − 1 (no rounding); a step belongs to the first phase whose end it does not pass. See 'One-cycle' in lesson 03.",
}, () => {
  checkOneCycle(cases.oneCycleLr.boundaries);
  checkOneCycle(cases.oneCycleLr.threePhaseBoundaries);
});

graded({
  name: "oneCycleLr: seeded random cases",
  points: 1,
  hint:
    "Defaults: pctStart 0.3, cos, divFactor 25, finalDivFactor 1e4, two phases. See 'One-cycle' in lesson 03.",
}, () => checkOneCycle(cases.oneCycleLr.random));

graded({
  name: "oneCycleLr: refuses steps past totalSteps and bad settings",
  points: 1,
  hint:
    "Like PyTorch, refuse a step beyond totalSteps; totalSteps must be a positive integer and pctStart in [0, 1]. Name the argument. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkOneCycle(cases.oneCycleLr.random.slice(0, 5));
  const base: OneCycleConfig = { maxLr: 0.1, totalSteps: 100 };
  expectThrows({
    input: `oneCycleLr(${JSON.stringify(base)}, 101)`,
    actual: () => oneCycleLr(base, 101),
    messageIncludes: "step",
  });
  const bad: [OneCycleConfig, string][] = [
    [{ ...base, totalSteps: 0 }, "totalSteps"],
    [{ ...base, totalSteps: 99.5 }, "totalSteps"],
    [{ ...base, pctStart: 1.5 }, "pctStart"],
    [{ ...base, pctStart: -0.1 }, "pctStart"],
  ];
  for (const step of [-1, NaN]) {
    expectThrows({
      input: `oneCycleLr(${JSON.stringify(base)}, ${step})`,
      actual: () => oneCycleLr(base, step),
      messageIncludes: "step",
    });
  }
  for (const [config, name] of bad) {
    expectThrows({
      input: `oneCycleLr(${JSON.stringify(config)}, 10)`,
      actual: () => oneCycleLr(config, 10),
      messageIncludes: name,
    });
  }
});
