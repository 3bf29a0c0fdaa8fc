#!/bin/sh
# siaga serve's HTTP API with a plain client (curl): a good overlay and
# its re-plan repeated on the command line to the same bytes, a bad
# overlay (400 with its line, nothing changed), a foreign Host (421), a
# foreign Origin or a cross-site POST (403), oversized bodies (413),
# unknown files and methods, pins, undo, usage errors, and Ctrl-C
# leaving the last complete set.  SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
. tests/skip.sh
T=$(mktemp -d /tmp/siaga-serve-XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "e2e-serve: FAIL: $*"; }
KAUR=scenarios/kaur-2024.xml
INTEL=scenarios/kaur-2024-intelkam.xml

if ! command -v curl >/dev/null 2>&1; then
    optout SIAGA_NO_CURL e2e-serve 30 "curl is missing"
    echo "e2e-serve: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi

# start SCENARIO DIR [ARGS...]: run the server in the background, $url
# its address (the first line on stdout)
start() {
    scen=$1 dir=$2
    shift 2
    "$SIAGA" serve "$scen" --port 0 --dir "$dir" "$@" > "$T/out" 2> "$T/err" &
    pid=$!
    url=
    i=0
    while [ $i -lt 1200 ] && [ -z "$url" ]; do
        url=$(head -n 1 "$T/out" 2>/dev/null)
        kill -0 "$pid" 2>/dev/null || break
        [ -z "$url" ] && sleep 0.1
        i=$((i + 1))
    done
    hostport=${url#http://}
    hostport=${hostport%/}
}
stop() {
    kill -INT "$pid" 2>/dev/null
    wait "$pid"
    code=$?
    pid=
    return $code
}
# code METHOD PATH [CURL ARGS...]: the HTTP status, the body in $T/body
code() {
    m=$1 p=$2
    shift 2
    curl -s -m 60 -o "$T/body" -w "%{http_code}" -X "$m" "$@" "${url%/}$p"
}

start "$KAUR" "$T/d"
case "$url" in http://127.0.0.1:[0-9]*/) ok ;; *) bad "first line is not the address: '$url' ($(cat "$T/err"))" ;; esac
[ -f "$T/d/roster.xml" ] && ok || bad "no roster.xml in DIR at start"
cp "$T/d/roster.xml" "$T/r0.xml"
"$SIAGA" plan "$KAUR" -o "$T/cli0" --quiet
cmp -s "$T/cli0/roster.xml" "$T/d/roster.xml" && ok || bad "the first plan differs from siaga plan's"

[ "$(code GET /)" = 200 ] && grep -q "Rencanakan ulang" "$T/body" && ok || bad "GET / is not the page"
[ "$(code GET /leaflet.js)" = 200 ] && grep -q "Leaflet" "$T/body" && ok || bad "leaflet.js not served"
[ "$(code GET /api/state)" = 200 ] && ok || bad "GET /api/state"
python3 - "$T/body" "$T/d/roster.xml" <<'EOF' && ok || bad "state JSON disagrees with roster.xml"
import json, sys, re
s = json.load(open(sys.argv[1]))
roster = open(sys.argv[2]).read()
posts = len(re.findall(r"<post ", roster))
assert len(s["posts"]) == posts == s["summary"]["posts"], (len(s["posts"]), posts)
assert len(s["tps"]) == len(set(t[0] for t in s["tps"])) > 0
assert all(-90 <= t[1] <= 90 and -180 <= t[2] <= 180 for t in s["tps"])
# every TPS of a post points back at it, in patrol order
for q, p in enumerate(s["posts"]):
    for t in p[5]:
        assert s["tps"][t][6] == q
assert s["summary"]["replanned"] == 0 and s["summary"]["empty_total"] == 0
EOF

# why a member (GET /api/why): the answer of plan --why-members for a
# guard, a Linmas and a reserve, the files untouched; bad requests
"$SIAGA" plan "$KAUR" -o "$T/cliw" --quiet --why-members
g=$(sed -n '2p' "$T/cliw/alasan-anggota.csv" | cut -d, -f1)
l=$(grep ',linmas,' "$T/cliw/alasan-anggota.csv" | head -n 1 | cut -d, -f1)
r=$(sed -n 's/.*<reserve member="\([^"]*\)".*/\1/p' "$T/d/roster.xml" | head -n 1)
cp "$T/d/laporan.html" "$T/lap0.html"
for m in "$g" "$l"; do
    [ "$(code GET "/api/why?member=$m")" = 200 ] && python3 - "$T/body" "$T/cliw/alasan-anggota.csv" "$m" <<'EOF' && ok || bad "why $m disagrees with alasan-anggota.csv: $(cat "$T/body")"
import csv, json, sys
a = json.load(open(sys.argv[1]))
row = [r for r in csv.DictReader(open(sys.argv[2], newline="")) if r["id_anggota"] == sys.argv[3]][0]
assert a["member"] == row["id_anggota"] and a["unit"] == row["satuan"]
assert a["tugas"] == row["tugas"] and a["tempat"] == row["tempat"]
assert (a["tempat_alternatif"] or "") == row["tempat_alternatif"]
assert ("" if a["tambahan_km"] is None else "%.3f" % a["tambahan_km"]) == row["tambahan_km"]
assert a["keterangan"] == row["keterangan"]
EOF
done
[ -n "$r" ] && [ "$(code GET "/api/why?member=$r")" = 200 ] && python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert a["tugas"] == "cadangan" and a["tempat"] is None' "$T/body" && ok || bad "why of reserve '$r': $(cat "$T/body")"
cmp -s "$T/cli0/roster.xml" "$T/d/roster.xml" && cmp -s "$T/lap0.html" "$T/d/laporan.html" && [ ! -e "$T/d/alasan-anggota.csv" ] && ok || bad "/api/why changed the files"
[ "$(code GET /api/why)" = 400 ] && ok || bad "/api/why without member not 400"
[ "$(code GET '/api/why?member=')" = 400 ] && ok || bad "/api/why?member= not 400"
[ "$(code GET '/api/why?member=NO-SUCH-MEMBER')" = 404 ] && grep -q "NO-SUCH-MEMBER" "$T/body" && ok || bad "unknown member not 404: $(cat "$T/body")"
[ "$(code GET "/api/why?member=$g%00x")" = 400 ] && ok || bad "member with a NUL byte not 400: $(cat "$T/body")"
[ "$(code POST "/api/why?member=$g")" = 405 ] && ok || bad "POST /api/why not 405"
[ "$(code GET "/api/why?member=$g" -H 'Host: evil.example')" = 421 ] && ok || bad "/api/why with a foreign Host served"

# a good overlay: 200, the answer's numbers match the files, and the
# command line repeats it to the same bytes
[ "$(code POST /api/plan --data-binary @"$INTEL")" = 200 ] && ok || bad "good overlay: $(cat "$T/body")"
cp "$T/body" "$T/good.json"
python3 - "$T/good.json" "$T/d/perubahan.csv" "$T/d/roster.xml" <<'EOF' && ok || bad "answer disagrees with the files: $(head -c 400 "$T/good.json")"
import json, sys, re
a = json.load(open(sys.argv[1]))
csv = open(sys.argv[2]).read().splitlines()[1:]
roster = open(sys.argv[3]).read()
assert a["replanned"] == 1 and a["status"] == "optimal"
assert a["moved"] == sum(1 for l in csv if l.startswith("pindah,")) > 0
assert a["posts_opened"] == sum(1 for l in csv if l.startswith("pos_baru,")) > 0
assert a["posts_closed"] == sum(1 for l in csv if l.startswith("pos_ditutup,")) > 0
assert a["posts"] == len(re.findall(r"<post ", roster))
assert a["left"] == 6                      # the overlay removes six members
assert len(a["changes"]) == len(csv)
assert a["files"]["overlay.xml"] == "/files/overlay.xml"
EOF
cmp -s "$T/d/baseline.xml" "$T/r0.xml" && ok || bad "baseline.xml is not the roster before"
"$SIAGA" plan "$KAUR" --with "$T/d/overlay.xml" --baseline "$T/d/baseline.xml" -o "$T/cli1" --quiet
cmp -s "$T/cli1/roster.xml" "$T/d/roster.xml" && ok || bad "plan --with overlay.xml --baseline baseline.xml gives another roster"
cmp -s "$T/cli1/perubahan.csv" "$T/d/perubahan.csv" && ok || bad "... and another perubahan.csv"
for f in roster.xml roster.csv perubahan.csv overlay.xml baseline.xml laporan.html; do
    [ "$(code GET /files/$f)" = 200 ] && cmp -s "$T/body" "$T/d/$f" && ok || bad "GET /files/$f"
done
cp "$T/d/roster.xml" "$T/r1.xml"
[ "$(code GET "/api/why?member=$g")" = 200 ] && grep -q "tidak dihitung untuk rencana ulang" "$T/body" && ok || bad "why after a re-plan: $(cat "$T/body")"

# a bad overlay: 400 with the message and line, nothing changed
printf '<overlay xmlns="urn:siaga:overlay:1">\n\n  <regrade tps="1799999999999" grade="rawan"/>\n</overlay>\n' > "$T/bad.xml"
[ "$(code POST /api/plan --data-binary @"$T/bad.xml")" = 400 ] && ok || bad "bad overlay not 400"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["errors"][0]; assert e["line"] == 3 and "1799999999999" in e["message"], e' "$T/body" && ok || bad "bad overlay error lacks line 3: $(cat "$T/body")"
[ "$(code POST /api/plan --data-binary 'not xml')" = 400 ] && ok || bad "malformed body not 400"
[ "$(code POST /api/plan --data-binary '<scenario xmlns="urn:siaga:scenario:1"/>')" = 400 ] && ok || bad "wrong root not 400"
[ "$(code POST '/api/plan?pin=NO-SUCH-MEMBER' --data-binary @"$INTEL")" = 400 ] && ok || bad "unknown pin not 400"
cmp -s "$T/d/roster.xml" "$T/r1.xml" && ok || bad "a bad request changed roster.xml"
[ "$(code GET /api/state)" = 200 ] && python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["steps"] == 1 and s["moved"] > 0' "$T/body" && ok || bad "a bad request changed the state"

# DNS rebinding and CSRF
[ "$(code GET /api/state -H 'Host: evil.example')" = 421 ] && ok || bad "foreign Host served"
[ "$(code GET / -H "Host: evil.example:${hostport#*:}")" = 421 ] && ok || bad "foreign Host with the port served"
[ "$(code GET /api/state -H "Host: localhost:${hostport#*:}")" = 200 ] && ok || bad "Host localhost refused"
[ "$(code POST /api/plan -H 'Origin: http://evil.example' --data-binary @"$INTEL")" = 403 ] && ok || bad "foreign Origin POST served"
[ "$(code POST /api/undo -H 'Origin: null')" = 403 ] && ok || bad "Origin null served"
[ "$(code POST /api/undo -H 'Sec-Fetch-Site: cross-site')" = 403 ] && ok || bad "cross-site POST served"
cmp -s "$T/d/roster.xml" "$T/r1.xml" && ok || bad "a refused request changed roster.xml"

# bodies over the limit: by Content-Length, and chunked (no length)
head -c 1100000 /dev/zero | tr '\0' ' ' > "$T/big"
[ "$(code POST /api/plan --data-binary @"$T/big")" = 413 ] && ok || bad "oversized body not 413"
[ "$(code POST /api/plan -H 'Transfer-Encoding: chunked' --data-binary @"$T/big")" = 413 ] && ok || bad "oversized chunked body not 413"

# unknown files, paths and methods
[ "$(code GET /files/../roster.xml --path-as-is)" = 404 ] && ok || bad "/files/../ served"
[ "$(code GET /files/nothing.xml)" = 404 ] && ok || bad "unknown file served"
[ "$(code GET /api/plan)" = 405 ] && ok || bad "GET /api/plan not 405"
[ "$(code DELETE /api/state)" = 405 ] && ok || bad "DELETE not 405"

# a same-origin POST (as the page sends) with a pin: kept in place
m=$(sed -n 's/.*<guard member="\([^"]*\)" unit="POLSEK-[^"]*" force="polri".*/\1/p' "$T/d/roster.xml" | head -n 1)
printf '<overlay xmlns="urn:siaga:overlay:1"><remove-unit id="KORAMIL-KINAL"/></overlay>' > "$T/ov2.xml"
[ "$(code POST "/api/plan?pin=$m" -H "Origin: ${url%/}" --data-binary @"$T/ov2.xml")" = 200 ] && ok || bad "same-origin POST with a pin $m: $(cat "$T/body")"
[ -n "$m" ] && grep -q "member=\"$m\"" "$T/d/roster.xml" && ! grep -q "^pindah,$m," "$T/d/perubahan.csv" && ok || bad "pinned member '$m' moved"
"$SIAGA" plan "$KAUR" --with "$T/d/overlay.xml" --baseline "$T/d/baseline.xml" --pin "$m" -o "$T/cli2" --quiet
cmp -s "$T/cli2/roster.xml" "$T/d/roster.xml" && ok || bad "two steps: the command line with --pin gives another roster"
grep -c "<remove-unit\|<regrade\|<remove-member" "$T/d/overlay.xml" | grep -qx 12 && ok || bad "overlay.xml does not hold both steps' changes"

# undo twice: the first roster again, byte for byte; a third has nothing
[ "$(code POST /api/undo)" = 200 ] && cmp -s "$T/d/roster.xml" "$T/r1.xml" && ok || bad "undo did not bring back step 1"
[ "$(code POST /api/undo)" = 200 ] && cmp -s "$T/d/roster.xml" "$T/r0.xml" && ok || bad "undo did not bring back the first roster"
[ ! -e "$T/d/perubahan.csv" ] && [ ! -e "$T/d/baseline.xml" ] && ok || bad "undone step's perubahan.csv or baseline.xml left"
[ "$(code POST /api/undo)" = 400 ] && ok || bad "undo past the start not 400"

# Ctrl-C: exit 0, the last complete set left
[ "$(code POST /api/plan --data-binary @"$INTEL")" = 200 ] && ok || bad "re-plan after undo"
stop && ok || bad "SIGINT: exit status not 0"
"$SIAGA" check "$KAUR" --with "$T/d/overlay.xml" "$T/d/roster.xml" > /dev/null && ok || bad "the set left after Ctrl-C fails the audit"
ls -a "$T/d" | grep -q '^\.siaga' && bad "staging left in DIR: $(ls -a "$T/d")" || ok

# --baseline at start: a re-plan of it, baseline.xml is that roster
start "$KAUR" "$T/e" --with "$INTEL" --baseline "$T/r0.xml"
cmp -s "$T/e/roster.xml" "$T/cli1/roster.xml" && ok || bad "serve --with --baseline differs from plan --with --baseline"
cmp -s "$T/e/baseline.xml" "$T/r0.xml" && ok || bad "serve --baseline: baseline.xml"
stop

# above 20,000 TPS the set is written per kabupaten (--maps auto): the
# page lists only files the set holds (no national roster.csv or maps),
# and each of them is served
python3 bench/make_scenario.py --tsv data/wilayah-tps-2024.tsv --provinsi 18 -o "$T/lampung.xml" &&
    start "$T/lampung.xml" "$T/p" --time-limit 60
[ "$(code GET /api/state)" = 200 ] && cp "$T/body" "$T/pstate.json" && ok || bad "Lampung: /api/state"
python3 - "$T/pstate.json" <<'PY' > "$T/pfiles" && ok || bad "Lampung: the page lists files of the single set: $(cat "$T/pfiles")"
import json, sys
files = json.load(open(sys.argv[1]))["summary"]["files"]
for n in ("roster.csv", "roster.kml", "roster.geojson"):
    if n in files:
        print(n); sys.exit(1)
for n in sorted(files):
    print(files[n])
PY
[ -d "$T/p/kab" ] && [ ! -e "$T/p/roster.csv" ] && ok || bad "Lampung: not written per kabupaten"
for f in $(cat "$T/pfiles"); do
    [ "$(code GET "$f")" = 200 ] && ok || bad "Lampung: $f listed but not served"
done
# the index's links down (kab/CODE/...) are served; nothing outside kab/
k=$(ls "$T/p/kab" | head -n 1)
for f in laporan.html roster.csv roster.kml roster.geojson; do
    [ "$(code GET "/files/kab/$k/$f")" = 200 ] && cmp -s "$T/body" "$T/p/kab/$k/$f" && ok ||
        bad "Lampung: /files/kab/$k/$f not served as written"
done
if [ -e "$T/p/roster-lintas.csv" ]; then
    [ "$(code GET /files/roster-lintas.csv)" = 200 ] && cmp -s "$T/body" "$T/p/roster-lintas.csv" && ok ||
        bad "Lampung: roster-lintas.csv not served as written"
else
    [ "$(code GET /files/roster-lintas.csv)" = 404 ] && ok || bad "Lampung: roster-lintas.csv served though not written"
fi
for f in "kab/$k/../roster.xml" "kab/../roster.xml" "kab/$k/x.html" "kab//laporan.html" "kab/$k"; do
    [ "$(code GET "/files/$f" --path-as-is)" = 404 ] && ok || bad "Lampung: /files/$f not 404"
done
stop

# usage and bad input: exit 2, nothing served
"$SIAGA" serve > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "serve without SCENARIO not exit 2"
"$SIAGA" serve "$KAUR" --port x > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--port x not exit 2"
"$SIAGA" serve "$KAUR" --bind nowhere --dir "$T/f" > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--bind nowhere not exit 2"
"$SIAGA" serve "$KAUR" --with "$T/bad.xml" --dir "$T/g" > "$T/o" 2> "$T/e2"; [ $? -eq 2 ] && grep -q ":3:" "$T/e2" && [ ! -s "$T/o" ] && ok || bad "bad --with not exit 2 with its line: $(cat "$T/e2")"

echo "e2e-serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
