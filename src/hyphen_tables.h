/* hyphen_tables.h — the hyphenation dictionary compiled at build time, internal to hyphen.c.
 *
 * src/tools/hyphgen.c loads ZW_HYPHEN_DICT with libhyphen when zetwerk is built and writes its state
 * machine as static data (build/gen/hyph_tables.c), so a run does not parse the patterns again.  The
 * data is constant in use: libhyphen only reads a dictionary while hyphenating. */
#ifndef ZW_HYPHEN_TABLES_H
#define ZW_HYPHEN_TABLES_H

#include <hyphen.h>
#include <stdint.h>

typedef struct zw_hyph_tables {
    const char *path;     /* the .dic the tables were made from, NULL when none could be */
    unsigned long size;   /* its size in bytes */
    uint64_t hash;        /* FNV-1a of its bytes */
    HyphenDict *dict;     /* its first level, as hnj_hyphen_load_file made it; never freed */
} zw_hyph_tables;

extern const zw_hyph_tables zw_hyph_tables_nl;

#endif
