/**
 * A search worker: receives one prepared dataset once, then trains the trials it is sent, one at a time, and
 * keeps each trained network so that the winner's test score can be measured at the end without
 * training it again. Started by `pool.ts`; speaks the messages of {@link WorkerRequest}.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import type { Mlp } from "../engine/mod.ts";
import {
  type PreparedData,
  testAccuracy,
  trainTrial,
  type TrialSettings,
  trialSettings,
} from "./trial.ts";
import type { WorkerReply, WorkerRequest, WorkerStopping } from "./pool.ts";
import { type FitWithEarlyStopping, trainSearchTrial } from "./fit.ts";

let data: Promise<PreparedData> | undefined;
let defaults: TrialSettings | undefined;
let stopping: { patience?: number; fit?: FitWithEarlyStopping } | undefined;
const trained = new Map<number, Mlp>();
/** Cross-validated trials keep their settings, not a network: the winner is trained at test. */
const untrained = new Map<number, { settings: TrialSettings; seed: number }>();

/** The learner's early stopping, imported from the URL the search sent. */
async function loadStopping(options: WorkerStopping) {
  if (options.patience === undefined || !options.fitUrl) return { patience: options.patience };
  const module = await import(options.fitUrl);
  const fit = module.fitWithEarlyStopping as FitWithEarlyStopping;
  if (typeof fit !== "function") {
    throw new Error(`${options.fitUrl} does not export fitWithEarlyStopping`);
  }
  // A stub says "TODO …": name the exercise to finish, as code.ts does for the other pieces.
  const checked: FitWithEarlyStopping = (...args) => {
    try {
      return fit(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!message.startsWith("TODO")) throw error;
      throw new Error(
        `fitWithEarlyStopping in 06-validation/early_stopping.ts is not written yet (${message}): ` +
          "finish it and check it with `deno task check lesson-06`, or search without --patience",
      );
    }
  };
  return { patience: options.patience, fit: checked };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  let reply: WorkerReply;
  try {
    if (request.type === "init") {
      data = Promise.resolve(request.data);
      defaults = request.defaults;
      stopping = request.stopping && await loadStopping(request.stopping);
      reply = { type: "ready" };
    } else if (request.type === "train") {
      const prepared = await data!;
      const started = performance.now();
      const settings = trialSettings(request.config, { ...defaults!, epochs: request.epochs });
      const { result, net } = stopping
        ? trainSearchTrial(
          prepared,
          settings,
          request.seed,
          {
            ...stopping,
            stopBelow: request.stopBelow,
            from: request.from,
            returnWeights: request.returnWeights,
          },
          false,
        )
        : trainTrial(prepared, settings, request.seed);
      if (net) trained.set(request.id, net);
      else untrained.set(request.id, { settings, seed: request.seed });
      reply = {
        type: "trained",
        id: request.id,
        result,
        seconds: (performance.now() - started) / 1000,
      };
    } else {
      const prepared = await data!;
      const later = untrained.get(request.id);
      const net = trained.get(request.id) ??
        (later && trainSearchTrial(prepared, later.settings, later.seed, stopping!).net);
      if (!net) throw new Error(`trial ${request.id} was not trained by this worker`);
      reply = { type: "tested", id: request.id, testScore: testAccuracy(net, prepared) };
    }
  } catch (error) {
    reply = { type: "error", message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};

// The engine's module finishes loading asynchronously (it compiles WebAssembly), and a message
// that arrives before the handler above is set would be lost: say when it is.
self.postMessage({ type: "loaded" } satisfies WorkerReply);
