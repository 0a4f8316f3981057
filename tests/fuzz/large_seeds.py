#!/usr/bin/env python3
"""Large seed inputs for the long fuzz runs (tests/fuzz/long_run.sh), written into a folder, never committed.

    python3 tests/fuzz/large_seeds.py TARGET OUT_DIR

The checked-in corpora stay small (each file under 64 KiB). The long runs also start from inputs
near the 1 MiB limit that exercise size and depth: deep nesting, long lines, many records. Each
is valid or nearly valid for its reader, so that mutations reach the code behind the syntax.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MB = 1 << 20


def framework(n_obs: int) -> str:
    obs = [{"id": f"O{i}", "indicator": "k", "unit": "TH", "period": "2024-Q2", "numerator": i % 997,
            "denominator": 1000 + i % 13} for i in range(n_obs)]
    return json.dumps({"format": "da06-framework", "format_version": 1, "id": "big", "title": "t",
                       "period": {"code": "2024-Q2", "text": "Quý II/2024"},
                       "units": [{"id": "TH", "name": "TH", "level": "province"}],
                       "indicators": [{"id": "k", "name": "k", "kind": "ratio", "unit": "x"}],
                       "observations": obs}, ensure_ascii=False)


def seeds(target: str) -> dict[str, bytes]:
    if target == "loader":
        return {
            "many_observations.json": framework(8000).encode(),
            "deep_nesting.json": b'{"format": "da06-framework", "format_version": 1, "tasks": ' + b"[" * 300_000 + b"]" * 300_000 + b"}",
            "long_line.json": ('{"format": "da06-framework", "format_version": 1, "title": "' + "Đề án 06 " * 75_000 + '"}').encode(),
        }
    if target == "units_csv":
        head = "id,parent,level,valid_from,valid_to\nVN,,nation,,\n"
        return {
            "many_units.csv": (head + "".join(f"P{i},VN,province,2000-01-01,2199-12-31\n" for i in range(25_000))).encode(),
            "deep_chain.csv": (head + "".join(f"U{i},{'VN' if i == 0 else f'U{i - 1}'},commune,,\n" for i in range(40_000))).encode(),
            "cycle.csv": (head + "".join(f"C{i},C{(i + 1) % 40_000},province,,\n" for i in range(40_000))).encode(),
            "long_line.csv": (head + "X" * (MB - 100) + ",VN,province,,\n").encode(),
        }
    if target == "counts_csv":
        head = "unit,indicator,period,numerator,denominator\n"
        return {
            "many_rows.csv": (head + "".join(f"U{i % 500},K{i % 7},2024-Q{1 + i % 4},{i},{i + 5}\n" for i in range(30_000))).encode(),
            "long_line.csv": (head + "U,K,2024," + "9" * (MB - 100) + ",2\n").encode(),
            "quoted_lines.csv": (head + "".join(f'"U{i}\nx","K ""{i}""",2024,1,2\n' for i in range(20_000))).encode(),
        }
    if target == "mapping_csv":
        head = "old_id,new_id,share\n"
        return {
            "many_rows.csv": (head + "".join(f"O{i},N{i % 900},1\n" for i in range(40_000))).encode(),
            "many_shares.csv": (head + "".join(f"O,N{i},0.0001\n" for i in range(10_000))).encode(),
            "long_share.csv": (head + "O,N,0." + "3" * (MB - 100) + "\n").encode(),
        }
    if target == "schedule":
        all_years = [{"year": y, "swaps": [{"day_off": f"{y}-04-29", "workday": f"{y}-05-04"}],
                      "extra_days_off": [{"date": f"{y}-12-31", "name": "Nghỉ"}]} for y in range(1900, 2200)]
        return {
            "all_years.json": json.dumps(all_years, ensure_ascii=False).encode(),
            "deep_nesting.json": b'{"year": 2027, "note": ' + b"[" * 300_000 + b"]" * 300_000 + b"}",
            "long_note.json": ('{"year": 2027, "note": "' + "Nghỉ bù " * 90_000 + '"}').encode(),
            "many_days_off.json": json.dumps({"year": 2027, "extra_days_off": [
                {"date": f"2027-{1 + i % 12:02d}-{1 + i % 28:02d}", "name": f"d{i}"} for i in range(15_000)]}).encode(),
        }
    if target == "period":
        return {"long_phrase.txt": ("Quý II/2024 " * (MB // 14)).encode(),
                "long_digits.txt": b"2" * MB,
                "spaces.txt": b" " * (MB - 20) + "Quý II/2024".encode()}
    if target == "deadline":
        return {"long_phrase.txt": ("Quý II/2024 và thực hiện thường xuyên; trước ngày 30/6/2024; " * (MB // 90)).encode(),
                "many_dates.txt": ("ngày 15/3/2024, " * (MB // 17)).encode()}
    if target == "numbers":
        return {"long_digits.txt": b"1" * MB,
                "long_grouped.txt": b"1" + b".000" * (MB // 4 - 1),
                "long_decimals.txt": b"0," + b"5" * (MB - 10) + b"%"}
    if target == "units_json":
        chain = [{"id": "VN", "level": "nation"}] + [
            {"id": f"U{i}", "level": "commune", "parents": [{"parent": "VN" if i == 0 else f"U{i - 1}"}]} for i in range(12_000)]
        return {
            "many_units.json": json.dumps([{"id": "VN", "level": "nation"}] + [
                {"id": f"P{i}", "level": "province", "valid_from": "2000-01-01", "parents": [{"parent": "VN"}]}
                for i in range(10_000)]).encode(),
            "deep_chain.json": json.dumps(chain).encode(),
            "deep_nesting.json": b'[{"id": "VN", "level": "nation", "note": ' + b"[" * 300_000 + b"]" * 300_000 + b"}]",
            "framework.json": framework(5000).encode(),
        }
    if target == "dossier_csv":
        head = "MaHoSo,MaDonVi,MaTTHC,KenhThucHien,NgayTiepNhan,ThoiHanGiaiQuyet,DonViTinh,NgayKetThucXuLy,PhiLePhi,MucDoHaiLong\n"
        return {
            "many_rows.csv": (head + "".join(
                f"H{i},xa_{i % 300},1.00{i % 9},{1 + i % 3},2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{7 + i % 11:02d}:{i % 60:02d}+07:00,"
                f"{1 + i % 20},working_days,2024-12-{1 + i % 28:02d}T09:00,{i % 2 * 50000},satisfied\n"
                for i in range(8_000))).encode(),
            "long_line.csv": (head + "H," + "x" * (MB - 200) + ",1,1,2024-04-26,5,,,,\n").encode(),
            "long_fraction.csv": (head + "H,xa,1,1,2024-04-26T10:00:00." + "0" * (MB - 200) + "1,5,,,,\n").encode(),
        }
    if target == "index_rules":
        rules = {"version": "big", "decimals": 2,
                 "groups": [{"code": f"G{g}", "max_points": "100"} for g in range(400)],
                 "indicators": [{"code": f"I{g}_{k}", "group": f"G{g}", "numerator": "on_time", "denominator": "received",
                                 "max_points": "25", "threshold": "0.8"} for g in range(400) for k in range(4)]}
        return {
            "many_indicators.json": json.dumps(rules).encode(),
            "deep_nesting.json": b'{"version": "t", "note": ' + b"[" * 300_000 + b"]" * 300_000 + b"}",
            "long_note.json": ('{"version": "t", "note": "' + "Bộ chỉ số 766 " * 50_000 + '", "groups": [], "indicators": []}').encode(),
        }
    raise SystemExit(f"large_seeds.py: unknown target {target!r}")


def main() -> None:
    target, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name, data in seeds(target).items():
        assert len(data) <= MB, f"{name}: {len(data)} bytes, over the 1 MiB limit of the long runs"
        (out / name).write_bytes(data)


if __name__ == "__main__":
    main()
