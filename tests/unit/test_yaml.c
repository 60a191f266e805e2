/* test_yaml.c — the YAML loader: tree shape, positions, null forms, and the exact text of every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "zw_value.h"

/* One arena and one diagnostics list per test. */
typedef struct fixture {
    zw_arena *a;
    zw_diags *d;
} fixture;

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->a = zw_arena_new();
    f->d = zw_diags_new();
    *state = f;
    return f->a && f->d ? 0 : -1;
}

static int teardown(void **state) {
    fixture *f = *state;
    zw_diags_drop(f->d);
    zw_arena_drop(f->a);
    free(f);
    return 0;
}

static zw_value *parse_n(void **state, const char *s, size_t n) {
    fixture *f = *state;
    return zw_yaml_parse(f->a, f->d, "t.yaml", s, n);
}

static zw_value *parse(void **state, const char *s) { return parse_n(state, s, strlen(s)); }

/* The diagnostics are exactly msgs[0..n). */
static void check_msgs(void **state, const char *const *msgs, size_t n) {
    fixture *f = *state;
    for (size_t i = 0; i < n && i < zw_diags_count(f->d); i++)
        assert_string_equal(zw_diags_message(f->d, i), msgs[i]);
    assert_int_equal(zw_diags_count(f->d), n);
}

#define EXPECT(...)                                                      \
    do {                                                                 \
        const char *const m_[] = {__VA_ARGS__};                          \
        check_msgs(state, m_, sizeof m_ / sizeof *m_);                   \
    } while (0)

#define EXPECT_NONE() assert_int_equal(zw_diags_count(((fixture *)*state)->d), 0)

static void assert_at(const zw_value *v, zw_vkind kind, int line, int col) {
    assert_non_null(v);
    assert_int_equal(v->kind, kind);
    assert_string_equal(v->pos.file, "t.yaml");
    assert_int_equal(v->pos.line, line);
    assert_int_equal(v->pos.col, col);
}

static void assert_scalar(const zw_value *v, const char *text, bool plain, int line, int col) {
    assert_at(v, ZW_V_SCALAR, line, col);
    assert_string_equal(v->str, text);
    assert_int_equal(v->len, strlen(text));
    assert_int_equal(v->plain, plain);
}

static void test_nested(void **state) {
    zw_value *r = parse(state,
                        "title: Begroting 2025\n"
                        "chapters:\n"
                        "  - name: Inleiding\n"
                        "    items: [1, 2]\n"
                        "  - name: \"Financiën\"\n"
                        "    parts: {a: x, b: [y]}\n");
    EXPECT_NONE();
    assert_at(r, ZW_V_MAP, 1, 1);
    assert_int_equal(r->n, 2);
    assert_scalar(r->keys[0], "title", true, 1, 1);
    assert_scalar(zw_value_lookup(r, "title"), "Begroting 2025", true, 1, 8);
    zw_value *ch = zw_value_lookup(r, "chapters");
    assert_at(ch, ZW_V_SEQ, 3, 3);
    assert_null(ch->keys);
    assert_int_equal(ch->n, 2);
    assert_at(ch->items[0], ZW_V_MAP, 3, 5);
    assert_scalar(zw_value_lookup(ch->items[0], "name"), "Inleiding", true, 3, 11);
    zw_value *items = zw_value_lookup(ch->items[0], "items");
    assert_at(items, ZW_V_SEQ, 4, 12);
    assert_int_equal(items->n, 2);
    assert_scalar(items->items[0], "1", true, 4, 13);
    assert_scalar(items->items[1], "2", true, 4, 16);
    /* columns count characters: the ë is two bytes but one column */
    assert_scalar(zw_value_lookup(ch->items[1], "name"), "Financiën", false, 5, 11);
    zw_value *parts = zw_value_lookup(ch->items[1], "parts");
    assert_at(parts, ZW_V_MAP, 6, 12);
    assert_scalar(parts->keys[1], "b", true, 6, 19);
    assert_at(parts->items[1], ZW_V_SEQ, 6, 22);
    assert_scalar(parts->items[1]->items[0], "y", true, 6, 23);
    assert_null(zw_value_lookup(r, "missing"));
    assert_null(zw_value_lookup(items, "1"));
}

