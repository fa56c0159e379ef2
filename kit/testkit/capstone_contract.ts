/**
 * What the capstone's labs share (lesson 11): the real lab that trains on digits
 * (`kit/capstone/lab.ts`) and the deterministic stand-in its graded tests use
 * (`./capstone_lab.ts`), both built on the same recorder (`./capstone_record.ts`). No imports, so
 * the graded tests' process loads nothing of the training lab.
 *
 * @module
 */

/** A configuration of the MLP: a value per hyperparameter, by name. */
export type LabConfig = Record<string, number | string>;

/** Which part of a campaign a training run belongs to. */
export type Phase = "baseline" | "explore" | "exploit";

/** The phases, in the order a campaign goes through them. */
export const PHASES: readonly Phase[] = Object.freeze(["baseline", "explore", "exploit"]);

/** What a campaign asks the lab to train. */
export interface TrainRequest {
  /** The configuration (keys it leaves out take the baseline's values). */
  config: LabConfig;
  /** The run's seed: initial weights, shuffles and dropout come from it. */
  seed: string;
  /** At most this many epochs (early stopping may stop sooner); an integer in [1, maxEpochs]. */
  epochs: number;
  /** The campaign's phase this run belongs to. */
  phase: Phase;
}

/** What one training run measured on the validation rows. */
export interface LabOutcome {
  /** Validation accuracy of the kept (best) epoch's weights; NaN if the run diverged. */
  score: number;
  /** Validation loss of those weights; NaN if it diverged. */
  loss: number;
  /** Epochs trained × parameters: the tie rule's "cheaper". */
  cost: number;
  /** Epochs trained: what the budget is charged. */
  epochs: number;
  /** The epoch (from 0) whose weights were kept. */
  bestEpoch: number;
  /** Wall-clock seconds of the run: differs between two runs of the same campaign. */
  seconds: number;
}

/** A trained network, by id: only the lab looks inside. */
export type LabModel = { readonly id: string };

/**
 * The lab a campaign is handed: it trains, counts the epochs against the budget, and reads the
 * test rows. It keeps its own record of every call, out of the campaign's reach.
 */
export interface CampaignLab {
  /** Epochs the whole campaign may train, baseline included. */
  readonly budget: number;
  /** Epochs one run may ask for at most. */
  readonly maxEpochs: number;
  /** The pre-registered baseline configuration, fixed before any search. */
  readonly baseline: Readonly<LabConfig>;
  /** Epochs trained so far. */
  spent(): number;
  /** Trains one run; its epochs are charged to the budget. */
  train(request: TrainRequest): { outcome: LabOutcome; model: LabModel };
  /** Reads the test rows: for each row, whether `model` classifies it correctly. */
  test(model: LabModel): readonly boolean[];
}

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
