"""QA round 7 on the review window: a colleague's change merged while the window is open
(gold keeping a version both annotators gave up is listed, and the window stays at its item),
an accept whose argument points at the gold span chosen earlier says so, and the Arabic
window speaks Arabic (labels, roles and types by their display names, أ/ب for the sides)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from annotator.model import GOLD, Span
from annotator.project import Project
from annotator.review import Kind
from tests.ui.conftest import pair_review, plain, review_main
from ui import i18n
from ui.review.window import ReviewWindow
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

TEXT = "اعتقل محمد علي ببغداد. وقال أحمد إن الشرطة في باريس وهاجم مسلحون فندقا."


def at(word: str, skip: int = 0) -> tuple[int, int]:
    i = TEXT.index(word)
    return i + skip, i + len(word)


def build(p: Project) -> None:
    """amal and badr: the police ORG / GPE, Baghdad بغداد / ببغداد, أحمد only amal's, the
    arrest with Person and Place on each one's Baghdad."""
    doc = p.add_document(TEXT, name="small")
    for who, police, skip in (("amal", "ORG", 1), ("badr", "GPE", 0)):
        person = p.add_span(doc.id, *at("محمد علي"), "PER", who)
        bgd = p.add_span(doc.id, *at("ببغداد", skip), "GPE", who)
        p.add_span(doc.id, *at("الشرطة"), police, who)
        p.add_span(doc.id, *at("باريس"), "GPE", who)
        trig = p.add_span(doc.id, *at("اعتقل"), "Justice.Arrest-Jail", who)
        ev = p.add_event(trig.uuid)
        p.add_argument(ev.uuid, "Person", person.uuid)
        p.add_argument(ev.uuid, "Place", bgd.uuid)
        if who == "amal":
            p.add_span(doc.id, *at("أحمد"), "PER", who)
            p.add_span(doc.id, *at("مسلحون"), "PER", who)


@pytest.fixture
def main(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    yield from review_main(qtbot, tmp_path, monkeypatch, build)


@pytest.fixture
def review(main: MainWindow, qtbot: QtBot) -> ReviewWindow:
    return pair_review(main, qtbot)


def row(window: ReviewWindow, kind: Kind, text: str = "") -> int:
    return next(
        i
        for i, it in enumerate(window.items)
        if it.kind is kind and text in plain(" ".join(window.table.texts(i)))
    )


def span(window: ReviewWindow, who: str, text: str) -> Span:
    project = window.session.project
    assert project is not None and window.doc_id is not None
    return next(s for s in project.spans(window.doc_id, who) if s.text == text)


def gold(window: ReviewWindow) -> list[tuple[str, str]]:
    project = window.session.project
    assert project is not None and window.doc_id is not None
    return sorted((s.text, s.label) for s in project.spans(window.doc_id, GOLD))


def merged(window: ReviewWindow, change: str) -> None:
    """What badr's bundle brings, written and announced as a merge is (``Session.refresh``)."""
    project = window.session.project
    assert project is not None and window.doc_id is not None
    if change == "relabel":
        project.update_span(span(window, "badr", "الشرطة").uuid, label="ORG")
    elif change == "ahmad":
        project.add_span(window.doc_id, *at("أحمد"), "PER", "badr")
    window.session.refresh(frozenset({"badr"}), "merge")


def test_a_merge_that_makes_gold_stale_lists_it_and_a_replaces_it(review: ReviewWindow) -> None:
    review.go_to(row(review, Kind.LABEL, "الشرطة"))
    QTest.keyClick(review, Qt.Key.Key_B)  # B's GPE into gold
    assert gold(review) == [("الشرطة", "GPE")]
    merged(review, "relabel")  # badr relabels it ORG, as amal has it
    stale = row(review, Kind.GOLD)
    it = review.items[stale]
    assert not it.resolved and [g.label for g in it.d.gold] == ["GPE"]
    assert plain(review.table.texts(stale)[5]) == "gold: GPE"
    review.go_to(stale)
    assert "gold differs" in review.detail.text()
    QTest.keyClick(review, Qt.Key.Key_A)
    assert gold(review) == [("الشرطة", "ORG")]
    assert not any(i.kind is Kind.GOLD for i in review.items)
    assert "replaced gold's stale one" in review.statusBar().currentMessage()
    QTest.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold(review) == [("الشرطة", "GPE")]
    assert any(i.kind is Kind.GOLD for i in review.items)


def test_a_merge_keeps_the_window_at_its_item(review: ReviewWindow) -> None:
    last = row(review, Kind.ONLY_A, "مسلحون")
    review.go_to(last)
    merged(review, "relabel")
    assert review.current == row(review, Kind.ONLY_A, "مسلحون")  # the same item
    ahmad = row(review, Kind.ONLY_A, "أحمد")
    review.go_to(ahmad)
    after = review.items[ahmad + 1]
    merged(review, "ahmad")  # the item goes: badr has أحمد now
    assert review.item() == after  # the next one


def test_accept_b_says_its_argument_points_at_the_span_chosen_earlier(
    review: ReviewWindow,
) -> None:
    review.go_to(row(review, Kind.BOUNDARY))
    QTest.keyClick(review, Qt.Key.Key_A)  # A's بغداد
    review.go_to(row(review, Kind.ARGUMENTS))
    QTest.keyClick(review, Qt.Key.Key_B)  # B's arrest, Place ببغداد
    project = review.session.project
    assert project is not None
    layer = project.layer(1, GOLD)
    places = [layer.span_by_uuid()[a.target].text for a in layer.arguments if a.role == "Place"]
    assert places == ["بغداد"]  # gold keeps one version of the mention
    message = plain(review.statusBar().currentMessage())
    assert "gold span chosen earlier" in message
    assert "“بغداد” (GPE), not “ببغداد” (GPE)" in message


def test_the_arabic_review_window_speaks_arabic(
    arabic: QApplication, review: ReviewWindow, shots: Path
) -> None:
    window = review  # (opened after the Arabic was installed)
    project = window.session.project
    assert project is not None
    english = re.compile(r"\b(event|relation|argument|Place|Person|PER|GPE|ORG|Justice)\b")
    for r in range(window.table.rowCount()):
        cells = window.table.texts(r)
        assert not english.search(" ".join(cells)), cells
    args = row(window, Kind.ARGUMENTS)
    cells = [plain(c) for c in window.table.texts(args)]
    assert cells[2].startswith("حدث ") and f"{i18n.role_display('Place')}=" in cells[2]
    assert cells[5].startswith(i18n.type_tag(project.schema, "Justice.Arrest-Jail"))
    assert "أ " in cells[5] and "ب " in cells[5]
    window.go_to(args)
    line = plain(window.detail.text())
    assert not english.search(line), line
    assert "أ (amal)" in line and "ب (badr)" in line
    # the sides are أ and ب everywhere: pane titles, table headers, kinds
    titles = [plain(lab.text()) for lab in window.columns.findChildren(QLabel)]
    assert "أ — amal" in titles and "ب — badr" in titles, titles
    items = [window.table.horizontalHeaderItem(c) for c in range(7)]
    headers = [c.text() if c is not None else "" for c in items]
    assert headers[1] == "أ" and headers[3] == "ب" and "A" not in " ".join(headers)
    only_a = window.table.texts(row(window, Kind.ONLY_A))[0]
    assert "أ" in only_a and "A" not in only_a
    window.grab().save(str(shots / "review_qa7_ar.png"))
