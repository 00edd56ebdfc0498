"""Editing a schema: pure functions that return a new Schema (the schema editor's operations).

Each raises SchemaError, saying why, when the result would be inconsistent (a name taken twice,
a hotkey clash, a role left with no allowed types...), so the caller never stores a broken schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from annotator.errors import Message, SchemaError
from annotator.schema.keys import is_arabic_script, physical_hotkey, split_stroke
from annotator.schema.model import (
    AttributeDef,
    EventType,
    Label,
    RelationType,
    Schema,
    name_key,
)

Names = tuple[str, ...]


def add_label(schema: Schema, label: Label) -> Schema:
    """Add a new ``label`` (a Label, EventType or RelationType). A name that any label,
    event type or relation type already has is refused: adding never replaces."""
    refuse_taken([x.name for x in schema.all_labels()], label.name)
    return with_label(schema, label)


def with_label(schema: Schema, label: Label) -> Schema:
    """Replace the label of ``label``'s name with it (an edit of its names, colour, roles...),
    or add it when there is none. The schema editor adds through ``add_label``, which refuses a
    name in use."""
    group = _group_of(label)
    items: tuple[Label, ...] = getattr(schema, group)
    stored = next((x for x in items if x.name == label.name), None)
    if stored is None:
        _refuse_separators(label.name, Message("label name"))
    _refuse_new_role_separators(label, stored)
    if any(x.name == label.name for x in items):
        new = tuple(label if x.name == label.name else x for x in items)
    else:
        new = (*items, label)
    return _checked(_with_group(schema, group, new))


HOTKEY_KEYS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
"""The keys the window reads as a label hotkey's stroke (``ui.workbench.hotkeys.stroke_of``
takes a press only when its Latin key is one of these): a hotkey on any other key (Esc,
Backspace, Space, F2 …) could never fire."""
HOTKEY_MODIFIERS = frozenset(("ctrl", "alt", "shift", "meta"))
"""the modifiers the window reads with a hotkey's key (``hotkey_strokes`` form)"""


def hotkey_problem(hotkey: str, label: str) -> Message | None:
    """Why the window could never fire ``hotkey`` (a QKeySequence portable string; keys typed
    with the Arabic layout taken as their Latin keys) as label ``label``'s hotkey, or None:
    each stroke must be a letter or digit key (``HOTKEY_KEYS``), with Ctrl, Alt, Shift or
    Meta if any. An Arabic letter on no letter key (ج) is refused as ``Schema.problems``
    refuses it."""
    for stroke in physical_hotkey(hotkey).split(", "):
        if not stroke.strip():
            continue
        mods, key = split_stroke(stroke)
        known = {m.strip().lower() for m in mods if m.strip()} <= HOTKEY_MODIFIERS
        if key.upper() in HOTKEY_KEYS and known:
            continue
        if known and is_arabic_script(key):
            return Message(
                "{label}: hotkey {hotkey} is no letter or digit key; give the Latin "
                "letter or digit of the key",
                label=label,
                hotkey=repr(hotkey),
            )
        return Message(
            "{label}: hotkey {hotkey} uses {key}, which the window never reads as a label "
            "hotkey; give a letter or digit key (with Ctrl, Alt, Shift or Meta if you like)",
            label=label,
            hotkey=repr(hotkey),
            key=repr(key if known else stroke.strip()),
        )
    return None


def set_hotkey(schema: Schema, name: str, hotkey: str) -> Schema:
    """Give label ``name`` this QKeySequence string (``""`` clears it). A key typed with the
    Arabic layout (``ص``) is stored as its Latin key (``W``), the key the window reads. A key
    the window cannot read as a label hotkey (``hotkey_problem``: Esc, Backspace, Space, F2 …)
    is refused.

    A clash (same key, or one key a prefix of the other's chord) raises SchemaError naming both.
    """
    _require(schema, name)
    problem = hotkey_problem(hotkey, name)
    if problem is not None:
        raise SchemaError(problem)
    key = physical_hotkey(hotkey)
    return _checked(_map_labels(schema, lambda x: replace(x, hotkey=key) if x.name == name else x))


