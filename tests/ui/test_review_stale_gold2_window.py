"""The review window with stale gold beyond spans and what only gold holds (QA round 7, second
part): a gold event whose arguments both annotators gave up is listed "gold differs" and A
replaces it (one undo step); a gold span at a place where neither annotator has anything any
more is listed "only in gold", tagged in the gold pane, D drops it with its relation (one undo
step), A or B there says what to do. Rendered in Arabic for a look."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.model import GOLD, Event, Relation, Span
from annotator.project import Project
from annotator.review import Kind
from tests.ui.conftest import pair_review, plain, review_main
from ui import i18n
from ui.review.window import ReviewWindow
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

TEXT = "اعتقل محمد علي ببغداد. وقال أحمد إن الشرطة في باريس."


def at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


def build(p: Project) -> None:
    """Both: محمد علي PER, ببغداد GPE, الشرطة ORG, باريس GPE, the arrest with Place; badr
    also fills Person; amal relates the police to Paris ORG-AFF, badr PART-WHOLE."""
    doc = p.add_document(TEXT, name="small")
    for who, rtype in (("amal", "ORG-AFF"), ("badr", "PART-WHOLE")):
        per = p.add_span(doc.id, *at("محمد علي"), "PER", who)
        bgd = p.add_span(doc.id, *at("ببغداد"), "GPE", who)
        shr = p.add_span(doc.id, *at("الشرطة"), "ORG", who)
        par = p.add_span(doc.id, *at("باريس"), "GPE", who)
        trig = p.add_span(doc.id, *at("اعتقل"), "Justice.Arrest-Jail", who)
        ev = p.add_event(trig.uuid)
        p.add_argument(ev.uuid, "Place", bgd.uuid)
        if who == "badr":
            p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_relation(rtype, shr.uuid, par.uuid)


@pytest.fixture
def main(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    yield from review_main(qtbot, tmp_path, monkeypatch, build)


@pytest.fixture
def review(main: MainWindow, qtbot: QtBot) -> ReviewWindow:
    return pair_review(main, qtbot)


def project_of(window: ReviewWindow) -> Project:
    project = window.session.project
    assert project is not None and window.doc_id is not None
    return project


def gold_roles(window: ReviewWindow) -> list[str]:
    p = project_of(window)
    return sorted(a.role for e in p.events(1, GOLD) for a in p.arguments(e.uuid))


def gold_texts(window: ReviewWindow) -> list[str]:
    return sorted(s.text for s in project_of(window).spans(1, GOLD))


def row_of(window: ReviewWindow, test: type, kind: Kind = Kind.GOLD, alone: bool = False) -> int:
    """The first item of ``kind`` about a record of type ``test`` (of a gold item: the gold
    record; ``alone``: only in gold)."""
    for i, it in enumerate(window.items):
        recs = it.d.gold if it.kind is Kind.GOLD else (it.d.a or it.d.b,)
        if it.kind is kind and isinstance(recs[0], test) and it.d.only_in_gold == alone:
            return i
    raise AssertionError([it.d for it in window.items])


def stale_event(review: ReviewWindow) -> None:
    """B's event (Place and Person) into gold, then badr's bundle drops Person."""
    review.go_to(row_of(review, Event, Kind.ARGUMENTS))
    QTest.keyClick(review, Qt.Key.Key_B)
    assert gold_roles(review) == ["Person", "Place"]
    p = project_of(review)
    ev = next(e for e in p.events(1, "badr"))
    p.delete_argument(next(a.uuid for a in p.arguments(ev.uuid) if a.role == "Person"))
    review.session.refresh(frozenset({"badr"}), "merge")


def paris_only_in_gold(review: ReviewWindow) -> None:
    """amal's relation (and so the police and Paris) into gold, then both delete Paris."""
    review.go_to(row_of(review, Relation, Kind.ONLY_A))
    QTest.keyClick(review, Qt.Key.Key_A)
    p = project_of(review)
    for who in ("amal", "badr"):
        par = next(s for s in p.spans(1, who) if s.text == "باريس")
        for r in p.relations(1, who):
            p.delete_relation(r.uuid)
        p.delete_span(par.uuid)
    review.session.refresh(frozenset({"amal", "badr"}), "merge")


def test_a_stale_gold_event_is_listed_and_a_replaces_it(review: ReviewWindow) -> None:
    stale_event(review)
    r = row_of(review, Event)
    cells = [plain(c) for c in review.table.texts(r)]
    assert cells[0] == "gold differs" and cells[5] == "gold: Person / -" and cells[6] == "open"
    review.go_to(r)
    # the line shows gold's version too (its arguments in stored order)
    gold_part = plain(review.detail.text()).split(" · ")[-1]
    assert gold_part.startswith("gold: event Justice.Arrest-Jail: اعتقل [")
    assert "Person=محمد علي" in gold_part and "Place=ببغداد" in gold_part
    QTest.keyClick(review, Qt.Key.Key_A)
    assert gold_roles(review) == ["Place"]
    assert not any(it.kind is Kind.GOLD for it in review.items)
    review.session.undo_stack.undo()  # one step
    assert gold_roles(review) == ["Person", "Place"]
    assert review.items[row_of(review, Event)].kind is Kind.GOLD


