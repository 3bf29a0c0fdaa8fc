#!/usr/bin/env python3
"""Generate scenarios/kaur-2024.xml, the Polres Kaur scenario for Pemilu 2024.

Regions (15 kecamatan, 195 desa, 434 TPS) come from the real Kemendagri/KPU list
in wilayah-tps-2024.tsv (kabupaten_code 1704).  Coordinates, voters, the choice
of rawan TPS and all personnel are synthetic but plausible; see README.md.

Deterministic: fixed seeds, our own integer draws from random.random() only,
sorted iteration everywhere.  Standard library only.

Usage (from the repo root):
    python3 scenarios/make_kaur.py --tsv data/wilayah-tps-2024.tsv \
        -o scenarios/kaur-2024.xml
"""

import argparse
import math
import os
import random
import re
import sys
from xml.sax.saxutils import quoteattr

SEED = 20240214
KAB_CODE = "1704"
EARTH_RADIUS_KM = 6371.0088

# Bounding box of Kabupaten Kaur (approximate).
LAT_MIN, LAT_MAX = -4.95, -4.30
LON_MIN, LON_MAX = 103.10, 103.70

# Coastline (approximate straight line from Manna to Krui): the sea lies to the
# southwest of it.  coast_lon(lat) is the longitude of the shore at that latitude;
# land is east (northeast) of it.
COAST_A = (-4.47, 102.88)
COAST_B = (-5.19, 103.93)

# Hand-placed kecamatan centres (lat, lon): the coastal kecamatan along the
# shore from northwest (Kinal) to southeast (Nasal), the others inland to the
# northeast, towards the Bukit Barisan range.
KEC_CENTRE = {
    "170401": (-4.470, 103.135),  # Kinal
    "170402": (-4.600, 103.165),  # Tanjung Kemuning
    "170403": (-4.670, 103.245),  # Kaur Utara
    "170404": (-4.720, 103.330),  # Kaur Tengah
    "170405": (-4.790, 103.400),  # Kaur Selatan (Bintuhan)
    "170406": (-4.850, 103.520),  # Maje
    "170407": (-4.890, 103.640),  # Nasal
    "170408": (-4.520, 103.250),  # Semidang Gumay
    "170409": (-4.600, 103.300),  # Kelam Tengah
    "170410": (-4.650, 103.385),  # Luas
    "170411": (-4.610, 103.520),  # Muara Sahung
    "170412": (-4.720, 103.470),  # Tetap
    "170413": (-4.760, 103.590),  # Lungkang Kule
    "170414": (-4.450, 103.350),  # Padang Guci Hilir
    "170415": (-4.360, 103.440),  # Padang Guci Hulu
}

# Bandar Bintuhan, the kelurahan of the Kaur capital, seat of the Polres.
BINTUHAN_DESA = "1704051013"
BINTUHAN = (-4.800, 103.378)

# Sangat rawan: 2 TPS in Tanjung Kemuning, 1 in Kaur Tengah (Polres Kaur plan,
# because of re-votes (PSU) in the previous election).
SANGAT_RAWAN = {"170402": 2, "170404": 1}
# TPS sulit / blankspot per kecamatan (access="sulit" signal="blankspot").
SULIT = {"170406": 13, "170407": 11, "170411": 5, "170412": 2}

RULES = [
    ("kurang_rawan", 2, 5, 1, "2.0"),
    ("rawan", 1, 1, 1, None),
    ("sangat_rawan", 2, 1, 1, None),
]
LINMAS_PER_TPS = 2

RANKS = ["Bripda", "Briptu", "Brigpol", "Bripka", "Aipda", "Aiptu",
         "Ipda", "Iptu", "AKP"]
RANK_ORDER = {r: i for i, r in enumerate(RANKS)}
# Birth-year range per rank (NRP = YYMM + 4-digit serial).
RANK_BIRTH = {
    "Bripda": (1999, 2004), "Briptu": (1995, 2001), "Brigpol": (1990, 1997),
    "Bripka": (1985, 1992), "Aipda": (1980, 1987), "Aiptu": (1974, 1982),
    "Ipda": (1972, 1990), "Iptu": (1976, 1990), "AKP": (1972, 1986),
}
# Weights of the bintara ranks for ordinary members.
BINTARA_WEIGHTS = [("Bripda", 20), ("Briptu", 20), ("Brigpol", 20),
                   ("Bripka", 18), ("Aipda", 12), ("Aiptu", 10)]

