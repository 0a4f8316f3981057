"""The C ABI (libda06) through Python's ctypes: its results must equal the CLI's, call for call.

No pybind11 here: this is how a PHP, .NET or Java portal sees da06 — a plain C library.
The library is found through $DA06_LIB, $DA06_BUILD_DIR/libda06.so.1, or build/{release,dev}.
"""
from __future__ import annotations

import ctypes as C
import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EPOCH = date(1970, 1, 1)
NO_DATE = -(2**31)
OK, EINVAL, ERANGE, EPARSE, EDATA, EIO, ENOTFOUND = 0, -1, -2, -3, -4, -5, -7
# da06_ancestor_status values, as the CLI words them (da06::to_string(AncestorStatus))
ANCESTOR_STATUS = ["found", "unit not valid on the date", "unit is above the level", "no parent on the date",
                   "parent not valid on the date", "no unit at the level on the path"]


def _find_lib() -> str | None:
    env = os.environ.get("DA06_LIB")
    if env and Path(env).exists():
        return env
    dirs = [os.environ.get("DA06_BUILD_DIR"), REPO / "build" / "release", REPO / "build" / "dev"]
    for d in dirs:
        if d and (Path(d) / "libda06.so.1").exists():
            return str(Path(d) / "libda06.so.1")
    return None


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p), ("file", C.c_char_p), ("line", C.c_int),
                ("column", C.c_int), ("path", C.c_char_p), ("field", C.c_char_p), ("index", C.c_int64)]


class Period(C.Structure):
    _fields_ = [("kind", C.c_int), ("year", C.c_int32), ("index", C.c_int32)]


class Deadline(C.Structure):
    _fields_ = [("due", C.c_int32), ("start", C.c_int32), ("kind", C.c_int), ("recurrence", C.c_int),
                ("condition", C.c_int), ("strictly_before", C.c_int), ("tentative", C.c_int),
                ("aspirational", C.c_int), ("period", Period), ("threshold_count", C.c_int32)]


