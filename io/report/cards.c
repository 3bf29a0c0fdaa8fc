/*
 * cards.c - duty cards (cards.h): the roster file read back and matched
 * to the scenario (struct deck), then one HTML and one text card per
 * member and per post, and kartu/index.html.
 *
 * Where the issue is silent, this writer decides (README "Duty cards"):
 * - who gets a card: every guard, every Linmas member at a TPS and every
 *   reserve (a reserve's card says so, with the shifts of a version 2
 *   roster); a post gets a post card for its commander, the first guard
 *   listed (siaga lists Polri before TNI);
 * - the place in the payload: the post id for a guard and a commander,
 *   the TPS code for Linmas, empty for a reserve;
 * - partners: the other guards of the post; for Linmas, the other Linmas
 *   of the TPS and the guards of its post;
 * - the Kapolsek's unit: the first Polri unit whose scope is the
 *   kecamatan of the post (or of the Linmas member's TPS), else the first
 *   Polri unit whose scope is its kabupaten (the Polres);
 * - addresses: the scenario format carries none, so a TPS is given by its
 *   number, desa, code and coordinates;
 * - file names: anggota-<id>.html/.txt and pos-<id>.html/.txt, the id
 *   with every byte outside A-Z a-z 0-9 - . written _XX (so two ids never
 *   share a name), cut at 160 bytes and followed by ~ and 16 hex digits
 *   of a hash of the id when longer.
 */
#include "io/report/cards.h"

#include <errno.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/formats/shifts_read.h"
#include "io/report/out.h"
#include "model/roster.h"
#include "model/shifts.h"
#include "model/timeline.h"

/* ---- the roster matched to the scenario ------------------------------- */

enum role { ROLE_GUARD, ROLE_LINMAS, ROLE_RESERVE, ROLE_COMMANDER };

struct mshift { int member; long idx; };   /* a shift of a member */

struct deck {
    const struct scenario *s;
    struct raw_roster *r;
    struct raw_shifts *sh;         /* NULL for version 1 */
    const char *roster_name;
    char hash[CARD_HASH_HEX + 1];
    int *tps;                      /* [r->ntps] scenario TPS */
    int *post_kec;                 /* [r->npost] kecamatan, -1 unknown */
    int *guard;                    /* [r->nguard] member */
    int *linmas, *linmas_tps, *linmas_post; /* [r->nlinmas] */
    int *reserve;                  /* [r->nreserve] member */
    int *tps_post;                 /* [s->ntps] post of a TPS, -1 */
    int *kec_polsek;               /* [s->nkec] unit, -1 */
    struct mshift *ms; long nms;   /* by member, start, file order */
};

static void deck_free(struct deck *d)
{
    raw_shifts_destroy(d->sh);
    raw_roster_destroy(d->r);
    free(d->tps);
    free(d->post_kec);
    free(d->guard);
    free(d->linmas);
    free(d->linmas_tps);
    free(d->linmas_post);
    free(d->reserve);
    free(d->tps_post);
    free(d->kec_polsek);
    free(d->ms);
    memset(d, 0, sizeof *d);
}

/* Key of a shift for sorting: carried in the record (no global). */
struct mshift_key { struct mshift m; const char *start; };

static int cmp_mshift(const void *a, const void *b)
{
    const struct mshift_key *x = a, *y = b;
    if (x->m.member != y->m.member)
        return x->m.member < y->m.member ? -1 : 1;
    int c = strcmp(x->start, y->start);
    if (c != 0)
        return c;
    return x->m.idx < y->m.idx ? -1 : x->m.idx > y->m.idx;
}

struct idkey { const char *id; long line; };

static int cmp_idkey(const void *a, const void *b)
{
    const struct idkey *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c != 0 ? c : (x->line < y->line ? -1 : x->line > y->line);
}

/* The Kapolsek's unit of every kecamatan (see the top of the file). */
static void find_polsek(const struct scenario *s, int *kec_polsek)
{
    for (int k = 0; k < s->nkec; k++)
        kec_polsek[k] = -1;
    for (int u = 0; u < s->nunit; u++) {
        const struct unit *un = &s->unit[u];
        if (un->force == FORCE_POLRI && un->scope == SCOPE_KECAMATAN &&
            un->region >= 0 && un->region < s->nkec && kec_polsek[un->region] < 0)
            kec_polsek[un->region] = u;
    }
    for (int k = 0; k < s->nkec; k++)
        for (int u = 0; u < s->nunit && kec_polsek[k] < 0; u++) {
            const struct unit *un = &s->unit[u];
            if (un->force == FORCE_POLRI && un->scope == SCOPE_KABUPATEN &&
                un->region == s->kec[k].kabupaten)
                kec_polsek[k] = u;
        }
}

/* A member id of the roster at line as a scenario member; -1 after a
 * message when unknown or seen before (seen[m] holds the line). */
static int take_member(struct deck *d, const char *id, long line, long *seen,
                       struct error_list *errs)
{
    int m = id ? scenario_find_member(d->s, id) : -1;
    if (m < 0) {
        error_add(errs, d->r->file, line, "member '%s' is not in the scenario "
                  "%s", id ? id : "", d->s->file ? d->s->file : "");
        return -1;
    }
    if (seen != NULL) {
        if (seen[m] > 0) {
            error_add(errs, d->r->file, line, "member '%s' is listed twice in "
                      "the roster (line %ld too): one card per member; siaga "
                      "check says what is wrong", id, seen[m]);
            return -1;
        }
        seen[m] = line;
    }
    return m;
}

