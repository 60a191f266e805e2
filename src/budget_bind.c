/* budget_bind.c — the budget blocks of a data file → the budget model (zw_budget.h): programmes with
 * their goals, subgoals and activities, indicator tables, financial tables and the seven paragrafen.
 *
 * Called by the data binder (bind.c) for the keys `programme`, `paragraaf`, `indicators` and `finance`.
 * Values are read here — numbers in Dutch or plain notation, markers (NB, p.m., n.v.t., -), texts — but
 * checked and lowered into plain blocks only later by zw_budget_lower (budget.c), which knows the
 * layout's wording.  See docs/budget-model.md. */
#include <string.h>

#include "bind_int.h"

static const char *const paragraaf_kinds[] = {"lokale-heffingen", "weerstandsvermogen", "onderhoud-kapitaalgoederen",
                                              "financiering", "bedrijfsvoering", "verbonden-partijen", "grondbeleid", NULL};
static const char *const paragraaf_titles[] = {"Lokale heffingen", "Weerstandsvermogen en risicobeheersing",
                                               "Onderhoud kapitaalgoederen", "Financiering", "Bedrijfsvoering",
                                               "Verbonden partijen", "Grondbeleid"};

/* n zeroed elements of the budget model, in the arena zw_budget_lower drops once it has lowered the
 * model (doc->budget_arena, made with the first budget block): what the plain blocks keep of the model —
 * texts' spans and strings, codes, the blocks under a programme's questions — is in the document's arena. */
static void *model(binder *b, size_t n, size_t size) {
    if (!b->doc->budget_arena && !(b->doc->budget_arena = zw_arena_new())) return NULL;
    return n ? zw_arena_alloc(b->doc->budget_arena, n * size) : NULL;
}

static zw_bblock *new_bblock(binder *b, zw_block *blk, zw_bblock_kind kind) {
    zw_bblock *bb = model(b, 1, sizeof *bb);
    if (!bb) return NULL;
    bb->kind = kind;
    blk->kind = ZW_BLK_BUDGET;
    blk->budget = bb;
    b->doc->budget = true;
    return bb;
}

/* An optional text under key (empty when absent). */
static bool opt_text(binder *b, const zw_value *map, const char *key, zw_text *out) {
    const zw_value *x = zw_value_lookup(map, key);
    return !x || zw_bind_text(b, x, key, out);
}

/* A required, non-empty text under key. */
static bool need_text(binder *b, const zw_value *map, const char *key, const char *what, zw_text *out) {
    const zw_value *x = zw_schema_need(b->d, map, key, what);
    if (!x || !zw_bind_text(b, x, key, out)) return false;
    if (out->n) return true;
    zw_diag(b->d, ZW_ERROR, x->pos, "'%s' must not be empty", key);
    return false;
}

/* An optional code ("1.1") under `code`, kept as written. */
static bool opt_code(binder *b, const zw_value *map, const char **out) {
    const zw_value *x = zw_value_lookup(map, "code");
    if (!x) return true;
    if (!zw_schema_str(b->d, x, "code", out)) return false;
    *out = zw_bind_keep(b, *out);
    return true;
}

static bool opt_notes(binder *b, const zw_value *map, zw_note_place *out) {
    static const char *const places[] = {"default", "page", "table", NULL};
    const zw_value *x = zw_value_lookup(map, "notes");
    int p;
    if (!x) return true;
    if (!zw_schema_enum(b->d, x, "notes", places, &p)) return false;
    *out = (zw_note_place)p;
    return true;
}

/* ---- values ----------------------------------------------------------------------------------- */

static bool is_marker(const char *s) {
    static const char *const markers[] = {"NB", "n.b.", "p.m.", "n.v.t.", "-", "\xE2\x80\x93", NULL};
    for (int i = 0; markers[i]; i++)
        if (!strcmp(s, markers[i])) return true;
    return false;
}

static bool number_error(binder *b, const zw_value *v, zw_num_status st, const char *num) {
    if (st != ZW_NUM_TOO_PRECISE && st != ZW_NUM_TOO_LARGE) return true;
    zw_diag(b->d, ZW_ERROR, v->pos, st == ZW_NUM_TOO_LARGE ? "'%s' is too large a number (at most 11 digits "
            "before the decimals)" : "'%s' has more than 4 decimals", num);
    return false;
}

