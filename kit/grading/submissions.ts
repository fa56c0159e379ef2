/**
 * Finding student submissions and looking at them before anything reads them.
 *
 * A submission is whatever a student pushed: it may hold a lesson folder that is a file or a
 * link, names that are not UTF-8, a sparse file of gigabytes, or a hundred thousand files. So
 * nothing here follows a link or reads a file it has not first `lstat`ed, folders are listed
 * with a bound on their entries, and the whole inspection has a deadline. What it accepts is a
 * list of plain, small `.ts` files with plain names; everything else becomes a note, and a
 * submission that cannot be inspected at all gets a reason instead of stopping the class.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import type { Lesson } from "../course/lessons.ts";

/** One student's submission. */
export interface Submission {
  /** The student's name in reports: the folder's name made safe, unique in the class. */
  name: string;
  /** The folder given or found. */
  source: string;
  /** The folder holding the `NN-slug/` lesson folders, or undefined when there is none. */
  implementationRoot?: string;
  /** Why nothing could be graded, when so. */
  problem?: string;
}

/** An implementation file accepted for grading. */
export interface AcceptedFile {
  /** The lesson folder, e.g. `03-lr-schedules`. */
  slug: string;
  /** The file name, e.g. `decays.ts`. */
  name: string;
  /** Where it is in the submission. */
  path: string;
  /** Its size when inspected, in bytes. */
  size: number;
}

/** What an inspection found. */
export interface Inspection {
  /** Files to stage. */
  files: AcceptedFile[];
  /** Why files or folders were left out, one line each (`03-lr-schedules/x.ts: …`). */
  refused: string[];
  /** Why the submission cannot be graded at all, when so. */
  problem?: string;
}

/** Limits of an inspection. */
export interface InspectionLimits {
  /** Largest implementation file, bytes (default 1 MiB). */
  maxFileBytes?: number;
  /** Largest total of accepted files, bytes (default 16 MiB). */
  maxTotalBytes?: number;
  /** Most entries listed in one lesson folder (default 1000). */
  maxEntries?: number;
  /** Time for the whole inspection, ms (default 20 s). */
  timeoutMs?: number;
}

const LESSON_FOLDER = /^\d{2}-[a-z0-9-]+$/;
/** Implementation file names the kit uses: plain ASCII, `.ts`, not a test. */
const IMPLEMENTATION_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.ts$/;

/**
 * `Deno.lstat`, or null when the path cannot be looked at: never follows a link.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lstatOrNull } from "./submissions.ts";
 * assert.equal(await lstatOrNull("/no/such/folder/anywhere"), null);
 * assert.ok((await lstatOrNull(Deno.cwd()))?.isDirectory);
 * ```
 */
export async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch {
    return null;
  }
}

/**
 * Makes a folder name safe as a file name and a CSV cell (letters, digits, `.`, `_`, `-`). Names
 * that had to change get a short fingerprint of the original, so that "a b" and "a_b" stay two
 * students with two report files.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { safeName } from "./submissions.ts";
 * assert.equal(safeName("alice"), "alice");
 * assert.notEqual(safeName("a b"), safeName("a_b"));
 * ```
 */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._-]+|_+$/g, "").slice(0, 80) ||
    "student";
  return cleaned === name ? cleaned : `${cleaned}-${fingerprint(name)}`;
}

/** Six hex digits of FNV-1a over the UTF-16 code units: a stable tag, not a security hash. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0").slice(0, 6);
}

async function hasLessonFolders(folder: string): Promise<boolean> {
  try {
    let seen = 0;
    for await (const entry of Deno.readDir(folder)) {
      if (LESSON_FOLDER.test(entry.name) && (entry.isDirectory || entry.isSymlink)) return true;
      if (++seen > 1000) return false;
    }
  } catch {
    // Not a readable folder.
  }
  return false;
}

async function asSubmission(folder: string, name: string): Promise<Submission | null> {
  const exercises = join(folder, "exercises");
  const info = await lstatOrNull(exercises);
  if (info?.isSymlink) {
    return { name, source: folder, problem: "exercises/ is a link, not a folder: not graded" };
  }
  if (info && !info.isDirectory) {
    return { name, source: folder, problem: "exercises is not a folder: not graded" };
  }
  if (info?.isDirectory) return { name, source: folder, implementationRoot: exercises };
  if (await hasLessonFolders(folder)) {
    const own = basename(folder) === "exercises" ? basename(dirname(folder)) : name;
    return { name: safeName(own), source: folder, implementationRoot: folder };
  }
  return null;
}

/**
 * Finds the submissions that `paths` name. A path is one student's copy of the kit, or just its
 * `exercises/` folder, or a folder of such copies (one student per subfolder, named after it).
 * Every subfolder of a class folder becomes a submission, with a problem when it holds nothing
 * gradable; links and files are listed as "not graded". Names are made unique.
 * The example is not run: it needs a class folder of submissions (the grading tests use
 * testdata/hostile/).
 *
 * @example
 * ```ts ignore
 * const submissions = await findSubmissions(["class/"]);
 * assert.deepEqual(submissions.map((s) => s.name), ["alice", "bob"]);
 * ```
 */
