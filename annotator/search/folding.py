"""Folding for matching only: a copy of a text with the differences a search should ignore
removed, and the way back from a position in that copy to the original code-point offset.

What folding does (docs/design/search.md, "Folding"; docs/design/arabic.md, "Matching"):
harakat (U+064B–U+065F, U+0670, U+0610–U+061A, U+06D6–U+06ED) and tatweel (U+0640) are
dropped; أ إ آ ٱ → ا and ى → ي; optionally ة → ه; Arabic-Indic and Persian digits → ASCII;
Latin (and Greek, Cyrillic) letters → lower case where that is one character. Apart from the
dropped characters every change is one character for one, so a position in the folded copy
maps back with one bisection over the dropped positions. The folded copy is never stored as
the only copy of anything, never shown and never exported.

The work is ``str.translate`` and one regular-expression scan (C speed): 20 MB of Arabic fold
in a fraction of a second, where a Python loop per character (``annotator.text.fold_with_map``)
takes tens of seconds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from annotator.text import HARAKAT, TATWEEL

DROPPED = re.compile(f"(?:{HARAKAT.pattern}|{TATWEEL})+")
"""runs of the characters folding removes"""

_BASE: dict[int, int | None] = {ord(c): None for c in (TATWEEL,)}
for _lo, _hi in ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED)):
    for _cp in range(_lo, _hi + 1):
        _BASE[_cp] = None
for _src, _dst in {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"}.items():
    _BASE[ord(_src)] = ord(_dst)
for _k, (_ar, _fa) in enumerate(zip("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", strict=True)):
    _BASE[ord(_ar)] = ord("0") + _k
    _BASE[ord(_fa)] = ord("0") + _k

_CASE: dict[int, int | None] = {}
for _lo, _hi in ((0x0041, 0x024F), (0x0370, 0x052F), (0x1E00, 0x1FFF), (0xFF21, 0xFF3A)):
    for _cp in range(_lo, _hi + 1):
        _low = chr(_cp).lower()
        if len(_low) == 1 and _low != chr(_cp):  # one for one only: offsets must map back
            _CASE[_cp] = ord(_low)

TA_MARBUTA = "ة"
HA = "ه"


@dataclass(frozen=True)
class FoldOptions:
    """Which optional folds apply (the fixed ones always do)."""

    ta_marbuta: bool = False
    """fold ة → ه (so مدينة matches مدينه, a common spelling variant)"""
    ignore_case: bool = True
    """fold Latin, Greek and Cyrillic upper case to lower case"""

    def table(self) -> dict[int, int | None]:
        return _TABLES[(self.ta_marbuta, self.ignore_case)]


def _table(ta: bool, case: bool) -> dict[int, int | None]:
    table = dict(_BASE)
    if case:
        table.update(_CASE)
    if ta:
        table[ord(TA_MARBUTA)] = ord(HA)
    return table


_TABLES = {(ta, case): _table(ta, case) for ta in (False, True) for case in (False, True)}

DEFAULT = FoldOptions()


def fold_text(text: str, options: FoldOptions = DEFAULT) -> str:
    """The folded copy of ``text`` (for a query or a name; positions are not kept)."""
    return text.translate(options.table())


@dataclass(frozen=True)
class FoldedText:
    """A text, its folded copy and the way back from folded positions to code points."""

    original: str
    folded: str
    dropped: tuple[int, ...] = field(repr=False)
    """original offset of every dropped character, ascending"""
    gaps: tuple[int, ...] = field(repr=False)
    """for each dropped character, the folded position it was dropped at (``dropped[j] - j``)"""

    @classmethod
    def of(cls, text: str, options: FoldOptions = DEFAULT) -> FoldedText:
        folded = text.translate(options.table())
        if len(folded) == len(text):
            return cls(text, folded, (), ())
        dropped = [i for m in DROPPED.finditer(text) for i in range(m.start(), m.end())]
        gaps = [i - j for j, i in enumerate(dropped)]
        return cls(text, folded, tuple(dropped), tuple(gaps))

    def position(self, f: int) -> int:
        """Original offset of the folded character at ``f`` (``len(folded)`` → ``len(text)``)."""
        if not self.gaps:
            return f
        if f >= len(self.folded):
            return len(self.original)
        return f + bisect.bisect_right(self.gaps, f)

    def span(self, f_start: int, f_end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the folded range ``[f_start, f_end)`` (non-empty).

        The end takes in the harakat and tatweel that follow the last character (they belong
        to it); the start never takes the marks before the first one (they belong to the letter
        before, e.g. the vowel of a trimmed proclitic)."""
        start = self.position(f_start)
        last = self.position(f_end - 1)
        end = last + 1
        if self.gaps:
            k = bisect.bisect_left(self.dropped, end)
            while k < len(self.dropped) and self.dropped[k] == end:
                end += 1
                k += 1
        return start, end
