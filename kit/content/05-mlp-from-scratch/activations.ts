/**
 * Lesson 05, the activations (`solutions/05-mlp-from-scratch/activations.ts`): each one's value
 * and backward pass at special and seeded random inputs.
 *
 * @module
 */

import type { Json, LessonContent } from "../types.ts";
import { normal, seededRandom } from "../../lib/random.ts";
import { ACTIVATIONS, draw, list, r4 } from "./shared.ts";
import {
  activate,
  activationBackward,
} from "../../../solutions/05-mlp-from-scratch/activations.ts";

function activationCases() {
  const random = seededRandom("05/activations");
  const special = [0, -0.5, 0.5, -3, 3, -40, 40, 1e-9, -1e-9];
  const z = Float64Array.from([...special, ...draw(random, 23, 2)]);
  const da = Float64Array.from(
    { length: z.length },
    (_, i) => i < special.length ? 1.5 : r4(normal(random)),
  );
  const out: Record<string, Json> = { z: list(z), da: list(da) };
  for (const kind of ACTIVATIONS) {
    const a = activate(kind, z);
    out[kind] = { a: list(a), dz: list(activationBackward(kind, z, a, da)) };
  }
  return out;
}

/** The activations' cases. */
export const activations: LessonContent = { cases: () => ({ activations: activationCases() }) };
