"""``Project.record_stamps``: the (clock, deleted) of stored record versions by uuid, without
decoding records, what an undo's or redo's check (``commands.edits.unchanged``) compares
first (a bulk rename's undo at 50,000 spans read and compared every span by content)."""

from __future__ import annotations

from pathlib import Path

from annotator.project import Project

TEXT = "قال محمد إن الهجوم على باريس وقع أمس"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_record_stamps_give_clock_and_deleted_of_each_stored_uuid(tmp_path: Path) -> None:
    with Project.create(tmp_path / "t.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        kept = p.add_span(doc.id, *at("محمد"), "PER", "me")
        gone = p.add_span(doc.id, *at("باريس"), "LOC", "me")
        tomb = p.delete_span(gone.uuid)
        trigger = p.add_span(doc.id, *at("الهجوم"), "Conflict.Attack", "me")
        event = p.add_event(trigger.uuid)
        stamps = p.record_stamps("spans", [kept.uuid, gone.uuid, "no-such-uuid", event.uuid])
        assert stamps == {kept.uuid: (kept.clock, False), gone.uuid: (tomb.clock, True)}
        assert tomb.clock != gone.clock
        assert p.record_stamps("events", [event.uuid, kept.uuid]) == {
            event.uuid: (event.clock, False)
        }
        assert p.record_stamps("relations", []) == {}


def test_record_stamps_read_in_chunks(tmp_path: Path) -> None:
    with Project.create(tmp_path / "t.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        span = p.add_span(doc.id, *at("محمد"), "PER", "me")
        many = [f"missing-{i}" for i in range(12_000)] + [span.uuid]
        assert p.record_stamps("spans", many) == {span.uuid: (span.clock, False)}
