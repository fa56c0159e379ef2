/**
 * Lesson 01, classifying settings (`solutions/01-parameters-and-hyperparameters/classify.ts`):
 * `normalizeSettingName` and `classifySetting` cases, the table of hyperparameters and the list
 * of known settings.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { integer, type Random, seededRandom } from "../../lib/random.ts";
import {
  classifySetting,
  KNOWN_SETTINGS,
  normalizeSettingName,
} from "../../../solutions/01-parameters-and-hyperparameters/classify.ts";

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

/**
 * `normalizeSettingName` and `classifySetting`'s cases, the random ones drawn from `random` (the
 * lesson's one stream: see `mod.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seededRandom } from "../../lib/random.ts";
 * import { classifyCases } from "./classify.ts";
 * const cases = classifyCases(seededRandom("demo"));
 * assert.ok(cases.normalizeSettingName.length > 8);
 * assert.equal(cases.classifySetting.random.length, 30);
 * assert.deepEqual(cases, classifyCases(seededRandom("demo")));
 * ```
 */
export function classifyCases(random: Random) {
  const normalizeCases = [
    "learningRate",
    "learning_rate",
    "Learning-Rate",
    "  BATCH SIZE ",
    "earlyStoppingPatience",
    "weight__decay",
    "layer2Width",
    "dropout rate!",
    // Respelled settings from a stream of their own (the lesson's shared stream stays as it
    // was): the grade of record draws these afresh.
    ...((drawn) =>
      Array.from({ length: 5 }, () =>
        respell(
          KNOWN_SETTINGS[integer(drawn, 0, KNOWN_SETTINGS.length - 1)],
          integer(drawn, 0, 5),
        )))(seededRandom("01/normalize")),
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
    normalizeSettingName: normalizeCases,
    classifySetting: { lesson: classifyLesson, random: classifyRandom, unknown: classifyUnknown },
  };
}

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

function settingsList(): string {
  return KNOWN_SETTINGS.map((name) => {
    const c = classifySetting(name);
    return `\`${name}\` (${c.kind === "parameter" ? "parameter" : c.category})`;
  }).join(", ");
}

/** The hyperparameter table and the settings list (its cases come through `mod.ts`). */
export const classifyTopic: LessonContent = {
  blocks: { "hyperparameter-table": hyperparameterTable, "settings-list": settingsList },
};
