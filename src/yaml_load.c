/* yaml_load.c — reads YAML into a zw_value tree with 1-based positions, refusing what zetwerk does not use.
 *
 * The only file that includes <yaml.h>.  It checks the raw bytes itself first (size, UTF-8, NUL and
 * control characters), then drives libyaml's event parser and builds the tree in the tree arena (values a
 * chunk at a time, unpadded), the strings of scalars that are not keys in the names arena.  Errors are
 * collected, not fatal, wherever the parser can go on; a libyaml error, too deep nesting and out of memory
 * stop the parse.  libyaml's scanner reads the checked bytes in place (see feed_parser): its reader, which
 * would decode and copy them a character at a time, has nothing left to do.
 *
 * The subset accepted (on top of YAML 1.1 syntax as libyaml scans it):
 *
 *   stream   ::= document?                  at most one document; none (an empty file) gives a null root
 *   document ::= "---"? node "..."?
 *   node     ::= scalar | sequence | mapping    without anchors (&a), aliases (*a) or tags (!t, !!str)
 *   scalar   ::= plain | 'single' | "double" | |literal | >folded
 *                a plain "", ~, null, Null or NULL is null; every other scalar is a string
 *   sequence ::= "[" node ("," node)* "]" | ("-" node)+
 *   mapping  ::= "{" key ":" node ("," key ":" node)* "}" | (key ":" node)+
 *   key      ::= scalar                     each key at most once per mapping
 *
 * with at most ZW_MAX_DEPTH sequences and mappings nested, scalars of at most ZW_MAX_SCALAR bytes, at most
 * ZW_MAX_INPUT bytes of UTF-8 without NUL bytes or control characters other than tab, LF and CR (a leading
 * byte order mark is fine).
 * Lines and columns are 1-based; columns count characters, as libyaml's marks do. */
#include "zw_utf8.h"
#include "zw_value.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define MAX_SCAN_ERRORS 20   /* encoding errors reported before the byte check gives up */
#define HASH_FROM 16         /* mappings with more keys than this find duplicates through a hash */
#define VALUE_CHUNK 64       /* values taken from the arena at once (so none is padded to 16 bytes; small, so
                                little of a 64 KiB arena block is left unused when one no longer fits) */
#define PTR_CHUNK 256        /* item and key pointers likewise */
#define TAIL 8               /* zero bytes after the input handed to libyaml's scanner (see feed_parser) */

/* An open sequence or mapping while its children are read. */
typedef struct frame {
    zw_value *node;          /* the container, kind SEQ or MAP; items filled in when it ends */
    zw_value **kids;         /* children so far, in the loader's stack of kids from `base` on (so valid only
                                until the next push); for a mapping key, value, key, value, … */
    size_t base;             /* where its children start in the loader's stack */
    size_t n;                /* children so far */
    size_t *slots;           /* mapping key hash: index into kids + 1, 0 = empty (malloc'd, or NULL) */
    size_t nslots;           /* a power of two, or 0 */
    yaml_mark_t start;       /* where it starts */
} frame;

/* The state of one parse. */
typedef struct loader {
    zw_arena *a;             /* the tree: values, their item and key arrays, keys' strings */
    zw_arena *names;         /* what may outlive the tree: the file name in positions, lasting strings */
    zw_diags *d;
    const char *name;        /* file name for positions, copy in names */
    const char *buf;         /* the input, borrowed; TAIL zero bytes follow buf[len - 1] */
    size_t len;
    size_t chars;            /* characters in it after a byte order mark (counted by check_bytes) */
    frame stack[ZW_MAX_DEPTH];  /* open containers, outermost first */
    size_t depth;            /* entries used in stack */
    zw_value **kids;         /* the children of every open container, outermost first (malloc'd) */
    size_t nkids, capkids;
    zw_value *values;        /* the rest of the current chunk of values (arena) */
    size_t nvalues;
    zw_value **ptrs;         /* the rest of the current chunk of item and key pointers (arena) */
    size_t nptrs;
    zw_value *root;          /* the document's node once read */
    int docs;                /* documents started */
    bool stop;               /* a fatal problem was reported: no further events */
    bool flow;               /* the error being explained is inside [] or {} */
    yaml_mark_t last_start;  /* the node read last: where it starts (for an error just after it) */
    size_t last_end;         /* and the 0-based line its end is on */
    bool last;               /* a node has been read */
    struct { size_t at, idx; } src;  /* where source_at last was: byte offset and character index */
} loader;

/* A position in this file. */
static zw_pos at(const loader *l, int line, int col) { return (zw_pos){l->name, line, col}; }

static zw_pos mark_pos(const loader *l, yaml_mark_t m) {
    return at(l, (int)m.line + 1, (int)m.column + 1);
}

static void out_of_memory(loader *l) {
    if (!l->stop) zw_diag(l->d, ZW_ERROR, at(l, 0, 0), "out of memory");
    l->stop = true;
}

