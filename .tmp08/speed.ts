import { loadPrepared, trainTrial, trialSettings } from "../kit/search/trial.ts";
import { backend } from "../kit/engine/mod.ts";
const d = await loadPrepared("digits");
console.log(backend, d.train.rows, d.validation.rows, d.test.rows);
for (const bs of [16, 32, 128]) {
  const t = performance.now();
  const { result } = trainTrial(d, trialSettings({ epochs: 10, batchSize: bs, hidden: 32, lr: 0.05 }), 1);
  console.log(bs, ((performance.now() - t) / 10).toFixed(2), "ms/epoch", result.score);
}
