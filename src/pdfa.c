/* pdfa.c — the table of archival profiles (zw_pdfa.h): the PDF/A claims zetwerk can make.
 *
 * PDF/A-1 (ISO 19005-1) is PDF 1.4 and wants a /CIDSet in every CID font's descriptor and no
 * transparency; PDF/A-2 (ISO 19005-2) is PDF 1.7 and allows an image's soft mask, but every image zetwerk
 * draws stands on white paper, so it is flattened on white in each archival profile (nothing shows
 * differently, and the archived file has no transparency for a validator to weigh: check_pdfa.py refuses
 * any).  Level B asks that the pages look the same forever, level U also that every glyph maps to
 * Unicode, level A also a tagged PDF (structure, reading order, languages); zetwerk always writes a
 * complete ToUnicode map (and never draws a glyph the font lacks, in any PDF/A profile) and tags every
 * document it lays out, so 2b, 2u and 2a differ only in their claim.  "off" writes a plain PDF 1.4 (its
 * /Lang is a 1.4 key) without any claim. */
#include "zw_pdfa.h"

#include <string.h>

static const zw_pdfa profiles[] = {
    {"2u", 2, "U", 7, false, true},
    {"2a", 2, "A", 7, false, true},
    {"2b", 2, "B", 7, false, true},
    {"1b", 1, "B", 4, true, true},
    {"off", 0, NULL, 4, false, false},
};

/* The same names in the same order (test_pdf checks it), for zw_schema_enum and messages. */
const char *const zw_pdfa_names[] = {"2u", "2a", "2b", "1b", "off", NULL};
_Static_assert(sizeof profiles / sizeof *profiles + 1 == sizeof zw_pdfa_names / sizeof *zw_pdfa_names,
               "one name per profile");

const zw_pdfa *zw_pdfa_lookup(const char *name) {
    for (size_t i = 0; name && i < sizeof profiles / sizeof *profiles; i++)
        if (!strcmp(profiles[i].name, name)) return &profiles[i];
    return NULL;
}

const zw_pdfa *zw_pdfa_default(void) { return &profiles[0]; }
