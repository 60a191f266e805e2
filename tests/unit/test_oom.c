/* test_oom.c — allocation-failure injection: fail the Nth allocation for every N across a whole render
 * of a Diemen document; each run must end in a clean error (no crash, no leak under LeakSanitizer, no
 * output file left behind) until N is past the last allocation and the render succeeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include "zw_hyphen.h"
#include "zw_layout.h"
#include "zw_pdf.h"

#define DATA "data/diemen/jaarstukken-2020.yaml"

/* The pipeline of src/main.c: load, bind, style, hyphenator, layout, PDF.  true when it succeeded. */
static bool render(const char *out) {
    zw_arena *a = zw_arena_new();
    zw_diags *d = zw_diags_new();
    zw_fonts *f = zw_fonts_new();
    zw_hyphenator *h = NULL;
    zw_display *dl = NULL;
    bool ok = false;
    if (a && d && f) {
        zw_value *root = zw_yaml_load(a, d, DATA);
        zw_doc *doc = root ? zw_doc_bind(a, d, root) : NULL;
        zw_style *st = doc ? zw_style_load(a, d, f, "jaarstukken", "layouts", (zw_pos){DATA, 1, 1}) : NULL;
        h = st ? zw_hyphenator_new(d, ZW_HYPHEN_DICT, st->hyph_left, st->hyph_right) : NULL;
        zw_metrics m = zw_fonts_metrics(f);
        dl = h ? zw_layout(a, d, doc, st, &m, h, f) : NULL;
        if (dl) {
            dl->title = doc->title;
            dl->date = doc->date;
            ok = zw_pdf_write(dl, d, out) && zw_diags_errors(d) == 0;
        }
    }
    if (!ok && d) assert_true(zw_diags_errors(d) > 0 || !a || !f);   /* a failure is always reported */
    zw_display_drop(dl);
    zw_hyphenator_drop(h);
    zw_fonts_drop(f);
    zw_diags_drop(d);
    zw_arena_drop(a);
    return ok;
}

static bool dir_empty(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return false;
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d))) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n == 0;
}

static void every_allocation_can_fail(void **state) {
    (void)state;
    const char *root = getenv("ZW_ROOT");
    if (root) assert_int_equal(chdir(root), 0);
    char dir[] = "/tmp/zw-oom-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char out[64];
    snprintf(out, sizeof out, "%s/out.pdf", dir);
    long before = zw_alloc_count();
    assert_true(render(out));                      /* a clean run counts the allocations */
    long total = zw_alloc_count() - before;
    remove(out);
    long failed = 0;
    for (long n = 1; n <= total; n++) {            /* then every one of them fails once */
        zw_fail_alloc_after(n);
        bool ok = render(out);
        zw_fail_alloc_after(0);
        if (ok) { remove(out); continue; }         /* a failure the pipeline can absorb (a cache entry) */
        failed++;
        assert_true(dir_empty(dir));               /* no PDF and no temporary file after a failure */
    }
    print_message("%ld allocations per render; %ld of the injected failures ended the render cleanly, "
                  "the rest were absorbed\n", total, failed);
    assert_true(total > 10 && failed > 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(every_allocation_can_fail)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
