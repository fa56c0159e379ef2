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

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { scoreLesson } from "../grading/score.ts";
import { cacheModules } from "../lib/process.ts";
import { linkProblems } from "../content/links.ts";
import { parseCommandLine, runMain, UsageError, withUsage } from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task release --student OUT

Writes the student edition of this kit to the folder OUT (new or empty, outside this repository):
everything a learner needs, without solutions/ and what imports it, then runs every graded test
in it to prove they all load and all fail on the stubs.`;

/** Paths (relative, with "/") left out of the student edition. */
const LEFT_OUT = [
  /^solutions\//,
  /^kit\/content\//,
  // Only `sync` draws the lessons' scatter figures.
  /^kit\/lib\/scatter\.ts$/,
  /^kit\/bench\//,
  // The self-test's attacks on the grader: only the kit's own tests use them.
  /^kit\/attacks\//,
  // The engine ships (lessons 06-11 and `deno task search` train through it) but not its
  // build script: its WebAssembly backends need nothing from solutions/.
  /^kit\/engine\/wasm\/build\.ts$/,
  /^kit\/crosscheck\//,
  /^kit\/(AUTHORING|TEACHERS|README)\.md$/,
  /^kit\/cli\/(sync|selftest|release|new|experiment)\.ts$/,
  // Results of the authors' experiments: the edition ships the tables and figures drawn.
  /^kit\/results\//,
  /^kit\/.*_test\.ts$/,
  // The search tests' fakes (they load the solutions): only the kit's own tests use them.
  /^kit\/search\/testing\.ts$/,
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

/**
 * What is wrong with a student edition in `root` as a learner would find it: a relative link or
 * image in its markdown that leads nowhere, a kit path in a code span that it lacks, a `deno task X` named in its markdown that its
 * `deno.json` lacks, and any mention of `solutions/` (or of the authors' `kit/bench`,
 * `kit/content`) in its markdown or its exercises. Empty when the edition reads cleanly.
 * The example is not run: it reads a whole edition on disk (kit/cli/release_test.ts builds one).
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
    // Links and kit paths in code spans: every one to a file the edition lacks.
    problems.push(...await linkProblems(root, path, text));
    for (const [, task] of text.matchAll(/\bdeno task ([A-Za-z][\w:-]*)/g)) {
      if (!tasks.has(task)) problems.push(`${path} names \`deno task ${task}\`, not in deno.json`);
    }
  }
  return problems;
}

/** Tasks of the student edition's deno.json; the others need the solutions. */
const KEPT_TASKS = ["check", "grade", "search", "report", "capstone"];

/** The parts of a `deno.lock` (version 5) that {@link editionLock} reads and writes. */
interface DenoLock {
  version: string;
  specifiers?: Record<string, string>;
  npm?: Record<string, { dependencies?: string[]; optionalDependencies?: string[] }>;
  workspace?: { dependencies?: string[] };
  [other: string]: unknown;
}

/**
 * The lock file of an edition whose `deno.json` imports only `imports` (its "imports" values),
 * written from the kit's own lock: the same versions, without the packages nothing imports any
 * more. A lock that matches its `deno.json` exactly is what keeps Deno from resolving the npm
 * packages again (over the network) on the learner's first run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { editionLock } from "./release.ts";
 * const lock = {
 *   version: "5",
 *   specifiers: { "npm:a@1.0.0": "1.0.0", "npm:big@2.0.0": "2.0.0" },
 *   npm: { "a@1.0.0": { dependencies: ["b"] }, "b@3.0.0": {}, "big@2.0.0": {} },
 *   workspace: { dependencies: ["npm:a@1.0.0", "npm:big@2.0.0"] },
 * };
 * const pruned = editionLock(lock, ["npm:a@1.0.0/sub"]);
 * assert.deepEqual(Object.keys(pruned.npm!), ["a@1.0.0", "b@3.0.0"]);
 * assert.deepEqual(pruned.workspace, { dependencies: ["npm:a@1.0.0"] });
 * ```
 */
export function editionLock(lock: DenoLock, imports: string[]): DenoLock {
  // "npm:csv-parse@6.2.1/sync" is locked as "npm:csv-parse@6.2.1".
  const wanted = new Set(
    imports.map((i) => i.replace(/^(npm:(@[^/]+\/)?[^/@]+@[^/]+)\/.*$/, "$1")),
  );
  const specifiers = Object.fromEntries(
    Object.entries(lock.specifiers ?? {}).filter(([specifier]) => wanted.has(specifier)),
  );
  const packages = lock.npm ?? {};
  const keyOf = (dependency: string) =>
    packages[dependency]
      ? dependency
      : Object.keys(packages).find((key) => key.startsWith(dependency + "@"));
  const kept = new Set<string>();
  const queue = Object.entries(specifiers).map(([specifier, version]) =>
    specifier.slice("npm:".length).replace(/@[^@]*$/, "") + "@" + version
  );
  while (queue.length) {
    const key = keyOf(queue.pop()!);
    if (key === undefined || kept.has(key)) continue;
    kept.add(key);
    const entry = packages[key];
    queue.push(...(entry.dependencies ?? []), ...(entry.optionalDependencies ?? []));
  }
  const npm = Object.fromEntries(Object.entries(packages).filter(([key]) => kept.has(key)));
  return {
    ...lock,
    specifiers,
    npm,
    workspace: {
      ...lock.workspace,
      dependencies: (lock.workspace?.dependencies ?? []).filter((d) => wanted.has(d)),
    },
  };
}

