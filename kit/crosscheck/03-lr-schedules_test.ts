/**
 * Lesson 03's schedules against a second, independent transcription of PyTorch's
 * `torch.optim.lr_scheduler` (and Keras's `InverseTimeDecay`), written from their definitions
 * rather than from the lesson's code: `CyclicLR.get_lr`, `OneCycleLR.get_lr` (its phase table),
 * `CosineAnnealingLR`'s closed form, `CosineAnnealingWarmRestarts.step()` run epoch by epoch,
 * `ReduceLROnPlateau.step()`, `StepLR`. Agreement is required to a relative 1e-12.
 *
 * @module
 */
import { strict as assert } from "node:assert";
import { cyclicLr, oneCycleLr } from "../../solutions/03-lr-schedules/cyclical.ts";
import { cosineAnnealing, cosineWarmRestarts } from "../../solutions/03-lr-schedules/cosine.ts";
import { reduceOnPlateau } from "../../solutions/03-lr-schedules/plateau.ts";
import {
  exponentialDecay,
  stepDecay,
  timeBasedDecay,
} from "../../solutions/03-lr-schedules/decays.ts";
import { linearWarmup } from "../../solutions/03-lr-schedules/warmup.ts";
/** Records one comparison of the lesson's value `got` with the transcription's `want`. */
type Compare = (name: string, got: number, want: number) => void;

// PyTorch CyclicLR
function torchCyclic(
  base: number,
  max: number,
  up: number,
  down: number | undefined,
  mode: string,
  gamma: number,
  it: number,
) {
  const d = down ?? up;
  const total = up + d;
  const ratio = up / total;
  const cycle = Math.floor(1 + it / total);
  const x = 1 + it / total - cycle;
  const scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  const h = (max - base) * scale;
  if (mode === "triangular") return base + h;
  if (mode === "triangular2") return base + h * (1 / 2 ** (cycle - 1));
  return base + h * gamma ** it;
}

/** CyclicLR in its three modes, cycles up and down of several lengths. */
function compareCyclic(cmp: Compare): void {
  for (const [up, down] of [[2000, undefined], [5, 3], [4, 10], [1, 1]] as const) {
    for (const mode of ["triangular", "triangular2", "exp_range"] as const) {
      for (let it = 0; it < 60; it++) {
        const s = up > 100 ? it * 137 : it;
        cmp(
          `cyclic ${mode} ${up}/${down} ${s}`,
          cyclicLr({
            baseLr: 0.001,
            maxLr: 0.006,
            stepSizeUp: up,
            stepSizeDown: down,
            mode,
            gamma: 0.99994,
          }, s),
          torchCyclic(0.001, 0.006, up, down, mode, 0.99994, s),
        );
      }
    }
  }
}

// PyTorch OneCycleLR
function torchOneCycle(
  maxLr: number,
  T: number,
  pct = 0.3,
  anneal = "cos",
  div = 25,
  fdiv = 1e4,
  three = false,
  step: number,
) {
  const init = maxLr / div, min = init / fdiv;
  const phases = three
    ? [[pct * T - 1, init, maxLr], [2 * pct * T - 2, maxLr, init], [T - 1, init, min]]
    : [[pct * T - 1, init, maxLr], [T - 1, maxLr, min]];
  const f = anneal === "cos"
    ? (s: number, e: number, p: number) => e + (s - e) / 2 * (Math.cos(Math.PI * p) + 1)
    : (s: number, e: number, p: number) => (e - s) * p + s;
  let start = 0;
  for (let i = 0; i < phases.length; i++) {
    const [end, s, e] = phases[i];
    if (step <= end || i === phases.length - 1) return f(s, e, (step - start) / (end - start));
    start = end;
  }
  throw 0;
}

/** OneCycleLR: two and three phases, both annealings, several warm-up shares. */
function compareOneCycle(cmp: Compare): void {
  for (const T of [100, 37, 1000]) {
    for (const three of [false, true]) {
      for (const anneal of ["cos", "linear"] as const) {
        for (const pct of [0.3, 0.25, 0.45]) {
          for (let s = 0; s < T; s += Math.max(1, Math.floor(T / 97))) {
            cmp(
              `onecycle T=${T} three=${three} ${anneal} pct=${pct} s=${s}`,
              oneCycleLr({
                maxLr: 0.1,
                totalSteps: T,
                pctStart: pct,
                annealStrategy: anneal,
                threePhase: three,
              }, s),
              torchOneCycle(0.1, T, pct, anneal, 25, 1e4, three, s),
            );
          }
        }
      }
    }
  }
}

/** CosineAnnealingLR and CosineAnnealingWarmRestarts. */
function compareCosine(cmp: Compare): void {
  // CosineAnnealingLR closed form (also past T_max)
  for (const tMax of [10, 50, 7]) {
    for (let e = 0; e <= 3 * tMax; e++) {
      cmp(
        `cosine tmax=${tMax} e=${e}`,
        cosineAnnealing({ lr0: 0.1, tMax, etaMin: 0.001 }, e),
        0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * e / tMax)) / 2,
      );
    }
  }
  // CosineAnnealingWarmRestarts via step()
  for (const [t0, tm] of [[10, 1], [10, 2], [1, 3], [5, 2]]) {
    let tcur = 0, ti = t0;
    for (let e = 0; e < 200; e++) {
      if (e > 0) {
        tcur += 1;
        if (tcur >= ti) {
          tcur -= ti;
          ti *= tm;
        }
      }
      cmp(
        `sgdr t0=${t0} tm=${tm} e=${e}`,
        cosineWarmRestarts({ lr0: 0.1, t0, tMult: tm, etaMin: 0.001 }, e),
        0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * tcur / ti)) / 2,
      );
    }
  }
}

