/* budget_table.c — the budget stage's tables: goal overviews, activities, indicator tables and financial
 * tables lowered into plain tables, with the checks of their numbers.
 *
 * Financial tables are computed in euros × ZW_NUM_ONE.  A shown amount is its value divided by the
 * table's unit (scale × 10^(4 − decimals)), rounded once, halves away from zero.  Items add up into the
 * subtotal of their group (the group's sign) and into every total after them (their own sign: `subtract`
 * makes lasten count negative in a saldo).  The difference column is computed from the two columns before
 * it as shown, so it always agrees with them.  A subtotal or total shown otherwise than the sum of the
 * amounts shown above it (rounding) carries the layout's rounding footnote. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_int.h"

/* ---- building tables -------------------------------------------------------------------------- */

typedef struct tbuild {
    lower *L;
    zw_table *t;
    zw_row *rows;          /* malloc'd while building */
    size_t n, cap;
} tbuild;

static void tb_begin(tbuild *tb, lower *L, uint32_t ncols, zw_pos pos) {
    *tb = (tbuild){.L = L, .t = zw_arena_alloc(L->a, sizeof *tb->t)};
    zw_column *c = tb->t ? zw_arena_alloc(L->a, ncols * sizeof *c) : NULL;
    if (!c) { L->ok = false; tb->t = NULL; return; }
    tb->t->cols = c;
    tb->t->ncols = ncols;
    for (uint32_t i = 0; i < ncols; i++) c[i] = (zw_column){.width = 1, .pos = pos, .unit = ZW_W_FR};
}

static void tb_col(tbuild *tb, uint32_t i, double fr, zw_align align) {
    if (!tb->t) return;
    tb->t->cols[i].width = fr;
    tb->t->cols[i].align = (uint8_t)align;
}

/* The first column names each row (an activity, an indicator, a budget line): row headers. */
static void tb_row_headers(tbuild *tb) {
    if (tb->t) tb->t->cols[0].header = true;
}

/* A new row of ncells one-column cells (a group row: one cell across the table). */
static zw_row *tb_row(tbuild *tb, zw_row_kind kind, uint32_t ncells, zw_pos pos) {
    if (!tb->t) return NULL;
    zw_cell *cells = zw_arena_alloc(tb->L->a, ncells * sizeof *cells);
    if (!cells || !zw_grow((void **)&tb->rows, &tb->cap, tb->n, sizeof *tb->rows)) { tb->L->ok = false; return NULL; }
    for (uint32_t i = 0; i < ncells; i++)
        cells[i] = (zw_cell){.pos = pos, .col = i, .colspan = 1, .rowspan = 1};
    if (kind == ZW_ROW_GROUP) cells[0].colspan = (int)tb->t->ncols;
    zw_row *r = &tb->rows[tb->n++];
    *r = (zw_row){.cells = cells, .pos = pos, .n = ncells, .kind = kind};
    if (kind == ZW_ROW_HEADER) tb->t->nheader++;
    return r;
}

/* Cell i of r: n paragraphs (copied). */
static void tb_paras(tbuild *tb, zw_row *r, uint32_t i, const zw_text *paras, uint32_t n) {
    if (!r) return;
    zw_text *p = n ? zw_arena_alloc(tb->L->a, n * sizeof *p) : NULL;
    if (n && !p) { tb->L->ok = false; return; }
    if (n) memcpy(p, paras, n * sizeof *p);
    r->cells[i].paras = p;
    r->cells[i].n = n;
}

static void tb_cell(tbuild *tb, zw_row *r, uint32_t i, zw_text t) { tb_paras(tb, r, i, &t, 1); }

static void tb_finish(tbuild *tb, zw_blocks *out, const char *id, zw_text caption, zw_note_place notes, zw_pos pos) {
    zw_block *b = tb->t ? zw_bl_add(tb->L, out) : NULL;
    zw_row *rows = b && tb->n ? zw_arena_take(tb->L->a, tb->n * sizeof *rows) : NULL;
    if (b && rows) {
        memcpy(rows, tb->rows, tb->n * sizeof *rows);
        tb->t->rows = rows;
        tb->t->nrows = (uint32_t)tb->n;
        tb->t->caption = caption;
        tb->t->id = id;
        tb->t->notes = notes;
        b->kind = ZW_BLK_TABLE;
        b->pos = pos;
        b->table = *tb->t;
    } else if (b) {
        tb->L->ok = false;
        b->kind = ZW_BLK_PAGEBREAK;   /* (never laid out: the run fails) */
    }
    free(tb->rows);
}

/* ---- goals and activities --------------------------------------------------------------------- */

static zw_text goal_title(lower *L, const zw_goal *g, unsigned style) {
    return zw_bl_coded(L, zw_bl_cat(L, g->code, ". ", NULL), "", g->title, style);
}

