/* chart.c — a chart as a figure (figure.c): bars, columns, stacked columns, lines and rings or discs drawn
 * as paths of the figure's element, with Dutch numbers on the axes (1.000; 6,8 %), a legend and labels,
 * and an alt text made from the data when the data gives none.
 *
 * Labels never collide, by construction where the geometry allows it and by checking where it does not:
 * a bar chart's category labels have a column of their own and each its band, its value labels a row of
 * their own beside the bar, room reserved right of the longest bar; columns' labels stand in their
 * category's slot below the axis (wrapped to its width), value labels above a column are drawn only when
 * every one of them fits its column; tick labels are spaced by their size; a line's point labels and a
 * ring's labels outside its slices are tried in several places and placed only where they meet no other
 * label, marker or line (zw_lay_chart's `placed` boxes).  Gridlines and hatching are page furniture.
 *
 * Colours come from the layout's `charts: series:`; in greyscale the series get greys far apart and,
 * on bars and columns, hatchings, and every slice of a ring its share as a label, so that a black and
 * white print still tells them apart. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"
#include "zw_number.h"

#define GAP 4.0          /* between a label and what it labels, pt */
#define GRID_W 0.4       /* gridline width */
#define AXIS_W 0.7
#define MAX_TICKS 7
#define SP " "        /* between a number and its unit: a label never breaks, and fonts may lack U+00A0 */

typedef struct box { double x, y, w, h; } box;

typedef struct chart {
    zw_lay *L;
    const zw_chart *c;
    zw_figbox fb;
    double x0, y0, w, h;       /* the drawing (box coordinates) */
    int face;                  /* labels */
    double size, asc, desc, lh;
    uint8_t ink, grid, axis, white, black;
    uint8_t fill[ZW_CHART_COLOURS + 4];   /* per series (a ring: per slice): colour index */
    int hatch[ZW_CHART_COLOURS + 4];      /* per series: greyscale hatching (0: none) */
    bool grey;                 /* greyscale */
    double div;                /* a value v is shown as v * scale / div */
    const char *mult;          /* "mln", "mld" or NULL */
    int dec;                   /* decimals shown */
    const char **text;         /* per series and category (s * ncats + k): the value as labelled, or its mark */
    box *placed;               /* labels, markers and bars placed so far */
    size_t nplaced, capplaced;
} chart;

/* ---- numbers ---------------------------------------------------------------------------------- */

/* The values' unit for the reader: thousands of millions as "mld", millions as "mln" (of euros or not),
 * with one decimal (two below ten); percentages and smaller numbers as the data writes them (at most two
 * decimals; none once scaled up). */
static void choose_unit(chart *C) {
    const zw_chart *c = C->c;
    double max = 0;
    for (size_t s = 0; s < c->nseries; s++)
        for (size_t k = 0; k < c->ncats; k++)
            if (isfinite(c->series[s].v[k])) max = fmax(max, fabs(c->series[s].v[k] * c->scale));
    if (c->kind == ZW_CHART_STACKED) {   /* a stack's total may pass the threshold its parts do not */
        for (size_t k = 0; k < c->ncats; k++) {
            double sum = 0;
            for (size_t s = 0; s < c->nseries; s++) sum += isfinite(c->series[s].v[k]) ? fabs(c->series[s].v[k]) : 0;
            max = fmax(max, sum * c->scale);
        }
    }
    C->div = 1;
    C->mult = NULL;
    if (!c->percent && max >= 1e9) { C->div = 1e9; C->mult = "mld"; }
    else if (!c->percent && max >= 1e6) { C->div = 1e6; C->mult = "mln"; }
    if (C->div > 1) C->dec = max / C->div < 10 ? 2 : 1;
    else C->dec = c->scale > 1 ? 0 : c->decimals > 2 ? 2 : c->decimals;
}

/* s[0..n) appended at *at (the caller made room). */
static void append(char **at, const char *s) {
    size_t n = strlen(s);
    memcpy(*at, s, n);
    *at += n;
}

/* v (in the data's units) as shown: Dutch digits, "%" for percentages; with `unit`, also "€" and "mln". */
static char *fmt_value(chart *C, double v, bool unit) {
    const zw_chart *c = C->c;
    double shown = v * c->scale / C->div;
    char num[64];
    zw_number_format(num, sizeof num, (int64_t)llround(shown * zw_pow10(C->dec)), C->dec, 0, ZW_NEG_MINUS);
    char *out = zw_arena_chars(C->L->a, strlen(num) + 16), *at = out;
    if (!out) { C->L->oom = true; return ""; }
    if (unit && c->euro) append(&at, "\xE2\x82\xAC" SP);
    append(&at, num);
    if (c->percent) append(&at, SP "%");
    if (unit && C->mult) { append(&at, SP); append(&at, C->mult); }
    *at = 0;
    return out;
}

/* The label of series s, category k: its value, or the mark written where the data has none. */
static const char *value_text(const chart *C, size_t s, size_t k) { return C->text[s * C->c->ncats + k]; }

/* A tick value (in shown units) with the decimals its step needs, the same on every tick of an axis
 * (0,25 steps: 0,00 0,25 0,50). */
static char *fmt_tick(chart *C, double t, double step) {
    int dec = 0;
    while (dec < 3 && fabs(step * zw_pow10(dec) - round(step * zw_pow10(dec))) > 1e-6 * zw_pow10(dec)) dec++;
    char num[64];
    zw_number_format(num, sizeof num, (int64_t)llround(t * zw_pow10(dec)), dec, 0, ZW_NEG_MINUS);
    return zw_arena_printf(C->L->a, "%s%s", num, C->c->percent ? SP "%" : "");
}

/* A share of a total as a percentage: whole, or with one decimal below 1 % ("0,5 %"). */
static char *fmt_share(chart *C, double part, double total) {
    double pct = 100 * part / total;
    int dec = pct < 0.95 ? 1 : 0;
    char num[32];
    zw_number_format(num, sizeof num, (int64_t)llround(pct * zw_pow10(dec)), dec, 0, ZW_NEG_MINUS);
    return zw_arena_printf(C->L->a, "%s" SP "%%", num);
}

/* The note that says what the axis counts, when it is not plain: "× € 1 mln", "× € 1.000 000"… */
static const char *unit_note(chart *C) {
    const zw_chart *c = C->c;
    if (C->mult) return zw_arena_printf(C->L->a, "%s%s", c->euro ? "\xE2\x82\xAC" SP : "× 1" SP, C->mult);
    if (c->euro) return "\xE2\x82\xAC";
    return NULL;
}

