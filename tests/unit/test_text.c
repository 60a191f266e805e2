/* test_text.c — the paragraph setter with the fake fixed-width font (5 pt per character at 10 pt, space
 * 5 pt: interword glue 5 +2.5 -1.667) and, for hyphenation, the real Dutch hyphenator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_font.h"
#include "zw_text.h"

/* One test's world: arena, diagnostics, fake metrics and a paragraph style. */
typedef struct world {
    zw_arena *a;
    zw_diags *d;
    zw_metrics m;
    zw_setter s;
    zw_parstyle st;
    zw_span sp[16];
    zw_text t;
    zw_note note;
} world;

/* Marks print "1" (layout's label of the one note). */
static const char *label_one(void *ctx, const zw_note *n) {
    (void)ctx; (void)n;
    return "1";
}

static int setup(void **state) {
    world *w = calloc(1, sizeof *w);
    w->a = zw_arena_new();
    w->d = zw_diags_new();
    w->m = fake_metrics();
    w->s = (zw_setter){.arena = w->a, .diags = w->d, .metrics = &w->m, .mark = label_one};
    w->st = (zw_parstyle){{0, 1, 2, 3}, 10, ZW_ALIGN_JUSTIFY, 0, 0.5, 0.35, false, zw_break_params_default(), NULL};
    w->t = (zw_text){w->sp, 0, {"t.yaml", 1, 1}};
    w->note = (zw_note){.key = "n"};
    *state = w;
    return 0;
}

static int teardown(void **state) {
    world *w = *state;
    zw_diags_drop(w->d);
    zw_arena_drop(w->a);
    free(w);
    return 0;
}

static void text(world *w, const char *s, unsigned style) {
    int col = (int)w->t.n + 1;
    w->sp[w->t.n++] = (zw_span){ZW_SPAN_TEXT, style, s, strlen(s), {NULL}, {"t.yaml", 1, col}};
}
static void mark(world *w) {
    w->sp[w->t.n++] = (zw_span){ZW_SPAN_NOTE_REF, 0, "", 0, {&w->note}, {"t.yaml", 2, 1}};
}
static void brk(world *w) { w->sp[w->t.n++] = (zw_span){ZW_SPAN_BREAK, 0, "", 0, {NULL}, {"t.yaml", 3, 1}}; }

static zw_line *set(world *w, double measure, size_t *n) {
    zw_line *lines;
    assert_true(zw_set_paragraph(&w->s, &w->st, &w->t, measure, &lines, n));
    return lines;
}

/* A fragment's text as a C string (fragments borrow their text from the spans: no NUL of their own). */
static const char *ftext(world *w, const zw_frag *f) { return zw_arena_strndup(w->a, f->text, f->len); }

/* The line's text: fragments joined by one space where there is a gap between them. */
static const char *line_text(world *w, const zw_line *l) {
    char *out = zw_arena_alloc(w->a, 512);
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (i && l->frags[i].x > l->frags[i - 1].x + l->frags[i - 1].w + 1e-6) out[k++] = ' ';
        memcpy(out + k, l->frags[i].text, l->frags[i].len);
        k += l->frags[i].len;
    }
    out[k] = 0;
    return out;
}

#define PARA "De brede wettelijke taken en de open einde regeling zijn"

/* Measure 130.  Line 1: "De brede wettelijke taken" = 10+5+25+5+50+5+25 = 125, short 5 over three glues
 * of stretch 2.5: r = 2/3 (one word less: 95, r = 7; one more: 140, r = -2: both infeasible).
 * Line 2: "en de open einde regeling" = 125 again, r = 2/3; "zijn" is the last line. */
