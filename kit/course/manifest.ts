/**
 * The manifest: the list of graded tests and their points, per lesson and test file.
 *
 * `deno task sync` writes `kit/manifest.json` from a run of the graded tests against the
 * reference solutions; `deno task test` fails when it is out of date. Grading trusts only this
 * list: a test the runtime did not report as passed, under exactly one of these names, scores 0.
 *
 * @module
 */

import { join } from "node:path";

/** One graded test as declared. */
export interface DeclaredTest {
  /** The full name the runtime reports, points suffix included. */
  name: string;
  /** Points the test is worth. */
  points: number;
}

/** Lesson slug → test file name → its graded tests, in declaration order. */
export type Manifest = Record<string, Record<string, DeclaredTest[]>>;

/** Where the manifest lives inside a kit. */
export const MANIFEST_PATH = "kit/manifest.json";

/**
 * Reads the points a test's name declares: `"x: y [2 pts]"` → 2; no suffix → undefined.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointsInName } from "./manifest.ts";
 * assert.equal(pointsInName("stepDecay: table [2 pts]"), 2);
 * assert.equal(pointsInName("not graded"), undefined);
 * ```
 */
export function pointsInName(name: string): number | undefined {
  const match = / \[(\d+) pts?\]$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * Loads a kit's manifest; a kit without one has an empty manifest.
 * The example is not run: it reads kit/manifest.json on disk.
 *
 * @example
 * ```ts ignore
 * const manifest = await loadManifest("/path/to/kit");
 * console.log(Object.keys(manifest)); // ["01-parameters-and-hyperparameters", ...]
 * ```
 */
export async function loadManifest(kitRoot: string): Promise<Manifest> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(kitRoot, MANIFEST_PATH));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return {};
    throw error;
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (error) {
    throw new Error(
      `${MANIFEST_PATH} is not valid JSON (${(error as Error).message}): run deno task sync`,
    );
  }
}

/**
 * Serialises a manifest with sorted lessons and files, one test per line, so diffs stay small.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatManifest } from "./manifest.ts";
 * const text = formatManifest({ "01-a": { "x_test.ts": [{ name: "x [1 pt]", points: 1 }] } });
 * assert.ok(text.includes('"x [1 pt]"'));
 * ```
 */
export function formatManifest(manifest: Manifest): string {
  const lessons = Object.keys(manifest).sort();
  const lines = ["{"];
  lessons.forEach((slug, li) => {
    lines.push(`  ${JSON.stringify(slug)}: {`);
    const files = Object.keys(manifest[slug]).sort();
    files.forEach((file, fi) => {
      lines.push(`    ${JSON.stringify(file)}: [`);
      const tests = manifest[slug][file];
      tests.forEach((test, ti) => {
        const comma = ti < tests.length - 1 ? "," : "";
        lines.push(
          `      { "name": ${JSON.stringify(test.name)}, "points": ${test.points} }${comma}`,
        );
      });
      lines.push(`    ]${fi < files.length - 1 ? "," : ""}`);
    });
    lines.push(`  }${li < lessons.length - 1 ? "," : ""}`);
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}