FIRST_M = [
    "Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Deni",
    "Doni", "Eko", "Edi", "Erwin", "Fajar", "Feri", "Firdaus", "Hadi",
    "Hendra", "Herman", "Heru", "Imam", "Indra", "Irfan", "Iwan", "Joko",
    "Junaidi", "Medi", "Rahmat", "Ridwan", "Rizki", "Rudi", "Samsul",
    "Slamet", "Sopian", "Syahril", "Taufik", "Wahyu", "Yudi", "Yusuf",
    "Zulkifli", "Darmadi",
]
LAST_M = [
    "Santoso", "Saputra", "Pratama", "Wijaya", "Hidayat", "Kurniawan",
    "Setiawan", "Gunawan", "Nugroho", "Alamsyah", "Efendi", "Firmansyah",
    "Hermawan", "Irawan", "Putra", "Ramadhan", "Sanjaya", "Susanto",
    "Syahputra", "Purnama", "Prasetyo", "Harahap", "Siregar", "Lubis",
]
FIRST_F = ["Dewi", "Fitri", "Rina", "Siti", "Sri", "Yuni", "Novi", "Lisa"]
LAST_F = ["Lestari", "Wulandari", "Rahayu", "Handayani", "Anggraini",
          "Puspitasari", "Susanti", "Marlina"]


# ---------------------------------------------------------------- helpers

def randint(rng, lo, hi):
    """Uniform integer in [lo, hi] from rng.random() only (stable across versions)."""
    return lo + min(hi - lo, int(rng.random() * (hi - lo + 1)))