P = C.c_void_p
I32P = C.POINTER(C.c_int32)
I64P = C.POINTER(C.c_int64)
SIGNATURES = {
    "da06_version": (C.c_char_p, []),
    "da06_version_number": (C.c_int, []),
    "da06_error_last": (C.POINTER(Error), []),
    "da06_string_free": (None, [P]),
    "da06_date_from_ymd": (C.c_int, [C.c_int32, C.c_int32, C.c_int32, I32P]),
    "da06_date_to_ymd": (C.c_int, [C.c_int32, I32P, I32P, I32P]),
    "da06_calendar_vn_public": (C.c_int, [C.POINTER(P)]),
    "da06_calendar_vn_statutory": (C.c_int, [C.POINTER(P)]),
    "da06_calendar_free": (None, [P]),
    "da06_calendar_is_workday": (C.c_int, [P, I32P, C.c_size_t, C.POINTER(C.c_uint8)]),
    "da06_calendar_workdays_between": (C.c_int, [P, I32P, I32P, C.c_size_t, I32P]),
    "da06_calendar_add_workdays": (C.c_int, [P, I32P, I32P, C.c_size_t, I32P]),
    "da06_calendar_holidays_json": (C.c_int, [P, C.c_int32, C.POINTER(P), C.POINTER(C.c_size_t)]),
    "da06_lunar_from_solar": (C.c_int, [C.c_int32, I32P, I32P, I32P, C.POINTER(C.c_int)]),
    "da06_dossier_due": (C.c_int, [P, C.c_int32, C.c_int32, C.c_int32, P, I32P, I32P]),
    "da06_period_parse": (C.c_int, [C.c_char_p, C.c_size_t, C.c_int32, C.POINTER(Period)]),
    "da06_period_cutoff_window": (C.c_int, [C.POINTER(Period), I32P, I32P]),
    "da06_deadline_parse": (C.c_int, [C.c_char_p, C.c_size_t, C.POINTER(Deadline)]),
    "da06_deadline_parse_json": (C.c_int, [C.c_char_p, C.c_size_t, P, C.POINTER(P), C.POINTER(C.c_size_t)]),
    "da06_framework_default": (C.c_int, [C.POINTER(P)]),
    "da06_framework_load_file": (C.c_int, [C.POINTER(P), C.c_char_p]),
    "da06_framework_free": (None, [P]),
    "da06_framework_task_count": (C.c_int, [P, C.POINTER(C.c_size_t)]),
    "da06_framework_task_text": (C.c_int, [P, C.c_size_t, C.c_int, C.POINTER(C.c_char_p), C.POINTER(C.c_size_t)]),
    "da06_report_json": (C.c_int, [P, C.c_int32, C.POINTER(P), C.POINTER(C.c_size_t)]),
    "da06_audit_json": (C.c_int, [P, C.POINTER(P), C.POINTER(C.c_size_t)]),
    "da06_report_chart_svg": (C.c_int, [C.POINTER(P), C.POINTER(C.c_size_t), P, C.c_int32, C.c_char_p]),
    "da06_format_percent": (C.c_int, [C.c_int64, C.c_int64, C.c_int64, C.c_int, C.c_int, C.POINTER(P),
                                      C.POINTER(C.c_size_t)]),
    "da06_units_load_file": (C.c_int, [C.POINTER(P), C.c_char_p]),
    "da06_units_free": (None, [P]),
    "da06_units_find": (C.c_int, [P, C.c_char_p, C.c_size_t, I32P]),
    "da06_units_text": (C.c_int, [P, C.c_size_t, C.c_int, C.POINTER(C.c_char_p), C.POINTER(C.c_size_t)]),
    "da06_aggregate": (C.c_int, [P, I32P, I32P, I32P, I64P, I64P, C.c_size_t, C.c_char_p, C.c_int32, C.POINTER(P)]),
    "da06_aggregate_result_size": (C.c_int, [P, C.POINTER(C.c_size_t)]),
    "da06_aggregate_result_columns": (C.c_int, [P, I32P, I32P, I32P, I64P, I64P, I64P, C.POINTER(C.c_double)]),
    "da06_aggregate_result_dropped_count": (C.c_int, [P, C.POINTER(C.c_size_t)]),
    "da06_aggregate_result_dropped": (C.c_int, [P, C.c_size_t, I32P, C.POINTER(C.c_int), I64P]),
    "da06_aggregate_result_free": (None, [P]),
}


@pytest.fixture(scope="session")
def lib():
    path = _find_lib()
    if path is None:
        pytest.skip("libda06.so.1 is not built (run tools/dev.sh test)")
    so = C.CDLL(path)
    for name, (res, args) in SIGNATURES.items():
        f = getattr(so, name)
        f.restype = res
        f.argtypes = args
    return so


def days(d: date) -> int:
    return (d - EPOCH).days


def iso(n: int) -> str:
    return (EPOCH + timedelta(days=n)).isoformat()


def check(lib, rc: int) -> None:
    if rc != OK:
        e = lib.da06_error_last().contents
        raise AssertionError(f"da06 status {rc}: {e.message.decode()}")


def take(lib, p: C.c_void_p, n: C.c_size_t) -> str:
    try:
        return C.string_at(p.value, n.value).decode("utf-8")
    finally:
        lib.da06_string_free(p)


def arr(ctype, values):
    return (ctype * len(values))(*values)


@pytest.fixture(scope="session")
def cal(lib):
    h = P()
    check(lib, lib.da06_calendar_vn_public(C.byref(h)))
    yield h
    lib.da06_calendar_free(h)


@pytest.fixture(scope="session")
def fw(lib):
    h = P()
    check(lib, lib.da06_framework_default(C.byref(h)))
    yield h
    lib.da06_framework_free(h)


def cli_json(run, *args):
    return json.loads(run(*args, "--json").stdout)


def test_version(lib, run):
    assert run("version").stdout.split()[-1] == lib.da06_version().decode()
    assert lib.da06_version_number() == 100


