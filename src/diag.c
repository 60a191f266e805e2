/* diag.c — collects diagnostics and prints them as `file:line:col: severity: message`. */
#include "zw_diag.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "zw_arena.h"

struct zw_diags {
    char **msgs;       /* formatted messages, malloc'd */
    size_t n, cap;
    size_t errors, warnings;
    bool oom;          /* a message could not be stored */
};

zw_diags *zw_diags_new(void) {
    zw_diags *d = zw_xmalloc(sizeof *d);
    if (d) memset(d, 0, sizeof *d);
    return d;
}

void zw_diags_drop(zw_diags *d) {
    if (!d) return;
    for (size_t i = 0; i < d->n; i++) free(d->msgs[i]);
    free(d->msgs);
    free(d);
}

static const char *sev_name(zw_severity s) {
    return s == ZW_ERROR ? "error" : s == ZW_WARNING ? "warning" : "note";
}

/* "file:line:col: " or "file: " or "" */
static int format_pos(char *buf, size_t cap, zw_pos p) {
    if (p.file && p.line > 0) return snprintf(buf, cap, "%s:%d:%d: ", p.file, p.line, p.col);
    if (p.file) return snprintf(buf, cap, "%s: ", p.file);
    return snprintf(buf, cap, "zetwerk: ");
}

static void store(zw_diags *d, char *msg) {
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        char **m = zw_xrealloc(d->msgs, cap * sizeof *m);
        if (!m) { free(msg); d->oom = true; return; }
        d->msgs = m;
        d->cap = cap;
    }
    d->msgs[d->n++] = msg;
}

void zw_diagv(zw_diags *d, zw_severity sev, zw_pos pos, const char *fmt, va_list ap) {
    if (!d) return;
    if (sev == ZW_ERROR) d->errors++;
    if (sev == ZW_WARNING) d->warnings++;
    char head[1024];
    int h = format_pos(head, sizeof head, pos);
    if (h < 0 || (size_t)h >= sizeof head) h = (int)strlen(head);
    va_list ap2;
    va_copy(ap2, ap);
    int m = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (m < 0) m = 0;
    const char *sv = sev_name(sev);
    size_t len = (size_t)h + strlen(sv) + 2 + (size_t)m + 1;
    char *msg = zw_xmalloc(len);
    if (!msg) { d->oom = true; return; }
    int k = snprintf(msg, len, "%s%s: ", head, sv);
    vsnprintf(msg + k, len - (size_t)k, fmt, ap);
    store(d, msg);
}

void zw_diag(zw_diags *d, zw_severity sev, zw_pos pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    zw_diagv(d, sev, pos, fmt, ap);
    va_end(ap);
}

size_t zw_diags_errors(const zw_diags *d) { return d ? d->errors + (d->oom ? 1 : 0) : 0; }
size_t zw_diags_warnings(const zw_diags *d) { return d ? d->warnings : 0; }
size_t zw_diags_count(const zw_diags *d) { return d ? d->n : 0; }

const char *zw_diags_message(const zw_diags *d, size_t i) {
    return d && i < d->n ? d->msgs[i] : NULL;
}

void zw_diags_print(const zw_diags *d, FILE *out) {
    if (!d) return;
    for (size_t i = 0; i < d->n; i++) fprintf(out, "%s\n", d->msgs[i]);
    if (d->oom) fprintf(out, "zetwerk: error: out of memory while reporting diagnostics\n");
}