static void test_null_forms(void **state) {
    zw_value *r = parse(state,
                        "a:\n"
                        "b: ~\n"
                        "c: null\n"
                        "d: Null\n"
                        "e: NULL\n"
                        "f: \"\"\n"
                        "g: ''\n"
                        "h: 'null'\n"
                        "i: nul\n"
                        "j: \"~\"\n");
    EXPECT_NONE();
    assert_at(zw_value_lookup(r, "a"), ZW_V_NULL, 1, 3);   /* just after the colon */
    const char *nulls[] = {"b", "c", "d", "e"};
    for (int i = 0; i < 4; i++) {
        zw_value *v = zw_value_lookup(r, nulls[i]);
        assert_at(v, ZW_V_NULL, i + 2, 4);
        assert_string_equal(v->str, "");
        assert_int_equal(v->len, 0);
        assert_true(v->plain);
    }
    assert_scalar(zw_value_lookup(r, "f"), "", false, 6, 4);
    assert_scalar(zw_value_lookup(r, "g"), "", false, 7, 4);
    assert_scalar(zw_value_lookup(r, "h"), "null", false, 8, 4);
    assert_scalar(zw_value_lookup(r, "i"), "nul", true, 9, 4);
    assert_scalar(zw_value_lookup(r, "j"), "~", false, 10, 4);
}

static void test_scalar_root_and_crlf(void **state) {
    zw_value *r = parse(state, "a: 1\r\nb: 'twee'\r\n");
    EXPECT_NONE();
    assert_scalar(zw_value_lookup(r, "b"), "twee", false, 2, 4);
    fixture *f = *state;
    r = zw_yaml_parse(f->a, f->d, "t.yaml", "  hallo", 7);
    EXPECT_NONE();
    assert_scalar(r, "hallo", true, 1, 3);
}

static void test_bom(void **state) {
    zw_value *r = parse(state, "\xEF\xBB\xBF" "a: b\n");
    EXPECT_NONE();
    assert_scalar(zw_value_lookup(r, "a"), "b", true, 1, 4);
}

static void test_block_scalars(void **state) {
    zw_value *r = parse(state,
                        "lit: |\n"
                        "  een\n"
                        "  twee\n"
                        "fold: >\n"
                        "  een\n"
                        "  twee\n"
                        "empty: |\n"
                        "last: x\n");
    EXPECT_NONE();
    assert_scalar(zw_value_lookup(r, "lit"), "een\ntwee\n", true, 1, 6);
    assert_scalar(zw_value_lookup(r, "fold"), "een twee\n", true, 4, 7);
    assert_scalar(zw_value_lookup(r, "empty"), "", true, 7, 8);   /* a block scalar is never null */
}

static void test_duplicate_keys(void **state) {
    zw_value *r = parse(state,
                        "title: a\n"
                        "sub:\n"
                        "  x: 1\n"
                        "  \"x\": 2\n"
                        "title: b\n"
                        "~: 1\n"
                        "null: 2\n");
    assert_null(r);
    EXPECT("t.yaml:4:3: error: duplicate key 'x'",
           "t.yaml:3:3: note: first defined here",
           "t.yaml:5:1: error: duplicate key 'title'",
           "t.yaml:1:1: note: first defined here",
           "t.yaml:7:1: error: duplicate null key",
           "t.yaml:6:1: note: first defined here");
}

static void test_duplicate_in_large_map(void **state) {
    char buf[4096];
    size_t n = 0;
    for (int i = 0; i < 200; i++) n += (size_t)snprintf(buf + n, sizeof buf - n, "k%d: %d\n", i, i);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "{k150: x}: 1\n"); /* key refused, not compared */
    n += (size_t)snprintf(buf + n, sizeof buf - n, "k150: again\n");
    assert_true(n < sizeof buf);
    assert_null(parse(state, buf));
    EXPECT("t.yaml:201:1: error: a mapping key must be a scalar, not a mapping",
           "t.yaml:202:1: error: duplicate key 'k150'",
           "t.yaml:151:1: note: first defined here");
}

static void test_many_keys_no_duplicate(void **state) {
    size_t cap = 2000 * 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (int i = 0; i < 2000; i++) n += (size_t)snprintf(buf + n, cap - n, "key%d: v\n", i);
    zw_value *r = parse_n(state, buf, n);
    free(buf);
    EXPECT_NONE();
    assert_int_equal(r->n, 2000);
    assert_scalar(zw_value_lookup(r, "key1999"), "v", true, 2000, 10);
}