/* Ticks for [lo, hi] (shown units): a "nice" step (1, 2, 2.5 or 5 × 10^k) and the first and last tick
 * outside or on the range; their number. */
static int nice_ticks(double lo, double hi, int most, double *t0, double *step) {
    if (!(hi > lo)) hi = lo + 1;
    if (most < 1) most = 1;
    double raw = (hi - lo) / most, mag = pow(10, floor(log10(raw)));
    static const double m[] = {1, 2, 2.5, 5, 10};
    *step = 10 * mag;
    for (int i = 0; i < 5; i++)
        if (m[i] * mag >= raw - 1e-12 * mag) { *step = m[i] * mag; break; }
    *t0 = floor(lo / *step + 1e-9) * *step;
    double t1 = ceil(hi / *step - 1e-9) * *step;
    return (int)llround((t1 - *t0) / *step);
}

/* ---- drawing ---------------------------------------------------------------------------------- */

static double text_w(chart *C, const char *s) { return C->L->m->width(C->L->m->ctx, C->face, C->size, s, strlen(s)); }

static bool overlaps(box a, box b) {
    return a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;
}

static bool free_at(const chart *C, box b) {
    if (b.x < C->x0 - 0.01 || b.x + b.w > C->x0 + C->w + 0.01 || b.y < C->y0 - 0.01 || b.y + b.h > C->y0 + C->h + 0.01)
        return false;
    for (size_t i = 0; i < C->nplaced; i++)
        if (overlaps(b, C->placed[i])) return false;
    return true;
}

static void occupy(chart *C, box b) {
    if (!zw_grow((void **)&C->placed, &C->capplaced, C->nplaced, sizeof *C->placed)) { C->L->oom = true; return; }
    C->placed[C->nplaced++] = b;
}

/* The box a label takes with its baseline at `base` from x (align 0), centred on x (1) or ending at x (2). */
static box label_box(chart *C, const char *s, double x, double base, int align) {
    double w = text_w(C, s);
    return (box){align == 0 ? x : align == 1 ? x - w / 2 : x - w, base - C->asc, w, C->lh};
}

/* A label of the figure (its content) in colour ink, its box occupied unless it stands inside something
 * occupied already (a value inside its bar or slice). */
static box put_label(chart *C, const char *s, double x, double base, int align, uint8_t ink, bool obstacle) {
    box b = label_box(C, s, x, base, align);
    zw_vop *op = zw_vlist_op(&C->L->vl, ZW_OP_RUN);
    if (!op) { C->L->oom = true; return b; }
    size_t n = strlen(s);
    op->u.run = (zw_run){b.x, base, b.w, C->asc, C->desc, C->face, 0, ink, 0, C->size, s, n, ZW_ROLE_FIGURE,
                         C->fb.elem, NULL, zw_lay_kern(C->L, C->face, s, n), NULL};
    if (obstacle) occupy(C, b);
    return b;
}

static box label(chart *C, const char *s, double x, double base, int align, uint8_t ink) {
    return put_label(C, s, x, base, align, ink, true);
}

/* Baseline of a label centred vertically on y. */
static double mid_base(const chart *C, double y) { return y + (C->asc - C->desc) / 2; }

static zw_seg *segs(chart *C, size_t n) {
    zw_seg *s = zw_arena_alloc(C->L->a, n * sizeof *s);
    if (!s) C->L->oom = true;
    return s;
}

static void path(chart *C, const zw_seg *s, uint32_t n, unsigned paint, uint8_t fill, uint8_t stroke, double width,
                 double dash, zw_mark mark, size_t series, size_t item) {
    zw_vop *op = zw_vlist_op(&C->L->vl, ZW_OP_PATH);
    if (!s || !op) { C->L->oom = true; return; }
    bool furniture = mark == ZW_MARK_GRID || mark == ZW_MARK_HATCH;
    op->u.path = (zw_path){0, 0, s, n, (float)width, (float)dash, fill, stroke, (uint8_t)paint, (uint8_t)mark,
                           (uint16_t)series, (uint16_t)item, furniture ? -1 : C->fb.elem};
}

static void seg(zw_seg *s, char op, double x, double y) { *s = (zw_seg){(uint8_t)op, {(float)x}, {(float)y}}; }

static void line(chart *C, double x0, double y0, double x1, double y1, uint8_t colour, double width, double dash,
                 zw_mark mark, size_t series) {
    zw_seg *s = segs(C, 2);
    if (!s) return;
    seg(&s[0], 'M', x0, y0);
    seg(&s[1], 'L', x1, y1);
    path(C, s, 2, ZW_PAINT_STROKE, 0, colour, width, dash, mark, series, 0);
}

static void rect(chart *C, box b, uint8_t fill, zw_mark mark, size_t series, size_t item) {
    zw_seg *s = segs(C, 5);
    if (!s) return;
    seg(&s[0], 'M', b.x, b.y);
    seg(&s[1], 'L', b.x + b.w, b.y);
    seg(&s[2], 'L', b.x + b.w, b.y + b.h);
    seg(&s[3], 'L', b.x, b.y + b.h);
    seg(&s[4], 'Z', 0, 0);
    path(C, s, 5, ZW_PAINT_FILL, fill, 0, 0, 0, mark, series, item);
}

/* Hatching over box b (greyscale), pattern 1 rising diagonals, 2 falling, 3 horizontal, 4 vertical:
 * lines clipped to the box, in a colour that stands out from the fill. */
