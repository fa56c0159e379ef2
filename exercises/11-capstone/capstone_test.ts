import {
  expectEqual,
  expectNumber,
  expectNumbers,
  expectThrows,
  graded,
} from "../../kit/grading/graded.ts";
import cases from "../../kit/cases/11-capstone.json" with { type: "json" };
import { fakeLab, type LabCall } from "../../kit/grading/capstone_lab.ts";
import { parseCsvRecords } from "../../kit/lib/csv.ts";
import { type CapstonePlan, type CapstoneRun, runCapstone } from "./capstone.ts";

// The lesson's plans, then plans drawn from a seed: the grade of record holds those out.
const plans = [...cases.runCapstone.plans, ...cases.runCapstone.random].map((c) => ({
  plan: c.plan as CapstonePlan,
  expected: c.expected,
}));
const drawnPlan = plans[cases.runCapstone.plans.length];
const show = (plan: CapstonePlan) => `runCapstone(lab, ${JSON.stringify(plan)})`;
// The fake lab answers in microseconds, but a slow machine shared by a class deserves slack.
const timeoutMs = 20_000;

/** Runs the learner's protocol on a fresh fake lab; the lab's record of calls comes back too. */
function runOnLab(plan: CapstonePlan, secondsBase = 0): { run: CapstoneRun; calls: LabCall[] } {
  const lab = fakeLab(secondsBase);
  const run = runCapstone(lab, plan);
  return { run, calls: [...lab.calls] };
}

/** The log's header and rows, with the columns whose names end in `_s` (timings) removed. */
function withoutTimings(log: string): string[][] {
  const records = parseCsvRecords(log);
  const keep = (records[0] ?? []).map((name) => !name.endsWith("_s"));
  return records.map((row) => row.filter((_, j) => keep[j]));
}

/** The log as objects, by column name. */
function logRows(log: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRecords(log);
  return rows.map((row) => Object.fromEntries(header.map((name, j) => [name, row[j]])));
}

graded({
  name: "runCapstone: reads the test rows exactly once, for the winner's network",
  points: 5,
  hint: "Call lab.test once, at the very end, with the network of the trial the tie rule picked " +
    "on validation (or its refit). Testing every trial, or choosing by test accuracy, reads the " +
    "test rows many times: the test score would then be one more validation score. Lesson 11, " +
    "'The protocol'.",
  timeoutMs,
}, () => {
  for (const { plan, expected } of plans) {
    const outcome = () => runOnLab(plan);
    expectEqual({
      input: `${show(plan)}: how many times lab.test was called`,
      actual: () => outcome().calls.filter((c) => c.kind === "test").length,
      expected: 1,
    });
    expectEqual({
      input: `${show(plan)}: the network lab.test was given`,
      actual: () => {
        const tested = outcome().calls.find((c) => c.kind === "test");
        return tested?.kind === "test" ? tested.model.id : "none";
      },
      expected: expected.testedModel,
    });
    expectEqual({
      input: `${show(plan)}: [testCorrect, testRows], what that one read returned`,
      actual: () => {
        const { run } = outcome();
        return [run.testCorrect, run.testRows];
      },
      expected: [expected.testCorrect, expected.testRows],
    });
  }
});

graded({
  name: "runCapstone: logs every trial, in id order, with what the lab measured",
  points: 5,
  hint: "One row per trial (not only the winner's), ids 0 … trials − 1, the seed the trial " +
    "trained with and its score as String(score). Lesson 11, 'The protocol'.",
  timeoutMs,
}, () => {
  for (const { plan } of plans) {
    const result = () => runOnLab(plan);
    expectEqual({
      input: `${show(plan)}: how many trials lab.trial trained`,
      actual: () => result().calls.filter((c) => c.kind === "trial").length,
      expected: plan.trials,
    });
    expectEqual({
      input: `${show(plan)}: the log's [id, seed, score] rows vs what lab.trial handed out`,
      actual: () => {
        const { run, calls } = result();
        const served = calls.flatMap((c) => c.kind === "trial" ? [c] : []);
        return logRows(run.log).map((row, i) => [
          [row.id, row.seed, row.score],
          [String(i), served[i]?.seed, String(served[i]?.outcome.score)],
        ]).filter(([a, b]) => a.join() !== b.join());
      },
      expected: [],
    });
    expectEqual({
      input: `${show(plan)}: rows in the log`,
      actual: () => logRows(result().run.log).length,
      expected: plan.trials,
    });
  }
});

graded({
  name: "runCapstone: the reported best validation score is the log's, by the tie rule",
  points: 5,
  hint: "bestValidation must be the score in the log's row bestId, and bestId the tie rule's " +
    "pick among the logged trials: higher score, then lower loss, lower cost, lower id; " +
    "diverged (NaN) trials last. Lesson 06, 'A tie rule, stated before the search'.",
  timeoutMs,
}, () => {
  for (const { plan, expected } of plans) {
    const { run } = runOnLab(plan);
    expectEqual({
      input: `${show(plan)}.bestId`,
      actual: () => run.bestId,
      expected: expected.bestId,
    });
    expectNumber({
      input: `${show(plan)}.bestValidation`,
      actual: () => run.bestValidation,
      expected: expected.bestValidation,
      rel: 0,
    });
    expectEqual({
      input: `${show(plan)}: the log's score in row bestId, as text`,
      actual: () => logRows(run.log).find((row) => row.id === String(run.bestId))?.score,
      expected: String(expected.bestValidation),
    });
  }
});

