#!/usr/bin/env python3
"""Benchmark scenarios from the real hierarchy of Indonesia's 2024 TPS.

Reads data/wilayah-tps-2024.tsv (every desa with its TPS count,
regular 1..N and special 901..) and writes a siaga scenario (formats.md 1)
for one kabupaten/kota, one province, or the whole nation.  The regions and
TPS counts are real; coordinates, grades and personnel are synthetic:

- coordinates: each kabupaten gets a centre, kecamatan lie around it, desa
  around their kecamatan and TPS around their desa.  Kota (and any desa with
  more than 12 TPS) are urban: desa 0.4-1.2 km apart, TPS within ~250 m;
  rural desa are 1.5-4 km apart with TPS within ~400 m.
- grades: about 85 % kurang rawan, 12 % rawan, 3 % sangat rawan.
- personnel by count: a Polres per kabupaten, a Polsek and a Koramil per
  kecamatan sized from the posts a kecamatan needs, a Satlinmas per desa of
  twice its TPS: enough for a full plan with some reserve.

Deterministic: the same arguments give the same bytes.

  python3 bench/make_scenario.py --kabupaten 3603 -o /tmp/kab-tangerang.xml
  python3 bench/make_scenario.py --provinsi 32 -o /tmp/jawa-barat.xml
  python3 bench/make_scenario.py --all -o /tmp/nasional.xml
"""
import argparse
import math
import os
import random
import sys
from xml.sax.saxutils import quoteattr

# the list the project carries, found from this file so any working folder does
TSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                   "wilayah-tps-2024.tsv")
KM_PER_DEG = 6371.0088 * math.pi / 180


