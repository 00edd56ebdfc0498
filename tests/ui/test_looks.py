"""Label looks (ui.docview.looks): no two labels of the bundled schema look the same, the grey
value labels get colours, and the palette's colours stay apart for colour-blind readers.

Colour-blindness is simulated with the Machado, Oliveira and Fernandes (2009) matrices for
deuteranopia and protanopia at severity 1, applied to linear sRGB; distance is CIELAB ΔE*76
(D65). Every pair of palette colours must be at least ``MIN_DELTA_E`` = 15 apart with normal
vision and under both simulations (the palette's smallest distance is 17.0)."""

from __future__ import annotations

import itertools
import math

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from annotator.schema.model import default_schema
from ui.docview.looks import (
    MIN_DELTA_E,
    PALETTE,
    Look,
    assign_looks,
    is_grey,
    patterns_of,
)
from ui.docview.view import DocumentView, ViewSpan

Matrix = tuple[tuple[float, float, float], ...]
NORMAL: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
DEUTERANOPIA: Matrix = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA: Matrix = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
VALUE_LABELS = ("TIME", "NUM", "MONEY", "CRIME", "JOB-TITLE", "SENTENCE", "CONTACT-INFO")


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def lab(hex_color: str, matrix: Matrix) -> tuple[float, float, float]:
    """CIELAB (D65) of a colour as seen through ``matrix`` (a CVD simulation)."""
    h = hex_color.lstrip("#")
    rgb = [_linear(int(h[i : i + 2], 16)) for i in (0, 2, 4)]
    r, g, b = (
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    )
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str, matrix: Matrix) -> float:
    return math.dist(lab(a, matrix), lab(b, matrix))


def test_the_simulation_is_the_standard_one() -> None:
    """Sanity: red and green, far apart for most readers, nearly meet for a deuteranope."""
    assert delta_e("#FF0000", "#00FF00", NORMAL) > 150
    for matrix in (DEUTERANOPIA, PROTANOPIA):  # greys (white, black) are seen unchanged
        assert delta_e("#FFFFFF", "#FFFFFF", NORMAL) == 0
        assert math.dist(lab("#FFFFFF", matrix), lab("#FFFFFF", NORMAL)) < 0.5
        assert math.dist(lab("#808080", matrix), lab("#808080", NORMAL)) < 0.5
    assert delta_e("#FF0000", "#00FF00", DEUTERANOPIA) < 0.4 * delta_e("#FF0000", "#00FF00", NORMAL)


def test_every_pair_of_palette_colours_stays_apart_under_cvd() -> None:
    assert len(set(PALETTE)) == len(PALETTE) == 14
    for matrix in (NORMAL, DEUTERANOPIA, PROTANOPIA):
        for a, b in itertools.combinations(PALETTE, 2):
            assert delta_e(a, b, matrix) >= MIN_DELTA_E, (a, b, matrix is DEUTERANOPIA)
    worst = min(
        delta_e(a, b, m)
        for m in (NORMAL, DEUTERANOPIA, PROTANOPIA)
        for a, b in itertools.combinations(PALETTE, 2)
    )
    assert 16.9 < worst < 17.1  # as the module notes say


def test_no_two_labels_of_the_bundled_schema_share_a_look() -> None:
    labels = default_schema().span_labels()
    looks = assign_looks([(lab.name, lab.color) for lab in labels])
    assert set(looks) == {lab.name for lab in labels}
    assert len(set(looks.values())) == len(looks)
    for name in VALUE_LABELS:  # grey before: a palette colour now, none grey
        assert not is_grey(looks[name].color) and looks[name].color in PALETTE, name
    assert all(not is_grey(look.color) for look in looks.values())


def test_the_entity_labels_are_told_apart_by_colour_alone_under_cvd() -> None:
    """The 14 entity labels (7 coloured, 7 grey values) get 14 different palette colours, so
    every pair of them stays apart for a deuteranope and a protanope too."""
    entities = default_schema().entities
    looks = assign_looks([(lab.name, lab.color) for lab in default_schema().span_labels()])
    colours = [looks[lab.name].color for lab in entities]
    assert len(set(colours)) == len(colours) == 14
    assert all(looks[lab.name].pattern == "solid" for lab in entities)
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        for a, b in itertools.combinations(colours, 2):
            assert delta_e(a, b, matrix) >= MIN_DELTA_E


def test_colours_that_run_out_come_with_patterns() -> None:
    labels = [(f"L{k}", "#BBBBBB") for k in range(45)] + [("A", "#CC79A7"), ("B", "#CC79A7")]
    looks = assign_looks(labels)
    assert len(set(looks.values())) == len(looks) == 47
    assert looks["A"] == Look("#CC79A7", "solid") and looks["B"] == Look("#CC79A7", "dashed")
    assert {look.pattern for look in looks.values()} == {"solid", "dashed", "dotted", "double"}
    assert patterns_of(looks)["B"] == "dashed" and "A" not in patterns_of(looks)


def tag_image(qtbot: QtBot, pattern: str) -> QImage:
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(400, 120)
    view.show()
    qtbot.waitExposed(view)
    view.set_text("on Monday the town fell\n")
    view.set_patterns({"TIME": pattern} if pattern != "solid" else {})
    view.set_spans([ViewSpan("s", 3, 9, "TIME", "#332288")])
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def test_a_pattern_changes_the_tag_and_the_underline(qtbot: QtBot) -> None:
    solid = tag_image(qtbot, "solid")
    for pattern in ("dashed", "dotted", "double"):
        other = tag_image(qtbot, pattern)
        differing = sum(
            solid.pixel(x, y) != other.pixel(x, y)
            for y in range(solid.height())
            for x in range(solid.width())
        )
        assert differing > 20, pattern


def test_the_label_palette_shows_each_label_in_its_look(qtbot: QtBot) -> None:
    from ui.docview.colors import label_color
    from ui.workbench.panels import UUID_ROLE, LabelPalette

    labels = default_schema().span_labels()
    looks = assign_looks([(lab.name, lab.color) for lab in labels])
    palette = LabelPalette()
    qtbot.addWidget(palette)
    palette.set_labels(labels)
    shown = {}
    for row in range(palette.list.count()):
        item = palette.list.item(row)
        image = item.icon().pixmap(14, 14).toImage()
        shown[item.data(UUID_ROLE)] = image.pixelColor(7, 7).name()
    assert shown  # every annotatable label is listed with a swatch
    for name, color in shown.items():
        assert color == label_color(looks[name].color).name(), name
    # the schema's grey value labels (TIME, NUM, MONEY ...) are no longer grey swatches
    greys = [lab.name for lab in labels if is_grey(lab.color) and lab.name in shown]
    assert greys and not any(is_grey(shown[name]) for name in greys)
