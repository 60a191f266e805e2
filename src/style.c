/* style.c — layout file value tree → zw_style (page geometry, fonts, styles, furniture).
 *
 * Built-in defaults first, then the `extends:` chain from the root down, then the file itself: every
 * layout file only says what differs.  Font files are found beside the layout, in ./fonts, in zetwerk's
 * own fonts folder and in the system's (zw_fonts_find).  See docs/layout-format.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zw_schema.h"
#include "zw_style.h"
#include "zw_utf8.h"
#include "zw_value.h"

#define ZW_MAX_EXTENDS 8

typedef struct sbind {
    zw_arena *a;
    zw_diags *d;
    zw_fonts *fonts;
    zw_style *s;
    const char *dir;       /* folder of the layout file being applied */
    const char *layouts;   /* the layouts folder for `extends:` and names */
    zw_pos page_pos;       /* the last `page:` applied, for geometry errors (file only when none) */
    struct named { zw_rgb *field; const char *name; } *named;   /* colours given by a palette name, looked up */
    size_t nnamed, capnamed;                                     /* again at the end (malloc'd) … */
    bool late_colors;                                            /* … when this is set */
} sbind;

static const char *const align_names[] = {"default", "left", "right", "center", "justify", "decimal", NULL};

static zw_pstyle_def pstyle(double size, double leading, double before, double after, zw_align al, bool bold) {
    zw_pstyle_def p = {0};
    p.size = size;
    p.leading = leading;
    p.space_before = before;
    p.space_after = after;
    p.align = al;
    p.bold = bold;
    p.hyphenate = al == ZW_ALIGN_JUSTIFY;
    p.expand = p.protrude = true;
    return p;
}

static void defaults(zw_style *s) {
    s->page_w = 595.276;
    s->page_h = 841.89;
    s->margin_top = s->margin_bottom = 70.87;   /* 25 mm */
    s->margin_inner = s->margin_outer = 70.87;
    s->body = pstyle(10, 13, 0, 6, ZW_ALIGN_JUSTIFY, false);
    s->title = pstyle(26, 32, 0, 12, ZW_ALIGN_LEFT, true);
    s->subtitle = pstyle(16, 20, 0, 8, ZW_ALIGN_LEFT, false);
    s->heading[0] = pstyle(18, 22, 0, 12, ZW_ALIGN_LEFT, true);
    s->heading[1] = pstyle(13, 16, 14, 6, ZW_ALIGN_LEFT, true);
    s->heading[2] = pstyle(11, 14, 10, 4, ZW_ALIGN_LEFT, true);
    s->heading[3] = pstyle(10, 13, 8, 3, ZW_ALIGN_LEFT, true);
    for (int i = 0; i < 4; i++) s->heading[i].keep_with_next = true;
    s->list = pstyle(10, 13, 0, 3, ZW_ALIGN_JUSTIFY, false);
    s->footnote = pstyle(8, 10, 0, 2, ZW_ALIGN_JUSTIFY, false);
    s->number_headings = true;
    s->chapter_number = "{n}";
    s->appendix_number = "Bijlage {A}";
    s->list_indent = 14;
    s->bullet = "\xE2\x80\xA2";
    zw_tstyle *t = &s->table;
    t->cell = pstyle(9, 11.5, 0, 2, ZW_ALIGN_LEFT, false);
    t->header = pstyle(9, 11.5, 0, 2, ZW_ALIGN_LEFT, true);
    t->group = pstyle(9, 11.5, 0, 2, ZW_ALIGN_LEFT, true);
    t->caption = pstyle(10, 13, 8, 4, ZW_ALIGN_LEFT, true);
    t->caption.keep_with_next = true;
    t->pad_x = 4;
    t->pad_y = 3;
    t->rule_top = t->rule_bottom = 0.8;
    t->rule_header = 0.5;
    t->rule_rows = 0.25;
    t->header_fill = (zw_rgb){0.85, 0.85, 0.85};
    t->group_fill = (zw_rgb){0.93, 0.93, 0.93};
    t->zebra_fill = (zw_rgb){1, 1, 1};
    t->continued = " (vervolg)";
    t->split_rows = true;
    s->header.style = s->footer.style = pstyle(8, 10, 0, 0, ZW_ALIGN_LEFT, false);
    s->header.offset = s->footer.offset = 20;
    s->header.rule = 0.4;
    s->header.text[ZW_SLOT_LEFT] = "{organisation}";
    s->header.text[ZW_SLOT_RIGHT] = "{title}";
    s->footer.text[ZW_SLOT_RIGHT] = "{page}";
    zw_budget_style_defaults(&s->budget);
    s->header.mirror = s->footer.mirror = true;
    s->logo = (zw_logo_style){ZW_ALIGN_LEFT, 113.39, -1, 22.68};   /* 40 mm on the title page, 8 mm high */
    static const zw_rgb series[] = {{0.122, 0.306, 0.475}, {0.773, 0.353, 0.067}, {0.561, 0.706, 0.851},
                                    {0.957, 0.694, 0.514}, {0.498, 0.498, 0.498}, {0.663, 0.820, 0.557},
                                    {1, 0.753, 0}, {0.439, 0.188, 0.627}};
    memcpy(s->charts.series, series, sizeof series);
    s->charts.nseries = ZW_CHART_COLOURS;
    s->charts.label = pstyle(8, 10, 0, 0, ZW_ALIGN_LEFT, false);
    s->charts.grid = (zw_rgb){0.85, 0.85, 0.85};
    s->charts.axis = (zw_rgb){0.35, 0.35, 0.35};
    s->charts.height = 170;   /* 60 mm */
    s->title_page = true;
    s->chapter_new_page = true;
    s->contents.depth = 2;
    s->contents.leaders = true;
    s->contents.level[0] = pstyle(10, 13.5, 6, 0, ZW_ALIGN_LEFT, true);
    s->contents.level[1] = pstyle(10, 13.5, 0, 0, ZW_ALIGN_LEFT, false);
    s->contents.level[2] = pstyle(9.5, 12.5, 0, 0, ZW_ALIGN_LEFT, false);
    s->ref_chapter = "hoofdstuk";
    s->ref_section = "paragraaf";
    static const char *concept[] = {"concept"};
    s->watermark = "CONCEPT";
    s->watermark_statuses = concept;
    s->nwatermark_statuses = 1;
    s->watermark_grey = 0.9;
    s->notes = ZW_NOTE_TABLE;
    s->footnote_rule = 0.5;
    s->widows = s->orphans = 2;
    s->brk = zw_break_params_default();
    s->brk.emergency_stretch = 6;
    s->brk.expand_step = 0.005;
    zw_protrusion_default(&s->protrusion);
    s->hyph_left = 2;
    s->hyph_right = 3;
    s->pdfa = zw_pdfa_default();
}

/* ---- fonts ------------------------------------------------------------------------------------ */

static int load_face(sbind *b, const zw_value *v, const char *what) {
    const char *file;
    if (!zw_schema_str(b->d, v, what, &file)) return -1;
    char *path = zw_fonts_find(b->fonts, b->a, b->dir, file);
    if (!path) {
        zw_diag(b->d, ZW_ERROR, v->pos, "font file '%s' not found (looked beside the layout, in fonts/, "
                "in zetwerk's fonts and in the system's font folders)", file);
        return -1;
    }
    return zw_fonts_load(b->fonts, b->d, path, v->pos);
}

static const char *const face_keys[] = {"regular", "bold", "italic", "bold-italic", NULL};

