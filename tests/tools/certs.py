#!/usr/bin/env python3
"""Shortage certificates (formats.md 6), checked by a reader that shares
no code with siaga, and short-staffed scenarios to check them on.

  certs.py cut SCENARIO.xml SEED OUT.xml
      every unit given by count keeps 30-90 % of its members (seeded), and
      the kabupaten Polres is dropped for odd seeds: a scenario nobody has
      looked at, with empty places.
  certs.py verify SCENARIO.xml ROSTER.xml KEKURANGAN.csv
      recounts the roster's empty places and checks each certificate from
      the formats alone: posts and units exist, every unit whose members
      could fill a listed place (force, scope over every TPS of the post)
      is listed with its members, places within what the post or TPS has,
      units and places of different certificates disjoint, each deficit at
      least 1, and the deficits add up to the empty places.  A unit scoped
      polres="ID" (formats 1.6) serves the TPS of that Polres's areas in
      <jurisdictions> (kabupaten or kecamatan codes).  Prints the figures;
      exits 0 when valid, 1 with the reasons when not.
"""
import csv
import random
import re
import sys
import xml.etree.ElementTree as ET

SNS = "{urn:siaga:scenario:1}"
RNS = "{urn:siaga:roster:1}"
DEFAULT_RULES = {
    "kurang_rawan": (2, 1), "rawan": (1, 1), "sangat_rawan": (2, 1),
    "khusus": (2, 2),
}  # guards, min_polri


def cut(src, seed, out):
    rnd = random.Random(seed)
    text = open(src, encoding="utf-8").read()
    if seed % 2:
        text = re.sub(r'\s*<unit id="POLRES-[^"]*"[^>]*/>', "", text)

    def shrink(m):
        n = int(m.group(2))
        keep = max(1, int(n * rnd.uniform(0.3, 0.9)))
        return m.group(1) + 'count="%d"' % keep
    text = re.sub(r'(<unit [^>]*?)count="(\d+)"', shrink, text)
    open(out, "w", encoding="utf-8").write(text)


def load_scenario(path):
    root = ET.parse(path).getroot()
    rules = dict(DEFAULT_RULES)
    per_tps = 2
    r = root.find(SNS + "rules")
    if r is not None:
        for g in r.findall(SNS + "grade"):
            old = rules[g.get("name")]
            rules[g.get("name")] = (int(g.get("guards", old[0])),
                                    int(g.get("min_polri", old[1])))
        lm = r.find(SNS + "linmas")
        if lm is not None:
            per_tps = int(lm.get("per_tps", per_tps))
    tps = {}
    for kab in root.findall(SNS + "kabupaten"):
        for kec in kab.findall(SNS + "kecamatan"):
            for desa in kec.findall(SNS + "desa"):
                for t in desa.findall(SNS + "tps"):
                    code = desa.get("code") + "%03d" % int(t.get("no"))
                    tps[code] = {"kabupaten": kab.get("code"),
                                 "kecamatan": kec.get("code"),
                                 "desa": desa.get("code"),
                                 "grade": t.get("grade")}
    # formats 1.6: the areas (kabupaten or kecamatan codes) of each Polres
    areas = {}
    j = root.find(SNS + "jurisdictions")
    for p in (j.findall(SNS + "polres") if j is not None else []):
        areas[p.get("id")] = {a.get("code") for a in p.findall(SNS + "area")}
    units = {}
    for u in root.find(SNS + "personnel").findall(SNS + "unit"):
        scope = None
        for k in ("kabupaten", "kecamatan", "desa"):
            if u.get(k):
                scope = (k, u.get(k))
        if u.get("polres"):
            if u.get("polres") not in areas:
                sys.exit("certs.py: %s: unit %s: no Polres %s in <jurisdictions>"
                         % (path, u.get("id"), u.get("polres")))
            scope = ("polres", areas[u.get("polres")])
        n = int(u.get("count")) if u.get("count") else len(u.findall(SNS + "member"))
        units[u.get("id")] = {"force": u.get("force"), "scope": scope, "n": n}
    return rules, per_tps, tps, units


