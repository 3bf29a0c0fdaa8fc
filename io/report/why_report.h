/*
 * why_report.h - "Alasan penempatan anggota" in laporan.html, per
 * kecamatan, when the plan carries its members' next-best places
 * (plan --why-members; model/member_why.h).
 */
#ifndef SIAGA_WHY_REPORT_H
#define SIAGA_WHY_REPORT_H

#include "io/report/out.h"
#include "io/report/plan_view.h"
#include "model/roster.h"
#include "model/scenario.h"

/* The section of kecamatan k: a row per guard of its posts, then per
 * Linmas of its TPS; nothing when p->why is NULL. */
void io_member_why_html_kec(struct out *o, const struct scenario *s,
                            const struct plan *p, const struct plan_view *v,
                            int k);

#endif