// ReduceLROnPlateau
function torchPlateau(
  lr0: number,
  metrics: number[],
  o: {
    mode?: string;
    factor?: number;
    patience?: number;
    threshold?: number;
    thresholdMode?: string;
    cooldown?: number;
    minLr?: number;
    eps?: number;
  },
) {
  const mode = o.mode ?? "min",
    factor = o.factor ?? 0.1,
    patience = o.patience ?? 10,
    thr = o.threshold ?? 1e-4,
    tm = o.thresholdMode ?? "rel",
    cooldown = o.cooldown ?? 0,
    minLr = o.minLr ?? 0,
    eps = o.eps ?? 1e-8;
  let best = mode === "min" ? Infinity : -Infinity, bad = 0, cd = 0, lr = lr0;
  const out: number[] = [];
  const better = (a: number) =>
    mode === "min"
      ? (tm === "rel" ? a < best * (1 - thr) : a < best - thr)
      : (tm === "rel" ? a > best * (thr + 1) : a > best + thr);
  for (const m of metrics) {
    if (better(m)) {
      best = m;
      bad = 0;
    } else bad++;
    if (cd > 0) {
      cd--;
      bad = 0;
    }
    if (bad > patience) {
      const nl = Math.max(lr * factor, minLr);
      if (lr - nl > eps) lr = nl;
      cd = cooldown;
      bad = 0;
    }
    out.push(lr);
  }
  return out;
}

/** ReduceLROnPlateau on 200 noisy metric curves with varied options. */
function comparePlateau(cmp: Compare): void {
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let trial = 0; trial < 200; trial++) {
    const metrics = Array.from(
      { length: 60 },
      (_, i) => Math.round((1 / (1 + i / 10) + (rnd() - 0.5) * 0.2) * 1000) / 1000,
    );
    const o = {
      mode: trial % 3 === 0 ? "max" : "min",
      factor: [0.1, 0.5, 0.3][trial % 3],
      patience: trial % 5,
      threshold: [1e-4, 0.01, 0.05][trial % 3],
      thresholdMode: trial % 2 ? "abs" : "rel",
      cooldown: trial % 4,
      minLr: [0, 1e-3, 0.02][trial % 3],
    } as const;
    const got = reduceOnPlateau({ lr0: 0.1, ...o }, metrics), want = torchPlateau(0.1, metrics, o);
    got.forEach((g, i) => cmp(`plateau trial ${trial} i=${i}`, g, want[i]));
  }
}

/** StepLR, ExponentialDecay, InverseTimeDecay and LinearLR. */
function compareDecays(cmp: Compare): void {
  // StepLR, ExponentialDecay, InverseTimeDecay, LinearLR
  for (let e = 0; e < 120; e++) {
    cmp(
      `step e=${e}`,
      stepDecay({ lr0: 0.001, gamma: 0.5, stepSize: 20 }, e),
      0.001 * 0.5 ** Math.floor(e / 20),
    );
    cmp(`time e=${e}`, timeBasedDecay({ lr0: 0.001, decay: 0.1 }, e), 0.001 / (1 + 0.1 * e));
    // Keras ExponentialDecay: lr0 · rate^(step / decay_steps), the exponent floored when staircase.
    for (const staircase of [false, true]) {
      const exponent = staircase ? Math.floor(e / 7) : e / 7;
      cmp(
        `exponential staircase=${staircase} e=${e}`,
        exponentialDecay({ lr0: 0.1, decayRate: 0.96, decaySteps: 7, staircase }, e),
        0.1 * 0.96 ** exponent,
      );
    }
    // PyTorch LinearLR, closed form: lr0 · (start + (end − start) · min(t, T) / T).
    cmp(
      `linear warm-up e=${e}`,
      linearWarmup({ lr0: 0.1, startFactor: 0.25, endFactor: 1, totalIters: 10 }, e),
      0.1 * (0.25 + (1 - 0.25) * Math.min(e, 10) / 10),
    );
  }
}

Deno.test("lesson 03 schedules agree with an independent transcription of PyTorch to 1e-12", () => {
  let worst = 0, n = 0;
  const bad: string[] = [];
  function cmp(name: string, got: number, want: number) {
    n++;
    const e = Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
    if (e > 1e-12 && Math.abs(got - want) > 1e-17) bad.push(`${name}: got ${got} want ${want}`);
    worst = Math.max(worst, Math.abs(got - want) <= 1e-17 ? 0 : e);
  }
  compareCyclic(cmp);
  compareOneCycle(cmp);
  compareCosine(cmp);
  comparePlateau(cmp);
  compareDecays(cmp);
  assert.deepEqual(
    bad.slice(0, 10),
    [],
    `compared ${n} values, worst relative difference ${worst}`,
  );
  assert.ok(n > 16_000);
});
