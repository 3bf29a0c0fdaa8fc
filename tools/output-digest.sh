#!/bin/sh
# tools/output-digest.sh SIAGA REPO OUTDIR: runs a fixed set of commands on the bundled
# and test scenarios (Kaur, Kota Tangerang, a timeline plan, a what-if, a baseline re-plan,
# check, import, split, merge, compare) and prints each exit status and the sha256 of every
# file written. Two builds that print the same lines write the same bytes: the check of a
# refactoring that must not change behaviour (issue 15). SIAGA and OUTDIR are absolute paths.
set -u
S=$1; R=$2; O=$3
rm -rf "$O"; mkdir -p "$O"
cd "$O" && ln -s "$R" repo  # relative paths only: outputs name no folder of this machine
run() { "$@" >/dev/null 2>&1; echo "rc=$? $*" | sed "s#$S#siaga#g"; }
run $S plan repo/scenarios/kaur-2024.xml -o kaur --jobs 1
run $S plan repo/scenarios/kota-tangerang-2024.xml -o tng --jobs 2
run $S plan repo/scenarios/kaur-2024.xml --timeline -o kaurtl
run $S plan repo/scenarios/kaur-2024.xml --with repo/scenarios/kaur-2024-intelkam.xml --with repo/scenarios/kaur-2024-bko-brimob.xml -o whatif
run $S plan repo/scenarios/kaur-2024.xml --with repo/scenarios/kaur-2024-radius.xml --baseline kaur/roster.xml -o base
run $S check repo/scenarios/kaur-2024.xml kaur/roster.xml --report chk
run $S import --tps repo/data/tps-kota-tangerang-2024.csv --kabupaten 3671 --wilayah repo/data/wilayah-tps-2024.tsv --drop-bad rejects.csv -o imp.xml
run $S import --tps repo/tests/data/import/mymaps.kml --grades repo/tests/data/import/grades.csv --personnel repo/tests/data/import/personnel.csv --wilayah repo/tests/data/import/wilayah.tsv -o imp2.xml
run $S split repo/scenarios/kota-tangerang-2024.xml --by kabupaten -o split
run $S merge kaur/roster.xml -o merged.xml --scenario repo/scenarios/kaur-2024.xml
$S compare repo/scenarios/kaur-2024.xml repo/scenarios/kaur-2024.xml+repo/scenarios/kaur-2024-intelkam.xml > compare.txt 2>/dev/null; echo "rc=$? compare"
$S validate repo/scenarios/kaur-2024.xml > validate.txt 2>&1; echo "rc=$? validate"
$S check repo/scenarios/kaur-2024.xml kaur/roster.xml > check.txt 2>&1; echo "rc=$? check text"
find . -type f | LC_ALL=C sort | xargs sha256sum
