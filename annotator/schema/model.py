"""The label schema: entity labels, event types with roles, relation types and attributes.

A schema is a frozen value. It is stored in the project as JSON (``Schema.to_json``) and
shipped as ``resources/schemas/*.json``; the file format is documented in docs/schema-format.md.
Editing helpers live in annotator.schema.edit; brat's annotation.conf is read and written by
annotator.formats.brat_conf.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.errors import Message, SchemaError
from annotator.schema.color import is_color
from annotator.schema.keys import ARABIC_KEYS, is_arabic_script, physical_hotkey, split_stroke
from annotator.text import fold

CARDINALITY = re.compile(r"^(|\?|\*|\+|\{\d+\}|\{\d+-\d+\})$")
PLACEHOLDERS = ("<ANY>", "<ENTITY>", "<EVENT>", "<RELATION>")
"""brat's type placeholders, allowed wherever a list of label names is expected."""
OVERLAP_KINDS = ("contain", "equal", "cross", "<ANY>")
_MODIFIERS = ("meta", "ctrl", "alt", "shift")


@dataclass(frozen=True)
class AttributeDef:
    """An attribute on annotations of some labels: ``bool``, ``enum`` (values listed) or text."""

    name: str
    kind: str = "bool"
    values: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    """Labels (entity, event or relation types) that carry it; empty means every label."""
    ar: str = ""
    """Arabic display name (empty: the name is shown), plain text like a label's ``ar``"""
    values_ar: tuple[tuple[str, str], ...] = ()
    """(value, Arabic display name) of the enum values that have one"""

    def applies_to(self, label: str) -> bool:
        return not self.labels or label in self.labels

    def display(self, lang: str) -> str:
        """The attribute's name as an interface in ``lang`` shows it (Arabic when it has one)."""
        return self.ar if lang == "ar" and self.ar else self.name

    def value_display(self, value: str, lang: str) -> str:
        """An enum value as an interface in ``lang`` shows it (Arabic when it has one)."""
        if lang == "ar":
            for v, shown in self.values_ar:
                if v == value and shown:
                    return shown
        return value

    def check(self, value: Any) -> str | None:
        """A problem with ``value`` for this attribute, or None when it fits."""
        if self.kind == "bool" and not isinstance(value, bool):
            return Message(
                "attribute {attribute} takes true/false, not {value}",
                attribute=repr(self.name),
                value=repr(value),
            )
        if self.kind == "enum" and value not in self.values:
            return Message(
                "attribute {attribute} takes one of {values}, not {value}",
                attribute=repr(self.name),
                values=", ".join(self.values),
                value=repr(value),
            )
        if self.kind == "text" and not isinstance(value, str):
            return Message(
                "attribute {attribute} takes text, not {value}",
                attribute=repr(self.name),
                value=repr(value),
            )
        return None


@dataclass(frozen=True)
class Role:
    """An event argument role: the labels it accepts and how many fillers it takes.

    ``cardinality`` is ``""`` (exactly one), ``?`` (optional), ``*`` (any), ``+`` (one or more),
    ``{n}`` (exactly n) or ``{n-m}``. ``types`` may hold the placeholders of PLACEHOLDERS.
    """

    name: str
    types: tuple[str, ...] = ()
    cardinality: str = "?"

    def bounds(self) -> tuple[int, int | None]:
        """(minimum, maximum or None for unbounded) number of fillers."""
        c = self.cardinality
        if c == "":
            return 1, 1
        if c == "?":
            return 0, 1
        if c == "*":
            return 0, None
        if c == "+":
            return 1, None
        inner = c[1:-1]
        if "-" in inner:
            lo, hi = inner.split("-")
            return int(lo), int(hi)
        return int(inner), int(inner)


@dataclass(frozen=True)
class Label:
    """An entity label, event type or relation type as the user sees it.

    ``en`` and ``ar`` are its English and Arabic display names, shown as plain text (never as
    markup). Each is either empty or a name ``annotator.rules.name_problem`` accepts (no control
    or bidi characters, no line breaks, no white space at either end). An empty English name
    shows the label's ``name`` instead, an empty Arabic one the English name."""

    name: str
    en: str = ""
    ar: str = ""
    color: str = "#999999"
    hotkey: str = ""
    parent: str = ""
    annotatable: bool = True