static bool bind_family(sbind *b, const char *name, const zw_value *v, zw_family *f) {
    f->name = name;   /* named before any check: later lookups compare names */
    for (int i = 0; i < 4; i++) f->face[i] = -1;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "font family")) return false;
    bool ok = zw_schema_keys(b->d, v, face_keys, "font family");
    const zw_value *reg = zw_schema_need(b->d, v, "regular", "font family");
    if (!reg) return false;
    for (int i = 0; i < 4; i++) {
        const zw_value *x = zw_value_lookup(v, face_keys[i]);
        f->face[i] = x ? load_face(b, x, face_keys[i]) : -2;
        if (f->face[i] == -1) ok = false;
    }
    for (int i = 1; i < 4; i++)   /* missing faces fall back: bold-italic → bold → regular */
        if (f->face[i] == -2) f->face[i] = (i == 3 && f->face[1] >= 0) ? f->face[1] : f->face[0];
    return ok && f->face[0] >= 0;
}

static bool bind_fonts(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "fonts")) return false;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        const char *name = v->keys[i]->str;
        int idx = -1;
        for (int j = 0; j < b->s->nfamilies; j++)
            if (!strcmp(b->s->families[j].name, name)) idx = j;
        if (idx < 0) {
            zw_family *nf = zw_arena_grow(b->a, b->s->families, (size_t)b->s->nfamilies * sizeof *nf,
                                          (size_t)(b->s->nfamilies + 1) * sizeof *nf);
            if (!nf) return false;
            b->s->families = nf;
            idx = b->s->nfamilies++;
        }
        ok &= bind_family(b, name, v->items[i], &b->s->families[idx]);
    }
    return ok;
}

/* ---- colours ---------------------------------------------------------------------------------- */

#define ZW_MAX_PALETTE 64   /* colours a layout may name */

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "#rrggbb" or "#rgb". */
static bool parse_hex(const char *s, zw_rgb *out) {
    size_t n = strlen(s);
    if (s[0] != '#' || (n != 7 && n != 4)) return false;
    int v[6];
    for (size_t i = 1; i < n; i++)
        if ((v[i - 1] = hex_digit(s[i])) < 0) return false;
    double c[3];
    for (int i = 0; i < 3; i++) c[i] = (n == 7 ? v[2 * i] * 16 + v[2 * i + 1] : v[i] * 17) / 255.0;
    *out = (zw_rgb){c[0], c[1], c[2]};
    return true;
}

/* A palette entry by name (the built-in black and white too); NULL when there is none. */
static const zw_rgb *palette_lookup(const zw_style *s, const char *name) {
    static const zw_named_rgb builtin[] = {{"black", {0, 0, 0}}, {"white", {1, 1, 1}}};
    for (int i = s->npalette; i-- > 0;)
        if (!strcmp(s->palette[i].name, name)) return &s->palette[i].rgb;
    for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
        if (!strcmp(builtin[i].name, name)) return &builtin[i].rgb;
    return NULL;
}

/* A colour: a name from the palette, #rrggbb (or #rgb), or a grey from 0 (black) to 1 (white). */
static bool color_value(sbind *b, const zw_value *x, const char *what, zw_rgb *out) {
    const char *str;
    if (!zw_schema_str(b->d, x, what, &str)) return false;
    char *end;
    double grey = strtod(str, &end);
    if (end != str && !*end && (str[0] == '.' || (str[0] >= '0' && str[0] <= '9'))) {
        if (!(grey >= 0 && grey <= 1)) {
            zw_diag(b->d, ZW_ERROR, x->pos, "'%s': a grey is between 0 (black) and 1 (white), not '%s'", what, str);
            return false;
        }
        *out = (zw_rgb){grey, grey, grey};
        return true;
    }
    if (str[0] == '#') {
        if (parse_hex(str, out)) return true;
        zw_diag(b->d, ZW_ERROR, x->pos, "'%s': a colour in hex is #rrggbb, such as #00689e, not '%s'", what, str);
        return false;
    }
    const zw_rgb *c = palette_lookup(b->s, str);
    if (c) { *out = *c; return true; }
    const char *best = NULL;
    int bd = 3;
    for (int i = 0; i < b->s->npalette; i++) {
        int dist = zw_edit_distance(str, b->s->palette[i].name);
        if (dist < bd) { bd = dist; best = b->s->palette[i].name; }
    }
    if (best)
        zw_diag(b->d, ZW_ERROR, x->pos, "'%s': colour '%s' is not defined under 'palette:'; did you mean '%s'?", what,
                str, best);
    else
        zw_diag(b->d, ZW_ERROR, x->pos, "'%s': colour '%s' is not defined under 'palette:' (a colour is a palette name, "
                "#rrggbb, or a grey from 0 to 1)", what, str);
    return false;
}

/* A colour of a style: as color_value, and a palette name is remembered, to be looked up again once the
 * whole chain is applied — so that a child layout that only redefines `huis` recolours its base's styles. */
static bool bind_color(sbind *b, const zw_value *x, const char *what, zw_rgb *out) {
    if (!color_value(b, x, what, out)) return false;
    if (!b->late_colors) return true;
    size_t k = 0;
    while (k < b->nnamed && b->named[k].field != out) k++;
    const char *s = x->str;
    bool named = s[0] != '#' && !(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'));
    if (!named) {   /* a value of its own now: forget an earlier name */
        if (k < b->nnamed) b->named[k] = b->named[--b->nnamed];
        return true;
    }
    if (k == b->nnamed && !zw_grow((void **)&b->named, &b->capnamed, b->nnamed, sizeof *b->named)) return false;
    b->named[k] = (struct named){out, s};
    if (k == b->nnamed) b->nnamed++;
    return true;
}

/* `palette:` — names for the house colours; a child layout adds names and may redefine its base's. */
static bool bind_palette(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "palette")) return false;
    zw_style *s = b->s;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        const char *name = v->keys[i]->str;
        size_t n = strlen(name);
        if (n == 0 || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n) {
            zw_diag(b->d, ZW_ERROR, v->keys[i]->pos, "a colour's name is letters, digits, '-' and '_', not '%s'", name);
            ok = false;
            continue;
        }
        zw_rgb c;
        if (!color_value(b, v->items[i], name, &c)) { ok = false; continue; }
        int k = 0;
        while (k < s->npalette && strcmp(s->palette[k].name, name)) k++;
        if (k == s->npalette) {
            if (s->npalette >= ZW_MAX_PALETTE) {
                zw_diag(b->d, ZW_ERROR, v->keys[i]->pos, "a palette holds at most %d colours", ZW_MAX_PALETTE);
                return false;
            }
            zw_named_rgb *p = zw_arena_grow(b->a, s->palette, (size_t)s->npalette * sizeof *p,
                                            (size_t)(s->npalette + 1) * sizeof *p);
            if (!p) return false;
            s->palette = p;
            s->npalette++;
        }
        s->palette[k] = (zw_named_rgb){name, c};
    }
    return ok;
}

/* ---- paragraph styles ------------------------------------------------------------------------- */

static bool bind_family_ref(sbind *b, const zw_value *x, int *out) {
    const char *name;
    if (!zw_schema_str(b->d, x, "font", &name)) return false;
    for (int i = 0; i < b->s->nfamilies; i++)
        if (!strcmp(b->s->families[i].name, name)) { *out = i; return true; }
    zw_diag(b->d, ZW_ERROR, x->pos, "font family '%s' is not defined under 'fonts:'", name);
    return false;
}

static const char *const pstyle_keys[] = {"font", "size", "leading", "space-before", "space-after", "indent",
                                          "left-indent", "align", "bold", "italic", "hyphenate", "keep-with-next",
                                          "colour", NULL};
