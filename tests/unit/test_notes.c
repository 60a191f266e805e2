/* test_notes.c — footnote numbering through the whole pipeline with the fake fixed-width font:
 * footnote-numbering: page restarts the numbers on every page in the order of the marks, notes under a
 * table are lettered per table (table-note-marks: letters), a note marked in a table and in running text
 * has a label in each place, every mark has a note with its label on its page, and running out of memory
 * anywhere in layout fails cleanly. */
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
#include "zw_dump.h"
#include "zw_layout.h"
#include "zw_render.h"
#include "zw_value.h"

typedef struct fx { zw_diags *d; zw_rendered r; zw_display *dl; } fx;

static const char *const DOC =
    "document: {organisation: O, title: T, year: 2021, date: 2021-01-01, status: concept}\n"
    "chapters:\n"
    "  - title: C\n"
    "    blocks:\n"
    "      - paragraph: Een[^x] twee[^y] en een[^x] weer.\n"
    "      - pagebreak: true\n"
    "      - paragraph: Twee[^y] drie[^z] een[^x].\n"
    "      - table:\n"
    "          header: [[A, B]]\n"
    "          rows:\n"
    "            - [\"t[^t]\", \"1\"]\n"
    "            - [\"x[^x]\", \"2\"]\n"
    "            - [\"u[^u]\", \"3\"]\n"
    "footnotes: {x: Noot x., y: Noot y., z: Noot z., t: Noot t., u: Noot u.}\n";

/* Lay out `src` with a layout of tests/notes/layouts, the Nth allocation of layout failing (0: none),
 * pages handed to `sink` (NULL: kept); false when layout failed (after reporting an error). */
static bool lay_out_with(fx *f, const char *src, const char *layout, long fail_after, const zw_sink *sink) {
    f->d = zw_diags_new();
    char path[4096];
    const char *root = getenv("ZW_ROOT");
    snprintf(path, sizeof path, "%s/tests/notes/layouts/%s", root ? root : ".", layout);
    zw_metrics m = fake_metrics();
    zw_render_opts o = {.data = "t.yaml", .src = src, .len = strlen(src), .layout = path, .no_hyphenation = true,
                        .metrics = &m, .sink = sink, .keep_pages = !sink};
    zw_fail_alloc_after(fail_after);
    bool ok = zw_render(&o, f->d, &f->r);
    zw_fail_alloc_after(0);
    f->dl = f->r.dl;
    return ok;
}

static bool lay_out(fx *f, long fail_after) { return lay_out_with(f, DOC, "per-page.yaml", fail_after, NULL); }

static void done(fx *f) {
    zw_rendered_drop(&f->r);
    zw_diags_drop(f->d);
}

/* Whether page pg prints the number of note `key` reading `text` (the note itself, or the same note printed
 * again: page furniture then). */
static bool has_number(const zw_page *pg, const char *key, const char *text, size_t len) {
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *r = &pg->runs[i];
        if ((r->flags & ZW_RUN_NOTE_NUMBER) && (r->role == ZW_ROLE_NOTE || r->role == ZW_ROLE_ARTIFACT) && r->note
            && !strcmp(r->note, key) && r->len == len && !memcmp(r->text, text, len))
            return true;
    }
    return false;
}

/* The marks of the document as "page:key=label ..." (pages with marks only, counted from 1). */
static void marks(const fx *f, char *out, size_t cap) {
    size_t n = 0;
    out[0] = 0;
    for (size_t p = 0; p < f->dl->npages; p++) {
        const zw_page *pg = &f->dl->pages[p];
        for (size_t i = 0; i < pg->nruns; i++) {
            const zw_run *r = &pg->runs[i];
            if (r->role != ZW_ROLE_NOTE_MARK) continue;
            n += (size_t)snprintf(out + n, cap - n, "%s%zu:%s=%.*s", n ? " " : "", p + 1, r->note, (int)r->len,
                                  r->text);
            assert_true(has_number(pg, r->note, r->text, r->len));   /* its note, same label, same page */
            assert_true(n < cap);
        }
    }
}

/* Page numbers restart per page in mark order; the table's notes are a b c; x has a label per place. */
static void numbers_per_page_and_letters_per_table(void **state) {
    (void)state;
    fx f = {0};
    assert_true(lay_out(&f, 0));
    char got[512];
    marks(&f, got, sizeof got);
    const char *want_tail = ":x=1 3:y=2 3:x=1 4:y=1 4:z=2 4:x=3 4:t=a 4:x=b 4:u=c";   /* (after i, ii: contents) */
    size_t lt = strlen(want_tail), lg = strlen(got);
    if (lg < lt || strcmp(got + lg - lt, want_tail)) fail_msg("marks: %s", got);
    assert_int_equal(zw_diags_errors(f.d), 0);
    done(&f);
}