/* Match d->r (and d->sh) to d->s.  SIAGA_OK, SIAGA_EINPUT, SIAGA_ENOMEM. */
static int deck_match(struct deck *d, struct error_list *errs)
{
    const struct scenario *s = d->s;
    const struct raw_roster *r = d->r;
    long nerr = error_count(errs);
    long *seen = calloc((size_t)s->nmember + 1, sizeof *seen);
    struct idkey *ids = malloc(sizeof *ids * ((size_t)r->npost + 1));
    struct mshift_key *keys = NULL;
    long nsh = d->sh ? d->sh->nshift : 0;
    d->tps = malloc(sizeof *d->tps * ((size_t)r->ntps + 1));
    d->post_kec = malloc(sizeof *d->post_kec * ((size_t)r->npost + 1));
    d->guard = malloc(sizeof *d->guard * ((size_t)r->nguard + 1));
    d->linmas = malloc(sizeof *d->linmas * ((size_t)r->nlinmas + 1));
    d->linmas_tps = malloc(sizeof *d->linmas_tps * ((size_t)r->nlinmas + 1));
    d->linmas_post = malloc(sizeof *d->linmas_post * ((size_t)r->nlinmas + 1));
    d->reserve = malloc(sizeof *d->reserve * ((size_t)r->nreserve + 1));
    d->tps_post = malloc(sizeof *d->tps_post * ((size_t)s->ntps + 1));
    d->kec_polsek = malloc(sizeof *d->kec_polsek * ((size_t)s->nkec + 1));
    keys = malloc(sizeof *keys * ((size_t)nsh + 1));
    d->ms = malloc(sizeof *d->ms * ((size_t)nsh + 1));
    int rc = SIAGA_OK;
    if (!seen || !ids || !d->tps || !d->post_kec || !d->guard || !d->linmas ||
        !d->linmas_tps || !d->linmas_post || !d->reserve || !d->tps_post ||
        !d->kec_polsek || !keys || !d->ms) {
        error_add(errs, NULL, 0, "out of memory");
        rc = SIAGA_ENOMEM;
        goto done;
    }
    find_polsek(s, d->kec_polsek);
    for (int t = 0; t < s->ntps; t++)
        d->tps_post[t] = -1;
    for (int i = 0; i < r->ntps; i++) {
        d->tps[i] = r->tps[i].id ? scenario_find_tps(s, r->tps[i].id) : -1;
        if (d->tps[i] < 0)
            error_add(errs, r->file, r->tps[i].line, "TPS '%s' is not in the "
                      "scenario", r->tps[i].id ? r->tps[i].id : "");
    }
    for (int p = 0; p < r->npost; p++) {
        const struct raw_post *rp = &r->post[p];
        ids[p] = (struct idkey){rp->id ? rp->id : "", rp->line};
        d->post_kec[p] = rp->kecamatan ? scenario_find_kecamatan(s, rp->kecamatan) : -1;
        for (int i = rp->first_tps; i < rp->first_tps + rp->ntps; i++)
            if (d->tps[i] >= 0) {
                if (d->post_kec[p] < 0)
                    d->post_kec[p] = s->tps[d->tps[i]].kecamatan;
                d->tps_post[d->tps[i]] = p;
            }
        for (int g = rp->first_guard; g < rp->first_guard + rp->nguards; g++)
            d->guard[g] = take_member(d, r->guard[g].member, r->guard[g].line,
                                      seen, errs);
    }
    qsort(ids, (size_t)r->npost, sizeof *ids, cmp_idkey);
    for (int p = 1; p < r->npost; p++)
        if (strcmp(ids[p].id, ids[p - 1].id) == 0)
            error_add(errs, r->file, ids[p].line, "post '%s' is listed twice "
                      "in the roster (line %ld too): one card per post",
                      ids[p].id, ids[p - 1].line);
    for (int i = 0; i < r->nlinmas; i++) {
        const struct raw_linmas *rl = &r->linmas[i];
        d->linmas[i] = take_member(d, rl->member, rl->line, seen, errs);
        d->linmas_tps[i] = rl->tps ? scenario_find_tps(s, rl->tps) : -1;
        if (d->linmas_tps[i] < 0)
            error_add(errs, r->file, rl->line, "TPS '%s' is not in the "
                      "scenario", rl->tps ? rl->tps : "");
        d->linmas_post[i] = d->linmas_tps[i] >= 0 ? d->tps_post[d->linmas_tps[i]] : -1;
    }
    for (int i = 0; i < r->nreserve; i++)
        d->reserve[i] = take_member(d, r->reserve[i].member, r->reserve[i].line,
                                    seen, errs);
    for (long i = 0; i < nsh; i++) {
        const struct raw_shift *x = &d->sh->shift[i];
        int m = take_member(d, x->member, x->line, NULL, errs);
        keys[i] = (struct mshift_key){{m, i}, x->start ? x->start : ""};
    }
    if (error_count(errs) > nerr) {
        rc = SIAGA_EINPUT;
        goto done;
    }
    qsort(keys, (size_t)nsh, sizeof *keys, cmp_mshift);
    for (long i = 0; i < nsh; i++)
        d->ms[i] = keys[i].m;
    d->nms = nsh;
done:
    free(seen);
    free(ids);
    free(keys);
    return rc;
}

/* Read the roster at path (shown as name) and match it to s. */
static int deck_load(struct deck *d, const struct scenario *s, const char *path,
                     const char *name, struct error_list *errs)
{
    memset(d, 0, sizeof *d);
    d->s = s;
    /* the cards name the roster by its file name alone, so that the same
     * roster gives the same cards wherever it is */
    const char *slash = strrchr(name, '/');
    d->roster_name = slash ? slash + 1 : name;
    int rc = io_roster_hash(path, d->hash, errs);
    if (rc == SIAGA_OK)
        rc = io_read_roster_any(path, &d->r, &d->sh, errs);
    if (rc == SIAGA_EIO)
        rc = SIAGA_EINPUT;   /* an unreadable roster is bad input */
    if (rc == SIAGA_OK) {
        d->r->file = name;   /* messages name the path given */
        rc = deck_match(d, errs);
    }
    return rc;
}

