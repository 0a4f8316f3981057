"""Every example in README.md and docs/*.md runs here, and the output it shows is compared.

The pages are found by glob, so a new page under docs/ is checked without touching this file.
How a page marks its examples (Markdown fenced blocks; the first word after the fence is the language):

```console``   Commands, cram-style. A line starting with ``$ `` is a command; the lines after it, up to
                the next ``$ `` line or the end of the block, are what it prints (standard output and
                standard error together, as a terminal shows them). A command whose exit status is not 0
                shows it as a last line ``[N]``; without that line the status must be 0. A command that
                prints nothing shows nothing. A command line ending in `` \\`` continues on the next line.
                In the expected output a line ``…`` on its own (indented or not) stands for any number of
                lines (zero or more), and a line ending in ``…`` matches any line that starts with the text before it.
                CRLF line ends in the output compare as LF.
                The commands run with bash in a scratch directory that mirrors the repository (every
                top-level entry is a symlink), so relative paths such as ``tests/data/bad/feb30.json``
                resolve and files an example writes stay out of the tree. ``da06`` and
                ``build/release/da06`` are the CLI under test, ``python`` is this interpreter, and the
                environment is fixed (``TZ=UTC``, ``LC_ALL=C.UTF-8``, ``COLUMNS=100``).
```python``    Python. A block with ``>>>`` lines is a doctest session, checked by the standard
                ``doctest`` module with ``ELLIPSIS`` (``...`` in an expected output matches anything); a
                block without them is run as a script and must not raise. All Python blocks of a page
                share one namespace, run in page order, in the same scratch directory as the console
                blocks.
``file=NAME``   A block of any language whose info string carries ``file=NAME`` (```` ```json file=s2027.json ````)
                is written to NAME in the page's scratch directory before the page's examples run, so an
                example can use a file the page shows.
``twin=PATH``   A ``cpp`` or ``c`` block whose info string carries ``twin=PATH`` shows that program of
                examples/ (built and run by ctest): the block must equal the file after its leading
                ``//`` comment lines.
``norun``       A ``console`` or ``python`` block whose info string has the word ``norun`` is not run; it
                is reported as a skipped test naming the page and line, never dropped silently. Use it
                only for what cannot run here (network, system paths).
```sh``        Instructions for a person (install, build, regenerate), never run. A ``da06`` command in a
                ``sh`` block is an error: command examples belong in ``console`` blocks. A ``$ `` line
                outside a ``console`` block is an error too.

Everything else (``cpp`` and ``c`` fragments, ``json``, ``text``, synopses in plain fences) is shown, not
run. Outputs that would depend on today's date
or on the machine are made deterministic in the docs themselves (``--as-of``), not skipped.
"""
from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO, _find_cli

PAGES = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])
PAGE_IDS = [str(p.relative_to(REPO)) for p in PAGES]

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# A da06 command as a shell line: `da06 …`, `build/release/da06 …`, `python -m da06 …`.
DA06_COMMAND = re.compile(r"^(\$ )?(\S*/)?(da06|(\S*/)?python3? -m da06)(\s|$)")
ANY_LINES = "…"


@dataclass
class Block:
    page: Path
    line: int                   # 1-based line of the opening fence
    lang: str
    words: list[str]            # the info string's other words
    text: str

    @property
    def where(self) -> str:
        return f"{rel(self.page)}:{self.line}"

    def option(self, name: str) -> str | None:
        for w in self.words:
            if w.startswith(name + "="):
                return w[len(name) + 1:]
        return None

    @property
    def file_name(self) -> str | None:
        return self.option("file")


def rel(page: Path) -> str:
    return str(page.relative_to(REPO)) if page.is_relative_to(REPO) else str(page)


