/* linebreak.c — Knuth–Plass total-fit line breaking (Knuth & Plass 1981; TeX §813ff) and greedy first fit.
 *
 * Items are boxes, glue and penalties.  A break is legal at a penalty below ZW_INF_PENALTY and at a glue
 * that directly follows a box.  Prefix sums of width, stretch and shrink make the natural width of any line
 * a subtraction, so one pass costs O(n × active nodes).  Glue with infinite stretch (INFINITY, e.g. the
 * finishing glue) is counted apart ("fil"), so a line containing it is set at its natural width (r = 0).
 * Callers end a paragraph TeX's way: penalty(+INF) glue(0, +INFINITY) penalty(-INF); without a final
 * forced break one is assumed at n.
 *
 * Font expansion (pdfTeX's \pdfadjustspacing=2): the boxes of a line (its glyphs) may widen or narrow
 * by up to expand_stretch / expand_shrink of their width, in multiples of expand_step.  As in pdfTeX, the
 * expansion takes the line's shortfall (or excess) first, as far as it reaches, and the glue only what is
 * left: the glue's ratio of that remainder is the line's ratio, its fitness class and the tolerance's
 * measure.  Unlike pdfTeX's, a line's badness counts its expansion too (expand_badness: expanding to the
 * limit costs as much as stretching the glue to ratio 0.67 at the default 0.3), so total fit spreads the
 * expansion over the paragraph instead of taking all of it where it is free, and weighs it against
 * hyphens.  zw_line_fit is the one place the expansion is worked out; the paragraph setter uses it too,
 * so the lines are set as they were chosen.  Margin kerning: a line may reach into the margins by the
 * hang of its first box and of its break (zw_item.hang), which gives it that much more room.
 *
 * Rivers: besides TeX's fitness classes (adjacent lines of very different tightness cost
 * fitness_demerits) two loose lines in a row cost loose_demerits.
 *
 * Passes: (1) tolerance; (2) the same with emergency_stretch added to every line (if > 0); (3) a final
 * pass that accepts any line, counts overfull and underfull lines as very bad, and so always finds the
 * least bad solution (it sets *overfull).
 *
 * Active nodes are keyed by (fitness class, line number, hyphens in a row): for each key only the best
 * way to reach a break is kept.  Line numbers beyond the last distinct width are merged, as in TeX's
 * "easy_line", except when looseness asks for a particular line count. */
#include "zw_linebreak.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zw_arena.h"

#define NONE SIZE_MAX
#define BAD_UNDERFULL 1e6 /* badness cap for underfull lines (final pass) */
#define BAD_OVERFULL 1e7  /* badness of an overfull line, plus 1e4 per pt of excess (final pass) */
#define BAD_HYPHENS 1e7   /* extra badness for breaking the hyphen limit (final pass only) */
#define LOOSE 2           /* fitness class of a loose line (ratio > 0.5) */
#define EPS 1e-9

zw_break_params zw_break_params_default(void) {
    zw_break_params p = {
        .tolerance = 2.0,
        .line_penalty = 10,
        .hyphen_demerits = 10000,
        .fitness_demerits = 10000,
        .emergency_stretch = 0,
        .looseness = 0,
        .max_hyphens_in_row = 2,
        .loose_demerits = 10000,
        .hyphen_penalty = 50,
        .expand_stretch = 0,
        .expand_shrink = 0,
        .expand_step = 0,
        .expand_badness = 0.3,
    };
    return p;
}

/* A feasible breakpoint, reached by the best way for its key.  Nodes live in a pool and link back. */
typedef struct node {
    size_t pos;      /* item index of the break (n = the implicit end; NONE for the paragraph start) */
    size_t start;    /* first item of the line after this break (discardables skipped) */
    size_t prev;     /* pool index of the previous break, NONE for the start node */
    int line;        /* lines set up to this break */
    int fit;         /* fitness class of the line ending here: 0 tight, 1 decent, 2 loose, 3 very loose */
    int hyph_row;    /* hyphenated lines in a row ending here */
    double total;    /* total demerits */
    double ratio;    /* the glue's adjustment ratio of the line ending here */
    double expand;   /* the font expansion of that line */
    double sw, sy, sz, sfil, sb; /* the prefix sums at start, so that a line from here needs no lookups */
    double width;    /* the width of the line after this break, with the hang of its first box */
    double reach;    /* width + sw + expand_stretch × sb + tol × sy: see too_loose */
} node;

