"""brat's annotation.conf and visual.conf, read into a Schema and written from one.

annotation.conf holds the type system: sections [entities] [relations] [events] [attributes],
hierarchy by indentation, ``!Type`` groups, ``<MACRO>=...`` definitions, event roles with
cardinality, relation options and ``<OVERLAP>`` rules. visual.conf holds what the user sees:
display names ([labels]) and colours ([drawing]). docs/schema-format.md describes the mapping.

brat type names must match ``[A-Za-z0-9_-]+`` (its ``normalize_to_storage_form``), so names like
``Conflict.Attack`` are written as ``Conflict-Attack``. The writers return the mapping
(brat name -> our name) and also record it in ``# annotator-name:`` comments, which brat
ignores and the reader uses, so reading a written file restores our names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.errors import SchemaError
from annotator.formats.common import quoted
from annotator.schema import (
    PLACEHOLDERS,
    AttributeDef,
    EventType,
    Label,
    OverlapRule,
    RelationType,
    Role,
    Schema,
)
from annotator.schema.color import is_color

SECTIONS = ("entities", "relations", "events", "attributes")
VISUAL_SECTIONS = ("labels", "drawing")
_BRAT_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_RESERVED = ("ANY", "ENTITY", "RELATION", "EVENT", "NONE", "REL-TYPE", "OVERLAP", "OVL-TYPE")
_MACRO = re.compile(r"^<([A-Za-z_-]+)>=\s*(.*?)\s*$")
_LABELS_LINE = re.compile(r"^(\s*)([^\t]+)(?:\t(.*))?$")
_LINE = re.compile(r"^(\s*)(\S+)(?:\s+(.*))?$")
_ARG = re.compile(r"^(\S*?):(\S*)$")
_ROLE_KEY = re.compile(r"^(.*?)(\?|\*|\+|\{\d+\}|\{\d+-\d+\})?$")
_NOTE = re.compile(
    r"^#\s*annotator-(name|ar|hotkey|attribute-ar|value-ar|attribute-kind):"
    r"\s*(\S+)\s*->\s*(.*?)\s*$"
)
_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")


@dataclass
class _Node:
    """One parsed type line: its name, parent, ``!`` flag, extra terms and arguments."""

    name: str
    parent: str
    annotatable: bool
    aliases: list[str]
    args: list[tuple[str, list[str]]]
    line: int
    special: dict[str, list[str]] = field(default_factory=dict)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.split("\n"), start=1):
        yield number, raw.rstrip("\r")


def _parse_sections(
    text: str, source: str, sections: tuple[str, ...]
) -> tuple[dict[str, list[_Node]], dict[str, dict[str, str]]]:
    """Nodes per section in file order, plus the ``# annotator-KIND: brat -> value`` notes."""
    nodes: dict[str, list[_Node]] = {s: [] for s in sections}
    notes: dict[str, dict[str, str]] = {
        "name": {}, "ar": {}, "hotkey": {}, "attribute-ar": {}, "value-ar": {},
        "attribute-kind": {},
    }  # fmt: skip
    section = ""
    macros: dict[str, str] = {}
    last_at_depth: dict[int, _Node] = {}
    for number, line in _lines(text):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            note = _NOTE.match(line.strip())
            if note:
                notes[note.group(1)][note.group(2)] = note.group(3)
            continue
        header = re.match(r"^\s*\[(.*)\]\s*$", line)
        if header:
            section = header.group(1)
            if section not in sections:
                raise SchemaError(f"{where}: unknown section [{section}]")
            macros, last_at_depth = {}, {}  # brat keeps macros and nesting per section
            continue
        if not section:
            raise SchemaError(f"{where}: line outside any section: {quoted(line.strip())}")
        if re.match(r"^\s*-+\s*$", line):
            continue  # a display separator in brat's menus; no meaning for the schema
        macro = _MACRO.match(line)
        if macro:
            if macro.group(1) in _RESERVED:
                raise SchemaError(f"{where}: <{macro.group(1)}> is reserved, not a macro")
            macros[f"<{macro.group(1)}>"] = macro.group(2)
            continue
        for key, value in macros.items():
            line = line.replace(key, value)
        nodes[section].append(_parse_line(line, where, number, last_at_depth, section))
    return nodes, notes


