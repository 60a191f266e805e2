/* font.c — the font registry and measuring interface (zw_font.h) over HarfBuzz.
 *
 * Widths are what the PDF will show: libharu writes /W as integer 1/1000 em, so every character's advance
 * is round(advance * 1000 / upem).  Pair kerning comes from shaping the pair with HarfBuzz (GPOS or kern
 * table), in 1/1000 em rounded to 0.1.  Both are cached per face: advances in a lazily filled array for
 * code points below U+3000 plus a small hash for the rest, kerning in a direct table for pairs below U+0100
 * and a hash keyed by the pair for the rest. */
#include "zw_font.h"

#include <errno.h>
#include <hb-ot.h>
#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zw_arena.h"
#include "zw_utf8.h"

#define LOW_CP 0x3000          /* code points below this use the direct array */
#define ADV_UNSET INT32_MIN    /* array / hash value: not looked up yet */
#define KERN_EMPTY UINT64_MAX  /* kern hash key: empty slot (never a real pair) */
#define KERN_LOW 256           /* pairs of code points below this use a direct table (256 KB per face) */

/* Advance cache entry: advance in 1/1000 em shifted left once, low bit = covered.  ADV_UNSET = unknown. */
typedef int32_t adv_entry;

/* Open-addressing hash from code point to adv_entry (code points >= LOW_CP; key 0 = empty). */
typedef struct cp_map {
    uint32_t *keys;   /* code point, 0 = empty slot */
    adv_entry *vals;  /* entry for keys[i] */
    size_t cap;       /* slots, a power of two (0 = not allocated) */
    size_t n;         /* used slots */
} cp_map;

/* Open-addressing hash from (left << 32 | right) to kerning in 1/1000 em. */
typedef struct kern_map {
    uint64_t *keys;   /* pair, KERN_EMPTY = empty slot */
    float *vals;      /* kerning for keys[i] */
    size_t cap;       /* slots, a power of two (0 = not allocated) */
    size_t n;         /* used slots */
} kern_map;

/* One loaded TrueType face. */
typedef struct zw_face {
    char *path_owned;      /* path as given to zw_fonts_load */
    hb_blob_t *blob;       /* file contents */
    hb_face_t *face;       /* HarfBuzz face over blob */
    hb_font_t *font;       /* font at scale = units per em */
    hb_buffer_t *buf;      /* reused for shaping kerning pairs */
    unsigned upem;         /* units per em */
    double ascent;         /* 1/1000 em */
    double descent;        /* 1/1000 em, positive below the baseline */
    adv_entry *low_owned;  /* LOW_CP entries, allocated on first use (NULL = not yet) */
    cp_map high;           /* entries for code points >= LOW_CP */
    kern_map kerns;        /* cached pair kerning */
    float *kern_low;       /* pairs of code points below KERN_LOW: direct table, NAN = not shaped yet */
} zw_face;

struct zw_fonts {
    zw_face *faces;  /* loaded faces, indexed by face number */
    size_t n;        /* faces in use */
    size_t cap;      /* faces allocated */
    const char *own; /* zetwerk's fonts folder, or NULL (borrowed) */
    const char *path;/* further folders, ':'-separated; NULL: Debian's (borrowed) */
};

/* The TrueType folders of Debian's font packages, searched when no path is set. */
static const char debian_fonts[] = "/usr/share/fonts/truetype/crosextra:/usr/share/fonts/truetype/liberation2:"
                                   "/usr/share/fonts/truetype/noto:/usr/share/fonts/truetype/dejavu:"
                                   "/usr/share/fonts/truetype";

/* Shaping features for measuring kerning: kern on, substitutions that merge or swap glyphs off, so the
 * difference between shaped and nominal advances is positioning only. */
