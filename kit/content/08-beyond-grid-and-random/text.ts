/**
 * The plans and tables of lesson 08's text, computed by the reference: the successive-halving
 * example, Hyperband's brackets for the paper's R = 81, η = 3, the floating-point logarithm
 * pitfall and scikit-learn's schedules.
 *
 * @module
 */

import { formatNumber, markdownTable } from "../format.ts";
import {
  floorLog,
  halvingPlan,
  hyperbandPlan,
} from "../../../solutions/08-beyond-grid-and-random/halving_plan.ts";
import {
  type HalvingOptions,
  halvingSchedule,
} from "../../../solutions/08-beyond-grid-and-random/sklearn_schedule.ts";
import { floatLogFailures } from "./cases.ts";

const thousands = (x: number) => x.toLocaleString("en-US");

/** The lesson's successive-halving example. */
export const EXAMPLE = { n: 81, eta: 3, maxBudget: 81 } as const;

function halvingTable(): string {
  const plan = halvingPlan(EXAMPLE);
  let previous = 0;
  const rows = plan.rungs.map((r, i) => {
    const row = [
      i,
      r.configs,
      r.budget,
      thousands(r.configs * r.budget),
      `${r.configs} × ${r.budget - previous} = ${thousands(r.configs * (r.budget - previous))}`,
    ];
    previous = r.budget;
    return row;
  });
  rows.push([
    "total",
    "",
    "",
    `**${thousands(plan.costFromScratch)}**`,
    `**${thousands(plan.costWithResume)}**`,
  ]);
  return markdownTable(
    [
      "rung i",
      "configurations nᵢ",
      "epochs rᵢ",
      "from scratch nᵢ·rᵢ",
      "with resume nᵢ·(rᵢ − rᵢ₋₁)",
    ],
    rows,
  );
}

function hyperbandTable(): string {
  const plan = hyperbandPlan(81, 3);
  const depth = plan.sMax + 1;
  const rows: string[][] = [];
  for (let i = 0; i < depth; i++) {
    rows.push([
      String(i),
      ...plan.brackets.map((b) => b.rungs[i] ? `${b.rungs[i].configs} @ ${b.rungs[i].budget}` : ""),
    ]);
  }
  rows.push(["epochs, from scratch", ...plan.brackets.map((b) => thousands(b.costFromScratch))]);
  rows.push(["epochs, with resume", ...plan.brackets.map((b) => thousands(b.costWithResume))]);
  return markdownTable(["rung i", ...plan.brackets.map((b) => `s = ${b.s}: nᵢ @ rᵢ`)], rows);
}

function floatLogTable(): string {
  const shown = [[81, 3], [243, 3], [1000, 10], [59049, 3], [1000000, 10], [64, 2]];
  return markdownTable(
    ["x", "base", "`Math.log(x) / Math.log(base)`", "its floor", "`floorLog(x, base)`"],
    shown.map(([x, base]) => {
      const q = Math.log(x) / Math.log(base);
      return [thousands(x), base, String(q), Math.floor(q), floorLog(x, base)];
    }),
  );
}

/** The scikit-learn settings the lesson works through. */
export const SKLEARN_EXAMPLES: { what: string; options: HalvingOptions }[] = [
  {
    what: "100 candidates, min 20, max 1,000 samples",
    options: {
      nCandidates: 100,
      factor: 3,
      minResources: 20,
      maxResources: 1000,
      aggressiveElimination: false,
    },
  },
  {
    what: "the same, `aggressive_elimination=True`",
    options: {
      nCandidates: 100,
      factor: 3,
      minResources: 20,
      maxResources: 1000,
      aggressiveElimination: true,
    },
  },
  {
    what: "the same, `min_resources='exhaust'`",
    options: {
      nCandidates: 100,
      factor: 3,
      minResources: "exhaust",
      maxResources: 1000,
      aggressiveElimination: false,
    },
  },
  {
    what: "`n_candidates='exhaust'`, min 20",
    options: {
      nCandidates: "exhaust",
      factor: 3,
      minResources: 20,
      maxResources: 1000,
      aggressiveElimination: false,
    },
  },
];

function sklearnTable(): string {
  return markdownTable(
    [
      "setting (factor 3)",
      "`n_candidates_`",
      "`n_resources_`",
      "required / possible iterations",
      "kept at the end",
    ],
    SKLEARN_EXAMPLES.map(({ what, options }) => {
      const s = halvingSchedule(options);
      return [
        what,
        s.nCandidates.join(", "),
        s.nResources.join(", "),
        `${s.nRequiredIterations} / ${s.nPossibleIterations}`,
        s.nRemainingCandidates,
      ];
    }),
  );
}

/** README regions. */
export const blocks: Record<string, () => string> = {
  "halving-table": halvingTable,
  "hyperband-table": hyperbandTable,
  "float-log-table": floatLogTable,
  "sklearn-table": sklearnTable,
};

const plan = () => halvingPlan(EXAMPLE);
/** Inline values. */
export const values: Record<string, () => string> = {
  "sh-scratch": () => thousands(plan().costFromScratch),
  "sh-resume": () => thousands(plan().costWithResume),
  "sh-full": () => thousands(EXAMPLE.n * EXAMPLE.maxBudget),
  "sh-scratch-share": () =>
    `${
      formatNumber(100 * plan().costFromScratch / (EXAMPLE.n * EXAMPLE.maxBudget), { digits: 2 })
    } %`,
  "hb-scratch": () => thousands(hyperbandPlan(81, 3).costFromScratch),
  "hb-resume": () => thousands(hyperbandPlan(81, 3).costWithResume),
  "hb-configs": () =>
    String(hyperbandPlan(81, 3).brackets.reduce((sum, b) => sum + b.rungs[0].configs, 0)),
  "hb-random-trials": () => {
    const brackets = hyperbandPlan(81, 3).brackets;
    return String(brackets[brackets.length - 1].rungs[0].configs);
  },
  "float-log-count": () => String(floatLogFailures().length),
  "float-log-1000": () => String(Math.log(1000) / Math.log(10)),
};
