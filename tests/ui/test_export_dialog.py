"""The Export dialog: background exports with a progress dialog, cancel, the live split check."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.exporting import export
from annotator.formats.common import ExportOptions, ExportReport, IsCancelled, Progress
from annotator.formats.hf import data_files
from annotator.project import Project
from ui import i18n
from ui.dialogs import export_dialog
from ui.dialogs.export_dialog import ExportDialog, check_splits
from ui.dialogs.import_dialog import ImportDialog
from ui.jobs import ExportJob
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ME = "amal"


def inword(text: str, word: str, skip: int) -> tuple[int, int]:
    """Offsets of ``word[skip:]`` at its first occurrence (هولندا inside وهولندا)."""
    i = text.index(word)
    return i + skip, i + len(word)


@pytest.fixture
def project(tmp_path: Path, seed_text: str) -> Iterator[Project]:
    """The seed article with in-word and nested spans, plus three short documents."""
    p = Project.create(tmp_path / "seed.annotator")
    doc = p.add_document(seed_text, name="seed")
    p.add_span(doc.id, *inword(seed_text, "وهولندا", 1), "GPE", ME)
    p.add_span(doc.id, *inword(seed_text, "بباريس", 1), "GPE", ME)
    p.add_span(doc.id, *inword(seed_text, "الاجتماع", 0), "Contact.Meet", ME)
    i = seed_text.index("2014")
    p.add_span(doc.id, i, i + 4, "TIME", ME)
    p.add_span(doc.id, *inword(seed_text, "مقر وزارة الدفاع", 0), "FAC", ME)
    p.add_span(doc.id, *inword(seed_text, "وزارة الدفاع", 0), "ORG", ME)  # nested in the FAC
    for k, text in enumerate(("وصل الوزير إلى بغداد.", "اجتمع الوزراء في باريس.", "نص ثالث.")):
        p.add_document(text, name=f"short-{k}")
    yield p
    p.close()


def dialog_for(qtbot: QtBot, project: Project, fmt: str, out: Path, **kw: str) -> ExportDialog:
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.layer.setCurrentIndex(dialog.layer.findData(kw.get("layer", ME)))
    dialog.splits.setText(kw.get("splits", ""))
    dialog.output.setText(str(out))
    dialog.show()
    return dialog


def run_to_end(qtbot: QtBot, dialog: ExportDialog) -> tuple[ExportJob, str]:
    dialog.run_button.click()
    job = dialog.job
    assert job is not None
    assert job.dialog.isVisible()  # the progress dialog appears while the worker runs
    assert not dialog.run_button.isEnabled()  # one export at a time
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert not job.dialog.isVisible()
    assert dialog.job is None and dialog.run_button.isEnabled()
    return job, str(blocker.args[0])


def test_conll_export_runs_in_background_and_shows_the_report(
    qtbot: QtBot, project: Project, tmp_path: Path, shots: Path, seed_text: str
) -> None:
    out = tmp_path / "out" / "seed.conll"
    dialog = dialog_for(qtbot, project, "conll", out)
    dialog.docstart.setChecked(True)
    _, outcome = run_to_end(qtbot, dialog)
    assert outcome == "finished"
    lines = out.read_text(encoding="utf-8").splitlines()
    # one per document the layer annotated: the three short texts amal never touched would
    # go into training data as text without entities, so they are left out and reported
    assert sum(line.startswith("-DOCSTART-") for line in lines) == 1
    assert "هولندا\tB-GPE" in lines and "باريس\tB-GPE" in lines
    assert "مقر\tB-FAC" in lines and "وزارة\tI-FAC" in lines  # outermost of the nested pair
    n_tokens = sum(bool(line) and not line.startswith("-DOCSTART-") for line in lines)
    # و|هولندا and ب|باريس are split inside their words; the nested ORG is dropped and counted
    assert dialog.report.toPlainText().splitlines() == [
        "documents exported: 1",
        "spans exported: 4",
        f"tokens: {n_tokens} (2 split at span boundaries)",
        "dropped 1: event trigger (flat NER tags hold entities; use --format events)",
        "dropped 1: nested inside a kept span (policy outermost)",
        "documents left out 3: never annotated in layer amal (--status new exports them)",
        f"written: {out}",
    ]
    dialog.grab().save(str(shots / "export_dialog.png"))


def test_hf_export_with_splits_writes_a_dataset_folder(
    qtbot: QtBot, project: Project, tmp_path: Path, shots: Path
) -> None:
    out = tmp_path / "hf"
    dialog = dialog_for(qtbot, project, "hf", out, splits="train=0.5,test=0.5", layer="")
    assert dialog.out_is_dir() and "folder" in dialog.output_hint.text()
    _, outcome = run_to_end(qtbot, dialog)
    assert outcome == "finished"
    assert (out / "dataset_dict.json").is_file()
    splits = json.loads((out / "dataset_dict.json").read_text(encoding="utf-8"))["splits"]
    assert sorted(splits) == ["test", "train"]
    names = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert "B-GPE" in json.dumps(names)
    rows = [
        json.loads(line)
        for split in ("train", "test")
        for line in data_files(out, split)[0].read_text(encoding="utf-8").splitlines()
    ]
    assert any("هولندا" in row["tokens"] for row in rows)
    assert "documents exported: 4" in dialog.report.toPlainText()
    assert not list(tmp_path.glob(".hf.annotator-*"))  # no temporary left beside it
    dialog.grab().save(str(shots / "export_dialog_hf.png"))


@pytest.mark.parametrize(
    ("fmt", "name", "splits"),
    [("conll", "cancel.conll", ""), ("hf", "cancel-hf", "train=0.8,test=0.2")],
)
def test_cancel_midway_leaves_no_output(
    qtbot: QtBot,
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    name: str,
    splits: str,
) -> None:
    """The worker stops after its first document until the user has pressed Cancel."""
    reached = threading.Event()

    def paused_export(
        project: Project,
        fmt: str,
        out: Path,
        layer: str | None,
        status: str | None,
        options: ExportOptions,
        *,
        progress: Progress,
        cancelled: IsCancelled,
    ) -> ExportReport:

        def progress_then_wait(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:
                reached.set()
                for _ in range(1000):  # until the GUI thread has pressed Cancel (10 s at most)
                    if cancelled():
                        break
                    threading.Event().wait(0.01)

        return export(project, fmt, out, layer, status, options, progress_then_wait, cancelled)

    monkeypatch.setattr("annotator.exporting.export", paused_export)  # ui.jobs imports it per job
    out = tmp_path / name
    dialog = dialog_for(qtbot, project, fmt, out, splits=splits, layer="")
    job = dialog.run()
    assert job is not None and job.dialog.isVisible()
    qtbot.waitUntil(reached.is_set, timeout=20000)
    button = job.dialog.findChild(QPushButton)
    assert button is not None
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        button.click()  # the progress dialog's own Cancel button
    assert blocker.args[0] == "cancelled"
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert "cancelled" in dialog.report.toPlainText()


@pytest.mark.parametrize(
    "bad",
    ["train=abc", "train=0.8,test", "train=-1,test=2", "train=0,test=0", "a=1,a=1", "=0.5"],
)
def test_split_check_rejects_bad_ratios(
    qtbot: QtBot, project: Project, tmp_path: Path, bad: str
) -> None:
    dialog = dialog_for(qtbot, project, "conll", tmp_path / "x.conll", splits=bad)
    assert check_splits(bad)[1]
    assert not dialog.run_button.isEnabled()
    assert dialog.split_check.text().startswith("✗")
    assert dialog.run() is None and dialog.job is None
    dialog.splits.setText("train=8,validation=1,test=1")
    assert dialog.run_button.isEnabled()
    assert dialog.split_check.text().startswith("✓ train 80%, validation 10%, test 10%")
    assert dialog.request().options.splits == (("train", 8.0), ("validation", 1.0), ("test", 1.0))
    # jsonl has no splits: a bad spec there neither blocks nor reaches the options
    dialog.splits.setText(bad)
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    assert dialog.run_button.isEnabled() and not dialog.splits.isEnabled()
    assert dialog.request().options.splits == ()


def test_options_follow_the_format_and_reach_the_request(
    qtbot: QtBot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("spacy"))
    assert dialog.output.text().endswith("seed-spacy.spacy")  # the suggestion follows
    assert dialog.spans_key.isEnabled() and not dialog.docstart.isEnabled()
    dialog.spans_key.setText("")
    assert not dialog.run_button.isEnabled()  # an empty spans key is refused
    dialog.spans_key.setText("mentions")
    dialog.splits.setText("train=1,test=1")
    assert dialog.out_is_dir() and dialog.output.text().endswith("seed-spacy")
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert dialog.docstart.isEnabled() and not dialog.spans_key.isEnabled()
    for i in range(dialog.labels.count()):
        item = dialog.labels.item(i)
        if item.text() != "GPE":
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.overlap.setCurrentText("longest")
    dialog.scheme.setCurrentText("BIOES")
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.layer.setCurrentIndex(dialog.layer.findData("gold"))
    chosen = tmp_path / "picked.conll"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    dialog.choose.click()
    req = dialog.request()
    assert (req.fmt, req.out, req.annotator, req.status) == ("conll", chosen, "gold", "done")
    assert req.options == ExportOptions(
        overlap_policy="longest",
        scheme="BIOES",
        spans_key="mentions",
        splits=(("train", 1.0), ("test", 1.0)),
        labels=("GPE",),
    )
    gpe = dialog.labels.findItems("GPE", Qt.MatchFlag.MatchExactly)[0]
    gpe.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.run_button.isEnabled()  # no label at all is refused


def test_a_file_of_the_user_is_refused_and_another_path_offered(
    qtbot: QtBot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10: the dialog used to replace any existing file once confirmed; a file the
    export did not write is now refused (never overwritten) and another path is offered."""
    mine = tmp_path / "notes.jsonl"
    mine.write_text("keep me\n", encoding="utf-8")
    offered: list[str] = []
    answer = [False]

    def ask_other_path(parent: object, title: str, refusal: str) -> bool:
        offered.append(refusal)
        return answer[0]

    monkeypatch.setattr(export_dialog, "ask_other_path", ask_other_path)
    monkeypatch.setattr(export_dialog, "confirm", lambda *a: pytest.fail("nothing to confirm"))
    dialog = dialog_for(qtbot, project, "jsonl", mine)
    assert dialog.run() is None and dialog.job is None
    assert offered == [
        f"refusing to replace {mine}: not an annotator export (move it away or choose another name)"
    ]
    assert mine.read_text(encoding="utf-8") == "keep me\n"
    # "yes, choose another path": the save dialog, then the export goes there
    other = tmp_path / "export.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    answer[0] = True
    job = dialog.run()
    assert job is not None and dialog.output.text() == str(other)
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "finished" and other.is_file()
    assert mine.read_text(encoding="utf-8") == "keep me\n"
    # a folder where a file is to be written is refused the same way
    dialog.output.setText(str(tmp_path))
    answer[0] = False
    assert dialog.run() is None and "it is a folder" in offered[-1]


