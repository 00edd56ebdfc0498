"""The schema editor's Labels list shows a child label's row (its colour square and its name)
moved in from its parent's on the side the text starts, in a right-to-left interface too,
drawn by the list's delegate: the name was indented by four spaces in its text, which left the
colour squares in one column and put the spaces where the bidi algorithm placed them."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui.docview.colors import label_color
from ui.events.schema_editor import DEPTH, SchemaEditor
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SchemaEditor]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("قال جان إيف لودريان.", name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    dialog = SchemaEditor(session, {}, w)
    qtbot.addWidget(dialog)
    dialog.resize(820, 560)
    yield dialog
    session.close()


def _row(editor: SchemaEditor, name: str) -> int:
    names = [
        editor.labels.item(i).data(Qt.ItemDataRole.UserRole) for i in range(editor.labels.count())
    ]
    return names.index(name)


def _ink(editor: SchemaEditor, name: str) -> tuple[int, int]:
    """(leftmost, rightmost) x of the text drawn in row ``name`` of the Labels list: the
    dark grey pixels (the colour squares are not grey)."""
    image = editor.labels.viewport().grab().toImage()
    rect = editor.labels.visualItemRect(editor.labels.item(_row(editor, name)))
    xs = []
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(max(0, rect.left()), min(image.width(), rect.right() + 1)):
            c = image.pixelColor(x, y)
            r, g, b = c.red(), c.green(), c.blue()
            if max(r, g, b) < 150 and max(r, g, b) - min(r, g, b) < 30:
                xs.append(x)
    assert xs, name
    return min(xs), max(xs)


def _square(editor: SchemaEditor, name: str) -> tuple[int, int]:
    """(leftmost, rightmost) x of label ``name``'s colour square in its row."""
    lab = editor.schema.label(name)
    assert lab is not None
    color = label_color(lab.color).rgb()
    image = editor.labels.viewport().grab().toImage()
    rect = editor.labels.visualItemRect(editor.labels.item(_row(editor, name)))
    y = rect.center().y()
    xs = [x for x in range(image.width()) if image.pixel(x, y) == color]
    assert xs, name
    return min(xs), max(xs)


def test_rows_hold_the_name_and_the_depth_not_spaces(editor: SchemaEditor) -> None:
    editor.select("Life.Be-Born", "events")
    for name in ("Life", "Life.Be-Born"):
        text = editor.labels.item(_row(editor, name)).text()
        assert text == text.lstrip() and text.startswith(name)
    assert editor.labels.item(_row(editor, "Life")).data(DEPTH) == 0
    assert editor.labels.item(_row(editor, "Life.Be-Born")).data(DEPTH) == 1


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_a_child_label_is_moved_in_on_the_leading_side(
    editor: SchemaEditor, qtbot: QtBot, direction: Qt.LayoutDirection
) -> None:
    editor.setLayoutDirection(direction)
    editor.show()
    editor.select("Life.Marry", "events")  # the rows measured are not the highlighted one
    editor.labels.scrollToTop()
    QApplication.processEvents()
    parent_left, parent_right = _ink(editor, "Life")
    child_left, child_right = _ink(editor, "Life.Be-Born")
    square_left, square_right = _square(editor, "Life")
    child_square_left, child_square_right = _square(editor, "Life.Be-Born")
    if direction == Qt.LayoutDirection.RightToLeft:
        assert child_right <= parent_right - 12, (parent_right, child_right)
        assert child_square_right <= square_right - 12, (square_right, child_square_right)
    else:
        assert child_left >= parent_left + 12, (parent_left, child_left)
        assert child_square_left >= square_left + 12, (square_left, child_square_left)
