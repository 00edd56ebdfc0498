"""What the view draws: RTL placement, highlights that keep glyphs joined, marks, screenshots.

Screenshots go to /tmp/annotator_shots for a person to look at (joined Arabic, right to left,
tints on the right letters, readable tags).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot

from ui.docview.view import DocumentView, ViewSpan


def grab(view: DocumentView) -> QImage:
    view.repaint()
    return view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def dark_mask(image: QImage, rect: QRect, threshold: int = 120) -> set[tuple[int, int]]:
    """Pixels inside ``rect`` darker than ``threshold`` (glyph ink, not light tints)."""
    found = set()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            if QColor(image.pixel(x, y)).lightness() < threshold:
                found.add((x, y))
    return found


def test_arabic_paragraph_starts_at_the_right_edge(
    view: DocumentView, shots: Path, qtbot: QtBot
) -> None:
    view.set_text("بدأ الاجتماع في باريس")
    image = grab(view)
    image.save(str(shots / "rtl_short_paragraph.png"))
    line = QRect(0, 0, image.width(), view.cursor_rect(0).bottom())
    columns = sorted({x for x, _ in dark_mask(image, line)})
    assert columns, "no text drawn"
    assert columns[-1] > image.width() - 40  # text hugs the right edge
    assert columns[0] > image.width() / 2  # and a short line does not reach the left half
    assert view.cursor_rect(0).x() > columns[-1] - 10  # the first character is the rightmost


def test_digit_first_paragraph_is_rtl(view: DocumentView) -> None:
    view.set_text("2014 كان عاما صعبا\nThe year 2014 was hard")
    width = view.viewport().width()
    assert view.cursor_rect(0).x() > width / 2
    second = view.text().index("The")
    assert view.cursor_rect(second).x() < width / 2


def test_highlight_keeps_glyphs_identical(
    view: DocumentView, seed_text: str, shots: Path, qtbot: QtBot
) -> None:
    """A tint over part of a word (ب|باريس) leaves the glyph ink pixel for pixel the same."""
    view.set_text(seed_text)
    plain = grab(view)
    paris = seed_text.index("بباريس")
    cursor = view.cursor_rect(paris)
    end = view.cursor_rect(paris + 6)
    fm = QFontMetricsF(view.font())
    # the glyph band of the line, clear of the bracket ticks and of the underline rows
    band = QRect(
        end.x() - 2,
        int(cursor.top() + 3),
        cursor.x() - end.x() + 4,
        int(fm.ascent() + fm.descent() * 0.3) - 3,
    )
    view.set_spans([ViewSpan("p", paris + 1, paris + 6, "GPE", "#ffe119")])
    tinted = grab(view)
    tinted.save(str(shots / "partial_word_highlight.png"))
    edges = {view.cursor_rect(paris + 1).x(), end.x()}

    def ink(image: QImage, threshold: int) -> set[tuple[int, int]]:
        return {
            p for p in dark_mask(image, band, threshold) if all(abs(p[0] - x) > 3 for x in edges)
        }

    # glyph cores in one image are ink in the other: same shapes, same joining; only the
    # anti-aliased rims may blend differently over the tint
    assert len(ink(plain, 60)) > 40
    assert ink(plain, 60) <= ink(tinted, 140)
    assert ink(tinted, 60) <= ink(plain, 140)
    # the tint really is there, on the right letters: lighter than white is impossible
    inside = view.cursor_rect(paris + 3)
    assert QColor(tinted.pixel(inside.x(), inside.top() + 2)) != QColor(
        plain.pixel(inside.x(), inside.top() + 2)
    )


def test_marks_show_nesting_and_read_only_layers(
    view: DocumentView, seed_text: str, shots: Path
) -> None:
    view.set_text(seed_text)
    outer = seed_text.index("مقر وزارة الدفاع بباريس")
    org = seed_text.index("وزارة الدفاع")
    quote = seed_text.index('"داعش"')
    year = seed_text.index("عام 2014")
    spans = [
        ViewSpan("fac", outer, outer + 23, "FAC", "#f032e6", "ali", read_only=True),
        ViewSpan("org", org, org + 12, "ORG", "#4363d8"),
        ViewSpan("def", org + 6, org + 12, "ORG", "#f58231"),
        ViewSpan("gpe", outer + 18, outer + 23, "GPE", "#3cb44b"),
        ViewSpan("q", quote, quote + 6, "ORG", "#911eb4"),
        ViewSpan("q2", quote + 1, quote + 5, "ORG", "#911eb4"),
        ViewSpan("y", year, year + 8, "DATE", "#42d4f4"),
    ]
    view.set_spans(spans)
    view.set_selected("org")
    image = grab(view)
    image.save(str(shots / "seed_spans.png"))
    blank = QImage(image)
    view.set_spans([])
    no_marks = grab(view)
    # underline rows of three nested spans: three distinct coloured rows under وزارة الدفاع
    x = view.cursor_rect(org + 8).x()
    rows = [
        y
        for y in range(view.cursor_rect(org).center().y(), view.cursor_rect(org).bottom() + 20)
        if QColor(blank.pixel(x, y)) != QColor(no_marks.pixel(x, y))
        and QColor(blank.pixel(x, y)).saturation() > 80
    ]
    assert len(rows) >= 3
    view.set_zoom(22)
    view.set_spans(spans)
    grab(view).save(str(shots / "seed_spans_zoomed.png"))


def test_invisible_characters_can_be_shown(view: DocumentView, shots: Path) -> None:
    view.set_text("قال \u200fمحمد\u200d و\u202bABC\u202c في عام 2014")
    hidden = grab(view)
    view.set_show_invisibles(True)
    shown = grab(view)
    shown.save(str(shots / "invisibles.png"))
    magenta = [
        (x, y)
        for y in range(0, 60)
        for x in range(shown.width())
        if QColor(shown.pixel(x, y)).red() > 150 and QColor(shown.pixel(x, y)).green() < 80
    ]
    assert magenta and hidden != shown
    view.set_show_invisibles(False)
    assert grab(view) == hidden
