"""Alt+arrow edge moves and ``[``/``]`` on words written with harakat (ui.workbench.span_edges,
ui.workbench.editing): one step is one letter with its marks, and no key leaves a span edge
between a letter and its harakat (QA 13: Alt+Shift+Right on مُحَمَّدٌ dropped the tanween
alone, then Alt+Left left the span starting with an orphan damma)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.project import Project
from annotator.text import is_letter_boundary
from tests.ui.conftest import open_window
from ui.workbench.mainwindow import MainWindow
from ui.workbench.span_edges import moved_edges, step

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال مُحَمَّدٌ إنّ الوفد وَصَلَ وَهُولَنْدَا ثم وَالْكِتَابُ\nHe met Zoë and Renée there"
ME = "amal"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def bounds(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_a_step_is_a_letter_with_its_marks() -> None:
    s, e = bounds("مُحَمَّدٌ")
    assert TEXT[step(TEXT, e, False, False) : e] == "دٌ"
    assert TEXT[s : step(TEXT, s, True, False)] == "مُ"
    # RTL: Alt+Shift+Right moves the end edge back a letter, Alt+Left the start forward
    assert moved_edges(TEXT, s, e, "end", True, False) == (s, e - 2)
    moved = moved_edges(TEXT, s, e - 2, "end", True, False)
    assert moved is not None and TEXT[moved[0] : moved[1]] == "مُحَ"
    moved = moved_edges(TEXT, s, moved[1], "start", False, False)
    assert moved is not None and TEXT[moved[0] : moved[1]] == "حَ"


def test_growing_over_a_space_does_not_split_the_letter_beyond() -> None:
    s, e = bounds("إنّ")
    # growing the start edge (RTL: right) over the space stops before مُحَمَّدٌ's last
    # letter with its tanween, not between the dal and the tanween
    moved = moved_edges(TEXT, s, e, "start", True, False)
    assert moved is not None and TEXT[moved[0] : moved[1]] == "دٌ إنّ"
    s, e = bounds("قال")
    moved = moved_edges(TEXT, s, e, "end", False, False)  # the end edge, grown over the space
    assert moved is not None and TEXT[moved[0] : moved[1]] == "قال مُ"


def test_latin_accents_written_as_combining_marks_stay_on_their_letter() -> None:
    text = "He met Zoe\u0308 and Rene\u0301e"
    s = text.index("Zoe")
    e = s + len("Zoe\u0308")
    assert moved_edges(text, s, e, "end", False, False) == (s, e - 2)  # LTR: left shrinks
    assert moved_edges(text, s, e - 2, "end", True, False) == (s, e)


WORDS = st.lists(
    st.sampled_from(["مُحَمَّدٌ", "إنّ", "وَهُولَنْدَا", "الْكِتَابُ", "بـــاريس", "«قال»", "Zoe\u0308"]),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.data())
def test_no_edge_key_stops_inside_a_letter(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    edge = data.draw(st.sampled_from(["start", "end"]))
    moved = moved_edges(text, start, end, edge, data.draw(st.booleans()), data.draw(st.booleans()))
    if moved is not None:
        new = moved[0] if edge == "start" else moved[1]
        assert is_letter_boundary(text, new), (text, start, end, edge, moved)


# -- in the window -----------------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="marks")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    qtbot.waitExposed(w)
    w.view.setFocus()
    yield w
    w.session.close()


def only_span(w: MainWindow) -> Span:
    assert w.session.project is not None and w.model.doc is not None
    (span,) = w.session.project.spans(w.model.doc.id, ME)
    return span


def test_alt_arrows_move_edges_a_letter_with_its_marks(window: MainWindow) -> None:
    window.view.select(*bounds("مُحَمَّدٌ"))
    QTest.keyClick(window.view, Qt.Key.Key_P)
    window.selection.select_span(only_span(window).uuid)
    QTest.keyClick(window.view, Qt.Key.Key_Right, ALT | SHIFT)
    assert only_span(window).text == "مُحَمَّ"
    QTest.keyClick(window.view, Qt.Key.Key_Right, ALT | SHIFT)
    assert only_span(window).text == "مُحَ"
    QTest.keyClick(window.view, Qt.Key.Key_Left, ALT)
    assert only_span(window).text == "حَ"
    QTest.keyClick(window.view, Qt.Key.Key_Right, ALT)
    QTest.keyClick(window.view, Qt.Key.Key_Left, ALT | SHIFT)
    assert only_span(window).text == "مُحَمَّ"


@pytest.mark.parametrize(
    ("word", "trimmed"),
    [("وَهُولَنْدَا", ["هُولَنْدَا"]), ("وَالْكِتَابُ", ["الْكِتَابُ", "كِتَابُ"])],
)
def test_trim_keys_take_the_proclitic_with_its_marks(
    window: MainWindow, word: str, trimmed: list[str]
) -> None:
    s, e = bounds(word)
    window.view.select(s, e)
    for expected in trimmed:  # [ on a text selection
        QTest.keyClick(window.view, Qt.Key.Key_BracketLeft)
        a, b = window.view.selection()
        assert TEXT[a:b] == expected
    QTest.keyClick(window.view, Qt.Key.Key_G)
    assert only_span(window).text == trimmed[-1]  # stored so
    window.selection.select_span(only_span(window).uuid)
    for expected in [word, *trimmed][-2::-1]:  # ] on the selected span
        QTest.keyClick(window.view, Qt.Key.Key_BracketRight)
        assert only_span(window).text == expected
    for expected in trimmed:  # [ on the selected span
        QTest.keyClick(window.view, Qt.Key.Key_BracketLeft)
        assert only_span(window).text == expected
