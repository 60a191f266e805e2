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
#include "zw_image.h"
#include "zw_value.h"

/* ---- inline text ------------------------------------------------------------------------------ */

enum {
    ZW_BOLD = 1,   /* **bold** */
    ZW_ITALIC = 2, /* *italic* or _italic_ */
    ZW_SUP = 4,    /* ^superscript^ */
    ZW_NOHYPH = 8, /* {nohyphen text} — never hyphenated */
    ZW_LINK = 16   /* the text of a link: [tekst](https://…), a URL or an e-mail address; zw_span.href */
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
    ZW_SPAN_BREAK,    /* a forced line break (`\` at the end of a line, or "\\n") */
    ZW_SPAN_REF,      /* {ref id}: what the id names ("paragraaf 1.3"), as layout words it; text: the id */
    ZW_SPAN_PAGE_REF  /* {page id}: the number of the page it stands on; text: the id */
} zw_span_kind;

typedef struct zw_span {
    zw_span_kind kind;
    unsigned style;      /* ZW_BOLD | ZW_ITALIC | ZW_SUP | ZW_NOHYPH | ZW_LINK, and the language (ZW_LANG_MASK) */
    const char *text;    /* UTF-8, NUL-terminated; whitespace runs folded to one space (TEXT only) */
    size_t len;
    union {
        zw_note *note;   /* NOTE_REF: the note it refers to */
        const char *href;   /* TEXT with ZW_LINK: where the link leads, "https://…", "http://…", "mailto:…",
                               or "#id": to what an id names in the document */
    };
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

/* ---- figures: images and charts ------------------------------------------------------------- */

typedef struct zw_picture {  /* an image block */
    int image;           /* index into zw_doc.images */
    double width;        /* pt; 0: the image's own size (at its resolution, or 150 dpi), at most the measure;
                            < 0: that fraction of the measure (-0.5 = 50%) */
    zw_align align;      /* LEFT, CENTER or RIGHT (DEFAULT: centred) */
    zw_text caption;     /* n == 0 when there is none */
    const char *alt;     /* the text that stands for it (a tagged PDF's /Alt); NULL: none given (a warning) */
} zw_picture;

typedef enum zw_chart_kind {
    ZW_CHART_BAR,        /* horizontal bars: a category a row (lasten per programma) */
    ZW_CHART_COLUMNS,    /* vertical columns, the series of a category side by side */
    ZW_CHART_STACKED,    /* vertical columns, the series of a category stacked (a multi-year estimate) */
    ZW_CHART_LINE,       /* a line a series over the categories (an indicator over the years) */
    ZW_CHART_DONUT,      /* one series as shares of a ring */
    ZW_CHART_PIE         /* … of a disc */
} zw_chart_kind;

typedef struct zw_series {
    const char *name;    /* for the legend: a header cell, a row's label, or `name:` */
    double *v;           /* a value per category; NAN where the data has no number (NB, n.v.t., empty) */
    const char **mark;   /* per category: the text written where v is NAN ("NB"), else NULL */
} zw_series;

typedef struct zw_sel {    /* a row or column a chart names, by the start of its label */
    const char *text;
    zw_pos pos;
} zw_sel;

typedef struct zw_chart {  /* a chart block, its data resolved by zw_charts_resolve */
    uint8_t kind;        /* zw_chart_kind */
    int8_t along;        /* `categories: rows` (0) or `columns` (1) of a table; -1: the kind's default */
    int8_t unit;         /* `unit:` number (0), euro (1), percent (2); -1: as the numbers are written */
    zw_text caption;     /* n == 0 when there is none */
    const char *alt;     /* given alt text; NULL: generated from the data when it is laid out */
    const char *table;   /* `table:` the id of the table its numbers come from; NULL: its own series */
    zw_pos table_pos;
    zw_sel *rows, *cols; /* `rows:` and `columns:` (none given: every body row, every column of numbers) */
    size_t nrows, ncols;
    const char **cats;   /* the categories' labels (bars, columns, x positions, slices) */
    size_t ncats;
    zw_series *series;
    size_t nseries;
    uint8_t decimals;    /* decimals the values were written with (the most of any, at most 4) */
    bool percent;        /* the values are percentages (written with %, or `unit: percent`) */
    bool euro;           /* the values are amounts in euros (written with €, or `unit: euro`) */
    double scale;        /* what 1 in the data stands for: 1000 for a table in thousands of euros */
    double width;        /* pt; 0: the measure; < 0: that fraction of the measure */
    double height;       /* pt of the drawing; 0: from the data and the layout */
    zw_pos pos;
} zw_chart;

typedef enum zw_block_kind {
    ZW_BLK_HEADING,   /* an unnumbered heading inside a section ("Wat gaan we ervoor doen?") */
    ZW_BLK_PARAGRAPH,
    ZW_BLK_LIST,
    ZW_BLK_TABLE,
    ZW_BLK_SECTION,   /* a nested, numbered section */
    ZW_BLK_PAGEBREAK,
    ZW_BLK_IMAGE,     /* a picture with its caption and alt text */
    ZW_BLK_CHART,     /* a chart drawn from a table of the document or its own series */
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
        zw_picture *picture; /* IMAGE */
        zw_chart *chart;     /* CHART */
        struct zw_bblock *budget;   /* BUDGET */
    };
};

struct zw_section {
    zw_text title;
    const char *id;      /* `id:`, unique in the document among sections and tables (NULL: none) */
    int level;           /* 1 for a chapter, 2 for its sections, … */
    bool numbered;       /* false when the data says `numbered: false` */
    bool appendix;       /* a chapter numbered as an appendix (Bijlage A, B, …: the layout's appendix-number;
                            pages … with its page-numbering); the appendices come last */
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
    zw_image *images;         /* every image file the data names (image blocks, the logo), probed */
    size_t nimages;
    int logo;                 /* the organisation's logo: index into images, -1 when none */
    const char *logo_alt;     /* its alt text ("Logo Gemeente Diemen" unless the data says otherwise) */
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

/* Bind a chart block's mapping (src/chart_bind.c): its kind, options and own series, or the table it
 * names and the rows and columns it chooses.  Reports every problem at its place; NULL then.  The
 * caption is left to the caller (it may mark footnotes). */
zw_chart *zw_chart_bind(zw_arena *a, zw_diags *d, const zw_value *v);

/* Read the numbers of every chart that names a table and has none yet, from the tables of doc by their
 * ids.  The binder calls it at the end with `later` saying which ids name a table still to come (a
 * budget table, plain only once zw_budget_lower has lowered it): those charts wait, the others are read
 * then, so that their mistakes come with the data's others; render calls it again after lowering, with
 * `later` NULL.  false after reporting (an unknown id, a row or column that is not there, a cell that is
 * not a number). */
bool zw_charts_resolve(zw_arena *a, zw_diags *d, zw_doc *doc, bool (*later)(void *ctx, const char *id), void *ctx);

#endif
