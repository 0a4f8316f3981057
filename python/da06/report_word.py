"""Word templates: a .docx of yours with Jinja tags, rendered to DOCX by docxtpl from the report context.

    import da06, da06.report
    fw = da06.default_framework()
    da06.report.write(fw, "bao-cao.docx", template="mau-bao-cao.docx")       # or render(..., fmt="docx")

da06.report dispatches here for a template path ending in ``.docx``; the context is the one the Markdown
and HTML templates get (``da06.report.context`` plus extra keywords and ``previous=``). docxtpl joins the
runs Word splits a tag across, and its ``{%tr %}``, ``{%tc %}``, ``{%p %}`` and ``{%r %}`` tags put a block
around the table row, cell, paragraph or run that holds them; ``{{r x }}`` places a ``RichText``.

The Jinja environment is the text templates': ``StrictUndefined`` (a misspelt variable is an error) and
the same filters (``vn_number``, ``vn_percent``, ``vn_date``, ``md``). It differs where Word does: values
are XML-escaped (autoescape), since a task title with ``&`` or ``<`` would otherwise break the document,
and there is no whitespace trimming (a paragraph is not a line of text).

Errors are ``da06.report.TemplateError``: ``file`` is the template, ``path`` the part of the document
(``word/document.xml``, ``word/header1.xml``, ...), ``line`` the line of that part as docxtpl hands it to
Jinja (each paragraph starts a line, so it counts paragraphs, table cells' included, roughly), and the
message quotes the text of that paragraph, which is what a Word user can search for::

    mau.docx:8: template error: 'framwork' is undefined (word/document.xml, in «Kỳ: {{ framwork.title }}»)
"""
from __future__ import annotations

import html
import io
import os
import re
import traceback
import zipfile
from typing import Any

from .report import TemplateError, _filters, _need

__all__ = ["render"]

#: Jinja's name for a template made from a string (docxtpl renders each part with ``from_string``).
_FROM_STRING = "<template>"
_XML_TAG = re.compile(r"<[^>]+>")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # how Jinja counts lines


def render(path: str | os.PathLike[str], ctx: dict[str, Any]) -> bytes:
    """The Word template at ``path`` rendered with the variables ``ctx``, as the bytes of a .docx."""
    file = os.fspath(path)
    tpl = _open(file)
    import jinja2

    env = _environment()
    try:
        tpl.render(ctx, env)
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as e:
        raise _error(e, file, tpl, env) from e
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def _open(file: str) -> Any:
    """A ``DocxTemplate`` of ``file``, its document read: a file that is not a .docx is a TemplateError."""
    for module in ("jinja2", "docx", "docxtpl"):  # docxtpl imports both: name the one that is missing
        _need(module)
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    if not zipfile.is_zipfile(file):
        raise _not_word(file, "not a zip archive")
    tpl = DocxTemplate(file)
    try:
        tpl.get_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        # KeyError: a zip without [Content_Types].xml; ValueError: another Office file (python-docx 1.x)
        why = e.args[0] if e.args and isinstance(e.args[0], str) else str(e)  # (str of a KeyError quotes it)
        raise _not_word(file, why) from e
    return tpl


def _not_word(file: str, why: str) -> TemplateError:
    msg = f"not a Word document (.docx): {why}"
    return TemplateError(f"{file}: template error: {msg}", message=msg, file=file)


def _environment() -> Any:
    import jinja2

    class Environment(jinja2.Environment):
        """Keeps the sources docxtpl compiles: a runtime error carries a line but not its source, and the
        message quotes the paragraph (docxtpl gives each part of the document to ``from_string``)."""

        sources: list[str]

        def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(source, str):
                self.sources.append(source)
            return super().from_string(source, *args, **kwargs)

    env = Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    env.sources = []
    env.filters.update(_filters())
    return env


def _error(e: Exception, file: str, tpl: Any, env: Any) -> TemplateError:
    import jinja2

    frames = traceback.extract_tb(e.__traceback__)
    if isinstance(e, jinja2.TemplateSyntaxError):
        line = e.lineno or 0
    else:  # a runtime error: the innermost frame of the template
        line = next((fr.lineno or 0 for fr in reversed(frames) if fr.filename == _FROM_STRING), 0)
    part = ""
    if any(fr.name == "render_properties" for fr in frames):
        part = "the document properties"
    elif getattr(tpl, "current_rendering_part", None) is not None:
        part = str(tpl.current_rendering_part.partname).lstrip("/")
    source = getattr(e, "source", None) or (env.sources[-1] if env.sources else "")
    lines = _NEWLINE.split(source)
    text = ""
    if 0 < line <= len(lines):
        text = " ".join(html.unescape(_XML_TAG.sub("", lines[line - 1])).split())
        if len(text) > 160:
            text = text[:159] + "…"
    msg = str(getattr(e, "message", None) or e)
    where = ", ".join(x for x in (part, f"in «{text}»" if text else "") if x)
    full = f"{msg} ({where})" if where else msg
    return TemplateError(f"{file}:{line}: template error: {full}", message=full, file=file, line=line, path=part)
