#!/usr/bin/env bash
# Build the libFuzzer targets with clang and run each for a short while on a copy of its seed corpus.
#   tests/fuzz/run.sh [SECONDS]      (default 20 s per target)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SECONDS_PER_TARGET=${1:-20}
BUILD=build/fuzz
# Only the library and the fuzz targets: everything else would link against an instrumented library.
# -O1 without debug info: a smoke run needs coverage feedback and sanitizers, not fast code or symbols.
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g0" -DCMAKE_CXX_COMPILER=clang++ \
      -DDA06_BUILD_TESTS=OFF -DDA06_BUILD_CLI=OFF -DDA06_BUILD_EXAMPLES=OFF -DDA06_BUILD_FUZZ=ON >/dev/null
targets=$(for f in tests/fuzz/fuzz_*.cpp; do basename "$f" .cpp; done)
cmake --build "$BUILD" --parallel "$(nproc)" --target $targets
status=0
for bin in "$BUILD"/tests/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin"); corpus_name=${name#fuzz_}
  work=$BUILD/corpus-run/$corpus_name
  mkdir -p "$work"
  [ -d "tests/fuzz/corpus/$corpus_name" ] && cp -n tests/fuzz/corpus/"$corpus_name"/* "$work"/ 2>/dev/null || true
  echo "fuzz: $name for ${SECONDS_PER_TARGET}s"
  if ! "$bin" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$BUILD/" "$work" > "$BUILD/$name.log" 2>&1; then
    echo "fuzz: $name FAILED — see $BUILD/$name.log"; tail -40 "$BUILD/$name.log"; status=1
  else
    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$BUILD/$name.log" | tail -1
  fi
done
[ $status = 0 ] && echo "fuzz: 0 failed"
exit $status
