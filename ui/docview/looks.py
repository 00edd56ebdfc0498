"""Label looks: a colour-blind-safe colour per label, then a border and underline pattern once
the colours run out (issue 15: the value labels TIME, NUM, MONEY, CRIME, JOB-TITLE, SENTENCE
and CONTACT-INFO were all shades of grey).

``PALETTE`` is the Okabe–Ito set followed by seven colours chosen (greedily, from Paul Tol's
palettes) to stay apart from it and from each other: every pair is at least ``MIN_DELTA_E``
apart (CIELAB ΔE*76) with normal vision and under simulated deuteranopia and protanopia
(Machado, Oliveira and Fernandes 2009, severity 1, applied in linear sRGB). The smallest
distance in the set is 17.0 (Okabe–Ito's own sky blue and bluish green, simulated).

``assign_looks`` keeps a label's own colour when it has one (the schema's author chose it);
grey or missing colours get the next palette colour no label uses yet; when the palette is
used up, and for a label whose colour another label already has, the colour comes with the
next pattern: a dashed, dotted or double tag border and underline. No two labels share a look.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtGui import QColor

PALETTE: tuple[str, ...] = (
    # Okabe & Ito (2008)
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    # Paul Tol's palettes, picked to stay apart from the above under deutan/protan simulation
    "#EEDD88",  # light yellow
    "#663333",  # dark brown
    "#332288",  # indigo
    "#FFAABB",  # pink
    "#99DDFF",  # pale cyan
    "#AA3377",  # wine
    "#117733",  # dark green
)
MIN_DELTA_E = 15.0
"""the smallest CIELAB ΔE*76 between two palette colours, simulated or not (tested)"""
PATTERNS: tuple[str, ...] = ("solid", "dashed", "dotted", "double")
"""tag border and underline patterns, in the order they are handed out"""
GREY_SATURATION = 0.12
"""colours less saturated than this (HSV) count as grey: they get a palette colour"""


class Look(NamedTuple):
    """How a label's spans look: the colour of tint, underline and tag, and the pattern of the
    tag's border and of the underline."""

    color: str
    pattern: str = "solid"


def is_grey(hex_color: str) -> bool:
    """Whether a label colour is grey (or missing, or not a colour)."""
    color = QColor(hex_color)
    return not color.isValid() or color.hsvSaturationF() < GREY_SATURATION


def assign_looks(labels: Sequence[tuple[str, str]]) -> dict[str, Look]:
    """A distinct look for each ``(name, colour)``: its own colour when it is not grey, else a
    palette colour; the next pattern when the colour is taken (see the module notes)."""
    looks: dict[str, Look] = {}
    used: set[Look] = set()
    own = {QColor(c).name().upper() for _, c in labels if not is_grey(c)}
    greys: list[str] = []
    for name, color in labels:
        if name in looks or name in greys:
            continue
        if is_grey(color):
            greys.append(name)
            continue
        hex_color = QColor(color).name().upper()
        pattern = next((p for p in PATTERNS if Look(hex_color, p) not in used), None)
        look = Look(hex_color, pattern) if pattern else None
        if look is None:  # every pattern of this colour taken: a free palette look
            greys.append(name)
            continue
        looks[name] = look
        used.add(look)
    free = [Look(c, PATTERNS[0]) for c in PALETTE if c not in own]
    free += [Look(c, p) for p in PATTERNS[1:] for c in PALETTE]
    spare = (look for look in free if look not in used)
    for name in greys:
        look = next(spare, None)
        if look is None:  # more labels than looks: share the last one rather than fail
            look = Look(PALETTE[len(looks) % len(PALETTE)], PATTERNS[-1])
        looks[name] = look
        used.add(look)
    return looks


def patterns_of(looks: dict[str, Look]) -> dict[str, str]:
    """Label → pattern, for the labels whose look is not the plain one (the view's input)."""
    return {name: look.pattern for name, look in looks.items() if look.pattern != PATTERNS[0]}
