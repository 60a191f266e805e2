/* zw_model.h — the document model: what a Programmabegroting or Jaarstukken says, not how it looks.
 *
 * Built by zw_doc_bind from a data file's value tree (src/bind.c) and validated there: every node keeps
 * the source position of the YAML it came from, so later stages can report problems where the user can
 * fix them.  All memory belongs to the arena passed to zw_doc_bind: the model copies every string it keeps,
 * so the value tree may be dropped after binding (only the file names its positions point to must stay;
 * see zw_yaml_load_in). */
#ifndef ZW_MODEL_H
#define ZW_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_value.h"

/* ---- inline text ------------------------------------------------------------------------------ */

enum {
    ZW_BOLD = 1,   /* **bold** */
    ZW_ITALIC = 2, /* *italic* or _italic_ */
    ZW_SUP = 4,    /* ^superscript^ */
    ZW_NOHYPH = 8  /* {nohyphen text} — never hyphenated */
};

/* A span's language ({lang en text}), in bits 8–15 of its style: its number in zw_doc.langs (1 … 255);
 * 0 is the document's.  Text in another language is never hyphenated (the patterns are Dutch). */
#define ZW_LANG_SHIFT 8
#define ZW_LANG_MASK 0xFF00u
#define ZW_MAX_LANGS 255
static inline int zw_span_lang(unsigned style) { return (int)((style & ZW_LANG_MASK) >> ZW_LANG_SHIFT); }

typedef struct zw_note zw_note;

typedef enum zw_span_kind {
    ZW_SPAN_TEXT,     /* text in one style; spaces separate words; U+00A0 does not */
    ZW_SPAN_NOTE_REF, /* [^key]: a footnote mark */
    ZW_SPAN_BREAK     /* a forced line break (`\` at the end of a line, or "\\n") */
} zw_span_kind;

typedef struct zw_span {
    zw_span_kind kind;
    unsigned style;      /* ZW_BOLD | ZW_ITALIC | ZW_SUP | ZW_NOHYPH, and the language (ZW_LANG_MASK) */
    const char *text;    /* UTF-8, NUL-terminated; whitespace runs folded to one space (TEXT only) */
    size_t len;
    zw_note *note;       /* NOTE_REF: the note it refers to */
    zw_pos pos;          /* where the span starts (best effort inside folded scalars) */
} zw_span;

/* A run of inline content: one paragraph, list item, heading title or table-cell paragraph. */
typedef struct zw_text {
    zw_span *spans;
    size_t n;
    zw_pos pos;
} zw_text;

/* ---- footnotes -------------------------------------------------------------------------------- */

typedef enum zw_note_place { ZW_NOTE_DEFAULT, ZW_NOTE_PAGE, ZW_NOTE_TABLE } zw_note_place;

struct zw_note {
    const char *key;     /* the name used in [^key] */
    zw_text text;        /* the note's content */
    zw_note_place place; /* per-note choice; DEFAULT follows the table or the layout */
    int refs;            /* how many marks refer to it */
    size_t index;        /* its place in zw_doc.notes */
    zw_pos pos;
};

/* ---- blocks ----------------------------------------------------------------------------------- */

typedef enum zw_align {
    ZW_ALIGN_DEFAULT, /* the style's alignment */
    ZW_ALIGN_LEFT,
    ZW_ALIGN_RIGHT,
    ZW_ALIGN_CENTER,
    ZW_ALIGN_JUSTIFY,
    ZW_ALIGN_DECIMAL /* numbers aligned on their decimal comma (tables) */
} zw_align;

typedef struct zw_block zw_block;
typedef struct zw_section zw_section;

typedef struct zw_list {
    bool numbered;       /* 1. 2. 3. instead of bullets */
    int start;           /* first number (default 1) */
    zw_block **items;    /* each item is a sequence of blocks (usually one paragraph) */
    size_t *item_n;      /* blocks in each item */
    const char **labels; /* NULL, or each item's own label ("1.1", "1.1.1"; NULL: none), set left in a
                            hanging column as wide as the widest label */
    size_t n;            /* items */
} zw_list;

