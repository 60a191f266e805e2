/* schema.c — typed access to YAML value trees with file:line:col errors and "did you mean" hints. */
#include "zw_schema.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


/* Edits (insert, delete, replace, or swap two neighbours: "laed" is one from "lead") from a to b. */
int zw_edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 99;
    int rows[3][65], *pp = rows[0], *prev = rows[1], *cur = rows[2];   /* rows i-2, i-1 and i */
    for (size_t j = 0; j <= lb; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

const char *zw_schema_closest(const char *key, const char *const *allowed) {
    const char *best = NULL;
    int bd = 3;
    size_t kl = strlen(key);
    for (size_t i = 0; allowed[i]; i++) {
        int dist = zw_edit_distance(key, allowed[i]);
        int limit = kl <= 4 ? 1 : kl <= 8 ? 2 : 3;
        if (dist <= limit && dist < bd) { bd = dist; best = allowed[i]; }
    }
    return best;
}

bool zw_schema_keys(zw_diags *d, const zw_value *map, const char *const *allowed, const char *what) {
    bool ok = true;
    if (!map || map->kind != ZW_V_MAP) return true;
    for (size_t i = 0; i < map->n; i++) {
        const char *key = map->keys[i]->str;
        bool known = false;
        for (size_t j = 0; allowed[j] && !known; j++) known = strcmp(key, allowed[j]) == 0;
        if (known) continue;
        ok = false;
        const char *hint = zw_schema_closest(key, allowed);
        if (hint) {
            zw_diag(d, ZW_ERROR, map->keys[i]->pos, "unknown key '%s' in %s; did you mean '%s'?", key, what, hint);
            continue;
        }
        char list[512] = "";   /* none is close: say which there are */
        for (size_t j = 0; allowed[j]; j++) {
            strncat(list, j == 0 ? "" : allowed[j + 1] ? ", " : " and ", sizeof list - strlen(list) - 1);
            strncat(list, allowed[j], sizeof list - strlen(list) - 1);
        }
        zw_diag(d, ZW_ERROR, map->keys[i]->pos, "unknown key '%s' in %s; the keys of a %s are %s", key, what, what, list);
    }
    return ok;
}

const zw_value *zw_schema_need(zw_diags *d, const zw_value *map, const char *key, const char *what) {
    const zw_value *v = zw_value_lookup(map, key);
    if (!v) zw_diag(d, ZW_ERROR, map->pos, "missing required key '%s' in %s", key, what);
    return v;
}

bool zw_schema_is(zw_diags *d, const zw_value *v, zw_vkind kind, const char *what) {
    if (v->kind == kind) return true;
    zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a %s, not a %s", what, zw_value_kind_name(kind),
            zw_value_kind_name(v->kind));
    return false;
}

bool zw_schema_str(zw_diags *d, const zw_value *v, const char *what, const char **out) {
    if (v->kind == ZW_V_NULL) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must not be empty", what);
        return false;
    }
    if (!zw_schema_is(d, v, ZW_V_SCALAR, what)) return false;
    *out = v->str;
    return true;
}

/* YAML's .nan/.inf spellings, and numbers strtod can read but not hold (nan, inf, 1e999, 1e-999). */
static bool not_finite(const char *s) {
    const char *t = s + (*s == '+' || *s == '-');
    static const char *const yaml[] = {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", NULL};
    for (int i = 0; yaml[i]; i++)
        if (!strncmp(t, yaml[i], 4)) return true;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    return end != s && (errno == ERANGE || !isfinite(x));
}

bool zw_schema_num(zw_diags *d, const zw_value *v, const char *what, double lo, double hi, double *out) {
    const char *s;
    if (!zw_schema_str(d, v, what, &s)) return false;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (not_finite(s)) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a finite number between %g and %g, not '%s'", what, lo, hi, s);
        return false;
    }
    if (end == s || *end || errno || !isfinite(x)) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a number, not '%s'", what, s);
        return false;
    }
    if (x < lo || x > hi) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be between %g and %g, not %g", what, lo, hi, x);
        return false;
    }
    *out = x;
    return true;
}