/* ---- text pieces ------------------------------------------------------- */

/* Text or attribute value escaped for HTML. */
static void esc(struct out *o, const char *s)
{
    for (const char *c = s ? s : ""; *c; c++) {
        switch (*c) {
        case '&': out_put(o, "&amp;"); break;
        case '<': out_put(o, "&lt;"); break;
        case '>': out_put(o, "&gt;"); break;
        case '"': out_put(o, "&quot;"); break;
        case '\'': out_put(o, "&#39;"); break;
        default: out_put(o, "%c", *c); break;
        }
    }
}

static const char *force_label(enum force f)
{
    return f == FORCE_POLRI ? "Polri" : f == FORCE_TNI ? "TNI" : "Linmas";
}

/* "Pengamanan logistik", ... for a phase id (its kind when it names one). */
static const char *phase_label(const char *phase)
{
    static const char *const LABEL[PHASE_KIND_COUNT] = {
        [PHASE_LOGISTIK] = "Pengamanan logistik",
        [PHASE_POSKO] = "Posko Linmas",
        [PHASE_TPS] = "Pengamanan TPS (hari pemungutan)",
        [PHASE_KAWAL] = "Pengawalan kotak suara",
        [PHASE_REKAP] = "Rekapitulasi di PPK",
        [PHASE_JAGA_PPK] = "Jaga PPK"};
    int k = phase ? phase_kind_parse(phase) : -1;
    return k >= 0 ? LABEL[k] : phase ? phase : "?";
}

/* "2024-02-13T06:00" as "13-02-2024 06:00" into buf (32); other text as
 * written. */
static const char *when(const char *t, char *buf)
{
    if (t != NULL && strlen(t) >= 16 && t[4] == '-' && t[7] == '-' && t[10] == 'T')
        snprintf(buf, 32, "%.2s-%.2s-%.4s %.5s", t + 8, t + 5, t, t + 11);
    else
        snprintf(buf, 32, "%s", t ? t : "?");
    return buf;
}

/* The file name of a card: PREFIX-<id made safe>.EXT into buf (256). */
static void card_file(const char *prefix, const char *id, const char *ext,
                      char *buf)
{
    static const char HEX[] = "0123456789ABCDEF";
    char safe[200];
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)id;
    for (; *p && k < 160; p++) {
        int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9') || *p == '-' || *p == '.';
        if (keep) {
            safe[k++] = (char)*p;
        } else {
            safe[k++] = '_';
            safe[k++] = HEX[*p >> 4];
            safe[k++] = HEX[*p & 15];
        }
    }
    if (*p) {   /* cut: a hash of the whole id keeps the names apart */
        uint64_t h = 1469598103934665603ULL;
        for (const unsigned char *q = (const unsigned char *)id; *q; q++)
            h = (h ^ *q) * 1099511628211ULL;
        k += (size_t)snprintf(safe + k, sizeof safe - k, "~%016llx",
                              (unsigned long long)h);
    }
    safe[k] = '\0';
    snprintf(buf, 256, "%s-%s.%s", prefix, safe, ext);
}

/* ---- one card ------------------------------------------------------------ */

/* What a card is about. */
struct card {
    enum role role;
    int member;      /* scenario member; -1 for a post without guards */
    int post;        /* roster post, -1 */
    int li;          /* roster linmas row, -1 */
    int tps;         /* scenario TPS of a Linmas card, -1 */
    char payload[CARD_PAYLOAD_MAX + 1];   /* "" when no QR */
};

static const char *member_unit_name(const struct scenario *s, int m)
{
    return s->unit[s->member[m].unit].name ? s->unit[s->member[m].unit].name
                                            : s->unit[s->member[m].unit].id;
}

/* "Nama, Pangkat, Polri, Polsek Kinal (NRP 85010002)" */
static void person(struct out *o, const struct scenario *s, int m, int html)
{
    const struct member *mb = &s->member[m];
    const struct unit *u = &s->unit[mb->unit];
    char line[1200];
    snprintf(line, sizeof line, "%s%s%s, %s, %s (%s %s)", mb->name ? mb->name : mb->id,
             mb->rank ? ", " : "", mb->rank ? mb->rank : "", force_label(u->force),
             member_unit_name(s, m), u->force == FORCE_LINMAS ? "NIK/ID" : "NRP",
             mb->id);
    if (html)
        esc(o, line);
    else
        out_put(o, "%s", line);
}

/* The TPS of a list with map links. */
static void tps_item(struct out *o, const struct scenario *s, int t, int n,
                     int html)
{
    const struct tps *tp = &s->tps[t];
    char code[16], geo[96], web[200];
    scenario_tps_code(s, t, code);
    snprintf(geo, sizeof geo, "geo:%.6f,%.6f", tp->lat, tp->lon);
    snprintf(web, sizeof web, "https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f"
             "#map=17/%.6f/%.6f", tp->lat, tp->lon, tp->lat, tp->lon);
    const char *desa = s->desa[tp->desa].name, *kec = s->kec[tp->kecamatan].name;
    if (html) {
        /* on paper the coordinates stand in for the links */
        out_put(o, "<li><b>TPS %03d ", tp->no);
        esc(o, desa);
        out_put(o, "</b> <span class=\"kode\">%s</span><br><span class=\"kecil\">"
                "Kec. ", code);
        esc(o, kec);
        out_put(o, " &#183; %s%s &#183; <span class=\"kode\">%.6f, %.6f</span>"
                "</span><span class=\"peta\"><br><a href=\"%s\">Buka peta (geo)</a> "
                "&#183; <a href=\"", grade_label(tp->grade),
                tp->sulit ? ", sulit dijangkau" : "", tp->lat, tp->lon, geo);
        esc(o, web);
        out_put(o, "\">OpenStreetMap</a></span></li>\n");
    } else {
        out_put(o, "%d. TPS %03d %s (%s)\n   Desa/Kel. %s, Kec. %s, %s%s\n"
                "   %s\n   %s\n", n, tp->no, desa, code, desa, kec,
                grade_label(tp->grade), tp->sulit ? ", sulit dijangkau" : "", geo, web);
    }
}

