"""An undo or redo wrote back the record versions its step had stored without looking at
what the file held now: a span of a rename that another window (a merge, a hub sync) deleted
meanwhile came back live under the old label, a note set meanwhile was reset, a redo
brought back a span deleted after the undo; each with a fresh clock stamp, so a sync spread
the revived version as the newest and a colleague's deletion or edit was reversed team-wide.

Now every undo and redo first checks that the file still holds, for each record of the step,
the version the step left (``commands.edits.unchanged``, ADR 0002); when not, the whole undo
or redo is refused (``ChangedMeanwhile``, saying how many) and nothing is written. When
nothing changed meanwhile, undo and redo restore exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands import (
    AddRelation,
    AddSpan,
    ChangedMeanwhile,
    Command,
    DeleteSpan,
    UpdateEvent,
    UpdateSpan,
    add_event_with_trigger,
    delete_span_with_links,
    relabel_all,
)
from annotator.commands.review import AcceptIntoGold
from annotator.commands.schema import rename_label_command
from annotator.commands.suggestions import AcceptSuggestions
from annotator.learn.corpus import suggestion
from annotator.model import Record, Span
from annotator.project import RECORD_KINDS, Project
from tests.core.stored import live, problems

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"
ME, SARA = "me", "sara"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def stored(p: Project) -> dict[str, list[Record]]:
    """Every stored version, clock stamps included: what a refused step must leave as is."""
    return {k: sorted(p.versions(k), key=lambda r: r.uuid) for k in RECORD_KINDS}


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Span, Span]:
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        s0 = p.add_span(doc.id, *at("محمد"), "PER", ME)
        s1 = p.add_span(doc.id, *at("باريس"), "PER", ME)
    return path, s0, s1


def refused(p: Project, step: Command, how: str, n: int) -> None:
    """``step``'s undo (or redo) is refused, naming ``n`` records, and writes nothing."""
    p.refresh()
    schema, before = p.schema.to_json(), stored(p)
    with pytest.raises(ChangedMeanwhile) as caught:
        step.undo(p) if how == "undo" else step.do(p)
    assert caught.value.count == n
    assert "meanwhile" in str(caught.value)
    assert stored(p) == before
    assert p.schema.to_json() == schema


def test_undo_of_a_rename_refused_when_one_of_its_spans_was_deleted_meanwhile(
    made: tuple[Path, Span, Span],
) -> None:  # QA case B
    path, s0, _ = made
    with Project.open(path) as p:
        rename = rename_label_command(p, "PER", "PERSON")
        rename.do(p)
        with Project.open(path) as other:
            other.delete_span(s0.uuid)
        refused(p, rename, "undo", 1)
        assert p.find(s0.uuid) is None  # not revived
        assert [s.label for s in p.spans()] == ["PERSON"]


def test_undo_of_a_rename_refused_when_a_note_was_set_meanwhile(
    made: tuple[Path, Span, Span],
) -> None:  # QA case C
    path, s0, _ = made
    with Project.open(path) as p:
        rename = rename_label_command(p, "PER", "PERSON")
        rename.do(p)
        with Project.open(path) as other:
            other.update_span(s0.uuid, note="checked by sara")
        refused(p, rename, "undo", 1)
        assert p.span(s0.uuid).note == "checked by sara"


def test_redo_of_a_rename_refused_when_a_span_was_deleted_after_the_undo(
    made: tuple[Path, Span, Span],
) -> None:  # QA case D
    path, s0, _ = made
    with Project.open(path) as p:
        rename = rename_label_command(p, "PER", "PERSON")
        rename.do(p)
        rename.undo(p)
        with Project.open(path) as other:
            other.delete_span(s0.uuid)
        refused(p, rename, "redo", 1)
        assert p.find(s0.uuid) is None
        assert [s.label for s in p.spans()] == ["PER"]


def test_the_message_counts_every_record_changed_meanwhile(made: tuple[Path, Span, Span]) -> None:
    path, s0, s1 = made
    with Project.open(path) as p:
        step = relabel_all(p, [s0.uuid, s1.uuid], "ORG")
        step.do(p)
        with Project.open(path) as other:
            other.delete_span(s0.uuid)
            other.update_span(s1.uuid, note="sara")
        refused(p, step, "undo", 2)
        with pytest.raises(ChangedMeanwhile, match=r"^2 annotations were changed or deleted"):
            step.undo(p)


def test_undo_of_an_event_edit_refused_when_the_event_changed_meanwhile(
    made: tuple[Path, Span, Span],
) -> None:
    path, _, _ = made
    with Project.open(path) as p:
        meet = add_event_with_trigger(1, *at("الاجتماع"), "Contact.Meet", ME)
        meet.do(p)
        (event,) = p.events(type="Contact.Meet")
        note = UpdateEvent(event.uuid, note="mine")
        note.do(p)
        with Project.open(path) as other:
            other.update_event(event.uuid, note="sara's")
        refused(p, note, "undo", 1)
        assert p.event(event.uuid).note == "sara's"
        # undoing the event's creation (the step before) would delete what sara edited
        refused(p, meet, "undo", 1)


