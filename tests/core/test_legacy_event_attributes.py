"""Event attributes an older version wrote on the trigger span are lifted, never refused.

Since 204d4b4 Realis, Polarity, Tense and Genericity belong on the event record only (rule
``rules.misplaced_attribute``). Data written before (exports, bundles, hub rows, stored
projects) may hold them on the trigger span; ``rules.lift_event_attributes`` moves them onto
the event (the event's own value wins, reported) wherever such data is read: the importer, the
merge of bundles, project files and hub rows, and an edit of a stored span. A NEW attribute on a
trigger is still refused by the API.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from annotator.errors import Message, SchemaError
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from annotator.model import freeze
from annotator.project import Project
from annotator.rules import lift_event_attributes
from annotator.schema import default_schema
from annotator.validation import check_project

TEXT = "اعتقل محمد علي ببغداد."
ME = "amal"
MISPLACED = "attribute {attribute} belongs on the event of {label}, not on its trigger span"
ARREST = "Justice.Arrest-Jail"


def _legacy_line(event_attributes: dict[str, str]) -> dict[str, object]:
    """One JSONL document as versions before 204d4b4 exported it: Realis on the trigger."""
    return {
        "name": "example",
        "text": TEXT,
        "annotator": ME,
        "spans": [
            {"id": "t1", "start": 0, "end": 5, "label": ARREST, "attributes": {"Realis": "Actual"}},
            {
                "id": "t2",
                "start": 6,
                "end": 10,
                "label": "PER",
                "attributes": {"MentionType": "NAM"},
            },
            {"id": "t3", "start": 15, "end": 21, "label": ARREST, "attributes": {"Tense": "Past"}},
        ],
        "events": [
            {
                "id": "e1",
                "type": ARREST,
                "trigger": "t1",
                "attributes": event_attributes,
                "arguments": [{"role": "Person", "target": "t2"}],
            }
        ],
        "relations": [],
    }


def _import(tmp_path: Path, event_attributes: dict[str, str]) -> tuple[Project, list[str]]:
    src = tmp_path / "old.jsonl"
    src.write_text(json.dumps(_legacy_line(event_attributes), ensure_ascii=False) + "\n")
    p = Project.create(tmp_path / "p.annotator")
    report = import_documents(p, read_jsonl(src))  # strict: nothing refused
    return p, report.lines()


def test_the_shared_function_moves_and_the_event_wins() -> None:
    ace = default_schema()
    lift = lift_event_attributes(
        ace, ARREST, {"Realis": "Actual", "Tense": "Past", "ref:Wiki": "x"}, ARREST,
        {"Realis": "Generic"},
    )  # fmt: skip
    assert lift.span == {"ref:Wiki": "x"}
    assert lift.event == {"Realis": "Generic", "Tense": "Past"}
    assert set(lift.moved) == {"Realis", "Tense"}
    assert lift.conflicts == (("Realis", "Actual", "Generic"),)
    # an entity span keeps its own attributes
    assert lift_event_attributes(ace, "PER", {"MentionType": "NAM"}, ARREST, {}).span == {
        "MentionType": "NAM"
    }


def test_an_older_export_imports_with_the_attribute_on_its_event(tmp_path: Path) -> None:
    p, lines = _import(tmp_path, {})
    with p:
        (trigger,) = [s for s in p.spans() if s.start == 0]
        (event,) = p.events()
        assert trigger.attributes == {} and event.attributes == {"Realis": "Actual"}
        assert [s.attributes for s in p.spans() if s.label == "PER"] == [{"MentionType": "NAM"}]
        assert "moved 1 event attributes from trigger spans to their events" in lines
        # a trigger with no event keeps what the file gave it: reported, never refused
        (lone,) = [s for s in p.spans() if s.start == 15]
        assert lone.attributes == {"Tense": "Past"}
        assert any(
            x.startswith("changed:") and "Tense kept on the trigger span" in x for x in lines
        )
        found = [str(x) for x in check_project(p) if "belongs on the event" in str(x)]
        assert len(found) == 1 and "'Tense'" in found[0]


def test_when_both_hold_one_the_event_wins_and_it_is_reported(tmp_path: Path) -> None:
    p, lines = _import(tmp_path, {"Realis": "Generic"})
    with p:
        (event,) = p.events()
        assert event.attributes == {"Realis": "Generic"}
        assert [s.attributes for s in p.spans() if s.start == 0] == [{}]
        changed = [x for x in lines if x.startswith("changed:") and "Realis" in x]
        assert len(changed) == 1 and "'Generic' kept" in changed[0] and "'Actual'" in changed[0]


def test_the_api_still_refuses_a_new_attribute_on_a_trigger(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        d = p.add_document(TEXT, name="example")
        with pytest.raises(SchemaError) as caught:
            p.add_span(d.id, 0, 5, ARREST, attributes={"Realis": "Actual"}, annotator=ME)
        message = caught.value.args[0]
        assert isinstance(message, Message) and message.template == MISPLACED


def _stored_legacy(path: Path, event_realis: str | None) -> tuple[str, str]:
    """A project an older version wrote: Realis stored on the trigger span."""
    with Project.create(path) as p:
        d = p.add_document(TEXT, name="example")
        trg = p.add_span(d.id, 0, 5, ARREST, annotator=ME)
        ev = p.add_event(trg.uuid)
        if event_realis:
            p.update_event(ev.uuid, attributes={"Realis": event_realis})
        old = p.span(trg.uuid)
        p._write("update", dataclasses.replace(old, attributes=freeze({"Realis": "Actual"})), old)
        return trg.uuid, ev.uuid


def test_a_stored_trigger_stays_editable_and_the_edit_lifts(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    trigger, event = _stored_legacy(path, None)
    with Project.open(path) as p:
        updated = p.update_span(trigger, note="checked")  # not refused for what it had
        assert updated.note == "checked" and updated.attributes == {}
        assert p.span(trigger).attributes == {} and p.event(event).attributes == {
            "Realis": "Actual"
        }
        changes = p.changes()
        assert any(c.kind == "events" and c.uuid == event and c.action == "update" for c in changes)
        assert not [x for x in check_project(p) if "belongs on the event" in str(x)]
        # still strict for a new one
        with pytest.raises(SchemaError):
            p.update_span(trigger, attributes={"Polarity": "Negative"})


def test_a_stored_trigger_whose_event_disagrees_keeps_the_events_value(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    trigger, event = _stored_legacy(path, "Generic")
    with Project.open(path) as p:
        p.update_span(trigger, note="n")
        assert p.span(trigger).attributes == {} and p.event(event).attributes == {
            "Realis": "Generic"
        }


def test_a_bundle_of_an_older_version_merges_lifted(tmp_path: Path) -> None:
    old = tmp_path / "old.annotator"
    trigger, event = _stored_legacy(old, None)
    bundle = tmp_path / "amal.bundle"
    with Project.open(old) as p:
        write_bundle(p, ME, bundle)
    with Project.create(tmp_path / "mine.annotator") as mine:
        report = merge_bundle(mine, read_bundle(bundle), "amal.bundle")
        assert not report.quarantined
        assert "moved 1 event attributes from trigger spans to their events" in report.lines()
        assert mine.span(trigger).attributes == {}
        assert mine.event(event).attributes == {"Realis": "Actual"}
        # the repair is a logged version: a later merge or the hub carries it
        assert any(c.uuid == trigger and c.action == "update" for c in mine.changes())
        assert not [x for x in check_project(mine) if "belongs on the event" in str(x)]