def rename_label(schema: Schema, old: str, new: str) -> Schema:
    """Rename a label and every reference to it: parents, role types, relation arguments,
    attribute label lists and overlap rules."""
    _require(schema, old)
    if old == new:
        return schema
    refuse_taken([x.name for x in schema.all_labels()], new, old)
    _refuse_separators(new, Message("label name"))
    return _checked(rename_references(schema, old, new))


def rename_references(schema: Schema, old: str, new: str) -> Schema:
    """``schema`` with every reference to label ``old`` (its own name included, if it has
    it: parents, role types, relation arguments, attribute label lists, overlap rules) made
    ``new``, nothing checked: ``rename_label``'s renaming, and what undoing (redoing) a rename
    applies to the schema as stored then, where a merge may have added items naming the
    other name (``commands.schema.rebase_schema``)."""

    def names(items: Names) -> Names:
        return tuple(new if n == old else n for n in items)

    return _map_refs(schema, names, lambda n: new if n == old else n)


def rename_role(schema: Schema, event_type: str, old: str, new: str) -> Schema:
    """Rename role ``old`` of ``event_type`` (a role name is unique within its event type).
    The arguments filling it are the caller's: ``annotator.commands`` carries them along."""
    et = schema.event(event_type)
    if et is None or et.role(old) is None:
        raise SchemaError(
            Message("no role {role} in {event}", role=repr(old), event=repr(event_type))
        )
    if old == new:
        return schema
    refuse_taken([r.name for r in et.roles], new, old)
    _refuse_separators(new, Message("role name"))
    roles = tuple(replace(r, name=new) if r.name == old else r for r in et.roles)
    return _checked(with_label(schema, replace(et, roles=roles)))


def with_attributes(schema: Schema, attributes: tuple[AttributeDef, ...]) -> Schema:
    """The schema with this list of attributes; an attribute name given twice (a new one, or
    one renamed to a name in use) is refused as ``add_label`` refuses a label name."""
    seen: list[str] = []
    had = {a.name for a in schema.attributes}
    for a in attributes:
        refuse_taken(seen, a.name)
        if a.name not in had:
            _refuse_separators(a.name, Message("attribute name"))
        seen.append(a.name)
    return _checked(replace(schema, attributes=attributes))


def refuse_taken(names: list[str], name: str, renamed: str = "") -> None:
    """The one refusal of a name in use, for every kind (labels, roles, attributes): adding
    ``name``, or renaming ``renamed`` to it. A name that differs from one in use only in case,
    harakat, tatweel, alef or digit forms (``name_key``) is in use too; renaming a name to such
    a variant of itself (``PER`` to ``Per``) is not refused."""
    key = name_key(name)
    taken = next((n for n in names if n != renamed and name_key(n) == key), None)
    if taken is None:
        return
    if renamed:
        if taken == name:
            raise SchemaError(
                Message(
                    "cannot rename {old}: {name} already exists",
                    old=repr(renamed),
                    name=repr(name),
                )
            )
        raise SchemaError(
            Message(
                "cannot rename {old} to {name}: {taken} already exists, and names may not "
                "differ only in case, harakat, tatweel, alef forms or digit forms",
                old=repr(renamed),
                name=repr(name),
                taken=repr(taken),
            )
        )
    if taken == name:
        raise SchemaError(Message("cannot add: {name} already exists", name=repr(name)))
    raise SchemaError(
        Message(
            "cannot add {name}: {taken} already exists, and names may not differ only in "
            "case, harakat, tatweel, alef forms or digit forms",
            name=repr(name),
            taken=repr(taken),
        )
    )


