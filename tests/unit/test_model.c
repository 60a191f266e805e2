/* test_model.c — the data binder and inline markup: model shape and exact diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "zw_model.h"

typedef struct fx { zw_arena *a; zw_diags *d; } fx;

static zw_doc *bind(fx *f, const char *yaml) {
    f->a = zw_arena_new();
    f->d = zw_diags_new();
    zw_value *root = zw_yaml_parse(f->a, f->d, "t.yaml", yaml, strlen(yaml));
    return root ? zw_doc_bind(f->a, f->d, root) : NULL;
}

static void done(fx *f) { zw_diags_drop(f->d); zw_arena_drop(f->a); }

#define HEAD "document: {organisation: Gemeente Diemen, title: Begroting}\n"

static void hyphenation_exceptions(void **state) {
    (void)state;
    struct { zw_arena *a; zw_diags *d; } f = {zw_arena_new(), zw_diags_new()};
    const char *y = "document: {organisation: G, title: T, hyphenation: [cli-ënt-on-der-steu-ning]}\n"
                    "chapters: [{title: A}]\n";
    zw_value *root = zw_yaml_parse(f.a, f.d, "t.yaml", y, strlen(y));
    zw_doc *doc = zw_doc_bind(f.a, f.d, root);
    assert_non_null(doc);
    assert_int_equal(doc->nhyph_except, 1);
    assert_string_equal(doc->hyph_except[0], "cli-ënt-on-der-steu-ning");
    zw_diags_drop(f.d);
    zw_arena_drop(f.a);
}

/* The model keeps nothing of the tree but the file name of its positions: bound with the tree in an
 * arena of its own, dropped right after, every string stays readable (ASan would catch one that did not). */
static void model_outlives_its_tree(void **state) {
    (void)state;
    zw_arena *a = zw_arena_new(), *tree = zw_arena_new();
    zw_diags *d = zw_diags_new();
    const char *y = "document: {organisation: G, title: T, subtitle: S, date: 2021-01-02, status: concept,\n"
                    "           layout: jaarstukken, lang: nl-BE, hyphenation: [be-gro-ting]}\n"
                    "chapters: [{title: 'Een *twee* [^n]', blocks: [{table: {rows: [[a, b]]}},\n"
                    "            {paragraph: '  ~~~~  '}, {paragraph: '**a**~b~  *c* d'}]}]\n"
                    "footnotes: {n: noot}\n";
    zw_value *root = zw_yaml_parse_in(tree, a, d, "t.yaml", y, strlen(y));
    zw_doc *doc = root ? zw_doc_bind(a, d, root) : NULL;
    zw_arena_drop(tree);
    assert_non_null(doc);
    assert_string_equal(doc->organisation, "G");
    assert_string_equal(doc->subtitle, "S");
    assert_string_equal(doc->date, "2021-01-02");
    assert_string_equal(doc->status, "concept");
    assert_string_equal(doc->layout, "jaarstukken");
    assert_string_equal(doc->lang, "nl-BE");
    assert_string_equal(doc->hyph_except[0], "be-gro-ting");
    assert_string_equal(doc->path, "t.yaml");
    assert_string_equal(doc->chapters[0].pos.file, "t.yaml");
    assert_string_equal(doc->notes[0]->key, "n");
    assert_string_equal(doc->chapters[0].title.spans[3].text, "n");
    assert_string_equal(doc->chapters[0].title.spans[1].text, "twee");
    assert_string_equal(doc->chapters[0].blocks[0].table.rows[0].cells[1].paras[0].spans[0].text, "b");
    const zw_text *nbsp = &doc->chapters[0].blocks[1].text, *marked = &doc->chapters[0].blocks[2].text;
    assert_int_equal(nbsp->n, 1);   /* four no-break spaces: 8 bytes written over the 8 of the scalar */
    assert_string_equal(nbsp->spans[0].text, "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0");
    assert_int_equal(marked->n, 4);
    assert_string_equal(marked->spans[0].text, "a");
    assert_string_equal(marked->spans[1].text, "\xC2\xA0" "b" "\xC2\xA0 ");
    assert_string_equal(marked->spans[2].text, "c");
    assert_string_equal(marked->spans[3].text, " d");
    zw_diags_drop(d);
    zw_arena_drop(a);
}

