/* test_hyphen.c — Dutch hyphenation: pattern results as libhyphen + hyphen-nl give them (checked by
 * hand against the library), exceptions, the trema rule, explicit hyphens, words never hyphenated,
 * minimum fragment lengths, the per-word cache, and the build-time tables against libhyphen's loading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zw_hyphen.h"

#define MAXB 64

/* The word with '-' inserted at every break, and '~' where the break also drops a trema. */
static char shown[512];
static const char *show(zw_hyphenator *h, const char *word) {
    size_t at[MAXB];
    bool trema[MAXB];
    size_t len = strlen(word);
    size_t n = zw_hyphenate(h, word, len, at, trema, MAXB);
    size_t o = 0, k = 0;
    for (size_t i = 0; i <= len; i++) {
        while (k < n && at[k] == i) {
            assert_true(at[k] > 0 && at[k] < len);
            assert_true(k == 0 || at[k] > at[k - 1]);
            shown[o++] = trema[k] ? '~' : '-';
            k++;
        }
        if (i < len) shown[o++] = word[i];
    }
    assert_int_equal(k, n);
    shown[o] = 0;
    return shown;
}

static int setup(void **st) {
    zw_diags *d = zw_diags_new();
    zw_hyphenator *h = zw_hyphenator_new(d, ZW_HYPHEN_DICT, 2, 3);
    assert_non_null(h);
    assert_int_equal(zw_diags_count(d), 0);
    zw_diags_drop(d);
    *st = h;
    return 0;
}

static int teardown(void **st) {
    zw_hyphenator_drop(*st);
    return 0;
}

static void test_patterns(void **st) {
    zw_hyphenator *h = *st;
    assert_string_equal(show(h, "beleidsindicatoren"), "be-leids-in-di-ca-to-ren");
    assert_string_equal(show(h, "jeugdreclassering"), "jeugd-re-clas-se-ring");
    assert_string_equal(show(h, "voorzieningen"), "voor-zie-nin-gen");
    assert_string_equal(show(h, "begroting"), "be-gro-ting");
    /* libhyphen breaks before the ë; after a vowel the trema goes at that break */
    assert_string_equal(show(h, "cli\xC3\xABntondersteuning"), "cli~\xC3\xABn-ton-der-steu-ning");
    /* right_min 3 keeps "ële" together; with right_min 2 it is fi-nan-ci-ë-le */
    assert_string_equal(show(h, "financi\xC3\xABle"), "fi-nan-ci~\xC3\xABle");
    /* capitalised first letter hyphenates like lowercase */
    assert_string_equal(show(h, "Beleidsindicatoren"), "Be-leids-in-di-ca-to-ren");
}

static void test_trema(void **st) {
    zw_hyphenator *h = *st;
    const char *w = "ge\xC3\xAB" "valueerd";  /* geëvalueerd */
    assert_string_equal(show(h, w), "ge~\xC3\xAB-va-lu-eerd");
    size_t at[MAXB];
    bool trema[MAXB];
    size_t n = zw_hyphenate(h, w, strlen(w), at, trema, MAXB);
    assert_int_equal(n, 4);
    assert_int_equal(at[0], 2);   /* before the ë (2 bytes) */
    assert_true(trema[0]);
    assert_int_equal(at[1], 4);   /* after it: no trema at this break */
    assert_false(trema[1]);
    assert_false(trema[2] || trema[3]);
    assert_string_equal(show(h, "co\xC3\xB6rdinatie"), "co~\xC3\xB6r-di-na-tie");
    assert_string_equal(show(h, "be\xC3\xAFnvloeden"), "be~\xC3\xAFn-vloe-den");
    assert_string_equal(show(h, "zo\xC3\xAB" "ven"), "zo~\xC3\xAB-ven");
    /* trema=NULL is allowed */
    assert_int_equal(zw_hyphenate(h, w, strlen(w), at, NULL, MAXB), 4);
}