static const hb_feature_t kern_features[] = {
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'a', 'l', 't'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('r', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

/* ---- hashes ---- */

static size_t mix64(uint64_t k) {
    k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33;
    return (size_t)k;
}

static adv_entry *cp_map_find(cp_map *m, uint32_t cp) {
    if (!m->cap) return NULL;
    for (size_t i = mix64(cp) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == cp) return &m->vals[i];
        if (!m->keys[i]) return NULL;
    }
}

static void cp_map_put(cp_map *m, uint32_t cp, adv_entry v) {
    if ((m->n + 1) * 2 > m->cap) { /* grow; on failure simply do not cache */
        size_t cap = m->cap ? m->cap * 2 : 64;
        uint32_t *k = calloc(cap, sizeof *k);
        adv_entry *vals = zw_xmalloc(cap * sizeof *vals);
        if (!k || !vals) { free(k); free(vals); return; }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i]) continue;
            size_t j = mix64(m->keys[i]) & (cap - 1);
            while (k[j]) j = (j + 1) & (cap - 1);
            k[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        free(m->keys); free(m->vals);
        m->keys = k; m->vals = vals; m->cap = cap;
    }
    size_t i = mix64(cp) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != cp) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) m->n++;
    m->keys[i] = cp;
    m->vals[i] = v;
}

static float *kern_map_find(kern_map *m, uint64_t key) {
    if (!m->cap) return NULL;
    for (size_t i = mix64(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key) return &m->vals[i];
        if (m->keys[i] == KERN_EMPTY) return NULL;
    }
}

