#!/usr/bin/python3
"""check_print.py — end-to-end checks of the printed edition: page numbers, duplex, the draft mark.

usage: check_print.py labels DUMP.json PDF [LABEL…]   page labels equal the printed numbers
       check_print.py duplex DUMP.json [BLANK-TEXT]      chapters on right-hand pages, blank pages bare
       check_print.py watermark DUMP.json PDF TEXT|-     the draft mark on every page, or on none (-)
       check_print.py kept DUMP.json HEADING             a heading before a landscape table moves with it

labels: the PDF's /PageLabels (read with qpdf --json) give every page the label of the layout dump; where
the footer prints a page number (a run of page furniture at the footer's baseline holding a number),
it is that label; with LABEL… given, the labels are exactly those.

duplex: every chapter (an H1 element) starts on an odd page; a page without content is an inserted blank
page before a chapter, which follows an odd page and carries no header or footer: nothing, or only
BLANK-TEXT; on every other page but the title page the page number stands on the outer side (left on
even pages, right on odd ones).

watermark: with TEXT, the dump names that draft mark and every page's content stream draws it, marked as
a /Watermark artifact; with -, neither.

kept: the runs of HEADING (an H element's text) stand on the first landscape page, above the table."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from check_output import load_dump  # noqa: E402
from check_tree import report  # noqa: E402


def load(path):
    with open(path, encoding="utf-8") as f:
        return load_dump(f)


def roman(n, upper=False):
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + s, n - v
    return out.upper() if upper else out


def pdf_labels(pdf):
    """The label of every page as a reader shows it, from the PDF's /PageLabels ranges."""
    return labels_of(json.loads(subprocess.run(["qpdf", "--json", "--json-key=pagelabels", "--json-key=pages", pdf],
                                               capture_output=True, text=True, check=True).stdout))


def labels_of(js):
    """The page labels of qpdf --json's reading of a PDF (its "pages" and "pagelabels")."""
    n = len(js["pages"])
    ranges = sorted(js.get("pagelabels", []), key=lambda r: r["index"])
    labels = [str(i + 1) for i in range(n)]
    for k, r in enumerate(ranges):
        end = ranges[k + 1]["index"] if k + 1 < len(ranges) else n
        lab = r["label"]
        prefix = re.sub(r"^u:", "", lab.get("/P", ""))
        for i in range(r["index"], end):
            v = lab.get("/St", 1) + i - r["index"]
            style = lab.get("/S")
            num = str(v) if style == "/D" else roman(v) if style == "/r" else roman(v, True) if style == "/R" else ""
            labels[i] = prefix + num
    return labels


def footer_numbers(page):
    """Texts of the page furniture on the footer's baseline (the lowest furniture) that hold a digit or a
    roman numeral, joined per baseline slot."""
    art = [r for r in page["runs"] if r["role"] == "Artifact" and not r.get("repeat")]
    if not art:
        return []
    base = max(r["y"] for r in art)
    return [r for r in art if abs(r["y"] - base) < 0.01]


def check_labels(dump_path, pdf, want):
    dump = load(dump_path)
    errors = []
    labels = [p["label"] for p in dump["pages"]]
    shown = pdf_labels(pdf)
    if shown != labels:
        errors.append(f"the PDF's page labels {shown[:12]}… differ from the printed labels {labels[:12]}…")
    if want and labels != want:
        errors.append(f"labels {labels}, want {want}")
    numbered = 0
    for p in dump["pages"]:
        runs = footer_numbers(p)
        texts = " ".join(r["text"] for r in sorted(runs, key=lambda r: r["x"]))
        late = [k for k in dump["late"] if k["page"] == p["page"]]
        texts += " " + " ".join("".join(r["text"] for r in k["runs"]) for k in late)
        words = re.findall(r"[\w-]+", texts)
        if p["label"] in words:
            numbered += 1
        elif any(w.isdigit() for w in words):
            errors.append(f"page {p['page']}: the footer prints {texts.strip()!r}, not its label {p['label']!r}")
    if numbered == 0:
        errors.append("no page prints its number in the footer")
    return report(dump_path, errors, f"labels: {len(labels)} page labels as printed ({numbered} in the footer)")


