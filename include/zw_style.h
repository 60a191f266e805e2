/* zw_style.h — the layout file: page geometry, fonts, paragraph/heading/table styles, header and footer.
 *
 * Bound from a layout YAML value tree (src/style.c).  Lengths in the file are numbers with a unit
 * ("20mm", "10pt", "1.5cm", "0.5in"); a bare number is pt.  A layout may `extends:` another layout
 * (looked up like any layout name); the child's keys override the base's.  Font files are looked up
 * beside the layout, then where the font registry says (zw_fonts_find). */
#ifndef ZW_STYLE_H
#define ZW_STYLE_H

#include <stdbool.h>

#include "zw_arena.h"
#include "zw_budget.h"
#include "zw_diag.h"
#include "zw_display.h"
#include "zw_font.h"
#include "zw_linebreak.h"
#include "zw_model.h"
#include "zw_pdfa.h"
#include "zw_text.h"

typedef struct zw_family {
    const char *name;
    int face[4];          /* regular, bold, italic, bold italic (index = ZW_BOLD|ZW_ITALIC) */
} zw_family;

typedef struct zw_pstyle_def {  /* a paragraph or heading style */
    int family;           /* index into zw_style.families */
    double size, leading; /* pt; leading = baseline to baseline */
    double space_before, space_after;
    double indent_first, indent_left;
    zw_align align;
    bool bold, italic;
    bool hyphenate;
    bool keep_with_next;  /* headings: kept with the first lines of what follows */
    zw_rgb color;         /* of the text (black by default) */
    bool expand, protrude;/* font expansion and margin kerning when justified and the layout has them on
                           * (true; a table's cells take them from the table style instead) */
} zw_pstyle_def;

typedef struct zw_custom_style {   /* a paragraph style the layout names itself (`lead`), for `style:` in the data */
    const char *name;
    zw_pstyle_def def;    /* once the layout is loaded: body with the keys `set` as given */
    unsigned set;         /* which keys the layouts gave (bit i: the i-th key of a paragraph style) */
    zw_pos pos;           /* where it was last given */
} zw_custom_style;

typedef struct zw_tstyle {     /* table style */
    zw_pstyle_def cell, header, group, caption;
    double pad_x, pad_y;
    double rule_header;   /* rule under the header rows (0 = none) */
    double rule_top, rule_bottom, rule_rows;  /* above the table, below it, between body rows */
    double frame;         /* rules down the table's left and right edges (0 = none) */
    zw_rgb header_fill;   /* header row shading (white = none) */
    zw_rgb group_fill;    /* group row shading */
    zw_rgb zebra_fill;    /* every other body row (white = none) */
    zw_rgb rule_color;    /* of every rule of the table */
    const char *continued;/* caption suffix on continuation pages, e.g. " (vervolg)"; NULL = none */
    bool split_rows;      /* rows may split between lines of their cells */
    bool expand, protrude;/* justified cells take font expansion and margin kerning (off: cells are narrow) */
} zw_tstyle;

typedef enum zw_field_slot { ZW_SLOT_LEFT, ZW_SLOT_CENTER, ZW_SLOT_RIGHT } zw_field_slot;

typedef struct zw_furniture {  /* running header or footer */
    const char *text[3];  /* templates per slot with {title} {organisation} {chapter} {page} {pages} {date} {status}
                             {year}: only these (the Dutch names are turned into them when the layout is read) */
    zw_pos pos[3];        /* where each template was written (no file: the built-in default) */
    zw_pstyle_def style;
    double rule;          /* rule width between it and the text area (0 = none) */
    zw_rgb rule_color;
    double offset;        /* baseline distance from the text area edge, pt */
    bool mirror;          /* swap left and right on even pages (duplex) */
} zw_furniture;

/* Where the organisation's logo (document.logo in the data) goes. */
typedef struct zw_logo_style {
    zw_align title_align;  /* on the title page, at the top of the text area: LEFT, CENTER, RIGHT; DEFAULT: none */
    double title_width;    /* its width there, pt */
    int header_slot;       /* in the running header: a zw_field_slot, or -1 for none */
    double header_height;  /* its height there, pt */
} zw_logo_style;

#define ZW_CHART_COLOURS 8

typedef struct zw_chart_style {   /* charts (see docs/layout-format.md, `charts`) */
    zw_rgb series[ZW_CHART_COLOURS];   /* the series' (a ring's slices') colours, in order */
    int nseries;
    zw_pstyle_def label;  /* labels, axes and legend: font, size, colour */
    zw_rgb grid;          /* gridlines */
    zw_rgb axis;          /* the axis at zero */
    double height;        /* the drawing's height of column, stacked and line charts, pt */
} zw_chart_style;

/* footnote-numbering: where footnote numbers start again at 1. */
typedef enum zw_note_numbering { ZW_NUMBER_DOCUMENT, ZW_NUMBER_CHAPTER, ZW_NUMBER_PAGE } zw_note_numbering;

typedef struct zw_named_rgb {  /* a colour of the layout's palette */
    const char *name;
    zw_rgb rgb;
} zw_named_rgb;
/* contents: the table of contents after the title page, and the lists of tables and of figures after it. */
enum { ZW_LIST_TABLES, ZW_LIST_FIGURES, ZW_NLISTS };
typedef struct zw_contents {
    const char *title;         /* "Inhoudsopgave"; NULL: no contents */
    const char *lists[ZW_NLISTS];   /* the titles of the lists ("Lijst van tabellen"); NULL: no such list */
    zw_pos lists_pos[ZW_NLISTS];    /* where each was given */
    int depth;                 /* the heading levels listed: 1 = chapters only */
    bool leaders;              /* dots from an entry's title to its page number */
    zw_pstyle_def level[3];    /* the entries of chapters, of sections, of deeper levels */
} zw_contents;

