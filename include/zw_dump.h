/* zw_dump.h — the layout dump: the display list as JSON, for tests and golden files.
 *
 * One JSON object per page with its boxes, coordinates rounded to 0.01 pt, in a stable order, so
 * `diff` compares two dumps and scripts can check invariants (boxes inside the text area, no overlaps). */
#ifndef ZW_DUMP_H
#define ZW_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "zw_display.h"

bool zw_dump_write(const zw_display *dl, FILE *out);   /* false on a write error */

/* The same, page by page as layout finishes them: begin, pages [from, to) in order, end (with the
 * outline, once every page is written). */
void zw_dump_begin(FILE *out);
void zw_dump_pages(const zw_display *dl, size_t from, size_t to, FILE *out);
bool zw_dump_end(const zw_display *dl, FILE *out);

#endif
