/**
 * Lesson 11's second campaign design, beside the reference's `DESIGN`: another optimizer,
 * another space and another exploit method, to show (in the worked experiment and in the kit's
 * tests) that the rules hold whatever a learner chooses.
 *
 * @module
 */

import type { CampaignDesign } from "../../../solutions/11-capstone/campaign.ts";

/**
 * Adam on two hidden layers at a batch size of 64 (chosen for speed, then fixed), the schedule
 * as the scientific question, successive halving to exploit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM_HALVING } from "./designs.ts";
 * assert.equal(ADAM_HALVING.exploit, "halving");
 * ```
 */
export const ADAM_HALVING: CampaignDesign = {
  goal: "Does a cosine schedule beat a constant rate for Adam on a two-layer MLP, each with " +
    "its own tuned rate?",
  scientific: ["schedule"],
  nuisance: ["lr", "width", "l2"],
  fixed: { optimizer: "adam", batchSize: 64, depth: 2, dropout: 0, warmup: 0 },
  space: {
    schedule: { kind: "choice", values: ["constant", "cosine"] },
    lr: { kind: "log", low: 3e-4, high: 3e-2 },
    width: { kind: "log-int", low: 32, high: 256 },
    l2: { kind: "log", low: 1e-7, high: 1e-3 },
  },
  exploreShare: 0.35,
  keep: 3,
  exploit: "halving",
};