static void test_exception(void **st) {
    zw_hyphenator *h = *st;
    const char *w = "cli\xC3\xABntondersteuning";
    assert_string_equal(show(h, w), "cli~\xC3\xABn-ton-der-steu-ning"); /* cached before the exception */
    zw_hyphenator_except(h, "cli-\xC3\xABnt-on-der-steu-ning");
    assert_string_equal(show(h, w), "cli~\xC3\xABnt-on-der-steu-ning");
    /* case-insensitive, and the exception applies inside a longer hyphenated compound's part */
    assert_string_equal(show(h, "Cli\xC3\x8BNTONDERSTEUNING"), "Cli~\xC3\x8BNT-ON-DER-STEU-NING");
    assert_string_equal(show(h, "Wmo-cli\xC3\xABntondersteuning"), "Wmo-cli~\xC3\xABnt-on-der-steu-ning");
    /* an exception replaces the patterns entirely, but minimums still apply */
    zw_hyphenator_except(h, "b-e-gro-ting");
    assert_string_equal(show(h, "begroting"), "be-gro-ting");
    zw_hyphenator_except(h, "begroting");
    assert_string_equal(show(h, "begroting"), "begroting");
}

static void test_explicit_hyphen_and_punctuation(void **st) {
    zw_hyphenator *h = *st;
    const char *w = "Wmo-voorzieningen";
    size_t at[MAXB];
    size_t n = zw_hyphenate(h, w, strlen(w), at, NULL, MAXB);
    assert_int_equal(n, 3);       /* voor-zie-nin-gen; the explicit hyphen is not reported */
    assert_int_equal(at[0], 8);
    assert_int_equal(at[1], 11);
    assert_int_equal(at[2], 14);
    assert_string_equal(show(h, "jeugdzorg-voorzieningen"), "jeugd-zorg-voor-zie-nin-gen");
    assert_string_equal(show(h, "(kosten)effectiviteit"), "(kos-ten)ef-fec-ti-vi-teit");
    assert_string_equal(show(h, "begroting,"), "be-gro-ting,");
    assert_string_equal(show(h, "\xE2\x80\x9C" "begroting\xE2\x80\x9D."), "\xE2\x80\x9C" "be-gro-ting\xE2\x80\x9D.");
    assert_string_equal(show(h, "BTW-voorzieningen"), "BTW-voor-zie-nin-gen");
}

static void test_never(void **st) {
    zw_hyphenator *h = *st;
    const char *none[] = {"3.1.1", "75.000", "WSNP", "HOED", "BELEIDSINDICATOREN", "2024-begroting",
                          "begroting2024", "\xC5\x81\xC3\xB3" "d\xC5\xBA" "begroting", "kos", "wmo", "", "-", "..."};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) assert_string_equal(show(h, none[i]), none[i]);
}

static void test_minimums(void **st) {
    zw_diags *d = zw_diags_new();
    zw_hyphenator *h = zw_hyphenator_new(d, ZW_HYPHEN_DICT, 3, 3);
    assert_string_equal(show(h, "beleidsindicatoren"), "beleids-in-di-ca-to-ren");
    assert_string_equal(show(h, "kosten"), "kos-ten");
    assert_string_equal(show(h, "ogen"), "ogen");   /* shorter than 3 + 3 */
    zw_hyphenator_drop(h);
    h = zw_hyphenator_new(d, ZW_HYPHEN_DICT, 2, 2);
    assert_string_equal(show(h, "financi\xC3\xABle"), "fi-nan-ci~\xC3\xAB-le");
    assert_string_equal(show(h, "ge\xC3\xAB" "valueerd"), "ge~\xC3\xAB-va-lu-eerd");
    zw_hyphenator_drop(h);
    /* 0 selects the defaults 2/3 */
    h = zw_hyphenator_new(d, ZW_HYPHEN_DICT, 0, 0);
    assert_string_equal(show(h, "financi\xC3\xABle"), "fi-nan-ci~\xC3\xABle");
    zw_hyphenator_drop(h);
    assert_int_equal(zw_diags_count(d), 0);
    zw_diags_drop(d);
}

static void test_max_and_cache(void **st) {
    zw_hyphenator *h = *st;
    const char *w = "beleidsindicatoren";
    size_t a1[MAXB], a2[MAXB], a3[2];
    bool t1[MAXB], t2[MAXB];
    size_t n1 = zw_hyphenate(h, w, strlen(w), a1, t1, MAXB);
    size_t n2 = zw_hyphenate(h, w, strlen(w), a2, t2, MAXB);
    assert_int_equal(n1, 6);
    assert_int_equal(n1, n2);
    assert_memory_equal(a1, a2, n1 * sizeof *a1);
    assert_memory_equal(t1, t2, n1 * sizeof *t1);
    assert_int_equal(zw_hyphenate(h, w, strlen(w), a3, NULL, 2), 2);
    assert_int_equal(a3[0], 2);
    assert_int_equal(a3[1], 7);
    /* the length counts, not a NUL: a prefix of the word is its own cache entry */
    assert_string_equal(show(h, "kosten"), "kos-ten");
    assert_int_equal(zw_hyphenate(h, "kostenplaats", 6, a1, NULL, MAXB), 1);
    assert_int_equal(a1[0], 3);
    /* many distinct words: the cache grows */
    char buf[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "begroting%c%c", 'a' + i % 26, 'a' + i / 26 % 26);
        assert_true(zw_hyphenate(h, buf, strlen(buf), a1, NULL, MAXB) >= 2);
    }
    assert_string_equal(show(h, "begroting"), "be-gro-ting");
}

