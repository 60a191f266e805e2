/* test_pdf.c — the PDF writer on a hand-built display list: valid file (qpdf --check), text that
 * pdftotext extracts exactly (Dutch diacritics, €, curly quotes, en dash, non-breaking space), bookmarks,
 * links, labels and metadata in the file, byte-identical output on a second run, atomic writes that leave
 * an existing file alone on failure, and no crash on text the fonts cannot show; the PDF/A profiles
 * (XMP, output intent, /ID, CIDSet, CapHeight, dates from SOURCE_DATE_EPOCH, no .notdef), the stand-in
 * glyph of U+00A0, the profile table and the input digest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unistd.h>

#include "zw_arena.h"
#include "zw_digest.h"
#include "zw_display.h"
#include "zw_pdf.h"
#include "zw_pdfa.h"

#define REGULAR "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
#define BOLD "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"
#define DIGEST_ZETWERK "427660ee23190d9c1154e06c1fbd5579"   /* zw_digest of "zetwerk" */

/* The words drawn, each as its own run, and what pdftotext must give back for them: poppler turns the
 * non-breaking space into a plain one (the ToUnicode map itself keeps U+00A0; test_structure checks it). */
static const char *const words[] = {
    "financiële", "cliënt", "€\u00a0420.438", "‘quote’", "“dubbel”", "–", "geëvalueerd",
    "(a\\b)čĊĨĩŜ",   /* literal-string bytes that need escaping: ( ) backslash, and low bytes 0D 0A 28 29 5C */
};
static const char *const extracted[] = {
    "financiële", "cliënt", "€ 420.438", "‘quote’", "“dubbel”", "–", "geëvalueerd", "(a\\b)čĊĨĩŜ",
};
#define NWORDS (sizeof words / sizeof words[0])

/* Everything one test needs: a temporary folder, a display list and its diagnostics. */
typedef struct fixture {
    char dir[64];            /* mkdtemp folder, removed afterwards */
    const char *faces[2];    /* face 0 regular, face 1 bold */
    zw_display *dl;          /* the list under test */
    zw_diags *diags;         /* what the writer reported */
} fixture;

static zw_run *add_run(zw_page *pg, double x, double y, int face, double size, const char *text) {
    zw_run *r = zw_page_add_run(pg);
    assert_non_null(r);
    *r = (zw_run){.x = x, .y = y, .w = 5.0 * (double)strlen(text), .ascent = 7.5, .descent = 2.5,
                  .face = face, .size = size, .text = text, .len = strlen(text), .role = ZW_ROLE_P};
    return r;
}

/* Two A4 pages: a bold heading and the Dutch words on page 1 with a fill, a rule and a link to page 2;
 * a note on page 2; outline: chapter on page 1, section and chapter on page 2. */
