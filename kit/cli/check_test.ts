import { strict as assert } from "node:assert";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyTree } from "../grading/stage.ts";
import { main } from "./check.ts";

const MINIKIT = fileURLToPath(new URL("../grading/testdata/minikit/", import.meta.url));

/** A scratch copy of the fixture kit whose demo exercises hold `files`. */
async function scratchKit(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "check-test-" });
  await copyTree(MINIKIT, root);
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(join(root, "exercises", "01-demo", name), text);
  }
  return root;
}

/** Runs the check command, returning its exit code and everything it printed. */
async function check(args: string[], kitRoot: string): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  console.error = console.log;
  try {
    const code = await main(args, kitRoot);
    return { code, out: lines.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

Deno.test("check: one exercise solved, one a stub, one a syntax error", async () => {
  const root = await scratchKit({
    "square.ts": "export function square(x: number): number {\n  return x * x;\n}\n",
    "cube.ts": "export function cube(x: number): number {\n  return x * x *;\n}\n",
  });
  try {
    const { code, out } = await check(["lesson-01"], root);
    assert.equal(code, 1);
    assert.match(out, /✓ square\.ts\s+3\/3 pts/);
    assert.match(out, /✗ half\.ts\s+0\/1 pt/);
    assert.match(out, /got:\s+it threw Error: TODO: implement half/);
    assert.match(out, /hint:\s+Divide by two\./);
    assert.match(out, /✗ cube\.ts\s+0\/2 pts/);
    assert.match(out, /syntax error in .*cube\.ts:2:\d+: .*\n.*2 \| {3}return x \* x \*;/);
    assert.doesNotMatch(out, /TypeError: SyntaxError/);
    assert.match(out.split("\n").at(-1)!, /^lesson-01: 3\/6 points$/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: an endless loop times out and the other exercises are still graded", async () => {
  const root = await scratchKit({
    "cube.ts": "export function cube(x: number): number {\n  while (true) {}\n}\n",
    "half.ts": "while (true) {}\nexport const half = (x: number) => x / 2;\n",
    "square.ts": "export function square(x: number): number {\n  return x * x;\n}\n",
  });
  try {
    const started = performance.now();
    const { code, out } = await check(["1", "--timeout", "5"], root);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(code, 1);
    assert.match(
      out,
      /cube: small integers \[2 pts\]\n\s+timed out after 2 s \(an endless loop\?\)\n\s+input:\s+cube\(\[/,
    );
    assert.match(out, /✗ half\.ts[^\n]*\n\s+timed out: loading it did not finish within 1\.\d s/);
    assert.match(out, /lesson-01: 3\/6 points$/);
    assert.ok(seconds < 5 + 2, `took ${seconds} s`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: --solutions passes, the stubs score 0 and name each exercise", async () => {
  const root = await scratchKit({});
  try {
    const solved = await check(["01", "--solutions"], root);
    assert.equal(solved.code, 0, solved.out);
    assert.match(solved.out, /lesson-01: 6\/6 points/);
    const stubs = await check(["01-demo"], root);
    assert.equal(stubs.code, 1);
    for (const file of ["cube.ts", "half.ts", "square.ts"]) {
      assert.match(stubs.out, new RegExp(`✗ ${file.replace(".", "\\.")}\\s+0/`));
    }
    assert.match(stubs.out, /lesson-01: 0\/6 points$/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: an unknown lesson is one line that lists the lessons", async () => {
  const { code, out } = await check(["lesson-99"], MINIKIT);
  assert.equal(code, 2);
  assert.equal(out, 'check: unknown lesson "lesson-99". The lessons are: lesson-01 (01-demo)');
});

Deno.test("check: no lesson prints the progress table and the total", async () => {
  const { code, out } = await check([], MINIKIT);
  assert.equal(code, 1);
  assert.match(out, /lesson-01\s+A demo lesson\s+0\/6\s+0 of 3 exercises done/);
  assert.match(out, /total: 0\/6 points$/);
});

Deno.test("check: --junit and --json write reports from the runtime's results", async () => {
  const root = await scratchKit({
    "square.ts": "export function square(x: number): number {\n  return x * x;\n}\n",
  });
  try {
    const junit = join(root, "out", "report.xml");
    const json = join(root, "out", "results.json");
    await check(["1", "--junit", junit, "--json", json], root);
    const xml = await Deno.readTextFile(junit);
    assert.match(
      xml,
      /<testcase name="square: small integers \[2 pts\]" classname="01-demo.square.ts"\/>/,
    );
    assert.match(xml, /<failure type="fail" message="input: {4}half\(4\)">/);
    const results = JSON.parse(await Deno.readTextFile(json));
    assert.equal(results.version, 3);
    assert.equal(results.status, "fail");
    assert.equal(results.score, 3);
    assert.equal(results.max_score, 6);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: --show-output shows what the learner's code printed, under its exercise", async () => {
  const root = await scratchKit({
    "square.ts":
      'export function square(x: number): number {\n  console.log("squaring", x);\n  return x * x;\n}\n',
  });
  try {
    const { out } = await check(["1", "--show-output"], root);
    assert.match(
      out,
      /✓ square\.ts[^\n]*\n\s+── what square\.ts and its tests printed ──\n\s+│ ── square[^\n]*\[\d+ pts?\] ──\n\s+│ squaring \d/,
    );
    // Each test's lines under its own label: more than one test of square.ts printed.
    assert.ok((out.match(/│ ── square/g) ?? []).length > 1, out);
    assert.match(out, /\(half\.ts printed nothing\)/);
    const { out: quiet } = await check(["1"], root);
    assert.doesNotMatch(quiet, /squaring/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: one exercise file by its path; a solved one exits 0", async () => {
  const root = await scratchKit({
    "square.ts": "export function square(x: number): number {\n  return x * x;\n}\n",
  });
  try {
    const solved = await check([join(root, "exercises", "01-demo", "square.ts")], root);
    assert.equal(solved.code, 0, solved.out);
    assert.match(solved.out, /lesson-01: 3\/3 points$/);
    assert.doesNotMatch(solved.out, /half\.ts/);
    const open = await check([join(root, "exercises", "01-demo", "half_test.ts")], root);
    assert.equal(open.code, 1);
    assert.match(open.out, /lesson-01: 0\/1 points$/);
    const none = await check([join(root, "exercises", "01-demo", "nothing.ts")], root);
    assert.equal(none.code, 2);
    assert.match(
      none.out,
      /nothing\.ts has no graded tests; the graded exercises of lesson-01 are cube\.ts, half\.ts, square\.ts/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: option typos get a suggestion, coming lessons are named as coming", async () => {
  const typo = await check(["1", "--solution"], MINIKIT);
  assert.equal(typo.code, 2);
  assert.match(typo.out, /^check: unknown option --solution\. Did you mean --solutions\?/);
  const root = await scratchKit({});
  try {
    await Deno.writeTextFile(
      join(root, "README.md"),
      "| lesson | topic | points |\n| --- | --- | --- |\n| lesson-02 | Second steps | coming | |\n",
    );
    const coming = await check(["lesson-02"], root);
    assert.equal(coming.code, 2);
    assert.match(coming.out, /lesson-02 \(Second steps\) is coming/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: a failing array answer shows a plot of the learner's values", async () => {
  const root = await scratchKit({
    "cube.ts":
      "export function cube(xs: readonly number[]): number[] {\n  return xs.map((x) => x * x);\n}\n",
  });
  try {
    const { out } = await check(["1"], root);
    assert.match(out, /· expected {3}x yours {3}● both/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: --watch never shows a result older than the last save", async () => {
  const root = await scratchKit({});
  const cube = join(root, "exercises", "01-demo", "cube.ts");
  const lines: string[] = [];
  const log = console.log, clear = console.clear;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  console.clear = () => lines.push("<clear>");
  const stop = new AbortController();
  let watching: Promise<number> | undefined;
  try {
    watching = main(["1", "--watch"], root, stop.signal);
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 20_000;
      while (!lines.some((line) => pattern.test(line))) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${lines.join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor(/lesson-01: 0\/6 points/);
    // A save that makes the tests loop (each would take its 2 s limit), then, during that run,
    // the fix: the looping run is cancelled, and only the fixed file's result appears.
    lines.length = 0;
    await Deno.writeTextFile(
      cube,
      "export function cube(xs: number[]): number[] {\n  while (true) {}\n}\n",
    );
    await waitFor(/^running…$/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Deno.writeTextFile(
      cube,
      "export function cube(xs: readonly number[]): number[] {\n  return xs.map((x) => x * x * x);\n}\n",
    );
    await waitFor(/lesson-01: 2\/6 points/);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const text = lines.join("\n");
    assert.doesNotMatch(text, /timed out/, text);
    const last = lines.findLast((line) => /lesson-01: /.test(line));
    assert.match(last ?? "", /lesson-01: 2\/6 points$/);
  } finally {
    stop.abort();
    await watching;
    console.log = log;
    console.clear = clear;
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("check: Ctrl-C names the running test and its input, and exits 130", async () => {
  const root = await scratchKit({
    "cube.ts": "export function cube(xs: number[]): number[] {\n  while (true) {}\n}\n",
  });
  // A 30-second limit for the looping test, so that Ctrl-C surely comes while it runs.
  const testFile = join(root, "exercises", "01-demo", "cube_test.ts");
  await Deno.writeTextFile(
    testFile,
    (await Deno.readTextFile(testFile)).replace("timeoutMs: 2000", "timeoutMs: 30_000"),
  );
  try {
    // The check, in its own process (Ctrl-C goes to a process), on the scratch kit.
    const script = join(root, "run_check.ts");
    await Deno.writeTextFile(
      script,
      `import { main } from ${JSON.stringify(new URL("./check.ts", import.meta.url).href)};\n` +
        `Deno.exit(await main(["1"], ${JSON.stringify(root)}));\n`,
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-check", script],
      cwd: root,
      env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill("SIGINT");
    const output = await child.output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 130, stderr);
    assert.match(
      stderr,
      /interrupted while .*cube\.ts › "cube: small integers \[2 pts\]" had been running for \d/,
    );
    assert.match(stderr, /on input cube\(\[0, 2, -3\]\)/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
