"""The review window's project-wide progress is counted in the background: the window is shown
at once saying it counts, the figure arrives when the worker is done, a change of annotators
counts again, and a figure from a replaced count is never shown. ``project_remaining`` (now
streamed over the whole project) gives what ``remaining`` gives document by document."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

import ui.review.window as review_window
from annotator.errors import Cancelled
from annotator.model import GOLD, Status
from annotator.project import Project
from annotator.review import Kind, compare, project_remaining, remaining
from ui.review.window import ReviewWindow
from ui.session import Session

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")[:900]
WHO = ("amal", "badr", "lina")


def words() -> list[tuple[int, int]]:
    import re

    return [m.span() for m in re.finditer(r"\w+", TEXT)]


def build(p: Project, docs: int = 6) -> None:
    """``docs`` documents on which amal, badr and lina differ in their own ways; one document
    only amal annotated, one nobody did, one whose spans badr deleted, gold resolving one
    disagreement in the first and the second marked adjudicated."""
    ws = words()
    for i in range(docs):
        doc = p.add_document(f"{TEXT} ({i})", name=f"d{i}")
        if i == docs - 1:
            continue  # nobody annotated it
        for n, who in enumerate(WHO):
            if i == docs - 2 and who != "amal":
                continue  # only amal did
            for k in range(3 + i):
                w = 2 * k + (1 if (k + n) % (3 + n) == 0 else 0)
                label = ("PER", "GPE", "ORG")[(k + (n if k % 2 else 0)) % 3]
                span = p.add_span(doc.id, *ws[w], label, who)
                if who == "badr" and i == 2 and k == 0:
                    p.delete_span(span.uuid)
        if i == 0:
            first = compare(p.layer(doc.id, "amal"), p.layer(doc.id, "badr"))
            open_one = next(d for d in first if d.kind is not Kind.AGREEMENT)
            rec = open_one.a or open_one.b
            assert rec is not None
            p.add_span(doc.id, rec.start, rec.end, "PER", GOLD)  # type: ignore[union-attr]
        if i == 1:
            p.set_status(doc.id, GOLD, Status.DONE)


def expected(path: Path, names: list[str]) -> int:
    with Project.open(path, read_only=True) as p:
        return sum(remaining(p, d.id, names) for d in p.documents())


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "progress.annotator"
    with Project.create(path) as p:
        build(p)
    return path


@pytest.fixture
def session(path: Path) -> Iterator[Session]:
    session = Session()
    session.open_project(path, read_only=True)
    yield session
    QThreadPool.globalInstance().waitForDone(10000)
    session.close()


class Gate:
    """``project_remaining`` as the worker calls it, held until ``release`` (every call)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open = threading.Event()
        self.calls: list[list[str]] = []
        real: Callable[..., dict[int, int]] = project_remaining

        def held(project: Project, names: list[str], *args: Any, **kw: Any) -> dict[int, int]:
            self.calls.append(list(names))
            assert self.open.wait(20)
            return real(project, names, *args, **kw)

        monkeypatch.setattr(review_window, "project_remaining", held)
        monkeypatch.setattr(review_window, "COUNT_AT_ONCE_SPANS", -1)  # always in the background

    def release(self) -> None:
        self.open.set()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    g = Gate(monkeypatch)
    yield g
    g.release()  # never leave a worker waiting


def window_on(session: Session, qtbot: QtBot) -> ReviewWindow:
    window = ReviewWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_is_shown_counting_and_the_figure_arrives(
    session: Session, path: Path, gate: Gate, qtbot: QtBot
) -> None:
    window = window_on(session, qtbot)
    qtbot.waitExposed(window)
    assert window.counting  # shown while the count is held
    assert "counting the project" in window.progress.text()
    assert window.progress.text().startswith("Disagreements left: ")
    assert window.chosen() == list(WHO)
    gate.release()
    qtbot.waitUntil(lambda: not window.counting, timeout=20000)
    total = expected(path, list(WHO))
    assert total > 0
    assert window.progress.text().endswith(f", {total} in the project")
    assert gate.calls == [list(WHO)]


