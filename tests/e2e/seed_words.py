#!/usr/bin/env python3
"""seed_words.py — check that a data file keeps every word of the text it was built from.

Usage:  python3 tests/e2e/seed_words.py SEED.txt DATA.yaml
  e.g.  python3 tests/e2e/seed_words.py tests/e2e/seeds/jaarstukken-2020-diemen-excerpt.txt \
                data/diemen/jaarstukken-2020.yaml
(tests/e2e/seeds/ holds verbatim copies of the extracts the Diemen data was built from.)

The example data in data/diemen/ is built word for word from text extracted from the municipality's
PDFs (the "seeds").  This script checks that nothing was lost on the way: every word of the seed must
occur in the data file at least as many times as in the seed.  It compares multisets of words, not
their order, so moving the footnote texts to `footnotes:` or a heading into a section title is fine;
dropping, misspelling or "correcting" a word is not.

A word is a maximal run of Unicode letters, digits, "_", "€" or "%" (regex [\\w€%]+), so "cliënten",
"37,1" (two words: "37" and "1"), "€" and "61,5%" ("61" and "5%") are all compared exactly,
case-sensitively.  Punctuation between words is not compared.

What is ignored in the seed (extraction marks, not text):
  * the tags <b>, </b>, <sup>, </sup>;
  * the digits of a footnote mark, <sup>1</sup>: in the data they become a named reference [^key];
  * the digit of a footnote label at the start of a note line, "- 1 In 2019 …": in the data the note
    is `key: text` under `footnotes:`, and the number is the layout's to assign;
  * "#" heading marks (not word characters anyway).
Those footnote digits are the only words the seed may lose; everything else must be there.

What counts in the data file — only the text a reader could see:
  * comments are removed (a line starting with "#", or " #…" outside quotes and block scalars);
  * mapping keys ("title:", "rows:", "{width: …}") are removed, outside quotes and block scalars,
    so a key can never stand in for a missing word;
  * footnote references [^key] are removed (the key is a name, not text); other inline markup
    (**, *, ^, ~, \\) is not made of word characters and needs no treatment;
  * everything else — values of every key, including document metadata such as the date — counts.
This is a text-level check on purpose (standard library only, no YAML parser): it does not decode
YAML escapes such as "\\u00e9" in double-quoted strings; the data files do not use them.

Exit status: 0 when every seed word is present often enough, 1 when some are missing (each is listed
with the count needed and found), 2 on a usage or read error.
"""

import re
import sys
from collections import Counter

WORD = re.compile(r"[\w€%]+")

# --- the seed --------------------------------------------------------------------------------------

SUP_MARK = re.compile(r"<sup>\s*\d+\s*</sup>")          # footnote marks: digits dropped
NOTE_LABEL = re.compile(r"^(\s*-\s+)\d+(?=\s)", re.M)    # "- 1 In 2019 …": label digit dropped
TAGS = re.compile(r"</?(?:b|sup)>")


def seed_words(text):
    text = SUP_MARK.sub(" ", text)
    text = NOTE_LABEL.sub(r"\1", text)
    text = TAGS.sub(" ", text)
    return Counter(WORD.findall(text))


# --- the data file ---------------------------------------------------------------------------------

BLOCK_INTRO = re.compile(r"[|>][+-]?[0-9]?[+-]?\s*(#.*)?$")   # a line ending in a block-scalar indicator
KEY = re.compile(r"(^|[\s{,\[-])([A-Za-z_][A-Za-z0-9_-]*)\s*:(?=\s|$)")
NOTE_REF = re.compile(r"\[\^[^\]\s]*\]")


def strip_plain(segment):
    """Remove a comment and mapping keys from a piece of a line that is outside quotes.
    Returns (text, saw_comment)."""
    m = re.search(r"(^|\s)#", segment)
    comment = False
    if m:
        segment = segment[: m.start()]
        comment = True
    segment = KEY.sub(lambda k: k.group(1), segment)
    return segment, comment


def visible_line(line):
    """The text of one YAML line outside block scalars: quoted parts kept, keys and comments dropped."""
    out = []
    i, n = 0, len(line)
    plain = []
    while i < n:
        c = line[i]
        if c in "\"'" and (i == 0 or line[i - 1] in " \t[{,:-"):
            text, comment = strip_plain("".join(plain))
            out.append(text)
            plain = []
            if comment:
                return " ".join(out)
            j = i + 1
            while j < n:
                if c == '"' and line[j] == "\\":
                    j += 2
                    continue
                if line[j] == c:
                    if c == "'" and j + 1 < n and line[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            out.append(line[i + 1 : j])
            i = j + 1
            continue
        plain.append(c)
        i += 1
    text, _ = strip_plain("".join(plain))
    out.append(text)
    return " ".join(out)


def data_words(text):
    kept = []
    block_indent = None            # indentation of the line that opened a block scalar
    for raw in text.splitlines():
        indent = len(raw) - len(raw.lstrip(" "))
        if block_indent is not None:
            if raw.strip() == "" or indent > block_indent:
                kept.append(raw)   # block-scalar content: every character is text
                continue
            block_indent = None
        if raw.lstrip().startswith("#"):
            continue
        line = visible_line(raw)
        kept.append(line)
        if BLOCK_INTRO.search(raw.rstrip()) and re.search(r"(^|[\s:-])[|>]", raw):
            block_indent = indent
    joined = NOTE_REF.sub(" ", "\n".join(kept))
    return Counter(WORD.findall(joined))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: python3 seed_words.py SEED.txt DATA.yaml\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            seed = f.read()
        with open(argv[2], encoding="utf-8") as f:
            data = f.read()
    except OSError as e:
        sys.stderr.write("seed_words: %s\n" % e)
        return 2
    want = seed_words(seed)
    have = data_words(data)
    missing = sorted((w, c, have.get(w, 0)) for w, c in want.items() if have.get(w, 0) < c)
    if missing:
        sys.stdout.write("%s: %d word(s) of %s missing or too rare:\n" % (argv[2], len(missing), argv[1]))
        for w, c, h in missing:
            sys.stdout.write("  %-30s seed %d, data %d\n" % (w, c, h))
        return 1
    sys.stdout.write("%s: all %d words (%d distinct) of %s present\n"
                     % (argv[2], sum(want.values()), len(want), argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