export async function findSubmissions(paths: string[]): Promise<Submission[]> {
  const found: Submission[] = [];
  for (const given of paths) {
    const folder = resolve(given);
    const info = await Deno.stat(folder).catch(() => null);
    if (!info?.isDirectory) throw new Error(`${given}: not a folder`);
    const single = await asSubmission(folder, safeName(basename(folder)));
    if (single) {
      found.push(single);
      continue;
    }
    const entries: Deno.DirEntry[] = [];
    for await (const entry of Deno.readDir(folder)) {
      if (!entry.name.startsWith(".")) entries.push(entry);
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const name = safeName(entry.name);
      try {
        if (entry.isSymlink) {
          found.push({ name, source: path, problem: "a link: not graded" });
        } else if (entry.isDirectory) {
          found.push(
            await asSubmission(path, name) ??
              { name, source: path, problem: "no exercises/ folder found" },
          );
        }
      } catch (error) {
        found.push({ name, source: path, problem: `could not be read: ${describe(error)}` });
      }
    }
  }
  const seen = new Map<string, number>();
  for (const submission of found) {
    const count = (seen.get(submission.name) ?? 0) + 1;
    seen.set(submission.name, count);
    if (count > 1) submission.name = `${submission.name}-${count}`;
  }
  return found;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Looks at a submission's lesson folders without following links or reading files: accepts
 * plain `.ts` files (not tests) with plain ASCII names up to the size limits, and says why
 * anything else is left out.
 * The example is not run: it needs a submission folder (the grading tests inspect
 * testdata/hostile/).
 *
 * @example
 * ```ts ignore
 * const inspection = await inspectSubmission(submission, lessons);
 * assert.deepEqual(inspection.refused, []);
 * assert.ok(inspection.files.some((f) => `${f.slug}/${f.name}` === "01-demo/half.ts"));
 * ```
 */
export async function inspectSubmission(
  submission: Submission,
  lessons: Lesson[],
  limits: InspectionLimits = {},
): Promise<Inspection> {
  const maxFileBytes = limits.maxFileBytes ?? 1 << 20;
  const maxTotalBytes = limits.maxTotalBytes ?? 16 << 20;
  const maxEntries = limits.maxEntries ?? 1000;
  const deadline = performance.now() + (limits.timeoutMs ?? 20_000);
  const files: AcceptedFile[] = [];
  const refused: string[] = [];
  if (!submission.implementationRoot) {
    return { files, refused, problem: submission.problem ?? "nothing to grade" };
  }
  let total = 0;
  for (const lesson of lessons) {
    const folder = join(submission.implementationRoot, lesson.slug);
    const info = await lstatOrNull(folder);
    if (!info) continue;
    if (info.isSymlink) {
      refused.push(`${lesson.slug}/: a link, not a folder`);
      continue;
    }
    if (!info.isDirectory) {
      refused.push(`${lesson.slug}: not a folder`);
      continue;
    }
    let entries = 0;
    try {
      for await (const entry of Deno.readDir(folder)) {
        if (performance.now() > deadline) {
          return { files, refused, problem: "the submission could not be inspected in time" };
        }
        if (++entries > maxEntries) {
          refused.push(`${lesson.slug}/: more than ${maxEntries} entries, not graded`);
          break;
        }
        if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
        if (!IMPLEMENTATION_FILE.test(entry.name)) {
          refused.push(`${lesson.slug}/${JSON.stringify(entry.name)}: not a plain file name`);
          continue;
        }
        const path = join(folder, entry.name);
        const fileInfo = await lstatOrNull(path);
        if (!fileInfo?.isFile) {
          refused.push(`${lesson.slug}/${entry.name}: not a plain file`);
        } else if (fileInfo.size > maxFileBytes) {
          refused.push(
            `${lesson.slug}/${entry.name}: ${fileInfo.size} bytes, over the ${maxFileBytes} limit`,
          );
        } else if (total + fileInfo.size > maxTotalBytes) {
          refused.push(`${lesson.slug}/${entry.name}: over the ${maxTotalBytes}-byte total`);
        } else {
          total += fileInfo.size;
          files.push({ slug: lesson.slug, name: entry.name, path, size: fileInfo.size });
        }
      }
    } catch (error) {
      refused.push(`${lesson.slug}/: could not be listed (${describe(error)})`);
    }
  }
  files.sort((a, b) => {
    const x = `${a.slug}/${a.name}`, y = `${b.slug}/${b.name}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { files, refused };
}

/**
 * Reads an accepted file, refusing it when it is no longer the plain file of at most
 * `maxBytes` that was inspected (it could have changed since).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readAccepted } from "./submissions.ts";
 * import { join } from "node:path";
 * const folder = await Deno.makeTempDir();
 * const path = join(folder, "half.ts");
 * await Deno.writeTextFile(path, "export const half = 0.5;\n");
 * const file = { slug: "01-demo", name: "half.ts", path, size: 25 };
 * assert.equal(new TextDecoder().decode(await readAccepted(file, 1 << 20)), "export const half = 0.5;\n");
 * await assert.rejects(readAccepted(file, 10), /half\.ts changed while grading/);
 * await Deno.remove(folder, { recursive: true });
 * ```
 */
export async function readAccepted(file: AcceptedFile, maxBytes: number): Promise<Uint8Array> {
  const info = await Deno.lstat(file.path);
  if (!info.isFile || info.size > maxBytes) throw new Error(`${file.name} changed while grading`);
  const handle = await Deno.open(file.path, { read: true });
  try {
    // One byte more than the file had when inspected (never the whole limit for every file):
    // a file that grew since is refused.
    const buffer = new Uint8Array(Math.min(maxBytes, file.size, info.size) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = await handle.read(buffer.subarray(length));
      if (n === null) break;
      length += n;
    }
    if (length > maxBytes) throw new Error(`${file.name} grew over ${maxBytes} bytes`);
    if (length === buffer.length) throw new Error(`${file.name} changed while grading`);
    return buffer.slice(0, length);
  } finally {
    handle.close();
  }
}