@pytest.mark.parametrize("as_of", [None, "2024-06-28", "2024-07-15", "2025-01-01"])
def test_report_json_is_byte_identical_to_cli(lib, fw, run, as_of):
    out, n = P(), C.c_size_t()
    check(lib, lib.da06_report_json(fw, NO_DATE if as_of is None else days(date.fromisoformat(as_of)),
                                    C.byref(out), C.byref(n)))
    text = take(lib, out, n)
    cli = run("report", "--json", *([] if as_of is None else ["--as-of", as_of])).stdout
    assert text + "\n" == cli


@pytest.mark.parametrize("chart", ["headline", "status_by_group", "target_gaps"])
def test_report_chart_svg_is_the_clis(lib, fw, run, chart):
    out, n = P(), C.c_size_t()
    check(lib, lib.da06_report_chart_svg(C.byref(out), C.byref(n), fw, NO_DATE, chart.encode()))
    svg = take(lib, out, n)
    assert svg.startswith("<svg xmlns=") and f'data-chart="{chart}"' in svg
    assert svg + "\n" == run("report", "--chart", chart).stdout


def test_report_chart_svg_empty_and_unknown(lib, fw):
    out, n = P(), C.c_size_t()
    check(lib, lib.da06_report_chart_svg(C.byref(out), C.byref(n), fw, NO_DATE, b"index"))
    assert take(lib, out, n) == ""  # no dossier data: nothing to draw
    assert lib.da06_report_chart_svg(C.byref(out), C.byref(n), fw, NO_DATE, b"pie") == EINVAL
    assert not out


def test_audit_json_is_byte_identical_to_cli(lib, fw, run):
    out, n = P(), C.c_size_t()
    check(lib, lib.da06_audit_json(fw, C.byref(out), C.byref(n)))
    cli = run("audit", "--json", check=False)
    assert cli.returncode == 0, cli.stderr
    assert take(lib, out, n) + "\n" == cli.stdout


def test_report_of_a_loaded_file_equals_cli(lib, run):
    h = P()
    path = REPO / "examples" / "data" / "minimal.json"
    check(lib, lib.da06_framework_load_file(C.byref(h), str(path).encode()))
    try:
        out, n = P(), C.c_size_t()
        check(lib, lib.da06_report_json(h, NO_DATE, C.byref(out), C.byref(n)))
        assert take(lib, out, n) + "\n" == run("report", "--json", "--data", str(path)).stdout
    finally:
        lib.da06_framework_free(h)


def test_workdays_and_add_equal_cli(lib, cal, run):
    rng = random.Random(6)
    lo, hi = days(date(2023, 1, 1)), days(date(2026, 12, 31))
    a = [rng.randint(lo, hi) for _ in range(12)]
    b = [rng.randint(lo, hi) for _ in range(12)]
    k = [rng.randint(-15, 40) for _ in range(12)]
    between, added = (C.c_int32 * 12)(), (C.c_int32 * 12)()
    check(lib, lib.da06_calendar_workdays_between(cal, arr(C.c_int32, a), arr(C.c_int32, b), 12, between))
    check(lib, lib.da06_calendar_add_workdays(cal, arr(C.c_int32, a), arr(C.c_int32, k), 12, added))
    for i in range(12):
        if a[i] <= b[i]:  # the CLI counts a closed interval FROM <= TO
            assert between[i] == cli_json(run, "calendar", "workdays", iso(a[i]), iso(b[i]))["count"]
        assert iso(added[i]) == cli_json(run, "calendar", "add", iso(a[i]), str(k[i]))["date"]


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_holidays_equal_cli(lib, cal, run, year):
    out, n = P(), C.c_size_t()
    check(lib, lib.da06_calendar_holidays_json(cal, year, C.byref(out), C.byref(n)))
    mine = json.loads(take(lib, out, n))
    theirs = cli_json(run, "calendar", "holidays", str(year))["holidays"]
    assert mine == [{k: h[k] for k in ("date", "name", "kind", "day_off")} for h in theirs]


