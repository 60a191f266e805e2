/* dump.c — the layout dump: the display list as stable, diff-friendly JSON.
 *
 * Shape (each run and outline entry on its own line so golden diffs stay readable):
 *
 *   {"pages":[
 *   {"page":1,"width":595.28,"height":841.89,"label":"1","area":[x,y,w,h],"runs":[
 *   {"x":..,"y":..,"w":..,"asc":..,"desc":..,"face":0,"size":10.00,"role":"P","elem":3,"text":".."},
 *   {..., "note":"key", "color":"#00689e"}, {..., "expand":1.50}],
 *   "rules":[[x0,y0,x1,y1,width,"#000000"],...],
 *   "fills":[[x,y,w,h,"#d9d9d9"],...],
 *   "links":[{"x":..,"y":..,"w":..,"h":..,"page":2,"dest_y":..},...],
 *   "lines":[{"x":..,"y":..,"w":..,"measure":..,"ratio":..,"expand":1.50,"hang":[l,r],"hyphen":false,…},...],
 *   "pics":[{"x":..,"y":..,"w":..,"h":..,"image":0,"elem":7},...],
 *   "paths":[{"mark":"bar","series":0,"item":2,"elem":7,"fill":"#1f4e79","box":[x,y,w,h],"d":"M x y L x y Z"},...]},
 *   {"page":2,...}],
 *   "late":[...],
 *   "outline":[
 *   {"level":1,"title":"..","page":1,"y":..},
 *   ...],
 *   "elements":[...],
 *   "images":[{"file":"logo.png","px":[400,200]},...],
 *   "figures":[{"elem":7,"page":1,"box":[x,y,w,h],"alt":".."},...]}
 *
 * "expand" (font expansion, in percent) and "hang" (margin kerning: how far a line reaches into the left
 * and right margin, pt) are left out when zero.
 * A path's "box" holds its points (a curve's control points too); "d" lists its segments in page
 * coordinates; "stroke" and "width" are there only when it is stroked, "fill" when it is filled.
 * Colours are "#rrggbb" (a run's only when it is not black).  Numbers are printed with two decimals ("-0.00" becomes "0.00"; NaN and infinities become null); pages
 * are 1-based.  Strings are escaped as JSON requires; invalid UTF-8 becomes U+FFFD so the output is
 * always valid JSON. */
#include "zw_dump.h"
#include "zw_utf8.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* A coordinate or size, rounded to 0.01 pt, never "-0.00". */
static void num(FILE *out, double v) {
    if (!isfinite(v)) { fputs("null", out); return; }
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f", v);
    fputs(strcmp(buf, "-0.00") == 0 ? "0.00" : buf, out);
}

/* A JSON string of n bytes (s may be NULL for ""). */
static void str(FILE *out, const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\t') fputs("\\t", out);
        else if (c == '\r') fputs("\\r", out);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else if (c >= 0x80) {
            uint32_t cp;
            size_t len = (size_t)zw_utf8_char(p + i, n - i, &cp);
            if (len == 0) { fputs("\\ufffd", out); i++; continue; }
            fwrite(p + i, 1, len, out);
            i += len;
            continue;
        }
        else fputc((int)c, out);
        i++;
    }
    fputc('"', out);
}

static void cstr(FILE *out, const char *s) {
    if (s) str(out, s, strlen(s));
    else fputs("null", out);
}

/* Palette entry k as "#rrggbb". */
static void color(FILE *out, const zw_display *dl, unsigned k) {
    zw_rgb c = k < dl->ncolors ? dl->colors[k] : (zw_rgb){0, 0, 0};
    double v[3] = {c.r, c.g, c.b};
    fputs("\"#", out);
    for (int i = 0; i < 3; i++) fprintf(out, "%02x", (unsigned)lround((v[i] < 0 ? 0 : v[i] > 1 ? 1 : v[i]) * 255));
    fputc('"', out);
}

