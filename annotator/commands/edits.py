"""Qt-free edit commands: each user action as an object that can do, undo and redo itself.

A command runs through the ``Project`` API inside ONE write transaction. The first ``do``
performs the edit and remembers the record versions before and after it; ``undo`` writes the
"before" versions back with ``Project.restore`` (a created record is tombstoned, a deleted
one comes back with the same uuid and content), and a later ``do`` (redo) writes the "after"
versions back, so records keep their uuids and later commands that refer to them stay valid.
Restored records get a fresh clock stamp: merges see an undo as the newest version.

An undo or redo writes only over the versions the step itself left (``unchanged``, the one
rule, ADR 0002): when a record it would write was changed or deleted meanwhile (another
window, a merge, a hub sync), the whole undo or redo is refused (``ChangedMeanwhile``) and
nothing is written; else a colleague's edit or deletion would be reversed with a fresh stamp,
which a sync then spreads as the newest version.

Commands return ``Changed``: the record versions and statuses they wrote, in the spirit of
Anki's operations → changes → views. The GUI updates its views from it and never reads those
records back. ``Macro`` groups commands into one step (bulk actions, a trigger span plus its
event, a span deletion with the arguments that pointed at it) and reports ``Changed.union`` of
its children (linear in what they wrote). ``RelabelSpansInBulk`` relabels many spans as one
bulk write (``Project.batch()``), with the same versions, stamps and log lines as one
``UpdateSpan`` each.

Example::

    cmd = AddSpan(doc_id, 6, 14, "PER", "amal")
    cmd.do(project)      # the span exists
    cmd.undo(project)    # tombstoned
    cmd.do(project)      # back, same uuid
"""

from __future__ import annotations

import contextlib
import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator import rules
from annotator.cycles import no_cycle_collection
from annotator.errors import Message, ValidationError
from annotator.model import (
    DocStatus,
    DocumentAnnotations,
    Event,
    Record,
    Relation,
    Span,
    Status,
    record_kind,
)
from annotator.uuids import new_uuid

if TYPE_CHECKING:
    from annotator.batch import Batch, LogEntry
    from annotator.project import Project, Written
    from annotator.rules import Violation


def _restore(project: Project, record: Record, action: str) -> None:
    # Project.restore is generic over the four record types; a Record union does not bind
    # its constrained type variable, so go through Any here.
    restore: Any = project.restore
    restore(record, action)


@dataclass(frozen=True)
class Changed:
    """What a command wrote: the documents it touched, the record versions it wrote and the
    document statuses it set.

    ``records`` holds the last version written of each record (tombstones included), in the
    order the records were first written; ``created`` the uuids among them that did not exist
    before (a first version, not a restored one)."""

    doc_ids: frozenset[int] = frozenset()
    records: tuple[Record, ...] = ()
    statuses: tuple[DocStatus, ...] = ()
    created: frozenset[str] = frozenset()

    @classmethod
    def of(cls, written: Written, doc_ids: frozenset[int] = frozenset()) -> Changed:
        """What one ``Project.transaction()`` wrote (plus ``doc_ids`` touched otherwise)."""
        latest: dict[tuple[str, str], Record] = {}
        for rec in written.records:
            latest[record_kind(rec), rec.uuid] = rec  # a later version keeps the first place
        docs = {r.doc_id for r in latest.values()} | {s.doc_id for s in written.statuses}
        return cls(
            doc_ids | docs,
            tuple(latest.values()),
            tuple(written.statuses),
            frozenset(written.created),
        )

    @property
    def uuids(self) -> tuple[str, ...]:
        """The uuids of the records written, in order."""
        return tuple(r.uuid for r in self.records)

    @property
    def status(self) -> bool:
        """Whether a document status was set."""
        return bool(self.statuses)

    def __or__(self, other: Changed) -> Changed:
        return Changed.union((self, other))

    @classmethod
    def union(cls, changes: Iterable[Changed]) -> Changed:
        """What ``changes`` wrote one after the other, in linear time: the same as folding
        them with ``|`` from the left, which costs the square of the record count (a bulk
        step of 10,000 children rebuilt a dict of everything changed so far per child)."""
        docs: set[int] = set()
        latest: dict[tuple[str, str], Record] = {}
        statuses: list[DocStatus] = []
        created: set[str] = set()
        for change in changes:
            docs |= change.doc_ids
            for rec in change.records:
                latest[record_kind(rec), rec.uuid] = rec  # a later version keeps the first place
            statuses += change.statuses
            created |= change.created
        return cls(frozenset(docs), tuple(latest.values()), tuple(statuses), frozenset(created))