static zw_text subgoal_text(lower *L, const zw_subgoal *s, bool overview) {
    return zw_bl_coded(L, s->code, L->bs->code_sep, overview && s->short_title.n ? s->short_title : s->title, 0);
}

void zw_bl_goal_overview(lower *L, zw_blocks *out, const zw_goal *g, bool merged) {
    if (merged && L->w->goal_heading && (g->n || g->effects))
        zw_bl_text_block(L, out, ZW_BLK_HEADING, zw_bl_text(L, L->w->goal_heading, 0, g->pos));
    if (g->n) {
        tbuild tb;
        tb_begin(&tb, L, 1, g->pos);
        tb_cell(&tb, tb_row(&tb, ZW_ROW_HEADER, 1, g->pos), 0,
                merged ? zw_bl_text(L, L->w->subgoals, 0, g->pos) : goal_title(L, g, 0));
        if (!merged) tb_cell(&tb, tb_row(&tb, ZW_ROW_GROUP, 1, g->pos), 0, zw_bl_text(L, L->w->subgoals, 0, g->pos));
        for (uint32_t i = 0; i < g->n; i++)
            tb_cell(&tb, tb_row(&tb, ZW_ROW_BODY, 1, g->subs[i].pos), 0, subgoal_text(L, &g->subs[i], true));
        tb_finish(&tb, out, NULL, (zw_text){0}, ZW_NOTE_DEFAULT, g->pos);
    } else if (!merged) {
        zw_bl_text_block(L, out, ZW_BLK_HEADING, goal_title(L, g, 0));
    }
    if (g->effects) zw_bl_itable(L, out, g->effects);
}

/* "Subdoel 1.1" */
static const char *subgoal_label(lower *L, const zw_subgoal *s) {
    return zw_bl_cat(L, L->w->subgoal, " ", s->code);
}

/* The begroting's activities: under a heading, a labelled item per subgoal (its title in bold) holding
 * a labelled list of its activities. */
static void activity_list(lower *L, zw_blocks *out, const zw_goal *g) {
    zw_bl_text_block(L, out, ZW_BLK_HEADING, zw_bl_text(L, L->w->activities, 0, g->pos));
    zw_block *b = zw_bl_add(L, out);
    if (!b) return;
    zw_list *l = &b->list;
    b->kind = ZW_BLK_LIST;
    b->pos = g->pos;
    l->start = 1;
    l->n = g->n;
    l->items = zw_arena_alloc(L->a, g->n * sizeof *l->items);
    l->item_n = zw_arena_alloc(L->a, g->n * sizeof *l->item_n);
    l->labels = zw_arena_alloc(L->a, g->n * sizeof *l->labels);
    if (!l->items || !l->item_n || !l->labels) { L->ok = false; l->n = 0; return; }
    for (uint32_t i = 0; i < g->n; i++) {
        const zw_subgoal *s = &g->subs[i];
        zw_blocks item = {0};
        zw_bl_text_block(L, &item, ZW_BLK_PARAGRAPH, zw_bl_join(L, s->title, (zw_text){0}, ZW_BOLD));
        zw_block *inner = s->n ? zw_bl_add(L, &item) : NULL;
        if (inner) {
            inner->kind = ZW_BLK_LIST;
            inner->pos = s->pos;
            zw_list *al = &inner->list;
            al->start = 1;
            al->n = s->n;
            al->items = zw_arena_alloc(L->a, s->n * sizeof *al->items);
            al->item_n = zw_arena_alloc(L->a, s->n * sizeof *al->item_n);
            al->labels = zw_arena_alloc(L->a, s->n * sizeof *al->labels);
            zw_block *paras = zw_arena_alloc(L->a, s->n * sizeof *paras);
            if (!al->items || !al->item_n || !al->labels || !paras) { L->ok = false; al->n = 0; }
            for (uint32_t k = 0; k < al->n; k++) {
                paras[k] = (zw_block){.kind = ZW_BLK_PARAGRAPH, .pos = s->acts[k].pos, .text = s->acts[k].title};
                al->items[k] = &paras[k];
                al->item_n[k] = 1;
                al->labels[k] = s->acts[k].code;
            }
        }
        l->labels[i] = subgoal_label(L, s);
        l->items[i] = item.n ? zw_arena_take(L->a, item.n * sizeof *item.b) : NULL;
        if (l->items[i]) memcpy(l->items[i], item.b, item.n * sizeof *item.b);
        l->item_n[i] = l->items[i] ? item.n : 0;
        free(item.b);
    }
}

