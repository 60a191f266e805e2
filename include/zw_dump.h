/* zw_dump.h — the layout dump: the display list as JSON, for tests and golden files.
 *
 * One JSON object per page with its boxes, coordinates rounded to 0.01 pt, in a stable order, so
 * `diff` compares two dumps and scripts can check invariants (boxes inside the text area, no overlaps). */
#ifndef ZW_DUMP_H
#define ZW_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "zw_display.h"

bool zw_dump_write(const zw_display *dl, FILE *out);

#endif
