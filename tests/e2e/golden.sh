#!/usr/bin/env bash
# Refresh the golden layout dumps in tests/golden/ (run deliberately, via `make update-golden`, and review
# the diff before committing it).
set -euo pipefail
cd "$(dirname "$0")/../.."
ZW=${ZW:-build/zetwerk}
mkdir -p tests/out
for f in tests/golden/*.yaml; do
    "$ZW" render "$f" -o tests/out/golden.pdf --dump-layout "${f%.yaml}.json"
    echo "updated ${f%.yaml}.json"
done
