"""Suggestions in the workbench: drawn apart from the annotations, clicked, thresholded,
accepted (one undo step), rejected, stepped through with keys; against an in-memory fake of
the project's suggestion storage (the contract of issues 13 and 14)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import Command
from annotator.commands.edits import Version
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from ui.docview.paint import block_marks
from ui.docview.spans import ViewSpan
from ui.docview.view import DocumentView
from ui.session import Session
from ui.suggestions import KEYS, install
from ui.suggestions.controller import SuggestionController
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


class FakeStore:
    """The suggestion half of the Project contract, in memory."""

    def __init__(self) -> None:
        self.items: dict[str, Suggestion] = {}
        self.state: dict[str, str] = {}  # uuid -> "open", "accepted", "rejected"

    def add(self, doc_id: int, word: str, label: str, score: float, nth: int = 0) -> Suggestion:
        start, end = at(word, nth)
        s = Suggestion(new_uuid(), doc_id, start, end, label, word, "model:crf@test", score)
        self.items[s.uuid] = s
        self.state[s.uuid] = "open"
        return s

    def suggestions(
        self, doc_id: int, min_score: float = 0.0, source: str | None = None
    ) -> list[Suggestion]:
        return [
            s
            for s in self.items.values()
            if s.doc_id == doc_id and self.state[s.uuid] == "open" and s.score >= min_score
        ]

    def reject_suggestions(self, uuids: Sequence[str]) -> None:
        for u in uuids:
            self.state[u] = "rejected"

    def accept_command(self, uuids: Sequence[str], annotator: str) -> Command:
        store = self

        class Accept(Command):
            text = "accept suggestions"

            def _first(self, project: Project) -> list[Version]:
                out: list[Version] = []
                for u in uuids:
                    s = store.items[u]
                    span = project.add_span(s.doc_id, s.start, s.end, s.label, annotator)
                    store.state[u] = "accepted"
                    out.append((None, span))
                return out

            def do(self, project: Project) -> Any:
                for u in uuids:
                    store.state[u] = "accepted"
                return super().do(project)

            def undo(self, project: Project) -> Any:
                for u in uuids:
                    store.state[u] = "open"
                return super().undo(project)

        return Accept()


# -- the view -------------------------------------------------------------------------------


def test_suggestions_are_outlined_not_filled_and_never_spans(
    seed_view: DocumentView, qtbot: QtBot
) -> None:
    start, end = at("باريس")
    seed_view.set_suggestions([ViewSpan("s1", start, end, "GPE", "#1f77b4")])
    assert seed_view.spans() == [] and [s.uuid for s in seed_view.suggestions()] == ["s1"]
    assert seed_view.suggestions()[0].suggestion
    block = seed_view.document().findBlock(seed_view._to_qt(start))
    entry = seed_view._block_geometry(block)
    marks = seed_view._block_marks(entry)
    assert marks.tints == [] and marks.bars == [] and marks.dashes == []  # no fill, no underline
    assert len(marks.suggested) == 1
    pen, rects = marks.suggested[0]
    assert pen.style() == Qt.PenStyle.DashLine and len(rects) >= 1
    assert len(marks.tags) == 1
    # a span beside it keeps its tint and bar
    s2, e2 = at("فرنسا")
    seed_view.set_spans([ViewSpan("a1", s2, e2, "GPE", "#1f77b4")])
    tags = seed_view._tags
    assert tags is not None
    geoms = seed_view._block_geometry(block).geoms
    marks2 = block_marks(entry.boxes, geoms, [0] * len(geoms), seed_view._style, None, tags)
    assert marks2.tints and marks2.bars and marks2.suggested


def _point(view: DocumentView, pos: int) -> QPoint:
    rect = view.cursor_rect(pos)
    nxt = view.cursor_rect(pos + 1)
    return QPoint((rect.center().x() + nxt.center().x()) // 2, rect.center().y())


def test_clicking_a_suggestion_selects_it_not_a_span(seed_view: DocumentView, qtbot: QtBot) -> None:
    start, end = at("باريس")
    seed_view.set_suggestions([ViewSpan("s1", start, end, "GPE", "#1f77b4")])
    s2, e2 = at("فرنسا")
    seed_view.set_spans([ViewSpan("a1", s2, e2, "GPE", "#1f77b4")])
    clicked: list[str] = []
    spans: list[str] = []
    seed_view.suggestionClicked.connect(clicked.append)
    seed_view.spanClicked.connect(spans.append)
    seed_view.scroll_to(start)
    QTest.mouseClick(
        seed_view.viewport(), Qt.MouseButton.LeftButton, pos=_point(seed_view, start + 2)
    )
    assert clicked == ["s1"] and seed_view.selected_suggestion() == "s1"
    assert seed_view.selected() is None
    seed_view.scroll_to(s2)
    QTest.mouseClick(seed_view.viewport(), Qt.MouseButton.LeftButton, pos=_point(seed_view, s2 + 2))
    assert spans[-1] == "a1" and seed_view.selected() == "a1"
    assert seed_view.selected_suggestion() is None  # one selection at a time
    seed_view.scroll_to(start)
    assert "GPE? 100%" in seed_view.tooltip_html(_point(seed_view, start + 2))


def test_the_texts_tooltip_cuts_a_score_down_as_the_list_and_threshold_do(
    seed_view: DocumentView,
) -> None:
    """QA 15: the list shows 0.496 as 0.49 and hides it at 0.50, as --min-score does; the
    text's tooltip rounded it to 50%."""
    start, end = at("باريس")
    seed_view.set_suggestions([ViewSpan("s1", start, end, "GPE", "#1f77b4", score=0.496)])
    seed_view.scroll_to(start)
    tip = seed_view.tooltip_html(_point(seed_view, start + 2))
    assert "GPE? 49%" in tip and "50%" not in tip


