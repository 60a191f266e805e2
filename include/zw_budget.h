/* zw_budget.h — the budget model: what the BBV asks of a Programmabegroting or Jaarstukken.
 *
 * Programmes with their three questions, goals → subgoals → activities, indicator tables and financial
 * tables are bound from the data (src/budget_bind.c, called by the data binder for the budget blocks)
 * into the small model below, which stands in the document as ZW_BLK_BUDGET blocks.  zw_budget_lower
 * (src/budget.c) then computes and checks the numbers (sums, rounding differences, cross-checks,
 * indicator warnings) and replaces every budget block by the plain blocks it stands for — sections,
 * headings, labelled lists, tables with header, group and total rows, footnotes — worded and signed by
 * the layout's `budget:` settings (src/budget_style.c).  Layout and PDF see only plain blocks.
 * Numbers are exact (zw_number.h); all memory is the document's arena. */
#ifndef ZW_BUDGET_H
#define ZW_BUDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_model.h"
#include "zw_number.h"
#include "zw_value.h"

/* ---- values ----------------------------------------------------------------------------------- */

typedef enum zw_bv_kind {
    ZW_BV_NONE,    /* not given (a missing value) */
    ZW_BV_NUMBER,  /* a number: formatted by its row (or printed as written when quoted) */
    ZW_BV_MARKER,  /* NB, n.b., p.m., n.v.t., - or –: printed as written, counts as no number */
    ZW_BV_TEXT     /* any other text: printed as written */
} zw_bv_kind;

typedef struct zw_bvalue {
    zw_number num;       /* NUMBER */
    const char *raw;     /* a NUMBER without markup as written (its text is then empty), for messages */
    zw_text text;        /* as written, footnote marks included (MARKER, TEXT, a NUMBER with markup) */
    zw_text marks;       /* NUMBER: the footnote marks after it, to print after the formatted number */
    zw_pos pos;
    uint8_t kind;        /* zw_bv_kind */
    bool as_written;     /* NUMBER quoted in the data: printed as written, read only for the checks */
} zw_bvalue;

/* ---- indicators ------------------------------------------------------------------------------- */

typedef enum zw_unit {
    ZW_UNIT_NONE,        /* as written: decimals and '%' as typed */
    ZW_UNIT_COUNT, ZW_UNIT_PERCENT, ZW_UNIT_DAYS, ZW_UNIT_PER_1000, ZW_UNIT_PER_10000, ZW_UNIT_EURO
} zw_unit;

typedef struct zw_indicator {   /* a row of an indicator table, or a group row */
    const char *code;    /* "2.1.1"; NULL: none */
    zw_text label;       /* the indicator, or the group row's text */
    zw_text source;      /* n == 0: none */
    zw_bvalue *values;   /* one per year column (fewer: the rest are missing) */
    zw_pos pos;
    uint32_t n;
    int8_t decimals;     /* -1: as written */
    uint8_t unit;        /* zw_unit */
    bool mandatory;      /* a BBV indicator: "(verplicht)" after the label */
    bool group;          /* a group row: label only */
} zw_indicator;

typedef struct zw_itable {
    const char *id;      /* the table's `id:` (NULL: none) */
    zw_text caption;     /* n == 0: none */
    zw_text title;       /* first header cell; n == 0: the layout's wording for effect or performance */
    zw_text *years;      /* the year columns' titles as given; NULL: from the document year */
    zw_indicator *rows;
    zw_pos pos;
    uint32_t nyears, n;
    zw_note_place notes;
    bool effects;        /* effect indicators (maatschappelijk effect) rather than performance indicators */
} zw_itable;

/* ---- financial tables ------------------------------------------------------------------------- */

typedef enum zw_frow_kind {
    ZW_FR_ITEM,          /* label and amounts */
    ZW_FR_GROUP,         /* a heading row ("Lasten") that starts a group */
    ZW_FR_SUBTOTAL,      /* the group's items added up (the group's own sign) */
    ZW_FR_TOTAL          /* every item above added up with its sign: a saldo */
} zw_frow_kind;

typedef struct zw_frow {
    zw_text label;
    const char *key;     /* name other tables' rows may check against (`equals:`); NULL: none */
    const char *equals;  /* the key of a row this one must equal in the columns both have; NULL: none */
    zw_bvalue *values;   /* typed amounts: an item's, or a subtotal's or total's to be checked (n: 0) */
    int64_t *sum;        /* computed amounts per column (set by zw_budget_lower), × ZW_NUM_ONE euro */
    zw_pos pos, equals_pos;
    uint32_t n;
    uint8_t kind;        /* zw_frow_kind */
    bool subtract;       /* counts negative in totals (a group's flag applies to its items) */
} zw_frow;

typedef struct zw_ftable {
    const char *id;      /* the table's `id:` (NULL: none) */
    zw_text caption;     /* n == 0: none */
    zw_text *cols;       /* the amount columns' titles as given; NULL: from the document year */
    zw_text difference;  /* the computed last column's title (last amount column minus the one before) */
    zw_frow *rows;
    zw_pos pos;
    int64_t scale;       /* amounts shown in units of this many euros (1, 1000, 1 000 000) */
    uint32_t ncols, n;
    int8_t with_difference;  /* -1: as the layout says, 0: none, 1: with `difference` */
    uint8_t decimals;    /* shown decimals */
    bool scaled_input;   /* amounts typed in the shown unit (x 1.000), not in euros */
    zw_note_place notes;
} zw_ftable;

