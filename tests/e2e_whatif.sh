#!/bin/sh
# End-to-end checks of the what-if commands (issue 7): overlays on the
# Kaur scenario, the BKO request checked the way formats.md 5 states it
# (adding exactly the request fills every place; one person fewer in any
# row does not), what each overlay costs, and compare.  SIAGA names the
# binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-whatif-XXXXXX)
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

K=scenarios/kaur-2024
KAUR=$K.xml

# every shipped overlay validates, and is valid under its schema
for o in $K-*.xml; do
    expect 0 "validate --with $o" -- "$SIAGA" validate "$KAUR" --with "$o"
    xmllint --noout --nonet --schema schema/overlay-1.xsd "$o" 2>/dev/null && ok || bad "$o fails overlay-1.xsd"
done

# a plan without overlays writes a header-only bko.csv (CRLF)
expect 0 "plan kaur" -- "$SIAGA" plan "$KAUR" -o "$T/base" --quiet
[ "$(cat "$T/base/bko.csv")" = "$(printf 'force,scope,region,count\r')" ] && ok || bad "bko.csv of a full plan is not the header alone"
grep -q "Tidak perlu" "$T/base/ringkasan.txt" && ok || bad "ringkasan without the BKO section"

# the Intelkam overlay: five TPS up to sangat rawan cost 5 posts' worth
expect 0 "plan --with intelkam" -- "$SIAGA" plan "$KAUR" --with $K-intelkam.xml -o "$T/intel" --quiet
grep -q "^Perubahan 1 (Intelkam" "$T/intel/ringkasan.txt" && ok || bad "intelkam: no cost line"
# ... against the base it fails: the roster leaves out the removed officers
# and guards the regraded TPS as sangat rawan
expect 1 "base scenario rejects the intelkam roster" -- "$SIAGA" check "$KAUR" "$T/intel/roster.xml"
for m in 91105224 95049595 97110427 95061529 96092147 00121131; do
    grep -q "member=\"$m\"" "$T/intel/roster.xml" && bad "removed member $m is in the roster" || ok
done

# a short-staffed chain: a BKO request, then verify it
expect 1 "plan short-staffed" -- "$SIAGA" plan "$KAUR" --with $K-intelkam.xml --with $K-pam-vvip.xml -o "$T/short" --quiet
rows=$(($(wc -l < "$T/short/bko.csv") - 1))
[ "$rows" -gt 0 ] && ok || bad "short-staffed plan wrote no BKO rows"
grep -q "Permintaan BKO\|PERMINTAAN BKO" "$T/short/ringkasan.txt" && ok || bad "no BKO section"
# bko.csv -> an overlay of add-unit rows; row $1 (1-based) one person short
bko_overlay() { # CSV LESS OUT
    awk -F, -v less="$2" '
        BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
                print "<overlay xmlns=\"urn:siaga:overlay:1\" name=\"BKO\">" }
        NR > 1 { sub(/\r$/, "", $4); n = $4 - (NR - 1 == less);
                 if (n > 0) printf "  <add-unit id=\"BKO-%d\" force=\"%s\" name=\"BKO %d\" %s=\"%s\" count=\"%d\"/>\n", NR - 1, $1, NR - 1, $2, $3, n }
        END { print "</overlay>" }' "$1" > "$3"
}
bko_overlay "$T/short/bko.csv" 0 "$T/bko.xml"
expect 0 "validate with the BKO overlay" -- "$SIAGA" validate "$KAUR" --with $K-intelkam.xml --with $K-pam-vvip.xml --with "$T/bko.xml"
expect 0 "plan with exactly the BKO request: full" -- "$SIAGA" plan "$KAUR" --with $K-intelkam.xml --with $K-pam-vvip.xml --with "$T/bko.xml" -o "$T/full" --quiet
i=1
while [ $i -le "$rows" ]; do
    bko_overlay "$T/short/bko.csv" $i "$T/less.xml"
    expect 1 "plan with row $i one short: not full" -- "$SIAGA" plan "$KAUR" --with $K-intelkam.xml --with $K-pam-vvip.xml --with "$T/less.xml" -o "$T/less" --quiet
    i=$((i + 1))
done

# the cost lines: stages and deltas
grep -q "^Perubahan 2 (PAM VVIP" "$T/short/ringkasan.txt" && ok || bad "no cost line for overlay 2"
total=$(awk -F, 'NR > 1 { sub(/\r$/, "", $4); s += $4 } END { print s + 0 }' "$T/short/bko.csv")
grep -q "permintaan BKO 0 -> $total (+$total)" "$T/short/ringkasan.txt" && ok || bad "cost line does not carry the BKO total $total"

