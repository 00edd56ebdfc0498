"""What every format module shares: export options, the export report, deterministic splits.

Format modules are pure functions over ``DocumentAnnotations`` (export) and files (import);
they never touch the project file. ``annotator.project`` wires them to the store.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from annotator.model import DocumentAnnotations, ImportedDocument, Problem

Progress = Callable[[int, int], None]
"""progress(done, total)"""
IsCancelled = Callable[[], bool]


def no_progress(done: int, total: int) -> None:
    """The default progress callback: report nothing."""


def never_cancelled() -> bool:
    """The default cancel check: never."""
    return False


OVERLAP_POLICIES = ("outermost", "innermost", "longest")
TAG_SCHEMES = ("IOB2", "IOB1", "BIOES")


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

    def drop(self, reason: str, n: int = 1) -> None:
        self.dropped[reason] += n

    def lines(self) -> list[str]:
        """Human summary printed at the end of an export."""
        out = [
            f"documents exported: {self.documents}",
            f"spans exported: {self.spans_exported}",
        ]
        if self.tokens:
            out.append(f"tokens: {self.tokens} ({self.tokens_split} split at span boundaries)")
        for reason, n in sorted(self.dropped.items()):
            out.append(f"dropped {n}: {reason}")
        out.extend(f"written: {f}" for f in self.files)
        return out


@dataclass
class ImportResult:
    """Documents read from files plus the problems a lenient read skipped."""

    documents: list[ImportedDocument] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def split_of(doc: DocumentAnnotations, splits: Sequence[tuple[str, float]], seed: str) -> str:
    """The split a document belongs to: a hash of (seed, document sha256) against the ratios.

    Stable when documents are added: a document's split never depends on the others.
    """
    if not splits:
        return "train"
    total = sum(r for _, r in splits)
    h = hashlib.sha256(f"{seed}:{doc.document.sha256}".encode()).digest()
    x = int.from_bytes(h[:8], "big") / 2**64 * total
    acc = 0.0
    for name, ratio in splits:
        acc += ratio
        if x < acc:
            return name
    return splits[-1][0]


def parse_splits(spec: str) -> tuple[tuple[str, float], ...]:
    """``"train=0.8,validation=0.1,test=0.1"`` → ((train, .8), ...); ``""`` → ()."""
    if not spec.strip():
        return ()
    out: list[tuple[str, float]] = []
    for part in spec.split(","):
        name, _, ratio = part.partition("=")
        if not name.strip() or not ratio.strip():
            raise ValueError(f"bad split {part!r}: expected name=ratio")
        out.append((name.strip(), float(ratio)))
    if any(r < 0 for _, r in out) or sum(r for _, r in out) <= 0:
        raise ValueError("split ratios must be non-negative and not all zero")
    return tuple(out)
