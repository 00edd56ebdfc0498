"""Undoable schema edits, alone or together with the annotations they affect.

The schema editor turns each user action into one command from here: ``SetSchema`` for edits
that touch no annotation (colour, hotkey, order, roles, attributes, a new label), and macros
for the three edits that do: renaming a label relabels every span, event and relation that
carries it (all documents, all layers) in the same step, renaming a role moves every argument
filling it to the new role (in place: same uuids), and removing a label either keeps its
annotations (validation then reports them) or relabels them first. Annotations are never
deleted by a schema edit (doccano#1041 deleted them; docs/design/reliability.md).

Undo restores the schema and the annotations together, in one transaction. Undo and redo
apply only the step's own schema change to the schema as stored then (``rebase_schema``), so
labels, attributes and roles a merge or another window added meanwhile survive; a step whose
change collides with what changed meanwhile is refused, and writes nothing. Undoing a rename
gives the label its old name back on every live annotation carrying the new one then, those
a merge or another window wrote meanwhile included (``FollowRename``); undoing a role rename
gives the role its old name back on every live argument of the event type alike
(``FollowRoleRename``); redo alike. What carried the new name already before the rename (an
orphan of a label or role removed earlier) keeps it: the undo gives back the state before.

Example::

    cmd = rename_label_command(project, "PER", "PERSON")
    cmd.do(project)    # schema and spans say PERSON
    cmd.undo(project)  # both say PER again
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any

from annotator import rules
from annotator.commands.edits import (
    Changed,
    Command,
    Macro,
    RelabelSpansInBulk,
    UpdateArgument,
    UpdateEvent,
    UpdateSpan,
    Version,
)
from annotator.cycles import no_cycle_collection
from annotator.errors import AnnotatorError, Message, SchemaError
from annotator.model import Argument, Event, Relation, Span
from annotator.schema import Schema
from annotator.schema.edit import (
    refuse_taken,
    remove_label,
    rename_label,
    rename_references,
    rename_role,
    with_attributes,
)

if TYPE_CHECKING:
    from annotator.project import LabelShapes, Project


class SetSchema(Command):
    """Replace the project's schema; undo puts the previous one back.

    ``before`` is read from the project on the first ``do``, so the command can be built
    from a schema the editor derived a moment earlier.

    Undo and redo apply only this step's own change (``before`` to ``after`` or back) to
    the schema as stored at that moment (``rebase_schema``): labels, attributes and roles a
    merge or another window added meanwhile stay. When nothing changed meanwhile the result
    is exactly the other snapshot; when the schema changed where this step did too, the undo
    or redo is refused (SchemaError) and nothing is written.

    ``renamed`` (old, new): the step renames label ``old`` to ``new`` (``rename_label``);
    undo and redo then carry the rename into what was added meanwhile too (``rebase_schema``).
    """

    def __init__(
        self,
        schema: Schema,
        text: str = Message("edit schema"),
        renamed: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.after = schema
        self.before: Schema | None = None
        self.text = text
        self.renamed = renamed

    def _first(self, project: Project) -> list[Version]:
        return []

    def do(self, project: Project) -> Changed:
        if self.before is None:
            self.before = project.schema
            project.set_schema(self.after)
        else:
            before, after, renamed = self.before, self.after, self.renamed
            project.update_schema(lambda now: rebase_schema(before, after, now, renamed))
        self.done_once = True
        return Changed()

    def undo(self, project: Project) -> Changed:
        if self.before is not None:
            before, after = self.before, self.after
            back = (self.renamed[1], self.renamed[0]) if self.renamed else None
            project.update_schema(lambda now: rebase_schema(after, before, now, back))
        return Changed()


def rebase_schema(
    base: Schema, target: Schema, current: Schema, renamed: tuple[str, str] | None = None
) -> Schema:
    """``current`` with the change from ``base`` to ``target`` applied, and only that change:
    what ``current`` has that ``base`` lacks (a label a merge added) stays, what it changed
    elsewhere stays. ``current == base`` gives ``target`` exactly. Labels, event roles and
    attributes are matched by name, other lists by value, so a rename (one name removed,
    another added, references moved) carries over. Raises SchemaError when ``current``
    changed something this change changes too (e.g. the name a rename gives back has been
    defined again, differently), or when the result breaks the schema's rules.

    ``renamed`` (old, new): the change renames label ``old`` to ``new``. Items ``current``
    added meanwhile (an attribute, a role's or relation type's label list a merge adopted)
    naming ``old`` then name ``new``, as ``rename_label`` renames every reference
    (``rename_references``); and a list of names from which ``old`` was removed meanwhile
    (an attribute narrowed to other labels) does not get ``new``: the change replaces
    ``old`` there, it does not widen the list."""
    if current == base:
        return target
    merged = _merge3(base, target, current, "", renamed)
    if renamed is not None and isinstance(merged, Schema):
        old, new = renamed
        if old not in {x.name for x in merged.all_labels()}:
            merged = rename_references(merged, old, new)
    problems = merged.problems()
    if problems:
        raise SchemaError(
            Message("the schema has changed meanwhile: {problem}", problem=problems[0])
        )
    if not isinstance(merged, Schema):  # pragma: no cover - _merge3 keeps the type
        raise TypeError(type(merged))
    return merged


def _conflict(name: str) -> SchemaError:
    return SchemaError(
        Message(
            "the schema has changed meanwhile: {name} is no longer as this step left it",
            name=repr(name),
        )
    )


def _merge3(
    base: Any, target: Any, current: Any, where: str, renamed: tuple[str, str] | None = None
) -> Any:
    """Three-way merge of one value: ``base`` to ``target`` applied onto ``current``
    (``renamed``: the label rename the change is, if it is one: ``rebase_schema``)."""
    if current == base:
        return target
    if target == base or current == target:
        return current
    if (
        is_dataclass(current)
        and not isinstance(current, type)
        and type(base) is type(target) is type(current)
    ):
        name = getattr(current, "name", "") or where
        changes = {
            f.name: (
                _merge3(
                    getattr(base, f.name),
                    getattr(target, f.name),
                    getattr(current, f.name),
                    name,
                    renamed,
                )
                if f.compare
                else getattr(current, f.name)
            )
            for f in fields(base)
        }
        return replace(current, **changes)
    if isinstance(base, tuple) and isinstance(target, tuple) and isinstance(current, tuple):
        if all(_named(x) for x in (*base, *target, *current)):
            return _merge_named(base, target, current, renamed)
        if all(isinstance(x, Hashable) for x in (*base, *target, *current)):
            return _merge_values(base, target, current, renamed)
    raise _conflict(where)


def _named(x: Any) -> bool:
    return is_dataclass(x) and isinstance(getattr(x, "name", None), str)


def _merge_named(
    base: tuple[Any, ...],
    target: tuple[Any, ...],
    current: tuple[Any, ...],
    renamed: tuple[str, str] | None = None,
) -> tuple[Any, ...]:
    """A list of named items (labels, roles, attributes) merged by name."""
    b = {x.name: x for x in base}
    t = {x.name: x for x in target}
    out: list[Any] = []
    again: list[Any] = []
    for item in current:
        name = item.name
        if name in b and name not in t:  # this change removes it
            if item != b[name]:
                raise _conflict(name)
            continue
        if name in b:
            out.append(_merge3(b[name], t[name], item, name, renamed))
        elif name in t:  # defined meanwhile, and by this change too: put at its place
            again.append(_same_again(t[name], item))
        else:
            out.append(item)
    have = {x.name for x in current}
    for name in b.keys() & t.keys() - have:  # removed meanwhile, changed by this change
        if b[name] != t[name]:
            raise _conflict(name)
    added = [x for x in target if x.name not in b and x.name not in have]
    added = sorted([*added, *again], key=lambda x: list(t).index(x.name))
    return _placed(out, added, [x.name for x in base], [x.name for x in target], lambda x: x.name)


def _same_again(ours: Any, theirs: Any) -> Any:
    """``ours`` when ``theirs`` (the same name defined meanwhile, e.g. adopted by a merge from
    a colleague's schema that still has it) says the same, apart from fields it left at
    their default (a merge clears an adopted label's clashing hotkey); else a conflict."""
    if theirs == ours:
        return ours
    if type(ours) is type(theirs) and is_dataclass(ours):
        for f in fields(ours):
            mine, other = getattr(ours, f.name), getattr(theirs, f.name)
            if f.compare and other != mine and other != f.default:
                raise _conflict(str(getattr(ours, "name", "")))
        return ours
    raise _conflict(str(getattr(ours, "name", "")))


def _merge_values(
    base: tuple[Any, ...],
    target: tuple[Any, ...],
    current: tuple[Any, ...],
    renamed: tuple[str, str] | None = None,
) -> tuple[Any, ...]:
    """A list of plain values (label names, allowed values, rules) merged as a set in order.
    A value the change adds as the rename (``renamed``) of one it removes is added only if
    ``current`` still holds that one: the rename of a name removed meanwhile (an attribute
    narrowed to other labels) does not add it back under the other name."""
    removed = set(base) - set(target)
    out = [x for x in current if x not in removed]
    gone = {_renamed_value(x, renamed) for x in removed if x not in current} if renamed else set()
    added = [x for x in target if x not in set(base) and x not in out and x not in gone]
    return _placed(out, added, list(base), list(target), lambda x: x)


def _renamed_value(value: Any, renamed: tuple[str, str] | None) -> Any:
    """``value`` (a name, or a tuple of names) with the rename ``renamed`` applied."""
    if renamed is None:
        return value
    old, new = renamed
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, tuple):
        return tuple(_renamed_value(x, renamed) for x in value)
    return value


def _placed(
    out: list[Any], added: list[Any], base: list[Any], target: list[Any], key: Callable[[Any], Any]
) -> tuple[Any, ...]:
    """``out`` with each of ``added`` put after the item ``target`` has before it (so a
    renamed label keeps its place), then in ``target``'s order if this change reordered."""
    for item in added:
        at = target.index(key(item))
        keys = [key(x) for x in out]
        previous = [k for k in target[:at] if k in keys]
        out.insert(keys.index(previous[-1]) + 1 if previous else 0, item)
    common = [k for k in base if k in target]
    if common != [k for k in target if k in base]:  # reordered: target's order for its items
        rank = {k: i for i, k in enumerate(target)}
        keys, last, order = [key(x) for x in out], -1, []
        for i, k in enumerate(keys):
            last = rank.get(k, last)
            order.append((last, 0 if k in rank else 1, i))
        out = [out[i] for *_, i in sorted(order)]
    return tuple(out)


class UpdateRelation(Command):
    """Change a relation's type, attributes or note (only the given fields change). A type
    change keeping attributes the new type does not take (valid on the old type or invalid
    already) is refused by the rule relabelling one span meets
    (``rules.relabel_attribute_problem``), naming the attribute, nothing written."""

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
        if self.type is not None and self.type != before.type and self.attributes is None:
            schema = project.schema
            lost = rules.relabel_attribute_problem(schema, schema, before, self.type)
            if lost is not None:
                raise lost.error()
        with rules.edit_of(before):  # judged by what it changes, as ``UpdateSpan``
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
    # the schema as the file holds it once the transaction rolled back (never ``schema``
    # written back: another connection may have changed the file since it was read)
    if project.schema is not schema:
        project.reload_schema()


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


@dataclass(frozen=True)
class _Carrying:
    """The live annotations (all documents, all layers) labelled one label, and the links to
    them: what relabelling that label reads, read once."""

    spans: list[str]
    """the uuids of its spans, in reading order"""
    events: list[Event]
    relations: list[Relation]
    """the live relations of the label's type (``read``: and those linking its spans)"""
    arguments: list[Argument] = field(default_factory=list)
    """(``read``) the live arguments of its events or filled by its spans or events"""

    @classmethod
    def read(cls, project: Project, name: str) -> _Carrying:
        """The label's records and every link to them (``Project.label_links``: read through
        the store's label index, not every span)."""
        spans, arguments, relations = project.label_links(name)
        return cls(spans, project.events(type=name), relations, arguments)


def _relabel_children(
    project: Project, old: str, new: str, kept: frozenset[str] = frozenset()
) -> list[Command]:
    """Commands moving every live annotation labelled ``old`` (those of ``kept`` left out)
    to ``new``: the spans in one bulk write (``RelabelSpansInBulk``: a label may sit on
    50,000 of them), then each event and relation (their uuids alone read:
    ``Project.labelled``)."""
    spans, events, relations = project.labelled(old)
    if kept:
        spans = [u for u in spans if u not in kept]
        events = [u for u in events if u not in kept]
        relations = [u for u in relations if u not in kept]
    children: list[Command] = [RelabelSpansInBulk(spans, new, current=old)] if spans else []
    children += [UpdateEvent(uuid, type=new) for uuid in events]
    children += [UpdateRelation(uuid, type=new) for uuid in relations]
    return children


class _Follow(Command):
    """Part of a rename step that acts on ``do`` (``on="do"``: the step's do and redo, after
    the schema and the step's own records are renamed) or on ``undo`` (``on="undo"``: after
    they are renamed back), and does nothing the other way: it reads then what still carries
    the name the schema no longer has (``_children``) and renames it as the step did, in the
    step's transaction. A write the rules refuse refuses the whole step (the transaction rolls
    back: nothing written), with "the schema has changed meanwhile: {problem}".

    The records carrying that name already before the step went the other way while the
    schema lacked it (an orphan of a label or role removed earlier, kept: ``check`` lists
    it) are left alone: read (by uuid, ``_carrying``) when the step goes the other way,
    before it writes anything (the ``on="undo"`` follow is the step's first child, the
    ``on="do"`` one its last, so first on undo), and left out when this one acts. Undo then
    gives back the state before the step, orphans included; what others wrote under that
    name meanwhile still follows, and so do the records of that name when the schema had it
    (defined meanwhile, e.g. adopted by a merge, and taken along by the step's change)."""

    def __init__(self, on: str) -> None:
        super().__init__()
        self.on = on
        self.kept: frozenset[str] = frozenset()
        """the uuids of the records carrying the name before the step went the other way"""

    def _first(self, project: Project) -> list[Version]:
        return []

    def do(self, project: Project) -> Changed:
        self.done_once = True
        if self.on == "do":
            return self._follow(project)
        self.kept = self._carrying(project)
        return Changed()

    def undo(self, project: Project) -> Changed:
        if self.on == "undo":
            return self._follow(project)
        self.kept = self._carrying(project)
        return Changed()

    @abstractmethod
    def _carrying(self, project: Project) -> frozenset[str]:
        """The uuids of the live records carrying, now, the name this follow renames while
        the schema does not have it (orphans); none while it has it (defined meanwhile, e.g.
        adopted by a merge: the step's change takes that one along, and its records)."""

    @abstractmethod
    def _children(self, project: Project) -> list[Command]:
        """What renames, now, what still carries the name the schema no longer has (those
        of ``kept`` left out)."""

    def _follow(self, project: Project) -> Changed:
        children = self._children(project)
        if not children:
            return Changed()
        try:
            with project.transaction():
                return Changed.union([child.do(project) for child in children])
        except AnnotatorError as error:
            problem = error.args[0] if error.args else str(error)
            raise SchemaError(
                Message("the schema has changed meanwhile: {problem}", problem=problem)
            ) from error


class FollowRename(_Follow):
    """Part of a rename step: relabels every live annotation (all documents, all layers, the
    records written by others since the step was made included) still carrying ``source``
    as ``label``, once the schema no longer has ``source``. It acts on ``do`` (``on="do"``:
    the step's do and redo, after the schema and the step's own records are renamed) or on
    ``undo`` (``on="undo"``: after they are renamed back), and does nothing the other way.

    Without it, undoing a rename put back only the records the step itself had relabelled:
    a span a merge or another window labelled with the new name meanwhile stayed under a
    name the schema no longer has (``check``: unknown-label); redo alike for the old name.
    Each time it reads what carries ``source`` then, and relabels it as the rename did
    (``_relabel_children``); a relabel the rules refuse refuses the whole step (the
    transaction rolls back: nothing written)."""

    def __init__(self, source: str, label: str, on: str) -> None:
        super().__init__(on)
        self.source, self.label = source, label
        self.text = Message("relabel as {label}", label=label)

    def _carrying(self, project: Project) -> frozenset[str]:
        if self.source in {x.name for x in project.schema.all_labels()}:
            return frozenset()
        spans, events, relations = project.labelled(self.source)
        return frozenset([*spans, *events, *relations])

    def _children(self, project: Project) -> list[Command]:
        names = {x.name for x in project.schema.all_labels()}
        if self.source in names or self.label not in names:
            return []
        return _relabel_children(project, self.source, self.label, self.kept)


class FollowRoleRename(_Follow):
    """Part of a role rename step (``rename_role_command``): moves every live argument of an
    event of type ``event_type`` (all documents, all layers, those written by others since the
    step was made included) still in role ``source`` to role ``role`` (in place:
    ``UpdateArgument``), once ``event_type`` has ``role`` and no longer has ``source``. It
    acts on ``do`` or on ``undo`` as ``FollowRename`` does.

    Without it, undoing a role rename moved back only the arguments the step itself had
    moved: an argument a merge (``role_map``) or another window wrote in the new role
    meanwhile stayed in a role the event type no longer has (``check``: unknown-role); redo
    alike for the old role. Arguments of other event types are not touched."""

    def __init__(self, event_type: str, source: str, role: str, on: str) -> None:
        super().__init__(on)
        self.event_type, self.source, self.role = event_type, source, role
        self.text = Message("change role to {role}", role=role)

    def _carrying(self, project: Project) -> frozenset[str]:
        et = project.schema.event(self.event_type)
        if et is not None and et.role(self.source) is not None:
            return frozenset()
        return frozenset(a.uuid for a in _role_arguments(project, self.event_type, self.source))

    def _children(self, project: Project) -> list[Command]:
        et = project.schema.event(self.event_type)
        if et is None or et.role(self.source) is not None or et.role(self.role) is None:
            return []
        return _role_children(project, self.event_type, self.source, self.role, self.kept)


def _role_arguments(project: Project, event_type: str, role: str) -> list[Argument]:
    """The live arguments in role ``role`` of the events of type ``event_type``."""
    return [
        arg
        for event in project.events(type=event_type)
        for arg in project.arguments(event.uuid)
        if arg.role == role
    ]


def _role_children(
    project: Project,
    event_type: str,
    old: str,
    new: str,
    kept: frozenset[str] = frozenset(),
) -> list[Command]:
    """Commands moving every live argument in role ``old`` of an event of type
    ``event_type`` (every document and layer; those of ``kept`` left out) to role ``new``,
    each in place."""
    return [
        UpdateArgument(arg.uuid, role=new)
        for arg in _role_arguments(project, event_type, old)
        if arg.uuid not in kept
    ]


class RenameSuggestions(Command):
    """Part of a label rename step: gives the pending suggestions and the remembered
    rejections labelled ``old`` the label ``new`` on do and redo, and those labelled ``new``
    the label ``old`` back on undo (``Project.relabel_suggestions``: in place, same uuids),
    each time those stored then (a model's, stored meanwhile, included). Without it a rename
    left them under a name the schema no longer has: accept-all of their document failed,
    and they were hidden; a rejection under the old name no longer stopped a retrained model
    from offering the same span again under the new one.

    As ``FollowRename``, the suggestions (pending or rejected) carrying the other name
    already before the step went one way (left from a label the schema dropped earlier) are
    left alone by the way back."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new
        self.text = Message("rename {old} to {new}", old=old, new=new)
        self._kept: frozenset[str] = frozenset()
        """the suggestions (pending or rejected) labelled the target name before the last
        move"""

    def _first(self, project: Project) -> list[Version]:
        return []

    def do(self, project: Project) -> Changed:
        self.done_once = True
        docs, self._kept = project.relabel_suggestions(self.old, self.new, self._kept)
        return Changed(docs)

    def undo(self, project: Project) -> Changed:
        docs, self._kept = project.relabel_suggestions(self.new, self.old, self._kept)
        return Changed(docs)


def rename_label_command(project: Project, old: str, new: str) -> Command:
    """Rename label ``old`` to ``new`` in the schema (references included) and on every
    annotation carrying it, as one step. Raises SchemaError when the rename is not allowed.

    Pending suggestions labelled ``old`` are given the new name too, and back by the undo
    (``RenameSuggestions``).

    Undo gives the label its old name back everywhere: the records the step relabelled, and
    every live record carrying ``new`` then (written meanwhile by a merge or another window:
    ``FollowRename``); redo alike. When that is impossible (``old`` defined again otherwise
    meanwhile: ``rebase_schema``; a relabel the rules refuse) the undo is refused and writes
    nothing."""
    schema = rename_label(project.schema, old, new)
    # what the relabel writes is judged whole: an attribute invalid already is refused
    # here, counted, as removing the label with relabel_to refuses it
    lost = _attributes_problem(project.schema, schema, old, new, project.label_shapes(old))
    if lost is not None:
        raise SchemaError(lost)
    # The new schema first: the relabelled records are checked against it.
    text = Message("rename {old} to {new}", old=old, new=new)
    children: list[Command] = [
        FollowRename(new, old, on="undo"),
        SetSchema(schema, text, renamed=(old, new)),
    ]
    children += _relabel_children(project, old, new)
    children.append(FollowRename(old, new, on="do"))
    children.append(RenameSuggestions(old, new))  # (the pending suggestions: not annotations)
    return SchemaMacro(children, text)


def rename_role_command(project: Project, event_type: str, old: str, new: str) -> Command:
    """Rename role ``old`` of ``event_type`` in the schema and on every live argument filling
    it (all documents, all layers), as one step. Each argument is updated in place
    (``UpdateArgument``: same uuid, a new version), so a colleague's merge sees one change
    per argument. Raises SchemaError when the rename is not allowed; an argument the rules
    refuse under the new role refuses the whole step.

    Undo gives the role its old name back on every argument of ``event_type`` in role ``new``
    then: the step's own, and those a merge (``role_map``) or another window wrote meanwhile
    (``FollowRoleRename``); redo alike. When that is impossible (``old`` defined again
    otherwise meanwhile: ``rebase_schema``; an argument the rules refuse) the undo is refused
    and writes nothing."""
    schema = rename_role(project.schema, event_type, old, new)
    # The new schema first: the arguments are checked against it.
    text = Message("rename role {old} to {new}", old=old, new=new)
    children: list[Command] = [
        FollowRoleRename(event_type, new, old, on="undo"),
        SetSchema(schema, text),
    ]
    children += _role_children(project, event_type, old, new)
    children.append(FollowRoleRename(event_type, old, new, on="do"))
    return SchemaMacro(children, text)


def _attribute_names(schema: Schema) -> set[str]:
    return {a.name for a in schema.attributes}


def _has_value(schema: Schema, attribute: str, value: str) -> bool:
    attr = schema.attribute(attribute)
    return attr is not None and attr.kind == "enum" and value in attr.values


_Matcher = Callable[[dict[str, Any]], dict[str, Any] | None]
"""A record's attributes -> its attributes renamed (None: the record is not touched)."""


def _key_renamed(old: str, new: str) -> _Matcher:
    """The attributes with key ``old`` given as ``new`` (None: no ``old`` there)."""

    def renamed(attributes: dict[str, Any]) -> dict[str, Any] | None:
        if old not in attributes:
            return None
        return {new if k == old else k: v for k, v in attributes.items()}

    return renamed


def _value_renamed(attribute: str, old: str, new: str) -> _Matcher:
    """The attributes with ``attribute``'s value ``old`` given as ``new`` (None: another
    value there, or none); the values of other attributes are not touched."""

    def renamed(attributes: dict[str, Any]) -> dict[str, Any] | None:
        if attribute not in attributes or attributes[attribute] != old:
            return None
        return {**attributes, attribute: new}

    return renamed


def _attribute_records(
    project: Project, match: _Matcher
) -> list[tuple[Span | Event | Relation, dict[str, Any]]]:
    """Every live span, event and relation (all documents, all layers) whose attributes
    ``match`` renames, with its attributes renamed."""
    records: list[Span | Event | Relation] = [
        *project.spans(),
        *project.events(),
        *project.relations(),
    ]
    out = []
    for record in records:
        if record.attributes:
            renamed = match(record.attributes)
            if renamed is not None:
                out.append((record, renamed))
    return out


def _attribute_children(
    project: Project, match: _Matcher, kept: frozenset[str] = frozenset()
) -> list[Command]:
    """Commands giving every live record ``match`` renames (those of ``kept`` left out) its
    renamed attributes, each in place (same uuid, a new version)."""
    children: list[Command] = []
    for record, attributes in _attribute_records(project, match):
        if record.uuid in kept:
            continue
        if isinstance(record, Span):
            children.append(UpdateSpan(record.uuid, attributes=attributes))
        elif isinstance(record, Event):
            children.append(UpdateEvent(record.uuid, attributes=attributes))
        else:
            children.append(UpdateRelation(record.uuid, attributes=attributes))
    return children


class FollowAttributeRename(_Follow):
    """Part of an attribute rename step (``rename_attribute_command``): gives every live
    span, event and relation (all documents, all layers, those written by others since the
    step was made included) still holding attribute ``source`` that value under ``name``
    instead, once the schema has ``name`` and no longer has ``source``. It acts on ``do`` or
    on ``undo`` as ``FollowRename`` does."""

    def __init__(self, source: str, name: str, on: str) -> None:
        super().__init__(on)
        self.source, self.name = source, name
        self.text = Message("rename attribute {old} to {new}", old=source, new=name)

    def _carrying(self, project: Project) -> frozenset[str]:
        if self.source in _attribute_names(project.schema):
            return frozenset()
        found = _attribute_records(project, _key_renamed(self.source, self.name))
        return frozenset(record.uuid for record, _ in found)

    def _children(self, project: Project) -> list[Command]:
        names = _attribute_names(project.schema)
        if self.source in names or self.name not in names:
            return []
        return _attribute_children(project, _key_renamed(self.source, self.name), self.kept)


class FollowValueRename(_Follow):
    """Part of an enum value rename step (``rename_attribute_value_command``): gives every
    live span, event and relation (all documents, all layers, those written by others
    meanwhile included) whose attribute ``attribute`` is ``source`` the value ``value``
    instead, once the attribute takes ``value`` and no longer ``source``. It acts on ``do``
    or on ``undo`` as ``FollowRename`` does."""

    def __init__(self, attribute: str, source: str, value: str, on: str) -> None:
        super().__init__(on)
        self.attribute, self.source, self.value = attribute, source, value
        self.text = Message("rename value {old} to {new}", old=source, new=value)

    def _match(self) -> _Matcher:
        return _value_renamed(self.attribute, self.source, self.value)

    def _carrying(self, project: Project) -> frozenset[str]:
        if _has_value(project.schema, self.attribute, self.source):
            return frozenset()
        return frozenset(record.uuid for record, _ in _attribute_records(project, self._match()))

    def _children(self, project: Project) -> list[Command]:
        schema = project.schema
        if _has_value(schema, self.attribute, self.source) or not _has_value(
            schema, self.attribute, self.value
        ):
            return []
        return _attribute_children(project, self._match(), self.kept)


def rename_attribute_command(project: Project, old: str, new: str) -> Command:
    """Rename attribute ``old`` to ``new`` in the schema and on every live span, event and
    relation holding it (all documents, all layers), as one step: each record keeps its value
    under the new name, in place (same uuid, a new version); the other attributes are not
    touched. Raises SchemaError when the rename is not allowed (no attribute ``old``; ``new``
    in use, as the schema's name rule says: ``with_attributes``).

    Undo gives the attribute its old name back on every live record holding ``new`` then:
    the step's own, and those written meanwhile (``FollowAttributeRename``); redo alike."""
    attributes = project.schema.attributes
    if project.schema.attribute(old) is None:
        raise SchemaError(Message("no attribute {name}", name=repr(old)))
    if old == new:
        return SetSchema(project.schema, Message("edit attributes"))
    refuse_taken([a.name for a in attributes if a.name != old], new, old)
    renamed = tuple(replace(a, name=new) if a.name == old else a for a in attributes)
    schema = with_attributes(project.schema, renamed)
    match = _key_renamed(old, new)
    # The new schema first: the records are checked against it.
    text = Message("rename attribute {old} to {new}", old=old, new=new)
    children: list[Command] = [
        FollowAttributeRename(new, old, on="undo"),
        SetSchema(schema, text),
    ]
    children += _attribute_children(project, match)
    children.append(FollowAttributeRename(old, new, on="do"))
    return SchemaMacro(children, text)


def rename_attribute_value_command(project: Project, attribute: str, old: str, new: str) -> Command:
    """Rename value ``old`` of enum attribute ``attribute`` to ``new`` in the schema (its
    Arabic name kept) and on every live span, event and relation whose ``attribute`` is
    ``old`` (all documents, all layers), as one step, in place; the values of other
    attributes are not touched. Raises SchemaError when the rename is not allowed (no such
    value; ``new`` a value the attribute has already).

    Undo gives the value back on every live record whose ``attribute`` is ``new`` then: the
    step's own, and those written meanwhile (``FollowValueRename``); redo alike."""
    attr = project.schema.attribute(attribute)
    if attr is None or attr.kind != "enum" or old not in attr.values:
        raise SchemaError(
            Message("no value {value} in {attribute}", value=repr(old), attribute=repr(attribute))
        )
    if old == new:
        return SetSchema(project.schema, Message("edit attributes"))
    if new in attr.values:
        raise SchemaError(
            Message("cannot rename {old}: {name} already exists", old=repr(old), name=repr(new))
        )
    values = tuple(new if v == old else v for v in attr.values)
    values_ar = tuple((new if v == old else v, shown) for v, shown in attr.values_ar)
    changed = replace(attr, values=values, values_ar=values_ar)
    schema = with_attributes(
        project.schema,
        tuple(changed if a.name == attribute else a for a in project.schema.attributes),
    )
    # The new schema first: the records are checked against it.
    text = Message("rename value {old} to {new}", old=old, new=new)
    children: list[Command] = [
        FollowValueRename(attribute, new, old, on="undo"),
        SetSchema(schema, text),
    ]
    children += _attribute_children(project, _value_renamed(attribute, old, new))
    children.append(FollowValueRename(attribute, old, new, on="do"))
    return SchemaMacro(children, text)


def remove_label_command(project: Project, name: str, relabel_to: str | None = None) -> Command:
    """Remove label ``name`` from the schema as one step.

    With ``relabel_to`` its annotations are relabelled first (to a label of the same kind);
    without it they are kept as they are and ``validation`` reports them as unknown labels
    (and the links they fill in roles or relation types that no longer name the label as
    wrong-type: each is listed, none is deleted).

    Its child labels move up to its parent, and a role or relation type that named it names
    its children instead (``schema.edit.remove_label``): an argument or relation of a child
    label, valid through the removed one, stays valid, and nothing is widened. Relabelling
    into the parent is judged like any relabel: a role that named the label but not its
    parent does not accept the relabelled spans, and the edit is refused (naming the parent
    there would accept the parent's other children too).

    Raises SchemaError when the removal or the relabelling is not allowed: among others when
    the relabel would break a link that holds now, as relabelling one span would
    (``_relabel_problem``, through ``rules.relabel_breaks``): events of type ``name``,
    retyped ``relabel_to``, keeping arguments in roles ``relabel_to`` lacks or that do not
    accept their fillers, relabelled spans or retyped events filling roles of other events
    that do not accept ``relabel_to``, relations that would not link their relabelled spans;
    retyped relations broken already (an end deleted, ends their type no longer accepts) that
    ``relabel_to`` does not mend (the step writes each retyped relation, judged whole:
    ``_broken_message``); retyped events whose trigger span is deleted
    (``_triggerless_message``); relabelled spans, retyped events or retyped relations carrying an
    attribute ``relabel_to`` lacks, valid now or invalid already
    (``rules.lost_attribute``). All judged while the command is built (``_relabel_check``),
    before anything is written. A schema edit deletes no annotation: the analyst does, or
    chooses another label."""
    schema = remove_label(project.schema, name)
    children: list[Command] = []
    if relabel_to is not None:
        if relabel_to == name or relabel_to not in {x.name for x in schema.all_labels()}:
            raise SchemaError(f"cannot relabel {name!r} annotations to {relabel_to!r}")
        _check_same_kind(project.schema, name, relabel_to)
        problem = _relabel_check(project, schema, name, relabel_to)
        if problem is not None:
            raise SchemaError(problem)
        # Relabel under the current schema (where both labels exist), then drop the label.
        children += _relabel_children(project, name, relabel_to)
    text = Message("remove {name}", name=name)
    children.append(SetSchema(schema, text))
    return SchemaMacro(children, text)


def _relabel_check(project: Project, after: Schema, name: str, label: str) -> Message | None:
    """Why the live annotations labelled ``name`` cannot be relabelled ``label`` as ``name``
    is removed (``after``: the schema without it): a link that holds now and would break
    (``_relabel_problem``), else events of type ``name`` whose trigger span is deleted (the
    step writes them: ``_triggerless_message``), else an attribute of theirs ``label`` lacks
    (``_attributes_problem``). None when nothing breaks.

    Both are judged on shapes first (``Project.label_shapes``: a few rows, no record read
    whole). A relabel changes no link's ids, layer, note or deletion, only the labels at its
    ends (and a retyped event's or relation's type): a link valid now and broken after is
    broken by its labels, so one link of its shape, made valid in all else, breaks too
    (``_shapes_break``). A retyped relation counts broken already too (the step writes it):
    its shape keeps its ends as they are, a deleted one as missing. Only when one breaks are
    the links read and judged one by one (``_relabel_problem``), for the exact count the
    refusal gives. An attribute's answer depends on the label and the attributes alone:
    each distinct set is judged once, counted by how many records carry it."""
    shapes = project.label_shapes(name)
    if _shapes_break(project.schema, after, name, label, shapes):
        # 100,000 records made and dropped: no cycle collection scanning them meanwhile
        with no_cycle_collection():
            problem = _relabel_problem(project, after, name, label, _Carrying.read(project, name))
        if problem is not None:
            return problem
    if shapes.triggerless_events:
        return _triggerless_message(name, label, shapes.triggerless_events)
    return _attributes_problem(project.schema, after, name, label, shapes)


def _triggerless_message(name: str, label: str, count: int) -> Message:
    """The refusal of retyping the ``name`` events ``label`` when ``count`` of them have lost
    their trigger span (deleted): the step writes each event it retypes, and a version of an
    event without a live trigger is refused whatever it changes (``rules.event_problem``)."""
    if count == 1:
        return Message(
            "cannot relabel {name} as {label}: 1 event of type {name} has its trigger span "
            "deleted, and the step would write it as it is. A schema edit deletes no "
            "annotation: delete that event or give it a trigger first",
            name=name,
            label=label,
        )
    return Message(
        "cannot relabel {name} as {label}: {count} events of type {name} have their trigger "
        "span deleted, and the step would write them as they are. A schema edit deletes no "
        "annotation: delete those events or give them a trigger first",
        name=name,
        label=label,
        count=count,
    )


_SHAPE_LAYER = "shape"
"""the annotator of the links ``_shapes_break`` makes (a valid name)"""


def _shapes_break(
    before: Schema, after: Schema, name: str, label: str, shapes: LabelShapes
) -> bool:
    """Whether relabelling the records labelled ``name`` as ``label`` breaks a link of one of
    ``shapes``' (``Project.label_shapes``), each judged by ``rules.relabel_breaks`` on one
    link of that shape, valid in all but its labels (same layer, live, good ids, no note)
    and, for a relation of type ``name`` (which the relabel writes), its ends (a missing one
    made missing): False means no link that holds now breaks, and no relation retyped is
    left broken."""
    records: dict[str, Span | Event] = {}
    relabelled: dict[str, Span | Event | Relation] = {}

    def made(uuid: str, old: Span | Event) -> str:
        records[uuid] = old
        if (old.label if isinstance(old, Span) else old.type) == name:
            relabelled[uuid] = _relabelled(old, label)
        return uuid

    def span(uuid: str, of: str) -> str:
        return made(uuid, Span(uuid, 1, _SHAPE_LAYER, 0, 1, of, "x"))

    def event(uuid: str, of: str) -> str:
        return made(uuid, Event(uuid, 1, _SHAPE_LAYER, of, f"{uuid}-t"))

    arguments: list[Argument] = []
    for n, (kind, role, span_label, event_type) in enumerate(shapes.arguments):
        fillers = []
        if span_label is not None:
            fillers.append(span(f"a{n}-s", span_label))
        if event_type is not None:
            fillers.append(event(f"a{n}-f", event_type))
        of = event(f"a{n}-e", kind)
        arguments += [
            Argument(f"a{n}-{k}", of, 1, _SHAPE_LAYER, role, filler)
            for k, filler in enumerate(fillers)
        ]
    relations: list[Relation] = []
    for n, (kind, attributes, source, target) in enumerate(shapes.relations):
        # an end missing or deleted (None): a uuid no record has
        ends = [
            f"r{n}-{k}" if of is None else span(f"r{n}-{k}", of)
            for k, of in (("s", source), ("t", target))
        ]
        relation = Relation(f"r{n}", 1, _SHAPE_LAYER, kind, ends[0], ends[1], attributes)
        if kind == name:
            relabelled[relation.uuid] = _relabelled(relation, label)
        relations.append(relation)
    links = rules.relabel_breaks(before, after, relabelled, arguments, relations, records.get)
    return next(links, None) is not None


def _attributes_problem(
    before: Schema,
    after: Schema,
    name: str,
    label: str,
    shapes: LabelShapes,
) -> Message | None:
    """The refusal of relabelling the spans labelled ``name`` (and retyping the events and
    relations of that type) ``label`` when some carry attributes ``label`` lacks
    (``rules.lost_attribute``, judged once per distinct set of ``shapes``' attributes of
    spans, events and relations), naming the attributes and counting the records; None when
    none does."""
    lost: list[str] = []
    count = 0
    for sets, record in (
        (shapes.span_attributes, "span"),
        (shapes.event_attributes, ""),
        (shapes.relation_attributes, ""),
    ):
        for attributes, carried in sets:
            attribute = rules.lost_attribute(before, after, name, label, attributes, record)
            if attribute is not None:
                lost.append(attribute)
                count += carried
    if not lost:
        return None
    if count == 1:
        return Message(
            "cannot relabel {name} as {label}: 1 annotation carries attribute {attribute}, "
            "which {label} does not take. Define it for {label}, remove it from the "
            "annotation first, or choose another label",
            name=name,
            label=label,
            attribute=lost[0],
        )
    return Message(
        "cannot relabel {name} as {label}: {count} annotations carry attributes {label} does "
        "not take ({attributes}). Define them for {label}, remove them from the annotations "
        "first, or choose another label",
        name=name,
        label=label,
        count=count,
        attributes=", ".join(sorted(set(lost))),
    )


_FIND_COST = 2
"""reading spans by their ids (``Project.spans_by_uuid``: a query per 5,000, through the
uuid index) costs about as much per span as reading two in one streamed read of every span
(``Project.iter_records``): judging a relabel reads the spans it needs by their ids while
they are fewer than half of all, else picks them out of one read of every span"""


def _relabelled(old: Span | Event | Relation, label: str) -> Span | Event | Relation:
    """``old`` labelled (a span) or typed (an event, a relation) ``label``: what
    ``dataclasses.replace`` makes, without its call of ``__init__`` per record (25,000 of
    them took 1.3 s)."""
    new = object.__new__(type(old))
    fields = dict(old.__dict__)
    fields["label" if isinstance(old, Span) else "type"] = label
    object.__setattr__(new, "__dict__", fields)
    return new


def _relabel_problem(
    project: Project, after: Schema, name: str, label: str, carrying: _Carrying
) -> Message | None:
    """Why the live annotations labelled ``name`` (``carrying``: every document and layer)
    cannot be relabelled ``label`` as ``name`` is removed (``after``: the schema without it),
    judged by ``rules.relabel_breaks``, the rule relabelling one span meets
    (``commands.relabel``): the retyped events' arguments in roles ``label`` lacks, or in
    roles of ``label`` that do not accept their fillers (``_retype_message``); else the
    arguments the relabelled spans and retyped events fill in roles (of other events) that do
    not accept ``label``, the relations they are linked by (or retyped) that would not link
    their spans (``_links_message``); else the retyped relations broken already that ``label``
    does not mend (``_broken_message``: the step writes them, judged whole). None when there
    are none. Another link broken already is not the relabel's doing and does not count
    (``check`` lists it; the step does not write it).

    A label may sit on 75,000 spans of 250,000: no query per annotation, and no read of every
    span. The links judged are ``carrying``'s (``_Carrying.read``: ``Project.label_links``);
    the records at their other ends (a relation's other span, a filler of a retyped event, the
    event of an argument a relabelled span fills) are read by their ids
    (``Project.spans_by_uuid``, ``Project.events_by_uuid``), or picked out of one read of
    every span when they are most of them (``_FIND_COST``)."""
    spans = set(carrying.spans)
    carriers: dict[str, Event | Relation] = {e.uuid: e for e in carrying.events}
    carriers.update((r.uuid, r) for r in carrying.relations if r.type == name)
    if not spans and not carriers:
        return None

    def carried(uuid: str) -> bool:
        return uuid in spans or uuid in carriers

    arguments = [a for a in carrying.arguments if carried(a.event) or carried(a.target)]
    links = [
        r for r in carrying.relations if carried(r.uuid) or carried(r.source) or carried(r.target)
    ]
    found: dict[str, Span | Event] = {e.uuid: e for e in carrying.events}
    # the spans at the links' ends: the label's own (relabelled) and the others
    others = {a.target for a in arguments} | {u for r in links for u in (r.source, r.target)}
    wanted = sorted(others - found.keys())
    if wanted and len(wanted) * _FIND_COST > project.span_count():
        chosen = set(wanted)
        for rec in project.iter_records("spans"):
            if rec.uuid in chosen and isinstance(rec, Span):
                found[rec.uuid] = rec
    elif wanted:
        found.update((s.uuid, s) for s in project.spans_by_uuid(wanted))
    # relabelled: only those a link touches (of 75,000 spans a label sits on, few may be)
    touched = {u for a in arguments for u in (a.event, a.target)}
    touched |= {u for r in links for u in (r.uuid, r.source, r.target)}
    relabelled: dict[str, Span | Event | Relation] = {
        u: _relabelled(old, label)
        for u in touched
        if (old := carriers.get(u) or (found.get(u) if u in spans else None)) is not None
    }
    # the events of the arguments, and the fillers that are no span (an event filling a role)
    events = sorted(({a.event for a in arguments} | others) - found.keys())
    if events:
        found.update((e.uuid, e) for e in project.events_by_uuid(events))
    lacking: list[str] = []
    unfit: list[str] = []
    fills: list[str] = []
    broken: list[tuple[str, str, str]] = []
    other: list[Message | str] = []
    dangling = unaccepted = 0  # retyped relations broken already, and still after
    stale: list[Message | str] = []
    for link, problem in rules.relabel_breaks(
        project.schema, after, relabelled, arguments, links, found.get
    ):
        if isinstance(link, Relation) and _broken_already(project.schema, link, found.get):
            if problem.kind == "dangling":
                dangling += 1
            elif problem.kind == "wrong-type":
                unaccepted += 1
            else:
                stale.append(problem.message)
        elif isinstance(link, Argument) and link.event in relabelled:
            if problem.kind == "unknown-role":
                lacking.append(link.role)
            elif problem.kind == "wrong-type":
                unfit.append(link.role)
        elif isinstance(link, Argument) and problem.kind == "wrong-type":
            event = found.get(link.event)
            fills.append(f"{event.type if isinstance(event, Event) else ''}.{link.role}")
        elif isinstance(link, Relation) and problem.kind == "wrong-type":
            now = relabelled.get(link.uuid)
            type = now.type if isinstance(now, Relation) else link.type
            ends = [relabelled.get(u) or found.get(u) for u in (link.source, link.target)]
            source, target = (e.label if isinstance(e, Span) else "" for e in ends)
            broken.append((str(type), source, target))
        else:
            other.append(problem.message)
    if lacking or unfit:
        return _retype_message(name, label, lacking, unfit)
    if fills or broken or other:
        return _links_message(name, label, fills, broken, other)
    if dangling or unaccepted or stale:
        return _broken_message(name, label, dangling, unaccepted, stale)
    return None


def _broken_already(
    before: Schema, relation: Relation, record: Callable[[str], Span | Event | None]
) -> bool:
    """Whether ``relation``'s link (its attributes aside: ``rules.lost_attribute``'s) is
    broken under ``before`` with its ends as they are (``record``): a retyped relation
    ``rules.relabel_breaks`` yields is broken already, or broken by the retype."""
    ends = [record(u) for u in (relation.source, relation.target)]
    source, target = (e if isinstance(e, Span) else None for e in ends)
    link = replace(relation, attributes={}) if relation.attributes else relation
    return rules.relation_problem(before, link, source, target) is not None


def _broken_message(
    name: str, label: str, dangling: int, unaccepted: int, other: Sequence[Message | str]
) -> Message:
    """The refusal of retyping the ``name`` relations ``label`` when some are broken already
    and would stay broken under ``label``: ``dangling`` of them point at a deleted span,
    ``unaccepted`` link spans neither type accepts, ``other`` the violations of the rest (the
    first one said). The
    step writes each relation it retypes, and every version written is judged whole (as an
    edit of the relation's note would be): it cannot write them as they are."""
    parts: list[Message | str] = []
    if dangling == 1:
        parts.append(Message("1 points at a deleted span"))
    elif dangling:
        parts.append(Message("{count} point at a deleted span", count=dangling))
    if unaccepted == 1:
        parts.append(
            Message("1 links spans neither {name} nor {label} accepts", name=name, label=label)
        )
    elif unaccepted:
        parts.append(
            Message(
                "{count} link spans neither {name} nor {label} accepts",
                count=unaccepted,
                name=name,
                label=label,
            )
        )
    count = dangling + unaccepted + len(other)
    if other:  # (rare: what a merge or an older version wrote) the first one's rule
        parts.append(other[0])
    problems: Message | str = parts[0]
    for part in parts[1:]:
        problems = Message("{one}; {other}", one=problems, other=part)
    if count == 1:
        return Message(
            "cannot relabel {name} as {label}: 1 relation of type {name} is broken already "
            "({problems}), and the step would write it as it is. A schema edit deletes no "
            "annotation: delete or mend that relation first, or choose another label",
            name=name,
            label=label,
            problems=problems,
        )
    return Message(
        "cannot relabel {name} as {label}: {count} relations of type {name} are broken "
        "already ({problems}), and the step would write them as they are. A schema edit "
        "deletes no annotation: delete or mend those relations first, or choose another label",
        name=name,
        label=label,
        count=count,
        problems=problems,
    )


def _retype_message(name: str, label: str, lacking: list[str], unfit: list[str]) -> Message:
    """The refusal of retyping the ``name`` events ``label``: arguments in roles ``lacking``
    (one role per argument) that ``label`` lacks, ``unfit`` of ``label`` that do not accept
    their fillers."""
    parts: list[Message] = []
    if len(lacking) == 1:
        parts.append(
            Message(
                "1 argument is in a role {label} lacks ({roles})", label=label, roles=lacking[0]
            )
        )
    elif lacking:
        parts.append(
            Message(
                "{count} arguments are in roles {label} lacks ({roles})",
                count=len(lacking),
                label=label,
                roles=", ".join(sorted(set(lacking))),
            )
        )
    if len(unfit) == 1:
        parts.append(
            Message(
                "1 argument fills a role of {label} that does not accept its filler ({roles})",
                label=label,
                roles=unfit[0],
            )
        )
    elif unfit:
        parts.append(
            Message(
                "{count} arguments fill roles of {label} that do not accept their fillers "
                "({roles})",
                count=len(unfit),
                label=label,
                roles=", ".join(sorted(set(unfit))),
            )
        )
    return Message(
        "cannot relabel the {name} events as {label}: {problems}. A schema edit deletes no "
        "annotation: delete those arguments first, or choose another event type",
        name=name,
        label=label,
        problems=_joined(parts),
    )


def _links_message(
    name: str,
    label: str,
    fills: list[str],
    links: list[tuple[str, str, str]],
    other: list[Message | str],
) -> Message:
    """The refusal of relabelling the ``name`` annotations ``label``: arguments filling the
    roles ``fills`` (``Event.Role``, one per argument) that do not accept ``label``, relations
    ``links`` (type, source label, target label after the relabel: one per relation) that
    their types would not allow, else the first ``other`` violation."""
    parts: list[Message | str] = []
    if len(fills) == 1:
        parts.append(
            Message(
                "1 argument fills a role that does not accept {label} ({roles})",
                label=label,
                roles=fills[0],
            )
        )
    elif fills:
        parts.append(
            Message(
                "{count} arguments fill roles that do not accept {label} ({roles})",
                count=len(fills),
                label=label,
                roles=", ".join(sorted(set(fills))),
            )
        )
    if len(set(links)) == 1:
        type, source, target = links[0]
        parts.append(
            Message(
                "1 relation of type {type} would not link {source} to {target}",
                type=type,
                source=source,
                target=target,
            )
            if len(links) == 1
            else Message(
                "{count} relations of type {type} would not link {source} to {target}",
                count=len(links),
                type=type,
                source=source,
                target=target,
            )
        )
    elif links:
        parts.append(
            Message(
                "{count} relations would not link their spans as their types allow ({types})",
                count=len(links),
                types=", ".join(sorted({t for t, _, _ in links})),
            )
        )
    if not parts:
        parts.append(other[0])
    return Message(
        "cannot relabel {name} as {label}: {problems}. A schema edit deletes no annotation: "
        "change or delete those first, or choose another label",
        name=name,
        label=label,
        problems=_joined(parts),
    )


def _joined(parts: Sequence[Message | str]) -> Message | str:
    """One part as it is, two as "one; other"."""
    if len(parts) == 1:
        return parts[0]
    return Message("{one}; {other}", one=parts[0], other=parts[1])


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
    "FollowRename",
    "FollowRoleRename",
    "SchemaMacro",
    "SetSchema",
    "UpdateRelation",
    "Usage",
    "label_usage",
    "rebase_schema",
    "remove_label_command",
    "rename_label_command",
    "rename_role_command",
    "same_kind_labels",
]