# bad overlays: FILE:LINE, exit 2, nothing written
cat > "$T/bad1.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<overlay xmlns="urn:siaga:overlay:1">
  <remove-member id="91105224"/>
  <remove-member id="91105224"/>
</overlay>
XML
expect 2 "member removed twice" -- "$SIAGA" plan "$KAUR" --with "$T/bad1.xml" -o "$T/bad" --quiet
grep -q "bad1.xml:4: remove-member: member 91105224" "$T/err" && ok || bad "no FILE:LINE for the missing member: $(cat "$T/err")"
[ ! -e "$T/bad" ] && ok || bad "a bad overlay wrote output"
cat > "$T/bad2.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<overlay xmlns="urn:siaga:overlay:1">
  <regrade tps="1704012001001" grade="rawan"/>
  <resize-unit id="POLSEK-NASAL" count="3"/>
  <regrade tps="1704999999001" grade="rawan"/>
</overlay>
XML
expect 2 "resize of a listed unit, unknown TPS" -- "$SIAGA" validate "$KAUR" --with "$T/bad2.xml"
grep -q "bad2.xml:4: resize-unit" "$T/err" && ok || bad "resize error line"
grep -q "bad2.xml:5: regrade: TPS 1704999999001" "$T/err" && ok || bad "regrade error line"
printf '<?xml version="1.0"?>\n<!DOCTYPE overlay SYSTEM "file:///etc/passwd">\n<overlay xmlns="urn:siaga:overlay:1"/>\n' > "$T/bad3.xml"
expect 2 "DOCTYPE refused" -- "$SIAGA" validate "$KAUR" --with "$T/bad3.xml"
grep -q "bad3.xml:2: DOCTYPE" "$T/err" && ok || bad "DOCTYPE line"
expect 2 "missing overlay" -- "$SIAGA" plan "$KAUR" --with "$T/nope.xml" -o "$T/bad"

# determinism
expect 1 "plan short-staffed again" -- "$SIAGA" plan "$KAUR" --with $K-intelkam.xml --with $K-pam-vvip.xml -o "$T/short2" --quiet
for f in bko.csv ringkasan.txt roster.xml; do
    cmp -s "$T/short/$f" "$T/short2/$f" && ok || bad "$f differs between two runs"
done

# compare: a plan and its own roster give the same column
expect 0 "compare" -- "$SIAGA" compare "$KAUR" "$KAUR+$K-intelkam.xml" "$KAUR" --with $K-radius.xml --scenario "$KAUR" "$T/base/roster.xml"
grep -q "PERBANDINGAN" "$T/out" && ok || bad "compare header"
# the rows that both a plan and a roster have: Pos, Tempat jaga, 3 diisi
# (Polri, TNI, Linmas), 4 kosong (3 grades, Linmas), Tempat Linmas,
# Cadangan, Jarak: 12, each the same in column [1] and [4]
awk '/^(Pos|Tempat jaga|  diisi|  kosong|Tempat Linmas|Cadangan|Jarak) / && $NF ~ /^[0-9.]+$/' "$T/out" > "$T/rows"
[ "$(wc -l < "$T/rows")" -eq 12 ] && ok || bad "compare: $(wc -l < "$T/rows") rows to compare, want 12: $(cat "$T/out")"
awk '{ if ($(NF) != $(NF-3)) bad = 1 } END { exit bad }' "$T/rows" && ok || bad "plan and its roster differ in compare: $(cat "$T/out")"
# the posts of each column recounted from the rosters that plan wrote for
# the same scenarios (a <post> element per post)
"$SIAGA" plan "$KAUR" --with $K-radius.xml -o "$T/radius" --quiet
p1=$(grep -c '<post ' "$T/base/roster.xml") p2=$(grep -c '<post ' "$T/intel/roster.xml") p3=$(grep -c '<post ' "$T/radius/roster.xml")
[ "$p1" -gt 0 ] && [ "$p2" -gt 0 ] && [ "$p3" -gt 0 ] && ok || bad "rosters without posts: $p1 $p2 $p3"
grep -q "^Pos  *$p1  *$p2  *$p3  *$p1$" "$T/out" && ok || bad "compare posts row, want $p1 $p2 $p3 $p1: $(grep '^Pos' "$T/out")"
"$SIAGA" compare "$KAUR" "$KAUR+$K-intelkam.xml" > "$T/c1" 2>/dev/null
"$SIAGA" compare "$KAUR" "$KAUR+$K-intelkam.xml" > "$T/c2" 2>/dev/null
cmp -s "$T/c1" "$T/c2" && ok || bad "compare is not deterministic"
expect 2 "compare: roster without --scenario" -- "$SIAGA" compare "$T/base/roster.xml"
expect 2 "compare: --with before any scenario" -- "$SIAGA" compare --with $K-radius.xml "$KAUR"

echo "e2e-whatif: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
