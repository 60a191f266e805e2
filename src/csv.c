/* csv.c — CSV files (spreadsheet and financial-system exports) read into value trees with file:line:col
 * positions.  See zw_csv.h.
 *
 * Grammar (RFC 4180 with the habits of Dutch exports):
 *   file   := [BOM] { record }         records end at LF, CR LF or CR
 *   record := field { sep field }      sep := ';' | ',' | TAB
 *   field  := quoted | plain           quoted := '"' { char | '""' } '"' [spaces]
 *                                      plain  := characters up to sep or the end of the line (trimmed) */
#include "zw_csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Windows-1252's 0x80–0x9F (undefined bytes as U+FFFD); 0xA0–0xFF are Latin-1. */
static const unsigned short cp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD,
};

/* Whether s[0..n) is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
static bool valid_utf8(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t k = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
        if (k == 0 || i + k >= n) return false;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80) return false;
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) || (c == 0xF0 && s[i + 1] < 0x90) ||
            (c == 0xF4 && s[i + 1] > 0x8F))
            return false;
        i += k + 1;
    }
    return true;
}

/* s[0..n) read as Windows-1252, as UTF-8 (malloc'd, *out_n bytes), or NULL when out of memory. */
static char *from_cp1252(const unsigned char *s, size_t n, size_t *out_n) {
    char *u = zw_xmalloc(n * 3 + 1), *w = u;
    if (!u) return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned cp = s[i] >= 0x80 && s[i] < 0xA0 ? cp1252[s[i] - 0x80] : s[i];
        if (cp < 0x80) *w++ = (char)cp;
        else if (cp < 0x800) { *w++ = (char)(0xC0 | cp >> 6); *w++ = (char)(0x80 | (cp & 0x3F)); }
        else { *w++ = (char)(0xE0 | cp >> 12); *w++ = (char)(0x80 | (cp >> 6 & 0x3F)); *w++ = (char)(0x80 | (cp & 0x3F)); }
    }
    *out_n = (size_t)(w - u);
    return u;
}

/* ---- scanning --------------------------------------------------------------------------------- */

typedef struct scan {
    zw_arena *tree;
    zw_diags *d;
    const char *name;
    const char *s;
    size_t i, n;
    int line, col;         /* of s[i] */
    char sep;
    bool ok;
    char *field;           /* the field being read (malloc'd scratch) */
    size_t flen, fcap;
} scan;

static zw_pos here(const scan *sc) { return (zw_pos){sc->name, sc->line, sc->col}; }

static bool at_eol(const scan *sc) { return sc->i >= sc->n || sc->s[sc->i] == '\n' || sc->s[sc->i] == '\r'; }

static void step(scan *sc) {
    char c = sc->s[sc->i++];
    if (c == '\n' || (c == '\r' && (sc->i >= sc->n || sc->s[sc->i] != '\n'))) { sc->line++; sc->col = 1; }
    else if (c != '\r' && ((unsigned char)c & 0xC0) != 0x80) sc->col++;
}

static void put(scan *sc, char c) {
    if (sc->flen + 2 > sc->fcap) {
        size_t cap = sc->fcap ? sc->fcap * 2 : 256;
        char *f = zw_xrealloc(sc->field, cap);
        if (!f) { sc->ok = false; return; }
        sc->field = f;
        sc->fcap = cap;
    }
    sc->field[sc->flen++] = c;
}

/* The field read so far as a scalar (null when empty) at pos, markup characters escaped. */
static zw_value *field_value(scan *sc, zw_pos pos) {
    zw_value *v = zw_arena_alloc(sc->tree, sizeof *v);
    if (!v) { sc->ok = false; return NULL; }
    v->pos = pos;
    v->plain = true;
    v->kind = sc->flen ? ZW_V_SCALAR : ZW_V_NULL;
    size_t extra = 0;
    for (size_t i = 0; i < sc->flen; i++) extra += strchr("\\*^[~{}", sc->field[i]) != NULL;
    char *str = zw_arena_chars(sc->tree, sc->flen + extra + 1), *w = str;
    if (!str) { sc->ok = false; return NULL; }
    for (size_t i = 0; i < sc->flen; i++) {
        if (strchr("\\*^[~{}", sc->field[i])) *w++ = '\\';
        *w++ = sc->field[i];
    }
    *w = 0;
    v->str = str;
    v->len = (uint32_t)(w - str);
    return v;
}

