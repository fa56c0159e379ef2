/**
 * Containing untrusted submissions: what a graded run may import, and under which flags it runs.
 *
 * Permissions alone do not contain a submission. Deno loads every module of the *static* module
 * graph (static imports, `export … from`, and `import("literal")`) without any read permission,
 * so a submission could import the teacher's `solutions/` by absolute path in a run that may read only
 * `data/`. Imports Deno cannot resolve before running (`import(someString)`, data: and blob:
 * modules, workers) *are* checked against the permissions at run time. So before a test file runs,
 * {@link vetImports} asks the trusted `deno info` for the graph Deno is about to load, and refuses
 * a file when any module of the submission depends on anything but the submission's own exercise
 * files or the kit's helpers in `kit/lib/`. {@link SANDBOX_FLAGS} then denies the network, remote
 * and uncached imports, writes, subprocesses, FFI, the environment and system information.
 *
 * @module
 */

import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runDeno } from "../lib/process.ts";

/**
 * `deno test` flags of every graded run of untrusted code: nothing remote, nothing not already
 * cached, and an explicit deny of every permission besides reading (which `--allow-read` limits).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SANDBOX_FLAGS } from "./sandbox.ts";
 * assert.ok(SANDBOX_FLAGS.includes("--deny-net"));
 * ```
 */
export const SANDBOX_FLAGS: readonly string[] = Object.freeze([
  "--no-remote",
  "--cached-only",
  "--deny-net",
  "--deny-import",
  "--deny-write",
  "--deny-run",
  "--deny-env",
  "--deny-ffi",
  "--deny-sys",
]);

/** Default memory cap of one graded process (V8 heap and, on Linux, the data segment), MiB. */
export const DEFAULT_MEMORY_MIB = 2048;

/**
 * The command wrapper that caps a process's memory: `prlimit --data=…` where util-linux's
 * `prlimit` exists (Linux), else none (the V8 heap cap still applies). RLIMIT_DATA counts the
 * memory a process actually makes writable, typed-array buffers included, unlike V8's heap cap;
 * an address-space cap (`--as`) cannot be used, as V8 reserves large virtual ranges at start.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { memoryWrapper } from "./sandbox.ts";
 * const wrapper = await memoryWrapper(2048);
 * // ["/usr/bin/prlimit", "--data=2147483648", "--"] where prlimit is installed, else no wrapper.
 * assert.ok(wrapper.length === 0 || wrapper.slice(1).join(" ") === "--data=2147483648 --");
 * ```
 */
export async function memoryWrapper(mebibytes: number): Promise<string[]> {
  for (const candidate of ["/usr/bin/prlimit", "/bin/prlimit", "/usr/local/bin/prlimit"]) {
    try {
      if ((await Deno.stat(candidate)).isFile) {
        return [candidate, `--data=${Math.round(mebibytes * 1024 * 1024)}`, "--"];
      }
    } catch {
      // Not there.
    }
  }
  return [];
}

/** One module of `deno info --json` output, as far as it is read here. */
interface GraphModule {
  specifier: string;
  error?: string;
  dependencies?: GraphDependency[];
  typesDependency?: { specifier?: string; dependency?: { specifier?: string } };
}

interface GraphDependency {
  specifier: string;
  code?: { specifier?: string; error?: string; span?: { start?: { line?: number } } };
  type?: { specifier?: string; error?: string; span?: { start?: { line?: number } } };
  isDynamic?: boolean;
}

/** What {@link vetImports} checks. */
export interface VetOptions {
  /** The staged workspace (teacher's kit, submission's implementation files). */
  workspace: string;
  /** Test files relative to the workspace, e.g. `exercises/01-demo/half_test.ts`. */
  testFiles: string[];
  /** Wall-clock limit of the analysis in milliseconds (default 20 s). */
  timeoutMs?: number;
}

/**
 * Where a module lies: `"submission"` (an implementation file under `exercises/`), `"kit-lib"`
 * (a helper the kit offers to exercises), or `"other"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyModule } from "./sandbox.ts";
 * assert.equal(classifyModule("file:///w/exercises/01-demo/half.ts", "/w"), "submission");
 * assert.equal(classifyModule("file:///w/kit/cases/01-demo.json", "/w"), "other");
 * assert.equal(classifyModule("node:fs", "/w"), "other");
 * ```
 */
export function classifyModule(
  specifier: string,
  workspace: string,
): "submission" | "kit-lib" | "other" {
  if (!specifier.startsWith("file://")) return "other";
  let path: string;
  try {
    path = fileURLToPath(specifier);
  } catch {
    return "other";
  }
  const inside = relative(workspace, path);
  if (inside.startsWith("..") || inside.includes("\0")) return "other";
  const parts = inside.split(sep);
  const isCode = /\.(ts|mts|js|mjs)$/.test(path) && !/_test\.(ts|mts|js|mjs)$/.test(path);
  if (!isCode) return "other";
  if (parts.length === 3 && parts[0] === "exercises" && /^\d{2}-[a-z0-9-]+$/.test(parts[1])) {
    return "submission";
  }
  if (
    parts.length >= 3 && parts[0] === "kit" && parts[1] === "lib" && !parts.includes("testdata")
  ) {
    return "kit-lib";
  }
  return "other";
}

