#!/usr/bin/python3
"""check_output.py — end-to-end checks of one rendered document.

usage: check_output.py words DATA.yaml PDF.txt     every word of the data occurs in pdftotext's output
       check_output.py dump DUMP.json               layout-dump invariants
       check_output.py overprint DUMP.json          the same but 'no run leaves its cell' (first fit)
       check_output.py lines DUMP.json TOL MAX [STDERR]   line and page-break quality
       check_output.py notes DATA.yaml DUMP.json    footnote placement (see "footnotes" below)
       check_output.py order PDF.txt NEEDLE...      the needles' words occur in this order in the text
       check_output.py notetext DATA.yaml PDF.txt KEY...  the notes KEY... as "1 text" "2 text"… word for word
       check_output.py marks DUMP.json KEY=MARK...  the document's marks, in order, are exactly these
       check_output.py tables DATA.yaml DUMP.json   tables across page breaks (see TABLES below)
       check_output.py tablefeatures DUMP.json      the options of tests/tables/features.yaml
       check_output.py rowspan DATA.yaml DUMP.json  cells spanning rows lie within their rows, no rule crosses them
       check_output.py landscape DUMP.json          tests/tables/landscape.yaml: the wide table on landscape pages
       check_output.py keeps DUMP.json WORD         no page but the last ends with a line beginning with WORD

words: the data's text (all scalars except keys and metadata that is not printed) with markup removed
must be contained, as a multiset of words, in the PDF text.  Both sides are normalised the same way:
lines ending in a hyphen are joined (hyphenation: the PDF has a soft hyphen there, U+00AD), hyphens and
diacritics are dropped (the Dutch trema rule prints "ge-" / "evalueerd"), so only the words themselves
are compared.

dump: no text box outside its page's text area (running header and footer excepted; a line's first and
last character may reach into the margin by its margin kerning, "hang"); no two text boxes on a page
overlap (nothing overprints); no run of a table cell leaves its cell (the measure of its line: the cell's
width less its padding, and its hang); every page note mark has its note on the same page.

lines: no line wider than its measure (plus its hang into the right margin); a line hangs into a margin
only with a character that is not a letter or digit, by at most half an em, and starts where its hang
says; no justified line (but a last line) with an adjustment ratio
beyond the tolerance unless a warning (in the optional STDERR file) reported its paragraph; at most MAX hyphenated line ends in a row
unless a warning reported the run; no word hyphenated across a page (a paragraph's or a table cell's);
no widow or orphan (a body paragraph
split across pages keeps at least two lines on each side); no heading as the last text on a page.

tables: every table cell of the data is one structure element (TH/TD runs) whose text, joined over its
runs in page/y/x order, is the cell's text whole and in order (split cells included; a repeated header
cell is whole on every page it appears on); every page a table continues on starts with its header rows
(only a caption above them); decimal columns put their commas on one x (within 0.1 pt); a group row is
never the last row of its table on a page; a total row never stands alone at the top of a page; a table
starts with its header rows and at least two lines of its first body row on one page."""
import collections
import json
import os
import re
import sys
import unicodedata

import yaml

NOT_PRINTED = {"layout", "lang", "place", "notes", "numbered", "landscape", "align", "valign", "size", "width", "colspan",
               "style", "appendix", "rowspan",
               "start", "pagebreak", "date", "year", "hyphenation", "type", "id", "identifier", "keywords", "adopted",
               "logo", "file", "alt", "chart"}



def load_dump(f):
    """A layout dump as the checks read it.  A run that repeats content printed before (a table header
    on a continuation page, a note printed again) is page furniture in the PDF ("Artifact", "repeat");
    the checks see it with the role of the element it repeats, marked "artifact".  A link to an element
    ("to") gets that element's page and the height it lands at.  A mark knows the element it is in
    ("in_elem")."""
    dump = json.load(f)
    els = dump.get("elements", [])
    for p in dump["pages"]:
        for r in p["runs"]:
            if r.get("repeat"):
                r["role"] = els[r["elem"]]["role"]
                r["artifact"] = True
            if r["role"] == "NoteMark" and r["elem"] >= 0:   # a mark is an element in the text it marks
                r["in_elem"] = els[r["elem"]]["parent"]
        for link in p["links"]:
            if "to" in link:
                e = els[link["to"]]
                link["page"], link["dest_y"] = e["page"], e["y"] - 2
    return dump

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
    s = re.sub(r"\{(nohyphen|lang [A-Za-z0-9-]+) ", " ", s)
    s = re.sub(r"\{(ref|page) [\w.-]+\}", " ", s)          # references print what they name, checked apart
    s = re.sub(r"\[([^\]]*)\]\([^)\s]+\)", r"\1", s)        # a link prints its text, not its address
    s = re.sub(r"\\(.)", r"\1", s)
    return s.replace("**", "").replace("*", "").replace("^", "").replace("~", " ")


def normalise(text):
    text = re.sub(r"(?<=[^\W\d_])-\n\s*", "", text)   # a hyphenated word; "18-" at a line end is not one
    text = re.sub(r"\u00ad\s*", "", text)   # hyphenation's hyphen is a soft one (U+00AD): the word whole
    text = text.replace("-", "").replace("\u2011", "")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text))


def marked_words(texts):
    """Words directly followed by a footnote mark: pdftotext joins the mark's number (letter) to them."""
    marked = set()
    for s in texts:
        for m in re.finditer(r"(\w+)\[\^[^\]\s]+\]", s):
            marked |= set(normalise(m.group(1)))
    return marked


def report(path, errors, ok_message, limit=None):
    """Print the errors (at most `limit`) or, when there are none, the one-line summary; True when none."""
    for e in errors[:limit]:
        print(f"{path}: {e}", file=sys.stderr)
    if not errors:
        print(ok_message)
    return not errors