@dataclass(frozen=True)
class EventType(Label):
    roles: tuple[Role, ...] = ()

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)


@dataclass(frozen=True)
class RelationType(Label):
    """A binary relation. ``alternatives`` are further allowed (arg1, arg2) type pairs, as
    when brat's annotation.conf defines the same relation on several lines."""

    arg1: tuple[str, ...] = ()
    arg2: tuple[str, ...] = ()
    symmetric: bool = False
    transitive: bool = False
    arg1_role: str = "Arg1"
    arg2_role: str = "Arg2"
    alternatives: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    def signatures(self) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        return [(self.arg1, self.arg2), *self.alternatives]


@dataclass(frozen=True)
class OverlapRule:
    """brat's ``<OVERLAP>``: spans of ``arg1`` may overlap spans of ``arg2`` in these ways."""

    arg1: tuple[str, ...]
    arg2: tuple[str, ...]
    kinds: tuple[str, ...] = ("<ANY>",)


def hotkey_strokes(hotkey: str) -> tuple[str, ...]:
    """A QKeySequence portable string as comparable strokes: ``"Alt+a, B"`` -> ``("alt+a", "b")``.

    Modifiers are put in a fixed order and case is ignored, so equal shortcuts compare equal.
    A key typed with the Arabic layout is its Latin key (``annotator.schema.keys``): ``"ص"``
    is ``("w",)``, as the window reads the press, so it clashes with a ``W`` elsewhere.
    """
    out: list[str] = []
    for stroke in hotkey.split(", "):
        if not stroke.strip():
            continue
        mods, key = split_stroke(stroke)
        key = ARABIC_KEYS.get(key, key)
        found = {m.strip().lower() for m in mods if m.strip()}
        ordered = [m for m in _MODIFIERS if m in found] + sorted(found - set(_MODIFIERS))
        out.append("+".join([*ordered, key.lower()]))
    return tuple(out)


def name_key(name: str) -> str:
    """What two names of one kind (labels of any kind, the roles of an event type, attributes)
    may not share: the name folded as the project folds text for matching
    (``annotator.text.fold``: harakat and tatweel dropped, alef forms and ى unified, digits
    ASCII) and case-folded. ``PER``/``per`` and مدينة/مَدينة/مدينةـ are one name."""
    return fold(name).casefold()


def same_names(names: list[str]) -> list[list[str]]:
    """The groups (two names or more, as written, in order) of ``names`` that are one name by
    ``name_key`` but not written alike."""
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(name_key(n), []).append(n)
    return [g for g in groups.values() if len(set(g)) > 1]


