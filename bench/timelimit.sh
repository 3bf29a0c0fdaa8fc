#!/bin/sh
# bench/timelimit.sh: does --time-limit hold?  (issue 11, item 4)
# Wall time of `siaga plan --time-limit S` on dense stress maps against the
# promise S + 5 % + 0.5 s, with the roster's status, its posts and bound,
# and whether `siaga check` finds a broken rule.  Writes bench/TIMELIMIT.md.
# Not a test: nothing here fails on a time; the tests (make test,
# tests/e2e_timelimit.sh) check the rosters, this measures.
#
#   sh bench/timelimit.sh BUILD_DIR      (BUILD_DIR holds siaga)
#
# Environment: LIMITS (default "1 5 30"), MAPS (default "bogor jabar jabar16"),
# JOBS (default: all cores), RUNS per limit (default 3).
set -eu
B=${1:-build}
SIAGA=$B/siaga
LIMITS=${LIMITS:-"1 5 30"}
MAPS=${MAPS:-"bogor jabar jabar16"}
JOBS=${JOBS:-$(nproc)}
RUNS=${RUNS:-3}
W=$(mktemp -d /tmp/siaga-timelimit-XXXXXX)
trap 'rm -rf "$W"' EXIT
OUT=bench/TIMELIMIT.md

map() { # name -> file
    case $1 in
    bogor) python3 bench/make_stress.py --shape dense --kabupaten 3201 --seed 2 -o "$W/$1.xml" ;;
    jabar) python3 bench/make_stress.py --shape dense --provinsi 32 -o "$W/$1.xml" ;;
    jabar16) python3 bench/make_stress.py --shape dense --provinsi 32 --seed 9 --tps-per-post 16 \
                 -o "$W/$1.xml" ;;
    *) echo "bench/timelimit.sh: unknown map $1" >&2; exit 2 ;;
    esac
    echo "$W/$1.xml"
}

rows=""
for name in $MAPS; do
    f=$(map "$name")
    ntps=$(grep -c '<tps ' "$f")
    for lim in $LIMITS; do
        promise=$(awk -v s="$lim" 'BEGIN{printf "%.2f", s * 1.05 + 0.5}')
        run=1
        while [ "$run" -le "$RUNS" ]; do
            echo "bench: $name ($ntps TPS) --time-limit $lim, run $run" >&2
            load=$(cut -d' ' -f1 /proc/loadavg)
            rm -rf "$W/out"
            set +e
            /usr/bin/time -f "%e %M" -o "$W/time" "$SIAGA" plan "$f" -o "$W/out" \
                --time-limit "$lim" --jobs "$JOBS" --quiet
            rc=$?
            set -e
            read -r wall rss < "$W/time"
            held=$(awk -v w="$wall" -v p="$promise" 'BEGIN{print (w <= p ? "yes" : "NO")}')
            status=$(sed -n 's/.*<roster [^>]*status="\([a-z]*\)".*/\1/p' "$W/out/roster.xml" | head -1)
            gap=$(sed -n 's/.*<roster [^>]*gap="\([0-9.]*\)".*/\1/p' "$W/out/roster.xml" | head -1)
            posts=$(sed -n 's/^3\. Jumlah pos *\([0-9]*\) *\([0-9]*\).*/\1 \/ \2/p' "$W/out/ringkasan.txt")
            if [ "$run" = 1 ]; then
                "$SIAGA" check "$f" "$W/out/roster.xml" > "$W/check" 2>&1 || true
                rules=$(sed -n 's/^Pelanggaran aturan: \([0-9]*\).*/\1/p' "$W/check")
            else
                rules="-"
            fi
            rows="$rows| $name | $ntps | $lim | $promise | $wall | $held | $load | $((rss / 1024)) | $rc | $status${gap:+ (gap $gap)} | $posts | $rules |
"
            run=$((run + 1))
        done
    done
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo "# --time-limit: does it hold?"
    echo
    echo "Made by \`bench/timelimit.sh\` (\`make bench\`) on $(date -u +%Y-%m-%d). Machine: $(nproc) cores"
    echo "($cpu); siaga ran with --jobs $JOBS. Maps: bench/make_stress.py --shape dense (bogor:"
    echo "--kabupaten 3201 --seed 2; jabar: --provinsi 32; jabar16: --provinsi 32 --seed 9"
    echo "--tps-per-post 16). The promise is S + 5 % + 0.5 s for the"
    echo "whole command, reading and writing included. \"load\" is the 1-minute load average when the"
    echo "run started: the machine may be shared, and a loaded machine stretches every phase."
    echo "\"rules broken\" is \`siaga check\`'s count on the first run's roster (0 = rule-abiding)."
    echo
    echo "| map | TPS | S | promise s | wall s | held | load | peak RSS MiB | exit | status | posts / bound | rules broken |"
    echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---|---|---:|"
    printf "%s" "$rows"
} > $OUT
echo "bench: wrote $OUT" >&2
