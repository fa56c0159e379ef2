/**
 * Lesson 10's named learner mistakes, as mutants of the reference: each must fail the graded
 * test aimed at it, with the hint that names the mistake. A mutant is the solution file with
 * one passage rewritten; the test fails if the passage is no longer there (the solution moved
 * on and the mutant must follow).
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { listLessons } from "../../course/lessons.ts";
import { loadManifest } from "../../course/manifest.ts";
import { scoreLesson } from "../../grading/score.ts";
import { stageWorkspace } from "../../grading/stage.ts";
import { KIT_ROOT } from "../sync.ts";

const SLUG = "10-asynchronous-search";

interface Mutant {
  /** The mistake, as the issue names it. */
  name: string;
  file: string;
  /** The passage of the solution replaced, and what replaces it. */
  from: string;
  to: string;
  /** The graded test that must fail, and words its hint must hold. */
  test: string;
  hint: string;
}

const MUTANTS: Mutant[] = [
  {
    name: "top 1/η of the whole population instead of the rung",
    file: "asha.ts",
    from: "  for (let k = rungs.length - 2; k >= 0; k--) {",
    to: `  const pool = rungs.flatMap((r, k) => r.results.map((x) => ({ ...x, k })))
    .sort(compareResults).slice(0, Math.floor(rungs.reduce((n, r) => n + r.results.length, 0) / eta));
  for (const x of pool) {
    if (x.k < rungs.length - 1 && !rungs[x.k].promoted.includes(x.id)) {
      return { kind: "promote", id: x.id, rung: x.k + 1 };
    }
  }
  for (let k = -1; k >= 0; k--) {`,
    test: "ashaNextJob: ranks each rung on its own",
    hint: "the top 1/η of the whole population",
  },
  {
    name: "promoting the same configuration twice",
    file: "asha.ts",
    from: " && !promoted.includes(r.id)",
    to: "",
    test: "ashaNextJob: never promotes the same configuration twice",
    hint: "promoting the same configuration twice",
  },
  {
    name: "ties broken by finishing order",
    file: "asha.ts",
    from: "  return a.id - b.id;\n}",
    to: "  return 0;\n}",
    test: "ashaNextJob: the highest rung first, the top rung never, ties by id",
    hint: "the LOWER id first",
  },
  {
    name: "median over running trials",
    file: "median_stopping.ts",
    from: "other.completed && ",
    to: "",
    test: "medianStoppingDecision: only completed trials enter the median",
    hint: "taking the median over running trials",
  },
  {
    name: "the trial's last score instead of its best",
    file: "median_stopping.ts",
    from: "const best = Math.max(...curve);",
    to: "const best = curve[curve.length - 1];",
    test: "medianStoppingDecision: best so far against the median of running averages",
    hint: "not its latest one",
  },
  {
    name: "PBT copying hyperparameters without weights",
    file: "pbt.ts",
    from: "checkpoint: donor.checkpoint,",
    to: "checkpoint: member.checkpoint,",
    test: "pbtExploitExplore: an exploiting member takes the donor's weights",
    hint: "copying the donor's hyperparameters but keeping its own weights",
  },
  {
    name: "round-robin workers",
    file: "simulated_clock.ts",
    from:
      "    let worker = 0;\n    for (let w = 1; w < workers; w++) if (freeAt[w] < freeAt[worker]) worker = w;",
    to: "    const worker = job % workers;",
    test: "simulateWorkers: who runs which job",
    hint: "not to worker j mod W",
  },
];

Deno.test("lesson 10: every named mistake fails its graded test with the hint that names it", async () => {
  const lesson = (await listLessons(KIT_ROOT)).find((l) => l.slug === SLUG)!;
  const manifest = await loadManifest(KIT_ROOT);
  for (const mutant of MUTANTS) {
    const source = await Deno.readTextFile(join(KIT_ROOT, "solutions", SLUG, mutant.file));
    assert.ok(
      source.includes(mutant.from),
      `${mutant.name}: the passage is gone from ${mutant.file}`,
    );
    const stage = await stageWorkspace({
      kitRoot: KIT_ROOT,
      implementationRoot: join(KIT_ROOT, "solutions"),
      lessons: [lesson],
      linkKit: true,
    });
    try {
      const path = join(stage.root, "exercises", SLUG, mutant.file);
      await Deno.writeTextFile(path, source.replace(mutant.from, mutant.to));
      const result = await scoreLesson(lesson, { workspace: stage.root, manifest });
      const exercise = result.exercises.find((e) => e.file === mutant.file)!;
      assert.equal(exercise.problem, undefined, `${mutant.name}: ${exercise.problem}`);
      const test = exercise.tests.find((t) => t.name.startsWith(mutant.test));
      assert.ok(test, `${mutant.name}: no test named ${mutant.test}`);
      assert.notEqual(test.status, "pass", `${mutant.name} passes "${test.name}"`);
      assert.ok(
        test.message?.includes(mutant.hint),
        `${mutant.name}: the hint does not name the mistake:\n${test.message}`,
      );
    } finally {
      await stage.dispose();
    }
  }
});