def check_words(data_path, txt_path):
    with open(data_path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    texts = list(scalars(data))
    want = normalise(" ".join(strip_markup(s) for s in texts))
    with open(txt_path, encoding="utf-8") as f:
        have = normalise(f.read())
    for w in marked_words(texts):   # "1916" + superscript "2" reads "19162"; "tabel" + table mark "a" "tabela"
        have[w] += sum(n for t, n in list(have.items()) if re.fullmatch(re.escape(w) + r"(\d{1,3}|[a-z]{1,2})", t))
    missing = {w: n - have[w] for w, n in want.items() if have[w] < n}
    if missing:
        print(f"{txt_path}: {len(missing)} words of {data_path} missing or too few:", file=sys.stderr)
        for w, n in sorted(missing.items())[:40]:
            print(f"  {w!r} x{n}", file=sys.stderr)
        return False
    print(f"words: all {sum(want.values())} words of {data_path} are in the PDF")
    return True


def box(r):
    """Where a run prints: its advance width, from its font's ascent above the baseline to its descent
    below, but at most 0.75 em above and 0.25 em below (Noto Sans declares an ascent and descent that
    together exceed a usual leading, for accents and scripts body text does not use)."""
    return (r["x"], r["y"] - min(r["asc"], 0.75 * r["size"]), r["x"] + r["w"], r["y"] + min(r["desc"], 0.25 * r["size"]))


def overlaps(a, b, eps=0.05):
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def hangs(p):
    """baseline -> how far the text set on it may reach into the left and right margin: the margin kerning
    ("hang") of the lines on that baseline, and nothing elsewhere."""
    out = {}
    for l in p["lines"]:
        left, right = l.get("hang", [0, 0])
        h = out.setdefault(round(l["y"], 2), [0.0, 0.0])
        h[0], h[1] = max(h[0], left), max(h[1], right)
    return out


CELL_ROLES = {"TD", "TH"}


def check_cells(p, runs, errors):
    """No run of a table cell leaves its cell: each lies within the measure of its line (the cell's width
    less its padding), the line of its cell nearest its baseline (a superscript stands a little higher)."""
    lines = collections.defaultdict(list)
    for l in p["lines"]:
        lines[l["elem"]].append(l)
    for r in runs:
        if r["role"] not in CELL_ROLES or not lines.get(r["elem"]):
            continue
        l = min(lines[r["elem"]], key=lambda l: abs(l["y"] - r["y"]))
        left, right = l.get("hang", [0, 0])
        if r["x"] < l["x"] - left - 0.025 or r["x"] + r["w"] > l["x"] + l["measure"] + right + 0.025:   # (the dump rounds to 0.01)
            errors.append(f"page {p['page']}: {r['role']} {r['text']!r} at x {r['x']:.2f}-{r['x'] + r['w']:.2f} "
                          f"leaves its cell ({l['x']:.2f}-{l['x'] + l['measure']:.2f})")


def check_page(p, errors, cells=True):
    ax, ay, aw, ah = p["area"]
    runs = [r for r in p["runs"] if r["w"] > 0 and r["text"].strip()]
    hang = hangs(p)
    for r in runs:
        if r["role"] == "Artifact":
            continue
        x0, y0, x1, y1 = box(r)
        left, right = hang.get(round(r["y"], 2), (0, 0))
        if x0 < ax - left - 0.05 or x1 > ax + aw + right + 0.05 or y0 < ay - 0.05 or y1 > ay + ah + 0.05:
            errors.append(f"page {p['page']}: {r['role']} {r['text']!r} at {x0:.2f},{y0:.2f}-{x1:.2f},{y1:.2f} "
                          f"outside the text area {ax:.2f},{ay:.2f}+{aw:.2f}x{ah:.2f}")
    if cells:
        check_cells(p, runs, errors)
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


def check_dump(path, cells=True):
    with open(path, encoding="utf-8") as f:
        dump = load_dump(f)
    errors = []
    all_marks, all_notes = set(), set()
    for p in dump["pages"]:
        marks, notes = check_page(p, errors, cells)
        all_marks |= marks
        all_notes |= notes
    for key in sorted(all_marks - all_notes):
        errors.append(f"note {key!r} is marked but never printed")
    return report(path, errors, f"dump: {len(dump['pages'])} pages, boxes inside the text area, no overlaps, "
                  "cells within their cells, notes printed", 30)


HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}


def elem_roles(dump):
    roles = {}
    for p in dump["pages"]:
        for r in p["runs"]:
            roles.setdefault(r["elem"], r["role"])
    return roles


def check_hang(p, l, where, errors):
    """A line reaches into the margins only by margin kerning: by at most half an em of the run at that
    end, and only where that run's character there is not a letter or digit."""
    left, right = l.get("hang", [0, 0])
    if not left and not right:
        return
    runs = [r for r in p["runs"] if abs(r["y"] - l["y"]) < 0.01 and r["text"].strip()
            and l["x"] - left - 0.1 <= r["x"] and r["x"] + r["w"] <= l["x"] + l["w"] + 0.1]
    if not runs:
        errors.append(f"{where}: a line with margin kerning {left, right} has no runs")
        return
    first, last = min(runs, key=lambda r: r["x"]), max(runs, key=lambda r: r["x"] + r["w"])
    for amount, r, ch in ((left, first, first["text"][0]), (right, last, last["text"][-1])):
        if amount and (amount < 0 or amount > r["size"] / 2 or ch.isalnum()):
            errors.append(f"{where}: {ch!r} of {r['text']!r} hangs {amount} pt into the margin")
    if abs(first["x"] - (l["x"] - left)) > 0.02:   # (each rounded to 0.01 in the dump)
        errors.append(f"{where}: the line starts at {first['x']}, not at its hang {l['x'] - left}")