static void build(fixture *f) {
    zw_display *dl = f->dl;
    dl->faces = f->faces;
    dl->nfaces = 2;
    dl->title = "Programmabegroting 2021 – Financiën";
    dl->author = "Gemeente Diemen";
    dl->subject = "Begroting & \"verantwoording\"";
    dl->lang = "nl-NL";
    dl->date = "2020-11-18";
    for (int p = 0; p < 2; p++) {
        zw_page *pg = zw_display_add_page(dl, 595.28, 841.89);
        assert_non_null(pg);
        pg->label = p == 0 ? "1" : "2";
        *pg = (zw_page){.width = 595.28, .height = 841.89, .area_x = 56.69, .area_y = 56.69,
                        .area_w = 481.9, .area_h = 728.5, .label = pg->label};
    }
    zw_page *p1 = &dl->pages[0], *p2 = &dl->pages[1];
    zw_run *h = add_run(p1, 56.69, 80, 1, 16, "Financiën");
    h->role = ZW_ROLE_H1;
    double x = 56.69;
    for (size_t i = 0; i < NWORDS; i++) {
        add_run(p1, x, 110, 0, 10, words[i]);
        x += 60;
    }
    add_run(p2, 56.69, 100, 0, 9, "Tweede pagina");
    zw_fill *fl = zw_page_add_fill(p1);
    *fl = (zw_fill){56.69, 95, 481.9, 20, (uint8_t)zw_display_color(dl, (zw_rgb){0.9, 0.9, 0.9})};
    zw_rule *ru = zw_page_add_rule(p1);
    *ru = (zw_rule){56.69, 120, 538.59, 120, 0.5, ZW_BLACK};
    zw_link *ln = zw_page_add_link(p1);
    *ln = (zw_link){56.69, 70, 100, 12, -1, -1, 1, 90, NULL, false};
    zw_outline *o = zw_display_add_outline(dl);
    *o = (zw_outline){1, "Financiën", 0, 66};
    o = zw_display_add_outline(dl);
    *o = (zw_outline){2, "Paragraaf “één”", 1, 90};
    o = zw_display_add_outline(dl);
    *o = (zw_outline){1, "Bijlagen", 1, 200};
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    strcpy(f->dir, "/tmp/zw_test_pdf_XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    f->faces[0] = REGULAR;
    f->faces[1] = BOLD;
    f->dl = zw_display_new();
    f->diags = zw_diags_new();
    if (!f->dl || !f->diags) return -1;
    build(f);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = getenv("ZW_KEEP") ? 0 : system(cmd);   /* ZW_KEEP=1 keeps the files for a look */
    zw_display_drop(f->dl);
    zw_diags_drop(f->diags);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* path of `name` inside the fixture's folder */
static void in_dir(const fixture *f, const char *name, char *out, size_t cap) {
    snprintf(out, cap, "%s/%s", f->dir, name);
}

/* Output of a shell command (malloc'd, NUL-terminated); exit status in *status. */
static char *run_cmd(const char *cmd, int *status) {
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = 0, cap = 4096;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += k;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[n] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

static char *read_file(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

/* The PDF file at path as qpdf's uncompressed QDF (binary streams included: its length in *len), written
 * beside it as path.qdf; free the result. */
static char *qdf_file(const char *path, size_t *len) {
    char qdf[160], cmd[512];
    snprintf(qdf, sizeof qdf, "%s.qdf", path);
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable '%s' '%s'", path, qdf);
    assert_int_equal(system(cmd), 0);
    char *s = read_file(qdf, len);
    assert_non_null(s);
    return s;
}

/* dl written as `name` in f's folder (its path in path[128]) and read back as QDF (qdf_file). */
static char *qdf_written(fixture *f, zw_display *dl, const char *name, char *path, size_t *len) {
    in_dir(f, name, path, 128);
    assert_true(zw_pdf_write(dl, f->diags, path));
    return qdf_file(path, len);
}

static bool any_message_contains(const zw_diags *d, const char *needle) {
    for (size_t i = 0; i < zw_diags_count(d); i++)
        if (strstr(zw_diags_message(d, i), needle)) return true;
    return false;
}

/* Number of entries in dir (besides . and ..), to catch temporary files left behind. */
static int count_files(const char *dir) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    int st;
    char *out = run_cmd(cmd, &st);
    int n = atoi(out);
    free(out);
    return n;
}

static void test_valid_pdf_with_extractable_text(void **state) {
    fixture *f = *state;
    char path[128], cmd[512];
    in_dir(f, "out.pdf", path, sizeof path);
    assert_true(zw_pdf_write(f->dl, f->diags, path));
    assert_int_equal(zw_diags_count(f->diags), 0);
    size_t len;
    char *pdf = read_file(path, &len);
    assert_non_null(pdf);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    assert_int_equal(count_files(f->dir), 1);

    int st;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", path);
    char *out = run_cmd(cmd, &st);
    if (st != 0) fprintf(stderr, "%s", out);
    assert_int_equal(st, 0);
    free(out);

    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
    out = run_cmd(cmd, &st);
    assert_int_equal(st, 0);
    for (size_t i = 0; i < NWORDS; i++) {
        if (!strstr(out, extracted[i])) fprintf(stderr, "missing '%s' in:\n%s\n", extracted[i], out);
        assert_non_null(strstr(out, extracted[i]));
    }
    assert_non_null(strstr(out, "Financiën"));
    assert_non_null(strstr(out, "Tweede pagina"));
    free(out);

    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>&1", path);
    out = run_cmd(cmd, &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "Programmabegroting 2021 – Financiën"));
    assert_non_null(strstr(out, "Gemeente Diemen"));
    assert_non_null(strstr(out, "Begroting & \"verantwoording\""));
    assert_non_null(strstr(out, "Creator:         zetwerk"));
    assert_non_null(strstr(out, "Pages:           2"));
    free(out);
}

/* The structures pdftotext does not show: look at the uncompressed objects through qpdf. */
static void test_structure(void **state) {
    fixture *f = *state;
    char path[128], cmd[512];
    size_t len;
    char *s = qdf_written(f, f->dl, "s.pdf", path, &len);
    assert_non_null(strstr(s, "/Lang (nl-NL)"));
    assert_non_null(strstr(s, "/PageMode /UseOutlines"));
    assert_non_null(strstr(s, "/PageLabels"));
    assert_non_null(strstr(s, "/CreationDate (D:20201118000000+00'00')"));
    assert_non_null(strstr(s, "/F 4"));
    assert_non_null(strstr(s, "/Subtype /Link"));
    assert_non_null(strstr(s, "beginbfrange"));
    assert_non_null(strstr(s, "<20AC> <20AC>"));           /* € */
    assert_non_null(strstr(s, "<00A0> <00A0>"));           /* non-breaking space */
    assert_null(strstr(s, "begincidrange"));               /* libharu's invalid map is gone */
    assert_null(strstr(s, "/CMapName /UTF-8"));            /* and its description of the ToUnicode stream */
    assert_non_null(strstr(s, "/Ordering (Identity)"));     /* the CIDFont's system: Identity-H's own */
    assert_null(strstr(s, "/Ordering (Identity-H)"));
    assert_null(strstr(s, "/Type /Outlines\n  /Prev"));      /* only the root is /Type /Outlines */
    char *type = strstr(s, "/Type /Outlines"), *again = type ? strstr(type + 1, "/Type /Outlines") : NULL;
    assert_non_null(type);
    assert_null(again);
    free(s);
    snprintf(cmd, sizeof cmd, "qpdf --json --json-key=outlines '%s' 2>/dev/null", path);
    int st;
    char *out = run_cmd(cmd, &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "Financiën"));
    assert_non_null(strstr(out, "Paragraaf “één”"));
    assert_non_null(strstr(out, "Bijlagen"));
    free(out);
}

/* Occurrences of needle in s[0..len) (which may hold NUL bytes: two-byte codes in literal strings). */
static int count(const char *s, size_t len, const char *needle) {
    int n = 0;
    size_t k = strlen(needle);
    for (const char *p = s, *end = s + len; (p = memmem(p, (size_t)(end - p), needle, k)); p += k) n++;
    return n;
}

/* A footer "Pagina 1 van 1" as late page content of page pg (furniture), its only late box. */
static void late_footer(zw_display *dl, zw_page *pg) {
    zw_late *late = zw_display_add_late(dl);
    assert_non_null(late);
    *late = (zw_late){0, 56.69, 800, 480, 10, -1, calloc(1, sizeof(zw_run)), 1};
    assert_non_null(late->runs);
    late->runs[0] = (zw_run){.x = 400, .y = 808, .w = 60, .ascent = 7.5, .descent = 2.5, .face = 1, .size = 9,
                             .text = "Pagina 1 van 1", .len = 14, .role = ZW_ROLE_ARTIFACT, .elem = -1};
    pg->late0 = 0;
    pg->late1 = 1;
}

/* Text of different elements never shares a text operator, even on one baseline in one face; late
 * page content is a form XObject drawn on its page, with its text written at the end; a link to an
 * element lands where the element first stands. */
static void test_elements_and_late_content(void **state) {
    fixture *f = *state;
    zw_display *dl = zw_display_new();
    assert_non_null(dl);
    dl->faces = f->faces;
    dl->nfaces = 2;
    assert_int_equal(zw_display_add_elem(dl, ZW_ROLE_DOCUMENT, -1), 0);
    for (int i = 1; i <= 3; i++) assert_int_equal(zw_display_add_elem(dl, ZW_ROLE_TD, 0), i);
    zw_page *pg = zw_display_add_page(dl, 595.28, 841.89);
    assert_non_null(pg);
    pg->label = "1";
    const char *cells[] = {"Een", "twee", "drie", "vier"};
    const int elems[] = {1, 1, 2, 3};
    for (int i = 0; i < 4; i++) add_run(pg, 60 + 40 * i, 100, 0, 10, cells[i])->elem = elems[i];
    dl->elems[2].page = 0;
    dl->elems[2].y = 92.5;
    zw_link *ln = zw_page_add_link(pg);
    *ln = (zw_link){60, 92, 20, 10, 1, 2, 0, 0, NULL, false};
    ln = zw_page_add_link(pg);   /* to an address outside */
    *ln = (zw_link){100, 92, 20, 10, 2, -1, 0, 0, "https://www.diemen.nl", false};
    ln = zw_page_add_link(pg);   /* through element 3's ref (a cross-reference) to element 2 */
    *ln = (zw_link){140, 92, 20, 10, 3, 3, 0, 0, NULL, true};
    dl->elems[3].ref = 2;
    dl->watermark = (zw_watermark){{.face = 1, .size = 100, .w = 300, .ascent = 75, .text = "CONCEPT", .len = 7,
                                    .role = ZW_ROLE_ARTIFACT, .elem = -1}, 0.9};
    late_footer(dl, pg);
    char path[128], cmd[512];
    size_t len;
    char *s = qdf_written(f, dl, "e.pdf", path, &len);
    /* three elements on the page, the first one's link text a sequence of its own; one operator in the
     * XObject; the draft mark */
    assert_int_equal(count(s, len, "] TJ"), 6);
    assert_int_equal(count(s, len, "/Subtype /Watermark>> BDC"), 1);
    assert_int_equal(count(s, len, "/URI (https://www.diemen.nl)"), 1);
    assert_int_equal(count(s, len, "/Border [\n    0\n    0\n    0\n  ]"), 3);   /* links print as text */
    assert_int_equal(count(s, len, "/F 4"), 3);
    assert_int_equal(count(s, len, "/Subtype /Form"), 1);
    assert_int_equal(count(s, len, " Do\n"), 1);
    assert_int_equal(count(s, len, "/Subtype /Link"), 3);
    assert_int_equal(count(s, len, "/XYZ\n    0\n    751.39"), 2);   /* 841.89 - (92.5 - 2), in the links' own /Dest:
                                                                     directly and through the ref */
    free(s);
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>&1", path);
    int st;
    char *out = run_cmd(cmd, &st);
    assert_non_null(strstr(out, "Pagina 1 van 1"));
    free(out);
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
    zw_display_drop(dl);
}

/* A run of element e on page pg at (x, y), of e's role (or furniture when art). */
static zw_run *elem_run(zw_display *dl, zw_page *pg, double x, double y, const char *text, int e) {
    zw_run *r = add_run(pg, x, y, 0, 10, text);
    r->elem = e;
    r->role = e >= 0 ? (zw_role)dl->elems[e].role : ZW_ROLE_ARTIFACT;
    if (e >= 0 && dl->elems[e].page < 0) {
        dl->elems[e].page = 0;
        dl->elems[e].y = (float)(y - 7.5);
    }
    return r;
}

/* The tagged PDF of a hand-built page with every kind of content: marked content around all of it (the
 * fills and rules a /Layout artifact, header, footer and a repeated table header /Pagination artifacts,
 * the late box's Do in the footer's), the structure tree's types and attributes (a chapter a Part, a
 * mark a Reference with a Link and the annotation's OBJR, a Note with an /ID, TH with /Scope, an empty
 * TD for the short row, spans), the catalog's entries, words separated by spaces and the hyphen that
 * hyphenation added a soft hyphen; then tests/e2e/check_pdfua.py's checks on the file. */
static void test_tagged(void **state) {
    fixture *f = *state;
    zw_display *dl = zw_display_new();
    assert_non_null(dl);
    dl->faces = f->faces;
    dl->nfaces = 2;
    dl->title = "Begroting";
    dl->lang = "nl-NL";
    enum { DOC, SECT, H1, P, MARK, NOTE, TABLE, THEAD, TRH, TH1, TH2, TBODY, TR, TD1, NELEMS };
    const zw_role roles[] = {ZW_ROLE_DOCUMENT, ZW_ROLE_SECT, ZW_ROLE_H1, ZW_ROLE_P, ZW_ROLE_NOTE_MARK,
                             ZW_ROLE_NOTE, ZW_ROLE_TABLE, ZW_ROLE_THEAD, ZW_ROLE_TR, ZW_ROLE_TH, ZW_ROLE_TH,
                             ZW_ROLE_TBODY, ZW_ROLE_TR, ZW_ROLE_TD};
    const int parents[] = {-1, DOC, SECT, SECT, P, SECT, SECT, TABLE, THEAD, TRH, TRH, TABLE, TBODY, TR};
    for (int i = 0; i < NELEMS; i++) assert_int_equal(zw_display_add_elem(dl, roles[i], parents[i]), i);
    dl->elems[MARK].ref = NOTE;
    dl->elems[NOTE].ref = MARK;
    dl->elems[TH1].scope = dl->elems[TH2].scope = ZW_SCOPE_COLUMN;
    for (int e = TH1; e <= TD1; e++) dl->elems[e].colspan = dl->elems[e].rowspan = 1;
    zw_page *pg = zw_display_add_page(dl, 595.28, 841.89);
    assert_non_null(pg);
    *pg = (zw_page){.width = 595.28, .height = 841.89, .area_x = 56.69, .area_y = 56.69, .area_w = 481.9,
                    .area_h = 728.5, .label = "1"};
    elem_run(dl, pg, 56.69, 40, "Kop", -1);                    /* running header */
    elem_run(dl, pg, 56.69, 80, "Financien", H1);
    elem_run(dl, pg, 56.69, 110, "Een", P);
    elem_run(dl, pg, 80, 110, "woord", P);
    elem_run(dl, pg, 120, 110, "afge-", P)->flags = ZW_RUN_JOIN | ZW_RUN_HYPHEN;
    elem_run(dl, pg, 56.69, 122, "broken", P);
    elem_run(dl, pg, 90, 122, "1", MARK)->note = "n";
    elem_run(dl, pg, 56.69, 150, "Jaar", TH1);
    elem_run(dl, pg, 200, 150, "Bedrag", TH2);
    elem_run(dl, pg, 56.69, 165, "2021", TD1);
    zw_run *rep = elem_run(dl, pg, 56.69, 180, "Jaar", TH1);   /* a header repeated further on */
    rep->role = ZW_ROLE_ARTIFACT;
    rep->flags = ZW_RUN_REPEAT;
    elem_run(dl, pg, 56.69, 760, "1 Een noot.", NOTE);
    zw_fill *fl = zw_page_add_fill(pg);
    *fl = (zw_fill){56.69, 140, 481.9, 14, 0.9};
    zw_rule *ru = zw_page_add_rule(pg);
    *ru = (zw_rule){56.69, 750, 200, 750, 0.5, 0};
    zw_link *ln = zw_page_add_link(pg);
    *ln = (zw_link){89, 113, 7, 12, MARK, -1, 0, 752, NULL, false};
    late_footer(dl, pg);
    char path[128], cmd[512];
    size_t len;
    char *s = qdf_written(f, dl, "t.pdf", path, &len);
    assert_int_equal(count(s, len, "/Artifact <</Type /Layout>> BDC"), 1);
    assert_int_equal(count(s, len, "/Subtype /Header>> BDC"), 1);
    assert_int_equal(count(s, len, "/Subtype /Footer>> BDC"), 1);            /* the late box's Do */
    assert_int_equal(count(s, len, "/Artifact <</Type /Pagination>> BDC"), 1);   /* the repeated header */
    assert_int_equal(count(s, len, "<</MCID "), 7);   /* H1, P, Link, P, TH, TH, TD, … */
    assert_int_equal(count(s, len, "/S /Part"), 1);
    assert_int_equal(count(s, len, "/S /Reference"), 1);
    assert_int_equal(count(s, len, "/S /Link"), 1);
    assert_int_equal(count(s, len, "/Type /OBJR"), 1);
    assert_int_equal(count(s, len, "/ID (note"), 1);
    assert_int_equal(count(s, len, "/Scope /Column"), 2);
    assert_int_equal(count(s, len, "/S /TD"), 2);                             /* one with text, one empty */
    assert_int_equal(count(s, len, "/StructParents 0"), 1);
    assert_int_equal(count(s, len, "/StructParent 1"), 1);
    assert_int_equal(count(s, len, "/Tabs /S"), 1);
    assert_int_equal(count(s, len, "/Marked true"), 1);
    assert_int_equal(count(s, len, "/DisplayDocTitle true"), 1);
    assert_int_equal(count(s, len, "<00450065006e0020>"), 1);   /* "Een ": a space before the next word */
    assert_int_equal(count(s, len, "006500ad>"), 1);             /* "afge-": hyphenation's hyphen a soft one */
    free(s);
    const char *root = getenv("ZW_ROOT") ? getenv("ZW_ROOT") : ".";
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s/tests/e2e/check_pdfua.py' ua '%s' >/dev/null", root, path);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "pdfinfo -struct-text '%s' | tr -d '\\n' | grep -q '\"Een woord afgebroken\"'", path);
    assert_int_equal(system(cmd), 0);
    zw_display_drop(dl);
}

