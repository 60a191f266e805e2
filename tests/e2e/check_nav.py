#!/usr/bin/python3
"""check_nav.py — end-to-end checks of how a reader finds their way: contents, bookmarks, references, links.

usage: check_nav.py CHECK[,CHECK…] DUMP.json PDF [MIN-PAGES]   with CHECK one of
       contents   the contents' page numbers are right, and lead to their headings
       lists      the lists of tables and of figures: every caption once, its page number right, a link there
       outline    every bookmark leads to its heading's page
       refs       cross-references print and lead to their targets
       links      links to addresses print as text and lead there

The PDF is read with qpdf --json (page labels, bookmarks, annotations) and pdftotext (each page's text);
the layout dump says what layout meant.

contents: every entry of the contents (a TOCI element) prints, as its page number, the label of the page
its heading (its ref) stands on, and that page's text (pdftotext) holds the heading; the contents page's
text holds the number; every entry has a link annotation in the PDF to its heading's page; with
MIN-PAGES, the contents runs over at least that many pages.

lists: the document has one list of tables and one of figures (none without such captions; TOC elements whose entries refer to
captions, Caption elements of tables, of figures); each lists every caption of its kind once, in reading
order; each entry prints its caption and, as its page number, the label of the page the caption stands on,
where pdftotext finds it; the list's page prints the number; the entry is a link to that page; a list's
pages follow each other; with MIN-PAGES, the list of tables runs over at least that many pages.

outline: every bookmark of the PDF leads to the page where pdftotext finds its title, and the dump's
heading elements are all bookmarked.

refs: every cross-reference (a Link element that refers to an element) prints the label of its target's
page (a {page} reference: its late text, or its text when the page was known), or the number its
target's heading prints ("hoofdstuk 2" for "2 Sociaal domein"), or the words of the target (an unnumbered
section's title, a table's caption), or a text of its own ([tekst](#id)); its link annotation leads to
the target's page.

links: every link to an address (a Link element with a URI) is a /URI link annotation without a border,
printable (/F 4), over text of its own; the PDF has no other /URI links."""
import json
import os
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from check_output import load_dump  # noqa: E402
from check_print import labels_of  # noqa: E402
from check_tree import report  # noqa: E402


def squash(s):
    """Letters and digits only, without diacritics and case: text as pdftotext gives it, hyphens and all."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isalnum()).lower()


def page_texts(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")


class Pdf:
    """Pages, bookmarks and link annotations of a PDF, as qpdf --json reads them."""

    def __init__(self, path):
        js = json.loads(subprocess.run(["qpdf", "--json", "--json-key=pages", "--json-key=pagelabels", "--json-key=qpdf", path],
                                       capture_output=True, text=True, check=True).stdout)
        self.objects = js["qpdf"][1]
        self.labels = labels_of(js)
        self.pages = js["pages"]
        self.index = {p["object"]: i for i, p in enumerate(self.pages)}
        self.outline = [(o["title"], self.index.get(o["dest"][0]) if o.get("dest") else None)
                        for i, p in enumerate(self.pages) for o in p["outlines"]]
        self.links = []   # (page index, rect, dest page index or None, uri or None, border, flags)
        self.by_page = {}
        for i, p in enumerate(self.pages):
            for ref in self.obj(p["object"]).get("/Annots", []):
                a = self.obj(ref) if isinstance(ref, str) else ref
                if a.get("/Subtype") != "/Link":
                    continue
                dest = a.get("/Dest")
                if isinstance(dest, str):
                    dest = self.obj(dest)
                uri = a.get("/A", {}).get("/URI")
                uri = re.sub(r"^u:", "", uri) if uri else None
                self.links.append((i, a.get("/Rect"), self.index.get(dest[0]) if dest else None, uri,
                                   a.get("/Border"), a.get("/F")))
                self.by_page.setdefault(i, []).append(self.links[-1])

    def obj(self, ref):
        return self.objects.get("obj:" + ref, {}).get("value", {})

    def links_over(self, page, box):
        """Link annotations on page (0-based) whose rectangle holds the middle of box (dump coordinates)."""
        h = self.page_height(page)
        x, y, w, bh = box
        mx, my = x + w / 2, h - (y + bh / 2)
        return [ln for ln in self.by_page.get(page, []) if ln[1][0] - 0.5 <= mx <= ln[1][2] + 0.5
                and ln[1][1] - 0.5 <= my <= ln[1][3] + 0.5]

    def page_height(self, page):
        box = self.obj(self.pages[page]["object"]).get("/MediaBox", [0, 0, 595.28, 841.89])
        return box[3] - box[1]


def load(path):
    """The dump, with its runs by element ("by_elem": content runs, "late_of": late runs, each as (page,
    run)) and the elements' children ("children")."""
    with open(path, encoding="utf-8") as f:
        dump = load_dump(f)
    dump["by_elem"], dump["late_of"], dump["children"] = {}, {}, {}
    for p in dump["pages"]:
        for r in p["runs"]:
            if r["role"] != "Artifact":
                dump["by_elem"].setdefault(r["elem"], []).append((p["page"], r))
    for k in dump["late"]:
        for r in k["runs"]:
            dump["late_of"].setdefault(r["elem"], []).append((k["page"], r))
    for e in dump["elements"]:
        dump["children"].setdefault(e["parent"], []).append(e)
    return dump


