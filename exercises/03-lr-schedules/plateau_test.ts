import { expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachNumbers } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/03-lr-schedules.json" with { type: "json" };
import { createPlateauScheduler, type PlateauConfig, reduceOnPlateau } from "./plateau.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// The rates are products of lr0 and factor (and minLr): the same multiplications in any correct
// program, so 1e-12 relative is generous.
const REL = 1e-12;

type Run = { config: unknown; metrics: number[]; expected: number[] };

function checkRuns(list: readonly Run[]): void {
  expectEachNumbers(list, {
    input: (c) => `reduceOnPlateau(${JSON.stringify(c.config)}, ${JSON.stringify(c.metrics)})`,
    actual: (c) => reduceOnPlateau(c.config as PlateauConfig, c.metrics),
    rel: REL,
  });
}

/** Runs each case through a scheduler of its own, checking step() and the lr getter. */
function checkScheduler(list: Run[]): void {
  for (const c of list) {
    const config = c.config as PlateauConfig;
    const text = JSON.stringify(config);
    let scheduler: ReturnType<typeof createPlateauScheduler> | undefined;
    expectNumber({
      input: `createPlateauScheduler(${text}).lr`,
      actual: () => (scheduler = createPlateauScheduler(config)).lr,
      expected: config.lr0,
      rel: REL,
    });
    c.metrics.forEach((metric, i) => {
      expectNumber({
        input: `step(${metric}) at epoch ${i} of ${text} on ${JSON.stringify(c.metrics)}`,
        actual: () => scheduler!.step(metric),
        expected: c.expected[i],
        rel: REL,
      });
      expectNumber({
        input: `.lr after step(${metric}) at epoch ${i} of ${text}`,
        actual: () => scheduler!.lr,
        expected: c.expected[i],
        rel: REL,
      });
    });
  }
}

graded({
  name: "reduceOnPlateau: the lesson's run",
  points: 2,
  hint:
    "Count bad epochs (no improvement beyond the threshold); on the (patience + 1)-th, multiply the rate by factor and start the cooldown. See 'Reduce on plateau' in lesson 03.",
}, () => checkRuns(cases.reduceOnPlateau.lesson));

graded(
  {
    name: "reduceOnPlateau: patience counts bad epochs, the first metric always improves",
    points: 1,
    hint:
      "The best starts at +∞ (min mode), so the first metric is an improvement; reduce when bad epochs > patience, then reset the count. See 'Reduce on plateau' in lesson 03.",
  },
  () => checkRuns([...cases.reduceOnPlateau.patience, ...cases.reduceOnPlateau.random.slice(0, 3)]),
);

graded(
  {
    name: "reduceOnPlateau: cooldown",
    points: 1,
    hint:
      "After a reduction, for `cooldown` steps the cooldown counter ticks down and bad epochs are reset to 0 — the tick happens after counting the epoch. See 'Reduce on plateau' in lesson 03.",
  },
  () => checkRuns([...cases.reduceOnPlateau.cooldown, ...cases.reduceOnPlateau.random.slice(0, 3)]),
);

graded(
  {
    name: "reduceOnPlateau: rel and abs thresholds, min and max modes",
    points: 1,
    hint:
      "min/rel: a < best·(1 − threshold); min/abs: a < best − threshold; max/rel: a > best·(1 + threshold); max/abs: a > best + threshold. See 'Reduce on plateau' in lesson 03.",
  },
  () =>
    checkRuns([...cases.reduceOnPlateau.thresholds, ...cases.reduceOnPlateau.random.slice(0, 3)]),
);

graded({
  name: "reduceOnPlateau: minLr floor and the eps rule",
  points: 1,
  hint:
    "new = max(lr · factor, minLr), applied only if lr − new > eps (default 1e-8). See 'Reduce on plateau' in lesson 03.",
}, () => checkRuns([...cases.reduceOnPlateau.floor, ...cases.reduceOnPlateau.random.slice(0, 3)]));

graded({
  name: "reduceOnPlateau: seeded random loss curves",
  points: 2,
  hint:
    "Follow PyTorch's step() order exactly: compare, count, cooldown tick, reduce. See 'Reduce on plateau' in lesson 03.",
}, () => checkRuns(cases.reduceOnPlateau.random));

