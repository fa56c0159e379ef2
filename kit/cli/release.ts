/**
 * `deno task release --student OUT`: write the student edition of the kit, without the answers.
 *
 * The edition holds the lessons, the stubs with their graded tests, `data/`, `kit/` (the grading
 * helpers, `kit/lib/`, `kit/cases/` and `kit/manifest.json`) and a `deno.json` with the learner's
 * and the teacher's tasks only. It leaves out `solutions/` and everything that imports it: the
 * lesson generators (`kit/content/`), `sync`, the kit's own test suite and benchmarks, the kit's
 * unit tests and
 * fixtures, and the authors' and teachers' guides. Lessons keep their code examples, importing
 * the learner's own `exercises/` files instead of the solutions. Graded tests never import `solutions/` (their expected values
 * come from `kit/cases/*.json`), so they work unchanged; the release proves it by running every
 * graded test in the new copy: each must load, run, report under its declared name, and fail on
 * the stubs.
 *
 * What the edition does give away: `kit/cases/*.json` holds the reference outputs of every graded
 * case. That is by design (a learner sees them in failure messages anyway), and it means a learner
 * could hard-code them; read the code when that matters. See kit/TEACHERS.md.
 *
 * @module
 */

import "./require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { parseArgs } from "node:util";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { listLessons } from "../grading/lessons.ts";
import { loadManifest } from "../grading/manifest.ts";
import { scoreLesson } from "../grading/score.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task release --student OUT

Writes the student edition of this kit to the folder OUT (new or empty, outside this repository):
everything a learner needs, without solutions/ and what imports it, then runs every graded test
in it to prove they all load and all fail on the stubs.`;

/** Paths (relative, with "/") left out of the student edition. */
const LEFT_OUT = [
  /^solutions\//,
  /^kit\/content\//,
  // The figure renderer: only `sync` draws figures, and the edition ships them drawn.
  /^kit\/lib\/(plot|svg_render|ticks)\.ts$/,
  /^kit\/bench\//,
  // The engine ships (lessons 06-11 and `deno task search` train through it) but not its
  // build script: its WebAssembly backends need nothing from solutions/.
  /^kit\/engine\/wasm\/build\.ts$/,
  /^kit\/crosscheck\//,
  /^kit\/(AUTHORING|TEACHERS|README)\.md$/,
  /^kit\/cli\/(sync|selftest|release|new|experiment)\.ts$/,
  // Results of the authors' experiments: the edition ships the tables and figures drawn.
  /^kit\/results\//,
  /^kit\/.*_test\.ts$/,
  /^kit\/(.*\/)?testdata\//,
  /^\.ci\//,
  /^\.github\/workflows\/(ci|grade-class)\.yml$/,
  /^reports\//,
  /^\.kit\//,
];

/**
 * The text of a markdown file as the student edition holds it: it loses its
 * `<!-- authors-only -->…<!-- /authors-only -->` regions (what needs the solutions or the
 * authors' tools), and a lesson's code examples import the learner's own files,
 * `../../exercises/…`, where the kit's import `../../solutions/…`: they run once the learner has
 * written the functions they call, and reveal nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { studentEditionMarkdown } from "./release.ts";
 * const md = "a\n<!-- authors-only -->\nb\n<!-- /authors-only -->\nc\n";
 * assert.equal(studentEditionMarkdown("README.md", md), "a\nc\n");
 * const example = 'import { f } from "../../solutions/02-x/f.ts";\n';
 * assert.equal(
 *   studentEditionMarkdown("lessons/02-x/README.md", example),
 *   'import { f } from "../../exercises/02-x/f.ts";\n',
 * );
 * ```
 */
