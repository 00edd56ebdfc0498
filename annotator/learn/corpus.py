"""What a model learns from and what it proposes: a layer's documents and its suggestions.

A layer (``gold`` by default, or one annotator's) is read through the project's public API
(``iter_documents``, ``iter_records``, ``statuses``). A document counts as labelled when the
layer holds a span on it or marked it done; other documents are not negatives, they are unread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from annotator.errors import AnnotatorError, Message
from annotator.model import Document, DocumentAnnotations, Event, Span, Status
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

if TYPE_CHECKING:
    from annotator.project import Project

Mention = tuple[int, int, str]
"""code-point offsets [start, end) and a label"""
Text = tuple[str, dict[str, Any]]
"""a document's text and its meta"""
SOURCE_FAMILY = "model:crf"
"""the source family of the project's own model's suggestions (``Model.source`` adds ``@``
and the version); here, not in crf.py, so that naming it (a source name's check in the
window) loads neither crfsuite nor numpy"""
MIN_MENTIONS = 10
"""fewer labelled mentions than this in the layer: nothing worth learning"""


class NotEnoughData(AnnotatorError):
    """The chosen layer holds too little to learn from; the message says how much it holds."""


@dataclass(frozen=True)
class Example:
    """One labelled document of the layer: its entity mentions and its event triggers."""

    doc_id: int
    name: str
    sha256: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    entities: tuple[Mention, ...] = ()
    triggers: tuple[Mention, ...] = ()


def suggestion(
    doc_id: int, text: str, start: int, end: int, label: str, score: float, source: str
) -> Suggestion:
    """A suggestion of the shared suggestion layer (``annotator.search.suggestions``) on
    ``text[start:end]``; ``score`` is the source's probability for it, held to [0, 1]: the
    arithmetic that makes it (a product or a sum of probabilities) may step past either end
    by a rounding error (1.0000000000000002), which ``suggest --from`` refuses when given
    back; not a number counts as 0."""
    score = min(1.0, max(0.0, float(score))) if score == score else 0.0
    return Suggestion(new_uuid(), doc_id, start, end, label, text[start:end], source, score)


def suggestion_json(s: Suggestion, document: str) -> dict[str, Any]:
    """The object ``annotator suggest --json`` prints (``document`` is its name)."""
    return {
        "document": document,
        "start": s.start,
        "end": s.end,
        "label": s.label,
        "score": round(s.score, 6),
        "source": s.source,
    }


def layer_examples(
    project: Project, annotator: str = "gold", status: Status | str | None = None
) -> list[Example]:
    """The labelled documents of ``annotator``'s layer (with ``status``: only those it set to
    that status), in document order. Discontinuous spans are left out (no token form)."""
    schema = project.schema
    spans: dict[int, list[Span]] = defaultdict(list)
    by_uuid: dict[str, Span] = {}
    for rec in project.iter_records("spans", annotator):
        assert isinstance(rec, Span)
        spans[rec.doc_id].append(rec)
        by_uuid[rec.uuid] = rec
    trigger_type: dict[str, str] = {}
    for ev in project.iter_records("events", annotator):
        assert isinstance(ev, Event)
        trigger_type[ev.trigger] = ev.type
    statuses = project.statuses(annotator)
    wanted = None if status is None else Status(status)
    out: list[Example] = []
    for doc in project.iter_documents():
        st = statuses.get(doc.id)
        if wanted is not None and st != wanted:
            continue
        if not spans.get(doc.id) and st != Status.DONE:
            continue
        entities: list[Mention] = []
        triggers: list[Mention] = []
        for s in spans.get(doc.id, []):
            if s.fragments or not doc.text[s.start : s.end].strip():
                continue
            if s.uuid in trigger_type:
                triggers.append((s.start, s.end, trigger_type[s.uuid]))
            elif schema.event(s.label) is not None:
                triggers.append((s.start, s.end, s.label))
            else:
                entities.append((s.start, s.end, s.label))
        out.append(_example(doc, entities, triggers))
    return out


def check_enough(
    examples: Sequence[Example], layer: str, status: Status | str | None = None
) -> None:
    """NotEnoughData, saying how much the layer holds, when ``examples`` hold fewer than
    ``MIN_MENTIONS`` entity mentions (or nothing)."""
    mentions = sum(len(ex.entities) for ex in examples)
    if mentions < MIN_MENTIONS or not examples:
        if status:
            raise NotEnoughData(
                Message(
                    "layer {layer} holds {mentions} entity mentions in {documents} documents "
                    "it marked {status}; training needs at least {least} mentions",
                    layer=repr(layer),
                    mentions=mentions,
                    documents=len(examples),
                    status=Status(status).value,
                    least=MIN_MENTIONS,
                )
            )
        raise NotEnoughData(
            Message(
                "layer {layer} holds {mentions} entity mentions in {documents} labelled "
                "documents; training needs at least {least} mentions",
                layer=repr(layer),
                mentions=mentions,
                documents=len(examples),
                least=MIN_MENTIONS,
            )
        )