def check_line_geometry(dump, tolerance, max_hyphens, warned, errors):
    """warned: (paragraphs with lines beyond the tolerance, hyphen runs beyond the limit) that zetwerk
    reported, so may be there."""
    loose = {}          # elem -> first line beyond the tolerance
    runs = collections.Counter()   # elem -> hyphenated line ends in a row so far
    long_runs = []      # a run of more than max_hyphens, once each
    for p in dump["pages"]:
        for l in p["lines"]:
            where = f"page {p['page']}, y={l['y']}"
            if l["w"] > l["measure"] + l.get("hang", [0, 0])[1] + 0.01:
                errors.append(f"{where}: line is {l['w']} pt wide, measure {l['measure']}")
            check_hang(p, l, where, errors)
            if l["justified"] and not l["last"] and not -1 - 1e-6 <= l["ratio"] <= tolerance + 1e-6:
                loose.setdefault(l["elem"], f"{where}: justified line has ratio {l['ratio']} (tolerance {tolerance})")
            runs[l["elem"]] = runs[l["elem"]] + 1 if l["hyphen"] else 0
            if runs[l["elem"]] == max_hyphens + 1:
                long_runs.append(f"{where}: {runs[l['elem']]} hyphenated line ends in a row")
    if len(loose) > warned[0]:   # each such paragraph must have been reported by a warning
        errors += list(loose.values())[warned[0]:]
    if len(long_runs) > warned[1]:   # … and each such run (only a too narrow measure leaves one)
        errors += long_runs[warned[1]:]


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
    broken = {}   # elem -> (page, its last line there ends in a hyphen)
    for p in dump["pages"]:
        for l in sorted(p["lines"], key=lambda l: l["y"]):
            if l["elem"] in broken and broken[l["elem"]][0] != p["page"] and broken[l["elem"]][1]:
                errors.append(f"page {broken[l['elem']][0]}: its last line of elem {l['elem']} ends in a hyphen, "
                              "and the word goes on over the page")
            broken[l["elem"]] = (p["page"], l["hyphen"])
    for e, parts in split.items():
        if roles.get(e) not in ("P", "LI-Body") or len(parts) < 2:
            continue
        if parts[0][1] < 2 or parts[-1][1] < 2:
            errors.append(f"paragraph (elem {e}) split {parts}: an orphan or widow")


def check_kept_lines(path, word):
    """No page but the last ends with a line that begins with `word` (a paragraph kept with what follows)."""
    with open(path, encoding="utf-8") as f:
        dump = json.load(f)
    errors, seen = [], 0
    for p in dump["pages"][:-1]:
        texts = [r for r in p["runs"] if r["role"] not in ("Artifact", "Note", "NoteMark") and r["text"].strip()]
        seen += sum(1 for r in texts if r["text"] == word)
        if not texts:
            continue
        y = max(r["y"] for r in texts)
        first = min((r for r in texts if abs(r["y"] - y) < 0.01), key=lambda r: r["x"])
        if first["text"] == word:
            errors.append(f"page {p['page']} ends with the line {word!r}, which keeps with what follows")
    if not seen:
        errors.append(f"no line begins with {word!r}")
    return report(path, errors, f"keeps: {seen} lines beginning with {word!r}, none the last on its page")


def check_lines(path, tolerance, max_hyphens, stderr_path=None):
    with open(path, encoding="utf-8") as f:
        dump = load_dump(f)
    warned = (0, 0)
    if stderr_path:
        with open(stderr_path, encoding="utf-8") as f:
            err = f.readlines()
        warned = (sum(1 for l in err if "beyond the tolerance" in l or "beyond its shrink" in l),
                  sum(1 for l in err if "all end in a hyphen, more than max-hyphens-in-row" in l))
    errors = []
    check_line_geometry(dump, tolerance, max_hyphens, warned, errors)
    check_breaks(dump, errors)
    n = sum(len(p["lines"]) for p in dump["pages"])
    return report(path, errors, f"lines: {n} lines within their measure and tolerance, no widows, orphans or "
                  "stranded headings", 30)


# ---- footnotes ------------------------------------------------------------------------------------
#
# notes: every page note starts (its number, leftmost on its line) exactly once on each page that has a
# mark of it, and on no other page; pieces of a split note continue only on the pages that directly
# follow.  Every table note starts exactly once in the document, not before its first mark.  Every mark
# links to a start of its note and every note's number links back to a mark.  Whether a
# note is a page or a table note follows the data and the layout the way zetwerk decides it: the note's
# own `place`, else its table's `notes`, else the layout's `table-notes` (marks outside tables: page).

MARK = re.compile(r"\[\^([^\]\s]+)\]")


def layout_option(data, data_path, key, default):
    """A layout key as the data's layout (and the layouts it extends) sets it."""
    name = (data.get("document") or {}).get("layout") or "base"
    value = None
    while name and value is None:
        path = os.path.join(os.path.dirname(data_path), name) if name.endswith(".yaml") else f"layouts/{name}.yaml"
        try:
            with open(path, encoding="utf-8") as f:
                lay = yaml.safe_load(f) or {}
        except OSError:
            break
        value = lay.get(key)
        name = lay.get("extends")
    return value or default


def layout_table_notes(data, data_path):
    return layout_option(data, data_path, "table-notes", "table")


def note_kinds(data, data_path, what="kinds"):
    """note key -> "page", "table" or "mixed", from where its marks stand ("in_table": only its marks
    inside tables); what="tables": note key -> how many tables it is printed under."""
    default = layout_table_notes(data, data_path)
    defs = data.get("footnotes") or {}
    own = {k: v.get("place") for k, v in defs.items() if isinstance(v, dict)}
    kinds = collections.defaultdict(set)

    def walk(node, table_place):
        if isinstance(node, dict):
            if "table" in node and isinstance(node["table"], dict):
                place = node["table"].get("notes") or default
                for key in set(MARK.findall(json.dumps(node["table"], ensure_ascii=False))):
                    tables[key] += (own.get(key) or place) == "table"
                walk(node["table"], place)
                node = {k: v for k, v in node.items() if k != "table"}
            for k, v in node.items():
                walk(v, table_place)
        elif isinstance(node, list):
            for v in node:
                walk(v, table_place)
        elif isinstance(node, str):
            for key in MARK.findall(node):
                kinds[key].add(own.get(key) or table_place or "page")
                if table_place:
                    in_table[key].add(own.get(key) or table_place)

    in_table = collections.defaultdict(set)
    tables = collections.Counter()   # key -> tables it is printed under
    walk({k: v for k, v in data.items() if k != "footnotes"}, None)
    for key, v in defs.items():   # marks inside note texts
        walk(v.get("text") if isinstance(v, dict) else v, None)
    if what == "tables":
        return tables
    return {k: (v.pop() if len(v) == 1 else "mixed") for k, v in (in_table if what == "in_table" else kinds).items()}


