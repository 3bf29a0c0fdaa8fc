#!/bin/sh
# The page of siaga serve in a real browser: headless Debian chromium
# driven by playwright-core (tests/browser/serve.mjs).  SIAGA names the
# binary.  Without chromium or node the checks fail unless
# SIAGA_NO_CHROMIUM=1 (then they are skipped; never under CI).
set -u
SIAGA=${SIAGA:-build/siaga}
. tests/skip.sh
fail=0
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 ||
   [ ! -d node_modules/playwright-core ]; then
    optout SIAGA_NO_CHROMIUM browser-serve 14 "chromium, node or node_modules/playwright-core is missing (npm ci)"
    [ "$fail" -eq 0 ]
    exit
fi
T=$(mktemp -d /tmp/siaga-browser-XXXXXX)
trap 'rm -rf "$T"' EXIT
SIAGA="$SIAGA" CHROMIUM="$CHROMIUM" OUT="$T" timeout 300 node tests/browser/serve.mjs
