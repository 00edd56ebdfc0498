"""The benchmarks of ``tests/benchmarks`` at small sizes, in the normal test run (issue 12): a
slow path that comes back shows up in CI at once, not at the next ``make bench``.

Only ratios are checked (to a floor measured in the same test, or between two sizes), and the
bounds are generous: the machine running the tests may be loaded. Each bound is far from what
the slow path it guards gave (in brackets: the figure before the fix, on a loaded machine).
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.benchmarks.bench_conll_import import measure_conll_import
from tests.benchmarks.bench_edit import measure_edits
from tests.benchmarks.bench_export import measure_export
from tests.benchmarks.bench_import import measure_import
from tests.benchmarks.bench_review import measure_compare
from tests.benchmarks.bench_startup import pandas_loaded_by
from tests.benchmarks.corpus import Layout, build_project


def test_import_ratio(tmp_path: Path) -> None:
    fig = measure_import(tmp_path, 100, rounds=2)
    assert fig["ratio"] >= 0.05, fig  # full size: target 0.5x (0.16x at 10,000 documents)


def test_conll_import_ratio(tmp_path: Path) -> None:
    fig = measure_conll_import(tmp_path, 300, rounds=2)
    # full size: target 0.5x (0.75-0.77x at 10,000 documents, 0.65-0.69x at 300); wall and
    # CPU time both held to the bound
    assert fig["ratio"] >= 0.1 and fig["cpu_ratio"] >= 0.1, fig


def test_export_ratio(tmp_path: Path) -> None:
    path = tmp_path / "export.annotator"
    build_project(path, 200, {"bench": Layout(spans=100)})
    fig = measure_export(path, tmp_path, rounds=2)
    assert fig["ratio"] >= 0.15, fig  # full size: target 0.5x (0.42x at 300 documents)


def test_edits_against_one_row_edit(tmp_path: Path) -> None:
    path = tmp_path / "edit.annotator"
    build_project(path, 1_000, {"bench": Layout(spans=20)}, statuses=True)
    # CPU time: each edit's commit waits for its fsync, and on a loaded CI machine those waits
    # made a wall-time ratio of these sub-millisecond figures swing past its bound (a relabel
    # once read 6.2x a 0.64 ms floor)
    fig = measure_edits(path, 1_000, samples=9, clock=time.thread_time)
    floor = fig.pop("commit_floor_ms")
    slow = {k: round(v / floor, 1) for k, v in fig.items() if v > 5 * floor}
    assert not slow, (floor, slow)  # full size: <= 3x (DeleteEvent ~17x at 4,000 arguments)


def test_review_compare_grows_linearly() -> None:
    small = measure_compare(500, rounds=7)["compare_s"]
    big = measure_compare(8_000, rounds=5)["compare_s"]
    # 16 times the spans: linear 16x (46-58x measured: caches and the allocator grow with it),
    # quadratic 256x (the scanning version: about 400x)
    assert big / small <= 150, (small, big)


def test_opening_a_project_loads_no_pandas() -> None:
    assert not pandas_loaded_by(
        "import tempfile, pathlib\nfrom annotator.project import Project\n"
        "Project.create(pathlib.Path(tempfile.mkdtemp()) / 'p.annotator').close()"
    )
