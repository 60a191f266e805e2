#!/usr/bin/python3
"""check_tree.py — end-to-end checks of the document tree, the reading order and late page content.

usage: check_tree.py tree DUMP.json                 the element tree's invariants
       check_tree.py rawcells DUMP.json RAW.txt      pdftotext -raw reads every table cell whole, in row order
       check_tree.py pagecount DUMP.json TEMPLATE    every page's late text is TEMPLATE with {page}/{pages}

tree: element 0 is the document and every other element's parent comes before it (elements are made
in reading order); a cell's parent is a row, a row's a header or body row group, a row group's and a
caption's a table; a list item's parent is a list, its label's and body's the item; a mark sits in the
text it marks and leads to a note that leads back to a mark of it; a link sits in the text it is part
of; every run that is not page furniture
belongs to an element of its own role; an element with a run has a page, and every ancestor of it a
page no later; a link to an element points at one that has a page; the elements are in reading order:
a child's first page is never before its parent's, nor before its previous sibling's (notes, which
print at the page foot, excepted).

rawcells: on every page, the words of every table cell there (its text on that page, repeated header
cells included), with whitespace, hyphens and diacritics dropped, stand together in the page's raw
text (pdftotext -raw: content stream order), cell after cell, and the cells of a row in their order.

pagecount: late page content — every page with a late box shows TEMPLATE with the page's label and the
document's page count as {pages} prints it, the pages of the body (the last page number in arabic
numerals; known only at the end), and that is the only late text."""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from check_output import cell_key, load_dump  # noqa: E402

PARENTS = {"TD": {"TR"}, "TH": {"TR"}, "TR": {"THead", "TBody"}, "THead": {"Table"}, "TBody": {"Table"},
           "Caption": {"Table", "Figure"}, "LI": {"L"}, "LI-Label": {"LI"}, "LI-Body": {"LI"},
           "NoteMark": {"P", "H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH", "Caption", "Title", "TOCI"},
           "Link": {"P", "H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH", "Caption", "Title", "Note", "TOCI"},
           "Document": set()}
TEXT_ROLES = {"P", "H1", "H2", "H3", "H4", "H5", "H6", "Title", "LI-Label", "Caption", "TH", "TD", "NoteMark",
              "Note", "TOCI", "Link", "Figure"}


def tree_errors(dump):
    els = dump["elements"]
    errors = []
    if not els or els[0]["role"] != "Document" or els[0]["parent"] != -1:
        return ["element 0 is not the document"]
    for e in els[1:]:
        i, p = e["id"], e["parent"]
        if not 0 <= p < i:
            errors.append(f"element {i} ({e['role']}): parent {p} does not come before it")
            continue
        want = PARENTS.get(e["role"])
        if want is not None and els[p]["role"] not in want:
            errors.append(f"element {i} ({e['role']}): its parent {p} is a {els[p]['role']}, want {sorted(want)}")
        if e["role"] == "NoteMark":
            note = e.get("ref", -1)
            if not 0 <= note < len(els) or els[note]["role"] != "Note":
                errors.append(f"mark {i}: leads to {note}, not to a note")
            elif els[els[note].get("ref", -1)]["role"] != "NoteMark":
                errors.append(f"note {note}: does not lead back to a mark")
    has_runs = set()
    for pg in dump["pages"]:
        for r in pg["runs"]:
            if r["role"] == "Artifact" or r.get("artifact"):
                continue
            e = r["elem"]
            if not 0 <= e < len(els) or els[e]["role"] != r["role"] or r["role"] not in TEXT_ROLES:
                errors.append(f"page {pg['page']}: run {r['text']!r} ({r['role']}) is in element {e} "
                              f"({els[e]['role'] if 0 <= e < len(els) else 'none'})")
            has_runs.add(e)
        for link in pg["links"]:
            if "to" in link and els[link["to"]]["page"] < 1:
                errors.append(f"page {pg['page']}: a link to element {link['to']}, which is on no page")
    for e in sorted(has_runs):
        a, page = e, els[e]["page"]
        if page < 1:
            errors.append(f"element {e}: has text but no page")
        while a > 0:
            a = els[a]["parent"]
            if not 1 <= els[a]["page"] <= page:
                errors.append(f"element {e} on page {page}: its ancestor {a} ({els[a]['role']}) is on page "
                              f"{els[a]['page']}")
                break
    last = {}   # parent -> page of its last placed child so far
    for e in els[1:]:
        if e["page"] < 1 or e["role"] == "Note":
            continue
        p = e["parent"]
        if e["page"] < els[p]["page"] or e["page"] < last.get(p, 0):
            errors.append(f"element {e['id']} ({e['role']}) on page {e['page']} comes after an element of "
                          f"its parent {p} on page {max(els[p]['page'], last.get(p, 0))}")
        last[p] = e["page"]
    return errors