/* ---- the raw bytes ---------------------------------------------------------------------------- */

static bool has_bom(const char *buf, size_t len) {
    return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
}

/* Walks the input a character at a time, counting lines and columns the way libyaml does. */
typedef struct cursor {
    size_t at;               /* byte offset */
    int line, col;           /* 1-based */
} cursor;

static cursor cursor_start(const char *buf, size_t len) {
    return (cursor){has_bom(buf, len) ? 3 : 0, 1, 1};
}

/* Step over the character of `clen` bytes with code point cp at c->at.  Breaks are LF, a CR not
 * followed by LF, U+2028 and U+2029.  (libyaml also breaks at NEL, but NEL is refused before it runs,
 * and editors do not show it as a break.) */
static void cursor_step(cursor *c, const char *buf, size_t len, int clen, uint32_t cp) {
    bool crlf = cp == '\r' && c->at + 1 < len && buf[c->at + 1] == '\n';
    c->at += (size_t)clen;
    if (!crlf && (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)) {
        c->line++;
        c->col = 1;
    } else {
        c->col++;
    }
}

/* The line and column of byte offset `off` (which must lie in valid UTF-8). */
static zw_pos offset_pos(const loader *l, size_t off) {
    cursor c = cursor_start(l->buf, l->len);
    while (c.at < off && c.at < l->len) {
        uint32_t cp;
        int n = zw_utf8_char((const unsigned char *)l->buf + c.at, l->len - c.at, &cp);
        cursor_step(&c, l->buf, l->len, n ? n : 1, cp);
    }
    return at(l, c.line, c.col);
}

/* C0 controls but tab, LF and CR; DEL; C1 controls; the noncharacters libyaml refuses. */
static bool forbidden(uint32_t cp) {
    if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
    return (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

/* Whether a byte is one of the usual ones: printable ASCII (0x20..0x7E), tab or LF. */
static bool usual(unsigned char b) { return (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n'; }

/* Whether the eight bytes at s are all printable ASCII or LF (each byte on its own: no carries between). */
static bool plain8(const unsigned char *s) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x, lf;
    memcpy(&x, s, 8);
    uint64_t low = x & ~highs;                                    /* each byte's low 7 bits */
    uint64_t odd = ~(low + 0x60 * ones) | (low + ones) | x;      /* high bit: < 0x20, 0x7F or >= 0x80 */
    lf = x ^ 0x0A * ones;
    lf = ~(((lf & ~highs) + ~highs) | lf);                        /* high bit: LF */
    return !(odd & ~lf & highs);
}

/* The offset of the first byte from `at` on that is not usual (or len): eight at a time where they are
 * all printable ASCII or LF, one at a time through the eight that are not. */
static size_t skip_usual(const unsigned char *s, size_t at, size_t len) {
    for (;;) {
        while (len - at >= 8 && plain8(s + at)) at += 8;
        size_t end = len - at >= 8 ? at + 8 : len;
        while (at < end && usual(s[at])) at++;
        if (at < end || at == len) return at;
    }
}

/* Report invalid UTF-8 (the first only), a NUL byte (the first only) and every forbidden character.
 * Returns whether the bytes are fine, and counts their characters in l->chars.  Positions are worked out
 * only for a character reported. */
static bool check_bytes(loader *l) {
    const unsigned char *s = (const unsigned char *)l->buf;
    int errors = 0;
    size_t at = has_bom(l->buf, l->len) ? 3 : 0;
    l->chars = l->len - at;          /* less a byte for every continuation byte, below */
    while ((at = skip_usual(s, at, l->len)) < l->len && errors < MAX_SCAN_ERRORS) {
        uint32_t cp;
        int n = zw_utf8_char(s + at, l->len - at, &cp);
        if (!n) {
            zw_diag(l->d, ZW_ERROR, offset_pos(l, at), "invalid UTF-8 (byte 0x%02X): the file must be UTF-8", s[at]);
            return false;
        }
        if (cp == 0) {
            zw_diag(l->d, ZW_ERROR, offset_pos(l, at), "NUL byte in input");
            return false;
        }
        if (forbidden(cp)) {
            zw_diag(l->d, ZW_ERROR, offset_pos(l, at), "control character U+%04X is not allowed", (unsigned)cp);
            errors++;
        }
        l->chars -= (size_t)n - 1;
        at += (size_t)n;
    }
    return errors == 0;
}

/* The byte offset of libyaml's mark m in the input.  Its index counts characters from the start (after a
 * byte order mark); marks are asked for mostly in increasing order (the scalars as they come), so the walk
 * goes on from the last one, eight ASCII bytes at a time: once through the input in all. */
static size_t source_at(loader *l, yaml_mark_t m) {
    if (m.index < l->src.idx) l->src.idx = 0, l->src.at = has_bom(l->buf, l->len) ? 3 : 0;
    const unsigned char *b = (const unsigned char *)l->buf;
    size_t at = l->src.at, idx = l->src.idx;
    while (idx < m.index && at < l->len) {
        uint64_t w;
        if (m.index - idx >= 8 && l->len - at >= 8 && (memcpy(&w, b + at, 8), !(w & 0x8080808080808080u))) {
            at += 8, idx += 8;   /* eight ASCII characters */
            continue;
        }
        at++;
        while (at < l->len && (b[at] & 0xC0) == 0x80) at++;
        idx++;
    }
    l->src.at = at;
    l->src.idx = idx;
    return at;
}

/* ---- libyaml's errors ------------------------------------------------------------------------- */

/* Whether libyaml's 0-based mark points at a tab with only blanks before it on its line. */
static bool tab_indent(const loader *l, yaml_mark_t m) {
    cursor c = cursor_start(l->buf, l->len);
    while (c.at < l->len && (size_t)c.line <= m.line) {   /* find the start of line m.line */
        uint32_t cp;
        int n = zw_utf8_char((const unsigned char *)l->buf + c.at, l->len - c.at, &cp);
        cursor_step(&c, l->buf, l->len, n ? n : 1, cp);
    }
    if ((size_t)c.line != m.line + 1 || m.column >= l->len - c.at) return false;
    const char *p = l->buf + c.at;
    for (size_t i = 0; i < m.column; i++)
        if (p[i] != ' ' && p[i] != '\t') return false;
    return p[m.column] == '\t';
}

/* The rest of the line from byte `at` (inside [] or {}: up to the next ',', ']' or '}'), at most 40 bytes
 * (cut at a character, "…" added), for a message. */
static void line_text(const loader *l, size_t at, char *out, size_t cap) {
    size_t end = at;
    while (end < l->len && l->buf[end] != '\n' && l->buf[end] != '\r' &&
           !(l->flow && end > at && strchr(",]}", l->buf[end])))
        end++;
    while (end > at && (l->buf[end - 1] == ' ' || l->buf[end - 1] == '\t')) end--;
    size_t n = end - at, max = cap - 4 < 40 ? cap - 4 : 40;
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)l->buf[at + n] & 0xC0) == 0x80) n--;
    }
    snprintf(out, cap, "%.*s%s", (int)n, l->buf + at, cut ? "\xE2\x80\xA6" : "");
}