static void test_justified_lines(void **state) {
    world *w = *state;
    text(w, PARA, 0);
    size_t n;
    zw_line *l = set(w, 130, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "De brede wettelijke taken");
    assert_string_equal(line_text(w, &l[1]), "en de open einde regeling");
    assert_string_equal(line_text(w, &l[2]), "zijn");
    assert_float_equal(l[0].ratio, 2.0 / 3, 1e-9);
    /* each space is 5 + 2/3 × 2.5 = 6.667 */
    assert_int_equal(l[0].n, 4);
    assert_float_equal(l[0].frags[0].x, 0, 1e-9);
    assert_float_equal(l[0].frags[1].x, 10 + 5 + 5.0 / 3, 1e-9);
    assert_float_equal(l[0].frags[2].x, 16 + 2.0 / 3 + 25 + 5 + 5.0 / 3, 1e-9);
    assert_float_equal(l[0].frags[3].x, 105, 1e-9);
    assert_float_equal(l[0].width, 130, 1e-9);
    assert_false(l[0].last);
    assert_true(l[2].last);
    assert_float_equal(l[2].ratio, 0, 0);
    assert_float_equal(l[2].width, 20, 1e-9);
    assert_float_equal(l[0].ascent, 8, 1e-9);
    assert_float_equal(l[0].descent, 2, 1e-9);
    assert_int_equal(l[0].frags[1].pos.col, 1);
}

/* Ragged right at 130 keeps natural spaces: "De brede wettelijke taken" (125, short 5 of the 30 pt ragged
 * stretch) beats "De brede wettelijke" (95, short 35).  Right alignment moves the line by 5. */
static void test_ragged(void **state) {
    world *w = *state;
    text(w, PARA, 0);
    w->st.align = ZW_ALIGN_LEFT;
    size_t n;
    zw_line *l = set(w, 130, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "De brede wettelijke taken");
    assert_float_equal(l[0].frags[1].x, 15, 1e-9);
    assert_float_equal(l[0].frags[3].x, 100, 1e-9);
    assert_float_equal(l[0].width, 125, 1e-9);
    assert_float_equal(l[0].ratio, 0, 0);
    w->st.align = ZW_ALIGN_RIGHT;
    l = set(w, 130, &n);
    assert_float_equal(l[0].frags[0].x, 5, 1e-9);
    assert_float_equal(l[0].width, 130, 1e-9);
    assert_float_equal(l[2].frags[0].x, 110, 1e-9);
    w->st.align = ZW_ALIGN_CENTER;
    l = set(w, 130, &n);
    assert_float_equal(l[2].frags[0].x, 55, 1e-9);
}

/* Indent 15, ragged: the first line is 115 wide, so "De brede wettelijke" (95) starts at 15; then
 * "taken en de open einde" (110) and "regeling zijn". */
static void test_first_line_indent(void **state) {
    world *w = *state;
    text(w, PARA, 0);
    w->st.align = ZW_ALIGN_LEFT;
    w->st.indent_first = 15;
    size_t n;
    zw_line *l = set(w, 130, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "De brede wettelijke");
    assert_float_equal(l[0].frags[0].x, 15, 1e-9);
    assert_float_equal(l[0].frags[1].x, 30, 1e-9);
    assert_string_equal(line_text(w, &l[1]), "taken en de open einde");
    assert_float_equal(l[1].frags[0].x, 0, 1e-9);
    assert_string_equal(line_text(w, &l[2]), "regeling zijn");
}

/* A mark set at 5 pt (2.5 pt per digit) raised 3.5 pt, glued to its word; a space before a mark does
 * not break either, so no line starts with a mark even where "De kosten stijgen" fills the line. */
static void test_note_mark(void **state) {
    world *w = *state;
    text(w, "De kosten stijgen", 0);
    mark(w);
    text(w, " sterk", 0);
    size_t n;
    zw_line *l = set(w, 200, &n);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].n, 5);
    const zw_frag *m = &l[0].frags[3];
    assert_string_equal(ftext(w, m), "1");
    assert_ptr_equal(zw_frag_note(m), &w->note);
    assert_float_equal(m->size, 5, 1e-9);
    assert_float_equal(m->rise, 3.5, 1e-9);
    assert_float_equal(m->x, l[0].frags[2].x + 35, 1e-9);
    assert_float_equal(m->w, 2.5, 1e-9);
    assert_float_equal(l[0].ascent, 8, 1e-9); /* max(8, 4 + 3.5) */

    w->t.n = 0;
    text(w, "De kosten stijgen ", 0);
    mark(w);
    text(w, " sterk en snel", 0);
    for (double meas = 40; meas <= 120; meas += 5) {
        l = set(w, meas, &n);
        for (size_t i = 0; i < n; i++) assert_null(zw_frag_note(&l[i].frags[0]));
    }
}

