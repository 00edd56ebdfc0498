"""Text in the agreement report's charts: Arabic reads as matplotlib itself draws the raw string.

matplotlib 3.11 shapes Arabic and applies the bidi algorithm itself (libraqm); text reshaped
and put in visual order beforehand (``annotator.terminal.visual``) came out reversed twice
(QA: شخص drawn as صخش). ``chart_text`` decides once which of the two a chart must be given.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, cast

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter

import annotator.agreement.report as report
from annotator import terminal
from annotator.agreement.measures import PairResult
from annotator.agreement.spans import PRF, Scores
from annotator.terminal import chart_text, visual

NAME = "شخص"
LABEL = f"PER ({NAME})"


def _version() -> tuple[int, int]:
    major, minor = matplotlib.__version__.split(".")[:2]
    return int(major), int("".join(c for c in minor if c.isdigit()) or 0)


def _pixels(text: str) -> np.ndarray[Any, Any]:
    """``text`` drawn alone by matplotlib, cropped to its ink."""
    fig = Figure(figsize=(3, 1), dpi=100)
    canvas: Any = FigureCanvasAgg(fig)
    fig.text(0.05, 0.4, text, fontfamily=report._font_family(), fontsize=20)
    canvas.draw()
    gray: np.ndarray[Any, Any] = np.asarray(canvas.buffer_rgba())[:, :, :3].min(axis=2)
    rows, cols = np.nonzero(gray < 250)
    return gray[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def _same(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> bool:
    return a.shape == b.shape and bool((a == b).all())


def test_matplotlib_311_and_later_lay_out_arabic_themselves() -> None:
    if _version() >= (3, 11):
        assert terminal.matplotlib_lays_out_text()


def test_chart_text_draws_as_matplotlib_draws_the_raw_string() -> None:
    raw, shown, reversed_twice = _pixels(NAME), _pixels(chart_text(NAME)), _pixels(visual(NAME))
    if terminal.matplotlib_lays_out_text():
        assert _same(shown, raw)
        assert not _same(shown, reversed_twice)
    else:
        assert _same(shown, reversed_twice)


def test_chart_text_follows_the_layout_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal, "matplotlib_lays_out_text", lambda: True)
    assert chart_text(LABEL) == LABEL
    monkeypatch.setattr(terminal, "matplotlib_lays_out_text", lambda: False)
    assert chart_text(LABEL) == visual(LABEL)


def _figures(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    drawn: list[Any] = []
    png = report._png

    def keep(fig: Any) -> str:
        drawn.append(fig)
        return png(fig)

    monkeypatch.setattr(report, "_png", keep)
    return drawn


def _pair(labels: list[str]) -> PairResult:
    """What a bar chart reads of a pair."""
    scores = Scores(PRF(1, 1, 1), {lab: PRF(1, 1, 1) for lab in labels})
    return cast(PairResult, SimpleNamespace(a="amal", b="badr", exact=scores, overlap=scores))


def _crop(fig: Any, labels: list[str] | None = None) -> np.ndarray[Any, Any]:
    """The chart's second x tick label, drawn with ``labels`` in place of its own if given."""
    ax = fig.axes[0]
    if labels is not None:
        ax.xaxis.set_major_formatter(FixedFormatter(labels))
    fig.canvas.draw()
    box = ax.get_xticklabels()[1].get_window_extent()
    buf = np.asarray(fig.canvas.buffer_rgba())
    height = buf.shape[0]
    top, bottom = height - math.ceil(box.y1), height - math.floor(box.y0)
    return buf[max(top, 0) : bottom, math.floor(box.x0) : math.ceil(box.x1), :3].copy()


@pytest.mark.parametrize("chart", ["bar", "heatmap"])
def test_the_report_charts_draw_arabic_names_as_matplotlib_draws_them(
    monkeypatch: pytest.MonkeyPatch, chart: str
) -> None:
    """In the chart itself: the tick label's pixels are those of the raw name drawn in its
    place by matplotlib, not those of the pre-reversed one."""
    drawn = _figures(monkeypatch)
    font = report._font_family()
    labels = ["Conflict.Attack", "PER"]
    names = {"Conflict.Attack": "Conflict.Attack (هجوم)", "PER": LABEL}
    if chart == "bar":
        report._bar_chart(_pair(labels), labels, names, font)
    else:
        report._heatmap([[1.0, 0.0], [0.0, 1.0]], list(names.values()), "confusion", font)
    (fig,) = drawn
    shown = _crop(fig)
    first = fig.axes[0].get_xticklabels()[0].get_text()
    raw = _crop(fig, [first, LABEL])
    reversed_twice = _crop(fig, [first, visual(LABEL)])
    if terminal.matplotlib_lays_out_text():
        assert _same(shown, raw)
        assert not _same(shown, reversed_twice)
    else:
        assert _same(shown, reversed_twice)


def test_bar_chart_tick_labels_do_not_run_into_each_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Long names, one per tick: slanted labels are parallel strips; neighbours clear each
    other when the tick spacing across the slant is more than a line of text."""
    drawn = _figures(monkeypatch)
    labels = ["Conflict.Attack", "FAC", "GPE", "Justice.Arrest-Jail", "ORG", "PER"]
    names = {lab: f"{lab} (كيان جغرافي سياسي)" for lab in labels}
    report._bar_chart(_pair(labels), labels, names, report._font_family())
    (fig,) = drawn
    fig.canvas.draw()
    ax = fig.axes[0]
    ticks = ax.get_xticklabels()
    xs = [ax.transData.transform((x, 0))[0] for x in range(len(labels))]
    renderer = fig.canvas.get_renderer()
    for tick, left, right in zip(ticks, xs, xs[1:], strict=False):
        angle = math.radians(tick.get_rotation())
        _, line, _ = renderer.get_text_width_height_descent(
            tick.get_text(), tick.get_fontproperties(), ismath=False
        )
        assert (right - left) * math.sin(angle) > line * 1.2, tick.get_text()