static void hatch(chart *C, box b, int pattern, uint8_t colour) {
    if (pattern <= 0 || b.w < 2 || b.h < 2) return;
    const double step = 4;
    size_t n = (size_t)((b.w + b.h) / step) + 2, k = 0;
    zw_seg *s = segs(C, 2 * n);
    if (!s) return;
    for (double t = step / 2; t < (pattern == 3 ? b.h : pattern == 4 ? b.w : b.w + b.h) && k + 2 <= 2 * n; t += step) {
        double ax, ay, bx, by;
        if (pattern == 3) { ax = b.x; bx = b.x + b.w; ay = by = b.y + t; }
        else if (pattern == 4) { ay = b.y; by = b.y + b.h; ax = bx = b.x + t; }
        else {   /* x + y = t (rising seen on the page: y grows downwards) or x - y, clipped to the box */
            double lo = fmax(0, t - b.h), hi = fmin(t, b.w);
            if (hi <= lo) continue;
            ax = b.x + lo; bx = b.x + hi;
            ay = pattern == 1 ? b.y + t - lo : b.y + b.h - (t - lo);
            by = pattern == 1 ? b.y + t - hi : b.y + b.h - (t - hi);
        }
        seg(&s[k++], 'M', ax, ay);
        seg(&s[k++], 'L', bx, by);
    }
    if (k) path(C, s, (uint32_t)k, ZW_PAINT_STROKE, 0, colour, 0.5, 0, ZW_MARK_HATCH, 0, 0);
}

static double luma(const chart *C, uint8_t k) {
    zw_rgb c = C->L->dl->colors[k];
    return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

/* A bar or column of series s, category k, with its hatching in greyscale. */
static void bar(chart *C, box b, size_t s, size_t k) {
    rect(C, b, C->fill[s], ZW_MARK_BAR, s, k);
    hatch(C, b, C->hatch[s], luma(C, C->fill[s]) < 0.5 ? C->white : C->black);
}

/* s wrapped at spaces into lines no wider than `width` (a word wider than that broken between its
 * characters), into *out (an arena array of arena copies); their number.  Nothing of s is left out. */
static size_t wrap(chart *C, const char *s, double width, const char ***out) {
    size_t n = 0, len = strlen(s);
    const char **lines = zw_arena_alloc(C->L->a, (len + 1) * sizeof *lines);   /* at most a line a byte */
    *out = lines;
    if (!lines) { C->L->oom = true; return 0; }
    const char *p = s, *end = s + len;
    while (p < end) {
        while (p < end && *p == ' ') p++;
        if (p == end) break;
        const char *brk = NULL, *q = p;
        while (q < end) {   /* the longest start of p that fits, ending before a space */
            const char *sp = memchr(q, ' ', (size_t)(end - q));
            const char *e = sp ? sp : end;
            if (C->L->m->width(C->L->m->ctx, C->face, C->size, p, (size_t)(e - p)) > width + 0.01) break;
            brk = e;
            q = sp ? sp + 1 : end;
        }
        if (!brk) {   /* one word too wide: as many characters as fit, at least one */
            const char *q2 = p;
            zw_utf8_next(&q2, end);
            brk = q2;
            while (q2 < end && *q2 != ' ') {
                zw_utf8_next(&q2, end);
                if (C->L->m->width(C->L->m->ctx, C->face, C->size, p, (size_t)(q2 - p)) > width) break;
                brk = q2;
            }
        }
        lines[n++] = zw_arena_strndup(C->L->a, p, (size_t)(brk - p));
        p = brk;
    }
    return n;
}

/* ---- the legend ------------------------------------------------------------------------------- */

/* The legend of the series (none for one): entries of a swatch (a box, or for lines a stroke) and the
 * name, side by side, in rows across the width; a name too long for a row is wrapped.  Drawn from `top`
 * when `draw`; its height either way. */
static double legend(chart *C, double top, bool draw, bool strokes) {
    const zw_chart *c = C->c;
    if (c->nseries < 2) return 0;
    const double sw = 10;
    double x = C->x0, y = top, row = C->lh;
    for (size_t s = 0; s < c->nseries; s++) {
        const char *name = c->series[s].name[0] ? c->series[s].name : zw_arena_printf(C->L->a, "Reeks %zu", s + 1);
        const char **ln;
        size_t nl = wrap(C, name, C->w - sw - GAP, &ln);
        double tw = 0;
        for (size_t i = 0; i < nl; i++) tw = fmax(tw, text_w(C, ln[i]));
        if (x > C->x0 && x + sw + GAP + tw > C->x0 + C->w) {   /* a new row */
            x = C->x0;
            y += row + 2;
            row = C->lh;
        }
        row = fmax(row, (double)nl * C->lh);
        if (draw) {
            double cy = y + C->lh / 2;
            box b = strokes ? (box){x, cy - 2.5, sw, 5} : (box){x, cy - 4, sw, 8};
            if (strokes) line(C, x, cy, x + sw, cy, C->fill[s], 1.6, C->grey ? (double)(s % 3) * 1.5 : 0, ZW_MARK_SWATCH, s);
            else rect(C, b, C->fill[s], ZW_MARK_SWATCH, s, 0);
            if (!strokes) hatch(C, b, C->hatch[s], luma(C, C->fill[s]) < 0.5 ? C->white : C->black);
            occupy(C, b);
            for (size_t i = 0; i < nl; i++) label(C, ln[i], x + sw + GAP, y + C->asc + (double)i * C->lh, 0, C->ink);
        }
        x += sw + GAP + tw + 3 * GAP;
    }
    return y + row + 2 - top;
}

/* ---- axes ------------------------------------------------------------------------------------- */

typedef struct axis {
    double a0, a1, step;       /* range and step, shown units */
    int n;                     /* steps */
    double p0, p1;             /* where a0 and a1 stand (x or y, box coordinates) */
} axis;

static double at(const axis *a, double shown) { return a->p0 + (shown - a->a0) * (a->p1 - a->p0) / (a->a1 - a->a0); }

/* The value axis over the data's range (shown units), zero included unless `zero` is false and the
 * values lie well above it; at most `most` steps. */
static void value_axis(chart *C, double lo, double hi, bool zero, int most, axis *a) {
    if (zero || lo <= 0 || lo < hi * 0.5) { lo = fmin(lo, 0); hi = fmax(hi, 0); }
    else { double pad = (hi - lo) * 0.15; lo -= pad; hi += pad; }   /* a line off the axis, with room */
    if (!(hi > lo)) hi = lo + 1;
    a->n = nice_ticks(lo, hi, most > MAX_TICKS ? MAX_TICKS : most, &a->a0, &a->step);
    a->a1 = a->a0 + a->step * a->n;
}

/* The shown range of the chart's values: of every value, or of the stacks' positive and negative sums. */
static void data_range(chart *C, double *lo, double *hi) {
    const zw_chart *c = C->c;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t k = 0; k < c->ncats; k++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = c->series[s].v[k] * c->scale / C->div;
            if (!isfinite(v)) continue;
            if (c->kind == ZW_CHART_STACKED) { if (v > 0) pos += v; else neg += v; }
            else { *lo = fmin(*lo, v); *hi = fmax(*hi, v); }
        }
        if (c->kind == ZW_CHART_STACKED) { *lo = fmin(*lo, neg); *hi = fmax(*hi, pos); }
    }
    if (!isfinite(*lo)) { *lo = 0; *hi = 1; }
}

