"""Finding a query in folded text: whole-word, prefix, substring and regex modes, with
proclitic-aware word starts, and hits mapped back to code-point offsets of the original text.

Clitic-aware matching (docs/design/search.md, "Clitics"): in word and prefix modes a word may
start with the proclitics و ف, then ب ك ل, then the article ال (or لل, ل + ال with its alef
elided) before the query, so هولندا is found in وهولندا and باريس in بباريس; the hit covers
the stem only, the text the manual ``[`` trim (``annotator.text.trim_proclitic``) leaves. It is
on by default for queries with an Arabic letter of at least two letters.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from annotator.errors import AnnotatorError, Cancelled
from annotator.search.folding import DEFAULT, FoldedText, FoldOptions, fold_text
from annotator.text import is_word_char as _is_word_char

CLITICS = re.compile("[وف]?(?:[بكل]?ال|لل|[بكل])?")
"""what may stand before a stem inside one word (matched on folded text)"""
MAX_CLITICS = 4
"""longest run CLITICS can match (و + ب + ال)"""
is_word_char = functools.cache(_is_word_char)
"""``annotator.text.is_word_char``, remembered per character (the hot loop of every search)"""
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_SPACE = re.compile(r"\s+")


class QueryError(AnnotatorError):
    """A query that cannot run (an empty query, a broken regular expression)."""


class Mode(StrEnum):
    WORD = "word"
    """the query as whole words (after proclitics when clitic-aware)"""
    PREFIX = "prefix"
    """words starting with the query; the hit runs to the end of the word"""
    SUBSTRING = "substring"
    """anywhere, also inside words"""
    REGEX = "regex"
    """a Python regular expression over the folded text"""


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence: ``text[start:end]`` of document ``doc_id`` (code points)."""

    doc_id: int
    start: int
    end: int


def has_arabic(text: str) -> bool:
    return _ARABIC_LETTER.search(text) is not None


@dataclass(frozen=True)
class Query:
    """What to look for and how. ``clitics=None``: on for Arabic queries (word, prefix)."""

    text: str
    mode: Mode = Mode.WORD
    clitics: bool | None = None
    fold: FoldOptions = DEFAULT
    _matcher: Matcher | None = field(default=None, init=False, compare=False, repr=False)

    def matcher(self) -> Matcher:
        """The compiled form (built once per query); raises QueryError."""
        if self._matcher is None:
            object.__setattr__(self, "_matcher", Matcher(self))
        assert self._matcher is not None
        return self._matcher


