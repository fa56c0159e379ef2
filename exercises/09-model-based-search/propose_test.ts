import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/09-model-based-search.json" with { type: "json" };
import { gpChoose, type GpStep, tpeChoose } from "./propose.ts";
import type { Config, Space, Trial } from "./space.ts";

// The cases keep only draws whose winner beats the runner-up by at least 0.1 %, so a correct
// program in any order of operations picks the same index.
const c = cases.propose;
const space = c.space as Space;
const trialsOf = (list: readonly { config: unknown; score: number | null }[]): Trial[] =>
  list.map((t) => ({ config: t.config as Config, score: t.score ?? NaN }));
const describe = (trials: readonly unknown[], candidates: readonly unknown[]) =>
  `${trials.length} trials, ${candidates.length} candidates`;

graded({
  name: "gpChoose: the candidate of largest expected improvement",
  points: 3,
  hint: "Encode trials and candidates (encodeConfig), standardise the scores, gpPosterior at " +
    "the candidates, EI over the best STANDARDISED score with σ = √variance, the first largest. " +
    "Lesson 09, 'Maximising the acquisition'.",
}, () => {
  for (const t of c.gp) {
    expectEqual({
      input: `gpChoose(${describe(t.trials, t.candidates)}, step ${JSON.stringify(t.step)}): ` +
        `trials ${JSON.stringify(t.trials)}, candidates ${JSON.stringify(t.candidates)}`,
      actual: () => gpChoose(trialsOf(t.trials), space, t.candidates as Config[], t.step as GpStep),
      expected: t.expected,
    });
  }
});

graded({
  name: "tpeChoose: the candidate of largest l(x)/g(x)",
  points: 3,
  hint: "tpeScore of each candidate, the index of the first largest (the largest log l − log g, " +
    "not the smallest). Lesson 09, 'Why l/g ranks by expected improvement'.",
}, () => {
  for (const t of c.tpe) {
    expectEqual({
      input: `tpeChoose(${describe(t.trials, t.candidates)}, γ = ${t.gamma}): ` +
        `trials ${JSON.stringify(t.trials)}, candidates ${JSON.stringify(t.candidates)}`,
      actual: () => tpeChoose(trialsOf(t.trials), space, t.candidates as Config[], t.gamma),
      expected: t.expected,
    });
  }
});

graded({
  name: "gpChoose and tpeChoose: refuse no trials or no candidates",
  points: 1,
  hint: "Throw a RangeError when there is no trial to learn from or no candidate to choose.",
}, () => {
  const t = c.tpe[0];
  expectEqual({
    input: `tpeChoose(${describe(t.trials, t.candidates)}, γ = ${t.gamma})`,
    actual: () => tpeChoose(trialsOf(t.trials), space, t.candidates as Config[], t.gamma),
    expected: t.expected,
  });
  const g = c.gp[0];
  expectThrows({
    input: "gpChoose([], space, candidates, step)",
    actual: () => gpChoose([], space, g.candidates as Config[], g.step as GpStep),
  });
  expectThrows({
    input: "tpeChoose(trials, space, [], 0.25)",
    actual: () => tpeChoose(trialsOf(t.trials), space, [], 0.25),
  });
});
