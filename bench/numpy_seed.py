#!/usr/bin/env python3
"""The chapter's numpy training loop, timed (make bench): microseconds per iteration.

The loop is the chapter's algorithm (forward, k2, dC/dW2, t1, dC/dW1, update) on its four
rows, written here for timing; prints {"numpy_seed_step": us} as JSON.
"""
import json
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train(iterations, w1, w2, x, y, lr=1.0):
    for _ in range(iterations):
        a1 = sigmoid(np.dot(x, w1))
        a2 = sigmoid(np.dot(a1, w2))
        k2 = (a2 - y) * a2 * (1 - a2)
        dw2 = np.dot(a1.T, k2)
        t1 = np.dot(k2, w2.T) * a1 * (1 - a1)
        dw1 = np.dot(x.T, t1)
        w2 = w2 - lr * dw2
        w1 = w1 - lr * dw1
    return w1, w2


def main():
    rng = np.random.default_rng(1)
    x = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0, 1, 1, 0]]).T
    w1, w2 = rng.random((3, 4)), rng.random((4, 1))
    n, best = 5000, float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        train(n, w1, w2, x, y)
        best = min(best, (time.perf_counter() - t0) / n * 1e6)
    print(json.dumps({"numpy_seed_step": best}))


if __name__ == "__main__":
    main()
