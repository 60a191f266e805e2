/* zw_hyphen.h — Dutch hyphenation with libhyphen and the hyphen-nl patterns.
 *
 * Words are converted to Latin-1 for libhyphen (the .dic is ISO-8859-1) and break positions mapped back
 * to UTF-8 byte offsets.  Applies the minimum fragment lengths, an exception list that overrides the
 * patterns, and never hyphenates numbers, codes or words in capitals.  Results are cached per word. */
#ifndef ZW_HYPHEN_H
#define ZW_HYPHEN_H

#include <stdbool.h>
#include <stddef.h>

#include "zw_diag.h"

#define ZW_HYPHEN_DICT "/usr/share/hyphen/hyph_nl_NL.dic"

typedef struct zw_hyphenator zw_hyphenator;

/* NULL after reporting when the dictionary cannot be read. */
zw_hyphenator *zw_hyphenator_new(zw_diags *d, const char *dict_path, int left_min, int right_min);
void zw_hyphenator_drop(zw_hyphenator *h);

/* Whether h uses the tables compiled from its dictionary at build time (rather than loading it). */
bool zw_hyphenator_compiled(const zw_hyphenator *h);

/* Add an exception such as "cli-ënt-on-der-steu-ning" (hyphens mark the allowed breaks). */
void zw_hyphenator_except(zw_hyphenator *h, const char *pattern);

/* Break points of one word (UTF-8, no spaces): writes up to max byte offsets into `at` (a break before
 * byte at[i]) and returns how many.  For each break, `trema[i]` (if non-NULL) is set when the character
 * after the break carries a trema that is dropped at a break (ge-ëvalueerd → ge- / evalueerd). */
size_t zw_hyphenate(zw_hyphenator *h, const char *word, size_t len, size_t *at, bool *trema, size_t max);

#endif
