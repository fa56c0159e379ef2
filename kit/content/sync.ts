/**
 * Keeping generated files in step with the reference code.
 *
 * For each lesson, {@link planSync} computes the stubs `exercises/NN-slug/*.ts` from the
 * solutions' markers ({@link planStubs}) and, with a generator (`kit/content/NN-slug.ts`, or
 * `kit/content/NN-slug/mod.ts` for one split by topic), the case file, every generated README
 * region and inline value, and every figure; {@link planManifest} runs the graded
 * tests against the solutions to list their names and points. A plan is a list of files with
 * their wanted contents: `deno task sync` writes them, `deno task test` fails if any differs.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Json, LessonContent } from "./types.ts";
import type { Lesson } from "../course/lessons.ts";
import { formatManifest, type Manifest, MANIFEST_PATH, pointsInName } from "../course/manifest.ts";
import { stageWorkspace } from "../grading/stage.ts";
import { runTestFile } from "../grading/run.ts";
import { mapConcurrent } from "../grading/score.ts";
import { runDeno } from "../lib/process.ts";
import { courseMap, exampleScore } from "./course.ts";
import { checkOutline, loadOutline } from "../course/outline.ts";
import { readKitLayout } from "../course/lessons.ts";
import { makeStub } from "./stubs.ts";

/** One generated file: where, and what it should hold. */
export interface PlannedFile {
  /** Path relative to the kit root. */
  path: string;
  /** The wanted contents. */
  text: string;
}

/**
 * Serialises case data: objects indented, arrays of numbers or strings kept on one line.
 * Refuses values JSON cannot hold (NaN, ±Infinity, undefined), naming where they are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCases } from "./sync.ts";
 * assert.equal(formatCases({ a: [1, 2] }), "{\n  \"a\": [1, 2]\n}\n");
 * ```
 */
export function formatCases(value: Json | Record<string, unknown>): string {
  return format(value, "", "cases") + "\n";
}

function format(value: unknown, indent: string, path: string): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new Error(`${path} is ${value}: JSON cannot hold it (encode it as a string or null)`);
    }
    return JSON.stringify(value);
  }
  if (value === null || typeof value === "string" || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object" || v === null)) {
      return `[${value.map((v, i) => format(v, indent, `${path}[${i}]`)).join(", ")}]`;
    }
    const inner = indent + "  ";
    return `[\n${
      value.map((v, i) => inner + format(v, inner, `${path}[${i}]`)).join(",\n")
    }\n${indent}]`;
  }
  if (typeof value === "object") {
    const inner = indent + "  ";
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    return `{\n${
      entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner, `${path}.${k}`)}`)
        .join(",\n")
    }\n${indent}}`;
  }
  throw new Error(`${path} is ${typeof value}: JSON cannot hold it`);
}

const REGION = /(<!-- generated:([a-z0-9-]+) -->)\n[\s\S]*?\n?(<!-- \/generated:\2 -->)/g;

/**
 * Replaces each `<!-- generated:NAME -->…<!-- /generated:NAME -->` region of `markdown` by the
 * output of `blocks[NAME]`. A region without a block, or a block without a region, is an error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillRegions } from "./sync.ts";
 * const md = "a\n<!-- generated:x -->\nold\n<!-- /generated:x -->\nb";
 * assert.equal(
 *   fillRegions(md, { x: () => "new" }, "README.md"),
 *   "a\n<!-- generated:x -->\nnew\n<!-- /generated:x -->\nb",
 * );
 * ```
 */
export function fillRegions(
  markdown: string,
  blocks: Record<string, () => string>,
  where: string,
): string {
  const seen = new Set<string>();
  const filled = markdown.replace(REGION, (_all, open: string, name: string, close: string) => {
    const block = blocks[name];
    if (!block) {
      throw new Error(`${where}: region "${name}" has no block in the lesson's generator`);
    }
    seen.add(name);
    return `${open}\n${block().trim()}\n${close}`;
  });
  const unused = Object.keys(blocks).filter((name) => !seen.has(name));
  if (unused.length) {
    throw new Error(`${where}: no region for block(s) ${unused.join(", ")}`);
  }
  return filled;
}

const VALUE = /<!-- value:([a-z0-9-]+) -->.*?<!-- \/value -->/g;

/**
 * Replaces each inline `<!-- value:NAME -->…<!-- /value -->` of `markdown` (one line) by the
 * output of `values[NAME]`. A place without a value, or a value without a place, is an error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillValues } from "./sync.ts";
 * const md = "drops at epoch <!-- value:first -->?<!-- /value -->.";
 * assert.equal(
 *   fillValues(md, { first: () => "19" }, "README.md"),
 *   "drops at epoch <!-- value:first -->19<!-- /value -->.",
 * );
 * ```
 */
export function fillValues(
  markdown: string,
  values: Record<string, () => string>,
  where: string,
): string {
  const seen = new Set<string>();
  const filled = markdown.replace(VALUE, (_all, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`${where}: value "${name}" has no entry in the lesson's generator`);
    seen.add(name);
    const text = value();
    if (text.includes("\n")) throw new Error(`${where}: value "${name}" spans lines`);
    return `<!-- value:${name} -->${text}<!-- /value -->`;
  });
  const unused = Object.keys(values).filter((name) => !seen.has(name));
  if (unused.length) throw new Error(`${where}: no place for value(s) ${unused.join(", ")}`);
  return filled;
}