@pytest.mark.parametrize("received,n", [("2024-04-26T10:00", 3), ("2024-04-26T16:30", 3), ("2024-12-31T08:00", 10),
                                        ("2025-01-24T15:00", 5), ("2025-04-26T09:00", 0)])
def test_dossier_due_equals_cli(lib, cal, run, received, n):
    day, hm = received.split("T")
    hh, mm = map(int, hm.split(":"))
    rec, due = C.c_int32(), C.c_int32()
    check(lib, lib.da06_dossier_due(cal, days(date.fromisoformat(day)), hh * 60 + mm, n, None, C.byref(rec),
                                    C.byref(due)))
    cli = cli_json(run, "calendar", "due", received, str(n))
    assert (iso(rec.value), iso(due.value)) == (cli["received"], cli["due"])


@pytest.mark.parametrize("day", ["2006-09-12", "2025-01-28", "2025-01-29", "2033-12-25", "1900-01-01", "2199-12-31"])
def test_lunar_equals_cli(lib, run, day):
    d, m, y, leap = C.c_int32(), C.c_int32(), C.c_int32(), C.c_int()
    check(lib, lib.da06_lunar_from_solar(days(date.fromisoformat(day)), C.byref(d), C.byref(m), C.byref(y),
                                         C.byref(leap)))
    cli = cli_json(run, "calendar", "lunar", day)
    assert (d.value, m.value, y.value, bool(leap.value)) == (cli["lunar_day"], cli["lunar_month"],
                                                            cli["lunar_year"], cli["leap"])


@pytest.mark.parametrize("text", ["Quý II/2024", "6 tháng đầu năm 2024", "tháng 5/2024", "năm 2025"])
def test_period_equals_cli(lib, run, text):
    p = Period()
    raw = text.encode()
    check(lib, lib.da06_period_parse(raw, len(raw), 0, C.byref(p)))
    a, b = C.c_int32(), C.c_int32()
    check(lib, lib.da06_period_cutoff_window(C.byref(p), C.byref(a), C.byref(b)))
    cli = cli_json(run, "period", "parse", text, "--cutoff")
    assert (p.year, p.index) == (cli["year"], cli["index"])
    assert (iso(a.value), iso(b.value)) == (cli["cutoff_window"]["start"], cli["cutoff_window"]["end"])


def test_every_task_deadline_equals_cli(lib, fw, run):
    """The 72 deadline texts of the embedded plan: the struct and the JSON agree with `da06 deadline parse`."""
    count = C.c_size_t()
    check(lib, lib.da06_framework_task_count(fw, C.byref(count)))
    assert count.value == 72
    seen = set()
    for i in range(count.value):
        text, n = C.c_char_p(), C.c_size_t()
        check(lib, lib.da06_framework_task_text(fw, i, 5, C.byref(text), C.byref(n)))  # DA06_TASK_DEADLINE_TEXT
        raw = C.string_at(text, n.value)
        if raw in seen or not raw.strip():
            continue
        seen.add(raw)
        out, m = P(), C.c_size_t()
        check(lib, lib.da06_deadline_parse_json(raw, len(raw), None, C.byref(out), C.byref(m)))
        mine = json.loads(take(lib, out, m))
        cli = cli_json(run, "deadline", "parse", raw.decode())
        if cli["text"] != mine["text"]:  # the CLI joins its arguments with single spaces
            continue
        assert mine == cli
        d = Deadline()
        check(lib, lib.da06_deadline_parse(raw, len(raw), C.byref(d)))
        assert (None if d.due == NO_DATE else iso(d.due)) == cli["due"]
        assert (d.recurrence != 0) == (cli["recurrence"] != "none")
    assert len(seen) > 20


