/* test_budget.c — the budget stage: data → budget model → plain blocks.  Year columns from the document
 * year and the layout's templates; programmes split (begroting) and merged (jaarstukken); activities as a
 * labelled list or the Activiteiten | Realisatie table; financial tables computed exactly with subtotals,
 * saldi, the difference column, scales and every sign convention; and each check with one failing input
 * and its exact message: typed totals, afrondingsverschil (note, warning when strict), cross-checks,
 * missing and mixed indicator values, duplicate codes, empty sections, amounts that are not amounts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "zw_budget.h"
#include "zw_model.h"
#include "zw_style.h"
#include "zw_value.h"

typedef struct fx { zw_arena *a; zw_diags *d; zw_fonts *fonts; zw_doc *doc; zw_style *st; } fx;

/* Bind yaml, load the programmabegroting layout (then `tweak` its budget settings) and lower; true when
 * nothing failed. */
static bool run(fx *f, const char *yaml, void (*tweak)(zw_budget_style *), bool strict) {
    f->a = zw_arena_new();
    f->d = zw_diags_new();
    f->fonts = zw_fonts_new();
    zw_value *root = zw_yaml_parse(f->a, f->d, "t.yaml", yaml, strlen(yaml));
    f->doc = root ? zw_doc_bind(f->a, f->d, root) : NULL;
    if (!f->doc) return false;
    char path[4096];
    const char *dir = getenv("ZW_ROOT");
    snprintf(path, sizeof path, "%s/layouts/programmabegroting.yaml", dir ? dir : ".");
    f->st = zw_style_load(f->a, f->d, f->fonts, path, NULL, ZW_NOPOS);
    assert_non_null(f->st);
    if (tweak) tweak(&f->st->budget);
    return zw_budget_lower(f->a, f->d, f->doc, &f->st->budget, strict);
}

static void done(fx *f) {
    zw_fonts_drop(f->fonts);
    zw_diags_drop(f->d);
    zw_arena_drop(f->a);
}

static void expect(fx *f, const char *const *want, size_t n) {
    for (size_t i = 0; i < n && i < zw_diags_count(f->d); i++) assert_string_equal(zw_diags_message(f->d, i), want[i]);
    if (zw_diags_count(f->d) != n)
        for (size_t i = 0; i < zw_diags_count(f->d); i++) print_message("  %s\n", zw_diags_message(f->d, i));
    assert_int_equal(zw_diags_count(f->d), n);
}

/* The plain text of a cell. */
static const char *cell(fx *f, const zw_table *t, size_t row, size_t col) {
    const zw_cell *c = &t->rows[row].cells[col];
    return c->n ? zw_text_plain(f->a, &c->paras[0]) : "";
}

/* Row `row` of t as "a | b | c". */
static const char *row_text(fx *f, const zw_table *t, size_t row) {
    static char buf[1024];
    size_t n = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < t->rows[row].n; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " | " : "", cell(f, t, row, i));
    return buf;
}

#define DOC(year) "document: {organisation: O, title: T, year: " #year "}\nchapters:\n  - title: C\n    blocks:\n"

/* ---- year columns ----------------------------------------------------------------------------- */

static void year_columns_from_the_document_year(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, DOC(2021) "      - indicators: [[\"1\", Banen, 887, 892, \"1.000\", 900]]\n"
                                  "      - indicators: {years: [\"2019\", Nu], rows: [[\"2\", X, 1, 2]]}\n", NULL, false));
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 0), "Prestatie-indicatoren | Werkelijk 2018 | Werkelijk 2019 | Begroot 2020 | Begroot 2021");
    assert_string_equal(row_text(&f, t, 1), "1 - Banen | 887 | 892 | 1.000 | 900");
    t = &f.doc->chapters[0].blocks[1].table;
    assert_string_equal(row_text(&f, t, 0), "Prestatie-indicatoren | 2019 | Nu");
    done(&f);
    /* the jaarstukken's columns, by the data's type */
    assert_true(run(&f, "document: {organisation: O, title: T, year: 2020, type: jaarstukken}\nchapters:\n"
                        "  - title: C\n    blocks:\n      - indicators: [[\"1\", X, 1, 2, 3, 4]]\n"
                        "      - finance: {rows: [[Post, 1, 2, 3]]}\n", NULL, false));
    t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 0), "Prestatie-indicatoren | Realisatie 2018 | Realisatie 2019 | Begroot 2020 | Realisatie 2020");
    t = &f.doc->chapters[0].blocks[1].table;
    assert_string_equal(row_text(&f, t, 0), " | Begroting 2020 primitief | Begroting 2020 na wijziging | Realisatie 2020 | Verschil");
    assert_string_equal(row_text(&f, t, 1), "Post | 1 | 2 | 3 | 1");
    done(&f);
}