def late_runs(dump, elem):
    """The runs of late page content that belong to element elem, on their page."""
    return dump["late_of"].get(elem, [])


def elem_runs(dump, elem):
    return dump["by_elem"].get(elem, [])


def joined(runs):
    """The text of runs as words: a word hyphenated at a line's end whole again."""
    out = ""
    for _, r in runs:
        out = out[:-1] + r["text"] if out.endswith("-") else out + " " + r["text"] if out else r["text"]
    return out


def elem_text(dump, elem):
    """The text of element elem (a heading, a caption) and the page it starts on."""
    runs = elem_runs(dump, elem)
    return " ".join(r["text"] for _, r in runs), (runs[0][0] if runs else None)


def tocs(dump):
    """Each TOC element's entries (TOCI) by what they list: "contents" (headings), "tables" or "figures"
    (captions of tables, of figures), the kind of its first entry's target."""
    els, out = dump["elements"], {"contents": [], "tables": [], "figures": []}
    for toc in (e for e in els if e["role"] == "TOC"):
        entries = [c for c in dump["children"].get(toc["id"], []) if c["role"] == "TOCI"]
        first = els[entries[0].get("ref", -1)] if entries and 0 <= entries[0].get("ref", -1) < len(els) else None
        kind = "contents"
        if first and first["role"] == "Caption":
            kind = "tables" if els[first["parent"]]["role"] == "Table" else "figures"
        out[kind].append(entries)
    return out


def check_entries(dump, pdf, texts, entries, leads_to, errors):
    """Every entry prints the label of its target's page, pdftotext finds the target there, the entry's
    page prints the number, and its link leads there; leads_to(target) says whether the target is of the
    right kind.  The pages the entries are on."""
    els, pages, on = dump["elements"], dump["pages"], set()
    for e in entries:
        target = e.get("ref", -1)
        if not 0 <= target < len(els) or not leads_to(els[target]):
            errors.append(f"entry {e['id']}: leads to {target}, {els[target]['role'] if 0 <= target < len(els) else ''}")
            continue
        title, hpage = elem_text(dump, target)
        label = pages[hpage - 1]["label"] if hpage else None
        late = late_runs(dump, e["id"])
        printed = "".join(r["text"] for _, r in late)
        toc_page = late[0][0] if late else e["page"]
        on.add(toc_page)
        if printed != label:
            errors.append(f"entry {e['id']} ({title!r}): prints page {printed!r}, its target is on {label!r}")
        if hpage and squash(title) not in squash(texts[hpage - 1]):
            errors.append(f"entry {e['id']}: pdftotext finds no {title!r} on page {hpage} ({label})")
        if label and not re.search(r"(^|\s)" + re.escape(label) + r"(\s|$)", texts[toc_page - 1]):
            errors.append(f"entry {e['id']}: page {toc_page} does not print {label!r}")
        if squash(title) not in squash(" ".join(r["text"] for _, r in elem_runs(dump, e["id"]))):
            errors.append(f"entry {e['id']}: does not print {title!r}")
        boxes = [(pg, r) for pg, r in elem_runs(dump, e["id"])]
        if boxes:
            pg, r = boxes[-1]
            over = pdf.links_over(pg - 1, (r["x"], r["y"] - r["asc"], r["w"], r["asc"] + r["desc"]))
            if not over or any(ln[2] != hpage - 1 for ln in over):
                errors.append(f"entry {e['id']} ({title!r}): its link leads to page(s) "
                              f"{[ln[2] + 1 if ln[2] is not None else None for ln in over]}, not {hpage}")
    if pdf.labels != [p["label"] for p in pages]:
        errors.append("the PDF's page labels differ from the printed numbers")
    return on


