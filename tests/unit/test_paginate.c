/* test_paginate.c — the page builder on synthetic vertical lists with hand-computable breaks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "zw_vlist.h"

static void box(zw_vlist *vl, double h) { zw_vitem *it = zw_vlist_add(vl, ZW_VBOX); it->h = h; }
static void glue(zw_vlist *vl, double h) { zw_vitem *it = zw_vlist_add(vl, ZW_VGLUE); it->h = h; }
static void pen(zw_vlist *vl, double p) { zw_vitem *it = zw_vlist_add(vl, ZW_VPENALTY); it->penalty = p; }

static int page_of(const zw_pages *pg, size_t item) {
    for (size_t i = 0; i < pg->nboxes; i++)
        if (pg->boxes[i].item == item) return pg->boxes[i].page;
    return -1;
}

/* Ten 10-pt lines with breaks allowed everywhere on a 35-pt page: 3 lines a page, 4 pages. */
static void fills_pages_greedily(void **state) {
    (void)state;
    zw_vlist vl = {0};
    for (int i = 0; i < 10; i++) { if (i) pen(&vl, 0); box(&vl, 10); }
    zw_pages pg;
    assert_true(zw_paginate(&vl, 35, 35, 0, &pg));
    assert_int_equal(pg.npages, 4);
    assert_int_equal(page_of(&pg, 0), 0);
    assert_int_equal(page_of(&pg, 2 * 2), 0);   /* line 3 (item 4) */
    assert_int_equal(page_of(&pg, 3 * 2), 1);   /* line 4 starts page 2 */
    assert_float_equal(pg.boxes[3].y, 0, 1e-9);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* Forbidden breaks (widows/orphans) move lines: 5 lines, 40-pt page, break only after line 2 or 3
 * allowed where the remaining lines are >= 2: lines 1..3 | 4..5, with breaks after line 1 and 4 forbidden. */
static void respects_infinite_penalties(void **state) {
    (void)state;
    zw_vlist vl = {0};
    double p[] = {ZW_VINF, 0, 0, ZW_VINF};
    for (int i = 0; i < 5; i++) { if (i) pen(&vl, p[i - 1]); box(&vl, 10); }
    zw_pages pg;
    assert_true(zw_paginate(&vl, 35, 35, 0, &pg));   /* 3 lines fit; break after line 3 is allowed */
    assert_int_equal(pg.npages, 2);
    assert_int_equal(page_of(&pg, 4), 0);        /* line 3 */
    assert_int_equal(page_of(&pg, 6), 1);        /* line 4 */
    zw_pages_drop(&pg);
    /* on a 45-pt page 4 lines fit, but the break after line 4 is forbidden: break after line 3 */
    assert_true(zw_paginate(&vl, 45, 45, 0, &pg));
    assert_int_equal(page_of(&pg, 6), 1);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* Glue is a breakpoint after a box and vanishes at the top of a page. */
static void glue_discarded_at_top(void **state) {
    (void)state;
    zw_vlist vl = {0};
    box(&vl, 20); glue(&vl, 8); box(&vl, 20);
    zw_pages pg;
    assert_true(zw_paginate(&vl, 30, 30, 0, &pg));
    assert_int_equal(pg.npages, 2);
    assert_float_equal(pg.boxes[1].y, 0, 1e-9);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* A forced break ends the page; one at the top of a page makes no empty page. */
static void forced_breaks(void **state) {
    (void)state;
    zw_vlist vl = {0};
    pen(&vl, -ZW_VINF); box(&vl, 5); pen(&vl, -ZW_VINF); pen(&vl, -ZW_VINF); box(&vl, 5);
    zw_pages pg;
    assert_true(zw_paginate(&vl, 100, 100, 0, &pg));
    assert_int_equal(pg.npages, 2);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* Progress: a box taller than the page is placed alone and counted; no breakpoint → break before the
 * box that does not fit. */
static void progress_guarantee(void **state) {
    (void)state;
    zw_vlist vl = {0};
    box(&vl, 10); box(&vl, 500); box(&vl, 10);
    zw_pages pg;
    assert_true(zw_paginate(&vl, 100, 100, 0, &pg));
    assert_int_equal(pg.npages, 3);
    assert_int_equal(pg.overfull, 1);
    assert_int_equal(pg.first_overfull, 1);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* Table header boxes repeat at the top of a continuation page. */
static void repeats_table_header(void **state) {
    (void)state;
    zw_vlist vl = {0};
    vl.tables = calloc(1, sizeof *vl.tables);
    vl.ntables = vl.captables = 1;
    box(&vl, 10); vl.items[0].table = 0; vl.items[0].repeat = true;           /* header */
    for (int i = 0; i < 5; i++) { pen(&vl, i ? 0 : ZW_VINF); box(&vl, 10); vl.items[vl.n - 1].table = 0; }
    vl.tables[0] = (zw_vtable){0, 0, 1, (size_t)-1};
    zw_pages pg;
    assert_true(zw_paginate(&vl, 30, 30, 0, &pg));   /* header + 2 rows | header + 2 rows | header + 1 row */
    assert_int_equal(pg.npages, 3);
    int headers = 0;
    for (size_t i = 0; i < pg.nboxes; i++)
        if (pg.boxes[i].item == 0) { headers++; assert_float_equal(pg.boxes[i].y, 0, 1e-9); }
    assert_int_equal(headers, 3);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* A mark in a repeated table header prints its note once, on the page where the header first stands; the
 * repeated copies are flagged so that compose leaves their marks out (issue: "marks inside a repeated
 * table header do not print their note again on every page"). */
static void repeated_header_notes(void **state) {
    (void)state;
    zw_vlist vl = {0};
    vl.tables = calloc(1, sizeof *vl.tables);
    vl.ntables = vl.captables = 1;
    vl.notes = calloc(1, sizeof *vl.notes);
    vl.nnotes = vl.capnotes = 1;
    vl.notes[0].h = 5;
    box(&vl, 10); vl.items[0].table = 0; vl.items[0].repeat = true;           /* header with a mark */
    zw_vlist_ref(&vl, 0); vl.items[0].note1 = vl.nrefs;
    for (int i = 0; i < 5; i++) { pen(&vl, i ? 0 : ZW_VINF); box(&vl, 10); vl.items[vl.n - 1].table = 0; }
    vl.tables[0] = (zw_vtable){0, 0, 1, (size_t)-1};
    zw_pages pg;
    assert_true(zw_paginate(&vl, 40, 40, 5, &pg));   /* header + 2 rows + note (10) | header + 3 rows */
    assert_int_equal(pg.npages, 2);
    assert_int_equal(pg.nnotes, 1);
    assert_int_equal(pg.notes[0].page, 0);
    int repeats = 0;
    for (size_t i = 0; i < pg.nboxes; i++)
        if (pg.boxes[i].item == 0) {
            assert_int_equal(pg.boxes[i].repeat, pg.boxes[i].page == 1);
            repeats += pg.boxes[i].repeat;
        }
    assert_int_equal(repeats, 1);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* A note taller than any page starts under its mark and continues at the foot of the next pages. */
static void long_note_splits(void **state) {
    (void)state;
    zw_vlist vl = {0};
    vl.notes = calloc(1, sizeof *vl.notes);
    vl.nnotes = vl.capnotes = 1;
    for (int i = 0; i < 10; i++) { zw_vnline *l = zw_vlist_nline(&vl); l->y = 10.0 * i; l->h = 10; }
    vl.notes[0] = (zw_vnote){100, 0, 0, 0, 10, -1};
    box(&vl, 10); zw_vlist_ref(&vl, 0); vl.items[0].note1 = vl.nrefs;
    zw_pages pg;
    assert_true(zw_paginate(&vl, 50, 50, 5, &pg));   /* 3 lines beside the mark, then 4, then 3 */
    assert_int_equal(pg.npages, 3);
    assert_int_equal(pg.overfull, 0);
    assert_int_equal(pg.nnotes, 3);
    size_t want[3][2] = {{0, 3}, {3, 7}, {7, 10}};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(pg.notes[i].page, (int)i);
        assert_int_equal(pg.notes[i].l0, want[i][0]);
        assert_int_equal(pg.notes[i].l1, want[i][1]);
    }
    assert_float_equal(pg.notes[0].y, 50 - 30 - 5 + 5, 1e-9);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* A box whose footnote does not fit beside it moves to the next page with its note. */
static void note_moves_with_mark(void **state) {
    (void)state;
    zw_vlist vl = {0};
    vl.notes = calloc(1, sizeof *vl.notes);
    vl.nnotes = vl.capnotes = 1;
    vl.notes[0].h = 30;
    box(&vl, 10); pen(&vl, 0); box(&vl, 10); pen(&vl, 0);
    box(&vl, 10); zw_vlist_ref(&vl, 0); vl.items[vl.n - 1].note1 = vl.nrefs;   /* marked line */
    zw_pages pg;
    assert_true(zw_paginate(&vl, 50, 50, 5, &pg));  /* 30 + 35 > 50: the marked line moves */
    assert_int_equal(pg.npages, 2);
    assert_int_equal(page_of(&pg, 4), 1);
    assert_int_equal(pg.nnotes, 1);
    assert_int_equal(pg.notes[0].page, 1);
    assert_float_equal(pg.notes[0].y, 50 - 35 + 5, 1e-9);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* Orientation: two portrait lines, three landscape lines (a wide table), two portrait lines; breaks
 * allowed everywhere and everything would fit one portrait page.  The landscape lines get a page of
 * their own, filled to the landscape height (25 pt: two lines a page); the last lines a portrait page. */
static void orientation_switch(void **state) {
    (void)state;
    zw_vlist vl = {0};
    for (int i = 0; i < 7; i++) {
        if (i) pen(&vl, 0);
        box(&vl, 10);
        vl.items[vl.n - 1].landscape = i >= 2 && i < 5;
    }
    zw_pages pg;
    assert_true(zw_paginate(&vl, 100, 25, 0, &pg));
    assert_int_equal(pg.npages, 4);
    int want[7] = {0, 0, 1, 1, 2, 3, 3};
    bool land[4] = {false, true, true, false};
    for (size_t i = 0; i < 7; i++) assert_int_equal(page_of(&pg, 2 * i), want[i]);
    for (int p = 0; p < 4; p++) assert_int_equal(pg.landscape[p], land[p]);
    assert_float_equal(pg.boxes[2].y, 0, 1e-9);   /* the first landscape line tops its page */
    assert_float_equal(pg.boxes[5].y, 0, 1e-9);   /* and the portrait line after the table */
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

/* ---- the page builder run piecemeal (zw_pager_run, zw_vlist_trim) ------------------------------- */

typedef struct placed { int page; size_t item; double y; } placed;

/* The document used by the piecemeal tests, in three parts (the tests flush between them): a
 * paragraph of 7 lines; a table of a header and 9 rows; 5 more lines after a forced break. */
static void part(zw_vlist *vl, int k) {
    if (k == 0) {
        for (int i = 0; i < 7; i++) { if (i) pen(vl, i == 1 ? ZW_VINF : 0); box(vl, 10); }
        glue(vl, 6);
    } else if (k == 1) {
        size_t t = vl->ntables++;
        vl->tables = realloc(vl->tables, vl->ntables * sizeof *vl->tables);
        vl->tables[t] = (zw_vtable){vl->n, vl->n, vl->n + 1, (size_t)-1};
        box(vl, 12); vl->items[vl->n - 1].table = (int)t; vl->items[vl->n - 1].repeat = true;
        for (int i = 0; i < 9; i++) { pen(vl, i ? 0 : ZW_VINF); box(vl, 10); vl->items[vl->n - 1].table = (int)t; }
    } else {
        pen(vl, -ZW_VINF);
        for (int i = 0; i < 5; i++) { if (i) pen(vl, 0); box(vl, 10); }
    }
}

/* All placements of the three parts on a 45-pt page at once. */
static size_t whole(placed *out) {
    zw_vlist vl = {0};
    for (int k = 0; k < 3; k++) part(&vl, k);
    zw_pages pg;
    assert_true(zw_paginate(&vl, 45, 45, 0, &pg));
    for (size_t i = 0; i < pg.nboxes; i++) out[i] = (placed){pg.boxes[i].page, pg.boxes[i].item, pg.boxes[i].y};
    size_t n = pg.nboxes;
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
    return n;
}

/* The same, paginated after each part and trimmed, items counted from the list's first ever. */
static size_t piecemeal(placed *out, int *npages) {
    zw_vlist vl = {0};
    zw_pager pgr;
    zw_pager_init(&pgr, 45, 45, 0);
    zw_pages pg = {0};
    size_t n = 0, dropped = 0;
    for (int k = 0; k < 4; k++) {
        if (k < 3) part(&vl, k);
        assert_true(zw_pager_run(&pgr, &vl, k == 3, &pg));
        for (size_t i = 0; i < pg.nboxes; i++)
            out[n++] = (placed){pg.boxes[i].page, pg.boxes[i].item + dropped, pg.boxes[i].y};
        zw_pages_forget(&pg);
        size_t before = pgr.next;
        zw_vlist_trim(&vl, &pgr);
        dropped += before - pgr.next;
    }
    *npages = pg.npages;
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
    return n;
}

/* Finishing pages as the list grows gives exactly the pages of one run over the whole list: a page is
 * taken only once an item beyond it is seen, and a page that continues a table still finds its header
 * after the rows before it were dropped. */
static void piecemeal_equals_whole(void **state) {
    (void)state;
    placed a[64], b[64];
    int npages = 0;
    size_t na = whole(a), nb = piecemeal(b, &npages);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].page, b[i].page);
        assert_int_equal(a[i].item, b[i].item);
        assert_float_equal(a[i].y, b[i].y, 1e-9);
    }
    assert_int_equal(npages, a[na - 1].page + 1);
    int headers = 0;   /* the table runs over three pages: its header stands on each */
    for (size_t i = 0; i < na; i++) headers += a[i].item == 14;   /* 7 lines, 6 penalties, glue: 14 items before it */
    assert_int_equal(headers, 3);
}

/* A page that ran out of items is not taken until more come or the list is final. */
static void waits_for_more(void **state) {
    (void)state;
    zw_vlist vl = {0};
    zw_pager pgr;
    zw_pager_init(&pgr, 45, 45, 0);
    zw_pages pg = {0};
    for (int i = 0; i < 6; i++) { if (i) pen(&vl, 0); box(&vl, 10); }   /* 4 fit a page: 1 full page */
    assert_true(zw_pager_run(&pgr, &vl, false, &pg));
    assert_int_equal(pg.npages, 1);
    assert_int_equal(pg.nboxes, 4);
    assert_int_equal(pgr.next, 8);   /* the fifth line starts the page still open */
    zw_pages_forget(&pg);
    zw_vlist_trim(&vl, &pgr);
    assert_int_equal(vl.n, 3);       /* line 5, penalty, line 6 */
    assert_int_equal(pgr.next, 0);
    assert_true(zw_pager_run(&pgr, &vl, true, &pg));
    assert_int_equal(pg.npages, 2);
    assert_int_equal(pg.first, 1);
    assert_int_equal(pg.nboxes, 2);
    assert_int_equal(pg.boxes[0].page, 1);
    zw_pages_drop(&pg);
    zw_vlist_drop(&vl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fills_pages_greedily),       cmocka_unit_test(respects_infinite_penalties),
        cmocka_unit_test(glue_discarded_at_top),      cmocka_unit_test(forced_breaks),
        cmocka_unit_test(progress_guarantee),         cmocka_unit_test(repeats_table_header),
        cmocka_unit_test(repeated_header_notes),
        cmocka_unit_test(long_note_splits),
        cmocka_unit_test(note_moves_with_mark),
        cmocka_unit_test(orientation_switch),
        cmocka_unit_test(piecemeal_equals_whole),
        cmocka_unit_test(waits_for_more),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
