import { strict as assert } from "node:assert";
import { fileURLToPath } from "node:url";
import {
  checkOutline,
  type KitLayout,
  lessonHeading,
  loadOutline,
  parseOutline,
} from "./outline.ts";
import { listLessons, readKitLayout } from "./lessons.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const lesson = (slug: string, exercises: string[] = [], prerequisites: number[] = []) => ({
  slug,
  title: slug.slice(3).toUpperCase(),
  prerequisites,
  exercises,
});

Deno.test("parseOutline refuses malformed lessons, naming the entry and field", () => {
  const refuses = (data: unknown, message: RegExp) =>
    assert.throws(() => parseOutline(data, "o.json"), message);
  refuses({}, /o\.json: must be a list/);
  refuses([lesson("1-a")], /o\.json\[0\]\.slug: must be "NN-words"/);
  refuses([lesson("01-A")], /o\.json\[0\]\.slug/);
  refuses(
    [lesson("02-b"), lesson("01-a")],
    /o\.json\[1\]\.slug: lesson numbers start at 01 and increase/,
  );
  refuses([lesson("00-a")], /o\.json\[0\]\.slug: lesson numbers start at 01/);
  refuses([{ ...lesson("01-a"), title: " " }], /o\.json\[0\]\.title/);
  refuses(
    [lesson("01-a", [], [2]), lesson("02-b")],
    /o\.json\[0\]\.prerequisites: must list numbers of earlier lessons/,
  );
  refuses([lesson("01-a", ["a_test.ts"])], /o\.json\[0\]\.exercises: must list file names/);
  refuses([lesson("01-a", ["a.ts", "a.ts"])], /o\.json\[0\]\.exercises: a\.ts is listed twice/);
  refuses([{ ...lesson("01-a"), topic: "x" }], /o\.json\[0\]: unknown field\(s\) topic/);
  assert.deepEqual(
    parseOutline([lesson("01-a"), lesson("03-c", ["x.ts"], [1])], "o.json").map((l) => l.number),
    [1, 3],
  );
});

Deno.test("checkOutline reports folders, headings and exercises that disagree with the outline", () => {
  const outline = parseOutline(
    [lesson("01-a", ["x.ts", "y.ts"]), lesson("02-b", [], [1]), lesson("03-c", ["z.ts"])],
    "o.json",
  );
  const layout: KitLayout = {
    folders: {
      exercises: ["01-a", "02-b"],
      lessons: ["01-a", "02-b", "04-d"],
      solutions: ["01-a"],
      "kit/content": ["01-a.ts", "05-e.ts", "06-f"],
    },
    headings: { "01-a": "# Lesson 01 · a" },
    tested: { "01-a": ["x.ts"], "02-b": [] },
    solved: { "01-a": ["given.ts", "x.ts"] },
  };
  assert.deepEqual(checkOutline(outline, layout), [
    "lessons/04-d/ is not a lesson of kit/outline.json (its slugs: 01-a, 02-b, 03-c): rename the folder or add the lesson",
    "kit/content/05-e.ts is not a lesson of kit/outline.json (its slugs: 01-a, 02-b, 03-c): rename the file or add the lesson",
    "kit/content/06-f/ is not a lesson of kit/outline.json (its slugs: 01-a, 02-b, 03-c): rename the folder or add the lesson",
    'lessons/01-a/README.md starts with "# Lesson 01 · a", but kit/outline.json says "# Lesson 01 · A"',
    "the graded tests exercises/01-a/*_test.ts hold x.ts, but kit/outline.json lists x.ts, y.ts for 01-a",
    "solutions/01-a/ has no y.ts, listed in kit/outline.json",
    'lessons/02-b/README.md is missing: it starts with "# Lesson 02 · B"',
    "kit/outline.json: 03-c lists exercises but exercises/03-c/ does not exist",
  ]);
});

Deno.test("the kit agrees with its outline, and lists its lessons in outline order", async () => {
  const outline = await loadOutline(KIT_ROOT);
  assert.deepEqual(checkOutline(outline, await readKitLayout(KIT_ROOT)), []);
  const lessons = await listLessons(KIT_ROOT);
  for (const l of lessons) {
    const entry = outline.find((o) => o.slug === l.slug)!;
    assert.equal(l.title, entry.title);
    assert.equal(lessonHeading(l), lessonHeading(entry));
  }
  assert.deepEqual(
    lessons.map((l) => l.number),
    outline.filter((o) => o.exercises.length).map((o) => o.number),
  );
});
