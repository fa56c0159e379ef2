import assert from "node:assert/strict";
import { watchProgress } from "./watch.ts";
import { MAX_CONTROL_LINE, parseProgressLine, readProgressLines } from "./run.ts";

const rules = {
  files: ["a_test.ts", "b_test.ts"],
  testsOf: (file: string) => new Set(file === "a_test.ts" ? ["a [1 pt]"] : ["b [2 pts]"]),
  loadLimitMs: 5_000,
};

Deno.test("watch: an input line counts only while a declared test runs", () => {
  const watch = watchProgress(rules);
  assert.ok(!watch.accept({ kind: "case", input: "forged", at: 0 }));
  watch.accept({ kind: "load", file: "a_test.ts", at: 0 });
  watch.accept({ kind: "load", file: "b_test.ts", at: 1 });
  watch.accept({ kind: "loaded", at: 2 });
  assert.ok(!watch.accept({ kind: "case", input: "before any test", at: 3 }));
  assert.ok(watch.accept({ kind: "test", file: "a_test.ts", name: "a [1 pt]", at: 4 }));
  assert.ok(watch.accept({ kind: "case", input: "f(1)", at: 5 }));
});

Deno.test("watch: a reference run's lines are forged anywhere else, and unknown kinds never count", () => {
  const graded = watchProgress(rules);
  assert.ok(!graded.accept({ kind: "reference", data: { name: "a [1 pt]" }, at: 0 }));
  assert.ok(!graded.accept({ kind: "cases", data: { file: "x.json" }, at: 0 }));
  assert.ok(!graded.accept({ kind: "anything", at: 0 }));
  const reference = watchProgress({ ...rules, trusted: true });
  assert.ok(reference.accept({ kind: "reference", data: { name: "a [1 pt]" }, at: 0 }));
});

Deno.test("watch: answers, time-outs and plots must name a declared test of a file of the run", () => {
  const watch = watchProgress(rules);
  for (const kind of ["observed", "timeout", "plot"]) {
    assert.ok(watch.accept({ kind, file: "b_test.ts", name: "b [2 pts]", at: 0 }), kind);
    assert.ok(!watch.accept({ kind, file: "a_test.ts", name: "b [2 pts]", at: 0 }), kind);
    assert.ok(!watch.accept({ kind, file: "c_test.ts", name: "c", at: 0 }), kind);
  }
});

Deno.test("progress lines: control lines over the cap are not parsed in a graded run; answers may be longer", () => {
  const long = "x".repeat(MAX_CONTROL_LINE);
  for (const kind of ["test", "load", "case", "timeout", "plot", "reference"]) {
    assert.equal(parseProgressLine(`${kind} {"file":"a_test.ts","input":"${long}"}`, 0), undefined);
  }
  const answers = parseProgressLine(`observed {"name":"a [1 pt]","hint":"${long}"}`, 0);
  assert.equal(answers?.kind, "observed");
  // A reference run is the teacher's: its long lines (whole arrays of expected values) count.
  assert.equal(
    parseProgressLine(`reference {"name":"a","cases":["${long}"]}`, 0, true)?.kind,
    "reference",
  );
  // A forged limit is never read from a graded run.
  assert.equal(parseProgressLine('test {"name":"a","timeoutMs":1e9}', 0)?.timeoutMs, undefined);
});

Deno.test("progress lines: a line over the limit is dropped whole, and the lines after it still count", async () => {
  // 32 MiB without a line break, in 64 KiB chunks, then two lines. Keeping the last 16 MiB of
  // such a line (as a cut) copied 16 MiB for every chunk: seconds of the grader's one thread
  // for every such line, and every watchdog with it.
  const chunk = new TextEncoder().encode("x".repeat(64 << 10));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 512; i++) controller.enqueue(chunk);
      controller.enqueue(new TextEncoder().encode("\n\u0001kit:end {}\nlast"));
      controller.close();
    },
  });
  const lines: string[] = [];
  const tail = await readProgressLines(stream, (line) => lines.push(line), 16 << 20);
  assert.deepEqual(lines, ["\u0001kit:end {}", "last"]);
  assert.ok(tail.length <= 48 * 1024 && tail.endsWith("last"));
});
