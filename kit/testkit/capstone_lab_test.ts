import assert from "node:assert/strict";
import { fakeLab } from "./capstone_lab.ts";
import { BASELINE_CONFIG } from "./capstone_contract.ts";

const request = (over: Record<string, unknown> = {}) => ({
  config: { optimizer: "sgd", lr: 0.1, momentum: 0.9, width: 64, depth: 2 },
  seed: "1/run/0",
  epochs: 20,
  phase: "explore" as const,
  ...over,
});

Deno.test("fakeLab: the same run gives the same outcome, apart from seconds", () => {
  const a = fakeLab({ budget: 100 }).lab, b = fakeLab({ budget: 100, secondsBase: 50 }).lab;
  const x = a.train(request()).outcome, y = b.train(request()).outcome;
  assert.deepEqual({ ...x, seconds: 0 }, { ...y, seconds: 0 });
  assert.notEqual(x.seconds, y.seconds);
});

Deno.test("fakeLab: a good configuration beats the baseline; fewer epochs score lower", () => {
  const { lab } = fakeLab({ budget: 1000 });
  const good = lab.train(
    request({ config: { optimizer: "adam", lr: 0.003, width: 128, depth: 2 } }),
  );
  const base = lab.train(request({ config: BASELINE_CONFIG, phase: "baseline" }));
  assert.ok(good.outcome.score > base.outcome.score);
  const short = lab.train(
    request({ config: { optimizer: "adam", lr: 0.003, width: 128, depth: 2 }, epochs: 2 }),
  );
  assert.ok(short.outcome.score < good.outcome.score);
  assert.equal(short.outcome.epochs, 2);
});

Deno.test("recordingLab: the record is out of the campaign's reach", () => {
  const { lab, record } = fakeLab({ budget: 100 });
  const asked = request();
  const { outcome, model } = lab.train(asked);
  asked.config.lr = 99;
  outcome.score = 1;
  const hits = lab.test(model);
  assert.throws(() => (hits as boolean[]).fill(true));
  const [train, test] = record();
  assert.equal(train.kind === "train" && train.config.lr, 0.1);
  assert.notEqual(train.kind === "train" && train.outcome.score, 1);
  assert.throws(() => (record() as unknown[]).push({}));
  assert.throws(() => (test as unknown as { hits: boolean[] }).hits.fill(true));
  assert.equal(record().length, 2);
  assert.throws(() => lab.test({ id: "made up" }), /not trained by the lab/);
});

Deno.test("recordingLab: an overspending run is trained and recorded with what was left", () => {
  const { lab, record } = fakeLab({ budget: 10 });
  lab.train(request({ epochs: 20 }));
  const [entry] = record();
  assert.ok(entry.kind === "train" && entry.asked === 20 && entry.left === 10);
  assert.throws(() => lab.train(request({ epochs: 21 })), /from 1 to 20/);
  assert.throws(() => lab.train(request({ phase: "test" })), /phase/);
  assert.throws(() => lab.train(request({ config: { lr: [1] } })), /config.lr/);
});
