#!/usr/bin/env python3
"""The test scenario of tests/e2e_split.sh: three kabupaten (7501, 7502,
7503), three kecamatan each, three desa per kecamatan, four TPS per desa
(108 TPS); a Polres per kabupaten, a Polsek (listed members, with a base)
and a Koramil (count, with a base) per kecamatan, a Satlinmas per desa
(count, no base).  Kabupaten 7502 is short of personnel and has a
Bhabinkamtibmas scoped to one desa.  --interleave lists every Polres first
(personnel not grouped by kabupaten), for merge --scenario.
Deterministic: python3 tests/data/split/make_tiga.py > tiga.xml
"""
import math
import random
import sys

rnd = random.Random(7)
interleave = "--interleave" in sys.argv
out = sys.stdout.write
out('<?xml version="1.0" encoding="UTF-8"?>\n')
out('<scenario xmlns="urn:siaga:scenario:1" name="Uji tiga kabupaten &amp; split"'
    ' date="2024-02-14">\n')
out('  <rules>\n    <grade name="kurang_rawan" guards="2" tps_per_post="5" '
    'min_polri="1" radius_km="2.5"/>\n    <linmas per_tps="2"/>\n  </rules>\n')
polres, local = [], []
rank = ["Bripda", "Briptu", "Brigpol", "Bripka", "Aipda"]
for k in range(3):
    kab = "750%d" % (k + 1)
    short = k == 1
    klat, klon = 0.55 + 0.35 * k, 122.4 + 0.4 * k
    out('  <kabupaten code="%s" name="Kab Uji %d">\n' % (kab, k + 1))
    for c in range(3):
        kec = "%s%02d" % (kab, c + 1)
        clat, clon = klat + 0.05 * c, klon + 0.03 * c
        out('    <kecamatan code="%s" name="Kec %s">\n' % (kec, kec))
        for d in range(3):
            desa = "%s2%03d" % (kec, d + 1)
            dlat, dlon = clat + 0.012 * d, clon + 0.008 * d
            out('      <desa code="%s" name="Desa %s">\n' % (desa, desa))
            for t in range(4):
                x = rnd.random()
                g = "sangat_rawan" if x < 0.06 else "rawan" if x < 0.2 else "kurang_rawan"
                extra = ' voters="%d"' % rnd.randint(150, 300) if t % 2 == 0 else ""
                if t == 3:
                    extra += ' access="sulit" signal="blankspot"'
                out('        <tps no="%d" lat="%.6f" lon="%.6f" grade="%s"%s/>\n'
                    % (t + 1, dlat + rnd.uniform(-0.004, 0.004),
                       dlon + rnd.uniform(-0.004, 0.004), g, extra))
            out('      </desa>\n')
            n = 5 if short else 8
            local.append('    <unit id="LINMAS-%s" force="linmas" name="Satlinmas %s" '
                         'desa="%s" count="%d"/>\n' % (desa, desa, desa, n))
            if short and c == 0 and d == 1:
                local.append('    <unit id="BHABIN-%s" force="polri" name="Bhabinkamtibmas %s" '
                             'desa="%s">\n      <member id="9%s" name="Bhabin %s" rank="Aipda"/>\n'
                             '    </unit>\n' % (desa, desa, desa, desa[-7:], desa))
        out('    </kecamatan>\n')
        members = "".join('      <member id="8%s%02d" name="Anggota %s-%d" rank="%s"/>\n'
                          % (kec, m, kec, m, rank[m % 5]) for m in range(2 if short else 6))
        local.append('    <unit id="POLSEK-%s" force="polri" name="Polsek %s" kecamatan="%s" '
                     'lat="%.6f" lon="%.6f">\n%s    </unit>\n'
                     % (kec, kec, kec, clat + 0.002, clon - 0.003, members))
        local.append('    <unit id="KORAMIL-%s" force="tni" name="Koramil %s" kecamatan="%s" '
                     'lat="%.4f" lon="%.4f" count="%d"/>\n'
                     % (kec, kec, kec, clat - 0.001, clon + 0.002, 1 if short else 5))
    out('  </kabupaten>\n')
    unit = ('    <unit id="POLRES-%s" force="polri" name="Polres Uji %d" kabupaten="%s" '
            'count="%d"/>\n' % (kab, k + 1, kab, 2 if short else 10))
    if interleave:
        polres.append(unit)
    else:
        local.append(unit)
out('  <personnel>\n' + "".join(polres + local) + '  </personnel>\n</scenario>\n')
