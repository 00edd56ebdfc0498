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
  medians of the CPU time each process reports at its first paint of the text (ratio, target
  <= 1.5x), wall time, and peak RSS (memory ratio printed). The checked figure measures both
  programs installed, that is with the bytecode of everything they import present: an
  installed application has its bytecode (pip compiles the modules it installs; ``make run``
  compiles the project after its editable install, which does not; and where neither did, the
  first start writes it), and the floor's PySide6 and standard library have theirs. Comparing
  a start that compiles the project's modules with a floor whose libraries are compiled
  measures the compiler, not the start-up. So the benchmark compiles the project
  (``compileall``) into a bytecode folder of its own (``PYTHONPYCACHEPREFIX``) which both
  programs use, a warm-up run of each writes there whatever else it imports, and the measured
  runs only read it. The same starts with the project's own bytecode removed from that folder
  (compiled at every start, as this checkout runs under ``PYTHONDONTWRITEBYTECODE`` with no
  ``__pycache__``: the project's 31 modules loaded before the paint, ~410 KB of source,
  59-70 ms of CPU before this pass) are printed as the second figure. The workbench shows the
  text first and builds its panels, docks and menus right after (``MainWindow.finish_startup``):
  the time to that complete window is printed too, and the process CPU from ``wait4``
  (exit included) beside it. A watcher reports both from the event loop and then quits; in
  the product it goes on the workbench's QApplication once ``ui.app`` is loaded, changing no
  import order.
  First figures (2026-11-29, loaded machine, no bytecode cache as the checkout runs): 0.54-0.61
  s of CPU against 0.17-0.19 s, 3.2-3.4x; peak RSS 90 MB against 63 MB, 1.42x.
  Text first (2026-11-29, load 3, the two checkouts alternately in one run, medians of 7):
  first paint 495 -> 340 ms of CPU against the floor's 137 ms (3.62x -> 2.49x); the complete
  window 498 -> 488 ms. Of the 340 ms: the interpreter 20, ``annotator`` (model) 27, PySide6
  65 (as the floor), ``annotator.project`` 130 (sqlite-utils with click, pluggy, dateutil and
  sqlite_fts4 62, ``annotator.store`` 21, ``annotator.search`` 18, ``annotator.schema`` 16),
  ``ui.docview.view`` 41, the rest of ``ui.app`` 18, the QApplication 7, the window with its
  view 15, opening the project and reading the document 10, show and paint 4.
  Bytecode: this environment sets ``PYTHONDONTWRITEBYTECODE`` and the checkout has no
  ``__pycache__``, so each start as run here compiles the 31 project modules loaded before the
  first paint (~410 KB of source, 59-70 ms of CPU: ``annotator.store`` 14-20, ``annotator.project``
  8-10, ``ui.docview.text_view`` 4, ``annotator.cli`` 4, ``annotator.schema.model`` 3.5), while
  the floor's PySide6 and standard library have theirs. Until 2026-11-29 that compiling start
  was the checked figure; since then it is the installed one (above), and the compiling one is
  printed.
  Collector off until the first paint, no ``annotator.cli_commands`` for ``gui`` (2026-11-29,
  load 3.4-3.7, three runs): compiling 261-272 ms against 137-141 ms, 1.90-1.93x; cached
  203-212 ms against 135-142 ms, 1.48-1.50x; peak RSS 87 MB against 61 MB.
  Checked figure installed (2026-11-29, load 2.6-2.7, three runs): 205-239 ms against
  135-161 ms, 1.52x, 1.48x, 1.51x (median 1.51x); compiling 260-268 ms against 135-139 ms,
  1.91-1.93x.
  Only the Regular font face before the paint, no ``importlib.resources``, the document view's
  rarely used Qt types (QUrl, QHelpEvent, QPainter...) and ``annotator.commands`` only where
  used (2026-11-29, load 3.9-4.3, five runs): 201-213 ms against 136-147 ms, 1.45x, 1.46x,
  1.46x, 1.47x, 1.48x (median 1.46x: passes, with little margin); compiling 253-285 ms
  against 136-155 ms, 1.82-1.90x; the complete window 303-319 ms; peak RSS 86 MB against
  61 MB.
  Left before the paint (installed, ms of CPU, ``-X importtime`` self times of what the floor
  does not load): the ``Qt`` namespace's 93 enum classes 14-15 (PySide6 makes them all on the
  first touch of ``Qt``; the document view needs ``Qt.AlignmentFlag.AlignJustify`` and its
  cursor and selection flags before it paints, and PySide6 takes no int for them), the
  model's dataclasses 8 (the importers' ``Imported*`` and ``Problem`` could live in a module
  only importing loads), the schema's 4.4 (``Project.open`` reads the schema), ``hashlib``
  2.4 and ``platformdirs`` 2.9 (``annotator.store``), ``uuid`` with ``platform`` 2.7
  (``annotator.project`` through ``annotator.uuids``).
  Measured again 2026-11-30 at 1.51-1.53x (208.8 ms against 136.4 ms). Three modules loaded
  before the paint only for what is used after it: ``ui.widgets`` (for ``fit_to_screen``; its
  delegates' and painters' Qt types, QStyle's and QPalette's enums among them, 10 ms of import
  self time) now ``ui.screen``; the importers' dataclasses (``Imported*``, ``Problem``) out
  of ``annotator.model`` into ``annotator.imported``; ``KeyMenu`` and ``shortcut_text``
  (QAction, QKeySequence, QMenu and QMessageBox at import) out of ``ui.i18n`` into
  ``ui.keys``. The two checkouts alternately in one run, medians of 9 (load 1.6-1.9):
  211.9 -> 204.5 ms, then 210.6 -> 203.3 ms, against the floor's 138.0 and 137.5 ms:
  1.53x -> 1.48x. Not worth it, found on the way: the enums PySide6 makes inside the text
  view's constructor (1,339 members, "SliderAction"...) are the watcher's (its event filter
  receives objects Python has not seen yet, whose type PySide6 finds by trying every
  QWidget subclass); the floor carries the same watcher and pays the same.

