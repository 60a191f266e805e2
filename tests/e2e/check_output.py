#!/usr/bin/python3
"""check_output.py — end-to-end checks of one rendered document.

usage: check_output.py words DATA.yaml PDF.txt     every word of the data occurs in pdftotext's output
       check_output.py dump DUMP.json               layout-dump invariants
       check_output.py tables DATA.yaml DUMP.json   tables across page breaks (see TABLES below)
       check_output.py tablefeatures DUMP.json      the options of tests/tables/features.yaml

words: the data's text (all scalars except keys and metadata that is not printed) with markup removed
must be contained, as a multiset of words, in the PDF text.  Both sides are normalised the same way:
lines ending in a hyphen are joined (hyphenation), hyphens and diacritics are dropped (the Dutch trema
rule prints "ge-" / "evalueerd"), so only the words themselves are compared.

dump: no text box outside its page's text area (running header and footer excepted); no two text boxes
on a page overlap; every page note mark has its note on the same page.

tables: every table cell of the data is one structure element (TH/TD runs) whose text, joined over its
runs in page/y/x order, is the cell's text whole and in order (split cells included; a repeated header
cell is whole on every page it appears on); every page a table continues on starts with its header rows
(only a caption above them); decimal columns put their commas on one x (within 0.1 pt); a group row is
never the last row of its table on a page; a total row never stands alone at the top of a page; a table
starts with its header rows and at least two lines of its first body row on one page."""
import collections
import json
import re
import sys
import unicodedata

import yaml

NOT_PRINTED = {"layout", "lang", "place", "notes", "numbered", "landscape", "align", "valign", "size", "width", "colspan",
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


# ---- TABLES: tables across page breaks (the data tells which cells, columns and rows to check) ------

def cell_text(c):
    if isinstance(c, dict):
        c = c.get("text", "")
    if isinstance(c, list):
        return " ".join(cell_text(x) for x in c)
    return "" if c is None else str(c)


def cell_key(s):
    s = unicodedata.normalize("NFKD", strip_markup(s))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
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
    """(kind, [(column, cell)]) per row, header rows first."""
    def cells(kind, lst):
        out, col = [], 0
        for c in lst:
            out.append((col, c))
            col += c.get("colspan", 1) if isinstance(c, dict) else 1
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
        if runs[0]["role"] == "TH":   # repeated on every page: whole on each, compare the first
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
                if j > i:
                    errors.append(f"cell {cell_text(c)[:60]!r}: {j - i} element(s) before it match no cell")
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
        el = Elems(json.load(f))
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
    for e in errors[:30]:
        print(f"{dump_path}: {e}", file=sys.stderr)
    if not errors:
        print(f"tables: {len(tables)} tables ({split} across pages): cells whole and in order, headers repeated, "
              f"{checked[0]} commas aligned, group and total rows kept, starts with header and two lines")
    return not errors


def check_table_features(dump_path):
    """tests/tables/features.yaml with frame.yaml: valign, a spanned decimal cell, table size, frame, zebra."""
    with open(dump_path, encoding="utf-8") as f:
        page = json.load(f)["pages"][1]
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
    if not {round(x0, 2), round(x1, 2)} <= vert:
        errors.append(f"frame: no vertical rules at the table edges {x0:.2f}, {x1:.2f} (have {sorted(vert)})")
    if not any(abs(f[4] - 0.95) < 0.001 for f in fills):
        errors.append("zebra: no body row shaded 0.95")
    for e in errors:
        print(f"{dump_path}: {e}", file=sys.stderr)
    if not errors:
        print("table features: valign bottom/middle/top, spanned decimal cell, 7 pt table, frame and zebra")
    return not errors


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "tablefeatures":
        sys.exit(0 if check_table_features(sys.argv[2]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "tables":
        sys.exit(0 if check_tables(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == "words":
        sys.exit(0 if check_words(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        sys.exit(0 if check_dump(sys.argv[2]) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
