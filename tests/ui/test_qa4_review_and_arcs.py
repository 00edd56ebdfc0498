"""QA round 4 (Arabic interface): the review marks what is true of a span and shows a relation's
disagreement on the relation; the review and agreement windows fit their screen; role labels
keep off the label tags and the selection outlines.

5. amal and badr both tag التحالف ORG, with different relations from it: the span agrees (its
   tag said "only A" / "only B"), the relations are "relation only in A / B" (on their arc and
   in the table).
6. The review window opened at 1500x950 on a 1366x768 laptop.
7. The Place arc's label ran over the ORG tag of the line above, the Target label under the
   dashed outline of its argument.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.review import Kind
from tests.ui.conftest import open_window
from ui import i18n
from ui.docview.arcs import ArcOverlay
from ui.docview.arcs_geometry import polyline_hits
from ui.docview.colors import mark_color
from ui.review.agreement_window import AgreementWindow
from ui.review.model import KIND_COLORS, item_kind_name
from ui.review.window import ReviewWindow, open_review
from ui.screen import fit_to_screen
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ALLIANCE_1 = (745, 752)  # التحالف الدولي
ALLIANCE_2 = (846, 853)  # التحالف العربي
STRIKES = (910, 915)  # ضربات
SYRIA = (926, 931)  # سورية
IRAQ = (933, 939)  # العراق
LAPTOP = QSize(1366, 768)


def app() -> QApplication:
    found = QApplication.instance()
    assert isinstance(found, QApplication)
    return found


@pytest.fixture
def arabic() -> Iterator[None]:
    assert i18n.install_translator(app(), "ar") == "ar"
    yield
    i18n.install_translator(app(), "en")


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("QA_SHOTS", str(tmp_path)))


def _qa_case(path: Path) -> None:
    """The tester's case: both annotators tag ضربات an attack on سورية (amal: Place, badr:
    Attacker) and التحالف ORG, with a different relation from it to سورية."""
    assert TEXT[slice(*ALLIANCE_2)] == "التحالف" and TEXT[slice(*SYRIA)] == "سورية"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="000_3626081446f7037e")
        for who, role, rtype in (("amal", "Place", "PART-WHOLE"), ("badr", "Attacker", "ORG-AFF")):
            trigger = p.add_span(doc.id, *STRIKES, "Conflict.Attack", annotator=who)
            event = p.add_event(trigger.uuid)
            syria = p.add_span(doc.id, *SYRIA, "GPE", annotator=who)
            p.add_argument(event.uuid, role, syria.uuid)
            alliance = p.add_span(doc.id, *ALLIANCE_2, "ORG", annotator=who)
            p.add_relation(rtype, alliance.uuid, syria.uuid)


@pytest.fixture
def review(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReviewWindow]:
    path = tmp_path / "p.annotator"
    _qa_case(path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, path)
    window = open_review(w)
    window.set_annotators(["amal", "badr"])
    yield window
    window.close()
    w.session.close()


# -- 5. an agreeing span is not "only in A" --------------------------------------------------
def test_a_span_both_hold_is_marked_agreed_and_the_relation_carries_its_disagreement(
    review: ReviewWindow, qtbot: QtBot, shots: Path
) -> None:
    alliance = TEXT[slice(*ALLIANCE_2)]
    for name in ("amal", "badr"):
        tags = {(TEXT[s.start : s.end], s.label) for s in review.columns.views[name].spans()}
        assert (alliance, "ORG") in tags, tags
        assert not any("only" in label for _text, label in tags)
    arcs = {
        name: {(x.label, x.color) for x in review.columns.arcs[name].links()}
        for name in ("amal", "badr")
    }
    assert arcs["amal"] == {("PART-WHOLE · relation only A", KIND_COLORS[Kind.ONLY_A])}
    assert arcs["badr"] == {("ORG-AFF · relation only B", KIND_COLORS[Kind.ONLY_B])}
    kinds = [review.table.texts(r)[0] for r in range(review.table.rowCount())]
    assert sorted(kinds) == ["argument mismatch", "relation only in A", "relation only in B"]
    relation_row = kinds.index("relation only in A")
    review.go_to(relation_row)
    assert "relation only in A" in review.detail.text()
    assert [item_kind_name(it) for it in review.items] == kinds
    review.grab().save(str(shots / "qa4_review_relation.png"))


def test_the_review_in_arabic_says_relation_only_in_a(
    arabic: None, review: ReviewWindow, qtbot: QtBot, shots: Path
) -> None:
    review.refresh()
    kinds = [review.table.texts(r)[0] for r in range(review.table.rowCount())]
    only_a = QApplication.translate("ReviewKind", "only in A")
    assert only_a not in kinds  # (the span-level name is not used for a relation)
    assert QApplication.translate("ReviewKind", "argument mismatch") in kinds
    assert review.minimumSizeHint().width() <= LAPTOP.width() - 16
    review.resize(1366, 700)
    qtbot.wait(50)
    review.go_to(kinds.index(QApplication.translate("ReviewKind", "relation only in A")))
    qtbot.wait(50)
    review.grab().save(str(shots / "qa4_review_relation_ar.png"))


# -- 6. the windows fit their screen ---------------------------------------------------------
def test_the_review_and_agreement_windows_fit_the_screen_they_open_on(
    review: ReviewWindow,
) -> None:
    parent = review.parentWidget()
    assert parent is not None
    screen = parent.window().screen()
    room = screen.availableGeometry()  # the offscreen screen: 800x800
    assert room.width() < 1500 and room.height() < 950
    assert review.height() <= room.height()
    # as wide as the screen, or as the legend's one row needs (less than a 1366 laptop)
    least = review.minimumSizeHint().width()
    assert least <= LAPTOP.width() - 16
    assert review.width() <= max(room.width(), least)
    agreement = AgreementWindow(review.session, parent)
    try:
        assert agreement.width() <= room.width() and agreement.height() <= room.height()
    finally:
        agreement.deleteLater()


def test_fit_to_screen_keeps_a_size_that_fits(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    fit_to_screen(widget, QSize(300, 200))
    assert widget.size() == QSize(300, 200)
    fit_to_screen(widget, QSize(100_000, 100_000))
    room = widget.screen().availableGeometry()
    assert widget.width() <= room.width() and widget.height() <= room.height()


# -- 7. role labels keep off the tags and the outlines ---------------------------------------
@pytest.fixture
def attack(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The tester's screen: ضربات attacks سورية (Place) and التحالف (Target), with ORG on both
    التحالف and GPE on سورية and العراق; the trigger selected."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="000_3626081446f7037e")
        trigger = p.add_span(doc.id, *STRIKES, "Conflict.Attack", annotator="amal")
        event = p.add_event(trigger.uuid)
        target = p.add_span(doc.id, *ALLIANCE_1, "ORG", annotator="amal")
        p.add_span(doc.id, *ALLIANCE_2, "ORG", annotator="amal")
        syria = p.add_span(doc.id, *SYRIA, "GPE", annotator="amal")
        p.add_span(doc.id, *IRAQ, "GPE", annotator="amal")
        p.add_argument(event.uuid, "Place", syria.uuid)
        p.add_argument(event.uuid, "Target", target.uuid)
        trigger_uuid = trigger.uuid
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    assert i18n.install_translator(app(), "ar") == "ar"
    w = open_window(qtbot, tmp_path, path, size=(1366, 768))
    w.selection.select_span(trigger_uuid)
    w.view.scroll_to(ALLIANCE_1[0])
    qtbot.wait(50)
    yield w
    w.session.close()
    i18n.install_translator(app(), "en")


def _tag_rects(w: MainWindow) -> list[QRectF]:
    out = []
    for point, pixmap in w.view.visible_tags():
        ratio = pixmap.devicePixelRatio() or 1.0
        out.append(QRectF(point, pixmap.size().toSizeF() / ratio))
    return out


def test_role_labels_cover_no_tag_and_no_argument_outline(
    attack: MainWindow, qtbot: QtBot, shots: Path
) -> None:
    w = attack
    overlay = w.findChild(ArcOverlay)
    assert overlay is not None
    shapes = overlay.shapes()
    assert len(shapes) == 2 and all(not s.label_rect.isEmpty() for s in shapes)
    tags = _tag_rects(w)
    assert len(tags) >= 5
    anchors = overlay.anchors()
    w.grab().save(str(shots / "qa4_arcs.png"))
    for shape in shapes:
        for tag in tags:
            assert not shape.label_rect.intersects(tag), (shape.link.label, shape.label_rect, tag)
        outline = anchors[shape.link.target].rect().adjusted(-2, -2, 2, 2)
        assert not shape.label_rect.intersects(outline), (shape.link.label, outline)


def test_the_selected_event_s_lines_pass_under_the_tags_not_through_their_text(
    attack: MainWindow,
) -> None:
    """The Place arc's lane runs through the tag row of the line above (the ORG tag of the
    second التحالف): the tag lies over the line, no pixel of the line shows inside it."""
    w = attack
    overlay = w.findChild(ArcOverlay)
    assert overlay is not None
    image = w.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    crossed = 0
    for shape in overlay.shapes():
        assert shape.emphasised
        line = mark_color(shape.link.color)
        path = shape.path
        points = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
        for tag in _tag_rects(w):
            inner = tag.adjusted(3, 3, -3, -3)
            box = (inner.left(), inner.top(), inner.right(), inner.bottom())
            if not polyline_hits(points, box):
                continue
            crossed += 1
            for _x, y in points:
                if not inner.contains(QPointF(inner.center().x(), y)):
                    continue
                for px in range(int(inner.left()), int(inner.right())):
                    pixel = image.pixelColor(int(px * ratio), int(y * ratio))
                    assert pixel.rgb() != line.rgb(), (shape.link.label, px, y)
    assert crossed  # (the test case has a lane through a tag)
