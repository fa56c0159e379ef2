/**
 * `deno task new NN slug`: the files of a new lesson, ready for `deno task sync` and passing
 * `deno task test` as written. One placeholder exercise (`exercise.ts`, function `scale`) shows
 * every part: the solution with its markers, the graded test reading generated cases, the
 * generator computing them and a README region, the README with the section template, and the
 * lesson's entry in the course outline.
 *
 * @module
 */

import type { NumberedLesson, OutlineLesson } from "../course/outline.ts";
import { lessonHeading } from "../course/outline.ts";
import { lessonId } from "../course/lessons.ts";

/** What `deno task new` was asked for. */
export interface NewLesson {
  /** The lesson number, 1 to 99. */
  number: number;
  /** The folder name, `NN-words`. */
  slug: string;
  /** The title, for the README heading and the outline. */
  title: string;
}

/** A file to create, relative to the kit root. */
export interface ScaffoldFile {
  /** Path relative to the kit root. */
  path: string;
  /** Its contents. */
  text: string;
}

/**
 * Reads `deno task new` arguments: a number (`10` or `lesson-10`) and lower-case words joined
 * by hyphens (`scratch-lesson`, with or without the `10-` prefix); the title defaults to the
 * words. Throws a one-line error naming the bad argument.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseNewLesson } from "./scaffold.ts";
 * assert.deepEqual(parseNewLesson("10", "scratch-lesson"), {
 *   number: 10,
 *   slug: "10-scratch-lesson",
 *   title: "Scratch lesson",
 * });
 * assert.throws(() => parseNewLesson("100", "x"), /lesson number/);
 * ```
 */
export function parseNewLesson(number: string, words: string, title?: string): NewLesson {
  const n = /^(?:lesson-?)?(\d{1,2})$/.exec(number ?? "");
  if (!n || Number(n[1]) === 0) {
    throw new Error(`the lesson number must be 1 to 99 (e.g. 10), got "${number ?? ""}"`);
  }
  const value = Number(n[1]);
  const nn = String(value).padStart(2, "0");
  const bare = (words ?? "").startsWith(`${nn}-`) ? words.slice(3) : words ?? "";
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(bare)) {
    throw new Error(
      `the slug must be lower-case words joined by hyphens (e.g. scratch-lesson), got "${
        words ?? ""
      }"`,
    );
  }
  const named = title?.trim() || bare.replaceAll("-", " ").replace(/^./, (c) => c.toUpperCase());
  return { number: value, slug: `${nn}-${bare}`, title: named };
}

/**
 * The outline with the new lesson in its place: a coming lesson of the same number and slug is
 * filled in (its title and prerequisites kept unless a title is given), any other lesson of that
 * number is a conflict.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { addToOutline } from "./scaffold.ts";
 * const outline = [{ number: 1, slug: "01-a", title: "A", prerequisites: [], exercises: ["a.ts"] }];
 * const added = addToOutline(outline, { number: 3, slug: "03-c", title: "C" }, false);
 * assert.deepEqual(added.map((l) => l.slug), ["01-a", "03-c"]);
 * assert.throws(() => addToOutline(outline, { number: 1, slug: "01-b", title: "B" }, false), /01-a/);
 * ```
 */
export function addToOutline(
  outline: NumberedLesson[],
  lesson: NewLesson,
  titleGiven: boolean,
): OutlineLesson[] {
  const existing = outline.find((l) => l.number === lesson.number);
  if (existing && existing.slug !== lesson.slug) {
    throw new Error(
      `${lessonId(lesson.number)} is already ${existing.slug} in kit/outline.json: ` +
        `use that slug (deno task new ${lesson.number} ${
          existing.slug.slice(3)
        }) or another number`,
    );
  }
  if (existing?.exercises.length) {
    throw new Error(`${existing.slug} already has exercises in kit/outline.json`);
  }
  const entry: OutlineLesson = {
    slug: lesson.slug,
    title: existing && !titleGiven ? existing.title : lesson.title,
    prerequisites: existing?.prerequisites ?? [],
    exercises: [EXERCISE_FILE],
  };
  const others = outline.filter((l) => l.number !== lesson.number);
  const at = others.findIndex((l) => l.number > lesson.number);
  const plain = others.map(({ slug, title, prerequisites, exercises }) => ({
    slug,
    title,
    prerequisites,
    exercises,
  }));
  plain.splice(at < 0 ? plain.length : at, 0, entry);
  return plain;
}

/** The placeholder exercise's file name. */
export const EXERCISE_FILE = "exercise.ts";

