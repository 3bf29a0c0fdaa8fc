#!/bin/sh
# End-to-end checks of the duty cards (siaga cards, plan --cards, check
# --card) on Kaur.  `plan --cards` writes kartu/ beside the plan, `siaga
# cards` the cards of another roster (the radius overlay); the number of
# cards follows the roster (a card per guard, Linmas and reserve, one per
# post, the index).  Headless Chromium renders a guard's and a Linmas
# member's card at phone width (390 px) and at A6 size (397 x 559 px, A6 at
# 96 dpi), neither blank (tests/tools/png_ink.py), and prints the guard's
# card to PDF: one page of A6.  zbarimg reads the QR code from the phone
# PNG back to SIAGA1|member|place|hash, where member and place are those
# of the roster and hash is sha256sum's of roster.xml, not siaga's; `check
# --card` accepts that payload and the card's .txt, and rejects the card
# of another roster, a tampered payload (exit 1) and a bad one (exit 2).
# On a small plan: `siaga cards` writes the bytes `plan --cards` wrote, and
# kartu/ holds one roster's cards only (see below).  Without Chromium or zbarimg
# the browser checks fail unless SIAGA_NO_CHROMIUM=1 (tests/skip.sh).
set -u
SIAGA=${SIAGA:-build/siaga}
KAUR=scenarios/kaur-2024.xml
RADIUS=scenarios/kaur-2024-radius.xml

