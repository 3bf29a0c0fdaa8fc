#!/usr/bin/env python3
"""Stress scenarios for the posts search: hard map shapes on the real desa list.

The regions and TPS counts are the real ones of one kabupaten/kota
(data/wilayah-tps-2024.tsv); coordinates, grades and personnel are
synthetic, drawn from a seeded generator so that the same arguments give the
same bytes.  Every shape spreads a desa's TPS with a normal law (stragglers a
few hundred metres out, as on real maps) and lets desa overlap:

- dense:  a kabupaten with urban kecamatan (Bogor, Bekasi): each kecamatan's
          desa centres lie within ~6 km of its centre, each desa a blob of
          sigma 150-300 m; rural desa (12 TPS or fewer) spread as in bench.
- kota:   every kecamatan dense, desa centres within ~2.5 km.
- chain:  each kecamatan's desa on a row, neighbours radius x (0.85..1.15)
          apart (some joined, some not), blobs of sigma 120 m: long chains in
          which ceil(n/c) is often not reachable.
- line:   each kecamatan's TPS along a coast or river, 0.2-1.6 km apart, with
          a little noise across, folded every 15 km (3 km between courses):
          path graphs of hundreds of TPS.
- island: desa as islands of 1-25 TPS, 1.5-6 km apart, some just within the
          radius of each other.

Grades: about 85 % kurang rawan, 12 % rawan, 3 % sangat rawan.  Personnel:
a Polres per kabupaten, a Polsek and a Koramil per kecamatan sized from the
posts a kecamatan needs, a Satlinmas per desa of twice its TPS.

  python3 bench/make_stress.py --shape dense --kabupaten 3201 --seed 1 \\
          --tps-per-post 5 -o /tmp/bogor-dense-1.xml
  python3 bench/make_stress.py --shape dense --provinsi 32 -o /tmp/jabar.xml
"""
import argparse
import math
import random
import sys
from xml.sax.saxutils import quoteattr

sys.path.insert(0, __file__.rsplit("/", 1)[0] if "/" in __file__ else ".")
from make_scenario import (KM_PER_DEG, TSV, kabupaten_centre,  # noqa: E402
                           kecamatan_units, read_tsv, title, tps_numbers,
                           write_personnel, write_tps)

SHAPES = ("dense", "kota", "chain", "line", "island")


def move(lat, lon, dn_km, de_km):
    return (lat + dn_km / KM_PER_DEG,
            lon + de_km / (KM_PER_DEG * math.cos(math.radians(lat))))


def gauss_pt(rnd, lat, lon, sigma):
    return move(lat, lon, rnd.gauss(0, sigma), rnd.gauss(0, sigma))


