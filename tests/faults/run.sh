#!/bin/sh
# tests/faults/run.sh - siaga under faults (mk/faults.mk runs it).
#
# Every fault must end in a message and a non-zero exit (3; 2 only for
# bad input), never a signal, and must leave the output folder with the
# previous complete set of files (or, for a run that still succeeded, the
# new complete set), byte for byte.  Environment:
#   SIAGA    the plain binary;  FAULTS  the --wrap build (inject.c)
#   PRELOAD  inject.so for LD_PRELOAD, or empty (under ASan)
#   SAN      1 under ASan/UBSan;  FULL  1 to try every N, not a sample
#   ALLOC    1: the allocation-failure sweeps at every N (make
#            test-faults-alloc); sites: at the first N of each distinct
#            call stack (make test; see "sites" below); 0: none
#   CANARY   a siaga built with one allocation left unchecked (mk/faults.mk):
#            then only the plan sweep runs, with that binary, and it must
#            fail (a test of the test)
#
# Run as `run.sh one KIND ARG` it makes a single check (used through
# xargs -P to use both cores), prints "ok RC" or "FAIL: ...", and exits 0
# for ok, 1 for FAIL.
set -u
FENV=""   # the fault, as NAME=VALUE words for env, for siaga alone
SIAGA=${SIAGA:-build/siaga}
FAULTS=${FAULTS:-build/faults/siaga}
PRELOAD=${PRELOAD:-}
SAN=${SAN:-0}
FULL=${FULL:-1}
SMALL=tests/data/scenario/spec-example.xml
OTHER=tests/data/scenario/good.xml
KAUR=scenarios/kaur-2024.xml
ROSTER=tests/data/roster/valid.xml
# formats 1.6: <jurisdictions>, polres= scopes, a cadangan unit, <bko size>
# (the BKO integer programme runs: a place stays empty)
POLRES=tests/data/polres/tangerang.xml
# a component the greedy leaves above ceil(n/c): the posts search's count,
# walk and set-partitioning LP run (spec-example's components never do)
HARD=tests/data/scenario/posts-hard.xml

# same_set DIR REF: DIR holds exactly REF's files, byte for byte, and
# its folders (kab/<code>/ of the maps per kabupaten) likewise
same_set() {
    [ -d "$1" ] || return 1
    [ "$(ls -A "$1")" = "$(ls -A "$2")" ] || return 1
    for f in "$2"/*; do
        if [ -d "$f" ]; then
            same_set "$1/${f##*/}" "$f" || return 1
        else
            cmp -s "$f" "$1/${f##*/}" || return 1
        fi
    done
}

# the end of every check in $W: "ok", or "FAIL: WHAT: why"; nothing but
# the output (NAME, a grep pattern) and the captured streams may be left
verdict() { # verdict WHAT MSG NAME
    left=$(ls -A "$W" | grep -v -e "^$3\$" -e '^stderr$' -e '^stdout$')
    msg=$2
    if [ -z "$msg" ] && [ -n "$left" ]; then
        msg="left behind: $(echo "$left" | tr '\n' ' ')"
    fi
    if [ -n "$msg" ]; then echo "FAIL: $1: $msg"; else echo "ok $rc"; rm -rf "$W"; fi
}

# one plan run under a fault, into a copy of the previous set ($OLD, by
# default $T/old); $W is a fresh folder for it.  Env for the fault comes
# from the caller.
check_plan() { # check_plan WHAT BIN REF SCENARIO [PLAN OPTIONS...]
    what=$1 bin=$2 ref=$3 scn=$4
    shift 4
    W=$(mktemp -d "$T/w.XXXXXX")
    if [ "${FRESH:-0}" = 1 ]; then old=""; else old="${OLD:-$T/old}"; cp -r "$old" "$W/out"; fi
    env $FENV "$bin" plan "$scn" "$@" -o "$W/out" --quiet >"$W/stdout" 2>"$W/stderr"
    rc=$?
    msg=""
    case $rc in
    0|1)
        same_set "$W/out" "$ref" || msg="exit $rc but not the reference set"
        ;;
    2)  # the input could not be opened: bad input, nothing written
        grep -q '^siaga: .*cannot open' "$W/stderr" || msg="exit 2: $(head -c 300 "$W/stderr")"
        if [ -n "$old" ]; then
            same_set "$W/out" "$old" || msg="exit 2 and the previous set is not intact"
        elif [ -e "$W/out" ]; then
            msg="exit 2 and an output folder was made"
        fi
        ;;
    3)
        grep -q '^siaga: ' "$W/stderr" || msg="exit 3 without a message"
        if grep -q '^siaga: cannot write standard output' "$W/stderr"; then
            # the files were in place when stdout failed at the very end
            same_set "$W/out" "$ref" || msg="stdout failed and the new set is not in place"
        elif [ -n "$old" ]; then
            same_set "$W/out" "$old" || msg="exit 3 and the previous set is not intact"
        elif [ -e "$W/out" ]; then
            msg="exit 3 and an output folder was made"
        fi
        ;;
    *)
        msg="exit $rc: $(head -c 300 "$W/stderr")"
        ;;
    esac
    # no staging folder may stay: removing one allocates nothing and
    # opens no stream (io/outdir.c), so no fault can leave it behind
    verdict "$what" "$msg" 'out'
}

# a command whose result is its exit code and standard output
check_cmd() { # check_cmd WHAT REFCODE REFOUT command...
    what=$1 refc=$2 refo=$3; shift 3
    W=$(mktemp -d "$T/w.XXXXXX")
    env $FENV "$@" >"$W/stdout" 2>"$W/stderr"
    rc=$?
    msg=""
    if [ "$rc" = "$refc" ]; then
        cmp -s "$W/stdout" "$refo" || msg="exit $rc but another output"
    elif [ "$rc" = 3 ]; then
        grep -q '^siaga: ' "$W/stderr" || msg="exit 3 without a message"
    else
        msg="exit $rc (want $refc or 3): $(head -c 300 "$W/stderr")"
    fi
    if [ -n "$msg" ]; then echo "FAIL: $what: $msg"; else echo "ok $rc"; rm -rf "$W"; fi
}

