/**
 * The capstone's report folder (lesson 11), from a session: `README.md` with the campaign's
 * statements, the comparison with the pre-registered baseline (configurations, Wilson intervals,
 * their widths next to the gap, McNemar's paired test) and the rules as the lab's record judged
 * them, then `deno task report`'s figures of the explore and the exploit phase, and the log.
 * Every number comes from the session; a teacher can read the folder on GitHub as it is.
 *
 * @module
 */

import { parseCsvRecords } from "../lib/csv.ts";
import { type Figure, reportFigures, type ReportInput } from "../search/report.ts";
import type { LogRow } from "../search/runner.ts";
import type { Session } from "./session.ts";
import { RULES } from "./verdicts.ts";
import { worseBeyondNoise } from "../testkit/capstone_verdicts.ts";

const pct = (x: unknown, digits = 2) =>
  typeof x === "number" && Number.isFinite(x) ? `${(100 * x).toFixed(digits)} %` : "—";
const points = (x: unknown) =>
  typeof x === "number" && Number.isFinite(x) ? `${(100 * x).toFixed(2)} points` : "—";
const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (v, key) =>
      typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined,
    value,
  );
const configText = (config: unknown) =>
  typeof config === "object" && config !== null
    ? Object.entries(config).map(([k, v]) =>
      `${k}=${typeof v === "number" ? Number(v.toPrecision(4)) : v}`
    ).join(", ")
    : "—";

/**
 * One dimension of a search space in words, as lesson 11's design table writes it: `log-uniform
 * in [0.005, 0.5)`, `1 or 2`, `in (0.5, 0.99], 1 − value log-uniform`; anything else as JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dimensionText } from "./report.ts";
 * assert.equal(dimensionText({ kind: "log", low: 0.005, high: 0.5 }), "log-uniform in [0.005, 0.5)");
 * assert.equal(dimensionText({ kind: "choice", values: [1, 2] }), "1 or 2");
 * assert.equal(dimensionText({ kind: "one-minus-log", low: 0.5, high: 0.99 }), "in (0.5, 0.99], 1 − value log-uniform");
 * ```
 */
export function dimensionText(d: unknown): string {
  const x = (typeof d === "object" && d !== null ? d : {}) as Record<string, unknown>;
  const short = (v: unknown) =>
    typeof v === "number" ? String(Number(v.toPrecision(3))) : String(v);
  if (x.kind === "choice" && Array.isArray(x.values)) return x.values.map(short).join(" or ");
  const [low, high] = [short(x.low), short(x.high)];
  // The draw is 1 − β log-uniform in [1 − high, 1 − low), so β lies in (low, high].
  if (x.kind === "one-minus-log") return `in (${low}, ${high}], 1 − value log-uniform`;
  const words: Record<string, string> = {
    "log-int": "log-integer",
    "log": "log-uniform",
    "linear": "uniform",
  };
  if (typeof x.kind !== "string" || !(x.kind in words)) return JSON.stringify(d) ?? "—";
  return `${words[x.kind]} in [${low}, ${high}${x.kind === "log-int" ? "]" : ")"}`;
}

/** The log's columns that describe a run, not its configuration. */
const RUN_COLUMNS = [
  "id",
  "phase",
  "seed",
  "asked",
  "score",
  "loss",
  "cost",
  "epochs",
  "best_epoch",
];

/**
 * The log as rows (numbers parsed, `NaN` included), with its columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logRows } from "./report.ts";
 * const { rows } = logRows("id,phase,score\n0,baseline,NaN\n");
 * assert.equal(rows[0].phase, "baseline");
 * assert.ok(Number.isNaN(rows[0].score));
 * ```
 */
export function logRows(log: string): { columns: string[]; rows: LogRow[] } {
  const [columns = [], ...records] = parseCsvRecords(log || "\n");
  const rows = records.map((record) =>
    Object.fromEntries(columns.map((name, j) => {
      const cell = record[j] ?? "";
      const n = Number(cell);
      return [name, cell === "" || (Number.isNaN(n) && cell !== "NaN") ? cell : n];
    }))
  );
  return { columns, rows };
}

/**
 * The comparison table: the baseline and the final network side by side, then the gap with the
 * intervals' widths beside it and McNemar's paired test.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { comparisonTable } from "./report.ts";
 * import { runSession } from "./session.ts";
 * import { LAB_SETTINGS } from "./lab.ts";
 * import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * const settings = { ...LAB_SETTINGS, budget: 100 };
 * const session = await runSession(runCampaign, fitWithEarlyStopping, { seed: 0 }, settings);
 * const table = comparisonTable(session);
 * const final = session.report.final as { correct: number; rows: number };
 * assert.ok(table.includes(`| ${final.correct}/${final.rows} = `));
 * assert.match(table, /\| McNemar's exact two-sided p \| \d\.\d\d \|/);
 * ```
 */
