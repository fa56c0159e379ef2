"""Replays every lesson 04 graded case with real PyTorch and compares the trajectories.

Usage: python3 kit/crosscheck/torch_optimizers.py kit/cases/04-optimizers.json

Each case is a quadratic 1/2 sum a_i (x_i - c_i)^2 stepped from x0 by one optimizer with the
case's options (and, for the schedule cases, a learning rate set before every step). Prints one
JSON object: the torch version, the number of cases and steps compared, and the worst
difference relative to max(|reference|, 1e-12), with the case where it happened.
"""

import json
import sys

import torch

NAMES = {
    "sgd": torch.optim.SGD,
    "adagrad": torch.optim.Adagrad,
    "adadelta": torch.optim.Adadelta,
    "rmsprop": torch.optim.RMSprop,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
}

KEYS = {
    "weightDecay": "weight_decay",
    "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
}


def torch_options(options):
    out = {}
    for key, value in options.items():
        out[KEYS.get(key, key)] = tuple(value) if key == "betas" else value
    return out


def replay(name, case):
    x = torch.tensor(case["x0"], dtype=torch.float64, requires_grad=True)
    a = torch.tensor(case["a"], dtype=torch.float64)
    c = torch.tensor(case["c"], dtype=torch.float64)
    opt = NAMES[name]([x], **torch_options(case["options"]))
    lrs = case.get("lrs")
    out = []
    for k in range(len(case["trajectory"])):
        if lrs is not None:
            for group in opt.param_groups:
                group["lr"] = lrs[k]
        with torch.no_grad():
            x.grad = a * (x - c)
        opt.step()
        out.append(x.detach().tolist())
    return out


def cases(tree, name, path):
    if isinstance(tree, dict):
        if "trajectory" in tree:
            yield tree.get("name", name), path, tree
            return
        for key, value in tree.items():
            yield from cases(value, name if name else key, f"{path}/{key}")
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from cases(value, name, f"{path}[{i}]")


def main(path):
    with open(path) as f:
        tree = json.load(f)
    worst, where, count, steps = 0.0, "", 0, 0
    for name, at, case in cases(tree, "", ""):
        ours = case["trajectory"]
        theirs = replay(name, case)
        count += 1
        for step, (row, trow) in enumerate(zip(ours, theirs)):
            steps += 1
            for r, t in zip(row, trow):
                diff = abs(r - t) / max(abs(r), 1e-12)
                if diff > worst:
                    worst, where = diff, f"{at} step {step + 1}"
    print(json.dumps({
        "torch": torch.__version__,
        "cases": count,
        "steps": steps,
        "worst": worst,
        "where": where,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
