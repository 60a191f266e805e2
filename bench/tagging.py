#!/usr/bin/python3
"""tagging.py — what the tagged PDF (PDF/UA-1: marked content and the structure tree) costs: this build
against a build of zetwerk without tagging (main before issue 16), on the same documents.

usage: tagging.py ZETWERK UNTAGGED_ZETWERK BENCH_DIR
Wall times and peak memory (the child's maximum resident size) are interleaved (untagged, tagged,
untagged, …) so that the machine's drift hits both alike; min and median.  Instruction counts come from
callgrind (valgrind), which a busy machine does not disturb.  Prints a table and writes
bench/tagging.json.  The target: tagging adds under 20 % time and memory on budget-3000."""
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time

WALL = [("budget-300", 7), ("budget-3000", 5)]
CALLGRIND = ["data/diemen/programmabegroting-2021.yaml", "budget-300"]


def path_of(bench, doc):
    return doc if doc.endswith(".yaml") else os.path.join(bench, doc + ".yaml")


def render(zw, doc, out):
    """Wall seconds and peak resident MB of one render."""
    t = time.perf_counter()
    p = subprocess.Popen([zw, "render", doc, "-o", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"{zw} render {doc} failed")
    return wall, ru.ru_maxrss / 1024


def instructions(zw, doc, out):
    cg = out + ".callgrind"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}", zw, "render", doc, "-o", out],
                   check=True, capture_output=True)
    with open(cg) as f:
        total = next(int(m.group(1)) for m in (re.match(r"(?:summary|totals): (\d+)", l) for l in f) if m)
    os.remove(cg)
    return total


def main():
    zw, base, bench = sys.argv[1], sys.argv[2], sys.argv[3]
    out = os.path.join(bench, "tagging.pdf")
    results = {}
    for doc, n in WALL:
        runs = {"untagged": [], "tagged": []}
        for _ in range(n):
            for mode, exe in (("untagged", base), ("tagged", zw)):
                runs[mode].append(render(exe, path_of(bench, doc), out))
        size = {}
        for mode, exe in (("untagged", base), ("tagged", zw)):
            render(exe, path_of(bench, doc), out)
            size[mode] = os.path.getsize(out) / 1024
        results[doc] = {m: {"wall_min": min(w for w, _ in r), "wall_median": statistics.median(w for w, _ in r),
                            "peak_mb": max(p for _, p in r), "pdf_kb": size[m]} for m, r in runs.items()}
    for doc in CALLGRIND:
        name = os.path.basename(doc)[:-5] if doc.endswith(".yaml") else doc
        results.setdefault(name, {})
        for mode, exe in (("untagged", base), ("tagged", zw)):
            results[name].setdefault(mode, {})["instructions"] = instructions(exe, path_of(bench, doc), out)
    print("| document | untagged wall min/median s | tagged | + % (median) | peak MB untagged → tagged | "
          "PDF KB | instructions untagged → tagged |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        u, t = r["untagged"], r["tagged"]
        wall = (f"{u['wall_min']:.3f} / {u['wall_median']:.3f} | {t['wall_min']:.3f} / {t['wall_median']:.3f} | "
                f"{100 * (t['wall_median'] / u['wall_median'] - 1):+.1f}" if "wall_min" in u else " | | ")
        mem = f"{u['peak_mb']:.1f} → {t['peak_mb']:.1f}" if "peak_mb" in u else ""
        kb = f"{u['pdf_kb']:.0f} → {t['pdf_kb']:.0f}" if "pdf_kb" in u else ""
        ins = (f"{u['instructions'] / 1e6:.1f} M → {t['instructions'] / 1e6:.1f} M "
               f"({100 * (t['instructions'] / u['instructions'] - 1):+.1f} %)" if "instructions" in u else "")
        print(f"| {name} | {wall} | {mem} | {kb} | {ins} |")
    with open(os.path.join(os.path.dirname(__file__), "tagging.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