enum { PS_FONT = 1 };   /* bit i of a style's `set`: pstyle_keys[i] was given */

static bool check_leading(sbind *b, zw_pos pos, const char *what, const zw_pstyle_def *p) {
    if (p->leading >= p->size * 0.8) return true;
    zw_diag(b->d, ZW_ERROR, pos, "%s: leading %.1fpt is too small for size %.1fpt", what, p->leading, p->size);
    return false;
}

/* A paragraph style's keys over *p; *set gets a bit for each key given (pstyle_keys' order). */
static bool bind_pstyle_keys(sbind *b, const zw_value *v, const char *what, zw_pstyle_def *p, unsigned *set) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, what)) return false;
    bool ok = zw_schema_keys(b->d, v, pstyle_keys, what);
    for (int i = 0; pstyle_keys[i]; i++)
        if (zw_value_lookup(v, pstyle_keys[i])) *set |= 1u << i;
    const zw_value *x;
    if ((x = zw_value_lookup(v, "font"))) ok &= bind_family_ref(b, x, &p->family);
    if ((x = zw_value_lookup(v, "size"))) ok &= zw_schema_length(b->d, x, "size", 2, 200, &p->size);
    if ((x = zw_value_lookup(v, "leading"))) ok &= zw_schema_length(b->d, x, "leading", 2, 400, &p->leading);
    if ((x = zw_value_lookup(v, "space-before"))) ok &= zw_schema_length(b->d, x, "space-before", 0, 500, &p->space_before);
    if ((x = zw_value_lookup(v, "space-after"))) ok &= zw_schema_length(b->d, x, "space-after", 0, 500, &p->space_after);
    if ((x = zw_value_lookup(v, "indent"))) ok &= zw_schema_length(b->d, x, "indent", -200, 200, &p->indent_first);
    if ((x = zw_value_lookup(v, "left-indent"))) ok &= zw_schema_length(b->d, x, "left-indent", 0, 200, &p->indent_left);
    if ((x = zw_value_lookup(v, "bold"))) ok &= zw_schema_bool(b->d, x, "bold", &p->bold);
    if ((x = zw_value_lookup(v, "italic"))) ok &= zw_schema_bool(b->d, x, "italic", &p->italic);
    if ((x = zw_value_lookup(v, "hyphenate"))) ok &= zw_schema_bool(b->d, x, "hyphenate", &p->hyphenate);
    if ((x = zw_value_lookup(v, "keep-with-next"))) ok &= zw_schema_bool(b->d, x, "keep-with-next", &p->keep_with_next);
    if ((x = zw_value_lookup(v, "colour"))) ok &= bind_color(b, x, "colour", &p->color);
    if ((x = zw_value_lookup(v, "align"))) {
        int al;
        if (zw_schema_enum(b->d, x, "align", align_names, &al)) p->align = (zw_align)al;
        else ok = false;
    }
    return ok;
}

static bool bind_pstyle(sbind *b, const zw_value *v, const char *what, zw_pstyle_def *p) {
    unsigned set = 0;
    bool ok = bind_pstyle_keys(b, v, what, p, &set);
    return check_leading(b, v->pos, what, p) && ok;
}

/* The keys `set` of src over dst. */
static void copy_set(zw_pstyle_def *dst, const zw_pstyle_def *src, unsigned set) {
    if (set & 1u << 0) dst->family = src->family;
    if (set & 1u << 1) dst->size = src->size;
    if (set & 1u << 2) dst->leading = src->leading;
    if (set & 1u << 3) dst->space_before = src->space_before;
    if (set & 1u << 4) dst->space_after = src->space_after;
    if (set & 1u << 5) dst->indent_first = src->indent_first;
    if (set & 1u << 6) dst->indent_left = src->indent_left;
    if (set & 1u << 7) dst->align = src->align;
    if (set & 1u << 8) dst->bold = src->bold;
    if (set & 1u << 9) dst->italic = src->italic;
    if (set & 1u << 10) dst->hyphenate = src->hyphenate;
    if (set & 1u << 11) dst->keep_with_next = src->keep_with_next;
    if (set & 1u << 12) dst->color = src->color;
}

static const char *const builtin_styles[] = {"body", "title", "subtitle", "chapter", "section", "subsection",
                                             "heading", "list", "footnote", NULL};

/* A style of the layout's own (`lead:` under `styles:`): what it gives over `body`, resolved once the
 * whole chain is read (zw_style_load), so that it follows body wherever a later layout changes that.  A
 * name within a typo of a built-in one is refused: `boddy` is a misspelt body, not a new style. */
static bool bind_custom_style(sbind *b, const zw_value *key, const zw_value *v) {
    const char *hint = zw_schema_closest(key->str, builtin_styles);
    if (hint) {
        zw_diag(b->d, ZW_ERROR, key->pos, "unknown key '%s' in styles; did you mean '%s'? (a style of the layout's "
                "own needs a name unlike the built-in ones)", key->str, hint);
        return false;
    }
    zw_style *s = b->s;
    int i = 0;
    while (i < s->ncustom && strcmp(s->custom[i].name, key->str)) i++;
    if (i == s->ncustom) {
        zw_custom_style *c = zw_arena_grow(b->a, s->custom, (size_t)s->ncustom * sizeof *c,
                                           (size_t)(s->ncustom + 1) * sizeof *c);
        if (!c) return false;
        s->custom = c;
        c[i] = (zw_custom_style){zw_arena_strndup(b->a, key->str, strlen(key->str)), s->body, 0, key->pos};
        s->ncustom++;
    }
    zw_custom_style *c = &s->custom[i];
    zw_pstyle_def p = s->body;   /* checked as it would stand with today's body */
    copy_set(&p, &c->def, c->set);
    b->late_colors = false;      /* (p is a copy: its colour's name is looked up now, not at the end) */
    bool ok = bind_pstyle_keys(b, v, key->str, &p, &c->set);
    b->late_colors = true;
    ok = check_leading(b, v->pos, key->str, &p) && ok;
    c->def = p;
    c->pos = v->pos;
    return ok;
}

static bool bind_styles(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "styles")) return false;
    zw_style *s = b->s;
    zw_pstyle_def *targets[] = {&s->body, &s->title, &s->subtitle, &s->heading[0], &s->heading[1],
                                &s->heading[2], &s->heading[3], &s->list, &s->footnote};
    bool ok = true;
    for (int i = 0; builtin_styles[i]; i++) {
        const zw_value *x = zw_value_lookup(v, builtin_styles[i]);
        if (x) ok &= bind_pstyle(b, x, builtin_styles[i], targets[i]);
    }
    for (size_t i = 0; i < v->n; i++) {
        int k = 0;
        while (builtin_styles[k] && strcmp(builtin_styles[k], v->keys[i]->str)) k++;
        if (!builtin_styles[k]) ok &= bind_custom_style(b, v->keys[i], v->items[i]);
    }
    return ok;
}

/* Every paragraph style of the layout: the built-in ones, the table's, the header's and footer's, the
 * contents'; at most MAX_PSTYLES. */
#define MAX_PSTYLES 24
static size_t all_pstyles(zw_style *s, zw_pstyle_def **out) {
    zw_pstyle_def *all[] = {&s->body, &s->title, &s->subtitle, &s->heading[0], &s->heading[1], &s->heading[2],
                            &s->heading[3], &s->list, &s->footnote, &s->table.cell, &s->table.header,
                            &s->table.group, &s->table.caption, &s->header.style, &s->footer.style,
                            &s->contents.level[0], &s->contents.level[1], &s->contents.level[2]};
    size_t n = sizeof all / sizeof *all;
    _Static_assert(sizeof all / sizeof *all <= MAX_PSTYLES, "room for every style");
    memcpy(out, all, sizeof all);
    return n;
}