/* The shifts of member m (a version 2 roster). */
static void shifts_of(struct out *o, const struct deck *d, int m, int html)
{
    long lo = 0, hi = d->nms;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (d->ms[mid].member < m)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (d->sh == NULL)
        return;
    out_put(o, html ? "<h2>Jadwal tugas</h2>\n" : "\n*Jadwal tugas*\n");
    if (lo >= d->nms || d->ms[lo].member != m) {
        out_put(o, html ? "<p>Tidak ada shift di luar tugas di atas.</p>\n"
                        : "Tidak ada shift di luar tugas di atas.\n");
        return;
    }
    if (html)
        out_put(o, "<table class=\"jadwal\">\n");
    for (long i = lo; i < d->nms && d->ms[i].member == m; i++) {
        const struct raw_shift *x = &d->sh->shift[d->ms[i].idx];
        char a[32], b[32];
        if (html) {
            out_put(o, "<tr><td>%s&#8211;%s</td><td>", when(x->start, a), when(x->end, b));
            esc(o, phase_label(x->phase));
            out_put(o, "<br><span class=\"kode\">");
            esc(o, x->place);
            out_put(o, "</span></td></tr>\n");
        } else {
            out_put(o, "- %s s/d %s: %s, tempat %s\n", when(x->start, a),
                    when(x->end, b), phase_label(x->phase), x->place ? x->place : "?");
        }
    }
    if (html)
        out_put(o, "</table>\n");
}

/* A QR code of text as inline SVG: black modules as runs of one path,
 * a quiet zone of 4 modules.  -1 when libqrencode fails (memory). */
static int qr_svg(struct out *o, const char *text)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL)
        return -1;
    int w = q->width, size = w + 8;
    out_put(o, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" "
            "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\" role=\"img\" "
            "aria-label=\"kode QR kartu\"><rect width=\"%d\" height=\"%d\" "
            "fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size, size, size);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w;) {
            if (!(q->data[y * w + x] & 1)) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < w && (q->data[y * w + x + run] & 1))
                run++;
            out_put(o, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
            x += run;
        }
    out_put(o, "\"/></svg>\n");
    QRcode_free(q);
    return 0;
}

static const char CSS[] =
    "@page{size:105mm 148mm;margin:5mm}\n"   /* A6; Chromium ignores the name */
    "*{box-sizing:border-box}\n"
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;"
    "font-size:15px;line-height:1.35;color:#111;background:#fff;margin:0 auto;"
    "max-width:105mm;padding:10px}\n"
    "h1{font-size:17px;margin:0 0 4px;color:#14304f}\n"
    "h2{font-size:15px;margin:10px 0 4px;border-bottom:2px solid #14304f;color:#14304f}\n"
    ".sub{font-size:12px;color:#444;margin:0 0 6px}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "td{vertical-align:top;padding:1px 4px 1px 0}\n"
    "ol,ul{margin:2px 0;padding-left:20px}li{margin:0 0 5px}\n"
    ".kode{font-family:\"DejaVu Sans Mono\",monospace;font-size:12px}\n"
    ".kecil{font-size:12px;color:#333}\n"
    ".tugas{font-weight:bold;font-size:16px}\n"
    ".kartu{display:flex;flex-direction:column}.kartu>*{order:1}"
    ".kartu>.qrbox{order:2}.kartu>.akhir{order:3}\n"
    ".qrbox{text-align:center;margin:10px 0 4px}\n"
    ".qr{width:60%;max-width:240px;height:auto}\n"
    ".payload{font-family:monospace;font-size:10px;word-break:break-all;"
    "text-align:center;color:#333}\n"
    "a{color:#0b57d0}\n"
    /* on paper the QR code stands beside the name, so a card is one A6 */
    "@media print{body{font-size:8pt;max-width:none;padding:0}h1{font-size:10pt}"
    "h2{font-size:8.5pt;margin:2mm 0 1mm}.kode,.kecil,.sub{font-size:6.5pt}"
    ".kartu{display:block}.qrbox{float:right;width:30mm;margin:0 0 1mm 2mm}table{width:auto}"
    ".qr{width:30mm}.payload{font-size:5pt}.tugas{font-size:9pt}a{color:#111}"
    "li{margin:0 0 0.5mm}.peta{display:none}}\n";

