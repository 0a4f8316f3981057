"""Tests of the JSON Schema data/schema/framework.schema.json.

What is checked:

* the schema is itself a valid draft 2020-12 schema;
* the embedded dataset and examples/data/minimal.json validate (after stripping the
  `//` and `/* */` comments the loader allows);
* every file of tests/data/bad/ is classified: either the schema must reject it (and at
  the expected place), or the schema provably cannot catch it (cross-record rules) and
  it must *pass* the schema, or it is not JSON at all (the schema never sees it).
  An unclassified new bad file fails the test, so that someone decides;
* mutations of the dataset that break a single-record rule must fail, and a few
  edge cases the loader accepts must still pass;
* the date pattern agrees with the calendar (and with the loader's 1400..9999 range);
* the set of keys the loader reads (src/format/framework_read.cpp) equals the set of property names in the
  schema, so a new model field cannot be forgotten in the schema.

Numbers are parsed with parse_float=Decimal, as the loader does in spirit: then `1.0`
is *not* a JSON Schema integer (with plain floats it would be; see
test_float_that_is_whole_passes_only_with_plain_floats).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "data" / "schema" / "framework.schema.json"
DATASET = REPO / "data" / "thanhhoa_2024h1.json"
MINIMAL = REPO / "examples" / "data" / "minimal.json"
BAD = REPO / "tests" / "data" / "bad"


# ---------------------------------------------------------------------------------------
# Loading


def strip_comments(text: str) -> str:
    """Remove // and /* */ comments outside JSON strings.

    Comments are replaced by spaces (newlines kept) so that line/column numbers are
    unchanged. An unterminated block comment is an error, as for the loader.
    """
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_string = False
            i += 1
        elif c == '"':
            in_string = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise ValueError(f"unterminated /* comment at offset {i}")
            out.append("".join(ch if ch == "\n" else " " for ch in text[i : j + 2]))
            i = j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse(raw: bytes, *, parse_float=Decimal):
    """bytes -> JSON value the way the loader sees it: strict UTF-8, optional BOM, comments."""
    text = raw.decode("utf-8")  # strict: raises on non-UTF-8, like the loader
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty file")
    return json.loads(strip_comments(text), parse_float=parse_float)


def load(path: Path, **kw):
    return parse(path.read_bytes(), **kw)


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def dataset():
    return load(DATASET)


@pytest.fixture(scope="module")
def sample(validator, dataset):
    """A small valid copy of the dataset for the mutation tests (validating the whole
    dataset takes about a second): of each array, the first record of each shape
    (set of keys, with the type of each value and whether a list/object is empty).
    The schema has no cross-record rules, so any subset of a valid file is valid."""
    doc = {}
    for key, value in dataset.items():
        if isinstance(value, list):
            shapes = {}
            for r in value:
                shape = frozenset(
                    (k, type(v).__name__, bool(v) if isinstance(v, (list, dict)) else None) for k, v in r.items()
                )
                shapes.setdefault(shape, r)
            doc[key] = list(shapes.values())
        else:
            doc[key] = value
    errs = errors(validator, doc)
    assert not errs, describe(errs)
    return doc


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path).__repr__())


def describe(errs) -> str:
    return "\n".join(f"{list(e.absolute_path)}: {e.message[:200]}" for e in errs)


# ---------------------------------------------------------------------------------------
# The comment stripper itself


def test_strip_comments_respects_strings():
    src = '{"a": "x // not a comment", "b": "/* nor this */", // gone\n "c": /* gone */ 1, "d": "q\\"//"}'
    assert json.loads(strip_comments(src)) == {
        "a": "x // not a comment",
        "b": "/* nor this */",
        "c": 1,
        "d": 'q"//',
    }
    # line structure is kept
    assert strip_comments("1 /* a\nb */\n").count("\n") == 2
    with pytest.raises(ValueError):
        strip_comments("1 /* open")


# ---------------------------------------------------------------------------------------
# Good files


def test_schema_is_a_valid_2020_12_schema(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert isinstance(schema["$comment"], str) and "cannot" in schema["$comment"]


def test_every_definition_has_a_description(schema):
    missing = [name for name, d in schema["$defs"].items() if not d.get("description")]
    assert not missing, f"$defs without description: {missing}"


@pytest.mark.parametrize("path", [DATASET, MINIMAL], ids=lambda p: p.name)
def test_good_files_validate(validator, path):
    doc = load(path)
    errs = errors(validator, doc)
    assert not errs, describe(errs)


def test_minimal_example_really_has_comments():
    # Otherwise the comment stripper would not be exercised on a real file.
    text = MINIMAL.read_text(encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def test_committed_schema_is_the_generated_one(run):
    """data/schema/framework.schema.json is `da06 schema`: generated from the reader's field tables."""
    generated = json.loads(run("schema").stdout)
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert generated == committed, "regenerate: build/release/da06 schema > data/schema/framework.schema.json"


