/**
 * `deno task report`'s figures and text, from a trial log (and its training-curves sidecar):
 * the incumbent against trials and against epochs, one axis plot per hyperparameter (diverged
 * and chance-level trials marked, the best highlighted, log axes where the values span
 * decades), an isolation plot (best per bucket) for the two hyperparameters the score moves
 * with most, parallel coordinates, the top trials' training curves, the rungs of a
 * multi-fidelity search, and the winner's table. Every number comes from the log.
 *
 * @module
 */

import { bestSoFar, lineChart, type Series } from "../lib/plot.ts";
import type { LogRow } from "./runner.ts";
import { epochCost } from "./clock.ts";
import { DEFAULT_SETTINGS } from "./trial.ts";

/** The columns of a log that are not hyperparameters. */
const NOT_HYPERPARAMETERS = new Set([
  "id",
  "config",
  "bracket",
  "rung",
  "vworker",
  "member",
  "generation",
  "source",
  "sim_start",
  "sim_end",
  "seed",
  "epochs",
  "score",
  "folds",
  "score_sd",
  "best_epoch",
  "stopped_epoch",
  "loss",
  "train_loss",
  "cost",
  "status",
  "search",
]);

/** What the report is drawn from. */
export interface ReportInput {
  /** The log's columns. */
  columns: readonly string[];
  /** Its rows. */
  rows: readonly LogRow[];
  /** The winner by the tie rule (`selectBest`) among the candidates. */
  winner: LogRow;
  /** The sidecar's rows (`id,fold,epoch,…`), when there is one. */
  curves?: readonly LogRow[];
  /** A score at or below this is chance level (e.g. 1/classes), when known. */
  chance?: number;
  /** The search's summary, when the search finished: test score and cost. */
  summary?: { testScore?: number; seconds?: number; epochs?: number; note?: string };
}

/** One figure: its file name, its title (alt text) and the SVG. */
export interface Figure {
  /** File name inside the report folder, e.g. `"incumbent.svg"`. */
  file: string;
  /** Title, also the image's alt text. */
  title: string;
  /** The SVG text. */
  svg: string;
}

/**
 * The hyperparameters of a log: its columns between the labels and the budget.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hyperparameters } from "./report.ts";
 * assert.deepEqual(hyperparameters(["id", "seed", "lr", "epochs", "score"]), ["lr"]);
 * ```
 */
export function hyperparameters(columns: readonly string[]): string[] {
  return columns.filter((c) => !NOT_HYPERPARAMETERS.has(c) && !c.endsWith("_s"));
}

/** True when a numeric hyperparameter's positive values span more than a decade. */
function spansDecades(values: readonly number[]): boolean {
  return values.every((v) => v > 0) && Math.max(...values) / Math.min(...values) >= 20;
}

/**
 * Spearman's rank correlation of `x` and `y` (ties get their mean rank), for ranking the
 * hyperparameters the score moves with.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rankCorrelation } from "./report.ts";
 * assert.equal(rankCorrelation([1, 2, 3], [10, 30, 20]), 0.5);
 * ```
 */