static void test_anchor_alias(void **state) {
    assert_null(parse(state,
                      "a: &x 1\n"
                      "b: *x\n"
                      "c: &y [1, *x]\n"));
    EXPECT("t.yaml:1:4: error: text that starts with '&' must be quoted: write \"&x 1\" or put the text on the next "
           "lines after '>'",
           "t.yaml:2:4: error: anchors and aliases are not supported: write the value out (a text that starts with '*' "
           "must be quoted)",
           "t.yaml:3:4: error: anchors and aliases are not supported: write the value out",
           "t.yaml:3:11: error: anchors and aliases are not supported: write the value out (a text that starts with "
           "'*' must be quoted)");
}

static void test_tags(void **state) {
    assert_null(parse(state,
                      "a: !foo x\n"
                      "b: !!str 1\n"
                      "c: !!map {x: 1}\n"));
    EXPECT("t.yaml:1:4: error: text that starts with '!' must be quoted: write \"!foo x\" or put the text on the "
           "next lines after '>'",
           "t.yaml:2:4: error: tags are not supported: remove '!!str'",
           "t.yaml:3:4: error: tags are not supported: remove '!!map'");
}

static void test_non_scalar_keys(void **state) {
    assert_null(parse(state,
                      "? [a, b]\n"
                      ": c\n"
                      "d: {[e]: f}\n"));
    EXPECT("t.yaml:1:3: error: a mapping key must be a scalar, not a sequence",
           "t.yaml:3:5: error: a mapping key must be a scalar, not a sequence");
}

/* n opening brackets followed by n closing ones (closing only when `close`). */
static char *brackets(size_t n, char open, char shut, bool close) {
    char *s = malloc(2 * n + 1);
    assert_non_null(s);
    memset(s, open, n);
    memset(s + n, close ? shut : ' ', n);
    s[2 * n] = 0;
    return s;
}

static void test_depth_limit(void **state) {
    char *ok = brackets(ZW_MAX_DEPTH, '[', ']', true);
    zw_value *r = parse(state, ok);
    free(ok);
    EXPECT_NONE();
    int depth = 0;
    for (; r && r->kind == ZW_V_SEQ; r = r->n ? r->items[0] : NULL) depth++;
    assert_int_equal(depth, ZW_MAX_DEPTH);

    char *deep = brackets(10000, '[', ']', false);
    assert_null(parse(state, deep));
    free(deep);
    EXPECT("t.yaml:1:65: error: nesting deeper than 64 levels");
}

static void test_depth_limit_block(void **state) {
    char buf[65 * 2 + 8];
    size_t n = 0;
    for (int i = 0; i < 65; i++) { buf[n++] = '-'; buf[n++] = ' '; }
    buf[n++] = 'x';
    buf[n] = 0;
    assert_null(parse(state, buf));
    EXPECT("t.yaml:1:129: error: nesting deeper than 64 levels");
}

/* 100 000 levels of flow nesting must be refused quickly (libyaml alone takes ~15 s). */
static void test_pathological_nesting(void **state) {
    fixture *f = *state;
    const char opens[] = "[{";
    for (int k = 0; k < 2; k++) {
        char *s = brackets(100000, opens[k], k ? '}' : ']', false);
        clock_t t0 = clock();
        assert_null(zw_yaml_parse(f->a, f->d, "t.yaml", s, strlen(s)));
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        free(s);
        assert_true(secs < 1.0);
    }
    /* [[[…: only the depth; {{{…: every inner mapping is also a key, refused before the depth */
    size_t n = zw_diags_count(f->d);
    assert_int_equal(n, 1 + 63 + 1);
    assert_string_equal(zw_diags_message(f->d, 0), "t.yaml:1:65: error: nesting deeper than 64 levels");
    assert_string_equal(zw_diags_message(f->d, 1),
                        "t.yaml:1:2: error: a mapping key must be a scalar, not a mapping");
    assert_string_equal(zw_diags_message(f->d, n - 1), "t.yaml:1:65: error: nesting deeper than 64 levels");
}

static void test_invalid_utf8(void **state) {
    assert_null(parse(state, "a: b\nc: d\xE9" "e\nf: \xFF\n"));
    EXPECT("t.yaml:2:5: error: invalid UTF-8 (byte 0xE9): the file must be UTF-8");
}

