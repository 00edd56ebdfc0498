"""The token layer every token-based export (CoNLL, HF, spaCy, event JSON) is built on.

Tokens are ``(start, end)`` code-point offsets into the document text; the text is never
rewritten. The default splitter keeps Arabic words whole (letters, harakat, digits, tatweel,
ZWJ/ZWNJ) and every other token one grapheme cluster (an emoji sequence, a flag); no token
starts with a joiner. So a name written with a proclitic (وهولندا, بباريس) is one token until
``split_at`` cuts it at the span boundary: that is what lets every span map onto whole tokens.

This module also picks the spans a token export writes (entities vs event triggers) and
resolves overlaps for formats that hold one tag per token.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from annotator.errors import Message
from annotator.formats.common import (
    DISCONTINUOUS,
    LABEL_NOT_SELECTED,
    ONLY_WHITE_SPACE,
    REPEATED_SPAN,
    ExportOptions,
    ExportReport,
)
from annotator.model import DocumentAnnotations, Span
from annotator.schema import Schema

Token = tuple[int, int]


# The ranges the scan in ``_scan_marks`` finds, per Unicode version of ``unicodedata`` (hex code
# points, "a-b" inclusive): the scan costs 17-25 ms of CPU at every start (180 ms measured on a
# loaded machine), the table well under 1 ms. Other versions are scanned. Generated with
# ``_ranges(_scan_marks())`` under Python 3.11 (Unicode 14.0.0), 3.12 (15.0.0) and 3.13
# (15.1.0); tests/core/test_tokens_marks.py checks the table of the running version.
_MARK_RANGES = {
    "14.0.0": (
        "300-36f 483-489 591-5bd 5bf 5c1-5c2 5c4-5c5 5c7 610-61a 64b-65f 670 6d6-6dc 6df-6e4 "
        "6e7-6e8 6ea-6ed 711 730-74a 7a6-7b0 7eb-7f3 7fd 816-819 81b-823 825-827 829-82d 859-85b "
        "898-89f 8ca-8e1 8e3-903 93a-93c 93e-94f 951-957 962-963 981-983 9bc 9be-9c4 9c7-9c8 "
        "9cb-9cd 9d7 9e2-9e3 9fe a01-a03 a3c a3e-a42 a47-a48 a4b-a4d a51 a70-a71 a75 a81-a83 abc "
        "abe-ac5 ac7-ac9 acb-acd ae2-ae3 afa-aff b01-b03 b3c b3e-b44 b47-b48 b4b-b4d b55-b57 "
        "b62-b63 b82 bbe-bc2 bc6-bc8 bca-bcd bd7 c00-c04 c3c c3e-c44 c46-c48 c4a-c4d c55-c56 "
        "c62-c63 c81-c83 cbc cbe-cc4 cc6-cc8 cca-ccd cd5-cd6 ce2-ce3 d00-d03 d3b-d3c d3e-d44 "
        "d46-d48 d4a-d4d d57 d62-d63 d81-d83 dca dcf-dd4 dd6 dd8-ddf df2-df3 e31 e34-e3a e47-e4e "
        "eb1 eb4-ebc ec8-ecd f18-f19 f35 f37 f39 f3e-f3f f71-f84 f86-f87 f8d-f97 f99-fbc fc6 "
        "102b-103e 1056-1059 105e-1060 1062-1064 1067-106d 1071-1074 1082-108d 108f 109a-109d "
        "135d-135f 1712-1715 1732-1734 1752-1753 1772-1773 17b4-17d3 17dd 180b-180d 180f "
        "1885-1886 18a9 1920-192b 1930-193b 1a17-1a1b 1a55-1a5e 1a60-1a7c 1a7f 1ab0-1ace "
        "1b00-1b04 1b34-1b44 1b6b-1b73 1b80-1b82 1ba1-1bad 1be6-1bf3 1c24-1c37 1cd0-1cd2 "
        "1cd4-1ce8 1ced 1cf4 1cf7-1cf9 1dc0-1dff 20d0-20f0 2cef-2cf1 2d7f 2de0-2dff 302a-302f "
        "3099-309a a66f-a672 a674-a67d a69e-a69f a6f0-a6f1 a802 a806 a80b a823-a827 a82c "
        "a880-a881 a8b4-a8c5 a8e0-a8f1 a8ff a926-a92d a947-a953 a980-a983 a9b3-a9c0 a9e5 "
        "aa29-aa36 aa43 aa4c-aa4d aa7b-aa7d aab0 aab2-aab4 aab7-aab8 aabe-aabf aac1 aaeb-aaef "
        "aaf5-aaf6 abe3-abea abec-abed fb1e fe00-fe0f fe20-fe2f 101fd 102e0 10376-1037a "
        "10a01-10a03 10a05-10a06 10a0c-10a0f 10a38-10a3a 10a3f 10ae5-10ae6 10d24-10d27 "
        "10eab-10eac 10f46-10f50 10f82-10f85 11000-11002 11038-11046 11070 11073-11074 "
        "1107f-11082 110b0-110ba 110c2 11100-11102 11127-11134 11145-11146 11173 11180-11182 "
        "111b3-111c0 111c9-111cc 111ce-111cf 1122c-11237 1123e 112df-112ea 11300-11303 "
        "1133b-1133c 1133e-11344 11347-11348 1134b-1134d 11357 11362-11363 11366-1136c "
        "11370-11374 11435-11446 1145e 114b0-114c3 115af-115b5 115b8-115c0 115dc-115dd "
        "11630-11640 116ab-116b7 1171d-1172b 1182c-1183a 11930-11935 11937-11938 1193b-1193e "
        "11940 11942-11943 119d1-119d7 119da-119e0 119e4 11a01-11a0a 11a33-11a39 11a3b-11a3e "
        "11a47 11a51-11a5b 11a8a-11a99 11c2f-11c36 11c38-11c3f 11c92-11ca7 11ca9-11cb6 "
        "11d31-11d36 11d3a 11d3c-11d3d 11d3f-11d45 11d47 11d8a-11d8e 11d90-11d91 11d93-11d97 "
        "11ef3-11ef6 16af0-16af4 16b30-16b36 16f4f 16f51-16f87 16f8f-16f92 16fe4 16ff0-16ff1 "
        "1bc9d-1bc9e 1cf00-1cf2d 1cf30-1cf46 1d165-1d169 1d16d-1d172 1d17b-1d182 1d185-1d18b "
        "1d1aa-1d1ad 1d242-1d244 1da00-1da36 1da3b-1da6c 1da75 1da84 1da9b-1da9f 1daa1-1daaf "
        "1e000-1e006 1e008-1e018 1e01b-1e021 1e023-1e024 1e026-1e02a 1e130-1e136 1e2ae "
        "1e2ec-1e2ef 1e8d0-1e8d6 1e944-1e94a e0100-e01ef"
    ),
    "15.0.0": (
        "300-36f 483-489 591-5bd 5bf 5c1-5c2 5c4-5c5 5c7 610-61a 64b-65f 670 6d6-6dc 6df-6e4 "
        "6e7-6e8 6ea-6ed 711 730-74a 7a6-7b0 7eb-7f3 7fd 816-819 81b-823 825-827 829-82d 859-85b "
        "898-89f 8ca-8e1 8e3-903 93a-93c 93e-94f 951-957 962-963 981-983 9bc 9be-9c4 9c7-9c8 "
        "9cb-9cd 9d7 9e2-9e3 9fe a01-a03 a3c a3e-a42 a47-a48 a4b-a4d a51 a70-a71 a75 a81-a83 abc "
        "abe-ac5 ac7-ac9 acb-acd ae2-ae3 afa-aff b01-b03 b3c b3e-b44 b47-b48 b4b-b4d b55-b57 "
        "b62-b63 b82 bbe-bc2 bc6-bc8 bca-bcd bd7 c00-c04 c3c c3e-c44 c46-c48 c4a-c4d c55-c56 "
        "c62-c63 c81-c83 cbc cbe-cc4 cc6-cc8 cca-ccd cd5-cd6 ce2-ce3 cf3 d00-d03 d3b-d3c d3e-d44 "
        "d46-d48 d4a-d4d d57 d62-d63 d81-d83 dca dcf-dd4 dd6 dd8-ddf df2-df3 e31 e34-e3a e47-e4e "
        "eb1 eb4-ebc ec8-ece f18-f19 f35 f37 f39 f3e-f3f f71-f84 f86-f87 f8d-f97 f99-fbc fc6 "
        "102b-103e 1056-1059 105e-1060 1062-1064 1067-106d 1071-1074 1082-108d 108f 109a-109d "
        "135d-135f 1712-1715 1732-1734 1752-1753 1772-1773 17b4-17d3 17dd 180b-180d 180f "
        "1885-1886 18a9 1920-192b 1930-193b 1a17-1a1b 1a55-1a5e 1a60-1a7c 1a7f 1ab0-1ace "
        "1b00-1b04 1b34-1b44 1b6b-1b73 1b80-1b82 1ba1-1bad 1be6-1bf3 1c24-1c37 1cd0-1cd2 "
        "1cd4-1ce8 1ced 1cf4 1cf7-1cf9 1dc0-1dff 20d0-20f0 2cef-2cf1 2d7f 2de0-2dff 302a-302f "
        "3099-309a a66f-a672 a674-a67d a69e-a69f a6f0-a6f1 a802 a806 a80b a823-a827 a82c "
        "a880-a881 a8b4-a8c5 a8e0-a8f1 a8ff a926-a92d a947-a953 a980-a983 a9b3-a9c0 a9e5 "
        "aa29-aa36 aa43 aa4c-aa4d aa7b-aa7d aab0 aab2-aab4 aab7-aab8 aabe-aabf aac1 aaeb-aaef "
        "aaf5-aaf6 abe3-abea abec-abed fb1e fe00-fe0f fe20-fe2f 101fd 102e0 10376-1037a "
        "10a01-10a03 10a05-10a06 10a0c-10a0f 10a38-10a3a 10a3f 10ae5-10ae6 10d24-10d27 "
        "10eab-10eac 10efd-10eff 10f46-10f50 10f82-10f85 11000-11002 11038-11046 11070 "
        "11073-11074 1107f-11082 110b0-110ba 110c2 11100-11102 11127-11134 11145-11146 11173 "
        "11180-11182 111b3-111c0 111c9-111cc 111ce-111cf 1122c-11237 1123e 11241 112df-112ea "
        "11300-11303 1133b-1133c 1133e-11344 11347-11348 1134b-1134d 11357 11362-11363 "
        "11366-1136c 11370-11374 11435-11446 1145e 114b0-114c3 115af-115b5 115b8-115c0 "
        "115dc-115dd 11630-11640 116ab-116b7 1171d-1172b 1182c-1183a 11930-11935 11937-11938 "
        "1193b-1193e 11940 11942-11943 119d1-119d7 119da-119e0 119e4 11a01-11a0a 11a33-11a39 "
        "11a3b-11a3e 11a47 11a51-11a5b 11a8a-11a99 11c2f-11c36 11c38-11c3f 11c92-11ca7 "
        "11ca9-11cb6 11d31-11d36 11d3a 11d3c-11d3d 11d3f-11d45 11d47 11d8a-11d8e 11d90-11d91 "
        "11d93-11d97 11ef3-11ef6 11f00-11f01 11f03 11f34-11f3a 11f3e-11f42 13440 13447-13455 "
        "16af0-16af4 16b30-16b36 16f4f 16f51-16f87 16f8f-16f92 16fe4 16ff0-16ff1 1bc9d-1bc9e "
        "1cf00-1cf2d 1cf30-1cf46 1d165-1d169 1d16d-1d172 1d17b-1d182 1d185-1d18b 1d1aa-1d1ad "
        "1d242-1d244 1da00-1da36 1da3b-1da6c 1da75 1da84 1da9b-1da9f 1daa1-1daaf 1e000-1e006 "
        "1e008-1e018 1e01b-1e021 1e023-1e024 1e026-1e02a 1e08f 1e130-1e136 1e2ae 1e2ec-1e2ef "
        "1e4ec-1e4ef 1e8d0-1e8d6 1e944-1e94a e0100-e01ef"
    ),
}
_MARK_RANGES["15.1.0"] = _MARK_RANGES["15.0.0"]


def _scan_marks() -> list[int]:
    """Every combining mark (Mn, Mc, Me) of the planes that hold marks, by a full scan."""
    points = [c for c in range(0x30000) if unicodedata.category(chr(c))[0] == "M"]
    points += [c for c in range(0xE0000, 0xE1000) if unicodedata.category(chr(c))[0] == "M"]
    return points


def _ranges(points: list[int]) -> str:
    """Ascending code points as the ``_MARK_RANGES`` text."""
    out: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        out.append(f"{points[i]:x}" + (f"-{points[j]:x}" if j > i else ""))
        i = j + 1
    return " ".join(out)


def _mark_class() -> str:
    """A regex class body of every combining mark (Mn, Mc, Me).

    Python's ``\\w`` covers letters and digits but not marks, so vocalised Arabic (بَغْدَادُ)
    would fall apart without them. The ranges come from ``_MARK_RANGES`` when it has the
    running Unicode version, else from a scan of the planes that hold marks.
    """
    table = _MARK_RANGES.get(unicodedata.unidata_version) or _ranges(_scan_marks())
    parts: list[str] = []
    for item in table.split():
        first, _, last = item.partition("-")
        a = int(first, 16)
        b = int(last, 16) if last else a
        parts.append(f"\\U{a:08x}" + (f"-\\U{b:08x}" if b > a else ""))
    return "".join(parts)


JOINERS = "\u200c\u200d"
"""ZWNJ and ZWJ: inside a word or an emoji sequence, never the start of a token"""
_MARKS = _mark_class()
# A word character: letters and digits (\w without "_"), marks, ZWNJ and ZWJ (tatweel is Lm).
_W = rf"(?:[^\W_]|[{_MARKS}{JOINERS}])"
# Digit groups stay whole across a separator with digits on both sides: 3,000.5 and ١٢٫٥.
_NUMBER_JOIN = "[.,\u066b\u066c]"
# Any other token is one grapheme cluster (Unicode's extended grapheme cluster, UAX #29, for
# what news text holds): a character with the marks, joiners, emoji skin tones (U+1F3FB-1F3FF)
# and tag characters (the subdivision flags) after it, a character after a ZWJ joined on
# (👨‍👩‍👧), and a pair of regional indicators as one flag (🇸🇦).
_EXTEND = rf"[{_MARKS}{JOINERS}\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]"
_FLAG = "[\U0001f1e6-\U0001f1ff]{2}"
_CLUSTER = rf"(?:{_FLAG}|[^\s{JOINERS}])(?:{_EXTEND}|(?<=\u200d)[^\s\w{JOINERS}])*"
_TOKEN = re.compile(rf"{_W}+(?:(?<=\d){_NUMBER_JOIN}(?=\d){_W}+)*|{_CLUSTER}")

SENTENCE_END = frozenset(".!?؟…\u06d4")
"""Tokens that end a sentence (the Arabic question mark and full stop included). The
semicolons ; and ؛ join clauses of one sentence, as spaCy's sentencizer also reads them: in
Arabic news ؛ often leads into the clause that holds an event's participants (the seed
article's first sentence), and a break there left those arguments out of the exports."""
_CLOSERS = frozenset("\"'»”’)]}›")


