/* test_kern.c — kerning from measurement to page, with Carlito's real metrics: layout gives each run the
 * kerning its width was measured with (kern[] sums to width() minus the plain advances, NULL when no pair
 * kerns), and the PDF writer draws a kerned run as a TJ array with the adjustments negated, in a file that
 * qpdf accepts and from which pdftotext extracts the words unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/layout_int.h"
#include "zw_display.h"
#include "zw_font.h"
#include "zw_pdf.h"

#define CARLITO "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
#define TEXT "AVATAR Toets"

/* One test's world: Carlito loaded as face 0 with its real metrics. */
typedef struct world {
    zw_arena *a;
    zw_diags *d;
    zw_fonts *fonts;
    zw_metrics m;
} world;

static int setup(void **state) {
    world *w = calloc(1, sizeof *w);
    w->a = zw_arena_new();
    w->d = zw_diags_new();
    w->fonts = zw_fonts_new();
    assert_int_equal(zw_fonts_load(w->fonts, w->d, CARLITO, (zw_pos){"t.yaml", 1, 1}), 0);
    w->m = zw_fonts_metrics(w->fonts);
    *state = w;
    return 0;
}

static int teardown(void **state) {
    world *w = *state;
    zw_fonts_drop(w->fonts);
    zw_diags_drop(w->d);
    zw_arena_drop(w->a);
    free(w);
    return 0;
}

/* Sum of the plain advances of s (each character measured alone: no pair to kern), pt. */
static double advances(const world *w, const char *s, size_t n, double size) {
    double sum = 0;
    for (const char *p = s, *end = s + n; p < end;) {
        const char *c = p;
        zw_utf8_next(&p, end);
        sum += w->m.width(w->m.ctx, 0, size, c, (size_t)(p - c));
    }
    return sum;
}

static size_t chars(const char *s, size_t n) {
    size_t k = 0;
    for (const char *p = s, *end = s + n; p < end; k++) zw_utf8_next(&p, end);
    return k;
}

/* The kerning layout would attach to s, straight from the metrics. */
static float *kern_of(world *w, const char *s) {
    size_t n = chars(s, strlen(s));
    float *k = zw_arena_alloc(w->a, n * sizeof *k);
    uint32_t prev = 0;
    const char *p = s, *end = s + strlen(s);
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = zw_utf8_next(&p, end);
        k[i] = i ? (float)w->m.kern(w->m.ctx, 0, prev, cp) : 0.0f;
        prev = cp;
    }
    return k;
}

/* ---- layout ------------------------------------------------------------------------------------ */

/* Set TEXT ragged at 10 pt and emit its runs; every run's kern[] accounts for width() − advances. */
static void test_layout_runs_carry_their_kerning(void **state) {
    world *w = *state;
    zw_parstyle ps = {{0, 0, 0, 0}, 10, ZW_ALIGN_LEFT, 0, 0.65, 0.35, false, zw_break_params_default(), NULL};
    zw_span sp = {ZW_SPAN_TEXT, 0, TEXT " en in", strlen(TEXT " en in"), {NULL}, {"t.yaml", 1, 1}};
    zw_text t = {&sp, 1, {"t.yaml", 1, 1}};
    zw_setter set = {.arena = w->a, .diags = w->d, .metrics = &w->m};
    zw_line *lines;
    size_t nlines;
    assert_true(zw_set_paragraph(&set, &ps, &t, 400, &lines, &nlines));
    assert_int_equal(nlines, 1);
    zw_lay L = {.a = w->a, .d = w->d, .m = &w->m, .set = set, .chapter = -1};
    zw_lay_runs(&L, &lines[0], 0, 10, ZW_ROLE_P, 0, NULL, ZW_BLACK);
    assert_false(L.oom);
    assert_int_equal(L.vl.nops, 5);   /* the line's metrics, then AVATAR, Toets, en, in */
    assert_int_equal(L.vl.ops[0].kind, ZW_OP_LINE);
    size_t kerned = 0;
    for (size_t i = 1; i < L.vl.nops; i++) {
        const zw_run *r = &L.vl.ops[i].u.run;
        double full = w->m.width(w->m.ctx, 0, 10, r->text, r->len);
        double plain = advances(w, r->text, r->len, 10);
        assert_true(fabs(r->w - full) < 1e-9);   /* one word, one measurement */
        if (fabs(full - plain) < 1e-9) { assert_null(r->kern); continue; }
        assert_non_null(r->kern);
        kerned++;
        double sum = 0;
        size_t n = chars(r->text, r->len);
        assert_true(r->kern[0] == 0.0f);
        for (size_t k = 0; k < n; k++) sum += r->kern[k];
        assert_true(fabs(sum * 10 / 1000 - (full - plain)) < 1e-4);
    }
    assert_int_equal(kerned, 2);   /* AVATAR and Toets kern; "en" and "in" do not */
    assert_true(L.vl.ops[1].u.run.kern[1] < -40);   /* A|V pulls in (Carlito: −43.5) */
    zw_vlist_drop(&L.vl);
}

/* ---- PDF --------------------------------------------------------------------------------------- */

static char *run_cmd(const char *cmd) {
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 20, n = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - 1 - n, p)) > 0) n += got;
    out[n] = 0;
    pclose(p);
    return out;
}

/* TEXT as one kerned run on one page: qpdf is happy, the content has a TJ with AV's +43.5 (the kern
 * negated), and pdftotext gives the text back without spurious spaces. */
static void test_pdf_draws_kerned_run_with_tj(void **state) {
    world *w = *state;
    char dir[] = "/tmp/zw_kern_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char pdf[128], qdf[128], cmd[512];
    snprintf(pdf, sizeof pdf, "%s/k.pdf", dir);
    snprintf(qdf, sizeof qdf, "%s/q.pdf", dir);

    zw_display *dl = zw_display_new();
    const char *faces[] = {CARLITO};
    dl->faces = faces;
    dl->nfaces = 1;
    zw_page *pg = zw_display_add_page(dl, 595.28, 841.89);
    pg->label = "1";
    zw_run *r = zw_page_add_run(pg);
    *r = (zw_run){.x = 56.69, .y = 100, .w = w->m.width(w->m.ctx, 0, 24, TEXT, strlen(TEXT)), .ascent = 18,
                  .descent = 6, .face = 0, .size = 24, .text = TEXT, .len = strlen(TEXT), .role = ZW_ROLE_P,
                  .kern = kern_of(w, TEXT)};
    assert_true(r->kern[1] == -43.5f);
    assert_true(zw_pdf_write(dl, w->d, pdf));
    zw_display_drop(dl);

    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", pdf);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' '%s'", pdf, qdf);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "grep -a -i 'TJ$' '%s'", qdf);
    char *tj = run_cmd(cmd);
    assert_non_null(strcasestr(tj, "[<0041> 44 <0056"));   /* A, then V pulled 43.5/1000 em closer, written in whole thousandths */
    free(tj);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", pdf);
    char *txt = run_cmd(cmd);
    assert_non_null(strstr(txt, TEXT));
    free(txt);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_layout_runs_carry_their_kerning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdf_draws_kerned_run_with_tj, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