First figures (2026-11-29, load average 3-7 on 2 cores): tokenize 23.8 ms of CPU (the
scan alone 17 ms); annotator.store 354 ms of CPU (pandas and numpy loaded); --help 568 ms of
CPU (1.28 s wall) against 51 ms (124 ms wall) for ``import annotator``: 11.2x.

Run with ``pytest -s tests/benchmarks/bench_startup.py``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

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
    \"\"\"Report (on stderr) this process's CPU time and the wall clock when a text view
    showing text first paints (``paint``: the first paint of the document), and again once
    every window that builds itself after its first paint says ``is_complete()``
    (``complete``: the workbench's panels, docks and menus built and the project shown in
    them; the floor is complete at its first paint); then quit from the event loop. PySide6
    is imported here, when the application exists, so that the watcher changes nothing in what
    the measured program imports, or in which order.
    \"\"\"
    import resource
    import sys
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QPlainTextEdit

    def report(what):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        print(f"{what}-at {cpu} {time.time()}", file=sys.stderr)

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
                report("paint")
                QTimer.singleShot(0, self.when_complete)
            return False

        def when_complete(self):
            windows = [w for w in app.topLevelWidgets() if hasattr(w, "is_complete")]
            if all(w.is_complete() for w in windows):
                report("complete")
                app.quit()
            else:  # the next turn of the event loop builds it
                QTimer.singleShot(0, self.when_complete)

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


class Started(NamedTuple):
    """One start: CPU seconds and wall seconds to the first paint and to the complete window
    (as the process reported them), and of the whole process (``cpu``, ``wall``: from
    ``wait4``, exit included), and its peak resident MB."""

    paint_cpu: float
    paint_s: float
    complete_cpu: float
    complete_s: float
    cpu: float
    wall: float
    mb: float