/* "€ 420.438", "12 miljoen", "3 %", "2.1 –" and the elisions "’t huis", "'s avonds" stay together at any
 * measure. */
static void test_dutch_nobreak(void **state) {
    world *w = *state;
    text(w, "Dat kost \xE2\x82\xAC 420.438 of 12 miljoen en 3 % bij subdoel 2.1 \xE2\x80\x93 zorg in "
            "\xE2\x80\x99t huis en 's avonds", 0);
    w->st.align = ZW_ALIGN_LEFT;
    static const char *const pairs[][2] = {{"\xE2\x82\xAC", "420.438"}, {"12", "miljoen"}, {"3", "%"},
                                           {"2.1", "\xE2\x80\x93"}, {"\xE2\x80\x99t", "huis"}, {"'s", "avonds"}};
    for (double meas = 50; meas <= 150; meas += 5) {
        size_t n;
        zw_line *l = set(w, meas, &n);
        for (size_t i = 0; i < n; i++) {
            const zw_frag *last = &l[i].frags[l[i].n - 1];
            for (size_t k = 0; k < 6; k++)
                assert_false(strcmp(ftext(w, last), pairs[k][0]) == 0 && i + 1 < n);
        }
    }
}

/* U+00A0 joins words: "artikel 12" never splits, and sets as a space between two fragments. */
static void test_nbsp(void **state) {
    world *w = *state;
    text(w, "zie artikel\xC2\xA0" "12 van de wet", 0);
    w->st.align = ZW_ALIGN_LEFT;
    size_t n;
    zw_line *l = set(w, 60, &n); /* "zie artikel" is 55 wide: the break after it would be natural */
    for (size_t i = 0; i < n; i++) assert_string_not_equal(ftext(w, &l[i].frags[l[i].n - 1]), "artikel");
    l = set(w, 300, &n);
    assert_string_equal(line_text(w, &l[0]), "zie artikel 12 van de wet");
    assert_float_equal(l[0].frags[2].x, 20 + 35 + 5, 1e-9);
}

/* Style changes inside a word make two fragments with no space between. */
static void test_mid_word_style(void **state) {
    world *w = *state;
    text(w, "Sub", ZW_BOLD);
    text(w, "doel een", 0);
    size_t n;
    zw_line *l = set(w, 200, &n);
    assert_int_equal(l[0].n, 3);
    assert_string_equal(ftext(w, &l[0].frags[0]), "Sub");
    assert_ptr_equal(l[0].frags[0].text, w->sp[0].text);   /* borrowed from the span, not copied */
    assert_int_equal(l[0].frags[0].face, 1);
    assert_string_equal(ftext(w, &l[0].frags[1]), "doel");
    assert_ptr_equal(l[0].frags[1].text, w->sp[1].text);
    assert_int_equal(l[0].frags[1].face, 0);
    assert_float_equal(l[0].frags[1].x, 15, 1e-9);
}

/* A 28-letter word at measure 50 (10 characters) cannot be hyphenated here: it is cut every 10
 * characters, with a warning. */
static void test_emergency_break(void **state) {
    world *w = *state;
    text(w, "Een zeerlangwoordzonderafbreking hier", 0);
    w->st.align = ZW_ALIGN_LEFT;
    size_t n;
    zw_line *l = set(w, 50, &n);
    assert_int_equal(n, 5);
    assert_string_equal(line_text(w, &l[0]), "Een");
    assert_string_equal(line_text(w, &l[1]), "zeerlangwo");
    assert_string_equal(line_text(w, &l[2]), "ordzondera");
    assert_string_equal(line_text(w, &l[3]), "fbreking");
    assert_string_equal(line_text(w, &l[4]), "hier");
    assert_false(l[1].hyphen);
    for (size_t i = 0; i < n; i++) assert_true(l[i].width <= 50 + 1e-9);
    assert_int_equal(zw_diags_warnings(w->d), 1);
    assert_non_null(strstr(zw_diags_message(w->d, 0),
                           "warning: word 'zeerlangwoordzonderafbreking' is wider than the measure "
                           "(140.0 pt > 50.0 pt); broken"));
}

