import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import { expectEachEqual } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/01-parameters-and-hyperparameters.json" with { type: "json" };
import { type Classification, classifySetting, normalizeSettingName } from "./classify.ts";

// Tests of the lesson's tables and refusal tests check seeded random cases too: the grade of
// record draws those afresh (held-out cases), so no test is won by hard-coding the tables.

function checkClassifications(list: { name: string; expected: unknown }[]): void {
  expectEachEqual(list, {
    input: (c) => `classifySetting(${JSON.stringify(c.name)})`,
    actual: (c) => classifySetting(c.name),
    expected: (c) => c.expected as Classification,
  });
}

graded({
  name: "normalizeSettingName: camelCase, snake_case, kebab-case, capitals, spaces",
  points: 1,
  hint: "Split camelCase first (a space before an upper-case letter that follows a lower-case " +
    "letter or digit), then lower-case, then turn each run of other characters into one space, " +
    "then trim.",
}, () => {
  expectEachEqual(cases.normalizeSettingName, {
    input: (c) => `normalizeSettingName(${JSON.stringify(c.name)})`,
    actual: (c) => normalizeSettingName(c.name),
  });
});

graded({
  name: "classifySetting: every known setting, parameter or hyperparameter and its category",
  points: 2,
  hint: "Only weights and biases are learned (category null). Careful: weight decay is a " +
    "setting, not a weight. See the table 'What you set' in lesson 01.",
}, () => {
  checkClassifications([
    ...cases.classifySetting.lesson,
    ...cases.classifySetting.random.slice(0, 3),
  ]);
});

graded({
  name: "classifySetting: the same settings in other spellings",
  points: 1,
  hint: "Normalise the name with normalizeSettingName before looking it up.",
}, () => {
  checkClassifications(cases.classifySetting.random);
});

graded({
  name: "classifySetting: refuses unknown settings, naming them",
  points: 1,
  hint: "Match whole names, not prefixes or substrings; throw an error whose message contains " +
    "the name as given.",
}, () => {
  // Refusing bad input earns points only from a function that also answers good input.
  checkClassifications(cases.classifySetting.random.slice(0, 5));
  for (const name of cases.classifySetting.unknown) {
    expectThrows({
      input: `classifySetting(${JSON.stringify(name)})`,
      actual: () => classifySetting(name),
      messageIncludes: name,
    });
  }
});

graded({
  name: "classifySetting: a new answer object on every call",
  points: 1,
  hint: "Return a copy ({ kind, category }), not the object stored in your lookup table: a " +
    "caller that changes its answer must not change the next one.",
}, () => {
  for (const c of [...cases.classifySetting.lesson, ...cases.classifySetting.random.slice(0, 3)]) {
    expectEqual({
      input: `classifySetting(${JSON.stringify(c.name)}) after changing an earlier answer`,
      actual: () => {
        const first = classifySetting(c.name) as { kind: string; category: string | null };
        first.kind = "changed";
        first.category = "changed";
        return classifySetting(c.name);
      },
      expected: c.expected as Classification,
    });
  }
});