/* page-numbering: how pages are numbered, and so what {page} prints and the PDF's page labels show. */
typedef enum zw_front_pages {
    ZW_FRONT_ROMAN,        /* the title page and the contents i, ii, iii…; the first chapter on page 1 */
    ZW_FRONT_ARABIC        /* every page 1, 2, 3… from the title page on */
} zw_front_pages;
typedef enum zw_appendix_pages {
    ZW_APPENDIX_CONTINUE,  /* the appendices go on from the last page of the body */
    ZW_APPENDIX_RESTART,   /* the appendices from 1 again */
    ZW_APPENDIX_LETTERS    /* each appendix its own, …, B-1 */
} zw_appendix_pages;

typedef struct zw_style {
    const char *name;
    const char *path;          /* the layout file */
    const char **files;        /* every layout file read: path first, then the files it extends */
    int nfiles;
    double page_w, page_h;
    double margin_top, margin_bottom, margin_inner, margin_outer;
    bool duplex;               /* inner/outer margins alternate */
    zw_pos page_pos;           /* the last `page:` that set the geometry, for messages about it */
    zw_family *families;
    int nfamilies;
    zw_pstyle_def body, title, subtitle, heading[4], list, footnote;  /* heading[0] = chapter */
    zw_custom_style *custom;   /* the layout's own paragraph styles */
    int ncustom;
    bool number_headings;      /* 1, 1.1, 1.1.1 */
    const char *chapter_number;   /* a chapter's label: one counter {n} {A} {a} {I} {i} in text ("Programma {n}"),
                                     NULL = none; its sections are numbered from the counter alone (1.1, A.1) */
    const char *appendix_number;  /* the same for chapters the data marks `appendix` ("Bijlage {A}") */
    double list_indent;        /* label column width */
    const char *bullet;        /* "•" */
    zw_tstyle table;
    zw_furniture header, footer;
    zw_logo_style logo;
    zw_chart_style charts;
    const char *watermark;     /* the draft mark printed on every page of a document of one of … */
    const char **watermark_statuses;      /* … these statuses (compared without case) */
    int nwatermark_statuses;
    double watermark_grey;
    zw_contents contents;
    const char *ref_chapter, *ref_section;   /* references: what {ref id} of a numbered chapter or section
                                                prints before its number ("hoofdstuk", "paragraaf") */
    zw_front_pages front_pages;       /* page-numbering: front */
    zw_appendix_pages appendix_pages; /* page-numbering: appendices */
    bool title_page;           /* a title page before the first chapter */
    bool chapter_new_page;     /* every chapter starts on a new page */
    bool chapter_right_page;   /* … on a right-hand page (duplex): a blank left-hand page before it if need be */
    const char *blank_page;    /* printed on such a blank page ("Deze pagina is bewust leeg gelaten"); NULL: none */
    zw_note_place notes;       /* default note placement for table notes (PAGE or TABLE) */
    zw_note_numbering note_numbering;   /* footnote numbers run per document, per chapter or per page */
    bool note_symbols;         /* footnote marks * \u2020 \u2021 § ¶ # ** … instead of 1 2 3 */
    bool table_note_letters;   /* marks of notes under a table a b c … per table (else 1 2 3 per table) */
    double footnote_rule;      /* separator rule width */
    zw_rgb footnote_rule_color;
    zw_named_rgb *palette;     /* the house colours by name */
    int npalette;
    bool greyscale;            /* print in greys only (zw_style_greyscale has made every colour grey) */
    int widows, orphans;       /* minimum lines at the top / bottom of a page */
    zw_break_params brk;       /* Knuth–Plass parameters, with the font expansion limits */
    bool protrude;             /* margin kerning of justified text, with the amounts of `protrusion` */
    zw_protrusion protrusion;
    int hyph_left, hyph_right; /* minimum fragment lengths */
    const char **hyph_except;  /* exception patterns "cli-ënt-on-der-steu-ning" */
    int nhyph_except;
    zw_budget_style budget;    /* wording and conventions of the budget blocks (zw_budget.h) */
    const zw_pdfa *pdfa;       /* the archival profile (PDF/A-2u by default); the command line may override it */
} zw_style;

/* Load a layout: `ref` is a path, or a name looked up as <name>.yaml in the folder of ref_pos.file (the
 * data file), in `layouts_dir` and in ./layouts.  Fonts are loaded into `fonts`.  NULL after reporting
 * every error. */
zw_style *zw_style_load(zw_arena *a, zw_diags *d, zw_fonts *fonts, const char *ref,
                        const char *layouts_dir, zw_pos ref_pos);

/* A paragraph style by its name under `styles:` (built-in or the layout's own), or NULL; borrowed. */
const zw_pstyle_def *zw_style_lookup(const zw_style *s, const char *name);
/* The style name closest to a misspelt one, for a "did you mean"; NULL when none is close. */
const char *zw_style_closest(const zw_style *s, const char *name);

/* Make every colour of the style a grey of the same lightness and set s->greyscale (for print shops:
 * `greyscale: true` in the layout, or --greyscale).  Doing it twice changes nothing. */
void zw_style_greyscale(zw_style *s);

#endif
