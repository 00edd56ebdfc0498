"""What every format module shares: export options, the export report, deterministic splits.

Format modules are pure functions over ``DocumentAnnotations`` (export) and files (import);
they never touch the project file. ``annotator.project`` wires them to the store.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.errors import AnnotatorError, Message, shortened
from annotator.imported import ImportedDocument, Problem
from annotator.model import DocumentAnnotations

QUOTE_CHARS = 60
"""the most characters of a quote (``quoted``) in a reader's message"""


def quoted(value: Any) -> str:
    """A value read from a file (covered text, a line, a tag, an id, a JSON item) for a
    one-line message: its ``repr``, cut to ``QUOTE_CHARS`` characters ("..." at the end).
    Every reader quotes file content through it, so a 20 MB line gives a short message
    (``errors.bounded`` cuts what a reader would quote otherwise)."""
    return shortened(repr(value), QUOTE_CHARS)


Progress = Callable[[int, int], None]
"""progress(done, total)"""
IsCancelled = Callable[[], bool]


def no_progress(done: int, total: int) -> None:
    """The default progress callback: report nothing."""


def never_cancelled() -> bool:
    """The default cancel check: never."""
    return False


OVERLAP_POLICIES = ("outermost", "innermost", "longest")
REPEATED_SPAN = Message("span repeating another of its layer (place and label)")
"""why every export leaves out a span that repeats one of its layer (``rules.same_span``: the
same offsets, fragments and label; written before the API refused it, ``check`` reports it)"""
TAG_SCHEMES = ("IOB2", "IOB1", "BIOES")

# why a span is left out, as several formats say it (``Message``s, as every reason an exporter
# gives: the CLI prints their English, the window translates them)
DISCONTINUOUS = Message("discontinuous span (token formats hold contiguous spans only)")
ONLY_WHITE_SPACE = Message("span covers only white space")
NO_TOKEN = Message("span covers no token")
CROSSES_SENTENCE = Message("span crosses a sentence break")
LABEL_NOT_SELECTED = Message("label not selected for export")

CONSTRUCT_NAMES = {
    "span": Message("span"),
    "event": Message("event"),
    "argument": Message("argument"),
    "relation": Message("relation"),
    "attribute": Message("attribute"),
    "normalisation": Message("normalisation"),
    "note": Message("note"),
    "fragments": Message("fragments"),
}
"""a construct (``ExportReport.exported``, ``lost``) as a report names one of it"""
CONSTRUCTS_EXPORTED = {
    "event": Message("events"),
    "argument": Message("arguments"),
    "relation": Message("relations"),
    "attribute": Message("attributes"),
    "normalisation": Message("normalisations"),
    "note": Message("notes"),
    "fragments": Message("fragments"),
}
"""a construct as the report's "also exported" line counts it"""


def listed(items: Sequence[str]) -> str:
    """``items`` joined with ", " as one ``Message`` (each item translated in its turn)."""
    out = items[-1]
    for item in reversed(items[:-1]):
        out = Message("{first}, {rest}", first=item, rest=out)
    return out


@dataclass(frozen=True)
class ExportOptions:
    """Options every exporter accepts (each uses what applies to it)."""

    overlap_policy: str = "outermost"
    """which span a flat (one tag per token) format keeps when spans overlap"""
    scheme: str = "IOB2"
    docstart: bool = False
    """CoNLL: write -DOCSTART- lines between documents"""
    spans_key: str = "sc"
    """spaCy: SpanGroup key holding all spans"""
    splits: tuple[tuple[str, float], ...] = ()
    """((name, ratio), ...) e.g. (("train", .8), ("validation", .1), ("test", .1)); empty: one"""
    seed: str = "0"
    tokenizer: str = "default"
    """``default`` (Unicode word/punctuation splitter) or ``spacy`` (spaCy's Arabic one)"""
    labels: tuple[str, ...] = ()
    """restrict to these span labels (empty: all)"""