/* The Activiteiten | Realisatie table: a group row per subgoal with activities. */
static void activity_table(lower *L, zw_blocks *out, const zw_goal *g) {
    tbuild tb;
    tb_begin(&tb, L, 2, g->pos);
    tb_col(&tb, 0, 2, ZW_ALIGN_DEFAULT);
    tb_col(&tb, 1, 3, ZW_ALIGN_DEFAULT);
    tb_row_headers(&tb);
    zw_row *h = tb_row(&tb, ZW_ROW_HEADER, 2, g->pos);
    tb_cell(&tb, h, 0, zw_bl_text(L, L->w->activities, 0, g->pos));
    tb_cell(&tb, h, 1, zw_bl_text(L, L->w->realisation, 0, g->pos));
    for (uint32_t i = 0; i < g->n; i++) {
        const zw_subgoal *s = &g->subs[i];
        if (!s->n) continue;
        zw_text label = zw_bl_text(L, zw_bl_cat(L, subgoal_label(L, s), L->bs->code_sep, NULL), 0, s->pos);
        tb_cell(&tb, tb_row(&tb, ZW_ROW_GROUP, 1, s->pos), 0, zw_bl_join(L, label, s->title, 0));
        for (uint32_t k = 0; k < s->n; k++) {
            const zw_activity *a = &s->acts[k];
            zw_row *r = tb_row(&tb, ZW_ROW_BODY, 2, a->pos);
            tb_cell(&tb, r, 0, zw_bl_coded(L, a->code, L->bs->code_sep, a->title, 0));
            tb_paras(&tb, r, 1, a->realisation, a->nreal);
        }
    }
    tb_finish(&tb, out, NULL, (zw_text){0}, ZW_NOTE_DEFAULT, g->pos);
}

void zw_bl_activities(lower *L, zw_blocks *out, const zw_goal *g) {
    size_t acts = 0;
    bool real = false;
    for (uint32_t i = 0; i < g->n; i++) {
        acts += g->subs[i].n;
        for (uint32_t k = 0; k < g->subs[i].n; k++) real |= g->subs[i].acts[k].realisation != NULL;
    }
    if (!acts) return;
    if (real) activity_table(L, out, g);
    else activity_list(L, out, g);
}

/* ---- numbers as printed ----------------------------------------------------------------------- */

/* A formatted number as text, its footnote marks after it, in `style`. */
static zw_text number_text(lower *L, int64_t r, int decimals, unsigned flags, zw_negative neg, zw_text marks,
                           unsigned style, zw_pos pos) {
    char buf[64];
    zw_number_format(buf, sizeof buf, r, decimals, flags, neg);
    return zw_bl_join(L, zw_bl_text(L, zw_arena_strndup(L->a, buf, strlen(buf)), 0, pos), marks, style);
}

/* The sign convention for amounts that are not saldi: V/N only marks saldi and differences. */
static zw_negative plain_negative(const lower *L) {
    return L->bs->negative == ZW_NEG_VN ? ZW_NEG_MINUS : L->bs->negative;
}

/* ---- indicator tables ------------------------------------------------------------------------- */

/* The year columns' titles: as given, or the layout's templates filled in from the document's year. */
static zw_text *year_titles(lower *L, const zw_itable *t, uint32_t *n) {
    if (t->years) { *n = t->nyears; return t->years; }
    if (!L->doc->year) {
        zw_diag(L->d, ZW_ERROR, t->pos, "the year columns come from the document's year: give 'year' under "
                "'document' (or 'years' here)");
        return NULL;
    }
    *n = (uint32_t)L->w->nindicator_cols;
    if (L->years) return L->years;   /* the same for every table of the document */
    zw_text *y = zw_arena_alloc(L->a, *n * sizeof *y);
    for (uint32_t i = 0; y && i < *n; i++)
        y[i] = zw_bl_text(L, zw_bl_year(L, L->w->indicator_cols[i], L->doc->year), 0, t->pos);
    if (!y) L->ok = false;
    return L->years = y;
}

static zw_text indicator_value(lower *L, const zw_indicator *r, const zw_bvalue *v) {
    if (v->kind != ZW_BV_NUMBER || v->as_written) return v->text;
    int dec = r->decimals >= 0 ? r->decimals : v->num.decimals;
    bool none = r->unit == ZW_UNIT_NONE;
    unsigned flags = (r->unit == ZW_UNIT_PERCENT || (none && v->num.percent) ? ZW_FMT_PERCENT : 0) |
                     (r->unit == ZW_UNIT_EURO || (none && v->num.euro) ? ZW_FMT_EURO : 0);
    int64_t x = zw_round_div(v->num.v, zw_pow10(ZW_NUM_DECIMALS - dec));
    return number_text(L, x, dec, flags, plain_negative(L), v->marks, 0, v->pos);
}

static const char *value_plain(lower *L, const zw_bvalue *v) { return v->raw ? v->raw : zw_text_plain(L->a, &v->text); }

