"""Long names in the Details panel (QA round 13): the offsets line "255–262 (annotator)" was a
QLabel that neither wrapped nor elided, so a 35-character annotator name made the panel 354 px
wide in a 260 px dock (the "Offsets" caption and the line cut off) and a longer one scrolled
the dock sideways. The same held for the event's lines and the provenance (wrapped at word
boundaries only: a long word never broke), an attribute's name and enum values, and an event's
or relation's box title (a group box asks for its title's width). Now those lines wrap, inside
a word too when it is longer than the panel (``WrapLabel``), the box titles are elided with
the whole title in their tooltip, and the panel asks for no more than its dock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from annotator.model import Document, DocumentAnnotations, Event, Relation, Span
from annotator.project import Project
from annotator.schema import AttributeDef, EventType, Label, RelationType, Schema
from tests.ui.conftest import open_window
from ui.i18n import plain_tooltip, range_text
from ui.workbench.details import DetailsPanel, LinkedEditor, WrapLabel
from ui.workbench.mainwindow import MainWindow

DOCK = 260
LONG_NAME = "amal_al_hashimi_the_second_reviewer"
LONGER = "amal<b>B</b><img src=x>&amp;_with_an_even_longer_name_that_never_breaks_anywhere"
LONG_TYPE = "Conflict.Attack.With_A_Very_Long_Subtype_Name_Nobody_Can_Break"
TEXT = "وصل الوزير لودريان إلى باريس أمس."


def schema() -> Schema:
    return Schema(
        entities=(Label("PER"), Label("GPE")),
        events=(EventType(LONG_TYPE),),
        relations=(RelationType(LONG_TYPE + "_rel"),),
        attributes=(
            AttributeDef("a_very_long_attribute_name_that_goes_on_and_on", "enum", ("x" * 60, "y")),
        ),
    )


def span(annotator: str, label: str = "PER", uuid: str = "s1") -> Span:
    return Span(uuid, 1, annotator, 11, 18, label, "لودريان_" * 6)


def drawn_text(label: WrapLabel) -> str:
    """What the label draws at its present width: every line's text, in order."""
    layouts, _ = label._layouts(label._room(label.width()))
    out = []
    for layout in layouts:
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append(layout.text()[line.textStart() : line.textStart() + line.textLength()])
    return "".join(out)


