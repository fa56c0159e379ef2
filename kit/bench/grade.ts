/**
 * `deno task bench grade [--copies 30,300] [--public-cases]`: how long `deno task grade` takes
 * for a class, with held-out cases on (the grade of record) unless `--public-cases`.
 *
 * For each class size it writes that many student copies into a scratch folder (alternately the
 * reference solutions and the untouched stubs, so that half the tests pass and half fail, as in
 * a real class), grades them with `deno task grade CLASS --fresh` in its own process, and prints
 * the wall time, the CPU time of the grader and its children (user + system, from bash's `time`)
 * and the load average before the run. The set-up (the reference run on the solutions, the
 * held-out draw) is included. Timings on a machine shared with other work say little: the CPU
 * time and the load average say how shared it was.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyTree } from "../grading/stage.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GRADE = join(KIT_ROOT, "kit", "cli", "grade.ts");

/** Writes `n` student copies into `dir` (`student-001/exercises/…`), solutions and stubs in turn. */
async function writeClass(dir: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const from = i % 2 === 0 ? "solutions" : "exercises";
    const target = join(dir, `student-${String(i + 1).padStart(3, "0")}`, "exercises");
    // The grader takes only the exercise files (not *_test.ts) of each copy.
    await copyTree(join(KIT_ROOT, from), target);
  }
}

/** One graded run: wall and CPU seconds, and how the run ended. */
async function gradeClass(
  classDir: string,
  out: string,
  publicCases: boolean,
): Promise<{ wall: number; cpu: number; summary: string }> {
  const command = [
    Deno.execPath(),
    "run",
    "--allow-read",
    "--allow-write",
    "--allow-run",
    "--allow-env",
    "--allow-sys",
    GRADE,
    classDir,
    "--out",
    out,
    "--fresh",
    ...(publicCases ? ["--public-cases"] : []),
  ];
  const result = await new Deno.Command("bash", {
    args: ["-c", 'TIMEFORMAT="%R %U %S"; time "$@" >"$OUT_LOG" 2>&1', "bench", ...command],
    cwd: KIT_ROOT,
    env: {
      DENO_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
      OUT_LOG: join(out, "grade.log"),
      KIT_HELD_OUT_SEED: Deno.env.get("KIT_HELD_OUT_SEED") ?? "bench grade: a fixed secret",
    },
    stdout: "null",
    stderr: "piped",
  }).output();
  const timing = new TextDecoder().decode(result.stderr).trim().split("\n").at(-1) ?? "";
  const [wall, user, system] = timing.split(" ").map(Number);
  const log = await Deno.readTextFile(join(out, "grade.log")).catch(() => "");
  if (!result.success) throw new Error(`deno task grade failed:\n${log.slice(-2000)}`);
  const summary = log.trim().split("\n").at(-1) ?? "";
  return { wall, cpu: user + system, summary };
}

/**
 * Runs the benchmark; `args` are its command-line options (`--copies 30,300`, `--public-cases`).
 * A real run grades hundreds of copies (minutes): the example shows only its argument check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { benchGrade } from "./grade.ts";
 * await assert.rejects(benchGrade(["--copies", "30,0"]), /--copies must list positive integers, got 30,0/);
 * ```
 */
export async function benchGrade(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      copies: { type: "string", default: "30,300" },
      "public-cases": { type: "boolean", default: false },
    },
  });
  const sizes = values.copies.split(",").map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(`--copies must list positive integers, got ${values.copies}`);
  }
  const dir = await Deno.makeTempDir({ prefix: "bench-grade-" });
  try {
    for (const n of sizes) {
      const classDir = join(dir, `class-${n}`);
      const out = join(dir, `reports-${n}`);
      await writeClass(classDir, n);
      await Deno.mkdir(out, { recursive: true });
      const load = Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
      const { wall, cpu, summary } = await gradeClass(classDir, out, values["public-cases"]);
      console.log(
        `${n} copies, ${values["public-cases"] ? "public cases" : "held-out cases"}: ` +
          `${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (load before ${load}); ${summary}`,
      );
    }
    console.log(
      `cpus: ${navigator.hardwareConcurrency}; load average now: ${Deno.loadavg().join(" ")}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