def test_schema_knows_exactly_the_keys_the_writer_writes(schema):
    """Every key the writer writes for the embedded dataset is a property of the schema, and the
    dataset validates (test_good_files_validate); the schema has no property the tables lack (above)."""
    doc = load(DATASET)
    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    schema_keys: set[str] = set()

    def walk_schema(node):
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                schema_keys.update(node["properties"])
            for v in node.values():
                walk_schema(v)
        elif isinstance(node, list):
            for v in node:
                walk_schema(v)

    walk_schema(schema)
    assert keys - schema_keys == set()


# ---------------------------------------------------------------------------------------
# tests/data/bad/: which ones the schema must catch, which ones it cannot

# file -> the JSON paths (as lists) where the schema must report an error
SCHEMA_DETECTS = {
    # "number": "một" - a string where an integer is required
    "wrong_type.json": [["tasks", 0, "number"]],
    # "denominator": 0 - minimum 1
    "zero_denominator.json": [["observations", 0, "denominator"]],
    # "as_of": "2024-02-30" - the date pattern knows month lengths and leap years
    "feb30.json": [["observations", 0, "as_of"]],
    # 99999999999999999999 and 9223372036854775808 exceed the int64 maximum
    "beyond_int64.json": [["observations", 0, "value"], ["observations", 1, "numerator"]],
}

# file -> why JSON Schema cannot catch it (these must PASS the schema; `da06 validate` rejects them)
SCHEMA_CANNOT_DETECT = {
    "dangling_reference.json": "a reference (task.group = G9) to a record that does not exist: cross-record",
    "duplicate_id.json": "two tasks with id T01: uniqueness of one field across an array is not expressible",
    "numerator_over_denominator.json": "numerator <= denominator holds only for ratio indicators, and the "
    "indicator's kind is in another record; JSON Schema also cannot compare two fields",
    "negative_count.json": "value -1714 is negative only for a count/rank indicator (a 'value' indicator may be "
    "negative); the kind is in another record",
}

# file -> not JSON at all: the schema never sees it, parsing fails first
NOT_JSON = {
    "malformed.json": json.JSONDecodeError,
    "non_utf8.json": UnicodeDecodeError,
    "empty.json": ValueError,
}


def test_every_bad_file_is_classified():
    files = {p.name for p in BAD.glob("*.json")}
    classified = set(SCHEMA_DETECTS) | set(SCHEMA_CANNOT_DETECT) | set(NOT_JSON)
    assert files == classified, f"unclassified: {sorted(files - classified)}; gone: {sorted(classified - files)}"


@pytest.mark.parametrize("name", sorted(SCHEMA_DETECTS))
def test_bad_file_is_rejected_by_schema(validator, name):
    doc = load(BAD / name)
    errs = errors(validator, doc)
    assert errs, f"{name} should fail the schema"
    where = {tuple(p for p in e.absolute_path) for e in errs}
    for path in SCHEMA_DETECTS[name]:
        assert tuple(path) in where, f"{name}: no error at {path}; errors:\n{describe(errs)}"


