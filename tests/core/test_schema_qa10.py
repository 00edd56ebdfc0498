"""QA round 10 on the schema: a hotkey typed with the Arabic layout is its Latin key (stored so,
clashing so); names that read the same (case, harakat, tatweel) are one name; a label's colour
must be a colour; a broken regular expression is a translatable message."""

from __future__ import annotations

import json
from typing import Any

import pytest

from annotator.errors import Message, SchemaError
from annotator.schema import AttributeDef, Label, Schema, default_schema, hotkey_strokes
from annotator.schema.edit import (
    add_label,
    rename_label,
    rename_role,
    set_hotkey,
    with_attributes,
)
from annotator.schema.keys import ARABIC_KEYS, latin_key, physical_hotkey
from annotator.search.matching import Mode, Query, QueryError


def with_city(**city: Any) -> dict[str, Any]:
    data = default_schema().to_json()
    data["entities"].append({"name": "CITY", "en": "City", "color": "#112233", **city})
    return data


# -- hotkeys -------------------------------------------------------------------------------


def test_an_arabic_layout_letter_is_its_latin_key() -> None:
    assert hotkey_strokes("ص") == hotkey_strokes("W") == ("w",)
    assert hotkey_strokes("Ctrl+ض, ١") == ("ctrl+q", "1")
    assert physical_hotkey("Ctrl+ض, ١") == "Ctrl+Q, 1"
    assert physical_hotkey("C, A") == "C, A" and physical_hotkey("Ctrl++") == "Ctrl++"
    assert ARABIC_KEYS["ل"] == "G" and ARABIC_KEYS["ة"] == "M"


def test_setting_an_arabic_letter_clashes_as_its_key_and_is_stored_as_it() -> None:
    schema = add_label(default_schema(), Label(name="CITY"))
    with pytest.raises(SchemaError, match="WEA and CITY have the same hotkey"):
        set_hotkey(schema, "CITY", "ص")  # the key marked W: WEA's
    city = set_hotkey(schema, "CITY", "ض").entity("CITY")
    assert city is not None and city.hotkey == "Q"


def test_a_schema_file_with_an_arabic_letter_hotkey() -> None:
    # the import refuses the clash with WEA, naming the file
    with pytest.raises(SchemaError, match=r"s\.json: WEA and CITY have the same hotkey"):
        Schema.from_json(with_city(hotkey="ص"), source="s.json")
    # without a clash it is read as its key, and written back so
    schema = Schema.from_json(with_city(hotkey="ض"), source="s.json")
    city = schema.entity("CITY")
    assert city is not None and city.hotkey == "Q"
    assert {"name": "CITY", "hotkey": "Q"}.items() <= schema.to_json()["entities"][-1].items()


def test_an_old_project_holding_an_arabic_letter_hotkey_opens_and_check_flags_the_clash() -> None:
    # a project is read leniently (check=False): the letter becomes its key, and the clash
    # it always had in practice (the key fired WEA) is one of the schema's problems
    schema = Schema.from_json(with_city(hotkey="ص"), check=False)
    city = schema.entity("CITY")
    assert city is not None and city.hotkey == "W"
    assert "WEA and CITY have the same hotkey: w / w" in schema.problems()


def test_an_arabic_letter_on_no_letter_key_is_refused() -> None:
    with pytest.raises(SchemaError, match="CITY: hotkey 'ج' is no letter or digit key"):
        Schema.from_json(with_city(hotkey="ج"), source="s.json")
    schema = add_label(default_schema(), Label(name="CITY"))
    with pytest.raises(SchemaError, match="no letter or digit key"):
        set_hotkey(schema, "CITY", "Ctrl+أ")


def test_latin_key_reads_a_press_by_its_place_then_by_its_arabic_letter() -> None:
    sad = ord("ص")
    assert latin_key(sad, 25, 0, "xcb") == "W"  # xkb keycode of W
    assert latin_key(sad, 17, 0, "windows") == "W"
    assert latin_key(sad, 0, 13, "cocoa") == "W"
    assert latin_key(sad, 0, 0, "xcb") == "W"  # no native code: the letter says
    assert latin_key(ord("G"), 0, 0, "xcb") == "G"
    assert latin_key(ord("ج"), 0, 0, "xcb") == ""