static void binds_structure(void **state) {
    (void)state;
    fx f;
    zw_doc *doc = bind(&f, HEAD
        "chapters:\n"
        "  - title: Sociaal domein\n"
        "    blocks:\n"
        "      - heading: Wat gaan we ervoor doen?\n"
        "      - paragraph: De **brede** taken[^a] en *meer*.\n"
        "      - list: [een, twee]\n"
        "      - section: {title: Doel, numbered: false}\n"
        "      - table:\n"
        "          columns: [{width: 4fr, header: true}, {width: 20mm, align: decimal}]\n"
        "          header: [[Indicator, '2021']]\n"
        "          rows:\n"
        "            - group: Subdoel 1\n"
        "            - [Banen, '6,8']\n"
        "            - total: [Totaal, '1.000']\n"
        "footnotes:\n"
        "  a: Een voetnoot.\n");
    assert_non_null(doc);
    assert_int_equal(zw_diags_count(f.d), 0);
    assert_string_equal(doc->lang, "nl-NL");
    assert_int_equal(doc->nchapters, 1);
    const zw_section *s = &doc->chapters[0];
    assert_int_equal(s->n, 5);
    assert_int_equal(s->blocks[0].kind, ZW_BLK_HEADING);
    const zw_text *p = &s->blocks[1].text;
    assert_int_equal(p->n, 7);   /* "De ", "brede" (bold), " taken", mark, " en ", "meer" (italic), "." */
    assert_string_equal(p->spans[0].text, "De ");
    assert_string_equal(p->spans[1].text, "brede");
    assert_int_equal(p->spans[1].style, ZW_BOLD);
    assert_int_equal(p->spans[3].kind, ZW_SPAN_NOTE_REF);
    assert_ptr_equal(p->spans[3].note, doc->notes[0]);
    assert_int_equal(doc->notes[0]->refs, 1);
    assert_int_equal(s->blocks[2].list.n, 2);
    assert_false(s->blocks[3].section->numbered);
    assert_int_equal(s->blocks[3].section->level, 2);
    const zw_table *t = &s->blocks[4].table;
    assert_int_equal(t->ncols, 2);
    assert_int_equal(t->cols[1].unit, ZW_W_PT);
    assert_float_equal(t->cols[1].width, 20 * 72 / 25.4, 1e-6);
    assert_int_equal(t->cols[1].align, ZW_ALIGN_DECIMAL);
    assert_true(t->cols[0].header);
    assert_false(t->cols[1].header);
    assert_int_equal(t->nheader, 1);
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->rows[1].kind, ZW_ROW_GROUP);
    assert_int_equal(t->rows[1].cells[0].colspan, 2);
    assert_int_equal(t->rows[3].kind, ZW_ROW_TOTAL);
    done(&f);
}

static void inline_markup(void **state) {
    (void)state;
    fx f;
    zw_doc *doc = bind(&f, HEAD "chapters:\n  - title: 'a~b \\*c\\* ^2^  x\n\n    y'\n");
    assert_non_null(doc);
    const zw_text *t = &doc->chapters[0].title;
    assert_int_equal(t->n, 3);
    assert_string_equal(t->spans[0].text, "a\xC2\xA0" "b *c* ");
    assert_string_equal(t->spans[1].text, "2");
    assert_int_equal(t->spans[1].style, ZW_SUP);
    assert_string_equal(t->spans[2].text, " x y");
    assert_string_equal(zw_text_plain(f.a, t), "a\xC2\xA0" "b *c* 2 x y");
    done(&f);
}

static void nohyphen_markup(void **state) {
    (void)state;
    fx f;
    zw_doc *doc = bind(&f, HEAD "chapters:\n  - title: 'De {nohyphen Wmo-voorzieningen} en {x}'\n");
    assert_non_null(doc);
    const zw_text *t = &doc->chapters[0].title;
    assert_int_equal(t->n, 3);
    assert_string_equal(t->spans[1].text, "Wmo-voorzieningen");
    assert_int_equal(t->spans[1].style, ZW_NOHYPH);
    assert_string_equal(t->spans[2].text, " en {x}");
    done(&f);
}

/* {lang tag …}: the span's language is a number in the document's table (one per tag, case aside);
 * {nohyphen} may stand inside it and it inside {nohyphen}; other braces stay text. */
