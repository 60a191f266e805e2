/* fuzz_data.c — libFuzzer target: the input as a data file through the YAML loader and the binder.
 *
 * zw_yaml_parse + zw_doc_bind on the raw bytes, with a fresh arena and diagnostics per input, then
 * everything dropped.  Covers src/yaml_load.c, src/bind.c, src/inline.c, src/schema.c, src/diag.c,
 * src/arena.c.  The formatted messages are touched so a bad format argument would show up here. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zw_arena.h"
#include "zw_budget.h"
#include "zw_diag.h"
#include "zw_model.h"
#include "zw_value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    zw_arena *a = zw_arena_new();
    zw_diags *d = zw_diags_new();
    if (!a || !d) abort();
    zw_value *root = zw_yaml_parse(a, d, "fuzz.yaml", (const char *)data, size);
    if (root) {
        zw_doc *doc = zw_doc_bind(a, d, root);
        if (doc) {   /* walk the notes' plain text: exercises zw_text_plain on bound content */
            for (size_t i = 0; i < doc->nnotes; i++) (void)zw_text_plain(a, &doc->notes[i]->text);
            for (size_t i = 0; i < doc->nchapters; i++) (void)zw_text_plain(a, &doc->chapters[i].title);
            zw_budget_discard(doc);
        }
    }
    size_t total = 0;
    for (size_t i = 0; i < zw_diags_count(d); i++) total += strlen(zw_diags_message(d, i));
    (void)total;
    zw_diags_drop(d);
    zw_arena_drop(a);
    return 0;
}