static void grey(zw_rgb *c) { *c = zw_rgb_grey(*c); }

void zw_style_greyscale(zw_style *s) {
    zw_pstyle_def *ps[MAX_PSTYLES];
    size_t n = all_pstyles(s, ps);
    for (size_t i = 0; i < n; i++) grey(&ps[i]->color);
    for (int i = 0; i < s->ncustom; i++) grey(&s->custom[i].def.color);
    zw_rgb *other[] = {&s->table.header_fill, &s->table.group_fill, &s->table.zebra_fill, &s->table.rule_color,
                       &s->header.rule_color, &s->footer.rule_color, &s->footnote_rule_color, &s->charts.label.color,
                       &s->charts.grid, &s->charts.axis};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) grey(other[i]);
    for (int i = 0; i < s->npalette; i++) grey(&s->palette[i].rgb);
    for (int i = 0; i < s->charts.nseries; i++) grey(&s->charts.series[i]);
    s->greyscale = true;
}

/* `font:` — the family of everything: every style so far (those of the layouts this one extends
 * included), and the styles that follow unless they name another. */
static bool bind_default_font(sbind *b, const zw_value *v) {
    int family;
    if (!bind_family_ref(b, v, &family)) return false;
    zw_pstyle_def *ps[MAX_PSTYLES];
    size_t n = all_pstyles(b->s, ps);
    for (size_t i = 0; i < n; i++) ps[i]->family = family;
    for (int i = 0; i < b->s->ncustom; i++) {
        b->s->custom[i].def.family = family;
        b->s->custom[i].set |= PS_FONT;
    }
    return true;
}

/* The layout's own styles, now that body is final: body with what each gives. */
static bool resolve_custom(sbind *b) {
    bool ok = true;
    for (int i = 0; i < b->s->ncustom; i++) {
        zw_custom_style *c = &b->s->custom[i];
        zw_pstyle_def p = b->s->body;
        copy_set(&p, &c->def, c->set);
        c->def = p;
        ok &= check_leading(b, c->pos, c->name, &p);
    }
    return ok;
}

const zw_pstyle_def *zw_style_lookup(const zw_style *s, const char *name) {
    const zw_pstyle_def *builtin[] = {&s->body, &s->title, &s->subtitle, &s->heading[0], &s->heading[1],
                                      &s->heading[2], &s->heading[3], &s->list, &s->footnote};
    for (int i = 0; builtin_styles[i]; i++)
        if (!strcmp(builtin_styles[i], name)) return builtin[i];
    for (int i = 0; i < s->ncustom; i++)
        if (!strcmp(s->custom[i].name, name)) return &s->custom[i].def;
    return NULL;
}

const char *zw_style_closest(const zw_style *s, const char *name) {
    const char *hint = zw_schema_closest(name, builtin_styles);
    for (int i = 0; !hint && i < s->ncustom; i++) {
        const char *one[] = {s->custom[i].name, NULL};
        hint = zw_schema_closest(name, one);
    }
    return hint;
}

/* ---- page ------------------------------------------------------------------------------------- */

static bool bind_size(sbind *b, const zw_value *x, zw_style *s) {
    static const char *const names[] = {"A4", "A5", "A3", "Letter", NULL};
    static const double w[] = {595.276, 419.528, 841.89, 612}, h[] = {841.89, 595.276, 1190.551, 792};
    if (x->kind == ZW_V_SEQ && x->n == 2)
        return zw_schema_length(b->d, x->items[0], "page width", 72, 14400, &s->page_w) &
               zw_schema_length(b->d, x->items[1], "page height", 72, 14400, &s->page_h);
    int i;
    if (!zw_schema_enum(b->d, x, "size", names, &i)) return false;
    s->page_w = w[i];
    s->page_h = h[i];
    return true;
}

static bool bind_margins(sbind *b, const zw_value *v, zw_style *s) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "margins")) return false;
    static const char *const keys[] = {"top", "bottom", "inner", "outer", NULL};
    double *t[] = {&s->margin_top, &s->margin_bottom, &s->margin_inner, &s->margin_outer};
    bool ok = zw_schema_keys(b->d, v, keys, "margins");
    for (int i = 0; keys[i]; i++) {
        const zw_value *x = zw_value_lookup(v, keys[i]);
        if (x) ok &= zw_schema_length(b->d, x, keys[i], 0, 7200, t[i]);
    }
    return ok;
}

static bool bind_page(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "page")) return false;
    b->page_pos = v->pos;
    static const char *const keys[] = {"size", "orientation", "margins", "duplex", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "page");
    const zw_value *x;
    zw_style *s = b->s;
    s->page_pos = v->pos;
    if ((x = zw_value_lookup(v, "size"))) ok &= bind_size(b, x, s);
    if ((x = zw_value_lookup(v, "orientation"))) {
        static const char *const o[] = {"portrait", "landscape", NULL};
        int i;
        if (!zw_schema_enum(b->d, x, "orientation", o, &i)) ok = false;
        else if ((i == 1) != (s->page_w > s->page_h)) { double t = s->page_w; s->page_w = s->page_h; s->page_h = t; }
    }
    if ((x = zw_value_lookup(v, "margins"))) ok &= bind_margins(b, x, s);
    if ((x = zw_value_lookup(v, "duplex"))) ok &= zw_schema_bool(b->d, x, "duplex", &s->duplex);
    return ok;
}

/* ---- tables, furniture, paragraphs, hyphenation ----------------------------------------------- */

/* A text that may be empty (null = none). */
static bool opt_str(sbind *b, const zw_value *x, const char *what, const char **out) {
    if (x->kind == ZW_V_NULL) { *out = NULL; return true; }
    return zw_schema_str(b->d, x, what, out);
}

static bool bind_table_style(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "table")) return false;
    static const char *const keys[] = {"cell", "header", "group", "caption", "padding-x", "padding-y",
                                       "rule-top", "rule-header", "rule-rows", "rule-bottom",
                                       "header-grey", "group-grey", "zebra-grey", "continued",
                                       "split-rows", "frame", "header-fill", "group-fill", "zebra-fill",
                                       "rule-colour", "expansion", "protrusion", NULL};
    zw_tstyle *t = &b->s->table;
    bool ok = zw_schema_keys(b->d, v, keys, "table style");
    zw_pstyle_def *ps[] = {&t->cell, &t->header, &t->group, &t->caption};
    for (int i = 0; i < 4; i++) {
        const zw_value *x = zw_value_lookup(v, keys[i]);
        if (x) ok &= bind_pstyle(b, x, keys[i], ps[i]);
    }
    double *len[] = {&t->pad_x, &t->pad_y, &t->rule_top, &t->rule_header, &t->rule_rows, &t->rule_bottom};
    for (int i = 0; i < 6; i++) {
        const zw_value *x = zw_value_lookup(v, keys[4 + i]);
        if (x) ok &= zw_schema_length(b->d, x, keys[4 + i], 0, 100, len[i]);
    }
    zw_rgb *fill[] = {&t->header_fill, &t->group_fill, &t->zebra_fill};
    for (int i = 0; i < 3; i++) {   /* a grey (as before colours), or a colour; the -fill key wins */
        const zw_value *x = zw_value_lookup(v, keys[10 + i]);
        double grey;
        if (x && zw_schema_num(b->d, x, keys[10 + i], 0, 1, &grey)) *fill[i] = (zw_rgb){grey, grey, grey};
        else if (x) ok = false;
        if ((x = zw_value_lookup(v, keys[16 + i]))) ok &= bind_color(b, x, keys[16 + i], fill[i]);
    }
    const zw_value *x;
    if ((x = zw_value_lookup(v, "continued"))) ok &= opt_str(b, x, "continued", &t->continued);
    if ((x = zw_value_lookup(v, "split-rows"))) ok &= zw_schema_bool(b->d, x, "split-rows", &t->split_rows);
    if ((x = zw_value_lookup(v, "frame"))) ok &= zw_schema_length(b->d, x, "frame", 0, 100, &t->frame);
    if ((x = zw_value_lookup(v, "expansion"))) ok &= zw_schema_bool(b->d, x, "expansion", &t->expand);
    if ((x = zw_value_lookup(v, "protrusion"))) ok &= zw_schema_bool(b->d, x, "protrusion", &t->protrude);
    if ((x = zw_value_lookup(v, "rule-colour"))) ok &= bind_color(b, x, "rule-colour", &t->rule_color);
    return ok;
}

