"""Dossiers (hồ sơ TTHC) in batches: due dates, statuses and the QĐ 766 index, as numpy and pandas.

    import da06
    cal = da06.Calendar.vietnam_public()
    da06.dossiers.due(received_at, working_days, calendar=cal)             # datetime64[D] due dates
    da06.dossiers.status(received_at, working_days, finished_at, as_of="2024-06-30", calendar=cal)
    da06.dossiers.index(dossiers, procedures=None, units=None, period="month")   # one row per indicator
    da06.dossiers.scores(rows)                                              # groups, total and rank per unit

Times keep their time of day in every form: datetime64 of any unit, pandas/polars/pyarrow timestamps,
ISO strings with a time, Python datetimes. A naive time is Vietnam's local time; a time with a zone is
converted to Asia/Ho_Chi_Minh (UTC+7). A value without a time ("2024-04-26", datetime64[D]) is a date:
received that day, before the intake cut-off. The schema of a dossier table is in docs/dossiers.md.
"""
from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._dates import to_local_moment
from ._errors import DataError, InvalidArgument, ParseError
from .calendar import Calendar

__all__ = [
    "STATES", "SCHEMA", "PROCEDURE_SCHEMA", "COMPLAINT_SCHEMA", "Rules", "IndexRules",
    "local_seconds", "read", "due", "status", "index", "counts", "scores", "what_it_takes",
]

NAT = np.iinfo(np.int64).min
#: The status categories, in order (codes 0..4 of the C++ DossierState).
STATES = ("early", "on_time", "late", "open", "open_late")
STATES_VI = ("trước hạn", "đúng hạn", "quá hạn", "đang xử lý", "đang xử lý, quá hạn")

#: The dossier table: English name → (Vietnamese name, type, meaning). docs/dossiers.md has the full table.
SCHEMA: dict[str, tuple[str, str, str]] = {
    "dossier_id": ("MaHoSo", "string", "dossier code"),
    "unit": ("MaDonVi", "string", "the handling unit (province or commune)"),
    "procedure": ("MaTTHC", "string", "administrative procedure code"),
    "channel": ("KenhThucHien", "1|2|3 or direct|online|postal", "trực tiếp, trực tuyến, bưu chính"),
    "online_level": ("MucDoDVC", "full|partial", "toàn trình, một phần"),
    "received_at": ("NgayTiepNhan", "timestamp", "received (required)"),
    "due_at": ("NgayHenTra", "date or timestamp", "promised return day, when recorded"),
    "time_limit": ("ThoiHanGiaiQuyet", "integer", "processing time (required)"),
    "limit_unit": ("DonViTinh", "working_days|working_hours", "unit of time_limit (default working days)"),
    "finished_at": ("NgayKetThucXuLy", "timestamp", "end of processing; empty while open"),
    "returned_at": ("NgayTraKetQua", "timestamp", "result returned"),
    "status": ("TrangThai", "string", "đang xử lý, chờ bổ sung, dừng, trả lại, đã xử lý, đã trả kết quả"),
    "supplement_requested_at": ("NgayYeuCauBoSung", "timestamp", "supplementation requested"),
    "supplement_completed_at": ("NgayHoanThanhBoSung", "timestamp", "supplementation completed"),
    "supplement_requests": ("SoLanYeuCauBoSung", "integer", "number of supplementation requests"),
    "fee": ("PhiLePhi", "integer (VND)", "fees and charges due"),
    "paid": ("DaThanhToan", "boolean", "fees paid"),
    "paid_online": ("DuocThanhToanTrucTuyen", "boolean or 0|1|2", "paid online (1 portal, 2 province's portal)"),
    "synced": ("DaDongBo", "boolean", "synchronised to the national portal"),
    "components_digitised": ("ThanhPhanSoHoa", "boolean", "a file attached in a dossier component"),
    "result_digitised": ("KetQuaSoHoa", "boolean", "a file attached to the result"),
    "result_electronic": ("KetQuaDienTu", "boolean", "an electronic result issued"),
    "reused": ("TaiSuDungDuLieu", "boolean", "reuses digitised data (HoSoCoThanhPhanSoHoa/DuocSoHoa)"),
    "personal_store": ("DuocLayTuKhoDMQG", "boolean", "a component taken from the citizen's data store"),
    "citizen_data": ("DuLieuDanCu", "boolean", "uses the population database / VNeID"),
    "rating": ("MucDoHaiLong", "satisfied|neutral|dissatisfied", "the citizen's rating"),
    "complained": ("CoPAKN", "boolean", "a complaint was made about the dossier"),
}
#: The procedure catalogue (one row per procedure, or per procedure and unit).
PROCEDURE_SCHEMA: dict[str, tuple[str, str, str]] = {
    "procedure": ("MaTTHC", "string", "procedure code"),
    "unit": ("MaDonVi", "string", "the unit it applies to (absent: every unit)"),
    "published_at": ("NgayQuyetDinhCongBo", "date", "date of the announcing decision"),
    "published_on_time": ("CongBoDungHan", "boolean", "announced within the legal limit"),
    "made_public_on_time": ("CongKhaiDungHan", "boolean", "made public on the national database in time"),
    "public": ("DangCongKhai", "boolean", "currently public"),
    "content_complete": ("CongKhaiDayDu", "boolean", "all seven parts public"),
    "online_level": ("MucDoDVC", "full|partial|none", "online service offered"),
    "has_fee": ("CoPhiLePhi", "boolean", "the procedure has fees"),
    "for_individuals": ("DoiTuongCaNhan", "boolean", "performed by individuals"),
}
#: The complaints table (phản ánh, kiến nghị) for the satisfaction group.
COMPLAINT_SCHEMA: dict[str, tuple[str, str, str]] = {
    "complaint_id": ("MaPAKN", "string", "complaint code"),
    "unit": ("MaDonVi", "string", "unit complained about"),
    "received_at": ("NgayTiepNhan", "timestamp", "received"),
    "on_time": ("XuLyDungHan", "boolean", "handled on time (or open within the limit)"),
    "satisfied": ("HaiLong", "boolean", "not dissatisfied, not re-complained, not overdue"),
    "about": ("PhanLoai", "procedure|staff", "about a procedure or about staff"),
}
_VI = {vi.lower(): en for schema in (SCHEMA, PROCEDURE_SCHEMA, COMPLAINT_SCHEMA) for en, (vi, _, _) in schema.items()}

