/* test_table.c — table layout through the whole pipeline with the fake fixed-width font: rows taller than
 * the page are split (also with split-rows: false and with cells whose lines are out of step), nothing is
 * drawn outside the text area and no word of a cell is lost. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_font.h"
#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_render.h"

typedef struct fx { zw_diags *d; zw_rendered r; zw_display *dl; } fx;

/* Lay out `yaml` with the layout file tests/tables/<layout>; the display list in f->dl. */
static void lay_out(fx *f, const char *yaml, const char *layout) {
    f->d = zw_diags_new();
    char path[4096];
    const char *root = getenv("ZW_ROOT");
    snprintf(path, sizeof path, "%s/tests/tables/%s", root ? root : ".", layout);
    zw_metrics m = fake_metrics();
    zw_render_opts o = {.data = "t.yaml", .src = yaml, .len = strlen(yaml), .layout = path, .no_hyphenation = true,
                        .metrics = &m, .keep_pages = true};
    zw_render(&o, f->d, &f->r);
    f->dl = f->r.dl;
    if (!f->dl) zw_diags_print(f->d, stderr);
}

static void done(fx *f) {
    zw_rendered_drop(&f->r);
    zw_diags_drop(f->d);
}

/* Every run inside its page's text area; returns how many TD runs read `word`. */
static size_t check_runs(const fx *f, const char *word) {
    size_t n = 0;
    for (size_t p = 0; p < f->dl->npages; p++) {
        const zw_page *pg = &f->dl->pages[p];
        for (size_t i = 0; i < pg->nruns; i++) {
            const zw_run *r = &pg->runs[i];
            if (r->role == ZW_ROLE_ARTIFACT) continue;
            assert_true(r->y - r->ascent >= pg->area_y - 0.05);
            assert_true(r->y + r->descent <= pg->area_y + pg->area_h + 0.05);
            if (r->role == ZW_ROLE_TD && r->len == strlen(word) && !memcmp(r->text, word, r->len)) n++;
        }
    }
    return n;
}

#define HEAD "document: {organisation: O, title: T, year: 2021, date: 2021-01-01, status: concept}\n" \
             "chapters:\n  - title: C\n    blocks:\n      - table:\n          header: [[A, B]]\n          rows:\n"

/* A document whose one row has `paras` one-word paragraphs ("woord") beside a long paragraph. */
static char *tall_row_doc(int paras) {
    size_t cap = strlen(HEAD) + (size_t)paras * 12 + 40000;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n = (size_t)snprintf(s, cap, "%s            - [[", HEAD);
    for (int i = 0; i < paras; i++) n += (size_t)snprintf(s + n, cap - n, "%swoord", i ? ", " : "");
    n += (size_t)snprintf(s + n, cap - n, "], \"");
    for (int i = 0; i < 2000; i++) n += (size_t)snprintf(s + n, cap - n, "%slang", i ? " " : "");
    snprintf(s + n, cap - n, "\"]\n");
    return s;
}

/* split-rows: false, and a row several pages tall: split anyway, nothing past the margin, nothing lost. */
static void unsplittable_row_taller_than_page_splits(void **state) {
    (void)state;
    char *doc = tall_row_doc(150);
    fx f = {0};
    lay_out(&f, doc, "no-split.yaml");
    assert_true(f.dl->npages >= 3);
    assert_int_equal(check_runs(&f, "woord"), 150);
    assert_int_equal(check_runs(&f, "lang"), 2000);
    assert_int_equal(zw_diags_warnings(f.d), 0);
    done(&f);
    free(doc);
}

/* Cell paragraphs 0.5 pt apart put the two cells' lines out of step: no clean cut for pages on end. */
static void row_without_clean_cut_splits(void **state) {
    (void)state;
    char *doc = tall_row_doc(300);
    fx f = {0};
    lay_out(&f, doc, "forced-cuts.yaml");
    assert_true(f.dl->npages >= 5);
    assert_int_equal(check_runs(&f, "woord"), 300);
    assert_int_equal(check_runs(&f, "lang"), 2000);
    assert_int_equal(zw_diags_warnings(f.d), 0);
    done(&f);
    free(doc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unsplittable_row_taller_than_page_splits),
        cmocka_unit_test(row_without_clean_cut_splits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
