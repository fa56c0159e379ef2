import { strict as assert } from "node:assert";
import { makeStub, STUB_LINT_HEADER } from "./stubs.ts";

const lines = (...text: string[]) => text.join("\n");

Deno.test("makeStub copies a file without markers as it is", () => {
  const source = lines("// deno-lint-ignore-file", "export const a = 1;", "");
  assert.equal(makeStub(source, "a.ts"), source);
});

Deno.test("makeStub replaces a region with a message by a throw at the marker's indentation", () => {
  const source = lines(
    "/** Doubles. */",
    "export function double(x: number): number {",
    "  if (x > 0) {",
    "    // BEGIN SOLUTION 'TODO: double (lesson 01, \"Doubling\")'",
    "    return 2 * x;",
    "    // END SOLUTION",
    "  }",
    '  // BEGIN SOLUTION "TODO: the \\"rest\\""',
    "  return 0;",
    "  // END SOLUTION",
    "}",
    "",
  );
  assert.equal(
    makeStub(source, "a.ts"),
    lines(
      STUB_LINT_HEADER,
      "/** Doubles. */",
      "export function double(x: number): number {",
      "  if (x > 0) {",
      '    throw new Error("TODO: double (lesson 01, \\"Doubling\\")");',
      "  }",
      '  throw new Error("TODO: the \\"rest\\"");',
      "}",
      "",
    ),
  );
});

Deno.test("makeStub removes bare top-level regions with one of the blank lines around them", () => {
  const source = lines(
    "// BEGIN SOLUTION",
    'import { helper } from "./helper.ts";',
    "// END SOLUTION",
    "",
    "export const a = 1;",
    "",
    "// BEGIN SOLUTION",
    "function hidden(): number {",
    "  return 1;",
    "}",
    "// END SOLUTION",
    "",
    "export const b = 2;",
    "",
  );
  assert.equal(
    makeStub(source, "a.ts"),
    lines(STUB_LINT_HEADER, "export const a = 1;", "", "export const b = 2;", ""),
  );
});

Deno.test("makeStub uncomments a stub region, which may follow a bare region in a body", () => {
  const source = lines(
    "export function evens(n: number): number[] {",
    "  // BEGIN SOLUTION",
    "  return Array.from({ length: n }, (_, i) => 2 * i);",
    "  // END SOLUTION",
    "  // BEGIN STUB",
    "  // // TODO: the first n even numbers",
    "  // return [];",
    "  // END STUB",
    "}",
  );
  assert.equal(
    makeStub(source, "a.ts"),
    lines(
      STUB_LINT_HEADER,
      "export function evens(n: number): number[] {",
      "  // TODO: the first n even numbers",
      "  return [];",
      "}",
    ),
  );
});

Deno.test("makeStub adds no-unused-vars to an existing lint-ignore header", () => {
  const source = lines(
    "// deno-lint-ignore-file no-explicit-any",
    "// BEGIN SOLUTION",
    "// END SOLUTION",
  );
  assert.equal(makeStub(source, "a.ts"), "// deno-lint-ignore-file no-explicit-any no-unused-vars");
  const kept = lines(
    "// deno-lint-ignore-file no-unused-vars",
    "// BEGIN SOLUTION",
    "// END SOLUTION",
  );
  assert.equal(makeStub(kept, "a.ts"), "// deno-lint-ignore-file no-unused-vars");
});

Deno.test("makeStub names file and line of every malformed marker", () => {
  const refuses = (source: string, message: RegExp) =>
    assert.throws(() => makeStub(source, "solutions/x/a.ts"), message);
  const body = (...inner: string[]) => lines("function f() {", ...inner, "}");
  refuses(
    body('  // BEGIN SOLUTION "TODO"', "  return 1;"),
    /a\.ts:2: BEGIN SOLUTION is never closed/,
  );
  refuses(body("  return 1;", "  // END SOLUTION"), /a\.ts:3: END SOLUTION without a BEGIN/);
  refuses(
    body('  // BEGIN SOLUTION "a"', '  // BEGIN SOLUTION "b"', "  // END SOLUTION"),
    /a\.ts:3: BEGIN SOLUTION inside the SOLUTION region opened at line 2: regions do not nest/,
  );
  refuses(
    body("  // BEGIN SOLUTION", "  return 1;", "  // END SOLUTION"),
    /a\.ts:2: this region has no message, but it sits inside a body/,
  );
  refuses(
    body("  // BEGIN SOLUTION TODO", "  // END SOLUTION"),
    /a\.ts:2: the message .* string literal/,
  );
  refuses(body('  // BEGIN SOLUTION ""', "  // END SOLUTION"), /a\.ts:2: the message/);
  refuses(lines('// BEGIN SOLUTION "TODO"', "// END SOLUTION"), /a\.ts:1: .* not at the top level/);
  refuses(
    body('  // BEGIN SOLUTION "a"', "// END SOLUTION"),
    /a\.ts:3: END SOLUTION is not indented/,
  );
  refuses(
    body('  // BEGIN SOLUTION "a"', "  // END STUB"),
    /a\.ts:3: END STUB closes the SOLUTION/,
  );
  refuses(body("  // BEGIN STUB", "  return 1;", "  // END STUB"), /a\.ts:3: every line of a stub/);
  refuses(body("  /* BEGIN SOLUTION */"), /a\.ts:2: .* looks like a marker/);
  refuses(
    body('  // BEGIN SOLUTION "a"', "  // END SOLUTION now"),
    /a\.ts:3: END SOLUTION takes nothing after it/,
  );
});
