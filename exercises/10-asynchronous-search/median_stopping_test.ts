import { expectEqual, expectNumber, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/10-asynchronous-search.json" with { type: "json" };
import {
  medianStoppingDecision,
  type MedianStoppingOptions,
  type OtherTrial,
} from "./median_stopping.ts";

type Case = {
  curve: readonly number[];
  others: readonly OtherTrial[];
  options: MedianStoppingOptions;
  expected: { stop: boolean; best: number; median: number | null; counted: number };
  why: string;
  mistake?: string;
};

const describe = (c: Case) =>
  `medianStoppingDecision(${JSON.stringify(c.curve)}, [${
    c.others.map((o) => `${o.completed ? "completed" : "running"} ${JSON.stringify(o.curve)}`)
      .join(", ")
  }], ${JSON.stringify(c.options)})`;

/** What each named mistake looks like, shown when a case built to catch it fails. */
const MISTAKES: Record<string, string> = {
  running: "Only COMPLETED trials enter the median: taking the median over running trials " +
    "makes the decision depend on which trials happen to be running (the clock), and their " +
    "unfinished curves are not what a finished trial looks like.",
  last: "Compare the trial's BEST score so far (the maximum of its curve), not its latest one.",
  othersBest: "Each completed trial contributes its RUNNING AVERAGE up to step s (the mean of " +
    "its first s scores), not its best score.",
  wholeCurve: "Average the completed trials' first s scores only (s = the trial's steps so " +
    "far), not their whole curves.",
  strict: "Stop only when best < median, strictly: a trial level with the median goes on.",
  short: "A completed trial with fewer than s steps has no running average at step s: it does " +
    "not count (and `counted` says how many did).",
};

function check(list: readonly Case[]): void {
  for (const c of list) {
    const decide = () => medianStoppingDecision(c.curve, c.others, c.options);
    const hint = c.mistake ? MISTAKES[c.mistake] : undefined;
    const input = describe(c);
    expectEqual({
      input: `${input}.stop  // ${c.why}`,
      actual: () => decide().stop,
      expected: c.expected.stop,
      hint,
    });
    expectEqual({
      input: `${input}.counted`,
      actual: () => decide().counted,
      expected: c.expected.counted,
      hint,
    });
    // A maximum: exact. A mean of at most 15 scores, then of two: within 1e-12.
    expectNumber({
      input: `${input}.best`,
      actual: () => decide().best,
      expected: c.expected.best,
      rel: 0,
      hint,
    });
    // Which kind of answer is due follows from the input (no completed trial reaches step s),
    // never from the expected value, which the teacher's grader keeps apart.
    const none = !c.others.some((o) => o.completed && o.curve.length >= c.curve.length);
    if (none) {
      expectEqual({
        input: `${input}.median`,
        actual: () => decide().median,
        expected: null,
        hint,
      });
    } else {
      expectNumber({
        input: `${input}.median`,
        actual: () => decide().median as number,
        expected: c.expected.median as number,
        rel: 1e-12,
        hint,
      });
    }
  }
}

const lesson: readonly Case[] = cases.medianStopping.lesson;
const about = (...mistakes: string[]) => lesson.filter((c) => mistakes.includes(c.mistake ?? ""));
const searches: readonly Case[] = cases.medianStopping.searches;

graded({
  name: "medianStoppingDecision: only completed trials enter the median",
  points: 3,
  hint: `${MISTAKES.running} Lesson 10, 'The median stopping rule'.`,
}, () => {
  check([...about("running"), ...searches.slice(0, 8)]);
});

graded({
  name: "medianStoppingDecision: best so far against the median of running averages",
  points: 3,
  hint: `${MISTAKES.last} ${MISTAKES.othersBest} ${MISTAKES.wholeCurve} ${MISTAKES.strict}`,
}, () => {
  check([
    ...about("last", "othersBest", "wholeCurve", "strict", "short"),
    ...searches.slice(8, 16),
  ]);
});

graded({
  name: "medianStoppingDecision: the lesson's example, grace period, minimum trials, 40 searches",
  points: 4,
  hint: "s = the trial's steps; counted = completed trials with at least s steps; median of " +
    "their means over steps 1…s (even count: mean of the two middle ones; none: null); stop " +
    "when s ≥ graceSteps, counted ≥ minTrials and best < median. Report best, median and " +
    "counted even when the rule may not stop.",
}, () => {
  check([...lesson.filter((c) => !c.mistake), ...searches]);
});

graded({
  name: "medianStoppingDecision: refuses an empty curve and bad options",
  points: 1,
  hint: "Throw a RangeError when the trial has reported nothing, when a score is not finite, " +
    "or when graceSteps or minTrials is not an integer >= 1.",
}, () => {
  check(searches.slice(0, 3));
  for (const c of cases.medianStopping.invalid) {
    expectThrows({
      input: `medianStoppingDecision(${JSON.stringify(c.curve)}, [], ${
        JSON.stringify(c.options)
      })  // ${c.why}`,
      actual: () => medianStoppingDecision(c.curve, [], c.options),
    });
  }
  expectThrows({
    input: "medianStoppingDecision([0.5, NaN], [], {})",
    actual: () => medianStoppingDecision([0.5, NaN], [], {}),
  });
});
