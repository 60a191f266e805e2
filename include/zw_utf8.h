/* zw_utf8.h — UTF-8: one decoder for the whole program.
 *
 * zw_utf8_char is the strict decoder (the loader checks input with it, the dump escapes with it);
 * zw_utf8_next is its forgiving form for text already checked, which turns any invalid sequence into
 * U+FFFD and moves on by its maximal subpart (as Unicode recommends), so a loop over it always ends. */
#ifndef ZW_UTF8_H
#define ZW_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the UTF-8 character at s[0..n) with its code point in *cp, or 0 when the bytes there
 * are not one (overlong, surrogate, beyond U+10FFFF, truncated, a stray continuation byte). */
int zw_utf8_char(const unsigned char *s, size_t n, uint32_t *cp);

/* Decode the character at *s (s < end), advancing *s; invalid bytes give U+FFFD (see above). */
uint32_t zw_utf8_decode(const char **s, const char *end);

static inline uint32_t zw_utf8_next(const char **s, const char *end) {
    if (*s < end && (unsigned char)**s < 0x80) return (uint32_t)(unsigned char)*(*s)++;
    return zw_utf8_decode(s, end);
}

/* Write cp (at most U+10FFFF) as UTF-8 into out (room for 4 bytes); returns the bytes written. */
size_t zw_utf8_put(char *out, uint32_t cp);

/* Characters (code points) in the valid UTF-8 text s[0..n). */
size_t zw_utf8_count(const char *s, size_t n);

#endif
