/**
 * Lesson 01's generator: graded-test cases and every number printed in the lesson, all computed
 * by the reference solutions.
 *
 * @module
 */

import type { LessonContent } from "./types.ts";
import { lineChart } from "../lib/plot.ts";
import { integer, logUniform, type Random, seededRandom, uniform } from "../lib/random.ts";
import {
  countParameters,
  parameterBreakdown,
} from "../../solutions/01-parameters-and-hyperparameters/count_parameters.ts";
import {
  type Dimension,
  gridSize,
  type SearchSpace,
  spaceSize,
} from "../../solutions/01-parameters-and-hyperparameters/search_space.ts";
import {
  DAYS_PER_YEAR,
  formatDuration,
  HOURS_PER_DAY,
  timeToExhaust,
} from "../../solutions/01-parameters-and-hyperparameters/grid_time.ts";
import {
  classifySetting,
  KNOWN_SETTINGS,
  normalizeSettingName,
} from "../../solutions/01-parameters-and-hyperparameters/classify.ts";

/** The networks of the lesson's table, with what each is for. */
const LESSON_NETWORKS: { layers: number[]; what: string }[] = [
  { layers: [4, 16, 3], what: "iris: 4 measurements, 3 species" },
  { layers: [64, 64, 10], what: "digits: 8×8 pixels, 10 classes" },
  { layers: [64, 32, 32, 10], what: "digits, two narrower hidden layers" },
  { layers: [784, 128, 10], what: "28×28 images (MNIST-sized), 10 classes" },
  { layers: [784, 512, 512, 10], what: "the same, two wide hidden layers" },
];

/** Small networks where the usual slips (no biases, wrong pairs, products) give other answers. */
const TRAP_NETWORKS: number[][] = [[1, 1], [3, 1], [1, 5], [2, 3, 4], [5, 1, 5], [10, 10, 10, 10]];

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

/** Writes a setting's canonical name in another spelling that normalises back to it. */
function respell(name: string, style: number): string {
  const words = name.split(" ");
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
  switch (style % 6) {
    case 0:
      return words.join("_");
    case 1:
      return words.join("-");
    case 2:
      return words[0] + words.slice(1).map(cap).join("");
    case 3:
      return name.toUpperCase();
    case 4:
      return words.map(cap).join(" ");
    default:
      return `  ${words.join("  ")} `;
  }
}

