/* inline.c — light inline markup → styled spans.
 *
 * Grammar (one scalar at a time):
 *   text     := { escape | bold | italic | sup | noteref | nbsp | char }
 *   escape   := '\' char            a literal char; '\' + newline is a forced line break
 *   bold     := '**' … '**'         italic := '*' … '*'         sup := '^' … '^'
 *   noteref  := '[^' key ']'        nbsp := '~'
 *   nohyphen := '{nohyphen ' … '}'  never hyphenated
 *   lang     := '{lang ' tag ' ' … '}'   text in another language (a BCP 47 tag: en, en-GB, fr); never
 *                                   hyphenated (other braces than these and ref/page are literal)
 *   link     := '[' text '](' address ')'   address: https://…, http://…, mailto:…, www.…, an e-mail
 *                                     address, or '#' id (a bracket that opens no such link is literal)
 *   ref      := '{ref ' id '}'       what the id names ("paragraaf 1.3"), set by layout
 *   pageref  := '{page ' id '}'      the number of the page it stands on, set by layout
 *   autolink := a URL (https://…, http://…, www.…) or an e-mail address at the start of a word: a link
 *               to itself, never hyphenated, without the punctuation that ends a sentence after it
 * Whitespace runs fold to one space; leading and trailing whitespace is dropped.  Unclosed markup is an
 * error at the opening mark, with a hint to escape it.
 *
 * Memory: a clean scalar (the loader's mark: nothing to parse) is one span borrowing its string; the
 * texts of other scalars' spans are built in a scratch buffer and then written over the scalar's own
 * string when it is lasting (the loader left room), so the model keeps one copy of the text, not two. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "zw_model.h"

/* Parser state for one scalar. */
typedef struct inl {
    zw_arena *a;
    zw_diags *d;
    const zw_value *v;
    const zw_inline_env *env;
    zw_span *spans;       /* spans so far (malloc'd scratch; copied to the arena at its exact size) */
    size_t n, cap;
    char *buf;            /* the text spans so far, each NUL-terminated, then the one being built (malloc'd) */
    size_t blen, bcap;
    size_t cur;           /* where the span being built starts in buf */
    size_t bstart;        /* byte offset in the scalar where the current span starts */
    unsigned style;       /* current style bits (and language) */
    size_t open_at[5];    /* offsets where bold/italic/sup/nohyphen/lang were opened */
    char brace[2];        /* the braces open, innermost last: 'h' nohyphen, 'l' lang */
    int nbrace;
    bool pending_space;   /* whitespace seen, not yet written */
    bool links;           /* the scalar may hold a URL or an e-mail address: words are looked at for them */
    const char *href;     /* inside a link: where it leads (its spans get it) … */
    size_t link_end, link_after;   /* … the offset of its ']', and the offset after its '(address)' */
    bool ok;
} inl;

/* Position of byte offset `off` in the scalar: exact for one-line plain or quoted scalars. */
static zw_pos pos_at(const inl *p, size_t off) {
    zw_pos pos = p->v->pos;
    if (!memchr(p->v->str, '\n', p->v->len) && pos.line > 0) {
        int cols = 0;
        for (size_t i = 0; i < off && i < p->v->len; i++)
            if (((unsigned char)p->v->str[i] & 0xC0) != 0x80) cols++;
        pos.col += cols + (p->v->plain ? 0 : 1);
    }
    return pos;
}

static bool buf_put(inl *p, const char *s, size_t n) {
    if (!zw_reserve((void **)&p->buf, &p->bcap, p->blen + n + 1, 1)) { p->ok = false; return false; }
    memcpy(p->buf + p->blen, s, n);
    p->blen += n;
    return true;
}

static zw_span *push_span(inl *p) {
    if (!zw_grow((void **)&p->spans, &p->cap, p->n, sizeof *p->spans)) { p->ok = false; return NULL; }
    zw_span *s = &p->spans[p->n++];
    memset(s, 0, sizeof *s);
    return s;
}

/* Write a pending space, unless at the very start of the text. */
static void flush_space(inl *p) {
    if (p->pending_space && (p->blen > p->cur || p->n > 0)) buf_put(p, " ", 1);
    p->pending_space = false;
}

/* End the current text span (if it has text).  Its text stays in buf (NUL-terminated: buf_put left room)
 * until place_texts gives every span its text at once. */