/* A quoted field, from its opening quote; false after reporting an unclosed quote or text after it. */
static bool quoted_field(scan *sc) {
    zw_pos open = here(sc);
    step(sc);
    for (;;) {
        if (sc->i >= sc->n) {
            zw_diag(sc->d, ZW_ERROR, open, "this quote is never closed");
            return false;
        }
        if (sc->s[sc->i] == '"') {
            step(sc);
            if (sc->i < sc->n && sc->s[sc->i] == '"') { put(sc, '"'); step(sc); continue; }
            break;
        }
        put(sc, sc->s[sc->i]);
        step(sc);
    }
    while (sc->i < sc->n && sc->s[sc->i] == ' ') step(sc);
    if (at_eol(sc) || sc->s[sc->i] == sc->sep) return true;
    zw_diag(sc->d, ZW_ERROR, here(sc), "text after the closing quote of a field; a quote inside a quoted field is "
            "written twice (\"\")");
    while (!at_eol(sc) && sc->s[sc->i] != sc->sep) step(sc);
    return false;
}

static void plain_field(scan *sc) {
    while (!at_eol(sc) && sc->s[sc->i] == ' ') step(sc);
    while (!at_eol(sc) && sc->s[sc->i] != sc->sep) { put(sc, sc->s[sc->i]); step(sc); }
    while (sc->flen && sc->field[sc->flen - 1] == ' ') sc->flen--;
}

/* One record into a sequence value *row (NULL for an empty line); *end is the position after it. */
static bool record(scan *sc, zw_value **row, zw_pos *end) {
    zw_value **items = NULL;
    size_t n = 0, cap = 0;
    bool blank = true, ok = true;
    *row = NULL;
    for (;;) {
        sc->flen = 0;
        while (!at_eol(sc) && sc->s[sc->i] == ' ') step(sc);
        zw_pos pos = here(sc);
        if (!at_eol(sc) && sc->s[sc->i] == '"') ok &= quoted_field(sc);
        else plain_field(sc);
        blank = blank && sc->flen == 0;
        zw_value *v = field_value(sc, pos);
        if (!v || !zw_grow((void **)&items, &cap, n, sizeof *items)) { sc->ok = false; break; }
        items[n++] = v;
        if (at_eol(sc)) break;
        step(sc);   /* the separator */
    }
    *end = here(sc);
    if (sc->i < sc->n) step(sc);
    if (sc->i < sc->n && sc->s[sc->i - 1] == '\r' && sc->s[sc->i] == '\n') step(sc);
    if (!blank && sc->ok) {
        zw_value *r = zw_arena_alloc(sc->tree, sizeof *r);
        zw_value **copy = zw_arena_take(sc->tree, n * sizeof *copy);
        if (r && copy) {
            memcpy(copy, items, n * sizeof *copy);
            *r = (zw_value){.pos = items[0]->pos, .items = copy, .n = (uint32_t)n, .kind = ZW_V_SEQ};
            *row = r;
        } else sc->ok = false;
    }
    free(items);
    return ok;
}

/* ---- the separator and the checks ------------------------------------------------------------ */

/* How often c occurs in the first non-empty line, outside quotes. */
static size_t count_in_first_line(const char *s, size_t n, char c) {
    size_t i = 0, k = 0;
    bool quoted = false;
    while (i < n && (s[i] == '\n' || s[i] == '\r')) i++;
    for (; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"') quoted = !quoted;
        else if (s[i] == c && !quoted) k++;
    }
    return k;
}

static const char *sep_name(char c) { return c == '\t' ? "tab" : c == ';' ? "';'" : "','"; }

/* The separator: the given one, or the first line's most frequent; a given one the first line lacks
 * while it has another is an error. */
static bool choose_sep(scan *sc, zw_csv_opts o) {
    static const char cands[] = {';', '\t', ','};
    char best = ';';
    size_t most = 0;
    for (int k = 0; k < 3; k++) {
        size_t c = count_in_first_line(sc->s, sc->n, cands[k]);
        if (c > most) { most = c; best = cands[k]; }
    }
    sc->sep = o.sep ? o.sep : best;
    if (!o.sep || most == 0 || count_in_first_line(sc->s, sc->n, o.sep)) return true;
    zw_diag(sc->d, ZW_ERROR, (zw_pos){sc->name, 1, 1}, "the fields are separated by %s, not by %s: correct "
            "'separator' or leave it out", sep_name(best), sep_name(o.sep));
    if (o.sep_pos.line) zw_diag(sc->d, ZW_NOTE, o.sep_pos, "the separator is given here");
    return false;
}

/* Control characters other than tab and line breaks, at their position. */
static bool check_controls(scan *sc) {
    bool ok = true;
    int line = 1, col = 1;
    for (size_t i = 0; i < sc->n; i++) {
        unsigned char c = (unsigned char)sc->s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            zw_diag(sc->d, ZW_ERROR, (zw_pos){sc->name, line, col}, "control character U+%04X is not allowed", c);
            ok = false;
        }
        if (c == '\n' || (c == '\r' && (i + 1 >= sc->n || sc->s[i + 1] != '\n'))) { line++; col = 1; }
        else if (c != '\r' && (c & 0xC0) != 0x80) col++;
    }
    return ok;
}

