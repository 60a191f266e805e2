#!/usr/bin/python3
"""check_figures.py — end-to-end checks of colour, images and charts.

usage: check_figures.py greyscale PDF     no colour anywhere: content streams (pages and form XObjects)
                                          use only grey operators (g G), every image is DeviceGray
       check_figures.py colour PDF        the opposite, so that the check above can fail: some RGB
                                          operator or RGB image is there
       check_figures.py figures DUMP [N]  the figures of a layout dump (and that there are N of them)
       check_figures.py charts DATA DUMP  the charts of a document, against its data

figures: every figure is a Figure element with a page and an alt text; its drawing's box lies inside the
text area; its images lie inside that box; its caption is on its page above the drawing; no other text
runs into an image; an image that is page furniture (the logo in the running header) lies in the top
margin, on every page but the first (the title page) when there is one.

charts: each chart block of the data (in order) is a figure whose drawing — every path, its gridlines
included, and every label — lies inside its box; no two labels overlap, and no label overlaps a bar or
column unless it stands wholly inside it (a value inside its segment); and the drawing says what the
data says, read here from the data file independently of zetwerk (the table by its id, the rows and
columns chosen by the start of their label, Dutch numbers): bars, columns and stacked segments are as
long as their values (one scale for all, within 0.5 %, on the side of zero their sign says), a ring's
or disc's slices span angles in proportion to their values, a line's points stand at heights that
follow their values (one affine scale), and a value the data does not have (NB) has no bar, slice or
point.

The PDF is read with pikepdf: every content stream's operators are parsed (no text search through
binary font data), and every image XObject's /ColorSpace is looked at (an /Indexed palette's base too)."""
import json
import math
import re
import sys

import pikepdf
import yaml

