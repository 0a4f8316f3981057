"""The calendar, period and deadline commands of the da06 CLI (docs/cli-calendar.md).

Expected values come from outside the CLI: DOMAIN.md facts and schedules, hand counts, numpy's
busday_count over holiday lists built from the `holidays` package, and round trips.
"""
from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta

import pytest


def jrun(run, *args):
    return json.loads(run(*args, "--json").stdout)


# --- calendar workdays ---------------------------------------------------------------------------

@pytest.mark.parametrize("year,expected", [(2024, 251), (2025, 250)])  # DOMAIN facts
def test_workdays_in_a_year(run, year, expected):
    doc = jrun(run, "calendar", "workdays", f"{year}-01-01", f"{year}-12-31")
    assert doc["count"] == expected
    assert doc["interval"] == "closed" and doc["profile"] == "public"
    assert (doc["from"], doc["to"]) == (f"{year}-01-01", f"{year}-12-31")


def test_workdays_closed_interval_counts_both_ends(run):
    # Thu 2/5/2024 .. Sat 4/5/2024 (make-up Saturday): all three are working days.
    assert jrun(run, "calendar", "workdays", "2024-05-02", "2024-05-04")["count"] == 3
    assert jrun(run, "calendar", "workdays", "2024-05-02", "2024-05-02")["count"] == 1
    # Tue 30/4 .. Wed 1/5: holidays only.
    assert jrun(run, "calendar", "workdays", "2024-04-30", "2024-05-01")["count"] == 0


def _vn_statutory_days_off(years):
    """Weekday days off by the Labour Code, from the `holidays` package's Vietnam tables.

    Two documented differences from da06 (docs/calendar.md §2) are applied:
    * the package has 24/11 "Vietnam Cultural Day" (Nghị quyết 80-NQ/TW), not yet law in da06's
      built-in rules — dropped;
    * for a Tết day on a weekend the package gives the working day *before* the break ("29 of
      Lunar New Year"); da06 follows Đ.111 k.3 literally: the next working day after the break.
    """
    holidays = pytest.importorskip("holidays")
    out = set()
    for y in years:
        h = holidays.country_holidays("VN", years=y, language="en_US")
        days = {d: n for d, n in h.items() if "Cultural Day" not in n}
        moved = [d for d, n in days.items() if n.startswith("29 of Lunar New Year")]
        for d in moved:
            del days[d]
        tet_block = [d for d, n in days.items() if "Lunar New Year" in n]
        for _ in moved:
            d = max(tet_block) + timedelta(days=1)
            while d.weekday() >= 5 or d in days:
                d += timedelta(days=1)
            days[d] = "moved Tết day"
            tet_block.append(d)
        out |= {d for d in days if d.weekday() < 5}
    return sorted(out)


def test_workdays_against_numpy_busday_count(run):
    np = pytest.importorskip("numpy")
    # 2027–2030 have no official schedule built in: the statutory rules alone decide.
    hol = np.array(_vn_statutory_days_off(range(2027, 2031)), dtype="datetime64[D]")
    assert len(hol) >= 4 * 10
    rng = random.Random(20240426)
    lo, hi = date(2027, 1, 1).toordinal(), date(2030, 12, 31).toordinal()
    for _ in range(50):
        a, b = sorted(date.fromordinal(rng.randint(lo, hi)) for _ in range(2))
        # numpy counts [a, b): the closed interval [a, b] is busday_count(a, b + 1).
        expected = int(np.busday_count(a, b + timedelta(days=1), holidays=hol))
        doc = jrun(run, "calendar", "workdays", a.isoformat(), b.isoformat(), "--profile", "statutory")
        assert doc["count"] == expected, (a, b)
        assert doc["profile"] == "statutory"


def test_workdays_reversed_is_negative(run):
    n = jrun(run, "calendar", "workdays", "2024-01-01", "2024-12-31")["count"]
    assert jrun(run, "calendar", "workdays", "2024-12-31", "2024-01-01")["count"] == -n


# --- calendar holidays -----------------------------------------------------------------------------

