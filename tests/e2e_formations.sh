#!/bin/sh
# End-to-end checks of formed reserves and BKO in formations (formats.md
# 1.6, issue 12 item 5) on Kaur: a cadangan platoon stays whole while the
# Polres fills every place and is drawn on only for places that would
# stay empty; with <bko force="polri" size="30"/> bko.csv asks for whole
# platoons, adding them as units fills every place, and one platoon fewer
# in any row leaves a place empty.  SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-formations-XXXXXX)
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

K=scenarios/kaur-2024.xml
PPB=scenarios/pola-polri-berpasangan.xml
overlay() { # overlay NAME BODY... > file
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<overlay xmlns="urn:siaga:overlay:1" name="%s">\n' "$1"
    shift
    printf '%s\n' "$@"
    printf '</overlay>\n'
}
overlay "Dalmas" '  <add-unit id="DALMAS-1" force="polri" name="Pleton Dalmas" role="cadangan" kabupaten="1704" lat="-4.80" lon="103.378" count="30"/>' > "$T/dalmas.xml"

# ---- a cadangan platoon: Kaur fills every place without it
expect 0 "Kaur" -- "$SIAGA" plan $K -o "$T/k" --quiet
expect 0 "Kaur + Dalmas (cadangan)" -- "$SIAGA" plan $K --with "$T/dalmas.xml" -o "$T/kd" --quiet
[ "$(grep -c 'unit="DALMAS-1"' "$T/kd/roster.xml")" = 30 ] && ok || bad "Dalmas: not 30 members in the roster"
[ "$(grep -c '<reserve [^>]*unit="DALMAS-1"' "$T/kd/roster.xml")" = 30 ] && ok || bad "Dalmas: a member drawn although the Polres fills every place"
# the places are held as without the platoon (a jaga unit based there
# would have taken places by distance)
grep -v '<reserve ' "$T/k/roster.xml" > "$T/k.places"
grep -v '<reserve ' "$T/kd/roster.xml" > "$T/kd.places"
cmp -s "$T/k.places" "$T/kd.places" && ok || bad "Dalmas (cadangan) changed the places"
sed 's/ role="cadangan"//' "$T/dalmas.xml" > "$T/dalmas-jaga.xml"
expect 0 "Kaur + Dalmas (jaga)" -- "$SIAGA" plan $K --with "$T/dalmas-jaga.xml" -o "$T/kj" --quiet
[ "$(grep -c '<guard [^>]*unit="DALMAS-1"' "$T/kj/roster.xml")" -gt 0 ] && ok || bad "control: a jaga platoon at the Mako takes no place"
# Polri pairs leave 83 Polri places empty: the platoon is drawn on whole
# (30), 53 stay empty; the check passes the shortage claim
expect 1 "Polri pairs + Dalmas" -- "$SIAGA" plan $K --with $PPB --with "$T/dalmas.xml" -o "$T/pd" --quiet
[ "$(grep -c '<guard [^>]*unit="DALMAS-1"' "$T/pd/roster.xml")" = 30 ] && ok || bad "Polri pairs: the platoon not drawn on whole"
has "$T/pd/bko.csv" "^polri,"
awk -F, 'NR > 1 { sub(/\r$/, "", $4); n += $4 } END { exit n == 53 ? 0 : 1 }' "$T/pd/bko.csv" && ok || bad "Polri pairs + Dalmas: BKO not 53"
expect 1 "check Polri pairs + Dalmas" -- "$SIAGA" check $K --with $PPB --with "$T/dalmas.xml" "$T/pd/roster.xml"
has "$T/out" "(0 pelanggaran"

# ---- BKO in platoons of 30
sed 's|<linmas per_tps="2"/>|<linmas per_tps="2"/>\n    <bko force="polri" size="30"/>|' $K > "$T/kb.xml"
expect 0 "validate <bko>" -- "$SIAGA" validate "$T/kb.xml"
expect 1 "Polri pairs, BKO in platoons" -- "$SIAGA" plan "$T/kb.xml" --with $PPB -o "$T/pb" --quiet
head -1 "$T/pb/bko.csv" | grep -q '^force,scope,region,count,formations,size' && ok || bad "bko.csv: no formations,size columns"
awk -F, 'NR > 1 { sub(/\r$/, "", $6); if ($1 != "polri" || $6 != 30 || $4 != $5 * 30) bad = 1; n++ }
         END { exit bad || n == 0 }' "$T/pb/bko.csv" && ok || bad "bko.csv: a row not in whole platoons of 30"
