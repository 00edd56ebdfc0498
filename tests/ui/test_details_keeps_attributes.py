"""An edit in the Details panel changes only the attribute the user changed: values its
widgets cannot show (an enum value the schema no longer has, an attribute the schema no
longer gives the label) are kept, for a span's attributes and for the event's and relation's
boxes (``merge_attributes``). Before, the panel's widgets alone made the new attribute set,
and Realis=Actual (renamed Real in the schema) went when Tense was picked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema import AttributeDef
from tests.ui.conftest import plain
from ui.session import Session
from ui.workbench.details import NO_VALUE, fill_attributes, merge_attributes
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.set_schema(
            dataclasses.replace(
                p.schema,
                attributes=(*p.schema.attributes, AttributeDef("Old", "text", (), ("PER",))),
            )
        )
        trg = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        p.add_event(trg.uuid, attributes={"Realis": "Actual", "Polarity": "Positive"})
        p.add_span(
            doc.id,
            *at("لودريان"),
            "PER",
            ME,
            attributes={"MentionType": "NAM", "Old": "kept"},
        )
        # the schema changes under the stored values: Actual renamed, Old no longer PER's
        attrs = tuple(
            dataclasses.replace(a, values=("Real", "Generic", "Other"), values_ar=())
            if a.name == "Realis"
            else dataclasses.replace(a, labels=("ORG",))
            if a.name == "Old"
            else a
            for a in p.schema.attributes
        )
        p.set_schema(dataclasses.replace(p.schema, attributes=attrs))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    session = Session()
    w = MainWindow(session, settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    yield w
    session.close()


def pick(combo: QComboBox, value: str | None) -> None:
    combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
    combo.activated.emit(combo.currentIndex())


def stored_event(window: MainWindow) -> dict[str, object]:
    project = window.session.project
    assert project is not None
    return dict(project.events(1)[0].attributes)


def test_event_edit_keeps_a_value_not_in_the_enum(window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    ev = project.events(1)[0]
    window.selection.select_span(ev.trigger)
    editor = window.details.linked_editor(ev.uuid)
    assert editor is not None
    realis = editor.widgets["Realis"]
    assert isinstance(realis, QComboBox) and realis.currentText() == NO_VALUE
    tense = editor.widgets["Tense"]
    assert isinstance(tense, QComboBox)
    pick(tense, "Past")
    # the edit carries Realis=Actual as stored, never drops it; the core judges what the
    # edit changes (``rules.edit_of``), so the value it leaves alone refuses nothing
    after = stored_event(window)
    assert after == {"Realis": "Actual", "Polarity": "Positive", "Tense": "Past"}
    # choosing a value for the attribute itself replaces it; Polarity stays
    editor = window.details.linked_editor(ev.uuid)
    assert editor is not None
    realis = editor.widgets["Realis"]
    assert isinstance(realis, QComboBox)
    pick(realis, "Real")
    assert stored_event(window)["Realis"] == "Real"
    assert stored_event(window)["Polarity"] == "Positive"
    editor = window.details.linked_editor(ev.uuid)
    assert editor is not None
    polarity = editor.widgets["Polarity"]
    assert isinstance(polarity, QComboBox)
    pick(polarity, None)  # clearing a shown value still clears it
    assert "Polarity" not in stored_event(window)
    assert stored_event(window)["Realis"] == "Real"


def test_span_edit_keeps_an_attribute_the_label_no_longer_has(window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    span = next(s for s in project.spans(1) if s.label == "PER")
    window.selection.select_span(span.uuid)
    assert "Old" not in window.details.attr_widgets
    mention = window.details.attr_widgets["MentionType"]
    assert isinstance(mention, QComboBox)
    pick(mention, "NOM")
    stored = next(s for s in project.spans(1) if s.uuid == span.uuid)
    assert stored.attributes.get("Old") == "kept"
    assert stored.attributes.get("MentionType") == "NOM"  # (refused before 00e2d72)


def test_merge_keeps_what_the_widgets_cannot_show(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    form = QFormLayout(owner)
    defs = [
        AttributeDef("Realis", "enum", ("Real", "Other"), ()),
        AttributeDef("Tense", "enum", ("Past", "Future"), ()),
        AttributeDef("Hypothetical", "bool", (), ()),
        AttributeDef("Source", "text", (), ()),
    ]
    stored = {"Realis": "Actual", "Hypothetical": "yes", "Source": 7, "Gone": "x"}
    widgets = fill_attributes(owner, form, defs, stored, lambda *_: None)
    assert merge_attributes(stored, widgets) == stored  # nothing edited: nothing changes
    tense = widgets["Tense"]
    assert isinstance(tense, QComboBox)
    tense.setCurrentIndex(tense.findData("Past"))
    assert merge_attributes(stored, widgets) == {**stored, "Tense": "Past"}
    source = widgets["Source"]
    assert isinstance(source, QLineEdit)
    source.setText("")
    assert "Source" not in merge_attributes(stored, widgets)


def test_the_values_kept_are_listed_read_only(window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    span = next(s for s in project.spans(1) if s.label == "PER")
    window.selection.select_span(span.uuid)
    kept = window.details.kept
    assert kept.isVisibleTo(window.details)
    assert plain(kept.text()).endswith("Old = kept")
    ev = project.events(1)[0]
    window.selection.select_span(ev.trigger)
    assert not window.details.kept.isVisibleTo(window.details)  # a trigger: none of its own
    editor = window.details.linked_editor(ev.uuid)
    assert editor is not None and editor.kept.isVisibleTo(editor)
    assert plain(editor.kept.text()).endswith("Realis = Actual")