/* A text that starts with what YAML reads as syntax (`start`: "**", "%", "- " …) and so must be quoted:
 * said at the text's position, with the text itself quoted (in single quotes when it starts with '"'). */
static void must_quote(loader *l, yaml_mark_t m, const char *start) {
    char text[64];
    line_text(l, source_at(l, m), text, sizeof text);
    char q = text[0] == '"' ? '\'' : '"';
    zw_diag(l->d, ZW_ERROR, mark_pos(l, m), "text that starts with '%s' must be quoted: write %c%s%c or put the text "
            "on the next lines after '>'", start, q, text, q);
}

/* ': ' in a plain text.  On the text's own line it is the text's (which must then be quoted); on a later
 * line, where the text goes on, it may be the text's or a key indented too far. */
static void explain_colon(loader *l, const yaml_parser_t *p) {
    zw_pos colon = mark_pos(l, p->problem_mark), text_pos = mark_pos(l, l->last_start);
    if (l->last_start.line == p->problem_mark.line) {
        char text[64];
        line_text(l, source_at(l, l->last_start), text, sizeof text);
        zw_diag(l->d, ZW_ERROR, text_pos, "text with ': ' in it must be quoted: write \"%s\" or put the text on "
                "the next lines after '>'", text);
        zw_diag(l->d, ZW_NOTE, colon, "the ': ' is here");
        return;
    }
    zw_diag(l->d, ZW_ERROR, colon, "': ' inside the text that starts on line %d: if it belongs to the text, quote "
            "the text (\"…\") or write it after '>'; if a new key starts here, indent it as the keys above it",
            text_pos.line);
    zw_diag(l->d, ZW_NOTE, text_pos, "the text starts here");
}

/* The libyaml errors that the quoting mistakes of docs/data-format.md make, explained: a text that starts
 * with a character YAML reads as syntax, a text with ': ' in it, a quote that starts a text but does not
 * end it.  false for any other error. */
