#!/usr/bin/env python3
"""The issue's fuzz smoke run, repeatable: seeded mutations of the committed corpus replayed by
cnntutor-fuzz (its replay mode, a normal build), counting crashes and hangs.

    python3 Fuzz/limits/smoke.py [--fuzz .build/debug/cnntutor-fuzz] [--answers 1500] [--courses 300] [--seed 12]

Inputs: Fuzz/corpus/<target> and Fuzz/regressions/<target> (the minimised reproductions of every
crash found so far), each mutated one to three times the way libFuzzer's simplest mutators do
(erase bytes, insert a token, flip a bit, duplicate a slice, splice in another input); the
regressions themselves join unmutated. They are replayed in groups of 50; a group that crashes
is replayed file by file to name the input. A hang is an input past 10 s (the answer target's own
limit is 0.2 s per input); the slowest input of each target is reported.
Prints one JSON object; exit status 1 on any crash or hang.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOKENS = [b"(", b")", b"[", b"]", b",", b"**", b"2**62", b"-1", b"0", b"1e308", b".sum(1)", b"*", b"@",
          b"padding=", b"stride=", b"dilation=", b"ceil_mode=True", b"\n    ", b":", b"-2**63"]


def inputs(folder):
    path = os.path.join(ROOT, "Fuzz", folder)
    if not os.path.isdir(path):
        return []
    return [open(os.path.join(path, name), "rb").read() for name in sorted(os.listdir(path))]


def mutate(data, others, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        position = rng.randint(0, len(data))
        choice = rng.randrange(5)
        if choice == 0 and position < len(data):
            del data[position:position + rng.randint(1, 8)]
        elif choice == 1:
            data[position:position] = rng.choice(TOKENS)
        elif choice == 2 and position < len(data):
            data[position] ^= 1 << rng.randrange(8)
        elif choice == 3 and position < len(data):
            end = min(len(data), position + rng.randint(1, 16))
            data[end:end] = data[position:end]
        else:
            other = rng.choice(others)
            data = data[:position] + other[rng.randint(0, len(other)):]
    return bytes(data)


def replay(fuzz, target, files):
    """(crashed files, slowest seconds, slowest file, hung files) for files replayed by cnntutor-fuzz."""
    crashed, hung, slowest = [], [], (0.0, "")
    for start in range(0, len(files), 50):
        group = files[start:start + 50]
        try:
            done = subprocess.run([fuzz, target] + group, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=10 * len(group), env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
        except subprocess.TimeoutExpired:
            done = None
        if done is not None and done.returncode == 0:
            found = re.search(rb"slowest took ([0-9.]+) s \((.*)\)", done.stdout)
            if found and float(found.group(1)) > slowest[0]:
                slowest = (float(found.group(1)), found.group(2).decode())
            continue
        for file in group:  # name the input
            try:
                alone = subprocess.run([fuzz, target, file], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       timeout=10, env=dict(os.environ, SWIFT_BACKTRACE="enable=no"))
                if alone.returncode != 0:
                    crashed.append(file)
            except subprocess.TimeoutExpired:
                hung.append(file)
    return crashed, slowest, hung


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fuzz", default=os.path.join(ROOT, ".build/debug/cnntutor-fuzz"))
    parser.add_argument("--answers", type=int, default=1500)
    parser.add_argument("--courses", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", help="write the inputs into this folder and keep them")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = args.keep or tempfile.mkdtemp(prefix="cnntutor-smoke-")
    summary, failed = {"seed": args.seed}, False
    for target, count in (("answer", args.answers), ("course", args.courses)):
        corpus = inputs("corpus/" + target)
        regressions = inputs("regressions/" + target)
        pool = corpus + regressions
        made = [mutate(rng.choice(pool), pool, rng) for _ in range(count)]
        directory = os.path.join(folder, target)
        os.makedirs(directory, exist_ok=True)
        files = []
        for index, data in enumerate(made + regressions):
            name = os.path.join(directory, "%s-%05d" % ("regression" if index >= count else "mutant", index))
            open(name, "wb").write(data)
            files.append(name)
        crashed, slowest, hung = replay(args.fuzz, target, files)
        failed |= bool(crashed or hung)
        summary[target] = {"mutated": count, "regressions": len(regressions), "crashes": len(crashed),
                           "hangs": len(hung), "slowest_s": round(slowest[0], 3),
                           "slowest_input": os.path.basename(slowest[1]), "crashed": crashed[:10], "hung": hung[:10]}
    if not args.keep and not failed:
        shutil.rmtree(folder, ignore_errors=True)
    summary["inputs_folder"] = folder if (args.keep or failed) else None
    print(json.dumps(summary, indent=1))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
