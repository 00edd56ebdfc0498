"""The window's quick import (File > Import files…, Import a folder…: ``ui.jobs.ImportWorker``)
reads a CSV file as a plain ``annotator import`` does: its rows are named ``FILE:LINE``
whether or not it has a ``name`` column. It named them by a ``name`` column it found in the
header by itself, so the same file got other document names from the window than from the
CLI; naming by a column is the CLI's ``--name-column`` and the Import dialog's field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.cli import main
from annotator.project import Project
from tests.ui.conftest import open_window
from ui.workbench.menus import start_import

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ME = "amal"
CSV = "name,text\nأ,زار ماكرون باريس\nب,قال الوزير\n"


def stored(path: Path) -> list[tuple[str, str, dict[str, object]]]:
    with Project.open(path, read_only=True) as p:
        return [(d.name, d.text, dict(d.meta)) for d in p.documents()]


def test_the_windows_import_names_csv_rows_as_the_cli(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "named.csv"
    csv.write_text(CSV, encoding="utf-8")
    gui, cli = tmp_path / "gui.annotator", tmp_path / "cli.annotator"
    Project.create(gui).close()
    Project.create(cli).close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, gui)
    try:
        job = start_import(w, [csv])
        assert job is not None
        with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
            pass
        assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    finally:
        w.session.close()
    assert main(["import", str(cli), str(csv), "--annotator", ME]) == 0
    window, command = stored(gui), stored(cli)
    assert window == command
    assert [name for name, _, _ in window] == ["named:2", "named:3"]
