"""Finding a query in folded text: whole-word, prefix, substring and regex modes, with
proclitic-aware word starts, and hits mapped back to code-point offsets of the original text.

Clitic-aware matching (docs/design/search.md, "Clitics"): in word and prefix modes a word may
start with the proclitics و ف, then ب ك ل, then the article ال (or لل, ل + ال with its alef
elided) before the query, so هولندا is found in وهولندا and باريس in بباريس; the hit covers
the stem only, the text the manual ``[`` trim (``annotator.text.trim_proclitic``) leaves. It is
on by default for queries with an Arabic letter whose first word has at least three letters
(``annotator.text.MIN_STEM_LETTERS``, the least ``[`` leaves: a shorter one is found as a whole
word only). A query starting with
the article (ال + a stem of three letters or more) also finds the stem after ل with the alef
elided (``annotator.search.clitics.lam_form``): القدس in للقدس, وللقدس, فللقدس; the hit is
لقدس, the article's ل and the stem, as trimming the proclitic ل leaves it.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

import regex as user_regex

from annotator.errors import AnnotatorError, Cancelled, Message
from annotator.search.clitics import BEFORE_ARTICLE_LAM, CLITICS, MAX_CLITICS, lam_form
from annotator.search.folding import (
    DEFAULT,
    DROPPED_CLASS,
    EMBEDDING,
    FoldedText,
    FoldOptions,
    fold_text,
)
from annotator.text import MIN_STEM_LETTERS, is_letter_boundary, letter_count, next_letter
from annotator.text import is_word_char as _is_word_char

is_word_char = functools.cache(_is_word_char)
"""``annotator.text.is_word_char``, remembered per character (the hot loop of every search)"""
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


MIN_CLITIC_STEM = MIN_STEM_LETTERS
"""letters the first word of a query needs to be found after proclitics
(``annotator.text.MIN_STEM_LETTERS``, the rule the ``[`` trim follows: a hit after proclitics
is what trimming leaves): a two-letter word is most often the end of another word read as
proclitics + stem (تي, the T of "M. I. T.", in التي and والتي; لس in فلس); a shorter query is
found as a whole word only"""


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
        self.query_text = raw
        if self.mode in (Mode.WORD, Mode.PREFIX):  # no word holds one; a pasted word may
            raw = EMBEDDING.sub("", raw)
        if not raw.strip():
            raise QueryError("empty query")
        if _SURROGATE.search(raw) is not None:  # bytes that were not UTF-8 (a command line's)
            raise QueryError(
                "the query is not valid text: it holds bytes that are not UTF-8 "
                "(check the terminal's or the script's encoding)"
            )
        self.lam: tuple[str, re.Pattern[str] | None] | None = None
        """the query's form after the preposition ل (``lam_form``) from the article's ل on,
        as ``(literal, regex)`` like ``literal`` and ``regex``; None when it has none"""
        if self.mode is Mode.REGEX:
            # case is folded by the flag: lowering a pattern would turn \W into \w
            pattern = fold_text(raw, FoldOptions(query.fold.ta_marbuta, ignore_case=False))
            flags = user_regex.MULTILINE | user_regex.VERSION0  # VERSION0: re's behaviour
            if query.fold.ignore_case:
                flags |= user_regex.IGNORECASE
            try:
                self.user_regex = user_regex.compile(pattern, flags)
            except user_regex.error as exc:
                raise QueryError(
                    Message(
                        "bad regular expression {pattern}: {problem}",
                        pattern=repr(raw),
                        problem=str(exc),
                    )
                ) from None
            self.regex: re.Pattern[str] | None = None
            self.literal = ""
            self.clitics = False
            self.words: list[str] = []
            return
        folded = fold_text(raw.strip(), query.fold)
        parts = _SPACE.split(folded)
        self.words = parts
        """the folded words of the query (a literal query's)"""
        self.literal = folded if len(parts) == 1 else ""
        self.regex = None if self.literal else re.compile(r"\s+".join(map(re.escape, parts)))
        wants = has_arabic(folded) if query.clitics is None else query.clitics
        self.clitics = (
            wants
            and self.mode in (Mode.WORD, Mode.PREFIX)
            and letter_count(parts[0]) >= MIN_CLITIC_STEM
        )
        first = lam_form(parts[0]) if self.clitics else None
        if first is not None:
            lam_parts = self.lam_parts(parts)
            self.lam = (
                (lam_parts[0], None)
                if len(lam_parts) == 1
                else ("", re.compile(r"\s+".join(map(re.escape, lam_parts))))
            )

    @staticmethod
    def lam_parts(parts: list[str]) -> list[str]:
        """The folded words of a query starting with the article as found after the
        preposition ل: the first from the article's ل on (لل + stem less the first ل)."""
        first = lam_form(parts[0])
        assert first is not None
        return [first[1:], *parts[1:]]

    def _candidates(self, folded: str, pos: int, endpos: int) -> Iterator[tuple[int, int]]:
        if self.mode is Mode.REGEX:
            return iter(_limited(self.user_regex, self.query_text, folded, pos, endpos))
        return _found(self.literal, self.regex, folded, pos, endpos)

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
        candidates: Iterable[tuple[int, int, bool]]
        if self.lam is None:
            candidates = ((s, e, False) for s, e in self._candidates(folded, pos, end_at))
        else:  # the query as written and after ل (القدس, and لقدس of للقدس), in order
            candidates = heapq.merge(
                ((s, e, False) for s, e in self._candidates(folded, pos, end_at)),
                ((s, e, True) for s, e in _found(*self.lam, folded, pos, end_at)),
            )
        for s, e, after_lam in candidates:
            if s < last:
                continue
            if after_lam:
                if not after_article_lam(folded, s, pos):
                    continue
            elif not self._start_ok(folded, s, pos):
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


def _found(
    literal: str, regex: re.Pattern[str] | None, folded: str, pos: int, endpos: int
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every occurrence of ``literal`` (overlapping), or else of every
    non-empty match of ``regex``, in ``folded[pos:endpos]``."""
    if literal:
        n = len(literal)
        i = folded.find(literal, pos, endpos)
        while i >= 0:
            yield i, i + n
            i = folded.find(literal, i + 1, endpos)
        return
    assert regex is not None
    for m in regex.finditer(folded, pos, endpos):
        if m.end() > m.start():
            yield m.start(), m.end()


REGEX_SECONDS = 3.0
"""the time a regular expression may take over one text (a document, a find bar's text), in
the process's CPU seconds (the ``regex`` library's timeout counts C ``clock()``):
a pattern that backtracks without end (``(a|aa)+$``) is stopped and the search fails
(``RegexTooSlow``) instead of freezing the window or the command"""


class RegexTooSlow(QueryError):
    """A regular expression that took longer than ``REGEX_SECONDS`` over one text."""


def _limited(
    regex: user_regex.Pattern[str], query: str, text: str, pos: int, endpos: int
) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty match of the user's ``regex`` in
    ``text[pos:endpos]``, within ``REGEX_SECONDS``: the ``regex`` library matches with the
    interpreter let go (``concurrent``: the search dock's worker thread no longer starves the
    window's) and stops a pattern that backtracks without end (``timeout``), which Python's
    ``re`` can do neither of; ``RegexTooSlow`` then, naming the query."""
    if pos >= endpos:
        return []  # only empty matches, none of them a hit
    try:
        return [
            m.span()
            for m in regex.finditer(text, pos, endpos, concurrent=True, timeout=REGEX_SECONDS)
            if m.end() > m.start()
        ]
    except TimeoutError:
        raise RegexTooSlow(
            Message(
                "the regular expression {pattern} took longer than {seconds} seconds "
                "and was stopped; simplify it (a group repeated inside a repeat, "
                "like (a|aa)+, can take forever)",
                pattern=repr(query),
                seconds=f"{REGEX_SECONDS:g}",
            )
        ) from None


def after_article_lam(folded: str, s: int, floor: int = 0) -> bool:
    """Whether ``s`` in ``folded`` is the article's ل of a word لل + stem, the preposition ل
    before it at the word's start or after a conjunction (``BEFORE_ARTICLE_LAM``)."""
    w = s
    while w > floor and is_word_char(folded[w - 1]):
        w -= 1
        if s - w > 2:
            return False
    return w < s and BEFORE_ARTICLE_LAM.fullmatch(folded, w, s) is not None


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


def index_words(query: Query) -> list[str]:
    """Folded strings every document holding a hit of ``query`` (word, prefix or substring
    mode) contains: the query's words, the first one from the article's ل on when the query
    also finds it after the preposition ل (القدس: لقدس, in both القدس and للقدس). What a
    trigram index may require of a document (``annotator.project.fts_expression``)."""
    matcher = query.matcher()
    return Matcher.lam_parts(matcher.words) if matcher.lam is not None else matcher.words


def find(text: str | FoldedText, query: Query, doc_id: int = 0) -> list[Hit]:
    """Every hit of ``query`` in one text, in order, as code-point offsets of ``text``."""
    ft = text if isinstance(text, FoldedText) else FoldedText.of(text, query.fold)
    return [Hit(doc_id, *ft.span(s, e)) for s, e in query.matcher().spans(ft.folded)]


SEPARATOR = "\x00"
"""between documents in the corpus string: no word character, no white space"""


CHUNK_CHARS = 1 << 20
"""folded characters (about) of one of the corpus's strings: a scan runs over each in turn,
and no single string operation (a join, a scan without hits) holds the interpreter for long
(the whole 20,000-document string, 40 million characters, took ~90 ms to join: a window's
frame lost while the search dock's first search ended)"""


class FoldedCorpus:
    """The folded copy of many documents, kept in memory as a few long strings (runs of
    whole documents, ``CHUNK_CHARS`` each) for fast scans.

    Built from ``(doc_id, text)`` pairs (e.g. from ``Project.iter_documents()``); a cache,
    never the only copy of a text. Not thread-safe to build; read-only afterwards, so a
    background job may search it while the GUI thread holds it."""

    def __init__(
        self,
        documents: Iterable[tuple[int, str | FoldedText]],
        options: FoldOptions = DEFAULT,
        cancelled: Callable[[], bool] | None = None,
        reuse: FoldedCorpus | None = None,
    ) -> None:
        """``reuse``: an earlier corpus of the same folding whose folded texts are taken
        for the documents it holds with the same id and text (only new documents are
        folded: a corpus kept up to date after an import costs the new documents). A
        document given as a ``FoldedText`` (folded with ``options`` by the caller, e.g. the
        search dock's first search, which folds each document as it reads and searches it)
        is taken as it is."""
        self.options = options
        old: dict[int, FoldedText] = {}
        if reuse is not None and reuse.options == options:
            old = dict(zip(reuse.ids, reuse.texts, strict=True))
        self.ids: list[int] = []
        self.texts: list[FoldedText] = []
        self.starts: list[int] = []
        self._index: dict[int, int] = {}
        self._chunks: list[tuple[int, str]] = []
        """(the index of its first document, the folded texts of its run joined by
        ``SEPARATOR``)"""
        self._folded: str | None = None
        parts: list[str] = []
        first = 0
        at = 0
        for doc_id, text in documents:
            if cancelled is not None and len(self.ids) % 500 == 0 and cancelled():
                raise _cancelled()
            if isinstance(text, FoldedText):
                ft = text
            else:
                ft = old.get(doc_id) or FoldedText.of(text, options)
                if ft.original != text:  # same id, another text (another project): fold it
                    ft = FoldedText.of(text, options)
            self._index[doc_id] = len(self.ids)
            self.ids.append(doc_id)
            self.texts.append(ft)
            self.starts.append(at)
            parts.append(ft.folded)
            at += len(ft.folded) + len(SEPARATOR)
            if at - self.starts[first] >= CHUNK_CHARS:
                self._chunks.append((first, SEPARATOR.join(parts)))
                parts = []
                first = len(self.ids)
        if parts:
            self._chunks.append((first, SEPARATOR.join(parts)))

    @property
    def folded(self) -> str:
        """Every document's folded text joined by ``SEPARATOR`` (document ``k`` from
        ``starts[k]``), made on first use."""
        if self._folded is None:
            self._folded = SEPARATOR.join(chunk for _, chunk in self._chunks)
        return self._folded

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
        """Hits in document order (all documents, or those of ``doc_ids``): exactly the hits
        of ``find`` in each document.

        A regular expression runs over each document's folded text on its own: over the
        joined string ``.`` or ``[^،]`` would match the separator and run into the next
        document (and ``$`` would not match at a document's end), so a match at a
        document's end would be lost, and with it the hits it ran over. The other modes
        cannot cross the separator (no word character, no white space) and scan the joined
        string once."""
        if query.fold != self.options:
            raise QueryError("the query folds differently from the corpus; rebuild the corpus")
        matcher = query.matcher()
        if doc_ids is None and matcher.mode is Mode.REGEX:
            doc_ids = self.ids
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
        count = 0
        for first, chunk in self._chunks:
            if cancelled is not None and cancelled():
                raise _cancelled()
            k = first
            at = starts[first]
            for s, e in matcher.spans(chunk):
                count += 1
                if cancelled is not None and count % 1000 == 0 and cancelled():
                    raise _cancelled()
                s, e = s + at, e + at
                if k + 1 < len(starts) and s >= starts[k + 1]:
                    k = bisect.bisect_right(starts, s) - 1
                base = starts[k]
                ft = texts[k]
                if e - base > len(ft.folded):
                    continue  # a query holding the separator itself (a NUL)
                yield Hit(ids[k], *ft.span(s - base, e - base))


def _cancelled() -> Cancelled:
    return Cancelled("search cancelled")


# -- matching on the original text (no folded copy) -------------------------------------------
_PLAIN = re.compile("[\u0621-\u063a\u0641-\u064a0-9]+")
"""folded characters whose originals are known exactly: Arabic letters (none of them cased,
so nothing else lowers to one) and ASCII digits"""
_ORIGINALS = {"ا": "اأإآٱ", "ي": "يى"} | {
    str(k): f"{k}{chr(0x660 + k)}{chr(0x6F0 + k)}" for k in range(10)
}
"""folded character → every character that folds to it (the others: itself only)"""
_DROPPED_CLASS = DROPPED_CLASS
_DROPPED_RUN = re.compile(f"{_DROPPED_CLASS}*")
_DROPPED_CHARS = frozenset(
    c for c in map(chr, [*range(0x600, 0x700), *range(0x2000, 0x2070)]) if _DROPPED_RUN.fullmatch(c)
)
"""every character folding drops (harakat, tatweel: U+06xx; formatting: U+061C, U+20xx)"""


_COMMON = "اليمونهرتبةعدسفكقحجشطصزخثضذغءظئؤ"
"""Arabic letters from the most to the least common in news text (letter counts of
bench_search's corpus, the rarest few as usual Arabic letter tables order them); a letter not
listed counts as rarer than all of them"""
_COMMONEST = 6
"""a query led by a character class (ا, ي, a digit) or by one of this many commonest letters
is scanned from a rarer letter (``OriginalMatcher``)"""
_ANCHOR_REST = 3
"""letters a scan's anchor must have from it to the query's end (itself included), so that
the regular expression, not Python, rejects most places where the anchor occurs"""
_SPACE_RUN = object()
"""(in ``OriginalMatcher.behind``) the white space between two words of a query"""


@functools.cache
def _folded_char(ch: str) -> str:
    return fold_text(ch)


@functools.cache
def _folds_to_word_char(ch: str) -> bool:
    return is_word_char(_folded_char(ch))


class OriginalMatcher:
    """A word, prefix or substring query over the ORIGINAL text, for queries made of Arabic
    letters and digits (``of(query)``, else None): each folded character becomes the class of
    the characters that fold to it, with the dropped characters (harakat, tatweel) allowed
    between them, so a text is searched without folding it. Word starts, proclitics and word
    ends are checked on the folded characters around each candidate, exactly as ``Matcher``
    checks them on the folded copy, and a hit ends after the marks of its last character as
    ``FoldedText.span`` ends it: ``spans(text)`` equals ``FoldedText.span`` of every
    ``Matcher.spans`` of the folded text (tests/core/test_search.py).

    A query led by a class (ا in الدفاع, يوسف) or a very common letter is scanned from its
    rarest letter (``_COMMON``) with at least ``_ANCHOR_REST`` letters from there to its end
    (``anchored``), and the letters before that anchor are checked backwards (``behind``):
    with a class first the regular-expression engine tries nearly every position of the text
    (80-100 ms over 20 MB, against 15-45 ms from a rarer letter). Every character of a query
    is a letter or digit, never a dropped character or white space, so the text from a
    match's start to its anchor splits one way only, and the backward check finds the start
    the whole query's pattern would match from."""

    def __init__(self, matcher: Matcher, parts: list[str], after_lam: bool = False) -> None:
        self.mode = matcher.mode
        self.clitics = matcher.clitics
        self.after_lam = after_lam
        """``parts`` are the query's form after the preposition ل (``Matcher.lam``): a hit
        must start right after that ل (``BEFORE_ARTICLE_LAM``)"""
        self.lam: OriginalMatcher | None = None
        """the matcher of that form, for a query that has one"""
        self.overlapping = bool(matcher.literal)  # str.find from the next character
        between = _DROPPED_CLASS + "*"
        space = f"{between}\\s(?:{between}\\s)*{between}"
        units = [[f"[{_ORIGINALS[c]}]" if c in _ORIGINALS else c for c in part] for part in parts]
        letters = [(w, i, c) for w, part in enumerate(parts) for i, c in enumerate(part)]
        rank = [
            -1 if c in _ORIGINALS else _COMMON.find(c) % (len(_COMMON) + 1) for _, _, c in letters
        ]
        k = 0
        if rank[0] < _COMMONEST:  # the rarest letter with enough after it; the first of equals
            allowed = rank[: max(1, len(letters) - _ANCHOR_REST + 1)]
            k = allowed.index(max(allowed))
        w, i, _ = letters[k]
        self.anchored = re.compile(
            space.join(between.join(word) for word in [units[w][i:], *units[w + 1 :]])
        )
        """the query from its anchor on (the whole query when that is its first letter)"""
        behind: list[frozenset[str] | object] = [
            frozenset(_ORIGINALS.get(c, c)) for c in reversed(parts[w][:i])
        ]
        for part in reversed(parts[:w]):
            behind.append(_SPACE_RUN)
            behind.extend(frozenset(_ORIGINALS.get(c, c)) for c in reversed(part))
        self.behind = behind
        """the query before its anchor, backwards: each letter's characters, or
        ``_SPACE_RUN`` between two words"""

    @classmethod
    def of(cls, query: Query) -> OriginalMatcher | None:
        matcher = query.matcher()
        if matcher.mode is Mode.REGEX or query.fold.ta_marbuta:
            return None
        parts = matcher.words
        if not all(_PLAIN.fullmatch(p) for p in parts):
            return None
        original = cls(matcher, parts)
        if matcher.lam is not None:
            original.lam = cls(matcher, Matcher.lam_parts(parts), after_lam=True)
        return original

    def _start(self, text: str, a: int) -> int:
        """Where the query starts when its anchor is at ``a`` (the letters before it checked
        backwards), or -1 when they are not there."""
        p, dropped = a, _DROPPED_CHARS
        for letter in self.behind:
            if letter is _SPACE_RUN:  # dropped characters and white space, some space
                q = p
                while q > 0 and (text[q - 1] in dropped or text[q - 1].isspace()):
                    q -= 1
                if not any(ch.isspace() for ch in text[q:p]):
                    return -1
                p = q
                continue
            while p > 0 and text[p - 1] in dropped:
                p -= 1
            if p == 0 or text[p - 1] not in letter:  # type: ignore[operator]
                return -1
            p -= 1
        return p

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` code points of every hit in ``text``, in order."""
        return iter(self.all_spans(text))

    def all_spans(self, text: str) -> list[tuple[int, int]]:
        """``spans`` as a list."""
        return self.spans_of([text])[0]

    def spans_of(self, texts: Iterable[str]) -> list[list[tuple[int, int]]]:
        """``all_spans`` of each of ``texts``, in one loop (a caller searching thousands of
        texts sets nothing up, and makes no generator, for each)."""
        if self.lam is None:
            return self._spans_of(texts)
        texts = list(texts)
        out = []
        for found, after_lam in zip(self._spans_of(texts), self.lam._spans_of(texts), strict=True):
            if not after_lam:
                out.append(found)
                continue
            merged, last = [], -1  # in order, none overlapping (as ``Matcher.spans``)
            for s, e in heapq.merge(found, after_lam):
                if s >= last:
                    merged.append((s, e))
                    last = e
            out.append(merged)
        return out

    def _spans_of(self, texts: Iterable[str]) -> list[list[tuple[int, int]]]:
        """``spans_of`` for this form of the query alone."""
        search = self.anchored.search
        mode = self.mode
        word, prefix, substring = mode is Mode.WORD, mode is Mode.PREFIX, mode is Mode.SUBSTRING
        anchored, overlapping = bool(self.behind), self.overlapping
        after_lam = self.after_lam
        dropped, wordy, after_marks = _DROPPED_CHARS, _folds_to_word_char, _DROPPED_RUN.match
        out: list[list[tuple[int, int]]] = []
        for text in texts:
            found: list[tuple[int, int]] = []
            out.append(found)
            m = search(text)
            n = len(text)
            last = resume = -1
            while m is not None:
                s, e = m.span()
                # as ``regex.search`` from the last match's next character (a literal query)
                # or end; from an anchor, every place it matches, the others skipped below
                m = search(text, s + 1 if anchored or overlapping else e)
                if anchored:
                    s = self._start(text, s)
                    if s < 0 or s < resume:  # not the query, or inside the last match
                        continue
                    resume = s + 1 if overlapping else e
                if not substring:
                    if s < last:
                        continue
                    p = s - 1  # a word starts here (the usual case), or after proclitics?
                    while p >= 0 and text[p] in dropped:
                        p -= 1
                    if (after_lam or (p >= 0 and wordy(text[p]))) and not self._start_ok(text, s):
                        continue
                if e < n and text[e] in dropped:
                    e = after_marks(text, e).end()  # type: ignore[union-attr]
                if word:
                    if e < n and wordy(text[e]):
                        continue
                elif prefix:
                    while e < n and wordy(text[e]):
                        e = after_marks(text, e + 1).end()  # type: ignore[union-attr]
                if e < n and not is_letter_boundary(text, e):  # a mark folding keeps (U+08F0)
                    e = next_letter(text, e)
                last = e
                found.append((s, e))
        return out

    def _start_ok(self, text: str, s: int) -> bool:
        """``word_start_ok`` on the folded characters before ``s``: the word characters
        right before it (at most ``MAX_CLITICS``, each folded alone) must be proclitics."""
        dropped, before = _DROPPED_CHARS, list[str]()
        p = s - 1
        while p >= 0:
            ch = text[p]
            p -= 1
            if ch in dropped:
                continue
            if not _folds_to_word_char(ch):
                break
            if len(before) == MAX_CLITICS or not self.clitics:
                return False
            before.append(_folded_char(ch))
        if not before:
            return not self.after_lam
        rule = BEFORE_ARTICLE_LAM if self.after_lam else CLITICS
        return rule.fullmatch("".join(reversed(before))) is not None