static void run(FILE *out, const zw_display *dl, const zw_run *r) {
    fputs("{\"x\":", out); num(out, r->x);
    fputs(",\"y\":", out); num(out, r->y);
    fputs(",\"w\":", out); num(out, r->w);
    fputs(",\"asc\":", out); num(out, r->ascent);
    fputs(",\"desc\":", out); num(out, r->descent);
    fprintf(out, ",\"face\":%d,\"size\":", r->face); num(out, r->size);
    fprintf(out, ",\"role\":\"%s\",\"elem\":%d,\"text\":", zw_role_name(r->role), r->elem);
    str(out, r->text, r->text ? r->len : 0);
    if (r->note) { fputs(",\"note\":", out); cstr(out, r->note); }
    if (r->flags & ZW_RUN_NOTE_NUMBER) fputs(",\"number\":true", out);
    if (r->flags & ZW_RUN_REPEAT) fputs(",\"repeat\":true", out);
    if (r->lang) { fputs(",\"lang\":", out); cstr(out, r->lang); }
    if (r->color != ZW_BLACK) { fputs(",\"color\":", out); color(out, dl, r->color); }
    if (r->expand) { fputs(",\"expand\":", out); num(out, r->expand / 100.0); }
    fputc('}', out);
}

/* a,b,c,... of k numbers */
static void numlist(FILE *out, const double *v, size_t k) {
    for (size_t i = 0; i < k; i++) {
        if (i) fputc(',', out);
        num(out, v[i]);
    }
}

/* [a,b,c,...] of k numbers */
static void nums(FILE *out, const double *v, size_t k) {
    fputc('[', out);
    numlist(out, v, k);
    fputc(']', out);
}

static const char *mark_name(unsigned m) {
    static const char *const names[] = {"bar", "slice", "line", "point", "swatch", "hatch", "grid", "leader"};
    return m < sizeof names / sizeof *names ? names[m] : "?";
}

/* One path: what it draws, its colours, its bounding box and its segments, on a line of its own. */
static void path(FILE *out, const zw_display *dl, const zw_path *p, size_t i) {
    fprintf(out, "%s{\"mark\":\"%s\",\"series\":%u,\"item\":%u,\"elem\":%d", i ? ",\n" : "\n", mark_name(p->mark),
            (unsigned)p->series, (unsigned)p->item, p->elem);
    if (p->paint & ZW_PAINT_FILL) { fputs(",\"fill\":", out); color(out, dl, p->fill); }
    if (p->paint & ZW_PAINT_STROKE) {
        fputs(",\"stroke\":", out); color(out, dl, p->stroke);
        fputs(",\"width\":", out); num(out, p->width);
        if (p->dash > 0) { fputs(",\"dash\":", out); num(out, p->dash); }
    }
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (uint32_t k = 0; k < p->nsegs; k++)
        for (int j = 0; j < (p->segs[k].op == 'C' ? 3 : p->segs[k].op == 'Z' ? 0 : 1); j++) {
            x0 = fmin(x0, p->x + p->segs[k].x[j]); x1 = fmax(x1, p->x + p->segs[k].x[j]);
            y0 = fmin(y0, p->y + p->segs[k].y[j]); y1 = fmax(y1, p->y + p->segs[k].y[j]);
        }
    fputs(",\"box\":", out);
    nums(out, (const double[]){x0, y0, x1 - x0, y1 - y0}, 4);
    fputs(",\"d\":\"", out);
    for (uint32_t k = 0; k < p->nsegs; k++) {
        const zw_seg *s = &p->segs[k];
        fprintf(out, "%s%c", k ? " " : "", s->op);
        for (int j = 0; j < (s->op == 'C' ? 3 : s->op == 'Z' ? 0 : 1); j++) {
            fputc(' ', out); num(out, p->x + s->x[j]);
            fputc(' ', out); num(out, p->y + s->y[j]);
        }
    }
    fputs("\"}", out);
}

