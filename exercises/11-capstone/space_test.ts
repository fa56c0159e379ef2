import { expectEqual, expectNumbers, graded } from "../../kit/grading/graded.ts";
import cases from "../../kit/cases/11-capstone.json" with { type: "json" };
import { seededRandom } from "../../kit/lib/random.ts";
import { DRAWS_PER_CONFIG, sampleConfig } from "./space.ts";

type Config = Record<string, number | string>;
const draw = (seed: number | string, n: number): Config[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => sampleConfig(random));
};

graded({
  name: "sampleConfig: 5 seeded streams of 6 configurations, value by value",
  points: 5,
  hint: "One draw per row of the table, in its order, even for momentum when the optimizer is " +
    "adam (read the draw, leave the key out); lr's range depends on the optimizer. Lesson 11, " +
    "'A search space with conditions'.",
}, () => {
  for (const c of cases.sampleConfig.streams) {
    const input = `sampleConfig(r) × ${c.n} with r = seededRandom(${JSON.stringify(c.seed)})`;
    const expected = c.expected as Config[];
    expectEqual({
      input: `${input}: the keys of each configuration`,
      actual: () => draw(c.seed, c.n).map((config) => Object.keys(config)),
      expected: expected.map((config) => Object.keys(config)),
    });
    for (const key of Object.keys(expected[0])) {
      const column = (list: Config[]) => list.map((config) => config[key]);
      const want = column(expected);
      if (want.every((v) => typeof v === "number")) {
        // exp and log: only rounding can differ.
        expectNumbers({
          input: `${input}.map(c => c.${key})`,
          actual: () => column(draw(c.seed, c.n)) as number[],
          expected: want as number[],
          rel: 1e-12,
        });
      } else {
        expectEqual({
          input: `${input}.map(c => c.${key})`,
          actual: () => column(draw(c.seed, c.n)),
          expected: want,
        });
      }
    }
  }
});

graded({
  name: "sampleConfig: reads exactly DRAWS_PER_CONFIG numbers, whatever the optimizer",
  points: 2,
  hint: "Conditional values still use their draw: an adam configuration reads momentum's number " +
    "too, so every configuration starts at the same place in the stream.",
}, () => {
  // The lesson's streams, then streams whose seeds are drawn: the grade of record holds those out.
  for (const c of [...cases.sampleConfig.streams, ...cases.sampleConfig.random]) {
    let reads = 0;
    const base = seededRandom(c.seed);
    const counting = () => (reads++, base());
    const first = c.expected[0] as Config;
    expectEqual({
      input: `sampleConfig(r) with r = seededRandom(${JSON.stringify(c.seed)}), counting reads: ` +
        "[keys, optimizer, reads]",
      actual: () => {
        reads = 0;
        const config = sampleConfig(counting);
        return [Object.keys(config), config.optimizer, reads];
      },
      expected: [Object.keys(first), first.optimizer, DRAWS_PER_CONFIG],
    });
  }
});
