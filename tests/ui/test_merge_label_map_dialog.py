"""The merge step's label map: a received file naming a label otherwise (``Per`` where ours
has ``PER``) is put to the user before the merge, each label with a choice pre-filled by the
offer; the merge then runs with the chosen map. Names from the file are plain text."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.exchange import write_bundle
from annotator.project import Project
from annotator.schema import Label, Schema, default_schema
from annotator.schema.edit import add_label, rename_label
from ui.dialogs.exchange_actions import LabelMapDialog, merge_dialog
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"
ME = "amal"
HOSTILE = "P<b>er</b><img_src=x.png>"  # a valid label name that looks like markup


def _theirs() -> Schema:
    schema = add_label(rename_label(default_schema(), "PER", "Per"), Label("Person"))
    return add_label(schema, Label(HOSTILE))


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Their project and bundle (Per, Person and a markup-like label), our project."""
    src = tmp_path / "theirs.annotator"
    with Project.create(src, schema=_theirs()) as s:
        doc = s.add_document(TEXT, name="seed")
        s.add_span(doc.id, 4, 8, "Per", "badr")
        s.add_span(doc.id, 0, 3, "Person", "badr")
        s.add_span(doc.id, 12, 20, HOSTILE, "badr")
        write_bundle(s, "badr", tmp_path / "badr.annbundle")
    dst = tmp_path / "ours.annotator"
    Project.create(dst).close()
    return src, tmp_path / "badr.annbundle", dst


def _labels(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as p:
        return sorted(s.label for s in p.spans())


def _rows(dialog: LabelMapDialog) -> list[tuple[str, str]]:
    names = dialog.findChildren(QLabel, "their_label")
    combos = dialog.findChildren(QComboBox, "merge_as")
    for name in names:
        assert name.textFormat() == Qt.TextFormat.PlainText
    return [(n.text(), c.currentText()) for n, c in zip(names, combos, strict=True)]


def test_the_dialog_offers_per_and_merges_with_the_chosen_map(
    qtbot: QtBot,
    files: tuple[Path, Path, Path],
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, bundle, dst = files
    w = make_window(dst)
    seen: list[list[tuple[str, str]]] = []

    def exec_(self: LabelMapDialog) -> int:
        self.show()
        seen.append(_rows(self))
        for label in self.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText
        os.makedirs("/tmp/merge-helper", exist_ok=True)
        self.grab().save("/tmp/merge-helper/x.png")
        person = self.choices["Person"]
        person.setCurrentIndex(person.findData("PER"))  # the user maps Person too
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(LabelMapDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    job = merge_dialog(w)
    assert job is not None
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=30_000)
    assert seen == [
        [
            (HOSTILE, "add as a new label"),
            ("Per", "PER"),  # the offer, pre-filled
            ("Person", "add as a new label"),
        ]
    ]
    (text,) = reports
    assert "badr.annbundle: label 'Per' mapped to the project's 'PER': 1 records relabelled" in text
    assert "label 'Person' mapped to the project's 'PER': 1 records relabelled" in text
    assert f"labels added from badr.annbundle: {HOSTILE}" in text
    assert "quarantined" not in text
    assert _labels(dst) == sorted(["PER", "PER", HOSTILE])
    assert w.session.project is not None and w.session.project.schema.label(HOSTILE) is not None


def test_keep_apart_quarantines_and_cancel_merges_nothing(
    qtbot: QtBot,
    files: tuple[Path, Path, Path],
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, bundle, dst = files
    w = make_window(dst)
    answers = iter([QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted])

    def exec_(self: LabelMapDialog) -> int:
        per = self.choices["Per"]
        per.setCurrentIndex(0)  # keep apart
        assert per.currentText() == "keep apart (quarantine)"
        return next(answers).value

    monkeypatch.setattr(LabelMapDialog, "exec", exec_)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    job = merge_dialog(w)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: "nothing was merged" in w.statusBar().currentMessage())
    assert reports == [] and _labels(dst) == []

    merge_dialog(w)
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=30_000)
    assert "quarantined (label 'Per' is not in the schema): 1" in reports[0]
    assert "mapped" not in reports[0]
    assert _labels(dst) == sorted(["Person", HOSTILE])


def test_a_project_file_is_asked_about_too(
    qtbot: QtBot,
    files: tuple[Path, Path, Path],
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src, _, dst = files
    w = make_window(dst)
    monkeypatch.setattr(LabelMapDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    merge_dialog(w)
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=30_000)
    assert "label 'Per' mapped to the project's 'PER': 1 records relabelled" in reports[0]
    assert _labels(dst) == sorted(["PER", "Person", HOSTILE])  # only the offer was taken


def test_a_file_whose_new_labels_are_all_added_is_merged_without_asking(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src = tmp_path / "theirs.annotator"
    with Project.create(src, schema=add_label(default_schema(), Label("Person"))) as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, 0, 3, "Person", "badr")
    dst = tmp_path / "ours.annotator"
    Project.create(dst).close()
    w = make_window(dst)

    def never(self: LabelMapDialog) -> int:
        raise AssertionError("asked")

    monkeypatch.setattr(LabelMapDialog, "exec", never)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    merge_dialog(w)
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=30_000)
    assert _labels(dst) == ["Person"]


def test_a_project_file_label_only_its_records_carry_is_asked_about(
    tmp_path: Path, qtbot: QtBot
) -> None:
    from annotator.commands.schema import remove_label_command
    from ui.dialogs.exchange_actions import LabelQuestion, merge_any

    src = tmp_path / "s.annotator"
    with Project.create(src, schema=add_label(default_schema(), Label("Pers"))) as s:
        s.add_span(s.add_document(TEXT).id, 4, 8, "Pers", "badr")
        remove_label_command(s, "Pers").do(s)  # its records keep 'Pers'
        write_bundle(s, "badr", tmp_path / "b.annbundle")
    for source in (tmp_path / "b.annbundle", src):
        dst = tmp_path / f"t_{source.suffix[1:]}.annotator"
        Project.create(dst).close()
        out = merge_any(dst, source, lambda *a: None, lambda: False, ask=True)
        assert isinstance(out, LabelQuestion), source.name  # a project file was merged
        assert [(o.name, o.added) for o in out.offers] == [("Pers", False)]
        assert _labels(dst) == []
        dialog = LabelMapDialog(out, None)
        qtbot.addWidget(dialog)
        combo = dialog.choices["Pers"]
        choices = [combo.itemData(i) for i in range(1, combo.count())]
        # only our entity labels: no event or relation type for a span label
        assert "PER" in choices and "Contact.Meet" not in choices and "PHYS" not in choices
        combo.setCurrentIndex(combo.findData("PER"))
        report = merge_any(dst, source, lambda *a: None, lambda: False, dialog.label_map())
        assert not isinstance(report, LabelQuestion) and report.quarantined == []
        assert _labels(dst) == ["PER"]


def test_the_dialog_offers_only_labels_of_the_same_kind(
    files: tuple[Path, Path, Path], qtbot: QtBot
) -> None:
    from ui.dialogs.exchange_actions import LabelQuestion, merge_any

    _, bundle, dst = files
    out = merge_any(dst, bundle, lambda *a: None, lambda: False, ask=True)
    assert isinstance(out, LabelQuestion)
    dialog = LabelMapDialog(out, None)
    qtbot.addWidget(dialog)
    for combo in dialog.choices.values():
        ours = {combo.itemData(i) for i in range(1, combo.count())}
        assert "PER" in ours and "GPE" in ours
        assert not ours & {"Contact.Meet", "PHYS", "PART-WHOLE"}
    assert _rows(dialog)[1] == ("Per", "PER")
