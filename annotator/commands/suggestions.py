"""Suggestions as undoable commands, and the suggestion jobs the command line runs (Qt-free).

Commands (for the GUI's undo stack, like ``annotator.commands.edits``): ``AcceptSuggestions``
makes pending suggestions spans of one layer in ONE step — undo tombstones those spans and
puts the suggestions back pending, redo writes the same spans (same uuids) again;
``RejectSuggestions`` rejects them (remembered) and its undo puts them back pending;
``StoreSuggestions`` stores new ones (annotate-all in the window) and its undo withdraws
exactly those (and puts back what the store replaced: an import of predictions replaces what
its sources left pending; ``gazetteer_step`` and ``import_step`` run a gazetteer's or an
outside predictions' import as such a step); ``WithdrawSuggestions`` takes pending ones
back without remembering a rejection, and its undo puts them back.

Jobs (each a function over a ``Project``, returning a report; the CLI prints it):
``annotate_all`` (every other occurrence of a layer's spans), ``gazetteer`` (a name list's
matches), ``train_and_store`` (``annotator.learn.train`` and the model into the project) and
``suggest`` (the stored model's suggestions). They store suggestions, never spans, unless
asked to accept them into a layer (``annotate_all(..., to_layer=...)``).

See docs/design/search.md ("Suggestions: storage") and docs/design/model.md.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from annotator.commands.edits import Changed, Command, Version, unchanged
from annotator.errors import AnnotatorError, Cancelled, Message, ValidationError, message_of
from annotator.learn import suggest as learn_suggest
from annotator.learn.suggest import Suggested
from annotator.model import Event, Span
from annotator.search.annotations import coverage_by_document
from annotator.search.gazetteer import gazetteer_suggestions, read_gazetteer
from annotator.search.matching import FoldedCorpus, Mode, Query, QueryError
from annotator.search.suggestions import (
    ANNOTATE_ALL,
    Suggestion,
    source_family,
    suggestable_labels,
    suggestions_from_hits,
    unknown_label,
)
from annotator.search.suggestions import annotate_all as search_annotate_all

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from annotator.batch import Batch, LogEntry
    from annotator.learn import Model, TrainingResult
    from annotator.learn.external import Imported
    from annotator.model import Document
    from annotator.project import Project, Written
    from annotator.store import SuggestionBatch

MODEL_KIND = "ner"
"""The kind a CRF model (entities and its trigger lexicon) is stored as"""


# -- commands ---------------------------------------------------------------------------------
class AcceptSuggestions(Command):
    """Accept pending suggestions into ``annotator``'s layer as one undoable step.

    Its spans are written in bulk (``Project.accept_pending``: one ``Project.batch()``, one
    ``executemany`` per table), with the event of each span labelled with an event type, and
    so are its undo (their tombstones, and the suggestions back pending) and redo (the same
    spans and events, same uuids): 10,000 suggestions are one statement, not 10,000 edits."""

    def __init__(self, uuids: Sequence[str], annotator: str) -> None:
        super().__init__()
        self.uuids = list(dict.fromkeys(uuids))
        self.annotator = annotator
        self.taken: list[Suggestion] = []
        self._stored: list[Span | Event] = []
        """the versions of its spans (then their events) last written (live after do and
        redo, tombstones after undo)"""
        n = len(self.uuids)
        self.text = (
            Message("accept suggestion") if n == 1 else Message("accept {n} suggestions", n=n)
        )

    def _first(self, project: Project) -> list[Version]:  # (``do`` writes in bulk itself)
        self.taken, records = project.accept_pending(self.uuids, self.annotator)
        self._stored = records
        if self.taken:
            _purge_some(project)
        return [(None, r) for r in records]

    def do(self, project: Project) -> Changed:
        if not self.done_once:
            self.versions, self.done_once = self._first(project), True
            return self._report(self._stored, frozenset(s.uuid for s in self._stored))
        with project.batch() as bulk, unchanged(project, self, "redo"):
            stored = _rewrite(bulk, self._stored, "redo", deleted=False)
            project.withdraw_suggestions([s.uuid for s in self.taken])
        self._stored = stored  # (only once committed: a failed redo wrote none of them)
        return self._report(self._stored)

    def undo(self, project: Project) -> Changed:
        with project.batch() as bulk, unchanged(project, self, "undo"):
            stored = _rewrite(bulk, self._stored[::-1], "undo", deleted=True)[::-1]
            taken = project.restore_suggestions(self.taken)
        self._stored = stored
        docs = frozenset(s.doc_id for s in self.taken)
        self.taken = taken  # (one a newer pending suggestion overlaps stays out: its spans go)
        return self._report(self._stored, docs=docs)

    def _report(
        self,
        records: Sequence[Span | Event],
        created: frozenset[str] = frozenset(),
        docs: frozenset[int] = frozenset(),
    ) -> Changed:
        docs = docs | frozenset(s.doc_id for s in self.taken) | {r.doc_id for r in records}
        return Changed(docs, tuple(records), (), created)

    @property
    def spans(self) -> list[Span]:
        """The spans the accept wrote (empty before ``do``)."""
        return [after for _, after in self.versions if isinstance(after, Span)]


def _rewrite(
    bulk: Batch, stored: Sequence[Span | Event], action: str, deleted: bool
) -> list[Span | Event]:
    """Write the ``stored`` versions of spans and events back live (redo) or as tombstones
    (undo, ``deleted``) with fresh clock stamps in one statement, each with its change-log
    line (the stored version as "before", as ``Project.restore`` logs it). Returns the
    versions written, in the same order."""
    from annotator.model import record_kind, record_to_json

    out: list[Span | Event] = []
    log: list[LogEntry] = []
    for record in stored:
        new = dataclasses.replace(record, deleted=deleted, clock=bulk.stamp())
        after = record_to_json(new)
        before = {**after, "deleted": record.deleted, "clock": record.clock}
        log.append((record.annotator, action, record_kind(record), record.uuid, before, after))
        out.append(new)
    bulk.put(out)
    bulk.log(log)
    return out


class _TakePending(Command):
    """Take pending suggestions out of the pending set in one step (``_take``: reject or
    withdraw them); undo puts back exactly those that were pending."""

    def __init__(self, uuids: Sequence[str]) -> None:
        super().__init__()
        self.uuids = list(dict.fromkeys(uuids))
        self.taken: list[Suggestion] = []
        n = len(self.uuids)
        self.text = self._text(n)

    def _text(self, n: int) -> Message:
        """The step's text for ``n`` suggestions."""
        raise NotImplementedError

    def _take(self, project: Project, uuids: Sequence[str]) -> None:
        raise NotImplementedError

    def _first(self, project: Project) -> list[Version]:
        self.taken = project.pending_suggestions(self.uuids)
        self._take(project, [s.uuid for s in self.taken])
        if self.taken:
            _purge_some(project)
        return []

    def do(self, project: Project) -> Changed:
        if not self.done_once:
            return super().do(project)
        with project.transaction() as written:
            self._take(project, [s.uuid for s in self.taken])
        return self._changed(written)

    def undo(self, project: Project) -> Changed:
        docs = frozenset(s.doc_id for s in self.taken)
        with project.transaction() as written:
            # one that a pending suggestion stored since overlaps stays rejected or withdrawn
            # (``Project.restore_suggestions``): the step takes and gives back the others
            self.taken = project.restore_suggestions(self.taken)
        return self._changed(written, docs)

    def _changed(self, written: Written, docs: frozenset[int] = frozenset()) -> Changed:
        return Changed.of(written, docs | frozenset(s.doc_id for s in self.taken))


