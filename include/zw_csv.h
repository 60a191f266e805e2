/* zw_csv.h — rows of a table read from a CSV file beside the data, as exported from a spreadsheet or a
 * financial system.
 *
 * The file becomes a value tree like the YAML it stands in for: a sequence of rows, each a sequence of
 * scalars that keep their own file.csv:line:col, so the binders check CSV cells exactly as they check
 * YAML ones and report problems where the user can fix them.  Fields are separated by ';', ',' or a
 * tab (found from the first line unless given) and may be quoted with '"' ("" for a quote inside; a
 * quoted field may hold separators and line breaks).  UTF-8, with or without a byte-order mark; a file
 * that is not UTF-8 is read as Windows-1252 (Excel's "CSV" on Dutch Windows).  Text is taken literally:
 * inline markup characters are escaped, so the cell prints as written. */
#ifndef ZW_CSV_H
#define ZW_CSV_H

#include <stdbool.h>

#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_value.h"

typedef struct zw_csv_opts {
    char sep;        /* ';', ',' or '\t'; 0: the one of these the first line has most of */
    bool header;     /* the first line names the columns: its field count is checked, then it is left out */
    zw_pos sep_pos;  /* where the data gave `sep` (for "wrong separator" notes), or no position */
} zw_csv_opts;

/* Parse a CSV text named `name` (copied into `names`, which positions point to).  Every row must have
 * as many fields as the first line (empty fields after those are ignored); empty lines and lines of
 * empty fields are skipped; an empty field is a null value.  The values go in `tree`.  Returns the
 * sequence of rows (the header line left out), or NULL after reporting every problem: a field count
 * that differs from the first line's (at the row's end or its first extra field), a separator that the
 * first line lacks while it has another, an unclosed quote, text after a closing quote, control
 * characters, a file over ZW_MAX_INPUT bytes. */
zw_value *zw_csv_parse(zw_arena *tree, zw_arena *names, zw_diags *d, const char *name, const char *buf, size_t len,
                       zw_csv_opts opts);

/* Read and parse the file at `path`; a file that cannot be read is an error at `from` (the place in the
 * data that names it). */
zw_value *zw_csv_load(zw_arena *tree, zw_arena *names, zw_diags *d, const char *path, zw_csv_opts opts,
                      zw_pos from);

#endif
