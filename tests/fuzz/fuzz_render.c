/* fuzz_render.c — libFuzzer target: the input as a data file, laid out with the real layout.
 *
 * layouts/programmabegroting.yaml (extends base: Carlito, justified, hyphenated), its fonts and the Dutch
 * hyphenator are loaded once in LLVMFuzzerInitialize (cwd = repository root).  Per input: a fresh arena
 * and diagnostics, zw_yaml_parse + zw_doc_bind, zw_layout with the real HarfBuzz metrics and hyphenator,
 * and zw_dump_write to /dev/null.  The PDF writer is skipped to keep executions fast.  The document (and
 * so every note's number) is new per input; the hyphenator's word cache is the only state carried over.
 * Covers src/layout.c, text.c, linebreak.c, table.c, paginate.c, compose.c, display.c, dump.c, font.c
 * (measuring), hyphen.c, plus everything fuzz_data covers. */
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
#include "zw_layout.h"
#include "zw_model.h"
#include "zw_style.h"
#include "zw_value.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static zw_arena *g_arena;   /* the style's arena, kept for the whole run */
static zw_diags *g_diags;
static zw_fonts *g_fonts;
static zw_style *g_style;
static zw_hyphenator *g_hyph;
static zw_metrics g_metrics;
static FILE *g_null;

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
    g_metrics = zw_fonts_metrics(g_fonts);
    g_null = fopen("/dev/null", "w");
    if (!g_null) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    zw_arena *a = zw_arena_new();
    zw_diags *d = zw_diags_new();
    if (!a || !d) abort();
    zw_value *root = zw_yaml_parse(a, d, "fuzz.yaml", (const char *)data, size);
    zw_doc *doc = root ? zw_doc_bind(a, d, root) : NULL;
    if (doc) {
        zw_display *dl = zw_layout(a, d, doc, g_style, &g_metrics, g_hyph, g_fonts);
        if (dl) {
            dl->title = doc->title;
            dl->author = doc->organisation;
            dl->subject = doc->subtitle ? doc->subtitle : doc->title;
            dl->lang = doc->lang;
            dl->date = doc->date;
            (void)zw_dump_write(dl, g_null);
            zw_display_drop(dl);
        }
    }
    zw_diags_drop(d);
    zw_arena_drop(a);
    return 0;
}
