#!/usr/bin/env bash
# da06 developer entry point. Idempotent: installs only what is missing, rebuilds only what changed.
#
#   tools/dev.sh run    set up, build, and print the report for the embedded dataset
#   tools/dev.sh test   set up, build, and run every test (C++ via ctest, Python via pytest, the quick ASan+UBSan
#                       step with the fuzz smoke runs; DA06_SANITIZERS=1 runs the full sanitizer job instead, 0 none)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
MODE=${1:-run}
BUILD=${DA06_BUILD_DIR:-$ROOT/build/release}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# --- 1. System packages (Debian) ---------------------------------------------------------------
APT_REQUIRED="cmake ninja-build g++ make pkg-config libboost-dev libboost-date-time-dev nlohmann-json3-dev doctest-dev libeigen3-dev libbenchmark-dev abigail-tools"
APT_OPTIONAL="clang libclang-rt-14-dev"   # libFuzzer smoke runs (Java/Maven for the JNA example come with the machine)
# The HTML report's real-browser test: headless Chromium, pdftotext for its print-to-PDF, and fonts with
# Vietnamese glyphs (Liberation Serif has Times New Roman's metrics). Installed without recommends.
APT_BROWSER="chromium poppler-utils fonts-liberation fonts-dejavu-core"
missing=""
for p in $APT_REQUIRED $APT_OPTIONAL; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if ! python3 -m venv --help >/dev/null 2>&1; then missing="$missing python3-venv python3-dev"; fi
missing_browser=""
for p in $APT_BROWSER; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_browser="$missing_browser $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "da06: missing Debian packages:$missing" >&2
    echo "run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
  fi
fi
if [ -n "$missing_browser" ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian packages for the browser test:$missing_browser"
    [ -n "$missing" ] || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing_browser >/dev/null
  else
    echo "da06: the browser test will be skipped; to run it: sudo apt-get install -y --no-install-recommends$missing_browser" >&2
  fi
fi

# --- 2. Python venv (.venv) ----------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
stamp=.venv/.da06-requirements.sha256
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "installing Python packages (requirements-dev.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements-dev.txt
  echo "$want" > "$stamp"
fi

# --- 3. Build ------------------------------------------------------------------------------------
# One build tree holds the library, the CLI, the tests, the benchmarks and the Python module
# da06._core, so the library is compiled once. (`pip install .` builds the same module on its own
# with scikit-build-core; see docs/python.md.)
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  say "configuring $BUILD"
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDA06_BUILD_TESTS=ON -DDA06_BUILD_BENCH=ON \
        -DDA06_BUILD_PYTHON=ON -DPython_EXECUTABLE="$ROOT/.venv/bin/python" \
        -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
fi
say "building"
cmake --build "$BUILD" --parallel "$(nproc)"

# `import da06` in .venv: the package sources in python/ plus the module just built (like an editable install).
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$ROOT/python" > "$site/da06-dev.pth"
for so in "$BUILD"/bindings/python/_core*.so; do ln -sf "$so" python/da06/; done

case "$MODE" in
  run)
    say "da06 report (embedded dataset: Thanh Hóa, 6 tháng đầu năm 2024)"
    "$BUILD/da06" report
    ;;
  test)
    # Two cores are kept busy: the quick sanitizer tree builds in the background while the release tree's
    # tests run (pytest and mypy use one core), and its tests run beside the fuzz smoke runs.
    sanitizers=${DA06_SANITIZERS:-quick}
    quick_pid=""
    case "$sanitizers" in 1|full|0|off) ;; *)
      mkdir -p build
      say "building the quick sanitizer tree in the background (tools/sanitize.sh quick-build; log: build/quick-build.log)"
      setsid nice -n 5 bash tools/sanitize.sh quick-build > build/quick-build.log 2>&1 &
      quick_pid=$!
      # A failing test ends this script: the background build (its own process group) ends with it.
      trap 'if [ -n "$quick_pid" ]; then kill -- "-$quick_pid" 2>/dev/null || true; fi' EXIT ;;
    esac
    say "C++ tests (ctest)"
    ctest --test-dir "$BUILD" --output-on-failure --parallel "$(nproc)"
    say "type check (mypy --strict)"
    .venv/bin/python -m mypy
    say "Python tests (pytest)"
    DA06_CLI="$BUILD/da06" DA06_BUILD_DIR="$BUILD" .venv/bin/python -m pytest -q tests/python
    case "$sanitizers" in
      1|full)
        # ASan+UBSan over every target and the Python module, then TSan over the threaded C ABI tests
        # (docs/reliability.md): longer than the rest of the run together. The fuzz targets get their own tree.
        if command -v clang++ >/dev/null 2>&1 && [ -d tests/fuzz ]; then
          say "fuzz smoke runs (clang, libFuzzer)"
          bash tests/fuzz/run.sh "${DA06_FUZZ_SECONDS:-20}"
        fi
        say "sanitizers (tools/sanitize.sh ci: ASan+UBSan build and tests, TSan threaded tests)"
        bash tools/sanitize.sh ci ;;
      0|off) say "sanitizers and fuzz smoke runs skipped (DA06_SANITIZERS=$sanitizers)" ;;
      *)
        # Every run: the library, C ABI and Python module under ASan+UBSan, with the tests that drive them,
        # and the libFuzzer smoke runs, from one clang tree (tools/sanitize.sh).
        say "waiting for the quick sanitizer build"
        if ! wait "$quick_pid"; then
          tail -60 build/quick-build.log
          echo "da06: the quick sanitizer build failed (full log: build/quick-build.log)" >&2
          exit 1
        fi
        quick_pid=""
        grep -E '^.{0,12}==> ' build/quick-build.log >&2 || true
        say "sanitizers, quick step (tools/sanitize.sh quick-tests: ASan+UBSan C++ and in-process Python tests, fuzz smoke runs)"
        bash tools/sanitize.sh quick-tests ;;
    esac
    if [ "${DA06_SKIP_PIP_INSTALL:-0}" != 1 ]; then
      # What a user does: `pip install .` (isolated build: scikit-build-core and pybind11 from PyPI),
      # here into a scratch target, then import the installed package, not the one in python/. This
      # checks the packaging, not the code (the tests above did), so it compiles unoptimised: half the
      # time of the Release build that `pip install .` makes by default.
      say "pip install . (wheel build with scikit-build-core, unoptimised), then import the installed da06"
      rm -rf build/pip-target
      CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) .venv/bin/python -m pip install -q --no-deps --target build/pip-target \
        -Cbuild-dir=build/wheel -Ccmake.build-type=None "-Ccmake.define.CMAKE_CXX_FLAGS=-O0 -g0" .
      PYTHONPATH="$ROOT/build/pip-target" .venv/bin/python -c '
import os, da06
where = os.path.dirname(da06.__file__)
assert where.startswith(os.path.abspath("build/pip-target")), where
fw = da06.load_default()
days = da06.Calendar.vietnam().workdays_between("2024-01-01", "2024-12-31")
print(f"installed da06 {da06.__version__} from {where}: {len(fw.tasks_frame())} tasks, {days} working days in 2024")'
    fi
    ;;
  *)
    echo "usage: tools/dev.sh run|test" >&2
    exit 2
    ;;
esac
