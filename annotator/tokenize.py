"""The token layer every token-based export (CoNLL, HF, spaCy, event JSON) is built on.

Tokens are ``(start, end)`` code-point offsets into the document text; the text is never
rewritten. The default splitter keeps Arabic words whole (letters, harakat, digits, tatweel,
ZWJ/ZWNJ), so a name written with a proclitic (وهولندا, بباريس) is one token until ``split_at``
cuts it at the span boundary: that is what lets every span map onto whole tokens.

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

from annotator.formats.common import ExportOptions, ExportReport
from annotator.model import DocumentAnnotations, Span
from annotator.schema import Schema

Token = tuple[int, int]


def _mark_class() -> str:
    """A regex class body of every combining mark (Mn, Mc, Me).

    Python's ``\\w`` covers letters and digits but not marks, so vocalised Arabic (بَغْدَادُ)
    would fall apart without them; scanning the planes that hold marks costs a few ms once.
    """
    points = [c for c in range(0x30000) if unicodedata.category(chr(c))[0] == "M"]
    points += [c for c in range(0xE0000, 0xE1000) if unicodedata.category(chr(c))[0] == "M"]
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        parts.append(f"\\U{points[i]:08x}" + (f"-\\U{points[j]:08x}" if j > i else ""))
        i = j + 1
    return "".join(parts)


# A word character: letters and digits (\w without "_"), marks, ZWNJ and ZWJ (tatweel is Lm).
_W = rf"(?:[^\W_]|[{_mark_class()}\u200c\u200d])"
# Digit groups stay whole across a separator with digits on both sides: 3,000.5 and ١٢٫٥.
_NUMBER_JOIN = "[.,\u066b\u066c]"
_TOKEN = re.compile(rf"{_W}+(?:(?<=\d){_NUMBER_JOIN}(?=\d){_W}+)*|\S")

SENTENCE_END = frozenset(".!?;؟؛…\u06d4")
"""Tokens that end a sentence (Arabic question mark, semicolon and full stop included)."""
_CLOSERS = frozenset("\"'»”’)]}›")


def tokenize(text: str) -> list[Token]:
    """Words (letter/mark/digit/tatweel/ZWJ/ZWNJ runs) and single other non-space characters."""
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

    A sentence ends after . ! ? ؟ ; ؛ … (with any closing quotes or brackets right after) and
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
        base, base_sent = kept
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
    toks, n = split_at(base, boundaries)
    return TokenLayer(text, toks, sentences(text, toks, no_break), n)


# -- the spans a token export writes ---------------------------------------------------


def export_spans(
    doc: DocumentAnnotations, schema: Schema, options: ExportOptions, report: ExportReport
) -> tuple[list[Span], list[Span]]:
    """(entity spans, trigger spans) of a document, sorted; what cannot go is counted.

    Entity spans carry an entity label of the schema, triggers an event type. Discontinuous
    spans have no token form and are dropped.
    """
    entities: list[Span] = []
    triggers: list[Span] = []
    for span in doc.spans:
        if span.deleted:
            continue
        if options.labels and span.label not in options.labels:
            report.drop("label not selected for export")
        elif span.fragments:
            report.drop("discontinuous span (token formats hold contiguous spans only)")
        elif not doc.document.text[span.start : span.end].strip():
            report.drop("span covers only white space")
        elif schema.entity(span.label) is not None:
            entities.append(span)
        elif schema.event(span.label) is not None:
            triggers.append(span)
        else:
            report.drop("label not in the schema")
    key = _order_key
    return sorted(entities, key=key), sorted(triggers, key=key)


def _order_key(span: Span) -> tuple[int, int, str, str]:
    return (span.start, -span.end, span.label, span.uuid)


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
            what = "same offsets as a kept span"
        elif blocker.start <= span.start and span.end <= blocker.end:
            what = "nested inside a kept span"
        elif span.start <= blocker.start and blocker.end <= span.end:
            what = "contains a kept span"
        else:
            what = "overlaps a kept span"
        reasons.append(f"{what} (policy {policy})")
    return kept, reasons
