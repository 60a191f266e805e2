/* zw_plain.h — the document model written back as a data file of plain blocks (`--dump-plain`).
 *
 * After the budget stage every programme, goal, indicator and financial table is a section, heading,
 * list or table; this writer prints the model as the data file that says exactly that: the numbers as
 * zetwerk computed and formatted them, the layout's wording in place, the rounding footnote among the
 * footnotes.  Rendering the file it writes gives the same PDF as rendering the original (the end-to-end
 * tests check it), so it shows a finance team what zetwerk made of their budget blocks and lets the
 * plain-table checks run on them.  Strings are written double-quoted with inline markup re-escaped. */
#ifndef ZW_PLAIN_H
#define ZW_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "zw_model.h"

/* Write doc (without budget blocks: lower it first) as YAML to f, naming `layout` (NULL: the data's) as its
 * layout; false on a write error (errno set). */
bool zw_plain_write(const zw_doc *doc, const char *layout, FILE *f);

#endif
