"""Bidi of short texts the interface composes (found by QA): a relation's arrow points from the
source to the target whatever the ends' scripts and the interface direction (the events dock,
its tooltip, the details panel, the review table: all through ``ui.i18n.relation_text``), and
the review window's document choice shows a Latin name such as ``000_3626081446f7037e`` in its
own order in the right-to-left interface, as the main window's document list does."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QComboBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import x_of
from ui import i18n
from ui.events.panel import EventsPanel, RelationRow
from ui.i18n import FSI, PDI, RLI, plain_tooltip, relation_text
from ui.review.model import describe
from ui.review.window import ReviewWindow
from ui.session import Session
from ui.widgets import DirectionalDelegate
from ui.workbench.details import DetailsPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ENDS = {
    "arabic": ("جان إيف لودريان", "فرنسا"),
    "latin": ("Le Drian", "France"),
    "mixed": ("وزير BBC", "France 24 عربي"),
    "arabic-latin": ("لودريان", "Paris"),
    "latin-arabic": ("ann_2", "باريس"),
}
DOC_NAME = "000_3626081446f7037e"


@pytest.fixture(params=["en", "ar"])
def lang(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, request.param) == request.param
    yield request.param
    i18n.install_translator(app, "en")


def centre(text: str, direction: Qt.LayoutDirection, start: int, end: int) -> float:
    """Where the characters ``text[start:end]`` lie on screen (mean x of their edges) when
    ``text`` is one line laid out as Qt lays a label or a cell out in ``direction``."""
    x = x_of(text, direction)
    xs = [x(pos) for i in range(start, end) for pos in (i, i + 1)]
    return sum(xs) / len(xs)


def assert_reads_source_to_target(
    text: str, source: str, target: str, direction: Qt.LayoutDirection
) -> None:
    """The source lies at the arrow's tail and the target at its head, on screen."""
    arrow = "←" if "←" in text else "→"
    assert text.count("←") + text.count("→") == 1, text
    s, a, t = text.index(source), text.index(arrow), text.rindex(target)
    assert s < a < t  # logically source, arrow, target
    xs = centre(text, direction, s, s + len(source))
    xa = centre(text, direction, a, a + 1)
    xt = centre(text, direction, t, t + len(target))
    # → has its tail on the left, ← on the right
    want = xs < xa < xt if arrow == "→" else xs > xa > xt
    assert want, (text, xs, xa, xt)


def interface() -> Qt.LayoutDirection:
    return QApplication.layoutDirection()


@pytest.mark.parametrize("ends", list(ENDS))
def test_relation_text_reads_from_source_to_target(lang: str, ends: str) -> None:
    source, target = ENDS[ends]
    text = relation_text(source, target)
    assert f"{FSI}{source}{PDI}" in text and f"{FSI}{target}{PDI}" in text
    assert ("←" in text) == (lang == "ar") and ("→" in text) == (lang == "en")
    # in the interface direction (a cell, a group box title) and found from the first strong
    # character (a label, a tooltip): the same order
    for direction in (interface(), Qt.LayoutDirection.LayoutDirectionAuto):
        assert_reads_source_to_target(text, source, target, direction)
        if direction == Qt.LayoutDirection.LayoutDirectionAuto:
            assert i18n.is_rtl_text(text) == (lang == "ar")
    # inside a line of the other direction the phrase keeps its order
    other = Qt.LayoutDirection.LeftToRight if lang == "ar" else Qt.LayoutDirection.RightToLeft
    line = f"relation PHYS: {text}"
    xs = centre(line, other, line.index(source), line.index(source) + len(source))
    xt = centre(line, other, line.rindex(target), line.rindex(target) + len(target))
    assert (xs > xt) == (lang == "ar")


