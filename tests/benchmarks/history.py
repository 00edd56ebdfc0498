"""The figures of one benchmark run, kept per commit and compared with the run before.

Each ``make bench`` run writes ``.benchmarks/<UTC time>_<commit>.json`` (the folder is
git-ignored): the commit hash, whether the checkout had uncommitted changes, the date, the
load average of the machine when the run started and ended, and every figure recorded by the
benchmarks (``record``). At the end of the run every figure is printed next to the same figure
of the most recent earlier run, with the change in per cent. Thresholds in the benchmarks are
ratios to a floor measured in the same run (or fixed budgets the issue sets), never a figure
from history: the history is for seeing drift, not for passing.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(os.environ.get("BENCH_HISTORY", ROOT / ".benchmarks"))

Record = Callable[..., None]
"""the ``bench`` fixture: ``bench(name, value, unit, target="", higher_is_better=False)``"""


@dataclass
class Figure:
    """One measured figure: ``value`` in ``unit``; ``target`` says what passes (text)."""

    name: str
    value: float
    unit: str
    target: str = ""
    higher_is_better: bool = False


@dataclass
class Run:
    commit: str
    dirty: bool
    date: str
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float] = (0.0, 0.0, 0.0)
    python: str = platform.python_version()
    cpus: int = os.cpu_count() or 0
    figures: dict[str, Figure] = field(default_factory=dict)


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def _load() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


def new_run() -> Run:
    return Run(
        commit=_git("rev-parse", "HEAD") or "unknown",
        dirty=bool(_git("status", "--porcelain", "--untracked-files=no")),
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        load_start=_load(),
    )


def record(
    run: Run, name: str, value: float, unit: str, target: str = "", higher_is_better: bool = False
) -> None:
    run.figures[name] = Figure(name, float(value), unit, target, higher_is_better)


def save(run: Run, folder: Path = FOLDER) -> Path:
    run.load_end = _load()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = run.date.replace("-", "").replace(":", "").replace("+0000", "Z")[:15]
    path = folder / f"{stamp}_{run.commit[:12]}.json"
    k = 1
    while path.exists():
        k += 1
        path = folder / f"{stamp}_{run.commit[:12]}_{k}.json"
    data = asdict(run)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_runs(folder: Path = FOLDER) -> list[tuple[Path, dict[str, Any]]]:
    """Every saved run, oldest first (unreadable files are skipped)."""
    out: list[tuple[Path, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("figures"), dict):
            out.append((path, data))
    out.sort(key=lambda item: (str(item[1].get("date", "")), item[0].name))
    return out


def _fmt(value: float, unit: str) -> str:
    if unit == "s" and value < 1:
        return _fmt(value * 1000, "ms")
    if unit == "ms" and value < 10:
        return f"{value:.3g} ms"
    if unit == "ms" or unit == "MB":
        return f"{value:.1f} {unit}"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.3g} {unit}"


def comparison(run: Run, folder: Path = FOLDER, exclude: Path | None = None) -> list[str]:
    """Lines: every figure of ``run`` next to the latest earlier run that has it."""
    runs = [(p, d) for p, d in load_runs(folder) if p != exclude]
    load = ", ".join(f"{x:.1f}" for x in run.load_start)
    dirty = " + uncommitted changes" if run.dirty else ""
    lines = [
        f"benchmark figures, commit {run.commit[:12]}{dirty}, load average at start {load} "
        f"({run.cpus} CPUs)"
    ]
    for name in sorted(run.figures):
        fig = run.figures[name]
        prev: dict[str, Any] | None = None
        prev_run: dict[str, Any] | None = None
        for _path, data in reversed(runs):
            if name in data["figures"]:
                prev, prev_run = data["figures"][name], data
                break
        now = _fmt(fig.value, fig.unit)
        target = f" [target {fig.target}]" if fig.target else ""
        if prev is None or prev_run is None:
            lines.append(f"  {name}: {now}{target} (no earlier run)")
            continue
        before = float(prev["value"])
        change = (fig.value - before) / before * 100 if before else float("inf")
        better = (change > 0) == fig.higher_is_better
        verdict = "same" if abs(change) < 5 else "better" if better else "worse"
        prev_load = prev_run.get("load_start") or [0.0]
        lines.append(
            f"  {name}: {now}{target}; previous {_fmt(before, fig.unit)} "
            f"({str(prev_run.get('commit', ''))[:12]}, {prev_run.get('date', '')}, load "
            f"{float(prev_load[0]):.1f}): {change:+.1f}% ({verdict})"
        )
    return lines
