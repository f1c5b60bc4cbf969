#!/usr/bin/env python3
"""The PyTorch twin of cnntutor-bench's training-step rows (Sources/cnntutor-bench/TrainStepBenchmark.swift).

One SGD step (forward, backward, update) of a ResNet-20-style network (He et al. 2016, CIFAR
version): 3x3 stem to 16 channels, three stages of three basic blocks (widths 16/32/64, stride 2
at the first block of stages 2 and 3), option-A shortcuts (subsample, zero-pad channels),
BatchNorm after every conv, global average pooling, linear to 10 classes; cross-entropy, SGD
lr 0.1 momentum 0.9; a batch of 32 images of 8x8 and of 32x32; 1 and 2 threads.
Timing as peers.py: warm-up, then the median of runs repeated for about --target-s seconds.

    ~/.cache/cnntutor-peers/bin/python bench/pytorch_train_step.py > torch_steps.jsonl

Prints one JSON row per size and thread count, in the engine benchmark's form:
{"train_step": "resnet20", "shape": [32, 3, S, S], "threads": T, "step": {"median_s", "images_per_s"}}
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class OptionA(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride, self.front, self.back = stride, (cout - cin) // 2, cout - cin - (cout - cin) // 2

    def forward(self, x):
        x = x[:, :, ::self.stride, ::self.stride]
        return F.pad(x, (0, 0, 0, 0, self.front, self.back))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Identity() if cin == cout and stride == 1 else OptionA(cin, cout, stride)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        layers, cin = [], 16
        for stage, width in enumerate((16, 32, 64)):
            for block in range(3):
                layers.append(Block(cin, width, 2 if stage > 0 and block == 0 else 1))
                cin = width
        self.blocks = nn.Sequential(*layers)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def timeit(fn, target_s, min_reps=5, max_reps=2000, warmup=3):
    for _ in range(warmup):
        fn()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    reps = int(min(max_reps, max(min_reps, target_s / one)))
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target-s", type=float, default=1.0)
    args = ap.parse_args()
    torch.manual_seed(0)
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for size in (8, 32):
            model = ResNet20().train()
            opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
            x = torch.randn(32, 3, size, size)
            y = torch.randint(0, 10, (32,))

            def step():
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                opt.step()
                opt.zero_grad()

            median = timeit(step, args.target_s)
            print(json.dumps({"train_step": "resnet20", "shape": [32, 3, size, size], "threads": threads,
                              "step": {"median_s": median, "images_per_s": 32 / median}}), flush=True)


if __name__ == "__main__":
    main()
