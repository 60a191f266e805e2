#!/usr/bin/python3
"""check_output.py — end-to-end checks of one rendered document.

usage: check_output.py words DATA.yaml PDF.txt     every word of the data occurs in pdftotext's output
       check_output.py dump DUMP.json               layout-dump invariants
       check_output.py lines DUMP.json TOL MAX [STDERR]   line and page-break quality

words: the data's text (all scalars except keys and metadata that is not printed) with markup removed
must be contained, as a multiset of words, in the PDF text.  Both sides are normalised the same way:
lines ending in a hyphen are joined (hyphenation), hyphens and diacritics are dropped (the Dutch trema
rule prints "ge-" / "evalueerd"), so only the words themselves are compared.

dump: no text box outside its page's text area (running header and footer excepted); no two text boxes
on a page overlap; every page note mark has its note on the same page.

lines: no line wider than its measure; no justified line (but a last line) with an adjustment ratio
beyond the tolerance unless a warning (in the optional STDERR file) reported its paragraph; at most MAX hyphenated line ends in a row; no widow or orphan (a body paragraph
split across pages keeps at least two lines on each side); no heading as the last text on a page."""
import collections
import json
import re
import sys
import unicodedata

import yaml

NOT_PRINTED = {"layout", "lang", "place", "notes", "numbered", "landscape", "align", "width", "colspan",
               "start", "pagebreak", "date", "year"}


def scalars(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if k in NOT_PRINTED:
                continue
            yield from scalars(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from scalars(v, key)
    elif node is not None and not isinstance(node, bool):
        yield str(node)


def strip_markup(s):
    s = re.sub(r"\[\^[^\]\s]+\]", " ", s)
    s = re.sub(r"\\(.)", r"\1", s)
    return s.replace("**", "").replace("*", "").replace("^", "").replace("~", " ")


def normalise(text):
    text = re.sub(r"-\n\s*", "", text)
    text = text.replace("-", "").replace("\u2011", "")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text))


def marked_words(texts):
    """Words directly followed by a footnote mark: pdftotext joins the mark's number to them."""
    marked = set()
    for s in texts:
        for m in re.finditer(r"(\w+)\[\^[^\]\s]+\]", s):
            marked |= set(normalise(m.group(1)))
    return marked


def check_words(data_path, txt_path):
    with open(data_path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    texts = list(scalars(data))
    want = normalise(" ".join(strip_markup(s) for s in texts))
    with open(txt_path, encoding="utf-8") as f:
        have = normalise(f.read())
    for w in marked_words(texts):   # "1916" printed as "1916" + superscript "2" reads "19162"
        have[w] += sum(n for t, n in list(have.items()) if re.fullmatch(re.escape(w) + r"\d{1,3}", t))
    missing = {w: n - have[w] for w, n in want.items() if have[w] < n}
    if missing:
        print(f"{txt_path}: {len(missing)} words of {data_path} missing or too few:", file=sys.stderr)
        for w, n in sorted(missing.items())[:40]:
            print(f"  {w!r} x{n}", file=sys.stderr)
        return False
    print(f"words: all {sum(want.values())} words of {data_path} are in the PDF")
    return True


def box(r):
    return (r["x"], r["y"] - r["asc"], r["x"] + r["w"], r["y"] + r["desc"])


def overlaps(a, b, eps=0.05):
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def check_page(p, errors):
    ax, ay, aw, ah = p["area"]
    runs = [r for r in p["runs"] if r["w"] > 0 and r["text"].strip()]
    for r in runs:
        if r["role"] == "Artifact":
            continue
        x0, y0, x1, y1 = box(r)
        if x0 < ax - 0.05 or x1 > ax + aw + 0.05 or y0 < ay - 0.05 or y1 > ay + ah + 0.05:
            errors.append(f"page {p['page']}: {r['role']} {r['text']!r} at {x0:.2f},{y0:.2f}-{x1:.2f},{y1:.2f} "
                          f"outside the text area {ax:.2f},{ay:.2f}+{aw:.2f}x{ah:.2f}")
    boxes = sorted((box(r), r) for r in runs)
    for i, (b, r) in enumerate(boxes):
        for b2, r2 in boxes[i + 1:]:
            if b2[0] >= b[2]:
                break
            if overlaps(b, b2):
                errors.append(f"page {p['page']}: {r['text']!r} overlaps {r2['text']!r}")
    marks = {r["note"] for r in p["runs"] if r["role"] == "NoteMark" and r.get("note")}
    notes = {r["note"] for r in p["runs"] if r["role"] == "Note" and r.get("note")}
    return marks, notes


def check_dump(path):
    with open(path, encoding="utf-8") as f:
        dump = json.load(f)
    errors = []
    all_marks, all_notes = set(), set()
    for p in dump["pages"]:
        marks, notes = check_page(p, errors)
        all_marks |= marks
        all_notes |= notes
    for key in sorted(all_marks - all_notes):
        errors.append(f"note {key!r} is marked but never printed")
    for e in errors[:30]:
        print(f"{path}: {e}", file=sys.stderr)
    if not errors:
        print(f"dump: {len(dump['pages'])} pages, boxes inside the text area, no overlaps, notes printed")
    return not errors


HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}


