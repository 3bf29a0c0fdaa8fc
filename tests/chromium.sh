# tests/chromium.sh - sourced by the browser tests (e2e_report.sh,
# e2e_cards.sh) after they make their folder $T: CHROMIUM names headless
# Chromium ($CHROMIUM, else chromium or chromium-browser on the PATH; empty
# when there is none, NOBROWSER says why), and `browse ARGS...` runs it
# with no network, no profile of the user's, bounded in time, its messages
# appended to $T/chromium.log.
CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
    for c in chromium chromium-browser; do
        if command -v "$c" >/dev/null 2>&1; then CHROMIUM=$c; break; fi
    done
fi
NOBROWSER="chromium is not installed (Debian package 'chromium'; sh tools/install-deps.sh installs it)"

browse() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --disable-extensions --user-data-dir="$T/profile" "$@" \
        2>>"$T/chromium.log"
}