static void no_year_is_an_error(void **state) {
    (void)state;
    fx f;
    assert_false(run(&f, "document: {organisation: O, title: T}\nchapters:\n  - title: C\n    blocks:\n"
                         "      - indicators: [[\"1\", X, 1]]\n      - finance: {rows: [[P, 1]]}\n", NULL, false));
    const char *want[] = {
        "t.yaml:5:21: error: the year columns come from the document's year: give 'year' under 'document' (or 'years' here)",
        "t.yaml:6:18: error: the columns come from the document's year: give 'year' under 'document' (or 'columns' here)",
    };
    expect(&f, want, 2);
    done(&f);
}

/* ---- indicators ------------------------------------------------------------------------------- */

static void indicator_values_formatted_by_unit(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, DOC(2021)
        "      - indicators:\n"
        "          rows:\n"
        "            - code: \"2.1\"\n"
        "              label: Duur\n"
        "              mandatory: true\n"
        "              source: CBS\n"
        "              values:\n"
        "                - \"6,8\"\n"
        "                - 37.1[^n]\n"
        "                - 1916\n"
        "                - \"1916\"\n"
        "            - {label: Tevreden, unit: percentage, decimals: 1, values: [61.5%, 71%, \"70%\", n.v.t.]}\n"
        "            - {label: Kosten, unit: euro, values: [420438, \"1.234,5\", -12, p.m.]}\n"
        "            - group: Groep\n"
        "            - {label: Zo, values: [\"2,5%\", \"6,3%\", 5%, NB]}\n"
        "footnotes: {n: Noot.}\n", NULL, false));
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 1), "2.1 - Duur (verplicht) | 6,8 | 37,1 | 1.916 | 1916");
    assert_string_equal(cell(&f, t, 1, 2), "37,1");
    assert_int_equal(t->rows[1].cells[2].paras[0].n, 2);                /* the number, then the mark */
    assert_int_equal(t->rows[1].cells[0].n, 2);                         /* the source below the label */
    assert_string_equal(zw_text_plain(f.a, &t->rows[1].cells[0].paras[1]), "Bron: CBS");
    assert_string_equal(row_text(&f, t, 2), "Tevreden | 61,5% | 71,0% | 70% | n.v.t.");
    assert_string_equal(row_text(&f, t, 3), "Kosten | \xE2\x82\xAC\xC2\xA0" "420.438 | 1.234,5 | "
                                            "\xE2\x82\xAC\xC2\xA0\xE2\x88\x92" "12 | p.m.");
    assert_int_equal(t->rows[4].kind, ZW_ROW_GROUP);
    assert_string_equal(row_text(&f, t, 5), "Zo | 2,5% | 6,3% | 5% | NB");
    assert_int_equal(zw_diags_count(f.d), 0);
    done(&f);
}

