"""Untrusted article text is shown literally: no HTML, no resources, in the view and tooltips."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QUrl
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from ui.docview.view import DocumentView, ViewSpan

PAYLOADS = [
    "<img src=/etc/passwd>",
    '<img src="file:///etc/passwd"> قال',
    "<a href=file:///etc/passwd>x</a>",
    "<b>bold</b> نص",
    "<style>*{color:red}</style>",
    "<table><tr><td>" * 60 + "عميق" + "</td></tr></table>" * 60,
    "&lt;b&gt; &amp; <!-- comment --> <script>alert(1)</script>",
]


class WatchedDocument(QTextDocument):
    """Records every resource Qt asks for while laying out or drawing HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        self.requests.append(str(name))
        return super().loadResource(type, name)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_shown_as_literal_text(view: DocumentView, payload: str) -> None:
    view.set_text(payload)
    view.set_spans([ViewSpan("s", 0, len(payload), "ORG", "#4363d8")])
    view.viewport().grab()  # lay out and paint
    assert view.toPlainText() == payload
    assert view.text() == payload
    assert view.document_resource_requests() == []


# the offscreen platform cannot raise the tooltip window; harmless here
@pytest.mark.qt_log_ignore("This plugin does not support raise")
@pytest.mark.parametrize("payload", PAYLOADS)
def test_tooltip_escapes_payload_and_loads_nothing(
    view: DocumentView, payload: str, qtbot: QtBot
) -> None:
    text = "قال " + payload
    view.set_text(text)
    view.set_spans([ViewSpan("s", 4, len(text), "ORG", "#4363d8")])
    point = _point_on_span(view, 4, len(text))
    html = view.tooltip_html(point)
    assert html and "<img" not in html and "<a " not in html and "<style" not in html
    shown = WatchedDocument()
    shown.setHtml(html)
    shown.documentLayout().documentSize()  # force layout, where images would be fetched
    assert shown.requests == []
    assert payload[:50].replace(" ", "") in shown.toPlainText().replace(" ", "")
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == html
    QToolTip.hideText()


def _point_on_span(view: DocumentView, start: int, end: int) -> QPoint:
    for pos in range(start, min(end, start + 40)):
        rect = view.cursor_rect(pos)
        for dx in (-3, 3):
            point = QPoint(rect.x() + dx, rect.center().y())
            if view.char_at(point) is not None and view.spans_at(view.char_at(point) or 0):
                return point
    raise AssertionError("no point on the span")


def test_the_monitor_would_notice_a_resource(view: DocumentView) -> None:
    """Control: HTML with an image does ask for it, so an empty request list means something."""
    watched = WatchedDocument()
    watched.setHtml('<img src="file:///nonexistent/x.png">')
    watched.documentLayout().documentSize()
    assert watched.requests
