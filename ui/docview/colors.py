"""Colours derived from a label's hex colour: background tints, mark colours, tag text.

Highlights only ever change colours (never font, weight or size) so Arabic letters stay joined;
these helpers keep the tints light enough for the text to stay readable and pick a readable
text colour for label tags (WCAG relative luminance).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor

FALLBACK = "#808080"
TINT_ALPHA = 0.30
READ_ONLY_TINT_ALPHA = 0.14


def label_color(hex_color: str) -> QColor:
    """The label's colour, opaque; an invalid colour string falls back to grey."""
    color = QColor(hex_color)
    if not color.isValid():
        color = QColor(FALLBACK)
    color.setAlpha(255)
    return color


def tint(hex_color: str, alpha: float = TINT_ALPHA) -> QColor:
    """A translucent background tint of the label colour (``alpha`` in 0..1)."""
    return QColor(_tint(hex_color, alpha))


@lru_cache(maxsize=1024)  # painting asks for the same few colours thousands of times
def _tint(hex_color: str, alpha: float) -> QColor:
    color = label_color(hex_color)
    color.setAlphaF(max(0.0, min(1.0, alpha)))
    return color


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour (0 = black, 1 = white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two opaque colours (1..21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def readable_text_color(hex_color: str) -> QColor:
    """Black or white, whichever contrasts more with the label colour (for tag text)."""
    return QColor(_readable(hex_color))


@lru_cache(maxsize=1024)
def _readable(hex_color: str) -> QColor:
    background = label_color(hex_color)
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    return (
        black if contrast_ratio(background, black) >= contrast_ratio(background, white) else white
    )


def mark_color(hex_color: str, background: QColor | None = None) -> QColor:
    """The label colour darkened until it stands out (3:1) on ``background`` (default white).

    Used for underlines and edge brackets, which are thin and must stay visible.
    """
    base = background if background is not None else QColor(255, 255, 255)
    return QColor(_mark(hex_color, base.rgba()))


@lru_cache(maxsize=1024)
def _mark(hex_color: str, background_rgba: int) -> QColor:
    base = QColor.fromRgba(background_rgba)
    color = label_color(hex_color)
    for _ in range(8):
        if contrast_ratio(color, base) >= 3.0:
            break
        color = color.darker(125)
    return color
