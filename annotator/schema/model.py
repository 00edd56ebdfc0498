"""The label schema: entity labels, event types with roles, relation types and attributes.

A schema is a frozen value. It is stored in the project as JSON (``Schema.to_json``) and
shipped as ``resources/schemas/*.json``; the file format is documented in docs/schema-format.md.
Editing helpers live in annotator.schema.edit; brat's annotation.conf is read and written by
annotator.formats.brat_conf.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.errors import Message, SchemaError
from annotator.schema.color import is_color
from annotator.schema.keys import ARABIC_KEYS, is_arabic_script, physical_hotkey, split_stroke
from annotator.text import fold

if TYPE_CHECKING:
    from annotator.rules import Violation

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


@functools.lru_cache(maxsize=4096)  # a pure function of a string, to a tuple of strings
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
    if not isinstance(name, str):
        return fold(name).casefold()
    if name.isascii():
        # ``fold`` changes no ASCII character (harakat, tatweel, alef forms and Arabic-Indic
        # digits are all beyond it); a test holds the two ways equal
        return name.casefold()
    return _folded_key(name)


@functools.lru_cache(maxsize=4096)  # a pure function of a string (schemas are checked often)
def _folded_key(name: str) -> str:
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
        return _hotkey_conflicts(
            [(lab.name, hotkey_strokes(lab.hotkey)) for lab in self.all_labels() if lab.hotkey]
        )

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
        """Everything wrong with the schema itself (duplicate names, bad cardinalities...).

        Linear in the size of the schema (a test holds it to the plain pairwise rules on
        random schemas): names are counted and grouped by ``name_key`` once, hotkeys are
        compared through an index of their strokes, parent chains are walked once each, and
        a message is made only for a problem found."""
        from annotator.rules import (  # here: reading a schema needs no rules
            label_name_problem,
            name_problem,
        )

        # ``named``, ``label_named`` and ``refer`` call their ``what`` before they return, so
        # the loop variables its lambda reads are the current ones (hence the B023 noqa)
        def named(shown: str, what: Callable[[], Message], /) -> None:
            """The problem of the display name ``shown``, named ``what()`` (each template a
            literal ``Message`` at its call, where lupdate's list finds it)."""
            if name_problem(shown, _LABEL_NAME) is None:  # the common case: no message made
                return
            v = name_problem(shown, what())
            assert v is not None
            out.append(v.message)

        def label_named(name: str, what: Callable[[], Message], /) -> Violation | None:
            """The problem of the name ``name``, named ``what()``."""
            if label_name_problem(name, _LABEL_NAME) is None:  # as above
                return None
            return label_name_problem(name, what())

        out: list[str] = []
        labels = self.all_labels()
        names = [x.name for x in labels]
        counted = Counter(names)
        dup = sorted(n for n, c in counted.items() if c > 1)
        if dup:
            out.append(Message("duplicate label names: {names}", names=", ".join(dup)))
        out += [_alike(group) for group in same_names(names)]
        for n in names:
            v = label_name_problem(n, _LABEL_NAME)
            if v is not None:
                out.append(v.message)
        for x in labels:
            # display names are shown in lists and menus as names are: no control or bidi
            # characters, no line breaks; empty is allowed (English then shows the name itself)
            if x.en:
                named(x.en, lambda: Message("{label}: English name", label=x.name))  # noqa: B023
            if x.ar:
                named(x.ar, lambda: Message("{label}: Arabic name", label=x.name))  # noqa: B023
        keyed: list[tuple[str, tuple[str, ...]]] = []
        for x in labels:
            if not is_color(x.color):
                out.append(
                    Message(
                        "{label}: {color} is not a colour (write it as #rrggbb)",
                        label=x.name,
                        color=repr(x.color),
                    )
                )
            if not x.hotkey:
                continue
            strokes = hotkey_strokes(x.hotkey)
            keyed.append((x.name, strokes))
            # a key typed with the Arabic layout is mapped to its key when read (_label); one
            # left is on no letter or digit key (ج, أ...): it would never fire
            if any(is_arabic_script(split_stroke(s)[1]) for s in strokes):
                out.append(
                    Message(
                        "{label}: hotkey {hotkey} is no letter or digit key; give the Latin "
                        "letter or digit of the key",
                        label=x.name,
                        hotkey=repr(x.hotkey),
                    )
                )
        out += _hotkey_conflicts(keyed)
        known = set(names) | set(PLACEHOLDERS)
        for group in (self.entities, self.events, self.relations):
            parents = {x.name: x.parent for x in group}
            ends: dict[str, object] = {}  # name -> where its chain of parents ends
            for x in group:
                if parents[x.name] == x.parent:
                    end = _chain_end(x.name, parents, ends)
                else:  # one of two labels of the name (a problem above): walked on its own
                    seen, p = {x.name}, x.parent
                    while p and p in parents and p not in seen:
                        seen.add(p)
                        p = parents[p]
                    end = _CYCLE if p in seen else p
                # (a label named "" with no parent ends where it began: a cycle too)
                if end is _CYCLE or (not end and end == x.name):
                    out.append(Message("{label}: its parents form a cycle", label=x.name))
                elif end:
                    out.append(
                        Message(
                            "{label}: parent {parent} is not a label of the same kind",
                            label=x.name,
                            parent=repr(end),
                        )
                    )
        unknown_refs: list[str] = []  # listed last, in the order the references come

        def refer(types: tuple[str, ...], where: Callable[[], Message | str], /) -> None:
            """Lists the labels of ``types`` the schema lacks, ``where()`` refers to them."""
            unknown = [t for t in types if t not in known]
            if unknown:
                place = where()
                unknown_refs.append(
                    Message(
                        "{where} refers to unknown labels: {labels}",
                        where=place,
                        labels=", ".join(unknown),
                    )
                )

        for et in self.events:
            rnames = [r.name for r in et.roles]
            for r in et.roles:
                if r.cardinality not in _PLAIN_CARDINALITIES and not CARDINALITY.match(
                    r.cardinality
                ):
                    out.append(
                        Message(
                            "{event}: role {role} has a bad cardinality {cardinality}",
                            event=et.name,
                            role=r.name,
                            cardinality=repr(r.cardinality),
                        )
                    )
                v = label_named(r.name, lambda: Message("{event}: role name", event=et.name))  # noqa: B023
                if v is not None:
                    out.append(v.message)
                elif rnames.count(r.name) > 1:  # (an event has a few roles)
                    out.append(
                        Message(
                            "{event}: role name {role} is empty or used twice",
                            event=et.name,
                            role=repr(r.name),
                        )
                    )
                refer(r.types, lambda: Message("{event}: role {role}", event=et.name, role=r.name))  # noqa: B023
            if len(rnames) > 1:
                out += [
                    Message("{source}: {problem}", source=et.name, problem=_alike(group))
                    for group in same_names(rnames)
                ]
        for rt in self.relations:
            for one, two in rt.signatures():
                refer(one, lambda: Message("relation {relation}", relation=rt.name))  # noqa: B023
                refer(two, lambda: Message("relation {relation}", relation=rt.name))  # noqa: B023
        for o in self.overlaps:
            refer(o.arg1, lambda: "<OVERLAP>")
            refer(o.arg2, lambda: "<OVERLAP>")
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
            v = label_named(a.name, lambda: Message("attribute name"))
            if v is not None:
                out.append(v.message)
            elif anames.count(a.name) > 1:
                out.append(
                    Message("attribute name {name} is empty or used twice", name=repr(a.name))
                )
            refer(a.labels, lambda: Message("attribute {attribute}", attribute=a.name))  # noqa: B023
            # display names as a label's: plain names (empty: the name itself is shown)
            if a.ar:
                named(a.ar, lambda: Message("attribute {attribute}: Arabic name", attribute=a.name))  # noqa: B023
            for value, shown in a.values_ar:
                # (a name for a value the attribute no longer has is ignored, as an edit of
                # the values through the schema editor leaves it: never shown nor written)
                if value not in a.values:
                    continue
                named(
                    shown,
                    lambda: Message(
                        "attribute {attribute}: Arabic name of {value}",
                        attribute=a.name,  # noqa: B023
                        value=value,  # noqa: B023
                    ),
                )
        return out + unknown_refs

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


_LABEL_NAME = Message("label name")
_PLAIN_CARDINALITIES = frozenset(("", "?", "*", "+"))
"""cardinalities ``CARDINALITY`` matches, known without the pattern"""


def _hotkey_conflicts(keyed: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """``Schema.hotkey_conflicts`` of the labels' (name, strokes): each pair whose strokes are
    equal or one a prefix of the other's, in the order of the first and then of the second.

    Found through an index of the strokes and of their prefixes rather than by comparing
    every pair: thousands of labels with hotkeys take a moment, not seconds."""
    whole: dict[tuple[str, ...], list[int]] = {}
    longer: dict[tuple[str, ...], list[int]] = {}  # a proper prefix -> the keys extending it
    for i, (_, k) in enumerate(keyed):
        whole.setdefault(k, []).append(i)
        for n in range(len(k)):
            longer.setdefault(k[:n], []).append(i)
    out: list[str] = []
    for i, (n1, k1) in enumerate(keyed):
        # the later keys that equal a prefix of k1 (k1 itself too) or that k1 is a prefix of
        clash = {j for n in range(len(k1) + 1) for j in whole.get(k1[:n], ()) if j > i}
        clash.update(j for j in longer.get(k1, ()) if j > i)
        for j in sorted(clash):
            n2, k2 = keyed[j]
            keys = {"one": n1, "two": n2, "keys1": ", ".join(k1), "keys2": ", ".join(k2)}
            if k1 == k2:
                out.append(
                    Message("{one} and {two} have the same hotkey: {keys1} / {keys2}", **keys)
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


_CYCLE = object()
"""where a chain of parents that runs into a cycle ends (``_chain_end``)"""


def _chain_end(name: str, parents: dict[str, str], ends: dict[str, object]) -> object:
    """Where the chain of parents from the label ``name`` (in ``parents``, its group's label
    -> parent) ends: at the empty parent of a label with none, at the first parent that is
    no label of the group, or ``_CYCLE`` where it runs into a cycle. ``ends`` remembers it
    for every label walked through (each leads to the same end), so that a group is walked
    in linear time, not once from each label (a chain of 2,000 labels: 2,000,000 steps)."""
    path: list[str] = []
    on_path: set[str] = set()
    current = name
    end: object
    while True:
        if current in ends:
            end = ends[current]
            break
        if current in on_path:
            end = _CYCLE
            break
        path.append(current)
        on_path.add(current)
        p = parents[current]
        if not p or p not in parents:
            end = p
            break
        current = p
    for n in path:
        ends[n] = end
    return end


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
    """The bundled ACE 2005-style schema.

    The file is read and checked once a process. Each call returns a schema of its own: a
    schema is a frozen dataclass whose parts are frozen dataclasses, tuples and strings (shared
    safely), but for ``meta``, a dict a caller may fill (brat's aliases): each copy gets a new
    one, so what one caller does to its schema no other sees."""
    return replace(_bundled_schema(), meta={})


@functools.cache
def _bundled_schema() -> Schema:
    from importlib import resources  # here: reading a schema needs none of it

    ref = resources.files("resources").joinpath("schemas/ace2005.json")
    return Schema.from_json(json.loads(ref.read_text(encoding="utf-8")), source="ace2005.json")
