#!/bin/sh
# bench/explain.sh BUILD: what the explanations of issue 14 cost a plan.
# CPU seconds (user + system, the mean of RUNS runs, --jobs 1) of
# `siaga plan` with and without the rule-change table (--no-sensitivity),
# on Kaur, Kota Tangerang and the generated Kabupaten Tangerang (3603).
# The certificates and the post reasons are in both (they are linear in
# the plan).  Not part of make bench; run by hand: sh bench/explain.sh build
set -u
B=${1:-build}
RUNS=${RUNS:-5}
T=$(mktemp -d /tmp/siaga-explain-XXXXXX)
trap 'rm -rf "$T"' EXIT
python3 bench/make_scenario.py --kabupaten 3603 -o "$T/kab-tangerang.xml"
cpu() { # cpu SCENARIO [OPTION]: mean CPU seconds
    for i in $(seq "$RUNS"); do
        /usr/bin/time -f "%U %S" "$B/siaga" plan "$1" -o "$T/out" --quiet --jobs 1 ${2:-} 2>&1 >/dev/null | tail -1
    done | awk '{ s += $1 + $2 } END { printf "%.3f", s / NR }'
}
printf '%-28s %10s %10s %8s\n' scenario "with" without "cost"
for s in scenarios/kaur-2024.xml scenarios/kota-tangerang-2024.xml "$T/kab-tangerang.xml"; do
    a=$(cpu "$s") b=$(cpu "$s" --no-sensitivity)
    printf '%-28s %10s %10s %7.0f%%\n' "$(basename "$s" .xml)" "$a" "$b" \
        "$(echo "($a - $b) * 100 / $b" | bc -l)"
done
