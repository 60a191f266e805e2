#!/usr/bin/python3
"""check_pdfua.py — the tagged PDF: the machine-checkable conditions of PDF/UA-1 (the Matterhorn
Protocol's) that apply to zetwerk's documents, and the reading order of the structure tree.

usage: check_pdfua.py ua PDF [--xmp]                   the PDF/UA checks below (--xmp: XMP metadata required)
       check_pdfua.py order PLAIN.yaml STRUCT.txt      pdfinfo -struct-text reads the data's words in order
                                                       (PLAIN: the data as zetwerk --dump-plain writes it)
       check_pdfua.py rowheads PDF N                   row headers: each body row's first cell in a table
                                                       that has them; N of them at least

ua (Matterhorn checkpoint in brackets):
  * catalog: /MarkInfo /Marked true and no /Suspects true (01-002); /Lang (11-001);
    /ViewerPreferences /DisplayDocTitle true (07-001); a title in Info or XMP (06-003); with XMP (or
    --xmp): dc:title and pdfuaid:part 1 (06-002, 06-003).
  * content: every text-showing and painting operator — also inside a form XObject drawn with Do — is in
    marked content that is an /Artifact or has an MCID (01-005); no MCID inside an artifact or inside
    another MCID's sequence, no artifact inside real content (01-003, 01-004); BDC/EMC balanced; an MCID
    once per page.
  * structure: a StructTreeRoot; every element's type standard or role-mapped to one (02-001, 02-003);
    every element's /P its parent; every MCID of the content referenced by exactly one element, and no
    element referring to one that is not there (01-005); the ParentTree gives each page's MCIDs their
    elements and each annotation its Link (/StructParents on every page with content).
  * headings: in tree order, never a level skipped; the first is H1 (14-002, 14-003).
  * tables: every TH has /Scope (15-003); every row of a table covers the same number of columns,
    counting /ColSpan and the cells that /RowSpan brings down from rows above, and no row span runs
    past the table.
  * notes: every Note has an /ID, unique (19-003, 19-004).
  * figures: every Figure has /Alt (13-004) and /A <</O /Layout /BBox [...]>>.
  * contents: a TOCI only inside a TOC, a TOC holds only TOCI (or TOC), every TOCI a Link or Reference;
    every Link element holds an OBJR.
  * annotations: every Link annotation has /Contents, a /StructParent that leads to a Link element
    holding an OBJR of it (28-002, 28-004, 28-011); a page with annotations has /Tabs /S (28-008).
  * fonts: embedded (31-001…) with a /ToUnicode map (31-027).

order: the words of pdfinfo -struct-text (the text of the structure tree, in its order) are the data's
words in the data's order — the data as --dump-plain writes it: plain blocks, a budget's programmes,
goals, indicators and financial tables as the sections and tables zetwerk makes of them, in the order the
BBV structure prints them — the title page, then chapter by chapter titles, paragraphs, lists, tables
(caption, header, rows) with each footnote after the paragraph, list item, heading or table that first
marks it — with nothing missing; the only other words are what layout adds: heading and list numbers,
note marks and numbers (digits, letters), the words of the layout's heading numbers ("Programma {n}") and
the title page's date.  Words are compared as the words check does
(lower case, without hyphens and diacritics)."""
import collections
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pikepdf

