"""Undoable edits: every user action as a command that can do, undo and redo itself.

This package owns the command protocol and every command the GUI puts on its undo stack:

- ``annotator.commands.edits`` — ``Command``, ``Changed``, ``Macro`` and the edits of spans,
  events, arguments, relations and document statuses (re-exported here);
- ``annotator.commands.review`` — accepting colleagues' annotations into the gold layer;
- ``annotator.commands.schema`` — schema edits, with the annotations they relabel.

Commands run through the ``Project`` API only; they never touch the store or Qt.
"""

from annotator.commands.edits import (
    AddArgument,
    AddEvent,
    AddRelation,
    AddSpan,
    Changed,
    ChangedMeanwhile,
    Command,
    DeleteArgument,
    DeleteEvent,
    DeleteRelation,
    DeleteSpan,
    Macro,
    RelabelSpansInBulk,
    SetStatus,
    UpdateArgument,
    UpdateEvent,
    UpdateSpan,
    add_event_with_trigger,
    delete_event_with_trigger,
    delete_span_with_links,
    relabel,
    relabel_all,
)

__all__ = [
    "AddArgument",
    "AddEvent",
    "AddRelation",
    "AddSpan",
    "Changed",
    "ChangedMeanwhile",
    "Command",
    "DeleteArgument",
    "DeleteEvent",
    "DeleteRelation",
    "DeleteSpan",
    "Macro",
    "RelabelSpansInBulk",
    "SetStatus",
    "UpdateArgument",
    "UpdateEvent",
    "UpdateSpan",
    "add_event_with_trigger",
    "delete_event_with_trigger",
    "delete_span_with_links",
    "relabel",
    "relabel_all",
]