@pytest.mark.parametrize("name", sorted(SCHEMA_CANNOT_DETECT))
def test_bad_file_the_schema_cannot_catch(validator, name):
    """Documents the limit: if the schema ever catches one of these, move it to SCHEMA_DETECTS."""
    doc = load(BAD / name)
    errs = errors(validator, doc)
    assert not errs, f"{name} now fails the schema ({SCHEMA_CANNOT_DETECT[name]}):\n{describe(errs)}"


@pytest.mark.parametrize("name", sorted(NOT_JSON))
def test_bad_file_is_not_json(name):
    with pytest.raises(NOT_JSON[name]):
        load(BAD / name)


# ---------------------------------------------------------------------------------------
# Mutations of the embedded dataset


def first(doc, key, pred=lambda r: True):
    return next(r for r in doc[key] if pred(r))


def ratio_obs(d):
    return first(d, "observations", lambda r: "numerator" in r)


def set_(key, field, value, pred=lambda r: True):
    def mutate(d):
        first(d, key, pred)[field] = value

    return mutate


def drop(key, field, pred=lambda r: True):
    def mutate(d):
        del first(d, key, pred)[field]

    return mutate


def _obs_without_time(d):
    o = first(d, "observations")
    o.pop("period", None)
    o.pop("as_of", None)


def _obs_empty_period(d):
    o = first(d, "observations", lambda r: "period" in r)
    o.pop("as_of", None)
    o["period"] = ""


def _numerator_only(d):
    del ratio_obs(d)["denominator"]


def _denominator_null(d):
    ratio_obs(d)["denominator"] = None


def _top_without_of(d):
    t = first(d, "targets")
    t["comparator"] = "top"
    t.pop("of", None)


def _source_line(value):
    def mutate(d):
        first(d, "tasks")["source"]["line"] = value

    return mutate


def _milestone_float(d):
    first(d, "targets")["milestones"] = [{"from": "2024-04-01", "threshold": Decimal("70.5")}]