def test_aggregate_equals_cli(lib, run, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("id,parent,level,valid_from,valid_to\n"
                     "VN,,nation,,\nTH,VN,province,,\nNA,VN,province,,\n"
                     "TH-a,TH,district,,2025-06-30\nTH-b,TH,district,,\nNA-a,NA,district,,\n"
                     "TH-a-1,TH-a,commune,,2025-06-30\nTH-b-1,TH-b,commune,,\n", encoding="utf-8")
    rng = random.Random(7)
    ids = ["TH-a", "TH-b", "NA-a", "TH-a-1", "TH-b-1", "TH"]
    rows = []
    for _ in range(60):
        den = rng.randint(0, 5000)
        rows.append((rng.choice(ids), rng.choice(["dvc", "vneid"]), rng.choice(["2024-S1", "2024-Q3"]),
                     rng.randint(0, den), den))
    obs = tmp_path / "obs.csv"
    obs.write_text("unit,indicator,period,numerator,denominator\n" +
                   "".join(f"{u},{i},{p},{a},{b}\n" for u, i, p, a, b in rows), encoding="utf-8")
    for as_of, level in [("2024-06-30", "province"), ("2024-06-30", "district"), ("2025-07-01", "district")]:
        cli = json.loads(run("aggregate", str(obs), "--units", str(units), "--to-level", level, "--as-of", as_of,
                             "--json", check=False).stdout)
        h = P()
        check(lib, lib.da06_units_load_file(C.byref(h), str(units).encode()))
        try:
            inds, pers = sorted({r[1] for r in rows}), sorted({r[2] for r in rows})
            idx = []
            for r in rows:
                k = C.c_int32()
                check(lib, lib.da06_units_find(h, r[0].encode(), len(r[0]), C.byref(k)))
                idx.append(k.value)
            n = len(rows)
            res = P()
            check(lib, lib.da06_aggregate(h, arr(C.c_int32, idx), arr(C.c_int32, [inds.index(r[1]) for r in rows]),
                                          arr(C.c_int32, [pers.index(r[2]) for r in rows]),
                                          arr(C.c_int64, [r[3] for r in rows]), arr(C.c_int64, [r[4] for r in rows]),
                                          n, level.encode(), days(date.fromisoformat(as_of)), C.byref(res)))
            size = C.c_size_t()
            check(lib, lib.da06_aggregate_result_size(res, C.byref(size)))
            g = size.value
            cu, ci, cp = (C.c_int32 * g)(), (C.c_int32 * g)(), (C.c_int32 * g)()
            cn, cd, cr = (C.c_int64 * g)(), (C.c_int64 * g)(), (C.c_int64 * g)()
            check(lib, lib.da06_aggregate_result_columns(res, cu, ci, cp, cn, cd, cr, None))

            def uid(i):
                s, ln = C.c_char_p(), C.c_size_t()
                check(lib, lib.da06_units_text(h, i, 0, C.byref(s), C.byref(ln)))
                return C.string_at(s, ln.value).decode()

            mine = [{"unit": uid(cu[k]), "indicator": inds[ci[k]], "period": pers[cp[k]], "numerator": cn[k],
                     "denominator": cd[k], "rows": cr[k]} for k in range(g)]
            theirs = [{k: x[k] for k in ("unit", "indicator", "period", "numerator", "denominator", "rows")}
                      for x in cli["groups"]]
            assert mine == theirs
            nd = C.c_size_t()
            check(lib, lib.da06_aggregate_result_dropped_count(res, C.byref(nd)))
            dropped = []
            for k in range(nd.value):
                u, why, nrows = C.c_int32(), C.c_int(), C.c_int64()
                check(lib, lib.da06_aggregate_result_dropped(res, k, C.byref(u), C.byref(why), C.byref(nrows)))
                dropped.append({"unit": uid(u.value), "reason": ANCESTOR_STATUS[why.value], "rows": nrows.value})
            assert dropped == [{k: x[k] for k in ("unit", "reason", "rows")} for x in cli["dropped_units"]]
            lib.da06_aggregate_result_free(res)
        finally:
            lib.da06_units_free(h)


def test_aggregate_codes_up_to_int32_max(lib, tmp_path):
    """Indicator and period codes are the caller's: INT32_MAX must work (max code + 1 overflowed an int)."""
    units = tmp_path / "units.csv"
    units.write_text("id,parent,level,valid_from,valid_to\nVN,,nation,,\nP,VN,province,,\nC,P,commune,,\n",
                     encoding="utf-8")
    h = P()
    check(lib, lib.da06_units_load_file(C.byref(h), str(units).encode()))
    try:
        big = 2**31 - 1
        res = P()
        check(lib, lib.da06_aggregate(h, arr(C.c_int32, [2, 2, 1]), arr(C.c_int32, [0, big, big]),
                                      arr(C.c_int32, [big, 0, 0]), arr(C.c_int64, [1, 2, 3]), arr(C.c_int64, [2, 4, 5]),
                                      3, b"province", days(date(2024, 1, 1)), C.byref(res)))
        size = C.c_size_t()
        check(lib, lib.da06_aggregate_result_size(res, C.byref(size)))
        g = size.value
        cu, ci, cp = (C.c_int32 * g)(), (C.c_int32 * g)(), (C.c_int32 * g)()
        cn, cd, cr = (C.c_int64 * g)(), (C.c_int64 * g)(), (C.c_int64 * g)()
        check(lib, lib.da06_aggregate_result_columns(res, cu, ci, cp, cn, cd, cr, None))
        assert [(ci[k], cp[k], cn[k], cd[k], cr[k]) for k in range(g)] == [(0, big, 1, 2, 1), (big, 0, 5, 9, 2)]
        lib.da06_aggregate_result_free(res)
    finally:
        lib.da06_units_free(h)


def test_format_percent_matches_fractions(lib):
    from fractions import Fraction
    from decimal import ROUND_HALF_UP, Decimal
    rng = random.Random(3)
    for _ in range(200):
        den = rng.randint(1, 10**7)
        num = rng.randint(0, den)
        out, n = P(), C.c_size_t()
        check(lib, lib.da06_format_percent(num, den, 100, 1, 0, C.byref(out), C.byref(n)))
        exact = Fraction(100 * num, den)
        want = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert take(lib, out, n) == f"{want}".replace(".", ",") + "%"


def test_errors_and_nulls(lib, cal):
    out = C.c_int32(123)
    assert lib.da06_date_from_ymd(2024, 2, 30, C.byref(out)) == EINVAL
    e = lib.da06_error_last().contents
    assert e.code == EINVAL and b"day 30 does not exist in 2024-02" in e.message and out.value == 123
    assert lib.da06_date_from_ymd(2024, 1, 1, None) == EINVAL
    assert lib.da06_calendar_is_workday(None, None, 0, None) == EINVAL
    assert lib.da06_framework_load_file(C.byref(P()), b"/nonexistent.json") == EIO
    bad = REPO / "tests" / "data" / "bad" / "feb30.json"
    h = P(12345)
    assert lib.da06_framework_load_file(C.byref(h), str(bad).encode()) == EDATA
    assert h.value is None
    e = lib.da06_error_last().contents
    assert e.path == b"$.observations[0].as_of" and e.line == 5 and e.file.endswith(b"feb30.json")
    # a batch error names its element
    d = arr(C.c_int32, [days(date(2024, 1, 2)), days(date(1899, 1, 1)), 0])
    w = (C.c_uint8 * 3)()
    assert lib.da06_calendar_is_workday(cal, d, 3, w) == ERANGE
    assert lib.da06_error_last().contents.index == 1
    # and a success resets the record
    assert lib.da06_date_from_ymd(2024, 1, 1, C.byref(out)) == OK
    assert lib.da06_error_last().contents.code == OK


def test_handles_are_independent(lib):
    """Handles are independent values: freeing one calendar leaves another (and derived ones) valid."""
    a, b = P(), P()
    check(lib, lib.da06_calendar_vn_public(C.byref(a)))
    check(lib, lib.da06_calendar_vn_public(C.byref(b)))
    lib.da06_calendar_free(a)
    w = (C.c_uint8 * 1)()
    check(lib, lib.da06_calendar_is_workday(b, arr(C.c_int32, [days(date(2024, 5, 4))]), 1, w))
    assert w[0] == 1
    lib.da06_calendar_free(b)
    lib.da06_calendar_free(None)