/* A plain number without markup, the most common value: read straight from the scalar, without the spans
 * of a text (it is printed formatted, never as written).  false when v is not one. */
static bool plain_number(binder *b, const zw_value *v, zw_bvalue *out, bool *ok) {
    if (!v->clean || !v->plain) return false;
    zw_num_status st = zw_number_parse(v->str, v->len, &out->num);
    *ok = number_error(b, v, st, v->str);
    if (st == ZW_NUM_NOT_A_NUMBER) return false;
    out->kind = ZW_BV_NUMBER;
    out->raw = v->lasting ? v->str : zw_bind_keep(b, v->str);
    out->text.pos = out->marks.pos = v->pos;
    return true;
}

/* A value: a number (its footnote marks apart), a marker, a text, or nothing (null). */
static bool bind_value(binder *b, const zw_value *v, zw_bvalue *out) {
    out->pos = v->pos;
    if (v->kind == ZW_V_NULL) return true;
    bool ok = true;
    if (v->kind == ZW_V_SCALAR && plain_number(b, v, out, &ok)) return ok;
    if (!ok || !zw_schema_is(b->d, v, ZW_V_SCALAR, "value") || !zw_bind_text(b, v, "value", &out->text)) return false;
    if (!out->text.n) return true;   /* "" or spaces: nothing given, as ~ */
    size_t k = out->text.n;
    while (k > 0 && out->text.spans[k - 1].kind == ZW_SPAN_NOTE_REF) k--;
    out->marks = (zw_text){k < out->text.n ? out->text.spans + k : NULL, out->text.n - k, v->pos};
    char num[64];
    size_t len = 0;
    bool plain = k > 0;
    for (size_t i = 0; i < k && plain; i++) {
        const zw_span *sp = &out->text.spans[i];
        plain = sp->kind == ZW_SPAN_TEXT && !sp->style && len + sp->len < sizeof num;
        if (plain) { memcpy(num + len, sp->text, sp->len); len += sp->len; }
    }
    num[len] = 0;
    zw_num_status st = plain ? zw_number_parse(num, len, &out->num) : ZW_NUM_NOT_A_NUMBER;
    if (!number_error(b, v, st, num)) return false;
    out->kind = st == ZW_NUM_OK ? ZW_BV_NUMBER : plain && is_marker(num) ? ZW_BV_MARKER : ZW_BV_TEXT;
    out->as_written = out->kind == ZW_BV_NUMBER && !v->plain;
    return true;
}