_CHANNELS = {"1": 1, "2": 2, "3": 3, "direct": 1, "online": 2, "postal": 3, "truc_tiep": 2 - 1, "truc_tuyen": 2,
             "buu_chinh": 3, "trực tiếp": 1, "trực tuyến": 2, "bưu chính": 3}
_LIMIT_UNITS = {"working_days": 0, "working_hours": 1, "ngày làm việc": 0, "giờ làm việc": 1, "days": 0, "hours": 1,
                "ngay": 0, "gio": 1}


# --- times -----------------------------------------------------------------------------------------
def _to_numpy(x: Any) -> Any:
    """pyarrow / polars columns → numpy or pandas, without a copy where the library allows one."""
    mod = type(x).__module__
    if mod.startswith("polars"):
        return x.to_pandas() if hasattr(x, "to_pandas") else x
    if mod.startswith("pyarrow"):
        return x.to_pandas()
    return x


def local_seconds(x: Any, *, field_name: str = "received_at", errors: list[tuple[int, str, str]] | None = None) -> npt.NDArray[np.int64]:
    """Local seconds (Vietnam civil time, NaT = INT64_MIN) of a column of times, as int64.

    A ``datetime64[s]`` array is returned as a view (no copy); other units are converted once. Values
    that cannot be read are NaT and, when ``errors`` is given, reported as (row, field, message).
    """
    x = _to_numpy(x)
    if isinstance(x, (pd.Series, pd.Index)):
        if isinstance(x.dtype, pd.DatetimeTZDtype):
            utc = pd.Series(x).dt.tz_convert("UTC").dt.tz_localize(None)
            return _seconds_of(np.asarray(utc, dtype="datetime64[ns]"), shift=25200)
        if x.dtype.kind == "M":
            return _seconds_of(np.asarray(x))
        x = x.to_numpy(dtype=object)
    a = np.asarray(x)
    if a.dtype.kind == "M":
        return _seconds_of(a)
    if a.dtype.kind in "iu":
        return a.astype(np.int64, copy=False)
    out = np.empty(a.shape[0] if a.ndim else 1, dtype=np.int64)
    flat = a.ravel()
    for i, v in enumerate(flat):
        if v is None or (isinstance(v, float) and v != v) or v is pd.NaT or (isinstance(v, str) and not v.strip()):
            out[i] = NAT
            continue
        try:
            day, tod = to_local_moment(v)
        except (ParseError, TypeError, ValueError) as e:
            out[i] = NAT
            if errors is not None:
                errors.append((i, field_name, str(e)))
            continue
        secs = 0 if tod is None else tod.hour * 3600 + tod.minute * 60 + tod.second
        out[i] = (day - _dt.date(1970, 1, 1)).days * 86400 + secs
    return out


def _seconds_of(a: npt.NDArray[Any], shift: int = 0) -> npt.NDArray[np.int64]:
    unit, count = np.datetime_data(a.dtype)
    if unit == "s" and count == 1 and shift == 0:
        return a.view(np.int64)
    if unit in ("Y", "M", "W", "D", "h", "m", "s"):
        s = a.astype("datetime64[s]").view(np.int64).copy()
    else:
        per = {"ms": 10**3, "us": 10**6, "ns": 10**9}[unit] // count
        raw = a.view(np.int64)
        s = raw // per  # floor: a time before 1970 keeps its second
        s[raw == NAT] = NAT
    if shift:
        s[s != NAT] += shift
    return s


def _moment(x: Any) -> int:
    """One local moment as seconds; a date means the end of that day (23:59:59)."""
    if x is None:
        x = _dt.datetime.now(_dt.timezone.utc)
    day, tod = to_local_moment(x)
    base = (day - _dt.date(1970, 1, 1)).days * 86400
    return base + (86399 if tod is None else tod.hour * 3600 + tod.minute * 60 + tod.second)