def place_kecamatan(shape, rnd, clat, clon, desa, radius):
    """Yield (desa_row, [(lat, lon) per TPS]) for one kecamatan."""
    nd = len(desa)
    if shape == "line":
        # a coast or river: one line through the kecamatan, desa after desa
        # along it, folded every 15 km onto a parallel course 3 km over (a
        # kecamatan must stay within 50 km of its median, formats 1.5)
        pos = 0.0
        for r in desa:
            pts = []
            for _ in tps_numbers(r):
                pos += rnd.uniform(0.2, 1.6)
                row, along = divmod(pos, 15.0)
                if int(row) % 2:
                    along = 15.0 - along
                pts.append(move(clat, clon, 3.0 * (row % 12) + rnd.gauss(0, 0.05),
                                along - 7.5))
            yield r, pts
        return
    if shape == "chain":
        ang = rnd.uniform(0, math.pi)
        pos = 0.0
        for r in desa:
            pos += radius * rnd.uniform(0.85, 1.15)
            dlat, dlon = move(clat, clon, pos * math.cos(ang), pos * math.sin(ang))
            yield r, [gauss_pt(rnd, dlat, dlon, 0.12) for _ in tps_numbers(r)]
        return
    if shape == "island":
        lat, lon = clat, clon
        for r in desa:
            step = rnd.choice((rnd.uniform(1.5, 2.2), rnd.uniform(2.5, 6.0)))
            a = rnd.uniform(0, 2 * math.pi)
            lat, lon = move(lat, lon, step * math.cos(a), step * math.sin(a))
            yield r, [gauss_pt(rnd, lat, lon, rnd.uniform(0.05, 0.4))
                      for _ in tps_numbers(r)]
        return
    # dense, kota: urban desa as overlapping blobs
    urban_all = shape == "kota" or sum(len(tps_numbers(r)) for r in desa) > 12 * nd * 0.5
    spread = 2.5 if shape == "kota" else 6.0
    for di, r in enumerate(desa):
        nums = tps_numbers(r)
        if urban_all or len(nums) > 12:
            rho = spread * math.sqrt(rnd.random())
            a = rnd.uniform(0, 2 * math.pi)
            dlat, dlon = move(clat, clon, rho * math.cos(a), rho * math.sin(a))
            sigma = rnd.uniform(0.15, 0.3)
        else:
            rho = rnd.uniform(1.5, 4.0) * math.sqrt(di + 1) * 0.8
            a = rnd.uniform(0, 2 * math.pi)
            dlat, dlon = move(clat, clon, rho * math.cos(a), rho * math.sin(a))
            sigma = 0.2
        yield r, [gauss_pt(rnd, dlat, dlon, sigma) for _ in nums]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--kabupaten", help="kabupaten/kota code, e.g. 3201")
    g.add_argument("--provinsi", help="province code, e.g. 32")
    g.add_argument("--all", action="store_true", help="the whole nation")
    ap.add_argument("--kecamatan", help="only this kecamatan (with --kabupaten)")
    ap.add_argument("--shape", choices=SHAPES, default="dense")
    ap.add_argument("--tps-per-post", type=int, default=5)
    ap.add_argument("--radius", type=float, default=2.0)
    ap.add_argument("--tsv", default=TSV)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    if a.kabupaten:
        want = lambda r: r["kabupaten_code"] == a.kabupaten and (
            a.kecamatan is None or r["kecamatan_code"] == a.kecamatan)
        name = "Stress %s kabupaten %s" % (a.shape, a.kabupaten)
    elif a.provinsi:
        want = lambda r: r["provinsi_code"] == a.provinsi
        name = "Stress %s provinsi %s" % (a.shape, a.provinsi)
    else:
        want = lambda r: True
        name = "Stress %s nasional" % a.shape
    rows = read_tsv(a.tsv, want)
    if not rows:
        sys.exit("make_stress: no desa selected")
    rnd = random.Random("%s-%d-%d" % (a.shape, a.seed, a.tps_per_post))
    c = a.tps_per_post

    kabs = {}
    for r in rows:
        kab = kabs.setdefault(r["kabupaten_code"], {"name": r["kabupaten"], "kec": {}})
        kec = kab["kec"].setdefault(r["kecamatan_code"], {"name": r["kecamatan"], "desa": []})
        kec["desa"].append(r)

    out = open(a.output, "w", encoding="utf-8")
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w("<!-- Synthetic coordinates, grades and personnel on the real 2024 TPS "
      "hierarchy; made by bench/make_stress.py: shape %s, seed %d, "
      "tps_per_post %d -->\n" % (a.shape, a.seed, c))
    w('<scenario xmlns="urn:siaga:scenario:1" name=%s date="2024-02-14">\n'
      % quoteattr(name))
    w('  <rules>\n    <grade name="kurang_rawan" guards="2" tps_per_post="%d" '
      'min_polri="1" radius_km="%g"/>\n  </rules>\n' % (c, a.radius))
    units = []
    for kcode, kab in sorted(kabs.items()):
        klat, klon = kabupaten_centre(kcode)
        w('  <kabupaten code="%s" name=%s>\n' % (kcode, quoteattr(title(kab["name"]))))
        kecs = sorted(kab["kec"].items())
        for j, (ccode, kec) in enumerate(kecs):
            ring = 12.0 * math.sqrt(j + 1)
            ang = 2.4 * j
            clat, clon = move(klat, klon, ring * math.cos(ang), ring * math.sin(ang))
            w('    <kecamatan code="%s" name=%s>\n' % (ccode, quoteattr(title(kec["name"]))))
            need_polri = need_tni = 0
            for r, pts in place_kecamatan(a.shape, rnd, clat, clon, kec["desa"], a.radius):
                w('      <desa code="%s" name=%s>\n' % (r["desa_code"], quoteattr(title(r["desa"]))))
                need = [0, 0, 0]
                for no, (tlat, tlon) in zip(tps_numbers(r), pts):
                    write_tps(w, rnd, no, tlat, tlon, need)
                kr_posts = math.ceil(need[2] / c * 1.5) if need[2] else 0
                need_polri += need[0] + kr_posts
                need_tni += need[1] + kr_posts
                w("      </desa>\n")
                units.append(('LINMAS-%s' % r["desa_code"], "linmas", 'desa="%s"' % r["desa_code"],
                              "Satlinmas " + title(r["desa"]), 2 * len(pts)))
            w("    </kecamatan>\n")
            kecamatan_units(units, ccode, kec["name"], need_polri, need_tni)
        w("  </kabupaten>\n")
        units.append(("POLRES-%s" % kcode, "polri", 'kabupaten="%s"' % kcode,
                      "Polres " + title(kab["name"]), 20 + 2 * len(kecs)))
    write_personnel(w, units)
    out.close()


if __name__ == "__main__":
    main()
