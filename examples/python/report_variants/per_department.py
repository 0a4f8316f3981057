"""Custom report variant 1: one Markdown file per lead unit, from a copied-and-edited template.

Run:  .venv/bin/python examples/python/report_variants/per_department.py [OUT_DIR]

department.md.j2 (next to this script) is a template of its own; it receives the same variables as the
shipped ones (docs/reports.md) plus `department`, passed to da06.report.render as a keyword argument.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import da06
import da06.report

HERE = Path(__file__).resolve().parent


def main(out_dir: Path) -> list[Path]:
    fw = da06.default_framework()
    out_dir.mkdir(parents=True, exist_ok=True)
    leads = sorted(set(fw.tasks_frame()["lead"]))
    written = []
    for lead in leads:
        text = da06.report.render(fw, HERE / "department.md.j2", "md", department=lead)
        slug = re.sub(r"\W+", "-", lead.lower()).strip("-") or "unit"
        path = out_dir / f"{slug}.md"
        path.write_text(str(text), encoding="utf-8")
        written.append(path)
    print(f"{len(written)} lead units -> {out_dir}")
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="da06-dept-")))
