#!/bin/sh
# End-to-end checks of `siaga split` and `siaga merge`: a scenario of three
# kabupaten (tests/data/split/tiga.xml, one of them short of personnel) is
# split, each part planned on its own, the rosters merged, and the merged
# roster must be byte for byte the roster of the one-shot plan and pass
# `siaga check` as that one does.  Then the refusals: a unit without scope
# (with its line), a folder not empty, overlapping rosters, rosters of two
# scenarios.  With python3, the same on Gorontalo (data/wilayah-tps-2024.tsv,
# bench/make_scenario.py --provinsi 75: 6 kabupaten/kota, 3,539 TPS), in
# the plain pass of make test only, to keep the suite short.
set -u
SIAGA=${SIAGA:-build/siaga}
S=$(cd "$(dirname "$SIAGA")" && pwd)/$(basename "$SIAGA")
T=$(mktemp -d /tmp/siaga-e2e-split-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
. tests/skip.sh
expect() { # expect CODE DESCRIPTION -- command...
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  | /' "$T/err" | head -5; fi
}
has() { # has FILE TEXT DESCRIPTION
    grep -qF -- "$2" "$1" && ok || { bad "$3: no '$2'"; sed 's/^/  | /' "$1" | head -5; }
}
same() { # same FILE1 FILE2 DESCRIPTION
    cmp -s "$1" "$2" && ok || { bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -6 | sed 's/^/  | /'; }
}

D=tests/data/split

# usage
expect 2 "split without --by" -- "$SIAGA" split $D/tiga.xml -o "$T/p"
expect 2 "split --by desa" -- "$SIAGA" split $D/tiga.xml --by desa -o "$T/p"
expect 2 "split without -o" -- "$SIAGA" split $D/tiga.xml --by kabupaten
expect 2 "merge without -o" -- "$SIAGA" merge "$T/x.xml"
expect 2 "merge without rosters" -- "$SIAGA" merge -o "$T/x.xml"
"$SIAGA" --help | grep -q "siaga split SCENARIO.xml --by kabupaten|polres -o DIR" && ok || bad "usage lacks split"
"$SIAGA" --help | grep -q "siaga merge ROSTER.xml... -o ROSTER.xml" && ok || bad "usage lacks merge"

# split -> plan each -> merge, against the one-shot plan.
# plan_parts SCENARIO NAME: the whole plan in $T/NAME-whole, the parts in
# $T/NAME-parts, their plans in $T/NAME-out/<code>, the merged roster in
# $T/NAME-merged.xml; the exit of each part plan in $T/NAME-codes.
plan_parts() {
    sc=$1; nm=$2
    "$SIAGA" plan "$sc" -o "$T/$nm-whole" --quiet >/dev/null 2>"$T/err"; echo $? >"$T/$nm-whole-code"
    expect 0 "$nm: split" -- "$SIAGA" split "$sc" --by kabupaten -o "$T/$nm-parts"
    : >"$T/$nm-codes"
    for f in "$T/$nm-parts"/*.xml; do
        c=$(basename "$f" .xml)
        "$SIAGA" plan "$f" -o "$T/$nm-out/$c" --quiet >/dev/null 2>"$T/err"
        echo "$c $?" >>"$T/$nm-codes"
    done
    expect 0 "$nm: merge" -- "$SIAGA" merge $(ls -d "$T/$nm-out"/*/roster.xml) -o "$T/$nm-merged.xml"
}

t0=$(date +%s)
plan_parts $D/tiga.xml tiga
[ "$(ls "$T/tiga-parts")" = "$(printf '7501.xml\n7502.xml\n7503.xml')" ] && ok || bad "split files: $(ls "$T/tiga-parts")"
for c in 7501 7502 7503; do
    expect 0 "part $c validates" -- "$SIAGA" validate "$T/tiga-parts/$c.xml"