/* Font expansion: runs of a line set 1.5 % wide are drawn with "101.5 Tz", which scales their glyphs and
 * the adjustments between them alike; each starts where layout put it (to a thousandth of an em: the
 * adjustments are whole thousandths) and is 1.015 times as wide as the same text unexpanded; the scale
 * is back at 100 % for what follows (a late box drawn after the text inherits it). */
static void test_expansion(void **state) {
    fixture *f = *state;
    zw_display *dl = zw_display_new();
    assert_non_null(dl);
    dl->faces = f->faces;
    dl->nfaces = 2;
    zw_page *pg = zw_display_add_page(dl, 595.28, 841.89);
    assert_non_null(pg);
    pg->label = "1";
    const double xs[] = {60, 131.7, 250.03};
    const char *text[] = {"Begroting", "financi\xC3\xABle", "cli\xC3\xABnten"};
    for (int i = 0; i < 3; i++) add_run(pg, xs[i], 100, 0, 10, text[i]);
    for (int i = 0; i < 3; i++) add_run(pg, xs[i], 130, 0, 10, text[i])->expand = 150;
    char path[128], cmd[512];
    size_t len;
    char *s = qdf_written(f, dl, "x.pdf", path, &len);
    assert_int_equal(count(s, len, "101.5 Tz"), 1);
    assert_int_equal(count(s, len, "100 Tz"), 1);
    assert_int_equal(count(s, len, "100 Tz\nET"), 1);
    free(s);
    snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>&1 | grep '<word'", path);
    int st;
    char *out = run_cmd(cmd, &st);
    double x0[6], x1[6];
    const char *p = out;
    for (int i = 0; i < 6; i++) {
        p = strstr(p, "xMin=\"");
        assert_non_null(p);
        assert_int_equal(sscanf(p, "xMin=\"%lf\" yMin=\"%*f\" xMax=\"%lf\"", &x0[i], &x1[i]), 2);
        p++;
    }
    for (int i = 0; i < 3; i++) {
        assert_float_equal(x0[i], xs[i], 0.01);       /* unexpanded, where layout put it */
        assert_float_equal(x0[i + 3], xs[i], 0.01);   /* and expanded */
        assert_float_equal((x1[i + 3] - x0[i + 3]) / (x1[i] - x0[i]), 1.015, 1e-4);
    }
    free(out);
    zw_display_drop(dl);
}

