"""QA 15: the learning curve's caption fits its widget. In Arabic it is ~294 px and was drawn
centred in the plot's width (~251 px at the dock's 300 px), neither elided nor wrapped: both
its ends were cut off. It now takes the widget's width, wraps onto two lines at most, and past
that is elided with the whole caption in the tooltip. Pictures: /tmp/annotator_shots/."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.suggestions.model_panel import CurveView

POINTS = [(1, 0.3), (2, 0.4), (4, 0.5), (5, 0.6)]


def curve(qtbot: QtBot, width: int) -> CurveView:
    view = CurveView()
    qtbot.addWidget(view)
    view.resize(width, 160)
    view.set_points(POINTS)
    view.show()
    QApplication.processEvents()
    return view


def drawn_caption(view: CurveView, monkeypatch: pytest.MonkeyPatch) -> tuple[str, QRect]:
    """The caption as painted (its text) and the rectangle its lines take, from the painter's
    own ``drawText`` call (whatever the code lays it out with)."""
    whole = view.tr("held-out F1 by training documents")
    calls: list[tuple[QRect, str]] = []
    real = QPainter.drawText

    def record(painter: QPainter, *args: Any) -> None:
        if len(args) == 3 and isinstance(args[0], QRectF | QRect) and isinstance(args[2], str):
            rect, flags, text = args
            if text and (text == whole or text.endswith("…")):
                box = painter.fontMetrics().boundingRect(rect.toRect(), int(flags), text)
                calls.append((box, text))
        real(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", record)
    view.grab()
    monkeypatch.setattr(QPainter, "drawText", real)
    assert len(calls) == 1
    return calls[0][1], calls[0][0]


def inside(view: CurveView, box: QRect) -> bool:
    return box.left() >= 0 and box.right() < view.width() and box.top() >= 0


@pytest.mark.parametrize("width", [300, 260])
def test_the_arabic_caption_is_whole_at_the_docks_width(
    qtbot: QtBot, arabic: QApplication, shots: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = curve(qtbot, width)
    whole = view.tr("held-out F1 by training documents")
    assert whole != "held-out F1 by training documents"  # (the Arabic one)
    fm = view.fontMetrics()
    left = fm.horizontalAdvance("0.00") + 8
    assert fm.horizontalAdvance(whole) > width - left - 14  # wider than the plot
    text, box = drawn_caption(view, monkeypatch)
    assert text == whole and inside(view, box), (box, view.width())
    assert view.toolTip() == ""
    view.grab().save(str(shots / f"qa15_curve_ar_{width}.png"))


def test_a_caption_too_long_for_two_lines_is_elided_with_a_tooltip(
    qtbot: QtBot, arabic: QApplication, shots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = curve(qtbot, 120)
    whole = view.tr("held-out F1 by training documents")
    text, box = drawn_caption(view, monkeypatch)
    assert text != whole and text.endswith("…") and inside(view, box), (box, view.width())
    assert box.height() <= view.fontMetrics().lineSpacing() + 1
    assert view.toolTip() == whole
    view.grab().save(str(shots / "qa15_curve_ar_120.png"))


def test_the_english_caption_stays_one_line(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    view = curve(qtbot, 300)
    text, box = drawn_caption(view, monkeypatch)
    assert text == "held-out F1 by training documents" and inside(view, box)
    assert box.height() <= view.fontMetrics().lineSpacing() + 1
    assert view.toolTip() == ""