/* A new node waiting to be added to the active list at the current breakpoint. */
typedef struct cand {
    node nd;
    int key_line;    /* line number, merged past the last distinct width */
} cand;

/* Everything one breaking run needs; the arrays are malloc'd. */
typedef struct ctx {
    const zw_item *items;
    size_t n;
    const double *widths;
    size_t nwidths;
    const zw_break_params *p;
    double *sw, *sy, *sz, *sfil, *sb; /* prefix sums over items[0..i) of width, stretch, shrink, fil count
                                  * and box width (one malloc'd block, owned by sw, of 5 × capsums doubles) */
    size_t capsums;
    node *pool;                  /* every node created in the current pass */
    size_t npool, cappool;
    size_t *active;              /* pool indices of the active nodes */
    size_t nactive, capactive;
    cand *cands;                 /* candidates at the current breakpoint */
    size_t ncands, capcands;
    double tol;                  /* the current pass's tolerance */
} ctx;


static double line_width(const ctx *c, int line) {
    if (c->nwidths == 0) return 0;
    size_t i = (size_t)line < c->nwidths ? (size_t)line : c->nwidths - 1;
    return c->widths[i];
}

/* The room of line `line` starting at item `start`: its width and the hang of a box starting it. */
static double line_room(const ctx *c, int line, size_t start) {
    double w = line_width(c, line);
    return start < c->n && c->items[start].kind == ZW_BOX ? w + c->items[start].hang : w;
}

/* The item at index b, with a virtual forced break at n. */
static zw_item item_at(const ctx *c, size_t b) {
    if (b < c->n) return c->items[b];
    zw_item end = {ZW_PENALTY, 0, 0, 0, -ZW_INF_PENALTY, false, 0};
    return end;
}

static bool is_forced(zw_item it) { return it.kind == ZW_PENALTY && it.penalty <= -ZW_INF_PENALTY; }

static inline bool is_legal(const ctx *c, size_t b) {
    if (b >= c->n) return true;   /* the virtual forced break at n */
    const zw_item *it = &c->items[b];
    if (it->kind == ZW_PENALTY) return it->penalty < ZW_INF_PENALTY;
    if (it->kind == ZW_GLUE) return b > 0 && c->items[b - 1].kind == ZW_BOX;
    return false;
}

static bool fill_sums(ctx *c) {
    size_t m = c->n + 1;
    if (m > c->capsums) {   /* one block for the five sums */
        double *sw = zw_xrealloc(c->sw, 5 * m * sizeof(double));
        if (!sw) return false;
        c->sw = sw;
        c->capsums = m;
    }
    c->sy = c->sw + m;
    c->sz = c->sy + m;
    c->sfil = c->sz + m;
    c->sb = c->sfil + m;
    c->sw[0] = c->sy[0] = c->sz[0] = c->sfil[0] = c->sb[0] = 0;
    for (size_t i = 0; i < c->n; i++) {
        const zw_item *it = &c->items[i];
        double w = 0, y = 0, z = 0, f = 0;
        if (it->kind == ZW_BOX) w = it->width;
        c->sb[i + 1] = c->sb[i] + w;
        if (it->kind == ZW_GLUE) {
            w = it->width;
            z = it->shrink;
            if (isinf(it->stretch)) f = 1; else y = it->stretch;
        }
        c->sw[i + 1] = c->sw[i] + w;
        c->sy[i + 1] = c->sy[i] + y;
        c->sz[i + 1] = c->sz[i] + z;
        c->sfil[i + 1] = c->sfil[i] + f;
    }
    return true;
}

