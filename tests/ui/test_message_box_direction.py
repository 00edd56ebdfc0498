"""Every message box lays its text out in the interface's direction (``i18n.set_plain_text``):
Qt takes a paragraph's direction from its first strong letter, so a question opening with a
quoted Arabic word read right to left in the English interface, and a refusal opening with a
path or a label code read left to right in the Arabic one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ui import i18n

SHOTS = Path(os.environ.get("ANNOTATOR_SHOTS", "/tmp/annotator_shots"))


@pytest.fixture(params=["en", "ar"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    assert i18n.install_translator(qapp, request.param) == request.param
    yield request.param
    i18n.install_translator(qapp, "en")


def test_each_line_starts_with_the_interface_direction(lang: str, qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    box = QMessageBox(QMessageBox.Icon.Question, "t", "", QMessageBox.StandardButton.Ok, parent)
    text = "“الاجتماع” <b>x</b> triggers an event\n\n/tmp/مشاريع/a.annotator: read-only"
    i18n.set_plain_text(box, text)
    mark = i18n.RLM if lang == "ar" else i18n.LRM
    assert box.textFormat() == Qt.TextFormat.PlainText  # markup shown as it is
    lines = box.text().split("\n")
    assert lines == [mark + lines[0][1:], "", mark + lines[2][1:]]
    assert box.text().replace(mark, "") == text
    box.show()
    qtbot.waitExposed(box)
    SHOTS.mkdir(parents=True, exist_ok=True)
    box.grab().save(str(SHOTS / f"message_box_direction_{lang}.png"))
    box.close()