/* The fields of a header or footer template, and the Dutch names a Dutch user types first: the layout
 * keeps only the canonical names, so compose knows no other. */
static const char *const fields[] = {"title", "organisation", "chapter", "page", "pages", "date", "status", "year",
                                     "titel", "organisatie", "hoofdstuk", "pagina", "paginas", "pagina's",
                                     "datum", "jaar", NULL};
#define NCANONICAL 8
static const char *const canonical_of[] = {"title", "organisation", "chapter", "page", "pages", "pages", "date", "year"};

/* Whether c may stand in a field's name: {pagina's} is a field too, and an unknown one an error. */
static bool field_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '\'';
}

/* Characters (not bytes) of s[0..n), for the column of a field in its template. */
static int chars(const char *s, size_t n) {
    int k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* A template with every field checked and named canonically ("Pagina {pagina}" → "Pagina {page}"); NULL
 * after reporting each unknown field at its column (counted from the value's start, so only close in a
 * double-quoted template with escapes before it). */
static const char *bind_template(sbind *b, const zw_value *v, const char *slot, const char *what) {
    const char *tpl = v->str;
    char *out = zw_arena_alloc(b->a, 2 * strlen(tpl) + 1);   /* a canonical name may be longer ({organisation}) */
    if (!out) return NULL;
    size_t n = 0;
    bool ok = true;
    for (const char *p = tpl; *p;) {
        const char *q = p + 1;
        while (*p == '{' && field_char(*q)) q++;
        if (*p != '{' || *q != '}' || q == p + 1) { out[n++] = *p++; continue; }
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(q - p - 1), p + 1);
        int k = 0;
        while (fields[k] && strcmp(fields[k], name)) k++;
        if (fields[k]) {
            const char *c = k < NCANONICAL ? fields[k] : canonical_of[k - NCANONICAL];
            n += (size_t)sprintf(out + n, "{%s}", c);
        } else {
            zw_pos at = {v->pos.file, v->pos.line, v->pos.col + !v->plain + chars(tpl, (size_t)(p - tpl))};
            const char *hint = zw_schema_closest(name, fields);
            if (hint) zw_diag(b->d, ZW_ERROR, at, "unknown field '{%s}' in the %s's %s template; did you mean '{%s}'?",
                              name, what, slot, hint);
            else zw_diag(b->d, ZW_ERROR, at, "unknown field '{%s}' in the %s's %s template; the fields are {title}, "
                         "{organisation}, {chapter}, {page}, {pages}, {date}, {status} and {year} (or {titel}, "
                         "{organisatie}, {hoofdstuk}, {pagina}, {paginas}, {datum}, {jaar})", name, what, slot);
            ok = false;
        }
        p = q + 1;
    }
    out[n] = 0;
    return ok ? out : NULL;
}

static bool bind_furniture(sbind *b, const zw_value *v, const char *what, zw_furniture *f) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, what)) return false;
    static const char *const keys[] = {"left", "center", "right", "style", "rule", "offset", "mirror", "rule-colour",
                                       NULL};
    bool ok = zw_schema_keys(b->d, v, keys, what);
    for (int i = 0; i < 3; i++) {
        const zw_value *x = zw_value_lookup(v, keys[i]);
        if (!x || !opt_str(b, x, keys[i], &f->text[i])) { ok &= !x; continue; }
        f->pos[i] = x->pos;
        if (f->text[i] && !(f->text[i] = bind_template(b, x, keys[i], what))) ok = false;
    }
    const zw_value *x;
    if ((x = zw_value_lookup(v, "style"))) ok &= bind_pstyle(b, x, "style", &f->style);
    if ((x = zw_value_lookup(v, "rule"))) ok &= zw_schema_length(b->d, x, "rule", 0, 20, &f->rule);
    if ((x = zw_value_lookup(v, "offset"))) ok &= zw_schema_length(b->d, x, "offset", 0, 500, &f->offset);
    if ((x = zw_value_lookup(v, "mirror"))) ok &= zw_schema_bool(b->d, x, "mirror", &f->mirror);
    if ((x = zw_value_lookup(v, "rule-colour"))) ok &= bind_color(b, x, "rule-colour", &f->rule_color);
    return ok;
}

/* `logo:` where the data's logo goes: on the title page and in the running header. */
static bool bind_logo(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "logo")) return false;
    static const char *const keys[] = {"title-page", "width", "header", "header-height", NULL};
    static const char *const places[] = {"none", "left", "center", "right", NULL};
    zw_logo_style *l = &b->s->logo;
    bool ok = zw_schema_keys(b->d, v, keys, "logo");
    const zw_value *x;
    int i;
    if ((x = zw_value_lookup(v, "title-page"))) {
        if (zw_schema_enum(b->d, x, "title-page", places, &i))
            l->title_align = i == 0 ? ZW_ALIGN_DEFAULT : i == 1 ? ZW_ALIGN_LEFT : i == 2 ? ZW_ALIGN_CENTER : ZW_ALIGN_RIGHT;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "header"))) {
        if (zw_schema_enum(b->d, x, "header", places, &i)) l->header_slot = i == 0 ? -1 : i - 1;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "width"))) ok &= zw_schema_length(b->d, x, "width", 10, 500, &l->title_width);
    if ((x = zw_value_lookup(v, "header-height")))
        ok &= zw_schema_length(b->d, x, "header-height", 4, 100, &l->header_height);
    return ok;
}

/* `charts:` the series' colours, the labels' style, gridlines, axis and the default height. */
static bool bind_charts(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "charts")) return false;
    static const char *const keys[] = {"series", "label", "grid-colour", "axis-colour", "height", NULL};
    zw_chart_style *c = &b->s->charts;
    bool ok = zw_schema_keys(b->d, v, keys, "charts");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "series")) && zw_schema_is(b->d, x, ZW_V_SEQ, "series")) {
        if (x->n == 0 || x->n > ZW_CHART_COLOURS) {
            zw_diag(b->d, ZW_ERROR, x->pos, "'series' lists 1 to %d colours, not %zu", ZW_CHART_COLOURS, (size_t)x->n);
            ok = false;
        } else {
            for (size_t i = 0; i < x->n; i++) ok &= bind_color(b, x->items[i], "series", &c->series[i]);
            c->nseries = (int)x->n;
        }
    } else if (x) ok = false;
    if ((x = zw_value_lookup(v, "label"))) ok &= bind_pstyle(b, x, "label", &c->label);
    if ((x = zw_value_lookup(v, "grid-colour"))) ok &= bind_color(b, x, "grid-colour", &c->grid);
    if ((x = zw_value_lookup(v, "axis-colour"))) ok &= bind_color(b, x, "axis-colour", &c->axis);
    if ((x = zw_value_lookup(v, "height"))) ok &= zw_schema_length(b->d, x, "height", 40, 2000, &c->height);
    return ok;
}

