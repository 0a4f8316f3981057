#!/usr/bin/env bash
# A long fuzz run of one target, outside CI (docs/reliability.md, "Long runs"):
#
#   tests/fuzz/long_run.sh TARGET [RUNS] [SECONDS]     e.g. tests/fuzz/long_run.sh units_csv
#
# Runs fuzz_TARGET under ASan+UBSan at `nice -n 19` until RUNS executions (default 10 000 000) or
# SECONDS (default 3600), whichever comes first, with inputs up to 1 MiB: it starts from the checked-in
# corpus, the regression inputs and large seeds (tests/fuzz/large_seeds.py). Then it merges what it found
# into the checked-in corpus (`-merge=1`: only inputs that add coverage, and only those under 64 KiB) and
# copies every crash, leak, timeout and out-of-memory input into the corpus as regression-*.
# Each run takes one core (libFuzzer's -fork=1), or DA06_FUZZ_JOBS cores (-fork=N workers on the same
# corpus): run at most one worker per core. The summary goes to build/fuzz-long/TARGET.summary.
# It uses the smoke runs' build (build/fuzz: -O1, no debug info; stack traces name functions).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
TARGET=${1:?usage: tests/fuzz/long_run.sh TARGET [RUNS] [SECONDS]}
RUNS=${2:-10000000}
SECONDS_MAX=${3:-3600}
# The smoke runs' build (tests/fuzz/run.sh): the same instrumented library, no second one to compile.
# DA06_FUZZ_BUILD=DIR uses the targets of a tree configured elsewhere, as run.sh does (build/asan-quick).
BUILD=${DA06_FUZZ_BUILD:-build/fuzz}
OUT=build/fuzz-long
if [ -z "${DA06_FUZZ_BUILD:-}" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g0" -DCMAKE_CXX_COMPILER=clang++ \
        -DDA06_BUILD_TESTS=OFF -DDA06_BUILD_CLI=OFF -DDA06_BUILD_EXAMPLES=OFF -DDA06_BUILD_FUZZ=ON >/dev/null
fi
nice -n 19 cmake --build "$BUILD" --parallel "$(nproc)" --target "fuzz_$TARGET"
bin=$BUILD/tests/fuzz/fuzz_$TARGET
checked_in=tests/fuzz/corpus/$TARGET
work=$OUT/work/$TARGET
seeds=$OUT/seeds/$TARGET
artifacts=$OUT/artifacts/$TARGET
mkdir -p "$work" "$seeds" "$artifacts" "$checked_in" "$OUT"
# This run judges only its own artifacts; an earlier run's stay where they are (judged at its end, or
# left by an interrupted run for a look).
stamp=$OUT/$TARGET.start
touch "$stamp"
python3 tests/fuzz/large_seeds.py "$TARGET" "$seeds"

start=$(date +%s)
set +e
# -rss_limit_mb: a run over 2 GiB is a finding (the readers must stay linear in their input).
# Properties excused by tests/fuzz/xfail.tsv (known open defects) stay excused: they would drown the findings.
excused=$(awk -F'\t' -v t="fuzz_$TARGET" '$1 == t && $2 != "all" { printf "%s%s", (n++ ? "," : ""), $2 }' tests/fuzz/xfail.tsv)
[ -n "$excused" ] && echo "long run: fuzz_$TARGET with $excused excused (tests/fuzz/xfail.tsv)"
# CPU seconds of the run and its forked workers: on shared cores, wall seconds overstate the work done.
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -o "$OUT/$TARGET.cpu" -f "%U %S")
DA06_FUZZ_XFAIL=$excused ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
nice -n 19 "${timer[@]}" "$bin" -runs="$RUNS" -max_total_time="$SECONDS_MAX" -max_len=1048576 -len_control=1000 \
  -timeout=30 -report_slow_units=60 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 -fork="${DA06_FUZZ_JOBS:-1}" -ignore_crashes=1 \
  -ignore_timeouts=1 -ignore_ooms=1 -artifact_prefix="$artifacts/" \
  "$work" "$checked_in" "$seeds" > "$OUT/$TARGET.log" 2>&1
rc=$?
set -e
elapsed=$(( $(date +%s) - start ))

# Findings: each artifact becomes a regression input of the checked-in corpus.
# A slow unit is not one: on a shared, starved core any large input is slow. They are counted, not kept.
# A timeout is one only if the input, run again alone, still takes over the limit: a worker at nice 19
# beside a build can wait 30 s for a core.
found=0
slow=0
starved=0
for a in "$artifacts"/*; do
  [ -e "$a" ] && [ "$a" -nt "$stamp" ] || continue
  kind=$(basename "$a" | cut -d- -f1)
  if [ "$kind" = slow ]; then slow=$((slow + 1)); continue; fi
  if [ "$kind" = timeout ] && DA06_FUZZ_XFAIL=$excused "$bin" -timeout=30 -rss_limit_mb=2048 "$a" > /dev/null 2>&1; then
    starved=$((starved + 1)); continue
  fi
  cp "$a" "$checked_in/regression-long-$kind-$(sha1sum "$a" | cut -c1-12)"
  found=$((found + 1))
done
# Minimize into the checked-in corpus: only new coverage, only small files.
mkdir -p "$OUT/merge-small/$TARGET"
find "$work" -type f -size -64k -exec cp -n {} "$OUT/merge-small/$TARGET/" \;
DA06_FUZZ_XFAIL=$excused nice -n 19 "$bin" -merge=1 -max_len=65536 -timeout=30 -rss_limit_mb=2048 "$checked_in" \
  "$OUT/merge-small/$TARGET" > "$OUT/$TARGET.merge.log" 2>&1 || true

# Fork mode reports progress lines "#N: cov: ... exec/s: ..."; the last N is the total.
execs=$(grep -oE '^#[0-9]+' "$OUT/$TARGET.log" | tail -1 | tr -d '#')
{
  echo "target: fuzz_$TARGET"
  echo "executions: ${execs:-unknown}"
  echo "seconds: $elapsed"
  [ -f "$OUT/$TARGET.cpu" ] && echo "cpu seconds: $(awk '{ printf "%.0f", $1 + $2 }' "$OUT/$TARGET.cpu")"
  echo "libFuzzer exit: $rc"
  echo "findings (crash, leak, timeout, oom): $found"
  echo "slow units (over 60 s, not kept): $slow"
  echo "timeouts that ran under 30 s alone (a starved core, not kept): $starved"
  echo "checked-in corpus: $(ls "$checked_in" | wc -l) files, $(du -sk "$checked_in" | cut -f1) KiB"
  grep -E 'property broken|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$OUT/$TARGET.log" | sort | uniq -c | head -20
} | tee "$OUT/$TARGET.summary"