def test_holidays_2026(run):
    doc = jrun(run, "calendar", "holidays", "2026")
    by_date = {h["date"]: h for h in doc["holidays"]}
    # DOMAIN.md: Giỗ Tổ on Sun 26/4 gives Mon 27/4 nghỉ bù; Mon 31/8 ↔ Sat 22/8.
    assert by_date["2026-04-27"]["name"] == "Nghỉ bù"
    assert by_date["2026-04-27"]["kind"] == "compensatory"
    assert by_date["2026-04-27"]["weekday"] == "Thứ Hai"
    assert by_date["2026-04-27"]["day_off"] is True
    assert by_date["2026-08-22"]["kind"] == "makeup_workday"
    assert by_date["2026-08-22"]["weekday"] == "Thứ Bảy"
    assert by_date["2026-08-22"]["day_off"] is False
    assert by_date["2026-08-31"]["kind"] == "swap_day_off"
    for d in ("2026-01-01", "2026-02-16", "2026-02-20", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"):
        assert by_date[d]["day_off"] is True, d
    dates = [h["date"] for h in doc["holidays"]]
    assert dates == sorted(dates)
    assert all(h["date"].startswith("2026-") for h in doc["holidays"])


def test_holidays_text_line(run):
    out = run("calendar", "holidays", "2024").stdout
    assert "2024-04-18  Thứ Năm   Giỗ Tổ Hùng Vương  (statutory)" in out
    assert re.search(r"^2024-05-04  Thứ Bảy +Làm bù  \(makeup_workday\)$", out, re.M)


def test_holidays_statutory_profile_has_no_swaps(run):
    doc = jrun(run, "calendar", "holidays", "2024", "--profile", "statutory")
    assert doc["profile"] == "statutory"
    kinds = {h["kind"] for h in doc["holidays"]}
    assert "makeup_workday" not in kinds and "swap_day_off" not in kinds


# --- calendar add ------------------------------------------------------------------------------------

def test_add_dossier_example(run):
    # Received Fri 26/4/2024, 5 working days; 2024 schedule (DOMAIN.md): Sat 27, Sun 28 off,
    # Mon 29/4 swapped off, 30/4 and 1/5 holidays. Counting: Thu 2/5 (1), Fri 3/5 (2),
    # Sat 4/5 make-up (3), [Sun 5/5 off], Mon 6/5 (4), Tue 7/5 (5).
    doc = jrun(run, "calendar", "add", "2024-04-26", "5")
    assert doc["date"] == "2024-05-07"
    assert doc["weekday"] == "Thứ Ba"
    assert run("calendar", "add", "2024-04-26", "5").stdout.startswith("2024-05-07")


def test_add_zero_and_negative(run):
    assert jrun(run, "calendar", "add", "2024-04-27", "0")["date"] == "2024-05-02"  # Sat → Thu 2/5
    assert jrun(run, "calendar", "add", "2024-05-02", "0")["date"] == "2024-05-02"  # a working day stays
    assert jrun(run, "calendar", "add", "2024-05-07", "-5")["date"] == "2024-04-26"
    assert jrun(run, "calendar", "add", "2024-04-26", "3")["date"] == "2024-05-04"  # the make-up Saturday


# --- calendar lunar / solar ------------------------------------------------------------------------

@pytest.mark.parametrize("solar,lunar", [  # DOMAIN.md "Known conversions"
    ("2014-09-23", (30, 8, 2014, False)),
    ("2006-09-12", (20, 7, 2006, True)),
    ("2012-06-12", (23, 4, 2012, True)),
])
def test_lunar_known_conversions(run, solar, lunar):
    doc = jrun(run, "calendar", "lunar", solar)
    assert (doc["lunar_day"], doc["lunar_month"], doc["lunar_year"], doc["leap"]) == lunar
    assert doc["date"] == solar
    back = jrun(run, "calendar", "solar", *map(str, lunar[:3]), *(["--leap"] if lunar[3] else []))
    assert back["date"] == solar


@pytest.mark.parametrize("year,tet", [(2020, "2020-01-25"), (2024, "2024-02-10"), (2025, "2025-01-29"),
                                      (2030, "2030-02-02"), (2007, "2007-02-17"), (1985, "1985-01-21")])
def test_solar_tet(run, year, tet):  # DOMAIN.md Tết table (UTC+7)
    assert jrun(run, "calendar", "solar", "1", "1", str(year))["date"] == tet


def test_lunar_text(run):
    assert jrun(run, "calendar", "lunar", "2024-04-18")["text"] == "10/3/2024"  # Giỗ Tổ 2024
    assert "20/7 nhuận/2006" in run("calendar", "lunar", "2006-09-12").stdout


def test_lunar_solar_round_trip(run):
    rng = random.Random(7)
    lo, hi = date(1950, 1, 1).toordinal(), date(2100, 12, 31).toordinal()
    for _ in range(15):
        d = date.fromordinal(rng.randint(lo, hi)).isoformat()
        l = jrun(run, "calendar", "lunar", d)
        args = [str(l["lunar_day"]), str(l["lunar_month"]), str(l["lunar_year"])] + (["--leap"] if l["leap"] else [])
        assert jrun(run, "calendar", "solar", *args)["date"] == d


def test_solar_nonexistent_day_is_bad_data(run):
    p = run("calendar", "solar", "1", "6", "2024", "--leap", check=False)  # 2024 has no leap month
    assert p.returncode == 1 and p.stderr.startswith("da06: ")
    assert run("calendar", "solar", "1", "6", "2025", "--leap", check=False).returncode == 0  # leap 6 in 2025


# --- calendar due (Nghị định 61/2018) ---------------------------------------------------------------

def test_due_dossier(run):
    # time_limits.hpp's example: received Fri 26/4/2024 10:00, 3 working days → Sat 4/5 (make-up).
    doc = jrun(run, "calendar", "due", "2024-04-26T10:00", "3")
    assert (doc["received"], doc["counting_starts"], doc["due"]) == ("2024-04-26", "2024-05-02", "2024-05-04")
    assert doc["cutoff"] == "15:00"


def test_due_after_cutoff(run):
    # 16:30 is after 15:00: counts as received Thu 2/5; counting starts Fri 3/5 → 3/5, 4/5, 6/5.
    doc = jrun(run, "calendar", "due", "2024-04-26T16:30", "3")
    assert (doc["received"], doc["counting_starts"], doc["due"]) == ("2024-05-02", "2024-05-03", "2024-05-06")
    doc = jrun(run, "calendar", "due", "2024-04-26T16:30", "3", "--cutoff-hour=17:00")
    assert (doc["cutoff"], doc["due"]) == ("17:00", "2024-05-04")
    doc = jrun(run, "calendar", "due", "2024-04-26T16:30", "3", "--no-cutoff")
    assert (doc["cutoff"], doc["due"]) == (None, "2024-05-04")


# --- period parse -------------------------------------------------------------------------------------

def test_period_parse_half_year(run):
    doc = jrun(run, "period", "parse", "6 tháng đầu năm 2024")
    assert (doc["code"], doc["kind"], doc["start"], doc["end"]) == ("2024-S1", "half_year", "2024-01-01", "2024-06-30")
    assert doc["text"] == "6 tháng đầu năm 2024"
    cut = jrun(run, "period", "parse", "6 tháng đầu năm 2024", "--cutoff")
    # Nghị định 09/2019 Điều 12: H1 = 15/12 of the previous year → 14/6.
    assert (cut["code"], cut["start"], cut["end"]) == ("2024-S1", "2023-12-15", "2024-06-14")


def test_period_parse_split_words(run):
    doc = jrun(run, "period", "parse", "Quý", "II/2024")  # the shell split the text
    assert (doc["code"], doc["start"], doc["end"]) == ("2024-Q2", "2024-04-01", "2024-06-30")
    assert doc["text"] == "Quý II/2024"


def test_period_parse_bad_text_exits_1(run):
    p = run("period", "parse", "Quý V/2024", check=False)
    assert p.returncode == 1 and "Quý V/2024" in p.stderr


# --- deadline parse ----------------------------------------------------------------------------------

def test_deadline_parse_quarter_and_continuous(run):
    text = "Quý I/2024 và thực hiện thường xuyên"
    doc = jrun(run, "deadline", "parse", text)
    assert doc["text"] == text
    assert doc["due"] == "2024-03-31"  # the last day of Q1
    assert doc["period"] == "2024-Q1"
    assert doc["recurrence"] == "continuous"
    assert doc["condition"] == "none" and doc["authority"] is None
    assert doc["tentative"] is False and doc["aspirational"] is False
    assert doc["kind"] == "mixed"
    assert isinstance(doc["thresholds"], list) and isinstance(doc["diagnostics"], list)
    raw = text.encode()
    for m in doc["matched"]:
        assert raw[m["offset"]:m["offset"] + m["length"]].decode() == m["phrase"]
    assert {m["field"] for m in doc["matched"]} >= {"recurrence"}


def test_deadline_parse_unknown_is_not_an_error(run):
    doc = jrun(run, "deadline", "parse", "xyz không rõ")
    assert doc["kind"] == "unknown" and doc["due"] is None and doc["diagnostics"]


# --- errors -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["calendar"],
    ["calendar", "bogus"],
    ["calendar", "workdays", "2024-01-01"],
    ["calendar", "workdays", "2024-01-01", "2024-13-01"],
    ["calendar", "add", "2024-02-30", "1"],
    ["calendar", "add", "2024-04-26", "five"],
    ["calendar", "holidays", "20x4"],
    ["calendar", "holidays", "2024", "--profile", "bogus"],
    ["calendar", "lunar", "2024-01-01", "--bogus"],
    ["calendar", "solar", "1", "1"],
    ["calendar", "due", "2024-04-26 10h", "3"],
    ["calendar", "due", "2024-04-26T10:00", "3", "--cutoff-hour=25:00"],
    ["calendar", "due", "2024-04-26T10:00", "-1"],
    ["period"],
    ["period", "parse"],
    ["period", "bogus", "2024"],
    ["deadline", "parse"],
])
def test_usage_errors_exit_2(run, args):
    p = run(*args, check=False)
    assert p.returncode == 2, (args, p.stdout, p.stderr)
    assert p.stderr.startswith("da06: ")