def read_tsv(path, want):
    """Desa rows that pass want(row), in file order (code order)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            if want(r):
                rows.append(r)
    return rows


def tps_numbers(r):
    nums = list(range(1, int(r["tps_regular"] or 0) + 1))
    if r.get("special_first"):
        nums += range(int(r["special_first"]), int(r["special_last"]) + 1)
    return nums


def title(s):
    return " ".join(w.capitalize() for w in s.split())


def offset(lat, lon, rnd, dist_km):
    """A point at a random bearing dist_km from (lat, lon)."""
    a = rnd.uniform(0, 2 * math.pi)
    dlat = dist_km * math.cos(a) / KM_PER_DEG
    dlon = dist_km * math.sin(a) / (KM_PER_DEG * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def kabupaten_centre(kcode):
    """A kabupaten's centre on a coarse grid over the archipelago's latitudes."""
    return (-8.5 + (int(kcode) % 97) * 0.14, 95.5 + (int(kcode) % 389) * 0.115)


def write_tps(w, rnd, no, lat, lon, need):
    """Draw a grade (about 85 % kurang rawan, 12 % rawan, 3 % sangat rawan),
    write the TPS and count what it needs into need = [polri, tni, kr]."""
    x = rnd.random()
    grade = "sangat_rawan" if x < 0.03 else "rawan" if x < 0.15 else "kurang_rawan"
    if grade == "sangat_rawan":
        need[0] += 1
        need[1] += 1
    elif grade == "rawan":
        need[0] += 1
    else:
        need[2] += 1
    w('        <tps no="%d" lat="%.6f" lon="%.6f" grade="%s"/>\n' % (no, lat, lon, grade))


def kecamatan_units(units, ccode, name, need_polri, need_tni):
    """The Polsek and the Koramil of a kecamatan, sized from its needs."""
    short = title(name)
    units.append(("POLSEK-%s" % ccode, "polri", 'kecamatan="%s"' % ccode,
                  "Polsek " + short, max(3, math.ceil(need_polri * 1.05))))
    units.append(("KORAMIL-%s" % ccode, "tni", 'kecamatan="%s"' % ccode,
                  "Koramil " + short, max(2, math.ceil(need_tni))))


def write_personnel(w, units):
    w("  <personnel>\n")
    for uid, force, scope, uname, count in units:
        w('    <unit id="%s" force="%s" name=%s %s count="%d"/>\n'
          % (uid, force, quoteattr(uname), scope, count))
    w("  </personnel>\n</scenario>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--kabupaten", help="kabupaten/kota code, e.g. 3603")
    g.add_argument("--provinsi", help="province code, e.g. 32")
    g.add_argument("--all", action="store_true", help="the whole nation")
    ap.add_argument("--tsv", default=TSV)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    if a.kabupaten:
        want = lambda r: r["kabupaten_code"] == a.kabupaten
        name = "Benchmark kabupaten " + a.kabupaten
    elif a.provinsi:
        want = lambda r: r["provinsi_code"] == a.provinsi
        name = "Benchmark provinsi " + a.provinsi
    else:
        want = lambda r: True
        name = "Benchmark nasional"
    rows = read_tsv(a.tsv, want)
    if not rows:
        sys.exit("make_scenario: no desa selected")
    rnd = random.Random(a.seed)

    # group: kabupaten -> kecamatan -> desa (file order is code order)
    kabs = {}
    for r in rows:
        kab = kabs.setdefault(r["kabupaten_code"], {"name": r["kabupaten"], "kec": {}})
        kec = kab["kec"].setdefault(r["kecamatan_code"], {"name": r["kecamatan"], "desa": []})
        kec["desa"].append(r)

    out = open(a.output, "w", encoding="utf-8")
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w("<!-- Synthetic coordinates, grades and personnel on the real 2024 TPS "
      "hierarchy; made by bench/make_scenario.py -->\n")
    w('<scenario xmlns="urn:siaga:scenario:1" name=%s date="2024-02-14">\n'
      % quoteattr(name))
    units = []
    # kabupaten centres on a coarse grid over the archipelago's latitudes
    for ki, (kcode, kab) in enumerate(sorted(kabs.items())):
        urban_kab = kab["name"].startswith("KOTA ")
        klat, klon = kabupaten_centre(kcode)
        w('  <kabupaten code="%s" name=%s>\n' % (kcode, quoteattr(title(kab["name"]))))
        kecs = sorted(kab["kec"].items())
        nk = len(kecs)
        for j, (ccode, kec) in enumerate(kecs):
            # kecamatan on a ring around the kabupaten centre
            spread = 3.0 if urban_kab else 9.0
            ring = spread * math.sqrt(j + 1)
            ang = 2.4 * j
            clat = klat + ring * math.cos(ang) / KM_PER_DEG
            clon = klon + ring * math.sin(ang) / (KM_PER_DEG * math.cos(math.radians(klat)))
            w('    <kecamatan code="%s" name=%s>\n' % (ccode, quoteattr(title(kec["name"]))))
            need_polri = need_tni = 0
            for di, r in enumerate(kec["desa"]):
                nums = tps_numbers(r)
                urban = urban_kab or len(nums) > 12
                dd = rnd.uniform(0.4, 1.2) if urban else rnd.uniform(1.5, 4.0)
                dlat, dlon = offset(clat, clon, rnd, dd * math.sqrt(di + 1) * 0.8)
                w('      <desa code="%s" name=%s>\n' % (r["desa_code"], quoteattr(title(r["desa"]))))
                need = [0, 0, 0]
                for no in nums:
                    rad = 0.25 if urban else 0.4
                    tlat, tlon = offset(dlat, dlon, rnd, rad * math.sqrt(rnd.random()))
                    write_tps(w, rnd, no, tlat, tlon, need)
                kr_posts = math.ceil(need[2] / 5 * 1.3) if need[2] else 0
                need_polri += need[0] + kr_posts
                need_tni += need[1] + kr_posts
                w("      </desa>\n")
                units.append(('LINMAS-%s' % r["desa_code"], "linmas", 'desa="%s"' % r["desa_code"],
                              "Satlinmas " + title(r["desa"]), 2 * len(nums)))
            w("    </kecamatan>\n")
            kecamatan_units(units, ccode, kec["name"], need_polri, need_tni)
        w("  </kabupaten>\n")
        units.append(("POLRES-%s" % kcode, "polri", 'kabupaten="%s"' % kcode,
                      "Polres " + title(kab["name"]), 20 + 2 * nk))
    write_personnel(w, units)
    out.close()


if __name__ == "__main__":
    main()
