/**
 * The course outline and the README's course map, generated from what exists on disk.
 *
 * @module
 */

import type { Lesson } from "../grading/lessons.ts";
import type { Manifest } from "../grading/manifest.ts";
import { exerciseOf } from "../grading/lessons.ts";

/** The nine lessons of the syllabus, in order: number, topic, folder slug. */
export const OUTLINE: readonly { number: number; topic: string; slug: string }[] = [
  { number: 1, topic: "Parameters vs hyperparameters", slug: "01-parameters-and-hyperparameters" },
  { number: 2, topic: "The learning rate", slug: "02-learning-rate" },
  { number: 3, topic: "Learning-rate schedules", slug: "03-lr-schedules" },
  { number: 4, topic: "Optimizers", slug: "04-optimizers" },
  { number: 5, topic: "A multilayer perceptron from scratch", slug: "05-mlp-from-scratch" },
  { number: 6, topic: "Validation-based selection", slug: "06-validation" },
  { number: 7, topic: "Grid search and random search", slug: "07-grid-and-random-search" },
  {
    number: 8,
    topic: "Beyond grid and random: successive halving, Hyperband",
    slug: "08-beyond-grid-and-random",
  },
  { number: 9, topic: "Capstone: tune the MLP on digits", slug: "09-capstone" },
];

/**
 * What `deno task check` prints as its last line for the first lesson on the untouched stubs,
 * where every graded test fails: the README's example score, so that it names a real lesson and
 * its real total.
 *
 * @example
 * ```ts
 * import { exampleScore } from "./course.ts";
 * console.log(exampleScore([], {})); // "lesson-01: 0/0 points"
 * ```
 */
export function exampleScore(lessons: Lesson[], manifest: Manifest): string {
  const first = [...lessons].sort((a, b) => a.number - b.number)[0];
  const declared = first ? Object.values(manifest[first.slug] ?? {}).flat() : [];
  const points = declared.reduce((sum, t) => sum + t.points, 0);
  return `lesson-${String(first?.number ?? 1).padStart(2, "0")}: 0/${points} points`;
}

/**
 * The course map as a markdown table: each lesson with a link, its exercises and its points;
 * lessons not written yet are marked as coming.
 *
 * @example
 * ```ts
 * import { courseMap } from "./course.ts";
 * const table = courseMap([], {});
 * console.log(table.startsWith("| lesson |")); // true
 * ```
 */
export function courseMap(lessons: Lesson[], manifest: Manifest): string {
  const rows = ["| lesson | topic | exercises | points |", "| --- | --- | --- | --- |"];
  let total = 0;
  for (const entry of OUTLINE) {
    const lesson = lessons.find((l) => l.number === entry.number);
    const id = `lesson-${String(entry.number).padStart(2, "0")}`;
    if (!lesson) {
      rows.push(`| ${id} | ${entry.topic} | coming | |`);
      continue;
    }
    const declared = manifest[lesson.slug] ?? {};
    const points = Object.values(declared).flat().reduce((sum, t) => sum + t.points, 0);
    total += points;
    const exercises = lesson.testFiles.map((file) =>
      `[${exerciseOf(file)}](exercises/${lesson.slug}/${exerciseOf(file)})`
    ).join(", ");
    rows.push(
      `| [${id}](lessons/${lesson.slug}/README.md) | ${entry.topic} | ${exercises} | ${points} |`,
    );
  }
  rows.push(`| | **total** | | **${total}** |`);
  return rows.join("\n");
}