static void flush_text(inl *p, size_t next_start) {
    if (p->blen > p->cur) {
        zw_span *s = push_span(p);
        if (s) {
            s->kind = ZW_SPAN_TEXT;
            s->style = p->style;
            s->href = p->style & ZW_LINK ? p->href : NULL;
            s->len = p->blen - p->cur;
            s->pos = pos_at(p, p->bstart);
            p->buf[p->blen++] = 0;
            p->cur = p->blen;
        }
    }
    p->bstart = next_start;
}

/* Move the text spans' texts (buf[0..blen)) to where they stay: over the scalar's own text when it is
 * `lasting` and they fit in its buffer (the loader left room for them: see yaml_load.c), else into one
 * copy in the arena.  Returns false when out of memory. */
static bool place_texts(inl *p) {
    if (p->blen == 0) return true;
    const zw_value *v = p->v;
    char *dst = NULL;
    if (v->lasting) {
        size_t room = (size_t)v->len + 1;
        for (const char *t = v->str; (t = memchr(t, '~', (size_t)(v->str + v->len - t))); t++) room++;
        if (p->blen <= room) dst = (char *)v->str;   /* the model's now; the tree is done with it */
    }
    if (!dst) dst = zw_arena_strndup(p->a, p->buf, p->blen - 1);   /* (the last NUL comes with it) */
    if (!dst) return false;
    if (dst == v->str) memcpy(dst, p->buf, p->blen);
    size_t off = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->spans[i].kind != ZW_SPAN_TEXT) continue;
        p->spans[i].text = dst + off;
        off += p->spans[i].len + 1;
    }
    return true;
}

static void toggle(inl *p, unsigned bit, int slot, size_t at, size_t next) {
    flush_text(p, next);
    if (!(p->style & bit)) p->open_at[slot] = at;
    p->style ^= bit;
}

/* [^key] at s[i]; returns the offset after it. */
static size_t note_ref(inl *p, size_t i) {
    const char *s = p->v->str;
    size_t j = i + 2;
    while (j < p->v->len && s[j] != ']' && s[j] != ' ' && s[j] != '\n') j++;
    if (j >= p->v->len || s[j] != ']' || j == i + 2) {
        zw_diag(p->d, ZW_ERROR, pos_at(p, i), "unclosed footnote reference: write [^key] (or \\[ for a bracket)");
        return j;
    }
    flush_space(p);
    flush_text(p, j + 1);
    char *key = NULL;   /* NUL-terminated after the spans' texts in buf, and forgotten: the model need not keep it */
    if (buf_put(p, s + i + 2, j - i - 2)) {
        key = p->buf + p->cur;
        p->buf[p->blen] = 0;
        p->blen = p->cur;
    }
    zw_note *note = key ? p->env->note(p->env->ctx, key) : NULL;
    if (key && !note) {
        zw_diag(p->d, ZW_ERROR, pos_at(p, i), "undefined footnote '%s': add it under 'footnotes:'", key);
    } else if (note) {
        zw_span *sp = push_span(p);
        if (sp) {
            sp->kind = ZW_SPAN_NOTE_REF;
            sp->style = p->style;
            sp->note = note;
            sp->text = note->key;
            sp->len = strlen(note->key);
            sp->pos = pos_at(p, i);
        }
    }
    return j + 1;
}

/* ---- links ------------------------------------------------------------------------------------ */

static bool starts(const char *s, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && !memcmp(s, prefix, k);
}

/* The length of an e-mail address at s[0] (local part, '@', a domain with a dot), without a final dot;
 * 0 when none starts there. */
static size_t email_len(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && (isalnum((unsigned char)s[i]) || strchr("._%+-", s[i]))) i++;
    if (i == 0 || s[0] == '.' || i >= n || s[i] != '@') return 0;
    size_t d = ++i;
    while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.')) i++;
    while (i > d && s[i - 1] == '.') i--;
    const char *dot = i > d ? memchr(s + d, '.', i - d) : NULL;
    return dot && dot > s + d && i - (size_t)(dot - s) > 2 ? i : 0;
}

/* A byte of a URL written in the text: not whitespace, not inline markup. */
static bool url_byte(char c) { return (unsigned char)c > ' ' && !strchr("*^[]{}~\\\"<>", c); }

