#!/usr/bin/env python3
"""sat_posts.py - can a component be clustered in fewer posts? A SAT check
independent of siaga's solver (issue 11).

    sat_posts.py [--seconds S] [--posts T] DUMP.txt...
    sat_posts.py --self-test

Each DUMP is one component written by bench/cuts_dump.c (read by
bench/verify_cuts.py, whose Dump rebuilds the radius graph from the
coordinates).  The question "T posts or fewer?" (T = the dump's posts - 1
unless --posts) goes to CaDiCaL (Debian package cadical) as CNF:

- x_ia: TPS i is in the post anchored at a (i within the radius of a;
  x_aa: a is an anchor); every TPS in some post (a clause); x_ia -> x_aa;
- at most cap TPS in a's post, at most T anchors (sequential counters,
  Sinz 2005).

A TPS in two posts is allowed: dropping it from one leaves a clustering
with as many posts.  A model is decoded and checked again (every TPS in a
post of at most cap TPS within the radius of its anchor, at most T
anchors) before it is believed.

Prints one line per dump: "DUMP n N cap C posts P bound B try T
sat|unsat|unknown SECONDS".  Exit 1 when a dump's bound (a claim that
fewer posts are impossible) is refuted, 3 when an answer is unknown (time
limit), else 0.  Measured on the stress maps' unproven components in
bench/RESULTS.md (session 9): it decides some that branch and price does
not, in seconds to minutes, and far from all.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_cuts  # noqa: E402


def cnf(d, T):
    """Clauses and the variable of each (i, a), for "at most T posts"."""
    n, R, cap = d.n, d.reach, d.cap
    X, clauses = {}, []
    nv = 0
    for a in range(n):
        for i in R[a]:
            nv += 1
            X[i, a] = nv

    def at_most(vs, k):
        nonlocal nv
        m = len(vs)
        if m <= k:
            return
        if k == 0:
            clauses.extend([-x] for x in vs)
            return
        s = []
        for _ in range(m - 1):
            s.append(list(range(nv + 1, nv + k + 1)))
            nv += k
        clauses.append([-vs[0], s[0][0]])
        clauses.extend([-s[0][j]] for j in range(1, k))
        for i in range(1, m - 1):
            clauses.append([-vs[i], s[i][0]])
            clauses.append([-s[i - 1][0], s[i][0]])
            for j in range(1, k):
                clauses.append([-vs[i], -s[i - 1][j - 1], s[i][j]])
                clauses.append([-s[i - 1][j], s[i][j]])
            clauses.append([-vs[i], -s[i - 1][k - 1]])
        clauses.append([-vs[m - 1], -s[m - 2][k - 1]])

    holders = [[] for _ in range(n)]
    for a in range(n):
        for i in R[a]:
            holders[i].append(X[i, a])
    clauses.extend(holders)
    for a in range(n):
        clauses.extend([-X[i, a], X[a, a]] for i in R[a] if i != a)
        at_most([X[i, a] for i in R[a]], cap)
    at_most([X[a, a] for a in range(n)], T)
    return nv, clauses, X


def check(d, T, true_vars, X):
    """The clustering a model gives, checked; None when it is not one."""
    anchors = [a for a in range(d.n) if X[a, a] in true_vars]
    post = {}
    for i in range(d.n):
        for a in anchors:
            if (i, a) in X and X[i, a] in true_vars:
                post[i] = a
                break
    sizes = {}
    for i, a in post.items():
        sizes[a] = sizes.get(a, 0) + 1
    if len(post) != d.n or len(anchors) > T or any(s > d.cap for s in sizes.values()):
        return None
    return anchors


def solve(d, T, seconds):
    """sat, unsat or unknown."""
    solver = shutil.which('cadical')
    if solver is None:
        sys.exit('sat_posts: cadical not found (Debian package cadical)')
    nv, clauses, X = cnf(d, T)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'posts.cnf')
        with open(path, 'w') as f:
            f.write('p cnf %d %d\n' % (nv, len(clauses)))
            for c in clauses:
                f.write(' '.join(map(str, c)) + ' 0\n')
        out = subprocess.run([solver, '-q', '-t', str(int(seconds)), path],
                             capture_output=True, text=True).stdout
    status = [line for line in out.splitlines() if line.startswith('s ')]
    if status == ['s UNSATISFIABLE']:
        return 'unsat'
    if status != ['s SATISFIABLE']:
        return 'unknown'
    true_vars = set()
    for line in out.splitlines():
        if line.startswith('v '):
            true_vars.update(int(v) for v in line.split()[1:] if int(v) > 0)
    if check(d, T, true_vars, X) is None:
        sys.exit('sat_posts: the model is not a clustering of %d posts' % T)
    return 'sat'


def run(path, seconds, posts=None, quiet=False):
    """0, 1 (the dump's bound refuted) or 3 (unknown)."""
    d = verify_cuts.Dump(path)
    T = posts if posts is not None else d.posts - 1
    t0 = time.time()
    verdict = solve(d, T, seconds) if T >= 0 else 'unsat'
    if not quiet:
        print('%s n %d cap %d posts %d bound %d try %d %s %.1f' % (
            path, d.n, d.cap, d.posts, d.bound, T, verdict, time.time() - t0))
    if verdict == 'sat' and T < d.bound:
        if not quiet:
            print('REFUTED %s: a clustering of %d posts, below the bound %d' % (path, T, d.bound))
        return 1
    return 3 if verdict == 'unknown' else 0


def self_test():
    """verify_cuts.py's hand-worked line: 7 TPS 1.5 km apart, radius 2 km,
    5 per post: 3 posts are needed, not ceil(7/5) = 2."""
    step = 1.5 / verify_cuts.EARTH_RADIUS_KM * 180.0 / 3.141592653589793
    lines = ['n 7', 'cap 5', 'radius_km 2', 'posts 3', 'bound 3'] + \
        ['tps %d T%d 0 %.17g' % (i, i, i * step) for i in range(7)]
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, 'line.txt')
        with open(p, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        d = verify_cuts.Dump(p)
        got = (solve(d, 2, 60), solve(d, 3, 60))
        if got != ('unsat', 'sat'):
            sys.exit('sat_posts: self-test: 2 and 3 posts gave %s, want unsat, sat' % (got,))
        with open(p, 'w') as f:  # a false claim: bound 4 where 3 posts do
            f.write('\n'.join(lines).replace('bound 3', 'bound 4').replace('posts 3', 'posts 4')
                    + '\n')
        if run(p, 60, quiet=True) != 1:
            sys.exit('sat_posts: self-test: a false bound of 4 was not refuted')
    print('sat_posts: self-test passed (3 cases)')
    return 0


def main(argv):
    if argv[1:] == ['--self-test']:
        return self_test()
    seconds, posts, files = 60, None, []
    it = iter(argv[1:])
    for a in it:
        if a == '--seconds':
            seconds = float(next(it, '60'))
        elif a == '--posts':
            posts = int(next(it, '-1'))
        elif a.startswith('-'):
            sys.exit(__doc__)
        else:
            files.append(a)
    if not files:
        sys.exit(__doc__)
    codes = [run(f, seconds, posts) for f in files]
    return 1 if 1 in codes else 3 if 3 in codes else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