static void test_deterministic(void **state) {
    fixture *f = *state;
    char a[128], b[128];
    in_dir(f, "a.pdf", a, sizeof a);
    in_dir(f, "b.pdf", b, sizeof b);
    assert_true(zw_pdf_write(f->dl, f->diags, a));
    assert_true(zw_pdf_write(f->dl, f->diags, b));
    size_t la, lb;
    char *da = read_file(a, &la), *db = read_file(b, &lb);
    assert_non_null(da);
    assert_non_null(db);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
}

static void test_unwritable_folder(void **state) {
    fixture *f = *state;
    assert_false(zw_pdf_write(f->dl, f->diags, "/nonexistent/dir/x.pdf"));
    assert_true(any_message_contains(f->diags, "cannot write '/nonexistent/dir/x.pdf': No such file"));
    struct stat st;
    assert_int_not_equal(stat("/nonexistent/dir/x.pdf", &st), 0);
}

/* A failed write leaves the existing target as it was and no temporary file beside it. */
static void expect_target_untouched(fixture *f, const char *needle) {
    char path[128];
    in_dir(f, "keep.pdf", path, sizeof path);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("old contents", fp);
    fclose(fp);
    assert_false(zw_pdf_write(f->dl, f->diags, path));
    assert_true(any_message_contains(f->diags, needle));
    size_t len;
    char *s = read_file(path, &len);
    assert_non_null(s);
    assert_string_equal(s, "old contents");
    free(s);
    assert_int_equal(count_files(f->dir), 1);
}