static void test_missing_dict(void **st) {
    zw_diags *d = zw_diags_new();
    assert_null(zw_hyphenator_new(d, "/nonexistent/hyph_nl.dic", 2, 3));
    assert_int_equal(zw_diags_errors(d), 1);
    assert_string_equal(zw_diags_message(d, 0),
                        "zetwerk: error: cannot read hyphenation dictionary '/nonexistent/hyph_nl.dic': "
                        "No such file or directory");
    zw_diags_drop(d);
    zw_hyphenator_drop(NULL);
}

/* The whole file at path, NUL-terminated (NULL when unreadable). */
static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    *len = s ? fread(s, 1, (size_t)n, f) : 0;
    if (s) s[*len] = 0;
    fclose(f);
    return s;
}

/* Every word of text (runs of ASCII letters and UTF-8 sequences) hyphenates the same with both. */
static size_t compare_words(zw_hyphenator *a, zw_hyphenator *b, const char *text) {
    size_t words = 0;
    for (const char *p = text; *p;) {
        const char *q = p;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (unsigned char)*q >= 0x80) q++;
        if (q == p) { p++; continue; }
        size_t at_a[MAXB], at_b[MAXB];
        bool tr_a[MAXB], tr_b[MAXB];
        size_t na = zw_hyphenate(a, p, (size_t)(q - p), at_a, tr_a, MAXB);
        size_t nb = zw_hyphenate(b, p, (size_t)(q - p), at_b, tr_b, MAXB);
        assert_int_equal(na, nb);
        for (size_t i = 0; i < na; i++) {
            assert_int_equal(at_a[i], at_b[i]);
            assert_int_equal(tr_a[i], tr_b[i]);
        }
        words++;
        p = q;
    }
    return words;
}

/* The tables compiled at build time are used for the dictionary they came from, and hyphenate every
 * word of the Diemen documents exactly as libhyphen loading that dictionary (from a copy) does. */
static void test_compiled_equals_loaded(void **st) {
    (void)st;
    zw_diags *d = zw_diags_new();
    zw_hyphenator *compiled = zw_hyphenator_new(d, ZW_HYPHEN_DICT, 2, 3);
    assert_non_null(compiled);
    assert_true(zw_hyphenator_compiled(compiled));
    char dir[] = "/tmp/zw_hyph_XXXXXX", copy[64], cmd[256];
    assert_non_null(mkdtemp(dir));
    snprintf(copy, sizeof copy, "%s/hyph.dic", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", ZW_HYPHEN_DICT, copy);
    assert_int_equal(system(cmd), 0);
    zw_hyphenator *loaded = zw_hyphenator_new(d, copy, 2, 3);
    assert_non_null(loaded);
    assert_false(zw_hyphenator_compiled(loaded));
    const char *root = getenv("ZW_ROOT") ? getenv("ZW_ROOT") : ".";
    const char *docs[] = {"data/diemen/programmabegroting-2021.yaml", "data/diemen/jaarstukken-2020.yaml"};
    size_t words = 0;
    for (size_t i = 0; i < 2; i++) {
        char path[512];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", root, docs[i]);
        char *text = slurp(path, &len);
        assert_non_null(text);
        words += compare_words(compiled, loaded, text);
        free(text);
    }
    assert_true(words > 2000);
    zw_hyphenator_drop(compiled);
    zw_hyphenator_drop(loaded);
    zw_diags_drop(d);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_patterns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exception, setup, teardown),
        cmocka_unit_test_setup_teardown(test_explicit_hyphen_and_punctuation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never, setup, teardown),
        cmocka_unit_test(test_minimums),
        cmocka_unit_test_setup_teardown(test_max_and_cache, setup, teardown),
        cmocka_unit_test(test_missing_dict),
        cmocka_unit_test(test_compiled_equals_loaded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
