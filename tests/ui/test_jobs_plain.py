"""A background job's progress dialog shows its label as plain text: callers put file and hub
names in it ("Merging {bundle name}…"), and a received file's name is not ours to render."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from ui.jobs import BackgroundJob

NAME = 'Merging <img src="x"><b>bold</b>.bundle…'


def test_the_progress_label_is_plain_text_now_and_after_an_update(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    job = BackgroundJob(host, "t", NAME, lambda progress, cancelled: None)
    (label,) = [w for w in job.dialog.findChildren(QLabel) if w.text() == NAME]
    assert label.textFormat() == Qt.TextFormat.PlainText
    job.dialog.setLabelText("Pulling from <i>hub</i>")
    assert label.text() == "Pulling from <i>hub</i>"
    assert label.textFormat() == Qt.TextFormat.PlainText
    job.dialog.close()
