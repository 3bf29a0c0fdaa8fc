#!/bin/sh
# End-to-end check that no CSV siaga writes holds a cell a spreadsheet
# would run as a formula (issue 17, item 5; io/csv.h csv_write_text): a
# scenario whose names, ranks and ids start with '=', '+', '-', '@' is
# planned (roster.csv, bko.csv), and a TPS list with such cells is imported
# with --drop-bad (the rejects).  Each cell is read back with Python's csv
# module: a cell starting with one of = + - @ tab CR must be a plain
# number; and the neutralised cells are checked byte for byte.
set -u
SIAGA=${SIAGA:-build/siaga}
T=$(mktemp -d /tmp/siaga-e2e-formula-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
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

echo "e2e-formula: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
