import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/08-beyond-grid-and-random.json" with { type: "json" };
import { type Evaluation, successiveHalving } from "./successive_halving.ts";

/** A configuration of the graded searches: its own scores and losses by budget (null: diverged). */
interface Config {
  name: string;
  scores: Record<string, number | null>;
  losses: Record<string, number | null>;
  costs: Record<string, number>;
}

/** The injected evaluation: a lookup in the configuration's table. */
const lookup = (config: Config, budget: number): Evaluation => ({
  score: config.scores[String(budget)] ?? NaN,
  loss: config.losses[String(budget)] ?? NaN,
  cost: config.costs[String(budget)],
});

const searches = cases.successiveHalving.cases.map((c, k) => ({
  ...c,
  k,
  configs: c.configs as readonly Config[],
}));

const describe = (c: { k: number; configs: readonly unknown[]; options: unknown }) =>
  `successiveHalving(<the ${c.configs.length} configurations of case ${c.k}>, lookup, ${
    JSON.stringify(c.options)
  }, referencePlan)`;

/**
 * The plan passed to successiveHalving: the reference's halvingPlan for the case, after checking
 * it is asked for the right one. So these tests grade successiveHalving alone; a mistake in
 * halvingPlan or floorLog costs points in halving_plan_test.ts only.
 */
function referencePlan(c: (typeof searches)[number]) {
  const canonical = (o: Record<string, unknown>) =>
    JSON.stringify(Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, o[k]]));
  const wanted = { n: c.configs.length, ...c.options };
  // deno-lint-ignore no-explicit-any
  return (asked: any) => {
    if (canonical(asked) !== canonical(wanted)) {
      throw new Error(
        `asked for the plan of ${JSON.stringify(asked)}; this search needs ${
          JSON.stringify(wanted)
        }`,
      );
    }
    // deno-lint-ignore no-explicit-any
    return c.plan as any;
  };
}

graded({
  name: "successiveHalving: rungs, promotions and winner of 13 searches with ties and divergence",
  points: 6,
  hint: "At each rung evaluate the survivors in ascending id order, then keep the BEST " +
    "n_(i+1) by lesson 06's rule: higher score, then lower loss, then lower cost (a wider " +
    "network costs more at the same budget), then lower id; diverged " +
    "(NaN) last. Break ties by id, never by the order in which results came in (or the order " +
    "of the previous rung). Lesson 08, 'Successive halving'.",
}, () => {
  for (const c of searches) {
    const run = () => successiveHalving(c.configs, lookup, c.options, referencePlan(c));
    expectEqual({
      input: `${describe(c)}.rungs (budget, ids, promoted)`,
      actual: () =>
        run().rungs.map((r) => ({ budget: r.budget, ids: r.ids, promoted: r.promoted })),
      expected: c.expected.rungs,
    });
    expectEqual({
      input: `${describe(c)}.bestId`,
      actual: () => run().bestId,
      expected: c.expected.bestId,
    });
  }
});

graded({
  name: "successiveHalving: calls evaluate once per survivor and rung, in the stated order",
  points: 2,
  hint: "The log of calls is [id, budget] for every evaluation: rung by rung, ids ascending. " +
    "Do not evaluate a configuration twice at one rung, nor one that was eliminated.",
}, () => {
  for (const c of searches) {
    const seen: [number, number][] = [];
    const counting = (config: Config, budget: number) => {
      // Configuration i is named `c${i}` (by name, not identity: the grader wraps the cases).
      seen.push([Number(config.name.slice(1)), budget]);
      return lookup(config, budget);
    };
    expectEqual({
      input: `${describe(c)}.calls`,
      actual: () => successiveHalving(c.configs, counting, c.options, referencePlan(c)).calls,
      expected: c.expected.calls,
    });
    expectEqual({
      input: `the [id, budget] of each evaluate call made by ${describe(c)}`,
      actual: () => seen,
      expected: c.expected.evaluated,
    });
  }
});

graded({
  name: "successiveHalving: refuses an empty list of configurations",
  points: 1,
  hint: "No configurations, no plan: throw the RangeError of halvingPlan.",
}, () => {
  const c = searches[0];
  expectEqual({
    input: `${describe(c)}.bestId`,
    actual: () => successiveHalving(c.configs, lookup, c.options, referencePlan(c)).bestId,
    expected: c.expected.bestId,
  });
  expectThrows({
    input: `successiveHalving([], lookup, ${JSON.stringify(c.options)}, refusingPlan)`,
    // halvingPlan's refusal of n = 0, given: successiveHalving must let it through.
    actual: () =>
      successiveHalving([], lookup, c.options, () => {
        throw new RangeError("halvingPlan: n must be >= 1, got 0");
      }),
  });
});