@pytest.mark.parametrize("ends", ["arabic", "latin", "mixed"])
def test_events_dock_relation_row_and_tooltip(
    lang: str, ends: str, qtbot: QtBot, shots: Path
) -> None:
    source, target = ENDS[ends]
    panel = EventsPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 200)
    panel.show()
    panel.set_rows([], [RelationRow("r1", "PHYS", "s1", source, "s2", target)])
    row = panel.item_for("r1")
    assert isinstance(row, QModelIndex)
    shown = panel.texts(row)[1]
    assert_reads_source_to_target(shown, source, target, panel.tree.layoutDirection())
    assert panel.tree.layoutDirection() == interface()
    tip = row.siblingAtColumn(1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == plain_tooltip(relation_text(source, target, two_lines=True))
    head, tail = relation_text(source, target, two_lines=True).split("\n")
    assert source in head and target in tail
    assert_reads_source_to_target(head + " " + tail, source, target, interface())
    panel.grab().save(str(shots / f"qa_bidi_events_{lang}_{ends}.png"))


@pytest.mark.parametrize("ends", ["arabic", "latin", "mixed"])
def test_details_panel_relation_title(
    lang: str, ends: str, qtbot: QtBot, tmp_path: Path, shots: Path
) -> None:
    source, target = ENDS[ends]
    text = f"{source} . {target}"
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(text, name="d")
        a = p.add_span(doc.id, 0, len(source), "PER", "amal")
        b = p.add_span(doc.id, text.rindex(target), len(text), "GPE", "amal")
        rel = p.add_relation("PHYS", a.uuid, b.uuid)
        layer = p.layer(doc.id, "amal")
        schema = p.schema
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.layer_source = lambda: layer
    panel.resize(420, 400)
    panel.show()
    panel.show_span(layer.spans[0], schema)
    editor = panel.linked_editor(rel.uuid)
    assert editor is not None
    title = editor.title()
    # in Arabic the type's own name says it is a relation (علاقة مكانية): no second "علاقة"
    assert title.startswith("علاقة مكانية:" if lang == "ar" else "Relation PHYS")
    assert_reads_source_to_target(title, source, target, editor.layoutDirection())
    assert editor.layoutDirection() == interface()
    editor.grab().save(str(shots / f"qa_bidi_details_{lang}_{ends}.png"))


def test_review_describes_a_relation_from_source_to_target(lang: str, tmp_path: Path) -> None:
    source, target = ENDS["arabic"]
    text = f"{source} . {target}"
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(text, name="d")
        a = p.add_span(doc.id, 0, len(source), "PER", "amal")
        b = p.add_span(doc.id, text.rindex(target), len(text), "GPE", "amal")
        rel = p.add_relation("PHYS", a.uuid, b.uuid)
        layer = p.layer(doc.id, "amal")
    line = describe(rel, layer)
    # isolated in the interface's direction (an Arabic line starting with PHYS too)
    assert line.startswith(RLI if lang == "ar" else FSI) and line.endswith(PDI)
    xs = centre(line, interface(), line.index(source), line.index(source) + len(source))
    xt = centre(line, interface(), line.rindex(target), line.rindex(target) + len(target))
    if lang == "ar":  # "PHYS: source ← target" read right to left (the type says relation)
        assert_reads_source_to_target(line, source, target, Qt.LayoutDirection.RightToLeft)
        xr = centre(line, interface(), 1, len("PHYS") + 1)
        assert xr > xs > xt
        return
    # the review table lays cells out in the interface direction; the line is left to right
    assert_reads_source_to_target(line, source, target, Qt.LayoutDirection.LeftToRight)
    xr = centre(line, interface(), 1, len("relation") + 1)
    assert xr < xs < xt  # "relation PHYS: source → target", left to right


def review_window(qtbot: QtBot, tmp_path: Path) -> tuple[ReviewWindow, Session]:
    path = tmp_path / "r.annotator"
    text = "باريس وفرنسا"
    with Project.create(path) as p:
        doc = p.add_document(text, name=DOC_NAME)
        p.add_span(doc.id, 0, 5, "GPE", "ann_2")
        p.add_span(doc.id, 0, 5, "LOC", "badr")
    session = Session()
    session.open_project(path)
    window = ReviewWindow(session)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    return window, session


def label_image(combo: QComboBox) -> QImage:
    """The combo box painted on white (a child and a top-level box alike)."""
    image = QImage(combo.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    combo.render(image)
    return image


def test_review_document_choice_keeps_a_latin_name_in_order(
    lang: str, qtbot: QtBot, tmp_path: Path, shots: Path
) -> None:
    window, session = review_window(qtbot, tmp_path)
    combo = window.document
    assert combo.currentText() == DOC_NAME  # the name itself, no marks
    assert combo.layoutDirection() == interface()
    # painted as the name isolated left to right would be, in a combo box of the interface
    reference, plain = QComboBox(), QComboBox()
    for box, name in ((reference, f"\u2066{DOC_NAME}\u2069"), (plain, DOC_NAME)):
        qtbot.addWidget(box)
        box.addItem(name)
        box.resize(combo.size())
        box.show()
    assert label_image(combo) == label_image(reference)
    if lang == "ar":  # what QA saw: 3626081446f7037e_000
        assert label_image(plain) != label_image(reference)
    # the list it drops, and the annotators' names, are laid out as the document list's
    for view, name in ((combo.view(), DOC_NAME), (window.annotators, "ann_2")):
        delegate = view.itemDelegate()
        assert isinstance(delegate, DirectionalDelegate)
        index = next(
            view.model().index(r, 0)
            for r in range(view.model().rowCount())
            if view.model().index(r, 0).data() == name
        )
        option = QStyleOptionViewItem()
        option.initFrom(view)
        delegate.initStyleOption(option, index)
        assert option.direction == Qt.LayoutDirection.LeftToRight
    window.set_annotators(["ann_2", "badr"])
    assert "(\u2068ann_2\u2069)" in window.detail.text()
    window.grab().save(str(shots / f"qa_bidi_review_{lang}.png"))
    session.close()
