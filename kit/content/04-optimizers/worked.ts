/**
 * Lesson 04's worked example: the first three steps of every optimizer of the lesson's table on
 * ½(x² + 100y²) from (−1.5, 0.8).
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { formatNumber } from "../format.ts";
import { LESSON_SETTINGS, quadraticTrajectory, WORKED } from "./shared.ts";

function workedStepsTable(): string {
  const rows = [
    "| optimizer | settings | θ after step 1 | step 2 | step 3 |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const s of LESSON_SETTINGS) {
    const t = quadraticTrajectory(s, WORKED.a, WORKED.c, WORKED.x0, 3);
    const cell = (p: number[]) =>
      `(${formatNumber(p[0], { digits: 6, exponent: "sup" })}, ${
        formatNumber(p[1], { digits: 6, exponent: "sup" })
      })`;
    rows.push(
      `| ${s.label} | \`${s.name}(${JSON.stringify(s.options).replaceAll('"', "")})\` | ${
        t.map(cell).join(" | ")
      } |`,
    );
  }
  return rows.join("\n");
}

/** The worked steps' table. */
export const worked: LessonContent = { blocks: { "worked-steps": workedStepsTable } };