/* The length of a URL (https://…, http://…, www.…) or an e-mail address at s[0], without the punctuation
 * that may follow it in a sentence; 0 when none starts there.  *how: 0 the address as written, 1 on
 * https, 2 by mail. */
static size_t autolink(const char *s, size_t n, int *how) {
    size_t k = 0, min;
    if (starts(s, n, "https://") || starts(s, n, "http://")) { *how = 0; min = s[4] == 's' ? 8 : 7; }
    else if (starts(s, n, "www.")) { *how = 1; min = 4; }
    else { *how = 2; return email_len(s, n); }
    while (k < n && url_byte(s[k])) k++;
    while (k > min && strchr(".,;:!?)'", s[k - 1])) k--;
    if (*how == 1 && !memchr(s + min, '.', k - min)) return 0;   /* www.diemen.nl, not "www." */
    return k > min ? k : 0;
}

/* Whether s[i] may start a URL or an e-mail address: it starts the text or follows what cannot be inside
 * one (a space, a bracket, markup). */
static bool word_start(const char *s, size_t i) {
    return i == 0 || !(isalnum((unsigned char)s[i - 1]) || strchr("._%+-/:@", s[i - 1]) || (s[i - 1] & 0x80));
}

/* The length of an id at s[0]: letters, digits, '-', '_' and '.' (as bind.c's `id:`). */
static size_t id_len(const char *s, size_t n) {
    size_t k = 0;
    while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' || s[k] == '.')) k++;
    return k;
}

/* Where an address leads, as the PDF's link: a copy of https://, http://, mailto: addresses and of
 * "#id", www.… on https, an e-mail address by mail; NULL when it is none of these (how < 0: tell from its
 * form). */
static const char *link_href(inl *p, const char *a, size_t n, int how) {
    if (how < 0) {
        if (starts(a, n, "https://") || starts(a, n, "http://") || starts(a, n, "mailto:")) how = 0;
        else if (n > 1 && a[0] == '#' && id_len(a + 1, n - 1) == n - 1) how = 0;
        else if (starts(a, n, "www.")) how = 1;
        else if (email_len(a, n) == n) how = 2;
        else return NULL;
    }
    static const char *const prefix[] = {"", "https://", "mailto:"};
    char *h = zw_arena_printf(p->a, "%s%.*s", prefix[how], (int)n, a);
    if (!h) p->ok = false;
    return h;
}

/* A URL or e-mail address of k bytes at s[i]: a span of its own, linked to itself, never hyphenated. */
static void autolink_span(inl *p, size_t i, size_t k, int how) {
    flush_space(p);
    flush_text(p, i);
    const char *href = link_href(p, p->v->str + i, k, how);
    unsigned style = p->style;
    p->style |= ZW_LINK | ZW_NOHYPH;
    p->href = href;
    buf_put(p, p->v->str + i, k);
    flush_text(p, i + k);
    p->style = style;
    p->href = NULL;
}

/* [text](address) at s[i]: the text is parsed as any other, up to the ']'; returns the offset after the
 * '[', or 0 when s[i] opens no link (the bracket then stays as written). */
static size_t link_open(inl *p, size_t i) {
    const char *s = p->v->str;
    size_t n = p->v->len, j = i + 1;
    while (j < n && s[j] != ']' && s[j] != '[') j += s[j] == '\\' && j + 1 < n ? 2 : 1;
    if (j + 1 >= n || s[j] != ']' || s[j + 1] != '(') return 0;
    size_t a = j + 2, k = a;
    while (k < n && s[k] != ')' && !isspace((unsigned char)s[k])) k++;
    if (k >= n || s[k] != ')') return 0;
    const char *href = link_href(p, s + a, k - a, -1);
    if (!href) {
        if (p->ok)
            zw_diag(p->d, ZW_ERROR, pos_at(p, a), "a link leads to an address starting with https://, http://, "
                    "mailto: or www., to an e-mail address or to #id, not '%.*s' (or write \\[ for a bracket)",
                    (int)(k - a), s + a);
        return 0;
    }
    if (j == i + 1) {
        zw_diag(p->d, ZW_ERROR, pos_at(p, i), "a link without text: write [tekst](%.*s)", (int)(k - a), s + a);
        return k + 1;
    }
    flush_space(p);
    flush_text(p, i + 1);
    p->href = href;
    p->link_end = j;
    p->link_after = k + 1;
    p->style |= ZW_LINK;
    return i + 1;
}

