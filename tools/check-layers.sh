#!/bin/sh
# check-layers.sh - the walls between the layers (README "Layout"), checked
# on the #include lines of the source tree; run from its top by
# make check-layers, which make check and make test run.
#   model/   includes nothing from io/ or solver/, no libxml2, no glpk.h
#   io/      includes nothing from solver/, no glpk.h
#   solver/  includes no libxml2
#   serve/   includes no libxml2, no glpk.h (it calls io/ and solver/)
# and every "quoted" include of the program, the tests, the fuzz targets
# and the benchmarks names its file from the top of the tree
# ("model/scenario.h", "io/xml/guard.h"), as -I. alone finds it (gen/ is
# made by the build).  Prints file:line: why: the line, for each
# violation, and exits 1 if there is any.
set -eu
find model io solver serve tests fuzz bench main.c -name '*.[ch]' -type f |
LC_ALL=C sort | xargs awk '
function bad(why) {
    printf "%s:%d: %s: %s\n", FILENAME, FNR, why, $0
    n++
}
/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
    s = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*/, "", s)
    quoted = substr(s, 1, 1) == "\""
    name = substr(s, 2)
    sub(/[">].*/, "", name)
    if (FILENAME ~ /^model\//) {
        if (quoted && name ~ /^(io|solver)\//) bad("model/ includes " name)
        if (!quoted && name ~ /^libxml\//) bad("model/ includes libxml2")
        if (name == "glpk.h") bad("model/ includes GLPK")
    } else if (FILENAME ~ /^io\//) {
        if (quoted && name ~ /^solver\//) bad("io/ includes " name)
        if (name == "glpk.h") bad("io/ includes GLPK")
    } else if (FILENAME ~ /^solver\//) {
        if (!quoted && name ~ /^libxml\//) bad("solver/ includes libxml2")
    } else if (FILENAME ~ /^serve\//) {
        if (!quoted && name ~ /^libxml\//) bad("serve/ includes libxml2")
        if (name == "glpk.h") bad("serve/ includes GLPK")
    }
    if (quoted && name !~ /^gen\//) {
        if ((getline junk < name) < 0)
            bad("not a path from the top of the tree")
        close(name)
    }
}
END { exit n > 0 }' || exit 1
