/* test_colour.c — house colours through the pipeline with the fake font: a palette name used by a base
 * layout takes the value a child layout gives it, text, fills and rules get their palette colours in the
 * display list, and greyscale (the layout's key or the render option) leaves only greys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fake_font.h"
#include "zw_render.h"

static const char *const DOC =
    "document: {organisation: O, title: T}\n"
    "chapters:\n"
    "  - title: Hoofdstuk\n"
    "    blocks:\n"
    "      - paragraph: Tekst.\n"
    "      - table: {header: [[A, B]], rows: [[\"1\", \"2\"], {group: G}, [\"3\", \"4\"]]}\n";

static char dir[64];

/* Write `text` to dir/name. */
static void put(const char *name, const char *text) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/zw-colour-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    put("base.yaml",
        "fonts: {sans: {regular: Carlito-Regular.ttf}}\n"
        "palette: {huis: \"#1f4e79\", licht: \"#dae6f2\"}\n"
        "styles: {chapter: {colour: huis}}\n"
        "table: {header-fill: licht, group-grey: 0.9, rule-colour: huis, header: {colour: white}}\n"
        "title-page: false\n");
    put("child.yaml", "extends: base.yaml\npalette: {huis: \"#007f5f\"}\n");
    put("grey.yaml", "extends: child.yaml\ngreyscale: true\n");
    return 0;
}

static int teardown(void **state) {
    (void)state;
    const char *names[] = {"base.yaml", "child.yaml", "grey.yaml"};
    char path[128];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return 0;
}

typedef struct fx { zw_diags *d; zw_rendered r; } fx;

static const zw_display *render(fx *f, const char *layout, bool greyscale) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, layout);
    f->d = zw_diags_new();
    zw_metrics m = fake_metrics();
    zw_render_opts o = {.data = "t.yaml", .src = DOC, .len = strlen(DOC), .layout = path, .no_hyphenation = true,
                        .metrics = &m, .keep_pages = true, .greyscale = greyscale};
    bool ok = zw_render(&o, f->d, &f->r);
    if (!ok) zw_diags_print(f->d, stderr);
    assert_true(ok);
    return f->r.dl;
}

static void done(fx *f) {
    zw_rendered_drop(&f->r);
    zw_diags_drop(f->d);
}

static bool is(zw_rgb c, int r, int g, int b) {
    return (int)(c.r * 255 + 0.5) == r && (int)(c.g * 255 + 0.5) == g && (int)(c.b * 255 + 0.5) == b;
}

static const zw_run *find(const zw_display *dl, const char *text) {
    for (size_t i = 0; i < dl->pages[0].nruns; i++)
        if (!strcmp(dl->pages[0].runs[i].text, text)) return &dl->pages[0].runs[i];
    fail_msg("no run '%s'", text);
    return NULL;
}

/* The base's chapter, header fill and rules in its house colour; header text white, body text black. */
static void base_colours(void **state) {
    (void)state;
    fx f;
    const zw_display *dl = render(&f, "base.yaml", false);
    assert_true(is(dl->colors[ZW_BLACK], 0, 0, 0));
    assert_true(is(dl->colors[find(dl, "Hoofdstuk")->color], 0x1f, 0x4e, 0x79));
    assert_true(is(dl->colors[find(dl, "A")->color], 255, 255, 255));
    assert_int_equal(find(dl, "Tekst.")->color, ZW_BLACK);
    const zw_page *pg = &dl->pages[0];
    assert_int_equal(pg->nfills, 2);   /* the header and the group row */
    assert_true(is(dl->colors[pg->fills[0].color], 0xda, 0xe6, 0xf2));
    assert_true(dl->colors[pg->fills[1].color].r == 0.9 && dl->colors[pg->fills[1].color].b == 0.9);
    size_t blue = 0;
    for (size_t i = 0; i < pg->nrules; i++) blue += is(dl->colors[pg->rules[i].color], 0x1f, 0x4e, 0x79);
    assert_true(blue >= 3);   /* the table's rules (not the footnote rule: there are no notes) */
    done(&f);
}

/* A child that only redefines `huis` recolours the base's styles that use it. */
static void child_recolours_base(void **state) {
    (void)state;
    fx f;
    const zw_display *dl = render(&f, "child.yaml", false);
    assert_true(is(dl->colors[find(dl, "Hoofdstuk")->color], 0x00, 0x7f, 0x5f));
    for (size_t i = 0; i < dl->pages[0].nrules; i++)
        assert_false(is(dl->colors[dl->pages[0].rules[i].color], 0x1f, 0x4e, 0x79));
    done(&f);
}

static void only_greys(const zw_display *dl) {
    for (size_t i = 0; i < dl->ncolors; i++)
        assert_true(dl->colors[i].r == dl->colors[i].g && dl->colors[i].g == dl->colors[i].b);
    assert_true(dl->greyscale);
}

/* greyscale: every colour a grey of its lightness (#007f5f: 0.299 * 0 + 0.587 * 127 + 0.114 * 95). */
static void greyscale(void **state) {
    (void)state;
    fx f;
    const zw_display *dl = render(&f, "grey.yaml", false);
    only_greys(dl);
    double want = (0.587 * 0x7f + 0.114 * 0x5f) / 255;
    assert_true(fabs(dl->colors[find(dl, "Hoofdstuk")->color].r - want) < 0.001);
    done(&f);
    dl = render(&f, "child.yaml", true);   /* --greyscale */
    only_greys(dl);
    done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(base_colours),
        cmocka_unit_test(child_recolours_base),
        cmocka_unit_test(greyscale),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
