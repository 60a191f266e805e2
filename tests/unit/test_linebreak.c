/* test_linebreak.c — Knuth–Plass and greedy breaking on hand-built items with fixed widths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>

#include <cmocka.h>

#include "zw_linebreak.h"

/* An item list under construction. */
typedef struct list {
    zw_item it[256];
    size_t n;
} list;

static void box(list *l, double w) { l->it[l->n++] = (zw_item){ZW_BOX, w, 0, 0, 0, false, 0}; }
static void glue(list *l, double w, double y, double z) { l->it[l->n++] = (zw_item){ZW_GLUE, w, y, z, 0, false, 0}; }
static void pen(list *l, double w, double p, bool flagged) {
    l->it[l->n++] = (zw_item){ZW_PENALTY, w, 0, 0, p, flagged, 0};
}
static void finish(list *l) {
    pen(l, 0, ZW_INF_PENALTY, false);
    glue(l, 0, INFINITY, 0);
    pen(l, 0, -ZW_INF_PENALTY, false);
}
/* Words of the given widths separated by glue (1, y, z), finished. */
static void words(list *l, const double *w, size_t n, double y, double z) {
    for (size_t i = 0; i < n; i++) {
        if (i) glue(l, 1, y, z);
        box(l, w[i]);
    }
    finish(l);
}

static void expect_breaks(const zw_break *b, size_t n, const size_t *at, size_t nat) {
    assert_int_equal(n, nat);
    for (size_t i = 0; i < n; i++) assert_int_equal(b[i].at, at[i]);
}

/* Line width 14, interword glue (1, +1, -0).  Words 2 1 2 4 1 7 4 4 (word i is item 2i, the glue after
 * it item 2i+1; the finishing sequence is items 15..17).
 *
 * Greedy (first fit) fills line 1 with "2 1 2 4 1" = 10 + 4 spaces = 14 (r = 0), then "7 4" = 12,
 * short 2 with one glue: r = 2 (badness 800), then "4".
 *   demerits: (10+0)² + (10+800)² + 10000 (decent→very loose) + (10+0)² + 10000 (very loose→decent)
 *           = 100 + 656100 + 10000 + 100 + 10000 = 676300.
 * Total fit: "2 1 2 4" = 9 + 3 = 12, short 2 over 3 glues: r = 2/3 (badness 29.6), then "1 7 4" = 12 + 2
 * = 14 (r = 0), then "4".  demerits: 39.6² + 10² + 10² ≈ 1770.5, far less: so it breaks after word 4. */
static void test_greedy_and_total_fit_differ(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {2, 1, 2, 4, 1, 7, 4, 4};
    words(&l, w, 8, 1, 0);
    double width = 14;
    zw_break *b;
    zw_break_params p = zw_break_params_default();
    size_t n = zw_linebreak_greedy(l.it, l.n, &width, 1, &p, &b);
    const size_t greedy[] = {9, 13, 17};
    expect_breaks(b, n, greedy, 3);
    assert_float_equal(b[0].ratio, 0, 1e-9);
    assert_float_equal(b[1].ratio, 2, 1e-9);
    free(b);

    bool over = true;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t total[] = {7, 13, 17};
    expect_breaks(b, n, total, 3);
    assert_false(over);
    assert_float_equal(b[0].ratio, 2.0 / 3, 1e-9);
    assert_float_equal(b[1].ratio, 0, 1e-9);
    assert_float_equal(b[2].ratio, 0, 1e-9);
    free(b);
}

/* A forced break in mid-paragraph ends a line there, however short. */
static void test_forced_break(void **state) {
    (void)state;
    list l = {.n = 0};
    box(&l, 3);            /* 0 */
    glue(&l, 1, 1, 0);     /* 1 */
    box(&l, 3);            /* 2 */
    glue(&l, 0, INFINITY, 0); /* 3 */
    pen(&l, 0, -ZW_INF_PENALTY, false); /* 4: forced */
    box(&l, 3);            /* 5 */
    finish(&l);            /* 6..8 */
    double width = 20;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t at[] = {4, 8};
    expect_breaks(b, n, at, 2);
    assert_false(over);
    free(b);
    n = zw_linebreak_greedy(l.it, l.n, &width, 1, &p, &b);
    expect_breaks(b, n, at, 2);
    free(b);
}

