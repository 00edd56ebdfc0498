"""The corpus search dock and its right-to-left concordance (ui.search.dock,
ui.search.concordance): results stream in from a background job, the table reads right to
left, sorts, and activating a line names the document and offsets; screenshots."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from annotator.search import Mode, fold_text
from annotator.search.folding import FoldedText
from annotator.search.kwic import KwicLine, SortBy, sort_lines
from ui.search import SearchDock
from ui.search import dock as dock_module

OTHER = "قالت الصحيفة إن بـاريسَ استضافت الاجتماع، ثم عاد الوزراء من باريس\u202e مساء."


def make_dock(qtbot: QtBot, docs: list[tuple[int, str, str]]) -> SearchDock:
    dock = SearchDock(lambda: iter(docs))
    qtbot.addWidget(dock)
    dock.resize(1000, 420)
    dock.show()
    qtbot.waitExposed(dock)
    return dock


def run(dock: SearchDock, qtbot: QtBot, text: str, timeout: int = 20_000) -> tuple[str, int]:
    dock.edit.setText(text)
    with qtbot.waitSignal(dock.searchFinished, timeout=timeout) as blocker:
        dock.search()
    outcome, count = blocker.args or ("", 0)
    return str(outcome), int(count)


def test_corpus_search_lists_hits_right_to_left(qtbot: QtBot, seed_text: str, shots: Path) -> None:
    dock = make_dock(qtbot, [(1, "seed", seed_text), (2, "other", OTHER)])
    assert run(dock, qtbot, "باريس") == ("finished", 4)
    model = dock.model
    keywords = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert keywords == ["باريس", "باريس", "بـاريسَ", "باريس"]
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["seed", "seed", "other", "other"]
    before = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert before[1].endswith("اعتداءات ")
    # a bidi override in the text is shown, never obeyed
    assert "⟦RLO⟧" in model.index(3, 3).data()
    # right to left: the context before the hit stands on its right, the context after on
    # its left, each pushed against the keyword column
    view = dock.view
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    x = [view.columnViewportPosition(c) for c in range(4)]
    assert x[0] > x[1] > x[2] > x[3]
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
    align = [model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) for c in range(4)]
    assert align[1] & left == left  # before: against the keyword on its left
    assert align[3] & right == right  # after: against the keyword on its right
    assert dock.status.text() == "4 hits"
    dock.grab().save(str(shots / "search_concordance.png"))

    with qtbot.waitSignal(dock.hitActivated) as blocker:
        view.clicked.emit(model.index(2, 2))
    start = OTHER.index("بـاريسَ")
    assert blocker.args == [2, start, start + len("بـاريسَ")]


def test_the_documents_filter_limits_the_search(qtbot: QtBot, seed_text: str) -> None:
    dock = make_dock(qtbot, [(1, "Seed article", seed_text), (2, "other", OTHER)])
    dock.documents.setText("SEED")
    assert run(dock, qtbot, "باريس") == ("finished", 2)
    assert {dock.model.line(r).doc_id for r in range(2)} == {1}
    dock.documents.clear()
    assert run(dock, qtbot, "باريس") == ("finished", 4)


def test_concordance_sorts_by_the_words_before_and_after(qtbot: QtBot, seed_text: str) -> None:
    dock = make_dock(qtbot, [(1, "seed", seed_text), (2, "other", OTHER)])
    run(dock, qtbot, "باريس")
    dock.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    after = [dock.model.line(r).after for r in range(4)]
    assert after == [x.after for x in sort_lines(dock.model.lines, SortBy.AFTER)]
    dock.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    lines = dock.model.lines
    assert lines == sort_lines(lines, SortBy.BEFORE, descending=True)
    dock.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [(x.doc_id, x.start) for x in dock.model.lines] == sorted(
        (x.doc_id, x.start) for x in lines
    )


def test_results_stream_in_from_a_pool_thread(
    qtbot: QtBot, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search runs on a pool thread, never on the window's: the documents are read and
    the concordance lines made there, and the lines reach the table in batches while the
    search is still running. After 1,500 lines the search waits for the window's thread to
    let it go on: the test does so only once 1,000 lines are in the table, which the window's
    event loop put there (a search on the window's thread would wait for nobody and fail
    here). How long the window's loop waits meanwhile is measured by
    ``tests/benchmarks/bench_window_frames.py`` (``test_search_dock_frames``)."""
    docs = [(k, f"doc {k}", seed_text) for k in range(1, 1201)]
    read_in: set[str] = set()

    def source() -> Iterator[tuple[int, str, str]]:
        read_in.add(threading.current_thread().name)
        yield from docs

    held, resumed, waited = threading.Event(), threading.Event(), [False]
    made_in: list[str] = []
    line_of = dock_module.line_of

    def recorded(*args: Any) -> KwicLine:
        made_in.append(threading.current_thread().name)
        if len(made_in) == 1501:  # 1,000 lines or more sent in batches: wait for the window
            held.set()
            waited[0] = resumed.wait(30)
        return line_of(*args)

    monkeypatch.setattr(dock_module, "line_of", recorded)
    dock = SearchDock(source)
    qtbot.addWidget(dock)
    dock.show()
    batches: list[int] = []
    dock.model.rowsInserted.connect(lambda *_: batches.append(dock.model.rowCount()))
    dock.edit.setText("الدفاع")
    with qtbot.waitSignal(dock.searchFinished, timeout=60_000) as blocker:
        dock.search()
        qtbot.waitUntil(held.is_set, timeout=30_000)
        qtbot.waitUntil(lambda: dock.model.rowCount() >= 1000, timeout=30_000)
        shown_while_held = dock.model.rowCount()
        resumed.set()
    outcome, count = blocker.args or ("", 0)
    assert waited[0], "the search went on without the window's thread letting it"
    assert outcome == "finished" and count == dock.model.rowCount() > 3000
    assert shown_while_held < count  # shown before the search ended
    assert len(batches) > 3  # streamed, not one block at the end
    main = threading.main_thread().name
    assert read_in and main not in read_in
    assert made_in and main not in set(made_in)


