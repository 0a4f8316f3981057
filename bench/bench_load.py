"""Loading a framework file with many observations: `da06 validate` against DuckDB's and Python's JSON readers.

    .venv/bin/python bench/bench_load.py [--observations 1000000] [--repeats 3] [--cli build/release/da06]

The file is the embedded dataset's head (units, indicators) with N generated ratio observations
(166 communes x 50 indicators x 12 months is ~100 k; the default 1 M is a whole region's monthly
data). Each contender runs in a child process, so its peak resident memory (ru_maxrss of the child)
is its own:

- da06: `da06 validate FILE`: parse, check every field and cross-reference, locate nothing (the file is valid);
- duckdb: `SELECT count(*) FROM read_json(FILE, ...)` over the observations array (parse and build columns,
  no checks);
- python: `json.load` (the document tree, no checks).

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
    units = [{"id": "TH", "name": "Thanh Hóa", "level": "province"}]
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
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cli")
    args = ap.parse_args()
    cli = find_built(args.cli, ["build/release/da06"], "the da06 program")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.json")
        make_file(path, args.observations)
        size = os.path.getsize(path) / 2**20
        print(f"{args.observations} observations, {size:.0f} MiB of JSON")
        contenders: dict[str, list[str]] = {"da06 validate": [cli, "validate", path]}
        try:
            import duckdb  # noqa: F401
            contenders["duckdb read_json"] = [sys.executable, "-c", CHILD["duckdb"], path]
        except ImportError:
            print("duckdb: not installed (pip install da06[duckdb]); left out")
        contenders["python json.load"] = [sys.executable, "-c", CHILD["python"], path]
        results: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeats):  # interleaved rounds: the machine's load hits every contender alike
            for name, cmd in contenders.items():
                wall, rss, _out = run_child(cmd)
                best = results.get(name, (float("inf"), 0.0))
                results[name] = (min(best[0], wall), max(best[1], rss))
        base = results["da06 validate"][0]
        print(f"{'contender':<20} {'best s':>8} {'peak MiB':>9} {'vs da06':>8}")
        for name, (wall, rss) in results.items():
            print(f"{name:<20} {wall:8.2f} {rss:9.0f} {wall / base:7.2f}x")


if __name__ == "__main__":
    main()