/* The ']' of the link being parsed: its spans are done; returns the offset after its address. */
static size_t link_close(inl *p) {
    flush_text(p, p->link_after);
    p->style &= ~(unsigned)ZW_LINK;
    p->href = NULL;
    return p->link_after;
}

/* {ref id} or {page id} at s[i]: a span the layout sets (what the id names, the number of its page);
 * returns the offset after it, or 0 when s[i] starts neither (the brace is then literal). */
static size_t reference(inl *p, size_t i) {
    const char *s = p->v->str;
    size_t n = p->v->len, k = starts(s + i, n - i, "{ref ") ? 5 : starts(s + i, n - i, "{page ") ? 6 : 0;
    if (!k) return 0;
    size_t id = i + k, len = id_len(s + id, n - id);
    if (len == 0 || id + len >= n || s[id + len] != '}') {
        zw_diag(p->d, ZW_ERROR, pos_at(p, i), "a reference is written {ref id} or {page id}, with an id of "
                "letters, digits, '-', '_' and '.' (or write \\{ for a brace)");
        return id;
    }
    flush_space(p);
    flush_text(p, id + len + 1);
    zw_span *sp = push_span(p);
    char *text = zw_arena_strndup(p->a, s + id, len);
    if (!sp || !text) { p->ok = false; return n; }
    sp->kind = k == 5 ? ZW_SPAN_REF : ZW_SPAN_PAGE_REF;
    sp->style = p->style;
    sp->text = text;
    sp->len = len;
    sp->pos = pos_at(p, i);
    return id + len + 1;
}

static void forced_break(inl *p, size_t i) {
    flush_text(p, i + 2);
    zw_span *s = push_span(p);
    if (s) { s->kind = ZW_SPAN_BREAK; s->text = ""; s->pos = pos_at(p, i); }
    p->pending_space = false;
}

/* Whether s[0..n) is a language tag: a language of 2 or 3 letters (ISO 639), then subtags of 1–8 letters
 * or digits, each after a hyphen (en, en-GB, fr-BE, sr-Latn). */
static bool lang_tag(const char *s, size_t n) {
    size_t i = 0, k = 0;
    while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) i++;
    if (i < 2 || i > 3) return false;
    while (i < n) {
        if (s[i++] != '-') return false;
        for (k = 0; i < n && s[i] != '-'; i++, k++)
            if (!((s[i] >= '0' && s[i] <= '9') || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))) return false;
        if (k < 1 || k > 8) return false;
    }
    return true;
}

/* "{lang tag " at s[i]: the text up to the matching '}' is in that language; returns the offset after it. */
static size_t lang_open(inl *p, size_t i) {
    const char *s = p->v->str;
    size_t t = i + 6, e = t;
    while (e < p->v->len && s[e] != ' ' && s[e] != '\n' && s[e] != '}') e++;
    if (e >= p->v->len || s[e] == '}' || !lang_tag(s + t, e - t)) {
        zw_diag(p->d, ZW_ERROR, pos_at(p, i), "'{lang' wants a language tag and then the text: {lang en Shared "
                "Service Center} (tags such as en, en-GB, fr; or \\{ for a brace)");
        return e;
    }
    int n = p->env->lang ? p->env->lang(p->env->ctx, s + t, e - t) : 0;
    if (n <= 0) {
        zw_diag(p->d, ZW_ERROR, pos_at(p, i), "too many languages in {lang …}: at most %d in a document", ZW_MAX_LANGS);
        return e;
    }
    flush_space(p);
    flush_text(p, e + 1);
    p->open_at[4] = i;
    p->style = (p->style & ~ZW_LANG_MASK) | (unsigned)n << ZW_LANG_SHIFT;
    p->brace[p->nbrace++] = 'l';
    return e + 1;
}

/* The '}' at s[i] that closes the innermost brace. */
static size_t brace_close(inl *p, size_t i) {
    if (p->brace[--p->nbrace] == 'h') {
        toggle(p, ZW_NOHYPH, 3, i, i + 1);
    } else {
        flush_text(p, i + 1);
        p->style &= ~ZW_LANG_MASK;
    }
    return i + 1;
}

