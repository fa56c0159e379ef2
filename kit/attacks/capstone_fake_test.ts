import assert from "node:assert/strict";
import { join } from "node:path";
import { KIT_ROOT } from "../content/sync.ts";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { cacheModules } from "../lib/process.ts";
import { scoreLesson } from "../grading/score.ts";
import { stageWorkspace } from "../grading/stage.ts";
import { CAPSTONE_FAKE_SOURCE } from "./capstone_fake.ts";

Deno.test({
  name: "capstone fake: a campaign that edits the lab's record and peeks at the test rows scores 0",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  await cacheModules(KIT_ROOT);
  const lesson = (await listLessons(KIT_ROOT)).find((l) => l.slug === "11-capstone");
  assert.ok(lesson, "lesson 11 is listed");
  const stage = await stageWorkspace({
    kitRoot: KIT_ROOT,
    implementationRoot: join(KIT_ROOT, "solutions"),
    lessons: [lesson],
  });
  try {
    await Deno.writeTextFile(
      join(stage.root, "exercises", lesson.slug, "campaign.ts"),
      CAPSTONE_FAKE_SOURCE,
    );
    const manifest = await loadManifest(KIT_ROOT);
    const result = await scoreLesson(lesson, { workspace: stage.root, manifest });
    const campaign = result.exercises.find((e) => e.file === "campaign.ts");
    assert.ok(campaign && campaign.tests.length === 7, "the campaign's seven rules ran");
    for (const test of campaign.tests) {
      assert.equal(test.earned, 0, `${test.name} gave the fake ${test.earned} points`);
      // Failed on its rules, not refused at load time.
      assert.equal(test.status, "fail", `${test.name}: ${test.status} ${test.message}`);
      assert.match(test.message ?? "", /what broke the .* rule/, `${test.name}: ${test.message}`);
    }
    // The interval file is the reference's: the fake costs only the campaign's points.
    const interval = result.exercises.find((e) => e.file === "interval.ts");
    assert.ok(interval && interval.tests.every((t) => t.status === "pass"));
  } finally {
    await stage.dispose();
  }
});