/* A box wider than the line: no feasible solution, the least bad one is set with the wide word alone. */
static void test_overfull(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {4, 12, 4};
    words(&l, w, 3, 1, 0);
    double width = 10;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over = false;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    assert_true(over);
    const size_t at[] = {1, 3, 7};
    expect_breaks(b, n, at, 3);
    assert_true(b[1].ratio < -1);
    free(b);
}

/* Words 3 3 9, width 10, glue (1, +1): "3 3" is 7, short 3 over one glue (r = 3); "3 3 9" is overfull and
 * a lone "3" has no glue at all.  With tolerance 2 nothing is feasible (overfull flag, least bad taken);
 * emergency stretch 1 makes r = 3/2 feasible; tolerance 3.5 accepts r = 3. */
static void test_tolerance(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {3, 3, 9};
    words(&l, w, 3, 1, 0);
    double width = 10;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over = false;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t at[] = {3, 7};
    expect_breaks(b, n, at, 2);
    assert_true(over);
    free(b);

    p.emergency_stretch = 1;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    expect_breaks(b, n, at, 2);
    assert_false(over);
    assert_float_equal(b[0].ratio, 1.5, 1e-9);
    free(b);

    p.emergency_stretch = 0;
    p.tolerance = 3.5;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    expect_breaks(b, n, at, 2);
    assert_false(over);
    assert_float_equal(b[0].ratio, 3, 1e-9);
    free(b);
}

/* Every chosen line of a longer paragraph stays within the tolerance. */
static void test_ratios_within_tolerance(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {3, 5, 2, 7, 4, 4, 1, 6, 3, 3, 5, 2, 8, 2, 4, 3, 6, 1, 2, 5};
    words(&l, w, 20, 3, 1);
    double width = 18;
    zw_break_params p = zw_break_params_default();
    p.tolerance = 1.0;
    zw_break *b;
    bool over = true;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    assert_false(over);
    assert_true(n >= 4);
    for (size_t i = 0; i < n; i++) assert_true(b[i].ratio >= -1 && b[i].ratio <= 1.0 + 1e-9);
    free(b);
}

/* Width 14, glue (1, +3, -1).  Six words of 4: the optimum is "4 4 4" twice (r = 0); looseness +1 asks for
 * three lines: "4 4 4 | 4 4 | 4" and "4 4 | 4 4 4 | 4" tie (100 + 67.9² + 100 each) and beat
 * "4 4 | 4 4 | 4 4" (two lines at r = 5/6), so only the count and the last break are certain.
 * Words 3 3 3 3 2: the optimum is "3 3 3 3" (15, r = -1/3, demerits 13.7²) + "2", better than
 * "3 3 3" (r = 1/2, 22.5²) + "3 2"; looseness -1 sets all on one line, 18 wide with 4 of shrink: r = -1. */
static void test_looseness(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w6[] = {4, 4, 4, 4, 4, 4};
    words(&l, w6, 6, 3, 1);
    double width = 14;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t two[] = {5, 13};
    expect_breaks(b, n, two, 2);
    free(b);
    p.looseness = 1;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    assert_int_equal(n, 3);
    assert_int_equal(b[2].at, 13);
    free(b);

    list m = {.n = 0};
    const double w5[] = {3, 3, 3, 3, 2};
    words(&m, w5, 5, 3, 1);
    p.looseness = 0;
    n = zw_linebreak(m.it, m.n, &width, 1, &p, &b, &over);
    const size_t opt[] = {7, 11};
    expect_breaks(b, n, opt, 2);
    free(b);
    p.looseness = -1;
    n = zw_linebreak(m.it, m.n, &width, 1, &p, &b, &over);
    const size_t one[] = {11};
    expect_breaks(b, n, one, 1);
    assert_float_equal(b[0].ratio, -1, 1e-9);
    free(b);
}