static void html_head(struct out *o, const struct deck *d, const char *title)
{
    out_put(o, "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>");
    esc(o, title);
    out_put(o, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", CSS);
    out_put(o, "<h1>");
    esc(o, title);
    out_put(o, "</h1>\n<p class=\"sub\">");
    esc(o, d->s->name);
    out_put(o, " &#183; ");
    esc(o, d->s->date);
    out_put(o, "</p>\n<main class=\"kartu\">\n");
}

/* Name of the post: its id, grade, kecamatan. */
static const char *post_grade(const struct raw_post *rp)
{
    int g = rp->grade ? grade_parse(rp->grade) : -1;
    return g >= 0 ? grade_label((enum grade)g) : rp->grade ? rp->grade : "?";
}

/* Kecamatan and Kapolsek's unit of kecamatan k (-1: unknown). */
static void kec_lines(struct out *o, const struct deck *d, int k, int html)
{
    const struct scenario *s = d->s;
    const char *kec = k >= 0 ? s->kec[k].name : "-";
    int u = k >= 0 ? d->kec_polsek[k] : -1;
    const char *pol = u >= 0 ? (s->unit[u].name ? s->unit[u].name : s->unit[u].id) : "-";
    if (html) {
        out_put(o, "<tr><td>Kecamatan</td><td>");
        esc(o, kec);
        out_put(o, "</td></tr>\n<tr><td>Kapolsek</td><td>");
        esc(o, pol);
        if (u >= 0) {
            out_put(o, " <span class=\"kode\">");
            esc(o, s->unit[u].id);
            out_put(o, "</span>");
        }
        out_put(o, "</td></tr>\n");
    } else {
        out_put(o, "Kecamatan: %s\nKapolsek: %s%s%s%s\n", kec, pol,
                u >= 0 ? " (" : "", u >= 0 ? s->unit[u].id : "", u >= 0 ? ")" : "");
    }
}

/* The guards of post p but member skip (-1: all), as list items. */
static void guards_list(struct out *o, const struct deck *d, int p, int skip,
                        int mark_commander, int html)
{
    const struct raw_post *rp = &d->r->post[p];
    int any = 0;
    for (int g = rp->first_guard; g < rp->first_guard + rp->nguards; g++) {
        if (d->guard[g] == skip)
            continue;
        any = 1;
        out_put(o, html ? "<li>" : "- ");
        person(o, d->s, d->guard[g], html);
        if (mark_commander && g == rp->first_guard)
            out_put(o, html ? " <b>(komandan pos)</b>" : " (komandan pos)");
        out_put(o, html ? "</li>\n" : "\n");
    }
    if (!any)
        out_put(o, html ? "<li>(tidak ada)</li>\n" : "- (tidak ada)\n");
}

/* The Linmas members at scenario TPS t but skip, as list items. */
static void linmas_list(struct out *o, const struct deck *d, int t, int skip,
                        int html)
{
    int any = 0;
    for (int i = 0; i < d->r->nlinmas; i++) {
        if (d->linmas_tps[i] != t || d->linmas[i] == skip)
            continue;
        any = 1;
        out_put(o, html ? "<li>" : "- ");
        person(o, d->s, d->linmas[i], html);
        out_put(o, html ? "</li>\n" : "\n");
    }
    if (!any)
        out_put(o, html ? "<li>(tidak ada)</li>\n" : "- (tidak ada)\n");
}

/* The TPS of post p in patrol order, with the route length. */
static void post_route(struct out *o, const struct deck *d, int p, int html)
{
    const struct raw_post *rp = &d->r->post[p];
    const char *km = rp->route_km ? rp->route_km : "0";
    if (html) {
        out_put(o, "<h2>TPS (urutan patroli)</h2>\n<p>Pos <b>");
        esc(o, rp->id);
        out_put(o, "</b> (%s), panjang rute <b>", post_grade(rp));
        esc(o, km);
        out_put(o, " km</b> (keliling dari TPS pertama dan kembali)</p>\n<ol>\n");
    } else {
        out_put(o, "\n*TPS (urutan patroli)*\nPos %s (%s), panjang rute %s km "
                "(keliling dari TPS pertama dan kembali)\n", rp->id, post_grade(rp), km);
    }
    for (int i = 0; i < rp->ntps; i++)
        tps_item(o, d->s, d->tps[rp->first_tps + i], i + 1, html);
    if (html)
        out_put(o, "</ol>\n");
}

static const char *role_title(enum role r)
{
    return r == ROLE_COMMANDER ? "Kartu Komandan Pos" : "Kartu Tugas Pengamanan";
}

/* "Linmas di TPS 001 <desa>, pos <post>": two texts of up to 256 bytes */
#define ROLE_TEXT_MAX 1024

static const char *role_text(const struct deck *d, const struct card *c, char *buf)
{
    const char *post = c->post >= 0 ? d->r->post[c->post].id : "";
    switch (c->role) {
    case ROLE_GUARD: snprintf(buf, ROLE_TEXT_MAX, "Penjaga pos %s", post); break;
    case ROLE_COMMANDER: snprintf(buf, ROLE_TEXT_MAX, "Komandan pos %s", post); break;
    case ROLE_LINMAS:
        snprintf(buf, ROLE_TEXT_MAX, "Linmas di TPS %03d %s%s%s", d->s->tps[c->tps].no,
                 d->s->desa[d->s->tps[c->tps].desa].name,
                 post[0] ? ", pos " : "", post);
        break;
    case ROLE_RESERVE: snprintf(buf, ROLE_TEXT_MAX, "Cadangan (siaga di satuan)"); break;
    }
    return buf;
}

/* The kecamatan a card's duty lies in, -1. */
static int card_kec(const struct deck *d, const struct card *c)
{
    if (c->tps >= 0)
        return d->s->tps[c->tps].kecamatan;
    if (c->post >= 0)
        return d->post_kec[c->post];
    if (c->member >= 0) {
        const struct unit *u = &d->s->unit[d->s->member[c->member].unit];
        if (u->scope == SCOPE_KECAMATAN)
            return u->region;
    }
    return -1;
}

/* One card, as HTML (html) or text. */
static int write_card(FILE *f, const struct deck *d, const struct card *c, int html)
{
    struct out o = {f, 0};
    const struct scenario *s = d->s;
    char buf[ROLE_TEXT_MAX];
    const char *title = role_title(c->role);
    if (html) {
        html_head(&o, d, title);
        if (c->payload[0]) {
            out_put(&o, "<div class=\"qrbox\">\n");
            if (qr_svg(&o, c->payload) != 0)
                return -1;
            out_put(&o, "<p class=\"payload\">%s</p>\n</div>\n", c->payload);
        }
    } else
        out_put(&o, "*%s*\n%s, %s\n\n", title, s->name, s->date);
    if (c->member >= 0) {
        const struct member *mb = &s->member[c->member];
        const struct unit *u = &s->unit[mb->unit];
        if (html) {
            out_put(&o, "<table>\n<tr><td>Nama</td><td><b>");
            esc(&o, mb->name ? mb->name : mb->id);
            out_put(&o, "</b></td></tr>\n<tr><td>Pangkat</td><td>");
            esc(&o, mb->rank ? mb->rank : "-");
            out_put(&o, "</td></tr>\n<tr><td>%s</td><td class=\"kode\">",
                    u->force == FORCE_LINMAS ? "NIK/ID" : "NRP");
            esc(&o, mb->id);
            out_put(&o, "</td></tr>\n<tr><td>Satuan</td><td>");
            esc(&o, member_unit_name(s, c->member));
            out_put(&o, " (%s)</td></tr>\n", force_label(u->force));
        } else {
            out_put(&o, "Nama: *%s*\nPangkat: %s\n%s: %s\nSatuan: %s (%s)\n",
                    mb->name ? mb->name : mb->id, mb->rank ? mb->rank : "-",
                    u->force == FORCE_LINMAS ? "NIK/ID" : "NRP", mb->id,
                    member_unit_name(s, c->member), force_label(u->force));
        }
    } else if (html) {
        out_put(&o, "<table>\n<tr><td>Komandan</td><td>belum ada penjaga</td></tr>\n");
    } else {
        out_put(&o, "Komandan: belum ada penjaga\n");
    }
    role_text(d, c, buf);
    if (html) {
        out_put(&o, "<tr><td>Tugas</td><td class=\"tugas\">");
        esc(&o, buf);
        out_put(&o, "</td></tr>\n");
    } else {
        out_put(&o, "Tugas: *%s*\n", buf);
    }
    kec_lines(&o, d, card_kec(d, c), html);
    if (html)
        out_put(&o, "</table>\n");
    if (c->role == ROLE_LINMAS) {
        out_put(&o, html ? "<h2>TPS</h2>\n<ol>\n" : "\n*TPS*\n");
        tps_item(&o, s, c->tps, 1, html);
        out_put(&o, html ? "</ol>\n<h2>Rekan Linmas di TPS</h2>\n<ul>\n"
                         : "\n*Rekan Linmas di TPS*\n");
        linmas_list(&o, d, c->tps, c->member, html);
        if (html)
            out_put(&o, "</ul>\n");
        if (c->post >= 0) {
            out_put(&o, html ? "<h2>Penjaga pos</h2>\n<ul>\n" : "\n*Penjaga pos*\n");
            guards_list(&o, d, c->post, -1, 1, html);
            if (html)
                out_put(&o, "</ul>\n");
        }
    } else if (c->post >= 0) {
        post_route(&o, d, c->post, html);
        if (c->role == ROLE_COMMANDER) {
            out_put(&o, html ? "<h2>Penjaga pos</h2>\n<ul>\n" : "\n*Penjaga pos*\n");
            guards_list(&o, d, c->post, -1, 1, html);
            if (html)
                out_put(&o, "</ul>\n");
            const struct raw_post *rp = &d->r->post[c->post];
            for (int i = 0; i < rp->ntps; i++) {
                int t = d->tps[rp->first_tps + i];
                if (html)
                    out_put(&o, "<h2>Linmas TPS %03d ", s->tps[t].no);
                else
                    out_put(&o, "\n*Linmas TPS %03d %s*\n", s->tps[t].no,
                            s->desa[s->tps[t].desa].name);
                if (html) {
                    esc(&o, s->desa[s->tps[t].desa].name);
                    out_put(&o, "</h2>\n<ul>\n");
                }
                linmas_list(&o, d, t, -1, html);
                if (html)
                    out_put(&o, "</ul>\n");
            }
        } else {
            out_put(&o, html ? "<h2>Rekan di pos</h2>\n<ul>\n" : "\n*Rekan di pos*\n");
            guards_list(&o, d, c->post, c->member, 1, html);
            if (html)
                out_put(&o, "</ul>\n");
        }
    }
    if (c->member >= 0)
        shifts_of(&o, d, c->member, html);
    if (html) {
        out_put(&o, "<p class=\"sub akhir\">Roster ");
        esc(&o, d->roster_name);
        out_put(&o, ", sidik %s. Periksa: <span class=\"kode\">siaga check "
                "SKENARIO ROSTER --card KODE</span></p>\n</main>\n</body>\n</html>\n",
                d->hash);
    } else {
        if (c->payload[0])
            out_put(&o, "\nKode kartu: %s\n", c->payload);
        out_put(&o, "Roster %s, sidik %s\n", d->roster_name, d->hash);
    }
    return o.err ? -1 : 0;
}

/* ---- the folder ---------------------------------------------------------- */

struct folder {
    struct outdir *od;            /* kartu/NAME are files of its set */
    struct card_stats *st;
    const char *dir;              /* for messages */
    struct error_list *errs;
};

/* A new file kartu/name of the set: its stream, or NULL after a message. */
static FILE *folder_open(struct folder *fo, const char *name)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s", CARDS_FOLDER, name);
    return outdir_file(fo->od, path, fo->errs);
}