# a command writing one file, $W/out.xml (the command names it @OUT@):
# exit 0 with the reference's bytes, or exit 3 with a message and no
# file; either way nothing else is left in its folder
check_file() { # check_file WHAT REF command...
    what=$1 ref=$2; shift 2
    W=$(mktemp -d "$T/w.XXXXXX")
    cmd=""
    for a in "$@"; do [ "$a" = @OUT@ ] && a=$W/out.xml; cmd="$cmd $a"; done
    env $FENV $cmd >"$W/stdout" 2>"$W/stderr"
    rc=$?
    msg=""
    case $rc in
    0) cmp -s "$W/out.xml" "$ref" || msg="exit 0 but not the reference file" ;;
    3) grep -q '^siaga: ' "$W/stderr" || msg="exit 3 without a message"
       [ -e "$W/out.xml" ] && msg="exit 3 and the file was written" ;;
    *) msg="exit $rc: $(head -c 300 "$W/stderr")" ;;
    esac
    verdict "$what" "$msg" 'out\.xml'
}

# split into a new folder: exit 0 with the reference parts, or exit 3 with
# a message and no folder; nothing else left beside it
check_split() { # check_split WHAT BIN [SCENARIO BY REFERENCE]
    what=$1 bin=$2 scn=${3:-tests/data/split/tiga.xml} by=${4:-kabupaten} ref=${5:-$T/parts/in}
    W=$(mktemp -d "$T/w.XXXXXX")
    env $FENV "$bin" split "$scn" --by "$by" -o "$W/parts" >"$W/stdout" 2>"$W/stderr"
    rc=$?
    msg=""
    case $rc in
    0) same_set "$W/parts" "$ref" || msg="exit 0 but not the reference parts" ;;
    3) grep -q '^siaga: ' "$W/stderr" || msg="exit 3 without a message"
       [ -e "$W/parts" ] && msg="exit 3 and the folder was made" ;;
    *) msg="exit $rc: $(head -c 300 "$W/stderr")" ;;
    esac
    verdict "$what" "$msg" 'parts'
}

IMPORT_ARGS="import --wilayah tests/data/import/wilayah.tsv --tps tests/data/import/mymaps.kml --grades tests/data/import/grades.csv --personnel tests/data/import/personnel.csv --date 2024-02-14 -o"
OVERLAY=fuzz/seeds/fuzz_overlay/spec-example.xml

if [ "${1:-}" = one ]; then
    T=$TDIR
    kind=$2 n=$3
    bin=$FAULTS
    case $kind in
    malloc-*) # N, or N:HASH to check that allocation N is at that site
              case $n in
              *:*) FENV="SIAGA_FAIL_MALLOC=${n%%:*} SIAGA_FAIL_EXPECT=${n#*:}"; n=${n%%:*} ;;
              *)   FENV="SIAGA_FAIL_MALLOC=$n" ;;
              esac
              if [ -n "$PRELOAD" ] && [ "$kind" != malloc-fresh ]; then
                  FENV="$FENV LD_PRELOAD=$PRELOAD"; bin=$SIAGA
              fi ;;
    call*)    FENV="SIAGA_FAIL_CALL=$n" ;;
    disk)     FENV="SIAGA_FAIL_DISK=$n" ;;
    esac
    case $kind in
    malloc-plan)  check_plan "plan, allocation $n fails" "$bin" "$T/ref" "$SMALL" --jobs 1 ;;
    malloc-plan2) check_plan "plan --jobs 2, allocation $n fails" "$bin" "$T/ref" "$SMALL" --jobs 2 ;;
    malloc-fresh) FRESH=1 check_plan "plan into a new folder, allocation $n fails" "$bin" "$T/ref" "$SMALL" --jobs 1 ;;
    malloc-check) check_cmd "check, allocation $n fails" "$(cat "$T/check.rc")" "$T/check.out" "$bin" check "$SMALL" "$ROSTER" ;;
    malloc-card)  check_cmd "check --card, allocation $n fails" "$(cat "$T/card.rc")" "$T/card.out" "$bin" check "$SMALL" "$T/ref/roster.xml" --card "$T/cards/kartu/pos-P0001.txt" ;;
    malloc-import) check_file "import, allocation $n fails" "$T/import.xml" "$bin" $IMPORT_ARGS @OUT@ ;;
    malloc-timeline) check_plan "plan --timeline, allocation $n fails" "$bin" "$T/timeline" "$SMALL" --timeline --jobs 1 ;;
    malloc-cards) OLD=$T/oldcards check_plan "plan --cards over another roster's cards, allocation $n fails" "$bin" "$T/cardsref" "$SMALL" --cards --jobs 1 ;;
    malloc-maps)  OLD=$T/oldmaps check_plan "plan --maps per-kabupaten, allocation $n fails" "$bin" "$T/maps" "$SMALL" --maps per-kabupaten --jobs 1 ;;
    malloc-check2) check_cmd "check of a version 2 roster, allocation $n fails" "$(cat "$T/check2.rc")" "$T/check2.out" "$bin" check "$SMALL" "$T/timeline/roster.xml" ;;
    malloc-certs) check_cmd "check --certificates, allocation $n fails" "$(cat "$T/certs.rc")" "$T/certs.out" "$bin" check "$T/parts/in/7502.xml" "$T/certs-roster.xml" --certificates "$T/parts/b/kekurangan.csv" ;;
    malloc-split) check_split "split, allocation $n fails" "$bin" ;;
    malloc-polres) check_plan "plan with jurisdictions and formations, allocation $n fails" "$bin" "$T/polres" "$POLRES" --jobs 1 ;;
    malloc-hard)  check_plan "plan of a hard component, allocation $n fails" "$bin" "$T/hard" "$HARD" --jobs 1 ;;
    malloc-why)   check_plan "plan --why-members, allocation $n fails" "$bin" "$T/why" "$POLRES" --why-members --jobs 1 ;;
    malloc-splitp) check_split "split --by polres, allocation $n fails" "$bin" "$POLRES" polres "$T/polres-parts" ;;
    malloc-merge) check_file "merge, allocation $n fails" "$T/merged.xml" "$bin" merge "$T/parts/a/roster.xml" "$T/parts/b/roster.xml" -o @OUT@ ;;
    malloc-replan) check_plan "plan --with --baseline, allocation $n fails" "$bin" "$T/replan" "$SMALL" \
                       --with "$OVERLAY" --baseline "$T/ref/roster.xml" --jobs 1 ;;
    call)         check_plan "plan, call $n fails" "$bin" "$T/ref" "$SMALL" ;;
    call-fresh)   FRESH=1 check_plan "plan into a new folder, call $n fails" "$bin" "$T/ref" "$SMALL" ;;
    call-maps)    OLD=$T/oldmaps check_plan "plan --maps per-kabupaten, call $n fails" "$bin" "$T/maps" "$SMALL" --maps per-kabupaten ;;
    disk)         check_plan "plan, disk with $n bytes free" "$bin" "$T/ref" "$SMALL" ;;
    *)            echo "FAIL: unknown kind $kind" ;;
    esac > "$T/one.$$"
    cat "$T/one.$$"
    case $(cat "$T/one.$$") in ok*) rm -f "$T/one.$$"; exit 0 ;; esac
    rm -f "$T/one.$$"
    exit 1