sys.path.insert(0, os.path.dirname(__file__))
from check_tree import report  # noqa: E402

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4
H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby
RB RT RP Warichu WT WP Figure Formula Form""".split())
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh"}


def as_list(v):
    if v is None:
        return []
    return list(v) if isinstance(v, pikepdf.Array) else [v]


def key(obj):
    return obj.objgen


class Checker:
    def __init__(self, path, need_xmp):
        self.pdf = pikepdf.open(path)
        self.path = path
        self.need_xmp = need_xmp
        self.errors = []
        self.page_of = {key(p.obj): i for i, p in enumerate(self.pdf.pages)}
        self.stats = collections.Counter()

    def err(self, msg):
        self.errors.append(msg)

    # ---- catalog and metadata
    def catalog(self):
        root = self.pdf.Root
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.err("catalog: no /MarkInfo /Marked true")
        elif bool(mark.get("/Suspects", False)):
            self.err("catalog: /MarkInfo /Suspects true")
        if not str(root.get("/Lang", "")).strip():
            self.err("catalog: no /Lang")
        prefs = root.get("/ViewerPreferences")
        if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
            self.err("catalog: no /ViewerPreferences /DisplayDocTitle true")
        info_title = str(self.pdf.docinfo.get("/Title", "")) if self.pdf.trailer.get("/Info") is not None else ""
        xmp = root.get("/Metadata")
        if xmp is None:
            if self.need_xmp:
                self.err("catalog: no XMP metadata")
            if not info_title.strip():
                self.err("no document title")
            return
        self.xmp(xmp.read_bytes())

    def xmp(self, data):
        ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
              "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
        try:
            tree = ET.fromstring(data.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
        except (ET.ParseError, IndexError, UnicodeDecodeError) as e:
            self.err(f"XMP: not well-formed ({e})")
            return
        titles = [li.text for li in tree.iterfind(".//dc:title/rdf:Alt/rdf:li", ns) if (li.text or "").strip()]
        if not titles:
            self.err("XMP: no dc:title")
        parts = [e.text for e in tree.iterfind(".//pdfuaid:part", ns)]
        parts += [d.get(f"{{{ns['pdfuaid']}}}part") for d in tree.iterfind(".//rdf:Description", ns)
                  if d.get(f"{{{ns['pdfuaid']}}}part")]
        if parts != ["1"]:
            self.err(f"XMP: pdfuaid:part is {parts}, want ['1']")

    # ---- the structure tree
    def tree(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None:
            self.err("no StructTreeRoot")
            return False
        rolemap = root.get("/RoleMap", pikepdf.Dictionary())
        self.refs = collections.defaultdict(list)      # (page, mcid) -> elements
        self.objrs = {}                                 # annotation -> element
        self.order = []                                 # (type, element) in tree order
        self.elems = {}
        stack = [(k, root, None) for k in reversed(as_list(root.get("/K")))]
        while stack:
            e, parent, page = stack.pop()
            if not isinstance(e, pikepdf.Dictionary):
                self.err(f"StructTreeRoot: a kid that is not an element ({e!r})")
                continue
            s = str(e.get("/S", ""))[1:]
            t = s
            for _ in range(10):
                if t in STANDARD or f"/{t}" not in rolemap:
                    break
                t = str(rolemap[f"/{t}"])[1:]
            if t not in STANDARD:
                self.err(f"element {s!r} is neither a standard type nor role-mapped to one")
            if e.get("/P") is None or key(e.P) != key(parent):
                self.err(f"element {s}: /P is not its parent")
            self.order.append((t, e))
            self.elems[key(e)] = (t, e)
            page = e.get("/Pg", page)
            kids = []
            for k in as_list(e.get("/K")):
                if isinstance(k, int):
                    self.mcr(page, int(k), e, s)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                    self.mcr(k.get("/Pg", page), int(k.MCID), e, s)
                elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                    self.objrs[key(k.Obj)] = e
                elif isinstance(k, pikepdf.Dictionary):
                    kids.append((k, e, page))
                else:
                    self.err(f"element {s}: a kid of an unknown kind ({k!r})")
            stack.extend(reversed(kids))
        self.stats["elements"] = len(self.order)
        return True

    def mcr(self, page, mcid, e, s):
        if page is None:
            self.err(f"element {s}: MCID {mcid} without a page")
            return
        self.refs[(self.page_of.get(key(page), -1), mcid)].append(e)

    # ---- content
    def content(self):
        self.mcids = collections.Counter()   # (page, mcid) -> sequences in the content
        for i, page in enumerate(self.pdf.pages):
            res = page.obj.get("/Resources", pikepdf.Dictionary())
            stack = []
            self.stream(i, pikepdf.parse_content_stream(page), res, stack, f"page {i + 1}")
            if stack:
                self.err(f"page {i + 1}: BDC without EMC at the end of the content")

    def stream(self, page, ops, res, stack, where):
        for operands, op in ops:
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if isinstance(props, pikepdf.Name):
                    props = res.get("/Properties", {}).get(str(props))
                mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                if tag == "/Artifact":
                    if any(k == "mcid" for k, _ in stack):
                        self.err(f"{where}: an artifact inside real content")
                    stack.append(("artifact", None))
                elif mcid is not None:
                    if any(k in ("artifact", "mcid") for k, _ in stack):
                        self.err(f"{where}: MCID {mcid} inside {'an artifact' if stack[-1][0] == 'artifact' else 'another sequence'}")
                    self.mcids[(page, mcid)] += 1
                    stack.append(("mcid", mcid))
                else:
                    stack.append(("other", None))
            elif op == "EMC":
                if not stack:
                    self.err(f"{where}: EMC without BDC")
                else:
                    stack.pop()
            elif op in TEXT_OPS or op in PAINT_OPS:
                self.stats["text operators" if op in TEXT_OPS else "painting operators"] += 1
                if not any(k in ("artifact", "mcid") for k, _ in stack):
                    self.err(f"{where}: {op} outside marked content (neither artifact nor tagged)")
            elif op == "Do":
                x = res.get("/XObject", {}).get(str(operands[0]))
                if x is not None and x.get("/Subtype") == "/Form":
                    self.stats["form XObjects"] += 1
                    inner = list(stack)
                    self.stream(page, pikepdf.parse_content_stream(x), x.get("/Resources", res), inner,
                                f"{where}, {operands[0]}")
                    if len(inner) != len(stack):
                        self.err(f"{where}, {operands[0]}: BDC/EMC unbalanced in the form XObject")
                elif x is not None and not any(k in ("artifact", "mcid") for k, _ in stack):
                    self.err(f"{where}: image {operands[0]} outside marked content")

    def mcid_refs(self):
        for (page, mcid), n in self.mcids.items():
            if n > 1:
                self.err(f"page {page + 1}: MCID {mcid} marks {n} sequences")
            if len(self.refs.get((page, mcid), [])) != 1:
                self.err(f"page {page + 1}: MCID {mcid} is referenced by {len(self.refs.get((page, mcid), []))} "
                         "structure elements, want 1")
        for (page, mcid) in self.refs:
            if (page, mcid) not in self.mcids:
                self.err(f"page {page + 1}: the structure tree refers to MCID {mcid}, which is not in the content")
        self.stats["marked-content sequences"] = len(self.mcids)

    def number_tree(self, node, out, depth=0):
        if depth > 20:
            self.err("ParentTree: too deep")
            return
        nums = as_list(node.get("/Nums"))
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
        for kid in as_list(node.get("/Kids")):
            self.number_tree(kid, out, depth + 1)

    def parent_tree(self):
        pt = self.pdf.Root.StructTreeRoot.get("/ParentTree")
        if pt is None:
            self.err("no ParentTree")
            return {}
        entries = {}
        self.number_tree(pt, entries)
        for i, page in enumerate(self.pdf.pages):
            sp = page.obj.get("/StructParents")
            seq = [m for (p, m) in self.mcids if p == i]
            if sp is None:
                if seq:
                    self.err(f"page {i + 1}: content with MCIDs but no /StructParents")
                continue
            arr = entries.get(int(sp))
            if arr is None:
                self.err(f"page {i + 1}: /StructParents {int(sp)} is not in the ParentTree")
                continue
            for m in seq:
                got = arr[m] if m < len(arr) else None
                want = self.refs.get((i, m), [None])[0]
                if got is None or want is None or key(got) != key(want):
                    self.err(f"page {i + 1}: the ParentTree's element for MCID {m} is not the one that refers to it")
        return entries

    # ---- headings, tables, notes
    def headings(self):
        prev = 0
        for t, e in self.order:
            if re.fullmatch(r"H[1-6]", t):
                lv = int(t[1])
                if lv > prev + 1:
                    self.err(f"heading {t} after {'H' + str(prev) if prev else 'no heading'}: a level skipped")
                prev = lv
                self.stats["headings"] += 1

    def attrs(self, e):
        out = {}
        for a in as_list(e.get("/A")):
            if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table":
                out.update({str(k): v for k, v in a.items()})
        return out

    def kids_of(self, e, types):
        return [k for k in as_list(e.get("/K")) if isinstance(k, pikepdf.Dictionary)
                and key(k) in self.elems and self.elems[key(k)][0] in types]

    def tables(self):
        for t, e in self.order:
            if t == "TH":
                if str(self.attrs(e).get("/Scope", "")) not in ("/Row", "/Column", "/Both"):
                    self.err("a TH without /Scope")
            if t != "Table":
                continue
            self.stats["tables"] += 1
            rows = []
            for k in self.kids_of(e, {"TR", "THead", "TBody", "TFoot"}):
                rows += [k] if self.elems[key(k)][0] == "TR" else self.kids_of(k, {"TR"})
            carry, widths = [], []
            for r in rows:
                col = 0
                for c in self.kids_of(r, {"TH", "TD"}):
                    a = self.attrs(c)
                    cs, rs = int(a.get("/ColSpan", 1)), int(a.get("/RowSpan", 1))
                    while col < len(carry) and carry[col] > 0:
                        col += 1
                    while len(carry) < col + cs:
                        carry.append(0)
                    for k in range(col, col + cs):
                        carry[k] = rs
                    col += cs
                widths.append(sum(1 for c in carry if c > 0))
                carry = [c - 1 if c > 0 else 0 for c in carry]
            if len(set(widths)) > 1:
                self.err(f"table {self.stats['tables']}: rows cover different numbers of columns {sorted(set(widths))}")
            if any(carry):
                self.err(f"table {self.stats['tables']}: a row span runs past the table's last row")

    def notes(self):
        ids = collections.Counter()
        for t, e in self.order:
            if t == "Note":
                self.stats["notes"] += 1
                if e.get("/ID") is None:
                    self.err("a Note without /ID")
                else:
                    ids[bytes(e.ID)] += 1
        for i, n in ids.items():
            if n > 1:
                self.err(f"Note /ID {i!r} used {n} times")

    # ---- annotations and fonts
    def annotations(self, entries):
        for i, page in enumerate(self.pdf.pages):
            annots = as_list(page.obj.get("/Annots"))
            if annots and page.obj.get("/Tabs") != "/S":
                self.err(f"page {i + 1}: annotations but no /Tabs /S")
            for a in annots:
                if a.get("/Subtype") != "/Link":
                    continue
                self.stats["link annotations"] += 1
                if not str(a.get("/Contents", "")).strip():
                    self.err(f"page {i + 1}: a link annotation without /Contents")
                sp = a.get("/StructParent")
                link = entries.get(int(sp)) if sp is not None else None
                if link is None or key(link) not in self.elems or self.elems[key(link)][0] != "Link":
                    self.err(f"page {i + 1}: a link annotation whose /StructParent leads to no Link element")
                elif key(self.objrs.get(key(a), pikepdf.Dictionary())) != key(link):
                    self.err(f"page {i + 1}: a link annotation that its Link element has no OBJR of")

    def figures(self):
        """Every Figure has a text alternative (13-004) and the box it stands in (/BBox, as PDF/UA's
        layout attributes ask of an illustration)."""
        for t, e in self.order:
            if t != "Figure":
                continue
            self.stats["figures"] += 1
            if not str(e.get("/Alt", "")).strip():
                self.err("a Figure without /Alt")
            boxes = [a.get("/BBox") for a in as_list(e.get("/A"))
                     if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Layout"]
            if not boxes or boxes[0] is None or len(boxes[0]) != 4:
                self.err(f"a Figure ({str(e.get('/Alt', ''))[:40]!r}) without /A <</O /Layout /BBox [...]>>")

    def toc(self):
        """The contents: a TOCI only in a TOC, a TOC holding only entries (TOCI, or a TOC nested), each entry
        with a Link or a Reference to its heading."""
        for t, e in self.order:
            if t == "TOCI":
                self.stats["contents entries"] += 1
                if self.elems.get(key(e.P), ("",))[0] != "TOC":
                    self.err("a TOCI outside a TOC")
                if not self.kids_of(e, {"Link", "Reference"}):
                    self.err(f"a TOCI without a Link or Reference ({self.text_of(e)[:40]!r})")
            elif t == "TOC":
                for k in as_list(e.get("/K")):
                    if not (isinstance(k, pikepdf.Dictionary) and self.elems.get(key(k), ("",))[0] in ("TOCI", "TOC")):
                        self.err("a TOC with a kid that is not an entry (TOCI) or a TOC")
            elif t == "Link" and not any(k.get("/Type") == "/OBJR" for k in as_list(e.get("/K"))
                                          if isinstance(k, pikepdf.Dictionary)):
                self.err("a Link element without the OBJR of its annotation")

    def text_of(self, e):
        return str(e.get("/Alt", e.get("/ActualText", "")))

    def fonts(self):
        seen = set()
        def check(font):
            if key(font) in seen:
                return
            seen.add(key(font))
            self.stats["fonts"] += 1
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                desc = font.DescendantFonts[0].get("/FontDescriptor")
            if desc is None or not any(f in desc for f in ("/FontFile", "/FontFile2", "/FontFile3")):
                self.err(f"font {font.get('/BaseFont')}: not embedded")
            if "/ToUnicode" not in font:
                self.err(f"font {font.get('/BaseFont')}: no /ToUnicode")
        def walk(res, depth=0):
            fonts, xobjects = res.get("/Font", pikepdf.Dictionary()), res.get("/XObject", pikepdf.Dictionary())
            for k in fonts.keys():
                check(fonts[k])
            for k in xobjects.keys():
                x = xobjects[k]
                if x.get("/Subtype") == "/Form" and "/Resources" in x and depth < 5:
                    walk(x.Resources, depth + 1)
        for page in self.pdf.pages:
            walk(page.obj.get("/Resources", pikepdf.Dictionary()))

    def run(self):
        self.catalog()
        if self.tree():
            self.content()
            self.mcid_refs()
            entries = self.parent_tree()
            self.headings()
            self.tables()
            self.notes()
            self.annotations(entries)
            self.figures()
            self.toc()
        self.fonts()
        summary = ", ".join(f"{n} {k}" for k, n in sorted(self.stats.items()))
        return report(self.path, self.errors, f"PDF/UA: {summary}")


# ---- reading order -----------------------------------------------------------------------------------

def words(text):
    text = text.replace("\u00ad", "").replace("-", "").replace("\u2011", "")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return [w.lower() for w in re.findall(r"\w+", text)]


def strip_markup(s):
    s = re.sub(r"\[\^[^\]\s]+\]", " ", s)
    s = re.sub(r"\{(nohyphen|lang [A-Za-z0-9-]+) ", " ", s)
    s = re.sub(r"\\(.)", r"\1", s)
    return s.replace("**", "").replace("*", "").replace("^", "").replace("~", " ")


def data_order(data):
    """The data's texts in reading order, each footnote after the text (a table: the whole table) that
    first marks it."""
    notes = data.get("footnotes") or {}
    out, done = [], set()

    def note_text(k):
        n = notes.get(k)
        return n.get("text", "") if isinstance(n, dict) else n

    def text(s, pending):
        if s is None or isinstance(s, bool):
            return
        s = str(s)
        out.append(strip_markup(s))
        for k in re.findall(r"\[\^([^\]\s]+)\]", s):
            if k not in done and k not in pending:
                pending.append(k)

    def flush(pending):
        for k in pending:
            done.add(k)
            t = note_text(k)
            if t is not None:
                out.append(strip_markup(t))
        pending.clear()

    def cell(c, pending):
        if isinstance(c, dict):
            c = c.get("text")
        for t in (c if isinstance(c, list) else [c]):
            text(t, pending)

    def table(t):
        pending = []
        text(t.get("caption"), pending)
        for row in (t.get("header") or []) + (t.get("rows") or []):
            if isinstance(row, dict):
                if "group" in row:
                    text(row["group"], pending)
                for c in row.get("total") or []:
                    cell(c, pending)
            else:
                for c in row:
                    cell(c, pending)
        flush(pending)

    def blocks(bs):
        for b in bs or []:
            (kind, v), = b.items()
            pending = []
            if kind in ("heading", "paragraph"):
                text(v.get("text") if isinstance(v, dict) else v, pending)
                flush(pending)
            elif kind == "list":
                for item in (v.get("items") if isinstance(v, dict) else v) or []:
                    if isinstance(item, dict):   # a labelled item: its label, then its text or blocks
                        out.append(str(item.get("label", "")))
                        item = item.get("blocks", item.get("text"))
                    if isinstance(item, list):   # an item of blocks
                        blocks(item)
                    else:
                        text(item, pending)
                        flush(pending)
            elif kind == "table":
                table(v)
            elif kind == "section":
                section(v)

    def section(s):
        pending = []
        text(s.get("title"), pending)
        flush(pending)
        blocks(s.get("blocks"))

    doc = data.get("document") or {}
    for k in ("organisation", "title", "subtitle", "status"):
        if doc.get(k):
            out.append(str(doc[k]))
    for ch in data.get("chapters") or []:
        section(ch)
    return out


MONTHS = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"}


def layout_words(data_path, data):
    """The words of the layout's heading numbers ("Programma {n}", "Bijlage {A}"): the data's layout and
    the layouts it extends, found beside the file that names them or in layouts/."""
    import yaml
    out, name, here, seen = set(), (data.get("document") or {}).get("layout"), os.path.dirname(data_path), set()
    while name and name not in seen:
        seen.add(name)
        path = next((p for p in (os.path.join(here, name), os.path.join(here, name + ".yaml"),
                                 os.path.join("layouts", name + ".yaml"), os.path.join("layouts", name))
                     if os.path.isfile(p)), None)
        if path is None:
            break
        with open(path, encoding="utf-8") as f:
            lay = yaml.safe_load(f) or {}
        for k, v in lay.items():
            if k.endswith("-number") and isinstance(v, str):
                out |= set(words(re.sub(r"\{[^}]*\}", " ", v)))
        name, here = lay.get("extends"), os.path.dirname(path)
    return out


def generated(w, extra):
    """What layout adds to the data's words: numbers (headings, list items, note marks and numbers, the
    date), letters (appendices, notes under a table), month names (the title page's date) and the words
    of the layout's heading numbers."""
    return w.isdigit() or len(w) == 1 or w in MONTHS or w in extra


def struct_texts(lines):
    """The texts of pdfinfo -struct-text in order, without what layout makes of the data: the contents (a
    TOC and the heading just before it, the layout's title of the contents) and what a Figure holds (a
    chart's labels: the numbers of its table, which the table itself reads)."""
    nodes = []   # [indent, name, texts]
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        m = re.match(r'^\s*"(.*)"\s*$', line)
        if m:
            if nodes:
                nodes[-1][2].append((indent, m.group(1)))
        elif re.match(r"^\s*[A-Za-z][A-Za-z0-9]*:?( \(\w+\))?\s*$", line):
            nodes.append([indent, line.strip().split(":")[0].split(" ")[0], []])
    out, skip = [], None
    for i, (indent, name, texts) in enumerate(nodes):
        if skip is not None and indent > skip:
            continue
        skip = None
        if name in ("TOC", "Figure"):
            skip = indent
            if name == "TOC":   # the contents' heading: the last heading before it, and nothing read since
                k = len(nodes[:i]) - 1
                while k >= 0 and not nodes[k][2]:
                    k -= 1
                if k >= 0 and re.fullmatch(r"H[1-6]?", nodes[k][1]) and out and out[-len(nodes[k][2]):] == \
                        [t for _, t in nodes[k][2]]:
                    del out[-len(nodes[k][2]):]
            continue
        out.extend(t for _, t in texts)
    return out


def check_order(data_path, struct_path):
    import yaml
    with open(data_path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    extra = layout_words(data_path, data)
    want = [w for t in data_order(data) for w in words(t)]
    with open(struct_path, encoding="utf-8") as f:
        texts = struct_texts(f)
    have = [w for t in texts for w in words(t)]
    j, errors = 0, []
    for i, w in enumerate(have):
        if j < len(want) and w == want[j]:
            j += 1
        elif not generated(w, extra):
            errors.append(f"word {i} of the structure text, {w!r} ({' '.join(have[max(0, i - 6):i + 3])}), "
                          f"where the data has {want[j] if j < len(want) else 'nothing more'!r} "
                          f"({' '.join(want[max(0, j - 6):j + 3])})")
            break
    if not errors and j < len(want):
        errors.append(f"the structure text ends before the data's word {j} of {len(want)}: "
                      f"{' '.join(want[j:j + 8])!r}")
    return report(struct_path, errors, f"order: the structure tree reads all {len(want)} words of the data "
                  f"in order ({len(have) - len(want)} words added by layout)")


def check_rowheads(pdf_path, least):
    """In a table with row headers (TH /Scope /Row), every body row that is not a group row (one cell across
    the table) starts with one, and no other cell is one; the document has at least `least` of them."""
    c = Checker(pdf_path, False)
    if not c.tree():
        return report(pdf_path, c.errors, "")
    errors, n = [], 0
    def scope(e):
        return str(c.attrs(e).get("/Scope", "")) if c.elems[key(e)][0] == "TH" else ""
    for t, e in c.order:
        if t != "Table":
            continue
        rows = [r for g in c.kids_of(e, {"TBody"}) for r in c.kids_of(g, {"TR"})]
        cells = [c.kids_of(r, {"TH", "TD"}) for r in rows]
        heads = [[scope(x) == "/Row" for x in row] for row in cells]
        if not any(any(h) for h in heads):
            continue
        wide = max(len(row) for row in cells)
        for i, h in enumerate(heads):
            if len(h) > 1 or wide == 1:
                if not h[0] or any(h[1:]):
                    errors.append(f"table {c.stats['tables'] + 1}, body row {i + 1}: row headers {h}")
                n += h[0]
        c.stats["tables"] += 1
    if n < least:
        errors.append(f"{n} row headers, want at least {least}")
    return report(pdf_path, errors, f"rowheads: {n} rows headed by their first cell, in {c.stats['tables']} tables")


def main():
    a = sys.argv
    if len(a) in (3, 4) and a[1] == "ua" and (len(a) == 3 or a[3] == "--xmp"):
        return Checker(a[2], len(a) == 4).run()
    if len(a) == 4 and a[1] == "order":
        return check_order(a[2], a[3])
    if len(a) == 4 and a[1] == "rowheads":
        return check_rowheads(a[2], int(a[3]))
    print(__doc__, file=sys.stderr)
    return False


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
