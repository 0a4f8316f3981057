"""``python -m da06``: command-line entry of the Python package.

    python -m da06 report --format md|html|docx|xlsx [--template NAME|PATH] [--as-of DATE] [--data PATH] --out FILE

``--out -`` writes Markdown/HTML to standard output. Exit status: 0 on success, 1 on a da06 error
(a template error prints file:line), 2 on bad usage.
"""
from __future__ import annotations

import argparse
import sys

from ._errors import Error


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m da06", description="da06 for Python")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="render a report variant from a template (docs/reports.md)")
    r.add_argument("--format", "-f", dest="fmt", choices=["md", "html", "docx", "xlsx"], default=None,
                   help="output format (default: from the --out extension, else md)")
    r.add_argument("--template", "-t", default=None,
                   help="a shipped template (appendix1, services, summary, overdue, gaps, full) or a template file")
    r.add_argument("--as-of", default=None, help="the evaluation date, YYYY-MM-DD (default: the report date)")
    r.add_argument("--data", default=None, help="a framework JSON file (default: the embedded dataset)")
    r.add_argument("--out", "-o", required=True, help="output file, or - for standard output (md, html)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from . import framework, report

    try:
        fw = framework.load(args.data) if args.data else framework.load_default()
        fmt = args.fmt
        if fmt is None:
            ext = args.out.rsplit(".", 1)[-1].lower() if "." in args.out else ""
            fmt = {"markdown": "md", "htm": "html"}.get(ext, ext) if ext in (*report.FORMATS, "markdown", "htm") else "md"
        if args.out == "-":
            if fmt in ("docx", "xlsx"):
                print(f"python -m da06 report: {fmt} cannot go to standard output; give --out FILE", file=sys.stderr)
                return 2
            out = report.render(fw, args.template, fmt, args.as_of)
            assert isinstance(out, str)
            sys.stdout.write(out)
        else:
            report.write(fw, args.out, fmt, args.template, args.as_of)
    except Error as e:
        print(f"python -m da06 report: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