@dataclass(frozen=True)
class Schema:
    """The whole type system of a project."""

    entities: tuple[Label, ...] = ()
    events: tuple[EventType, ...] = ()
    relations: tuple[RelationType, ...] = ()
    attributes: tuple[AttributeDef, ...] = ()
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    overlaps: tuple[OverlapRule, ...] = ()

    # -- lookups -------------------------------------------------------------------------
    def entity(self, name: str) -> Label | None:
        return next((e for e in self.entities if e.name == name), None)

    def event(self, name: str) -> EventType | None:
        return next((e for e in self.events if e.name == name), None)

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    def label(self, name: str) -> Label | None:
        """The entity label or event type called ``name`` (spans carry either)."""
        return self.entity(name) or self.event(name)

    def all_labels(self) -> list[Label]:
        return [*self.entities, *self.events, *self.relations]

    def span_labels(self) -> list[Label]:
        """Labels a span may carry: entity labels, then event types (for triggers)."""
        return [*self.entities, *self.events]

    def attributes_for(self, label: str, record: str = "") -> list[AttributeDef]:
        """The attributes a record labelled ``label`` carries; ``record`` is its kind
        (``"span"``, ``"event"`` or ``"relation"``; ``""``: whatever record has the label).

        A trigger (a span whose label is an event type) carries none: the attributes of an
        event type (Realis, Polarity ...) live on the event record, the event mention of
        ACE, where brat writes them (``A`` lines on the ``E`` annotation) and the JSONL export
        puts them. So they are shown, stored and exported once."""
        if record == "span" and self.event(label) is not None:
            return []
        return [a for a in self.attributes if a.applies_to(label)]

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)

    def fits(self, label: str, types: tuple[str, ...]) -> bool:
        """Whether ``label`` is allowed by a type list (names, ancestors or placeholders)."""
        if not types or "<ANY>" in types or label in types:
            return True
        if "<ENTITY>" in types and self.entity(label) is not None:
            return True
        if "<EVENT>" in types and self.event(label) is not None:
            return True
        return self._descends(label, types)

    def accepts(self, event_type: str, role: str, label: str) -> bool:
        """Whether ``role`` of ``event_type`` may be filled by a span labelled ``label``."""
        et = self.event(event_type)
        r = et.role(role) if et else None
        return r is not None and self.fits(label, r.types)

    def roles_accepting(self, event_type: str, label: str) -> list[Role]:
        et = self.event(event_type)
        if et is None:
            return []
        return [r for r in et.roles if self.accepts(event_type, r.name, label)]

    def relation_accepts(self, relation: str, label1: str, label2: str) -> bool:
        """Whether ``relation`` may link a span labelled ``label1`` to one labelled ``label2``."""
        rt = self.relation(relation)
        if rt is None:
            return False
        pairs = rt.signatures() + ([(rt.arg2, rt.arg1)] if rt.symmetric else [])
        return any(self.fits(label1, a) and self.fits(label2, b) for a, b in pairs)

    def relations_accepting(self, label1: str, label2: str) -> list[RelationType]:
        return [r for r in self.relations if self.relation_accepts(r.name, label1, label2)]

    def _descends(self, label: str, ancestors: tuple[str, ...]) -> bool:
        seen: set[str] = set()
        current = self.label(label)
        while current is not None and current.parent and current.parent not in seen:
            if current.parent in ancestors:
                return True
            seen.add(current.parent)
            current = self.label(current.parent)
        return False

    def hotkeys(self) -> dict[str, str]:
        """Hotkey → label name for every label that has one."""
        out: dict[str, str] = {}
        for lab in self.all_labels():
            if lab.hotkey:
                out[lab.hotkey] = lab.name
        return out

    def hotkey_conflicts(self) -> list[str]:
        """Pairs of labels whose hotkeys are equal or where one is a prefix of the other's chord
        (Qt then cannot tell whether the shorter one is complete)."""
        keyed = [(lab.name, hotkey_strokes(lab.hotkey)) for lab in self.all_labels() if lab.hotkey]
        out: list[str] = []
        for i, (n1, k1) in enumerate(keyed):
            for n2, k2 in keyed[i + 1 :]:
                short, long_ = sorted((k1, k2), key=len)
                if long_[: len(short)] == short:
                    keys = {"one": n1, "two": n2, "keys1": ", ".join(k1), "keys2": ", ".join(k2)}
                    if k1 == k2:
                        out.append(
                            Message(
                                "{one} and {two} have the same hotkey: {keys1} / {keys2}", **keys
                            )
                        )
                    else:
                        out.append(
                            Message(
                                "{one} and {two} have clashing hotkeys (one is a prefix): "
                                "{keys1} / {keys2}",
                                **keys,
                            )
                        )
        return out

    def with_labels_added(self, names: list[str], kind: str = "entity") -> Schema:
        """A copy with plain labels added (used by imports with ``--new-labels add``)."""
        palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
        if kind == "event":
            new_events = tuple(EventType(name=n, en=n, ar=n) for n in names if not self.event(n))
            return replace(self, events=self.events + new_events)
        new = tuple(
            Label(name=n, en=n, ar=n, color=palette[i % len(palette)])
            for i, n in enumerate(names)
            if not self.entity(n)
        )
        return replace(self, entities=self.entities + new)

    # -- validation ----------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Everything wrong with the schema itself (duplicate names, bad cardinalities...)."""
        from annotator.rules import (  # here: reading a schema needs no rules
            label_name_problem,
            name_problem,
        )

        out: list[str] = []
        labels = self.all_labels()
        names = [x.name for x in labels]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            out.append(Message("duplicate label names: {names}", names=", ".join(dup)))
        out += [_alike(group) for group in same_names(names)]
        for n in names:
            v = label_name_problem(n)
            if v is not None:
                out.append(v.message)
        for x in labels:
            # display names are shown in lists and menus as names are: no control or bidi
            # characters, no line breaks; empty is allowed (English then shows the name itself)
            for shown, what in (
                (x.en, Message("{label}: English name", label=x.name)),
                (x.ar, Message("{label}: Arabic name", label=x.name)),
            ):
                v = name_problem(shown, what) if shown else None
                if v is not None:
                    out.append(v.message)
        for x in labels:
            if not is_color(x.color):
                out.append(
                    Message(
                        "{label}: {color} is not a colour (write it as #rrggbb)",
                        label=x.name,
                        color=repr(x.color),
                    )
                )
            # a key typed with the Arabic layout is mapped to its key when read (_label); one
            # left is on no letter or digit key (ج, أ...): it would never fire
            if any(is_arabic_script(split_stroke(s)[1]) for s in hotkey_strokes(x.hotkey)):
                out.append(
                    Message(
                        "{label}: hotkey {hotkey} is no letter or digit key; give the Latin "
                        "letter or digit of the key",
                        label=x.name,
                        hotkey=repr(x.hotkey),
                    )
                )
        out += self.hotkey_conflicts()
        known = set(names) | set(PLACEHOLDERS)
        for group in (self.entities, self.events, self.relations):
            parents = {x.name: x.parent for x in group}
            for x in group:
                seen, p = {x.name}, x.parent
                while p and p in parents and p not in seen:
                    seen.add(p)
                    p = parents[p]
                if p in seen:
                    out.append(Message("{label}: its parents form a cycle", label=x.name))
                elif p:
                    out.append(
                        Message(
                            "{label}: parent {parent} is not a label of the same kind",
                            label=x.name,
                            parent=repr(p),
                        )
                    )
        refs: list[tuple[str, tuple[str, ...]]] = []
        for et in self.events:
            rnames = [r.name for r in et.roles]
            for r in et.roles:
                if not CARDINALITY.match(r.cardinality):
                    out.append(
                        Message(
                            "{event}: role {role} has a bad cardinality {cardinality}",
                            event=et.name,
                            role=r.name,
                            cardinality=repr(r.cardinality),
                        )
                    )
                v = label_name_problem(r.name, Message("{event}: role name", event=et.name))
                if v is not None:
                    out.append(v.message)
                elif rnames.count(r.name) > 1:
                    out.append(
                        Message(
                            "{event}: role name {role} is empty or used twice",
                            event=et.name,
                            role=repr(r.name),
                        )
                    )
                refs.append((Message("{event}: role {role}", event=et.name, role=r.name), r.types))
            out += [
                Message("{source}: {problem}", source=et.name, problem=_alike(group))
                for group in same_names(rnames)
            ]
        for rt in self.relations:
            rel = Message("relation {relation}", relation=rt.name)
            for one, two in rt.signatures():
                refs += [(rel, one), (rel, two)]
        for o in self.overlaps:
            refs += [("<OVERLAP>", o.arg1), ("<OVERLAP>", o.arg2)]
            if not o.kinds or any(k not in OVERLAP_KINDS for k in o.kinds):
                out.append(
                    Message(
                        "<OVERLAP>: kinds must be among {kinds}", kinds=", ".join(OVERLAP_KINDS)
                    )
                )
        anames = [a.name for a in self.attributes]
        out += [_alike(group) for group in same_names(anames)]
        for a in self.attributes:
            if a.kind not in ("bool", "enum", "text"):
                out.append(
                    Message(
                        "attribute {attribute}: unknown kind {kind}",
                        attribute=a.name,
                        kind=repr(a.kind),
                    )
                )
            if a.kind == "enum" and not a.values:
                out.append(Message("attribute {attribute}: an enum needs values", attribute=a.name))
            v = label_name_problem(a.name, Message("attribute name"))
            if v is not None:
                out.append(v.message)
            elif anames.count(a.name) > 1:
                out.append(
                    Message("attribute name {name} is empty or used twice", name=repr(a.name))
                )
            refs.append((Message("attribute {attribute}", attribute=a.name), a.labels))
            # display names as a label's: plain names (empty: the name itself is shown)
            v = (
                name_problem(a.ar, Message("attribute {attribute}: Arabic name", attribute=a.name))
                if a.ar
                else None
            )
            if v is not None:
                out.append(v.message)
            for value, shown in a.values_ar:
                # (a name for a value the attribute no longer has is ignored, as an edit of
                # the values through the schema editor leaves it: never shown nor written)
                if value not in a.values:
                    continue
                v = name_problem(
                    shown,
                    Message(
                        "attribute {attribute}: Arabic name of {value}",
                        attribute=a.name,
                        value=value,
                    ),
                )
                if v is not None:
                    out.append(v.message)
        for where, types in refs:
            unknown = [t for t in types if t not in known]
            if unknown:
                out.append(
                    Message(
                        "{where} refers to unknown labels: {labels}",
                        where=where,
                        labels=", ".join(unknown),
                    )
                )
        return out

    # -- JSON ----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": "annotator-schema",
            "version": 1,
            "name": self.name,
            "entities": [_label_json(e) for e in self.entities],
            "events": [_label_json(e) for e in self.events],
            "relations": [_label_json(r) for r in self.relations],
            "attributes": [_attribute_json(a) for a in self.attributes],
        }
        if self.overlaps:
            out["overlaps"] = [
                {"arg1": list(o.arg1), "arg2": list(o.arg2), "kinds": list(o.kinds)}
                for o in self.overlaps
            ]
        return out

    @classmethod
    def from_json(cls, data: Any, source: str = "schema", check: bool = True) -> Schema:
        """Build and validate a schema; raises SchemaError naming ``source`` on any fault.

        ``check=False`` still refuses a malformed file but accepts one whose content breaks
        the rules of ``problems()`` (a project written by an older version is opened, and
        ``annotator check`` lists the problems, instead of every command failing)."""
        if not isinstance(data, dict):
            raise SchemaError(f"{source}: not an annotator schema (expected a JSON object)")
        if data.get("format", "annotator-schema") != "annotator-schema":
            raise SchemaError(
                f"{source}: not an annotator schema (its format is {data['format']!r:.40}, "
                "expected 'annotator-schema')"
            )
        version = data.get("version", 1)
        if type(version) is not int:
            raise SchemaError(f"{source}: schema version must be a whole number")
        if version > 1:
            raise SchemaError(f"{source}: schema version {data['version']} is newer than this app")
        try:
            schema = cls(
                name=str(data.get("name", "")),
                entities=tuple(_label(Label, d) for d in data.get("entities", [])),
                events=tuple(_event(d) for d in data.get("events", [])),
                relations=tuple(_relation(d) for d in data.get("relations", [])),
                attributes=tuple(
                    AttributeDef(
                        name=str(a["name"]),
                        kind=str(a.get("kind", "bool")),
                        values=_names(a.get("values", [])),
                        labels=_names(a.get("labels", [])),
                        ar=str(a.get("ar", "")),
                        values_ar=_values_ar(a.get("values_ar", {}), _names(a.get("values", []))),
                    )
                    for a in data.get("attributes", [])
                ),
                overlaps=tuple(
                    OverlapRule(_names(o["arg1"]), _names(o["arg2"]), _names(o.get("kinds", [])))
                    for o in data.get("overlaps", [])
                ),
            )
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise SchemaError(f"{source}: malformed schema ({exc!r})") from exc
        problems = schema.problems() if check else []
        if problems:
            raise SchemaError(Message("{source}: {problem}", source=source, problem=problems[0]))
        return schema


