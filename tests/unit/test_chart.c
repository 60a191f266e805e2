/* test_chart.c — charts through the pipeline with the fake fixed-width font: the numbers read from a table
 * (rows and columns chosen by name, Dutch notation, markers, percentages) and from a chart's own series;
 * bars as long as their values on one scale, inside the figure's box, labels apart; the alt text made
 * from the data; a ring's slices in proportion; greyscale's greys and hatching; and out of memory
 * anywhere failing cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_font.h"
#include "zw_arena.h"
#include "zw_render.h"

typedef struct fx { zw_diags *d; zw_rendered r; } fx;

static const char *const DOC =
    "document: {organisation: Gemeente Proef, title: Begroting, layout: programmabegroting}\n"
    "chapters:\n"
    "  - title: Cijfers\n"
    "    blocks:\n"
    "      - table:\n"
    "          id: lasten\n"
    "          header: [[Programma, \"2024\", \"2025\", Toelichting]]\n"
    "          rows:\n"
    "            - [\"1 Bestuur\", \"6.812\", \"7.104\", stabiel]\n"
    "            - [\"2 Veiligheid\", \"4.215,5\", \"NB\", nieuw]\n"
    "            - [\"3 Sociaal domein\", \"41.870\", \"43.115[^n]\", groei]\n"
    "            - total: [Totaal, \"52.897,5\", \"50.219\", \"\"]\n"
    "      - chart: {type: bar, caption: Lasten 2024, table: lasten, columns: [\"2024\"], scale: 1000, unit: euro}\n"
    "      - chart: {type: donut, table: lasten, rows: [\"1\", \"3\"], columns: [\"2025\"]}\n"
    "      - chart: {type: line, table: lasten, rows: [\"2 Veiligheid\"], columns: [\"2024\", \"2025\"], alt: Eigen tekst.}\n"
    "      - chart:\n"
    "          type: stacked\n"
    "          categories: [\"2021\", \"2022\"]\n"
    "          series: [{name: A, values: [\"6,8%\", \"7,25%\"]}, {name: B, values: [\"1%\", n.v.t.]}]\n"
    "footnotes: {n: Inclusief de septembercirculaire.}\n";

static bool render(fx *f, const char *src, bool grey, long fail_after) {
    f->d = zw_diags_new();
    char dir[4096];
    const char *root = getenv("ZW_ROOT");
    snprintf(dir, sizeof dir, "%s/layouts", root ? root : ".");
    zw_metrics m = fake_metrics();
    zw_render_opts o = {.data = "t.yaml", .src = src, .len = strlen(src), .layouts_dir = dir, .no_hyphenation = true,
                        .metrics = &m, .keep_pages = true, .greyscale = grey};
    zw_fail_alloc_after(fail_after);
    bool ok = zw_render(&o, f->d, &f->r);
    zw_fail_alloc_after(0);
    return ok;
}

static void done(fx *f) {
    zw_rendered_drop(&f->r);
    zw_diags_drop(f->d);
}

/* The chart blocks of the first chapter, in order. */
static const zw_chart *chart(const zw_doc *doc, int k) {
    const zw_section *s = &doc->chapters[0];
    for (size_t i = 0; i < s->n; i++)
        if (s->blocks[i].kind == ZW_BLK_CHART && k-- == 0) return s->blocks[i].chart;
    fail_msg("no chart %d", k);
    return NULL;
}

