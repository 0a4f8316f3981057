#!/bin/sh
# check_exports.sh LIB HEADER — libda06 exports exactly the functions its header declares, nothing else.
set -eu
lib=$1
header=$2
tmp=${TMPDIR:-/tmp}/da06-exports.$$
trap 'rm -f "$tmp".*' EXIT
nm -D --defined-only "$lib" | awk '{print $3}' | sort > "$tmp.lib"
grep -oE 'DA06_API [^(]*\bda06_[a-z0-9_]+\(' "$header" | grep -oE 'da06_[a-z0-9_]+\($' | tr -d '(' | sort > "$tmp.hdr"
if ! diff "$tmp.hdr" "$tmp.lib" > "$tmp.diff"; then
  echo "exports of $lib differ from $header (< header only, > library only):"
  cat "$tmp.diff"
  exit 1
fi
echo "$(wc -l < "$tmp.lib") exported functions, all declared in $(basename "$header"), nothing else exported"
