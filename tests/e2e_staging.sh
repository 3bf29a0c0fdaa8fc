#!/bin/sh
# End-to-end checks of the output staging as an attacker sees it
# (io/outdir.h, issue 17): links planted under staging names beside DIR,
# inside DIR, nested in a killed run's staging folder and to a file, for
# `plan` and `check --report`; folders of another user under those names;
# hundreds of planted names; a planted lock.  Every victim file must stay,
# byte for byte, and the run must still write its set.  The attacker is a
# second user (nobody, through setpriv) when we are root; otherwise the
# links are planted by this user and the other-owner cases are skipped.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-e2e-staging-XXXXXX)
trap 'rm -rf "$T"' EXIT
chmod 755 "$T"
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
SMALL=tests/data/scenario/spec-example.xml
ROSTER=tests/data/roster/valid.xml
SET="bko.csv laporan.html ringkasan.txt roster.csv roster.geojson roster.kml roster.xml"

# as the attacker: nobody when root (the folders are world-writable)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
    as_other() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
    OTHER=1
else
    as_other() { "$@"; }
    OTHER=0
    echo "e2e-staging: not root: links planted by this user, other-owner cases skipped"
fi

# a victim folder and file of ours, and a world-writable parent (no sticky
# bit: the worst case)
fresh() {
    rm -rf "$T/p" "$T/victim" "$T/vfile"
    mkdir "$T/p" "$T/victim"
    chmod 777 "$T/p"
    echo "precious a" > "$T/victim/a.txt"
    echo "precious b" > "$T/victim/b.txt"
    echo "precious file" > "$T/vfile"
}
intact() { # intact WHAT
    [ "$(ls -A "$T/victim" | tr '\n' ' ')" = "a.txt b.txt " ] &&
        [ "$(cat "$T/victim/a.txt")" = "precious a" ] &&
        [ "$(cat "$T/vfile")" = "precious file" ] && ok ||
        bad "$1: the victim lost files: $(ls -A "$T/victim" | tr '\n' ' ')"
}
has_set() { # has_set DIR WHAT
    for f in $SET; do
        [ -s "$1/$f" ] || { bad "$2: no $f in $1"; return; }
    done
    ok
}
plan() { # plan WHAT DIR: exit 0 and the set written
    "$SIAGA" plan "$SMALL" -o "$2" --quiet 2>"$T/err"
    rc=$?
    [ "$rc" = 0 ] && ok || bad "$1: exit $rc: $(head -c 300 "$T/err")"
    has_set "$2" "$1"
}
TOK=0123456789abcdef

# 1. a link beside DIR, under the old predictable name and the new pattern
for name in .out.siaga-999999-000001 .out.siaga-999999-$TOK; do
    fresh
    as_other ln -s "$T/victim" "$T/p/$name"
    plan "link $name beside a new DIR" "$T/p/out"
    intact "link $name beside a new DIR"
    plan "link $name beside an existing DIR" "$T/p/out"
    intact "link $name beside an existing DIR"
    [ -L "$T/p/$name" ] && ok || bad "link $name beside DIR: the planted link was removed"
done

# 2. a link inside DIR (DIR holds a previous set)
fresh
plan "a first set" "$T/p/out"
chmod 777 "$T/p/out"
as_other ln -s "$T/victim" "$T/p/out/.siaga-999999-000001"
as_other ln -s "$T/victim" "$T/p/out/.siaga-999999-$TOK"
plan "links inside DIR" "$T/p/out"
intact "links inside DIR"
[ "$(cat "$T/victim/b.txt")" = "precious b" ] && ok || bad "links inside DIR: b.txt changed"

# 3. a link to a file
fresh
as_other ln -s "$T/vfile" "$T/p/.out.siaga-999999-$TOK"
as_other ln -s "$T/vfile" "$T/p/.out.siaga-999998-000001"
plan "links to a file" "$T/p/out"
intact "links to a file"

# 4. a link nested in a killed run's staging folder (a real one: the run
# is killed while it writes, then links are planted in its set/)
fresh
"$SIAGA" plan scenarios/kaur-2024.xml -o "$T/p/out" --quiet 2>/dev/null &
pid=$!
i=0
while [ $i -lt 400 ] && [ -z "$(ls -A "$T/p" | grep '^\.out\.siaga-[0-9]*-[0-9a-f]\{16\}$')" ]; do
    sleep 0.01; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