/* Widest tick label of an axis. */
static double tick_width(chart *C, const axis *a) {
    double w = 0;
    for (int i = 0; i <= a->n; i++) w = fmax(w, text_w(C, fmt_tick(C, a->a0 + a->step * i, a->step)));
    return w;
}

/* ---- bars ------------------------------------------------------------------------------------- */

/* Horizontal bars: a band a category, its label right-aligned in a column of its own on the left, the
 * series' bars one under the other, each value after its bar; the value axis with its ticks below. */
static double bars(chart *C, bool draw) {
    const zw_chart *c = C->c;
    size_t n = c->ncats, m = c->nseries;
    double catw = 0, valw = 0;
    for (size_t k = 0; k < n; k++) catw = fmax(catw, text_w(C, c->cats[k]));
    catw = fmin(catw, C->w * 0.35);
    for (size_t s = 0; s < m; s++)
        for (size_t k = 0; k < n; k++)
            valw = fmax(valw, text_w(C, value_text(C, s, k)));
    double lo, hi;
    data_range(C, &lo, &hi);
    axis a;
    double px0 = C->x0 + catw + GAP + (lo < 0 ? valw + GAP : 0), px1 = C->x0 + C->w - (hi > 0 ? valw + GAP : 0);
    value_axis(C, lo, hi, true, 6, &a);
    double tw = tick_width(C, &a);
    while (a.n > 1 && (px1 - px0) / a.n < tw + 2 * GAP) value_axis(C, lo, hi, true, a.n - 1, &a);
    a.p0 = px0;
    a.p1 = px1;
    double t = fmax(C->lh + 2, 8), pad = 3, band = 0;
    const char ***ln = zw_arena_alloc(C->L->a, (n + 1) * sizeof *ln);
    size_t *nl = zw_arena_alloc(C->L->a, (n + 1) * sizeof *nl);
    if (!ln || !nl) { C->L->oom = true; return 0; }
    for (size_t k = 0; k < n; k++) {
        nl[k] = wrap(C, c->cats[k], catw, &ln[k]);
        band = fmax(band, fmax((double)nl[k] * C->lh, (double)m * t + (double)(m - 1)));
    }
    band += 2 * pad;
    double axis_y = C->y0 + band * (double)n, h = axis_y - C->y0 + GAP / 2 + C->lh + 2;
    const char *note = unit_note(C);
    if (!draw) return h + (note ? C->lh : 0) + legend(C, 0, false, false);
    for (int i = 0; i <= a.n; i++) {   /* gridlines and ticks */
        double v = a.a0 + a.step * i, x = at(&a, v);
        line(C, x, C->y0, x, axis_y, fabs(v) < a.step / 1000 ? C->axis : C->grid, fabs(v) < a.step / 1000 ? AXIS_W : GRID_W,
             0, ZW_MARK_GRID, 0);
        const char *tick = fmt_tick(C, v, a.step);   /* centred under its tick, but within the drawing */
        double tw2 = text_w(C, tick), tx = fmin(fmax(x - tw2 / 2, C->x0), C->x0 + C->w - tw2);
        label(C, tick, tx, axis_y + GAP / 2 + C->asc, 0, C->ink);
    }
    double zx = at(&a, 0);
    for (size_t k = 0; k < n; k++) {
        double top = C->y0 + band * (double)k;
        const char **lines = ln[k];
        double ly = top + (band - (double)nl[k] * C->lh) / 2;
        for (size_t i = 0; i < nl[k]; i++) label(C, lines[i], C->x0 + catw, ly + C->asc + (double)i * C->lh, 2, C->ink);
        double by = top + (band - ((double)m * t + (double)(m - 1))) / 2;
        for (size_t s = 0; s < m; s++, by += t + 1) {
            double v = c->series[s].v[k];
            if (!isfinite(v)) {
                label(C, c->series[s].mark[k], zx + GAP / 2, mid_base(C, by + t / 2), 0, C->ink);
                continue;
            }
            double x = at(&a, v * c->scale / C->div);
            bar(C, (box){fmin(zx, x), by, fabs(x - zx), t}, s, k);
            occupy(C, (box){fmin(zx, x), by, fabs(x - zx), t});
            label(C, value_text(C, s, k), v < 0 ? x - GAP / 2 : x + GAP / 2, mid_base(C, by + t / 2), v < 0 ? 2 : 0, C->ink);
        }
    }
    double y = axis_y + GAP / 2 + C->lh + 2;
    if (note) { label(C, note, C->x0 + C->w, y + C->asc, 2, C->ink); y += C->lh; }
    legend(C, y, true, false);
    return h;
}

/* ---- columns, stacked columns and lines ------------------------------------------------------- */

typedef struct frame {         /* the plot of a column or line chart */
    axis ya;                   /* the value axis (y) */
    double px0, px1;           /* the plot's left and right */
    double pitch;              /* a category's slot */
    double cat_y;              /* top of the category labels */
    size_t catlines;           /* their most lines */
    const char ***lines;       /* each category's lines */
    size_t *nl;
} frame;

/* The frame: tick labels on the left, category labels under the axis in their slots (wrapped), the
 * legend and the unit note below, the plot filling the rest of height h. */
