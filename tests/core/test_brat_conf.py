"""brat annotation.conf / visual.conf reading and writing, including lossless round trips."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.errors import SchemaError
from annotator.formats.brat_conf import (
    brat_names,
    read_annotation_conf,
    read_visual_conf,
    write_annotation_conf,
    write_visual_conf,
)
from annotator.schema import OverlapRule, Role, default_schema

# Uses every construct: comments, blank lines, TAB hierarchy, !groups, aliases, macros in
# roles and relation args, all cardinalities, placeholders, repeated relation lines,
# <REL-TYPE>, <OVERLAP>, bool/enum attributes with Arg: restrictions, separators, CRLF.
HAND = """\
# a hand-written configuration
[entities]

!Agent
\tPerson|Human
\tOrganization
GPE
Money
-----
[relations]
<POG>=Person|Organization|GPE
Located\tArg1:<POG>, Arg2:GPE
Located\tArg1:Money, Arg2:Organization
Family\tArg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive
Equiv\tAnaphor:<ENTITY>, Antecedent:<ANY>, <REL-TYPE>:transitive
<OVERLAP>\tArg1:Agent, Arg2:<ENTITY>, <OVL-TYPE>:contain|equal
<OVERLAP>\tArg1:GPE, Arg2:GPE, <OVL-TYPE>:<ANY>

