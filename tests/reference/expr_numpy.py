#!/usr/bin/env python3
"""numpy itself on the exercise's expressions, for the evaluator's unit tests.

Reads one JSON object on stdin: {"names": {"x": [[...]], ..., "learningRate": 1.0},
"exprs": ["a0.dot(weight1)", ...]} and prints a JSON list with one entry per expression:
{"ok": true, "value": nested lists (or a number)} or {"ok": false, "error": "..."}.
Non-finite numbers are written as the strings "inf", "-inf" and "nan" (JSON has none).
sigmoid and derv_sigmoid are the chapter's own definitions.
"""
import json
import math
import sys

import numpy as np


def sigmoid(x):
    return 1/(1+np.exp(-x))


def derv_sigmoid(x):
    return x*(1-x)


def plain(v):
    if isinstance(v, list):
        return [plain(u) for u in v]
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def main():
    cfg = json.load(sys.stdin)
    names = {}
    for k, v in cfg["names"].items():
        names[k] = np.array(v, dtype=float) if isinstance(v, list) else float(v)
    names.update(np=np, sigmoid=sigmoid, derv_sigmoid=derv_sigmoid)
    out = []
    with np.errstate(all="ignore"):
        for e in cfg["exprs"]:
            try:
                v = eval(e, {"__builtins__": {}}, dict(names))
                v = np.asarray(v, dtype=float)
                if v.ndim not in (0, 2):
                    out.append({"ok": False, "error": "result has %d dimensions" % v.ndim})
                    continue
                out.append({"ok": True, "value": plain(v.tolist())})
            except (ValueError, TypeError, AttributeError) as err:
                out.append({"ok": False, "error": str(err)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
