"""A merge's label map: the source's label names taken as the project's.

A colleague's schema may name a label otherwise than ours (``Per`` or ``Person`` where ours
has ``PER``). Without a map the merge reconciles only the schemas: a name that differs
from ours only in case or folding is not added (``adopt_labels``: what else their schema
adds refers to ours by it), and the records labelled so are quarantined, never relabelled
(the merge report says so, with their count); a label of another name is added as a new
one. With a map ``{"Per": "PER"}`` the records of the source labelled ``Per`` (spans, and
for an event type its trigger spans and events; for a relation type its relations) arrive
labelled ``PER`` and are judged by ``annotator.rules`` like any other record; the source's
schema is taken with ``Per`` left out and every reference to it (a role's types, a parent)
read as ``PER``. A mapped label takes nothing of their schema: their attributes leave it
out, so our ``PER`` stays as it is and a record of theirs carrying an attribute ``PER``
lacks is quarantined.

A role map ``{"Agent": "Attacker"}`` does the same for the roles of the source's arguments
(an argument's role is judged by name against the event type's roles), and renames the
role in the event types the merge adds from the source.

A map is checked before the merge writes anything (``check_label_map``): each source name
must be a label the source holds (its schema defines it, or one of its records carries it),
each target a label of the project's schema of the same kind (entity label, event type,
relation type); a role map must not give an event type the merge adds one role twice
(``check_role_map``). ``label_offers`` proposes, for each label the
source holds and the project's schema lacks, the project's label of the same name but for
case or folding (``schema.name_key``); it is an offer the user confirms, never applied by
the merge itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.errors import AnnotatorError, Message
from annotator.exchange.bundle_read import BundleRecord
from annotator.model import Argument, Event, Relation, Span
from annotator.schema import Schema
from annotator.schema.edit import _map_refs, adopt_labels
from annotator.schema.model import name_key

__all__ = [
    "LabelMapError",
    "LabelOffer",
    "RoleOffer",
    "attributes_taken",
    "check_label_map",
    "check_role_map",
    "event_roles_of_records",
    "event_roles_of_schema",
    "kinds_of_records",
    "label_kinds",
    "label_offers",
    "labels_of_records",
    "propose_label_map",
    "relabel",
    "renamed_attributes",
    "role_offers",
    "roles_of_records",
    "with_roles_mapped",
    "without_mapped",
]


class LabelMapError(AnnotatorError):
    """A label map the merge refuses before writing anything (the message names the label
    and the source)."""


def labels_of_records(records: Iterable[BundleRecord]) -> set[str]:
    """The labels and types the records carry (span labels, event and relation types)."""
    out: set[str] = set()
    for br in records:
        rec = br.record
        if isinstance(rec, Span):
            out.add(rec.label)
        elif isinstance(rec, Event | Relation):
            out.add(rec.type)
    return out


def kinds_of_records(records: Iterable[BundleRecord]) -> dict[str, str]:
    """The labels the records carry, each with its kind as the records show it: ``event``
    for an event's type (and a span labelled so), ``relation`` for a relation's type,
    ``entity`` for a span label no event carries."""
    out: dict[str, str] = {}
    for br in records:
        rec = br.record
        if isinstance(rec, Event):
            out[rec.type] = "event"
        elif isinstance(rec, Relation):
            out.setdefault(rec.type, "relation")
        elif isinstance(rec, Span):
            out.setdefault(rec.label, "entity")
    return out


def roles_of_records(records: Iterable[BundleRecord]) -> set[str]:
    """The roles the records' arguments fill."""
    return {br.record.role for br in records if isinstance(br.record, Argument)}


def _defined(schema: Schema) -> set[str]:
    return {lab.name for lab in schema.all_labels()}


def _roles(schema: Schema) -> set[str]:
    return {r.name for e in schema.events for r in e.roles}


