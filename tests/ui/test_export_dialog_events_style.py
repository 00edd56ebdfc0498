"""The Export dialog's events style (the CLI's ``--events-style``): shown, enabled only for
the events format, and passed through, so the file equals the CLI's byte for byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.cli import main
from annotator.project import Project
from ui.dialogs.export_dialog import ExportDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ME = "amal"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = Project.create(tmp_path / "ev.annotator")
    text = "اجتمع الوزير في بغداد."
    doc = p.add_document(text, name="ev")
    i = text.index("بغداد")
    p.add_span(doc.id, i, i + len("بغداد"), "GPE", ME)
    p.add_span(doc.id, 0, len("اجتمع"), "Contact.Meet", ME)
    yield p
    p.close()


def gui_export(qtbot: QtBot, project: Project, out: Path, style: str | None) -> None:
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("events"))
    dialog.layer.setCurrentIndex(dialog.layer.findData(ME))
    if style is not None:
        dialog.events_style.setCurrentIndex(dialog.events_style.findData(style))
    dialog.output.setText(str(out))
    dialog.show()
    job = dialog.run()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "finished"


def test_style_choice_is_enabled_only_for_the_events_format(qtbot: QtBot, project: Project) -> None:
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    styles = [dialog.events_style.itemData(i) for i in range(dialog.events_style.count())]
    assert styles == ["oneie", "dygiepp"]  # the CLI's choices, its default first
    assert dialog.events_style.currentData() == "oneie"
    for fmt in ("conll", "jsonl", "hf"):
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        assert not dialog.events_style.isEnabled()
        assert dialog.request().style is None
    dialog.format.setCurrentIndex(dialog.format.findData("events"))
    assert dialog.events_style.isEnabled()
    dialog.events_style.setCurrentIndex(dialog.events_style.findData("dygiepp"))
    assert dialog.request().style == "dygiepp"


@pytest.mark.parametrize("style", [None, "oneie", "dygiepp"])
def test_events_file_equals_the_clis(
    qtbot: QtBot, project: Project, tmp_path: Path, style: str | None
) -> None:
    gui, cli = tmp_path / "gui.jsonl", tmp_path / "cli.jsonl"
    gui_export(qtbot, project, gui, style)
    args = [
        "export", str(project.path), "--format", "events", "-o", str(cli), "--annotator", ME,
    ]  # fmt: skip
    if style is not None:
        args += ["--events-style", style]
    assert main(args) == 0
    assert gui.read_bytes() == cli.read_bytes()
    if style == "dygiepp":
        assert b'"doc_key"' in gui.read_bytes()  # DyGIE++ document lines, not OneIE's