class RejectSuggestions(_TakePending):
    """Reject pending suggestions (remembered); undo puts them back pending."""

    def _text(self, n: int) -> Message:
        if n == 1:
            return Message("reject suggestion")
        return Message("reject {n} suggestions", n=n)

    def _take(self, project: Project, uuids: Sequence[str]) -> None:
        project.reject_suggestions(uuids)


class StoreSuggestions(Command):
    """Store suggestions as pending (``Project.add_suggestions``: those overlapping an
    annotation or another suggestion, or remembered as rejected, are skipped) as one undoable
    step: undo withdraws exactly the suggestions it stored (not remembered as rejections;
    other suggestions and rejections untouched), redo puts them back.

    They are stored as one batch (``Project.new_suggestion_batch``: under uuids of their own,
    ``stored`` has them), so undo and redo are one write each whatever their number
    (``Project.withdraw_suggestion_batch``, ``restore_suggestion_batch``; QA: 108,000
    suggestions took 1.2-3.8 s to undo and 3.4-8.9 s to redo on the window's thread). The
    rows of a withdrawn batch are deleted when a later suggestion step is first done (the
    undo stack then drops the steps that could redo it), a chunk at a time
    (``PURGE_CHUNK``), or all at once by the next background store (``store_pending``).

    A store that took pending suggestions away (``replaced``: an import of predictions
    replaces what its sources left pending, those a span hides too) puts them back, as they
    were, on undo, after withdrawing its own, and takes them away again on redo: undo leaves
    the pending suggestions, the hidden ones and the rejections as they were before the
    store. ``running`` makes the step of such a store (``gazetteer_step``, ``import_step``)."""

    def __init__(self, items: Sequence[Suggestion], replaced: Sequence[Suggestion] = ()) -> None:
        super().__init__()
        self.items = list(items)
        self.stored: list[Suggestion] = []
        """the suggestions it stored (after ``do``)"""
        self.replaced = list(replaced)
        """the pending suggestions it took away (pending again after its undo, those put
        back: one a newer pending suggestion overlaps stays away)"""
        self.batch = ""
        """the batch ``stored`` are (after ``do``; "" when they are not one whole batch:
        undo and redo then write them one by one)"""
        self.text = Message("store suggestions")
        self._already = False
        self._job: Callable[[Project, SuggestionBatch], Stored] | None = None
        self.report: Stored | None = None
        """what ``running``'s store reported (after ``do``)"""
        self._docs: frozenset[int] = frozenset()

    @classmethod
    def already_stored(
        cls,
        stored: Sequence[Suggestion],
        replaced: Sequence[Suggestion] = (),
        text: str | None = None,
    ) -> StoreSuggestions:
        """The step for suggestions a background job has stored already, on its own
        connection (``store_pending``, or a ``running`` step done there: ``stored``,
        ``replaced`` and ``text`` are that step's): its first ``do`` writes nothing, its undo
        withdraws exactly ``stored`` (and puts back ``replaced``, what that store took away)
        and its redo puts them back, as for suggestions it stored itself."""
        command = cls(stored, replaced)
        command._already = True
        if text is not None:
            command.text = text
        return command

    @classmethod
    def running(
        cls, store: Callable[[Project, SuggestionBatch], Stored], text: Message
    ) -> StoreSuggestions:
        """The step of a store of suggestions another job makes (a gazetteer's matches,
        predictions made elsewhere): its first ``do`` runs ``store(project, batch)``, which
        stores them as ``batch`` and reports (``report``) which pending suggestions it took
        away (``Stored.replaced``). Undo and redo are then those of any store: a write each
        for the batch, and the replaced ones put back or taken away again."""
        command = cls([])
        command._job, command.text = store, text
        return command

    def _first(self, project: Project) -> list[Version]:
        if self._already:
            self.stored, self.items = self.items, []
            self.batch = project.suggestion_batch(self.stored)
        else:
            batch = project.new_suggestion_batch()
            if self._job is not None:
                self.report = self._job(project, batch)
                self.replaced = list(self.report.replaced)
            else:
                project.add_suggestions(self.items, batch)
            self.stored, self.batch = project.batch_suggestions(batch.id), batch.id
        self._docs = frozenset(s.doc_id for s in (*self.stored, *self.replaced))
        if self.stored or self.replaced:
            _purge_some(project)
        return []

    def did_nothing(self) -> bool:
        # each one covered, already pending or rejected before, and nothing replaced
        return not self.stored and not self.replaced

    def do(self, project: Project) -> Changed:
        if not self.done_once:
            return super().do(project)
        with project.transaction() as written:
            if self.replaced:  # (first: one of the batch may have the key of one of them)
                project.withdraw_suggestions([s.uuid for s in self.replaced])
            if self.batch:
                project.restore_suggestion_batch(self.batch, self.stored)
            else:  # (one a newer pending suggestion overlaps is not stored again)
                self.stored = project.restore_suggestions(self.stored)
        return self._changed(written)

    def undo(self, project: Project) -> Changed:
        with project.transaction() as written:
            if self.batch and not self.replaced:
                project.withdraw_suggestion_batch(self.batch)
            else:  # (the batch's rows go: the replaced, often of the same keys, take their
                # place; its redo writes it back whole, ``restore_suggestion_batch``)
                project.withdraw_suggestions([s.uuid for s in self.stored])
            if self.replaced:
                self.replaced = project.restore_suggestions(self.replaced)
        return self._changed(written)

    def _changed(self, written: Written) -> Changed:
        return Changed.of(written, self._docs)


