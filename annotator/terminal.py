"""What the command line needs of a terminal: Arabic in visual order, and a progress bar.

Terminals such as GNOME Terminal or Konsole apply bidi themselves, so text is printed in
logical order unless asked (``--visual``); ``visual`` then reshapes and reorders it for a
terminal that does neither. ``ProgressBar`` draws a tqdm bar on stderr for long jobs.
"""

from __future__ import annotations

import sys
from typing import Any


def visual(text: str, enabled: bool = True) -> str:
    """Arabic in display order with joined letter forms, for terminals (and matplotlib) that
    do neither; ``text`` unchanged when not ``enabled``."""
    if not enabled:
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


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
