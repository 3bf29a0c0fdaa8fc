#!/bin/sh
# e2e_timelimit.sh - a time limit that holds (issue 11, item 4): whatever
# --time-limit stops, plan still writes a complete roster that keeps every
# rule, and its status claims nothing it has not proven.
#
# For each run: plan exits 0 or 1; the roster lists every member of the
# scenario once (guard, Linmas or reserve); `siaga check` finds no broken
# rule and exits as plan did (0 full, 1 places empty), which also tests the
# status: an "optimal" or "shortage" roster is planned again by check and
# refuted when siaga finds better, and a "feasible" one must carry its gap.
# No time is asserted here: how long a run takes is `make bench`
# (bench/timelimit.sh).
#
# SIAGA names the binary; FAULTS (optional) the build with
# tests/faults/inject.c, for the GLPK time-limit fault at calls spread over
# every phase (fills, bounds, BKO, shifts).
set -u
SIAGA=${SIAGA:-build/siaga}
FAULTS=${FAULTS:-}
TSV=${TSV:-data/wilayah-tps-2024.tsv}
T=$(mktemp -d /tmp/siaga-timelimit-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

KAUR=scenarios/kaur-2024.xml
VVIP=scenarios/kaur-2024-pam-vvip.xml
INTEL=scenarios/kaur-2024-intelkam.xml

# members of a scenario (with overlays): what validate counts
members() { # SCENARIO [--with OV]...
    "$SIAGA" validate "$@" | sed -n 's/^personel *: \([0-9]*\).*/\1/p'
}

# verify DESC DIR PLAN_EXIT CHECK_ARGS...: the roster in DIR, planned with
# exit PLAN_EXIT, against CHECK_ARGS (scenario and overlays)
verify() {
    what=$1 dir=$2 rc=$3
    shift 3
    case $rc in
    0|1) ok ;;
    *) bad "$what: plan exit $rc: $(head -c 300 "$T/err")"; return ;;
    esac
    r=$dir/roster.xml
    [ -s "$r" ] || { bad "$what: no roster"; return; }
    status=$(sed -n 's/.*<roster [^>]*status="\([a-z]*\)".*/\1/p' "$r" | head -1)
    case $status in
    optimal|shortage) ok ;;
    feasible) grep -q '<roster [^>]*status="feasible" gap="[0-9.]*"' "$r" && ok ||
                  bad "$what: feasible without a gap" ;;
    *) bad "$what: status '$status'" ;;
    esac
    want=$(members "$@")
    got=$(grep -c '<guard \|<linmas \|<reserve ' "$r")
    [ -n "$want" ] && [ "$got" = "$want" ] && ok || bad "$what: $got members in the roster, $want in the scenario"
    "$SIAGA" check "$@" "$r" > "$T/check" 2>&1
    c=$?
    [ "$c" = "$rc" ] && ok || bad "$what: plan exit $rc but check exit $c: $(grep -m3 pelanggaran "$T/check")"
    grep -q "^Pelanggaran aturan: 0\( \|$\)" "$T/check" && ! grep -q "^Shift: [1-9]" "$T/check" &&
        ok || bad "$what: a rule broken: $(grep -m3 'pelanggaran\|^Shift:' "$T/check")"
}

# plan_verify DESC DIR PLAN_ARGS... -- CHECK_ARGS...
plan_verify() {
    what=$1 dir=$2
    shift 2
    args=""
    while [ "$1" != "--" ]; do args="$args $1"; shift; done
    shift
    # shellcheck disable=SC2086
    "$SIAGA" plan $args -o "$dir" --quiet 2>"$T/err"
    verify "$what" "$dir" $? "$@"
}

# options
"$SIAGA" plan "$KAUR" -o "$T/neg" --time-limit -1 --quiet 2>"$T/err"
[ $? = 2 ] && grep -q "0: no limit" "$T/err" && ok || bad "--time-limit -1 is not refused with its meaning"
"$SIAGA" --help | grep -q "default 300; 0: no limit" && ok || bad "--help does not give the default budget"
plan_verify "no limit (--time-limit 0)" "$T/zero" "$KAUR" --time-limit 0 -- "$KAUR"
grep -q 'status="optimal"' "$T/zero/roster.xml" && ok || bad "--time-limit 0: Kaur not optimal"
plan_verify "default budget" "$T/dflt" "$KAUR" -- "$KAUR"
cmp -s "$T/zero/roster.xml" "$T/dflt/roster.xml" && ok || bad "the default budget changed Kaur's roster"

# Kaur under limits from before the reading ends to enough for a proof
for lim in 0.001 0.02 0.1 0.5; do
    plan_verify "kaur $lim s" "$T/k$lim" "$KAUR" --time-limit $lim -- "$KAUR"