static bool explain_quoting(loader *l, const yaml_parser_t *p) {
    const char *pr = p->problem ? p->problem : "", *cx = p->context ? p->context : "";
    l->flow = p->flow_level > 0;
    if (!strcmp(cx, "while scanning an alias") || !strcmp(cx, "while scanning an anchor")) {
        size_t at = source_at(l, p->context_mark);
        must_quote(l, p->context_mark, l->buf[at] == '*' && l->buf[at + 1] == '*' ? "**" : l->buf[at] == '*' ? "*" : "&");
    } else if (!strcmp(cx, "while scanning a block scalar")) {
        must_quote(l, p->context_mark, l->buf[source_at(l, p->context_mark)] == '|' ? "|" : ">");
    } else if (!strcmp(cx, "while scanning a quoted scalar") && (strstr(pr, "end of stream") || strstr(pr, "document"))) {
        size_t at = source_at(l, p->context_mark);
        char text[64];
        line_text(l, at, text, sizeof text);
        bool single = l->buf[at] == '\'';
        zw_diag(l->d, ZW_ERROR, mark_pos(l, p->context_mark), "the quote %s that starts this text is never closed: "
                "text that starts with %s must be quoted as a whole: write %s%s%s or put the text on the next lines "
                "after '>'", single ? "(')" : "(\")", single ? "'" : "'\"'", single ? "\"" : "'", text, single ? "\"" : "'");
    } else if (!strcmp(pr, "found character that cannot start any token") &&
               strchr("%@`", l->buf[source_at(l, p->problem_mark)])) {
        char c[2] = {l->buf[source_at(l, p->problem_mark)], 0};
        must_quote(l, p->problem_mark, c);
    } else if (!strcmp(pr, "block sequence entries are not allowed in this context")) {
        must_quote(l, p->problem_mark, "- ");
    } else if (!strcmp(pr, "mapping keys are not allowed in this context")) {
        must_quote(l, p->problem_mark, "? ");
    } else if (!strcmp(pr, "mapping values are not allowed in this context") && l->last) {
        explain_colon(l, p);
    } else if ((!strncmp(pr, "did not find expected", 21) || !strncmp(pr, "expected <block end>", 20)) &&
               l->last && l->last_start.line == p->problem_mark.line && l->last_end == p->problem_mark.line) {
        char c[2] = {l->buf[source_at(l, l->last_start)], 0};   /* text went on after a bracket or quote closed */
        if (!c[0] || !strchr("[{\"'", c[0])) return false;
        must_quote(l, l->last_start, c);
    } else {
        return false;
    }
    return true;
}

static void report_libyaml(loader *l, const yaml_parser_t *p) {
    const char *problem = p->problem ? p->problem : "invalid YAML";
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        out_of_memory(l);
        return;
    case YAML_READER_ERROR:
        zw_diag(l->d, ZW_ERROR, offset_pos(l, p->problem_offset), "%s", problem);
        return;
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        if (tab_indent(l, p->problem_mark)) {
            zw_diag(l->d, ZW_ERROR, mark_pos(l, p->problem_mark),
                    "tab character used for indentation; use spaces");
            return;
        }
        if (explain_quoting(l, p)) return;
        zw_diag(l->d, ZW_ERROR, mark_pos(l, p->problem_mark), "%s", problem);
        if (p->context) zw_diag(l->d, ZW_NOTE, mark_pos(l, p->context_mark), "%s", p->context);
        return;
    default:
        zw_diag(l->d, ZW_ERROR, at(l, 0, 0), "%s", problem);
        return;
    }
}

/* ---- building the tree ------------------------------------------------------------------------ */

static zw_value *new_value(loader *l, zw_vkind kind, yaml_mark_t m) {
    if (!l->nvalues) {
        l->values = zw_arena_alloc(l->a, VALUE_CHUNK * sizeof *l->values);
        if (!l->values) { out_of_memory(l); return NULL; }
        l->nvalues = VALUE_CHUNK;
    }
    zw_value *v = l->values++;   /* zeroed by the arena */
    l->nvalues--;
    v->kind = kind;
    v->pos = mark_pos(l, m);
    if (kind != ZW_V_SEQ && kind != ZW_V_MAP) v->str = "";
    return v;
}

/* n (> 0) zeroed item or key pointers; NULL when out of memory. */
static zw_value **new_ptrs(loader *l, size_t n) {
    if (n > PTR_CHUNK / 4) return zw_arena_alloc(l->a, n * sizeof(zw_value *));
    if (n > l->nptrs) {
        l->ptrs = zw_arena_alloc(l->a, PTR_CHUNK * sizeof *l->ptrs);
        if (!l->ptrs) { l->nptrs = 0; return NULL; }
        l->nptrs = PTR_CHUNK;
    }
    zw_value **p = l->ptrs;
    l->ptrs += n;
    l->nptrs -= n;
    return p;
}

static bool same_key(const zw_value *x, const zw_value *y) {
    if (x->kind != y->kind || (x->kind != ZW_V_SCALAR && x->kind != ZW_V_NULL)) return false;
    return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
}

static size_t key_hash(const zw_value *k) {   /* FNV-1a */
    size_t h = 2166136261u;
    for (size_t i = 0; i < k->len; i++) h = (h ^ (unsigned char)k->str[i]) * 16777619u;
    return h;
}