static uint32_t chars(const char *s, size_t n) {
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* YAML splits "6,8" inside [ ] into 6 and 8: two plain values of the data file (not of a CSV file) with
 * a single character between them. */
static bool split_decimal(binder *b, const zw_value *prev, const zw_value *v) {
    if (v->pos.file != b->doc->path || !prev->plain || !v->plain || prev->kind != ZW_V_SCALAR || v->kind != ZW_V_SCALAR ||
        prev->pos.line != v->pos.line || prev->pos.col + (int)chars(prev->str, prev->len) + 1 != v->pos.col)
        return false;
    zw_diag(b->d, ZW_ERROR, prev->pos, "'%s' and '%s' were read as two values: inside [ ] a comma separates "
            "values, so write \"%s,%s\" in quotes", prev->str, v->str, prev->str, v->str);
    return true;
}

/* The values of a row: items from `from` on of a sequence. */
static bool bind_values(binder *b, const zw_value *seq, size_t from, zw_bvalue **out, uint32_t *n) {
    if (!zw_schema_is(b->d, seq, ZW_V_SEQ, "values")) return false;
    *n = seq->n > from ? (uint32_t)(seq->n - from) : 0;
    *out = model(b, *n, sizeof **out);
    if (*n && !*out) return false;
    bool ok = true;
    for (size_t i = from; i < seq->n; i++) {
        if (i > from && split_decimal(b, seq->items[i - 1], seq->items[i])) ok = false;
        ok &= bind_value(b, seq->items[i], &(*out)[i - from]);
    }
    return ok;
}

/* A sequence of texts: column titles (years, or any title), or paragraphs. */
static bool bind_titles(binder *b, const zw_value *seq, const char *what, zw_text **out, uint32_t *n) {
    if (!zw_schema_is(b->d, seq, ZW_V_SEQ, what)) return false;
    *n = seq->n;
    *out = model(b, seq->n, sizeof **out);
    bool ok = !seq->n || *out;
    for (size_t i = 0; ok && i < seq->n; i++) ok &= zw_bind_text(b, seq->items[i], what, &(*out)[i]);
    return ok;
}

/* Column titles: with the label and a difference column the table stays within ZW_MAX_COLUMNS. */
static bool bind_columns(binder *b, const zw_value *seq, const char *what, zw_text **out, uint32_t *n) {
    if (seq->kind == ZW_V_SEQ && seq->n > ZW_MAX_COLUMNS - 2) {
        zw_diag(b->d, ZW_ERROR, seq->pos, "'%s' gives %u columns; a table has at most %d", what, seq->n, ZW_MAX_COLUMNS - 2);
        return false;
    }
    return bind_titles(b, seq, what, out, n);
}

/* ---- indicator tables ------------------------------------------------------------------------- */

static bool bind_indicator_map(binder *b, const zw_value *v, zw_indicator *r) {
    static const char *const keys[] = {"code", "label", "unit", "decimals", "mandatory", "source", "values", NULL};
    static const char *const units[] = {"as-written", "count", "percentage", "days", "per-1000", "per-10000", "euro", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "indicator");
    const zw_value *x;
    int u;
    long dec;
    ok &= opt_code(b, v, &r->code) && need_text(b, v, "label", "indicator", &r->label) && opt_text(b, v, "source", &r->source);
    if ((x = zw_value_lookup(v, "unit")) && zw_schema_enum(b->d, x, "unit", units, &u)) r->unit = (uint8_t)u;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "decimals")) && zw_schema_int(b->d, x, "decimals", 0, ZW_NUM_DECIMALS, &dec))
        r->decimals = (int8_t)dec;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "mandatory"))) ok &= zw_schema_bool(b->d, x, "mandatory", &r->mandatory);
    if ((x = zw_schema_need(b->d, v, "values", "indicator"))) ok &= bind_values(b, x, 0, &r->values, &r->n);
    else ok = false;
    return ok;
}

/* A row: {code, label, …, values}, {group: text}, or [code, label, value…] (also a CSV line). */
static bool bind_indicator(binder *b, const zw_value *v, zw_indicator *r) {
    r->pos = v->pos;
    r->decimals = -1;
    if (v->kind == ZW_V_MAP && zw_value_lookup(v, "group")) {
        static const char *const keys[] = {"group", NULL};
        r->group = true;
        return zw_schema_keys(b->d, v, keys, "group row") && zw_bind_text(b, v->items[0], "group", &r->label);
    }
    if (v->kind == ZW_V_MAP) return bind_indicator_map(b, v, r);
    if (!zw_schema_is(b->d, v, ZW_V_SEQ, "indicator") ) return false;
    if (v->n < 2) {
        zw_diag(b->d, ZW_ERROR, v->pos, "an indicator row is [code, label, values…]: it needs at least a code and a label");
        return false;
    }
    bool ok = v->items[0]->kind == ZW_V_NULL || zw_schema_str(b->d, v->items[0], "code", &r->code);
    r->code = zw_bind_keep(b, r->code);
    ok &= zw_bind_text(b, v->items[1], "label", &r->label);
    return ok && bind_values(b, v, 2, &r->values, &r->n);
}