def blocks_of(page: Path) -> list[Block]:
    """The fenced blocks of a Markdown page (fences may be indented, e.g. inside a list item)."""
    out: list[Block] = []
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"].strip()
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines):
            close = FENCE.match(lines[i])
            if close and close["fence"].startswith(fence[0]) and len(close["fence"]) >= len(fence) \
                    and not close["info"].strip():
                break
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        i += 1
        words = info.split()
        out.append(Block(page, start + 1, words[0] if words else "", words[1:], "\n".join(body) + "\n"))
    return out


# --- the scratch directory -------------------------------------------------------------------------

def _cli() -> str:
    path = _find_cli()
    if path is None:
        pytest.skip("the da06 CLI is not built (run tools/dev.sh test)")
    return path


def make_scratch(tmp: Path, blocks: list[Block]) -> tuple[Path, dict[str, str]]:
    """A directory that looks like the repository, with da06 and python on PATH; the page's files in it."""
    work = tmp / "work"
    work.mkdir()
    for entry in REPO.iterdir():
        if entry.name.startswith(".") or entry.name == "build":
            continue
        (work / entry.name).symlink_to(entry)
    cli = _cli()
    (work / "build" / "release").mkdir(parents=True)
    (work / "build" / "release" / "da06").symlink_to(cli)
    bindir = tmp / "bin"
    bindir.mkdir()
    (bindir / "da06").symlink_to(cli)
    for name in ("python", "python3"):  # a wrapper, not a symlink: a venv's python finds its venv by its path
        (bindir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
        (bindir / name).chmod(0o755)
    for b in blocks:
        if b.file_name:
            target = work / b.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(b.text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DA06_", "PYTEST"))}
    env.update(PATH=f"{bindir}{os.pathsep}{env.get('PATH', '')}", TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8",
               COLUMNS="100", PYTHONIOENCODING="utf-8", PYTHONPATH=str(REPO / "python"))
    return work, env


# --- console blocks --------------------------------------------------------------------------------

@dataclass
class Command:
    line: int                   # 1-based line in the page
    command: str
    expected: list[str] = field(default_factory=list)
    status: int = 0


def commands_of(block: Block) -> list[Command]:
    cmds: list[Command] = []
    lines = block.text.rstrip("\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("$ "):
            first = i
            text = line[2:]
            while text.endswith("\\") and i + 1 < len(lines):
                i += 1
                text = text[:-1] + "\n" + lines[i].removeprefix("> ")
            cmds.append(Command(block.line + 1 + first, text))
        elif not cmds:
            raise AssertionError(f"{block.where}: a console block starts with a command line ('$ …'), not {line!r}")
        else:
            cmds[-1].expected.append(line)
        i += 1
    for c in cmds:
        if c.expected and re.fullmatch(r"\[\d+\]", c.expected[-1]):
            c.status = int(c.expected.pop()[1:-1])
    return cmds


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """`…` alone (indented or not) matches any run of lines; a line ending in `…` matches by prefix."""
    def match(i: int, j: int) -> bool:
        while i < len(expected):
            e = expected[i]
            if e.strip() == ANY_LINES:
                return any(match(i + 1, k) for k in range(j, len(actual) + 1))
            if j >= len(actual):
                return False
            a = actual[j]
            if e.endswith(ANY_LINES):
                if not a.startswith(e[:-1]):
                    return False
            elif e != a:
                return False
            i, j = i + 1, j + 1
        return j == len(actual)
    return match(0, 0)


def run_command(cmd: Command, cwd: Path, env: dict[str, str]) -> tuple[int, list[str]]:
    p = subprocess.run(["bash", "-c", cmd.command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=300)
    text = p.stdout.decode("utf-8", errors="replace").replace("\r\n", "\n")  # SDMX-CSV ends lines with CRLF
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return p.returncode, lines


def check_console(block: Block, cwd: Path, env: dict[str, str]) -> list[str]:
    failures: list[str] = []
    for cmd in commands_of(block):
        status, actual = run_command(cmd, cwd, env)
        if status != cmd.status or not output_matches(cmd.expected, actual):
            want = "\n".join(cmd.expected + ([f"[{cmd.status}]"] if cmd.status else []))
            got = "\n".join(actual + ([f"[{status}]"] if status else []))
            failures.append(f"{rel(block.page)}:{cmd.line}: $ {cmd.command}\n"
                            f"--- shown in the docs\n{want}\n--- printed\n{got}\n")
    return failures


# --- python blocks ---------------------------------------------------------------------------------

class _Collect(doctest.DocTestRunner):
    def __init__(self) -> None:
        super().__init__(optionflags=doctest.ELLIPSIS, verbose=False)
        self.messages: list[str] = []

    def report_failure(self, out, test, example, got):  # type: ignore[no-untyped-def]
        self.messages.append(f"{test.name}:{test.lineno + example.lineno + 1}: >>> {example.source.rstrip()}\n"
                             f"--- shown in the docs\n{example.want}--- printed\n{got}")

    def report_unexpected_exception(self, out, test, example, exc_info):  # type: ignore[no-untyped-def]
        import traceback
        exc = "".join(traceback.format_exception_only(*exc_info[:2]))
        self.messages.append(f"{test.name}:{test.lineno + example.lineno + 1}: >>> {example.source.rstrip()}\n"
                             f"--- raised\n{exc}")


def check_python(block: Block, globs: dict[str, object]) -> list[str]:
    name = rel(block.page)
    if ">>>" not in block.text:
        try:
            code = compile(block.text, f"{block.where} (python block)", "exec")
            exec(code, globs)
        except Exception as e:  # noqa: BLE001 - every failure of a doc example is reported with its place
            import traceback
            return [f"{block.where}: the script raised\n{''.join(traceback.format_exception(e)[-3:])}"]
        return []
    test = doctest.DocTestParser().get_doctest(block.text, globs, name, name, block.line)
    runner = _Collect()
    runner.run(test, clear_globs=False, out=lambda s: None)
    globs.update(test.globs)  # a DocTest works on a copy; the page's next block sees these names
    return runner.messages


# --- the tests -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_examples(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every console and python block of the page, in page order, sharing one scratch directory."""
    blocks = blocks_of(page)
    runnable = [b for b in blocks if b.lang in ("console", "python") and "norun" not in b.words]
    if not runnable:
        return
    work, env = make_scratch(tmp_path, blocks)
    if any(b.lang == "python" for b in runnable):
        pytest.importorskip("da06._core", reason="da06._core is not built (tools/dev.sh builds it)")
    monkeypatch.chdir(work)
    globs: dict[str, object] = {"__name__": "__doc_example__"}
    failures: list[str] = []
    for b in runnable:
        failures += check_console(b, work, env) if b.lang == "console" else check_python(b, globs)
    assert not failures, f"{len(failures)} doc example(s) disagree with the program:\n\n" + "\n".join(failures)


NORUN = [b for p in PAGES for b in blocks_of(p) if b.lang in ("console", "python") and "norun" in b.words]


@pytest.mark.parametrize("block", NORUN or [None], ids=[b.where for b in NORUN] or ["none"])
def test_norun_blocks_are_reported(block: Block | None) -> None:
    if block is not None:
        pytest.skip(f"{block.where}: {block.lang} block marked norun")


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_command_examples_are_in_console_blocks(page: Path) -> None:
    """A da06 command shown anywhere but a console block would not be run, so it is refused."""
    bad = []
    for b in blocks_of(page):
        if b.lang == "console":
            continue
        for k, line in enumerate(b.text.split("\n")):
            where = f"{b.where.rsplit(':', 1)[0]}:{b.line + 1 + k}"
            if line.startswith("$ "):
                bad.append(f"{where}: '$ ' command outside a console block: {line}")
            elif b.lang in ("sh", "bash", "shell") and DA06_COMMAND.match(line.strip()):
                bad.append(f"{where}: da06 command in a {b.lang} block (move it to a console block): {line}")
    assert not bad, "\n".join(bad)


TWINS = [b for p in PAGES for b in blocks_of(p) if b.option("twin")]


@pytest.mark.parametrize("block", TWINS, ids=[b.where for b in TWINS])
def test_program_blocks_equal_their_twins_in_examples(block: Block) -> None:
    twin = REPO / str(block.option("twin"))
    lines = twin.read_text(encoding="utf-8").split("\n")
    while lines and (lines[0].startswith("//") or not lines[0].strip()):
        lines.pop(0)
    assert block.text.rstrip("\n") == "\n".join(lines).rstrip("\n"), f"{block.where} differs from {twin}"


def test_the_runner_reads_the_conventions(tmp_path: Path) -> None:
    """The extractor and the matcher on a page written for the purpose (so the runner itself can fail)."""
    page = tmp_path / "page.md"
    page.write_text("text\n\n  ```console\n  $ echo a; echo b >&2; exit 3\n  a\n  b\n  [3]\n  ```\n\n"
                    "```python\n>>> 1 + 1\n2\n```\n\n```json file=x.json\n{}\n```\n", encoding="utf-8")
    blocks = blocks_of(page)
    assert [(b.lang, b.line, b.file_name) for b in blocks] == [("console", 3, None), ("python", 10, None),
                                                                ("json", 15, "x.json")]
    (cmd,) = commands_of(blocks[0])
    assert (cmd.line, cmd.command, cmd.expected, cmd.status) == (4, "echo a; echo b >&2; exit 3", ["a", "b"], 3)
    assert run_command(cmd, tmp_path, dict(os.environ)) == (3, ["a", "b"])
    assert output_matches(["a", "…", "z"], ["a", "z"])
    assert output_matches(["{", "  …"], ["{", "  x", "}"])
    assert output_matches(["a", "…", "z"], ["a", "b", "c", "z"])
    assert not output_matches(["a", "…", "z"], ["a", "b"])
    assert output_matches(["line st…"], ["line starts here"])
    assert not output_matches(["line st…"], ["line"])
    assert not output_matches(["a"], ["a", "b"])
    assert not output_matches(["a", "b"], ["a"])
    globs: dict[str, object] = {}
    assert check_python(blocks[1], globs) == []
    wrong = Block(page, 1, "python", [], ">>> 1 + 1\n3\n")
    assert len(check_python(wrong, globs)) == 1


ISSUE_REFERENCE = re.compile(r"\bissues? #?\d+|(?<![\w&/#\"])#\d+\b", re.IGNORECASE)
TEXT_SUFFIXES = {".md", ".py", ".pyi", ".cpp", ".hpp", ".c", ".h", ".txt", ".cmake", ".sh", ".toml", ".j2", ".in",
                 ".java", ".json", ".tsv"}


def _repository_text_files() -> list[Path]:
    """The tracked text files (the embedded dataset and fuzz corpora aside), or docs and tests without git."""
    try:
        out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
        files = [REPO / f for f in out.split("\n") if f]
    except (OSError, subprocess.CalledProcessError):
        files = [*PAGES, *(REPO / "tests").rglob("*")]
    return [f for f in files if f.is_file() and f.suffix in TEXT_SUFFIXES and f != Path(__file__)
            and not f.is_relative_to(REPO / "data") and "corpus" not in f.parts]


def test_no_tracker_issue_numbers_in_the_repository() -> None:
    """Docs say what is; the tracker's numbers mean nothing to a reader of the repository."""
    hits = []
    for f in _repository_text_files():
        for n, line in enumerate(f.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
            for m in ISSUE_REFERENCE.finditer(line):
                if m.group(0).startswith("#") and (f.suffix == ".j2" or "#,##" in line):
                    continue        # CSS colours in templates, spreadsheet number formats
                hits.append(f"{f.relative_to(REPO)}:{n}: {line.strip()}")
    assert not hits, "\n".join(hits)


CONFLICT_MARKER = re.compile(r"^(<{7} |={7}$|>{7} )")


def test_no_merge_conflict_markers_in_the_repository() -> None:
    """A merge left unresolved is a defect even where nothing compiles it (docs, templates, data tables)."""
    hits = [f"{f.relative_to(REPO)}:{n}: {line}"
            for f in _repository_text_files()
            for n, line in enumerate(f.read_text(encoding="utf-8", errors="replace").split("\n"), 1)
            if CONFLICT_MARKER.match(line)]
    assert not hits, "\n".join(hits)


def test_readme_layout_names_every_top_level_folder() -> None:
    """README's Layout block lists each folder of the repository (not the ignored build/ and .venv/)."""
    heading = (REPO / "README.md").read_text(encoding="utf-8").split("\n").index("## Layout") + 1
    layout = next(b.text for b in blocks_of(REPO / "README.md") if b.line > heading)
    listed = {line.split("/")[0] for line in layout.split("\n") if line and not line.startswith(" ")}
    ignored = {line.strip().strip("/") for line in (REPO / ".gitignore").read_text().split("\n")}
    folders = {p.name for p in REPO.iterdir() if p.is_dir() and p.name not in ignored
               and (not p.name.startswith(".") or p.name == ".ci") and not p.name.endswith(".egg-info")}
    assert folders - listed == set(), "folders missing from README's Layout"
    assert listed - folders == set(), "README's Layout lists folders that do not exist"


def test_package_docstring_examples() -> None:
    """The ``>>>`` examples in python/da06's docstrings, with ``da06``, ``np``, ``pd``, ``cal`` (the public
    calendar) and ``fw`` (the embedded framework) already defined, as the docstrings assume."""
    pytest.importorskip("da06._core", reason="da06._core is not built (tools/dev.sh builds it)")
    import importlib
    import pkgutil

    import numpy as np
    import pandas as pd

    import da06

    extra = {"da06": da06, "np": np, "pd": pd, "cal": da06.Calendar.vietnam(), "fw": da06.load_default()}
    finder = doctest.DocTestFinder(exclude_empty=True)
    failures: list[str] = []
    count = 0
    names = ["da06", *(f"da06.{m.name}" for m in pkgutil.iter_modules(da06.__path__) if m.name != "__main__")]
    for name in names:
        module = importlib.import_module(name)
        for test in finder.find(module, name, extraglobs=extra):
            if not test.examples:
                continue
            count += len(test.examples)
            runner = _Collect()
            runner.run(test, out=lambda s: None)
            failures += runner.messages
    assert count >= 10, f"only {count} docstring examples found"
    assert not failures, f"{len(failures)} docstring example(s) disagree with the program:\n\n" + "\n".join(failures)


REPO_PATH = re.compile(r"`([^`\s]+)`|\]\(([^)\s#]+)")


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_paths_named_in_the_docs_exist(page: Path) -> None:
    """A file or folder of the repository named in `code` (``src/x.cpp``), or a relative Markdown link,
    exists: moving or renaming a file cannot leave the docs pointing at nothing. Placeholders such as
    ``<N>`` or ``*`` are not paths, and neither are build outputs (``build/…``, ``dist/…``): a folder the
    .gitignore names at the top exists only once something was built, and differs between machines."""
    ignored = {
        line.strip().strip("/")
        for line in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("/")
    }
    tops = {p.name for p in REPO.iterdir() if p.is_dir() and p.name not in ignored}
    missing = []
    for n, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
        for m in REPO_PATH.finditer(line):
            code, link = m.group(1), m.group(2)
            if link is not None:
                if not link.startswith(("http:", "https:", "mailto:")) and not (page.parent / link).exists():
                    missing.append(f"{rel(page)}:{n}: link {link}")
                continue
            path = code.rstrip(".,;:")
            if "/" in path and path.split("/")[0] in tops and not any(c in path for c in "*<>[]{}|…$"):
                if not (REPO / path).exists():
                    missing.append(f"{rel(page)}:{n}: {path}")
    assert not missing, "\n".join(missing)
