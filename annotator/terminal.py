"""What the command line needs of a terminal: Arabic in visual order, and a progress bar.

Terminals such as GNOME Terminal or Konsole apply bidi themselves, so text is printed in
logical order unless asked (``--visual``); ``visual`` then reshapes and reorders it for a
terminal that does neither. ``chart_text`` is the same rule for matplotlib charts: raw text
where matplotlib lays out complex text itself, ``visual`` text where it does not.
``ProgressBar`` draws a tqdm bar on stderr for long jobs.
"""

from __future__ import annotations

import functools
import sys
from typing import Any


def visual(text: str, enabled: bool = True) -> str:
    """Arabic in display order with joined letter forms, for terminals (and old matplotlib,
    see ``chart_text``) that do neither; ``text`` unchanged when not ``enabled``."""
    if not enabled:
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


@functools.cache
def matplotlib_lays_out_text() -> bool:
    """Whether the matplotlib in use shapes Arabic and applies the bidi algorithm itself.

    matplotlib 3.11 lays text out with libraqm (HarfBuzz + FriBiDi) and says so with
    ``matplotlib.ft2font.__libraqm_version__``; before that it drew one glyph per character,
    left to right, with neither joining nor reordering.
    """
    from matplotlib import ft2font

    return hasattr(ft2font, "__libraqm_version__")


def chart_text(text: str) -> str:
    """``text`` as a matplotlib chart must be given it to show it right: unchanged when
    matplotlib lays out complex text itself (``visual`` text would then be reversed twice and
    its presentation forms left as they are), in visual order with joined forms otherwise.
    Every text a chart shows goes through here."""
    return visual(text, enabled=not matplotlib_lays_out_text())


class ProgressBar:
    """A progress bar on stderr for long jobs (silent when stderr is not a terminal); an
    ``annotator.formats.common.Progress`` callback."""

    def __init__(self, what: str, unit: str = "doc") -> None:
        self.what = what
        self.unit = unit
        """what is counted: "doc" (documents), or "B" (bytes, shown scaled: kB, MB ...)"""
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total or None,
                desc=self.what,
                unit=self.unit,
                unit_scale=self.unit == "B",
                file=sys.stderr,
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
