"""A retype that would leave arguments in roles the new event type lacks (7dc0503: refused by
``commands.relabel`` unless ``remove_arguments``), in the two edits that retype many events:

- the entity list's "relabel all" (``bulk.relabel_spans``) refused the whole step and had no
  way to remove those arguments: it now takes ``remove_arguments`` and passes it to every
  mention's ``relabel`` (those arguments go in the one step; undo brings them back exactly,
  redo deletes them again), as it passes ``remove_events``;
- removing an event type from the schema with "relabel them first"
  (``schema.remove_label_command(..., relabel_to=...)``) retyped every event with
  ``UpdateEvent`` and left the arguments in roles the target type lacks (or whose fillers its
  role does not take) for ``check`` to list. A schema edit deletes no annotation, so it is
  now refused (SchemaError) naming the target type, the roles and how many arguments.

The default ACE schema: Conflict.Attack has Attacker, Target, Instrument, Time, Place;
Conflict.Demonstrate has Entity, Time, Place; Movement.Transport's Artifact takes no ORG,
Transaction.Transfer-Ownership's does."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator.commands.bulk import relabel_spans
from annotator.commands.schema import remove_label_command
from annotator.errors import AnnotatorError, SchemaError
from annotator.project import Project
from annotator.schema import Role, default_schema
from annotator.schema.edit import with_label
from tests.core.stored import live, problems, state

TEXT = "قال لودريان إن الهجوم على باريس وقع أمس، ثم تكرر الهجوم على لندن بيد الجيش الذي نقل الجنود."
ME = "amal"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        assert p.schema == default_schema()
        p.add_document(TEXT, name="d")
        yield p


def attacks(p: Project) -> tuple[list[str], list[str], dict[str, str]]:
    """The two mentions of الهجوم, each triggering a Conflict.Attack: the first with an
    Attacker (لودريان) and a Place (باريس), the second with a Target (الجنود), a Place
    (لندن) and a Time (أمس). Their span ids, event ids, and the arguments' ids by name."""
    spans = [p.add_span(1, *at("الهجوم", n), "Conflict.Attack", ME).uuid for n in (0, 1)]
    events = [p.add_event(s).uuid for s in spans]

    def span(word: str, label: str) -> str:
        return p.add_span(1, *at(word), label, ME).uuid

    args = {
        "attacker": p.add_argument(events[0], "Attacker", span("لودريان", "PER")).uuid,
        "paris": p.add_argument(events[0], "Place", span("باريس", "GPE")).uuid,
        "target": p.add_argument(events[1], "Target", span("الجنود", "PER")).uuid,
        "london": p.add_argument(events[1], "Place", span("لندن", "GPE")).uuid,
        "time": p.add_argument(events[1], "Time", span("أمس", "TIME")).uuid,
    }
    assert problems(p) == []
    return spans, events, args


# -- the entity list's relabel all -----------------------------------------------------------
def test_relabel_all_without_the_flag_refuses_the_whole_step(project: Project) -> None:
    spans, events, _ = attacks(project)
    before = state(project)
    with pytest.raises(AnnotatorError, match=r"Conflict\.Demonstrate lacks \((Attacker|Target)\)"):
        relabel_spans(project, spans, "Conflict.Demonstrate").do(project)
    with pytest.raises(AnnotatorError, match=r"Conflict\.Demonstrate lacks"):
        relabel_spans(project, spans, "Conflict.Demonstrate", remove_arguments=False).do(project)
    assert state(project) == before
    assert [project.event(e).type for e in events] == ["Conflict.Attack"] * 2


def test_relabel_all_with_remove_arguments_is_one_step_undone_and_redone_exactly(
    project: Project,
) -> None:
    spans, events, args = attacks(project)
    before = live(project)
    command = relabel_spans(project, spans, "Conflict.Demonstrate", remove_arguments=True)
    command.do(project)
    assert [project.span(s).label for s in spans] == ["Conflict.Demonstrate"] * 2
    assert [project.event(e).type for e in events] == ["Conflict.Demonstrate"] * 2
    # the Attacker and the Target went; the Places and the Time stayed, the same records
    assert project.find(args["attacker"], "arguments") is None
    assert project.find(args["target"], "arguments") is None
    assert [a.uuid for a in project.arguments(events[0])] == [args["paris"]]
    assert sorted(a.uuid for a in project.arguments(events[1])) == sorted(
        [args["london"], args["time"]]
    )
    assert problems(project) == []
    after = live(project)
    command.undo(project)  # one undo: every label, type and argument back, the same uuids
    assert live(project) == before
    assert [project.event(e).type for e in events] == ["Conflict.Attack"] * 2
    assert problems(project) == []
    command.do(project)  # redo removes them again
    assert live(project) == after
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