[events]
# macros belong to their section, as in brat
<POG>=Person|Organization|GPE
<GEN>=Time?:Money, Place*:GPE
!Justice
\tArrest\tPerson:Person, Agent+:<POG>, <GEN>
\tTrial\tDefendant{2}:Person, Judge{1-3}:Person|<EVENT>
\t\tRetrial
Meet\tWho*:Agent
[attributes]
Negation\tArg:<EVENT>
Realis\tArg:Arrest|Meet, Value:Actual|Generic|Other
Confidence\tValue:High|Low\r
MentionType\tArg:<ENTITY>, Value:NAM|NOM
"""


def test_hand_written_conf_parses_to_the_right_schema() -> None:
    schema, mapping = read_annotation_conf(HAND)
    assert mapping == {}
    assert [(e.name, e.parent, e.annotatable) for e in schema.entities] == [
        ("Agent", "", False),
        ("Person", "Agent", True),
        ("Organization", "Agent", True),
        ("GPE", "", True),
        ("Money", "", True),
    ]
    assert schema.meta["brat_aliases"] == {"Person": ["Human"]}
    arrest = schema.event("Arrest")
    assert arrest is not None and arrest.parent == "Justice"
    assert arrest.roles == (
        Role("Person", ("Person",), ""),
        Role("Agent", ("Person", "Organization", "GPE"), "+"),
        Role("Time", ("Money",), "?"),
        Role("Place", ("GPE",), "*"),
    )
    trial = schema.event("Trial")
    assert trial is not None and [(r.name, r.cardinality) for r in trial.roles] == [
        ("Defendant", "{2}"),
        ("Judge", "{1-3}"),
    ]
    assert trial.roles[1].types == ("Person", "<EVENT>")
    assert schema.event("Retrial").parent == "Trial"  # type: ignore[union-attr]
    assert not schema.event("Justice").annotatable  # type: ignore[union-attr]
    located = schema.relation("Located")
    assert located is not None
    assert located.signatures() == [
        (("Person", "Organization", "GPE"), ("GPE",)),
        (("Money",), ("Organization",)),
    ]
    family = schema.relation("Family")
    assert family is not None and family.symmetric and family.transitive
    equiv = schema.relation("Equiv")
    assert equiv is not None and not equiv.symmetric and equiv.transitive
    assert (equiv.arg1_role, equiv.arg2_role, equiv.arg1, equiv.arg2) == (
        "Anaphor", "Antecedent", ("<ENTITY>",), (),
    )  # fmt: skip
    assert schema.overlaps == (
        OverlapRule(("Agent",), ("<ENTITY>",), ("contain", "equal")),
        OverlapRule(("GPE",), ("GPE",), ("<ANY>",)),
    )
    attrs = {a.name: a for a in schema.attributes}
    assert attrs["Negation"].kind == "bool"
    assert attrs["Negation"].labels == ("Justice", "Arrest", "Trial", "Retrial", "Meet")
    assert attrs["Realis"].kind == "enum" and attrs["Realis"].labels == ("Arrest", "Meet")
    assert attrs["Realis"].values == ("Actual", "Generic", "Other")
    assert attrs["Confidence"].labels == () and attrs["Confidence"].values == ("High", "Low")
    assert attrs["MentionType"].labels == tuple(e.name for e in schema.entities)


def test_hand_written_conf_behaves() -> None:
    schema, _ = read_annotation_conf(HAND)
    assert schema.accepts("Arrest", "Agent", "Person")
    assert not schema.accepts("Arrest", "Agent", "Money")
    assert schema.accepts("Meet", "Who", "Organization")  # via the Agent group
    assert schema.accepts("Trial", "Judge", "Meet")  # <EVENT>
    assert schema.relation_accepts("Located", "Money", "Organization")
    assert not schema.relation_accepts("Located", "Money", "GPE")
    assert schema.relation_accepts("Equiv", "GPE", "Arrest")


def test_hand_written_conf_round_trips() -> None:
    first, _ = read_annotation_conf(HAND)
    text, mapping = write_annotation_conf(first)
    second, _ = read_annotation_conf(text)
    assert mapping == {}
    assert second == first
    assert second.meta["brat_aliases"] == first.meta["brat_aliases"]
    assert "\tPerson|Human\n" in text and "<REL-TYPE>:symmetric-transitive" in text
    assert "Negation\tArg:<EVENT>\n" in text and "MentionType\tArg:<ENTITY>, Value:NAM|NOM" in text
    # A second write is a fixed point.
    assert write_annotation_conf(second)[0] == text


def test_default_schema_round_trips_through_annotation_and_visual_conf() -> None:
    ace = default_schema()
    conf, mapping = write_annotation_conf(ace)
    assert mapping["Conflict-Attack"] == "Conflict.Attack"
    assert "Conflict.Attack" not in conf.split("[entities]")[1]  # brat never sees a dot
    assert "\tConflict-Attack\tAttacker*:PER|ORG|GPE, Target*:PER|ORG|VEH|FAC|WEA" in conf
    # The mapping travels in the file's comments and through the returned dict alike.
    from_notes, applied = read_annotation_conf(conf)
    stripped = "\n".join(x for x in conf.splitlines() if not x.startswith("# annotator-name"))
    from_dict, _ = read_annotation_conf(stripped, names=mapping)
    assert from_notes == from_dict and applied == mapping
    dressed = read_visual_conf(write_visual_conf(ace), from_notes)
    assert replace(dressed, name=ace.name) == ace


def test_brat_names_are_valid_and_unique() -> None:
    ace = default_schema()
    names = brat_names(ace)
    assert all(n.replace("-", "").replace("_", "").isalnum() for n in names.values())
    assert len(set(names.values())) == len(names)
    clash = ace.with_labels_added(["Conflict-Attack"])  # what Conflict.Attack would become
    named = brat_names(clash)
    assert named["Conflict-Attack"] == "Conflict-Attack"
    assert named["Conflict.Attack"] == "Conflict-Attack_2"
    again, _ = read_annotation_conf(write_annotation_conf(clash)[0])
    assert {e.name for e in again.events} == {e.name for e in clash.events}


def test_visual_conf_of_plain_brat_file() -> None:
    schema, _ = read_annotation_conf(HAND)
    visual = (
        "[labels]\nPerson | Human being | Hum\n[drawing]\nSPAN_DEFAULT\tfgColor:black\n"
        "Person\tbgColor:#ffccaa, fgColor:black\nFamily\tcolor:#0072B2\n"
    )
    out = read_visual_conf(visual, schema)
    assert out.entity("Person").en == "Human being"  # type: ignore[union-attr]
    assert out.entity("Person").color == "#ffccaa"  # type: ignore[union-attr]
    assert out.relation("Family").color == "#0072B2"  # type: ignore[union-attr]
    with pytest.raises(SchemaError, match=r"v.conf:1: unknown section \[colours\]"):
        read_visual_conf("[colours]\n", schema, source="v.conf")


def test_a_colour_the_schema_cannot_draw_keeps_the_schemas_own() -> None:
    """brat draws what a browser reads; a colour the schema refuses (49bfc86: only what Qt
    draws) is left out, the label keeping its colour, and the import goes on (it failed)."""
    schema, _ = read_annotation_conf(HAND)
    own = schema.entity("Person").color  # type: ignore[union-attr]
    visual = "[drawing]\nPerson\tbgColor:rgb(255 0 0 / 50%)\nFamily\tcolor:#0072B2\n"
    out = read_visual_conf(visual, schema)
    assert out.entity("Person").color == own  # type: ignore[union-attr]
    assert out.relation("Family").color == "#0072B2"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[entities]\nA\n[things]\n", 3, "unknown section"),
        ("A\n", 1, "outside any section"),
        ("[entities]\nA\n\t\tB\n", 3, "no parent"),
        ("[events]\nE\tRole\n", 2, "KEY:TYPE"),
        ("[events]\nE\tRole:A|\n", 2, "empty type"),
        ("[events]\nE\tR:<UNDEFINED>\n", 2, "undefined macro"),
        ("[events]\n<ANY>=A\n", 2, "reserved"),
        ("[entities]\nA\n[events]\nE\tR:A, R?:A\n", 4, "given twice"),
        ("[entities]\nA\tArg:B\n", 2, "no arguments"),
        ("[entities]\nA\n[relations]\nR\tArg1:A\n", 4, "two arguments"),
        ("[entities]\nA\n[relations]\nR\tArg1:A, Arg2:A, <REL-TYPE>:odd\n", 4, "REL-TYPE"),
        ("[entities]\nA\n[attributes]\nF\tArg:A, Colour:red\n", 4, "Arg: and Value:"),
        ("[entities]\nA\n[attributes]\nF\n\tG\n", 5, "nested"),
    ],
)
def test_malformed_lines_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(SchemaError, match=rf"my.conf:{line}: .*{message}"):
        read_annotation_conf(text, source="my.conf")


def test_unknown_references_are_refused() -> None:
    with pytest.raises(SchemaError, match=r"my\.conf: .*Ghost"):
        read_annotation_conf("[events]\nE\tR:Ghost\n", source="my.conf")


def test_unwritable_names_are_refused_clearly() -> None:
    schema, _ = read_annotation_conf("[entities]\nA\n[events]\nE\tR:A\n")
    event = schema.event("E")
    assert event is not None
    odd = replace(schema, events=(replace(event, roles=(Role("Who?", ("A",)),)),))
    with pytest.raises(SchemaError, match="role 'Who\\?'"):
        write_annotation_conf(odd)
