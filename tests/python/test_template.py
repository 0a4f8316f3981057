"""Authoring a framework without JSON: the Excel template (write, read back, located errors) and
Framework.to_frames / from_frames."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import da06
from da06 import frames, template

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (pip install da06[import])")


def test_embedded_dataset_round_trips_through_the_workbook(tmp_path):
    fw = da06.load_default()
    p = tmp_path / "khung.xlsx"
    template.write_workbook(fw, p)
    back = template.read_workbook(p)
    assert back == fw
    # an independent check of the same thing: the JSON documents are equal
    assert json.loads(back.to_json()) == json.loads(fw.to_json())


def test_imported_records_round_trip_through_the_workbook(tmp_path):
    doc = template.example_document()
    doc["tasks"][0]["attributes"] = {"Người đứng đầu chịu trách nhiệm": "Giám đốc Sở", "Tên nhiệm vụ": "trùng tên cột"}
    doc["tasks"][0]["source"].update({"table": "2", "paragraph": 7})
    fw = da06.loads(json.dumps(doc, ensure_ascii=False))
    p = tmp_path / "k.xlsx"
    template.write_workbook(fw, p)
    back = template.read_workbook(p)
    assert back == fw
    assert back.core.tasks()[0].attributes == doc["tasks"][0]["attributes"]


def test_the_empty_template_validates_and_has_its_furniture(tmp_path):
    p = tmp_path / "khung.xlsx"
    res = subprocess.run([sys.executable, "-m", "da06", "template", "--out", str(p)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(p)
    for sheet in ("Báo cáo", "Đơn vị", "Nhiệm vụ", "Chỉ tiêu", "Số liệu", "Mục tiêu"):
        assert sheet in wb.sheetnames
    ws = wb["Chỉ tiêu"]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Mã", "Tên chỉ tiêu", "Loại chỉ tiêu"]
    assert "Trường dữ liệu: kind" in ws["C1"].comment.text
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"ratio,count,money,rank,boolean,value"' in lists
    assert any('">=,<=,=,>,<,top"' == dv.formula1 for dv in wb["Mục tiêu"].data_validations.dataValidation)
    assert any("province" in dv.formula1 for dv in wb["Đơn vị"].data_validations.dataValidation)
    for sheet in wb.worksheets:  # one worked example row per sheet (two units: a parent link needs two)
        if sheet.title not in ("Báo cáo", "Đơn vị"):
            assert sheet.max_row == 2, sheet.title
    assert wb["Đơn vị"].max_row == 3
    fw = template.read_workbook(p)
    assert fw.id == "vd-khung"
    assert len(fw.core.tasks()) == 1 and len(fw.core.targets()) == 1
    ev = fw.indicators_frame(as_of="2025-06-30")
    assert ev.loc[0, "threshold"] == "80"
    # the example's numbers work through the analysis: the fewest extra online dossiers to reach 80 %
    from fractions import Fraction
    x = next(x for x in range(10 ** 5) if Fraction(990 + x, 1714 + x) >= Fraction(4, 5))
    assert ev.loc[0, "needed"] == x


def _example(tmp_path):
    p = tmp_path / "khung.xlsx"
    template.write_workbook(None, p)
    return p


def test_cell_errors_are_located_on_their_sheet_and_cell(tmp_path):
    p = _example(tmp_path)
    wb = openpyxl.load_workbook(p)
    wb["Chỉ tiêu"]["C2"] = "ratioo"          # not a kind
    wb["Số liệu"]["G2"] = "nhiều"            # a numerator must be a whole number
    wb["Mục tiêu"]["I2"] = "31/12/2025"      # a deadline must be a date
    wb.save(p)
    with pytest.raises(template.WorkbookError) as e:
        template.read_workbook(p)
    text = str(e.value)
    assert "khung.xlsx!Chỉ tiêu!C2: 'ratioo' is not one of: ratio, count" in text
    assert "khung.xlsx!Số liệu!G2: expected a whole number" in text
    assert "khung.xlsx!Mục tiêu!I2: expected a date as YYYY-MM-DD" in text


def test_loader_errors_are_mapped_back_to_their_cells(tmp_path):
    p = _example(tmp_path)
    wb = openpyxl.load_workbook(p)
    wb["Số liệu"]["B2"] = "CT-khong-co"      # an indicator that does not exist
    wb.save(p)
    with pytest.raises(template.WorkbookError) as e:
        template.read_workbook(p)
    text = str(e.value)
    assert 'khung.xlsx!Số liệu!B2: indicator "CT-khong-co" does not exist' in text
    # what depends on the rejected record is rejected too, at its own cell
    assert 'khung.xlsx!Tổng và thành phần!C2: observation "VD-SL1" does not exist' in text
    wb["Số liệu"]["B2"] = "VD-CT1"
    wb["Số liệu"]["D2"] = "2025-H2"           # not a period code
    wb.save(p)
    with pytest.raises(template.WorkbookError, match=r"khung.xlsx!Số liệu!D2: invalid period code"):
        template.read_workbook(p)


def test_extra_task_columns_are_attributes_and_unknown_columns_elsewhere_are_errors(tmp_path):
    p = _example(tmp_path)
    wb = openpyxl.load_workbook(p)
    ws = wb["Nhiệm vụ"]
    col = ws.max_column + 1
    ws.cell(1, col, "Nguồn kinh phí")
    ws.cell(2, col, "Ngân sách tỉnh")
    wb.save(p)
    fw = template.read_workbook(p)
    assert fw.core.tasks()[0].attributes == {"Nguồn kinh phí": "Ngân sách tỉnh"}
    ws = wb["Chỉ tiêu"]
    ws.cell(1, ws.max_column + 1, "Cột lạ")
    wb.save(p)
    with pytest.raises(template.WorkbookError, match=r"khung.xlsx!Chỉ tiêu!M1: unknown column 'Cột lạ'"):
        template.read_workbook(p)


def test_import_reads_a_template_workbook(tmp_path):
    p = _example(tmp_path)
    r = da06.importers.import_file(p)
    assert r.stats.format == "xlsx-template"
    assert r.framework["tasks"][0]["id"] == "VD-T1"


def test_frames_round_trip_the_embedded_dataset():
    fw = da06.load_default()
    fr = fw.to_frames()
    assert set(fr) == {"meta", *frames.RECORDS}
    assert len(fr["tasks"]) == 72 and len(fr["unit_parents"]) > 0
    assert da06.Framework.from_frames(**fr) == fw


def test_from_frames_for_a_notebook():
    tasks = pd.DataFrame({"id": ["T1", "T2"], "number": [1, 2], "title": ["Rà soát", "Số hóa"],
                          "deadline_text": ["Quý IV/2025", "Năm 2026"], "progress_text": ["Đang thực hiện", ""],
                          "Nguồn kinh phí": ["Ngân sách", None]})
    units = pd.DataFrame({"id": ["TINH", "XA"], "name": ["Tỉnh A", "Xã B"], "level": ["province", "commune"],
                          "parent": [None, "TINH"]})
    indicators = pd.DataFrame({"id": ["CT1"], "name": ["Tỷ lệ hồ sơ trực tuyến"], "kind": ["ratio"]})
    obs = pd.DataFrame({"id": ["O1"], "indicator": ["CT1"], "unit": ["TINH"], "period": ["2025-S1"],
                        "numerator": [990], "denominator": [1714]})
    targets = pd.DataFrame({"id": ["MT1"], "indicator": ["CT1"], "comparator": [">="], "threshold": [80],
                            "deadline": [pd.Timestamp("2025-12-31")]})
    fw = da06.Framework.from_frames(tasks=tasks, units=units, indicators=indicators, observations=obs,
                                    targets=targets, meta={"id": "nb", "report.date": "2025-06-30"})
    assert fw.core.tasks()[0].attributes == {"Nguồn kinh phí": "Ngân sách"}
    assert fw.core.units()[1].parents[0][0] == "TINH"
    assert fw.core.targets()[0].threshold == "80"
    assert fw.core.targets()[0].deadline.isoformat() == "2025-12-31"
    assert fw.task_status()["status"].tolist() == ["in_progress", "blank"]


def test_from_frames_names_every_bad_cell():
    with pytest.raises(frames.FrameError) as e:
        da06.Framework.from_frames(tasks=[{"id": "T1", "number": "một", "title": "x"}, {"id": "T2", "number": 2}],
                                   targets=[{"id": "M", "indicator": "I", "comparator": "≫", "threshold": "9,5"}],
                                   nonsense=[{}])
    probs = dict(e.value.problems)
    assert probs["tasks[0].number"].startswith("expected a whole number")
    assert probs["tasks[1].title"] == "the required field 'title' is empty"
    assert "is not one of" in probs["targets[0].comparator"]
    assert "exact decimal" in probs["targets[0].threshold"]
    assert "unknown table 'nonsense'" in probs["nonsense"]
