import assert from "node:assert/strict";
import { dataUrl, loadDataset, parseDataset } from "./csv.ts";

const fixture = (name: string) => new URL(`./testdata/${name}`, import.meta.url);

/** Asserts that `fn` rejects with a message naming `file:line` and containing `text`. */
async function rejectsWith(fn: () => unknown, fileLine: string, text: string): Promise<void> {
  await assert.rejects(async () => await fn(), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`${fileLine.replace(/[.]/g, "\\.")}:`));
    assert.ok(error.message.includes(text), `message "${error.message}" lacks "${text}"`);
    return true;
  });
}

Deno.test("parseDataset: a small well-formed file", () => {
  const d = parseDataset("x,y,label\n1.5,-2,1\n3,4e2,0\n\n", "t.csv");
  assert.deepEqual(d.columns, ["x", "y"]);
  assert.equal(d.rows, 2);
  assert.equal(d.cols, 2);
  assert.deepEqual(Array.from(d.features), [1.5, -2, 3, 400]);
  assert.deepEqual(Array.from(d.labels), [1, 0]);
  assert.equal(d.classCount, 2);
});

Deno.test("parseDataset: quoted cells and CRLF line ends", () => {
  const d = parseDataset('"x","label"\r\n"7",2\r\n', "q.csv");
  assert.deepEqual(Array.from(d.features), [7]);
  assert.equal(d.classCount, 3);
});

Deno.test("loadDataset: malformed fixtures name the file and the line", async () => {
  await rejectsWith(() => loadDataset(fixture("wrong_count.csv")), "wrong_count.csv:3", "3 cells");
  await rejectsWith(() => loadDataset(fixture("non_numeric.csv")), "non_numeric.csv:3", '"x"');
  await rejectsWith(
    () => loadDataset(fixture("missing_label.csv")),
    "missing_label.csv:3",
    "label",
  );
  await rejectsWith(
    () => loadDataset(fixture("fractional_label.csv")),
    "fractional_label.csv:2",
    '"0.5"',
  );
  await rejectsWith(() => loadDataset(fixture("empty.csv")), "empty.csv:1", "empty file");
});

Deno.test("parseDataset: other malformed inputs", async () => {
  await rejectsWith(() => parseDataset("a,b,c\n1,2,3\n", "h.csv"), "h.csv:1", '"label"');
  await rejectsWith(() => parseDataset("a,label\n", "n.csv"), "n.csv:2", "no data rows");
  await rejectsWith(() => parseDataset("a,label\n1,-1\n", "neg.csv"), "neg.csv:2", "label");
  await rejectsWith(() => parseDataset("a,label\n,1\n", "e.csv"), "e.csv:2", 'column "a"');
  await rejectsWith(() => parseDataset("a,label\n1,0\n2,1,3\n", "l.csv"), "l.csv:3", "found 3");
  await rejectsWith(() => parseDataset('a,label\n"1,0\n', "u.csv"), "u.csv", "not valid CSV");
});

Deno.test("loadDataset: the course's datasets", async () => {
  const expected = {
    "iris.csv": [150, 4, 3],
    "wine.csv": [178, 13, 3],
    "breast_cancer.csv": [569, 30, 2],
    "digits.csv": [1797, 64, 10],
  };
  for (const [name, [rows, cols, classes]] of Object.entries(expected)) {
    const d = await loadDataset(dataUrl(name));
    assert.deepEqual([d.rows, d.cols, d.classCount], [rows, cols, classes], name);
    assert.equal(d.features.length, rows * cols);
    assert.equal(d.columns.length, cols);
  }
});
