/* budget.c — the budget stage: checks the budget model and lowers it into plain blocks (zw_budget_lower).
 *
 * Runs after the layout is loaded (its `budget:` settings word the questions and columns and choose the
 * sign convention) and before layout.  Financial tables are computed here in exact integers: subtotals
 * and totals from their rows, typed totals checked against them (a difference that rounding of the
 * summed amounts explains is an "afrondingsverschil", anything beyond an error), rows checked against
 * the rows they declare to equal; indicator rows are checked for missing values, mixed formats and
 * duplicate codes.  Each budget block is then replaced by sections, headings, labelled lists and tables
 * (with header, group and total rows and the footnote of a rounding difference), so that layout and PDF
 * never see the budget model.  The table building lives in budget_table.c.  See docs/budget-model.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget_int.h"

/* ---- texts ------------------------------------------------------------------------------------ */

zw_text zw_bl_text(lower *L, const char *s, unsigned style, zw_pos pos) {
    return zw_text_of(L->a, s ? s : "", style, pos);
}

/* a followed by b (spans copied into one array), each span's style ORed with `style`. */
zw_text zw_bl_join(lower *L, zw_text a, zw_text b, unsigned style) {
    zw_text t = {NULL, 0, a.n ? a.pos : b.pos};
    if (!a.n && !b.n) return t;
    zw_span *sp = zw_arena_alloc(L->a, (a.n + b.n) * sizeof *sp);
    if (!sp) return t;
    if (a.n) memcpy(sp, a.spans, a.n * sizeof *sp);
    if (b.n) memcpy(sp + a.n, b.spans, b.n * sizeof *sp);
    for (size_t i = 0; i < a.n + b.n; i++) sp[i].style |= style;
    t.spans = sp;
    t.n = a.n + b.n;
    return t;
}

/* a, b and c one after the other, in the arena (NULL counts as ""): cheaper than a printf. */
const char *zw_bl_cat(lower *L, const char *a, const char *b, const char *c) {
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0, nc = c ? strlen(c) : 0;
    char *s = zw_arena_chars(L->a, na + nb + nc + 1);
    if (!s) return "";
    if (na) memcpy(s, a, na);
    if (nb) memcpy(s + na, b, nb);
    if (nc) memcpy(s + na + nb, c, nc);
    s[na + nb + nc] = 0;
    return s;
}

/* "code<sep>text" (just the text without a code). */
zw_text zw_bl_coded(lower *L, const char *code, const char *sep, zw_text text, unsigned style) {
    if (!code) return zw_bl_join(L, text, (zw_text){0}, style);
    return zw_bl_join(L, zw_bl_text(L, zw_bl_cat(L, code, sep, NULL), 0, text.pos), text, style);
}

/* The length of a year field at s ("{t}", "{t-3}", "{t+1}": offset in *k), 0 when there is none. */
static size_t year_field(const char *s, int *k) {
    if (s[0] != '{' || s[1] != 't') return 0;
    size_t i = 2;
    int sign = 0, v = 0;
    if (s[i] == '-' || s[i] == '+') sign = s[i++] == '-' ? -1 : 1;
    while (sign && s[i] >= '0' && s[i] <= '9' && v < 100) v = v * 10 + (s[i++] - '0');
    if (s[i] != '}' || (sign && i == 3)) return 0;
    *k = sign * v;
    return i + 1;
}

/* A template with {t}, {t-1}, {t+2} … filled in from the year. */
const char *zw_bl_year(lower *L, const char *tpl, int year) {
    char out[256];
    size_t n = 0;
    for (const char *s = tpl; *s && n < sizeof out - 16;) {
        int k = 0;
        size_t used = year_field(s, &k);
        if (used) {
            n += (size_t)snprintf(out + n, sizeof out - n, "%d", year + k);
            s += used;
        } else out[n++] = *s++;
    }
    out[n] = 0;
    return zw_arena_strndup(L->a, out, n);
}

/* ---- blocks ----------------------------------------------------------------------------------- */

