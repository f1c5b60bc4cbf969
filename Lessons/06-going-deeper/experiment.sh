#!/bin/sh
# The degradation experiment of lesson 06-going-deeper: CIFAR-style ResNets of depth 6n+2 and
# their plain counterparts (same layers, no shortcuts) trained on the 8×8 digits, several seeds.
# Prints one tab-separated row per run: depth, kind, seed, final training loss, final training
# accuracy, test accuracy.
#
# Usage: Lessons/06-going-deeper/experiment.sh [CNNTUTOR] [EPOCHS]
#   CNNTUTOR defaults to .build/debug/cnntutor (a release build is several times faster:
#   swift build -c release --product cnntutor --scratch-path .build-release).
set -eu
cnntutor=${1:-.build/debug/cnntutor}
epochs=${2:-6}
depths=${DEPTHS:-8 20}
seeds=${SEEDS:-0 1 2}
printf 'depth\tkind\tseed\ttrain_loss\ttrain_acc\ttest_acc\n'
for depth in $depths; do
  for kind in plain residual; do
    if [ "$kind" = plain ]; then plain=True; else plain=False; fi
    for seed in $seeds; do
      "$cnntutor" eval --time-limit 3600 "
manual_seed($seed)
(tx, ty), (vx, vy) = digits()
m = resnet($depth, in_channels=1, widths=(8, 16, 32), plain=$plain)
h = train(m, (tx, ty), epochs=$epochs, lr=0.1, momentum=0.9, batch_size=64, test=(vx, vy))
(round(h['loss'][-1], 4), round(h['accuracy'][-1], 4), round(h['test_accuracy'][-1], 4))" |
        sed -e 's/[(),]//g' -e "s/^/$depth\t$kind\t$seed\t/" -e 's/ /\t/g'
    done
  done
done