static void indicator_checks(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, DOC(2021)
        "      - indicators:\n"
        "          rows:\n"
        "            - [\"3.3.1\", Jongeren, \"1,36%\", \"1,36\", \"2,5%\", 1%]\n"
        "            - [\"3.3.2\", Armoede, 5, ~, 5]\n"
        "            - [\"3.3.1\", Dubbel, 1, 2, 3, 4]\n", NULL, false));
    const char *want[] = {
        "t.yaml:9:15: warning: duplicate indicator code '3.3.1'",
        "t.yaml:7:15: note: the first indicator '3.3.1' is here",
        "t.yaml:7:44: warning: indicator '3.3.1' mixes formats: '1,36%' and '1,36'",
        "t.yaml:8:37: warning: indicator '3.3.2' has no value for 'Werkelijk 2019' (write NB when it is not known)",
        "t.yaml:8:15: warning: indicator '3.3.2' has no value for 'Begroot 2021' (write NB when it is not known)",
    };
    expect(&f, want, 5);
    done(&f);
    assert_false(run(&f, DOC(2021) "      - indicators: [[\"2\", Y, 6,8, 1, 2]]\n", NULL, false));
    const char *want2[] = {
        "t.yaml:5:31: error: '6' and '8' were read as two values: inside [ ] a comma separates values, so write \"6,8\" in quotes",
    };
    expect(&f, want2, 1);
    done(&f);
    assert_false(run(&f, DOC(2021) "      - indicators: [[\"1\", X, 1, 2, 3, 4, 5]]\n", NULL, false));
    const char *want3[] = {"t.yaml:5:43: error: indicator '1' has 5 values but the table has 4 year columns"};
    expect(&f, want3, 1);
    done(&f);
}

/* ---- financial tables ------------------------------------------------------------------------- */

static const char *const BUDGET = DOC(2024)
    "      - finance:\n"
    "          scale: 1000\n"
    "          columns: [Begroting 2024, Raming 2025]\n"
    "          rows:\n"
    "            - {group: Lasten, subtract: true}\n"
    "            - [Bestuur, 1.234.567, 1.300.000]\n"
    "            - [Burgerzaken, 2.345.678, 2.400.000]\n"
    "            - {subtotal: Totaal lasten, key: lasten}\n"
    "            - group: Baten\n"
    "            - [Leges, 500.000, p.m.]\n"
    "            - {subtotal: Totaal baten}\n"
    "            - {total: Saldo van baten en lasten, key: saldo}\n"
    "            - group: Reserves\n"
    "            - {label: Toevoeging, subtract: true, values: [100.000, 0]}\n"
    "            - [Onttrekking, 4.000.000, 0]\n"
    "            - {total: Resultaat}\n";

static void finance_sums_and_saldi(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, BUDGET, NULL, false));
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_int_equal(t->nheader, 1);
    assert_string_equal(row_text(&f, t, 0), "bedragen x \xE2\x82\xAC 1.000 | Begroting 2024 | Raming 2025");
    assert_string_equal(row_text(&f, t, 1), "Lasten");
    assert_string_equal(row_text(&f, t, 2), "Bestuur | 1.235 | 1.300");
    assert_string_equal(row_text(&f, t, 4), "Totaal lasten | 3.580 | 3.700");   /* 3.580.245 */
    assert_int_equal(t->rows[4].kind, ZW_ROW_TOTAL);
    assert_int_equal(t->rows[4].cells[1].paras[0].spans[0].style, ZW_BOLD);
    assert_int_equal(t->rows[4].cells[1].paras[0].n, 2);              /* 1.235 + 2.346 = 3.581: marked */
    assert_int_equal(t->rows[4].cells[2].paras[0].n, 1);              /* 1.300 + 2.400 = 3.700: not */
    assert_string_equal(row_text(&f, t, 6), "Leges | 500 | p.m.");
    assert_string_equal(row_text(&f, t, 8), "Saldo van baten en lasten | \xE2\x88\x92" "3.080 | \xE2\x88\x92" "3.700");
    assert_string_equal(row_text(&f, t, 12), "Resultaat | 820 | \xE2\x88\x92" "3.700");
    assert_string_equal(f.doc->notes[0]->key, "afrondingsverschil");
    assert_int_equal(f.doc->nnotes, 1);
    assert_int_equal(zw_diags_count(f.d), 0);
    done(&f);
}

