"""Bulk edits of many spans as ONE undoable step (the entity list's "relabel all" and
"delete all", issue 13).

Each is a ``Macro`` of the single edits the GUI makes one span at a time, so every span goes
through the same rules (``Project.update_span`` / ``delete_span``: ``annotator.rules``) and a
refused one refuses the whole step (one transaction: nothing is written). Undo restores every
span with its uuid and content, and what a deletion took along (events a span triggered,
arguments pointing at it, relations touching it). A trigger relabelled as no event type
refuses the step unless ``remove_events`` (the window asks first): its events then go with
their arguments, as ``relabel`` removes them for one span.

Example::

    cmd = relabel_spans(project, [m.uuid for m in group.mentions], "ORG")
    session.execute(cmd)   # one step on the undo stack
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.commands.edits import (
    Changed,
    Command,
    DeleteArgument,
    DeleteEvent,
    DeleteRelation,
    DeleteSpan,
    Macro,
    Version,
    relabel,
)
from annotator.errors import Message

if TYPE_CHECKING:
    from annotator.project import Project


def relabel_spans(
    project: Project, uuids: Iterable[str], label: str, *, remove_events: bool = False
) -> Macro:
    """Relabel every span of ``uuids`` as ``label`` in one step (a trigger takes its event
    along, as ``relabel`` does for one span). Spans already labelled ``label`` are left as
    they are. The rules decide each relabel when the step runs (an unknown label, say, or a
    trigger relabelled as no event type refuses the whole step), unless ``remove_events``:
    then the events such triggers trigger go with their arguments, as ``relabel`` removes them.

    Each span's ``relabel`` is made when the step first runs, from what the relabels before it
    in the step left (``_RelabelWhenRun``): one mention's event may fill a role of another
    mention's event, and the argument that the first event's removal takes along is then not
    deleted a second time by the other's relabel."""
    children: list[Command] = []
    for uuid in dict.fromkeys(uuids):
        span = project.span(uuid)
        if span.label != label:
            children.append(_RelabelWhenRun(uuid, label, remove_events))
    return Macro(children, Message("relabel {n} as {label}", n=len(children), label=label))


class _RelabelWhenRun(Command):
    """``relabel(project, span, label, remove_events=...)``, made from the project as the step
    first runs (inside the step's transaction, after its earlier children), then done, undone
    and redone as made."""

    def __init__(self, span: str, label: str, remove_events: bool) -> None:
        super().__init__()
        self.span, self.label, self.remove_events = span, label, remove_events
        self.made: Command | None = None
        self.text = Message("relabel as {label}", label=label)

    def _first(self, project: Project) -> list[Version]:
        raise NotImplementedError  # ``do`` hands the edit to the command it makes

    def do(self, project: Project) -> Changed:
        if self.made is None:
            self.made = relabel(project, self.span, self.label, remove_events=self.remove_events)
        changed = self.made.do(project)
        self.done_once = True
        return changed

    def undo(self, project: Project) -> Changed:
        if self.made is None:
            raise RuntimeError("undo before do")
        return self.made.undo(project)

    @property
    def uuid(self) -> str:
        return self.made.uuid if self.made is not None else ""


def delete_spans(project: Project, uuids: Iterable[str]) -> Macro:
    """Delete every span of ``uuids`` in one step, with what would dangle without them:
    events they trigger (with their arguments), arguments pointing at them and relations
    touching them, each record deleted once even when several of the spans share it."""
    wanted = list(dict.fromkeys(uuids))
    by_layer: dict[tuple[int, str], set[str]] = {}
    for uuid in wanted:
        span = project.span(uuid)
        by_layer.setdefault((span.doc_id, span.annotator), set()).add(uuid)
    children: list[Command] = []
    for (doc_id, annotator), gone in by_layer.items():
        layer = project.layer(doc_id, annotator)
        triggered = {e.uuid for e in layer.events if e.trigger in gone}
        children += [DeleteEvent(e) for e in sorted(triggered)]
        children += [
            DeleteArgument(a.uuid)
            for a in layer.arguments
            if (a.target in gone or a.target in triggered) and a.event not in triggered
        ]
        children += [
            DeleteRelation(r.uuid) for r in layer.relations if r.source in gone or r.target in gone
        ]
    children += [DeleteSpan(u) for u in wanted]
    return Macro(children, Message("delete {n} spans", n=len(wanted)))
