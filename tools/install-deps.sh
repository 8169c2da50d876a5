#!/bin/sh
# Installs the missing Debian packages of the sections of deps/debian.txt
# named as arguments: run, check, bench (default: run).  The Makefile calls
# it before the first build (run), the first `make check` (run check) and
# the first `make bench` (run bench); safe to run again.
#   tools/install-deps.sh --list run check   prints the packages, installs nothing
set -e
list="$(dirname "$0")/../deps/debian.txt"
only_list=0
if [ "${1:-}" = "--list" ]; then
  only_list=1
  shift
fi
[ $# -gt 0 ] || set -- run

# the packages of one section: the lines after "# [name]" up to the next section
section() {
  awk -v want="[$1]" '/^# \[/ { cur = $2; next } /^#/ || NF == 0 { next } cur == want { print $1 }' "$list"
}

pkgs=""
for s in "$@"; do
  if ! grep -q "^# \[$s\]" "$list"; then
    echo "daam: deps/debian.txt has no section [$s] (run, check or bench)" >&2
    exit 2
  fi
  pkgs="$pkgs $(section "$s")"
done
want_node=0
for s in "$@"; do [ "$s" = check ] && want_node=1; done

if [ $only_list = 1 ]; then
  [ $want_node = 1 ] && pkgs="$pkgs nodejs npm"
  echo $pkgs
  exit 0
fi

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# browser tests need node and npm; a machine may have its own Node.js build
if [ $want_node = 1 ]; then
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0
echo "daam: installing missing Debian packages ($*):$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -q || true
# wait for apt's lock rather than fail (another apt-get, or a second section at once)
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 $missing