static void kern_map_put(kern_map *m, uint64_t key, float v) {
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        uint64_t *k = zw_xmalloc(cap * sizeof *k);
        float *vals = zw_xmalloc(cap * sizeof *vals);
        if (!k || !vals) { free(k); free(vals); return; }
        memset(k, 0xFF, cap * sizeof *k); /* all KERN_EMPTY */
        for (size_t i = 0; i < m->cap; i++) {
            if (m->keys[i] == KERN_EMPTY) continue;
            size_t j = mix64(m->keys[i]) & (cap - 1);
            while (k[j] != KERN_EMPTY) j = (j + 1) & (cap - 1);
            k[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        free(m->keys); free(m->vals);
        m->keys = k; m->vals = vals; m->cap = cap;
    }
    size_t i = mix64(key) & (m->cap - 1);
    while (m->keys[i] != KERN_EMPTY && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    if (m->keys[i] == KERN_EMPTY) m->n++;
    m->keys[i] = key;
    m->vals[i] = v;
}

/* ---- registry ---- */

zw_fonts *zw_fonts_new(void) {
    zw_fonts *f = zw_xmalloc(sizeof *f);
    if (f) memset(f, 0, sizeof *f);
    return f;
}

static void face_drop(zw_face *fc) {
    hb_buffer_destroy(fc->buf);
    hb_font_destroy(fc->font);
    hb_face_destroy(fc->face);
    hb_blob_destroy(fc->blob);
    free(fc->path_owned);
    free(fc->low_owned);
    free(fc->high.keys); free(fc->high.vals);
    free(fc->kerns.keys); free(fc->kerns.vals);
    free(fc->kern_low);
}

void zw_fonts_drop(zw_fonts *f) {
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) face_drop(&f->faces[i]);
    free(f->faces);
    free(f);
}

size_t zw_fonts_count(const zw_fonts *f) { return f ? f->n : 0; }

void zw_fonts_set_path(zw_fonts *f, const char *own, const char *path) {
    f->own = own;
    f->path = path;
}

/* dir/file in a when it is readable, else NULL. */
static char *readable(zw_arena *a, const char *dir, size_t dlen, const char *file) {
    char *p = zw_arena_printf(a, "%.*s/%s", (int)dlen, dir, file);
    return p && access(p, R_OK) == 0 ? p : NULL;
}

char *zw_fonts_find(const zw_fonts *f, zw_arena *a, const char *dir, const char *file) {
    if (file[0] == '/') return access(file, R_OK) == 0 ? zw_arena_strndup(a, file, strlen(file)) : NULL;
    char *p = NULL;
    if (dir && (p = readable(a, dir, strlen(dir), file))) return p;
    if ((p = readable(a, "fonts", 5, file))) return p;
    if (f->own && (p = readable(a, f->own, strlen(f->own), file))) return p;
    for (const char *s = f->path ? f->path : debian_fonts; *s;) {
        size_t n = strcspn(s, ":");
        if (n && (p = readable(a, s, n, file))) return p;
        s += n + (s[n] == ':');
    }
    return NULL;
}

void zw_fonts_fingerprint(const zw_fonts *f, int face, zw_digest *h) {
    if (!f || face < 0 || (size_t)face >= f->n) return;
    unsigned len = 0;
    const unsigned char *p = (const unsigned char *)hb_blob_get_data(f->faces[face].blob, &len);
    size_t dir = len >= 12 ? 12 + 16 * (size_t)(p[4] << 8 | p[5]) : len;   /* offset table + table records */
    unsigned char n[4] = {(unsigned char)(len >> 24), (unsigned char)(len >> 16), (unsigned char)(len >> 8),
                          (unsigned char)len};
    zw_digest_add(h, n, sizeof n);
    zw_digest_add(h, p, dir < len ? dir : len);
}

const char *zw_fonts_path(const zw_fonts *f, int face) {
    if (!f || face < 0 || (size_t)face >= f->n) return NULL;
    return f->faces[face].path_owned;
}

/* Read the 4-byte sfnt tag; false after reporting when the file cannot be read or is not TrueType. */
static bool check_magic(zw_diags *d, const char *path, zw_pos pos) {
    FILE *fp = fopen(path, "rb");
    if (!fp) { zw_diag(d, ZW_ERROR, pos, "cannot read font file '%s': %s", path, strerror(errno)); return false; }
    unsigned char m[4];
    size_t got = fread(m, 1, 4, fp);
    int err = ferror(fp) ? errno : 0;
    fclose(fp);
    if (err) { zw_diag(d, ZW_ERROR, pos, "cannot read font file '%s': %s", path, strerror(err)); return false; }
    uint32_t tag = got == 4 ? (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3] : 0;
    if (tag == 0x00010000u || tag == HB_TAG('t', 'r', 'u', 'e')) return true;
    if (tag == HB_TAG('O', 'T', 'T', 'O'))
        zw_diag(d, ZW_ERROR, pos, "'%s' is an OpenType/CFF font; zetwerk needs TrueType (.ttf)", path);
    else if (tag == HB_TAG('t', 't', 'c', 'f'))
        zw_diag(d, ZW_ERROR, pos, "'%s' is a TrueType collection (.ttc); zetwerk needs a single TrueType font (.ttf)", path);
    else
        zw_diag(d, ZW_ERROR, pos, "'%s' is not a TrueType font", path);
    return false;
}

int zw_fonts_load(zw_fonts *f, zw_diags *d, const char *path, zw_pos pos) {
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->faces[i].path_owned, path) == 0) return (int)i;
    if (!check_magic(d, path, pos)) return -1;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 4;
        zw_face *nf = zw_xrealloc(f->faces, cap * sizeof *nf);
        if (!nf) { zw_diag(d, ZW_ERROR, pos, "out of memory loading font '%s'", path); return -1; }
        f->faces = nf; f->cap = cap;
    }
    zw_face fc = {0};
    fc.blob = hb_blob_create_from_file_or_fail(path);
    if (!fc.blob) {
        zw_diag(d, ZW_ERROR, pos, "cannot read font file '%s': %s", path, errno ? strerror(errno) : "read failed");
        return -1;
    }
    fc.face = hb_face_create(fc.blob, 0);
    fc.upem = hb_face_get_upem(fc.face);
    hb_blob_t *hmtx = hb_face_reference_table(fc.face, HB_TAG('h', 'm', 't', 'x'));
    hb_blob_t *cmap = hb_face_reference_table(fc.face, HB_TAG('c', 'm', 'a', 'p'));
    bool ok = hb_face_get_glyph_count(fc.face) > 0 && hb_blob_get_length(hmtx) > 0 && hb_blob_get_length(cmap) > 0;
    hb_blob_destroy(hmtx);
    hb_blob_destroy(cmap);
    if (!ok) {
        zw_diag(d, ZW_ERROR, pos, "'%s' is not a TrueType font", path);
        face_drop(&fc);
        return -1;
    }
    fc.font = hb_font_create(fc.face);
    fc.buf = hb_buffer_create();
    size_t plen = strlen(path);
    fc.path_owned = zw_xmalloc(plen + 1);
    if (!fc.path_owned || !hb_buffer_allocation_successful(fc.buf)) {
        zw_diag(d, ZW_ERROR, pos, "out of memory loading font '%s'", path);
        face_drop(&fc);
        return -1;
    }
    memcpy(fc.path_owned, path, plen + 1);
    hb_position_t asc = 0, desc = 0;
    hb_ot_metrics_get_position(fc.font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
    hb_ot_metrics_get_position(fc.font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
    fc.ascent = asc * 1000.0 / fc.upem;
    fc.descent = -desc * 1000.0 / fc.upem;
    f->faces[f->n] = fc;
    return (int)f->n++;
}

/* ---- measuring ---- */

static zw_face *face_at(zw_fonts *f, int face) {
    return f && (size_t)(unsigned)face < f->n ? &f->faces[face] : NULL;   /* a negative face wraps: too big */
}

uint32_t zw_font_stand_in(uint32_t cp) { return cp == 0xA0 ? 0x20 : cp == 0xAD ? '-' : 0; }

/* Look the character up in the font (or its stand-in): advance in integer 1/1000 em (as libharu's /W) and
 * coverage. */
static adv_entry lookup_advance(zw_face *fc, uint32_t cp) {
    hb_codepoint_t gid = 0;
    uint32_t alt = zw_font_stand_in(cp);
    bool covered = hb_font_get_nominal_glyph(fc->font, cp, &gid) || (alt && hb_font_get_nominal_glyph(fc->font, alt, &gid));
    if (!covered) gid = 0;
    hb_position_t adv = hb_font_get_glyph_h_advance(fc->font, gid);
    int32_t w = (int32_t)lround(adv * 1000.0 / fc->upem);
    return (adv_entry)(w * 2 + (covered ? 1 : 0));
}

static adv_entry advance_entry(zw_face *fc, uint32_t cp) {
    if (cp < LOW_CP) {
        if (!fc->low_owned) {
            fc->low_owned = zw_xmalloc(LOW_CP * sizeof *fc->low_owned);
            if (!fc->low_owned) return lookup_advance(fc, cp);
            for (size_t i = 0; i < LOW_CP; i++) fc->low_owned[i] = ADV_UNSET;
        }
        adv_entry *e = &fc->low_owned[cp];
        if (*e == ADV_UNSET) *e = lookup_advance(fc, cp);
        return *e;
    }
    adv_entry *e = cp_map_find(&fc->high, cp);
    if (e) return *e;
    adv_entry v = lookup_advance(fc, cp);
    cp_map_put(&fc->high, cp, v);
    return v;
}

/* Advance in 1/1000 em (exact for negative advances too, which fonts should not have). */
static int32_t advance(zw_face *fc, uint32_t cp) {
    adv_entry e = advance_entry(fc, cp);
    return (e - (e & 1)) / 2;
}

/* Shape the pair and compare with the nominal advances, in font units. */
static double shape_kern(zw_face *fc, uint32_t l, uint32_t r) {
    hb_buffer_t *b = fc->buf;
    hb_buffer_clear_contents(b);
    hb_codepoint_t pair[2] = {l, r};
    hb_buffer_add_codepoints(b, pair, 2, 0, 2);
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_set_script(b, HB_SCRIPT_LATIN);
    hb_buffer_set_language(b, hb_language_from_string("nl", -1));
    hb_shape(fc->font, b, kern_features, sizeof kern_features / sizeof kern_features[0]);
    unsigned n = 0;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &n);
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, NULL);
    if (n != 2 || !pos || !info) return 0; /* merged or decomposed: not a plain pair */
    hb_position_t shaped = pos[0].x_advance + pos[1].x_advance;
    hb_position_t nominal = hb_font_get_glyph_h_advance(fc->font, info[0].codepoint) +
                            hb_font_get_glyph_h_advance(fc->font, info[1].codepoint);
    double k = (shaped - nominal) * 1000.0 / fc->upem;
    return round(k * 10.0) / 10.0;
}