/**
 * Formats markdown exactly as `deno fmt` would, so a generated README is fmt-clean.
 * The example is not run: it starts deno fmt.
 *
 * @example
 * ```ts ignore
 * const tidy = await formatMarkdown("| a | b |\n|---|---|\n| 1 | 22 |\n", "/path/to/kit");
 * ```
 */
export function formatMarkdown(markdown: string, kitRoot: string): Promise<string> {
  return formatWithDeno(markdown, "md", kitRoot);
}

/**
 * Formats `text` as `deno fmt` formats a file with extension `ext` under the kit's settings.
 * The example is not run: it starts deno fmt.
 *
 * @example
 * ```ts ignore
 * const tidy = await formatWithDeno("const a = {b:1}", "ts", "/path/to/kit"); // "const a = { b: 1 };\n"
 * ```
 */
export async function formatWithDeno(text: string, ext: string, kitRoot: string): Promise<string> {
  const output = await runDeno({
    args: ["fmt", `--config=${join(kitRoot, "deno.json")}`, `--ext=${ext}`, "-"],
    cwd: kitRoot,
    kind: "kit",
  }, text);
  if (!output.success) throw new Error(`deno fmt refused the ${ext}: ${output.stderr}`);
  return output.stdout;
}

/**
 * The stub of every non-test solution file of the given lessons, as `exercises/NN-slug/NAME.ts`
 * (see {@link makeStub} for the markers), formatted by `deno fmt`. A lesson without a
 * `solutions/` folder (the student edition) has none.
 * The example is not run: it reads the solutions on disk (the self-test's generated-files step runs it).
 *
 * @example
 * ```ts ignore
 * const stubs = await planStubs(kitRoot, lessons);
 * ```
 */
export async function planStubs(kitRoot: string, lessons: Lesson[]): Promise<PlannedFile[]> {
  const sources: { path: string; source: string; where: string }[] = [];
  for (const lesson of lessons) {
    const folder = join(kitRoot, "solutions", lesson.slug);
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(folder));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile || !entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      const where = `solutions/${lesson.slug}/${entry.name}`;
      sources.push({
        path: `exercises/${lesson.slug}/${entry.name}`,
        source: await Deno.readTextFile(join(folder, entry.name)),
        where,
      });
    }
  }
  sources.sort((a, b) => a.path.localeCompare(b.path));
  return await mapConcurrent(sources, navigator.hardwareConcurrency || 2, async (file) => {
    const stub = makeStub(file.source, file.where);
    // A file without markers is copied byte for byte; a stub is formatted, since cutting out
    // code can change the layout `deno fmt` wants (a long throw wraps, blank lines merge).
    const text = stub === file.source ? stub : await formatWithDeno(stub, "ts", kitRoot);
    return { path: file.path, text };
  });
}

/**
 * The lessons that have a generator, with its content.
 * The example is not run: it imports every lesson's generator.
 *
 * @example
 * ```ts ignore
 * for (const { lesson, content } of await loadGenerators(kitRoot, lessons)) { ... }
 * ```
 */
export async function loadGenerators(
  kitRoot: string,
  lessons: Lesson[],
): Promise<{ lesson: Lesson; content: LessonContent }[]> {
  const found = [];
  for (const lesson of lessons) {
    const path = await generatorPath(kitRoot, lesson.slug);
    if (!path) continue;
    const module = await import(pathToFileURL(path).href);
    if (!module.content) throw new Error(`${path} must export \`content\` (a LessonContent)`);
    found.push({ lesson, content: module.content as LessonContent });
  }
  return found;
}

/** The lesson's generator: `kit/content/SLUG.ts`, or `kit/content/SLUG/mod.ts` when split. */
async function generatorPath(kitRoot: string, slug: string): Promise<string | undefined> {
  for (const path of [`${slug}.ts`, join(slug, "mod.ts")]) {
    const full = join(kitRoot, "kit", "content", path);
    try {
      if ((await Deno.stat(full)).isFile) return full;
    } catch {
      // Not this layout; try the next.
    }
  }
  return undefined;
}

/**
 * Every generated file of the given lessons with its wanted contents.
 * The example is not run: it runs every lesson's generator (the self-test's generated-files step does).
 *
 * @example
 * ```ts ignore
 * const files = await planSync(kitRoot, lessons);
 * ```
 */
