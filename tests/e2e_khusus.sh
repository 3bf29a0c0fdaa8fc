#!/bin/sh
# End-to-end checks of TPS khusus (formats.md 1.6, issue 12 item 3) and of
# the rule presets shipped as overlays (scenarios/pola-*.xml, item 4):
# import marks TPS 901 and above khusus unless the grades say otherwise,
# the plan gives a khusus TPS its own post of 2 Polri ahead of rawan, check
# verifies it and the reports show it; every preset plans Kaur and its
# roster passes check (the Polri-pairs preset after its BKO request).
# SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-khusus-XXXXXX)
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

D=tests/data/khusus
W=tests/data/import/wilayah.tsv

# ---- import: TPS 901 of Sukaasih is khusus, the other three kurang rawan
expect 0 "import with a TPS 901" -- "$SIAGA" import --tps $D/tps.csv --personnel $D/personnel.csv --wilayah $W -o "$T/k.xml"
has "$T/k.xml" '<tps no="901" [^>]*grade="khusus"'
[ "$(grep -c 'grade="kurang_rawan"' "$T/k.xml")" = 3 ] && ok || bad "import: not 3 kurang rawan TPS"
has "$T/k.xml" '<grade name="khusus" guards="2" tps_per_post="1" min_polri="2"'
has "$T/err" "1 TPS numbered 901 or above not in a grades file are khusus"
xmllint --noout --nonet --schema schema/scenario-1.xsd "$T/k.xml" 2>/dev/null && ok || bad "imported scenario fails scenario-1.xsd"
# ... unless the grades file says otherwise
expect 0 "import, TPS 901 graded rawan" -- "$SIAGA" import --tps $D/tps.csv --grades $D/grades-901-rawan.csv --personnel $D/personnel.csv --wilayah $W -o "$T/k-r.xml"
has "$T/k-r.xml" '<tps no="901" [^>]*grade="rawan"'
hasnt "$T/k-r.xml" 'grade="khusus"'
hasnt "$T/k-r.xml" '<grade name="khusus"'

# ---- plan, worked by hand: the khusus TPS is a post of 2 Polri places; the
# three kurang rawan TPS lie within 1 km, one post of 2 places (1 Polri).
# 3 Polri, 2 TNI: khusus 2 Polri, the cluster 1 Polri + 1 TNI, 1 TNI reserve.
expect 0 "plan the imported scenario" -- "$SIAGA" plan "$T/k.xml" -o "$T/p" --quiet
[ "$(grep -c '<post ' "$T/p/roster.xml")" = 2 ] && ok || bad "plan: not 2 posts"
has "$T/p/roster.xml" '<post id="P[0-9]*" grade="khusus" kecamatan="367101" required="2"'
[ "$(grep -c ',polri,POLSEK-TANGERANG,guard,P[0-9]*,khusus,' "$T/p/roster.csv")" = 2 ] && ok || bad "roster.csv: khusus post without its 2 Polri"
has "$T/p/roster.csv" ',tni,KORAMIL-TANGERANG,reserve,'
expect 0 "check the plan" -- "$SIAGA" check "$T/k.xml" "$T/p/roster.xml" --report "$T/chk"
has "$T/out" "HASIL: LULUS"
# reports: a khusus column, style and legend (and none without khusus TPS)
has "$T/p/ringkasan.txt" "K TPS khusus"
has "$T/p/ringkasan.txt" "Tempat jaga kosong (khusus)"
has "$T/p/roster.kml" '<Style id="khusus">'
has "$T/p/roster.geojson" '"grade":"khusus"'
has "$T/p/laporan.html" "TPS khusus (1)"
has "$T/chk/cakupan.html" '<th class="n">K</th>'
expect 0 "plan kaur" -- "$SIAGA" plan scenarios/kaur-2024.xml -o "$T/kaur" --quiet
hasnt "$T/kaur/ringkasan.txt" "khusus"
hasnt "$T/kaur/roster.kml" "khusus"
hasnt "$T/kaur/laporan.html" "khusus"

# check catches a khusus post written as another grade, or with a TNI
sed 's/grade="khusus"/grade="rawan"/' "$T/p/roster.xml" > "$T/bad1.xml"
expect 1 "check: khusus post marked rawan" -- "$SIAGA" check "$T/k.xml" "$T/bad1.xml"
has "$T/out" 'khusus'
awk '/grade="khusus"/ { k = 1 } k && /force="polri"/ && !done { sub(/member="[^"]*" unit="POLSEK-TANGERANG" force="polri"/, "member=\"KORAMIL-TANGERANG-002\" unit=\"KORAMIL-TANGERANG\" force=\"tni\""); done = 1 }
     /<reserve member="KORAMIL-TANGERANG-002"/ { next } { print }' "$T/p/roster.xml" > "$T/bad2.xml"
