/* zw_value.h — YAML files as a tree of values that remember where they came from.
 *
 * The loader reads YAML with libyaml's event parser (the only place that includes <yaml.h>) into
 * scalars, sequences and mappings, each with its 1-based file:line:col.  It refuses what would make the
 * tree ambiguous or unbounded: aliases and anchors, duplicate keys, non-scalar keys, tags, more than
 * ZW_MAX_DEPTH levels of nesting, files over ZW_MAX_INPUT bytes, scalars over ZW_MAX_SCALAR bytes, invalid
 * UTF-8 and control characters.  See docs/limits.md.
 * All scalars stay strings; the binder decides what a number is. */
#ifndef ZW_VALUE_H
#define ZW_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zw_arena.h"
#include "zw_diag.h"

#define ZW_MAX_DEPTH 64                  /* nesting of sequences and mappings */
#define ZW_MAX_INPUT (64L * 1024 * 1024) /* bytes in one YAML file */
#define ZW_MAX_SCALAR (1L * 1024 * 1024) /* bytes in one scalar (a text, a key, a number) */

typedef enum zw_vkind {
    ZW_V_NULL,   /* an empty or plain `~`/`null` scalar */
    ZW_V_SCALAR, /* any other scalar: str/len */
    ZW_V_SEQ,    /* items[0..n) */
    ZW_V_MAP     /* keys[0..n) with items[0..n) as their values, in file order */
} zw_vkind;

typedef struct zw_value zw_value;
struct zw_value {        /* 40 bytes: a 3 000-page data file has some 370 000 of them */
    zw_pos pos;          /* where the value starts (for a mapping entry's value: the value, not the key);
                            columns count characters, not bytes; an empty file is a NULL root at 1:1 */
    union {
        const char *str; /* scalar text, NUL-terminated, UTF-8 (also set for ZW_V_NULL: "") */
        zw_value **items; /* sequence items, or mapping values (NULL when there are none) */
    };                   /* (read str only of scalars and nulls, items only of sequences and mappings) */
    zw_value **keys;     /* mapping keys (scalars), NULL for sequences */
    uint32_t n;          /* items in a sequence or entries in a mapping (fewer than ZW_MAX_INPUT); 0 else */
    uint32_t len : 26;   /* bytes in str (at most ZW_MAX_SCALAR) */
    bool plain : 1;      /* scalar was unquoted (plain style) */
    bool clean : 1;      /* str is plain inline text: not empty, no markup character (\\ * ^ [ ~ { }), no
                            tab or line break, no leading, trailing or double space (zw_inline_parse
                            makes it one span of itself) */
    bool lasting : 1;    /* str lives in the `names` arena of zw_yaml_load_in, not in the tree's (set for
                            scalars that are not mapping keys), so the model may keep it: with room
                            for the spans zw_inline_parse may write over it (see there) */
    bool comment : 1;    /* a plain text (or nothing) followed by a comment on its line: "Tekst #2" is
                            "Tekst", and the binders say so where text is printed */
    zw_vkind kind : 2;
};
_Static_assert(ZW_MAX_SCALAR < (1L << 26) && ZW_MAX_INPUT < (1L << 32), "zw_value's len and n are too narrow");

/* Parse a whole YAML document from memory.  name is used in positions (copied into the arena).
 * Returns the root (a mapping, sequence or scalar) or NULL after reporting every error found. */
zw_value *zw_yaml_parse(zw_arena *a, zw_diags *d, const char *name, const char *buf, size_t len);

/* Read and parse a file; an unreadable file is an error at `path` without a line. */
zw_value *zw_yaml_load(zw_arena *a, zw_diags *d, const char *path);

/* The same with the tree (values, their arrays, keys' strings) in `tree` and only the file name that
 * every zw_pos points to and the strings of scalars that are not keys (`lasting`, mostly texts) in
 * `names`: a binder that copies what it keeps but lasting strings (zw_doc_bind does) lets the caller drop
 * `tree` once bound, while the model stays valid as long as `names`.  tree and names may be the same
 * arena. */
zw_value *zw_yaml_parse_in(zw_arena *tree, zw_arena *names, zw_diags *d, const char *name, const char *buf,
                           size_t len);
zw_value *zw_yaml_load_in(zw_arena *tree, zw_arena *names, zw_diags *d, const char *path);

/* The value under key in a mapping, or NULL (also when map is not a mapping).  Borrowed. */
zw_value *zw_value_lookup(const zw_value *map, const char *key);

/* "null", "scalar", "sequence" or "mapping", for messages. */
const char *zw_value_kind_name(zw_vkind k);   /* "null", "scalar", "sequence", "mapping" */

#endif
