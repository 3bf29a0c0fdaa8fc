#!/bin/sh
# End-to-end checks of Polres jurisdictions (formats.md 1.6, issue 12 item
# 7) on tests/data/polres/tangerang.xml: Polres Metro Tangerang Kota holds
# Kota Tangerang and three kecamatan of Kabupaten Tangerang, Polresta
# Tangerang two others.  The summary and the report total per Polres;
# `split --by polres` gives a part per Polres whose plans, merged, hold
# every member where the one-shot plan does; BKO formations serving a
# whole Polres; bad jurisdictions and polres= scopes with their lines; old
# scenarios plan as before.  SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-polres-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect() { # expect CODE DESCRIPTION -- command...
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  | /' "$T/err" | head -5; fi
}
has() { grep -q -- "$2" "$1" && ok || bad "$1 lacks '$2'"; }
hasnt() { grep -q -- "$2" "$1" && bad "$1 has '$2'" || ok; }

S=tests/data/polres/tangerang.xml
PM=POLRES-METRO-TANGERANG-KOTA
PT=POLRESTA-TANGERANG

# ---- plan: totals per Polres, worked by hand.  Each kecamatan has 6 TPS
# (4 kurang rawan in one post of 2, 1 rawan, 1 sangat rawan: 3 posts, 5
# guard places, 12 Linmas places).  Metro (5 kecamatan): 25 places, 10 TNI
# + 10 Polsek Polri + 3 Polres = 23, so 2 of its Dalmas platoon (cadangan)
# are drawn, 8 stay in reserve.  Polresta (2): 10 places, 4 TNI + 3 Polsek
# + 2 Polresta = 9, one place empty (Cikupa).
expect 0 "validate" -- "$SIAGA" validate $S
expect 1 "plan (Cikupa one short)" -- "$SIAGA" plan $S -o "$T/p" --quiet
has "$T/p/ringkasan.txt" "^Per Polres (yurisdiksi)"
has "$T/p/ringkasan.txt" "^Polres Metro Tangerang Kota        20     5     5    15     25     15    10      60      60      0        8$"
has "$T/p/ringkasan.txt" "^Polresta Tangerang                  8     2     2     6     10      5     4      24      24      1        0$"
has "$T/p/ringkasan.txt" "^TOTAL                              28     7     7    21     35     20    14      84      84      1        8$"
has "$T/p/ringkasan.txt" "Wilayah: $PM: 360313 360314 360316 367101 367105; $PT: 360303 360318"
[ "$(grep -c '<guard [^>]*unit="PMTK-DALMAS"' "$T/p/roster.xml")" = 2 ] && ok || bad "Dalmas: not 2 drawn"
has "$T/p/laporan.html" "<h3>Ringkasan per Polres (yurisdiksi)</h3>"
has "$T/p/laporan.html" "<td class=\"kode\">$PT</td><td>Polresta Tangerang</td>"
has "$T/p/bko.csv" "^polri,kecamatan,360318,10,1,10"
expect 1 "check the plan" -- "$SIAGA" check $S "$T/p/roster.xml"
has "$T/out" "(0 pelanggaran"
# the shortage certificate (issue 14) lists the Polres-scoped units that
# could fill the empty place, and check accepts it
has "$T/p/kekurangan.csv" "^1,unit,PRESTA,,"
expect 1 "check --certificates of the plan" -- "$SIAGA" check $S "$T/p/roster.xml" --certificates "$T/p/kekurangan.csv"
has "$T/out" "^BUKTI KEKURANGAN: SAH"
grep -v '^1,unit,PRESTA,' "$T/p/kekurangan.csv" > "$T/k-less.csv"
expect 1 "check --certificates without the Polres unit" -- "$SIAGA" check $S "$T/p/roster.xml" --certificates "$T/k-less.csv"
has "$T/out" "^BUKTI KEKURANGAN: DITOLAK"
# the independent reader (tests/tools/certs.py) knows polres= scopes: it
# accepts the certificate (so it does not take PMTK, scoped to Metro, for
# a unit that could serve Cikupa) and refuses it without PRESTA, which
# serves Polresta's posts
python3 tests/tools/certs.py verify $S "$T/p/roster.xml" "$T/p/kekurangan.csv" >"$T/py" && ok ||
    { bad "certs.py rejects the certificate"; cat "$T/py"; }