/* Missing values, too many values, and values written in different formats in one row. */
static void check_indicator(lower *L, const zw_indicator *r, const zw_text *years, uint32_t ny) {
    const char *code = r->code ? r->code : zw_text_plain(L->a, &r->label);
    if (r->n > ny)
        zw_diag(L->d, ZW_ERROR, r->values[ny].pos, "indicator '%s' has %u values but the table has %u year columns",
                code, r->n, ny);
    for (uint32_t i = 0; i < ny; i++)
        if (i >= r->n || r->values[i].kind == ZW_BV_NONE)
            zw_diag(L->d, ZW_WARNING, i < r->n ? r->values[i].pos : r->pos, "indicator '%s' has no value for '%s' "
                    "(write NB when it is not known)", code, zw_text_plain(L->a, &years[i]));
    const zw_bvalue *first = NULL;
    for (uint32_t i = 0; i < r->n && i < ny; i++) {
        const zw_bvalue *v = &r->values[i];
        if (v->kind != ZW_BV_NUMBER) continue;
        if (!first) { first = v; continue; }
        if (v->num.percent == first->num.percent && v->num.euro == first->num.euro) continue;
        zw_diag(L->d, ZW_WARNING, v->pos, "indicator '%s' mixes formats: '%s' and '%s'", code, value_plain(L, first),
                value_plain(L, v));
        break;
    }
}

/* The label cell: "code - label (verplicht)", and the source as a second paragraph. */
static void indicator_label(lower *L, tbuild *tb, zw_row *row, const zw_indicator *r) {
    zw_text label = zw_bl_coded(L, r->code, L->bs->code_sep, r->label, 0);
    if (r->mandatory && L->bs->mandatory)
        label = zw_bl_join(L, label, zw_bl_text(L, zw_bl_cat(L, " ", L->bs->mandatory, NULL), 0, r->pos), 0);
    zw_text paras[2] = {label, {0}};
    if (r->source.n)
        paras[1] = zw_bl_join(L, zw_bl_text(L, zw_bl_cat(L, L->bs->source, " ", NULL), 0, r->source.pos),
                              r->source, ZW_ITALIC);
    tb_paras(tb, row, 0, paras, r->source.n ? 2 : 1);
}

void zw_bl_itable(lower *L, zw_blocks *out, const zw_itable *t) {
    uint32_t ny = 0;
    zw_text *years = year_titles(L, t, &ny);
    if (!years) return;
    tbuild tb;
    tb_begin(&tb, L, ny + 1, t->pos);
    tb_col(&tb, 0, 4, ZW_ALIGN_DEFAULT);
    tb_row_headers(&tb);
    for (uint32_t i = 0; i < ny; i++) tb_col(&tb, i + 1, 1, ZW_ALIGN_DECIMAL);
    zw_row *h = tb_row(&tb, ZW_ROW_HEADER, ny + 1, t->pos);
    tb_cell(&tb, h, 0, t->title.n ? t->title : zw_bl_text(L, t->effects ? L->w->effects : L->w->indicators, 0, t->pos));
    for (uint32_t i = 0; i < ny; i++) tb_cell(&tb, h, i + 1, years[i]);
    for (uint32_t i = 0; i < t->n; i++) {
        const zw_indicator *r = &t->rows[i];
        if (r->group) { tb_cell(&tb, tb_row(&tb, ZW_ROW_GROUP, 1, r->pos), 0, r->label); continue; }
        check_indicator(L, r, years, ny);
        zw_row *row = tb_row(&tb, ZW_ROW_BODY, ny + 1, r->pos);
        indicator_label(L, &tb, row, r);
        for (uint32_t k = 0; k < r->n && k < ny; k++) tb_cell(&tb, row, k + 1, indicator_value(L, r, &r->values[k]));
        for (uint32_t k = r->n; row && k < ny; k++) tb_cell(&tb, row, k + 1, (zw_text){0});
    }
    tb_finish(&tb, out, t->id, t->caption, t->notes, t->pos);
}

/* ---- financial tables: computing -------------------------------------------------------------- */

typedef struct fcalc {
    lower *L;
    zw_ftable *t;
    const char **cols;     /* column titles as printed (plain), the difference's last */
    uint32_t ntyped, ncols;
    int64_t unit;          /* euro × ZW_NUM_ONE per shown unit */
    int64_t *gsum, *tsum;  /* signed sums of the group's and of all items so far, per typed column */
    int64_t *gshown, *tshown;   /* the same of the amounts as shown */
    uint32_t gcount, tcount;    /* items summed */
    int gsign;             /* -1 in a group with subtract */
    bool gsub;
    bool negative;         /* a negative amount (or a V/N) is shown: print the sign legend */
    bool ok;               /* no error so far */
    bool items_ok;         /* every item so far read: the sums are right, typed ones may be checked */
} fcalc;