/* The title of a list of tables or figures, or ~ for none; `true` and its kin are a switch that names no
 * title, and an error that says what to write. */
static bool list_title(sbind *b, const zw_value *x, const char *what, const char **out) {
    static const char *const switches[] = {"true", "false", "yes", "no", "ja", "nee", "on", "off", NULL};
    for (int i = 0; x->kind == ZW_V_SCALAR && x->plain && switches[i]; i++)
        if (!strcmp(x->str, switches[i])) {
            zw_diag(b->d, ZW_ERROR, x->pos, "'%s' is the list's title (such as \"%s\"), or ~ for none, not '%s'",
                    what, strcmp(what, "tables") ? "Lijst van figuren" : "Lijst van tabellen", x->str);
            return false;
        }
    return opt_str(b, x, what, out);
}

/* contents: title (~: none), depth, leaders, the styles of the entries of levels 1, 2, 3 and deeper, and the
 * titles of the lists of tables and of figures (~: none). */
static bool bind_contents(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "contents")) return false;
    static const char *const keys[] = {"title", "depth", "leaders", "level-1", "level-2", "level-3", "tables",
                                       "figures", NULL};
    zw_contents *c = &b->s->contents;
    bool ok = zw_schema_keys(b->d, v, keys, "contents");
    const zw_value *x;
    long n;
    if ((x = zw_value_lookup(v, "title"))) ok &= opt_str(b, x, "title", &c->title);
    if ((x = zw_value_lookup(v, "depth")) && zw_schema_int(b->d, x, "depth", 1, 6, &n)) c->depth = (int)n;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "leaders"))) ok &= zw_schema_bool(b->d, x, "leaders", &c->leaders);
    for (int i = 0; i < 3; i++)
        if ((x = zw_value_lookup(v, keys[3 + i]))) ok &= bind_pstyle(b, x, keys[3 + i], &c->level[i]);
    for (int i = 0; i < ZW_NLISTS; i++)
        if ((x = zw_value_lookup(v, keys[6 + i]))) {
            ok &= list_title(b, x, keys[6 + i], &c->lists[i]);
            c->lists_pos[i] = x->pos;
        }
    return ok;
}

/* references: the words {ref id} prints before a chapter's or section's number. */
static bool bind_references(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "references")) return false;
    static const char *const keys[] = {"chapter", "section", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "references");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "chapter"))) ok &= zw_schema_str(b->d, x, "chapter", &b->s->ref_chapter);
    if ((x = zw_value_lookup(v, "section"))) ok &= zw_schema_str(b->d, x, "section", &b->s->ref_section);
    return ok;
}

/* watermark: the draft mark's text, the statuses that print it (the list replaces the base's) and grey. */
static bool bind_watermark(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "watermark")) return false;
    static const char *const keys[] = {"text", "statuses", "grey", NULL};
    zw_style *s = b->s;
    bool ok = zw_schema_keys(b->d, v, keys, "watermark");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "text"))) ok &= opt_str(b, x, "text", &s->watermark);
    if ((x = zw_value_lookup(v, "grey"))) ok &= zw_schema_num(b->d, x, "grey", 0, 1, &s->watermark_grey);
    if ((x = zw_value_lookup(v, "statuses")) && zw_schema_is(b->d, x, ZW_V_SEQ, "statuses")) {
        const char **st = zw_arena_alloc(b->a, (x->n + 1) * sizeof *st);
        if (!st) return false;
        for (size_t i = 0; i < x->n; i++) ok &= zw_schema_str(b->d, x->items[i], "status", &st[i]);
        s->watermark_statuses = st;
        s->nwatermark_statuses = (int)x->n;
    } else if (x) {
        ok = false;
    }
    return ok;
}

static bool bind_page_numbering(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "page-numbering")) return false;
    static const char *const keys[] = {"front", "appendices", NULL};
    static const char *const front[] = {"roman", "arabic", NULL}, *const appendices[] = {"continue", "restart",
                                                                                           "letters", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "page-numbering");
    const zw_value *x;
    int i;
    if ((x = zw_value_lookup(v, "front")) && zw_schema_enum(b->d, x, "front", front, &i))
        b->s->front_pages = (zw_front_pages)i;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "appendices")) && zw_schema_enum(b->d, x, "appendices", appendices, &i))
        b->s->appendix_pages = (zw_appendix_pages)i;
    else if (x) ok = false;
    return ok;
}

/* One side of protrusion-amounts: a mapping of single characters to thousandths of their width. */
static bool bind_amounts(sbind *b, const zw_value *v, const char *what, uint16_t *side) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, what)) return false;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        const zw_value *k = v->keys[i];
        const char *p = k->str, *end = k->str + k->len;
        uint32_t cp = k->len ? zw_utf8_next(&p, end) : 0;
        int slot = p == end ? zw_protrusion_slot(cp) : -1;
        long n;
        if (slot < 0) {
            zw_diag(b->d, ZW_ERROR, k->pos, "'%s' in %s must be one character of Latin-1 or general punctuation "
                    "(U+2000–U+20FF)", k->str, what);
            ok = false;
        } else if ((ok &= zw_schema_int(b->d, v->items[i], k->str, 0, 1000, &n))) {
            side[slot] = (uint16_t)n;
        }
    }
    return ok;
}

static bool bind_protrusion(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "protrusion-amounts")) return false;
    static const char *const keys[] = {"left", "right", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "protrusion-amounts");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "left"))) ok &= bind_amounts(b, x, "left", b->s->protrusion.left);
    if ((x = zw_value_lookup(v, "right"))) ok &= bind_amounts(b, x, "right", b->s->protrusion.right);
    return ok;
}

