"""A span's offsets in the details panel ("Offsets") and in the annotation list's third
column read start to end in the Arabic interface (QA 18): each wrote "12–15" bare, which a
right-to-left line lays out as 15–12; both now go through ``i18n.range_text``."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.test_details_long_names import schema, span
from tests.ui.test_number_range_bidi_qa18 import _reads_left_to_right
from ui.i18n import range_text
from ui.workbench.details import DetailsPanel
from ui.workbench.panels import AnnotationModel


def test_the_details_offsets_read_start_to_end(qtbot: QtBot) -> None:
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.show_span(span("أمل"), schema())
    text = panel.where.text()
    assert text == f"{range_text('11', '18', '–')} (أمل)"
    assert _reads_left_to_right(text, "11", "18")
    assert not _reads_left_to_right("11–18 (أمل)", "11", "18")  # as it was


def test_the_annotation_list_offsets_read_start_to_end() -> None:
    model = AnnotationModel()
    model.reset([span("أمل")], {}, set())
    text = model.data(model.index(0, 2))
    assert text == range_text("11", "18", "–")
    assert _reads_left_to_right(text, "11", "18")