/** What the learner's own commands write, which a Classroom student must not commit. */
const LEARNER_OUTPUTS = [
  "# What your own commands write: search logs and capstone output (--out FILE.csv), reports",
  "/*.csv",
  "/*.xml",
  "/reports/",
  "/.kit/",
];

/**
 * The student edition's `.gitignore`: the kit's, plus what the learner's commands write
 * (the lessons' `deno task search … --out digits.csv`, `deno task capstone --out …`, reports).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { editionGitignore } from "./release.ts";
 * const lines = editionGitignore("node_modules/\n").split("\n");
 * assert.ok(lines.includes("node_modules/") && lines.includes("/*.csv"));
 * ```
 */
export function editionGitignore(kitText: string): string {
  const kept = kitText.split("\n").filter((line) => line.trim() && !LEARNER_OUTPUTS.includes(line));
  return [...kept, "", ...LEARNER_OUTPUTS, ""].join("\n");
}

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
 * The example is not run: it lists a whole kit on disk (releaseStudentEdition, which release_test.ts runs, uses it).
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
 * The example is not run: it writes an edition and runs every graded test in it (kit/cli/release_test.ts does).
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
  let imports: string[] = [];
  for (const path of files) {
    const from = join(root, path);
    const to = join(target, path);
    await Deno.mkdir(dirname(to), { recursive: true });
    if (path === "deno.json") {
      const config = JSON.parse(await Deno.readTextFile(from));
      for (const task of Object.keys(config.tasks ?? {})) {
        if (!KEPT_TASKS.includes(task)) delete config.tasks[task];
      }
      imports = Object.values(config.imports ?? {});
      await Deno.writeTextFile(to, JSON.stringify(config, null, 2) + "\n");
      continue;
    }
    if (path === "deno.lock") continue; // written for the edition's own deno.json, below
    if (path === ".gitignore") {
      await Deno.writeTextFile(to, editionGitignore(await Deno.readTextFile(from)));
      continue;
    }
    if (path.endsWith(".md")) {
      await Deno.writeTextFile(to, studentEditionMarkdown(path, await Deno.readTextFile(from)));
      continue;
    }
    await Deno.copyFile(from, to);
    if (/\.(ts|js|json)$/.test(path)) {
      // Code only: a JSDoc example may show a module at work on the reference solutions (the
      // authors' `deno test --doc` runs it); the edition's learner never runs kit examples.
      const code = (await Deno.readTextFile(from)).split("\n")
        .filter((line) => !/^\s*(\*|\/\/)/.test(line)).join("\n");
      if (/(?:from|import)\s*\(?\s*["'][^"'\n]*\bsolutions\/[^"'\n]*["']/.test(code)) {
        problems.push(`${path} imports from solutions/: it cannot work without them`);
      }
    }
  }
  if (files.includes("deno.lock")) {
    const lock = JSON.parse(await Deno.readTextFile(join(root, "deno.lock")));
    const text = JSON.stringify(editionLock(lock, imports), null, 2) + "\n";
    await Deno.writeTextFile(join(target, "deno.lock"), text);
  }
  // Verification: the edition reads cleanly, and every graded test loads, runs and fails on the
  // stubs. Its sandboxed test processes download nothing: what they load is fetched here.
  await cacheModules(target);
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
        else if (!exercise.problem && test.message === "the runtime did not report this test") {
          // Only when the file ran: a process that died is the problem above, with its error.
          problems.push(`${where}: "${test.name}" was not reported by the runtime`);
        }
      }
      for (const warning of exercise.warnings) problems.push(`${where}: ${warning}`);
    }
  }
  return { files: files.length, tests, problems };
}

const main = withUsage("release", USAGE, async (args) => {
  const { values } = parseCommandLine(args, { student: { type: "string" } }, false);
  if (!values.student) throw new UsageError("--student OUT is required");
  const report = await releaseStudentEdition(KIT_ROOT, values.student);
  console.log(
    `wrote ${report.files} files to ${values.student}; ran ${report.tests} graded tests there`,
  );
  for (const problem of report.problems) console.error(`problem: ${problem}`);
  if (report.problems.length) return 1;
  console.log("every graded test loads and fails on the stubs: the edition is ready to hand out");
  return 0;
});

if (import.meta.main) await runMain("release", main);
