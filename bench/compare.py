#!/usr/bin/python3
"""compare.py — greedy first fit vs Knuth–Plass total fit on the Diemen data.

usage: compare.py ZETWERK OUT_DIR
Renders both Diemen documents with the house layout (A4) and with the narrow test page, once with
total fit and once with `paragraphs: {algorithm: greedy}`, and compares the justified lines (last lines
excluded) in the layout dumps: sum of squared adjustment ratios (lower = more even spacing), the worst
ratio, lines beyond the tolerance (2.0), hyphenated line ends and runs of more than two of them."""
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PAGES = {"A4": os.path.join(ROOT, "layouts", "base.yaml"),
         "narrow": os.path.join(ROOT, "tests", "typography", "narrow.yaml")}


def layout(out, page, algo):
    path = os.path.join(out, f"cmp-{page}-{algo}.yaml")
    with open(path, "w") as f:
        f.write(f"extends: {PAGES[page]}\nparagraphs: {{algorithm: {algo}}}\n")
    return path


def stats(dump):
    lines = [l for p in dump["pages"] for l in p["lines"]]
    just = [l for l in lines if l["justified"] and not l["last"]]
    run, worst_run = {}, 0   # hyphen runs per paragraph or cell (table cells' lines interleave)
    for l in lines:
        run[l["elem"]] = run.get(l["elem"], 0) + 1 if l["hyphen"] else 0
        worst_run = max(worst_run, run[l["elem"]])
    return {"lines": len(lines), "sum_sq_ratio": round(sum(l["ratio"] ** 2 for l in just), 1),
            "max_ratio": max((l["ratio"] for l in just), default=0),
            "beyond_tolerance": sum(1 for l in just if l["ratio"] > 2.0 or l["ratio"] < -1),
            "hyphens": sum(1 for l in lines if l["hyphen"]), "longest_hyphen_run": worst_run}


def main():
    zw, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rows = []
    for data in ("programmabegroting-2021", "jaarstukken-2020"):
        for page in PAGES:
            for algo in ("greedy", "total-fit"):
                dump = os.path.join(out, f"cmp-{data}-{page}-{algo}.json")
                subprocess.run([zw, "render", os.path.join(ROOT, "data", "diemen", data + ".yaml"),
                                "--layout", layout(out, page, algo), "-o", os.path.join(out, "cmp.pdf"),
                                "--dump-layout", dump], check=True, capture_output=True)
                with open(dump) as f:
                    rows.append({"document": data, "page": page, "algorithm": algo, **stats(json.load(f))})
    print(f"{'document':<24}{'page':<8}{'algorithm':<11}{'lines':>6}{'Σr²':>8}{'max r':>7}{'>tol':>6}{'hyph':>6}{'run':>5}")
    for r in rows:
        print(f"{r['document']:<24}{r['page']:<8}{r['algorithm']:<11}{r['lines']:>6}{r['sum_sq_ratio']:>8}"
              f"{r['max_ratio']:>7.2f}{r['beyond_tolerance']:>6}{r['hyphens']:>6}{r['longest_hyphen_run']:>5}")
    with open(os.path.join(ROOT, "bench", "linebreak.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