function cases() {
  const random = seededRandom("lesson-01");

  // countParameters and parameterBreakdown
  const networkCase = (layers: number[]) => ({
    layers,
    expected: countParameters(layers),
    breakdown: { ...parameterBreakdown(layers) },
  });
  const randomNetworks = Array.from({ length: 40 }, () => {
    const depth = integer(random, 2, 6);
    return networkCase(
      Array.from({ length: depth }, () => random() < 0.15 ? 1 : integer(random, 1, 256)),
    );
  });
  const invalidNetworks = [
    { layers: [], names: null },
    { layers: [10], names: null },
    { layers: [64, 0, 10], names: "layerSizes[1]" },
    { layers: [64, 64, -3], names: "layerSizes[2]" },
    { layers: [2.5, 4], names: "layerSizes[0]" },
    { layers: [8, "NaN", 8], names: "layerSizes[1]" },
  ];

  // gridSize and spaceSize
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

  // timeToExhaust and formatDuration
  const timeCase = (runs: number, hoursPerRun: number, workers: number) => ({
    runs,
    hoursPerRun,
    workers,
    expected: { ...timeToExhaust(runs, hoursPerRun, workers) },
  });
  const timeLesson = [
    timeCase(100_000, 1, 1),
    timeCase(9_216, 1, 1),
    timeCase(9_216, 1, 8),
    timeCase(9_216, 0.25, 1),
    timeCase(10, 3, 4),
    timeCase(0, 2, 1),
  ];
  const timeRandom = Array.from({ length: 40 }, () => {
    const runs = gridSize(
      Array.from({ length: integer(random, 1, 6) }, () => integer(random, 1, 10)),
    );
    const hoursPerRun = [0.25, 0.5, 1, 2, 6, 24][integer(random, 0, 5)] *
      (random() < 0.5 ? 1 : Math.round(uniform(random, 1, 10) * 100) / 100);
    const workers = random() < 0.25 ? 1 : integer(random, 2, 64);
    return timeCase(runs, hoursPerRun, workers);
  });
  const timeInvalid = [
    { runs: -1, hoursPerRun: 1, workers: 1, names: "runs" },
    { runs: 2.5, hoursPerRun: 1, workers: 1, names: "runs" },
    { runs: 100, hoursPerRun: 0, workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: -2, workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: "NaN", workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: "Infinity", workers: 1, names: "hoursPerRun" },
    { runs: 100, hoursPerRun: 1, workers: 0, names: "workers" },
    { runs: 100, hoursPerRun: 1, workers: 1.5, names: "workers" },
  ];
  const formatLesson = [100_000, 9_216, 1_152, 36, 0.5, 24, 8_766, 8_765.9, 23.96, 0].map((
    hours,
  ) => ({
    hours,
    expected: formatDuration(hours),
  }));
  const formatRandom: { hours: number; expected: string }[] = [];
  while (formatRandom.length < 30) {
    const hours = Math.round(logUniform(random, 0.1, 1e7) * 1000) / 1000;
    // Skip values within 1e-6 of a rounding tie, where toFixed(1) and Math.round(x·10)/10
    // may disagree: both are fair readings of "one decimal".
    if (!nearTie(hours)) formatRandom.push({ hours, expected: formatDuration(hours) });
  }

  // normalizeSettingName and classifySetting
  const normalizeCases = [
    "learningRate",
    "learning_rate",
    "Learning-Rate",
    "  BATCH SIZE ",
    "earlyStoppingPatience",
    "weight__decay",
    "layer2Width",
    "dropout rate!",
  ].map((name) => ({ name, expected: normalizeSettingName(name) }));
  const classifyLesson = KNOWN_SETTINGS.map((name) => ({
    name,
    expected: { ...classifySetting(name) },
  }));
  const classifyRandom = Array.from({ length: 30 }, () => {
    const name = respell(
      KNOWN_SETTINGS[integer(random, 0, KNOWN_SETTINGS.length - 1)],
      integer(random, 0, 5),
    );
    return { name, expected: { ...classifySetting(name) } };
  });
  const classifyUnknown = [
    "random seed",
    "loss",
    "accuracy",
    "gradients",
    "learning",
    "weight decay rate",
    // Not own keys of a lookup object: a plain `table[key]` finds Object.prototype.constructor.
    "constructor",
    // The message must name the setting as given, not as normalised.
    "Hidden-Units",
    "numEpochs",
  ];

  return {
    countParameters: {
      lesson: [
        ...LESSON_NETWORKS.map((n) => networkCase(n.layers)),
        ...TRAP_NETWORKS.map(networkCase),
      ],
      random: randomNetworks,
      invalid: invalidNetworks,
    },
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
    timeToExhaust: { lesson: timeLesson, random: timeRandom, invalid: timeInvalid },
    formatDuration: {
      lesson: formatLesson,
      random: formatRandom,
      invalid: [-1, "NaN", "Infinity"],
    },
    normalizeSettingName: normalizeCases,
    classifySetting: { lesson: classifyLesson, random: classifyRandom, unknown: classifyUnknown },
  };
}

/** True when a value sits so close to a unit boundary or a rounding tie that readings differ. */
function nearTie(hours: number): boolean {
  const candidates = [hours, hours / HOURS_PER_DAY, hours / HOURS_PER_DAY / DAYS_PER_YEAR];
  return candidates.some((v) => Math.abs(v * 10 - Math.floor(v * 10) - 0.5) < 1e-6);
}

/** The search space of the lesson's worked example. */
const LESSON_SPACE: SearchSpace = {
  learningRate: { type: "choice", values: [0.3, 0.1, 0.03, 0.01, 0.003, 0.001] },
  batchSize: { type: "choice", values: [16, 32, 64, 128] },
  optimizer: { type: "choice", values: ["sgd", "momentum", "adam"] },
  hiddenLayers: { type: "int", low: 1, high: 3 },
  dropout: { type: "choice", values: [0, 0.2, 0.5] },
};