/* A forced break ends the line before it naturally, even when justified. */
static void test_span_break(void **state) {
    world *w = *state;
    text(w, "Eerste regel", 0);
    brk(w);
    text(w, "tweede regel", 0);
    size_t n;
    zw_line *l = set(w, 200, &n);
    assert_int_equal(n, 2);
    assert_string_equal(line_text(w, &l[0]), "Eerste regel");
    assert_float_equal(l[0].frags[1].x, 35, 1e-9);
    assert_float_equal(l[0].ratio, 0, 0);
    assert_false(l[0].last);
    assert_true(l[1].last);
}

/* Min-content is the widest word ("wettelijke", 50), max-content the whole line (56 chars, 280). */
static void test_extent(void **state) {
    world *w = *state;
    text(w, PARA, 0);
    double lo, hi;
    zw_text_extent(&w->s, &w->st, &w->t, &lo, &hi);
    assert_float_equal(lo, 50, 1e-9);
    assert_float_equal(hi, 280, 1e-9);
}

static void test_empty(void **state) {
    world *w = *state;
    size_t n = 9;
    zw_line *l = set(w, 100, &n);
    assert_int_equal(n, 0);
    assert_null(l);
    text(w, " ", 0);
    l = set(w, 100, &n);
    assert_int_equal(n, 0);
}

/* With the real hyphenator (be-leids-in-di-ca-to-ren): at measure 60 (12 characters), ragged, "De" and
 * "beleidsindicatoren" (90) cannot share a line; "De beleids-" (55) and "indicatoren" (55) can. */
static void test_hyphenation(void **state) {
    world *w = *state;
    w->s.hyph = zw_hyphenator_new(w->d, ZW_HYPHEN_DICT, 2, 3);
    assert_non_null(w->s.hyph);
    w->st.hyphenate = true;
    w->st.align = ZW_ALIGN_LEFT;
    text(w, "De beleidsindicatoren zijn", 0);
    size_t n;
    zw_line *l = set(w, 60, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "De beleids-");
    assert_true(l[0].hyphen);
    assert_int_equal(l[0].n, 2); /* the pieces of one word are one fragment */
    assert_float_equal(l[0].frags[1].w, 40, 1e-9);
    assert_float_equal(l[0].width, 55, 1e-9);
    assert_string_equal(line_text(w, &l[1]), "indicatoren");
    assert_false(l[1].hyphen);
    assert_string_equal(line_text(w, &l[2]), "zijn");
    assert_int_equal(zw_diags_warnings(w->d), 0);

    /* min-content: the widest syllable with its hyphen, "leids-" (30) */
    double lo, hi;
    zw_text_extent(&w->s, &w->st, &w->t, &lo, &hi);
    assert_float_equal(lo, 30, 1e-9);
    assert_float_equal(hi, 130, 1e-9);

    /* {nohyphen}: no hyphenation, so the word is broken as a last resort */
    w->sp[0].style = ZW_NOHYPH;
    l = set(w, 60, &n);
    assert_int_equal(zw_diags_warnings(w->d), 1);

    /* {lang …}: another language is not hyphenated with the Dutch patterns either; its fragments carry it */
    w->sp[0].style = 3u << ZW_LANG_SHIFT;
    l = set(w, 60, &n);
    assert_int_equal(zw_diags_warnings(w->d), 2);
    assert_false(l[0].hyphen);
    assert_int_equal(zw_span_lang(l[0].frags[0].span->style), 3);
    zw_hyphenator_drop(w->s.hyph);
}

/* Justified at 85: "Het beleid is ge-" is exactly 85 (17 characters); one syllable less leaves r = 4, one
 * more is overfull.  Breaking ge-ëvalueerd drops the trema: the next line starts "evalueerd".  (The word
 * is not the paragraph's last: that one is never hyphenated, see test_last_word_whole.) */