def covers(unit, t):
    if unit["scope"] is None:
        return True
    kind, where = unit["scope"]
    if kind == "polres":
        return t["kabupaten"] in where or t["kecamatan"] in where
    return t[kind] == where


def verify(scn, roster, certfile):
    rules, per_tps, tps, units = load_scenario(scn)
    root = ET.parse(roster).getroot()
    posts = {}
    empty = 0
    for p in root.findall(RNS + "post"):
        ts = [t.get("id") for t in p.findall(RNS + "tps")]
        guards, min_polri = rules[tps[ts[0]]["grade"]]
        n = len(p.findall(RNS + "guard"))
        posts[p.get("id")] = {"tps": ts, "cap": {"polri": min_polri,
                                                 "jaga": guards - min_polri}}
        empty += guards - min(n, guards)
    linmas = {}
    for lm in root.findall(RNS + "linmas"):
        linmas[lm.get("tps")] = linmas.get(lm.get("tps"), 0) + 1
    for code in tps:
        empty += per_tps - min(linmas.get(code, 0), per_tps)

    bad = []
    certs = {}
    with open(certfile, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != ["bukti", "jenis", "id", "tempat", "jumlah"]:
        bad.append("line 1: header %r" % rows[0])
    used = {}
    unit_of = {}
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue  # a blank line, as siaga's reader skips it
        if len(row) != 5:
            bad.append("line %d: %d fields" % (line, len(row)))
            continue
        b, jenis, ident, tempat, jumlah = row[0], row[1], row[2], row[3], int(row[4])
        c = certs.setdefault(b, {"places": [], "units": set(), "np": 0, "nm": 0})
        if jenis == "unit":
            if ident not in units:
                bad.append("line %d: unit %s unknown" % (line, ident))
            elif units[ident]["n"] != jumlah:
                bad.append("line %d: unit %s has %d members" % (line, ident, units[ident]["n"]))
            elif ident in unit_of:
                bad.append("line %d: unit %s already in certificate %s" % (line, ident, unit_of[ident]))
            else:
                unit_of[ident] = b
                c["units"].add(ident)
                c["nm"] += jumlah
            continue
        if jenis == "post":
            if ident not in posts:
                bad.append("line %d: post %s not in the roster" % (line, ident))
                continue
            cap = posts[ident]["cap"][tempat]
            sites = posts[ident]["tps"]
        else:
            if ident not in tps or tempat != "linmas":
                bad.append("line %d: tps %s" % (line, ident))
                continue
            cap, sites = per_tps, [ident]
        key = (jenis, ident, tempat)
        used[key] = used.get(key, 0) + jumlah
        if used[key] > cap:
            bad.append("line %d: %s has %d %s places" % (line, ident, cap, tempat))
        c["np"] += jumlah
        c["places"].append((line, tempat, sites))
    for b, c in certs.items():
        for line, tempat, sites in c["places"]:
            forces = {"polri": ("polri",), "jaga": ("polri", "tni"),
                      "linmas": ("linmas",)}[tempat]
            for uid, u in units.items():
                if u["force"] in forces and all(covers(u, tps[t]) for t in sites) \
                        and uid not in c["units"]:
                    bad.append("line %d: unit %s could fill it, not in certificate %s"
                               % (line, uid, b))
        if c["np"] - c["nm"] < 1:
            bad.append("certificate %s: no deficit" % b)
    deficit = sum(c["np"] - c["nm"] for c in certs.values())
    if deficit != empty:
        bad.append("deficits add up to %d, the roster leaves %d empty" % (deficit, empty))
    print("certificates %d, deficit %d, empty %d" % (len(certs), deficit, empty))
    bad = sorted(set(bad))
    for m in bad[:20]:
        print("  " + m)
    if len(bad) > 20:
        print("  ... and %d more" % (len(bad) - 20))
    return 0 if not bad else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "cut":
        cut(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 5 and sys.argv[1] == "verify":
        sys.exit(verify(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        sys.exit(__doc__)
