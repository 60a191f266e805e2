/* zw_arena.h — per-document bump allocator.
 *
 * Everything that lives as long as one document (value tree, model, strings, lines) is allocated here
 * and freed at once by zw_arena_drop.  Out of memory is sticky: an allocation that fails returns NULL and
 * sets a flag that the caller turns into one error at the boundary (SQLite's habit). */
#ifndef ZW_ARENA_H
#define ZW_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct zw_arena zw_arena;

zw_arena *zw_arena_new(void);                   /* NULL when out of memory; free with zw_arena_drop */
void zw_arena_drop(zw_arena *a);                /* frees every block; NULL is fine */
void zw_arena_reset(zw_arena *a);               /* forget every allocation, keeping a block (and a string block) for reuse */
void *zw_arena_alloc(zw_arena *a, size_t n);    /* zeroed, 16-byte aligned; NULL (and sticky flag) on OOM */
void *zw_arena_take(zw_arena *a, size_t n);     /* the same, not zeroed: for arrays filled at once */
void *zw_arena_grow(zw_arena *a, void *old, size_t old_n, size_t new_n); /* copy to a larger block */
char *zw_arena_strndup(zw_arena *a, const char *s, size_t n); /* NUL-terminated copy of n bytes (unaligned) */
char *zw_arena_chars(zw_arena *a, size_t n);    /* n bytes for text: unaligned, not zeroed */
char *zw_arena_printf(zw_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool zw_arena_failed(const zw_arena *a);        /* true once any allocation failed */
size_t zw_arena_used(const zw_arena *a);        /* bytes handed out, for benchmarks */

/* Fault injection for tests: the Nth allocation from now on (1-based) in every arena and every
 * zw_xmalloc fails (only that one: later ones succeed again); 0 switches it off.  Process-wide test
 * hook, not used by the program itself (tests/unit/test_oom.c). */
void zw_fail_alloc_after(long n);
long zw_fail_alloc_pending(void);               /* allocations left before the failure; 0 once it fired */
void *zw_xmalloc(size_t n);                     /* malloc honouring the fault-injection hook */
void *zw_xrealloc(void *p, size_t n);           /* realloc honouring the fault-injection hook */

/* Room for `need` elements of `size` bytes in the malloc'd array *arr (*cap allocated): the one way
 * every growing array of the program grows, doubling when pushed one at a time (from 32) and taking
 * exactly what a larger request asks; false when out of memory (the array is then unchanged). */
bool zw_reserve(void **arr, size_t *cap, size_t need, size_t size);

/* Room for element n (a push): zw_reserve of n + 1. */
static inline bool zw_grow(void **arr, size_t *cap, size_t n, size_t size) {
    return n < *cap || zw_reserve(arr, cap, n + 1, size);
}

#endif