python3 tests/tools/certs.py verify $S "$T/p/roster.xml" "$T/k-less.csv" >"$T/py" && bad "certs.py accepts it without PRESTA" || ok
has "$T/py" "unit PRESTA could fill it, not in certificate 1"
hasnt "$T/py" "unit PMTK"
# personnel cut with seeds (certs.py cut): short-staffed Polres scenarios
# nobody has looked at, their certificates verified by both readers
for seed in 2 3 5; do
    python3 tests/tools/certs.py cut $S $seed "$T/cut$seed.xml"
    "$SIAGA" plan "$T/cut$seed.xml" -o "$T/cut$seed" --quiet >/dev/null 2>&1
    [ $? = 1 ] && grep -q ',unit,PRESTA,\|,unit,PMTK' "$T/cut$seed/kekurangan.csv" && ok ||
        bad "seed $seed: not short-staffed, or no Polres-scoped unit in a certificate"
    python3 tests/tools/certs.py verify "$T/cut$seed.xml" "$T/cut$seed/roster.xml" "$T/cut$seed/kekurangan.csv" >"$T/py" && ok ||
        { bad "seed $seed: certs.py rejects siaga's certificates"; cat "$T/py"; }
    expect 1 "seed $seed: check --certificates" -- "$SIAGA" check "$T/cut$seed.xml" "$T/cut$seed/roster.xml" --certificates "$T/cut$seed/kekurangan.csv"
    has "$T/out" "^BUKTI KEKURANGAN: SAH"
done

# ---- split --by polres, plan each part, merge: every member where the
# one-shot plan has them (post numbers differ: a Polres's kecamatan are
# not contiguous in the scenario)
expect 0 "split --by polres" -- "$SIAGA" split $S --by polres -o "$T/parts"
[ "$(ls "$T/parts" | tr '\n' ' ')" = "$PM.xml $PT.xml " ] && ok || bad "split files: $(ls "$T/parts")"
has "$T/err" "2 Polres, 42 TPS, 31 units"
[ "$(grep -c '<tps ' "$T/parts/$PM.xml")" = 30 ] && ok || bad "Metro part: not 30 TPS"
[ "$(grep -c '<tps ' "$T/parts/$PT.xml")" = 12 ] && ok || bad "Polresta part: not 12 TPS"
has "$T/parts/$PT.xml" "<polres id=\"$PT\" name=\"Polresta Tangerang\">"
hasnt "$T/parts/$PT.xml" "$PM"
has "$T/parts/$PM.xml" '<kabupaten code="3603" name="Kabupaten Tangerang">'
hasnt "$T/parts/$PM.xml" 'code="360303"'
has "$T/parts/$PM.xml" 'role="cadangan"'
expect 0 "plan Metro part" -- "$SIAGA" plan "$T/parts/$PM.xml" -o "$T/o/$PM" --quiet
expect 1 "plan Polresta part" -- "$SIAGA" plan "$T/parts/$PT.xml" -o "$T/o/$PT" --quiet
expect 0 "merge" -- "$SIAGA" merge "$T/o/$PM/roster.xml" "$T/o/$PT/roster.xml" -o "$T/merged.xml" --scenario $S
# every member in the same place, every post the same TPS and guards
"$SIAGA" check $S "$T/merged.xml" > "$T/chk-m" 2>&1; cm=$?
[ "$cm" = 1 ] && ok || bad "check merged: exit $cm, want 1 (Cikupa short)"
has "$T/chk-m" "(0 pelanggaran"
grep -o '<guard member="[^"]*"\|<linmas tps="[^"]*" member="[^"]*"\|<reserve member="[^"]*"' "$T/p/roster.xml" | sort > "$T/a"
grep -o '<guard member="[^"]*"\|<linmas tps="[^"]*" member="[^"]*"\|<reserve member="[^"]*"' "$T/merged.xml" | sort > "$T/b"
cmp -s "$T/a" "$T/b" && ok || bad "merged roster: members placed otherwise than one-shot"
awk '/<post /{ p = $0; sub(/ id="[^"]*"/, "", p) } /<tps id=/{ print p, $0 }' "$T/p/roster.xml" | sort > "$T/a"
awk '/<post /{ p = $0; sub(/ id="[^"]*"/, "", p) } /<tps id=/{ print p, $0 }' "$T/merged.xml" | sort > "$T/b"
cmp -s "$T/a" "$T/b" && ok || bad "merged roster: posts differ from one-shot"

# ---- refusals of split --by polres
expect 2 "split --by polres without jurisdictions" -- "$SIAGA" split scenarios/kaur-2024.xml --by polres -o "$T/kp"
has "$T/err" "split --by polres needs <jurisdictions>"
sed 's|<unit id="PRESTA" force="polri" name="Polresta Tangerang" polres="POLRESTA-TANGERANG"|<unit id="PRESTA" force="polri" name="Polresta Tangerang" kabupaten="3603"|' $S > "$T/kab.xml"
line=$(grep -n 'id="PRESTA"' "$T/kab.xml" | cut -d: -f1)
expect 0 "a kabupaten unit across two Polres plans" -- "$SIAGA" validate "$T/kab.xml"
expect 2 "split refuses a unit serving two Polres" -- "$SIAGA" split "$T/kab.xml" --by polres -o "$T/kp2"
has "$T/err" "kab.xml:$line: unit PRESTA may serve in more than one Polres (kabupaten 3603)"
[ ! -e "$T/kp2" ] && ok || bad "refused split wrote a folder"
# by kabupaten, a Polres across two kabupaten couples them
expect 2 "split --by kabupaten refuses a Polres unit across kabupaten" -- "$SIAGA" split $S --by kabupaten -o "$T/kk"
has "$T/err" "unit PMTK may serve in more than one kabupaten (polres $PM)"