static void test_missing_font_keeps_target(void **state) {
    fixture *f = *state;
    f->faces[1] = "/nonexistent/Font.ttf";
    expect_target_untouched(f, "cannot read font '/nonexistent/Font.ttf': No such file");
}

static void test_bad_font_keeps_target(void **state) {
    fixture *f = *state;
    char bad[128];
    in_dir(f, "bad.ttf", bad, sizeof bad);
    FILE *fp = fopen(bad, "wb");
    assert_non_null(fp);
    fputs("this is not a font", fp);
    fclose(fp);
    f->faces[0] = bad;
    char path[128];
    in_dir(f, "keep.pdf", path, sizeof path);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("old contents", fp);
    fclose(fp);
    assert_false(zw_pdf_write(f->dl, f->diags, path));
    assert_true(any_message_contains(f->diags, "cannot load font"));
    assert_true(any_message_contains(f->diags, "bad.ttf"));
    size_t len;
    char *s = read_file(path, &len);
    assert_string_equal(s, "old contents");
    free(s);
    assert_int_equal(count_files(f->dir), 2);
}

/* Text the fonts cannot show, broken UTF-8 and controls are drawn as U+FFFD, never a crash. */
static void test_odd_text_does_not_crash(void **state) {
    fixture *f = *state;
    zw_page *pg = &f->dl->pages[1];
    add_run(pg, 60, 300, 0, 10, "emoji \xF0\x9F\x98\x80 chinese \xE4\xB8\xAD");
    add_run(pg, 60, 320, 1, 10, "broken \xC3 utf8 \xFF\xFE tab\there");
    zw_run *empty = add_run(pg, 60, 340, 0, 10, "");
    empty->len = 0;
    f->dl->outline[2].title = "bad \xE2\x82 title";
    char path[128], cmd[256];
    in_dir(f, "odd.pdf", path, sizeof path);
    assert_true(zw_pdf_write(f->dl, f->diags, path));
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    assert_int_equal(system(cmd), 0);
}

/* Two faces from one file share one embedded font; the ToUnicode map covers what both drew. */
static void test_faces_sharing_a_file(void **state) {
    fixture *f = *state;
    f->faces[1] = REGULAR;
    char path[128], cmd[256];
    in_dir(f, "shared.pdf", path, sizeof path);
    assert_true(zw_pdf_write(f->dl, f->diags, path));
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
    int st;
    char *out = run_cmd(cmd, &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "Financiën"));
    assert_non_null(strstr(out, "geëvalueerd"));
    free(out);
    snprintf(cmd, sizeof cmd, "test $(pdffonts '%s' | grep -c Carlito) -eq 1", path);
    assert_int_equal(system(cmd), 0);
}

static void test_bad_face_number_fails(void **state) {
    fixture *f = *state;
    f->dl->pages[0].runs[0].face = 7;
    expect_target_untouched(f, "face 7");
}

static void test_link_to_missing_page_fails(void **state) {
    fixture *f = *state;
    f->dl->pages[0].links[0].dest_page = 5;
    expect_target_untouched(f, "page 6 of 2");
}

/* Every allocation of ours that fails gives "out of memory", no file and no leak — for a plain PDF and
 * for PDF/A-1b (its metadata, XMP, descriptors and CIDSet allocate too). */
static bool write_with(fixture *f, const char *path, const zw_pdf_opts *o);

static void test_out_of_memory(void **state) {
    fixture *f = *state;
    char path[128];
    in_dir(f, "oom.pdf", path, sizeof path);
    const char *kw[] = {"begroting", "archief"};
    f->dl->keywords = kw;
    f->dl->nkeywords = 2;
    f->dl->identifier = "RB-1";
    zw_pdf_opts a1 = {.pdfa = zw_pdfa_lookup("1b"), .epoch = -1};
    for (int pdfa = 0; pdfa < 2; pdfa++) {
        bool failed = true;
        for (long n = 1; failed && n <= 200; n++) {
            zw_diags *d = zw_diags_new(), *keep = f->diags;
            assert_non_null(d);
            f->diags = d;
            zw_fail_alloc_after(n);
            bool ok = pdfa ? write_with(f, path, &a1) : zw_pdf_write(f->dl, d, path);
            failed = zw_fail_alloc_pending() == 0;   /* the n-th allocation happened (and failed) */
            zw_fail_alloc_after(0);
            if (!ok) {
                assert_true(any_message_contains(d, "out of memory"));
                assert_int_equal(count_files(f->dir), 0);
            }
            f->diags = keep;
            zw_diags_drop(d);
            unlink(path);
        }
        assert_false(failed);   /* every allocation was made to fail once */
    }
}

static void test_no_pages(void **state) {
    zw_display *dl = zw_display_new();
    zw_diags *d = zw_diags_new();
    assert_false(zw_pdf_write(dl, d, "/tmp/never-written.pdf"));
    assert_true(any_message_contains(d, "no pages"));
    zw_display_drop(dl);
    zw_diags_drop(d);
    (void)state;
}

/* A face no run uses is never loaded: its file may be missing, and only the used face is embedded. */
static void test_unused_face_is_not_loaded(void **state) {
    zw_display *dl = zw_display_new();
    zw_diags *d = zw_diags_new();
    const char *faces[] = {REGULAR, "/nonexistent/Unused.ttf"};
    dl->faces = faces;
    dl->nfaces = 2;
    zw_page *pg = zw_display_add_page(dl, 595.28, 841.89);
    assert_non_null(pg);
    pg->label = "1";
    add_run(pg, 56.69, 100, 0, 10, "alleen regulier");
    char path[] = "/tmp/zw_test_unused_XXXXXX.pdf", cmd[128];
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    assert_true(zw_pdf_write(dl, d, path));
    assert_false(any_message_contains(d, "Unused.ttf"));
    snprintf(cmd, sizeof cmd, "pdffonts '%s' | grep -c Carlito", path);
    int st;
    char *out = run_cmd(cmd, &st);
    assert_string_equal(out, "1\n");
    free(out);
    unlink(path);
    zw_display_drop(dl);
    zw_diags_drop(d);
    (void)state;
}