export function rankCorrelation(x: readonly number[], y: readonly number[]): number {
  const ranks = (v: readonly number[]) => {
    const order = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const r = new Array<number>(v.length);
    for (let s = 0; s < order.length;) {
      let e = s;
      while (e + 1 < order.length && order[e + 1].value === order[s].value) e++;
      for (let k = s; k <= e; k++) r[order[k].i] = (s + e) / 2;
      s = e + 1;
    }
    return r;
  };
  const a = ranks(x), b = ranks(y);
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const ma = mean(a), mb = mean(b);
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

const num = (row: LogRow, column: string) => Number(row[column]);
const finiteScore = (row: LogRow) => Number.isFinite(num(row, "score")) ? num(row, "score") : 0;

/** The incumbent against trial ids and against epochs spent. */
async function incumbentFigures(input: ReportInput): Promise<Figure[]> {
  const rows = [...input.rows].sort((a, b) => num(a, "id") - num(b, "id"));
  const scores = rows.map(finiteScore);
  const best = bestSoFar(scores, "max");
  const ids = rows.map((r) => num(r, "id"));
  let spent = 0;
  const epochs = rows.map((r) => spent += num(r, "epochs") * Math.max(1, num(r, "folds") || 1));
  const figure = async (file: string, xLabel: string, x: number[]) => ({
    file,
    title: `Best validation score so far, by ${xLabel}`,
    svg: await lineChart({
      title: `Best validation score so far, by ${xLabel}`,
      xLabel,
      yLabel: "validation score",
      yZero: false,
      series: [
        { name: "trial", x, y: scores, line: false, points: true, color: "#999999" },
        { name: "best so far", x, y: best, stepped: true },
      ],
    }),
  });
  return [
    await figure("incumbent-trials.svg", "trial id", ids),
    await figure("incumbent-epochs.svg", "epochs trained (all folds)", epochs),
  ];
}

/** One scatter per numeric hyperparameter: score against its value. */
async function axisFigures(input: ReportInput, names: string[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const name of names) {
    const values = input.rows.map((r) => num(r, name));
    if (!values.every(Number.isFinite)) continue;
    const logX = spansDecades(values);
    const group = (test: (r: LogRow) => boolean) => input.rows.filter(test);
    const diverged = group((r) => r.status === "diverged");
    const chance = group((r) =>
      r.status !== "diverged" && input.chance !== undefined && finiteScore(r) <= input.chance
    );
    const ok = group((r) => !diverged.includes(r) && !chance.includes(r) && r !== input.winner);
    const series = (label: string, rs: LogRow[], color: string): Series => ({
      name: label,
      x: rs.map((r) => num(r, name)),
      y: rs.map(finiteScore),
      line: false,
      points: true,
      color,
    });
    const title = `Validation score against ${name}${logX ? " (log axis)" : ""}`;
    figures.push({
      file: `axis-${name}.svg`,
      title,
      svg: await lineChart({
        title,
        xLabel: name,
        yLabel: "validation score",
        logX,
        yZero: true,
        series: [
          series("trial", ok, "#0072B2"),
          ...(chance.length
            ? [series(`chance level (≤ ${input.chance!.toFixed(2)})`, chance, "#E69F00")]
            : []),
          ...(diverged.length ? [series("diverged (drawn at 0)", diverged, "#D55E00")] : []),
          series(`best: trial ${input.winner.id}`, [input.winner], "#009E73"),
        ],
      }),
    });
  }
  return figures;
}

/**
 * The numeric hyperparameters ordered by how strongly the score follows them (|Spearman|),
 * strongest first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rankedHyperparameters } from "./report.ts";
 * const rows = [1, 2, 3, 4].map((i) => ({ a: i, b: i % 2, score: i }));
 * assert.deepEqual(rankedHyperparameters(rows, ["b", "a"]), ["a", "b"]);
 * ```
 */
export function rankedHyperparameters(rows: readonly LogRow[], names: readonly string[]): string[] {
  const scores = rows.map(finiteScore);
  return names
    .filter((n) => rows.every((r) => Number.isFinite(num(r, n))))
    .map((n) => ({ n, rho: Math.abs(rankCorrelation(rows.map((r) => num(r, n)), scores)) }))
    .sort((a, b) => b.rho - a.rho)
    .map((e) => e.n);
}

/** Best score per bucket of each of the two top hyperparameters. */
async function isolationFigures(input: ReportInput, ranked: string[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const name of ranked.slice(0, 2)) {
    const values = input.rows.map((r) => num(r, name));
    const logX = spansDecades(values);
    const t = (v: number) => logX ? Math.log10(v) : v;
    const low = Math.min(...values.map(t)), high = Math.max(...values.map(t));
    const buckets = 8, width = (high - low) / buckets || 1;
    const best = new Array<number>(buckets).fill(NaN);
    input.rows.forEach((r) => {
      const b = Math.min(buckets - 1, Math.floor((t(num(r, name)) - low) / width));
      const s = finiteScore(r);
      if (!(best[b] >= s)) best[b] = s;
    });
    const centres = best.map((_, b) => {
      const c = low + (b + 0.5) * width;
      return logX ? 10 ** c : c;
    });
    const title = `Isolation plot: best validation score per ${name} bucket`;
    figures.push({
      file: `isolation-${name}.svg`,
      title,
      svg: await lineChart({
        title,
        xLabel: `${name} (${buckets} buckets${logX ? ", log axis" : ""})`,
        yLabel: "best validation score",
        logX,
        yZero: false,
        series: [{ name: "best in bucket", x: centres, y: best, points: true }],
      }),
    });
  }
  return figures;
}

/** Every trial as a line across its hyperparameters (scaled to [0, 1]) and its score. */
async function parallelFigure(input: ReportInput, names: string[]): Promise<Figure> {
  const axes = [...names, "score"];
  const scale = axes.map((a) => {
    const logged = a !== "score" && spansDecades(input.rows.map((r) => num(r, a)));
    const f = (r: LogRow) =>
      a === "score" ? finiteScore(r) : logged ? Math.log10(num(r, a)) : num(r, a);
    const vs = input.rows.map(f);
    const lo = Math.min(...vs), hi = Math.max(...vs);
    return (r: LogRow) => hi === lo ? 0.5 : (f(r) - lo) / (hi - lo);
  });
  const sorted = [...input.rows].sort((a, b) => finiteScore(b) - finiteScore(a));
  const top = sorted.slice(0, Math.max(1, Math.ceil(sorted.length / 10)));
  const lines = (rs: LogRow[], name: string, color: string): Series => ({
    name,
    color,
    // One series, many polylines: a NaN breaks the line between trials.
    x: rs.flatMap(() => [...axes.map((_, i) => i), axes.length - 1]),
    y: rs.flatMap((r) => [...scale.map((s) => s(r)), NaN]),
  });
  const title = `Parallel coordinates: ${axes.join(", ")} (each scaled to 0–1)`;
  return {
    file: "parallel.svg",
    title,
    svg: await lineChart({
      title,
      xLabel: axes.map((a, i) => `${i}: ${a}`).join("   "),
      yLabel: "scaled value",
      yRange: [0, 1],
      series: [
        lines(sorted.filter((r) => !top.includes(r)), "trial", "#BBBBBB"),
        lines(top, `top ${top.length} by score`, "#0072B2"),
      ],
    }),
  };
}

/** Validation loss per epoch of the top `k` trials (fold 0). */
async function curveFigure(input: ReportInput, k: number): Promise<Figure | undefined> {
  if (!input.curves?.length) return undefined;
  const top = [...input.rows].sort((a, b) => finiteScore(b) - finiteScore(a)).slice(0, k);
  const series: Series[] = top.map((r) => {
    const points = input.curves!.filter((c) => c.id === r.id && num(c, "fold") === 0);
    return {
      name: `trial ${r.id}`,
      x: points.map((c) => num(c, "epoch")),
      y: points.map((c) => num(c, "validation_loss")),
    };
  }).filter((s) => s.x.length > 0);
  if (series.length === 0) return undefined;
  const title = `Validation loss per epoch of the top ${series.length} trials (fold 0)`;
  return {
    file: "curves.svg",
    title,
    svg: await lineChart({ title, xLabel: "epoch", yLabel: "validation loss", logY: true, series }),
  };
}

/** Halving/Hyperband: each configuration's score at each rung's budget, by bracket. */
async function rungFigure(input: ReportInput): Promise<Figure | undefined> {
  if (!input.columns.includes("rung")) return undefined;
  // ASHA has one bracket and no column for it.
  const bracketOf = (r: LogRow) => r.bracket === undefined ? 0 : num(r, "bracket");
  const brackets = [...new Set(input.rows.map(bracketOf))].sort((a, b) => a - b);
  const series: Series[] = brackets.map((b) => {
    const here = input.rows.filter((r) => bracketOf(r) === b);
    const configs = [...new Set(here.map((r) => num(r, "config")))];
    const path = configs.map((c) =>
      here.filter((r) => num(r, "config") === c).sort((x, y) => num(x, "rung") - num(y, "rung"))
    );
    return {
      name: `bracket ${b}`,
      points: true,
      x: path.flatMap((
        p,
      ) => [...p.map((r) => num(r, "epochs")), p.length ? num(p[0], "epochs") : 0]),
      y: path.flatMap((p) => [...p.map(finiteScore), NaN]),
    };
  });
  const title = "Rungs: each configuration's score at each budget, promoted ones joined";
  return {
    file: "rungs.svg",
    title,
    svg: await lineChart({
      title,
      xLabel: "epochs (budget)",
      yLabel: "validation score",
      logX: true,
      yZero: false,
      series,
    }),
  };
}

/**
 * The job segments of an asynchronous search's workers (`vworker`): from `sim_start` to
 * `sim_end` on the simulated clock (median stopping: its epochs trained at the nominal cost),
 * from `start_s` for `train_s` seconds on the real clock; one
 * series per rung, each job a segment at its worker's height. Undefined for other logs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timelineSeries } from "./report.ts";
 * const rows = [{ id: 0, rung: 0, vworker: 1, sim_start: 0, sim_end: 2 }];
 * const { series, unit } = timelineSeries(["id", "rung", "vworker", "sim_start", "sim_end"], rows)!;
 * assert.deepEqual([series[0].x, series[0].y, unit], [[0, 2, NaN], [1, 1, NaN], "simulated"]);
 * // Median stopping: stopped after epoch 1 (from 0), 2 epochs of 1.2 units.
 * const median = [{ id: 0, vworker: 0, sim_start: 1, epochs: 5, stopped_epoch: 1, hidden: 32 }];
 * const cols = ["id", "vworker", "sim_start", "hidden", "epochs", "stopped_epoch"];
 * assert.deepEqual(timelineSeries(cols, median)!.series[0].x, [1, 3.4, NaN]);
 * ```
 */
export function timelineSeries(
  columns: readonly string[],
  rows: readonly LogRow[],
): { series: Series[]; unit: "simulated" | "real" } | undefined {
  if (!columns.includes("vworker")) return undefined;
  const simulated = columns.includes("sim_start");
  if (!simulated && !columns.includes("start_s")) return undefined;
  // Median stopping logs no end (it is known only once the trial stopped): its epochs trained
  // at the clock's nominal cost.
  const simulatedEnd = (r: LogRow) =>
    columns.includes("sim_end") ? num(r, "sim_end") : num(r, "sim_start") +
      (num(r, "stopped_epoch") >= 0 ? num(r, "stopped_epoch") + 1 : num(r, "epochs")) *
        epochCost(r.hidden === undefined ? DEFAULT_SETTINGS.hidden : num(r, "hidden"));
  const span = (r: LogRow): [number, number] =>
    simulated
      ? [num(r, "sim_start"), simulatedEnd(r)]
      : [num(r, "start_s"), num(r, "start_s") + num(r, "train_s")];
  const rungOf = (r: LogRow) => r.rung === undefined ? 0 : num(r, "rung");
  const rungs = [...new Set(rows.map(rungOf))].sort((a, b) => a - b);
  const series = rungs.map((k): Series => {
    const here = rows.filter((r) => rungOf(r) === k);
    return {
      name: columns.includes("rung") ? `rung ${k}` : "trials",
      x: here.flatMap((r) => [...span(r), NaN]),
      y: here.flatMap((r) => [num(r, "vworker"), num(r, "vworker"), NaN]),
      points: true,
    };
  });
  return { series, unit: simulated ? "simulated" : "real" };
}

/**
 * PBT: the learning rate each final member's lineage trained with, generation by generation
 * (following `source` back), one stepped line per final member. Undefined for other logs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pbtSchedules } from "./report.ts";
 * const rows = [
 *   { id: 0, member: 0, generation: 0, source: 0, lr: 0.1 },
 *   { id: 1, member: 1, generation: 0, source: 1, lr: 0.5 },
 *   { id: 2, member: 0, generation: 1, source: 1, lr: 0.4 }, // copied member 1, perturbed
 *   { id: 3, member: 1, generation: 1, source: 1, lr: 0.5 },
 * ];
 * assert.deepEqual(pbtSchedules(rows)!.map((s) => s.y), [[0.5, 0.4], [0.5, 0.5]]);
 * ```
 */
export function pbtSchedules(rows: readonly LogRow[]): Series[] | undefined {
  if (rows.length === 0 || rows[0].generation === undefined) return undefined;
  const last = Math.max(...rows.map((r) => num(r, "generation")));
  const at = new Map(rows.map((r) => [`${r.generation}/${r.member}`, r]));
  return rows.filter((r) => num(r, "generation") === last).map((final): Series => {
    const lrs = [num(final, "lr")];
    for (let row = final; num(row, "generation") > 0;) {
      row = at.get(`${num(row, "generation") - 1}/${row.source}`)!;
      lrs.unshift(num(row, "lr"));
    }
    return { name: `member ${final.member}`, x: lrs.map((_, g) => g), y: lrs, stepped: true };
  });
}

/** PBT: the schedules of hyperparameters it found. */
async function scheduleFigure(input: ReportInput): Promise<Figure | undefined> {
  const series = pbtSchedules(input.rows);
  if (!series) return undefined;
  const title = "PBT: each final member's learning rate by generation, along its lineage";
  return {
    file: "pbt-schedules.svg",
    title,
    svg: await lineChart({ title, xLabel: "generation", yLabel: "lr", logY: true, series }),
  };
}

/** Asynchronous searches: which job ran on which (virtual) worker, when. */
async function timelineFigure(input: ReportInput): Promise<Figure | undefined> {
  const timeline = timelineSeries(input.columns, input.rows);
  if (!timeline) return undefined;
  const title = timeline.unit === "simulated"
    ? "Worker timeline on the simulated clock: each job from its start to its end"
    : "Worker timeline on the REAL clock (this run's order, not reproducible)";
  return {
    file: "timeline.svg",
    title,
    svg: await lineChart({
      title,
      xLabel: timeline.unit === "simulated" ? "simulated time (units)" : "seconds",
      yLabel: "worker",
      series: timeline.series,
    }),
  };
}

/**
 * Every figure of the report, in the order the README shows them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportFigures } from "./report.ts";
 * import { logColumns } from "./runner.ts";
 * const columns = logColumns(["lr", "hidden"]);
 * const rows = [0.001, 0.01, 0.1, 1].map((lr, id) => ({
 *   id, seed: id, lr, hidden: 8 * (id + 1), epochs: 5, score: 0.5 + id / 10, loss: 1 - id / 10,
 *   train_loss: 0.5, cost: 40, status: "ok", train_s: 0.1,
 * }));
 * const figures = await reportFigures({ columns, rows, winner: rows[3], chance: 1 / 3 });
 * assert.ok(figures.some((f) => f.file === "parallel.svg"));
 * for (const figure of figures) assert.match(figure.svg, /^<svg[^>]*>/, figure.file);
 * assert.equal(new Set(figures.map((f) => f.file)).size, figures.length); // one file each
 * ```
 */
export async function reportFigures(input: ReportInput): Promise<Figure[]> {
  const names = hyperparameters(input.columns).filter((n) =>
    input.rows.every((r) => Number.isFinite(num(r, n)))
  );
  const ranked = rankedHyperparameters(input.rows, names);
  const optional = [
    await curveFigure(input, 5),
    await rungFigure(input),
    await timelineFigure(input),
    await scheduleFigure(input),
  ];
  return [
    ...await incumbentFigures(input),
    ...await axisFigures(input, names),
    ...await isolationFigures(input, ranked),
    ...(names.length > 0 ? [await parallelFigure(input, names)] : []),
    ...optional.filter((f): f is Figure => f !== undefined),
  ];
}

const pct = (v: number) => Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "—";

/**
 * The winner's table (markdown): the search (its log's `search` column), the winner's
 * configuration, validation score (± spread over folds), the one test score and the cost.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { winnerTable } from "./report.ts";
 * const row = { id: 3, lr: 0.1, score: 0.9, loss: 0.2, epochs: 5, status: "ok" };
 * const table = winnerTable({ columns: ["id", "lr", "score"], rows: [row], winner: row });
 * assert.match(table, /\| winner \| trial 3 \|/);
 * const named = { ...row, search: "dataset=iris kit=1" };
 * const columns = ["id", "lr", "score", "search"];
 * assert.match(winnerTable({ columns, rows: [named], winner: named }), /\| search \| `dataset=iris kit=1` \|/);
 * ```
 */
export function winnerTable(input: ReportInput): string {
  const w = input.winner;
  const names = hyperparameters(input.columns);
  const spread = input.columns.includes("score_sd")
    ? ` ± ${(100 * num(w, "score_sd")).toFixed(1)} over ${w.folds} folds`
    : "";
  const s = input.summary;
  const rows: [string, string][] = [
    ["winner", `trial ${w.id}`],
    // The options the rows do not show (dataset, folds, patience…), as the log names them.
    ...(input.columns.includes("search")
      ? [["search", `\`${w.search}\``] as [string, string]]
      : []),
    ...names.map((n): [string, string] => [n, String(w[n])]),
    ["validation score", `${pct(num(w, "score"))}${spread}`],
    ["validation loss", num(w, "loss").toFixed(4)],
    ...(input.columns.includes("best_epoch")
      ? [["best epoch (from 0)", String(w.best_epoch)] as [string, string]]
      : []),
    [
      "test score (measured once)",
      s?.testScore === undefined ? "— (the search did not finish)" : pct(s.testScore),
    ],
    ["trials", String(input.rows.length)],
    ["diverged", String(input.rows.filter((r) => r.status === "diverged").length)],
    [
      "cost",
      s?.seconds === undefined ? "—" : `${s.seconds.toFixed(1)} s${s.note ? `; ${s.note}` : ""}`,
    ],
  ];
  return ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

/**
 * The report's README: the winner's table, then every figure with its title.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportReadme } from "./report.ts";
 * const row = { id: 0, score: 0.5, loss: 1, status: "ok" };
 * const md = reportReadme("log.csv", { columns: ["id", "score"], rows: [row], winner: row }, [
 *   { file: "a.svg", title: "A", svg: "" },
 * ]);
 * assert.match(md, /!\[A\]\(a\.svg\)/);
 * ```
 */
export function reportReadme(
  logName: string,
  input: ReportInput,
  figures: readonly Figure[],
): string {
  return [
    `# Search report: ${logName}`,
    "",
    `Drawn by \`deno task report\` from the trial log${
      input.curves ? " and its training curves" : ""
    }; ` +
    "every number comes from the log. The winner is chosen by lesson 06's tie rule.",
    "",
    winnerTable(input),
    "",
    ...figures.flatMap((f) => [`## ${f.title}`, "", `![${f.title}](${f.file})`, ""]),
  ].join("\n");
}