static bool bind_itable(binder *b, const zw_value *v, bool effects, zw_itable *t) {
    t->pos = v->pos;
    t->effects = effects;
    const zw_value *rows = v, *x;
    bool ok = true;
    if (v->kind == ZW_V_MAP) {
        static const char *const keys[] = {"caption", "title", "kind", "years", "rows", "notes", "id", NULL};
        static const char *const kinds[] = {"performance", "effect", NULL};
        int k;
        ok = zw_schema_keys(b->d, v, keys, "indicators");
        ok &= opt_text(b, v, "caption", &t->caption) && opt_text(b, v, "title", &t->title) && opt_notes(b, v, &t->notes);
        if ((x = zw_value_lookup(v, "kind")) && zw_schema_enum(b->d, x, "kind", kinds, &k)) t->effects = k == 1;
        else if (x) ok = false;
        if ((x = zw_value_lookup(v, "years"))) ok &= bind_columns(b, x, "years", &t->years, &t->nyears);
        if ((x = zw_value_lookup(v, "id"))) ok &= zw_bind_id(b, x, &t->id);
        if (!(rows = zw_schema_need(b->d, v, "rows", "indicators"))) return false;
    }
    if (!zw_schema_is(b->d, rows, ZW_V_SEQ, "rows") || !(rows = zw_bind_rows(b, rows))) return false;
    if (rows->n == 0) {
        zw_diag(b->d, ZW_ERROR, rows->pos, "an indicator table needs at least one row");
        return false;
    }
    t->n = rows->n;
    t->rows = model(b, rows->n, sizeof *t->rows);
    for (size_t i = 0; t->rows && i < rows->n; i++) ok &= bind_indicator(b, rows->items[i], &t->rows[i]);
    return ok && t->rows;
}

bool zw_bind_indicators(binder *b, const zw_value *v, zw_block *blk) {
    zw_bblock *bb = new_bblock(b, blk, ZW_BB_INDICATORS);
    if (!bb || !(bb->ind = model(b, 1, sizeof *bb->ind))) return false;
    return bind_itable(b, v, false, bb->ind);
}

/* ---- financial tables ------------------------------------------------------------------------- */

/* The optional keys of a subtotal, total or item row given as a mapping. */
static bool bind_frow_keys(binder *b, const zw_value *v, zw_frow *r) {
    const zw_value *x;
    bool ok = true;
    if ((x = zw_value_lookup(v, "key"))) {
        ok &= zw_schema_str(b->d, x, "key", &r->key);
        r->key = zw_bind_keep(b, r->key);
    }
    if ((x = zw_value_lookup(v, "equals"))) {
        ok &= zw_schema_str(b->d, x, "equals", &r->equals);
        r->equals = zw_bind_keep(b, r->equals);
        r->equals_pos = x->pos;
    }
    if ((x = zw_value_lookup(v, "subtract"))) ok &= zw_schema_bool(b->d, x, "subtract", &r->subtract);
    if ((x = zw_value_lookup(v, "values"))) ok &= bind_values(b, x, 0, &r->values, &r->n);
    return ok;
}

/* A row: [label, amount…] (also a CSV line), {label, values, key, equals, subtract}, {group: text,
 * subtract}, {subtotal: label, …} or {total: label, …}. */
static bool bind_frow(binder *b, const zw_value *v, zw_frow *r) {
    r->pos = v->pos;
    if (v->kind == ZW_V_SEQ) {
        if (v->n < 1) { zw_diag(b->d, ZW_ERROR, v->pos, "a row is [label, amounts…]"); return false; }
        return zw_bind_text(b, v->items[0], "label", &r->label) && bind_values(b, v, 1, &r->values, &r->n);
    }
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "row")) return false;
    static const char *const kinds[] = {"label", "group", "subtotal", "total"};
    static const char *const keys[][6] = {{"label", "values", "key", "equals", "subtract", NULL},
                                          {"group", "subtract", NULL},
                                          {"subtotal", "values", "key", "equals", NULL},
                                          {"total", "values", "key", "equals", NULL}};
    int k = 0;
    while (k < 4 && !zw_value_lookup(v, kinds[k])) k++;
    if (k == 4) {
        zw_diag(b->d, ZW_ERROR, v->pos, "a row mapping names its kind: label, group, subtotal or total");
        return false;
    }
    r->kind = (uint8_t)(k == 0 ? ZW_FR_ITEM : k == 1 ? ZW_FR_GROUP : k == 2 ? ZW_FR_SUBTOTAL : ZW_FR_TOTAL);
    bool ok = zw_schema_keys(b->d, v, keys[k], k == 0 ? "row" : kinds[k]);
    ok &= need_text(b, v, kinds[k], kinds[k], &r->label) && bind_frow_keys(b, v, r);
    if (k == 0 && !zw_value_lookup(v, "values")) {
        zw_diag(b->d, ZW_ERROR, v->pos, "missing required key 'values' in row");
        ok = false;
    }
    return ok;
}