/* Labels that restart (roman front matter, then 1, then appendices, B-1: a range per prefix) and
 * a bad date (warning, no crash). */
static void test_labels_and_bad_date(void **state) {
    fixture *f = *state;
    static const char *const more[] = {"1", "A-1", "A-2", "B-1"};
    for (int i = 0; i < 4; i++) {
        zw_page *pg = zw_display_add_page(f->dl, 595.28, 841.89);
        assert_non_null(pg);
        pg->label = more[i];
    }
    f->dl->pages[0].label = "i";
    f->dl->pages[1].label = "ii";
    f->dl->date = "2021-02-30";
    char path[128];
    size_t len;
    char *s = qdf_written(f, f->dl, "l.pdf", path, &len);
    assert_true(any_message_contains(f->diags, "warning: document date '2021-02-30'"));
    assert_non_null(strstr(s, "/S /r"));
    assert_non_null(strstr(s, "/S /D"));
    assert_non_null(strstr(s, "/P (A-)"));
    assert_non_null(strstr(s, "/P (B-)"));
    int ranges = 0;   /* i (with ii), 1, A-1 (with A-2), B-1 */
    for (const char *q = s; (q = strstr(q, "/S /")); q++) ranges++;
    assert_int_equal(ranges, 4);
    assert_null(strstr(s, "/CreationDate"));
    free(s);
}

/* Write f's list with options (begin, pages, end, as zw_render does). */
static bool write_with(fixture *f, const char *path, const zw_pdf_opts *o) {
    zw_pdf *w = zw_pdf_begin(f->dl, f->diags, path, o);
    if (!w) return false;
    if (!zw_pdf_pages(w, 0, f->dl->npages)) { zw_pdf_drop(w); return false; }
    return zw_pdf_end(w);
}

/* A file's bytes (which may hold NUL bytes) and their length. */
typedef struct bytes {
    char *s;
    size_t n;
} bytes;

static bool has(bytes b, const char *needle) { return memmem(b.s, b.n, needle, strlen(needle)) != NULL; }

/* The file's bytes as qpdf's uncompressed QDF, and the raw file's in *raw; free both .s. */
static bytes qdf_of(const char *path, bytes *raw) {
    bytes q;
    raw->s = read_file(path, &raw->n);
    assert_non_null(raw->s);
    q.s = qdf_file(path, &q.n);
    return q;
}

/* Write f's list as `name` in its folder (with options; NULL: zw_pdf_write) and return the QDF and the raw
 * bytes (see qdf_of). */
static bytes written(fixture *f, const char *name, const zw_pdf_opts *o, bytes *raw) {
    char path[128];
    in_dir(f, name, path, sizeof path);
    assert_true(o ? write_with(f, path, o) : zw_pdf_write(f->dl, f->diags, path));
    return qdf_of(path, raw);
}

static void drop_bytes(bytes a, bytes b) {
    free(a.s);
    free(b.s);
}

/* PDF/A-1b: version 1.4, the claim in an unfiltered XMP stream whose texts are escaped and equal Info's,
 * the sRGB output intent, the /ID given, and the CID fonts' descriptors with CapHeight and CIDSet. */
static void test_pdfa_1b(void **state) {
    fixture *f = *state;
    zw_pdf_opts o = {.pdfa = zw_pdfa_lookup("1b"), .epoch = -1};
    for (int i = 0; i < 16; i++) o.id[i] = (unsigned char)(0xA0 + i);
    const char *kw[] = {"begroting", "R&D <test>"};
    f->dl->keywords = kw;
    f->dl->nkeywords = 2;
    f->dl->identifier = "2020/123";
    f->dl->adopted = "2020-11-12";
    bytes raw, s = written(f, "a1.pdf", &o, &raw);
    assert_int_equal(zw_diags_count(f->diags), 0);
    assert_memory_equal(raw.s, "%PDF-1.4\n%\xB7\xBE\xAD\xAA\n", 15);   /* a binary comment, as PDF/A wants */
    assert_true(has(raw, "/ID [ <A0A1A2A3A4A5A6A7A8A9AAABACADAEAF> <A0A1A2A3A4A5A6A7A8A9AAABACADAEAF> ]"));
    assert_true(has(s, "<pdfaid:part>1</pdfaid:part>"));
    assert_true(has(s, "<pdfaid:conformance>B</pdfaid:conformance>"));
    assert_true(has(s, "<rdf:li xml:lang=\"x-default\">Begroting &amp; &quot;verantwoording&quot;</rdf:li>"));
    assert_true(has(s, "<pdf:Keywords>begroting, R&amp;D &lt;test&gt;</pdf:Keywords>"));
    assert_true(has(s, "<rdf:li>R&amp;D &lt;test&gt;</rdf:li>"));
    assert_true(has(s, "<dc:identifier>2020/123</dc:identifier>"));
    assert_true(has(s, "<rdf:li>2020-11-12T00:00:00+00:00</rdf:li>"));
    assert_true(has(s, "<xmp:CreateDate>2020-11-18T00:00:00+00:00</xmp:CreateDate>"));
    assert_true(has(s, "/CreationDate (D:20201118000000+00'00')"));
    assert_true(has(s, "/AdoptionDate (D:20201112000000+00'00')"));
    assert_true(has(s, "/Identifier <feff0032003000320030002f003100320033>"));   /* "2020/123" in UTF-16 */
    assert_true(has(s, "<xmpMM:DocumentID>uuid:a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf</xmpMM:DocumentID>"));
    assert_true(has(s, "/Subtype /XML"));
    assert_true(has(s, "/S /GTS_PDFA1"));
    assert_true(has(s, "/OutputConditionIdentifier (sRGB IEC61966-2.1)"));
    assert_int_equal(count(s.s, s.n, "/CapHeight"), 2);   /* regular and bold */
    assert_int_equal(count(s.s, s.n, "/CIDSet"), 2);
    assert_int_equal(count(s.s, s.n, "/FontFile2"), 2);
    char *md = memmem(s.s, s.n, "/Subtype /XML", 13), *end = md ? strstr(md, "stream") : NULL;
    assert_non_null(end);
    assert_null(memmem(md, (size_t)(end - md), "/Filter", 7));   /* the XMP is not compressed */
    drop_bytes(s, raw);
}

