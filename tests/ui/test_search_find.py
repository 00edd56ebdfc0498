"""The in-document find bar (ui.search.find_bar): hits highlighted apart from annotations,
next/previous, the count, Esc; a screenshot of the seed article with hits and a span."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from annotator.text import OffsetMap
from ui.docview.view import DocumentView, ViewSpan
from ui.search import FindBar
from ui.search.find_bar import CURRENT_BACKGROUND, HIT_BACKGROUND


def bar_for(view: DocumentView, qtbot: QtBot) -> FindBar:
    bar = FindBar(view)
    qtbot.addWidget(bar)
    return bar


def test_find_highlights_every_hit_and_steps_through_them(
    seed_view: DocumentView, qtbot: QtBot, seed_text: str
) -> None:
    bar = bar_for(seed_view, qtbot)
    seen: list[tuple[list[tuple[int, int]], int]] = []
    bar.hitsChanged.connect(lambda hits, current: seen.append((hits, current)))
    bar.open("باريس")
    assert bar.isVisible()
    inside = seed_text.index("بباريس") + 1
    phrase = seed_text.index("اعتداءات باريس") + len("اعتداءات ")
    pairs = [(h.start, h.end) for h in bar.hits]
    assert pairs == [(inside, inside + 5), (phrase, phrase + 5)]
    assert seen[-1] == (pairs, 0)
    assert bar.count.text() == "1 of 2"
    assert seed_view.selection() == pairs[0]
    selections = seed_view.extraSelections()
    omap = OffsetMap(seed_text)
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in selections] == [
        (omap.to_u16(a), omap.to_u16(b)) for a, b in pairs
    ]
    assert selections[0].format.background().color() == CURRENT_BACKGROUND
    assert selections[1].format.background().color() == HIT_BACKGROUND
    bar.next()
    assert (bar.count.text(), seed_view.selection()) == ("2 of 2", pairs[1])
    bar.next()
    assert seed_view.selection() == pairs[0]
    bar.previous()
    assert seed_view.selection() == pairs[1]
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert seed_view.selection() == pairs[0]
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    assert seed_view.selection() == pairs[1]
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and seed_view.extraSelections() == []
    assert seen[-1] == ([], -1)


def test_find_modes_options_and_errors(seed_view: DocumentView, qtbot: QtBot) -> None:
    bar = bar_for(seed_view, qtbot)
    bar.open("هولندا")
    assert len(bar.hits) == 1  # in وهولندا, after the proclitic
    bar.mode.setCurrentIndex(bar.mode.findData("regex"))
    bar.edit.setText("(باريس")
    assert bar.hits == [] and "bad regular expression" in bar.count.text()
    bar.edit.setText(r"باريس|هولندا")
    assert len(bar.hits) == 3
    bar.edit.setText("لا يوجد هذا")
    assert bar.count.text() == "no hits"
    bar.edit.clear()
    assert seed_view.extraSelections() == [] and bar.count.text() == ""


def test_find_follows_a_new_text_and_keeps_the_spans(seed_view: DocumentView, qtbot: QtBot) -> None:
    bar = bar_for(seed_view, qtbot)
    bar.open("فرنسا")
    assert len(bar.hits) == 3
    seed_view.set_text("فرنسا وفرنسا")
    seed_view.set_spans([ViewSpan("s", 0, 5, "GPE", "#1f77b4")])
    bar.text_changed()
    assert [(h.start, h.end) for h in bar.hits] == [(0, 5), (7, 12)]
    assert [s.uuid for s in seed_view.spans()] == ["s"]  # annotations untouched


def test_find_actions_carry_the_standard_keys(seed_view: DocumentView, qtbot: QtBot) -> None:
    bar = bar_for(seed_view, qtbot)
    find, following, previous = bar.actions_for(bar)
    assert find.shortcut().toString() == "Ctrl+F"
    assert following.shortcut().toString() == "F3"
    assert previous.shortcut().toString() == "Shift+F3"
    find.trigger()
    assert (bar.isVisible() and bar.edit.hasFocus()) or bar.isVisible()


def test_find_screenshot(qtbot: QtBot, seed_text: str, shots: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    view = DocumentView(window)
    bar = FindBar(view, window)
    column = QVBoxLayout(window)
    column.addWidget(bar)
    column.addWidget(view)
    window.resize(820, 420)
    view.set_text(seed_text)
    start = seed_text.index("وزارة الدفاع")
    view.set_spans([ViewSpan("org", start, start + len("وزارة الدفاع"), "ORG", "#2ca02c")])
    window.show()
    qtbot.waitExposed(window)
    bar.open("الدفاع")
    assert len(bar.hits) >= 3
    view.scroll_to(0)
    window.repaint()
    path = shots / "search_find_bar.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000
