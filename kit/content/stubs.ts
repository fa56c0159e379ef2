/**
 * Stubs from solutions: the learner's `exercises/NN-slug/NAME.ts` is computed from
 * `solutions/NN-slug/NAME.ts` by cutting out what the learner writes.
 *
 * The solution marks those parts with line comments (nbgrader and otter are the models):
 *
 * ```ts ignore
 * export function stepDecay(config: StepDecayConfig, epoch: number): number {
 *   // BEGIN SOLUTION "TODO: stepDecay (lesson 03, 'Step decay')"
 *   const { lr0, gamma, stepSize } = config;
 *   return lr0 * gamma ** Math.floor(epoch / stepSize);
 *   // END SOLUTION
 * }
 * ```
 *
 * - `// BEGIN SOLUTION "message"` … `// END SOLUTION`: the region becomes
 *   `throw new Error("message");` at the marker's indentation. It must be indented (inside a
 *   body): at the top level the module would throw when it loads.
 * - `// BEGIN SOLUTION` … `// END SOLUTION` with no message: the region is removed (helpers,
 *   tables, imports only the solution needs). Inside a body it must be followed at once by a
 *   stub region, or the stub would silently return `undefined`.
 * - `// BEGIN STUB` … `// END STUB`: every line in between is a line comment (`// code`) in the
 *   solution and becomes `code` in the stub: what the stub has that the solution has not, such as
 *   `return [];`.
 *
 * The message is a string literal: `"…"` (JSON escapes) or `'…'` (`\'` and `\\` escapes). An
 * END has the indentation of its BEGIN; regions do not nest. A file with markers gets
 * `// deno-lint-ignore-file no-unused-vars` as its first line (its parameters and imports go
 * unused until solved); a file without markers is copied as it is.
 *
 * @module
 */

/** The first line of every stub with markers: a stub's parameters are unused until solved. */
export const STUB_LINT_HEADER = "// deno-lint-ignore-file no-unused-vars";

const MARKER = /^(\s*)\/\/\s*(BEGIN|END)\s+(SOLUTION|STUB)\b\s*(.*)$/;
const LOOKALIKE = /\b(BEGIN|END)\s+(SOLUTION|STUB)\b/;

interface OpenRegion {
  kind: "SOLUTION" | "STUB";
  line: number;
  indent: string;
  message?: string;
}

/** Why a region without a message inside a body needs a stub region after it. */
const MISSING_STUB =
  'this region has no message, but it sits inside a body: give it one (// BEGIN SOLUTION "TODO: …") or follow it with a // BEGIN STUB region, or the stub returns undefined';

/** Refuses an END marker that does not close `open` as its BEGIN opened it. */
function checkEnd(
  open: OpenRegion,
  end: { kind: string; indent: string; rest: string },
  fail: (what: string) => never,
): void {
  const { kind, indent, rest } = end;
  if (open.kind !== kind) {
    fail(`END ${kind} closes the ${open.kind} region opened at line ${open.line}`);
  }
  if (rest.trim()) fail(`END ${kind} takes nothing after it`);
  if (indent !== open.indent) {
    fail(`END ${kind} is not indented like its BEGIN at line ${open.line}`);
  }
}

/**
 * The stub of one solution file. `where` names the file in errors, which read
 * `where:LINE: what is wrong`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeStub } from "./stubs.ts";
 * const solution = [
 *   "export function double(x: number): number {",
 *   '  // BEGIN SOLUTION "TODO: double"',
 *   "  return 2 * x;",
 *   "  // END SOLUTION",
 *   "}",
 *   "",
 * ].join("\n");
 * assert.equal(
 *   makeStub(solution, "double.ts"),
 *   [
 *     "// deno-lint-ignore-file no-unused-vars",
 *     "export function double(x: number): number {",
 *     '  throw new Error("TODO: double");',
 *     "}",
 *     "",
 *   ].join("\n"),
 * );
 * ```
 */
