import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseTrialLog } from "../../solutions/07-grid-and-random-search/tracker.ts";
import type { TrialPlan } from "./pool.ts";
import { checkSearch, type SearchOptions } from "./mod.ts";
import { memoryStore, scoredResult, searchOnFakePool } from "./testing.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A score from the configuration alone, so that iris and wine would log the same rows. */
function fakeResult(folds: number) {
  return (plan: TrialPlan) => {
    const score = 1 - Math.abs(Math.log10(plan.config.lr as number) + 1.5) / 4;
    return {
      ...scoredResult(plan, score),
      ...(folds ? { folds, scoreSd: 0.01 } : {}),
      bestEpoch: plan.epochs,
      stoppedEpoch: plan.epochs,
    };
  };
}

/** The log without its timing columns (those ending in `_s`). */
function withoutTimings(text: string) {
  const log = parseTrialLog(text);
  const keep = log.columns.filter((c) => !c.endsWith("_s"));
  return { keep, rows: log.rows.map((r) => keep.map((c) => r[c])) };
}

/** A small random search of iris (5 folds by default) on the fake pool. */
async function search(extra: Partial<SearchOptions> = {}, trained: TrialPlan[] = []) {
  const data = extra.data ?? { dataset: "iris" };
  const searched = await searchOnFakePool({
    method: "random",
    budget: { trials: 6, epochs: 2 },
    seed: 3,
    workers: 2,
    data,
    code: { kitRoot: KIT_ROOT, source: "solutions" },
    ...extra,
  }, { result: fakeResult(data.cv ?? 5) });
  trained.push(...searched.trained);
  return searched.text;
}

Deno.test("identity: shards of one search merge to it; shards of another --dataset or --cv are refused, naming it", async () => {
  const whole = await search();
  const { rows, columns } = parseTrialLog(whole);
  assert.equal(columns.at(-1), "train_s"); // the timing stays last
  assert.ok(rows.every((r) => r.search === "dataset=iris method=random cv=5 patience=none kit=1"));
  const merge = [
    { name: "s0.csv", text: await search({ shard: { index: 0, count: 2 } }) },
    { name: "s1.csv", text: await search({ shard: { index: 1, count: 2 } }) },
  ];
  assert.deepEqual(withoutTimings(await search({ merge })), withoutTimings(whole));
  const refusals: [SearchOptions["data"], RegExp][] = [
    [
      { dataset: "wine" },
      /cannot merge: s0\.csv is a search of --dataset iris, this is --dataset wine/,
    ],
    [{ dataset: "iris", cv: 3 }, /cannot merge: s0\.csv is a search of --cv 5, this is --cv 3/],
    [
      { dataset: "iris", patience: 2 },
      /cannot merge: s0\.csv is a search of no --patience, this is --patience 2/,
    ],
  ];
  for (const [data, message] of refusals) {
    await assert.rejects(search({ data, merge }), message);
  }
});

Deno.test("identity: a log resumes only under its own search; an old log without the column is refused", async () => {
  const whole = await search();
  const trained: TrialPlan[] = [];
  assert.equal(await search({ store: memoryStore(whole) }, trained), whole);
  assert.deepEqual(trained, []); // every trial was in the log
  const refusals: [SearchOptions["data"], RegExp][] = [
    [
      { dataset: "wine" },
      /cannot resume: memory\.csv is a search of --dataset iris, this is --dataset wine/,
    ],
    [
      { dataset: "iris", cv: 3 },
      /cannot resume: memory\.csv is a search of --cv 5, this is --cv 3/,
    ],
    // Without folds the columns differ too; the identity names the option first.
    [{ dataset: "iris", cv: 0 }, /is a search of --cv 5, this is --cv 0/],
  ];
  for (const [data, message] of refusals) {
    await assert.rejects(search({ data, store: memoryStore(whole) }, trained), message);
  }
  assert.deepEqual(trained, []);
  const { columns, rows } = parseTrialLog(whole);
  const old = [
    columns.filter((c) => c !== "search"),
    ...rows.map((r) =>
      columns
        .filter((c) => c !== "search").map((c) => r[c])
    ),
  ].map((line) => line.join(",")).join("\n");
  await assert.rejects(
    search({ store: memoryStore(old + "\n") }),
    /cannot resume: memory\.csv does not record which search wrote it \(no "search" column/,
  );
});

Deno.test("identity: an asynchronous method's clock and virtual workers and a method's options are part of it", async () => {
  const checked = await checkSearch({
    method: "asha",
    budget: { trials: 9, epochs: 9 },
    seed: 0,
    workers: 1,
    virtualWorkers: 2,
    data: { dataset: "wine", cv: 0 },
    code: { kitRoot: KIT_ROOT, source: "solutions" },
    store: memoryStore(),
  });
  assert.match(checked.identity, /^dataset=wine method=asha cv=0 patience=none /);
  assert.match(checked.identity, / budget=\d+ eta=3 clock=simulated virtual-workers=2 kit=1$/);
});
