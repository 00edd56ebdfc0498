"""Start-up costs, measured in fresh processes (issue 12).

* ``import annotator.formats.tokens`` once its own dependencies are loaded (the module's own work:
  it scanned 0x30000 code points for combining marks, 180 ms). Target < 20 ms.
* ``annotator --help`` against ``python -c "import annotator"`` as whole processes, run
  alternately, medians; the ratio is on CPU time (user + system, from ``wait4``), wall time
  printed beside it. Target <= 1.3x.
* ``import annotator.store`` (sqlite-utils imports pandas and numpy when they are installed:
  0.6-0.8 s), and whether pandas ends up loaded by opening a project.

* The GUI's cold start: ``annotator gui SAMPLE`` (the console script's path, on the sample
  project, offscreen) until the document view has painted the text, against a bare PySide6
  QMainWindow painting the same text in a QPlainTextEdit; whole processes run alternately,
  medians of CPU time (ratio, target <= 1.5x), wall time and peak RSS (memory ratio printed).
  A watcher quits each process from its event loop at that first paint; in the product it
  goes on the workbench's QApplication once ``ui.app`` is loaded, changing no import order.
  First figures (2026-11-29, loaded machine, no bytecode cache as the checkout runs): 0.54-0.61
  s of CPU against 0.17-0.19 s, 3.2-3.4x; peak RSS 90 MB against 63 MB, 1.42x.

First figures (2026-11-29, load average 3-7 on 2 cores): tokenize 23.8 ms of CPU (the
scan alone 17 ms); annotator.store 354 ms of CPU (pandas and numpy loaded); --help 568 ms of
CPU (1.28 s wall) against 51 ms (124 ms wall) for ``import annotator``: 11.2x.

Run with ``pytest -s tests/benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.benchmarks.history import Record

ROOT = Path(__file__).resolve().parents[2]
TOKENIZE_TARGET_MS = 20.0
HELP_TARGET = 1.3
GUI_TARGET = 1.5


def _python(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def import_ms(module: str, after: tuple[str, ...] = (), runs: int = 5) -> float:
    """Median CPU milliseconds of ``import module`` in a fresh process, ``after`` imported
    first."""
    pre = "".join(f"import {m}\n" for m in after)
    code = (
        f"{pre}import time\nt = time.process_time()\nimport {module}\n"
        "print((time.process_time() - t) * 1000)"
    )
    return statistics.median(float(_python(code)) for _ in range(runs))


def annotator_command() -> list[str]:
    script = Path(sys.executable).parent / "annotator"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.entry"]


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, cmd
    return elapsed, usage.ru_utime + usage.ru_stime


def help_ratio(runs: int = 7) -> dict[str, float]:
    """Medians of ``annotator --help`` and of ``python -c "import annotator"``, run
    alternately after one warm-up each: wall and CPU seconds. The ratio is taken on CPU time,
    which a shared, loaded machine disturbs far less than wall time."""
    cmd = [*annotator_command(), "--help"]
    bare = [sys.executable, "-c", "import annotator"]
    run(cmd), run(bare)
    helped, floor = [], []
    for _ in range(runs):
        helped.append(run(cmd))
        floor.append(run(bare))
    help_cpu = statistics.median(c for _, c in helped)
    floor_cpu = statistics.median(c for _, c in floor)
    return {
        "help_s": statistics.median(w for w, _ in helped),
        "import_annotator_s": statistics.median(w for w, _ in floor),
        "help_cpu_s": help_cpu,
        "import_annotator_cpu_s": floor_cpu,
        "help_ratio": help_cpu / floor_cpu,
    }


# -- the GUI: a cold start to a painted window, against a bare PySide6 window -----------------
WATCH = """
def peak_rss():
    \"\"\"This process's peak resident set (VmHWM, kB) to stderr's last line: the parent's
    rusage would count the memory of the forked parent (pytest) as the child's own.\"\"\"
    import sys

    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"peak-kb {peak}", file=sys.stderr)


