#!/usr/bin/env python3
"""find_gap_case.py - small clustering instances where the set-partitioning
LP, rounded up, is below the fewest posts (so a proof needs branching).

The problem (formats.md 1.2, 1.4 item 3): n TPS of one grade and kecamatan;
a post is an anchor TPS plus up to c-1 other TPS, each within radius_km of
the anchor (great circle on a sphere of R = 6371.0088 km, inclusive with a
1 mm tolerance); every TPS in exactly one post; minimise the posts.

For an instance the script writes, in CPLEX LP format, and solves with CBC
(`cbc FILE -solve -solu SOL`, coinor-cbc, nothing shared with siaga):
  IP       the set-partitioning integer programme: one binary column per
           post (anchor a, any set of at most c-1 TPS within the radius of
           a), one row "= 1" per TPS: the fewest posts;
  LP       its relaxation (the same file without the Binaries section);
  LPcover  the covering LP with only the maximal columns (anchor plus
           min(c-1, degree) neighbours) and rows ">= 1", which is the master
           that solver/cluster_price.c describes.  It can be below LP: a
           covering may use one anchor in two columns (y_a = 2), which no
           clustering can (see `--cases`, star4c3).
A Python dynamic programme over subsets (exact for n <= 12) filters the
random draws first, so CBC runs only on draws where IP > ceil(n/c).

Usage:
  find_gap_case.py [--seed S] [--trials N] [--keep K]
      draws random instances (deterministic for a seed): n in 5..10, c in
      2..5, radius 1.0..2.0 km (one decimal), points uniform in a square of
      1.5..4 km, one connected component, no distance within 5 m of the
      radius (so float rounding in C cannot change the graph); prints the
      first K with ceil(LP) < IP, smallest n first, as C initialisers
      (lat, lon with 6 decimals) with their CBC values.
  find_gap_case.py --cases
      the hand-worked cases of tests/test_posts_bound.c, solved by CBC.

The cases kept in tests/test_posts_bound.c:
  test_gap_needs_branching  the first printed by `find_gap_case.py` with the
                            defaults (seed 11, trial 2627; about 10 s):
                            n 8, c 2, LP 4, IP 5;
  test_packing_gap          `find_gap_case.py --cmin 3 --packing --trials 100000
                            --keep 1`
                            (seed 11, trial 52588; about 5 minutes):
                            n 10, c 5, LP 2, IP 3.
With c >= 3 and n not a multiple of c, 100,000 draws (--cmin 3) found none.
"""
import argparse
import itertools
import math
import os
import subprocess
import sys
import tempfile

R_KM = 6371.0088
LAT0, LON0 = -4.5, 103.2      # tests/scenario_builder.h: SB_LAT0, SB_LON0
RADIUS_EPS_KM = 1e-6          # model/geo.h