static void lang_markup(void **state) {
    (void)state;
    fx f;
    zw_doc *doc = bind(&f, HEAD "chapters:\n  - title: 'Een {lang en Shared **Service** Center}, {lang en-GB "
                                "{nohyphen best practice}} en {lang EN x} {y}'\n");
    assert_non_null(doc);
    const zw_text *t = &doc->chapters[0].title;
    assert_int_equal(doc->nlangs, 2);
    assert_string_equal(doc->langs[0], "en");
    assert_string_equal(doc->langs[1], "en-GB");
    assert_int_equal(t->n, 9);
    assert_string_equal(t->spans[1].text, "Shared ");
    assert_int_equal(zw_span_lang(t->spans[1].style), 1);
    assert_int_equal(t->spans[2].style, ZW_BOLD | 1u << ZW_LANG_SHIFT);
    assert_string_equal(t->spans[5].text, "best practice");
    assert_int_equal(t->spans[5].style, ZW_NOHYPH | 2u << ZW_LANG_SHIFT);
    assert_string_equal(t->spans[6].text, " en ");
    assert_int_equal(t->spans[6].style, 0);
    assert_int_equal(zw_span_lang(t->spans[7].style), 1);   /* EN is en */
    assert_string_equal(t->spans[8].text, " {y}");
    assert_string_equal(zw_text_plain(f.a, t), "Een Shared Service Center, best practice en x {y}");
    done(&f);
}

/* Links: [text](address) with markup inside, URLs and e-mail addresses at word starts (their sentence's
 * punctuation left out), www. on https, an e-mail address by mail; a bracket that opens no link is text. */
static void link_markup(void **state) {
    (void)state;
    fx f;
    zw_doc *doc = bind(&f, HEAD "chapters:\n  - title: 'Zie [de **site**](www.diemen.nl), mail a.b@diemen.nl. "
                           "(https://x.nl/a?b=1). [geen] (link) x@y'\n");
    assert_non_null(doc);
    const zw_text *t = &doc->chapters[0].title;
    const char *want[][2] = {{"Zie ", NULL}, {"de ", "https://www.diemen.nl"}, {"site", "https://www.diemen.nl"},
                             {", mail ", NULL}, {"a.b@diemen.nl", "mailto:a.b@diemen.nl"}, {". (", NULL},
                             {"https://x.nl/a?b=1", "https://x.nl/a?b=1"}, {"). [geen] (link) x@y", NULL}};
    assert_int_equal(t->n, 8);
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(t->spans[i].text, want[i][0]);
        if (want[i][1]) {
            assert_true(t->spans[i].style & ZW_LINK);
            assert_string_equal(t->spans[i].href, want[i][1]);
        } else {
            assert_false(t->spans[i].style & ZW_LINK);
        }
    }
    assert_int_equal(t->spans[2].style, ZW_LINK | ZW_BOLD);
    assert_int_equal(t->spans[4].style, ZW_LINK | ZW_NOHYPH);
    done(&f);
    /* a clean text (no markup) with a URL is looked at too */
    doc = bind(&f, HEAD "chapters:\n  - title: Zie https://www.diemen.nl\n");
    assert_non_null(doc);
    assert_int_equal(doc->chapters[0].title.n, 2);
    assert_string_equal(doc->chapters[0].title.spans[1].href, "https://www.diemen.nl");
    done(&f);
}

static void expect_messages(const char *yaml, const char *const *want, size_t n) {
    fx f;
    assert_null(bind(&f, yaml));
    for (size_t i = 0; i < n; i++) assert_string_equal(zw_diags_message(f.d, i), want[i]);
    assert_int_equal(zw_diags_count(f.d), n);
    done(&f);
}

static void unknown_keys_with_hints(void **state) {
    (void)state;
    const char *const want[] = {
        "t.yaml:1:12: error: unknown key 'organization' in document; did you mean 'organisation'?",
        "t.yaml:1:11: error: missing required key 'organisation' in document",
        "t.yaml:4:14: error: unknown key 'paragraf' in block; did you mean 'paragraaf'?",
    };
    expect_messages("document: {organization: X, title: T}\n"
                    "chapters:\n  - title: A\n    blocks: [paragraf: tekst]\n", want, 3);
}