class Stored(Protocol):
    """What a store of suggestions run as a step (``StoreSuggestions.running``) reports:
    the pending suggestions it took away (``SuggestionReport``, ``Imported``)."""

    @property
    def replaced(self) -> list[Suggestion]: ...


PURGE_CHUNK = 4_000
"""how many rows of withdrawn suggestion batches a suggestion step deletes when it is first
done, on the window's thread (2,000 took 12-17 ms on 2 shared cores at load 11)"""


def _purge_some(project: Project) -> None:
    """Delete up to ``PURGE_CHUNK`` rows of withdrawn batches: a step first done (and so
    pushed on an undo stack, which drops the steps that could redo them) makes every batch
    withdrawn before it garbage. One that is redone all the same (a step done outside that
    stack) is written back whole (``Project.restore_suggestion_batch``)."""
    project.purge_withdrawn_suggestions(PURGE_CHUNK)


class WithdrawSuggestions(_TakePending):
    """Withdraw pending suggestions without remembering a rejection (a source's suggestions
    taken back: they may be made again); undo puts them back pending."""

    def _text(self, n: int) -> Message:
        if n == 1:
            return Message("withdraw suggestion")
        return Message("withdraw {n} suggestions", n=n)

    def _take(self, project: Project, uuids: Sequence[str]) -> None:
        project.withdraw_suggestions(uuids)