NAME_SEPARATORS = ",|"
"""Characters a new name may not hold: the schema editor's lists (Accepts, Arg1, Arg2, an
attribute's Labels) separate names with them, so a name holding one could never be typed
into them. A file that already holds such a name still opens (its schema is read
leniently); only adding or renaming to one is refused."""


def _refuse_separators(name: str, what: Message) -> None:
    """Refuse a new ``name`` (a label's, role's or attribute's; ``what`` says which) that holds
    a ``NAME_SEPARATORS`` character."""
    bad = next((c for c in name if c in NAME_SEPARATORS), None)
    if bad is not None:
        raise SchemaError(
            Message(
                "{what} {name} contains {char}: names may not hold , or | (lists of names "
                "are separated by them)",
                what=what,
                name=repr(name),
                char=repr(bad),
            )
        )


def _refuse_new_role_separators(label: Label, old: Label | None) -> None:
    """``_refuse_separators`` for each role of ``label`` that ``old`` (its stored version)
    lacks."""
    if not isinstance(label, EventType):
        return
    had = {r.name for r in old.roles} if isinstance(old, EventType) else set()
    for role in label.roles:
        if role.name not in had:
            _refuse_separators(role.name, Message("role name"))


def remove_label(schema: Schema, name: str) -> Schema:
    """Remove a label. Its children move up to its parent and references to it are dropped.

    A type list (a role's types, a relation type's arguments, an overlap rule) that named the
    label accepted its children through it (``Schema.fits`` takes a label's ancestors): it
    names the children in its place, those the rest of the list does not accept already, so
    every label that fitted the list before still fits it, and none that did not (an argument
    or relation of a child label, valid before, stays valid). Naming the parent instead would
    widen the list to the parent's other children.

    Refused when a role, relation argument or overlap rule would be left with no types, since an
    empty list means "anything" and removing a label must never widen what is allowed.
    Attributes left with no labels are removed with it, for the same reason (an attribute's
    labels are exact names: a child never carried its parent's attributes, none is given).
    """
    lab = _require(schema, name)
    children = tuple(
        x.name for x in (*schema.entities, *schema.events) if x.parent == name and x.name != name
    )

    def names(items: Names) -> Names:
        if name not in items:
            return items
        rest = tuple(n for n in items if n != name)
        # fits(child, rest) before the edit is fits after it: the chain above the child
        # only loses ``name``, which ``rest`` lacks (an empty list fits anything: not rest)
        heirs = tuple(c for c in children if c not in items and not (rest and schema.fits(c, rest)))
        kept = tuple(dict.fromkeys(x for n in items for x in (heirs if n == name else (n,))))
        if not kept:
            raise SchemaError(
                Message(
                    "cannot remove {name}: it is the only type allowed somewhere", name=repr(name)
                )
            )
        return kept

    def attr_names(items: Names) -> Names:
        return tuple(n for n in items if n != name)

    kept = replace(
        schema,
        entities=tuple(x for x in schema.entities if x.name != name),
        events=tuple(x for x in schema.events if x.name != name),
        relations=tuple(x for x in schema.relations if x.name != name),
    )
    out = _map_refs(kept, names, lambda n: lab.parent if n == name else n, attr_names)
    attributes = tuple(
        new
        for old, new in zip(schema.attributes, out.attributes, strict=True)
        if new.labels or not old.labels
    )
    return _checked(replace(out, attributes=attributes))


def reorder(schema: Schema, names: list[str]) -> Schema:
    """Put the labels of one kind (all entities, all events or all relations) in this order."""
    for group in ("entities", "events", "relations"):
        items: tuple[Label, ...] = getattr(schema, group)
        if len(names) == len(items) and sorted(names) == sorted(x.name for x in items):
            by_name = {x.name: x for x in items}
            return _with_group(schema, group, tuple(by_name[n] for n in names))
    raise SchemaError(
        Message("reorder needs exactly the names of all entities, events or relations")
    )


