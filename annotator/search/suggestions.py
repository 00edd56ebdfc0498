"""Suggestions: proposed spans that are not annotations, and annotate-all, which makes them.

A suggestion lives apart from every layer, carries its ``source`` ("annotate-all",
"gazetteer:<name>", "model:<name>@<version>") and a ``score``, and becomes a span only
when an analyst accepts it (storage and accept/reject come with the project schema; see
docs/design/search.md, "Suggestions"). Annotate-all proposes every other occurrence of a span's
text, in its document or the whole corpus, never overlapping an existing annotation.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.errors import ImportFormatError, Message
from annotator.model import Span
from annotator.search.annotations import Coverage, coverage_by_document
from annotator.search.matching import FoldedCorpus, Hit, Mode, Query
from annotator.uuids import new_uuid

if TYPE_CHECKING:
    from annotator.schema import Schema

ANNOTATE_ALL = "annotate-all"
GAZETTEER = "gazetteer:"
"""prefix of a gazetteer's source; the gazetteer's name follows"""

SuggestionKey = tuple[int, int, int, str, str]
"""(doc_id, start, end, label, source): what a remembered rejection is matched on"""


def source_family(source: str) -> str:
    """A source without its version: ``model:crf@1a2b3c4d`` → ``model:crf``. A rejection is
    remembered for the family, so a retrained model does not offer again what an analyst
    rejected from the one before."""
    return source.split("@", 1)[0]


def suggestable_labels(schema: Schema) -> set[str]:
    """The labels a suggestion may carry: the schema's span labels (entities, event types).
    The one rule of every source: ``Project.add_suggestions`` stores no other, and a pending
    suggestion with another (its label dropped from the schema since) is not read as
    pending (``Project.suggestable_labels``)."""
    return {lab.name for lab in schema.span_labels()}


def unknown_label(where: str, line: int | None, label: str) -> ImportFormatError:
    """The refusal of a suggestion's label the project's schema does not have (a gazetteer's,
    an external file's or pipeline's)."""
    return ImportFormatError(
        where,
        line,
        Message("label {name} is not in the project's schema", name=repr(label)[:80]),
    )


def built_in_source(source: str, model_family: str) -> bool:
    """Whether ``source`` names one of the project's own sources (annotate-all, a gazetteer,
    the project's model of ``model_family``): predictions from a file or a pipeline may not
    take such a name, or a later run of that source would clear them, or they be taken for
    its. Compared caselessly (``_caseless``): ``model:CRF``, ``Annotate-All`` or
    ``GAZETTEER:x`` would be taken for the project's own by anyone reading the Suggestions
    dock, and are refused as they are."""
    family = _caseless(source_family(source))
    return family in (_caseless(ANNOTATE_ALL), _caseless(model_family)) or family.startswith(
        _caseless(GAZETTEER)
    )


def _caseless(text: str) -> str:
    """``text`` as Unicode compares names without case: case-folded (``ß`` as ``ss``, ``K``
    the Kelvin sign as ``k``) and in compatibility form (a full-width ``ｍ`` as ``m``),
    NFKC before and after folding (the folding of some characters is not normalised)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Suggestion:
    """A proposed span ``[start, end)`` with ``label`` in document ``doc_id``."""

    uuid: str
    doc_id: int
    start: int
    end: int
    label: str
    text: str
    source: str
    score: float = 1.0
    origin: str = ""
    """what it came from: the span uuid (annotate-all) or the name as listed (gazetteer)"""

    @property
    def key(self) -> SuggestionKey:
        return (self.doc_id, self.start, self.end, self.label, self.source)


def suggestions_from_hits(
    hits: Iterable[tuple[Hit, str, str]],
    text_of: Callable[[int], str],
    covered: dict[int, Coverage],
    source: str,
    rejected: Container[SuggestionKey] = (),
    score: float = 1.0,
) -> Iterator[Suggestion]:
    """Suggestions for ``(hit, label, origin)`` triples overlapping nothing in ``covered``
    (which each new suggestion joins, so suggestions never overlap each other either)."""
    for hit, label, origin in hits:
        cover = covered.get(hit.doc_id)
        if cover is None:
            cover = covered[hit.doc_id] = Coverage()
        if cover.overlaps(hit.start, hit.end):
            continue
        if (hit.doc_id, hit.start, hit.end, label, source) in rejected:
            continue
        cover.add(hit.start, hit.end)
        text = text_of(hit.doc_id)[hit.start : hit.end]
        yield Suggestion(
            new_uuid(), hit.doc_id, hit.start, hit.end, label, text, source, score, origin
        )


