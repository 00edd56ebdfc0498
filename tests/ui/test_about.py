"""Help › About Annotator…: the version, a description and the licences of what the program
ships, read from the files that carry them, shown as plain text (QA: the Help menu had only the
command palette and the keys page, so no version and no licence was shown in the app)."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import plain
from ui.dialogs.about import AboutDialog, Notice, font_notice, names_notice, notices
from ui.session import Session
from ui.workbench.mainwindow import MainWindow

LICENCES = (
    "SIL Open Font License, Version 1.1",  # resources/fonts/OFL.txt
    "CC BY 4.0",  # names_ar.tsv: arabnamer
    "MIT licence",  # names_ar.tsv: ArWikiCats
    "UNICODE LICENSE V3",  # CLDR, Babel's locale-data/LICENSE.unicode
    "BSD-3-Clause",  # Babel
    "LGPL-3.0-only",  # PySide6
)


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    return w


def test_help_about_opens_a_box_with_the_version_and_every_licence(
    qtbot: QtBot, tmp_path: Path
) -> None:
    w = _window(qtbot, tmp_path)
    action = w.actions_by_name["about"]
    help_menu = w.menuBar().actions()[-1].menu()
    assert action in help_menu.actions()
    assert action.text() == "&About Annotator…"
    action.trigger()
    boxes = [d for d in w.findChildren(AboutDialog) if d.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    said = plain(box.shown_text())
    assert version("annotator") in box.title.text()  # what `annotator --version` prints
    assert "offline workbench for labelling Arabic news text" in said
    for licence in LICENCES:
        assert licence in said, licence
    assert "Noto Naskh Arabic" in said and "Copyright 2010, 2012-2020 Google Inc." in said
    assert "Elsayed Yousef" in said and "Ibrahim Qasim" in said
    # plain text everywhere: a text box (no links to click) and labels that never guess HTML
    assert isinstance(box.licences, QTextEdit) and box.licences.isReadOnly()
    assert not box.licences.acceptRichText() and box.licences.toHtml().count("<a ") == 0
    labels = box.findChildren(QLabel)
    assert labels and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in labels)
    box.close()


def test_the_licences_are_read_from_their_files_and_shown_as_written(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ofl = tmp_path / "OFL.txt"
    ofl.write_text(
        "Some <b>Font</b> (a.ttf)\n\nCopyright 2020 <img src=x>\n\nThis Font Software is "
        "licensed under the Made-Up Licence, Version 9.\n\n---\nTHE LICENCE\n",
        encoding="utf-8",
    )
    font = font_notice(ofl)
    assert font is not None
    assert plain(font.heading) == "Arabic font: Some <b>Font</b> (a.ttf)"
    assert font.lines == ("Copyright 2020 <img src=x>", "Made-Up Licence, Version 9")
    tsv = tmp_path / "names.tsv"
    tsv.write_text(
        "# title\n# per: names from <i>somewhere</i>,\n#   licence X.\n# Changes: none\nper\tا\n",
        encoding="utf-8",
    )
    names = names_notice(tsv)
    assert names is not None and names.lines == ("names from <i>somewhere</i>, licence X.",)
    assert font_notice(tmp_path / "missing.txt") is None
    box = AboutDialog(None, [font, names])
    qtbot.addWidget(box)
    said = box.licences.toPlainText()
    assert "<b>Font</b>" in said and "<img src=x>" in said and "<i>somewhere</i>" in said


def test_the_box_in_arabic(arabic: QApplication, qtbot: QtBot, shots: Path) -> None:
    box = AboutDialog(None)
    qtbot.addWidget(box)
    assert box.layoutDirection() == Qt.LayoutDirection.RightToLeft
    box.show()
    qtbot.waitExposed(box)
    box.grab().save(str(shots / "about_ar.png"))
    said = plain(box.shown_text())
    for licence in LICENCES:
        assert licence in said, licence
    box.close()


def test_the_box_in_english(qtbot: QtBot, shots: Path) -> None:
    box = AboutDialog(None)
    qtbot.addWidget(box)
    assert box.layoutDirection() == Qt.LayoutDirection.LeftToRight
    box.show()
    qtbot.waitExposed(box)
    box.grab().save(str(shots / "about_en.png"))
    assert len(notices()) == 4
    assert all(isinstance(n, Notice) for n in notices())
    box.close()
