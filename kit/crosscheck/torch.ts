/**
 * `deno task crosscheck-torch`: replays every graded case of lesson 04 with real PyTorch and
 * reports the worst difference from the reference trajectories. Optional: it skips itself,
 * exiting 0, when no `python3` with the `torch` module is found (on Debian,
 * `apt-get install python3-torch`), and neither CI nor `deno task test` runs it.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { fileURLToPath } from "node:url";

/** Agreement required, relative to max(|reference|, 1e-12): the graded tests' own tolerance. */
export const TOLERANCE = 1e-10;

/** What the Python side reports. */
export interface TorchReport {
  /** PyTorch's version. */
  torch: string;
  /** Cases and steps compared. */
  cases: number;
  steps: number;
  /** Worst relative difference, and the case and step where it happened. */
  worst: number;
  where: string;
}

/**
 * The one-line summary of a report, and whether it passes {@link TOLERANCE}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summary } from "./torch.ts";
 * const r = { torch: "1.13.0", cases: 2, steps: 10, worst: 3e-16, where: "/sgd/plain[0] step 4" };
 * assert.ok(summary(r).ok);
 * ```
 */
export function summary(report: TorchReport): { ok: boolean; line: string } {
  const ok = report.worst <= TOLERANCE;
  return {
    ok,
    line: `PyTorch ${report.torch}: ${report.cases} cases, ${report.steps} steps; worst relative ` +
      `difference ${report.worst.toExponential(1)} (${report.where || "none"}), ` +
      `${ok ? "within" : "beyond"} ${TOLERANCE}`,
  };
}

/**
 * The first interpreter that can import torch: `$TORCH_PYTHON`, then `python3` on the path, then
 * Debian's `/usr/bin/python3` (where `apt-get install python3-torch` puts it, even when another
 * `python3`, such as pyenv's, comes first on the path).
 */
async function pythonWithTorch(): Promise<string | undefined> {
  const candidates = [Deno.env.get("TORCH_PYTHON"), "python3", "/usr/bin/python3"];
  for (const python of candidates) {
    if (!python) continue;
    try {
      const probe = await new Deno.Command(python, {
        args: ["-c", "import torch"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (probe.success) return python;
    } catch {
      // Not installed.
    }
  }
  return undefined;
}

async function main(): Promise<number> {
  const script = fileURLToPath(new URL("./torch_optimizers.py", import.meta.url));
  const cases = fileURLToPath(new URL("../cases/04-optimizers.json", import.meta.url));
  const python = await pythonWithTorch();
  if (!python) {
    console.log(
      "skipped: no python3 with torch found (Debian: apt-get install python3-torch; " +
        "or name the interpreter in TORCH_PYTHON)",
    );
    return 0;
  }
  const out = await new Deno.Command(python, { args: [script, cases], stderr: "inherit" }).output();
  if (!out.success) return 1;
  const { ok, line } = summary(JSON.parse(new TextDecoder().decode(out.stdout)));
  console.log(line);
  return ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
