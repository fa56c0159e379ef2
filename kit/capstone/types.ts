/**
 * The shapes the capstone's labs share (lesson 09): the real lab that trains on digits
 * (`lab.ts`) and the deterministic stand-in its graded tests use
 * (`kit/grading/capstone_lab.ts`). Types only, so the graded tests' process loads nothing of
 * the training lab.
 *
 * @module
 */

/** A configuration drawn from the capstone's space. */
export type LabConfig = Record<string, number | string>;

/** What a run measured (lesson 09's `TrialOutcome`). */
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
