/* zw_pdfa.h — the archival profiles of the PDF: which PDF/A part and conformance level a document
 * claims, and what that asks of layout and the PDF writer.
 *
 * One table (src/pdfa.c) lists the profiles by the names the command line and the layout use ("2u",
 * "2b", "1b", "off"); everything that differs between them is a field of zw_pdfa, so a new level (such
 * as 2a, with a structure tree) is one more row, not a new branch in the writer. */
#ifndef ZW_PDFA_H
#define ZW_PDFA_H

#include <stdbool.h>

typedef struct zw_pdfa {
    const char *name;        /* "2u": as written after --pdfa and under `pdfa:` */
    int part;                /* pdfaid:part (1, 2); 0 = a plain PDF, no PDF/A claim */
    const char *conformance; /* pdfaid:conformance ("B", "U"); NULL when part is 0 */
    int pdf_minor;           /* the PDF version written: 1.<pdf_minor> */
    bool cidset;             /* CID fonts' descriptors carry a /CIDSet (PDF/A-1) */
    bool opaque;             /* no transparency: images' alpha flattened on white (every archival profile) */
} zw_pdfa;

/* The profiles, NULL-terminated names in table order (for "must be one of …" messages). */
extern const char *const zw_pdfa_names[];

/* The profile called `name`, or NULL. */
const zw_pdfa *zw_pdfa_lookup(const char *name);

/* The default profile (PDF/A-2u). */
const zw_pdfa *zw_pdfa_default(void);

#endif
