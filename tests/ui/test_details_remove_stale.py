"""A stored attribute value the schema no longer gives the span's label (or its event's
type) is listed read-only in the Details panel with a button that removes it: one undoable
edit, saved at once. Before, the panel listed it and offered no way to remove it, and every
edit of the span's other attributes was refused for it (the core judged the whole set; now
it judges what an edit changes: ``rules.edit_of``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QToolButton
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema import AttributeDef
from tests.ui.conftest import open_window, plain
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"
ODD = "R&D<b>1</b>"
"""an attribute name the schema dropped that markup or a mnemonic would change"""


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        extra = (AttributeDef("Old", "text", (), ("PER",)), AttributeDef(ODD, "text", (), ("PER",)))
        p.set_schema(dataclasses.replace(p.schema, attributes=(*p.schema.attributes, *extra)))
        trg = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        p.add_event(trg.uuid, attributes={"Realis": "Actual", "Polarity": "Positive"})
        p.add_span(
            doc.id,
            *at("لودريان"),
            "PER",
            ME,
            attributes={"MentionType": "NAM", "Old": "kept", ODD: "<i>x</i>"},
        )
        # the schema changes under the stored values: Actual renamed, Old and ODD not PER's
        attrs = tuple(
            dataclasses.replace(a, values=("Real", "Generic", "Other"), values_ar=())
            if a.name == "Realis"
            else dataclasses.replace(a, labels=("ORG",))
            if a.name in ("Old", ODD)
            else a
            for a in p.schema.attributes
        )
        p.set_schema(dataclasses.replace(p.schema, attributes=attrs))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def stored_span(window: MainWindow) -> dict[str, object]:
    project = window.session.project
    assert project is not None
    return dict(next(s for s in project.spans(1) if s.label == "PER").attributes)


def select_per(window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    window.selection.select_span(next(s.uuid for s in project.spans(1) if s.label == "PER"))


def remove_button(window: MainWindow, name: str) -> QToolButton:
    remover = getattr(window.details, "remover", None)  # (none before: nothing to click)
    assert remover is not None, "the Details panel offers no way to remove a stale value"
    assert remover.isVisibleTo(window.details)
    button = remover.buttons[name]
    assert isinstance(button, QToolButton) and button.isVisibleTo(window.details)
    return button


def test_a_stale_value_is_removed_and_the_removal_undone(qtbot: QtBot, window: MainWindow) -> None:
    select_per(window)
    button = remove_button(window, "Old")
    assert plain(button.text()) == "Remove Old"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # saved at once, the other values as stored (ODD is stale too: refused before)
    assert stored_span(window) == {"MentionType": "NAM", ODD: "<i>x</i>"}
    assert "Old" not in plain(window.details.kept.text())
    assert "Old" not in window.details.remover.buttons
    window.session.undo()
    assert stored_span(window)["Old"] == "kept"
    assert plain(window.details.kept.text()).count("Old = kept") == 1
    again = window.details.remover.buttons["Old"]
    qtbot.waitUntil(lambda: again.isVisibleTo(window.details))
    window.session.redo()
    assert "Old" not in stored_span(window)


def test_an_odd_name_is_shown_as_plain_text(qtbot: QtBot, window: MainWindow) -> None:
    select_per(window)
    button = remove_button(window, ODD)
    # no markup read, the & doubled so that it shows (not a mnemonic); maybe elided (a
    # tool button's text is never rich text), whole in the tooltip
    assert button.text().startswith("Remove \u2068R&&D<b>1")
    assert "R&amp;D&lt;b&gt;1&lt;/b&gt;" in button.toolTip()  # (plain_tooltip)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ODD not in stored_span(window)
    assert stored_span(window)["Old"] == "kept"


def test_another_attribute_is_edited_while_a_stale_value_stays(window: MainWindow) -> None:
    select_per(window)
    mention = window.details.attr_widgets["MentionType"]
    assert isinstance(mention, QComboBox)
    mention.setCurrentIndex(mention.findData("NOM"))
    mention.activated.emit(mention.currentIndex())
    # allowed now (refused before: 'Old' is not defined for 'PER'); the stale values stay
    assert stored_span(window) == {"MentionType": "NOM", "Old": "kept", ODD: "<i>x</i>"}
    window.session.undo()
    assert stored_span(window)["MentionType"] == "NAM"


def test_an_events_stale_value_is_removed(qtbot: QtBot, window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    ev = project.events(1)[0]
    window.selection.select_span(ev.trigger)
    assert not window.details.remover.isVisibleTo(window.details)  # a trigger: none its own
    editor = window.details.linked_editor(ev.uuid)
    assert editor is not None and editor.remover.isVisibleTo(editor)
    qtbot.mouseClick(editor.remover.buttons["Realis"], Qt.MouseButton.LeftButton)
    assert dict(project.event(ev.uuid).attributes) == {"Polarity": "Positive"}
    window.session.undo()
    assert project.event(ev.uuid).attributes["Realis"] == "Actual"
    editor = window.details.linked_editor(ev.uuid)
    assert editor is not None and "Realis" in editor.remover.buttons