graded({
  name: "runCapstone: a re-run with the same seed writes the same log, apart from _s columns",
  points: 5,
  hint: "Everything random must come from seeded streams (seededRandom), never Math.random or " +
    "the clock; wall-clock times go in a column whose name ends in _s (train_s). Lesson 11, " +
    "'Reproducible to the byte'.",
  timeoutMs,
}, () => {
  for (const { plan } of plans) {
    expectEqual({
      input: `${show(plan)}.log twice (two labs, different timings), _s columns removed`,
      actual: () => withoutTimings(runOnLab(plan, 0).run.log),
      expected: withoutTimings(runOnLab(plan, 50).run.log),
    });
    expectEqual({
      input: `${show(plan)}.log: the timings are logged (a column ending in _s)`,
      actual: () =>
        (parseCsvRecords(runOnLab(plan).run.log)[0] ?? []).some((n) => n.endsWith("_s")),
      expected: true,
    });
  }
});

graded({
  name:
    "runCapstone: the tuned network is not worse on test than the baseline, beyond the interval",
  points: 5,
  hint: "The search should pick the trial with the best validation score, and its test " +
    "accuracy should not fall below the baseline's by more than the Wilson interval's lower " +
    "half-width. A winner picked by the wrong rule (the lowest score, the last trial) fails. " +
    "Lesson 11, 'One test evaluation, with its interval'.",
  timeoutMs,
}, () => {
  for (const { plan } of plans) {
    expectEqual({
      input: `${
        show(plan)
      }: testAccuracy >= baseline's test accuracy − (testAccuracy − interval.low)`,
      actual: () => {
        const lab = fakeLab(0);
        const run = runCapstone(lab, plan);
        const margin = run.testAccuracy - run.interval.low;
        return run.testAccuracy >= lab.baselineTestAccuracy() - margin;
      },
      expected: true,
    });
  }
});

graded({
  name: "runCapstone: the report's numbers (baseline, test score, interval, gap, cost)",
  points: 5,
  hint: "baselineScores in seed order; testAccuracy = correct / rows; the 95 % Wilson interval " +
    "(Z_95); optimismGap = bestValidation − testAccuracy; epochsTrained adds the epochs the lab " +
    "reports for the baseline runs and the trials, plus the refit's. Lesson 11, 'The report'.",
  timeoutMs,
}, () => {
  for (const { plan, expected } of plans) {
    const run = () => runOnLab(plan).run;
    expectNumbers({
      input: `${show(plan)}.baselineScores`,
      actual: () => run().baselineScores,
      expected: expected.baselineScores,
      rel: 0,
    });
    expectEqual({
      input: `${show(plan)}: [testCorrect, testRows, epochsTrained]`,
      actual: () => [run().testCorrect, run().testRows, run().epochsTrained],
      expected: [expected.testCorrect, expected.testRows, expected.epochsTrained],
    });
    expectNumbers({
      input: `${show(plan)}: [interval.low, interval.high, optimismGap]`,
      actual: () => [run().interval.low, run().interval.high, run().optimismGap],
      expected: [expected.interval.low, expected.interval.high, expected.optimismGap],
      abs: 1e-12, // closed forms of the same counts
    });
  }
});

graded({
  name: "runCapstone: refits only when the plan says so, and says which policy it used",
  points: 4,
  hint: "refit 'none': never call lab.refit, test the winning trial's network. " +
    "'train+validation': call lab.refit once, with the winner's configuration, its seed and " +
    "bestEpoch + 1 epochs, and test that network. Either way run.refit states the policy.",
  timeoutMs,
}, () => {
  for (const { plan, expected } of plans) {
    const { run, calls } = runOnLab(plan);
    const winner = calls.filter((c) => c.kind === "trial")[expected.bestId];
    expectEqual({
      input: `${show(plan)}.refit`,
      actual: () => run.refit,
      expected: plan.refit,
    });
    expectEqual({
      input: `${show(plan)}: the lab.refit calls (seed, epochs)`,
      actual: () => calls.flatMap((c) => c.kind === "refit" ? [[c.seed, c.epochs]] : []),
      expected: plan.refit === "none" || winner?.kind !== "trial"
        ? []
        : [[winner.seed, winner.outcome.bestEpoch + 1]],
    });
  }
});

graded({
  name: "runCapstone: refuses a plan with no trials or no baseline seeds",
  points: 1,
  hint: "Throw a RangeError when trials or baselineSeeds is not an integer >= 1.",
  timeoutMs,
}, () => {
  // A drawn plan's answer first, then the same plan made invalid.
  const { plan, expected } = drawnPlan;
  expectEqual({
    input: `${show(plan)}.bestId`,
    actual: () => runOnLab(plan).run.bestId,
    expected: expected.bestId,
  });
  for (const bad of [{ trials: 0 }, { baselineSeeds: 0 }, { trials: 2.5 }]) {
    const p = { ...plan, ...bad };
    expectThrows({ input: show(p), actual: () => runCapstone(fakeLab(0), p) });
  }
});