/* A table of more rows than its row buffer first holds: the legend cell is set after the rows. */
static void long_finance_table(void **state) {
    (void)state;
    fx f;
    char doc[16384];
    size_t n = (size_t)snprintf(doc, sizeof doc, DOC(2024) "      - finance:\n          scale: 1000\n"
                                "          columns: [A]\n          rows:\n            - {group: Lasten, subtract: true}\n");
    for (int i = 0; i < 100; i++) n += (size_t)snprintf(doc + n, sizeof doc - n, "            - [Post %d, %d.000]\n", i, i);
    snprintf(doc + n, sizeof doc - n, "            - total: Saldo\n");
    assert_true(run(&f, doc, NULL, false));
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_int_equal(t->nrows, 103);
    assert_string_equal(cell(&f, t, 0, 0), "bedragen x \xE2\x82\xAC 1.000");
    assert_string_equal(row_text(&f, t, 102), "Saldo | \xE2\x88\x92" "4.950");
    done(&f);
}

static void vn(zw_budget_style *bs) { bs->negative = ZW_NEG_VN; bs->sign_legend = "V = voordelig, N = nadelig"; }
static void brackets(zw_budget_style *bs) { bs->negative = ZW_NEG_BRACKETS; }
static void trailing(zw_budget_style *bs) { bs->negative = ZW_NEG_TRAILING; bs->rounding_note = NULL; }

static void sign_conventions(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, BUDGET, vn, false));
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 8), "Saldo van baten en lasten | 3.080\xC2\xA0N | 3.700\xC2\xA0N");
    assert_string_equal(row_text(&f, t, 12), "Resultaat | 820\xC2\xA0V | 3.700\xC2\xA0N");
    assert_int_equal(t->rows[0].cells[0].n, 2);
    assert_string_equal(zw_text_plain(f.a, &t->rows[0].cells[0].paras[1]), "V = voordelig, N = nadelig");
    done(&f);
    assert_true(run(&f, BUDGET, brackets, false));
    t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 8), "Saldo van baten en lasten | (3.080) | (3.700)");
    done(&f);
    assert_true(run(&f, BUDGET, trailing, false));
    t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 8), "Saldo van baten en lasten | 3.080\xE2\x88\x92 | 3.700\xE2\x88\x92");
    assert_int_equal(f.doc->nnotes, 0);                               /* no rounding-note: none added */
    assert_int_equal(t->rows[4].cells[1].paras[0].n, 1);
    done(&f);
}

static void difference_column(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, DOC(2020)
        "      - finance:\n"
        "          scale: 1000\n"
        "          columns: [Begroot, Realisatie]\n"
        "          difference: Verschil\n"
        "          rows:\n"
        "            - {group: Lasten, subtract: true}\n"
        "            - [Zorg, 1.000.400, 1.234.567]\n"
        "            - [Jeugd, 500.000, 400.000]\n"
        "            - {subtotal: Totaal lasten}\n"
        "            - group: Baten\n"
        "            - [Rijk, 300.000, 350.000]\n"
        "            - {total: Saldo}\n", vn, false));
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 0), "bedragen x \xE2\x82\xAC 1.000 | Begroot | Realisatie | Verschil");
    assert_string_equal(row_text(&f, t, 2), "Zorg | 1.000 | 1.235 | 235\xC2\xA0N");     /* more lasten: nadelig */
    assert_string_equal(row_text(&f, t, 3), "Jeugd | 500 | 400 | 100\xC2\xA0V");
    assert_string_equal(row_text(&f, t, 4), "Totaal lasten | 1.500 | 1.635 | 135\xC2\xA0N");
    assert_string_equal(row_text(&f, t, 6), "Rijk | 300 | 350 | 50\xC2\xA0V");         /* more baten: voordelig */
    assert_string_equal(row_text(&f, t, 7), "Saldo | 1.200\xC2\xA0N | 1.285\xC2\xA0N | 85\xC2\xA0N");
    done(&f);
}

