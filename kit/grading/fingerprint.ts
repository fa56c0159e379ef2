/**
 * Fingerprints for resuming a class: of the teacher's copy and settings, and of a submission as
 * its inspection accepted it. A student is graded again only when one of them changed.
 *
 * @module
 */

import { join } from "node:path";
import type { Lesson } from "../course/lessons.ts";
import { type Inspection, readAccepted } from "./submissions.ts";

/**
 * The SHA-256 of bytes or text, in hex.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sha256 } from "./fingerprint.ts";
 * assert.equal((await sha256("")).slice(0, 8), "e3b0c442");
 * ```
 */
export async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function hashTree(
  folder: string,
  skip: (relativePath: string) => boolean,
): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(dir));
    } catch {
      return;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (skip(rel)) continue;
      if (entry.isDirectory) await walk(join(dir, entry.name), rel);
      else if (entry.isFile) {
        lines.push(`${rel} ${await sha256(await Deno.readFile(join(dir, entry.name)))}`);
      }
    }
  };
  await walk(folder, "");
  return lines;
}

/**
 * A fingerprint of everything of the teacher's copy that grading depends on: the kit's code,
 * configuration, data, the graded test files and the manifest, plus the grading limits.
 * The example is not run: it reads a whole kit (the grading tests use the fixture kit).
 *
 * @example
 * ```ts ignore
 * const version = await kitVersion(kitRoot, lessons, "120000/2048");
 * assert.notEqual(version, await kitVersion(kitRoot, lessons, "60000/2048"));
 * ```
 */
export async function kitVersion(
  kitRoot: string,
  lessons: Lesson[],
  settings: string,
): Promise<string> {
  const lines = [`settings ${settings}`, `deno ${Deno.version.deno}`];
  for (const file of ["deno.json", "deno.lock"]) {
    const bytes = await Deno.readFile(join(kitRoot, file)).catch(() => new Uint8Array());
    lines.push(`${file} ${await sha256(bytes)}`);
  }
  lines.push(
    ...(await hashTree(join(kitRoot, "kit"), (rel) => rel === "grading/testdata")).map((l) =>
      `kit/${l}`
    ),
  );
  lines.push(...(await hashTree(join(kitRoot, "data"), () => false)).map((l) => `data/${l}`));
  for (const lesson of lessons) {
    for (const testFile of lesson.testFiles) {
      const bytes = await Deno.readFile(join(kitRoot, "exercises", lesson.slug, testFile));
      lines.push(`exercises/${lesson.slug}/${testFile} ${await sha256(bytes)}`);
    }
  }
  return await sha256(lines.join("\n"));
}

/**
 * A fingerprint of what an inspection accepted and refused, reading only accepted files.
 * The example is not run: it needs a submission folder (see grade_test.ts).
 *
 * @example
 * ```ts ignore
 * const key = await submissionHash(await inspectSubmission(submission, lessons));
 * assert.match(key, /^[0-9a-f]+$/);
 * ```
 */
export async function submissionHash(inspection: Inspection): Promise<string> {
  const lines = [
    `problem ${inspection.problem ?? ""}`,
    ...inspection.refused.map((r) => `refused ${r}`),
  ];
  for (const file of inspection.files) {
    const bytes = await readAccepted(file, file.size).catch(() => new Uint8Array());
    lines.push(`${file.slug}/${file.name} ${await sha256(bytes)}`);
  }
  return await sha256(lines.join("\n"));
}
