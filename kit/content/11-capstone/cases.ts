/**
 * Lesson 11's graded cases: the intervals, McNemar's exact test, and the campaigns the reference
 * runs against the fake lab of `kit/testkit/capstone_lab.ts`. A campaign's cases hold only its
 * plan and what the pre-registered baseline's test read gave (the same for every correct
 * campaign: the baseline and its seed are fixed by the protocol); every other rule is judged
 * from the lab's record (`kit/testkit/capstone_verdicts.ts`), whatever the campaign chose.
 *
 * @module
 */

import { integer, seededRandom } from "../../lib/random.ts";
import { fakeLab } from "../../testkit/capstone_lab.ts";
import { allVerdicts } from "../../capstone/verdicts.ts";
import {
  mcnemarExact,
  normalInterval,
  wilsonInterval,
  Z_95,
} from "../../../solutions/11-capstone/interval.ts";
import { runCampaign } from "../../../solutions/11-capstone/campaign.ts";

/** A graded campaign: its plan and the fake lab's budget. */
export interface CampaignCase {
  plan: { seed: number };
  budget: number;
}

/** The campaigns the graded tests run, before the drawn ones. */
export const GRADED_CAMPAIGNS: CampaignCase[] = [
  { plan: { seed: 3 }, budget: 300 },
  { plan: { seed: 11 }, budget: 240 },
  { plan: { seed: 7 }, budget: 420 },
];

function intervalCases() {
  const random = seededRandom("11/interval");
  const inputs = [
    { correct: 349, n: 360 },
    { correct: 360, n: 360 },
    { correct: 0, n: 360 },
    { correct: 0, n: 1797 },
    { correct: 1797, n: 1797 },
    { correct: 1, n: 2 },
    { correct: 9, n: 10 },
    ...Array.from({ length: 12 }, () => {
      const n = integer(random, 1, 2000);
      return { correct: integer(random, 0, n), n };
    }),
  ];
  const withZ = inputs.map((c, i) => ({ ...c, z: i % 3 === 2 ? 2.5758293035489 : Z_95 }));
  return {
    normal: withZ.map((c) => ({ ...c, expected: normalInterval(c.correct, c.n, c.z) })),
    wilson: withZ.map((c) => ({ ...c, expected: wilsonInterval(c.correct, c.n, c.z) })),
    invalid: [{ correct: 5, n: 0 }, { correct: 11, n: 10 }, { correct: -1, n: 10 }, {
      correct: 2.5,
      n: 10,
    }],
  };
}

function mcnemarCases() {
  const random = seededRandom("11/mcnemar");
  const pairs = [
    [0, 0],
    [0, 5],
    [5, 0],
    [12, 5],
    [6, 1],
    [40, 40],
    [600, 650],
    [0, 1100],
    ...Array.from({ length: 8 }, () => [integer(random, 0, 60), integer(random, 0, 60)]),
    ...Array.from({ length: 2 }, () => [integer(random, 300, 900), integer(random, 300, 900)]),
  ];
  return {
    pairs: pairs.map(([b, c]) => ({ b, c, expected: mcnemarExact(b, c) })),
    invalid: [{ b: -1, c: 3 }, { b: 2.5, c: 1 }, { b: 3, c: -0.5 }],
  };
}

/**
 * Two campaigns drawn from a string seed, so the held-out draw changes them. A draw on which the
 * reference breaks a rule is refused (the held-out drawer then draws again).
 */
function drawnCampaigns(): CampaignCase[] {
  const random = seededRandom("11/campaigns");
  const drawn = Array.from({ length: 2 }, () => ({
    plan: { seed: integer(random, 0, 1_000_000) },
    budget: integer(random, 200, 450),
  }));
  for (const c of drawn) {
    const broken = allVerdicts(c, (lab) => runCampaign(lab, c.plan));
    if (broken.length) throw new Error(`11/campaigns: ${JSON.stringify(c)}: ${broken.join("; ")}`);
  }
  return drawn;
}

function campaignCases() {
  const withExpected = (list: CampaignCase[]) =>
    list.map((c) => {
      const { lab, record } = fakeLab({ budget: c.budget });
      runCampaign(lab, c.plan);
      const first = record().find((e) => e.kind === "test");
      return {
        ...c,
        expected: {
          baselineRead: first?.kind === "test" ? [first.correct, first.hits.length] : [],
        },
      };
    });
  return { graded: withExpected(GRADED_CAMPAIGNS), random: withExpected(drawnCampaigns()) };
}

/**
 * Lesson 11's case file, `kit/cases/11-capstone.json`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { capstoneCases } from "./cases.ts";
 * const all = capstoneCases();
 * assert.deepEqual(Object.keys(all), ["intervals", "mcnemar", "campaign"]);
 * assert.deepEqual(JSON.stringify(capstoneCases()), JSON.stringify(all)); // seeded
 * const { graded } = all.campaign as { graded: { expected: { baselineRead: number[] } }[] };
 * // The reference reads the test rows for the baseline first: [correct, rows] on 360 rows.
 * assert.ok(graded.length > 0 && graded.every((c) => c.expected.baselineRead[1] === 360));
 * ```
 */
export function capstoneCases(): Record<string, unknown> {
  return { intervals: intervalCases(), mcnemar: mcnemarCases(), campaign: campaignCases() };
}