/** The lesson's README: the sections every lesson has, with one generated region. */
function readmeText(lesson: NewLesson): string {
  const { number, slug } = lesson;
  const id = lessonId(number);
  return `${lessonHeading(lesson)}

Why this matters, in two or three sentences: what goes wrong in tuning without it, and which
hyperparameters the lesson is about. The exercise is described at the [end](#exercises).

## First idea

The idea in words, then its formula in GitHub math, $y = x \\cdot f$, then a worked example whose
numbers the generator \`kit/content/${slug}.ts\` computes with the reference code:

<!-- generated:worked-example -->

(written by deno task sync)

<!-- /generated:worked-example -->

## Exercises

The stub is [\`exercises/${slug}/${EXERCISE_FILE}\`](../../exercises/${slug}/${EXERCISE_FILE}), with its
graded tests beside it in \`exercise_test.ts\` (read them, but do not edit them). Write \`scale\`.

Check your work:

\`\`\`sh
deno task check ${id}           # every graded test, with points and the first failing case
deno task check ${id} --watch   # re-run on every save
\`\`\`

Each failure shows the call, the expected value and what your code returned, plus a hint that
points back to a section of this lesson.

## References

- Credit here every fact, formula, figure and dataset taken from elsewhere.
`;
}

/** The placeholder solution, with its JSDoc example and the markers around the answer. */
function solutionText(lesson: NewLesson): string {
  const { number } = lesson;
  const nn = String(number).padStart(2, "0");
  return `/**
 * Lesson ${nn}'s placeholder exercise: replace \`scale\` by the lesson's own function, keeping
 * the JSDoc with its example, the types and the markers around what the learner writes.
 *
 * @module
 */

/**
 * Multiplies \`x\` by \`factor\` ("First idea" in lesson ${nn}).
 *
 * @example
 * \`\`\`ts
 * import assert from "node:assert/strict";
 * import { scale } from "./${EXERCISE_FILE}";
 * assert.equal(scale(3, 2), 6);
 * \`\`\`
 */
export function scale(x: number, factor: number): number {
  // BEGIN SOLUTION "TODO: scale (lesson ${nn}, 'First idea')"
  return x * factor;
  // END SOLUTION
}
`;
}

/** The graded test of the placeholder exercise, reading its cases from kit/cases/. */
function testText(lesson: NewLesson): string {
  const { number, slug } = lesson;
  const nn = String(number).padStart(2, "0");
  return `import { graded } from "../../kit/testkit/graded.ts";
import { expectEach } from "../../kit/testkit/expect_each.ts";
import cases from "../../kit/cases/${slug}.json" with { type: "json" };
import { scale } from "./${EXERCISE_FILE}";

graded({
  name: "scale: the lesson's worked example and seeded random cases",
  points: 1,
  hint: "y = x · factor; see 'First idea' in lesson ${nn}.",
}, () => {
  expectEach(cases.scale, {
    input: (c) => \`scale(\${c.x}, \${c.factor})\`,
    actual: (c) => scale(c.x, c.factor),
    rel: 1e-12, // one multiplication: only rounding can differ
  });
});
`;
}

/** The lesson's generator: its graded cases and the README's worked example. */
function generatorText(lesson: NewLesson): string {
  const { number, slug } = lesson;
  const nn = String(number).padStart(2, "0");
  return `/**
 * Lesson ${nn}'s generator: the graded cases and the README's worked example, computed by
 * \`solutions/${slug}/${EXERCISE_FILE}\`.
 *
 * @module
 */

import type { LessonContent } from "./types.ts";
import { seededRandom, uniform } from "../lib/random.ts";
import { scale } from "../../solutions/${slug}/${EXERCISE_FILE}";

/** The example the README works through. */
const WORKED = { x: 3, factor: 2 };

/** The lesson's generated content. */
export const content: LessonContent = {
  cases: () => {
    const random = seededRandom("${slug}");
    const inputs = [
      WORKED,
      ...Array.from({ length: 20 }, () => ({
        x: uniform(random, -10, 10),
        factor: uniform(random, -3, 3),
      })),
    ];
    return { scale: inputs.map(({ x, factor }) => ({ x, factor, expected: scale(x, factor) })) };
  },
  blocks: {
    "worked-example": () =>
      \`With x = \${WORKED.x} and factor \${WORKED.factor}, y = \${scale(WORKED.x, WORKED.factor)}.\`,
  },
};
`;
}

/**
 * The files of a new lesson (not the outline, see {@link addToOutline}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaffoldFiles } from "./scaffold.ts";
 * const files = scaffoldFiles({ number: 10, slug: "10-scratch-lesson", title: "Scratch lesson" });
 * assert.deepEqual(files.map((f) => f.path), [
 *   "lessons/10-scratch-lesson/README.md",
 *   "solutions/10-scratch-lesson/exercise.ts",
 *   "exercises/10-scratch-lesson/exercise_test.ts",
 *   "kit/content/10-scratch-lesson.ts",
 * ]);
 * ```
 */
export function scaffoldFiles(lesson: NewLesson): ScaffoldFile[] {
  const { slug } = lesson;
  return [
    { path: `lessons/${slug}/README.md`, text: readmeText(lesson) },
    { path: `solutions/${slug}/${EXERCISE_FILE}`, text: solutionText(lesson) },
    { path: `exercises/${slug}/exercise_test.ts`, text: testText(lesson) },
    { path: `kit/content/${slug}.ts`, text: generatorText(lesson) },
  ];
}