def shuffled(rng, items):
    """Fisher-Yates shuffle of a copy, using randint above."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = randint(rng, 0, i)
        out[i], out[j] = out[j], out[i]
    return out


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = randint(rng, 0, total - 1)
    for v, w in pairs:
        if x < w:
            return v
        x -= w
    raise AssertionError


def dist_km(a, b):
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def offset(p, d_km, bearing):
    """Point d_km from p in direction bearing (radians from north), local flat approx."""
    dlat = d_km * math.cos(bearing) / 111.195
    dlon = d_km * math.sin(bearing) / (111.195 * math.cos(math.radians(p[0])))
    return (p[0] + dlat, p[1] + dlon)


def inland_km(p):
    """Signed distance (km, approx.) from the coastline; positive on land."""
    kx = 111.195 * math.cos(math.radians(-4.7))
    ky = 111.195
    ax, ay = COAST_A[1] * kx, COAST_A[0] * ky
    bx, by = COAST_B[1] * kx, COAST_B[0] * ky
    px, py = p[1] * kx, p[0] * ky
    dx, dy = bx - ax, by - ay
    # Cross product: positive when p is to the left of A->B (NE side).
    return ((dx * (py - ay) - dy * (px - ax)) / math.hypot(dx, dy))


def in_box(p, margin_deg=0.0):
    return (LAT_MIN + margin_deg <= p[0] <= LAT_MAX - margin_deg
            and LON_MIN + margin_deg <= p[1] <= LON_MAX - margin_deg)


ROMAN = re.compile(r"^[IVXLC]+$")


def title(name):
    """Indonesian title case: 'TANJUNG KEMUNING II' -> 'Tanjung Kemuning II',
    "PASAR JUM'AT" -> "Pasar Jum'at"."""
    words = []
    for w in name.split():
        parts = []
        for part in w.split("-"):
            if ROMAN.match(part):
                parts.append(part)
            else:
                parts.append(part[:1].upper() + part[1:].lower())
        words.append("-".join(parts))
    return " ".join(words)


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def r6(x):
    return round(x, 6)


# ---------------------------------------------------------------- data

def read_tsv(path):
    kab_name = None
    kec = {}    # code -> name
    desa = {}   # code -> dict
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {h: i for i, h in enumerate(header)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            if row[col["kabupaten_code"]] != KAB_CODE:
                continue
            kab_name = row[col["kabupaten"]]
            kc = row[col["kecamatan_code"]]
            kec[kc] = row[col["kecamatan"]]
            sf, sl = row[col["special_first"]], row[col["special_last"]]
            nos = list(range(1, int(row[col["tps_regular"]]) + 1))
            if sf:
                nos += list(range(int(sf), int(sl) + 1))
            desa[row[col["desa_code"]]] = {
                "code": row[col["desa_code"]], "kec": kc,
                "name": row[col["desa"]], "tps_nos": nos,
            }
    if not desa:
        sys.exit("make_kaur: no rows with kabupaten_code %s in %s" % (KAB_CODE, path))
    return kab_name, kec, desa


# ---------------------------------------------------------------- geography

def sample_in_kecamatan(rng, kc, radius, placed, min_sep, n_cand):
    """Best-candidate sampling: among n_cand random points of the kecamatan's
    disc that lie on land, in the box and in the kecamatan's Voronoi cell
    (of the hand-placed centres, so kecamatan do not overlap), the one
    farthest from the points already placed."""
    centre = KEC_CENTRE[kc]
    best, best_score = None, -1.0
    found = tries = 0
    while found < n_cand:
        tries += 1
        if tries > 50000:
            break
        r = radius * math.sqrt(rng.random())
        p = offset(centre, r, rng.random() * 2 * math.pi)
        if not land_ok(p, kc):
            continue
        found += 1
        score = min((dist_km(p, q) for q in placed), default=radius)
        if score > best_score:
            best, best_score = p, score
    if best is None or best_score < min_sep:
        return None
    return best


def land_ok(p, kc):
    if not in_box(p, 0.01) or inland_km(p) < 1.0:
        return False
    own = dist_km(p, KEC_CENTRE[kc])
    return all(dist_km(p, KEC_CENTRE[o]) >= own for o in sorted(KEC_CENTRE) if o != kc)


def place_desa(kec, desa):
    """Desa centres.  Rural desa in Kaur lie in small clusters along the roads
    and rivers: each kecamatan's desa are split into groups of 1 to 5, a hub
    desa with the others 1.45-1.75 km around it; the groups are spread over a
    disc of radius 3 + 0.8*sqrt(n) km around the kecamatan centre, several km
    apart (best-candidate sampling)."""
    pos = {}
    for kc in sorted(kec):
        codes = sorted(d for d in desa if desa[d]["kec"] == kc)
        radius = 3.0 + 0.8 * math.sqrt(len(codes))
        rng = random.Random(SEED * 100 + int(kc[-2:]))
        order = shuffled(rng, codes)
        if BINTUHAN_DESA in order:   # Bintuhan is the hub of the first group
            order.remove(BINTUHAN_DESA)
            order.insert(0, BINTUHAN_DESA)
        groups = []
        i = 0
        while i < len(order):
            g = weighted(rng, [(2, 2), (3, 4), (4, 4), (5, 2)])
            groups.append(order[i:i + g])
            i += g
        placed = []
        for gi, grp in enumerate(groups):
            if grp[0] == BINTUHAN_DESA:
                hub = BINTUHAN
            else:
                hub = None
                for sep in (4.5, 4.0, 3.5, 3.0, 2.5):
                    hub = sample_in_kecamatan(rng, kc, radius, placed, sep, 60)
                    if hub is not None:
                        break
                if hub is None:
                    raise SystemExit("make_kaur: cannot place desa %s" % grp[0])
            pos[grp[0]] = hub
            placed.append(hub)
            theta = rng.random() * 2 * math.pi
            rest = grp[1:]
            for j, dc in enumerate(rest):
                p = None
                for attempt in range(200):
                    d = 1.45 + 0.30 * rng.random()
                    b = theta + 2 * math.pi * j / len(rest) + 0.5 * (rng.random() - 0.5)
                    if attempt >= 20:
                        b = rng.random() * 2 * math.pi
                    q = offset(hub, d, b)
                    if land_ok(q, kc) and all(dist_km(q, o) >= 1.4 for o in placed):
                        p = q
                        break
                if p is None:   # no room around the hub: place it apart
                    p = sample_in_kecamatan(rng, kc, radius, placed, 1.5, 60)
                    if p is None:
                        raise SystemExit("make_kaur: cannot place desa %s" % dc)
                pos[dc] = p
                placed.append(p)
    return pos


def place_tps(desa, desa_pos):
    """TPS within 50-300 m of their desa centre, spread around it."""
    tps = []  # list of dicts, sorted by (desa code, no)
    for dc in sorted(desa):
        rng = random.Random(SEED * 10000 + int(dc[4:]))
        nos = desa[dc]["tps_nos"]
        base_bearing = rng.random() * 2 * math.pi
        for i, no in enumerate(nos):
            d = 0.05 + 0.25 * rng.random()
            bearing = base_bearing + 2 * math.pi * i / len(nos) + (rng.random() - 0.5)
            p = offset(desa_pos[dc], d, bearing)
            tps.append({
                "desa": dc, "kec": desa[dc]["kec"], "no": no,
                "lat": r6(p[0]), "lon": r6(p[1]),
                "grade": "kurang_rawan", "sulit": False,
                "voters": randint(rng, 150, 300),
            })
    return tps


# ---------------------------------------------------------------- grades etc.

def assign_grades(kec, desa, desa_pos, tps):
    by_kec = {}
    for t in tps:
        by_kec.setdefault(t["kec"], []).append(t)
    for kc in sorted(by_kec):
        lst = by_kec[kc]  # already sorted by (desa, no)
        rng = random.Random(SEED * 1000 + 7 + int(kc[-2:]))
        order = shuffled(rng, range(len(lst)))
        s = SANGAT_RAWAN.get(kc, 0)
        r = max(1, int(len(lst) / 10 + 0.5))
        for i in order[:s]:
            lst[i]["grade"] = "sangat_rawan"
        for i in order[s:s + r]:
            lst[i]["grade"] = "rawan"
        # TPS sulit/blankspot: TPS of the desa farthest from the kecamatan centre.
        n_sulit = SULIT.get(kc, 0)
        if n_sulit:
            centre = KEC_CENTRE[kc]
            far = sorted({t["desa"] for t in lst},
                         key=lambda d: (-dist_km(desa_pos[d], centre), d))
            chosen = 0
            for d in far:
                for t in lst:
                    if t["desa"] == d and chosen < n_sulit:
                        t["sulit"] = True
                        chosen += 1
                if chosen == n_sulit:
                    break
            assert chosen == n_sulit


def greedy_kr_posts(tps_k, radius_km=1.95, per_post=5):
    """Upper bound on the kurang_rawan posts a kecamatan needs: greedy cover,
    repeatedly taking the anchor TPS whose radius holds the most uncovered
    TPS and clustering its (up to) per_post nearest ones.  Slightly smaller
    radius than the rule's 2.0 km, so rounding never matters."""
    pts = [(t["lat"], t["lon"]) for t in tps_k if t["grade"] == "kurang_rawan"]
    left = list(range(len(pts)))
    posts = 0
    while left:
        best = None
        for a in left:
            near = sorted((dist_km(pts[a], pts[b]), b) for b in left
                          if dist_km(pts[a], pts[b]) <= radius_km)[:per_post]
            if best is None or len(near) > len(best):
                best = near
        taken = {b for _, b in best}
        left = [b for b in left if b not in taken]
        posts += 1
    return posts


