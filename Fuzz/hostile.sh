#!/bin/sh
# Hostile answers at the evaluator and the grader, seeded and bounded, under a hard timeout:
#   Fuzz/hostile.sh [COUNT] [SEED] [SECONDS]
# runs HostileInputTests (AnswerLanguageTests) and HostileGradingTests (GradingTests) of the
# debug build with COUNT (default 400) seeded random cases on top of their fixed lists; a crash
# fails the run, and a hang is killed after SECONDS (default 1200) and reported as one. Build the
# tests first (`swift build -j 1 --build-tests`). Run from the repository root.
set -u
count=${1:-400}
seed=${2:-1207}
seconds=${3:-1200}
HOSTILE_COUNT=$count HOSTILE_SEED=$seed timeout --signal=KILL "$seconds" \
  swift test --skip-build --filter 'HostileInputTests|HostileGradingTests'
status=$?
if [ "$status" -eq 137 ]; then
  echo "hostile.sh: no end after $seconds s (seed $seed, $count cases): a hang" >&2
fi
exit "$status"
