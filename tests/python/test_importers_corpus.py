"""The importers on the real documents of ../shared/corpus and the seed: tables found, tasks against
a hand count, deadline cells read (≥ 98 % over the corpus' task tables), every file validates."""
from __future__ import annotations

import json

import pytest

import da06
from da06 import importers
from conftest import REPO

CORPUS = REPO.parent / "shared" / "corpus"
SEED = REPO.parent / "shared" / "seed" / "000_0be6ffac82be08d1.txt"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not available at {CORPUS}")

# Counted by reading each document (and its '|'-separated rows with grep), not by the importer:
# file -> (tables found, task tables, tasks, deadline cells, target indicators)
HAND_COUNT = {
    "cv6225_bvhttdl_2025-11-18.txt": (1, 1, 10, 10, 0),   # Phụ lục: 10 numbered rows
    "kh308_hanoi_2025-11-17.txt": (0, 0, 7, 7, 0),        # 7 "a) Nhiệm vụ:" blocks (1.1, 1.2, 2, 3, 4.1, 4.2, 4.3)
    "qd2629_ttg_2025-12-01.txt": (2, 1, 75, 75, 22),      # Phụ lục II: 75 rows; Phụ lục I: 20 indicators + 2 ranks
    "qd126_bcdcp_2025-09-11_excerpt.txt": (0, 0, 0, 0, 0),  # reporting duties in prose only
}


@pytest.fixture(scope="module")
def results():
    return {name: importers.import_file(CORPUS / name) for name in HAND_COUNT}


@pytest.mark.parametrize("name", sorted(HAND_COUNT))
def test_corpus_document_against_the_hand_count(results, name):
    r = results[name]
    tables, task_tables, tasks, cells, indicators = HAND_COUNT[name]
    s = r.stats
    assert (s.tables, s.task_tables, s.tasks, s.deadline_cells, s.indicators) == (tables, task_tables, tasks, cells,
                                                                                  indicators)
    fw = da06.loads(r.framework_json(), name)
    assert [w for w in fw.warnings] == []
    assert len(fw.core.tasks()) == tasks


def test_corpus_deadline_cells_are_read(results):
    cells = sum(r.stats.deadline_cells for r in results.values())
    read = sum(r.stats.deadlines_read for r in results.values())
    assert cells == 92
    assert read / cells >= 0.98, [m for r in results.values() for m in r.stats.deadline_misses]


def test_corpus_quotes_are_verbatim(results):
    for name, r in results.items():
        lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
        for rec in [*r.framework["tasks"], *r.framework["task_groups"], *r.framework["targets"]]:
            s = rec["source"]
            if "quote" in s:
                assert s["quote"] in lines[s["line"] - 1], (name, rec["id"])


def test_qd2629_staged_and_rank_targets(results):
    fw = results["qd2629_ttg_2025-12-01.txt"].framework
    ind = {i["id"]: i["name"] for i in fw["indicators"]}
    by_name = {ind[t["indicator"]]: t for t in fw["targets"]}
    sat = by_name["Tỉ lệ người dân, doanh nghiệp đánh giá hài lòng khi sử dụng dịch vụ công trực tuyến."]
    assert (sat["threshold"], sat["effective"], sat["deadline"]) == ("95", "2025-01-01", "2030-12-31")
    assert sat["milestones"] == [{"from": "2028-01-01", "threshold": "99"}]
    asean = next(t for n, t in by_name.items() if n.endswith("(ASEAN)"))
    assert (asean["comparator"], asean["threshold"], asean["of"]) == ("top", "4", 11)
    assert asean["milestones"] == [{"from": "2030-01-01", "threshold": "3"}]
    # the bullets of "Mục tiêu cụ thể" repeat the table: not imported twice; the two targets of one bullet
    # ("100% … cấp độ 4 và 90% đạt cấp độ 5 …") are each found in the table
    log = results["qd2629_ttg_2025-12-01.txt"].log
    assert sum(1 for e in log.entries if e.code == "target.in_table") == 22


def test_kh308_prose_tasks(results):
    fw = results["kh308_hanoi_2025-11-17.txt"].framework
    t = fw["tasks"][0]
    assert t["lead"] == "Sở Khoa học và Công nghệ."
    assert t["deadline_text"] == "Hoàn thành trong năm 2025."
    assert [g["title"] for g in fw["task_groups"]] == ["Về dữ liệu", "Về các nền tảng số",
                                                       "Về đảm bảo an toàn thông tin", "Về nguồn lực"]


def test_cv6225_keeps_its_extra_columns(results):
    t = results["cv6225_bvhttdl_2025-11-18.txt"].framework["tasks"][0]
    assert set(t["attributes"]) == {"Người đứng đầu chịu trách nhiệm", "Kết quả thực hiện"}
    assert t["deadline_text"] == "Tháng 12/2025"


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed is not available at {SEED}")
def test_the_seed_imports_generically_too():
    r = importers.import_file(SEED)
    assert r.stats.kind == "report"
    # Phụ lục I (72 tasks) and Phụ lục II (14 rows of Nghị quyết 175) are task tables; III and IV are not
    assert (r.stats.tables, r.stats.task_tables, r.stats.tasks) == (5, 2, 86)
    assert r.stats.deadlines_read == r.stats.deadline_cells == 85  # one row of Phụ lục II has an empty cell
    assert r.stats.candidates > 0
    embedded = json.loads(da06.load_default().to_json())
    ours = [t for t in r.framework["tasks"] if t["source"]["table"] == "1"]
    assert [t["title"] for t in ours] == [t["title"] for t in embedded["tasks"]]
    assert [t["deadline_text"] for t in ours] == [t["deadline_text"] for t in embedded["tasks"]]
    da06.loads(r.framework_json())