MUST_FAIL = {
    "missing format": lambda d: d.pop("format"),
    "wrong format": lambda d: d.__setitem__("format", "da06"),
    "format_version 2": lambda d: d.__setitem__("format_version", 2),
    "unknown top-level key": lambda d: d.__setitem__("observation", []),
    "tasks not an array": lambda d: d.__setitem__("tasks", {}),
    "task without title": drop("tasks", "title"),
    "task without number": drop("tasks", "number"),
    "task number null": set_("tasks", "number", None),
    "task number negative": set_("tasks", "number", -1),
    "task number past C int": set_("tasks", "number", 2**31),
    "indicator without kind": drop("indicators", "kind"),
    "indicator kind percent": set_("indicators", "kind", "percent"),
    "indicator kind empty": set_("indicators", "kind", ""),
    "indicator direction up": set_("indicators", "direction", "up"),
    "indicator rounding bankers": set_("indicators", "rounding", "bankers"),
    "indicator aggregation avg": set_("indicators", "aggregation", "avg"),
    "indicator temporal daily": set_("indicators", "temporal", "daily"),
    "indicator denominator shrinks": set_("indicators", "denominator", "shrinks"),
    "indicator factor 0": set_("indicators", "factor", 0),
    "indicator decimals 13": set_("indicators", "decimals", 13),
    "indicator factor as string": set_("indicators", "factor", "100"),
    "unit level region": set_("units", "level", "region"),
    "unit without level": drop("units", "level"),
    "unit valid_to not a date": set_("units", "valid_to", "30/06/2025"),
    "unit parent without parent": lambda d: first(d, "units", lambda r: r.get("parents"))["parents"][0].pop("parent"),
    "id with a space": set_("tasks", "id", "T 01"),
    "id starting with a dash": set_("tasks", "id", "-T01"),
    "empty id": set_("tasks", "id", ""),
    "id not a string": set_("tasks", "id", 1),
    "observation without period and as_of": _obs_without_time,
    "observation with empty period only": _obs_empty_period,
    "observation without indicator": drop("observations", "indicator"),
    "numerator without denominator": _numerator_only,
    "denominator null next to a numerator": _denominator_null,
    "negative numerator": lambda d: ratio_obs(d).__setitem__("numerator", -1),
    "negative denominator": lambda d: ratio_obs(d).__setitem__("denominator", -5),
    "numerator as float": lambda d: ratio_obs(d).__setitem__("numerator", Decimal("990.0")),
    "value as float": set_("observations", "value", Decimal("9.293"), lambda r: "value" in r),
    "value with decimal comma": set_("observations", "value", "9,293", lambda r: "value" in r),
    "value in exponent notation": set_("observations", "value", "1e3", lambda r: "value" in r),
    "value as object": set_("observations", "value", {"n": 1}, lambda r: "value" in r),
    "rank of 0": set_("observations", "of", 0),
    "change without delta": lambda d: first(d, "observations", lambda r: "change" in r)["change"].pop("delta"),
    "change of total": lambda d: first(d, "observations", lambda r: "change" in r)["change"].__setitem__("of", "total"),
    "change delta past int64": lambda d: first(d, "observations", lambda r: "change" in r)["change"].__setitem__(
        "delta", -(2**63) - 1
    ),
    "misspelt observation key": lambda d: ratio_obs(d).__setitem__("numerater", 1),
    "date 2024-13-01": set_("observations", "as_of", "2024-13-01", lambda r: "as_of" in r),
    "date 2023-02-29": set_("observations", "as_of", "2023-02-29", lambda r: "as_of" in r),
    "date 1900-02-29": set_("observations", "as_of", "1900-02-29", lambda r: "as_of" in r),
    "date 2024-04-31": set_("observations", "as_of", "2024-04-31", lambda r: "as_of" in r),
    "date 1399-12-31 (loader: year out of range)": set_("observations", "as_of", "1399-12-31", lambda r: "as_of" in r),
    "date with time": set_("observations", "as_of", "2024-06-15T00:00", lambda r: "as_of" in r),
    "date with trailing newline": set_("observations", "as_of", "2024-06-15\n", lambda r: "as_of" in r),
    "target comparator =>": set_("targets", "comparator", "=>"),
    "target without threshold": drop("targets", "threshold"),
    "target threshold as float": set_("targets", "threshold", Decimal("99.5")),
    "target threshold with percent": set_("targets", "threshold", "100%"),
    "target top without of": _top_without_of,
    "target scope level region": lambda d: first(d, "targets")["scope"].__setitem__("levels", ["region"]),
    "milestone threshold as float": _milestone_float,
    "total without parts": drop("totals", "parts"),
    "total with empty parts": set_("totals", "parts", []),
    "total quantity sum": set_("totals", "quantity", "sum"),
    "total part_quantities bad entry": set_("totals", "part_quantities", ["value", "sum"]),
    "task group negative declared_count": set_("task_groups", "declared_count", -1),
    "claim negative count": set_("claims", "count", -54),
    "claim without count": drop("claims", "count"),
    "source line 0": _source_line(0),
    "source line past 100000000": _source_line(100_000_001),
    "source line as string": _source_line("94"),
    "unknown key in source": lambda d: first(d, "tasks")["source"].__setitem__("page", 3),
    "plan date not a date": lambda d: d["plan"].__setitem__("date", "16/02/2024"),
    "unknown key in plan": lambda d: d["plan"].__setitem__("signed_by", "x"),
    "utility group without name": drop("utility_groups", "name"),
    "service without name": drop("services", "name"),
    "resolution task without title": drop("resolution_tasks", "title"),
    "gap without id": drop("gaps", "id"),
    "source document without id": drop("sources", "id"),
}


@pytest.mark.parametrize("name", sorted(MUST_FAIL))
def test_mutation_fails(validator, sample, name):
    doc = copy.deepcopy(sample)  # valid (checked by the fixture): any error comes from the mutation
    MUST_FAIL[name](doc)
    assert errors(validator, doc), f"mutation '{name}' should make the dataset invalid"


def _obs_as_of_null_with_period(d):
    o = first(d, "observations", lambda r: "period" in r)
    o["as_of"] = None


