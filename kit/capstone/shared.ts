/**
 * What the capstone's labs share (lesson 11): the real lab that trains on digits (`lab.ts`) and
 * the deterministic stand-in its graded tests use (`kit/grading/capstone_lab.ts`). No imports,
 * so the graded tests' process loads nothing of the training lab.
 *
 * @module
 */

/** A configuration drawn from the capstone's space. */
export type LabConfig = Record<string, number | string>;

/** What a run measured (lesson 11's `TrialOutcome`). */
export interface LabOutcome {
  /** Validation accuracy at the end of the run (best epoch's weights restored); NaN if it diverged. */
  score: number;
  /** Validation loss at the same point; NaN if it diverged. */
  loss: number;
  /** Epochs trained × parameters: what the tie rule's "cheaper" compares. */
  cost: number;
  /** Epochs trained. */
  epochs: number;
  /** The epoch whose weights were kept. */
  bestEpoch: number;
  /** Wall-clock seconds of the run. */
  seconds: number;
}

/** A trained network, by id. */
export type LabModel = { readonly id: string };

/** The baseline: lesson 07's default trial (SGD with momentum, one hidden layer of 32). */
export const BASELINE_CONFIG: Readonly<LabConfig> = Object.freeze({
  optimizer: "sgd",
  lr: 0.05,
  momentum: 0.9,
  batchSize: 32,
  width: 32,
  depth: 1,
  l2: 0,
  dropout: 0,
  schedule: "constant",
  warmup: 0,
});
