/* render.c — the pipeline in one place: load → bind → style → budget → layout → PDF and layout dump
 * (zw_render).
 *
 * The data's value tree lives in an arena of its own, dropped once the model and the style are bound.
 * Pages go to the PDF writer and the dump as layout finishes them (a sink); the dump is written to
 * `<dump>.tmp.<pid>` and renamed into place only once the PDF is saved too, so a failed render leaves
 * neither file changed. */
#include "zw_render.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "zw_budget.h"
#include "zw_digest.h"
#include "zw_dump.h"
#include "zw_pdf.h"
#include "zw_plain.h"
#include "zw_value.h"

#ifndef ZW_VERSION
#define ZW_VERSION "dev"
#endif

/* Where pages go as layout finishes them. */
typedef struct outputs {
    const zw_render_opts *o;
    zw_diags *d;
    zw_pdf *pdf;               /* begun with the first pages */
    zw_pdf_opts pdf_opts;      /* its profile, date and /ID */
    FILE *df;                  /* the dump's temporary file */
    char tmp[PATH_MAX];        /* its name */
} outputs;

static double now(const zw_render_opts *o) {
    if (!o->times) return 0;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool write_error(zw_diags *d, const char *path, int err) {
    zw_diag(d, ZW_ERROR, (zw_pos){path, 0, 0}, "cannot write: %s", strerror(err));
    return false;
}

bool zw_render_target_ok(zw_diags *d, const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0 || S_ISREG(st.st_mode)) return true;
    zw_diag(d, ZW_ERROR, (zw_pos){path, 0, 0}, "cannot write: %s; give the path of a regular file",
            S_ISLNK(st.st_mode) ? "it is a symbolic link" : S_ISDIR(st.st_mode) ? "it is a folder"
                                                           : "it is not a regular file");
    return false;
}

/* The output paths acceptable (and distinct); every problem reported. */
static bool targets_ok(zw_diags *d, const char *pdf, const char *dump, const char *plain) {
    bool ok = (!pdf || zw_render_target_ok(d, pdf)) & (!dump || zw_render_target_ok(d, dump)) &
              (!plain || zw_render_target_ok(d, plain));
    if (pdf && dump && !strcmp(pdf, dump)) {
        zw_diag(d, ZW_ERROR, (zw_pos){dump, 0, 0}, "cannot write the layout dump over the PDF");
        ok = false;
    }
    if (plain && ((pdf && !strcmp(pdf, plain)) || (dump && !strcmp(dump, plain)))) {
        zw_diag(d, ZW_ERROR, (zw_pos){plain, 0, 0}, "cannot write the plain blocks over another output");
        ok = false;
    }
    return ok;
}

/* The document as plain blocks, written to `<path>.tmp.<pid>` and renamed into place.  A layout the data
 * names by a file beside it is named by its full path: the plain file may be written elsewhere. */
static bool write_plain(zw_diags *d, const zw_doc *doc, const zw_style *st, const char *path) {
    char full[PATH_MAX];
    const char *layout = doc->layout && strchr(doc->layout, '.') && st->path && realpath(st->path, full) ? full : NULL;
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= PATH_MAX)
        return write_error(d, path, ENAMETOOLONG);
    FILE *f = fopen(tmp, "w");
    if (!f) return write_error(d, path, errno);
    errno = 0;
    bool ok = zw_plain_write(doc, layout, f);
    int err = errno ? errno : EIO;
    if (fclose(f) != 0 && ok) { ok = false; err = errno; }
    if (ok && rename(tmp, path) != 0) { ok = false; err = errno; }
    if (!ok) { remove(tmp); return write_error(d, path, err); }
    return true;
}

static bool open_dump(outputs *w) {
    const char *dump = w->o->dump;
    if (!dump) return true;
    if (snprintf(w->tmp, PATH_MAX, "%s.tmp.%ld", dump, (long)getpid()) >= PATH_MAX)
        return write_error(w->d, dump, ENAMETOOLONG);
    w->df = fopen(w->tmp, "w");
    if (!w->df) return write_error(w->d, dump, errno);
    zw_dump_begin(w->df);
    return true;
}