static void page_boxes(FILE *out, const zw_display *dl, const zw_page *pg) {
    fputs("\"rules\":[", out);
    for (size_t i = 0; i < pg->nrules; i++) {
        const zw_rule *r = &pg->rules[i];
        if (i) fputc(',', out);
        fputc('[', out);
        numlist(out, (const double[]){r->x0, r->y0, r->x1, r->y1, r->width}, 5);
        fputc(',', out);
        color(out, dl, r->color);
        fputc(']', out);
    }
    fputs("],\n\"fills\":[", out);
    for (size_t i = 0; i < pg->nfills; i++) {
        const zw_fill *f = &pg->fills[i];
        if (i) fputc(',', out);
        fputc('[', out);
        numlist(out, (const double[]){f->x, f->y, f->w, f->h}, 4);
        fputc(',', out);
        color(out, dl, f->color);
        fputc(']', out);
    }
    fputs("],\n\"links\":[", out);
    for (size_t i = 0; i < pg->nlinks; i++) {
        const zw_link *l = &pg->links[i];
        if (i) fputc(',', out);
        fputs("{\"x\":", out); num(out, l->x);
        fputs(",\"y\":", out); num(out, l->y);
        fputs(",\"w\":", out); num(out, l->w);
        fputs(",\"h\":", out); num(out, l->h);
        fprintf(out, ",\"elem\":%d", l->elem);
        if (l->uri) { fputs(",\"uri\":", out); cstr(out, l->uri); }
        else if (l->dest_elem >= 0) fprintf(out, ",\"to\":%d%s", l->dest_elem, l->via ? ",\"via\":true" : "");
        else { fprintf(out, ",\"page\":%d,\"dest_y\":", l->dest_page + 1); num(out, l->dest_y); }
        fputc('}', out);
    }
    fputs("],\n\"lines\":[", out);
    for (size_t i = 0; i < pg->nlines; i++) {
        const zw_dline *l = &pg->lines[i];
        fputs(i ? ",\n{\"x\":" : "\n{\"x\":", out); num(out, l->x);
        fputs(",\"y\":", out); num(out, l->y);
        fputs(",\"w\":", out); num(out, l->w);
        fputs(",\"measure\":", out); num(out, l->measure);
        fputs(",\"ratio\":", out); num(out, l->ratio);
        if (l->expand != 0) { fputs(",\"expand\":", out); num(out, l->expand * 100); }
        if (l->hang_left != 0 || l->hang_right != 0) {
            fputs(",\"hang\":", out);
            nums(out, (const double[]){l->hang_left, l->hang_right}, 2);
        }
        fprintf(out, ",\"hyphen\":%s,\"last\":%s,\"justified\":%s,\"elem\":%d}", l->hyphen ? "true" : "false",
                l->last ? "true" : "false", l->justified ? "true" : "false", l->elem);
    }
    fputs("],\n\"pics\":[", out);
    for (size_t i = 0; i < pg->npics; i++) {
        const zw_pic *p = &pg->pics[i];
        fputs(i ? ",{\"x\":" : "{\"x\":", out); num(out, p->x);
        fputs(",\"y\":", out); num(out, p->y);
        fputs(",\"w\":", out); num(out, p->w);
        fputs(",\"h\":", out); num(out, p->h);
        fprintf(out, ",\"image\":%d,\"elem\":%d}", p->image, p->elem);
    }
    fputs("],\n\"paths\":[", out);
    for (size_t i = 0; i < pg->npaths; i++) path(out, dl, &pg->paths[i], i);
    fputs("]}", out);
}

static void page(FILE *out, const zw_display *dl, const zw_page *pg, size_t index) {
    fprintf(out, "{\"page\":%zu,\"width\":", index + 1); num(out, pg->width);
    fputs(",\"height\":", out); num(out, pg->height);
    fputs(",\"label\":", out); cstr(out, pg->label);
    fputs(",\"area\":", out);
    nums(out, (const double[]){pg->area_x, pg->area_y, pg->area_w, pg->area_h}, 4);
    fputs(",\"runs\":[", out);
    for (size_t i = 0; i < pg->nruns; i++) {
        fputs(i ? ",\n" : "\n", out);
        run(out, dl, &pg->runs[i]);
    }
    fputs("],\n\"late\":[", out);
    for (size_t k = pg->late0; k < pg->late1; k++) fprintf(out, "%s%zu", k > pg->late0 ? "," : "", k);
    fputs("],\n", out);
    page_boxes(out, dl, pg);
}

static void outline(FILE *out, const zw_display *dl) {
    fputs("\"outline\":[", out);
    for (size_t i = 0; i < dl->noutline; i++) {
        const zw_outline *o = &dl->outline[i];
        fputs(i ? ",\n" : "\n", out);
        fprintf(out, "{\"level\":%d,\"title\":", o->level); cstr(out, o->title);
        fprintf(out, ",\"page\":%d,\"y\":", o->page + 1); num(out, o->y);
        fputc('}', out);
    }
    fputs("]", out);
}