def kec_needs(tps_k):
    """Guard needs of a kecamatan: by the rule of thumb (kurang_rawan TPS
    perfectly clustered by 5) and by the greedy clustering estimate."""
    s = sum(1 for t in tps_k if t["grade"] == "sangat_rawan")
    r = sum(1 for t in tps_k if t["grade"] == "rawan")
    k = sum(1 for t in tps_k if t["grade"] == "kurang_rawan")
    c = (k + 4) // 5
    cg = greedy_kr_posts(tps_k)
    return {"s": s, "r": r, "k": k,
            "posts_min": s + r + c, "places_min": 2 * s + r + 2 * c,
            "posts": s + r + cg, "places": 2 * s + r + 2 * cg,
            "tni_max": s + cg}


# ---------------------------------------------------------------- personnel

class People:
    def __init__(self):
        self.rng = random.Random(SEED * 3 + 1)
        combos = [(f, l) for f in FIRST_M for l in LAST_M]
        self.male = shuffled(self.rng, combos)
        self.female = shuffled(self.rng, [(f, l) for f in FIRST_F for l in LAST_F])
        self.ids = set()

    def name(self):
        if self.female and randint(self.rng, 0, 9) == 0:
            f, l = self.female.pop()
        else:
            f, l = self.male.pop()
        return "%s %s" % (f, l)

    def nrp(self, rank):
        lo, hi = RANK_BIRTH[rank]
        while True:
            yy = randint(self.rng, lo, hi) % 100
            mm = randint(self.rng, 1, 12)
            serial = randint(self.rng, 1, 9999)
            nid = "%02d%02d%04d" % (yy, mm, serial)
            if nid not in self.ids:
                self.ids.add(nid)
                return nid

    def members(self, n, head):
        """n members: the given head ranks first, then bintara by weight;
        listed by rank (senior first), then by id."""
        ranks = list(head)[:n]
        while len(ranks) < n:
            ranks.append(weighted(self.rng, BINTARA_WEIGHTS))
        out = [(self.nrp(rk), self.name(), rk) for rk in ranks]
        out.sort(key=lambda m: (-RANK_ORDER[m[2]], m[0]))
        return out


