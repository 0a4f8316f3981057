"""da06.plot (headless, Agg), the example notebook executed top to bottom, and mypy --strict."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import REPO, core

core()
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import da06  # noqa: E402


def test_days_off_and_gap_plots() -> None:
    from matplotlib.axes import Axes

    ax = da06.plot.days_off(da06.Calendar.vietnam(), 2026)
    assert isinstance(ax, Axes)
    img = ax.images[0].get_array()
    assert img.shape == (12, 31)
    import pandas as pd

    df = pd.DataFrame({"unit": ["A", "B", "C"], "gap": [0.05, -0.1, 0.0]})
    ax2 = da06.plot.gap_by_unit(df)
    labels = [t.get_text() for t in ax2.get_yticklabels()]
    assert labels == ["B", "C", "A"]  # sorted by gap
    assert [round(p.get_width(), 6) for p in ax2.patches] == [-10.0, 0.0, 5.0]  # percentage points
    import matplotlib.pyplot as plt

    plt.close("all")


def test_frame_plots() -> None:
    import matplotlib.pyplot as plt

    fw = da06.load_default()
    st = fw.task_status()
    ax = da06.plot.task_status(st)
    assert sum(p.get_height() for p in ax.patches) == len(st)
    ind = fw.indicators_frame()
    for t in ind["target"]:
        da06.plot.progress(ind, t)
        plt.close("all")
    with pytest.raises(KeyError):
        da06.plot.progress(ind, "no-such-target")


def test_notebook_runs_top_to_bottom() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    path = REPO / "examples" / "notebooks" / "thanhhoa_2024h1.ipynb"
    nb = nbformat.read(path, as_version=4)
    env_backend = os.environ.get("MPLBACKEND")
    # the kernel's inline backend renders PNGs without a display (Agg would not display them)
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                         resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend

    def text(i: int) -> str:
        out = []
        for o in nb.cells[i].get("outputs", []):
            out.append(o.get("text", ""))
            out.append(o.get("data", {}).get("text/plain", ""))
        return "".join(out)

    alltext = "\n".join(text(i) for i in range(len(nb.cells)))
    assert "received 2024-04-26, due 2024-05-07" in alltext
    assert "working days in 2024: 251" in alltext
    assert "overdue tasks" in alltext
    assert any(o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
               for c in nb.cells for o in c.get("outputs", []))
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_mypy_strict() -> None:
    if shutil.which("mypy", path=os.path.dirname(sys.executable)) is None:
        pytest.skip("mypy is not installed")
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict"], cwd=REPO, capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
