/* test_lists.c — the lists of tables and of figures through the pipeline with the fake fixed-width font,
 * in tests/nav/lijsten.yaml (begroting.yaml with both lists): one TOC each after the contents, an entry
 * per captioned table (in a section, in a list item) and per captioned image or chart, in the data's
 * order, none for what has no caption; each entry prints its caption without footnote marks, the label
 * of its caption's page as late content, and is a link there; a layout that asks for a list the document
 * has nothing for warns; and out of memory anywhere fails cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_font.h"
#include "zw_arena.h"
#include "zw_render.h"

typedef struct fx { zw_diags *d; zw_rendered r; } fx;

static const char *const DOC =
    "document: {organisation: Gemeente Proef, title: Begroting}\n"
    "chapters:\n"
    "  - title: Cijfers\n"
    "    blocks:\n"
    "      - table: {caption: \"Lasten[^n]\", rows: [[a, \"1\"]]}\n"
    "      - table: {rows: [[zonder bijschrift, \"2\"]]}\n"
    "      - chart: {type: columns, caption: Groei, categories: [\"2024\"], series: [{name: A, values: [\"3\"]}]}\n"
    "      - pagebreak: true\n"
    "      - section:\n"
    "          title: Verder\n"
    "          blocks:\n"
    "            - list:\n"
    "                - - paragraph: Punt\n"
    "                  - table: {caption: Genest, rows: [[b, \"4\"]]}\n"
    "            - chart: {type: bar, categories: [x], series: [{name: B, values: [\"5\"]}]}\n"
    "  - title: Meer\n"
    "    blocks:\n"
    "      - chart: {type: line, caption: Lijn, categories: [\"1\", \"2\"], series: [{name: C, values: [\"1\", \"2\"]}]}\n"
    "footnotes: {n: Inclusief de septembercirculaire.}\n";

static bool render(fx *f, const char *src, const char *layout, long fail_after) {
    f->d = zw_diags_new();
    char dir[4096], lay[4096];
    const char *root = getenv("ZW_ROOT");
    snprintf(dir, sizeof dir, "%s/layouts", root ? root : ".");
    snprintf(lay, sizeof lay, "%s/tests/nav/%s", root ? root : ".", layout);
    zw_metrics m = fake_metrics();
    zw_render_opts o = {.data = "t.yaml", .src = src, .len = strlen(src), .layout = lay, .layouts_dir = dir,
                        .no_hyphenation = true, .metrics = &m, .keep_pages = true};
    zw_fail_alloc_after(fail_after);
    bool ok = zw_render(&o, f->d, &f->r);
    zw_fail_alloc_after(0);
    return ok;
}

static void done(fx *f) {
    zw_rendered_drop(&f->r);
    zw_diags_drop(f->d);
}

/* The text of element e's runs (content, or late when `late`), words joined with spaces, into buf. */
static const char *text_of(const zw_display *dl, int e, bool late, char *buf, size_t cap) {
    size_t n = 0;
    buf[0] = 0;
    for (size_t p = 0; p < dl->npages && !late; p++)
        for (size_t i = 0; i < dl->pages[p].nruns; i++) {
            const zw_run *r = &dl->pages[p].runs[i];
            if (r->elem == e && r->role != ZW_ROLE_ARTIFACT && n + r->len + 2 < cap)
                n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", n ? " " : "", (int)r->len, r->text);
        }
    for (size_t k = 0; k < dl->nlates && late; k++)
        for (size_t i = 0; i < dl->lates[k].nruns; i++) {
            const zw_run *r = &dl->lates[k].runs[i];
            if (r->elem == e && n + r->len + 1 < cap) n += (size_t)snprintf(buf + n, cap - n, "%.*s", (int)r->len, r->text);
        }
    return buf;
}

/* The entries (TOCI) of the k-th TOC element into out; how many. */
static size_t entries(const zw_display *dl, int k, int *out, size_t cap) {
    int toc = -1;
    for (size_t e = 0; e < dl->nelems && k >= 0; e++)
        if (dl->elems[e].role == ZW_ROLE_TOC && k-- == 0) toc = (int)e;
    assert_true(toc >= 0);
    size_t n = 0;
    for (size_t e = 0; e < dl->nelems && n < cap; e++)
        if (dl->elems[e].parent == toc && dl->elems[e].role == ZW_ROLE_TOCI) out[n++] = (int)e;
    return n;
}

