/* number.c — exact numbers: Dutch and plain notation read into integers of 1/10 000, rounding, and
 * Dutch formatting with the sign conventions of municipal tables.  See zw_number.h. */
#include "zw_number.h"

#include <string.h>

#define MINUS_SIGN "\xE2\x88\x92"   /* U+2212 */
#define EURO_SIGN "\xE2\x82\xAC"    /* U+20AC */
#define NBSP "\xC2\xA0"

int64_t zw_pow10(int k) {
    int64_t p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

int64_t zw_round_div(int64_t v, int64_t d) {
    int64_t q = v / d, r = v % d;
    if (r < 0) r = -r;
    if (r * 2 >= d) q += v < 0 ? -1 : 1;
    return q;
}

/* ---- reading ---------------------------------------------------------------------------------- */

typedef struct cursor { const char *s; size_t i, n; } cursor;

static bool eat(cursor *c, const char *lit) {
    size_t k = strlen(lit);
    if (c->n - c->i < k || memcmp(c->s + c->i, lit, k)) return false;
    c->i += k;
    return true;
}

static bool eat_back(cursor *c, const char *lit) {
    size_t k = strlen(lit);
    if (c->n - c->i < k || memcmp(c->s + c->n - k, lit, k)) return false;
    c->n -= k;
    return true;
}

static void skip_spaces(cursor *c) {
    for (;;) {
        while (c->i < c->n && c->s[c->i] == ' ') c->i++;
        while (c->n > c->i && c->s[c->n - 1] == ' ') c->n--;
        if (!eat(c, NBSP) && !eat_back(c, NBSP)) return;
    }
}

static bool eat_minus(cursor *c) { return eat(c, "-") || eat(c, MINUS_SIGN); }
static bool eat_minus_back(cursor *c) { return eat_back(c, "-") || eat_back(c, MINUS_SIGN); }

/* The sign, '€' and '%' around the digits; false when they are malformed. */
static bool strip_marks(cursor *c, bool *neg, zw_number *out) {
    skip_spaces(c);
    if (eat(c, "(")) {
        if (!eat_back(c, ")")) return false;
        *neg = true;
        skip_spaces(c);
    }
    for (int k = 0; k < 2; k++) {        /* '€' and a sign, in either order */
        if (!out->euro && eat(c, EURO_SIGN)) { out->euro = true; skip_spaces(c); continue; }
        if (!*neg && eat_minus(c)) { *neg = true; continue; }
        if (eat(c, "+")) continue;
    }
    if (eat_back(c, "%")) { out->percent = true; skip_spaces(c); }
    if (!*neg && eat_minus_back(c)) *neg = true;
    return c->i < c->n;
}

/* Which of '.' and ',' separates the decimals in s[0..n) (digits and separators only), or 0. */
static char decimal_separator(const char *s, size_t n) {
    const char *dot = memrchr(s, '.', n), *comma = memrchr(s, ',', n);
    if (dot && comma) return dot > comma ? '.' : ',';
    if (comma) return memchr(s, ',', n) == comma ? ',' : 0;
    if (!dot || memchr(s, '.', n) != dot) return 0;
    size_t before = (size_t)(dot - s), after = n - before - 1;
    bool grouping = after == 3 && before >= 1 && before <= 3 && !(before == 1 && s[0] == '0');
    return grouping ? 0 : '.';
}

/* The integer part s[0..n) with optional thousands separators `group` (groups of three after the first,
 * which has one to three digits). */
static bool read_integer(const char *s, size_t n, char group, int64_t *out) {
    int64_t v = 0;
    size_t run = 0;
    bool grouped = false;
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == group && group) {
            if (run == 0 || (grouped && run != 3) || (!grouped && run > 3)) return false;
            grouped = true;
            run = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9') return false;
        v = v > ZW_NUM_MAX ? v : v * 10 + (s[i] - '0');   /* (too large: the caller tells) */
        run++;
    }
    if (run == 0 || (grouped && run != 3)) return false;
    *out = v;
    return true;
}