static void data_from_tables_and_series(void **state) {
    (void)state;
    fx f;
    bool ok = render(&f, DOC, false, 0);
    if (!ok) zw_diags_print(f.d, stderr);
    assert_true(ok);
    const zw_chart *bar = chart(f.r.doc, 0);
    assert_int_equal(bar->ncats, 3);   /* the body rows, not the total */
    assert_int_equal(bar->nseries, 1);
    assert_string_equal(bar->cats[2], "3 Sociaal domein");
    assert_string_equal(bar->series[0].name, "2024");
    assert_true(bar->series[0].v[1] == 4215.5 && bar->decimals == 1 && bar->euro && bar->scale == 1000);
    const zw_chart *ring = chart(f.r.doc, 1);
    assert_int_equal(ring->ncats, 2);
    assert_true(ring->series[0].v[0] == 7104 && ring->series[0].v[1] == 43115);   /* the note mark is not a digit */
    const zw_chart *line = chart(f.r.doc, 2);   /* a line: the columns along the axis, the row a series */
    assert_int_equal(line->ncats, 2);           /* "2024", "2025": Toelichting holds no numbers */
    assert_string_equal(line->cats[1], "2025");
    assert_string_equal(line->series[0].name, "2 Veiligheid");
    assert_true(isnan(line->series[0].v[1]));
    assert_string_equal(line->series[0].mark[1], "NB");
    const zw_chart *st = chart(f.r.doc, 3);
    assert_true(st->percent && st->decimals == 2 && st->series[0].v[1] == 7.25 && isnan(st->series[1].v[1]));
    done(&f);
}

/* The figure of the k-th chart in the display list, with its page. */
static const zw_figure *figure(const zw_display *dl, int k) {
    for (size_t i = 0; i < dl->nfigures; i++) {
        const zw_page *pg = &dl->pages[dl->figures[i].page];
        for (size_t j = 0; j < pg->npaths; j++)
            if (pg->paths[j].elem == dl->figures[i].elem) {
                if (k-- == 0) return &dl->figures[i];
                break;
            }
    }
    fail_msg("no chart figure");
    return NULL;
}

static bool overlap(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
    return ax < bx + bw - 0.01 && bx < ax + aw - 0.01 && ay < by + bh - 0.01 && by < ay + ah - 0.01;
}

/* Bars on one scale, inside the box; the labels inside too and apart; the alt text from the data. */
static void bars_and_alt(void **state) {
    (void)state;
    fx f;
    assert_true(render(&f, DOC, false, 0));
    const zw_display *dl = f.r.dl;
    const zw_figure *fig = figure(dl, 0);
    const zw_page *pg = &dl->pages[fig->page];
    static const double want[] = {6812, 4215.5, 41870};
    double scale = 0;
    int bars = 0;
    for (size_t i = 0; i < pg->npaths; i++) {
        const zw_path *p = &pg->paths[i];
        if (p->elem != fig->elem) continue;   /* (gridlines, furniture, are checked by the e2e tests) */
        double x0 = 1e9, x1 = -1e9;
        for (uint32_t k = 0; k < p->nsegs; k++)
            if (p->segs[k].op != 'Z') {
                x0 = fmin(x0, p->x + p->segs[k].x[0]);
                x1 = fmax(x1, p->x + p->segs[k].x[0]);
                assert_true(p->x + p->segs[k].x[0] >= fig->x - 0.01 && p->x + p->segs[k].x[0] <= fig->x + fig->w + 0.01);
                assert_true(p->y + p->segs[k].y[0] >= fig->y - 0.01 && p->y + p->segs[k].y[0] <= fig->y + fig->h + 0.01);
            }
        if (p->mark != ZW_MARK_BAR) continue;
        double k = (x1 - x0) / want[p->item];
        if (!scale) scale = k;
        assert_true(fabs(k - scale) < scale * 1e-6);
        bars++;
    }
    assert_int_equal(bars, 3);
    size_t labels = 0;
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *a = &pg->runs[i];
        if (a->elem != fig->elem) continue;
        labels++;
        assert_true(a->x >= fig->x - 0.01 && a->x + a->w <= fig->x + fig->w + 0.01);
        for (size_t j = i + 1; j < pg->nruns; j++) {
            const zw_run *b = &pg->runs[j];
            if (b->elem == fig->elem)
                assert_false(overlap(a->x, a->y - a->ascent, a->w, a->ascent + a->descent, b->x, b->y - b->ascent, b->w,
                                     b->ascent + b->descent));
        }
    }
    assert_true(labels >= 3 + 3 + 2);   /* categories, values, ticks */
    assert_string_equal(fig->alt, "Staafdiagram, Lasten 2024: 1 Bestuur € 6,8 mln, 2 Veiligheid € 4,2 mln, "
                                  "3 Sociaal domein € 41,9 mln.");
    assert_string_equal(figure(dl, 1)->alt, "Ringdiagram: 1 Bestuur 7.104 (14 %), 3 Sociaal domein 43.115 (86 %).");
    assert_string_equal(figure(dl, 2)->alt, "Eigen tekst.");
    assert_string_equal(figure(dl, 3)->alt, "Gestapeld kolomdiagram: A: 2021 6,80 %, 2022 7,25 %; B: 2021 1,00 %, "
                                            "2022 geen cijfer (n.v.t.).");
    done(&f);
}