def _parse_line(
    line: str, where: str, number: int, last_at_depth: dict[int, _Node], section: str
) -> _Node:
    # visual.conf's [labels] separate terms from arguments by a TAB only, so terms may hold spaces.
    m = (_LABELS_LINE if section == "labels" else _LINE).match(line)
    if m is None:
        raise SchemaError(f"{where}: cannot read line {quoted(line.strip())}")
    indent, terms_text, args_text = m.groups()
    terms = [t.strip() for t in terms_text.split("|") if t.strip()]
    depth = len(indent)
    if depth and depth - 1 not in last_at_depth:
        raise SchemaError(f"{where}: indented {depth} levels but no parent line above it")
    first = terms[0] if terms else ""
    annotatable = not first.startswith("!")
    name = first.lstrip("!")
    if not name:
        raise SchemaError(f"{where}: empty type name")
    node = _Node(
        name=name,
        parent=last_at_depth[depth - 1].name if depth else "",
        annotatable=annotatable,
        aliases=terms[1:],
        args=[],
        line=number,
    )
    for arg in (a.strip() for a in (args_text or "").split(",")):
        if not arg:
            continue
        am = _ARG.match(arg)
        if section in ("labels", "drawing"):
            am = am or re.match(r"^(\S*?):(.*)$", arg)
        if am is None or not am.group(1):
            raise SchemaError(f"{where}: argument {quoted(arg)} is not KEY:TYPE|TYPE")
        key, types_text = am.groups()
        types = types_text.split("|") if section != "drawing" else [types_text]
        if any(not t.strip() for t in types):
            raise SchemaError(f"{where}: empty type in argument {quoted(arg)}")
        if key.startswith("<") and key.endswith(">"):
            if key in node.special:
                raise SchemaError(f"{where}: {key} given twice")
            node.special[key] = types
        else:
            node.args.append((key, types))
    undefined = [
        t for _, ts in node.args for t in ts if t.startswith("<") and t not in PLACEHOLDERS
    ]
    if undefined:
        raise SchemaError(f"{where}: undefined macro or placeholder {undefined[0]}")
    last_at_depth[depth] = node
    for deeper in [d for d in last_at_depth if d > depth]:
        del last_at_depth[deeper]
    return node


def read_annotation_conf(
    text: str, source: str = "annotation.conf", names: Mapping[str, str] | None = None
) -> tuple[Schema, dict[str, str]]:
    """Parse an annotation.conf into a Schema; SchemaError names ``source`` and the line.

    ``names`` (brat name -> our name) overrides the ``# annotator-name:`` notes in the file.
    Returns the schema and the brat -> our name mapping that was applied.
    """
    nodes, notes = _parse_sections(text, source, SECTIONS)
    mapping = {**notes["name"], **(names or {})}

    def ours(n: str) -> str:
        return mapping.get(n, n)

    def types(ts: list[str]) -> tuple[str, ...]:
        # <ANY> and "no restriction" mean the same; keep one form so round trips are exact.
        return () if ts == ["<ANY>"] else tuple(ours(t.strip()) for t in ts)

    aliases: dict[str, list[str]] = {}

    def label_of(n: _Node, i: int) -> dict[str, Any]:
        if n.aliases:
            aliases[ours(n.name)] = n.aliases
        return {
            "name": ours(n.name),
            "en": ours(n.name),
            "color": _PALETTE[i % len(_PALETTE)],
            "parent": ours(n.parent),
            "annotatable": n.annotatable,
        }

    entities = []
    for i, n in enumerate(nodes["entities"]):
        if n.args or n.special:
            raise SchemaError(f"{source}:{n.line}: entity types take no arguments")
        entities.append(Label(**label_of(n, i)))
    events = []
    for i, n in enumerate(nodes["events"]):
        roles: list[Role] = []
        for key, ts in n.args:
            km = _ROLE_KEY.match(key)
            assert km is not None  # the pattern matches every string
            role, card = km.group(1), km.group(2) or ""
            if not role or any(r.name == role for r in roles):
                raise SchemaError(f"{source}:{n.line}: role {quoted(role)} is empty or given twice")
            roles.append(Role(role, types(ts), card))
        if n.special:
            raise SchemaError(f"{source}:{n.line}: {next(iter(n.special))} is not allowed here")
        events.append(EventType(**label_of(n, i), roles=tuple(roles)))
    relations: list[RelationType] = []
    overlaps: list[OverlapRule] = []
    for i, n in enumerate(nodes["relations"]):
        if len(n.args) not in (0, 2) or set(n.special) - {"<REL-TYPE>", "<OVL-TYPE>"}:
            raise SchemaError(f"{source}:{n.line}: a relation takes two arguments (Arg1, Arg2)")
        (r1, t1), (r2, t2) = n.args or [("Arg1", []), ("Arg2", [])]
        if n.name == "<OVERLAP>":
            kinds = tuple(n.special.get("<OVL-TYPE>", ["<ANY>"]))
            overlaps.append(OverlapRule(types(t1), types(t2), kinds))
            continue
        opts = "-".join(n.special.get("<REL-TYPE>", [])).split("-")
        if set(opts) - {"symmetric", "transitive", ""}:
            raise SchemaError(f"{source}:{n.line}: unknown <REL-TYPE> option in {opts}")
        prev = next((r for r in relations if r.name == ours(n.name)), None)
        if prev is None:
            relations.append(
                RelationType(
                    **label_of(n, i),
                    arg1=types(t1),
                    arg2=types(t2),
                    arg1_role=r1,
                    arg2_role=r2,
                    symmetric="symmetric" in opts,
                    transitive="transitive" in opts,
                )
            )
        elif (prev.arg1_role, prev.arg2_role) != (r1, r2):
            raise SchemaError(f"{source}:{n.line}: {n.name} repeated with other argument names")
        else:
            alt = (*prev.alternatives, (types(t1), types(t2)))
            relations[relations.index(prev)] = replace(
                prev,
                alternatives=alt,
                symmetric=prev.symmetric or "symmetric" in opts,
                transitive=prev.transitive or "transitive" in opts,
            )
    schema = Schema(tuple(entities), tuple(events), tuple(relations), overlaps=tuple(overlaps))
    free_text = notes["attribute-kind"]
    attributes = [_attribute(n, source, schema, ours, free_text) for n in nodes["attributes"]]
    schema = replace(schema, attributes=tuple(attributes), meta={"brat_aliases": aliases})
    problems = schema.problems()
    if problems:
        raise SchemaError(f"{source}: {problems[0]}")
    return schema, {b: o for b, o in mapping.items() if b != o and schema_has(schema, o)}


