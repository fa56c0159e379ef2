/**
 * `deno task report LOG.csv [--out DIR]`: draws a search from its trial log (and the
 * `LOG.curves.csv` and `LOG.summary.json` that `deno task search` writes beside it) into a
 * folder that renders on GitHub as it is (`README.md` and SVG figures), and prints a summary in
 * the terminal for a learner without a browser.
 *
 * @module
 */

import "../lib/require_deno.ts"; // first: stops with a clear message on a Deno too old for the kit
import { fileURLToPath } from "node:url";
import { basename, join, resolve } from "node:path";
import { type CodeSource, defaultSource, loadSearchCode } from "../search/code.ts";
import { pickWinner, type SearchCode } from "../search/runner.ts";
import { reportFigures, type ReportInput, reportReadme } from "../search/report.ts";
import { readDataset } from "../search/data.ts";
import { DATASETS } from "../search/trial.ts";
import { plotSeries } from "../grading/terminal_plot.ts";
import { bestSoFar } from "../lib/plot.ts";
import { curvesPath, summaryPath } from "./search.ts";
import { oneOf, parseCommandLine, runMain, UsageError, withUsage } from "./args.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const USAGE = `usage: deno task report LOG.csv [--out DIR] [--code solutions|exercises]

Draws the search in LOG.csv (a log of deno task search) into DIR (default LOG-report/):
README.md with the winner's table and SVG figures (the incumbent, one axis plot per
hyperparameter, isolation plots, parallel coordinates, training curves, rungs; for asha,
median and pbt the timeline of the (virtual) workers; for pbt each final member's learning-rate
schedule), and prints a summary here. --code: whose trial-log reader and tie rule to use (default solutions when the
folder exists, else exercises: yours).`;

/** The log, its curves and summary when present, and the winner by the tie rule. */
async function readInput(code: SearchCode, path: string): Promise<ReportInput> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the log ${path}: ${(error as Error).message}`);
  }
  const { columns, rows } = code.parseTrialLog(text);
  if (rows.length === 0) throw new Error(`${path} holds no trials yet`);
  // A multi-fidelity search's winner is among its full-budget rows.
  const full = Math.max(...rows.map((r) => Number(r.epochs)));
  const last = Math.max(...rows.map((r) => Number(r.generation)));
  const candidates = columns.includes("rung")
    ? rows.filter((r) => r.epochs === full)
    : columns.includes("generation") // PBT: the final generation
    ? rows.filter((r) => Number(r.generation) === last)
    : rows;
  const winner = pickWinner(code, new Map(candidates.map((r) => [r.id as number, r])));
  const curvesText = await Deno.readTextFile(curvesPath(path)).catch(() => undefined);
  const summaryText = await Deno.readTextFile(summaryPath(path)).catch(() => undefined);
  const summary = summaryText ? JSON.parse(summaryText) : undefined;
  // The log names its dataset (its `search` column); older logs and learners' own, by file name.
  const named = /(?:^|\s)dataset=(\S+)/.exec(String(rows[0].search ?? ""))?.[1];
  const dataset = DATASETS.find((d) => d === named) ??
    DATASETS.find((d) => basename(path).includes(d)) ?? summary?.dataset;
  const chance = dataset ? 1 / (await readDataset(dataset)).classCount : undefined;
  return {
    columns,
    rows,
    winner,
    curves: curvesText ? code.parseTrialLog(curvesText).rows : undefined,
    chance,
    summary: summary && summary.winner === winner.id &&
        (summary.search === undefined || summary.search === winner.search)
      ? summary
      : undefined,
  };
}

/** The terminal summary: the top five trials and the incumbent drawn in characters. */
function terminalSummary(input: ReportInput): string[] {
  const top = [...input.rows].sort((a, b) => Number(b.score) - Number(a.score)).slice(0, 5);
  const scores = [...input.rows].sort((a, b) => Number(a.id) - Number(b.id))
    .map((r) => Number.isFinite(Number(r.score)) ? Number(r.score) : null);
  const plot = plotSeries(bestSoFar(scores.map((s) => s ?? NaN), "max"), scores, { height: 8 });
  return [
    `winner: trial ${input.winner.id}, validation ${
      (100 * Number(input.winner.score)).toFixed(1)
    } %` +
    (input.summary?.testScore === undefined
      ? ""
      : `, test ${(100 * input.summary.testScore).toFixed(1)} % (measured once)`),
    "top 5 by validation score: " +
    top.map((r) => `trial ${r.id} ${(100 * Number(r.score)).toFixed(1)} %`).join(", "),
    "",
    "validation score by trial id:",
    ...plot.slice(0, -1),
    plot.length ? "         · best so far   x trial   ● both" : "",
  ];
}

/** Draws the log at `log` into the folder `out` and prints the terminal summary. */
async function draw(code: SearchCode, log: string, out: string): Promise<void> {
  const input = await readInput(code, log);
  const figures = await reportFigures(input);
  await Deno.mkdir(out, { recursive: true });
  for (const figure of figures) await Deno.writeTextFile(join(out, figure.file), figure.svg);
  await Deno.writeTextFile(join(out, "README.md"), reportReadme(basename(log), input, figures));
  console.log(terminalSummary(input).join("\n"));
  console.log(`\nreport: ${join(out, "README.md")} (${figures.length} figures)`);
}

/**
 * The command: reads the log, writes the folder and prints the summary. A bad argument or an
 * unreadable log exits 2 with the usage; a log that cannot be drawn exits 1.
 */
const main = withUsage("report", USAGE, async (args: string[]): Promise<number> => {
  const parsed = parseCommandLine(args, { out: { type: "string" }, code: { type: "string" } });
  if (parsed.positionals.length !== 1) throw new UsageError("give one trial log: LOG.csv");
  const here = (p: string) => resolve(Deno.env.get("INIT_CWD") ?? Deno.cwd(), p);
  const log = here(parsed.positionals[0]);
  const out = here(parsed.values.out ?? log.replace(/(\.csv)?$/i, "-report"));
  const source = oneOf<CodeSource>(
    "code",
    parsed.values.code ?? await defaultSource(KIT_ROOT),
    ["solutions", "exercises"],
  );
  const code = await loadSearchCode(KIT_ROOT, source);
  try {
    await draw(code, log, out);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    console.error(`report: ${(error as Error).message}`);
    return 1;
  }
  return 0;
});

if (import.meta.main) await runMain("report", main);

export { main };
