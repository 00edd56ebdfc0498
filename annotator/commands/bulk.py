"""Bulk edits of many spans as ONE undoable step (the entity list's "relabel all" and
"delete all", issue 13).

Each is a ``Macro`` of the single edits the GUI makes one span at a time, so every span goes
through the same rules (``Project.update_span`` / ``delete_span``: ``annotator.rules``) and a
refused one refuses the whole step (one transaction: nothing is written). Undo restores every
span with its uuid and content, and what a deletion took along (events a span triggered,
arguments pointing at it, relations touching it).

Example::

    cmd = relabel_spans(project, [m.uuid for m in group.mentions], "ORG")
    session.execute(cmd)   # one step on the undo stack
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.commands.edits import (
    Command,
    DeleteArgument,
    DeleteEvent,
    DeleteRelation,
    DeleteSpan,
    Macro,
    relabel,
)
from annotator.errors import Message

if TYPE_CHECKING:
    from annotator.project import Project


def relabel_spans(project: Project, uuids: Iterable[str], label: str) -> Macro:
    """Relabel every span of ``uuids`` as ``label`` in one step (a trigger takes its event
        along, as ``relabel`` does for one span). Spans already labelled ``label`` are left as
        they are. The rules decide each relabel when the step runs (an unknown label, say, refuses
    the whole step)."""
    children: list[Command] = []
    for uuid in dict.fromkeys(uuids):
        span = project.span(uuid)
        if span.label != label:
            children.append(relabel(project, uuid, label))
    return Macro(children, Message("relabel {n} as {label}", n=len(children), label=label))


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
