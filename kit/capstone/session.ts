/**
 * One capstone session (lesson 11): the sanity checks, then the learner's campaign on the
 * digits lab, then the rules judged from the lab's own record. `deno task capstone` writes the
 * report folder from it; the lesson's worked campaign (`deno task experiment lesson-11`) stores
 * it.
 *
 * @module
 */

import { accuracy, createMlp, lossAndGradient, sgd, train } from "../engine/mod.ts";
import { loadPrepared, type PreparedData } from "../search/trial.ts";
import { createLab, type FitWithEarlyStopping, LAB_SETTINGS, type LabSettings } from "./lab.ts";
import type { CampaignLab, LabConfig } from "../testkit/capstone_contract.ts";
import type { LabEntry } from "../testkit/capstone_record.ts";
import { copyReport } from "../testkit/capstone_verdicts.ts";
import { recordVerdicts, type Rule } from "./verdicts.ts";

/** The learner's (or the reference's) campaign. */
export type RunCampaign = (lab: CampaignLab, plan: { seed: number }) => unknown;

/** The sanity checks' numbers. */
export interface SanityChecks {
  /** Mean validation loss of the untrained baseline network. */
  initialLoss: number;
  /** ln(classes): what the initial loss should be near, when the network guesses uniformly. */
  expectedInitialLoss: number;
  /** Training loss after {@link OVERFIT} on 32 training rows. */
  overfitLoss: number;
  /** Training accuracy on those 32 rows. */
  overfitAccuracy: number;
}

/** The overfitting check: 32 rows, one hidden layer of 64, SGD with momentum, 200 epochs. */
export const OVERFIT = { rows: 32, width: 64, lr: 0.1, momentum: 0.9, epochs: 200 } as const;

/**
 * Loss at initialisation (≈ ln 10 on digits: the untrained network's predictions are nearly
 * uniform) and the ability to drive 32 training rows to a near-zero loss: two checks that the
 * pipeline can learn at all before any tuning (Karpathy, 2019; lesson 05).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanityChecks } from "./session.ts";
 * import { loadPrepared } from "../search/trial.ts";
 * const sanity = sanityChecks(await loadPrepared("digits"));
 * assert.equal(sanity.expectedInitialLoss, Math.log(10));
 * assert.ok(Math.abs(sanity.initialLoss - Math.log(10)) < 0.5); // near uniform guessing
 * assert.equal(sanity.overfitAccuracy, 1); // 32 rows learnt by heart
 * assert.ok(sanity.overfitLoss < 0.05);
 * ```
 */
export function sanityChecks(data: PreparedData): SanityChecks {
  const fresh = createMlp({ sizes: [data.inputs, 32, data.classes], seed: "sanity/init" });
  const v = data.validation;
  const initialLoss = lossAndGradient(fresh, v.features, v.labels, v.rows);
  const small = {
    features: data.train.features.slice(0, OVERFIT.rows * data.inputs),
    labels: Array.from(data.train.labels).slice(0, OVERFIT.rows),
    rows: OVERFIT.rows,
  };
  const net = createMlp({ sizes: [data.inputs, OVERFIT.width, data.classes], seed: "sanity/fit" });
  const history = train(net, small, {
    epochs: OVERFIT.epochs,
    batchSize: OVERFIT.rows,
    optimizer: sgd({ lr: OVERFIT.lr, momentum: OVERFIT.momentum }),
    seed: "sanity/fit",
  });
  return {
    initialLoss,
    expectedInitialLoss: Math.log(data.classes),
    overfitLoss: history.loss[history.loss.length - 1],
    overfitAccuracy: accuracy(net, small.features, small.labels, small.rows),
  };
}

/** What a session produced. */
export interface Session {
  /** The campaign's seed and the lab's settings. */
  plan: { seed: number };
  lab: LabSettings;
  /** The pre-registered baseline configuration. */
  baseline: Readonly<LabConfig>;
  sanity: SanityChecks;
  /** The campaign's report, as JSON (what it returned, copied once). */
  report: Record<string, unknown>;
  /** The lab's record. */
  record: readonly LabEntry[];
  /** What broke each rule one run decides (empty lists: kept). */
  verdicts: Partial<Record<Rule, string[]>>;
  /** Wall-clock seconds of the campaign. */
  seconds: number;
}

/** A JSON copy of the report (NaN stays NaN: JSON would make it null). */
function copyAsJson(report: unknown): Record<string, unknown> {
  const text = JSON.stringify(
    report,
    (_, v) => typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
  );
  return text === undefined ? {} : JSON.parse(text);
}

/**
 * Runs a whole session on digits (lesson 07's split, seed 0): sanity checks, then `runCampaign`
 * on a fresh lab, then the rules on the lab's record.
 *
 * The example runs the reference campaign on the smallest budget the lab allows (the baseline's
 * 20 epochs and one more), and a careless campaign that reads the test rows for its only run and
 * reports little.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runSession } from "./session.ts";
 * import { LAB_SETTINGS } from "./lab.ts";
 * import type { CampaignLab } from "../testkit/capstone_contract.ts";
 * import { fitWithEarlyStopping } from "../../solutions/06-validation/early_stopping.ts";
 * import { runCampaign } from "../../solutions/11-capstone/campaign.ts";
 * const settings = { ...LAB_SETTINGS, budget: LAB_SETTINGS.maxEpochs + 1 };
 * const session = await runSession(runCampaign, fitWithEarlyStopping, { seed: 0 }, settings);
 * assert.deepEqual(session.record.filter((e) => e.kind === "test").length, 2);
 * assert.ok(Object.values(session.verdicts).every((broken) => broken?.length === 0));
 * assert.equal(session.report.epochsSpent, settings.budget);
 * const peek = (lab: CampaignLab) => {
 *   const { model } = lab.train({ config: lab.baseline, seed: "s", epochs: 1, phase: "explore" });
 *   return { final: { correct: lab.test(model).filter(Boolean).length } };
 * };
 * const careless = await runSession(peek, fitWithEarlyStopping, { seed: 0 }, settings);
 * assert.deepEqual(careless.record.map((e) => e.kind), ["train", "test"]);
 * assert.ok(careless.verdicts["test reads"]!.length > 0); // no baseline read first
 * assert.ok(careless.verdicts.log!.length > 0); // no log reported
 * ```
 */
export async function runSession(
  runCampaign: RunCampaign,
  fit: FitWithEarlyStopping,
  plan: { seed: number },
  settings: LabSettings = LAB_SETTINGS,
): Promise<Session> {
  const data = await loadPrepared("digits");
  const sanity = sanityChecks(data);
  const { lab, record } = createLab(data, fit, settings);
  const started = performance.now();
  const returned = runCampaign(lab, plan);
  const seconds = (performance.now() - started) / 1000;
  const verdicts = recordVerdicts(record(), copyReport(returned), lab.baseline);
  return {
    plan,
    lab: settings,
    baseline: lab.baseline,
    sanity,
    report: copyAsJson(returned),
    record: record(),
    verdicts,
    seconds,
  };
}
