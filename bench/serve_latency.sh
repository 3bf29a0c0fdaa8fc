#!/bin/sh
# serve_latency.sh [BUILD] - how long siaga serve takes to answer a change
# inside one kecamatan of Kota Tangerang (2,622 TPS): POST /api/plan with
# one re-graded TPS, timed by curl from request to answer (re-plan against
# the current roster, files written).  Never part of the tests.
set -eu
B=${1:-build}
T=$(mktemp -d /tmp/siaga-serve-bench-XXXXXX)
"$B/siaga" serve scenarios/kota-tangerang-2024.xml --port 0 --dir "$T/d" > "$T/out" 2> "$T/err" &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait $pid; rm -rf "$T"' EXIT
t0=$(date +%s.%N)
while [ ! -s "$T/out" ]; do sleep 0.1; done
t1=$(date +%s.%N)
url=$(head -n 1 "$T/out")
echo "start (first plan and files): $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s"
curl -s -o "$T/state.json" -w "GET /api/state: %{size_download} bytes in %{time_total} s\n" "${url}api/state"
# TPS of the first kecamatan, one after the other: kurang rawan -> rawan
for t in $(sed -n 's/.*<tps id="\([0-9]*\)".*/\1/p' "$T/d/roster.xml" | head -n 3); do
    printf '<overlay xmlns="urn:siaga:overlay:1"><regrade tps="%s" grade="sangat_rawan"/></overlay>' "$t" > "$T/ov.xml"
    curl -s -o "$T/ans.json" -w "regrade $t: %{http_code} in %{time_total} s\n" --data-binary @"$T/ov.xml" "${url}api/plan"
    python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print("  moved", a["moved"], "posts", a["posts"], "opened", a["posts_opened"], "closed", a["posts_closed"])' "$T/ans.json"
done