export function comparisonTable(session: Session): string {
  const r = session.report;
  const { rows } = logRows(String(r.log ?? ""));
  const winner = rows.find((row) => row.id === r.winnerId);
  const config = winner
    ? Object.fromEntries(
      Object.entries(winner).filter(([k]) =>
        !RUN_COLUMNS.includes(k) &&
        !k.endsWith("_s") && winner[k] !== ""
      ),
    )
    : undefined;
  const side = (name: "baseline" | "final") => {
    const low = at(r, name, "interval", "low"), high = at(r, name, "interval", "high");
    return {
      validation: pct(at(r, name, "validation")),
      test: `${at(r, name, "correct") ?? "—"}/${at(r, name, "rows") ?? "—"} = ${
        pct(at(r, name, "accuracy"))
      }`,
      interval: `[${pct(low, 1)}, ${pct(high, 1)}]`,
      width: typeof low === "number" && typeof high === "number" ? points(high - low) : "—",
    };
  };
  const [b, f] = [side("baseline"), side("final")];
  const lines = [
    "| | baseline (pre-registered) | final (the campaign's winner) |",
    "| --- | --- | --- |",
    `| configuration | ${configText(session.baseline)} | ${configText(config)} |`,
    `| run in the log | ${r.baselineId ?? "—"} | ${r.winnerId ?? "—"} |`,
    `| validation accuracy | ${b.validation} | ${f.validation} |`,
    `| test accuracy (one read each) | ${b.test} | ${f.test} |`,
    `| 95 % Wilson interval | ${b.interval} | ${f.interval} |`,
    `| interval width | ${b.width} | ${f.width} |`,
  ];
  const c = r.comparison;
  return [
    ...lines,
    "",
    "| paired comparison on the same test rows | |",
    "| --- | --- |",
    `| gap (final − baseline) | ${
      points(at(c, "gap"))
    }, beside intervals ${f.width} (final) and ${b.width} (baseline) wide |`,
    `| rows only the final network got right (b) | ${at(c, "finalOnly") ?? "—"} |`,
    `| rows only the baseline got right (c) | ${at(c, "baselineOnly") ?? "—"} |`,
    `| McNemar's exact two-sided p | ${
      typeof at(c, "pValue") === "number" ? (at(c, "pValue") as number).toPrecision(3) : "—"
    } |`,
  ].join("\n");
}

/** The rules as the lab's record judged them. */
function rulesTable(session: Session): string {
  const lines = ["| rule | verdict |", "| --- | --- |"];
  for (const rule of RULES) {
    const broken = session.verdicts[rule];
    lines.push(
      `| ${rule} | ${
        broken === undefined
          ? "checked by the graded tests (needs two runs)"
          : broken.length
          ? `**broken**: ${broken.join("; ")}`
          : "kept"
      } |`,
    );
  }
  return lines.join("\n");
}

/** The tie rule's best row of `rows` (lesson 06). */
function bestRow(rows: readonly LogRow[]): LogRow {
  const key = (r: LogRow) => [Number(r.score), -Number(r.loss), -Number(r.cost), -Number(r.id)];
  return rows.reduce((best, r) => {
    const [a, b] = [key(r), key(best)].map((k) => k.map((x) => Number.isFinite(x) ? x : -Infinity));
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i] ? r : best;
    return best;
  });
}

/**
 * `deno task report`'s figures of each phase, their files prefixed with the phase's name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { phaseFigures } from "./report.ts";
 * import { runSession } from "./session.ts";
 * import { LAB_SETTINGS } from "./lab.ts";
 * import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * const settings = { ...LAB_SETTINGS, budget: 100 };
 * const session = await runSession(runCampaign, fitWithEarlyStopping, { seed: 0 }, settings);
 * const figures = await phaseFigures(session);
 * assert.ok(figures.some((f) => f.file.startsWith("explore-")));
 * assert.ok(figures.some((f) => f.file.startsWith("exploit-")));
 * assert.ok(figures.every((f) => f.svg.startsWith("<svg") && f.title.includes(": ")));
 * ```
 */