static bool bind_paragraphs(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "paragraphs")) return false;
    static const char *const keys[] = {"widows", "orphans", "tolerance", "looseness", "emergency-stretch",
                                       "max-hyphens-in-row", "algorithm", "expansion", "expansion-step",
                                       "protrusion", "protrusion-amounts", "hyphen-penalty", NULL};
    zw_style *s = b->s;
    bool ok = zw_schema_keys(b->d, v, keys, "paragraphs");
    const zw_value *x;
    long n;
    if ((x = zw_value_lookup(v, "widows")) && (ok &= zw_schema_int(b->d, x, "widows", 1, 10, &n))) s->widows = (int)n;
    if ((x = zw_value_lookup(v, "orphans")) && (ok &= zw_schema_int(b->d, x, "orphans", 1, 10, &n))) s->orphans = (int)n;
    if ((x = zw_value_lookup(v, "looseness")) && (ok &= zw_schema_int(b->d, x, "looseness", -5, 5, &n))) s->brk.looseness = (int)n;
    if ((x = zw_value_lookup(v, "max-hyphens-in-row")) && (ok &= zw_schema_int(b->d, x, "max-hyphens-in-row", 0, 100, &n)))
        s->brk.max_hyphens_in_row = (int)n;
    if ((x = zw_value_lookup(v, "algorithm"))) {
        static const char *const algos[] = {"total-fit", "greedy", NULL};
        int i;
        if (zw_schema_enum(b->d, x, "algorithm", algos, &i)) s->brk.greedy = i == 1;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "tolerance"))) ok &= zw_schema_num(b->d, x, "tolerance", 0.1, 100, &s->brk.tolerance);
    if ((x = zw_value_lookup(v, "emergency-stretch")))
        ok &= zw_schema_length(b->d, x, "emergency-stretch", 0, 100, &s->brk.emergency_stretch);
    if ((x = zw_value_lookup(v, "expansion")) && (ok &= zw_schema_percent(b->d, x, "expansion", 0, 0.05, &s->brk.expand_stretch)))
        s->brk.expand_shrink = s->brk.expand_stretch;
    if ((x = zw_value_lookup(v, "expansion-step")) && (ok &= zw_schema_percent(b->d, x, "expansion-step", 0.0001, 0.05, &s->brk.expand_step)))
        s->brk.expand_step = round(s->brk.expand_step * 10000) / 10000;   /* whole hundredths of a percent */
    if ((x = zw_value_lookup(v, "hyphen-penalty")))
        ok &= zw_schema_num(b->d, x, "hyphen-penalty", 0, 10000, &s->brk.hyphen_penalty);
    if ((x = zw_value_lookup(v, "protrusion"))) ok &= zw_schema_bool(b->d, x, "protrusion", &s->protrude);
    if ((x = zw_value_lookup(v, "protrusion-amounts"))) ok &= bind_protrusion(b, x);
    return ok;
}

static bool bind_hyphenation(sbind *b, const zw_value *v) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "hyphenation")) return false;
    static const char *const keys[] = {"left-min", "right-min", "exceptions", NULL};
    zw_style *s = b->s;
    bool ok = zw_schema_keys(b->d, v, keys, "hyphenation");
    const zw_value *x;
    long n;
    if ((x = zw_value_lookup(v, "left-min")) && (ok &= zw_schema_int(b->d, x, "left-min", 1, 10, &n))) s->hyph_left = (int)n;
    if ((x = zw_value_lookup(v, "right-min")) && (ok &= zw_schema_int(b->d, x, "right-min", 1, 10, &n))) s->hyph_right = (int)n;
    if ((x = zw_value_lookup(v, "exceptions")) && zw_schema_is(b->d, x, ZW_V_SEQ, "exceptions")) {
        const char **e = zw_arena_grow(b->a, s->hyph_except, (size_t)s->nhyph_except * sizeof *e,
                                       ((size_t)s->nhyph_except + x->n) * sizeof *e);
        if (!e) return false;
        for (size_t i = 0; i < x->n; i++) ok &= zw_schema_str(b->d, x->items[i], "exception", &e[s->nhyph_except + i]);
        s->hyph_except = e;
        s->nhyph_except += (int)x->n;
    } else if (x) ok = false;
    return ok;
}

/* A chapter-number template: text with exactly one counter, {n} (1 2 3), {A} (A B C), {a}, {I} (I II III)
 * or {i}; `~` for none. */
static bool bind_number_template(sbind *b, const zw_value *x, const char *what, const char **out) {
    if (!opt_str(b, x, what, out)) return false;
    if (!*out) return true;   /* ~: no label */
    int counters = 0;
    for (const char *p = *out; (p = strchr(p, '{')); p++) {
        const char *close = strchr(p, '}');
        if (close == p + 2 && strchr("nAaIi", p[1])) { counters++; continue; }
        if (!close || close == p + 1) continue;
        zw_diag(b->d, ZW_ERROR, x->pos, "'%s' takes one counter, {n} (1 2 3), {A} (A B C), {a}, {I} (I II III) or {i}, "
                "not '%.*s'", what, (int)(close - p + 1), p);
        return false;
    }
    if (counters == 1) return true;
    zw_diag(b->d, ZW_ERROR, x->pos, "'%s' takes exactly one counter ({n}, {A}, {a}, {I} or {i}), as in "
            "\"Programma {n}\", not %d", what, counters);
    return false;
}

static bool bind_flags(sbind *b, const zw_value *root) {
    zw_style *s = b->s;
    bool ok = true;
    const zw_value *x;
    if ((x = zw_value_lookup(root, "title-page"))) ok &= zw_schema_bool(b->d, x, "title-page", &s->title_page);
    if ((x = zw_value_lookup(root, "chapter-new-page"))) ok &= zw_schema_bool(b->d, x, "chapter-new-page", &s->chapter_new_page);
    if ((x = zw_value_lookup(root, "chapter-right-page")))
        ok &= zw_schema_bool(b->d, x, "chapter-right-page", &s->chapter_right_page);
    if ((x = zw_value_lookup(root, "blank-page"))) ok &= opt_str(b, x, "blank-page", &s->blank_page);
    if ((x = zw_value_lookup(root, "number-headings"))) ok &= zw_schema_bool(b->d, x, "number-headings", &s->number_headings);
    if ((x = zw_value_lookup(root, "chapter-number"))) ok &= bind_number_template(b, x, "chapter-number", &s->chapter_number);
    if ((x = zw_value_lookup(root, "appendix-number"))) ok &= bind_number_template(b, x, "appendix-number", &s->appendix_number);
    if ((x = zw_value_lookup(root, "list-indent"))) ok &= zw_schema_length(b->d, x, "list-indent", 0, 200, &s->list_indent);
    if ((x = zw_value_lookup(root, "bullet"))) ok &= zw_schema_str(b->d, x, "bullet", &s->bullet);
    if ((x = zw_value_lookup(root, "footnote-rule"))) ok &= zw_schema_length(b->d, x, "footnote-rule", 0, 10, &s->footnote_rule);
    if ((x = zw_value_lookup(root, "footnote-rule-colour"))) ok &= bind_color(b, x, "footnote-rule-colour", &s->footnote_rule_color);
    if ((x = zw_value_lookup(root, "greyscale"))) ok &= zw_schema_bool(b->d, x, "greyscale", &s->greyscale);
    if ((x = zw_value_lookup(root, "table-notes"))) {
        static const char *const places[] = {"default", "page", "table", NULL};
        int p;
        if (zw_schema_enum(b->d, x, "table-notes", places, &p)) s->notes = p ? (zw_note_place)p : ZW_NOTE_TABLE;
        else ok = false;
    }
    if ((x = zw_value_lookup(root, "footnote-numbering"))) {
        static const char *const per[] = {"document", "chapter", "page", NULL};
        int p;
        if (zw_schema_enum(b->d, x, "footnote-numbering", per, &p)) s->note_numbering = (zw_note_numbering)p;
        else ok = false;
    }
    if ((x = zw_value_lookup(root, "footnote-marks"))) {
        static const char *const marks[] = {"numbers", "symbols", NULL};
        int p;
        if (zw_schema_enum(b->d, x, "footnote-marks", marks, &p)) s->note_symbols = p == 1;
        else ok = false;
    }
    if ((x = zw_value_lookup(root, "table-note-marks"))) {
        static const char *const marks[] = {"numbers", "letters", NULL};
        int p;
        if (zw_schema_enum(b->d, x, "table-note-marks", marks, &p)) s->table_note_letters = p == 1;
        else ok = false;
    }
    if ((x = zw_value_lookup(root, "pdfa"))) {
        int p;
        if (zw_schema_enum(b->d, x, "pdfa", zw_pdfa_names, &p)) s->pdfa = zw_pdfa_lookup(zw_pdfa_names[p]);
        else ok = false;
    }
    return ok;
}

/* ---- files and the extends chain ------------------------------------------------------------- */