def in_a_dock(qtbot: QtBot, panel: DetailsPanel) -> QScrollArea:
    """The panel as the window docks it: in a resizable scroll area ``DOCK`` px wide."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(panel)
    qtbot.addWidget(scroll)
    scroll.resize(DOCK, 700)
    scroll.show()
    qtbot.waitExposed(scroll)
    QApplication.processEvents()
    return scroll


@pytest.mark.parametrize("name", [LONG_NAME, LONGER])
def test_a_long_annotator_name_wraps_inside_the_dock(qtbot: QtBot, name: str) -> None:
    panel = DetailsPanel()
    panel.show_span(span(name), schema())
    scroll = in_a_dock(qtbot, panel)
    assert panel.minimumSizeHint().width() <= DOCK - 20
    assert not scroll.horizontalScrollBar().isVisible()
    assert panel.width() <= scroll.viewport().width()
    where = panel.where
    assert isinstance(where, WrapLabel) and where.textFormat() == Qt.TextFormat.PlainText
    assert where.text() == f"{range_text('11', '18', '–')} ({name})"
    assert where.geometry().right() <= panel.width()
    assert drawn_text(where) == where.text()  # all of it, on lines that fit
    assert where.height() >= where.heightForWidth(where.width()) > where.fontMetrics().height()
    for caption in panel.findChildren(QLabel):  # "Offsets", "Text", "Label", "Note": whole
        if caption.isVisible() and not isinstance(caption, WrapLabel):
            assert caption.width() >= caption.sizeHint().width(), caption.text()


def test_the_event_lines_and_provenance_wrap_inside_a_word(qtbot: QtBot) -> None:
    panel = DetailsPanel()
    line = f"Event: {LONG_TYPE}\n  {LONGER}: لودريان"
    source = f"model:crf@{'abcdef0123456789' * 4}"
    note = 'suggestion: {"score": 0.91, "source": "' + source + '"}\nmine'
    record = span(LONG_NAME)
    panel.show_span(Span(**{**record.__dict__, "note": note}), schema(), line)
    scroll = in_a_dock(qtbot, panel)
    assert panel.minimumSizeHint().width() <= DOCK - 20
    assert not scroll.horizontalScrollBar().isVisible()
    assert panel.provenance.isVisible() and source in panel.provenance.text()
    for label in (panel.event_info, panel.provenance):
        assert isinstance(label, WrapLabel)
        assert label.geometry().right() <= panel.width()
    assert drawn_text(panel.event_info) == line.replace("\n", "")


def test_long_type_names_and_attributes_stay_inside_the_dock(qtbot: QtBot) -> None:
    panel = DetailsPanel()
    trigger = span(LONG_NAME, LONG_TYPE, "t1")
    target = Span("s2", 1, LONG_NAME, 23, 28, "GPE", "باريس" * 8)
    ev = Event("e1", 1, LONG_NAME, LONG_TYPE, "t1")
    rel = Relation("r1", 1, LONG_NAME, LONG_TYPE + "_rel", "t1", "s2")
    layer = DocumentAnnotations(
        Document(1, "d", TEXT, ""), spans=(trigger, target), events=(ev,), relations=(rel,)
    )
    panel.layer_source = lambda: layer
    panel.show_span(trigger, schema())
    scroll = in_a_dock(qtbot, panel)
    assert len(panel.linked) == 2
    assert panel.minimumSizeHint().width() <= DOCK - 20
    assert not scroll.horizontalScrollBar().isVisible()
    for editor in panel.linked:
        assert isinstance(editor, LinkedEditor)
        assert editor.geometry().right() <= panel.width()
        assert editor.toolTip() == plain_tooltip(editor.full_title)
        assert LONG_TYPE in editor.full_title
        assert editor.fontMetrics().horizontalAdvance(editor.title()) < editor.width()
    # a span of a label with the long enum attribute: its name and its box fit too
    panel.show_span(span(LONG_NAME, "PER"), schema())
    QApplication.processEvents()
    assert panel.attr_widgets
    assert panel.minimumSizeHint().width() <= DOCK - 20


@pytest.fixture
def long_named(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (LONG_NAME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_window_details_dock_keeps_its_width(
    long_named: MainWindow, qtbot: QtBot, lang: str, shots: Path
) -> None:
    from ui import i18n

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    w = long_named
    i18n.install_translator(app, lang)
    try:
        w.details.show_span(span(LONG_NAME), w.session.project.schema)  # type: ignore[union-attr]
        dock = w.docks["details"]
        dock.show()
        w.resizeDocks([dock], [DOCK], Qt.Orientation.Horizontal)
        QApplication.processEvents()
        scroll = dock.widget()
        assert isinstance(scroll, QScrollArea)
        assert not scroll.horizontalScrollBar().isVisible()
        assert w.details.width() <= scroll.viewport().width()
        assert drawn_text(w.details.where) == w.details.where.text()
        dock.grab().save(str(shots / f"details_long_name_{lang}.png"))
    finally:
        i18n.install_translator(app, "en")


ARABIC_NAME = "أمل_الهاشمي_المراجعة_الثانية" * 2


@pytest.mark.parametrize(("name", "rtl"), [(LONG_NAME, False), (ARABIC_NAME, True)])
def test_a_wrapped_line_keeps_its_own_direction(
    arabic: QApplication, qtbot: QtBot, name: str, rtl: bool
) -> None:
    """As a QLabel lays plain text out: the direction of its first strong character (not the
    right-to-left interface's for a Latin name, whose "11–18 (" then read "18–11")."""
    panel = DetailsPanel()
    panel.show_span(span(name), schema())
    scroll = in_a_dock(qtbot, panel)
    assert not scroll.horizontalScrollBar().isVisible()
    layouts, _ = panel.where._layouts(panel.where._room(panel.where.width()))
    wanted = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert [layout.textOption().textDirection() for layout in layouts] == [wanted]
    assert layouts[0].lineCount() > 1