/* First item of the line after a break at b: glue and non-forced penalties after it are discarded. */
static size_t line_start(const ctx *c, size_t b) {
    size_t j = b + 1;
    while (j < c->n) {
        zw_item it = c->items[j];
        if (it.kind == ZW_BOX || is_forced(it)) break;
        j++;
    }
    return j;
}

/* The expansion (see zw_line_fit) of a line whose boxes are `boxes` wide and that is diff too short (< 0:
 * too long): the multiple of the step nearest to diff / boxes within the limits, unless the glue cannot
 * take what that leaves (a line without glue) and the next step can. */
static inline double expansion(const zw_break_params *p, double diff, double boxes, double y, double z) {
    double lim = diff > 0 ? p->expand_stretch : p->expand_shrink;
    if (!(lim > 0) || !(boxes > EPS)) return 0;
    double e = fmin(fmax(diff / boxes, -p->expand_shrink), p->expand_stretch), step = p->expand_step;
    if (!(step > 0)) return e;
    double q = e / step;
    e = (double)(long long)(q < 0 ? q - 0.5 : q + 0.5) * step;   /* nearest, halves away from zero: round() */
    if (e > p->expand_stretch + EPS) e -= step;
    if (e < -p->expand_shrink - EPS) e += step;
    double rem = diff - e * boxes;
    if ((rem > EPS && !(y > EPS)) || (rem < -EPS && !(z > EPS))) {   /* no glue takes the remainder */
        double alt = e + (rem > 0 ? step : -step), ra = diff - alt * boxes;
        bool ok = !(ra > EPS && !(y > EPS)) && !(ra < -EPS && !(z > EPS));
        if (alt <= p->expand_stretch + EPS && alt >= -p->expand_shrink - EPS && (ok || ra > rem)) e = alt;
    }
    return e;
}

/* zw_line_fit for diff = width - nat, inlined here: the ratio, with *expand and *excess. */
__attribute__((always_inline)) static inline double fit(const zw_break_params *p, double diff, double boxes, double y, double z, bool fil,
                         double *expand, double *excess) {
    *expand = 0;
    *excess = 0;
    if (fabs(diff) < EPS || (diff > 0 && fil)) return 0;
    double e = expansion(p, diff, boxes, y, z);
    *expand = e;
    diff -= e * boxes;
    if (fabs(diff) < EPS) return 0;
    if (diff > 0) return y > EPS ? diff / y : INFINITY;
    if (-diff > z + EPS) *excess = -diff - z;
    return z > EPS ? diff / z : -INFINITY;
}

zw_fit zw_line_fit(const zw_break_params *p, double width, double nat, double boxes, double y, double z, bool fil) {
    zw_fit f;
    f.ratio = fit(p, width - nat, boxes, y, z, fil, &f.expand, &f.excess);
    return f;
}

/* The ratio of the line from items[start] to the break at b, as try_break works it out (see ratio_to). */
static inline double line_ratio(const ctx *c, size_t start, size_t b, int line, double emergency, double *expand,
                                double *excess) {
    zw_item it = item_at(c, b);
    double pw = it.kind == ZW_PENALTY ? it.width : 0;
    double nat = c->sw[b] - c->sw[start] + pw - it.hang;
    return fit(c->p, line_room(c, line, start) - nat, c->sb[b] - c->sb[start] + pw, c->sy[b] - c->sy[start] + emergency,
               c->sz[b] - c->sz[start], c->sfil[b] - c->sfil[start] > 0, expand, excess);
}

static int fitness(double r) {
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1.0) return 2;
    return 3;
}

/* The badness expansion adds: expand_badness times the badness of glue set to the same fraction of its
 * limit, so total fit prefers lines that need little of it and spreads it over the paragraph. */
static inline double expansion_badness(const zw_break_params *p, double expand) {
    double lim = expand > 0 ? p->expand_stretch : p->expand_shrink;
    if (expand == 0 || !(lim > 0)) return 0;
    double f = fabs(expand) / lim;
    return p->expand_badness * 100 * f * f * f;
}