/* The hash slot holding a key equal to k, or the empty slot where it belongs. */
static size_t *key_slot(frame *f, const zw_value *k) {
    size_t mask = f->nslots - 1, i = key_hash(k) & mask;
    while (f->slots[i] && !same_key(f->kids[f->slots[i] - 1], k)) i = (i + 1) & mask;
    return &f->slots[i];
}

/* Make the hash of f's keys large enough for one more; false when out of memory. */
static bool grow_hash(frame *f) {
    size_t keys = f->n / 2 + 1;
    if (f->nslots >= 2 * keys) return true;
    size_t ns = f->nslots ? f->nslots * 2 : 64;
    size_t *slots = zw_xmalloc(ns * sizeof *slots);
    if (!slots) return false;
    memset(slots, 0, ns * sizeof *slots);
    free(f->slots);
    f->slots = slots;
    f->nslots = ns;
    for (size_t i = 0; i < f->n; i += 2) {
        size_t *s = key_slot(f, f->kids[i]);
        if (!*s) *s = i + 1;
    }
    return true;
}

/* An earlier key of the mapping equal to k (a scalar about to be added), or NULL.  Records k. */
static zw_value *earlier_key(loader *l, frame *f, zw_value *k) {
    if (f->n / 2 < HASH_FROM) {
        for (size_t i = 0; i < f->n; i += 2)
            if (same_key(f->kids[i], k)) return f->kids[i];
        return NULL;
    }
    if (!grow_hash(f)) { out_of_memory(l); return NULL; }
    size_t *s = key_slot(f, k);
    if (*s) return f->kids[*s - 1];
    *s = f->n + 1;
    return NULL;
}

static void report_duplicate(loader *l, const zw_value *k, const zw_value *first) {
    if (k->kind == ZW_V_NULL)
        zw_diag(l->d, ZW_ERROR, k->pos, "duplicate null key");
    else
        zw_diag(l->d, ZW_ERROR, k->pos, "duplicate key '%s'", k->str);
    zw_diag(l->d, ZW_NOTE, first->pos, "first defined here");
}

/* Add a finished node to the innermost container, or make it the root. */
static void attach(loader *l, zw_value *v) {
    if (!v || l->stop) return;
    if (l->depth == 0) { l->root = v; return; }
    frame *f = &l->stack[l->depth - 1];
    bool is_key = f->node->kind == ZW_V_MAP && f->n % 2 == 0;
    if (is_key && v->kind != ZW_V_SEQ && v->kind != ZW_V_MAP) {
        zw_value *first = earlier_key(l, f, v);
        if (l->stop) return;
        if (first) report_duplicate(l, v, first);
    }
    if (l->nkids == l->capkids) {
        size_t cap = l->capkids ? 2 * l->capkids : 256;
        zw_value **kids = zw_xrealloc(l->kids, cap * sizeof *kids);
        if (!kids) { out_of_memory(l); return; }
        l->kids = kids;
        l->capkids = cap;
        for (size_t i = 0; i < l->depth; i++) l->stack[i].kids = kids + l->stack[i].base;
    }
    l->kids[l->nkids++] = v;
    f->n++;
}

/* Whether the next node in the innermost container is a mapping key. */
static bool key_expected(const loader *l) {
    const frame *f = l->depth ? &l->stack[l->depth - 1] : NULL;
    return f && f->node->kind == ZW_V_MAP && f->n % 2 == 0;
}

/* Refuse anchors and tags on a node starting at m.  On a scalar they are a text that starts with '&' or
 * '!' far more often than YAML meant as such: said so. */
static void check_props(loader *l, yaml_mark_t m, const yaml_char_t *anchor, const yaml_char_t *tag, bool scalar) {
    if (scalar && (anchor || (tag && strncmp((const char *)tag, "tag:yaml.org,2002:", 18)))) {   /* not !!str */
        must_quote(l, m, anchor ? "&" : "!");
        return;
    }
    if (anchor)
        zw_diag(l->d, ZW_ERROR, mark_pos(l, m),
                "anchors and aliases are not supported: write the value out");
    if (tag) {
        const char *t = (const char *)tag, *std = "tag:yaml.org,2002:";
        bool is_std = strncmp(t, std, strlen(std)) == 0;
        zw_diag(l->d, ZW_ERROR, mark_pos(l, m), "tags are not supported: remove '%s%s'",
                is_std ? "!!" : "", is_std ? t + strlen(std) : t);
    }
}

#define NO_CONTROL 0xFFFFFFFFu

/* The first NUL or forbidden character in a scalar's value (double-quoted escapes such as "\0" or
 * "\x01" make them), or NO_CONTROL.  The value is UTF-8 made by libyaml. */
static uint32_t escaped_control(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && (c == 0 || forbidden(c))) return c;   /* C0 and DEL: one byte */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9F) return (unsigned char)s[i + 1];
    }
    return NO_CONTROL;
}

