# tests/skip.sh - sourced by the test scripts: the one way to skip.
#
# skip NAME N WHY: N checks of NAME are not run because of WHY.  It prints
# "NAME: SKIPPED: N checks: WHY" and counts them in $skipped, which the
# script reports with its tally.  With CI set (.ci/run sets CI=true), a
# skip is a failure: there, everything the suite has must run.
skipped=0
skip() {
    skipped=$((skipped + $2))
    if [ -n "${CI:-}" ]; then
        fail=$((fail + 1))
        echo "$1: FAIL: SKIPPED in CI ($2 checks): $3"
    else
        echo "$1: SKIPPED: $2 checks: $3"
    fi
}

# optout VAR NAME N WHY: a tool the suite needs is missing.  Without the
# developer's explicit opt-out (VAR=1) that is a failure; with it, a skip.
optout() {
    if [ "$(eval echo "\${$1:-}")" = 1 ]; then
        skip "$2" "$3" "$4 ($1=1)"
    else
        fail=$((fail + 1))
        echo "$2: FAIL: $4; install it, or set $1=1 to skip these $3 checks"
    fi
}

# unprivileged CMD...: run CMD as a user without root's power to write
# anywhere (the permission checks mean nothing to root).  As root, through
# setpriv or runuser as nobody; 127 when neither is there (the caller then
# skips).  Whatever CMD reads must be readable by others.
unprivileged() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v setpriv >/dev/null 2>&1; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u nobody -- "$@"
    else
        return 127
    fi
}
can_drop_root() {
    [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null 2>&1 || command -v runuser >/dev/null 2>&1
}