static void missing_and_wrong_types(void **state) {
    (void)state;
    const char *const want[] = {
        "t.yaml:1:1: error: missing required key 'chapters' in data file",
    };
    expect_messages(HEAD, want, 1);
    const char *const want2[] = {
        "t.yaml:2:11: error: 'chapters' must be a sequence, not a scalar",
    };
    expect_messages(HEAD "chapters: geen\n", want2, 1);
    const char *const want3[] = {
        "t.yaml:4:37: error: row has 3 cells but the table has 2 columns",
    };
    expect_messages(HEAD "chapters:\n  - title: A\n    blocks: [table: {rows: [[a, b], [a, b, c]], "
                    "columns: [{}, {}]}]\n", want3, 1);
}

/* What the archive files the document under: identifier, keywords, adoption date; dates are checked. */
static void archive_metadata(void **state) {
    (void)state;
    fx f;
    zw_doc *doc = bind(&f, "document: {organisation: G, title: T, identifier: RB-2021/118, adopted: 2021-11-11,\n"
                           "           keywords: [begroting, sociaal domein]}\nchapters: [{title: A}]\n");
    assert_non_null(doc);
    assert_string_equal(doc->identifier, "RB-2021/118");
    assert_string_equal(doc->adopted, "2021-11-11");
    assert_int_equal(doc->nkeywords, 2);
    assert_string_equal(doc->keywords[1], "sociaal domein");
    done(&f);
    const char *const want[] = {
        "t.yaml:1:48: error: 'adopted' must be a date as YYYY-MM-DD, not '11-11-2021'",
        "t.yaml:1:70: error: 'keywords' must be a sequence, not a scalar",
    };
    expect_messages("document: {organisation: G, title: T, adopted: 11-11-2021, keywords: begroting}\n"
                    "chapters: [{title: A}]\n", want, 2);
}

static void footnote_errors(void **state) {
    (void)state;
    const char *const want[] = {
        "t.yaml:3:16: error: undefined footnote 'x': add it under 'footnotes:'",
        "t.yaml:4:13: warning: footnote 'y' is never referenced",
    };
    expect_messages(HEAD "chapters:\n  - title: Doel[^x]\nfootnotes: {y: tekst}\n", want, 2);
}

/* With many notes, marks find theirs through a hash: every mark counts, an unknown key is still an error. */
static void many_footnotes(void **state) {
    (void)state;
    char y[4096];
    int n = snprintf(y, sizeof y, HEAD "chapters:\n  - title: 'A[^n7] [^n39][^n7] [^m]'\nfootnotes:\n");
    for (int i = 0; i < 40; i++) n += snprintf(y + n, sizeof y - (size_t)n, "  n%d: noot %d\n", i, i);
    fx f;
    assert_null(bind(&f, y));
    assert_int_equal(zw_diags_count(f.d), 39);   /* the unknown mark and 38 notes never referenced */
    assert_string_equal(zw_diags_message(f.d, 0),
                        "t.yaml:3:32: error: undefined footnote 'm': add it under 'footnotes:'");
    done(&f);
}

static void link_errors(void **state) {
    (void)state;
    const char *const want[] = {
        "t.yaml:3:23: error: a link leads to an address starting with https://, http://, mailto: or www., to an "
        "e-mail address or to #id, not 'diemen' (or write \\[ for a bracket)",
        "t.yaml:3:34: error: a link without text: write [tekst](https://x.nl)",
    };
    expect_messages(HEAD "chapters:\n  - title: Zie [site](diemen) en [](https://x.nl)\n", want, 2);
}

static void unclosed_markup(void **state) {
    (void)state;
    const char *const want[] = {
        "t.yaml:3:15: error: unclosed '**' (bold): close it, or write \\*\\* for the literal character",
    };
    expect_messages(HEAD "chapters:\n  - title: De **brede taken\n", want, 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(binds_structure),       cmocka_unit_test(inline_markup),
        cmocka_unit_test(unknown_keys_with_hints), cmocka_unit_test(missing_and_wrong_types),
        cmocka_unit_test(footnote_errors),       cmocka_unit_test(many_footnotes),
        cmocka_unit_test(unclosed_markup),      cmocka_unit_test(link_markup),
        cmocka_unit_test(link_errors),
        cmocka_unit_test(nohyphen_markup),
        cmocka_unit_test(lang_markup),           cmocka_unit_test(hyphenation_exceptions),
        cmocka_unit_test(model_outlives_its_tree),
        cmocka_unit_test(archive_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
