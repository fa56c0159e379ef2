import assert from "node:assert/strict";
import { reportNumbers } from "./session.ts";
import { formatReport } from "./report.ts";

const plan = { seed: 0, trials: 3, baselineSeeds: 2, refit: "none" as const };
const sanity = {
  initialLoss: 2.4,
  expectedInitialLoss: Math.log(10),
  overfitLoss: 1e-3,
  overfitAccuracy: 1,
};
const log = "id,seed,lr,score,loss,cost,epochs,best_epoch,train_s\n" +
  "0,0/trial/0,0.1,0.9,0.3,10,5,4,0.5\n" +
  "1,0/trial/1,0.5,NaN,NaN,2,2,0,0.25\n" +
  "2,0/trial/2,0.01,0.95,0.2,30,7,6,1\n";
const run = {
  baselineScores: [0.9, 0.92],
  log,
  bestId: 2,
  bestValidation: 0.95,
  refit: "none",
  testCorrect: 340,
  testRows: 360,
  testAccuracy: 340 / 360,
  interval: { low: 0.91, high: 0.96 },
  optimismGap: 0.95 - 340 / 360,
  epochsTrained: 20,
};

Deno.test("reportNumbers: read from the learner's log, diverged trials never the incumbent", () => {
  const n = reportNumbers(plan, sanity, run);
  assert.deepEqual(n.incumbent, { epochs: [5, 7, 14], best: [0.9, 0.9, 0.95] });
  assert.equal(n.diverged, 1);
  assert.deepEqual(n.bestConfig, { lr: "0.01" });
  assert.equal(n.trainSeconds, 1.75);
  assert.ok(Math.abs(n.baseline.sd - Math.sqrt(0.0002)) < 1e-12); // sample sd of 0.90, 0.92
  assert.match(formatReport(n), /7\. Test \(read once\): 340\/360 = 94\.44 %/);
});

Deno.test("reportNumbers: refuses a log without a score column", () => {
  assert.throws(() => reportNumbers(plan, sanity, { ...run, log: "id,epochs\n0,3\n" }), /score/);
});