def annotate_all(
    span: Span,
    corpus: FoldedCorpus,
    existing: Iterable[Span],
    whole_corpus: bool = True,
    mode: Mode = Mode.WORD,
    clitics: bool | None = None,
    rejected: Container[SuggestionKey] = (),
) -> Iterator[Suggestion]:
    """Every other occurrence of ``span``'s text (folded, clitic-aware for Arabic) in its
    document or in every document of ``corpus``, as suggestions with ``span``'s label.

    ``existing`` is every live annotation of the documents searched (all layers): no
    suggestion overlaps one of them, nor the span itself."""
    query = Query(span.text, mode, clitics, corpus.options)
    covered = coverage_by_document(existing)
    covered.setdefault(span.doc_id, Coverage()).add(span.start, span.end)
    scope = None if whole_corpus else [span.doc_id]
    hits = ((hit, span.label, span.uuid) for hit in corpus.search(query, doc_ids=scope))
    yield from suggestions_from_hits(hits, corpus.text, covered, ANNOTATE_ALL, rejected)


@dataclass
class NotStored:
    """Why suggestions given to ``Project.add_suggestions`` were not stored (its rule: none
    overlaps an annotation or another pending suggestion, none a remembered rejection, none
    has a label the schema lacks),
    worked out afterwards by ``not_stored``: the report says so instead of dropping them
    silently."""

    annotations: int = 0
    """overlapping a live span of some layer"""
    pending: dict[str, int] = field(default_factory=dict)
    """overlapping pending suggestions of another source: how many, by that source"""
    each_other: int = 0
    """overlapping another suggestion given with them (stored before them)"""
    rejected: int = 0
    """rejected before (a remembered rejection of their source family)"""
    labels: int = 0
    """with a label the project's schema does not have"""

    @property
    def total(self) -> int:
        return (
            self.annotations
            + sum(self.pending.values())
            + self.each_other
            + self.rejected
            + self.labels
        )

    def lines(self) -> list[Message]:
        """One line for each reason, none when all were stored."""
        out: list[Message] = []
        if self.pending:
            out.append(
                Message(
                    "{n} not stored: they overlap pending suggestions of {sources} (reject "
                    "those or lower the threshold to see them)",
                    n=sum(self.pending.values()),
                    sources=", ".join(sorted(self.pending)),
                )
            )
        if self.annotations:
            out.append(Message("{n} not stored: they overlap annotations", n=self.annotations))
        if self.each_other:
            out.append(
                Message(
                    "{n} not stored: they overlap other suggestions stored with them",
                    n=self.each_other,
                )
            )
        if self.rejected:
            out.append(Message("{n} not stored: they were rejected before", n=self.rejected))
        if self.labels:
            out.append(
                Message("{n} not stored: their label is not in the project's schema", n=self.labels)
            )
        return out


def hundredths(value: float) -> int:
    """A score or threshold in whole hundredths, as the window shows it ("0.87", "87%"):
    the most ``k`` with ``k / 100 <= value``, cut down, never rounded up. The threshold (a
    slider in hundredths) keeps a suggestion when its score is at least the threshold, as the
    core does (``Project.suggestions(min_score=...)``, ``--min-score``); so the score shown is
    at least the threshold shown exactly when the row passes: 0.496 reads "0.49" and is left
    out at 0.50, where rounding showed "0.50" (QA 15).

    Safe for any float (QA 18: +inf raised OverflowError inside the window's item code, which
    killed it): a score is held to [0, 1] (``_SUGGESTION_KINDS`` in the store, the readers of
    predictions), so anything outside is clamped, NaN and below 0 to 0, above 1 (+inf) to 100."""
    if not value >= 0:  # (NaN too)
        return 0
    if value >= 1:
        return 100
    k = math.floor(value * 100)
    # (``value * 100`` is off by a unit in the last place for some values, 0.29 * 100 is
    # 28.999...: the comparison the threshold makes, ``k / 100 <= value``, settles it)
    while (k + 1) / 100 <= value:
        k += 1
    while k / 100 > value:
        k -= 1
    return k