/* Close f (written by a writer that returned wrc) before the commit, which
 * syncs it; counts it. */
static int folder_close(struct folder *fo, FILE *f, const char *name, int wrc)
{
    long size = ftell(f);
    if (wrc != 0 || ferror(f)) {
        error_add(fo->errs, fo->dir, 0, "cannot write %s/%s: write error",
                  CARDS_FOLDER, name);
        outdir_file_close(fo->od, f, fo->errs);
        return -1;
    }
    if (outdir_file_close(fo->od, f, fo->errs) != SIAGA_OK)
        return -1;
    fo->st->files++;
    fo->st->bytes += size > 0 ? size : 0;
    return 0;
}

static int write_pair(struct folder *fo, const struct deck *d, struct card *c,
                      const char *prefix, const char *id)
{
    char name[256];
    for (int html = 1; html >= 0; html--) {
        card_file(prefix, id, html ? "html" : "txt", name);
        FILE *f = folder_open(fo, name);
        if (f == NULL || folder_close(fo, f, name, write_card(f, d, c, html)) != 0)
            return -1;
    }
    return 0;
}

static void set_payload(const struct deck *d, struct card *c, const char *place)
{
    struct card_payload p = {CARD_PAYLOAD_VERSION, "", "", ""};
    if (c->member < 0) {
        c->payload[0] = '\0';
        return;
    }
    snprintf(p.member, sizeof p.member, "%s", d->s->member[c->member].id);
    snprintf(p.place, sizeof p.place, "%s", place);
    memcpy(p.hash, d->hash, sizeof p.hash);
    card_payload_format(&p, c->payload);
}

