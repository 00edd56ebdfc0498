"""QA3 D4-D6 in the window: event attributes shown once (under the event, not the trigger),
the docks mirrored in Arabic, attribute names and values and label names shown in the
interface language (plain text), the label box naming each label once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.model import Document, DocumentAnnotations, Event, Span
from annotator.project import Project
from annotator.schema import Label, Schema, default_schema
from tests.ui.conftest import open_window
from ui import i18n
from ui.events.panel import EventsPanel, rows_of
from ui.workbench.details import DetailsPanel
from ui.workbench.mainwindow import SETTINGS_STATE, SETTINGS_STATE_RTL, mirrored_area
from ui.workbench.panels import AnnotationListPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"
SHOTS = Path("/tmp/annotator_shots")
LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


@pytest.fixture(params=["en", "ar"])
def lang(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, request.param) == request.param
    yield str(request.param)
    i18n.install_translator(app, "en")


def _project(tmp_path: Path) -> tuple[Path, str, str, str]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        d = p.add_document(TEXT, name="seed")
        t0 = TEXT.index("ضربات")
        trg = p.add_span(d.id, t0, t0 + 5, "Conflict.Attack", annotator=ME)
        ev = p.add_event(trg.uuid)
        p.update_event(ev.uuid, attributes={"Realis": "Actual"})
        s0 = TEXT.index("سورية")
        place = p.add_span(d.id, s0, s0 + 5, "GPE", annotator=ME, attributes={"MentionType": "NAM"})
        p.add_argument(ev.uuid, "Place", place.uuid)
    return path, trg.uuid, ev.uuid, place.uuid


def _form_texts(form: QFormLayout) -> list[str]:
    out = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel):
            assert widget.textFormat() == Qt.TextFormat.PlainText
            out.append(widget.text())
    return out


def test_event_attributes_once_in_the_interface_language(
    lang: str, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, trigger, _event, place = _project(tmp_path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path, size=(1400, 1000))
    try:
        w.selection.select_span(trigger)
        qtbot.waitUntil(lambda: bool(w.details.linked))
        details = w.details
        # the trigger shows no attributes of its own; its event shows them, once
        assert details.attr_widgets == {} and _form_texts(details.attr_form) == []
        (editor,) = details.linked
        names = ["Realis", "Polarity", "Tense", "Genericity"]
        realis = editor.widgets["Realis"]
        assert list(editor.widgets) == names and isinstance(realis, QComboBox)
        assert realis.currentData() == "Actual"
        if lang == "ar":
            assert _form_texts(editor.form) == ["الواقعية", "القطبية", "الزمن", "العمومية"]
            assert realis.currentText() == "فعلي"
        else:
            assert _form_texts(editor.form) == names and realis.currentText() == "Actual"
        SHOTS.mkdir(parents=True, exist_ok=True)
        w.grab().save(str(SHOTS / f"qa3_details_{lang}.png"))
        # an entity span: its MentionType, with Arabic name and value in Arabic
        w.selection.select_span(place)
        qtbot.waitUntil(lambda: "MentionType" in details.attr_widgets)
        mention = details.attr_widgets["MentionType"]
        assert isinstance(mention, QComboBox) and mention.currentData() == "NAM"
        expected = ["نوع الذكر"] if lang == "ar" else ["MentionType"]
        assert _form_texts(details.attr_form) == expected
        assert mention.currentText() == ("اسم علم" if lang == "ar" else "NAM")
        # the label box names the label once per distinct name, the shown language first
        shown = details.label_box.currentText()
        assert shown.split(" · ")[0] == (
            "كيان جغرافي سياسي" if lang == "ar" else "Geo-political entity"
        )
        assert len(shown.split(" · ")) == len(set(shown.split(" · ")))
    finally:
        w.session.close()


def test_docks_mirror_in_arabic_and_keep_their_places_per_direction(
    lang: str, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, trigger, _event, _place = _project(tmp_path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    try:
        w.selection.select_span(trigger)
        qtbot.wait(50)
        start, end = (RIGHT, LEFT) if lang == "ar" else (LEFT, RIGHT)
        for name in ("documents", "details"):
            assert w.dockWidgetArea(w.docks[name]) == start, name
        for name in ("labels", "annotations", "events"):
            assert w.dockWidgetArea(w.docks[name]) == end, name
        documents = w.docks["documents"].geometry().center().x()
        assert (documents > w.view.geometry().center().x()) == (lang == "ar")
        # the window gives the Annotations list the names the text's tags show
        listed = w.annotations.model
        shown = {listed.data(listed.index(r, 0)) for r in range(listed.rowCount())}
        gpe = w.session.project.schema.entity("GPE") if w.session.project else None
        assert gpe is not None and (gpe.ar if lang == "ar" else "GPE") in shown
        SHOTS.mkdir(parents=True, exist_ok=True)
        w.grab().save(str(SHOTS / f"qa3_docks_{lang}.png"))
        w.save_layout()
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        keys = set(settings.allKeys())
        mine, other = (
            (SETTINGS_STATE_RTL, SETTINGS_STATE)
            if lang == "ar"
            else (SETTINGS_STATE, SETTINGS_STATE_RTL)
        )
        assert mine in keys and other not in keys
    finally:
        w.session.close()
    assert mirrored_area(LEFT, True) == RIGHT and mirrored_area(RIGHT, False) == RIGHT
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    assert mirrored_area(bottom, True) == bottom


def test_label_box_names_each_label_once(qtbot: QtBot) -> None:
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    schema = Schema(
        entities=(
            Label("MIS1", en="MIS1", ar="MIS1"),  # an imported label: one name everywhere
            Label("GPE", en="Geo-political entity", ar="كيان جغرافي سياسي"),
        )
    )
    span = Span("s1", 1, ME, 0, 3, "MIS1", "abc")
    panel.show_span(span, schema)
    assert panel.label_box.currentText() == "MIS1"
    assert panel.label_box.itemText(1) == "Geo-political entity · كيان جغرافي سياسي · GPE"
    tip = panel.label_box.itemData(0, Qt.ItemDataRole.ToolTipRole)
    assert tip == i18n.plain_tooltip("MIS1")
    # the box asks for a few characters' room, not for its longest name
    assert panel.label_box.sizeAdjustPolicy() == (
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )


def test_tables_show_display_names_and_the_stored_name_in_the_tooltip(
    lang: str, qtbot: QtBot
) -> None:
    schema = default_schema()
    doc = Document(1, "d", "اجتمع الوزراء في باريس.", "")
    meet = Span("t1", 1, ME, 0, 5, "Contact.Meet", "اجتمع")
    start = doc.text.index("باريس")
    paris = Span("s1", 1, ME, start, start + 5, "GPE", "باريس")
    layer = DocumentAnnotations(doc, (meet, paris), (Event("e1", 1, ME, "Contact.Meet", "t1"),))
    # the Annotations table
    table = AnnotationListPanel()
    qtbot.addWidget(table)
    table.set_spans([meet, paris], {}, {"t1"})
    table.set_label_names({lab.name: i18n.label_tag(lab) for lab in schema.span_labels()})
    model = table.model
    cell = model.index(1, 0)
    gpe = schema.entity("GPE")
    assert gpe is not None
    assert model.data(cell) == (gpe.ar if lang == "ar" else "GPE")
    shown = f"{gpe.ar}\nGPE" if lang == "ar" else "GPE"
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == i18n.plain_tooltip(shown)
    # the Events table
    events, _ = rows_of(layer, schema)
    panel = EventsPanel()
    qtbot.addWidget(panel)
    panel.set_rows(events, [])
    top = panel.model.index(0, 0)
    meet_type = schema.event("Contact.Meet")
    assert meet_type is not None
    if lang == "ar":
        assert panel.model.data(top) == meet_type.ar
        assert panel.model.data(top, Qt.ItemDataRole.ToolTipRole) == i18n.plain_tooltip(
            "Contact.Meet"
        )
    else:
        assert panel.model.data(top) == "Contact.Meet"
        assert panel.model.data(top, Qt.ItemDataRole.ToolTipRole) is None