COLOUR_OPS = {"rg", "RG", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"}


def colour_space_name(cs):
    """'DeviceGray', 'DeviceRGB', … of an image's /ColorSpace ([/Indexed base …] gives its base)."""
    if isinstance(cs, pikepdf.Array):
        if len(cs) and cs[0] == pikepdf.Name.Indexed:
            return colour_space_name(cs[1])
        return str(cs[0])[1:]
    return str(cs)[1:]


def colour_uses(pdf_path):
    """Every colour operator and image colour space of the PDF, as 'page N: …' strings; and the number of
    grey operators and grey images seen."""
    uses, greys = [], 0
    with pikepdf.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            streams = [page]
            res = page.obj.get("/Resources", pikepdf.Dictionary())
            xobjs = res.get("/XObject", pikepdf.Dictionary())
            for name, x in xobjs.items():
                if x.get("/Subtype") == pikepdf.Name.Form:
                    streams.append(x)
                elif x.get("/Subtype") == pikepdf.Name.Image:
                    cs = colour_space_name(x.get("/ColorSpace"))
                    if cs != "DeviceGray":
                        uses.append(f"page {n}: image {name} in {cs}")
                    else:
                        greys += 1
            for s in streams:
                for operands, op in pikepdf.parse_content_stream(s):
                    op = str(op)
                    if op in COLOUR_OPS:
                        uses.append(f"page {n}: {' '.join(str(v) for v in operands)} {op}")
                    elif op in ("g", "G"):
                        greys += 1
    return uses, greys


def check_greyscale(pdf_path):
    uses, greys = colour_uses(pdf_path)
    for u in uses[:20]:
        print(f"{pdf_path}: colour in greyscale mode: {u}", file=sys.stderr)
    if uses:
        return False
    print(f"{pdf_path}: greyscale: {greys} grey operators and images, no colour")
    return True


def check_colour(pdf_path):
    uses, _ = colour_uses(pdf_path)
    if not uses:
        print(f"{pdf_path}: no colour operator or colour image at all", file=sys.stderr)
        return False
    print(f"{pdf_path}: colour: {len(uses)} colour operators and images")
    return True


EPS = 0.01


def inside(box, area):
    x, y, w, h = box
    ax, ay, aw, ah = area
    return x >= ax - EPS and y >= ay - EPS and x + w <= ax + aw + EPS and y + h <= ay + ah + EPS


def run_box(r):
    return (r["x"], r["y"] - r["asc"], r["w"], r["asc"] + r["desc"])


def overlap(a, b):
    return a[0] < b[0] + b[2] - EPS and b[0] < a[0] + a[2] - EPS and a[1] < b[1] + b[3] - EPS and b[1] < a[1] + a[3] - EPS


def figure_errors(dump):
    els = dump["elements"]
    pages = dump["pages"]
    errors = []
    for f in dump["figures"]:
        e, p = f["elem"], f["page"]
        if els[e]["role"] != "Figure":
            errors.append(f"figure {e}: its element is a {els[e]['role']}")
        if not f["alt"]:
            errors.append(f"figure {e}: no alt text")
        if not 1 <= p <= len(pages):
            errors.append(f"figure {e}: on no page")
            continue
        pg = pages[p - 1]
        box = f["box"]
        if not inside(box, pg["area"]):
            errors.append(f"figure {e} on page {p}: its box {box} is not inside the text area {pg['area']}")
        for pic in pg["pics"]:
            if pic["elem"] == e and not inside((pic["x"], pic["y"], pic["w"], pic["h"]), box):
                errors.append(f"figure {e} on page {p}: an image outside its box")
        for r in pg["runs"]:
            if r["role"] == "Caption" and els[r["elem"]]["parent"] == e and r["y"] + r["desc"] > box[1] + EPS:
                errors.append(f"figure {e} on page {p}: caption {r['text']!r} is not above the drawing")
        caps = [c for c in els if c["role"] == "Caption" and c["parent"] == e]
        if any(c["page"] != p for c in caps):
            errors.append(f"figure {e}: its caption is not on its page {p}")
    title = any(els[i]["role"] == "Div" for i in range(len(els)))
    for pg in pages:
        for pic in pg["pics"]:
            pb = (pic["x"], pic["y"], pic["w"], pic["h"])
            for r in pg["runs"]:
                if overlap(run_box(r), pb):
                    errors.append(f"page {pg['page']}: text {r['text']!r} runs into an image")
            if pic["elem"] < 0 and pic["y"] + pic["h"] > pg["area"][1] + EPS:
                errors.append(f"page {pg['page']}: the logo in the running header reaches into the text area")
        logos = [pic for pic in pg["pics"] if pic["elem"] < 0]
        if dump["images"] and any(p["elem"] < 0 for q in pages for p in q["pics"]) and \
                (pg["page"] > 1 or not title) and not logos:
            errors.append(f"page {pg['page']}: no logo in the running header")
    return errors


# ---- the charts' data, read from the data file ----------------------------------------------------------

MARKERS = {"", "nb", "n.b.", "pm", "p.m.", "nvt", "n.v.t.", "x", "-", "\u2013", "\u2014", "?"}


def number(text):
    """A Dutch or plain number as zetwerk reads it (1.000, 6,8, 61,5%, € 420.438), None for a marker."""
    t = re.sub(r"\[\^[^\]]*\]", "", str(text)).replace("\u00a0", " ").replace("€", "").replace("%", "").strip()
    if t.lower() in MARKERS:
        return None
    neg = t.startswith("-") or t.startswith("\u2212")
    t = t.lstrip("-\u2212+ ")
    if "." in t and "," in t:
        dec = "." if t.rfind(".") > t.rfind(",") else ","
    elif "," in t:
        dec = "," if t.count(",") == 1 else None
    elif t.count(".") == 1:
        before, after = t.split(".")
        dec = None if len(after) == 3 and 1 <= len(before) <= 3 and before != "0" else "."
    else:
        dec = None
    grp = {",": ".", ".": ",", None: "." if "." in t else ","}[dec]
    t = t.replace(grp, "")
    if dec:
        t = t.replace(dec, ".")
    v = float(t)
    return -v if neg else v


def cell_text(cell):
    if isinstance(cell, dict):
        cell = cell["text"]
    if isinstance(cell, list):
        cell = " ".join(str(c) for c in cell)
    return "" if cell is None else str(cell)


def selects(sel, label):
    return label == sel or (label.startswith(sel) and label[len(sel)] in " \u00a0")


def chart_blocks(node):
    if isinstance(node, dict):
        if "chart" in node and isinstance(node["chart"], dict):
            yield node["chart"]
        for v in node.values():
            yield from chart_blocks(v)
    elif isinstance(node, list):
        for v in node:
            yield from chart_blocks(v)


def tables_by_id(node, out):
    if isinstance(node, dict):
        t = node.get("table")
        if isinstance(t, dict) and "id" in t:
            out[t["id"]] = t
        for v in node.values():
            tables_by_id(v, out)
    elif isinstance(node, list):
        for v in node:
            tables_by_id(v, out)
    return out


def chart_data(chart, tables):
    """The series of a chart block: a list of lists of values (None for no number), one per series."""
    if "table" not in chart:
        return [[number(v) for v in s["values"]] for s in chart["series"]]
    t = tables[chart["table"]]
    rows = [r for r in t["rows"] if isinstance(r, list)]
    if "rows" in chart:
        every = [r["total"] if isinstance(r, dict) and "total" in r else r for r in t["rows"] if not (isinstance(r, dict) and "group" in r)]
        rows = [next(r for r in every if selects(str(sel), cell_text(r[0]))) for sel in chart["rows"]]
    header = [cell_text(c) for c in t["header"][-1]] if "header" in t else []
    ncols = max(len(r) for r in rows)
    if "columns" in chart:
        cols = [next(i for i, h in enumerate(header) if selects(str(sel), h)) for sel in chart["columns"]]
    else:
        cols = []
        for i in range(1, ncols):
            vals = [cell_text(r[i]) if i < len(r) else "" for r in rows]
            try:
                nums = [number(v) for v in vals]
            except ValueError:
                continue
            if any(n is not None for n in nums):
                cols.append(i)
    grid = [[number(cell_text(r[i])) if i < len(r) else None for i in cols] for r in rows]
    by_rows = chart.get("categories", "rows" if chart["type"] not in ("line", "stacked") else "columns") == "rows"
    return [list(col) for col in zip(*grid)] if by_rows else grid


def proportional(pairs, what):
    """pairs of (value, length): one positive scale for all, within 0.5 %; errors."""
    scales = sorted(length / abs(v) for v, length in pairs if v)
    if not scales:
        return [f"{what}: nothing to compare"]
    k = scales[len(scales) // 2]
    return [f"{what}: the bar of {v} is {length:.2f} pt long, {abs(v) * k:.2f} on the scale of the others"
            for v, length in pairs if abs(length - abs(v) * k) > 0.05 + 0.005 * length]


def outer_points(path):
    """The points on a slice's outer arc: its first point and the end of each curve before the first line."""
    nums = path["d"].split()
    i, outer = 0, []
    while i < len(nums):
        op = nums[i]
        if op == "M":
            outer.append((float(nums[i + 1]), float(nums[i + 2]))); i += 3
        elif op == "C":
            outer.append((float(nums[i + 5]), float(nums[i + 6]))); i += 7
        elif op == "L":
            break
        else:
            i += 1
    return outer


def ring_centre(pts):
    """The centre of the circle through points on it (least squares: x² + y² + Dx + Ey + F = 0)."""
    m = [[0.0] * 4 for _ in range(3)]
    for x, y in pts:
        row, rhs = (x, y, 1.0), -(x * x + y * y)
        for i in range(3):
            for j in range(3):
                m[i][j] += row[i] * row[j]
            m[i][3] += row[i] * rhs
    for c in range(3):   # Gauss-Jordan
        piv = max(range(c, 3), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(3):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    d, e = m[0][3] / m[0][0], m[1][3] / m[1][1]
    return -d / 2, -e / 2


def slice_angle(path, cx, cy):
    """The angle (degrees) a slice's outer arc spans: from its first point to the end of the arc."""
    outer = outer_points(path)
    total = 0.0
    for (x0, y0), (x1, y1) in zip(outer, outer[1:]):
        a0, a1 = math.atan2(y0 - cy, x0 - cx), math.atan2(y1 - cy, x1 - cx)
        total += (math.degrees(a1 - a0) + 360) % 360
    return total


def chart_errors(chart, data, fig, pg):
    errs = []
    e, box = fig["elem"], fig["box"]
    paths = [p for p in pg["paths"] if p["elem"] == e or (p["elem"] < 0 and overlap(p["box"], box))]
    labels = [r for r in pg["runs"] if r["elem"] == e and r["role"] == "Figure"]
    what = f"chart {chart.get('caption', chart['type'])!r}"
    for p in paths:
        if not inside(p["box"], box):
            errs.append(f"{what}: a {p['mark']} path {p['box']} outside its box {box}")
    for r in labels:
        if not inside(run_box(r), box):
            errs.append(f"{what}: label {r['text']!r} outside its box")
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if overlap(run_box(a), run_box(b)):
                errs.append(f"{what}: labels {a['text']!r} and {b['text']!r} overlap")
    bars = [p for p in paths if p["mark"] == "bar"]
    for r in labels:
        rb = run_box(r)
        for p in bars:
            if overlap(rb, p["box"]) and not inside(rb, p["box"]):
                errs.append(f"{what}: label {r['text']!r} runs into a bar")
    kind = chart["type"]
    values = {(p["series"], p["item"]): p for p in paths if p["mark"] in ("bar", "slice", "point")}
    for s, series in enumerate(data):
        for k, v in enumerate(series):
            if v is None and (s, k) in values:
                errs.append(f"{what}: series {s} item {k} has no number but is drawn")
            if v is not None and v != 0 and (s, k) not in values:
                errs.append(f"{what}: series {s} item {k} ({v}) is not drawn")
    if kind in ("bar", "columns", "stacked"):
        horizontal = kind == "bar"
        pairs = [(data[p["series"]][p["item"]], p["box"][2] if horizontal else p["box"][3]) for p in bars]
        errs += proportional(pairs, what)
    elif kind in ("donut", "pie"):
        sl = [p for p in paths if p["mark"] == "slice"]
        cx, cy = ring_centre([pt for p in sl for pt in outer_points(p)])
        total = sum(v for v in data[0] if v)
        for p in sl:
            want = 360 * data[0][p["item"]] / total
            got = slice_angle(p, cx, cy)
            if abs(got - want) > 0.5:
                errs.append(f"{what}: slice {p['item']} spans {got:.1f} degrees, want {want:.1f}")
    elif kind == "line":
        pts = [(data[p["series"]][p["item"]], p["box"][1] + p["box"][3] / 2) for p in paths if p["mark"] == "point"]
        if len(pts) >= 2:
            (v0, y0), (v1, y1) = min(pts), max(pts)
            k = (y1 - y0) / (v1 - v0) if v1 != v0 else 0
            for v, y in pts:
                if abs(y0 + (v - v0) * k - y) > 0.05:
                    errs.append(f"{what}: the point of {v} stands at {y:.2f}, not on the line's scale")
            if k >= 0 and v1 != v0:
                errs.append(f"{what}: larger values do not stand higher")
    return errs


def check_charts(data_path, dump_path):
    with open(data_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    with open(dump_path, encoding="utf-8") as f:
        dump = json.load(f)
    charts = list(chart_blocks(doc.get("chapters", [])))
    tables = tables_by_id(doc.get("chapters", []), {})
    drawn = [f for f in dump["figures"] if any(p["elem"] == f["elem"] for pg in dump["pages"] for p in pg["paths"])]
    errors = [] if len(drawn) == len(charts) else [f"{len(drawn)} charts drawn, the data has {len(charts)}"]
    for chart, fig in zip(charts, drawn):
        errors += chart_errors(chart, chart_data(chart, tables), fig, dump["pages"][fig["page"] - 1])
    for e in errors[:30]:
        print(f"{dump_path}: {e}", file=sys.stderr)
    if not errors:
        print(f"{dump_path}: {len(charts)} charts inside their boxes, labels apart, drawn as the data says")
    return not errors


def check_figures(dump_path, want=None):
    with open(dump_path, encoding="utf-8") as f:
        dump = json.load(f)
    errors = figure_errors(dump)
    if want is not None and len(dump["figures"]) != int(want):
        errors.append(f"{len(dump['figures'])} figures, want {want}")
    for e in errors[:30]:
        print(f"{dump_path}: {e}", file=sys.stderr)
    if not errors:
        print(f"{dump_path}: {len(dump['figures'])} figures inside the text area, with alt texts and captions")
    return not errors


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "charts":
        sys.exit(0 if check_charts(sys.argv[2], sys.argv[3]) else 1)
    if len(sys.argv) in (3, 4) and sys.argv[1] == "figures":
        sys.exit(0 if check_figures(*sys.argv[2:]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "greyscale":
        sys.exit(0 if check_greyscale(sys.argv[2]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "colour":
        sys.exit(0 if check_colour(sys.argv[2]) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