done
has "$T/out" "skenario   : Uji tiga kabupaten & split" "part keeps the scenario name"
has "$T/tiga-parts/7502.xml" 'date="2024-02-14"' "part keeps the date"
has "$T/tiga-parts/7502.xml" '<unit id="POLRES-7502" force="polri" name="Polres Uji 2" kabupaten="7502" count="2"/>' "count unit kept as count"
has "$T/tiga-parts/7502.xml" '<member id="875020100" name="Anggota 750201-0" rank="Bripda"/>' "listed member kept"
has "$T/tiga-parts/7502.xml" 'unit id="POLSEK-750201" force="polri" name="Polsek 750201" kecamatan="750201" lat="0.902" lon="122.797">' "unit base written"
grep -q 'id="LINMAS-[0-9]*".*lat=' "$T/tiga-parts/7502.xml" && bad "derived base written" || ok
grep -q '7501\|7503' "$T/tiga-parts/7502.xml" && bad "part 7502 holds other kabupaten" || ok
[ "$(cat "$T/tiga-codes" | tr '\n' ' ')" = "7501 0 7502 1 7503 0 " ] && ok || bad "part plan exits: $(cat "$T/tiga-codes" | tr '\n' ' ') (want 7502 short)"
[ "$(cat "$T/tiga-whole-code")" = 1 ] && ok || bad "one-shot plan exit $(cat "$T/tiga-whole-code"), want 1"
same "$T/tiga-merged.xml" "$T/tiga-whole/roster.xml" "merged roster = one-shot roster"
has "$T/tiga-merged.xml" 'status="shortage"' "merged status is the weakest"
"$SIAGA" check $D/tiga.xml "$T/tiga-whole/roster.xml" >"$T/check-whole" 2>&1; cw=$?
"$SIAGA" check $D/tiga.xml "$T/tiga-merged.xml" >"$T/check-merged" 2>&1; cm=$?
[ "$cm" = 1 ] && [ "$cw" = 1 ] && ok || bad "check: merged exit $cm, one-shot $cw (want 1 and 1: places empty)"
sed "s|$T/tiga-merged.xml|ROSTER|" "$T/check-merged" >"$T/a"
sed "s|$T/tiga-whole/roster.xml|ROSTER|" "$T/check-whole" >"$T/b"
same "$T/a" "$T/b" "check report of merged = of one-shot"
has "$T/check-merged" "Pelanggaran aturan: 0" "merged roster breaks no rule"
[ -z "$(ls -A "$T" | grep '^\.')" ] && ok || bad "staging files left: $(ls -A "$T")"

