/* utf8.c — UTF-8 decoding and encoding, shared by load, text, layout, the dump and the PDF writer. */
#include "zw_utf8.h"

int zw_utf8_char(const unsigned char *s, size_t n, uint32_t *cp) {
    if (n == 0) return 0;
    unsigned c = s[0];
    int len;
    unsigned lo = 0x80, hi = 0xBF;   /* allowed range of the second byte: rules out overlongs and such */
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; *cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; *cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;    /* overlong */
        if (c == 0xED) hi = 0x9F;    /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; *cp = c & 0x07;
        if (c == 0xF0) lo = 0x90;    /* overlong */
        if (c == 0xF4) hi = 0x8F;    /* beyond U+10FFFF */
    } else return 0;                 /* continuation byte, C0/C1, F5..FF */
    for (int i = 1; i < len; i++) {
        unsigned b = (size_t)i < n ? s[i] : 0;
        if ((size_t)i >= n || b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return 0;
        *cp = *cp << 6 | (b & 0x3F);
    }
    return len;
}

/* The maximal subpart of the invalid sequence at s (n >= 1 bytes): its lead byte and the continuation
 * bytes still allowed after it, at least one byte. */
static size_t invalid_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    size_t need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    size_t k = 1;
    while (k <= need && k < n && s[k] >= (k == 1 ? lo : 0x80u) && s[k] <= (k == 1 ? hi : 0xBFu)) k++;
    return k;
}

uint32_t zw_utf8_decode(const char **sp, const char *end) {
    const unsigned char *s = (const unsigned char *)*sp;
    size_t n = (size_t)((const unsigned char *)end - s);
    uint32_t cp;
    if (n == 0) return 0xFFFD;
    int len = zw_utf8_char(s, n, &cp);
    if (len > 0) { *sp += len; return cp; }
    *sp += invalid_len(s, n);
    return 0xFFFD;
}

size_t zw_utf8_put(char *out, uint32_t cp) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t zw_utf8_count(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}
