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

import { join } from "node:path";
import type { Lesson } from "../course/lessons.ts";
import { type AcceptedFile, readAccepted } from "./submissions.ts";

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
 * ```ts ignore
 * await copyTree("/kit/kit", "/tmp/stage/kit");
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

/**
 * Builds a workspace where the kit's tests run against the implementation files of
 * `implementationRoot`.
 *
 * @example
 * ```ts ignore
 * const stage = await stageWorkspace({ kitRoot, implementationRoot: join(kitRoot, "solutions"), lessons });
 * try { ... runTestFile({ workspace: stage.root, ... }) ... } finally { await stage.dispose(); }
 * ```
 */
export async function stageWorkspace(options: StageOptions): Promise<Stage> {
  const { kitRoot, implementationRoot, lessons } = options;
  const maxBytes = options.maxFileBytes ?? 1 << 20;
  const root = await Deno.makeTempDir({ prefix: "kit-stage-" });
  const refused: string[] = [];
  for (const file of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(join(kitRoot, file), join(root, file)).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  for (const folder of ["kit", "data"]) {
    // Trusted code (the reference solutions) may run against the kit itself through a link,
    // which saves copying it; a submission always gets copies.
    if (options.linkKit) await Deno.symlink(join(kitRoot, folder), join(root, folder));
    else await copyTree(join(kitRoot, folder), join(root, folder));
  }
  for (const lesson of lessons) {
    const target = join(root, "exercises", lesson.slug);
    await Deno.mkdir(target, { recursive: true });
    for (const testFile of lesson.testFiles) {
      await Deno.copyFile(
        join(kitRoot, "exercises", lesson.slug, testFile),
        join(target, testFile),
      );
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
  return {
    root,
    refused,
    dispose: () => Deno.remove(root, { recursive: true }).catch(() => {}),
  };
}
