/* test_display.c — the display list builders (zeroed elements, growth, out of memory, role names) and
 * the layout dump (exact JSON for a tiny list, escaping, rounding, no "-0.00"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zw_arena.h"
#include "zw_display.h"
#include "zw_dump.h"

static void test_role_names(void **state) {
    (void)state;
    assert_string_equal(zw_role_name(ZW_ROLE_P), "P");
    assert_string_equal(zw_role_name(ZW_ROLE_H1), "H1");
    assert_string_equal(zw_role_name(ZW_ROLE_H6), "H6");
    assert_string_equal(zw_role_name(ZW_ROLE_TITLE), "Title");
    assert_string_equal(zw_role_name(ZW_ROLE_LIST_LABEL), "LI-Label");
    assert_string_equal(zw_role_name(ZW_ROLE_LIST_BODY), "LI-Body");
    assert_string_equal(zw_role_name(ZW_ROLE_CAPTION), "Caption");
    assert_string_equal(zw_role_name(ZW_ROLE_TH), "TH");
    assert_string_equal(zw_role_name(ZW_ROLE_TD), "TD");
    assert_string_equal(zw_role_name(ZW_ROLE_NOTE_MARK), "NoteMark");
    assert_string_equal(zw_role_name(ZW_ROLE_NOTE), "Note");
    assert_string_equal(zw_role_name(ZW_ROLE_TOC), "TOC");
    assert_string_equal(zw_role_name(ZW_ROLE_FIGURE), "Figure");
    assert_string_equal(zw_role_name(ZW_ROLE_ARTIFACT), "Artifact");
    assert_string_equal(zw_role_name((zw_role)99), "?");
}

/* Many elements of every kind: each comes back zeroed and the earlier ones survive the moves. */
static void test_growth(void **state) {
    (void)state;
    zw_display *d = zw_display_new();
    assert_non_null(d);
    assert_int_equal(d->npages, 0);
    for (int p = 0; p < 20; p++) {
        zw_page *pg = zw_display_add_page(d, 100 + p, 200);
        assert_non_null(pg);
        assert_true(pg->width == 100 + p && pg->height == 200 && pg->nruns == 0 && pg->label == NULL);
    }
    zw_page *pg = &d->pages[3];
    for (int i = 0; i < 1000; i++) {
        zw_run *r = zw_page_add_run(pg);
        assert_non_null(r);
        assert_true(r->x == 0 && r->text == NULL && r->note == NULL && r->elem == 0);
        r->elem = i;
        assert_non_null(zw_page_add_rule(pg));
        assert_non_null(zw_page_add_fill(pg));
        assert_non_null(zw_page_add_link(pg));
        zw_outline *o = zw_display_add_outline(d);
        assert_non_null(o);
        o->level = i;
    }
    assert_int_equal(pg->nruns, 1000);
    assert_int_equal(pg->nrules, 1000);
    assert_int_equal(pg->nfills, 1000);
    assert_int_equal(pg->nlinks, 1000);
    assert_int_equal(d->noutline, 1000);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(pg->runs[i].elem, i);
        assert_int_equal(d->outline[i].level, i);
    }
    assert_true(d->pages[19].width == 119);
    zw_display_drop(d);
    zw_display_drop(NULL);
}

/* A failed allocation returns NULL and leaves what was there. */
static void test_out_of_memory(void **state) {
    (void)state;
    zw_fail_alloc_after(1);
    assert_null(zw_display_new());
    zw_display *d = zw_display_new();
    assert_non_null(d);
    zw_page *pg = zw_display_add_page(d, 10, 10);
    assert_non_null(pg);
    for (int i = 0; i < 32; i++) assert_non_null(zw_page_add_run(pg));   /* first block: 32 */
    pg->runs[31].elem = 7;
    zw_fail_alloc_after(1);
    assert_null(zw_page_add_run(pg));
    assert_int_equal(pg->nruns, 32);
    assert_int_equal(pg->runs[31].elem, 7);
    zw_fail_alloc_after(1);
    assert_null(zw_display_add_outline(d));
    assert_int_equal(d->noutline, 0);
    zw_fail_alloc_after(0);
    assert_non_null(zw_page_add_run(pg));
    assert_int_equal(pg->nruns, 33);
    zw_display_drop(d);
}

/* The dump of d as a malloc'd string. */
static char *dump(const zw_display *d) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(zw_dump_write(d, f));
    fclose(f);
    return buf;
}

