/* display.c — the display list: growable arrays of pages, runs, rules, fills, links and outline entries.
 *
 * Layout appends with the zw_*_add_* functions; each returns a zeroed element to fill in.  Arrays are
 * malloc'd (through zw_xrealloc, so tests can inject failures) and double when full.  Strings are borrowed
 * from the document arena and never freed here. */
#include "zw_display.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zw_arena.h"

const char *zw_role_name(zw_role r) {
    static const char *const names[] = {
        "P", "H1", "H2", "H3", "H4", "H5", "H6", "Title", "LI-Label", "LI-Body",
        "Caption", "TH", "TD", "NoteMark", "Note", "Link", "TOC", "Figure", "Artifact",
        "Document", "Sect", "Div", "L", "LI", "Table", "THead", "TBody", "TR", "TOCI",
    };
    _Static_assert(sizeof names / sizeof names[0] == ZW_ROLE_COUNT, "a name for every role");
    if ((unsigned)r >= sizeof names / sizeof names[0]) return "?";
    return names[r];
}

zw_display *zw_display_new(void) {
    zw_display *d = zw_xmalloc(sizeof *d);
    if (!d) return NULL;
    memset(d, 0, sizeof *d);
    if (zw_display_color(d, (zw_rgb){0, 0, 0}) != ZW_BLACK) {
        free(d);
        return NULL;
    }
    return d;
}

static void page_free(zw_page *p) {
    free(p->runs);
    free(p->rules);
    free(p->fills);
    free(p->links);
    free(p->lines);
    free(p->pics);
    free(p->paths);
}

void zw_page_clear(zw_page *p) {
    page_free(p);
    p->runs = NULL; p->rules = NULL; p->fills = NULL; p->links = NULL; p->lines = NULL; p->pics = NULL;
    p->paths = NULL;
    p->npaths = p->cappath = 0;
    p->nruns = p->caprun = p->nrules = p->caprule = p->nfills = p->capfill = 0;
    p->nlinks = p->caplink = p->nlines = p->capline = p->npics = p->cappic = 0;
}

void zw_display_drop(zw_display *d) {
    if (!d) return;
    for (size_t i = 0; i < d->npages; i++) page_free(&d->pages[i]);
    free(d->pages);
    free(d->outline);
    free(d->elems);
    for (size_t i = 0; i < d->nlates; i++) free(d->lates[i].runs);
    free(d->lates);
    free(d->colors);
    free(d->figures);
    free(d);
}

/* Room for element n of the array arr (cap allocated): the (possibly moved) array, or NULL when out of
 * memory (the old array is then untouched). */
static void *grow(void *arr, size_t n, size_t *cap, size_t elem) {
    return zw_grow(&arr, cap, n, elem) ? arr : NULL;
}

zw_page *zw_display_add_page(zw_display *d, double width, double height) {
    zw_page *a = grow(d->pages, d->npages, &d->cappage, sizeof *a);
    if (!a) return NULL;
    d->pages = a;
    zw_page *pg = &a[d->npages++];
    memset(pg, 0, sizeof *pg);
    pg->width = width;
    pg->height = height;
    return pg;
}

/* Body of an add function: append a zeroed T to the array field arr (count n, capacity cap) and return it. */
#define APPEND(T, arr, n, cap)                                       \
    do {                                                             \
        T *a_ = grow((arr), (n), &(cap), sizeof *a_);                \
        if (!a_) return NULL;                                        \
        (arr) = a_;                                                  \
        memset(&a_[n], 0, sizeof *a_);                               \
        return &a_[(n)++];                                           \
    } while (0)

bool zw_page_reserve(zw_page *p, size_t runs, size_t rules, size_t fills, size_t lines) {
    return runs <= SIZE_MAX - p->nruns && rules <= SIZE_MAX - p->nrules && fills <= SIZE_MAX - p->nfills &&
           lines <= SIZE_MAX - p->nlines &&
           zw_reserve((void **)&p->runs, &p->caprun, p->nruns + runs, sizeof *p->runs) &&
           zw_reserve((void **)&p->rules, &p->caprule, p->nrules + rules, sizeof *p->rules) &&
           zw_reserve((void **)&p->fills, &p->capfill, p->nfills + fills, sizeof *p->fills) &&
           zw_reserve((void **)&p->lines, &p->capline, p->nlines + lines, sizeof *p->lines);
}

