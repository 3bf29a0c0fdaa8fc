/*
 * cert_report.h - the shortage certificates (model/certificate.h) for
 * people, in Bahasa Indonesia: a section of ringkasan.txt, a line per
 * certificate in each Polsek section of laporan.html, and the check's
 * verdict on a certificate file.
 */
#ifndef SIAGA_CERT_REPORT_H
#define SIAGA_CERT_REPORT_H

#include <stdio.h>

#include "io/report/out.h"
#include "model/certificate.h"
#include "model/post_why.h"
#include "model/roster.h"
#include "model/scenario.h"
#include "model/sensitivity.h"
#include "model/whatif.h"

/*
 * Certificate k of c as one sentence into buf (n bytes; cut with "..."
 * when longer): "Kecamatan Maje: 30 tempat jaga Polri di 15 pos kurang
 * rawan, hanya dapat diisi oleh Polsek Maje (16) dan Polres Kaur (8):
 * kurang 6".  Returns buf.  Never fails.
 */
char *io_cert_sentence(char *buf, size_t n, const struct scenario *s,
                       const struct plan *p, const struct cert_set *c, int k);

/* The section "BUKTI KEKURANGAN (kekurangan.csv)" of ringkasan.txt, with
 * the BKO rows (bko may be NULL) that answer each certificate.  Nothing
 * when the plan leaves nothing empty.  0, or -1 on a write error. */
int io_write_cert_summary(FILE *f, const struct scenario *s,
                          const struct plan *p, const struct cert_set *c,
                          const struct bko_request *bko);

/* The certificates with places in kecamatan k, as a paragraph of its
 * Polsek section of laporan.html (nothing when none). */
void io_cert_html_kec(struct out *o, const struct scenario *s,
                      const struct plan *p, const struct cert_set *c, int k);

/* What the plan's reports explain besides the plan itself: the shortage
 * certificates and why each post (either may be NULL). */
struct plan_explain {
    const struct cert_set *certs;
    const struct post_why *why;
    const struct sensitivity *sens;
};

/* The section "DAMPAK ATURAN" of ringkasan.txt: per kecamatan the posts
 * and guard places of the plan and under each rule change, "*" where not
 * proven fewest.  Nothing when sens is NULL.  0, or -1 on a write error. */
int io_write_sens_summary(FILE *f, const struct scenario *s,
                          const struct plan *p, const struct sensitivity *sens);

/* The same table for laporan.html (nothing when sens is NULL). */
void io_sens_html(struct out *o, const struct scenario *s,
                  const struct plan *p, const struct sensitivity *sens);

/* The section "ALASAN JUMLAH POS" of ringkasan.txt: per kecamatan its
 * posts, the bound that proves them and its TPS standing alone.  0, or
 * -1 on a write error. */
int io_write_why_summary(FILE *f, const struct scenario *s,
                         const struct plan *p, const struct post_why *w);

/* The same for the Polsek section of kecamatan k in laporan.html, with a
 * line per post: anchor, TPS, the farthest TPS and its distance.
 * post_id names the posts (plan_view). */
void io_why_html_kec(struct out *o, const struct scenario *s,
                     const struct plan *p, const struct post_why *w, int k,
                     const int *kec_post, int nkec_post,
                     char (*post_id)[24]);

/* `siaga check --certificates FILE`: the findings as "FILE:LINE: message",
 * then what the certificates prove, ending with the line
 * "BUKTI KEKURANGAN: SAH ..." or "BUKTI KEKURANGAN: DITOLAK ...".
 * 0, or -1 on a write error. */
int io_write_cert_verdict(FILE *f, const char *file,
                          const struct cert_verdict *v);

#endif
