/**
 * Which exercise builds on which: an exercise file that imports a function from another
 * exercise file of its lesson (`random_search.ts` calls `sample` of `distributions.ts`). The
 * graded tests of such a file pass the reference's answers instead of the other file's, so a
 * mistake costs points in one place only; the check then says, under the dependent file, that it
 * uses a file that fails its own tests.
 *
 * @module
 */

import type { LessonResult } from "./score.ts";

/** Functions (or values) one file imports from another exercise file of its lesson. */
export interface SiblingImport {
  /** The imported file, e.g. `"distributions.ts"`. */
  file: string;
  /** The names imported for their values (type-only imports left out), in source order. */
  names: string[];
}

/**
 * The value imports of `source` from files of its own folder (`./x.ts`), without `import type`
 * statements and `type` names. Comments are ignored.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { siblingImports } from "./dependencies.ts";
 * const source = 'import type { Fold } from "./kfold.ts";\n' +
 *   'import { type Distribution, sample } from "./distributions.ts";\n' +
 *   'import { seededRandom } from "../../kit/lib/random.ts";\n';
 * assert.deepEqual(siblingImports(source), [{ file: "distributions.ts", names: ["sample"] }]);
 * ```
 */
export function siblingImports(source: string): SiblingImport[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: SiblingImport[] = [];
  const pattern = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*["']\.\/([^"'/]+\.ts)["']/g;
  for (const [, typeOnly, list, file] of code.matchAll(pattern)) {
    if (typeOnly) continue;
    const names = list.split(",").map((n) => n.trim()).filter((n) => n && !/^type\s/.test(n))
      .map((n) => n.split(/\s+as\s+/)[0].trim());
    if (names.length) found.push({ file, names });
  }
  return found;
}

/**
 * For each exercise file of `result`, a note per exercise file it imports whose own tests do
 * not all pass: "uses your sample (distributions.ts), which fails its own tests: fix that
 * first". `imports` gives each file's {@link siblingImports}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dependencyNotes } from "./dependencies.ts";
 * const exercise = (file: string, score: number) =>
 *   ({ file, testFile: file.replace(".ts", "_test.ts"), tests: [], score, maxScore: 6, warnings: [], durationMs: 1 });
 * const lesson = { number: 7, slug: "07-x", id: "lesson-07", title: "x", testFiles: ["a_test.ts", "b_test.ts"] };
 * const result = { lesson, exercises: [exercise("a.ts", 3), exercise("b.ts", 6)], score: 9, maxScore: 12, durationMs: 1 };
 * const notes = dependencyNotes(result, { "b.ts": [{ file: "a.ts", names: ["sample"] }], "a.ts": [] });
 * assert.deepEqual(Object.keys(notes), ["b.ts"]);
 * assert.match(notes["b.ts"][0], /^uses your sample \(a\.ts\), which fails its own tests/);
 * ```
 */
export function dependencyNotes(
  result: LessonResult,
  imports: Record<string, SiblingImport[]>,
): Record<string, string[]> {
  const failing = new Set(
    result.exercises.filter((e) => e.maxScore === 0 || e.score < e.maxScore).map((e) => e.file),
  );
  const notes: Record<string, string[]> = {};
  for (const exercise of result.exercises) {
    for (const { file, names } of imports[exercise.file] ?? []) {
      if (file === exercise.file || !failing.has(file)) continue;
      (notes[exercise.file] ??= []).push(
        `uses your ${names.join(", ")} (${file}), which fails its own tests: fix that first ` +
          // Generic: which command runs the learner's code depends on the lesson (`deno task
          // search` in lessons 6 to 10, `deno task capstone` in lesson 11).
          `(the tests of ${exercise.file} pass the reference's answers in its place, but ` +
          "the lesson's own commands run yours)",
      );
    }
  }
  return notes;
}

/**
 * {@link dependencyNotes} for the exercise files of `result` as they are in `workspace`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dependencyNotesIn } from "./dependencies.ts";
 * import { join } from "node:path";
 * const workspace = await Deno.makeTempDir();
 * await Deno.mkdir(join(workspace, "exercises", "07-x"), { recursive: true });
 * await Deno.writeTextFile(join(workspace, "exercises", "07-x", "b.ts"), 'import { sample } from "./a.ts";\n');
 * const exercise = (file: string, score: number) =>
 *   ({ file, testFile: file.replace(".ts", "_test.ts"), tests: [], score, maxScore: 6, warnings: [], durationMs: 1 });
 * const lesson = { number: 7, slug: "07-x", id: "lesson-07", title: "x", testFiles: ["a_test.ts", "b_test.ts"] };
 * const result = { lesson, exercises: [exercise("a.ts", 3), exercise("b.ts", 6)], score: 9, maxScore: 12, durationMs: 1 };
 * const notes = await dependencyNotesIn(workspace, result);
 * assert.match(notes["b.ts"][0], /^uses your sample \(a\.ts\)/);
 * await Deno.remove(workspace, { recursive: true });
 * ```
 */
export async function dependencyNotesIn(
  workspace: string,
  result: LessonResult,
): Promise<Record<string, string[]>> {
  const imports: Record<string, SiblingImport[]> = {};
  for (const exercise of result.exercises) {
    const path = `${workspace}/exercises/${result.lesson.slug}/${exercise.file}`;
    const source = await Deno.readTextFile(path).catch(() => "");
    imports[exercise.file] = siblingImports(source);
  }
  return dependencyNotes(result, imports);
}
