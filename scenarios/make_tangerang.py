#!/usr/bin/env python3
"""Generate the synthetic inputs of scenarios/kota-tangerang-2024.xml.

The TPS of Kota Tangerang are real (data/tps-kota-tangerang-2024.csv,
imported by `siaga import`); their risk grades and the personnel are not
published, so this script makes plausible ones:

  grades.csv     kode_tps,kerawanan for every TPS of the base scenario:
                 3% sangat rawan, 12% rawan, the rest kurang rawan
  personnel.csv  Polres Metro Tangerang Kota (kabupaten scope, named members),
                 a Polsek (named) and a Koramil (count) per kecamatan, and a
                 Satlinmas (count) per kelurahan, sized from the TPS counts
                 so the plan is full with a reserve (see scenarios/README.md)

It reads the base scenario that `siaga import` writes without grades and
personnel (so it sizes units on the TPS that survived the import's checks).

Deterministic: fixed seed, draws from random.Random only, sorted iteration.
Standard library only.

Usage (from the repo root; scenarios/README.md has the whole sequence):
    python3 scenarios/make_tangerang.py --base /tmp/tng-base.xml \
        --out scenarios/kota-tangerang-2024 [--summary]
"""

import argparse
import csv
import math
import os
import random
import sys
import xml.etree.ElementTree as ET

SEED = 20241127
NS = {"s": "urn:siaga:scenario:1"}
EARTH_RADIUS_KM = 6371.0088
SHARE_SR, SHARE_R = 0.03, 0.12
CLUSTER_KM = 1.95          # a little under radius_km = 2.0
TPS_PER_POST = 5
KORAMIL_SHARE = 0.6        # of the second places of KR and SR posts
POLSEK_SHARE = 0.9         # of the places left to Polri in the kecamatan
POLRES_RESERVE = 0.10      # of all guard places, kept by the Polres
POLRES_BASE = (-6.176600, 106.634100)   # Mapolres, Jl. Daan Mogot

FIRST = ["Agus", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko",
         "Kurniawan", "Lukman", "Muhamad", "Nanda", "Oki", "Putra", "Rizki",
         "Slamet", "Teguh", "Wahyu", "Yusuf", "Zulkifli", "Andi", "Bayu",
         "Cahya", "Dimas", "Gilang", "Hadi", "Ilham", "Rian", "Sandi", "Taufik",
         "Dewi", "Siti", "Rina", "Yuli", "Ayu", "Fitri"]
LAST = ["Santoso", "Saputra", "Pratama", "Hidayat", "Nugroho", "Setiawan",
        "Wibowo", "Gunawan", "Siregar", "Nasution", "Hakim", "Kusuma",
        "Permana", "Firmansyah", "Ramadhan", "Sulaiman", "Maulana", "Lubis",
        "Simanjuntak", "Rahman", "Hasibuan", "Purnomo", "Syahputra", "Utama"]
# rank, birth years (to make NRP-like ids), weight
RANKS = [("Bripda", (2000, 2004), 18), ("Briptu", (1996, 2000), 20),
         ("Brigpol", (1992, 1996), 22), ("Bripka", (1986, 1992), 20),
         ("Aipda", (1980, 1986), 10), ("Aiptu", (1974, 1980), 7),
         ("Ipda", (1975, 1990), 2), ("Iptu", (1978, 1992), 1)]


def dist_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2 +
         math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def read_base(path):
    root = ET.parse(path).getroot()
    kab = root.find("s:kabupaten", NS)
    kecs = []
    for kec in kab.findall("s:kecamatan", NS):
        desas = []
        for desa in kec.findall("s:desa", NS):
            tps = [(desa.get("code") + "%03d" % int(t.get("no")),
                    float(t.get("lat")), float(t.get("lon")))
                   for t in desa.findall("s:tps", NS)]
            desas.append((desa.get("code"), desa.get("name"), tps))
        kecs.append((kec.get("code"), kec.get("name"), desas))
    return kab.get("code"), kab.get("name"), kecs


def greedy_posts(points):
    """Posts a greedy clustering needs: anchors covering the most TPS within
    CLUSTER_KM, at most TPS_PER_POST each.  An upper bound on the optimum."""
    n = len(points)
    near = [[j for j in range(n) if dist_km(points[i], points[j]) <= CLUSTER_KM]
            for i in range(n)]
    left = set(range(n))
    posts = 0
    while left:
        best, best_cover = None, -1
        for i in sorted(left):
            cover = min(TPS_PER_POST, sum(1 for j in near[i] if j in left))
            if cover > best_cover:
                best, best_cover = i, cover
        take = sorted((j for j in near[best] if j in left),
                      key=lambda j: (dist_km(points[best], points[j]), j))
        for j in take[:TPS_PER_POST]:
            left.discard(j)
        posts += 1
    return posts


def make_grades(kecs, rng):
    codes = sorted(t[0] for _, _, desas in kecs for _, _, tps in desas
                   for t in tps)
    n = len(codes)
    n_sr, n_r = round(n * SHARE_SR), round(n * SHARE_R)
    picked = rng.sample(codes, n_sr + n_r)
    grade = {c: "kurang rawan" for c in codes}
    for c in picked[:n_sr]:
        grade[c] = "sangat rawan"
    for c in picked[n_sr:]:
        grade[c] = "rawan"
    return grade