expect 1 "check: a TNI at a khusus post" -- "$SIAGA" check "$T/k.xml" "$T/bad2.xml"

# priority: with 2 Polri the khusus post keeps both, the kurang rawan
# cluster loses its Polri place (formats 1.6: khusus before kurang rawan)
printf '<?xml version="1.0" encoding="UTF-8"?>\n<overlay xmlns="urn:siaga:overlay:1" name="dua Polri"><resize-unit id="POLSEK-TANGERANG" count="2"/></overlay>\n' > "$T/two.xml"
expect 1 "plan with 2 Polri" -- "$SIAGA" plan "$T/k.xml" --with "$T/two.xml" -o "$T/p2" --quiet
has "$T/p2/ringkasan.txt" 'Tempat jaga kosong (khusus)  *0 '
has "$T/p2/ringkasan.txt" 'Tempat jaga kosong (kurang rawan)  *1 '
expect 1 "check the 2-Polri plan (short, claim holds)" -- "$SIAGA" check "$T/k.xml" --with "$T/two.xml" "$T/p2/roster.xml"
has "$T/out" "Pelanggaran aturan: 0"
hasnt "$T/out" "keliru"

# split keeps khusus TPS and rule
expect 0 "split" -- "$SIAGA" split "$T/k.xml" --by kabupaten -o "$T/split"
has "$T/split/3671.xml" 'grade="khusus"'

# ---- presets on Kaur: each validates, plans and passes check
K=scenarios/kaur-2024.xml
for o in scenarios/pola-*.xml; do
    n=$(basename "$o" .xml)
    xmllint --noout --nonet --schema schema/overlay-1.xsd "$o" 2>/dev/null && ok || bad "$o fails overlay-1.xsd"
    has "$o" "field-practice.md"
    expect 0 "validate --with $o" -- "$SIAGA" validate $K --with "$o"
    "$SIAGA" plan $K --with "$o" -o "$T/$n" --quiet >/dev/null 2>&1; rc=$?
    case $n in
    pola-polri-berpasangan) want=1 ;;  # Kaur has too few Polri for Polri-only pairs
    *) want=0 ;;
    esac
    [ "$rc" = "$want" ] && ok || bad "plan --with $o: exit $rc, want $want"
    "$SIAGA" check $K --with "$o" "$T/$n/roster.xml" > "$T/$n.chk" 2>&1; crc=$?
    has "$T/$n.chk" "Pelanggaran aturan: 0"
    [ "$crc" = "$want" ] && ok || bad "check --with $o: exit $crc, want $want"
done
# the Kaur preset restates the defaults: the same roster as no overlay
cmp -s "$T/kaur/roster.xml" "$T/pola-kaur-2024/roster.xml" && ok || bad "pola-kaur-2024 changes the Kaur roster"
# pairs: no post held by one guard
hasnt "$T/pola-berpasangan/ringkasan.txt" "Personel sendirian"
has "$T/pola-kaur-2024/ringkasan.txt" "Personel sendirian: 45 pos"
# Polri pairs: no TNI on guard, and the BKO request makes the plan pass
[ "$(grep -c 'force="tni"' "$T/pola-polri-berpasangan/roster.xml")" = "$(grep -c '<reserve [^>]*force="tni"' "$T/pola-polri-berpasangan/roster.xml")" ] && ok || bad "Polri pairs: a TNI on guard"
awk -F, 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
                 print "<overlay xmlns=\"urn:siaga:overlay:1\" name=\"BKO\">" }
         NR > 1 { sub(/\r$/, "", $4); sc = $2 == "any" ? "" : sprintf(" %s=\"%s\"", $2, $3);
                  printf "  <add-unit id=\"BKO-%d\" force=\"%s\" name=\"BKO %d\"%s count=\"%d\"/>\n", NR - 1, $1, NR - 1, sc, $4 }
         END { print "</overlay>" }' "$T/pola-polri-berpasangan/bko.csv" > "$T/bko.xml"
expect 0 "Polri pairs + its BKO request" -- "$SIAGA" plan $K --with scenarios/pola-polri-berpasangan.xml --with "$T/bko.xml" -o "$T/ppb" --quiet
expect 0 "check Polri pairs + BKO" -- "$SIAGA" check $K --with scenarios/pola-polri-berpasangan.xml --with "$T/bko.xml" "$T/ppb/roster.xml"

echo "e2e-khusus: $pass passed, $fail failed"
[ "$fail" = 0 ]