def haversine(p, q):
    la1, lo1 = math.radians(p[0]), math.radians(p[1])
    la2, lo2 = math.radians(q[0]), math.radians(q[1])
    h = (math.sin((la2 - la1) / 2) ** 2 +
         math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * R_KM * math.asin(min(1.0, math.sqrt(h)))


def dlat(km):
    """Degrees of latitude for km along a meridian (sb_dlat)."""
    return km / R_KM * 180.0 / math.pi


def at(north_km, east_km=0.0):
    """The point north_km north and east_km east of (LAT0, LON0), as
    tests/test_posts_bound.c places it (sb_at there)."""
    return (LAT0 + dlat(north_km),
            LON0 + dlat(east_km) / math.cos(math.radians(LAT0)))


def neighbours(pts, radius):
    n = len(pts)
    return [[j for j in range(n) if j != i and
             haversine(pts[i], pts[j]) <= radius + RADIUS_EPS_KM]
            for i in range(n)]


def connected(adj):
    seen, stack = {0}, [0]
    while stack:
        for j in adj[stack.pop()]:
            if j not in seen:
                seen.add(j)
                stack.append(j)
    return len(seen) == len(adj)


def all_columns(adj, c):
    """(anchor, members) for every post: the partitioning columns."""
    cols = []
    for a, nb in enumerate(adj):
        for k in range(0, min(c - 1, len(nb)) + 1):
            for m in itertools.combinations(nb, k):
                cols.append((a, m))
    return cols


def max_columns(adj, c):
    """The maximal posts only: the covering columns."""
    cols = []
    for a, nb in enumerate(adj):
        for m in itertools.combinations(nb, min(c - 1, len(nb))):
            cols.append((a, m))
    return cols


def dp_min_posts(adj, c):
    """Fewest posts by a dynamic programme over the uncovered sets."""
    n = len(adj)
    valid = set()
    for a, m in all_columns(adj, c):
        mask = 1 << a
        for t in m:
            mask |= 1 << t
        valid.add(mask)
    full = (1 << n) - 1
    best = [0] * (1 << n)
    for S in range(1, full + 1):
        low = S & -S
        rest = S ^ low
        b = n + 1
        sub = rest
        while True:                     # submasks of rest, plus low
            m = sub | low
            if m in valid and best[S ^ m] + 1 < b:
                b = best[S ^ m] + 1
            if sub == 0:
                break
            sub = (sub - 1) & rest
        best[S] = b
    return best[full]


def write_lp(path, n, cols, sense, integer):
    with open(path, "w") as f:
        f.write("Minimize\n obj:")
        for j in range(len(cols)):
            f.write(" + x%d" % j)
            if j % 12 == 11:
                f.write("\n")
        f.write("\nSubject To\n")
        rows = [[] for _ in range(n)]
        for j, (a, m) in enumerate(cols):
            rows[a].append(j)
            for t in m:
                rows[t].append(j)
        for t in range(n):
            f.write(" t%d:" % t)
            for i, j in enumerate(rows[t]):
                f.write(" + x%d" % j)
                if i % 12 == 11:
                    f.write("\n")
            f.write(" %s 1\n" % sense)
        f.write("Bounds\n")
        for j in range(len(cols)):
            f.write(" 0 <= x%d <= 1\n" % j)
        if integer:
            f.write("Binaries\n")
            for j in range(len(cols)):
                f.write(" x%d\n" % j)
        f.write("End\n")


def cbc(path):
    sol = path + ".sol"
    subprocess.run(["cbc", path, "-solve", "-solu", sol],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(sol) as f:
        first = f.readline()
    os.unlink(sol)
    if not first.startswith("Optimal"):
        sys.exit("cbc: %s: %s" % (path, first.strip()))
    return float(first.split("objective value")[1])


def solve_all(pts, radius, c, tmp):
    """(LP, LPcover, IP) by CBC."""
    adj = neighbours(pts, radius)
    n = len(pts)
    part, cover = all_columns(adj, c), max_columns(adj, c)
    out = []
    for name, cols, sense, integer in (("lp", part, "=", False),
                                       ("lpcover", cover, ">=", False),
                                       ("ip", part, "=", True)):
        p = os.path.join(tmp, name + ".lp")
        write_lp(p, n, cols, sense, integer)
        out.append(cbc(p))
    return tuple(out)


def hand_cases():
    """The cases of tests/test_posts_bound.c, in its geometry."""
    cases = []
    cases.append(("line7: 7 TPS 1.5 km apart on a meridian, r 2, c 5",
                  [at(1.5 * i) for i in range(7)], 2.0, 5))
    cases.append(("line7exact: 7 TPS 2.0 km apart, r 2.0 (exactly), c 5",
                  [at(2.0 * i) for i in range(7)], 2.0, 5))
    cases.append(("line7over: 7 TPS 2.002 km apart, r 2.0, c 5",
                  [at(2.002 * i) for i in range(7)], 2.0, 5))
    rc7 = 1.5 / (2 * math.sin(math.pi / 7))
    hept = [at(rc7 * math.cos(2 * math.pi * i / 7), rc7 * math.sin(2 * math.pi * i / 7))
            for i in range(7)]
    cases.append(("cycle7: regular heptagon, side 1.5 km, r 2, c 2", hept, 2.0, 2))
    star = [at(0, 0), at(1.8, 0), at(0, 1.8), at(-1.8, 0), at(0, -1.8)]
    cases.append(("star4c3: K_{1,4}, leaves 1.8 km out, r 2, c 3", star, 2.0, 3))
    cases.append(("star4c4: K_{1,4}, leaves 1.8 km out, r 2, c 4", star, 2.0, 4))
    cases.append(("hub3tri: hub and three triangles, r 2, c 2", hub3tri(), 2.0, 2))
    cases.append(("stars: a chain of 26 with 7 stalked K_{1,5} stars, r 2, c 3",
                  stars_on_chain(), 2.0, 3))
    return cases


def hub3tri():
    """A hub and three triangles of side 1 km, each triangle's near vertex
    1.8 km from the hub, the triangles 120 degrees apart."""
    pts = [at(0, 0)]
    for k in range(3):
        th = 2 * math.pi * k / 3
        ux, uy = math.cos(th), math.sin(th)     # outward (north, east)
        vx, vy = -uy, ux                        # across
        near = 1.8
        far = near + math.sqrt(3) / 2
        pts.append(at(near * ux, near * uy))
        pts.append(at(far * ux + 0.5 * vx, far * uy + 0.5 * vy))
        pts.append(at(far * ux - 0.5 * vx, far * uy - 0.5 * vy))
    return pts


def stars_on_chain(nb=26, every=4):
    """tests/test_posts_bound.c, test_stars_on_a_chain: B_j at 1.9 j km
    east; at every 4th B a stalk S 1.9 km north (or south, alternately)
    and beyond it a centre C 1.9 km further, with four pendants 1.9 km
    from C at 72 and 144 degrees either side of the direction of S."""
    pts = [at(0, 1.9 * j) for j in range(nb)]
    for q, j in enumerate(range(0, nb, every)):
        side = 1 if q % 2 == 0 else -1
        pts.append(at(side * 1.9, 1.9 * j))
        pts.append(at(side * 3.8, 1.9 * j))
        for deg in (72, -72, 144, -144):
            th = math.radians(deg)
            # direction of S from C is (-side, 0); rotate it by deg
            pts.append(at(side * 3.8 - side * 1.9 * math.cos(th),
                          1.9 * j + 1.9 * math.sin(th)))
    return pts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--trials", type=int, default=20000)
    ap.add_argument("--keep", type=int, default=3)
    ap.add_argument("--cmin", type=int, default=2,
                    help="smallest c drawn (2..5)")
    ap.add_argument("--packing", action="store_true",
                    help="draw only n = k c (k >= 2, n <= 10): perfect packings")
    ap.add_argument("--span", type=float, default=4.0,
                    help="largest side of the square drawn, km (smallest 1.5)")
    ap.add_argument("--cases", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="gapcase.")
    if args.cases:
        for name, pts, radius, c in hand_cases():
            adj = neighbours(pts, radius)
            lp, lpc, ip = solve_all(pts, radius, c, tmp)
            dp = dp_min_posts(adj, c) if len(pts) <= 12 else "-"
            print("%s\n  n %d, ceil(n/c) %d, degrees %s, DP %s\n"
                  "  CBC: LP %.6f, LPcover %.6f, IP %.0f" %
                  (name, len(pts), -(-len(pts) // c), [len(a) for a in adj],
                   dp, lp, lpc, ip))
        return
    import random
    rng = random.Random(args.seed)
    found = []
    for trial in range(args.trials):
        if args.packing:
            c = rng.randint(args.cmin, 5)
            n = c * rng.randint(2, 10 // c)
        else:
            n = rng.randint(5, 10)
            c = rng.randint(args.cmin, 5)
        radius = round(rng.uniform(1.0, 2.0), 1)
        span = rng.uniform(1.5, args.span)
        pts = [at(rng.uniform(0, span), rng.uniform(0, span)) for _ in range(n)]
        pts = [(round(la, 6), round(lo, 6)) for la, lo in pts]
        if any(abs(haversine(p, q) - radius) < 0.005
               for p, q in itertools.combinations(pts, 2)):
            continue
        adj = neighbours(pts, radius)
        if not connected(adj):
            continue
        ip_dp = dp_min_posts(adj, c)
        if ip_dp == -(-n // c):
            continue
        lp, lpc, ip = solve_all(pts, radius, c, tmp)
        if round(ip) != ip_dp:
            sys.exit("trial %d: CBC IP %g, DP %d: disagree" % (trial, ip, ip_dp))
        if math.ceil(lp - 1e-6) < ip:
            found.append((n, trial, c, radius, pts, lp, lpc, ip, adj))
            if len(found) >= args.keep:
                break
    found.sort(key=lambda f: (f[0], f[1]))
    for n, trial, c, radius, pts, lp, lpc, ip, adj in found:
        print("/* seed %d, trial %d: n %d, c %d, radius %.1f km; ceil(n/c) %d;\n"
              " * CBC: LP %.6f (ceil %d), LPcover %.6f, IP %.0f; degrees %s */" %
              (args.seed, trial, n, c, radius, -(-n // c), lp, math.ceil(lp - 1e-6),
               lpc, ip, [len(a) for a in adj]))
        for i, (la, lo) in enumerate(pts):
            print("    {%.6f, %.6f},  /* %d: %s */" %
                  (la, lo, i, " ".join(str(j) for j in adj[i])))
    if not found:
        print("none in %d trials" % args.trials)


if __name__ == "__main__":
    main()