def watch_first_paint(app):
    \"\"\"Quit ``app`` (from its event loop) once a text view showing text has painted: the
    first paint of the document. PySide6 is imported here, when the application exists, so
    that the watcher changes nothing in what the measured program imports, or in which order.
    \"\"\"
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QPlainTextEdit

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj, event):
            view = obj.parent()
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and isinstance(view, QPlainTextEdit)
                and view.document().characterCount() > 1
            ):
                self.done = True
                QTimer.singleShot(0, app.quit)
            return False

    app.first_paint = FirstPaint()
    app.installEventFilter(app.first_paint)
    return app
"""

FLOOR_GUI = (
    WATCH
    + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

app = watch_first_paint(QApplication(["floor"]))
window = QMainWindow()
view = QPlainTextEdit()
view.setReadOnly(True)
view.setPlainText(open(sys.argv[1], encoding="utf-8").read())
window.setCentralWidget(view)
window.show()
app.exec()
peak_rss()
"""
)

PRODUCT_GUI = (
    WATCH
    + """
import builtins
import sys

real_import = builtins.__import__


def import_and_watch(name, *args, **kwargs):
    # once ui.app is loaded (when the gui command imports it), the watcher goes on the
    # workbench's own QApplication; nothing is imported earlier or in another order
    module = real_import(name, *args, **kwargs)
    app_module = sys.modules.get("ui.app")
    if app_module is not None and hasattr(app_module, "run") and not hasattr(app_module, "W"):
        make = app_module.application
        app_module.application = lambda *a, **k: watch_first_paint(make(*a, **k))
        app_module.W = True
    return module


builtins.__import__ = import_and_watch
from ui.entry import main

code = main(["gui", sys.argv[1]])
peak_rss()
sys.exit(code)
"""
)


def run_usage(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB as the process reported it) of one whole
    process."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if proc.returncode != 0:  # not an AssertionError: see test_gui_start
        raise RuntimeError(f"{cmd[:2]} failed:\n{err}")
    peak = [line.split()[1] for line in err.splitlines() if line.startswith("peak-kb ")]
    return elapsed, usage.ru_utime + usage.ru_stime, int(peak[-1]) / 1024


