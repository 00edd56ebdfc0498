"""The Import dialog: lenient and strict CoNLL imports, new-label policies, cancel, all in the
background with the project checked afterwards through a connection of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.formats.common import ImportResult, IsCancelled, Progress
from annotator.importing import ImportReport, import_documents
from annotator.project import Project
from ui.dialogs import import_dialog
from ui.dialogs.import_dialog import ImportDialog, ImportOptions
from ui.jobs import ImportJob
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ME = "amal"
MALFORMED = "".join(
    f"{line}\n"
    for line in ("وصل\tO", "الوزير\tO", "إلى\tO", "بغداد\tB-GPE", ".\tO", "",
                 "اجتمع\tO", "الوزراء\tIO", "في\tO", "باريس\tB-GPE")
)  # fmt: skip
"""a CoNLL file whose line 8 holds a tag that cannot be read without a guess (AQMAR's noise)"""
NEW_LABEL = "وصلت\tO\nشركة\tB-COMPANY\nالنفط\tI-COMPANY\nإلى\tO\nبغداد\tB-GPE\n"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("نص موجود من قبل.", name="existing")
    s = Session()
    s.open_project(path)
    s.annotator = ME
    yield s
    s.close()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def dialog_for(qtbot: QtBot, session: Session, paths: list[Path], **kw: Any) -> ImportDialog:
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.add_paths(paths)
    (dialog.lenient if kw.get("lenient") else dialog.strict).setChecked(True)
    dialog.new_labels.setCurrentIndex(dialog.new_labels.findData(kw.get("new_labels", "error")))
    dialog.show()
    return dialog


def run_to_end(qtbot: QtBot, dialog: ImportDialog) -> str:
    dialog.run_button.click()
    job = dialog.job
    assert job is not None and job.dialog.isVisible() and not dialog.run_button.isEnabled()
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        pass
    assert dialog.job is None and not job.dialog.isVisible()
    return str(blocker.args[0])


def stored(session: Session) -> tuple[list[str], list[tuple[str, str]], set[str]]:
    """Document names, (text, label) of every span, and entity labels, read afresh."""
    assert session.path is not None
    with Project.open(session.path, read_only=True) as p:
        names = [d.name for d in p.documents()]
        spans = [(s.text, s.label) for d in p.documents() for s in p.spans(d.id)]
        return names, spans, {e.name for e in p.schema.entities}


def test_lenient_import_skips_the_malformed_tag_and_names_its_line(
    qtbot: QtBot, session: Session, tmp_path: Path, shots: Path
) -> None:
    src = write(tmp_path, "news.conll", MALFORMED)
    dialog = dialog_for(qtbot, session, [src], lenient=True)
    assert dialog.files.item(0).text().endswith("[conll]")  # what "auto" will read it as
    assert dialog.options() == ImportOptions("auto", "text", ME, False, "error")
    assert run_to_end(qtbot, dialog) == "finished"
    report = dialog.report.toPlainText().splitlines()
    assert report[0] == "documents added: 1"
    assert f"changed: {src}:8: tag 'IO' not understood; token tagged O" in report
    names, spans, _ = stored(session)
    assert names == ["existing", "news"]
    assert sorted(spans) == [("باريس", "GPE"), ("بغداد", "GPE")]
    assert session.project is not None
    (doc,) = [d for d in session.project.documents() if d.name == "news"]
    assert {s.annotator for s in session.project.spans(doc.id)} == {ME}
    # the search index takes the new document at once, as after `annotator import`
    assert session.path is not None
    with Project.open(session.path, read_only=True) as p:
        assert p.search_index_fresh()
    dialog.grab().save(str(shots / "import_dialog.png"))


def test_strict_import_aborts_and_leaves_the_project_unchanged(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.conll", NEW_LABEL.replace("COMPANY", "ORG"))
    bad = write(tmp_path, "bad.conll", MALFORMED)
    before = stored(session)
    dialog = dialog_for(qtbot, session, [good, bad])
    assert run_to_end(qtbot, dialog) == "failed"
    text = dialog.report.toPlainText()
    assert text.startswith("Import failed; nothing was imported:")
    assert f"{bad}:8: tag 'IO' not understood" in text
    assert stored(session) == before


@pytest.mark.parametrize("policy", ["add", "skip", "error"])
def test_new_labels_policy(qtbot: QtBot, session: Session, tmp_path: Path, policy: str) -> None:
    src = write(tmp_path, "oil.conll", NEW_LABEL)
    dialog = dialog_for(qtbot, session, [src], new_labels=policy)
    seen: list[object] = []
    dialog.imported.connect(seen.append)
    outcome = run_to_end(qtbot, dialog)
    names, spans, labels = stored(session)
    assert session.project is not None
    report = dialog.report.toPlainText()
    if policy == "add":
        assert outcome == "finished" and len(seen) == 1
        assert "labels added to the schema: COMPANY" in report.splitlines()
        assert "COMPANY" in labels and ("شركة النفط", "COMPANY") in spans
        # the window's own connection sees the new label too (palette, hotkeys, edits)
        assert session.project.schema.label("COMPANY") is not None
    elif policy == "skip":
        assert outcome == "finished"
        assert "unknown label 'COMPANY' skipped" in report
        assert "COMPANY" not in labels and spans == [("بغداد", "GPE")]
    else:
        assert outcome == "failed" and not seen
        assert f"{src}:2: label 'COMPANY' is not in the schema" in report
        assert names == ["existing"] and "COMPANY" not in labels


def test_cancel_midway_imports_nothing(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker pauses after its first document until the user has pressed Cancel."""
    reached = threading.Event()

    def paused(
        project: Project,
        result: ImportResult,
        layer: str,
        new_labels: str,
        strict: bool,
        *,
        progress: Progress,
        cancelled: IsCancelled,
    ) -> ImportReport:

        def progress_then_wait(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:
                reached.set()
                for _ in range(1000):  # until the GUI thread has pressed Cancel (10 s at most)
                    if cancelled():
                        break
                    threading.Event().wait(0.01)

        return import_documents(
            project, result, layer, new_labels, strict, progress_then_wait, cancelled
        )

    monkeypatch.setattr(import_dialog, "import_documents", paused)
    files = [write(tmp_path, f"f{k}.txt", f"نص رقم {k}.") for k in range(3)]
    before = stored(session)
    dialog = dialog_for(qtbot, session, files)
    job = dialog.run()
    assert isinstance(job, ImportJob) and job.dialog.isVisible()
    qtbot.waitUntil(reached.is_set, timeout=20000)
    button = job.dialog.findChild(QPushButton)
    assert button is not None
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        button.click()
    assert blocker.args[0] == "cancelled"
    assert dialog.report.toPlainText() == "Import cancelled; nothing was imported."
    assert stored(session) == before


def test_sources_format_and_csv_column(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = write(tmp_path, "rows.csv", 'name,body\nr1,"وصل الوزير إلى بغداد."\n')
    folder = tmp_path / "texts"
    folder.mkdir()
    write(folder, "a.txt", "نص أول.")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(csv)], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    assert not dialog.run_button.isEnabled()  # nothing to import yet
    for text in ("Add files…", "Add a folder…"):
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
        button.click()
    dialog.add_paths([csv])  # already listed: not twice
    assert dialog.paths() == [csv, folder]
    assert [dialog.files.item(i).text().split()[-1] for i in range(2)] == ["[csv]", "[text]"]
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert not dialog.text_column.isEnabled() and dialog.files.item(0).text().endswith("[conll]")
    dialog.format.setCurrentIndex(dialog.format.findData("auto"))
    dialog.text_column.setText("body")
    assert run_to_end(qtbot, dialog) == "finished"
    assert session.project is not None
    texts = {session.project.document(d.id).text for d in session.project.documents()}
    assert texts == {"نص موجود من قبل.", "نص أول.", "وصل الوزير إلى بغداد."}  # the body column
    dialog.files.item(0).setSelected(True)
    dialog.remove_selected()
    assert dialog.paths() == [folder]


def test_an_import_adding_only_a_role_reloads_the_windows_schema(
    qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    """--new-labels add may add a role and no label (36da09c): the window's connection must
    re-read the schema then too, or the role stays unknown to the window (QA 13)."""
    import json

    text = "ولد محمد في بغداد."
    line = {
        "name": "born",
        "text": text,
        "spans": [
            {"id": "t", "start": 0, "end": 3, "label": "Life.Be-Born"},
            {"id": "p", "start": 4, "end": 8, "label": "PER"},
        ],
        "events": [
            {
                "id": "e",
                "type": "Life.Be-Born",
                "trigger": "t",
                "arguments": [{"id": "a", "role": "Child", "target": "p"}],
            }
        ],
    }
    src = write(tmp_path, "born.jsonl", json.dumps(line, ensure_ascii=False) + "\n")
    dialog = dialog_for(qtbot, session, [src], new_labels="add")
    assert session.project is not None
    born = session.project.schema.event("Life.Be-Born")
    assert born is not None and "Child" not in {r.name for r in born.roles}
    assert run_to_end(qtbot, dialog) == "finished"
    assert "roles added to the schema:" in dialog.report.toPlainText()
    born = session.project.schema.event("Life.Be-Born")
    assert born is not None and "Child" in {r.name for r in born.roles}
