#!/usr/bin/env python3
"""Runs every snippet of snippets.txt in PyTorch and writes differential.json.

Usage (from the repository root, with the venv that ../shared/bench/setup.sh builds):
    PEERS_VENV=/tmp/venv ../shared/bench/setup.sh
    /tmp/venv/bin/python Tests/AnswerLanguageTests/Differential/make_differential.py

Each snippet is run in a fresh namespace holding torch, nn and F (torch.nn.functional), with
torch.manual_seed(0). Statements before the last are executed; the last line's value (None when
it is a statement) is stored in the JSON form `cnntutor eval --json` prints (Value+JSON.swift):
{"type": "tensor", "dtype": "int64", "shape": [3], "data": [1, 2, 3]}, {"type": "int", "value": 3},
... An exception is stored as {"type": "error", "error": "<exception class>", "message": ...}.
DifferentialTests.swift runs the same snippets through the answer language and compares.
"""
import ast
import json
import math
import os
import platform
import sys

import numpy
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def parse(path):
    """The snippets as (group, code) pairs."""
    group, current, snippets = None, [], []

    def flush():
        code = "\n".join(current).strip("\n")
        if code:
            snippets.append((group, code))
        current.clear()

    with open(path, encoding="utf-8") as source:
        for line in source.read().splitlines():
            if line.startswith("## "):
                flush()
                group = line[3:].strip()
            elif line.startswith("#") and group is None:
                continue
            elif line.strip() == "---":
                flush()
            else:
                current.append(line)
    flush()
    return snippets


def number(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def encode(value):
    if value is None:
        return {"type": "none"}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, int):
        return {"type": "int", "value": value}
    if isinstance(value, float):
        return {"type": "float", "value": number(value)}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, (torch.Tensor, numpy.ndarray)):
        tensor = torch.as_tensor(value).detach()
        dtype = str(tensor.dtype).replace("torch.", "")
        data = [number(v) for v in tensor.reshape(-1).tolist()]
        encoded = {"type": "tensor", "dtype": dtype, "shape": list(tensor.shape), "data": data}
        if isinstance(value, torch.Tensor) and value.requires_grad:
            encoded["requires_grad"] = True
        return encoded
    if isinstance(value, torch.Size):
        return {"type": "shape", "value": list(value)}
    if isinstance(value, torch.dtype):
        return {"type": "dtype", "value": str(value).replace("torch.", "")}
    if isinstance(value, torch.device):
        return {"type": "device", "value": str(value)}
    if isinstance(value, tuple):  # also torch.return_types (named tuples)
        return {"type": "tuple", "items": [encode(v) for v in value]}
    if isinstance(value, list):
        return {"type": "list", "items": [encode(v) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"type": "dict", "items": {k: encode(v) for k, v in value.items()}}
    if isinstance(value, type):
        return {"type": "text", "value": repr(value)}
    if isinstance(value, nn.Module):
        return {"type": "module", "name": type(value).__name__}
    return {"type": "other", "repr": repr(value)}


def run(code):
    namespace = {"torch": torch, "nn": nn, "F": F}
    torch.manual_seed(0)
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body else None
    body = tree.body[:-1] if isinstance(last, ast.Expr) else tree.body
    try:
        exec(compile(ast.Module(body=body, type_ignores=[]), "<snippet>", "exec"), namespace)
        if isinstance(last, ast.Expr):
            return encode(eval(compile(ast.Expression(last.value), "<snippet>", "eval"), namespace))
        return {"type": "none"}
    except Exception as error:  # the snippet's own error is the expected result
        return {"type": "error", "error": type(error).__name__, "message": str(error).split("\n")[0]}


def main():
    snippets = parse(os.path.join(HERE, "snippets.txt"))
    cases = [{"group": group, "code": code, "expected": run(code)} for group, code in snippets]
    fixture = {
        "provenance": {
            "torch": torch.__version__,
            "numpy": numpy.__version__,
            "python": platform.python_version(),
            "command": "python Tests/AnswerLanguageTests/Differential/make_differential.py",
            "script": "Tests/AnswerLanguageTests/Differential/make_differential.py",
        },
        "cases": cases,
    }
    with open(os.path.join(HERE, "differential.json"), "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=1, ensure_ascii=False)
        out.write("\n")
    errors = sum(1 for case in cases if case["expected"]["type"] == "error")
    print(f"{len(cases)} snippets ({errors} PyTorch errors) with torch {torch.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
