import { strict as assert } from "node:assert";
import { addToOutline, EXERCISE_FILE, parseNewLesson, scaffoldFiles } from "./scaffold.ts";
import { parseOutline } from "../course/outline.ts";
import { makeStub } from "./stubs.ts";
import { formatWithDeno, KIT_ROOT } from "./sync.ts";

Deno.test("parseNewLesson refuses bad numbers and slugs, naming them", () => {
  assert.deepEqual(parseNewLesson("lesson-7", "07-grid-search", "Grids"), {
    number: 7,
    slug: "07-grid-search",
    title: "Grids",
  });
  for (const number of ["0", "100", "x", ""]) {
    assert.throws(() => parseNewLesson(number, "ok"), new RegExp(`got "${number}"`));
  }
  for (const slug of ["Bad", "bad_slug", "-x", "x-", "08-x-", ""]) {
    assert.throws(() => parseNewLesson("8", slug), /the slug must be lower-case words/);
  }
});

Deno.test("addToOutline fills a coming lesson, inserts a new one in order, refuses conflicts", () => {
  const outline = parseOutline([
    { slug: "01-a", title: "A", prerequisites: [], exercises: ["a.ts"] },
    { slug: "03-c", title: "Coming", prerequisites: [1], exercises: [] },
  ], "o.json");
  const filled = addToOutline(outline, { number: 3, slug: "03-c", title: "C" }, false);
  assert.deepEqual(filled[1], {
    slug: "03-c",
    title: "Coming",
    prerequisites: [1],
    exercises: [EXERCISE_FILE],
  });
  assert.equal(addToOutline(outline, { number: 3, slug: "03-c", title: "C" }, true)[1].title, "C");
  const inserted = addToOutline(outline, { number: 2, slug: "02-b", title: "B" }, false);
  assert.deepEqual(inserted.map((l) => l.slug), ["01-a", "02-b", "03-c"]);
  assert.doesNotThrow(() => parseOutline(inserted, "o.json"));
  assert.throws(
    () => addToOutline(outline, { number: 3, slug: "03-d", title: "D" }, false),
    /lesson-03 is already 03-c/,
  );
  assert.throws(
    () => addToOutline(outline, { number: 1, slug: "01-a", title: "A" }, false),
    /01-a already has exercises/,
  );
});

Deno.test("a scaffolded lesson is fmt-clean as written and its solution makes a stub", async () => {
  const files = scaffoldFiles({ number: 10, slug: "10-scratch-lesson", title: "Scratch lesson" });
  for (const file of files) {
    const ext = file.path.endsWith(".md") ? "md" : "ts";
    assert.equal(await formatWithDeno(file.text, ext, KIT_ROOT), file.text, file.path);
  }
  const solution = files.find((f) => f.path.startsWith("solutions/"))!;
  assert.match(
    makeStub(solution.text, solution.path),
    /\n {2}throw new Error\("TODO: scale \(lesson 10, 'First idea'\)"\);\n/,
  );
});
