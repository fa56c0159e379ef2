"""The lesson 05 benchmark network in Python, for `deno task bench mlp` to compare against.

Reads a JSON job on stdin: {"library": "numpy" | "sklearn", "csv": path, "train": [row
indices], "test": [row indices], "hidden": width, "epochs": 30, "batch": 32, "lr": 0.05,
"momentum": 0.9, "runs": 5, "seed": 0}.

- numpy: a 64-hidden-10 ReLU MLP written with NumPy (He init, softmax cross-entropy, SGD with
  momentum as torch.optim.SGD), the same network and update as the TypeScript reference.
- sklearn: scikit-learn's MLPClassifier with the same width, solver "sgd", momentum 0.9 (not
  Nesterov), constant learning rate, batch size, epochs, alpha = 0 and no early stopping. Its
  initialisation is its own (Glorot), so its accuracy can differ a little.

Trains `runs` + 1 times, drops the first (warm-up) run, and prints one JSON line:
{"seconds": [...], "cpu_seconds": [...], "accuracy": [...], "runtime": {...}}, where runtime
says which Python, NumPy and BLAS ran (OpenBLAS core type and thread count, read from the
loaded library itself). Only training is timed.
"""
import ctypes
import json
import platform
import sys
import time

import numpy as np


def blas_info():
    """The OpenBLAS core type, thread count and version of the library this process loaded."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower()})
    for path in paths:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("openblas_", ""), ("scipy_openblas_", "64_"), ("openblas_", "64_")):
            try:
                core = getattr(lib, f"{prefix}get_corename{suffix}")
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
                config = getattr(lib, f"{prefix}get_config{suffix}")
            except AttributeError:
                continue
            core.restype = config.restype = ctypes.c_char_p
            return {
                "library": path,
                "core": core().decode(),
                "threads": threads(),
                "config": config().decode().strip(),
            }
    return {"library": None}


def train_numpy(x, y, xt, yt, hidden, epochs, batch, lr, momentum, seed):
    rng = np.random.default_rng(seed)
    n, d = x.shape
    k = int(y.max()) + 1
    w1 = rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)
    b1 = np.zeros(hidden)
    w2 = rng.standard_normal((hidden, k)) * np.sqrt(2.0 / hidden)
    b2 = np.zeros(k)
    params = [w1, b1, w2, b2]
    bufs = [None] * 4
    start, cpu = time.perf_counter(), time.process_time()
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
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    logits = np.maximum(xt @ w1 + b1, 0) @ w2 + b2
    return seconds, cpu_seconds, float((logits.argmax(axis=1) == yt).mean())


def train_sklearn(x, y, xt, yt, hidden, epochs, batch, lr, momentum, seed):
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    model = MLPClassifier(hidden_layer_sizes=(hidden,), activation="relu", solver="sgd",
                          alpha=0.0, batch_size=batch, learning_rate="constant",
                          learning_rate_init=lr, momentum=momentum, nesterovs_momentum=False,
                          max_iter=epochs, shuffle=True, random_state=seed, tol=0.0,
                          n_iter_no_change=epochs + 1, early_stopping=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start, cpu = time.perf_counter(), time.process_time()
        model.fit(x, y)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return seconds, cpu_seconds, float(model.score(xt, yt))


def main():
    job = json.load(sys.stdin)
    data = np.loadtxt(job["csv"], delimiter=",", skiprows=1)
    x_all = data[:, :-1] / 16.0
    y_all = data[:, -1].astype(np.int64)
    tr, te = np.array(job["train"]), np.array(job["test"])
    train_once = train_sklearn if job["library"] == "sklearn" else train_numpy
    out = {"seconds": [], "cpu_seconds": [], "accuracy": []}
    for r in range(-1, job["runs"]):
        s, c, a = train_once(x_all[tr], y_all[tr], x_all[te], y_all[te], job["hidden"],
                             job["epochs"], job["batch"], job["lr"], job["momentum"],
                             job["seed"] + max(r, 0))
        if r < 0:
            continue  # warm-up
        out["seconds"].append(s)
        out["cpu_seconds"].append(c)
        out["accuracy"].append(a)
    out["runtime"] = {"python": f"{sys.executable} {platform.python_version()}",
                      "numpy": np.__version__, "blas": blas_info()}
    if job["library"] == "sklearn":
        import sklearn
        out["runtime"]["sklearn"] = sklearn.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    main()
