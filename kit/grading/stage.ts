/**
 * Staging: a scratch copy of the kit in which the teacher's tests meet someone's implementation.
 *
 * The same graded test files grade three targets: the learner's `exercises/` (in place, no copy),
 * the reference `solutions/`, and a student's submission. For the last two, a workspace is built
 * in a temporary folder from the kit's own `deno.json`, `kit/`, `data/` and test files, plus the
 * implementation files (every `.ts` file of each lesson folder that is not a test) of the target.
 * A submission's own test files and configuration are never copied.
 *
 * @module
 */

import { dirname, join, relative, sep as SEP } from "node:path";
import { fileURLToPath as fromFileUrl, pathToFileURL } from "node:url";
import { runDeno } from "../lib/process.ts";
import type { Lesson } from "../course/lessons.ts";
import { type AcceptedFile, readAccepted } from "./submissions.ts";
import { makeTempFolder } from "./temp.ts";

const toFileUrl = (path: string) => pathToFileURL(path).href;

/** What to stage. */
export interface StageOptions {
  /** The kit whose tests, helpers, data and configuration are used. */
  kitRoot: string;
  /** The folder holding one `NN-slug/` folder per lesson with the implementation files. */
  implementationRoot: string;
  /** The lessons to stage. */
  lessons: Lesson[];
  /** Largest implementation file accepted, in bytes (default 1 MiB). */
  maxFileBytes?: number;
  /** Link the kit's `kit/` and `data/` instead of copying them: only for trusted code. */
  linkKit?: boolean;
  /**
   * The implementation files to stage, as a submission's inspection accepted them; when given,
   * `implementationRoot` is not listed again (see submissions.ts).
   */
  files?: AcceptedFile[];
  /**
   * Only these files of the teacher's copy (relative paths: `kit/testkit/graded.ts`,
   * `data/digits.csv`), instead of all of `kit/` and `data/`: a student's workspace gets what
   * its test processes load (see `stagedKitFiles`), not the teacher's generators or grader. They
   * and the test files are hard links where the file system allows (the student's process may
   * not write, and nothing of the grader writes into a staged file of the teacher's), else
   * copies.
   */
  kitFiles?: readonly string[];
  /**
   * An existing folder to stage into instead of a new temporary one (a grading's reused
   * workspace, see `gradeClass`): emptied first, and `dispose` empties it again. Deno caches
   * each module it transpiles by its path, so one path per concurrent student, not one per
   * student, keeps that cache from growing by the kit's modules for every student, and lets
   * each student after the first reuse it.
   */
  into?: string;
  /** Remove the workspace when the process is interrupted (SIGINT, SIGTERM) meanwhile, and end
   * it: the grader's, whose workspaces hold teacher material (see temp.ts). */
  removeOnInterrupt?: boolean;
}

/** A staged workspace. */
export interface Stage {
  /** The workspace root, to pass to `runTestFile`. */
  root: string;
  /** Implementation files that were refused (too large, not a plain file), with the reason. */
  refused: string[];
  /** Deletes the workspace. */
  dispose(): Promise<void>;
}

/**
 * Copies `from` to `to` recursively, leaving out `testdata` folders. Links are followed: this copies the teacher's own kit,
 * never a submission (submissions go through {@link stageWorkspace}'s checks).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { copyTree } from "./stage.ts";
 * import { join } from "node:path";
 * const from = await Deno.makeTempDir();
 * await Deno.mkdir(join(from, "sub", "testdata"), { recursive: true });
 * await Deno.writeTextFile(join(from, "sub", "a.ts"), "export const a = 1;\n");
 * const to = join(await Deno.makeTempDir(), "copy");
 * await copyTree(from, to);
 * assert.equal(await Deno.readTextFile(join(to, "sub", "a.ts")), "export const a = 1;\n");
 * assert.equal(await Deno.stat(join(to, "sub", "testdata")).catch(() => null), null); // fixtures left out
 * ```
 */
