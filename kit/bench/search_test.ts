import assert from "node:assert/strict";
import { withoutTimingColumns } from "./search.ts";

Deno.test("withoutTimingColumns: drops every column ending in _s, keeps the rest in order", () => {
  const a = 'id,lr,note,train_s,score,wait_s\n0,0.1,"a, b",1.5,0.9,3\n';
  const b = 'id,lr,note,train_s,score,wait_s\n0,0.1,"a, b",2.25,0.9,4\n';
  assert.equal(withoutTimingColumns(a), withoutTimingColumns(b));
  assert.equal(
    withoutTimingColumns(a),
    JSON.stringify([["id", "lr", "note", "score"], ["0", "0.1", "a, b", "0.9"]]),
  );
  assert.notEqual(withoutTimingColumns(a), withoutTimingColumns(a.replace("0.9", "0.8")));
});

Deno.test("benchSampler: times a GP and a TPE proposal after each trial count", async () => {
  const { benchSampler } = await import("../search/sampler_timing.ts");
  const log = console.log;
  const lines: string[] = [];
  console.log = (line: string) => lines.push(line);
  try {
    const times = await benchSampler({ trialCounts: [12], minRuns: 1 });
    assert.equal(times.gp.length, 1);
    assert.ok(Number.isFinite(times.gp[0]) && Number.isFinite(times.tpe[0]));
  } finally {
    console.log = log;
  }
  assert.ok(lines.some((l) => /^\s+12 \|\s+[\d.]+ ms .*\|\s+[\d.]+ ms/.test(l)), lines.join("\n"));
});