static bool bind_scale(binder *b, const zw_value *x, zw_ftable *t) {
    zw_number n;
    const char *s;
    if (!zw_schema_str(b->d, x, "scale", &s)) return false;
    if (zw_number_parse(s, strlen(s), &n) == ZW_NUM_OK &&
        (n.v == ZW_NUM_ONE || n.v == 1000LL * ZW_NUM_ONE || n.v == 1000000LL * ZW_NUM_ONE)) {
        t->scale = n.v / ZW_NUM_ONE;
        return true;
    }
    zw_diag(b->d, ZW_ERROR, x->pos, "'scale' must be 1, 1000 or 1000000 (amounts shown in euros, thousands or "
            "millions), not '%s'", s);
    return false;
}

static bool bind_ftable_keys(binder *b, const zw_value *v, zw_ftable *t) {
    static const char *const keys[] = {"caption", "columns", "difference", "scale", "amounts", "decimals", "rows",
                                       "notes", "id", NULL};
    static const char *const amounts[] = {"euro", "scaled", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "finance");
    const zw_value *x;
    int k;
    long dec;
    ok &= opt_text(b, v, "caption", &t->caption) && opt_notes(b, v, &t->notes);
    if ((x = zw_value_lookup(v, "columns"))) ok &= bind_columns(b, x, "columns", &t->cols, &t->ncols);
    if ((x = zw_value_lookup(v, "id"))) ok &= zw_bind_id(b, x, &t->id);
    if ((x = zw_value_lookup(v, "scale"))) ok &= bind_scale(b, x, t);
    if ((x = zw_value_lookup(v, "amounts")) && zw_schema_enum(b->d, x, "amounts", amounts, &k)) t->scaled_input = k == 1;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "decimals")) && zw_schema_int(b->d, x, "decimals", 0, 2, &dec)) t->decimals = (uint8_t)dec;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "difference"))) {
        bool on = true;
        if (x->kind == ZW_V_SCALAR && (!strcmp(x->str, "false") || !strcmp(x->str, "true")))
            ok &= zw_schema_bool(b->d, x, "difference", &on);
        else ok &= zw_bind_text(b, x, "difference", &t->difference);
        t->with_difference = on;
    }
    return ok;
}

bool zw_bind_finance(binder *b, const zw_value *v, zw_block *blk) {
    zw_bblock *bb = new_bblock(b, blk, ZW_BB_FINANCE);
    zw_ftable *t = bb ? (bb->fin = model(b, 1, sizeof *bb->fin)) : NULL;
    if (!t) return false;
    t->pos = v->pos;
    t->scale = 1;
    t->with_difference = -1;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "finance")) return false;
    bool ok = bind_ftable_keys(b, v, t);
    const zw_value *rows = zw_schema_need(b->d, v, "rows", "finance");
    if (!rows || !zw_schema_is(b->d, rows, ZW_V_SEQ, "rows") || !(rows = zw_bind_rows(b, rows))) return false;
    if (rows->n == 0) {
        zw_diag(b->d, ZW_ERROR, rows->pos, "a financial table needs at least one row");
        return false;
    }
    t->n = rows->n;
    t->rows = model(b, rows->n, sizeof *t->rows);
    for (size_t i = 0; t->rows && i < rows->n; i++) ok &= bind_frow(b, rows->items[i], &t->rows[i]);
    return ok && t->rows;
}

/* ---- goals ------------------------------------------------------------------------------------ */

