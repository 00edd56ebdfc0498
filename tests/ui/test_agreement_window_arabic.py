"""The Agreement window in Arabic (QA): the Events tab listed the core's measure keys
(trigger_identification …) and the Notes tab the core's English notes. Both now show in the
interface language; the CLI keeps printing the core's English names and notes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from annotator.agreement.bulk import EVENT_MEASURES as CORE_MEASURES
from annotator.cli import main
from annotator.project import Project
from ui import i18n
from ui.review.agreement_window import EVENT_MEASURES, AgreementWindow
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."

ENGLISH_NOTES = [
    "Span F1: annotator A is the reference, B the response; F1 is symmetric. Spans are sets: "
    "a duplicate in one layer counts once. Overlap = one-to-one maximum matching of same-label "
    "spans sharing a character.",
    "Token kappa/alpha: tokens are words cut at every span boundary of the compared annotators "
    "(of the pair's two for kappa, of all of them for alpha; S layer); a token takes the label of "
    "the outermost span over it, else O. A token no span covers is O for every annotator who has "
    "the document (spans or events there, or marked done), and a missing value for alpha when the "
    "annotator does not have the document; kappa uses only documents both have.",
    "Alpha-U: characters of the compared documents concatenated in document order; text an "
    "annotator did not mark with a label is a gap (a judgement of 'not this label'), not a "
    "missing value. The all-annotator alpha-U uses only documents every annotator has.",
    "Events: ACE trigger/argument identification and classification; arguments are aligned by "
    "offsets, each side is a set.",
]
"""the notes as the CLI printed them before they became ``Message``s"""


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        for who in ("amal", "sara"):
            p.add_span(doc.id, *at("جان إيف لودريان"), "PER", who)
        p.add_span(doc.id, *at("باريس"), "GPE", "amal")
        p.add_span(doc.id, *at("باريس"), "LOC", "sara")
    return path


@pytest.fixture
def session(path: Path) -> Iterator[Session]:
    s = Session()
    s.open_project(path)
    yield s
    s.close()


def measured(qtbot: QtBot, session: Session) -> AgreementWindow:
    window = AgreementWindow(session)
    qtbot.addWidget(window)
    window.show()
    job = window.run()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    return window


def notes_text(window: AgreementWindow) -> str:
    notes = window.tabs.widget(window.tabs.count() - 1)
    assert isinstance(notes, QPlainTextEdit)
    return notes.toPlainText()


def test_events_and_notes_speak_arabic(
    arabic: QApplication, qtbot: QtBot, session: Session, tmp_path: Path
) -> None:
    window = measured(qtbot, session)
    events = window.tables["events"]
    items = [events.item(r, 2) for r in range(events.rowCount())]
    shown = {it.text(): it.toolTip() for it in items if it is not None}
    assert len(shown) == len(CORE_MEASURES)
    assert "تعرّف المُطلِق" in shown and "تصنيف المعمول" in shown
    assert not any(re.search("[A-Za-z_]", text) for text in shown)  # no core key left
    assert shown["تعرّف المُطلِق"] == i18n.plain_tooltip("trigger_identification")
    notes = notes_text(window)
    assert notes.startswith("مقياس F1 للمقاطع: الموسِّم أ هو المرجع")
    assert not any(note in notes for note in ENGLISH_NOTES)
    assert len(notes.split("\n\n")) == len(ENGLISH_NOTES)
    # no number before a plural noun ("1 مستندات"): the summary names, then counts
    summary = window.summary.text()
    assert not re.search(r"\d+ (مستندات|موسِّمين)", summary)
    assert "المستندات: 1" in summary
    window.resize(1100, 600)
    for i in (2, window.tabs.count() - 1):  # Events, Notes
        window.tabs.setCurrentIndex(i)
        window.grab().save(str(tmp_path / f"agreement_tab{i}_ar.png"))


def test_english_keeps_the_core_names_and_notes(qtbot: QtBot, session: Session) -> None:
    window = measured(qtbot, session)
    events = window.tables["events"]
    names = [events.item(r, 2).text() for r in range(events.rowCount())]  # type: ignore[union-attr]
    assert names == list(CORE_MEASURES)
    assert notes_text(window) == "\n\n".join(ENGLISH_NOTES)


def test_every_core_measure_has_a_shown_name() -> None:
    assert list(EVENT_MEASURES) == list(CORE_MEASURES)


def test_the_cli_prints_the_notes_in_english(path: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["agreement", str(path), "--json"]) == 0
    assert json.loads(out.getvalue())["notes"] == ENGLISH_NOTES
    printed = json.dumps(ENGLISH_NOTES, ensure_ascii=False, indent=2)  # byte for byte
    assert printed.replace("\n", "\n  ") in out.getvalue()