c=$(ls -A "$T/p" | grep '^\.out\.siaga-[0-9]*-[0-9a-f]\{16\}$' | head -1)
if [ -n "$c" ] && [ -d "$T/p/$c/set" ]; then
    ln -s "$T/victim" "$T/p/$c/set/planted.csv"
    ln -s "$T/victim" "$T/p/$c/set/.siaga-1-$TOK"
    ln -s "$T/vfile" "$T/p/$c/set/x"
    plan "links nested in a killed run's staging folder" "$T/p/out"
    intact "links nested in a killed run's staging folder"
    [ ! -e "$T/p/$c" ] && ok || bad "the killed run's staging folder was not removed"
else
    echo "e2e-staging: the killed run ended before its staging folder was seen; nested case skipped"
fi

# 4b. names a plan owns (outdir_own): kartu/ and kab/ planted as links to
# the victim, and a kartu/ folder holding links to it, in a DIR that holds
# another file (so the set goes in file by file): the links go, never
# what they point at; the other file stays
fresh
plan "a first set" "$T/p/out"
chmod 777 "$T/p/out"
echo mine > "$T/p/out/mine.txt"
as_other ln -s "$T/victim" "$T/p/out/kartu"
as_other ln -s "$T/victim" "$T/p/out/kab"
plan "kartu/ and kab/ planted as links" "$T/p/out"
intact "kartu/ and kab/ planted as links"
[ ! -e "$T/p/out/kartu" ] && [ ! -L "$T/p/out/kartu" ] && [ ! -L "$T/p/out/kab" ] &&
    [ "$(cat "$T/p/out/mine.txt")" = mine ] && ok || bad "kartu/ and kab/ planted as links: not removed, or mine.txt lost"
as_other mkdir "$T/p/out/kartu"
as_other ln -s "$T/victim" "$T/p/out/kartu/anggota-1.html"
as_other ln -s "$T/vfile" "$T/p/out/kartu/index.html"
"$SIAGA" cards "$T/p/out/roster.xml" --scenario "$SMALL" -o "$T/p/out" 2>"$T/err"; rc=$?
intact "a kartu/ of links"
[ "$rc" = 0 ] && [ ! -L "$T/p/out/kartu/anggota-1.html" ] && [ ! -L "$T/p/out/kartu/index.html" ] &&
    [ -s "$T/p/out/kartu/index.html" ] && ok || bad "a kartu/ of links: exit $rc: $(cat "$T/err")"
ls -A "$T/p/out" | grep -q '^\.' && bad "a kartu/ of links: staging left: $(ls -A "$T/p/out")" || ok

# 5. check --report: a link beside the report folder and inside it
fresh
as_other ln -s "$T/victim" "$T/p/.rep.siaga-999999-000001"
as_other ln -s "$T/victim" "$T/p/.rep.siaga-999999-$TOK"
"$SIAGA" check "$SMALL" "$ROSTER" --report "$T/p/rep" >/dev/null 2>&1
rc=$?
[ "$rc" -le 1 ] && [ -s "$T/p/rep/cakupan.html" ] && ok || bad "check --report: exit $rc"
chmod 777 "$T/p/rep"
as_other ln -s "$T/victim" "$T/p/rep/.siaga-999999-$TOK"
"$SIAGA" check "$SMALL" "$ROSTER" --report "$T/p/rep" >/dev/null 2>&1
intact "check --report"

# 6. 600 planted predicted names deny nothing
fresh
me=$$
for n in $(seq 1 600); do
    mkdir "$T/p/.out.siaga-$((me + n % 50))-$(printf %06d "$n")"
done
plan "600 planted staging names" "$T/p/out"

# 7. another user's folder under a staging name, marker and all: it is not
# ours to remove, and a run with a lock file that is a link fails cleanly
if [ "$OTHER" = 1 ]; then
    fresh
    as_other mkdir -p "$T/p/.out.siaga-999999-$TOK/set"
    as_other sh -c "printf %s $TOK > '$T/p/.out.siaga-999999-$TOK/.siaga-stage'; echo theirs > '$T/p/.out.siaga-999999-$TOK/set/roster.xml'"
    plan "another user's staging folder" "$T/p/out"
    [ "$(cat "$T/p/.out.siaga-999999-$TOK/set/roster.xml" 2>/dev/null)" = theirs ] && ok ||
        bad "another user's staging folder was removed"