/* PDF/A-2u: version 1.7, part 2 / U, no CIDSet (PDF/A-2 does not want one); a plain PDF ("off", or no
 * options) has neither XMP nor output intent, but an /ID made from its metadata. */
static void test_pdfa_2u_and_off(void **state) {
    fixture *f = *state;
    zw_pdf_opts o = {.pdfa = zw_pdfa_default(), .epoch = -1};
    bytes raw, s = written(f, "a2.pdf", &o, &raw);
    assert_memory_equal(raw.s, "%PDF-1.7\n", 9);
    assert_true(has(s, "<pdfaid:part>2</pdfaid:part>"));
    assert_true(has(s, "<pdfaid:conformance>U</pdfaid:conformance>"));
    assert_false(has(s, "/CIDSet"));
    assert_int_equal(count(s.s, s.n, "/CapHeight"), 2);
    drop_bytes(s, raw);
    s = written(f, "off.pdf", NULL, &raw);
    assert_memory_equal(raw.s, "%PDF-1.4\n", 9);
    assert_false(has(s, "/Metadata"));
    assert_false(has(s, "/OutputIntents"));
    assert_true(has(raw, "/ID [ <"));
    drop_bytes(s, raw);
}

/* A document without a date takes the options' epoch (SOURCE_DATE_EPOCH), in Info and XMP alike. */
static void test_epoch_date(void **state) {
    fixture *f = *state;
    f->dl->date = NULL;
    zw_pdf_opts o = {.pdfa = zw_pdfa_default(), .epoch = 1609502400};   /* 2021-01-01 12:00:00 UTC */
    bytes raw, s = written(f, "e.pdf", &o, &raw);
    assert_true(has(s, "/CreationDate (D:20210101120000+00'00')"));
    assert_true(has(s, "/ModDate (D:20210101120000+00'00')"));
    assert_true(has(s, "<xmp:ModifyDate>2021-01-01T12:00:00+00:00</xmp:ModifyDate>"));
    drop_bytes(s, raw);
}

/* U+00A0, which Carlito lacks, is drawn with the space's glyph and width and stays U+00A0 in ToUnicode. */
static void test_nbsp_stand_in(void **state) {
    fixture *f = *state;
    bytes raw, s = written(f, "nb.pdf", NULL, &raw);
    assert_true(has(s, "<00A0> <00A0>"));
    /* /W gives code 160 the space's width (226 for Carlito, as code 32) */
    assert_true(has(s, "    32\n    [\n      226\n    ]"));
    assert_true(has(s, "    160\n    [\n      226\n    ]"));
    drop_bytes(s, raw);
    char path[128], cmd[640];   /* CIDToGIDMap: code 160 maps to the glyph of code 32 */
    in_dir(f, "nb.pdf", path, sizeof path);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 -c \"import pikepdf,sys; p=pikepdf.open(sys.argv[1]); "
             "d=p.pages[0].Resources.Font; f=[d[k] for k in d.keys() if 'Bold' not in str(d[k].BaseFont)][0].DescendantFonts[0]; "
             "m=f.CIDToGIDMap.read_bytes(); sys.exit(0 if m[320:322]==m[64:66] and m[64:66]!=bytes(2) else 1)\" '%s'",
             path);
    assert_int_equal(system(cmd), 0);
}

/* PDF/A forbids drawing a character the font lacks: layout reports it with its position; should one
 * slip through (a running head), the writer refuses it too.  A plain PDF draws .notdef. */
static void test_pdfa_missing_glyph(void **state) {
    fixture *f = *state;
    add_run(&f->dl->pages[1], 60, 300, 0, 10, "\xE4\xB8\xAD");   /* 中 */
    zw_pdf_opts o = {.pdfa = zw_pdfa_lookup("2b"), .epoch = -1};
    char path[128];
    in_dir(f, "g.pdf", path, sizeof path);
    assert_false(write_with(f, path, &o));
    assert_true(any_message_contains(f->diags, "has no glyph for U+4E2D, which PDF/A forbids"));
    assert_int_equal(count_files(f->dir), 0);
    assert_true(zw_pdf_write(f->dl, f->diags, path));
}

/* The profile table: names in table order, each found by its name; the default is 2u. */
static void test_profiles(void **state) {
    for (int i = 0; zw_pdfa_names[i]; i++) {
        const zw_pdfa *p = zw_pdfa_lookup(zw_pdfa_names[i]);
        assert_non_null(p);
        assert_string_equal(p->name, zw_pdfa_names[i]);
        assert_true(p->part == 0 || p->conformance);
        assert_int_equal(p->pdf_minor, p->part == 2 ? 7 : 4);
    }
    assert_string_equal(zw_pdfa_default()->name, "2u");
    assert_null(zw_pdfa_lookup("3u"));
    assert_null(zw_pdfa_lookup(NULL));
    (void)state;
}

/* The input digest: the same bytes in any pieces give the same digest, any change another; fixed
 * values guard against a change of the function (every /ID would change with it). */
