import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/06-validation.json" with { type: "json" };
import { compareTrials, selectBest, type TrialScore } from "./select.ts";

type JsonTrial = {
  id: number;
  score: number | string;
  loss: number | string;
  cost: number | string;
};
const trial = (t: JsonTrial): TrialScore => ({
  id: t.id,
  score: Number(t.score),
  loss: Number(t.loss),
  cost: Number(t.cost),
});
const show = (t: TrialScore) =>
  `{ id: ${t.id}, score: ${t.score}, loss: ${t.loss}, cost: ${t.cost} }`;

graded({
  name: "compareTrials: score, then loss, then cost, then id; diverged last",
  points: 2,
  hint: "Negative when a is better: a diverged trial (score or loss not finite) after a finished " +
    "one; then the higher score; on equal scores the lower loss; then the lower cost (NaN the " +
    "most expensive); then the lower id. Lesson 06, 'A tie rule, stated before the search'.",
}, () => {
  for (const c of cases.compareTrials) {
    const a = trial(c.a), b = trial(c.b);
    expectEqual({
      input: `Math.sign(compareTrials(${show(a)}, ${show(b)}))  // ${c.note}`,
      actual: () => Math.sign(compareTrials(a, b)),
      expected: c.sign,
    });
  }
});

graded({
  name: "selectBest: the winner under the tie rule",
  points: 2,
  hint:
    "Keep the trial for which compareTrials(trial, best) < 0; ties in score are decided by loss, " +
    "cost and id, never by the order of the list; a NaN score must never win. Lesson 06, 'A tie " +
    "rule, stated before the search'.",
}, () => {
  for (const c of cases.selectBest) {
    const trials = c.trials.map(trial);
    expectEqual({
      input: `selectBest([${trials.map(show).join(", ")}]).id  // ${c.note}`,
      actual: () => selectBest(trials).id,
      expected: c.best,
    });
    expectEqual({
      input: `[${trials.map(show).join(", ")}].sort(compareTrials).map((t) => t.id)`,
      actual: () => [...trials].sort(compareTrials).map((t) => t.id),
      expected: c.ranking,
    });
  }
});

graded({
  name: "selectBest: leaves the list alone, refuses an empty one",
  points: 1,
  hint: "Do not sort the caller's array in place (copy it, or scan it once); throw a RangeError " +
    "on []. Lesson 06, 'A tie rule, stated before the search'.",
}, () => {
  // The last case is seeded random: the grade of record holds it out.
  const c = cases.selectBest[cases.selectBest.length - 1];
  const trials = c.trials.map(trial);
  const before = trials.map((t) => t.id);
  expectEqual({
    input: `selectBest(list).id, then the ids of list  // list = [${trials.map(show).join(", ")}]`,
    actual: () => [selectBest(trials).id, trials.map((t) => t.id)],
    expected: [c.best, before],
  });
  expectThrows({ input: "selectBest([])", actual: () => selectBest([]) });
});