_Texts = tuple[
    Callable[[str, str, str], Message],
    Callable[[str, str, str], Message],
    Callable[[str, str, str], Message],
]
"""a map's three refusals (not a pair of names, a source name the source does not hold, a
target the project's schema lacks), each made from (theirs, ours, where)"""

_LABEL_TEXTS: _Texts = (
    lambda t, o, w: Message(
        "label map: {theirs} → {ours} is not a pair of names", theirs=t, ours=o
    ),
    lambda t, o, w: Message("label map: {where} holds no label {theirs}", where=w, theirs=t),
    lambda t, o, w: Message(
        "label map: the project's schema has no label {ours} (to take {theirs} of {where} as)",
        ours=o,
        theirs=t,
        where=w,
    ),
)
_ROLE_TEXTS: _Texts = (
    lambda t, o, w: Message("role map: {theirs} → {ours} is not a pair of names", theirs=t, ours=o),
    lambda t, o, w: Message("role map: {where} holds no role {theirs}", where=w, theirs=t),
    lambda t, o, w: Message(
        "role map: the project's schema has no role {ours} (to take {theirs} of {where} as)",
        ours=o,
        theirs=t,
        where=w,
    ),
)


def _check_pair(
    theirs_name: object,
    our_name: object,
    source: set[str],
    ours: set[str],
    where: str,
    texts: _Texts,
) -> None:
    """One pair of a label or role map: two names, the first one ``source`` holds, the second
    one ``ours`` has; else a ``LabelMapError`` with the refusal of ``texts``."""
    not_pair, not_held, not_ours = texts
    theirs_text, ours_text = repr(theirs_name), repr(our_name)
    if not isinstance(theirs_name, str) or not isinstance(our_name, str):
        raise LabelMapError(not_pair(theirs_text, ours_text, where))
    if theirs_name not in source:
        raise LabelMapError(not_held(theirs_text, ours_text, where))
    if our_name not in ours:
        raise LabelMapError(not_ours(theirs_text, ours_text, where))


def check_label_map(
    label_map: Mapping[str, str],
    mine: Schema,
    theirs: Schema,
    held: Iterable[str] | Mapping[str, str],
    where: str,
) -> dict[str, str]:
    """``label_map`` as a plain dict, once every source name is a label ``where`` holds (its
    schema ``theirs`` defines it, or it is in ``held``) and every target a label of the
    project's schema ``mine`` of the same kind (entity label, event type, relation type: as
    ``theirs`` defines the source's, else as ``held`` says when it maps each name to its
    kind, ``kinds_of_records``); else a ``LabelMapError`` naming the first that is not."""
    held = dict.fromkeys(held, "") if not isinstance(held, Mapping) else held
    source = _defined(theirs) | set(held)
    ours = _defined(mine)
    out: dict[str, str] = {}
    for theirs_name, our_name in label_map.items():
        _check_pair(theirs_name, our_name, source, ours, where, _LABEL_TEXTS)
        assert isinstance(theirs_name, str) and isinstance(our_name, str)
        their_kind = _kind(theirs, theirs_name) or held.get(theirs_name, "")
        if their_kind and their_kind != _kind(mine, our_name):
            raise LabelMapError(
                Message(
                    "label map: {theirs} of {where} and the project's {ours} are not of one "
                    "kind (entity label, event type or relation type)",
                    theirs=repr(theirs_name),
                    where=where,
                    ours=repr(our_name),
                )
            )
        out[theirs_name] = our_name
    return out