# -- names that read the same ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["per", "Per", "PER"])
def test_a_label_name_differing_only_in_case_is_taken(name: str) -> None:
    with pytest.raises(SchemaError, match="'PER' already exists"):
        add_label(default_schema(), Label(name=name))


@pytest.mark.parametrize("name", ["مدينة\u0640", "مَدينة", "مدينةـ"])
def test_an_arabic_name_differing_only_in_harakat_or_tatweel_is_taken(name: str) -> None:
    schema = add_label(default_schema(), Label(name="مدينة"))
    with pytest.raises(SchemaError, match="'مدينة' already exists"):
        add_label(schema, Label(name=name))


def test_an_event_type_may_not_read_as_an_entity_label() -> None:
    from annotator.schema import EventType

    with pytest.raises(SchemaError, match="'PER' already exists"):
        add_label(default_schema(), EventType(name="per"))


def test_renaming_to_a_case_variant_of_itself_is_allowed_to_another_refused() -> None:
    schema = rename_label(default_schema(), "PER", "Per")
    assert schema.entity("Per") is not None and schema.entity("PER") is None
    with pytest.raises(SchemaError, match="cannot rename 'ORG' to 'per': 'Per' already exists"):
        rename_label(schema, "ORG", "per")


def test_role_and_attribute_names_follow_the_same_rule() -> None:
    schema = default_schema()
    with pytest.raises(SchemaError, match="'Victim' already exists"):
        rename_role(schema, "Life.Die", "Agent", "victim")
    assert rename_role(schema, "Life.Die", "Agent", "AGENT").event("Life.Die") is not None
    extra = AttributeDef(name="mentiontype", kind="text")
    with pytest.raises(SchemaError, match="'MentionType' already exists"):
        with_attributes(schema, (*schema.attributes, extra))


def test_a_schema_file_with_names_that_read_the_same_is_refused() -> None:
    data = with_city()
    data["entities"][-1]["name"] = "per"
    with pytest.raises(SchemaError, match=r"s\.json: 'PER', 'per' are one name"):
        Schema.from_json(data, source="s.json")
    data = default_schema().to_json()
    data["events"][5]["roles"].append({"name": "victim", "types": ["PER"]})
    with pytest.raises(SchemaError, match="'Victim', 'victim' are one name"):
        Schema.from_json(data, source="s.json")
    lenient = Schema.from_json(json.loads(json.dumps(data)), check=False)
    assert any("are one name" in p for p in lenient.problems())


# -- colours ---------------------------------------------------------------------------------


@pytest.mark.parametrize("color", ["notacolor", "red; x", "", "#12345", "#GGGGGG", " #abc"])
def test_a_colour_that_is_no_colour_is_refused_naming_file_and_label(color: str) -> None:
    with pytest.raises(SchemaError, match=r"s\.json: CITY: .* is not a colour"):
        Schema.from_json(with_city(color=color), source="s.json")
    lenient = Schema.from_json(with_city(color=color), check=False)  # an old project opens
    assert any("is not a colour" in p for p in lenient.problems())


@pytest.mark.parametrize("color", ["#abc", "#AABBCC", "#e69f00", "#80E69F00", "darkgreen", "Red"])
def test_the_colours_the_app_writes_and_a_user_types_are_accepted(color: str) -> None:
    city = Schema.from_json(with_city(color=color)).entity("CITY")
    assert city is not None and city.color == color


# -- the find bar's regular expression error --------------------------------------------------


def test_a_broken_regular_expression_is_a_message_the_interface_translates() -> None:
    with pytest.raises(QueryError) as caught:
        Query("(", Mode.REGEX).matcher()
    message = caught.value.args[0]
    assert isinstance(message, Message)
    assert message.template == "bad regular expression {pattern}: {problem}"
    assert str(message).startswith("bad regular expression '(': missing )")
