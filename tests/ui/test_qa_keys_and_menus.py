"""Keys typed in text fields stay in them, the relation and label popups speak the interface
language, and the relation prompt goes once the relation is made (found by QA)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QInputDialog,
    QLineEdit,
    QMenu,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.project import Project
from annotator.schema import Label, RelationType
from tests.ui.conftest import open_window
from ui import i18n
from ui.events import relations
from ui.search import FindBar, SearchDock
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
        p.add_document(TEXT, name="seed")
        p.add_document("نص ثان عن باريس.", name="second")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    w.session.close()


def project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def spans(w: MainWindow) -> set[tuple[str, str]]:
    return {(s.text, s.label) for s in project(w).spans(None, ME)}


def labelled(w: MainWindow, qtbot: QtBot) -> set[tuple[str, str]]:
    """France labelled GPE (so Return has a last label), then Germany selected in the view."""
    w.view.select(*at("فرنسا"))
    w.editing.apply_label("GPE")
    w.view.select(*at("ألمانيا"))
    assert w.editing.last_label == "GPE"
    return spans(w)


def focus(widget: QWidget, qtbot: QtBot) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_return_in_the_corpus_search_box_searches(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = labelled(w, qtbot)
    QTest.keyClick(
        w.view,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dock = w.findChild(SearchDock)
    assert dock is not None and QApplication.focusWidget() is dock.edit
    dock.edit.setText("باريس")
    with qtbot.waitSignal(dock.searchFinished, timeout=10000) as finished:
        QTest.keyClick(dock.edit, Qt.Key.Key_Return)
    assert finished.args is not None and finished.args[0] == "finished"
    assert dock.model.rowCount() > 0
    # the "in documents named" box searches too
    dock.documents.setText("second")
    focus(dock.documents, qtbot)
    with qtbot.waitSignal(dock.searchFinished, timeout=10000):
        QTest.keyClick(dock.documents, Qt.Key.Key_Return)
    assert dock.model.rowCount() == 1
    assert spans(w) == before  # ألمانيا was not labelled


def test_return_in_a_floating_search_dock_searches(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = labelled(w, qtbot)
    dock = w.findChild(SearchDock)
    assert dock is not None
    dock.open("باريس")
    dock.setFloating(True)
    focus(dock.edit, qtbot)
    with qtbot.waitSignal(dock.searchFinished, timeout=10000):
        QTest.keyClick(dock.edit, Qt.Key.Key_Return)
    assert spans(w) == before


def test_return_in_the_find_bar_goes_to_the_next_hit(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = labelled(w, qtbot)
    QTest.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = w.findChild(FindBar)
    assert bar is not None and QApplication.focusWidget() is bar.edit
    bar.edit.setText("باريس")
    assert len(bar.hits) > 1 and bar.current == 0
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.current == 1
    assert w.view.selection() == (bar.hits[1].start, bar.hits[1].end)
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current == 0  # Shift+Return: the previous hit (not a suggestion's key)
    QTest.keyClick(bar.edit, Qt.Key.Key_F3)  # function keys stay the window's
    assert bar.current == 1
    assert spans(w) == before


def test_return_in_the_document_filter_labels_nothing(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = labelled(w, qtbot)
    box = w.documents.filter_edit
    focus(box, qtbot)
    QTest.keyClicks(box, "sec")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert box.text() == "sec"
    assert spans(w) == before


def test_return_in_the_document_view_still_applies_the_last_label(
    window: MainWindow, qtbot: QtBot
) -> None:
    w = window
    before = labelled(w, qtbot)
    QTest.keyClick(w.view, Qt.Key.Key_Return)
    assert spans(w) == before | {("ألمانيا", "GPE")}


def test_no_text_field_of_the_window_loses_a_typing_key(window: MainWindow, qtbot: QtBot) -> None:
    """Line edits, spin boxes, editable combo boxes and the note editor keep Return, Tab,
    Delete and letters; the window's single-key shortcuts do not fire from them."""
    w = window
    before = labelled(w, qtbot)
    fired: list[str] = []
    for name in ("apply_last", "next_span", "prev_span", "delete", "add_relation", "trim"):
        w.actions_by_name[name].triggered.connect(lambda _c=False, n=name: fired.append(n))
    holder = QDockWidget("fields", w)
    holder.setObjectName("fields")
    body = QWidget(holder)
    line, spin, combo = QLineEdit(body), QSpinBox(body), QComboBox(body)
    combo.setEditable(True)
    for k, field in enumerate((line, spin, combo)):
        field.move(0, 30 * k)
    holder.setWidget(body)
    w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, holder)
    holder.show()
    entered: list[str] = []
    line.returnPressed.connect(lambda: entered.append("line"))
    spin.editingFinished.connect(lambda: entered.append("spin"))
    france = next(s for s in project(w).spans(None, ME) if s.text == "فرنسا")
    w.selection.select_span(france.uuid)  # Delete would delete it, Tab step from it
    fields: list[QWidget] = [line, spin, combo, w.details.note]
    for field in fields:
        focus(field, qtbot)
        QTest.keyClicks(field, "1r[")
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            QTest.keyClick(field, key)
    assert fired == []
    assert "line" in entered and "spin" in entered
    assert combo.count() == 1  # Return in an editable combo box adds its text as an item
    assert w.details.note.toPlainText().startswith("1r[\n")
    # Tab leaves a line edit (focus chain) instead of stepping through the annotations
    focus(line, qtbot)
    QTest.keyClick(line, Qt.Key.Key_Tab)
    assert fired == [] and not line.hasFocus()
    assert spans(w) == before


