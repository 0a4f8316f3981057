"""Loading big JSON files: a framework's observations and a units file, against DuckDB's, pandas' and Python's JSON readers.

    .venv/bin/python bench/bench_load.py [--observations 1000000] [--units 1000000] [--repeats 3] [--cli build/release/da06]

The file is the embedded dataset's head (units, indicators) with N generated ratio observations
(166 communes x 50 indicators x 12 months is ~100 k; the default 1 M is a whole region's monthly
data). Each contender runs in a child process, so its peak resident memory (ru_maxrss of the child)
is its own:

- da06: `da06 validate FILE`: parse, check every field and cross-reference, locate nothing (the file is valid);
- duckdb: `SELECT count(*) FROM read_json(FILE, ...)` over the observations array (parse and build columns,
  no checks);
- python: `json.load` (the document tree, no checks).

The units file (`--units N`, 0 to skip): one nation, 1 000 provinces and the rest districts, a bare
array of units as `da06.Hierarchy.from_file` reads it:

- da06: `da06.Hierarchy.from_file`: parse, check every field, then the hierarchy's checks (ids,
  parents, cycles, levels), with every unit located for its messages;
- duckdb: `read_json` with every field read (`count(DISTINCT id)` and the other columns);
- pandas: `pandas.read_json` (a DataFrame, no checks);
- python: `json.load`.

The peers check nothing, so they bound what a JSON reader costs; da06 does the parsing plus the checks.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import find_built  # noqa: E402


def make_file(path: str, n: int) -> None:
    units: list[dict[str, object]] = [{"id": "TH", "name": "Thanh Hóa", "level": "province"}]
    communes = [f"C{i:03d}" for i in range(166)]
    units += [{"id": c, "name": f"Xã {c}", "level": "commune", "parents": [{"parent": "TH"}]} for c in communes]
    indicators = [{"id": f"I{k:02d}", "name": f"Chỉ tiêu {k}", "kind": "ratio"} for k in range(50)]
    with open(path, "w", encoding="utf-8") as f:
        head = {"format": "da06-framework", "format_version": 1, "id": "bench", "units": units,
                "indicators": indicators}
        text = json.dumps(head, ensure_ascii=False)
        f.write(text[:-1] + ', "observations": [\n')
        for i in range(n):
            c, k, m = communes[i % 166], (i // 166) % 50, (i // 8300) % 12 + 1
            year = 2024 + i // 99600
            den = 100 + i % 997
            sep = ",\n" if i + 1 < n else "\n"
            f.write(f'{{"id": "o{i}", "indicator": "I{k:02d}", "unit": "{c}", "period": "{year}-M{m:02d}", '
                    f'"numerator": {den * (i % 89) // 89}, "denominator": {den}}}{sep}')
        f.write("]}\n")


CHILD = {
    "duckdb": ("import duckdb,sys; c=duckdb.connect(); "
               "print(c.sql(\"SELECT count(*) FROM (SELECT unnest(observations) FROM read_json(?, "
               "maximum_object_size=2000000000))\", params=[sys.argv[1]]).fetchall()[0][0])"),
    "python": "import json,sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))['observations']))",
}


def make_units_file(path: str, n: int) -> None:
    out = ['{"id": "VN", "name": "VN", "level": "nation"}']
    out += [f'{{"id": "P{p}", "name": "P", "level": "province", "parents": [{{"parent": "VN"}}]}}' for p in range(1000)]
    out += [f'{{"id": "D{d}", "name": "D", "level": "district", "valid_to": "2025-06-30", '
            f'"parents": [{{"parent": "P{d % 1000}"}}]}}' for d in range(max(0, n - 1001))]
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(out) + "\n]\n")


UNITS_CHILD = {
    "da06 Hierarchy.from_file": ("import da06,sys,warnings; warnings.simplefilter('ignore'); "
                                 "print(len(da06.Hierarchy.from_file(sys.argv[1])))"),
    "duckdb read_json": ("import duckdb,sys; print(duckdb.sql(\"SELECT count(DISTINCT id) + 0 * count(name) + 0 * count(level) "
                         "+ 0 * count(valid_to) + 0 * count(parents) FROM read_json(?, format='array')\", "
                         "params=[sys.argv[1]]).fetchall()[0][0])"),
    "pandas read_json": "import pandas,sys; print(len(pandas.read_json(sys.argv[1])))",
    "python json.load": "import json,sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))))",
}


def compare(contenders: dict[str, list[str]], repeats: int, expect: str | None) -> None:
    """Best wall time and peak memory of each contender; each must count `expect` records, when given."""
    results: dict[str, tuple[float, float]] = {}
    for _ in range(repeats):  # interleaved rounds: the machine's load hits every contender alike
        for name, cmd in contenders.items():
            wall, rss, out = run_child(cmd)
            if expect is not None and out.splitlines()[-1:] != [expect]:
                sys.exit(f"{name} counted {out!r}, not {expect}")
            best = results.get(name, (float("inf"), 0.0))
            results[name] = (min(best[0], wall), max(best[1], rss))
    base = next(iter(results.values()))[0]
    print(f"{'contender':<26} {'best s':>8} {'peak MiB':>9} {'vs da06':>8}")
    for name, (wall, rss) in results.items():
        print(f"{name:<26} {wall:8.2f} {rss:9.0f} {wall / base:7.2f}x")


def run_child(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MiB of the child, stdout)."""
    t0 = time.perf_counter()
    # A fresh wrapper process per run: ru_maxrss of RUSAGE_CHILDREN is the largest child so far,
    # so each measurement runs under its own `python -c` that reports its child's peak.
    wrapper = ("import resource,subprocess,sys,json; p=subprocess.run(sys.argv[1:],capture_output=True,text=True); "
               "print(json.dumps({'rc':p.returncode,'out':p.stdout[-2000:],'err':p.stderr[-2000:],"
               "'rss':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))")
    p = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    r = json.loads(p.stdout)
    if r["rc"] not in (0,):
        sys.exit(f"{cmd[0]} failed ({r['rc']}): {r['err']}")
    return wall, r["rss"] / 1024, r["out"].strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--observations", type=int, default=1_000_000)
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cli")
    args = ap.parse_args()
    cli = find_built(args.cli, ["build/release/da06"], "the da06 program")
    try:
        import duckdb  # noqa: F401
        have_duckdb = True
    except ImportError:
        have_duckdb = False
        print("duckdb: not installed (pip install da06[duckdb]); left out")
    with tempfile.TemporaryDirectory() as tmp:
        if args.observations > 0:
            path = os.path.join(tmp, "big.json")
            make_file(path, args.observations)
            size = os.path.getsize(path) / 2**20
            print(f"{args.observations} observations, {size:.0f} MiB of JSON")
            contenders: dict[str, list[str]] = {"da06 validate": [cli, "validate", path]}
            if have_duckdb:
                contenders["duckdb read_json"] = [sys.executable, "-c", CHILD["duckdb"], path]
            contenders["python json.load"] = [sys.executable, "-c", CHILD["python"], path]
            compare(contenders, args.repeats, None)  # `da06 validate` prints a summary, not a count
            os.remove(path)
        if args.units > 0:
            path = os.path.join(tmp, "units.json")
            make_units_file(path, args.units)
            n = max(args.units, 1001)
            print(f"\n{n} units, {os.path.getsize(path) / 2**20:.0f} MiB of JSON")
            units = {name: [sys.executable, "-c", code, path] for name, code in UNITS_CHILD.items()
                     if have_duckdb or not name.startswith("duckdb")}
            compare(units, args.repeats, str(n))


if __name__ == "__main__":
    main()
