"""An event type's attributes (Realis, Polarity ...) live on the event record only (QA3 D4),
and attributes and their values have optional Arabic display names in the schema (QA3 D6a).

A trigger span carries none of them (``Schema.attributes_for(label, "span")``): the API refuses
one written there, and ``check`` reports one an older version stored there, through the rule
``rules.misplaced_attribute``; such a project still opens.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from annotator.errors import Message, SchemaError
from annotator.model import freeze
from annotator.project import Project
from annotator.rules import LayerRules, span_problem
from annotator.schema import AttributeDef, Schema, default_schema
from annotator.validation import check_project

TEXT = "اعتقل محمد علي ببغداد."
ME = "amal"
MISPLACED = "attribute {attribute} belongs on the event of {label}, not on its trigger span"


def test_trigger_spans_carry_no_attributes_their_events_do() -> None:
    ace = default_schema()
    event_attributes = ["Realis", "Polarity", "Tense", "Genericity"]
    assert ace.attributes_for("Conflict.Attack", "span") == []
    assert [a.name for a in ace.attributes_for("Conflict.Attack", "event")] == event_attributes
    assert [a.name for a in ace.attributes_for("PER", "span")] == ["MentionType"]
    # an attribute of every label (brat's Arg:<ANY>) goes on the event of a trigger too
    anywhere = dataclasses.replace(ace, attributes=(AttributeDef("Checked"),))
    assert anywhere.attributes_for("Conflict.Attack", "span") == []
    assert [a.name for a in anywhere.attributes_for("Conflict.Attack", "event")] == ["Checked"]
    assert [a.name for a in anywhere.attributes_for("PER", "span")] == ["Checked"]


def _project(path: Path) -> tuple[Project, str, str]:
    p = Project.create(path)
    d = p.add_document(TEXT, name="example")
    trg = p.add_span(d.id, 0, 5, "Justice.Arrest-Jail", annotator=ME)
    ev = p.add_event(trg.uuid)
    return p, trg.uuid, ev.uuid


def test_the_api_puts_event_attributes_on_the_event_only(tmp_path: Path) -> None:
    p, trigger, event = _project(tmp_path / "p.annotator")
    with p:
        p.update_event(event, attributes={"Realis": "Generic"})
        with pytest.raises(SchemaError) as caught:
            p.update_span(trigger, attributes={"Realis": "Actual"})
        message = caught.value.args[0]
        assert isinstance(message, Message) and message.template == MISPLACED
        assert p.span(trigger).attributes == {}
        assert p.event(event).attributes == {"Realis": "Generic"}


def test_check_reports_an_attribute_stored_on_the_trigger(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    p, trigger, event = _project(path)
    with p:
        p.update_event(event, attributes={"Realis": "Generic"})
        old = p.span(trigger)
        # what an older version let through: both records holding Realis, disagreeing
        p._write("update", dataclasses.replace(old, attributes=freeze({"Realis": "Actual"})), old)
    with Project.open(path) as reopened:  # the project still opens
        found = [str(x) for x in check_project(reopened) if "belongs on the event" in str(x)]
        assert len(found) == 1 and "'Realis'" in found[0] and "'Justice.Arrest-Jail'" in found[0]
        span = reopened.span(trigger)
        violation = span_problem(reopened.schema, TEXT, span, "example")
        assert violation is not None and violation.kind == "attribute"
        assert isinstance(violation.message, Message)
        assert violation.message.template == MISPLACED


def test_layer_rules_keep_spans_and_events_apart(tmp_path: Path) -> None:
    """The bulk checker remembers accepted attribute sets per record kind: an event's Realis
    accepted first does not let the same Realis through on a trigger span."""
    p, trigger, event = _project(tmp_path / "p.annotator")
    with p:
        schema = p.schema
        ev = dataclasses.replace(p.event(event), attributes={"Realis": "Actual"})
        span = dataclasses.replace(p.span(trigger), attributes={"Realis": "Actual"})
        judge = LayerRules(schema, TEXT, ME)
        assert judge.event(ev, p.span(trigger)) is None
        found = judge.span(span)
        assert found is not None and found.message.template == MISPLACED  # type: ignore[attr-defined]


def test_attribute_display_names_in_the_schema_file() -> None:
    ace = default_schema()
    mention = ace.attribute("MentionType")
    realis = ace.attribute("Realis")
    assert mention is not None and realis is not None
    assert mention.display("ar") == "نوع الذكر" and mention.display("en") == "MentionType"
    assert [mention.value_display(v, "ar") for v in mention.values] == [
        "اسم علم",
        "اسم عام",
        "ضمير",
    ]
    assert realis.value_display("Actual", "en") == "Actual"
    for attr in ace.attributes:  # every ACE attribute and value has its Arabic name
        assert attr.ar and {v for v, _ in attr.values_ar} == set(attr.values)
    # written back only where there are any, and read back equal (whatever the key order)
    data = ace.to_json()
    assert "ar" in data["attributes"][0] and "values_ar" in data["attributes"][0]
    shuffled = json.loads(json.dumps(data, sort_keys=True))
    assert Schema.from_json(shuffled) == ace
    plain = Schema(attributes=(AttributeDef("Flag"),))
    assert plain.to_json()["attributes"] == [
        {"name": "Flag", "kind": "bool", "values": [], "labels": []}
    ]


def test_an_older_schema_file_reads_and_bad_display_names_are_problems() -> None:
    old = {"attributes": [{"name": "Realis", "kind": "enum", "values": ["Actual"]}]}
    read = Schema.from_json(old)
    assert read.attributes[0].ar == "" and read.attributes[0].values_ar == ()
    assert read.attributes[0].display("ar") == "Realis"
    assert read.attributes[0].value_display("Actual", "ar") == "Actual"
    # a name for a value the attribute no longer has (its values edited) is ignored
    stale = Schema.from_json(
        {"attributes": [{**old["attributes"][0], "values_ar": {"Bogus": "زائف", "Actual": "فعلي"}}]}
    )
    assert stale.problems() == [] and stale.attributes[0].value_display("Actual", "ar") == "فعلي"
    assert stale.to_json()["attributes"][0]["values_ar"] == {"Actual": "فعلي"}
    bad_value = {"attributes": [{**old["attributes"][0], "values_ar": {"Actual": " فعلي"}}]}
    with pytest.raises(SchemaError, match="Arabic name of Actual"):
        Schema.from_json(bad_value)
    bidi = {"attributes": [{**old["attributes"][0], "ar": "واقع\u202e"}]}
    with pytest.raises(SchemaError, match="Arabic name"):
        Schema.from_json(bidi)
    with pytest.raises(SchemaError, match="malformed"):
        Schema.from_json({"attributes": [{**old["attributes"][0], "values_ar": ["فعلي"]}]})
