"""The bundled ACE 2005 schema, schema lookups, editing helpers and the JSON round trip."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import SchemaError
from annotator.rules import name_problem
from annotator.schema import (
    AttributeDef,
    EventType,
    Label,
    OverlapRule,
    RelationType,
    Role,
    Schema,
    default_schema,
    hotkey_strokes,
)
from annotator.schema.edit import remove_label, rename_label, reorder, set_hotkey, with_label
from annotator.schema.model import name_key

ACE = default_schema()
ENTITY7 = ["PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA"]
ARABIC = re.compile(r"[\u0600-\u06FF]")


def test_default_schema_loads_without_problems() -> None:
    assert ACE.problems() == []
    assert [e.name for e in ACE.entities][:7] == ENTITY7
    assert {"TIME", "MONEY", "CRIME", "JOB-TITLE", "SENTENCE"} <= {e.name for e in ACE.entities}


def test_default_schema_has_33_subtypes_under_categories() -> None:
    subtypes = [e for e in ACE.events if e.annotatable]
    assert len(subtypes) == 33
    for et in subtypes:
        category, _, sub = et.name.partition(".")
        assert sub and et.parent == category
        parent = ACE.event(category)
        assert parent is not None and not parent.annotatable
    assert {"Conflict.Attack", "Contact.Meet", "Justice.Arrest-Jail", "Life.Die"} <= {
        e.name for e in subtypes
    }


def test_every_label_is_dressed_and_hotkeys_are_unique() -> None:
    labels = ACE.all_labels()
    for lab in labels:
        assert lab.en and ARABIC.search(lab.ar), lab.name
        assert re.fullmatch(r"#[0-9A-F]{6}", lab.color), lab.name
        assert bool(lab.hotkey) == lab.annotatable, lab.name
    keys = [hotkey_strokes(lab.hotkey) for lab in labels if lab.hotkey]
    assert len(keys) == len(set(keys)) and ACE.hotkey_conflicts() == []
    assert ACE.entity("PER") == Label("PER", "Person", "شخص", "#E69F00", "P")
    assert ACE.entity("GPE") is not None and ACE.entity("GPE").ar == "كيان جغرافي سياسي"  # type: ignore[union-attr]
    attack = ACE.event("Conflict.Attack")
    assert attack is not None and attack.ar == "هجوم" and len(hotkey_strokes(attack.hotkey)) == 2


def test_conflict_attack_roles() -> None:
    attack = ACE.event("Conflict.Attack")
    assert attack is not None
    roles = {r.name: (set(r.types), r.cardinality) for r in attack.roles}
    assert roles == {
        "Attacker": ({"PER", "ORG", "GPE"}, "*"),
        "Target": ({"PER", "ORG", "VEH", "FAC", "WEA"}, "*"),
        "Instrument": ({"WEA", "VEH"}, "*"),
        "Time": ({"TIME"}, "*"),
        "Place": ({"GPE", "LOC", "FAC"}, "?"),
    }


def test_every_role_type_is_a_known_label_and_relations_and_attributes_exist() -> None:
    names = {x.name for x in ACE.all_labels()}
    for et in ACE.events:
        for r in et.roles:
            assert r.types and set(r.types) <= names, (et.name, r.name)
    assert [r.name for r in ACE.relations] == [
        "PHYS", "PART-WHOLE", "PER-SOC", "ORG-AFF", "ART", "GEN-AFF",
    ]  # fmt: skip
    realis = ACE.attribute("Realis")
    assert realis is not None and realis.values == ("Actual", "Generic", "Other")
    assert realis.applies_to("Conflict.Attack") and not realis.applies_to("PER")
    mention = ACE.attribute("MentionType")
    assert mention is not None and mention.values == ("NAM", "NOM", "PRO")
    assert [a.name for a in ACE.attributes_for("PER")] == ["MentionType"]
    assert {a.name for a in ACE.attributes_for("Life.Die")} >= {"Realis", "Polarity", "Tense"}


def test_accepts_and_roles_accepting() -> None:
    assert ACE.accepts("Conflict.Attack", "Attacker", "ORG")
    assert not ACE.accepts("Conflict.Attack", "Attacker", "WEA")
    assert not ACE.accepts("Conflict.Attack", "Nobody", "PER")
    assert not ACE.accepts("No.Such", "Attacker", "PER")
    assert [r.name for r in ACE.roles_accepting("Conflict.Attack", "WEA")] == [
        "Target",
        "Instrument",
    ]
    assert [r.name for r in ACE.roles_accepting("Conflict.Attack", "TIME")] == ["Time"]
    assert ACE.roles_accepting("Conflict.Attack", "CRIME") == []
    # An entity a role does not accept is never offered that role, for every event and label.
    for et in ACE.events:
        for lab in ACE.entities:
            for r in ACE.roles_accepting(et.name, lab.name):
                assert lab.name in r.types
    assert ACE.relation_accepts("PHYS", "PER", "GPE")
    assert not ACE.relation_accepts("PHYS", "GPE", "PER")
    assert ACE.relation_accepts("PER-SOC", "PER", "PER")
    assert [r.name for r in ACE.relations_accepting("PER", "ORG")] == ["ORG-AFF", "GEN-AFF"]


def test_placeholders_and_hierarchy_in_role_types() -> None:
    schema = Schema(
        entities=(Label("Agent", annotatable=False), Label("Person", parent="Agent"), Label("X")),
        events=(EventType("E", roles=(Role("Who", ("Agent",)), Role("Any", ("<EVENT>",)))),),
    )
    assert schema.problems() == []
    assert schema.accepts("E", "Who", "Person") and not schema.accepts("E", "Who", "X")
    assert schema.accepts("E", "Any", "E") and not schema.accepts("E", "Any", "X")


def test_problems_catch_bad_schemas() -> None:
    bad_parent = Schema(entities=(Label("A", parent="Nope"),))
    assert any("parent" in p for p in bad_parent.problems())
    cycle = Schema(entities=(Label("A", parent="B"), Label("B", parent="A")))
    assert any("cycle" in p for p in cycle.problems())
    unknown = Schema(events=(EventType("E", roles=(Role("R", ("Ghost",)),)),))
    assert any("Ghost" in p for p in unknown.problems())
    prefix = Schema(entities=(Label("A", hotkey="E"), Label("B", hotkey="E, A")))
    assert any("prefix" in p for p in prefix.problems())
    same = Schema(entities=(Label("A", hotkey="Alt+Shift+x"), Label("B", hotkey="shift+alt+X")))
    assert any("same hotkey" in p for p in same.problems())
    with pytest.raises(SchemaError, match="refers to unknown labels"):
        Schema.from_json(unknown.to_json(), source="t.json")


def test_hotkey_strokes_normalise() -> None:
    assert hotkey_strokes("Alt+A, b") == ("alt+a", "b")
    assert hotkey_strokes("Shift+Ctrl+K") == hotkey_strokes("ctrl+shift+k")
    assert hotkey_strokes("Ctrl++") == ("ctrl++",)
    assert hotkey_strokes("") == ()


def test_set_hotkey_detects_conflicts() -> None:
    moved = set_hotkey(ACE, "PER", "Q")
    assert moved.entity("PER").hotkey == "Q"  # type: ignore[union-attr]
    assert ACE.entity("PER").hotkey == "P"  # type: ignore[union-attr]  # the original is unchanged
    with pytest.raises(SchemaError, match="ORG"):
        set_hotkey(ACE, "PER", "O")
    with pytest.raises(SchemaError, match="prefix"):
        set_hotkey(ACE, "PER", "C")  # "C, A" is Conflict.Attack's chord
    with pytest.raises(SchemaError, match="no label"):
        set_hotkey(ACE, "Nope", "Q")


def test_rename_label_updates_every_reference() -> None:
    out = rename_label(ACE, "PER", "PERSON")
    assert out.entity("PER") is None and out.entity("PERSON") is not None
    assert out.accepts("Conflict.Attack", "Attacker", "PERSON")
    assert out.relation("PER-SOC").arg1 == ("PERSON",)  # type: ignore[union-attr]
    assert out.attribute("MentionType").applies_to("PERSON")  # type: ignore[union-attr]
    assert out.problems() == []
    cat = rename_label(ACE, "Conflict", "War")
    assert cat.event("Conflict.Attack").parent == "War"  # type: ignore[union-attr]
    with pytest.raises(SchemaError, match="already exists"):
        rename_label(ACE, "PER", "ORG")


def test_remove_label_never_widens_a_role() -> None:
    with pytest.raises(SchemaError, match="only type"):
        remove_label(ACE, "TIME")  # the Time roles would accept anything
    out = remove_label(ACE, "WEA")
    assert out.entity("WEA") is None and out.problems() == []
    assert [r.types for r in out.event("Conflict.Attack").roles if r.name == "Instrument"] == [  # type: ignore[union-attr]
        ("VEH",)
    ]
    lifted = remove_label(ACE, "Life")
    assert lifted.event("Life.Die").parent == ""  # type: ignore[union-attr]
    only = Schema(entities=(Label("A"),), attributes=(AttributeDef("F", labels=("A",)),))
    assert remove_label(only, "A").attributes == ()


def test_with_label_and_reorder() -> None:
    added = with_label(ACE, Label("NORP", "Group", "جماعة", "#999999", "N"))
    assert added.entities[-1].name == "NORP"
    replaced = with_label(added, Label("NORP", "Nationality", "جنسية", "#999999", "N"))
    assert replaced.entity("NORP").en == "Nationality" and len(replaced.entities) == 15  # type: ignore[union-attr]
    with pytest.raises(SchemaError, match="hotkey"):
        with_label(ACE, Label("NORP", hotkey="P"))
    names = [r.name for r in ACE.relations][::-1]
    assert [r.name for r in reorder(ACE, names).relations] == names
    with pytest.raises(SchemaError):
        reorder(ACE, ["PER"])


def test_from_json_rejects_malformed_data() -> None:
    with pytest.raises(SchemaError, match=r"x\.json"):
        Schema.from_json([], source="x.json")
    with pytest.raises(SchemaError, match="newer"):
        Schema.from_json({"version": 2})
    with pytest.raises(SchemaError, match="malformed"):
        Schema.from_json({"entities": [{"en": "no name"}]})


# -- hypothesis round trip -------------------------------------------------------------------
NAME = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefz.-_شخص", min_size=1, max_size=8)
TEXT = (
    st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), max_size=10)
    .map(str.strip)
    .filter(lambda t: not t or name_problem(t, "name") is None)
)
"""a display name: empty, or one the schema accepts (no control or bidi character, no white
space at either end)"""


@st.composite
def schemas(draw: st.DrawFn) -> Schema:
    names = draw(st.lists(NAME, min_size=1, max_size=9, unique_by=name_key))
    cut1, cut2 = sorted(draw(st.lists(st.integers(0, len(names)), min_size=2, max_size=2)))
    ent_names, ev_names, rel_names = names[:cut1], names[cut1:cut2], names[cut2:]
    span_names = ent_names + ev_names
    refs = st.lists(st.sampled_from([*span_names, "<ANY>", "<ENTITY>", "<EVENT>"]), max_size=3)
    keys = iter(f"Ctrl+{i}" for i in range(100))

    def dress(name: str, group: list[str]) -> dict[str, object]:
        earlier = group[: group.index(name)]
        return {
            "name": name,
            "en": draw(TEXT),
            "ar": draw(TEXT),
            "color": draw(st.sampled_from(["#E69F00", "#000000", "red"])),
            "hotkey": next(keys) if draw(st.booleans()) else "",
            "parent": draw(st.sampled_from(["", *earlier])),
            "annotatable": draw(st.booleans()),
        }

    cards = st.sampled_from(["", "?", "*", "+", "{2}", "{1-3}"])
    entities = tuple(Label(**dress(n, ent_names)) for n in ent_names)  # type: ignore[arg-type]
    events = tuple(
        EventType(
            **dress(n, ev_names),  # type: ignore[arg-type]
            roles=tuple(
                Role(r, tuple(draw(refs)), draw(cards))
                for r in draw(st.lists(NAME, max_size=3, unique_by=name_key))
            ),
        )
        for n in ev_names
    )
    relations = tuple(
        RelationType(
            **dress(n, rel_names),  # type: ignore[arg-type]
            arg1=tuple(draw(refs)),
            arg2=tuple(draw(refs)),
            symmetric=draw(st.booleans()),
            transitive=draw(st.booleans()),
            arg1_role=draw(st.sampled_from(["Arg1", "From"])),
            alternatives=tuple(
                (tuple(draw(refs)), tuple(draw(refs))) for _ in range(draw(st.integers(0, 2)))
            ),
        )
        for n in rel_names
    )
    attributes = tuple(
        AttributeDef(
            a,
            kind,
            tuple(draw(st.lists(NAME, min_size=1, max_size=3))) if kind == "enum" else (),
            tuple(draw(st.lists(st.sampled_from(names), max_size=3))),
        )
        for a, kind in zip(
            draw(st.lists(NAME, max_size=3, unique_by=name_key)),
            draw(st.lists(st.sampled_from(["bool", "enum", "text"]), min_size=3, max_size=3)),
            strict=False,
        )
    )
    overlaps = tuple(
        OverlapRule(tuple(draw(refs)), tuple(draw(refs)), ("contain", "equal"))
        for _ in range(draw(st.integers(0, 2)))
    )
    return Schema(entities, events, relations, attributes, draw(TEXT), overlaps=overlaps)


@settings(max_examples=150, deadline=None)
@given(schemas())
def test_json_round_trip(schema: Schema) -> None:
    assert schema.problems() == []
    assert Schema.from_json(schema.to_json()) == schema


def test_default_schema_json_round_trip() -> None:
    assert Schema.from_json(ACE.to_json()) == ACE
    assert replace(ACE, name="other") != ACE


def test_a_schema_of_another_format_says_what_its_format_is() -> None:
    with pytest.raises(SchemaError, match=r"its format is 'nonsense', expected 'annotator-schema'"):
        Schema.from_json({"format": "nonsense", "entities": []}, source="team")
    with pytest.raises(SchemaError, match=r"expected a JSON object"):
        Schema.from_json([], source="team")
