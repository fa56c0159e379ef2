import { expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachCall } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/03-lr-schedules.json" with { type: "json" };
import { linearWarmup, type LinearWarmupConfig } from "./warmup.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

// A closed form, compared to 1e-12 relative, with an absolute floor of 1e-15 × lr0: when
// endFactor is near 0, start + (end − start) · 1 may not round back to end exactly, and a correct
// program that returns lr0 · endFactor directly differs there by one rounding.
const REL = 1e-12;
const ABS_PER_LR0 = 1e-15;

/** The hint that fits the case that failed: past the warm-up, a fractional epoch, or none. */
function caseHint(config: LinearWarmupConfig, epoch: number): string | undefined {
  if (epoch > (config.totalIters ?? 5)) {
    return "Past totalIters the factor stays at endFactor: clamp the epoch with min(epoch, totalIters). See 'Linear warm-up' in lesson 03.";
  }
  if (!Number.isInteger(epoch)) {
    return "A fractional epoch (epoch + batch / batches) is used as it is: do not floor it. See 'Linear warm-up' in lesson 03.";
  }
  return undefined;
}

/** Each case of `list`: `linearWarmup(config, epoch)` against the reference. */
function checkAll(
  list: readonly { config: LinearWarmupConfig; epoch: number; expected: number }[],
): void {
  expectEachCall(list, {
    name: "linearWarmup",
    fn: linearWarmup,
    args: (c) => [c.config, c.epoch],
    rel: REL,
    abs: (c) => ABS_PER_LR0 * c.config.lr0,
    hint: (c) => caseHint(c.config, c.epoch),
  });
}

graded({
  name: "linearWarmup: the lesson's table",
  points: 2,
  hint:
    "lr0 · (startFactor + (endFactor − startFactor) · min(epoch, totalIters) / totalIters): epoch 0 gives lr0 · startFactor, not 0. See 'Linear warm-up' in lesson 03.",
}, () => checkAll([...cases.linearWarmup.lesson, ...cases.linearWarmup.random.slice(0, 3)]));

graded({
  name: "linearWarmup: PyTorch's defaults (1/3, 1, 5 epochs)",
  points: 1,
  hint:
    "startFactor defaults to 1/3, endFactor to 1, totalIters to 5, as in PyTorch's LinearLR. See 'Linear warm-up' in lesson 03.",
}, () => checkAll([...cases.linearWarmup.defaults, ...cases.linearWarmup.random.slice(0, 3)]));

graded({
  name: "linearWarmup: seeded random cases, some after the warm-up",
  points: 1,
  hint:
    "After totalIters the factor stays at endFactor: clamp the epoch with min. See 'Linear warm-up' in lesson 03.",
}, () => checkAll(cases.linearWarmup.random));

graded({
  name: "linearWarmup: refuses factors out of range, a bad totalIters, lr0 or epoch",
  points: 1,
  hint:
    "lr0 positive, startFactor in (0, 1], endFactor in [0, 1] (as PyTorch checks), totalIters a positive integer, epoch finite and ≥ 0; name the argument. See 'Conventions' in lesson 03.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkAll(cases.linearWarmup.random.slice(0, 5));
  const bad: [LinearWarmupConfig, string][] = [
    [{ lr0: 0.1, startFactor: 0 }, "startFactor"],
    [{ lr0: 0.1, startFactor: 1.5 }, "startFactor"],
    [{ lr0: 0.1, endFactor: -0.5 }, "endFactor"],
    [{ lr0: 0.1, endFactor: 1.5 }, "endFactor"],
    [{ lr0: 0, startFactor: 0.5 }, "lr0"],
    [{ lr0: -0.1 }, "lr0"],
    [{ lr0: 0.1, totalIters: 0 }, "totalIters"],
    [{ lr0: 0.1, totalIters: 2.5 }, "totalIters"],
  ];
  for (const [config, name] of bad) {
    expectThrows({
      input: `linearWarmup(${JSON.stringify(config)}, 1)`,
      actual: () => linearWarmup(config, 1),
      messageIncludes: name,
    });
  }
  for (const epoch of [-1, NaN, Infinity]) {
    expectThrows({
      input: `linearWarmup({ lr0: 0.1 }, ${epoch})`,
      actual: () => linearWarmup({ lr0: 0.1 }, epoch),
      messageIncludes: "epoch",
    });
  }
});