def _tombstone(record: Any) -> Any:
    return dataclasses.replace(record, deleted=True)


# -- jobs ------------------------------------------------------------------------------------
@dataclass
class SuggestionReport:
    """What a suggestion job did."""

    source: str
    documents: int
    found: int = 0
    """suggestions made (before rejections and duplicates were skipped)"""
    stored: int = 0
    """suggestions now pending"""
    accepted: list[Span] = field(default_factory=list)
    """spans written (``annotate_all`` with ``to_layer``)"""
    replaced: list[Suggestion] = field(default_factory=list)
    """pending suggestions it took away (none: a gazetteer's matches only add)"""

    def lines(self) -> list[str]:
        out = [
            f"{self.source}: {self.found} suggestions in {self.documents} documents, "
            f"{self.stored} stored as pending"
        ]
        if self.accepted:
            out.append(f"{len(self.accepted)} accepted as spans")
        return out


def document_ids(project: Project, names: Iterable[str] | None) -> list[int] | None:
    """The ids of the documents named (None: every document); an unknown name is an error."""
    if names is None:
        return None
    out = []
    for name in names:
        doc = project.document_by_name(name)
        if doc is None:
            raise ValidationError(f"no document named {name!r}")
        out.append(doc.id)
    return out


def _corpus(project: Project, doc_ids: Sequence[int] | None) -> FoldedCorpus:
    if doc_ids is None:
        return FoldedCorpus((d.id, d.text) for d in project.iter_documents())
    return FoldedCorpus((i, project.document(i).text) for i in dict.fromkeys(doc_ids))


def _existing(project: Project, corpus: FoldedCorpus) -> Iterable[Span]:
    """Every live span of every layer on the documents of ``corpus``."""
    ids = set(corpus.ids)
    return (s for s in project.spans() if s.doc_id in ids)


CHUNK_DOCUMENTS = 500
"""documents annotate-all folds, searches and stores at a time: its memory follows the
chunk, not the corpus (QA: 20,000 documents, 340,000 spans read and 2.8 million suggestions
collected in one list took 1.8 GB)"""

MAX_SUGGESTIONS = 100_000
"""how many new suggestions ``annotator annotate-all`` stores at most unless ``--max`` says
otherwise (0: no limit); beyond it nothing is stored and the message says why"""


class TooManySuggestions(AnnotatorError):
    """Annotate-all would store more suggestions than its limit: nothing was stored."""


Chunk = tuple[FoldedCorpus, list[Span]]
"""a few documents folded, with the live spans of every layer on them"""


