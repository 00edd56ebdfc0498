"""An event has at most one argument with the same role and the same filler (found by QA: the
same span clicked twice as Entity of a Contact.Meet event was stored twice, ``check`` said
nothing and ``export --format events`` wrote the argument twice). The rule is
``rules.repeated_argument_problem``: the edit command refuses a repeat, ``check`` reports one
that old data holds, the role menus (``rules.roles_for``) no longer offer it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator import rules
from annotator.errors import ValidationError
from annotator.exporting import export
from annotator.formats.common import ExportOptions
from annotator.formats.registry import read_any
from annotator.importing import import_documents
from annotator.model import Argument, Document, DocumentAnnotations, Event, Span
from annotator.project import Project
from annotator.schema import default_schema
from annotator.validation import check_layer, check_project
from tests.conftest import inword

ME = "amal"
TEXT = "التقى لودريان كارتر في باريس."


def meet_layer(*roles_targets: tuple[str, str]) -> DocumentAnnotations:
    doc = Document(1, "d", TEXT, "x")
    spans = (
        Span("t", 1, ME, 0, 5, "Contact.Meet", TEXT[0:5]),
        Span("p1", 1, ME, 6, 13, "PER", TEXT[6:13]),
        Span("p2", 1, ME, 14, 19, "PER", TEXT[14:19]),
    )
    event = Event("e", 1, ME, "Contact.Meet", "t")
    args = tuple(
        Argument(f"a{k}", "e", 1, ME, role, target)
        for k, (role, target) in enumerate(roles_targets)
    )
    return DocumentAnnotations(doc, spans, (event,), args, ())


def test_the_rule_refuses_a_repeat_and_nothing_else() -> None:
    layer = meet_layer(("Entity", "p1"), ("Entity", "p2"))
    event, (first, other) = layer.events[0], layer.arguments
    assert rules.repeated_argument_problem(event, first, layer.arguments) is None  # itself
    assert rules.repeated_argument_problem(event, other, layer.arguments) is None
    again = Argument("new", "e", 1, ME, "Entity", "p1")
    found = rules.repeated_argument_problem(event, again, layer.arguments)
    assert found is not None and found.kind == "repeated-argument"
    assert "Entity" in found.message and "a0" in found.message
    assert isinstance(found.error(), ValidationError)
    # a deleted earlier one does not count, nor does a deleted repeat
    gone = Argument("a0", "e", 1, ME, "Entity", "p1", deleted=True)
    assert rules.repeated_argument_problem(event, again, [gone]) is None
    assert rules.repeated_argument_problem(event, Argument("x", "e", 1, ME, "Entity", "p1",
                                           deleted=True), layer.arguments) is None  # fmt: skip
    # another role for the same filler is not a repeat
    assert rules.repeated_argument_problem(
        event, Argument("y", "e", 1, ME, "Place", "p1"), layer.arguments
    ) is None  # fmt: skip


def test_check_reports_a_repeated_argument_of_old_data() -> None:
    layer = meet_layer(("Entity", "p1"), ("Entity", "p1"), ("Entity", "p2"))
    issues = check_layer(layer, default_schema())
    repeated = [i for i in issues if i.kind == "repeated-argument"]
    assert [i.uuid for i in repeated] == ["a1"]  # the second one; the first is kept
    assert check_layer(meet_layer(("Entity", "p1"), ("Entity", "p2")), default_schema()) == []


def test_the_role_menu_leaves_out_the_roles_a_filler_fills() -> None:
    schema = default_schema()
    layer = meet_layer(("Entity", "p1"))
    filled = rules.roles_filled(layer.arguments, "p1")
    assert filled == {"Entity"}
    assert [r.name for r in rules.roles_for(schema, "Contact.Meet", "PER")] == ["Entity"]
    assert rules.roles_for(schema, "Contact.Meet", "PER", filled) == []
    assert rules.roles_filled(layer.arguments, "p2") == set()


@pytest.fixture
def meet(seed_project: Project, seed_text: str) -> tuple[Project, Event, Span]:
    p = seed_project
    trig = p.add_span(1, *inword(seed_text, "الاجتماع", 0), "Contact.Meet", ME)
    person = p.add_span(1, *inword(seed_text, "لودريان", 0), "PER", ME)
    return p, p.add_event(trig.uuid), person


def test_the_edit_command_refuses_a_second_identical_argument(
    meet: tuple[Project, Event, Span],
) -> None:
    p, event, person = meet
    cmds.AddArgument(event.uuid, "Entity", person.uuid).do(p)
    with pytest.raises(ValidationError, match="already fills its role 'Entity'"):
        cmds.AddArgument(event.uuid, "Entity", person.uuid).do(p)
    assert len(p.arguments(event.uuid)) == 1
    # once removed, the same argument may be added again
    (arg,) = p.arguments(event.uuid)
    p.delete_argument(arg.uuid)
    cmds.AddArgument(event.uuid, "Entity", person.uuid).do(p)
    assert len(p.arguments(event.uuid)) == 1


def test_the_api_refuses_a_second_identical_argument(meet: tuple[Project, Event, Span]) -> None:
    p, event, person = meet
    p.add_argument(event.uuid, "Entity", person.uuid)
    with pytest.raises(ValidationError, match="already fills its role"):
        p.add_argument(event.uuid, "Entity", person.uuid)


def test_check_project_reports_a_repeat_written_before_the_rule(
    meet: tuple[Project, Event, Span],
) -> None:
    p, event, person = meet
    first = p.add_argument(event.uuid, "Entity", person.uuid)
    # old data: a second copy written as a version of its own, past today's rules
    copy = Argument("old-copy", event.uuid, event.doc_id, ME, "Entity", person.uuid)
    p._write("add", copy)
    (issue,) = [i for i in check_project(p) if i.kind == "repeated-argument"]
    assert issue.uuid == "old-copy" and first.uuid in issue.message


def test_a_brat_event_naming_the_same_filler_twice_imports_it_once(tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_text("Ali met Omar in Paris.\n", encoding="utf-8")
    (folder / "d.ann").write_text(
        "T1\tContact.Meet 4 7\tmet\nT2\tPER 0 3\tAli\nE1\tContact.Meet:T1 Entity:T2 Entity2:T2\n",
        encoding="utf-8",
    )
    with Project.create(tmp_path / "b.annotator") as p:
        import_documents(p, read_any(folder, "brat", True, schema=p.schema), annotator=ME)
        (event,) = p.events(None, ME)
        assert len(p.arguments(event.uuid)) == 1
        assert not [i for i in check_project(p) if i.kind == "repeated-argument"]


def test_an_export_writes_a_repeated_argument_once(
    meet: tuple[Project, Event, Span], tmp_path: Path, seed_text: str
) -> None:
    p, event, _ = meet
    paris = p.add_span(1, *inword(seed_text, "بباريس", 1), "GPE", ME)  # the trigger's sentence
    p.add_argument(event.uuid, "Place", paris.uuid)
    p._write("add", Argument("old-copy", event.uuid, event.doc_id, ME, "Place", paris.uuid))
    out = tmp_path / "events.jsonl"
    export(p, "events", out, annotator=ME, options=ExportOptions())
    assert out.read_text(encoding="utf-8").count('"role": "Place"') == 1
