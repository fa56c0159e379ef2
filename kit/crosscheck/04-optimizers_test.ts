/**
 * Lesson 04's optimizers against a second, independent transcription of the update rules in
 * PyTorch's `torch.optim` documentation (SGD with momentum, dampening, Nesterov and weight decay;
 * Adagrad; Adadelta; RMSprop, centred and with momentum; Adam and AdamW, with AMSGrad), written as
 * plain arrays and loops, not from the lesson's code. Each runs 30 steps on a noisy quadratic;
 * trajectories must agree to a relative 1e-10.
 *
 * @module
 */
import { strict as assert } from "node:assert";
import {
  adadelta,
  adagrad,
  adam,
  adamw,
  type Optimizer,
  rmsprop,
  sgd,
} from "../../solutions/04-optimizers/optimizers.ts";
let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
type Ref = (p: number[], g: number[], t: number) => void;
function torchSgd(lr: number, mom: number, damp: number, wd: number, nest: boolean): Ref {
  let buf: number[] | null = null;
  return (p, g) => {
    const d = g.map((x, i) => x + wd * p[i]);
    let upd = d;
    if (mom !== 0) {
      if (!buf) buf = d.slice();
      else buf = buf.map((b, i) => mom * b + (1 - damp) * d[i]);
      upd = nest ? d.map((x, i) => x + mom * buf![i]) : buf;
    }
    for (let i = 0; i < p.length; i++) p[i] -= lr * upd[i];
  };
}
function torchAdagrad(lr: number, lrDecay: number, wd: number, init: number, eps: number): Ref {
  let s: number[] | null = null;
  return (p, g, t) => {
    s ??= p.map(() => init);
    const d = g.map((x, i) => x + wd * p[i]);
    const clr = lr / (1 + (t - 1) * lrDecay);
    for (let i = 0; i < p.length; i++) {
      s[i] += d[i] * d[i];
      p[i] -= clr * d[i] / (Math.sqrt(s[i]) + eps);
    }
  };
}
function torchAdadelta(lr: number, rho: number, eps: number, wd: number): Ref {
  let v: number[] | null = null, u: number[] | null = null;
  return (p, g) => {
    v ??= p.map(() => 0);
    u ??= p.map(() => 0);
    for (let i = 0; i < p.length; i++) {
      const d = g[i] + wd * p[i];
      v[i] = v[i] * rho + d * d * (1 - rho);
      const dx = Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps) * d;
      u[i] = u[i] * rho + dx * dx * (1 - rho);
      p[i] -= lr * dx;
    }
  };
}
function torchRms(
  lr: number,
  alpha: number,
  eps: number,
  wd: number,
  mom: number,
  centered: boolean,
): Ref {
  let v: number[] | null = null, b: number[] | null = null, ga: number[] | null = null;
  return (p, g) => {
    v ??= p.map(() => 0);
    b ??= p.map(() => 0);
    ga ??= p.map(() => 0);
    for (let i = 0; i < p.length; i++) {
      const d = g[i] + wd * p[i];
      v[i] = alpha * v[i] + (1 - alpha) * d * d;
      let avg: number;
      if (centered) {
        ga[i] = alpha * ga[i] + (1 - alpha) * d;
        avg = Math.sqrt(v[i] - ga[i] * ga[i]) + eps;
      } else avg = Math.sqrt(v[i]) + eps;
      if (mom > 0) {
        b[i] = mom * b[i] + d / avg;
        p[i] -= lr * b[i];
      } else p[i] -= lr * d / avg;
    }
  };
}
function torchAdam(
  lr: number,
  b1: number,
  b2: number,
  eps: number,
  wd: number,
  ams: boolean,
  decoupled: boolean,
): Ref {
  let m: number[] | null = null, v: number[] | null = null, vmax: number[] | null = null;
  return (p, g, t) => {
    m ??= p.map(() => 0);
    v ??= p.map(() => 0);
    vmax ??= p.map(() => 0);
    for (let i = 0; i < p.length; i++) {
      let d = g[i];
      if (decoupled) p[i] *= 1 - lr * wd;
      else d = d + wd * p[i];
      m[i] = b1 * m[i] + (1 - b1) * d;
      v[i] = b2 * v[i] + (1 - b2) * d * d;
      const bc1 = 1 - b1 ** t, bc2 = 1 - b2 ** t;
      const stepSize = lr / bc1;
      let denom: number;
      if (ams) {
        vmax[i] = Math.max(vmax[i], v[i]);
        denom = Math.sqrt(vmax[i]) / Math.sqrt(bc2) + eps;
      } else denom = Math.sqrt(v[i]) / Math.sqrt(bc2) + eps;
      p[i] -= stepSize * m[i] / denom;
    }
  };
}
const cases: [string, () => Optimizer, () => Ref][] = [
  ["sgd", () => sgd({ lr: 0.05 }), () => torchSgd(0.05, 0, 0, 0, false)],
  [
    "sgd mom damp wd",
    () => sgd({ lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 }),
    () => torchSgd(0.05, 0.9, 0.3, 0.01, false),
  ],
  [
    "sgd nesterov",
    () => sgd({ lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.1 }),
    () => torchSgd(0.05, 0.8, 0, 0.1, true),
  ],
  [
    "adagrad",
    () => adagrad({ lr: 0.1, lrDecay: 0.01, weightDecay: 0.05, initialAccumulatorValue: 0.2 }),
    () => torchAdagrad(0.1, 0.01, 0.05, 0.2, 1e-10),
  ],
  ["adagrad default", () => adagrad(), () => torchAdagrad(0.01, 0, 0, 0, 1e-10)],
  [
    "adadelta",
    () => adadelta({ lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0.01 }),
    () => torchAdadelta(1, 0.9, 1e-6, 0.01),
  ],
  ["rmsprop", () => rmsprop(), () => torchRms(0.01, 0.99, 1e-8, 0, 0, false)],
  [
    "rmsprop centered mom wd",
    () => rmsprop({ lr: 0.01, momentum: 0.9, centered: true, weightDecay: 0.02 }),
    () => torchRms(0.01, 0.99, 1e-8, 0.02, 0.9, true),
  ],
  ["adam", () => adam(), () => torchAdam(0.001, 0.9, 0.999, 1e-8, 0, false, false)],
  [
    "adam wd ams",
    () => adam({ lr: 0.01, weightDecay: 0.1, amsgrad: true }),
    () => torchAdam(0.01, 0.9, 0.999, 1e-8, 0.1, true, false),
  ],
  ["adamw", () => adamw(), () => torchAdam(0.001, 0.9, 0.999, 1e-8, 0.01, false, true)],
  [
    "adamw ams betas",
    () => adamw({ lr: 0.02, betas: [0.8, 0.99], weightDecay: 0.05, amsgrad: true }),
    () => torchAdam(0.02, 0.8, 0.99, 1e-8, 0.05, true, true),
  ],
];
Deno.test("lesson 04 optimizers agree with an independent transcription of torch.optim to 1e-10", () => {
  let worst = 0;
  for (const [name, mk, mkRef] of cases) {
    const opt = mk(), ref = mkRef();
    const p0 = Array.from({ length: 7 }, rnd);
    const p = Float64Array.from(p0);
    const q = p0.slice();
    let w = 0;
    for (let t = 1; t <= 30; t++) {
      // gradient of a fixed quadratic plus noise, evaluated at each trajectory's own point
      const gp = Float64Array.from(p, (x, i) => (i + 1) * x + 0.3 * Math.sin(t + i));
      const gq = q.map((x, i) => (i + 1) * x + 0.3 * Math.sin(t + i));
      opt.step(p, gp);
      ref(q, gq, t);
      for (let i = 0; i < 7; i++) {
        w = Math.max(w, Math.abs(p[i] - q[i]) / Math.max(Math.abs(q[i]), 1e-12));
      }
    }
    assert.ok(w <= 1e-10, `${name}: trajectories differ by ${w.toExponential(2)} (relative)`);
    worst = Math.max(worst, w);
  }
  assert.ok(worst <= 1e-10);
});
