"""The Import dialog's CSV name column (the CLI's ``--name-column``): the same CSV gets the
same document names from the dialog as from the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.cli import main
from annotator.project import Project
from ui.dialogs.import_dialog import ImportDialog
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ME = "amal"
CSV = 'title,text\nأول,"وصل الوزير إلى بغداد."\nثان,"اجتمع الوزراء في باريس."\n'


def names(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as p:
        return [d.name for d in p.documents()]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "gui.annotator"
    Project.create(path).close()
    s = Session()
    s.open_project(path)
    s.annotator = ME
    yield s
    s.close()


def test_name_column_field_follows_the_format(qtbot: QtBot, session: Session) -> None:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.options().name_column == ""  # as the CLI: no name column unless given
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert not dialog.name_column.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.name_column.isEnabled()
    dialog.name_column.setText(" title ")
    assert dialog.options().name_column == "title"


def test_csv_names_equal_the_clis(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    csv = tmp_path / "table.csv"
    csv.write_text(CSV, encoding="utf-8")
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths([csv])
    dialog.name_column.setText("title")
    dialog.show()
    job = dialog.run()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    cli = tmp_path / "cli.annotator"
    Project.create(cli).close()
    assert main(["import", str(cli), str(csv), "--name-column", "title", "--annotator", ME]) == 0
    assert session.path is not None
    assert names(session.path) == names(cli) == ["أول", "ثان"]
