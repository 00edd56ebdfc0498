"""QA 15, the threshold: the window keeps a suggestion when its score is at least the
threshold, exactly as the core's ``Project.suggestions(min_score=...)`` (and ``suggest
--min-score``) does; it compared scores rounded to hundredths, so 0.496 was shown at 0.50 as
"0.50". A score is now shown cut down to hundredths (0.496 reads "0.49"): the score shown is
at least the threshold shown exactly when the row is listed. And the threshold is remembered
across a restart, as "Retrain after" is (it went back to 0.50)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.search.suggestions import Suggestion, hundredths
from annotator.uuids import new_uuid
from tests.ui.conftest import open_window
from ui.suggestions import install
from ui.suggestions.rows import score_text
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "زار الوزير باريس ثم لندن ثم روما ثم مدريد ثم برلين في جولة طويلة."
SCORES = {"باريس": 0.496, "لندن": 0.5, "روما": 0.9, "مدريد": 0.29, "برلين": 0.4999}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d").id
        made = []
        for word, score in SCORES.items():
            start = TEXT.index(word)
            made.append(
                Suggestion(new_uuid(), doc, start, start + len(word), "GPE", word, "file:t", score)
            )
        assert p.add_suggestions(made) == len(SCORES)
    return path


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, project: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, tmp_path, project)
    yield w
    w.session.close()


@pytest.mark.parametrize("percent", [0, 1, 29, 30, 49, 50, 51, 90, 91, 100])
def test_the_window_lists_what_the_core_keeps(window: MainWindow, percent: int) -> None:
    installed = install(window)
    installed.panel.slider.setValue(percent)
    project, doc = window.session.project, window.doc
    assert project is not None and doc is not None
    core = sorted(s.text for s in project.suggestions(doc.id, percent / 100))
    assert sorted(s.text for s in installed.controller.shown()) == core
    # and no listed score reads below the threshold shown, no left-out one at or above it
    threshold = installed.panel.value.text()
    assert threshold == f"{percent / 100:.2f}"
    for s in installed.controller.items:
        listed = s.text in core
        assert (float(score_text(s.score)) >= float(threshold)) == listed, (s.text, s.score)


def test_a_score_just_short_of_the_threshold_does_not_read_as_it(window: MainWindow) -> None:
    installed = install(window)
    assert installed.panel.slider.value() == 50
    shown = {s.text for s in installed.controller.shown()}
    assert shown == {"لندن", "روما"}  # not 0.496 nor 0.4999
    assert score_text(0.496) == "0.49" and score_text(0.4999) == "0.49"
    assert score_text(0.5) == "0.50" and score_text(0.29) == "0.29" and score_text(1.0) == "1.00"
    table = installed.panel.list.model()
    column = [table.index(r, 2).data() for r in range(table.rowCount())]
    assert column == ["0.50", "0.90"]


def test_hundredths_is_what_the_threshold_compares() -> None:
    """For every threshold of the slider (k / 100) and scores around it: the score shown cut
    down is at least the threshold exactly when the score is (float error included: 0.29 *
    100 is 28.999...)."""
    for k in range(101):
        t = k / 100
        for score in (t, t - 1e-9, t + 1e-9, (k - 0.4) / 100, (k + 0.6) / 100):
            if 0 <= score <= 1:
                assert (hundredths(score) >= k) == (score >= t), (k, score)


def test_the_threshold_is_remembered_across_a_restart(
    qtbot: QtBot, tmp_path: Path, project: Path
) -> None:
    first = open_window(qtbot, tmp_path, project)
    install(first).panel.slider.setValue(80)
    first.close()
    first.session.close()
    again = open_window(qtbot, tmp_path, project)
    try:
        installed = install(again)
        assert installed.panel.slider.value() == 80
        assert installed.controller.threshold == 0.8
        assert [s.text for s in installed.controller.shown()] == ["روما"]
    finally:
        again.session.close()