/* ---- goals and programmes --------------------------------------------------------------------- */

typedef struct zw_activity {
    const char *code;    /* "1.1.1" (derived from its place when not given) */
    zw_text title;
    zw_text *realisation;   /* paragraphs: what was done (Jaarstukken); NULL: none */
    zw_pos pos;
    uint32_t nreal;
} zw_activity;

typedef struct zw_subgoal {
    const char *code;    /* "1.1" */
    zw_text title;
    zw_text short_title; /* in the overview of goals, when it is worded shorter there; n == 0: title */
    zw_activity *acts;
    zw_pos pos;
    uint32_t n;
} zw_subgoal;

typedef struct zw_goal {
    const char *code;    /* "1" */
    zw_text title;
    zw_subgoal *subs;
    zw_itable *effects;      /* effect indicators; NULL: none */
    zw_itable *indicators;   /* performance indicators; NULL: none */
    zw_block *blocks;        /* free text about the goal */
    size_t nblocks;
    zw_pos pos;
    uint32_t n;
} zw_goal;

enum { ZW_Q_ACHIEVE, ZW_Q_DO, ZW_Q_COST };   /* the three questions */

typedef struct zw_programme {
    zw_block *intro;         /* before the questions */
    size_t nintro;
    zw_goal *goals;
    uint32_t ngoals;
    zw_block *part[3];       /* free blocks under each question (the financial table under COST) */
    size_t npart[3];
    zw_text part_title[3];   /* a question worded otherwise in this programme; n == 0: the layout's */
    zw_pos part_pos[3];
    const zw_section *section;   /* the section it fills (its title, for messages) */
    int level;               /* the section's level: the questions are one deeper */
    zw_pos pos;
} zw_programme;

typedef enum zw_bblock_kind { ZW_BB_PROGRAMME, ZW_BB_INDICATORS, ZW_BB_FINANCE } zw_bblock_kind;

/* A budget block in the document (ZW_BLK_BUDGET) until zw_budget_lower replaces it. */
typedef struct zw_bblock {
    zw_bblock_kind kind;
    union {
        zw_programme *prog;
        zw_itable *ind;
        zw_ftable *fin;
    };
} zw_bblock;

/* ---- the layout's part: wording and conventions ------------------------------------------------ */

typedef struct zw_budget_words {   /* per document type */
    const char *questions[3];      /* "Wat willen we bereiken?", "Wat gaan we ervoor doen?", "Wat mag het kosten?" */
    const char *merged;            /* one section for questions 1 and 2, goal by goal, titled this; NULL: two */
    const char *indicator_cols[8]; /* year column templates ("Werkelijk {t-3}" … "Begroot {t}") */
    const char *finance_cols[8];
    const char *difference;        /* computed column after the financial ones ("Verschil"); NULL: none */
    const char *goal_heading;      /* above a goal's subgoals when merged ("Wat wilden we bereiken?"); NULL: none */
    const char *subgoals;          /* header of the subgoal overview ("Subdoelen") */
    const char *subgoal;           /* prefix of a subgoal's label or group row ("Subdoel") */
    const char *activities;        /* heading or column of the activities ("Activiteiten") */
    const char *realisation;       /* column of what was done ("Realisatie") */
    const char *effects;           /* first header cell of effect indicators */
    const char *indicators;        /* first header cell of performance indicators */
    int nindicator_cols, nfinance_cols;
} zw_budget_words;

typedef enum zw_doctype { ZW_DOC_BEGROTING, ZW_DOC_JAARSTUKKEN } zw_doctype;

typedef struct zw_budget_style {
    zw_doctype type;               /* the layout's document type (the data's `type` wins) */
    zw_negative negative;          /* how negative amounts (and saldi, with vn) are written */
    const char *scale_legend;      /* "bedragen x € {scale}" in a financial table's first header cell */
    const char *sign_legend;       /* under it when the table shows a negative or V/N amount; NULL: none */
    const char *rounding_note;     /* footnote of a total that rounding makes differ; NULL: none */
    const char *code_sep;          /* between a code and its text: " - " */
    const char *mandatory;         /* after a mandatory indicator: "(verplicht)" */
    const char *source;            /* before an indicator's source: "Bron:" */
    zw_budget_words words[2];      /* by zw_doctype */
} zw_budget_style;

/* The built-in settings (begroting, minus sign, Dutch wording). */
void zw_budget_style_defaults(zw_budget_style *bs);

/* Apply a layout file's `budget:` mapping over *bs (its strings are borrowed from the layout's tree);
 * every problem reported; false if any. */
bool zw_budget_style_bind(zw_diags *d, const zw_value *v, zw_budget_style *bs);

/* Check every budget block of doc and replace it by the plain blocks it stands for.  Totals are computed
 * (typed ones checked), rounding differences reported as notes (warnings when strict), cross-checks and
 * indicator checks made; every problem is reported.  The budget model (doc->budget_arena) is dropped:
 * the plain blocks live in `a`, the document's arena.  false when there was an error. */
bool zw_budget_lower(zw_arena *a, zw_diags *d, zw_doc *doc, const zw_budget_style *bs, bool strict);

/* Drop the budget model of a document that will not be lowered (its budget blocks become empty:
 * layout skips them).  Nothing when there is none. */
void zw_budget_discard(zw_doc *doc);

#endif
