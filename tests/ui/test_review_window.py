"""The review window on two colleagues' layers of the seed article: walk, accept, undo."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator.commands.review import AcceptAllAgreements
from annotator.model import GOLD
from annotator.project import Project
from annotator.review import Kind, remaining
from ui.i18n import isolate
from ui.review.agreement_window import AgreementWindow
from ui.review.model import KIND_NAMES, anchor
from ui.review.window import ReviewWindow, open_review
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
PAYLOAD = '<img src="file:///etc/passwd"><a href="file:///etc">x</a><b>b</b><style>*{}</style>'


def at(word: str, skip: int = 0) -> tuple[int, int]:
    i = TEXT.index(word)
    return i + skip, i + len(word)


def build_layers(p: Project, a: str = "amal", b: str = "badr", name: str = "seed") -> int:
    """Three agreements and one disagreement of every kind between ``a`` and ``b``."""
    doc = p.add_document(TEXT, name=name)
    for who in (a, b):
        p.add_span(doc.id, *at("وهولندا", 1), "GPE", who)
        paris = p.add_span(doc.id, *at("بباريس", 1), "GPE", who)
        meet = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", who)
        event = p.add_event(meet.uuid)
        if who == a:
            p.add_argument(event.uuid, "Place", paris.uuid)  # argument mismatch
    p.add_span(doc.id, *at("الولايات المتحدة"), "GPE", a)  # label mismatch
    p.add_span(doc.id, *at("الولايات المتحدة"), "LOC", b)
    p.add_span(doc.id, *at("جان إيف لودريان"), "PER", a)  # boundary mismatch
    p.add_span(doc.id, *at("لودريان"), "PER", b)
    p.add_span(doc.id, *at("داعش"), "ORG", a)  # only in A
    p.add_span(doc.id, *at("2014"), "TIME", b)  # only in B
    return doc.id


@pytest.fixture
def main(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "review.annotator"
    with Project.create(path) as p:
        build_layers(p)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    yield w
    session.close()


@pytest.fixture
def review(main: MainWindow, qtbot: QtBot) -> ReviewWindow:
    window = open_review(main)
    window.set_annotators(["amal", "badr"])
    qtbot.waitUntil(window.isActiveWindow)
    return window


def press(
    window: ReviewWindow, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(window, key, mods)


def texts(window: ReviewWindow, row: int) -> list[str]:
    """A table row as read, without the bidi isolates around covered text."""
    return [t.replace("\u2068", "").replace("\u2069", "") for t in window.table.texts(row)]


def kinds(window: ReviewWindow) -> list[str]:
    return [window.table.texts(r)[0] for r in range(window.table.rowCount())]


def gold(window: ReviewWindow) -> list[tuple[str, str]]:
    project = window.session.project
    assert project is not None and window.doc_id is not None
    return sorted((s.text, s.label) for s in project.spans(window.doc_id, GOLD))


def row_of(window: ReviewWindow, kind: Kind) -> int:
    return next(i for i, it in enumerate(window.items) if it.kind is kind)


def test_every_kind_is_listed_and_marked_by_name(review: ReviewWindow) -> None:
    assert review.findChild(QLabel, "legend-label_mismatch") is not None
    # no attributes differ here, and gold contradicts no agreement
    listed = (k for k in Kind if k not in (Kind.AGREEMENT, Kind.ATTRIBUTES, Kind.GOLD))
    assert sorted(kinds(review)) == sorted(KIND_NAMES[k] for k in listed)
    label_row = texts(review, row_of(review, Kind.LABEL))
    assert label_row[1:5] == ["amal", "GPE: الولايات المتحدة", "badr", "LOC: الولايات المتحدة"]
    args_row = texts(review, row_of(review, Kind.ARGUMENTS))
    assert args_row[2] == "event Contact.Meet: الاجتماع [Place=باريس]"
    assert args_row[4] == "event Contact.Meet: الاجتماع"
    # each annotator's view tags its spans "label · kind", on exactly the disagreeing text
    tags_a = {(TEXT[s.start : s.end], s.label) for s in review.columns.views["amal"].spans()}
    tags_b = {(TEXT[s.start : s.end], s.label) for s in review.columns.views["badr"].spans()}
    assert ("داعش", "ORG · only A") in tags_a
    assert ("2014", "TIME · only B") in tags_b
    assert ("الولايات المتحدة", "LOC · label≠") in tags_b
    assert ("لودريان", "PER · bounds≠") in tags_b
    assert ("جان إيف لودريان", "PER · bounds≠") in tags_a
    assert ("الاجتماع", "Contact.Meet · args≠") in tags_a
    assert ("هولندا", "GPE") in tags_a and ("باريس", "GPE") in tags_b
    assert review.progress.text() == (
        "Disagreements left: 5 of 5 in this document, 5 in the project"
    )


def test_keys_walk_the_disagreements(review: ReviewWindow, qtbot: QtBot) -> None:
    assert review.current == 0
    seen = [review.current]
    for _ in range(len(review.items) - 1):
        press(review, Qt.Key.Key_N)
        seen.append(review.current)
    assert seen == list(range(len(review.items)))
    it = review.item()
    assert it is not None
    view_a, view_b = review.columns.views["amal"], review.columns.views["badr"]
    assert view_a.selected() == (anchor(it.d.a) or None)
    assert view_b.selected() == (anchor(it.d.b) or None)
    assert review.table.currentRow() == review.current
    press(review, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    press(review, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert review.current == len(review.items) - 3
    press(review, Qt.Key.Key_F3)
    assert review.current == len(review.items) - 2
    assert review.detail.text().startswith(f"{review.current + 1}/{len(review.items)} · ")
    # the keys work wherever the focus is: in a document view or in the table
    for widget in (review.columns.views["badr"], review.table):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        before = review.current
        QTest.keyClick(widget, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
        assert review.current == before - 1


def test_accept_a_b_and_all_agreements_fill_gold_and_undo(
    review: ReviewWindow, main: MainWindow, qtbot: QtBot, shots: Path
) -> None:
    stack = review.session.undo_stack
    review.go_to(row_of(review, Kind.LABEL))
    press(review, Qt.Key.Key_A)
    assert gold(review) == [("الولايات المتحدة", "GPE")]
    moved = review.item()
    assert moved is not None and not moved.resolved  # moved on to an open one
    review.go_to(row_of(review, Kind.BOUNDARY))
    press(review, Qt.Key.Key_B)
    assert gold(review) == [("الولايات المتحدة", "GPE"), ("لودريان", "PER")]
    assert stack.count() == 2
    left = "Disagreements left: 3 of 5 in this document, 3 in the project"
    assert review.progress.text() == left
    project, doc_id = review.session.project, review.doc_id
    assert project is not None and doc_id is not None
    assert remaining(project, doc_id, ["amal", "badr"]) == 3
    assert [review.table.texts(r)[6] for r in range(5)].count("resolved") == 2
    review.go_to(0)  # the first disagreement: the views show the top of the article
    review.grab().save(str(shots / "review.png"))

    press(
        review,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert stack.count() == 3  # one step for all agreements
    # the trigger الاجتماع waits with its event, on which they differ (56e8e9c)
    after_all = [
        ("الولايات المتحدة", "GPE"), ("باريس", "GPE"), ("لودريان", "PER"), ("هولندا", "GPE"),
    ]  # fmt: skip
    assert gold(review) == after_all
    assert {s.label for s in review.columns.views[GOLD].spans()} == {"GPE", "PER"}

    press(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold(review) == [("الولايات المتحدة", "GPE"), ("لودريان", "PER")]
    review.session.redo()
    assert gold(review) == after_all
    review.session.undo()
    review.session.undo()
    review.session.undo()
    assert gold(review) == []
    assert review.progress.text().startswith("Disagreements left: 5 of 5")
    # the colleagues' layers were never touched
    assert len(project.spans(doc_id, "amal")) == 6 and len(project.spans(doc_id, "badr")) == 6


def test_accept_both_and_the_event_with_its_argument(review: ReviewWindow, qtbot: QtBot) -> None:
    review.go_to(row_of(review, Kind.LABEL))
    press(review, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert gold(review) == [("الولايات المتحدة", "GPE"), ("الولايات المتحدة", "LOC")]
    review.go_to(row_of(review, Kind.ARGUMENTS))
    press(review, Qt.Key.Key_A)
    project, doc_id = review.session.project, review.doc_id
    assert project is not None and doc_id is not None
    layer = project.layer(doc_id, GOLD)
    (event,) = layer.events
    (arg,) = layer.arguments
    assert (event.type, arg.role, layer.span_by_uuid()[arg.target].text) == (
        "Contact.Meet", "Place", "باريس",
    )  # fmt: skip
    review.go_to(row_of(review, Kind.ONLY_B))
    assert not review.accept_side("a")  # A has nothing there: nothing written, no step
    assert review.session.undo_stack.count() == 2


def test_edit_gold_opens_the_gold_layer_in_the_main_window(
    review: ReviewWindow, main: MainWindow, qtbot: QtBot
) -> None:
    review.go_to(row_of(review, Kind.BOUNDARY))
    press(review, Qt.Key.Key_B)
    review.go_to(row_of(review, Kind.BOUNDARY))
    press(review, Qt.Key.Key_E)
    assert main.session.annotator == GOLD
    assert main.doc is not None and main.doc.id == review.doc_id
    span = main.own_span(main.selected_uuid)
    assert span is not None and (span.text, span.label) == ("لودريان", "PER")
    # the analyst's own name stays remembered for the next start
    assert main.settings.value("annotator") == "amal"


def test_mark_adjudicated_counts_the_rest_as_rejected(review: ReviewWindow) -> None:
    assert review.mark_done()
    assert review.progress.text().startswith("Disagreements left: 0 of 5")
    review.session.undo()
    assert review.progress.text().startswith("Disagreements left: 5 of 5")


def test_rich_text_names_are_shown_literally(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "payload.annotator"
    with Project.create(path) as p:
        build_layers(p, a=PAYLOAD, b="badr", name=PAYLOAD)
    session = Session()
    session.open_project(path)
    window = ReviewWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.document.currentText() == PAYLOAD
    assert PAYLOAD in window.chosen()
    row = window.table.texts(row_of(window, Kind.ONLY_A))
    assert row[1] == isolate(PAYLOAD)  # as written, set apart from the right-to-left cell
    titles = [lab for lab in window.columns.findChildren(QLabel) if PAYLOAD in lab.text()]
    assert titles and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in titles)
    assert PAYLOAD in window.detail.text()
    assert window.detail.textFormat() == Qt.TextFormat.PlainText
    session.close()


def test_the_review_menu_opens_the_windows_and_a_hidden_review_catches_up(
    main: MainWindow, qtbot: QtBot
) -> None:
    main.actions_by_name["review"].trigger()
    window = main.findChild(ReviewWindow)
    assert window is not None and window.isVisible()
    assert main.doc is not None and window.doc_id == main.doc.id
    assert len(window.items) == 5  # every annotator but gold is compared by default
    window.close()
    assert main.session.execute(AcceptAllAgreements(main.doc.id, ["amal", "badr"]))
    main.actions_by_name["review"].trigger()
    assert main.findChild(ReviewWindow) is window  # one review window per main window
    assert len(window.columns.views[GOLD].spans()) == 2  # the trigger waits for its event
    main.actions_by_name["agreement"].trigger()
    agreement = main.findChild(AgreementWindow)
    assert agreement is not None and agreement.isVisible()