static void typed_totals(void **state) {
    (void)state;
    fx f;
    const char *doc = DOC(2024)
        "      - finance:\n"
        "          scale: 1000\n"
        "          amounts: scaled\n"
        "          columns: [A, B, C]\n"
        "          rows:\n"
        "            - [Een, 1.235, 10, 5]\n"
        "            - [Twee, 2.346, 20, 5]\n"
        "            - [Drie, 1, 30, 5]\n"
        "            - {subtotal: Totaal, values: [3.581, 63, 15]}\n";
    assert_false(run(&f, doc, NULL, false));
    const char *want[] = {
        "t.yaml:13:43: note: afrondingsverschil: 'Totaal' in 'A' is 3.581 where its 3 amount(s) add up to 3.582 "
        "(a difference of 1 that their rounding explains)",
        "t.yaml:13:50: error: 'Totaal' in 'B' is 63 but its 3 amount(s) add up to 60: a difference of 3, more than "
        "their rounding explains (at most 2)",
    };
    expect(&f, want, 2);
    done(&f);
    /* typed in euros a total must be exact; under --strict a rounding difference is a warning */
    assert_false(run(&f, DOC(2024) "      - finance: {columns: [A], rows: [[Een, 10], [Twee, 20], {total: T, values: [31]}]}\n",
                     NULL, false));
    const char *want2[] = {"t.yaml:5:83: error: 'T' in 'A' is 31 but its 2 amount(s) add up to 30"};
    expect(&f, want2, 1);
    done(&f);
    assert_true(run(&f, DOC(2024) "      - finance: {scale: 1000, amounts: scaled, columns: [A], rows: [[Een, 10], [Twee, 20], "
                                  "{total: T, values: [31]}]}\n", NULL, true));
    const char *want3[] = {"t.yaml:5:113: warning: afrondingsverschil: 'T' in 'A' is 31 where its 2 amount(s) add up to 30 "
                           "(a difference of 1 that their rounding explains)"};
    expect(&f, want3, 1);
    const zw_table *t = &f.doc->chapters[0].blocks[0].table;
    assert_string_equal(row_text(&f, t, 3), "T | 31");                /* the typed total is printed, with the note */
    assert_int_equal(t->rows[3].cells[1].paras[0].n, 2);
    done(&f);
}

static void amounts_that_are_not(void **state) {
    (void)state;
    fx f;
    assert_false(run(&f, DOC(2024) "      - finance:\n          columns: [A, B]\n          rows:\n"
                                   "            - [Een, abc, ~]\n            - [Twee, 1]\n            - [Drie, 1, 2, 3]\n",
                     NULL, false));
    const char *want[] = {
        "t.yaml:8:21: error: 'abc' is not an amount (column 'A')",
        "t.yaml:8:26: error: no amount for 'B': write 0, - or p.m.",
        "t.yaml:9:15: error: 'Twee' has 1 amount(s) but the table has 2 column(s)",
        "t.yaml:10:28: error: 'Drie' has 3 amount(s) but the table has 2 column(s)",
    };
    expect(&f, want, 4);
    done(&f);
}

static void cross_checks(void **state) {
    (void)state;
    fx f;
    const char *doc = DOC(2024)
        "      - finance: {scale: 1000, columns: [A, B], rows: [[Een, 1.234.000, 5.000], {total: Saldo, key: p1}]}\n"
        "      - finance:\n"
        "          scale: 1000\n"
        "          amounts: scaled\n"
        "          columns: [B, A, C]\n"
        "          rows:\n"
        "            - {label: Programma 1, values: [5, 1.235, 0], equals: p1}\n"
        "            - {label: Programma 2, values: [1, 1, 1], equals: p2}\n"
        "            - {label: Programma 3, values: [1, 1, 1], key: p1}\n";
    assert_false(run(&f, doc, NULL, false));
    const char *want[] = {
        "t.yaml:13:15: error: the key 'p1' is given twice",
        "t.yaml:5:81: note: the first is here",
        "t.yaml:11:67: error: 'Programma 1' in 'A' is 1.235 but the row 'p1' it equals has 1.234",
        "t.yaml:5:81: note: the row 'p1' is here",
        "t.yaml:12:63: error: no row has the key 'p2'",
    };
    expect(&f, want, 5);
    done(&f);
}

