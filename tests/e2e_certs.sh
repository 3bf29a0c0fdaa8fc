#!/bin/sh
# End-to-end checks of the shortage certificates (issue 14, formats.md 6):
# short-staffed scenarios nobody has looked at (bench/make_scenario.py,
# personnel cut by tests/tools/certs.py with several seeds) are planned;
# their kekurangan.csv is verified by an independent reader
# (tests/tools/certs.py verify, no code shared with siaga) and by `siaga
# check --certificates`, which must also reject tampered files (a unit
# left out, a count changed, two certificates sharing a unit) at their
# line.  Then Kaur short-staffed (scenarios/kaur-2024-kurang.xml).
# SIAGA names the binary.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-certs-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# check_ok NAME SCENARIO ROSTER CERTS [--with OV]: siaga accepts
check_ok() {
    _n=$1 _s=$2 _r=$3 _c=$4; shift 4
    "$SIAGA" check "$_s" "$@" "$_r" --certificates "$_c" >"$T/chk" 2>"$T/err"
    _rc=$?
    [ $_rc -le 1 ] && grep -q '^BUKTI KEKURANGAN: SAH' "$T/chk" && ok ||
        { bad "$_n: check does not accept its certificates (exit $_rc)"; tail -5 "$T/chk" "$T/err"; }
}

# check_rejects NAME SCENARIO ROSTER CERTS PATTERN: siaga and the
# independent reader reject; siaga names FILE:LINE: and PATTERN (both
# helpers keep to _names: sh has no local variables)
check_rejects() {
    _n=$1 _s=$2 _r=$3 _c=$4 _pat=$5
    "$SIAGA" check "$_s" "$_r" --certificates "$_c" >"$T/chk" 2>"$T/err"
    _rc=$?
    [ $_rc = 1 ] && grep -q '^BUKTI KEKURANGAN: DITOLAK' "$T/chk" &&
        grep -q "^$_c:[0-9][0-9]*: .*$_pat" "$T/chk" && ok ||
        { bad "$_n: check does not reject it at its line (exit $_rc)"; tail -5 "$T/chk"; }
    python3 tests/tools/certs.py verify "$_s" "$_r" "$_c" >/dev/null && bad "$_n: the independent reader accepts it" || ok
}