static void test_trema(void **state) {
    world *w = *state;
    w->s.hyph = zw_hyphenator_new(w->d, ZW_HYPHEN_DICT, 2, 3);
    w->st.hyphenate = true;
    text(w, "Het beleid is ge\xC3\xABvalueerd en", 0);
    size_t n;
    zw_line *l = set(w, 85, &n);
    assert_int_equal(n, 2);
    assert_string_equal(line_text(w, &l[0]), "Het beleid is ge-");
    assert_true(l[0].hyphen);
    assert_float_equal(l[0].ratio, 0, 1e-9);
    assert_string_equal(line_text(w, &l[1]), "evalueerd en");
    assert_float_equal(l[1].frags[0].w, 45, 1e-9);
    l = set(w, 200, &n);
    assert_string_equal(line_text(w, &l[0]), "Het beleid is ge\xC3\xABvalueerd en");
    zw_hyphenator_drop(w->s.hyph);
}

/* An explicit hyphen is a break with nothing added: "Wmo-" ends a line as typed, and the line counts as
 * one that ends in a hyphen. */
static void test_explicit_hyphen(void **state) {
    world *w = *state;
    w->st.align = ZW_ALIGN_LEFT;
    text(w, "de Wmo-voorzieningen", 0); /* 20 characters, 100 pt; "voorzieningen" is 65 */
    size_t n;
    zw_line *l = set(w, 70, &n);
    assert_int_equal(n, 2);
    assert_string_equal(line_text(w, &l[0]), "de Wmo-");
    assert_true(l[0].hyphen);
    assert_int_equal(l[0].n, 2);   /* nothing added to "Wmo-" */
    assert_string_equal(line_text(w, &l[1]), "voorzieningen");
    assert_false(l[1].hyphen);
}

/* Font expansion up to 2 % in steps of 0.5 %, PARA at 130 (the breaks of test_justified_lines: no other
 * is feasible).  Line 1, "De brede wettelijke taken": boxes 110, spaces 15, 5 short.  Expansion comes
 * first: 5 / 110 = 4.5 % is beyond the limit, so 2 % (2.2), and the three glues (7.5 of stretch) take
 * the remaining 2.8: r = 0.3733.  Every box is 1.02 times as wide and every space 5 + 0.3733 × 2.5:
 * "De" 10.2, "brede" at 16.133, 25.5 wide, "wettelijke" at 47.567, "taken" at 104.5, ending at 130.
 * Line 2, "en de open einde regeling": boxes 105, 5 short: 2 % (2.1), the four glues take 2.9 of their
 * 10: r = 0.29.  The last line is set naturally. */
static void test_expansion(void **state) {
    world *w = *state;
    w->st.brk.expand_stretch = w->st.brk.expand_shrink = 0.02;
    w->st.brk.expand_step = 0.005;
    text(w, PARA, 0);
    size_t n;
    zw_line *l = set(w, 130, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "De brede wettelijke taken");
    assert_float_equal(l[0].expand, 0.02, 1e-12);
    assert_float_equal(l[0].ratio, 2.8 / 7.5, 1e-9);
    assert_float_equal(l[0].frags[0].w, 10.2, 1e-9);
    assert_float_equal(l[0].frags[1].x, 10.2 + 5 + 2.8 / 3, 1e-9);
    assert_float_equal(l[0].frags[1].w, 25.5, 1e-9);
    assert_float_equal(l[0].frags[3].x, 104.5, 1e-9);
    assert_float_equal(l[0].width, 130, 1e-9);
    assert_float_equal(l[1].expand, 0.02, 1e-12);
    assert_float_equal(l[1].ratio, 0.29, 1e-9);
    assert_float_equal(l[2].expand, 0, 0);
    assert_float_equal(l[2].width, 20, 1e-9);
    /* a ragged paragraph is never expanded */
    w->st.align = ZW_ALIGN_LEFT;
    l = set(w, 130, &n);
    for (size_t i = 0; i < n; i++) assert_float_equal(l[i].expand, 0, 0);
}

