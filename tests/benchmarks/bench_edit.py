"""Edits on a project of 12,500 documents holding 250,000 spans, 25,000 events with 50,000
arguments, 25,000 relations and a status per document (``corpus.build_project``).

Every figure is the median over 40 different records of one edit through ``annotator.commands``
(one transaction, committed), its undo included where it says so. Issue 12: listing an event's
arguments read every argument of the project (1.5 s at 50,000) and one ``DeleteEvent`` took
2.9 s. Targets: ``Project.arguments`` and ``DeleteEvent`` < 5 ms. The other edits (undo of a
DeleteEvent, SetStatus, deleting a span with its links, relabelling a trigger) are held to
3x the floor of an edit: the same-run median of ``Project.update_span`` of one note (one row
written and committed; sampled before the other edits and after them; with synchronous=FULL
the commit's fsync dominates it), so an edit that reads a whole table shows up whatever the
machine.

First figures (2026-11-29, load average 7 on 2 cores, commit 32ff967): floor 2.36 ms;
``Project.arguments`` 446 ms, ``DeleteEvent`` 978 ms (one scan fewer since 0d1a9b6 took the
tombstones from the journal), its undo 4.05 ms, ``SetStatus`` 72 ms (30x the floor: it read
every status of the layer), deleting a span with its links 5.7 ms, relabelling a trigger 5.0 ms.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator import Project
from annotator.commands import DeleteEvent, SetStatus, delete_span_with_links, relabel
from tests.benchmarks.corpus import Layout, build_project, uid
from tests.benchmarks.history import Record

DOCS = 12_500
LAYOUT = Layout(spans=20)  # two events (four arguments) and two relations per document
TARGET_MS = 5.0
SAMPLES = 40


@pytest.fixture(scope="module")
def edit_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edit") / "edit.annotator"
    build_project(path, DOCS, {"bench": LAYOUT}, statuses=True)
    return path


def _times_ms(
    fn: Callable[[int], object],
    samples: int = SAMPLES,
    clock: Callable[[], float] = time.perf_counter,
    first: int = 0,
) -> list[float]:
    """Milliseconds of ``fn(k)`` for each ``k`` from ``first``, ``samples`` of them."""
    times = []
    for k in range(first, first + samples):
        started = clock()
        fn(k)
        times.append((clock() - started) * 1000)
    return times


def _median_ms(
    fn: Callable[[int], object],
    samples: int = SAMPLES,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    return statistics.median(_times_ms(fn, samples, clock))


def doc_of(k: int, docs: int) -> int:
    """Documents spread over the whole project (not only the first or last ones)."""
    return (k * 7919) % docs


def measure_edits(
    path: Path, docs: int, samples: int = SAMPLES, clock: Callable[[], float] = time.perf_counter
) -> dict[str, float]:
    """Median milliseconds of each edit (see the module docstring); ``clock``: wall time, or
    ``time.thread_time`` where a loaded machine's disk waits would swamp a small figure (each
    commit waits for its fsync)."""

    def median_ms(fn: Callable[[int], object], samples: int = samples) -> float:
        return _median_ms(fn, samples, clock)

    with Project.open(path) as p:
        # the floor is sampled before the edits and again after them, on other records, and
        # its median taken over both: sampled only first it once came out at half its usual
        # figure (0.55 ms against 1.1-1.2 ms, CPU time, CI at 7533f99) and every ratio doubled
        notes = [uid(doc_of(k, docs), 0, 0, 5) for k in range(2 * samples)]

        def note(k: int) -> object:
            return p.update_span(notes[k], note="seen")

        floor_times = _times_ms(note, samples, clock)
        events = [uid(doc_of(k, docs), 0, 1, 0) for k in range(samples)]
        listed = median_ms(lambda k: p.arguments(events[k]), samples)
        assert all(len(p.arguments(e)) == 2 for e in events)
        deletes = [DeleteEvent(e) for e in events]
        delete = median_ms(lambda k: deletes[k].do(p), samples)
        undo = median_ms(lambda k: deletes[k].undo(p), samples)
        assert all(len(p.arguments(e)) == 2 for e in events)
        status = median_ms(lambda k: SetStatus(doc_of(k, docs) + 1, "bench", "done").do(p), samples)
        # a Place argument (span 2 of the document): its argument and relation go with it
        linked = [uid(doc_of(k, docs), 0, 0, 2) for k in range(samples)]
        delete_span = median_ms(lambda k: delete_span_with_links(p, linked[k]).do(p), samples)
        triggers = [uid(doc_of(k, docs), 0, 0, 10) for k in range(samples)]
        # (Demonstrate lacks the Attack's Attacker: its argument goes in the same step)
        relabelled = median_ms(
            lambda k: relabel(p, triggers[k], "Conflict.Demonstrate", remove_arguments=True).do(p),
            samples,
        )
        floor_times += _times_ms(note, samples, clock, first=samples)
    floor = statistics.median(floor_times)
    return {
        "commit_floor_ms": floor,
        "arguments_ms": listed,
        "delete_event_ms": delete,
        "undo_delete_event_ms": undo,
        "set_status_ms": status,
        "delete_span_with_links_ms": delete_span,
        "relabel_trigger_ms": relabelled,
    }


def test_edits_at_50k_arguments(edit_project: Path, bench: Record) -> None:
    fig = measure_edits(edit_project, DOCS)
    floor = fig.pop("commit_floor_ms")
    print(
        f"\nedits at {DOCS * 4:,} arguments, {DOCS * 20:,} spans, {DOCS:,} statuses (median "
        f"of {SAMPLES}): one-note edit (the floor) {floor:.2f} ms"
    )
    bench("edit.commit_floor", floor, "ms")
    for name, value in fig.items():
        short = name.removesuffix("_ms")
        target = TARGET_MS if short in ("arguments", "delete_event") else None
        budget = f"< {TARGET_MS:.0f} ms" if target else "<= 3x the floor"
        print(f"  {short}: {value:.2f} ms, {value / floor:.2f}x the floor (target {budget})")
        bench(f"edit.{short}", value, "ms", budget)
        bench(f"edit.{short}.ratio", value / floor, "x", "" if target else "<= 3")
    assert fig["arguments_ms"] < TARGET_MS
    assert fig["delete_event_ms"] < TARGET_MS
    for name, value in fig.items():
        if name not in ("arguments_ms", "delete_event_ms"):
            assert value <= 3 * floor, name
