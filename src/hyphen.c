/* hyphen.c — Dutch hyphenation (zw_hyphen.h) over libhyphen and the hyphen-nl patterns.
 *
 * A word is split into letter runs: explicit hyphens and punctuation separate runs and are never
 * reported as breaks ("Wmo-voorzieningen", "(kosten)effectiviteit").  Each run is lowercased to Latin-1
 * (the .dic is ISO-8859-1), looked up in the exception list or hyphenated by hnj_hyphen_hyphenate3 with
 * explicit minimums, and the break positions are mapped back to UTF-8 byte offsets of the original word.
 * Words with digits, words in capitals and words with letters outside Latin-1 are not hyphenated.  The
 * Dutch trema rule (ge-ëvalueerd → ge- / evalueerd) is flagged per break.  Results are cached per word.
 * The patterns come compiled at build time when the dictionary is the one they were compiled from
 * (hyphen_tables.h: libhyphen's own state machine, saved as C data), and are loaded otherwise. */
#include "zw_hyphen.h"

#include <errno.h>
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphen_tables.h"
#include "zw_arena.h"
#include "zw_utf8.h"

/* A cached result or an exception: key bytes, then break data, in one allocation. */
typedef struct hy_entry {
    size_t klen;     /* key length in bytes */
    size_t n;        /* breaks */
    size_t *at;      /* n break offsets (UTF-8 bytes for the cache, Latin-1 chars for exceptions) */
    bool *trema;     /* n trema flags (cache only; unused for exceptions) */
    char key[];      /* klen key bytes (word for the cache, lowercase Latin-1 letters for exceptions) */
} hy_entry;

/* Open-addressing hash of owned entries keyed by bytes. */
typedef struct hy_map {
    hy_entry **slots; /* cap slots, NULL = empty */
    size_t cap;       /* power of two, 0 = not allocated */
    size_t n;         /* used slots */
} hy_map;

struct zw_hyphenator {
    HyphenDict *dict;   /* libhyphen patterns */
    bool compiled;      /* dict is the tables compiled at build time (hyphen_tables.h): not ours to free */
    int left_min;       /* minimum characters before a break */
    int right_min;      /* minimum characters after a break */
    hy_map cache;       /* word bytes → breaks */
    hy_map except;      /* lowercase Latin-1 run → break character positions */
    /* scratch for one word, grown as needed */
    char *lat;          /* Latin-1 lowercase letters of the word */
    size_t *off;        /* byte offset in the word of each Latin-1 character, plus one past the end */
    char *hy;           /* libhyphen's hyphens vector */
    char *run;          /* one letter run, NUL-terminated, as libhyphen gets it */
    size_t *at;         /* breaks found */
    bool *trema;        /* trema flags found */
    size_t scratch_cap; /* characters the scratch arrays hold */
};

/* ---- hash map ---- */

static size_t hash_bytes(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return (size_t)(h ^ h >> 29);
}

static hy_entry *map_find(const hy_map *m, const char *key, size_t klen) {
    if (!m->cap) return NULL;
    for (size_t i = hash_bytes(key, klen) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        hy_entry *e = m->slots[i];
        if (!e) return NULL;
        if (e->klen == klen && memcmp(e->key, key, klen) == 0) return e;
    }
}

static void map_place(hy_entry **slots, size_t cap, hy_entry *e) {
    size_t i = hash_bytes(e->key, e->klen) & (cap - 1);
    while (slots[i]) i = (i + 1) & (cap - 1);
    slots[i] = e;
}

/* Insert (replacing an equal key); takes ownership of e, frees it when out of memory. */
static void map_put(hy_map *m, hy_entry *e) {
    hy_entry *old = map_find(m, e->key, e->klen);
    if (old) {
        for (size_t i = 0;; i++)
            if (m->slots[i] == old) { free(old); m->slots[i] = e; return; }
    }
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        hy_entry **s = zw_xmalloc(cap * sizeof *s);
        if (!s) { free(e); return; }
        memset(s, 0, cap * sizeof *s);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i]) map_place(s, cap, m->slots[i]);
        free(m->slots);
        m->slots = s;
        m->cap = cap;
    }
    map_place(m->slots, m->cap, e);
    m->n++;
}

static void map_clear(hy_map *m) {
    for (size_t i = 0; i < m->cap; i++) free(m->slots[i]);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* A new entry with room for n breaks; NULL when out of memory. */
static hy_entry *entry_new(const char *key, size_t klen, size_t n) {
    size_t head = sizeof(hy_entry) + klen;
    head = (head + _Alignof(size_t) - 1) / _Alignof(size_t) * _Alignof(size_t);
    hy_entry *e = zw_xmalloc(head + n * (sizeof(size_t) + sizeof(bool)));
    if (!e) return NULL;
    e->klen = klen;
    e->n = n;
    memcpy(e->key, key, klen);
    e->at = (size_t *)(void *)((char *)e + head);
    e->trema = (bool *)(e->at + n);
    return e;
}

/* ---- characters ---- */

static bool is_letter(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7);
}
static bool is_upper(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }
static unsigned char lower(uint32_t c) { return (unsigned char)(is_upper(c) ? c + 0x20 : c); }

