"""Keyword in context: the lines of a concordance, their sort keys and their layout for
right-to-left reading.

In Arabic the context that precedes a hit in reading order stands on its *right*: a
right-to-left concordance shows, from left to right, the context after, the keyword, and the
context before (``layout``), with the keyword column aligned and each context cell pushed
against the keyword (docs/design/search.md, "Concordance").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from annotator.search.folding import fold_text
from annotator.search.matching import Hit

WIDTH = 60
"""context characters on each side (cut back to whole words)"""
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One hit with its context: ``before`` precedes the keyword in reading order."""

    doc_id: int
    start: int
    end: int
    before: str
    keyword: str
    after: str


class SortBy(StrEnum):
    DOCUMENT = "document"
    KEYWORD = "keyword"
    BEFORE = "before"
    """the words before the keyword, nearest first"""
    AFTER = "after"
    """the words after the keyword, nearest first"""


def line_of(hit: Hit, text: str, width: int = WIDTH) -> KwicLine:
    """The concordance line of one hit in ``text`` (line breaks shown as spaces)."""
    a = max(0, hit.start - width)
    before = text[a : hit.start]
    if a > 0:  # drop the word cut in two at the far end
        cut = before.find(" ")
        before = before[cut + 1 :] if cut >= 0 else before
    b = min(len(text), hit.end + width)
    after = text[hit.end : b]
    if b < len(text):
        cut = after.rfind(" ")
        after = after[:cut] if cut > 0 else after
    keyword = text[hit.start : hit.end]
    return KwicLine(hit.doc_id, hit.start, hit.end, _flat(before), _flat(keyword), _flat(after))


def _flat(text: str) -> str:
    """One line: line breaks (and tabs) shown as spaces."""
    return text.replace("\n", " ").replace("\t", " ") if "\n" in text or "\t" in text else text


def concordance(
    hits: Iterable[Hit], text_of: Callable[[int], str], width: int = WIDTH
) -> list[KwicLine]:
    """Concordance lines of ``hits``; ``text_of(doc_id)`` gives a document's text."""
    return [line_of(hit, text_of(hit.doc_id), width) for hit in hits]


def words(text: str) -> list[str]:
    """The folded words of ``text`` (for sorting)."""
    return _WORD.findall(fold_text(text))


SORT_WORDS = 4
"""words on each side a sort compares (nearer words decide first)"""


def sort_key(line: KwicLine, by: SortBy) -> str:
    """Key sorting concordance lines ``by`` a column; ties keep document order.

    One string compares like the tuple of words, and faster: the folded words joined by U+0001
    (below every letter), then U+0000 (below that: fewer words sort first) and the place."""
    if by is SortBy.BEFORE:
        key = _join(reversed(words(line.before[-40:])[-SORT_WORDS:]))
    elif by is SortBy.AFTER:
        key = _join(words(line.after[:40])[:SORT_WORDS])
    elif by is SortBy.KEYWORD:
        key = fold_text(line.keyword) + "\x01" + _join(words(line.after[:40])[:SORT_WORDS])
    else:
        key = ""
    return f"{key}\x00{line.doc_id:012d}{line.start:012d}"


def _join(parts: Iterable[str]) -> str:
    return "\x01".join(parts)


def sort_lines(lines: Iterable[KwicLine], by: SortBy, descending: bool = False) -> list[KwicLine]:
    return sorted(lines, key=lambda line: sort_key(line, by), reverse=descending)


@dataclass(frozen=True)
class Column:
    """One concordance column as drawn: ``field`` of KwicLine, aligned ``align`` on screen."""

    field: str
    align: str
    """"left", "right" or "center": screen edges, not reading edges"""


def layout(rtl: bool = True) -> tuple[Column, Column, Column]:
    """The columns from the left edge of the screen to the right, each context cell aligned
    against the keyword: right-to-left, the context before the keyword is on its right."""
    if rtl:
        return (Column("after", "right"), Column("keyword", "center"), Column("before", "left"))
    return (Column("before", "right"), Column("keyword", "center"), Column("after", "left"))