static int64_t shown(const fcalc *c, int64_t v) { return zw_round_div(v, c->unit); }

static bool add_checked(fcalc *c, int64_t *acc, int64_t v, zw_pos pos) {
    if (!__builtin_add_overflow(*acc, v, acc)) return true;
    zw_diag(c->L->d, ZW_ERROR, pos, "the amounts add up to more than zetwerk can hold");
    c->ok = false;
    return false;
}

/* A typed amount in euros × ZW_NUM_ONE: numbers (scaled when typed in the shown unit), markers 0;
 * false after reporting text, an empty value or an amount too large. */
static bool amount(fcalc *c, const zw_bvalue *v, uint32_t col, int64_t *out) {
    *out = 0;
    if (v->kind == ZW_BV_MARKER) return true;
    if (v->kind != ZW_BV_NUMBER) {
        if (v->kind == ZW_BV_NONE)
            zw_diag(c->L->d, ZW_ERROR, v->pos, "no amount for '%s': write 0, - or p.m.", c->cols[col]);
        else
            zw_diag(c->L->d, ZW_ERROR, v->pos, "'%s' is not an amount (column '%s')", zw_text_plain(c->L->a, &v->text),
                    c->cols[col]);
        return false;
    }
    if (!__builtin_mul_overflow(v->num.v, c->t->scaled_input ? c->t->scale : 1, out)) return true;
    zw_diag(c->L->d, ZW_ERROR, v->pos, "the amount is too large");
    return false;
}

static const char *row_name(lower *L, const zw_frow *r) { return zw_text_plain(L->a, &r->label); }

/* The row's typed values count against the columns. */
static bool count_ok(fcalc *c, const zw_frow *r) {
    if (r->n == c->ntyped || (r->n == 0 && r->kind != ZW_FR_ITEM)) return true;
    zw_diag(c->L->d, ZW_ERROR, r->n > c->ntyped ? r->values[c->ntyped].pos : r->pos, "'%s' has %u amount(s) but the "
            "table has %u column(s)%s", row_name(c->L, r), r->n, c->ntyped,
            c->t->cols ? "" : " (from the document's year and the layout)");
    return false;
}

/* The formatted shown value of x (euro × ZW_NUM_ONE), for messages. */
static const char *shown_str(fcalc *c, int64_t x) {
    char buf[64];
    zw_number_format(buf, sizeof buf, shown(c, x), c->t->decimals, 0, ZW_NEG_MINUS);
    return zw_arena_strndup(c->L->a, buf, strlen(buf));
}

static void rounding_note(lower *L);

/* A typed subtotal or total against the computed one: equal, an afrondingsverschil (typed in the shown
 * unit, off by no more than rounding of `count` amounts explains: the typed one is printed), or an
 * error.  Returns the value to print. */
static int64_t check_typed(fcalc *c, const zw_frow *r, uint32_t col, int64_t computed, uint32_t count, bool *rounded) {
    int64_t typed;
    const zw_bvalue *v = &r->values[col];
    if (!amount(c, v, col, &typed)) { c->ok = false; return computed; }
    if (typed == computed) return computed;
    int64_t diff = c->t->scaled_input ? shown(c, typed) - shown(c, computed) : 0;
    int64_t mag = diff < 0 ? -diff : diff;
    const char *name = row_name(c->L, r);
    if (c->t->scaled_input && typed == shown(c, typed) * c->unit && 2 * mag <= (int64_t)count + 1) {
        zw_diag(c->L->d, c->L->strict ? ZW_WARNING : ZW_NOTE, v->pos, "afrondingsverschil: '%s' in '%s' is %s where "
                "its %u amount(s) add up to %s (a difference of %lld that their rounding explains)", name, c->cols[col],
                shown_str(c, typed), count, shown_str(c, computed), (long long)mag);
        *rounded = true;
        return typed;
    }
    if (c->t->scaled_input)
        zw_diag(c->L->d, ZW_ERROR, v->pos, "'%s' in '%s' is %s but its %u amount(s) add up to %s: a difference of %lld, "
                "more than their rounding explains (at most %u)", name, c->cols[col], shown_str(c, typed), count,
                shown_str(c, computed), (long long)mag, (count + 1) / 2);
    else
        zw_diag(c->L->d, ZW_ERROR, v->pos, "'%s' in '%s' is %s but its %u amount(s) add up to %s", name, c->cols[col],
                shown_str(c, typed), count, shown_str(c, computed));
    c->ok = false;
    return computed;
}

/* The difference column of a row: sign × (last typed column − the one before), as shown. */
static void difference(fcalc *c, zw_frow *r, int sign) {
    if (c->ncols == c->ntyped) return;
    int64_t a = shown(c, r->sum[c->ntyped - 1]), b = shown(c, r->sum[c->ntyped - 2]);
    r->sum[c->ntyped] = sign * (a - b) * c->unit;
}