def schema_has(schema: Schema, name: str) -> bool:
    """Whether ``name`` is a label or attribute of ``schema``."""
    return any(x.name == name for x in schema.all_labels()) or schema.attribute(name) is not None


def _attribute(
    n: _Node,
    source: str,
    schema: Schema,
    ours: Callable[[str], str],
    kinds: Mapping[str, str],
) -> AttributeDef:
    if n.parent or not n.annotatable or n.special:
        raise SchemaError(f"{source}:{n.line}: attributes cannot be nested, grouped or special")
    args = dict(n.args)
    if set(args) - {"Arg", "Value"} or len(args) != len(n.args):
        raise SchemaError(f"{source}:{n.line}: an attribute takes Arg: and Value: once each")
    # Placeholders are expanded so that AttributeDef.applies_to works without the schema;
    # the writer folds a full list back into the placeholder.
    groups = {
        "<ENTITY>": [x.name for x in schema.entities],
        "<EVENT>": [x.name for x in schema.events],
        "<RELATION>": [x.name for x in schema.relations],
    }
    arg = args.get("Arg", ["<ANY>"])
    labels: list[str] = []
    for t in [] if "<ANY>" in arg else arg:
        labels += [name for name in groups.get(t, [ours(t)]) if name not in labels]
    values = tuple(args.get("Value", []))
    if kinds.get(n.name) == "text":  # written as an enum of the values the export used
        return AttributeDef(ours(n.name), "text", (), tuple(labels))
    return AttributeDef(ours(n.name), "enum" if values else "bool", values, tuple(labels))


# -- writing ---------------------------------------------------------------------------------
def brat_names(schema: Schema) -> dict[str, str]:
    """Our name -> brat name for every label and attribute: names brat cannot store get '.'
    and ':' turned into '-', anything else outside ``[A-Za-z0-9_-]`` into '_', made unique."""
    names = [x.name for x in schema.all_labels()] + [a.name for a in schema.attributes]
    taken = {n for n in names if _BRAT_NAME.match(n)}
    out: dict[str, str] = {}
    for name in names:
        if name in out:
            continue
        if _BRAT_NAME.match(name):
            out[name] = name
            continue
        base = re.sub(r"[^A-Za-z0-9_-]", "_", re.sub(r"[.:]", "-", name))
        candidate, k = base, 2
        while candidate in taken:
            candidate, k = f"{base}_{k}", k + 1
        taken.add(candidate)
        out[name] = candidate
    return out


def _tree(items: tuple[Label, ...]) -> list[tuple[Label, int]]:
    """Labels in depth-first order with their depth, as brat's indentation needs."""
    children: dict[str, list[Label]] = {}
    for x in items:
        children.setdefault(x.parent, []).append(x)

    def walk(parent: str, depth: int) -> Iterator[tuple[Label, int]]:
        for x in children.get(parent, []):
            yield x, depth
            yield from walk(x.name, depth + 1)

    return list(walk("", 0))