static bool is_vowel(unsigned char c) {
    return c && (strchr("aeiouy", c) || (c >= 0xE0 && !strchr("\xE7\xF0\xF1\xF7\xFE", c)));
}
static bool has_trema(unsigned char c) { return c && strchr("\xE4\xEB\xEF\xF6\xFC", c); }

/* ---- hyphenator ---- */

bool zw_hyphenator_compiled(const zw_hyphenator *h) { return h->compiled; }

/* The tables compiled at build time when they were made from this very file (fp, opened at path): the
 * same path, size and bytes (FNV-1a, as hyphgen hashes them).  NULL otherwise. */
static HyphenDict *compiled_dict(FILE *fp, const char *path) {
    const zw_hyph_tables *t = &zw_hyph_tables_nl;
    if (!t->dict || strcmp(t->path, path) != 0) return NULL;
    uint64_t h = 1469598103934665603ULL;
    unsigned long size = 0;
    unsigned char buf[16384];
    for (size_t n; (n = fread(buf, 1, sizeof buf, fp)) > 0; size += n)
        for (size_t i = 0; i < n; i++) h = (h ^ buf[i]) * 1099511628211ULL;
    return !ferror(fp) && size == t->size && h == t->hash ? t->dict : NULL;
}

zw_hyphenator *zw_hyphenator_new(zw_diags *d, const char *dict_path, int left_min, int right_min) {
    FILE *fp = fopen(dict_path, "rb");
    if (!fp) {
        zw_diag(d, ZW_ERROR, ZW_NOPOS, "cannot read hyphenation dictionary '%s': %s", dict_path, strerror(errno));
        return NULL;
    }
    HyphenDict *dict = compiled_dict(fp, dict_path);
    bool compiled = dict != NULL;
    if (!compiled) {   /* another or a changed dictionary: libhyphen compiles it now */
        rewind(fp);
        dict = hnj_hyphen_load_file(fp);
    }
    fclose(fp);
    if (!dict) {
        zw_diag(d, ZW_ERROR, ZW_NOPOS, "cannot load hyphenation dictionary '%s'", dict_path);
        return NULL;
    }
    zw_hyphenator *h = zw_xmalloc(sizeof *h);
    if (!h) {
        if (!compiled) hnj_hyphen_free(dict);
        zw_diag(d, ZW_ERROR, ZW_NOPOS, "out of memory loading hyphenation dictionary '%s'", dict_path);
        return NULL;
    }
    memset(h, 0, sizeof *h);
    h->dict = dict;
    h->compiled = compiled;
    h->left_min = left_min > 0 ? left_min : 2;
    h->right_min = right_min > 0 ? right_min : 3;
    return h;
}

void zw_hyphenator_drop(zw_hyphenator *h) {
    if (!h) return;
    if (!h->compiled) hnj_hyphen_free(h->dict);
    map_clear(&h->cache);
    map_clear(&h->except);
    free(h->lat); free(h->off); free(h->hy); free(h->run); free(h->at); free(h->trema);
    free(h);
}

/* Make the scratch arrays hold n characters; false when out of memory. */
static bool scratch(zw_hyphenator *h, size_t n) {
    if (n <= h->scratch_cap) return true;
    size_t cap = n < 64 ? 64 : n * 2;
    char *lat = zw_xrealloc(h->lat, cap);
    if (lat) h->lat = lat;
    size_t *off = zw_xrealloc(h->off, (cap + 1) * sizeof *off);
    if (off) h->off = off;
    char *hy = zw_xrealloc(h->hy, cap + 5);
    if (hy) h->hy = hy;
    char *run = zw_xrealloc(h->run, cap + 1);
    if (run) h->run = run;
    size_t *at = zw_xrealloc(h->at, cap * sizeof *at);
    if (at) h->at = at;
    bool *tr = zw_xrealloc(h->trema, cap * sizeof *tr);
    if (tr) h->trema = tr;
    if (!lat || !off || !hy || !run || !at || !tr) return false;
    h->scratch_cap = cap;
    return true;
}

void zw_hyphenator_except(zw_hyphenator *h, const char *pattern) {
    size_t len = strlen(pattern);
    if (!h || !scratch(h, len + 1)) return;
    const char *s = pattern, *end = pattern + len;
    size_t n = 0, nb = 0;
    while (s < end) {
        uint32_t c = zw_utf8_next(&s, end);
        if (c == '-') {
            if (n > 0 && (nb == 0 || h->at[nb - 1] != n)) h->at[nb++] = n;
            continue;
        }
        if (!is_letter(c)) return; /* only letters and hyphens make an exception */
        h->lat[n++] = (char)lower(c);
    }
    if (nb && h->at[nb - 1] == n) nb--; /* trailing hyphen */
    hy_entry *e = entry_new(h->lat, n, nb);
    if (!e) return;
    memcpy(e->at, h->at, nb * sizeof *e->at);
    memset(e->trema, 0, nb);
    map_put(&h->except, e);
    map_clear(&h->cache); /* cached words may now hyphenate differently */
}

