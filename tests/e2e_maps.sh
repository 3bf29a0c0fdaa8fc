#!/bin/sh
# End-to-end checks of `siaga plan --maps`: the maps and the print report
# per kabupaten (DIR/kab/<code>/laporan.html, roster.kml, roster.geojson,
# roster.csv, and roster-lintas.csv for the reserves of units scoped to no
# kabupaten) with the index DIR/laporan.html, on tests/data/split/tiga.xml (three
# kabupaten, one short of personnel, a Polres scoped to a kabupaten):
# the tree, the index's totals by province and kabupaten recounted from
# roster.xml, every TPS in exactly one kabupaten's GeoJSON, GDAL's ogrinfo
# opening a GeoJSON and a KML of a kabupaten, the links between the pages
# and the pages in headless Chromium, the roster itself unchanged
# by the choice, the rows of the CSV parts those of the single roster.csv,
# a switch of --maps leaving no file of the other choice, a second run
# replacing the first whole, `--maps none`
# writing none of the maps, `--maps single` the three whole files, a bad
# value refused with exit 2; and `check --report --maps per-kabupaten`
# (cakupan.html per kabupaten with an index).
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-e2e-maps-XXXXXX)
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
same() { # same FILE1 FILE2 DESCRIPTION
    cmp -s "$1" "$2" && ok || { bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -6 | sed 's/^/  | /'; }
}

SC=tests/data/split/tiga.xml

# usage
expect 2 "--maps with a bad value" -- "$SIAGA" plan $SC -o "$T/bad" --maps kecamatan
grep -q "maps wants auto, single, per-kabupaten or none, not 'kecamatan'" "$T/err" && ok || bad "--maps bad value: message"
[ ! -e "$T/bad" ] && ok || bad "--maps bad value wrote $T/bad"
expect 2 "--maps without a value" -- "$SIAGA" plan $SC -o "$T/bad" --maps
"$SIAGA" --help | grep -q -- "--maps auto|single|per-kabupaten|none" && ok || bad "usage lacks --maps"

# the default below 20,000 TPS is single; per-kabupaten on request
expect 1 "plan (auto: single)" -- "$SIAGA" plan $SC -o "$T/single" --quiet
expect 1 "plan --maps single" -- "$SIAGA" plan $SC -o "$T/single2" --quiet --maps single
expect 1 "plan --maps per-kabupaten" -- "$SIAGA" plan $SC -o "$T/pk" --quiet --maps per-kabupaten
expect 1 "plan --maps none" -- "$SIAGA" plan $SC -o "$T/none" --quiet --maps none

(cd "$T/single" && find . -type f | LC_ALL=C sort) >"$T/single.ls"
printf '%s\n' ./bko.csv ./kekurangan.csv ./laporan.html ./ringkasan.txt ./roster.csv \
    ./roster.geojson ./roster.kml ./roster.xml >"$T/want-single"
same "$T/single.ls" "$T/want-single" "auto below 20,000 TPS writes the single maps"
for f in bko.csv kekurangan.csv laporan.html ringkasan.txt roster.csv roster.geojson roster.kml roster.xml; do
    same "$T/single/$f" "$T/single2/$f" "--maps single = auto: $f"
done
(cd "$T/none" && find . -type f | LC_ALL=C sort) >"$T/none.ls"
printf '%s\n' ./bko.csv ./kekurangan.csv ./ringkasan.txt ./roster.csv ./roster.xml >"$T/want-none"
same "$T/none.ls" "$T/want-none" "--maps none writes no map or report"
(cd "$T/pk" && find . | LC_ALL=C sort) >"$T/pk.ls"
{
    printf '%s\n' . ./bko.csv ./kab ./kekurangan.csv
    for c in 7501 7502 7503; do
        printf '%s\n' ./kab/$c ./kab/$c/laporan.html ./kab/$c/roster.csv \
            ./kab/$c/roster.geojson ./kab/$c/roster.kml
    done
    printf '%s\n' ./laporan.html ./ringkasan.txt ./roster.xml
} | LC_ALL=C sort >"$T/want-pk"
same "$T/pk.ls" "$T/want-pk" "--maps per-kabupaten: the tree"
for f in roster.xml ringkasan.txt bko.csv kekurangan.csv; do
    same "$T/pk/$f" "$T/single/$f" "$f does not depend on --maps"
    same "$T/none/$f" "$T/single/$f" "$f does not depend on --maps (none)"
