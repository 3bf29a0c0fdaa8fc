#!/bin/sh
# Re-planning against a baseline roster (plan --baseline, --pin): moves,
# kept posts, pins, and the audit of the result.  SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-baseline-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
KAUR=scenarios/kaur-2024.xml
INTEL=scenarios/kaur-2024-intelkam.xml

"$SIAGA" plan "$KAUR" -o "$T/base" --quiet || bad "base plan"

# against its own roster nothing moves: the same roster, byte for byte
"$SIAGA" plan "$KAUR" --baseline "$T/base/roster.xml" -o "$T/same" --quiet && ok || bad "self re-plan"
cmp -s "$T/base/roster.xml" "$T/same/roster.xml" && ok || bad "self re-plan changed the roster"
[ "$(wc -l < "$T/same/perubahan.csv")" -eq 1 ] && ok || bad "self re-plan lists changes"

# the Intelkam overlay: fewer moves than planning from scratch, items 1-2
# as from scratch, and the roster passes the audit of the overlaid scenario
"$SIAGA" plan "$KAUR" --with "$INTEL" -o "$T/scratch" --quiet && ok || bad "scratch plan"
"$SIAGA" plan "$KAUR" --with "$INTEL" --baseline "$T/base/roster.xml" -o "$T/re" --quiet && ok || bad "re-plan"
moved=$(grep -c '^pindah,' "$T/re/perubahan.csv")
scratch=$(sed -n 's/.*rencana dari nol memindahkan \([0-9]*\).*/\1/p' "$T/re/ringkasan.txt")
[ -n "$scratch" ] && [ "$moved" -lt "$scratch" ] && ok || bad "moves $moved not below scratch $scratch"
grep -q "^Anggota pindah tempat *: $moved dari" "$T/re/ringkasan.txt" && ok || bad "summary and csv disagree"
for g in "sangat rawan" "rawan" "kurang rawan"; do
    a=$(grep "kosong ($g)" "$T/scratch/ringkasan.txt" | awk '{print $(NF-2)}')
    b=$(grep "kosong ($g)" "$T/re/ringkasan.txt" | awk '{print $(NF-2)}')
    # both must be read (a number each), or an empty grep would pass
    case "$a.$b" in *[!0-9.]*|.*|*.) bad "empty $g: not read from ringkasan.txt (re-plan '$b', scratch '$a')"; continue ;; esac
    [ "$a" = "$b" ] && ok || bad "empty $g: re-plan $b, scratch $a"
done
"$SIAGA" check "$KAUR" --with "$INTEL" "$T/re/roster.xml" > "$T/audit" && ok || bad "re-planned roster fails the audit"
grep -q '^pos_ditutup,' "$T/re/perubahan.csv" && ok || bad "the regraded post is not closed"
grep -q '^pos_baru,' "$T/re/perubahan.csv" && ok || bad "no new post for the regraded TPS"

# pins: a kept post's guards stay; a post that cannot be kept is refused
# with its line; an unknown id is refused; --pin needs --baseline
post=$(grep -B1 -m1 '<tps id="1704012001001"/>' "$T/base/roster.xml" | sed -n 's/.*post id="\([P0-9]*\)".*/\1/p')
[ -z "$post" ] && post=$(grep -m1 -o 'post id="P[0-9]*"' "$T/base/roster.xml" | sed 's/.*"\(P[0-9]*\)"/\1/')
"$SIAGA" plan "$KAUR" --with "$INTEL" --baseline "$T/base/roster.xml" --pin "$post" -o "$T/pin" --quiet && ok || bad "pin $post"
gone=$(awk '/<post /{p=$0} /1704072001001/{print p; exit}' "$T/base/roster.xml" | sed 's/.*id="\(P[0-9]*\)".*/\1/')
"$SIAGA" plan "$KAUR" --with "$INTEL" --baseline "$T/base/roster.xml" --pin "$gone" -o "$T/pin2" 2> "$T/err"
[ $? -eq 2 ] && ok || bad "pin of a regraded post not refused"
grep -q "roster.xml:[0-9]*: pin $gone: the post cannot be kept" "$T/err" && ok || bad "pin error has no line: $(cat "$T/err")"
[ ! -e "$T/pin2" ] && ok || bad "refused pin wrote output"
"$SIAGA" plan "$KAUR" --baseline "$T/base/roster.xml" --pin NOBODY -o "$T/pin3" 2>/dev/null
[ $? -eq 2 ] && ok || bad "unknown pin not refused"
"$SIAGA" plan "$KAUR" --pin X -o "$T/pin4" 2>/dev/null
[ $? -eq 2 ] && ok || bad "--pin without --baseline not refused"

# a member an overlay moves to another unit is a change even where the
# place stays (issue 17, item 9): pindah_satuan, old unit to new unit
mid=$(grep -m1 -o '<reserve member="[0-9]*" unit="POLRES-KAUR"' "$T/base/roster.xml" | sed 's/.*member="\([0-9]*\)".*/\1/')
cat > "$T/move.xml" <<EOF_OV
<?xml version="1.0" encoding="UTF-8"?>
<overlay xmlns="urn:siaga:overlay:1" name="pindah satuan">
  <remove-member id="$mid"/>
  <add-unit id="SAMAPTA-KAUR" force="polri" name="Sat Samapta Kaur" kabupaten="1704">
    <member id="$mid" name="Pindahan" rank="Brigpol"/>
  </add-unit>
</overlay>
EOF_OV
"$SIAGA" plan "$KAUR" --with "$T/move.xml" --baseline "$T/base/roster.xml" -o "$T/mv" --quiet && ok || bad "plan with a member moved to another unit"
grep -q "^pindah_satuan,$mid,Pindahan,SAMAPTA-KAUR,POLRES-KAUR,SAMAPTA-KAUR" "$T/mv/perubahan.csv" && ok || bad "member moved to another unit not in perubahan.csv: $(cat "$T/mv/perubahan.csv")"
grep -q "Anggota pindah satuan *: 1" "$T/mv/ringkasan.txt" && ok || bad "unit change not in ringkasan.txt"

echo "e2e-baseline: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