def note_lines(page):
    """The lines of the notes on a page: (key, elem, baseline) -> runs from left to right, x from the
    text area's left edge (duplex pages alternate their margins)."""
    lines = collections.defaultdict(list)
    for r in page["runs"]:
        if r["role"] == "Note" and r.get("note"):
            lines[(r["note"], r["elem"], round(r["y"], 1))].append(dict(r, x=r["x"] - page["area"][0]))
    for runs in lines.values():
        runs.sort(key=lambda r: r["x"])
    return lines


def note_starts(page, labels, left):
    """Keys of the note starts on the page: a line of the note whose first run is one of its marks'
    labels and stands at the note's leftmost position `left[elem]` (the number hangs left of the text,
    so continued lines and pieces begin further right)."""
    return [key for (key, elem, _), runs in note_lines(page).items()
            if runs[0]["text"] in labels[key] and runs[0]["x"] < left[elem] + 0.05]


def link_target(page, run):
    """The link on the page whose area holds the run's centre: (dest page index, dest_y) or None."""
    cx, cy = run["x"] + run["w"] / 2, run["y"] - run["asc"] / 2
    for l in page["links"]:
        if l["x"] <= cx <= l["x"] + l["w"] and l["y"] <= cy <= l["y"] + l["h"]:
            return l["page"] - 1, l["dest_y"]
    return None


def landing(pages, target, role, key, text):
    """The run of `role` for note `key` reading `text` (a mark, or a note's number) just below a link
    target, or None."""
    pg, y = target
    return next((r for r in pages[pg]["runs"] if r["role"] == role and r.get("note") == key
                 and r["text"] == text and abs(r["y"] - r["asc"] - 2 - y) < 0.5), None)


def link_errors(pages):
    """Every mark links to a start of its note with the same label; every note start links back to a mark
    of it with its label."""
    errors = []
    marks = {(m["note"], m["text"]) for q in pages for m in q["runs"] if m.get("note") and m["role"] == "NoteMark"}
    for i, p in enumerate(pages):
        firsts = {}
        for r in p["runs"]:
            if r.get("note") and r["role"] == "Note":
                firsts.setdefault((r["note"], r["elem"]), r)
        links = [(r, "Note") for r in p["runs"] if r.get("note") and r["role"] == "NoteMark"]
        links += [(r, "NoteMark") for r in firsts.values() if (r["note"], r["text"]) in marks]
        for r, want in links:
            t = link_target(p, r)
            if t is None or not landing(pages, t, want, r["note"], r["text"]):
                errors.append(f"page {i + 1}: {r['role']} {r['text']!r} of note {r['note']!r} does not link to "
                              f"its {'note' if want == 'Note' else 'mark'} (link: {t})")
    return errors


TABLE_ROLES = {"TD", "TH", "Caption"}
SYMBOLS = ["*", "\u2020", "\u2021", "\u00a7", "\u00b6", "#"]


def mark_scope(pages, data, data_path):
    """A function telling of a run whether it is a mark of a page note ("page"), of a note printed under
    its table ("table"), or neither (None: not a mark, or a mark in a table whose note is a page note in
    one table and a table note in another)."""
    in_table = note_kinds(data, data_path, "in_table")
    roles = {}
    for p in pages:
        for r in p["runs"]:
            if r["role"] != "NoteMark":
                roles.setdefault(r["elem"], r["role"])

    def scope(r):
        if r["role"] != "NoteMark" or not r.get("note"):
            return None
        if roles.get(r.get("in_elem", r["elem"])) not in TABLE_ROLES:
            return "page"
        kind = in_table.get(r["note"])
        return kind if kind in ("page", "table") else None
    return scope


