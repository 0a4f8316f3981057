"""The bad-input catalogue (tests/data/bad/catalogue.tsv) through every face: the CLI, the C ABI
(ctypes, as a Java/.NET/PHP portal sees it) and the Python package.

Each row of the catalogue names a reader, an input (a file of tests/data/bad/, or `gen:NAME`, made
here and never committed), the faces it applies to, and what every face must answer:

* exit 0: the input is accepted (CLI exit 0, DA06_OK, no exception);
* exit 1: invalid data: CLI exit 1; DA06_EPARSE, DA06_EDATA, DA06_ERANGE or DA06_EIO; a da06.Error
  other than InvalidArgument;
* exit 2: usage: CLI exit 2; DA06_EINVAL; da06.InvalidArgument.

`where` is the location the error must carry: `LINE:COL` (a file's line and column), `$.json.path`,
`@COL` (the column in a text argument) or `-`; `message` a text the message must contain. Whatever
the case, no face may crash, say "internal error" (CLI exit 70, DA06_EINTERNAL) or raise anything but
a da06 exception, and the messages stay under 64 KiB (bad input is quoted as a bounded excerpt).

The generated inputs (`gen:`) are big: each face runs them in a child process whose CPU time must
stay under 10 s and whose peak memory under the bound below. docs/reliability.md lists the catalogue.
"""
from __future__ import annotations

import ctypes as C
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "data" / "bad"
CATALOGUE = BAD / "catalogue.tsv"
UNDER_ASAN = os.environ.get("DA06_UNDER_ASAN") == "1"

# Limits of every run of a generated (big) input. Memory: peak resident size of the child process.
CPU_SECONDS = 10.0
MEMORY_BASE = 256 << 20   # the process itself (a Python child imports numpy and pandas: ~150 MB)
MEMORY_PER_INPUT_BYTE = 24
MESSAGE_MAX = 64 << 10  # bytes of error messages, on every face

OK, EINVAL, ERANGE, EPARSE, EDATA, EIO, ENOMEM, ENOTFOUND, EINTERNAL = 0, -1, -2, -3, -4, -5, -6, -7, -99
DATA_STATUSES = {EPARSE, EDATA, ERANGE, EIO, ENOTFOUND}
NO_DATE = -(2**31)

# The good partner files the CLI needs to read one reader's input (a counts file for a units file, ...).
GOOD_UNITS = "id,parent,level,valid_from,valid_to\nVN,,nation,,\nTH,VN,province,,\n"
GOOD_COUNTS = "unit,indicator,period,numerator,denominator\nVN,K,2024-Q2,1,2\n"
GOOD_DOSSIERS = "dossier_id,unit,received_at,time_limit,finished_at\nH1,xa_a,2024-04-26T10:00,5,2024-05-03T09:00\n"


@dataclass(frozen=True)
class Case:
    name: str
    reader: str
    input: str
    faces: tuple[str, ...]
    exit: int
    face_exit: tuple[tuple[str, int], ...]  # faces whose documented answer differs ("cli=2")
    where: str
    message: str
    xfail: str

    @property
    def generated(self) -> bool:
        return self.input.startswith("gen:")

    def xfails(self, face: str) -> bool:
        """Is the case marked xfail for this face? "[py,c] reason" marks only those faces."""
        if not self.xfail:
            return False
        if self.xfail.startswith("["):
            return face in self.xfail[1:self.xfail.index("]")].split(",")
        return True

    def exit_of(self, face: str) -> int:
        return dict(self.face_exit).get(face, self.exit)


def read_catalogue() -> list[Case]:
    cases = []
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        assert len(cols) == 8, f"catalogue.tsv: 8 tab-separated columns expected: {line!r}"
        name, reader, inp, faces, code, where, message, xfail = cols
        codes = code.split()
        overrides = tuple((f, int(v)) for f, v in (c.split("=") for c in codes[1:]))
        cases.append(Case(name, reader, inp, tuple(faces.split(",")), int(codes[0]), overrides, where,
                          "" if message == "-" else message.replace("\\t", "\t"), "" if xfail == "-" else xfail))
    return cases