# --- rules of the due computation -----------------------------------------------------------------
@dataclass(frozen=True)
class Rules:
    """How due dates are computed: the intake cut-off, office hours, pauses (docs/dossiers.md)."""

    cutoff: str | None = "15:00"
    cutoff_in_working_hours: bool = False
    office_hours: Sequence[tuple[str, str]] = (("07:30", "11:30"), ("13:00", "17:00"))
    deduct_pauses: bool = True
    repeated_supplementation_is_late: bool = False

    def engine(self, calendar: Calendar | None) -> Any:
        cal = (calendar or Calendar.vietnam_public()).core
        key = (id(cal), self)
        hit = _ENGINES.get(key)
        if hit is not None and hit[0] is cal:
            return hit[1]

        def secs(t: str) -> int:
            h, m = (int(p) for p in t.split(":"))
            return h * 3600 + m * 60

        try:
            hours = [(secs(a), secs(b)) for a, b in self.office_hours]
            cutoff = secs(self.cutoff) if self.cutoff is not None else 15 * 3600
        except ValueError:
            raise ParseError(f"times must be HH:MM: cutoff={self.cutoff!r}, office_hours={self.office_hours!r}") from None
        eng = _core.DossierEngine(cal, cutoff, self.cutoff is not None, self.cutoff_in_working_hours, hours,
                                  self.deduct_pauses, self.repeated_supplementation_is_late)
        if len(_ENGINES) > 16:
            _ENGINES.clear()
        _ENGINES[key] = (cal, eng)
        return eng


_ENGINES: dict[tuple[int, Rules], tuple[Any, Any]] = {}
_PORTAL = Rules(repeated_supplementation_is_late=True)


def _limits(x: Any, n: int) -> npt.NDArray[np.int32]:
    a = np.asarray(_to_numpy(x))
    if a.ndim == 0:
        a = np.full(n, int(a), dtype=np.int32)
    if a.dtype.kind == "f":
        bad = ~np.isfinite(a) | (a != np.round(a))
        if bad.any():
            raise InvalidArgument(f"time_limit: row {int(np.argmax(bad))} is not a whole number")
    return a.astype(np.int32, copy=False)