static bool bind_activity(binder *b, const zw_value *v, zw_activity *act) {
    act->pos = v->pos;
    if (v->kind == ZW_V_SCALAR) return zw_bind_text(b, v, "activity", &act->title);
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "activity")) return false;
    static const char *const keys[] = {"code", "title", "realisation", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "activity");
    ok &= opt_code(b, v, &act->code) && need_text(b, v, "title", "activity", &act->title);
    const zw_value *x = zw_value_lookup(v, "realisation");
    if (x && x->kind == ZW_V_SEQ) ok &= bind_titles(b, x, "realisation", &act->realisation, &act->nreal);
    else if (x && (act->realisation = model(b, 1, sizeof *act->realisation))) {
        act->nreal = 1;
        ok &= zw_bind_text(b, x, "realisation", act->realisation);
    }
    return ok;
}

static bool bind_subgoal(binder *b, const zw_value *v, zw_subgoal *sg) {
    sg->pos = v->pos;
    if (v->kind == ZW_V_SCALAR) return zw_bind_text(b, v, "subgoal", &sg->title);
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "subgoal")) return false;
    static const char *const keys[] = {"code", "title", "short", "activities", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "subgoal");
    ok &= opt_code(b, v, &sg->code) && need_text(b, v, "title", "subgoal", &sg->title) &&
          opt_text(b, v, "short", &sg->short_title);
    const zw_value *x = zw_value_lookup(v, "activities");
    if (!x) return ok;
    if (!zw_schema_is(b->d, x, ZW_V_SEQ, "activities")) return false;
    sg->n = x->n;
    sg->acts = model(b, x->n, sizeof *sg->acts);
    for (size_t i = 0; sg->acts && i < x->n; i++) ok &= bind_activity(b, x->items[i], &sg->acts[i]);
    return ok && (sg->acts || !x->n);
}

/* An indicator table of a goal: a mapping as under `indicators:`, or just its rows. */
static bool goal_indicators(binder *b, const zw_value *goal, const char *key, bool effects, zw_itable **out) {
    const zw_value *x = zw_value_lookup(goal, key);
    if (!x) return true;
    *out = model(b, 1, sizeof **out);
    return *out && bind_itable(b, x, effects, *out);
}

static bool bind_goal(binder *b, const zw_value *v, int level, zw_goal *g) {
    g->pos = v->pos;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "goal")) return false;
    static const char *const keys[] = {"code", "title", "blocks", "subgoals", "effects", "indicators", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "goal");
    ok &= opt_code(b, v, &g->code) && need_text(b, v, "title", "goal", &g->title);
    const zw_value *x;
    if ((x = zw_value_lookup(v, "blocks"))) ok &= zw_bind_blocks(b, x, level, &g->blocks, &g->nblocks);
    ok &= goal_indicators(b, v, "effects", true, &g->effects) && goal_indicators(b, v, "indicators", false, &g->indicators);
    if (!(x = zw_value_lookup(v, "subgoals"))) return ok;
    if (!zw_schema_is(b->d, x, ZW_V_SEQ, "subgoals")) return false;
    g->n = x->n;
    g->subs = model(b, x->n, sizeof *g->subs);
    for (size_t i = 0; g->subs && i < x->n; i++) ok &= bind_subgoal(b, x->items[i], &g->subs[i]);
    return ok && (g->subs || !x->n);
}

/* ---- programmes ------------------------------------------------------------------------------- */

/* A question's part: a sequence of blocks, or {title, blocks}.  Its blocks sit one level deeper. */
static bool bind_part(binder *b, const zw_value *v, int level, zw_programme *p, int q) {
    p->part_pos[q] = v->pos;
    if (v->kind != ZW_V_MAP) return zw_bind_blocks(b, v, level + 1, &p->part[q], &p->npart[q]);
    static const char *const keys[] = {"title", "blocks", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "question") && opt_text(b, v, "title", &p->part_title[q]);
    const zw_value *x = zw_value_lookup(v, "blocks");
    return ok && (!x || zw_bind_blocks(b, x, level + 1, &p->part[q], &p->npart[q]));
}

static bool bind_goals(binder *b, const zw_value *v, int level, zw_programme *p) {
    if (!zw_schema_is(b->d, v, ZW_V_SEQ, "goals")) return false;
    p->ngoals = v->n;
    p->goals = model(b, v->n, sizeof *p->goals);
    bool ok = !v->n || p->goals;
    for (size_t i = 0; ok && i < v->n; i++) ok &= bind_goal(b, v->items[i], level + 2, &p->goals[i]);
    return ok;
}