static bool sink_pages(void *ctx, const zw_display *dl, size_t from, size_t to) {
    outputs *w = ctx;
    const zw_render_opts *o = w->o;
    if (o->sink && !o->sink->pages(o->sink->ctx, dl, from, to)) return false;
    if (w->df) zw_dump_pages(dl, from, to, w->df);
    if (!o->pdf) return true;
    if (!w->pdf && !(w->pdf = zw_pdf_begin(dl, w->d, o->pdf, &w->pdf_opts))) return false;
    return zw_pdf_pages(w->pdf, from, to);
}

/* Everything written: the dump closed, the PDF saved, then the dump renamed into place. */
static bool finish_outputs(outputs *w, const zw_display *dl) {
    const zw_render_opts *o = w->o;
    bool ok = true;
    if (w->df) {
        errno = 0;
        ok = zw_dump_end(dl, w->df);
        int err = errno ? errno : EIO;
        if (fclose(w->df) != 0 && ok) { ok = false; err = errno; }
        w->df = NULL;
        if (!ok) write_error(w->d, o->dump, err);
    }
    if (o->pdf) {
        if (!w->pdf) w->pdf = zw_pdf_begin(dl, w->d, o->pdf, &w->pdf_opts);   /* no pages: end reports it */
        ok = ok && w->pdf && zw_pdf_end(w->pdf);
        w->pdf = NULL;
    }
    if (ok && o->dump && rename(w->tmp, o->dump) != 0) ok = write_error(w->d, o->dump, errno);
    return ok;
}

/* A render that failed: nothing of it stays. */
static void abandon_outputs(outputs *w) {
    zw_pdf_drop(w->pdf);
    w->pdf = NULL;
    if (w->df) fclose(w->df);
    w->df = NULL;
    if (w->o->dump && w->tmp[0]) remove(w->tmp);
}

/* The layout a data file names (document.layout), wherever it stands; copied, as the tree goes. */
typedef struct named_layout {
    const char *ref;           /* NULL: none, or the data file could not be read */
    zw_pos pos;
    bool read;                 /* the data file was read (its YAML is valid), whether it names one or not */
} named_layout;

/* The data file bound into the model; its value tree is dropped at once.  The layout it names is looked
 * up in the tree, so that a data file with mistakes still has its layout checked too. */
static zw_doc *load_doc(const zw_render_opts *o, zw_diags *d, zw_arena *a, named_layout *named) {
    zw_arena *tree = zw_arena_new();   /* NULL: the tree goes into the document's arena */
    zw_arena *ta = tree ? tree : a;
    zw_value *root = o->src ? zw_yaml_parse_in(ta, a, d, o->data, o->src, o->len)
                            : zw_yaml_load_in(ta, a, d, o->data);
    zw_doc *doc = root ? zw_doc_bind(a, d, root) : NULL;
    const zw_value *x = zw_value_lookup(zw_value_lookup(root, "document"), "layout");
    *named = (named_layout){NULL, x ? x->pos : ZW_NOPOS, root != NULL};   /* (pos's file name stays: a's) */
    if (x && x->kind == ZW_V_SCALAR) named->ref = zw_arena_strndup(a, x->str, x->len);
    if (!doc && tree && zw_arena_failed(tree) && zw_diags_errors(d) == 0) zw_diag(d, ZW_ERROR, ZW_NOPOS, "out of memory");
    zw_arena_drop(tree);
    return doc;
}

/* The layout: --layout, else the data's document.layout (a name looked up beside the data first).  Loaded
 * also when the data has mistakes, so that one run reports the layout's too. */
static const zw_style *load_style(const zw_render_opts *o, zw_diags *d, zw_rendered *r, const named_layout *named) {
    if (o->style) return o->style;
    const char *ref = o->layout ? o->layout : named->ref;
    if (!ref) {
        if (r->doc) zw_diag(d, ZW_ERROR, r->doc->pos, "no layout: add 'layout:' under 'document:' or give --layout");
        return NULL;
    }
    zw_pos pos = o->layout ? ZW_NOPOS : named->pos;
    zw_style *s = zw_style_load(r->a, d, r->own_fonts, ref, o->layouts_dir, pos);
    if (s && o->greyscale) zw_style_greyscale(s);
    return s;
}