def gui_start(folder: Path, runs: int = 5) -> dict[str, float]:
    """Medians of a cold start of ``annotator gui SAMPLE`` to its first painted document
    and of a bare QMainWindow painting the same text in a QPlainTextEdit, run alternately
    after one warm-up each (offscreen, settings and data in ``folder``): wall, CPU, memory."""
    from ui.app import SEED

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
    }
    settings = folder / "config" / "annotator" / "annotator.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\nannotator=bench\n", encoding="utf-8")  # no name prompt
    text = ROOT / "resources" / "samples" / SEED
    sample = folder / "sample.annotator"
    subprocess.run(
        [sys.executable, "-c", "import sys; from ui.app import sample_project_path as s; "
         "from pathlib import Path; s(Path(sys.argv[1]))", str(folder)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    product = [sys.executable, "-c", PRODUCT_GUI, str(sample)]
    floor = [sys.executable, "-c", FLOOR_GUI, str(text)]
    run_usage(product, env), run_usage(floor, env)
    done, bare = [], []
    for _ in range(runs):
        done.append(run_usage(product, env))
        bare.append(run_usage(floor, env))

    def med(rows: list[tuple[float, float, float]], i: int) -> float:
        return statistics.median(r[i] for r in rows)

    return {
        "gui_s": med(done, 0),
        "gui_cpu_s": med(done, 1),
        "gui_mb": med(done, 2),
        "bare_s": med(bare, 0),
        "bare_cpu_s": med(bare, 1),
        "bare_mb": med(bare, 2),
        "gui_ratio": med(done, 1) / med(bare, 1),
        "gui_mb_ratio": med(done, 2) / med(bare, 2),
    }


def pandas_loaded_by(code: str) -> bool:
    return _python(f"{code}\nimport sys\nprint('pandas' in sys.modules)") == "True"


def measure_startup() -> dict[str, float]:
    deps = ("annotator.formats.common", "annotator.model", "annotator.schema")
    return {
        "tokenize_ms": import_ms("annotator.formats.tokens", deps),
        "store_ms": import_ms("annotator.store", ("annotator.model", "annotator.locking")),
        **help_ratio(),
        "pandas_on_open": float(
            pandas_loaded_by(
                "import tempfile, pathlib\nfrom annotator.project import Project\n"
                "Project.create(pathlib.Path(tempfile.mkdtemp()) / 'p.annotator').close()"
            )
        ),
    }


def test_startup(bench: Record) -> None:
    fig = measure_startup()
    print(
        f"\nstart-up: import annotator.formats.tokens (own work) {fig['tokenize_ms']:.1f} ms "
        f"(target < {TOKENIZE_TARGET_MS:.0f} ms); import annotator.store {fig['store_ms']:.0f} ms; "
        f"pandas loaded by creating a project: {bool(fig['pandas_on_open'])}\n"
        f"  annotator --help: CPU {fig['help_cpu_s'] * 1000:.0f} ms, wall "
        f"{fig['help_s'] * 1000:.0f} ms; python -c 'import annotator': CPU "
        f"{fig['import_annotator_cpu_s'] * 1000:.0f} ms, wall "
        f"{fig['import_annotator_s'] * 1000:.0f} ms (whole processes, medians of 7): CPU ratio "
        f"{fig['help_ratio']:.2f}x (target <= {HELP_TARGET}x), wall ratio "
        f"{fig['help_s'] / fig['import_annotator_s']:.2f}x"
    )
    bench("startup.tokenize_import", fig["tokenize_ms"], "ms", f"< {TOKENIZE_TARGET_MS:.0f} ms")
    bench("startup.store_import", fig["store_ms"], "ms")
    bench("startup.help", fig["help_s"], "s")
    bench("startup.help_cpu", fig["help_cpu_s"], "s")
    bench("startup.import_annotator", fig["import_annotator_s"], "s")
    bench("startup.import_annotator_cpu", fig["import_annotator_cpu_s"], "s")
    bench("startup.help_ratio", fig["help_ratio"], "x", f"<= {HELP_TARGET}")
    assert fig["tokenize_ms"] < TOKENIZE_TARGET_MS
    assert not fig["pandas_on_open"]
    assert fig["help_ratio"] <= HELP_TARGET


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="issue 12: the first paint still waits for sqlite-utils (annotator.store) and for "
    "every panel, menu and dialog module the main window builds before it is shown",
)
def test_gui_start(bench: Record, tmp_path: Path) -> None:
    fig = gui_start(tmp_path)
    print(
        f"\nGUI cold start to a painted document (sample project), whole processes, medians of "
        f"5 run alternately: annotator gui CPU {fig['gui_cpu_s'] * 1000:.0f} ms, wall "
        f"{fig['gui_s'] * 1000:.0f} ms, peak RSS {fig['gui_mb']:.0f} MB; bare QMainWindow + "
        f"QPlainTextEdit (floor) CPU {fig['bare_cpu_s'] * 1000:.0f} ms, wall "
        f"{fig['bare_s'] * 1000:.0f} ms, peak RSS {fig['bare_mb']:.0f} MB: CPU ratio "
        f"{fig['gui_ratio']:.2f}x (target <= {GUI_TARGET}x), wall ratio "
        f"{fig['gui_s'] / fig['bare_s']:.2f}x, memory ratio {fig['gui_mb_ratio']:.2f}x"
    )
    bench("startup.gui", fig["gui_s"], "s")
    bench("startup.gui_cpu", fig["gui_cpu_s"], "s")
    bench("startup.gui_floor_cpu", fig["bare_cpu_s"], "s")
    bench("startup.gui_ratio", fig["gui_ratio"], "x", f"<= {GUI_TARGET}")
    bench("startup.gui_mb", fig["gui_mb"], "MB")
    bench("startup.gui_floor_mb", fig["bare_mb"], "MB")
    bench("startup.gui_mb_ratio", fig["gui_mb_ratio"], "x")
    assert fig["gui_ratio"] <= GUI_TARGET
