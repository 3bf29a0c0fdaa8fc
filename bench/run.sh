#!/bin/sh
# make bench: siaga at four scales, against CBC and a greedy planner.
# Writes bench/RESULTS.md.  Not a test: nothing here asserts a time.
#
#   sh bench/run.sh BUILD_DIR          (BUILD_DIR holds siaga, bench_tool)
#
# Environment: SCALES (default "kaur kota-tangerang kab-tangerang jawa-barat
# nasional"), CBC_LIMIT seconds (default 300), JOBS (default: all cores).
set -eu
B=${1:-build}
SIAGA=$B/siaga
TOOL=$B/bench_tool
SCALES=${SCALES:-"kaur kota-tangerang kab-tangerang jawa-barat nasional"}
CBC_LIMIT=${CBC_LIMIT:-300}
JOBS=${JOBS:-$(nproc)}
W=$(mktemp -d /tmp/siaga-bench-XXXXXX)
trap 'rm -rf "$W"' EXIT
OUT=bench/RESULTS.md
TSV=data/wilayah-tps-2024.tsv

scenario() { # name -> file
    case $1 in
    kaur) echo scenarios/kaur-2024.xml ;;
    kota-tangerang) echo scenarios/kota-tangerang-2024.xml ;;
    kab-tangerang) python3 bench/make_scenario.py --tsv $TSV --kabupaten 3603 -o $W/$1.xml && echo $W/$1.xml ;;
    jawa-barat) python3 bench/make_scenario.py --tsv $TSV --provinsi 32 -o $W/$1.xml && echo $W/$1.xml ;;
    nasional) python3 bench/make_scenario.py --tsv $TSV --all -o $W/$1.xml && echo $W/$1.xml ;;
    esac
}

rows=""
cbcrows=""
for name in $SCALES; do
    f=$(scenario $name)
    ntps=$(grep -c '<tps ' "$f")
    echo "bench: $name ($ntps TPS)" >&2
    /usr/bin/time -f "%e %M" -o $W/time "$SIAGA" plan "$f" -o $W/out-$name --jobs $JOBS --quiet || true
    read wall rss < $W/time
    posts=$(sed -n 's/^3\. Jumlah pos *\([0-9]*\) *\([0-9]*\).*/\1/p' $W/out-$name/ringkasan.txt)
    bound=$(sed -n 's/^3\. Jumlah pos *\([0-9]*\) *\([0-9]*\).*/\2/p' $W/out-$name/ringkasan.txt)
    status=$(sed -n 's/.*status="\([a-z]*\)".*/\1/p' $W/out-$name/roster.xml | head -1)
    places=$(awk -F'required="' 'NF>1{split($2,a,"\""); s+=a[1]} END{print s+0}' $W/out-$name/roster.xml)
    # the largest file written, and the largest map or print file (--maps
    # writes those per kabupaten above 20,000 TPS), in MB
    largest=$(cd $W/out-$name && find . -type f -printf '%s %P\n' | sort -n | tail -1 |
              awk '{printf "%.1f (%s)", $1 / 1e6, $2}')
    largest_map=$(cd $W/out-$name && find . -type f \( -name '*.kml' -o -name '*.geojson' -o -name '*.html' \) \
                  -printf '%s %P\n' | sort -n | tail -1 | awk '{printf "%.1f (%s)", $1 / 1e6, $2}')
    set -- $("$TOOL" greedy "$f")
    gposts=$2
    gplaces=$4
    extra=$((gplaces - places))
    pct=$(awk -v a=$extra -v b=$places 'BEGIN{printf "%.1f", (b ? 100*a/b : 0)}')
    check=$("$SIAGA" check "$f" $W/out-$name/roster.xml > $W/check 2>&1 && echo lulus || echo "tidak lulus")
    rows="$rows| $name | $ntps | $wall | $((rss / 1024)) | $posts / $bound | $status | $check | $gposts | +$extra ($pct %) | $largest | ${largest_map:--} |
