import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/06-validation.json" with { type: "json" };
import {
  earlyStopping,
  type EarlyStoppingOptions,
  fitWithEarlyStopping,
} from "./early_stopping.ts";

/** One monitor case; values and bests may be "NaN" or "Infinity" (JSON holds no such number). */
type MonitorCase = {
  note: string;
  options: unknown;
  values: (number | string)[];
  improved: boolean[];
  stop: boolean[];
  best: (number | string)[];
  bestEpoch: number[];
  wait: number[];
};
type FitCase = (typeof cases.fitWithEarlyStopping)[number];

/** Feeds every value to a fresh monitor and records what it reports after each. */
function trace(options: EarlyStoppingOptions, values: number[]) {
  const monitor = earlyStopping(options);
  const out = {
    improved: [] as boolean[],
    stop: [] as boolean[],
    best: [] as number[],
    bestEpoch: [] as number[],
    wait: [] as number[],
  };
  for (const v of values) {
    const decision = monitor.update(v);
    out.improved.push(decision.improved);
    out.stop.push(decision.stop);
    out.best.push(monitor.best);
    out.bestEpoch.push(monitor.bestEpoch);
    out.wait.push(monitor.wait);
  }
  return out;
}

function checkMonitor(list: MonitorCase[]): void {
  for (const c of list) {
    const values = c.values.map(Number);
    const options = c.options as EarlyStoppingOptions;
    expectEqual({
      input: `earlyStopping(${JSON.stringify(options)}), then update() with each of [${
        values.join(", ")
      }], reading improved, stop, best, bestEpoch, wait after each  // ${c.note}`,
      actual: () => trace(options, values),
      expected: {
        improved: c.improved,
        stop: c.stop,
        best: c.best.map(Number),
        bestEpoch: c.bestEpoch,
        wait: c.wait,
      },
    });
  }
}

graded({
  name: "earlyStopping: patience counts the epochs since the last improvement",
  points: 2,
  hint:
    "Each update: wait += 1; on an improvement set best, bestEpoch and wait = 0; otherwise stop " +
    "when wait ≥ patience (and the epoch is not the first). Patience 2 stops at the 2nd epoch in a " +
    "row without improvement, counted from the best epoch, not from the start. best starts at " +
    "+Infinity, bestEpoch at -1. Lesson 06, 'Early stopping'.",
}, () => {
  checkMonitor(cases.earlyStopping.patience);
  for (const patience of [-1, 1.5]) {
    expectThrows({
      input: `earlyStopping({ patience: ${patience} })`,
      actual: () => earlyStopping({ patience }),
    });
  }
});

graded({
  name: "earlyStopping: min_delta and mode max",
  points: 1,
  hint:
    "With Δ = |minDelta|, an improvement is v + Δ < best in mode min and v − Δ > best in mode " +
    "max, where best starts at -Infinity. Lesson 06, 'Early stopping'.",
}, () => checkMonitor(cases.earlyStopping.deltaAndMode));

graded({
  name: "earlyStopping: a tie is not an improvement",
  points: 1,
  hint:
    "Compare strictly (<, >): a value equal to the best does not reset the patience and does not " +
    "move bestEpoch. Lesson 06, 'Early stopping'.",
}, () => checkMonitor(cases.earlyStopping.ties));

graded({
  name: "earlyStopping: NaN is never an improvement, never the best",
  points: 1,
  hint:
    "Every comparison with NaN is false, so with `v + Δ < best` a NaN epoch simply counts as an " +
    "epoch without improvement; a rule written as !(v >= best) would crown it. Lesson 06, " +
    "'Early stopping'.",
}, () => checkMonitor(cases.earlyStopping.nan));

graded({
  name: "earlyStopping: a baseline to beat (Keras semantics)",
  points: 1,
  hint:
    "An improvement on best always updates best and bestEpoch, but resets wait to 0 only if the " +
    "value also improves on the baseline; an improving epoch never stops training. Lesson 06, " +
    "'Early stopping'.",
}, () => checkMonitor(cases.earlyStopping.baseline));

/** Runs `fitWithEarlyStopping` on a fake model whose weights name the epoch that set them. */
function fakeRun(c: FitCase) {
  const live = new Float64Array(c.weightsByEpoch[0].length);
  let calls = 0;
  const run = fitWithEarlyStopping(
    {
      trainEpoch: (epoch) => {
        calls++;
        // Written in place, as a real training step does.
        live.set(c.weightsByEpoch[epoch]);
        return Number(c.values[epoch]);
      },
      weights: () => live,
      setWeights: (w) => live.set(w),
    },
    c.maxEpochs,
    c.options as EarlyStoppingOptions,
  );
  return { run, calls, weights: Array.from(live) };
}

const describeFit = (c: FitCase) =>
  `fitWithEarlyStopping(trainer returning [${c.values.map(Number).join(", ")}], ${c.maxEpochs}, ${
    JSON.stringify(c.options)
  })  // ${c.note}`;

graded({
  name: "fitWithEarlyStopping: trains until the monitor stops it, reports the run",
  points: 1,
  hint:
    "Call trainEpoch(epoch) for epoch = 0, 1, … and feed each value to earlyStopping(options); " +
    "break right after the epoch whose decision is stop (no extra epoch), or after maxEpochs; " +
    "stoppedEpoch is -1 when it never stopped. Lesson 06, 'Early stopping'.",
}, () => {
  for (const c of cases.fitWithEarlyStopping) {
    const e = c.expected;
    expectEqual({
      input: describeFit(c),
      actual: () => {
        const { run, calls } = fakeRun(c);
        return {
          values: run.values,
          bestEpoch: run.bestEpoch,
          best: run.best,
          stoppedEpoch: run.stoppedEpoch,
          trainEpochCalls: calls,
        };
      },
      expected: {
        values: e.values.map(Number),
        bestEpoch: e.bestEpoch,
        best: Number(e.best),
        stoppedEpoch: e.stoppedEpoch,
        trainEpochCalls: e.values.length,
      },
    });
  }
});

graded({
  name: "fitWithEarlyStopping: restores a copy of the best epoch's weights",
  points: 2,
  hint: "weights() is the live array that training keeps overwriting: save weights().slice() (a " +
    "copy) at the first epoch and at every improvement, and setWeights(copy) at the end, stopped " +
    "early or not. Lesson 06, 'Early stopping'.",
}, () => {
  for (const c of cases.fitWithEarlyStopping) {
    // A run that trains nothing keeps the first weights too: the best epoch must be right first.
    expectEqual({
      input: `${describeFit(c)}.bestEpoch`,
      actual: () => fakeRun(c).run.bestEpoch,
      expected: c.expected.bestEpoch,
    });
    expectEqual({
      input: `${describeFit(c)}, then the model's weights`,
      actual: () => fakeRun(c).weights,
      expected: c.expected.weights,
    });
  }
});