# Things the loader accepts that the schema must accept too.
MUST_PASS = {
    "leap day 2024-02-29": set_("observations", "as_of", "2024-02-29", lambda r: "as_of" in r),
    "leap day 2000-02-29": set_("observations", "as_of", "2000-02-29", lambda r: "as_of" in r),
    "year 9999-12-31": set_("observations", "as_of", "9999-12-31", lambda r: "as_of" in r),
    "year 1400-01-01": set_("observations", "as_of", "1400-01-01", lambda r: "as_of" in r),
    "null optional fields": lambda d: first(d, "tasks").update(group=None, lead=None, indicators=None, source=None),
    "null optional array": lambda d: d.__setitem__("gaps", None),
    "null as_of next to a period": _obs_as_of_null_with_period,
    "boolean value": set_("observations", "value", True, lambda r: "value" in r),
    "negative decimal value": set_("observations", "value", "-1.5", lambda r: "value" in r),
    "integer threshold": set_("targets", "threshold", 100),
    "comparator ≥": set_("targets", "comparator", "≥"),
    "comparator top with of": lambda d: first(d, "targets").update(comparator="top", of=63),
    "rounding away_from_zero": set_("indicators", "rounding", "away_from_zero"),
    "level village": set_("units", "level", "village"),
    "int64 maximum": set_("observations", "value", 2**63 - 1, lambda r: "value" in r),
    "int64 minimum delta": lambda d: first(d, "observations", lambda r: "change" in r)["change"].__setitem__(
        "delta", -(2**63)
    ),
    "id with all allowed characters": set_("tasks", "id", "a0_.:-Z"),
    "free qualifier": set_("observations", "qualifier", "khoảng"),
}


@pytest.mark.parametrize("name", sorted(MUST_PASS))
def test_mutation_still_valid(validator, sample, name):
    doc = copy.deepcopy(sample)
    MUST_PASS[name](doc)
    errs = errors(validator, doc)
    assert not errs, f"'{name}' should stay valid:\n{describe(errs)}"


def test_float_that_is_whole_passes_only_with_plain_floats(validator):
    """Documented limit: JSON Schema calls 1.0 an integer; the loader rejects it.

    With Python's default float parsing, "number": 1.0 passes the schema; parsed with
    parse_float=Decimal (as this test file does) it fails, like in the loader.
    """
    raw = b'{"format": "da06-framework", "format_version": 1, "tasks": [{"id": "T1", "number": 1.0, "title": "x"}]}'
    assert not errors(validator, parse(raw, parse_float=float))
    assert errors(validator, parse(raw))


# ---------------------------------------------------------------------------------------
# The date pattern against the calendar


def _real_date(y: int, m: int, day: int) -> bool:
    """What the loader's parse_iso_date accepts: a Gregorian day, year 1400..9999."""
    if not 1400 <= y <= 9999:
        return False
    try:
        dt.date(y, m, day)
        return True
    except ValueError:
        return False


def test_date_pattern_matches_the_calendar(schema):
    pat = re.compile(schema["$defs"]["date"]["pattern"])
    cases = []
    # every year: the end of February (leap years: /4, not /100 unless /400)
    for y in range(1395, 10000):
        cases += [(y, 2, 28), (y, 2, 29), (y, 2, 30)]
    # some years in full, including out-of-range months and days
    for y in (1399, 1400, 1401, 1600, 1700, 1900, 2000, 2023, 2024, 2025, 2100, 2400, 9996, 9999):
        cases += [(y, m, day) for m in range(0, 14) for day in range(0, 33)]
    wrong = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in cases if bool(pat.search(f"{y:04d}-{m:02d}-{d:02d}")) != _real_date(y, m, d)]
    assert not wrong, f"date pattern disagrees with the calendar on {wrong[:20]}"
    for s in ["2024-1-01", "24-01-01", "10000-01-01", "2024/01/01", " 2024-01-01", "2024-01-01 ", "０２024-01-01"]:
        assert not pat.search(s), s
