"""The lesson 05 benchmark network in NumPy, for `deno task bench mlp` to compare against.

Reads a JSON job on stdin: {"csv": path, "train": [row indices], "test": [row indices],
"hidden": width, "epochs": 30, "batch": 32, "lr": 0.05, "momentum": 0.9, "runs": 5, "seed": 0}.
Trains a 64-hidden-10 ReLU MLP (He init, softmax cross-entropy, SGD with momentum as
torch.optim.SGD) `runs` times and prints one JSON line: {"seconds": [...], "accuracy": [...]}.
Only the training loop is timed, as in the TypeScript benchmark.
"""
import json
import sys
import time

import numpy as np


def train_once(x, y, xt, yt, hidden, epochs, batch, lr, momentum, seed):
    rng = np.random.default_rng(seed)
    n, d = x.shape
    k = int(y.max()) + 1
    w1 = rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)
    b1 = np.zeros(hidden)
    w2 = rng.standard_normal((hidden, k)) * np.sqrt(2.0 / hidden)
    b2 = np.zeros(k)
    params = [w1, b1, w2, b2]
    bufs = [None] * 4
    start = time.perf_counter()
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            xb, yb = x[idx], y[idx]
            m = len(idx)
            z1 = xb @ w1 + b1
            h = np.maximum(z1, 0)
            z2 = h @ w2 + b2
            z2 = z2 - z2.max(axis=1, keepdims=True)
            p = np.exp(z2)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(m), yb] -= 1
            p /= m
            gw2 = h.T @ p
            gb2 = p.sum(axis=0)
            dh = (p @ w2.T) * (z1 > 0)
            gw1 = xb.T @ dh
            gb1 = dh.sum(axis=0)
            for i, g in enumerate((gw1, gb1, gw2, gb2)):
                bufs[i] = g.copy() if bufs[i] is None else momentum * bufs[i] + g
                params[i] -= lr * bufs[i]
    seconds = time.perf_counter() - start
    logits = np.maximum(xt @ w1 + b1, 0) @ w2 + b2
    return seconds, float((logits.argmax(axis=1) == yt).mean())


def main():
    job = json.load(sys.stdin)
    data = np.loadtxt(job["csv"], delimiter=",", skiprows=1)
    x_all = data[:, :-1] / 16.0
    y_all = data[:, -1].astype(np.int64)
    tr, te = np.array(job["train"]), np.array(job["test"])
    out = {"seconds": [], "accuracy": []}
    for r in range(job["runs"]):
        s, a = train_once(x_all[tr], y_all[tr], x_all[te], y_all[te], job["hidden"],
                          job["epochs"], job["batch"], job["lr"], job["momentum"],
                          job["seed"] + r)
        out["seconds"].append(s)
        out["accuracy"].append(a)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