/* ---- programmes ------------------------------------------------------------------------------- */

static const char *const PROGRAMME =
    "chapters:\n"
    "  - programme:\n"
    "      title: Sociaal domein\n"
    "      blocks: [paragraph: Inleiding.]\n"
    "      goals:\n"
    "        - title: Iedereen doet mee\n"
    "          subgoals:\n"
    "            - title: Meer mensen aan het werk\n"
    "              short: Werk\n"
    "              activities: [Begeleiden, {code: \"1.1.2\", title: Jobcoaches}]\n"
    "            - {code: \"1.2\", title: Minder armoede}\n"
    "          effects: [[\"1.1\", Uitstroom, 1, 2, 3, 4]]\n"
    "          indicators: [[\"1.1.1\", Duur, 1, 2, 3, 4]]\n"
    "      cost:\n"
    "        - finance: {columns: [A, B], rows: [[Post, 1, 2]]}\n";

static void programme_begroting(void **state) {
    (void)state;
    fx f;
    char doc[4096];
    snprintf(doc, sizeof doc, "document: {organisation: O, title: T, year: 2024}\n%s", PROGRAMME);
    assert_true(run(&f, doc, NULL, false));
    const zw_section *ch = &f.doc->chapters[0];
    assert_string_equal(zw_text_plain(f.a, &ch->title), "Sociaal domein");
    assert_int_equal(ch->n, 4);                                        /* the intro and the three questions */
    assert_int_equal(ch->blocks[0].kind, ZW_BLK_PARAGRAPH);
    const zw_section *q1 = ch->blocks[1].section, *q2 = ch->blocks[2].section, *q3 = ch->blocks[3].section;
    assert_string_equal(zw_text_plain(f.a, &q1->title), "Wat willen we bereiken?");
    assert_false(q1->numbered);
    assert_int_equal(q1->level, 2);
    const zw_table *t = &q1->blocks[0].table;
    assert_string_equal(row_text(&f, t, 0), "1. Iedereen doet mee");
    assert_string_equal(row_text(&f, t, 1), "Subdoelen");
    assert_string_equal(row_text(&f, t, 2), "1.1 - Werk");                /* the short title */
    assert_string_equal(row_text(&f, &q1->blocks[1].table, 0), "Indicator maatschappelijk effect | Werkelijk 2021 | "
                        "Werkelijk 2022 | Begroot 2023 | Begroot 2024");
    assert_string_equal(zw_text_plain(f.a, &q2->title), "Wat gaan we ervoor doen?");
    const zw_section *g = q2->blocks[0].section;
    assert_string_equal(zw_text_plain(f.a, &g->title), "1. Iedereen doet mee");
    assert_int_equal(g->level, 3);
    assert_string_equal(zw_text_plain(f.a, &g->blocks[0].text), "Activiteiten");
    const zw_list *l = &g->blocks[1].list;
    assert_string_equal(l->labels[0], "Subdoel 1.1");
    assert_string_equal(l->labels[1], "Subdoel 1.2");
    assert_int_equal(l->items[0][0].text.spans[0].style, ZW_BOLD);
    assert_string_equal(zw_text_plain(f.a, &l->items[0][0].text), "Meer mensen aan het werk");
    assert_string_equal(l->items[0][1].list.labels[0], "1.1.1");         /* derived from its place */
    assert_string_equal(l->items[0][1].list.labels[1], "1.1.2");
    assert_int_equal(l->item_n[1], 1);
    assert_int_equal(g->blocks[2].kind, ZW_BLK_TABLE);
    assert_string_equal(zw_text_plain(f.a, &q3->title), "Wat mag het kosten?");
    assert_int_equal(zw_diags_count(f.d), 0);
    done(&f);
}

