/**
 * The course outline, `kit/outline.json`: the one source of each lesson's number, folder slug,
 * title, prerequisites and exercise files, for lessons written and coming.
 *
 * Everything else is derived from it or checked against it: `listLessons` (`./lessons.ts`) lists
 * its lessons that are on disk, with their titles, so the manifest and the README's course map,
 * generated from that list, follow it; {@link checkOutline} (run by `deno task sync` and
 * `deno task test`) finds folders, README headings and exercise files that disagree with it.
 *
 * @module
 */

import { join } from "node:path";

/** One lesson of the outline, as `kit/outline.json` holds it. */
export interface OutlineLesson {
  /** Folder name under `lessons/`, `exercises/`, `solutions/`: `NN-words`, e.g. `"03-lr-schedules"`. */
  slug: string;
  /** The title: the README heading is `# Lesson NN · TITLE`. */
  title: string;
  /** Numbers of the earlier lessons whose ideas or code this one builds on. */
  prerequisites: number[];
  /** The exercise files, e.g. `["decays.ts", "cosine.ts"]`; empty while the lesson is coming. */
  exercises: string[];
}

/** An outline lesson with its number, read from the slug. */
export interface NumberedLesson extends OutlineLesson {
  /** The lesson number, the slug's first two digits. */
  number: number;
}

/** Where the outline lives inside a kit. */
export const OUTLINE_PATH = "kit/outline.json";

const SLUG = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EXERCISE = /^[a-z][a-z0-9_]*\.ts$/;

/**
 * Validates outline data, naming the first problem: slugs `NN-words` in increasing number
 * order, non-empty titles, prerequisites among earlier lessons, exercise names `name.ts`
 * (not `_test.ts`) without repeats.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOutline } from "./outline.ts";
 * const outline = parseOutline(
 *   [{ slug: "01-intro", title: "Intro", prerequisites: [], exercises: ["count.ts"] }],
 *   "outline.json",
 * );
 * assert.equal(outline[0].number, 1);
 * assert.throws(() => parseOutline([{ slug: "1-intro" }], "outline.json"), /outline\.json\[0\]\.slug/);
 * ```
 */
export function parseOutline(data: unknown, where: string): NumberedLesson[] {
  if (!Array.isArray(data)) throw new Error(`${where}: must be a list of lessons`);
  const lessons: NumberedLesson[] = [];
  data.forEach((entry: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof entry !== "object" || entry === null) throw new Error(`${at}: must be an object`);
    const { slug, title, prerequisites, exercises, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) {
      throw new Error(
        `${at}: unknown field(s) ${
          extra.join(", ")
        } (a lesson has slug, title, prerequisites, exercises)`,
      );
    }
    const match = typeof slug === "string" ? SLUG.exec(slug) : null;
    if (!match) {
      throw new Error(`${at}.slug: must be "NN-words" (two digits, lower-case words), got ${slug}`);
    }
    const number = Number(match[1]);
    const previous = lessons.at(-1);
    if (number === 0 || (previous && number <= previous.number)) {
      throw new Error(`${at}.slug: lesson numbers start at 01 and increase, got ${slug}`);
    }
    if (typeof title !== "string" || !title.trim()) throw new Error(`${at}.title: must be text`);
    if (
      !Array.isArray(prerequisites) ||
      !prerequisites.every((p) => lessons.some((l) => l.number === p))
    ) {
      throw new Error(
        `${at}.prerequisites: must list numbers of earlier lessons, got ${
          JSON.stringify(prerequisites)
        }`,
      );
    }
    if (
      !Array.isArray(exercises) ||
      !exercises.every((e) => typeof e === "string" && EXERCISE.test(e) && !e.endsWith("_test.ts"))
    ) {
      throw new Error(
        `${at}.exercises: must list file names like "decays.ts", got ${JSON.stringify(exercises)}`,
      );
    }
    const repeated = exercises.find((e, k) => exercises.indexOf(e) !== k);
    if (repeated) throw new Error(`${at}.exercises: ${repeated} is listed twice`);
    lessons.push({ number, slug: slug as string, title, prerequisites, exercises });
  });
  return lessons;
}

/**
 * Reads and validates a kit's `kit/outline.json`.
 * The example is not run: it reads kit/outline.json on disk.
 *
 * @example
 * ```ts ignore
 * const outline = await loadOutline("/path/to/kit");
 * console.log(outline.map((l) => l.slug)); // ["01-parameters-and-hyperparameters", ...]
 * ```
 */