/* The layout with the options' profile: the command line wins over the layout's `pdfa:`. */
static const zw_style *with_profile(const zw_render_opts *o, zw_arena *a, const zw_style *st) {
    if (!st || !o->pdfa || o->pdfa == st->pdfa) return st;
    zw_style *c = zw_arena_alloc(a, sizeof *c);
    if (c) {
        *c = *st;
        c->pdfa = o->pdfa;
    }
    return c;
}

/* SOURCE_DATE_EPOCH: whole seconds since 1970 up to the end of year 9999; -1 when not given. */
static bool source_date(const zw_render_opts *o, zw_diags *d, long long *out) {
    *out = -1;
    const char *s = o->source_date;
    if (!s || !*s) return true;
    char *end;
    long long t = strtoll(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || t > 253402300799LL || strlen(s) > 12) {
        zw_diag(d, ZW_ERROR, ZW_NOPOS, "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '%s'", s);
        return false;
    }
    *out = t;
    return true;
}

/* The PDF's /ID: a digest of everything the document is made of — the data, every layout file, the fonts
 * (zw_fonts_fingerprint), the hyphenation patterns, the date from SOURCE_DATE_EPOCH when one is used, the
 * profile and the program's version — so the same inputs give the same bytes on any machine, and an
 * edition made from other inputs gets another /ID.  Contents only, never paths. */
static bool input_id(const zw_render_opts *o, zw_diags *d, const zw_rendered *r, const zw_fonts *fonts,
                     long long epoch, unsigned char id[16]) {
    zw_digest h;
    zw_digest_init(&h);
    zw_digest_str(&h, "zetwerk " ZW_VERSION);
    zw_digest_str(&h, r->style->pdfa->name);
    zw_digest_str(&h, r->doc->date ? r->doc->date : epoch >= 0 ? o->source_date : NULL);
    if (o->src) zw_digest_add(&h, o->src, o->len);
    else if (!zw_digest_file(&h, o->data)) {   /* it was read a moment ago */
        zw_diag(d, ZW_ERROR, (zw_pos){o->data, 0, 0}, "cannot read: %s", strerror(errno));
        return false;
    }
    for (int i = 0; i < r->style->nfiles; i++) zw_digest_file(&h, r->style->files[i]);
    for (size_t i = 0; i < zw_fonts_count(fonts); i++) zw_fonts_fingerprint(fonts, (int)i, &h);
    zw_digest_file(&h, ZW_HYPHEN_DICT);
    zw_digest_final(&h, id);
    return true;
}

/* The Dutch patterns with the layout's exceptions, then the document's own (which win). */
static zw_hyphenator *load_hyphenator(const zw_render_opts *o, zw_diags *d, zw_rendered *r) {
    if (o->no_hyphenation) return NULL;
    zw_hyphenator *h = o->hyph;
    if (!h) {
        const zw_style *st = r->style;
        h = r->own_hyph = zw_hyphenator_new(d, ZW_HYPHEN_DICT, st->hyph_left, st->hyph_right);
        for (int i = 0; h && i < st->nhyph_except; i++) zw_hyphenator_except(h, st->hyph_except[i]);
    }
    for (size_t i = 0; h && i < r->doc->nhyph_except; i++) zw_hyphenator_except(h, r->doc->hyph_except[i]);
    return h;
}