UNTOKENISED = "\ufeff"
"""Characters no token starts or ends with (and no token is made of): a BOM is dropped from
the start of a file by every reader (``text.normalise``), so a token written first in a file
would not survive, and event JSON refuses a token starting with one. They stay in the text,
between tokens, like white space."""


BETWEEN = UNTOKENISED + JOINERS
"""What besides white space the token layer may leave between two tokens: a BOM
(``UNTOKENISED``) and a joiner a cut took off the start of a token (``_trimmed``). A reader
that rebuilds a text from tokens (event JSON's ``sentence``) takes these as it takes white
space, so that the text comes back as written."""


def only_between(gap: str) -> bool:
    """Whether text between two tokens holds nothing but white space and ``BETWEEN``."""
    return all(c.isspace() or c in BETWEEN for c in gap)


def uncovered(text: str, tokens: Sequence[Token]) -> int | None:
    """The offset of the first character of ``text`` that no token covers and that is not
    white space nor ``BETWEEN`` (None when the tokens cover all the rest). The tokens are
    sorted and do not overlap."""
    prev = 0
    for s, e in [*tokens, (len(text), len(text))]:
        for i in range(prev, s):
            if not (text[i].isspace() or text[i] in BETWEEN):
                return i
        prev = max(prev, e)
    return None