def test_a_change_of_annotators_counts_again(
    session: Session, path: Path, gate: Gate, qtbot: QtBot
) -> None:
    gate.release()
    window = window_on(session, qtbot)
    qtbot.waitUntil(lambda: not window.counting, timeout=20000)
    assert window.progress.text().endswith(f", {expected(path, list(WHO))} in the project")
    window.set_annotators(["amal", "lina"])
    # the worker records its call when the pool runs it (later on a loaded machine)
    qtbot.waitUntil(lambda: gate.calls[-1] == ["amal", "lina"], timeout=20000)
    qtbot.waitUntil(lambda: not window.counting, timeout=20000)
    two = expected(path, ["amal", "lina"])
    assert two != expected(path, list(WHO))  # (the test tells them apart)
    assert window.progress.text().endswith(f", {two} in the project")


def test_the_figure_of_a_replaced_count_is_never_shown(
    session: Session, path: Path, gate: Gate, qtbot: QtBot
) -> None:
    window = window_on(session, qtbot)
    old = window.counter
    assert old is not None
    window.set_annotators(["amal", "badr"])
    new = window.counter
    assert new is not None and new is not old
    assert old.is_cancelled() and not new.is_cancelled()
    old.signals.finished.emit({1: 999})  # the old count ends after the change
    old.signals.progress.emit(1, 2)
    assert window.counter is new and window.left_per_doc is None
    assert "999" not in window.progress.text()
    assert "(0 %)" in window.progress.text()
    gate.release()
    qtbot.waitUntil(lambda: not window.counting, timeout=20000)
    two = expected(path, ["amal", "badr"])
    assert window.progress.text().endswith(f", {two} in the project")
    assert "999" not in window.progress.text()


def test_closing_stops_the_count_and_showing_again_counts(
    session: Session, path: Path, gate: Gate, qtbot: QtBot
) -> None:
    window = window_on(session, qtbot)
    counter = window.counter
    assert counter is not None
    window.close()
    assert counter.is_cancelled() and not window.counting
    gate.release()
    window.show()
    assert window.counting
    qtbot.waitUntil(lambda: not window.counting, timeout=20000)
    assert window.progress.text().endswith(f", {expected(path, list(WHO))} in the project")


def test_a_small_project_is_counted_at_once(session: Session, path: Path, qtbot: QtBot) -> None:
    window = window_on(session, qtbot)
    assert not window.counting
    assert window.progress.text().endswith(f", {expected(path, list(WHO))} in the project")


def test_the_streamed_count_matches_document_by_document(path: Path) -> None:
    with Project.open(path, read_only=True) as p:
        for names in (list(WHO), ["amal", "badr"], ["badr", "lina"], ["lina", "amal"]):
            one_by_one = {d.id: remaining(p, d.id, names) for d in p.documents()}
            assert project_remaining(p, names) == {k: n for k, n in one_by_one.items() if n}
        assert project_remaining(p, ["amal"]) == {}
        seen: list[tuple[int, int]] = []
        project_remaining(p, list(WHO), progress=lambda done, total: seen.append((done, total)))
        assert seen[-1] == (6, 6)
        with pytest.raises(Cancelled):
            project_remaining(p, list(WHO), cancelled=lambda: True)


def test_a_long_agreement_table_fills_over_turns_of_the_event_loop(
    session: Session, path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Agreement window's per-document table (documents x pairs rows) is made a few
    rows at a time after the result arrives, not all in one go on the GUI thread."""
    import ui.review.agreement_window as agreement_window
    from ui.review.agreement_window import AgreementWindow, filling, fmt, measure

    result, schema = measure(path, list(WHO), None, lambda _d, _t: None, lambda: False)
    rows = [(p.a, p.b, d) for p in result.pairs for d in p.documents]
    assert len(rows) > 4
    monkeypatch.setattr(agreement_window, "FILL_ROWS", 2)
    window = AgreementWindow(session)
    qtbot.addWidget(window)
    window.show_result(result, schema)
    table = window.tables["documents"]
    assert table.rowCount() == len(rows) and filling(table)
    assert table.item(1, 2) is not None and table.item(2, 2) is None  # the rest comes later
    qtbot.waitUntil(lambda: not filling(table), timeout=10000)
    for r, (a, b, d) in enumerate(rows):
        cells = [table.item(r, c) for c in range(6)]
        shown = [cell.text() if cell is not None else None for cell in cells]
        assert shown == [a, b, d.name, fmt(d.exact.f1), fmt(d.overlap.f1), fmt(d.kappa)]
    window.show_result(result, schema)  # a new result: the old table stops filling
    again = window.tables["documents"]
    assert again is not table and filling(again)
    qtbot.waitUntil(lambda: not filling(again), timeout=10000)
