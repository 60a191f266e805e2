#!/usr/bin/python3
"""pdfa.py — what the archived edition costs: the same documents rendered with --pdfa off, 2u (the
default) and 1b.

usage: pdfa.py ZETWERK BENCH_DIR
Wall times are interleaved (off, 2u, 1b, off, 2u, 1b, …) so that the machine's drift hits every mode
alike; min and median per mode.  Instruction counts come from callgrind (valgrind), which a busy machine
does not disturb.  Prints a table and writes bench/pdfa.json.  The target: PDF/A under 5 % over off."""
import json
import os
import re
import statistics
import subprocess
import sys
import time

MODES = ["off", "2u", "1b"]
WALL = [("data/diemen/programmabegroting-2021.yaml", 15), ("budget-300", 7), ("budget-3000", 3)]
CALLGRIND = ["data/diemen/programmabegroting-2021.yaml", "budget-300"]


def path_of(bench, doc):
    return doc if doc.endswith(".yaml") else os.path.join(bench, doc + ".yaml")


def render(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    return time.perf_counter() - t, p.stderr


def name_of(doc):
    return os.path.basename(doc)[:-5] if doc.endswith(".yaml") else doc


def main():
    zw, bench = sys.argv[1], sys.argv[2]
    out = os.path.join(bench, "pdfa.pdf")
    rows = []
    print(f"{'document':<24} {'mode':>4} {'min s':>7} {'median s':>9} {'+% median':>9} {'Ir (M)':>8} {'+% Ir':>6} {'PDF KB':>7}")
    for doc, runs in WALL:
        data = path_of(bench, doc)
        times = {m: [] for m in MODES}
        size = {}
        for _ in range(runs):
            for m in MODES:
                times[m].append(render([zw, "render", data, "-o", out, "--pdfa", m])[0])
                size[m] = os.path.getsize(out)
        ir = {}
        if doc in CALLGRIND:
            for m in MODES:
                _, err = render(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", zw, "render", data,
                                 "-o", out, "--pdfa", m])
                ir[m] = int(re.search(r"I\s+refs:\s+([\d,]+)", err).group(1).replace(",", ""))
        base = statistics.median(times["off"])
        for m in MODES:
            med = statistics.median(times[m])
            row = {"document": name_of(doc), "mode": m, "runs": runs, "min_s": round(min(times[m]), 4),
                   "median_s": round(med, 4), "median_pct": round(100 * (med / base - 1), 1),
                   "pdf_kb": round(size[m] / 1024, 1)}
            if ir:
                row.update({"ir": ir[m], "ir_pct": round(100 * (ir[m] / ir["off"] - 1), 2)})
            rows.append(row)
            irs = f"{row['ir'] / 1e6:>8.1f} {row['ir_pct']:>6}" if ir else f"{'':>8} {'':>6}"
            print(f"{row['document']:<24} {m:>4} {row['min_s']:>7.3f} {row['median_s']:>9.3f} {row['median_pct']:>9}"
                  f" {irs} {row['pdf_kb']:>7}")
    os.remove(out)
    with open(os.path.join(os.path.dirname(__file__), "pdfa.json"), "w") as f:
        json.dump({"modes": MODES, "results": rows}, f, indent=1)


if __name__ == "__main__":
    main()
