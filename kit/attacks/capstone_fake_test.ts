import assert from "node:assert/strict";
import { join } from "node:path";
import { KIT_ROOT } from "../content/sync.ts";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { cacheModules } from "../lib/process.ts";
import { scoreLesson } from "../grading/score.ts";
import { stageWorkspace } from "../grading/stage.ts";
import { CAPSTONE_FAKE_SOURCE } from "./capstone_fake.ts";
import { ADAM_HALVING } from "../content/11-capstone/designs.ts";

/** Scores lesson 11 with `files` written over the reference's in `exercises/11-capstone/`. */
async function scoreWith(files: Record<string, string>) {
  await cacheModules(KIT_ROOT);
  const lesson = (await listLessons(KIT_ROOT)).find((l) => l.slug === "11-capstone");
  assert.ok(lesson, "lesson 11 is listed");
  const stage = await stageWorkspace({
    kitRoot: KIT_ROOT,
    implementationRoot: join(KIT_ROOT, "solutions"),
    lessons: [lesson],
  });
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(stage.root, "exercises", lesson.slug, name), text);
    }
    const manifest = await loadManifest(KIT_ROOT);
    return await scoreLesson(lesson, { workspace: stage.root, manifest });
  } finally {
    await stage.dispose();
  }
}

Deno.test({
  name: "capstone control: another valid design (Adam, successive halving) gets full marks",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const reference = await Deno.readTextFile(join(KIT_ROOT, "solutions/11-capstone/campaign.ts"));
  const result = await scoreWith({
    "reference_campaign.ts": reference,
    "campaign.ts": [
      `import { runCampaign as reference } from "./reference_campaign.ts";`,
      `export const DESIGN = ${JSON.stringify(ADAM_HALVING)};`,
      "// deno-lint-ignore no-explicit-any",
      "export const runCampaign = (lab: any, plan: any, design: any = DESIGN, stats?: any) =>",
      "  reference(lab, plan, design, stats);",
      "",
    ].join("\n"),
  });
  const campaign = result.exercises.find((e) => e.file === "campaign.ts");
  assert.ok(campaign && campaign.tests.length === 7, "the campaign's seven rules ran");
  for (const test of campaign.tests) {
    assert.equal(test.status, "pass", `${test.name}: ${test.message}`);
  }
});

Deno.test({
  name: "capstone fake: a campaign that edits the lab's record and peeks at the test rows scores 0",
  sanitizeResources: false,
  sanitizeOps: false,
}, async () => {
  const result = await scoreWith({ "campaign.ts": CAPSTONE_FAKE_SOURCE });
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
});
