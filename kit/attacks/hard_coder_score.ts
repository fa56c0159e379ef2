/**
 * What the hard-coder (hard_coder.ts) scores, for kit/TEACHERS.md's figure: the attack written
 * from the public reference run and graded once with the public cases and once with held-out
 * cases, over every lesson. `deno run -A kit/attacks/hard_coder_score.ts` prints both, so the
 * figure in TEACHERS.md is measured, not typed (a few minutes: it runs every lesson's
 * solutions and the attack, twice).
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findSubmissions, gradeSubmission, prepareGrader } from "../grading/classroom.ts";
import { discoverExpected } from "../grading/trusted.ts";
import { listLessons } from "../course/lessons.ts";
import { loadManifest } from "../course/manifest.ts";
import { writeHardCoder } from "./hard_coder.ts";

/** The hard-coder's points in one grading mode. */
export interface HardCoderScore {
  /** How many exported functions the attack answers from the table. */
  answered: number;
  /** Points earned with the public cases, and points available. */
  publicCases: { score: number; maxScore: number };
  /** Points earned with held-out cases drawn from `seed`. */
  heldOut: { score: number; maxScore: number };
}

/**
 * Writes the hard-coder for every lesson of `kitRoot` and grades it in both modes.
 *
 * The example is not run: it runs every lesson's solutions and grades the attack twice
 * (minutes; held_out_test.ts checks the held-out half).
 *
 * @example
 * ```ts ignore
 * const score = await hardCoderScore(kitRoot, "a fixed secret");
 * assert.equal(score.heldOut.score, 0);
 * assert.ok(score.publicCases.score > 0);
 * ```
 */
export async function hardCoderScore(kitRoot: string, seed: string): Promise<HardCoderScore> {
  const lessons = await listLessons(kitRoot);
  const manifest = await loadManifest(kitRoot);
  const discovery = await discoverExpected(kitRoot, lessons, manifest);
  const out = await Deno.makeTempDir({ prefix: "kit-hard-coder-score-" });
  try {
    const folder = join(out, "hard-coder");
    const answered = await writeHardCoder(kitRoot, lessons.map((l) => l.slug), discovery, folder);
    const [submission] = await findSubmissions([folder]);
    const graded = async (heldOutSeed?: string) => {
      const grader = await prepareGrader({ kitRoot, heldOutSeed, concurrency: 2 });
      const result = await gradeSubmission(grader, submission);
      return { score: result.score, maxScore: result.maxScore };
    };
    return { answered, publicCases: await graded(), heldOut: await graded(seed) };
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

if (import.meta.main) {
  const kitRoot = fileURLToPath(new URL("../../", import.meta.url));
  const seed = Deno.env.get("KIT_HELD_OUT_SEED") ?? "hard-coder score: a fixed secret";
  const { answered, publicCases, heldOut } = await hardCoderScore(kitRoot, seed);
  console.log(
    `hard-coder (${answered} functions answered from the public cases): ` +
      `${publicCases.score} of ${publicCases.maxScore} points with --public-cases, ` +
      `${heldOut.score} of ${heldOut.maxScore} with held-out cases`,
  );
}