/* Handle the markup character at s[i]; returns the offset after it. */
static size_t markup(inl *p, size_t i) {
    const char *s = p->v->str;
    char c = s[i], c2 = i + 1 < p->v->len ? s[i + 1] : 0;
    if (c == '\\' && c2 == '\n') { forced_break(p, i); return i + 2; }
    if (c == '\\' && c2) { flush_space(p); buf_put(p, s + i + 1, 1); return i + 2; }
    if (c == '*' && c2 == '*') { flush_space(p); toggle(p, ZW_BOLD, 0, i, i + 2); return i + 2; }
    if (c == '*') { flush_space(p); toggle(p, ZW_ITALIC, 1, i, i + 1); return i + 1; }
    if (c == '^') { flush_space(p); toggle(p, ZW_SUP, 2, i, i + 1); return i + 1; }
    if (c == '[' && c2 == '^') return note_ref(p, i);
    size_t after;
    if (c == '[' && !p->href && (after = link_open(p, i))) return after;
    if (c == ']' && p->href && i == p->link_end) return link_close(p);
    if (c == '~') { flush_space(p); buf_put(p, "\xC2\xA0", 2); return i + 1; }
    if (c == '{' && !(p->style & ZW_NOHYPH) && i + 10 <= p->v->len && !strncmp(s + i, "{nohyphen ", 10)) {
        flush_space(p);
        toggle(p, ZW_NOHYPH, 3, i, i + 10);
        p->brace[p->nbrace++] = 'h';
        return i + 10;
    }
    if (c == '{' && !(p->style & ZW_LANG_MASK) && i + 6 <= p->v->len && !strncmp(s + i, "{lang ", 6)) return lang_open(p, i);
    if (c == '}' && p->nbrace > 0) return brace_close(p, i);
    if (c == '{' && (after = reference(p, i))) return after;
    flush_space(p);
    buf_put(p, s + i, 1);
    return i + 1;
}

static void check_closed(inl *p) {
    static const char *const names[5] = {"'**' (bold)", "'*' (italic)", "'^' (superscript)", "'{nohyphen' (no hyphenation)",
                                         "'{lang' (another language)"};
    static const char *const esc[5] = {"\\*\\*", "\\*", "\\^", "\\{", "\\{"};
    static const unsigned bits[5] = {ZW_BOLD, ZW_ITALIC, ZW_SUP, ZW_NOHYPH, ZW_LANG_MASK};
    for (int k = 0; k < 5; k++)
        if (p->style & bits[k])
            zw_diag(p->d, ZW_ERROR, pos_at(p, p->open_at[k]),
                    "unclosed %s: close it, or write %s for the literal character", names[k], esc[k]);
}

/* A clean scalar (see zw_value.h) is one span of itself: its text borrowed when it outlasts the tree. */
static bool clean_span(zw_arena *a, zw_diags *d, const zw_value *v, zw_text *out) {
    zw_pos pos = v->pos;             /* pos_at(.., 0), as a clean text has no line break */
    if (pos.line > 0 && !v->plain) pos.col++;
    zw_span *sp = zw_arena_alloc(a, sizeof *sp);
    const char *text = !sp ? NULL : v->lasting ? v->str : zw_arena_strndup(a, v->str, v->len);
    if (!text) {
        zw_diag(d, ZW_ERROR, v->pos, "out of memory");
        return false;
    }
    *sp = (zw_span){.kind = ZW_SPAN_TEXT, .text = text, .len = v->len, .pos = pos};
    *out = (zw_text){sp, 1, v->pos};
    return true;
}