typedef enum zw_valign {
    ZW_VALIGN_DEFAULT, /* the column's; top when the column has none */
    ZW_VALIGN_TOP,
    ZW_VALIGN_MIDDLE,
    ZW_VALIGN_BOTTOM
} zw_valign;

typedef enum zw_width_unit { ZW_W_AUTO, ZW_W_FR, ZW_W_PT } zw_width_unit;

typedef struct zw_column {  /* 32 bytes */
    double width;        /* fr or pt */
    zw_pos pos;
    uint8_t unit;        /* zw_width_unit: auto (from content), fraction of what is left, or fixed points */
    uint8_t align;       /* zw_align: DEFAULT = left for text, the table style decides */
    uint8_t valign;      /* zw_valign: DEFAULT = top */
    bool header;         /* its cells head their rows (row headers: an indicator's name) */
} zw_column;

typedef struct zw_cell {  /* 48 bytes: fields ordered so that none is padded */
    zw_text *paras;      /* one or more paragraphs */
    zw_pos pos;
    uint32_t n;          /* (a sequence's items: fewer than 2^32) */
    uint32_t col;        /* the first column it covers, after cells spanning rows from above (set by the binder) */
    int colspan;         /* >= 1 */
    int rowspan;         /* >= 1: rows it covers, its own and those below it (never header and body both) */
    zw_align align;      /* DEFAULT = the column's */
    zw_valign valign;    /* DEFAULT = the column's */
} zw_cell;

typedef enum zw_row_kind {
    ZW_ROW_HEADER, /* repeated at the top of every page the table continues on */
    ZW_ROW_BODY,
    ZW_ROW_GROUP,  /* one cell spanning every column, bold: "Subdoel 2.1 – …" */
    ZW_ROW_TOTAL   /* a total row: never alone at the top of a page */
} zw_row_kind;

typedef struct zw_row {   /* 32 bytes */
    zw_cell *cells;
    zw_pos pos;
    uint32_t n;          /* (a sequence's items: fewer than 2^32) */
    zw_row_kind kind;
} zw_row;

typedef struct zw_table {  /* 88 bytes */
    zw_text caption;     /* n == 0 when there is none */
    const char *id;      /* `id:`, unique in the document (NULL: none), for references to it */
    zw_column *cols;
    zw_row *rows;        /* header rows first, then body/group/total rows in order */
    double size;         /* font size of cells, header and group rows in pt (leading scaled along); 0 = the style's */
    uint32_t ncols;      /* (counts of a sequence's items or its cells: fewer than 2^32) */
    uint32_t nrows;
    uint32_t nheader;    /* how many of rows[] are header rows */
    zw_note_place notes; /* where notes marked in this table go (DEFAULT: the layout's choice) */
    bool landscape;
} zw_table;

typedef enum zw_block_kind {
    ZW_BLK_HEADING,   /* an unnumbered heading inside a section ("Wat gaan we ervoor doen?") */
    ZW_BLK_PARAGRAPH,
    ZW_BLK_LIST,
    ZW_BLK_TABLE,
    ZW_BLK_SECTION,   /* a nested, numbered section */
    ZW_BLK_PAGEBREAK,
    ZW_BLK_BUDGET     /* a programme, indicator or financial table (zw_budget.h): replaced by plain blocks
                         in zw_budget_lower, before layout */
} zw_block_kind;

struct zw_bblock;

struct zw_block {
    zw_block_kind kind;
    zw_pos pos;
    union {                  /* the member `kind` names; the others overlap it (a paragraph does not
                                pay for a table) */
        struct {
            zw_text text;    /* HEADING, PARAGRAPH */
            const char *style;  /* PARAGRAPH: a paragraph style of the layout by name (`style: lead`), or NULL */
            zw_pos style_pos;
        };
        zw_list list;        /* LIST */
        zw_table table;      /* TABLE */
        zw_section *section; /* SECTION */
        struct zw_bblock *budget;   /* BUDGET */
    };
};