fi
fresh
as_other ln -s "$T/vfile" "$T/p/.out.siaga-lock"
"$SIAGA" plan "$SMALL" -o "$T/p/out" --quiet 2>"$T/err"
rc=$?
[ "$rc" = 3 ] && grep -q "cannot lock the output folder with .out.siaga-lock: it is a symbolic link" "$T/err" &&
    [ ! -e "$T/p/out" ] && ok || bad "a lock planted as a link: exit $rc: $(cat "$T/err")"
intact "a lock planted as a link"

# 8. one run at a time per DIR: two plans of different scenarios into one
# DIR that holds a foreign file (so each file is renamed on its own), 100
# times; DIR must end with one whole set, never a mix, and the foreign file.
# With the fault build, the first run waits 30 ms after each rename, so
# that without the lock the second run's renames fall between the first
# run's (a build without the lock left a mixed set in 69 of the 100).
SLOW_A="" SLOW_B=""
if [ -n "${FAULTS:-}" ] && [ -x "$FAULTS" ]; then
    CSIAGA=$FAULTS
    SLOW_A=SIAGA_SLOW_RENAME=30
else
    CSIAGA=$SIAGA
fi
OTHERSCN=tests/data/scenario/good.xml
rm -rf "$T/ra" "$T/rb" "$T/c"
"$SIAGA" plan "$SMALL" -o "$T/ra" --quiet 2>/dev/null
"$SIAGA" plan "$OTHERSCN" -o "$T/rb" --quiet 2>/dev/null
mkdir "$T/c"
same_as() { # same_as REF: $T/c/out holds REF's files, byte for byte, and notes.txt
    for f in "$1"/*; do cmp -s "$f" "$T/c/out/${f##*/}" || return 1; done
    [ "$(ls -A "$T/c/out" | grep -v '^notes.txt$' | tr '\n' ' ')" = "$(ls -A "$1" | tr '\n' ' ')" ]
}
mixed=0 codes="" seen_a=0 seen_b=0
for i in $(seq 1 100); do
    rm -rf "$T/c/out"
    mkdir "$T/c/out"
    echo "mine" > "$T/c/out/notes.txt"
    env $SLOW_A "$CSIAGA" plan "$SMALL" -o "$T/c/out" --quiet 2>"$T/c/ea" &
    a=$!
    env $SLOW_B "$CSIAGA" plan "$OTHERSCN" -o "$T/c/out" --quiet 2>"$T/c/eb" &
    b=$!
    wait $a; ra=$?
    wait $b; rb=$?
    [ "$ra" = 0 ] && [ "$rb" = 1 ] || codes="$codes $i:$ra/$rb"
    if same_as "$T/ra"; then seen_a=$((seen_a + 1))
    elif same_as "$T/rb"; then seen_b=$((seen_b + 1))
    else mixed=$((mixed + 1)); fi
    [ "$(cat "$T/c/out/notes.txt")" = mine ] || mixed=$((mixed + 1))
done
[ "$mixed" = 0 ] && ok || bad "two runs into one DIR: $mixed of 100 left a mixed set"
[ -z "$codes" ] && ok || bad "two runs into one DIR: exit codes (want 0/1):$codes"
[ -z "$(ls -A "$T/c" | grep -v -e '^out$' -e '^e[ab]$')" ] && ok || bad "two runs into one DIR: left $(ls -A "$T/c")"
echo "e2e-staging: two runs into one DIR, 100 times: $seen_a ended with the first set, $seen_b with the second, $mixed mixed"

# 9. a read-only DIR is refused (exit 3), not replaced by an exchange
fresh
plan "a set to protect" "$T/p/out"
cp -r "$T/p/out" "$T/keep"
chmod 555 "$T/p/out"
"$SIAGA" plan "$OTHERSCN" -o "$T/p/out" --quiet 2>"$T/err"
rc=$?
chmod 755 "$T/p/out"
[ "$rc" = 3 ] && grep -q "the output folder is read-only" "$T/err" && diff -r "$T/keep" "$T/p/out" >/dev/null &&
    [ "$(ls -A "$T/p")" = out ] && ok || bad "read-only DIR: exit $rc: $(cat "$T/err")"