def content_runs(page):
    return [r for r in page["runs"] if r["role"] != "Artifact"]


def check_duplex(dump_path, blank_text):
    dump = load(dump_path)
    pages, els = dump["pages"], dump["elements"]
    errors, blanks, chapters = [], 0, 0
    for e in els:
        if e["role"] == "H1" and e["page"] >= 1 and any(r["elem"] == e["id"] for r in dump["pages"][e["page"] - 1]["runs"]):
            chapters += 1
            if e["page"] % 2 == 0:
                errors.append(f"chapter heading {e['id']} starts on page {e['page']}, a left-hand page")
    for p in pages:
        n = p["page"]
        if content_runs(p) or p["late"]:
            continue
        blanks += 1
        texts = [r["text"] for r in p["runs"]]
        if n % 2 == 1:
            errors.append(f"page {n}: a blank right-hand page")
        if texts and texts != [blank_text]:
            errors.append(f"page {n}: a blank page printing {texts}, want {[blank_text] if blank_text else []}")
        if blank_text and texts != [blank_text]:
            errors.append(f"page {n}: the blank page does not say {blank_text!r}")
        if n >= len(pages) or not any(e["role"] == "H1" and e["page"] == n + 1 for e in els):
            errors.append(f"page {n}: a blank page not before a chapter")
    for p in pages[1:]:
        num = [r for r in footer_numbers(p) if r["text"] == p["label"]]
        if not num:
            continue
        ax, aw = p["area"][0], p["area"][2]
        r = num[0]
        left, right = abs(r["x"] - ax) < 0.5, abs(r["x"] + r["w"] - (ax + aw)) < 0.5
        if (p["page"] % 2 == 0 and not left) or (p["page"] % 2 == 1 and not right):
            errors.append(f"page {p['page']}: the page number {r['text']!r} is not on the outer side")
    if blanks == 0:
        errors.append("no blank page was inserted (the test document should need one)")
    return report(dump_path, errors, f"duplex: {chapters} chapters on right-hand pages, {blanks} blank pages bare")


def check_watermark(dump_path, pdf, text):
    dump = load(dump_path)
    errors = []
    mark = dump.get("watermark")
    if text == "-":
        if mark:
            errors.append(f"a draft mark {mark['text']!r}, want none")
    elif not mark or mark["text"] != text:
        errors.append(f"draft mark {mark and mark['text']!r}, want {text!r}")
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
    marked = qdf.count(b"/Subtype /Watermark>> BDC")
    want = 0 if text == "-" else len(dump["pages"])
    if marked != want:
        errors.append(f"{marked} pages draw a /Watermark artifact, want {want}")
    return report(dump_path, errors, f"watermark: {text if text != '-' else 'none'} on {marked} pages")


def check_kept(dump_path, heading):
    pages = load(dump_path)["pages"]
    errors = []
    land = [p for p in pages if p["width"] > p["height"]]
    words = heading.split()
    found = [p["page"] for p in pages for r in p["runs"] if r["role"].startswith("H") and r["text"] == words[-1]]
    if not land:
        errors.append("no landscape page")
    elif found != [land[0]["page"]]:
        errors.append(f"heading {heading!r} on page(s) {found}, want the first landscape page {land[0]['page']}")
    else:
        runs = land[0]["runs"]
        top = min(r["y"] for r in runs if r["role"] in ("TH", "TD", "Caption"))
        if not all(r["y"] < top for r in runs if r["role"].startswith("H")):
            errors.append("the heading does not stand above the table")
    return report(dump_path, errors, f"kept: {heading!r} moved with the landscape table to page {found}")


def main():
    a = sys.argv
    if len(a) >= 4 and a[1] == "labels":
        return check_labels(a[2], a[3], a[4:])
    if len(a) in (3, 4) and a[1] == "duplex":
        return check_duplex(a[2], a[3] if len(a) == 4 else "")
    if len(a) == 5 and a[1] == "watermark":
        return check_watermark(a[2], a[3], a[4])
    if len(a) == 4 and a[1] == "kept":
        return check_kept(a[2], a[3])
    print(__doc__, file=sys.stderr)
    return False


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