export function makeStub(source: string, where: string): string {
  const lines = source.split("\n");
  const out: string[] = [];
  let open: OpenRegion | undefined;
  let marked = false;
  // A removed region inside a body must be followed by a stub region: its BEGIN line.
  let needsStubFrom: number | undefined;
  const fail = (line: number, what: string): never => {
    throw new Error(`${where}:${line}: ${what}`);
  };
  const missingStub = (line: number): never => fail(line, MISSING_STUB);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const text = lines[index];
    const marker = MARKER.exec(text);
    if (!marker) {
      if (LOOKALIKE.test(text)) {
        fail(
          line,
          `"${text.trim()}" looks like a marker but is not one: a marker is a line of its own, "// BEGIN SOLUTION", "// END SOLUTION", "// BEGIN STUB" or "// END STUB"`,
        );
      }
      if (needsStubFrom !== undefined && text.trim() !== "") missingStub(needsStubFrom);
      if (open?.kind === "SOLUTION") continue;
      if (open?.kind === "STUB" && text.trim() !== "") {
        const code = /^(\s*)\/\/ ?(.*)$/.exec(text);
        if (!code) fail(line, "every line of a stub region is a line comment (// code)");
        else out.push(code[1] + code[2]);
        continue;
      }
      out.push(text);
      continue;
    }
    marked = true;
    const [, indent, edge, word, rest] = marker;
    const kind = word === "STUB" ? "STUB" : "SOLUTION";
    if (edge === "BEGIN") {
      if (open) {
        fail(
          line,
          `BEGIN ${kind} inside the ${open.kind} region opened at line ${open.line}: regions do not nest`,
        );
      }
      if (kind === "STUB") {
        if (rest.trim()) fail(line, "BEGIN STUB takes no message");
        needsStubFrom = undefined;
      } else if (needsStubFrom !== undefined) {
        missingStub(needsStubFrom);
      }
      const message = kind === "SOLUTION" && rest.trim()
        ? parseMessage(rest.trim(), (what) => fail(line, what))
        : undefined;
      if (message !== undefined && indent === "") {
        fail(
          line,
          "a region with a message becomes a throw statement: put it inside a function body, not at the top level",
        );
      }
      open = { kind, line, indent, message };
      continue;
    }
    if (!open) return fail(line, `END ${kind} without a BEGIN ${kind}`);
    checkEnd(open, { kind, indent, rest }, (what) => fail(line, what));
    if (kind === "SOLUTION" && open.message !== undefined) {
      out.push(`${open.indent}throw new Error(${JSON.stringify(open.message)});`);
    } else if (kind === "SOLUTION" && open.indent !== "") {
      needsStubFrom = open.line;
    } else if (
      kind === "SOLUTION" && (out.length === 0 || out.at(-1)!.trim() === "") &&
      lines[index + 1]?.trim() === ""
    ) {
      // A removed top-level block leaves one blank line between its neighbours, not two.
      index++;
    }
    open = undefined;
  }
  if (open) fail(open.line, `BEGIN ${open.kind} is never closed (no END ${open.kind})`);
  if (needsStubFrom !== undefined) missingStub(needsStubFrom);
  return marked ? withLintHeader(out).join("\n") : source;
}

function withLintHeader(lines: string[]): string[] {
  const first = /^\/\/ deno-lint-ignore-file\b(.*)$/.exec(lines[0] ?? "");
  if (!first) return [STUB_LINT_HEADER, ...lines];
  const rules = first[1].trim().split(/\s+/).filter(Boolean);
  if (rules.length === 0 || rules.includes("no-unused-vars")) return lines;
  return [`// deno-lint-ignore-file ${[...rules, "no-unused-vars"].join(" ")}`, ...lines.slice(1)];
}

function parseMessage(literal: string, fail: (what: string) => never): string {
  if (literal.startsWith('"')) {
    try {
      const value = JSON.parse(literal);
      if (typeof value === "string" && value.trim()) return value;
    } catch {
      // Reported below with the usage.
    }
  } else if (literal.startsWith("'") && literal.endsWith("'") && literal.length > 2) {
    const body = literal.slice(1, -1);
    if (!/(^|[^\\])(\\\\)*'/.test(body)) return body.replace(/\\(['\\])/g, "$1");
  }
  return fail(
    `the message after BEGIN SOLUTION must be one non-empty string literal, "…" or '…', got ${literal}`,
  );
}