zw_num_status zw_number_parse(const char *s, size_t n, zw_number *out) {
    zw_number num = {0};
    cursor c = {s, 0, n};
    bool neg = false;
    if (!strip_marks(&c, &neg, &num)) return ZW_NUM_NOT_A_NUMBER;
    const char *d = s + c.i;
    size_t len = c.n - c.i;
    for (size_t i = 0; i < len; i++)
        if (!(d[i] >= '0' && d[i] <= '9') && d[i] != '.' && d[i] != ',') return ZW_NUM_NOT_A_NUMBER;
    char sep = decimal_separator(d, len);
    const char *point = sep ? memrchr(d, sep, len) : NULL;
    size_t ilen = point ? (size_t)(point - d) : len, flen = point ? len - ilen - 1 : 0;
    char group = sep == ',' ? '.' : sep == '.' ? ',' : memchr(d, '.', len) ? '.' : ',';
    int64_t ipart;
    if (!read_integer(d, ilen, group, &ipart) || (point && flen == 0)) return ZW_NUM_NOT_A_NUMBER;
    int64_t frac = 0;
    for (size_t i = 0; i < flen; i++) {
        if (point[1 + i] < '0' || point[1 + i] > '9') return ZW_NUM_NOT_A_NUMBER;
        if (i < ZW_NUM_DECIMALS) frac = frac * 10 + (point[1 + i] - '0');
    }
    if (flen > ZW_NUM_DECIMALS) return ZW_NUM_TOO_PRECISE;
    if (ipart >= ZW_NUM_MAX / ZW_NUM_ONE) return ZW_NUM_TOO_LARGE;
    num.v = ipart * ZW_NUM_ONE + frac * zw_pow10(ZW_NUM_DECIMALS - (int)flen);
    if (neg) num.v = -num.v;
    num.decimals = (uint8_t)flen;
    *out = num;
    return ZW_NUM_OK;
}

/* ---- writing ---------------------------------------------------------------------------------- */

typedef struct out { char *buf; size_t cap, n; } out;

static void put(out *o, const char *s) {
    for (; *s; s++) {
        if (o->n + 1 < o->cap) o->buf[o->n] = *s;
        o->n++;
    }
}

/* mag × 10^-decimals with '.' between thousands and ',' before the decimals. */
static void put_digits(out *o, uint64_t mag, int decimals) {
    char digits[32];
    int k = 0;
    do { digits[k++] = (char)('0' + mag % 10); mag /= 10; } while (mag || k <= decimals);
    for (int i = k - 1; i >= 0; i--) {
        char ch[2] = {digits[i], 0};
        put(o, ch);
        if (i == decimals && decimals > 0) put(o, ",");
        else if (i > decimals && (i - decimals) % 3 == 0) put(o, ".");
    }
}

size_t zw_number_format(char *buf, size_t cap, int64_t r, int decimals, unsigned flags, zw_negative neg) {
    out o = {buf, cap, 0};
    bool minus = r < 0;
    uint64_t mag = minus ? (uint64_t)0 - (uint64_t)r : (uint64_t)r;
    if (minus && neg == ZW_NEG_BRACKETS) put(&o, "(");
    if (flags & ZW_FMT_EURO) put(&o, EURO_SIGN NBSP);
    if (minus && neg == ZW_NEG_MINUS) put(&o, MINUS_SIGN);
    put_digits(&o, mag, decimals);
    if (flags & ZW_FMT_PERCENT) put(&o, "%");
    if (minus && neg == ZW_NEG_TRAILING) put(&o, MINUS_SIGN);
    if (minus && neg == ZW_NEG_BRACKETS) put(&o, ")");
    if (neg == ZW_NEG_VN && mag) put(&o, minus ? NBSP "N" : NBSP "V");
    if (cap) buf[o.n < cap ? o.n : cap - 1] = 0;
    return o.n;
}
