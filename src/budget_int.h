/* budget_int.h — the budget stage's state and helpers, shared by budget.c (the walk, programmes, codes)
 * and budget_table.c (indicator, financial, goal and activity tables; the checks of numbers).
 * Internal: not part of any module's interface. */
#ifndef ZW_BUDGET_INT_H
#define ZW_BUDGET_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "zw_budget.h"

typedef struct zw_blocks {      /* blocks being gathered (malloc'd, moved to the arena when done) */
    zw_block *b;
    size_t n, cap;
} zw_blocks;

typedef struct zw_codes {       /* the codes of one kind seen so far, for duplicates */
    const char **code;
    zw_pos *pos;
    size_t n, cap, pcap;
} zw_codes;

typedef struct zw_keyed {       /* a financial row with a key, or one that must equal a keyed row */
    const zw_frow *row;
    const zw_ftable *t;
    const char **cols;          /* the table's column titles as printed (the difference's included) */
    uint32_t ncols;
    int64_t unit;               /* euro × ZW_NUM_ONE per shown unit */
    uint8_t decimals;
} zw_keyed;

typedef struct lower {
    zw_arena *a;                /* the document's: the plain blocks */
    zw_arena *model;            /* the budget model's, dropped when done: the sums */
    zw_diags *d;
    zw_doc *doc;
    const zw_budget_style *bs;
    const zw_budget_words *w;   /* the wording of the document's type */
    zw_doctype type;
    bool strict;                /* a rounding difference is a warning, not a note */
    bool ok;                    /* false once out of memory */
    size_t errors;              /* errors reported before the programme being lowered */
    zw_codes indicators;        /* the indicator codes of the programme (or table) being lowered */
    zw_note *rounding;          /* the rounding difference's footnote, once one is needed */
    zw_text *years;             /* the indicator tables' year columns from the document year, once made */
    zw_keyed *keys, *checks;    /* rows with a key; rows with `equals` (malloc'd) */
    size_t nkeys, capkeys, nchecks, capchecks;
} lower;

/* budget.c */
zw_text zw_bl_text(lower *L, const char *s, unsigned style, zw_pos pos);
const char *zw_bl_cat(lower *L, const char *a, const char *b, const char *c);
zw_text zw_bl_join(lower *L, zw_text a, zw_text b, unsigned style);
zw_text zw_bl_coded(lower *L, const char *code, const char *sep, zw_text text, unsigned style);
const char *zw_bl_year(lower *L, const char *tpl, int year);
zw_block *zw_bl_add(lower *L, zw_blocks *bl);
void zw_bl_text_block(lower *L, zw_blocks *bl, zw_block_kind kind, zw_text t);
void zw_bl_indicator_codes(lower *L, const zw_itable *t);

/* budget_table.c */
/* A goal's subgoals (and effect indicators): as the begroting's goal table, or (merged) under the
 * jaarstukken's heading as a table of subgoals. */
void zw_bl_goal_overview(lower *L, zw_blocks *out, const zw_goal *g, bool merged);
/* A goal's activities: a labelled list per subgoal, or with realisations the Activiteiten | Realisatie
 * table with a group row per subgoal. */
void zw_bl_activities(lower *L, zw_blocks *out, const zw_goal *g);
void zw_bl_itable(lower *L, zw_blocks *out, const zw_itable *t);
void zw_bl_ftable(lower *L, zw_blocks *out, zw_ftable *t);
/* Every `equals` against its keyed row, once all tables are computed. */
void zw_bl_cross_checks(lower *L);
void zw_bl_done(lower *L);

#endif
