/**
 * Starting child processes: the one place that decides what environment a child gets, starts a
 * child `deno`, kills it after a limit and reads its output without letting it fill memory.
 *
 * Two kinds of child, and nothing in between:
 * - `"sandboxed"`: a process that runs the learner's code (a graded `deno test`, the import
 *   analysis of a submission). It gets only what finds Deno's cache, never a network setting,
 *   and is started with `--cached-only` so it cannot download anything by construction.
 * - `"kit"`: the kit's own tool (`deno check`, `deno fmt`, the self-test's `deno test`, drawing
 *   held-out cases). It also gets the standard network settings (a TLS proxy's certificate
 *   authority, proxies, the registry), so that what it resolves works behind a proxy.
 * No child ever gets a credential (`DENO_AUTH_TOKENS`, `NPM_TOKEN`). What children load is
 * fetched first by the command the user runs, with the user's environment ({@link cacheModules}).
 *
 * @module
 */

import { createHash } from "node:crypto";
import { join } from "node:path";

/** Which kind of child: one running the learner's code, or one of the kit's own tools. */
export type ChildKind = "sandboxed" | "kit";

/** What any child needs to find its Deno cache and temporary folder. */
const CACHE_SETTINGS = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"];

/**
 * The standard settings that let Deno reach the npm registry from behind a proxy or a private
 * certificate authority: passed to every kit child, never to a sandboxed one.
 */
export const NETWORK_SETTINGS: readonly string[] = [
  "DENO_CERT",
  "DENO_TLS_CA_STORE",
  "NODE_EXTRA_CA_CERTS",
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "http_proxy",
  "NO_PROXY",
  "no_proxy",
  "NPM_CONFIG_REGISTRY",
  "npm_config_registry",
];

/** Secrets no child gets, whatever its kind. */
export const CREDENTIALS: readonly string[] = ["DENO_AUTH_TOKENS", "NPM_TOKEN"];

/**
 * The environment of a child `deno` of the given kind, built from `source` (default: this
 * process's environment): the cache settings, plus the network settings for a kit child,
 * plus quiet defaults; nothing else of the caller's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { childEnvironment } from "./process.ts";
 * const user = { HOME: "/h", NODE_EXTRA_CA_CERTS: "/ca.pem", NPM_TOKEN: "secret", EDITOR: "vi" };
 * assert.equal(childEnvironment("kit", user).NODE_EXTRA_CA_CERTS, "/ca.pem");
 * assert.equal(childEnvironment("sandboxed", user).NODE_EXTRA_CA_CERTS, undefined);
 * assert.equal(childEnvironment("kit", user).NPM_TOKEN, undefined);
 * assert.equal(childEnvironment("sandboxed", user).HOME, "/h");
 * assert.equal(childEnvironment("kit", user).EDITOR, undefined);
 * ```
 */
export function childEnvironment(
  kind: ChildKind,
  source: Record<string, string> = Deno.env.toObject(),
): Record<string, string> {
  const env: Record<string, string> = {
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
  };
  const passed = kind === "kit" ? [...CACHE_SETTINGS, ...NETWORK_SETTINGS] : CACHE_SETTINGS;
  for (const name of passed) {
    if (source[name] !== undefined && !CREDENTIALS.includes(name)) env[name] = source[name];
  }
  return env;
}

/**
 * The user's own environment without the credentials: what the command the user runs passes to
 * the one child that downloads for it (`deno install`), so that it works wherever the user's
 * `deno` works.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { userEnvironment } from "./process.ts";
 * assert.deepEqual(userEnvironment({ A: "1", NPM_TOKEN: "s" }), { A: "1" });
 * ```
 */
export function userEnvironment(
  source: Record<string, string> = Deno.env.toObject(),
): Record<string, string> {
  const env = { ...source };
  for (const name of CREDENTIALS) delete env[name];
  return env;
}

/** How to start a child `deno`. */
export interface DenoChild {
  /** The arguments after `deno`, e.g. `["test", "--no-check", "a_test.ts"]`. */
  args: string[];
  /** Its working folder. */
  cwd: string;
  /** A sandboxed child also gets `--cached-only` after a subcommand that loads code. */
  kind: ChildKind;
  /** Wraps the command, e.g. `["prlimit", "--data=2147483648", "--"]`. */
  wrapper?: string[];
  /** Default `"null"`. */
  stdin?: "null" | "piped";
  /** Default `"piped"`. */
  stdout?: "piped" | "null" | "inherit";
  /** Default `"piped"`. */
  stderr?: "piped" | "null" | "inherit";
}

