import { expectEqual, expectNumbers, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/10-asynchronous-search.json" with { type: "json" };
import { seededRandom } from "../../kit/lib/random.ts";
import { type Member, pbtExploitExplore, type PbtOptions } from "./pbt.ts";

type Case = (typeof cases.pbt.lesson)[number];

const describe = (c: { population: readonly Member[]; options: unknown; seed?: string }) =>
  `pbtExploitExplore([${c.population.map((m) => `${m.id}: ${m.score}`).join(", ")} (id: score)], ${
    JSON.stringify(c.options)
  }, seededRandom(${JSON.stringify(c.seed)}))`;

const step = (c: Case) =>
  pbtExploitExplore(c.population, c.options as unknown as PbtOptions, seededRandom(c.seed));

const WEIGHTS = "An exploiting member continues from its DONOR's checkpoint: copying the " +
  "donor's hyperparameters but keeping its own weights (its own checkpoint) is the mistake " +
  "PBT is built to avoid: the donor's settings suit the donor's weights, and the poor member's " +
  "weights are what made it poor.";
const SELECTION = "Rank best first (higher score, then lower id); q = ⌊n · fraction⌋; the " +
  "bottom q exploit, each drawing its donor as top[⌊u · q⌋] with ONE random() call, handled " +
  "in the population's order (not the ranking's).";

const all = [...cases.pbt.lesson, ...cases.pbt.random] as readonly Case[];

graded({
  name: "pbtExploitExplore: truncation selection, who copies whom",
  points: 3,
  hint: `${SELECTION} Lesson 10, 'Population-based training'.`,
}, () => {
  for (const c of all) {
    expectEqual({
      input: `${describe(c)}.map(d => [d.id, d.exploited, d.source])  // ${c.why}`,
      actual: () => step(c).map((d) => [d.id, d.exploited, d.source]),
      expected: c.expected.map((d) => [d.id, d.exploited, d.source]),
    });
  }
});

graded({
  name:
    "pbtExploitExplore: an exploiting member takes the donor's weights with its hyperparameters",
  points: 3,
  hint: WEIGHTS,
}, () => {
  for (const c of all) {
    expectEqual({
      input: `${describe(c)}.map(d => d.checkpoint)  // ${c.why}`,
      actual: () => step(c).map((d) => d.checkpoint),
      expected: c.expected.map((d) => d.checkpoint),
      hint: WEIGHTS,
    });
  }
});

graded({
  name: "pbtExploitExplore: explored hyperparameters, draw by draw",
  points: 4,
  hint: "Start from the DONOR's values; per name of `space`, in its order: v = random() " +
    "(resample when v < resampleProbability), then w = random(): resample to low + w·(high − " +
    "low), or exp(ln low + w·(ln high − ln low)) on a log scale; else donor value × " +
    "factors[w < 0.5 ? 0 : 1], clipped to [low, high]. Names outside `space` are copied. " +
    "Members that do not exploit keep theirs and draw nothing.",
}, () => {
  for (const c of all) {
    const names = Object.keys(c.population[0].hyperparameters);
    for (const name of names) {
      // exp and log may differ in the last bits between formulas equal on paper.
      expectNumbers({
        input: `${describe(c)}.map(d => d.hyperparameters.${name})  // ${c.why}`,
        actual: () => step(c).map((d) => d.hyperparameters[name]),
        expected: c.expected.map((d) => (d.hyperparameters as Record<string, number>)[name]),
        rel: 1e-12,
      });
    }
  }
});

graded({
  name: "pbtExploitExplore: refuses settings and populations it cannot work with",
  points: 1,
  hint: "Throw a RangeError for a fraction outside (0, 0.5], a probability outside [0, 1], a " +
    "bad range (low >= high, or low <= 0 on a log scale) and an id that appears twice.",
}, () => {
  const c = cases.pbt.random[0] as Case;
  expectEqual({
    input: `${describe(c)}.map(d => d.checkpoint)`,
    actual: () => step(c).map((d) => d.checkpoint),
    expected: c.expected.map((d) => d.checkpoint),
  });
  for (const bad of cases.pbt.invalid) {
    expectThrows({
      input: `${describe({ ...bad, seed: "any" })}  // ${bad.why}`,
      actual: () =>
        pbtExploitExplore(bad.population, bad.options as unknown as PbtOptions, seededRandom(1)),
    });
  }
});