static bool plain_null(const char *s, size_t n) {
    return n == 0 || (n == 1 && s[0] == '~') ||
           (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

/* The bytes a clean text has none of (1), and the space, which it has only between other bytes (2). */
static const unsigned char not_clean[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1, ['*'] = 1, ['^'] = 1, ['['] = 1, ['~'] = 1, ['{'] = 1,
    ['}'] = 1, [' '] = 2,
};

/* Whether a scalar's text is clean (see zw_value.h): what zw_inline_parse would make one span of, as is. */
static bool clean_text(const char *s, size_t n) {
    /* The last byte first: the line break that ends a multi-line or block text settles it at once. */
    if (n == 0 || s[0] == ' ' || not_clean[(unsigned char)s[n - 1]]) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = not_clean[(unsigned char)s[i]];
        if (c == 1 || (c == 2 && s[i + 1] == ' ')) return false;   /* (a space is not the last byte) */
    }
    return true;
}

/* Whether text was lost to a comment after libyaml's mark m, the end of a plain scalar: ' #' ends a plain
 * text, and what follows is not printed.  For an empty value any comment counts (`paragraph: # Doel`);
 * after a text only one whose '#' is followed by more than a space ("Tekst #2"), as a comment written on
 * purpose ("# toelichting") is. */
static bool comment_after(loader *l, yaml_mark_t m, bool empty) {
    size_t at = source_at(l, m);
    while (at < l->len && (l->buf[at] == ' ' || l->buf[at] == '\t')) at++;
    if (at >= l->len || l->buf[at] != '#') return false;
    char next = l->buf[at + 1];   /* (a TAIL of zero bytes follows the input) */
    return empty || !(next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == 0);
}

static void on_scalar(loader *l, const yaml_event_t *e) {
    const char *s = (const char *)e->data.scalar.value;
    size_t n = e->data.scalar.length;
    yaml_scalar_style_t style = e->data.scalar.style;
    bool quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    check_props(l, e->start_mark, e->data.scalar.anchor, e->data.scalar.tag, true);
    bool is_null = style == YAML_PLAIN_SCALAR_STYLE && plain_null(s, n);
    zw_value *v = new_value(l, is_null ? ZW_V_NULL : ZW_V_SCALAR, e->start_mark);
    if (!v) return;
    v->plain = !quoted;
    l->last_start = e->start_mark;
    l->last_end = e->end_mark.line;
    l->last = true;
    if (style == YAML_PLAIN_SCALAR_STYLE && !key_expected(l)) v->comment = comment_after(l, e->end_mark, n == 0);
    if (n > (size_t)ZW_MAX_SCALAR) {
        zw_diag(l->d, ZW_ERROR, v->pos, "text is too long: %zu bytes in one value (at most %ld)", n,
                (long)ZW_MAX_SCALAR);
        v->str = "";                 /* keep the tree's shape so parsing goes on to report more */
        attach(l, v);
        return;
    }
    if (!is_null) {
        /* Only escapes make controls: the raw bytes of every other style passed check_bytes. */
        uint32_t cp = style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? escaped_control(s, n) : NO_CONTROL;
        if (cp != NO_CONTROL)
            zw_diag(l->d, ZW_ERROR, v->pos, "control character U+%04X is not allowed", (unsigned)cp);
        v->clean = clean_text(s, n);
        v->lasting = !key_expected(l);   /* texts may outlive the tree (as the model's spans); keys do not */
        if (v->lasting) {
            /* Room for the spans zw_inline_parse may make of it in its place: as long as the text, plus a
             * byte for each '~' (a 2-byte no-break space) and the last span's NUL (each earlier span ends
             * at markup it drops). */
            size_t room = n + 1;
            if (!v->clean)
                for (const char *t = s; (t = memchr(t, '~', (size_t)(s + n - t))); t++) room++;
            char *str = zw_arena_chars(l->names, room);
            if (str) {
                memcpy(str, s, n);
                str[n] = 0;
            }
            v->str = str;
        } else {
            v->str = zw_arena_strndup(l->a, s, n);
        }
        if (!v->str) { out_of_memory(l); return; }
        v->len = (uint32_t)n;
    }
    attach(l, v);
}

static void on_start(loader *l, const yaml_event_t *e, zw_vkind kind) {
    bool seq = kind == ZW_V_SEQ;
    if (l->depth == ZW_MAX_DEPTH) {
        zw_diag(l->d, ZW_ERROR, mark_pos(l, e->start_mark), "nesting deeper than %d levels",
                ZW_MAX_DEPTH);
        l->stop = true;
        return;
    }
    check_props(l, e->start_mark, seq ? e->data.sequence_start.anchor : e->data.mapping_start.anchor,
                seq ? e->data.sequence_start.tag : e->data.mapping_start.tag, false);
    if (key_expected(l))
        zw_diag(l->d, ZW_ERROR, mark_pos(l, e->start_mark), "a mapping key must be a scalar, not a %s",
                zw_value_kind_name(kind));
    zw_value *v = new_value(l, kind, e->start_mark);
    if (!v) return;
    l->stack[l->depth++] = (frame){.node = v, .kids = l->kids ? l->kids + l->nkids : NULL, .base = l->nkids,
                                   .start = e->start_mark};
}

/* Copy every other kid (from `first`) into a new arena array; false when out of memory. */
static bool copy_kids(loader *l, const frame *f, size_t first, size_t step, zw_value ***out) {
    size_t n = f->n / step;
    if (n == 0) return true;
    zw_value **arr = new_ptrs(l, n);
    if (!arr) { out_of_memory(l); return false; }
    for (size_t i = 0; i < n; i++) arr[i] = f->kids[first + i * step];
    *out = arr;
    return true;
}

static void on_end(loader *l, const yaml_event_t *e) {
    frame f = l->stack[--l->depth];
    zw_value *v = f.node;
    l->last_start = f.start;
    l->last_end = e->end_mark.line;
    l->last = true;
    bool ok;
    if (v->kind == ZW_V_MAP)
        ok = copy_kids(l, &f, 0, 2, &v->keys) && copy_kids(l, &f, 1, 2, &v->items);
    else
        ok = copy_kids(l, &f, 0, 1, &v->items);
    v->n = (uint32_t)(v->kind == ZW_V_MAP ? f.n / 2 : f.n);
    l->nkids = f.base;
    free(f.slots);
    if (ok) attach(l, v);
}

static void on_event(loader *l, const yaml_event_t *e) {
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++l->docs > 1) {
            zw_diag(l->d, ZW_ERROR, mark_pos(l, e->start_mark),
                    "more than one YAML document in the file");
            l->stop = true;
        }
        break;
    case YAML_ALIAS_EVENT:
        zw_diag(l->d, ZW_ERROR, mark_pos(l, e->start_mark), "anchors and aliases are not supported: write the value "
                "out (a text that starts with '*' must be quoted)");
        attach(l, new_value(l, ZW_V_NULL, e->start_mark));
        break;
    case YAML_SCALAR_EVENT: on_scalar(l, e); break;
    case YAML_SEQUENCE_START_EVENT: on_start(l, e, ZW_V_SEQ); break;
    case YAML_MAPPING_START_EVENT: on_start(l, e, ZW_V_MAP); break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: on_end(l, e); break;
    case YAML_STREAM_END_EVENT: l->stop = true; break;
    default: break;
    }
}