T=$(mktemp -d /tmp/siaga-cards-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
. tests/skip.sh
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

. tests/chromium.sh

# the plan with its cards, and the cards of the same roster again
"$SIAGA" plan "$KAUR" -o "$T/a" --cards --quiet; rc=$?
[ "$rc" = 0 ] && ok || bad "plan --cards: exit $rc"
R="$T/a/roster.xml"
# another roster of Kaur (the radius overlay) and its cards by siaga cards
"$SIAGA" plan "$KAUR" --with "$RADIUS" -o "$T/c" --quiet
"$SIAGA" cards "$T/c/roster.xml" --scenario "$KAUR" --with "$RADIUS" -o "$T/b" 2>"$T/err"; rc=$?
[ "$rc" = 0 ] && ok || { bad "cards: exit $rc"; cat "$T/err"; }
[ "$(ls -A "$T/b")" = "kartu" ] && ok || bad "cards wrote more than kartu/: $(ls -A "$T/b")"
n=0
for tag in '<guard ' '<linmas ' '<reserve ' '<post '; do
    n=$((n + $(grep -c "$tag" "$T/c/roster.xml")))
done
files=$(ls "$T/b/kartu" | wc -l)
[ "$files" = $((2 * n + 1)) ] && ok || bad "kartu/ holds $files files, want $((2 * n + 1))"
grep -q "($files file," "$T/err" && ok || bad "cards does not say $files files: $(cat "$T/err")"
n=0
for tag in '<guard ' '<linmas ' '<reserve ' '<post '; do
    n=$((n + $(grep -c "$tag" "$R")))
done
[ "$(ls "$T/a/kartu" | wc -l)" = $((2 * n + 1)) ] && ok || bad "plan --cards: not $((2 * n + 1)) files"
[ -s "$T/a/kartu/index.html" ] && ok || bad "no index.html"
grep -q 'src=\|<script' "$T/a/kartu/index.html" "$T/a/kartu"/anggota-*.html && \
    bad "a card refers to an external resource" || ok

# a guard and a Linmas member of the roster, and their places
guard=$(sed -n 's/.*<guard member="\([^"]*\)".*/\1/p' "$R" | head -n 1)
post=$(awk -v m="$guard" '/<post /{match($0, /id="[^"]*"/); p=substr($0, RSTART+4, RLENGTH-5)}
    index($0, "member=\"" m "\"") {print p; exit}' "$R")
linmas=$(sed -n 's/.*<linmas tps="\([0-9]*\)" member="\([^"]*\)".*/\2 \1/p' "$R" | head -n 1)
lm=${linmas% *}
ltps=${linmas#* }
hash=$(sha256sum "$R" | cut -c1-16)
[ -n "$guard" ] && [ -n "$post" ] && [ -n "$lm" ] && ok || bad "no guard or Linmas in the roster"
grep -q "^Kode kartu: SIAGA1|$guard|$post|$hash\$" "$T/a/kartu/anggota-$guard.txt" && ok || \
    bad "anggota-$guard.txt: payload is not SIAGA1|$guard|$post|$hash"

if [ -z "$CHROMIUM" ] || ! command -v zbarimg >/dev/null 2>&1; then
    optout SIAGA_NO_CHROMIUM e2e-cards 7 "chromium or zbarimg is not installed (Debian 'chromium', 'zbar-tools'; sh tools/install-deps.sh)"
else
    for who in "$guard:$post" "$lm:$ltps"; do
        m=${who%%:*}
        place=${who#*:}
        url="file://$T/a/kartu/anggota-$m.html"
        browse --hide-scrollbars --screenshot="$T/phone.png" --window-size=390,1100 "$url" >/dev/null
        browse --hide-scrollbars --screenshot="$T/a6.png" --window-size=397,559 "$url" >/dev/null
        python3 tests/tools/png_ink.py "$T/phone.png" 0.03 >/dev/null && \
            python3 tests/tools/png_ink.py "$T/a6.png" 0.03 >/dev/null && ok || \
            bad "card of $m renders blank"
        got=$(zbarimg -q --raw "$T/phone.png" 2>/dev/null)
        [ "$got" = "SIAGA1|$m|$place|$hash" ] && ok || \
            bad "QR of $m's card reads '$got', want SIAGA1|$m|$place|$hash"
        "$SIAGA" check "$KAUR" "$R" --card "$got" >"$T/out" 2>&1; rc=$?
        [ "$rc" = 0 ] && grep -q "^kartu SAH: .*$m" "$T/out" && ok || \
            bad "check --card of the decoded QR of $m: exit $rc: $(cat "$T/out")"
    done
    browse --no-pdf-header-footer --print-to-pdf="$T/card.pdf" "file://$T/a/kartu/anggota-$guard.html" >/dev/null
    python3 - "$T/card.pdf" <<'PY' && ok || bad "the printed card is not one A6 page"
import re, sys
d = open(sys.argv[1], 'rb').read()
box = [float(v) for v in re.search(rb'/MediaBox\s*\[([^\]]*)\]', d).group(1).split()]
pages = len(re.findall(rb'/Type\s*/Page\b(?!s)', d))
mm = [round((box[2] - box[0]) * 25.4 / 72), round((box[3] - box[1]) * 25.4 / 72)]
print('pdf', mm, 'mm,', pages, 'page(s)')
sys.exit(0 if mm == [105, 148] and pages == 1 else 1)
PY
fi

# the card file itself; another roster's card; tampered and bad payloads
"$SIAGA" check "$KAUR" "$R" --card "$T/a/kartu/anggota-$guard.txt" >/dev/null 2>&1; rc=$?
[ "$rc" = 0 ] && ok || bad "check --card CARD.txt: exit $rc, want 0"
"$SIAGA" check "$KAUR" "$R" --card "$T/a/kartu/pos-$post.html" >/dev/null 2>&1; rc=$?
[ "$rc" = 0 ] && ok || bad "check --card of the post card: exit $rc, want 0"
"$SIAGA" check "$KAUR" "$R" --card "$T/b/kartu/anggota-$guard.txt" >"$T/out" 2>&1; rc=$?
[ "$rc" = 1 ] && grep -q "roster lain" "$T/out" && ok || \
    bad "a card of another roster: exit $rc, want 1: $(cat "$T/out")"
other=$(sed -n 's/.*<post id="\([^"]*\)".*/\1/p' "$R" | grep -v -x "$post" | head -n 1)
"$SIAGA" check "$KAUR" "$R" --card "SIAGA1|$guard|$other|$hash" >"$T/out" 2>&1; rc=$?
[ "$rc" = 1 ] && grep -q "tidak menempatkan" "$T/out" && ok || \
    bad "a card moved to post $other: exit $rc, want 1: $(cat "$T/out")"
for p in "SIAGA1|$guard|$post" "SIAGA3|$guard|$post|$hash" "SIAGA1|$guard|$post|${hash}0"; do
    "$SIAGA" check "$KAUR" "$R" --card "$p" >/dev/null 2>"$T/err"; rc=$?
    [ "$rc" = 2 ] && grep -q "^siaga: --card: " "$T/err" && ok || bad "bad payload '$p': exit $rc, want 2"
done
"$SIAGA" check "$KAUR" "$R" --card "$T/nothing.txt" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && ok || bad "a missing card file: exit $rc, want 2"
"$SIAGA" check "$KAUR" "$R" --card "$T/a/ringkasan.txt" >/dev/null 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "no card payload" "$T/err" && ok || bad "a file without a card: exit $rc, want 2"
"$SIAGA" check "$KAUR" "$R" --card "SIAGA1|$guard|$post|$hash" --report "$T/r" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && ok || bad "--card with --report: exit $rc, want 2"

# a roster that is not of the scenario: exit 2, nothing written
sed "s/member=\"$guard\"/member=\"NOBODY-1\"/" "$R" > "$T/bad.xml"
"$SIAGA" cards "$T/bad.xml" --scenario "$KAUR" -o "$T/d" 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "bad.xml:[0-9]*: member 'NOBODY-1' is not in the scenario" "$T/err" && \
    [ ! -e "$T/d" ] && ok || bad "cards of a roster not of the scenario: exit $rc: $(cat "$T/err")"
"$SIAGA" cards "$R" -o "$T/e" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && ok || bad "cards without --scenario: exit $rc, want 2"
# kartu/ is the set's own (outdir_own), in either mode of io/outdir
# (spec-example, a small plan): plan --cards again (the folders exchanged);
# cards into the plan's folder (which holds other files, so the set goes
# in per file, but kartu/ still whole): after the cards of ANOTHER roster
# (member 85010002 replaced by 85010003) kartu/ holds exactly that
# roster's cards, byte for byte those written into an empty folder, and
# neither the earlier roster's cards nor another file stay; a kartu/
# holding what siaga does not remove is refused with nothing changed;
# plan without --cards removes kartu/ and says so
SMALL=tests/data/scenario/spec-example.xml
"$SIAGA" plan "$SMALL" -o "$T/s" --cards --quiet
"$SIAGA" cards "$T/s/roster.xml" --scenario "$SMALL" -o "$T/s2" 2>/dev/null
diff -r "$T/s/kartu" "$T/s2/kartu" >/dev/null && ok || bad "cards and plan --cards differ"
ls "$T/s/kartu" > "$T/list1"
"$SIAGA" plan "$SMALL" -o "$T/s" --cards --quiet
"$SIAGA" cards "$T/s/roster.xml" --scenario "$SMALL" -o "$T/s" 2>/dev/null; rc=$?
ls "$T/s/kartu" > "$T/list2"
[ "$rc" = 0 ] && [ -s "$T/list1" ] && cmp -s "$T/list1" "$T/list2" && ok || \
    bad "kartu/ replaced: exit $rc, $(wc -l < "$T/list1") then $(wc -l < "$T/list2") files"
grep -q '^anggota-85010002\.html$' "$T/list1" && ok || bad "no card of 85010002 in the first roster"
OTHER="$T/other.xml"
sed 's/85010002/85010003/g' "$SMALL" > "$OTHER"
"$SIAGA" plan "$OTHER" -o "$T/o" --quiet
"$SIAGA" cards "$T/o/roster.xml" --scenario "$OTHER" -o "$T/o2" 2>/dev/null
touch "$T/s/kartu/stale.html" "$T/s/kartu/.hidden"
ln -s "$T/s/roster.xml" "$T/s/kartu/link.html"
"$SIAGA" cards "$T/o/roster.xml" --scenario "$OTHER" -o "$T/s" 2>"$T/err"; rc=$?
[ "$rc" = 0 ] && diff -r "$T/s/kartu" "$T/o2/kartu" >/dev/null && [ -s "$T/s/roster.xml" ] &&
    [ -s "$T/s/ringkasan.txt" ] && ok ||
    bad "cards of another roster into a folder of other files: exit $rc, kartu/ is not that roster's alone: $(diff -r "$T/s/kartu" "$T/o2/kartu" | head -n 5) $(cat "$T/err")"
[ ! -e "$T/s/kartu/anggota-85010002.html" ] && [ ! -e "$T/s/kartu/anggota-85010002.txt" ] &&
    [ -e "$T/s/kartu/anggota-85010003.html" ] && ok || bad "a card of the earlier roster stayed"
ls -A "$T/s" | grep -q '^\.\|~' && bad "a staging folder or a previous kartu/ was left: $(ls -A "$T/s")" || ok
# a kartu/ holding a folder siaga does not remove: refused, nothing changed
mkdir "$T/s/kartu/.git"
cp -r "$T/s" "$T/before"
"$SIAGA" cards "$T/s/roster.xml" --scenario "$SMALL" -o "$T/s" 2>"$T/err"; rc=$?
[ "$rc" != 0 ] && grep -q "kartu/: it holds '.git'" "$T/err" && diff -r "$T/s" "$T/before" >/dev/null &&
    ok || bad "a kartu/ holding .git/: exit $rc, $(cat "$T/err")"
rmdir "$T/s/kartu/.git"
# plan without --cards: the earlier roster's kartu/ goes, on stderr too
# (even with --quiet); the folder exchanged whole ($T/o) and per file ($T/s)
"$SIAGA" cards "$T/o/roster.xml" --scenario "$OTHER" -o "$T/o" 2>/dev/null
for d in "$T/o" "$T/s"; do
    touch "$T/s/mine.txt"
    "$SIAGA" plan "$SMALL" -o "$d" --quiet 2>"$T/err"; rc=$?
    [ "$rc" = 0 ] && [ ! -e "$d/kartu" ] && [ -s "$d/roster.xml" ] &&
        grep -q "kartu/: removed the duty cards of the earlier roster" "$T/err" && ok ||
        bad "plan without --cards into $d: exit $rc, kartu/ $( [ -e "$d/kartu" ] && echo stayed || echo went): $(cat "$T/err")"
    "$SIAGA" plan "$SMALL" -o "$d" --quiet 2>"$T/err"
    [ -s "$T/err" ] && bad "plan without --cards and no kartu/ says: $(cat "$T/err")" || ok
done
[ -e "$T/s/mine.txt" ] && ok || bad "another file of the folder went"
# an input inside kartu/ (replaced whole): refused, nothing written
"$SIAGA" cards "$T/o/roster.xml" --scenario "$SMALL" -o "$T/o" 2>/dev/null
cp "$T/o/roster.xml" "$T/o/kartu/r.xml"
cp -r "$T/o" "$T/before2"
"$SIAGA" cards "$T/o/kartu/r.xml" --scenario "$SMALL" -o "$T/o" 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "kartu/ is replaced whole and holds the input .*r.xml" "$T/err" &&
    diff -r "$T/o" "$T/before2" >/dev/null && ok || bad "an input inside kartu/: exit $rc: $(cat "$T/err")"
ls -A "$T" "$T/s" "$T/o" | grep -q "^\..*siaga" && bad "a staging folder was left" || ok

echo "e2e-cards: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
