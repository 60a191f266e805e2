/* fuzz_layout.c — libFuzzer target: the input as a layout file.
 *
 * The bytes are written to <tmpdir>/layout.yaml and loaded with zw_style_load (layouts dir "layouts",
 * cwd = repository root), so `extends: base` and real font files (Carlito, Liberation, …) are found as
 * in a real run.  Fonts and diagnostics are fresh per input.  Must not crash, leak or hang.
 * Covers src/style.c, src/schema.c, src/font.c (loading), src/yaml_load.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_font.h"
#include "zw_style.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char g_dir[PATH_MAX], g_path[PATH_MAX];

static void cleanup(void) {   /* runs on normal exit; a crash leaves the folder behind */
    unlink(g_path);
    rmdir(g_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    fuzz_chdir_root();
    char tmpl[] = "/tmp/zw-fuzz-layout-XXXXXX";
    const char *dir = mkdtemp(tmpl);
    if (!dir) abort();
    snprintf(g_dir, sizeof g_dir, "%s", dir);
    snprintf(g_path, sizeof g_path, "%s/layout.yaml", dir);
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FILE *f = fopen(g_path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
    zw_arena *a = zw_arena_new();
    zw_diags *d = zw_diags_new();
    zw_fonts *fonts = zw_fonts_new();
    if (!a || !d || !fonts) abort();
    zw_style *st = zw_style_load(a, d, fonts, g_path, "layouts", ZW_NOPOS);
    if (st) {   /* a loaded style must be usable: every family's faces must be loaded faces */
        for (int i = 0; i < st->nfamilies; i++)
            for (int k = 0; k < 4; k++)
                if (st->families[i].face[k] < 0 || (size_t)st->families[i].face[k] >= zw_fonts_count(fonts)) {
                    fprintf(stderr, "fuzz_layout: family %d face %d = %d after a successful load\n", i, k,
                            st->families[i].face[k]);
                    abort();
                }
    }
    zw_fonts_drop(fonts);
    zw_diags_drop(d);
    zw_arena_drop(a);
    return 0;
}