class Matcher:
    """A query compiled for folded text: ``spans(folded)`` gives folded ``(start, end)``."""

    def __init__(self, query: Query) -> None:
        self.mode = Mode(query.mode)
        raw = query.text
        if not raw.strip():
            raise QueryError("empty query")
        if self.mode is Mode.REGEX:
            # case is folded by the flag: lowering a pattern would turn \W into \w
            pattern = fold_text(raw, FoldOptions(query.fold.ta_marbuta, ignore_case=False))
            flags = re.MULTILINE | (re.IGNORECASE if query.fold.ignore_case else 0)
            try:
                self.regex: re.Pattern[str] | None = re.compile(pattern, flags)
            except re.error as exc:
                raise QueryError(f"bad regular expression {raw!r}: {exc}") from None
            self.literal = ""
            self.clitics = False
            return
        folded = fold_text(raw.strip(), query.fold)
        parts = _SPACE.split(folded)
        self.literal = folded if len(parts) == 1 else ""
        self.regex = None if self.literal else re.compile(r"\s+".join(map(re.escape, parts)))
        wants = has_arabic(folded) if query.clitics is None else query.clitics
        self.clitics = wants and self.mode in (Mode.WORD, Mode.PREFIX) and len(parts[0]) >= 2

    def _candidates(self, folded: str, pos: int, endpos: int) -> Iterator[tuple[int, int]]:
        if self.literal:
            n = len(self.literal)
            i = folded.find(self.literal, pos, endpos)
            while i >= 0:
                yield i, i + n
                i = folded.find(self.literal, i + 1, endpos)
            return
        assert self.regex is not None
        for m in self.regex.finditer(folded, pos, endpos):
            if m.end() > m.start():
                yield m.start(), m.end()

    def spans(
        self, folded: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """Folded ``(start, end)`` of every hit in ``folded[pos:endpos]``, in order; hits of
        the word and prefix modes never overlap."""
        end_at = len(folded) if endpos is None else endpos
        mode = self.mode
        if mode in (Mode.SUBSTRING, Mode.REGEX):
            yield from self._candidates(folded, pos, end_at)
            return
        last = -1
        for s, e in self._candidates(folded, pos, end_at):
            if s < last or not self._start_ok(folded, s, pos):
                continue
            if mode is Mode.WORD:
                if e < end_at and is_word_char(folded[e]):
                    continue
            else:  # prefix: the hit runs to the end of the word
                while e < end_at and is_word_char(folded[e]):
                    e += 1
            last = e
            yield s, e

    def _start_ok(self, folded: str, s: int, floor: int) -> bool:
        return word_start_ok(folded, s, floor, self.clitics)


def word_start_ok(folded: str, s: int, floor: int = 0, clitics: bool = True) -> bool:
    """Whether a word starts at ``s`` in ``folded``, or (``clitics``) a stem after proclitics."""
    if s == floor or not is_word_char(folded[s - 1]):
        return True
    if not clitics:
        return False
    w = s - 1
    while w > floor and is_word_char(folded[w - 1]):
        w -= 1
        if s - w > MAX_CLITICS:
            return False
    return CLITICS.fullmatch(folded, w, s) is not None


def find(text: str | FoldedText, query: Query, doc_id: int = 0) -> list[Hit]:
    """Every hit of ``query`` in one text, in order, as code-point offsets of ``text``."""
    ft = text if isinstance(text, FoldedText) else FoldedText.of(text, query.fold)
    return [Hit(doc_id, *ft.span(s, e)) for s, e in query.matcher().spans(ft.folded)]


SEPARATOR = "\x00"
"""between documents in the corpus string: no word character, no white space"""


class FoldedCorpus:
    """The folded copy of many documents, kept in memory as one string for fast scans.

    Built from ``(doc_id, text)`` pairs (e.g. from ``Project.iter_documents()``); a cache,
    never the only copy of a text. Not thread-safe to build; read-only afterwards, so a
    background job may search it while the GUI thread holds it."""

    def __init__(
        self,
        documents: Iterable[tuple[int, str]],
        options: FoldOptions = DEFAULT,
        cancelled: Callable[[], bool] | None = None,
        reuse: FoldedCorpus | None = None,
    ) -> None:
        """``reuse``: an earlier corpus of the same folding whose folded texts are taken
        for the documents it holds with the same id and text (only new documents are
        folded: a corpus kept up to date after an import costs the new documents)."""
        self.options = options
        old: dict[int, FoldedText] = {}
        if reuse is not None and reuse.options == options:
            old = dict(zip(reuse.ids, reuse.texts, strict=True))
        self.ids: list[int] = []
        self.texts: list[FoldedText] = []
        self.starts: list[int] = []
        self._index: dict[int, int] = {}
        parts: list[str] = []
        at = 0
        for doc_id, text in documents:
            if cancelled is not None and len(self.ids) % 500 == 0 and cancelled():
                raise _cancelled()
            ft = old.get(doc_id) or FoldedText.of(text, options)
            if ft.original != text:  # same id, another text (another project): fold it
                ft = FoldedText.of(text, options)
            self._index[doc_id] = len(self.ids)
            self.ids.append(doc_id)
            self.texts.append(ft)
            self.starts.append(at)
            parts.append(ft.folded)
            at += len(ft.folded) + len(SEPARATOR)
        self.folded = SEPARATOR.join(parts)

    def __len__(self) -> int:
        return len(self.ids)

    def text(self, doc_id: int) -> str:
        """The original text of one document."""
        return self.texts[self._index[doc_id]].original

    def folded_text(self, doc_id: int) -> FoldedText:
        return self.texts[self._index[doc_id]]

    def search(
        self,
        query: Query,
        doc_ids: Iterable[int] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[Hit]:
        """Hits in document order (all documents, or those of ``doc_ids``)."""
        if query.fold != self.options:
            raise QueryError("the query folds differently from the corpus; rebuild the corpus")
        matcher = query.matcher()
        if doc_ids is not None:
            for doc_id in doc_ids:
                if cancelled is not None and cancelled():
                    raise _cancelled()
                k = self._index.get(doc_id)
                if k is None:
                    continue
                ft = self.texts[k]
                for s, e in matcher.spans(ft.folded):
                    yield Hit(doc_id, *ft.span(s, e))
            return
        starts, texts, ids = self.starts, self.texts, self.ids
        k = 0
        count = 0
        for s, e in matcher.spans(self.folded):
            count += 1
            if cancelled is not None and count % 1000 == 0 and cancelled():
                raise _cancelled()
            if k + 1 < len(starts) and s >= starts[k + 1]:
                k = bisect.bisect_right(starts, s) - 1
            base = starts[k]
            ft = texts[k]
            if e - base > len(ft.folded):
                continue  # a regex running over the end of a document
            yield Hit(ids[k], *ft.span(s - base, e - base))


def _cancelled() -> Cancelled:
    return Cancelled("search cancelled")
