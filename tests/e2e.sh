#!/bin/sh
# End-to-end checks of the siaga command: exit codes, outputs, bad input,
# determinism, and plan/check agreement.  SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-e2e-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect() { # expect CODE DESCRIPTION -- command...
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  | /' "$T/err" | head -5; fi
}

KAUR=scenarios/kaur-2024.xml
. tests/skip.sh

# usage
expect 2 "no command" -- "$SIAGA"
expect 2 "unknown command" -- "$SIAGA" frobnicate
expect 2 "plan without -o" -- "$SIAGA" plan "$KAUR"
expect 2 "bad time limit" -- "$SIAGA" plan "$KAUR" -o "$T/x" --time-limit -3
expect 0 "help" -- "$SIAGA" --help

# validate
expect 0 "validate kaur" -- "$SIAGA" validate "$KAUR"
grep -q "TPS        : 434 (kurang rawan 386, rawan 45, sangat rawan 3)" "$T/out" && ok || bad "validate summary"

# plan, then check agrees; outputs exist and are deterministic
expect 0 "plan kaur" -- "$SIAGA" plan "$KAUR" -o "$T/a" --quiet
for f in roster.xml roster.csv ringkasan.txt; do
    [ -s "$T/a/$f" ] && ok || bad "plan wrote no $f"
done
[ -z "$(ls -A "$T/a" | grep -v -e '^roster.xml$' -e '^roster.csv$' -e '^ringkasan.txt$' -e '^roster.kml$' -e '^roster.geojson$' -e '^laporan.html$' -e '^bko.csv$')" ] && ok || bad "stray files in output: $(ls -A "$T/a")"
grep -q 'status="optimal"' "$T/a/roster.xml" && ok || bad "kaur roster not optimal"
xmllint --noout --schema schema/roster-1.xsd "$T/a/roster.xml" 2>/dev/null && ok || bad "roster.xml fails roster-1.xsd"
head -1 "$T/a/roster.csv" | tr -d '\r' | grep -qx "member_id,name,rank,force,unit,role,post_id,grade,kecamatan,tps_ids,route_km" && ok || bad "csv header"
members=$(grep -c '<member ' "$KAUR")
counted=$(awk -F'count="' 'NF>1{split($2,a,"\""); s+=a[1]} END{print s+0}' "$KAUR")
rows=$(($(wc -l < "$T/a/roster.csv") - 1))
[ "$rows" -eq $((members + counted)) ] && ok || bad "csv rows $rows, want $((members + counted))"
expect 0 "check kaur roster" -- "$SIAGA" check "$KAUR" "$T/a/roster.xml"
grep -q "HASIL: LULUS" "$T/out" && ok || bad "check verdict"
expect 0 "plan kaur again" -- "$SIAGA" plan "$KAUR" -o "$T/b" --quiet
for f in roster.xml roster.csv ringkasan.txt; do
    cmp -s "$T/a/$f" "$T/b/$f" && ok || bad "$f differs between two runs"
done

# check rejects tampered rosters
sed '0,/<guard /{/<guard /d}' "$T/a/roster.xml" > "$T/t1.xml"      # a guard forgotten
expect 1 "check: guard removed" -- "$SIAGA" check "$KAUR" "$T/t1.xml"
grep -q "TIDAK LULUS" "$T/out" && ok || bad "tampered verdict"
sed '0,/<tps id="/{s/<tps id="\([0-9]*\)"\/>/<tps id="\1"\/><tps id="\1"\/>/}' "$T/a/roster.xml" > "$T/t2.xml"  # TPS twice
expect 1 "check: TPS twice" -- "$SIAGA" check "$KAUR" "$T/t2.xml"
sed '0,/route_km="[0-9.]*"/{s/route_km="[0-9.]*"/route_km="99.99"/}' "$T/a/roster.xml" > "$T/t3.xml"
expect 1 "check: wrong route_km" -- "$SIAGA" check "$KAUR" "$T/t3.xml"
sed 's/force="tni"/force="polri"/' "$T/a/roster.xml" > "$T/t4.xml"
expect 1 "check: wrong force" -- "$SIAGA" check "$KAUR" "$T/t4.xml"
printf '<roster xmlns="urn:siaga:roster:1" scenario="x" status="optimal">\n<bogus/>\n</roster>\n' > "$T/t5.xml"
expect 2 "check: invalid roster" -- "$SIAGA" check "$KAUR" "$T/t5.xml"
grep -q "t5.xml:2:" "$T/err" && ok || bad "invalid roster line"

# bad input: exit 2, FILE:LINE on stderr, nothing written
for f in tests/data/scenario/bad-*.xml; do
    expect 2 "plan $f" -- "$SIAGA" plan "$f" -o "$T/bad"
    grep -q "^siaga: $f:[0-9][0-9]*: " "$T/err" && ok || bad "$f: no FILE:LINE message"
    [ ! -e "$T/bad" ] && ok || bad "$f: output folder created"
