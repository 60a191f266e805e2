#!/usr/bin/python3
"""gen.py — make large, realistic benchmark documents from the Diemen data.

usage: gen.py OUT_DIR
Writes budget-<N>.yaml documents whose chapters repeat the Diemen Programmabegroting and Jaarstukken
programmes (narrative, goals with their subgoals and activities, indicator tables with footnotes,
Activiteiten | Realisatie tables; budget blocks that zetwerk lowers into tables and lists, worded as a
begroting) until they reach roughly N pages, and table-<R>.yaml documents with one indicator table of R
rows; budget-3000-pages is budget-3000 with the footer most municipalities print, "Pagina {page} van
{pages}" (its layout, pagina-van.yaml, is written beside it): the page count is late page content, so its
time and memory are the figures to compare with budget-3000's.

begroting-300 is the document of the evenness measure (evenness.py): about 300 pages of programme chapters
whose running text is made of the Diemen data's own sentences, drawn in a fixed pseudo-random order into
new paragraphs, lists and footnotes (so that no line repeats, as they would in the repeated budgets), with
a Diemen table now and then; its layout, serif.yaml (written beside it), sets the running text in 10 pt
Liberation Serif (Times metrics) on a 160 mm measure, Dutch, justified and hyphenated."""
import copy
import os
import random
import re
import sys

import yaml

PAGES_PER_ROUND = 7.0  # both Diemen programmes together set about this many pages


# The evenness bench's layout: the Programmabegroting with its running text (body, lists, notes) in a
# Times-metric serif on a 160 mm measure; headings and tables stay in the house sans.
SERIF_LAYOUT = """# The layout of the evenness measure (bench/gen.py, bench/evenness.py)
extends: programmabegroting
page:
  margins: {inner: 25mm, outer: 25mm}
fonts:
  serif:
    regular: LiberationSerif-Regular.ttf
    bold: LiberationSerif-Bold.ttf
    italic: LiberationSerif-Italic.ttf
    bold-italic: LiberationSerif-BoldItalic.ttf
styles:
  body: {font: serif, size: 10pt, leading: 13pt}
  list: {font: serif, size: 10pt, leading: 13pt}
  footnote: {font: serif, size: 8pt, leading: 10pt}
"""


def load(name):
    with open(os.path.join(os.path.dirname(__file__), "..", "data", "diemen", name), encoding="utf-8") as f:
        return yaml.safe_load(f)


def budget(pages, pb, js):
    rounds = max(1, round(pages / PAGES_PER_ROUND))
    doc = {"document": {"organisation": "Gemeente Diemen", "title": f"Benchmark {pages} pagina's",
                        "year": pb["document"]["year"], "layout": "programmabegroting"},
           "chapters": [], "footnotes": {}}
    for r in range(rounds):
        for src in (pb, js):
            ch = copy.deepcopy(src["chapters"])
            text = yaml.safe_dump(ch, allow_unicode=True)
            for key in src.get("footnotes", {}):
                text = text.replace(f"[^{key}]", f"[^{key}-{r}]")
            doc["chapters"] += yaml.safe_load(text)
            for key, note in src.get("footnotes", {}).items():
                doc["footnotes"][f"{key}-{r}"] = note
    return doc


def sentences(*docs):
    """The sentences of five words or more of every longer text in the documents, without inline markup."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str) and len(node) > 50:
            text = re.sub(r"\[\^[^\]]*\]", "", node)
            text = re.sub(r"[*^]", "", text).replace("~", "\u00a0")
            for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
                if len(s.split()) >= 5 and s not in found:
                    found.append(s)
    for d in docs:
        walk(d)
    return found


def tables(*docs):
    """The tables of the documents with more than one column and no footnote marks."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            t = node.get("table")
            if isinstance(t, dict) and len(t.get("header", [[]])[0]) > 1 and "[^" not in repr(t):
                found.append(t)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    for d in docs:
        walk(d)
    return found


def begroting(pages, pb, js):
    """About `pages` pages of programme chapters (see above), the same on every run."""
    rng = random.Random(19)
    pool, tabs = sentences(pb, js), tables(pb, js)
    doc = {"document": {"organisation": "Gemeente Diemen", "title": f"Begroting {pages} pagina's",
                        "layout": "serif"}, "chapters": [], "footnotes": {}}
    headings = ["Wat willen we bereiken?", "Wat gaan we ervoor doen?", "Wat mag het kosten?", "Verbonden partijen"]
    notes = 0

    def paragraph():
        nonlocal notes
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 7)))
        if rng.random() < 0.15:
            notes += 1
            words = text.split(" ")
            at = rng.randint(3, len(words) - 1)
            words[at] += f"[^n{notes}]"
            text = " ".join(words)
            doc["footnotes"][f"n{notes}"] = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 2)))
        return {"paragraph": text}

    for ch in range(round(pages / 2.85)):   # a chapter sets about 2.85 pages
        blocks = []
        for h in headings:
            sec = [paragraph() for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.4:
                sec.append({"list": {"items": [rng.choice(pool) for _ in range(rng.randint(3, 5))]}})
                sec.append(paragraph())
            if h == "Wat mag het kosten?" and tabs:
                sec.insert(1, {"table": copy.deepcopy(rng.choice(tabs))})
            blocks.append({"section": {"title": h, "blocks": sec}})
        doc["chapters"].append({"title": f"Programma {ch + 1}", "blocks": blocks})
    return doc


def table(rows):
    body = []
    for i in range(rows):
        if i % 25 == 0:
            body.append({"group": f"Subdoel {i // 25 + 1} - Kwalitatief goed voorzieningenaanbod"})
        body.append([f"{i + 1} - Gemiddelde doorlooptijd van het verstrekken van individuele Wmo-voorzieningen",
                     f"{(i * 37) % 1000},{i % 10}", f"{i % 90}%", str(25 + i % 7), f"{i % 13}.000"])
    return {"document": {"organisation": "Gemeente Diemen", "title": f"Tabel met {rows} rijen",
                         "layout": "programmabegroting"},
            "chapters": [{"title": "Prestatie-indicatoren", "blocks": [{"table": {
                "columns": [{"width": "4fr"}] + [{"align": "decimal"} for _ in range(4)],
                "header": [["Prestatie-indicatoren", "Werkelijk 2019", "Begroot 2020", "Begroot 2021", "Bedrag"]],
                "rows": body}}]}]}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    pb, js = load("programmabegroting-2021.yaml"), load("jaarstukken-2020.yaml")
    docs = {f"budget-{n}": budget(n, pb, js) for n in (30, 300, 3000)}
    docs.update({f"table-{r}": table(r) for r in (1000, 10000)})
    pages = copy.deepcopy(docs["budget-3000"])
    pages["document"]["layout"] = "pagina-van"
    docs["budget-3000-pages"] = pages
    docs["begroting-300"] = begroting(300, pb, js)
    with open(os.path.join(out, "serif.yaml"), "w", encoding="utf-8") as f:
        f.write(SERIF_LAYOUT)
    with open(os.path.join(out, "pagina-van.yaml"), "w", encoding="utf-8") as f:
        f.write("# The footer most Dutch municipalities print (bench/gen.py)\nextends: programmabegroting\n"
                "footer:\n  right: \"Pagina {page} van {pages}\"\n")
    for name, doc in docs.items():
        with open(os.path.join(out, name + ".yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