CASES = read_catalogue()


# ---------------------------------------------------------------------------------------------
# Inputs: files of tests/data/bad/, or generated ones

def _gen(name: str) -> bytes:
    mb = 1 << 20
    if name == "framework_line_50mb":   # a 50 MB bad value on one line: the message quotes an excerpt
        return b'{"format": "' + b"x" * (50 * mb) + b'", "format_version": 1}\n'
    if name == "framework_depth_100k":  # 100 000 nested arrays
        return b'{"format": "da06-framework", "format_version": 1, "tasks": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    if name == "units_line_50mb":
        return GOOD_UNITS.encode() + b"TH-a,TH," + b"x" * (50 * mb) + b",,\n"
    if name == "units_million":         # one nation, 1 000 provinces, 999 000 districts: 1 000 001 units
        out = [GOOD_UNITS.split("\n", 1)[0], "VN,,nation,,"]
        out += [f"P{p},VN,province,," for p in range(1000)]
        out += [f"D{d},P{d % 1000},district,,2025-06-30" for d in range(999_000)]
        return ("\n".join(out) + "\n").encode()
    if name == "units_cycle_10k":       # 10 000 provinces in one cycle: reported once, not 10 000 times
        n = 10_000
        rows = [f"C{i},C{(i + 1) % n},province,," for i in range(n)]
        return (GOOD_UNITS + "\n".join(rows) + "\n").encode()
    if name == "units_json_line_50mb":  # a 50 MB level: the message quotes an excerpt
        return b'[{"id": "VN", "name": "VN", "level": "' + b"x" * (50 * mb) + b'"}]\n'
    if name == "units_json_depth_100k":
        return b'[{"id": "VN", "name": "VN", "level": "nation", "note": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]"
    if name == "units_json_unknown_keys_100k":  # one unit with 100 000 unknown keys: linear, and few warnings
        keys = ", ".join(f'"k{i}": {i}' for i in range(100_000))
        return ('[{"id": "VN", "name": "VN", "level": "nation", ' + keys + '}]\n').encode()
    if name == "units_header_100k":     # a header of 100 000 extra names: linear, and a bounded message
        return (GOOD_UNITS.split("\n", 1)[0] + "," + ",".join(f"c{i}" for i in range(100_000)) + "\nVN,,nation,,"
                + "," * 100_000 + "\n").encode()
    if name == "units_json_million":    # the same million units as units_million, as a JSON array
        out = ['{"id": "VN", "name": "VN", "level": "nation"}']
        out += [f'{{"id": "P{p}", "name": "P", "level": "province", "parents": [{{"parent": "VN"}}]}}' for p in range(1000)]
        out += [f'{{"id": "D{d}", "name": "D", "level": "district", "valid_to": "2025-06-30", '
                f'"parents": [{{"parent": "P{d % 1000}"}}]}}' for d in range(999_000)]
        return ("[\n" + ",\n".join(out) + "\n]\n").encode()
    if name == "dossiers_line_50mb":    # a 50 MB time of receipt
        return GOOD_DOSSIERS.encode() + b"H2,xa_b,2024-04-26T" + b"1" * (50 * mb) + b",5,\n"
    if name == "dossiers_million":      # a million dossiers over 100 communes
        head = GOOD_DOSSIERS.split("\n", 1)[0]
        rows = [f"H{i},xa_{i % 100},2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{8 + i % 9:02d}:{i % 60:02d},{1 + i % 15},"
                for i in range(1_000_000)]
        return (head + "\n" + "\n".join(rows) + "\n").encode()
    if name == "rules_line_50mb":       # a 50 MB threshold
        return (b'{"version": "t", "groups": [{"code": "G", "max_points": "1"}], "indicators": [{"code": "I", '
                b'"group": "G", "numerator": "a", "denominator": "b", "max_points": "1", "threshold": "'
                + b"1" * (50 * mb) + b'"}]}\n')
    if name == "rules_depth_100k":
        return b'{"version": "t", "note": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    if name == "counts_line_50mb":
        return GOOD_COUNTS.encode() + b"VN,K,2024-Q2," + b"9" * (50 * mb) + b",2\n"
    if name == "schedule_line_50mb":
        return b'{"year": 2027, "extra_days_off": [{"date": "' + b"2" * (50 * mb) + b'", "name": "x"}]}'
    if name == "schedule_depth_100k":
        return b'{"year": 2027, "note": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    if name == "period_phrase_1mb":
        return ("Quý II/2024 " * (mb // 14)).encode()
    if name == "deadline_phrase_1mb":
        return ("Quý II/2024 và thực hiện thường xuyên; " * (mb // 45)).encode()
    if name == "number_digits_1mb":
        return b"1" * mb
    raise KeyError(name)


_GENERATED: dict[str, Path] = {}


def input_path(case: Case, tmp_root: Path) -> Path:
    if not case.generated:
        return BAD / case.input
    name = case.input[4:]
    if name not in _GENERATED:
        p = tmp_root / name
        p.write_bytes(_gen(name))
        _GENERATED[name] = p
    return _GENERATED[name]


@pytest.fixture(scope="module")
def tmp_root():
    with tempfile.TemporaryDirectory(prefix="da06-bad-") as d:
        root = Path(d)
        (root / "good_units.csv").write_text(GOOD_UNITS, encoding="utf-8")
        (root / "good_counts.csv").write_text(GOOD_COUNTS, encoding="utf-8")
        (root / "good_dossiers.csv").write_text(GOOD_DOSSIERS, encoding="utf-8")
        yield root
        _GENERATED.clear()


# ---------------------------------------------------------------------------------------------
# What a face answered

@dataclass
class Outcome:
    exit: int                # 0, 1 or 2 as the catalogue counts them; 70 for anything that must never happen
    text: str                # the message(s)
    locations: list[tuple[int, int, str]]  # (line, column, path) of every error
    detail: str              # for failure messages
    values: dict | None = None  # what the C and Python faces returned on success


# The child runs under a small wrapper process: Linux counts the RSS of the process that forks a child
# in the child's peak (the forked copy of its memory), so a child forked from pytest would report
# pytest's size. The wrapper is small; it reports the command's CPU time and peak RSS in a file.
_WRAPPER = ("import os, sys\n"
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    os.execv(sys.argv[2], sys.argv[2:])\n"
            "_, st, ru = os.wait4(pid, 0)\n"
            "open(sys.argv[1], 'w').write(f'{ru.ru_utime + ru.ru_stime} {ru.ru_maxrss * 1024}')\n"
            "code = os.waitstatus_to_exitcode(st)\n"
            "sys.exit(code if code >= 0 else 128 - code)\n")


def _run_child(args: list[str]):
    """Runs a command; returns (exit status, stdout, stderr, CPU seconds, peak RSS bytes)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as usage:
        code = subprocess.run([sys.executable, "-I", "-S", "-c", _WRAPPER, usage.name, *args], stdout=out,
                              stderr=err, check=False).returncode
        cpu, rss = (float(x) for x in (usage.read().split() or ["0", "0"]))
        out.seek(0)
        err.seek(0)
        return code, out.read(), err.read(), cpu, int(rss)


def cli_args(case: Case, path: Path, tmp_root: Path) -> list[str] | None:
    text = lambda: path.read_bytes()  # noqa: E731 - text arguments of the text readers
    r = case.reader
    if r == "framework":
        return ["validate", str(path)]
    if r == "units":
        return ["aggregate", str(tmp_root / "good_counts.csv"), "--units", str(path), "--to-level", "nation",
                "--as-of", "2024-06-30"]
    if r == "counts":
        return ["aggregate", str(path), "--units", str(tmp_root / "good_units.csv"), "--to-level", "nation",
                "--as-of", "2024-06-30"]
    if r == "schedule":
        return ["calendar", "holidays", "2027", "--schedule", str(path)]
    if r == "dossiers":
        return ["dossiers", "due", str(path)]
    if r == "rules":
        return ["dossiers", "index", str(tmp_root / "good_dossiers.csv"), "--rules", str(path)]
    if r == "period":
        return ["period", "parse", os.fsdecode(text())]
    if r == "deadline":
        return ["deadline", "parse", os.fsdecode(text()), "--json"]
    if r == "date":
        return ["calendar", "workdays", os.fsdecode(text()), os.fsdecode(text())]
    return None


def _locations_from_stderr(stderr: str, path: Path) -> list[tuple[int, int, str]]:
    out = []
    for line in stderr.splitlines():
        for prefix in (f"{path}:", f"da06: {path}:"):
            if line.startswith(prefix):
                rest = line[len(prefix):].split(":", 2)
                if len(rest) >= 2 and rest[0].isdigit() and rest[1].isdigit():
                    tail = rest[2] if len(rest) > 2 else ""
                    out.append((int(rest[0]), int(rest[1]), tail.strip().split(":")[0]))
                else:
                    out.append((0, 0, line[len(prefix):].strip().split(":")[0]))
    return out


def run_cli(cli: str, case: Case, path: Path, tmp_root: Path):
    args = cli_args(case, path, tmp_root)
    assert args is not None
    code, out, err, cpu, rss = _run_child([cli, *args])
    stderr = err.decode("utf-8", "replace")[:200_000]
    exit_ = code if code in (0, 1, 2) else 70
    if "internal error" in stderr:
        exit_ = 70
    stdout = out.decode("utf-8", "replace")[:20000]  # `validate` lists its diagnostics on stdout
    return Outcome(exit_, stderr + stdout, _locations_from_stderr(stderr + "\n" + stdout, path),
                   f"exit {code}; stderr {len(err)} bytes: {stderr[:600]} {stdout[:300]}"), cpu, rss, \
        len(err) + (len(out) if code != 0 else 0)


# The C ABI and the Python package. Small inputs are read in this process; generated (big) ones in a
# child process, which keeps a crash out of pytest and lets us measure the call alone: the child runs
# the same function and prints its result as one JSON line.

class _Err(C.Structure):
    _fields_ = [("code", C.c_int), ("message", C.c_char_p), ("file", C.c_char_p), ("line", C.c_int),
                ("column", C.c_int), ("path", C.c_char_p), ("field", C.c_char_p), ("index", C.c_int64)]


class _Period(C.Structure):
    _fields_ = [("kind", C.c_int), ("year", C.c_int32), ("index", C.c_int32)]


_LIBS: dict[str, C.CDLL] = {}


def _lib(libpath: str) -> C.CDLL:
    if libpath not in _LIBS:
        lib = C.CDLL(libpath)
        lib.da06_error_last.restype = C.POINTER(_Err)
        for name in ("da06_framework_free", "da06_units_free", "da06_calendar_free", "da06_string_free"):
            getattr(lib, name).argtypes = [C.c_void_p]
        _LIBS[libpath] = lib
    return _LIBS[libpath]


def c_call(libpath: str, reader: str, path: str) -> dict:
    """One call of the C ABI on the input; the status and the thread's error record."""
    lib = _lib(libpath)
    data = Path(path).read_bytes()
    P = C.c_void_p
    h, out, n = P(), P(), C.c_size_t()
    extra: dict = {}
    if reader == "framework":
        rc = lib.da06_framework_load_file(C.byref(h), os.fsencode(path))
        lib.da06_framework_free(h)
    elif reader == "units":
        rc = lib.da06_units_load_file(C.byref(h), os.fsencode(path))
        if rc == OK:
            cnt = C.c_size_t()
            lib.da06_units_count(h, C.byref(cnt))
            extra["count"] = cnt.value
        lib.da06_units_free(h)
    elif reader == "schedule":
        base = P()
        lib.da06_calendar_vn_public(C.byref(base))
        rc = lib.da06_calendar_add_schedule_json(C.byref(h), base, data, C.c_size_t(len(data)))
        lib.da06_calendar_free(h)
        lib.da06_calendar_free(base)
    elif reader == "period":
        rc = lib.da06_period_parse(data, C.c_size_t(len(data)), C.c_int32(0), C.byref(_Period()))
    elif reader == "deadline":
        rc = lib.da06_deadline_parse_json(data, C.c_size_t(len(data)), None, C.byref(out), C.byref(n))
        if rc == OK:
            extra["kind"] = json.loads(C.string_at(out.value, n.value))["kind"]
        lib.da06_string_free(out)
    elif reader == "number":
        dec = C.c_int()
        rc = lib.da06_parse_vn_number(data, C.c_size_t(len(data)), C.byref(out), C.byref(n), C.byref(dec))
        if rc == OK:
            extra["value"] = C.string_at(out.value, n.value).decode()
        lib.da06_string_free(out)
    elif reader == "date":
        day, base = C.c_int32(), P()
        lib.da06_calendar_vn_public(C.byref(base))
        rc = lib.da06_date_parse_iso(data, C.c_size_t(len(data)), C.byref(day))
        if rc == OK:
            rc = lib.da06_calendar_is_workday(base, C.byref(day), C.c_size_t(1), C.byref(C.c_uint8()))
        lib.da06_calendar_free(base)
    else:
        raise AssertionError(f"no C face for {reader}")
    e = lib.da06_error_last().contents
    text = lambda b: (b or b"").decode("utf-8", "replace")  # noqa: E731
    message = text(e.message)
    return {"rc": rc, "message": message[:100_000], "message_bytes": len(message), "line": e.line, "column": e.column,
            "path": text(e.path), **extra}


def py_call(reader: str, path: str) -> dict:
    """One call of the Python package on the input; the exception it raised, if any, and its location."""
    import warnings

    import da06
    data = Path(path).read_bytes()
    extra: dict = {}
    try:
        if reader == "framework":
            da06.load(path)
        elif reader == "units":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                extra["count"] = len(da06.Hierarchy.from_file(path))
        elif reader == "schedule":
            da06.Calendar.vietnam().with_schedule(data.decode("utf-8"))
        elif reader == "dossiers":
            t = da06.dossiers.read(path)
            if len(t.errors):
                # rows that could not be read: an error of the data, located in each message
                first = t.errors.iloc[0]
                message = "\n".join(t.errors["message"].astype(str).head(1000))
                return {"exc": "RowErrors", "message": message[:100_000], "message_bytes": len(message.encode()),
                        "line": 0, "column": 0, "path": "", "diagnostics": _row_locations(t.errors, path),
                        "field": str(first["field"])}
            extra["count"] = int((t.columns["unit"] >= 0).sum())
        elif reader == "rules":
            extra["version"] = da06.dossiers.IndexRules.from_json(data, path).version
        elif reader == "period":
            extra["code"] = da06.parse_period(data.decode("utf-8")).code
        elif reader == "deadline":
            extra["kind"] = da06.parse_deadline(data.decode("utf-8")).kind
        elif reader == "number":
            extra["value"] = str(da06.parse_number(data.decode("utf-8")))
        elif reader == "date":
            da06.Calendar.vietnam().is_workday(data.decode("utf-8"))
        else:
            raise AssertionError(f"no Python face for {reader}")
        return {"exc": None, **extra}
    except da06.Error as e:
        diags = [[d.line, d.column, d.path] for d in getattr(e, "diagnostics", []) if d.severity == "error"]
        message = str(e)
        return {"exc": type(e).__name__, "message": message[:100_000], "message_bytes": len(message.encode()),
                "line": e.line, "column": e.column, "path": e.path, "diagnostics": diags[:1000]}


def _row_locations(errors, path: str) -> list[list]:
    """(line, column, path) of each row error whose message starts FILE:LINE:COL."""
    out = []
    for m in errors["message"].astype(str).head(1000):
        if m.startswith(path + ":"):
            parts = m[len(path) + 1:].split(":", 2)
            if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
                out.append([int(parts[0]), int(parts[1]), ""])
    return out


_CHILD = ("import json, sys; sys.path.insert(0, sys.argv[1]); import test_bad_input_catalogue as t; "
          "print(json.dumps(t.{fn}(*sys.argv[2:])))")


def _call(fn: str, args: list[str], in_child: bool):
    """(result dict or None, CPU seconds, peak RSS, why it failed)."""
    if not in_child:
        return globals()[fn](*args), 0.0, 0, ""
    code, out, err, cpu, rss = _run_child([sys.executable, "-c", _CHILD.format(fn=fn), str(Path(__file__).parent), *args])
    if code == 0 and not out.strip():
        code = -1
    if code != 0:
        return None, cpu, rss, f"the child exited {code}: {err.decode('utf-8', 'replace')[-1500:]}"
    return json.loads(out), cpu, rss, ""


def _c_status_exit(rc: int) -> int:
    if rc == OK:
        return 0
    if rc in DATA_STATUSES:
        return 1
    if rc == EINVAL:
        return 2
    return 70


def run_c(libpath: str, case: Case, path: Path):
    r, cpu, rss, why = _call("c_call", [libpath, case.reader, str(path)], case.generated)
    if r is None:
        return Outcome(70, "", [], why), cpu, rss, 0
    loc = [(r["line"], r["column"], r["path"])] if r["rc"] != OK else []
    return Outcome(_c_status_exit(r["rc"]), r["message"], loc, f"status {r['rc']}: {r['message'][:600]}", r), cpu, rss, \
        r["message_bytes"]


def run_py(case: Case, path: Path):
    r, cpu, rss, why = _call("py_call", [case.reader, str(path)], case.generated)
    if r is None:
        return Outcome(70, "", [], why), cpu, rss, 0
    if r["exc"] is None:
        return Outcome(0, "", [], json.dumps(r), r), cpu, rss, 0
    exit_ = 2 if r["exc"] == "InvalidArgument" else 1
    locs = [tuple(d) for d in r["diagnostics"]] or [(r["line"], r["column"], r["path"])]
    return Outcome(exit_, r["message"], locs, f"{r['exc']}: {r['message'][:600]}"), cpu, rss, r["message_bytes"]


# ---------------------------------------------------------------------------------------------
# The checks

def check_outcome(case: Case, face: str, got: Outcome) -> None:
    assert got.exit != 70, f"{case.name} [{face}]: crash or internal error: {got.detail}"
    want = case.exit_of(face)
    assert got.exit == want, f"{case.name} [{face}]: expected exit {want}, got {got.exit}: {got.detail}"
    if want == 0:
        # `key=value`: what the C and Python faces must return (a count, a kind, a value)
        if "=" in case.message and got.values is not None:
            key, value = case.message.split("=", 1)
            assert str(got.values.get(key)) == value, f"{case.name} [{face}]: {key} {got.values.get(key)!r}, not {value}"
        return
    if case.message:  # "a|b": either
        assert any(m in got.text for m in case.message.split("|")), \
            f"{case.name} [{face}]: message lacks {case.message!r}: {got.detail}"
    w = case.where
    if w == "-":
        return
    if w.startswith("$"):
        assert any(p == w for _, _, p in got.locations), f"{case.name} [{face}]: no error at {w}: {got.locations} {got.detail}"
    elif w.startswith("@"):
        if face == "cli":
            return  # the CLI words a text argument's column in its message ("at byte N")
        col = int(w[1:])
        assert any(c == col for _, c, _ in got.locations), f"{case.name} [{face}]: no error at column {col}: {got.locations}"
    else:
        line, col = (int(x) for x in w.split(":"))
        assert any((ln, c) == (line, col) for ln, c, _ in got.locations), \
            f"{case.name} [{face}]: no error at {line}:{col}: {got.locations} {got.detail}"


def _params():
    out = []
    for case in CASES:
        for face in case.faces:
            marks = []
            if case.xfails(face):
                marks.append(pytest.mark.xfail(reason=case.xfail, strict=True))
            out.append(pytest.param(case, face, id=f"{case.name}-{face}", marks=marks))
    return out


@pytest.fixture(scope="session")
def libpath():
    cands = [os.environ.get("DA06_LIB"), os.environ.get("DA06_BUILD_DIR") and
             str(Path(os.environ["DA06_BUILD_DIR"]) / "libda06.so.1"),
             str(REPO / "build" / "release" / "libda06.so.1")]
    for c in cands:
        if c and Path(c).exists():
            return c
    pytest.skip("libda06.so.1 is not built (run tools/dev.sh test)")


@pytest.mark.parametrize("case,face", _params())
def test_catalogue(case: Case, face: str, cli, libpath, tmp_root):
    if face == "cpp":
        pytest.skip("the C++ face is checked by the doctest case 'bad-input catalogue: the C++ readers'")
    path = input_path(case, tmp_root)
    if face == "cli":
        got, cpu, rss, err_bytes = run_cli(cli, case, path, tmp_root)
        assert err_bytes <= MESSAGE_MAX, f"{case.name} [cli]: {err_bytes} bytes of messages (bounded excerpts expected)"
    elif face == "c":
        got, cpu, rss, err_bytes = run_c(libpath, case, path)
    elif face == "py":
        got, cpu, rss, err_bytes = run_py(case, path)
    else:
        raise AssertionError(f"unknown face {face}")
    check_outcome(case, face, got)
    assert err_bytes <= MESSAGE_MAX, f"{case.name} [{face}]: a message of {err_bytes} bytes (bounded excerpts expected)"
    if case.generated and not UNDER_ASAN:  # ASan's shadow memory and slower code would not fit the bounds
        size = path.stat().st_size
        bound = MEMORY_BASE + MEMORY_PER_INPUT_BYTE * size
        assert cpu <= CPU_SECONDS, f"{case.name} [{face}]: {cpu:.1f} s of CPU (limit {CPU_SECONDS} s)"
        assert rss <= bound, f"{case.name} [{face}]: peak {rss >> 20} MiB for {size >> 20} MiB of input (bound {bound >> 20} MiB)"


def test_catalogue_is_well_formed():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    readers = {"framework", "units", "counts", "mapping", "schedule", "period", "deadline", "number", "date",
               "dossiers", "rules"}
    for c in CASES:
        assert c.reader in readers, c
        assert set(c.faces) <= {"cli", "c", "py", "cpp"}, c
        assert c.exit in (0, 1, 2) and all(v in (0, 1, 2) and f in c.faces for f, v in c.face_exit), c
        if not c.generated:
            assert (BAD / c.input).is_file(), f"{c.name}: {c.input} does not exist"
    # every file of the catalogue's folders is used by a case
    used = {c.input for c in CASES if not c.generated}
    for folder in ("framework", "units", "counts", "mapping", "schedule", "text", "dossiers", "rules"):
        for p in (BAD / folder).iterdir():
            assert f"{folder}/{p.name}" in used, f"tests/data/bad/{folder}/{p.name} is in no case of catalogue.tsv"
    # every reader appears, every face of it
    assert {c.reader for c in CASES} == readers
