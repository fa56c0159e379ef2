import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { type LogStore, runSearch, type SearchOptions } from "./mod.ts";
import { parseTrialLog } from "../../solutions/07-grid-and-random-search/tracker.ts";

const kitRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A store in memory: a log or a sidecar. */
function memory(name: string, text?: string): LogStore & { text?: string } {
  return {
    name,
    text,
    read() {
      return Promise.resolve(this.text);
    },
    write(text: string) {
      this.text = text;
      return Promise.resolve();
    },
  };
}

/** iris, 4 members, 3 generations of 2 epochs, real training (real weights to round-trip). */
function pbt(seed: number, store: LogStore, checkpoints: LogStore): SearchOptions {
  return {
    method: "pbt",
    budget: { trials: 4, epochs: 6 },
    methodOptions: { interval: 2 },
    seed,
    workers: 2,
    virtualWorkers: 2,
    data: { dataset: "iris", cv: 0 },
    code: { kitRoot, source: "solutions" },
    store,
    checkpoints,
  };
}

/** A log's rows without the timing columns (those ending in `_s`). */
function withoutTimings(text: string) {
  const log = parseTrialLog(text);
  const keep = log.columns.filter((c) => !c.endsWith("_s"));
  return { keep, rows: log.rows.map((r) => keep.map((c) => r[c])) };
}

/** The log cut after its first `rows` rows (an interrupted search), and the sidecar to match. */
function cut(log: string, sidecar: string, rows: number) {
  const lines = log.trimEnd().split("\n");
  const file = JSON.parse(sidecar);
  for (const id of Object.keys(file.checkpoints)) {
    if (Number(id) >= rows) delete file.checkpoints[id];
  }
  return { log: lines.slice(0, rows + 1).join("\n") + "\n", sidecar: JSON.stringify(file) };
}

Deno.test("pbt: a search cut after generation 1 resumes from its checkpoints to the whole run's log; another search's checkpoints are refused", async () => {
  const whole = memory("whole.csv"), wholeCheckpoints = memory("whole.pbt.json");
  await runSearch(pbt(0, whole, wholeCheckpoints));
  assert.equal(parseTrialLog(whole.text!).rows.length, 12);
  assert.equal(Object.keys(JSON.parse(wholeCheckpoints.text!).checkpoints).length, 12);

  // Generations 0 and 1 logged (8 rows); generation 2 continues from generation 1's weights.
  const part = cut(whole.text!, wholeCheckpoints.text!, 8);
  const resumed = memory("cut.csv", part.log);
  const trained: number[] = [];
  await runSearch({
    ...pbt(0, resumed, memory("cut.pbt.json", part.sidecar)),
    progress: { trial: (p) => trained.push(p.row.id as number) },
  });
  assert.deepEqual(trained.sort((a, b) => a - b), [8, 9, 10, 11]);
  assert.deepEqual(withoutTimings(resumed.text!), withoutTimings(whole.text!));

  // The weights read back matter: generation 1's rotated among its members, generation 2 differs.
  const rotated = JSON.parse(part.sidecar);
  const weights = [4, 5, 6, 7].map((id) => rotated.checkpoints[id].weights);
  [4, 5, 6, 7].forEach((id, m) => rotated.checkpoints[id].weights = weights[(m + 1) % 4]);
  const wrong = memory("cut.csv", part.log);
  await runSearch(pbt(0, wrong, memory("rotated.pbt.json", JSON.stringify(rotated))));
  assert.notDeepEqual(withoutTimings(wrong.text!), withoutTimings(whole.text!));

  const other = memory("other.csv"), otherCheckpoints = memory("other.pbt.json");
  await runSearch(pbt(1, other, otherCheckpoints));
  await assert.rejects(
    runSearch(pbt(0, memory("cut.csv", part.log), otherCheckpoints)),
    /checkpoint of trial 0 in other\.pbt\.json is of another search/,
  );
  await assert.rejects(
    runSearch(pbt(0, memory("cut.csv", part.log), memory("none.pbt.json"))),
    /checkpoints file none\.pbt\.json is missing/,
  );
  await assert.rejects(
    runSearch(pbt(0, memory("cut.csv", part.log), memory("bad.pbt.json", "{"))),
    /checkpoints file bad\.pbt\.json is not one/,
  );
});