def _group_of(label: Label) -> str:
    if isinstance(label, RelationType):
        return "relations"
    return "events" if isinstance(label, EventType) else "entities"


def _with_group(schema: Schema, group: str, items: tuple[Label, ...]) -> Schema:
    changes: dict[str, Any] = {group: items}
    return replace(schema, **changes)


def _require(schema: Schema, name: str) -> Label:
    lab = next((x for x in schema.all_labels() if x.name == name), None)
    if lab is None:
        raise SchemaError(Message("no label {name} in the schema", name=repr(name)))
    return lab


def _map_labels(schema: Schema, fn: Callable[[Any], Any]) -> Schema:
    return replace(
        schema,
        entities=tuple(fn(x) for x in schema.entities),
        events=tuple(fn(x) for x in schema.events),
        relations=tuple(fn(x) for x in schema.relations),
    )


def _map_refs(
    schema: Schema,
    names: Callable[[Names], Names],
    one: Callable[[str], str],
    attr_names: Callable[[Names], Names] | None = None,
) -> Schema:
    """Apply ``names`` to every list of label names and ``one`` to every single name
    (``attr_names``, when given, to attribute label lists instead of ``names``)."""
    for_attrs = attr_names or names

    def fix(x: Label) -> Label:
        x = replace(x, name=one(x.name), parent=one(x.parent) if x.parent else "")
        if isinstance(x, EventType):
            x = replace(x, roles=tuple(replace(r, types=names(r.types)) for r in x.roles))
        if isinstance(x, RelationType):
            alts = tuple((names(a), names(b)) for a, b in x.alternatives)
            x = replace(x, arg1=names(x.arg1), arg2=names(x.arg2), alternatives=alts)
        return x

    return replace(
        _map_labels(schema, fix),
        attributes=tuple(replace(a, labels=for_attrs(a.labels)) for a in schema.attributes),
        overlaps=tuple(replace(o, arg1=names(o.arg1), arg2=names(o.arg2)) for o in schema.overlaps),
    )


def _checked(schema: Schema) -> Schema:
    problems = schema.problems()
    if problems:
        raise SchemaError(problems[0])
    return schema


@dataclass(frozen=True)
class Adopted:
    """What ``adopt_labels`` did: the schema to store, the names it added, and why nothing
    was added when the combination would break the schema's rules (else empty).

    ``taken``: (their name, our name) of each label of theirs that is one of ours written
    otherwise (``name_key``: ``Per`` beside our ``PER``), taken as ours, neither added nor a
    reason to refuse; ``attributes_taken``: the same for their attributes. Their annotations
    carrying such a label are not relabelled (without a label map the merge sets them aside
    as carrying a label the schema lacks); their annotations carrying such an attribute are
    written under our name (``exchange.label_map.relabel`` in a merge,
    ``importing._attributes_as_ours`` in an import) and judged by our definition. The
    report says which names were taken as which.

    ``attributes_added``: their attributes the result adds (names ours lacks), as the result
    defines them (their labels read as ours), whether or not a label was added too."""

    schema: Schema
    added: tuple[str, ...] = ()
    refused: str = ""
    taken: tuple[tuple[str, str], ...] = ()
    attributes_taken: tuple[tuple[str, str], ...] = ()
    attributes_added: tuple[AttributeDef, ...] = ()