rm -rf "$T/keep"

# 10. no output may be an input: exit 2 naming both, the input untouched
refuse() { # refuse WHAT FILE PATTERN command...: exit 2, FILE unchanged
    what=$1 file=$2 pat=$3; shift 3
    cp "$file" "$T/before"
    "$@" >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" = 2 ] && grep -q -- "$pat" "$T/err" && cmp -s "$file" "$T/before" && ok ||
        bad "$what: exit $rc, want 2 and '$pat': $(head -c 300 "$T/err")"
}
fresh
D=$T/p/d
plan "a set whose roster is read again" "$D"
refuse "plan d/roster.xml -o d (--baseline)" "$D/roster.xml" "$D: roster.xml would overwrite the input $D/roster.xml" \
    "$SIAGA" plan "$SMALL" --baseline "$D/roster.xml" -o "$D" --quiet
refuse "plan d/roster.xml -o d (as scenario)" "$D/roster.xml" "would overwrite the input $D/roster.xml" \
    "$SIAGA" plan "$D/roster.xml" -o "$D" --quiet
ln "$D/roster.xml" "$T/p/hard.xml"
refuse "plan with a hard link of d/roster.xml" "$D/roster.xml" "would overwrite the input $T/p/hard.xml" \
    "$SIAGA" plan "$SMALL" --baseline "$T/p/hard.xml" -o "$D" --quiet
cp "$SMALL" "$T/p/s.xml"
refuse "--export-lp onto the scenario" "$T/p/s.xml" "$T/p/s.xml: this output is the input $T/p/s.xml" \
    "$SIAGA" plan "$T/p/s.xml" -o "$T/p/o" --export-lp "$T/p/s.xml" --quiet
ln -s s.xml "$T/p/s-link.xml"
refuse "--export-mps onto a link to the scenario" "$T/p/s.xml" "this output is the input $T/p/s.xml" \
    "$SIAGA" plan "$T/p/s.xml" -o "$T/p/o" --export-mps "$T/p/s-link.xml" --quiet
[ ! -e "$T/p/o" ] && ok || bad "a refused plan made its output folder"
cp "$D/roster.xml" "$T/p/r.xml"
"$SIAGA" check "$SMALL" "$T/p/r.xml" --report "$T/p/rep" >/dev/null 2>&1
ln -f "$T/p/r.xml" "$T/p/rep/cakupan.html"
refuse "check --report onto the roster" "$T/p/r.xml" "cakupan.html would overwrite the input $T/p/r.xml" \
    "$SIAGA" check "$SMALL" "$T/p/r.xml" --report "$T/p/rep"
I=tests/data/import
cp $I/tps-bad.csv "$T/p/tps.csv"
refuse "import --drop-bad onto the --tps file" "$T/p/tps.csv" "$T/p/tps.csv: this output is the input $T/p/tps.csv" \
    "$SIAGA" import --wilayah $I/wilayah.tsv --tps "$T/p/tps.csv" --drop-bad "$T/p/tps.csv" -o "$T/p/x.xml"
refuse "import -o onto the CSV" "$T/p/tps.csv" "$T/p/tps.csv: this output is the input $T/p/tps.csv" \
    "$SIAGA" import --wilayah $I/wilayah.tsv --tps "$T/p/tps.csv" -o "$T/p/tps.csv"
cp $I/wilayah.tsv "$T/p/w.tsv"
refuse "import -o onto the wilayah list" "$T/p/w.tsv" "this output is the input $T/p/w.tsv" \
    "$SIAGA" import --wilayah "$T/p/w.tsv" --tps $I/tps-id.csv -o "$T/p/w.tsv"
refuse "merge -o onto a roster merged" "$T/p/r.xml" "this output is the input $T/p/r.xml" \
    "$SIAGA" merge "$T/p/r.xml" -o "$T/p/r.xml"
refuse "--export-lp and --export-mps one file" "$T/p/s.xml" "named as two outputs" \
    "$SIAGA" plan "$T/p/s.xml" -o "$T/p/o" --export-lp "$T/p/m" --export-mps "$T/p/m" --quiet
[ -z "$(ls -A "$T/p" | grep '^\.')" ] && ok || bad "refused runs left: $(ls -A "$T/p" | grep '^\.')"

echo "e2e-staging: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