/* Offer a candidate; keep it if it is the best for its key at this breakpoint. */
static bool offer(ctx *c, const node *nd, int key_line) {
    for (size_t i = 0; i < c->ncands; i++) {
        cand *k = &c->cands[i];
        if (k->nd.fit == nd->fit && k->key_line == key_line && k->nd.hyph_row == nd->hyph_row) {
            if (nd->total < k->nd.total) k->nd = *nd;
            return true;
        }
    }
    if (!zw_reserve((void **)&c->cands, &c->capcands, c->ncands + 1, sizeof(cand))) return false;
    c->cands[c->ncands++] = (cand){*nd, key_line};
    return true;
}

/* Demerits of a line with badness `bad` and fitness class fc ending at `it`, after a line ending at `a`. */
static double demerits(const ctx *c, const node *a, zw_item it, bool a_flagged, double bad, int fc) {
    double d = c->p->line_penalty + bad;
    d *= d;
    if (it.kind == ZW_PENALTY && !is_forced(it)) d += it.penalty >= 0 ? it.penalty * it.penalty
                                                                      : -it.penalty * it.penalty;
    if (a_flagged && it.kind == ZW_PENALTY && it.flagged) d += c->p->hyphen_demerits;
    if (a->pos != NONE && abs(fc - a->fit) > 1) d += c->p->fitness_demerits;
    if (a->pos != NONE && fc >= LOOSE && a->fit >= LOOSE) d += c->p->loose_demerits;
    return d;
}

static bool node_flagged(const ctx *c, const node *a) {
    if (a->pos == NONE || a->pos >= c->n) return false;
    zw_item it = c->items[a->pos];
    return it.kind == ZW_PENALTY && it.flagged;
}

/* What try_break needs of the break at b, worked out once for all active nodes. */
typedef struct brk_at {
    zw_item it;      /* the item (a virtual forced break at n) */
    double pw;       /* its width when a penalty, else 0 */
    double hang;     /* how far the line ending here may reach into the right margin */
    double sw, sy, sz, sfil, sb; /* prefix sums up to b */
    double reach;    /* sw + pw - hang + expand_stretch × (sb + pw) + tol × (sy + emergency): see too_loose */
    size_t start;    /* line_start(b), NONE until needed */
} brk_at;

/* Adjustment ratio of the line from items[start] to the break, with its expansion and overfull amount
 * (the same arithmetic as line_ratio). */
static inline double ratio_to(const ctx *c, const brk_at *k, const node *a, double emergency, double *expand,
                              double *excess) {
    double diff = a->width - (k->sw - a->sw + k->pw - k->hang);
    return fit(c->p, diff, k->sb - a->sb + k->pw, k->sy - a->sy + emergency, k->sz - a->sz, k->sfil - a->sfil > 0,
               expand, excess);
}

/* Whether the line from a to the break is surely looser than the tolerance (r > tol), found without a
 * division: such a line is infeasible and leaves a active, so it needs no more thought.  It is when its
 * shortfall, less all the expansion its boxes can take, is more than tol times its stretch:
 *   width - (k.sw - a.sw + pw - hang) - expand_stretch (k.sb - a.sb + pw) > tol (k.sy - a.sy + emergency),
 * that is a.reach > k.reach, the two sides worked out once per node and once per break.  The margin of
 * 1e-6 pt is far above the rounding of the sums, so every line let through here has r > tol in ratio_to
 * too (a short line with no stretch, ragged text broken at the glue after a word: r = INFINITY there).
 * A line with fil glue, or any line in the final pass (tol infinite), is never too loose. */
static inline bool too_loose(const ctx *c, const brk_at *k, const node *a) {
    return isfinite(c->tol) && a->reach - k->reach > 1e-6 && !(k->sfil - a->sfil > 0);
}

/* A node's side of too_loose, for a line starting at item st with the given room. */
static inline double node_reach(const ctx *c, size_t st, double room) {
    return room + c->sw[st] + c->p->expand_stretch * c->sb[st] + (isfinite(c->tol) ? c->tol * c->sy[st] : 0);
}

