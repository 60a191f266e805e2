/* main.c — the command line: `zetwerk render|check DATA.yaml [options]`, exit codes 0/1/2.
 *
 * Runs the pipeline load → bind → style → layout → pdf, prints every diagnostic to stderr, and writes
 * output files only when everything succeeded (the PDF module writes atomically). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zw_budget.h"
#include "zw_dump.h"
#include "zw_hyphen.h"
#include "zw_layout.h"
#include "zw_model.h"
#include "zw_pdf.h"
#include "zw_plain.h"
#include "zw_style.h"
#include "zw_value.h"

#ifndef ZW_VERSION
#define ZW_VERSION "0.0.0"
#endif
#ifndef ZW_LAYOUTS_DIR
#define ZW_LAYOUTS_DIR "/usr/local/share/zetwerk/layouts"
#endif

static const char usage[] =
    "usage: zetwerk render DATA.yaml [-o OUT.pdf] [--layout LAYOUT.yaml] [--dump-layout FILE.json]\n"
    "                                [--dump-plain FILE.yaml]\n"
    "       zetwerk check DATA.yaml [--layout LAYOUT.yaml] [--strict] [--dump-plain FILE.yaml]\n"
    "       zetwerk --help | --version\n";

static const char help[] =
    "zetwerk typesets a municipality's Programmabegroting or Jaarstukken from YAML into PDF.\n\n"
    "commands:\n"
    "  render DATA.yaml     lay out the document and write the PDF\n"
    "  check DATA.yaml      validate data and layout (and lay out), write nothing\n\n"
    "options:\n"
    "  -o, --output FILE    the PDF to write (default: DATA's name with .pdf, in the current folder)\n"
    "  --layout LAYOUT      a layout file or a name in layouts/ (default: document.layout in the data)\n"
    "  --dump-layout FILE   also write the page boxes as JSON (for tests)\n"
    "  --dump-plain FILE    also write the document as plain blocks: budget blocks as the sections,\n"
    "                       lists and tables zetwerk made of them, with the numbers it computed\n"
    "  --strict             (check) treat warnings as errors\n"
    "  --help, --version\n\n"
    "exit status: 0 success, 1 invalid input or failure, 2 usage error\n"
    "documentation: docs/data-format.md, docs/layout-format.md\n";

typedef struct opts {
    const char *cmd, *data, *out, *layout, *dump, *plain;
    bool strict;
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
        else if (!strcmp(a, "--strict")) { o->strict = true; continue; }
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
    return 0;
}

/* layouts/ next to the executable's folder (a build tree), else the installed folder. */
static const char *layouts_dir(char *buf, size_t cap) {
    ssize_t n = readlink("/proc/self/exe", buf, cap - 32);
    if (n > 0) {
        buf[n] = 0;
        char *slash = strrchr(buf, '/');
        static const char *const up[] = {"/../layouts", "/../../layouts"};   /* build/, build/san/ */
        for (int i = 0; slash && i < 2; i++) {
            strcpy(slash, up[i]);
            if (access(buf, R_OK) == 0) return buf;
        }
    }
    return ZW_LAYOUTS_DIR;
}

static char *default_output(zw_arena *a, const char *data) {
    const char *base = strrchr(data, '/');
    base = base ? base + 1 : data;
    size_t n = strlen(base);
    if (n > 5 && !strcmp(base + n - 5, ".yaml")) n -= 5;
    else if (n > 4 && !strcmp(base + n - 4, ".yml")) n -= 4;
    return zw_arena_printf(a, "%.*s.pdf", (int)n, base);
}

/* Where the pages go as layout finishes them: the PDF (begun with the first pages) and the layout
 * dump's temporary file `<dump>.tmp.<pid>`, renamed into place only once the PDF is written too, so a
 * failed render leaves neither file changed. */
typedef struct outputs {
    zw_diags *d;
    const char *out, *dump;
    zw_pdf *pdf;
    FILE *df;
    char tmp[PATH_MAX];
} outputs;

static bool write_error(zw_diags *d, const char *path, int err) {
    zw_diag(d, ZW_ERROR, (zw_pos){path, 0, 0}, "cannot write: %s", strerror(err));
    return false;
}