/* Out of memory at any allocation during layout (relabelling included): NULL and an error, never a crash. */
static void out_of_memory_fails_cleanly(void **state) {
    (void)state;
    long k = 1;
    for (; k < 100000; k++) {
        fx f = {0};
        bool ok = lay_out(&f, k);
        if (!ok) assert_true(zw_diags_errors(f.d) > 0);
        done(&f);
        if (ok) break;
    }
    assert_true(k > 1 && k < 100000);
}

/* ---- pages handed over as they are finished -------------------------------------------------- */

/* Three chapters, notes marked again
 * chapters later, a table with its notes under it, and a forced break.  (shared-pages.yaml: chapters
 * share pages, so a page is finished only once the next chapter has begun.) */
static const char *const CHAPTERS =
    "document: {organisation: O, title: T, year: 2021, date: 2021-01-01, status: concept}\n"
    "chapters:\n"
    "  - title: Een\n"
    "    blocks:\n"
    "      - paragraph: Een[^x] twee[^y] een twee drie vier vijf zes zeven acht negen tien elf twaalf.\n"
    "      - table:\n"
    "          header: [[A, B]]\n"
    "          rows: [[\"t[^t]\", \"1\"], [\"x\", \"2\"], [\"u[^u]\", \"3\"], [\"v\", \"4\"], [\"w\", \"5\"]]\n"
    "  - title: Twee\n"
    "    blocks:\n"
    "      - paragraph: Drie[^z] een[^x] vier vijf zes zeven acht negen tien elf twaalf dertien.\n"
    "      - pagebreak: true\n"
    "      - paragraph: Vier[^y] vijf.\n"
    "  - title: Drie\n"
    "    blocks:\n"
    "      - paragraph: Vijf[^x] zes[^z] zeven acht negen tien elf twaalf dertien veertien.\n"
    "footnotes: {x: Noot x., y: Noot y., z: Noot z., t: Noot t., u: Noot u.}\n";

typedef struct dumped { FILE *f; size_t calls; } dumped;

static bool dump_pages(void *ctx, const zw_display *dl, size_t from, size_t to) {
    dumped *d = ctx;
    zw_dump_pages(dl, from, to, d->f);
    d->calls++;
    return true;
}

/* The layout dump of CHAPTERS with `layout`, pages kept (sink NULL) or handed over as finished. */
static char *dump_of(const char *layout, bool streamed, size_t *calls) {
    fx f = {0};
    char *buf = NULL;
    size_t len = 0;
    dumped d = {open_memstream(&buf, &len), 0};
    assert_non_null(d.f);
    zw_sink sink = {dump_pages, &d};
    if (streamed) zw_dump_begin(d.f);
    assert_true(lay_out_with(&f, CHAPTERS, layout, 0, streamed ? &sink : NULL));
    assert_true(streamed ? zw_dump_end(f.dl, d.f) : zw_dump_write(f.dl, d.f));
    fclose(d.f);
    *calls = d.calls;
    done(&f);
    return buf;
}

/* Pages handed to a sink chapter by chapter are exactly the pages of a layout that keeps them all:
 * links to notes and back, page numbers, notes numbered per page or chapter, the outline. */
static void streamed_equals_whole(void **state) {
    (void)state;
    const char *layouts[] = {"per-page.yaml", "symbols-per-chapter.yaml", "shared-pages.yaml"};
    for (size_t i = 0; i < 3; i++) {
        size_t calls_whole, calls;
        char *whole = dump_of(layouts[i], false, &calls_whole);
        char *streamed = dump_of(layouts[i], true, &calls);
        assert_string_equal(whole, streamed);
        assert_true(calls >= 2);   /* handed over in more than one piece */
        size_t pages = 0;
        for (const char *p = whole; (p = strstr(p, "{\"page\":")); p++) pages++;
        assert_true(pages > calls_whole + 2);
        assert_non_null(strstr(whole, "\"links\":[{"));
        free(whole);
        free(streamed);
    }
}

/* Allocations failing in turn while pages are handed over (every one of the first 300, then every
 * twentieth or so, as test_oom does): a clean failure every time. */