class Names:
    def __init__(self, rng):
        self.rng = rng
        self.serial = 0
        self.seen = set()

    def member(self):
        rng = self.rng
        total = sum(w for _, _, w in RANKS)
        x = rng.random() * total
        for rank, (y0, y1), w in RANKS:
            x -= w
            if x < 0:
                break
        year = y0 + int(rng.random() * (y1 - y0 + 1))
        month = 1 + int(rng.random() * 12)
        self.serial += 1
        nrp = "%02d%02d%04d" % (year % 100, month, self.serial)
        name = "%s %s" % (FIRST[int(rng.random() * len(FIRST))],
                          LAST[int(rng.random() * len(LAST))])
        return nrp, name, rank


def slug(name):
    return "-".join(name.upper().replace("'", "").split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="scenario from siaga import "
                    "without --grades and --personnel")
    ap.add_argument("--out", default="scenarios/kota-tangerang-2024",
                    help="folder for grades.csv and personnel.csv")
    ap.add_argument("--summary", action="store_true",
                    help="print the sizing table to stderr")
    args = ap.parse_args()

    kab_code, kab_name, kecs = read_base(args.base)
    rng = random.Random(SEED)
    grade = make_grades(kecs, rng)
    names = Names(random.Random(SEED + 1))

    rows = []   # personnel rows
    table = []
    polres_share = 0
    total_places = 0
    polsek_rows = []
    for kec_code, kec_name, desas in kecs:
        tps = [t for _, _, ts in desas for t in ts]
        s = sum(1 for t in tps if grade[t[0]] == "sangat rawan")
        r = sum(1 for t in tps if grade[t[0]] == "rawan")
        kr_points = [(t[1], t[2]) for t in tps if grade[t[0]] == "kurang rawan"]
        k = len(kr_points)
        p = greedy_posts(kr_points)
        places = 2 * s + r + 2 * p
        koramil = math.ceil(KORAMIL_SHARE * (s + p))
        polsek = math.ceil(POLSEK_SHARE * (places - koramil))
        polres_share += places - koramil - polsek
        total_places += places
        lat = sorted(t[1] for t in tps)[len(tps) // 2]
        lon = sorted(t[2] for t in tps)[len(tps) // 2]
        table.append((kec_name, len(tps), s, r, k, math.ceil(k / TPS_PER_POST),
                      p, places, polsek, koramil))
        uid = "POLSEK-" + slug(kec_name)
        for _ in range(polsek):
            nrp, name, rank = names.member()
            polsek_rows.append([uid, "polri", "Polsek " + kec_name, "kecamatan",
                                kec_code, "%.6f" % lat, "%.6f" % lon, nrp, name,
                                rank, ""])
        polsek_rows.append(["KORAMIL-" + slug(kec_name), "tni",
                            "Koramil " + kec_name, "kecamatan", kec_code, "",
                            "", "", "", "", str(koramil)])
    polres = polres_share + math.ceil(POLRES_RESERVE * total_places)
    for _ in range(polres):
        nrp, name, rank = names.member()
        rows.append(["POLRES-METRO-TANGERANG-KOTA", "polri",
                     "Polres Metro Tangerang Kota", "kabupaten", kab_code,
                     "%.6f" % POLRES_BASE[0], "%.6f" % POLRES_BASE[1], nrp, name,
                     rank, ""])
    rows += polsek_rows
    spare_rng = random.Random(SEED + 2)
    linmas = 0
    for kec_code, kec_name, desas in kecs:
        for desa_code, desa_name, tps in desas:
            n = 2 * len(tps) + (1 if spare_rng.random() < 1 / 3 else 0)
            linmas += n
            rows.append(["LINMAS-" + desa_code, "linmas",
                         "Satlinmas " + desa_name, "desa", desa_code, "", "",
                         "", "", "", str(n)])

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "grades.csv"), "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["kode_tps", "kerawanan"])
        for code in sorted(grade):
            w.writerow([code, grade[code]])
    with open(os.path.join(args.out, "personnel.csv"), "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["unit", "force", "unit_name", "scope", "region", "lat",
                    "lon", "member_id", "name", "rank", "count"])
        w.writerows(rows)

    if args.summary:
        print("| Kecamatan | TPS | SR | R | KR | Posts (ceil(KR/5) / greedy) "
              "| Guard places | Polsek | Koramil |", file=sys.stderr)
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|", file=sys.stderr)
        tot = [0] * 9
        for row in table:
            print("| %s | %d | %d | %d | %d | %d / %d | %d | %d | %d |" % row,
                  file=sys.stderr)
            tot = [a + b for a, b in zip(tot, row[1:])]
        print("| **Total** | %d | %d | %d | %d | %d / %d | %d | %d | %d |"
              % tuple(tot), file=sys.stderr)
        print("Polres %d (of which %d reserve); Polri %d, TNI %d, Linmas %d"
              % (polres, math.ceil(POLRES_RESERVE * total_places),
                 polres + tot[7], tot[8], linmas), file=sys.stderr)


if __name__ == "__main__":
    main()
