#!/usr/bin/python3
"""gen.py — a begroting of about 300 pages whose contents runs over several pages.

usage: gen.py [CHAPTERS] [--lists]  (default 45) — writes the YAML to standard output, in the layout begroting.yaml
(beside it: Programma 1, Bijlage A, pages A-1, "Pagina x van y").  Every chapter is a programme
with seven sections (some of them with a long title that wraps in the contents, some unnumbered), each a
page or so of text ending with a page break; every section refers to the next chapter ({ref}, {page},
forwards) and to the first (backwards), every chapter's table has an id that the next chapter refers to.
The last two chapters are appendices.

With --lists, in the layout lijsten.yaml (begroting.yaml with the lists of tables and figures), every
chapter has two more captioned tables (one caption long enough to wrap in the list), a table without a
caption (not listed) and a chart: a list of tables of several pages, and a list of figures."""
import sys

WORDS = ("De gemeente werkt samen met inwoners, maatschappelijke partners en andere overheden aan een "
         "sterk sociaal domein, een veilige openbare ruimte en een gezonde financiële positie. ")


def extras(c, s):
    """What --lists adds to section s of chapter c: tables with and without a caption, a chart."""
    if s == 4:
        return ["            - chart:", "                type: columns",
                f"                caption: Ontwikkeling van de lasten van programma {c}",
                "                categories: [\"2022\", \"2023\", \"2024\"]",
                f"                series: [{{name: Lasten, values: [{c}, {c + 2}, {c + 1}]}}]"]
    if s == 6:
        return ["            - table:", "                caption: \"Meerjarige ontwikkeling van de baten van programma "
                f"{c} in de jaren 2022 tot en met 2025, volgens de begroting en de meerjarenraming\"",
                "                rows: [[Baten, \"3.000\"]]",
                "            - table:", "                rows: [[Zonder bijschrift, \"4.000\"]]",
                "            - table:", f"                caption: Reserves van programma {c}",
                "                rows: [[Reserves, \"5.000\"]]"]
    return []


def main():
    args = [a for a in sys.argv[1:] if a != "--lists"]
    lists = "--lists" in sys.argv[1:]
    n = int(args[0]) if args else 45
    out = ["document: {organisation: Gemeente Voorbeeld, title: Begroting met inhoudsopgave, year: 2022,",
           f"           layout: {'lijsten' if lists else 'begroting'}.yaml}}", "chapters:"]
    for c in range(1, n + 1):
        out.append(f"  - title: {'Bestuur en ondersteuning' if c % 3 else 'Sociaal domein'}")
        out.append(f"    id: p{c}")
        if c > n - 2:
            out.append("    appendix: true")
        out.append("    blocks:")
        nxt = f"p{c + 1}" if c < n else "p1"
        for s in range(1, 8):
            title = f"Doel {c}.{s}"
            if s == 3:
                title += (" - Een lange titel van een doel die in de inhoudsopgave over meer dan een regel "
                          "doorloopt omdat hij zo lang is")
            out.append("      - section:")
            out.append(f"          title: \"{title}\"")
            if s == 5:
                out.append("          numbered: false")
            out.append(f"          id: p{c}-{s}")
            out.append("          blocks:")
            ref = (f"Zie ook {{ref {nxt}}} op pagina {{page {nxt}}}, de tabel {{ref t{nxt}}} op pagina "
                   f"{{page t{nxt}}} en {{ref p1-2}} (pagina {{page p1-2}}).")
            for k in range(5):
                out.append(f"            - paragraph: \"{WORDS * 3}{ref if k == 0 else ''}\"")
            if s == 2:
                out.append("            - table:")
                out.append(f"                id: tp{c}")
                out.append(f"                caption: Lasten van programma {c}")
                out.append("                rows: [[Lasten, \"1.000\"], [Baten, \"2.000\"]]")
            if lists:
                out.extend(extras(c, s))
            if s < 7:
                out.append("            - pagebreak: true")
    print("\n".join(out))


if __name__ == "__main__":
    main()