def test_relabel_all_into_a_type_with_every_role_needs_no_flag(project: Project) -> None:
    """Life.Die has Time and Place: mentions whose events fill only those are relabelled
    without the flag, and their arguments stay."""
    spans, events, args = attacks(project)
    for name in ("attacker", "target"):
        cmds.DeleteArgument(args[name]).do(project)
    relabel_spans(project, spans, "Life.Die").do(project)
    assert [project.event(e).type for e in events] == ["Life.Die"] * 2
    assert len(project.arguments(events[0])) + len(project.arguments(events[1])) == 3


@pytest.mark.parametrize(
    "links",
    [[(0, 1)], [(1, 0)], [(0, 1), (1, 0)]],
    ids=["first-fills-second", "second-fills-first", "each-fills-the-other"],
)
def test_mentions_whose_events_fill_each_other_s_lacking_role(
    project: Project, links: list[tuple[int, int]]
) -> None:
    """A Cause role (any event) of Conflict.Attack, which Conflict.Demonstrate lacks, filled
    by the other mention's event: each relabel of the step, made from what the ones before
    it left, deletes it once."""
    attack = project.schema.event("Conflict.Attack")
    assert attack is not None
    cause = Role("Cause", ("<EVENT>",), "*")
    project.set_schema(
        with_label(project.schema, dataclasses.replace(attack, roles=(*attack.roles, cause)))
    )
    spans, events, _args = attacks(project)
    causes = [project.add_argument(events[o], "Cause", events[f]).uuid for o, f in links]
    before = live(project)
    with pytest.raises(AnnotatorError, match=r"Conflict\.Demonstrate lacks"):
        relabel_spans(project, spans, "Conflict.Demonstrate").do(project)
    command = relabel_spans(project, spans, "Conflict.Demonstrate", remove_arguments=True)
    command.do(project)
    assert all(project.find(c, "arguments") is None for c in causes)
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


def test_relabel_all_with_both_flags_as_an_entity_removes_the_events(project: Project) -> None:
    """``remove_arguments`` plays no part in a relabel as no event type: ``remove_events``
    decides (the events go with all their arguments)."""
    spans, _events, _ = attacks(project)
    before = live(project)
    with pytest.raises(AnnotatorError, match="not an event type"):
        relabel_spans(project, spans, "GPE", remove_arguments=True).do(project)
    command = relabel_spans(project, spans, "GPE", remove_events=True, remove_arguments=True)
    command.do(project)
    assert project.events(1, ME) == []
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


# -- removing an event type, relabelling its events ------------------------------------------
def test_removing_a_type_relabelling_into_one_lacking_roles_is_refused(project: Project) -> None:
    _spans, events, _ = attacks(project)
    before = state(project)
    with pytest.raises(SchemaError) as refused:
        remove_label_command(project, "Conflict.Attack", relabel_to="Conflict.Demonstrate")
    message = refused.value.args[0]
    assert str(message) == (
        "cannot relabel the Conflict.Attack events as Conflict.Demonstrate: 2 arguments are in "
        "roles Conflict.Demonstrate lacks (Attacker, Target). A schema edit deletes no "
        "annotation: delete those arguments first, or choose another event type"
    )
    assert message.template == (
        "cannot relabel the {name} events as {label}: {problems}. A schema edit deletes no "
        "annotation: delete those arguments first, or choose another event type"
    )
    assert message.params["problems"].template == (
        "{count} arguments are in roles {label} lacks ({roles})"
    )
    assert state(project) == before
    assert project.schema.event("Conflict.Attack") is not None
    assert [project.event(e).type for e in events] == ["Conflict.Attack"] * 2