/**
 * The command line of a child `deno` (without the executable): a sandboxed child's `run` or
 * `test` is followed by `--cached-only` unless its arguments already hold it. Other subcommands
 * take no such flag (`deno info` refuses it): their callers pass `--no-remote --no-npm`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denoArgs } from "./process.ts";
 * assert.deepEqual(denoArgs({ args: ["test", "a.ts"], cwd: ".", kind: "sandboxed" }), [
 *   "test",
 *   "--cached-only",
 *   "a.ts",
 * ]);
 * assert.deepEqual(denoArgs({ args: ["fmt", "-"], cwd: ".", kind: "kit" }), ["fmt", "-"]);
 * const info = ["info", "--json", "--no-remote", "--no-npm", "root.ts"];
 * assert.deepEqual(denoArgs({ args: info, cwd: ".", kind: "sandboxed" }), info);
 * ```
 */
export function denoArgs(child: DenoChild): string[] {
  const [command, ...rest] = child.args;
  const loadsCode = command === "run" || command === "test";
  if (child.kind !== "sandboxed" || !loadsCode || rest.includes("--cached-only")) return child.args;
  return [command, "--cached-only", ...rest];
}

/**
 * Starts a child `deno` with the environment of its kind (see {@link childEnvironment}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startDeno } from "./process.ts";
 * const child = startDeno({ args: ["--version"], cwd: ".", kind: "kit" });
 * const output = await child.output();
 * assert.ok(new TextDecoder().decode(output.stdout).startsWith("deno "));
 * ```
 */
export function startDeno(child: DenoChild): Deno.ChildProcess {
  const wrapper = child.wrapper ?? [];
  const args = denoArgs(child);
  return new Deno.Command(wrapper[0] ?? Deno.execPath(), {
    args: wrapper.length ? [...wrapper.slice(1), Deno.execPath(), ...args] : args,
    cwd: child.cwd,
    clearEnv: true,
    env: childEnvironment(child.kind),
    stdin: child.stdin ?? "null",
    stdout: child.stdout ?? "piped",
    stderr: child.stderr ?? "piped",
  }).spawn();
}

/** How a child `deno` run by {@link runDeno} ended. */
export interface DenoOutput {
  /** True when it exited with status 0 (and was not killed). */
  success: boolean;
  /** Its exit code. */
  code: number;
  /** Its whole standard output, decoded. */
  stdout: string;
  /** Its whole standard error, decoded. */
  stderr: string;
  /** True when it was killed at `timeoutMs`. */
  timedOut: boolean;
}

/**
 * Runs a child `deno` of the kit's own to its end (its output is trusted, so read whole), with
 * `input` on its standard input and an optional time limit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runDeno } from "./process.ts";
 * const out = await runDeno({ args: ["fmt", "--ext=ts", "-"], cwd: ".", kind: "kit" }, "let a=1");
 * assert.equal(out.stdout, "let a = 1;\n");
 * ```
 */
export async function runDeno(
  child: DenoChild,
  input?: string,
  timeoutMs?: number,
): Promise<DenoOutput> {
  const process = startDeno({ ...child, stdin: input === undefined ? "null" : "piped" });
  const deadline = timeoutMs === undefined ? undefined : killAfter(process, timeoutMs);
  if (input !== undefined) {
    const writer = process.stdin.getWriter();
    await writer.write(new TextEncoder().encode(input));
    await writer.close();
  }
  const output = await process.output();
  const timedOut = deadline?.stop() ?? false;
  const decode = (bytes: Uint8Array | null) => bytes ? new TextDecoder().decode(bytes) : "";
  return {
    success: output.success && !timedOut,
    code: output.code,
    stdout: decode(child.stdout === undefined || child.stdout === "piped" ? output.stdout : null),
    stderr: decode(child.stderr === undefined || child.stderr === "piped" ? output.stderr : null),
    timedOut,
  };
}

