/* test_list.c — lists whose items carry their own labels ("1.1", "1.1.1"): bound from the data (with
 * the exact errors), and laid out with the fake fixed-width font: labels set left in a hanging column as
 * wide as the widest label plus 0.8 em, the items' text after it, a nested labelled list indented by
 * the outer column, bullets and numbers unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_font.h"
#include "zw_layout.h"
#include "zw_model.h"
#include "zw_style.h"
#include "zw_value.h"

typedef struct fx { zw_arena *a; zw_diags *d; zw_fonts *fonts; zw_display *dl; } fx;

static zw_doc *bind(fx *f, const char *yaml) {
    f->a = zw_arena_new();
    f->d = zw_diags_new();
    f->fonts = zw_fonts_new();
    zw_value *root = zw_yaml_parse(f->a, f->d, "t.yaml", yaml, strlen(yaml));
    return root ? zw_doc_bind(f->a, f->d, root) : NULL;
}

static void done(fx *f) {
    zw_display_drop(f->dl);
    zw_fonts_drop(f->fonts);
    zw_diags_drop(f->d);
    zw_arena_drop(f->a);
}

#define HEAD "document: {organisation: O, title: T}\nchapters:\n  - title: C\n    blocks:\n"

static const char *const LABELLED = HEAD
    "      - list:\n"
    "          items:\n"
    "            - {label: '1.1', text: Eerste subdoel}\n"
    "            - label: '1.10'\n"
    "              blocks:\n"
    "                - paragraph: Tiende subdoel\n"
    "                - list: [{label: '1.10.1', text: Activiteit}, {label: 'a', text: Nog een}]\n"
    "            - {label: '2', text: Twee}\n"
    "      - list: [Bolletje]\n";

static void binds_labels(void **state) {
    (void)state;
    fx f = {0};
    zw_doc *doc = bind(&f, LABELLED);
    assert_non_null(doc);
    const zw_list *l = &doc->chapters[0].blocks[0].list;
    assert_int_equal(l->n, 3);
    assert_string_equal(l->labels[0], "1.1");
    assert_string_equal(l->labels[1], "1.10");
    assert_int_equal(l->item_n[1], 2);
    assert_string_equal(l->items[1][1].list.labels[0], "1.10.1");
    assert_null(doc->chapters[0].blocks[1].list.labels);
    done(&f);
}

static void label_errors(void **state) {
    (void)state;
    fx f = {0};
    assert_null(bind(&f, HEAD "      - list:\n          numbered: true\n          items: [{label: x, text: y}]\n"
                              "      - list: [{label: x}, {text: y}, {label: x, text: y, blocks: []}, {label: [x], text: y}]\n"));
    const char *want[] = {
        "t.yaml:6:11: error: a numbered list cannot also give its items labels",
        "t.yaml:8:16: error: a labelled list item has either 'text' or 'blocks'",
        "t.yaml:8:28: error: missing required key 'label' in list item",
        "t.yaml:8:39: error: a labelled list item has either 'text' or 'blocks'",
        "t.yaml:8:80: error: 'label' must be a scalar, not a sequence",
    };
    assert_int_equal(zw_diags_count(f.d), 5);
    for (size_t i = 0; i < 5; i++) assert_string_equal(zw_diags_message(f.d, i), want[i]);
    done(&f);
}

/* x of the run of `role` reading `text` on the page, from the text area's left edge; -1 when none. */
static double x_of(const zw_page *pg, zw_role role, const char *text) {
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *r = &pg->runs[i];
        if (r->role == role && r->len == strlen(text) && !memcmp(r->text, text, r->len)) return r->x - pg->area_x;
    }
    return -1;
}

static void hanging_label_column(void **state) {
    (void)state;
    fx f = {0};
    zw_doc *doc = bind(&f, LABELLED);
    char path[4096];
    const char *root = getenv("ZW_ROOT");
    snprintf(path, sizeof path, "%s/layouts/programmabegroting.yaml", root ? root : ".");
    zw_style *st = doc ? zw_style_load(f.a, f.d, f.fonts, path, NULL, ZW_NOPOS) : NULL;
    assert_non_null(st);
    zw_metrics m = fake_metrics();
    f.dl = zw_layout(f.a, f.d, doc, st, &m, NULL, f.fonts, NULL);
    assert_non_null(f.dl);
    const zw_page *pg = NULL;   /* the page of the lists (after the title page and the contents) */
    for (size_t p = 0; p < f.dl->npages && !pg; p++)
        if (x_of(&f.dl->pages[p], ZW_ROLE_LIST_LABEL, "1.1") >= 0) pg = &f.dl->pages[p];
    assert_non_null(pg);
    /* 10 pt list text, 5 pt a character: "1.10" is the widest outer label (20 pt) + 8 pt gap */
    assert_float_equal(x_of(pg, ZW_ROLE_LIST_LABEL, "1.1"), 0, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_LIST_LABEL, "1.10"), 0, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_LIST_LABEL, "2"), 0, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_P, "Eerste"), 28, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_P, "Tiende"), 28, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_P, "Twee"), 28, 1e-9);
    /* the nested list: its column ("1.10.1", 30 pt + 8) starts at the outer text */
    assert_float_equal(x_of(pg, ZW_ROLE_LIST_LABEL, "1.10.1"), 28, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_LIST_LABEL, "a"), 28, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_P, "Activiteit"), 66, 1e-9);
    /* a bulleted list as before: the text at the list indent, the bullet ending 0.4 em left of it */
    double body = x_of(pg, ZW_ROLE_P, "Bolletje");
    assert_float_equal(body, st->list_indent, 1e-9);
    assert_float_equal(x_of(pg, ZW_ROLE_LIST_LABEL, st->bullet), body - 5 - 4, 1e-9);
    done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(binds_labels),
        cmocka_unit_test(label_errors),
        cmocka_unit_test(hanging_label_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