def check_contents(dump_path, dump, pdf, texts, min_pages):
    errors = []
    entries = [e for toc in tocs(dump)["contents"] for e in toc]
    toc_pages = check_entries(dump, pdf, texts, entries, lambda t: t["role"].startswith("H"), errors)
    if not entries:
        errors.append("no contents")
    if min_pages and len(toc_pages) < min_pages:
        errors.append(f"the contents takes {len(toc_pages)} page(s), want at least {min_pages}")
    return report(dump_path, errors, f"contents: {len(entries)} entries on {len(toc_pages)} page(s), each with the "
                                     "page of its heading, and a link there")


def check_lists(dump_path, dump, pdf, texts, min_pages):
    els, errors, said = dump["elements"], [], []
    for kind, role in (("tables", "Table"), ("figures", "Figure")):
        lists = tocs(dump)[kind]
        entries = [e for toc in lists for e in toc]
        on = check_entries(dump, pdf, texts, entries,
                           lambda t, role=role: t["role"] == "Caption" and els[t["parent"]]["role"] == role, errors)
        captions = [e["id"] for e in els if e["role"] == "Caption" and els[e["parent"]]["role"] == role]
        if len(lists) != (1 if captions else 0):   # (a document without captions has no list)
            errors.append(f"{len(lists)} lists of {kind} for {len(captions)} caption(s)")
        elif [e.get("ref") for e in entries] != captions:
            errors.append(f"the list of {kind} lists captions {[e.get('ref') for e in entries]}, "
                          f"the document has {captions}")
        if min_pages and kind == "tables" and len(on) < min_pages:
            errors.append(f"the list of tables takes {len(on)} page(s), want at least {min_pages}")
        pages = sorted(on)
        if pages and pages != list(range(pages[0], pages[0] + len(pages))):
            errors.append(f"the list of {kind} is on pages {pages}")
        said.append(f"{len(entries)} {kind} on {len(on)} page(s)")
    return report(dump_path, errors, "lists: " + ", ".join(said) + ", every caption once in reading order, each "
                  "entry with the page of its caption, and a link there")


def check_outline(dump_path, dump, pdf, texts, min_pages):
    errors = []
    for title, page in pdf.outline:
        if page is None:
            errors.append(f"bookmark {title!r}: no destination page")
        elif squash(title) not in squash(texts[page]):
            errors.append(f"bookmark {title!r} leads to page {page + 1}, where pdftotext does not find it")
    headings = [e for e in dump["elements"] if e["role"] in ("H1", "H2", "H3", "H4", "H5", "H6") and e["page"] >= 1]
    if len(headings) != len(pdf.outline):
        errors.append(f"{len(pdf.outline)} bookmarks for {len(headings)} headings")
    return report(dump_path, errors, f"outline: {len(pdf.outline)} bookmarks, each on its heading's page")