done
same "$T/none/roster.csv" "$T/single/roster.csv" "roster.csv does not depend on --maps (none)"
# roster.csv per kabupaten: the header of roster.csv, then rows that are
# those of the single roster.csv, each once; a kabupaten's own guards and
# Linmas (their kecamatan in it), reserves of its units (here all units
# are scoped inside one kabupaten, so none goes to roster-lintas.csv)
head -n 1 "$T/single/roster.csv" >"$T/hdr"
for c in 7501 7502 7503; do
    head -n 1 "$T/pk/kab/$c/roster.csv" | cmp -s - "$T/hdr" && ok || bad "kab/$c/roster.csv: not the header of roster.csv"
    n=$(tail -n +2 "$T/pk/kab/$c/roster.csv" | awk -F, -v c="$c" '$6 != "reserve" && substr($9, 1, 4) != c' | wc -l)
    r=$(tail -n +2 "$T/pk/kab/$c/roster.csv" | awk -F, -v c="$c" '$6 == "reserve" && $5 !~ c' | wc -l)
    [ "$n" = 0 ] && [ "$r" = 0 ] && [ "$(wc -l < "$T/pk/kab/$c/roster.csv")" -gt 1 ] && ok ||
        bad "kab/$c/roster.csv holds $n rows of another kabupaten, $r reserves of another's units"
done
tail -n +2 "$T/single/roster.csv" | LC_ALL=C sort >"$T/rows1"
tail -q -n +2 "$T"/pk/kab/*/roster.csv | LC_ALL=C sort >"$T/rows2"
[ -s "$T/rows1" ] && same "$T/rows1" "$T/rows2" "the rows of the kabupaten's roster.csv against roster.csv"
[ ! -e "$T/pk/roster-lintas.csv" ] && ok || bad "roster-lintas.csv without units of no kabupaten"
# a unit scoped to no kabupaten: its reserves in roster-lintas.csv, linked
# from the index; all rows still those of roster.csv
sed 's|^\(    <unit id="POLSEK-750101" \)|    <unit id="BRIMOB" force="polri" name="Satbrimob" count="40"/>\n\1|' $SC >"$T/any.xml"
expect 1 "plan --maps per-kabupaten with a unit of scope any" -- "$SIAGA" plan "$T/any.xml" -o "$T/pka" --quiet --maps per-kabupaten
expect 1 "plan --maps single with a unit of scope any" -- "$SIAGA" plan "$T/any.xml" -o "$T/sga" --quiet --maps single
nres=$(grep -c '<reserve .*unit="BRIMOB"' "$T/pka/roster.xml")
[ "$nres" -gt 0 ] && [ "$(tail -n +2 "$T/pka/roster-lintas.csv" | grep -c ',BRIMOB,reserve,,,,,.$')" = "$nres" ] &&
    [ "$(wc -l < "$T/pka/roster-lintas.csv")" = $((nres + 1)) ] && ok ||
    bad "roster-lintas.csv does not hold the $nres reserves of BRIMOB"
grep -q 'href="roster-lintas.csv"' "$T/pka/laporan.html" && ok || bad "the index does not link roster-lintas.csv"
tail -n +2 "$T/sga/roster.csv" | LC_ALL=C sort >"$T/rows1"
tail -q -n +2 "$T"/pka/kab/*/roster.csv "$T/pka/roster-lintas.csv" | LC_ALL=C sort >"$T/rows2"
same "$T/rows1" "$T/rows2" "the rows of the parts and roster-lintas.csv against roster.csv"
# switching --maps in a folder that holds another file (so the set goes in
# file by file): the files of the other choice go, the other file stays
cp -r "$T/single" "$T/sw"
touch "$T/sw/catatan.txt"
expect 1 "single, then per-kabupaten into the same folder" -- "$SIAGA" plan $SC -o "$T/sw" --quiet --maps per-kabupaten
(cd "$T/sw" && find . | LC_ALL=C sort) >"$T/sw.ls"
(cd "$T/pk" && { find .; echo ./catatan.txt; } | LC_ALL=C sort) >"$T/want-sw"
same "$T/sw.ls" "$T/want-sw" "single then per-kabupaten: no national roster.csv or map stays"
expect 1 "per-kabupaten, then none into the same folder" -- "$SIAGA" plan $SC -o "$T/sw" --quiet --maps none
(cd "$T/sw" && find . | LC_ALL=C sort) >"$T/sw.ls"
(cd "$T/none" && { find .; echo ./catatan.txt; } | LC_ALL=C sort) >"$T/want-sw"
same "$T/sw.ls" "$T/want-sw" "per-kabupaten then none: kab/ and the index went"
# the audit of the replaced roster (check --report beside the plan, its
# parts in kab/) goes with it, and plan says so
expect 1 "per-kabupaten again" -- "$SIAGA" plan $SC -o "$T/sw" --quiet --maps per-kabupaten
expect 1 "check --report into the plan's folder" -- "$SIAGA" check $SC "$T/sw/roster.xml" --report "$T/sw" --maps per-kabupaten
[ -s "$T/sw/cakupan.html" ] && [ -s "$T/sw/kab/7502/cakupan.html" ] && [ -s "$T/sw/kab/7502/roster.csv" ] && ok ||
    bad "check --report beside the plan: $(ls "$T/sw" "$T/sw/kab/7502")"
