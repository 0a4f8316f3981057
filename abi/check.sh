#!/bin/sh
# abi/check.sh LIB           compare LIB (libda06.so.1) with the committed baseline; exit 1 on a break
# abi/check.sh --update LIB  rewrite the baseline from LIB — only deliberately (docs/api-stability.md)
#
# The baseline abi/libda06.so.1.abi is libabigail's description (abidw) of the exported functions and
# of every type reachable from them, restricted to the public header include/da06/c/da06.h. abidiff
# sets bit 8 of its exit code for an incompatible change (a function removed, ...) and bit 4 for any
# other ABI change (a type's size or layout, a parameter type, ...). Both fail this check. Added
# functions are compatible: the verdict comes from a run with --no-added-syms (abidiff would set bit 4
# for them), and they are listed afterwards for information. abi/suppressions.abignore lists the
# other changes the stability rules allow (fields appended to library-allocated structs).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
baseline=$here/libda06.so.1.abi
supp=$here/suppressions.abignore
headers=$root/include/da06/c

if [ "${1:-}" = --update ]; then
  lib=$2
  abidw --headers-dir "$headers" --exported-interfaces-only --drop-private-types --no-corpus-path --no-comp-dir-path --short-locs \
        --out-file "$baseline" "$lib" || exit 1
  echo "baseline written: $baseline"
  exit 0
fi

lib=${1:?usage: abi/check.sh [--update] LIB}
if ! command -v abidiff >/dev/null 2>&1; then
  echo "abidiff not found (Debian package abigail-tools)"
  exit 1
fi
opts="--headers-dir2 $headers --exported-interfaces-only --drop-private-types --suppressions $supp --fail-no-debug-info"
# shellcheck disable=SC2086
abidiff $opts --no-added-syms "$baseline" "$lib"
rc=$?
if [ $rc -eq 0 ]; then
  echo "libda06 ABI: compatible with $(basename "$baseline")"
  # shellcheck disable=SC2086
  abidiff $opts --added-fns "$baseline" "$lib" | grep -E '^\s+\[A\]' | sed 's/^ */  added since the baseline: /'
  exit 0
fi
if [ $((rc & 1)) -ne 0 ]; then echo "abidiff failed to run (exit $rc)"; exit 1; fi
if [ $((rc & 8)) -ne 0 ]; then
  echo "libda06 ABI: INCOMPATIBLE change against $(basename "$baseline") (abidiff exit $rc)."
else
  echo "libda06 ABI: changed against $(basename "$baseline") (abidiff exit $rc)."
fi
echo "If this is deliberate, follow docs/api-stability.md (\"Updating the baseline\")."
exit 1