done
expect 2 "missing scenario" -- "$SIAGA" plan "$T/nope.xml" -o "$T/bad"
[ ! -e "$T/bad" ] && ok || bad "missing scenario: output folder created"

# write failures: unwritable folder, nothing half written.  Root may
# write anywhere, so as root the plan runs as nobody (tests/skip.sh).
mkdir -p "$T/ro" && chmod 500 "$T/ro" && chmod 711 "$T"
if can_drop_root; then
    expect 3 "unwritable output" -- unprivileged "$SIAGA" plan "$KAUR" -o "$T/ro/out" --quiet
    grep -q "^siaga: " "$T/err" && ok || bad "unwritable output: no message"
    [ -z "$(ls -A "$T/ro")" ] && ok || bad "unwritable output: $(ls -A "$T/ro")"
else
    skip e2e 3 "running as root without setpriv or runuser: cannot test an unwritable folder"
fi
expect 3 "output is a file" -- "$SIAGA" plan "$KAUR" -o "$KAUR" --quiet

# the model export reads back into CBC, whose proven optimum is the
# planner's items 1-3: the plan's values in ringkasan.txt, weighted as
# solver/export.h says (weights and constant recomputed here from the
# scenario's rules), equal CBC's objective of the LP file.  (The MPS
# file is GLPK's free MPS, whose BOUNDS section CBC 2.10 misreads as
# fixed MPS: "No match for column"; it is only checked to be written.)
expect 0 "export lp" -- "$SIAGA" plan "$KAUR" -o "$T/d" --quiet --export-lp "$T/m.lp" --export-mps "$T/m.mps"
[ -s "$T/m.lp" ] && [ -s "$T/m.mps" ] && ok || bad "model files not written"
if ! command -v cbc >/dev/null 2>&1; then
    optout SIAGA_NO_CBC e2e 1 "cbc is not installed (Debian package coinor-cbc)"
else
    for m in m.lp; do
        rm -f "$T/cbc.sol"
        timeout 600 cbc "$T/$m" -ratio 0 -allowableGap 0 -solve -solu "$T/cbc.sol" >"$T/cbc.log" 2>&1
        python3 - "$KAUR" "$T/d/ringkasan.txt" "$T/cbc.sol" <<'PY' >"$T/py.out" 2>&1 && ok || { bad "$m in CBC: $(cat "$T/py.out")"; }
import sys, re, xml.etree.ElementTree as ET
ns = {'s': 'urn:siaga:scenario:1'}
scn = ET.parse(sys.argv[1]).getroot()
g = {e.get('name'): e for e in scn.iter('{urn:siaga:scenario:1}grade')}
lpt = int(scn.find('.//s:linmas', ns).get('per_tps'))
tps = [t for t in scn.iter('{urn:siaga:scenario:1}tps')]
n = len(tps)
# export.h: sum_g w_g empty_g + w_linmas empty_linmas + posts - offset,
# w_linmas = n + 1, then each tier's weight exceeds the range below it
w = {'linmas': n + 1}
acc = w['linmas'] * (lpt * n + 1)
for name in ('kurang_rawan', 'rawan', 'sangat_rawan'):
    w[name] = acc
    acc *= int(g[name].get('guards')) * n + 1
off = w['linmas'] * lpt * n
for t in tps:
    r = g[t.get('grade')]
    if int(r.get('tps_per_post')) == 1:
        off += w[t.get('grade')] * int(r.get('guards')) + 1
txt = open(sys.argv[2]).read()
def item(label):
    return int(re.search(r'^' + re.escape(label) + r'\s+(\d+)\s', txt, re.M).group(1))
plan = (w['sangat_rawan'] * item('1. Tempat jaga kosong (sangat rawan)') +
        w['rawan'] * item('1. Tempat jaga kosong (rawan)') +
        w['kurang_rawan'] * item('1. Tempat jaga kosong (kurang rawan)') +
        w['linmas'] * item('2. Tempat Linmas kosong') + item('3. Jumlah pos') - off)
head = open(sys.argv[3]).readline()
m = re.match(r'Optimal - objective value (\S+)', head)
if not m:
    sys.exit('CBC proved no optimum: ' + head.strip())
cbc = float(m.group(1))
if abs(cbc - plan) > 0.5:
    sys.exit('CBC optimum %.1f, the plan %.1f' % (cbc, plan))
PY
    done
fi

# a time limit gives a plan all the same
expect 0 "time limit" -- "$SIAGA" plan "$KAUR" -o "$T/c" --time-limit 30 --quiet
expect 0 "check time-limited plan" -- "$SIAGA" check "$KAUR" "$T/c/roster.xml"

echo "e2e: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