/* The direct table slot of a pair below KERN_LOW, allocated on first use; NULL for other pairs. */
static float *kern_low_slot(zw_face *fc, uint32_t l, uint32_t r) {
    if (l >= KERN_LOW || r >= KERN_LOW) return NULL;
    if (!fc->kern_low) {
        fc->kern_low = zw_xmalloc(KERN_LOW * KERN_LOW * sizeof *fc->kern_low);
        if (!fc->kern_low) return NULL;
        for (size_t i = 0; i < KERN_LOW * KERN_LOW; i++) fc->kern_low[i] = NAN;
    }
    return &fc->kern_low[l * KERN_LOW + r];
}

static double face_kern(zw_face *fc, uint32_t l, uint32_t r) {
    float *slot = kern_low_slot(fc, l, r);
    if (slot && !isnan(*slot)) return *slot;
    if (slot) return *slot = (float)shape_kern(fc, l, r);
    uint64_t key = (uint64_t)l << 32 | r;
    float *hit = kern_map_find(&fc->kerns, key);
    if (hit) return *hit;
    float k = (float)shape_kern(fc, l, r);
    kern_map_put(&fc->kerns, key, k);
    return k;
}

/* advance() and face_kern() for the common case, a code point or pair already in the direct tables. */
static inline int32_t quick_advance(zw_face *fc, uint32_t cp) {
    adv_entry e = cp < LOW_CP && fc->low_owned ? fc->low_owned[cp] : ADV_UNSET;
    return e != ADV_UNSET ? (e - (e & 1)) / 2 : advance(fc, cp);
}