export function studentEditionMarkdown(path: string, text: string): string {
  const withoutAuthors = text.replace(
    /<!-- authors-only -->\n[\s\S]*?<!-- \/authors-only -->\n\n?/g,
    "",
  );
  if (!path.startsWith("lessons/")) return withoutAuthors;
  return withoutAuthors.replaceAll(/(["'])\.\.\/\.\.\/solutions\//g, "$1../../exercises/");
}

/** What a learner must never read in the edition: the answers' folder and author-only tools. */
const AUTHOR_ONLY_MENTIONS = [/\bsolutions\//, /\bkit\/bench\b/, /\bkit\/content\b/];

/** Markdown without its fenced code blocks (links inside them are not links). */
function withoutCodeBlocks(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** The relative targets of a markdown text's links and images (inline and reference style). */
function relativeLinks(text: string): string[] {
  const prose = withoutCodeBlocks(text);
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
  ];
  return targets.filter((t) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(t));
}

/**
 * What is wrong with a student edition in `root` as a learner would find it: a relative link or
 * image in its markdown that leads nowhere, a `deno task X` named in its markdown that its
 * `deno.json` lacks, and any mention of `solutions/` (or of the authors' `kit/bench`,
 * `kit/content`) in its markdown or its exercises. Empty when the edition reads cleanly.
 *
 * @example
 * ```ts ignore
 * const problems = await editionProblems("/tmp/student-kit"); // [] for a sound edition
 * ```
 */
export async function editionProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
  const tasks = new Set(Object.keys(config.tasks ?? {}));
  const files: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    for await (const entry of Deno.readDir(join(root, dir))) {
      const rel = prefix + entry.name;
      if (entry.isDirectory) await walk(rel, rel + "/");
      else if (entry.isFile) files.push(rel);
    }
  };
  await walk(".", "");
  for (const path of files.sort()) {
    const markdown = path.endsWith(".md");
    if (!markdown && !path.startsWith("exercises/")) continue;
    const text = await Deno.readTextFile(join(root, path));
    for (const pattern of AUTHOR_ONLY_MENTIONS) {
      const hit = text.match(pattern);
      if (hit) problems.push(`${path} mentions ${hit[0]}, which the edition does not have`);
    }
    if (!markdown) continue;
    for (const target of relativeLinks(text)) {
      const file = decodeURIComponent(target.replace(/[#?].*$/, ""));
      if (file === "") continue;
      const exists = await Deno.stat(join(root, dirname(path), file)).then(() => true, () => false);
      if (!exists) problems.push(`${path} links to ${target}, which does not exist`);
    }
    for (const [, task] of text.matchAll(/\bdeno task ([A-Za-z][\w:-]*)/g)) {
      if (!tasks.has(task)) problems.push(`${path} names \`deno task ${task}\`, not in deno.json`);
    }
  }
  return problems;
}

/** Tasks of the student edition's deno.json; the others need the solutions. */
const KEPT_TASKS = ["check", "grade", "search", "capstone"];

/** Imports of the kit's deno.json that only the figure renderer uses, left out of the edition. */
const RENDERER_IMPORTS = ["vega", "vega-lite"];

/**
 * Whether a path of the kit goes into the student edition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inStudentEdition } from "./release.ts";
 * assert.ok(inStudentEdition("exercises/03-lr-schedules/decays.ts"));
 * assert.equal(inStudentEdition("solutions/03-lr-schedules/decays.ts"), false);
 * assert.equal(inStudentEdition("kit/content/03-lr-schedules/mod.ts"), false);
 * ```
 */
export function inStudentEdition(path: string): boolean {
  return !LEFT_OUT.some((pattern) => pattern.test(path));
}

/**
 * The files a release copies: those git tracks or would track (untracked, not ignored), so that
 * build outputs and local reports stay out; every file when the kit is not a git checkout.
 *
 * @example
 * ```ts ignore
 * const files = await releaseFiles("/path/to/kit"); // ["README.md", "data/iris.csv", ...]
 * ```
 */
export async function releaseFiles(kitRoot: string): Promise<string[]> {
  let listed: string[] | undefined;
  try {
    const out = await new Deno.Command("git", {
      args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      cwd: kitRoot,
      stdout: "piped",
      stderr: "null",
    }).output();
    if (out.success) {
      listed = new TextDecoder().decode(out.stdout).split("\0").filter((p) => p);
    }
  } catch {
    // No git.
  }
  if (!listed) {
    listed = [];
    const walk = async (dir: string, prefix: string) => {
      for await (const entry of Deno.readDir(dir)) {
        if (entry.name === ".git") continue;
        const rel = prefix + entry.name;
        if (entry.isDirectory) await walk(join(dir, entry.name), rel + "/");
        else listed!.push(rel);
      }
    };
    await walk(kitRoot, "");
  }
  const files: string[] = [];
  for (const path of listed.sort()) {
    if (!inStudentEdition(path)) continue;
    const info = await Deno.lstat(join(kitRoot, path)).catch(() => null);
    if (info?.isFile) files.push(path); // deleted-but-tracked files and links are skipped
  }
  return files;
}

async function isEmptyFolder(path: string): Promise<boolean> {
  try {
    for await (const _ of Deno.readDir(path)) return false;
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return true;
    throw error;
  }
}

/** What a release wrote and found. */
export interface ReleaseReport {
  /** Files written. */
  files: number;
  /** Graded tests run in the new copy. */
  tests: number;
  /** Problems found by the verification; empty when the edition is sound. */
  problems: string[];
}

/**
 * Writes the student edition to `out` and verifies it.
 *
 * @example
 * ```ts ignore
 * const report = await releaseStudentEdition(kitRoot, "/tmp/student-kit");
 * if (report.problems.length) console.error(report.problems.join("\n"));
 * ```
 */
export async function releaseStudentEdition(kitRoot: string, out: string): Promise<ReleaseReport> {
  const root = resolve(kitRoot);
  const target = resolve(out);
  const inside = relative(root, target);
  if (inside === "" || (!inside.startsWith("..") && !inside.startsWith(sep))) {
    throw new Error(`${out} is inside the kit (${root}): choose a folder outside it`);
  }
  if (!(await isEmptyFolder(target))) throw new Error(`${out} is not empty: choose a new folder`);
  const files = await releaseFiles(root);
  const problems: string[] = [];
  for (const path of files) {
    const from = join(root, path);
    const to = join(target, path);
    await Deno.mkdir(dirname(to), { recursive: true });
    if (path === "deno.json") {
      const config = JSON.parse(await Deno.readTextFile(from));
      for (const task of Object.keys(config.tasks ?? {})) {
        if (!KEPT_TASKS.includes(task)) delete config.tasks[task];
      }
      for (const name of RENDERER_IMPORTS) delete config.imports?.[name];
      await Deno.writeTextFile(to, JSON.stringify(config, null, 2) + "\n");
      continue;
    }
    if (path.endsWith(".md")) {
      await Deno.writeTextFile(to, studentEditionMarkdown(path, await Deno.readTextFile(from)));
      continue;
    }
    await Deno.copyFile(from, to);
    if (/\.(ts|js|json)$/.test(path)) {
      const text = await Deno.readTextFile(from);
      if (/(?:from|import)\s*\(?\s*["'][^"'\n]*\bsolutions\/[^"'\n]*["']/.test(text)) {
        problems.push(`${path} imports from solutions/: it cannot work without them`);
      }
    }
  }
  // Verification: the edition reads cleanly, and every graded test loads, runs and fails on the
  // stubs.
  problems.push(...await editionProblems(target));
  const lessons = await listLessons(target);
  const manifest = await loadManifest(target);
  let tests = 0;
  for (const lesson of lessons) {
    const result = await scoreLesson(lesson, {
      workspace: target,
      manifest,
      lessonTimeoutMs: 600_000,
    });
    for (const exercise of result.exercises) {
      tests += exercise.tests.length;
      const where = `exercises/${lesson.slug}/${exercise.testFile}`;
      if (exercise.problem) problems.push(`${where}: ${exercise.problem.split("\n")[0]}`);
      if (exercise.tests.length === 0) problems.push(`${where}: no graded test declared`);
      for (const test of exercise.tests) {
        if (test.status === "pass") problems.push(`${where}: "${test.name}" passes on the stub`);
        else if (test.message === "the runtime did not report this test") {
          problems.push(`${where}: "${test.name}" was not reported (is kit/manifest.json stale?)`);
        }
      }
      for (const warning of exercise.warnings) problems.push(`${where}: ${warning}`);
    }
  }
  return { files: files.length, tests, problems };
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        student: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`release: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.student) {
    console.error(`release: --student OUT is required\n\n${USAGE}`);
    return 2;
  }
  const report = await releaseStudentEdition(KIT_ROOT, values.student);
  console.log(
    `wrote ${report.files} files to ${values.student}; ran ${report.tests} graded tests there`,
  );
  for (const problem of report.problems) console.error(`problem: ${problem}`);
  if (report.problems.length) return 1;
  console.log("every graded test loads and fails on the stubs: the edition is ready to hand out");
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`release: ${(error as Error).message ?? error}`);
    Deno.exit(2);
  }
}