static void test_invalid_utf8_after_multibyte(void **state) {
    /* overlong encoding of '/', after a two-byte character */
    assert_null(parse(state, "é: \xC0\xAF\n"));
    EXPECT("t.yaml:1:4: error: invalid UTF-8 (byte 0xC0): the file must be UTF-8");
}

static void test_surrogate(void **state) {
    assert_null(parse(state, "a: \xED\xA0\x80\n"));
    EXPECT("t.yaml:1:4: error: invalid UTF-8 (byte 0xED): the file must be UTF-8");
}

static void test_nul_byte(void **state) {
    assert_null(parse_n(state, "a: b\nc: d\0e\n", 12));
    EXPECT("t.yaml:2:5: error: NUL byte in input");
}

static void test_control_chars(void **state) {
    assert_null(parse(state, "a: \x07\nb: x\x1B\nc: \xC2\x85\nd: \x7F\n"));
    EXPECT("t.yaml:1:4: error: control character U+0007 is not allowed",
           "t.yaml:2:5: error: control character U+001B is not allowed",
           "t.yaml:3:4: error: control character U+0085 is not allowed",
           "t.yaml:4:4: error: control character U+007F is not allowed");
}

static void test_escaped_control(void **state) {
    assert_null(parse(state, "a: \"x\\0y\"\nb: \"\\x01\"\nc: \"tab\\there\"\n"));
    EXPECT("t.yaml:1:4: error: control character U+0000 is not allowed",
           "t.yaml:2:4: error: control character U+0001 is not allowed");
}

static void test_tab_indentation(void **state) {
    assert_null(parse(state, "a:\n\tb: 1\n"));
    EXPECT("t.yaml:2:1: error: tab character used for indentation; use spaces");
}

static void test_tab_after_spaces(void **state) {
    assert_null(parse(state, "a:\n  b: 1\n  \tc: 2\n"));
    EXPECT("t.yaml:3:3: error: tab character used for indentation; use spaces");
}

static void test_tab_in_block_scalar(void **state) {
    assert_null(parse(state, "a: |\n\tx\n"));
    EXPECT("t.yaml:2:1: error: tab character used for indentation; use spaces");
}

static void test_tab_inside_line_is_fine(void **state) {
    zw_value *r = parse(state, "a:\tb\nc: \"x\ty\"\n");
    EXPECT_NONE();
    assert_scalar(zw_value_lookup(r, "a"), "b", true, 1, 4);
    assert_scalar(zw_value_lookup(r, "c"), "x\ty", false, 2, 4);
}

static void test_syntax_errors(void **state) {
    assert_null(parse(state, "a: b\n c: d\n"));
    EXPECT("t.yaml:2:3: error: ': ' inside the text that starts on line 1: if it belongs to the text, quote the text "
           "(\"\xE2\x80\xA6\") or write it after '>'; if a new key starts here, indent it as the keys above it",
           "t.yaml:1:4: note: the text starts here");
}

static void test_syntax_error_with_context(void **state) {
    assert_null(parse(state, "a: [1, 2\n"));
    EXPECT("t.yaml:2:1: error: did not find expected ',' or ']'",
           "t.yaml:1:4: note: while parsing a flow sequence");
}

static void test_errors_before_syntax_error(void **state) {
    assert_null(parse(state, "a: &x 1\na: 2\nb: [\n"));
    EXPECT("t.yaml:1:4: error: text that starts with '&' must be quoted: write \"&x 1\" or put the text on the next "
           "lines after '>'",
           "t.yaml:2:1: error: duplicate key 'a'",
           "t.yaml:1:1: note: first defined here",
           "t.yaml:4:1: error: did not find expected node content",
           "t.yaml:4:1: note: while parsing a flow node");
}

/* The quoting mistakes docs/data-format.md warns about, each explained at the text (one per parse: libyaml
 * stops at the first). */
