"""The document importers on mutated documents (the Python readers' fuzzing): windows of the real
documents of ../shared/corpus and the seed with lines deleted, repeated, swapped, cut or spliced with
Vietnamese table and deadline words, and raw bytes. Whatever the text, `import_file` returns a result
whose framework loads, or raises a da06 error naming the file; never another exception.

docs/reliability.md ("Fuzz targets") says how this relates to the libFuzzer targets of the C++ readers.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import da06
from conftest import REPO
from da06 import importers

SHARED = REPO.parent / "shared"
DOCUMENTS = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seed").glob("*.txt"))

pytestmark = pytest.mark.skipif(not DOCUMENTS, reason=f"the documents are not available under {SHARED}")

WORDS = ["|", " | ", "STT", "Nội dung", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian", "Thời hạn", "Tiến độ", "Quý II/2024",
         "trước ngày 20 hằng tháng", "năm 2025", "a) Nhiệm vụ:", "b) Cơ quan thực hiện:", "c) Thời gian thực hiện:",
         "100%", "1.004", "0,5", "-", "\t", "Phụ lục", "Chỉ tiêu", "Mục tiêu", "≥", "31/12/2025", "\u0000", "\ufeff"]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in DOCUMENTS]


def mutate(text: str, rng: random.Random) -> str:
    if rng.random() < 0.6:  # a window of the document keeps each example fast
        start = rng.randrange(len(text))
        text = text[start:start + rng.randint(100, 30_000)]
    lines = text.split("\n")
    for _ in range(rng.randint(1, 10)):
        i = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0 and len(lines) > 1:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + rng.choice(WORDS) + lines[i][j:]
        elif op == 3:
            j = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:j] + lines[i][j + rng.randint(1, 40):]
        elif op == 4:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
        else:
            lines[i] = "|".join(rng.sample(WORDS, 4))
    return "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.booleans())
def test_a_mutated_document_imports_or_gives_a_da06_error(tmp_path, rng, as_bytes) -> None:  # type: ignore[no-untyped-def]
    texts = _texts()
    text = mutate(rng.choice(texts), rng)
    path = tmp_path / "mutated.txt"
    if as_bytes:  # raw bytes: a cut inside a character, a stray 0xFF
        data = text.encode("utf-8")
        cut = rng.randrange(len(data) + 1)
        path.write_bytes(data[:cut] + bytes([rng.choice([0xFF, 0xC3, 0x80])]) + data[cut:])
    else:
        path.write_text(text, encoding="utf-8")
    try:
        result = importers.import_file(path)
    except da06.Error as e:
        assert "mutated.txt" in str(e), str(e)  # the error names the file
        return
    da06.loads(result.framework_json())  # what was imported is a framework da06 reads