def test_the_outline_is_painted_around_the_right_letters(
    seed_view: DocumentView, qtbot: QtBot, shots: Path
) -> None:
    start, end = at("باريس")
    seed_view.scroll_to(start)
    before = seed_view.viewport().grab().toImage()
    seed_view.set_suggestions([ViewSpan("s1", start, end, "GPE", "#d62728")])
    seed_view.repaint()
    after = seed_view.viewport().grab().toImage()
    a, b = seed_view.cursor_rect(start), seed_view.cursor_rect(end)
    box = a.united(b).adjusted(-4, -4, 4, 4)
    changed = _changed(before, after)
    assert changed, "the suggestion drew something"
    ratio = after.devicePixelRatio()
    inside = [p for p in changed if box.contains(int(p[0] / ratio), int(p[1] / ratio))]
    assert len(inside) >= len(changed) // 2  # most of the drawing is at the word (tag below)
    after.save(str(shots / "suggestion_view.png"))


def _changed(a: QImage, b: QImage) -> list[tuple[int, int]]:
    out = []
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            if QColor(a.pixel(x, y)) != QColor(b.pixel(x, y)):
                out.append((x, y))
    return out


# -- the window ------------------------------------------------------------------------------


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document("نص ثان عن بغداد.", name="second")
    return path


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    session = Session()
    w = MainWindow(session, settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, project_path)
    assert w.ensure_annotator()
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    session.close()


@pytest.fixture
def fake() -> FakeStore:
    return FakeStore()


@pytest.fixture
def controller(window: MainWindow, fake: FakeStore) -> SuggestionController:
    installed = install(window)
    c = installed.controller
    c._source_of = lambda: fake
    c._accept = fake.accept_command
    c._reject = lambda uuids: None  # the fake rejects through reject_suggestions
    assert window.doc is not None
    doc = window.doc.id
    fake.add(doc, "باريس", "GPE", 0.9)
    fake.add(doc, "فرنسا", "GPE", 0.3)
    fake.add(doc, "هولندا", "GPE", 0.7)
    c.show_document(doc)
    return c


def own(w: MainWindow) -> list[Any]:
    assert w.session.project is not None and w.doc is not None
    return w.session.project.spans(w.doc.id, ME)


def test_threshold_filters_what_is_shown(
    window: MainWindow, controller: SuggestionController
) -> None:
    assert len(window.view.suggestions()) == 2  # 0.9 and 0.7 at the default 0.5
    panel = window.docks["suggestions"].widget()
    panel.slider.setValue(80)  # type: ignore[attr-defined]
    assert [s.score for s in controller.shown()] == [0.9]
    assert len(window.view.suggestions()) == 1
    panel.slider.setValue(0)  # type: ignore[attr-defined]
    assert len(window.view.suggestions()) == 3
    assert panel.list.topLevelItemCount() == 3  # type: ignore[attr-defined]


