"""A popup about a span (the relation types offered when a relation is completed from the
keyboard, the roles and labels of an argument) opens at the span's own start edge, in
right-to-left text at its right edge (QA: in Arabic text the relation popup sat a letter or
more off its span). The popup was anchored on Qt's caret rectangles at the span's two ends
(``cursor_rect``): beside a run of the other direction, a year or a Latin name in an Arabic
line, Qt's caret x is the neighbouring character's, so the anchor missed the span; and it
lined up with the interface's direction, not the text's, so in the English interface a popup
about Arabic text hung from the span's end.

``DocumentView.span_anchor`` gives the rectangle the span's highlight is drawn in on its first
line (the same glyph geometry) and the direction its text reads in; the popup is compared to
the highlight's geometry here, for Arabic words, a year in Arabic text and Latin text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import SEED, open_window
from ui.docview.view import DocumentView, ViewSpan
from ui.screen import popup_position
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing the keyboard"
)

TEXT = SEED.read_text(encoding="utf-8")
LATIN = (
    "The ministers met at the defence ministry in Paris on Tuesday; Jean-Yves Le Drian "
    "chaired the meeting with Ashton Carter.\n"
)
MIXED = (
    "اجتمع وزير الدفاع الفرنسي جان إيف لودريان (Jean-Yves Le Drian) بنظيره الأميركي في "
    "باريس عام 2014 لبحث الحملة الجوية.\n"
)
"""an Arabic sentence with a Latin name and a year in the middle of its line"""
ARABIC_WORDS = ("الاجتماع", "لودريان", "2014", "داعش")
LATIN_WORDS = ("Paris", "Drian", "Carter")


def drawn(view: DocumentView, start: int, end: int) -> tuple[QRect, float, bool]:
    """The span's highlight on its first line as the view paints it (viewport): the union
    of its runs there (the line's height), the x of its start edge, and whether its
    paragraph reads right to left."""
    span = ViewSpan("probe", start, end, "GPE", "#1b9e77")
    view.set_spans([*view.spans(), span])
    block = view.document().findBlock(view._to_qt(start))
    geom = next(g for g in view._block_geometry(block).geoms if g.span.uuid == "probe")
    view.set_spans([s for s in view.spans() if s.uuid != "probe"])
    assert geom.start is not None
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    runs = [(x0, x1) for line, x0, x1 in geom.runs if line == geom.start.line]
    box = block.layout().lineAt(geom.start.line)
    left, right = min(r[0] for r in runs), max(r[1] for r in runs)
    rect = QRect(
        round(origin.x() + left),
        round(origin.y() + box.y()),
        round(right - left),
        round(box.height()),  # the line's whole height: its tags' row too
    )
    return rect, origin.x() + geom.start.x, view._block_rtl(block)


@pytest.mark.parametrize(
    ("text", "word"),
    [(TEXT, w) for w in ARABIC_WORDS]
    + [(TEXT.replace("جان إيف لودريان", "Jean-Yves Le Drian", 1), "Drian")]
    + [(LATIN, w) for w in LATIN_WORDS],
)
def test_the_span_anchor_is_where_its_highlight_is_drawn(
    view: DocumentView, text: str, word: str
) -> None:
    view.set_text(text)
    start = text.index(word)
    view.scroll_to(start)
    view.viewport().repaint()
    rect, start_x, rtl = drawn(view, start, start + len(word))
    anchor, anchor_rtl = view.span_anchor(start, start + len(word))
    assert anchor_rtl == rtl == (text is not LATIN)
    assert abs(anchor.left() - rect.left()) <= 1 and abs(anchor.right() - rect.right()) <= 1
    assert anchor.top() == rect.top() and abs(anchor.height() - rect.height()) <= 1
    edge = anchor.right() + 1 if rtl else anchor.left()  # the start side
    assert abs(edge - start_x) <= 1, (anchor, start_x)


@pytest.fixture
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """A window (fitting the 800x600 offscreen screen) on the seed article, a Latin text and
    a mixed one, made in the test's interface language (``lang``: the Arabic one lays the
    window out right to left, the text on the right)."""
    if request.node.callspec.params["lang"] == "ar":
        request.getfixturevalue("arabic")
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(LATIN, name="latin")
        p.add_document(MIXED, name="mixed")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, path, size=(790, 580))
    w.move(0, 0)
    yield w
    w.session.close()


def _open(w: MainWindow, qtbot: QtBot, name: str) -> str:
    project = w.session.project
    assert project is not None
    doc = next(d for d in project.documents(with_text=True) if d.name == name)
    w.open_document(doc.id)
    qtbot.waitUntil(lambda: w.view.text() == doc.text)
    return doc.text


@pytest.mark.parametrize(
    ("name", "word", "lang"),
    [
        ("seed", "الاجتماع", "en"),  # hung from the span's end
        ("seed", "الاجتماع", "ar"),  # (right before too)
        ("seed", "2014", "ar"),  # three digits off
        ("mixed", "2014", "en"),
        ("mixed", "2014", "ar"),
        ("mixed", "Drian", "ar"),  # a few letters off
        ("latin", "Paris", "en"),
        ("latin", "Paris", "ar"),  # hung from the span's end
    ],
)
def test_a_keyboard_popup_opens_at_its_spans_start_edge(
    window: MainWindow, qtbot: QtBot, lang: str, name: str, word: str
) -> None:
    w = window
    text = _open(w, qtbot, name)
    start = text.index(word)
    end = start + len(word)
    w.view.scroll_to(start)
    w.view.viewport().repaint()
    QApplication.processEvents()
    rect, start_x, rtl = drawn(w.view, start, end)
    port = w.view.viewport()
    menu = QMenu(w)
    for item in ("Physical", "Organization affiliation", "General affiliation"):
        menu.addAction(item)
    linker = w.event_tools.linker
    linker.popup_span = (start, end)
    try:
        place = linker.popup_place(menu)
    finally:
        linker.popup_span = None
    anchor = QRect(port.mapToGlobal(rect.topLeft()), rect.size())
    screen = (w.view.screen() or menu.screen()).availableGeometry()
    size = menu.sizeHint()
    # just below the highlight, the popup's start side on the span's start edge (kept on
    # the screen): right edges lined up in right-to-left text, left edges in left-to-right
    wanted = popup_position(anchor, size, screen, rtl)
    assert (place - wanted).manhattanLength() <= 1, (place, wanted, anchor, rtl)  # (rounding)
    edge = port.mapToGlobal(QPoint(round(start_x), 0)).x()
    side = place.x() + size.width() if rtl else place.x()
    if screen.left() < place.x() and place.x() + size.width() < screen.right():
        assert abs(side - edge) <= 1, (side, edge)
    menu.deleteLater()