fi

# a call site is the allocator's caller and its SITE_DEPTH - 1 callers
# (0: the whole stack, about three times as many runs; see README)
SITE_DEPTH=${SITE_DEPTH:-4}
export SIAGA_FAIL_SITE_DEPTH=$SITE_DEPTH
T=$(mktemp -d /tmp/siaga-faults-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; umount "$T/tmpfs" 2>/dev/null; rm -rf "$T"' EXIT
export TDIR=$T SIAGA FAULTS PRELOAD SAN FULL
pass=0
fail=0
. tests/skip.sh
tally() { # read "ok RC" / FAIL lines
    while IFS= read -r line; do
        case $line in
        ok*) pass=$((pass + 1)) ;;
        *) fail=$((fail + 1)); [ "$fail" -le 20 ] && echo "$line"; echo "$line" >> "$T/fails" ;;
        esac
    done
}
say() { echo "faults: $*"; }
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# reference sets: the plan under test and a previous one to protect
"$SIAGA" plan "$SMALL" -o "$T/ref" --quiet || { echo "faults: reference plan failed"; exit 1; }
"$SIAGA" plan "$OTHER" -o "$T/old" --quiet
"$SIAGA" check "$SMALL" "$ROSTER" > "$T/check.out" 2>/dev/null
echo $? > "$T/check.rc"
# a duty card of the reference plan, checked against its roster
"$SIAGA" cards "$T/ref/roster.xml" --scenario "$SMALL" -o "$T/cards" 2>/dev/null ||
    { echo "faults: reference cards failed"; exit 1; }
"$SIAGA" check "$SMALL" "$T/ref/roster.xml" --card "$T/cards/kartu/pos-P0001.txt" > "$T/card.out" 2>/dev/null
echo $? > "$T/card.rc"
"$SIAGA" plan "$SMALL" --with "$OVERLAY" --baseline "$T/ref/roster.xml" -o "$T/replan" --quiet ||
    { echo "faults: reference re-plan failed"; exit 1; }
"$SIAGA" $IMPORT_ARGS "$T/import.xml" 2>/dev/null || { echo "faults: reference import failed"; exit 1; }
# exit 1 is a reference too: with the PPK as reported (12 guards and 4
# Linmas at the rekap) the small scenario leaves place-hours empty
"$SIAGA" plan "$SMALL" --timeline -o "$T/timeline" --quiet
[ $? -le 1 ] || { echo "faults: reference timeline plan failed"; exit 1; }
"$SIAGA" check "$SMALL" "$T/timeline/roster.xml" > "$T/check2.out" 2>/dev/null
echo $? > "$T/check2.rc"
# jurisdictions and formations: exit 1 (a place stays empty), and its parts
"$SIAGA" plan "$POLRES" -o "$T/polres" --quiet
[ $? = 1 ] || { echo "faults: reference plan of $POLRES failed"; exit 1; }
# the posts search beyond the greedy (the count, the walk, the LP)
"$SIAGA" plan "$HARD" -o "$T/hard" --quiet || { echo "faults: reference plan of $HARD failed"; exit 1; }
# the members' next-best places (the forced LPs, alasan-anggota.csv, the
# report's section) on the same scenario: a cadangan unit, an empty place
"$SIAGA" plan "$POLRES" --why-members -o "$T/why" --quiet
[ $? = 1 ] || { echo "faults: reference plan --why-members of $POLRES failed"; exit 1; }
"$SIAGA" split "$POLRES" --by polres -o "$T/polres-parts" 2>/dev/null ||
    { echo "faults: reference split --by polres failed"; exit 1; }
# the maps per kabupaten (kab/<code>/ folders in the set), and a previous
# set of the same names to protect (both scenarios are kabupaten 1704)
"$SIAGA" plan "$SMALL" --maps per-kabupaten -o "$T/maps" --quiet ||
    { echo "faults: reference plan --maps per-kabupaten failed"; exit 1; }