static void test_digest(void **state) {
    unsigned char text[1000], a[16], b[16];
    for (size_t i = 0; i < sizeof text; i++) text[i] = (unsigned char)(i * 7 + 3);
    zw_digest h;
    zw_digest_init(&h);
    zw_digest_add(&h, text, sizeof text);
    zw_digest_final(&h, a);
    for (size_t step = 1; step < 70; step += 13) {
        zw_digest_init(&h);
        for (size_t i = 0; i < sizeof text; i += step) zw_digest_add(&h, text + i, i + step > sizeof text ? sizeof text - i : step);
        zw_digest_final(&h, b);
        assert_memory_equal(a, b, 16);
    }
    for (size_t i = 0; i < sizeof text; i += 111) {
        text[i] ^= 1;
        zw_digest_init(&h);
        zw_digest_add(&h, text, sizeof text);
        zw_digest_final(&h, b);
        assert_memory_not_equal(a, b, 16);
        text[i] ^= 1;
    }
    zw_digest_init(&h);
    zw_digest_str(&h, "ab");
    zw_digest_str(&h, "c");
    zw_digest_final(&h, a);
    zw_digest_init(&h);
    zw_digest_str(&h, "a");
    zw_digest_str(&h, "bc");
    zw_digest_final(&h, b);
    assert_memory_not_equal(a, b, 16);
    zw_digest_init(&h);
    zw_digest_final(&h, a);
    zw_digest_add(&h, "zetwerk", 7);
    zw_digest_final(&h, b);
    char hex[33];
    for (int i = 0; i < 16; i++) snprintf(hex + 2 * i, 3, "%02x", b[i]);
    assert_string_equal(hex, DIGEST_ZETWERK);
    (void)state;
}

/* The qdf (uncompressed) file of the fixture's list written to name, or NULL when writing failed; its
 * length in *len (it holds binary streams: search it with memmem). */
static char *write_qdf(fixture *f, const char *name, const zw_pdf_opts *o, size_t *len) {
    char path[128], qdf[160];
    in_dir(f, name, path, sizeof path);
    if (!write_with(f, path, o)) return NULL;
    char *s = qdf_file(path, len);
    snprintf(qdf, sizeof qdf, "%s.qdf", path);
    unlink(qdf);
    unlink(path);
    return s;
}

/* How many times needle occurs in q[0..n). */
static int occurs(const char *q, size_t n, const char *needle) {
    int k = 0;
    size_t m = strlen(needle);
    for (const char *at = q; (at = memmem(at, n - (size_t)(at - q), needle, m)); at += m) k++;
    return k;
}

/* Images: the logo (RGBA PNG) with its soft mask in a plain PDF, the photo's DCT data as it is; flattened
 * without a soft mask in the archived editions (PDF/A); grey with no RGB anywhere in greyscale; a file damaged since it
 * was probed is an error at the place in the data that names it. */
static void test_images(void **state) {
    fixture *f = *state;
    const char *root = getenv("ZW_ROOT") ? getenv("ZW_ROOT") : ".";
    char logo[512], photo[512];
    snprintf(logo, sizeof logo, "%s/tests/figures/images/logo.png", root);
    snprintf(photo, sizeof photo, "%s/tests/figures/images/photo.jpg", root);
    zw_image imgs[2] = {{logo, {"t.yaml", 3, 5}, 720, 240, 300, ZW_IMAGE_PNG, true, false},
                        {photo, {"t.yaml", 4, 5}, 900, 500, 150, ZW_IMAGE_JPEG, false, false}};
    f->dl->images = imgs;
    f->dl->nimages = 2;
    zw_pic *p = zw_page_add_pic(&f->dl->pages[0]);
    *p = (zw_pic){56.69, 150, 120, 40, 0, -1};
    p = zw_page_add_pic(&f->dl->pages[1]);
    *p = (zw_pic){56.69, 150, 300, 166.67, 1, -1};
    p = zw_page_add_pic(&f->dl->pages[1]);   /* drawn twice, embedded once */
    *p = (zw_pic){56.69, 400, 120, 40, 0, -1};

    size_t n;
    char *q = write_qdf(f, "img.pdf", NULL, &n);
    assert_non_null(q);
    assert_int_equal(occurs(q, n, "/Subtype /Image"), 3);   /* the logo, its mask and the photo: each once */
    assert_int_equal(occurs(q, n, "/SMask"), 1);
    assert_int_equal(occurs(q, n, "/DCTDecode"), 1);
    assert_true(occurs(q, n, "/DeviceRGB") >= 2);
    assert_int_equal(occurs(q, n, "120 0 0 40 56.69 651.89 cm"), 1);   /* the logo's box, y from the bottom */
    free(q);

    static const char *const archived[] = {"1b", "2b", "2u"};
    for (size_t i = 0; i < 3; i++) {
        zw_pdf_opts a = {.pdfa = zw_pdfa_lookup(archived[i]), .epoch = -1};
        q = write_qdf(f, "flat.pdf", &a, &n);
        assert_non_null(q);
        assert_int_equal(occurs(q, n, "/SMask"), 0);
        assert_int_equal(occurs(q, n, "/DCTDecode"), 1);   /* a JPEG has no transparency: embedded as it is */
        free(q);
    }

    f->dl->greyscale = true;
    q = write_qdf(f, "grey.pdf", NULL, &n);
    assert_non_null(q);
    assert_int_equal(occurs(q, n, "/DeviceRGB"), 0);
    assert_int_equal(occurs(q, n, "/DCTDecode"), 0);
    assert_int_equal(occurs(q, n, "/SMask"), 1);   /* the logo keeps its transparency, in grey */
    free(q);

    char bad[128];
    in_dir(f, "damaged.jpg", bad, sizeof bad);
    FILE *fp = fopen(bad, "wb");
    assert_non_null(fp);
    fputs("\xff\xd8\xff\xe0 not a JPEG after all", fp);
    fclose(fp);
    imgs[1].path = bad;
    assert_null(write_qdf(f, "bad.pdf", NULL, &n));
    assert_true(any_message_contains(f->diags, "t.yaml:4:5: error: image '"));
    assert_true(any_message_contains(f->diags, "damaged.jpg' could not be embedded in the PDF"));
    unlink(bad);
    f->dl->images = NULL;
    f->dl->nimages = 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_valid_pdf_with_extractable_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_elements_and_late_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tagged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expansion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_font_keeps_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_font_keeps_target, setup, teardown),
        cmocka_unit_test_setup_teardown(test_odd_text_does_not_crash, setup, teardown),
        cmocka_unit_test_setup_teardown(test_faces_sharing_a_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_face_number_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_link_to_missing_page_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
        cmocka_unit_test(test_no_pages),
        cmocka_unit_test(test_unused_face_is_not_loaded),
        cmocka_unit_test_setup_teardown(test_labels_and_bad_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_images, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdfa_1b, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdfa_2u_and_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_epoch_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nbsp_stand_in, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pdfa_missing_glyph, setup, teardown),
        cmocka_unit_test(test_profiles),
        cmocka_unit_test(test_digest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