def run_usage(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> Started:
    """One whole process, started from ``cwd`` (its code is imported from there)."""
    with tempfile.TemporaryFile() as errors:
        epoch = time.time()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if proc.returncode != 0:  # not an AssertionError: see test_gui_start
        raise RuntimeError(f"{cmd[:2]} failed:\n{err}")
    said = {line.split()[0]: line.split()[1:] for line in err.splitlines() if " " in line}
    if "paint-at" not in said or "complete-at" not in said:
        raise RuntimeError(f"{cmd[:2]} never painted its text:\n{err}")
    (paint_cpu, paint_at), (complete_cpu, complete_at) = (
        [float(x) for x in said[k]] for k in ("paint-at", "complete-at")
    )
    return Started(
        paint_cpu,
        paint_at - epoch,
        complete_cpu,
        complete_at - epoch,
        usage.ru_utime + usage.ru_stime,
        elapsed,
        int(said["peak-kb"][0]) / 1024,
    )


def gui_env(folder: Path) -> dict[str, str]:
    """Offscreen, settings and data in ``folder`` (an annotator remembered: no name prompt),
    the sample project made there, and all bytecode read and written in ``folder /
    "bytecode"`` (``PYTHONPYCACHEPREFIX``: the standard library's and PySide6's too, so that
    both programs use the same cache, whatever the checkout holds; see ``gui_starts``)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "PYTHONPYCACHEPREFIX": str(folder / "bytecode"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the warm-ups write it
    settings = folder / "config" / "annotator" / "annotator.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[General]\nannotator=bench\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-c", "import sys; from ui.app import sample_project_path as s; "
         "from pathlib import Path; s(Path(sys.argv[1]))", str(folder)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return env


def has_bytecode(env: dict[str, str], source: Path) -> bool:
    """Whether a process started with ``env`` finds cached bytecode for ``source``."""
    code = (
        "import importlib.util, os, sys\n"
        "print(os.path.exists(importlib.util.cache_from_source(sys.argv[1])))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(source)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "True"


def gui_starts(
    folder: Path, runs: int = 5, roots: tuple[Path, ...] = (ROOT,), installed: bool = True
) -> tuple[list[list[Started]], list[Started]]:
    """Cold starts of ``annotator gui SAMPLE`` from each checkout in ``roots`` and of a bare
    QMainWindow painting the same text in a QPlainTextEdit, run alternately after one warm-up
    each (offscreen, settings, data and bytecode in ``folder``: ``gui_env``): the products'
    runs, the floor's.

    ``installed`` (the checked figure): both programs start with the bytecode of everything
    they import present, as an installed application has it. The project's packages of every
    checkout are compiled first (``compileall``, as ``pip install`` does and ``make run`` does
    after its editable install), the warm-up run of each program writes the bytecode of
    whatever else it imports (the standard library, PySide6). Otherwise (the compiling figure)
    the project's own bytecode is removed after the warm-ups: every start compiles the
    project's modules while the floor's libraries have their bytecode, as a checkout runs under
    ``PYTHONDONTWRITEBYTECODE``. Either way the measured runs write no bytecode."""
    from ui.app import SEED

    env = gui_env(folder)
    if installed:
        for root in roots:
            compile_project = [sys.executable, "-m", "compileall", "-q", "annotator", "ui"]
            subprocess.run(compile_project, cwd=root, env=env, check=True)
    text = ROOT / "resources" / "samples" / SEED
    product = [sys.executable, "-c", PRODUCT_GUI, str(folder / "sample.annotator")]
    floor = [sys.executable, "-c", FLOOR_GUI, str(text)]
    for root in roots:
        run_usage(product, env, root)
    run_usage(floor, env)
    env = {**env, "PYTHONDONTWRITEBYTECODE": "1"}
    for root in roots:
        if not installed:
            project_bytecode = Path(env["PYTHONPYCACHEPREFIX"] + str(root.resolve()))
            for package in ("annotator", "ui"):
                shutil.rmtree(project_bytecode / package)
        assert has_bytecode(env, root / "ui" / "app.py") == installed, root
    assert has_bytecode(env, Path(shutil.__file__))  # the standard library's, for both
    done: list[list[Started]] = [[] for _ in roots]
    bare: list[Started] = []
    for _ in range(runs):
        for k, root in enumerate(roots):
            done[k].append(run_usage(product, env, root))
        bare.append(run_usage(floor, env))
    return done, bare


def medians(rows: list[Started]) -> Started:
    return Started(*(statistics.median(r[i] for r in rows) for i in range(len(Started._fields))))


def gui_start(folder: Path, runs: int = 5) -> dict[str, float]:
    """Medians of cold starts of the workbench and of the floor (``gui_starts``), both
    programs installed (their bytecode present: the checked figure): to the first paint of the
    text (CPU, wall), to the complete window, whole processes, peak memory; and the first paint
    again with the project's modules compiled at each start (``compiling_*``; the floor's
    libraries have their bytecode), as this checkout runs here."""
    done, bare = gui_starts(folder / "installed", runs)
    gui, floor = medians(done[0]), medians(bare)
    done_as_run, bare_as_run = gui_starts(folder / "as-run", runs, installed=False)
    gui_as_run, floor_as_run = medians(done_as_run[0]), medians(bare_as_run)
    return {
        "compiling_gui_cpu_s": gui_as_run.paint_cpu,
        "compiling_bare_cpu_s": floor_as_run.paint_cpu,
        "compiling_gui_ratio": gui_as_run.paint_cpu / floor_as_run.paint_cpu,
        "gui_cpu_s": gui.paint_cpu,
        "gui_s": gui.paint_s,
        "gui_complete_cpu_s": gui.complete_cpu,
        "gui_complete_s": gui.complete_s,
        "gui_process_cpu_s": gui.cpu,
        "gui_mb": gui.mb,
        "bare_cpu_s": floor.paint_cpu,
        "bare_s": floor.paint_s,
        "bare_process_cpu_s": floor.cpu,
        "bare_mb": floor.mb,
        "gui_ratio": gui.paint_cpu / floor.paint_cpu,
        "gui_complete_ratio": gui.complete_cpu / floor.paint_cpu,
        "gui_mb_ratio": gui.mb / floor.mb,
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


def test_gui_start(bench: Record, tmp_path: Path) -> None:
    fig = gui_start(tmp_path)
    print(
        f"\nGUI cold start (sample project), whole processes, both programs' bytecode present "
        f"(installed), medians of 5 run alternately: annotator gui to its first paint of the "
        f"text CPU {fig['gui_cpu_s'] * 1000:.0f} ms, wall {fig['gui_s'] * 1000:.0f} ms; bare "
        f"QMainWindow + QPlainTextEdit (floor) CPU {fig['bare_cpu_s'] * 1000:.0f} ms, wall "
        f"{fig['bare_s'] * 1000:.0f} ms: CPU ratio {fig['gui_ratio']:.2f}x (target <= "
        f"{GUI_TARGET}x), wall ratio {fig['gui_s'] / fig['bare_s']:.2f}x\n"
        f"  to the complete window (panels, docks, menus, the layer shown): CPU "
        f"{fig['gui_complete_cpu_s'] * 1000:.0f} ms, wall {fig['gui_complete_s'] * 1000:.0f} ms, "
        f"{fig['gui_complete_ratio']:.2f}x the floor's CPU; whole processes (exit included) CPU "
        f"{fig['gui_process_cpu_s'] * 1000:.0f} ms against {fig['bare_process_cpu_s'] * 1000:.0f}"
        f" ms; peak RSS {fig['gui_mb']:.0f} MB against {fig['bare_mb']:.0f} MB, "
        f"{fig['gui_mb_ratio']:.2f}x\n"
        f"  compiling the project's own modules at each start, as this checkout runs under "
        f"PYTHONDONTWRITEBYTECODE (printed, not checked; PySide6 and the standard library have "
        f"their bytecode): first paint CPU "
        f"{fig['compiling_gui_cpu_s'] * 1000:.0f} ms against "
        f"{fig['compiling_bare_cpu_s'] * 1000:.0f} ms, {fig['compiling_gui_ratio']:.2f}x"
    )
    bench("startup.gui", fig["gui_s"], "s")
    bench("startup.gui_cpu", fig["gui_cpu_s"], "s")
    bench("startup.gui_floor_cpu", fig["bare_cpu_s"], "s")
    bench("startup.gui_ratio", fig["gui_ratio"], "x", f"<= {GUI_TARGET}")
    bench("startup.gui_complete_cpu", fig["gui_complete_cpu_s"], "s")
    bench("startup.gui_complete_ratio", fig["gui_complete_ratio"], "x")
    bench("startup.gui_mb", fig["gui_mb"], "MB")
    bench("startup.gui_floor_mb", fig["bare_mb"], "MB")
    bench("startup.gui_mb_ratio", fig["gui_mb_ratio"], "x")
    bench("startup.gui_compiling_cpu", fig["compiling_gui_cpu_s"], "s")
    bench("startup.gui_compiling_floor_cpu", fig["compiling_bare_cpu_s"], "s")
    bench("startup.gui_compiling_ratio", fig["compiling_gui_ratio"], "x")
    assert fig["gui_ratio"] <= GUI_TARGET