/* Hand libyaml the input as its reader would have left it, so that the reader never runs.  For UTF-8 the
 * reader's buffer holds the input's own bytes (less a leading byte order mark) a character at a time,
 * checked for what check_bytes has already refused, and a NUL after the last; with the end of input
 * reached (eof) and nothing raw left, yaml_parser_update_buffer returns at once.  So the scanner reads
 * l->buf in place, up to the NUL that follows it, and gives the same tokens and marks.  The buffer
 * libyaml allocated is put back by unfeed_parser before yaml_parser_delete frees it. */
static void feed_parser(const loader *l, yaml_parser_t *p) {
    yaml_parser_set_input_string(p, (const unsigned char *)l->buf, l->len);   /* (the handler is asserted) */
    unsigned char *text = (unsigned char *)l->buf + (has_bom(l->buf, l->len) ? 3 : 0);
    unsigned char *end = (unsigned char *)l->buf + l->len + 1;     /* past the NUL */
    p->buffer.start = p->buffer.pointer = text;
    p->buffer.last = p->buffer.end = end;
    p->unread = l->chars + 1;
    p->encoding = YAML_UTF8_ENCODING;
    p->eof = 1;
    p->offset = l->len;
}

static void unfeed_parser(yaml_parser_t *p, unsigned char *own) {
    p->buffer.start = p->buffer.pointer = p->buffer.last = p->buffer.end = own;
}

static void run_parser(loader *l) {
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) { out_of_memory(l); return; }
    unsigned char *own = p.buffer.start;
    feed_parser(l, &p);
    while (!l->stop) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            report_libyaml(l, &p);
            break;
        }
        on_event(l, &e);
        yaml_event_delete(&e);
    }
    unfeed_parser(&p, own);
    yaml_parser_delete(&p);
    while (l->depth) {               /* containers left open by an error */
        frame *f = &l->stack[--l->depth];
        free(f->slots);
    }
    free(l->kids);
}

/* ---- the interface ---------------------------------------------------------------------------- */

