"""check_pdfa.py — checks of a PDF/A edition that Preflight does not make (it knows PDF/A-1 only).

    check_pdfa.py PROFILE FILE.pdf             the PDF claims PROFILE (2u, 2b, 1b) and holds to it
    check_pdfa.py off FILE.pdf                 a plain PDF: no PDF/A claim (its XMP, if any, has no
                                               pdfaid), no output intent
    check_pdfa.py meta FILE.pdf KEY=VALUE...   Info /KEY is VALUE, and so is its XMP twin where it has one
                                               (Keywords: pdf:Keywords and dc:subject, Identifier:
                                               dc:identifier, AdoptionDate: dc:date); KEY= means absent
    check_pdfa.py preflight FILE.pdf [!FILE.pdf]...
                                               Apache PDFBox's Preflight (Debian libpdfbox2-java) finds
                                               each FILE a valid PDF/A-1b and each !FILE not one; one Java
                                               run for all of them (the JVM's start-up is most of the cost)

PROFILE checks: the header's version (1.7 for part 2, 1.4 for part 1); a trailer /ID of two equal
16-byte strings; no /Encrypt; the catalog's /Metadata, an unfiltered XML stream whose XMP parses and says
pdfaid:part and pdfaid:conformance; Info's Title, Author, Subject, Keywords, Creator, Producer,
CreationDate and ModDate equal to dc:title, dc:creator, dc:description, pdf:Keywords, xmp:CreatorTool,
pdf:Producer, xmp:CreateDate and xmp:ModifyDate; one output intent, GTS_PDFA1, whose DestOutputProfile
is an ICC stream of 3 components and version 2; every font used by a page or a form XObject a Type0
Identity-H font with an embedded FontFile2, a CapHeight and a ToUnicode CMap that maps every code drawn
with it (to a character other than U+0000), every code drawn mapped to a real glyph by /CIDToGIDMap (no
.notdef); for part 1 a /CIDSet with every code drawn; nothing transparent anywhere (no /Group of
/S /Transparency, no /SMask, no CA or ca below 1, no blend mode but Normal); link annotations printable
(/F 4).
"""
import datetime
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
PROFILES = {"2u": (2, "U", "1.7"), "2a": (2, "A", "1.7"), "2b": (2, "B", "1.7"), "1b": (1, "B", "1.4")}

problems = []


def fail(msg):
    problems.append(msg)


# ---- XMP --------------------------------------------------------------------------------------------

def xmp_of(pdf):
    md = pdf.Root.get("/Metadata")
    if md is None:
        return None
    if "/Filter" in md:
        fail("the XMP stream is filtered")
    if md.get("/Subtype") != "/XML" or md.get("/Type") != "/Metadata":
        fail("the metadata stream is not /Type /Metadata /Subtype /XML")
    raw = md.read_bytes()
    if b'begin="\xef\xbb\xbf"' not in raw[:80] or b"bytes=" in raw or b"encoding=" in raw[:80]:
        fail("the XMP packet header is not PDF/A's (BOM in begin=, no bytes= or encoding=)")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as e:
        fail(f"the XMP does not parse: {e}")
        return None


def xmp_values(root, prop):
    """The values of a property (simple, or the items of its Seq/Bag/Alt), over every rdf:Description."""
    out = []
    for el in root.iter("{%s}%s" % (NS[prop.split(":")[0]], prop.split(":")[1])):
        items = el.findall(".//rdf:li", NS)
        out += [i.text or "" for i in items] if items else [el.text or ""]
    return out


def info_date(s):
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'", s)
    if not m:
        fail(f"Info date {s!r} is not D:YYYYMMDDHHmmSS+hh'mm'")
        return None
    y, mo, d, h, mi, se, sign, oh, om = m.groups()
    tz = datetime.timezone((1 if sign == "+" else -1) * datetime.timedelta(hours=int(oh), minutes=int(om)))
    return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(se), tzinfo=tz)