def build_personnel(kec, desa, desa_pos, tps):
    people = People()
    units = []
    units.append({
        "id": "POLRES-KAUR", "force": "polri", "name": "Polres Kaur",
        "scope": ("kabupaten", KAB_CODE), "base": BINTUHAN,
        "members": people.members(40, ["AKP", "AKP", "Iptu", "Iptu", "Iptu",
                                       "Ipda", "Ipda", "Ipda", "Ipda",
                                       "Aiptu", "Aiptu", "Aiptu"]),
    })
    sizing = {}
    by_kec = {}
    for t in tps:
        by_kec.setdefault(t["kec"], []).append(t)
    rng_lin = random.Random(SEED * 5 + 3)
    for kc in sorted(kec):
        need = kec_needs(by_kec[kc])
        n_polri = max(3, need["posts"])
        n_tni = max(2, int(0.6 * need["posts"] + 0.5))
        sizing[kc] = dict(need, polsek=n_polri, koramil=n_tni)
        short = title(kec[kc]).upper().replace(" ", "-")
        codes = sorted(d for d in desa if desa[d]["kec"] == kc)
        centre = KEC_CENTRE[kc]
        base_desa = min(codes, key=lambda d: (dist_km(desa_pos[d], centre), d))
        head = ["AKP" if n_polri >= 12 else "Iptu"]
        if n_polri >= 5:
            head.append("Ipda")
        if n_polri >= 9:
            head.append("Aiptu")
        units.append({
            "id": "POLSEK-" + short, "force": "polri",
            "name": "Polsek " + title(kec[kc]),
            "scope": ("kecamatan", kc), "base": desa_pos[base_desa],
            "members": people.members(n_polri, head),
        })
        units.append({
            "id": "KORAMIL-" + short, "force": "tni",
            "name": "Koramil " + title(kec[kc]),
            "scope": ("kecamatan", kc), "count": n_tni,
        })
    all_desa = sorted(desa)
    spare = set(shuffled(rng_lin, all_desa)[:int(len(all_desa) / 3 + 0.5)])
    for kc in sorted(kec):
        for dc in sorted(d for d in desa if desa[d]["kec"] == kc):
            n = LINMAS_PER_TPS * len(desa[dc]["tps_nos"]) + (1 if dc in spare else 0)
            units.append({
                "id": "LINMAS-" + dc, "force": "linmas",
                "name": "Satlinmas " + title(desa[dc]["name"]),
                "scope": ("desa", dc), "count": n,
            })
    return units, sizing


# ---------------------------------------------------------------- checks

