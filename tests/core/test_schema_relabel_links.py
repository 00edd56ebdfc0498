"""Removing a label from the schema with "relabel them first"
(``schema.remove_label_command(..., relabel_to=...)``) relabelled every span (and retyped every
event) carrying it and judged only the retyped events' own arguments (``_retype_problem``):
what the relabelled spans or retyped events FILL elsewhere was not judged. A span filling a
role of another event that does not take the new label (``rules.argument_problem``:
"wrong-type"), or linked by a relation whose type does not link the new label
(``rules.relation_problem``), was left broken for ``check`` to list, one schema edit making
valid annotations invalid, where relabelling that one span (``commands.relabel``) refuses it.
The schema edit is now refused the same way (``rules.relabel_breaks``, the one rule both use),
naming the label, what would break and how many; a link broken already does not count.

Renaming a label renames it in the schema's references too (role types, relation
arguments): nothing it links breaks, shown here rather than assumed. The entity list's
"relabel all" (``bulk.relabel_spans``) judges each span's links through ``relabel``.

The default ACE schema: Conflict.Attack's Attacker takes PER, ORG, GPE (no LOC), its Place
GPE, LOC, FAC; ORG-AFF links PER, ORG, GPE to ORG, GPE (no LOC), PHYS links PER, FAC, LOC,
GPE to FAC, LOC, GPE."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands import schema as schema_commands
from annotator.commands.bulk import relabel_spans
from annotator.commands.schema import remove_label_command, rename_label_command
from annotator.errors import AnnotatorError, SchemaError
from annotator.model import Span
from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label
from tests.core.stored import live, problems, state

TEXT = "هاجمت لندن باريس أمس، وقال محمد إن الجيش مات في روما."
ME, OTHER = "amal", "basma"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def attack(p: Project, annotator: str = ME, attacker: str = "GPE") -> tuple[str, str]:
    """هاجمت (Conflict.Attack) with لندن (``attacker``) as its Attacker and باريس (GPE) as
    its Place, in ``annotator``'s layer: the event's id and the Attacker argument's id."""
    event = p.add_event(p.add_span(1, *at("هاجمت"), "Conflict.Attack", annotator).uuid).uuid
    london = p.add_span(1, *at("لندن"), attacker, annotator).uuid
    paris = p.add_span(1, *at("باريس"), "GPE", annotator).uuid
    argument = p.add_argument(event, "Attacker", london).uuid
    p.add_argument(event, "Place", paris)
    return event, argument


def employs(p: Project, type: str = "ORG-AFF", annotator: str = ME) -> str:
    """A relation of ``type`` from محمد (PER) to روما (GPE): its id."""
    person = p.add_span(1, *at("محمد"), "PER", annotator).uuid
    rome = p.add_span(1, *at("روما"), "GPE", annotator).uuid
    return p.add_relation(type, person, rome).uuid


def refused(p: Project, name: str, relabel_to: str) -> SchemaError:
    """The refusal of removing ``name`` relabelling it ``relabel_to``, the project (schema and
    every stored version of every record) left exactly as it was."""
    schema, before = p.schema, state(p)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(p, name, relabel_to=relabel_to)
    assert p.schema == schema
    assert state(p) == before
    p.reload_schema()
    assert p.schema == schema
    return raised.value


def test_a_relabelled_span_filling_a_role_that_does_not_take_the_new_label_refuses(
    project: Project,
) -> None:
    attack(project)
    attack(project, OTHER)  # another layer: counted too
    assert problems(project) == []
    error = refused(project, "GPE", "LOC")
    assert str(error) == (
        "cannot relabel GPE as LOC: 2 arguments fill roles that do not accept LOC "
        "(Conflict.Attack.Attacker). A schema edit deletes no annotation: change or delete "
        "those first, or choose another label"
    )
    message = error.args[0]
    assert message.template == (
        "cannot relabel {name} as {label}: {problems}. A schema edit deletes no annotation: "
        "change or delete those first, or choose another label"
    )
    assert message.params["problems"].template == (
        "{count} arguments fill roles that do not accept {label} ({roles})"
    )
    assert project.schema.entity("GPE") is not None
    assert sorted(s.label for s in project.spans()) == ["Conflict.Attack"] * 2 + ["GPE"] * 4
    assert problems(project) == []


