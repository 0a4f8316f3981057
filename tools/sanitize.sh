#!/usr/bin/env bash
# The sanitizer builds and their tests (docs/reliability.md). `tools/dev.sh test` runs `tools/sanitize.sh ci`.
#
#   tools/sanitize.sh asan     ASan+UBSan build of everything (build/asan, the asan preset, plus the Python
#                              module): every ctest test but java.example, then pytest against the
#                              instrumented da06._core, the CLI and libda06.so
#   tools/sanitize.sh tsan     ThreadSanitizer build (build/tsan, the tsan preset): the threaded C ABI tests
#   tools/sanitize.sh ci       both (the full sanitizer job: DA06_SANITIZERS=1 tools/dev.sh test)
#   tools/sanitize.sh quick    the step every CI run takes (tools/dev.sh test): ASan+UBSan without
#                              debug info (build/asan-quick), only the library, its C++ tests, the C library,
#                              the CLI, the Python module and, with clang, the libFuzzer targets; then the C++
#                              tests, the Python tests that drive the instrumented code in-process (test_py_*,
#                              test_ctypes, the bad-input catalogue) and, beside them, the fuzz smoke runs
#   tools/sanitize.sh quick-build, quick-tests   the two halves of quick (tools/dev.sh builds while
#                              the release tests run)
#   tools/sanitize.sh asan-build           only build build/asan
#   tools/sanitize.sh asan-ctest [ARGS...]  only ctest under ASan (ARGS go to ctest, e.g. -R c.api)
#   tools/sanitize.sh pytest [ARGS...]      only the Python tests under ASan (ARGS go to pytest)
#
# Needs the .venv that tools/dev.sh creates. Environment: DA06_JOBS (default nproc).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
JOBS=${DA06_JOBS:-$(nproc)}
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
# Each step says how long it took (wall seconds), so CI logs show what the sanitizers cost.
step() { local t0=$SECONDS; "$@"; say "$1: $((SECONDS - t0)) s"; }

# halt_on_error: the first report fails the test. exitcode=86: a report is never mistaken for the CLI's
# exit 1 (invalid data), which many tests expect. detect_leaks stays on for the C and C++ programs.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86
ASAN_PROGRAMS=halt_on_error=1:exitcode=86:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1

asan_build() {
  local build=build/asan
  if [ ! -f "$build/CMakeCache.txt" ]; then
    say "configuring $build (asan preset: -fsanitize=address,undefined on every target, Python module too)"
    cmake --preset asan -DDA06_BUILD_PYTHON=ON -DPython_EXECUTABLE="$ROOT/.venv/bin/python" \
          -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
  fi
  say "building $build"
  cmake --build "$build" --parallel "$JOBS"
}

asan_ctest() {
  say "C++ and C tests under ASan+UBSan (ctest; java.example left out: the JVM does not run under ASan)"
  ASAN_OPTIONS=$ASAN_PROGRAMS ctest --test-dir build/asan --output-on-failure --parallel "$JOBS" -E '^java\.example$' "$@"
}

# The Python tests under ASan. python3 itself is not instrumented, so the ASan runtime must be loaded
# first (LD_PRELOAD), and libstdc++ with it: ASan resolves the real __cxa_throw when it starts, and
# python does not link libstdc++, so without it the first C++ exception in da06._core aborts with
# "CHECK failed: ... REAL(__cxa_throw)". CPython keeps its own allocations alive until exit, so leak
# detection is off here (it stays on for the C and C++ programs above).
asan_pytest() {
  local build=$ROOT/${ASAN_BUILD:-build/asan} pkg=$ROOT/${ASAN_BUILD:-build/asan}/python
  local core
  core=$(ls "$build"/bindings/python/_core*.so)
  # A private copy of the package that imports the instrumented module (python/da06 keeps the release one).
  rm -rf "$pkg" && mkdir -p "$pkg"
  cp -r python/da06 "$pkg/da06"
  rm -f "$pkg"/da06/_core*.so
  ln -s "$core" "$pkg/da06/"
  local preload
  preload="$(asan_runtime "$build") $(g++ -print-file-name=libstdc++.so)"
  say "Python tests under ASan+UBSan (instrumented da06._core, CLI and libda06.so; LD_PRELOAD=$preload)"
  (
    cd "$ROOT"
    PYTHONPATH="$pkg" DA06_CLI="$build/da06" DA06_BUILD_DIR="$build" LD_PRELOAD="$preload" \
      ASAN_OPTIONS=halt_on_error=1:exitcode=86:detect_leaks=0 DA06_UNDER_ASAN=1 \
      .venv/bin/python -m pytest -q -p no:cacheprovider "${@:-tests/python}"
  )
}

# The C++ compiler a tree was configured with, without its directory (clang++, g++, c++); empty if none.
tree_cxx() { sed -n 's|^CMAKE_CXX_COMPILER:[A-Z]*=\(.*/\)\{0,1\}||p' "$1/CMakeCache.txt" 2>/dev/null; }

# The shared ASan runtime of the compiler that built a tree: gcc's libasan, or clang's (CMakeLists.txt
# links clang's shared runtime too, so the preloaded one is the programs' own).
asan_runtime() {
  if [ "$(tree_cxx "$1")" = clang++ ]; then
    clang++ -print-file-name=libclang_rt.asan-x86_64.so
  else
    g++ -print-file-name=libasan.so
  fi
}

