/**
 * `deno task bench check [--runs N] [--lesson lesson-03] [--against DIR]`: how long the learner
 * waits for `deno task check`, warm, beside `deno run hello.ts` measured in the same run (the
 * floor of any Deno command on this machine). Prints medians of N runs (default 15) after one
 * untimed run each, for the stubs and for `--solutions`, and the machine's load average, since a
 * shared machine makes every figure slower. `--against DIR` times the same two commands in
 * another checkout of the kit (say, `git worktree add DIR main`) in the same interleaved runs,
 * so that a change is compared with what it changes under the same load.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./mlp.ts";
import { runDeno } from "../lib/process.ts";
import { parseCommandLine, wholeNumber } from "../cli/args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The goal of issue 11 for `deno task check lesson-03`, warm, in seconds. */
export const CHECK_GOAL_SECONDS = 0.2;

async function timeCommand(args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  // It times the user's own commands (`deno task check`): a kit child, network settings kept.
  await runDeno({ args, cwd, kind: "kit", stdout: "null", stderr: "null" });
  return (performance.now() - started) / 1000;
}

function loadAverage(): string {
  try {
    return Deno.loadavg().map((x) => x.toFixed(2)).join(" ");
  } catch {
    return "unknown";
  }
}

/** One timed command: its label, its arguments to `deno`, and the folder it runs in. */
interface Timed {
  label: string;
  args: string[];
  cwd: string;
}

/**
 * The commands one benchmark run times: `deno run hello.ts`, then the check of `lesson` on the
 * stubs and on the solutions, here and in each folder of `against`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkCommands } from "./check.ts";
 * const commands = checkCommands("/tmp/hello.ts", "lesson-03", "/kit", ["/main"]);
 * assert.deepEqual(commands.map((c) => c.label), [
 *   "deno run hello.ts",
 *   "deno task check lesson-03",
 *   "deno task check lesson-03 --solutions",
 *   "deno task check lesson-03 [/main]",
 *   "deno task check lesson-03 --solutions [/main]",
 * ]);
 * assert.equal(commands[4].cwd, "/main");
 * ```
 */
export function checkCommands(
  hello: string,
  lesson: string,
  kitRoot: string,
  against: string[] = [],
): Timed[] {
  const commands: Timed[] = [{ label: "deno run hello.ts", args: ["run", hello], cwd: kitRoot }];
  for (const cwd of [kitRoot, ...against]) {
    const where = cwd === kitRoot ? "" : ` [${cwd}]`;
    for (const extra of [[], ["--solutions"]]) {
      commands.push({
        label: [`deno task check ${lesson}`, ...extra].join(" ") + where,
        args: ["task", "check", lesson, ...extra],
        cwd,
      });
    }
  }
  return commands;
}

/**
 * Runs the benchmark with the command-line `args`. The example is not run: it takes minutes.
 *
 * @example
 * ```ts ignore
 * await benchCheck(["--runs", "9", "--against", "../main"]);
 * ```
 */
export async function benchCheck(args: string[]): Promise<void> {
  const { values } = parseCommandLine(args, {
    runs: { type: "string", default: "15" },
    lesson: { type: "string", default: "lesson-03" },
    against: { type: "string", multiple: true },
  }, false);
  const runs = wholeNumber("runs", values.runs);
  const scratch = await Deno.makeTempDir({ prefix: "kit-bench-check-" });
  const hello = join(scratch, "hello.ts");
  await Deno.writeTextFile(hello, 'console.log("hello");\n');
  const against = (values.against ?? []).map((dir) => resolve(dir));
  const commands = checkCommands(hello, values.lesson, KIT_ROOT, against);
  const times = commands.map(() => [] as number[]);
  try {
    for (const { args, cwd } of commands) await timeCommand(args, cwd);
    // Interleaved, so that a burst of load elsewhere touches every command alike.
    for (let i = 0; i < runs; i++) {
      for (const [j, { args, cwd }] of commands.entries()) {
        times[j].push(await timeCommand(args, cwd));
      }
    }
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  console.log(
    `warm medians of ${runs} runs; load average ${loadAverage()} (${navigator.hardwareConcurrency} CPUs)`,
  );
  for (const [j, { label }] of commands.entries()) {
    const sorted = [...times[j]].sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(Math.max(42, ...commands.map((c) => c.label.length)))} ${
        median(times[j]).toFixed(3)
      } s   (min ${sorted[0].toFixed(3)}, max ${sorted.at(-1)!.toFixed(3)})`,
    );
  }
  const worst = Math.max(median(times[1]), median(times[2]));
  console.log(
    `goal: deno task check ${values.lesson} ≤ ${CHECK_GOAL_SECONDS} s warm: ${
      worst <= CHECK_GOAL_SECONDS ? "met" : "missed"
    } (${worst.toFixed(3)} s)`,
  );
}