/* zw_yaml_parse_in for a buf followed by TAIL zero bytes. */
static zw_value *parse_text(zw_arena *a, zw_arena *names, zw_diags *d, const char *name, const char *buf,
                            size_t len) {
    size_t errors = zw_diags_errors(d);
    loader l = {.a = a, .names = names, .d = d, .buf = buf, .len = len};
    l.name = zw_arena_strndup(names, name, strlen(name));
    if (!l.name) {
        zw_diag(d, ZW_ERROR, (zw_pos){name, 0, 0}, "out of memory");
        return NULL;
    }
    if (len > (size_t)ZW_MAX_INPUT) {
        zw_diag(d, ZW_ERROR, at(&l, 0, 0), "file is too large: more than %ld bytes", (long)ZW_MAX_INPUT);
        return NULL;
    }
    if (!check_bytes(&l)) return NULL;
    l.src.at = has_bom(buf, len) ? 3 : 0;   /* character 0 of libyaml's marks */
    run_parser(&l);
    bool oom = zw_arena_failed(a) || zw_arena_failed(names);
    if (zw_diags_errors(d) > errors || oom) {
        if (oom && zw_diags_errors(d) == errors) out_of_memory(&l);
        return NULL;
    }
    if (!l.root) {                   /* an empty stream: no document at all */
        yaml_mark_t start = {0, 0, 0};
        l.root = new_value(&l, ZW_V_NULL, start);
        if (l.root) l.root->plain = true;
    }
    return l.root;
}

zw_value *zw_yaml_parse_in(zw_arena *a, zw_arena *names, zw_diags *d, const char *name, const char *buf,
                           size_t len) {
    if (len > (size_t)ZW_MAX_INPUT) return parse_text(a, names, d, name, buf, len);   /* refused unread */
    char *text = zw_xmalloc(len + TAIL);
    if (!text) {
        zw_diag(d, ZW_ERROR, (zw_pos){name, 0, 0}, "out of memory");
        return NULL;
    }
    memcpy(text, buf, len);
    memset(text + len, 0, TAIL);
    zw_value *v = parse_text(a, names, d, name, text, len);
    free(text);
    return v;
}

/* Read all of f (at most ZW_MAX_INPUT + 1 bytes) into a malloc'd buffer, followed by TAIL zero bytes;
 * NULL with errno set. */
static char *read_all(FILE *f, size_t *len) {
    size_t cap = 64 * 1024, n = 0;
    char *buf = zw_xmalloc(cap);
    if (!buf) { errno = ENOMEM; return NULL; }
    for (;;) {
        n += fread(buf + n, 1, cap - TAIL - n, f);
        if (ferror(f)) { free(buf); errno = errno ? errno : EIO; return NULL; }
        if (n < cap - TAIL || n > (size_t)ZW_MAX_INPUT) break;
        char *nb = zw_xrealloc(buf, cap * 2);
        if (!nb) { free(buf); errno = ENOMEM; return NULL; }
        buf = nb;
        cap *= 2;
    }
    memset(buf + n, 0, TAIL);
    *len = n;
    return buf;
}

zw_value *zw_yaml_parse(zw_arena *a, zw_diags *d, const char *name, const char *buf, size_t len) {
    return zw_yaml_parse_in(a, a, d, name, buf, len);
}

zw_value *zw_yaml_load_in(zw_arena *a, zw_arena *names, zw_diags *d, const char *path) {
    const char *file = zw_arena_strndup(names, path, strlen(path));
    zw_pos whole = {file ? file : path, 0, 0};
    errno = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        zw_diag(d, ZW_ERROR, whole, "cannot read file: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > ZW_MAX_INPUT) {
        zw_diag(d, ZW_ERROR, whole, "file is too large: %lld bytes (at most %ld)",
                (long long)st.st_size, (long)ZW_MAX_INPUT);
        fclose(f);
        return NULL;
    }
    size_t len = 0;
    errno = 0;
    char *buf = read_all(f, &len);
    int err = errno;
    fclose(f);
    if (!buf) {
        zw_diag(d, ZW_ERROR, whole, "cannot read file: %s", strerror(err));
        return NULL;
    }
    zw_value *v = parse_text(a, names, d, whole.file, buf, len);
    free(buf);
    return v;
}

zw_value *zw_yaml_load(zw_arena *a, zw_diags *d, const char *path) { return zw_yaml_load_in(a, a, d, path); }

zw_value *zw_value_lookup(const zw_value *map, const char *key) {
    if (!map || map->kind != ZW_V_MAP || !key) return NULL;
    size_t n = strlen(key);
    for (size_t i = 0; i < map->n; i++) {
        const zw_value *k = map->keys[i];
        if ((k->kind == ZW_V_SCALAR || k->kind == ZW_V_NULL) && k->len == n && !memcmp(k->str, key, n))
            return map->items[i];
    }
    return NULL;
}

const char *zw_value_kind_name(zw_vkind k) {
    switch (k) {
    case ZW_V_NULL: return "null";
    case ZW_V_SCALAR: return "scalar";
    case ZW_V_SEQ: return "sequence";
    case ZW_V_MAP: return "mapping";
    }
    return "?";
}
