"""The review window shows differing attributes as their own kind (QA round 2): a legend
entry, the "attrs≠" tag on both annotators' spans, a table row with both values, left open by
"accept all agreements" until the adjudicator chooses."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.model import GOLD
from annotator.project import Project
from annotator.review import Kind
from tests.ui.conftest import open_window
from ui.review.model import KIND_COLORS, KIND_NAMES, KIND_TAGS
from ui.review.window import ReviewWindow, open_review

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

TEXT = "اعتقل محمد علي ببغداد. وقال أحمد إن الشرطة في باريس."
NAME = (TEXT.index("محمد علي"), TEXT.index("محمد علي") + len("محمد علي"))


@pytest.fixture
def review(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReviewWindow]:
    path = tmp_path / "qa.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d1")
        for who, mention in (("amal", "NAM"), ("badr", "NOM")):
            p.add_span(doc.id, *NAME, "PER", who, {"MentionType": mention})
            start = TEXT.index("باريس")
            p.add_span(doc.id, start, start + len("باريس"), "GPE", who)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, path)
    window = open_review(w)
    window.set_annotators(["amal", "badr"])
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    w.session.close()


def _plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def test_every_kind_has_a_name_a_tag_and_a_colour() -> None:
    for table in (KIND_NAMES, KIND_TAGS, KIND_COLORS):
        assert set(table) == set(Kind)
    assert len(set(KIND_COLORS.values())) == len(Kind)


def test_differing_attributes_are_shown_and_left_to_the_adjudicator(
    review: ReviewWindow, qtbot: QtBot
) -> None:
    assert review.findChild(QLabel, "legend-attributes_differ") is not None
    (item,) = review.items
    assert item.kind is Kind.ATTRIBUTES and not item.resolved
    row = [_plain(t) for t in review.table.texts(0)]
    assert row == [
        "attributes differ", "amal", "PER: محمد علي", "badr", "PER: محمد علي",
        "MentionType: NAM / NOM", "open",
    ]  # fmt: skip
    for name in ("amal", "badr"):
        tags = {(TEXT[s.start : s.end], s.label) for s in review.columns.views[name].spans()}
        assert ("محمد علي", "PER · attrs≠") in tags and ("باريس", "GPE") in tags
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(review, Qt.Key.Key_A, mods)  # accept all agreements: باريس only
    project = review.session.project
    assert project is not None
    assert [s.text for s in project.spans(1, GOLD)] == ["باريس"]
    assert not review.items[0].resolved
    QTest.keyClick(review, Qt.Key.Key_B)  # the adjudicator chooses badr's NOM
    (chosen,) = [s for s in project.spans(1, GOLD) if s.text == "محمد علي"]
    assert chosen.attributes == {"MentionType": "NOM"}
    assert review.items[0].resolved