/* Hyphenate the letter run lat[a..b) (character indices into h->lat / h->off), appending breaks. */
static void hyphenate_run(zw_hyphenator *h, size_t a, size_t b, size_t *nb) {
    size_t n = b - a;
    if (n < (size_t)(h->left_min + h->right_min)) return;
    const char *w = h->lat + a;
    bool lowercase = false;
    for (size_t i = 0; i < n; i++)
        if (!is_upper((unsigned char)w[i])) lowercase = true;
    if (!lowercase) return; /* abbreviation or code in capitals */
    char *key = h->run;
    for (size_t i = 0; i < n; i++) key[i] = (char)lower((unsigned char)w[i]);
    key[n] = 0;
    hy_entry *ex = map_find(&h->except, key, n);
    char *hy = h->hy;
    memset(hy, '0', n + 5);
    if (ex) {
        for (size_t k = 0; k < ex->n; k++) hy[ex->at[k] - 1] = '1';
    } else {
        char **rep = NULL;
        int *pos = NULL, *cut = NULL;
        if (hnj_hyphen_hyphenate3(h->dict, key, (int)n, hy, NULL, &rep, &pos, &cut, h->left_min,
                                  h->right_min, h->left_min, h->right_min) != 0)
            memset(hy, '0', n);
        if (rep) { /* non-standard breaks (none in hyphen-nl) are ignored */
            for (size_t i = 0; i < n; i++)
                if (rep[i]) { hy[i] = '0'; free(rep[i]); }
            free(rep); free(pos); free(cut);
        }
    }
    for (size_t i = (size_t)h->left_min; i + (size_t)h->right_min <= n; i++) {
        if (!(hy[i - 1] & 1)) continue; /* hy[i-1] odd: break after character i-1 */
        unsigned char before = (unsigned char)key[i - 1], after = (unsigned char)key[i];
        h->at[*nb] = h->off[a + i];
        h->trema[*nb] = has_trema(after) && is_vowel(before);
        (*nb)++;
    }
}

/* Compute the breaks of a word into h->at / h->trema; returns how many. */
static size_t compute(zw_hyphenator *h, const char *word, size_t len) {
    if (!scratch(h, len + 1)) return 0;
    const char *s = word, *end = word + len;
    size_t n = 0;        /* Latin-1 characters so far (letters and separators alike) */
    bool any_lower = false;
    while (s < end) {
        size_t o = (size_t)(s - word);
        uint32_t c = zw_utf8_next(&s, end);
        if (c >= '0' && c <= '9') return 0;                 /* numbers, codes, "3.1.1" */
        if (c > 0xFF && !(c >= 0x2000 && c <= 0x206F)) return 0; /* outside Latin-1 (punctuation excepted) */
        if (is_letter(c) && !is_upper(c)) any_lower = true;
        h->off[n] = o;
        h->lat[n++] = is_letter(c) ? (char)c : 0;          /* 0 marks a separator */
    }
    h->off[n] = len;
    if (!any_lower) return 0;                              /* all capitals */
    size_t nb = 0;
    for (size_t i = 0; i < n;) {
        if (!h->lat[i]) { i++; continue; }
        size_t j = i;
        while (j < n && h->lat[j]) j++;
        hyphenate_run(h, i, j, &nb);
        i = j;
    }
    return nb;
}

size_t zw_hyphenate(zw_hyphenator *h, const char *word, size_t len, size_t *at, bool *trema, size_t max) {
    if (!h || !len) return 0;
    hy_entry *e = map_find(&h->cache, word, len);
    if (!e) {
        size_t nb = compute(h, word, len);
        size_t k = nb < max ? nb : max;
        if (k) memcpy(at, h->at, k * sizeof *at);   /* h->at may still be NULL after out of memory */
        if (k && trema) memcpy(trema, h->trema, k * sizeof *trema);
        e = entry_new(word, len, nb);
        if (e) { /* out of memory only costs the caching */
            if (nb) memcpy(e->at, h->at, nb * sizeof *e->at);
            if (nb) memcpy(e->trema, h->trema, nb * sizeof *e->trema);
            map_put(&h->cache, e);
        }
        return k;
    }
    size_t k = e->n < max ? e->n : max;
    if (k) memcpy(at, e->at, k * sizeof *at);
    if (k && trema) memcpy(trema, e->trema, k * sizeof *trema);
    return k;
}
