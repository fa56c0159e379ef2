/**
 * One lesson's content from the parts its topic modules write.
 *
 * @module
 */

import type { LessonContent } from "./types.ts";

/**
 * Merges the content of a lesson's topics (each owning its cases, README blocks, values and
 * figures) into one {@link LessonContent}. Two topics claiming the same case entry, block,
 * value or figure is an error, so no topic silently overrides another.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assembleLesson } from "./assemble.ts";
 * const content = assembleLesson([
 *   { cases: () => ({ a: [1] }), values: { x: () => "1" } },
 *   { cases: () => ({ b: [2] }), figures: { f: () => Promise.resolve("<svg/>") } },
 * ]);
 * assert.deepEqual(content.cases!(), { a: [1], b: [2] });
 * assert.deepEqual(Object.keys(content.values!), ["x"]);
 * ```
 */
export function assembleLesson(parts: LessonContent[]): LessonContent {
  return {
    cases: () => merge(parts.map((part) => part.cases?.() ?? {}), "case entry"),
    blocks: merge(parts.map((part) => part.blocks ?? {}), "README block"),
    values: merge(parts.map((part) => part.values ?? {}), "README value"),
    figures: merge(parts.map((part) => part.figures ?? {}), "figure"),
  };
}

function merge<T>(records: Record<string, T>[], what: string): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const record of records) {
    for (const [name, value] of Object.entries(record)) {
      if (name in merged) throw new Error(`two topics define the ${what} "${name}"`);
      merged[name] = value;
    }
  }
  return merged;
}
