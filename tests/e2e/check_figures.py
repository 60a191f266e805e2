#!/usr/bin/python3
"""check_figures.py — end-to-end checks of colour, images and charts.

usage: check_figures.py greyscale PDF     no colour anywhere: content streams (pages and form XObjects)
                                          use only grey operators (g G), every image is DeviceGray
       check_figures.py colour PDF        the opposite, so that the check above can fail: some RGB
                                          operator or RGB image is there

The PDF is read with pikepdf: every content stream's operators are parsed (no text search through
binary font data), and every image XObject's /ColorSpace is looked at (an /Indexed palette's base too)."""
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


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "greyscale":
        sys.exit(0 if check_greyscale(sys.argv[2]) else 1)
    if len(sys.argv) == 3 and sys.argv[1] == "colour":
        sys.exit(0 if check_colour(sys.argv[2]) else 1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)