# 1. generated short-staffed kabupaten, several seeds
for case in 1704:1 1704:2 1705:3 1706:4; do
    kab=${case%:*} seed=${case#*:}
    d=$T/$kab-$seed
    mkdir -p "$d"
    python3 bench/make_scenario.py --kabupaten "$kab" --seed "$seed" -o "$d/full.xml" &&
        python3 tests/tools/certs.py cut "$d/full.xml" "$seed" "$d/s.xml" || { bad "$case: no scenario"; continue; }
    "$SIAGA" plan "$d/s.xml" -o "$d/out" --quiet --jobs 1 >/dev/null 2>&1
    rc=$?
    [ $rc = 1 ] && ok || { bad "$case: plan exit $rc, want 1 (short-staffed)"; continue; }
    c=$d/out/kekurangan.csv
    python3 tests/tools/certs.py verify "$d/s.xml" "$d/out/roster.xml" "$c" >"$T/py" && ok ||
        { bad "$case: the independent reader rejects siaga's certificates"; cat "$T/py"; }
    check_ok "$case" "$d/s.xml" "$d/out/roster.xml" "$c"
    # tampered: the first unit row left out
    awk -F, 'done || $2 != "unit" { print; next } { done = 1 }' "$c" > "$d/t1.csv"
    check_rejects "$case: unit left out" "$d/s.xml" "$d/out/roster.xml" "$d/t1.csv" "tidak tercantum di bukti"
    # tampered: a unit's count raised by one
    awk -F, 'BEGIN { OFS = "," } !done && $2 == "unit" { sub(/\r$/, "", $5); $5 = $5 + 1 "\r"; done = 1 } { print }' "$c" > "$d/t2.csv"
    check_rejects "$case: count changed" "$d/s.xml" "$d/out/roster.xml" "$d/t2.csv" "anggota dalam skenario, bukan"
    # tampered: certificate 2 lists a unit of certificate 1 too
    u=$(awk -F, '$1 == 1 && $2 == "unit" { print $0; exit }' "$c" | sed 's/^1,/2,/')
    { cat "$c"; echo "$u"; } > "$d/t3.csv"
    check_rejects "$case: shared unit" "$d/s.xml" "$d/out/roster.xml" "$d/t3.csv" "sudah tercantum di bukti 1"
    # the same bytes again
    "$SIAGA" plan "$d/s.xml" -o "$d/again" --quiet --jobs 2 >/dev/null 2>&1
    cmp -s "$c" "$d/again/kekurangan.csv" && ok || bad "$case: kekurangan.csv differs with --jobs 2"
done

# 2. all TPS rawan (a post per TPS): fewest posts is plain, so the audit
#    alone proves the roster optimal on priorities 1-3
d=$T/rawan
mkdir -p "$d"
sed 's/grade="kurang_rawan"/grade="rawan"/' "$T/1704-1/s.xml" > "$d/s.xml"
"$SIAGA" plan "$d/s.xml" -o "$d/out" --quiet --jobs 1 >/dev/null 2>&1
check_ok "rawan" "$d/s.xml" "$d/out/roster.xml" "$d/out/kekurangan.csv"
grep -q "terbukti optimal pada prioritas 1-3 formats.md 1.4 oleh audit saja" "$T/chk" && ok ||
    bad "rawan: the verdict does not say the audit alone proves priorities 1-3"

# 3. Kaur short-staffed: the example of the README
K=scenarios/kaur-2024
"$SIAGA" plan $K.xml --with $K-kurang.xml -o "$T/kaur" --quiet >/dev/null 2>&1
[ $? = 1 ] && ok || bad "kaur-kurang: plan exit not 1"
grep -q '^Bukti 3. Kecamatan Maje: 15 tempat jaga Polri dan 10 tempat jaga Polri/TNI di 15 pos rawan dan kurang rawan, hanya dapat diisi oleh Polsek Maje (15): kurang 10$' "$T/kaur/ringkasan.txt" && ok ||
    bad "kaur-kurang: no Maje certificate in ringkasan.txt"
grep -q '^  Dijawab BKO: TNI kecamatan Maje 10$' "$T/kaur/ringkasan.txt" && ok || bad "kaur-kurang: Maje's BKO row not tied to its certificate"
grep -q '<li>Bukti 3: Kecamatan Maje: 15 tempat jaga Polri' "$T/kaur/laporan.html" && ok || bad "kaur-kurang: laporan.html without the certificate"
grep -q '^Kecamatan Semidang Gumay: 9 pos; batas ceil(n/c) per komponen 8, sisanya dibuktikan batas LP set-partitioning perencana; 1 TPS berdiri sendiri$' "$T/kaur/ringkasan.txt" && ok ||
    bad "kaur-kurang: no reason for the posts of Semidang Gumay"
grep -q '<li><span class="kode">P0001</span>: jangkar <span class="kode">1704012002001</span>, 5 TPS, terjauh <span class="kode">1704012009001</span> 1.85 km</li>' "$T/kaur/laporan.html" && ok ||
    bad "kaur-kurang: no line for post P0001 in laporan.html"
check_ok "kaur-kurang" $K.xml "$T/kaur/roster.xml" "$T/kaur/kekurangan.csv" --with $K-kurang.xml
# a full plan: header only, and nothing in the summary
"$SIAGA" plan $K.xml -o "$T/full" --quiet >/dev/null 2>&1
[ "$(cat "$T/full/kekurangan.csv")" = "$(printf 'bukti,jenis,id,tempat,jumlah\r')" ] && ok || bad "full plan: kekurangan.csv is not the header alone"
grep -q "BUKTI KEKURANGAN" "$T/full/ringkasan.txt" && bad "full plan: a certificate section" || ok
check_ok "full" $K.xml "$T/full/roster.xml" "$T/full/kekurangan.csv"

# 4. the rule-change table (DAMPAK ATURAN) of Kaur against plans re-run
#    with each changed rule: every kecamatan's posts and guard places
#    agree (the table's counts are all proven on Kaur, so no "*")
# rule_overlay ATTR FILE: an overlay changing one rule of kurang rawan
rule_overlay() {
    cat > "$2" <<OV
<?xml version="1.0" encoding="UTF-8"?>
<overlay xmlns="urn:siaga:overlay:1" name="rule change">
  <rules><grade name="kurang_rawan" $1/></rules>
</overlay>
OV
}
for v in "radius_km=\"1.5\"" "radius_km=\"2.5\"" "tps_per_post=\"4\"" "tps_per_post=\"6\""; do
    n=$(echo "$v" | tr -dc '0-9.')
    rule_overlay "$v" "$T/rule-$n.xml"
    "$SIAGA" plan $K.xml --with "$T/rule-$n.xml" -o "$T/rule-$n" --quiet --no-sensitivity >/dev/null 2>&1
    [ $? -le 1 ] && ok || bad "plan with rule $n failed"
done
python3 - "$T" "$K.xml" <<'PY' && ok || bad "the DAMPAK ATURAN table of Kaur disagrees with the plans re-run"
import re, sys, xml.etree.ElementTree as ET
t, scn = sys.argv[1], sys.argv[2]
S = "{urn:siaga:scenario:1}"
name = {k.get("code"): k.get("name") for k in ET.parse(scn).getroot().iter(S + "kecamatan")}
table, on = {}, False
for line in open(t + "/full/ringkasan.txt", encoding="utf-8"):
    if line.startswith("DAMPAK ATURAN"):
        on = True
        continue
    if on and not line.strip():
        break
    if on and not line.startswith("Kecamatan"):
        cells = re.findall(r"(\d+) / (\d+)(\*?)", line)
        table[line[:24].strip()] = cells
bad = 0
for col, n in enumerate(["1.5", "2.5", "4", "6"], start=1):
    got = {}
    for p in ET.parse("%s/rule-%s/roster.xml" % (t, n)).getroot():
        if p.tag.endswith("post"):
            k = name[p.get("kecamatan")]
            c = got.setdefault(k, [0, 0])
            c[0] += 1
            c[1] += int(p.get("required"))
    for k, (posts, places) in got.items():
        cell = table[k][col]
        if (int(cell[0]), int(cell[1])) != (posts, places) or cell[2]:
            print("rule %s, %s: table %s, plan %d / %d" % (n, k, cell, posts, places))
            bad += 1
    tot = table["Jumlah"][col]
    if int(tot[0]) != sum(c[0] for c in got.values()):
        print("rule %s: total %s" % (n, tot))
        bad += 1
sys.exit(1 if bad else 0)
PY
grep -q '<table class="dampak">' "$T/full/laporan.html" && ok || bad "laporan.html without the rule-change table"
"$SIAGA" plan $K.xml -o "$T/nosens" --quiet --no-sensitivity >/dev/null 2>&1
grep -q "DAMPAK ATURAN" "$T/nosens/ringkasan.txt" && bad "--no-sensitivity still writes the table" || ok

# 4b. the table where proofs are not all cheap: a dense kecamatan with 16
#    TPS a post (bench/make_stress.py, Cibinong, seed 3), whose components
#    are larger than the table proves (solver/sensitivity.c).  Against plans
#    re-run with each rule: a count without "*" is the re-run's proven
#    count; a count with "*" is a clustering (>= the re-run's proven
#    bound) over a bound (<= the re-run's count); the longer radius and 17
#    TPS a post never need more than the plan, the shorter and 15 never
#    fewer.
D="$T/dense16"
python3 bench/make_stress.py --shape dense --kabupaten 3201 --kecamatan 320101 \
    --seed 3 --tps-per-post 16 -o "$D.xml" &&
    "$SIAGA" plan "$D.xml" -o "$D" --quiet >/dev/null 2>&1
[ $? -le 1 ] && ok || bad "dense kecamatan with 16 TPS a post: plan failed"
for v in "radius_km=\"1.5\"" "radius_km=\"2.5\"" "tps_per_post=\"15\"" "tps_per_post=\"17\""; do
    n=$(echo "$v" | tr -dc '0-9.')
    rule_overlay "$v" "$T/drule-$n.xml"
    "$SIAGA" plan "$D.xml" --with "$T/drule-$n.xml" -o "$D-$n" --quiet --no-sensitivity >/dev/null 2>&1
    [ $? -le 1 ] && ok || bad "dense: plan with rule $n failed"
done
python3 - "$D" <<'PY' && ok || bad "the DAMPAK ATURAN table of the dense kecamatan breaks its bounds"
import re, sys
d = sys.argv[1]
def summary(path):
    """posts and their proven bound from ringkasan.txt's objective lines"""
    txt = open(path, encoding="utf-8").read()
    m = re.search(r"^DAMPAK ATURAN.*?\n(.*?)\n\n", txt + "\n\n", re.S | re.M)
    return txt, m
txt, m = summary(d + "/ringkasan.txt")
rows = [l for l in m.group(1).splitlines() if l.startswith("Jumlah")]
cells = re.findall(r"(\d+) / (\d+)(\*?)(?: \(≥(\d+)\))?", rows[0])
plan_posts = int(cells[0][0])
bad = 0
for col, n in enumerate(["1.5", "2.5", "15", "17"], start=1):
    posts, places, star, bound = cells[col]
    posts = int(posts)
    bound = int(bound) if star else posts
    x = open("%s-%s/roster.xml" % (d, n), encoding="utf-8").read()
    got = len(re.findall(r"<post ", x))
    st = re.search(r'status="([a-z]+)"', x).group(1)
    proven = st in ("optimal", "shortage")
    if not star and proven and posts != got:
        bad += 1; print("rule %s: table %d proven, re-run %d" % (n, posts, got))
    if bound > got:
        bad += 1; print("rule %s: table bound %d above a clustering of %d" % (n, bound, got))
    if proven and posts < got:
        bad += 1; print("rule %s: table %d below the proven %d" % (n, posts, got))
    if n in ("2.5", "17") and posts > plan_posts:
        bad += 1; print("rule %s: %d posts, the plan has %d" % (n, posts, plan_posts))
    if n in ("1.5", "15") and bound < plan_posts:
        bad += 1; print("rule %s: bound %d below the plan's %d" % (n, bound, plan_posts))
sys.exit(1 if bad else 0)
PY
grep -q '\* (≥' "$D/ringkasan.txt" && ok || bad "the dense kecamatan's table has no unproven cell: the case tests nothing"

# 5. not a certificate file: exit 2, FILE:LINE
printf 'bukti,jenis,id,tempat,jumlah\r\n1,post,P0001,tni,1\r\n' > "$T/bad.csv"
"$SIAGA" check $K.xml "$T/full/roster.xml" --certificates "$T/bad.csv" >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q "^siaga: $T/bad.csv:2: tempat of a post is polri or jaga" "$T/err" && ok || bad "bad file: not exit 2 with its line"
"$SIAGA" check $K.xml "$T/full/roster.xml" --certificates "$T/none.csv" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "missing file: not exit 2"

echo "e2e-certs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
