import { strict as assert } from "node:assert";
import { fillRegions, fillValues, formatCases } from "./sync.ts";
import { courseMap } from "./course.ts";

Deno.test("formatCases keeps number lists on one line and refuses what JSON cannot hold", () => {
  assert.equal(
    formatCases({ a: [1, 2], b: { c: "x" } }),
    '{\n  "a": [1, 2],\n  "b": {\n    "c": "x"\n  }\n}\n',
  );
  assert.throws(() => formatCases({ a: [1, NaN] }), /cases\.a\[1\] is NaN/);
  assert.throws(() => formatCases({ a: { b: Infinity } }), /cases\.a\.b is Infinity/);
});

Deno.test("fillRegions replaces each region and insists every block has one", () => {
  const md =
    "# T\n<!-- generated:one -->\nold\n<!-- /generated:one -->\ntext\n<!-- generated:two -->\n<!-- /generated:two -->\n";
  const filled = fillRegions(md, { one: () => "1", two: () => "2\n" }, "x.md");
  assert.equal(
    filled,
    "# T\n<!-- generated:one -->\n1\n<!-- /generated:one -->\ntext\n<!-- generated:two -->\n2\n<!-- /generated:two -->\n",
  );
  assert.throws(() => fillRegions(md, { one: () => "1" }, "x.md"), /region "two" has no block/);
  assert.throws(
    () => fillRegions(md, { one: () => "", two: () => "", three: () => "" }, "x.md"),
    /no region for block\(s\) three/,
  );
});

Deno.test("courseMap lists built lessons with points and marks the rest as coming", () => {
  const outline = [
    { number: 1, slug: "01-a", title: "Alpha", prerequisites: [], exercises: ["b.ts", "a.ts"] },
    { number: 2, slug: "02-b", title: "Beta", prerequisites: [1], exercises: [] },
  ];
  const table = courseMap(
    outline,
    [{
      number: 1,
      slug: "01-a",
      id: "lesson-01",
      title: "Alpha",
      testFiles: ["a_test.ts", "b_test.ts"],
    }],
    {
      "01-a": {
        "a_test.ts": [{ name: "a [3 pts]", points: 3 }],
        "b_test.ts": [{ name: "b [1 pt]", points: 1 }],
      },
    },
  );
  assert.equal(
    table.split("\n").slice(2).join("\n"),
    [
      "| [lesson-01](lessons/01-a/README.md) | Alpha | — | [b.ts](exercises/01-a/b.ts), [a.ts](exercises/01-a/a.ts) | 4 |",
      "| lesson-02 | Beta | lesson-01 | coming | |",
      "| | **total** | | | **4** |",
    ].join("\n"),
  );
});

Deno.test("fillValues replaces each inline value and insists every value has a place", () => {
  const md = "at <!-- value:a -->?<!-- /value --> and <!-- value:b -->old<!-- /value -->, again " +
    "<!-- value:a --><!-- /value -->.";
  assert.equal(
    fillValues(md, { a: () => "19", b: () => "6.25e-5" }, "x.md"),
    "at <!-- value:a -->19<!-- /value --> and <!-- value:b -->6.25e-5<!-- /value -->, again " +
      "<!-- value:a -->19<!-- /value -->.",
  );
  assert.throws(() => fillValues(md, { a: () => "1" }, "x.md"), /value "b" has no entry/);
  assert.throws(
    () => fillValues(md, { a: () => "", b: () => "", c: () => "" }, "x.md"),
    /no place for value\(s\) c/,
  );
  assert.throws(() => fillValues(md, { a: () => "1\n2", b: () => "" }, "x.md"), /spans lines/);
});
