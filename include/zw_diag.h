/* zw_diag.h — diagnostics with source positions.
 *
 * Every stage reports problems here instead of printing or aborting.  Messages are collected (all of them,
 * not just the first) and printed as `file:line:col: error: message`, optionally followed by
 * `file:line:col: note: context` lines, in the order they were reported. */
#ifndef ZW_DIAG_H
#define ZW_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* A position in an input file.  line and col are 1-based; line 0 means "no position" (whole file or
 * none at all).  file is borrowed: it must outlive the diagnostics (the arena keeps it). */
typedef struct zw_pos {
    const char *file;
    int line;
    int col;
} zw_pos;

typedef enum zw_severity { ZW_ERROR, ZW_WARNING, ZW_NOTE } zw_severity;

typedef struct zw_diags zw_diags;

zw_diags *zw_diags_new(void);                   /* NULL when out of memory */
void zw_diags_drop(zw_diags *d);

/* Report one message; a ZW_NOTE attaches to the message before it. */
void zw_diag(zw_diags *d, zw_severity sev, zw_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void zw_diagv(zw_diags *d, zw_severity sev, zw_pos pos, const char *fmt, va_list ap);

size_t zw_diags_errors(const zw_diags *d);      /* number of errors so far */
size_t zw_diags_warnings(const zw_diags *d);
size_t zw_diags_count(const zw_diags *d);       /* all messages, notes included */
/* The i-th message formatted as it is printed (without the newline); borrowed, valid until drop. */
const char *zw_diags_message(const zw_diags *d, size_t i);
void zw_diags_print(const zw_diags *d, FILE *out);  /* every message, one per line */

/* A position with no file/line, for messages about the command line or the whole run. */
#define ZW_NOPOS ((zw_pos){NULL, 0, 0})

#endif
