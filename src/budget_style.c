/* budget_style.c — the layout's `budget:` settings: the document type, the wording of the programme
 * questions and the budget tables per document type, the sign convention and the legends.  Built-in
 * defaults first (Dutch BBV wording), then each layout file of the `extends:` chain.  See
 * docs/layout-format.md (section `budget`). */
#include <string.h>

#include "zw_budget.h"
#include "zw_schema.h"

void zw_budget_style_defaults(zw_budget_style *bs) {
    static const zw_budget_words begroting = {
        .questions = {"Wat willen we bereiken?", "Wat gaan we ervoor doen?", "Wat mag het kosten?"},
        .indicator_cols = {"Werkelijk {t-3}", "Werkelijk {t-2}", "Begroot {t-1}", "Begroot {t}"},
        .nindicator_cols = 4,
        .finance_cols = {"Realisatie {t-2}", "Begroting {t-1}", "Begroting {t}", "Raming {t+1}", "Raming {t+2}",
                         "Raming {t+3}"},
        .nfinance_cols = 6,
        .subgoals = "Subdoelen",
        .subgoal = "Subdoel",
        .activities = "Activiteiten",
        .realisation = "Realisatie",
        .effects = "Indicator maatschappelijk effect",
        .indicators = "Prestatie-indicatoren",
    };
    static const zw_budget_words jaarstukken = {
        .questions = {"Wat hebben we bereikt?", "Wat hebben we ervoor gedaan?", "Wat heeft het gekost?"},
        .merged = "Wat hebben we bereikt en wat hebben we ervoor gedaan?",
        .indicator_cols = {"Realisatie {t-2}", "Realisatie {t-1}", "Begroot {t}", "Realisatie {t}"},
        .nindicator_cols = 4,
        .finance_cols = {"Begroting {t} primitief", "Begroting {t} na wijziging", "Realisatie {t}"},
        .nfinance_cols = 3,
        .difference = "Verschil",
        .goal_heading = "Wat wilden we bereiken?",
        .subgoals = "Subdoelen",
        .subgoal = "Subdoel",
        .activities = "Activiteiten (Wat wilden we ervoor doen?)",
        .realisation = "Realisatie (Wat hebben we ervoor gedaan?)",
        .effects = "Indicator maatschappelijk effect",
        .indicators = "Prestatie-indicatoren",
    };
    *bs = (zw_budget_style){
        .type = ZW_DOC_BEGROTING,
        .negative = ZW_NEG_MINUS,
        .scale_legend = "bedragen x \xE2\x82\xAC {scale}",
        .rounding_note = "Door afronding kan het totaal afwijken van de som van de afzonderlijke bedragen.",
        .code_sep = " - ",
        .mandatory = "(verplicht)",
        .source = "Bron:",
        .words = {begroting, jaarstukken},
    };
}

/* A text, or ~ for none (when `nullable`). */
static bool word(zw_diags *d, const zw_value *map, const char *key, bool nullable, const char **out) {
    const zw_value *x = zw_value_lookup(map, key);
    if (!x) return true;
    if (nullable && x->kind == ZW_V_NULL) { *out = NULL; return true; }
    return zw_schema_str(d, x, key, out);
}

/* A list of 1..n texts (column templates, questions). */
static bool words(zw_diags *d, const zw_value *map, const char *key, const char **out, int n, int *count) {
    const zw_value *x = zw_value_lookup(map, key);
    if (!x) return true;
    if (!zw_schema_is(d, x, ZW_V_SEQ, key)) return false;
    if (x->n < 1 || x->n > (uint32_t)n || (count == NULL && x->n != (uint32_t)n)) {
        zw_diag(d, ZW_ERROR, x->pos, count ? "'%s' takes 1 to %d texts, not %u" : "'%s' takes %d texts, not %u",
                key, n, x->n);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < x->n; i++) ok &= zw_schema_str(d, x->items[i], key, &out[i]);
    if (ok && count) *count = (int)x->n;
    return ok;
}

static bool bind_words(zw_diags *d, const zw_value *v, const char *what, zw_budget_words *w) {
    static const char *const keys[] = {"questions", "merged-question", "indicator-columns", "finance-columns",
                                       "difference", "goal-heading", "subgoals", "subgoal", "activities",
                                       "realisation", "effect-indicators", "performance-indicators", NULL};
    if (!zw_schema_is(d, v, ZW_V_MAP, what)) return false;
    bool ok = zw_schema_keys(d, v, keys, what);
    ok &= words(d, v, "questions", w->questions, 3, NULL);
    ok &= words(d, v, "indicator-columns", w->indicator_cols, 8, &w->nindicator_cols);
    ok &= words(d, v, "finance-columns", w->finance_cols, 8, &w->nfinance_cols);
    ok &= word(d, v, "merged-question", true, &w->merged) & word(d, v, "difference", true, &w->difference);
    ok &= word(d, v, "goal-heading", true, &w->goal_heading) & word(d, v, "subgoals", false, &w->subgoals);
    ok &= word(d, v, "subgoal", false, &w->subgoal) & word(d, v, "activities", false, &w->activities);
    ok &= word(d, v, "realisation", false, &w->realisation) & word(d, v, "effect-indicators", false, &w->effects);
    ok &= word(d, v, "performance-indicators", false, &w->indicators);
    return ok;
}

bool zw_budget_style_bind(zw_diags *d, const zw_value *v, zw_budget_style *bs) {
    static const char *const keys[] = {"type", "negative", "scale-legend", "sign-legend", "rounding-note",
                                       "code-separator", "mandatory", "source", "begroting", "jaarstukken", NULL};
    static const char *const types[] = {"begroting", "jaarstukken", NULL};
    static const char *const negs[] = {"minus", "trailing-minus", "brackets", "vn", NULL};
    if (!zw_schema_is(d, v, ZW_V_MAP, "budget")) return false;
    bool ok = zw_schema_keys(d, v, keys, "budget");
    const zw_value *x;
    int k;
    if ((x = zw_value_lookup(v, "type")) && zw_schema_enum(d, x, "type", types, &k)) bs->type = (zw_doctype)k;
    else if (x) ok = false;
    if ((x = zw_value_lookup(v, "negative")) && zw_schema_enum(d, x, "negative", negs, &k)) bs->negative = (zw_negative)k;
    else if (x) ok = false;
    ok &= word(d, v, "scale-legend", true, &bs->scale_legend) & word(d, v, "sign-legend", true, &bs->sign_legend);
    ok &= word(d, v, "rounding-note", true, &bs->rounding_note) & word(d, v, "code-separator", false, &bs->code_sep);
    ok &= word(d, v, "mandatory", true, &bs->mandatory) & word(d, v, "source", false, &bs->source);
    if ((x = zw_value_lookup(v, "begroting"))) ok &= bind_words(d, x, "begroting", &bs->words[ZW_DOC_BEGROTING]);
    if ((x = zw_value_lookup(v, "jaarstukken"))) ok &= bind_words(d, x, "jaarstukken", &bs->words[ZW_DOC_JAARSTUKKEN]);
    return ok;
}
