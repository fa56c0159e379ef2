import assert from "node:assert/strict";
import { BASELINE_CONFIG, createLab, labRate } from "./lab.ts";
import { prepareData } from "../search/trial.ts";
import { parseDataset } from "../lib/csv.ts";
import { seededRandom } from "../lib/random.ts";
import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";

/** 60 rows of 4 features, 3 classes that depend on the features: learnable in a few epochs. */
function tinyData() {
  const random = seededRandom("lab-test");
  const lines = ["a,b,c,d,label"];
  for (let i = 0; i < 60; i++) {
    const x = [random(), random(), random(), random()];
    lines.push([...x, x[0] + x[1] < 0.7 ? 0 : x[2] < 0.5 ? 1 : 2].join(","));
  }
  return prepareData(parseDataset(lines.join("\n") + "\n", "tiny.csv"), "tiny", 0);
}

Deno.test("labRate: linear warm-up, then constant or cosine to 0 at maxEpochs", () => {
  const cosine = { lr: 0.2, schedule: "cosine", warmup: 3 };
  assert.deepEqual([0, 1, 2].map((e) => labRate(cosine, e, 13)), [0.05, 0.1, 0.15000000000000002]);
  assert.equal(labRate(cosine, 3, 13), 0.2);
  assert.ok(Math.abs(labRate(cosine, 8, 13) - 0.1) < 1e-12); // half-way through the cosine
  assert.equal(labRate({ lr: 0.2, schedule: "constant", warmup: 0 }, 12, 13), 0.2);
});

Deno.test("createLab: runs are reproducible from config, seed and epochs; the record sees all", () => {
  const data = tinyData();
  const settings = { budget: 30, maxEpochs: 6, patience: 2 };
  const one = createLab(data, fitWithEarlyStopping, settings);
  const two = createLab(data, fitWithEarlyStopping, settings);
  const config = { ...BASELINE_CONFIG, width: 8, depth: 2, dropout: 0.1 };
  const request = { config, seed: "s", epochs: 6, phase: "explore" as const };
  const a = one.lab.train(request).outcome, b = two.lab.train(request).outcome;
  assert.deepEqual({ ...a, seconds: 0 }, { ...b, seconds: 0 });
  assert.ok(a.epochs >= 1 && a.epochs <= 6 && a.bestEpoch < a.epochs);
  assert.equal(one.lab.spent(), a.epochs);
  const { model } = one.lab.train({ ...request, config: BASELINE_CONFIG, phase: "baseline" });
  const hits = one.lab.test(model);
  assert.equal(hits.length, data.test.rows);
  const entries = one.record();
  assert.deepEqual(entries.map((e) => e.kind), ["train", "train", "test"]);
  const read = entries[2];
  assert.ok(read.kind === "test" && read.run === 1 && read.correct === hits.filter(Boolean).length);
});