def _alike(names: list[str]) -> str:
    return Message(
        "{names} are one name: names may not differ only in case, harakat, tatweel, "
        "alef forms or digit forms",
        names=", ".join(repr(n) for n in dict.fromkeys(names)),
    )


def _label_json(lab: Label) -> dict[str, Any]:
    d: dict[str, Any] = {"name": lab.name, "en": lab.en, "ar": lab.ar, "color": lab.color}
    if lab.hotkey:
        d["hotkey"] = lab.hotkey
    if lab.parent:
        d["parent"] = lab.parent
    if not lab.annotatable:
        d["annotatable"] = False
    if isinstance(lab, EventType):
        d["roles"] = [
            {"name": r.name, "types": list(r.types), "cardinality": r.cardinality}
            for r in lab.roles
        ]
    if isinstance(lab, RelationType):
        d.update(arg1=list(lab.arg1), arg2=list(lab.arg2), symmetric=lab.symmetric)
        # Written only when they differ from the defaults, so ordinary files stay short.
        if lab.transitive:
            d["transitive"] = True
        if (lab.arg1_role, lab.arg2_role) != ("Arg1", "Arg2"):
            d["arg_roles"] = [lab.arg1_role, lab.arg2_role]
        if lab.alternatives:
            d["alternatives"] = [[list(a), list(b)] for a, b in lab.alternatives]
    return d