"$SIAGA" plan "$OTHER" --maps per-kabupaten -o "$T/oldmaps" --quiet
# plan --cards over the plan and cards of another roster in a folder that
# holds another file: the set goes in file by file, kartu/ whole
# (outdir_own), and the earlier roster's cards go
"$SIAGA" plan "$OTHER" --cards -o "$T/oldcards" --quiet
echo mine > "$T/oldcards/catatan.txt"
cp -r "$T/oldcards" "$T/cardsref"
"$SIAGA" plan "$SMALL" --cards -o "$T/cardsref" --quiet
[ $? -le 1 ] && [ -e "$T/cardsref/catatan.txt" ] ||
    { echo "faults: reference plan --cards over another roster's cards failed"; exit 1; }
# two parts of a split scenario, planned apart, and their merged roster
"$SIAGA" split tests/data/split/tiga.xml --by kabupaten -o "$T/parts/in" 2>/dev/null
"$SIAGA" plan "$T/parts/in/7501.xml" -o "$T/parts/a" --quiet   # 0: full
"$SIAGA" plan "$T/parts/in/7502.xml" -o "$T/parts/b" --quiet   # 1: short
"$SIAGA" merge "$T/parts/a/roster.xml" "$T/parts/b/roster.xml" -o "$T/merged.xml" 2>/dev/null ||
    { echo "faults: reference split, plans and merge failed"; exit 1; }
# the short part's certificates (kekurangan.csv) checked against its
# roster, claiming "feasible" so that check verifies them without planning
sed 's/status="shortage"/status="feasible"/' "$T/parts/b/roster.xml" > "$T/certs-roster.xml"
"$SIAGA" check "$T/parts/in/7502.xml" "$T/certs-roster.xml" --certificates "$T/parts/b/kekurangan.csv" > "$T/certs.out" 2>/dev/null
echo $? > "$T/certs.rc"
grep -q '^BUKTI KEKURANGAN: SAH' "$T/certs.out" || { echo "faults: reference check --certificates failed"; exit 1; }

# how many calls of each kind a clean run makes
# count ENV... COMMAND...: $C/out is a copy of the previous set, $C/new
# does not exist.  $C's name is as long as the sweeps' $W, so a run
# allocates here as it will there (some allocations grow with the path).
C=$T/w.count0
count() {
    rm -rf "$T/report" "$C"
    mkdir -p "$C"
    cp -r "${OLD:-$T/old}" "$C/out"
    env SIAGA_FAIL_REPORT="$T/report" "$@" >/dev/null 2>&1
}
calls() { awk -v k="$1" '$1 == k { print $2; exit }' "$T/report"; }

# The allocation numbers to fail, one per line of $T/args, for one command
# (alloc_args ENV... COMMAND...):
#   ALLOC=1      every N from 1 to n, the allocations of a clean run
#                (make test-faults-alloc; under ASan only with FULL=1)
#   otherwise    N:HASH for each N that is the first allocation with its
#                call stack (inject.c, SIAGA_FAIL_SITES: the return
#                addresses relative to each module's load address, so the
#                list is the same on every machine for the same build).
#                Every allocation site is failed once for each distinct
#                chain of callers that reaches it; the runner checks that
#                allocation N is still at HASH, so the sample cannot drift
#                to other code unnoticed.
alloc_args() {
    rm -f "$T/sites"
    count SIAGA_FAIL_SITES="$T/sites" "$@"
    n=$(calls malloc)
    if [ "${n:-0}" -le 0 ]; then
        bad "no allocation counted in a clean run of: $*"
        : > "$T/args"
    elif [ "$ALLOC" = 1 ] && { [ "$FULL" = 1 ] || [ "$n" -le 150 ]; }; then
        seq 1 "$n" > "$T/args"
    else
        tr ' ' : < "$T/sites" > "$T/args"
    fi
}

# sweep KIND WHAT: one run of KIND per line of $T/args, two at a time.
# Each runner prints one verdict and exits 1 when it failed; the sweep
# fails unless there are as many verdicts as arguments, xargs agrees with
# them, and at least one injected fault made the command exit 3 (were
# injection to stop working, every run would simply succeed).
sweep() {
    kind=$1 what=$2
    nargs=$(wc -l < "$T/args")
    say "$what: $nargs runs"
    if [ "$nargs" -eq 0 ]; then bad "$what: nothing to sweep"; return; fi
    : > "$T/sweep.out"   # appended to: two runners never write over each other
    xargs -P 2 -n 1 sh tests/faults/run.sh one "$kind" < "$T/args" >> "$T/sweep.out"
    xrc=$?
    nout=$(grep -c -e '^ok' -e '^FAIL' "$T/sweep.out")
    nfail=$(grep -c '^FAIL' "$T/sweep.out")
    tally < "$T/sweep.out"
    [ "$nout" -eq "$nargs" ] || bad "$what: $nargs runs but $nout verdicts (xargs exit $xrc)"
    if [ "$nfail" -eq 0 ] && [ "$xrc" -ne 0 ]; then bad "$what: xargs exit $xrc"; fi
    if [ "$nfail" -gt 0 ] && [ "$xrc" -ne 123 ]; then bad "$what: $nfail runs failed but xargs exit $xrc"; fi
    grep -q '^ok 3$' "$T/sweep.out" || bad "$what: no run exited 3 under its fault (is injection working?)"
    sweep_runs=$((sweep_runs + nargs))
}
sweep_runs=0

# 0. the canary: one allocation left unchecked must make the sweep fail
if [ -n "${CANARY:-}" ]; then
    ALLOC=sites
    if [ -n "$PRELOAD" ]; then
        alloc_args LD_PRELOAD="$PRELOAD" "$CANARY" plan "$SMALL" -o "$C/out" --quiet --jobs 1
        SIAGA=$CANARY
    else
        alloc_args "$CANARY" plan "$SMALL" -o "$C/out" --quiet --jobs 1
        FAULTS=$CANARY
    fi
    export SIAGA FAULTS
    sweep malloc-plan "canary: plan with an unchecked allocation, at each call site" > "$T/canary.out"
    cat "$T/canary.out" | grep -v '^FAIL' | sed 's/^/  /'
    if [ "$fail" -gt 0 ] && grep -q '^FAIL: plan, allocation [0-9]* fails: exit \(139\|1\)' "$T/canary.out"; then
        echo "faults: canary caught ($fail failing runs; the first: $(grep -m 1 '^FAIL' "$T/canary.out" | head -c 120))"
        exit 0
    fi
    echo "faults: FAIL: the sweep did not catch the canary's unchecked allocation"
    exit 1
