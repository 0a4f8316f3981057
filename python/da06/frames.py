"""A framework as tables, and back: ``Framework.to_frames()`` and ``Framework.from_frames(...)``.

Every record type of the data format (docs/data-format.md) is one table whose columns are the
record's fields; nested fields are dotted (``source.line``, ``change.delta``, ``scope.levels``). Two
lists of objects get their own tables, one row per element in order: ``unit_parents`` (unit, parent,
from, to) and ``target_milestones`` (target, from, threshold). Lists of ids are Python lists,
a task's ``attributes`` a dict, a validation rule's ``left`` / ``right`` JSON text. The framework's
own fields (id, title, plan, report, period) are the one-row table ``meta``.

The conversion is exact: ``Framework.from_frames(**fw.to_frames()) == fw`` for every framework. The
workbook of ``da06.template`` is these tables with Vietnamese sheet and column names.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

if TYPE_CHECKING:
    import pandas as pd

    from .framework import Framework

__all__ = ["Field", "RECORDS", "META_FIELDS", "to_frames", "from_frames", "records_to_document", "FrameError"]

# Field kinds: text, int, decimal, date, list (of ids), value (an observation's value: int, exact
# decimal text or bool), json (text holding JSON), map (str -> str).


@dataclass(frozen=True)
class Field:
    path: str            # "title", "source.line", "change.delta"
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()


_SOURCE = (Field("source.document"), Field("source.section"), Field("source.appendix"), Field("source.row"),
           Field("source.line", "int"), Field("source.quote"), Field("source.table"), Field("source.paragraph", "int"))
LEVELS = ("nation", "province", "district", "commune", "village")
COMPARATORS = (">=", "<=", "=", ">", "<", "top")
QUANTITIES = ("value", "numerator", "denominator")

#: The record tables, in the data format's order: table name -> its fields.
RECORDS: dict[str, tuple[Field, ...]] = {
    "sources": (Field("id", required=True), Field("title"), Field("file"), Field("sha256"), Field("lines", "int")),
    "utility_groups": (Field("id", required=True), Field("number", "int"), Field("name", required=True), Field("note"),
                       *_SOURCE),
    "task_groups": (Field("id", required=True), Field("number"), Field("title", required=True),
                    Field("declared_count", "int"), Field("published"), *_SOURCE),
    "tasks": (Field("id", required=True), Field("number", "int", required=True), Field("group"),
              Field("title", required=True), Field("lead"), Field("coordinating"), Field("deadline_text"),
              Field("progress_text"), Field("indicators", "list"), Field("utility_group"), Field("attributes", "map"),
              *_SOURCE),
    "resolution_tasks": (Field("id", required=True), Field("section"), Field("number"), Field("lead"),
                         Field("title", required=True), Field("coordinating"), Field("directive"),
                         Field("deadline_text"), Field("done_text"), Field("not_done_text"), Field("reason"), *_SOURCE),
    "services": (Field("id", required=True), Field("appendix"), Field("number"), Field("name", required=True),
                 Field("department"), Field("parent"), Field("note"), *_SOURCE),
    "units": (Field("id", required=True), Field("name", required=True), Field("level", required=True, choices=LEVELS),
              Field("kind"), Field("valid_from", "date"), Field("valid_to", "date")),
    "unit_parents": (Field("unit", required=True), Field("parent", required=True), Field("from", "date"),
                     Field("to", "date")),
    "indicators": (Field("id", required=True), Field("name", required=True),
                   Field("kind", required=True, choices=("ratio", "count", "money", "rank", "boolean", "value")),
                   Field("unit"), Field("direction", choices=("higher", "lower", "none")), Field("factor", "int"),
                   Field("decimals", "int"),
                   Field("rounding", choices=("half_up", "half_even", "half_down", "floor", "ceiling", "toward_zero",
                                              "away_from_zero")),
                   Field("aggregation", choices=("ratio_of_sums", "sum", "min", "max", "none")),
                   Field("temporal", choices=("stock", "flow")), Field("denominator", choices=("grows", "fixed")),
                   Field("utility_group")),
    "observations": (Field("id", required=True), Field("indicator", required=True), Field("unit", required=True),
                     Field("period"), Field("as_of", "date"), Field("service"), Field("numerator", "int"),
                     Field("denominator", "int"), Field("value", "value"), Field("of", "int"), Field("published"),
                     Field("published_value"), Field("qualifier"), Field("note"), Field("denominator_ref"),
                     Field("change.against"), Field("change.delta", "int"), Field("change.of", choices=QUANTITIES),
                     Field("change.published"), *_SOURCE),
    "totals": (Field("id", required=True), Field("total", required=True), Field("parts", "list", required=True),
               Field("quantity", choices=QUANTITIES), Field("total_quantity", choices=QUANTITIES),
               Field("part_quantities", "list"), Field("note"), *_SOURCE),
    "targets": (Field("id", required=True), Field("indicator", required=True), Field("task"),
                Field("comparator", required=True, choices=COMPARATORS), Field("threshold", "decimal", required=True),
                Field("of", "int"), Field("scope.unit"), Field("scope.levels", "list"), Field("effective", "date"),
                Field("deadline", "date"), Field("published"), Field("note"), *_SOURCE),
    "target_milestones": (Field("target", required=True), Field("from", "date"),
                          Field("threshold", "decimal", required=True)),
    "claims": (Field("id", required=True), Field("subject"), Field("status"), Field("count", "int", required=True),
               Field("published"), *_SOURCE),
    "gaps": (Field("id", required=True), Field("appendix"), Field("rows"), Field("note"), *_SOURCE),
    "validation_rules": (Field("id", required=True), Field("name"), Field("description"), Field("left", "json"),
                         Field("operator", choices=COMPARATORS[:5]), Field("right", "json"),
                         Field("importance", choices=("high", "medium", "low")),
                         Field("missing_value_policy",
                               choices=("skip_if_any_missing", "skip_if_all_missing", "never_skip")),
                         Field("levels", "list"), *_SOURCE),
    "observation_candidates": (Field("id", required=True),
                               Field("kind", required=True, choices=("ratio", "percent", "count", "change")),
                               Field("numerator", "int"), Field("denominator", "int"), Field("value", "decimal"),
                               Field("unit"), Field("against"), Field("published"), Field("sentence"),
                               Field("review", choices=("pending", "accepted", "rejected")), Field("observation"),
                               Field("note"), *_SOURCE),
}

_DOCREF = ("id", "number", "date", "title", "issuer", "note")
#: The framework's own fields (the one-row table ``meta``).
META_FIELDS: tuple[Field, ...] = (
    Field("id"), Field("title"), Field("province"),
    *(Field(f"plan.{k}", "date" if k == "date" else "text") for k in _DOCREF),
    *(Field(f"plan.{f.path}", f.kind) for f in _SOURCE),
    *(Field(f"report.{k}", "date" if k == "date" else "text") for k in _DOCREF),
    *(Field(f"report.{f.path}", f.kind) for f in _SOURCE),
    Field("period.code"), Field("period.text"),
)


class FrameError(ValueError):
    """Cells that cannot be read; ``problems`` lists each as (place, message)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        head = "\n".join(f"{p}: {m}" for p, m in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(head + more)


# ---------------------------------------------------------------------------------------------
# document -> tables


def _get(rec: Mapping[str, Any], path: str) -> Any:
    cur: Any = rec
    for part in path.split("."):
        if not isinstance(cur, Mapping) or part not in cur:
            return None
        cur = cur[part]
    return cur


def document_to_rows(doc: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A framework document (dict) as rows per table: {"meta": [...], "tasks": [...], ...}."""
    out: dict[str, list[dict[str, Any]]] = {"meta": [{f.path: _get(doc, f.path) for f in META_FIELDS}]}
    for name, fields in RECORDS.items():
        if name in ("unit_parents", "target_milestones"):
            continue
        rows = []
        for rec in doc.get(name) or []:
            row = {f.path: _get(rec, f.path) for f in fields}
            if name == "validation_rules":
                for side in ("left", "right"):
                    if rec.get(side) is not None:
                        row[side] = json.dumps(rec[side], ensure_ascii=False, separators=(",", ":"))
            rows.append(row)
        out[name] = rows
    out["unit_parents"] = [{"unit": u["id"], "parent": p.get("parent"), "from": p.get("from"), "to": p.get("to")}
                           for u in doc.get("units") or [] for p in u.get("parents") or []]
    out["target_milestones"] = [{"target": t["id"], "from": m.get("from"), "threshold": m.get("threshold")}
                                for t in doc.get("targets") or [] for m in t.get("milestones") or []]
    return out


def to_frames(fw: "Framework") -> dict[str, "pd.DataFrame"]:
    """Every table of a framework as a DataFrame (columns as in ``RECORDS``; empty tables keep their columns)."""
    import pandas as pd

    doc = json.loads(fw.to_json())
    rows = document_to_rows(doc)
    frames: dict[str, pd.DataFrame] = {}
    for name, rs in rows.items():
        cols = [f.path for f in (META_FIELDS if name == "meta" else RECORDS[name])]
        frames[name] = pd.DataFrame(rs, columns=cols).astype(object)
    return frames


# ---------------------------------------------------------------------------------------------
# tables -> document

def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and not v.strip():
        return True
    try:
        import pandas as pd

        return bool(v is pd.NA or v is pd.NaT)
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


_PLAIN_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def convert(v: Any, f: Field) -> Any:
    """One cell as the data format wants it; ValueError with a message naming what was expected."""
    import numpy as np

    if isinstance(v, np.generic):
        v = v.item()
    k = f.kind
    if k == "text":
        if isinstance(v, bool):
            raise ValueError(f"expected text, not {v!r}")
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        s = v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else str(v)
        if f.choices and s not in f.choices:
            raise ValueError(f"{s!r} is not one of: {', '.join(f.choices)}")
        return s
    if k == "int":
        if isinstance(v, bool):
            raise ValueError(f"expected a whole number, not {v!r}")
        if isinstance(v, int):
            return v
        if isinstance(v, float):
            if v.is_integer() and abs(v) <= 2 ** 53:
                return int(v)
            raise ValueError(f"expected a whole number, not {v!r}")
        if isinstance(v, str) and re.fullmatch(r"-?\d+", v.strip()):
            return int(v.strip())
        raise ValueError(f"expected a whole number, not {v!r}")
    if k == "decimal":
        return _decimal(v)
    if k == "date":
        if isinstance(v, _dt.datetime):
            if v.time() != _dt.time(0, 0):
                raise ValueError(f"expected a date, not a date and time {v.isoformat()}")
            return v.date().isoformat()
        if isinstance(v, _dt.date):
            return v.isoformat()
        if hasattr(v, "to_pydatetime"):
            return v.to_pydatetime().date().isoformat()
        s = str(v).strip()
        if not _ISO.fullmatch(s):
            raise ValueError(f"expected a date as YYYY-MM-DD, not {s!r}")
        try:
            _dt.date.fromisoformat(s)
        except ValueError as e:
            raise ValueError(f"{s!r} is not a valid date ({e})") from None
        return s
    if k == "list":
        if isinstance(v, (list, tuple)):
            return [str(x) for x in v]
        return [x.strip() for x in str(v).split(";") if x.strip()]
    if k == "value":
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return v
        if isinstance(v, float):
            if v.is_integer() and abs(v) <= 2 ** 53:
                return int(v)
            return _decimal(v)
        if isinstance(v, Decimal):
            return _decimal(v)
        s = str(v).strip()
        if s.upper() in ("TRUE", "FALSE"):
            return s.upper() == "TRUE"
        return _decimal(s)
    if k == "json":
        if isinstance(v, (dict, list)):
            return v
        try:
            return json.loads(str(v))
        except json.JSONDecodeError as e:
            raise ValueError(f"expected JSON ({e.msg} at character {e.pos})") from None
    if k == "map":
        if isinstance(v, Mapping):
            return {str(a): str(b) for a, b in v.items() if not _missing(b)}
        raise ValueError("expected a mapping of names to texts")
    raise AssertionError(k)


def _decimal(v: Any) -> str:
    if isinstance(v, bool):
        raise ValueError(f"expected an exact decimal, not {v!r}")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        s = repr(v)  # the shortest text that reads back as this float: what was typed
        if "e" in s or "inf" in s or "nan" in s:
            raise ValueError(f"expected an exact decimal, not {v!r}")
        return s[:-2] if s.endswith(".0") else s
    if isinstance(v, Decimal):
        s = format(v, "f")
    else:
        s = str(v).strip()
    if not _PLAIN_DECIMAL.fullmatch(s):
        raise ValueError(f"expected an exact decimal such as 99.95, not {s!r}")
    return s


def _set(rec: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    cur = rec
    for p in parts[:-1]:
        cur = cur.setdefault(p, {})
    cur[parts[-1]] = value


Locate = Callable[[str, int, str], str]


def rows_to_records(name: str, rows: Iterable[Mapping[str, Any]], locate: Locate,
                    problems: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Rows of one table as data-format records; each bad cell is one problem (place, message) and its
    row is left out. `locate(table, row index, field)` names a cell."""
    fields = {f.path: f for f in (META_FIELDS if name == "meta" else RECORDS[name])}
    out = []
    for i, row in enumerate(rows):
        rec: dict[str, Any] = {}
        ok = True
        for path, v in row.items():
            f = fields.get(path)
            if f is None:
                continue
            if f.kind == "map" and isinstance(v, Mapping):
                pass
            elif f.kind == "list" and isinstance(v, (list, tuple)):
                pass
            elif _missing(v):
                continue
            try:
                cv = convert(v, f)
            except ValueError as e:
                problems.append((locate(name, i, path), str(e)))
                ok = False
                continue
            if cv == [] or cv == {}:
                continue
            _set(rec, path, cv)
        for f in fields.values():
            if f.required and _get(rec, f.path) is None and ok:
                problems.append((locate(name, i, f.path), f"the required field {f.path!r} is empty"))
                ok = False
        if ok:
            out.append(rec)
    return out


def records_to_document(tables: Mapping[str, list[dict[str, Any]]], locate: Locate,
                        problems: list[tuple[str, str]]) -> dict[str, Any]:
    """Tables of converted records (``rows_to_records``) as one framework document."""
    doc: dict[str, Any] = {"format": "da06-framework", "format_version": 1}
    meta = tables.get("meta") or [{}]
    for k, v in (meta[0] if meta else {}).items():
        doc[k] = v
    parents: dict[str, list[dict[str, Any]]] = {}
    for i, p in enumerate(tables.get("unit_parents") or []):
        link = {k: v for k, v in p.items() if k != "unit"}
        parents.setdefault(p["unit"], []).append(link)
    milestones: dict[str, list[dict[str, Any]]] = {}
    for p in tables.get("target_milestones") or []:
        milestones.setdefault(p["target"], []).append({k: v for k, v in p.items() if k != "target"})
    for name in RECORDS:
        if name in ("unit_parents", "target_milestones"):
            continue
        recs = list(tables.get(name) or [])
        if name == "units":
            ids = {u["id"] for u in recs}
            for u in recs:
                if u["id"] in parents:
                    u["parents"] = parents[u["id"]]
            for uid in parents:
                if uid not in ids:
                    problems.append((locate("unit_parents", 0, "unit"), f"unit {uid!r} is not in the units table"))
        if name == "targets":
            ids = {t["id"] for t in recs}
            for t in recs:
                if t["id"] in milestones:
                    t["milestones"] = milestones[t["id"]]
            for tid in milestones:
                if tid not in ids:
                    problems.append((locate("target_milestones", 0, "target"),
                                     f"target {tid!r} is not in the targets table"))
        if recs or name not in ("validation_rules", "observation_candidates"):
            doc[name] = recs
    return doc


def from_frames(frames: Mapping[str, Any], meta: Any = None) -> dict[str, Any]:
    """DataFrames (or lists of dicts) per table -> a framework document; FrameError lists every bad cell
    as ``table[row].field``. Unknown tables are an error; unknown columns of ``tasks`` are attributes."""
    import pandas as pd

    problems: list[tuple[str, str]] = []

    def locate(table: str, i: int, field: str) -> str:
        return f"{table}[{i}].{field}"

    tables: dict[str, list[dict[str, Any]]] = {}
    known = set(RECORDS) | {"meta"}
    for name, frame in frames.items():
        if frame is None:
            continue
        if name not in known:
            problems.append((name, f"unknown table {name!r} (known: {', '.join(sorted(known))})"))
            continue
        rows: list[dict[str, Any]]
        if isinstance(frame, pd.DataFrame):
            rows = [{str(k): v for k, v in r.items()} for r in frame.to_dict(orient="records")]
        elif isinstance(frame, Mapping):
            rows = [dict(frame)]
        else:
            rows = [dict(r) for r in frame]
        fields = {f.path for f in (META_FIELDS if name == "meta" else RECORDS[name])}
        if name == "units":  # a plain "parent" column: one open-ended link per unit
            if "parent" in (rows[0] if rows else {}) and "unit_parents" not in frames:
                tables.setdefault("unit_parents", []).extend(
                    {"unit": r["id"], "parent": str(r["parent"])} for r in rows if not _missing(r.get("parent")))
        if name == "tasks":
            for r in rows:
                extra = {k: r[k] for k in list(r) if k not in fields and k != "attributes" and not _missing(r[k])}
                if extra:
                    attrs = dict(r.get("attributes") or {}) if isinstance(r.get("attributes"), Mapping) else {}
                    attrs.update({str(k): str(v) for k, v in extra.items()})
                    r["attributes"] = attrs
        else:
            for r in rows[:1]:
                for k in r:
                    if k not in fields and not (name == "units" and k == "parent"):
                        problems.append((f"{name}.{k}", f"unknown column {k!r} of table {name!r}"))
        tables[name] = rows_to_records(name, rows, locate, problems)
    if meta is not None:
        mrows: list[dict[str, Any]] = (
            [{str(k): v for k, v in r.items()} for r in meta.to_dict(orient="records")]
            if isinstance(meta, pd.DataFrame) else [dict(meta)] if isinstance(meta, Mapping) else [dict(r) for r in meta])
        tables["meta"] = rows_to_records("meta", mrows[:1], locate, problems)
    doc = records_to_document(tables, locate, problems)
    if problems:
        raise FrameError(problems)
    return doc
