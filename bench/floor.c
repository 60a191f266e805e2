/* floor.c — the speed floor of a benchmark document: its glyph runs written through libharu without layout.
 *
 * usage: floor DATA.yaml [REPEATS]   (run from the repository root: layouts/ is looked up there)
 *
 * Runs the pipeline of zetwerk (zw_render: load, bind, style, hyphenator, layout, keeping every page) once
 * on DATA, timing each stage, so the display list is exactly the one `zetwerk render` writes: same runs,
 * fonts, sizes, positions.  Then,
 * REPEATS times (default 5), writes that list twice to /tmp: once with the simplest honest libharu program
 * (the floor: a UTF-8 CID font per face, one BT/ET per page, the font set when it changes, one TextOut per
 * run, compressed, saved to a file; no rules, fills, links, kerning or ToUnicode fix) and once with
 * zetwerk's own writer (zw_pdf_write).  Prints one JSON object with the median times in seconds. */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "zw_pdf.h"
#include "zw_render.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user) {
    *(HPDF_STATUS *)user = code;
    (void)detail;
}

/* The floor: every run of the display list through libharu's own text calls; false on a libharu error. */
static bool floor_write(const zw_display *dl, const char *path) {
    HPDF_STATUS err = 0;
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    if (!pdf) return false;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_Font *font = calloc(dl->nfaces + 1, sizeof *font);
    for (size_t i = 0; font && i < dl->nfaces && !err; i++)
        font[i] = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, dl->faces[i], HPDF_TRUE), "UTF-8");
    char *buf = NULL;
    size_t cap = 0;
    for (size_t p = 0; font && p < dl->npages && !err; p++) {
        const zw_page *pg = &dl->pages[p];
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(page, (HPDF_REAL)pg->width);
        HPDF_Page_SetHeight(page, (HPDF_REAL)pg->height);
        HPDF_Page_BeginText(page);
        int face = -1;
        double size = -1;
        for (size_t i = 0; i < pg->nruns && !err; i++) {
            const zw_run *r = &pg->runs[i];
            if (r->len == 0) continue;
            if (r->face != face || r->size != size)
                HPDF_Page_SetFontAndSize(page, font[r->face], (HPDF_REAL)r->size);
            face = r->face;
            size = r->size;
            if (r->len + 1 > cap) buf = realloc(buf, cap = 2 * r->len + 1);
            memcpy(buf, r->text, r->len);
            buf[r->len] = '\0';
            HPDF_Page_TextOut(page, (HPDF_REAL)r->x, (HPDF_REAL)(pg->height - r->y), buf);
        }
        HPDF_Page_EndText(page);
    }
    if (!err) HPDF_SaveToFile(pdf, path);
    HPDF_Free(pdf);
    free(font);
    free(buf);
    return err == 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fputs("usage: floor DATA.yaml [REPEATS]\n", stderr); return 2; }
    int reps = argc > 2 ? atoi(argv[2]) : 5;
    if (reps < 1 || reps > 100) reps = 5;
    zw_diags *d = zw_diags_new();
    if (!d) return 1;
    zw_render_times t = {0};
    zw_render_opts o = {.data = argv[1], .layouts_dir = "layouts", .keep_pages = true, .times = &t};
    zw_rendered r;
    bool laid_out = zw_render(&o, d, &r);
    const zw_display *dl = r.dl;
    int rc = 1;
    if (laid_out && dl) {
        double fl[100], zw[100];
        char path[64];
        snprintf(path, sizeof path, "/tmp/zw_floor.%ld.pdf", (long)getpid());
        bool ok = true;
        for (int i = 0; i < reps && ok; i++) {
            double t0 = now();
            ok = floor_write(dl, path);
            fl[i] = now() - t0;
            t0 = now();
            ok = ok && zw_pdf_write(dl, d, path);
            zw[i] = now() - t0;
        }
        size_t runs = 0;
        for (size_t p = 0; p < dl->npages; p++) runs += dl->pages[p].nruns;
        if (ok) {
            printf("{\"pages\":%zu,\"runs\":%zu,\"load_s\":%.4f,\"style_s\":%.4f,\"layout_s\":%.4f,"
                   "\"pdf_s\":%.4f,\"floor_s\":%.4f}\n", dl->npages, runs, t.load, t.style, t.layout,
                   median(zw, reps), median(fl, reps));
            rc = 0;
        }
        unlink(path);
    }
    zw_diags_print(d, stderr);
    zw_rendered_drop(&r);
    zw_diags_drop(d);
    return rc;
}
