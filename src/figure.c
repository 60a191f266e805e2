/* figure.c — figures on the vertical list: an image block or a chart, with its caption above it, as one
 * box the page builder never splits (a figure stays whole on a page, with its caption); and the logo on
 * the title page.
 *
 * A figure is an element of the document tree (FIGURE, its caption a CAPTION child) with an entry in
 * zw_display.figures that holds its alt text and, once placed, where its drawing stands.  The drawing is
 * content of the figure element; page furniture inside it (a chart's gridlines) is an artifact.  A
 * figure is made in three steps: zw_lay_figure_open sets the caption, so that the caller knows the room
 * left for the drawing; zw_lay_figure_box makes the box with the caption's runs; the caller adds the
 * drawing's operations (relative to the box) and zw_lay_figure_close ends the box. */
#include <math.h>
#include <string.h>

#include "layout_int.h"

/* Where a picture without a resolution of its own is printed at (pixels per inch). */
#define DEFAULT_DPI 150.0

/* A figure of element elem with alt text `alt` (copied: it outlives the model); false when out of memory. */
static bool add_figure(zw_lay *L, int elem, const char *alt) {
    zw_figure *f = zw_display_add_figure(L->dl);
    const char *kept = alt ? zw_arena_strndup(L->doc_a, alt, strlen(alt)) : NULL;
    if (elem < 0 || !f || (alt && !kept)) return !(L->oom = true);
    *f = (zw_figure){elem, -1, 0, 0, 0, 0, kept};
    return true;
}

bool zw_lay_figure_open(zw_lay *L, const zw_text *caption, zw_align align, const char *alt, zw_figbox *fb) {
    const zw_pstyle_def *cs = &L->st->table.caption;
    memset(fb, 0, sizeof *fb);
    fb->item = (size_t)-1;
    zw_lay_space(L, cs->space_before);
    fb->elem = zw_lay_elem(L, ZW_ROLE_FIGURE);
    fb->caption = caption && caption->n ? zw_lay_elem_in(L, ZW_ROLE_CAPTION, fb->elem) : -1;
    if (caption) zw_lay_listed_made(L, ZW_LIST_FIGURES, caption, fb->caption);
    if (!add_figure(L, fb->elem, alt)) return false;
    fb->figure = L->dl->nfigures - 1;
    if (fb->caption < 0) return true;
    zw_lay_number_notes(L, caption);
    if (!zw_lay_set(L, cs, align, caption, L->measure - L->indent, &fb->cap)) return false;
    fb->caph = (double)fb->cap.n * fb->cap.leading + cs->space_after;
    return true;
}

/* The text area's height: a figure is never taller (nor is its caption and drawing together). */
double zw_lay_figure_room(const zw_lay *L, const zw_figbox *fb) {
    double w, h;
    zw_lay_area(L->st, false, &w, &h);
    return h - fb->caph;
}

bool zw_lay_figure_box(zw_lay *L, zw_figbox *fb, double x, double w, double h) {
    zw_vitem *it = zw_lay_box(L, fb->caph + h);
    if (!it) return false;
    fb->item = L->vl.n - 1;
    it->op0 = L->vl.nops;
    for (size_t i = 0; i < fb->cap.n; i++)
        zw_lay_text_runs(L, &fb->cap.lines[i], L->indent, fb->cap.base + (double)i * fb->cap.leading, ZW_ROLE_CAPTION,
                         fb->caption, fb->cap.ink);
    L->vl.items[fb->item].note0 = L->vl.nrefs;
    for (size_t i = 0; i < fb->cap.n; i++) zw_lay_line_refs(L, &fb->cap.lines[i], NULL);
    L->vl.items[fb->item].note1 = L->vl.nrefs;
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_FIGURE);
    if (!op) { L->oom = true; return false; }
    op->u.fig = (zw_vfig){fb->figure, x, fb->caph, w, h};
    fb->top = fb->caph;
    return !L->oom;
}

void zw_lay_figure_close(zw_lay *L, zw_figbox *fb) {
    if (fb->item != (size_t)-1) L->vl.items[fb->item].op1 = L->vl.nops;
    zw_lay_space(L, L->st->table.caption.space_before);
    L->keep = false;   /* a heading before the figure was kept with it */
}

/* An image at (x, y) of the current box, w × h, in element elem (-1: furniture). */
static void pic_op(zw_lay *L, int image, double x, double y, double w, double h, int elem) {
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_PIC);
    if (!op) { L->oom = true; return; }
    op->u.pic = (zw_pic){x, y, w, h, image, elem};
}

/* x of something w wide aligned in the measure (from the current indent). */
static double align_x(const zw_lay *L, zw_align a, double w) {
    double m = L->measure - L->indent;
    return L->indent + (a == ZW_ALIGN_RIGHT ? m - w : a == ZW_ALIGN_LEFT ? 0 : (m - w) / 2);
}

/* An image block: at its width (or its own size, at most the measure), scaled down to fit a page with its
 * caption, aligned in the measure, its caption aligned with it. */
void zw_lay_picture(zw_lay *L, const zw_picture *p) {
    const zw_image *img = &L->doc->images[p->image];
    zw_align a = p->align == ZW_ALIGN_DEFAULT ? ZW_ALIGN_CENTER : p->align;
    zw_figbox fb;
    if (!zw_lay_figure_open(L, &p->caption, a, p->alt, &fb)) return;
    double measure = L->measure - L->indent;
    double w = p->width > 0 ? p->width : p->width < 0 ? -p->width * measure
                                                    : img->width * 72.0 / (img->dpi >= 30 ? img->dpi : DEFAULT_DPI);
    if (w > measure) w = measure;
    double h = w * img->height / img->width, room = zw_lay_figure_room(L, &fb);
    if (h > room) { w *= room / h; h = room; }
    double x = align_x(L, a, w);
    if (zw_lay_figure_box(L, &fb, x, w, h)) pic_op(L, p->image, x, fb.top, w, h, fb.elem);
    zw_lay_figure_close(L, &fb);
}

/* The organisation's logo at the top of the title page, in the current box (of height box_h), as a figure
 * of the title page's group; at most the box's height less a gap. */
void zw_lay_logo(zw_lay *L, double box_h) {
    const zw_logo_style *ls = &L->st->logo;
    if (L->doc->logo < 0 || ls->title_align == ZW_ALIGN_DEFAULT) return;
    const zw_image *img = &L->doc->images[L->doc->logo];
    double w = fmin(ls->title_width, L->measure), h = w * img->height / img->width, room = box_h - 24;
    if (room <= 0) return;
    if (h > room) { w *= room / h; h = room; }
    int elem = zw_lay_elem(L, ZW_ROLE_FIGURE);
    if (!add_figure(L, elem, L->doc->logo_alt)) return;
    double x = align_x(L, ls->title_align, w);
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_FIGURE);
    if (!op) { L->oom = true; return; }
    op->u.fig = (zw_vfig){L->dl->nfigures - 1, x, 0, w, h};
    pic_op(L, L->doc->logo, x, 0, w, h, elem);
}