static void compute_item(fcalc *c, zw_frow *r) {
    int sign = r->subtract || c->gsub ? -1 : 1;
    for (uint32_t k = 0; k < c->ntyped; k++) {
        if (!amount(c, &r->values[k], k, &r->sum[k])) { c->ok = c->items_ok = false; continue; }
        int64_t s = sign * r->sum[k], sh = sign * shown(c, r->sum[k]);
        if (!add_checked(c, &c->gsum[k], s, r->pos) || !add_checked(c, &c->tsum[k], s, r->pos)) return;
        c->gshown[k] += sh;
        c->tshown[k] += sh;
    }
    c->gcount++;
    c->tcount++;
    difference(c, r, sign);
}

/* A subtotal (the group's items, the group's sign) or total (every item above, signed); marked[k] when
 * its shown value in column k differs from the sum of the shown amounts above it. */
static void compute_sum(fcalc *c, zw_frow *r, bool *marked) {
    bool sub = r->kind == ZW_FR_SUBTOTAL;
    int sign = sub ? c->gsign : 1;
    for (uint32_t k = 0; k < c->ntyped; k++) {
        int64_t computed = sign * (sub ? c->gsum[k] : c->tsum[k]);
        bool rounded = false;
        r->sum[k] = r->n && c->items_ok ? check_typed(c, r, k, computed, sub ? c->gcount : c->tcount, &rounded) : computed;
        marked[k] = shown(c, r->sum[k]) != sign * (sub ? c->gshown[k] : c->tshown[k]);
    }
    difference(c, r, sub ? c->gsign : 1);
}

/* Every row's amounts (r->sum), typed totals checked; marked[i × ntyped + k] where row i shows a rounding
 * difference in column k. */
static void compute(fcalc *c, bool *marked) {
    for (uint32_t i = 0; i < c->t->n; i++) {
        zw_frow *r = &c->t->rows[i];
        if (r->kind == ZW_FR_GROUP) {
            c->gsub = r->subtract;
            c->gsign = r->subtract ? -1 : 1;
            memset(c->gsum, 0, c->ntyped * sizeof *c->gsum);
            memset(c->gshown, 0, c->ntyped * sizeof *c->gshown);
            c->gcount = 0;
            continue;
        }
        if (!count_ok(c, r)) { c->ok = c->items_ok = false; continue; }
        r->sum = zw_arena_alloc(c->L->model, c->ncols * sizeof *r->sum);
        if (!r->sum) { c->L->ok = false; c->ok = false; return; }
        if (r->kind == ZW_FR_ITEM) compute_item(c, r);
        else compute_sum(c, r, &marked[i * c->ntyped]);
    }
}

/* ---- financial tables: printing --------------------------------------------------------------- */

/* The column titles: as given, or the layout's templates from the document's year; and the difference. */
static bool finance_columns(fcalc *c) {
    lower *L = c->L;
    zw_ftable *t = c->t;
    if (!t->cols && !L->doc->year) {
        zw_diag(L->d, ZW_ERROR, t->pos, "the columns come from the document's year: give 'year' under 'document' "
                "(or 'columns' here)");
        return false;
    }
    c->ntyped = t->cols ? t->ncols : (uint32_t)L->w->nfinance_cols;
    const char *diff = t->with_difference == 0 ? NULL : t->difference.n ? zw_text_plain(L->a, &t->difference)
                       : L->w->difference ? L->w->difference : t->with_difference > 0 ? "Verschil" : NULL;
    if (diff && c->ntyped < 2) {
        zw_diag(L->d, ZW_ERROR, t->pos, "a difference column needs at least two columns to subtract");
        return false;
    }
    c->ncols = c->ntyped + (diff != NULL);
    c->cols = zw_arena_alloc(L->a, c->ncols * sizeof *c->cols);
    if (!c->cols) return L->ok = false;
    for (uint32_t i = 0; i < c->ntyped; i++)
        c->cols[i] = t->cols ? zw_text_plain(L->a, &t->cols[i]) : zw_bl_year(L, L->w->finance_cols[i], L->doc->year);
    if (diff) c->cols[c->ntyped] = diff;
    return true;
}

/* The legend cell: "bedragen x € 1.000" (nothing at scale 1), and the sign legend when the table shows
 * a negative amount or a V/N. */