graded({
  name: "createPlateauScheduler: step() returns the new rate and lr follows it",
  points: 1,
  hint:
    "Keep best, bad epochs and cooldown in the closure; step(metric) updates them and returns the rate, and the lr getter reads the same rate (lr0 before any step). See 'Reduce on plateau' in lesson 03.",
}, () => {
  checkScheduler([...cases.reduceOnPlateau.lesson, ...cases.reduceOnPlateau.random.slice(0, 10)]);
});

graded({
  name: "createPlateauScheduler: refuses bad settings",
  points: 1,
  hint:
    "lr0 positive, factor in (0, 1), patience and cooldown non-negative integers, threshold, minLr and eps finite and ≥ 0, mode 'min' or 'max', thresholdMode 'rel' or 'abs'; name the argument. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkScheduler(cases.reduceOnPlateau.lesson);
  const bad: [unknown, string][] = [
    [{ lr0: 0.1, factor: 1 }, "factor"],
    [{ lr0: 0.1, factor: 0 }, "factor"],
    [{ lr0: 0.1, patience: -1 }, "patience"],
    [{ lr0: 0.1, patience: 1.5 }, "patience"],
    [{ lr0: 0.1, cooldown: -2 }, "cooldown"],
    [{ lr0: 0.1, mode: "minimum" }, "mode"],
    [{ lr0: 0.1, thresholdMode: "relative" }, "thresholdMode"],
    [{ lr0: 0 }, "lr0"],
    [{ lr0: 0.1, minLr: -0.01 }, "minLr"],
    [{ lr0: 0.1, threshold: -1e-4 }, "threshold"],
    [{ lr0: 0.1, eps: NaN }, "eps"],
  ];
  for (const [config, name] of bad) {
    expectThrows({
      input: `createPlateauScheduler(${JSON.stringify(config)})`,
      actual: () => createPlateauScheduler(config as PlateauConfig),
      messageIncludes: name,
    });
  }
});

graded({
  name: "reduceOnPlateau: ties, the default threshold and NaN metrics",
  points: 1,
  hint:
    "An improvement must beat the best strictly (a tie is a bad epoch, even with threshold 0); the default threshold is rel 1e-4; a NaN metric is a bad epoch and never becomes the best. See 'Reduce on plateau' in lesson 03.",
}, () => {
  checkRuns([...cases.reduceOnPlateau.edge, ...cases.reduceOnPlateau.random.slice(0, 3)]);
  expectEachNumbers(cases.reduceOnPlateau.nan, {
    input: (c) =>
      `reduceOnPlateau(${JSON.stringify(c.config)}, [${c.metrics.map(Number).join(", ")}])`,
    actual: (c) => reduceOnPlateau(c.config as PlateauConfig, c.metrics.map(Number)),
    rel: REL,
  });
});

graded({
  name: "createPlateauScheduler: two schedulers keep their own state",
  points: 1,
  hint:
    "Keep best, bad epochs, cooldown and the rate inside each scheduler (in the closure), not in module-level variables shared by all schedulers. See 'Reduce on plateau' in lesson 03.",
}, () => {
  // Answers to seeded random cases first: the grade of record draws them afresh.
  checkScheduler(cases.reduceOnPlateau.random.slice(0, 3));
  // Interleaved: each scheduler sees 1 (an improvement), then bad epochs; with patience 1 each
  // must drop on its own third step, whatever the other one did.
  const config: PlateauConfig = { lr0: 0.1, patience: 1, factor: 0.5 };
  let a: ReturnType<typeof createPlateauScheduler> | undefined;
  let b: ReturnType<typeof createPlateauScheduler> | undefined;
  const expected = [0.1, 0.1, 0.1, 0.1, 0.05, 0.05];
  const calls: [string, () => number][] = [
    [
      "a = createPlateauScheduler(config); a.step(1)",
      () => (a = createPlateauScheduler(config)).step(1),
    ],
    [
      "b = createPlateauScheduler(config); b.step(1)",
      () => (b = createPlateauScheduler(config)).step(1),
    ],
    ["a.step(1) (bad epoch 1 of a)", () => a!.step(1)],
    ["b.step(1) (bad epoch 1 of b)", () => b!.step(1)],
    ["a.step(1) (bad epoch 2 of a: drop)", () => a!.step(1)],
    ["b.step(1) (bad epoch 2 of b: drop)", () => b!.step(1)],
  ];
  calls.forEach(([input, actual], i) => {
    expectNumber({
      input: `${input} with config ${JSON.stringify(config)}`,
      actual,
      expected: expected[i],
      rel: REL,
    });
  });
});
