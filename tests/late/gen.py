#!/usr/bin/python3
"""gen.py — a document of more than 3 000 pages for the late page content and note links at scale.

usage: gen.py [PAGES]  (default 3100) — writes the YAML to standard output.  Every page holds one short
paragraph with a footnote mark and ends with a page break; every tenth note is marked again on the next
page (printed again there) and every hundredth page starts a chapter."""
import sys


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 3100
    out = ["document: {organisation: Gemeente Voorbeeld, title: Lange begroting, date: 2021-11-04,",
           "           status: concept, layout: pagina-van}", "chapters:"]
    for p in range(pages):
        if p % 100 == 0:
            out.append(f"  - title: Hoofdstuk {p // 100 + 1}\n    blocks:")
        again = f" Zie ook[^n{p - 1}]." if p % 10 == 1 and p > 1 else ""
        out.append(f"      - paragraph: \"Alinea {p + 1} met een voetnoot[^n{p}].{again}\"")
        if p % 100 != 99:
            out.append("      - pagebreak: true")
    out.append("footnotes:")
    out += [f"  n{p}: Voetnoot bij alinea {p + 1}." for p in range(pages)]
    print("\n".join(out))


if __name__ == "__main__":
    main()