# The quick step: the code every face runs (library, C ABI, Python module), instrumented, and the tests
# that drive it in-process. Leaves out the CLI's own tests, the consumers and examples (they link outside
# programs), the browser and docs tests (their subprocesses would all run under LD_PRELOAD) and TSan.
# With clang, the same tree holds the libFuzzer targets: the library is compiled once for both, its
# coverage hooks (fuzzer-no-link) are inert in the tests, and the fuzz smoke runs (one core) go beside
# the Python tests (one core). Without clang: gcc, and no fuzz runs.
QUICK=build/asan-quick
QUICK_PYTEST=(tests/python/test_py_*.py tests/python/test_ctypes.py tests/python/test_bad_input_catalogue.py)
quick_cxx() { if command -v clang++ >/dev/null 2>&1; then echo clang++; else echo g++; fi; }
asan_quick_build() {
  local cxx cc
  cxx=$(quick_cxx)
  cc=$([ "$cxx" = clang++ ] && echo clang || echo gcc)
  if [ -f "$QUICK/CMakeCache.txt" ] && [ "$(tree_cxx "$QUICK")" != "$cxx" ]; then
    rm -rf "$QUICK"   # built by the other compiler: a cache cannot change its compiler
  fi
  local fuzz=OFF targets=(da06_tests da06_c da06_cli _core da06_test_hooks)
  if [ "$cxx" = clang++ ] && [ -d tests/fuzz ]; then
    fuzz=ON
    for f in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
  fi
  # The library at -O1, everything else at -O0: under ASan, -O1 doubles the compile time, and it pays
  # only where the tests and fuzz runs spend their time (at -O0 throughout, the ASan Python tests took
  # 2.5 times as long and the fuzz targets ran 3 to 30 times fewer inputs).
  if [ ! -f "$QUICK/CMakeCache.txt" ] || ! grep -q '^DA06_LIBRARY_FLAGS:STRING=-O1$' "$QUICK/CMakeCache.txt"; then
    say "configuring $QUICK (ASan+UBSan, no debug info, the library at -O1 and the rest at -O0, $cxx)"
    cmake -S . -B "$QUICK" -G Ninja -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O0 -g0" -DDA06_LIBRARY_FLAGS=-O1 \
          -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" -DDA06_SANITIZE=address,undefined \
          -DDA06_BUILD_TESTS=ON -DDA06_BUILD_EXAMPLES=OFF -DDA06_BUILD_CLI=ON -DDA06_BUILD_FUZZ=$fuzz \
          -DDA06_BUILD_PYTHON=ON -DPython_EXECUTABLE="$ROOT/.venv/bin/python" \
          -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
  fi
  say "building $QUICK (library, C++ tests, C library, CLI, Python module$([ $fuzz = ON ] && echo ', fuzz targets'))"
  cmake --build "$QUICK" --parallel "$JOBS" --target "${targets[@]}"
}
asan_quick_tests() {
  say "C++ tests under ASan+UBSan ($QUICK)"
  ASAN_OPTIONS=$ASAN_PROGRAMS "$QUICK"/tests/da06_tests
  local fuzz_pid="" status=0
  if grep -q '^DA06_BUILD_FUZZ:BOOL=ON' "$QUICK/CMakeCache.txt"; then
    say "fuzz smoke runs (libFuzzer, $QUICK), beside the Python tests; their output follows them"
    DA06_FUZZ_BUILD=$QUICK bash tests/fuzz/run.sh "${DA06_FUZZ_SECONDS:-12}" > "$QUICK/fuzz-smoke.log" 2>&1 &
    fuzz_pid=$!
  else
    say "fuzz smoke runs skipped: they need clang (libFuzzer)"
  fi
  ASAN_BUILD=$QUICK asan_pytest "${QUICK_PYTEST[@]}" || status=1
  if [ -n "$fuzz_pid" ]; then
    wait "$fuzz_pid" || status=1
    cat "$QUICK/fuzz-smoke.log"
  fi
  return $status
}

tsan() {
  local build=build/tsan
  if [ ! -f "$build/CMakeCache.txt" ]; then
    say "configuring $build (tsan preset)"
    cmake --preset tsan >/dev/null
  fi
  say "building the threaded C ABI tests under ThreadSanitizer"
  cmake --build --preset tsan --parallel "$JOBS"
  say "threaded C ABI tests under ThreadSanitizer"
  ctest --preset tsan
}

case "${1:-ci}" in
  asan) step asan_build; step asan_ctest; step asan_pytest ;;
  asan-build) step asan_build ;;
  asan-ctest) shift; asan_ctest "$@" ;;
  pytest) shift; asan_pytest "$@" ;;
  tsan) step tsan ;;
  ci) step asan_build; step asan_ctest; step asan_pytest; step tsan ;;
  quick) step asan_quick_build; step asan_quick_tests ;;
  quick-build) step asan_quick_build ;;
  quick-tests) step asan_quick_tests ;;
  *) echo "usage: tools/sanitize.sh asan|tsan|ci|quick|quick-build|quick-tests|asan-build|asan-ctest [ARGS]|pytest [ARGS]" >&2; exit 2 ;;
esac