Version = tuple[Record | None, Record]
"""(before, after) of one record; ``before`` is None for a record the command created."""


class ChangedMeanwhile(ValidationError):
    """An undo or redo refused: records it would write were changed or deleted since the
    step last wrote them (``unchanged``). ``count`` says how many."""

    def __init__(self, message: Message, count: int) -> None:
        super().__init__(message)
        self.count = count


_CHECKING: ContextVar[bool] = ContextVar("_CHECKING", default=False)
"""True while the step being undone or redone has been checked as a whole (``unchanged``):
the commands it holds, undone or redone inside it, are not checked again"""


@contextlib.contextmanager
def unchanged(project: Project, command: Command, how: str) -> Iterator[None]:
    """Refuse an undo (``how="undo"``) or redo (``how="redo"``) of ``command`` that would
    overwrite what the file holds now with a version the step stored, unless the file still
    holds, for every record of the step, the version the step left: the last one it wrote
    for an undo, the one before it first wrote it for a redo (a tombstone for a record it
    created). A record the file holds as the undo or redo would write it anyway counts as
    unchanged. Anything else (another content, deleted meanwhile, brought back meanwhile)
    refuses the whole undo or redo with ``ChangedMeanwhile``, before anything is written.

    Called inside the undo's or redo's transaction, before it writes. The step is checked as
    a whole, once (its records read in bulk, a query per kind: ``_stored_now``), and the
    commands it holds, undone or redone inside the block, are not checked again. Records a
    step's follow commands (``schema._Follow``) read and write then are not the step's own:
    they are not checked."""
    if _CHECKING.get():
        yield
        return
    with no_cycle_collection():  # (50,000 records read and compared: no young-object walks)
        changed = _changed_meanwhile(project, command, how)
    if changed:
        raise ChangedMeanwhile(_meanwhile(changed, how), changed)
    token = _CHECKING.set(True)
    try:
        yield
    finally:
        _CHECKING.reset(token)


def _changed_meanwhile(project: Project, command: Command, how: str) -> int:
    """How many records of ``command``'s step the file holds otherwise than the step left
    them and than the undo (``how="undo"``) or redo would write them (``unchanged``)."""
    first: dict[str, dict[str, Record]] = {}
    last: dict[str, dict[str, Record]] = {}
    for before, after in command.step_versions():
        kind = record_kind(after)
        firsts = first.get(kind)
        if firsts is None:
            firsts = first[kind] = {}
            last[kind] = {}
        if after.uuid not in firsts:
            firsts[after.uuid] = (
                before if before is not None else dataclasses.replace(after, deleted=True)
            )
        last[kind][after.uuid] = after
    expected, target = (last, first) if how == "undo" else (first, last)
    changed = 0
    for kind, wanted in expected.items():
        # By clock stamps first, no record decoded: the file holds ``want`` when it holds a
        # live version with its stamp, or none live when ``want`` is a tombstone (as
        # ``_holds`` decides). Only the others are read and compared by content.
        stamps = project.record_stamps(kind, list(wanted))
        unsure: list[str] = []
        for uuid, want in wanted.items():
            stamp = stamps.get(uuid)
            if want.deleted:
                if stamp is None or stamp[1]:
                    continue
            elif stamp is not None and not stamp[1] and stamp[0] == want.clock:
                continue
            unsure.append(uuid)
        if not unsure:
            continue
        now = _stored_now(project, kind, unsure)
        targets = target[kind]
        for uuid in unsure:
            held = now.get(uuid)
            if not _holds(held, wanted[uuid]) and not _holds(held, targets[uuid]):
                changed += 1
    return changed


def _meanwhile(n: int, how: str) -> Message:
    if how == "undo":
        if n == 1:
            return Message(
                "an annotation was changed or deleted meanwhile (in another window, a merge"
                " or a sync); undoing would overwrite it"
            )
        return Message(
            "{n} annotations were changed or deleted meanwhile (in another window, a merge"
            " or a sync); undoing would overwrite them",
            n=n,
        )
    if n == 1:
        return Message(
            "an annotation was changed or deleted meanwhile (in another window, a merge"
            " or a sync); redoing would overwrite it"
        )
    return Message(
        "{n} annotations were changed or deleted meanwhile (in another window, a merge"
        " or a sync); redoing would overwrite them",
        n=n,
    )