"
    case $name in
    kaur|kota-tangerang)
        set -- $("$TOOL" model "$f" $W/$name.lp)
        mine=$2; secs=$4
        t0=$(date +%s.%N)
        timeout $((CBC_LIMIT + 60)) cbc $W/$name.lp -sec $CBC_LIMIT -solve > $W/cbc 2>&1 || true
        t1=$(date +%s.%N)
        ct=$(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.1f", b-a}')
        res=$(sed -n 's/^Result - //p' $W/cbc | head -1)
        obj=$(sed -n 's/^Objective value: *//p' $W/cbc | head -1)
        case $res in
        "Optimal solution found")
            same=$(awk -v a="$obj" -v b="$mine" 'BEGIN{print ((a-b < 0.5 && b-a < 0.5) ? "same optimum" : "DIFFERENT")}')
            ratio=$(awk -v a=$ct -v b=$secs 'BEGIN{printf "%.0f", (b > 0 ? a/b : 0)}')
            cbcrows="$cbcrows| $name | $secs | $ct | ${ratio}x | $same |
" ;;
        *)
            cbcrows="$cbcrows| $name | $secs | > $CBC_LIMIT (${res:-no result}) | > $(awk -v a=$CBC_LIMIT -v b=$secs 'BEGIN{printf "%.0f", (a/b)}')x | no proof within the limit |
" ;;
        esac ;;
    esac
done

# the hard map shapes (bench/stress.sh); STRESS=0 skips them
stress=""
if [ "${STRESS:-1}" != 0 ]; then
    echo "bench: stress shapes" >&2
    stress=$(JOBS=$JOBS sh bench/stress.sh "$B")
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)
{
    echo "# Benchmark results"
    echo
    echo "Made by \`make bench\` on $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu), $mem."
    echo "siaga ran with --jobs $JOBS. Scenarios: the bundled Kaur and Kota Tangerang (the real TPS map),"
    echo "and generated ones (bench/make_scenario.py: the real hierarchy and TPS counts, synthetic"
    echo "coordinates, grades and personnel)."
    echo
    echo "| scale | TPS | wall s | peak RSS MiB | posts / proven lower bound | status | siaga check | greedy posts | greedy personnel needed | largest file MB | largest map or report MB |"
    echo "|---|---:|---:|---:|---|---|---|---:|---|---|---|"
    printf "%s" "$rows"
    echo
    echo "Greedy: a planner walking the TPS list in order, each free TPS anchoring a post that takes"
    echo "the nearest free TPS within the radius (bench/bench_tool.c); personnel needed = guard places,"
    echo "against siaga's. Largest file: of everything \`plan\` wrote; largest map or report: of the"
    echo "KML, GeoJSON and HTML files (per kabupaten, below kab/, above 20,000 TPS: \`--maps auto\`)."
    echo
    echo "## Against CBC on the same problem"
    echo
    echo "CBC (coinor-cbc) solves the monolithic MIP siaga exports (\`--export-lp\`, items 1-3 of"
    echo "formats 1.4 in one weighted objective), limit $CBC_LIMIT s. siaga's time is its solve alone."
    echo
    echo "| scale | siaga s | CBC s | CBC / siaga | result |"
    echo "|---|---:|---:|---:|---|"
    printf "%s" "$cbcrows"
    if [ -n "$stress" ]; then
        echo
        echo "## Stress shapes: the posts search on hard maps"
        echo
        echo "bench/stress.sh: Kabupaten Bogor (the real desa list, ~15,000 TPS) with the coordinates"
        echo "of bench/make_stress.py: dense (urban kecamatan of overlapping desa blobs), kota, chain"
        echo "(desa ~ one radius apart), line (a coast) and island, each with tps_per_post 5, 10 and"
        echo "16. Seeds 1 and 2 were used while the search was built; 3 is held out. 'plan s' is the"
        echo "whole \`siaga plan\`; the other columns are the clustering alone (bench_tool posts, one"
        echo "thread). 'hard comps': components the greedy did not settle at ceil(n/c). GLPK: its"
        echo "branch and bound on the linking MIP (y_a, x_at <= y_a) of the slowest component, when it"
        echo "has 100+ TPS; CBC: the same model of the largest such component; each within the"
        echo "limit, c = 5 only."
        echo
        printf "%s\n" "$stress"
    fi
} > $OUT
echo "bench: wrote $OUT" >&2