static bool plot_frame(chart *C, frame *f, bool zero) {
    const zw_chart *c = C->c;
    f->lines = zw_arena_alloc(C->L->a, (c->ncats + 1) * sizeof *f->lines);
    f->nl = zw_arena_alloc(C->L->a, (c->ncats + 1) * sizeof *f->nl);
    if (!f->lines || !f->nl) { C->L->oom = true; return false; }
    double lo, hi;
    data_range(C, &lo, &hi);
    value_axis(C, lo, hi, zero, 6, &f->ya);   /* a first guess for the tick labels' width */
    f->px0 = C->x0 + tick_width(C, &f->ya) + GAP;
    f->px1 = C->x0 + C->w;
    f->pitch = (f->px1 - f->px0) / (double)c->ncats;
    f->catlines = 1;
    for (size_t k = 0; k < c->ncats; k++) {
        f->nl[k] = wrap(C, c->cats[k], f->pitch - 2, &f->lines[k]);
        if (f->nl[k] > f->catlines) f->catlines = f->nl[k];
    }
    const char *note = unit_note(C);
    double below = GAP / 2 + (double)f->catlines * C->lh + GAP + legend(C, 0, false, c->kind == ZW_CHART_LINE);
    double top = C->y0 + C->lh / 2 + (note ? C->lh + GAP / 2 : 0) + C->lh + 2;   /* labels above the highest column */
    f->ya.p0 = C->y0 + C->h - below;
    f->ya.p1 = top;
    double ph = f->ya.p0 - f->ya.p1;
    if (ph < 3 * C->lh) return false;
    int most = (int)(ph / (2.2 * C->lh));
    value_axis(C, lo, hi, zero, most < 2 ? 2 : most, &f->ya);
    f->cat_y = f->ya.p0 + GAP / 2;
    if (note) label(C, note, C->x0, C->y0 + C->asc, 0, C->ink);
    for (int i = 0; i <= f->ya.n; i++) {
        double v = f->ya.a0 + f->ya.step * i, y = at(&f->ya, v);
        bool z = fabs(v) < f->ya.step / 1000;
        line(C, f->px0, y, f->px1, y, z ? C->axis : C->grid, z ? AXIS_W : GRID_W, 0, ZW_MARK_GRID, 0);
        label(C, fmt_tick(C, v, f->ya.step), f->px0 - GAP, mid_base(C, y), 2, C->ink);
    }
    if (f->ya.a0 > 0) line(C, f->px0, f->ya.p0, f->px1, f->ya.p0, C->axis, AXIS_W, 0, ZW_MARK_GRID, 0);
    for (size_t k = 0; k < c->ncats; k++)
        for (size_t i = 0; i < f->nl[k]; i++)
            label(C, f->lines[k][i], f->px0 + f->pitch * ((double)k + 0.5), f->cat_y + C->asc + (double)i * C->lh, 1, C->ink);
    legend(C, f->cat_y + (double)f->catlines * C->lh + GAP, true, c->kind == ZW_CHART_LINE);
    return true;
}

/* Grouped columns: the series of a category side by side in its slot; values above (below for
 * negatives) when every one of them fits over its column. */
static void columns(chart *C, const frame *f) {
    const zw_chart *c = C->c;
    size_t m = c->nseries;
    double colw = fmin(f->pitch * 0.8 / (double)m, 48), room = m == 1 ? f->pitch - 2 : colw + 1;
    bool values = true;
    for (size_t s = 0; s < m && values; s++)
        for (size_t k = 0; k < c->ncats && values; k++)
            values = text_w(C, value_text(C, s, k)) <= room;
    double zy = at(&f->ya, fmax(f->ya.a0, fmin(0, f->ya.a1)));
    for (size_t k = 0; k < c->ncats; k++) {
        double x = f->px0 + f->pitch * ((double)k + 0.5) - colw * (double)m / 2;
        for (size_t s = 0; s < m; s++, x += colw) {
            double v = c->series[s].v[k];
            const char *text = value_text(C, s, k);
            double y = isfinite(v) ? at(&f->ya, v * c->scale / C->div) : zy;
            box b = {x, fmin(y, zy), colw, fabs(zy - y)};
            if (isfinite(v)) { bar(C, b, s, k); occupy(C, b); }
            if (!values) continue;
            bool down = isfinite(v) && v < 0;
            label(C, text, x + colw / 2, down ? b.y + b.h + 1 + C->asc : b.y - 1 - C->desc, 1, C->ink);
        }
    }
}

/* Stacked columns: positive values stacked up from zero, negative ones down; a segment's value inside it
 * when it fits (white or black for contrast), each stack's total above it when it fits its slot. */
static void stacked(chart *C, const frame *f) {
    const zw_chart *c = C->c;
    double colw = fmin(f->pitch * 0.6, 56);
    for (size_t k = 0; k < c->ncats; k++) {
        double x = f->px0 + f->pitch * ((double)k + 0.5) - colw / 2, pos = 0, neg = 0, total = 0;
        bool any = false;
        for (size_t s = 0; s < c->nseries; s++) {
            double v = c->series[s].v[k];
            if (!isfinite(v)) continue;
            double from = v >= 0 ? pos : neg, to = from + v * c->scale / C->div;
            if (v >= 0) pos = to; else neg = to;
            total += v;
            any = true;
            double y0 = at(&f->ya, from), y1 = at(&f->ya, to);
            box b = {x, fmin(y0, y1), colw, fabs(y1 - y0)};
            bar(C, b, s, k);
            occupy(C, b);
            const char *t = value_text(C, s, k);
            if (text_w(C, t) <= colw - 2 && b.h >= C->lh + 1) {   /* inside its segment, the hatching cut away */
                box lb = label_box(C, t, x + colw / 2, mid_base(C, b.y + b.h / 2), 1);
                if (C->hatch[s]) rect(C, (box){lb.x - 1.5, lb.y, lb.w + 3, lb.h}, C->fill[s], ZW_MARK_HATCH, s, k);
                put_label(C, t, x + colw / 2, mid_base(C, b.y + b.h / 2), 1,
                          luma(C, C->fill[s]) < 0.5 ? C->white : C->black, false);
            }
        }
        const char *t = any ? fmt_value(C, total, false) : "";   /* above the stack, below a net negative one */
        double base = total >= 0 ? at(&f->ya, pos) - 1 - C->desc : at(&f->ya, neg) + 1 + C->asc;
        box tb = label_box(C, t, x + colw / 2, base, 1);
        if (any && tb.w <= f->pitch - 2 && free_at(C, tb)) label(C, t, x + colw / 2, base, 1, C->ink);
    }
}

/* Whether segment (ax, ay)–(bx, by) crosses box b (Liang–Barsky clipping). */
static bool segment_hits(double ax, double ay, double bx, double by, box b) {
    double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {ax - b.x, b.x + b.w - ax, ay - b.y, b.y + b.h - ay};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) { if (q[i] < 0) return false; continue; }
        double r = q[i] / p[i];
        if (p[i] < 0) t0 = fmax(t0, r);
        else t1 = fmin(t1, r);
    }
    return t0 <= t1;
}

