import assert from "node:assert/strict";
import { createPool } from "./pool.ts";
import { DEFAULT_SETTINGS } from "./trial.ts";

/** Resolves with `promise`, or rejects after `ms`: a hang becomes a failure. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

Deno.test("createPool: workers start every time (their engine loads asynchronously)", async () => {
  // Before workers announced themselves, a message sent while the engine's module was still
  // loading was lost and about half of the 2-worker pools never became ready.
  // The limits catch a pool that never answers, not a slow one: a start takes about a second
  // alone, but CI runs this beside the heavy grading tests on 2 cores (once over 20 s).
  const limit = 90_000;
  for (let attempt = 0; attempt < 6; attempt++) {
    const pool = await within(createPool(2, "iris", 0, DEFAULT_SETTINGS), limit, "createPool");
    try {
      const trained = await within(
        Promise.all(
          [0, 1, 2].map((id) => pool.train({ id, config: { hidden: 4 }, seed: id, epochs: 2 })),
        ),
        limit,
        "train",
      );
      assert.deepEqual(trained.map((t) => t.id), [0, 1, 2]);
      assert.ok(trained.every((t) => t.result.score >= 0 && t.result.score <= 1));
      assert.equal(typeof await pool.test(1), "number");
    } finally {
      pool.close();
    }
  }
});
