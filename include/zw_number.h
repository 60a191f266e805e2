/* zw_number.h — exact numbers for budget tables: reading Dutch and plain notation, rounding, and writing
 * them the Dutch way (1.000; 6,8; 61,5%; € 420.438) with a municipality's sign convention.
 *
 * Amounts are never floating point: a number is a 64-bit integer in units of 1/10 000 (ZW_NUM_ONE), so
 * sums are exact and rounding happens once, where a table shows a scale such as x € 1.000. */
#ifndef ZW_NUMBER_H
#define ZW_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZW_NUM_DECIMALS 4                 /* decimals a number may be written with */
#define ZW_NUM_ONE 10000                  /* 1 in a number's units */
#define ZW_NUM_MAX 1000000000000000LL     /* 10^15 units (a hundred billion): no number read is this large */

/* A number as read from the data: its value and how it was written. */
typedef struct zw_number {
    int64_t v;           /* value × ZW_NUM_ONE */
    uint8_t decimals;    /* digits written after the decimal separator (0–4) */
    bool percent;        /* written with '%' */
    bool euro;           /* written with '€' */
} zw_number;

typedef enum zw_num_status {
    ZW_NUM_OK,
    ZW_NUM_NOT_A_NUMBER, /* text: "NB", "abc", "1.23.4" */
    ZW_NUM_TOO_PRECISE,  /* more than ZW_NUM_DECIMALS decimals */
    ZW_NUM_TOO_LARGE     /* magnitude of ZW_NUM_MAX or more */
} zw_num_status;

/* Read s[0..n): optional '€', a sign ('-', '+', U+2212 before, '-' or U+2212 after, or brackets around),
 * digits with '.' and ',' and an optional '%', spaces and no-break spaces around.  The decimal separator:
 * with both '.' and ',' the last one; a single ',' always; a single '.' unless exactly three digits follow
 * it and one to three (not a lone 0) precede it ("1.000" is a thousand, "1.5" and "0.125" are not);
 * separators that occur twice group thousands.  Groups after the first have three digits. */
zw_num_status zw_number_parse(const char *s, size_t n, zw_number *out);

/* v / d rounded to the nearest integer, halves away from zero (d > 0). */
int64_t zw_round_div(int64_t v, int64_t d);

/* 10^k for 0 <= k <= 18. */
int64_t zw_pow10(int k);

/* How negative numbers are written. */
typedef enum zw_negative {
    ZW_NEG_MINUS,     /* −1.234 (U+2212) */
    ZW_NEG_TRAILING,  /* 1.234− */
    ZW_NEG_BRACKETS,  /* (1.234) */
    ZW_NEG_VN         /* 1.234 N, and 1.234 V for positive numbers (voordelig / nadelig); 0 plain */
} zw_negative;

enum {
    ZW_FMT_PERCENT = 1,  /* 61,5% */
    ZW_FMT_EURO = 2      /* € 420.438 (with a no-break space) */
};

/* Write r × 10^-decimals (decimals 0–4) the Dutch way into buf (cap bytes, at least 48 are always
 * enough): thousands grouped with '.', decimals after ',', the flags' '%' or '€ ', negatives by neg.
 * Returns the length written (without the NUL). */
size_t zw_number_format(char *buf, size_t cap, int64_t r, int decimals, unsigned flags, zw_negative neg);

#endif
