"""Arcs for 2,000 events with 6,000 arguments in one document: viewport repaint < 16 ms.

One event every 12 words (its trigger, and arguments 2, 5 and 9 words on, some on the next
line), so every visible line carries several nested arcs; a second, denser document annotates
every word (trigger and the next three) to show the worst case. The figures are the median and
95th percentile of ``viewport().repaint()`` (text, span marks and arcs) over 41 scroll
positions through the document, three rounds; the floor is the same repaint with the arcs
hidden. Targets: median < 16 ms for one event per 12 words; with every word annotated, the
arcs cost < 16 ms over the floor and (issue 12) the whole repaint p95 < 16 ms (24-33 ms when
the issue was filed, median 18.7 ms on a quiet machine on 2026-11-29). Run with
``pytest -s tests/benchmarks/bench_arcs.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import statistics
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.benchmarks.history import Record
from ui.docview.arcs import ArcOverlay, Link
from ui.docview.view import DocumentView, ViewSpan

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
EVENTS = 2_000
ARGS_PER_EVENT = 3
SIZE = (900, 700)
TARGET_MS = 16.0
ROLES = ("Attacker", "Target", "Place")


def build(stride: int) -> tuple[str, list[ViewSpan], list[Link]]:
    """Events ``stride`` words apart: the trigger, then arguments 2, 5 and 9 words on (or the
    next three words when ``stride`` is 4, every word annotated)."""
    seed = SEED.read_text(encoding="utf-8")
    per_copy = len(re.findall(r"\w+", seed))
    copies = EVENTS * stride // per_copy + 1
    text = "\n".join([seed] * copies)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    offsets = (1, 2, 3) if stride == ARGS_PER_EVENT + 1 else (2, 5, 9)
    spans: list[ViewSpan] = []
    links: list[Link] = []
    for k in range(EVENTS):
        base = k * stride
        trigger = f"t{k}"
        spans.append(ViewSpan(trigger, *words[base], "Conflict.Attack", "#D55E00"))
        for j, off in enumerate(offsets):
            arg = f"a{k}.{j}"
            spans.append(ViewSpan(arg, *words[base + off], "GPE", "#009E73"))
            links.append(Link(f"l{k}.{j}", trigger, arg, ROLES[j], f"e{k}", "#D55E00"))
    return text, spans, links


CPU: dict[int, list[float]] = {}
"""CPU time (ms, this thread) of the repaints of each measured list, by ``id``: printed beside
the wall time, which a machine shared with others inflates"""


def repaint_ms(view: DocumentView, positions: list[int], rounds: int = 3) -> list[float]:
    """Repaint times (ms) at each scroll position, ``rounds`` times over, sorted."""
    times, cpu = [], []
    bar = view.verticalScrollBar()
    for _ in range(rounds):
        for value in positions:
            bar.setValue(value)
            start, start_cpu = time.perf_counter(), time.thread_time()
            view.viewport().repaint()
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
    times.sort()
    CPU[id(times)] = cpu
    return times


def p95(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95)]


Measured = tuple[list[float], list[float], int, int, list[float]]
"""(repaint ms with arcs, without arcs, median arcs on screen, text length, repaint ms of the
first visit of each position: Qt lays the lines out and the view builds their marks)"""


def measure(qtbot: QtBot, stride: int) -> Measured:
    text, spans, links = build(stride)
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    view.set_text(text)
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(links, {s.uuid: (s.start, s.end) for s in spans})
    view.set_selected("t10")  # one event emphasised, as while annotating
    bar = view.verticalScrollBar()
    positions = [bar.maximum() * k // 40 for k in range(41)]
    shown, first = [], []
    first_cpu = []
    for value in positions:  # lay the document out once, as a reader scrolling would
        bar.setValue(value)
        start, start_cpu = time.perf_counter(), time.thread_time()
        view.viewport().repaint()
        first.append((time.perf_counter() - start) * 1000)
        first_cpu.append((time.thread_time() - start_cpu) * 1000)
        shown.append(len(overlay.shapes()))
    CPU[id(first)] = first_cpu
    with_arcs = repaint_ms(view, positions)
    overlay.set_shown(False)
    without = repaint_ms(view, positions)
    view.close()
    return with_arcs, without, int(statistics.median(shown)), len(text), first


def report(name: str, measured: Measured) -> None:
    with_arcs, without, shown, size, first = measured
    ms, floor = statistics.median(with_arcs), statistics.median(without)
    print(
        f"  {name} ({size:,} chars, ~{shown} arcs on screen): repaint median {ms:.2f} ms, "
        f"p95 {p95(with_arcs):.2f} ms with arcs; {floor:.2f} ms, p95 {p95(without):.2f} ms "
        f"without (arcs x{ms / max(floor, 1e-9):.2f}); ratio to the {TARGET_MS:.0f} ms target "
        f"{ms / TARGET_MS:.2f} (median), {p95(with_arcs) / TARGET_MS:.2f} (p95); first visit "
        f"of each position (lines laid out) median {statistics.median(first):.2f} ms, p95 "
        f"{p95(first):.2f} ms (CPU median {statistics.median(CPU[id(first)]):.2f} ms, p95 "
        f"{p95(CPU[id(first)]):.2f} ms: every arc routed); CPU time with arcs median "
        f"{statistics.median(CPU[id(with_arcs)]):.2f} ms, p95 {p95(CPU[id(with_arcs)]):.2f} ms"
    )


def test_arcs_repaint_under_16_ms(qtbot: QtBot, bench: Record) -> None:
    measured = measure(qtbot, stride=12)
    print(f"\narcs: {EVENTS} events with {EVENTS * ARGS_PER_EVENT} arguments in one document")
    report("one event per 12 words", measured)
    with_arcs, without, shown, _size, _first = measured
    arcs_ms, floor_ms = statistics.median(with_arcs), statistics.median(without)
    bench("arcs.repaint_median", arcs_ms, "ms", "< 16 ms")
    bench("arcs.repaint_p95", p95(with_arcs), "ms")
    bench("arcs.repaint_floor", floor_ms, "ms")
    assert shown > 20, "the benchmark must actually show arcs"
    assert arcs_ms < TARGET_MS


def test_every_word_annotated_repaint_p95_under_16_ms(qtbot: QtBot, bench: Record) -> None:
    measured = measure(qtbot, stride=ARGS_PER_EVENT + 1)
    print(f"\narcs: {EVENTS} events with {EVENTS * ARGS_PER_EVENT} arguments, every word a span")
    report("every word annotated", measured)
    with_arcs, without, shown, _size, first = measured
    dense_ms, dense_floor = statistics.median(with_arcs), statistics.median(without)
    bench("arcs.dense_repaint_median", dense_ms, "ms")
    bench("arcs.dense_repaint_p95", p95(with_arcs), "ms", "< 16 ms")
    bench("arcs.dense_repaint_floor", dense_floor, "ms")
    bench("arcs.dense_repaint_floor_p95", p95(without), "ms")
    bench("arcs.dense_first_visit_p95", p95(first), "ms")
    assert shown > 100, "the benchmark must actually show arcs"
    # Every word a span: the arcs must stay cheap, and the whole repaint within a frame.
    assert dense_ms - dense_floor < TARGET_MS
    assert p95(with_arcs) < TARGET_MS