def self_check(kec, desa, tps, units):
    assert len(kec) == 15, len(kec)
    assert len(desa) == 195, len(desa)
    assert len(tps) == 434, len(tps)
    for kc, n in sorted(SANGAT_RAWAN.items()):
        assert sum(1 for t in tps if t["kec"] == kc and t["grade"] == "sangat_rawan") == n
    assert sum(1 for t in tps if t["grade"] == "sangat_rawan") == 3
    for kc in sorted(kec):
        assert sum(1 for t in tps if t["kec"] == kc and t["sulit"]) == SULIT.get(kc, 0)
        lst = [t for t in tps if t["kec"] == kc]
        for i, t in enumerate(lst):
            others = lst[:i] + lst[i + 1:]
            m = (median([o["lat"] for o in others]), median([o["lon"] for o in others]))
            assert dist_km((t["lat"], t["lon"]), m) <= 50.0
    for t in tps:
        assert in_box((t["lat"], t["lon"])), t
        assert 150 <= t["voters"] <= 300
    ids = [u["id"] for u in units]
    assert len(ids) == len(set(ids))
    mids = [m[0] for u in units for m in u.get("members", [])]
    assert len(mids) == len(set(mids))
    assert all(len(m) == 8 and m.isdigit() for m in mids)


# ---------------------------------------------------------------- output

def fmt(x):
    return "%.6f" % x


def attrs(pairs):
    return " ".join("%s=%s" % (k, quoteattr(str(v))) for k, v in pairs)