def test_a_new_search_replaces_the_running_one_and_bad_queries_say_why(
    qtbot: QtBot, seed_text: str
) -> None:
    docs = [(k, f"doc {k}", seed_text) for k in range(1, 400)]
    dock = make_dock(qtbot, docs)
    dock.edit.setText("الدفاع")
    dock.search()
    assert run(dock, qtbot, "هولندا") == ("finished", 399)
    assert {dock.model.line(r).keyword for r in range(dock.model.rowCount())} == {"هولندا"}
    dock.mode.setCurrentIndex(dock.mode.findData("regex"))
    assert run(dock, qtbot, "(باريس") == ("failed", 0)
    assert "bad regular expression" in dock.status.text()
    assert dock.model.rowCount() == 0


def test_lines_beyond_the_cap_are_counted_not_kept(
    qtbot: QtBot, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dock_module, "MAX_LINES", 5)
    dock = make_dock(qtbot, [(k, f"d{k}", seed_text) for k in range(1, 5)])
    assert run(dock, qtbot, "فرنسا") == ("finished", 12)
    assert dock.model.rowCount() == 5
    assert "the first 5 shown" in dock.status.text()


def test_show_lines_of_an_entity(qtbot: QtBot) -> None:
    dock = make_dock(qtbot, [])
    lines = [KwicLine(3, 4, 9, "قبل ", "باريس", " بعد")]
    dock.show_lines(lines, {3: "doc three"}, "GPE باريس: 1 mention")
    assert dock.model.index(0, 0).data() == "doc three"
    assert dock.status.text() == "GPE باريس: 1 mention"
    action = dock.toggle_action()
    assert action.shortcut().toString() == "Ctrl+Shift+F"


