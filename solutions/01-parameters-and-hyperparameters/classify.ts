/**
 * Exercise 4: is a setting learned by training (a parameter) or chosen before it (a
 * hyperparameter), and if chosen, what kind of choice is it?
 *
 * @module
 */

/** The four families of hyperparameters used in this course. */
export type Category = "training" | "architecture" | "regularization" | "data";

/** What {@link classifySetting} returns: `category` is `null` for a parameter. */
export interface Classification {
  kind: "parameter" | "hyperparameter";
  category: Category | null;
}

/**
 * The settings {@link classifySetting} knows, in their normalised spelling (see
 * {@link normalizeSettingName}).
 */
export const KNOWN_SETTINGS: readonly string[] = [
  "weights",
  "biases",
  "learning rate",
  "learning rate schedule",
  "batch size",
  "epochs",
  "optimizer",
  "momentum",
  "number of layers",
  "layer width",
  "activation",
  "dropout rate",
  "weight decay",
  "early stopping patience",
  "validation split",
  "feature scaling",
];

/**
 * Writes a setting's name the one way {@link KNOWN_SETTINGS} does: camelCase split into words
 * (a space before an upper-case letter that follows a lower-case letter or a digit), lower
 * case, every run of characters other than letters and digits replaced by one space, and no
 * space at either end.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeSettingName } from "./classify.ts";
 * assert.equal(normalizeSettingName("learningRate"), "learning rate");
 * assert.equal(normalizeSettingName("  Early-stopping_PATIENCE "), "early stopping patience");
 * ```
 */
export function normalizeSettingName(name: string): string {
  // BEGIN SOLUTION "TODO: split camelCase, lower-case, collapse separators, trim"
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  // END SOLUTION
}

// BEGIN SOLUTION
const TABLE: Record<string, Classification> = {
  "weights": { kind: "parameter", category: null },
  "biases": { kind: "parameter", category: null },
  "learning rate": { kind: "hyperparameter", category: "training" },
  "learning rate schedule": { kind: "hyperparameter", category: "training" },
  "batch size": { kind: "hyperparameter", category: "training" },
  "epochs": { kind: "hyperparameter", category: "training" },
  "optimizer": { kind: "hyperparameter", category: "training" },
  "momentum": { kind: "hyperparameter", category: "training" },
  "number of layers": { kind: "hyperparameter", category: "architecture" },
  "layer width": { kind: "hyperparameter", category: "architecture" },
  "activation": { kind: "hyperparameter", category: "architecture" },
  "dropout rate": { kind: "hyperparameter", category: "regularization" },
  "weight decay": { kind: "hyperparameter", category: "regularization" },
  "early stopping patience": { kind: "hyperparameter", category: "regularization" },
  "validation split": { kind: "hyperparameter", category: "data" },
  "feature scaling": { kind: "hyperparameter", category: "data" },
};
// END SOLUTION

/**
 * Classifies one of the {@link KNOWN_SETTINGS}, written in any spelling that
 * {@link normalizeSettingName} maps onto it: weights and biases are parameters (category
 * `null`); the others are hyperparameters of category `"training"`, `"architecture"`,
 * `"regularization"` or `"data"`, as in the table of lesson 01.
 *
 * Throws an `Error` whose message contains `name` as given when the setting is not known.
 * Returns a new object on every call: changing one answer does not change later answers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifySetting } from "./classify.ts";
 * assert.deepEqual(classifySetting("weight_decay"), { kind: "hyperparameter", category: "regularization" });
 * assert.deepEqual(classifySetting("Weights"), { kind: "parameter", category: null });
 * ```
 */
export function classifySetting(name: string): Classification {
  // BEGIN SOLUTION 'TODO: parameter or hyperparameter, and which category (lesson 01, "What you set")'
  const key = normalizeSettingName(name);
  const found = Object.hasOwn(TABLE, key) ? TABLE[key] : undefined;
  if (!found) {
    throw new Error(
      `unknown setting "${name}": expected one of ${KNOWN_SETTINGS.join(", ")}`,
    );
  }
  return { kind: found.kind, category: found.category };
  // END SOLUTION
}
