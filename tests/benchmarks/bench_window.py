"""The whole main window on a 1 MB Arabic document with 20,000 spans in the analyst's layer.

Unlike ``bench_docview`` (the bare view widget), every figure here goes through
``ui.workbench.mainwindow.MainWindow`` with all its docks (document list, annotation list,
events panel, validation panel, details) and the arc overlay, reading the project from SQLite:

a) open the document until every panel is filled and the view shows all 20,000 spans (the
   whole layer read, the annotation list, events panel and arcs filled, the viewport painted),
   against the like-for-like floor measured in the same run (issue 12): the same widget class
   (QPlainTextEdit, which lays out lazily: only what is painted), the same font, size and text
   option, the document's text and its 20,000 span ranges and labels read from the same
   project file with the standard library's ``sqlite3``, and the 20,000 background formats
   applied in one pass the fastest way Qt offers: one ``QTextLayout.setFormats`` per block
   (what QSyntaxHighlighter does inside, without a cursor, edit block or relayout), then the
   first screen painted. Targets: <= 1.5x that floor and < 1 s. The first paint (the first
   screen shown while the rest is read) is kept as a second figure, held to <= 1.5x the same
   floor. Where the whole path went on 2026-11-29 (CPU time, load 4, per-call timers): 560 ms
   against the floor's 55 ms; the annotation list (20,000 QTreeWidgetItems, its columns sized
   to their contents) ~210 ms, reading the layer (``Project.layer``: 20,000 spans, 1,000
   events, 2,000 arguments as records) ~100 ms, the list's rows and the view's spans ~50 ms,
   the events panel and arcs ~50 ms, the document view itself (text, index, paints) ~35 ms.
   After the events panel moved to a model over its rows (no item per row) and the event
   tools stopped indexing the spans twice (2026-11-29, load 2, both checkouts in one run):
   193 -> 170 ms against 60 ms (3.3x -> 2.8x), the event tools' refresh 48 -> 14 ms, the
   layer read (``Project.layer``) 60 ms of what is left.
   After the window reads the layer lazily (2026-11-29, load 3.7-4.2, both checkouts
   alternated in one run, CPU time): 181-186 -> 117-133 ms against the floor's 58-63 ms
   (2.9-3.2x -> 1.9-2.0x; first paint 0.46x -> 0.30x). ``Project.layer(..., lazy=True)`` reads
   the spans as columns in one query of seven cells (``LazyRecords``) and a span record is
   made only when something reads it; every panel is still filled with every row and count,
   which the checks below read after the figure: the view holds all 20,000 spans (its index
   is built from the fields and makes the spans it paints or is asked for), the annotation
   list all 20,000 rows (it makes the records of the rows on screen), the arcs and the events
   panel every event (their 3,000 trigger and argument spans are made). What is left (CPU
   time, load 4): the spans' query ~22 ms, events and arguments ~6 ms, the event tools
   (arcs, events panel) ~15 ms, the collector's young-generation pass after the layer is
   read ~8 ms (some 20,000 new objects, none garbage), the first screen's paint ~8 ms and
   the whole window's ~20 ms plus ~5 ms of item views laid out late, the text ~7 ms.
   After the load's objects go straight to the oldest generation (``collector.promote``: no
   young pass over them) and the arcs and events panel read their 3,000 spans' offsets and
   texts from the columns, once for both (2026-11-29, quiet machine, load 0.1-0.5, three
   runs): 93-98 ms against the floor's 54-57 (1.66-1.79x, median 1.72x; CPU 94-99 against
   55-56). Per call (CPU, ms): the spans' query 26.7 (the floor's 12.5; its text cells alone
   ~9, 20,000 Arabic strings decoded, which the events panel, the annotation list and the
   Problems panel's check of the stored text read), events, arguments and relations 6.1,
   the event tools 15.8 (arcs 4.1, events panel 3.7, its rows 2.3), the text 6.9, the
   paints 13.0, the view's index 2.5, the annotation list 2.1.
   After a span's stored text and clock are read when first needed (the query reads uuid,
   offsets, label and one extra cell: 27 -> ~19 ms against the floor's 12), the events panel
   and arcs show the covered text from the offsets, the arcs' ranges and indexes are made in C
   passes, ``Link`` is a named tuple, the offset map skips its scan of a BMP-only text and the
   span index's running maximum is copied where the ends rise (2026-11-29, quiet machine, load
   0.2-1.2): CPU 84-90 ms against the floor's 55-61, wall ratio 1.42, 1.47, 1.48, 1.49, 1.50
   and, in ``make bench``'s run, 1.53x: at the target, not under it with a margin. What is
   left (CPU, ms): the spans' query ~19 (the floor's 12: the uuid column and the extra cell),
   events and arguments ~6, the event tools ~15 (arcs ~4, the events panel's rows ~2 and its
   tree's layout ~3, placing 3,000 spans ~1.5, links ~1.5), the paints ~14 (two, as the
   floor's), the text ~6.5, and Qt's own work for the docks' widgets ~12.
   The two paints were one too many: the arc overlay, a transparent child of the viewport,
   asked for its own repaint when its arcs changed, and Qt composes a transparent widget's
   region from the window down, so the viewport was painted on its own and then again under
   the overlay, after the docks (Qt's ``qt.widgets.painting`` log). The overlay now repaints
   through the viewport (560c2b2): one viewport paint per open. First runs (load 1.2-2.3):
   72 and 71 ms against the floor's 60 and 56, 1.20x and 1.27x. Since the docks' lists are now
   painted after the checked point (in the same window repaint), the time to the end of that
   event-loop turn is printed beside it (79 ms, 1.41x, in its first run).
   (Until 2026-11-29 the figure was the first paint only, against a floor applying the formats
   with ``QTextCursor.mergeCharFormat`` in an edit block: 27 ms against 70 ms, 0.39x, while the
   whole layer took 456 ms, unchecked, on a quiet machine.)
b) create a span with the label hotkey (select a word, key press on the view → span saved in
   the database → viewport repainted): median and p90 < 16 ms over 50 spans (issue 12; CPU
   time printed beside, for a loaded machine);
c) scroll page by page with the arcs of 1,000 events shown: median and p95 viewport repaint
   < 16 ms (issue 12); printed beside it, the time from the scroll to the new page painted
   (its first paint: Qt lays its lines out and the view measures its spans);
d) peak RSS of the process < 400 MB;
e) the first edit after opening the document: CPU time within the later edits' median + 20 ms.

Run with ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -s -p no:xdist
tests/benchmarks/bench_window.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import resource
import sqlite3
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt
from PySide6.QtGui import QPaintEvent, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from annotator.model import Argument, Event, Span
from annotator.project import Project
from tests.benchmarks.history import Record
from ui.docview.colors import TINT_ALPHA, tint
from ui.docview.fonts import document_font
from ui.docview.sides import OWN_SIDE
from ui.docview.view import DocumentView
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.validation_panel import SHOWN_CHECK_MS

Project_ = tuple[Path, int, int, list[tuple[int, int]]]
SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
ME = "bench"
SPANS = 20_000
EVENT_EVERY = 20  # one Conflict.Attack trigger per 20 spans, with an Attacker and a Place
LABELS = ("ORG", "LOC", "PER", "GPE")
SIZE = (1400, 900)
TARGET_MS = 16.0


def big_text() -> str:
    """The seed article repeated to 1 MB of UTF-8."""
    seed = SEED.read_text(encoding="utf-8")
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        parts.append(seed)
        size += len(seed.encode("utf-8")) + 1
    return "\n".join(parts)


def word_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\w+", text)]


def uid(kind: str, k: int) -> str:
    return f"{kind}0000000-0000-0000-0000-{k:012d}"


def build_project(path: Path) -> tuple[int, int, list[tuple[int, int]]]:
    """A project with a small document and the big one; returns (small id, big id, the
    (start, end) of the spans, for the floor)."""
    text = big_text()
    words = word_ranges(text)
    step = len(words) // SPANS  # every span on its own word: new spans go between them
    with Project.create(path) as p:
        small = p.add_document("نص قصير عن بغداد.", name="a-small")
        doc = p.add_document(text, name="b-big")
        spans: list[Span] = []
        records: list[Span | Event | Argument] = []
        for k in range(SPANS):
            start, end = words[k * step]
            group = k % EVENT_EVERY
            label = (
                "Conflict.Attack" if group == 0 else "PER" if group == 1 else
                "GPE" if group == 2 else LABELS[k % len(LABELS)]
            )  # fmt: skip
            spans.append(
                Span(uid("a", k), doc.id, ME, start, end, label, text[start:end],
                     clock=p.clock.tick())
            )  # fmt: skip
        records += spans
        for k in range(0, SPANS - 2, EVENT_EVERY):
            ev = uid("b", k)
            records.append(Event(ev, doc.id, ME, "Conflict.Attack", uid("a", k),
                                 clock=p.clock.tick()))  # fmt: skip
            records.append(Argument(uid("c", k), ev, doc.id, ME, "Attacker", uid("a", k + 1),
                                    clock=p.clock.tick()))  # fmt: skip
            records.append(Argument(uid("d", k), ev, doc.id, ME, "Place", uid("a", k + 2),
                                    clock=p.clock.tick()))  # fmt: skip
        with p.batch() as bulk:
            bulk.add_annotators([ME])
            bulk.put(records)
        return small.id, doc.id, [(s.start, s.end) for s in spans]


@pytest.fixture(scope="module")
def bench_project(tmp_path_factory: pytest.TempPathFactory) -> Project_:
    path = tmp_path_factory.mktemp("bench") / "big.annotator"
    small, big, ranges = build_project(path)
    return path, small, big, ranges


class PaintCounter(QObject):
    """Counts paint events of a widget and the time spent inside each one."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, bench_project: Project_) -> Iterator[MainWindow]:
    """The window shown on the small document (the big one is opened by the tests)."""
    path = bench_project[0]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("annotator", ME)
    session = Session()
    w = MainWindow(session, settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    session.open_project(path)
    assert w.ensure_annotator()
    w.resize(*SIZE)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    QApplication.processEvents()
    yield w
    session.close()


class PaintProbe(QWidget):
    """A transparent child laid over the view's viewport, created last: Qt paints children
    after their parent in the same pass, so its paint times are when the viewport (text, span
    marks and the arc overlay) has been painted."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setGeometry(parent.rect())
        self.painted: list[float] = []
        self.show()

    @property
    def painted_at(self) -> float | None:
        return self.painted[0] if self.painted else None

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted.append(time.perf_counter())


def open_big(w: MainWindow, big: int) -> tuple[float, float, float]:
    """Seconds from opening the document to its first painted viewport, to the whole path:
    every panel filled from the whole layer (a big document's off-screen part is read after
    the first paint) and the viewport painted with it, and to the end of the event-loop turn
    that painted it (the docks' lists are painted in the same window repaint, after the
    viewport; printed beside the checked figure)."""
    probe = PaintProbe(w.view.viewport())
    start = time.perf_counter()
    w.navigation.open_document(big)
    QApplication.processEvents()
    if probe.painted_at is None:  # nothing painted yet: force the first paint
        w.view.viewport().repaint()
    first = probe.painted_at
    assert first is not None
    while w.model.is_loading():
        QApplication.processEvents()
    painted = len(probe.painted)
    QApplication.processEvents()  # the repaints the whole layer posted
    if len(probe.painted) == painted:  # none posted: paint it now, so it is counted
        w.view.viewport().repaint()
    settled = time.perf_counter() - start
    whole = probe.painted[-1] - start
    probe.deleteLater()
    QApplication.processEvents()
    return first - start, whole, settled


FloorInput = tuple[Path, int, str, dict[str, QTextCharFormat]]
"""project file, document id, annotator, a background format per label"""


def floor_input(w: MainWindow, path: Path, big: int) -> FloorInput:
    """What the floor starts from, as the window starts from an open project: the file, the
    document, the layer and the label colours of the schema (as the product's tint)."""
    project = w.session.project
    assert project is not None
    formats = {}
    for label in project.schema.span_labels():
        fmt = QTextCharFormat()
        fmt.setBackground(tint(label.color, TINT_ALPHA))
        formats[label.name] = fmt
    return path, big, ME, formats


def floor_whole(data: FloorInput, size: QSize) -> tuple[float, int]:
    """Seconds to read the document's text and its layer's span ranges and labels with
    ``sqlite3``, show the text in a QPlainTextEdit like the view's, apply one background format
    per span with ``QTextLayout.setFormats`` (one call per block) and paint the first screen;
    and the number of format ranges applied (checked against the spans)."""
    path, doc_id, annotator, formats = data
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    (text,) = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    rows = conn.execute(
        'SELECT start, "end", label FROM spans WHERE annotator = ? AND doc_id = ? '
        'AND deleted = 0 ORDER BY start, "end"',
        (annotator, doc_id),
    ).fetchall()
    edit = QPlainTextEdit()
    edit.setFont(document_font(DocumentView.DEFAULT_POINT_SIZE))
    edit.setReadOnly(True)
    option = edit.document().defaultTextOption()
    option.setAlignment(OWN_SIDE)  # as the view: RTL lines to the right, none justified
    edit.document().setDefaultTextOption(option)
    edit.resize(size)
    edit.setPlainText(text)  # the seed is BMP-only: code points are UTF-16 positions here
    applied = 0
    block = edit.document().begin()
    k, n = 0, len(rows)
    while block.isValid() and k < n:
        pos = block.position()
        end = pos + block.length()
        ranges = []
        while k < n and rows[k][0] < end:
            a, b, label = rows[k]
            fr = QTextLayout.FormatRange()
            fr.start, fr.length, fr.format = a - pos, b - a, formats[label]
            ranges.append(fr)
            k += 1
        if ranges:
            block.layout().setFormats(ranges)
            applied += len(ranges)
        block = block.next()
    edit.show()
    QApplication.processEvents()
    edit.viewport().repaint()
    elapsed = time.perf_counter() - start
    conn.close()
    edit.close()
    edit.deleteLater()
    QApplication.processEvents()
    return elapsed, applied


Opened = tuple[float, float, float]
"""medians of (floor, first paint, whole path) in seconds"""
_OPENED: dict[Path, Opened] = {}


def measure_open(window: MainWindow, bench_project: Project_, bench: Record) -> Opened:
    """The floor, the first paint and the whole path, three runs each, alternated (measured
    once for both tests that read them, whichever runs first)."""
    path, small, big, _ranges = bench_project
    if path in _OPENED:
        return _OPENED[path]
    text = big_text()
    assert max(map(ord, text)) < 0x10000  # the floor uses code points as UTF-16 positions
    document_font(DocumentView.DEFAULT_POINT_SIZE)  # registering the font is a one-off cost
    data = floor_input(window, path, big)
    size = window.view.size()
    floors, firsts, wholes, settles, floor_cpu, whole_cpu = [], [], [], [], [], []
    for _ in range(3):  # alternate so warm-up and noise are shared fairly
        started = time.thread_time()
        floor, applied = floor_whole(data, size)
        floor_cpu.append(time.thread_time() - started)
        assert applied == SPANS
        floors.append(floor)
        started = time.thread_time()
        first, whole, settled = open_big(window, big)
        whole_cpu.append(time.thread_time() - started)
        firsts.append(first)
        wholes.append(whole)
        settles.append(settled)
        assert window.view.text() == text
        assert len(window.view.spans()) == SPANS
        assert len(window.annotations.uuids()) == SPANS
        assert len(window.event_tools.arcs.links()) == 2 * (SPANS // EVENT_EVERY)
        assert window.event_tools.events.row_count() == SPANS // EVENT_EVERY  # no relations
        window.navigation.open_document(small)
        QApplication.processEvents()
    floor, first, whole = (statistics.median(x) for x in (floors, firsts, wholes))

    def runs(xs: list[float]) -> str:
        return ", ".join(f"{t * 1000:.0f}" for t in xs)

    print(
        f"\nwindow open, whole layer in every panel ({len(text):,} chars, {SPANS:,} spans): "
        f"window {whole * 1000:.0f} ms (runs {runs(wholes)}), floor {floor * 1000:.0f} ms "
        f"(runs {runs(floors)}), ratio {whole / floor:.2f}x (target <= 1.5x and < 1 s); "
        f"first paint {first * 1000:.0f} ms (runs {runs(firsts)}), {first / floor:.2f}x the floor "
        f"(target <= 1.5x); CPU time: window {statistics.median(whole_cpu) * 1000:.0f} ms, "
        f"floor {statistics.median(floor_cpu) * 1000:.0f} ms; to the end of the repaint that "
        f"painted it (the docks' lists too): {statistics.median(settles) * 1000:.0f} ms "
        f"(runs {runs(settles)}), {statistics.median(settles) / floor:.2f}x the floor (printed)"
    )
    bench("window.whole_layer", whole, "s", "< 1 s")
    bench("window.whole_layer_floor", floor, "s")
    bench("window.whole_layer_ratio", whole / floor, "x", "<= 1.5")
    bench("window.whole_layer_repaint_done", statistics.median(settles), "s")
    bench("window.first_paint", first, "s")
    bench("window.first_paint_ratio", first / floor, "x", "<= 1.5")
    _OPENED[path] = (floor, first, whole)
    return floor, first, whole


def test_a_first_paint(
    qtbot: QtBot, window: MainWindow, bench_project: Project_, bench: Record
) -> None:
    """The first screen, shown while the rest is read: within 1.5x the whole floor."""
    floor, first, _whole = measure_open(window, bench_project, bench)
    assert first <= 1.5 * floor


def test_a_open_whole_layer(
    qtbot: QtBot, window: MainWindow, bench_project: Project_, bench: Record
) -> None:
    floor, _first, whole = measure_open(window, bench_project, bench)
    assert whole < 1.0
    assert whole <= 1.5 * floor


def test_b_create_span_by_hotkey(
    qtbot: QtBot, window: MainWindow, bench_project: Project_, bench: Record
) -> None:
    _path, _small, big, ranges = bench_project
    open_big(window, big)
    view = window.view
    view.setFocus()
    project = window.session.project
    assert project is not None
    text = view.text()
    taken = {a for a, _b in ranges}
    free = [(a, b) for a, b in word_ranges(text[:20_000]) if a not in taken]
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    samples: list[float] = []
    cpu: list[float] = []
    for a, b in free[:50]:
        view.select(a, b)
        QApplication.processEvents()
        before = counter.count
        start, start_cpu = time.perf_counter(), time.thread_time()
        qtbot.keyClick(view, Qt.Key.Key_P)  # type: ignore[no-untyped-call]
        QApplication.processEvents()  # the posted repaint (and any deferred refresh) runs here
        if counter.count == before:
            view.viewport().repaint()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        assert counter.count > before
        saved = [s for s in project.spans(big, ME) if s.start == a and s.end == b]
        assert [s.label for s in saved] == ["PER"]
        assert window.model.selected_uuid == saved[0].uuid
    view.viewport().removeEventFilter(counter)
    assert len(view.spans()) == SPANS + 50
    median, p90 = statistics.median(samples), sorted(samples)[int(len(samples) * 0.9)]
    print(
        f"\nwindow: create a span by hotkey at {SPANS:,} spans (saved + repainted): median "
        f"{median:.1f} ms, p90 {p90:.1f} ms, max {max(samples):.1f} ms over {len(samples)} "
        f"(target median and p90 < {TARGET_MS:.0f} ms); CPU time median "
        f"{statistics.median(cpu):.1f} ms, p90 {sorted(cpu)[int(len(cpu) * 0.9)]:.1f} ms"
    )
    bench("window.hotkey_span_median", median, "ms", "< 16 ms")
    bench("window.hotkey_span_p90", p90, "ms", "< 16 ms")
    assert median < TARGET_MS
    assert p90 < TARGET_MS


def test_c_scroll_with_arcs(
    qtbot: QtBot, window: MainWindow, bench_project: Project_, bench: Record
) -> None:
    big = bench_project[2]
    open_big(window, big)
    arcs = window.event_tools.arcs
    assert len(arcs.links()) == 2 * (SPANS // EVENT_EVERY)
    view = window.view
    bar = view.verticalScrollBar()
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    samples: list[float] = []  # the repaint of a page the scroll has shown
    scrolls: list[float] = []  # from the scroll to the page painted (its first paint)
    cpu: list[float] = []
    arcs_painted = 0
    while bar.value() < bar.maximum() and len(samples) < 300:
        before = counter.count
        start, start_cpu = time.perf_counter(), time.thread_time()
        bar.setValue(bar.value() + bar.pageStep())
        QApplication.processEvents()
        if counter.count == before:
            view.viewport().repaint()
        scrolls.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        start = time.perf_counter()
        view.viewport().repaint()  # paints the overlay (a child of the viewport) too
        samples.append((time.perf_counter() - start) * 1000)
        arcs_painted += bool(arcs.shapes())
    view.viewport().removeEventFilter(counter)

    def p95(xs: list[float]) -> float:
        return sorted(xs)[int(len(xs) * 0.95)]

    median = statistics.median(samples)
    print(
        f"\nwindow: viewport paint while scrolling with arcs: median {median:.1f} ms, p95 "
        f"{p95(samples):.1f} ms over {len(samples)} pages, {arcs_painted} with arcs (target "
        f"median and p95 < {TARGET_MS:.0f} ms); from the scroll to the new page painted (its "
        f"lines laid out and measured): median {statistics.median(scrolls):.1f} ms, p95 "
        f"{p95(scrolls):.1f} ms, CPU time median {statistics.median(cpu):.1f} ms, p95 "
        f"{p95(cpu):.1f} ms"
    )
    bench("window.scroll_arcs_median", median, "ms", "< 16 ms")
    bench("window.scroll_arcs_p95", p95(samples), "ms", "< 16 ms")
    bench("window.scroll_to_paint_median", statistics.median(scrolls), "ms")
    bench("window.scroll_to_paint_p95", p95(scrolls), "ms")
    assert arcs_painted > len(samples) // 2
    assert median < TARGET_MS
    assert p95(samples) < TARGET_MS


def test_d_peak_rss(
    qtbot: QtBot, window: MainWindow, bench_project: Project_, bench: Record
) -> None:
    open_big(window, bench_project[2])
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    QApplication.processEvents()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nwindow: peak RSS {peak_mb:.0f} MB with the document open (target < 400 MB)")
    bench("window.peak_rss", peak_mb, "MB", "< 400 MB")
    assert peak_mb < 400


FIRST_EDIT_BUDGET_MS = 20.0
"""what the first edit after opening may cost beyond the later edits' median (CPU time)"""
FIRST_EDIT_ROUNDS = 3
LATER_EDITS = 8


def test_e_first_edit_after_open(
    qtbot: QtBot, window: MainWindow, bench_project: Project_, bench: Record
) -> None:
    """The first span created by hotkey after a document is opened, against the later ones
    (issue 12): the first edit is where the Problems panel checks the whole layer it has not
    seen and the model works out the order of its events, so it costs more than the others;
    target: its CPU time within the later edits' median + 20 ms (median of three opens).
    Measured when the target was set (2026-11-29, load 3-4, CPU time; ``arguments_of`` already
    indexed by event, ed5abe1): first edit 103-122 ms (wall ~210) against the later edits'
    12.7 ms (wall ~27); the panel's check makes all 20,000 span records of the lazily read
    layer to judge them. After the check reads the spans as fields (a record made only for a
    span its column tests do not pass) and the events through ``LayerRules`` (2026-11-29,
    load 0.1-0.5, three runs): 50-58 ms against 11.6-13.1 (+37-45 ms); what is left is the
    check itself (~10 ms the spans' column tests, ~12 ms the events and arguments with the
    records of their 3,000 spans) and the panel's indexes.
    Since df024b1 the lazily read layer reads its stored text and clock columns when first
    needed, and this check (a span's stored text must equal the text it covers) is what needs
    them: at this edit the column is read whole (~21-25 ms CPU; ~60 ms until cf73def, which
    matches a layer changed since its read by uuid from the same query). After the check passes
    the events, their arguments and the relations from their fields (no record made for the
    3,000 triggers and targets), tests the spans' ids on their index and keeps no copy of them
    (2026-11-29, load 2.9-4.6, both checkouts alternated, three runs each, CPU): 107-114 ->
    87-90 ms against the later edits' 9.6-12.1 (+77-79 ms); with the text column read before the
    edit (a scratch run): 47.5-49.6 -> 31.2-34.4 ms against 9.4-11.4 (+22-23 ms). At cf73def
    (load 3.6-4, three runs): 57-61 ms against 10.3-11.2 (+47-50 ms); 32-35 ms against 9.3-11.7
    with the column read before (+22-24 ms). What is left of the check, the text column aside:
    the spans' column tests ~7 ms (of which ~5 ms because the edited layer is a splice of the
    read one: each field is copied out of the columns row by row), the events' arguments ~4 ms
    (a target's label read through the index, one call each).
    Since 77ddefd the Problems panel lists a document's problems ``SHOWN_CHECK_MS`` after the
    window shows it, in idle time (it listed the previous document's until the first edit). The
    checked figure stays the worst case: an edit right after the open, before that idle check.
    Printed beside it: the first edit once the idle check ran (load 2-4: 14.2 ms CPU against the
    later edits' 11.0) and the idle check itself (34.8 ms CPU, the text column's read in it).
    Since 5d74243 an edit made before that idle check is checked with it, a moment later, not
    in its own turn: the first edit right after the open went from 60.6 to 12.5 ms CPU against
    the later edits' 9.5 (load 1.2). The check's cost is not gone: it is the idle check printed
    below (33.5 ms CPU, SHOWN_CHECK_MS after the open, whether or not the analyst edits)."""
    _path, small, big, ranges = bench_project
    view = window.view
    project = window.session.project
    assert project is not None
    taken = {a for a, _b in ranges}
    free = [(a, b) for a, b in word_ranges(big_text()[:40_000]) if a not in taken]
    firsts: list[float] = []
    firsts_cpu: list[float] = []
    later_cpu: list[float] = []
    later: list[float] = []
    spot = iter(free)
    small_words = word_ranges(project.document(small).text)
    for k_round in range(FIRST_EDIT_ROUNDS):
        window.navigation.open_document(small)
        QApplication.processEvents()
        # an edit of the small document: what the Problems panel checked last is that one
        view.setFocus()
        view.select(*small_words[k_round])
        qtbot.keyClick(view, Qt.Key.Key_P)  # type: ignore[no-untyped-call]
        QApplication.processEvents()
        open_big(window, big)
        view.setFocus()
        for k in range(1 + LATER_EDITS):
            a, b = next(spot)
            view.select(a, b)
            QApplication.processEvents()
            start, start_cpu = time.perf_counter(), time.thread_time()
            qtbot.keyClick(view, Qt.Key.Key_P)  # type: ignore[no-untyped-call]
            QApplication.processEvents()  # the Problems panel's check runs here
            wall, cpu = (
                (time.perf_counter() - start) * 1000,
                (time.thread_time() - start_cpu) * 1000,
            )
            assert window.model.span_of(window.model.selected_uuid) is not None
            (firsts if k == 0 else later).append(wall)
            (firsts_cpu if k == 0 else later_cpu).append(cpu)
    first, rest = statistics.median(firsts_cpu), statistics.median(later_cpu)
    print(
        f"\nwindow: first edit after opening the {SPANS:,}-span document: CPU {first:.1f} ms "
        f"(runs {', '.join(f'{x:.0f}' for x in firsts_cpu)}) against the later edits' median "
        f"{rest:.1f} ms (target <= + {FIRST_EDIT_BUDGET_MS:.0f} ms); wall "
        f"{statistics.median(firsts):.1f} ms against {statistics.median(later):.1f} ms"
    )
    bench("window.first_edit_cpu", first, "ms")
    bench("window.first_edit_extra_cpu", first - rest, "ms", f"<= {FIRST_EDIT_BUDGET_MS:.0f} ms")
    # Printed, not checked: the same first edit made once the document has been shown for a
    # moment, when the Problems panel has listed its problems in idle time (what an analyst,
    # who reads before the first edit, meets); and that idle check's own CPU time.
    shown_firsts, idle_checks = [], []
    for _round in range(FIRST_EDIT_ROUNDS):
        window.navigation.open_document(small)
        QApplication.processEvents()
        open_big(window, big)
        started = time.thread_time()
        qtbot.wait(SHOWN_CHECK_MS + 300)
        idle_checks.append((time.thread_time() - started) * 1000)
        view.setFocus()
        view.select(*next(spot))
        QApplication.processEvents()
        start_cpu = time.thread_time()
        qtbot.keyClick(view, Qt.Key.Key_P)  # type: ignore[no-untyped-call]
        QApplication.processEvents()
        shown_firsts.append((time.thread_time() - start_cpu) * 1000)
    print(
        f"window: the first edit {SHOWN_CHECK_MS + 300} ms after opening (the Problems panel "
        f"checked the document in idle time after {SHOWN_CHECK_MS} ms): CPU "
        f"{statistics.median(shown_firsts):.1f} ms (runs "
        f"{', '.join(f'{x:.0f}' for x in shown_firsts)}); the idle check "
        f"{statistics.median(idle_checks):.1f} ms CPU (printed, not checked)"
    )
    bench("window.first_edit_after_idle_check_cpu", statistics.median(shown_firsts), "ms")
    bench("window.idle_problems_check_cpu", statistics.median(idle_checks), "ms")
    assert first <= rest + FIRST_EDIT_BUDGET_MS