def test_a_dock_closed_during_a_search_gets_no_late_results(qtbot: QtBot, seed_text: str) -> None:
    pool = QThreadPool()
    dock = SearchDock(lambda: iter([(k, f"d{k}", seed_text) for k in range(1, 800)]), pool=pool)
    dock.edit.setText("الدفاع")
    dock.search()
    worker = dock.worker
    assert worker is not None
    dock.deleteLater()
    qtbot.wait(20)
    assert pool.waitForDone(20_000)
    qtbot.wait(50)  # queued batches reach no deleted receiver (pytest-qt fails on errors)
    assert worker.is_cancelled()  # closing the dock stopped its search


# -- the first search (the cache cold) ---------------------------------------------------------


def test_the_first_search_shows_lines_before_the_corpus_is_read(
    qtbot: QtBot, seed_text: str
) -> None:
    """The first search reads, folds and searches each document in turn, so its first lines
    are in the table while the source is still being read (it read and folded the whole
    corpus first: 2-3 s at 20,000 documents before any line; bench_search_first.py). The
    source holds after three documents until the table shows lines (at most 10 s)."""
    more = threading.Event()
    read: list[int] = []

    def source() -> Iterator[tuple[int, str, str]]:
        for k in range(1, 41):
            if k == 4:
                more.wait(10)
            read.append(k)
            yield k, f"doc {k}", seed_text

    dock = make_dock(qtbot, [])
    dock.cache.source = source
    dock.edit.setText("الدفاع")
    with qtbot.waitSignal(dock.searchFinished, timeout=30_000) as blocker:
        dock.search()
        shown = qtbot.waitUntil(lambda: dock.model.rowCount() > 0, timeout=10_000) is None
        rows, documents_read = dock.model.rowCount(), len(read)
        more.set()
    assert blocker.args is not None and blocker.args[0] == "finished"
    assert shown and rows > 0 and documents_read == 3, (rows, documents_read)
    assert {dock.model.line(r).doc_id for r in range(rows)} <= {1, 2, 3}


def test_the_first_search_finds_what_the_held_corpus_finds(qtbot: QtBot, seed_text: str) -> None:
    """Each query searched first (the cache cold: a new dock) and again (the corpus held):
    the same lines in the same order; the source is read once by each dock."""
    docs = [(1, "seed", seed_text), (2, "vocalised", "بِباريسَ وَباريــس " + seed_text[:400])]
    docs += [(k, f"article {k}", seed_text[k * 40 :] + " الدفاع") for k in range(3, 12)]
    reads = [0]

    def source() -> Iterator[tuple[int, str, str]]:
        reads[0] += 1
        yield from docs

    cases = [("باريس", "word", ""), ("الدفاع", "word", "article"), ("بار", "prefix", ""),
             ("ب.ري", "regex", ""), ("اهر", "substring", "seed"), ("غائب", "word", "")]  # fmt: skip
    for text, mode, named in cases:
        reads[0] = 0
        dock = SearchDock(source)
        qtbot.addWidget(dock)
        dock.mode.setCurrentIndex(dock.mode.findData(mode))
        dock.documents.setText(named)
        first = run(dock, qtbot, text)
        first_lines = list(dock.model.lines)
        again = run(dock, qtbot, text)
        assert first[0] == "finished" and first == again, (text, first, again)
        assert first_lines == dock.model.lines, text
        assert reads[0] == 1, text
    assert first_lines == [] and run(dock, qtbot, "باريس")[1] > 2


