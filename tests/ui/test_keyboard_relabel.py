"""A span reached from the keyboard (Tab, the annotation list) is relabelled by a label key,
Return or the label palette, never doubled by a second span on its text; Tab leaves the note
field instead of typing a tab into the note (found by QA: Tab then a label key stacked a
second span on the selected one)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="seed").id
        p.add_span(doc, *at("الاجتماع"), "ORG", ME)
        p.add_span(doc, *at("فرنسا"), "GPE", ME)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    w.session.close()


def spans(w: MainWindow) -> list[tuple[str, str]]:
    assert w.session.project is not None
    return sorted((s.text, s.label) for s in w.session.project.spans(None, ME))


def key(
    w: MainWindow, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(w.view, k, mods)
    QApplication.processEvents()


def tab_to(w: MainWindow, word: str) -> None:
    """Tab through the annotations until the one over ``word`` is selected (its text too)."""
    for _ in range(5):
        key(w, Qt.Key.Key_Tab)
        span = w.model.span_of(w.model.selected_uuid)
        if span is not None and span.text == word:
            assert w.view.selection() == (span.start, span.end)  # Tab selects its text
            return
    raise AssertionError(f"Tab never reached {word}")


def test_a_label_key_after_tab_relabels_the_span(window: MainWindow) -> None:
    w = window
    tab_to(w, "فرنسا")
    uuid = w.model.selected_uuid
    key(w, Qt.Key.Key_L)  # LOC
    assert spans(w) == [("الاجتماع", "ORG"), ("فرنسا", "LOC")]
    assert w.model.selected_uuid == uuid  # the same record, relabelled
    # Shift+Tab back to the other one, and Return (the last label, LOC) relabels it too
    key(w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert w.model.span_of(w.model.selected_uuid).text == "الاجتماع"  # type: ignore[union-attr]
    key(w, Qt.Key.Key_Return)
    assert spans(w) == [("الاجتماع", "LOC"), ("فرنسا", "LOC")]
    # one undo step each
    w.session.undo_stack.undo()
    assert spans(w) == [("الاجتماع", "ORG"), ("فرنسا", "LOC")]


def test_the_label_palette_and_the_annotation_list_follow_the_same_rule(
    window: MainWindow,
) -> None:
    w = window
    france = next(s for s in w.model.layer.spans if s.text == "فرنسا")
    w.annotations.annotationChosen.emit(france.uuid)  # a row of the annotation list chosen
    assert w.view.selection() == (france.start, france.end)
    w.label_palette.labelChosen.emit("PER")  # the palette's row clicked
    assert spans(w) == [("الاجتماع", "ORG"), ("فرنسا", "PER")]
    # the events panel's rows go to a span the same way: Return relabels it (the last
    # label, PER)
    meeting = next(s for s in w.model.layer.spans if s.text == "الاجتماع")
    w.event_tools.events.spanChosen.emit(meeting.uuid)
    key(w, Qt.Key.Key_Return)
    assert spans(w) == [("الاجتماع", "PER"), ("فرنسا", "PER")]


def test_text_selected_anew_over_a_span_is_new_text(window: MainWindow) -> None:
    """A double click on a labelled word selects it anew: another label there is another
    span (an entity and a trigger may share a word), as before."""
    w = window
    tab_to(w, "فرنسا")
    start, end = at("فرنسا")
    rect, nxt = w.view.cursor_rect(start + 2), w.view.cursor_rect(start + 3)
    place = QPoint((rect.center().x() + nxt.center().x()) // 2, rect.center().y())
    # a double click is a click (it selects the span under it) and then the double click
    # (QTest.mouseDClick sends only the latter)
    QTest.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    QTest.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    assert w.view.selection() == (start, end) and w.model.span_of(w.model.selected_uuid)
    key(w, Qt.Key.Key_L)
    assert spans(w) == [("الاجتماع", "ORG"), ("فرنسا", "GPE"), ("فرنسا", "LOC")]


def test_new_text_is_still_labelled_as_a_new_span(window: MainWindow) -> None:
    w = window
    tab_to(w, "فرنسا")
    w.view.select(*at("ألمانيا"))  # other text, with France still the selected span
    key(w, Qt.Key.Key_G)
    assert spans(w) == [("ألمانيا", "GPE"), ("الاجتماع", "ORG"), ("فرنسا", "GPE")]
    # a selection wider than the selected span is new text too
    france = next(s for s in w.model.layer.spans if s.text == "فرنسا")
    w.selection.select_span(france.uuid)
    w.view.select(france.start, at("أستراليا")[1])
    key(w, Qt.Key.Key_L)
    assert ("فرنسا", "GPE") in spans(w) and len(spans(w)) == 4


def test_tab_leaves_the_note_field_without_typing_a_tab(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    tab_to(w, "فرنسا")
    uuid = w.model.selected_uuid
    note = w.details.note
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    note.insertPlainText("زار باريس")
    QTest.keyClick(note, Qt.Key.Key_Tab)
    assert not note.hasFocus()  # the focus moved on
    assert "\t" not in note.toPlainText()
    assert w.session.project is not None
    qtbot.waitUntil(lambda: w.session.project.span(uuid).note != "", timeout=3000)  # type: ignore[union-attr]
    assert w.session.project.span(uuid).note == "زار باريس"
    assert w.model.selected_uuid == uuid  # Tab did not step to another annotation
    # Shift+Tab from the note goes back, no tab typed either
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    QTest.keyClick(note, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not note.hasFocus() and "\t" not in note.toPlainText()
