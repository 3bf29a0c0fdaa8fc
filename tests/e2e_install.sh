#!/bin/sh
# End-to-end checks of an installed siaga (issue 16): the man page renders
# with every command, option and exit status; `make install` into a prefix
# puts the program, the wilayah list, the schemas and the man page there,
# and the installed program imports the Kota Tangerang list from another
# folder with no --wilayah and no SIAGA_DATA (it finds the list in its
# DATADIR: after `make uninstall` the same import fails, and nothing of
# the install is left); a staged install (DESTDIR, PREFIX=/usr) puts the
# same files under the stage, whose page man -l renders, and uninstalls
# them all; a stage unpacked where its PREFIX says imports the list from
# another folder with no --wilayah.  The install builds
# in a folder of its own (BUILD=), so the tree's build/ is not touched.
# Plain pass of make test only (mk/install.mk).
set -u
ROOT=$(pwd)
T=$(mktemp -d /tmp/siaga-e2e-install-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() { # has FILE TEXT DESCRIPTION
    grep -qF -- "$2" "$1" && ok || { bad "$3: no '$2'"; sed 's/^/  | /' "$1" | head -5; }
}
files() { # the files under $1, relative, sorted
    (cd "$1" && find . -type f | LC_ALL=C sort)
}

# 1. the man page, rendered as man(1) shows it
if MANWIDTH=100 man -l -P cat siaga.1 > "$T/man.txt" 2> "$T/man.err"; then ok; else bad "man -l siaga.1"; fi
[ -s "$T/man.err" ] && bad "man -l siaga.1 warns: $(head -3 "$T/man.err")" || ok
for w in validate plan check compare import split merge cards "EXIT STATUS" ENVIRONMENT FILES SIAGA_DATA \
         wilayah-tps-2024.tsv; do
    has "$T/man.txt" "$w" "man page"
done
# every option the program accepts is in the page
for o in $(grep -o '"--[a-z-]*"' main.c | tr -d '"' | sort -u); do
    has "$T/man.txt" "$o" "man page option"
done

# 2. make install into a prefix, import from elsewhere, make uninstall
P=$T/prefix
if make -s BUILD="$T/build" PREFIX="$P" install > "$T/make.log" 2>&1; then ok; else bad "make install PREFIX=$P"; tail -5 "$T/make.log"; fi
for f in bin/siaga share/siaga/wilayah-tps-2024.tsv share/siaga/scenario-1.xsd share/man/man1/siaga.1; do
    [ -f "$P/$f" ] && ok || bad "make install: no $f"
done
mkdir -p "$T/elsewhere"
cp data/tps-kota-tangerang-2024.csv "$T/elsewhere/"
if (cd "$T/elsewhere" && env -u SIAGA_DATA "$P/bin/siaga" import --tps tps-kota-tangerang-2024.csv \
        --kabupaten 3671 --drop-bad rejects.csv -o tangerang.xml > out.txt 2> err.txt); then ok
else bad "installed import from another folder: exit $?"; sed 's/^/  | /' "$T/elsewhere/err.txt" | head -5; fi
[ -s "$T/elsewhere/tangerang.xml" ] && ok || bad "installed import wrote no scenario"
"$P/bin/siaga" validate "$T/elsewhere/tangerang.xml" > /dev/null 2>&1 && ok || bad "installed import: scenario not valid"
if MANPATH="$P/share/man" man -P cat siaga > "$T/man2.txt" 2>/dev/null; then has "$T/man2.txt" "EXIT STATUS" "installed man page"
else bad "man siaga with MANPATH=$P/share/man"; fi
if make -s BUILD="$T/build" PREFIX="$P" uninstall > "$T/make.log" 2>&1; then ok; else bad "make uninstall"; fi
[ -z "$(files "$P" 2>/dev/null)" ] && ok || bad "make uninstall left: $(files "$P" | tr '\n' ' ')"
# the list really came from DATADIR: the same program in the same place,
# with the list uninstalled, fails and says where it looked
mkdir -p "$P/bin" && cp "$T/build/siaga" "$P/bin/siaga"
(cd "$T/elsewhere" && env -u SIAGA_DATA "$P/bin/siaga" import --tps tps-kota-tangerang-2024.csv \
    --kabupaten 3671 --drop-bad rejects2.csv -o again.xml > /dev/null 2> err2.txt)
[ $? = 2 ] && ok || bad "import without the installed list: want exit 2"
has "$T/elsewhere/err2.txt" "$P/share/siaga/wilayah-tps-2024.tsv" "import without the list names where it looked"

# 3. a staged install, as a Debian package is built
S=$T/stage
if make -s BUILD="$T/build" PREFIX=/usr DESTDIR="$S" install > "$T/make.log" 2>&1; then ok; else bad "make install DESTDIR"; tail -5 "$T/make.log"; fi
files "$S" > "$T/staged"
printf '%s\n' ./usr/bin/siaga ./usr/share/man/man1/siaga.1 ./usr/share/siaga/wilayah-tps-2024.tsv > "$T/want"
for x in schema/*.xsd; do echo "./usr/share/siaga/$(basename "$x")"; done >> "$T/want"
LC_ALL=C sort -o "$T/want" "$T/want"
cmp -s "$T/want" "$T/staged" && ok || { bad "staged install: files differ"; diff "$T/want" "$T/staged" | head -8; }
if MANWIDTH=100 man -l -P cat "$S/usr/share/man/man1/siaga.1" > "$T/man3.txt" 2>"$T/man3.err" && [ ! -s "$T/man3.err" ]; then
    has "$T/man3.txt" "EXIT STATUS" "man -l of the staged page"
else bad "man -l of the staged page: $(head -3 "$T/man3.err")"; fi
make -s BUILD="$T/build" PREFIX=/usr DESTDIR="$S" uninstall > "$T/make.log" 2>&1 && ok || bad "make uninstall DESTDIR"
[ -z "$(files "$S")" ] && ok || bad "staged uninstall left: $(files "$S" | tr '\n' ' ')"

# 4. the stage unpacked where its PREFIX says, as a package manager does
# (here PREFIX=$T/root/usr, the stage copied to its place, so that no
# test writes /usr): the unpacked program imports the Kota Tangerang list
# from another folder with no --wilayah; the stage uninstalls whole
R=$T/root/usr
if make -s BUILD="$T/build" PREFIX="$R" DESTDIR="$S" install > "$T/make.log" 2>&1; then ok; else bad "make install DESTDIR PREFIX=$R"; tail -5 "$T/make.log"; fi
[ ! -e "$R" ] && ok || bad "make install DESTDIR wrote outside the stage: $R"
mkdir -p "$T/root" && cp -a "$S$R" "$R"
mkdir -p "$T/elsewhere2" && cp data/tps-kota-tangerang-2024.csv "$T/elsewhere2/"
if (cd "$T/elsewhere2" && env -u SIAGA_DATA "$R/bin/siaga" import --tps tps-kota-tangerang-2024.csv \
        --kabupaten 3671 --drop-bad rejects.csv -o tangerang.xml > out.txt 2> err.txt); then ok
else bad "unpacked stage: import from another folder: exit $?"; sed 's/^/  | /' "$T/elsewhere2/err.txt" | head -5; fi
cmp -s "$T/elsewhere2/tangerang.xml" "$T/elsewhere/tangerang.xml" && ok ||
    bad "unpacked stage: the scenario differs from the installed program's"
make -s BUILD="$T/build" PREFIX="$R" DESTDIR="$S" uninstall > "$T/make.log" 2>&1 && ok || bad "make uninstall DESTDIR PREFIX=$R"
[ -z "$(files "$S")" ] && ok || bad "staged uninstall left: $(files "$S" | tr '\n' ' ')"

echo "e2e-install: $pass passed, $fail failed"
[ "$fail" = 0 ]