@dataclass
class ExportReport:
    """What an export did: counted, so nothing is lost silently."""

    documents: int = 0
    spans_exported: int = 0
    tokens: int = 0
    tokens_split: int = 0
    """tokens split at a span boundary inside a word (و|هولندا)"""
    dropped: Counter[str] = field(default_factory=Counter)
    """reason → number of spans or records the format could not hold"""
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    exported: Counter[str] = field(default_factory=Counter)
    """construct (span, event, argument, relation, attribute, normalisation, note, fragments)
    → how many were written, for the formats that count them"""
    lost: Counter[str] = field(default_factory=Counter)
    """construct → how many were not written (their reasons are in ``dropped``); with
    ``exported`` it adds up to what the exported documents hold"""

    documents_skipped: Counter[str] = field(default_factory=Counter)
    """reason → documents of the project left out of the export (e.g. never annotated in the
    chosen layer: they would go into training data as unlabelled text)"""

    documents_parts_lost: Counter[str] = field(default_factory=Counter)
    """reason → exported documents whose meta or status the format has no place for
    (``annotator.exporting`` counts them for every format)"""

    def drop(self, reason: str, n: int = 1, construct: str = "") -> None:
        self.dropped[reason] += n
        if construct:
            self.lost[construct] += n

    def left_out(self, construct: str, reason: str, n: int = 1) -> None:
        """A record (or part of one) of the exported documents left out before the writer
        read them (``annotator.exporting``: a damaged record), counted as the writer counts
        one it could not write."""
        self.drop(reason, n, construct)

    def lines(self) -> list[str]:
        """Human summary printed at the end of an export: ``Message``s (the CLI prints their
        English, the window translates them), each reason a nested ``Message``."""
        out: list[str] = [
            Message("documents exported: {count}", count=self.documents),
            Message("spans exported: {count}", count=self.spans_exported),
        ]
        others = [(k, n) for k, n in self.exported.items() if k != "span" and n]
        if others:
            items = [
                Message(
                    "{what} {count}",
                    what=CONSTRUCTS_EXPORTED.get(k, f"{k}{'' if k.endswith('s') else 's'}"),
                    count=n,
                )
                for k, n in others
            ]
            out.append(Message("also exported: {items}", items=listed(items)))
        if self.tokens:
            out.append(
                Message(
                    "tokens: {count} ({split} split at span boundaries)",
                    count=self.tokens,
                    split=self.tokens_split,
                )
            )
        for reason, n in sorted(self.dropped.items()):
            out.append(Message("dropped {count}: {reason}", count=n, reason=reason))
        for reason, n in sorted(self.documents_parts_lost.items()):
            out.append(Message("left out of documents {count}: {reason}", count=n, reason=reason))
        for reason, n in sorted(self.documents_skipped.items()):
            out.append(Message("documents left out {count}: {reason}", count=n, reason=reason))
        out.extend(Message("written: {path}", path=f) for f in self.files)
        return out


@dataclass
class ImportResult:
    """Documents read from files plus the problems a lenient read skipped."""

    documents: list[ImportedDocument] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Changed(Problem):
    """A change a reader made to data it kept (a tag read as another, a token tagged ``O``),
    as opposed to a line it skipped. It travels in ``ImportResult.problems`` like any problem;
    the import report lists it as ``changed: file:line: what it became``."""


def split_of(doc: DocumentAnnotations, splits: Sequence[tuple[str, float]], seed: str) -> str:
    """The split a document belongs to: a hash of (seed, document sha256) against the ratios.

    Stable when documents are added: a document's split never depends on the others.
    """
    if not splits:
        return "train"
    import hashlib  # here, not at the top: ``annotator --help`` and the GUI's start need none

    total = sum(r for _, r in splits)
    if not math.isfinite(total):  # finite weights whose sum overflows (1e308 each)
        top = max(r for _, r in splits)
        splits = [(name, r / top) for name, r in splits]
        total = sum(r for _, r in splits)
    h = hashlib.sha256(f"{seed}:{doc.document.sha256}".encode()).digest()
    x = int.from_bytes(h[:8], "big") / 2**64 * total
    acc = 0.0
    for name, ratio in splits:
        acc += ratio
        if x < acc:
            return name
    return splits[-1][0]


SPLIT_NAMES = ("train", "validation", "dev", "test")
"""The split names an export accepts: ``dev`` is another name of ``validation`` (CoNLL habit),
kept as written (``dev.conll``); a spec may hold one of the two, not both."""


class OptionError(AnnotatorError, ValueError):
    """An export option that cannot be used (a ValueError too, for callers that check input)."""


def closest(name: str, known: Sequence[str]) -> str | None:
    """The name in ``known`` closest to ``name`` (``difflib``, case ignored), if one is close."""
    import difflib  # only on an error: not loaded at start-up

    folded = {k.casefold(): k for k in reversed(known)}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


UNKNOWN_KINDS = {
    "layer": (Message("layer"), Message("layers")),
    "label": (Message("label"), Message("labels")),
    "document": (Message("document"), Message("documents")),
    "status": (Message("status"), Message("statuses")),
    "format": (Message("format"), Message("formats")),
    "split": (Message("split"), Message("splits")),
}
"""the kinds of name ``unknown_name`` is asked about, as Messages (an interface names them in
its language)"""