static void programme_jaarstukken(void **state) {
    (void)state;
    fx f;
    char doc[4096];
    snprintf(doc, sizeof doc, "document: {organisation: O, title: T, year: 2024, type: jaarstukken}\n%s", PROGRAMME);
    char *at = strstr(doc, "Begeleiden");   /* with a realisation: the table instead of the list */
    static const char real[] = "{title: Begeleiden, realisation: [Gedaan, Ook]}";
    memmove(at + strlen(real), at + strlen("Begeleiden"), strlen(at + strlen("Begeleiden")) + 1);
    memcpy(at, real, strlen(real));
    assert_true(run(&f, doc, NULL, false));
    const zw_section *ch = &f.doc->chapters[0];
    assert_int_equal(ch->n, 3);                                        /* the intro, questions 1 and 2 merged, 3 */
    const zw_section *q = ch->blocks[1].section;
    assert_string_equal(zw_text_plain(f.a, &q->title), "Wat hebben we bereikt en wat hebben we ervoor gedaan?");
    const zw_section *g = q->blocks[0].section;
    assert_string_equal(zw_text_plain(f.a, &g->title), "1. Iedereen doet mee");
    assert_string_equal(zw_text_plain(f.a, &g->blocks[0].text), "Wat wilden we bereiken?");
    assert_string_equal(row_text(&f, &g->blocks[1].table, 0), "Subdoelen");
    assert_string_equal(row_text(&f, &g->blocks[1].table, 1), "1.1 - Werk");
    assert_int_equal(g->blocks[2].kind, ZW_BLK_TABLE);                /* effect indicators */
    const zw_table *t = &g->blocks[3].table;
    assert_string_equal(row_text(&f, t, 0), "Activiteiten (Wat wilden we ervoor doen?) | Realisatie (Wat hebben we ervoor gedaan?)");
    assert_string_equal(row_text(&f, t, 1), "Subdoel 1.1 - Meer mensen aan het werk");
    assert_string_equal(row_text(&f, t, 2), "1.1.1 - Begeleiden | Gedaan");
    assert_int_equal(t->rows[2].cells[1].n, 2);
    assert_string_equal(row_text(&f, t, 3), "1.1.2 - Jobcoaches | ");
    assert_int_equal(t->nrows, 4);                                     /* subgoal 1.2 has no activities */
    assert_string_equal(zw_text_plain(f.a, &ch->blocks[2].section->title), "Wat heeft het gekost?");
    done(&f);
}

static void programme_checks(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, DOC(2024)
        "      - programme:\n"
        "          title: Leeg\n"
        "          goals:\n"
        "            - code: \"3\"\n"
        "              title: Doel\n"
        "              subgoals:\n"
        "                - {code: \"2.1\", title: Verkeerd, activities: [{code: \"2.1.1\", title: A}, {code: \"2.1.1\", title: B}]}\n"
        "                - {code: \"3.1\", title: Goed, activities: [{code: \"3.2.1\", title: C}]}\n", NULL, false));
    const char *want[] = {
        "t.yaml:11:19: warning: subgoal code '2.1' does not start with '3.' of the goal or subgoal it is under",
        "t.yaml:11:90: warning: duplicate activity code '2.1.1'",
        "t.yaml:11:63: note: the first activity '2.1.1' is here",
        "t.yaml:12:59: warning: activity code '3.2.1' does not start with '3.1.' of the goal or subgoal it is under",
        "t.yaml:6:11: warning: programme 'Leeg' says nothing under 'Wat mag het kosten?': an empty section",
    };
    expect(&f, want, 5);
    done(&f);
}

