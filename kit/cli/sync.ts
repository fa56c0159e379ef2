/**
 * `deno task sync [lesson…] [--check]`: regenerate what the reference code determines.
 *
 * First checks the kit against its course outline (`kit/outline.json`) and writes nothing when
 * they disagree.
 * Writes, for each lesson, the stubs `exercises/NN-slug/*.ts` from the solutions' markers
 * (`kit/content/stubs.ts`) and, for each lesson with a generator in `kit/content/`, its case file,
 * the generated regions of its README and its figures; then runs the graded tests against the solutions and
 * writes `kit/manifest.json`. With `--check` it writes nothing and exits 1 if anything is stale.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { join } from "node:path";
import { listLessons, resolveLesson } from "../course/lessons.ts";
import { writeTextFileAtomic } from "../lib/files.ts";
import { loadManifest } from "../course/manifest.ts";
import { cacheModules } from "../lib/process.ts";
import {
  KIT_ROOT,
  outlineProblems,
  planManifest,
  type PlannedFile,
  planReadme,
  planSync,
  staleFiles,
} from "../content/sync.ts";
import { parseCommandLine, runMain, withUsage } from "./args.ts";

const USAGE = `usage: deno task sync [lesson...] [--check]

  lesson    only these lessons (lesson-03, 3, 03 or the folder name); the manifest needs all
  --check   write nothing; exit 1 if a generated file is out of date`;

const main = withUsage("sync", USAGE, async (args) => {
  const { values, positionals } = parseCommandLine(args, {
    check: { type: "boolean", default: false },
  });
  const problems = await outlineProblems(KIT_ROOT);
  if (problems.length) {
    for (const problem of problems) console.error(`problem: ${problem}`);
    console.error("the kit disagrees with its course outline, kit/outline.json: nothing written");
    return 1;
  }
  // The reference runs are sandboxed (`--cached-only`): what they load is fetched here first.
  await cacheModules(KIT_ROOT);
  const all = await listLessons(KIT_ROOT);
  const lessons = positionals.length ? positionals.map((p) => resolveLesson(p, all)) : all;
  const files: PlannedFile[] = await planSync(KIT_ROOT, lessons);
  if (values.check) {
    files.push(await planReadme(KIT_ROOT, all, await loadManifest(KIT_ROOT)));
    const stale = await staleFiles(KIT_ROOT, files);
    for (const path of stale) console.error(`stale: ${path}`);
    console.log(
      stale.length
        ? `${stale.length} generated file(s) out of date: run deno task sync`
        : "generated files are up to date",
    );
    return stale.length ? 1 : 0;
  }
  // Cases first: the manifest run reads them.
  for (const file of files) await writeTextFileAtomic(join(KIT_ROOT, file.path), file.text);
  console.log(`wrote ${files.length} generated file(s)`);
  if (positionals.length) {
    console.log(
      "manifest not rewritten (it covers every lesson): run deno task sync with no lesson",
    );
    return 0;
  }
  const { file, manifest, failures } = await planManifest(KIT_ROOT, all);
  await writeTextFileAtomic(join(KIT_ROOT, file.path), file.text);
  const readme = await planReadme(KIT_ROOT, all, manifest);
  await writeTextFileAtomic(join(KIT_ROOT, readme.path), readme.text);
  console.log(`wrote ${file.path} and the course map in README.md`);
  for (const failure of failures) console.error(`problem: ${failure}`);
  return failures.length ? 1 : 0;
});

if (import.meta.main) await runMain("sync", main);