/* A row's field count against the first line's: too few is an error at the row's end, too many at the
 * first extra field that is not empty (trailing empty fields, as spreadsheets pad rows, are dropped). */
static bool check_width(scan *sc, zw_value *row, size_t want, zw_pos end, bool header) {
    const char *first = header ? "the header line" : "the first row";
    while (row->n > want && row->items[row->n - 1]->kind == ZW_V_NULL) row->n--;
    if (row->n < want) {
        zw_diag(sc->d, ZW_ERROR, end, "this row has %u field(s) but %s has %zu: a field is missing", row->n, first, want);
        return false;
    }
    if (row->n > want) {
        zw_diag(sc->d, ZW_ERROR, row->items[want]->pos, "this row has %u fields but %s has %zu: a %s inside a field "
                "that is not quoted?", row->n, first, want, sep_name(sc->sep));
        return false;
    }
    return true;
}

static zw_value *parse_records(scan *sc, zw_csv_opts o) {
    zw_value **rows = NULL;
    size_t n = 0, cap = 0, want = 0;
    bool ok = true, first = true;
    while (sc->i < sc->n && sc->ok) {
        zw_value *row;
        zw_pos end;
        ok &= record(sc, &row, &end);
        if (!row) continue;
        if (first) {
            want = row->n;
            while (want > 1 && row->items[want - 1]->kind == ZW_V_NULL) want--;
            row->n = (uint32_t)want;
            first = false;
            if (o.header) continue;
        } else if (!check_width(sc, row, want, end, o.header)) {
            ok = false;
            continue;
        }
        if (!zw_grow((void **)&rows, &cap, n, sizeof *rows)) { sc->ok = false; break; }
        rows[n++] = row;
    }
    zw_value *seq = zw_arena_alloc(sc->tree, sizeof *seq);
    zw_value **items = n ? zw_arena_take(sc->tree, n * sizeof *items) : NULL;
    if (!seq || (n && !items)) sc->ok = false;
    else {
        if (n) memcpy(items, rows, n * sizeof *items);
        *seq = (zw_value){.pos = {sc->name, 1, 1}, .items = items, .n = (uint32_t)n, .kind = ZW_V_SEQ};
    }
    free(rows);
    return ok && sc->ok ? seq : NULL;
}

zw_value *zw_csv_parse(zw_arena *tree, zw_arena *names, zw_diags *d, const char *name, const char *buf, size_t len,
                       zw_csv_opts opts) {
    const char *file = zw_arena_strndup(names, name, strlen(name));
    if (!file) { zw_diag(d, ZW_ERROR, (zw_pos){name, 0, 0}, "out of memory"); return NULL; }
    if (len > (size_t)ZW_MAX_INPUT) {
        zw_diag(d, ZW_ERROR, (zw_pos){file, 0, 0}, "file is too large: %zu bytes (at most %ld)", len, (long)ZW_MAX_INPUT);
        return NULL;
    }
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) { buf += 3; len -= 3; }
    char *utf8 = NULL;
    if (!valid_utf8((const unsigned char *)buf, len)) {
        utf8 = from_cp1252((const unsigned char *)buf, len, &len);
        if (!utf8) { zw_diag(d, ZW_ERROR, (zw_pos){file, 0, 0}, "out of memory"); return NULL; }
        buf = utf8;
    }
    scan sc = {.tree = tree, .d = d, .name = file, .s = buf, .n = len, .line = 1, .col = 1, .ok = true};
    zw_value *rows = NULL;
    if (check_controls(&sc) && choose_sep(&sc, opts)) rows = parse_records(&sc, opts);
    if (!sc.ok) zw_diag(d, ZW_ERROR, (zw_pos){file, 0, 0}, "out of memory");
    free(sc.field);
    free(utf8);
    return sc.ok ? rows : NULL;
}

zw_value *zw_csv_load(zw_arena *tree, zw_arena *names, zw_diags *d, const char *path, zw_csv_opts opts,
                      zw_pos from) {
    errno = 0;
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        zw_diag(d, ZW_ERROR, from, "cannot read '%s': %s", path, f ? "not a regular file" : strerror(errno));
        if (f) fclose(f);
        return NULL;
    }
    if (st.st_size > ZW_MAX_INPUT) {
        zw_diag(d, ZW_ERROR, from, "'%s' is too large: %lld bytes (at most %ld)", path, (long long)st.st_size,
                (long)ZW_MAX_INPUT);
        fclose(f);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    char *buf = zw_xmalloc(len + 1);
    size_t got = buf ? fread(buf, 1, len, f) : 0;
    int err = errno;
    fclose(f);
    if (!buf || got != len) {
        zw_diag(d, ZW_ERROR, from, "cannot read '%s': %s", path, buf ? strerror(err ? err : EIO) : "out of memory");
        free(buf);
        return NULL;
    }
    zw_value *v = zw_csv_parse(tree, names, d, path, buf, len, opts);
    free(buf);
    return v;
}
