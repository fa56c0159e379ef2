import assert from "node:assert/strict";
import { FAKE_BASELINE, fakeLab } from "./capstone_lab.ts";

Deno.test("fakeLab: the same call gives the same outcome, apart from seconds", () => {
  const a = fakeLab(0), b = fakeLab(100);
  const config = { optimizer: "sgd", lr: 0.1, momentum: 0.9, width: 64, depth: 2 };
  const x = a.trial(config, "1/trial/0").outcome, y = b.trial(config, "1/trial/0").outcome;
  assert.deepEqual({ ...x, seconds: 0 }, { ...y, seconds: 0 });
  assert.notEqual(x.seconds, y.seconds);
});

Deno.test("fakeLab: records calls; test refuses a model it did not train", () => {
  const lab = fakeLab(0);
  const { model } = lab.baseline("base/0");
  const { correct, rows } = lab.test(model);
  assert.equal(correct / rows, lab.baselineTestAccuracy());
  assert.deepEqual(lab.calls.map((c) => c.kind), ["baseline", "test"]);
  assert.throws(() => lab.test({ id: "made up" }));
});

Deno.test("fakeLab: a good configuration beats the baseline; SGD with lr 0.45 diverges", () => {
  const lab = fakeLab(0);
  const good = lab.trial({ optimizer: "adam", lr: 0.003, width: 128, depth: 2 }, "s").outcome;
  const base = lab.baseline("base/0").outcome;
  assert.ok(good.score > base.score);
  const wild = { ...FAKE_BASELINE, lr: 0.45, momentum: 0.97 };
  assert.ok(Number.isNaN(lab.trial(wild, "s").outcome.score));
});