/* Margin kerning with the built-in amounts: "(" hangs a tenth of its 5 pt into the left margin, ")" a
 * fifth into the right.  At 130, line 1 "(De brede wettelijke taken)" is 135, 5 too wide; its room is
 * 130 + 0.5 + 1 = 131.5, so the three glues shrink 3.5 of their 5: r = -0.7.  It starts at -0.5 and ends
 * at 131, a fifth of the ")" beyond the measure.  ("(De brede wettelijke" would be 30.5 short, r = 6.1.)
 * Line 2, "en de open einde regeling", has no character that hangs: 125, 5 short over four glues, r = 0.5.  With a
 * first-line indent the paragraph's first line does not hang. */
static void test_protrusion(void **state) {
    world *w = *state;
    zw_protrusion prot;
    zw_protrusion_default(&prot);
    w->st.protrude = &prot;
    text(w, "(De brede wettelijke taken) en de open einde regeling zijn", 0);
    size_t n;
    zw_line *l = set(w, 130, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "(De brede wettelijke taken)");
    assert_float_equal(l[0].hang_left, 0.5, 1e-6);
    assert_float_equal(l[0].hang_right, 1, 1e-6);
    assert_float_equal(l[0].ratio, -0.7, 1e-6);
    assert_float_equal(l[0].frags[0].x, -0.5, 1e-6);
    assert_float_equal(l[0].width, 131, 1e-6);
    assert_float_equal(l[1].hang_left + l[1].hang_right, 0, 0);
    assert_float_equal(l[1].ratio, 0.5, 1e-9);
    w->st.indent_first = 10;   /* 120 for the first line: "(De brede wettelijke taken)" no longer fits */
    l = set(w, 130, &n);
    assert_float_equal(l[0].hang_left, 0, 0);
    assert_float_equal(l[0].frags[0].x, 10, 1e-9);
}

/* A justified paragraph's last word is not hyphenated unless nothing else sets it within the tolerance.
 * "Het beleid is nu geëvalueerd" at 95: "Het beleid is nu ge-" is 100, shrunk to 95 by all of its three
 * glues' shrink (r = -1, demerits 110² + 50²), while "Het beleid is nu" is 80, 15 short over 7.5 of
 * stretch (r = 2, right at the tolerance: 810²).  With one more word after it, the hyphen wins; as the
 * paragraph's last word it does not ("geëvalueerd" stands whole on the last line).  "Het beleid is
 * geëvalueerd" at 85 has no such choice: "Het beleid is" (65) would be r = 4, beyond the tolerance, so
 * the last word is broken after all: "Het beleid is ge-" (exactly 85). */
static void test_last_word_whole(void **state) {
    world *w = *state;
    w->s.hyph = zw_hyphenator_new(w->d, ZW_HYPHEN_DICT, 2, 3);
    w->st.hyphenate = true;
    text(w, "Het beleid is nu ge\xC3\xABvalueerd en", 0);
    size_t n;
    zw_line *l = set(w, 95, &n);
    assert_string_equal(line_text(w, &l[0]), "Het beleid is nu ge-");
    w->sp[0].len -= 3;   /* without " en" */
    l = set(w, 95, &n);
    assert_int_equal(n, 2);
    assert_string_equal(line_text(w, &l[0]), "Het beleid is nu");
    assert_false(l[0].hyphen);
    assert_float_equal(l[0].ratio, 2, 1e-9);
    assert_string_equal(line_text(w, &l[1]), "ge\xC3\xABvalueerd");
    w->t.n = 0;
    text(w, "Het beleid is ge\xC3\xABvalueerd", 0);
    l = set(w, 85, &n);
    assert_string_equal(line_text(w, &l[0]), "Het beleid is ge-");
    assert_int_equal(zw_diags_warnings(w->d), 0);
    zw_hyphenator_drop(w->s.hyph);
}

/* A word that ends in its own hyphen ("alcohol- en drugs") ends its line in a hyphen too, and counts
 * toward max_hyphens_in_row.  Ragged at 50 (ten characters), no hyphen penalty or double-hyphen demerits:
 * the rule alone decides.  The ragged line's badness is 100 (short / 30)³.
 *   "xxxx aaaa-" (50, exact) | "yyy bbbb-" (45: 100 (5/30)³ = 0.46) | "zz": 10² + 10.46² + 10², two
 *   hyphenated lines in a row;
 *   "xxxx" (short 30: 100) | "aaaa- yyy" (45) | "bbbb- zz": 110² + 10.46² + 10² = 12309, none;
 *   "xxxx aaaa-" | "yyy" (short 35: 158.8) | "bbbb- zz": 10² + 168.8² + 10² = 28700, one.
 * Unlimited, the first; at most one in a row, the second. */
