#!/bin/sh
# bench/limits.sh - how long siaga takes, and how much memory, to refuse
# huge or hostile inputs (make bench runs it).  The tests only assert
# that they are refused within a memory limit (tests/faults/run.sh,
# section 6); the seconds and peak kilobytes are measured here, where a
# slow or shared machine makes a number worse but fails nothing.  The
# figures the tests once asserted: under 10 s and 1.5 GB per scenario or
# roster, under 30 s and 200 MB per import, under 2 s CPU for each bad
# scenario file of tests/data/scenario (test_scenario_read.c).
#
#   sh bench/limits.sh BUILD_DIR
set -eu
SIAGA=${1:-build}/siaga
W=$(mktemp -d /tmp/siaga-limits-XXXXXX)
trap 'rm -rf "$W"' EXIT
SMALL=tests/data/scenario/spec-example.xml
python3 - "$W" "$SMALL" <<'PY'
import sys
w, small = sys.argv[1], open(sys.argv[2]).read()
hdr = '<?xml version="1.0"?>\n<scenario xmlns="urn:siaga:scenario:1" name="x" '
open(w + '/attrs.xml', 'w').write(hdr + ' '.join('a%d="1"' % i for i in range(1000000)) + '/>\n')
open(w + '/deep.xml', 'w').write('<?xml version="1.0"?>\n<scenario xmlns="urn:siaga:scenario:1">' + '<rules>' * 100000 + '</rules>' * 100000 + '</scenario>\n')
open(w + '/name.xml', 'w').write(small.replace('name="Kaur"', 'name="' + 'K' * 100000 + '"', 1))
open(w + '/count.xml', 'w').write(small.replace('</personnel>', ''.join(
    '<unit id="U%d" force="tni" name="%s" count="1000000"/>' % (i, 'N' * 250) for i in range(40)) + '</personnel>'))
open(w + '/members.xml', 'w').write(small.replace('</personnel>', ''.join(
    '<unit id="U%d" force="tni" name="u" count="1000000"/>' % i for i in range(5)) + '</personnel>'))
open(w + '/long.csv', 'w').write('kecamatan,kelurahan,tps,lat,lon\nTangerang,Sukarasa,1,-6.17,106.63,' + 'x' * 5000000 + '\n')
PY
truncate -s 1G "$W/big.xml"
truncate -s 1G "$W/big.csv"
measure() { # measure WHAT COMMAND...
    what=$1; shift
    /usr/bin/time -f "%e %U %M" -o "$W/time" "$@" >/dev/null 2>&1 || true
    read -r wall cpu kib <<EOT
$(tail -n 1 "$W/time")
EOT
    printf '| %s | %s | %s | %s |\n' "$what" "$wall" "$cpu" "$((kib / 1024))"
}
echo "| input refused | wall s | CPU s | peak MiB |"
echo "|---|---|---|---|"
for f in tests/data/scenario/bad-*.xml; do measure "validate ${f##*/}" "$SIAGA" validate "$f"; done
for f in attrs deep name count members big; do measure "validate $f.xml" "$SIAGA" validate "$W/$f.xml"; done
IW="--wilayah tests/data/import/wilayah.tsv"
measure "import big.csv (1 GB)" "$SIAGA" import $IW --tps "$W/big.csv" -o "$W/i.xml"
measure "import long.csv (5 MB record)" "$SIAGA" import $IW --tps "$W/long.csv" -o "$W/i.xml"