def test_an_earlier_export_is_replaced_only_when_confirmed(
    qtbot: QtBot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "old.jsonl"
    dialog = dialog_for(qtbot, project, "jsonl", out)
    _, outcome = run_to_end(qtbot, dialog)  # a new file: nothing to ask
    assert outcome == "finished"
    first = out.read_bytes()
    answers: list[bool] = [False]
    asked: list[str] = []

    def confirm(parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return answers[0]

    monkeypatch.setattr(export_dialog, "confirm", confirm)
    fourth = project.add_document("نص رابع.", name="short-3")
    project.add_span(fourth.id, 0, 2, "PER", ME)  # annotated in the layer, so it goes out
    assert dialog.run() is None
    assert out.read_bytes() == first and asked == [
        f"The file {i18n.path_text(out)} holds an earlier jsonl export. Replace it?"
    ]
    answers[0] = True
    _, outcome = run_to_end(qtbot, dialog)
    assert outcome == "finished"
    assert out.read_bytes() != first and "نص رابع" in out.read_text(encoding="utf-8")


def test_file_menu_opens_both_dialogs(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    session = Session()
    window = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert open_project(window, project.path)
    window.actions_by_name["export"].trigger()
    (exp,) = window.findChildren(ExportDialog)
    assert exp.isVisible() and exp.project_path == project.path
    window.actions_by_name["import_options"].trigger()
    (imp,) = window.findChildren(ImportDialog)
    assert imp.isVisible() and imp.session is session
    imp.close()
    exp.close()
    session.close()


def test_the_core_refusals_are_shown_in_the_report(
    qtbot: QtBot, project: Project, tmp_path: Path, seed_text: str
) -> None:
    """Issue 10: "All layers" used to stack a doubly annotated document in the training data,
    and a selection of nothing wrote an empty file. The core refuses both; the dialog shows
    why in its report and writes nothing."""
    project.add_span(1, *inword(seed_text, "وهولندا", 1), "LOC", "badr")  # seed: amal and badr
    out = tmp_path / "mixed.conll"
    dialog = dialog_for(qtbot, project, "conll", out, layer="")
    _, outcome = run_to_end(qtbot, dialog)
    assert outcome == "failed" and not out.exists()
    assert dialog.report.toPlainText() == (
        "Export failed, nothing was written:\n1 selected document is in more than one layer, "
        "and conll would write it once per layer: choose one layer (layers: amal, badr)"
    )
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.layer.setCurrentIndex(dialog.layer.findData(ME))
    _, outcome = run_to_end(qtbot, dialog)
    assert outcome == "failed" and not out.exists()
    assert dialog.report.toPlainText().endswith(
        "nothing to export: no document has status done in layer amal"
    )
    dialog.status.setCurrentIndex(dialog.status.findData(""))
    _, outcome = run_to_end(qtbot, dialog)  # one layer chosen: it goes out
    assert outcome == "finished" and "documents exported: 1" in dialog.report.toPlainText()
    # jsonl lines name their layer: every layer goes out side by side, nothing stacked
    dialog.layer.setCurrentIndex(dialog.layer.findData(""))
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    dialog.output.setText(str(tmp_path / "all.jsonl"))
    _, outcome = run_to_end(qtbot, dialog)
    assert outcome == "finished"
    rows = [
        json.loads(x) for x in (tmp_path / "all.jsonl").read_text(encoding="utf-8").split("\n") if x
    ]
    assert [r["annotator"] for r in rows if r["name"] == "seed"] == ["amal", "badr"]


def test_split_names_are_checked_live(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, project, "conll", tmp_path / "x.conll", splits="trian=0.8,test=0.2")
    assert not dialog.run_button.isEnabled()
    assert dialog.split_check.text() == (
        "✗ no split 'trian' (splits: train, validation, dev, test); did you mean 'train'?"
    )