zw_run *zw_page_add_run(zw_page *p) { APPEND(zw_run, p->runs, p->nruns, p->caprun); }

zw_run *zw_page_copy_run(zw_page *p, const zw_run *r) {
    zw_run *a = grow(p->runs, p->nruns, &p->caprun, sizeof *a);
    if (!a) return NULL;
    p->runs = a;
    a[p->nruns] = *r;
    return &a[p->nruns++];
}
zw_rule *zw_page_add_rule(zw_page *p) { APPEND(zw_rule, p->rules, p->nrules, p->caprule); }
zw_fill *zw_page_add_fill(zw_page *p) { APPEND(zw_fill, p->fills, p->nfills, p->capfill); }
zw_link *zw_page_add_link(zw_page *p) { APPEND(zw_link, p->links, p->nlinks, p->caplink); }
zw_dline *zw_page_add_line(zw_page *p) { APPEND(zw_dline, p->lines, p->nlines, p->capline); }
zw_pic *zw_page_add_pic(zw_page *p) { APPEND(zw_pic, p->pics, p->npics, p->cappic); }
zw_path *zw_page_add_path(zw_page *p) { APPEND(zw_path, p->paths, p->npaths, p->cappath); }
zw_figure *zw_display_add_figure(zw_display *d) { APPEND(zw_figure, d->figures, d->nfigures, d->capfigures); }

const zw_figure *zw_display_figure(const zw_display *d, int e) {
    size_t lo = 0, hi = d->nfigures;   /* made in the order of their elements */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->figures[mid].elem < e) lo = mid + 1;
        else hi = mid;
    }
    return lo < d->nfigures && d->figures[lo].elem == e ? &d->figures[lo] : NULL;
}

zw_outline *zw_display_add_outline(zw_display *d) { APPEND(zw_outline, d->outline, d->noutline, d->capoutline); }

int zw_display_add_elem(zw_display *d, zw_role role, int parent) {
    if (d->nelems >= INT32_MAX || !zw_grow((void **)&d->elems, &d->capelems, d->nelems, sizeof *d->elems)) return -1;
    d->elems[d->nelems] = (zw_elem){.parent = parent, .page = -1, .ref = -1, .colspan = 1, .rowspan = 1,
                                    .role = (uint8_t)role};
    return (int)d->nelems++;
}

zw_rgb zw_rgb_grey(zw_rgb c) {
    double v = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
    v = round(v * 1000) / 1000;   /* as the writer prints it: equal parts stay equal */
    return (zw_rgb){v, v, v};
}

int zw_display_color(zw_display *d, zw_rgb c) {
    for (size_t i = 0; i < d->ncolors; i++)
        if (d->colors[i].r == c.r && d->colors[i].g == c.g && d->colors[i].b == c.b) return (int)i;
    if (d->ncolors >= ZW_MAX_COLORS || !zw_grow((void **)&d->colors, &d->capcolors, d->ncolors, sizeof *d->colors))
        return -1;
    d->colors[d->ncolors] = c;
    return (int)d->ncolors++;
}

zw_late *zw_display_add_late(zw_display *d) { APPEND(zw_late, d->lates, d->nlates, d->caplates); }

bool zw_display_dest(const zw_display *d, const zw_link *l, int *page, double *y) {
    if (l->dest_elem < 0) {
        *page = l->dest_page;
        *y = l->dest_y;
        return true;
    }
    int e = l->dest_elem;
    if ((size_t)e >= d->nelems) return false;
    if (l->via) e = d->elems[e].ref;
    if (e < 0 || (size_t)e >= d->nelems || d->elems[e].page < 0) return false;
    *page = d->elems[e].page;
    *y = d->elems[e].y - ZW_LINK_ABOVE;
    return true;
}
