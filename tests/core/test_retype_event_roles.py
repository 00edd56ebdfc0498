"""A trigger relabelled as another event type retypes its events, and their arguments stayed
as they were even in roles the new type lacks: one keystroke (Conflict.Attack to
Movement.Transport, say) left Attacker and Target arguments that ``annotator check`` then
listed ("Movement.Transport has no role 'Attacker'") and the exports treated as problems.

Now ``relabel`` refuses such a retype (naming the type, the roles and how many arguments),
unless ``remove_arguments``: those arguments then go in the same step (undo brings them back
exactly, redo deletes them again), the ones in roles the new type has stay. A role the new
type has that no longer accepts its filler refuses the relabel (``_links_problem``). The
default ACE schema: Conflict.Attack has Attacker, Target, Instrument, Time, Place;
Movement.Transport has Agent, Artifact, Vehicle, Price, Origin, Destination, Time."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator import rules
from annotator.commands.bulk import relabel_spans
from annotator.commands.edits import Refused
from annotator.errors import AnnotatorError
from annotator.project import Project
from annotator.schema import default_schema
from tests.core.stored import live, problems, state

TEXT = "قال جان إيف لودريان إن الهجوم على باريس وقع أمس بسكين وإن الجيش نقل الجنود."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        assert p.schema == default_schema()
        p.add_document(TEXT, name="d")
        yield p


def attack(p: Project) -> tuple[str, str, dict[str, str]]:
    """A Conflict.Attack on الهجوم with an Attacker (لودريان, PER), a Target (الجنود, PER), a
    Place (باريس, GPE) and a Time (أمس): the trigger's and the event's ids, and the
    arguments' ids by role."""
    made = cmds.add_event_with_trigger(1, *at("الهجوم"), "Conflict.Attack", ME)
    made.do(p)
    trigger, event = made.children[0].uuid, made.children[1].uuid
    per = p.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    soldiers = p.add_span(1, *at("الجنود"), "PER", ME)
    gpe = p.add_span(1, *at("باريس"), "GPE", ME)
    time = p.add_span(1, *at("أمس"), "TIME", ME)
    args = {
        role: p.add_argument(event, role, target.uuid).uuid
        for role, target in (
            ("Attacker", per),
            ("Target", soldiers),
            ("Place", gpe),
            ("Time", time),
        )
    }
    assert problems(p) == []
    return trigger, event, args


def test_a_retype_into_a_type_lacking_roles_is_refused_naming_them(project: Project) -> None:
    trigger, event, _ = attack(project)
    before = state(project)
    command = cmds.relabel(project, trigger, "Movement.Transport")
    assert isinstance(command, Refused)
    assert command.violation.kind == "retype-roles"
    with pytest.raises(AnnotatorError) as refused:
        command.do(project)
    message = refused.value.args[0]
    assert str(message) == (
        "this span triggers Conflict.Attack; relabelled Movement.Transport, 3 arguments would "
        "be left in roles Movement.Transport lacks (Attacker, Place, Target): delete them first"
    )
    assert message.template == (
        "this span triggers {events}; relabelled {label}, {count} arguments would be left "
        "in roles {label} lacks ({roles}): delete them first"
    )
    assert state(project) == before
    assert project.event(event).type == "Conflict.Attack"
    assert problems(project) == []


def test_one_argument_in_a_lacking_role_is_said_so(project: Project) -> None:
    trigger, event, args = attack(project)
    for role in ("Attacker", "Target", "Time"):
        cmds.DeleteArgument(args[role]).do(project)
    command = cmds.relabel(project, trigger, "Contact.Phone-Write")  # Entity, Time: no Place
    with pytest.raises(AnnotatorError) as refused:
        command.do(project)
    assert str(refused.value) == (
        "this span triggers Conflict.Attack; relabelled Contact.Phone-Write, 1 argument would "
        "be left in a role Contact.Phone-Write lacks (Place): delete it first"
    )
    assert project.event(event).type == "Conflict.Attack"