"$SIAGA" plan $SC -o "$T/sw" --quiet --maps per-kabupaten 2>"$T/err"
(cd "$T/sw" && find . | LC_ALL=C sort) >"$T/sw.ls"
(cd "$T/pk" && { find .; echo ./catatan.txt; } | LC_ALL=C sort) >"$T/want-sw"
same "$T/sw.ls" "$T/want-sw" "plan over its audit: cakupan.html and its parts went"
grep -q "cakupan.html: removed the audit of the earlier roster" "$T/err" && ok || bad "plan over its audit says: $(cat "$T/err")"
# what the single report explains per Polsek (why its posts, the
# certificates of its empty places) is in the kabupaten's report, and the
# plan-wide sensitivity table on the index
count() { cat "$@" | grep -o "class=\"$c\"" | wc -l; }
for c in alasan bukti; do
    n=$(count "$T/single/laporan.html"); m=$(count "$T"/pk/kab/*/laporan.html)
    [ "$n" -gt 0 ] && [ "$n" = "$m" ] && ok || bad "class=$c: $n in the single report, $m in the parts"
done
c=dampak
[ "$(count "$T/pk/laporan.html")" = "$(count "$T/single/laporan.html")" ] && [ "$(count "$T/pk/laporan.html")" -gt 0 ] && ok ||
    bad "the index lacks the sensitivity table"

# the index against the roster, the kabupaten files against the scenario
if command -v python3 >/dev/null 2>&1; then
    python3 - "$SC" "$T/pk" >"$T/py" 2>&1 <<'PY'
import html.parser, json, re, sys
import xml.etree.ElementTree as ET
sc, d = sys.argv[1], sys.argv[2]
bad = []
S = "{urn:siaga:scenario:1}"
scen = ET.parse(sc).getroot()
linmas_per_tps = 2
for r in scen.iter():
    if r.tag.endswith("linmas") and r.get("per_tps"):
        linmas_per_tps = int(r.get("per_tps"))
tps_kab = {}
for ds in scen.iter(S + "desa"):
    for t in ds.findall(S + "tps"):
        tps_kab["%s%03d" % (ds.get("code"), int(t.get("no")))] = ds.get("code")[:4]
R = "{urn:siaga:roster:1}"
roster = ET.parse(d + "/roster.xml").getroot()
G = ["sangat_rawan", "khusus", "rawan", "kurang_rawan"]
want = {}
def row(code):
    return want.setdefault(code, {"posts": 0, "filled": {g: 0 for g in G},
                                  "empty": {g: 0 for g in G}, "linmas": 0, "tps": 0})
for code in set(tps_kab.values()):
    row(code)
for code in tps_kab.values():
    row(code)["tps"] += 1
for p in roster.findall(R + "post"):
    k = p.get("kecamatan")[:4]
    n = len(p.findall(R + "guard"))
    r = row(k)
    r["posts"] += 1
    r["filled"][p.get("grade")] += n
    r["empty"][p.get("grade")] += int(p.get("required")) - n
for l in roster.findall(R + "linmas"):
    row(l.get("tps")[:4])["linmas"] += 1
if len(tps_kab) == 0 or len(want) != 3:
    bad.append("scenario not read: %d TPS, %d kabupaten" % (len(tps_kab), len(want)))

class Rows(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cell = None; self.cur = None
        self.links = []
    def handle_starttag(self, tag, a):
        if tag == "tr": self.cur = []
        if tag in ("td", "th") and self.cur is not None: self.cell = ""
        if tag == "a": self.links.append(dict(a)["href"])
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cur is not None:
            self.cur.append(self.cell.strip()); self.cell = None
        if tag == "tr" and self.cur is not None:
            self.rows.append(self.cur); self.cur = None
    def handle_data(self, x):
        if self.cell is not None: self.cell += x
p = Rows()
p.feed(open(d + "/laporan.html", encoding="utf-8").read())
got = {}
for r in p.rows:
    if len(r) == 14 and re.fullmatch(r"[0-9]{2}|[0-9]{4}|TOTAL", r[0]):
        got[r[0]] = [int(x) for x in r[2:13]]
def expect(code, rows):
    tps = sum(r["tps"] for r in rows)
    v = [tps, sum(r["posts"] for r in rows)]
    for g in ["sangat_rawan", "rawan", "kurang_rawan"]:
        v += [sum(r["filled"][g] for r in rows), sum(r["empty"][g] for r in rows)]
    lin = sum(r["linmas"] for r in rows)
    v += [lin, tps * linmas_per_tps - lin]
    if code not in got:
        bad.append("index has no row %s" % code)
    elif got[code][:10] != v:
        bad.append("index row %s: %s, roster says %s" % (code, got[code][:10], v))
for code, r in want.items():
    expect(code, [r])
expect("75", list(want.values()))
expect("TOTAL", list(want.values()))
# reserves: the Polres of 7501 counts there; the total is the roster's
nres = len(roster.findall(R + "reserve"))
if got.get("TOTAL", [0] * 11)[10] != nres:
    bad.append("index reserves %s, roster %d" % (got.get("TOTAL"), nres))
for code in want:
    for f in ("laporan.html", "roster.kml", "roster.geojson", "roster.csv"):
        if "kab/%s/%s" % (code, f) not in p.links:
            bad.append("index does not link kab/%s/%s" % (code, f))
# each kabupaten's GeoJSON: its own TPS, all of them; routes of its posts
seen = {}
for code in want:
    fc = json.load(open("%s/kab/%s/roster.geojson" % (d, code), encoding="utf-8"))
    for f in fc["features"]:
        pr = f["properties"]
        if pr["kind"] == "tps":
            seen[pr["tps"]] = seen.get(pr["tps"], 0) + 1
            if pr["tps"][:4] != code:
                bad.append("%s in the GeoJSON of %s" % (pr["tps"], code))
        elif pr["kecamatan"][:4] != code:
            bad.append("route %s in the GeoJSON of %s" % (pr["post"], code))
    page = open("%s/kab/%s/laporan.html" % (d, code), encoding="utf-8").read()
    if '<a href="../../laporan.html">' not in page:
        bad.append("kab/%s/laporan.html does not link up" % code)
    if "<b>%d</b>TPS" % want[code]["tps"] not in page:
        bad.append("kab/%s/laporan.html: not %d TPS" % (code, want[code]["tps"]))
    if len(re.findall(r'<section class="polsek" id="kec-', page)) != 3:
        bad.append("kab/%s/laporan.html: not its 3 Polsek sections" % code)
if sorted(seen) != sorted(tps_kab) or set(seen.values()) != {1}:
    bad.append("the GeoJSON files do not hold every TPS once")
print("\n".join(bad) if bad else "OK")
PY
    if [ "$(cat "$T/py")" = OK ]; then ok; else bad "index and parts against the roster:"; sed 's/^/  | /' "$T/py" | head -10; fi
else
    optout SIAGA_NO_PYTHON maps 1 "python3 is missing"
fi

# GDAL opens a kabupaten's GeoJSON and KML
if command -v ogrinfo >/dev/null 2>&1; then
    ntps=$(grep -c '"kind":"tps"' "$T/pk/kab/7502/roster.geojson")
    nroute=$(grep -c '"kind":"route"' "$T/pk/kab/7502/roster.geojson")
    ogrinfo -ro -so -al "$T/pk/kab/7502/roster.geojson" >"$T/ogr" 2>&1
    grep -q "Feature Count: $((ntps + nroute))$" "$T/ogr" && [ "$ntps" -gt 0 ] && ok ||
        { bad "ogrinfo on the GeoJSON of 7502 ($ntps TPS, $nroute routes)"; sed 's/^/  | /' "$T/ogr" | head -8; }
    ogrinfo -ro -so -al "$T/pk/kab/7502/roster.kml" >"$T/ogr" 2>&1
    got=$(sed -n 's/^Feature Count: //p' "$T/ogr" | awk '{s += $1} END {print s + 0}')
    [ "$got" = $((ntps + nroute)) ] && ok ||
        { bad "ogrinfo on the KML of 7502: $got features, want $((ntps + nroute))"; sed 's/^/  | /' "$T/ogr" | head -8; }
    grep -q "Layer name: Kecamatan " "$T/ogr" && ok || bad "KML of 7502: no kecamatan folder as a layer"
else
    optout SIAGA_NO_GDAL maps 3 "ogrinfo (Debian gdal-bin) is missing"
fi

# every link of the index and of a kabupaten's page names a file of the set
for page in laporan.html kab/7502/laporan.html; do
    dir=$(dirname "$T/pk/$page")
    links=$(grep -o 'href="[^"]*"' "$T/pk/$page" | sed 's/^href="//; s/"$//')
    n=0
    for l in $links; do
        case $l in *:*|/*) bad "$page links outside the set: $l" ;; esac
        [ -f "$dir/$l" ] || bad "$page links to $l, which is not there"
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] && ok || bad "$page has no links"
done
grep -q -e 'src=' -e '<script' "$T/pk/laporan.html" "$T/pk/kab/7502/laporan.html" &&
    bad "the pages fetch or run something" || ok

# the index and a kabupaten's page in a browser
CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
    for c in chromium chromium-browser; do
        if command -v "$c" >/dev/null 2>&1; then CHROMIUM=$c; break; fi
    done
fi
if [ -z "$CHROMIUM" ]; then
    optout SIAGA_NO_CHROMIUM maps 2 "the pages in a browser: chromium is not installed"
else
    browse() {
        timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
            --no-first-run --disable-background-networking --disable-component-update \
            --disable-sync --disable-extensions --user-data-dir="$T/profile" "$@" \
            2>>"$T/chromium.log"
    }
    browse --dump-dom "file://$T/pk/laporan.html" >"$T/idx.dom"
    grep -q 'href="kab/7502/laporan.html">Kab Uji 2</a>' "$T/idx.dom" &&
        grep -q "Indeks Laporan Rencana Pengamanan TPS" "$T/idx.dom" && ok ||
        { bad "the index in a browser"; tail -3 "$T/chromium.log"; }
    browse --dump-dom "file://$T/pk/kab/7502/laporan.html" >"$T/kab.dom"
    grep -q "<b>36</b>TPS" "$T/kab.dom" && grep -q "<circle" "$T/kab.dom" &&
        grep -q "Kabupaten/kota" "$T/kab.dom" && ok ||
        { bad "kab/7502/laporan.html in a browser"; tail -3 "$T/chromium.log"; }
fi

# check --report: cakupan.html per kabupaten with its index
expect 1 "check --report (auto: single)" -- "$SIAGA" check $SC "$T/pk/roster.xml" --report "$T/cs"
[ "$(ls -A "$T/cs")" = cakupan.html ] && ok || bad "check --report below 20,000 TPS: $(ls -A "$T/cs")"
expect 1 "check --report --maps per-kabupaten" -- "$SIAGA" check $SC "$T/pk/roster.xml" --report "$T/ck" --maps per-kabupaten
total=$(sed -n 's/^TPS kurang personel: \([0-9]*\)$/\1/p' "$T/out")
(cd "$T/ck" && find . -type f | LC_ALL=C sort) >"$T/ck.ls"
printf '%s\n' ./cakupan.html ./kab/7501/cakupan.html ./kab/7502/cakupan.html \
    ./kab/7503/cakupan.html >"$T/want-ck"
same "$T/ck.ls" "$T/want-ck" "check --report --maps per-kabupaten: the tree"
sum=0
for c in 7501 7502 7503; do
    n=$(sed -n 's/.*<h2>TPS kurang personel (\([0-9]*\))<\/h2>.*/\1/p' "$T/ck/kab/$c/cakupan.html")
    rows=$(grep -c "<tr><td class=\"kode\">$c" "$T/ck/kab/$c/cakupan.html")
    other=$(grep "<tr><td class=\"kode\">75" "$T/ck/kab/$c/cakupan.html" | grep -vc "<tr><td class=\"kode\">$c")
    [ "${n:-x}" = "$rows" ] && [ "$other" = 0 ] && ok ||
        bad "kab/$c/cakupan.html: $n TPS short, $rows rows of its own, $other of others"
    grep -q 'href="kab/'$c'/cakupan.html"' "$T/ck/cakupan.html" && ok || bad "the coverage index does not link $c"
    sum=$((sum + ${n:-0}))
done
[ "$sum" = "$total" ] && [ "$total" -gt 0 ] && ok || bad "TPS short per kabupaten add up to $sum, the audit says $total"
grep -q "HASIL: TIDAK LULUS" "$T/ck/cakupan.html" && ok || bad "the coverage index has no verdict"
grep -q "<svg" "$T/ck/cakupan.html" && bad "the coverage index draws the whole map" || ok
expect 2 "check --maps none" -- "$SIAGA" check $SC "$T/pk/roster.xml" --report "$T/cn" --maps none
[ ! -e "$T/cn" ] && ok || bad "check --maps none wrote $T/cn"

# the same bytes every time; a second run replaces the first whole
expect 1 "plan --maps per-kabupaten again" -- "$SIAGA" plan $SC -o "$T/pk2" --quiet --maps per-kabupaten --jobs 1
(cd "$T/pk" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$T/pk.sum"
(cd "$T/pk2" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$T/pk2.sum"
same "$T/pk.sum" "$T/pk2.sum" "per-kabupaten maps are deterministic (--jobs 1 and 2)"
expect 1 "plan --maps per-kabupaten over the last" -- "$SIAGA" plan $SC -o "$T/pk" --quiet --maps per-kabupaten
(cd "$T/pk" && find . -type f | LC_ALL=C sort | xargs sha256sum) >"$T/pk3.sum"
same "$T/pk3.sum" "$T/pk.sum" "a second run leaves the same set"
ls -A "$T" | grep -q "siaga" && bad "staging left beside the outputs: $(ls -A "$T")" || ok

echo "e2e_maps: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
