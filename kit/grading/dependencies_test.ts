import { strict as assert } from "node:assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyTree, stageWorkspace } from "./stage.ts";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { scoreLesson } from "./score.ts";
import { dependencyNotes, dependencyNotesIn, siblingImports } from "./dependencies.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("siblingImports: value imports of ./ files only, aliases resolved, comments ignored", () => {
  const source = [
    '// import { old } from "./gone.ts";',
    'import { type HalvingPlan, halvingPlan as plan } from "./halving_plan.ts";',
    'import type { Config } from "./grid.ts";',
    'import { floorLog } from "./halving_plan.ts";',
    'import { seededRandom } from "../../kit/lib/random.ts";',
  ].join("\n");
  assert.deepEqual(siblingImports(source), [
    { file: "halving_plan.ts", names: ["halvingPlan"] },
    { file: "halving_plan.ts", names: ["floorLog"] },
  ]);
});

Deno.test("dependencyNotes: a note only where a used file fails its own tests", () => {
  const exercise = (file: string, score: number) => ({
    file,
    testFile: file.replace(".ts", "_test.ts"),
    tests: [],
    score,
    maxScore: 6,
    warnings: [],
    durationMs: 1,
  });
  const result = {
    lesson: { id: "lesson-07", slug: "07-x", title: "x", testFiles: [] },
    exercises: [exercise("distributions.ts", 3), exercise("random_search.ts", 6)],
    score: 9,
    maxScore: 12,
    durationMs: 1,
  };
  // deno-lint-ignore no-explicit-any
  const notes = dependencyNotes(result as any, {
    "random_search.ts": [{ file: "distributions.ts", names: ["sample"] }],
    "distributions.ts": [],
  });
  assert.deepEqual(Object.keys(notes), ["random_search.ts"]);
  assert.match(
    notes["random_search.ts"][0],
    /^uses your sample \(distributions\.ts\), which fails its own tests: fix that first/,
  );
});

/** The learner's mistakes of issue 23, each planted in a solved copy of its lesson. */
const PLANTED: {
  lesson: string;
  file: string;
  from: string;
  to: string;
  dependents: Record<string, string[]>;
}[] = [
  {
    lesson: "06-validation",
    file: "kfold.ts",
    // The longer blocks at the end instead of the start.
    from: "(i < longer ? 1 : 0)",
    to: "(i >= k - longer ? 1 : 0)",
    dependents: { "cross_validate.ts": [] },
  },
  {
    lesson: "07-grid-and-random-search",
    file: "distributions.ts",
    // A base-10 logarithm where the exponential undoes a natural one.
    from: "return Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * random());",
    to: "return Math.exp(Math.log10(low) + (Math.log(high) - Math.log(low)) * random());",
    dependents: {
      "random_search.ts": ["sample (distributions.ts)"],
      "quasi_random.ts": ["sample (distributions.ts)"],
    },
  },
  {
    lesson: "08-beyond-grid-and-random",
    file: "halving_plan.ts",
    // The float logarithm lesson 08 warns about.
    from: "let k = 0;\n  for (let power = base; power <= x; power *= base) k++;\n  return k;",
    to: "return Math.floor(Math.log(x) / Math.log(base));",
    dependents: {
      "successive_halving.ts": ["halvingPlan (halving_plan.ts)"],
      "sklearn_schedule.ts": ["floorLog (halving_plan.ts)"],
    },
  },
];

Deno.test({
  name: "one mistake, one place: a planted dependency bug costs points only in its own exercise, " +
    "and the dependent's note names it",
  // Three lessons' graded tests, each once.
  timeout: 300_000,
  fn: async () => {
    const lessons = await listLessons(KIT_ROOT);
    const manifest = await loadManifest(KIT_ROOT);
    for (const plant of PLANTED) {
      const lesson = lessons.find((l) => l.slug === plant.lesson)!;
      const solved = await Deno.makeTempDir({ prefix: "planted-" });
      try {
        await copyTree(join(KIT_ROOT, "solutions"), solved);
        const path = join(solved, plant.lesson, plant.file);
        const source = await Deno.readTextFile(path);
        assert.ok(source.includes(plant.from), `${plant.file}: the planted line is not there`);
        await Deno.writeTextFile(path, source.replace(plant.from, plant.to));
        const stage = await stageWorkspace({
          kitRoot: KIT_ROOT,
          implementationRoot: solved,
          lessons: [lesson],
          linkKit: true,
        });
        try {
          const result = await scoreLesson(lesson, { workspace: stage.root, manifest });
          const notes = await dependencyNotesIn(stage.root, result);
          for (const exercise of result.exercises) {
            const where = `${plant.lesson}, ${plant.file} broken: ${exercise.file}`;
            if (exercise.file === plant.file) {
              assert.ok(exercise.score < exercise.maxScore, `${where} should lose points`);
            } else {
              assert.equal(exercise.score, exercise.maxScore, `${where} lost points`);
            }
            const named = plant.dependents[exercise.file] ?? [];
            const shown = notes[exercise.file] ?? [];
            assert.equal(shown.length, named.length, `${where}: notes ${JSON.stringify(shown)}`);
            named.forEach((name, i) => assert.ok(shown[i].includes(`uses your ${name}`), where));
          }
        } finally {
          await stage.dispose();
        }
      } finally {
        await Deno.remove(solved, { recursive: true });
      }
    }
  },
});
