/**
 * The README's course map, generated from the course outline (`kit/outline.json`) and what
 * exists on disk.
 *
 * @module
 */

import type { Lesson } from "../course/lessons.ts";
import type { Manifest } from "../course/manifest.ts";
import { lessonId } from "../course/lessons.ts";
import type { NumberedLesson } from "../course/outline.ts";

/**
 * What `deno task check` prints as its last line for the first lesson on the untouched stubs,
 * where every graded test fails: the README's example score, so that it names a real lesson and
 * its real total.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exampleScore } from "./course.ts";
 * assert.equal(exampleScore([], {}), "lesson-01: 0/0 points");
 * ```
 */
export function exampleScore(lessons: Lesson[], manifest: Manifest): string {
  const first = [...lessons].sort((a, b) => a.number - b.number)[0];
  const declared = first ? Object.values(manifest[first.slug] ?? {}).flat() : [];
  const points = declared.reduce((sum, t) => sum + t.points, 0);
  return `${lessonId(first?.number ?? 1)}: 0/${points} points`;
}

/**
 * The course map as a markdown table: each lesson of the outline with what it builds on; a
 * lesson on disk with a link, its exercises and its points, the others marked as coming.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { courseMap } from "./course.ts";
 * const outline = [{ number: 1, slug: "01-a", title: "A", prerequisites: [], exercises: [] }];
 * assert.equal(
 *   courseMap(outline, [], {}),
 *   [
 *     "| lesson | topic | builds on | exercises | points |",
 *     "| --- | --- | --- | --- | --- |",
 *     "| lesson-01 | A | — | coming | |",
 *     "| | **total** | | | **0** |",
 *   ].join("\n"),
 * );
 * ```
 */
export function courseMap(
  outline: NumberedLesson[],
  lessons: Lesson[],
  manifest: Manifest,
): string {
  const rows = [
    "| lesson | topic | builds on | exercises | points |",
    "| --- | --- | --- | --- | --- |",
  ];
  let total = 0;
  for (const entry of outline) {
    const lesson = lessons.find((l) => l.slug === entry.slug);
    const id = lessonId(entry.number);
    const buildsOn = entry.prerequisites.map(lessonId).join(", ") || "—";
    if (!lesson) {
      rows.push(`| ${id} | ${entry.title} | ${buildsOn} | coming | |`);
      continue;
    }
    const declared = manifest[lesson.slug] ?? {};
    const points = Object.values(declared).flat().reduce((sum, t) => sum + t.points, 0);
    total += points;
    const exercises = entry.exercises.map((file) => `[${file}](exercises/${lesson.slug}/${file})`)
      .join(", ");
    rows.push(
      `| [${id}](lessons/${lesson.slug}/README.md) | ${entry.title} | ${buildsOn} | ${exercises} | ${points} |`,
    );
  }
  rows.push(`| | **total** | | | **${total}** |`);
  return rows.join("\n");
}