export async function planSync(kitRoot: string, lessons: Lesson[]): Promise<PlannedFile[]> {
  const files: PlannedFile[] = await planStubs(kitRoot, lessons);
  for (const { lesson, content } of await loadGenerators(kitRoot, lessons)) {
    if (content.cases) {
      files.push({ path: `kit/cases/${lesson.slug}.json`, text: formatCases(content.cases()) });
    }
    for (const [name, figure] of Object.entries(content.figures ?? {})) {
      files.push({ path: `lessons/${lesson.slug}/figures/${name}.svg`, text: await figure() });
    }
    const blocks = content.blocks ?? {};
    const values = content.values ?? {};
    if (Object.keys(blocks).length || Object.keys(values).length) {
      const path = `lessons/${lesson.slug}/README.md`;
      const markdown = await Deno.readTextFile(join(kitRoot, path)).catch((error) => {
        throw error instanceof Deno.errors.NotFound
          ? new Error(`${path} does not exist, but its generator declares README blocks`)
          : error;
      });
      const filled = fillValues(fillRegions(markdown, blocks, path), values, path);
      files.push({ path, text: await formatMarkdown(filled, kitRoot) });
    }
  }
  return files;
}

/**
 * Lists the graded tests by running them against the solutions: the manifest as it should be,
 * plus any test that failed on a solution (which the caller should treat as an error).
 * The example is not run: it runs every graded test on the solutions (seconds).
 *
 * @example
 * ```ts ignore
 * const { manifest, failures } = await planManifest(kitRoot, lessons);
 * ```
 */
export async function planManifest(
  kitRoot: string,
  lessons: Lesson[],
): Promise<{ file: PlannedFile; manifest: Manifest; failures: string[] }> {
  const stage = await stageWorkspace({
    kitRoot,
    implementationRoot: join(kitRoot, "solutions"),
    lessons,
  });
  const manifest: Manifest = {};
  const failures: string[] = [];
  try {
    const jobs = lessons.flatMap((lesson) =>
      lesson.testFiles.map((testFile) => ({ lesson, testFile }))
    );
    const runs = await mapConcurrent(
      jobs,
      navigator.hardwareConcurrency || 2,
      ({ lesson, testFile }) =>
        runTestFile({
          workspace: stage.root,
          testFile: join("exercises", lesson.slug, testFile),
          timeoutMs: 120_000,
        }),
    );
    jobs.forEach(({ lesson, testFile }, i) => {
      const run = runs[i];
      const where = `${lesson.slug}/${testFile}`;
      if (run.timedOut) failures.push(`${where}: timed out on the solutions`);
      if (run.loadError) failures.push(`${where}: ${run.loadError}`);
      const declared = run.tests.filter((t) => pointsInName(t.name) !== undefined);
      for (const t of run.tests) {
        if (pointsInName(t.name) === undefined) {
          failures.push(`${where}: "${t.name}" has no [N pts]`);
        } else if (!t.passed) {
          failures.push(`${where}: "${t.name}" fails on the solution: ${t.message}`);
        }
      }
      const names = declared.map((t) => t.name);
      const duplicate = names.find((n, k) => names.indexOf(n) !== k);
      if (duplicate) failures.push(`${where}: two tests are named "${duplicate}"`);
      manifest[lesson.slug] ??= {};
      manifest[lesson.slug][testFile] = declared.map((t) => ({
        name: t.name,
        points: pointsInName(t.name)!,
      }));
    });
  } finally {
    await stage.dispose();
  }
  return { file: { path: MANIFEST_PATH, text: formatManifest(manifest) }, manifest, failures };
}

/**
 * The kit README with its generated `course-map` region and its `example-score` value filled
 * from the lessons and manifest.
 * The example is not run: it reads the kit's README and lessons on disk.
 *
 * @example
 * ```ts ignore
 * const readme = await planReadme(kitRoot, lessons, manifest);
 * ```
 */
export async function planReadme(
  kitRoot: string,
  lessons: Lesson[],
  manifest: Manifest,
): Promise<PlannedFile> {
  const markdown = await Deno.readTextFile(join(kitRoot, "README.md"));
  const outline = await loadOutline(kitRoot);
  const filled = fillValues(
    fillRegions(
      markdown,
      { "course-map": () => courseMap(outline, lessons, manifest) },
      "README.md",
    ),
    { "example-score": () => exampleScore(lessons, manifest) },
    "README.md",
  );
  return { path: "README.md", text: await formatMarkdown(filled, kitRoot) };
}

/**
 * The planned files whose contents differ from what is on disk.
 * The example is not run: it reads the planned files on disk (the self-test's generated-files step runs it).
 *
 * @example
 * ```ts ignore
 * const stale = await staleFiles(kitRoot, await planSync(kitRoot, lessons));
 * ```
 */
export async function staleFiles(kitRoot: string, files: PlannedFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    let current: string | undefined;
    try {
      current = await Deno.readTextFile(join(kitRoot, file.path));
    } catch {
      current = undefined;
    }
    if (current !== file.text) stale.push(file.path);
  }
  return stale;
}

/**
 * Where the kit disagrees with its course outline (see `checkOutline`): one line per problem.
 * The example is not run: it reads the kit on disk (kit/course/outline_test.ts checks the rules it applies).
 *
 * @example
 * ```ts ignore
 * for (const problem of await outlineProblems(kitRoot)) console.error(problem);
 * ```
 */
export async function outlineProblems(kitRoot: string): Promise<string[]> {
  return checkOutline(await loadOutline(kitRoot), await readKitLayout(kitRoot));
}

/** The kit root this module belongs to. */
export const KIT_ROOT: string = fileURLToPath(new URL("../../", import.meta.url));