def check_tree(dump_path):
    with open(dump_path, encoding="utf-8") as f:
        dump = load_dump(f)
    errors = tree_errors(dump)
    return report(dump_path, errors, f"tree: {len(dump['elements'])} elements in order")


def squash(s):
    """The text without whitespace, hyphens and diacritics: the raw text's words rejoined."""
    return cell_key(s)


def page_cells(dump, pg):
    """The table cells on a page in the order their text is written: (element, squashed text there)."""
    cells = collections.OrderedDict()
    for r in pg["runs"]:
        if r["role"] in ("TD", "TH"):
            cells.setdefault(r["elem"], []).append(r["text"])
        elif r["role"] == "NoteMark" and r.get("in_elem") in cells:
            cells[r["in_elem"]].append(r["text"])
    return [(e, squash("".join(t))) for e, t in cells.items()]


def check_rawcells(dump_path, raw_path):
    with open(dump_path, encoding="utf-8") as f:
        dump = load_dump(f)
    with open(raw_path, encoding="utf-8") as f:
        raw_pages = [squash(t) for t in f.read().split("\f")]
    els = dump["elements"]
    errors, n = [], 0
    for pg, raw in zip(dump["pages"], raw_pages):
        at, last_in_row = 0, {}
        for e, key in page_cells(dump, pg):
            if not key:
                continue
            n += 1
            found = raw.find(key, at)
            if found < 0:
                errors.append(f"page {pg['page']}: cell {e} {key[:50]!r} is not whole "
                              f"{'after the cell before it' if raw.find(key) >= 0 else 'in the raw text'}")
                continue
            at = found + len(key)
            row = els[e]["parent"]
            if last_in_row.get(row, -1) > e:
                errors.append(f"page {pg['page']}: cell {e} is read after cell {last_in_row[row]} of its row")
            last_in_row[row] = e
    return report(raw_path, errors, f"rawcells: {n} cell texts whole and in order")


def check_pagecount(dump_path, template):
    with open(dump_path, encoding="utf-8") as f:
        dump = load_dump(f)
    pages = dump["pages"]
    errors = []
    lates = {k["late"]: k for k in dump["late"]}
    count = max(int(pg["label"]) for pg in pages if pg["label"].isdigit())
    seen = 0
    for pg in pages:
        for k in pg["late"]:
            text = "".join(r["text"] for r in lates[k]["runs"])
            if lates[k]["elem"] >= 0 or set(text) <= {"."}:   # the contents' page numbers and their dot
                continue                                      # leaders (furniture of their own), not the footer
            want = template.replace("{page}", pg["label"]).replace("{pages}", str(count))
            seen += 1
            if text.replace(" ", "") != want.replace(" ", ""):
                errors.append(f"page {pg['page']}: late text {text!r}, want {want!r}")
    if seen < len(pages) - 1:
        errors.append(f"only {seen} of {len(pages)} pages have late text")
    return report(dump_path, errors, f"pagecount: {seen} pages read '{template}' with the count {count}")


def report(path, errors, ok):
    for e in errors[:40]:
        print(f"{path}: {e}", file=sys.stderr)
    if len(errors) > 40:
        print(f"{path}: … and {len(errors) - 40} more", file=sys.stderr)
    if not errors:
        print(ok)
    return not errors


def main():
    a = sys.argv
    if len(a) == 3 and a[1] == "tree":
        return check_tree(a[2])
    if len(a) == 4 and a[1] == "rawcells":
        return check_rawcells(a[2], a[3])
    if len(a) == 4 and a[1] == "pagecount":
        return check_pagecount(a[2], a[3])
    print(__doc__, file=sys.stderr)
    return False


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
