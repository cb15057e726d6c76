#!/usr/bin/env python3
"""Independent numpy reference for the chapter's 3-4-1 sigmoid network.

Reads one JSON object on stdin: {"w1": 3x4, "w2": 4x1, "iterations": N, "learning_rate": X}
and prints one JSON object: final "w1", "w2", "outputs" (a2 of the final weights on the
four inputs), "loss" (1/2 sum (y - a2)^2 there) and "new_output" (for [1, 0, 1]).
With "mode": "shape_mistake" it instead runs the chapter's commented-out attempt
(t2 = W2 * k2; t1 = s'(a1) * t2, with numpy's broadcasting) and prints the first step's
"t2", "t1", "dw1_wrong", then trains with that dW1 and prints the final "w1", "w2",
"outputs" and the "loss" of each iteration as "losses".
Written from the equations, sharing nothing with the C++ core.
"""
import json
import sys

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def main():
    cfg = json.load(sys.stdin)
    x = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float).T
    w1 = np.array(cfg["w1"], dtype=float)
    w2 = np.array(cfg["w2"], dtype=float)
    lr = float(cfg["learning_rate"])
    if cfg.get("mode") == "shape_mistake":
        return shape_mistake(x, y, w1, w2, lr, int(cfg["iterations"]))
    for _ in range(int(cfg["iterations"])):
        a1 = sigmoid(x @ w1)                      # [4x4]
        a2 = sigmoid(a1 @ w2)                     # [4x1]
        k2 = (a2 - y) * a2 * (1 - a2)             # [4x1]
        grad_w2 = a1.T @ k2                       # (A) [4x1]
        t1 = (k2 @ w2.T) * a1 * (1 - a1)          # [4x4]
        grad_w1 = x.T @ t1                        # (B) [3x4]
        w2 = w2 - lr * grad_w2
        w1 = w1 - lr * grad_w1
    out = sigmoid(sigmoid(x @ w1) @ w2)
    new = sigmoid(sigmoid(np.array([[1.0, 0.0, 1.0]]) @ w1) @ w2)
    json.dump({
        "w1": w1.tolist(),
        "w2": w2.tolist(),
        "outputs": out[:, 0].tolist(),
        "loss": float(0.5 * np.sum((y - out) ** 2)),
        "new_output": float(new[0, 0]),
    }, sys.stdout)


def shape_mistake(x, y, w1, w2, lr, iterations):
    first = None
    losses = []
    for _ in range(iterations):
        a1 = sigmoid(x @ w1)
        a2 = sigmoid(a1 @ w2)
        losses.append(float(0.5 * np.sum((y - a2) ** 2)))
        k2 = (a2 - y) * a2 * (1 - a2)
        grad_w2 = a1.T @ k2
        t2 = w2 * k2                   # [4x1] * [4x1]: elementwise, not a matrix product
        t1 = (a1 * (1 - a1)) * t2      # [4x4] * [4x1]: t2 broadcast across the columns
        grad_w1 = x.T @ t1
        if first is None:
            first = {"t2": t2.tolist(), "t1": t1.tolist(), "dw1_wrong": grad_w1.tolist()}
        w2 = w2 - lr * grad_w2
        w1 = w1 - lr * grad_w1
    out = sigmoid(sigmoid(x @ w1) @ w2)
    json.dump(dict(first or {}, w1=w1.tolist(), w2=w2.tolist(), outputs=out[:, 0].tolist(),
                   losses=losses), sys.stdout)


if __name__ == "__main__":
    main()
