"""The label schema: entity labels, event types with roles, relation types and attributes.

A schema is a frozen value. It is stored in the project as JSON (``Schema.to_json``) and
shipped as ``resources/schemas/*.json``; the file format is documented in docs/schema-format.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.errors import SchemaError

CARDINALITY = re.compile(r"^(|\?|\*|\+|\{\d+\}|\{\d+-\d+\})$")


@dataclass(frozen=True)
class AttributeDef:
    """An attribute on annotations of some labels: ``bool``, ``enum`` (values listed) or ``text``."""

    name: str
    kind: str = "bool"
    values: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    """Labels (entity, event or relation types) that carry it; empty means every label."""

    def applies_to(self, label: str) -> bool:
        return not self.labels or label in self.labels

    def check(self, value: Any) -> str | None:
        """A problem with ``value`` for this attribute, or None when it fits."""
        if self.kind == "bool" and not isinstance(value, bool):
            return f"attribute {self.name!r} takes true/false, not {value!r}"
        if self.kind == "enum" and value not in self.values:
            return f"attribute {self.name!r} takes one of {', '.join(self.values)}, not {value!r}"
        if self.kind == "text" and not isinstance(value, str):
            return f"attribute {self.name!r} takes text, not {value!r}"
        return None


@dataclass(frozen=True)
class Role:
    """An event argument role: the labels it accepts and how many fillers it takes.

    ``cardinality`` is ``""`` (exactly one), ``?`` (optional), ``*`` (any), ``+`` (one or more),
    ``{n}`` (exactly n) or ``{n-m}``.
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
    """An entity label, event type or relation type as the user sees it."""

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
    arg1: tuple[str, ...] = ()
    arg2: tuple[str, ...] = ()
    symmetric: bool = False


