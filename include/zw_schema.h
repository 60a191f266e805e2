/* zw_schema.h — typed access to value trees with precise errors, shared by the data and layout binders.
 *
 * Each accessor reports a wrong type or a malformed value at the value's position and returns false
 * (leaving *out untouched), so binders can apply defaults and keep going to report every problem. */
#ifndef ZW_SCHEMA_H
#define ZW_SCHEMA_H

#include <stdbool.h>

#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_value.h"

/* Report every key of `map` not in the NULL-terminated `allowed` list as
 * "unknown key 'x' in <what>" with "; did you mean 'y'?" when one is close.  false if any. */
bool zw_schema_keys(zw_diags *d, const zw_value *map, const char *const *allowed, const char *what);

/* The value under `key`, or NULL after "missing required key 'key' in <what>" at the map's position. */
const zw_value *zw_schema_need(zw_diags *d, const zw_value *map, const char *key, const char *what);

/* Type checks: "'<what>' must be a mapping, not a sequence" etc. */
bool zw_schema_is(zw_diags *d, const zw_value *v, zw_vkind kind, const char *what);

bool zw_schema_str(zw_diags *d, const zw_value *v, const char *what, const char **out);
bool zw_schema_int(zw_diags *d, const zw_value *v, const char *what, long lo, long hi, long *out);
bool zw_schema_num(zw_diags *d, const zw_value *v, const char *what, double lo, double hi, double *out);
bool zw_schema_bool(zw_diags *d, const zw_value *v, const char *what, bool *out);
/* One of the NULL-terminated names; *out = its index. */
bool zw_schema_enum(zw_diags *d, const zw_value *v, const char *what, const char *const *names, int *out);
/* A percentage ("2%", "0.5 %") between lo and hi, given and returned as fractions (0.02). */
bool zw_schema_percent(zw_diags *d, const zw_value *v, const char *what, double lo, double hi, double *out);
/* A length ("20mm", "10pt", "1.5cm", "0.5in", "12" = pt) between lo and hi pt. */
bool zw_schema_length(zw_diags *d, const zw_value *v, const char *what, double lo, double hi, double *out);

/* A width: a length between lo and hi pt, or a percentage of the measure from min_pct to 100 ("50%" gives
 * -0.5: a negative width is that fraction of the measure). */
bool zw_schema_width(zw_diags *d, const zw_value *v, double min_pct, double lo, double hi, double *out);

/* Parse a length such as "20mm", "10pt", "1.5cm", "12" (pt).  false if malformed. */
bool zw_parse_length(const char *s, double *pt);

/* Edit distance, for "did you mean" hints. */
int zw_edit_distance(const char *a, const char *b);

/* The name of the NULL-terminated list closest to `word` (within a distance that grows with its length),
 * for a "did you mean"; NULL when none is close. */
const char *zw_schema_closest(const char *word, const char *const *names);

#endif
