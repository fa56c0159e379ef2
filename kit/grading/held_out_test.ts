import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findSubmissions, gradeSubmission, prepareGrader } from "./classroom.ts";
import { writeCaseLookup, writeHardCoder } from "../attacks/hard_coder.ts";
import { drawHeldOutCases, testsWithoutHeldOutCases, withHeldOutCases } from "./held_out.ts";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { copyTree } from "./stage.ts";
import { discoverExpected } from "./trusted.ts";
import {
  FAKE_SUBMISSION_KINDS,
  FAKE_TEXT,
  writeFakeSubmission,
} from "../attacks/fake_submission.ts";
import { toClassSummary, toGradebookCsv } from "./gradebook.ts";
import { toJUnit, toResultsJson } from "./report.ts";
import pending from "./held_out_pending.json" with { type: "json" };

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEED = "a test seed";

Deno.test("held-out cases: drawn afresh from a seed, the lesson's tables kept, every test of the lesson held out", async () => {
  const drawn = await drawHeldOutCases(KIT_ROOT, SEED);
  assert.ok("folder" in drawn, "problem" in drawn ? drawn.problem : "");
  try {
    const name = "01-parameters-and-hyperparameters.json";
    const open = await Deno.readTextFile(join(KIT_ROOT, "kit", "cases", name));
    const held = await Deno.readTextFile(join(drawn.folder, name));
    assert.notEqual(JSON.stringify(JSON.parse(held)), JSON.stringify(JSON.parse(open)));
    const again = await drawHeldOutCases(KIT_ROOT, SEED);
    assert.ok("folder" in again);
    assert.equal(await Deno.readTextFile(join(again.folder, name)), held);
    await Deno.remove(again.folder, { recursive: true });
    const lessons = (await listLessons(KIT_ROOT)).filter((l) => l.number === 1);
    const manifest = await loadManifest(KIT_ROOT);
    const discovery = await discoverExpected(KIT_ROOT, lessons, manifest, drawn.folder);
    assert.deepEqual(discovery.problems, []);
    const declared = Object.values(manifest[lessons[0].slug]).flat().map((t) => t.name);
    assert.deepEqual([...discovery.heldOutTests].sort(), declared.sort());
  } finally {
    await Deno.remove(drawn.folder, { recursive: true });
  }
});

Deno.test("held-out cases: their folder is removed whether the grading set-up returns or throws", async () => {
  const exists = (path: string) => Deno.lstat(path).then(() => true, () => false);
  let seen = "";
  const found = await withHeldOutCases(KIT_ROOT, SEED, async (folder) => {
    seen = folder;
    assert.ok(await exists(join(folder, "01-parameters-and-hyperparameters.json")));
    return 1;
  });
  assert.deepEqual(found, { value: 1 });
  assert.equal(await exists(seen), false, `${seen} was left behind`);
  await assert.rejects(
    () =>
      withHeldOutCases(KIT_ROOT, SEED, (folder) => {
        seen = folder;
        throw new Error("the set-up failed");
      }),
    /the set-up failed/,
  );
  assert.equal(await exists(seen), false, `${seen} was left behind after a throw`);
  // A draw that fails (a folder that is no kit) leaves nothing either.
  const notAKit = await Deno.makeTempDir({ prefix: "kit-not-a-kit-" });
  try {
    const failed = await withHeldOutCases(notAKit, SEED, () => Promise.resolve(0));
    assert.ok("problem" in failed);
  } finally {
    await Deno.remove(notAKit, { recursive: true });
  }
});

