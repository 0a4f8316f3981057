"""The services appendices of a report: one table per appendix that the framework's services name.

Which figures fill the table comes from the data, not from a fixed indicator id: the ratio indicator
with the most per-service observations (numerator = online dossiers, denominator = all dossiers). The
appendices are those the services carry (``"appendix": "III"``), in file order; a framework without
services has none, and the reports then print no services section. The change column is titled from
the period the printed changes compare against ("So với tháng 12/2023").
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any

from . import _core
from .numbers import format_number, format_percent

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_text_vi(code: str) -> str:
    """A period code as a Vietnamese report writes it: ``2023-M12`` → ``tháng 12/2023``, ``2024-Q2`` →
    ``quý II/2024``, ``2024-S1`` → ``6 tháng đầu năm 2024``. A code that does not parse is returned as is."""
    try:
        p = _core.Period.parse_code(code)
    except Exception:  # an unknown code is shown verbatim, never guessed
        return code
    if p.kind == "month":
        return f"tháng {p.index}/{p.year}"
    if p.kind == "quarter":
        return f"quý {_ROMAN[p.index]}/{p.year}"
    if p.kind == "half_year":
        return f"6 tháng {'đầu' if p.index == 1 else 'cuối'} năm {p.year}"
    if p.kind == "nine_months":
        return f"9 tháng đầu năm {p.year}"
    return f"năm {p.year}"


def rate_indicator(data: dict[str, Any]) -> str | None:
    """The ratio indicator whose per-service observations fill the appendices: the one with the most
    observations that name a service and carry numerator and denominator (ties: the first in file order)."""
    kinds = {i["id"]: i.get("kind") for i in data.get("indicators", [])}
    count: Counter[str] = Counter(
        o["indicator"] for o in data.get("observations", [])
        if o.get("service") and kinds.get(o["indicator"]) == "ratio"
        and o.get("numerator") is not None and o.get("denominator") is not None)
    return count.most_common(1)[0][0] if count else None


def ratio_text(num: int, den: int, ind: dict[str, Any] | None) -> str:
    """num/den as the indicator declares it printed (factor, decimals, rounding); "" for den = 0."""
    if den == 0:
        return ""
    ind = ind or {}
    return format_percent(num, den, decimals=int(ind.get("decimals", 2)),
                          rounding=str(ind.get("rounding", "half_up")),  # type: ignore[arg-type]
                          factor=int(ind.get("factor", 100)))


def services(data: dict[str, Any], indicators: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``{"appendices": [...], "decimals": n, "indicator": id, "against": code, "change_head": title,
    "III": rows, ...}``: each appendix ``{"key", "title", "rows"}``, and each appendix's rows also under
    its key, as templates index them (``services["III"]``)."""
    iid = rate_indicator(data)
    ind = indicators.get(iid) if iid else None
    obs = {o.get("service"): o for o in data.get("observations", [])
           if iid is not None and o.get("indicator") == iid and o.get("service")}
    out: dict[str, Any] = {"decimals": int(ind.get("decimals", 2)) if ind else 2, "indicator": iid,
                           "indicator_name": ind.get("name", "") if ind else "", "appendices": []}
    against: Counter[str] = Counter()
    by_key: dict[str, list[dict[str, Any]]] = {}
    for s in data.get("services", []):
        key = s.get("appendix") or ""
        rows = by_key.setdefault(key, [])
        o = obs.get(s["id"])
        row: dict[str, Any] = {"id": s["id"], "number": s.get("number", ""), "name": s.get("name", ""),
                               "total": None, "online": None, "rate": None, "total_text": "",
                               "online_text": "", "rate_text": "", "published": "", "change": None,
                               "change_text": "", "change_delta": None, "change_delta_text": "",
                               "change_against": ""}
        if o is not None and o.get("numerator") is not None and o.get("denominator") is not None:
            num, den = int(o["numerator"]), int(o["denominator"])
            row.update(total=den, online=num, rate=Fraction(num, den) if den else None,
                       total_text=format_number(den), online_text=format_number(num),
                       rate_text=ratio_text(num, den, ind), published=o.get("published", ""))
            ch = o.get("change")
            if ch:
                delta = int(ch["delta"]) if ch.get("delta") is not None else None
                row.update(change=ch, change_text=ch.get("published", ""), change_delta=delta,
                           change_delta_text=("" if delta is None else
                                              ("+" if delta > 0 else "") + format_number(delta)),
                           change_against=ch.get("against", ""))
                if ch.get("against"):
                    against[str(ch["against"])] += 1
        rows.append(row)
    code = against.most_common(1)[0][0] if against else ""
    out["against"] = code
    out["change_head"] = f"So với {period_text_vi(code)}" if code else "Tăng/giảm"
    out["head"] = head(out["change_head"])
    for key, rows in by_key.items():
        title = f"Phụ lục {key}. " if key else ""
        out["appendices"].append({"key": key, "title": title + "Dịch vụ công trực tuyến", "rows": rows})
        out[key] = rows
    return out


def head(change_head: str) -> list[str]:
    """The column titles of a services table, in every format (the context's ``services.head``); XLSX
    adds one column, the change as a signed number (``XLSX_DELTA_HEAD``)."""
    return ["STT", "Dịch vụ công", "Tổng số hồ sơ", "Hồ sơ trực tuyến", "Tỷ lệ", change_head]


XLSX_DELTA_HEAD = "Tăng/giảm (số)"


def row_texts(s: dict[str, Any]) -> list[str]:
    """A row of ``head`` as text (Markdown, HTML and DOCX print these)."""
    return [str(s["number"]), s["name"], s["total_text"], s["online_text"], s["rate_text"], s["change_text"]]
