/* main.c — the command line: `zetwerk render|check DATA.yaml [options]`, exit codes 0/1/2.
 *
 * Runs the pipeline (zw_render: load → bind → style → budget → layout → pdf), prints every diagnostic to stderr;
 * the outputs are written only when everything succeeded. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zw_render.h"

#ifndef ZW_VERSION
#define ZW_VERSION "0.0.0"
#endif
#ifndef ZW_LAYOUTS_DIR
#define ZW_LAYOUTS_DIR "/usr/local/share/zetwerk/layouts"
#endif
#ifndef ZW_FONTS_DIR
#define ZW_FONTS_DIR "/usr/local/share/zetwerk/fonts"
#endif

static const char usage[] =
    "usage: zetwerk render DATA.yaml [-o OUT.pdf] [--layout LAYOUT.yaml] [--pdfa 2u|2a|2b|1b|off]\n"
    "                      [--dump-layout FILE.json] [--dump-plain FILE.yaml] [--greyscale]\n"
    "       zetwerk check DATA.yaml [--layout LAYOUT.yaml] [--pdfa 2u|2a|2b|1b|off] [--strict] [--dump-plain FILE.yaml]\n"
    "       zetwerk --help | --version\n";

static const char help[] =
    "zetwerk typesets a municipality's Programmabegroting or Jaarstukken from YAML into PDF.\n\n"
    "commands:\n"
    "  render DATA.yaml     lay out the document and write the PDF\n"
    "  check DATA.yaml      validate data and layout (and lay out), write nothing\n\n"
    "options:\n"
    "  -o, --output FILE    the PDF to write (default: DATA's name with .pdf, in the current folder)\n"
    "  --layout LAYOUT      a layout file or a name in layouts/ (default: document.layout in the data)\n"
    "  --pdfa PROFILE       the archival edition: 2u (PDF/A-2u), 2a, 2b, 1b, or off (a plain PDF);\n"
    "                       default: the layout's `pdfa`, else 2u\n"
    "  --dump-layout FILE   also write the page boxes as JSON (for tests)\n"
    "  --dump-plain FILE    also write the document as plain blocks: budget blocks as the sections,\n"
    "                       lists and tables zetwerk made of them, with the numbers it computed\n"
    "  --greyscale          print in greys only (text, shading, charts and images), for print shops\n"
    "  --strict             (check) treat warnings as errors\n"
    "  --help, --version\n\n"
    "environment:\n"
    "  SOURCE_DATE_EPOCH    the date (seconds since 1970) of a document whose data gives none\n"
    "  ZETWERK_FONT_PATH    font folders searched after the layout's, fonts/ and zetwerk's own,\n"
    "                       ':'-separated (default: Debian's TrueType folders; empty: none)\n\n"
    "exit status: 0 success, 1 invalid input or failure, 2 usage error\n"
    "documentation: docs/data-format.md, docs/layout-format.md\n";

typedef struct opts {
    const char *cmd, *data, *out, *layout, *dump, *plain, *pdfa;
    bool strict, greyscale;
} opts;

/* 0 = ok, 2 = usage error, -1 = help/version printed. */
static int parse_args(int argc, char **argv, opts *o) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **want = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { fputs(help, stdout); fputs(usage, stdout); return -1; }
        if (!strcmp(a, "--version")) { printf("zetwerk %s\n", ZW_VERSION); return -1; }
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) want = &o->out;
        else if (!strcmp(a, "--layout")) want = &o->layout;
        else if (!strcmp(a, "--dump-layout")) want = &o->dump;
        else if (!strcmp(a, "--dump-plain")) want = &o->plain;
        else if (!strcmp(a, "--pdfa")) want = &o->pdfa;
        else if (!strcmp(a, "--strict")) { o->strict = true; continue; }
        else if (!strcmp(a, "--greyscale")) { o->greyscale = true; continue; }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "zetwerk: unknown option '%s'\n%s", a, usage); return 2; }
        else if (!o->cmd) { o->cmd = a; continue; }
        else if (!o->data) { o->data = a; continue; }
        else { fprintf(stderr, "zetwerk: unexpected argument '%s'\n%s", a, usage); return 2; }
        if (i + 1 >= argc) { fprintf(stderr, "zetwerk: option '%s' needs a value\n%s", a, usage); return 2; }
        *want = argv[++i];
    }
    if (!o->cmd) { fputs(usage, stderr); return 2; }
    if (strcmp(o->cmd, "render") && strcmp(o->cmd, "check")) {
        fprintf(stderr, "zetwerk: unknown command '%s'\n%s", o->cmd, usage);
        return 2;
    }
    if (!o->data) { fprintf(stderr, "zetwerk: %s needs a data file\n%s", o->cmd, usage); return 2; }
    if (o->pdfa && !zw_pdfa_lookup(o->pdfa)) {
        fprintf(stderr, "zetwerk: --pdfa must be one of 2u, 2a, 2b, 1b, off, not '%s'\n%s", o->pdfa, usage);
        return 2;
    }
    return 0;
}

