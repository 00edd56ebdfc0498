"""The window's session opens a big project for reading at once while its thorough check runs
in the background (issue 12: 100,000 documents in a 2.6 GiB file take seconds to check).

Until the check has passed the session is read-only and refuses edits with a message naming
the file; then editing is on (``checked("")``). A file that fails the check is closed, never
written, and the error names it (``checked`` and ``error``). The checks are held here until the
test lets them go (``tests/core/test_store_background_check.py``'s gate), and every file counts
as big.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator import commands as C
from annotator import store as store_module
from annotator.project import Project
from tests.conftest import SEED
from tests.core.test_store_background_check import flip_text_byte, state
from tests.core.test_store_background_check import gate as core_gate
from ui.session import Session

gate = core_gate


@pytest.fixture(autouse=True)
def every_file_is_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BACKGROUND_CHECK_MIN_BYTES", 0)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    made = tmp_path / "made.annotator"
    with Project.create(made) as p:
        p.add_document(SEED.read_text(encoding="utf-8"), name="seed")
    path = tmp_path / "copy.annotator"
    shutil.copy(made, path)  # a copy: checked thoroughly when opened
    return path


@pytest.fixture
def session(qtbot: QtBot) -> Iterator[Session]:
    s = Session()
    yield s
    s.close()


def test_read_only_while_checked_then_editing_is_on(
    session: Session, copy: Path, gate: threading.Event, qtbot: QtBot
) -> None:
    notices: list[str] = []
    errors: list[str] = []
    session.notice.connect(notices.append)
    session.error.connect(errors.append)
    session.annotator = "amal"
    project = session.open_project(copy)
    assert session.checking and session.read_only
    assert [d.name for d in project.documents()] == ["seed"]  # readable meanwhile
    assert notices == ["Checking copy.annotator: read-only until the check has passed."]
    assert not session.execute(C.AddSpan(1, 0, 4, "PER", "amal"))
    assert errors and "copy.annotator is still being checked" in errors[-1]
    assert session.undo_stack.count() == 0
    with qtbot.waitSignal(session.checked, timeout=10_000) as passed:
        gate.set()
    assert passed.args == [""]
    assert not session.checking and not session.read_only
    assert notices[-1] == "copy.annotator checked: editing is on."
    assert session.execute(C.AddSpan(1, 0, 4, "PER", "amal"))
    assert project.span_count() == 1


def test_a_damaged_file_is_closed_unwritten_with_the_error(
    session: Session, copy: Path, gate: threading.Event, qtbot: QtBot
) -> None:
    flip_text_byte(copy)
    before = state(copy)
    errors: list[str] = []
    session.error.connect(errors.append)
    session.annotator = "amal"
    session.open_project(copy)
    assert session.read_only
    assert not session.execute(C.AddSpan(1, 0, 4, "PER", "amal"))
    with qtbot.waitSignal(session.checked, timeout=10_000) as failed:
        gate.set()
    message = failed.args[0]
    assert str(copy) in message and "corrupt" in message and "closed" in message
    assert errors[-1] == message
    assert session.project is None and not session.read_only
    assert state(copy) == before
    Session.take_lock(copy).release()  # the session let go of the project's lock


def test_an_edit_after_the_check_ended_needs_no_wait_for_the_signal(
    session: Session, copy: Path, gate: threading.Event
) -> None:
    session.annotator = "amal"
    project = session.open_project(copy)
    gate.set()
    while not project.check_ended:  # the check has ended; its signal is still queued
        threading.Event().wait(0.01)
    assert session.execute(C.AddSpan(1, 0, 4, "PER", "amal"))
    assert not session.checking


def test_the_window_says_checking_then_editing_is_on(
    copy: Path, gate: threading.Event, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from ui.workbench.mainwindow import MainWindow

    session = Session()
    window = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.quiet_errors = True
    qtbot.addWidget(window)
    try:
        session.annotator = "amal"
        session.open_project(copy)
        assert "checking" in window.status_project.text()
        assert window.statusBar().currentMessage() == (
            "Checking copy.annotator: read-only until the check has passed."
        )
        assert "read-only" in window.windowTitle()
        with qtbot.waitSignal(session.checked, timeout=10_000):
            gate.set()
        assert window.status_project.text() == "Project: copy.annotator"
        assert "read-only" not in window.windowTitle()
        assert window.statusBar().currentMessage() == "copy.annotator checked: editing is on."
    finally:
        session.close()
