#!/bin/sh
# Install the Debian packages siaga needs to build and test, when missing.
# Needs root (or sudo).  Safe to run again: installs nothing when all is there.
set -eu
PKGS="build-essential pkg-config libglpk-dev libxml2-dev libcmocka-dev coinor-cbc cadical python3 libxml2-utils chromium libreoffice-calc-nogui clang libclang-rt-14-dev man-db libqrencode-dev nettle-dev zbar-tools libmicrohttpd-dev curl nodejs gdal-bin"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# npm (for Leaflet and playwright-core, `npm ci` in the build): Debian's
# own nodejs wants the npm package; a nodejs that carries npm has it.
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing npm"
fi
if [ -z "$missing" ]; then
    echo "install-deps: everything is installed"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