/* Width 8, glue (1, +1, -0.5), hyphen penalties 50 of width 1.  Words (syllables): [1 2] [2 2 2] [1 2 2]
 * [1] [1 2].  Items: 0 p1 2 | g3 | 4 p5 6 p7 8 | g9 | 10 p11 12 p13 14 | g15 | 16 | g17 | 18 p19 20 | 21..23.
 * Unlimited, the best has three hyphenated lines in a row: "1 2-" (7, r = 1), "2 1-" (7, r = 1),
 * "2 2 1 1-" (9, r = -1).  With at most two in a row the third line ends at the glue after "2 2 1"
 * (6, r = 2) instead. */
static void test_hyphens_in_row(void **state) {
    (void)state;
    list l = {.n = 0};
    box(&l, 1); pen(&l, 1, 50, true); box(&l, 2);
    glue(&l, 1, 1, 0.5);
    box(&l, 2); pen(&l, 1, 50, true); box(&l, 2); pen(&l, 1, 50, true); box(&l, 2);
    glue(&l, 1, 1, 0.5);
    box(&l, 1); pen(&l, 1, 50, true); box(&l, 2); pen(&l, 1, 50, true); box(&l, 2);
    glue(&l, 1, 1, 0.5);
    box(&l, 1);
    glue(&l, 1, 1, 0.5);
    box(&l, 1); pen(&l, 1, 50, true); box(&l, 2);
    finish(&l);
    double width = 8;
    zw_break_params p = zw_break_params_default();
    p.max_hyphens_in_row = 0;
    zw_break *b;
    bool over;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t unl[] = {5, 11, 19, 23};
    expect_breaks(b, n, unl, 4);
    assert_true(b[0].hyphen && b[1].hyphen && b[2].hyphen);
    free(b);
    p.max_hyphens_in_row = 2;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t two[] = {5, 11, 17, 23};
    expect_breaks(b, n, two, 4);
    assert_false(b[2].hyphen);
    assert_false(over);
    free(b);
}

/* zw_line_fit with expansion up to 2 % in steps of 0.5 %, on a line of width 100 whose boxes are 80 wide,
 * glue stretch 4 and shrink 2:
 *   2 short: 2 / 80 = 2.5 % is beyond the limit, so 2 % (1.6), and the glue takes 0.4: r = 0.1;
 *   0.9 too long: -0.9 / 80 = -1.125 % is nearest -1 % (-0.8), the glue shrinks 0.1: r = -0.05;
 *   0.3 short: 0.375 % rounds to 0.5 % (0.4), which overshoots by 0.1: the glue shrinks, r = -0.05;
 *   a last line (fil) that is short is set as it is: no expansion, r = 0;
 *   a line of one box (no glue) 1 short of 100: 1.0101 % is nearest 1 % (0.99), leaving 0.01 the glue
 *   cannot take (r = inf); 1.5 % would be 0.485 too wide, and a line a hair short is better than one
 *   that sticks out, so 1 % it is;
 *   without expansion limits the glue takes everything: 2 short, r = 0.5. */
static void test_line_fit(void **state) {
    (void)state;
    zw_break_params p = zw_break_params_default();
    p.expand_stretch = p.expand_shrink = 0.02;
    p.expand_step = 0.005;
    zw_fit f = zw_line_fit(&p, 100, 98, 80, 4, 2, false);
    assert_float_equal(f.expand, 0.02, 1e-12);
    assert_float_equal(f.ratio, 0.1, 1e-9);
    assert_float_equal(f.excess, 0, 0);
    f = zw_line_fit(&p, 100, 100.9, 80, 4, 2, false);
    assert_float_equal(f.expand, -0.01, 1e-12);
    assert_float_equal(f.ratio, -0.05, 1e-9);
    f = zw_line_fit(&p, 100, 99.7, 80, 4, 2, false);
    assert_float_equal(f.expand, 0.005, 1e-12);
    assert_float_equal(f.ratio, -0.05, 1e-9);
    f = zw_line_fit(&p, 100, 60, 50, 4, 2, true);
    assert_float_equal(f.expand, 0, 0);
    assert_float_equal(f.ratio, 0, 0);
    f = zw_line_fit(&p, 100, 99, 99, 0, 0, false);
    assert_float_equal(f.expand, 0.01, 1e-12);
    assert_true(isinf(f.ratio) && f.ratio > 0);
    p.expand_stretch = p.expand_shrink = 0;
    f = zw_line_fit(&p, 100, 98, 80, 4, 2, false);
    assert_float_equal(f.expand, 0, 0);
    assert_float_equal(f.ratio, 0.5, 1e-9);
}