struct zw_section {
    zw_text title;
    const char *id;      /* `id:`, unique in the document among sections and tables (NULL: none) */
    int level;           /* 1 for a chapter, 2 for its sections, … */
    bool numbered;       /* false when the data says `numbered: false` */
    bool appendix;       /* a chapter numbered as an appendix (Bijlage A, B, …: the layout's appendix-number) */
    const char *running; /* a chapter's running title, for {chapter} in the header or footer; NULL: its title */
    zw_block *blocks;
    size_t n;
    zw_pos pos;
};

/* ---- the document ----------------------------------------------------------------------------- */

typedef struct zw_doc {
    const char *organisation; /* "Gemeente Diemen" */
    const char *title;        /* "Programmabegroting 2021" */
    const char *subtitle;     /* optional */
    int year;                 /* the budget or accounting year */
    const char *date;         /* ISO date, YYYY-MM-DD */
    const char *status;       /* "concept", "vastgesteld", … */
    const char *layout;       /* layout name or path, from the data; NULL if absent */
    const char *lang;         /* BCP 47, default "nl-NL" */
    const char **langs;       /* the languages of {lang …} spans (BCP 47 tags), by number - 1 */
    size_t nlangs;
    const char *identifier;   /* for the archive, e.g. the council decision number; NULL if absent */
    const char **keywords;    /* search terms for the archive */
    size_t nkeywords;
    const char *adopted;      /* ISO date the council adopted it, YYYY-MM-DD; NULL if absent */
    const char **hyph_except; /* hyphenation exceptions of this document ("cli-ënt-on-der-steu-ning") */
    size_t nhyph_except;
    zw_section *chapters;
    size_t nchapters;
    zw_note **notes;          /* every footnote, in the order of the data file */
    size_t nnotes;
    const char *path;         /* the data file */
    int type;                 /* the data's document type (zw_doctype in zw_budget.h); -1: the layout's */
    bool budget;              /* has budget blocks still to lower (zw_budget_lower) */
    zw_arena *budget_arena;   /* the budget model until it is lowered (then dropped; see zw_budget.h) */
    zw_pos pos;
    zw_pos meta_pos;          /* the `document:` mapping, where metadata is added */
} zw_doc;

/* Build and validate the model from a data file's root value.  Reports every problem (unknown keys with
 * a "did you mean" hint, missing keys at their parent's position, wrong types, undefined notes) and
 * returns NULL if there was any error.  Unreferenced notes are warnings.  Tables' rows may come from CSV
 * files (zw_csv.h), found beside the data file.  Budget blocks are bound into ZW_BLK_BUDGET blocks that
 * zw_budget_lower must replace before layout. */
zw_doc *zw_doc_bind(zw_arena *a, zw_diags *d, const zw_value *root);

/* What inline markup refers to outside its text: footnotes by name, and the document's languages. */
typedef struct zw_inline_env {
    zw_note *(*note)(void *ctx, const char *key);   /* NULL: an "undefined footnote" error at the mark */
    int (*lang)(void *ctx, const char *tag, size_t n);   /* a language tag's number (1 … ZW_MAX_LANGS) in the
                                                           document's table; 0 when it is full */
    void *ctx;
} zw_inline_env;

/* Parse inline markup into spans.  Positions are the scalar's (approximate inside quoted scalars).  A
 * clean scalar is one span of its string; the spans' texts go over a lasting scalar's string (which is
 * then no longer the scalar's text: parse each scalar once), other texts are copied into the arena. */
bool zw_inline_parse(zw_arena *a, zw_diags *d, const zw_value *scalar, const zw_inline_env *env, zw_text *out);

/* A text of one span: s (borrowed, NUL-terminated) in `style` (ZW_BOLD …) at pos; an empty text for
 * "" or when out of memory (the arena's flag tells). */
zw_text zw_text_of(zw_arena *a, const char *s, unsigned style, zw_pos pos);

/* The plain text of inline content (spans joined, marks omitted), for outlines and running headers. */
char *zw_text_plain(zw_arena *a, const zw_text *t);

#endif