export async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    // Test fixtures are never needed at run time (and the fixture kit links back into kit/).
    if (entry.name === "testdata") continue;
    const source = join(from, entry.name);
    const info = entry.isSymlink ? await Deno.stat(source) : entry;
    if (info.isDirectory) await copyTree(source, join(to, entry.name));
    else if (info.isFile) await Deno.copyFile(source, join(to, entry.name));
  }
}

/** Removes everything inside `folder`, keeping the folder. Links are removed, not followed. */
async function emptyFolder(folder: string): Promise<void> {
  for await (const entry of Deno.readDir(folder)) {
    await Deno.remove(join(folder, entry.name), { recursive: true }).catch(() => {});
  }
}

/** A hard link to the teacher's file where the file system allows, else a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await Deno.link(from, to);
  } catch {
    await Deno.copyFile(from, to);
  }
}

/**
 * Builds a workspace where the kit's tests run against the implementation files of
 * `implementationRoot`.
 * The example is not run: it needs a whole kit to stage (the grading tests stage the fixture
 * kit).
 *
 * @example
 * ```ts ignore
 * const stage = await stageWorkspace({ kitRoot, implementationRoot: join(kitRoot, "solutions"), lessons });
 * try {
 *   assert.ok((await Deno.stat(join(stage.root, "deno.json"))).isFile);
 * } finally {
 *   await stage.dispose();
 * }
 * ```
 */
export async function stageWorkspace(options: StageOptions): Promise<Stage> {
  const maxBytes = options.maxFileBytes ?? 1 << 20;
  // Teacher material (tests, cases, for a reference run the solutions): removed however the
  // work ends, for the grader an interrupt included (temp.ts).
  if (options.into) {
    // A held folder of the caller's, reused from student to student: emptied again after.
    const into = options.into;
    const empty = () => emptyFolder(into);
    await empty();
    try {
      return await fillStage(options, into, maxBytes, empty);
    } catch (error) {
      await empty();
      throw error;
    }
  }
  const folder = await makeTempFolder("kit-stage-", options.removeOnInterrupt);
  try {
    return await fillStage(options, folder.path, maxBytes, folder.remove);
  } catch (error) {
    await folder.remove();
    throw error;
  }
}

async function fillStage(
  options: StageOptions,
  root: string,
  maxBytes: number,
  dispose: () => Promise<void>,
): Promise<Stage> {
  const { kitRoot, implementationRoot, lessons } = options;
  const refused: string[] = [];
  for (const file of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(join(kitRoot, file), join(root, file)).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  if (options.kitFiles) {
    const folders = new Set(options.kitFiles.map((file) => dirname(file)));
    for (const folder of folders) await Deno.mkdir(join(root, folder), { recursive: true });
    for (const file of options.kitFiles) await linkOrCopy(join(kitRoot, file), join(root, file));
  } else {
    for (const folder of ["kit", "data"]) {
      // Trusted code (the reference solutions) may run against the kit itself through a link,
      // which saves copying it; a submission always gets copies.
      if (options.linkKit) await Deno.symlink(join(kitRoot, folder), join(root, folder));
      else await copyTree(join(kitRoot, folder), join(root, folder));
    }
  }
  for (const lesson of lessons) {
    const target = join(root, "exercises", lesson.slug);
    await Deno.mkdir(target, { recursive: true });
    for (const testFile of lesson.testFiles) {
      const from = join(kitRoot, "exercises", lesson.slug, testFile);
      if (options.kitFiles) await linkOrCopy(from, join(target, testFile));
      else await Deno.copyFile(from, join(target, testFile));
    }
    if (options.files) {
      for (const file of options.files.filter((f) => f.slug === lesson.slug)) {
        try {
          await Deno.writeFile(join(target, file.name), await readAccepted(file, maxBytes));
        } catch (error) {
          refused.push(`${lesson.slug}/${file.name}: ${(error as Error).message}`);
        }
      }
      continue;
    }
    const source = join(implementationRoot, lesson.slug);
    let entries: Deno.DirEntry[] = [];
    try {
      // A linked lesson folder could point anywhere (the teacher's solutions/): not followed.
      if ((await Deno.lstat(source)).isSymlink) {
        refused.push(`${lesson.slug}/: a link, not a folder`);
      } else {
        entries = await Array.fromAsync(Deno.readDir(source));
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    for (const entry of entries) {
      if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      const path = join(source, entry.name);
      const info = await Deno.lstat(path);
      if (!info.isFile) {
        refused.push(`${lesson.slug}/${entry.name}: not a plain file`);
      } else if (info.size > maxBytes) {
        refused.push(
          `${lesson.slug}/${entry.name}: ${info.size} bytes, over the ${maxBytes} limit`,
        );
      } else {
        await Deno.copyFile(path, join(target, entry.name));
      }
    }
  }
  return { root, refused, dispose };
}

/** Lists the files under `folder` (relative to `root`), leaving out `testdata` folders. */
async function filesUnder(root: string, folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relativePath: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(join(root, relativePath)));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === "testdata") continue;
      const path = join(relativePath, entry.name);
      const info = entry.isSymlink ? await Deno.stat(join(root, path)).catch(() => null) : entry;
      if (info?.isDirectory) await walk(path);
      else if (info?.isFile) found.push(path);
    }
  };
  await walk(folder);
  return found;
}