static void test_own_hyphen_counts(void **state) {
    world *w = *state;
    w->st.align = ZW_ALIGN_LEFT;
    w->st.brk.hyphen_penalty = 0;
    w->st.brk.hyphen_demerits = 0;
    w->st.brk.fitness_demerits = 0;
    w->st.brk.max_hyphens_in_row = 0;
    text(w, "xxxx aaaa- yyy bbbb- zz", 0);
    size_t n;
    zw_line *l = set(w, 50, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "xxxx aaaa-");
    assert_string_equal(line_text(w, &l[1]), "yyy bbbb-");
    assert_true(l[0].hyphen && l[1].hyphen);
    w->st.brk.max_hyphens_in_row = 1;
    l = set(w, 50, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[0]), "xxxx");
    assert_string_equal(line_text(w, &l[1]), "aaaa- yyy");
    assert_string_equal(line_text(w, &l[2]), "bbbb- zz");
    assert_false(l[0].hyphen || l[1].hyphen);
}

/* The limit breaks only where nothing else fits, and then says so.  Ragged at 25 (five characters), every
 * word "aaaa-" fills a line: any two on one line (55) stick out by 30, so "aaaa-" | "bbbb-" | "cccc-" |
 * "dd" is the only setting without an overfull line, with three hyphens in a row where two are allowed.
 * That run is reported once, at its first line; with three allowed, nothing is. */
static void test_hyphen_run_too_narrow(void **state) {
    world *w = *state;
    w->st.align = ZW_ALIGN_LEFT;
    text(w, "aaaa- bbbb- cccc- dd", 0);
    size_t n;
    zw_line *l = set(w, 25, &n);
    assert_int_equal(n, 4);
    assert_string_equal(line_text(w, &l[2]), "cccc-");
    assert_true(l[0].hyphen && l[1].hyphen && l[2].hyphen && !l[3].hyphen);
    assert_int_equal(zw_diags_warnings(w->d), 1);
    assert_string_equal(zw_diags_message(w->d, 0),
                        "t.yaml:1:1: warning: lines 1 to 3 of this paragraph all end in a hyphen, more than "
                        "max-hyphens-in-row (2): the measure (25.0 pt) is too narrow to set it otherwise");
    w->st.brk.max_hyphens_in_row = 3;
    l = set(w, 25, &n);
    assert_int_equal(n, 4);
    assert_int_equal(zw_diags_warnings(w->d), 1);
}

/* Every line beyond the tolerance is reported, each with its number and the paragraph's position.  At 100,
 * two seven-letter words (75) leave 25 to one glue of stretch 2.5 and three (115) do not fit even
 * shrunk: "aaaaaaa bbbbbbb" | "ccccccc ddddddd" | "eeeee", the first two lines far beyond the tolerance
 * (a line of one word has no glue at all); the last line is never reported. */
static void test_loose_lines_reported(void **state) {
    world *w = *state;
    text(w, "aaaaaaa bbbbbbb ccccccc ddddddd eeeee", 0);
    size_t n;
    zw_line *l = set(w, 100, &n);
    assert_int_equal(n, 3);
    assert_string_equal(line_text(w, &l[1]), "ccccccc ddddddd");
    assert_int_equal(zw_diags_warnings(w->d), 2);
    assert_non_null(strstr(zw_diags_message(w->d, 0),
                           "t.yaml:1:1: warning: line 1 of this paragraph is stretched beyond the tolerance"));
    assert_non_null(strstr(zw_diags_message(w->d, 1),
                           "t.yaml:1:1: warning: line 2 of this paragraph is stretched beyond the tolerance"));
}

/* A paragraph that fits its first line is set as one line without the line breaker: at exactly its
 * natural width (280) one line at ratio 0; a hair narrower, total fit shrinks the spaces instead; and
 * with a first-line indent the shorter first line is the one that counts. */