@dataclass(frozen=True)
class Schema:
    """The whole type system of a project."""

    entities: tuple[Label, ...] = ()
    events: tuple[EventType, ...] = ()
    relations: tuple[RelationType, ...] = ()
    attributes: tuple[AttributeDef, ...] = ()
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

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

    def span_labels(self) -> list[Label]:
        """Labels a span may carry: entity labels, then event types (for triggers)."""
        return [*self.entities, *self.events]

    def attributes_for(self, label: str) -> list[AttributeDef]:
        return [a for a in self.attributes if a.applies_to(label)]

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)

    def accepts(self, event_type: str, role: str, label: str) -> bool:
        """Whether ``role`` of ``event_type`` may be filled by a span labelled ``label``."""
        et = self.event(event_type)
        r = et.role(role) if et else None
        if r is None:
            return False
        return not r.types or label in r.types or self._descends(label, r.types)

    def roles_accepting(self, event_type: str, label: str) -> list[Role]:
        et = self.event(event_type)
        if et is None:
            return []
        return [r for r in et.roles if self.accepts(event_type, r.name, label)]

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
        for lab in [*self.entities, *self.events, *self.relations]:
            if lab.hotkey:
                out[lab.hotkey] = lab.name
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
        out: list[str] = []
        names = [x.name for x in [*self.entities, *self.events, *self.relations]]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            out.append(f"duplicate label names: {', '.join(dup)}")
        for n in names:
            if not n or any(c.isspace() for c in n):
                out.append(f"label name {n!r} is empty or contains white space")
        keys = [lab.hotkey for lab in [*self.entities, *self.events] if lab.hotkey]
        dupk = sorted({k for k in keys if keys.count(k) > 1})
        if dupk:
            out.append(f"hotkeys used twice: {', '.join(dupk)}")
        for et in self.events:
            for r in et.roles:
                if not CARDINALITY.match(r.cardinality):
                    out.append(f"{et.name}: role {r.name} has a bad cardinality {r.cardinality!r}")
        for a in self.attributes:
            if a.kind not in ("bool", "enum", "text"):
                out.append(f"attribute {a.name}: unknown kind {a.kind!r}")
            if a.kind == "enum" and not a.values:
                out.append(f"attribute {a.name}: an enum needs values")
        return out

    # -- JSON ----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        def label(lab: Label) -> dict[str, Any]:
            d: dict[str, Any] = {"name": lab.name, "en": lab.en, "ar": lab.ar, "color": lab.color}
            if lab.hotkey:
                d["hotkey"] = lab.hotkey
            if lab.parent:
                d["parent"] = lab.parent
            if not lab.annotatable:
                d["annotatable"] = False
            return d

        return {
            "format": "annotator-schema",
            "version": 1,
            "name": self.name,
            "entities": [label(e) for e in self.entities],
            "events": [
                {
                    **label(e),
                    "roles": [
                        {"name": r.name, "types": list(r.types), "cardinality": r.cardinality}
                        for r in e.roles
                    ],
                }
                for e in self.events
            ],
            "relations": [
                {**label(r), "arg1": list(r.arg1), "arg2": list(r.arg2), "symmetric": r.symmetric}
                for r in self.relations
            ],
            "attributes": [
                {"name": a.name, "kind": a.kind, "values": list(a.values), "labels": list(a.labels)}
                for a in self.attributes
            ],
        }

    @classmethod
    def from_json(cls, data: Any, source: str = "schema") -> Schema:
        """Build and validate a schema; raises SchemaError naming ``source`` on any fault."""
        if not isinstance(data, dict) or data.get("format", "annotator-schema") != (
            "annotator-schema"
        ):
            raise SchemaError(f"{source}: not an annotator schema (expected a JSON object)")
        if int(data.get("version", 1)) > 1:
            raise SchemaError(f"{source}: schema version {data['version']} is newer than this app")
        try:
            schema = cls(
                name=str(data.get("name", "")),
                entities=tuple(_label(Label, d) for d in data.get("entities", [])),
                events=tuple(
                    _label(
                        EventType,
                        d,
                        roles=tuple(
                            Role(
                                name=str(r["name"]),
                                types=tuple(str(t) for t in r.get("types", [])),
                                cardinality=str(r.get("cardinality", "?")),
                            )
                            for r in d.get("roles", [])
                        ),
                    )
                    for d in data.get("events", [])
                ),
                relations=tuple(
                    _label(
                        RelationType,
                        d,
                        arg1=tuple(str(t) for t in d.get("arg1", [])),
                        arg2=tuple(str(t) for t in d.get("arg2", [])),
                        symmetric=bool(d.get("symmetric", False)),
                    )
                    for d in data.get("relations", [])
                ),
                attributes=tuple(
                    AttributeDef(
                        name=str(a["name"]),
                        kind=str(a.get("kind", "bool")),
                        values=tuple(str(v) for v in a.get("values", [])),
                        labels=tuple(str(v) for v in a.get("labels", [])),
                    )
                    for a in data.get("attributes", [])
                ),
            )
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise SchemaError(f"{source}: malformed schema ({exc!r})") from exc
        problems = schema.problems()
        if problems:
            raise SchemaError(f"{source}: {problems[0]}")
        return schema

    @classmethod
    def load(cls, path: str | Path) -> Schema:
        """Read a schema JSON file (annotation.conf files go through annotator.brat_conf)."""
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SchemaError(f"{p}: cannot read schema: {exc}") from exc
        return cls.from_json(data, source=str(p))


def _label(kind: type[Any], d: dict[str, Any], **extra: Any) -> Any:
    return kind(
        name=str(d["name"]),
        en=str(d.get("en", d["name"])),
        ar=str(d.get("ar", "")),
        color=str(d.get("color", "#999999")),
        hotkey=str(d.get("hotkey", "")),
        parent=str(d.get("parent", "")),
        annotatable=bool(d.get("annotatable", True)),
        **extra,
    )


def default_schema() -> Schema:
    """The bundled ACE 2005-style schema."""
    ref = resources.files("resources").joinpath("schemas/ace2005.json")
    return Schema.from_json(json.loads(ref.read_text(encoding="utf-8")), source="ace2005.json")
