"""Triggers in every export (QA events round 5, after 5b2544a): only the events JSON export
left out an event whose trigger span is not labelled with its type (data written before
``rules.trigger_label_problem``); brat, JSONL, doccano, Label Studio, spaCy JSONL and spaCy's
DocBin still wrote it on its GPE span, and their files re-imported as refused events. Now
``standoff.live_view`` (and the DocBin through ``standoff.mislabelled_events``) leaves it out
everywhere with the same reason, with its arguments and the arguments pointing at it, and
writes its span by its label.

A span labelled with an event type that triggers no event (``rules.eventless_triggers``) is
left out of the events JSON (it would read back as an entity mention) and written by the
stand-off formats as the span it is (brat: a T line of a type under ``[events]`` with no E
line, what brat's own checker calls an incomplete trigger): each re-imports as the same span
with no event (docs/design/formats.md A.4)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.exporting import export
from annotator.formats.registry import read_any
from annotator.formats.standoff import MISLABELLED
from annotator.importing import import_documents
from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس بعد الهجوم."
ME = "amal"
STANDOFF = ["brat", "jsonl", "doccano", "label-studio", "spacy-jsonl", "events"]


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        attack_type = p.schema.event("Conflict.Attack")
        assert attack_type is not None
        cause = Role("Cause", ("<EVENT>",), "*")
        p.set_schema(
            with_label(
                p.schema, dataclasses.replace(attack_type, roles=(*attack_type.roles, cause))
            )
        )
        p.add_document(TEXT, name="d")
        yield p


def _old_meeting(p: Project) -> None:
    """A Contact.Meet event on الاجتماع with Entity and Place, filling the Cause of an attack;
    then its trigger relabelled GPE under it (the API's span update does not look at events:
    data written before the rule)."""
    per = p.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    gpe = p.add_span(1, *at("باريس"), "GPE", ME)
    trigger = p.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)
    meeting = p.add_event(trigger.uuid)
    p.add_argument(meeting.uuid, "Entity", per.uuid)
    p.add_argument(meeting.uuid, "Place", gpe.uuid)
    attack = p.add_event(p.add_span(1, *at("الهجوم"), "Conflict.Attack", ME).uuid)
    p.add_argument(attack.uuid, "Cause", meeting.uuid)
    p.update_span(trigger.uuid, label="GPE")


def _reimport(p: Project, fmt: str, tmp_path: Path) -> tuple[Project, list[str]]:
    out = tmp_path / f"out-{fmt}"
    report = export(p, fmt, out, annotator=ME)
    result = read_any(out, fmt, True, schema=p.schema)  # strict: refuses nothing
    q = Project.create(tmp_path / f"{fmt}.annotator", schema=p.schema)
    imported = import_documents(q, result, annotator=ME)
    assert imported.documents_added == 1, fmt
    assert not [x for x in imported.problems if "skipped" in str(x)], (fmt, imported.problems)
    return q, report.lines()


def _labels(q: Project) -> list[tuple[str, str]]:
    layer = q.layer(1)
    return sorted((TEXT[s.start : s.end], s.label) for s in layer.spans if not s.deleted)


@pytest.mark.parametrize("fmt", STANDOFF)
def test_an_event_on_a_mislabelled_trigger_is_left_out_by_every_export(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    _old_meeting(project)
    q, lines = _reimport(project, fmt, tmp_path)
    shown = "\n".join(lines)
    assert MISLABELLED in shown, (fmt, shown)
    assert "argument of an event not exported" in shown, (fmt, shown)  # Entity, Place
    assert "argument whose filler was not exported" in shown, (fmt, shown)  # Cause
    layer = q.layer(1)
    events = [(TEXT[q.span(e.trigger).start : q.span(e.trigger).end], e.type) for e in layer.events]
    assert events == [("الهجوم", "Conflict.Attack")], fmt
    assert [a for a in layer.arguments if not a.deleted] == [], fmt
    assert ("الاجتماع", "GPE") in _labels(q), fmt  # its span goes by its label
    q.close()


def test_the_docbin_leaves_out_the_same_event(project: Project, tmp_path: Path) -> None:
    from spacy.tokens import DocBin

    from annotator.formats.tokens import blank_arabic

    _old_meeting(project)
    out = tmp_path / "d.spacy"
    report = export(project, "spacy", out, annotator=ME)
    (sdoc,) = DocBin().from_bytes(out.read_bytes()).get_docs(blank_arabic().vocab)
    events = sdoc.user_data["events"]
    assert [(e["type"], list(e["arguments"])) for e in events] == [("Conflict.Attack", [])]
    shown = "\n".join(report.lines())
    assert MISLABELLED in shown, shown
    assert "argument whose filler was not exported" in shown, shown
    assert ("الاجتماع", "GPE") in [(s.text, s.label_) for s in sdoc.spans["sc"]]
    assert [s.text for s in sdoc.spans["triggers"]] == ["الهجوم"]


@pytest.mark.parametrize("fmt", [f for f in STANDOFF if f != "events"])
def test_a_trigger_without_an_event_is_written_and_read_back_as_it_is(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    project.add_span(1, *at("باريس"), "GPE", ME)
    project.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)  # its event not added yet
    q, _lines = _reimport(project, fmt, tmp_path)
    assert _labels(q) == [("الاجتماع", "Contact.Meet"), ("باريس", "GPE")], fmt
    assert list(q.layer(1).events) == [], fmt
    if fmt == "brat":
        ann = (tmp_path / "out-brat" / "d.ann").read_text(encoding="utf-8")
        assert [line.split("\t")[0][0] for line in ann.splitlines()] == ["T", "T"], ann
        kinds = {line.split("\t")[2]: line.split("\t")[1].split()[0] for line in ann.splitlines()}
        conf = (tmp_path / "out-brat" / "annotation.conf").read_text(encoding="utf-8")
        declared = conf.split("[events]")[1].split("\n[")[0]
        events = {line.strip().split("\t")[0] for line in declared.splitlines()}
        assert kinds["الاجتماع"] in events, (ann, declared)  # declared a brat event type
    q.close()


def test_the_events_json_leaves_a_trigger_without_an_event_out(
    project: Project, tmp_path: Path
) -> None:
    project.add_span(1, *at("باريس"), "GPE", ME)
    project.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)
    q, lines = _reimport(project, "events", tmp_path)
    assert _labels(q) == [("باريس", "GPE")]
    assert "trigger without an event (a span labelled with an event type)" in "\n".join(lines)
    q.close()