static void paragrafen(void **state) {
    (void)state;
    fx f;
    assert_true(run(&f, DOC(2024)
        "      - paragraaf: {kind: financiering, blocks: [paragraph: Rente.]}\n"
        "      - paragraaf: {kind: grondbeleid}\n"
        "      - paragraaf: {kind: financiering, title: Nog eens, blocks: [paragraph: X.]}\n", NULL, false));
    const zw_section *s = f.doc->chapters[0].blocks[0].section;
    assert_string_equal(zw_text_plain(f.a, &s->title), "Financiering");
    assert_int_equal(s->level, 2);
    const char *want[] = {
        "t.yaml:6:20: warning: paragraaf 'grondbeleid' is empty",
        "t.yaml:7:20: warning: paragraaf 'financiering' is given twice",
        "t.yaml:5:20: note: the first is here",
        "t.yaml:5:20: warning: the paragraaf 'lokale-heffingen' (Lokale heffingen) is missing: the BBV asks for all seven",
        "t.yaml:5:20: warning: the paragraaf 'weerstandsvermogen' (Weerstandsvermogen en risicobeheersing) is missing: "
        "the BBV asks for all seven",
        "t.yaml:5:20: warning: the paragraaf 'onderhoud-kapitaalgoederen' (Onderhoud kapitaalgoederen) is missing: the "
        "BBV asks for all seven",
        "t.yaml:5:20: warning: the paragraaf 'bedrijfsvoering' (Bedrijfsvoering) is missing: the BBV asks for all seven",
        "t.yaml:5:20: warning: the paragraaf 'verbonden-partijen' (Verbonden partijen) is missing: the BBV asks for all seven",
    };
    expect(&f, want, 8);
    done(&f);
}

static void layout_wording(void **state) {
    (void)state;
    fx f = {zw_arena_new(), zw_diags_new(), NULL, NULL, NULL};
    const char *y = "type: jaarstukken\nnegative: vn\nsign-legend: V/N\nrounding-note: ~\n"
                    "jaarstukken: {questions: [A, B, C], finance-columns: [\"R {t-1}\", \"R {t}\"], difference: ~}\n"
                    "begroting: {questions: [A, B], subgoal: Sub, kleur: rood}\n";
    zw_value *v = zw_yaml_parse(f.a, f.d, "l.yaml", y, strlen(y));
    zw_budget_style bs;
    zw_budget_style_defaults(&bs);
    assert_false(zw_budget_style_bind(f.d, v, &bs));
    assert_int_equal(bs.type, ZW_DOC_JAARSTUKKEN);
    assert_int_equal(bs.negative, ZW_NEG_VN);
    assert_null(bs.rounding_note);
    assert_string_equal(bs.words[ZW_DOC_JAARSTUKKEN].questions[2], "C");
    assert_int_equal(bs.words[ZW_DOC_JAARSTUKKEN].nfinance_cols, 2);
    assert_null(bs.words[ZW_DOC_JAARSTUKKEN].difference);
    const char *want[] = {
        "l.yaml:6:46: error: unknown key 'kleur' in begroting; the keys of a begroting are questions, "
        "merged-question, indicator-columns, finance-columns, difference, goal-heading, subgoals, subgoal, "
        "activities, realisation, effect-indicators and performance-indicators",
        "l.yaml:6:24: error: 'questions' takes 3 texts, not 2",
    };
    expect(&f, want, 2);
    zw_diags_drop(f.d);
    zw_arena_drop(f.a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(year_columns_from_the_document_year),
        cmocka_unit_test(no_year_is_an_error),
        cmocka_unit_test(indicator_values_formatted_by_unit),
        cmocka_unit_test(indicator_checks),
        cmocka_unit_test(finance_sums_and_saldi),
        cmocka_unit_test(long_finance_table),
        cmocka_unit_test(sign_conventions),
        cmocka_unit_test(difference_column),
        cmocka_unit_test(typed_totals),
        cmocka_unit_test(amounts_that_are_not),
        cmocka_unit_test(cross_checks),
        cmocka_unit_test(programme_begroting),
        cmocka_unit_test(programme_jaarstukken),
        cmocka_unit_test(programme_checks),
        cmocka_unit_test(paragrafen),
        cmocka_unit_test(layout_wording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