const fmt = (x: number) => x.toLocaleString("en-US");
/** A number with thousands separators, for inside `$…$` math (a bare comma adds a space). */
const tex = (text: string) => text.replaceAll(",", "{,}");
const fixed = (x: number, digits: number) =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Typical ranges and what each setting does: editorial text; the categories come from the code. */
const HYPERPARAMETER_ROWS: { name: string; symbol: string; range: string; effect: string }[] = [
  {
    name: "learning rate",
    symbol: "$\\eta$",
    range: "$10^{-5}$ to $1$, searched on a log scale",
    effect: "size of each update step",
  },
  {
    name: "learning rate schedule",
    symbol: "$\\eta_t$",
    range: "constant, step decay, cosine, one-cycle (lesson 03)",
    effect: "how the rate changes during training",
  },
  {
    name: "batch size",
    symbol: "$B$",
    range: "16 to 1024, often powers of 2",
    effect: "examples per gradient estimate",
  },
  {
    name: "epochs",
    symbol: "$E$",
    range: "10 to a few hundred",
    effect: "passes over the training set",
  },
  {
    name: "optimizer",
    symbol: "",
    range: "SGD, SGD + momentum, RMSprop, Adam",
    effect: "the update rule",
  },
  {
    name: "momentum",
    symbol: "$\\beta$",
    range: "0.5 to 0.99, often 0.9",
    effect: "how much past steps carry over",
  },
  {
    name: "number of layers",
    symbol: "$D$",
    range: "1 to 5 hidden layers for an MLP",
    effect: "depth",
  },
  {
    name: "layer width",
    symbol: "$n_\\ell$",
    range: "16 to 1024 units",
    effect: "capacity of each layer",
  },
  {
    name: "activation",
    symbol: "",
    range: "ReLU, tanh, sigmoid",
    effect: "the non-linearity between layers",
  },
  {
    name: "dropout rate",
    symbol: "$p$",
    range: "0 to 0.5",
    effect: "fraction of units silenced per step",
  },
  {
    name: "weight decay",
    symbol: "$\\lambda$",
    range: "0, or $10^{-6}$ to $10^{-2}$ on a log scale",
    effect: "pull of the weights toward zero",
  },
  {
    name: "early stopping patience",
    symbol: "",
    range: "5 to 20 epochs",
    effect: "epochs without improvement before stopping",
  },
  {
    name: "validation split",
    symbol: "",
    range: "10% to 30% of the labelled data",
    effect: "data held out to judge settings",
  },
  {
    name: "feature scaling",
    symbol: "",
    range: "none, min–max, standardisation",
    effect: "how inputs are rescaled before training",
  },
];

function hyperparameterTable(): string {
  const lines = [
    "| hyperparameter | symbol | category | typical values | controls |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const row of HYPERPARAMETER_ROWS) {
    const { category } = classifySetting(row.name);
    lines.push(`| ${row.name} | ${row.symbol} | ${category} | ${row.range} | ${row.effect} |`);
  }
  return lines.join("\n");
}

function networkTable(): string {
  const lines = [
    "| layer sizes | for | weights | biases | parameters |",
    "| --- | --- | ---: | ---: | ---: |",
  ];
  for (const { layers, what } of LESSON_NETWORKS) {
    const b = parameterBreakdown(layers);
    lines.push(
      `| \`[${layers.join(", ")}]\` | ${what} | ${fmt(b.weights)} | ${fmt(b.biases)} | ${
        fmt(b.total)
      } |`,
    );
  }
  return lines.join("\n");
}

function networkWorked(): string {
  const layers = [64, 64, 10];
  const parts = layers.slice(1).map((out, i) => {
    const inp = layers[i];
    const b = parameterBreakdown([inp, out]);
    return { inp, out, total: b.total };
  });
  const terms = parts.map((p) => `(${p.inp} \\cdot ${p.out} + ${p.out})`).join(" + ");
  const values = parts.map((p) => tex(fmt(p.total))).join(" + ");
  const total = tex(fmt(countParameters(layers)));
  return `$$P([64, 64, 10]) = ${terms} = ${values} = ${total}$$`;
}

function explosionTable(): string {
  const lines = [
    "| hyperparameters $k$ | grid points $10^k$ | hours at 1 hour per run | readable |",
    "| ---: | ---: | ---: | ---: |",
  ];
  for (let k = 1; k <= 7; k++) {
    const runs = gridSize(Array.from({ length: k }, () => 10));
    const t = timeToExhaust(runs, 1);
    lines.push(`| ${k} | ${fmt(runs)} | ${fmt(t.hours)} | ${formatDuration(t.hours)} |`);
  }
  return lines.join("\n");
}

