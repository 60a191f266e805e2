/* text.c — the paragraph setter (zw_text.h): inline spans → Knuth–Plass items → lines of fragments.
 *
 * Three steps.  (1) Words: the spans are cut into words at spaces; a word is a list of pieces (slices of
 * one span each, so "**Sub**doel" is two pieces of one word) and footnote marks.  Between words sits a
 * separator: a breakable space, a non-breaking space (U+00A0, a space before a mark, or one of the Dutch
 * rules below), or a forced break.  (2) Items: each word becomes boxes with penalties at its hyphenation
 * points (flagged, 50, width of "-"), after explicit hyphens (flagged, 50, width 0) and, for a word that
 * cannot fit the measure otherwise, between characters (emergency, with a warning).  Interword glue is
 * the face's space with stretch 1/2 and shrink 1/3 of it.  (3) Lines: zw_linebreak chooses the breaks and
 * every box becomes a fragment at its x position.  The setter's scratch caches widths and whole words
 * (breaks and box widths) across paragraphs, and a paragraph that fits its first line skips step 3's
 * line breaker (one_line).
 *
 * Ragged alignments (left, right, centre) use TeX's \raggedright construction from Knuth & Plass: every
 * space is glue(0, +R) penalty(0) glue(space, -R) and every in-word break is penalty(inf) glue(0, +R)
 * penalty(p) glue(0, -R), with R = 3 em, so interword spaces keep their width and only line ends
 * stretch — total fit then balances the ragged edge instead of filling lines greedily.
 *
 * Dutch non-breaking rules: no break between "€" and a number, between a number and "%" or a unit word
 * (miljard, miljoen, euro, procent, jaar, dagen, …), nor between a code like "2.1.1" and a following
 * "-" or "–".  They become a penalty(inf) before the interword glue. */
#include "zw_text.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zw_utf8.h"

#define RAGGED_EM 3.0          /* ragged line-end stretch, in em */
#define MAX_WORD_BREAKS 64     /* hyphenation points asked per word */
/* The penalty of a break inside a justified paragraph's last word: its demerits (25 million) are more
 * than any line within the tolerance costs (a line at the tolerance's ratio 2 costs 810²), so the last
 * word is broken only when the paragraph cannot be set within the tolerance otherwise — better than a line
 * stretched far beyond it ("… een digitaal | vrijwilligerscoördinatiepunt" at ratio 8.6). */
#define LAST_WORD_PENALTY 5000.0

/* ---- step 1: words ---------------------------------------------------------------------------- */

/* A slice of one span (or a footnote mark) inside a word. */
typedef struct piece {
    const zw_span *span; /* the span it comes from */
    const char *text;    /* slice start (span text, or the mark's number in the arena) */
    size_t len;          /* bytes */
    bool mark;           /* a footnote mark (not part of the word's plain text) */
    bool digit;          /* its text has an ASCII digit */
    size_t plain;        /* offset of this piece in the word's plain text */
} piece;

typedef enum sep_kind { SEP_END, SEP_SPACE, SEP_NBSPACE, SEP_BREAK } sep_kind;

typedef struct word {
    size_t first, n;     /* its pieces in the piece array */
    sep_kind sep;        /* what follows it */
    size_t poff, plen;   /* its plain text (marks left out) in words.plain */
    const char *ptext;   /* that text: its one piece's own, or in words.plain (set by plain_texts) */
    bool digit;          /* that text has an ASCII digit (set by plain_texts) */
} word;

/* The words of one text, malloc'd arrays. */
typedef struct words {
    piece *p;
    size_t np, capp;
    word *w;
    size_t nw, capw;
    bool open;           /* the last word still takes pieces */
    char *plain;         /* every word's plain text, one after the other (not NUL-terminated) */
    size_t nplain, capplain;
} words;


/* End the open word with a separator; with no open word, strengthen the previous one's. */
static void end_word(words *ws, sep_kind sep) {
    if (ws->nw == 0) return;
    word *w = &ws->w[ws->nw - 1];
    if (ws->open || sep > w->sep) w->sep = sep;
    ws->open = false;
}

__attribute__((always_inline)) static inline bool add_piece(words *ws, const zw_span *sp, const char *text,
                                                            size_t len, bool mark, bool digit) {
    if (!ws->open) {
        if (!zw_reserve((void **)&ws->w, &ws->capw, ws->nw + 1, sizeof(word))) return false;
        ws->w[ws->nw++] = (word){ws->np, 0, SEP_END, 0, 0, NULL, false};
        ws->open = true;
    }
    word *w = &ws->w[ws->nw - 1];
    piece *last = w->n ? &ws->p[ws->np - 1] : NULL;
    if (last && !mark && !last->mark && last->span == sp && last->text + last->len == text) {
        last->len += len; /* extend the slice */
        last->digit |= digit;
        return true;
    }
    if (!zw_reserve((void **)&ws->p, &ws->capp, ws->np + 1, sizeof(piece))) return false;
    ws->p[ws->np++] = (piece){sp, text, len, mark, digit, 0};
    w->n++;
    return true;
}

/* Cut a text span at its separators; each run of other characters is added as one slice, noting whether
 * it has a digit.  The separators are found byte by byte: a space, tab or newline is one ASCII byte and
 * U+00A0 is C2 A0, and neither byte can be the continuation of another character, so no decoding is
 * needed. */
static bool scan_text(words *ws, const zw_span *sp) {
    const char *end = sp->text + sp->len, *run = sp->text;
    bool digit = false;
    for (const char *s = sp->text; s < end; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch > '9' && ch != 0xC2) continue;   /* most bytes: no space, digit or start of U+00A0 */
        if (ch >= '0' && ch <= '9') { digit = true; continue; }
        bool space = ch == ' ' || ch == '\t' || ch == '\n';
        if (!space && !(ch == 0xC2 && s + 1 < end && (unsigned char)s[1] == 0xA0)) continue;
        if (s > run && !add_piece(ws, sp, run, (size_t)(s - run), false, digit)) return false;
        end_word(ws, space ? SEP_SPACE : SEP_NBSPACE);
        if (!space) s++;
        run = s + 1;
        digit = false;
    }
    return end > run ? add_piece(ws, sp, run, (size_t)(end - run), false, digit) : true;
}

static bool scan_words(const zw_setter *s, const zw_text *t, words *ws) {
    for (size_t i = 0; i < t->n; i++) {
        const zw_span *sp = &t->spans[i];
        if (sp->kind == ZW_SPAN_TEXT || sp->kind == ZW_SPAN_REF || sp->kind == ZW_SPAN_PAGE_REF) {
            if (!scan_text(ws, sp)) return false;   /* (a reference's text: what layout made it print) */
        } else if (sp->kind == ZW_SPAN_BREAK) {
            end_word(ws, SEP_BREAK);
        } else { /* a mark never starts a line: a space before it does not break */
            if (!ws->open && ws->nw && ws->w[ws->nw - 1].sep == SEP_SPACE) ws->w[ws->nw - 1].sep = SEP_NBSPACE;
            const char *num = sp->note && s->mark ? s->mark(s->mark_ctx, sp->note) : NULL;
            if (!num) num = "?";   /* not numbered: never by layout, which numbers every mark first */
            if (!num || !add_piece(ws, sp, num, strlen(num), true, false)) return false;
        }
    }
    end_word(ws, SEP_END);
    if (ws->nw) ws->w[ws->nw - 1].sep = SEP_END;
    return true;
}

/* Gather each word's plain text and each piece's offset in it.  A word of one text piece (most words)
 * is its own plain text: it is not copied. */
static bool plain_texts(words *ws) {
    for (size_t i = 0; i < ws->nw; i++) {
        word *w = &ws->w[i];
        w->poff = ws->nplain;
        if (w->n == 1 && !ws->p[w->first].mark) {
            ws->p[w->first].plain = 0;
            w->plen = ws->p[w->first].len;
            w->ptext = ws->p[w->first].text;
            w->digit = ws->p[w->first].digit;
            continue;
        }
        w->ptext = NULL;
        w->digit = false;
        for (size_t k = w->first; k < w->first + w->n; k++) {
            piece *pc = &ws->p[k];
            pc->plain = ws->nplain - w->poff;
            if (pc->mark) continue;
            w->digit |= pc->digit;
            if (!zw_reserve((void **)&ws->plain, &ws->capplain, ws->nplain + pc->len, 1)) return false;
            memcpy(ws->plain + ws->nplain, pc->text, pc->len);
            ws->nplain += pc->len;
        }
        w->plen = ws->nplain - w->poff;
    }
    for (size_t i = 0; i < ws->nw; i++)   /* now that ws->plain has stopped moving */
        if (!ws->w[i].ptext) ws->w[i].ptext = ws->plain ? ws->plain + ws->w[i].poff : "";
    return true;
}

