/**
 * `deno task bench check [--runs N] [--lesson lesson-03]`: how long the learner waits for
 * `deno task check`, warm, beside `deno run hello.ts` measured in the same run (the floor of any
 * Deno command on this machine). Prints medians of N runs (default 15) after one untimed run each,
 * for the stubs and for `--solutions`, and the machine's load average, since a shared machine
 * makes every figure slower.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./mlp.ts";
import { runDeno } from "../lib/process.ts";

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

/**
 * Runs the benchmark with the command-line `args`.
 *
 * @example
 * ```ts ignore
 * await benchCheck(["--runs", "9"]);
 * ```
 */
export async function benchCheck(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: "string", default: "15" },
      lesson: { type: "string", default: "lesson-03" },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 15);
  const scratch = await Deno.makeTempDir({ prefix: "kit-bench-check-" });
  const hello = join(scratch, "hello.ts");
  await Deno.writeTextFile(hello, 'console.log("hello");\n');
  const commands: [string, string[]][] = [
    ["deno run hello.ts", ["run", hello]],
    [`deno task check ${values.lesson}`, ["task", "check", values.lesson]],
    [`deno task check ${values.lesson} --solutions`, [
      "task",
      "check",
      values.lesson,
      "--solutions",
    ]],
  ];
  const times = commands.map(() => [] as number[]);
  try {
    for (const [, command] of commands) await timeCommand(command, KIT_ROOT);
    // Interleaved, so that a burst of load elsewhere touches every command alike.
    for (let i = 0; i < runs; i++) {
      for (const [j, [, command]] of commands.entries()) {
        times[j].push(await timeCommand(command, KIT_ROOT));
      }
    }
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  console.log(
    `warm medians of ${runs} runs; load average ${loadAverage()} (${navigator.hardwareConcurrency} CPUs)`,
  );
  for (const [j, [label]] of commands.entries()) {
    const sorted = [...times[j]].sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(42)} ${median(times[j]).toFixed(3)} s   (min ${sorted[0].toFixed(3)}, max ${
        sorted.at(-1)!.toFixed(3)
      })`,
    );
  }
  const worst = Math.max(median(times[1]), median(times[2]));
  console.log(
    `goal: deno task check ${values.lesson} ≤ ${CHECK_GOAL_SECONDS} s warm: ${
      worst <= CHECK_GOAL_SECONDS ? "met" : "missed"
    } (${worst.toFixed(3)} s)`,
  );
}