function yearConvention(): string {
  const t = timeToExhaust(100_000, 1);
  const with365 = t.days / 365;
  return [
    `$$100{,}000 \\text{ h} = \\frac{100{,}000}{24} \\text{ days} = ${
      tex(fixed(t.days, 1))
    } \\text{ days} = ` +
    `\\frac{${tex(fixed(t.days, 1))}}{${DAYS_PER_YEAR}} \\text{ years} \\approx ${
      fixed(t.years, 2)
    } \\text{ years}$$`,
    "",
    `With a 365-day year it would be ${
      fixed(with365, 2)
    } years instead: the convention moves the ` +
    `answer by ${fixed((with365 / t.years - 1) * 100, 2)}%, never enough to change the lesson, ` +
    "but enough to fail a test compared at a relative tolerance of $10^{-12}$.",
  ].join("\n");
}

function grid9216(): string {
  const counts = [4, 4, 4, 4, 4, 3, 3];
  const runs = gridSize(counts);
  const rows = [
    { hoursPerRun: 1, workers: 1 },
    { hoursPerRun: 1, workers: 8 },
    { hoursPerRun: 0.25, workers: 1 },
    { hoursPerRun: 0.25, workers: 8 },
  ];
  const lines = [
    `$$${counts.join(" \\cdot ")} = 4^5 \\cdot 3^2 = ${tex(fmt(runs))} \\text{ configurations}$$`,
    "",
    "| hours per run | machines | waves | wall-clock hours | readable |",
    "| ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { hoursPerRun, workers } of rows) {
    const t = timeToExhaust(runs, hoursPerRun, workers);
    lines.push(
      `| ${hoursPerRun} | ${workers} | ${fmt(t.waves)} | ${fmt(t.hours)} | ${
        formatDuration(t.hours)
      } |`,
    );
  }
  return lines.join("\n");
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
  lines.push("", `$$${counts.join(" \\cdot ")} = ${tex(fmt(total))}$$`);
  const t = timeToExhaust(total, 0.5);
  lines.push(
    "",
    `At half an hour per run that is ${fmt(t.hours)} hours, or ${
      formatDuration(t.hours)
    }, on one machine.`,
  );
  return lines.join("\n");
}

function hook(): string {
  const runs = gridSize([10, 10, 10, 10, 10]);
  const t = timeToExhaust(runs, 1);
  return `Five settings with ten candidate values each make ${fmt(runs)} combinations. At one ` +
    `hour of training per combination, trying them all on one machine takes ` +
    `${formatDuration(t.hours)}.`;
}

function settingsList(): string {
  return KNOWN_SETTINGS.map((name) => {
    const c = classifySetting(name);
    return `\`${name}\` (${c.kind === "parameter" ? "parameter" : c.category})`;
  }).join(", ");
}

/** Years to exhaust a grid of k hyperparameters with m values each, one hour per run. */
function explosionFigure(): Promise<string> {
  const ks = Array.from({ length: 8 }, (_, i) => i + 1);
  const series = [2, 3, 5, 10].map((m) => ({
    name: `${m} values each`,
    x: ks,
    y: ks.map((k) => timeToExhaust(gridSize(Array.from({ length: k }, () => m)), 1).years),
  }));
  return lineChart({
    title: "Time to try every point of a grid (1 hour per run, one machine)",
    xLabel: "number of hyperparameters k",
    yLabel: "years (365.25 days)",
    logY: true,
    series: [...series, { name: "one year", x: [1, 8], y: [1, 1], dashed: true, color: "#777777" }],
  });
}

/** Lesson 01's content. */
export const content: LessonContent = {
  cases,
  blocks: {
    "hook": hook,
    "hyperparameter-table": hyperparameterTable,
    "network-table": networkTable,
    "network-worked": networkWorked,
    "explosion-table": explosionTable,
    "year-convention": yearConvention,
    "grid-9216": grid9216,
    "space-example": spaceExample,
    "settings-list": settingsList,
  },
  figures: { "grid-explosion": explosionFigure },
};
