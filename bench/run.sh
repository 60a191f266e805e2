#!/usr/bin/env bash
# make bench: generate the benchmark documents and time zetwerk on them (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
/usr/bin/python3 bench/gen.py bench/out
/usr/bin/python3 bench/run.py build/zetwerk bench/out build/floor
/usr/bin/python3 bench/compare.py build/zetwerk bench/out
/usr/bin/python3 bench/pdfa.py build/zetwerk bench/out
# what tagging costs, against a zetwerk without it (e.g. main before issue 16): ZW_UNTAGGED=/path/to/zetwerk
if [ -n "${ZW_UNTAGGED:-}" ]; then /usr/bin/python3 bench/tagging.py build/zetwerk "$ZW_UNTAGGED" bench/out; fi
