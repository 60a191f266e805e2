#!/bin/sh
# triage.sh — group the inputs in build/fuzz/crashes/ by their first sanitizer line and top frames, so
# many crash files from one bug show up as one line.  Run from the repository root after `make fuzz`.
#   sh tests/fuzz/triage.sh [crash-file…]
set -u
[ $# -gt 0 ] || set -- build/fuzz/crashes/*
for f in "$@"; do
    [ -f "$f" ] || continue
    t=$(basename "$f" | sed 's/-.*//')                 # fuzz_data, fuzz_layout, fuzz_render
    case $(basename "$f") in *-timeout-*|*-oom-*) echo "$(basename "$f" | sed 's/-[0-9a-f]*$//') $f"; continue;; esac
    sig=$(UBSAN_OPTIONS=print_stacktrace=1 ZW_ROOT=$(pwd) timeout 60 ./build/fuzz/"$t" "$f" 2>&1 |
          grep -E 'runtime error|ERROR: (Address|Leak)Sanitizer|^ +#[0-2] ' | head -4 |
          sed -E 's/0x[0-9a-f]+ in //; s/ \(.*//; s/^ +//; s/==[0-9]+==//' | tr '\n' ' ')
    echo "$t: ${sig:-no longer reproduces} $f"
done | sort | awk '{ f = $NF; $NF = ""; n[$0]++; if (!(($0) in ex)) ex[$0] = f }
                   END { for (k in n) printf "%4d  %s e.g. %s\n", n[k], k, ex[k] }' | sort -rn
