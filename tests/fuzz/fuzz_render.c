/* fuzz_render.c — libFuzzer target: the input as a data file, laid out with the real layout.
 *
 * layouts/programmabegroting.yaml (extends base: Carlito, justified, hyphenated), its fonts and the Dutch
 * hyphenator are loaded once in LLVMFuzzerInitialize (cwd = repository root).  Per input: fresh
 * diagnostics and zw_render (as main.c runs it, with that layout and hyphenator, no PDF) with a sink
 * that checks each page as it is handed over and dumps it to /dev/null (so the
 * page-by-page path runs: the piecemeal page builder, trimming, chunk arenas, held-back links).  The PDF writer is skipped to keep executions fast.  The document (and
 * so every note's number) is new per input; the hyphenator's word cache is the only state carried over.
 * Covers src/layout.c, text.c, linebreak.c, table.c, paginate.c, compose.c, display.c, dump.c, font.c
 * (measuring), hyphen.c, plus everything fuzz_data covers. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_dump.h"
#include "zw_font.h"
#include "zw_hyphen.h"
#include "zw_render.h"
#include "zw_style.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static zw_arena *g_arena;   /* the style's arena, kept for the whole run */
static zw_diags *g_diags;
static zw_fonts *g_fonts;
static zw_style *g_style;
static zw_hyphenator *g_hyph;
static FILE *g_null;

/* Invariants of a display list that no input may break; a violation aborts like a crash, so silent
 * NaN geometry or dangling indices are findings too.  Runs may leave the text area (overfull boxes are
 * reported as warnings), so only finiteness, sizes and index ranges are checked. */
#define CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "fuzz_render: invariant failed: " __VA_ARGS__); \
                                             fputc('\n', stderr); abort(); } } while (0)
#define FIN(v) isfinite(v)

/* Pages [from, to) of dl, as the sink gets them: finite geometry, known faces, links to pages that exist. */
static void check_pages(const zw_display *dl, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        const zw_page *pg = &dl->pages[i];
        CHECK(FIN(pg->width) && FIN(pg->height) && pg->width > 0 && pg->height > 0, "page %zu size", i);
        for (size_t k = 0; k < pg->nruns; k++) {
            const zw_run *r = &pg->runs[k];
            CHECK(FIN(r->x) && FIN(r->y) && FIN(r->w) && FIN(r->ascent) && FIN(r->descent) && FIN(r->size),
                  "page %zu run %zu '%.*s': non-finite geometry x=%g y=%g w=%g", i, k, (int)r->len,
                  r->text ? r->text : "", r->x, r->y, r->w);
            CHECK(r->size > 0, "page %zu run %zu size %g", i, k, r->size);
            CHECK(r->face >= 0 && (size_t)r->face < dl->nfaces, "page %zu run %zu face %d of %zu", i, k, r->face,
                  dl->nfaces);
            CHECK(r->text || r->len == 0, "page %zu run %zu: NULL text with length %zu", i, k, r->len);
            CHECK(r->role == ZW_ROLE_ARTIFACT ? r->elem < (int)dl->nelems
                                              : r->elem > 0 && (size_t)r->elem < dl->nelems &&
                                                    dl->elems[r->elem].role == r->role && dl->elems[r->elem].page >= 0,
                  "page %zu run %zu '%.*s': element %d of %zu (role %s)", i, k, (int)r->len, r->text ? r->text : "",
                  r->elem, dl->nelems, zw_role_name(r->role));
        }
        for (size_t k = 0; k < pg->nrules; k++) {
            const zw_rule *r = &pg->rules[k];
            CHECK(FIN(r->x0) && FIN(r->y0) && FIN(r->x1) && FIN(r->y1) && FIN(r->width), "page %zu rule %zu", i, k);
        }
        for (size_t k = 0; k < pg->nfills; k++) {
            const zw_fill *f = &pg->fills[k];
            CHECK(FIN(f->x) && FIN(f->y) && FIN(f->w) && FIN(f->h), "page %zu fill %zu", i, k);
        }
        for (size_t k = pg->late0; k < pg->late1; k++)
            CHECK(k < dl->nlates && dl->lates[k].page == (int)i, "page %zu late box %zu of %zu", i, k, dl->nlates);
        for (size_t k = 0; k < pg->nlinks; k++) {
            const zw_link *l = &pg->links[k];
            CHECK(l->dest_elem < (int)dl->nelems, "page %zu link %zu to element %d of %zu", i, k, l->dest_elem,
                  dl->nelems);
            CHECK(l->dest_page >= 0 && (size_t)l->dest_page < dl->npages && FIN(l->dest_y),
                  "page %zu link %zu to page %d of %zu", i, k, l->dest_page, dl->npages);
        }
    }
    for (size_t e = 1; e < dl->nelems; e++)   /* the tree: a parent before its children */
        CHECK(dl->elems[e].parent >= 0 && (size_t)dl->elems[e].parent < e, "element %zu: parent %d", e,
              dl->elems[e].parent);
    for (size_t k = 0; k < dl->noutline; k++)
        CHECK(dl->outline[k].page >= 0 && (size_t)dl->outline[k].page < dl->npages && FIN(dl->outline[k].y),
              "outline %zu to page %d of %zu", k, dl->outline[k].page, dl->npages);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    fuzz_chdir_root();
    g_arena = zw_arena_new();
    g_diags = zw_diags_new();
    g_fonts = zw_fonts_new();
    if (!g_arena || !g_diags || !g_fonts) abort();
    g_style = zw_style_load(g_arena, g_diags, g_fonts, "layouts/programmabegroting.yaml", "layouts", ZW_NOPOS);
    if (g_style) g_hyph = zw_hyphenator_new(g_diags, ZW_HYPHEN_DICT, g_style->hyph_left, g_style->hyph_right);
    if (!g_style || !g_hyph) {
        zw_diags_print(g_diags, stderr);
        abort();
    }
    for (int i = 0; i < g_style->nhyph_except; i++) zw_hyphenator_except(g_hyph, g_style->hyph_except[i]);
    g_null = fopen("/dev/null", "w");
    if (!g_null) abort();
    return 0;
}

/* Pages are checked and dumped as layout hands them over (the streaming path main.c takes). */
static bool sink_pages(void *ctx, const zw_display *dl, size_t from, size_t to) {
    (void)ctx;
    check_pages(dl, from, to);
    zw_dump_pages(dl, from, to, g_null);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    zw_diags *d = zw_diags_new();
    if (!d) abort();
    zw_sink sink = {sink_pages, NULL};
    zw_render_opts o = {.data = "fuzz.yaml", .src = (const char *)data, .len = size, .style = g_style,
                        .fonts = g_fonts, .hyph = g_hyph, .sink = &sink};
    zw_rendered r;
    zw_dump_begin(g_null);
    zw_render(&o, d, &r);
    if (r.dl) {
        CHECK(r.dl->npages > 0, "no pages");
        (void)zw_dump_end(r.dl, g_null);
    }
    zw_rendered_drop(&r);
    zw_diags_drop(d);
    return 0;
}