/**
 * Kills `child` with SIGKILL once `ms` milliseconds have passed. `stop()` cancels the timer and
 * tells whether the kill happened, i.e. whether the child ran out of time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { killAfter, startDeno } from "./process.ts";
 * const child = startDeno({ args: ["eval", "setTimeout(() => {}, 60_000)"], cwd: ".", kind: "kit" });
 * const deadline = killAfter(child, 200);
 * await child.output();
 * assert.equal(deadline.stop(), true);
 * ```
 */
export function killAfter(child: Deno.ChildProcess, ms: number): { stop(): boolean } {
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }, ms);
  return {
    stop() {
      clearTimeout(timer);
      return killed;
    },
  };
}

/** How much of an untrusted child's output is kept: its start and its end. */
const KEEP_HEAD = 16 * 1024;
const KEEP_TAIL = 48 * 1024;

/**
 * Reads a stream to its end, keeping only its first 16 KiB and last 48 KiB, so that a program
 * printing in an endless loop cannot fill the grader's memory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readBounded } from "./process.ts";
 * const text = await readBounded(new Blob(["hello"]).stream());
 * assert.equal(text, "hello");
 * ```
 */
export async function readBounded(stream: ReadableStream<Uint8Array>): Promise<string> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let tail: Uint8Array[] = [];
  let tailBytes = 0;
  let dropped = 0;
  for await (const chunk of stream) {
    if (headBytes < KEEP_HEAD) {
      head.push(chunk);
      headBytes += chunk.length;
      continue;
    }
    tail.push(chunk);
    tailBytes += chunk.length;
    while (tailBytes - tail[0].length >= KEEP_TAIL) {
      tailBytes -= tail[0].length;
      dropped += tail[0].length;
      tail = tail.slice(1);
    }
  }
  const decode = (parts: Uint8Array[]) => new TextDecoder().decode(concat(parts));
  const gap = dropped ? `\n[… ${dropped} bytes of output left out …]\n` : "";
  return decode(head) + gap + decode(tail);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/**
 * The first `error:` line a child `deno` printed, without the prefix: what really went wrong when
 * it died before reporting (a download refused, a module not in the cache).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstErrorLine } from "./process.ts";
 * const printed = "Download x\nerror: could not download string-width: invalid peer certificate\n";
 * assert.equal(firstErrorLine(printed), "could not download string-width: invalid peer certificate");
 * assert.equal(firstErrorLine("ok\n"), undefined);
 * ```
 */
export function firstErrorLine(printed: string): string | undefined {
  const line = printed.split("\n").find((l) => l.startsWith("error: "));
  return line?.slice("error: ".length).trim();
}

/**
 * Fetches what the children started in `workspace` will load, in this process's name and with
 * the user's environment (see {@link userEnvironment}): `deno install --frozen` against the
 * workspace's `deno.json` and `deno.lock`. Skipped when the same lock file was already installed
 * into the same cache (a stamp under `.kit/`), so a warm run pays nothing. Throws with Deno's
 * own first error line when the packages cannot be fetched.
 * The example is not run: it runs deno cache, which may use the network.
 *
 * @example
 * ```ts ignore
 * await cacheModules(Deno.cwd()); // then start sandboxed children: they find all in the cache
 * ```
 */
export async function cacheModules(workspace: string): Promise<void> {
  const lock = await Deno.readTextFile(join(workspace, "deno.lock")).catch(() => "");
  const config = await Deno.readTextFile(join(workspace, "deno.json"));
  const env = userEnvironment();
  const key = createHash("sha256").update(
    JSON.stringify([lock, config, env.DENO_DIR, env.XDG_CACHE_HOME, env.HOME, Deno.version.deno]),
  ).digest("hex");
  const stamp = join(workspace, ".kit", "cached-modules");
  if (await Deno.readTextFile(stamp).catch(() => "") === key) return;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["install", "--frozen", "--quiet"],
    cwd: workspace,
    clearEnv: true,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const printed = new TextDecoder().decode(output.stderr);
    throw new Error(
      `deno install --frozen could not fetch the kit's npm packages: ${
        firstErrorLine(printed) ?? printed.trim()
      }`,
    );
  }
  await Deno.mkdir(join(workspace, ".kit"), { recursive: true });
  await Deno.writeTextFile(stamp, key);
}