/* A ring's slices span angles in proportion: the first slice's outer arc ends 360 × 7104 / 50219 degrees
 * clockwise from 12 o'clock. */
static void ring_in_proportion(void **state) {
    (void)state;
    fx f;
    assert_true(render(&f, DOC, false, 0));
    const zw_display *dl = f.r.dl;
    const zw_figure *fig = figure(dl, 1);
    const zw_page *pg = &dl->pages[fig->page];
    const zw_path *first = NULL;
    for (size_t i = 0; i < pg->npaths && !first; i++)
        if (pg->paths[i].elem == fig->elem && pg->paths[i].mark == ZW_MARK_SLICE) first = &pg->paths[i];
    assert_non_null(first);
    double sx = first->segs[0].x[0], sy = first->segs[0].y[0];   /* 12 o'clock on the outer circle */
    const zw_seg *end = NULL;
    for (uint32_t k = 1; k < first->nsegs && first->segs[k].op == 'C'; k++) end = &first->segs[k];
    assert_non_null(end);
    /* the centre is straight below the start, at the radius R that puts the end on the circle too */
    double ex = end->x[2], ey = end->y[2], cx = sx;
    double R = ((ex - cx) * (ex - cx) + (ey - sy) * (ey - sy)) / (2 * (ey - sy)), cy = sy + R;
    double angle = atan2(ey - cy, ex - cx) - atan2(sy - cy, sx - cx);
    if (angle < 0) angle += 2 * M_PI;
    assert_true(fabs(angle - 2 * M_PI * 7104 / 50219) < 1e-4);
    done(&f);
}

/* Greyscale: only greys in the palette, hatching over the second series' segments (furniture). */
static void greyscale_hatching(void **state) {
    (void)state;
    fx f;
    assert_true(render(&f, DOC, true, 0));
    const zw_display *dl = f.r.dl;
    for (size_t i = 0; i < dl->ncolors; i++) assert_true(dl->colors[i].r == dl->colors[i].g && dl->colors[i].g == dl->colors[i].b);
    const zw_figure *fig = figure(dl, 3);
    const zw_page *pg = &dl->pages[fig->page];
    size_t hatch = 0;
    for (size_t i = 0; i < pg->npaths; i++)
        if (pg->paths[i].mark == ZW_MARK_HATCH) {
            assert_int_equal(pg->paths[i].elem, -1);
            hatch++;
        }
    assert_true(hatch >= 2);   /* the second series' segment and its legend swatch */
    done(&f);
}

/* Out of memory anywhere: a clean failure with a message, never a crash or a leak. */
static void out_of_memory(void **state) {
    (void)state;
    for (long n = 1; n < 400000; n += 1 + n / 16) {
        fx f;
        bool ok = render(&f, DOC, false, n);
        if (!ok) assert_true(zw_diags_errors(f.d) > 0);
        bool fired = zw_fail_alloc_pending() == 0;
        done(&f);
        if (ok && !fired) break;   /* the failure fell beyond the render: every allocation was tried */
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(data_from_tables_and_series),
        cmocka_unit_test(bars_and_alt),
        cmocka_unit_test(ring_in_proportion),
        cmocka_unit_test(greyscale_hatching),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
