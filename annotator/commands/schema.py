"""Undoable schema edits, alone or together with the annotations they affect.

The schema editor turns each user action into one command from here: ``SetSchema`` for edits
that touch no annotation (colour, hotkey, order, roles, attributes, a new label), and macros
for the three edits that do: renaming a label relabels every span, event and relation that
carries it (all documents, all layers) in the same step, renaming a role moves every argument
filling it to the new role (in place: same uuids), and removing a label either keeps its
annotations (validation then reports them) or relabels them first. Annotations are never
deleted by a schema edit (doccano#1041 deleted them; docs/design/reliability.md).

Undo restores the schema and the annotations together, in one transaction.

Example::

    cmd = rename_label_command(project, "PER", "PERSON")
    cmd.do(project)    # schema and spans say PERSON
    cmd.undo(project)  # both say PER again
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.commands.edits import (
    Changed,
    Command,
    Macro,
    RelabelSpansInBulk,
    UpdateArgument,
    UpdateEvent,
    Version,
)
from annotator.errors import AnnotatorError, Message, SchemaError
from annotator.schema import Schema
from annotator.schema.edit import remove_label, rename_label, rename_role

if TYPE_CHECKING:
    from annotator.project import Project


class SetSchema(Command):
    """Replace the project's schema; undo puts the previous one back.

    ``before`` is read from the project on the first ``do``, so the command can be built
    from a schema the editor derived a moment earlier."""

    def __init__(self, schema: Schema, text: str = Message("edit schema")) -> None:
        super().__init__()
        self.after = schema
        self.before: Schema | None = None
        self.text = text

    def _first(self, project: Project) -> list[Version]:
        return []

    def do(self, project: Project) -> Changed:
        if self.before is None:
            self.before = project.schema
        project.set_schema(self.after)
        self.done_once = True
        return Changed()

    def undo(self, project: Project) -> Changed:
        if self.before is not None:
            project.set_schema(self.before)
        return Changed()


class UpdateRelation(Command):
    """Change a relation's type, attributes or note (only the given fields change)."""

    text = Message("edit relation")

    def __init__(
        self,
        uuid: str,
        *,
        type: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.target, self.type, self.attributes, self.note = uuid, type, attributes, note

    def _first(self, project: Project) -> list[Version]:
        before = project.relation(self.target)
        after = project.update_relation(
            self.target, type=self.type, attributes=self.attributes, note=self.note
        )
        return [(before, after)]


class SchemaMacro(Macro):
    """A Macro that includes a ``SetSchema``: if any child fails, the transaction rolls back
    and the in-memory schema is put back to what the file holds, so the two never differ."""

    def do(self, project: Project) -> Changed:
        before = project.schema
        try:
            return super().do(project)
        except AnnotatorError:
            _resync(project, before)
            raise

    def undo(self, project: Project) -> Changed:
        before = project.schema
        try:
            return super().undo(project)
        except AnnotatorError:
            _resync(project, before)
            raise


def _resync(project: Project, schema: Schema) -> None:
    if project.schema is not schema:
        project.set_schema(schema)


@dataclass(frozen=True)
class Usage:
    """How many live annotations (all documents, all layers) use a label."""

    spans: int = 0
    events: int = 0
    relations: int = 0

    @property
    def total(self) -> int:
        return self.spans + self.events + self.relations


def label_usage(project: Project, name: str) -> Usage:
    """Live spans, events and relations labelled ``name``."""
    return Usage(
        len(project.spans(label=name)),
        len(project.events(type=name)),
        len([r for r in project.relations() if r.type == name]),
    )


def _relabel_children(project: Project, old: str, new: str) -> list[Command]:
    """Commands moving every live annotation labelled ``old`` to ``new``: the spans in one
    bulk write (``RelabelSpansInBulk``: a label may sit on 50,000 of them), then each event
    and relation."""
    spans = [s.uuid for s in project.spans(label=old)]
    children: list[Command] = [RelabelSpansInBulk(spans, new, current=old)] if spans else []
    children += [UpdateEvent(e.uuid, type=new) for e in project.events(type=old)]
    children += [UpdateRelation(r.uuid, type=new) for r in project.relations() if r.type == old]
    return children


def rename_label_command(project: Project, old: str, new: str) -> Command:
    """Rename label ``old`` to ``new`` in the schema (references included) and on every
    annotation carrying it, as one step. Raises SchemaError when the rename is not allowed."""
    schema = rename_label(project.schema, old, new)
    # The new schema first: the relabelled records are checked against it.
    text = Message("rename {old} to {new}", old=old, new=new)
    children: list[Command] = [SetSchema(schema, text)]
    children += _relabel_children(project, old, new)
    return SchemaMacro(children, text)


def rename_role_command(project: Project, event_type: str, old: str, new: str) -> Command:
    """Rename role ``old`` of ``event_type`` in the schema and on every live argument filling
    it (all documents, all layers), as one step. Each argument is updated in place
    (``UpdateArgument``: same uuid, a new version), so a colleague's merge sees one change
    per argument. Raises SchemaError when the rename is not allowed; an argument the rules
    refuse under the new role refuses the whole step."""
    schema = rename_role(project.schema, event_type, old, new)
    # The new schema first: the arguments are checked against it.
    text = Message("rename role {old} to {new}", old=old, new=new)
    children: list[Command] = [SetSchema(schema, text)]
    children += [
        UpdateArgument(arg.uuid, role=new)
        for event in project.events(type=event_type)
        for arg in project.arguments(event.uuid)
        if arg.role == old
    ]
    return SchemaMacro(children, text)


def remove_label_command(project: Project, name: str, relabel_to: str | None = None) -> Command:
    """Remove label ``name`` from the schema as one step.

    With ``relabel_to`` its annotations are relabelled first (to a label of the same kind);
    without it they are kept as they are and ``validation`` reports them as unknown labels.
    Raises SchemaError when the removal or the relabelling is not allowed."""
    schema = remove_label(project.schema, name)
    children: list[Command] = []
    if relabel_to is not None:
        if relabel_to == name or relabel_to not in {x.name for x in schema.all_labels()}:
            raise SchemaError(f"cannot relabel {name!r} annotations to {relabel_to!r}")
        _check_same_kind(project.schema, name, relabel_to)
        # Relabel under the current schema (where both labels exist), then drop the label.
        children += _relabel_children(project, name, relabel_to)
    text = Message("remove {name}", name=name)
    children.append(SetSchema(schema, text))
    return SchemaMacro(children, text)


def _check_same_kind(schema: Schema, one: str, other: str) -> None:
    def kind(name: str) -> str:
        if schema.entity(name):
            return "entity"
        return "event" if schema.event(name) else "relation"

    if kind(one) != kind(other):
        raise SchemaError(f"{one!r} and {other!r} are not labels of the same kind")


def same_kind_labels(schema: Schema, name: str) -> Sequence[str]:
    """The other labels ``name``'s annotations could be relabelled to (same kind)."""
    if schema.entity(name):
        group = [x.name for x in schema.entities]
    elif schema.event(name):
        group = [x.name for x in schema.events]
    else:
        group = [x.name for x in schema.relations]
    return [n for n in group if n != name]


__all__ = [
    "SchemaMacro",
    "SetSchema",
    "UpdateRelation",
    "Usage",
    "label_usage",
    "remove_label_command",
    "rename_label_command",
    "rename_role_command",
    "same_kind_labels",
]