def test_relation_and_label_menus_use_the_interface_language(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    linker = w.event_tools.linker
    schema = project(w).schema
    shown: list[list[str]] = []

    class Menu(QMenu):  # the real menu, its items read instead of shown
        def exec(self, *_args: object) -> QAction | None:  # type: ignore[override]
            shown.append([a.text() for a in self.actions()])
            return None

    monkeypatch.setattr(relations, "QMenu", Menu)
    phys = schema.relation("PHYS")
    per, gpe = schema.label("PER"), schema.label("GPE")
    assert isinstance(phys, RelationType) and isinstance(per, Label) and isinstance(gpe, Label)
    dummy = Span("s", 1, ME, 0, 1, "PER", "x")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    meet = schema.event("Contact.Meet")
    assert meet is not None
    try:
        assert i18n.install_translator(app, "ar") == "ar"
        assert linker.choose_relation([phys], dummy, dummy) is None
        assert linker.choose_label([per, gpe], "x") is None
        assert linker.choose_role(list(meet.roles), "x") is None
    finally:
        i18n.install_translator(app, "en")
    assert shown[0][1:] == ["علاقة مكانية"] and phys.ar == "علاقة مكانية"
    assert shown[1][1:] == [f"{per.ar}\t{per.hotkey}", f"{gpe.ar}\t{gpe.hotkey}"]
    # the ACE roles are named in Arabic too (the schema has no Arabic form for roles)
    assert shown[2][1:4] == ["الكيان", "الزمن", "المكان"]
    assert [r.name for r in meet.roles] == ["Entity", "Time", "Place"]
    shown.clear()
    linker.choose_relation([phys], dummy, dummy)
    linker.choose_role(list(meet.roles), "x")
    assert shown[0][1:] == ["Physical"]  # English names in the English interface
    assert shown[1][1:4] == ["Entity", "Time", "Place"]


def test_the_relation_prompt_goes_once_the_relation_is_made(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    p = project(w)
    doc = w.model.doc
    assert doc is not None
    france = p.add_span(doc.id, *at("فرنسا"), "GPE", ME)
    person = p.add_span(doc.id, *at("لودريان"), "PER", ME)
    w.layers.refresh_layer()
    linker = w.event_tools.linker
    monkeypatch.setattr(linker, "choose_relation", lambda types, src, dst: "PHYS")
    w.selection.select_span(person.uuid)
    QTest.keyClick(w.view, Qt.Key.Key_R)
    assert "click the target span" in w.statusBar().currentMessage()
    w.editing.on_span_clicked(france.uuid)
    (rel,) = p.relations(None, ME)
    assert (rel.type, rel.source, rel.target) == ("PHYS", person.uuid, france.uuid)
    assert "click the target span" not in w.statusBar().currentMessage()
    # a dismissed menu says so instead of leaving the prompt up
    monkeypatch.setattr(linker, "choose_relation", lambda types, src, dst: None)
    w.selection.select_span(person.uuid)
    QTest.keyClick(w.view, Qt.Key.Key_R)
    w.editing.on_span_clicked(france.uuid)
    assert w.statusBar().currentMessage() == "No relation added."
    assert len(p.relations(None, ME)) == 1
