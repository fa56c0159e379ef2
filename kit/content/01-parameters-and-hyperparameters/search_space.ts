/**
 * Lesson 01, the size of a search space (`solutions/01-parameters-and-hyperparameters/search_space.ts`):
 * `gridSize` and `spaceSize` cases, and the lesson's worked search space.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, logUniform, type Random } from "../../lib/random.ts";
import { grouped, tex } from "./shared.ts";
import {
  type Dimension,
  gridSize,
  type SearchSpace,
  spaceSize,
} from "../../../solutions/01-parameters-and-hyperparameters/search_space.ts";
import {
  formatDuration,
  timeToExhaust,
} from "../../../solutions/01-parameters-and-hyperparameters/grid_time.ts";

/** The search space of the lesson's worked example. */
const LESSON_SPACE: SearchSpace = {
  learningRate: { type: "choice", values: [0.3, 0.1, 0.03, 0.01, 0.003, 0.001] },
  batchSize: { type: "choice", values: [16, 32, 64, 128] },
  optimizer: { type: "choice", values: ["sgd", "momentum", "adam"] },
  hiddenLayers: { type: "int", low: 1, high: 3 },
  dropout: { type: "choice", values: [0, 0.2, 0.5] },
};

const NAME_POOL = [
  "learningRate",
  "batchSize",
  "epochs",
  "optimizer",
  "momentum",
  "hiddenLayers",
  "width",
  "activation",
  "dropout",
  "weightDecay",
  "patience",
  "validationSplit",
];

const CHOICE_POOL: (string | number | boolean)[] = [
  "sgd",
  "adam",
  "rmsprop",
  "relu",
  "tanh",
  0.1,
  0.01,
  0.001,
  32,
  64,
  128,
  true,
  false,
];

function randomDimension(random: Random): Dimension {
  if (random() < 0.5) {
    const n = integer(random, 1, 6);
    const values = Array.from(
      { length: n },
      (_, i) => CHOICE_POOL[(i * 5 + n) % CHOICE_POOL.length],
    );
    return { type: "choice", values };
  }
  const low = integer(random, -5, 10);
  return { type: "int", low, high: low + integer(random, 0, 20) };
}

function randomSpace(random: Random, dims: number): SearchSpace {
  const names = [...NAME_POOL];
  const space: SearchSpace = {};
  for (let i = 0; i < dims; i++) {
    const [name] = names.splice(integer(random, 0, names.length - 1), 1);
    space[name] = randomDimension(random);
  }
  return space;
}

/**
 * `gridSize` and `spaceSize`'s cases, the random ones drawn from `random` (the lesson's one
 * stream: see `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { searchSpaceCases } from "./search_space.ts";
 * const { gridSize } = searchSpaceCases(seededRandom("demo"));
 * assert.equal(gridSize.lesson.length, 5);
 * assert.equal(gridSize.random.length, 30);
 * assert.ok(gridSize.random.every(({ counts }) => counts.every((n) => n >= 1 && n <= 12)));
 * ```
 */
export function searchSpaceCases(random: Random) {
  const gridLesson = [[10, 10, 10, 10, 10], [4, 4, 4, 4, 4, 3, 3], [10], [], [3, 1, 2]];
  const gridRandom = Array.from(
    { length: 30 },
    () => Array.from({ length: integer(random, 0, 7) }, () => integer(random, 1, 12)),
  );
  const gridInvalid = [
    { counts: [10, 0], names: "valueCounts[1]" },
    { counts: [3, 2.5, 4], names: "valueCounts[1]" },
    { counts: [-1], names: "valueCounts[0]" },
    { counts: [4, 4, "Infinity"], names: "valueCounts[2]" },
  ];
  const spaceLesson: SearchSpace[] = [LESSON_SPACE, {
    optimizer: { type: "choice", values: ["sgd", "adam"] },
    hiddenLayers: { type: "int", low: 1, high: 3 },
  }, {
    width: { type: "int", low: 64, high: 64 },
  }, {}];
  const spaceRandom = Array.from({ length: 30 }, () => randomSpace(random, integer(random, 1, 5)));
  const spaceContinuous = Array.from({ length: 8 }, () => {
    const space = randomSpace(random, integer(random, 0, 4));
    const name = NAME_POOL.find((n) => !(n in space))!;
    const entries = Object.entries(space);
    const at = integer(random, 0, entries.length);
    const low = logUniform(random, 1e-5, 1e-2);
    entries.splice(at, 0, [name, { type: "float", low, high: low * 100 }]);
    return { space: Object.fromEntries(entries), names: name };
  });
  const spaceInvalid = [
    { space: { optimizer: { type: "choice", values: [] } }, names: "optimizer" },
    { space: { epochs: { type: "int", low: 50, high: 10 } }, names: "epochs" },
    { space: { width: { type: "int", low: 16.5, high: 64 } }, names: "width" },
  ];

  return {
    gridSize: {
      lesson: gridLesson.map((counts) => ({ counts, expected: gridSize(counts) })),
      random: gridRandom.map((counts) => ({ counts, expected: gridSize(counts) })),
      invalid: gridInvalid,
    },
    spaceSize: {
      lesson: spaceLesson.map((space) => ({ space, expected: spaceSize(space) })),
      random: spaceRandom.map((space) => ({ space, expected: spaceSize(space) })),
      continuous: spaceContinuous,
      invalid: spaceInvalid,
    },
  };
}

function spaceExample(): string {
  const lines = ["| hyperparameter | values | count |", "| --- | --- | ---: |"];
  const counts: number[] = [];
  for (const [name, dim] of Object.entries(LESSON_SPACE)) {
    const n = spaceSize({ [name]: dim });
    counts.push(n);
    const values = dim.type === "choice"
      ? dim.values.map((v) => `\`${JSON.stringify(v)}\``).join(", ")
      : dim.type === "int"
      ? `integers ${dim.low} to ${dim.high}`
      : "continuous";
    lines.push(`| \`${name}\` | ${values} | ${n} |`);
  }
  const total = spaceSize(LESSON_SPACE);
  lines.push("", `$$${counts.join(" \\cdot ")} = ${tex(grouped(total))}$$`);
  const t = timeToExhaust(total, 0.5);
  lines.push(
    "",
    `At half an hour per run that is ${grouped(t.hours)} hours, or ${
      formatDuration(t.hours)
    }, on one machine.`,
  );
  return lines.join("\n");
}

/** The worked search space's table (its cases come through `mod.ts`). */
export const searchSpaceTopic: LessonContent = { blocks: { "space-example": spaceExample } };
