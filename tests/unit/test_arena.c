/* test_arena.c — the bump allocator: 16-byte alignment after unaligned strings, zeroed blocks, large
 * allocations, reset (reuse of the kept block) and the sticky out-of-memory flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>

#include <string.h>

#include "zw_arena.h"

static void test_alignment_after_strings(void **state) {
    (void)state;
    zw_arena *a = zw_arena_new();
    char *s = zw_arena_strndup(a, "abc", 3);
    char *t = zw_arena_printf(a, "%d-%s", 12, "x");
    assert_string_equal(s, "abc");
    assert_string_equal(t, "12-x");
    assert_ptr_equal(t, s + 4);                 /* strings are packed, not padded to 16 bytes */
    double *d = zw_arena_alloc(a, 3 * sizeof *d);
    assert_non_null(d);
    assert_int_equal((uintptr_t)d % 16, 0);
    assert_true(d[0] == 0 && d[2] == 0);
    char *big = zw_arena_alloc(a, 200 * 1024);  /* larger than a block */
    assert_non_null(big);
    assert_int_equal((uintptr_t)big % 16, 0);
    assert_int_equal(big[200 * 1024 - 1], 0);
    zw_arena_drop(a);
}

static void test_reset(void **state) {
    (void)state;
    zw_arena *a = zw_arena_new();
    zw_arena_reset(a);                          /* nothing allocated yet: harmless */
    for (int i = 0; i < 100; i++) assert_non_null(zw_arena_alloc(a, 4000));
    assert_true(zw_arena_used(a) >= 400000);
    zw_arena_reset(a);
    assert_int_equal(zw_arena_used(a), 0);
    char *p = zw_arena_alloc(a, 64);
    assert_non_null(p);
    for (int i = 0; i < 64; i++) assert_int_equal(p[i], 0);   /* zeroed again after reuse */
    assert_string_equal(zw_arena_strndup(a, "reused", 6), "reused");
    zw_arena_drop(a);
}

/* Strings have blocks of their own: one between two aligned allocations costs no padding. */
static void test_strings_leave_no_padding(void **state) {
    (void)state;
    zw_arena *a = zw_arena_new();
    char *x = zw_arena_alloc(a, 32);
    assert_string_equal(zw_arena_strndup(a, "abc", 3), "abc");
    char *y = zw_arena_alloc(a, 32);
    assert_ptr_equal(y, x + 32);
    assert_int_equal(zw_arena_used(a), 32 + 4 + 32);
    zw_arena_reset(a);
    assert_string_equal(zw_arena_printf(a, "%d", 42), "42");
    zw_arena_drop(a);
}

static void test_out_of_memory_is_sticky(void **state) {
    (void)state;
    zw_arena *a = zw_arena_new();
    assert_null(zw_arena_alloc(a, SIZE_MAX - 8));
    assert_true(zw_arena_failed(a));
    assert_null(zw_arena_strndup(a, "x", 1));
    zw_arena_reset(a);
    assert_true(zw_arena_failed(a));            /* reset keeps the flag: the failure is still reported */
    zw_arena_drop(a);
}

/* zw_grow makes room for element n, doubling from 32; zw_reserve takes exactly what a larger request
 * asks; both leave the array as it was when they fail. */
static void test_grow(void **state) {
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    assert_true(zw_grow((void **)&a, &cap, 0, sizeof *a));
    assert_int_equal(cap, 32);
    for (int i = 0; i < 32; i++) a[i] = i;
    assert_true(zw_grow((void **)&a, &cap, 31, sizeof *a));
    assert_int_equal(cap, 32);   /* room already */
    assert_true(zw_grow((void **)&a, &cap, 32, sizeof *a));
    assert_int_equal(cap, 64);
    for (int i = 32; i < 64; i++) a[i] = i;
    assert_true(zw_grow((void **)&a, &cap, 1000, sizeof *a));   /* far past the end: exactly n + 1 */
    assert_int_equal(cap, 1001);
    assert_true(zw_reserve((void **)&a, &cap, 1002, sizeof *a));   /* one more: doubled */
    assert_int_equal(cap, 2002);
    int *before = a;
    size_t cap_before = cap;
    zw_fail_alloc_after(1);
    assert_false(zw_grow((void **)&a, &cap, cap, sizeof *a));
    zw_fail_alloc_after(0);
    assert_ptr_equal(a, before);
    assert_int_equal(cap, cap_before);
    assert_int_equal(a[63], 63);
    free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_after_strings),
        cmocka_unit_test(test_reset), cmocka_unit_test(test_strings_leave_no_padding),
        cmocka_unit_test(test_out_of_memory_is_sticky),
        cmocka_unit_test(test_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
