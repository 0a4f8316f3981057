#!/usr/bin/env bash
# Build the libFuzzer targets with clang and run each for a short while on a copy of its seed corpus
# (the regression inputs among the seeds are replayed first). docs/reliability.md describes the targets.
#   tests/fuzz/run.sh [SECONDS]      (default 20 s per target)
# DA06_FUZZ_BUILD=DIR runs the targets of a tree configured elsewhere (tools/sanitize.sh quick: one
# clang ASan+UBSan tree for the tests and the fuzz targets) instead of configuring build/fuzz.
# tests/fuzz/xfail.tsv names known defects: a target listed with property "all" may fail (its failure is
# shown, not counted); one listed with a property (e.g. "messages") runs with that check off
# (DA06_FUZZ_XFAIL). Remove the line once the defect is fixed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SECONDS_PER_TARGET=${1:-20}
BUILD=${DA06_FUZZ_BUILD:-build/fuzz}
if [ -z "${DA06_FUZZ_BUILD:-}" ]; then
  # Only the library and the fuzz targets: everything else would link against an instrumented library.
  # -O1 without debug info: a smoke run needs coverage feedback and sanitizers, not fast code or symbols.
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g0" -DCMAKE_CXX_COMPILER=clang++ \
        -DDA06_BUILD_TESTS=OFF -DDA06_BUILD_CLI=OFF -DDA06_BUILD_EXAMPLES=OFF -DDA06_BUILD_FUZZ=ON >/dev/null
fi
targets=$(for f in tests/fuzz/fuzz_*.cpp; do basename "$f" .cpp; done)
cmake --build "$BUILD" --parallel "$(nproc)" --target $targets
xfail_reason() { awk -F'\t' -v t="$1" '$1 == t && $2 == "all" { print $3 }' tests/fuzz/xfail.tsv 2>/dev/null; }
xfail_properties() { awk -F'\t' -v t="$1" '$1 == t && $2 != "all" { printf "%s%s", (n++ ? "," : ""), $2 }' tests/fuzz/xfail.tsv 2>/dev/null; }
status=0
for name in $targets; do
  bin=$BUILD/tests/fuzz/$name
  corpus_name=${name#fuzz_}
  work=$BUILD/corpus-run/$corpus_name
  mkdir -p "$work"
  [ -d "tests/fuzz/corpus/$corpus_name" ] && cp -n tests/fuzz/corpus/"$corpus_name"/* "$work"/ 2>/dev/null || true
  excused=$(xfail_properties "$name")
  echo "fuzz: $name for ${SECONDS_PER_TARGET}s${excused:+ (excused by tests/fuzz/xfail.tsv: $excused)}"
  if ! DA06_FUZZ_XFAIL=$excused "$bin" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$BUILD/$name-" "$work" > "$BUILD/$name.log" 2>&1; then
    reason=$(xfail_reason "$name")
    grep -E 'property broken|ERROR: |SUMMARY|what\(\)' -A2 "$BUILD/$name.log" | grep -v '^    #' | head -12 || true
    if [ -n "$reason" ]; then
      echo "fuzz: $name XFAIL (tests/fuzz/xfail.tsv: $reason) — full log: $BUILD/$name.log"
    else
      echo "fuzz: $name FAILED — see $BUILD/$name.log; the input is $BUILD/$name-crash-* (or -oom-, -timeout-)"
      tail -40 "$BUILD/$name.log"
      status=1
    fi
  else
    grep -E 'stat::number_of_executed_units' "$BUILD/$name.log" | tail -1 | sed "s/^/fuzz: $name /"
    [ -n "$(xfail_reason "$name")" ] && echo "fuzz: $name passed but is listed in tests/fuzz/xfail.tsv: if its defect is fixed, remove the line"
  fi
done
[ $status = 0 ] && echo "fuzz: 0 failed"
exit $status