/* The characters that are whitespace or markup: the others are copied as they are. */
static const bool special[256] = {
    [' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true, ['\\'] = true, ['*'] = true, ['^'] = true,
    ['['] = true, [']'] = true, ['~'] = true, ['{'] = true, ['}'] = true,
};

static bool ordinary(unsigned char c) { return !special[c]; }

/* The end of the run of text from s[i] (ordinary) that is copied as it is: ordinary characters and single
 * spaces between them (each such space would be written as the one space it folds to). */
static size_t ordinary_run(const char *s, size_t i, size_t n) {
    size_t j = i + 1;
    for (;;) {
        while (j < n && ordinary((unsigned char)s[j])) j++;
        if (j + 1 >= n || s[j] != ' ' || !ordinary((unsigned char)s[j + 1])) return j;
        j += 2;
    }
}

/* Whether a text may hold a URL or an e-mail address (only such texts are looked at word by word): an
 * '@', a "://" or a "www.", each found by memchr for its rarest byte. */
static bool may_link(const zw_value *v) {
    const char *s = v->str, *end = s + v->len;
    if (memchr(s, '@', v->len)) return true;
    for (const char *p = s; (p = memchr(p, ':', (size_t)(end - p))) && end - p >= 3; p++)
        if (p[1] == '/' && p[2] == '/') return true;
    for (const char *p = s; (p = memchr(p, '.', (size_t)(end - p))); p++)
        if (p - s >= 3 && p[-1] == 'w' && p[-2] == 'w' && p[-3] == 'w') return true;
    return false;
}

bool zw_inline_parse(zw_arena *a, zw_diags *d, const zw_value *scalar, const zw_inline_env *env, zw_text *out) {
    bool links = may_link(scalar);
    if (scalar->clean && !links) return clean_span(a, d, scalar, out);
    inl p = {.a = a, .d = d, .v = scalar, .env = env, .links = links, .ok = true};
    size_t errs = zw_diags_errors(d);
    const char *s = scalar->str;
    size_t i = 0;
    p.bcap = scalar->len + 16;   /* room for the usual texts at once (buf_put grows it for more '~') */
    p.buf = zw_xmalloc(p.bcap);
    if (!p.buf) { p.ok = false; p.bcap = 0; }
    while (i < scalar->len && p.ok) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            p.pending_space = true;
            i++;
        } else if (ordinary(c)) {   /* a run at once, as markup() and flush_space would copy it bit by bit */
            size_t k = 0;
            int how;
            if (p.links && !p.href && word_start(s, i) && (k = autolink(s + i, scalar->len - i, &how))) {
                autolink_span(&p, i, k, how);
                i += k;
                continue;
            }
            size_t j = p.links ? i + 1 : ordinary_run(s, i, scalar->len);   /* (a link may start at any word) */
            flush_space(&p);
            buf_put(&p, s + i, j - i);
            i = j;
        } else {
            i = markup(&p, i);
        }
    }
    flush_text(&p, i);
    check_closed(&p);
    if (p.ok && !place_texts(&p)) p.ok = false;
    free(p.buf);
    out->spans = NULL;
    out->n = 0;
    if (p.n && p.ok) {   /* the exact size, so outgrown copies are not left in the arena */
        out->spans = zw_arena_alloc(a, p.n * sizeof *out->spans);
        if (out->spans) { memcpy(out->spans, p.spans, p.n * sizeof *out->spans); out->n = p.n; }
        else p.ok = false;
    }
    free(p.spans);
    out->pos = scalar->pos;
    if (!p.ok) zw_diag(d, ZW_ERROR, scalar->pos, "out of memory");
    return p.ok && zw_diags_errors(d) == errs;
}

zw_text zw_text_of(zw_arena *a, const char *s, unsigned style, zw_pos pos) {
    zw_text t = {NULL, 0, pos};
    zw_span *sp = s && *s ? zw_arena_alloc(a, sizeof *sp) : NULL;
    if (!sp) return t;
    *sp = (zw_span){.kind = ZW_SPAN_TEXT, .style = style, .text = s, .len = strlen(s), .pos = pos};
    t.spans = sp;
    t.n = 1;
    return t;
}

char *zw_text_plain(zw_arena *a, const zw_text *t) {
    size_t len = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->spans[i].kind == ZW_SPAN_TEXT) len += t->spans[i].len;
        else if (t->spans[i].kind == ZW_SPAN_BREAK) len += 1;
    char *out = zw_arena_alloc(a, len + 1);
    if (!out) return NULL;
    char *w = out;
    for (size_t i = 0; i < t->n; i++) {
        const zw_span *s = &t->spans[i];
        if (s->kind == ZW_SPAN_TEXT) { memcpy(w, s->text, s->len); w += s->len; }
        else if (s->kind == ZW_SPAN_BREAK) *w++ = ' ';
    }
    *w = 0;
    return out;
}