/* A link of the index to a card. */
static void index_link(struct out *o, const char *prefix, const char *id,
                       const char *label)
{
    char name[256];
    card_file(prefix, id, "html", name);
    out_put(o, "<a href=\"");
    esc(o, name);
    out_put(o, "\">");
    esc(o, label);
    out_put(o, "</a>");
}

static void index_member(struct out *o, const struct scenario *s, int m)
{
    char label[600];
    snprintf(label, sizeof label, "%s%s%s", s->member[m].name ? s->member[m].name
             : s->member[m].id, s->member[m].rank ? ", " : "",
             s->member[m].rank ? s->member[m].rank : "");
    index_link(o, "anggota", s->member[m].id, label);
}

/* kartu/index.html: the cards by kecamatan and post, then the reserves. */
static int write_index(FILE *f, const struct deck *d, const struct card_stats *st)
{
    struct out o = {f, 0};
    const struct scenario *s = d->s;
    const struct raw_roster *r = d->r;
    html_head(&o, d, "Kartu tugas");
    out_put(&o, "<p>Roster ");
    esc(&o, d->roster_name);
    out_put(&o, " (sidik <span class=\"kode\">%s</span>): %ld kartu penjaga, "
            "%ld kartu Linmas, %ld kartu cadangan, %ld kartu komandan pos.</p>\n",
            d->hash, st->guards, st->linmas, st->reserves, st->posts);
    for (int k = -1; k < s->nkec; k++) {
        int head = 0;
        for (int p = 0; p < r->npost; p++) {
            if (d->post_kec[p] != k)
                continue;
            if (!head) {
                out_put(&o, "<h2>Kecamatan ");
                esc(&o, k >= 0 ? s->kec[k].name : "lain");
                out_put(&o, "</h2>\n<ul>\n");
                head = 1;
            }
            const struct raw_post *rp = &r->post[p];
            char label[400];
            snprintf(label, sizeof label, "Pos %s", rp->id);
            out_put(&o, "<li>");
            index_link(&o, "pos", rp->id, label);
            out_put(&o, " (%s, %d TPS)<br>Penjaga: ", post_grade(rp), rp->ntps);
            for (int g = rp->first_guard; g < rp->first_guard + rp->nguards; g++) {
                out_put(&o, g > rp->first_guard ? "; " : "");
                index_member(&o, s, d->guard[g]);
            }
            if (rp->nguards == 0)
                out_put(&o, "(tidak ada)");
            for (int i = 0; i < rp->ntps; i++) {
                int t = d->tps[rp->first_tps + i];
                out_put(&o, "<br>Linmas TPS %03d ", s->tps[t].no);
                esc(&o, s->desa[s->tps[t].desa].name);
                out_put(&o, ": ");
                int n = 0;
                for (int l = 0; l < r->nlinmas; l++)
                    if (d->linmas_tps[l] == t) {
                        out_put(&o, n++ ? "; " : "");
                        index_member(&o, s, d->linmas[l]);
                    }
                if (n == 0)
                    out_put(&o, "(tidak ada)");
            }
            out_put(&o, "</li>\n");
        }
        if (head)
            out_put(&o, "</ul>\n");
    }
    int lone = 0;   /* Linmas at a TPS no post holds */
    for (int l = 0; l < r->nlinmas; l++)
        if (d->linmas_post[l] < 0) {
            out_put(&o, lone++ ? "; " : "<h2>Linmas di TPS tanpa pos</h2>\n<p>");
            index_member(&o, s, d->linmas[l]);
        }
    if (lone)
        out_put(&o, "</p>\n");
    if (r->nreserve > 0) {
        out_put(&o, "<h2>Cadangan</h2>\n<p>");
        for (int i = 0; i < r->nreserve; i++) {
            out_put(&o, i ? "; " : "");
            index_member(&o, s, d->reserve[i]);
        }
        out_put(&o, "</p>\n");
    }
    out_put(&o, "</main>\n</body>\n</html>\n");
    return o.err ? -1 : 0;
}