def _stored_now(project: Project, kind: str, uuids: Sequence[str]) -> dict[str, Record]:
    """The live version the file holds of each of ``uuids`` of ``kind``, by uuid, read in
    bulk for spans and events (``Project.spans_by_uuid``, ``events_by_uuid``: a query per
    5,000), one read each for relations and arguments; one deleted or missing is left out."""
    records: Iterable[Record | None]
    if kind == "spans":
        records = project.spans_by_uuid(uuids)
    elif kind == "events":
        records = project.events_by_uuid(uuids)
    else:
        records = (project.find(uuid, kind) for uuid in uuids)
    return {rec.uuid: rec for rec in records if rec is not None}


def _holds(now: Record | None, want: Record) -> bool:
    """Whether ``now`` (the live version stored, None when deleted or missing) is ``want``:
    a tombstone is held by no live version, a live one by its content (clock stamps aside:
    an undo or redo writes the same content with a fresh stamp)."""
    if want.deleted or now is None:
        return want.deleted and now is None
    return now.clock == want.clock or now == dataclasses.replace(want, clock=now.clock)


class Command(ABC):
    """Base of every edit. Subclasses implement ``_first`` (the real edit) and ``text``."""

    text: str = Message("edit")

    def __init__(self) -> None:
        self.versions: list[Version] = []
        self.done_once = False

    @abstractmethod
    def _first(self, project: Project) -> list[Version]:
        """Perform the edit for the first time; return the record versions it wrote."""

    def did_nothing(self) -> bool:
        """After ``do``: whether the edit turned out to change nothing (an interface then
        keeps no undo step for it, which undo would only seem to ignore)."""
        return False

    def do(self, project: Project) -> Changed:
        """Perform (first time) or redo the edit in one transaction (a redo refused when a
        record it would write changed meanwhile: ``unchanged``)."""
        with project.transaction() as written:
            if not self.done_once:
                versions = self._first(project)
            else:
                with unchanged(project, self, "redo"):
                    for _, after in self.versions:
                        _restore(project, after, "redo")
                versions = self.versions
        self.versions, self.done_once = versions, True
        return self._changed(written)

    def undo(self, project: Project) -> Changed:
        """Write back the state before the edit, in one transaction (refused when a record
        it would write changed meanwhile: ``unchanged``)."""
        with project.transaction() as written, unchanged(project, self, "undo"):
            for before, after in reversed(self.versions):
                if before is None:
                    _restore(project, dataclasses.replace(after, deleted=True), "undo")
                else:
                    _restore(project, before, "undo")
        return self._changed(written)

    def step_versions(self) -> Iterator[Version]:
        """The (before, after) versions this step wrote, in writing order: its own, or
        those of the commands it holds (``Macro``), what ``unchanged`` checks."""
        return iter(self.versions)

    def _changed(self, written: Written) -> Changed:
        """The change to report for what ``do`` or ``undo`` wrote."""
        return Changed.of(written)

    @property
    def uuid(self) -> str:
        """The uuid of the main record this command wrote (the first one)."""
        return self.versions[0][1].uuid if self.versions else ""


class AddSpan(Command):
    """Label ``text[start:end]``; the uuid is chosen up front so a Macro can refer to it."""

    def __init__(
        self,
        doc_id: int,
        start: int,
        end: int,
        label: str,
        annotator: str,
        attributes: dict[str, Any] | None = None,
        note: str = "",
        uuid: str | None = None,
    ) -> None:
        super().__init__()
        self.args = (doc_id, start, end, label, annotator)
        self.attributes, self.note = attributes, note
        self.new_uuid = uuid or new_uuid()
        self.text = Message("add {label}", label=label)

    def _first(self, project: Project) -> list[Version]:
        doc_id, start, end, label, annotator = self.args
        span = project.add_span(
            doc_id, start, end, label, annotator, self.attributes, self.note, uuid=self.new_uuid
        )
        return [(None, span)]

    @property
    def uuid(self) -> str:
        return self.new_uuid


