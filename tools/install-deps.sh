#!/bin/sh
# Installs the Debian packages listed in deps/debian.txt that are missing.
# Called by the Makefile before the first build; safe to run again.
set -e
list="$(dirname "$0")/../deps/debian.txt"
missing=""
for p in $(grep -v '^#' "$list" | sed 's/#.*//'); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# browser tests need node and npm; a machine may have its own Node.js build
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
echo "daam: installing missing Debian packages:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -q || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