/* A marker of series s at (x, y): a circle, and in greyscale a square, triangle or diamond by series. */
static void marker(chart *C, double x, double y, size_t s, size_t k) {
    const double r = 2.4, q = r * 0.5523;   /* a circle of four Béziers */
    int shape = C->grey ? (int)(s % 4) : 0;
    zw_seg *g = segs(C, 6);
    if (!g) return;
    uint32_t n;
    if (shape == 0) {
        seg(&g[0], 'M', x + r, y);
        g[1] = (zw_seg){'C', {(float)(x + r), (float)(x + q), (float)x}, {(float)(y + q), (float)(y + r), (float)(y + r)}};
        g[2] = (zw_seg){'C', {(float)(x - q), (float)(x - r), (float)(x - r)}, {(float)(y + r), (float)(y + q), (float)y}};
        g[3] = (zw_seg){'C', {(float)(x - r), (float)(x - q), (float)x}, {(float)(y - q), (float)(y - r), (float)(y - r)}};
        g[4] = (zw_seg){'C', {(float)(x + q), (float)(x + r), (float)(x + r)}, {(float)(y - r), (float)(y - q), (float)y}};
        seg(&g[5], 'Z', 0, 0);
        n = 6;
    } else if (shape == 1) {
        seg(&g[0], 'M', x - r, y - r); seg(&g[1], 'L', x + r, y - r); seg(&g[2], 'L', x + r, y + r);
        seg(&g[3], 'L', x - r, y + r); seg(&g[4], 'Z', 0, 0);
        n = 5;
    } else if (shape == 2) {
        seg(&g[0], 'M', x, y - r * 1.2); seg(&g[1], 'L', x + r * 1.2, y + r); seg(&g[2], 'L', x - r * 1.2, y + r);
        seg(&g[3], 'Z', 0, 0);
        n = 4;
    } else {
        seg(&g[0], 'M', x, y - r * 1.3); seg(&g[1], 'L', x + r * 1.3, y); seg(&g[2], 'L', x, y + r * 1.3);
        seg(&g[3], 'L', x - r * 1.3, y); seg(&g[4], 'Z', 0, 0);
        n = 5;
    }
    path(C, g, n, ZW_PAINT_FILL | ZW_PAINT_STROKE, C->fill[s], C->white, 0.6, 0, ZW_MARK_POINT, s, k);
    occupy(C, (box){x - r * 1.3, y - r * 1.3, r * 2.6, r * 2.6});
}

/* Lines: a polyline a series (broken where there is no number), a marker at every point, and each
 * point's value above, below, right or left of it, wherever it meets no other label, marker or line. */
static void lines(chart *C, const frame *f) {
    const zw_chart *c = C->c;
    size_t n = c->ncats, m = c->nseries;
    double *px = zw_arena_alloc(C->L->a, (n + 1) * sizeof *px), *py = zw_arena_alloc(C->L->a, (n * m + 1) * sizeof *py);
    if (!px || !py) { C->L->oom = true; return; }
    for (size_t k = 0; k < n; k++) px[k] = f->px0 + f->pitch * ((double)k + 0.5);
    for (size_t s = 0; s < m; s++) {
        zw_seg *g = segs(C, n);
        uint32_t ng = 0;
        for (size_t k = 0; k < n; k++) {
            double v = c->series[s].v[k];
            py[s * n + k] = isfinite(v) ? at(&f->ya, v * c->scale / C->div) : NAN;
            if (!g || !isfinite(v)) continue;
            char op = ng == 0 || !isfinite(c->series[s].v[k - 1]) ? 'M' : 'L';
            seg(&g[ng++], op, px[k], py[s * n + k]);
        }
        if (ng) path(C, g, ng, ZW_PAINT_STROKE, 0, C->fill[s], 1.6, C->grey ? (double)(s % 3) * 1.5 : 0, ZW_MARK_LINE, s, 0);
    }
    for (size_t s = 0; s < m; s++)
        for (size_t k = 0; k < n; k++)
            if (isfinite(py[s * n + k])) marker(C, px[k], py[s * n + k], s, k);
    for (size_t s = 0; s < m; s++)
        for (size_t k = m > 1 ? n - 1 : 0; k < n; k++) {   /* several lines: each one's last value only */
            double x = px[k], y = py[s * n + k];
            const char *t = value_text(C, s, k);
            if (!isfinite(y)) y = f->ya.p0 - C->lh;   /* no number: its mark just above the axis */
            struct { double x, base; int align; } try[] = {
                {x, y - 4 - C->desc, 1}, {x, y + 4 + C->asc, 1}, {x + 5, mid_base(C, y), 0}, {x - 5, mid_base(C, y), 2},
                {x + 3, y - 3 - C->desc, 0}, {x - 3, y - 3 - C->desc, 2}, {x + 3, y + 3 + C->asc, 0},
                {x - 3, y + 3 + C->asc, 2}, {x, y - 6 - C->lh - C->desc, 1}, {x, y + 6 + C->lh + C->asc, 1}};
            for (size_t i = 0; i < sizeof try / sizeof *try; i++) {
                box b = label_box(C, t, try[i].x, try[i].base, try[i].align);
                bool hit = !free_at(C, b);
                for (size_t s2 = 0; s2 < m && !hit; s2++)
                    for (size_t k2 = 0; k2 + 1 < n && !hit; k2++)
                        hit = isfinite(py[s2 * n + k2]) && isfinite(py[s2 * n + k2 + 1])
                              && segment_hits(px[k2], py[s2 * n + k2], px[k2 + 1], py[s2 * n + k2 + 1], b);
                if (!hit) { label(C, t, try[i].x, try[i].base, try[i].align, C->ink); break; }
            }
        }
}

/* ---- rings and discs -------------------------------------------------------------------------- */

/* An arc of radius r around (cx, cy) from angle a0 to a1 (radians, clockwise on the page from 3 o'clock)
 * as Bézier segments of at most 90°, into g (the first point not included); their number. */
static uint32_t arc(zw_seg *g, double cx, double cy, double r, double a0, double a1) {
    int n = (int)ceil(fabs(a1 - a0) / (M_PI / 2) - 1e-9);
    if (n < 1) n = 1;
    double d = (a1 - a0) / n, k = 4.0 / 3 * tan(d / 4);
    for (int i = 0; i < n; i++) {
        double s = a0 + d * i, e = s + d;
        g[i] = (zw_seg){'C', {(float)(cx + r * (cos(s) - k * sin(s))), (float)(cx + r * (cos(e) + k * sin(e))),
                               (float)(cx + r * cos(e))},
                        {(float)(cy + r * (sin(s) + k * cos(s))), (float)(cy + r * (sin(e) - k * cos(e))),
                         (float)(cy + r * sin(e))}};
    }
    return (uint32_t)n;
}