/* `name` (layouts, fonts) next to the executable's folder (a build tree), else the installed folder. */
static const char *beside_program(char *buf, size_t cap, const char *name, const char *installed) {
    ssize_t n = readlink("/proc/self/exe", buf, cap - 32);
    if (n > 0) {
        buf[n] = 0;
        char *slash = strrchr(buf, '/');
        static const char *const up[] = {"/../", "/../../"};   /* build/, build/san/ */
        for (int i = 0; slash && i < 2; i++) {
            snprintf(slash, cap - (size_t)(slash - buf), "%s%s", up[i], name);
            if (access(buf, R_OK) == 0) return buf;
        }
    }
    return installed;
}

/* DATA's name with .pdf, in the current folder (malloc'd; NULL when out of memory). */
static char *default_output(const char *data) {
    const char *base = strrchr(data, '/');
    base = base ? base + 1 : data;
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".yaml")) n -= 5;
    else if (n > 4 && !strcmp(base + n - 4, ".yml")) n -= 4;
    char *out = malloc(n + 5);
    if (out) snprintf(out, n + 5, "%.*s.pdf", (int)n, base);
    return out;
}

static bool pipeline(const opts *o, zw_diags *d, zw_rendered *r) {
    char dir[PATH_MAX], fdir[PATH_MAX];
    bool render = !strcmp(o->cmd, "render");
    zw_render_opts ro = {.data = o->data, .layout = o->layout,
                         .layouts_dir = beside_program(dir, sizeof dir, "layouts", ZW_LAYOUTS_DIR),
                         .fonts_dir = beside_program(fdir, sizeof fdir, "fonts", ZW_FONTS_DIR),
                         .font_path = getenv("ZETWERK_FONT_PATH"), .pdfa = zw_pdfa_lookup(o->pdfa),
                         .source_date = getenv("SOURCE_DATE_EPOCH"), .plain = o->plain, .strict = o->strict,
                         .greyscale = o->greyscale};
    char *out = NULL;
    if (render) {
        out = o->out ? NULL : default_output(o->data);
        ro.pdf = o->out ? o->out : out;
        ro.dump = o->dump;
        if (!ro.pdf) { zw_diag(d, ZW_ERROR, ZW_NOPOS, "out of memory"); return false; }
    }
    bool ok = zw_render(&ro, d, r);
    free(out);
    return ok && !(!render && o->strict && zw_diags_warnings(d));
}

/* A stage gave up without a message (out of memory where no diagnostic could be stored, or a library
 * failing without errno); --strict with warnings fails without being an error. */
static void silent_failure(const zw_rendered *r, zw_diags *d) {
    if (r->a && zw_arena_failed(r->a)) fprintf(stderr, "zetwerk: error: out of memory\n");
    else if (zw_diags_warnings(d) == 0) fprintf(stderr, "zetwerk: error: failed without a diagnostic (out of memory?)\n");
}

int main(int argc, char **argv) {
    opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc < 0 ? 0 : rc;
    zw_diags *d = zw_diags_new();
    if (!d) { fprintf(stderr, "zetwerk: error: out of memory\n"); return 1; }
    zw_rendered r;
    bool ok = pipeline(&o, d, &r);
    zw_diags_print(d, stderr);
    if (!ok && zw_diags_errors(d) == 0) silent_failure(&r, d);
    ok = ok && zw_diags_errors(d) == 0;
    zw_rendered_drop(&r);
    zw_diags_drop(d);
    return ok ? 0 : 1;
}
