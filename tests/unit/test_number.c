/* test_number.c — exact numbers: Dutch and plain notation read, rounding halves away from zero, and the
 * Dutch formats with every sign convention (1.000; 6,8; 61,5%; € 420.438; −1.234 / 1.234− / (1.234) /
 * 1.234 N). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "zw_number.h"

static const char *fmt(int64_t r, int decimals, unsigned flags, zw_negative neg) {
    static char buf[64];
    size_t n = zw_number_format(buf, sizeof buf, r, decimals, flags, neg);
    assert_int_equal(n, strlen(buf));
    return buf;
}

static void formats_dutch(void **state) {
    (void)state;
    assert_string_equal(fmt(1000, 0, 0, ZW_NEG_MINUS), "1.000");
    assert_string_equal(fmt(68, 1, 0, ZW_NEG_MINUS), "6,8");
    assert_string_equal(fmt(615, 1, ZW_FMT_PERCENT, ZW_NEG_MINUS), "61,5%");
    assert_string_equal(fmt(420438, 0, ZW_FMT_EURO, ZW_NEG_MINUS), "\xE2\x82\xAC\xC2\xA0" "420.438");
    assert_string_equal(fmt(0, 0, 0, ZW_NEG_MINUS), "0");
    assert_string_equal(fmt(5, 2, 0, ZW_NEG_MINUS), "0,05");
    assert_string_equal(fmt(999, 0, 0, ZW_NEG_MINUS), "999");
    assert_string_equal(fmt(1234567890, 0, 0, ZW_NEG_MINUS), "1.234.567.890");
    assert_string_equal(fmt(123456789, 2, 0, ZW_NEG_MINUS), "1.234.567,89");
    assert_string_equal(fmt(INT64_MIN, 0, 0, ZW_NEG_MINUS), "\xE2\x88\x92" "9.223.372.036.854.775.808");
}

static void formats_negatives(void **state) {
    (void)state;
    assert_string_equal(fmt(-1234, 0, 0, ZW_NEG_MINUS), "\xE2\x88\x92" "1.234");
    assert_string_equal(fmt(-1234, 0, 0, ZW_NEG_TRAILING), "1.234\xE2\x88\x92");
    assert_string_equal(fmt(-1234, 0, 0, ZW_NEG_BRACKETS), "(1.234)");
    assert_string_equal(fmt(-1234, 0, 0, ZW_NEG_VN), "1.234\xC2\xA0N");
    assert_string_equal(fmt(1234, 0, 0, ZW_NEG_VN), "1.234\xC2\xA0V");
    assert_string_equal(fmt(0, 0, 0, ZW_NEG_VN), "0");                    /* nothing to gain or lose */
    assert_string_equal(fmt(1234, 0, 0, ZW_NEG_BRACKETS), "1.234");
    assert_string_equal(fmt(-5, 1, ZW_FMT_EURO, ZW_NEG_BRACKETS), "(\xE2\x82\xAC\xC2\xA0" "0,5)");
    assert_string_equal(fmt(-5, 1, ZW_FMT_EURO, ZW_NEG_MINUS), "\xE2\x82\xAC\xC2\xA0\xE2\x88\x92" "0,5");
}

static void format_truncates_safely(void **state) {
    (void)state;
    char buf[4];
    assert_int_equal(zw_number_format(buf, sizeof buf, 123456, 0, 0, ZW_NEG_MINUS), 7);   /* "123.456" */
    assert_string_equal(buf, "123");
}

static zw_number parse_ok(const char *s) {
    zw_number n;
    assert_int_equal(zw_number_parse(s, strlen(s), &n), ZW_NUM_OK);
    return n;
}

static int parse_status(const char *s) {
    zw_number n;
    return (int)zw_number_parse(s, strlen(s), &n);
}

