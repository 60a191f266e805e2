/* test_oom.c — out-of-memory injection over the whole pipeline: for N = 1, 2, 3, … the Nth allocation
 * through the arena or zw_xmalloc/zw_xrealloc fails (zw_fail_alloc_after) while Jaarstukken 2020 is
 * loaded, bound, styled, laid out and written as a PDF, page by page as in main.c, into a fresh temporary folder.  Every run must end
 * cleanly: no crash (ASan/UBSan), no leak (LSan checks at exit), a failure reported as an error (or the
 * arena's out-of-memory flag, which the command line prints), and no file left in the folder.  The walk
 * ends at the first N whose run finishes without the injected failure firing (about N = 1800: the arena
 * allocates 64 KiB blocks, so only block allocations and zw_xmalloc/zw_xrealloc count).  N steps by one
 * up to OOM_DENSE and then geometrically by OOM_GROWTH to keep the test under a minute; OOM_N=k starts the
 * walk at k, to reproduce one case.  What libyaml, libharu, HarfBuzz and libhyphen allocate internally,
 * and plain calloc (font.c's advance cache, which only stops caching on failure), is not injected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zw_arena.h"
#include "zw_render.h"

#define OOM_DENSE 600     /* every N up to here */
#define OOM_GROWTH 1.03   /* then N grows by this factor */
#define OOM_LIMIT 50000000L

/* Everything one render owns, as in main.c. */
static const char *root_dir(void) {
    const char *r = getenv("ZW_ROOT");
    return r ? r : ".";
}

/* The Jaarstukken through the whole pipeline (zw_render, as main.c runs it) into `out`. */
static bool pipeline(zw_diags *d, zw_rendered *r, const char *out) {
    char data[PATH_MAX], layouts[PATH_MAX];
    snprintf(data, sizeof data, "%s/data/diemen/jaarstukken-2020.yaml", root_dir());
    snprintf(layouts, sizeof layouts, "%s/layouts", root_dir());
    zw_render_opts o = {.data = data, .layout = "jaarstukken", .layouts_dir = layouts, .pdf = out};
    return zw_render(&o, d, r);
}

/* Files in dir other than . and .. */
static int count_files(const char *dir) {
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int n = 0;
    for (struct dirent *e; (e = readdir(dp));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(dp);
    return n;
}

/* One render with the Nth allocation failing; true when the failure never fired (the walk is over). */
static bool render_failing_at(long n, const char *dir, long *clean_failures, long *absorbed) {
    char out[PATH_MAX];
    snprintf(out, sizeof out, "%s/out.pdf", dir);
    zw_fail_alloc_after(n);
    zw_diags *d = zw_diags_new();
    zw_rendered r = {0};
    bool ok = d && pipeline(d, &r, out);
    bool reported = !d || zw_diags_errors(d) > 0 || !r.a || zw_arena_failed(r.a);
    bool fired = zw_fail_alloc_pending() == 0;
    zw_fail_alloc_after(0);
    zw_rendered_drop(&r);
    zw_diags_drop(d);
    if (!ok && !reported) fail_msg("N=%ld: the render failed without an error or the out-of-memory flag", n);
    if (!ok) assert_int_equal(count_files(dir), 0);
    if (ok) assert_int_equal(unlink(out), 0);
    if (!ok) (*clean_failures)++;
    if (ok && fired) (*absorbed)++;
    return !fired;
}

static void test_every_allocation_fails_cleanly(void **state) {
    (void)state;
    char dir[] = "/tmp/zw_test_oom_XXXXXX";
    assert_non_null(mkdtemp(dir));
    long runs = 0, failures = 0, absorbed = 0, n = getenv("OOM_N") ? atol(getenv("OOM_N")) : 1;
    for (; n < OOM_LIMIT; n = n < OOM_DENSE ? n + 1 : (long)((double)n * OOM_GROWTH)) {
        runs++;
        if (render_failing_at(n, dir, &failures, &absorbed)) break;
    }
    print_message("%ld runs (N = 1..%d, then x%.2f): %ld clean errors, %ld failures absorbed (the render "
                  "succeeded: a cache such as hyphen.c's word cache went without); done at N = %ld\n", runs,
                  OOM_DENSE, OOM_GROWTH, failures, absorbed, n);
    assert_true(n < OOM_LIMIT);
    assert_true(failures > 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