def _attribute_json(a: AttributeDef) -> dict[str, Any]:
    d: dict[str, Any] = {
        "name": a.name,
        "kind": a.kind,
        "values": list(a.values),
        "labels": list(a.labels),
    }
    # the display names only when there are any: an older reader ignores them
    if a.ar:
        d["ar"] = a.ar
    names = {v: shown for v, shown in a.values_ar if v in a.values}
    if names:
        d["values_ar"] = names
    return d


def _values_ar(items: Any, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The Arabic value names in the order of the values (a file's key order is not kept by
    every writer: a schema read back must equal the one written), others after them."""
    if not isinstance(items, dict):
        raise TypeError(f"values_ar must be an object of value -> Arabic name, not {items!r:.40}")
    place = {v: k for k, v in enumerate(values)}
    pairs = sorted((str(k), str(v)) for k, v in items.items())
    return tuple(sorted(pairs, key=lambda p: place.get(p[0], len(place))))


def _names(items: Any) -> tuple[str, ...]:
    if isinstance(items, str):
        raise TypeError(f"expected a list of names, not the string {items!r}")
    return tuple(str(t) for t in items)


def _label(kind: type[Any], d: dict[str, Any], **extra: Any) -> Any:
    return kind(
        name=str(d["name"]),
        en=str(d.get("en", d["name"])),
        ar=str(d.get("ar", "")),
        color=str(d.get("color", "#999999")),
        # stored as the Latin key: a file (an older project's too) may hold the Arabic letter
        hotkey=physical_hotkey(str(d.get("hotkey", ""))),
        parent=str(d.get("parent", "")),
        annotatable=bool(d.get("annotatable", True)),
        **extra,
    )


def _event(d: dict[str, Any]) -> EventType:
    roles = tuple(
        Role(str(r["name"]), _names(r.get("types", [])), str(r.get("cardinality", "?")))
        for r in d.get("roles", [])
    )
    event: EventType = _label(EventType, d, roles=roles)
    return event


def _relation(d: dict[str, Any]) -> RelationType:
    role1, role2 = d.get("arg_roles", ["Arg1", "Arg2"])
    rel: RelationType = _label(
        RelationType,
        d,
        arg1=_names(d.get("arg1", [])),
        arg2=_names(d.get("arg2", [])),
        symmetric=bool(d.get("symmetric", False)),
        transitive=bool(d.get("transitive", False)),
        arg1_role=str(role1),
        arg2_role=str(role2),
        alternatives=tuple((_names(a), _names(b)) for a, b in d.get("alternatives", [])),
    )
    return rel


def default_schema() -> Schema:
    """The bundled ACE 2005-style schema."""
    from importlib import resources  # here: reading a schema needs none of it

    ref = resources.files("resources").joinpath("schemas/ace2005.json")
    return Schema.from_json(json.loads(ref.read_text(encoding="utf-8")), source="ace2005.json")