def conf_word(text: str) -> bool:
    """Whether annotation.conf can hold ``text`` as a role name or an attribute value: one
    word without brat's separators (``,|:<>``) nor a cardinality suffix (``?*+{n}``)."""
    suffix = _ROLE_KEY.match(text)
    return bool(text) and not re.search(r"[\s,|:<>]", text) and not (suffix and suffix.group(2))


def _plain(text: str, what: str) -> str:
    if not conf_word(text):
        raise SchemaError(f"{what} {text!r} cannot be written to annotation.conf")
    return text


def write_annotation_conf(
    schema: Schema,
    used: Mapping[str, Collection[str]] | None = None,
    dropped: list[tuple[str, str]] | None = None,
) -> tuple[str, dict[str, str]]:
    """The annotation.conf text for ``schema`` and the brat -> our name mapping (only names that
    differ). Display names, colours and hotkeys belong in visual.conf (write_visual_conf).

    ``used`` holds, per attribute, the values a .ann file of the export writes (brat reads only
    values the conf lists): an enum lists them after its own, a boolean one becomes an enum of
    them, and a free-text attribute, which brat has no form for, is written as an enum of them
    with an ``# annotator-attribute-kind: NAME -> text`` note (the reader makes it free text
    again); without values it is written as a comment. An enum value the conf cannot hold
    (two words, a ``|``) raises SchemaError, unless ``dropped`` is given: then it is left out
    and (attribute, value) appended to ``dropped``; an enum left without values is a comment."""
    problems = schema.problems()
    if problems:
        raise SchemaError(f"schema: {problems[0]}")
    fwd = brat_names(schema)
    aliases: dict[str, list[str]] = schema.meta.get("brat_aliases", {})

    def types(ts: tuple[str, ...]) -> str:
        return "|".join(t if t in PLACEHOLDERS else fwd[t] for t in ts) if ts else "<ANY>"

    def term(x: Label, depth: int) -> str:
        flag = "" if x.annotatable else "!"
        return "\t" * depth + flag + "|".join([fwd[x.name], *aliases.get(x.name, [])])

    lines = ["# brat annotation.conf written by annotator"]
    lines += [f"# annotator-name: {b} -> {o}" for o, b in fwd.items() if b != o]
    lines += ["", "[entities]"] + [term(x, d) for x, d in _tree(schema.entities)]
    lines += ["", "[relations]"]
    for x, d in _tree(schema.relations):
        assert isinstance(x, RelationType)
        opts = "-".join(
            o for o, on in (("symmetric", x.symmetric), ("transitive", x.transitive)) if on
        )
        plain = (
            x.signatures() == [((), ())]
            and not opts
            and (x.arg1_role, x.arg2_role) == ("Arg1", "Arg2")
        )
        for k, (one, two) in enumerate([] if plain else x.signatures()):
            args = [
                f"{_plain(x.arg1_role, 'role')}:{types(one)}",
                f"{_plain(x.arg2_role, 'role')}:{types(two)}",
            ]
            lines.append(
                term(x, d)
                + "\t"
                + ", ".join(args + ([f"<REL-TYPE>:{opts}"] if opts and not k else []))
            )
        if plain:
            lines.append(term(x, d))
    for o in schema.overlaps:
        kinds = "|".join(o.kinds)
        lines.append(f"<OVERLAP>\tArg1:{types(o.arg1)}, Arg2:{types(o.arg2)}, <OVL-TYPE>:{kinds}")
    lines += ["", "[events]"]
    for x, d in _tree(schema.events):
        assert isinstance(x, EventType)
        roles = [f"{_plain(r.name, 'role')}{r.cardinality}:{types(r.types)}" for r in x.roles]
        lines.append(term(x, d) + ("\t" + ", ".join(roles) if roles else ""))
    lines += ["", "[attributes]"]
    for a in schema.attributes:
        met = [v for v in (used or {}).get(a.name, ()) if v not in a.values]
        values = list(a.values) if a.kind == "enum" else []
        if dropped is not None:
            dropped += [(a.name, v) for v in values if not conf_word(v)]
            values = [v for v in values if conf_word(v)]
        values = [_plain(v, "attribute value") for v in values + sorted(met)]
        if a.kind == "text" and not values:
            lines.append(f"# {fwd[a.name]}: a free-text attribute, which brat cannot express")
            continue
        if a.kind == "enum" and not values:
            lines.append(f"# {fwd[a.name]}: an attribute without a value brat can list")
            continue
        if a.kind == "text":
            lines.append(f"# annotator-attribute-kind: {fwd[a.name]} -> text")
        arg = types(a.labels)
        for placeholder, group in (
            ("<ENTITY>", schema.entities),
            ("<EVENT>", schema.events),
            ("<RELATION>", schema.relations),
        ):
            if a.labels and a.labels == tuple(x.name for x in group):
                arg = placeholder
        lines.append(
            f"{fwd[a.name]}\tArg:{arg}" + (f", Value:{'|'.join(values)}" if values else "")
        )
    return "\n".join(lines) + "\n", {b: o for o, b in fwd.items() if b != o}