def adopt_labels(mine: Schema, theirs: Schema) -> Adopted:
    """``mine`` with the labels and the attributes that ``theirs`` defines and ``mine``
    lacks — what a merge takes from a colleague's schema and an import from a file that
    carries its labels. Their attributes are taken as they define them, on labels we share
    too (one for every label stays so), whether or not a label is added: what a record of
    theirs carrying one becomes never depends on an unrelated label of theirs. An attribute
    ``mine`` has keeps its definition, extended only to the labels added (when theirs, of the
    same kind, applies to them). A name of theirs that is one of ours (``name_key``: it
    differs only in case, harakat, tatweel, alef or digit forms) is ours, not new: what they
    add refers to ours by it, and it is listed in ``Adopted.taken`` (``attributes_taken``).
    Their hotkeys give way to ours; the result must pass ``Schema.problems()``, else
    ``mine`` comes back as it is (nothing added, attributes included), with the reason."""
    taken = _taken([x.name for x in mine.all_labels()], [x.name for x in theirs.all_labels()])
    attributes_taken = _taken(
        [a.name for a in mine.attributes], [a.name for a in theirs.attributes]
    )
    found = Adopted(
        mine, taken=tuple(taken.items()), attributes_taken=tuple(attributes_taken.items())
    )
    have = {lab.name for lab in mine.all_labels()} | set(taken)
    entities = tuple(lab for lab in theirs.entities if lab.name not in have)
    events = tuple(lab for lab in theirs.events if lab.name not in have)
    relations = tuple(lab for lab in theirs.relations if lab.name not in have)
    added = tuple(lab.name for lab in (*entities, *events, *relations))
    lacked = tuple(
        a
        for a in theirs.attributes
        if a.name not in attributes_taken and mine.attribute(a.name) is None
    )
    if not added and not lacked:
        return found
    own = mine.problems()
    if own:  # an old project's schema, opened leniently: fixed first (annotator check)
        return replace(
            found,
            refused=Message("the project's schema has a problem: {problem}", problem=own[0]),
        )
    attributes = []
    for attr in mine.attributes:  # one the source also has: extended to the added labels
        other = _attribute(theirs, attr.name, attributes_taken)
        extra = tuple(n for n in added if other is not None and other.applies_to(n))
        if attr.labels and extra and other is not None and other.kind == attr.kind:
            attr = replace(attr, labels=attr.labels + extra)
        attributes.append(attr)
    new = replace(
        theirs,
        entities=entities,
        events=events,
        relations=relations,
        attributes=lacked,
        overlaps=(),
    )
    if taken:  # what they add refers to our labels by our names

        def names(items: Names) -> Names:
            return tuple(dict.fromkeys(taken.get(n, n) for n in items))

        new = _map_refs(new, names, lambda n: taken.get(n, n))
    combined = replace(
        mine,
        entities=mine.entities + new.entities,
        events=mine.events + new.events,
        relations=mine.relations + new.relations,
        attributes=(*attributes, *new.attributes),
    )
    if combined.hotkey_conflicts():  # their hotkeys give way to the project's
        combined = replace(
            combined,
            entities=mine.entities + tuple(replace(x, hotkey="") for x in new.entities),
            events=mine.events + tuple(replace(x, hotkey="") for x in new.events),
            relations=mine.relations + tuple(replace(x, hotkey="") for x in new.relations),
        )
    problems = combined.problems()
    if problems:
        return replace(found, refused=problems[0])
    return replace(
        found, schema=combined, added=tuple(sorted(added)), attributes_added=new.attributes
    )


def _taken(ours: list[str], theirs: list[str]) -> dict[str, str]:
    """Their name: our name, for each name of ``theirs`` that is not one of ``ours`` as
    written but is one by ``name_key`` (the first of ours so, in an old schema holding two)."""
    exact = set(ours)
    by_key: dict[str, str] = {}
    for n in ours:
        by_key.setdefault(name_key(n), n)
    out: dict[str, str] = {}
    for n in theirs:
        if n not in exact:
            our = by_key.get(name_key(n))
            if our is not None:
                out[n] = our
    return out


def _attribute(theirs: Schema, name: str, taken: dict[str, str]) -> AttributeDef | None:
    """Their attribute ``name`` (ours), or the one of theirs taken as it."""
    found = theirs.attribute(name)
    if found is None:
        found = next((a for a in theirs.attributes if taken.get(a.name) == name), None)
    return found