static void test_one_line(void **state) {
    world *w = *state;
    text(w, PARA, 0);
    size_t n;
    zw_line *l = set(w, 280, &n);
    assert_int_equal(n, 1);
    assert_string_equal(line_text(w, &l[0]), PARA);
    assert_float_equal(l[0].ratio, 0, 0);
    assert_true(l[0].last);
    l = set(w, 279.9, &n);
    assert_int_equal(n, 1);
    assert_true(l[0].ratio < 0);
    w->st.indent_first = 10;
    l = set(w, 280, &n);   /* 270 for the first line: shrunk, still one line */
    assert_int_equal(n, 1);
    assert_true(l[0].ratio < 0);
    assert_float_equal(l[0].frags[0].x, 10, 1e-9);
    w->st.align = ZW_ALIGN_LEFT;   /* ragged: no shrink, so two lines */
    l = set(w, 280, &n);
    assert_int_equal(n, 2);
    l = set(w, 290, &n);
    assert_int_equal(n, 1);
    assert_float_equal(l[0].width, 290, 1e-9);
}

/* The same lines with and without the setter's scratch (its width and word caches), whatever was set
 * before: a word cached at a wide measure is still broken in emergency at a narrow one, with a warning
 * each time, and extents come out the same. */
static void test_word_cache(void **state) {
    world *w = *state;
    w->s.hyph = zw_hyphenator_new(w->d, ZW_HYPHEN_DICT, 2, 3);
    w->st.hyphenate = true;
    zw_setter cached = w->s;
    cached.scratch = zw_set_scratch_new();
    assert_non_null(cached.scratch);
    text(w, "De beleidsindicatoren zijn gemeentebreed Wmo-voorzieningen ge\xC3\xABvalueerd "
            "aansprakelijkheidsverzekeringen", 0);
    static const double measures[] = {400, 60, 300, 25, 120, 25, 90};
    for (int align = 0; align < 2; align++) {
        w->st.align = align ? ZW_ALIGN_LEFT : ZW_ALIGN_JUSTIFY;
        for (size_t k = 0; k < sizeof measures / sizeof *measures; k++) {
            size_t n1, n2, warn = zw_diags_warnings(w->d);
            zw_line *l1, *l2;
            assert_true(zw_set_paragraph(&w->s, &w->st, &w->t, measures[k], &l1, &n1));
            size_t warn1 = zw_diags_warnings(w->d) - warn;
            assert_true(zw_set_paragraph(&cached, &w->st, &w->t, measures[k], &l2, &n2));
            assert_int_equal(zw_diags_warnings(w->d) - warn, 2 * warn1);
            assert_int_equal(n1, n2);
            for (size_t i = 0; i < n1; i++) {
                assert_string_equal(line_text(w, &l1[i]), line_text(w, &l2[i]));
                assert_int_equal(l1[i].n, l2[i].n);
                assert_true(l1[i].width == l2[i].width && l1[i].ratio == l2[i].ratio);
                for (size_t f = 0; f < l1[i].n; f++)
                    assert_true(l1[i].frags[f].x == l2[i].frags[f].x && l1[i].frags[f].w == l2[i].frags[f].w);
            }
        }
    }
    double lo1, hi1, lo2, hi2;
    assert_true(zw_text_extent(&w->s, &w->st, &w->t, &lo1, &hi1));
    assert_true(zw_text_extent(&cached, &w->st, &w->t, &lo2, &hi2));
    assert_true(lo1 == lo2 && hi1 == hi2);
    assert_true(lo1 > 0 && lo1 < 65 && hi1 > 400);   /* a syllable with its hyphen; the whole text */
    zw_set_scratch_drop(cached.scratch);
    zw_hyphenator_drop(w->s.hyph);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_justified_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ragged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_line_indent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_mark, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dutch_nobreak, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nbsp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mid_word_style, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emergency_break, setup, teardown),
        cmocka_unit_test_setup_teardown(test_span_break, setup, teardown),
        cmocka_unit_test_setup_teardown(test_extent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hyphenation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explicit_hyphen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expansion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_protrusion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_last_word_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_own_hyphen_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hyphen_run_too_narrow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loose_lines_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_word_cache, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