/* Offer the line from active node ai to the break k if it is feasible; false when out of memory. */
static bool consider(ctx *c, brk_at *k, size_t b, size_t ai, double r, double expand, double excess, bool flagged,
                     bool final, double tol) {
    const node *a = &c->pool[ai];
    bool feasible = (r >= -1 - EPS && r <= tol) || (final && r < -1 - EPS);
    int maxh = c->p->max_hyphens_in_row;
    int hrow = flagged ? a->hyph_row + 1 : 0;
    double extra = 0;
    if (maxh > 0 && hrow > maxh) {
        if (!final) feasible = false;
        extra = BAD_HYPHENS;
        hrow = maxh + 1;   /* every count past the limit behaves alike: one node key, not one per count */
    }
    if (maxh <= 0) hrow = 0;   /* unlimited: the count is never used */
    if (!feasible) return true;
    double bad;
    if (r < -1 - EPS) bad = BAD_OVERFULL + 1e4 * excess;
    else bad = fmin(100 * fabs(r) * r * r, BAD_UNDERFULL);
    bad += expansion_badness(c->p, expand);
    bad += extra;
    int fc = fitness(r);
    if (k->start == NONE) k->start = b < c->n ? line_start(c, b) : c->n;
    size_t st = k->start;
    double room = line_room(c, a->line + 1, st);
    node nd = {b, st, ai, a->line + 1, fc, hrow, 0, r, expand, c->sw[st], c->sy[st], c->sz[st], c->sfil[st],
               c->sb[st], room, node_reach(c, st, room)};
    nd.total = a->total + demerits(c, a, k->it, node_flagged(c, a), bad, fc);
    int key_line = nd.line;
    if (c->p->looseness == 0 && c->nwidths > 0 && (size_t)key_line > c->nwidths - 1)
        key_line = (int)c->nwidths - 1;
    return offer(c, &nd, key_line);
}

/* Whether candidate j can never be on the best path because another candidate at this breakpoint is
 * better by more than anything the lines after it can make up (as TeX drops nodes worse than the best by
 * more than \adjdemerits): a line that follows costs the two the same but for the demerits that depend on
 * the line before (fitness and loose demerits), and the one with no more hyphenated lines in a row is
 * never worse off for the next hyphen.  Such nodes would only lengthen the active list. */
static bool dominated(const ctx *c, size_t j) {
    double slack = c->p->fitness_demerits + c->p->loose_demerits;
    if (!(c->p->fitness_demerits >= 0) || !(c->p->loose_demerits >= 0)) return false;
    const cand *x = &c->cands[j];
    for (size_t i = 0; i < c->ncands; i++) {
        const cand *y = &c->cands[i];
        if (i != j && y->key_line == x->key_line && y->nd.hyph_row <= x->nd.hyph_row &&
            y->nd.total + slack < x->nd.total)
            return true;
    }
    return false;
}

/* Consider every active node as the start of a line ending at b; deactivate those that can no longer
 * start a line reaching beyond b.  Candidates go to c->cands. */
static bool try_break(ctx *c, size_t b, double tol, double emergency, bool final) {
    brk_at k = {item_at(c, b), 0, 0, c->sw[b], c->sy[b], c->sz[b], c->sfil[b], c->sb[b], 0, NONE};
    if (k.it.kind == ZW_PENALTY) k.pw = k.it.width;
    k.hang = k.it.hang;
    if (isfinite(tol))
        k.reach = k.sw + k.pw - k.hang + c->p->expand_stretch * (k.sb + k.pw) + tol * (k.sy + emergency);
    bool forced = is_forced(k.it), flagged = k.it.kind == ZW_PENALTY && k.it.flagged;
    size_t keep = 0;
    c->ncands = 0;
    for (size_t i = 0; i < c->nactive; i++) {
        size_t ai = c->active[i];
        const node *a = &c->pool[ai];
        if (b < a->start || (!forced && too_loose(c, &k, a))) { c->active[keep++] = ai; continue; }
        double expand, excess;
        double r = ratio_to(c, &k, a, emergency, &expand, &excess);
        bool deactivate = r < -1 - EPS || forced;
        if (!consider(c, &k, b, ai, r, expand, excess, flagged, final, tol)) return false;
        if (!deactivate) c->active[keep++] = ai;
    }
    c->nactive = keep;
    if (!zw_reserve((void **)&c->pool, &c->cappool, c->npool + c->ncands, sizeof(node))) return false;
    if (!zw_reserve((void **)&c->active, &c->capactive, c->nactive + c->ncands, sizeof(size_t))) return false;
    for (size_t j = 0; j < c->ncands; j++) {
        if (dominated(c, j)) continue;
        c->pool[c->npool] = c->cands[j].nd;
        c->active[c->nactive++] = c->npool++;
    }
    return true;
}

