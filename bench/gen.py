#!/usr/bin/python3
"""gen.py — make large, realistic benchmark documents from the Diemen data.

usage: gen.py OUT_DIR
Writes budget-<N>.yaml documents whose chapters repeat the Diemen Programmabegroting and Jaarstukken
programmes (narrative, goals with their subgoals and activities, indicator tables with footnotes,
Activiteiten | Realisatie tables; budget blocks that zetwerk lowers into tables and lists, worded as a
begroting) until they reach roughly N pages, and table-<R>.yaml documents with one indicator table of R
rows, all in the layout plain.yaml (written beside them: the Programmabegroting's without a contents
page, so the figures compare with earlier ones); budget-3000-pages is budget-3000 with the footer most
municipalities print, "Pagina {page} van {pages}" (pagina-van.yaml): the page count is late page content,
so its time and memory are the figures to compare with budget-3000's; budget-3000-contents has that footer
and the Programmabegroting's contents page too (pagina-van-contents.yaml: some 2 000 entries on fifty
pages, their page numbers late content).
charts-300 is budget-300 with, every round, a chapter "In één oogopslag" holding the charts of
tests/figures/charts.yaml and the tables they read; charts-300-plain is the same without the charts:
the difference of their times, divided by the number of charts, is what a chart costs (run.py prints it
beside the time of a page of text).

begroting-300 is the document of the evenness measure (evenness.py): about 300 pages of programme chapters
whose running text is made of the Diemen data's own sentences, drawn in a fixed pseudo-random order into
new paragraphs, lists and footnotes (so that no line repeats, as they would in the repeated budgets), with
a Diemen table now and then; its layout, serif.yaml (written beside it), sets the running text in 10 pt
Liberation Serif (Times metrics) on a 160 mm measure, Dutch, justified and hyphenated, without a contents
page."""
import copy
import os
import random
import re
import sys

import yaml

PAGES_PER_ROUND = 7.0  # both Diemen programmes together set about this many pages


# The evenness bench's layout: the Programmabegroting (without a contents page) with its running text (body, lists, notes) in a
# Times-metric serif on a 160 mm measure; headings and tables stay in the house sans.
SERIF_LAYOUT = """# The layout of the evenness measure (bench/gen.py, bench/evenness.py)
extends: plain
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
                        "year": pb["document"]["year"], "layout": "plain"},
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
def chart_blocks(node):
    """The chart blocks and the tables with an id of a document, in order."""
    if isinstance(node, dict):
        if "chart" in node or ("table" in node and isinstance(node["table"], dict) and "id" in node["table"]):
            yield node
        else:
            for v in node.values():
                yield from chart_blocks(v)
    elif isinstance(node, list):
        for v in node:
            yield from chart_blocks(v)


def with_charts(doc, charts, per_round):
    """doc with a chapter of the charts (and their tables, ids made unique) after every round of
    `per_round` chapters; the number of charts added; and the same document with the chart blocks left
    out."""
    rounds = len(doc["chapters"]) // per_round
    out, plain, n = copy.deepcopy(doc), copy.deepcopy(doc), 0
    out["chapters"], plain["chapters"] = [], []
    for r in range(rounds):
        for d in (out, plain):
            d["chapters"] += copy.deepcopy(doc["chapters"][per_round * r: per_round * (r + 1)])
        blocks = []
        for b in copy.deepcopy(charts):
            if "chart" in b and "table" in b["chart"]:
                b["chart"]["table"] += f"-{r}"
            if "table" in b:
                b["table"]["id"] += f"-{r}"
            blocks.append(b)
        n += sum(1 for b in blocks if "chart" in b)
        out["chapters"].append({"title": "In één oogopslag", "blocks": blocks})
        plain["chapters"].append({"title": "In één oogopslag", "blocks": [b for b in blocks if "chart" not in b]})
    return out, plain, n


def table(rows):
    body = []
    for i in range(rows):
        if i % 25 == 0:
            body.append({"group": f"Subdoel {i // 25 + 1} - Kwalitatief goed voorzieningenaanbod"})
        body.append([f"{i + 1} - Gemiddelde doorlooptijd van het verstrekken van individuele Wmo-voorzieningen",
                     f"{(i * 37) % 1000},{i % 10}", f"{i % 90}%", str(25 + i % 7), f"{i % 13}.000"])
    return {"document": {"organisation": "Gemeente Diemen", "title": f"Tabel met {rows} rijen",
                         "layout": "plain"},
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
    with open(os.path.join(os.path.dirname(__file__), "..", "tests", "figures", "charts.yaml"), encoding="utf-8") as f:
        charts = list(chart_blocks(yaml.safe_load(f)["chapters"]))
    docs["charts-300"], docs["charts-300-plain"], n = with_charts(docs["budget-300"], charts,
                                                                  len(pb["chapters"]) + len(js["chapters"]))
    docs["charts-300"]["document"]["subject"] = n   # (read by run.py, removed below)
    with open(os.path.join(out, "charts-300.count"), "w") as f:
        f.write(str(docs["charts-300"]["document"].pop("subject")))
    contents = copy.deepcopy(pages)
    contents["document"]["layout"] = "pagina-van-contents"
    docs["budget-3000-contents"] = contents
    layouts = {"plain": "# The Programmabegroting without a contents page (bench/gen.py)\nextends: programmabegroting\n"
                        "contents: {title: ~}\n",
               "pagina-van": "# The footer most Dutch municipalities print (bench/gen.py)\nextends: plain\n"
                             "footer:\n  right: \"Pagina {page} van {pages}\"\n",
               "pagina-van-contents": "# That footer and the contents page (bench/gen.py)\nextends: programmabegroting\n"
                                      "footer:\n  right: \"Pagina {page} van {pages}\"\n",
               "serif": SERIF_LAYOUT}
    for name, text in layouts.items():
        with open(os.path.join(out, name + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    for name, doc in docs.items():
        with open(os.path.join(out, name + ".yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
