#!/bin/sh
# End-to-end check that no CSV siaga writes holds a cell a spreadsheet
# would run as a formula (issue 17, item 5; io/formats/csv.h csv_write_text): a
# scenario whose names, ranks and ids start with '=', '+', '-', '@' is
# planned (roster.csv, bko.csv), and a TPS list with such cells is imported
# with --drop-bad (the rejects); a unit named '=KORAMIL' puts such member
# ids in shifts.csv (--timeline).  Each cell is read back with Python's csv
# module: a cell starting with one of = + - @ tab CR must be a plain
# number; and the neutralised cells are checked byte for byte.
#
# Then LibreOffice itself opens each of these CSVs (soffice --headless
# --convert-to fods, flat XML, with a private profile and a timeout): no
# cell may hold a formula (table:formula) and each hostile text must be
# there as a text cell.  A control CSV with a bare =1+1 must come out as a
# formula, so the check shows LibreOffice would have run one.  Without
# LibreOffice (Debian: libreoffice-calc-nogui) these checks fail, unless
# SIAGA_NO_LIBREOFFICE=1 says to skip them (a failure all the same under
# CI: tests/skip.sh).  SOFFICE may name the program.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-e2e-formula-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
. tests/skip.sh
no_formula() { # no_formula FILE
    python3 - "$1" <<'PY' && ok || bad "$1 holds a formula cell"
import csv, re, sys
num = re.compile(r'^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$')
bad = [c for row in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))
       for c in row if c[:1] in ('=', '+', '-', '@', '\t', '\r') and not num.match(c)]
for c in bad:
    print('  formula cell:', repr(c))
sys.exit(1 if bad else 0)
PY
}
has() { # has FILE BYTES DESCRIPTION
    grep -qF -- "$2" "$1" && ok || bad "$3: no '$2' in $1"
}

sed -e 's/name="Agus Santoso" rank="Aiptu"/name="=HYPERLINK(\&quot;http:\/\/evil\/\&quot;,\&quot;Agus\&quot;)" rank="@SUM(1+1)"/' \
    -e 's/id="79010001"/id="-1+79010001"/' -e 's/id="POLRES-KAUR"/id="+POLRES"/' \
    tests/data/scenario/spec-example.xml > "$T/f.xml"