/* Every card of d into fo. */
static int write_deck(struct folder *fo, const struct deck *d)
{
    const struct raw_roster *r = d->r;
    struct card c;
    for (int p = 0; p < r->npost; p++) {
        const struct raw_post *rp = &r->post[p];
        for (int g = rp->first_guard; g < rp->first_guard + rp->nguards; g++) {
            c = (struct card){ROLE_GUARD, d->guard[g], p, -1, -1, ""};
            set_payload(d, &c, rp->id);
            if (write_pair(fo, d, &c, "anggota", d->s->member[c.member].id) != 0)
                return -1;
            fo->st->guards++;
        }
        c = (struct card){ROLE_COMMANDER, rp->nguards ? d->guard[rp->first_guard] : -1,
                          p, -1, -1, ""};
        set_payload(d, &c, rp->id);
        if (write_pair(fo, d, &c, "pos", rp->id) != 0)
            return -1;
        fo->st->posts++;
    }
    for (int l = 0; l < r->nlinmas; l++) {
        c = (struct card){ROLE_LINMAS, d->linmas[l], d->linmas_post[l], l,
                          d->linmas_tps[l], ""};
        set_payload(d, &c, r->linmas[l].tps);
        if (write_pair(fo, d, &c, "anggota", d->s->member[c.member].id) != 0)
            return -1;
        fo->st->linmas++;
    }
    for (int i = 0; i < r->nreserve; i++) {
        c = (struct card){ROLE_RESERVE, d->reserve[i], -1, -1, -1, ""};
        set_payload(d, &c, "");
        if (write_pair(fo, d, &c, "anggota", d->s->member[c.member].id) != 0)
            return -1;
        fo->st->reserves++;
    }
    FILE *f = folder_open(fo, "index.html");
    if (f == NULL || folder_close(fo, f, "index.html", write_index(f, d, fo->st)) != 0)
        return -1;
    return 0;
}

int io_cards_fill(struct outdir *od, const char *roster_path,
                  const char *roster_name, const struct scenario *s,
                  struct card_stats *st, struct error_list *errs)
{
    struct deck d;
    memset(st, 0, sizeof *st);
    /* kartu/ is the new roster's alone: a card of an earlier roster left
     * beside the new ones would send an officer to the wrong TPS */
    int rc = outdir_own(od, CARDS_FOLDER, errs);
    if (rc != SIAGA_OK)
        return rc;
    rc = deck_load(&d, s, roster_path, roster_name, errs);
    if (rc == SIAGA_OK) {
        struct folder fo = {od, st, od->dir, errs};
        if (write_deck(&fo, &d) != 0)
            rc = error_count(errs) > 0 ? SIAGA_EIO : SIAGA_ENOMEM;
    }
    deck_free(&d);
    return rc;
}

struct cards_set {
    const char *roster;
    const struct scenario *s;
    struct card_stats *st;
};

static int fill_cards(struct outdir *od, void *arg, struct error_list *errs)
{
    const struct cards_set *cs = arg;
    return io_cards_fill(od, cs->roster, cs->roster, cs->s, cs->st, errs);
}

int io_write_cards(const char *dir, const char *roster_path,
                   const struct scenario *s, struct card_stats *st,
                   struct error_list *errs)
{
    struct cards_set cs = {roster_path, s, st};
    return outdir_write_set(dir, fill_cards, &cs, errs);
}

/* ---- checking a card ----------------------------------------------------- */

int io_check_card(const struct scenario *s, const char *roster_path,
                  const struct card_payload *c, enum card_verdict *verdict,
                  char *msg, size_t n, struct error_list *errs)
{
    struct deck d;
    int rc = deck_load(&d, s, roster_path, roster_path, errs);
    if (rc != SIAGA_OK) {
        deck_free(&d);
        return rc;
    }
    const struct raw_roster *r = d.r;
    const char *where = NULL;   /* the member's place in this roster */
    int found = 0;
    int m = scenario_find_member(s, c->member);
    for (int p = 0; p < r->npost && m >= 0; p++)
        for (int g = r->post[p].first_guard;
             g < r->post[p].first_guard + r->post[p].nguards; g++)
            if (d.guard[g] == m) {
                where = r->post[p].id;
                found = strcmp(c->place, where) == 0;
            }
    for (int l = 0; l < r->nlinmas && m >= 0; l++)
        if (d.linmas[l] == m) {
            where = r->linmas[l].tps;
            found = strcmp(c->place, where) == 0;
        }
    for (int i = 0; i < r->nreserve && m >= 0; i++)
        if (d.reserve[i] == m) {
            where = "";
            found = c->place[0] == '\0';
        }
    const char *place = c->place[0] ? c->place : "cadangan";
    if (strcmp(c->hash, d.hash) != 0) {
        *verdict = CARD_OTHER_ROSTER;
        snprintf(msg, n, "kartu DITOLAK: kartu %s (%s) dibuat dari roster lain "
                 "(sidik kartu %s, sidik %s %s)", c->member, place, c->hash,
                 roster_path, d.hash);
    } else if (m < 0) {
        *verdict = CARD_NOT_IN_ROSTER;
        snprintf(msg, n, "kartu DITOLAK: anggota %s tidak ada di skenario %s",
                 c->member, s->file ? s->file : "");
    } else if (!found) {
        *verdict = CARD_NOT_IN_ROSTER;
        snprintf(msg, n, "kartu DITOLAK: roster %s tidak menempatkan anggota %s "
                 "di %s (roster: %s%s)", roster_path, c->member, place,
                 where == NULL ? "tidak bertugas" : where[0] ? where : "cadangan",
                 "");
    } else {
        const struct member *mb = &s->member[m];
        *verdict = CARD_ACCEPTED;
        snprintf(msg, n, "kartu SAH: %s%s%s (%s, %s) bertugas di %s menurut "
                 "roster %s (sidik %s)", mb->name ? mb->name : mb->id,
                 mb->rank ? ", " : "", mb->rank ? mb->rank : "", mb->id,
                 member_unit_name(s, m), place, roster_path, d.hash);
    }
    deck_free(&d);
    return SIAGA_OK;
}