def check_info_xmp(pdf, root):
    info = pdf.trailer.get("/Info") or {}
    twins = [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
             ("/Keywords", "pdf:Keywords"), ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]
    for key, prop in twins:
        have = [str(info[key])] if key in info else []
        if have != xmp_values(root, prop):
            fail(f"Info {key} {have} differs from XMP {prop} {xmp_values(root, prop)}")
    for key, prop in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
        x = xmp_values(root, prop)
        if key not in info:
            if x:
                fail(f"XMP {prop} without Info {key}")
            continue
        if len(x) != 1 or info_date(str(info[key])) != datetime.datetime.fromisoformat(x[0]):
            fail(f"Info {key} {str(info[key])!r} differs from XMP {prop} {x}")


# ---- fonts and what is drawn with them ------------------------------------------------------------

def tounicode(font):
    """code -> text of a ToUnicode CMap's bfchar and bfrange entries."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    out = {}
    for sec in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", sec):
            out[int(code, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for sec in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", sec):
            base = int(dst, 16)
            for c in range(int(lo, 16), int(hi, 16) + 1):
                out[c] = chr(base + c - int(lo, 16))
    return out


def codes_drawn(pdf):
    """font objgen -> (font, set of 2-byte codes), over every page and the form XObjects they draw."""
    used = {}
    seen = set()

    def walk(container, resources):
        fonts = resources.get("/Font", {}) if resources is not None else {}
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        font = None
        for operands, op in pikepdf.parse_content_stream(container):
            op = str(op)
            if op == "Tf":
                font = fonts.get(str(operands[0]))
                if font is None:
                    fail(f"Tf names {operands[0]}, which the resources do not have")
            elif op in ("Tj", "TJ", "'", '"'):
                strings = operands[0] if op == "TJ" else operands[-1:]
                if font is None:
                    fail(f"text drawn before any Tf")
                    continue
                entry = used.setdefault(font.objgen, (font, set()))
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        b = bytes(s)
                        entry[1].update(b[i] << 8 | b[i + 1] for i in range(0, len(b) - 1, 2))
            elif op == "Do":
                x = xobjects.get(str(operands[0]))
                if x is not None and x.get("/Subtype") == "/Form" and x.objgen not in seen:
                    seen.add(x.objgen)
                    walk(x, x.get("/Resources"))

    for page in pdf.pages:
        walk(page, page.obj.get("/Resources"))
    return used


def check_fonts(pdf, part):
    used = codes_drawn(pdf)
    if not used:
        fail("no text drawn")
    for font, codes in used.values():
        name = str(font.get("/BaseFont"))
        if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
            fail(f"{name}: not a Type0 Identity-H font")
            continue
        cid = font.DescendantFonts[0]
        fd = cid.get("/FontDescriptor")
        if fd is None or "/FontFile2" not in fd:
            fail(f"{name}: not embedded (no FontFile2)")
            continue
        if "/CapHeight" not in fd:
            fail(f"{name}: the descriptor has no CapHeight")
        if "/ToUnicode" not in font:
            fail(f"{name}: no ToUnicode")
            continue
        tu = tounicode(font)
        unmapped = sorted(c for c in codes if not tu.get(c) or tu[c] == "\0")
        if unmapped:
            fail(f"{name}: ToUnicode lacks {len(unmapped)} code(s) drawn: {', '.join('%04X' % c for c in unmapped[:10])}")
        gids = cid.CIDToGIDMap.read_bytes() if "/CIDToGIDMap" in cid else b""
        notdef = sorted(c for c in codes if 2 * c + 1 >= len(gids) or not (gids[2 * c] << 8 | gids[2 * c + 1]))
        if notdef:
            fail(f"{name}: code(s) drawn as .notdef: {', '.join('%04X' % c for c in notdef[:10])}")
        if part == 1:
            bits = fd.CIDSet.read_bytes() if "/CIDSet" in fd else None
            if bits is None:
                fail(f"{name}: no CIDSet (PDF/A-1)")
            elif any(c >> 3 >= len(bits) or not bits[c >> 3] & (0x80 >> (c & 7)) for c in codes):
                fail(f"{name}: the CIDSet lacks codes drawn")
    return sum(len(c) for _, c in used.values())


# ---- the rest -----------------------------------------------------------------------------------

def check_transparency(pdf):
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        g = d.get("/Group")
        if g is not None and g.get("/S") == "/Transparency":
            fail(f"object {obj.objgen}: a transparency group")
        if "/SMask" in d and d.SMask != pikepdf.Name.None_:
            fail(f"object {obj.objgen}: a soft mask")
        for k in ("/CA", "/ca"):
            if k in d and float(d[k]) < 1:
                fail(f"object {obj.objgen}: {k} {float(d[k])}")
        if "/BM" in d and str(d.BM) not in ("/Normal", "/Compatible"):
            fail(f"object {obj.objgen}: blend mode {d.BM}")


def check_links(pdf):
    n = 0
    for page in pdf.pages:
        for a in page.obj.get("/Annots", []):
            if a.get("/Subtype") == "/Link":
                n += 1
                if not int(a.get("/F", 0)) & 4:
                    fail("a link annotation is not printable (/F 4)")
                if "/Dest" in a and a.Dest.is_indirect:
                    fail("a link's /Dest is an object of its own")
    return n


def check_output_intent(pdf):
    ois = pdf.Root.get("/OutputIntents")
    if ois is None or len(ois) != 1:
        fail("not exactly one output intent")
        return
    oi = ois[0]
    if oi.get("/S") != "/GTS_PDFA1":
        fail(f"output intent /S {oi.get('/S')}, not /GTS_PDFA1")
    icc = oi.get("/DestOutputProfile")
    if icc is None:
        fail("the output intent has no DestOutputProfile")
        return
    data = icc.read_bytes()
    if int(icc.get("/N", 0)) != 3 or data[36:40] != b"acsp" or data[16:20] != b"RGB " or data[8] != 2:
        fail("DestOutputProfile is not a version-2 RGB ICC profile with /N 3")


def check_profile(path, profile):
    pdf = pikepdf.open(path)
    with open(path, "rb") as f:
        head = f.read(16)
    if profile == "off":
        root = xmp_of(pdf) if "/Metadata" in pdf.Root else None
        if "/OutputIntents" in pdf.Root or (root is not None and xmp_values(root, "pdfaid:part")):
            fail("a plain PDF (--pdfa off) with a PDF/A claim or an output intent")
    else:
        part, conf, version = PROFILES[profile]
        if not head.startswith(b"%PDF-" + version.encode()):
            fail(f"header {head[:8]!r}, want %PDF-{version}")
        root = xmp_of(pdf)
        if root is None:
            fail("no XMP metadata")
        else:
            if xmp_values(root, "pdfaid:part") != [str(part)] or xmp_values(root, "pdfaid:conformance") != [conf]:
                fail(f"pdfaid says part {xmp_values(root, 'pdfaid:part')} conformance "
                     f"{xmp_values(root, 'pdfaid:conformance')}, want {part} {conf}")
            check_info_xmp(pdf, root)
        check_output_intent(pdf)
        if conf == "A" and ("/StructTreeRoot" not in pdf.Root or not bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False))):
            fail("PDF/A level A without a structure tree (StructTreeRoot, MarkInfo /Marked true)")
        ncodes = check_fonts(pdf, part)
        check_transparency(pdf)
        nlinks = check_links(pdf)
    ids = pdf.trailer.get("/ID")
    if ids is None or len(ids) != 2 or len(bytes(ids[0])) != 16 or bytes(ids[0]) != bytes(ids[1]):
        fail("the trailer /ID is not two equal 16-byte strings")
    if "/Encrypt" in pdf.trailer:
        fail("encrypted")
    if problems:
        return False
    if profile == "off":
        print(f"{path}: a plain PDF without a PDF/A claim")
    else:
        print(f"{path}: PDF/A-{profile}: XMP and Info agree, sRGB v2 output intent, {ncodes} codes drawn "
              f"all embedded and in ToUnicode, nothing transparent, {nlinks} printable links")
    return True


def check_meta(path, pairs):
    pdf = pikepdf.open(path)
    info = pdf.trailer.get("/Info") or {}
    root = xmp_of(pdf)
    twins = {"Keywords": ["pdf:Keywords"], "Identifier": ["dc:identifier"], "Title": ["dc:title"],
             "Author": ["dc:creator"], "Subject": ["dc:description"]}
    for pair in pairs:
        key, _, want = pair.partition("=")
        have = str(info["/" + key]) if "/" + key in info else ""
        if have != want:
            fail(f"Info /{key} is {have!r}, want {want!r}")
        for prop in twins.get(key, []):
            if root is not None and xmp_values(root, prop) != ([want] if want else []):
                fail(f"XMP {prop} is {xmp_values(root, prop)}, want {want!r}")
        if key == "Keywords" and root is not None:
            kw = [k.strip() for k in want.split(",")] if want else []
            if xmp_values(root, "dc:subject") != kw:
                fail(f"XMP dc:subject is {xmp_values(root, 'dc:subject')}, want {kw}")
        if key == "AdoptionDate" and root is not None:
            dates = xmp_values(root, "dc:date")
            if (want and [info_date(want)] != [datetime.datetime.fromisoformat(d) for d in dates]) or (not want and dates):
                fail(f"XMP dc:date is {dates}, want the date of {want!r}")
    if problems:
        return False
    print(f"{path}: Info and XMP say {', '.join(pairs)}")
    return True


# ---- Preflight ------------------------------------------------------------------------------------

JARS = ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"]


def preflight(args):
    import os
    import subprocess
    import tempfile
    want = {}
    for a in args:
        path = a[1:] if a.startswith("!") else a
        want[os.path.basename(path)] = (path, not a.startswith("!"))
    if len(want) != len(args):
        print("preflight: the files need distinct names", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, "files")
        with open(listing, "w") as f:
            f.write("".join(os.path.abspath(p) + "\n" for p, _ in want.values()))
        cp = ":".join(f"/usr/share/java/{j}.jar" for j in JARS)
        run = subprocess.run(["java", "-cp", cp, "org.apache.pdfbox.preflight.Validator_A1b", "xml", "group", listing],
                             capture_output=True, text=True)
        try:
            results = ET.parse(listing + ".preflight.xml").getroot()
        except (OSError, ET.ParseError):
            print(f"preflight did not run (exit {run.returncode}): {run.stderr.strip()[:600]}", file=sys.stderr)
            return False
    seen = set()
    for r in results.iter("preflight"):
        name = os.path.basename(r.get("name"))
        seen.add(name)
        valid = (r.findtext("isValid") or "").strip() == "true"
        errors = ["%s %s" % (e.findtext("code"), e.findtext("details")) for e in r.iter("error")]
        path, expect = want.get(name, (name, True))
        if valid != expect:
            fail(f"{path}: Preflight says {'valid' if valid else 'invalid'}, want {'valid' if expect else 'invalid'}"
                 + "".join("\n    " + e for e in errors[:15]))
        else:
            print(f"{path}: {'a valid PDF/A-1b' if valid else 'not PDF/A-1b'} ({len(errors)} errors), as expected")
    for name in set(want) - seen:
        fail(f"{want[name][0]}: no result from Preflight")
    return not problems


def main():
    a = sys.argv[1:]
    if len(a) == 2 and a[0] in list(PROFILES) + ["off"]:
        ok = check_profile(a[1], a[0])
    elif len(a) >= 2 and a[0] == "meta":
        ok = check_meta(a[1], a[2:])
    elif len(a) >= 2 and a[0] == "preflight":
        ok = preflight(a[1:])
        for p in problems:
            print(p, file=sys.stderr)
        sys.exit(0 if ok else 1)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    for p in problems:
        print(f"{a[1]}: {p}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