def write_xml(path, kab_name, kec, desa, tps, units):
    L = []
    L.append('<?xml version="1.0" encoding="UTF-8"?>')
    L.append("<!--")
    L.append("  Kabupaten Kaur (Bengkulu), Pemilu 14 February 2024: scenario for the Polres Kaur plan.")
    L.append("  Generated by scenarios/make_kaur.py; do not edit by hand (see scenarios/README.md).")
    L.append("  Regions are real: 15 kecamatan, 195 desa and 434 TPS from the KPU list")
    L.append("  (shared/data/wilayah-tps-2024.tsv, kabupaten 1704), Kemendagri codes.")
    L.append("  COORDINATES ARE SYNTHETIC: plausible positions inside lat -4.95..-4.30,")
    L.append("  lon 103.10..103.70 (coast to the southwest, hills to the northeast), not")
    L.append("  the real TPS locations. Voters, rawan TPS, TPS sulit/blankspot choice and")
    L.append("  all personnel (names, NRP, counts) are synthetic too. Sangat rawan TPS")
    L.append("  (2 Tanjung Kemuning, 1 Kaur Tengah) and the TPS sulit/blankspot counts per")
    L.append("  kecamatan follow the Polres Kaur coordination meeting of 23 January 2024.")
    L.append("-->")
    L.append('<scenario xmlns="urn:siaga:scenario:1" %s>'
             % attrs([("name", "Polres Kaur - Pemilu 2024"), ("date", "2024-02-14")]))
    L.append("  <rules>")
    for name, guards, per_post, min_polri, radius in RULES:
        a = [("name", name), ("guards", guards), ("tps_per_post", per_post),
             ("min_polri", min_polri)]
        if radius is not None:
            a.append(("radius_km", radius))
        L.append("    <grade %s/>" % attrs(a))
    L.append("    <linmas %s/>" % attrs([("per_tps", LINMAS_PER_TPS)]))
    L.append("  </rules>")
    L.append("  <kabupaten %s>" % attrs([("code", KAB_CODE), ("name", title(kab_name))]))
    tps_by_desa = {}
    for t in tps:
        tps_by_desa.setdefault(t["desa"], []).append(t)
    for kc in sorted(kec):
        L.append("    <kecamatan %s>" % attrs([("code", kc), ("name", title(kec[kc]))]))
        for dc in sorted(d for d in desa if desa[d]["kec"] == kc):
            L.append("      <desa %s>" % attrs([("code", dc), ("name", title(desa[dc]["name"]))]))
            for t in sorted(tps_by_desa[dc], key=lambda t: t["no"]):
                a = [("no", t["no"]), ("lat", fmt(t["lat"])), ("lon", fmt(t["lon"])),
                     ("grade", t["grade"]), ("voters", t["voters"])]
                if t["sulit"]:
                    a += [("access", "sulit"), ("signal", "blankspot")]
                L.append("        <tps %s/>" % attrs(a))
            L.append("      </desa>")
        L.append("    </kecamatan>")
    L.append("  </kabupaten>")
    L.append("  <personnel>")
    for u in units:
        a = [("id", u["id"]), ("force", u["force"]), ("name", u["name"])]
        if "scope" in u:
            a.append(u["scope"])
        if "base" in u:
            a += [("lat", fmt(r6(u["base"][0]))), ("lon", fmt(r6(u["base"][1])))]
        if "count" in u:
            a.append(("count", u["count"]))
            L.append("    <unit %s/>" % attrs(a))
            continue
        L.append("    <unit %s>" % attrs(a))
        for mid, name, rank in u["members"]:
            L.append("      <member %s/>" % attrs([("id", mid), ("name", name), ("rank", rank)]))
        L.append("    </unit>")
    L.append("  </personnel>")
    L.append("</scenario>")
    data = ("\n".join(L) + "\n").encode("utf-8")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tsv", default=os.path.join(
                        os.path.dirname(os.path.abspath(__file__)), "..",
                        "data", "wilayah-tps-2024.tsv"),
                    help="wilayah-tps-2024.tsv (default: %(default)s)")
    ap.add_argument("-o", "--output", default="scenarios/kaur-2024.xml",
                    help="output XML (default: %(default)s)")
    ap.add_argument("--summary", action="store_true",
                    help="print the per-kecamatan sizing table to stderr")
    args = ap.parse_args(argv)

    kab_name, kec, desa = read_tsv(args.tsv)
    missing = sorted(set(kec) - set(KEC_CENTRE))
    if missing:
        sys.exit("make_kaur: no centre for kecamatan %s" % ", ".join(missing))
    desa_pos = place_desa(kec, desa)
    tps = place_tps(desa, desa_pos)
    assign_grades(kec, desa, desa_pos, tps)
    units, sizing = build_personnel(kec, desa, desa_pos, tps)
    self_check(kec, desa, tps, units)
    write_xml(args.output, kab_name, kec, desa, tps, units)

    if args.summary:
        w = sys.stderr.write
        w("posts/places: rule of thumb (kurang_rawan by 5) / greedy estimate;\n"
          "short: places (estimate) not filled by Polsek + usable Koramil\n")
        w("%-7s %-18s %4s %3s %3s %4s %7s %7s %6s %7s %5s\n" % (
            "kec", "name", "tps", "SR", "R", "KR", "posts", "places",
            "polsek", "koramil", "short"))
        tot = {}
        for kc in sorted(sizing):
            s = sizing[kc]
            short = max(0, s["places"] - s["polsek"] - min(s["koramil"], s["tni_max"]))
            w("%-7s %-18s %4d %3d %3d %4d %3d/%-3d %3d/%-3d %6d %7d %5d\n" % (
                kc, title(kec[kc]), s["s"] + s["r"] + s["k"], s["s"], s["r"], s["k"],
                s["posts_min"], s["posts"], s["places_min"], s["places"],
                s["polsek"], s["koramil"], short))
            for key in ("s", "r", "k", "posts_min", "posts", "places_min", "places",
                        "polsek", "koramil"):
                tot[key] = tot.get(key, 0) + s[key]
            tot["short"] = tot.get("short", 0) + short
        w("%-7s %-18s %4d %3d %3d %4d %3d/%-3d %3d/%-3d %6d %7d %5d\n" % (
            "total", "", tot["s"] + tot["r"] + tot["k"], tot["s"], tot["r"], tot["k"],
            tot["posts_min"], tot["posts"], tot["places_min"], tot["places"],
            tot["polsek"], tot["koramil"], tot["short"]))
        n_polres = len(units[0]["members"])
        w("Polres Kaur: %d members, %d left in reserve after the shortfall\n"
          % (n_polres, n_polres - tot["short"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