/* Among the nodes at the final break, the best one (honouring looseness as TeX does). */
static size_t choose_final(const ctx *c, size_t end) {
    size_t best = NONE;
    for (size_t i = 0; i < c->nactive; i++) {
        const node *a = &c->pool[c->active[i]];
        if (a->pos != end) continue;
        if (best == NONE || a->total < c->pool[best].total) best = c->active[i];
    }
    if (best == NONE || c->p->looseness == 0) return best;
    int best_line = c->pool[best].line, loose = c->p->looseness, actual = 0;
    double fewest = c->pool[best].total;
    for (size_t i = 0; i < c->nactive; i++) {
        const node *a = &c->pool[c->active[i]];
        if (a->pos != end) continue;
        int diff = a->line - best_line;
        if ((diff < actual && loose <= diff) || (diff > actual && loose >= diff)) {
            best = c->active[i];
            actual = diff;
            fewest = a->total;
        } else if (diff == actual && a->total < fewest) {
            best = c->active[i];
            fewest = a->total;
        }
    }
    return best;
}

/* One pass over the items.  *best gets the final node or NONE when the pass found no solution. */
static bool run_pass(ctx *c, double tol, double emergency, bool final, size_t *best) {
    size_t end = c->n;
    if (c->n > 0 && is_forced(c->items[c->n - 1])) end = c->n - 1;
    c->npool = c->nactive = 0;
    *best = NONE;
    if (!zw_reserve((void **)&c->pool, &c->cappool, 1, sizeof(node))) return false;
    if (!zw_reserve((void **)&c->active, &c->capactive, 1, sizeof(size_t))) return false;
    c->tol = tol;
    double room = line_room(c, 0, 0);
    c->pool[0] = (node){NONE, 0, NONE, 0, 1, 0, 0, 0, 0, c->sw[0], c->sy[0], c->sz[0], c->sfil[0], c->sb[0], room,
                        node_reach(c, 0, room)};
    c->npool = c->nactive = 1;
    c->active[0] = 0;
    for (size_t b = 0; b <= end; b++) {
        if (!is_legal(c, b)) continue;
        if (!try_break(c, b, tol, emergency, final)) return false;
        if (c->nactive == 0) return true;
    }
    *best = choose_final(c, end);
    return true;
}

static size_t collect(const ctx *c, size_t best, zw_break **out) {
    size_t count = (size_t)c->pool[best].line;
    zw_break *br = zw_xmalloc(count * sizeof *br);
    if (!br) return (size_t)-1;
    size_t k = count;
    for (size_t i = best; c->pool[i].pos != NONE; i = c->pool[i].prev) {
        const node *a = &c->pool[i];
        zw_item it = item_at(c, a->pos);
        br[--k] = (zw_break){a->pos, a->ratio, a->expand, it.kind == ZW_PENALTY && it.flagged};
    }
    *out = br;
    return count;
}

static void ctx_free(ctx *c) {
    free(c->sw);   /* with sy, sz and sfil */
    free(c->pool);
    free(c->active);
    free(c->cands);
}

struct zw_break_work {   /* the growable arrays of a ctx, kept between runs */
    double *sums;
    size_t capsums;
    node *pool;
    size_t cappool;
    size_t *active;
    size_t capactive;
    cand *cands;
    size_t capcands;
};

zw_break_work *zw_break_work_new(void) {
    zw_break_work *w = zw_xmalloc(sizeof *w);
    if (w) memset(w, 0, sizeof *w);
    return w;
}