def document_chunks(
    project: Project,
    documents: Sequence[int] | None = None,
    size: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[Chunk]:
    """The documents ``documents`` (ids; None: every document, streamed in id order) ``size``
    at a time, folded, with the live spans of every layer on them (read a document at a
    time: never every span of the project at once). ``cancelled`` is asked
    before each chunk (``Cancelled`` is raised)."""
    if documents is None:
        source: Iterable[tuple[int, str]] = ((d.id, d.text) for d in project.iter_documents())
    else:
        source = ((i, project.document(i).text) for i in dict.fromkeys(documents))
    size = size or CHUNK_DOCUMENTS
    batch: list[tuple[int, str]] = []
    for pair in source:
        batch.append(pair)
        if len(batch) >= size:
            yield _chunk(project, batch, cancelled)
            batch = []
    if batch:
        yield _chunk(project, batch, cancelled)


def _chunk(
    project: Project, batch: list[tuple[int, str]], cancelled: Callable[[], bool] | None
) -> Chunk:
    if cancelled is not None and cancelled():
        raise Cancelled("annotate-all cancelled; nothing was stored")
    return FoldedCorpus(batch), [s for doc_id, _ in batch for s in project.spans(doc_id)]


def occurrences(
    project: Project,
    span: Span,
    documents: Sequence[int] | None = None,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[list[Suggestion]]:
    """Annotate-all from one span (the window's action): every other occurrence of its text
    (``annotator.search.annotate_all``) in ``documents`` (ids; None: every document), a chunk
    of documents at a time (``document_chunks``), never over a live span of any layer or a
    remembered rejection. ``progress(done, total)`` counts documents; ``cancelled`` is asked
    between chunks (``Cancelled`` is raised)."""
    total = project.document_count() if documents is None else len(set(documents))
    rejected = project.rejected_suggestions()
    done = 0
    for corpus, existing in document_chunks(project, documents, cancelled=cancelled):
        yield list(search_annotate_all(span, corpus, existing, rejected=rejected))
        done += len(corpus)
        if progress is not None:
            progress(done, total)


def store_pending(
    project: Project,
    items: Sequence[Suggestion],
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
    size: int = 5000,
) -> list[Suggestion]:
    """Store ``items`` as pending (``Project.add_suggestions``) ``size`` at a time in ONE
    transaction (a cancel raises ``Cancelled`` and stores nothing), as one batch (their
    own uuids replaced by the batch's); returns those now pending, the ones stored, in
    order (for ``StoreSuggestions.already_stored``, whose undo and redo then cost one write
    each). The rows of batches withdrawn before are deleted first, here, off the window's
    thread: the step this store becomes drops the steps that could redo them."""
    with project.transaction():
        project.purge_withdrawn_suggestions()
        batch = project.new_suggestion_batch()
        for at in range(0, len(items), size):
            if cancelled is not None and cancelled():
                raise Cancelled("cancelled; no suggestions were stored")
            part = items[at : at + size]
            project.add_suggestions(part, batch)
            if progress is not None:
                progress(at + len(part), len(items))
        return project.batch_suggestions(batch.id)


def annotate_all(
    project: Project,
    from_layer: str,
    to_layer: str | None = None,
    labels: Iterable[str] | None = None,
    documents: Sequence[int] | None = None,
    limit: int = 0,
) -> SuggestionReport:
    """Every other occurrence (folded, clitic-aware, whole words) of the text of each live
    span of ``from_layer`` (with one of ``labels``, if given) in ``documents`` (ids; None:
    every document), as suggestions with the span's label and source ``annotate-all``. Never
    over an existing annotation of any layer, over another suggestion, or a remembered
    rejection. With ``to_layer`` they are accepted at once into that layer, else left
    pending for an analyst. One transaction.

    The documents are searched and the suggestions stored a chunk at a time
    (``document_chunks``): memory does not grow with the corpus. ``limit`` (0: none): when
    more than that many suggestions would be stored, ``TooManySuggestions`` is raised and
    nothing is stored."""
    wanted = None if labels is None else set(labels)
    rejected = project.rejected_suggestions()
    groups: dict[tuple[str, str], Span] = {}
    for span in project.spans(annotator=from_layer):
        if (wanted is None or span.label in wanted) and not span.fragments:
            groups.setdefault((" ".join(span.text.split()), span.label), span)
    queries: list[tuple[Query, str, str]] = []
    for (text, label), span in groups.items():
        try:
            query = Query(text, Mode.WORD)
            query.matcher()
        except QueryError:
            continue
        queries.append((query, label, span.uuid))
    total = project.document_count() if documents is None else len(set(documents))
    report = SuggestionReport(ANNOTATE_ALL, total)
    searched = written = pending = 0
    with project.transaction():
        for corpus, existing in document_chunks(project, documents):
            covered = coverage_by_document(existing)
            found: list[Suggestion] = []
            for query, label, origin in queries:
                hits = ((hit, label, origin) for hit in corpus.search(query))
                found.extend(
                    suggestions_from_hits(hits, corpus.text, covered, ANNOTATE_ALL, rejected)
                )
            searched += len(corpus)
            report.found += len(found)
            stored = project.add_suggestions(found)
            written += stored
            if limit and written > limit:
                raise TooManySuggestions(
                    Message(
                        "annotate-all would store more than {limit} suggestions ({written} "
                        "in the first {searched} of {total} documents already); nothing was "
                        "stored. Narrow it with --label or --document, or raise --max "
                        "(0: no limit)",
                        limit=limit,
                        written=written,
                        searched=searched,
                        total=total,
                    )
                )
            if to_layer is None:
                pending += stored
            else:
                uuids = [s.uuid for s in found]
                report.accepted.extend(project.accept_suggestions(uuids, to_layer))
                pending += len(project.pending_suggestions(uuids))
    report.stored = pending
    return report


def gazetteer(
    project: Project,
    path: Path,
    documents: Sequence[int] | None = None,
    label: str = "",
    name: str = "",
    batch: SuggestionBatch | None = None,
) -> SuggestionReport:
    """The matches of a gazetteer file (``.csv`` ``name,label``, or ``.txt`` with ``label``
    for every name) in ``documents`` (None: every document), stored as pending suggestions
    of source ``gazetteer:<name>`` (with ``batch``, as that batch: ``gazetteer_step``). A
    bad file, or a label not in the schema, raises ImportFormatError naming the file and
    line before anything is written."""
    gaz = read_gazetteer(Path(path), label=label, name=name)
    known = suggestable_labels(project.schema)
    for entry in gaz.entries:
        if entry.label not in known:
            raise unknown_label(str(path), entry.line, entry.label)
    corpus = _corpus(project, documents)
    found = list(
        gazetteer_suggestions(
            gaz, corpus, _existing(project, corpus), project.rejected_suggestions()
        )
    )
    report = SuggestionReport(gaz.source, len(corpus), len(found))
    report.stored = project.add_suggestions(found, batch)
    return report


def gazetteer_step(
    path: Path,
    documents: Sequence[int] | None = None,
    label: str = "",
    name: str = "",
) -> StoreSuggestions:
    """A gazetteer's import (``gazetteer``) as ONE undoable step (``StoreSuggestions``):
    undo withdraws every suggestion it stored in one write, redo puts them back. Its
    ``report`` is the import's after ``do``; a bad file refuses the step (nothing written)."""

    def store(project: Project, batch: SuggestionBatch) -> SuggestionReport:
        return gazetteer(project, path, documents, label, name, batch)

    return StoreSuggestions.running(
        store, Message("import suggestions from gazetteer {name}", name=name or Path(path).stem)
    )


def import_step(
    path: Path, documents: Sequence[int] | None = None, min_score: float = 0.0
) -> StoreSuggestions:
    """An import of predictions made elsewhere (a JSONL file or a spaCy pipeline:
    ``annotator.learn.external.import_suggestions``) as ONE undoable step
    (``StoreSuggestions``): undo withdraws what it stored in one write and puts back, as
    they were, the pending suggestions of its sources it replaced (those a span hides
    too); redo stores it again. Its ``report`` (an ``Imported``) is the import's after
    ``do``; a bad file refuses the step (nothing written)."""
    from annotator.learn.external import import_suggestions

    def store(project: Project, batch: SuggestionBatch) -> Imported:
        return import_suggestions(project, path, documents, min_score, batch)

    return StoreSuggestions.running(store, Message("import suggestions"))


@dataclass
class Trained:
    """A trained model, stored: the training result and the model's id in the project."""

    result: TrainingResult
    model_id: int

    def lines(self) -> list[str]:
        return [*self.result.lines(), f"model {self.result.model.source} stored ({self.model_id})"]


def train_and_store(
    project: Project,
    annotator: str = "gold",
    status: str | None = None,
    eval_split: float = 0.2,
    seed: int | str = 1,
    progress: Callable[[str, int, int], object] | None = None,
    isolated: bool = False,
) -> Trained:
    """Train a model on ``annotator``'s layer (``annotator.learn.train``: NotEnoughData when
    it holds too little) and store it in the project as the newest ``ner`` model."""
    from annotator.learn import train

    kwargs: dict[str, Any] = {"isolated": isolated}
    if progress is not None:
        kwargs["progress"] = progress
    result = train(project, annotator, status, eval_split, seed, **kwargs)
    return Trained(result, save_trained(project, result.model))


def save_trained(project: Project, model: Model) -> int:
    """Store ``model`` as the project's newest ``ner`` model with its ``Model.summary()``,
    what every reader of the models table gets (the bytes carry the whole manifest).
    Returns its id. Models of the kind older than the newest ``store.MODELS_KEPT`` are
    deleted in the same transaction (``Project.save_model``)."""
    return project.save_model(MODEL_KIND, model.to_bytes(), model.summary())


class NoModel(AnnotatorError):
    """No model is stored in the project yet."""


def stored_model(project: Project) -> Model:
    """The newest stored model, read without pickle (ModelError naming the project file when
    damaged or altered, saying to train it again; ProjectFileError, naming it too, when its
    bytes do not match their checksum; NoModel when none)."""
    from annotator.learn.crf import ModelError

    try:
        return _read_model(project)
    except ModelError as exc:
        raise ModelError(
            Message(
                "{path}: the stored model cannot be read: {problem}; train it again",
                path=str(project.path),
                problem=message_of(exc),
            )
        ) from None


def _read_model(project: Project) -> Model:
    found = project.latest_model(MODEL_KIND)
    if found is None:
        raise NoModel("no model trained yet: run `annotator train` first")
    from annotator.learn import Model

    return Model.from_bytes(found[0])


def model_problem(project: Project) -> AnnotatorError | None:
    """Why the newest stored model cannot be used, read as every suggestion reads it
    (``stored_model``: its row's checksum, then its bytes parsed and checked; the problem
    alone, without "train it again"); None when it can be, or when none is stored."""
    try:
        _read_model(project)
    except NoModel:
        return None
    except AnnotatorError as exc:
        return exc
    return None


def stored_model_problems(project: Project) -> list[Message]:
    """What ``annotator check`` says of the stored model beyond its row (``Project.integrity``
    checks every row's checksum and manifest): the newest model, the one every suggestion
    reads, read exactly as ``stored_model`` reads it (``model_problem``: ``Model.from_bytes``
    checks its manifest, its CRF part against the manifest's checksum, the CRF part's
    structure and its labels). Empty when it reads, when none is stored, or when its row is
    what is damaged (``integrity`` says so already)."""
    from annotator.learn.crf import ModelError

    ids = [m["id"] for m in project.models() if m["kind"] == MODEL_KIND]
    if not ids:
        return []
    problem = model_problem(project)
    if not isinstance(problem, ModelError):
        return []
    return [
        Message(
            "model {id} is damaged: {problem}; train the model again",
            id=max(ids),
            problem=message_of(problem),
        )
    ]


def _check_child(conn: Connection, path: str) -> None:
    """The model check's child process (``check_stored_model``): its answer, sent by
    ``isolated.answer``, which ends the child quietly when no one reads it any more (the
    window closed or crashed first)."""
    from annotator.learn.isolated import answer
    from annotator.project import Project

    try:
        with Project.open(path, read_only=True) as project:
            problem = model_problem(project)
        answer(conn, ("done", None if problem is None else message_of(problem)))
    except Exception as exc:  # the parent shows it; the child has no one else to tell
        answer(conn, ("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def check_stored_model(path: Path, isolated: bool = True) -> str | None:
    """``model_problem`` of the project file at ``path`` (opened read-only), as its text (a
    ``Message`` when it has one), or None. ``isolated``: in a child process, so the caller's
    process loads no learning module and its threads keep the GIL (parsing a model takes a
    tenth of a second and more; the first import of the learning modules held the GIL up to
    60 ms at a time)."""
    if isolated:
        from annotator.learn.isolated import run_isolated

        found: str | None = run_isolated(
            _check_child, (str(path),), _no_steps, what="the model check"
        )
        return found
    from annotator.project import Project

    with Project.open(path, read_only=True) as project:
        problem = model_problem(project)
    return None if problem is None else message_of(problem)


def _no_steps(phase: str, done: int, total: int) -> None:
    return None


def store_model_suggestions(
    project: Project, model: Model, documents: Iterable[Document], min_score: float = 0.0
) -> StoredSuggested:
    """``model``'s suggestions for ``documents``, stored as pending in one transaction: they
    replace the pending suggestions every version of that model left there (its source
    family: a retrained model's suggestions take the place of the last one's, never
    beside them), rejections stay remembered across versions, and none overlaps an
    annotation or another pending suggestion (``Project.add_suggestions``). Returns what
    was stored, each document's confidence (``annotator.learn.active_order``) and what was
    left out for a label the schema does not have (``store_suggested``)."""
    docs = list(documents)
    found = learn_suggest(model, docs, min_score)
    return store_suggested(project, model.source, [d.id for d in docs], found, min_score)


@dataclass(frozen=True)
class StoredSuggested(Suggested):
    """A model's suggestions stored (``store_suggested``): what is now pending from it, each
    document's confidence, and how many of its predictions were left out because their
    label is not in the project's schema, by label."""

    unknown: dict[str, int] = field(default_factory=dict)
    """predictions left out, by label the schema does not have (the model was trained
    before the schema dropped or renamed it)"""

    def lines(self) -> list[Message]:
        """What was left out and why (none when nothing was)."""
        if not self.unknown:
            return []
        return [
            Message(
                "{n} of the model's suggestions not stored: the project's schema has no "
                "label {labels} (train the model again to learn the schema's labels)",
                n=sum(self.unknown.values()),
                labels=", ".join(sorted(self.unknown)),
            )
        ]


def store_suggested(
    project: Project,
    source: str,
    doc_ids: Sequence[int],
    found: Suggested,
    min_score: float = 0.0,
) -> StoredSuggested:
    """Store ``found``, a model's suggestions for ``doc_ids`` (made here or by a training
    child process), as pending: the pending suggestions every version of ``source``'s model
    left there replaced, in one transaction. Returns what is now pending from the model
    there (scoring at least ``min_score``) and ``found``'s confidence.

    A prediction whose label the project's schema does not have (the schema dropped the
    label after the model was trained) is left out, as ``Project.add_suggestions`` leaves
    it out for every source, and counted (``StoredSuggested.unknown``); the others are
    stored."""
    known = project.suggestable_labels()
    unknown = Counter(s.label for s in found.suggestions if s.label not in known)
    with project.transaction():
        for doc_id in doc_ids:
            project.clear_suggestions(source, doc_id, family=True)
        project.add_suggestions(found.suggestions)
    stored = [
        s
        for doc_id in doc_ids
        for s in project.suggestions(doc_id, min_score)
        if source_family(s.source) == source_family(source)
    ]
    return StoredSuggested(stored, found.confidence, dict(sorted(unknown.items())))


def suggest(
    project: Project, documents: Sequence[int] | None = None, min_score: float = 0.0
) -> list[Suggestion]:
    """The stored model's suggestions for ``documents`` (ids; None: every document), stored
    as pending by ``store_model_suggestions``. Returns what is now pending from the model in
    those documents, in reading order (the CLI's ``--json`` prints each with
    ``annotator.learn.suggestion_json``)."""
    return suggest_stored(project, documents, min_score).suggestions


def suggest_stored(
    project: Project, documents: Sequence[int] | None = None, min_score: float = 0.0
) -> StoredSuggested:
    """``suggest``, with what was left out and why (``StoredSuggested.lines``: predictions
    of a label the project's schema does not have) and each document's confidence."""
    model = stored_model(project)
    ids = list(documents) if documents is not None else [d.id for d in project.documents()]
    return store_model_suggestions(project, model, (project.document(i) for i in ids), min_score)