def _errors_frame(errs: Iterable[tuple[int, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(list(errs), columns=["row", "field", "message"]).sort_values("row", kind="stable").reset_index(drop=True)


def _merge_errors(read: list[tuple[int, str, str]], engine: Iterable[tuple[int, str, str]]) -> pd.DataFrame:
    """The reader's errors, then the engine's for the rows the reader did not already reject."""
    seen = {r for r, _, _ in read}
    return _errors_frame(read + [e for e in engine if e[0] not in seen])


def due(received_at: Any, working_days: Any, *, calendar: Calendar | None = None, unit: Literal["working_days", "working_hours"] = "working_days",
        due_at: Any = None, supplement_requested_at: Any = None, supplement_completed_at: Any = None, as_of: Any = None,
        rules: Rules = Rules()) -> npt.NDArray[Any]:
    """Due dates of dossiers: ``datetime64[D]`` for working days, ``datetime64[s]`` (the exact local moment)
    for working hours. A bad row gives NaT; its index and field are in ``da06.dossiers.due.last_errors``.

    >>> da06.dossiers.due(np.array(["2024-04-26T10:00", "2024-04-26T16:30"], "datetime64[m]"), 5)
    array(['2024-05-07', '2024-05-08'], dtype='datetime64[D]')
    """
    errs: list[tuple[int, str, str]] = []
    rec = local_seconds(received_at, errors=errs)
    lim = _limits(working_days, rec.shape[0])
    hours = unit == "working_hours"
    opt = {k: (local_seconds(v, field_name=k, errors=errs) if v is not None else None)
           for k, v in (("due_at", due_at), ("pause_start", supplement_requested_at), ("pause_end", supplement_completed_at))}
    d_at, d_day, _, e, _ = rules.engine(calendar).due(rec, lim, 1 if hours else 0, None, opt["due_at"], None,
                                                       opt["pause_start"], opt["pause_end"], NAT if as_of is None else _moment(as_of))
    due.last_errors = _merge_errors(errs, e)  # type: ignore[attr-defined]
    if hours:
        moments: npt.NDArray[Any] = np.asarray(d_at).view("datetime64[s]")
        return moments
    out = np.asarray(d_day).astype(np.int64)
    out[np.asarray(d_day) == np.iinfo(np.int32).min] = NAT
    days: npt.NDArray[Any] = out.view("datetime64[D]")
    return days


def status(received_at: Any, working_days: Any, finished_at: Any = None, as_of: Any = None, *, calendar: Calendar | None = None,
           unit: Literal["working_days", "working_hours"] = "working_days", due_at: Any = None,
           supplement_requested_at: Any = None, supplement_completed_at: Any = None, supplement_requests: Any = None,
           rules: Rules = Rules(), vietnamese: bool = False) -> pd.Categorical:
    """Status of each dossier as of ``as_of`` (default now; a date means the end of that day): a categorical of
    early, on_time, late (finished) and open, open_late (not finished then). A dossier finished after
    ``as_of`` is open. NaN for a bad row (``status.last_errors``) or one received after ``as_of``.
    """
    errs: list[tuple[int, str, str]] = []
    rec = local_seconds(received_at, errors=errs)
    n = rec.shape[0]
    lim = _limits(working_days, n)
    fin = local_seconds(finished_at, field_name="finished_at", errors=errs) if finished_at is not None else None
    opt = {k: (local_seconds(v, field_name=k, errors=errs) if v is not None else None)
           for k, v in (("due_at", due_at), ("pause_start", supplement_requested_at), ("pause_end", supplement_completed_at))}
    supp = None if supplement_requests is None else np.asarray(_to_numpy(supplement_requests)).astype(np.int32)
    state, _, e, _ = rules.engine(calendar).status(rec, lim, 1 if unit == "working_hours" else 0, None, opt["due_at"], fin,
                                                    opt["pause_start"], opt["pause_end"], supp, _moment(as_of))
    status.last_errors = _merge_errors(errs, e)  # type: ignore[attr-defined]
    codes = np.asarray(state).astype(np.int8)
    codes[np.asarray(state) == 255] = -1
    cats: list[str] = list(STATES_VI if vietnamese else STATES)
    result: pd.Categorical = pd.Categorical.from_codes(codes, categories=cats)  # type: ignore[call-overload]
    return result


# --- reading tables --------------------------------------------------------------------------------
@dataclass
class DossierTable:
    """A dossier table as numpy columns, with the rows that could not be read."""

    columns: dict[str, Any]
    n: int
    units: list[str]
    procedures: list[str]
    errors: pd.DataFrame = field(default_factory=lambda: _errors_frame([]))


def _frame(source: Any) -> pd.DataFrame:
    if isinstance(source, (str, Path)):
        p = Path(source)
        if p.suffix.lower() in (".parquet", ".pq"):
            try:
                import pyarrow.parquet as pq
            except ImportError:
                raise ImportError("reading Parquet needs pyarrow: pip install da06[arrow]") from None
            frame: pd.DataFrame = pq.read_table(p).to_pandas()
            return frame
        return pd.read_csv(p, dtype={"unit": str, "procedure": str, "dossier_id": str})
    mod = type(source).__module__
    if mod.startswith("polars") or mod.startswith("pyarrow"):
        converted: pd.DataFrame = source.to_pandas()
        return converted
    if isinstance(source, pd.DataFrame):
        return source
    if isinstance(source, Mapping):
        return pd.DataFrame(dict(source))
    raise TypeError(f"expected a DataFrame (pandas, polars, pyarrow) or a CSV/Parquet path, got {type(source).__name__}")


def _rename(df: pd.DataFrame) -> pd.DataFrame:
    ren = {c: _VI[c.lower()] for c in df.columns if isinstance(c, str) and c.lower() in _VI and c not in df.columns.drop(c)}
    ren = {k: v for k, v in ren.items() if v not in df.columns}
    return df.rename(columns=ren) if ren else df


def _codes(col: pd.Series) -> tuple[npt.NDArray[np.int32], list[str]]:
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col.cat.codes.to_numpy().astype(np.int32), [str(c) for c in col.cat.categories]
    if pd.api.types.is_string_dtype(col.dtype):
        # strings cross through the Arrow C Data Interface and are hashed in C++ (da06/string_keys.hpp)
        try:
            codes_, keys = _core.arrow_string_codes(col)
            return np.asarray(codes_, dtype=np.int32), list(keys)
        except (TypeError, ValueError, InvalidArgument, DataError):
            pass  # not all strings: pandas factorizes
    codes, uniques = pd.factorize(col, sort=True)
    return codes.astype(np.int32), [str(u) for u in uniques]


_FLAG_WORDS = {"": 0, "0": 0, "false": 0, "no": 0, "khong": 0, "không": 0,
               "1": 1, "2": 1, "true": 1, "yes": 1, "co": 1, "có": 1}


def _flag(col: pd.Series, field_name: str, errs: list[tuple[int, str, str]]) -> npt.NDArray[np.uint8]:
    """A yes/no column as the CSV reader reads it: bools, 0/1 (2 is the sync format's yes), the words of
    ``_FLAG_WORDS``; empty is no. Anything else is a bad row, never a silent no."""
    if col.dtype == bool:
        view: npt.NDArray[np.uint8] = col.to_numpy().view(np.uint8)
        return view
    if pd.api.types.is_numeric_dtype(col.dtype):
        v = col.to_numpy(dtype=np.float64, na_value=0.0)
        bad = ~np.isin(v, (0.0, 1.0, 2.0))
        out: npt.NDArray[np.uint8] = (v != 0).astype(np.uint8)
    else:
        codes, uniques = pd.factorize(col, use_na_sentinel=True)
        keys = [str(u).strip().lower() for u in uniques]
        keys = [k[:-2] if k.endswith(".0") and k[:-2].isdigit() else k for k in keys]
        looked = np.array([_FLAG_WORDS.get(k, -1) for k in keys] + [0], dtype=np.int8)
        got = looked[np.where(codes < 0, len(keys), codes)]
        bad = got < 0
        out = np.where(bad, 0, got).astype(np.uint8)
    for i in np.flatnonzero(bad):
        errs.append((int(i), field_name, f"not a yes/no value (0/1, true/false): {col.iloc[i]!r}"[:200]))
    return out


def _whole(col: pd.Series, field_name: str, errs: list[tuple[int, str, str]], *, most: int) -> npt.NDArray[np.int64]:
    """A whole number ≥ 0 and ≤ ``most`` per row; empty is 0; anything else is a bad row (-1)."""
    v = pd.to_numeric(col, errors="coerce")
    numeric = pd.api.types.is_numeric_dtype(col.dtype)
    blank = col.isna() if numeric else col.isna() | (col.astype(str).str.strip() == "")
    bad = (v.isna() & ~blank) | (v < 0) | (v.notna() & (v != v.round())) | (v > most)
    for i in np.flatnonzero(bad.to_numpy()):
        errs.append((int(i), field_name, f"{col.iloc[i]!r}"[:60] + f" is not a whole number from 0 to {most}"))
    out: npt.NDArray[np.int64] = np.where(bad.to_numpy() | v.isna().to_numpy(), 0, v.fillna(0).to_numpy()).astype(np.int64)
    return out


_RATINGS = {"satisfied": 0, "neutral": 0, "dissatisfied": 1, "hài lòng": 0, "bình thường": 0, "không hài lòng": 1,
            "hai_long": 0, "binh_thuong": 0, "khong_hai_long": 1}


def _map_codes(col: pd.Series, table: Mapping[str, int], field_name: str, what: str,
               errs: list[tuple[int, str, str]]) -> npt.NDArray[np.uint8]:
    """A code column from numbers or words (any case): the distinct values are looked up once, not every row.
    An empty value is 0 (unknown); a value not in ``table`` is a bad row."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    keys = [str(u).strip().lower() for u in uniques]
    keys = [k[:-2] if k.endswith(".0") and k[:-2].isdigit() else k for k in keys]  # 2.0 from a float column
    looked = np.array([table.get(k, -1) if k else 0 for k in keys] + [0], dtype=np.int16)
    out = looked[np.where(codes < 0, len(keys), codes)]
    for i in np.flatnonzero(out < 0):
        errs.append((int(i), field_name, f"{what}: {col.iloc[i]!r}"))
    result: npt.NDArray[np.uint8] = np.where(out < 0, 0, out).astype(np.uint8)
    return result


def _read_csv_file(path: str) -> DossierTable:
    """A dossier CSV read by the library's own reader (the CLI's): the same columns, the same messages."""
    r = _core.read_dossier_file(path)
    c, present = r["columns"], set(r["present"])
    lines = np.asarray(c["source_line"])
    errs: list[tuple[int, str, str]] = []
    for line, _col, fld, text, is_error in r["diagnostics"]:
        if not is_error:
            continue
        # the row of the error: the last row that starts on or before its line (-1: none, the file's own)
        row = int(np.searchsorted(lines, line, side="right")) - 1
        errs.append((row if row >= 0 and c["unit"][row] < 0 else -1, fld, text))
    cols: dict[str, Any] = {"received_at": c["received_at"], "time_limit": c["time_limit"], "unit": c["unit"]}
    cols["valid"] = c["unit"] >= 0
    optional = {"due_at": "due_at", "supplement_requested_at": "supplement_requested_at",
                "supplement_completed_at": "supplement_completed_at", "limit_unit": "limit_unit",
                "supplement_requests": "supplement_requests", "procedure": "procedure"}
    for key, column in optional.items():
        if column in present:
            cols[key] = c[key]
    if present & {"finished_at", "returned_at"}:
        cols["finished_at"] = c["finished_at"]
    flags: dict[str, npt.NDArray[np.uint8]] = {}
    for name in ("channel", "synced", "result_electronic", "reused", "personal_store", "citizen_data", "paid_online"):
        if name in present:
            flags[name] = c[name]
    if {"components_digitised", "result_digitised"} <= present:
        flags["digitised"] = c["digitised"]
    if "fee" in present:
        flags["fee_obligation"] = c["fee_obligation"]
    flags["dissatisfied"] = c["dissatisfied"]
    cols["flags"] = flags
    return DossierTable(cols, len(lines), list(r["units"]), list(r["procedures"]), _errors_frame(errs))


def read(source: Any) -> DossierTable:
    """A dossier table from pandas, polars or pyarrow, a dict of columns, or a CSV or Parquet file.

    English or Vietnamese column names (``SCHEMA``). Required: unit, received_at, time_limit. A row that
    cannot be read is reported in ``errors`` (row index, field, message) and not counted; the rest are kept.
    A CSV file is read by the library's reader, as the CLI reads it: its messages say
    ``FILE:LINE:COL: field: …``, and a file that cannot be read at all (not UTF-8, no header, a missing
    required column) raises :class:`da06.LoadError` at its location.
    """
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() not in (".parquet", ".pq"):
        return _read_csv_file(os.fspath(source))
    df = _rename(_frame(source))
    missing = [c for c in ("unit", "received_at", "time_limit") if c not in df.columns]
    if missing:
        raise DataError(f"the dossier table lacks the column(s) {', '.join(missing)} "
                        f"(Vietnamese: {', '.join(SCHEMA[m][0] for m in missing)})")
    n = len(df)
    errs: list[tuple[int, str, str]] = []
    cols: dict[str, Any] = {}
    cols["received_at"] = local_seconds(df["received_at"], errors=errs)
    lim = pd.to_numeric(df["time_limit"], errors="coerce")
    bad = lim.isna() | (lim < 0) | (lim != lim.round()) | (lim > 999_999)  # 6 digits, as the CSV reader
    for i in np.flatnonzero(bad.to_numpy()):
        errs.append((int(i), "time_limit", f"not a whole number from 0 to 999999: {df['time_limit'].iloc[i]!r}"[:200]))
    cols["time_limit"] = lim.where(~bad, -1).to_numpy().astype(np.int32)
    cols["valid"] = ~bad.to_numpy()
    for t in ("due_at", "finished_at", "supplement_requested_at", "supplement_completed_at"):
        if t in df.columns:
            cols[t] = local_seconds(df[t], field_name=t, errors=errs)
    if "returned_at" in df.columns and "finished_at" not in df.columns:
        cols["finished_at"] = local_seconds(df["returned_at"], field_name="returned_at", errors=errs)
    if "limit_unit" in df.columns:
        cols["limit_unit"] = _map_codes(df["limit_unit"], _LIMIT_UNITS, "limit_unit", "not working_days or working_hours", errs)
    if "supplement_requests" in df.columns:
        cols["supplement_requests"] = _whole(df["supplement_requests"], "supplement_requests", errs,
                                             most=999_999).astype(np.int32)
    unit_codes, units = _codes(df["unit"])
    for i in np.flatnonzero(unit_codes < 0):
        errs.append((int(i), "unit", "the unit is missing"))
    cols["unit"] = unit_codes
    procedures: list[str] = []
    if "procedure" in df.columns:
        cols["procedure"], procedures = _codes(df["procedure"])
    flags: dict[str, npt.NDArray[np.uint8]] = {}
    if "channel" in df.columns:
        flags["channel"] = _map_codes(df["channel"], _CHANNELS, "channel", "not 1/2/3 or direct/online/postal", errs)
    for name in ("synced", "result_electronic", "reused", "personal_store", "citizen_data"):
        if name in df.columns:
            flags[name] = _flag(df[name], name, errs)
    if "components_digitised" in df.columns and "result_digitised" in df.columns:
        flags["digitised"] = (_flag(df["components_digitised"], "components_digitised", errs)
                              & _flag(df["result_digitised"], "result_digitised", errs))
    if "fee" in df.columns:
        flags["fee_obligation"] = (_whole(df["fee"], "fee", errs, most=2**63 - 1) > 0).astype(np.uint8)
    if "paid_online" in df.columns:
        flags["paid_online"] = _flag(df["paid_online"], "paid_online", errs)
    dis = np.zeros(n, dtype=np.uint8)
    if "rating" in df.columns:
        dis |= _map_codes(df["rating"], _RATINGS, "rating", "not satisfied, neutral or dissatisfied", errs)
    if "complained" in df.columns:
        dis |= _flag(df["complained"], "complained", errs)
    flags["dissatisfied"] = dis
    cols["flags"] = flags
    err_rows = {r for r, _, _ in errs}
    if err_rows:
        keep = np.ones(n, dtype=bool)
        keep[list(err_rows)] = False
        cols["unit"] = np.where(keep, cols["unit"], -1).astype(np.int32)  # a unit of -1 is not counted
    return DossierTable(cols, n, units, procedures, _errors_frame(errs))


# --- counts and the index --------------------------------------------------------------------------
IndexRules = _core.IndexRules


def counts(dossiers: Any, procedures: Any = None, units: Sequence[str] | None = None, complaints: Any = None, *,
           period: Literal["month", "quarter", "year"] = "month", as_of: Any = None, calendar: Calendar | None = None,
           rules: Rules = _PORTAL) -> pd.DataFrame:
    """The index counters per unit and period (one row per cell, one column per counter).

    Dossiers are the portal's cohort (received in the period) judged as of each period's end, or as of
    ``as_of``. ``units`` restricts and orders the units. The rows that could not be read are in
    ``.attrs["errors"]``; ``.attrs["provisional_years"]`` lists the years the records span whose working
    days were counted without an official holiday schedule (a published one may move a due date).
    """
    t = dossiers if isinstance(dossiers, DossierTable) else read(dossiers)
    c = t.columns
    unit_codes = c["unit"]
    names_all = t.units
    if units is not None:
        wanted = {u: i for i, u in enumerate(units)}
        remap = np.array([wanted.get(u, -1) for u in names_all] + [-1], dtype=np.int32)
        unit_codes = remap[np.where(unit_codes < 0, len(names_all), unit_codes)]
        names_all = list(units)
    flags = {k: np.ascontiguousarray(v) for k, v in c["flags"].items()}
    names, cell_unit, labels, values, errs, n_err, _ = rules.engine(calendar).count(
        c["received_at"], c["time_limit"], 0, c.get("limit_unit"), c.get("due_at"), c.get("finished_at"),
        c.get("supplement_requested_at"), c.get("supplement_completed_at"), c.get("supplement_requests"),
        np.ascontiguousarray(unit_codes, dtype=np.int32), len(names_all), c.get("procedure"), len(t.procedures), flags,
        period, NAT if as_of is None else _moment(as_of))
    out = pd.DataFrame(values, columns=names)
    out.insert(0, "period", labels)
    out.insert(0, "unit", [names_all[u] for u in cell_unit])
    if procedures is not None:
        out = _add_catalogue(out, procedures, names_all)
    if complaints is not None:
        out = _add_complaints(out, complaints, period)
    known = {r for r, _, _ in errs}
    all_errs = list(errs) + [e for e in t.errors.itertuples(index=False, name=None) if e[0] not in known]
    out.attrs["errors"] = _errors_frame(all_errs)
    out.attrs["provisional_years"] = _provisional_years(calendar, c, None if as_of is None else _moment(as_of))
    return out


def _provisional_years(calendar: Calendar | None, c: Mapping[str, Any], as_of: int | None) -> list[int]:
    """The years, between the first day received and the last day any record or ``as_of`` names, whose
    working days the calendar counts without an official schedule (``Calendar.is_provisional``)."""
    cal = calendar or Calendar.vietnam_public()
    received = np.asarray(c["received_at"])
    received = received[received != NAT]
    if not len(received):
        return []
    last = int(received.max())
    for name in ("due_at", "finished_at"):
        col = c.get(name)
        if col is not None:
            col = np.asarray(col)
            col = col[col != NAT]
            if len(col):
                last = max(last, int(col.max()))
    if as_of is not None and as_of != NAT:
        last = max(last, as_of)
    epoch = _dt.date(1970, 1, 1)
    first_day = epoch + _dt.timedelta(days=int(received.min()) // 86400)
    last_day = epoch + _dt.timedelta(days=last // 86400)
    return cal.provisional_years(first_day, last_day)


def _add_catalogue(out: pd.DataFrame, procedures: Any, units: Sequence[str]) -> pd.DataFrame:
    p = _rename(_frame(procedures)).copy()
    if "unit" not in p.columns:
        p = p.merge(pd.DataFrame({"unit": list(units)}), how="cross")
    p["unit"] = p["unit"].astype(str)

    def b(name: str) -> pd.Series:
        return p[name].fillna(False).astype(bool) if name in p.columns else pd.Series(False, index=p.index)

    level = p["online_level"].astype(str).str.lower() if "online_level" in p.columns else pd.Series("none", index=p.index)
    online = level.isin(["full", "partial", "toàn trình", "một phần", "toan_trinh", "mot_phan"])
    agg = pd.DataFrame({
        "unit": p["unit"],
        "procedures_competent": 1,
        "procedures_online": online.astype(int),
        "online_services": online.astype(int),
        "procedures_with_fees": b("has_fee").astype(int),
        "procedures_for_individuals": b("for_individuals").astype(int),
        "procedures_public": b("public").astype(int),
        "procedures_public_full": (b("public") & b("content_complete")).astype(int),
        "procedures_published": p["published_at"].notna().astype(int) if "published_at" in p.columns else 0,
        "procedures_published_on_time": b("published_on_time").astype(int),
        "procedures_update_due": b("public").astype(int),
        "procedures_updated_on_time": (b("public") & b("made_public_on_time")).astype(int),
    }).groupby("unit", sort=False).sum()
    return out.merge(agg, left_on="unit", right_index=True, how="left").fillna(
        {c: 0 for c in agg.columns}).astype({c: np.int64 for c in agg.columns})


def _add_complaints(out: pd.DataFrame, complaints: Any, period: str) -> pd.DataFrame:
    c = _rename(_frame(complaints)).copy()
    secs = local_seconds(c["received_at"])
    ts = pd.to_datetime(secs, unit="s")
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[period]
    per = ts.to_period(freq)
    label = per.strftime("%Y-%m") if period == "month" else (per.strftime("%Y") + "-Q" + per.quarter.astype(str)
                                                             if period == "quarter" else per.strftime("%Y"))

    def b(name: str) -> npt.NDArray[np.int64]:
        return c[name].fillna(False).astype(bool).to_numpy().astype(np.int64) if name in c.columns else np.zeros(len(c), np.int64)

    about = c["about"].astype(str).str.lower() if "about" in c.columns else pd.Series("", index=c.index)
    agg = pd.DataFrame({"unit": c["unit"].astype(str).to_numpy(), "period": np.asarray(label), "complaints": 1,
                        "complaints_on_time": b("on_time"), "complaints_satisfied": b("satisfied"),
                        "complaints_about_procedures": (about == "procedure").to_numpy().astype(np.int64),
                        "complaints_about_staff": (about == "staff").to_numpy().astype(np.int64)}
                       ).groupby(["unit", "period"], sort=False).sum()
    res = out.merge(agg, left_on=["unit", "period"], right_index=True, how="left")
    return res.fillna({k: 0 for k in agg.columns}).astype({k: np.int64 for k in agg.columns})


def _rules_of(rules: Any) -> Any:
    if rules is None:
        return _core.IndexRules.portal_2026()
    if isinstance(rules, _core.IndexRules):
        return rules
    if isinstance(rules, (str, Path)) and Path(str(rules)).suffix == ".json" and Path(str(rules)).exists():
        # bytes, not text: a file that is not UTF-8 gets the library's located error, not UnicodeDecodeError
        return _core.IndexRules.from_json(Path(rules).read_bytes(), str(rules))
    if isinstance(rules, str) and rules == "portal-2026-10+sync-factor":
        return _core.IndexRules.portal_2026(True)
    if isinstance(rules, str) and rules == "portal-2026-10":
        return _core.IndexRules.portal_2026()
    if isinstance(rules, str):
        return _core.IndexRules.from_json(rules)
    raise TypeError("rules: an IndexRules, a JSON file path, JSON text, or a built-in version name")


def score_counts(cells: pd.DataFrame, rules: Any = None) -> pd.DataFrame:
    """Score a table of counters (one row per unit and period, counter columns): one row per indicator
    with its inputs (numerator, denominator, ratio, threshold), points, max_points and the rule version."""
    r = _rules_of(rules)
    scale = 10 ** r.decimals
    names = [c for c in cells.columns if c not in ("unit", "period")]
    try:  # exact: a float that is not whole, or a count past int64, is refused (never rounded or wrapped)
        block = cells[names]
        block.attrs = {}  # pandas compares attrs when it concatenates: a frame of errors there cannot be compared
        ints = block.astype("Int64")
    except (TypeError, ValueError, OverflowError) as e:
        raise DataError(f"score_counts: the counters must be whole numbers within int64 ({e})") from None
    vals = np.ascontiguousarray(ints.fillna(0).to_numpy(dtype=np.int64))
    points, zero = r.score_matrix(names, vals)
    inds = r.indicators
    n_cells, n_ind = points.shape

    def col(name: str) -> npt.NDArray[np.int64]:
        return vals[:, names.index(name)] if name in names else np.zeros(n_cells, np.int64)

    num = np.stack([col(i["numerator"]) for i in inds], axis=1) if inds else np.zeros((n_cells, 0), np.int64)
    den = np.stack([col(i["denominator"]) for i in inds], axis=1) if inds else np.zeros((n_cells, 0), np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
    out = pd.DataFrame({
        "unit": np.repeat(cells["unit"].to_numpy(), n_ind),
        "period": np.repeat(cells["period"].to_numpy(), n_ind),
        "group": np.tile([i["group"] for i in inds], n_cells),
        "indicator": np.tile([i["code"] for i in inds], n_cells),
        "number": np.tile([i["number"] for i in inds], n_cells),
        "numerator": num.ravel(),
        "denominator": den.ravel(),
        "ratio": ratio.ravel(),
        "threshold": np.tile([i["threshold_numerator"] / i["threshold_denominator"] for i in inds], n_cells),
        "points": points.ravel() / scale,
        "max_points": np.tile([i["max_points"] / scale for i in inds], n_cells),
        "zero_rule": zero.ravel(),
        "evidence": np.tile([i["evidence"] for i in inds], n_cells),
        "rules": r.version,
    })
    return out


def index(dossiers: Any, procedures: Any = None, units: Sequence[str] | None = None, period: Literal["month", "quarter", "year"] = "month",
          *, complaints: Any = None, as_of: Any = None, calendar: Calendar | None = None, rules: Any = None,
          dossier_rules: Rules = _PORTAL) -> pd.DataFrame:
    """The QĐ 766 index from dossier records: one row per unit, period and indicator, with columns unit,
    period, group, indicator, numerator, denominator, ratio, threshold, points, max_points, zero_rule,
    evidence, rules. ``rules``: None (the portal's 2026 method), a version name, a JSON file or text.
    Rows that could not be read are in ``.attrs["errors"]``."""
    c = counts(dossiers, procedures, units, complaints, period=period, as_of=as_of, calendar=calendar, rules=dossier_rules)
    out = score_counts(c, rules)
    out.attrs["errors"] = c.attrs["errors"]
    out.attrs["provisional_years"] = c.attrs["provisional_years"]
    return out


def scores(rows: pd.DataFrame) -> pd.DataFrame:
    """Group points, total and rank (1 = best, ties share a rank) per unit and period, from ``index`` rows."""
    g = rows.pivot_table(index=["period", "unit"], columns="group", values="points", aggfunc="sum", sort=False)
    g = g.round(6)
    g["total"] = g.sum(axis=1).round(6)
    g = g.reset_index()
    g["rank"] = g.groupby("period")["total"].rank(method="min", ascending=False).astype(int)
    return g.sort_values(["period", "rank", "unit"], kind="stable").reset_index(drop=True)


def what_it_takes(cell: Mapping[str, int] | pd.Series, lever: Literal["on_time", "online", "paid_online"] = "on_time", *,
                  gain: float | None = None, target: float | None = None, rules: Any = None) -> dict[str, Any]:
    """The smallest number of the cell's dossiers that must become on time (online, paid online) to gain
    ``gain`` points or reach a ``target`` total. ``extra`` is None when even every dossier is not enough."""
    r = _rules_of(rules)
    scale = 10 ** r.decimals
    counts_ = {str(k): int(v) for k, v in dict(cell).items() if k not in ("unit", "period") and np.ndim(v) == 0}
    current = r.what_it_takes(counts_, lever, 0)["current_total"]
    if (gain is None) == (target is None):
        raise InvalidArgument("what_it_takes: give exactly one of gain and target")
    goal = current + round(gain * scale) if gain is not None else round(float(target) * scale)  # type: ignore[arg-type]
    w = r.what_it_takes(counts_, lever, int(goal))
    return {"lever": lever, "extra": w["extra"], "available": w["available"], "current_total": w["current_total"] / scale,
            "target_total": w["target_total"] / scale, "reached_total": w["reached_total"] / scale}
