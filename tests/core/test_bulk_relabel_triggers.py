"""The entity list's "relabel all" of mentions that trigger events (``relabel_spans`` with
``remove_events``, as ``relabel`` takes it since the trigger rules): every mention's events go
with their arguments in one undoable step, also when one mention's event fills a role of
another mention's event in the same group, or each fills a role of the other. That argument
was deleted twice (the event holding it took it along, and the relabel of the mention whose
event it points at deleted it again), which refused the whole step."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.bulk import relabel_spans
from annotator.errors import AnnotatorError
from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label

TEXT = "بدأ الاجتماع في باريس ثم تلاه الاجتماع في لندن."
ME = "amal"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        meet = p.schema.event("Contact.Meet")
        assert meet is not None
        cause = Role("Cause", ("<EVENT>",), "*")  # an event filling another event's role
        p.set_schema(with_label(p.schema, dataclasses.replace(meet, roles=(*meet.roles, cause))))
        p.add_document(TEXT, name="d")
        yield p


def meetings(p: Project) -> tuple[list[str], list[str]]:
    """The two mentions of الاجتماع, each triggering a Contact.Meet event (the second with a
    Place argument): their span ids and their event ids."""
    first = TEXT.index("الاجتماع")
    second = TEXT.index("الاجتماع", first + 1)
    spans = [p.add_span(1, s, s + 8, "Contact.Meet", ME).uuid for s in (first, second)]
    events = [p.add_event(s).uuid for s in spans]
    london = TEXT.index("لندن")
    p.add_argument(events[1], "Place", p.add_span(1, london, london + 4, "GPE", ME).uuid)
    return spans, events


State = tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str, str, str]]]


def state(p: Project) -> State:
    layer = p.layer(1)
    return (
        sorted((s.uuid, s.label) for s in layer.spans if not s.deleted),
        sorted((e.uuid, e.type) for e in layer.events if not e.deleted),
        sorted((a.uuid, a.event, a.role, a.target) for a in layer.arguments if not a.deleted),
    )


@pytest.mark.parametrize(
    "links",
    [[], [(0, 1)], [(1, 0)], [(0, 1), (1, 0)]],
    ids=["no-link", "first-fills-second", "second-fills-first", "each-fills-the-other"],
)
def test_relabel_all_removes_every_mention_s_events_once(
    project: Project, links: list[tuple[int, int]]
) -> None:
    spans, events = meetings(project)
    for owner, filler in links:  # the event of mention ``filler`` is the Cause of ``owner``'s
        project.add_argument(events[owner], "Cause", events[filler])
    start = state(project)
    with pytest.raises(AnnotatorError, match=r"triggers Contact\.Meet"):
        relabel_spans(project, spans, "GPE").do(project)  # by default refused, nothing written
    assert state(project) == start

    command = relabel_spans(project, spans, "GPE", remove_events=True)
    command.do(project)
    labels, live_events, arguments = state(project)
    assert [label for uuid, label in labels if uuid in spans] == ["GPE", "GPE"]
    assert live_events == [] and arguments == []
    command.undo(project)  # one step brings every label, event and argument back
    assert state(project) == start
    command.do(project)  # and redo removes them again
    assert state(project)[1:] == ([], [])


def test_an_event_of_another_trigger_filled_by_a_mention_s_event_loses_that_argument(
    project: Project,
) -> None:
    spans, events = meetings(project)
    other_at = TEXT.index("بدأ")
    other = project.add_event(project.add_span(1, other_at, other_at + 3, "Contact.Meet", ME).uuid)
    project.add_argument(other.uuid, "Cause", events[0])
    relabel_spans(project, spans, "GPE", remove_events=True).do(project)
    assert [e.uuid for e in project.events(1, ME)] == [other.uuid]
    assert project.arguments(other.uuid) == []