def test_only_in_gold_is_listed_tagged_and_dropped_in_one_step(review: ReviewWindow) -> None:
    paris_only_in_gold(review)
    r = row_of(review, Span, alone=True)
    cells = [plain(c) for c in review.table.texts(r)]
    assert cells[0] == "only in gold" and cells[2] == cells[4] == "—"
    assert cells[5] == "gold: GPE: باريس" and cells[6] == "open"
    rel = [plain(c) for c in review.table.texts(row_of(review, Relation, alone=True))]
    assert rel[0] == "relation only in gold"
    tags = {(TEXT[s.start : s.end], s.label) for s in review.columns.views[GOLD].spans()}
    assert ("باريس", "GPE · only gold") in tags and ("الشرطة", "ORG") in tags
    review.go_to(r)
    assert review.columns.views[GOLD].selected() == review.items[r].d.gold[0].uuid
    line = plain(review.detail.text())
    assert line.endswith("only in gold · A (amal): — · B (badr): — · gold: GPE: باريس"), line
    QTest.keyClick(review, Qt.Key.Key_A)  # nothing to accept: says what to do
    assert "drop it from gold (D)" in review.statusBar().currentMessage()
    assert "باريس" in gold_texts(review)
    QTest.keyClick(review, Qt.Key.Key_D)
    assert "باريس" not in gold_texts(review)
    assert not [x for x in project_of(review).relations(1, GOLD) if not x.deleted]
    assert not any(it.d.only_in_gold for it in review.items)
    review.session.undo_stack.undo()  # one step: the span and its relation
    assert "باريس" in gold_texts(review)
    assert [x.type for x in project_of(review).relations(1, GOLD)] == ["ORG-AFF"]
    assert sum(it.d.only_in_gold for it in review.items) == 2


def test_d_elsewhere_drops_nothing(review: ReviewWindow) -> None:
    before = gold_texts(review)
    review.go_to(0)
    QTest.keyClick(review, Qt.Key.Key_D)
    assert gold_texts(review) == before
    assert "only in gold" in review.statusBar().currentMessage()


def test_the_arabic_window_with_gold_items(
    arabic: QApplication, review: ReviewWindow, shots: Path
) -> None:
    stale_event(review)
    paris_only_in_gold(review)
    project = project_of(review)
    english = re.compile(r"\b(event|relation|Place|Person|PER|GPE|ORG|Justice)\b")
    for kind, test, alone in ((Kind.GOLD, Event, False), (Kind.GOLD, Span, True)):
        r = row_of(review, test, kind, alone)
        cells = [plain(c) for c in review.table.texts(r)]
        assert not english.search(cells[5]), cells
        review.go_to(r)
        assert not english.search(plain(review.detail.text())), review.detail.text()
    cells = [plain(c) for c in review.table.texts(row_of(review, Span, alone=True))]
    assert i18n.type_tag(project.schema, "GPE") in cells[5] and "باريس" in cells[5]
    review.go_to(row_of(review, Event))
    review.grab().save(str(shots / "review_stale_gold2_ar.png"))
    review.go_to(row_of(review, Span, alone=True))
    review.grab().save(str(shots / "review_only_gold_ar.png"))


def test_each_action_replaces_what_the_status_bar_said(review: ReviewWindow) -> None:
    """A refusal's message went on showing after the next accept had succeeded, or after
    moving to another item (QA round 9): the reviewer read it as said of the new item."""
    paris_only_in_gold(review)
    review.go_to(row_of(review, Span, alone=True))
    QTest.keyClick(review, Qt.Key.Key_A)  # refused: only gold holds it
    assert "drop it from gold (D)" in review.statusBar().currentMessage()
    QTest.keyClick(review, Qt.Key.Key_N)  # another item: that was said of the one left
    assert review.statusBar().currentMessage() == ""
    review.go_to(row_of(review, Span, alone=True))
    QTest.keyClick(review, Qt.Key.Key_A)  # refused again
    assert "drop it from gold (D)" in review.statusBar().currentMessage()
    QTest.keyClick(review, Qt.Key.Key_D)  # succeeds, with nothing to say
    assert review.statusBar().currentMessage() == ""
    review.go_to(0)
    QTest.keyClick(review, Qt.Key.Key_D)  # refused: not an item only in gold
    assert "only in gold" in review.statusBar().currentMessage()
    assert review.accept_agreements()  # succeeds: the refusal is gone
    assert "only in gold" not in review.statusBar().currentMessage()