function lineOf(dep: GraphDependency): string {
  const line = dep.code?.span?.start?.line ?? dep.type?.span?.start?.line;
  return line === undefined ? "" : `:${line + 1}`;
}

/**
 * Runs the trusted `deno info --json` on the given test files, with no network.
 *
 * @example
 * ```ts ignore
 * const modules = await moduleGraph("/tmp/stage", ["exercises/01-demo/half_test.ts"]);
 * ```
 */
async function moduleGraph(
  workspace: string,
  testFiles: string[],
  timeoutMs: number,
): Promise<{ modules: GraphModule[] } | string> {
  // One root importing every test file: one analysis per submission instead of one per file.
  // The root is written by the grader into the workspace; nothing runs it.
  const root = join(workspace, ".grade-graph-root.ts");
  await Deno.writeTextFile(
    root,
    testFiles.map((file) => `import ${JSON.stringify("./" + file.split(sep).join("/"))};`)
      .join("\n") + "\n",
  );
  const output = await runDeno(
    {
      args: [
        "info",
        "--json",
        "--no-remote",
        "--no-npm",
        `--config=${join(workspace, "deno.json")}`,
        root,
      ],
      cwd: workspace,
      kind: "sandboxed",
    },
    undefined,
    timeoutMs,
  );
  await Deno.remove(root).catch(() => {});
  if (output.timedOut) return "the import analysis did not finish in time";
  try {
    const graph = JSON.parse(output.stdout);
    if (!Array.isArray(graph?.modules)) throw new Error("no modules");
    return graph;
  } catch {
    const message = output.stderr.split("\n").find((line) => line.trim());
    return `the imports could not be analysed${message ? `: ${message.trim()}` : ""}`;
  }
}

/**
 * Checks what the submission's modules import, per test file. A test file maps to the reason it
 * must not run, or to `undefined` when it may. The rule: a module of the submission may import
 * the submission's own implementation files (`exercises/NN-slug/*.ts`, any lesson) and the kit's
 * helpers in `kit/lib/`; nothing else: no test file, no `kit/cases`, no `solutions/`, no absolute
 * or `../..` path out of the workspace, no `node:`, `npm:`, `jsr:`, `http(s):`, `data:` or `blob:`
 * module, no bare specifier; type-only imports included.
 * The example is not run: it needs a staged workspace and runs `deno info` (the grading tests
 * vet testdata/hostile/).
 *
 * @example
 * ```ts ignore
 * const verdicts = await vetImports({ workspace: stage.root, testFiles: ["exercises/01-demo/half_test.ts"] });
 * assert.equal(verdicts.get("exercises/01-demo/half_test.ts"), undefined); // may run
 * ```
 */
export async function vetImports(options: VetOptions): Promise<Map<string, string | undefined>> {
  const { workspace, testFiles } = options;
  const verdicts = new Map<string, string | undefined>();
  if (testFiles.length === 0) return verdicts;
  const graph = await moduleGraph(workspace, testFiles, options.timeoutMs ?? 20_000);
  if (typeof graph === "string") {
    for (const file of testFiles) verdicts.set(file, `refused: ${graph}`);
    return verdicts;
  }
  const bySpecifier = new Map(graph.modules.map((m) => [m.specifier, m]));
  // Why each submission module is refused, if it is.
  const problems = new Map<string, string>();
  for (const module of graph.modules) {
    if (classifyModule(module.specifier, workspace) !== "submission") continue;
    const where = relative(workspace, fileURLToPath(module.specifier));
    const targets: { raw: string; resolved?: string; line: string }[] = [];
    for (const dep of module.dependencies ?? []) {
      const line = lineOf(dep);
      if (dep.code) targets.push({ raw: dep.specifier, resolved: dep.code.specifier, line });
      if (dep.type) targets.push({ raw: dep.specifier, resolved: dep.type.specifier, line });
      if (!dep.code && !dep.type) targets.push({ raw: dep.specifier, line });
    }
    const types = module.typesDependency;
    if (types) {
      targets.push({
        raw: types.specifier ?? "?",
        resolved: types.dependency?.specifier,
        line: "",
      });
    }
    for (const target of targets) {
      const kind = target.resolved ? classifyModule(target.resolved, workspace) : "other";
      if (kind === "other") {
        problems.set(
          module.specifier,
          `refused: ${where}${target.line} imports ${
            JSON.stringify(target.raw)
          }; an exercise may import only the exercise files of exercises/ and the kit's kit/lib/ helpers`,
        );
        break;
      }
    }
  }
  for (const file of testFiles) {
    const rootSpecifier = pathToFileURL(join(workspace, file)).href;
    const seen = new Set<string>();
    const queue = [rootSpecifier];
    let reason: string | undefined;
    while (queue.length && !reason) {
      const specifier = queue.shift()!;
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      reason = problems.get(specifier);
      const module = bySpecifier.get(specifier);
      for (const dep of module?.dependencies ?? []) {
        for (const next of [dep.code?.specifier, dep.type?.specifier]) {
          if (next && !seen.has(next)) queue.push(next);
        }
      }
    }
    verdicts.set(file, reason);
  }
  return verdicts;
}
