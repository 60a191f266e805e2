/* bind_int.h — the data binder's state and helpers, shared by bind.c (the document, sections and plain
 * blocks) and budget_bind.c (programmes, goals, indicator and financial tables, paragrafen).  Internal:
 * not part of any module's interface. */
#ifndef ZW_BIND_INT_H
#define ZW_BIND_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "zw_budget.h"
#include "zw_model.h"
#include "zw_schema.h"

#define ZW_PARAGRAFEN 7       /* the paragrafen the BBV prescribes */
#define ZW_MAX_COLUMNS 100    /* columns in one table; see docs/limits.md */

typedef struct binder {
    zw_arena *a;
    zw_diags *d;
    zw_doc *doc;
    zw_arena *scratch;    /* the value trees of CSV files, dropped with the binder */
    const char *dir;      /* the data file's folder ("" for the current one), for CSV files */
    bool in_note;         /* binding a footnote's own text: marks are not allowed there */
    size_t *note_slots;   /* the notes by key: index into doc->notes + 1, 0 = empty (malloc'd, or NULL) */
    size_t note_mask;     /* slots - 1 (a power of two less one) */
    zw_pos paragraaf[ZW_PARAGRAFEN];   /* where each paragraaf was given (line 0: not yet) */
    struct { const char *id; zw_pos pos; bool table, captioned; } *ids;   /* the ids of sections and tables so
                             far (malloc'd); a plain table's, and whether it has a caption for {ref} */
    size_t nids, capids;
    struct { const char *id; size_t n; zw_pos pos; zw_span_kind kind; } *refs;   /* references to ids (malloc'd):
                             {ref id} (REF), {page id} (PAGE_REF), [tekst](#id) (TEXT) */
    size_t nrefs, caprefs;
} binder;

/* Inline text from a scalar (a null is empty text); false after reporting. */
bool zw_bind_text(binder *b, const zw_value *v, const char *what, zw_text *out);
/* n zeroed elements in the model's arena (NULL for none, or when out of memory). */
void *zw_bind_alloc(binder *b, size_t n, size_t size);
/* A copy of s in the model's arena (NULL for NULL). */
const char *zw_bind_keep(binder *b, const char *s);
/* A sequence of blocks at section level `level` (a null is none). */
bool zw_bind_blocks(binder *b, const zw_value *seq, int level, zw_block **out, size_t *n);
/* An `id:` of a section or table: letters, digits, - _ . and unique in the document among ids and footnote
 * keys; false after reporting. */
bool zw_bind_id(binder *b, const zw_value *v, const char **out);
/* A table's `rows` with every {csv: …} entry replaced by the rows of its file (see zw_csv.h); rows itself
 * when there is none.  NULL after reporting. */
const zw_value *zw_bind_rows(binder *b, const zw_value *rows);

/* ---- budget_bind.c ---------------------------------------------------------------------------- */

/* A programme (the mapping under `programme:`) as section s at `level`. */
bool zw_bind_programme(binder *b, const zw_value *v, int level, zw_section *s);
/* A paragraaf (the mapping under `paragraaf:`) as section s at `level`. */
bool zw_bind_paragraaf(binder *b, const zw_value *v, int level, zw_section *s);
/* An indicator or financial table as a ZW_BLK_BUDGET block. */
bool zw_bind_indicators(binder *b, const zw_value *v, zw_block *blk);
bool zw_bind_finance(binder *b, const zw_value *v, zw_block *blk);
/* After the chapters: when the document has paragrafen, a warning for each of the seven it lacks. */
void zw_bind_paragrafen_done(binder *b);

#endif
