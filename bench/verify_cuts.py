#!/usr/bin/env python3
"""verify_cuts.py - an independent check of siaga's capacity cuts (issue 11).

    verify_cuts.py [--cbc-seconds S] [--lp OUT.lp] DUMP.txt...
    verify_cuts.py --self-test

Each DUMP is one component written by bench/cuts_dump.c: its TPS (code,
latitude, longitude), radius, cap, the capacity cuts that entered the
set-partitioning master ("cut RHS t1 t2 ...": at least RHS posts hold a TPS
of {t1, t2, ...}) and the post count the proof claims ("bound B").  Nothing
of siaga's code is used here:

1. the radius graph is rebuilt from the coordinates by great circle, the
   same formula and the same 1 mm tolerance as model/geo.c;
2. each cut's right-hand side is recomputed: k = max over every anchor a of
   min(cap, |S within the radius of a, a included|), and a cut is valid when
   RHS <= ceil(|S| / k) (a post holds at most k TPS of S, so at least
   ceil(|S|/k) posts are needed); one with a larger RHS is INVALID;
3. the compact anchor MIP (y_a: a anchors a post; x_ia: TPS i is in a's post,
   i within the radius of a; every TPS in one post, a post holds its anchor
   and at most cap TPS), the cuts written exactly (z_qa = 1 only when a's
   post holds a TPS of S_q) and "posts <= B - 1" go to CBC, which must answer
   infeasible: then B posts are proven needed by a solver that shares no code
   with siaga.  Without --cbc-seconds only steps 1 and 2 run.

Prints one line per dump: "cuts K valid K posts P claim B cbc infeasible|
feasible|limit|skipped" and exits 0 when every cut is valid and no CBC run
found the claim false (1), 3 when a CBC run hit its time limit (undecided).
"""
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

EARTH_RADIUS_KM = 6371.0088   # model/geo.h
RADIUS_EPS_KM = 1e-6          # model/geo.h: geo_within