def check_training_part(
    examples: Sequence[Example], train: Sequence[Example], layer: str, eval_split: float
) -> None:
    """NotEnoughData when the layer's ``examples`` are enough (``check_enough``) but the
    ``train`` part the held-out split leaves is not: it says the split's sizes and that a
    smaller eval split leaves more to train on."""
    mentions = sum(len(ex.entities) for ex in train)
    if mentions >= MIN_MENTIONS and train:
        return
    raise NotEnoughData(
        Message(
            "layer {layer} holds {total} entity mentions in {documents} labelled documents, "
            "but --eval-split {split} holds out {held} of them and leaves {mentions} mentions "
            "in {kept} documents to train on; training needs at least {least}: give a "
            "smaller --eval-split",
            layer=repr(layer),
            total=sum(len(ex.entities) for ex in examples),
            documents=len(examples),
            split=f"{eval_split:g}",
            held=len(examples) - len(train),
            mentions=mentions,
            kept=len(train),
            least=MIN_MENTIONS,
        )
    )


@dataclass(frozen=True)
class LayerRead:
    """What a training run reads from the project, before any learning module is loaded:
    the layer's labelled documents, the text of every other document (the word clusters
    learn from it) and when the layer was read (the manifest's ``trained``)."""

    examples: list[Example]
    texts: list[Text]
    read_at: str


def read_layer(
    project: Project, annotator: str = "gold", status: Status | str | None = None
) -> LayerRead:
    """The layer as ``training.train`` learns from it; NotEnoughData when it holds too
    little. The manifest's date is taken before reading: spans written while a model
    trains are new to it (``retrain.py`` counts from it, to the millisecond)."""
    read_at = datetime.now(UTC).isoformat(timespec="milliseconds")
    examples = layer_examples(project, annotator, status)
    check_enough(examples, annotator, status)
    labelled = {ex.doc_id for ex in examples}
    texts = [(d.text, dict(d.meta)) for d in project.iter_documents() if d.id not in labelled]
    return LayerRead(examples, texts, read_at)


def _example(doc: Document, entities: Iterable[Mention], triggers: Iterable[Mention]) -> Example:
    return Example(
        doc.id,
        doc.name,
        doc.sha256,
        doc.text,
        dict(doc.meta),
        tuple(sorted(set(entities))),
        tuple(sorted(set(triggers))),
    )


def non_overlapping(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions a flat tag sequence can hold: outermost first, then by start (the export's
    ``outermost`` overlap policy)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m[0], -m[1], m[2])):
        if kept and m[0] < kept[-1][1]:
            continue
        kept.append(m)
    return kept


def held_out(examples: list[Example], ratio: float, seed: int | str) -> tuple[list[int], list[int]]:
    """Indices of (training, held-out) examples: whole documents, chosen as an export's
    ``--split train=1-r,test=r --seed S`` would (a hash of seed and document, stable when
    documents are added); at least one of each when there are two examples or more."""
    from annotator.formats.common import split_of

    if not 0 <= ratio < 1:
        raise ValueError(f"eval split must be in [0, 1), not {ratio}")
    n = len(examples)
    if ratio == 0 or n < 2:
        return list(range(n)), []
    splits = [("train", 1 - ratio), ("test", ratio)]
    test = [
        i
        for i, ex in enumerate(examples)
        if split_of(_annotations(ex), splits, str(seed)) == "test"
    ]
    if not test or len(test) == n:
        # the hash gave all or nothing: take the one document nearest the other side
        rank = sorted(range(n), key=lambda i: _position(examples[i], seed))
        test = [rank[-1]] if not test else [i for i in rank[1:]]
    train = [i for i in range(n) if i not in set(test)]
    return train, sorted(test)


def _annotations(ex: Example) -> DocumentAnnotations:
    return DocumentAnnotations(Document(ex.doc_id, ex.name, "", ex.sha256))


def _position(ex: Example, seed: int | str) -> bytes:
    import hashlib

    return hashlib.sha256(f"{seed}:{ex.sha256}".encode()).digest()


def entities_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token ranges [i, j) and labels of a BIO sequence (an orphan I- starts an entity)."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if start >= 0 and (prefix != "I" or typ != label):
            out.append((start, i, label))
            start = -1
        if prefix in ("B", "I") and start < 0:
            start, label = i, typ
    return out
