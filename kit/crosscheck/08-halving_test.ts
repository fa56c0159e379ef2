/**
 * Lesson 08's `halvingSchedule` against real scikit-learn: for every graded case (and a few
 * with the float-logarithm pitfall), `HalvingRandomSearchCV` with a custom integer resource is
 * fitted on a tiny dataset with a dummy classifier, and its `n_candidates_` and `n_resources_`
 * are compared with the reference's. Where they differ, the test checks that Python's
 * `math.log(x, factor)` floored to a different integer than the exact logarithm, the only
 * difference the lesson claims.
 *
 * OPTIONAL: the test ignores itself when no `python3` with scikit-learn is found (it is never a
 * CI dependency). On Debian, `apt-get install -y python3-sklearn` provides it; the interpreter
 * is looked up as `python3`, then `/usr/bin/python3` (a pyenv shim may hide Debian's modules).
 *
 * @module
 */
import { strict as assert } from "node:assert";
import { pythonWith, runPythonJson } from "./python.ts";
import cases from "../cases/08-beyond-grid-and-random.json" with { type: "json" };
import {
  type HalvingOptions,
  halvingSchedule,
} from "../../solutions/08-beyond-grid-and-random/sklearn_schedule.ts";

const SCRIPT = `
import json, sys, math, warnings
import numpy as np
import sklearn
from scipy.stats import uniform
from sklearn.dummy import DummyClassifier
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingRandomSearchCV
warnings.simplefilter("ignore")

class Budgeted(DummyClassifier):
    """A classifier with a resource parameter 'budget' and a searched parameter 'a'."""
    def __init__(self, strategy="prior", budget=1, a=0.0):
        super().__init__(strategy=strategy)
        self.budget = budget
        self.a = a

rng = np.random.RandomState(0)
X, y = rng.rand(40, 2), np.array([0, 1] * 20)
out = {"version": sklearn.__version__, "schedules": []}
for o in json.load(sys.stdin):
    search = HalvingRandomSearchCV(
        Budgeted(), {"a": uniform()}, n_candidates=o["nCandidates"], factor=o["factor"],
        resource="budget", min_resources=o["minResources"], max_resources=o["maxResources"],
        aggressive_elimination=o["aggressiveElimination"], cv=2, random_state=0, refit=False,
    ).fit(X, y)
    first, low = search.n_candidates_[0], search.min_resources_
    ratio = o["maxResources"] // low
    exact = lambda x, b: max(k for k in range(64) if b ** k <= x)
    out["schedules"].append({
        "nCandidates": [int(v) for v in search.n_candidates_],
        "nResources": [int(v) for v in search.n_resources_],
        "floatLogDiffers": math.floor(math.log(first, o["factor"])) != exact(first, o["factor"])
            or math.floor(math.log(ratio, o["factor"])) != exact(ratio, o["factor"]),
    })
json.dump(out, sys.stdout)
`;

const python = await pythonWith("sklearn");

Deno.test({
  name: "lesson 08 halvingSchedule agrees with scikit-learn's HalvingRandomSearchCV (optional)",
  ignore: python === null,
  async fn() {
    const options = cases.halvingSchedule.cases.map((c) => c.options as HalvingOptions);
    // Exact powers of the factor, where a float logarithm may floor one too low.
    for (const [n, factor] of [[243, 3], [81, 3], [1000, 10], [64, 2]]) {
      options.push({
        nCandidates: n,
        factor,
        minResources: 1,
        maxResources: n * factor,
        aggressiveElimination: false,
      });
    }
    const want = await runPythonJson(python!, SCRIPT, options) as {
      version: string;
      schedules: { nCandidates: number[]; nResources: number[]; floatLogDiffers: boolean }[];
    };
    let differing = 0;
    options.forEach((o, i) => {
      const got = halvingSchedule(o);
      const sk = want.schedules[i];
      const same = JSON.stringify([got.nCandidates, got.nResources]) ===
        JSON.stringify([sk.nCandidates, sk.nResources]);
      if (!same) differing++;
      assert.ok(
        same || sk.floatLogDiffers,
        `scikit-learn ${want.version} on ${JSON.stringify(o)}: n_candidates_ ` +
          `${sk.nCandidates}, n_resources_ ${sk.nResources}; the reference: ` +
          `${got.nCandidates}, ${got.nResources}`,
      );
    });
    // The 243-candidate case is the lesson's example of the pitfall: it must differ.
    const pitfall = options.length - 4;
    assert.ok(want.schedules[pitfall].floatLogDiffers, "math.log(243, 3) floors to 5 here");
    assert.ok(differing >= 1 && differing < options.length / 4);
  },
});
