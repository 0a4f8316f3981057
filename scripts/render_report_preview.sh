#!/usr/bin/env bash
# Render one page of a generated DOCX report to PNG, to see what the output looks like.
#   scripts/render_report_preview.sh [TEMPLATE] [OUT.png] [PAGE]   (default: full, docs/images/report-page1.png, 1)
# Needs LibreOffice and poppler (Debian: apt-get install --no-install-recommends libreoffice-writer-nogui
# poppler-utils fonts-liberation; Liberation Serif is metric-compatible with Times New Roman) and the
# Python package in .venv (tools/dev.sh). Not part of the test suite: LibreOffice is large.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TEMPLATE=${1:-full}
OUT=${2:-docs/images/report-page1.png}
PAGE=${3:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m da06 report --format docx --template "$TEMPLATE" --out "$work/report.docx"
soffice --headless --norestore --convert-to pdf --outdir "$work" "$work/report.docx" >/dev/null 2>&1
pdftoppm -png -r 70 -f "$PAGE" -l "$PAGE" -singlefile "$work/report.pdf" "$work/page"
mkdir -p "$(dirname "$OUT")"
cp "$work/page.png" "$OUT"
pages=$(pdfinfo "$work/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "wrote $OUT (page $PAGE of ${pages:-?})"