export async function phaseFigures(session: Session): Promise<Figure[]> {
  const { columns, rows } = logRows(String(session.report.log ?? ""));
  const figures: Figure[] = [];
  for (const phase of ["explore", "exploit"]) {
    const mine = rows.filter((r) => r.phase === phase);
    if (mine.length === 0) continue;
    // A hyperparameter held fixed in the phase has nothing to plot.
    const kept = columns.filter((c) =>
      c !== "phase" && c !== "asked" &&
      (RUN_COLUMNS.includes(c) || c.endsWith("_s") || new Set(mine.map((r) => r[c])).size > 1)
    );
    const input: ReportInput = { columns: kept, rows: mine, winner: bestRow(mine), chance: 0.1 };
    for (const figure of await reportFigures(input)) {
      figures.push({
        ...figure,
        file: `${phase}-${figure.file}`,
        title: `${phase}: ${figure.title}`,
      });
    }
  }
  return figures;
}

/**
 * The report's README.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { campaignReadme, phaseFigures } from "./report.ts";
 * import { runSession } from "./session.ts";
 * import { LAB_SETTINGS } from "./lab.ts";
 * import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * const settings = { ...LAB_SETTINGS, budget: 100 };
 * const session = await runSession(runCampaign, fitWithEarlyStopping, { seed: 0 }, settings);
 * const figures = await phaseFigures(session);
 * const readme = campaignReadme(session, figures);
 * assert.ok(readme.startsWith("# Capstone report: campaign seed 0"));
 * assert.ok(figures.every((f) => readme.includes(`(${f.file})`))); // every figure linked
 * ```
 */
export function campaignReadme(session: Session, figures: readonly Figure[]): string {
  const r = session.report, s = session.sanity;
  const list = (x: unknown) => Array.isArray(x) ? x.join(", ") : "—";
  const phases = logRows(String(r.log ?? "")).rows.reduce<Record<string, number>>((n, row) => {
    n[String(row.phase)] = (n[String(row.phase)] ?? 0) + 1;
    return n;
  }, {});
  const space = (x: unknown) =>
    typeof x === "object" && x !== null
      ? Object.entries(x).map(([k, d]) => `\`${k}\` ${dimensionText(d)}`).join("; ")
      : "—";
  return [
    `# Capstone report: campaign seed ${session.plan.seed}`,
    "",
    "Written by `deno task capstone`; every number comes from the lab's record of this run and " +
    "the campaign's report, and the rules below were judged from the record.",
    "",
    "## The campaign",
    "",
    `- **Goal:** ${r.goal ?? "—"}`,
    `- **Scientific:** ${list(r.scientific)}; **nuisance:** ${list(r.nuisance)}; **fixed:** ${
      configText(r.fixed)
    }`,
    `- **Budget:** ${session.lab.budget} epochs in all, at most ${session.lab.maxEpochs} a run, ` +
    `early stopping with patience ${session.lab.patience}; the lab charged ${r.epochsSpent ?? "—"}`,
    `- **Runs:** ${phases.baseline ?? 0} baseline, ${
      phases.explore ?? 0
    } explore (quasi-random), ` +
    `${phases.exploit ?? 0} exploit (${r.exploit ?? "—"})`,
    `- **Explore space:** ${space(r.exploreSpace)}`,
    `- **Narrowed space:** ${space(r.exploitSpace)}`,
    `- **Sanity checks:** initial validation loss ${s.initialLoss.toFixed(3)} (ln 10 = ` +
    `${s.expectedInitialLoss.toFixed(3)}); 32 training rows fitted to loss ` +
    `${s.overfitLoss.toExponential(1)}, accuracy ${pct(s.overfitAccuracy, 0)}`,
    "",
    "## The comparison with the baseline",
    "",
    comparisonTable(session),
    "",
    ...worseBeyondNoise(session.record).flatMap((note) => [`**Note:** ${note}.`, ""]),
    "## The rules, judged from the lab's record",
    "",
    rulesTable(session),
    "",
    "## Your reading",
    "",
    "_Replace these prompts with a few sentences of your own (lesson 11, 'The report'):_",
    "",
    "- What did the explore plots show, and how did you narrow the space?",
    "- Is the final network better than the baseline beyond the noise? Quote the gap, the " +
    "intervals' widths and McNemar's p.",
    "- What would the next round's goal be, and which hyperparameters would it fix?",
    "",
    "## Figures",
    "",
    "The log is `campaign.csv` beside this file.",
    "",
    ...figures.flatMap((f) => [`### ${f.title}`, "", `![${f.title}](${f.file})`, ""]),
  ].join("\n");
}
