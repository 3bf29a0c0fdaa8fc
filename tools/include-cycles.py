#!/usr/bin/env python3
"""include-cycles.py - the include graph among the modules of a folder
(a module is x.c with x.h, and x_int.h when x keeps its private header
apart, as io/import/import_int.h), and its cycles: a module that includes, through
others, a header of a module that includes it back.  Prints the edges, then
each cycle; exits 1 when there is one.

    tools/include-cycles.py io          # the io/ layer (sub-folders too)
"""
import os
import re
import sys

INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def module(path):
    m = os.path.splitext(os.path.basename(path))[0]
    return m[:-4] if m.endswith('_int') else m


def modules(root):
    files = {}
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(('.c', '.h')):
                files.setdefault(module(n), []).append(os.path.join(d, n))
    return files


def main(root):
    mods = modules(root)
    edges = {m: set() for m in mods}
    for m, paths in mods.items():
        for p in paths:
            with open(p, encoding='utf-8') as f:
                for inc in INC.findall(f.read()):
                    t = module(inc)
                    if t in mods and t != m:
                        edges[m].add(t)
    # Tarjan's strongly connected components
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            c = []
            while True:
                w = stack.pop()
                on.discard(w)
                c.append(w)
                if w == v:
                    break
            if len(c) > 1:
                sccs.append(sorted(c))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    for m in sorted(edges):
        if edges[m]:
            print('%s -> %s' % (m, ' '.join(sorted(edges[m]))))
    for c in sccs:
        print('cycle: ' + ' <-> '.join(c))
    print('%d modules, %d cycles' % (len(mods), len(sccs)))
    return 1 if sccs else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'io'))