def test_a_first_search_cut_short_keeps_what_it_folded(
    qtbot: QtBot, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search replaced while it reads: the documents it folded are not folded again
    by the next search, whose hits are all there."""
    folded: list[str] = []
    fold = FoldedText.of

    def counted(text: str, *args: Any) -> Any:
        folded.append(text)
        return fold(text, *args)

    monkeypatch.setattr(FoldedText, "of", staticmethod(counted))
    go_on = threading.Event()

    def source() -> Iterator[tuple[int, str, str]]:
        for k in range(1, 1201):
            if k == 601:
                go_on.wait(10)
            yield k, f"d{k}", f"{seed_text} ({k})"

    dock = make_dock(qtbot, [])
    dock.cache.source = source
    dock.edit.setText("الدفاع")
    dock.search()
    qtbot.waitUntil(lambda: len(folded) == 600, timeout=10_000)
    with qtbot.waitSignal(dock.searchFinished, timeout=30_000) as blocker:
        dock.edit.setText("هولندا")
        dock.search()  # cancels the first, which stops at its next document
        go_on.set()
    assert blocker.args == ["finished", 1200]
    assert sorted(folded) == sorted(f"{seed_text} ({k})" for k in range(1, 1201))  # each once


def test_the_corpus_is_held_in_runs_of_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """The folded corpus is a few strings of whole documents (``CHUNK_CHARS`` each), not one:
    joining 40 million characters held the interpreter ~90 ms (a lost frame at the end of the
    dock's first search) and a scan without hits held it for the whole string. Hits across
    the runs' borders are those of each document; ``folded`` is still the joined string."""
    from annotator.search import matching
    from annotator.search.matching import FoldedCorpus, Query, find

    monkeypatch.setattr(matching, "CHUNK_CHARS", 120)
    texts = [f"باريس {k} وبِباريسَ ثم الدفاع {'ن' * (k % 7)} باريس" for k in range(60)]
    corpus = FoldedCorpus(enumerate(texts, 1))
    longest = max(len(chunk) for _, chunk in corpus._chunks)
    assert len(corpus._chunks) > 10 and longest < 120 + max(map(len, texts)) + 1
    assert corpus.folded == "\x00".join(fold_text(t) for t in texts)
    for text in ("باريس", "دفاع", "ن"):
        for mode in ("word", "prefix", "substring", "regex"):
            query = Query(text, Mode(mode))
            want = [hit for k, t in enumerate(texts, 1) for hit in find(t, query, k)]
            assert list(corpus.search(query)) == want, (text, mode)


def test_a_search_in_document_order_ends_without_resetting_the_table(
    qtbot: QtBot, seed_text: str
) -> None:
    """Lines stream in in document order, the table's first order: at the end nothing is
    sorted again and the table is not reset (20,000 lines re-sorted and reset took the
    window 40-80 ms). Sorted by another column, the lines are sorted at the end."""
    dock = make_dock(qtbot, [(k, f"d{k}", seed_text) for k in range(1, 30)])
    changes: list[str] = []
    dock.model.modelReset.connect(lambda: changes.append("reset"))
    dock.model.layoutChanged.connect(lambda: changes.append("sorted"))
    assert run(dock, qtbot, "الدفاع")[0] == "finished"
    assert changes == ["reset"]  # the table cleared when the search began, only
    dock.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    changes.clear()
    assert run(dock, qtbot, "الدفاع")[0] == "finished"
    assert changes[0] == "reset" and changes[-1] == "sorted"
    lines = dock.model.lines
    assert lines == sort_lines(lines, SortBy.KEYWORD)


def test_the_way_back_of_a_folded_text_is_not_left_to_the_collector() -> None:
    """The runs of dropped characters a folded text keeps (``_gaps``, ``_cum``: found on a
    first hit, or at once by ``with_runs``) are tuples of ints, which the collector stops
    tracking at its first pass: as lists, ~35,000 of them at 20,000 documents were walked
    by every full collection while the dock held the corpus."""
    import gc

    text = "قَالَ الوَزِيرُ إِنَّ بَارِيسَ ــ استضافت الاجتماع"
    lazy = FoldedText.of(text)
    assert lazy.span(3, 8) == FoldedText.with_runs(text).span(3, 8)
    kept = [lazy, FoldedText.with_runs(text)]
    gc.collect()
    for ft in kept:
        assert ft._gaps and ft._cum
        assert not gc.is_tracked(ft._gaps) and not gc.is_tracked(ft._cum)
