"""DocumentView behaviour: selections in code points, snapping, clitics, keys, spans, zoom."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.docview.view import DocumentView, ViewSpan

NO_MOD = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def caret_point(view: DocumentView, pos: int) -> QPoint:
    """A viewport point Qt's hit test maps to the caret position ``pos`` (BMP text only).

    Qt's hit test is biased by a pixel or two against ``cursorRect`` in RTL lines, so search
    near the caret like a user moving the mouse until the caret sits where they want it.
    """
    rect = view.cursor_rect(pos)
    for dx in (0, 1, -1, 2, -2, 3, -3, 4, -4):
        point = QPoint(rect.x() + dx, rect.center().y())
        if view.cursorForPosition(point).position() == pos:
            return point
    raise AssertionError(f"no point maps to position {pos}")


def char_point(view: DocumentView, pos: int) -> QPoint:
    """Viewport point in the middle of the character at ``pos`` (RTL or LTR)."""
    a, b = view.cursor_rect(pos), view.cursor_rect(pos + 1)
    if a.y() != b.y():  # the next position wraps to another line
        return QPoint(a.x() - 3, a.center().y())
    return QPoint((a.x() + b.x()) // 2, a.center().y())


def drag(
    qtbot: QtBot, view: DocumentView, start: QPoint, end: QPoint, mods: Qt.KeyboardModifier = NO_MOD
) -> None:
    port = view.viewport()
    QTest.mousePress(port, LEFT, mods, start)
    QTest.mouseMove(port, (start + end) / 2)
    QTest.mouseMove(port, end)
    QTest.mouseRelease(port, LEFT, mods, end)


def selected(view: DocumentView) -> str:
    start, end = view.selection()
    return view.text()[start:end]


def test_drag_over_part_of_a_word_snaps_to_the_whole_word(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    start = seed_text.index("الاجتماع")
    drag(qtbot, seed_view, char_point(seed_view, start + 2), char_point(seed_view, start + 5))
    assert seed_view.selection() == (start, start + len("الاجتماع"))
    assert selected(seed_view) == "الاجتماع"
    # the view shows what will be annotated: Qt's own selection was snapped on release
    assert seed_view.textCursor().selectedText() == "الاجتماع"


def test_drag_across_two_words_and_alt_drag_is_exact(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    start = seed_text.index("هذا الاجتماع")
    drag(qtbot, seed_view, char_point(seed_view, start + 1), char_point(seed_view, start + 7))
    assert selected(seed_view) == "هذا الاجتماع"
    alt = Qt.KeyboardModifier.AltModifier
    drag(
        qtbot, seed_view, caret_point(seed_view, start + 1), caret_point(seed_view, start + 9), alt
    )
    assert seed_view.selection() == (start + 1, start + 9)
    seed_view.set_snap(False)
    drag(qtbot, seed_view, caret_point(seed_view, start + 2), caret_point(seed_view, start + 8))
    assert seed_view.selection() == (start + 2, start + 8)


def test_drag_selection_emits_code_points_once_released(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    start = seed_text.index("وزارة الدفاع")
    seen: list[tuple[int, int]] = []
    seed_view.selectionChangedCp.connect(lambda a, b: seen.append((a, b)))
    drag(qtbot, seed_view, char_point(seed_view, start), char_point(seed_view, start + 8))
    assert seen[-1] == (start, start + len("وزارة الدفاع"))
    assert all(a <= b for a, b in seen)


def test_double_click_and_trim_proclitic_give_holland(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    start = seed_text.index("وهولندا")
    QTest.mouseDClick(seed_view.viewport(), LEFT, NO_MOD, char_point(seed_view, start + 3))
    assert selected(seed_view) == "وهولندا"
    assert seed_view.trim_proclitic() == (start + 1, start + len("وهولندا"))
    assert selected(seed_view) == "هولندا"
    assert seed_view.restore_proclitic() == (start, start + len("وهولندا"))


def test_paris_inside_bparis(seed_view: DocumentView, seed_text: str, qtbot: QtBot) -> None:
    start = seed_text.index("بباريس")
    QTest.mouseDClick(seed_view.viewport(), LEFT, NO_MOD, char_point(seed_view, start + 2))
    assert selected(seed_view) == "بباريس"
    seed_view.trim_proclitic()
    assert selected(seed_view) == "باريس"
    assert seed_view.selection() == (start + 1, start + 6)
    seed_view.restore_proclitic()
    assert selected(seed_view) == "بباريس"


def test_keyboard_selection_snaps_and_goes_in_reading_order(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    start = seed_text.index("الاجتماع")
    seed_view.select(start, start)
    for _ in range(3):  # Shift+Left in an RTL paragraph takes the next letters
        QTest.keyClick(seed_view, Qt.Key.Key_Left, SHIFT)
    assert selected(seed_view) == "الاجتماع"
    seed_view.set_snap(False)
    assert seed_view.selection() == (start, start + 3)
    QTest.keyClick(seed_view, Qt.Key.Key_Right, SHIFT)  # gives one back
    assert seed_view.selection() == (start, start + 2)


def test_ctrl_shift_arrow_selects_by_word(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    start = seed_text.index("وهولندا")
    seed_view.select(start, start)
    QTest.keyClick(seed_view, Qt.Key.Key_Left, SHIFT | CTRL)
    assert selected(seed_view) == "وهولندا"
    seed_view.trim_proclitic()
    assert selected(seed_view) == "هولندا"
    second = seed_text.index("وزراء دفاع")
    seed_view.select(second, second)
    QTest.keyClick(seed_view, Qt.Key.Key_Left, SHIFT | CTRL)
    QTest.keyClick(seed_view, Qt.Key.Key_Left, SHIFT | CTRL)
    assert selected(seed_view) == "وزراء دفاع"
    QTest.keyClick(seed_view, Qt.Key.Key_Right, SHIFT | CTRL)
    assert selected(seed_view) == "وزراء"


def test_arrows_move_visually_and_shift_arrows_extend_logically(
    view: DocumentView, qtbot: QtBot
) -> None:
    text = "في عام 2014 قال"
    view.set_text(text)
    two = text.index("2014")
    view.select(two + 2, two + 2)  # between 0 and 1 of 2014, inside an LTR run
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.selection() == (two + 1, two + 1)  # visual: towards the 2 on screen
    view.select(two + 2, two + 2)
    QTest.keyClick(view, Qt.Key.Key_Left, SHIFT)
    view.set_snap(False)
    assert view.selection() == (two + 2, two + 3)  # logical: the next character, the 1
    view.select(0, 0)
    QTest.keyClick(view, Qt.Key.Key_Left)  # pure Arabic: left on screen is forward
    assert view.selection() == (1, 1)


def test_ltr_paragraph_mirrors_shift_arrows(view: DocumentView, qtbot: QtBot) -> None:
    view.set_text("Paris and Lyon")
    view.set_snap(False)
    view.select(0, 0)
    QTest.keyClick(view, Qt.Key.Key_Right, SHIFT)
    QTest.keyClick(view, Qt.Key.Key_Right, SHIFT)
    assert view.selection() == (0, 2)
    view.set_snap(True)
    assert selected(view) == "Paris"


def nested_spans(text: str) -> list[ViewSpan]:
    outer = text.index("مقر وزارة الدفاع بباريس")
    inner = text.index("وزارة الدفاع")
    return [
        ViewSpan("outer", outer, outer + len("مقر وزارة الدفاع بباريس"), "FAC", "#f032e6"),
        ViewSpan("org", inner, inner + len("وزارة الدفاع"), "ORG", "#4363d8"),
        ViewSpan("def", inner + 6, inner + len("وزارة الدفاع"), "ORG", "#f58231", "ali", True),
    ]


def test_spans_at_innermost_first_and_levels_differ(
    seed_view: DocumentView, seed_text: str
) -> None:
    seed_view.set_spans(nested_spans(seed_text))
    inner = seed_text.index("الدفاع")
    assert seed_view.spans_at(inner) == ["def", "org", "outer"]
    assert seed_view.spans_at(seed_text.index("مقر")) == ["outer"]
    assert seed_view.spans_at(0) == []
    levels = {seed_view.level_of(u) for u in ("outer", "org", "def")}
    assert levels == {0, 1, 2}


def test_click_selects_span_and_repeated_clicks_cycle(
    seed_view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    seed_view.set_spans(nested_spans(seed_text))
    clicked: list[str] = []
    seed_view.spanClicked.connect(clicked.append)
    point = char_point(seed_view, seed_text.index("الدفاع") + 2)
    for _ in range(4):
        QTest.mouseClick(seed_view.viewport(), LEFT, NO_MOD, point)
    assert clicked == ["def", "org", "outer", "def"]
    assert seed_view.selected() == "def"
    QTest.mouseClick(seed_view.viewport(), LEFT, NO_MOD, char_point(seed_view, 2))
    assert clicked[-1] == "" and seed_view.selected() is None


def test_incremental_span_edits(seed_view: DocumentView, seed_text: str) -> None:
    seed_view.set_spans(nested_spans(seed_text))
    paris = seed_text.index("باريس")
    seed_view.add_span(ViewSpan("paris", paris, paris + 5, "GPE", "#3cb44b"))
    assert seed_view.spans_at(paris) == ["paris", "outer"]
    seed_view.update_span(ViewSpan("paris", paris - 1, paris + 5, "LOC", "#3cb44b"))
    assert seed_view.spans_at(paris - 1) == ["paris", "outer"]
    seed_view.set_selected("paris")
    seed_view.remove_span("paris")
    assert seed_view.spans_at(paris) == ["outer"] and seed_view.selected() is None
    seed_view.remove_span("org")
    assert {seed_view.level_of("outer"), seed_view.level_of("def")} == {0, 1}
    assert [s.uuid for s in seed_view.spans()] == ["outer", "def"]


def test_tooltip_lists_labels_and_text(seed_view: DocumentView, seed_text: str) -> None:
    seed_view.set_spans(nested_spans(seed_text))
    html = seed_view.tooltip_html(char_point(seed_view, seed_text.index("الدفاع") + 1))
    assert "ORG (ali): الدفاع" in html and "FAC: مقر وزارة الدفاع بباريس" in html
    assert seed_view.tooltip_html(char_point(seed_view, 1)) == ""


def test_zoom_keys_wheel_and_minimum(view: DocumentView, qtbot: QtBot) -> None:
    view.set_text("نص")
    sizes: list[int] = []
    view.zoomChanged.connect(sizes.append)
    base = view.zoom()
    QTest.keyClick(view, Qt.Key.Key_Equal, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert sizes == [base + 1, base]
    wheel = QWheelEvent(
        QPointF(10, 10), QPointF(10, 10), QPoint(0, 0), QPoint(0, 240),
        Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == base + 2
    assert view.font().pointSize() == base + 2
    for _ in range(40):
        QTest.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.zoom() == DocumentView.MIN_POINT_SIZE


def test_direction_override(view: DocumentView) -> None:
    view.set_text("مرحبا بكم")
    width = view.viewport().width()
    assert view.cursor_rect(0).x() > width * 0.8
    view.set_direction("ltr")
    assert view.cursor_rect(0).x() < width * 0.2
    view.set_text("Hello")
    view.set_direction("rtl")
    assert view.cursor_rect(0).x() > width * 0.8
    view.set_direction("auto")
    assert view.cursor_rect(0).x() < width * 0.2


def test_rejects_carriage_returns_and_bad_direction(view: DocumentView) -> None:
    try:
        view.set_text("a\r\nb")
    except ValueError as exc:
        assert "LF" in str(exc)
    else:
        raise AssertionError("CRLF text was accepted")
    try:
        view.set_direction("up")  # type: ignore[arg-type]
    except ValueError:
        pass
    else:
        raise AssertionError("bad direction accepted")


def test_scroll_to_brings_offset_into_view(view: DocumentView, seed_text: str) -> None:
    text = (seed_text + "\n") * 30
    view.set_text(text)
    target = len(text) - 200
    view.scroll_to(target)
    assert view.verticalScrollBar().value() > 0
    rect = view.cursor_rect(target)
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height()


ALPHABET = st.sampled_from(
    list(string.ascii_letters[:6] + "  \n.,\"'")
    + list("بباريسوهولنداالاجتماع")
    + ["\u064e", "\u0650", "\u0651", "\u0652", "\u064b"]  # harakat
    + ["\u0640", "\u0301", "\u200d", "\u200c", "\u200f", "\u202b", "\u202c", "\u2067", "\u2069"]
    + ["😀", "𝐀", "🇸", "🇦", "٢", "٠", "1", "9"]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(ALPHABET, min_size=1, max_size=60), data=st.data())
def test_select_round_trips_code_points(view: DocumentView, text: str, data: st.DataObject) -> None:
    view.set_snap(False)
    view.set_text(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    view.select(start, end)
    assert view.selection() == (start, end)
    shown = view.textCursor().selectedText().replace("\u2029", "\n")
    assert shown == text[start:end]
    assert view.text() == text
