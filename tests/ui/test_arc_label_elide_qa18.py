"""QA 18: arc labels shortened to make room (``arcs_geometry.resolve_labels``, step 6) were cut
at their end as Latin is, so a short Arabic role (الفاعل، المكان، الزمان: a schema's roles
mostly start with the article) came out as "ال…", the article and an ellipsis, the same for
every one of them, or as "ا…". ``arcs_geometry.shortened_label`` now leaves the article (with
its proclitics: وال، بال، لل) out of a shortened Arabic label and keeps at least one letter
after it, shows a label whole when it is only a couple of pixels too wide, and cuts Latin
labels as before. Checked on the pure function (made-up widths, and Qt's own measures of the
default font and of the bundled Noto Naskh Arabic) and on the document view itself, whose
drawn labels are recorded and saved to /tmp/h3 to be looked at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPainter, QTextLayout

from ui.docview.arcs import ArcOverlay
from ui.docview.arcs_geometry import (
    ARABIC_ARTICLES,
    ELLIPSIS,
    ZWJ,
    article_length,
    least_label,
    least_label_width,
    shortened_label,
)
from ui.docview.view import DocumentView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/h3")
LABELS = ("الفاعل", "المكان", "الزمان", "بالمكان", "والمفعول", "للمستفيد", "كالأداة", "فالهدف")
"""short Arabic roles behind an article (and a proclitic)"""
ELLIPSES = (ELLIPSIS, "...")  # Qt draws "..." in a font with no "…"


def shown_letters(shown: str) -> str:
    """The letters a shortened label shows (its ellipsis and ZWJ left out)."""
    for mark in ELLIPSES:
        shown = shown.removesuffix(mark)
    return shown.replace(ZWJ, "")


def check_shortened(label: str, shown: str) -> None:
    """``shown`` is a readable shortening of ``label``: whole, or some of its letters (never
    its article alone, never none) and an ellipsis at its end (read last)."""
    if shown == label:
        return
    assert shown.endswith(ELLIPSES), (label, shown)
    kept = shown_letters(shown)
    assert kept, (label, shown)
    article = next((f for f in ARABIC_ARTICLES if label.startswith(f)), "")
    assert not article.startswith(kept), (label, shown)  # not the article, nor part of it
    skip = article_length(label)
    assert label[skip:].startswith(kept), (label, shown)  # the rest's start, joined as in it


# -- the pure function, with made-up widths (no Qt) ------------------------------------------
def fixed_advance(text: str) -> float:
    """5 pixels a letter, 10 for the ellipsis, nothing for a ZWJ or a mark."""
    return sum(10.0 if ch == ELLIPSIS else 5.0 for ch in text if ch not in (ZWJ,))


def prefix_elide(text: str, room: float) -> str:
    """``ElideRight`` as Qt does it, with ``fixed_advance``: the longest start that fits with
    the ellipsis ("" when even that does not)."""
    if fixed_advance(text) <= room:
        return text
    for n in range(len(text), -1, -1):
        if fixed_advance(text[:n] + ELLIPSIS) <= room:
            return text[:n] + ELLIPSIS if n else ""
    return ""


@pytest.mark.parametrize("label", LABELS)
def test_no_room_shortens_to_the_article(label: str) -> None:
    whole = fixed_advance(label)
    for room in range(0, int(whole) + 10):
        shown = shortened_label(label, float(room), fixed_advance, prefix_elide)
        check_shortened(label, shown)
        if room >= whole:
            assert shown == label


def test_the_article_is_left_out_and_the_stem_shown() -> None:
    shown = [shortened_label(x, 20.0, fixed_advance, prefix_elide) for x in LABELS[:3]]
    # two letters of the rest each: the three labels read apart (ElideRight gave ال… thrice)
    assert shown == ["فا" + ELLIPSIS, "مك" + ZWJ + ELLIPSIS, "زم" + ZWJ + ELLIPSIS]
    assert prefix_elide("الفاعل", 20.0) == "ال" + ELLIPSIS  # (what it was before)


def test_a_couple_of_pixels_too_wide_shows_whole() -> None:
    whole = fixed_advance("الفاعل")
    assert shortened_label("الفاعل", whole - 2, fixed_advance, prefix_elide) == "الفاعل"
    assert shortened_label("الفاعل", whole - 6, fixed_advance, prefix_elide) != "الفاعل"


def test_least_keeps_one_letter_past_the_article_with_its_joining() -> None:
    assert least_label("الفاعل") == "ف" + ZWJ + ELLIPSIS  # ف joins ا in the word
    assert least_label("الزمان") == "ز" + ELLIPSIS  # ز joins nothing after it
    assert least_label("بالمكان") == "م" + ZWJ + ELLIPSIS
    # too little after the article to leave it out: kept, and a letter after it
    assert least_label("الجو") == "الج" + ZWJ + ELLIPSIS
    assert article_length("والد") == 0 and article_length("والدة") == 0
    assert article_length("الفاعل") == 2 and article_length("وللمستفيد") == 3
    # the box of the shortest form has room for it
    assert least_label_width("الفاعل", fixed_advance) >= fixed_advance("ف" + ELLIPSIS)


def test_latin_labels_are_cut_as_before() -> None:
    for room in range(0, 40):
        assert shortened_label("Agent", float(room), fixed_advance, prefix_elide) == (
            prefix_elide("Agent", float(room))
        )
    assert least_label_width("Agent", fixed_advance) == 0.0


# -- the pure function with Qt's measures (the default font, the bundled Arabic one) ---------
@pytest.fixture(params=["default", "Noto Naskh Arabic"])
def font(request: pytest.FixtureRequest) -> Iterator[QFont]:
    """The arc labels' font (``ArcOverlay.font_``: the default at 10 pixels) or the bundled
    Arabic one at that size (loaded for the test only: once loaded, Qt takes it for every
    Arabic text, and the other tests' lines change height)."""
    font, fid = QFont(), -1
    if request.param != "default":
        fid = QFontDatabase.addApplicationFont(
            str(ROOT / "resources" / "fonts" / "NotoNaskhArabic-Regular.ttf")
        )
        assert fid >= 0
        font = QFont(request.param)
    font.setPixelSize(10)
    yield font
    if fid >= 0:
        assert QFontDatabase.removeApplicationFont(fid)


def qt_elide(fm: QFontMetricsF) -> Callable[[str, float], str]:
    return lambda text, room: fm.elidedText(text, Qt.TextElideMode.ElideRight, room)


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("label", LABELS)
def test_qt_widths_never_give_the_article_alone(font: QFont, label: str) -> None:
    metrics = QFontMetricsF(font)
    elide = qt_elide(metrics)
    whole = metrics.horizontalAdvance(label)
    for tenth in range(0, int(whole * 10) + 40, 5):
        shown = shortened_label(label, tenth / 10, metrics.horizontalAdvance, elide)
        check_shortened(label, shown)
    # what ElideRight alone gave at some width: the article (or its first letter) alone
    if label in LABELS[:3]:
        before = {shown_letters(elide(label, t / 10)) for t in range(0, int(whole * 10), 5)}
        assert before & {"ال", "ا"}, (label, before)


def glyphs(text: str, font: QFont) -> set[int]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {g for run in layout.glyphRuns() for g in run.glyphIndexes()}


@pytest.mark.usefixtures("qtbot")
def test_the_letter_before_the_ellipsis_keeps_its_form(font: QFont) -> None:
    """ف before the ellipsis is drawn joined to the letter after it, as it opens فاعل (the
    rest of الفاعل), not as an isolated ف."""
    shown = shortened_label(
        "الفاعل", 8.0, QFontMetricsF(font).horizontalAdvance, qt_elide(QFontMetricsF(font))
    )
    assert shown_letters(shown) == "ف", shown
    isolated = glyphs("ف", font)
    joined = glyphs("ف" + ZWJ, font) - glyphs(ZWJ, font)
    assert joined and joined != isolated
    assert joined <= glyphs("فاعل", font)  # the ف that opens the rest, as it opens فاعل
    assert joined <= glyphs(shown, font) and not isolated & glyphs(shown, font)


# -- the document view ---------------------------------------------------------------------
ROLES = {
    "المكان": "المكان", "الأداة": "الفاعل", "المشارك": "الزمان", "الكيان": "الفاعل",
    "الموضوع": "بالمكان", "الطريقة": "للمستفيد",
}  # fmt: skip
"""the crowded scene of ``test_docview_arc_labels_zoom`` (its labels shortened at zoom 10),
its roles renamed to the short ones of the task"""


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text a painter draws with ``drawText`` while the test runs (the arc labels are)."""
    texts: list[str] = []
    original = QPainter.drawText

    def recording(self: QPainter, *args: object) -> None:
        texts.extend(a for a in args if isinstance(a, str))
        original(self, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(QPainter, "drawText", recording)
    yield texts


@pytest.mark.parametrize(("zoom", "width"), [(9, 800), (8, 800), (9, 760)])
def test_the_view_never_shows_the_article_alone(
    view: DocumentView, seed_text: str, drawn: list[str], zoom: int, width: int
) -> None:
    from tests.ui.test_docview_arc_labels_zoom import scene

    view.resize(width, 600)
    view.set_text(seed_text)
    spans, links = scene(seed_text)
    links = [link._replace(label=ROLES.get(link.label, link.label)) for link in links]
    view.set_spans(spans)
    view.set_zoom(zoom)
    overlay = ArcOverlay(view)
    overlay.set_links(links, {s.uuid: (s.start, s.end) for s in spans})
    drawn.clear()
    view.viewport().repaint()
    view.top_band().repaint()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(SHOTS / f"arc_labels_zoom{zoom}_w{width}.png"))
    labels = {link.label for link in links}
    short = {t for t in drawn if t.endswith(ELLIPSES) and t not in labels}
    assert short, drawn  # the scene is crowded enough to shorten labels
    for text in short:
        kept = shown_letters(text)
        found = [x for x in labels if x[article_length(x) :].startswith(kept)]
        assert found, (text, labels)
        for label in found:
            check_shortened(label, text)
    for shape in overlay.shapes():  # a shortened label still names itself in full
        if not shape.label_rect.isEmpty() and overlay.shortened_label_at(shape.label_rect.center()):
            assert overlay.shortened_label_at(shape.label_rect.center()) == shape.link.label