static void streamed_out_of_memory(void **state) {
    (void)state;
    for (long n = 1; n < 10000000; n = n < 300 ? n + 1 : n + n / 20) {
        fx f = {0};
        FILE *null = fopen("/dev/null", "w");
        dumped d = {null, 0};
        zw_sink sink = {dump_pages, &d};
        bool ok = lay_out_with(&f, CHAPTERS, "per-page.yaml", n, &sink);
        bool fired = zw_fail_alloc_pending() == 0;
        if (!ok && zw_diags_errors(f.d) == 0) fail_msg("N=%ld: failed without an error", n);
        fclose(null);
        done(&f);
        if (!fired) break;
    }
}

/* A note that runs on past the last page of text fills a page of its own; that page's running footer
 * names the chapter the note belongs to (the last one), not the first. */
static void note_only_page_keeps_its_chapter(void **state) {
    (void)state;
    char src[16384];
    int n = snprintf(src, sizeof src,
                     "document: {organisation: O, title: T, year: 2021, date: 2021-01-01, status: concept}\n"
                     "chapters:\n  - title: Eerste\n    blocks: [{paragraph: Een.}]\n"
                     "  - title: Laatste\n    blocks: [{paragraph: \"Twee[^lang].\"}]\n"
                     "footnotes:\n  lang: \"");
    for (int k = 0; k < 900 && n < (int)sizeof src - 64; k++) n += snprintf(src + n, sizeof src - (size_t)n, "woord%d ", k);
    snprintf(src + n, sizeof src - (size_t)n, "einde.\"\n");
    fx f = {0};
    assert_true(lay_out_with(&f, src, "shared-pages.yaml", 0, NULL));
    const zw_page *last = &f.dl->pages[f.dl->npages - 1];
    bool note_only = true, footer_last = false;
    for (size_t i = 0; i < last->nruns; i++) {
        const zw_run *r = &last->runs[i];
        if (r->role != ZW_ROLE_NOTE && r->role != ZW_ROLE_ARTIFACT) note_only = false;
        if (r->role == ZW_ROLE_ARTIFACT && r->len >= 8 && memmem(r->text, r->len, "Laatste", 7)) footer_last = true;
    }
    assert_true(f.dl->npages >= 3);
    assert_true(note_only);
    assert_true(footer_last);
    done(&f);
}

/* ---- layout leaves the model as it found it ---------------------------------------------------- */

static char *dump_display(const zw_display *dl) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(zw_dump_write(dl, f));
    fclose(f);
    return buf;
}

static const char *notes_layout(const char *name, char *path, size_t cap) {
    const char *root = getenv("ZW_ROOT");
    snprintf(path, cap, "%s/tests/notes/layouts/%s", root ? root : ".", name);
    return path;
}

/* The dump of a fresh run: the data bound anew and laid out with `layout`. */
static char *fresh_dump(const char *layout) {
    fx f = {0};
    assert_true(lay_out_with(&f, CHAPTERS, layout, 0, NULL));
    char *d = dump_display(f.dl);
    done(&f);
    return d;
}

/* One model laid out with one layout, then another, then the first again: each time what a fresh run
 * gives (footnote numbers, labels and page notes live in layout's own state, not in the model). */
static void layout_twice_equals_fresh(void **state) {
    (void)state;
    const char *names[] = {"symbols-per-chapter.yaml", "per-page.yaml", "symbols-per-chapter.yaml"};
    zw_arena *a = zw_arena_new();
    zw_diags *d = zw_diags_new();
    zw_fonts *fonts = zw_fonts_new();
    zw_value *v = zw_yaml_parse(a, d, "t.yaml", CHAPTERS, strlen(CHAPTERS));
    const zw_doc *doc = v ? zw_doc_bind(a, d, v) : NULL;
    assert_non_null(doc);
    zw_metrics m = fake_metrics();
    for (size_t i = 0; i < 3; i++) {
        char path[4096];
        const zw_style *st = zw_style_load(a, d, fonts, notes_layout(names[i], path, sizeof path), NULL, ZW_NOPOS);
        assert_non_null(st);
        zw_display *dl = zw_layout(a, d, doc, st, &m, NULL, fonts, NULL);
        assert_non_null(dl);
        char *again = dump_display(dl), *fresh = fresh_dump(names[i]);
        assert_string_equal(again, fresh);
        free(again);
        free(fresh);
        zw_display_drop(dl);
    }
    assert_int_equal(zw_diags_errors(d), 0);
    zw_fonts_drop(fonts);
    zw_diags_drop(d);
    zw_arena_drop(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_per_page_and_letters_per_table),
        cmocka_unit_test(layout_twice_equals_fresh),
        cmocka_unit_test(out_of_memory_fails_cleanly),
        cmocka_unit_test(streamed_equals_whole),
        cmocka_unit_test(streamed_out_of_memory),
        cmocka_unit_test(note_only_page_keeps_its_chapter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