def page_label(k, symbols):
    return SYMBOLS[(k - 1) % 6] * ((k - 1) // 6 + 1) if symbols else str(k)


def table_label(k, letters):
    if not letters:
        return str(k)
    out = ""
    while k > 0:
        out = chr(ord("a") + (k - 1) % 26) + out
        k = (k - 1) // 26
    return out


def numbering_errors(pages, scope, data, data_path):
    """With footnote-numbering: page, the page-note marks on every page read 1 2 3 (or * † ‡) in the
    order their notes are first marked there.  Notes under a table read 1 2 3 (or with table-note-marks:
    letters a b c) under every table, in the order of their marks in it.  (That marks and notes agree is
    checked by the links.)"""
    errors = []
    symbols = layout_option(data, data_path, "footnote-marks", "numbers") == "symbols"
    letters = layout_option(data, data_path, "table-note-marks", "numbers") == "letters"
    if layout_option(data, data_path, "footnote-numbering", "document") == "page":
        for i, p in enumerate(pages):
            order = []
            for r in p["runs"]:
                if scope(r) != "page":
                    continue
                if r["note"] not in order:
                    order.append(r["note"])
                want = page_label(order.index(r["note"]) + 1, symbols)
                if r["text"] != want:
                    errors.append(f"page {i + 1}: mark of {r['note']!r} reads {r['text']!r}, want {want!r} "
                                  f"(per page, in the order of the marks)")
    starts = {}   # elem of a table note -> (label, key), from the notes the table marks link to
    first = {}    # elem of a table note -> index of its first mark in the document
    n = 0
    for p in pages:
        for r in p["runs"]:
            if scope(r) != "table" or (t := link_target(p, r)) is None:
                continue
            note = landing(pages, t, "Note", r["note"], r["text"])
            if note:
                starts[note["elem"]] = (note["text"], r["note"])
                first.setdefault(note["elem"], n)
                n += 1
    groups = []   # notes under one table: consecutive elements
    for e in sorted(starts):
        if groups and e == groups[-1][-1] + 1:
            groups[-1].append(e)
        else:
            groups.append([e])
    for g in groups:
        have = [starts[e][0] for e in g]
        want = [table_label(k + 1, letters) for k in range(len(g))]
        if have != want:
            errors.append(f"notes under a table {[starts[e][1] for e in g]} read {have}, want {want}")
        if sorted(g, key=lambda e: first[e]) != g:
            errors.append(f"notes under a table {[starts[e][1] for e in g]} not in the order of their marks")
    return errors


def check_notes(data_path, dump_path):
    with open(data_path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    with open(dump_path, encoding="utf-8") as f:
        pages = load_dump(f)["pages"]
    kinds = note_kinds(data, data_path)
    tables = note_kinds(data, data_path, "tables")
    errors = []
    marked = collections.defaultdict(list)      # key -> pages with a mark
    started = collections.defaultdict(list)     # key -> pages with a start (repeated per start)
    printed = collections.defaultdict(set)      # key -> pages with any of its text
    labels = collections.defaultdict(set)
    for p in pages:
        for r in p["runs"]:
            if r["role"] == "NoteMark" and r.get("note"):
                labels[r["note"]].add(r["text"])
    left = collections.defaultdict(lambda: float("inf"))   # elem -> leftmost x of its lines
    for p in pages:
        for (_, elem, _), runs in note_lines(p).items():
            left[elem] = min(left[elem], runs[0]["x"])
    for i, p in enumerate(pages):
        for r in p["runs"]:
            if r.get("note") and r["role"] == "NoteMark":
                marked[r["note"]].append(i)
            if r.get("note") and r["role"] == "Note":
                printed[r["note"]].add(i)
        for key in note_starts(p, labels, left):
            started[key].append(i)
    for key, kind in sorted(kinds.items()):
        mpages = sorted(set(marked[key]))
        if not mpages:
            errors.append(f"note {key!r}: marked in the data but no mark in the dump")
            continue
        if kind == "page":
            for pg in mpages:
                n = started[key].count(pg)
                if n != 1:
                    errors.append(f"page note {key!r}: marked on page {pg + 1} but starts there {n} times")
            for pg in sorted(set(started[key]) - set(mpages)):
                errors.append(f"page note {key!r}: starts on page {pg + 1} without a mark there")
            for pg in sorted(printed[key] - set(started[key])):   # continued pieces follow their start
                if pg - 1 not in printed[key]:
                    errors.append(f"page note {key!r}: a piece on page {pg + 1} does not follow its start")
        elif kind == "table":
            if len(started[key]) != tables[key]:
                errors.append(f"table note {key!r}: starts {len(started[key])} times (pages "
                              f"{[p + 1 for p in started[key]]}), want once under each of its "
                              f"{tables[key]} table(s)")
            elif started[key][0] < mpages[0]:
                errors.append(f"table note {key!r}: printed on page {started[key][0] + 1} before its mark")
        elif not printed[key]:
            errors.append(f"note {key!r}: marked but never printed")
    errors += link_errors(pages)
    scope = mark_scope(pages, data, data_path)
    errors += numbering_errors(pages, scope, data, data_path)
    for i, p in enumerate(pages):   # on a page, one page-note mark per note and one note per mark
        pairs = {(r["note"], r["text"]) for r in p["runs"] if scope(r) == "page"}
        for what, idx in (("note", 0), ("mark", 1)):
            seen = collections.Counter(pair[idx] for pair in pairs)
            errors += [f"page {i + 1}: {what} {v!r} has two different {'marks' if idx == 0 else 'notes'}"
                       for v, n in seen.items() if n > 1]
    kinds_n = collections.Counter(kinds.values())
    return report(dump_path, errors, f"notes: {kinds_n['page']} page notes on their marks' pages, "
                  f"{kinds_n['table']} table notes once each ({len(pages)} pages)", 40)


def check_order(txt_path, needles):
    with open(txt_path, encoding="utf-8") as f:
        words = words_in_order(f.read())
    at = 0
    for needle in needles:
        want = words_in_order(needle)
        found = next((i for i in range(at, len(words) - len(want) + 1) if words[i:i + len(want)] == want), None)
        if found is None:
            print(f"{txt_path}: not found (in order, word for word) after word {at}: {needle[:80]!r}",
                  file=sys.stderr)
            return False
        at = found + len(want)
    print(f"order: {len(needles)} passages word for word and in order")
    return True


def words_in_order(text):
    text = re.sub(r"-\n\s*", "", text.replace("~", " "))
    text = text.replace("-", "").replace("\u2011", "")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [w.lower() for w in re.findall(r"\w+", text)]


def check_notetext(data_path, txt_path, keys):
    with open(data_path, encoding="utf-8") as f:
        defs = yaml.safe_load(f)["footnotes"]
    texts = [defs[k]["text"] if isinstance(defs[k], dict) else defs[k] for k in keys]
    return check_order(txt_path, [f"{i + 1} {strip_markup(t)}" for i, t in enumerate(texts)])


def check_marks(dump_path, want):
    with open(dump_path, encoding="utf-8") as f:
        pages = load_dump(f)["pages"]
    have = [f"{r['note']}={r['text']}" for p in pages for r in p["runs"] if r["role"] == "NoteMark"]
    if have != want:
        print(f"{dump_path}: marks {have}, want {want}", file=sys.stderr)
        return False
    print(f"marks: {len(have)} marks as expected")
    return True


# ---- TABLES: tables across page breaks (the data tells which cells, columns and rows to check) ------

def cell_text(c):
    if isinstance(c, dict):
        c = c.get("text", "")
    if isinstance(c, list):
        return " ".join(cell_text(x) for x in c)
    return "" if c is None else str(c)


def cell_key(s):
    """A cell's text for comparison: markup, spaces, hyphens and diacritics dropped, and a minus sign
    (U+2212, or the en dash a font without one prints) the hyphen a negative number is typed with."""
    s = unicodedata.normalize("NFKD", strip_markup(s))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[\u2212\u2013](?=\d)", "-", s)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", s)


def data_tables(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "table" and isinstance(v, dict) and "rows" in v:
                yield v
            else:
                yield from data_tables(v)
    elif isinstance(node, list):
        for v in node:
            yield from data_tables(v)


def table_rows(t):
    """(kind, [(column, cell)]) per row, header rows first; columns covered by a cell spanning rows from
    above (rowspan) are skipped."""
    below = collections.Counter()   # column -> rows it is still covered
    def cells(kind, lst):
        out, col = [], 0
        for c in lst:
            while below[col] > 0:
                col += 1
            out.append((col, c))
            span = c.get("colspan", 1) if isinstance(c, dict) else 1
            for k in range(col, col + span):
                below[k] = c.get("rowspan", 1) if isinstance(c, dict) else 1
            col += span
        for k in list(below):
            below[k] = max(0, below[k] - 1)
        return kind, out
    for r in t.get("header") or []:
        yield cells("header", r)
    for r in t["rows"]:
        if isinstance(r, list):
            yield cells("body", r)
        elif "group" in r:
            yield "group", [(0, r["group"])]
        elif "total" in r:
            yield cells("total", r["total"])
        else:
            yield cells("body", r["cells"])


class Elems:
    """The TH/TD structure elements of a dump: their runs (with page and area) in page/y/x order."""
    def __init__(self, dump):
        self.runs = collections.defaultdict(list)
        self.areas = {}
        self.digits = collections.defaultdict(list)   # per face: digit width per pt of size (digits are tabular)
        els = dump.get("elements", [])
        self.repeated = {e["id"] for e in els if e.get("scope") == "Column"}   # header rows' cells
        for p in dump["pages"]:
            self.areas[p["page"]] = p["area"]
            for r in p["runs"]:
                if r["text"].isdigit() and r["size"] > 0:
                    self.digits[r["face"]].append(r["w"] / len(r["text"]) / r["size"])
                if r["role"] in ("TH", "TD"):
                    self.runs[r["elem"]].append(dict(r, page=p["page"]))
        for runs in self.runs.values():
            runs.sort(key=lambda r: (r["page"], r["y"], r["x"]))
        self.order = sorted(self.runs)

    def text(self, e):
        runs = self.runs[e]
        if e in self.repeated:   # a header row's cell, repeated on every page: whole on each, compare the first
            runs = [r for r in runs if r["page"] == runs[0]["page"]]
        return cell_key("".join(r["text"] for r in runs))


def match_cells(tables, el, errors):
    """Map each non-empty data cell to its element, in order; report cells whose text is not whole."""
    i, out = 0, []
    for t in tables:
        rows = []
        for kind, cells in table_rows(t):
            row = []
            for col, c in cells:
                key = cell_key(cell_text(c))
                if not key:
                    continue
                j = i
                while j < len(el.order) and el.text(el.order[j]) != key:
                    j += 1
                if j == len(el.order):
                    errors.append(f"cell {cell_text(c)[:60]!r}: no element with exactly its text "
                                  f"(next element reads {el.text(el.order[i])[:60]!r})" if i < len(el.order)
                                  else f"cell {cell_text(c)[:60]!r}: no element left")
                    continue
                skipped = [e for e in el.order[i:j] if el.text(e)]   # ("-" alone is empty after cell_key)
                if skipped:
                    errors.append(f"cell {cell_text(c)[:60]!r}: {len(skipped)} element(s) before it match no cell")
                row.append((col, c, el.order[j]))
                i = j + 1
            rows.append((kind, row))
        out.append(rows)
    return out


def check_header_repeats(el, rows, errors, name):
    heads = [e for kind, row in rows if kind == "header" for _, _, e in row]
    body = [e for kind, row in rows if kind != "header" for _, _, e in row]
    pages = sorted({r["page"] for e in body for r in el.runs[e]})
    for pg in pages[1:] if heads else []:
        th = [r for e in heads for r in el.runs[e] if r["page"] == pg]
        td = [r for e in body for r in el.runs[e] if r["page"] == pg]
        if {r["elem"] for r in th} != set(heads):
            errors.append(f"{name}: page {pg} continues the table without its header rows")
            continue
        if max(r["y"] + r["desc"] for r in th) > min(r["y"] - r["asc"] for r in td) + 0.05:
            errors.append(f"{name}: page {pg}: header rows are not above the body rows")
        if min(r["y"] - r["asc"] for r in th) > el.areas[pg][1] + 40:
            errors.append(f"{name}: page {pg}: header rows are not at the top of the text area")


NUMBER = re.compile(r"^-?[0-9][0-9.]*(,[0-9]+)?$")


def check_decimals(el, t, rows, errors, name, checked):
    dw = {face: sorted(v)[len(v) // 2] for face, v in el.digits.items()}
    cols = t.get("columns") or []
    for ci, col in enumerate(cols):
        if not isinstance(col, dict) or col.get("align") != "decimal":
            continue
        xs = []
        for kind, row in rows:
            for c_col, c, e in row:
                if kind in ("header", "group") or c_col != ci or (isinstance(c, dict) and ("align" in c or c.get("colspan", 1) > 1)):
                    continue
                runs = el.runs[e]
                txt = cell_text(c).strip()
                if len(runs) != 1 or not NUMBER.match(txt) or runs[0]["face"] not in dw:
                    continue
                r = runs[0]
                after = len(txt.split(",")[1]) if "," in txt else 0
                xs.append((r["x"] + r["w"] - after * dw[r["face"]] * r["size"] - el.areas[r["page"]][0], txt))
        checked[0] += len(xs)
        if xs and max(x for x, _ in xs) - min(x for x, _ in xs) > 0.1:
            lo, hi = min(xs), max(xs)
            errors.append(f"{name}: column {ci + 1}: commas from x {lo[0]:.2f} ({lo[1]}) to {hi[0]:.2f} ({hi[1]})")


def check_keeps(el, rows, errors, name):
    body = [(kind, [e for _, _, e in row]) for kind, row in rows if kind != "header" and row]
    for k, (kind, elems) in enumerate(body):
        first = min((r["page"], r["y"]) for e in elems for r in el.runs[e])
        last = max((r["page"], r["y"]) for e in elems for r in el.runs[e])
        others = [(r["page"], r["y"]) for j, (_, es) in enumerate(body) if j != k for e in es for r in el.runs[e]]
        if kind == "group" and k + 1 < len(body) and not any(p == last[0] and y > last[1] for p, y in others):
            errors.append(f"{name}: group row {elems} is the last row on page {last[0]}")
        if kind == "total" and k > 0 and not any(p == first[0] and y < first[1] for p, y in others):
            errors.append(f"{name}: total row {elems} stands alone at the top of page {first[0]}")


def check_start(el, rows, errors, name):
    """A table starts with its header and two lines of its first body row (all of it if shorter) on one page."""
    body = [row for kind, row in rows if kind != "header" and row]
    first_body = next((row for kind, row in rows if kind == "body" and row), None)
    heads = [e for kind, row in rows if kind == "header" for _, _, e in row]
    if not body or not first_body:
        return
    start = min(r["page"] for _, _, e in body[0] for r in el.runs[e])
    lines = {(r["page"], r["y"]) for _, _, e in first_body for r in el.runs[e]}
    on_start = [ln for ln in lines if ln[0] == start]
    if len(on_start) < min(2, len(lines)):
        errors.append(f"{name}: starts on page {start} with {len(on_start)} line(s) of its first row")
    if heads and not any(r["page"] == start for e in heads for r in el.runs[e]):
        errors.append(f"{name}: its first rows on page {start} have no header")


def check_tables(data_path, dump_path):
    with open(data_path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    with open(dump_path, encoding="utf-8") as f:
        el = Elems(load_dump(f))
    errors = []
    tables = list(data_tables(data.get("chapters")))
    matched = match_cells(tables, el, errors)
    split, checked = 0, [0]
    for n, (t, rows) in enumerate(zip(tables, matched)):
        name = f"table {n + 1} ({cell_text(t.get('caption', ''))[:40]!r})"
        check_header_repeats(el, rows, errors, name)
        check_decimals(el, t, rows, errors, name, checked)
        check_keeps(el, rows, errors, name)
        check_start(el, rows, errors, name)
        split += len({r["page"] for kind, row in rows for _, _, e in row for r in el.runs[e]}) > 1
    return report(dump_path, errors, f"tables: {len(tables)} tables ({split} across pages): cells whole and in "
                  f"order, headers repeated, {checked[0]} commas aligned, group and total rows kept, starts with "
                  "header and two lines", 30)


def check_table_features(dump_path):
    """tests/tables/features.yaml with frame.yaml: valign, a spanned decimal cell, table size, frame, zebra."""
    with open(dump_path, encoding="utf-8") as f:
        page = next(p for p in load_dump(f)["pages"] if any(r["role"] == "TD" for r in p["runs"]))
    runs = [r for r in page["runs"] if r["role"] in ("TH", "TD")]
    y = {}
    for r in runs:
        y.setdefault(r["text"], []).append(r["y"])
    errors = []
    def same(a, b, what):
        if abs(a - b) > 0.01:
            errors.append(f"{what}: {a:.2f} != {b:.2f}")
    same(y["onder"][0], y["zijn"][0], "valign bottom: 'onder' on the long cell's last line")
    same(y["midden"][0], y["regels"][0], "valign middle: 'midden' on the long cell's middle line")
    same(y["boven"][0], y["Kort"][0], "a cell's valign top overrides its column's middle")
    small = [r for r in runs if r["y"] >= min(y["Post"])]
    if not small or any(abs(r["size"] - 7) > 0.01 for r in small):
        errors.append("the table with size: 7pt has runs of another size")
    fills = [f for f in page["fills"]]
    x0, x1 = min(f[0] for f in fills), max(f[0] + f[2] for f in fills)
    kol = next(r for r in runs if r["text"] == "kolommen")
    same(kol["x"] + kol["w"], x1 - 4, "a cell spanning a decimal column is right-aligned in its span")
    vert = {round(r[0], 2) for r in page["rules"] if abs(r[0] - r[2]) < 0.01}
    if not all(any(abs(x - v) < 0.02 for v in vert) for x in (x0, x1)):
        errors.append(f"frame: no vertical rules at the table edges {x0:.2f}, {x1:.2f} (have {sorted(vert)})")
    if not any(f[4] == "#f2f2f2" for f in fills):   # grey 0.95
        errors.append("zebra: no body row shaded 0.95 (#f2f2f2)")
    return report(dump_path, errors, "table features: valign bottom/middle/top, spanned decimal cell, 7 pt table, "
                  "frame and zebra")


def check_rowspan(data_path, dump_path):
    """Every cell with rowspan: its text lies below the rows above the span and above the rows after it,
    a top-aligned one starts on the line of its first row, and no horizontal rule or other text crosses
    its lines (overlaps are checked by `dump` too)."""
    with open(data_path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    with open(dump_path, encoding="utf-8") as f:
        dump = load_dump(f)
    el = Elems(dump)
    errors, spans = [], 0
    tables = list(data_tables(data.get("chapters")))
    for t, rows in zip(tables, match_cells(tables, el, errors)):
        for i, (kind, row) in enumerate(rows):
            for _, c, e in row:
                n = c.get("rowspan", 1) if isinstance(c, dict) else 1
                if n < 2:
                    continue
                spans += 1
                pg = el.runs[e][0]["page"]   # a header repeats on every page of its table: check the first
                mine = [r for r in el.runs[e] if kind != "header" or r["page"] == pg]
                name = cell_text(c)[:30]
                top = min(r["y"] - r["asc"] for r in mine)
                bot = max(r["y"] + r["desc"] for r in mine)
                above = [r for _, rw in rows[:i] for _, _, e2 in rw for r in el.runs[e2] if r["page"] == mine[0]["page"]]
                after = [r for _, rw in rows[i + n:] for _, _, e2 in rw for r in el.runs[e2] if r["page"] == mine[0]["page"]]
                inside = [r for _, rw in rows[i:i + n] for _, _, e2 in rw if e2 != e for r in el.runs[e2]
                          if kind != "header" or r["page"] == pg]
                if len({r["page"] for r in mine + inside}) > 1:
                    errors.append(f"{name!r}: the rows it spans are not on one page")
                if above and top < max(r["y"] + r["desc"] for r in above) - 0.05:
                    errors.append(f"{name!r}: reaches above its first row")
                if after and bot > min(r["y"] - r["asc"] for r in after) + 0.05:
                    errors.append(f"{name!r}: reaches into the rows after its span")
                first = [r for _, _, e2 in rows[i][1] if e2 != e for r in el.runs[e2] if r["page"] == pg]
                if c.get("valign", "top") == "top" and first and abs(mine[0]["y"] - min(r["y"] for r in first)) > 0.05:
                    errors.append(f"{name!r}: does not start on its first row's line")
                page = dump["pages"][mine[0]["page"] - 1]
                for x0, y0, x1, y1, w, _ in page["rules"]:
                    if abs(y0 - y1) > 0.01:
                        continue
                    for r in mine:
                        if r["x"] < x1 and x0 < r["x"] + r["w"] and r["y"] - r["asc"] < y0 < r["y"] + r["desc"]:
                            errors.append(f"{name!r}: a rule at y {y0:.2f} crosses {r['text']!r}")
                    if top < y0 < bot and min(r["x"] for r in mine) < x1 and x0 < max(r["x"] + r["w"] for r in mine):
                        errors.append(f"{name!r}: a row rule at y {y0:.2f} runs through the spanning cell")
    if not spans:
        errors.append("no cell with rowspan found")
    return report(dump_path, errors, f"rowspan: {spans} cells spanning rows, each within its rows, no rule "
                  "through them")


def check_landscape(dump_path):
    """tests/tables/landscape.yaml: the 12-column table (header Taakveld, 2020..2030) alone on landscape
    pages (width > height) with the text area using the long side, its runs inside that area and its
    header on each of them; the text before it and after it on portrait pages; the running header set
    across the landscape page."""
    with open(dump_path, encoding="utf-8") as f:
        pages = load_dump(f)["pages"]
    errors = []
    head = ["Taakveld"] + [str(y) for y in range(2020, 2031)]
    land = [p for p in pages if p["width"] > p["height"]]
    if len(land) < 2:
        errors.append(f"{len(land)} landscape pages; the table should fill at least two")
    for p in pages:
        cells = [r for r in p["runs"] if r["role"] in ("TH", "TD", "Caption")]
        ax, ay, aw, ah = p["area"]
        wide = any(r["text"] == "2030" for r in cells)
        if p["width"] > p["height"]:
            if aw <= ah or abs(ax + aw + ax - p["width"]) > 30:
                errors.append(f"page {p['page']}: landscape text area {p['area']} does not use the long side")
            if not wide or [r["text"] for r in cells if r["role"] == "TH"][:12] != head:
                errors.append(f"page {p['page']}: landscape page without the wide table's header row")
            if any(r["role"] not in ("TH", "TD", "Caption", "Artifact") for r in p["runs"]):
                errors.append(f"page {p['page']}: landscape page holds more than the table")
            for r in cells:
                x0, y0, x1, y1 = box(r)
                if x0 < ax - 0.05 or x1 > ax + aw + 0.05 or y0 < ay - 0.05 or y1 > ay + ah + 0.05:
                    errors.append(f"page {p['page']}: {r['text']!r} outside the landscape text area")
            art = [r for r in p["runs"] if r["role"] == "Artifact"]
            if not art or max(r["x"] + r["w"] for r in art) < ax + aw - 1:
                errors.append(f"page {p['page']}: the running header/footer does not reach across the page")
        elif wide:
            errors.append(f"page {p['page']}: the wide table on a portrait page")
    text = {p["page"]: " ".join(r["text"] for r in p["runs"]) for p in pages}
    if land:
        first, last = land[0]["page"], land[-1]["page"]
        if [p["page"] for p in land] != list(range(first, last + 1)):
            errors.append("the landscape pages are not consecutive")
        before, after = pages[first - 2], pages[last] if last < len(pages) else None
        if before["width"] > before["height"] or "voor de tabel" not in text[before["page"]]:
            errors.append("the text before the table is not on the portrait page before it")
        if not after or after["width"] > after["height"] or "na de liggende tabel" not in text[after["page"]]:
            errors.append("the text after the table is not on the portrait page after it")
    return report(dump_path, errors, f"landscape: the wide table on {len(land)} landscape pages, portrait text "
                  "before and after")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "rowspan":
        sys.exit(0 if check_rowspan(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "landscape":
        sys.exit(0 if check_landscape(sys.argv[2]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "tablefeatures":
        sys.exit(0 if check_table_features(sys.argv[2]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "tables":
        sys.exit(0 if check_tables(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) >= 3 and sys.argv[1] == "marks":
        sys.exit(0 if check_marks(sys.argv[2], sys.argv[3:]) else 1)
    if len(sys.argv) >= 5 and sys.argv[1] == "notetext":
        sys.exit(0 if check_notetext(sys.argv[2], sys.argv[3], sys.argv[4:]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "notes":
        sys.exit(0 if check_notes(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) >= 4 and sys.argv[1] == "order":
        sys.exit(0 if check_order(sys.argv[2], sys.argv[3:]) else 1)
    if len(sys.argv) in (5, 6) and sys.argv[1] == "lines":
        sys.exit(0 if check_lines(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "words":
        sys.exit(0 if check_words(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "keeps":
        sys.exit(0 if check_kept_lines(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        sys.exit(0 if check_dump(sys.argv[2]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "overprint":
        sys.exit(0 if check_dump(sys.argv[2], cells=False) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