static void test_quoting_mistakes(void **state) {
    static const struct { const char *yaml, *msg; } cases[] = {
        {"a: **Doel** is dit.\n", "t.yaml:1:4: error: text that starts with '**' must be quoted: write \"**Doel** is "
                                  "dit.\" or put the text on the next lines after '>'"},
        {"a: *nadruk* eerst\n", "t.yaml:1:4: error: text that starts with '*' must be quoted: write \"*nadruk* eerst\" "
                                "or put the text on the next lines after '>'"},
        {"a: [^noot] staat voorop.\n", "t.yaml:1:4: error: text that starts with '[' must be quoted: write \"[^noot] "
                                       "staat voorop.\" or put the text on the next lines after '>'"},
        {"- \"Doel\" is dit.\n", "t.yaml:1:3: error: text that starts with '\"' must be quoted: write '\"Doel\" is "
                                 "dit.' or put the text on the next lines after '>'"},
        {"a: % schuldhulp\n", "t.yaml:1:4: error: text that starts with '%' must be quoted: write \"% schuldhulp\" or "
                              "put the text on the next lines after '>'"},
        {"a: @gemeente\n", "t.yaml:1:4: error: text that starts with '@' must be quoted: write \"@gemeente\" or put "
                           "the text on the next lines after '>'"},
        {"a: - niet\n", "t.yaml:1:4: error: text that starts with '- ' must be quoted: write \"- niet\" or put the text "
                        "on the next lines after '>'"},
        {"a: > 10% meer\n", "t.yaml:1:4: error: text that starts with '>' must be quoted: write \"> 10% meer\" or put "
                            "the text on the next lines after '>'"},
        {"a: Let op: dit\n", "t.yaml:1:4: error: text with ': ' in it must be quoted: write \"Let op: dit\" or put the "
                             "text on the next lines after '>'"},
        {"a: 't Is zover.\nb: 1\n", "t.yaml:1:4: error: the quote (') that starts this text is never closed: text "
                                    "that starts with ' must be quoted as a whole: write \"'t Is zover.\" or put the "
                                    "text on the next lines after '>'"},
    };
    fixture *f = *state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zw_diags_drop(f->d);
        f->d = zw_diags_new();
        assert_null(parse(state, cases[i].yaml));
        assert_true(zw_diags_count(f->d) >= 1);
        assert_string_equal(zw_diags_message(f->d, 0), cases[i].msg);
    }
}

/* Text lost to a comment is marked (the binders warn): "Tekst #2", an empty value with a comment; a comment
 * written as one ("# toelichting") after a text is not. */
static void test_comment_after_text(void **state) {
    zw_value *r = parse(state, "\xEF\xBB\xBF" "a: Tekst #2\nb: # Doel\nc: Tekst  # toelichting\nd: \"Tekst\" #x\ne: ~ # leeg\r\n"
                               "f: \xE2\x82\xAC\xC3\xAB Tekst #3\r\ng: [\xC3\xAB, Tekst#4]\n");
    EXPECT_NONE();
    assert_true(zw_value_lookup(r, "f")->comment);
    assert_false(zw_value_lookup(r, "g")->items[1]->comment);   /* 'Tekst#4': no space, no comment */
    assert_true(zw_value_lookup(r, "a")->comment);
    assert_true(zw_value_lookup(r, "b")->comment);
    assert_false(zw_value_lookup(r, "c")->comment);
    assert_false(zw_value_lookup(r, "d")->comment);
    assert_false(zw_value_lookup(r, "e")->comment);
    assert_string_equal(zw_value_lookup(r, "a")->str, "Tekst");
}

static void test_empty(void **state) {
    const char *inputs[] = {"", "\n\n", "# alleen commentaar\n", "\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        zw_value *r = parse(state, inputs[i]);
        EXPECT_NONE();
        assert_at(r, ZW_V_NULL, 1, 1);
        assert_string_equal(r->str, "");
        assert_int_equal(r->n, 0);
    }
    zw_value *r = parse(state, "---\n");    /* an explicit but empty document */
    EXPECT_NONE();
    assert_non_null(r);
    assert_int_equal(r->kind, ZW_V_NULL);
}

static void test_multi_document(void **state) {
    assert_null(parse(state, "a: 1\n---\nb: 2\n"));
    EXPECT("t.yaml:2:1: error: more than one YAML document in the file");
}

static void test_one_document_with_markers(void **state) {
    zw_value *r = parse(state, "---\na: 1\n...\n");
    EXPECT_NONE();
    assert_scalar(zw_value_lookup(r, "a"), "1", true, 2, 4);
}

static void test_too_large(void **state) {
    size_t n = (size_t)ZW_MAX_INPUT + 1;
    char *s = malloc(n);
    assert_non_null(s);
    memset(s, ' ', n);
    assert_null(parse_n(state, s, n));
    free(s);
    EXPECT("t.yaml: error: file is too large: more than 67108864 bytes");
}

