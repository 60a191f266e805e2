#!/usr/bin/python3
"""gen.py — a begroting of about 300 pages whose contents runs over several pages.

usage: gen.py [CHAPTERS]  (default 45) — writes the YAML to standard output, in the layout begroting.yaml
(beside it: Programma 1, Bijlage A, pages A-1, "Pagina x van y").  Every chapter is a programme
with seven sections (some of them with a long title that wraps in the contents, some unnumbered), each a
page or so of text ending with a page break; every section refers to the next chapter ({ref}, {page},
forwards) and to the first (backwards), every chapter's table has an id that the next chapter refers to.
The last two chapters are appendices."""
import sys

WORDS = ("De gemeente werkt samen met inwoners, maatschappelijke partners en andere overheden aan een "
         "sterk sociaal domein, een veilige openbare ruimte en een gezonde financiële positie. ")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 45
    out = ["document: {organisation: Gemeente Voorbeeld, title: Begroting met inhoudsopgave, year: 2022,",
           "           layout: begroting.yaml}", "chapters:"]
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
            if s < 7:
                out.append("            - pagebreak: true")
    print("\n".join(out))


if __name__ == "__main__":
    main()
