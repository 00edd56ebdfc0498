"""A project change during the search dock's first (streamed) search (ui.search.dock,
CorpusCache): the window's ``invalidate()`` returns at once, whatever the worker is reading;
a stream started before the change never installs its corpus, so the next search reads the
project again; a replaced first search stops at its next document."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from ui.search import SearchDock


def run(dock: SearchDock, qtbot: QtBot, text: str) -> tuple[str, int]:
    dock.edit.setText(text)
    with qtbot.waitSignal(dock.searchFinished, timeout=30_000) as blocker:
        dock.search()
    outcome, count = blocker.args or ("", 0)
    return str(outcome), int(count)


def test_invalidate_during_a_first_search_does_not_wait_for_it(
    qtbot: QtBot, seed_text: str
) -> None:
    """The source holds mid-stream (a slow disk) until the test lets it go: ``invalidate()``
    on the window's thread returns at once and the cache's lock is free meanwhile (the stream
    held it from the first document to the last: 3.2 s for 300 slow documents, ~5 s at
    20,000). Later, a document deleted and one added while it streamed: the next search
    shows the added one, not the deleted one (a stale stream does not install its corpus)."""
    docs = [(k, f"d{k}", seed_text) for k in range(1, 41)]
    reading = threading.Event()
    go_on = threading.Event()

    def source() -> Iterator[tuple[int, str, str]]:
        for k, (doc_id, name, text) in enumerate(list(docs)):
            if k == 5:
                reading.set()
                go_on.wait(5)
            yield doc_id, name, text

    pool = QThreadPool()
    dock = SearchDock(source, pool=pool)
    qtbot.addWidget(dock)
    dock.edit.setText("الدفاع")
    dock.search()
    assert reading.wait(10)
    qtbot.waitUntil(lambda: dock.model.rowCount() > 0, timeout=10_000)
    try:
        locked = dock.cache._lock.locked()  # the stream is reading: it holds no lock
        del docs[0]  # the window deletes d1 (read already) and adds d99
        docs.append((99, "d99", "الدفاع الجديد"))
        t = time.monotonic()
        dock.invalidate()
        held = time.monotonic() - t
    finally:
        go_on.set()
    assert not locked
    assert held < 0.5, held  # (~0.1 ms; it waited for the stream's end: 5 s here)
    assert pool.waitForDone(30_000)
    qtbot.wait(20)
    assert dock.cache.held(dock.query().fold) is None  # the stale stream installed nothing
    outcome, _ = run(dock, qtbot, "الدفاع")
    shown = {line.doc_id for line in dock.model.lines}
    assert outcome == "finished" and 1 not in shown and 99 in shown and 2 in shown
    # held now, and current
    assert dock.cache.held(dock.query().fold) is not None
    assert run(dock, qtbot, "الدفاع")[0] == "finished"
    assert {line.doc_id for line in dock.model.lines} == shown


def test_a_replaced_first_search_stops_at_its_next_document(qtbot: QtBot, seed_text: str) -> None:
    """A first search replaced (a new query) reads at most one document more: it looked at
    cancellation every 200 documents, so the next search waited for up to 200 (possibly
    huge) documents to be read and folded. The next search's hits are all there."""
    reads: list[list[int]] = []
    go_on = threading.Event()

    def source() -> Iterator[tuple[int, str, str]]:
        mine: list[int] = []
        reads.append(mine)
        for k in range(1, 601):
            if k == 6 and len(reads) == 1:
                go_on.wait(10)
            mine.append(k)
            yield k, f"d{k}", f"{seed_text} ({k})"

    pool = QThreadPool()
    dock = SearchDock(source, pool=pool)
    qtbot.addWidget(dock)
    dock.edit.setText("الدفاع")
    dock.search()
    qtbot.waitUntil(lambda: len(reads) == 1 and len(reads[0]) == 5, timeout=10_000)
    dock.edit.setText("هولندا")
    with qtbot.waitSignal(dock.searchFinished, timeout=30_000) as blocker:
        dock.search()  # cancels the first, held in its source at its sixth document
        go_on.set()
    assert pool.waitForDone(30_000)
    assert blocker.args == ["finished", 600]
    assert len(reads[0]) <= 7, len(reads[0])  # (it read 200 before)


def test_invalidate_while_the_corpus_is_held_reads_the_project_again(
    qtbot: QtBot, seed_text: str
) -> None:
    """The held corpus (after a finished first search) is dropped by ``invalidate()``: a
    deleted document is gone from the next search, an added one is there."""
    docs = [(k, f"d{k}", seed_text) for k in range(1, 6)]
    dock = SearchDock(lambda: iter(list(docs)))
    qtbot.addWidget(dock)
    assert run(dock, qtbot, "الدفاع")[0] == "finished"
    assert {line.doc_id for line in dock.model.lines} == {1, 2, 3, 4, 5}
    del docs[1]
    docs.append((7, "d7", "الدفاع"))
    dock.invalidate()
    assert run(dock, qtbot, "الدفاع")[0] == "finished"
    assert {line.doc_id for line in dock.model.lines} == {1, 3, 4, 5, 7}