/* Late page content: each box with its runs, known only at the end. */
static void lates(FILE *out, const zw_display *dl) {
    fputs("\"late\":[", out);
    for (size_t k = 0; k < dl->nlates; k++) {
        const zw_late *l = &dl->lates[k];
        fprintf(out, "%s{\"late\":%zu,\"page\":%d,\"box\":", k ? ",\n" : "\n", k, l->page + 1);
        nums(out, (const double[]){l->x, l->y, l->w, l->h}, 4);
        fprintf(out, ",\"elem\":%d,\"runs\":[", l->elem);
        for (size_t i = 0; i < l->nruns; i++) {
            if (i) fputc(',', out);
            run(out, dl, &l->runs[i]);
        }
        fputs("]}", out);
    }
    fputs("],\n", out);
}

/* The element tree: one element a line, in reading order, with its parent and first page. */
static void elements(FILE *out, const zw_display *dl) {
    fputs(",\n\"elements\":[", out);
    for (size_t i = 0; i < dl->nelems; i++) {
        const zw_elem *e = &dl->elems[i];
        fprintf(out, "%s{\"id\":%zu,\"role\":\"%s\",\"parent\":%d,\"page\":%d,\"y\":", i ? ",\n" : "\n", i,
                zw_role_name((zw_role)e->role), e->parent, e->page + 1);
        num(out, e->y);
        if (e->ref >= 0) fprintf(out, ",\"ref\":%d", e->ref);
        if (e->colspan != 1 || e->rowspan != 1) fprintf(out, ",\"span\":[%u,%u]", e->colspan, e->rowspan);
        if (e->scope) fprintf(out, ",\"scope\":\"%s\"", e->scope == ZW_SCOPE_COLUMN ? "Column" : "Row");
        fputc('}', out);
    }
    fputs("]", out);
}

/* The image files, and the figures with where their drawing stands and their alt text. */
static void figures(FILE *out, const zw_display *dl) {
    fputs(",\n\"images\":[", out);
    for (size_t i = 0; i < dl->nimages; i++) {
        const char *slash = strrchr(dl->images[i].path, '/');   /* the file's name: the dump is the same anywhere */
        fputs(i ? ",\n{\"file\":" : "\n{\"file\":", out);
        cstr(out, slash ? slash + 1 : dl->images[i].path);
        fprintf(out, ",\"px\":[%u,%u]}", (unsigned)dl->images[i].width, (unsigned)dl->images[i].height);
    }
    fputs("],\n\"figures\":[", out);
    for (size_t i = 0; i < dl->nfigures; i++) {
        const zw_figure *f = &dl->figures[i];
        fprintf(out, "%s{\"elem\":%d,\"page\":%d,\"box\":", i ? ",\n" : "\n", f->elem, f->page + 1);
        nums(out, (const double[]){f->x, f->y, f->w, f->h}, 4);
        fputs(",\"alt\":", out);
        cstr(out, f->alt);
        fputc('}', out);
    }
    fputs("]", out);
}

void zw_dump_begin(FILE *out) { fputs("{\"pages\":[", out); }

void zw_dump_pages(const zw_display *dl, size_t from, size_t to, FILE *out) {
    for (size_t i = from; i < to; i++) {
        fputs(i ? ",\n" : "\n", out);
        page(out, dl, &dl->pages[i], i);
    }
}

/* The draft mark, when the document has one. */
static void watermark(FILE *out, const zw_display *dl) {
    const zw_run *r = &dl->watermark.run;
    if (!r->text) return;
    fputs(",\n\"watermark\":{\"text\":", out);
    str(out, r->text, r->len);
    fprintf(out, ",\"face\":%d,\"size\":", r->face); num(out, r->size);
    fputs(",\"w\":", out); num(out, r->w);
    fputs(",\"grey\":", out); num(out, dl->watermark.grey);
    fputc('}', out);
}

bool zw_dump_end(const zw_display *dl, FILE *out) {
    fputs("],\n", out);
    lates(out, dl);
    outline(out, dl);
    watermark(out, dl);
    elements(out, dl);
    figures(out, dl);
    fputs("}\n", out);
    return fflush(out) == 0 && !ferror(out);
}

bool zw_dump_write(const zw_display *dl, FILE *out) {
    zw_dump_begin(out);
    zw_dump_pages(dl, 0, dl->npages, out);
    return zw_dump_end(dl, out);
}
