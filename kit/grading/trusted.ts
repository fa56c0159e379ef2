/**
 * The grader's side of judging out of the student's reach (see judge.ts): the reference run
 * that finds the expected values in the cases, the redacted cases a student's run gets, and the
 * verdicts on what that run observed.
 *
 * @module
 */

import { join } from "node:path";
import type { Lesson } from "./lessons.ts";
import type { Manifest } from "./manifest.ts";
import type { FileRun, Progress } from "./run.ts";
import { scoreLessons } from "./score.ts";
import { stageWorkspace } from "./stage.ts";
import { judgeObserved, type Observation, redactCases } from "./judge.ts";

/** What the reference run found: per cases file, its expected and input paths; per test, its cases. */
export interface Discovery {
  /** Cases file name (`03-lr-schedules.json`) → paths (JSON arrays of keys). */
  cases: Map<string, { expected: Set<string>; inputs: Set<string> }>;
  /** Test name → its cases as the reference run made them (kind, input, expected, tolerance). */
  reference: Map<string, Observation[]>;
  /** Problems of the reference run (a test that failed on the solutions, say). */
  problems: string[];
}

/** The cases import of a test file, rewritten for the reference run to a tracking module. */
const CASES_IMPORT =
  /(["'])((?:\.\.\/)+kit\/cases\/)([\w.-]+)\.json\1\s*with\s*\{\s*type:\s*["']json["']\s*\}/g;

/**
 * Runs the graded tests on the teacher's `solutions/` with tracked cases and reports which parts
 * of each cases file the tests use as expected values.
 *
 * @example
 * ```ts ignore
 * const discovery = await discoverExpected(kitRoot, lessons, manifest);
 * ```
 */
export async function discoverExpected(
  kitRoot: string,
  lessons: Lesson[],
  manifest: Manifest,
): Promise<Discovery> {
  const discovery: Discovery = { cases: new Map(), reference: new Map(), problems: [] };
  const stage = await stageWorkspace({
    kitRoot,
    implementationRoot: join(kitRoot, "solutions"),
    lessons,
  });
  try {
    const casesDir = join(stage.root, "kit", "cases");
    const tracked = new Set<string>();
    for (const lesson of lessons) {
      for (const testFile of lesson.testFiles) {
        const path = join(stage.root, "exercises", lesson.slug, testFile);
        const text = await Deno.readTextFile(path);
        await Deno.writeTextFile(
          path,
          text.replace(CASES_IMPORT, (_, quote, folder, name) => {
            tracked.add(name);
            return `${quote}${folder}${name}.tracked.ts${quote}`;
          }),
        );
      }
    }
    for (const name of tracked) {
      await Deno.writeTextFile(
        join(casesDir, `${name}.tracked.ts`),
        `import { trackCases } from "../grading/graded.ts";\n` +
          `import data from "./${name}.json" with { type: "json" };\n` +
          `export default trackCases(${JSON.stringify(`${name}.json`)}, data);\n`,
      );
    }
    const onProgress = (progress: Progress) => {
      const data = progress.data;
      if (progress.kind === "cases" && data && typeof data.file === "string") {
        const entry = discovery.cases.get(data.file) ?? { expected: new Set(), inputs: new Set() };
        for (const p of Array.isArray(data.expected) ? data.expected : []) entry.expected.add(p);
        for (const p of Array.isArray(data.inputs) ? data.inputs : []) entry.inputs.add(p);
        discovery.cases.set(data.file, entry);
      } else if (progress.kind === "reference" && data && typeof data.name === "string") {
        discovery.reference.set(data.name, Array.isArray(data.cases) ? data.cases : []);
      }
    };
    const results = await scoreLessons(lessons, {
      workspace: stage.root,
      manifest,
      lessonTimeoutMs: 600_000,
      discover: true,
      onProgress,
    });
    for (const [i, lesson] of lessons.entries()) {
      for (const exercise of results[i].exercises) {
        for (const test of exercise.tests) {
          if (test.status !== "pass") {
            discovery.problems.push(
              `${lesson.id}/${exercise.file} › ${test.name} fails on the solutions`,
            );
          }
        }
      }
    }
  } finally {
    await stage.dispose();
  }
  return discovery;
}

/**
 * Replaces, in a staged workspace, every `kit/cases/*.json` by its redacted version (expected
 * values replaced, see judge.ts); cases files the reference run did not see are removed.
 *
 * @example
 * ```ts ignore
 * await stageRedactedCases(stage.root, kitRoot, discovery);
 * ```
 */
export async function stageRedactedCases(
  workspace: string,
  kitRoot: string,
  discovery: Discovery,
): Promise<void> {
  const casesDir = join(workspace, "kit", "cases");
  for await (const entry of Deno.readDir(casesDir)) {
    const target = join(casesDir, entry.name);
    const found = discovery.cases.get(entry.name);
    if (!found) {
      await Deno.remove(target, { recursive: true });
      continue;
    }
    const data = JSON.parse(await Deno.readTextFile(join(kitRoot, "kit", "cases", entry.name)));
    await Deno.writeTextFile(
      target,
      JSON.stringify(redactCases(data, [...found.expected], [...found.inputs])),
    );
  }
}

/**
 * Turns an observed run's reports into verdicts: each reported test passes only when the
 * grader finds every answer right against the reference cases of that test.
 *
 * @example
 * ```ts ignore
 * const judged = judgeRun(run, discovery);
 * ```
 */
export function judgeRun(run: FileRun, discovery: Discovery): FileRun {
  return {
    ...run,
    tests: run.tests.map((test) => {
      const reference = discovery.reference.get(test.name);
      const observed = (run.events ?? []).filter((e) =>
        e.kind === "observed" && e.data?.name === test.name
      );
      const verdict = !reference
        ? { passed: false, message: "no reference cases for this test" }
        : observed.length !== 1
        ? {
          passed: false,
          message: observed.length
            ? "the test's answers were reported more than once: not counted"
            : test.message ?? "the test reported no answers",
        }
        : judgeObserved(observed[0].data, reference);
      return { ...test, passed: verdict.passed, message: verdict.message };
    }),
  };
}