fi

# 1. allocation failures at each allocation site (ALLOC=1: every N) of
# each command
ALLOC=${ALLOC:-0}
if [ "$ALLOC" != 0 ] && [ -n "$PRELOAD" ]; then
    how="(whole process, LD_PRELOAD)"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$SMALL" -o "$C/out" --quiet --jobs 1
    sweep malloc-plan "plan: allocation N fails, N of 1..$n $how"
    # two threads take allocation numbers in any order: each N is tried
    # without checking its site (a number that moved still fails some
    # allocation, which must be handled all the same)
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$SMALL" -o "$C/out" --quiet --jobs 2
    sed -i 's/:.*//' "$T/args"
    sweep malloc-plan2 "plan --jobs 2: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" check "$SMALL" "$ROSTER"
    sweep malloc-check "check: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" check "$SMALL" "$T/ref/roster.xml" --card "$T/cards/kartu/pos-P0001.txt"
    sweep malloc-card "check --card (the card reader, the roster hashed and read): allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" $IMPORT_ARGS "$C/out.xml"
    sweep malloc-import "import (KML, grades, personnel): allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$SMALL" --with "$OVERLAY" --baseline "$T/ref/roster.xml" -o "$C/out" --quiet --jobs 1
    sweep malloc-replan "plan --with overlay --baseline roster: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$SMALL" --timeline -o "$C/out" --quiet --jobs 1
    sweep malloc-timeline "plan --timeline (roster version 2, shifts): allocation N fails, N of 1..$n $how"
    OLD=$T/oldmaps
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$SMALL" --maps per-kabupaten -o "$C/out" --quiet --jobs 1
    unset OLD
    sweep malloc-maps "plan --maps per-kabupaten (folders in the set, the index): allocation N fails, N of 1..$n $how"
    OLD=$T/oldcards
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$SMALL" --cards -o "$C/out" --quiet --jobs 1
    unset OLD
    sweep malloc-cards "plan --cards over another roster's cards, file by file (kartu/ owned): allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" check "$SMALL" "$T/timeline/roster.xml"
    sweep malloc-check2 "check of a version 2 roster: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" merge "$T/parts/a/roster.xml" "$T/parts/b/roster.xml" -o "$C/out.xml"
    sweep malloc-merge "merge of two rosters: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" check "$T/parts/in/7502.xml" "$T/certs-roster.xml" --certificates "$T/parts/b/kekurangan.csv"
    sweep malloc-certs "check --certificates (kekurangan.csv): allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" split tests/data/split/tiga.xml --by kabupaten -o "$C/parts"
    sweep malloc-split "split into kabupaten: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$POLRES" -o "$C/out" --quiet --jobs 1
    sweep malloc-polres "plan with jurisdictions, a cadangan unit and BKO formations: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$HARD" -o "$C/out" --quiet --jobs 1
    sweep malloc-hard "plan of a component above ceil(n/c) (the count, the walk, the LP): allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" plan "$POLRES" --why-members -o "$C/out" --quiet --jobs 1
    sweep malloc-why "plan --why-members: allocation N fails, N of 1..$n $how"
    alloc_args LD_PRELOAD="$PRELOAD" "$SIAGA" split "$POLRES" --by polres -o "$C/parts"
    sweep malloc-splitp "split --by polres: allocation N fails, N of 1..$n $how"
    # the --wrap build into a new folder: siaga's own allocations only
    a=$ALLOC; ALLOC=sites
    alloc_args "$FAULTS" plan "$SMALL" -o "$C/new" --quiet --jobs 1
    ALLOC=$a
    sweep malloc-fresh "plan into a new folder: allocation N fails, N of 1..$n (siaga and libxml2, --wrap)"
elif [ "$ALLOC" != 0 ]; then
    how="(siaga and libxml2, --wrap)"
    alloc_args "$FAULTS" plan "$SMALL" -o "$C/out" --quiet --jobs 1
    sweep malloc-plan "plan: allocation N fails, N of 1..$n $how"
    alloc_args "$FAULTS" check "$SMALL" "$ROSTER"
    sweep malloc-check "check: allocation N fails, N of 1..$n $how"
    alloc_args "$FAULTS" plan "$POLRES" -o "$C/out" --quiet --jobs 1
    sweep malloc-polres "plan with jurisdictions, a cadangan unit and BKO formations: allocation N fails, N of 1..$n $how"
    alloc_args "$FAULTS" plan "$HARD" -o "$C/out" --quiet --jobs 1
    sweep malloc-hard "plan of a component above ceil(n/c) (the count, the walk, the LP): allocation N fails, N of 1..$n $how"
    alloc_args "$FAULTS" plan "$POLRES" --why-members -o "$C/out" --quiet --jobs 1
    sweep malloc-why "plan --why-members: allocation N fails, N of 1..$n $how"
    alloc_args "$FAULTS" check "$T/parts/in/7502.xml" "$T/certs-roster.xml" --certificates "$T/parts/b/kekurangan.csv"
    sweep malloc-certs "check --certificates (kekurangan.csv): allocation N fails, N of 1..$n $how"
    alloc_args "$FAULTS" check "$SMALL" "$T/ref/roster.xml" --card "$T/cards/kartu/pos-P0001.txt"
    sweep malloc-card "check --card: allocation N fails, N of 1..$n $how"
fi

