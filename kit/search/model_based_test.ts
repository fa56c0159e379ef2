import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { proposeBatch, samplerOptions } from "../../solutions/09-model-based-search/sampler.ts";
import { parseTrialLog } from "../../solutions/07-grid-and-random-search/tracker.ts";
import type { TrialPlan } from "./pool.ts";
import { checkSearch, type SearchOptions } from "./mod.ts";
import { memoryStore, scoredResult, searchOnFakePool } from "./testing.ts";
import { asDistributions, RANDOM_SPACE } from "./grid_random.ts";
import { seededRandom } from "../lib/random.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A smooth score from the configuration alone (best near lr = 0.03). */
function fakeResult(plan: TrialPlan) {
  const lr = plan.config.lr as number, hidden = plan.config.hidden as number;
  const score = 1 - (Math.log10(lr) + 1.5) ** 2 / 4 - 0.001 * Math.abs(hidden - 40);
  return { ...scoredResult(plan, score), bestEpoch: plan.epochs, stoppedEpoch: plan.epochs };
}

const withoutTimings = (text: string) => text.replace(/,[^,\n]*\n/g, "\n");

/** A search of `method` on the fake pool; the options a test leaves out are small defaults. */
function search(
  method: string,
  workers: number,
  delaySeed: number,
  extra: Partial<SearchOptions> = {},
) {
  return searchOnFakePool({
    method,
    budget: { trials: 14, epochs: 2 },
    methodOptions: { startup: 4, candidates: 16 },
    seed: 3,
    workers,
    data: { dataset: "iris", cv: 0 },
    code: { kitRoot: KIT_ROOT, source: "solutions" },
    ...extra,
  }, { result: fakeResult, delaySeed }); // results arrive scrambled
}

for (const method of ["bo", "tpe"]) {
  Deno.test(`--method ${method}: the log depends on --batch, never on the workers or timing`, async () => {
    const one = await search(method, 1, 1);
    const three = await search(method, 3, 2);
    assert.equal(withoutTimings(three.text), withoutTimings(one.text));
    assert.equal(parseTrialLog(one.text).rows.length, 14);
    const batched = await search(method, 1, 3, { methodOptions: { startup: 4, batch: 3 } });
    const batchedWide = await search(method, 4, 4, { methodOptions: { startup: 4, batch: 3 } });
    assert.equal(withoutTimings(batchedWide.text), withoutTimings(batched.text));
    assert.notEqual(withoutTimings(batched.text), withoutTimings(one.text));
  });

  Deno.test(`--method ${method}: a cut log resumes to the same log, training only the rest`, async () => {
    const whole = await search(method, 2, 5, { methodOptions: { startup: 4, batch: 2 } });
    const lines = whole.text.split("\n");
    const cut = memoryStore(lines.slice(0, 8).join("\n") + "\n");
    const resumed = await search(method, 2, 6, {
      methodOptions: { startup: 4, batch: 2 },
      store: cut,
    });
    assert.equal(withoutTimings(resumed.text), withoutTimings(whole.text));
    assert.deepEqual(resumed.trained.map((p) => p.id).sort((a, b) => a - b), [
      7,
      8,
      9,
      10,
      11,
      12,
      13,
    ]);
  });
}

Deno.test("--method tpe --batch 3: batch k is proposeBatch on exactly the trials before it", async () => {
  const { text } = await search("tpe", 3, 7, { methodOptions: { startup: 4, batch: 3 } });
  const rows = parseTrialLog(text).rows;
  const space = asDistributions(RANDOM_SPACE);
  const options = samplerOptions("tpe", { startup: 4 });
  const config = (r: (typeof rows)[number]) => ({ lr: r.lr, l2: r.l2, hidden: r.hidden });
  for (let first = 0; first < 14; first += 3) {
    // A batch of start-up trials only reads no result: the runner proposes it from none.
    const seen = first + 3 <= 4
      ? []
      : rows.slice(0, first).map((r) => ({ config: config(r), score: r.score as number }));
    const size = Math.min(3, 14 - first);
    const expected = proposeBatch(
      "tpe",
      seen,
      space,
      seededRandom(`tpe/3/${first}`),
      size,
      options,
    );
    assert.deepEqual(rows.slice(first, first + size).map(config), expected, `batch at ${first}`);
  }
});

Deno.test("--method bo|tpe: bad options and spaces are refused before anything trains", async () => {
  const base = {
    method: "tpe",
    budget: { trials: 5 },
    seed: 0,
    workers: 1,
    data: { dataset: "iris" },
    code: { kitRoot: KIT_ROOT, source: "solutions" as const },
    store: memoryStore(),
  };
  const cases: [Partial<SearchOptions>, RegExp][] = [
    [{ methodOptions: { batch: 0 } }, /--batch must be a whole number ≥ 1/],
    [{ methodOptions: { startup: -1 } }, /--startup must be a whole number ≥ 1/],
    [
      { method: "bo", methodOptions: { candidates: -2 } },
      /--candidates must be a whole number ≥ 0/,
    ],
    [
      { method: "random", methodOptions: { startup: 3 } },
      /--startup is not an option of --method random/,
    ],
    [{ method: "bo", budget: {} }, /--method bo needs --trials N/],
    [
      { space: { lr: { type: "logUniform", low: 0, high: 1 } } },
      /lr: impossible logUniform on \[0, 1\]/,
    ],
  ];
  for (const [change, message] of cases) {
    await assert.rejects(() => checkSearch({ ...base, ...change }), message);
  }
});

Deno.test("--method bo|tpe and quasi-random with unwritten exercises name the exercise to finish", async () => {
  const base = {
    budget: { trials: 5 },
    seed: 0,
    workers: 1,
    data: { dataset: "iris" },
    code: { kitRoot: KIT_ROOT, source: "exercises" as const },
    store: memoryStore(),
  };
  await assert.rejects(
    () => checkSearch({ ...base, method: "bo" }),
    /calls \w+, which is not written yet .*finish it in exercises\/09-model-based-search\/\w+\.ts and check it with `deno task check lesson-09`/,
  );
  await assert.rejects(
    () => checkSearch({ ...base, method: "quasi-random" }),
    /quasiRandomConfigurations in exercises\/07-grid-and-random-search\/quasi_random\.ts is not written yet.*lesson-07/,
  );
});

Deno.test("--method quasi-random: lesson 07's Halton points, the same for any workers", async () => {
  const one = await search("quasi-random", 1, 8, { methodOptions: {} });
  const two = await search("quasi-random", 2, 9, { methodOptions: {} });
  assert.equal(withoutTimings(two.text), withoutTimings(one.text));
  const lrs = parseTrialLog(one.text).rows.map((r) => r.lr);
  assert.equal(new Set(lrs).size, 14);
});
