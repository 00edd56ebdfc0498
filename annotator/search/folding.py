"""Folding for matching only: a copy of a text with the differences a search should ignore
removed, and the way back from a position in that copy to the original code-point offset.

What folding does (docs/design/search.md, "Folding"; docs/design/arabic.md, "Matching"):
harakat (U+064B–U+065F, U+0670, U+0610–U+061A, U+06D6–U+06ED), tatweel (U+0640) and the
invisible formatting characters without extent (the bidi marks ALM, LRM, RLM; ZWJ, ZWNJ:
``FORMATTING``) are dropped; أ إ آ ٱ → ا and ى → ي; optionally ة → ه; Arabic-Indic and
Persian digits → ASCII; Latin (and Greek, Cyrillic) letters → lower case where that is one
character. Apart from the dropped characters every change is one character for one, so a
position in the folded copy maps back with one bisection over the dropped positions. The
bidi embeddings, overrides and isolates are kept (``EMBEDDING``). The folded copy is never
stored as the only copy of anything, never shown and never exported.

The work is ``str.replace``, ``str.lower`` and one regular-expression scan (C speed): 20 MB of
Arabic fold in a fraction of a second, where a Python loop per character
(``annotator.text.fold_with_map``) takes tens of seconds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from annotator.text import HARAKAT, TATWEEL, is_letter_boundary, next_letter

FORMATTING = "\u061c\u200c\u200d\u200e\u200f"
"""invisible formatting characters folding removes (a character class's inside): the bidi
marks ALM, LRM, RLM and the joiners ZWNJ, ZWJ. They have no extent and may stand inside a
word (و‍باريس, با‌ريس), so like harakat they go with the letter before them. Not ZWSP
(U+200B) nor the BOM (U+FEFF): a zero-width space parts words."""
EMBEDDING = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""the bidi embeddings, overrides and isolates (LRE..RLO, PDF, LRI..PDI): kept in a folded
text, where they part words as any character that is no letter does (a hit never takes one
in); a word or word-start query drops them (``annotator.search.matching.Matcher``), since a
pasted word often carries them"""
DROPPED_CLASS = f"[{HARAKAT.pattern[1:-1]}{TATWEEL}{FORMATTING}]"
"""one character folding removes"""
DROPPED = re.compile(f"{DROPPED_CLASS}+")
"""runs of the characters folding removes"""
_DROPPED_RUNS = re.compile(f"({DROPPED.pattern})")
"""``DROPPED`` as a group: ``split`` gives the kept stretches and the runs between them"""

_LETTERS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"))
_DIGITS = tuple((src, str(k % 10)) for k, src in enumerate("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"))
TA_MARBUTA = "ة"
HA = "ه"
_CHANGED = re.compile("[أإآٱى٠-٩۰-۹]")
_CHANGED_TA = re.compile("[أإآٱى٠-٩۰-۹ة]")
_DOTTED_I = "\u0130"
"""İ: the one character whose lower case is two characters (i + U+0307); folded to i"""


@dataclass(frozen=True)
class FoldOptions:
    """Which optional folds apply (the fixed ones always do)."""

    ta_marbuta: bool = False
    """fold ة → ه (so مدينة matches مدينه, a common spelling variant)"""
    ignore_case: bool = True
    """fold upper case to lower case (one character for one)"""


DEFAULT = FoldOptions()


def fold_text(text: str, options: FoldOptions = DEFAULT) -> str:
    """The folded copy of ``text`` (for a query or a name; positions are not kept).

    ``str.replace`` and ``str.lower`` run at C speed; ``str.translate`` with a table of
    non-ASCII characters costs about 300 ns a character (3.5 s for a 20 MB corpus)."""
    if DROPPED.search(text) is not None:
        text = DROPPED.sub("", text)
    return _fold_kept(text, options)


def _fold_kept(text: str, options: FoldOptions) -> str:
    """The folds of ``fold_text`` after the dropped characters are gone (one for one)."""
    if (_CHANGED_TA if options.ta_marbuta else _CHANGED).search(text) is not None:
        for src, dst in _LETTERS + _DIGITS:
            if src in text:
                text = text.replace(src, dst)
        if options.ta_marbuta:
            text = text.replace(TA_MARBUTA, HA)
    if options.ignore_case:
        if _DOTTED_I in text:
            text = text.replace(_DOTTED_I, "i")
        text = text.lower()
    return text


class FoldedText:
    """A text, its folded copy and the way back from folded positions to code points.

    The way back (the runs of dropped characters) is found on first use: most documents of a
    corpus never hold a hit of a given query."""

    __slots__ = ("_cum", "_gaps", "folded", "original")

    def __init__(self, original: str, folded: str) -> None:
        self.original = original
        self.folded = folded
        # no run (yet): the empty tuple, shared, not a new list for the garbage collector to
        # walk (a 20,000-document corpus made 40,000 of them, and each full collection while
        # a search built it held the window's thread for longer); the runs found are tuples
        # of ints, which the collector stops tracking at its first pass over them (lists,
        # and arrays too, it walks at every full collection as long as they live)
        self._gaps: Sequence[int] | None = None if len(folded) != len(original) else ()
        self._cum: Sequence[int] = ()

    @classmethod
    def of(cls, text: str, options: FoldOptions = DEFAULT) -> FoldedText:
        return cls(text, fold_text(text, options))

    @classmethod
    def with_runs(cls, text: str, options: FoldOptions = DEFAULT) -> FoldedText:
        """``of(text, options)`` with the way back found at once, in the same scan that
        drops the characters (one ``re.split``; the runs summed by ``itertools.accumulate``):
        for a caller that folds a text only to search it once and expects hits in most texts
        (``annotator search``), about half the work of folding and then finding the runs."""
        parts = _DROPPED_RUNS.split(text)
        if len(parts) == 1:
            return cls(text, _fold_kept(text, options))
        kept = parts[0::2]
        ft = cls(text, _fold_kept("".join(kept), options))
        ft._gaps = tuple(accumulate(map(len, kept[:-1])))
        ft._cum = tuple(accumulate(map(len, parts[1::2])))
        return ft

    def _runs(self) -> Sequence[int]:
        """For each run of dropped characters, the folded position it was dropped at
        (``_gaps``) and the characters dropped up to its end (``_cum``)."""
        if self._gaps is None:
            gaps, cum = [], []
            total = 0
            for m in DROPPED.finditer(self.original):
                a, b = m.span()
                gaps.append(a - total)
                total += b - a
                cum.append(total)
            self._gaps, self._cum = tuple(gaps), tuple(cum)
        return self._gaps

    @property
    def dropped(self) -> list[int]:
        """Original offsets of the dropped characters, ascending."""
        return [m for r in DROPPED.finditer(self.original) for m in range(*r.span())]

    def position(self, f: int) -> int:
        """Original offset of the folded character at ``f`` (``len(folded)`` → ``len(text)``)."""
        gaps = self._runs()
        if not gaps:
            return f
        if f >= len(self.folded):
            return len(self.original)
        k = bisect.bisect_right(gaps, f)
        return f + (self._cum[k - 1] if k else 0)

    def span(self, f_start: int, f_end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the folded range ``[f_start, f_end)`` (non-empty).

        The end takes in the dropped characters that follow the last character (harakat,
        tatweel and the formatting marks belong to it), and then the end of that letter
        (``annotator.text.next_letter``: a combining mark folding keeps, U+0301 of a
        decomposed é or U+08F0, is part of the letter, as ``[`` and the edge keys read it);
        the start never takes the marks before the first one (they belong to the letter
        before, e.g. the vowel of a trimmed proclitic)."""
        gaps = self._runs()
        original = self.original
        if not gaps:
            start, end = f_start, f_end
        else:
            cum = self._cum
            k = bisect.bisect_right(gaps, f_start)
            start = f_start + (cum[k - 1] if k else 0)
            k = bisect.bisect_right(gaps, f_end - 1, k)
            end = f_end + (cum[k - 1] if k else 0)  # just after the last character
            if k < len(gaps) and gaps[k] == f_end:  # a run dropped right after the last one
                end += cum[k] - (cum[k - 1] if k else 0)
        if end < len(original) and not is_letter_boundary(original, end):
            end = next_letter(original, end)
        return start, end
