/**
 * The capstone's cheating campaign (lesson 11), an attack of the kit's self-test: a
 * `runCampaign` that tries to edit the lab's record (overwriting the lab's methods and fields,
 * the outcomes and test reads it was handed), reads the test rows after every run, picks its
 * winner by test accuracy, draws with `Math.random`, and reports numbers it made up: a spent
 * budget of half what it trained, a log of the winner only, a significant gain. (It trains the
 * baseline as the protocol prescribes, so that the rules, not the first check, fail it.) Every graded
 * test of the campaign must give it 0 points, because the rules are judged from the lab's own
 * record, which it cannot reach ({@link CAPSTONE_FAKE_SOURCE} is staged in place of the
 * learner's `campaign.ts`; `capstone_fake_test.ts` grades it).
 *
 * @module
 */

/** The fake's source, as a learner's `exercises/11-capstone/campaign.ts`. */
export const CAPSTONE_FAKE_SOURCE =
  `// A cheating campaign: every graded test of lesson 11's campaign must give it 0.
// deno-lint-ignore-file no-explicit-any
export const DESIGN = { goal: "win" };
export function runCampaign(lab: any, plan: { seed: number }, _design?: unknown, _stats?: unknown): any {
  // Try to edit the record: overwrite everything reachable from the lab.
  for (const key of Object.getOwnPropertyNames(lab)) {
    try {
      lab[key] = key === "budget" ? 1e9 : () => 0;
    } catch { /* frozen */ }
    try {
      Object.defineProperty(lab, key, { value: undefined });
    } catch { /* frozen */ }
  }
  const runs: any[] = [];
  let best: any;
  for (let i = 0; i < 12; i++) {
    const config = { ...lab.baseline, lr: 0.01 + Math.random() * 0.2, width: 64 };
    const phase = i === 0 ? "baseline" : "explore";
    let trained: any;
    try {
      const seed = i === 0 ? plan.seed + "/baseline" : "x" + i; // the baseline as prescribed
      trained = lab.train({ config: i === 0 ? lab.baseline : config, seed, epochs: 20, phase });
    } catch {
      break;
    }
    trained.outcome.score = 1; // edit what the lab handed out
    const hits = lab.test(trained.model); // peek at the test rows after every run
    try {
      hits.fill(true);
    } catch { /* frozen */ }
    const correct = hits.filter(Boolean).length;
    runs.push({ i, config, correct, rows: hits.length });
    if (!best || correct > best.correct) best = runs[runs.length - 1];
  }
  const rows = best ? best.rows : 360;
  const made = (correct: number) => ({
    validation: 0.99, correct, rows, accuracy: correct / rows,
    interval: { low: 0.9, high: 1 },
  });
  return {
    goal: "win", scientific: [], nuisance: [], fixed: {},
    log: "id,phase,seed,asked,score,epochs,train_s\\n" +
      (best ? best.i + ",exploit,x" + best.i + ",20,0.99,20,0\\n" : ""),
    baselineId: 0,
    winnerId: best ? best.i : 0,
    epochsSpent: Math.floor(lab.spent?.() / 2) || 0,
    baseline: made(Math.max(0, (best?.correct ?? 300) - 40)),
    final: made(best?.correct ?? 340),
    comparison: { gap: 40 / rows, finalOnly: 50, baselineOnly: 0, pValue: 1e-12 },
  };
}
`;