void zw_break_work_drop(zw_break_work *w) {
    if (!w) return;
    ctx c = {.sw = w->sums, .pool = w->pool, .active = w->active, .cands = w->cands};
    ctx_free(&c);
    free(w);
}

/* Give the (possibly grown) arrays back to w, or free them when there is no w. */
static void ctx_end(ctx *c, zw_break_work *w) {
    if (!w) { ctx_free(c); return; }
    *w = (zw_break_work){c->sw, c->capsums, c->pool, c->cappool, c->active, c->capactive, c->cands, c->capcands};
}

size_t zw_linebreak(const zw_item *items, size_t n, const double *widths, size_t nwidths,
                    const zw_break_params *p, zw_break **out, bool *overfull) {
    return zw_linebreak_with(NULL, items, n, widths, nwidths, p, out, overfull);
}

size_t zw_linebreak_with(zw_break_work *w, const zw_item *items, size_t n, const double *widths, size_t nwidths,
                         const zw_break_params *p, zw_break **out, bool *overfull) {
    *out = NULL;
    if (overfull) *overfull = false;
    if (n == 0) return 0;
    ctx c = {.items = items, .n = n, .widths = widths, .nwidths = nwidths, .p = p};
    if (w) {
        c.sw = w->sums;
        c.capsums = w->capsums;
        c.pool = w->pool;
        c.cappool = w->cappool;
        c.active = w->active;
        c.capactive = w->capactive;
        c.cands = w->cands;
        c.capcands = w->capcands;
    }
    size_t best = NONE, count = (size_t)-1;
    if (!fill_sums(&c)) goto done;
    if (!run_pass(&c, p->tolerance, 0, false, &best)) goto done;
    if (best == NONE && p->emergency_stretch > 0 &&
        !run_pass(&c, p->tolerance, p->emergency_stretch, false, &best))
        goto done;
    if (best == NONE) {
        if (!run_pass(&c, INFINITY, p->emergency_stretch, true, &best)) goto done;
        if (overfull) *overfull = true;
    }
    if (best != NONE) count = collect(&c, best, out);
done:
    ctx_end(&c, w);
    return count;
}

/* ---- greedy first fit ------------------------------------------------------------------------- */

size_t zw_linebreak_greedy(const zw_item *items, size_t n, const double *widths, size_t nwidths,
                           const zw_break_params *p, zw_break **out) {
    *out = NULL;
    if (n == 0) return 0;
    ctx c = {.items = items, .n = n, .widths = widths, .nwidths = nwidths, .p = p};
    size_t count = 0, cap = 0, end = n;
    zw_break *br = NULL;
    if (is_forced(items[n - 1])) end = n - 1;
    if (!fill_sums(&c)) goto oom;
    size_t start = 0, last = NONE;
    double last_r = 0, last_e = 0;
    int line = 0;
    for (size_t b = 0; b <= end; b++) {
        if (!is_legal(&c, b) || b < start) continue;
        double expand, excess, r = line_ratio(&c, start, b, line, 0, &expand, &excess);
        bool fits = r >= -1 - EPS;
        size_t at = NONE;
        double at_r = r, at_e = expand;
        if (!fits && last != NONE) { at = last; at_r = last_r; at_e = last_e; }
        else if (!fits || is_forced(item_at(&c, b))) at = b;
        if (fits) { last = b; last_r = r; last_e = expand; }
        if (at == NONE) continue;
        if (!zw_reserve((void **)&br, &cap, count + 1, sizeof *br)) goto oom;
        zw_item it = item_at(&c, at);
        br[count++] = (zw_break){at, at_r, at_e, it.kind == ZW_PENALTY && it.flagged};
        line++;
        start = at < n ? line_start(&c, at) : n;
        last = NONE;
        if (at != b) b = at; /* reconsider the breaks after the new line start */
    }
    ctx_free(&c);
    *out = br;
    return count;
oom:
    ctx_free(&c);
    free(br);
    return (size_t)-1;
}
