/**
 * A pool of search workers (`worker.ts`), one trial at a time each. The pool hands out trials
 * in the order it is asked; results come back in whatever order the workers finish, each tagged
 * with its trial's id.
 *
 * @module
 */

import { loadPrepared, type PreparedData, type TrialResult, type TrialSettings } from "./trial.ts";

/** A message to a worker. */
export type WorkerRequest =
  | { type: "init"; data: PreparedData; defaults: TrialSettings; stopping?: WorkerStopping }
  | {
    type: "train";
    id: number;
    config: Record<string, unknown>;
    seed: number;
    epochs: number;
    stopBelow?: readonly number[];
    from?: { weights: readonly number[]; epoch: number };
    returnWeights?: boolean;
  }
  | { type: "test"; id: number };

/**
 * How a worker trains when a search asks for lesson 06's trials (`fit.ts`): one epoch at a time
 * with curves, early stopping with `patience` through the module at `fitUrl` (the learner's
 * `fitWithEarlyStopping`). Without it, a worker trains as `trainTrial` does.
 */
export interface WorkerStopping {
  /** Epochs without improvement before stopping; none: every epoch. */
  patience?: number;
  /** The URL of the module exporting `fitWithEarlyStopping` (with `patience`). */
  fitUrl?: string;
}

/** A worker's answer. */
export type WorkerReply =
  | { type: "loaded" }
  | { type: "ready" }
  | { type: "trained"; id: number; result: TrialResult; seconds: number }
  | { type: "tested"; id: number; testScore: number }
  | { type: "error"; message: string };

/** One trial to train: its id, configuration, training seed and budget. */
export interface TrialPlan {
  /** The trial's key: its index in the method's order. */
  id: number;
  /** The hyperparameters it sets. */
  config: Record<string, number | string | boolean>;
  /** Training seed (initial weights, shuffles, dropout). */
  seed: number;
  /** Epochs of training: the trial's budget. */
  epochs: number;
  /**
   * Log-only cells (e.g. the configuration's index, bracket and rung of lesson 08's
   * multi-fidelity searches), written after the id; never sent to the worker.
   */
  labels?: Record<string, number | string | boolean>;
  /**
   * The median stopping rule's threshold after each epoch (`fit.ts`'s `Stopping.stopBelow`),
   * fixed when the trial starts; not logged.
   */
  stopBelow?: readonly number[];
  /** A checkpoint to continue from (PBT; `fit.ts`'s `Stopping.from`); not logged. */
  from?: { weights: readonly number[]; epoch: number };
  /** Ask for the trained weights back (`TrialResult.weights`); not logged. */
  returnWeights?: boolean;
}

/** A trained trial, as the pool returns it. */
export interface TrainedTrial {
  /** The trial's id. */
  id: number;
  /** What it measured on the validation rows. */
  result: TrialResult;
  /** Wall-clock seconds of training and validation, in the worker. */
  seconds: number;
}

/** Runs trials on workers. */
export interface TrialPool {
  /** Trains one trial on the next free worker. */
  train(plan: TrialPlan): Promise<TrainedTrial>;
  /**
   * The test accuracy of a trial this pool trained, measured by the worker that holds its
   * network; only once every `train` has resolved.
   */
  test(id: number): Promise<number>;
  /** Stops every worker. */
  close(): void;
}

/**
 * Starts `size` workers, reads `dataset` once (split with `splitSeed`) while they load, hands
 * each worker a copy, and resolves when all are ready.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPool } from "./pool.ts";
 * import { DEFAULT_SETTINGS } from "./trial.ts";
 * const pool = await createPool(1, "iris", 0, { ...DEFAULT_SETTINGS, epochs: 2 });
 * try {
 *   const trained = await pool.train({ id: 4, config: { lr: 0.1 }, seed: 1, epochs: 2 });
 *   assert.equal(trained.id, 4);
 *   const test = await pool.test(4);
 *   assert.ok(test >= 0 && test <= 1);
 *   await assert.rejects(pool.test(5), /trial 5 was not trained by this pool/);
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export async function createPool(
  size: number,
  dataset: string,
  splitSeed: number,
  defaults: TrialSettings,
  lessons?: { prepared: Promise<PreparedData>; stopping: WorkerStopping },
): Promise<TrialPool> {
  const workers = Array.from(
    { length: size },
    () => new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" }),
  );
  const owner = new Map<number, Worker>();
  try {
    // The dataset is read and split once, here, while the workers load their modules (which
    // they announce: a worker takes messages only after that), then copied to each of them.
    const [data] = await Promise.all([
      lessons?.prepared ?? loadPrepared(dataset, splitSeed),
      ...workers.map((worker) => listen(worker)),
    ]) as [PreparedData, ...unknown[]];
    await Promise.all(
      workers.map((worker) =>
        listen(worker, { type: "init", data, defaults, stopping: lessons?.stopping })
      ),
    );
  } catch (error) {
    workers.forEach((w) => w.terminate());
    throw error;
  }
  const queue = workerQueue(workers);
  return {
    async train(plan) {
      const { worker, reply } = await queue.use({ type: "train", ...plan });
      if (reply.type !== "trained") throw new Error(`unexpected reply ${reply.type}`);
      owner.set(plan.id, worker);
      return { id: reply.id, result: reply.result, seconds: reply.seconds };
    },
    async test(id) {
      const worker = owner.get(id);
      if (!worker) throw new Error(`trial ${id} was not trained by this pool`);
      // A worker answers one request at a time: testing waits for the training to be over.
      if (!queue.isIdle(worker)) throw new Error("test() is for after the last train()");
      const { reply } = await queue.use({ type: "test", id }, worker);
      if (reply.type !== "tested") throw new Error(`unexpected reply ${reply.type}`);
      return reply.testScore;
    },
    close() {
      workers.forEach((w) => w.terminate());
    },
  };
}

/** Sends `request` (if any) to `worker` and waits for its next message. */
function listen(worker: Worker, request?: WorkerRequest): Promise<WorkerReply> {
  return new Promise<WorkerReply>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === "error") reject(new Error(reply.message));
      else resolve(reply);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`a search worker failed: ${event.message}`));
    };
    if (request) worker.postMessage(request);
  });
}

/** Lends ready workers one request at a time, first asked first served. */
function workerQueue(workers: readonly Worker[]) {
  const idle: Worker[] = workers.toReversed();
  const waiting: ((worker: Worker) => void)[] = [];
  const acquire = () =>
    new Promise<Worker>((resolve) => {
      const worker = idle.pop();
      if (worker) resolve(worker);
      else waiting.push(resolve);
    });
  const release = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  return {
    isIdle: (worker: Worker) => idle.includes(worker),
    /** Runs `request` on a free worker, or on `pinned` when given. */
    async use(request: WorkerRequest, pinned?: Worker) {
      const worker = pinned ?? await acquire();
      try {
        return { worker, reply: await listen(worker, request) };
      } finally {
        if (!pinned) release(worker);
      }
    },
  };
}