_TRIMMED_AT_END = frozenset(UNTOKENISED).union(c for c in map(chr, range(0x3001)) if c.isspace())
"""what ``_trimmed`` takes off a token's end: ``UNTOKENISED`` and white space (every
character ``str.isspace`` accepts, all below U+3001, listed once: one set look-up per edge)"""
_TRIMMED_AT_START = _TRIMMED_AT_END.union(JOINERS)
"""what it takes off a token's start (with ``joiners``)"""


def _trimmed(
    text: str, tokens: Sequence[Token], joiners: bool = True
) -> tuple[list[Token], list[int]]:
    """Tokens without ``UNTOKENISED`` characters nor white space at their edges nor
    (``joiners``) a joiner (``JOINERS``) at their start (left out when nothing else is in
    them: a cut at a span boundary before a ZWNJ leaves it between the tokens, not glued to
    the next word), and for each kept token the index of the token it came from. Imported
    tokens keep their joiners: they are the file's own, and a CoNLL token written without its
    ZWNJ reads back as another text; their white space (spaCy's "\\n" tokens) is no token."""
    out: list[Token] = []
    source: list[int] = []
    at_end = _TRIMMED_AT_END
    at_start = _TRIMMED_AT_START if joiners else at_end
    for k, (s, e) in enumerate(tokens):
        while s < e and text[s] in at_start:
            s += 1
        while e > s and text[e - 1] in at_end:
            e -= 1
        if s < e:
            out.append((s, e))
            source.append(k)
    return out, source


