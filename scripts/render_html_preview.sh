#!/usr/bin/env bash
# Render one printed A4 page of a generated HTML report to PNG, as a browser prints it.
#   scripts/render_html_preview.sh [TEMPLATE] [OUT.png] [PAGE] [ARGS...]
#   (default: full, docs/images/report-html-page1.png, 1; ARGS go to `python -m da06 report`, e.g. --data F)
# Needs Debian's chromium and poppler-utils (tools/dev.sh installs both) and the Python package in .venv.
# The page is printed by headless Chromium with the report's own print stylesheet (@page A4).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TEMPLATE=${1:-full}
OUT=${2:-docs/images/report-html-page1.png}
PAGE=${3:-1}
shift $(( $# < 3 ? $# : 3 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m da06 report --format html --template "$TEMPLATE" --out "$work/report.html" "$@"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/profile" --no-pdf-header-footer \
  --print-to-pdf="$work/report.pdf" "file://$work/report.html" >/dev/null 2>&1
pdftoppm -png -r 70 -f "$PAGE" -l "$PAGE" -singlefile "$work/report.pdf" "$work/page"
mkdir -p "$(dirname "$OUT")"
cp "$work/page.png" "$OUT"
pages=$(pdfinfo "$work/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "wrote $OUT (page $PAGE of ${pages:-?})"