static bool open_dump(outputs *o) {
    if (!o->dump) return true;
    if (snprintf(o->tmp, PATH_MAX, "%s.tmp.%ld", o->dump, (long)getpid()) >= PATH_MAX)
        return write_error(o->d, o->dump, ENAMETOOLONG);
    o->df = fopen(o->tmp, "w");
    if (!o->df) return write_error(o->d, o->dump, errno);
    zw_dump_begin(o->df);
    return true;
}

static bool sink_pages(void *ctx, const zw_display *dl, size_t from, size_t to) {
    outputs *o = ctx;
    if (!o->pdf && !(o->pdf = zw_pdf_begin(dl, o->d, o->out))) return false;
    if (o->df) zw_dump_pages(dl, from, to, o->df);
    return zw_pdf_pages(o->pdf, from, to);
}

static bool discard_pages(void *ctx, const zw_display *dl, size_t from, size_t to) {
    (void)ctx; (void)dl; (void)from; (void)to;
    return true;
}

/* Everything written: the dump closed, the PDF saved, then the dump renamed into place. */
static bool finish_outputs(outputs *o, const zw_display *dl) {
    bool ok = true;
    if (o->df) {
        errno = 0;
        ok = zw_dump_end(dl, o->df);
        int err = errno ? errno : EIO;
        if (fclose(o->df) != 0 && ok) { ok = false; err = errno; }
        o->df = NULL;
        if (!ok) write_error(o->d, o->dump, err);
    }
    if (!o->pdf) o->pdf = zw_pdf_begin(dl, o->d, o->out);   /* no pages: end reports it */
    ok = ok && o->pdf && zw_pdf_end(o->pdf);
    o->pdf = NULL;
    if (ok && o->dump && rename(o->tmp, o->dump) != 0) ok = write_error(o->d, o->dump, errno);
    return ok;
}

/* A render that failed: nothing of it stays. */
static void abandon_outputs(outputs *o) {
    zw_pdf_drop(o->pdf);
    o->pdf = NULL;
    if (o->df) fclose(o->df);
    o->df = NULL;
    if (o->dump && o->tmp[0]) remove(o->tmp);
}

/* Output is written to a temporary file and renamed over the target, which would replace a device
 * (`-o /dev/full`), a folder's entry for a FIFO or a symbolic link instead of writing through it: only a
 * regular file, or nothing yet, may be replaced. */
static bool target_ok(zw_diags *d, const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0 || S_ISREG(st.st_mode)) return true;
    zw_diag(d, ZW_ERROR, (zw_pos){path, 0, 0}, "cannot write: %s; give the path of a regular file",
            S_ISLNK(st.st_mode) ? "it is a symbolic link" : S_ISDIR(st.st_mode) ? "it is a folder"
                                                           : "it is not a regular file");
    return false;
}

/* Both output paths acceptable (and distinct); every problem reported. */
static bool targets_ok(zw_diags *d, const char *out, const char *dump) {
    bool ok = target_ok(d, out) & (!dump || target_ok(d, dump));
    if (dump && !strcmp(out, dump)) {
        zw_diag(d, ZW_ERROR, (zw_pos){dump, 0, 0}, "cannot write the layout dump over the PDF");
        ok = false;
    }
    return ok;
}

/* The document as plain blocks (--dump-plain), written to `<path>.tmp.<pid>` and renamed into place. */
static bool write_plain(zw_diags *d, const zw_doc *doc, const char *path) {
    char tmp[PATH_MAX];
    if (!target_ok(d, path)) return false;
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= PATH_MAX)
        return write_error(d, path, ENAMETOOLONG);
    FILE *f = fopen(tmp, "w");
    if (!f) return write_error(d, path, errno);
    errno = 0;
    bool ok = zw_plain_write(doc, f);
    int err = errno ? errno : EIO;
    if (fclose(f) != 0 && ok) { ok = false; err = errno; }
    if (ok && rename(tmp, path) != 0) { ok = false; err = errno; }
    if (!ok) { remove(tmp); return write_error(d, path, err); }
    return true;
}

/* Everything owned by one run. */
typedef struct run {
    zw_arena *a;
    zw_diags *d;
    zw_fonts *fonts;
    zw_hyphenator *h;
    zw_display *dl;
} run;

