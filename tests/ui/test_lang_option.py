"""``annotator gui --lang ar|en`` (issue 15): the option's help shows its default, the GUI and
the ``--screenshot`` render start in the language given."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.cli import build_parser
from annotator.project import Project
from ui import app as ui_app
from ui import entry, i18n

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def english_after(qtbot: QtBot) -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield app
    i18n.install_translator(app, "en")


def test_gui_help_lists_lang_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["gui", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--lang {ar,en}" in out and "(default: the one last chosen in the app" in out
    assert build_parser().parse_args(["gui"]).lang is None
    with pytest.raises(SystemExit):
        build_parser().parse_args(["gui", "--lang", "fr"])


def test_gui_lang_reaches_the_workbench(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[list[str], str | None]] = []

    def run(argv: list[str], lang: str | None = None) -> int:
        started.append((argv, lang))
        return 0

    monkeypatch.setattr(ui_app, "run", run)
    assert entry.main(["gui", "--lang", "ar", "p.annotator"]) == 0
    assert entry.main(["gui"]) == 0
    assert started == [(["annotator", "p.annotator"], "ar"), (["annotator"], None)]


def test_application_installs_the_language_given(english_after: QApplication) -> None:
    assert ui_app.application(lang="ar") is english_after
    assert i18n.current_language() == "ar"
    assert english_after.layoutDirection() == Qt.LayoutDirection.RightToLeft
    ui_app.application(lang="en")
    assert english_after.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_screenshot_renders_in_the_language_given(
    english_after: QApplication, tmp_path: Path
) -> None:
    project = ui_app.sample_project_path(tmp_path)
    with Project.open(project, read_only=True) as p:
        name = p.documents()[0].name
    shots = {}
    for lang in ("ar", "en"):
        out = tmp_path / f"{lang}.png"
        args = ["gui", str(project), "--document", name, "--screenshot", str(out)]
        assert entry.main([*args, "--size", "900x600", "--lang", lang]) == 0
        assert i18n.current_language() == lang
        rtl = english_after.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert rtl == (lang == "ar")
        image = QImage(str(out))
        assert (image.width(), image.height()) == (900, 600)
        shots[lang] = image
    assert shots["ar"] != shots["en"]  # the mirrored, translated window