done
# the what-if chain with a BKO request (places empty), the re-plan against
# a baseline, the timeline, compare
for lim in 0.001 0.05; do
    plan_verify "kaur + pam-vvip $lim s" "$T/v$lim" "$KAUR" --with "$VVIP" --time-limit $lim -- "$KAUR" --with "$VVIP"
    [ -s "$T/v$lim/bko.csv" ] && grep -q "^Tambahan personel" "$T/v$lim/ringkasan.txt" && ok || bad "pam-vvip $lim s: no BKO request"
    plan_verify "kaur + intelkam against a baseline $lim s" "$T/b$lim" "$KAUR" --with "$INTEL" --baseline "$T/dflt/roster.xml" --time-limit $lim -- "$KAUR" --with "$INTEL"
    [ -s "$T/b$lim/perubahan.csv" ] && ok || bad "baseline $lim s: no perubahan.csv"
    plan_verify "kaur timeline $lim s" "$T/t$lim" "$KAUR" --timeline --time-limit $lim -- "$KAUR"
    [ -s "$T/t$lim/shifts.csv" ] && ok || bad "timeline $lim s: no shifts.csv"
done
"$SIAGA" compare --time-limit 0.001 "$KAUR" "$KAUR+$VVIP" > "$T/cmp" 2>"$T/err" && ok || bad "compare under a time limit: $(head -c 300 "$T/err")"

# larger generated maps: a dense kabupaten of 15,000 TPS (the stress set)
# and the bench generator on a real desa list
if python3 bench/make_stress.py --shape dense --kabupaten 3201 --seed 2 -o "$T/bogor.xml" 2>"$T/err"; then
    for lim in 0.01 1; do
        plan_verify "dense Bogor $lim s" "$T/g$lim" "$T/bogor.xml" --time-limit $lim -- "$T/bogor.xml"
    done
else
    bad "make_stress.py: $(head -c 300 "$T/err")"
fi
if python3 bench/make_scenario.py --tsv "$TSV" --kabupaten 1704 -o "$T/kab.xml" 2>"$T/err"; then
    plan_verify "make_scenario 1704 0.01 s" "$T/m" "$T/kab.xml" --time-limit 0.01 -- "$T/kab.xml"
else
    bad "make_scenario.py: $(head -c 300 "$T/err")"
fi

# GLPK's time limit, injected at calls spread over every phase: the fill
# stages, the bounds and the BKO LPs (simplex, Kaur with pam-vvip), and the
# shift MIPs (intopt, the timeline)
if [ -n "$FAULTS" ]; then
    spread() { # N K: K numbers spread over 1..N, the ends included
        awk -v n="$1" -v k="$2" 'BEGIN { if (n < 1) exit; if (k > n) k = n;
            for (i = 0; i < k; i++) { v = (k > 1) ? 1 + int(i * (n - 1) / (k - 1)) : 1;
                if (v != last) print v; last = v } }'
    }
    env SIAGA_FAIL_REPORT="$T/report" "$FAULTS" plan "$KAUR" --with "$VVIP" -o "$T/count" --quiet >/dev/null 2>&1
    ns=$(awk '$1 == "simplex" { print $2; exit }' "$T/report")
    rm -f "$T/report"
    env SIAGA_FAIL_REPORT="$T/report" "$FAULTS" plan "$KAUR" --timeline -o "$T/count2" --quiet >/dev/null 2>&1
    ni=$(awk '$1 == "intopt" { print $2; exit }' "$T/report")
    [ "${ns:-0}" -gt 0 ] && [ "${ni:-0}" -gt 0 ] && ok || bad "no GLPK calls counted (simplex ${ns:-?}, intopt ${ni:-?})"
    for k in $(spread "${ns:-0}" 16); do
        d=$T/fs$k
        SIAGA_FAIL_SOLVER=simplex:$k SIAGA_FAIL_GLP=tmlim "$FAULTS" plan "$KAUR" --with "$VVIP" -o "$d" --quiet 2>"$T/err"
        verify "GLPK time limit at simplex $k of $ns" "$d" $? "$KAUR" --with "$VVIP"
    done
    for k in $(spread "${ni:-0}" 6); do
        d=$T/fi$k
        SIAGA_FAIL_SOLVER=intopt:$k SIAGA_FAIL_GLP=tmlim "$FAULTS" plan "$KAUR" --timeline -o "$d" --quiet 2>"$T/err"
        verify "GLPK time limit at intopt $k of $ni" "$d" $? "$KAUR"
    done
fi

echo "e2e-timelimit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