static zw_style *load_style(run *r, const opts *o, const zw_doc *doc, const zw_value *root) {
    char buf[PATH_MAX];
    const char *ref = o->layout ? o->layout : doc->layout;
    const zw_value *named = zw_value_lookup(zw_value_lookup(root, "document"), "layout");
    zw_pos pos = o->layout || !named ? ZW_NOPOS : named->pos;
    if (!ref) {
        zw_diag(r->d, ZW_ERROR, doc->pos, "no layout: add 'layout:' under 'document:' or give --layout");
        return NULL;
    }
    if (o->layout) pos.file = NULL;
    return zw_style_load(r->a, r->d, r->fonts, ref, layouts_dir(buf, sizeof buf), pos);
}

/* The Dutch patterns with the layout's exceptions, then the document's own (which win). */
static zw_hyphenator *load_hyphenator(run *r, const zw_style *st, const zw_doc *doc) {
    zw_hyphenator *h = zw_hyphenator_new(r->d, ZW_HYPHEN_DICT, st->hyph_left, st->hyph_right);
    for (int i = 0; h && i < st->nhyph_except; i++) zw_hyphenator_except(h, st->hyph_except[i]);
    for (size_t i = 0; h && i < doc->nhyph_except; i++) zw_hyphenator_except(h, doc->hyph_except[i]);
    return h;
}

static bool pipeline(run *r, const opts *o, outputs *w) {
    bool render = !strcmp(o->cmd, "render");
    const char *out = o->out ? o->out : default_output(r->a, o->data);
    if (render && (!out || !targets_ok(r->d, out, o->dump))) return false;   /* before any work */
    *w = (outputs){.d = r->d, .out = out, .dump = o->dump};
    zw_arena *tree = zw_arena_new();   /* the data's value tree, dropped once bound (NULL: all in r->a) */
    zw_value *root = zw_yaml_load_in(tree ? tree : r->a, r->a, r->d, o->data);
    zw_doc *doc = root ? zw_doc_bind(r->a, r->d, root) : NULL;
    zw_style *st = doc ? load_style(r, o, doc, root) : NULL;
    zw_arena_drop(tree);
    if (!st || !zw_budget_lower(r->a, r->d, doc, &st->budget, o->strict)) return false;
    if (o->plain && !write_plain(r->d, doc, o->plain)) return false;
    r->h = load_hyphenator(r, st, doc);
    if (!r->h) return false;
    zw_metrics m = zw_fonts_metrics(r->fonts);
    zw_sink sink = {render ? sink_pages : discard_pages, w};
    if (render && !open_dump(w)) return false;
    r->dl = zw_layout(r->a, r->d, doc, st, &m, r->h, r->fonts, &sink);
    if (!r->dl) return false;   /* (layout enforces ZW_MAX_PAGES) */
    r->dl->title = doc->title;
    r->dl->author = doc->organisation;
    r->dl->subject = doc->subtitle ? doc->subtitle : doc->title;
    r->dl->lang = doc->lang;
    r->dl->date = doc->date;
    if (!render) return !(o->strict && zw_diags_warnings(r->d));
    return finish_outputs(w, r->dl);
}

/* A stage gave up without a message (out of memory where no diagnostic could be stored, or a
 * library failing without errno); --strict with warnings fails without being an error. */
static void silent_failure(const run *r) {
    if (zw_arena_failed(r->a)) fprintf(stderr, "zetwerk: error: out of memory\n");
    else if (zw_diags_warnings(r->d) == 0) fprintf(stderr, "zetwerk: error: failed without a diagnostic (out of memory?)\n");
}

int main(int argc, char **argv) {
    opts o = {0};
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc < 0 ? 0 : rc;
    run r = {zw_arena_new(), zw_diags_new(), zw_fonts_new(), NULL, NULL};
    if (!r.a || !r.d || !r.fonts) { fprintf(stderr, "zetwerk: error: out of memory\n"); return 1; }
    outputs w = {0};
    bool ok = pipeline(&r, &o, &w);
    if (!ok) abandon_outputs(&w);
    zw_diags_print(r.d, stderr);
    if (!ok && zw_diags_errors(r.d) == 0) silent_failure(&r);
    ok = ok && zw_diags_errors(r.d) == 0;
    zw_display_drop(r.dl);
    zw_hyphenator_drop(r.h);
    zw_fonts_drop(r.fonts);
    zw_diags_drop(r.d);
    zw_arena_drop(r.a);
    return ok ? 0 : 1;
}