static void legend(fcalc *c, tbuild *tb, zw_row *h) {
    const zw_budget_style *bs = c->L->bs;
    zw_text paras[2] = {{0}, {0}};
    uint32_t n = 0;
    if (bs->scale_legend && c->t->scale > 1) {
        char num[32];
        zw_number_format(num, sizeof num, c->t->scale, 0, 0, ZW_NEG_MINUS);
        const char *at = strstr(bs->scale_legend, "{scale}");
        const char *s = at ? zw_arena_printf(c->L->a, "%.*s%s%s", (int)(at - bs->scale_legend), bs->scale_legend, num,
                                             at + 7) : bs->scale_legend;
        paras[n++] = zw_bl_text(c->L, s, 0, c->t->pos);
    }
    if (bs->sign_legend && c->negative) paras[n++] = zw_bl_text(c->L, bs->sign_legend, ZW_ITALIC, c->t->pos);
    tb_paras(tb, h, 0, paras, n);
}

/* The cell of row r's column k: a marker as written, else the shown amount (V/N on saldi and the
 * difference), bold on subtotals and totals, with the rounding note's mark where `mark`. */
static zw_text amount_cell(fcalc *c, const zw_frow *r, uint32_t k, bool mark) {
    lower *L = c->L;
    bool sum = r->kind != ZW_FR_ITEM;
    unsigned style = sum ? ZW_BOLD : 0;
    if (k < r->n && r->values[k].kind == ZW_BV_MARKER && !sum) return r->values[k].text;
    bool saldo = r->kind == ZW_FR_TOTAL || k == c->ntyped;
    zw_negative neg = saldo ? L->bs->negative : plain_negative(L);
    int64_t x = shown(c, r->sum[k]);
    if (x < 0 || (neg == ZW_NEG_VN && x)) c->negative = true;
    zw_text marks = k < r->n && r->values[k].kind == ZW_BV_NUMBER ? r->values[k].marks : (zw_text){0};
    if (mark && L->rounding) {
        zw_span *sp = zw_arena_alloc(L->a, sizeof *sp);
        if (sp) {
            *sp = (zw_span){.kind = ZW_SPAN_NOTE_REF, .text = L->rounding->key, .len = strlen(L->rounding->key),
                            .note = L->rounding, .pos = r->pos};
            L->rounding->refs++;
            marks = zw_bl_join(L, marks, (zw_text){sp, 1, r->pos}, 0);
        }
    }
    return number_text(L, x, c->t->decimals, 0, neg, marks, style, k < r->n ? r->values[k].pos : r->pos);
}

static void finance_rows(fcalc *c, tbuild *tb, const bool *marked) {
    for (uint32_t i = 0; i < c->t->n; i++) {
        const zw_frow *r = &c->t->rows[i];
        if (r->kind == ZW_FR_GROUP) { tb_cell(tb, tb_row(tb, ZW_ROW_GROUP, 1, r->pos), 0, r->label); continue; }
        bool sum = r->kind != ZW_FR_ITEM;
        zw_row *row = tb_row(tb, sum ? ZW_ROW_TOTAL : ZW_ROW_BODY, c->ncols + 1, r->pos);
        tb_cell(tb, row, 0, zw_bl_join(c->L, r->label, (zw_text){0}, sum ? ZW_BOLD : 0));
        for (uint32_t k = 0; k < c->ncols; k++)
            tb_cell(tb, row, k + 1, amount_cell(c, r, k, k < c->ntyped && marked[i * c->ntyped + k]));
    }
}

/* The keyed rows and the rows to check against them, for zw_bl_cross_checks. */
static void register_rows(fcalc *c) {
    lower *L = c->L;
    for (uint32_t i = 0; i < c->t->n; i++) {
        const zw_frow *r = &c->t->rows[i];
        zw_keyed k = {r, c->t, c->cols, c->ncols, c->unit, c->t->decimals};
        if (r->key && zw_grow((void **)&L->keys, &L->capkeys, L->nkeys, sizeof *L->keys)) L->keys[L->nkeys++] = k;
        if (r->equals && zw_grow((void **)&L->checks, &L->capchecks, L->nchecks, sizeof *L->checks))
            L->checks[L->nchecks++] = k;
    }
}

void zw_bl_ftable(lower *L, zw_blocks *out, zw_ftable *t) {
    fcalc c = {.L = L, .t = t, .gsign = 1, .ok = true, .items_ok = true};
    if (!finance_columns(&c)) return;
    c.unit = t->scale * zw_pow10(ZW_NUM_DECIMALS - t->decimals);
    int64_t *sums = zw_arena_alloc(L->model, 4 * c.ntyped * sizeof *sums);
    bool *marked = zw_arena_alloc(L->model, t->n * c.ntyped * sizeof *marked);
    if (!sums || !marked) { L->ok = false; return; }
    c.gsum = sums, c.tsum = sums + c.ntyped, c.gshown = sums + 2 * c.ntyped, c.tshown = sums + 3 * c.ntyped;
    compute(&c, marked);
    if (!c.ok) return;
    register_rows(&c);
    for (size_t i = 0; i < (size_t)t->n * c.ntyped; i++)
        if (marked[i]) rounding_note(L);
    tbuild tb;
    tb_begin(&tb, L, c.ncols + 1, t->pos);
    tb_col(&tb, 0, 3, ZW_ALIGN_DEFAULT);
    tb_row_headers(&tb);
    for (uint32_t k = 0; k < c.ncols; k++) tb_col(&tb, k + 1, 1, ZW_ALIGN_DECIMAL);
    zw_row *h = tb_row(&tb, ZW_ROW_HEADER, c.ncols + 1, t->pos);
    for (uint32_t k = 0; k < c.ncols; k++) tb_cell(&tb, h, k + 1, zw_bl_text(L, c.cols[k], 0, t->pos));
    finance_rows(&c, &tb, marked);
    legend(&c, &tb, tb.n ? &tb.rows[0] : NULL);   /* (after the rows: it depends on their signs; h moved) */
    tb_finish(&tb, out, t->id, t->caption, t->notes, t->pos);
}