# ---- BKO in formations serving a whole Polres: without the Polsek of
# Teluknaga and Kosambi, Metro is 4 Polri short over two kecamatan beyond
# its Dalmas (10 drawn); one formation of 10 for the Polres
cat > "$T/less.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<overlay xmlns="urn:siaga:overlay:1" name="Polsek ditarik">
  <remove-unit id="POLSEK-360313"/>
  <remove-unit id="POLSEK-360314"/>
  <remove-unit id="PMTK-DALMAS"/>
</overlay>
XML
expect 1 "plan without two Polsek and the platoon" -- "$SIAGA" plan $S --with "$T/less.xml" -o "$T/pl" --quiet
has "$T/pl/bko.csv" "^polri,polres,$PM,10,1,10"
has "$T/pl/bko.csv" "^polri,kecamatan,360318,10,1,10"
awk -F, 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
                 print "<overlay xmlns=\"urn:siaga:overlay:1\" name=\"BKO\">" }
         NR > 1 { printf "  <add-unit id=\"BKO-%d\" force=\"%s\" name=\"BKO %d\" %s=\"%s\" count=\"%d\"/>\n", NR - 1, $1, NR - 1, $2, $3, $4 }
         END { print "</overlay>" }' "$T/pl/bko.csv" > "$T/bko.xml"
expect 0 "plus the formations: every place filled" -- "$SIAGA" plan $S --with "$T/less.xml" --with "$T/bko.xml" -o "$T/pb" --quiet

# ---- bad jurisdictions, with their lines
bad_j() { # bad_j NAME SED-SCRIPT MESSAGE
    sed "$2" $S > "$T/$1.xml"
    expect 2 "$1" -- "$SIAGA" validate "$T/$1.xml"
    has "$T/err" "$3"
}
l=$(grep -n '<area code="360313"/>' $S | cut -d: -f1)
bad_j area-unknown 's|<area code="360313"/>|<area code="360399"/>|' "area-unknown.xml:$l: polres $PM: area 360399 is not a kabupaten or kecamatan of the scenario"
l=$(grep -n '<area code="360303"/>' $S | cut -d: -f1)
l0=$(grep -n '<area code="360313"/>' $S | cut -d: -f1)
bad_j area-twice 's|<area code="360303"/>|<area code="360313"/>|' "area-twice.xml:$l: polres $PT: kecamatan 360313 (Teluknaga) lies in the area 360313 of polres $PM already (line $l0)"
l=$(grep -n '<kecamatan code="360318"' $S | cut -d: -f1)
bad_j area-none '/<area code="360318"\/>/d' "area-none.xml:$l: kecamatan 360318 (Cikupa) lies in no Polres area"
l=$(grep -n 'id="PRESTA"' $S | cut -d: -f1)
bad_j unit-polres 's|polres="POLRESTA-TANGERANG" lat|polres="POLRES-X" lat|' "unit-polres.xml:$l: unit PRESTA: polres POLRES-X is not in <jurisdictions>"
bad_j two-scopes 's|name="Polresta Tangerang" polres=|name="Polresta Tangerang" kecamatan="360303" polres=|' "unit PRESTA: give at most one of kabupaten, kecamatan, desa, polres"
l=$(grep -n '<polres id="POLRESTA-TANGERANG"' $S | cut -d: -f1)
bad_j dup-polres "s|<polres id=\"$PT\"|<polres id=\"$PM\"|" "dup-polres.xml:$l: duplicate polres $PM (first at line $((l - 6)))"
bad_j area-code 's|<area code="360313"/>|<area code="36031"/>|' "area-code.xml:"
# the area of a whole kabupaten overlapping a kecamatan area of it
bad_j kab-overlap 's|<area code="360303"/>|<area code="3603"/>|' "lies in the area"

# ---- old files: no Polres section, same as before
expect 0 "Kaur" -- "$SIAGA" plan scenarios/kaur-2024.xml -o "$T/k" --quiet
hasnt "$T/k/ringkasan.txt" "Polres (yurisdiksi)"
hasnt "$T/k/laporan.html" "per Polres"

echo "e2e-polres: $pass passed, $fail failed"
[ "$fail" = 0 ]
