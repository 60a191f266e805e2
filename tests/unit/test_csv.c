/* test_csv.c — CSV files as value trees: separators found or given, quoted fields with separators, quotes
 * and line breaks, Excel's habits (byte-order mark, CR LF, Windows-1252, padded rows, empty lines),
 * literal text, and every bad file with its exact file:line:col message (wrong separator, short row, long
 * row, unclosed quote, text after a quote, control characters). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "zw_csv.h"

typedef struct fx { zw_arena *a; zw_diags *d; } fx;

static zw_value *parse(fx *f, const char *text, char sep, bool header) {
    f->a = zw_arena_new();
    f->d = zw_diags_new();
    zw_csv_opts o = {sep, header, ZW_NOPOS};
    return zw_csv_parse(f->a, f->a, f->d, "t.csv", text, strlen(text), o);
}

static void done(fx *f) { zw_diags_drop(f->d); zw_arena_drop(f->a); }

static const char *cell(const zw_value *rows, size_t r, size_t c) { return rows->items[r]->items[c]->str; }

static void expect(fx *f, const char *const *want, size_t n) {
    for (size_t i = 0; i < zw_diags_count(f->d) && i < n; i++) assert_string_equal(zw_diags_message(f->d, i), want[i]);
    assert_int_equal(zw_diags_count(f->d), n);
}

static void semicolons_with_header(void **state) {
    (void)state;
    fx f;
    zw_value *rows = parse(&f, "Taakveld;Lasten;Baten\n0.1 Bestuur;1.234.567;-12.000\n\n0.2 Burgerzaken;\"1.234,50\";0\n", 0, true);
    assert_non_null(rows);
    assert_int_equal(rows->n, 2);
    assert_string_equal(cell(rows, 0, 0), "0.1 Bestuur");
    assert_string_equal(cell(rows, 0, 1), "1.234.567");
    assert_string_equal(cell(rows, 1, 1), "1.234,50");
    const zw_value *v = rows->items[1]->items[1];
    assert_int_equal(v->pos.line, 4);
    assert_int_equal(v->pos.col, 17);
    assert_string_equal(v->pos.file, "t.csv");
    assert_int_equal(zw_diags_count(f.d), 0);
    done(&f);
}

static void commas_quotes_and_excel_habits(void **state) {
    (void)state;
    fx f;
    /* byte-order mark, CR LF, a quoted comma, a doubled quote, a line break in a quote, a row padded with
     * empty fields, a line of empty fields, markup characters taken literally */
    zw_value *rows = parse(&f, "\xEF\xBB\xBF" "a,b\r\n\"x, y\",\"zei \"\"ja\"\"\"\r\n\"twee\nregels\",3*4~[^n]\r\n,\r\n5,,,\r\n", 0, true);
    assert_non_null(rows);
    assert_int_equal(rows->n, 3);
    assert_string_equal(cell(rows, 0, 0), "x, y");
    assert_string_equal(cell(rows, 0, 1), "zei \"ja\"");
    assert_string_equal(cell(rows, 1, 0), "twee\nregels");
    assert_string_equal(cell(rows, 1, 1), "3\\*4\\~\\[\\^n]");
    assert_int_equal(rows->items[2]->n, 2);
    assert_int_equal(rows->items[2]->items[1]->kind, ZW_V_NULL);
    assert_int_equal(rows->items[2]->items[0]->pos.line, 6);   /* lines count from the file's first */
    done(&f);
}

static void tabs_without_header_and_windows_1252(void **state) {
    (void)state;
    fx f;
    zw_value *rows = parse(&f, "\x80 5\tCli\xEBnt\n6\t7\n", 0, false);
    assert_non_null(rows);
    assert_int_equal(rows->n, 2);
    assert_string_equal(cell(rows, 0, 0), "\xE2\x82\xAC 5");
    assert_string_equal(cell(rows, 0, 1), "Cli\xC3\xABnt");
    assert_int_equal(rows->items[0]->items[1]->pos.col, 5);
    done(&f);
}

static void wrong_separator(void **state) {
    (void)state;
    fx f;
    assert_null(parse(&f, "a,b,c\n1,2,3\n", ';', true));
    const char *want[] = {"t.csv:1:1: error: the fields are separated by ',', not by ';': correct 'separator' or leave it out"};
    expect(&f, want, 1);
    done(&f);
}

static void short_and_long_rows(void **state) {
    (void)state;
    fx f;
    assert_null(parse(&f, "Post;2024;2025\nA;1;2\nB;3\nC;1.234,5;6;7\nD;1;2;;\n", 0, true));
    const char *want[] = {
        "t.csv:3:4: error: this row has 2 field(s) but the header line has 3: a field is missing",
        "t.csv:4:13: error: this row has 4 fields but the header line has 3: a ';' inside a field that is not quoted?",
    };
    expect(&f, want, 2);
    done(&f);
}

static void bad_quotes_and_controls(void **state) {
    (void)state;
    fx f;
    assert_null(parse(&f, "a;b\n\"x\"y;1\n2;\"open\n", 0, true));
    const char *want[] = {
        "t.csv:2:4: error: text after the closing quote of a field; a quote inside a quoted field is written twice (\"\")",
        "t.csv:3:3: error: this quote is never closed",
    };
    expect(&f, want, 2);
    done(&f);
    assert_null(parse(&f, "a;b\n1;\x01\n", 0, true));
    const char *want2[] = {"t.csv:2:3: error: control character U+0001 is not allowed"};
    expect(&f, want2, 1);
    done(&f);
}

static void unreadable_file(void **state) {
    (void)state;
    fx f = {zw_arena_new(), zw_diags_new()};
    zw_csv_opts o = {0, true, ZW_NOPOS};
    assert_null(zw_csv_load(f.a, f.a, f.d, "/nonexistent/x.csv", o, (zw_pos){"d.yaml", 3, 9}));
    const char *want[] = {"d.yaml:3:9: error: cannot read '/nonexistent/x.csv': No such file or directory"};
    expect(&f, want, 1);
    done(&f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(semicolons_with_header),
        cmocka_unit_test(commas_quotes_and_excel_habits),
        cmocka_unit_test(tabs_without_header_and_windows_1252),
        cmocka_unit_test(wrong_separator),
        cmocka_unit_test(short_and_long_rows),
        cmocka_unit_test(bad_quotes_and_controls),
        cmocka_unit_test(unreadable_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
