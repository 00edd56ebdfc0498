"""Undoable adjudication commands: accepting colleagues' annotations into the gold layer.

They wrap ``annotator.review.accept`` and ``accept_all_agreements`` in the ``Command``
protocol of ``annotator.commands.edits`` so the GUI can put them on its undo stack: ``do`` copies
into gold (one transaction), ``undo`` is ``review.retract`` of exactly what was written (one
transaction, so one undo step however many records), and redo writes the same gold records
back (same uuids, so later commands referring to them stay valid). A command that would
write nothing is refused, so no empty step lands on the stack, with the reason it wrote
nothing (``_Accepting.nothing``: nothing chosen, no agreement in the document, gold holding
them all already, agreed events or relations waiting for spans the annotators label
differently).

``drop_from_gold`` deletes a record only gold holds (``Disagreement.only_in_gold``) with what
would dangle without it, as one step of the shared delete commands.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence

from annotator.commands.edits import (
    Changed,
    Command,
    DeleteArgument,
    DeleteRelation,
    Version,
    _restore,
    delete_event_with_trigger,
    delete_span_with_links,
    unchanged,
)
from annotator.errors import Message, ValidationError
from annotator.model import GOLD, Event, Record, Relation, Span
from annotator.project import Project, Written
from annotator.review import (
    Conflict,
    Disagreement,
    GoldIndex,
    Reused,
    accept,
    accept_all_agreements,
    compare,
    is_resolved,
    retract,
    span_places,
)

__all__ = ["AcceptAllAgreements", "AcceptIntoGold", "drop_from_gold"]


class _Accepting(Command):
    """Shared do/undo: remembers what the first ``do`` wrote and retracts exactly that."""

    def __init__(self, into: str) -> None:
        super().__init__()
        self.into = into
        self.conflicts: list[Conflict] = []
        """what the first ``do`` copied beside competing gold spans"""
        self.left_out: list[Event] = []
        self.kept: list[Record] = []  # agreements left as gold has them (marked adjudicated)
        """agreed events the first ``do`` did not copy: their trigger span is labelled
        otherwise than their type (an older version's data, ``rules.trigger_label_problem``;
        ``check`` lists them)"""
        self.reused: list[Reused] = []
        """spans the first ``do`` needed whose gold version chosen earlier it used"""

    @abstractmethod
    def _write(self, project: Project) -> list[Record]:
        """Copy into gold; return the records written."""

    def _first(self, project: Project) -> list[Version]:
        written = self._write(project)
        self.left_out = list(getattr(written, "left_out", []))
        self.kept = list(getattr(written, "kept", []))
        if not written and not getattr(written, "replaced", None):
            raise ValidationError(self.nothing(project))
        # spans copied beside gold spans they compete with (annotator.review.Conflict): the
        # window tells the adjudicator, who chose what to accept, that gold now holds both
        self.conflicts = list(getattr(written, "conflicts", []))
        self.reused = list(getattr(written, "reused", []))
        # gold records changed in place of stale gold spans (``accept(replacing=...)``)
        replaced: list[Version] = list(getattr(written, "replaced", []))
        return [(None, rec) for rec in written] + replaced

    def nothing(self, project: Project) -> Message:
        """Why the first ``do`` wrote nothing (read after it, only then)."""
        return Message("nothing to accept: the {into} layer already holds it", into=self.into)

    @property
    def written(self) -> list[Record]:
        """The gold records the first ``do`` created (in the order they were written)."""
        return [after for before, after in self.versions if before is None]

    def undo(self, project: Project) -> Changed:
        with project.transaction() as written, unchanged(project, self, "undo"):
            for before, _ in reversed(self.versions):
                if before is not None:  # a gold record it changed: its version before
                    _restore(project, before, "undo")
            retract(project, self.written)
        return self._changed(written)


class AcceptIntoGold(_Accepting):
    """Copy the given annotations (spans, events with arguments, relations) into gold; a
    trigger span comes with the events it triggers and their arguments (the review lists a
    differing trigger as one span item), so gold never holds a trigger without its event;
    ``replacing``: stale gold spans the first accepted span replaces (``review.accept``)."""

    def __init__(
        self, uuids: Iterable[str], into: str = GOLD, replacing: Iterable[str] = ()
    ) -> None:
        super().__init__(into)
        self.uuids = tuple(uuids)
        self.replacing = tuple(replacing)
        self.text = (
            Message("accept into gold")
            if into == GOLD
            else Message("accept into {into}", into=into)
        )

    def _write(self, project: Project) -> list[Record]:
        return accept(project, self.uuids, self.into, self.replacing)

    def nothing(self, project: Project) -> Message:
        if not self.uuids:
            return Message("nothing to accept: nothing is chosen")
        return super().nothing(project)


class AcceptAllAgreements(_Accepting):
    """Copy into gold everything on which all ``annotators`` agree in one document."""

    def __init__(self, doc_id: int, annotators: Sequence[str], into: str = GOLD) -> None:
        super().__init__(into)
        self.doc_id = doc_id
        self.annotators = tuple(annotators)
        self.text = Message("accept all agreements")

    def _write(self, project: Project) -> list[Record]:
        return accept_all_agreements(project, self.doc_id, self.annotators, self.into)

    def nothing(self, project: Project) -> Message:
        """No agreement at all; every agreement already in gold; agreed trigger spans waiting
        for their events, on which the annotators differ; or agreed events and relations left
        out (``accept_all_agreements``: a span they need is labelled
        differently, or has other attributes, and gold holds none at its place)."""
        names = list(self.annotators)
        if len(names) < 2:
            return Message("nothing to accept: agreements need two annotators at least")
        who = _together(names)
        layers = [project.layer(self.doc_id, a) for a in names]
        agreed: dict[str, list[Disagreement]] = {}  # uuid in the first layer -> its agreements
        for n, other in enumerate(layers[1:]):
            for d in compare(layers[0], other):
                if d.is_agreement and d.a is not None and (n == 0 or d.a.uuid in agreed):
                    agreed.setdefault(d.a.uuid, []).append(d)
        common = [ds for ds in agreed.values() if len(ds) == len(layers) - 1]
        if not common:
            return Message("nothing to accept: {who} agree on nothing in this document", who=who)
        index = GoldIndex.of(project.layer(self.doc_id, self.into))
        where = span_places(layers)
        # what waits: agreed events and relations, for a span; agreed trigger spans, for
        # their event (on which the annotators differ)
        waiting = sum(
            1
            for ds in common
            if not isinstance(ds[0].a, Span) and not is_resolved(ds[0], index, where)
        )
        triggers = sum(
            1 for ds in common if isinstance(ds[0].a, Span) and not is_resolved(ds[0], index, where)
        )
        if self.left_out:
            return Message(
                "nothing to accept: {n} events {who} agree on have a trigger span labelled "
                "otherwise than their type (data of an older version); the problems list "
                "names them",
                n=len(self.left_out),
                who=who,
            )
        if triggers and not waiting:
            return Message(
                "nothing to accept: {n} trigger spans {who} agree on wait for their events, "
                "which they annotate differently; accept one version of those events into "
                "{into} first",
                n=triggers,
                who=who,
                into=self.into,
            )
        if self.kept:
            return Message(
                "nothing to accept: the document is marked adjudicated, and {into} keeps its "
                "own version of {n} agreements of {who}",
                into=self.into,
                n=len(self.kept),
                who=who,
            )
        if not waiting:
            return Message(
                "nothing to accept: the {into} layer already holds all {n} agreements of {who} "
                "in this document",
                into=self.into,
                n=len(common),
                who=who,
            )
        return Message(
            "nothing to accept: {n} events or relations {who} agree on need spans whose "
            "attributes they set differently; accept one version of those spans into {into} "
            "first",
            n=waiting,
            who=who,
            into=self.into,
        )

    def _changed(self, written: Written) -> Changed:
        # the document is touched even if the step wrote no record
        return Changed.of(written, frozenset({self.doc_id}))


def _together(names: Sequence[str]) -> Message:
    """Two names or more as "a, b and c" (a ``Message``: the interface joins them in its
    language)."""
    *rest, last = names
    return Message("{names} and {last}", names=_listed(rest), last=last)


def _listed(names: Sequence[str]) -> Message | str:
    """Names as "a, b" (one name as it is)."""
    first, *rest = names
    return Message("{first}, {rest}", first=first, rest=_listed(rest)) if rest else first


def drop_from_gold(project: Project, record: Record, into: str = GOLD) -> Command:
    """Delete ``record``, a record of the ``into`` layer only that layer holds (the ``gold``
    of a ``Disagreement.only_in_gold`` item), with what would dangle without it, as one undo
    step, by the one rule of deletions (``commands.edits``): a span with the events it
    triggers, the arguments it and they fill and its relations (``delete_span_with_links``);
    an event with its arguments, the arguments it fills, and its trigger span when no other
    event uses it (``delete_event_with_trigger``: a gold trigger without an event is what
    ``check`` lists); a relation or an argument alone. Undo restores gold exactly."""
    if record.annotator != into:
        text = record.text if isinstance(record, Span) else record.uuid
        raise ValidationError(Message("{text} is not in {into}", text=text, into=into))
    if isinstance(record, Span):
        return delete_span_with_links(project, record.uuid)
    if isinstance(record, Relation):
        return DeleteRelation(record.uuid)
    if isinstance(record, Event):
        return delete_event_with_trigger(project, record.uuid)
    return DeleteArgument(record.uuid)