def test_undo_of_a_relation_refused_when_it_was_edited_meanwhile(
    made: tuple[Path, Span, Span],
) -> None:
    path, _, _ = made
    with Project.open(path) as p:
        place = AddSpan(1, *at("باريس"), "GPE", ME)
        place.do(p)
        meeting = AddSpan(1, *at("الاجتماع"), "GPE", ME)
        meeting.do(p)
        rel = AddRelation("PART-WHOLE", place.uuid, meeting.uuid)
        rel.do(p)
        with Project.open(path) as other:
            other.update_relation(rel.uuid, note="sara's")
        refused(p, rel, "undo", 1)
        assert p.relation(rel.uuid).note == "sara's"


def test_undo_of_accepting_suggestions_refused_when_an_accepted_span_was_edited_meanwhile(
    made: tuple[Path, Span, Span],
) -> None:
    path, _, _ = made
    with Project.open(path) as p:
        assert p.add_suggestions([suggestion(1, TEXT, *at("قال"), "PER", 0.9, "gazetteer:g")])
        (pending,) = p.suggestions(1)
        accept = AcceptSuggestions([pending.uuid], ME)
        accept.do(p)
        (span,) = accept.spans
        with Project.open(path) as other:
            other.update_span(span.uuid, note="sara's")
        refused(p, accept, "undo", 1)
        assert p.span(span.uuid).note == "sara's"


def test_undo_of_accepting_into_gold_refused_when_gold_was_edited_meanwhile(
    made: tuple[Path, Span, Span],
) -> None:
    path, s0, _ = made
    with Project.open(path) as p:
        accept = AcceptIntoGold([s0.uuid])
        accept.do(p)
        (copy,) = accept.written
        with Project.open(path) as other:
            other.update_span(copy.uuid, note="checked")
        refused(p, accept, "undo", 1)
        assert p.span(copy.uuid).note == "checked"


def test_a_refused_undo_can_be_tried_again_once_the_record_is_as_the_step_left_it(
    made: tuple[Path, Span, Span],
) -> None:
    path, s0, _ = made
    with Project.open(path) as p:
        note = UpdateSpan(s0.uuid, note="mine")
        note.do(p)
        with Project.open(path) as other:
            other.update_span(s0.uuid, note="sara's")
        refused(p, note, "undo", 1)
        with Project.open(path) as other:
            other.update_span(s0.uuid, note="mine")
        note.undo(p)
        assert p.span(s0.uuid).note == ""


def test_a_record_already_as_the_undo_would_write_it_does_not_refuse(
    made: tuple[Path, Span, Span],
) -> None:
    path, _, _ = made
    with Project.open(path) as p:
        add = AddSpan(1, *at("قال"), "PER", ME)
        add.do(p)
        with Project.open(path) as other:
            other.delete_span(add.uuid)
        add.undo(p)  # (deleted either way)
        assert p.find(add.uuid) is None
        add.do(p)  # redo: the span back
        delete = DeleteSpan(add.uuid)
        delete.do(p)
        delete.undo(p)
        with Project.open(path) as other:
            other.delete_span(add.uuid)
        delete.do(p)  # redo: deleted either way
        assert p.find(add.uuid) is None


def test_nothing_changed_meanwhile_undo_and_redo_restore_exactly(
    made: tuple[Path, Span, Span],
) -> None:
    path, s0, s1 = made
    with Project.open(path) as p:
        start = live(p)
        rename = rename_label_command(p, "PER", "PERSON")
        rename.do(p)
        renamed = live(p)
        with Project.open(path) as other:  # another window writes elsewhere
            other.add_span(1, *at("قال"), "PERSON", SARA)
        rename.undo(p)
        assert {k: v for k, v in live(p).items() if k != "spans"} == {
            k: v for k, v in start.items() if k != "spans"
        }
        assert sorted((s.uuid, s.label) for s in p.spans() if s.annotator == ME) == sorted(
            (s.uuid, "PER") for s in (s0, s1)
        )
        rename.do(p)
        assert [s for s in live(p)["spans"] if s.annotator == ME] == renamed["spans"]
        assert problems(p) == []
        # a macro of several kinds (a span with the event it triggers)
        meet = add_event_with_trigger(1, *at("الاجتماع"), "Contact.Meet", ME)
        meet.do(p)
        with_event = live(p)
        delete = delete_span_with_links(p, meet.uuid)
        delete.do(p)
        delete.undo(p)
        assert live(p) == with_event
        delete.do(p)
        delete.undo(p)
        assert live(p) == with_event
        assert problems(p) == []
