#!/usr/bin/python3
"""check_figures.py — end-to-end checks of colour, images and charts.

usage: check_figures.py greyscale PDF     no colour anywhere: content streams (pages and form XObjects)
                                          use only grey operators (g G), every image is DeviceGray
       check_figures.py colour PDF        the opposite, so that the check above can fail: some RGB
                                          operator or RGB image is there
       check_figures.py figures DUMP [N]  the figures of a layout dump (and that there are N of them)

figures: every figure is a Figure element with a page and an alt text; its drawing's box lies inside the
text area; its images lie inside that box; its caption is on its page above the drawing; no other text
runs into an image; an image that is page furniture (the logo in the running header) lies in the top
margin, on every page but the first (the title page) when there is one.

The PDF is read with pikepdf: every content stream's operators are parsed (no text search through
binary font data), and every image XObject's /ColorSpace is looked at (an /Indexed palette's base too)."""
import json
import sys

import pikepdf

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
    if len(sys.argv) in (3, 4) and sys.argv[1] == "figures":
        sys.exit(0 if check_figures(*sys.argv[2:]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "greyscale":
        sys.exit(0 if check_greyscale(sys.argv[2]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "colour":
        sys.exit(0 if check_colour(sys.argv[2]) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