/* Rings and discs: the slices clockwise from 12 o'clock, a white line between them; each slice's share
 * inside it when it fits, else outside beside it with a leader line, where it meets no other label; a
 * legend on the right with each category's colour, name, amount and share. */
static double ring(chart *C, bool draw) {
    const zw_chart *c = C->c;
    const zw_series *ser = &c->series[0];
    double sum = 0;
    for (size_t k = 0; k < c->ncats; k++) sum += ser->v[k];
    double legw = C->w * 0.48, textw = legw - 10 - GAP, ly = C->y0, lh = 0;
    for (size_t k = 0; k < c->ncats; k++) {   /* the legend: measured, then drawn */
        const char **ln;
        size_t nl = wrap(C, c->cats[k], textw, &ln);
        const char *val = zw_arena_printf(C->L->a, "%s (%s)", fmt_value(C, ser->v[k], true),
                                          fmt_share(C, ser->v[k], sum));
        if (draw) {
            double lx = C->x0 + C->w - legw;
            box sw = {lx, ly + C->lh / 2 - 4, 8, 8};
            rect(C, sw, C->fill[k], ZW_MARK_SWATCH, 0, k);
            occupy(C, sw);
            for (size_t i = 0; i < nl; i++) label(C, ln[i], lx + 10 + GAP, ly + C->asc + (double)i * C->lh, 0, C->ink);
            label(C, val, lx + 10 + GAP, ly + C->asc + (double)nl * C->lh, 0, C->ink);
        }
        ly += (double)(nl + 1) * C->lh + 3;
    }
    lh = ly - C->y0;
    double room = C->w - legw - GAP, out = 2 * C->lh + GAP;   /* labels outside the ring */
    double R = fmin((room - 2 * (text_w(C, "100" SP "%") + GAP)) / 2, 75);
    double h = fmax(lh, 2 * (R + out));
    if (!draw) return h;
    double cx = C->x0 + room / 2, cy = C->y0 + h / 2, r = c->kind == ZW_CHART_DONUT ? R * 0.55 : 0;
    double a = -M_PI / 2;
    for (size_t k = 0; k < c->ncats; k++) {   /* slices */
        double da = 2 * M_PI * ser->v[k] / sum, e = a + da;
        zw_seg *g = segs(C, 2 + 2 * 5 + 2);
        if (!g || da <= 0) { a = e; continue; }
        uint32_t n = 0;
        seg(&g[n++], 'M', cx + R * cos(a), cy + R * sin(a));
        n += arc(g + n, cx, cy, R, a, e);
        if (r > 0) {
            seg(&g[n++], 'L', cx + r * cos(e), cy + r * sin(e));
            n += arc(g + n, cx, cy, r, e, a);
        } else {
            seg(&g[n++], 'L', cx, cy);
        }
        seg(&g[n++], 'Z', 0, 0);
        path(C, g, n, ZW_PAINT_FILL | ZW_PAINT_STROKE, C->fill[k], C->white, 0.75, 0, ZW_MARK_SLICE, 0, k);
        a = e;
    }
    occupy(C, (box){cx - R, cy - R, 2 * R, 2 * R});   /* outside labels keep off the ring */
    a = -M_PI / 2;
    for (size_t k = 0; k < c->ncats; k++) {   /* shares */
        double da = 2 * M_PI * ser->v[k] / sum, mid = a + da / 2, rm = r > 0 ? (R + r) / 2 : R * 0.62;
        a += da;
        if (da <= 0) continue;
        const char *t = fmt_share(C, ser->v[k], sum);
        double tw = text_w(C, t);
        if (rm * da >= tw + 4 && (r > 0 ? R - r : R) >= C->lh + 2 && (da > 0.6 || rm * sin(da / 2) * 2 >= C->lh)) {
            double x = cx + rm * cos(mid), y = cy + rm * sin(mid);
            put_label(C, t, x, mid_base(C, y), 1, luma(C, C->fill[k]) < 0.5 ? C->white : C->black, false);
            continue;   /* (inside the ring, which is occupied already) */
        }
        bool right = cos(mid) >= 0;
        for (int step = 0; step < 12; step++) {   /* outside: further out, then up or down along the side */
            double rr = R + GAP + (step / 2) * C->lh * 0.6, dy = (step % 2 ? 1 : -1) * (step / 2) * C->lh * 0.9;
            double x = cx + rr * cos(mid), y = cy + rr * sin(mid) + (step ? dy : 0);
            box b = label_box(C, t, right ? x + 2 : x - 2, mid_base(C, y), right ? 0 : 2);
            if (!free_at(C, b)) continue;
            line(C, cx + (R + 0.5) * cos(mid), cy + (R + 0.5) * sin(mid), right ? b.x : b.x + b.w, y, C->axis, 0.5, 0,
                 ZW_MARK_LEADER, 0);
            label(C, t, right ? x + 2 : x - 2, mid_base(C, y), right ? 0 : 2, C->ink);
            break;
        }
    }
    return h;
}

/* ---- alt text --------------------------------------------------------------------------------- */

/* Append the NULL-terminated strings to the malloc'd *s (n bytes used of cap); *s NULL when out of memory. */
static void alt_put(char **s, size_t *n, size_t *cap, const char *const *parts) {
    for (; *s && *parts; parts++) {
        size_t k = strlen(*parts);
        if (*n + k + 1 > *cap) {
            size_t nc = (*n + k + 1) * 2;
            char *b = zw_xrealloc(*s, nc);
            if (!b) { free(*s); *s = NULL; return; }
            *s = b;
            *cap = nc;
        }
        memcpy(*s + *n, *parts, k);
        *n += k;
    }
}

/* "Staafdiagram, Lasten per programma 2021: Sociaal domein € 42,1 mln, Veiligheid € 8,3 mln, …" — the
 * kind, the caption, then every series' values (a ring's with their shares); "geen cijfer" where the data
 * has none. */