static void parses_dutch_and_plain(void **state) {
    (void)state;
    assert_int_equal(parse_ok("1.000").v, 1000 * 10000LL);                 /* a point and three digits */
    assert_int_equal(parse_ok("1.234.567").v, 1234567 * 10000LL);
    assert_int_equal(parse_ok("1,234,567").v, 1234567 * 10000LL);
    assert_int_equal(parse_ok("1234567").v, 1234567 * 10000LL);
    zw_number n = parse_ok("6,8");
    assert_int_equal(n.v, 68000);
    assert_int_equal(n.decimals, 1);
    n = parse_ok("1.234,56");
    assert_int_equal(n.v, 12345600);
    assert_int_equal(n.decimals, 2);
    assert_int_equal(parse_ok("1,234.56").v, 12345600);
    assert_int_equal(parse_ok("1.5").v, 15000);                            /* plain decimal point */
    assert_int_equal(parse_ok("0.125").v, 1250);                           /* a lone 0 does not group */
    assert_int_equal(parse_ok("12.34").v, 123400);
    assert_int_equal(parse_ok("1.2345").v, 12345);
    assert_int_equal(parse_ok("1,234").v, 12340);                          /* one comma: decimals */
    n = parse_ok("61,5%");
    assert_int_equal(n.v, 615000);
    assert_true(n.percent);
    n = parse_ok("\xE2\x82\xAC\xC2\xA0" "420.438");
    assert_int_equal(n.v, 420438 * 10000LL);
    assert_true(n.euro);
    assert_int_equal(parse_ok("\xE2\x82\xAC 75.000").v, 75000 * 10000LL);
    assert_int_equal(parse_ok("  42 ").v, 420000);
}

static void parses_signs(void **state) {
    (void)state;
    assert_int_equal(parse_ok("-1.234").v, -12340000);
    assert_int_equal(parse_ok("\xE2\x88\x92" "1.234").v, -12340000);
    assert_int_equal(parse_ok("1.234-").v, -12340000);
    assert_int_equal(parse_ok("1.234\xE2\x88\x92").v, -12340000);
    assert_int_equal(parse_ok("(1.234)").v, -12340000);
    assert_int_equal(parse_ok("+5").v, 50000);
    assert_int_equal(parse_ok("-\xE2\x82\xAC 5").v, -50000);
    assert_int_equal(parse_ok("\xE2\x82\xAC -5").v, -50000);
    assert_int_equal(parse_ok("-2,5%").v, -25000);
}

static void refuses_text(void **state) {
    (void)state;
    const char *text[] = {"", " ", "NB", "p.m.", "n.v.t.", "abc", "1.23.4", "1.2345.678", ".5", "5,", "1,,2",
                          "--5", "(5", "5)", "12a", "1 000", "%", "\xE2\x82\xAC", "-", "1.234.56", "1234.567.890"};
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        if (parse_status(text[i]) != ZW_NUM_NOT_A_NUMBER) fail_msg("'%s' read as a number", text[i]);
    }
    assert_int_equal(parse_status("1,23456"), ZW_NUM_TOO_PRECISE);
    assert_int_equal(parse_status("100000000000"), ZW_NUM_TOO_LARGE);
    assert_int_equal(parse_status("99999999999"), ZW_NUM_OK);
    assert_int_equal(parse_status("123456789012345678901234567890"), ZW_NUM_TOO_LARGE);
}

static void rounds_halves_away_from_zero(void **state) {
    (void)state;
    assert_int_equal(zw_round_div(14999999, 10000000), 1);    /* 1.4999999 → 1, not 2 by rounding twice */
    assert_int_equal(zw_round_div(15000000, 10000000), 2);
    assert_int_equal(zw_round_div(-15000000, 10000000), -2);
    assert_int_equal(zw_round_div(-14999999, 10000000), -1);
    assert_int_equal(zw_round_div(4, 10), 0);
    assert_int_equal(zw_round_div(-5, 10), -1);
    assert_int_equal(zw_pow10(0), 1);
    assert_int_equal(zw_pow10(9), 1000000000);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats_dutch),
        cmocka_unit_test(formats_negatives),
        cmocka_unit_test(format_truncates_safely),
        cmocka_unit_test(parses_dutch_and_plain),
        cmocka_unit_test(parses_signs),
        cmocka_unit_test(refuses_text),
        cmocka_unit_test(rounds_halves_away_from_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