def unknown_name(kind: str, name: str, known: Sequence[str], plural: str = "") -> str:
    """One line for a name that is not there: ``no layer 'gld' (layers: amal, badr, gold);
    did you mean 'gold'?`` (see ``closest``; a long list is cut after 12 names). A ``Message``:
    a ``kind`` and ``plural`` given as Messages are translated too."""
    if kind in UNKNOWN_KINDS and plural in ("", UNKNOWN_KINDS[kind][1]):
        kind, plural = UNKNOWN_KINDS[kind]
    plural = plural or f"{kind}s"
    if not known:
        return Message("no {kind} {name} (there are no {plural})", kind=kind, name=repr(name),
                       plural=plural)  # fmt: skip
    shown: str = ", ".join(known[:12])
    if len(known) > 12:
        shown = Message("{names} and {count} more", names=shown, count=len(known) - 12)
    message = Message(
        "no {kind} {name} ({plural}: {known})", kind=kind, name=repr(name), plural=plural,
        known=shown,
    )  # fmt: skip
    suggestion = closest(name, known)
    if not suggestion:
        return message
    return Message("{message}; did you mean {name}?", message=message, name=repr(suggestion))


def units_refused(value: str, units: Sequence[str]) -> Message:
    """Why an offset-units option (doccano, Label Studio) is refused: ``units must be one of
    ('utf16', 'codepoints'), not 'bytes'``."""
    return Message(
        "units must be one of {units}, not {value}", units=str(tuple(units)), value=repr(value)
    )


def split_pairs(spec: str) -> tuple[tuple[str, float], ...]:
    """The syntax of a split spec only: ``"train=0.8,test=0.2"`` → ((train, .8), (test, .2));
    ``""`` → (). Raises ``OptionError`` for a part that is not ``name=number``. Names and
    ratios are checked by ``validate_splits``."""
    if not spec.strip():
        return ()
    out: list[tuple[str, float]] = []
    for part in spec.split(","):
        name, eq, ratio = (x.strip() for x in part.partition("="))
        if not eq or not name or not ratio:
            raise OptionError(
                Message(
                    "bad split {part}: expected name=ratio, e.g. {example}",
                    part=repr(part.strip()),
                    example="train=0.8,validation=0.1,test=0.1",
                )
            )
        try:
            value = float(ratio)
        except ValueError:
            raise OptionError(
                Message(
                    "bad split {part}: {ratio} is not a number",
                    part=repr(part.strip()),
                    ratio=repr(ratio),
                )
            ) from None
        if not math.isfinite(value):  # 1e400, inf, nan: said as typed, not as parsed
            raise OptionError(
                Message(
                    "split {name}: the ratio must be a number of 0 or more, not {ratio}",
                    name=name,
                    ratio=ratio,
                )
            )
        out.append((name, value))
    return tuple(out)


def validate_splits(splits: Sequence[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """``splits`` if they can be used, else ``OptionError`` saying why.

    Names come from ``SPLIT_NAMES``, each at most once. Ratios are weights: finite, not
    negative, not all zero; they need not sum to 1 (``train=8,validation=1,test=1`` is 80/10/10
    %, the same as ``train=0.8,...``): each document goes to a split with probability
    ratio / sum."""
    seen: set[str] = set()
    for name, ratio in splits:
        if name not in SPLIT_NAMES:
            raise OptionError(unknown_name("split", name, SPLIT_NAMES))
        if name in seen:
            raise OptionError(Message("split {name} is given twice", name=repr(name)))
        seen.add(name)
        if not math.isfinite(ratio) or ratio < 0:
            raise OptionError(
                Message(
                    "split {name}: the ratio must be a number of 0 or more, not {ratio}",
                    name=name,
                    ratio=f"{ratio:g}",
                )
            )
    if {"validation", "dev"} <= seen:
        raise OptionError(Message("validation and dev are the same split: give one of them"))
    if splits and sum(r for _, r in splits) <= 0:
        raise OptionError(Message("split ratios are all 0: at least one must be above 0"))
    return tuple(splits)


def parse_splits(spec: str) -> tuple[tuple[str, float], ...]:
    """``"train=0.8,validation=0.1,test=0.1"`` → ((train, .8), ...); ``""`` → ().

    ``split_pairs`` then ``validate_splits``: raises ``OptionError`` (a ``ValueError``)."""
    return validate_splits(split_pairs(spec))