static void words_free(words *ws) {
    free(ws->p);
    free(ws->w);
    free(ws->plain);
}

/* Empty the words for the next text, keeping their buffers. */
static void words_reset(words *ws) {
    ws->np = ws->nw = ws->nplain = 0;
    ws->open = false;
}

/* ---- Dutch non-breaking rules over the plain text of two neighbouring words -------------------- */

static bool is_number(const char *s, size_t n) {
    bool digit = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) digit = true;
        else if (c != '.' && c != ',' && !(i == 0 && (c == '-' || c == '+'))) return false;
    }
    return digit;
}

static bool is_code(const char *s, size_t n) { /* 3.1, 2.1.1 */
    return n >= 3 && isdigit((unsigned char)s[0]) && memchr(s, '.', n) && is_number(s, n);
}

static bool is_unit_word(const char *s, size_t n) {
    static const char *const units[] = {"miljard", "miljoen", "euro", "procent", "jaar", "dagen", "maanden",
                                        "weken", "uur", "mld", "mln", "fte", "%", NULL};
    while (n && strchr(".,;:)!?", s[n - 1])) n--; /* trailing punctuation */
    if (n && s[0] == '%') return true;
    for (size_t i = 0; units[i]; i++) {
        size_t k = strlen(units[i]);
        if (k != n) continue;
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[j]) == units[i][j]) j++;
        if (j == k) return true;
    }
    return false;
}

/* An elision ’t, ’s, ’n (or with '): it belongs to the word after it and never ends a line. */
static bool is_elision(const char *s, size_t n) {
    size_t k = n && s[0] == '\'' ? 1 : n >= 3 && !memcmp(s, "\xE2\x80\x99", 3) ? 3 : 0;
    if (!k || n - k < 1 || n - k > 2) return false;
    for (size_t i = k; i < n; i++)
        if (!isalpha((unsigned char)s[i])) return false;
    return true;
}

/* Whether words a and b (a_digit: a has a digit, as every number has) stay on one line. */
static bool keep_together(const char *a, size_t an, bool a_digit, const char *b, size_t bn) {
    if (an == 0 || bn == 0) return false;
    if (!a_digit && is_elision(a, an)) return true;
    if (an >= 3 && memcmp(a + an - 3, "\xE2\x82\xAC", 3) == 0 && isdigit((unsigned char)b[0])) return true;
    if (a_digit && is_number(a, an) && is_unit_word(b, bn)) return true;
    bool dash = (bn == 1 && b[0] == '-') || (bn == 3 && memcmp(b, "\xE2\x80\x93", 3) == 0);
    return dash && is_code(a, an);
}

/* ---- step 2: items ---------------------------------------------------------------------------- */

enum { R_NONE, R_WORD, R_RAGGED, R_HYPH, R_EXPLICIT, R_EMERG };

/* What an item stands for, beside its zw_item. */
typedef struct meta {
    int role;            /* glue: R_WORD (interword) or R_RAGGED; penalty: R_HYPH, R_EXPLICIT, R_EMERG */
    bool trema;          /* penalty: the box after it drops its trema when the line breaks here */
    bool jk_known;       /* box: jk holds its join_kern with the box before it (in its own text) */
    const piece *pc;     /* box: its piece */
    const char *text;    /* box: slice of the piece's text */
    size_t len;
    const char *alt;     /* box: text when a line starts here after a trema break (arena), else NULL */
    size_t alt_len;
    double alt_w;
    double jk;
} meta;

/* Widths already measured: (face, size, text) → width, so a word met again (in the next paragraph, or
 * in a table cell set after its column was sized) costs a hash instead of a walk through the font. */
#define WCACHE_SLOTS 8192      /* power of two; emptied when three quarters full */
#define WCACHE_KEY 24          /* longer slices are not cached */

typedef struct wslot {
    double size, w;
    uint32_t hash;       /* 0 = empty slot */
    int face;
    unsigned char len;
    char key[WCACHE_KEY];
} wslot;

typedef struct wcache {
    wslot *slots;        /* WCACHE_SLOTS, allocated on first use (NULL: no cache) */
    uint32_t *tags;      /* each slot's hash, in the same block: probing reads these, not the slots */
    size_t used;
} wcache;

/* The width of a character that hangs into the margin (margin kerning), in a face and size. */
struct hslot {
    double size, w;      /* size 0: empty */
    int face;
    uint32_t cp;
};

/* The item list being built, plus what building needs. */
typedef struct build {
    const zw_setter *s;
    const zw_parstyle *st;
    zw_item *it;
    meta *m;
    size_t n, cap;
    bool ragged;
    double limit;        /* narrowest line: longer unbreakable pieces are broken (INFINITY: never) */
    bool oom;
    int space_face;      /* face whose space width is in space_w (-1: none yet) */
    double space_w;
    wcache *wc;          /* the setter's width cache, or NULL */
    struct wicache *wi;  /* the setter's word cache, or NULL */
    double segw[8];      /* widths of the boxes of the word being pushed (the first 8) */
    size_t nseg;
    struct extent *ext;  /* when set, items are not stored but measured here (zw_text_extent) */
    zw_break_params brk; /* the paragraph's breaking parameters: without expansion for ragged text */
    const zw_protrusion *prot; /* margin kerning (justified text only), or NULL */
    bool whole_last;     /* the breaks in a paragraph's last word cost LAST_WORD_PENALTY (justified text) */
    struct hslot hc[8];  /* widths of characters that hang, by code point % 8 */
} build;

/* Min- and max-content width gathered item by item, as the items are made (see extent_of). */
typedef struct extent {
    double run, seg;     /* current unbreakable run, current forced-break segment */
    double min_w, max_w;
    zw_item_kind prev;   /* kind of the item before */
    size_t n;            /* items seen */
} extent;

/* One more item of the text: the running sums of extent_of, in its order. */
static void extent_add(extent *e, const zw_item *it) {
    bool pen = it->kind == ZW_PENALTY;
    bool legal = (pen && it->penalty < ZW_INF_PENALTY) || (it->kind == ZW_GLUE && e->n > 0 && e->prev == ZW_BOX);
    if (!pen) e->seg += it->width;
    if (legal) {
        double w = e->run + (pen ? it->width : 0);
        if (w > e->min_w) e->min_w = w;
        e->run = 0;
    } else if (!pen) {
        e->run += it->width;
    }
    if (pen && it->penalty <= -ZW_INF_PENALTY) {
        if (e->seg > e->max_w) e->max_w = e->seg;
        e->seg = 0;
    }
    e->prev = it->kind;
    e->n++;
}

__attribute__((always_inline)) static inline bool push(build *b, zw_item it, meta m) {
    if (b->oom) return false;
    if (b->ext) { extent_add(b->ext, &it); return true; }
    size_t cap = b->cap;
    if (!zw_reserve((void **)&b->it, &cap, b->n + 1, sizeof(zw_item))) { b->oom = true; return false; }
    if (cap != b->cap) {
        meta *nm = zw_xrealloc(b->m, cap * sizeof(meta));
        if (!nm) { b->oom = true; return false; }
        b->m = nm;
        b->cap = cap;
    }
    b->it[b->n] = it;
    b->m[b->n++] = m;
    return true;
}

static inline void push_glue(build *b, double w, double y, double z, int role, double hang) {
    push(b, (zw_item){ZW_GLUE, w, y, z, 0, false, (float)hang}, (meta){.role = role});
}

static inline void push_penalty(build *b, double w, double p, bool flagged, int role, bool trema, double hang) {
    push(b, (zw_item){ZW_PENALTY, w, 0, 0, p, flagged, (float)hang}, (meta){.role = role, .trema = trema});
}

static int piece_face(const zw_parstyle *st, const piece *pc) { return st->face[pc->span->style & 3]; }

static double piece_size(const zw_parstyle *st, const piece *pc) {
    bool sup = pc->mark || (pc->span->style & ZW_SUP);
    return sup ? st->size * st->sup_scale : st->size;
}