static void test_dump_exact(void **state) {
    (void)state;
    zw_display *d = zw_display_new();
    zw_page *pg = zw_display_add_page(d, 595.2756, 841.8898);
    pg->label = "iii";
    pg->area_x = 56.6929;
    pg->area_y = 56.6929;
    pg->area_w = 481.89;
    pg->area_h = 728.5;
    zw_run *r = zw_page_add_run(pg);
    const char *text = "Financiën \"x\" \\ \t\x01";
    *r = (zw_run){.x = 56.6929, .y = 70.004, .w = 40.5, .ascent = 7.526, .descent = 2.1, .face = 1,
                  .size = 10, .text = text, .len = strlen(text), .role = ZW_ROLE_H2, .elem = 3};
    r = zw_page_add_run(pg);
    int grey = zw_display_color(d, (zw_rgb){0.85, 0.85, 0.85}), blue = zw_display_color(d, (zw_rgb){0, 104 / 255.0, 158 / 255.0});
    assert_int_equal(grey, 1);
    assert_int_equal(blue, 2);
    assert_int_equal(zw_display_color(d, (zw_rgb){0.85, 0.85, 0.85}), 1);   /* a colour is in the palette once */
    *r = (zw_run){.x = -0.001, .y = 80, .w = 2.5, .face = 0, .size = 6.5, .text = "1\xE2\x82", .len = 4,
                  .role = ZW_ROLE_NOTE_MARK, .elem = 4, .note = "meting", .color = (uint8_t)blue, .expand = 150};
    zw_dline *dl = zw_page_add_line(pg);   /* font expansion 1.5 %, a hyphen hanging 1.5 pt into the margin */
    *dl = (zw_dline){.x = 56.6929, .y = 80, .w = 483.39, .measure = 481.89, .ratio = 0.123, .expand = 0.015,
                     .hang_right = 1.5, .hyphen = true, .justified = true, .elem = 3};
    zw_rule *ru = zw_page_add_rule(pg);
    *ru = (zw_rule){56.69, 100, 538.58, 100, 0.5, ZW_BLACK};
    zw_fill *fl = zw_page_add_fill(pg);
    *fl = (zw_fill){56.69, 90, 481.89, 12, (uint8_t)grey};
    zw_link *ln = zw_page_add_link(pg);
    *ln = (zw_link){56.69, 60, 100, 12, -1, -1, 1, 66.5, NULL, false};
    ln = zw_page_add_link(pg);
    *ln = (zw_link){0, 75, 2.5, 8, 4, 2, 0, 0, NULL, false};
    assert_int_equal(zw_display_add_elem(d, ZW_ROLE_DOCUMENT, -1), 0);
    assert_int_equal(zw_display_add_elem(d, ZW_ROLE_SECT, 0), 1);
    assert_int_equal(zw_display_add_elem(d, ZW_ROLE_NOTE, 1), 2);
    assert_int_equal(zw_display_add_elem(d, ZW_ROLE_TD, 1), 3);
    d->elems[1].page = 0;
    d->elems[1].y = 62.5;
    d->elems[2].ref = 4;
    d->elems[3].colspan = 2;
    d->elems[3].scope = ZW_SCOPE_ROW;
    assert_int_equal(zw_display_add_elem(d, ZW_ROLE_FIGURE, 1), 4);
    zw_image img = {"data/beelden/logo.png", {"d.yaml", 1, 1}, 400, 200, 0, ZW_IMAGE_PNG, true, false};
    d->images = &img;
    d->nimages = 1;
    zw_pic *pic = zw_page_add_pic(pg);
    *pic = (zw_pic){56.69, 120, 100, 50, 0, 4};
    static const zw_seg segs[] = {{'M', {0}, {0}}, {'L', {40}, {0}}, {'C', {40, 45, 50}, {5, 10, 10}}, {'Z', {0}, {0}}};
    zw_path *pa = zw_page_add_path(pg);
    *pa = (zw_path){56.69, 120, segs, 4, 0.5, 1.5, (uint8_t)blue, ZW_BLACK, ZW_PAINT_FILL | ZW_PAINT_STROKE, ZW_MARK_BAR,
                    1, 2, 4};
    zw_figure *fig = zw_display_add_figure(d);
    *fig = (zw_figure){4, 0, 56.69, 120, 100, 50, "Logo \"Voorbeeld\""};
    assert_ptr_equal(zw_display_figure(d, 4), fig);
    assert_null(zw_display_figure(d, 3));
    pg->late0 = 0;
    zw_late *lt = zw_display_add_late(d);
    *lt = (zw_late){0, 56.69, 800, 481.89, 10, -1, calloc(1, sizeof(zw_run)), 1};
    lt->runs[0] = (zw_run){.x = 300, .y = 808, .w = 30, .face = 0, .size = 9, .text = "2 van 2", .len = 7,
                           .role = ZW_ROLE_ARTIFACT, .elem = -1};
    pg->late1 = 1;
    int to_page;
    double to_y;
    assert_false(zw_display_dest(d, ln, &to_page, &to_y));   /* element 2 is not placed */
    ln->dest_elem = 1;
    assert_true(zw_display_dest(d, ln, &to_page, &to_y));
    assert_int_equal(to_page, 0);
    assert_true(to_y == 62.5 - ZW_LINK_ABOVE);
    pg = zw_display_add_page(d, 595.2756, 841.8898);
    zw_outline *o = zw_display_add_outline(d);
    *o = (zw_outline){1, "Sociaal domein", 0, 60};
    o = zw_display_add_outline(d);
    *o = (zw_outline){2, "Wat gaan we \"ervoor\" doen?", 1, 56.69};
    char *got = dump(d);
    const char *want =
        "{\"pages\":[\n"
        "{\"page\":1,\"width\":595.28,\"height\":841.89,\"label\":\"iii\",\"area\":[56.69,56.69,481.89,728.50],\"runs\":[\n"
        "{\"x\":56.69,\"y\":70.00,\"w\":40.50,\"asc\":7.53,\"desc\":2.10,\"face\":1,\"size\":10.00,\"role\":\"H2\",\"elem\":3,\"text\":\"Financiën \\\"x\\\" \\\\ \\t\\u0001\"},\n"
        "{\"x\":0.00,\"y\":80.00,\"w\":2.50,\"asc\":0.00,\"desc\":0.00,\"face\":0,\"size\":6.50,\"role\":\"NoteMark\",\"elem\":4,\"text\":\"1\\ufffd\\ufffd\\u0000\",\"note\":\"meting\",\"color\":\"#00689e\",\"expand\":1.50}],\n"
        "\"late\":[0],\n"
        "\"rules\":[[56.69,100.00,538.58,100.00,0.50,\"#000000\"]],\n"
        "\"fills\":[[56.69,90.00,481.89,12.00,\"#d9d9d9\"]],\n"
        "\"links\":[{\"x\":56.69,\"y\":60.00,\"w\":100.00,\"h\":12.00,\"elem\":-1,\"page\":2,\"dest_y\":66.50},{\"x\":0.00,\"y\":75.00,\"w\":2.50,\"h\":8.00,\"elem\":4,\"to\":1}],\n"
        "\"lines\":[\n{\"x\":56.69,\"y\":80.00,\"w\":483.39,\"measure\":481.89,\"ratio\":0.12,\"expand\":1.50,\"hang\":[0.00,1.50],"
        "\"hyphen\":true,\"last\":false,\"justified\":true,\"elem\":3}],\n"
        "\"pics\":[{\"x\":56.69,\"y\":120.00,\"w\":100.00,\"h\":50.00,\"image\":0,\"elem\":4}],\n"
        "\"paths\":[\n"
        "{\"mark\":\"bar\",\"series\":1,\"item\":2,\"elem\":4,\"fill\":\"#00689e\",\"stroke\":\"#000000\",\"width\":0.50,"
        "\"dash\":1.50,\"box\":[56.69,120.00,50.00,10.00],\"d\":\"M 56.69 120.00 L 96.69 120.00 C 96.69 125.00 101.69 130.00 "
        "106.69 130.00 Z\"}]},\n"
        "{\"page\":2,\"width\":595.28,\"height\":841.89,\"label\":null,\"area\":[0.00,0.00,0.00,0.00],\"runs\":[],\n"
        "\"late\":[],\n"
        "\"rules\":[],\n"
        "\"fills\":[],\n"
        "\"links\":[],\n"
        "\"lines\":[],\n"
        "\"pics\":[],\n"
        "\"paths\":[]}],\n"
        "\"late\":[\n"
        "{\"late\":0,\"page\":1,\"box\":[56.69,800.00,481.89,10.00],\"elem\":-1,\"runs\":[{\"x\":300.00,\"y\":808.00,\"w\":30.00,\"asc\":0.00,\"desc\":0.00,\"face\":0,\"size\":9.00,\"role\":\"Artifact\",\"elem\":-1,\"text\":\"2 van 2\"}]}],\n"
        "\"outline\":[\n"
        "{\"level\":1,\"title\":\"Sociaal domein\",\"page\":1,\"y\":60.00},\n"
        "{\"level\":2,\"title\":\"Wat gaan we \\\"ervoor\\\" doen?\",\"page\":2,\"y\":56.69}],\n"
        "\"elements\":[\n"
        "{\"id\":0,\"role\":\"Document\",\"parent\":-1,\"page\":0,\"y\":0.00},\n"
        "{\"id\":1,\"role\":\"Sect\",\"parent\":0,\"page\":1,\"y\":62.50},\n"
        "{\"id\":2,\"role\":\"Note\",\"parent\":1,\"page\":0,\"y\":0.00,\"ref\":4},\n"
        "{\"id\":3,\"role\":\"TD\",\"parent\":1,\"page\":0,\"y\":0.00,\"span\":[2,1],\"scope\":\"Row\"},\n"
        "{\"id\":4,\"role\":\"Figure\",\"parent\":1,\"page\":0,\"y\":0.00}],\n"
        "\"images\":[\n"
        "{\"file\":\"logo.png\",\"px\":[400,200]}],\n"
        "\"figures\":[\n"
        "{\"elem\":4,\"page\":1,\"box\":[56.69,120.00,100.00,50.00],\"alt\":\"Logo \\\"Voorbeeld\\\"\"}]}\n";
    if (strcmp(got, want) != 0) fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, want);
    assert_string_equal(got, want);
    free(got);
    zw_display_drop(d);
}

static void test_dump_empty(void **state) {
    (void)state;
    zw_display *d = zw_display_new();
    char *got = dump(d);
    assert_string_equal(got, "{\"pages\":[],\n\"late\":[],\n\"outline\":[],\n\"elements\":[],\n\"images\":[],\n\"figures\":[]}\n");
    free(got);
    zw_display_drop(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_role_names),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_dump_exact),
        cmocka_unit_test(test_dump_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
