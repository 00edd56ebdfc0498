"""A new label, event type, relation type, role or attribute name may not hold ``,`` or ``|``:
the schema editor's lists (Accepts, Arg1, Arg2, Labels) separate names with them, so such a
name could never be typed into one. Add accepted ``A,B`` and ``X|Y`` and Rename accepted
``G,PE``. A stored schema that already holds one still opens and stays editable."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef, EventType, Label, RelationType, Role, Schema
from annotator.schema.edit import (
    add_label,
    rename_label,
    rename_role,
    set_hotkey,
    with_attributes,
    with_label,
)


def schema() -> Schema:
    return Schema(
        entities=(Label("PER"), Label("GPE")),
        events=(EventType("Meet", roles=(Role("Entity", ("PER",)),)),),
    )


@pytest.mark.parametrize("name", ["A,B", "X|Y", ",", "|A"])
def test_new_label_names_are_refused(name: str) -> None:
    for label in (Label(name), EventType(name), RelationType(name)):
        with pytest.raises(SchemaError, match=re.escape("names may not hold , or |")):
            add_label(schema(), label)
    with pytest.raises(SchemaError) as raised:
        rename_label(schema(), "GPE", name)
    assert f"label name {name!r} contains" in str(raised.value)


def test_new_role_and_attribute_names_are_refused() -> None:
    with pytest.raises(SchemaError, match="role name 'Ent,ity' contains ','"):
        rename_role(schema(), "Meet", "Entity", "Ent,ity")
    meet = schema().event("Meet")
    assert meet is not None
    roles = (*meet.roles, Role("Place|Time", ("GPE",)))
    with pytest.raises(SchemaError, match="role name 'Place\\|Time' contains '\\|'"):
        with_label(schema(), dataclasses.replace(meet, roles=roles))
    attr = AttributeDef("Real,is", "enum", ("A",), ("Meet",))
    with pytest.raises(SchemaError, match="attribute name 'Real,is' contains ','"):
        with_attributes(schema(), (attr,))


def test_a_stored_name_with_a_separator_still_opens_and_edits(tmp_path: Path) -> None:
    old = Schema(
        entities=(Label("A,B"), Label("PER")),
        attributes=(AttributeDef("X|Y", "bool", (), ("A,B",)),),
    )
    data = old.to_json()
    read = Schema.from_json(data, check=False)  # as a project reads its stored schema
    assert read.entity("A,B") is not None
    edited = set_hotkey(read, "A,B", "K")  # its own edits are not refused
    edited = with_label(edited, dataclasses.replace(Label("A,B"), en="AB"))
    edited = with_attributes(edited, (*edited.attributes, AttributeDef("Z", "bool", (), ())))
    assert edited.entity("A,B") is not None
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.set_schema(read)
    with Project.open(path) as p:
        assert p.schema.entity("A,B") is not None