def distance_km(lat1, lon1, lat2, lon2):
    """model/geo.c geo_distance_km, operation for operation."""
    r = math.pi / 180.0
    dlat = (lat2 - lat1) * r
    dlon = (lon2 - lon1) * r
    a = (math.sin(dlat / 2) * math.sin(dlat / 2) +
         math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin(dlon / 2) * math.sin(dlon / 2))
    a = min(a, 1.0)
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class Dump:
    def __init__(self, path):
        self.path = path
        self.pts, self.codes, self.cuts = [], [], []
        self.cap = self.radius = self.bound = self.posts = None
        n = None
        with open(path) as f:
            for no, line in enumerate(f, 1):
                w = line.split()
                if not w or w[0].startswith('#') or w[0] == 'component':
                    continue
                try:
                    if w[0] == 'n':
                        n = int(w[1])
                    elif w[0] == 'cap':
                        self.cap = int(w[1])
                    elif w[0] == 'radius_km':
                        self.radius = float(w[1])
                    elif w[0] == 'posts':
                        self.posts = int(w[1])
                    elif w[0] == 'bound':
                        self.bound = int(w[1])
                    elif w[0] == 'tps':
                        if int(w[1]) != len(self.pts):
                            raise ValueError('tps out of order')
                        self.codes.append(w[2])
                        self.pts.append((float(w[3]), float(w[4])))
                    elif w[0] == 'cut':
                        rhs = float(w[1])
                        S = sorted(set(int(x) for x in w[2:]))
                        if len(S) != len(w) - 2 or not S or S[0] < 0:
                            raise ValueError('bad cut set')
                        self.cuts.append((S, rhs))
                except (ValueError, IndexError) as e:
                    sys.exit('verify_cuts: %s:%d: %s' % (path, no, e))
        if None in (n, self.cap, self.radius, self.bound, self.posts) or n != len(self.pts):
            sys.exit('verify_cuts: %s: incomplete dump' % path)
        if any(S[-1] >= n for S, _ in self.cuts):
            sys.exit('verify_cuts: %s: a cut names a TPS past n' % path)
        self.n = n
        # N[a]: a and the TPS within the radius of a
        self.reach = [[j for j in range(n)
                       if j == a or distance_km(*self.pts[a], *self.pts[j])
                       <= self.radius + RADIUS_EPS_KM] for a in range(n)]

    def cut_limit(self, S):
        """ceil(|S| / k): the strongest valid right-hand side on S."""
        s = set(S)
        k = max(min(self.cap, len(s.intersection(self.reach[a]))) for a in range(self.n))
        return -(-len(S) // k)

    def lp(self, posts_max):
        """The compact anchor MIP with the cuts and posts <= posts_max (CPLEX LP)."""
        n, R = self.n, self.reach
        x = lambda i, a: 'x%d_%d' % (i, a)
        L = ['\\ %s' % os.path.basename(self.path), 'Minimize',
             ' obj: ' + ' + '.join('y%d' % a for a in range(n)), 'Subject To']
        for i in range(n):          # each TPS in exactly one post
            L.append(' p%d: ' % i + ' + '.join(x(i, a) for a in range(n) if i in R[a]) + ' = 1')
        for a in range(n):
            L.append(' k%d: ' % a + ' + '.join(x(i, a) for i in R[a]) + ' - %d y%d <= 0' % (self.cap, a))
            L.append(' e%d: %s - y%d = 0' % (a, x(a, a), a))
            for i in R[a]:
                if i != a:
                    L.append(' l%d_%d: %s - y%d <= 0' % (i, a, x(i, a), a))
        binaries = ['y%d' % a for a in range(n)] + [x(i, a) for a in range(n) for i in R[a]]
        for q, (S, rhs) in enumerate(self.cuts):
            s = set(S)
            hold = [(a, sorted(s.intersection(R[a]))) for a in range(n)]
            hold = [(a, h) for a, h in hold if h]
            L.append(' c%d: ' % q + ' + '.join('z%d_%d' % (q, a) for a, _ in hold)
                     + ' >= %d' % math.ceil(rhs - 1e-9))
            for a, h in hold:       # z_qa <= (a's post holds a TPS of S)
                L.append(' cz%d_%d: z%d_%d - ' % (q, a, q, a) + ' - '.join(x(i, a) for i in h) + ' <= 0')
                binaries.append('z%d_%d' % (q, a))
        L.append(' T: ' + ' + '.join('y%d' % a for a in range(n)) + ' <= %d' % posts_max)
        L.append('Binaries')
        L += [' ' + b for b in binaries]
        L.append('End')
        return '\n'.join(L) + '\n'


def run_cbc(lp_text, seconds, keep=None):
    """infeasible, feasible (with the count found) or limit."""
    cbc = shutil.which('cbc')
    if cbc is None:
        sys.exit('verify_cuts: cbc not found (Debian package coinor-cbc)')
    with tempfile.TemporaryDirectory() as d:
        lp = keep or os.path.join(d, 'm.lp')
        with open(lp, 'w') as f:
            f.write(lp_text)
        out = subprocess.run([cbc, lp, 'sec', str(seconds), 'threads', '1', 'solve', 'quit'],
                             capture_output=True, text=True).stdout
    if re.search(r'Result - Problem proven infeasible|Problem is infeasible', out):
        return 'infeasible', out
    if re.search(r'Result - Optimal solution found|Objective value:\s', out) and \
            'Stopped on time' not in out:
        return 'feasible', out
    if re.search(r'Result - Stopped on time', out):
        return ('feasible' if 'Objective value' in out and 'No feasible' not in out
                else 'limit'), out
    sys.exit('verify_cuts: cbc said nothing known:\n' + out[-2000:])


def verify(path, cbc_seconds=None, lp_out=None, quiet=False):
    """0 verified, 1 refuted (a cut or the claim), 3 undecided."""
    d = Dump(path)
    bad = [(q, rhs, d.cut_limit(S)) for q, (S, rhs) in enumerate(d.cuts)
           if rhs > d.cut_limit(S) + 1e-9]
    for q, rhs, lim in bad:
        print('INVALID cut %d of %s: rhs %g > ceil(|S|/k) = %d' % (q, path, rhs, lim))
    verdict, code = 'skipped', 1 if bad else 0
    if d.bound > d.posts:
        print('INVALID %s: bound %d above the posts found %d' % (path, d.bound, d.posts))
        code = 1
    if cbc_seconds is not None and not bad and d.bound > 0:
        verdict, out = run_cbc(d.lp(d.bound - 1), cbc_seconds, lp_out)
        if verdict == 'feasible':
            print('REFUTED %s: CBC clusters it in fewer than %d posts' % (path, d.bound))
            code = 1
        elif verdict == 'limit' and code == 0:
            code = 3
    elif lp_out:
        with open(lp_out, 'w') as f:
            f.write(d.lp(d.bound - 1))
    if not quiet:
        print('%s n %d cap %d cuts %d valid %d posts %d claim %d cbc %s' % (
            path, d.n, d.cap, len(d.cuts), len(d.cuts) - len(bad), d.posts, d.bound, verdict))
    return code


def self_test():
    """Hand-worked: 7 TPS on the equator 1.5 km apart, radius 2 km, 5 per
    post.  A post reaches its anchor's two neighbours only, so holds 3 TPS
    at most: ceil(7/3) = 3 posts (TPS 1, 4 and 6 anchoring), though
    ceil(7/5) = 2."""
    step = 1.5 / EARTH_RADIUS_KM * 180.0 / math.pi
    head = ['n 7', 'cap 5', 'radius_km 2']
    tps = ['tps %d T%d 0 %.17g' % (i, i, i * step) for i in range(7)]
    cases = [  # (posts found, bound claimed, cuts, expected code, what it shows)
        (3, 3, ['cut 3 0 1 2 3 4 5 6'], 0, 'the true cut and the optimum'),
        (3, 3, ['cut 2 0 1 2 3', 'cut 1 4 5'], 0, 'cuts on parts: ceil(4/3) = 2, ceil(2/2) = 1'),
        (4, 2, [], 0, 'a weak claim is still true'),
        (3, 3, ['cut 4 0 1 2 3 4 5 6'], 1, 'rhs 4 > ceil(7/3): an invalid cut'),
        (3, 3, ['cut 2 0 2'], 1, '0 and 2 are 3 km apart yet one anchor (1) reaches both'),
        (4, 4, [], 1, 'a claim of 4 posts: CBC finds 3'),
        (2, 3, [], 1, 'a bound above the posts found'),
    ]
    if shutil.which('cbc') is None:
        sys.exit('verify_cuts: --self-test needs cbc (coinor-cbc)')
    assert abs(distance_km(0, 0, 0, step) - 1.5) < 1e-9
    with tempfile.TemporaryDirectory() as d:
        for k, (posts, bound, cuts, want, why) in enumerate(cases):
            p = os.path.join(d, 'case%d.txt' % k)
            with open(p, 'w') as f:
                f.write('\n'.join(head + ['posts %d' % posts, 'bound %d' % bound] + tps + cuts)
                        + '\n')
            with open(os.devnull, 'w') as null:
                saved, sys.stdout = sys.stdout, null
                try:
                    got = verify(p, cbc_seconds=60, quiet=True)
                finally:
                    sys.stdout = saved
            if got != want:
                sys.exit('verify_cuts: self-test case %d (%s): got %d, want %d' % (k, why, got, want))
    print('verify_cuts: self-test passed (%d cases)' % len(cases))
    return 0


def main(argv):
    if argv[1:] == ['--self-test']:
        return self_test()
    sec, lp_out, files = None, None, []
    it = iter(argv[1:])
    for a in it:
        if a == '--cbc-seconds':
            sec = float(next(it, '0'))
        elif a == '--lp':
            lp_out = next(it, None)
        elif a.startswith('-'):
            sys.exit(__doc__)
        else:
            files.append(a)
    if not files or (lp_out and len(files) != 1):
        sys.exit(__doc__)
    codes = [verify(f, sec, lp_out) for f in files]
    return 1 if 1 in codes else 3 if 3 in codes else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