zw_block *zw_bl_add(lower *L, zw_blocks *bl) {
    if (!zw_grow((void **)&bl->b, &bl->cap, bl->n, sizeof *bl->b)) { L->ok = false; return NULL; }
    zw_block *b = &bl->b[bl->n++];
    memset(b, 0, sizeof *b);
    return b;
}

void zw_bl_text_block(lower *L, zw_blocks *bl, zw_block_kind kind, zw_text t) {
    zw_block *b = zw_bl_add(L, bl);
    if (!b) return;
    b->kind = kind;
    b->pos = t.pos;
    b->text = t;
}

/* The blocks gathered, in the arena (bl's buffer freed). */
static zw_block *bl_finish(lower *L, zw_blocks *bl, size_t *n) {
    zw_block *out = bl->n ? zw_arena_take(L->a, bl->n * sizeof *out) : NULL;
    if (out) memcpy(out, bl->b, bl->n * sizeof *out);
    *n = out ? bl->n : 0;
    free(bl->b);
    *bl = (zw_blocks){0};
    return out;
}

static void lower_blocks(lower *L, zw_block **blocks, size_t *n);

/* Copies of `src` (lowered) appended to bl. */
static void add_blocks(lower *L, zw_blocks *bl, zw_block *src, size_t n) {
    zw_block *blocks = src;
    lower_blocks(L, &blocks, &n);
    for (size_t i = 0; i < n; i++) {
        zw_block *b = zw_bl_add(L, bl);
        if (b) *b = blocks[i];
    }
}

/* A new unnumbered section at `level` holding bl's blocks, as a block of bl_parent. */
static zw_section *add_section(lower *L, zw_blocks *parent, zw_text title, int level, zw_blocks *bl) {
    zw_section *s = zw_arena_alloc(L->a, sizeof *s);
    zw_block *b = s ? zw_bl_add(L, parent) : NULL;
    if (!b) { free(bl->b); *bl = (zw_blocks){0}; return NULL; }
    *s = (zw_section){.title = title, .level = level, .pos = title.pos};
    s->blocks = bl_finish(L, bl, &s->n);
    b->kind = ZW_BLK_SECTION;
    b->pos = title.pos;
    b->section = s;
    return s;
}

/* ---- codes ------------------------------------------------------------------------------------ */

/* One code namespace (goals, subgoals, activities or indicators of a programme): a duplicate is a
 * warning with a note at the first. */
static void see_code(lower *L, zw_codes *c, const char *what, const char *code, zw_pos pos) {
    if (!code) return;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->code[i], code)) {
            zw_diag(L->d, ZW_WARNING, pos, "duplicate %s code '%s'", what, code);
            zw_diag(L->d, ZW_NOTE, c->pos[i], "the first %s '%s' is here", what, code);
            return;
        }
    if (!zw_grow((void **)&c->code, &c->cap, c->n, sizeof *c->code) ||
        !zw_grow((void **)&c->pos, &c->pcap, c->n, sizeof *c->pos)) { L->ok = false; return; }
    c->code[c->n] = code;
    c->pos[c->n++] = pos;
}

static void drop_codes(zw_codes *c) { free(c->code); free(c->pos); *c = (zw_codes){0}; }

/* A code for an item of its parent: as given (a warning when it does not start with the parent's code
 * and a dot), or the parent's code, a dot and its place. */
static const char *child_code(lower *L, const char *code, const char *parent, size_t i, const char *what, zw_pos pos) {
    if (!code) {
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        return parent ? zw_bl_cat(L, parent, ".", num) : zw_bl_cat(L, num, NULL, NULL);
    }
    size_t k = parent ? strlen(parent) : 0;
    if (parent && (strncmp(code, parent, k) || code[k] != '.'))
        zw_diag(L->d, ZW_WARNING, pos, "%s code '%s' does not start with '%s.' of the goal or subgoal it is under",
                what, code, parent);
    return code;
}