# 2. every file call of the output path fails in turn, into the previous
# set, into a new folder, and with the maps per kabupaten (folders made in
# the staging set: mkdirat counts as mkdir, openat as fopen)
for fresh in "" -fresh -maps; do
    case $fresh in
    "")     count "$FAULTS" plan "$SMALL" -o "$C/out" --quiet ;;
    -fresh) count "$FAULTS" plan "$SMALL" -o "$C/new" --quiet ;;
    *)      OLD=$T/oldmaps
            count "$FAULTS" plan "$SMALL" --maps per-kabupaten -o "$C/out" --quiet
            unset OLD ;;
    esac
    for c in fopen mkdir rename renameat2 fsync fflush fclose opendir; do
        k=$(calls $c)
        [ "${k:-0}" -gt 0 ] && seq 1 "$k" | sed "s/^/$c:/"
    done > "$T/args"
    case $fresh in
    "")     sweep call "plan: each file call fails in turn" ;;
    -fresh) sweep call-fresh "plan into a new folder: each file call fails in turn" ;;
    *)      sweep call-maps "plan --maps per-kabupaten: each file call fails in turn" ;;
    esac
done

# 3. a full disk at every size up to the whole output, in steps
total=$(cat "$T"/ref/* | wc -c)
[ "$total" -gt 0 ] || bad "the reference set is empty"
{ echo 0 1 100 4095 4096 4097 | tr ' ' '\n'; seq 0 $((total / 40 + 1)) "$total"; echo $((total - 1)); } > "$T/args"
sweep disk "plan: disk full after B bytes, B = 0..$total"
W=$(mktemp -d "$T/w.XXXXXX")
FENV="SIAGA_FAIL_DISK=$total"; env $FENV "$FAULTS" plan "$SMALL" -o "$W/out" --quiet && same_set "$W/out" "$T/ref" && ok || bad "a disk just large enough"

# a real full disk: a small tmpfs, when this machine lets us mount one
mkdir -p "$T/tmpfs"
if mount -t tmpfs -o size=64k siaga-faults "$T/tmpfs" 2>/dev/null; then
    say "plan: real full disk (64 KiB tmpfs)"
    "$SIAGA" plan "$KAUR" -o "$T/tmpfs/out" --quiet 2>"$T/err"
    rc=$?
    [ "$rc" = 3 ] && grep -q "No space left" "$T/err" && ok || bad "tmpfs: exit $rc: $(cat "$T/err")"
    [ -z "$(ls -A "$T/tmpfs")" ] && ok || bad "tmpfs: left $(ls -A "$T/tmpfs")"
    umount "$T/tmpfs"
else
    skip faults 2 "real full disk: cannot mount a tmpfs here (SIAGA_FAIL_DISK covers the same paths)"
fi

# 4. unwritable output folders
W=$(mktemp -d "$T/w.XXXXXX")
for out in /proc/siaga-faults/out "$SMALL/out" "$SMALL"; do
    "$SIAGA" plan "$SMALL" -o "$out" --quiet 2>"$W/err"
    rc=$?
    [ "$rc" = 3 ] && grep -q "^siaga: .*folder" "$W/err" && ok || bad "output $out: exit $rc: $(cat "$W/err")"
done
# the exported model is one file, put in place whole: a folder that
# cannot take it fails the run, and a previous model stays as it was
echo "previous model" > "$W/model.lp"
"$SIAGA" plan "$SMALL" -o "$W/p1" --export-lp "$SMALL/model.lp" --quiet 2>"$W/err"
rc=$?
[ "$rc" = 3 ] && grep -q "^siaga: $SMALL/model.lp: cannot write" "$W/err" && ok || bad "export into a file's path: exit $rc: $(cat "$W/err")"
"$SIAGA" plan "$SMALL" -o "$W/p2" --export-lp "$W/model.lp" --quiet 2>"$W/err" &&
    grep -q "^Minimize" "$W/model.lp" && [ -z "$(ls -A "$W" | grep '^\.model')" ] && ok || bad "export over a previous model"
# the MPS model is written by siaga itself (solver/export.c), after every
# other file: its last fopen, or its fclose (the last but one: the last
# is standard output's), failing fails the run naming the model's path
# (not the temporary GLPK and the writer see), and leaves no model and
# no temporary
rm -rf "$T/report"
SIAGA_FAIL_REPORT="$T/report" "$FAULTS" plan "$SMALL" -o "$W/m0" --export-mps "$W/m0.mps" --quiet >/dev/null 2>&1
grep -q "^NAME siaga FREE$" "$W/m0.mps" && ok || bad "export-mps: no free MPS written"
for spec in "fopen:$(calls fopen)" "fclose:$(($(calls fclose) - 1))"; do
    rm -rf "$W/m1" "$W/m1.mps"
    SIAGA_FAIL_CALL=$spec "$FAULTS" plan "$SMALL" -o "$W/m1" --export-mps "$W/m1.mps" --quiet 2>"$W/err"
    rc=$?
    [ "$rc" = 3 ] && grep -q "^siaga: $W/m1.mps: cannot write the model" "$W/err" &&
        [ -z "$(ls -A "$W" | grep 'm1\.mps')" ] && ok || bad "export-mps, $spec fails: exit $rc: $(cat "$W/err")"
done
# root writes anywhere: as root, the plan runs as nobody, who owns the
# folder (so it can read the previous set) but may not write it
if can_drop_root; then
    cp -r "$T/old" "$W/ro"
    [ "$(id -u)" -eq 0 ] && chown -R nobody "$W/ro" && chmod 711 "$T"
    chmod 500 "$W/ro" && chmod 555 "$W"
    unprivileged "$SIAGA" plan "$SMALL" -o "$W/ro" --quiet 2>/dev/null
    rc=$?
    chmod 755 "$W" "$W/ro"
    [ "$rc" = 3 ] && same_set "$W/ro" "$T/old" && ok || bad "read-only folder: exit $rc"
else
    skip faults 1 "read-only folder: running as root without setpriv or runuser"
fi

# 5. GLPK failures: time limit, failure, error hook, at several calls
count "$FAULTS" plan "$KAUR" -o "$C/out" --quiet
ni=$(calls intopt) ns=$(calls simplex)
say "plan: GLPK fails (intopt 1..$ni, simplex 1..$ns; time limit, failure, error hook, no solution)"
"$SIAGA" plan "$KAUR" -o "$T/kaur" --quiet
specs="intopt:1 intopt:$(( (ni + 1) / 2 )) intopt:$ni simplex:1 simplex:$(( (ns + 1) / 2 )) simplex:$ns"
[ "$SAN" = 1 ] && specs="intopt:$ni simplex:1"
for how in tmlim fail hook nosol; do
    for spec in $specs; do
        W=$(mktemp -d "$T/w.XXXXXX")
        cp -r "$T/old" "$W/out"
        SIAGA_FAIL_SOLVER=$spec SIAGA_FAIL_GLP=$how "$FAULTS" plan "$KAUR" -o "$W/out" --quiet 2>"$W/err"
        rc=$?
        case $rc in
        0|1) "$SIAGA" check "$KAUR" "$W/out/roster.xml" >/dev/null 2>&1
             c=$?; [ "$c" = "$rc" ] && ok || bad "GLPK $how at $spec: exit $rc but check says $c" ;;
        3)   grep -q '^siaga: ' "$W/err" && same_set "$W/out" "$T/old" && ok || bad "GLPK $how at $spec: exit 3, no message or set changed" ;;
        *)   bad "GLPK $how at $spec: exit $rc: $(head -c 300 "$W/err")" ;;
        esac
    done
done

# 5b. GLPK failures in the BKO integer programme of formations (formats
# 1.6): every intopt call of the plan with <bko size> fails in turn
count "$FAULTS" plan "$POLRES" -o "$C/out" --quiet
ni=$(calls intopt)
say "plan with BKO formations: GLPK fails (intopt 1..${ni:-0}; time limit, failure, error hook, no solution)"
[ "${ni:-0}" -gt 0 ] && ok || bad "the plan of $POLRES made no intopt call"
for how in tmlim fail hook nosol; do
    for k in $(seq 1 "${ni:-0}"); do
        W=$(mktemp -d "$T/w.XXXXXX")
        cp -r "$T/old" "$W/out"
        SIAGA_FAIL_SOLVER=intopt:$k SIAGA_FAIL_GLP=$how "$FAULTS" plan "$POLRES" -o "$W/out" --quiet 2>"$W/err"
        rc=$?
        case $rc in
        1) "$SIAGA" check "$POLRES" "$W/out/roster.xml" >/dev/null 2>&1
           c=$?; [ "$c" = 1 ] && [ -s "$W/out/bko.csv" ] && ok || bad "BKO GLPK $how at intopt:$k: exit 1 but check says $c" ;;
        3) grep -q '^siaga: ' "$W/err" && same_set "$W/out" "$T/old" && ok || bad "BKO GLPK $how at intopt:$k: exit 3, no message or set changed" ;;
        *) bad "BKO GLPK $how at intopt:$k: exit $rc: $(head -c 300 "$W/err")" ;;
        esac
    done
done

# 6. huge inputs: refused in bounded memory, with a clear message
say "limits: huge inputs"
W=$(mktemp -d "$T/w.XXXXXX")
python3 - "$W" "$SMALL" <<'EOF'
import sys
w, small = sys.argv[1], open(sys.argv[2]).read()
hdr = '<?xml version="1.0"?>\n<scenario xmlns="urn:siaga:scenario:1" name="x" '
open(w + '/attrs.xml', 'w').write(hdr + ' '.join('a%d="1"' % i for i in range(1000000)) + '/>\n')
open(w + '/attrs100k.xml', 'w').write(hdr + ' '.join('a%d="1"' % i for i in range(100000)) + '/>\n')
r2 = '<?xml version="1.0"?>\n<roster xmlns="urn:siaga:roster:2" version="2">\n<day '
open(w + '/roster2-attrs.xml', 'w').write(r2 + ' '.join('a%d="1"' % i for i in range(100000)) + '/>\n</roster>\n')
open(w + '/deep.xml', 'w').write('<?xml version="1.0"?>\n<scenario xmlns="urn:siaga:scenario:1">' + '<rules>' * 100000 + '</rules>' * 100000 + '</scenario>\n')
open(w + '/name.xml', 'w').write(small.replace('name="Kaur"', 'name="' + 'K' * 100000 + '"', 1))
open(w + '/count.xml', 'w').write(small.replace('</personnel>', ''.join(
    '<unit id="U%d" force="tni" name="%s" count="1000000"/>' % (i, 'N' * 250) for i in range(40)) + '</personnel>'))
open(w + '/members.xml', 'w').write(small.replace('</personnel>', ''.join(
    '<unit id="U%d" force="tni" name="u" count="1000000"/>' % i for i in range(5)) + '</personnel>'))
EOF
truncate -s 1G "$W/big.xml"
# bounded KIB COMMAND...: COMMAND with at most KIB KiB of address space,
# so a reader that expands what it should refuse runs out of memory and
# exits 3, not 2; and a generous guard against a hang.  Not under ASan,
# which reserves terabytes of address space.  How long these take and how
# much they use is measured by make bench (bench/limits.sh), not here.
bounded() {
    kib=$1; shift
    if [ "$SAN" = 1 ]; then timeout 600 "$@"
    else (ulimit -v "$kib" && exec timeout 600 "$@"); fi
}
limit() { # limit FILE PATTERN: validate refuses FILE in 1.5 GiB
    bounded 1572864 "$SIAGA" validate "$W/$1" >/dev/null 2>"$W/err"
    rc=$?
    [ "$rc" = 2 ] && grep -q "$2" "$W/err" && ok || bad "$1: exit $rc: $(head -c 200 "$W/err")"
    say "  $1: $(head -n 1 "$W/err" | sed "s|$W/||")"
}
limit attrs.xml "attributes in one element"
limit attrs100k.xml "attributes in one element"
limit deep.xml "depth"
limit name.xml "bytes long; the limit"
limit count.xml "MiB, the limit"
[ "$SAN" = 1 ] || limit members.xml "members, the limit"
limit big.xml "larger than"
cp tests/data/scenario/bad-billion-laughs.xml "$W/laughs.xml"
limit laughs.xml "entity"
"$SIAGA" check "$SMALL" "$W/big.xml" 2>"$W/err" >/dev/null
[ $? = 2 ] && grep -q "larger than" "$W/err" && ok || bad "roster of 1 GB"
"$SIAGA" check "$SMALL" "$W/attrs.xml" 2>"$W/err" >/dev/null
[ $? = 2 ] && grep -q "attributes in one element" "$W/err" && ok || bad "roster with a million attributes"
"$SIAGA" check "$SMALL" "$W/roster2-attrs.xml" 2>"$W/err" >/dev/null
[ $? = 2 ] && grep -q "roster2-attrs.xml:3: more than 256 attributes" "$W/err" && ok || bad "roster version 2 with 100,000 attributes: $(head -c 200 "$W/err")"
# the importers' own readers: CSV records and files, the wilayah list, KML
implimit() { # implimit FILE PATTERN import-args...: refused in 200 MiB
    f=$1 pat=$2; shift 2
    rm -f "$W/imp.xml"
    bounded 204800 "$SIAGA" import "$@" -o "$W/imp.xml" >/dev/null 2>"$W/err"
    rc=$?
    [ "$rc" = 2 ] && grep -q "$pat" "$W/err" && [ ! -e "$W/imp.xml" ] && ok || bad "import $f: exit $rc: $(head -c 200 "$W/err")"
    say "  import $f: $(head -n 1 "$W/err" | sed "s|$W/||")"
}
IW="--wilayah tests/data/import/wilayah.tsv"
truncate -s 1G "$W/big.csv"
python3 -c "import sys; open(sys.argv[1], 'w').write('kecamatan,kelurahan,tps,lat,lon\n' + 'Tangerang,Sukarasa,1,-6.17,106.63,' + 'x' * 5000000 + '\n')" "$W/long.csv"
implimit big.csv "larger than 536870912 bytes" $IW --tps "$W/big.csv"
implimit long.csv "long.csv:2: the record is longer than" $IW --tps "$W/long.csv"
implimit personnel-big.csv "larger than 536870912 bytes" $IW --tps tests/data/import/mymaps.kml --personnel "$W/big.csv"
implimit wilayah-big.tsv "longer than 4096 bytes" --wilayah "$W/big.csv" --tps tests/data/import/mymaps.kml
truncate -s 1G "$W/big.kml"
implimit big.kml "big.kml" $IW --tps "$W/big.kml"
printf '<?xml version="1.0"?>\n<roster xmlns="urn:siaga:roster:2">' > "$W/roster2-big.xml"
truncate -s 1G "$W/roster2-big.xml"
"$SIAGA" check "$SMALL" "$W/roster2-big.xml" 2>"$W/err" >/dev/null
[ $? = 2 ] && grep -q "larger than" "$W/err" && ok || bad "roster version 2 of 1 GB: $(head -c 200 "$W/err")"

# 7. runs killed at random moments leave the previous set or the new one
runs=30
[ "$SAN" = 1 ] && runs=10
say "plan: $runs runs killed (SIGKILL) at random moments"
W=$(mktemp -d "$T/w.XXXXXX")
cp -r "$T/old" "$W/out"
t0=$(date +%s%N)
"$SIAGA" plan "$KAUR" -o "$W/probe" --quiet
span=$(( ($(date +%s%N) - t0) / 1000 ))   # microseconds
rm -rf "$W/probe"
seen_old=0 seen_new=0
for i in $(seq 1 "$runs"); do
    d=$(awk -v s="$span" -v r="$(od -An -N4 -tu4 /dev/urandom)" 'BEGIN { srand(r); printf "%.6f", rand() * s * 1.2 / 1e6 }')
    "$SIAGA" plan "$KAUR" -o "$W/out" --quiet 2>/dev/null &
    pid=$!
    sleep "$d"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if same_set "$W/out" "$T/old"; then seen_old=$((seen_old + 1)); ok
    elif same_set "$W/out" "$T/kaur"; then seen_new=$((seen_new + 1)); ok
        rm -rf "$W/out"; cp -r "$T/old" "$W/out"
    else bad "killed after $d s: $(ls -A "$W/out" 2>&1 | tr '\n' ' ')"; rm -rf "$W/out"; cp -r "$T/old" "$W/out"
    fi
done
say "  $seen_old left the previous set, $seen_new the new one"
"$SIAGA" plan "$KAUR" -o "$W/out" --quiet
[ "$(ls -A "$W")" = out ] && ok || bad "a killed run's staging folder was not cleaned up: $(ls -A "$W" | tr '\n' ' ')"

# 8. the same input gives the same bytes, with one worker or two
say "determinism: two runs, and --jobs 1 / 2 when there is the option"
"$SIAGA" plan "$KAUR" -o "$W/d1" --quiet
same_set "$W/d1" "$T/kaur" && ok || bad "two runs differ"
if "$SIAGA" --help 2>&1 | grep -q -- '--jobs'; then
    "$SIAGA" plan "$KAUR" -o "$W/j1" --quiet --jobs 1
    "$SIAGA" plan "$KAUR" -o "$W/j2" --quiet --jobs 2
    same_set "$W/j1" "$W/j2" && ok || bad "--jobs 1 and --jobs 2 differ"
    same_set "$W/j1" "$T/kaur" && ok || bad "--jobs 1 differs from the default"
fi

[ -s "$T/fails" ] && cp "$T/fails" "${FAULTS_LOG:-/dev/null}"
echo "faults: $pass passed, $fail failed, $skipped skipped; $sweep_runs runs in the sweeps"
[ "$fail" -eq 0 ]