def test_schedule_file(run, tmp_path):
    f = tmp_path / "s2027.json"
    f.write_text(json.dumps({"year": 2027, "extra_days_off": [{"date": "2027-12-31", "name": "Nghỉ thêm"}]}),
                 encoding="utf-8")
    base = jrun(run, "calendar", "workdays", "2027-01-01", "2027-12-31")["count"]
    doc = jrun(run, "calendar", "workdays", "2027-01-01", "2027-12-31", f"--schedule={f}")
    assert doc["count"] == base - 1  # Fri 31/12/2027 is now a day off
    assert doc["schedule"] == str(f)
    hs = jrun(run, "calendar", "holidays", "2027", f"--schedule={f}")["holidays"]
    assert {"date": "2027-12-31", "weekday": "Thứ Sáu", "name": "Nghỉ thêm", "kind": "schedule_extra",
            "day_off": True} in hs


def test_malformed_schedule_exits_1_located(run, tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{\n  "year": 2027,\n  "swaps": [ { "day_off": "2027-02-11" } ,]\n}\n', encoding="utf-8")
    p = run("calendar", "workdays", "2027-01-01", "2027-12-31", f"--schedule={f}", check=False)
    assert p.returncode == 1
    assert re.match(rf"^da06: {re.escape(str(f))}:3:\d+: \$\.swaps\[1\]: syntax error", p.stderr), p.stderr


def test_wrong_schedule_content_exits_1_located(run, tmp_path):
    f = tmp_path / "weekend.json"
    f.write_text('{"year": 2027, "swaps": [{"day_off": "2027-02-13", "workday": "2027-02-20"}]}', encoding="utf-8")
    p = run("calendar", "holidays", "2027", f"--schedule={f}", check=False)
    assert p.returncode == 1
    assert p.stderr.startswith(f"{f}:1:25: $.swaps: day_off 2027-02-13 is a weekend day"), p.stderr
