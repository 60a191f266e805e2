#!/usr/bin/python3
"""run.py — time zetwerk on the generated benchmark documents.

usage: run.py ZETWERK BENCH_DIR [FLOOR]
For each document: pages, wall time (median of 5 runs), pages per second, peak memory (getrusage of the
child), PDF size, and, with FLOOR (build/floor), the stage times of one in-process run (load+bind, layout,
zetwerk's PDF writer) and the libharu floor (the same glyph runs written by the simplest libharu program,
median of 3) with the ratio of the wall time to it.  Prints a table and writes bench/results.json.
Then what a chart costs: the difference between charts-300 and charts-300-plain (the same document
without its charts) divided by the number of charts, beside the time of a page of charts-300-plain; the
target is a chart cheaper than a page of text.  Then the evenness of the justified text of begroting-300
(the evenness document) and budget-300 (the house layout), measured from each PDF's word positions
(evenness.py): spread of the interword gaps, share of lines ending in a hyphen, the longest run of them,
pages ending in one.  Targets live here, never in tests."""
import json
import re
import os
import statistics
import subprocess
import tempfile
import sys
import time

import evenness

EVENNESS = ("begroting-300", "budget-300")   # the documents whose PDFs are measured for evenness

RUNS = 5


def run_once(zw, data, pdf):
    # stderr goes to a file, not a pipe: a document with many warnings (the generated budgets repeat the
    # Diemen data's, hundreds of them) would fill a pipe nobody reads while we wait, and never end
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen([zw, "render", data, "-o", pdf], stderr=err)
        _, status, usage = os.wait4(p.pid, 0)   # this child's own rusage: ru_maxrss in KiB
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{data}: zetwerk failed:\n{err.read().decode()}")
    return wall, usage.ru_maxrss


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")))


def floor(prog, data):
    out = subprocess.run([prog, data, "3"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{data}: floor failed:\n{out.stderr}")
    return json.loads(out.stdout)


def main():
    zw, bench = sys.argv[1], sys.argv[2]
    fl = sys.argv[3] if len(sys.argv) > 3 else None
    results = []
    names = sorted((f[:-5] for f in os.listdir(bench)
                    if re.fullmatch(r"(begroting|budget|table|charts)-\d+(-pages|-plain|-contents)?\.yaml", f)),
                   key=lambda n: (n.split("-")[0], int(n.split("-")[1]), n))   # not compare.py's cmp-* files
    print(f"{'document':<14} {'pages':>6} {'median s':>9} {'pages/s':>8} {'peak MB':>8} {'PDF KB':>8}"
          f" {'load s':>7} {'layout s':>8} {'pdf s':>7} {'floor s':>8} {'x floor':>7}")
    for name in names:
        data, pdf = os.path.join(bench, name + ".yaml"), os.path.join(bench, name + ".pdf")
        times, rss = [], 0
        for _ in range(RUNS):
            wall, r = run_once(zw, data, pdf)
            times.append(wall)
            rss = max(rss, r)
        med = statistics.median(times)
        n = pages(pdf)
        row = {"document": name, "pages": n, "wall_s": round(med, 4), "pages_per_s": round(n / med, 1),
               "peak_mb": round(rss / 1024, 1), "pdf_kb": round(os.path.getsize(pdf) / 1024, 1)}
        extra = ""
        if fl:
            f = floor(fl, data)
            row.update({"load_s": f["load_s"], "layout_s": f["layout_s"], "pdf_s": f["pdf_s"],
                        "floor_s": f["floor_s"], "x_floor": round(med / f["floor_s"], 2)})
            extra = (f" {f['load_s']:>7.3f} {f['layout_s']:>8.3f} {f['pdf_s']:>7.3f} {f['floor_s']:>8.3f}"
                     f" {row['x_floor']:>7}")
        results.append(row)
        print(f"{name:<14} {n:>6} {med:>9.3f} {row['pages_per_s']:>8} {row['peak_mb']:>8} {row['pdf_kb']:>8}"
              + extra)
    summary = {"runs": RUNS, "results": results}
    by = {r["document"]: r for r in results}
    if "charts-300" in by and "charts-300-plain" in by:
        with open(os.path.join(bench, "charts-300.count")) as f:
            n = int(f.read())
        chart = (by["charts-300"]["wall_s"] - by["charts-300-plain"]["wall_s"]) / n
        page = by["charts-300-plain"]["wall_s"] / by["charts-300-plain"]["pages"]
        summary["chart"] = {"charts": n, "chart_ms": round(chart * 1000, 3), "page_ms": round(page * 1000, 3)}
        print(f"a chart: {chart * 1000:.2f} ms ({n} charts); a page of text: {page * 1000:.2f} ms — "
              f"target: a chart cheaper than a page: {'met' if chart < page else 'NOT MET'}")
    summary["evenness"] = []
    print(f"\n{'evenness':<14} {'lines':>6} {'gap em':>7} {'spread':>7} {'hyph %':>7} {'run':>4} {'page end':>9}"
          "   (targets: spread <= 1.20, hyphenated <= 20 %, run <= max-hyphens-in-row)")
    for name in EVENNESS:
        if name not in names:
            continue
        e = {"document": name, **evenness.measure(os.path.join(bench, name + ".pdf"))}
        summary["evenness"].append(e)
        print(f"{name:<14} {e['lines']:>6} {e['median_gap']:>7.4f} {e['spread']:>7.3f} {100 * e['hyphenated']:>7.1f}"
              f" {e['longest_run']:>4} {e['page_end']:>9}")
    with open(os.path.join(os.path.dirname(__file__), "results.json"), "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