/* Codes derived where missing, checked where given, duplicates reported. */
static void number_goals(lower *L, zw_programme *p) {
    zw_codes goals = {0}, subs = {0}, acts = {0};
    for (uint32_t i = 0; i < p->ngoals; i++) {
        zw_goal *g = &p->goals[i];
        g->code = child_code(L, g->code, NULL, i, "goal", g->pos);
        see_code(L, &goals, "goal", g->code, g->pos);
        for (uint32_t j = 0; j < g->n; j++) {
            zw_subgoal *s = &g->subs[j];
            s->code = child_code(L, s->code, g->code, j, "subgoal", s->pos);
            see_code(L, &subs, "subgoal", s->code, s->pos);
            for (uint32_t k = 0; k < s->n; k++) {
                zw_activity *a = &s->acts[k];
                a->code = child_code(L, a->code, s->code, k, "activity", a->pos);
                see_code(L, &acts, "activity", a->code, a->pos);
            }
        }
        zw_bl_indicator_codes(L, g->effects);
        zw_bl_indicator_codes(L, g->indicators);
    }
    drop_codes(&goals);
    drop_codes(&subs);
    drop_codes(&acts);
}

void zw_bl_indicator_codes(lower *L, const zw_itable *t) {
    for (uint32_t i = 0; t && i < t->n; i++)
        if (!t->rows[i].group) see_code(L, &L->indicators, "indicator", t->rows[i].code, t->rows[i].pos);
}

/* ---- programmes ------------------------------------------------------------------------------- */

/* The question's title: the programme's own wording, else the layout's. */
static zw_text question(lower *L, const zw_programme *p, int q, const char *layout_words) {
    if (p->part_title[q].n) return p->part_title[q];
    return zw_bl_text(L, layout_words, 0, p->part_pos[q].line ? p->part_pos[q] : p->pos);
}

/* A question's section, when it has anything in it; a warning when it has not (unless an error made it
 * empty). */
static void add_question(lower *L, zw_blocks *out, const zw_programme *p, zw_text title, zw_blocks *bl) {
    if (bl->n) { add_section(L, out, title, p->level + 1, bl); return; }
    if (zw_diags_errors(L->d) > L->errors) return;
    char *t = zw_text_plain(L->a, &p->section->title), *q = zw_text_plain(L->a, &title);
    zw_diag(L->d, ZW_WARNING, p->pos, "programme '%s' says nothing under '%s': an empty section", t ? t : "", q ? q : "");
}

/* Begroting: the goals' overview under the first question, their activities under the second. */
static void split_goals(lower *L, const zw_programme *p, zw_blocks *q1, zw_blocks *q2) {
    for (uint32_t i = 0; i < p->ngoals; i++) {
        const zw_goal *g = &p->goals[i];
        zw_bl_goal_overview(L, q1, g, false);
        zw_blocks gb = {0};
        add_blocks(L, &gb, g->blocks, g->nblocks);
        zw_bl_activities(L, &gb, g);
        if (g->indicators) zw_bl_itable(L, &gb, g->indicators);
        zw_text title = zw_bl_coded(L, zw_bl_cat(L, g->code, ". ", NULL), "", g->title, 0);
        if (gb.n) add_section(L, q2, title, p->level + 2, &gb);
    }
}

/* Jaarstukken: one section per goal, with what was to be achieved and what was done. */
static void merged_goals(lower *L, const zw_programme *p, zw_blocks *q) {
    for (uint32_t i = 0; i < p->ngoals; i++) {
        const zw_goal *g = &p->goals[i];
        zw_blocks gb = {0};
        add_blocks(L, &gb, g->blocks, g->nblocks);
        zw_bl_goal_overview(L, &gb, g, true);
        zw_bl_activities(L, &gb, g);
        if (g->indicators) zw_bl_itable(L, &gb, g->indicators);
        zw_text title = zw_bl_coded(L, zw_bl_cat(L, g->code, ". ", NULL), "", g->title, 0);
        if (gb.n) add_section(L, q, title, p->level + 2, &gb);
        else free(gb.b);
    }
}