export async function loadOutline(kitRoot: string): Promise<NumberedLesson[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(kitRoot, OUTLINE_PATH));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`${OUTLINE_PATH} is missing: the kit needs its course outline`);
    }
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${OUTLINE_PATH} is not valid JSON: ${(error as Error).message}`);
  }
  return parseOutline(data, OUTLINE_PATH);
}

/**
 * The heading a lesson's README starts with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessonHeading } from "./outline.ts";
 * assert.equal(lessonHeading({ number: 3, title: "Learning-rate schedules" }), "# Lesson 03 · Learning-rate schedules");
 * ```
 */
export function lessonHeading(lesson: { number: number; title: string }): string {
  return `# Lesson ${String(lesson.number).padStart(2, "0")} · ${lesson.title}`;
}

/** What {@link checkOutline} compares the outline with: what is on disk. */
export interface KitLayout {
  /** Folder names under `lessons/`, `exercises/` and `solutions/`, and generator and case file names, by where they are. */
  folders: Record<string, string[]>;
  /** Slug → first line of `lessons/SLUG/README.md`, for each lesson that has one. */
  headings: Record<string, string>;
  /** Slug → exercise names with a graded test (`NAME_test.ts` → `NAME.ts`) in `exercises/SLUG/`. */
  tested: Record<string, string[]>;
  /** Slug → non-test `.ts` files in `solutions/SLUG/` (exercises and given files), for each lesson that has the folder. */
  solved: Record<string, string[]>;
}

/**
 * Every disagreement between the outline and a kit's layout, one line each, naming the path and
 * the fix. A lesson is on disk when `exercises/SLUG/` exists; an outline lesson not on disk is
 * coming, and must list no exercises yet.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOutline } from "./outline.ts";
 * const outline = [{ number: 1, slug: "01-a", title: "A", prerequisites: [], exercises: ["x.ts"] }];
 * const problems = checkOutline(outline, {
 *   folders: { exercises: ["01-a", "02-b"], lessons: ["01-a"], solutions: ["01-a"] },
 *   headings: { "01-a": "# Lesson 01 · A" },
 *   tested: { "01-a": ["x.ts"] },
 *   solved: { "01-a": ["x.ts"] },
 * });
 * assert.deepEqual(problems, [
 *   "exercises/02-b/ is not a lesson of kit/outline.json (its slugs: 01-a): rename the folder or add the lesson",
 * ]);
 * ```
 */
export function checkOutline(outline: NumberedLesson[], layout: KitLayout): string[] {
  const problems: string[] = [];
  const slugs = outline.map((l) => l.slug);
  const known = `(its slugs: ${slugs.join(", ")})`;
  for (const [where, names] of Object.entries(layout.folders)) {
    for (const name of names) {
      const slug = name.replace(/\.(ts|json)$/, "");
      if (!slugs.includes(slug)) {
        const path = name === slug ? `${where}/${name}/` : `${where}/${name}`;
        problems.push(
          `${path} is not a lesson of ${OUTLINE_PATH} ${known}: rename the ${
            name === slug ? "folder" : "file"
          } or add the lesson`,
        );
      }
    }
  }
  for (const lesson of outline) {
    const { slug } = lesson;
    if (!(layout.folders.exercises ?? []).includes(slug)) {
      if (lesson.exercises.length) {
        problems.push(
          `${OUTLINE_PATH}: ${slug} lists exercises but exercises/${slug}/ does not exist`,
        );
      }
      continue;
    }
    const heading = layout.headings[slug];
    const wanted = lessonHeading(lesson);
    if (heading === undefined) {
      problems.push(`lessons/${slug}/README.md is missing: it starts with "${wanted}"`);
    } else if (heading !== wanted) {
      problems.push(
        `lessons/${slug}/README.md starts with "${heading}", but ${OUTLINE_PATH} says "${wanted}"`,
      );
    }
    const listed = [...lesson.exercises].sort().join(", ");
    const compare = (found: string[] | undefined, what: string) => {
      if (found === undefined) return;
      const actual = [...found].sort().join(", ");
      if (actual !== listed) {
        problems.push(
          `${what} hold ${actual || "nothing"}, but ${OUTLINE_PATH} lists ${
            listed || "no exercises"
          } for ${slug}`,
        );
      }
    };
    compare(layout.tested[slug] ?? [], `the graded tests exercises/${slug}/*_test.ts`);
    // Other solution files are given to the learner (helpers, test functions), not graded.
    const unsolved = lesson.exercises.filter((e) =>
      !(layout.solved[slug] ?? lesson.exercises).includes(e)
    );
    if (unsolved.length) {
      problems.push(`solutions/${slug}/ has no ${unsolved.join(", ")}, listed in ${OUTLINE_PATH}`);
    }
  }
  return problems;
}