def test_keys_accept_reject_next_and_undo(
    window: MainWindow, controller: SuggestionController, fake: FakeStore, qtbot: QtBot
) -> None:
    shown = controller.shown()
    QTest.keyClick(window.view, Qt.Key.Key_F6)
    assert window.view.selected_suggestion() == shown[0].uuid
    QTest.keyClick(window.view, Qt.Key.Key_F6)
    assert window.view.selected_suggestion() == shown[1].uuid
    QTest.keyClick(window.view, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selected_suggestion() == shown[0].uuid
    # accept: Shift+Return makes an ordinary span in the analyst's layer
    QTest.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert [(s.start, s.end, s.label) for s in own(window)] == [
        (shown[0].start, shown[0].end, "GPE")
    ]
    assert fake.state[shown[0].uuid] == "accepted"
    assert shown[0].uuid not in {s.uuid for s in window.view.suggestions()}
    assert window.view.selected_suggestion() == shown[1].uuid  # on to the next one
    window.session.undo()
    assert own(window) == [] and len(controller.shown()) == 2
    # reject: Shift+Delete, remembered
    controller.select(controller.shown()[1])
    QTest.keyClick(window.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert fake.state[shown[1].uuid] == "rejected" and len(controller.shown()) == 1
    assert own(window) == []


def test_accept_all_above_threshold_is_one_undo_step(
    window: MainWindow, controller: SuggestionController, fake: FakeStore
) -> None:
    controller.set_threshold(0.0)
    depth = window.session.undo_stack.count()
    QTest.keyClick(
        window.view,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(own(window)) == 3 and controller.shown() == []
    assert window.session.undo_stack.count() == depth + 1
    window.session.undo()
    assert own(window) == [] and len(controller.shown()) == 3
    controller.set_threshold(0.5)
    QTest.keyClick(
        window.view,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sorted(fake.state.values()) == ["open", "rejected", "rejected"]


def test_keys_clash_with_nothing_and_show_on_the_keys_page(
    window: MainWindow, controller: SuggestionController
) -> None:
    from ui.workbench.menus import show_keys

    mine = set(KEYS)
    taken = {
        k.toString()
        for name, a in window.actions_by_name.items()
        if name not in mine
        for k in a.shortcuts()
    }
    assert not taken & set(KEYS.values())
    assert all(len(k.split("+")[-1]) > 1 for k in KEYS.values())  # no letter keys
    page = show_keys(window)
    texts = [
        page.table.item(r, 0).text()  # type: ignore[union-attr]
        for r in range(page.table.rowCount())
    ]
    assert "Accept the suggestion" in texts and "Next suggestion" in texts
    page.close()


def test_switching_documents_follows(
    window: MainWindow, controller: SuggestionController, fake: FakeStore
) -> None:
    assert window.session.project is not None
    second = window.session.project.documents()[1].id
    window.navigation.open_document(second)
    assert window.view.suggestions() == [] and controller.doc_id == second
    first = window.session.project.documents()[0].id
    window.navigation.open_document(first)
    assert len(window.view.suggestions()) == 2


def test_with_the_real_project_accept_and_reject_are_undoable(window: MainWindow) -> None:
    """The adapter: the project's own storage and commands (annotator.commands.suggestions)."""
    project = window.session.project
    assert project is not None and window.doc is not None
    if not hasattr(project, "add_suggestions"):
        pytest.skip("the project has no suggestion storage yet")
    doc = window.doc.id
    made = []
    for word, score in (("باريس", 0.9), ("فرنسا", 0.8), ("هولندا", 0.7)):
        start, end = at(word)
        made.append(Suggestion(new_uuid(), doc, start, end, "GPE", word, "model:crf@t", score))
    assert project.add_suggestions(made) == 3
    c = install(window).controller  # installed by the menus already: the same one
    assert install(window).controller is c
    c.reload()
    assert [s.uuid for s in c.shown()] == [s.uuid for s in sorted(made, key=lambda s: s.start)]
    assert len(window.view.suggestions()) == 3
    c.select(c.shown()[0])
    first = c.shown()[0]
    assert c.accept()
    spans = own(window)
    assert [(s.start, s.end, s.label) for s in spans] == [(first.start, first.end, "GPE")]
    assert first.uuid not in {s.uuid for s in project.suggestions(doc)}
    window.session.undo()
    assert own(window) == [] and len(c.shown()) == 3  # back pending
    c.select(c.shown()[1])
    assert c.reject() and len(c.shown()) == 2
    window.session.undo()
    assert len(c.shown()) == 3
    assert c.accept_all() and len(own(window)) == 3 and c.shown() == []
    window.session.undo()
    assert own(window) == [] and len(c.shown()) == 3