static void test_missing_file(void **state) {
    fixture *f = *state;
    assert_null(zw_yaml_load(f->a, f->d, "/nonexistent/begroting.yaml"));
    EXPECT("/nonexistent/begroting.yaml: error: cannot read file: No such file or directory");
}

static void test_directory(void **state) {
    fixture *f = *state;
    assert_null(zw_yaml_load(f->a, f->d, "/"));
    EXPECT("/: error: cannot read file: Is a directory");
}

static void test_load_file(void **state) {
    fixture *f = *state;
    char path[] = "/tmp/zw_test_yaml_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char text[] = "jaar: 2025\nposten:\n  - 12\n  - x: y\n    x: z\n";
    assert_int_equal(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fd);
    assert_null(zw_yaml_load(f->a, f->d, path));
    char want[2][128];
    snprintf(want[0], sizeof want[0], "%s:5:5: error: duplicate key 'x'", path);
    snprintf(want[1], sizeof want[1], "%s:4:5: note: first defined here", path);
    EXPECT(want[0], want[1]);

    fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, 26), 26);
    close(fd);
    zw_value *r = zw_yaml_load(f->a, f->d, path);
    unlink(path);
    assert_non_null(r);
    zw_value *p = zw_value_lookup(r, "posten");
    assert_non_null(p);
    assert_int_equal(p->items[0]->pos.line, 3);
    assert_string_equal(p->items[0]->pos.file, path);
}

static void test_kind_names(void **state) {
    (void)state;
    assert_string_equal(zw_value_kind_name(ZW_V_NULL), "null");
    assert_string_equal(zw_value_kind_name(ZW_V_SCALAR), "scalar");
    assert_string_equal(zw_value_kind_name(ZW_V_SEQ), "sequence");
    assert_string_equal(zw_value_kind_name(ZW_V_MAP), "mapping");
    assert_null(zw_value_lookup(NULL, "a"));
}

/* Every allocation failing in turn: either a tree or exactly one "out of memory", never a crash. */
static void test_out_of_memory(void **state) {
    (void)state;
    char text[2048];
    size_t n = 0;
    for (int i = 0; i < 40; i++) n += (size_t)snprintf(text + n, sizeof text - n, "k%d: [a, {b: c}]\n", i);
    bool succeeded = false;
    for (long fail = 1; fail < 400 && !succeeded; fail++) {
        zw_arena *a = zw_arena_new();
        zw_diags *d = zw_diags_new();
        assert_non_null(a);
        assert_non_null(d);
        zw_fail_alloc_after(fail);
        zw_value *r = zw_yaml_parse(a, d, "t.yaml", text, n);
        zw_fail_alloc_after(0);
        if (r) {
            succeeded = true;
            assert_int_equal(zw_diags_count(d), 0);
            assert_int_equal(r->n, 40);
        } else {
            assert_int_equal(zw_diags_errors(d), 1);
            if (zw_diags_count(d) == 1) assert_string_equal(zw_diags_message(d, 0), "t.yaml: error: out of memory");
        }
        zw_diags_drop(d);
        zw_arena_drop(a);
    }
    assert_true(succeeded);
}

int main(void) {
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_nested), T(test_null_forms), T(test_scalar_root_and_crlf), T(test_bom),
        T(test_block_scalars), T(test_duplicate_keys), T(test_duplicate_in_large_map),
        T(test_many_keys_no_duplicate), T(test_anchor_alias), T(test_tags), T(test_non_scalar_keys),
        T(test_depth_limit), T(test_depth_limit_block), T(test_pathological_nesting),
        T(test_invalid_utf8), T(test_invalid_utf8_after_multibyte), T(test_surrogate),
        T(test_nul_byte), T(test_control_chars), T(test_escaped_control), T(test_tab_indentation),
        T(test_tab_after_spaces), T(test_tab_in_block_scalar), T(test_tab_inside_line_is_fine),
        T(test_syntax_errors), T(test_syntax_error_with_context), T(test_errors_before_syntax_error),
        T(test_quoting_mistakes), T(test_comment_after_text),
        T(test_empty), T(test_multi_document), T(test_one_document_with_markers), T(test_too_large),
        T(test_missing_file), T(test_directory), T(test_load_file), T(test_kind_names),
        T(test_out_of_memory),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