static void lower_programme(lower *L, zw_programme *p, zw_blocks *out) {
    L->errors = zw_diags_errors(L->d);
    number_goals(L, p);
    add_blocks(L, out, p->intro, p->nintro);
    zw_blocks q[3] = {{0}};
    for (int k = 0; k < 3; k++) add_blocks(L, &q[k], p->part[k], p->npart[k]);
    if (L->w->merged) {
        for (size_t i = 0; i < q[1].n; i++) {
            zw_block *b = zw_bl_add(L, &q[0]);
            if (b) *b = q[1].b[i];
        }
        free(q[1].b);
        merged_goals(L, p, &q[0]);
        add_question(L, out, p, p->part_title[0].n ? p->part_title[0] : zw_bl_text(L, L->w->merged, 0, p->pos), &q[0]);
    } else {
        split_goals(L, p, &q[0], &q[1]);
        add_question(L, out, p, question(L, p, 0, L->w->questions[0]), &q[0]);
        add_question(L, out, p, question(L, p, 1, L->w->questions[1]), &q[1]);
    }
    add_question(L, out, p, question(L, p, 2, L->w->questions[2]), &q[2]);
    drop_codes(&L->indicators);
}

/* ---- the walk --------------------------------------------------------------------------------- */

static void lower_budget_block(lower *L, zw_bblock *bb, zw_blocks *out) {
    switch (bb->kind) {
    case ZW_BB_PROGRAMME: lower_programme(L, bb->prog, out); break;
    case ZW_BB_INDICATORS:
        zw_bl_indicator_codes(L, bb->ind);
        zw_bl_itable(L, out, bb->ind);
        drop_codes(&L->indicators);
        break;
    case ZW_BB_FINANCE: zw_bl_ftable(L, out, bb->fin); break;
    }
}

static void lower_section(lower *L, zw_section *s) { lower_blocks(L, &s->blocks, &s->n); }

static void lower_list(lower *L, zw_list *l) {
    for (size_t i = 0; i < l->n; i++) lower_blocks(L, &l->items[i], &l->item_n[i]);
}

/* Replace the budget blocks of blocks[0..n) (and inside its sections and lists) by what they stand for. */
static void lower_blocks(lower *L, zw_block **blocks, size_t *n) {
    bool any = false;
    for (size_t i = 0; i < *n; i++) {
        zw_block *b = &(*blocks)[i];
        if (b->kind == ZW_BLK_SECTION) lower_section(L, b->section);
        else if (b->kind == ZW_BLK_LIST) lower_list(L, &b->list);
        any |= b->kind == ZW_BLK_BUDGET;
    }
    if (!any) return;
    zw_blocks out = {0};
    for (size_t i = 0; i < *n; i++) {
        zw_block *b = &(*blocks)[i];
        if (b->kind == ZW_BLK_BUDGET) { lower_budget_block(L, b->budget, &out); continue; }
        zw_block *c = zw_bl_add(L, &out);
        if (c) *c = *b;
    }
    *blocks = bl_finish(L, &out, n);
}

void zw_budget_discard(zw_doc *doc) {
    zw_arena_drop(doc->budget_arena);
    doc->budget_arena = NULL;
    doc->budget = false;
}

bool zw_budget_lower(zw_arena *a, zw_diags *d, zw_doc *doc, const zw_budget_style *bs, bool strict) {
    if (!doc->budget) return true;
    size_t errs = zw_diags_errors(d);
    lower L = {.a = a, .model = doc->budget_arena, .d = d, .doc = doc, .bs = bs, .strict = strict, .ok = true};
    L.type = doc->type >= 0 ? (zw_doctype)doc->type : bs->type;
    L.w = &bs->words[L.type];
    for (size_t i = 0; i < doc->nchapters; i++) lower_section(&L, &doc->chapters[i]);
    zw_bl_cross_checks(&L);
    zw_bl_done(&L);
    if (!L.ok || zw_arena_failed(a) || zw_arena_failed(L.model)) zw_diag(d, ZW_ERROR, doc->pos, "out of memory");
    zw_budget_discard(doc);
    return zw_diags_errors(d) == errs;
}
