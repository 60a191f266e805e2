#!/usr/bin/python3
"""gen.py — make large, realistic benchmark documents from the Diemen data.

usage: gen.py OUT_DIR
Writes budget-<N>.yaml documents whose chapters repeat the Diemen Programmabegroting and Jaarstukken
programmes (narrative, goals with their subgoals and activities, indicator tables with footnotes,
Activiteiten | Realisatie tables; budget blocks that zetwerk lowers into tables and lists, worded as a
begroting) until they reach roughly N pages, and table-<R>.yaml documents with one indicator table of R
rows; budget-3000-pages is budget-3000 with the footer most municipalities print, "Pagina {page} van
{pages}" (its layout, pagina-van.yaml, is written beside it): the page count is late page content, so its
time and memory are the figures to compare with budget-3000's."""
import copy
import os
import sys

import yaml

PAGES_PER_ROUND = 7.0  # both Diemen programmes together set about this many pages


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
    with open(os.path.join(out, "pagina-van.yaml"), "w", encoding="utf-8") as f:
        f.write("# The footer most Dutch municipalities print (bench/gen.py)\nextends: programmabegroting\n"
                "footer:\n  right: \"Pagina {page} van {pages}\"\n")
    for name, doc in docs.items():
        with open(os.path.join(out, name + ".yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
