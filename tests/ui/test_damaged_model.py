"""A damaged stored model never locks a project (QA): the file opens, ``check`` names the
model, the command line says to train again and training does, and the workbench's model
panel says the model cannot be read with its Train button on. A model is rebuilt from the
layer, so it is never a reason to refuse the project."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # white-box: the damage is written into the file's models table directly
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.cli import main
from annotator.commands.suggestions import train_and_store
from annotator.errors import ProjectFileError
from annotator.project import Project
from annotator.validation import check_project
from tests.ui.test_qa_model_flow import make_window, small_project
from ui.suggestions import install
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

DAMAGE = {
    "manifest not JSON": "UPDATE models SET manifest = '{not json'",
    "bytes changed": "UPDATE models SET data = CAST(X'00' || substr(data, 2) AS BLOB)",
    "bytes as text": "UPDATE models SET data = 'not a model'",
    "name not text": "UPDATE models SET name = X'00ff'",
}


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_project(tmp_path_factory.mktemp("m") / "p.annotator")
    with Project.open(path) as p:
        train_and_store(p, eval_split=0.0)
    return path


def _damaged(trained: Path, folder: Path, how: str) -> Path:
    path = folder / "d.annotator"
    path.write_bytes(trained.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute(DAMAGE[how])
    conn.close()
    return path


@pytest.mark.parametrize("how", list(DAMAGE))
def test_a_damaged_model_is_reported_and_trained_again(
    trained: Path, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _damaged(trained, tmp_path, how)
    with Project.open(path) as p:  # opens
        assert [i.message for i in check_project(p) if i.kind == "integrity"] == [
            "model 1 is damaged: train the model again"
        ]
        if how != "name not text":
            with pytest.raises(ProjectFileError, match="train it again"):
                p.latest_model("ner")
        assert len(p.models()) == 1
    if how != "name not text":
        assert main(["suggest", str(path)]) == 1
        assert "train it again" in capsys.readouterr().err
    assert main(["train", str(path), "--eval-split", "0"]) == 0
    with Project.open(path) as p:
        found = p.latest_model("ner")
        assert found is not None and found[1]["name"] == "crf"
    capsys.readouterr()
    assert main(["suggest", str(path)]) == 0


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, trained: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, _damaged(trained, tmp_path, "bytes changed"))
    yield w
    w.session.close()


def test_the_model_panel_says_the_model_cannot_be_read_and_can_train(window: MainWindow) -> None:
    panel = install(window).model_panel
    panel.load()
    assert panel.summary.text().startswith("The stored model cannot be read (")
    assert "do not match their checksum" in panel.summary.text()
    assert panel.train_button.isEnabled()


def test_a_sound_model_is_not_reported(trained: Path) -> None:
    with Project.open(trained) as p:
        assert p.integrity() == [] and p.latest_model("ner") is not None