/* Whether a link on entry e's page leads, through e, to its target. */
static bool linked(const zw_display *dl, int e) {
    const zw_page *pg = &dl->pages[dl->elems[e].page];
    for (size_t i = 0; i < pg->nlinks; i++)
        if (pg->links[i].dest_elem == e && pg->links[i].via) return true;
    return false;
}

/* List k lists the captions want (of tables or figures: `parent`), each entry its caption's text, the label
 * of its page, and a link. */
static void check_list(const zw_display *dl, int k, zw_role parent, const char *const *want, size_t nwant) {
    int e[8];
    char a[256], b[256];
    assert_int_equal(entries(dl, k, e, 8), nwant);
    for (size_t i = 0; i < nwant; i++) {
        int cap = dl->elems[e[i]].ref;
        assert_true(cap >= 0);
        assert_int_equal(dl->elems[cap].role, ZW_ROLE_CAPTION);
        assert_int_equal(dl->elems[dl->elems[cap].parent].role, parent);
        assert_string_equal(text_of(dl, cap, false, a, sizeof a), want[i]);
        assert_string_equal(text_of(dl, e[i], false, b, sizeof b), want[i]);
        assert_string_equal(text_of(dl, e[i], true, b, sizeof b), dl->pages[dl->elems[cap].page].label);
        assert_true(linked(dl, e[i]));
    }
}

static void captions_listed(void **state) {
    (void)state;
    fx f;
    assert_true(render(&f, DOC, "lijsten.yaml", 0));
    const zw_display *dl = f.r.dl;
    size_t ntocs = 0;
    for (size_t e = 0; e < dl->nelems; e++) ntocs += dl->elems[e].role == ZW_ROLE_TOC;
    assert_int_equal(ntocs, 3);   /* the contents, then the list of tables and the list of figures */
    /* (the first caption's footnote mark is its own element, left out of its entry too) */
    check_list(dl, 1, ZW_ROLE_TABLE, (const char *const[]){"Lasten", "Genest"}, 2);
    check_list(dl, 2, ZW_ROLE_FIGURE, (const char *const[]){"Groei", "Lijn"}, 2);
    assert_int_equal(zw_diags_count(f.d), 0);
    done(&f);
}

static void nothing_to_list(void **state) {
    (void)state;
    fx f;
    assert_true(render(&f, "document: {organisation: O, title: T}\nchapters: [{title: C, blocks: [{table: {rows: "
                       "[[a]]}}]}]\n", "lijsten.yaml", 0));
    assert_int_equal(zw_diags_count(f.d), 2);
    assert_non_null(strstr(zw_diags_message(f.d, 0), "lijsten.yaml:5:11: warning: the layout asks for a list of "
                                                      "tables ('Lijst van tabellen'), but no table in t.yaml has a caption"));
    assert_non_null(strstr(zw_diags_message(f.d, 1), "lijsten.yaml:6:12: warning: the layout asks for a list of "
                                                      "figures"));
    size_t ntocs = 0;
    for (size_t e = 0; e < f.r.dl->nelems; e++) ntocs += f.r.dl->elems[e].role == ZW_ROLE_TOC;
    assert_int_equal(ntocs, 1);
    done(&f);
}

static void off_by_default(void **state) {
    (void)state;
    fx f;
    assert_true(render(&f, DOC, "begroting.yaml", 0));
    size_t ntocs = 0;
    for (size_t e = 0; e < f.r.dl->nelems; e++) ntocs += f.r.dl->elems[e].role == ZW_ROLE_TOC;
    assert_int_equal(ntocs, 1);
    assert_int_equal(zw_diags_count(f.d), 0);
    done(&f);
}

static void out_of_memory(void **state) {
    (void)state;
    for (long n = 1; n < 400000; n += 1 + n / 16) {
        fx f;
        bool ok = render(&f, DOC, "lijsten.yaml", n);
        if (!ok) assert_true(zw_diags_errors(f.d) > 0);
        bool fired = zw_fail_alloc_pending() == 0;
        done(&f);
        if (ok && !fired) break;   /* the failure fell beyond the render: every allocation was tried */
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(captions_listed),
        cmocka_unit_test(nothing_to_list),
        cmocka_unit_test(off_by_default),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
