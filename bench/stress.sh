#!/bin/sh
# make bench (part): the posts search on hard map shapes (bench/make_stress.py)
# built on the real desa list.  Not a test: nothing here asserts a time.
#
#   sh bench/stress.sh BUILD_DIR            prints the Markdown rows
#
# Environment:
#   KAB      kabupaten code (default 3201, Kabupaten Bogor: 40 kecamatan,
#            ~15,000 TPS, urban kecamatan of up to ~1,000 TPS)
#   SHAPES   default "dense kota chain line island"
#   CAPS     tps_per_post values (default "5 10 16")
#   SEEDS    default "1 2 3"; seeds 1 and 2 were used while the search was
#            built, 3 and up are held out: the table marks them
#   REF      seconds for GLPK's branch and bound and for CBC on each
#            component the greedy did not settle, c = 5 only (default 20;
#            0 = no reference)
#   JOBS     worker threads (default: all cores)
set -eu
B=${1:-build}
KAB=${KAB:-3201}
SHAPES=${SHAPES:-"dense kota chain line island"}
CAPS=${CAPS:-"5 10 16"}
SEEDS=${SEEDS:-"1 2 3"}
REF=${REF:-20}
JOBS=${JOBS:-$(nproc)}
TSV=${TSV:-data/wilayah-tps-2024.tsv}
W=$(mktemp -d /tmp/siaga-stress-XXXXXX)
trap 'rm -rf "$W"' EXIT

echo "| shape | c | seed | TPS | plan s | posts / bound | unproven | hard comps | worst kecamatan s | slowest component (n: posts/bound, LP, s, nodes) | GLPK on it | CBC on it |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
for shape in $SHAPES; do
  for c in $CAPS; do
    for seed in $SEEDS; do
      f=$W/$shape-$c-$seed.xml
      python3 bench/make_stress.py --tsv "$TSV" --shape "$shape" --kabupaten "$KAB" \
          --seed "$seed" --tps-per-post "$c" -o "$f"
      ntps=$(grep -c '<tps ' "$f")
      held=""
      [ "$seed" -ge 3 ] && held=" (held out)"
      /usr/bin/time -f "%e" -o "$W/time" "$B/siaga" plan "$f" -o "$W/out" --jobs "$JOBS" --quiet >/dev/null 2>&1 || true
      wall=$(tail -1 "$W/time")
      ref=0; dir=""
      if [ "$c" = 5 ] && [ "$REF" != 0 ]; then
          ref=$REF; rm -rf "$W/lp"; mkdir -p "$W/lp"; dir="$W/lp"
      fi
      "$B/bench_tool" posts "$f" 1 "$ref" $dir > "$W/posts"
      set -- $(head -1 "$W/posts")
      posts=$4 bound=$6 unproven=$8 hard=${10} wk=${13}
      slow=$(sed -n '2p' "$W/posts")
      if [ -n "$slow" ]; then
          set -- $slow
          comp="$2: n $3, $5/$6, LP $7, $8 s, $9 nodes"
          glpk="-"; cbc="-"
          if [ "$ref" != 0 ] && [ "${10}" = "-1.000" ]; then
              glpk="not run (n < 100)"
          elif [ "$ref" != 0 ]; then
              case ${11} in
              0) glpk="$(printf %.1f "${10}") s, $12 posts (proven)" ;;
              *) glpk="stopped at $ref s, $( [ "${12}" = 0 ] && echo "no clustering" || echo "${12} posts")" ;;
              esac
              lp=$(ls "$W/lp"/comp-*.lp 2>/dev/null | while read -r m; do
                       printf '%s %s\n' "$(wc -c < "$m")" "$m"; done | sort -n | tail -1 | cut -d' ' -f2)
              if [ -n "$lp" ] && command -v cbc >/dev/null; then
                  t0=$(date +%s.%N)
                  timeout $((REF + 30)) cbc "$lp" -sec "$REF" -solve > "$W/cbc" 2>&1 || true
                  t1=$(date +%s.%N)
                  res=$(sed -n 's/^Result - //p' "$W/cbc" | head -1)
                  obj=$(sed -n 's/^Objective value: *//p' "$W/cbc" | head -1)
                  cbc="$(awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.1f", b-a}') s, ${res:-?} ${obj:+($obj)} (largest)"
              fi
          fi
      else
          comp="none"; glpk="-"; cbc="-"
      fi
      echo "| $shape | $c | $seed$held | $ntps | $wall | $posts / $bound | $unproven | $hard | $wk | $comp | $glpk | $cbc |"
    done
  done
done
