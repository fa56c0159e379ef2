/**
 * Finding lessons and their exercises on disk, and naming them on the command line.
 *
 * A lesson is a lesson of the course outline (`kit/outline.json`) whose folder
 * `exercises/NN-slug/` holds at least one `*_test.ts`. On the command line it is `lesson-03`,
 * `lesson-3`, `03`, `3`, `03-lr-schedules` or `lr-schedules`.
 *
 * @module
 */

import { join } from "node:path";
import { type KitLayout, loadOutline } from "./outline.ts";

/** One lesson of the course. */
export interface Lesson {
  /** The lesson number, e.g. 3. */
  number: number;
  /** The folder name, e.g. `"03-lr-schedules"`. */
  slug: string;
  /** How the command line and reports name it, e.g. `"lesson-03"`. */
  id: string;
  /** The lesson's title in the course outline. */
  title: string;
  /** The graded test files of the lesson, e.g. `["cosine_test.ts", "decays_test.ts"]`, sorted. */
  testFiles: string[];
}

/**
 * The exercise file a test file grades: `decays_test.ts` → `decays.ts`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exerciseOf } from "./lessons.ts";
 * assert.equal(exerciseOf("decays_test.ts"), "decays.ts");
 * ```
 */
export function exerciseOf(testFile: string): string {
  return testFile.replace(/_test\.ts$/, ".ts");
}

/**
 * Lists the lessons of a kit, in outline order: the outline's lessons whose `exercises/` folder
 * holds graded tests. Folders the outline does not name are left out (the kit's suite reports
 * them).
 * The example is not run: it reads the kit's folders on disk (kit/cli/check_test.ts runs it on small kits).
 *
 * @example
 * ```ts ignore
 * const lessons = await listLessons("/path/to/kit");
 * console.log(lessons.map((l) => l.id)); // ["lesson-01", "lesson-03"]
 * ```
 */
export async function listLessons(kitRoot: string): Promise<Lesson[]> {
  const lessons: Lesson[] = [];
  for (const { number, slug, title } of await loadOutline(kitRoot)) {
    const testFiles: string[] = [];
    try {
      for await (const file of Deno.readDir(join(kitRoot, "exercises", slug))) {
        if (file.isFile && file.name.endsWith("_test.ts")) testFiles.push(file.name);
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue; // a lesson still coming
      throw error;
    }
    if (testFiles.length === 0) continue;
    lessons.push({ number, slug, id: lessonId(number), title, testFiles: testFiles.sort() });
  }
  return lessons;
}

/**
 * The command-line name of lesson `number`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessonId } from "./lessons.ts";
 * assert.equal(lessonId(3), "lesson-03");
 * ```
 */
export function lessonId(number: number): string {
  return `lesson-${String(number).padStart(2, "0")}`;
}

/**
 * Finds the lesson a command-line argument names, or explains why none matches.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveLesson } from "./lessons.ts";
 * const lessons = [{ number: 3, slug: "03-lr-schedules", id: "lesson-03", title: "", testFiles: [] }];
 * assert.equal(resolveLesson("3", lessons).slug, "03-lr-schedules");
 * ```
 */
export function resolveLesson(argument: string, lessons: Lesson[]): Lesson {
  const wanted = argument.trim().toLowerCase().replace(/\/+$/, "").replace(/^.*\//, "");
  const number = /^(?:lesson-?)?(\d{1,2})$/.exec(wanted);
  const found = lessons.find((lesson) =>
    number ? lesson.number === Number(number[1]) : lesson.slug === wanted ||
      lesson.slug.slice(3) === wanted
  );
  if (found) return found;
  const known = lessons.map((lesson) => `${lesson.id} (${lesson.slug})`).join(", ");
  throw new UnknownLessonError(
    `unknown lesson "${argument}". The lessons are: ${known || "(none found)"}`,
  );
}

/**
 * Raised by {@link resolveLesson}: its message is one line that lists the lessons.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UnknownLessonError } from "./lessons.ts";
 * const error = new UnknownLessonError('unknown lesson "42"');
 * assert.ok(error instanceof Error);
 * assert.equal(error.name, "UnknownLessonError");
 * ```
 */
export class UnknownLessonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownLessonError";
  }
}

/**
 * Reads what of a kit's layout the outline governs, for `checkOutline` (`./outline.ts`).
 * The example is not run: it reads the kit's folders on disk (kit/course/outline_test.ts checks the rules applied to it).
 *
 * @example
 * ```ts ignore
 * const problems = checkOutline(await loadOutline(root), await readKitLayout(root));
 * ```
 */
export async function readKitLayout(kitRoot: string): Promise<KitLayout> {
  const list = async (folder: string, keep: (entry: Deno.DirEntry) => boolean) => {
    try {
      return (await Array.fromAsync(Deno.readDir(join(kitRoot, folder)))).filter(keep)
        .map((entry) => entry.name).sort();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  };
  const lessonFile = (ext: string) => (entry: Deno.DirEntry) =>
    entry.isFile && /^\d{2}-/.test(entry.name) && entry.name.endsWith(ext);
  const folders: Record<string, string[]> = {};
  for (const where of ["lessons", "exercises", "solutions"]) {
    folders[where] = await list(where, (e) => e.isDirectory && /^\d{2}-/.test(e.name)) ?? [];
  }
  // A generator is kit/content/NN-slug.ts, or a folder kit/content/NN-slug/ when split by topic.
  folders["kit/content"] = await list(
    "kit/content",
    (e) => lessonFile(".ts")(e) || (e.isDirectory && /^\d{2}-/.test(e.name)),
  ) ?? [];
  folders["kit/cases"] = await list("kit/cases", lessonFile(".json")) ?? [];
  const layout: KitLayout = { folders, headings: {}, tested: {}, solved: {} };
  for (const slug of folders.exercises) {
    layout.tested[slug] = (await list(
      `exercises/${slug}`,
      (e) => e.isFile && e.name.endsWith("_test.ts"),
    ))!.map(exerciseOf);
    const solved = await list(
      `solutions/${slug}`,
      (e) => e.isFile && e.name.endsWith(".ts") && !e.name.endsWith("_test.ts"),
    );
    if (solved) layout.solved[slug] = solved;
    try {
      const text = await Deno.readTextFile(join(kitRoot, "lessons", slug, "README.md"));
      layout.headings[slug] = text.split("\n", 1)[0];
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return layout;
}
