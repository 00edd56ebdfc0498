"""Merging again with a map, after a merge without one (QA 13, s8_remap).

A colleague's project names our ``PER`` otherwise and labels a span with it. Merged once
without a map, their label is added to our schema as a new one and the span taken in under
it; merged again with the map ``{theirs: "PER"}``, the span must be relabelled ``PER``. The
mapped version keeps the record's clock, so it ties the stored one on (clock, annotator):
the canonical JSON used to break the tie, and the span was relabelled when their name sorted
below ``PER`` (``Human``) and kept when it sorted above (``Person``). Now a mapped version
beats the stored version that is the same but for carrying the unmapped label, whatever the
spelling; a repeat of the mapped merge changes nothing, and any other tie is broken as
before."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotator.exchange import (
    canonical_dump,
    merge_bundle,
    merge_project_file,
    read_bundle,
    write_bundle,
)
from annotator.model import Span
from annotator.project import Project
from annotator.schema.edit import rename_label, rename_role

TEXT = "اعتقل محمد علي ببغداد. وزار الرئيس القاهرة أمس."
SPELLINGS = ["Human", "Person", "آدمي"]  # below PER, above it, above every Latin name


def _ours(tmp_path: Path) -> Path:
    path = tmp_path / "a.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="example")
        p.add_span(doc.id, 6, 14, "PER", annotator="amal")
    return path


def _theirs(tmp_path: Path, label: str) -> tuple[Path, Path]:
    """Their project (PER renamed ``label``, one span of badr so labelled) and its bundle."""
    path = tmp_path / "b.annotator"
    with Project.create(path) as p:
        p.set_schema(rename_label(p.schema, "PER", label))
        doc = p.add_document(TEXT, name="example")
        p.add_span(doc.id, 28, 34, label, annotator="badr")  # الرئيس
        write_bundle(p, "badr", tmp_path / "badr.bundle")
    return path, tmp_path / "badr.bundle"


def _badr(p: Project) -> list[str]:
    return [s.label for s in p.spans(annotator="badr", include_deleted=True)]


@pytest.mark.parametrize("label", SPELLINGS)
def test_merging_again_with_a_map_relabels_whatever_the_spelling(
    tmp_path: Path, label: str
) -> None:
    ours = _ours(tmp_path)
    _, bundle = _theirs(tmp_path, label)
    with Project.open(ours) as p:
        first = merge_bundle(p, read_bundle(bundle), "badr.bundle")
        assert first.labels_added == [label]
        assert _badr(p) == [label]
        report = merge_bundle(p, read_bundle(bundle), "badr.bundle", label_map={label: "PER"})
        assert (report.added, report.updated, report.kept) == (0, 1, 0)
        assert report.relabelled == {label: 1}
        assert _badr(p) == ["PER"]
        # the label the first merge added stays in the schema (a merge removes no label),
        # and the report says nothing carries it now
        assert p.schema.entity(label) is not None
        assert report.unused == [label]
        line = (
            f"badr.bundle: label {label!r} mapped to the project's 'PER': 1 records "
            f"relabelled; no annotation carries {label!r} now (the project's schema still "
            "defines it)"
        )
        assert line in report.lines()
        logged = [c for c in p.changes() if c.action == "merge"]
        assert line in logged[0].after["lines"]  # type: ignore[index]
        assert [c.after for c in logged[1:]] == [{"lines": first.lines()}]


@pytest.mark.parametrize("label", SPELLINGS)
def test_a_repeat_of_the_mapped_merge_changes_nothing(tmp_path: Path, label: str) -> None:
    ours = _ours(tmp_path)
    _, bundle = _theirs(tmp_path, label)
    with Project.open(ours) as p:
        merge_bundle(p, read_bundle(bundle), "b")
        merge_bundle(p, read_bundle(bundle), "b", label_map={label: "PER"})
        before = canonical_dump(p)
        again = merge_bundle(p, read_bundle(bundle), "b", label_map={label: "PER"})
        assert (again.added, again.updated, again.kept) == (0, 0, 1)
        assert again.relabelled == {}
        assert canonical_dump(p) == before


@pytest.mark.parametrize("label", SPELLINGS)
def test_merging_their_project_file_again_with_a_map_relabels_too(
    tmp_path: Path, label: str
) -> None:
    ours = _ours(tmp_path)
    theirs, _ = _theirs(tmp_path, label)
    with Project.open(ours) as p:
        merge_project_file(p, theirs)
        assert _badr(p) == [label]
        report = merge_project_file(p, theirs, label_map={label: "PER"})
        assert (report.updated, report.relabelled) == (1, {label: 1})
        assert _badr(p) == ["PER"]


def test_a_label_still_carried_is_not_said_unused(tmp_path: Path) -> None:
    ours = _ours(tmp_path)
    _, bundle = _theirs(tmp_path, "Person")
    with Project.open(ours) as p:
        merge_bundle(p, read_bundle(bundle), "b")
        doc = p.documents()[0]
        p.add_span(doc.id, 35, 42, "Person", annotator="amal")  # ours, labelled so since
        report = merge_bundle(p, read_bundle(bundle), "b", label_map={"Person": "PER"})
        assert report.unused == []
        assert "b: label 'Person' mapped to the project's 'PER': 1 records relabelled" in (
            report.lines()
        )


@pytest.mark.parametrize("label", SPELLINGS)
def test_a_tied_version_differing_otherwise_is_decided_as_before(
    tmp_path: Path, label: str
) -> None:
    """The rule takes only a stored version that differs by its label alone: a version of
    the same stamp that also differs otherwise (here its start and text, which the
    canonical JSON compares after the label) is decided by the canonical JSON, as if it had
    arrived labelled ``PER`` with no map at all."""
    ours = _ours(tmp_path)
    _, bundle = _theirs(tmp_path, label)
    read = read_bundle(bundle)
    (br,) = read.records
    assert isinstance(br.record, Span)
    other = br._replace(record=dataclasses.replace(br.record, start=30, text=TEXT[30:34]))
    changed = dataclasses.replace(read, records=[other])
    as_ours = br._replace(record=dataclasses.replace(other.record, label="PER"))
    unmapped = dataclasses.replace(read, records=[as_ours])
    outcome = []
    for n, (incoming, label_map) in enumerate(((changed, {label: "PER"}), (unmapped, None))):
        (tmp_path / str(n)).mkdir()
        path = tmp_path / str(n) / "a.annotator"
        path.write_bytes(ours.read_bytes())
        with Project.open(path) as p:
            merge_bundle(p, read, "b")
            merge_bundle(p, incoming, "b", label_map=label_map)
            outcome.append([(s.label, s.start) for s in p.spans(annotator="badr")])
    assert outcome[0] == outcome[1]
    assert outcome[0] == ([("PER", 30)] if label == "Human" else [(label, 28)])


@pytest.mark.parametrize(("event", "role"), [("Arrest", "Detainee"), ("Seize", "Prisoner")])
def test_an_event_type_and_a_role_mapped_again_relabel_the_trigger_event_and_argument(
    tmp_path: Path, event: str, role: str
) -> None:
    """Their Justice.Arrest-Jail named ``event`` with the role Person named ``role`` (one
    pair sorting below ours, one above): merged once without maps (the event type added),
    then again with both maps, the trigger, the event and the argument are ours."""
    ours = _ours(tmp_path)
    with Project.create(tmp_path / "b.annotator") as b:
        schema = rename_role(b.schema, "Justice.Arrest-Jail", "Person", role)
        b.set_schema(rename_label(schema, "Justice.Arrest-Jail", event))
        doc = b.add_document(TEXT, name="example")
        per = b.add_span(doc.id, 28, 34, "PER", annotator="badr")
        trigger = b.add_span(doc.id, 0, 5, event, annotator="badr")
        ev = b.add_event(trigger.uuid)
        b.add_argument(ev.uuid, role, per.uuid)
        write_bundle(b, "badr", tmp_path / "badr.bundle")
    with Project.open(ours) as p:
        merge_bundle(p, read_bundle(tmp_path / "badr.bundle"), "b")
        assert [e.type for e in p.events(annotator="badr")] == [event]
        report = merge_bundle(
            p,
            read_bundle(tmp_path / "badr.bundle"),
            "b",
            label_map={event: "Justice.Arrest-Jail"},
            role_map={role: "Person"},
        )
        assert (report.added, report.updated, report.kept) == (0, 3, 1)
        assert report.relabelled == {event: 2}
        assert report.roles_relabelled == {role: 1}
        assert report.mislabelled == []
        assert sorted(_badr(p)) == ["Justice.Arrest-Jail", "PER"]
        (merged,) = p.events(annotator="badr")
        assert merged.type == "Justice.Arrest-Jail"
        assert [a.role for a in p.arguments(merged.uuid)] == ["Person"]
        assert report.unused == [event]
