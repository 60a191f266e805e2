#!/usr/bin/python3
"""evenness.py — how even a PDF's justified text is, measured from the PDF's own word positions.

usage: evenness.py PDF [--size PT]
Reads every word's box with `pdftotext -bbox-layout`, as a reader's software sees the page, and keeps
the lines of running text: lines whose words are mostly as high as those of the document's most common
kind of wide line (five words or more reaching over nine tenths of the page's text: the body face at the
body size; notes, table cells and headings differ; a line with a footnote mark is running text too, but
its gaps are not measured).  `--size` is the body size in pt (default 10), the em in which gaps are
given.  A line is *full* when it reaches the right edge of the page's text (the most common right end of
its body lines, give or take what hangs into the margin) and starts at or after the left edge.  For
every full line of at least five words it takes the mean gap between its words in em; then prints, as
JSON:

  lines        full body lines of five words or more
  median_gap   the median of their mean gaps, em
  spread       the 95th percentile of the mean gaps over their median (1.00 = every line alike)
  hyphenated   the share of those lines that end in a hyphen
  longest_run  the longest run of body lines in a row (one line under the other on a page) that end in
               a hyphen, full or not
  page_end     pages whose last body line ends in a hyphen

The measure does not know how the PDF was made, so any engine's output can be compared with it."""
import json
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
HYPHENS = ("-", "\u2010", "\u00ad")


def hyphenated(word):
    """A word ending in a hyphen ("alcohol-", "beleids-"); a lone "-" is a dash."""
    return len(word) >= 2 and word.endswith(HYPHENS) and word[-2].isalnum()


def pages(pdf):
    """Per page, its lines as lists of words (xMin, xMax, yMin, yMax, text)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(xml)
    out = []
    for page in root.iter(NS + "page"):
        lines = []
        for line in page.iter(NS + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin")), float(w.get("yMax")),
                      w.text or "") for w in line.iter(NS + "word")]
            if words:
                lines.append(words)
        out.append(lines)
    return out


def is_body(w, height):
    return abs((w[3] - w[2]) - height) < 0.06


def body_lines(lines, height):
    """The lines of running text, top to bottom: most of their words `height` pt high (a footnote mark is
    lower)."""
    body = [l for l in lines if is_body(l[0], height) and 2 * sum(is_body(w, height) for w in l) > len(l)]
    return sorted(body, key=lambda l: (l[0][3], l[0][0]))


def edge(values):
    """The most common value, to 0.1 pt (ties: the smaller)."""
    counts = {}
    for v in values:
        counts[round(v, 1)] = counts.get(round(v, 1), 0) + 1
    return max(sorted(counts), key=lambda v: counts[v]) if counts else None


def body_height(doc):
    """The word height of the most common wide lines (see above)."""
    heights = []
    for lines in doc:
        widest = max((l[-1][1] - l[0][0] for l in lines), default=0)
        for l in lines:
            h = round(l[0][3] - l[0][2], 2)
            if len(l) >= 5 and l[-1][1] - l[0][0] > 0.9 * widest and all(round(w[3] - w[2], 2) == h for w in l):
                heights.append(h)
    return edge(heights)


def measure(pdf, size=10.0):
    means, hyph, page_end, longest = [], 0, 0, 0
    doc = pages(pdf)
    height = body_height(doc)
    for lines in doc:
        body = body_lines(lines, height)
        long_lines = [l for l in body if len(l) >= 5 and all(is_body(w, height) for w in l)]
        right, left = edge(l[-1][1] for l in long_lines), edge(l[0][0] for l in long_lines)
        if right is None:
            continue
        run, prev_y = 0, None
        for l in body:
            ends = hyphenated(l[-1][4])
            y = l[0][3]
            run = run + 1 if ends and prev_y is not None and y - prev_y < 1.6 * size and run else int(ends)
            longest = max(longest, run)
            prev_y = y
            full = right - 0.5 <= l[-1][1] <= right + 0.6 * size and l[0][0] >= left - 0.6 * size
            if not full or len(l) < 5 or not all(is_body(w, height) for w in l):
                continue
            gaps = [b[0] - a[1] for a, b in zip(l, l[1:])]
            means.append(statistics.fmean(gaps) / size)
            hyph += ends
        if body and hyphenated(body[-1][-1][4]):
            page_end += 1
    if not means:
        return {"lines": 0}
    med = statistics.median(means)
    p95 = statistics.quantiles(means, n=20, method="inclusive")[18]
    return {"lines": len(means), "median_gap": round(med, 4), "spread": round(p95 / med, 3),
            "hyphenated": round(hyph / len(means), 4), "longest_run": longest, "page_end": page_end}


def main():
    args = sys.argv[1:]
    size = 10.0
    if "--size" in args:
        i = args.index("--size")
        size = float(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    print(json.dumps(measure(args[0], size)))


if __name__ == "__main__":
    main()