def test_one_argument_is_said_so(project: Project) -> None:
    attack(project)
    assert (
        "GPE as LOC: 1 argument fills a role that does not accept LOC (Conflict.Attack.Attacker). "
    ) in str(refused(project, "GPE", "LOC"))


@pytest.mark.parametrize("find_cost", [0, 10**9], ids=["spans-one-by-one", "all-spans-read"])
def test_a_relation_whose_type_would_not_link_the_new_label_refuses(
    project: Project, find_cost: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of reading the relations' other ends (``_FIND_COST``) say the same."""
    monkeypatch.setattr(schema_commands, "_FIND_COST", find_cost)
    employs(project)
    assert problems(project) == []
    error = refused(project, "GPE", "LOC")
    assert str(error) == (
        "cannot relabel GPE as LOC: 1 relation of type ORG-AFF would not link PER to LOC. A "
        "schema edit deletes no annotation: change or delete those first, or choose another "
        "label"
    )
    employs(project, annotator=OTHER)
    assert ": 2 relations of type ORG-AFF would not link PER to LOC. " in str(
        refused(project, "GPE", "LOC")
    )
    employs(project, "PHYS", "chadi")  # PHYS links PER to LOC: not counted
    assert ": 2 relations of type ORG-AFF would not link PER to LOC. " in str(
        refused(project, "GPE", "LOC")
    )
    attack(project)
    error = refused(project, "GPE", "LOC")
    assert (
        ": 1 argument fills a role that does not accept LOC (Conflict.Attack.Attacker); 2 "
        "relations of type ORG-AFF would not link PER to LOC. "
    ) in str(error)
    assert error.args[0].params["problems"].template == "{one}; {other}"


def test_links_broken_already_do_not_count(project: Project) -> None:
    """An Attacker that took no GPE once the schema changed, a relation whose type linked no
    GPE so: ``check`` lists both before the edit, they are not the relabel's doing."""
    _event, argument = attack(project)
    employs(project)
    schema = project.schema
    attack_type = schema.event("Conflict.Attack")
    org_aff = schema.relation("ORG-AFF")
    assert attack_type is not None and org_aff is not None
    roles = tuple(
        dataclasses.replace(r, types=("PER", "ORG")) if r.name == "Attacker" else r
        for r in attack_type.roles
    )
    schema = with_label(schema, dataclasses.replace(attack_type, roles=roles))
    schema = with_label(schema, dataclasses.replace(org_aff, arg2=("ORG",)))
    project.set_schema(schema)
    found = problems(project)
    assert len(found) == 2 and all(line.startswith("wrong-type") for line in found)
    command = remove_label_command(project, "GPE", relabel_to="LOC")
    command.do(project)
    assert project.schema.entity("GPE") is None
    assert len(problems(project)) == 2
    assert project.find(argument, "arguments") is not None
    command.undo(project)
    assert project.schema == schema


def test_a_relabel_keeping_every_link_goes_through_and_undoes_and_redoes(
    project: Project,
) -> None:
    """باريس fills a Place (takes LOC), a PHYS relation links محمد to روما (links LOC)."""
    event = project.add_event(project.add_span(1, *at("هاجمت"), "Conflict.Attack", ME).uuid)
    paris = project.add_span(1, *at("باريس"), "GPE", ME)
    project.add_argument(event.uuid, "Place", paris.uuid)
    employs(project, "PHYS")
    employs(project, "PHYS", OTHER)
    schema, before = project.schema, live(project)
    command = remove_label_command(project, "GPE", relabel_to="LOC")
    command.do(project)
    assert project.schema.entity("GPE") is None
    assert sorted(s.label for s in project.spans() if s.label in ("GPE", "LOC")) == ["LOC"] * 3
    assert problems(project) == []
    after, relabelled = live(project), project.schema
    command.undo(project)
    assert project.schema == schema
    assert live(project) == before
    command.do(project)
    assert project.schema == relabelled
    assert live(project) == after
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


def test_a_relabel_breaking_nothing_reads_no_link_whole(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check judges one link of each shape (event type, role, filler label; relation
    type, attributes, end labels: ``Project.label_shapes``) first; when none breaks, no link
    nor record at its ends is read (what made the check of a label on 75,000 spans of
    250,000 take 3.4x the plain reads of them, tests/benchmarks/bench_schema_remove.py)."""
    event = project.add_event(project.add_span(1, *at("هاجمت"), "Conflict.Attack", ME).uuid)
    paris = project.add_span(1, *at("باريس"), "GPE", ME)
    project.add_argument(event.uuid, "Place", paris.uuid)
    employs(project, "PHYS")
    employs(project, "PHYS", OTHER)

    def unread(*args: object) -> None:
        raise AssertionError("read whole")

    for method in ("label_links", "spans_by_uuid", "events_by_uuid", "iter_records"):
        monkeypatch.setattr(Project, method, unread)
    command = remove_label_command(project, "GPE", relabel_to="LOC")
    monkeypatch.undo()
    command.do(project)
    assert sorted(s.label for s in project.spans() if s.label in ("GPE", "LOC")) == ["LOC"] * 3
    assert problems(project) == []


def _cause(project: Project) -> None:
    """Conflict.Attack gets a Cause role taking Life.Die or Life.Be-Born events (events as
    fillers)."""
    attack_type = project.schema.event("Conflict.Attack")
    assert attack_type is not None
    cause = Role("Cause", ("Life.Die", "Life.Be-Born"), "*")
    roles = (*attack_type.roles, cause)
    project.set_schema(with_label(project.schema, dataclasses.replace(attack_type, roles=roles)))


def test_a_retyped_event_filling_a_role_of_another_event_is_judged_too(project: Project) -> None:
    """مات (Life.Die) fills the Cause of هاجمت: removing Life.Die, its events retyped
    Life.Injure (same roles: their own arguments are fine), the Cause would take none."""
    _cause(project)
    event, _ = attack(project)
    death = project.add_event(project.add_span(1, *at("مات"), "Life.Die", ME).uuid)
    project.add_argument(death.uuid, "Victim", project.add_span(1, *at("الجيش"), "PER", ME).uuid)
    project.add_argument(event, "Cause", death.uuid)
    assert problems(project) == []
    assert str(refused(project, "Life.Die", "Life.Injure")) == (
        "cannot relabel Life.Die as Life.Injure: 1 argument fills a role that does not accept "
        "Life.Injure (Conflict.Attack.Cause). A schema edit deletes no annotation: change or "
        "delete those first, or choose another label"
    )
    # into Life.Be-Born, which the Cause takes, it goes through (its Victim is a role
    # Life.Be-Born lacks: delete it first, as the retype's own refusal says)
    with pytest.raises(SchemaError, match=r"roles? Life\.Be-Born lacks \(Victim\)"):
        remove_label_command(project, "Life.Die", relabel_to="Life.Be-Born")
    for argument in project.arguments(death.uuid):
        project.delete_argument(argument.uuid)
    before = live(project)
    command = remove_label_command(project, "Life.Die", relabel_to="Life.Be-Born")
    command.do(project)
    assert project.event(death.uuid).type == "Life.Be-Born"
    assert problems(project) == []
    command.undo(project)
    assert live(project) == before


def test_a_rename_keeps_every_link_valid(project: Project) -> None:
    """Renaming GPE (an Attacker, a Place, an ORG-AFF's Arg2) and Life.Die (a Cause's filler)
    renames them in the roles' and relations' types too: nothing breaks, undo puts all back."""
    _cause(project)
    event, _ = attack(project)
    employs(project)
    death = project.add_event(project.add_span(1, *at("مات"), "Life.Die", ME).uuid)
    project.add_argument(event, "Cause", death.uuid)
    assert problems(project) == []
    schema, before = project.schema, live(project)
    for old, new in (("GPE", "STATE"), ("Life.Die", "Life.Death")):
        command = rename_label_command(project, old, new)
        command.do(project)
        assert problems(project) == []
    assert project.event(death.uuid).type == "Life.Death"
    assert {s.label for s in project.spans()} >= {"STATE", "Life.Death"}
    rename_label_command(project, "Life.Death", "Life.Die").do(project)
    rename_label_command(project, "STATE", "GPE").do(project)
    assert project.schema == schema
    assert {s.uuid: s.label for s in project.spans()} == {
        s.uuid: s.label for s in before["spans"] if isinstance(s, Span)
    }
    assert problems(project) == []


def test_relabel_all_judges_each_span_s_links(project: Project) -> None:
    """The entity list's "relabel all" already refuses what the schema edit now refuses."""
    attack(project)
    employs(project)
    gpe = [s.uuid for s in project.spans(label="GPE")]
    before = state(project)
    with pytest.raises(AnnotatorError, match=r"does not accept 'LOC'|does not link"):
        relabel_spans(project, gpe, "LOC").do(project)
    assert state(project) == before
