"""The Import dialog's Tab order follows the on-screen order: the Strict/Lenient choice comes
between the layer and the new-label policy, not after Close."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui.dialogs.import_dialog import ImportDialog
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    s = Session()
    s.open_project(path)
    s.annotator = "amal"
    yield s
    s.close()


def focus_chain(dialog: QWidget) -> list[QWidget]:
    """The widgets Tab can reach, in the dialog's focus chain order."""
    chain: list[QWidget] = []
    w = dialog.nextInFocusChain()
    while w is not dialog and w not in chain:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible():
            chain.append(w)
        w = w.nextInFocusChain()
    return chain


def test_tab_follows_the_on_screen_order(qtbot: QtBot, session: Session) -> None:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    on_screen = [
        dialog.format, dialog.text_column, dialog.name_column, dialog.layer,
        dialog.strict, dialog.lenient, dialog.new_labels, dialog.report, close,
    ]  # fmt: skip
    chain = focus_chain(dialog)
    assert [chain.index(w) for w in on_screen] == sorted(chain.index(w) for w in on_screen)
