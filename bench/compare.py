#!/usr/bin/env python3
"""Ratio table: the engine (cnntutor-bench JSON rows) against each peer (peers.py JSON), one sitting.

    ~/.cache/cnntutor-peers/bin/python ../shared/bench/peers.py --json peers.json
    swift run -c release cnntutor-bench > engine.jsonl     # or: make bench > engine.jsonl
    ~/.cache/cnntutor-peers/bin/python bench/pytorch_train_step.py > torch_steps.jsonl
    python3 bench/compare.py peers.json engine.jsonl [torch_steps.jsonl]

Each cell is engine GFLOP/s ÷ peer GFLOP/s for the same shape and thread count (> 1: the engine is
faster), forward and, where the peer has it, [forward+backward]; the training-step table divides
PyTorch's step time by the engine's.
"""
import json
import sys


def rows(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def main():
    peers = json.load(open(sys.argv[1]))["results"]
    engine = rows(sys.argv[2])
    convs = {(tuple(r["shape"]), r["threads"]): r for r in engine if "fwd" in r}
    names = sorted({p["peer"] for p in peers}, key=["onnxruntime", "torch", "jax", "numpy_im2col"].index)
    print("| shape | T | engine fwd [fwd+bwd] GFLOP/s | " + " | ".join(f"÷ {n}" for n in names)
          + " | ÷ fastest peer |")
    print("|---|---|---|" + "---|" * (len(names) + 1))
    for (shape, threads), r in convs.items():
        cells = []
        fastest = {"fwd": 0.0, "fwdbwd": 0.0}
        for name in names:
            peer = next((p for p in peers if p["peer"] == name and tuple(p["shape"]) == shape
                         and p["threads"] == threads), None)
            if peer is None or "fwd" not in peer:
                cells.append("–")
                continue
            cell = f"{r['fwd']['gflops'] / peer['fwd']['gflops']:.2f}"
            fastest["fwd"] = max(fastest["fwd"], peer["fwd"]["gflops"])
            if "fwdbwd" in peer and peer["fwdbwd"]:
                cell += f" [{r['fwdbwd']['gflops'] / peer['fwdbwd']['gflops']:.2f}]"
                fastest["fwdbwd"] = max(fastest["fwdbwd"], peer["fwdbwd"]["gflops"])
            cells.append(cell)
        # The fastest peer for each measure, as the issue's bar is put ("at least as fast as the
        # fastest peer"): forward against all of them, [fwd+bwd] against those that have it.
        best = f"{r['fwd']['gflops'] / fastest['fwd']:.2f}" if fastest["fwd"] else "–"
        if fastest["fwdbwd"]:
            best += f" [{r['fwdbwd']['gflops'] / fastest['fwdbwd']:.2f}]"
        cells.append(best)
        ours = f"{r['fwd']['gflops']:.1f} [{r['fwdbwd']['gflops']:.1f}]"
        print(f"| {','.join(map(str, shape[:5]))} | {threads} | {ours} | " + " | ".join(cells) + " |")
    steps = [r for r in engine if "train_step" in r]
    if steps and len(sys.argv) > 3:
        torch_steps = {(tuple(r["shape"]), r["threads"]): r for r in rows(sys.argv[3])}
        print("\n| ResNet-20 step | T | engine ms | PyTorch ms | PyTorch ÷ engine |")
        print("|---|---|---|---|---|")
        for r in steps:
            t = torch_steps.get((tuple(r["shape"]), r["threads"]))
            ours = r["step"]["median_s"] * 1e3
            theirs = t["step"]["median_s"] * 1e3 if t else float("nan")
            print(f"| {r['shape']} | {r['threads']} | {ours:.1f} | {theirs:.1f} | {theirs / ours:.2f} |")


if __name__ == "__main__":
    main()
