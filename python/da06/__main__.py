"""``python -m da06``: command-line entry of the Python package.

    python -m da06 report --format md|html|docx|xlsx [--template NAME|PATH] [--as-of DATE] [--data PATH] --out FILE
    python -m da06 report --template mau.docx --out bao-cao.docx        # a Word template (docxtpl)
    python -m da06 import FILE [--kind report|plan] [--as-of DATE] --out fw.json [--log log.json]
    python -m da06 template --out khung.xlsx [--data PATH | --embedded]

``--out -`` writes Markdown/HTML (report) or the framework (import) to standard output. Exit status:
0 on success, 1 on a da06 error (a template error prints file:line; an import whose result does not
validate), 2 on bad usage.
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
                   help="output format (default: from the --out extension, else docx for a Word template, else md)")
    r.add_argument("--template", "-t", default=None,
                   help="a shipped template (full, the default; overview, appendix1, services, summary, overdue, gaps, previous), "
                        "a template file (md, html) or a Word template (.docx, gives docx)")
    r.add_argument("--as-of", default=None, help="the evaluation date, YYYY-MM-DD (default: the report date)")
    r.add_argument("--data", default=None, help="a framework JSON file (default: the embedded dataset)")
    r.add_argument("--previous", default=None,
                   help="the previous report's framework file: adds the section \"So với kỳ trước\" (docs/series.md)")
    r.add_argument("--out", "-o", required=True, help="output file, or - for standard output (md, html)")
    i = sub.add_parser("import", help="import a document or a spreadsheet into a framework file (docs/importers.md)")
    i.add_argument("file", help="a .docx, an .xlsx (a da06 template or any workbook), or a text export")
    i.add_argument("--kind", choices=["report", "plan"], default=None,
                   help="a progress report or a plan (default: from the document's number or title)")
    i.add_argument("--as-of", default=None, help="the date the document speaks for, YYYY-MM-DD")
    i.add_argument("--out", "-o", required=True, help="the framework file to write (- for standard output)")
    i.add_argument("--log", default=None, help="write the import log (JSON) here")
    i.add_argument("--rank-of", action="append", default=[], metavar="NAME=N",
                   help="how many are ranked in a group a rank target names without the number (ASEAN=11)")
    t = sub.add_parser("template", help="write the Excel template for authoring a framework (docs/importers.md)")
    t.add_argument("--out", "-o", required=True, help="the workbook to write (.xlsx)")
    src = t.add_mutually_exclusive_group()
    src.add_argument("--data", default=None, help="fill it with this framework file (default: the worked example)")
    src.add_argument("--embedded", action="store_true", help="fill it with the embedded dataset")
    return p


def _import(args: argparse.Namespace) -> int:
    import datetime as dt
    import json

    from . import importers
    from ._errors import LoadError

    rank_of: dict[str, int] = {}
    for item in args.rank_of:
        name, _, n = item.rpartition("=")
        if not name or not n.isdigit():
            print(f"python -m da06 import: --rank-of expects NAME=N, not {item!r}", file=sys.stderr)
            return 2
        rank_of[name] = int(n)
    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        print(f"python -m da06 import: --as-of expects YYYY-MM-DD, not {args.as_of!r}", file=sys.stderr)
        return 2
    try:
        result = importers.import_file(args.file, kind=args.kind, as_of=as_of, rank_of=rank_of)
    except (importers.MissingDependency, Error) as e:
        print(f"python -m da06 import: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"python -m da06 import: {args.file}: {e.strerror or e}", file=sys.stderr)
        return 1
    text = result.framework_json()
    status = 0
    try:
        from .framework import loads

        loads(text, args.out if args.out != "-" else "<import>")
    except LoadError as e:
        for d in e.diagnostics:
            result.log.error("validate", f"{d.file}:{d.line}:{d.column}", f"{d.path}: {d.message}")
        status = 1
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    if args.log:
        with open(args.log, "w", encoding="utf-8") as f:
            json.dump(result.log_document(), f, ensure_ascii=False, indent=1)
            f.write("\n")
    s = result.stats
    print(f"python -m da06 import: {args.file}: {s.tables} table(s) ({s.task_tables} of tasks, {s.target_tables} of "
          f"targets), {s.tasks} task(s), {s.targets} target(s), {s.candidates} figure(s) for review; deadlines read "
          f"{s.deadlines_read}/{s.deadline_cells}; {result.log.count('warning')} warning(s), "
          f"{result.log.count('error')} error(s)" + (f"; log: {args.log}" if args.log else ""), file=sys.stderr)
    for entry in result.log.entries:
        if entry.level == "error":
            print(f"  {entry}", file=sys.stderr)
    return status


def _template(args: argparse.Namespace) -> int:
    from . import framework, template
    from .importers import MissingDependency

    try:
        fw = framework.load(args.data) if args.data else framework.default_framework() if args.embedded else None
        template.write_workbook(fw, args.out)
    except MissingDependency as e:
        print(f"python -m da06 template: {e}", file=sys.stderr)
        return 1
    except Error as e:
        print(f"python -m da06 template: {e}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "import":
        return _import(args)
    if args.command == "template":
        return _template(args)
    from . import framework, report

    try:
        fw = framework.load(args.data) if args.data else framework.default_framework()
        extra = {"previous": framework.load(args.previous)} if args.previous else {}
        fmt = args.fmt
        if fmt is None:
            ext = args.out.rsplit(".", 1)[-1].lower() if "." in args.out else ""
            if ext in (*report.FORMATS, "markdown", "htm"):
                fmt = {"markdown": "md", "htm": "html"}.get(ext, ext)
            else:
                fmt = "docx" if args.template and report._is_word_template(args.template) else "md"
        if args.out == "-":
            if fmt in ("docx", "xlsx"):
                print(f"python -m da06 report: {fmt} cannot go to standard output; give --out FILE", file=sys.stderr)
                return 2
            out = report.render(fw, args.template, fmt, args.as_of, **extra)
            assert isinstance(out, str)
            sys.stdout.write(out)
        else:
            report.write(fw, args.out, fmt, args.template, args.as_of, **extra)
    except Error as e:
        print(f"python -m da06 report: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