/* Width 20, words of 6.3 with glue (1, +2, -0.2).  Three words are 20.9: 0.9 too wide for the glue's 0.4
 * of shrink, so without expansion no line holds three, and two words (13.6) are 6.4 short: r = 3.2,
 * beyond the tolerance of 2: no feasible solution (the final pass sets "6.3 6.3" lines, overfull
 * reported).  With 5 % of expansion in steps of 1 %, three words shrink: -0.9 / 18.9 = -4.76 %, nearest
 * -5 % (-0.945), and the two glues (4 of stretch) take back 0.045: r = 0.01125.  So "6.3 6.3 6.3 |
 * 6.3 6.3 6.3" (break at the glue 5), both lines at -5 %: the last line's fil glue stretches but does
 * not shrink, so it too is narrowed. */
static void test_expansion_breaks(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {6.3, 6.3, 6.3, 6.3, 6.3, 6.3};
    words(&l, w, 6, 2, 0.2);
    double width = 20;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over = false;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    assert_true(over);
    assert_int_equal(n, 3);
    free(b);
    p.expand_stretch = p.expand_shrink = 0.05;
    p.expand_step = 0.01;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    assert_false(over);
    const size_t at[] = {5, 13};
    expect_breaks(b, n, at, 2);
    assert_float_equal(b[0].expand, -0.05, 1e-12);
    assert_float_equal(b[0].ratio, 0.045 / 4, 1e-9);
    assert_float_equal(b[1].expand, -0.05, 1e-12);
    free(b);
}

/* Margin kerning: width 20, words 6 6 6.4 6 with glue (1, +0.5, -0.2).  "6 6 6.4" is 20.4, 0.4 too wide:
 * all of the shrink, r = -1.  When the glue after 6.4 (where the line breaks) says the line's last
 * character may hang 0.4 into the margin, the line fits exactly: r = 0.  A hang of the box that starts
 * the next line gives that line room too: "6" alone (the last line) is unaffected, but the first line
 * of width 20 with its first box hanging 0.4 is exact as well. */
static void test_hang(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {6, 6, 6.4, 6};
    words(&l, w, 4, 0.5, 0.2);
    double width = 20;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t at[] = {5, 9};
    expect_breaks(b, n, at, 2);
    assert_float_equal(b[0].ratio, -1, 1e-9);
    free(b);
    l.it[5].hang = 0.4f;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    expect_breaks(b, n, at, 2);
    assert_float_equal(b[0].ratio, 0, 1e-6);
    free(b);
    l.it[5].hang = 0;
    l.it[0].hang = 0.4f;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    expect_breaks(b, n, at, 2);
    assert_float_equal(b[0].ratio, 0, 1e-6);
    free(b);
}

/* Two loose lines in a row make a river.  Width 15, glue (1, +1, -0.5); words 7 1 3 1 5 5 1 2 6 3 8 (word
 * i is item 2i).  Two ways cost the same, (10 + 100)² + (10 + 100)² + 10² + 10² = 24400:
 *   "7 1 3" (13, r = 1) | "1 5 5" (13, r = 1) | "1 2 6 3" (15, r = 0) | "8"   — two loose lines in a row;
 *   "7 1 3" (13, r = 1) | "1 5 5 1" (15, r = 0) | "2 6 3" (13, r = 1) | "8"  — loose, decent, loose.
 * (Any other way has a line beyond the tolerance or overfull.)  Without loose_demerits the first is
 * kept (found first); with them it costs 10000 more, and the second is chosen. */
static void test_loose_pairs(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {7, 1, 3, 1, 5, 5, 1, 2, 6, 3, 8};
    words(&l, w, 11, 1, 0.5);
    double width = 15;
    zw_break_params p = zw_break_params_default();
    p.loose_demerits = 0;
    zw_break *b;
    bool over;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t pair[] = {5, 11, 19, 23};
    expect_breaks(b, n, pair, 4);
    assert_float_equal(b[0].ratio, 1, 1e-9);
    assert_float_equal(b[1].ratio, 1, 1e-9);
    free(b);
    p.loose_demerits = 10000;
    n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t apart[] = {5, 13, 19, 23};
    expect_breaks(b, n, apart, 4);
    assert_float_equal(b[1].ratio, 0, 1e-9);
    assert_float_equal(b[2].ratio, 1, 1e-9);
    free(b);
}

