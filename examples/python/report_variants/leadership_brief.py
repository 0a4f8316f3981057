"""Custom report variant 3: a one-page leadership brief written as a small script against da06.report.

Run:  .venv/bin/python examples/python/report_variants/leadership_brief.py [OUT_FILE]

No template file: the script reads da06.report.context (the variables every template receives) and
renders an inline Jinja2 template. Every figure is an engine string; the script only selects.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import da06
import da06.report

BRIEF = """\
# Báo cáo nhanh cho lãnh đạo — {{ framework.province }}, {{ as_of_text }}

{% for line in summary_lines %}
- {{ line }}
{% endfor %}

## Chỉ tiêu chưa đạt
{% for t in targets if t.status == "not_met" %}
- {{ t.indicator_name }}: {{ t.value_text }} (ngưỡng {{ t.threshold_text }}, chênh lệch {{ t.gap_text }})
{% endfor %}

## Cần chỉ đạo
{% for g in attention %}
- {{ g.lead }}: {% for t in g.tasks %}nhiệm vụ {{ t.number }} ({{ t.status_vi | lower }}){{ ", " if not loop.last }}{% endfor %}

{% endfor %}
"""


def main(out_file: Path) -> str:
    fw = da06.default_framework()
    out_file.parent.mkdir(parents=True, exist_ok=True)
    template = out_file.with_suffix(".md.j2")
    template.write_text(BRIEF, encoding="utf-8")  # an ad-hoc template: render() takes any file path
    text = str(da06.report.render(fw, template, "md"))
    out_file.write_text(text, encoding="utf-8")
    print(text)
    return text


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="da06-brief-")) / "brief.md")
