"""Undoable adjudication commands: accepting colleagues' annotations into the gold layer.

They wrap ``annotator.review.accept`` and ``accept_all_agreements`` in the ``Command``
protocol of ``annotator.commands.edits`` so the GUI can put them on its undo stack: ``do`` copies
into gold (one transaction), ``undo`` is ``review.retract`` of exactly what was written (one
transaction, so one undo step however many records), and redo writes the same gold records
back (same uuids, so later commands referring to them stay valid). A command that would
write nothing (gold already holds it all) is refused, so no empty step lands on the stack.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence

from annotator.commands.edits import Changed, Command, Version
from annotator.errors import ValidationError
from annotator.model import GOLD, Record
from annotator.project import Project, Written
from annotator.review import Conflict, accept, accept_all_agreements, retract

__all__ = ["AcceptAllAgreements", "AcceptIntoGold"]


class _Accepting(Command):
    """Shared do/undo: remembers what the first ``do`` wrote and retracts exactly that."""

    def __init__(self, into: str) -> None:
        super().__init__()
        self.into = into
        self.conflicts: list[Conflict] = []
        """what the first ``do`` copied beside competing gold spans"""

    @abstractmethod
    def _write(self, project: Project) -> list[Record]:
        """Copy into gold; return the records written."""

    def _first(self, project: Project) -> list[Version]:
        written = self._write(project)
        if not written:
            raise ValidationError(f"nothing to accept: the {self.into} layer already holds it")
        # spans copied beside gold spans they compete with (annotator.review.Conflict): the
        # window tells the adjudicator, who chose what to accept, that gold now holds both
        self.conflicts = list(getattr(written, "conflicts", []))
        return [(None, rec) for rec in written]

    @property
    def written(self) -> list[Record]:
        """The gold records the first ``do`` created (in the order they were written)."""
        return [after for _, after in self.versions]

    def undo(self, project: Project) -> Changed:
        with project.transaction() as written:
            retract(project, self.written)
        return self._changed(written)


class AcceptIntoGold(_Accepting):
    """Copy the given annotations (spans, events with arguments, relations) into gold."""

    def __init__(self, uuids: Iterable[str], into: str = GOLD) -> None:
        super().__init__(into)
        self.uuids = tuple(uuids)
        self.text = "accept into gold" if into == GOLD else f"accept into {into}"

    def _write(self, project: Project) -> list[Record]:
        return accept(project, self.uuids, self.into)


class AcceptAllAgreements(_Accepting):
    """Copy into gold everything on which all ``annotators`` agree in one document."""

    def __init__(self, doc_id: int, annotators: Sequence[str], into: str = GOLD) -> None:
        super().__init__(into)
        self.doc_id = doc_id
        self.annotators = tuple(annotators)
        self.text = "accept all agreements"

    def _write(self, project: Project) -> list[Record]:
        return accept_all_agreements(project, self.doc_id, self.annotators, self.into)

    def _changed(self, written: Written) -> Changed:
        # the document is touched even if the step wrote no record
        return Changed.of(written, frozenset({self.doc_id}))