def tokenize(text: str) -> list[Token]:
    """Words (letter/mark/digit/tatweel/ZWJ/ZWNJ runs) and single grapheme clusters of other
    characters (an emoji with its skin tone or ZWJ sequence, a flag). Every character but
    white space is in a token; ``token_layer`` takes a joiner off the start of a token."""
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def blank_arabic() -> Any:
    """spaCy's blank Arabic pipeline, loaded once (importing spaCy takes about a second)."""
    import spacy

    return spacy.blank("ar")


def spacy_tokenize(text: str) -> list[Token]:
    """Tokens of spaCy's Arabic tokenizer (``spacy.blank("ar")``), white-space tokens left out."""
    doc = blank_arabic().make_doc(text)
    return [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


def split_at(tokens: Sequence[Token], boundaries: Iterable[int]) -> tuple[list[Token], int]:
    """Cut tokens at every boundary that falls strictly inside one (و|هولندا, ب|باريس).

    Returns the new tokens and how many of the given tokens were cut.
    """
    cuts = sorted(set(boundaries))
    out: list[Token] = []
    n_split = 0
    for start, end in tokens:
        lo = bisect.bisect_right(cuts, start)
        hi = bisect.bisect_left(cuts, end)
        if lo >= hi:
            out.append((start, end))
            continue
        n_split += 1
        prev = start
        for cut in cuts[lo:hi]:
            out.append((prev, cut))
            prev = cut
        out.append((prev, end))
    return out, n_split


def sentences(
    text: str, tokens: Sequence[Token], no_break: Iterable[tuple[int, int]] = ()
) -> list[list[int]]:
    """Token indices grouped into sentences.

    A sentence ends after . ! ? ؟ … ۔ (with any closing quotes or brackets right after) and
    at every line break. No sentence ends inside a ``no_break`` character range (a span).
    """
    starts = [s for s, _ in tokens]
    blocked = [False] * len(tokens)  # blocked[i]: no break between token i and i + 1
    for s, e in no_break:
        first = bisect.bisect_right(starts, s) - 1
        last = bisect.bisect_left(starts, e) - 1
        for i in range(max(first, 0), last):
            blocked[i] = True
    out: list[list[int]] = []
    current: list[int] = []
    ended = False
    for i, (s, e) in enumerate(tokens):
        if current:
            gap = text[tokens[i - 1][1] : s]
            closer = not gap and text[s:e] in _CLOSERS | SENTENCE_END
            if ("\n" in gap or (ended and not closer)) and not blocked[i - 1]:
                out.append(current)
                current = []
                ended = False
        current.append(i)
        ended = ended or text[s:e] in SENTENCE_END
    if current:
        out.append(current)
    return out


@dataclass(frozen=True)
class TokenLayer:
    """Tokens of one document split at span boundaries, grouped into sentences."""

    text: str
    tokens: list[Token]
    sentences: list[list[int]]
    n_split: int

    def words(self) -> list[str]:
        return [self.text[s:e] for s, e in self.tokens]

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices ``[i, j)`` of the tokens inside ``[start, end)``, or None when there are none."""
        i = bisect.bisect_left(self.tokens, (start, start))
        j = i
        while j < len(self.tokens) and self.tokens[j][1] <= end:
            j += 1
        return (i, j) if j > i else None

    def sentence_of(self) -> list[int]:
        """For each token, the index of its sentence."""
        out = [0] * len(self.tokens)
        for k, sent in enumerate(self.sentences):
            for i in sent:
                out[i] = k
        return out


def _meta_tokens(text: str, meta: dict[str, Any]) -> tuple[list[Token], list[int]] | None:
    """Tokens and per-token sentence numbers an importer kept in ``meta``, if they fit ``text``."""
    raw = meta.get("tokens")
    if not isinstance(raw, list) or not raw:
        return None
    try:
        toks = [(int(s), int(e)) for s, e in raw]
    except (TypeError, ValueError):
        return None
    prev = 0
    for s, e in toks:
        if not prev <= s < e <= len(text):
            return None
        prev = e
    sent_of = [0] * len(toks)
    for k, bounds in enumerate(meta.get("sentences") or []):
        try:
            a, b = int(bounds[0]), int(bounds[1])
        except (TypeError, ValueError, IndexError):
            return None
        for i in range(max(a, 0), min(b, len(toks))):
            sent_of[i] = k
    return toks, sent_of


def _gaps_filled(
    text: str, tokens: list[Token], sent_of: list[int]
) -> tuple[list[Token], list[int]]:
    """Imported tokens with the text they leave uncovered tokenised (``tokenize``), each new
    token in the sentence of the token before it (the first sentence before the first token):
    tokens an older import kept for part of the text (a spaCy JSONL task's tokens were not
    checked) must not make an export drop the rest of the words."""
    out: list[Token] = []
    out_sent: list[int] = []
    prev = 0
    for (s, e), k in [*zip(tokens, sent_of, strict=True), ((len(text), len(text)), -1)]:
        if not only_between(text[prev:s]):
            gap = [(prev + a, prev + b) for a, b in tokenize(text[prev:s])]
            filled = _trimmed(text, gap)[0]
            out += filled
            out_sent += [out_sent[-1] if out_sent else max(k, 0)] * len(filled)
        if k >= 0:
            out.append((s, e))
            out_sent.append(k)
        prev = max(prev, e)
    return out, out_sent


def token_layer(
    text: str,
    boundaries: Iterable[int],
    tokenizer: str = "default",
    meta: dict[str, Any] | None = None,
    no_break: Iterable[tuple[int, int]] = (),
) -> TokenLayer:
    """The token layer of a document: imported tokens (``meta``) or the chosen tokenizer,
    cut at ``boundaries``; imported sentence breaks are kept, else found by ``sentences``."""
    kept = _meta_tokens(text, meta or {})
    if kept is not None:
        base, source = _trimmed(text, kept[0], joiners=False)
        base, base_sent = _gaps_filled(text, base, [kept[1][k] for k in source])
        toks, n = split_at(base, boundaries)
        base_starts = [s for s, _ in base]
        groups: dict[int, list[int]] = {}
        for i, (s, _) in enumerate(toks):
            k = base_sent[bisect.bisect_right(base_starts, s) - 1]
            groups.setdefault(k, []).append(i)
        return TokenLayer(text, toks, [groups[k] for k in sorted(groups)], n)
    if tokenizer not in ("default", "spacy"):
        raise ValueError(f"unknown tokenizer {tokenizer!r} (expected default or spacy)")
    base = spacy_tokenize(text) if tokenizer == "spacy" else tokenize(text)
    toks, n = split_at(_trimmed(text, base)[0], boundaries)
    toks = _trimmed(text, toks)[0]  # a cut inside a token may leave a BOM at a new edge
    return TokenLayer(text, toks, sentences(text, toks, no_break), n)


# -- the spans a token export writes ---------------------------------------------------


def export_spans(
    doc: DocumentAnnotations, schema: Schema, options: ExportOptions, report: ExportReport
) -> tuple[list[Span], list[Span]]:
    """(entity spans, trigger spans) of a document, sorted; what cannot go is counted.

    Entity spans carry an entity label of the schema, triggers an event type. Discontinuous
    spans have no token form and are dropped. A span repeating an earlier one of its layer
    (``rules.repeated_spans``) is dropped as such (``REPEATED_SPAN``), the first kept: it is
    not another span overlapping the kept one, and spaCy's ``doc.spans`` must not hold it
    twice.
    """
    # here, not at the top: every importer loads this module, and the rules module's import
    # took 32 of its 54 ms (bench_startup's tokenize_import, target < 20 ms: 13.8 ms after)
    from annotator.rules import repeated_spans

    entities: list[Span] = []
    triggers: list[Span] = []
    live = [s for s in doc.spans if not s.deleted]
    repeats = {k for k, _ in repeated_spans(live)}
    for k, span in enumerate(live):
        if options.labels and span.label not in options.labels:
            report.drop(LABEL_NOT_SELECTED)
        elif k in repeats:
            report.drop(REPEATED_SPAN)
        elif span.fragments:
            report.drop(DISCONTINUOUS)
        elif not doc.document.text[span.start : span.end].strip():
            report.drop(ONLY_WHITE_SPACE)
        elif schema.entity(span.label) is not None:
            entities.append(span)
        elif schema.event(span.label) is not None:
            triggers.append(span)
        else:
            report.drop(_NOT_IN_SCHEMA)
    key = _order_key
    return sorted(entities, key=key), sorted(triggers, key=key)


def _order_key(span: Span) -> tuple[int, int, str, str]:
    return (span.start, -span.end, span.label, span.uuid)


_NOT_IN_SCHEMA = Message("label not in the schema")
_SAME_OFFSETS = Message("same offsets as a kept span")
_NESTED = Message("nested inside a kept span")
_CONTAINS = Message("contains a kept span")
_OVERLAPS = Message("overlaps a kept span")
"""why ``resolve_overlaps`` leaves a span out"""
_POLICIES = {
    "outermost": Message("outermost"),
    "innermost": Message("innermost"),
    "longest": Message("longest"),
}
"""the overlap policies, as a reason names them (translated in the interface)"""


def resolve_overlaps(spans: Sequence[Span], policy: str) -> tuple[list[Span], list[str]]:
    """Non-overlapping spans chosen by ``policy`` (outermost, innermost or longest), sorted,
    and one reason per span left out."""
    preference = {
        "outermost": lambda s: (s.start, -(s.end - s.start), s.label, s.uuid),
        "innermost": lambda s: (s.end - s.start, s.start, s.label, s.uuid),
        "longest": lambda s: (-(s.end - s.start), s.start, s.label, s.uuid),
    }
    if policy not in preference:
        raise ValueError(f"unknown overlap policy {policy!r} (expected {', '.join(preference)})")
    kept: list[Span] = []  # sorted by start, pairwise disjoint
    starts: list[int] = []
    reasons: list[str] = []
    for span in sorted(spans, key=preference[policy]):
        i = bisect.bisect_left(starts, span.start)
        # kept spans are disjoint, so only the neighbours at i - 1 and i can overlap
        blocker = next(
            (k for k in kept[max(i - 1, 0) : i + 1] if k.start < span.end and span.start < k.end),
            None,
        )
        if blocker is None:
            kept.insert(i, span)
            starts.insert(i, span.start)
            continue
        if (blocker.start, blocker.end) == (span.start, span.end):
            what = _SAME_OFFSETS
        elif blocker.start <= span.start and span.end <= blocker.end:
            what = _NESTED
        elif span.start <= blocker.start and blocker.end <= span.end:
            what = _CONTAINS
        else:
            what = _OVERLAPS
        reasons.append(Message("{what} (policy {policy})", what=what, policy=_POLICIES[policy]))
    return kept, reasons