"$SIAGA" plan "$T/f.xml" -o "$T/o" --quiet 2>"$T/err"
rc=$?
[ "$rc" -le 1 ] && ok || bad "plan: exit $rc: $(cat "$T/err")"
for f in "$T"/o/*.csv; do no_formula "$f"; done
has "$T/o/roster.csv" "'-1+79010001,\"'=HYPERLINK(\"\"http://evil/\"\",\"\"Agus\"\")\",'@SUM(1+1),polri,'+POLRES," "roster.csv row"
# kekurangan.csv: posts of 9 Polri-only places leave places empty, and the
# certificate lists the unit '+POLRES'
cat > "$T/short.xml" <<'OV'
<?xml version="1.0" encoding="UTF-8"?>
<overlay xmlns="urn:siaga:overlay:1" name="short"><rules>
  <grade name="kurang_rawan" guards="9" min_polri="9"/></rules></overlay>
OV
"$SIAGA" plan "$T/f.xml" --with "$T/short.xml" -o "$T/k" --quiet 2>"$T/err"
[ $? = 1 ] && ok || bad "plan short: not exit 1: $(cat "$T/err")"
no_formula "$T/k/kekurangan.csv"
has "$T/k/kekurangan.csv" ",unit,'+POLRES,," "kekurangan.csv row"

I=tests/data/import
{
    head -3 $I/tps-id.csv
    printf '3;Tangerang;=1+1;3;-6,1724;106,6345;@SUM(A1)\r\n'
    printf '4;Tangerang;Sukarasa;4;=HYPERLINK("http://evil/");106,6345;-cmd\r\n'
} > "$T/tps.csv"
"$SIAGA" import --wilayah $I/wilayah.tsv --tps "$T/tps.csv" --drop-bad "$T/rej.csv" -o "$T/s.xml" 2>"$T/err"
rc=$?
[ "$rc" = 0 ] && ok || bad "import --drop-bad: exit $rc: $(cat "$T/err")"
no_formula "$T/rej.csv"
has "$T/rej.csv" "'=1+1" "rejects: the kelurahan"
has "$T/rej.csv" "'@SUM(A1)" "rejects: the address"
has "$T/rej.csv" "\"'=HYPERLINK(\"\"http://evil/\"\")\"" "rejects: the latitude"
has "$T/rej.csv" ",'-cmd," "rejects: a leading minus"
has "$T/rej.csv" ',3,"-6,1724","106,6345",' "rejects: a negative latitude with a decimal comma unchanged"

# shifts.csv: member ids made from a unit id that starts with '='
sed 's/KORAMIL-KINAL/=KORAMIL/g' "$T/f.xml" > "$T/f2.xml"
"$SIAGA" plan "$T/f2.xml" -o "$T/t" --quiet --timeline 2>"$T/err"
rc=$?
[ "$rc" -le 1 ] && ok || bad "plan --timeline: exit $rc: $(cat "$T/err")"
for f in "$T"/t/*.csv; do no_formula "$f"; done
# (which Koramil member gets a logistics shift is the planner's choice:
# KORAMIL-001 holds election-day duty since issue 12, so any of them)
grep -q "^'=KORAMIL-00[0-9],logistik," "$T/t/shifts.csv" && ok || bad "shifts.csv row: no '=KORAMIL-00N,logistik,"


# LibreOffice opens them: per file, no formula cell, and each hostile text
# (lo-want) a text cell, shown with its leading '
SOFFICE=${SOFFICE:-}
if [ -z "$SOFFICE" ]; then
    for c in soffice libreoffice; do
        if command -v "$c" >/dev/null 2>&1; then SOFFICE=$c; break; fi
    done
elif ! command -v "$SOFFICE" >/dev/null 2>&1; then
    SOFFICE=""
fi
mkdir -p "$T/lo-in"
cp "$T/o/roster.csv" "$T/lo-in/roster.csv"
cp "$T/o/bko.csv" "$T/lo-in/bko.csv"
cp "$T/t/shifts.csv" "$T/lo-in/shifts.csv"
cp "$T/rej.csv" "$T/lo-in/rejects.csv"
printf 'a,b\n=1+1,x\n' > "$T/lo-in/control.csv"
cat > "$T/lo-want" <<'WANT'
roster	'=HYPERLINK("http://evil/","Agus")
roster	'@SUM(1+1)
roster	'-1+79010001
roster	'+POLRES
shifts	'=KORAMIL-001
rejects	'=1+1
rejects	'@SUM(A1)
rejects	'=HYPERLINK("http://evil/")
rejects	'-cmd
WANT
# the conversion, 4 files without formula, the texts, the control, the count
lo_checks=$(( $(wc -l < "$T/lo-want") + 8 ))
if [ -z "$SOFFICE" ]; then
    optout SIAGA_NO_LIBREOFFICE e2e-formula $lo_checks "the CSVs in LibreOffice: no soffice (Debian: libreoffice-calc-nogui)"
else
    (cd "$T/lo-in" && timeout 300 "$SOFFICE" "-env:UserInstallation=file://$T/lo-profile" \
        --headless --norestore --convert-to fods --outdir "$T/lo" \
        roster.csv bko.csv shifts.csv rejects.csv control.csv) >"$T/lo-log" 2>&1
    rc=$?
    [ "$rc" = 0 ] && ok || { bad "soffice --convert-to fods: exit $rc"; sed 's/^/  | /' "$T/lo-log" | head -5; }
    # one line per check: "ok WHAT" or "bad WHAT"
    python3 - "$T/lo" "$T/lo-want" > "$T/lo-result" 2>&1 <<'PY'
import os, sys
import xml.etree.ElementTree as ET
T = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'
O = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0'
def cells(name):
    path = os.path.join(sys.argv[1], name + '.fods')
    if not os.path.exists(path):
        return None
    out = []
    for c in ET.parse(path).iter('{%s}table-cell' % T):
        text = '\n'.join(''.join(p.itertext()) for p in c if p.tag.endswith('}p'))
        out.append((c.get('{%s}formula' % T), c.get('{%s}value-type' % O), text))
    return out
want = {}
for line in open(sys.argv[2], encoding='utf-8'):
    f, text = line.rstrip('\n').split('\t', 1)
    want.setdefault(f, []).append(text)
for f in ('roster', 'bko', 'shifts', 'rejects'):
    cs = cells(f)
    if cs is None:
        print('bad %s.csv: LibreOffice wrote no %s.fods' % (f, f))
        continue
    formulas = [c for c in cs if c[0] is not None]
    print(('ok' if not formulas else 'bad') + ' %s.csv: no formula cell' % f +
          ''.join('\n  | formula %r, shown %r' % (c[0], c[2]) for c in formulas[:5]))
    texts = {c[2] for c in cs if c[1] == 'string'}
    for w in want.get(f, []):
        print(('ok' if w in texts else 'bad') + ' %s.csv: %r is a text cell' % (f, w))
cs = cells('control')
ok = cs is not None and any(c[0] is not None and '1+1' in c[0] for c in cs)
print(('ok' if ok else 'bad') + ' control.csv: a bare =1+1 is read as a formula')
PY
    [ $? = 0 ] && ok || { bad "reading LibreOffice's files"; sed 's/^/  | /' "$T/lo-result" | head -5; }
    n=0
    while IFS= read -r line; do
        case $line in
        "ok "*) ok; n=$((n + 1)) ;;
        "bad "*) bad "LibreOffice: ${line#bad }"; n=$((n + 1)) ;;
        *) echo "$line" ;;
        esac
    done < "$T/lo-result"
    [ "$n" = $((lo_checks - 3)) ] && ok || bad "LibreOffice: $n checks ran, want $((lo_checks - 3))"
    grep -q '^bad ' "$T/lo-result" ||
    echo "e2e-formula: LibreOffice ($("$SOFFICE" --version 2>/dev/null | head -1)) found no formula in roster.csv, bko.csv, shifts.csv, the rejects; the control's =1+1 is one"
fi

echo "e2e-formula: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