static inline double quick_kern(zw_face *fc, uint32_t l, uint32_t r) {
    if (l < KERN_LOW && r < KERN_LOW && fc->kern_low) {
        float k = fc->kern_low[l * KERN_LOW + r];
        if (!isnan(k)) return k;
    }
    return face_kern(fc, l, r);
}

static double m_kern(void *ctx, int face, uint32_t l, uint32_t r) {
    zw_face *fc = face_at(ctx, face);
    return fc ? quick_kern(fc, l, r) : 0;
}

static double m_width(void *ctx, int face, double size, const char *s, size_t n) {
    zw_face *fc = face_at(ctx, face);
    if (!fc) return 0;
    const char *end = s + n;
    double total = 0;
    uint32_t prev = 0;
    bool first = true;
    while (s < end) {
        uint32_t cp = (unsigned char)*s < 0x80 ? (uint32_t)(unsigned char)*s++ : zw_utf8_next(&s, end);
        total += quick_advance(fc, cp);
        if (!first) total += quick_kern(fc, prev, cp);
        prev = cp;
        first = false;
    }
    return total * size / 1000.0;
}

static double m_ascent(void *ctx, int face) {
    zw_face *fc = face_at(ctx, face);
    return fc ? fc->ascent : 0;
}

static double m_descent(void *ctx, int face) {
    zw_face *fc = face_at(ctx, face);
    return fc ? fc->descent : 0;
}

static bool m_covers(void *ctx, int face, uint32_t cp) {
    zw_face *fc = face_at(ctx, face);
    if (!fc) return false;
    adv_entry e = cp < LOW_CP && fc->low_owned ? fc->low_owned[cp] : ADV_UNSET;
    return (e != ADV_UNSET ? e : advance_entry(fc, cp)) & 1;
}

zw_metrics zw_fonts_metrics(zw_fonts *f) {
    zw_metrics m = {f, m_width, m_kern, m_ascent, m_descent, m_covers};
    return m;
}