def write_visual_conf(schema: Schema) -> str:
    """A visual.conf with English display names ([labels]) and colours ([drawing]); Arabic names
    and hotkeys, which brat has no place for, go in ``# annotator-ar/hotkey:`` comments."""
    fwd = brat_names(schema)
    lines = ["# brat visual.conf written by annotator", "", "[labels]"]
    notes: list[str] = []
    drawing = ["", "[drawing]"]
    for x in schema.all_labels():
        b = fwd[x.name]
        # '|' separates terms and a TAB ends them, so neither may appear in a display name.
        shown = " ".join(x.en.replace("|", " ").split())
        if shown:
            lines.append(f"{b} | {shown}")
        notes += [f"# annotator-ar: {b} -> {x.ar}"] if x.ar else []
        notes += [f"# annotator-hotkey: {b} -> {x.hotkey}"] if x.hotkey else []
        key = "color" if isinstance(x, RelationType) else "bgColor"
        drawing.append(f"{b}\t{key}:{x.color}")
    for a in schema.attributes:  # their Arabic names (brat shows attributes as they are named)
        notes += [f"# annotator-attribute-ar: {fwd[a.name]} -> {a.ar}"] if a.ar else []
        notes += [
            f"# annotator-value-ar: {fwd[a.name]}={value} -> {shown}"
            for value, shown in a.values_ar
            if " " not in value
        ]
    return "\n".join(lines + notes + drawing) + "\n"


def read_visual_conf(
    text: str, schema: Schema, source: str = "visual.conf", names: Mapping[str, str] | None = None
) -> Schema:
    """``schema`` with display names, Arabic names, colours and hotkeys from a visual.conf.

    Types are matched through ``names`` (brat -> ours) or the names write_visual_conf would use;
    lines for types not in the schema (SPAN_DEFAULT, role arcs ...) are ignored."""
    nodes, notes = _parse_sections(text, source, VISUAL_SECTIONS)
    rev = {b: o for o, b in brat_names(schema).items()} | dict(names or {})
    en = {rev.get(n.name, n.name): n.aliases[0] for n in nodes["labels"] if n.aliases}
    colours: dict[str, str] = {}
    for n in nodes["drawing"]:
        found = dict(n.args)
        colour = found.get("bgColor", found.get("color", []))
        # brat draws what a browser reads, the schema only what it can draw (schema.color):
        # another colour keeps the schema's own, as brat's own unknown colours draw grey
        if colour and is_color(colour[0]):
            colours[rev.get(n.name, n.name)] = colour[0]
    ar = {rev.get(b, b): v for b, v in notes["ar"].items()}
    keys = {rev.get(b, b): v for b, v in notes["hotkey"].items()}

    def dress(x: Any) -> Any:
        return replace(
            x,
            en=en.get(x.name, x.en),
            ar=ar.get(x.name, x.ar),
            color=colours.get(x.name, x.color),
            hotkey=keys.get(x.name, x.hotkey),
        )

    attribute_ar = {rev.get(b, b): v for b, v in notes["attribute-ar"].items()}
    value_ar: dict[str, list[tuple[str, str]]] = {}
    for key, shown in notes["value-ar"].items():
        b, _, value = key.partition("=")
        value_ar.setdefault(rev.get(b, b), []).append((value, shown))

    def dress_attribute(a: AttributeDef) -> AttributeDef:
        return replace(
            a,
            ar=attribute_ar.get(a.name, a.ar),
            values_ar=tuple(value_ar[a.name]) if a.name in value_ar else a.values_ar,
        )

    out = replace(
        schema,
        entities=tuple(dress(x) for x in schema.entities),
        events=tuple(dress(x) for x in schema.events),
        relations=tuple(dress(x) for x in schema.relations),
        attributes=tuple(dress_attribute(a) for a in schema.attributes),
    )
    problems = out.problems()
    if problems:
        raise SchemaError(f"{source}: {problems[0]}")
    return out