bool zw_bind_programme(binder *b, const zw_value *v, int level, zw_section *s) {
    s->level = level;
    s->numbered = true;
    s->pos = v->pos;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "programme")) return false;
    static const char *const keys[] = {"title", "numbered", "blocks", "goals", "achieve", "do", "cost", "id", NULL};
    static const char *const parts[] = {"achieve", "do", "cost"};
    bool ok = zw_schema_keys(b->d, v, keys, "programme") && need_text(b, v, "title", "programme", &s->title);
    zw_block *blk = model(b, 1, sizeof *blk);
    zw_bblock *bb = blk ? new_bblock(b, blk, ZW_BB_PROGRAMME) : NULL;
    zw_programme *p = bb ? (bb->prog = model(b, 1, sizeof *bb->prog)) : NULL;
    if (!p) return false;
    blk->pos = p->pos = v->pos;
    p->section = s;
    p->level = level;
    s->blocks = blk;
    s->n = 1;
    const zw_value *x;
    if ((x = zw_value_lookup(v, "numbered"))) ok &= zw_schema_bool(b->d, x, "numbered", &s->numbered);
    if ((x = zw_value_lookup(v, "id"))) ok &= zw_bind_id(b, x, &s->id);
    if ((x = zw_value_lookup(v, "blocks"))) ok &= zw_bind_blocks(b, x, level, &p->intro, &p->nintro);
    if ((x = zw_value_lookup(v, "goals"))) ok &= bind_goals(b, x, level, p);
    for (int q = 0; q < 3; q++)
        if ((x = zw_value_lookup(v, parts[q]))) ok &= bind_part(b, x, level, p, q);
    return ok;
}

/* ---- paragrafen ------------------------------------------------------------------------------- */

bool zw_bind_paragraaf(binder *b, const zw_value *v, int level, zw_section *s) {
    s->level = level;
    s->numbered = true;
    s->pos = v->pos;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "paragraaf")) return false;
    static const char *const keys[] = {"kind", "title", "numbered", "blocks", "id", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "paragraaf");
    const zw_value *x = zw_schema_need(b->d, v, "kind", "paragraaf");
    int k = -1;
    if (!x || !zw_schema_enum(b->d, x, "kind", paragraaf_kinds, &k)) ok = false;
    if ((x = zw_value_lookup(v, "numbered"))) ok &= zw_schema_bool(b->d, x, "numbered", &s->numbered);
    if ((x = zw_value_lookup(v, "id"))) ok &= zw_bind_id(b, x, &s->id);
    if ((x = zw_value_lookup(v, "title"))) ok &= zw_bind_text(b, x, "title", &s->title);
    else if (k >= 0) s->title = zw_text_of(b->a, paragraaf_titles[k], 0, v->pos);
    if ((x = zw_value_lookup(v, "blocks"))) ok &= zw_bind_blocks(b, x, level, &s->blocks, &s->n);
    if (k < 0) return false;
    if (b->paragraaf[k].line) {
        zw_diag(b->d, ZW_WARNING, v->pos, "paragraaf '%s' is given twice", paragraaf_kinds[k]);
        zw_diag(b->d, ZW_NOTE, b->paragraaf[k], "the first is here");
    } else b->paragraaf[k] = v->pos;
    if (!s->n) zw_diag(b->d, ZW_WARNING, v->pos, "paragraaf '%s' is empty", paragraaf_kinds[k]);
    return ok;
}

void zw_bind_paragrafen_done(binder *b) {
    int first = -1;
    for (int k = 0; k < ZW_PARAGRAFEN && first < 0; k++)
        if (b->paragraaf[k].line) first = k;
    for (int k = 0; first >= 0 && k < ZW_PARAGRAFEN; k++)
        if (!b->paragraaf[k].line)
            zw_diag(b->d, ZW_WARNING, b->paragraaf[first], "the paragraaf '%s' (%s) is missing: the BBV asks for all "
                    "seven", paragraaf_kinds[k], paragraaf_titles[k]);
}