/* ---- the rounding footnote, cross-checks ------------------------------------------------------ */

/* The footnote of a rounding difference: created once, appended to the document's notes. */
static void rounding_note(lower *L) {
    if (L->rounding || !L->bs->rounding_note) return;
    zw_note *n = zw_arena_alloc(L->a, sizeof *n);
    zw_note **notes = zw_arena_alloc(L->a, (L->doc->nnotes + 1) * sizeof *notes);
    if (!n || !notes) { L->ok = false; return; }
    const char *key = "afrondingsverschil";
    for (int k = 2; ; k++) {
        bool taken = false;
        for (size_t i = 0; i < L->doc->nnotes && !taken; i++) taken = !strcmp(L->doc->notes[i]->key, key);
        if (!taken) break;
        key = zw_arena_printf(L->a, "afrondingsverschil-%d", k);
    }
    *n = (zw_note){.key = key, .text = zw_bl_text(L, L->bs->rounding_note, 0, L->doc->pos),
                   .index = L->doc->nnotes, .pos = L->doc->pos};
    if (L->doc->nnotes) memcpy(notes, L->doc->notes, L->doc->nnotes * sizeof *notes);
    notes[L->doc->nnotes++] = n;
    L->doc->notes = notes;
    L->rounding = n;
}

static int find_col(const zw_keyed *k, const char *title) {
    for (uint32_t i = 0; i < k->ncols; i++)
        if (!strcmp(k->cols[i], title)) return (int)i;
    return -1;
}

static void cross_check(lower *L, const zw_keyed *c) {
    const zw_keyed *k = NULL;
    for (size_t i = 0; i < L->nkeys && !k; i++)
        if (!strcmp(L->keys[i].row->key, c->row->equals)) k = &L->keys[i];
    if (!k) {
        zw_diag(L->d, ZW_ERROR, c->row->equals_pos, "no row has the key '%s'", c->row->equals);
        return;
    }
    int64_t unit = c->unit > k->unit ? c->unit : k->unit;
    int dec = c->decimals < k->decimals ? c->decimals : k->decimals;
    bool common = false;
    for (uint32_t i = 0; i < c->ncols; i++) {
        int j = find_col(k, c->cols[i]);
        if (j < 0) continue;
        common = true;
        int64_t a = zw_round_div(c->row->sum[i], unit), b = zw_round_div(k->row->sum[j], unit);
        if (a == b) continue;
        char as[64], bs[64];
        zw_number_format(as, sizeof as, a, dec, 0, ZW_NEG_MINUS);
        zw_number_format(bs, sizeof bs, b, dec, 0, ZW_NEG_MINUS);
        zw_diag(L->d, ZW_ERROR, c->row->equals_pos, "'%s' in '%s' is %s but the row '%s' it equals has %s",
                row_name(L, c->row), c->cols[i], as, c->row->equals, bs);
        zw_diag(L->d, ZW_NOTE, k->row->pos, "the row '%s' is here", c->row->equals);
    }
    if (!common)
        zw_diag(L->d, ZW_ERROR, c->row->equals_pos, "'%s' has no column in common with the row '%s' it equals",
                row_name(L, c->row), c->row->equals);
}

void zw_bl_cross_checks(lower *L) {
    for (size_t i = 0; i < L->nkeys; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(L->keys[i].row->key, L->keys[j].row->key)) {
                zw_diag(L->d, ZW_ERROR, L->keys[i].row->pos, "the key '%s' is given twice", L->keys[i].row->key);
                zw_diag(L->d, ZW_NOTE, L->keys[j].row->pos, "the first is here");
                break;
            }
    for (size_t i = 0; i < L->nchecks; i++) cross_check(L, &L->checks[i]);
}

void zw_bl_done(lower *L) {
    free(L->keys);
    free(L->checks);
    free(L->indicators.code);
    free(L->indicators.pos);
}
