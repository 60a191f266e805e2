/* test_scratch.c — the setter's reusable work buffers and line arena (zw_setter.scratch, .lines) change
 * nothing: paragraphs set one after another with them give exactly the lines set without them, also
 * after the line arena is reset, and column-width extents agree too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_font.h"
#include "zw_text.h"

static const char *const texts[] = {
    "Een korte regel.",
    "De gemeente Diemen investeert in 2021 ongeveer 3,5 miljoen euro in onderwijshuisvesting en "
    "sportvoorzieningen, waarvan een deel al in de begroting van 2020 was opgenomen.",
    "Kort",
    "Onderwijshuisvestingsprogramma Wmo-voorzieningen jeugdhulpverlening.",
    "Een korte regel.",   /* again: the width cache answers */
};

static zw_text text_of(zw_span *sp, const char *s) {
    *sp = (zw_span){ZW_SPAN_TEXT, 0, s, strlen(s), {NULL}, {"t.yaml", 1, 1}};
    return (zw_text){sp, 1, {"t.yaml", 1, 1}};
}

static void assert_same_lines(const zw_line *a, size_t na, const zw_line *b, size_t nb) {
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].n, b[i].n);
        assert_true(a[i].width == b[i].width && a[i].ratio == b[i].ratio && a[i].hyphen == b[i].hyphen);
        for (size_t k = 0; k < a[i].n; k++) {
            const zw_frag *f = &a[i].frags[k], *g = &b[i].frags[k];
            assert_true(f->x == g->x && f->w == g->w && f->len == g->len);
            assert_memory_equal(f->text, g->text, f->len);
        }
    }
}

static void test_scratch_changes_nothing(void **state) {
    (void)state;
    zw_arena *a = zw_arena_new(), *lines = zw_arena_new();
    zw_diags *d = zw_diags_new();
    zw_metrics m = fake_metrics();
    zw_setter plain = {.arena = a, .diags = d, .metrics = &m};
    zw_setter reuse = {.arena = a, .diags = d, .metrics = &m, .scratch = zw_set_scratch_new(), .lines = lines};
    assert_non_null(reuse.scratch);
    zw_parstyle st = {{0, 1, 2, 3}, 10, ZW_ALIGN_JUSTIFY, 0, 0.5, 0.35, false, zw_break_params_default(), NULL};
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
            zw_span sp;
            zw_text t = text_of(&sp, texts[i]);
            st.align = i % 2 ? ZW_ALIGN_LEFT : ZW_ALIGN_JUSTIFY;
            zw_line *l1, *l2;
            size_t n1, n2;
            assert_true(zw_set_paragraph(&plain, &st, &t, 150, &l1, &n1));
            assert_true(zw_set_paragraph(&reuse, &st, &t, 150, &l2, &n2));
            assert_same_lines(l1, n1, l2, n2);
            double lo1, hi1, lo2, hi2;
            zw_text_extent(&plain, &st, &t, &lo1, &hi1);
            zw_text_extent(&reuse, &st, &t, &lo2, &hi2);
            assert_true(lo1 == lo2 && hi1 == hi2);
        }
        zw_arena_reset(lines);   /* as layout does at every chapter */
    }
    zw_set_scratch_drop(reuse.scratch);
    zw_arena_drop(lines);
    zw_diags_drop(d);
    zw_arena_drop(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scratch_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