# merge --scenario: a scenario whose personnel are not grouped by
# kabupaten (every Polres first) merges in order only with it
plan_parts $D/tiga-interleaved.xml inter
cmp -s "$T/inter-merged.xml" "$T/inter-whole/roster.xml" && bad "interleaved personnel merged in order without --scenario?" || ok
expect 0 "merge --scenario" -- "$SIAGA" merge $(ls -d "$T/inter-out"/*/roster.xml) -o "$T/inter-s.xml" --scenario $D/tiga-interleaved.xml
same "$T/inter-s.xml" "$T/inter-whole/roster.xml" "merge --scenario = one-shot roster"
echo "e2e-split: tiga (108 TPS, 3 kabupaten): split, 2 x (4 plans + merge) in $(( $(date +%s) - t0 )) s"

# refusals of split: a unit without scope, with its line; nothing written
line=$(grep -n '<personnel>' $D/tiga.xml | cut -d: -f1)
sed "s|<personnel>|<personnel>\n    <unit id=\"BKO-BRIMOB\" force=\"polri\" name=\"BKO Brimob\" count=\"5\"/>|" $D/tiga.xml >"$T/anywhere.xml"
expect 2 "split refuses a unit without scope" -- "$SIAGA" split "$T/anywhere.xml" --by kabupaten -o "$T/any"
has "$T/err" "siaga: $T/anywhere.xml:$((line + 1)): unit BKO-BRIMOB has no kabupaten, kecamatan or desa" "scope-less unit named with its line"
[ ! -e "$T/any" ] && ok || bad "refused split wrote $T/any"
# ... but one kabupaten may have one
sed "s|<personnel>|<personnel>\n    <unit id=\"BKO-BRIMOB\" force=\"polri\" name=\"BKO Brimob\" count=\"5\"/>|" "$T/tiga-parts/7501.xml" >"$T/one.xml"
expect 0 "split of one kabupaten keeps a scope-less unit" -- "$SIAGA" split "$T/one.xml" --by kabupaten -o "$T/one"
has "$T/one/7501.xml" 'id="BKO-BRIMOB"' "scope-less unit in the single part"
# a folder that holds something is refused, and left as it was
mkdir -p "$T/full" && echo x >"$T/full/old.xml"
expect 2 "split into a folder not empty" -- "$SIAGA" split $D/tiga.xml --by kabupaten -o "$T/full"
has "$T/err" "not empty" "folder not empty said"
[ "$(ls "$T/full")" = old.xml ] && ok || bad "refused split changed $T/full"
mkdir -p "$T/empty"
expect 0 "split into an empty folder" -- "$SIAGA" split $D/tiga.xml --by kabupaten -o "$T/empty"
[ "$(ls "$T/empty" | wc -l)" = 3 ] && ok || bad "split into empty folder: $(ls "$T/empty")"
expect 2 "split of a missing file" -- "$SIAGA" split "$T/nope.xml" --by kabupaten -o "$T/nope"

# refusals of merge: overlap (file:line), other scenario, missing file
R1="$T/tiga-out/7501/roster.xml"; R2="$T/tiga-out/7502/roster.xml"
expect 2 "merge refuses a roster given twice" -- "$SIAGA" merge "$R1" "$R2" "$R1" -o "$T/m.xml"
tline=$(grep -n '<tps ' "$R1" | head -1 | cut -d: -f1)
has "$T/err" "siaga: $R1:$tline: TPS " "overlap named with file:line"
has "$T/err" "the rosters overlap" "overlap said"
[ ! -e "$T/m.xml" ] && ok || bad "refused merge wrote its output"
expect 2 "merge refuses a part with the whole" -- "$SIAGA" merge "$R1" "$T/tiga-whole/roster.xml" -o "$T/m.xml"
has "$T/err" "is also in $R1" "overlap names the first roster"
sed 's/scenario="Uji tiga kabupaten &amp; split"/scenario="Lain"/' "$R2" >"$T/other.xml"
expect 2 "merge refuses rosters of two scenarios" -- "$SIAGA" merge "$R1" "$T/other.xml" -o "$T/m.xml"
has "$T/err" "siaga: $T/other.xml:2: roster of scenario 'Lain'" "other scenario named with file:line"
expect 2 "merge of a missing roster" -- "$SIAGA" merge "$R1" "$T/nope.xml" -o "$T/m.xml"
expect 3 "merge into a missing folder" -- "$SIAGA" merge "$R1" -o "$T/no/such/m.xml"
cp "$T/tiga-merged.xml" "$T/keep.xml"
expect 2 "refused merge keeps the old output" -- "$SIAGA" merge "$R1" "$R1" -o "$T/keep.xml"
same "$T/keep.xml" "$T/tiga-merged.xml" "old output kept"

# the README recipe, word for word; without GNU parallel, a stand-in that
# does what the recipe needs of it ({} and {/.}, exit status = jobs failed)
mkdir -p "$T/bin"
ln -s "$S" "$T/bin/siaga"
if ! command -v parallel >/dev/null 2>&1; then
    cat >"$T/bin/parallel" <<'EOF_PAR'
#!/bin/sh
failed=0
while read -r f; do
    b=$(basename "$f"); b=${b%.*}
    cmd=$(printf '%s' "$1" | sed "s|{/.}|$b|g; s|{}|$f|g")
    sh -c "$cmd" || failed=$((failed + 1))
done
exit $failed
EOF_PAR
    chmod +x "$T/bin/parallel"
fi
sed -n '/^siaga split nasional.xml/,/^siaga check/p' README.md |
    sed 's/nasional\.xml/tiga.xml/g' >"$T/recipe.sh"
[ "$(wc -l <"$T/recipe.sh")" = 4 ] && ok || bad "README recipe not found"
mkdir -p "$T/recipe-dir" && cp $D/tiga.xml "$T/recipe-dir/"
(cd "$T/recipe-dir" && PATH="$T/bin:$PATH" sh "$T/recipe.sh") >"$T/out" 2>"$T/err"; got=$?
[ "$got" = 1 ] && ok || bad "README recipe: exit $got, want 1 (check: places empty)"
same "$T/recipe-dir/nasional-roster.xml" "$T/tiga-whole/roster.xml" "README recipe gives the one-shot roster"

# the real hierarchy of Gorontalo (synthetic coordinates and personnel)
case "$SIAGA" in
*asan*) echo "e2e-split: Gorontalo runs in the plain pass of make test only (too slow under the sanitizers)" ;;
*)
    if command -v python3 >/dev/null 2>&1; then
        t0=$(date +%s)
        python3 bench/make_scenario.py --provinsi 75 -o "$T/gorontalo.xml"
        plan_parts "$T/gorontalo.xml" gor
        [ "$(ls "$T/gor-parts" | wc -l)" = 6 ] && ok || bad "Gorontalo: $(ls "$T/gor-parts" | wc -l) parts, want 6"
        same "$T/gor-merged.xml" "$T/gor-whole/roster.xml" "Gorontalo: merged roster = one-shot roster"
        expect "$(cat "$T/gor-whole-code")" "Gorontalo: check the merged roster" -- "$SIAGA" check "$T/gorontalo.xml" "$T/gor-merged.xml"
        echo "e2e-split: Gorontalo ($(grep -c '<tps ' "$T/gorontalo.xml") TPS, 6 kabupaten/kota) in $(( $(date +%s) - t0 )) s"
    else
        skip e2e-split 3 "python3 missing: Gorontalo"
    fi ;;
esac

echo "e2e-split: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
