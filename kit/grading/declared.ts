/**
 * The graded tests a teacher's copy declares, per lesson and test file: the one list every
 * score is matched against.
 *
 * @module
 */

import { join } from "node:path";
import type { Lesson } from "../course/lessons.ts";
import {
  type DeclaredTest,
  loadManifest,
  type Manifest,
  pointsInName,
} from "../course/manifest.ts";
import { runTestFile } from "./run.ts";
import { mapConcurrent } from "./score.ts";
import { stageWorkspace } from "./stage.ts";
import { lstatOrNull } from "./submissions.ts";

/**
 * The graded tests of each test file, as the teacher's copy declares them: from
 * `kit/manifest.json`, and for a test file the manifest does not list, from a run of the
 * teacher's own code (`solutions/`, or else the stubs of `exercises/`). Only these names can
 * earn points; a name a submission registers itself is ignored.
 * The example is not run: it may run the teacher's tests to list them (the grading tests use the
 * fixture kit).
 *
 * @example
 * ```ts ignore
 * const declared = await declaredTests(kitRoot, lessons);
 * assert.deepEqual(declared["01-demo"]["half_test.ts"], [{ name: "half: even numbers [1 pt]", points: 1 }]);
 * ```
 */
export async function declaredTests(
  kitRoot: string,
  lessons: Lesson[],
  log: (line: string) => void = () => {},
): Promise<Manifest> {
  const manifest = await loadManifest(kitRoot);
  const declared: Manifest = {};
  const missing: { lesson: Lesson; testFile: string }[] = [];
  for (const lesson of lessons) {
    declared[lesson.slug] = {};
    for (const testFile of lesson.testFiles) {
      const listed = manifest[lesson.slug]?.[testFile];
      if (listed) declared[lesson.slug][testFile] = listed;
      else missing.push({ lesson, testFile });
    }
  }
  if (missing.length === 0) return declared;
  const solutions = join(kitRoot, "solutions");
  const reference = (await lstatOrNull(solutions))?.isDirectory
    ? solutions
    : join(kitRoot, "exercises");
  log(
    `note: ${missing.length} test file(s) not in kit/manifest.json; their test list comes from a run of ${reference}`,
  );
  const stage = await stageWorkspace({ kitRoot, implementationRoot: reference, lessons });
  try {
    await mapConcurrent(missing, 2, async ({ lesson, testFile }) => {
      const run = await runTestFile({
        workspace: stage.root,
        testFile: join("exercises", lesson.slug, testFile),
        timeoutMs: 120_000,
      });
      const tests: DeclaredTest[] = [];
      for (const test of run.tests) {
        const points = pointsInName(test.name);
        if (points !== undefined && !tests.some((t) => t.name === test.name)) {
          tests.push({ name: test.name, points });
        }
      }
      if (tests.length === 0) {
        log(`warning: ${lesson.slug}/${testFile} reported no graded test on ${reference}`);
      }
      declared[lesson.slug][testFile] = tests;
    });
  } finally {
    await stage.dispose();
  }
  // In file order, whatever order the runs finished in: the kit's fingerprint depends on it.
  const ordered: Manifest = {};
  for (const lesson of lessons) {
    ordered[lesson.slug] = {};
    for (const testFile of lesson.testFiles) {
      ordered[lesson.slug][testFile] = declared[lesson.slug][testFile];
    }
  }
  return ordered;
}