/* A hash of (face, size, text); never 0. */
static uint32_t wcache_hash(int face, double size, const char *s, size_t n) {
    uint64_t bits;
    memcpy(&bits, &size, sizeof bits);
    return zw_key_hash(1469598103934665603ULL ^ (uint64_t)(unsigned)face ^ bits, s, n);
}

/* Whether a and b agree in their first n bytes: memcmp for the short keys of the caches, eight bytes at a
 * time (the last eight overlapping), without a call. */
static inline bool same_bytes(const char *a, const char *b, size_t n) {
    uint64_t x, y;
    if (n >= 8) {
        for (size_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

/* The slots of an open-addressing cache — n slots of `size` bytes, then their n hash tags — allocated on
 * first use and emptied when three quarters full; NULL when they cannot be allocated (no cache). */
static void *cache_room(void **slots, uint32_t **tags, size_t *used, size_t n, size_t size) {
    if (*slots && *used < n / 4 * 3) return *slots;
    size_t bytes = n * (size + sizeof **tags);
    if (!*slots) *slots = zw_xmalloc(bytes);
    if (!*slots) return NULL;
    memset(*slots, 0, bytes);
    *tags = (uint32_t *)(void *)((char *)*slots + n * size);
    *used = 0;
    return *slots;
}

/* The slot holding (face, size, s) or the empty slot where it goes (*hash: the key's hash, for filling
 * it); NULL when the cache is off. */
static wslot *wcache_slot(wcache *wc, int face, double size, const char *s, size_t n, uint32_t *hash) {
    if (!wc || n > WCACHE_KEY) return NULL;
    if (!cache_room((void **)&wc->slots, &wc->tags, &wc->used, WCACHE_SLOTS, sizeof *wc->slots)) return NULL;
    uint32_t h = *hash = wcache_hash(face, size, s, n);
    for (size_t i = h & (WCACHE_SLOTS - 1);; i = (i + 1) & (WCACHE_SLOTS - 1)) {
        if (!wc->tags[i]) return &wc->slots[i];
        if (wc->tags[i] != h) continue;
        wslot *e = &wc->slots[i];
        if (e->face == face && e->size == size && e->len == n && same_bytes(e->key, s, n)) return e;
    }
}

static double measure(const build *b, const piece *pc, const char *s, size_t n) {
    const zw_metrics *mt = b->s->metrics;
    int face = piece_face(b->st, pc);
    double size = piece_size(b->st, pc);
    uint32_t h = 0;
    wslot *e = wcache_slot(b->wc, face, size, s, n, &h);
    if (e && e->hash) return e->w;
    double w = mt->width(mt->ctx, face, size, s, n);
    if (e) {
        *e = (wslot){size, w, h, face, (unsigned char)n, {0}};
        memcpy(e->key, s, n);
        b->wc->tags[e - b->wc->slots] = e->hash;
        b->wc->used++;
    }
    return w;
}

static double em(const build *b) { return b->st->size; }

/* ---- margin kerning: how far a line's first and last characters hang into the margins ---------- */

/* The character ch[0..n) of piece pc (n: at least its bytes) on one side (b->prot->left or ->right): its
 * width times the layout's amount for it. */
static double hang_of(build *b, const piece *pc, const uint16_t *side, const char *ch, size_t n) {
    const char *p = ch;
    uint32_t cp = zw_utf8_next(&p, ch + n);
    int k = zw_protrusion_slot(cp);
    if (k < 0 || !side[k]) return 0;
    int face = piece_face(b->st, pc);
    double size = piece_size(b->st, pc);
    struct hslot *e = &b->hc[cp & 7];   /* a few characters, met again and again */
    if (e->size != size || e->face != face || e->cp != cp) {
        e->w = measure(b, pc, ch, (size_t)(p - ch));
        e->size = size;
        e->face = face;
        e->cp = cp;
    }
    return side[k] * e->w / 1000;
}

/* How far the first character of s[0..n) hangs into the left margin when a line starts with it (most
 * are ASCII letters, which never hang: seen without decoding). */
static inline double left_hang(build *b, const piece *pc, const char *s, size_t n) {
    if (!b->prot || !n || ((unsigned char)s[0] < 0x80 && !b->prot->left[(unsigned char)s[0]])) return 0;
    return hang_of(b, pc, b->prot->left, s, n);
}

/* How far the last character of s[0..n) hangs into the right margin when a line ends with it. */
static double right_hang(build *b, const piece *pc, const char *s, size_t n) {
    if (!b->prot || !n || ((unsigned char)s[n - 1] < 0x80 && !b->prot->right[(unsigned char)s[n - 1]])) return 0;
    const char *p = s + n;
    while (--p > s && ((unsigned char)*p & 0xC0) == 0x80) {}
    return hang_of(b, pc, b->prot->right, p, (size_t)(s + n - p));
}

/* The hang of a line broken inside a word at a break of `role`: the hyphen added after `before`, or the
 * last character of the box just pushed (an explicit hyphen or dash). */
static double break_hang(build *b, int role, const piece *before) {
    if (!b->prot) return 0;
    if (role == R_HYPH) return right_hang(b, before, "-", 1);
    const meta *m = b->n ? &b->m[b->n - 1] : NULL;
    return role == R_EXPLICIT && m && m->pc ? right_hang(b, m->pc, m->text, m->len) : 0;
}

/* A break inside a word: plain, or wrapped for ragged setting so the line end gets the ragged stretch. */
static void push_word_break(build *b, double w, double p, bool flagged, int role, bool trema, double hang) {
    if (!b->ragged) { push_penalty(b, w, p, flagged, role, trema, hang); return; }
    push_penalty(b, 0, ZW_INF_PENALTY, false, R_NONE, false, 0);
    push_glue(b, 0, RAGGED_EM * em(b), 0, R_RAGGED, 0);
    push_penalty(b, w, p, flagged, role, trema, hang);
    push_glue(b, 0, -RAGGED_EM * em(b), 0, R_RAGGED, 0);
}

/* Whether byte c is (part of) a letter or digit (every non-ASCII character counts: the words are Dutch). */
static bool wordish(unsigned char c) { return c >= 0x80 || isalnum(c); }

/* Whether s[0..n) is a word ending in its own hyphen ("alcohol-"): a lone "-" is a dash. */
static bool ends_in_hyphen(const char *s, size_t n) {
    return n >= 2 && s[n - 1] == '-' && wordish((unsigned char)s[n - 2]);
}

/* Separator glue after a word whose last text piece is `pc` (the space's face) and last piece `last`.  A
 * line that breaks after a word ending in its own hyphen ("alcohol- en drugs") ends in a hyphen too: the
 * break is a flagged penalty before the space, counted among the hyphenated lines like any other. */
static void push_sep(build *b, sep_kind sep, const piece *pc, const piece *last) {
    const zw_metrics *mt = b->s->metrics;
    int face = piece_face(b->st, pc);
    if (face != b->space_face) {   /* measured once per face change, not once per word */
        b->space_face = face;
        b->space_w = mt->width(mt->ctx, face, b->st->size, " ", 1);
    }
    double sp = b->space_w;
    if (sep == SEP_END || sep == SEP_BREAK) {
        push_penalty(b, 0, ZW_INF_PENALTY, false, R_NONE, false, 0);
        push_glue(b, 0, INFINITY, 0, R_RAGGED, 0);
        push_penalty(b, 0, -ZW_INF_PENALTY, false, R_NONE, false, 0);
        return;
    }
    if (sep == SEP_NBSPACE) push_penalty(b, 0, ZW_INF_PENALTY, false, R_NONE, false, 0);
    bool own = sep == SEP_SPACE && !last->mark && ends_in_hyphen(last->text, last->len);
    double hang = sep == SEP_SPACE ? right_hang(b, last, last->text, last->len) : 0;
    if (!b->ragged) {
        if (own) push_penalty(b, 0, b->brk.hyphen_penalty, true, R_EXPLICIT, false, hang);
        push_glue(b, sp, sp / 2, sp / 3, R_WORD, own ? 0 : hang);
    } else if (sep == SEP_NBSPACE) {
        push_glue(b, sp, 0, 0, R_WORD, 0);
    } else {   /* after its own hyphen, a word may end a line only at the flagged penalty */
        if (own) push_penalty(b, 0, ZW_INF_PENALTY, false, R_NONE, false, 0);
        push_glue(b, 0, RAGGED_EM * em(b), 0, R_RAGGED, 0);
        push_penalty(b, 0, own ? b->brk.hyphen_penalty : 0, own, R_NONE, false, 0);
        push_glue(b, sp, -RAGGED_EM * em(b), 0, R_WORD, 0);
    }
}

/* A break inside a word, at a byte offset of its plain text. */
typedef struct wbrk {
    size_t at;
    int role;            /* R_HYPH, R_EXPLICIT or R_EMERG */
    bool trema;
} wbrk;

/* The breaks of one word, in order. */
typedef struct wbrks {
    wbrk b[MAX_WORD_BREAKS * 2];
    size_t n;
} wbrks;

static void add_brk(wbrks *B, size_t at, int role, bool trema) {
    size_t i = B->n;
    if (i == sizeof B->b / sizeof B->b[0]) return;
    while (i > 0 && B->b[i - 1].at > at) i--;
    if (i > 0 && B->b[i - 1].at == at) return; /* one break per position */
    memmove(&B->b[i + 1], &B->b[i], (B->n - i) * sizeof(wbrk));
    B->b[i] = (wbrk){at, role, trema};
    B->n++;
}

/* Breaks after explicit hyphens and dashes with at least two characters on either side, between a letter
 * or digit and another: "(zorg-)netwerk" is not broken before its ")". */
static void explicit_breaks(const char *s, size_t n, wbrks *B) {
    for (size_t i = 1; i < n; i++) {
        size_t k = s[i] == '-' ? 1 : (n - i >= 3 && memcmp(s + i, "\xE2\x80\x93", 3) == 0) ? 3 : 0;
        if (k && i + k < n && wordish((unsigned char)s[i - 1]) && wordish((unsigned char)s[i + k]) &&
            zw_utf8_count(s, i) >= 2 && zw_utf8_count(s + i + k, n - i - k) >= 2)
            add_brk(B, i + k, R_EXPLICIT, false);
    }
}

/* Whether the paragraph hyphenates and the piece's span allows it (neither nohyph nor superscript). */
static inline bool piece_hyphenates(const build *b, const piece *pc) {
    return b->st->hyphenate && b->s->hyph && !(pc->span->style & (ZW_NOHYPH | ZW_SUP | ZW_LANG_MASK));
}

static bool may_hyphenate(const build *b, const words *ws, const word *w) {
    if (!b->st->hyphenate || !b->s->hyph) return false;
    for (size_t k = w->first; k < w->first + w->n; k++)
        if (!ws->p[k].mark && !piece_hyphenates(b, &ws->p[k])) return false;
    return true;
}

/* Width of the plain text [a, c) of a word, piece by piece. */
static double range_width(const build *b, const words *ws, const word *w, size_t a, size_t c) {
    double sum = 0;
    for (size_t k = w->first; k < w->first + w->n; k++) {
        const piece *pc = &ws->p[k];
        if (pc->mark) continue;
        size_t lo = pc->plain > a ? pc->plain : a, hi = pc->plain + pc->len < c ? pc->plain + pc->len : c;
        if (lo < hi) sum += measure(b, pc, pc->text + (lo - pc->plain), hi - lo);
    }
    return sum;
}

/* The piece holding plain byte `at` (the last one before it when `at` is at a piece end). */
static const piece *piece_at(const words *ws, const word *w, size_t at) {
    const piece *found = NULL;
    for (size_t k = w->first; k < w->first + w->n; k++)
        if (!ws->p[k].mark && ws->p[k].plain < at) found = &ws->p[k];
    return found ? found : &ws->p[w->first];
}

static double hyphen_width(const build *b, const piece *pc) { return measure(b, pc, "-", 1); }

/* Segments wider than the narrowest line are cut between characters (emergency), with a warning. */
static void emergency_breaks(const build *b, const words *ws, const word *w, wbrks *B) {
    if (isinf(b->limit) || range_width(b, ws, w, 0, w->plen) <= b->limit) return;
    const char *s = w->ptext;
    bool warned = false;
    size_t nb = B->n;
    wbrk segs[MAX_WORD_BREAKS * 2 + 1];
    memcpy(segs, B->b, nb * sizeof(wbrk));
    segs[nb] = (wbrk){w->plen, R_NONE, false};
    for (size_t i = 0, a = 0; i <= nb; a = segs[i].at, i++) {
        size_t c = segs[i].at;
        double hy = segs[i].role == R_HYPH ? hyphen_width(b, piece_at(ws, w, c)) : 0;
        if (range_width(b, ws, w, a, c) + hy <= b->limit) continue;
        if (!warned) {
            zw_diag(b->s->diags, ZW_WARNING, ws->p[w->first].span->pos,
                    "word '%.*s' is wider than the measure (%.1f pt > %.1f pt); broken", (int)w->plen, s,
                    range_width(b, ws, w, 0, w->plen), b->limit);
            warned = true;
        }
        size_t start = a;
        for (const char *p = s + a, *end = s + c; p < end;) {
            size_t at = (size_t)(p - s);
            zw_utf8_next(&p, end);
            size_t next = (size_t)(p - s);
            if (at > start && range_width(b, ws, w, start, next) > b->limit) {
                add_brk(B, at, R_EMERG, false);
                start = at;
            }
        }
    }
}

/* The first character without its trema (ë → e …), then the rest; arena-owned. */
static const char *drop_trema(zw_arena *a, const char *s, size_t n, size_t *out_n) {
    static const char from[] = "\xE4\xEB\xEF\xF6\xFC\xC4\xCB\xCF\xD6\xDC", to[] = "aeiouAEIOU";
    const char *p = s;
    uint32_t cp = zw_utf8_next(&p, s + n);
    const char *hit = cp >= 0xC0 && cp <= 0xFF ? memchr(from, (int)cp, sizeof from - 1) : NULL;
    if (!hit) { *out_n = n; return s; }
    char *r = zw_arena_printf(a, "%c%.*s", to[hit - from], (int)(n - (size_t)(p - s)), p);
    *out_n = r ? strlen(r) : n;
    return r ? r : s;
}

/* A box for a slice of a piece; `trema` when it follows a break that drops its first trema. */
static void push_box(build *b, const piece *pc, const char *text, size_t len, bool trema) {
    meta m = {.role = R_NONE, .pc = pc, .text = text, .len = len};
    if (trema) {
        m.alt = drop_trema(b->s->arena, text, len, &m.alt_len);
        m.alt_w = measure(b, pc, m.alt, m.alt_len);
    }
    double w = measure(b, pc, text, len);
    if (b->nseg < sizeof b->segw / sizeof b->segw[0]) b->segw[b->nseg] = w;
    b->nseg++;
    push(b, (zw_item){ZW_BOX, w, 0, 0, 0, false, (float)left_hang(b, pc, text, len)}, m);
}

static void push_brk(build *b, const wbrk *k, const piece *before, bool last_word) {
    double w = k->role == R_HYPH ? hyphen_width(b, before) : 0;
    double p = k->role == R_EMERG ? 0 : last_word ? LAST_WORD_PENALTY : b->brk.hyphen_penalty;
    push_word_break(b, w, p, k->role != R_EMERG, k->role, k->trema, break_hang(b, k->role, before));
}

/* ---- the word cache: a plain word met again costs one lookup ----------------------------------- */

/* The breaks and box widths of a one-piece word by (face, size, hyphenation, text), as push_word found
 * them before any emergency breaks: such a word is pushed again from here without scanning for hyphens,
 * asking the hyphenator or measuring its pieces.  Words with a trema break, more than WINFO_BRKS breaks
 * or longer than WINFO_KEY bytes are not kept. */
#define WINFO_SLOTS 4096       /* power of two; emptied when three quarters full */
#define WINFO_KEY 32
#define WINFO_BRKS 7           /* WINFO_BRKS + 1 boxes fit build.segw */

typedef struct winfo {
    uint32_t hash;       /* 0 = empty slot */
    int face;
    double size;
    const zw_hyphenator *hyph; /* the hyphenator asked, NULL when the word was not hyphenated */
    unsigned char len, nb;
    char key[WINFO_KEY];
    unsigned char at[WINFO_BRKS];   /* break offsets, ascending */
    unsigned char role[WINFO_BRKS]; /* R_HYPH or R_EXPLICIT */
    double whole;        /* width of the whole word */
    double hyphen;       /* width of "-" in its face and size */
    double seg[WINFO_BRKS + 1];     /* box widths */
} winfo;

struct wicache {
    winfo *slots;        /* WINFO_SLOTS, allocated on first use (NULL: no cache) */
    uint32_t *tags;      /* each slot's hash, in the same block: probing reads these, not the slots */
    size_t used;
};
typedef struct wicache wicache;

static uint32_t winfo_hash(int face, double size, const void *hyph, const char *s, size_t n) {
    uint64_t h = wcache_hash(face, size, s, n);
    h = (h ^ (uint64_t)(uintptr_t)hyph) * 1099511628211ULL;
    uint32_t r = (uint32_t)(h ^ h >> 32);
    return r ? r : 1;
}

/* The slot holding the word or the empty slot where it goes; NULL when the cache is off or full. */
static winfo *winfo_slot(wicache *wi, int face, double size, const zw_hyphenator *hyph, const char *s, size_t n,
                         uint32_t h) {
    if (!wi || n > WINFO_KEY) return NULL;
    if (!cache_room((void **)&wi->slots, &wi->tags, &wi->used, WINFO_SLOTS, sizeof *wi->slots)) return NULL;
    for (size_t i = h & (WINFO_SLOTS - 1);; i = (i + 1) & (WINFO_SLOTS - 1)) {
        if (!wi->tags[i]) return &wi->slots[i];
        if (wi->tags[i] != h) continue;
        winfo *e = &wi->slots[i];
        if (e->face == face && e->size == size && e->hyph == hyph && e->len == n && same_bytes(e->key, s, n))
            return e;
    }
}

/* A box whose width is known. */
__attribute__((always_inline)) static inline void push_box_w(build *b, const piece *pc, const char *text,
                                                             size_t len, double w) {
    push(b, (zw_item){ZW_BOX, w, 0, 0, 0, false, (float)left_hang(b, pc, text, len)},
         (meta){.role = R_NONE, .pc = pc, .text = text, .len = len});
}

/* Push a cached word: the same items push_word makes for it. */
static void push_cached(build *b, const piece *pc, const winfo *e) {
    size_t off = 0;
    for (size_t k = 0; k <= e->nb; k++) {
        if (k > 0) {
            int role = e->role[k - 1];
            push_word_break(b, role == R_HYPH ? e->hyphen : 0, b->brk.hyphen_penalty, true, role, false,
                            break_hang(b, role, pc));
        }
        size_t stop = k < e->nb ? e->at[k] : e->len;
        push_box_w(b, pc, pc->text + off, stop - off, e->seg[k]);
        off = stop;
    }
}

/* Keep a word just pushed with breaks B (its box widths in b->segw), if it can be kept. */
static void winfo_keep(build *b, winfo *e, uint32_t h, const piece *pc, const zw_hyphenator *hyph,
                       const wbrks *B) {
    if (b->oom || B->n > WINFO_BRKS || b->nseg != B->n + 1) return;
    winfo v = {h, piece_face(b->st, pc), piece_size(b->st, pc), hyph, (unsigned char)pc->len,
               (unsigned char)B->n, {0}, {0}, {0}, measure(b, pc, pc->text, pc->len), 0, {0}};
    memcpy(v.key, pc->text, pc->len);
    for (size_t k = 0; k < B->n; k++) {
        if (B->b[k].trema || B->b[k].role == R_EMERG) return;
        v.at[k] = (unsigned char)B->b[k].at;
        v.role[k] = (unsigned char)B->b[k].role;
        if (B->b[k].role == R_HYPH) v.hyphen = hyphen_width(b, pc);
    }
    memcpy(v.seg, b->segw, b->nseg * sizeof *v.seg);
    *e = v;
    b->wi->tags[e - b->wi->slots] = h;
    b->wi->used++;
}

static void push_word_slow(build *b, const words *ws, const word *w, bool last_word, wbrks *B);

/* One word: its boxes with the breaks between them (from the word cache when it is there).  Words with
 * digits (amounts, codes, years: mostly met once) stay out of the cache so as not to crowd it.  The
 * breaks of a paragraph's `last_word` cost LAST_WORD_PENALTY. */
static void push_word(build *b, const words *ws, const word *w, bool last_word) {
    const piece *pc = &ws->p[w->first];
    if (last_word || w->n != 1 || pc->mark || !b->wi || pc->len > WINFO_KEY || pc->digit) {
        wbrks B;   /* not zero-initialised: 2 KB per word */
        push_word_slow(b, ws, w, last_word, &B);
        return;
    }
    const zw_hyphenator *hyph = piece_hyphenates(b, pc) ? b->s->hyph : NULL;   /* may_hyphenate, one piece */
    int face = piece_face(b->st, pc);
    double size = piece_size(b->st, pc);
    uint32_t h = winfo_hash(face, size, hyph, pc->text, pc->len);
    winfo *e = winfo_slot(b->wi, face, size, hyph, pc->text, pc->len, h);
    if (e && e->hash && (isinf(b->limit) || e->whole <= b->limit)) {
        push_cached(b, pc, e);
        return;
    }
    wbrks B;
    b->nseg = 0;
    push_word_slow(b, ws, w, false, &B);
    if (e && !e->hash) winfo_keep(b, e, h, pc, hyph, &B);
}

/* One word, scanned for breaks and measured piece by piece; its breaks are left in *B. */
static void push_word_slow(build *b, const words *ws, const word *w, bool last_word, wbrks *B) {
    B->n = 0;
    const char *s = w->ptext;
    explicit_breaks(s, w->plen, B);
    if (may_hyphenate(b, ws, w) && !w->digit) {   /* the hyphenator skips numbers and codes */
        size_t at[MAX_WORD_BREAKS];
        bool trema[MAX_WORD_BREAKS];
        size_t n = zw_hyphenate(b->s->hyph, s, w->plen, at, trema, MAX_WORD_BREAKS);
        for (size_t i = 0; i < n; i++)
            if (at[i] > 0 && at[i] < w->plen) add_brk(B, at[i], R_HYPH, trema[i]);
    }
    const piece *pc0 = &ws->p[w->first];
    if (B->n == 0 && w->n == 1 && !pc0->mark) {   /* one box, measured once (also for the emergency test) */
        double ww = measure(b, pc0, pc0->text, pc0->len);
        if (isinf(b->limit) || ww <= b->limit) {
            b->segw[0] = ww;
            b->nseg = 1;
            push_box_w(b, pc0, pc0->text, pc0->len, ww);
            return;
        }
    }
    emergency_breaks(b, ws, w, B);
    size_t bi = 0;
    bool trema = false;
    const piece *last = NULL;
    for (size_t k = w->first; k < w->first + w->n; k++) {
        const piece *pc = &ws->p[k];
        if (pc->mark) { push_box(b, pc, pc->text, pc->len, false); continue; }
        size_t off = pc->plain, end = pc->plain + pc->len;
        while (off < end) {
            if (bi < B->n && B->b[bi].at == off && off > 0) {
                push_brk(b, &B->b[bi], last ? last : pc, last_word);
                trema = B->b[bi++].trema;
            }
            size_t stop = bi < B->n && B->b[bi].at < end ? B->b[bi].at : end;
            push_box(b, pc, pc->text + (off - pc->plain), stop - off, trema);
            trema = false;
            last = pc;
            off = stop;
        }
    }
}

static const piece *last_text_piece(const words *ws, const word *w) {
    for (size_t k = w->first + w->n; k > w->first; k--)
        if (!ws->p[k - 1].mark) return &ws->p[k - 1];
    return &ws->p[w->first];
}

/* The items of the words.  In justified text the last word of a paragraph (or before a forced line
 * break) is kept whole unless nothing else sets the paragraph within the tolerance (LAST_WORD_PENALTY),
 * so its last line does not hold just the end of a word; and a line that starts the paragraph after a
 * first-line indent does not hang into the margin. */
static bool build_items(build *b, words *ws) {
    for (size_t i = 0; i < ws->nw; i++) {
        const word *w = &ws->w[i];
        sep_kind sep = w->sep;
        push_word(b, ws, w, b->whole_last && (sep == SEP_END || sep == SEP_BREAK));
        if (sep == SEP_SPACE && i + 1 < ws->nw) {
            const word *nx = &ws->w[i + 1];
            if (keep_together(w->ptext, w->plen, w->digit, nx->ptext, nx->plen)) sep = SEP_NBSPACE;
        }
        push_sep(b, sep, last_text_piece(ws, w), &ws->p[w->first + w->n - 1]);
    }
    if (b->st->indent_first != 0 && b->n && !b->ext) b->it[0].hang = 0;
    return !b->oom && !zw_arena_failed(b->s->arena);
}

/* ---- step 3: lines ---------------------------------------------------------------------------- */

/* First item of the line after a break at `at` (as zw_linebreak counts it). */
static size_t next_start(const build *b, size_t at) {
    size_t j = at + 1;
    while (j < b->n && b->it[j].kind != ZW_BOX &&
           !(b->it[j].kind == ZW_PENALTY && b->it[j].penalty <= -ZW_INF_PENALTY))
        j++;
    return j;
}

/* Fragments of one line under construction (malloc'd, copied into the arena when done). */
typedef struct fragbuf {
    zw_frag *f;
    size_t n, cap;
} fragbuf;

/* Whether two spans' texts may be drawn as one run: neither a link, or parts of the same link. */
static bool same_link(const zw_span *a, const zw_span *b) {
    return !((a->style | b->style) & ZW_LINK) || ((a->style & b->style & ZW_LINK) && a->href == b->href);
}

static bool same_run(const zw_frag *f, const meta *m, const zw_parstyle *st) {
    const piece *pc = m->pc;
    return !pc->mark && !zw_frag_note(f) && f->face == piece_face(st, pc) && f->size == piece_size(st, pc) &&
           same_link(f->span, pc->span) && f->pos.line == pc->span->pos.line && f->pos.col == pc->span->pos.col && f->pos.file == pc->span->pos.file;
}

/* Add a box at x; a box that continues the previous fragment's word (no glue between) joins it. */
static bool add_frag(const build *b, fragbuf *fb, const meta *m, bool alt, double x, double w, bool joins) {
    const char *text = alt ? m->alt : m->text;
    size_t len = alt ? m->alt_len : m->len;
    if (joins && fb->n && same_run(&fb->f[fb->n - 1], m, b->st)) {
        zw_frag *f = &fb->f[fb->n - 1];
        if (f->text + f->len == text) f->len += len;
        else {
            f->text = zw_arena_printf(b->s->arena, "%.*s%.*s", (int)f->len, f->text, (int)len, text);
            if (!f->text) return false;
            f->len = strlen(f->text);
        }
        f->w += w;
        return true;
    }
    if (!zw_reserve((void **)&fb->f, &fb->cap, fb->n + 1, sizeof(zw_frag))) return false;
    const piece *pc = m->pc;
    bool sup = pc->mark || (pc->span->style & ZW_SUP);
    fb->f[fb->n++] = (zw_frag){x, w, piece_face(b->st, pc), piece_size(b->st, pc),
                               sup ? b->st->size * b->st->sup_rise : 0, text, len, pc->span->pos, pc->span};
    return true;
}

/* Last character of a box's text (its trema-less alternative when the line starts with it): decoded
 * from its first byte, found by stepping back over continuation bytes (the texts are valid UTF-8). */
static uint32_t last_cp(const meta *m, bool alt) {
    const char *s = alt ? m->alt : m->text, *end = s + (alt ? m->alt_len : m->len), *p = end;
    if (p == s) return 0;
    while (--p > s && end - p < 4 && ((unsigned char)*p & 0xC0) == 0x80) {}
    return zw_utf8_next(&p, end);
}

static uint32_t first_cp(const meta *m) {
    const char *p = m->text;
    return m->len ? zw_utf8_next(&p, m->text + m->len) : 0;
}

/* Pair kerning in pt where box i continues box `prev` of the same word in the same run (add_frag joins
 * them): the boxes were measured apart, but the joined fragment is drawn, and measured, as one string. */
static double join_kern_of(const build *b, size_t prev, bool prev_alt, size_t i) {
    const piece *p = b->m[prev].pc, *q = b->m[i].pc;
    if (p->mark || q->mark || !same_link(p->span, q->span) || piece_face(b->st, p) != piece_face(b->st, q) ||
        piece_size(b->st, p) != piece_size(b->st, q) || p->span->pos.line != q->span->pos.line ||
        p->span->pos.col != q->span->pos.col || p->span->pos.file != q->span->pos.file || !b->m[i].len)
        return 0;
    const zw_metrics *mt = b->s->metrics;
    return mt->kern(mt->ctx, piece_face(b->st, q), last_cp(&b->m[prev], prev_alt), first_cp(&b->m[i])) *
           piece_size(b->st, q) / 1000;
}

/* join_kern_of, kept in box i's meta: sum_line and then set_line ask it of every joined box, and `prev`
 * is always the box before i in its word (a line break between them leaves nothing to join). */
static double join_kern(const build *b, size_t prev, bool prev_alt, size_t i) {
    if (prev_alt) return join_kern_of(b, prev, true, i);
    meta *m = &b->m[i];
    if (!m->jk_known) {
        m->jk = join_kern_of(b, prev, false, i);
        m->jk_known = true;
    }
    return m->jk;
}

/* Kerning in pt between the last box of a line and the hyphen added after it. */
static double hyphen_kern(const build *b, size_t last, bool alt) {
    const piece *p = b->m[last].pc;
    if (p->mark) return 0;
    const zw_metrics *mt = b->s->metrics;
    return mt->kern(mt->ctx, piece_face(b->st, p), last_cp(&b->m[last], alt), '-') * piece_size(b->st, p) / 1000;
}

/* Natural width, stretch, shrink and fil of items [start, at) plus the break's own width; `boxes` is the
 * part font expansion scales: the glyphs (boxes, their joining kerns and an added hyphen). */
typedef struct linesum {
    double nat, y, z, boxes;
    bool fil;
} linesum;

static linesum sum_line(const build *b, size_t start, size_t at, bool alt_first) {
    linesum s = {0, 0, 0, 0, false};
    size_t prev = SIZE_MAX;   /* the box the next one would join (none after interword glue) */
    for (size_t i = start; i < at; i++) {
        const zw_item *it = &b->it[i];
        if (it->kind == ZW_BOX) {
            s.boxes += (i == start && alt_first) ? b->m[i].alt_w : it->width;
            if (prev != SIZE_MAX) s.boxes += join_kern(b, prev, prev == start && alt_first, i);
            prev = i;
        }
        if (it->kind != ZW_GLUE) continue;
        s.nat += it->width;
        if (b->m[i].role == R_WORD) prev = SIZE_MAX;
        if (isinf(it->stretch)) s.fil = true;
        else if (b->m[i].role == R_WORD) { s.y += it->stretch; s.z += it->shrink; }
    }
    if (at < b->n && b->it[at].kind == ZW_PENALTY) s.boxes += b->it[at].width;
    if (at < b->n && b->m[at].role == R_HYPH && b->it[at].kind == ZW_PENALTY && prev != SIZE_MAX)
        s.boxes += hyphen_kern(b, prev, prev == start && alt_first);
    s.nat += s.boxes;
    return s;
}

static void line_extent(const build *b, zw_line *ln) {
    const zw_metrics *mt = b->s->metrics;
    int face = b->st->face[0];
    ln->ascent = mt->ascent(mt->ctx, face) * b->st->size / 1000;
    ln->descent = mt->descent(mt->ctx, face) * b->st->size / 1000;
    const zw_frag *prev = NULL;   /* a fragment in the same face, size and rise has the same extent */
    for (size_t i = 0; i < ln->n; i++) {
        const zw_frag *f = &ln->frags[i];
        if (prev && f->face == prev->face && f->size == prev->size && f->rise == prev->rise) continue;
        double a = mt->ascent(mt->ctx, f->face) * f->size / 1000 + f->rise;
        double d = mt->descent(mt->ctx, f->face) * f->size / 1000 - f->rise;
        if (a > ln->ascent) ln->ascent = a;
        if (d > ln->descent) ln->descent = d;
        prev = f;
    }
}

/* Where lines and fragment arrays go: the setter's line arena, if it has one. */
static zw_arena *line_arena(const zw_setter *s) { return s->lines ? s->lines : s->arena; }

/* Copy the fragments into the line arena, adding the hyphen (hyphen_w wide) to the last one when the line
 * is hyphenated (`added`).  The other fragments borrow their text: it lies in the spans (which outlive the
 * lines) or the arena. */
static bool finish_line(const build *b, fragbuf *fb, zw_line *ln, bool added, double hyphen_w) {
    zw_arena *a = b->s->arena;
    ln->frags = fb->n ? zw_arena_take(line_arena(b->s), fb->n * sizeof(zw_frag)) : NULL;
    if (fb->n && !ln->frags) return false;
    ln->n = fb->n;
    if (fb->n) memcpy(ln->frags, fb->f, fb->n * sizeof *fb->f);
    zw_frag *f = fb->n ? &ln->frags[fb->n - 1] : NULL;
    if (added && f) {   /* only a hyphenated fragment needs a string of its own */
        f->text = zw_arena_printf(a, "%.*s-", (int)f->len, f->text);
        if (!f->text) return false;
        f->len++;
        f->w += hyphen_w;
    }
    ln->hyphen = f && !zw_frag_note(f) && ends_in_hyphen(f->text, f->len);
    ln->width = f ? f->x + f->w : 0;
    line_extent(b, ln);
    return true;
}

/* The expansion and glue ratio of a justified line (sums s) set to `width` with its first and last
 * characters hanging out by lh and rh (unexpanded; they come back expanded); *r is the glue's ratio
 * after expansion. */
static double justify(const build *b, const linesum *s, double width, double *lh, double *rh, double *r) {
    zw_fit f = zw_line_fit(&b->brk, width + *lh + *rh, s->nat, s->boxes, s->y, s->z, s->fil);
    double scale = 1 + f.expand;
    *lh *= scale;
    *rh *= scale;
    double diff = width + *lh + *rh - (s->nat + f.expand * s->boxes);
    *r = 0;
    if (diff > 0 && s->y > 0 && !s->fil) *r = diff / s->y;
    if (diff < 0 && s->z > 0) *r = fmax(diff / s->z, -1);
    return f.expand;
}

/* Place the items of one line: justified lines take the difference by font expansion first, then by the
 * interword glue, and hang their first and last characters into the margins (margin kerning). */
static bool set_line(const build *b, fragbuf *fb, size_t start, size_t at, double width, double x0,
                     bool alt_first, zw_line *ln) {
    zw_align al = b->st->align;
    bool shifted = al == ZW_ALIGN_RIGHT || al == ZW_ALIGN_DECIMAL || al == ZW_ALIGN_CENTER;
    linesum s = !b->ragged || shifted ? sum_line(b, start, at, alt_first) : (linesum){0, 0, 0, 0, false};
    double r = 0, e = 0, lh = 0, rh = 0, diff = width - s.nat, x = x0;   /* a ragged line set from the left needs no sum */
    if (!b->ragged) {
        lh = start < b->n && b->it[start].kind == ZW_BOX ? b->it[start].hang : 0;
        rh = at < b->n ? b->it[at].hang : 0;
        e = justify(b, &s, width, &lh, &rh, &r);
        x -= lh;
    } else if (al == ZW_ALIGN_RIGHT || al == ZW_ALIGN_DECIMAL) {
        x += diff;
    } else if (al == ZW_ALIGN_CENTER) {
        x += diff / 2;
    }
    double scale = 1 + e;
    fb->n = 0;
    size_t prev = SIZE_MAX;   /* the box the next one joins, as in sum_line */
    for (size_t i = start; i < at; i++) {
        const zw_item *it = &b->it[i];
        if (it->kind == ZW_BOX) {
            bool alt = i == start && alt_first;
            double w = (alt ? b->m[i].alt_w : it->width) * scale;
            double k = prev != SIZE_MAX ? join_kern(b, prev, prev == start && alt_first, i) * scale : 0;
            if (!add_frag(b, fb, &b->m[i], alt, x + k, w + k, prev != SIZE_MAX)) return false;
            x += w + k;
            prev = i;
        } else if (it->kind == ZW_GLUE) {
            double adj = b->m[i].role == R_WORD ? r * (r > 0 ? it->stretch : it->shrink) : 0;
            x += it->width + adj;
            if (b->m[i].role == R_WORD) prev = SIZE_MAX;
        }
    }
    const zw_item *end = at < b->n ? &b->it[at] : NULL;
    ln->ratio = r;
    ln->expand = e;
    ln->hang_left = lh;
    ln->hang_right = rh;
    bool added = end && end->kind == ZW_PENALTY && b->m[at].role == R_HYPH;
    int role = end && end->kind == ZW_PENALTY ? b->m[at].role : R_NONE;
    ln->soft_hyphen = added;
    bool before_space = at + 1 < b->n && b->it[at + 1].kind == ZW_GLUE && b->m[at + 1].role == R_WORD;
    ln->in_word = role == R_HYPH || role == R_EMERG   /* not after a word's own hyphen before a space ("alcohol- en") */
                  || (role == R_EXPLICIT && !before_space);
    double hy = added ? end->width + (prev != SIZE_MAX ? hyphen_kern(b, prev, prev == start && alt_first) : 0) : 0;
    return finish_line(b, fb, ln, added, hy * scale);
}

static bool make_lines(const build *b, fragbuf *fbp, const zw_break *br, size_t nbr, const double *widths,
                       size_t nwidths, zw_line **out) {
    zw_line *lines = zw_arena_alloc(line_arena(b->s), nbr * sizeof(zw_line));
    fragbuf fb = *fbp;
    bool ok = lines != NULL;
    size_t start = 0;
    bool alt_first = false;
    for (size_t k = 0; ok && k < nbr; k++) {
        double width = widths[k < nwidths ? k : nwidths - 1];
        double x0 = k == 0 ? b->st->indent_first : 0;
        lines[k].last = k + 1 == nbr;
        lines[k].justified = !b->ragged;
        lines[k].measure = x0 + width;
        ok = set_line(b, &fb, start, br[k].at, width, x0, alt_first && start < b->n && b->m[start].alt, &lines[k]);
        if (br[k].at >= b->n) break;
        alt_first = b->m[br[k].at].trema;
        start = next_start(b, br[k].at);
    }
    *fbp = fb;
    *out = lines;
    return ok;
}

/* ---- work buffers ----------------------------------------------------------------------------- */

struct zw_set_scratch {
    words ws;            /* the words of the text being set */
    zw_item *it;         /* item and meta arrays of build (cap entries each) */
    meta *m;
    size_t cap;
    fragbuf fb;          /* fragments of the line being set */
    wcache wc;           /* widths measured so far */
    wicache wi;          /* words analysed so far */
    zw_break_work *bw;   /* the line breaker's buffers (NULL until first needed, or out of memory) */
};

zw_set_scratch *zw_set_scratch_new(void) {
    zw_set_scratch *sc = zw_xmalloc(sizeof *sc);
    if (sc) memset(sc, 0, sizeof *sc);
    return sc;
}

static void scratch_free(zw_set_scratch *sc) {
    words_free(&sc->ws);
    free(sc->it);
    free(sc->m);
    free(sc->fb.f);
    free(sc->wc.slots);
    free(sc->wi.slots);
    zw_break_work_drop(sc->bw);
}

void zw_set_scratch_drop(zw_set_scratch *sc) {
    if (!sc) return;
    scratch_free(sc);
    free(sc);
}

/* Start a text: the setter's buffers (or `local` when it has none), emptied; b takes the item arrays. */
static zw_set_scratch *scratch_begin(const zw_setter *s, zw_set_scratch *local, build *b) {
    zw_set_scratch *sc = s->scratch ? s->scratch : local;
    words_reset(&sc->ws);
    sc->fb.n = 0;
    b->it = sc->it;
    b->m = sc->m;
    b->cap = sc->cap;
    b->n = 0;
    b->space_face = -1;
    b->wc = sc == local ? NULL : &sc->wc;   /* caches pay only across many texts */
    b->wi = sc == local ? NULL : &sc->wi;
    return sc;
}

/* Give the (possibly grown) item arrays back; a local scratch is freed. */
static void scratch_end(zw_set_scratch *sc, zw_set_scratch *local, build *b) {
    sc->it = b->it;
    sc->m = b->m;
    sc->cap = b->cap;
    if (sc == local) scratch_free(local);
}

/* ---- the entry points ------------------------------------------------------------------------- */

static bool is_ragged(zw_align a) { return a != ZW_ALIGN_JUSTIFY; }

void zw_protrusion_default(zw_protrusion *p) {
    /* Thousandths of the character's width, as pdfTeX's \lpcode and \rpcode with microtype's factors: the
     * lighter a character, the further it hangs, so the eye sees the edge straight. */
    static const struct { uint32_t cp; uint16_t left, right; } amounts[] = {
        {'.', 0, 700}, {',', 0, 500}, {':', 0, 500}, {';', 0, 500}, {'!', 0, 100}, {'?', 0, 100},
        {'-', 0, 500}, {0xAD, 0, 500}, {0x2010, 0, 500}, {0x2011, 0, 500},   /* hyphens */
        {0x2013, 200, 300}, {0x2014, 150, 250},                             /* en and em dash */
        {'(', 100, 0}, {')', 0, 200}, {'[', 100, 0}, {']', 0, 100},
        {'\'', 300, 400}, {'"', 300, 300}, {0x2018, 300, 400}, {0x2019, 300, 400}, {0x201A, 400, 0},
        {0x201C, 300, 300}, {0x201D, 300, 300}, {0x201E, 300, 0},          /* quotes */
        {0xAB, 200, 200}, {0xBB, 200, 200}, {0x2039, 200, 200}, {0x203A, 200, 200},   /* guillemets */
        {0x2026, 0, 300},                                                    /* ellipsis */
    };
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
        int k = zw_protrusion_slot(amounts[i].cp);
        p->left[k] = amounts[i].left;
        p->right[k] = amounts[i].right;
    }
}

/* Every justified line stretched beyond the tolerance or squeezed below its shrink (after font expansion)
 * is reported with its paragraph's position, so no such line passes silently (TeX's underfull/overfull box
 * warnings). */
static void warn_loose(const zw_setter *s, const zw_parstyle *st, const zw_text *t, const zw_line *lines,
                       size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        double r = lines[i].ratio;
        if (r <= st->brk.tolerance + 1e-9 && r >= -1 - 1e-9) continue;
        zw_pos pos = lines[i].n ? lines[i].frags[0].pos : t->pos;
        zw_diag(s->diags, ZW_WARNING, pos, "line %zu of this paragraph is %s (adjustment ratio %.2f, tolerance %.2f)",
                i + 1, r > 0 ? "stretched beyond the tolerance" : "squeezed beyond its shrink", r, st->brk.tolerance);
    }
}

/* Every run of more lines ending in a hyphen than max-hyphens-in-row allows is reported with its
 * paragraph's position: the line breaker breaks the limit only when every other setting has a line
 * sticking out of the measure (a long compound in a narrow column), and that must not pass silently. */
static void warn_hyphens(const zw_setter *s, const zw_parstyle *st, const zw_text *t, const zw_line *lines,
                         size_t n, double measure) {
    int maxh = st->brk.max_hyphens_in_row;
    if (maxh <= 0) return;
    for (size_t i = 0, row = 0; i < n; i++) {
        row = lines[i].hyphen ? row + 1 : 0;
        if (row != (size_t)maxh + 1) continue;
        size_t end = i;
        while (end + 1 < n && lines[end + 1].hyphen) end++;
        zw_pos pos = lines[i - row + 1].n ? lines[i - row + 1].frags[0].pos : t->pos;
        zw_diag(s->diags, ZW_WARNING, pos,
                "lines %zu to %zu of this paragraph all end in a hyphen, more than max-hyphens-in-row (%d): "
                "the measure (%.1f pt) is too narrow to set it otherwise",
                i - row + 2, end + 1, maxh, measure);
    }
}

/* Whether total fit is bound to set the items as one line: then zw_linebreak need not run.  It is when
 * every legal break lies within the first line's width (so the paragraph start stays active and no line
 * from it is overfull) and the whole text fits there, ending in the only forced break: that line has
 * ratio 0 (it holds the finishing fil glue) and demerits line_penalty², while any other solution has two
 * or more lines of at least line_penalty² each, since badness, penalties (never negative here) and the
 * extra demerits are not negative.  On a tie the one-line solution is found first and kept. */
static bool one_line(const build *b, const zw_break_params *p, double width) {
    if (p->greedy || p->looseness != 0 || !(p->line_penalty >= 0) || !(p->hyphen_demerits >= 0) ||
        !(p->fitness_demerits >= 0) || !(p->tolerance >= 0) || b->n == 0)
        return false;
    const zw_item *it = b->it;
    size_t end = b->n - 1;
    if (it[end].kind != ZW_PENALTY || it[end].penalty > -ZW_INF_PENALTY) return false;
    double sum = 0;   /* natural width of items [0, i), added up in zw_linebreak's order */
    for (size_t i = 0; i < end; i++) {
        if (it[i].kind == ZW_PENALTY) {
            if (it[i].penalty >= ZW_INF_PENALTY) continue;
            if (it[i].penalty < 0 || sum + it[i].width > width) return false;
            continue;
        }
        if (it[i].kind == ZW_GLUE && i > 0 && it[i - 1].kind == ZW_BOX && sum > width) return false;
        sum += it[i].width;
    }
    return sum <= width;
}

/* The breaks of the items: one line (into *one) when one_line() says so, else total fit (or first fit)
 * into a malloc'd *br.  Total fit works in the buffers of `sc` when it is the setter's own scratch. */
static size_t break_items(const build *b, const double *wp, size_t nw, zw_set_scratch *sc, zw_break *one,
                          zw_break **br) {
    if (one_line(b, &b->brk, wp[0])) {
        *one = (zw_break){b->n - 1, 0, 0, false};
        *br = one;
        return 1;
    }
    bool overfull = false;
    if (b->brk.greedy) return zw_linebreak_greedy(b->it, b->n, wp, nw, &b->brk, br);
    if (sc == b->s->scratch && !sc->bw) sc->bw = zw_break_work_new();   /* NULL: zw_linebreak's own */
    return zw_linebreak_with(sc == b->s->scratch ? sc->bw : NULL, b->it, b->n, wp, nw, &b->brk, br, &overfull);
}

bool zw_set_paragraph(const zw_setter *s, const zw_parstyle *st, const zw_text *t, double measure,
                      zw_line **lines, size_t *nlines) {
    *lines = NULL;
    *nlines = 0;
    zw_set_scratch local = {0};
    build b = {.s = s, .st = st, .ragged = is_ragged(st->align), .brk = st->brk};
    if (b.ragged) b.brk.expand_stretch = b.brk.expand_shrink = b.brk.loose_demerits = 0;   /* no spaces vary */
    else b.prot = st->protrude;
    b.whole_last = !b.ragged;
    zw_set_scratch *sc = scratch_begin(s, &local, &b);
    words *ws = &sc->ws;
    double widths[2] = {measure - st->indent_first, measure};
    size_t nw = st->indent_first != 0 ? 2 : 1;
    const double *wp = nw == 2 ? widths : widths + 1;
    b.limit = fmin(widths[0], widths[1]) + ZW_WIDTH_EPS;   /* (a word as wide as the measure fits) */
    if (b.limit <= ZW_WIDTH_EPS) b.limit = INFINITY;
    zw_break *br = NULL, one;
    bool ok = scan_words(s, t, ws) && plain_texts(ws);
    if (ok && ws->nw) ok = build_items(&b, ws);
    if (ok && ws->nw) {
        size_t n = break_items(&b, wp, nw, sc, &one, &br);
        ok = n != (size_t)-1 && make_lines(&b, &sc->fb, br, n, wp, nw, lines);
        if (ok) *nlines = n;
        if (ok && !b.ragged && !st->brk.greedy) warn_loose(s, st, t, *lines, n);
        if (ok && !st->brk.greedy) warn_hyphens(s, st, t, *lines, n, measure);
    }
    if (br != &one) free(br);
    scratch_end(sc, &local, &b);
    return ok && !zw_arena_failed(s->arena) && !zw_arena_failed(line_arena(s));
}

/* The items of the text are made as for setting it (justified, never broken in emergency) but not kept:
 * extent_add takes each in turn.  min-content is the widest unbreakable run, with the hyphen of a break
 * inside a word; max-content the widest segment between forced breaks. */
bool zw_text_extent(const zw_setter *s, const zw_parstyle *st, const zw_text *t, double *min_w,
                    double *max_w) {
    *min_w = *max_w = 0;
    zw_set_scratch local = {0};
    extent e = {0, 0, 0, 0, ZW_BOX, 0};
    build b = {.s = s, .st = st, .ragged = false, .limit = INFINITY, .brk = st->brk};
    zw_set_scratch *sc = scratch_begin(s, &local, &b);
    b.ext = &e;
    bool ok = scan_words(s, t, &sc->ws) && plain_texts(&sc->ws) && (!sc->ws.nw || build_items(&b, &sc->ws));
    if (ok && sc->ws.nw) {
        *min_w = e.run > e.min_w ? e.run : e.min_w;
        *max_w = e.seg > e.max_w ? e.seg : e.max_w;
    }
    scratch_end(sc, &local, &b);
    return ok && !zw_arena_failed(s->arena);
}
