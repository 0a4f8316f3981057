#!/usr/bin/env bash
# The sanitizer builds and their tests (docs/reliability.md). `tools/dev.sh test` runs `tools/sanitize.sh ci`.
#
#   tools/sanitize.sh asan     ASan+UBSan build of everything (build/asan, the asan preset, plus the Python
#                              module): every ctest test but java.example, then pytest against the
#                              instrumented da06._core, the CLI and libda06.so
#   tools/sanitize.sh tsan     ThreadSanitizer build (build/tsan, the tsan preset): the threaded C ABI tests
#   tools/sanitize.sh ci       both (the full sanitizer job: DA06_SANITIZERS=1 tools/dev.sh test)
#   tools/sanitize.sh quick    the step every CI run takes (tools/dev.sh test): ASan+UBSan at -O1 without
#                              debug info (build/asan-quick), only the library, its C++ tests, the C library
#                              and the Python module; the C++ tests, then the Python tests that drive the
#                              instrumented code in-process (test_py_*, test_ctypes, the bad-input catalogue)
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
  preload="$(g++ -print-file-name=libasan.so) $(g++ -print-file-name=libstdc++.so)"
  say "Python tests under ASan+UBSan (instrumented da06._core, CLI and libda06.so; LD_PRELOAD=$preload)"
  (
    cd "$ROOT"
    PYTHONPATH="$pkg" DA06_CLI="$build/da06" DA06_BUILD_DIR="$build" LD_PRELOAD="$preload" \
      ASAN_OPTIONS=halt_on_error=1:exitcode=86:detect_leaks=0 DA06_UNDER_ASAN=1 \
      .venv/bin/python -m pytest -q -p no:cacheprovider "${@:-tests/python}"
  )
}

# The quick step: the code every face runs (library, C ABI, Python module), instrumented, and the tests
# that drive it in-process. Leaves out the CLI's own tests, the consumers and examples (they link outside
# programs), the browser and docs tests (their subprocesses would all run under LD_PRELOAD) and TSan.
QUICK_PYTEST=(tests/python/test_py_*.py tests/python/test_ctypes.py tests/python/test_bad_input_catalogue.py)
asan_quick_build() {
  local build=build/asan-quick
  if [ ! -f "$build/CMakeCache.txt" ]; then
    say "configuring $build (ASan+UBSan, -O1, no debug info)"
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g0" \
          -DDA06_SANITIZE=address,undefined -DDA06_BUILD_TESTS=ON -DDA06_BUILD_EXAMPLES=OFF -DDA06_BUILD_CLI=ON \
          -DDA06_BUILD_PYTHON=ON -DPython_EXECUTABLE="$ROOT/.venv/bin/python" \
          -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
  fi
  say "building $build (library, C++ tests, C library, CLI, Python module)"
  cmake --build "$build" --parallel "$JOBS" --target da06_tests da06_c da06_cli _core da06_test_hooks
}
asan_quick_tests() {
  say "C++ tests under ASan+UBSan (build/asan-quick)"
  ASAN_OPTIONS=$ASAN_PROGRAMS build/asan-quick/tests/da06_tests
  ASAN_BUILD=build/asan-quick asan_pytest "${QUICK_PYTEST[@]}"
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
  *) echo "usage: tools/sanitize.sh asan|tsan|ci|quick|asan-build|asan-ctest [ARGS]|pytest [ARGS]" >&2; exit 2 ;;
esac