def test_one_argument_in_a_lacking_role_is_said_so(project: Project) -> None:
    _spans, _events, args = attacks(project)
    cmds.DeleteArgument(args["target"]).do(project)
    with pytest.raises(SchemaError) as refused:
        remove_label_command(project, "Conflict.Attack", relabel_to="Conflict.Demonstrate")
    assert "Conflict.Demonstrate: 1 argument is in a role Conflict.Demonstrate lacks " in str(
        refused.value
    )
    assert "(Attacker)." in str(refused.value)


def test_a_role_that_does_not_take_its_filler_refuses_too(project: Project) -> None:
    """Transfer-Ownership's Artifact takes ORG, Movement.Transport's does not; its Buyer is a
    role Movement.Transport lacks: both said, in one message."""
    sale = project.add_event(
        project.add_span(1, *at("نقل"), "Transaction.Transfer-Ownership", ME).uuid
    )
    army = project.add_span(1, *at("الجيش"), "ORG", ME)
    project.add_argument(sale.uuid, "Artifact", army.uuid)
    assert problems(project) == []
    before = state(project)
    with pytest.raises(SchemaError) as refused:
        remove_label_command(
            project, "Transaction.Transfer-Ownership", relabel_to="Movement.Transport"
        )
    assert str(refused.value) == (
        "cannot relabel the Transaction.Transfer-Ownership events as Movement.Transport: 1 "
        "argument fills a role of Movement.Transport that does not accept its filler "
        "(Artifact). A schema edit deletes no annotation: delete those arguments first, or "
        "choose another event type"
    )
    buyer = project.add_span(1, *at("لودريان"), "PER", ME)
    project.add_argument(sale.uuid, "Buyer", buyer.uuid)
    with pytest.raises(SchemaError) as refused:
        remove_label_command(
            project, "Transaction.Transfer-Ownership", relabel_to="Movement.Transport"
        )
    assert ": 1 argument is in a role Movement.Transport lacks (Buyer); 1 argument fills a " in (
        str(refused.value)
    )
    assert refused.value.args[0].params["problems"].template == "{one}; {other}"
    assert state(project) != before  # (the Buyer added; nothing else)
    assert project.event(sale.uuid).type == "Transaction.Transfer-Ownership"


def test_a_retype_keeping_every_argument_goes_through_and_undoes(project: Project) -> None:
    _spans, events, args = attacks(project)
    for name in ("attacker", "target"):
        cmds.DeleteArgument(args[name]).do(project)
    before = live(project)
    command = remove_label_command(project, "Conflict.Attack", relabel_to="Conflict.Demonstrate")
    command.do(project)
    assert project.schema.event("Conflict.Attack") is None
    assert [project.event(e).type for e in events] == ["Conflict.Demonstrate"] * 2
    assert sorted(a.uuid for e in events for a in project.arguments(e)) == sorted(
        [args["paris"], args["london"], args["time"]]
    )
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


def test_an_argument_broken_before_does_not_count(project: Project) -> None:
    """An argument in a role its type lost before (a schema edit kept it, ``check`` lists
    it) is not the retype's doing: only the Attacker is counted."""
    attack = project.schema.event("Conflict.Attack")
    assert attack is not None
    extra = Role("Extra", ("PER",), "*")
    project.set_schema(
        with_label(project.schema, dataclasses.replace(attack, roles=(*attack.roles, extra)))
    )
    _spans, events, args = attacks(project)
    cmds.DeleteArgument(args["target"]).do(project)
    project.add_argument(events[0], "Extra", project.add_span(1, *at("الجيش"), "PER", ME).uuid)
    project.set_schema(with_label(project.schema, attack))  # Extra gone; the argument stays
    assert any("Extra" in line for line in problems(project))
    with pytest.raises(SchemaError) as refused:
        remove_label_command(project, "Conflict.Attack", relabel_to="Conflict.Demonstrate")
    assert ": 1 argument is in a role Conflict.Demonstrate lacks (Attacker)." in str(refused.value)


def test_entity_labels_and_plain_removals_are_as_before(project: Project) -> None:
    """Removing an entity label relabelling it, or an event type keeping its events, is not
    judged so (nothing is retyped under other roles)."""
    attacks(project)
    remove_label_command(project, "GPE", relabel_to="LOC").do(project)
    assert [s.label for s in project.spans(1, ME) if s.text in ("باريس", "لندن")] == ["LOC"] * 2
    remove_label_command(project, "Conflict.Attack").do(project)
    assert project.schema.event("Conflict.Attack") is None