/* load → style → layout → outputs; false at the first stage that fails. */
static bool pipeline(const zw_render_opts *o, zw_diags *d, zw_rendered *r, outputs *w) {
    if (!targets_ok(d, o->pdf, o->dump, o->plain)) return false;   /* before any work */
    double t0 = now(o);
    named_layout named;
    zw_doc *doc = load_doc(o, d, r->a, &named);
    r->doc = doc;
    if (o->times) o->times->load = now(o) - t0;
    if (!doc && !named.read && !o->layout) return false;   /* (a layout given is checked still) */
    t0 = now(o);
    r->own_fonts = o->style ? NULL : zw_fonts_new();
    if (!o->style && !r->own_fonts) return false;
    zw_fonts *fonts = o->style ? o->fonts : r->own_fonts;
    if (r->own_fonts) zw_fonts_set_path(r->own_fonts, o->fonts_dir, o->font_path);
    r->style = with_profile(o, r->a, load_style(o, d, r, &named));
    if (!r->doc) return false;   /* the data's mistakes and the layout's, all reported */
    zw_hyphenator *h = r->style ? load_hyphenator(o, d, r) : NULL;
    if (o->times) o->times->style = now(o) - t0;
    if (!r->style || (!h && !o->no_hyphenation)) return false;
    t0 = now(o);
    bool lowered = zw_budget_lower(r->a, d, doc, &r->style->budget, o->strict);
    lowered = zw_charts_resolve(r->a, d, doc, NULL, NULL) && lowered;   /* charts of the lowered tables */
    if (o->times) o->times->load += now(o) - t0;   /* the budget stage counts as binding */
    if (!lowered || (o->plain && !write_plain(d, doc, r->style, o->plain))) return false;
    zw_metrics m = zw_fonts_metrics(fonts);
    const zw_metrics *mp = o->metrics ? o->metrics : &m;
    w->pdf_opts.pdfa = r->style->pdfa;
    if (!source_date(o, d, &w->pdf_opts.epoch) || (o->pdf && !input_id(o, d, r, fonts, w->pdf_opts.epoch, w->pdf_opts.id))) return false;
    zw_sink sink = {sink_pages, w};
    if (!o->keep_pages && !open_dump(w)) return false;
    t0 = now(o);
    r->dl = zw_layout(r->out_a, d, r->doc, r->style, mp, h, fonts, o->keep_pages ? NULL : &sink);
    if (o->times) o->times->layout = now(o) - t0;
    if (!r->dl || zw_diags_errors(d)) return false;   /* an error layout reported leaves no output either */
    if (!o->keep_pages) {   /* the pages are written: what is left to write borrows nothing of the model */
        zw_arena_drop(r->a);
        r->a = NULL;
        r->doc = NULL;
        r->style = NULL;
    }
    t0 = now(o);
    bool ok = true;
    if (o->keep_pages) {
        ok = open_dump(w) && (!o->sink || o->sink->pages(o->sink->ctx, r->dl, 0, r->dl->npages));
        if (ok && w->df) zw_dump_pages(r->dl, 0, r->dl->npages, w->df);
        if (ok && o->pdf) ok = (w->pdf = zw_pdf_begin(r->dl, d, o->pdf, &w->pdf_opts)) && zw_pdf_pages(w->pdf, 0, r->dl->npages);
    }
    ok = ok && finish_outputs(w, r->dl);
    if (o->times) o->times->output = now(o) - t0;
    return ok;
}

bool zw_render(const zw_render_opts *o, zw_diags *d, zw_rendered *out) {
    *out = (zw_rendered){0};
    out->a = zw_arena_new();
    out->out_a = zw_arena_new();
    if (!out->a || !out->out_a) { zw_diag(d, ZW_ERROR, ZW_NOPOS, "out of memory"); return false; }
    outputs w = {.o = o, .d = d};
    bool ok = pipeline(o, d, out, &w);
    if (!ok) abandon_outputs(&w);
    if (!ok && zw_diags_errors(d) == 0)   /* a stage gave up without a message */
        zw_diag(d, ZW_ERROR, ZW_NOPOS, (out->a && zw_arena_failed(out->a)) || zw_arena_failed(out->out_a) ? "out of memory"
                                                               : "failed without a diagnostic (out of memory?)");
    return ok && zw_diags_errors(d) == 0;
}

void zw_rendered_drop(zw_rendered *r) {
    if (r->doc) zw_budget_discard((zw_doc *)r->doc);   /* a budget model never lowered (a stage failed) */
    zw_display_drop(r->dl);
    zw_hyphenator_drop(r->own_hyph);
    zw_fonts_drop(r->own_fonts);
    zw_arena_drop(r->a);
    zw_arena_drop(r->out_a);
    *r = (zw_rendered){0};
}