static char *dir_of(zw_arena *a, const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? zw_arena_strndup(a, path, (size_t)(slash - path)) : zw_arena_strndup(a, ".", 1);
}

/* A layout name or path → an existing file path, or NULL. */
static char *resolve(zw_arena *a, const char *ref, const char *dir, const char *layouts) {
    if (strchr(ref, '/') || strstr(ref, ".yaml")) {
        char *p = (ref[0] == '/' || !dir) ? zw_arena_strndup(a, ref, strlen(ref)) : zw_arena_printf(a, "%s/%s", dir, ref);
        if (p && access(p, R_OK) == 0) return p;
        p = zw_arena_strndup(a, ref, strlen(ref));
        return p && access(p, R_OK) == 0 ? p : NULL;
    }
    const char *dirs[] = {dir, layouts, "layouts", NULL};
    for (int i = 0; i < 3; i++) {
        if (!dirs[i]) continue;
        char *p = zw_arena_printf(a, "%s/%s.yaml", dirs[i], ref);
        if (p && access(p, R_OK) == 0) return p;
    }
    return NULL;
}

static bool apply_file(sbind *b, const char *path, int depth);

static bool apply_root(sbind *b, const zw_value *root, int depth) {
    static const char *const keys[] = {"name", "extends", "page", "fonts", "font", "styles", "table", "header", "footer",
                                       "paragraphs", "hyphenation", "contents", "references", "page-numbering",
                                       "watermark", "title-page", "chapter-new-page", "chapter-right-page", "blank-page",
                                       "number-headings", "chapter-number", "appendix-number", "list-indent", "bullet",
                                       "footnote-rule", "table-notes", "footnote-numbering", "footnote-marks",
                                       "table-note-marks", "budget", "pdfa", "palette", "footnote-rule-colour", "greyscale",
                                       "logo", "charts", NULL};
    if (!zw_schema_is(b->d, root, ZW_V_MAP, "layout file")) return false;
    bool ok = zw_schema_keys(b->d, root, keys, "layout file");
    const zw_value *x;
    if ((x = zw_value_lookup(root, "extends"))) {
        const char *ref;
        if (!zw_schema_str(b->d, x, "extends", &ref)) return false;
        if (depth >= ZW_MAX_EXTENDS) {
            zw_diag(b->d, ZW_ERROR, x->pos, "layouts extend each other more than %d deep (a cycle?)", ZW_MAX_EXTENDS);
            return false;
        }
        char *p = resolve(b->a, ref, b->dir, b->layouts);
        if (!p) { zw_diag(b->d, ZW_ERROR, x->pos, "layout '%s' not found", ref); return false; }
        const char *dir = b->dir;
        ok &= apply_file(b, p, depth + 1);
        b->dir = dir;
    }
    if ((x = zw_value_lookup(root, "name"))) ok &= zw_schema_str(b->d, x, "name", &b->s->name);
    if ((x = zw_value_lookup(root, "palette"))) ok &= bind_palette(b, x);
    if ((x = zw_value_lookup(root, "page"))) ok &= bind_page(b, x);
    if ((x = zw_value_lookup(root, "fonts"))) ok &= bind_fonts(b, x);
    if ((x = zw_value_lookup(root, "font"))) ok &= bind_default_font(b, x);
    if ((x = zw_value_lookup(root, "styles"))) ok &= bind_styles(b, x);
    if ((x = zw_value_lookup(root, "table"))) ok &= bind_table_style(b, x);
    if ((x = zw_value_lookup(root, "header"))) ok &= bind_furniture(b, x, "header", &b->s->header);
    if ((x = zw_value_lookup(root, "footer"))) ok &= bind_furniture(b, x, "footer", &b->s->footer);
    if ((x = zw_value_lookup(root, "logo"))) ok &= bind_logo(b, x);
    if ((x = zw_value_lookup(root, "charts"))) ok &= bind_charts(b, x);
    if ((x = zw_value_lookup(root, "paragraphs"))) ok &= bind_paragraphs(b, x);
    if ((x = zw_value_lookup(root, "hyphenation"))) ok &= bind_hyphenation(b, x);
    if ((x = zw_value_lookup(root, "contents"))) ok &= bind_contents(b, x);
    if ((x = zw_value_lookup(root, "references"))) ok &= bind_references(b, x);
    if ((x = zw_value_lookup(root, "page-numbering"))) ok &= bind_page_numbering(b, x);
    if ((x = zw_value_lookup(root, "watermark"))) ok &= bind_watermark(b, x);
    if ((x = zw_value_lookup(root, "budget"))) ok &= zw_budget_style_bind(b->d, x, &b->s->budget);
    return ok & bind_flags(b, root);
}

static bool apply_file(sbind *b, const char *path, int depth) {
    zw_value *root = zw_yaml_load(b->a, b->d, path);
    if (!root) return false;
    const char **files = zw_arena_grow(b->a, b->s->files, (size_t)b->s->nfiles * sizeof *files,
                                       (size_t)(b->s->nfiles + 1) * sizeof *files);
    if (!files) return false;
    files[b->s->nfiles++] = path;
    b->s->files = files;
    b->dir = dir_of(b->a, path);
    if (root->kind == ZW_V_NULL) {
        zw_diag(b->d, ZW_ERROR, root->pos, "empty layout file");
        return false;
    }
    return apply_root(b, root, depth);
}

static bool check_geometry(sbind *b, zw_pos file_pos) {
    zw_pos pos = b->page_pos.file ? b->page_pos : file_pos;
    zw_style *s = b->s;
    bool ok = true;
    if (s->nfamilies == 0) {
        zw_diag(b->d, ZW_ERROR, file_pos, "the layout defines no fonts: add a 'fonts:' family with a 'regular' face");
        ok = false;
    }
    double w = s->page_w - s->margin_inner - s->margin_outer, h = s->page_h - s->margin_top - s->margin_bottom;
    if (w < 72 || h < 72) {
        zw_diag(b->d, ZW_ERROR, pos, "the page (%.0f x %.0f pt) minus its margins leaves a text area of %.0f x %.0f pt; "
                "at least 72 x 72 pt is needed", s->page_w, s->page_h, w, h);
        ok = false;
    }
    return ok;
}

zw_style *zw_style_load(zw_arena *a, zw_diags *d, zw_fonts *fonts, const char *ref, const char *layouts_dir,
                        zw_pos ref_pos) {
    zw_style *s = zw_arena_alloc(a, sizeof *s);
    if (!s) return NULL;
    defaults(s);
    sbind b = {a, d, fonts, s, NULL, layouts_dir, ZW_NOPOS, NULL, 0, 0, true};
    const char *refdir = ref_pos.file ? dir_of(a, ref_pos.file) : NULL;
    char *path = resolve(a, ref, refdir, layouts_dir);
    if (!path) {
        zw_diag(d, ZW_ERROR, ref_pos, "layout '%s' not found (looked beside the data file, in the layouts "
                "folder and in ./layouts)", ref);
        return NULL;
    }
    s->path = path;
    size_t errs = zw_diags_errors(d);
    bool ok = apply_file(&b, path, 0);
    if (ok) ok = check_geometry(&b, s->page_pos.file ? s->page_pos : (zw_pos){path, 0, 0}) & resolve_custom(&b);
    for (size_t i = 0; ok && i < b.nnamed; i++) *b.named[i].field = *palette_lookup(s, b.named[i].name);
    free(b.named);
    if (ok && s->greyscale) zw_style_greyscale(s);
    return ok && zw_diags_errors(d) == errs ? s : NULL;
}