bool zw_schema_int(zw_diags *d, const zw_value *v, const char *what, long lo, long hi, long *out) {
    const char *s;
    if (!zw_schema_str(d, v, what, &s)) return false;
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (end != s && !*end && errno == ERANGE) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be between %ld and %ld, not '%s'", what, lo, hi, s);
        return false;
    }
    if (end == s || *end || errno) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a whole number, not '%s'", what, s);
        return false;
    }
    if (x < lo || x > hi) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be between %ld and %ld, not %ld", what, lo, hi, x);
        return false;
    }
    *out = x;
    return true;
}

bool zw_schema_bool(zw_diags *d, const zw_value *v, const char *what, bool *out) {
    static const char *const yes[] = {"true", "yes", "ja", "on", NULL};
    static const char *const no[] = {"false", "no", "nee", "off", NULL};
    const char *s;
    if (!zw_schema_str(d, v, what, &s)) return false;
    for (int i = 0; yes[i]; i++)
        if (!strcmp(s, yes[i])) { *out = true; return true; }
    for (int i = 0; no[i]; i++)
        if (!strcmp(s, no[i])) { *out = false; return true; }
    zw_diag(d, ZW_ERROR, v->pos, "'%s' must be true or false, not '%s'", what, s);
    return false;
}

bool zw_schema_enum(zw_diags *d, const zw_value *v, const char *what, const char *const *names, int *out) {
    const char *s;
    if (!zw_schema_str(d, v, what, &s)) return false;
    for (int i = 0; names[i]; i++)
        if (!strcmp(s, names[i])) { *out = i; return true; }
    char list[256] = "";
    for (int i = 0; names[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, names[i], sizeof list - strlen(list) - 1);
    }
    const char *hint = zw_schema_closest(s, names);
    if (hint)
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be one of %s, not '%s'; did you mean '%s'?", what, list, s, hint);
    else
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be one of %s, not '%s'", what, list, s);
    return false;
}

bool zw_parse_length(const char *s, double *pt) {
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || errno || !isfinite(x)) return false;
    while (*end == ' ') end++;
    double f = 1;
    if (!*end || !strcmp(end, "pt")) f = 1;
    else if (!strcmp(end, "mm")) f = 72.0 / 25.4;
    else if (!strcmp(end, "cm")) f = 72.0 / 2.54;
    else if (!strcmp(end, "in")) f = 72.0;
    else return false;
    *pt = x * f;
    return true;
}

bool zw_schema_percent(zw_diags *d, const zw_value *v, const char *what, double lo, double hi, double *out) {
    const char *s;
    if (!zw_schema_str(d, v, what, &s)) return false;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    bool num = end != s && !errno && isfinite(x) && !not_finite(s);
    while (num && *end == ' ') end++;
    if (!num || *end != '%' || end[1]) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a percentage such as 2%%, not '%s'", what, s);
        return false;
    }
    if (x < lo * 100 || x > hi * 100) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be between %g%% and %g%%, not '%s'", what, lo * 100, hi * 100, s);
        return false;
    }
    *out = x / 100;
    return true;
}

bool zw_schema_width(zw_diags *d, const zw_value *v, double min_pct, double lo, double hi, double *out) {
    const char *s;
    if (!zw_schema_str(d, v, "width", &s)) return false;
    size_t n = strlen(s);
    if (n < 2 || s[n - 1] != '%') return zw_schema_length(d, v, "width", lo, hi, out);
    char *end;
    double pct = strtod(s, &end);
    if (end == s + n - 1 && pct >= min_pct && pct <= 100) {
        *out = -pct / 100;
        return true;
    }
    zw_diag(d, ZW_ERROR, v->pos, "'width' as a percentage is between %g%% and 100%% of the measure, not '%s'", min_pct, s);
    return false;
}

bool zw_schema_length(zw_diags *d, const zw_value *v, const char *what, double lo, double hi, double *out) {
    const char *s;
    if (!zw_schema_str(d, v, what, &s)) return false;
    double x;
    if (not_finite(s)) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a finite length between %gpt and %gpt, not '%s'", what, lo, hi, s);
        return false;
    }
    if (!zw_parse_length(s, &x)) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be a length such as 12pt, 20mm or 1.5cm, not '%s'", what, s);
        return false;
    }
    if (x < lo || x > hi) {
        zw_diag(d, ZW_ERROR, v->pos, "'%s' must be between %gpt and %gpt, not '%s'", what, lo, hi, s);
        return false;
    }
    *out = x;
    return true;
}