def check_role_map(
    role_map: Mapping[str, str],
    mine: Schema,
    theirs: Schema,
    held: Iterable[str],
    where: str,
    label_map: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """``role_map`` as a plain dict, once every source name is a role ``where`` holds (a role
    of an event type of ``theirs``, or in ``held``) and every target a role of an event type
    of ``mine``, and no event type the merge would add from ``theirs`` (one ``mine`` lacks,
    even written otherwise, and ``label_map`` does not map) is left with two roles of one
    name; else a ``LabelMapError`` naming the first that is not."""
    source = _roles(theirs) | set(held)
    ours = _roles(mine)
    out: dict[str, str] = {}
    for theirs_name, our_name in role_map.items():
        _check_pair(theirs_name, our_name, source, ours, where, _ROLE_TEXTS)
        assert isinstance(theirs_name, str) and isinstance(our_name, str)
        out[theirs_name] = our_name
    have = {name_key(lab.name) for lab in mine.all_labels()}
    for event in theirs.events:
        if event.name in (label_map or {}) or name_key(event.name) in have:
            continue  # not added: its roles are the project's event type's
        named: dict[str, str] = {}
        for role in event.roles:
            new_name = out.get(role.name, role.name)
            other = named.setdefault(new_name, role.name)
            if other != role.name:
                first, second = (other, role.name) if other in out else (role.name, other)
                raise LabelMapError(
                    Message(
                        "role map: the event type {event} of {where} has the roles {theirs} "
                        "and {other}; mapping {theirs} to {ours} would give it {ours} twice",
                        event=repr(event.name),
                        where=where,
                        theirs=repr(first),
                        other=repr(second),
                        ours=repr(new_name),
                    )
                )
    return out


def with_roles_mapped(theirs: Schema, role_map: Mapping[str, str]) -> Schema:
    """The source's schema with its event types' roles named as ``role_map`` says."""
    if not role_map:
        return theirs
    events = tuple(
        dataclasses.replace(
            e,
            roles=tuple(dataclasses.replace(r, name=role_map.get(r.name, r.name)) for r in e.roles),
        )
        for e in theirs.events
    )
    return dataclasses.replace(theirs, events=events)


def without_mapped(theirs: Schema, label_map: Mapping[str, str]) -> Schema:
    """The source's schema without the mapped labels, every reference to one of them (a
    role's types, a relation's arguments, a parent, an overlap rule) read as the project's
    label it is mapped to: what the merge adopts from it. A mapped label takes nothing of
    their schema: their attributes leave the mapped labels out (one defined on mapped labels
    only is dropped), so the project's label keeps its own attributes and a record of theirs
    carrying one it lacks is quarantined, whatever else the merge adds."""
    if not label_map:
        return theirs
    keep = dataclasses.replace(
        theirs,
        entities=tuple(x for x in theirs.entities if x.name not in label_map),
        events=tuple(x for x in theirs.events if x.name not in label_map),
        relations=tuple(x for x in theirs.relations if x.name not in label_map),
    )

    # an attribute of theirs gives a mapped label nothing: ours stays as it is, so one
    # defined only on mapped labels is left out (not one for every label) and the others
    # lose the mapped labels
    keep = dataclasses.replace(
        keep,
        attributes=tuple(
            a for a in keep.attributes if not a.labels or any(n not in label_map for n in a.labels)
        ),
    )

    def names(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(label_map.get(n, n) for n in items))

    def attr_names(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in items if n not in label_map)

    return _map_refs(keep, names, lambda n: label_map.get(n, n), attr_names)


def attributes_taken(mine: Schema, theirs: Schema) -> dict[str, str]:
    """Their attribute name: ours, for each attribute of ``theirs`` that is one of ``mine``
    written otherwise (``name_key``: ``realis`` beside our ``Realis``), as ``adopt_labels``
    takes it (``Adopted.attributes_taken``, the first of ours so)."""
    exact = {a.name for a in mine.attributes}
    by_key: dict[str, str] = {}
    for a in mine.attributes:
        by_key.setdefault(name_key(a.name), a.name)
    out: dict[str, str] = {}
    for a in theirs.attributes:
        if a.name not in exact:
            ours = by_key.get(name_key(a.name))
            if ours is not None:
                out[a.name] = ours
    return out


def renamed_attributes(
    attributes: dict[str, Any], attribute_map: Mapping[str, str]
) -> dict[str, Any] | Message:
    """``attributes`` with each key of ``attribute_map`` (their name of an attribute taken
    as ours) written as ours, so the record is judged against our definition; ``attributes``
    itself when none is. A record carrying two spellings of one name gets the reason it
    cannot be taken instead (neither value is dropped silently)."""
    if not attribute_map or not any(k in attribute_map for k in attributes):
        return attributes
    out: dict[str, Any] = {}
    seen: dict[str, str] = {}  # our name: the key of the record written so
    for k, v in attributes.items():
        ours = attribute_map.get(k, k)
        if ours in seen:
            first = seen[ours]
            return Message(
                "attributes {theirs} and {ours} are one name (they differ only in case, "
                "harakat, tatweel, alef forms or digit forms) and the record carries both",
                theirs=repr(k if first == ours else first),
                ours=repr(ours if first == ours else k),
            )
        seen[ours] = k
        out[ours] = v
    return out


def relabel(
    records: list[BundleRecord],
    label_map: Mapping[str, str],
    counts: dict[str, int],
    role_map: Mapping[str, str] | None = None,
    role_counts: dict[str, int] | None = None,
    attribute_map: Mapping[str, str] | None = None,
    clashes: list[tuple[BundleRecord, Message]] | None = None,
) -> list[BundleRecord]:
    """``records`` with each label or type of ``label_map`` (and each argument's role of
    ``role_map``) replaced by the project's; each relabelled record counted under its
    source name in ``counts`` (``role_counts``). Each attribute key of ``attribute_map``
    (``attributes_taken``) is written as ours (``renamed_attributes``); a record carrying
    both spellings is left out, with the reason, in ``clashes``."""
    role_map = role_map or {}
    attribute_map = attribute_map or {}
    if role_counts is None:
        role_counts = {}
    if not label_map and not role_map and not attribute_map:
        return records
    out: list[BundleRecord] = []
    for br in records:
        rec = br.record
        if attribute_map and isinstance(rec, Span | Event | Relation) and rec.attributes:
            attributes = renamed_attributes(rec.attributes, attribute_map)
            if isinstance(attributes, Message):
                if clashes is not None:
                    clashes.append((br, attributes))
                continue
            if attributes is not rec.attributes:
                rec = dataclasses.replace(rec, attributes=attributes)
                br = br._replace(record=rec)
        if isinstance(rec, Span) and rec.label in label_map:
            counts[rec.label] = counts.get(rec.label, 0) + 1
            br = br._replace(record=dataclasses.replace(rec, label=label_map[rec.label]))
        elif isinstance(rec, Event | Relation) and rec.type in label_map:
            counts[rec.type] = counts.get(rec.type, 0) + 1
            br = br._replace(record=dataclasses.replace(rec, type=label_map[rec.type]))
        elif isinstance(rec, Argument) and rec.role in role_map:
            role_counts[rec.role] = role_counts.get(rec.role, 0) + 1
            br = br._replace(record=dataclasses.replace(rec, role=role_map[rec.role]))
        out.append(br)
    return out


@dataclass(frozen=True)
class LabelOffer:
    """A label the source holds and the project's schema lacks, with what to offer."""

    name: str
    """the source's label"""
    proposed: str = ""
    """the project's label of the same name but for case or folding (``name_key``) and of
    the same kind (entity label, event type, relation type), or ``""``"""
    added: bool = False
    """whether a merge without a mapping for it adds it to the project's schema (else the
    records labelled so are quarantined)"""


def label_kinds(schema: Schema, held: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each label ``schema`` defines with its kind (``entity``, ``event``, ``relation``),
    and each of ``held`` it does not (labels records carry, ``kinds_of_records``): what a
    label map may pair (``check_label_map`` refuses two of another kind)."""
    out = dict(held or {})
    out.update((x.name, "entity") for x in schema.entities)
    out.update((x.name, "event") for x in schema.events)
    out.update((x.name, "relation") for x in schema.relations)
    return out


def _kind(schema: Schema, name: str) -> str:
    if schema.entity(name) is not None:
        return "entity"
    if schema.event(name) is not None:
        return "event"
    return "relation" if schema.relation(name) is not None else ""


def label_offers(
    mine: Schema, theirs: Schema, held: Iterable[str] | Mapping[str, str] = ()
) -> list[LabelOffer]:
    """The labels the source holds (its schema ``theirs`` defines, or in ``held``: what its
    records carry, each with its kind when ``held`` maps it to one, ``kinds_of_records``)
    that the project's schema ``mine`` lacks, sorted, each with the project's label to
    offer in its place (see ``LabelOffer``). Nothing is applied."""
    held_kinds = held if isinstance(held, Mapping) else {}
    ours = _defined(mine)
    wanted = sorted((_defined(theirs) | set(held)) - ours)
    if not wanted:
        return []
    by_key: dict[str, list[str]] = {}
    for n in sorted(ours):
        by_key.setdefault(name_key(n), []).append(n)
    added = set(adopt_labels(mine, theirs).added)
    out = []
    for name in wanted:
        kind = _kind(theirs, name) or held_kinds.get(name, "")
        same = [n for n in by_key.get(name_key(name), []) if not kind or _kind(mine, n) == kind]
        out.append(LabelOffer(name, same[0] if same else "", name in added))
    return out


def propose_label_map(mine: Schema, theirs: Schema, held: Iterable[str] = ()) -> dict[str, str]:
    """The mappings ``label_offers`` proposes (source label: the project's), to be shown to
    the user and confirmed, never applied silently."""
    return {o.name: o.proposed for o in label_offers(mine, theirs, held) if o.proposed}


def event_roles_of_records(records: Iterable[BundleRecord]) -> set[tuple[str, str]]:
    """The (event type, role) pairs the records' arguments fill, each argument's event type
    as the records give it (an argument whose event is not among them is left out)."""
    records = list(records)
    types = {br.record.uuid: br.record.type for br in records if isinstance(br.record, Event)}
    return {
        (types[br.record.event], br.record.role)
        for br in records
        if isinstance(br.record, Argument) and br.record.event in types
    }


def event_roles_of_schema(
    theirs: Schema, held_roles: Iterable[str] | None = None
) -> set[tuple[str, str]]:
    """The (event type, role) pairs ``theirs`` defines; with ``held_roles`` (the roles a
    source's arguments fill, ``roles_of_records``) only those roles."""
    held = None if held_roles is None else set(held_roles)
    return {
        (e.name, r.name) for e in theirs.events for r in e.roles if held is None or r.name in held
    }


@dataclass(frozen=True)
class RoleOffer:
    """A role of the source on an event type the project's schema has (after the label map)
    that our event type lacks: the arguments filling it would be quarantined."""

    event: str
    """the source's event type"""
    role: str
    """the source's role"""
    ours: str
    """the project's event type it is merged as (the same name, or mapped by the label map)"""
    roles: tuple[str, ...]
    """the roles of the project's event type ``ours``: what ``role`` may be mapped to"""
    proposed: str = ""
    """the role of ``roles`` of the same name but for case or folding (``name_key``), or
    ``""``"""


def role_offers(
    mine: Schema,
    pairs: Iterable[tuple[str, str]],
    label_map: Mapping[str, str] | None = None,
) -> list[RoleOffer]:
    """For each (event type, role) of the source (``pairs``: ``event_roles_of_records``,
    ``event_roles_of_schema``) whose event type, read through ``label_map``, is one of the
    project's schema ``mine`` lacking the role, sorted: the role to offer in its place (see
    ``RoleOffer``). An event type the merge adds keeps its own roles and is not listed.
    Nothing is applied."""
    label_map = label_map or {}
    out: list[RoleOffer] = []
    for event, role in sorted(set(pairs)):
        ours = label_map.get(event, event)
        found = mine.event(ours)
        if found is None:
            continue
        roles = tuple(r.name for r in found.roles)
        if role in roles:
            continue
        same = [r for r in roles if name_key(r) == name_key(role)]
        out.append(RoleOffer(event, role, ours, roles, same[0] if same else ""))
    return out
