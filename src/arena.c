/* arena.c — per-document bump allocator with a sticky out-of-memory flag and a fault-injection hook.
 *
 * Strings (byte-aligned) come from blocks of their own, so they never leave padding before the next
 * 16-byte-aligned allocation: a 3 000-page document's model alternates the two some 400 000 times. */
#include "zw_arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZW_ARENA_BLOCK (64 * 1024) /* default block payload */

typedef struct zw_block_hdr {
    struct zw_block_hdr *next; /* previous block in the chain */
    size_t size;               /* payload bytes */
    size_t used;               /* payload bytes handed out */
    max_align_t align[];       /* payload follows */
} zw_block_hdr;

struct zw_arena {
    zw_block_hdr *head; /* current block for aligned allocations, newest first */
    zw_block_hdr *strs; /* current block for strings (alignment 1), newest first */
    size_t used;        /* total bytes handed out */
    bool failed;        /* an allocation failed */
};

/* Fault injection: countdown of allocations until one fails (0 = off), and a count of all of them.
 * Process-wide test hooks only; the program never sets them. */
static long fail_countdown;

void zw_fail_alloc_after(long n) { fail_countdown = n; }

long zw_fail_alloc_pending(void) { return fail_countdown; }

static bool injected_failure(void) {
    if (fail_countdown <= 0) return false;
    return --fail_countdown == 0;
}

void *zw_xmalloc(size_t n) { return injected_failure() ? NULL : malloc(n ? n : 1); }

void *zw_xrealloc(void *p, size_t n) { return injected_failure() ? NULL : realloc(p, n ? n : 1); }

zw_arena *zw_arena_new(void) {
    zw_arena *a = zw_xmalloc(sizeof *a);
    if (a) memset(a, 0, sizeof *a);
    return a;
}

bool zw_reserve(void **arr, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t c = *cap > SIZE_MAX / 2 ? SIZE_MAX : *cap * 2;   /* doubling when pushed one at a time, */
    if (c < 32) c = 32;
    if (c < need) c = need;                                  /* exactly what a larger request asks */
    if (c > SIZE_MAX / size) return false;
    void *p = zw_xrealloc(*arr, c * size);
    if (!p) return false;
    *arr = p;
    *cap = c;
    return true;
}

static void free_chain(zw_block_hdr *b) {
    for (zw_block_hdr *next; b; b = next) {
        next = b->next;
        free(b);
    }
}

void zw_arena_drop(zw_arena *a) {
    if (!a) return;
    free_chain(a->head);
    free_chain(a->strs);
    free(a);
}

static bool add_block(zw_block_hdr **head, size_t need) {
    size_t size = need > ZW_ARENA_BLOCK ? need : ZW_ARENA_BLOCK;
    zw_block_hdr *b = zw_xmalloc(sizeof *b + size);
    if (!b) return false;
    b->next = *head;
    b->size = size;
    b->used = 0;
    *head = b;
    return true;
}

/* n bytes at the next multiple of `align` (16, or 1 for strings, which have blocks of their own) in the
 * current block, or a new one. */
static void *take(zw_arena *a, size_t n, size_t align) {
    if (!a || a->failed) return NULL;
    if (n > SIZE_MAX - 16) { a->failed = true; return NULL; }
    zw_block_hdr **head = align == 1 ? &a->strs : &a->head;
    size_t at = *head ? ((*head)->used + align - 1) & ~(align - 1) : 0;
    if (!*head || at > (*head)->size || (*head)->size - at < n) {
        if (!add_block(head, n)) { a->failed = true; return NULL; }
        at = 0;
    }
    zw_block_hdr *b = *head;
    void *p = (char *)b->align + at;
    a->used += n + (at - b->used);
    b->used = at + n;
    return p;
}

void *zw_arena_alloc(zw_arena *a, size_t n) {
    void *p = take(a, n, 16);
    if (p) memset(p, 0, n);
    return p;
}

void *zw_arena_take(zw_arena *a, size_t n) { return take(a, n, 16); }

/* Free every block of a chain but its newest, and empty that one. */
static void keep_one(zw_block_hdr *head) {
    if (!head) return;
    free_chain(head->next);
    head->next = NULL;
    head->used = 0;
}

void zw_arena_reset(zw_arena *a) {
    if (!a) return;
    keep_one(a->head);
    keep_one(a->strs);
    a->used = 0;
}

void *zw_arena_grow(zw_arena *a, void *old, size_t old_n, size_t new_n) {
    void *p = zw_arena_alloc(a, new_n);
    if (p && old && old_n) memcpy(p, old, old_n < new_n ? old_n : new_n);
    return p;
}

char *zw_arena_chars(zw_arena *a, size_t n) { return take(a, n, 1); }

char *zw_arena_strndup(zw_arena *a, const char *s, size_t n) {
    char *p = take(a, n + 1, 1);   /* strings need no alignment: no padding to 16 bytes */
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *zw_arena_printf(zw_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = take(a, (size_t)n + 1, 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

bool zw_arena_failed(const zw_arena *a) { return !a || a->failed; }

size_t zw_arena_used(const zw_arena *a) { return a ? a->used : 0; }