def check_refs(dump_path, dump, pdf, texts, min_pages):
    els, pages = dump["elements"], dump["pages"]
    errors, kinds = [], {"page": 0, "number": 0, "words": 0, "text": 0}
    for e in els:
        if e["role"] != "Link" or e.get("ref", -1) < 0:
            continue
        t = els[e["ref"]]
        label = pages[t["page"] - 1]["label"]
        late = late_runs(dump, e["id"])
        runs = elem_runs(dump, e["id"])
        printed = "".join(r["text"] for _, r in late) if late else joined(runs)
        where = late[0][0] if late else runs[0][0] if runs else e["page"]
        target_text, _ = elem_text(dump, t["id"]) if t["role"].startswith("H") else ("", None)
        caption = [elem_text(dump, c["id"])[0] for c in dump["children"].get(t["id"], []) if c["role"] == "Caption"]
        m = re.match(r"^(hoofdstuk|paragraaf)\s(\S+)$", printed.replace("\u00a0", " "))
        if late or printed == label and not m:
            kinds["page"] += 1
            if printed != label:
                errors.append(f"link {e['id']} on page {where}: prints {printed!r}, its target is on {label!r}")
            elif not re.search(r"(^|\W)" + re.escape(label) + r"(\W|$)", texts[where - 1]):
                errors.append(f"link {e['id']}: pdftotext does not find {label!r} on page {where}")
        elif m:
            kinds["number"] += 1
            if not target_text.startswith(m.group(2) + " "):
                errors.append(f"link {e['id']}: prints {printed!r}, its target's heading is {target_text!r}")
        elif squash(printed) in squash(target_text + " ".join(caption)):
            kinds["words"] += 1   # {ref} of an unnumbered section (its title) or a table (its caption)
        else:
            kinds["text"] += 1    # [tekst](#id): the text is the writer's
        for pg, r in (runs[-1:] if runs else []):
            over = pdf.links_over(pg - 1, (r["x"], r["y"] - r["asc"], r["w"], r["asc"] + r["desc"]))
            if not over or any(ln[2] != t["page"] - 1 for ln in over):
                errors.append(f"link {e['id']} ({printed!r}): its annotation leads to "
                              f"{[ln[2] + 1 if ln[2] is not None else None for ln in over]}, not page {t['page']}")
    if not sum(kinds.values()):
        errors.append("no cross-references")
    return report(dump_path, errors, f"refs: {kinds['page']} page numbers, {kinds['number']} section numbers, "
                                     f"{kinds['words']} titles or captions, {kinds['text']} texts of their own, "
                                     "each right and linked")


def check_links(dump_path, dump, pdf, texts, min_pages):
    errors, n = [], 0
    for p in dump["pages"]:
        for link in p["links"]:
            if "uri" not in link:
                continue
            n += 1
            runs = [r for r in p["runs"] if r["elem"] == link["elem"] and r["role"] == "Link"]
            if not runs:
                errors.append(f"page {p['page']}: a link to {link['uri']} over no text of its own")
            over = [ln for ln in pdf.links_over(p["page"] - 1, (link["x"], link["y"], link["w"], link["h"]))
                    if ln[3] == link["uri"]]
            if len(over) != 1:
                errors.append(f"page {p['page']}: {len(over)} /URI annotations to {link['uri']} over its text")
            elif over[0][4] != [0, 0, 0] or over[0][5] != 4:
                errors.append(f"page {p['page']}: the link to {link['uri']} has border {over[0][4]}, flags {over[0][5]}")
    uris = [ln for ln in pdf.links if ln[3]]
    if len(uris) != n:
        errors.append(f"the PDF has {len(uris)} /URI links, the dump {n}")
    if n == 0:
        errors.append("no links to addresses")
    return report(dump_path, errors, f"links: {n} links to addresses, printed as text, borderless")


CHECKS = {"contents": check_contents, "lists": check_lists, "outline": check_outline, "refs": check_refs, "links": check_links}


def main():
    a = sys.argv
    checks = a[1].split(",") if len(a) > 1 else []
    if len(a) not in (4, 5) or not checks or any(c not in CHECKS for c in checks):
        print(__doc__, file=sys.stderr)
        return False
    dump, pdf, texts = load(a[2]), Pdf(a[3]), page_texts(a[3])   # read once for every check
    ok = True
    for c in checks:
        ok &= CHECKS[c](a[2], dump, pdf, texts, int(a[4]) if len(a) == 5 else 0)
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