/* Words of 4, glue (1, +1, -0).  Widths {4, 9}: the first line holds one word exactly, then "4 4" (9)
 * per line.  With width 9 throughout: "4 4 | 4 4 | 4". */
static void test_first_line_width(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {4, 4, 4, 4, 4};
    words(&l, w, 5, 1, 0);
    double widths[] = {4, 9};
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over;
    size_t n = zw_linebreak(l.it, l.n, widths, 2, &p, &b, &over);
    const size_t first[] = {1, 5, 11};
    expect_breaks(b, n, first, 3);
    assert_false(over);
    free(b);
    n = zw_linebreak(l.it, l.n, widths + 1, 1, &p, &b, &over);
    const size_t same[] = {3, 7, 11};
    expect_breaks(b, n, same, 3);
    free(b);
}

static void test_single_word_and_empty(void **state) {
    (void)state;
    list l = {.n = 0};
    const double w[] = {5};
    words(&l, w, 1, 1, 0);
    double width = 10;
    zw_break_params p = zw_break_params_default();
    zw_break *b;
    bool over = true;
    size_t n = zw_linebreak(l.it, l.n, &width, 1, &p, &b, &over);
    const size_t at[] = {3};
    expect_breaks(b, n, at, 1);
    assert_false(over);
    assert_float_equal(b[0].ratio, 0, 0);
    free(b);

    n = zw_linebreak(l.it, 0, &width, 1, &p, &b, &over);
    assert_int_equal(n, 0);
    assert_null(b);
    n = zw_linebreak_greedy(l.it, 0, &width, 1, &p, &b);
    assert_int_equal(n, 0);

    /* No final forced break: one is assumed at n. */
    n = zw_linebreak(l.it, 1, &width, 1, &p, &b, &over);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].at, 1);
    free(b);
}

/* Reused work buffers change nothing: paragraphs of growing and shrinking length, at several widths and
 * with an overfull one among them (the final pass), break the same with one zw_break_work as without. */
static void test_work_reused(void **state) {
    (void)state;
    zw_break_work *w = zw_break_work_new();
    assert_non_null(w);
    const size_t sizes[] = {8, 60, 3, 80, 20, 1};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
        for (double width = 9; width <= 40; width += 7.5) {
            list l = {.n = 0};
            double ws[80];
            for (size_t i = 0; i < sizes[k]; i++) ws[i] = (double)((i * 7 + k) % 9 + 1);
            words(&l, ws, sizes[k], 1, 0.5);
            zw_break_params p = zw_break_params_default();
            zw_break *a, *b;
            bool oa, ob;
            size_t na = zw_linebreak(l.it, l.n, &width, 1, &p, &a, &oa);
            size_t nb = zw_linebreak_with(w, l.it, l.n, &width, 1, &p, &b, &ob);
            assert_int_equal(na, nb);
            assert_int_equal(oa, ob);
            for (size_t i = 0; i < na; i++) {
                assert_int_equal(a[i].at, b[i].at);
                assert_true(a[i].ratio == b[i].ratio && a[i].hyphen == b[i].hyphen);
            }
            free(a);
            free(b);
        }
    zw_break_work_drop(w);
    zw_break_work_drop(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_greedy_and_total_fit_differ),
        cmocka_unit_test(test_forced_break),
        cmocka_unit_test(test_overfull),
        cmocka_unit_test(test_tolerance),
        cmocka_unit_test(test_ratios_within_tolerance),
        cmocka_unit_test(test_looseness),
        cmocka_unit_test(test_hyphens_in_row),
        cmocka_unit_test(test_line_fit),
        cmocka_unit_test(test_expansion_breaks),
        cmocka_unit_test(test_hang),
        cmocka_unit_test(test_loose_pairs),
        cmocka_unit_test(test_first_line_width),
        cmocka_unit_test(test_single_word_and_empty),
        cmocka_unit_test(test_work_reused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
