/**
 * `deno task new NN slug [--title "Title"]`: scaffold lesson NN (see `kit/content/scaffold.ts`).
 *
 * Writes the lesson's README, solution, graded test and generator, and its entry in
 * `kit/outline.json`; refuses a bad number or slug, a number the outline gives another slug, and
 * any of the lesson's paths that already exists. Then `deno task sync` writes the stub, the
 * cases, the README region and the manifest, and `deno task test` passes.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { dirname, join } from "node:path";
import { loadOutline, OUTLINE_PATH } from "../course/outline.ts";
import { exists, writeTextFileAtomic } from "../lib/files.ts";
import { formatWithDeno, KIT_ROOT } from "../content/sync.ts";
import { addToOutline, parseNewLesson, scaffoldFiles } from "../content/scaffold.ts";
import { parseCommandLine, runMain, UsageError, withUsage } from "./args.ts";

const USAGE = `usage: deno task new NN slug [--title "Title"]
  e.g. deno task new 10 scratch-lesson --title "A scratch lesson"`;

const main = withUsage("new", USAGE, async (args) => {
  const { values, positionals } = parseCommandLine(args, { title: { type: "string" } });
  if (positionals.length !== 2) {
    throw new UsageError(`expected a number and a slug, got ${positionals.length} argument(s)`);
  }
  const lesson = parseNewLesson(positionals[0], positionals[1], values.title);
  const outline = addToOutline(await loadOutline(KIT_ROOT), lesson, values.title !== undefined);
  const files = scaffoldFiles(lesson);
  const taken = [];
  for (
    const path of [
      `lessons/${lesson.slug}`,
      `exercises/${lesson.slug}`,
      `solutions/${lesson.slug}`,
      `kit/content/${lesson.slug}.ts`,
      `kit/content/${lesson.slug}`,
      `kit/cases/${lesson.slug}.json`,
    ]
  ) {
    if (await exists(join(KIT_ROOT, path))) taken.push(path);
  }
  if (taken.length) {
    console.error(`new: ${taken.join(", ")} already exist(s): nothing written`);
    return 1;
  }
  for (const file of files) {
    const path = join(KIT_ROOT, file.path);
    await Deno.mkdir(dirname(path), { recursive: true });
    const ext = file.path.endsWith(".md") ? "md" : "ts";
    await writeTextFileAtomic(path, await formatWithDeno(file.text, ext, KIT_ROOT));
    console.log(`wrote ${file.path}`);
  }
  const json = await formatWithDeno(JSON.stringify(outline, null, 2) + "\n", "json", KIT_ROOT);
  await writeTextFileAtomic(join(KIT_ROOT, OUTLINE_PATH), json);
  console.log(`added ${lesson.slug} to ${OUTLINE_PATH} (check its title and prerequisites there)`);
  console.log("next: deno task sync (writes the stub, the cases and the manifest), deno task test");
  return 0;
});

if (import.meta.main) await runMain("new", main);
