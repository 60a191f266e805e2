#!/usr/bin/python3
"""pdfua_mutants.py — copies of a tagged PDF with one PDF/UA defect each, which check_pdfua.py ua must
reject (so that its checks are seen to bite).

usage: pdfua_mutants.py PDF OUTDIR [figures]     writes OUTDIR/<defect>.pdf and prints the defects' names
                                                 (figures: the defects of figures, contents and links)"""
import os
import sys

import pikepdf


def walk(root):
    stack = list(root.get("/K", []) if isinstance(root.get("/K"), pikepdf.Array) else [root.K])
    while stack:
        e = stack.pop()
        if isinstance(e, pikepdf.Dictionary) and "/S" in e:
            yield e
            k = e.get("/K")
            stack.extend(k if isinstance(k, pikepdf.Array) else [k] if k is not None else [])


def first(pdf, s):
    return next(e for e in walk(pdf.Root.StructTreeRoot) if e.S == s)


def unmarked_text(pdf):
    """Text drawn outside any marked content."""
    page = pdf.pages[-1]
    font = next(iter(page.Resources.Font.keys()))
    page.contents_add(pdf.make_stream(f"BT {font} 10 Tf 72 72 Td (x) Tj ET".encode()), prepend=False)


def no_markinfo(pdf):
    del pdf.Root["/MarkInfo"]


def no_lang(pdf):
    del pdf.Root["/Lang"]


def no_display_title(pdf):
    del pdf.Root["/ViewerPreferences"]


def mcid_unreferenced(pdf):
    """An element that loses the MCIDs it refers to."""
    e = first(pdf, "/P")
    e.K = pikepdf.Array([k for k in e.K if not isinstance(k, int)])


def skipped_heading(pdf):
    first(pdf, "/H1").S = pikepdf.Name("/H3")


def th_without_scope(pdf):
    del first(pdf, "/TH")["/A"]


def ragged_table(pdf):
    """A cell that claims two columns."""
    first(pdf, "/TD").A = pikepdf.Dictionary(O=pikepdf.Name("/Table"), ColSpan=2)


def note_without_id(pdf):
    del first(pdf, "/Note")["/ID"]


def link_without_contents(pdf):
    for page in pdf.pages:
        for a in page.obj.get("/Annots", []):
            del a["/Contents"]
            return


def no_tabs(pdf):
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Tabs"]
            return


def figure_without_alt(pdf):
    del first(pdf, "/Figure")["/Alt"]


def figure_without_bbox(pdf):
    del first(pdf, "/Figure")["/A"]


def link_without_objr(pdf):
    """A Link element that loses its annotation."""
    e = first(pdf, "/Link")
    e.K = pikepdf.Array([k for k in e.K if not (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR")])


def toci_outside_toc(pdf):
    first(pdf, "/TOC").S = pikepdf.Name("/Div")


def toci_without_link(pdf):
    first(pdf, "/Link").S = pikepdf.Name("/Span")


def watermark_unmarked(pdf):
    """The draft mark (or any artifact) drawn as content that nothing claims: its Artifact tag renamed."""
    for page in pdf.pages:
        data = page.Contents.read_bytes() if isinstance(page.Contents, pikepdf.Stream) else None
        if data and b"/Artifact" in data:
            page.Contents = pdf.make_stream(data.replace(b"/Artifact", b"/Span", 1))
            return


MUTANTS = [unmarked_text, no_markinfo, no_lang, no_display_title, mcid_unreferenced, skipped_heading,
           th_without_scope, ragged_table, note_without_id, link_without_contents, no_tabs]
# defects of a document with figures and a contents page (tests/figures/images.yaml)
MUTANTS_FIGURES = [figure_without_alt, figure_without_bbox, link_without_objr, toci_outside_toc, toci_without_link,
                   watermark_unmarked]


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for m in MUTANTS_FIGURES if sys.argv[3:] == ["figures"] else MUTANTS:
        with pikepdf.open(src) as pdf:
            m(pdf)
            pdf.save(os.path.join(out, f"{m.__name__}.pdf"))
        print(m.__name__)


if __name__ == "__main__":
    main()