class UpdateSpan(Command):
    """Move, relabel, re-attribute or re-note a span (only the given fields change). Judged
    by what the edit changes (``rules.edit_of``): an attribute value the span already held
    and the edit leaves as it is is not refused under the same label (one its label lost in
    a schema change, or an import brought); every value the edit adds or changes is."""

    def __init__(
        self,
        uuid: str,
        *,
        start: int | None = None,
        end: int | None = None,
        label: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.target = uuid
        self.changes: dict[str, Any] = {
            k: v
            for k, v in dict(
                start=start, end=end, label=label, attributes=attributes, note=note
            ).items()
            if v is not None
        }
        self.text = (
            Message("relabel span")
            if label is not None
            else Message("move span")
            if start is not None or end is not None
            else Message("edit span")
        )

    def _first(self, project: Project) -> list[Version]:
        before = project.span(self.target)
        # A span holding event attributes (what older versions stored on a trigger) has them
        # moved onto its events by the same write (``Project.update_span``): every version
        # written is kept, so undo and redo restore the events too, not the span alone.
        befores: dict[tuple[str, str], Record] = {("spans", before.uuid): before}
        if before.attributes:
            for ev in project.events(before.doc_id, before.annotator):
                if ev.trigger == before.uuid:
                    befores["events", ev.uuid] = ev
        # judged by what it changes (``rules.edit_of``): a value the span holds that its label
        # no longer has, left as it is, refuses no edit of its other fields, nor its removal
        with project.transaction() as written, rules.edit_of(before):
            after = project.update_span(self.target, **self.changes)
        versions: list[Version] = [(before, after)]
        for rec in Changed.of(written).records:
            if rec.uuid != after.uuid:
                versions.append((befores.get((record_kind(rec), rec.uuid)), rec))
        return versions


class RelabelSpansInBulk(Command):
    """Relabel the spans ``uuids`` as ``label`` in ONE bulk write (``Project.batch()``: one
    ``executemany`` per table), and so its undo and redo: what renaming a label in the schema
    does to its spans, 50,000 of them in seconds where one ``UpdateSpan`` each cost five
    statements per span. ``current``, the label they carry, lets the first ``do`` read them
    all in one query (a span found under another label is read on its own).

    The same record versions as an ``UpdateSpan`` per span, in the same order: each span is
    read when the step first runs (one gone since refuses the step), judged by
    ``annotator.rules.span_problem`` under the schema of that moment (a violation writes
    nothing), written with a fresh clock stamp and one change-log line ("update", then
    "undo"/"redo" as ``Project.restore`` logs them), and undo writes the versions before back
    (same content, fresh stamps) in reverse order."""

    def __init__(self, uuids: Sequence[str], label: str, *, current: str | None = None) -> None:
        super().__init__()
        self.uuids, self.label, self.current = list(uuids), label, current
        self.text = Message("relabel as {label}", label=label)
        self._stored: list[Span] = []
        """the version of each span the file holds (after do and redo the relabelled one,
        after undo the one before), logged as "before" by the next write"""
        self._json: list[dict[str, Any]] = []
        """``record_to_json`` of each span before the first ``do`` (every version written
        differs from it in ``_RELABEL_FIELDS`` only: its log lines are made from it)"""

    def _first(self, project: Project) -> list[Version]:
        from annotator import rules
        from annotator.model import record_to_json

        schema = project.schema
        with project.batch() as bulk:
            found = {} if self.current is None else {
                s.uuid: s for s in project.spans(label=self.current)
            }  # fmt: skip
            spans = [found.get(u) or project.span(u) for u in self.uuids]  # (gone: refused)
            at: dict[int, list[int]] = {}
            for i, span in enumerate(spans):
                at.setdefault(span.doc_id, []).append(i)
            relabelled: list[Span] = list(spans)
            # the documents' texts in blocks (one query per 500), not one read per document
            for block in project.text_blocks(ids=sorted(at)):
                for doc_id, name, text in block:
                    for i in at.pop(doc_id):
                        span = spans[i]
                        # the text as ``Project.update_span`` sets it
                        covered = text[span.start : span.end] if _covers(span, len(text)) else None
                        new = dataclasses.replace(
                            span, label=self.label, text=span.text if covered is None else covered
                        )
                        violation = rules.span_problem(schema, text, new, name)
                        if violation is not None:
                            raise violation.error()
                        relabelled[i] = new
            for doc_id in at:
                project.document(doc_id)  # raises: no such document
            versions = list(zip(spans, relabelled, strict=True))
            self._stored = [before for before, _ in versions]
            self._json = [record_to_json(before) for before in self._stored]
            written = self._write(bulk, range(len(versions)), [a for _, a in versions], "update")
        return [(before, after) for (before, _), after in zip(versions, written, strict=True)]

    def do(self, project: Project) -> Changed:
        if not self.done_once:
            self.versions, self.done_once = self._first(project), True
            return _spans_changed(after for _, after in self.versions)
        afters = [after for _, after in self.versions]
        with project.batch() as bulk, unchanged(project, self, "redo"):
            return _spans_changed(self._write(bulk, range(len(afters)), afters, "redo"))

    def undo(self, project: Project) -> Changed:
        order = range(len(self.versions) - 1, -1, -1)  # reversed, as a Macro undoes
        befores = [before for before, _ in self.versions]
        with project.batch() as bulk, unchanged(project, self, "undo"):
            return _spans_changed(self._write(bulk, order, befores, "undo"))

    def _write(
        self, bulk: Batch, order: Iterable[int], contents: Sequence[Record | None], action: str
    ) -> list[Span]:
        """Write ``contents[i]`` for each ``i`` of ``order`` with a fresh clock stamp, each
        logged against the version the file holds (``self._stored[i]``), which it becomes.
        Returns the versions written, in writing order."""
        out: list[Span] = []
        log: list[LogEntry] = []
        for i in order:
            content = contents[i]
            assert isinstance(content, Span)
            new = dataclasses.replace(content, clock=bulk.stamp())
            stored, base = self._stored[i], self._json[i]
            # ``record_to_json`` of both versions: they differ in these fields only
            was = {**base, **{f: getattr(stored, f) for f in _RELABEL_FIELDS}}
            now = {**base, **{f: getattr(new, f) for f in _RELABEL_FIELDS}}
            log.append((new.annotator, action, "spans", new.uuid, was, now))
            self._stored[i] = new
            out.append(new)
        if out:
            bulk.add_annotators(dict.fromkeys(s.annotator for s in out))
            bulk.put(out)
            bulk.log(log)
        return out


def _covers(span: Span, length: int) -> bool:
    return (
        type(span.start) is int and type(span.end) is int and 0 <= span.start < span.end <= length
    )


_RELABEL_FIELDS = ("label", "text", "clock")
"""The fields in which a relabelled span's stored versions can differ"""


def _spans_changed(spans: Iterable[Record]) -> Changed:
    records = tuple(spans)
    return Changed(frozenset(r.doc_id for r in records), records)


class DeleteSpan(Command):
    """Tombstone a span; undo brings back the same record (same uuid, same content)."""

    text = Message("delete span")

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.target = uuid

    def _first(self, project: Project) -> list[Version]:
        before = project.span(self.target)
        return [(before, project.delete_span(self.target))]


class AddEvent(Command):
    """An event on a trigger span (type defaults to the trigger's label)."""

    def __init__(self, trigger: str, type: str | None = None, uuid: str | None = None) -> None:
        super().__init__()
        self.trigger, self.type = trigger, type
        self.new_uuid = uuid or new_uuid()
        self.text = Message("add event {type}", type=type) if type else Message("add event")

    def _first(self, project: Project) -> list[Version]:
        return [(None, project.add_event(self.trigger, self.type, uuid=self.new_uuid))]

    @property
    def uuid(self) -> str:
        return self.new_uuid


class UpdateEvent(Command):
    """Change an event's type (after its trigger was relabelled), attributes or note; judged
    by what the edit changes, as ``UpdateSpan``."""

    text = Message("edit event")

    def __init__(
        self,
        uuid: str,
        *,
        type: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.target, self.type, self.note = uuid, type, note
        self.attributes = attributes

    def _first(self, project: Project) -> list[Version]:
        before = project.event(self.target)
        with rules.edit_of(before):  # judged by what it changes, as ``UpdateSpan``
            after = project.update_event(
                self.target, type=self.type, attributes=self.attributes, note=self.note
            )
        return [(before, after)]


class DeleteEvent(Command):
    """Tombstone an event with its arguments; undo restores all of them."""

    text = Message("delete event")

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.target = uuid

    def _first(self, project: Project) -> list[Version]:
        event = project.event(self.target)
        args = project.arguments(self.target)
        with project.transaction() as written:
            project.delete_event(self.target)
        tombstones = {r.uuid: r for r in written.records}
        # The event first: undo walks the list backwards, so arguments come back after it.
        versions: list[Version] = [(event, tombstones[event.uuid])]
        versions += [(a, tombstones[a.uuid]) for a in args]
        return versions


class AddArgument(Command):
    """Fill ``role`` of an event with a span (or another event)."""

    def __init__(self, event: str, role: str, target: str) -> None:
        super().__init__()
        self.event, self.role, self.target = event, role, target
        self.text = Message("add argument {role}", role=role)

    def _first(self, project: Project) -> list[Version]:
        # a repeat of another argument (role and filler) is refused by add_argument's rules
        return [(None, project.add_argument(self.event, self.role, self.target))]


class UpdateArgument(Command):
    """Change an argument's role or filler in place: the same uuid, a new version of the
    record (a merge, the hub and review see one update, not a deletion and a new argument).
    Checked by the rules an added argument meets (the role exists for the event type and
    accepts the filler, no repeat of another argument)."""

    def __init__(self, uuid: str, *, role: str | None = None, target: str | None = None) -> None:
        super().__init__()
        self.target, self.role, self.filler = uuid, role, target
        self.text = (
            Message("edit argument")
            if role is None
            else Message("change role to {role}", role=role)
        )

    def _first(self, project: Project) -> list[Version]:
        before = project.argument(self.target)
        after = project.update_argument(self.target, role=self.role, target=self.filler)
        return [(before, after)]


class DeleteArgument(Command):
    text = Message("delete argument")

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.target = uuid

    def _first(self, project: Project) -> list[Version]:
        before = project.argument(self.target)
        return [(before, project.delete_argument(self.target))]


class AddRelation(Command):
    """A typed relation from span ``source`` (Arg1) to span ``target`` (Arg2)."""

    def __init__(self, type: str, source: str, target: str) -> None:
        super().__init__()
        self.type, self.source, self.target = type, source, target
        self.text = Message("add relation {type}", type=type)

    def _first(self, project: Project) -> list[Version]:
        return [(None, project.add_relation(self.type, self.source, self.target))]


class DeleteRelation(Command):
    text = Message("delete relation")

    def __init__(self, uuid: str) -> None:
        super().__init__()
        self.target = uuid

    def _first(self, project: Project) -> list[Version]:
        before = project.relation(self.target)
        return [(before, project.delete_relation(self.target))]


_MARK = {
    Status.NEW: Message("mark new"),
    Status.IN_PROGRESS: Message("mark in progress"),
    Status.DONE: Message("mark done"),
}
"""a ``SetStatus``'s text, per status"""


class SetStatus(Command):
    """Set a document's status for one annotator; undo sets the previous status back.

    A document without a stored status reads as ``new``; undoing its first status change
    stores ``new`` explicitly, which reads the same."""

    def __init__(self, doc_id: int, annotator: str, status: Status | str) -> None:
        super().__init__()
        self.doc_id, self.annotator, self.status = doc_id, annotator, Status(status)
        self.before: Status | None = None
        self.text = _MARK[self.status]

    def _first(self, project: Project) -> list[Version]:
        return []

    def do(self, project: Project) -> Changed:
        if self.before is None:
            self.before = project.status(self.doc_id, self.annotator)
        with project.transaction() as written:
            project.set_status(self.doc_id, self.annotator, self.status)
        self.done_once = True
        return self._changed(written)

    def undo(self, project: Project) -> Changed:
        with project.transaction() as written:
            project.set_status(self.doc_id, self.annotator, self.before or Status.NEW)
        return self._changed(written)


class Macro(Command):
    """Several commands as one step, in one transaction; undone in reverse order."""

    def __init__(self, children: Sequence[Command], text: str = Message("edit")) -> None:
        super().__init__()
        self.children = list(children)
        self.text = text

    def _first(self, project: Project) -> list[Version]:
        return []

    def do(self, project: Project) -> Changed:
        with project.transaction():
            if not self.done_once:
                changes = [child.do(project) for child in self.children]
            else:
                with unchanged(project, self, "redo"):
                    changes = [child.do(project) for child in self.children]
        self.done_once = True
        return Changed.union(changes)

    def undo(self, project: Project) -> Changed:
        with project.transaction(), unchanged(project, self, "undo"):
            changes = [child.undo(project) for child in reversed(self.children)]
        return Changed.union(changes)

    def step_versions(self) -> Iterator[Version]:
        for child in self.children:
            yield from child.step_versions()

    @property
    def uuid(self) -> str:
        return self.children[0].uuid if self.children else ""


# -- compound actions the GUI offers ----------------------------------------------------


def add_event_with_trigger(
    doc_id: int, start: int, end: int, event_type: str, annotator: str
) -> Macro:
    """A trigger span labelled ``event_type`` and its event, as one step."""
    span = AddSpan(doc_id, start, end, event_type, annotator)
    return Macro(
        [span, AddEvent(span.uuid, event_type)], Message("add event {type}", type=event_type)
    )


def delete_span_with_links(project: Project, uuid: str) -> Command:
    """Delete a span and what would dangle without it: arguments pointing at it, relations
    touching it, and events it triggers (with their arguments and the arguments of other
    events they fill). One step."""
    span = project.span(uuid)
    layer = project.layer(span.doc_id, span.annotator)
    triggered = [e.uuid for e in layer.events if e.trigger == uuid and not e.deleted]
    children = _deletions(layer, triggered, uuid)
    if not children:
        return DeleteSpan(uuid)
    return Macro([*children, DeleteSpan(uuid)], Message("delete span"))


def delete_event_with_trigger(project: Project, uuid: str) -> Command:
    """Delete an event (the events panel's "Remove event"), with its arguments and the
    arguments of other events it fills, and its trigger span when no other live event uses
    it: a span labelled with an event type that triggers nothing is what ``check`` lists
    (``rules.eventless_trigger_problem``), so it goes too, with the arguments it fills and
    the relations touching it (``delete_span_with_links``). One step; undo restores all."""
    event = project.event(uuid)
    layer = project.layer(event.doc_id, event.annotator)
    shared = any(
        e.trigger == event.trigger and e.uuid != uuid and not e.deleted for e in layer.events
    )
    trigger = "" if shared or project.find(event.trigger, "spans") is None else event.trigger
    if trigger:
        triggered = [e.uuid for e in layer.events if e.trigger == trigger and not e.deleted]
    else:
        triggered = [uuid]
    children = _deletions(layer, triggered, trigger)
    if trigger:
        children.append(DeleteSpan(trigger))
    if len(children) == 1:
        return children[0]
    return Macro(children, Message("delete event"))


def _deletions(layer: DocumentAnnotations, events: Sequence[str], span: str) -> list[Command]:
    """What deleting the live ``events`` of ``layer`` and the span ``span`` ("" for none)
    takes, before the span's own deletion: the events (each with its arguments), the live
    arguments of other events that the span or the events fill, and the live relations
    touching the span."""
    gone = set(events)
    children: list[Command] = [DeleteEvent(e) for e in events]
    children += [
        DeleteArgument(a.uuid)
        for a in layer.arguments
        if not a.deleted
        and a.event not in gone
        and (a.target in gone or (span and a.target == span))
    ]
    if span:
        children += [
            DeleteRelation(r.uuid)
            for r in layer.relations
            if not r.deleted and span in (r.source, r.target)
        ]
    return children


class Refused(Command):
    """An edit the rules refused when it was made: ``do`` raises the violation (so a window
    shows it as any refused edit, and a ``Macro`` holding it writes nothing)."""

    def __init__(self, violation: Violation) -> None:
        super().__init__()
        self.violation = violation
        self.text = Message("refused edit")

    def _first(self, project: Project) -> list[Version]:
        raise self.violation.error()


def relabel(
    project: Project,
    uuid: str,
    label: str,
    *,
    remove_events: bool = False,
    remove_arguments: bool = False,
) -> Command:
    """Relabel a span; a trigger relabelled to another event type takes its event along, and
    labelling a plain span with an event type makes it a trigger (one step either way).

    A trigger relabelled as something other than an event type would leave its events on a
    span that triggers nothing (``rules.relabel_trigger_problem``): refused (the command's
    ``do`` raises, naming the event types), unless ``remove_events``: then the events it
    triggers go, with their arguments and the arguments of other events they fill, in the same
    step (undo brings all of them back with the label).

    A trigger relabelled as another event type retypes its events: their live arguments in
    roles the new type lacks would fill no role of their event (``check`` lists them), so the
    relabel is refused (``rules.retype_roles_problem``: the command's ``do`` raises, naming
    the types, the roles and how many arguments), unless ``remove_arguments``: then those
    arguments go in the same step (undo brings them back, redo deletes them again). The
    arguments in roles the new type has stay.

    What the new label would break around the span is refused as adding it would be
    (``_links_problem``): a role the span (or an event it triggers, retyped) fills, or a role
    of a retyped event, that does not accept the new label or type or its filler, a relation
    whose type does not link it."""
    span = project.span(uuid)
    layer = project.layer(span.doc_id, span.annotator, lazy=True)
    layer_events = [e for e in layer.events if not e.deleted]
    events = [e for e in layer_events if e.trigger == uuid]
    is_event_type = project.schema.event(label) is not None
    children: list[Command] = []
    gone: set[str] = set()
    refused = rules.relabel_trigger_problem(project.schema, events, label)
    if refused is not None:
        if not remove_events:
            return Refused(refused)
        gone = {e.uuid for e in events}
        children += [
            DeleteArgument(a.uuid)
            for e in layer_events
            if e.uuid not in gone
            for a in project.arguments(e.uuid)
            if a.target in gone
        ]
        children += [DeleteEvent(e.uuid) for e in events]
        events = []
    if is_event_type and events:
        ids = {e.uuid for e in events}
        held = [a for a in layer.arguments if not a.deleted and a.event in ids]
        problem = rules.retype_roles_problem(project.schema, events, held, label)
        if problem is not None and not remove_arguments:
            return Refused(problem)
        lost = rules.arguments_without_role(project.schema, events, held, label) if problem else []
        children += [DeleteArgument(a.uuid) for a in lost]
        gone |= {a.uuid for a in lost}
    broken = _links_problem(project, layer, span, label, events, gone)
    if broken is not None:
        return Refused(broken)
    if label != span.label:
        children.append(UpdateSpan(uuid, label=label))
    if is_event_type and not events:
        children.append(AddEvent(uuid, label))
    children += [
        UpdateEvent(e.uuid, type=label) for e in events if is_event_type and e.type != label
    ]
    if len(children) == 1:
        return children[0]
    return Macro(children, Message("relabel as {label}", label=label))


def _links_problem(
    project: Project,
    layer: DocumentAnnotations,
    span: Span,
    label: str,
    kept: Sequence[Event],
    gone: Collection[str],
) -> Violation | None:
    """The first violation that relabelling ``span`` (of ``layer``) as ``label`` introduces in
    the attributes of the span or of its events retyped (``rules.relabel_attribute_problem``:
    an attribute ``label`` lacks, the rule removing a label with ``relabel_to`` meets too),
    else in the arguments the span or its events fill and the relations touching it, judged by the
    rules that adding them meets (``rules.relabel_breaks``, the rule removing a label with
    ``relabel_to`` meets too: ``rules.argument_problem``, ``rules.relation_problem``): the
    span relabelled, the events ``kept`` on it retyped as ``label`` (``relabel`` retypes
    them: their own arguments are judged under the new type too), the events and arguments
    ``gone`` and the arguments of and filled by those events left out (the same step deletes
    them). A link already broken before the relabel does not refuse it (it is ``check``'s to
    list)."""
    schema = project.schema
    relabelled: dict[str, Span | Event | Relation] = {
        e.uuid: dataclasses.replace(e, type=label) for e in kept if e.type != label
    }
    if label != span.label:
        relabelled[span.uuid] = dataclasses.replace(span, label=label)
    if not relabelled:
        return None
    olds: list[Span | Event] = [span, *kept]
    for old in olds:
        lost = (
            rules.relabel_attribute_problem(schema, schema, old, label)
            if old.uuid in relabelled
            else None
        )
        if lost is not None:
            return lost
    events = {e.uuid: e for e in layer.events if not e.deleted}

    def record(uuid: str) -> Span | Event | None:
        if uuid == span.uuid:
            return span
        if uuid in events:
            return events[uuid]
        found = project.find(uuid, "spans")
        return found if isinstance(found, Span) else None

    arguments = (
        a
        for a in layer.arguments
        if a.uuid not in gone and a.event not in gone and a.target not in gone
    )
    for _link, problem in rules.relabel_breaks(
        schema, schema, relabelled, arguments, layer.relations, record
    ):
        return problem
    return None


def relabel_all(project: Project, uuids: Iterable[str], label: str) -> Macro:
    """Relabel several spans as one step: each as ``relabel`` relabels one span (a trigger
    takes its events along to another event type, a relabel the rules refuse refuses the whole
    step), made when the step runs (``bulk.relabel_spans``, the one way to relabel many)."""
    from annotator.commands.bulk import relabel_spans

    return relabel_spans(project, uuids, label)