static const char *alt_text(chart *C) {
    static const char *const kinds[] = {"Staafdiagram", "Kolomdiagram", "Gestapeld kolomdiagram", "Lijndiagram",
                                        "Ringdiagram", "Cirkeldiagram"};
    const zw_chart *c = C->c;
    size_t cap = 256, n = 0;
    char *s = zw_xmalloc(cap);
#define ALT(...) alt_put(&s, &n, &cap, (const char *[]){__VA_ARGS__, NULL})
    ALT(kinds[c->kind], c->caption.n ? ", " : "", c->caption.n ? zw_text_plain(C->L->a, &c->caption) : "", ": ");
    double sum = 0;
    for (size_t k = 0; k < c->ncats; k++) sum += isfinite(c->series[0].v[k]) ? c->series[0].v[k] : 0;
    bool share = c->kind == ZW_CHART_DONUT || c->kind == ZW_CHART_PIE;
    for (size_t si = 0; si < c->nseries; si++) {
        const zw_series *ser = &c->series[si];
        if (c->nseries > 1) ALT(si ? "; " : "", ser->name, ": ");
        for (size_t k = 0; k < c->ncats; k++) {
            bool num = isfinite(ser->v[k]);
            ALT(k ? ", " : "", c->cats[k], " ", num ? fmt_value(C, ser->v[k], true) : "geen cijfer (",
                num ? "" : ser->mark[k], num ? "" : ")", share ? " (" : "", share ? fmt_share(C, ser->v[k], sum) : "",
                share ? ")" : "");
        }
    }
    ALT(".");
#undef ALT
    char *alt = s ? zw_arena_strndup(C->L->doc_a, s, n) : NULL;   /* it outlives the chunk */
    free(s);
    if (!alt) C->L->oom = true;
    return alt;
}

/* ---- the chart -------------------------------------------------------------------------------- */

/* Labels' font, colours (the series' from the layout, or in greyscale greys far apart with hatchings),
 * the values' unit and their labels; false when out of memory. */
static bool start(chart *C) {
    zw_lay *L = C->L;
    const zw_chart_style *cs = &L->st->charts;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, &cs->label, &ps);
    C->face = ps.face[0];
    C->size = cs->label.size;
    C->asc = L->m->ascent(L->m->ctx, C->face) * C->size / 1000;
    C->desc = L->m->descent(L->m->ctx, C->face) * C->size / 1000;
    C->lh = C->asc + C->desc;
    C->ink = zw_lay_ink(L, cs->label.color);
    C->grid = zw_lay_ink(L, cs->grid);
    C->axis = zw_lay_ink(L, cs->axis);
    C->white = zw_lay_ink(L, (zw_rgb){1, 1, 1});
    C->black = ZW_BLACK;
    C->grey = L->st->greyscale;
    static const double greys[] = {0.25, 0.62, 0.85, 0.45, 0.72, 0.1, 0.95, 0.55, 0.35, 0.8, 0.5, 0.68};
    bool slices = C->c->kind == ZW_CHART_DONUT || C->c->kind == ZW_CHART_PIE;
    size_t n = slices ? C->c->ncats : C->c->nseries;
    for (size_t i = 0; i < n && i < sizeof C->fill; i++) {
        zw_rgb g = {greys[i % 12], greys[i % 12], greys[i % 12]}, s = cs->series[i % (size_t)cs->nseries];
        double t = 0.45 * (double)(i / (size_t)cs->nseries);   /* past the layout's colours: their tints */
        s = (zw_rgb){s.r + (1 - s.r) * t, s.g + (1 - s.g) * t, s.b + (1 - s.b) * t};
        C->fill[i] = zw_lay_ink(L, C->grey ? g : s);
        C->hatch[i] = C->grey && !slices ? (int)(i % 5) : 0;
    }
    choose_unit(C);
    size_t nt = C->c->nseries * C->c->ncats;
    C->text = zw_arena_alloc(L->a, (nt + 1) * sizeof *C->text);
    if (!C->text) { L->oom = true; return false; }
    for (size_t s = 0; s < C->c->nseries; s++)
        for (size_t k = 0; k < C->c->ncats; k++) {
            const zw_series *ser = &C->c->series[s];
            C->text[s * C->c->ncats + k] = isfinite(ser->v[k]) ? fmt_value(C, ser->v[k], false) : ser->mark[k];
        }
    return !L->oom;
}

/* The drawing's height for width w, by kind: a bar chart's from its bands, a ring's from its legend,
 * the others' the data's or the layout's. */
static double drawing_height(chart *C) {
    const zw_chart *c = C->c;
    if (c->kind == ZW_CHART_BAR) return bars(C, false);
    if (c->kind == ZW_CHART_DONUT || c->kind == ZW_CHART_PIE) return ring(C, false);
    return c->height > 0 ? c->height : C->L->st->charts.height;
}

void zw_lay_chart(zw_lay *L, const zw_chart *c) {
    chart C = {.L = L, .c = c};
    if (!start(&C)) return;
    double measure = L->measure - L->indent;
    C.w = c->width > 0 ? fmin(c->width, measure) : c->width < 0 ? -c->width * measure : measure;
    C.h = c->height > 0 && (c->kind == ZW_CHART_BAR || c->kind == ZW_CHART_DONUT || c->kind == ZW_CHART_PIE)
              ? fmax(c->height, drawing_height(&C)) : drawing_height(&C);
    const char *alt = c->alt ? c->alt : alt_text(&C);
    if (!zw_lay_figure_open(L, &c->caption, ZW_ALIGN_LEFT, alt, &C.fb)) return;
    double room = zw_lay_figure_room(L, &C.fb);
    if (C.h > room && c->kind != ZW_CHART_BAR) C.h = room;
    C.x0 = L->indent;
    if (zw_lay_figure_box(L, &C.fb, C.x0, C.w, C.h)) {
        C.y0 = C.fb.top;
        if (c->kind == ZW_CHART_BAR) bars(&C, true);
        else if (c->kind == ZW_CHART_DONUT || c->kind == ZW_CHART_PIE) ring(&C, true);
        else {
            frame f;
            if (plot_frame(&C, &f, c->kind != ZW_CHART_LINE)) {
                if (c->kind == ZW_CHART_LINE) lines(&C, &f);
                else if (c->kind == ZW_CHART_STACKED) stacked(&C, &f);
                else columns(&C, &f);
            }
        }
    }
    zw_lay_figure_close(L, &C.fb);
    free(C.placed);
}