/**
 * The files of the teacher's copy a student's workspace needs (for `kitFiles`): every module
 * of `kit/` the lessons' test files load (the trusted `deno info`, run once per grading), the
 * helpers a submission may import (`kit/lib/`, `kit/testkit/`), `data/`, and with
 * `withCases` the cases files (else the grader writes redacted ones). The teacher's generators,
 * grader, results and attacks are left out.
 * The example is not run: it lists a whole kit's files (the grading tests stage the fixture
 * kit).
 *
 * @example
 * ```ts ignore
 * const kitFiles = await stagedKitFiles(kitRoot, lessons, false);
 * assert.ok(kitFiles.includes("deno.json"));
 * assert.ok(!kitFiles.some((file) => file.startsWith("kit/cases/")));
 * ```
 */
export async function stagedKitFiles(
  kitRoot: string,
  lessons: Lesson[],
  withCases: boolean,
): Promise<string[]> {
  const scratch = await makeTempFolder("kit-graph-");
  const files = new Set<string>();
  try {
    const root = join(scratch.path, "root.ts");
    await Deno.writeTextFile(
      root,
      lessons.flatMap((lesson) =>
        lesson.testFiles.map((file) =>
          `import ${JSON.stringify(toFileUrl(join(kitRoot, "exercises", lesson.slug, file)))};\n`
        )
      ).join(""),
    );
    const output = await runDeno({
      args: ["info", "--json", "--no-remote", `--config=${join(kitRoot, "deno.json")}`, root],
      cwd: kitRoot,
      kind: "kit",
    });
    if (!output.success) throw new Error(`deno info failed: ${output.stderr.split("\n")[0]}`);
    for (const module of JSON.parse(output.stdout).modules ?? []) {
      const specifier = String(module.specifier ?? "");
      if (!specifier.startsWith("file://")) continue;
      const path = relative(kitRoot, fromFileUrl(specifier));
      if (path.startsWith(`kit${SEP}`)) files.add(path);
    }
  } finally {
    await scratch.remove();
  }
  for (const folder of [join("kit", "lib"), join("kit", "testkit"), "data"]) {
    for (const file of await filesUnder(kitRoot, folder)) files.add(file);
  }
  const cases = join("kit", "cases") + SEP;
  return [...files].filter((file) =>
    withCases ? true : !(file.startsWith(cases) && file.endsWith(".json"))
  ).sort();
}