nrow=$(awk 'END { print NR - 1 }' "$T/pb/bko.csv")
# 83 Polri places short: ceil(83 / 30) = 3 platoons, for the kabupaten
# (the Polres deploys them; per kecamatan it would take 9)
[ "$(sed -n 2p "$T/pb/bko.csv")" = "$(printf 'polri,kabupaten,1704,90,3,30\r')" ] && ok || bad "bko.csv: not 3 platoons of 30 for Kaur"
has "$T/pb/ringkasan.txt" "Dalam formasi (rules <bko>): 3 formasi, paling sedikit"
has "$T/pb/ringkasan.txt" "kurang satu formasi pada baris mana pun"
# version 1 without sizes: the header of formats 5 only
head -1 "$T/pd/bko.csv" | grep -q '^force,scope,region,count.$' && ok || bad "bko.csv without sizes has extra columns"
bko_overlay() { # bko_overlay CSV LESS_ROW > overlay (one platoon fewer in LESS_ROW)
    awk -F, -v less="$2" 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
                 print "<overlay xmlns=\"urn:siaga:overlay:1\" name=\"BKO\">" }
         NR > 1 { sub(/\r$/, "", $6); n = $4 - (NR - 1 == less ? $6 : 0); if (n <= 0) next;
                  printf "  <add-unit id=\"BKO-%d\" force=\"%s\" name=\"BKO %d\" %s=\"%s\" count=\"%d\"/>\n", NR - 1, $1, NR - 1, $2, $3, n }
         END { print "</overlay>" }' "$1"
}
bko_overlay "$T/pb/bko.csv" 0 > "$T/bko.xml"
expect 0 "Polri pairs + the platoons: every place filled" -- "$SIAGA" plan "$T/kb.xml" --with $PPB --with "$T/bko.xml" -o "$T/pbb" --quiet
expect 0 "check Polri pairs + the platoons" -- "$SIAGA" check "$T/kb.xml" --with $PPB --with "$T/bko.xml" "$T/pbb/roster.xml"
i=1
while [ "$i" -le "$nrow" ]; do
    bko_overlay "$T/pb/bko.csv" "$i" > "$T/less.xml"
    expect 1 "one platoon fewer in row $i leaves a place empty" -- "$SIAGA" plan "$T/kb.xml" --with $PPB --with "$T/less.xml" -o "$T/less$i" --quiet
    i=$((i + 1))
done

# the same through the overlay preset (rules <bko> in an overlay)
expect 1 "Polri pairs + bko-peleton.xml" -- "$SIAGA" plan $K --with $PPB --with scenarios/bko-peleton.xml -o "$T/po" --quiet
cmp -s "$T/po/bko.csv" "$T/pb/bko.csv" && ok || bad "bko-peleton.xml: another request than <bko> in the scenario"
overlay "Per orang lagi" '  <rules><bko force="polri" size="0"/></rules>' > "$T/per-orang.xml"
expect 1 "size 0 in an overlay: by person again" -- "$SIAGA" plan "$T/kb.xml" --with $PPB --with "$T/per-orang.xml" -o "$T/pp" --quiet
"$SIAGA" plan $K --with $PPB -o "$T/pd0" --quiet
cmp -s "$T/pp/bko.csv" "$T/pd0/bko.csv" && ok || bad "size 0: not the request by person"
overlay "Besar" '  <rules><bko force="tni" size="1001"/></rules>' > "$T/besar.xml"
expect 2 "overlay bko size over the limit" -- "$SIAGA" plan $K --with "$T/besar.xml" -o "$T/pbig" --quiet
has "$T/err" "besar.xml:3: bko tni: size = 1001; must be 0 (by person) to 1000"
expect 0 "the Dalmas preset on Kaur" -- "$SIAGA" plan $K --with scenarios/kaur-2024-dalmas-cadangan.xml -o "$T/dp" --quiet
[ "$(grep -c '<reserve [^>]*unit="DALMAS-KAUR"' "$T/dp/roster.xml")" = 30 ] && ok || bad "Dalmas preset: not all 30 in reserve"

# ---- bad input, with its line
sed 's|<linmas per_tps="2"/>|<linmas per_tps="2"/>\n    <bko force="tni" size="20"/>\n    <bko force="tni" size="30"/>|' $K > "$T/dup.xml"
expect 2 "two bko rules for TNI" -- "$SIAGA" validate "$T/dup.xml"
has "$T/err" "dup.xml:21: duplicate bko rule for tni (first at line 20)"
sed 's|<linmas per_tps="2"/>|<linmas per_tps="2"/>\n    <bko force="polri" size="1001"/>|' $K > "$T/big.xml"
expect 2 "bko size over the limit" -- "$SIAGA" validate "$T/big.xml"
has "$T/err" "big.xml:20: bko polri: size = 1001; more than the limit of 1000"
sed 's|<linmas per_tps="2"/>|<linmas per_tps="2"/>\n    <bko force="polri" size="0"/>|' $K > "$T/zero.xml"
expect 2 "bko size 0" -- "$SIAGA" validate "$T/zero.xml"
has "$T/err" "zero.xml:20:"
sed 's|name="Polres Kaur" kabupaten="1704"|name="Polres Kaur" role="piket" kabupaten="1704"|' $K > "$T/role.xml"
expect 2 "unknown role" -- "$SIAGA" validate "$T/role.xml"
has "$T/err" "role.xml:878:"
# a scenario with a cadangan unit and <bko> is written back by split
sed 's|name="Polres Kaur" kabupaten="1704"|name="Polres Kaur" role="cadangan" kabupaten="1704"|' "$T/kb.xml" > "$T/kc.xml"
expect 0 "split a scenario with role and <bko>" -- "$SIAGA" split "$T/kc.xml" --by kabupaten -o "$T/parts"
has "$T/parts/1704.xml" 'role="cadangan"'
has "$T/parts/1704.xml" '<bko force="polri" size="30"/>'

echo "e2e-formations: $pass passed, $fail failed"
[ "$fail" = 0 ]
