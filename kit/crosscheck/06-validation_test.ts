/**
 * Lesson 06's folds and scaler against real scikit-learn: `KFold` and `StratifiedKFold`
 * (`shuffle=False`) must give the same validation rows, fold by fold, and `StandardScaler`
 * fitted on a subset of rows the same mean and scale (to 1e-12).
 *
 * OPTIONAL: the test ignores itself when no `python3` with scikit-learn is found (it is never a
 * CI dependency). On Debian, `apt-get install -y python3-sklearn` provides it; the interpreter
 * is looked up as `python3`, then `/usr/bin/python3` (a pyenv shim may hide Debian's modules).
 *
 * @module
 */
import { strict as assert } from "node:assert";
import { pythonWith, runPythonJson } from "./python.ts";
import { integer, seededRandom } from "../lib/random.ts";
import { kFold, stratifiedKFold } from "../../solutions/06-validation/kfold.ts";
import { fitScaler } from "../../solutions/06-validation/scaler.ts";

const SCRIPT = `
import json, sys
import numpy as np
import sklearn
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.preprocessing import StandardScaler
job = json.load(sys.stdin)
out = {"version": sklearn.__version__, "kfold": [], "stratified": [], "scaler": []}
for n, k in job["kfold"]:
    out["kfold"].append([t.tolist() for _, t in KFold(n_splits=k).split(np.zeros(n))])
for labels, k in job["stratified"]:
    y = np.array(labels)
    out["stratified"].append([t.tolist() for _, t in StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)])
for x, cols, rows in job["scaler"]:
    s = StandardScaler().fit(np.array(x).reshape(-1, cols)[rows])
    out["scaler"].append({"mean": s.mean_.tolist(), "scale": s.scale_.tolist()})
json.dump(out, sys.stdout)
`;

const python = await pythonWith("sklearn");

Deno.test({
  name: "lesson 06 kFold, stratifiedKFold and fitScaler agree with scikit-learn (optional)",
  ignore: python === null,
  async fn() {
    const random = seededRandom("06/sklearn");
    const kfold: [number, number][] = [[10, 2], [7, 3], [11, 4], [100, 7], [5, 5], [150, 10]];
    const stratified: [number[], number][] = [];
    for (const [n, classes, k] of [[12, 3, 3], [30, 2, 4], [47, 4, 5], [150, 3, 10], [9, 2, 2]]) {
      // Labels in a random order, so that first appearance differs from label order.
      stratified.push([Array.from({ length: n }, () => integer(random, 0, classes - 1)), k]);
    }
    stratified.push([[2, 2, 0, 1, 1, 1, 0, 2, 1, 1, 1, 1, 2, 0], 3]);
    stratified.push([[0, 0, 0, 0, 0, 0, 1, 1, 2], 3]); // classes 1 and 2 have fewer than k rows
    const scaler: [number[], number, number[]][] = [];
    for (const [rows, cols] of [[20, 3], [9, 5], [50, 2]]) {
      const x = Array.from({ length: rows * cols }, () => integer(random, -50, 50) / 7);
      const fitRows = Array.from({ length: rows }, (_, i) => i).filter(() => random() < 0.6);
      scaler.push([x, cols, fitRows]);
    }
    const want = await runPythonJson(python!, SCRIPT, { kfold, stratified, scaler }) as {
      kfold: number[][][];
      stratified: number[][][];
      scaler: { mean: number[]; scale: number[] }[];
    };
    kfold.forEach(([n, k], i) => {
      const got = kFold(n, k).map((f) => f.validation);
      assert.deepEqual(got, want.kfold[i], `KFold(${k}) on ${n} rows`);
    });
    stratified.forEach(([labels, k], i) => {
      const got = stratifiedKFold(labels, k).map((f) => f.validation);
      assert.deepEqual(got, want.stratified[i], `StratifiedKFold(${k}) on ${labels}`);
    });
    scaler.forEach(([x, cols, rows], i) => {
      const got = fitScaler(Float64Array.from(x), cols, rows);
      for (const key of ["mean", "scale"] as const) {
        Array.from(got[key]).forEach((v, j) => {
          const expected = want.scaler[i][key][j];
          assert.ok(
            Math.abs(v - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
            `StandardScaler ${key}[${j}] of case ${i}: ${v} vs ${expected}`,
          );
        });
      }
    });
  },
});