def elem_roles(dump):
    roles = {}
    for p in dump["pages"]:
        for r in p["runs"]:
            roles.setdefault(r["elem"], r["role"])
    return roles


def check_line_geometry(dump, tolerance, max_hyphens, warned, errors):
    loose = {}          # elem -> first line beyond the tolerance
    runs = collections.Counter()   # elem -> hyphenated line ends in a row so far
    for p in dump["pages"]:
        for l in p["lines"]:
            where = f"page {p['page']}, y={l['y']}"
            if l["w"] > l["measure"] + 0.01:
                errors.append(f"{where}: line is {l['w']} pt wide, measure {l['measure']}")
            if l["justified"] and not l["last"] and not -1 - 1e-6 <= l["ratio"] <= tolerance + 1e-6:
                loose.setdefault(l["elem"], f"{where}: justified line has ratio {l['ratio']} (tolerance {tolerance})")
            runs[l["elem"]] = runs[l["elem"]] + 1 if l["hyphen"] else 0
            if runs[l["elem"]] > max_hyphens:
                errors.append(f"{where}: {runs[l['elem']]} hyphenated line ends in a row")
    if len(loose) > warned:   # each such paragraph must have been reported by a warning
        errors += list(loose.values())[warned:]


def check_breaks(dump, errors):
    roles = elem_roles(dump)
    split = collections.defaultdict(list)   # elem -> lines per page, in page order
    for p in dump["pages"]:
        counts = collections.Counter(l["elem"] for l in p["lines"])
        for e, n in counts.items():
            split[e].append((p["page"], n))
        texts = [r for r in p["runs"] if r["role"] not in ("Artifact", "Note", "NoteMark") and r["text"].strip()]
        if texts and p is not dump["pages"][-1]:
            last = max(texts, key=lambda r: (r["y"], r["x"]))
            if last["role"] in HEADINGS:
                errors.append(f"page {p['page']}: heading {last['text']!r} is the last text on the page")
    for e, parts in split.items():
        if roles.get(e) not in ("P", "LI-Body") or len(parts) < 2:
            continue
        if parts[0][1] < 2 or parts[-1][1] < 2:
            errors.append(f"paragraph (elem {e}) split {parts}: an orphan or widow")


def check_lines(path, tolerance, max_hyphens, stderr_path=None):
    with open(path, encoding="utf-8") as f:
        dump = json.load(f)
    warned = 0
    if stderr_path:
        with open(stderr_path, encoding="utf-8") as f:
            warned = sum(1 for l in f if "beyond the tolerance" in l or "beyond its shrink" in l)
    errors = []
    check_line_geometry(dump, tolerance, max_hyphens, warned, errors)
    check_breaks(dump, errors)
    for e in errors[:30]:
        print(f"{path}: {e}", file=sys.stderr)
    if not errors:
        n = sum(len(p["lines"]) for p in dump["pages"])
        print(f"lines: {n} lines within their measure and tolerance, no widows, orphans or stranded headings")
    return not errors


if __name__ == "__main__":
    if len(sys.argv) in (5, 6) and sys.argv[1] == "lines":
        sys.exit(0 if check_lines(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "words":
        sys.exit(0 if check_words(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        sys.exit(0 if check_dump(sys.argv[2]) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