Deno.test({
  name:
    "held-out cases: every graded test has one (outside the pending list), and a hard-coder of every public case earns nothing there, nor a lookup of the loaded cases anywhere",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const lessons = await listLessons(KIT_ROOT);
    const manifest = await loadManifest(KIT_ROOT);
    const publicRun = await discoverExpected(KIT_ROOT, lessons, manifest);
    const drawn = await drawHeldOutCases(KIT_ROOT, SEED);
    assert.ok("folder" in drawn, "problem" in drawn ? drawn.problem : "");
    const out = await Deno.makeTempDir({ prefix: "kit-hard-coder-" });
    try {
      const heldOutRun = await discoverExpected(KIT_ROOT, lessons, manifest, drawn.folder);
      assert.deepEqual(heldOutRun.problems, []);
      // The public cases judged as held-out ones are (the solutions' answers as expected values),
      // so that a case differs only where the draw changed it.
      const publicCopy = join(out, "public-cases");
      await copyTree(join(KIT_ROOT, "kit", "cases"), publicCopy);
      const publicAnswers = await discoverExpected(KIT_ROOT, lessons, manifest, publicCopy);
      const lacking = testsWithoutHeldOutCases(publicAnswers, heldOutRun);
      const waived = new Set<string>(pending.noHeldOutCase);
      const offending = lacking.filter((name) => !waived.has(name));
      assert.deepEqual(
        offending,
        [],
        `These graded tests have no case that a held-out draw changes, so a submission that ` +
          `hard-codes the public cases passes them in the grade of record:\n  ${
            offending.join("\n  ")
          }\nGive each test some cases its generator draws from a string seed (kit/AUTHORING.md, ` +
          `"Every graded test has held-out cases").`,
      );
      const fixed = [...waived].filter((name) => !lacking.includes(name));
      assert.deepEqual(
        fixed,
        [],
        `These tests now have held-out cases: remove them from kit/grading/held_out_pending.json`,
      );

      // The attack: every exported function answers from the public reference run.
      const answered = await writeHardCoder(
        KIT_ROOT,
        lessons.map((l) => l.slug),
        publicRun,
        join(out, "hard-coder"),
      );
      assert.ok(answered >= 60, `the hard-coder answers only ${answered} functions`);
      const [submission] = await findSubmissions([join(out, "hard-coder")]);
      const earned = async (heldOutSeed?: string, attack = submission) => {
        const grader = await prepareGrader({ kitRoot: KIT_ROOT, heldOutSeed, concurrency: 2 });
        const result = await gradeSubmission(grader, attack);
        return result.lessons.flatMap((l) => l.exercises.flatMap((e) => e.tests))
          .filter((t) => t.earned > 0).map((t) => t.name);
      };
      // With the public cases it earns points (TEACHERS.md gives the figure); with held-out
      // cases, nothing outside the pending list.
      assert.ok((await earned()).length > 20);
      const held = await earned(SEED);
      assert.deepEqual(held.filter((name) => !waived.has(name)), []);

      // The other attack: every exported function answers from the cases its test process
      // loaded (3 points of lesson 11 before the redaction by allowlist): nothing, in both modes.
      const replaced = await writeCaseLookup(
        KIT_ROOT,
        lessons.map((l) => l.slug),
        join(out, "lookup"),
      );
      assert.ok(replaced >= 60, `the case lookup replaces only ${replaced} functions`);
      const [lookup] = await findSubmissions([join(out, "lookup")]);
      assert.deepEqual(await earned(SEED, lookup), []);
      assert.deepEqual(await earned(undefined, lookup), []);
    } finally {
      await Deno.remove(drawn.folder, { recursive: true });
      await Deno.remove(out, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "the grade of record gives each fake submission (kit/attacks/fake_submission.ts) 0 points on every lesson, and no report of theirs holds their text",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const lessons = await listLessons(KIT_ROOT);
    const slugs = lessons.map((l) => l.slug);
    const out = await Deno.makeTempDir({ prefix: "kit-fakes-" });
    try {
      const grader = await prepareGrader({
        kitRoot: KIT_ROOT,
        heldOutSeed: SEED,
        concurrency: 2,
        // Short limits: every fake either answers at once or hangs.
        lessonTimeoutMs: 60_000,
      });
      assert.equal(
        grader.discovery?.heldOutTests.size,
        Object.values(await loadManifest(KIT_ROOT)).flatMap((l) => Object.values(l).flat()).length,
      );
      for (const kind of FAKE_SUBMISSION_KINDS) {
        const replaced = await writeFakeSubmission(KIT_ROOT, slugs, kind, join(out, kind));
        assert.ok(replaced >= 60, `${kind} replaces only ${replaced} functions`);
        const [submission] = await findSubmissions([join(out, kind)]);
        const started = performance.now();
        const reports: string[] = [];
        const result = await gradeSubmission(grader, submission, (r) => {
          reports.push(
            JSON.stringify(r),
            toJUnit(r.lessons, r.student),
            JSON.stringify(toResultsJson(r.lessons)),
            toGradebookCsv([r]),
            toClassSummary([r]),
          );
          return Promise.resolve();
        });
        const earned = result.lessons.flatMap((l) =>
          l.exercises.flatMap((e) => e.tests.filter((t) => t.earned > 0).map((t) => t.name))
        );
        console.log(`${kind}: graded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        assert.deepEqual(earned, [], `${kind} earned points`);
        // Not refused before running: each fake's code ran, and lost on its merits.
        const refused = result.lessons.flatMap((l) => l.exercises)
          .filter((e) => /refused|not attempted/.test(e.problem ?? ""));
        assert.deepEqual(refused.map((e) => e.file), [], `${kind}: files refused`);
        assert.deepEqual(
          result.lessons.map((l) => l.lesson.slug),
          slugs,
          `${kind}: a lesson went ungraded`,
        );
        // A forged "next file loads" line moves the blame for a hang to another file; after two
        // such kills each file runs alone (run.ts), so the blame stops moving.
        const timedOut = result.lessons.flatMap((l) => l.exercises)
          .filter((e) => e.tests.some((t) => t.status === "timeout"));
        assert.ok(timedOut.length <= 3, `${kind}: ${timedOut.length} files timed out`);
        const text = reports.join("\n");
        assert.ok(text.length < 4 << 20, `${kind}: ${text.length} characters of reports`);
        assert.ok(!text.includes(FAKE_TEXT), `${kind}: its text reached a report`);
        assert.ok(!text.includes("graded({"), `${kind}: test-file text reached a report`);
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
