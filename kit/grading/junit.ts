/**
 * Reading the JUnit XML that `deno test --junit-path` writes.
 *
 * The runtime writes this file itself, after the last test, even when the tests have no write
 * permission; learner code cannot write it. That makes it the one trustworthy record of which
 * test passed. Only the subset Deno emits is read: `<testcase name=… classname=…>` elements,
 * optionally holding `<failure message=…>text</failure>`, `<error …>` or `<skipped/>`.
 *
 * @module
 */

/** One `<testcase>` as the runtime reported it. */
export interface ReportedTest {
  /** The test's name, e.g. `"stepDecay: the lesson's table [2 pts]"`. */
  name: string;
  /** The test file as the runtime named it, e.g. `"./exercises/03-lr-schedules/decays_test.ts"`. */
  file: string;
  /** True only for a testcase with no failure, error or skipped element. */
  passed: boolean;
  /** The failure message, when it failed. */
  message?: string;
  /** True when the runtime skipped it (an `ignore`d test): neither passed nor failed. */
  skipped?: boolean;
}

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
  "&apos;": "'",
};

/**
 * Replaces the XML entities Deno writes (and numeric ones) by their characters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unescapeXml } from "./junit.ts";
 * assert.equal(unescapeXml("a &lt; b &amp;&amp; c"), "a < b && c");
 * ```
 */
export function unescapeXml(text: string): string {
  return text.replace(/&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (entity) => {
    if (entity.startsWith("&#x")) return String.fromCodePoint(parseInt(entity.slice(3, -1), 16));
    if (entity.startsWith("&#")) return String.fromCodePoint(parseInt(entity.slice(2, -1), 10));
    return ENTITIES[entity];
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeXml(match[1]) : undefined;
}

/**
 * Parses Deno's JUnit XML into the list of reported tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJUnit } from "./junit.ts";
 * const xml = `<testsuites><testsuite name="./a_test.ts">
 *   <testcase name="adds [1 pt]" classname="./a_test.ts"></testcase>
 * </testsuite></testsuites>`;
 * assert.ok(parseJUnit(xml)[0].passed);
 * ```
 */
export function parseJUnit(xml: string): ReportedTest[] {
  const tests: ReportedTest[] = [];
  // A testcase is either self-closing or runs to its closing tag. Attribute values never hold a
  // raw '>' ('&gt;' instead), so `[^>]*` finds the end of a start tag.
  const testcase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(testcase)) {
    const startTag = match[1];
    const body = match[3] ?? "";
    const name = attribute(startTag, "name") ?? "";
    const file = attribute(startTag, "classname") ?? "";
    const problem = /<(failure|error|skipped)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    if (!problem) {
      tests.push({ name, file, passed: true });
      continue;
    }
    const message = problem[1] === "skipped"
      ? "skipped (ignored or filtered out)"
      : attribute(problem[2], "message") ?? unescapeXml(problem[4] ?? "");
    tests.push({
      name,
      file,
      passed: false,
      message,
      ...(problem[1] === "skipped" ? { skipped: true } : {}),
    });
  }
  return tests;
}