def test_with_remove_arguments_they_go_in_one_step_undone_exactly(project: Project) -> None:
    trigger, event, args = attack(project)
    before = live(project)
    command = cmds.relabel(project, trigger, "Movement.Transport", remove_arguments=True)
    assert isinstance(command, cmds.Macro)
    command.do(project)
    assert project.span(trigger).label == "Movement.Transport"
    assert project.event(event).type == "Movement.Transport"
    # the Time argument (a role Movement.Transport has) is kept, the same record
    kept = project.arguments(event)
    assert [(a.uuid, a.role) for a in kept] == [(args["Time"], "Time")]
    for role in ("Attacker", "Target", "Place"):
        assert project.find(args[role], "arguments") is None
    assert problems(project) == []
    after = live(project)
    # one undo brings everything back: the same uuids, the same fields
    command.undo(project)
    assert live(project) == before
    assert {a.uuid: a.role for a in project.arguments(event)} == {u: r for r, u in args.items()}
    assert project.event(event).type == "Conflict.Attack"
    assert problems(project) == []
    # redo deletes them again
    command.do(project)
    assert live(project) == after
    assert problems(project) == []


def test_arguments_in_shared_roles_need_no_flag(project: Project) -> None:
    """Life.Die has Time and Place (and Instrument, Agent, Victim): an Attack with only Time
    and Place arguments is retyped with both, asking nothing."""
    trigger, event, args = attack(project)
    for role in ("Attacker", "Target"):
        cmds.DeleteArgument(args[role]).do(project)
    command = cmds.relabel(project, trigger, "Life.Die")
    assert not isinstance(command, Refused)
    command.do(project)
    assert project.event(event).type == "Life.Die"
    assert sorted(a.uuid for a in project.arguments(event)) == sorted([args["Place"], args["Time"]])
    assert problems(project) == []


def test_a_kept_role_that_no_longer_accepts_its_filler_still_refuses(project: Project) -> None:
    """Transaction.Transfer-Ownership's Artifact takes ORG, Movement.Transport's does not: the
    retyped event keeps the role, the filler would be wrong there. Refused even with the flag
    (no argument is in a role Movement.Transport lacks)."""
    made = cmds.add_event_with_trigger(1, *at("نقل"), "Transaction.Transfer-Ownership", ME)
    made.do(project)
    trigger, event = made.children[0].uuid, made.children[1].uuid
    army = project.add_span(1, *at("الجيش"), "ORG", ME)
    project.add_argument(event, "Artifact", army.uuid)
    assert problems(project) == []
    before = state(project)
    for flag in (False, True):
        command = cmds.relabel(project, trigger, "Movement.Transport", remove_arguments=flag)
        with pytest.raises(AnnotatorError) as refused:
            command.do(project)
        assert "Artifact" in str(refused.value) and "does not accept" in str(refused.value)
        assert state(project) == before
    assert problems(project) == []


def test_remove_events_is_as_before(project: Project) -> None:
    """A trigger relabelled as an entity with ``remove_events``: the events and their
    arguments go (the new flag plays no part)."""
    trigger, event, _ = attack(project)
    before = live(project)
    refused = cmds.relabel(project, trigger, "GPE")
    assert isinstance(refused, Refused) and refused.violation.kind == "trigger-label"
    command = cmds.relabel(project, trigger, "GPE", remove_events=True)
    command.do(project)
    assert project.find(event, "events") is None and project.arguments(event) == []
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


def test_bulk_relabel_refuses_the_step_as_well(project: Project) -> None:
    """``relabel_spans`` (the entity list's relabel all) makes each span's ``relabel``: a
    retype that would leave arguments in lacking roles refuses the whole step."""
    trigger, _event, _ = attack(project)
    before = state(project)
    with pytest.raises(AnnotatorError, match=r"Movement\.Transport lacks"):
        relabel_spans(project, [trigger], "Movement.Transport").do(project)
    with pytest.raises(AnnotatorError, match=r"Movement\.Transport lacks"):
        cmds.relabel_all(project, [trigger], "Movement.Transport").do(project)
    assert state(project) == before


def test_the_rule_counts_only_what_the_retype_breaks(project: Project) -> None:
    """An event already of the new type, or an argument already in a role its type lacks,
    is not the retype's doing."""
    _trigger, event, args = attack(project)
    events = project.events(1, ME)
    arguments = project.arguments(event)
    schema = project.schema
    lost = rules.arguments_without_role(schema, events, arguments, "Movement.Transport")
    assert sorted(a.uuid for a in lost) == sorted(args[r] for r in ("Attacker", "Target", "Place"))
    assert rules.arguments_without_role(schema, events, arguments, "Conflict.Attack") == []
    assert rules.arguments_without_role(schema, events, arguments, "GPE") == []
    assert rules.retype_roles_problem(schema, events, arguments, "Conflict.Attack") is None
    odd = dataclasses.replace(arguments[0], role="Nowhere")
    assert rules.arguments_without_role(schema, events, [odd], "Movement.Transport") == []
