/**
 * Finding lessons and their exercises on disk, and naming them on the command line.
 *
 * A lesson is a folder `exercises/NN-slug/` holding at least one `*_test.ts`. On the command
 * line it is `lesson-03`, `lesson-3`, `03`, `3`, `03-lr-schedules` or `lr-schedules`.
 *
 * @module
 */

import { basename, join } from "node:path";

/** One lesson of the course. */
export interface Lesson {
  /** The lesson number, e.g. 3. */
  number: number;
  /** The folder name, e.g. `"03-lr-schedules"`. */
  slug: string;
  /** How the command line and reports name it, e.g. `"lesson-03"`. */
  id: string;
  /** The first heading of `lessons/NN-slug/README.md`, or the slug when there is none. */
  title: string;
  /** The graded test files of the lesson, e.g. `["cosine_test.ts", "decays_test.ts"]`, sorted. */
  testFiles: string[];
}

const LESSON_FOLDER = /^(\d{2})-[a-z0-9-]+$/;

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
 * Lists the lessons of a kit, in order, from its `exercises/` folder.
 *
 * @example
 * ```ts ignore
 * const lessons = await listLessons("/path/to/kit");
 * console.log(lessons.map((l) => l.id)); // ["lesson-01", "lesson-03"]
 * ```
 */
export async function listLessons(kitRoot: string): Promise<Lesson[]> {
  const lessons: Lesson[] = [];
  for await (const entry of Deno.readDir(join(kitRoot, "exercises"))) {
    const match = entry.isDirectory ? LESSON_FOLDER.exec(entry.name) : null;
    if (!match) continue;
    const testFiles: string[] = [];
    for await (const file of Deno.readDir(join(kitRoot, "exercises", entry.name))) {
      if (file.isFile && file.name.endsWith("_test.ts")) testFiles.push(file.name);
    }
    if (testFiles.length === 0) continue;
    const number = Number(match[1]);
    lessons.push({
      number,
      slug: entry.name,
      id: lessonId(number),
      title: await readTitle(kitRoot, entry.name),
      testFiles: testFiles.sort(),
    });
  }
  return lessons.sort((a, b) => a.number - b.number);
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

async function readTitle(kitRoot: string, slug: string): Promise<string> {
  try {
    const text = await Deno.readTextFile(join(kitRoot, "lessons", slug, "README.md"));
    const heading = /^#\s+(.+)$/m.exec(text);
    if (heading) return heading[1].replace(/^Lesson\s+\d+\s*[:·.—–-]\s*/i, "").trim();
  } catch {
    // No lesson text yet: the slug will do.
  }
  return basename(slug).replace(/^\d{2}-/, "").replaceAll("-", " ");
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

/** Raised by {@link resolveLesson}: its message is one line that lists the lessons. */
export class UnknownLessonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownLessonError";
  }
}
