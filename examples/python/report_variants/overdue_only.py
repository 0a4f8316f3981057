"""Custom report variant 2: only the overdue and due-soon tasks, by lead unit, as Markdown, DOCX and XLSX.

Run:  .venv/bin/python examples/python/report_variants/overdue_only.py [OUT_DIR] [AS_OF]

Uses the shipped "overdue" template; a later date (e.g. 2024-09-30) lists more tasks.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import da06
import da06.report


def main(out_dir: Path, as_of: str | None = None) -> list[Path]:
    fw = da06.default_framework()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [da06.report.write(fw, out_dir / f"qua-han.{fmt}", fmt, template="overdue", as_of=as_of)
             for fmt in ("md", "docx", "xlsx")]
    print((out_dir / "qua-han.md").read_text(encoding="utf-8"))
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="da06-overdue-"))
    main(out, sys.argv[2] if len(sys.argv) > 2 else None)
