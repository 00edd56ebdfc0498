"""Removing a label that has child labels (``schema.edit.remove_label``): its children move up
to its parent. A role or relation type naming the removed label accepted its children through
it (``Schema.fits``: a label fits a list naming one of its ancestors); dropping the name from
the list took that away, so an argument filled by a child-label span (or a relation linking
one), valid before, became wrong-type: one schema edit silently made valid annotations
invalid, with or without ``relabel_to``. A list that named the removed label now names its
children in its place (those the rest of the list does not accept already): every label that
fitted the list before fits it after, and none that did not (nothing is widened).

Removing a label without ``relabel_to`` keeps its annotations as they are, and ``check``
reports them as carrying a label the schema lacks (the designed behaviour, shown here).

The default ACE schema: Conflict.Attack's Attacker takes PER, ORG, GPE, its Target PER, ORG,
VEH, FAC, WEA; ORG-AFF links PER, ORG, GPE to ORG, GPE. Here ORG gets a child GOV and GOV a
child MINISTRY."""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator import rules
from annotator.commands import schema as schema_commands
from annotator.commands.schema import _relabel_problem, remove_label_command
from annotator.errors import AnnotatorError, Message, SchemaError
from annotator.model import Argument, Event, Relation, Span
from annotator.project import LabelShapes, Project
from annotator.schema import Label, Schema
from annotator.schema.edit import remove_label, with_attributes, with_label
from annotator.schema.model import default_schema
from tests.core.stored import live, problems, state

TEXT = "هاجمت الحكومة الوزارة أمس، وقال محمد إن الجيش مات في روما."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def family(schema: Schema) -> Schema:
    """ORG > GOV > MINISTRY."""
    schema = with_label(schema, Label("GOV", parent="ORG", color="#112233"))
    return with_label(schema, Label("MINISTRY", parent="GOV", color="#223344"))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.set_schema(family(p.schema))
        p.add_document(TEXT, name="d")
        yield p


def types(schema: Schema, event: str, role: str) -> tuple[str, ...]:
    found = schema.event(event)
    assert found is not None
    r = found.role(role)
    assert r is not None
    return r.types


def links(p: Project, attacker: str = "GOV", target: str = "MINISTRY") -> dict[str, str]:
    """هاجمت (Conflict.Attack): الحكومة (``attacker``) its Attacker, الوزارة (``target``) its
    Target; an ORG-AFF from محمد (PER) to الحكومة. The records' ids by name."""
    event = p.add_event(p.add_span(1, *at("هاجمت"), "Conflict.Attack", ME).uuid).uuid
    government = p.add_span(1, *at("الحكومة"), attacker, ME).uuid
    ministry = p.add_span(1, *at("الوزارة"), target, ME).uuid
    person = p.add_span(1, *at("محمد"), "PER", ME).uuid
    return {
        "event": event,
        "attacker": p.add_argument(event, "Attacker", government).uuid,
        "target": p.add_argument(event, "Target", ministry).uuid,
        "relation": p.add_relation("ORG-AFF", person, government).uuid,
        "government": government,
        "ministry": ministry,
    }


def test_the_lists_naming_the_removed_label_name_its_children() -> None:
    schema = family(default_schema())
    after = remove_label(schema, "ORG")
    assert types(after, "Conflict.Attack", "Attacker") == ("PER", "GOV", "GPE")
    assert types(after, "Conflict.Attack", "Target") == ("PER", "GOV", "VEH", "FAC", "WEA")
    org_aff = after.relation("ORG-AFF")
    assert org_aff is not None
    assert (org_aff.arg1, org_aff.arg2) == (("PER", "GOV", "GPE"), ("GOV", "GPE"))
    gov = after.entity("GOV")
    assert gov is not None and gov.parent == ""
    # MINISTRY fits through GOV, as it fitted through GOV and ORG
    assert after.accepts("Conflict.Attack", "Attacker", "MINISTRY")
    # removing GOV: ORG still names ORG, which takes MINISTRY (now ORG's child): unchanged
    after = remove_label(schema, "GOV")
    assert types(after, "Conflict.Attack", "Attacker") == ("PER", "ORG", "GPE")
    assert after.accepts("Conflict.Attack", "Attacker", "MINISTRY")


def test_no_label_fits_a_list_after_that_did_not_before() -> None:
    """Each role's and relation's accepted labels, before and after: the same but the one
    removed (a role naming a child already is not given it twice)."""
    schema = family(default_schema())
    attack = schema.event("Conflict.Attack")
    assert attack is not None
    roles = tuple(
        dataclasses.replace(r, types=("GOV", "MINISTRY")) if r.name == "Instrument" else r
        for r in attack.roles
    )
    schema = with_label(schema, dataclasses.replace(attack, roles=roles))
    spans = [x.name for x in schema.span_labels()]
    for name in ("ORG", "GOV", "MINISTRY"):
        after = remove_label(schema, name)
        for event in schema.events:
            for role in event.roles:
                for label in spans:
                    if label != name:
                        assert schema.accepts(event.name, role.name, label) == after.accepts(
                            event.name, role.name, label
                        ), (name, event.name, role.name, label)
        for relation in schema.relations:
            for one in spans:
                for other in spans:
                    if name not in (one, other):
                        assert schema.relation_accepts(
                            relation.name, one, other
                        ) == after.relation_accepts(relation.name, one, other)
    assert types(remove_label(schema, "ORG"), "Conflict.Attack", "Instrument") == (
        "GOV",
        "MINISTRY",
    )
    assert types(remove_label(schema, "GOV"), "Conflict.Attack", "Instrument") == ("MINISTRY",)


@pytest.mark.parametrize("relabel_to", [None, "PER", "GOV"])
def test_removing_a_parent_keeps_its_children_s_links_valid(
    project: Project, relabel_to: str | None
) -> None:
    """A GOV Attacker, a MINISTRY Target and an ORG-AFF to the GOV span, valid through ORG:
    removing ORG (its annotations kept, or relabelled PER or GOV) keeps them valid; undo and
    redo put the schema and the records back."""
    ids = links(project)
    project.add_span(1, *at("الجيش"), "ORG", ME)  # an ORG span (relabelled, or left unknown)
    assert problems(project) == []
    schema, before = project.schema, live(project)
    command = remove_label_command(project, "ORG", relabel_to=relabel_to)
    command.do(project)
    assert project.schema.entity("ORG") is None
    found = problems(project)
    if relabel_to is None:
        assert len(found) == 1 and "ORG" in found[0], found
    else:
        assert found == []
    assert project.argument(ids["attacker"]).target == ids["government"]
    after, edited = live(project), project.schema
    command.undo(project)
    assert project.schema == schema
    assert live(project) == before
    assert problems(project) == []
    command.do(project)
    assert project.schema == edited
    assert live(project) == after


def _attacker_takes(project: Project, *types: str) -> None:
    attack = project.schema.event("Conflict.Attack")
    assert attack is not None
    roles = tuple(
        dataclasses.replace(r, types=types) if r.name == "Attacker" else r for r in attack.roles
    )
    project.set_schema(with_label(project.schema, dataclasses.replace(attack, roles=roles)))


@pytest.mark.parametrize("relabel_to", [None, "ORG"])
def test_removing_a_middle_label_keeps_its_child_s_link_valid(
    project: Project, relabel_to: str | None
) -> None:
    """The Attacker takes PER and GOV; a MINISTRY span (GOV's child) fills it. Removing GOV
    (MINISTRY moves up under ORG): before, the Attacker took PER alone and ``check`` listed
    the MINISTRY Attacker as wrong-type after the edit; now it takes PER and MINISTRY."""
    _attacker_takes(project, "PER", "GOV")
    links(project, attacker="MINISTRY", target="ORG")
    project.add_span(1, *at("الجيش"), "GOV", ME)  # a GOV span, filling nothing
    assert problems(project) == []
    schema, before = project.schema, live(project)
    command = remove_label_command(project, "GOV", relabel_to=relabel_to)
    command.do(project)
    found = problems(project)
    if relabel_to is None:
        assert found == ["unknown-label: label 'GOV' is not in the schema"]
    else:
        assert found == []
    assert types(project.schema, "Conflict.Attack", "Attacker") == ("PER", "MINISTRY")
    command.undo(project)
    assert project.schema == schema
    assert live(project) == before


def test_relabelling_into_the_parent_is_refused_when_a_role_named_only_the_child(
    project: Project,
) -> None:
    """Attacker takes GOV but not ORG: removing GOV relabelling its spans ORG would widen the
    role to every ORG (naming the parent) or leave the Attacker wrong-type; refused, naming
    it, nothing written."""
    _attacker_takes(project, "PER", "GOV")
    links(project, attacker="GOV", target="ORG")
    assert problems(project) == []
    schema, stored = project.schema, state(project)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(project, "GOV", relabel_to="ORG")
    assert str(raised.value) == (
        "cannot relabel GOV as ORG: 1 argument fills a role that does not accept ORG "
        "(Conflict.Attack.Attacker). A schema edit deletes no annotation: change or delete "
        "those first, or choose another label"
    )
    assert project.schema == schema and state(project) == stored
    # relabelled MINISTRY (GOV's child, which the Attacker takes through GOV's place) it goes
    command = remove_label_command(project, "GOV", relabel_to="MINISTRY")
    command.do(project)
    assert types(project.schema, "Conflict.Attack", "Attacker") == ("PER", "MINISTRY")
    assert problems(project) == []


def test_removing_a_label_roles_accept_keeps_its_annotations_as_unknown(
    project: Project,
) -> None:
    """GPE fills a Place and an ORG-AFF's Arg2: removed without relabel_to, the schema drops
    it from those lists, the spans, argument and relation stay as they are, and ``check``
    reports the span's label as unknown, and the two links it fills as wrong-type (they are:
    the analyst chose to keep annotations of a label the schema no longer has, and finds
    each of them listed); undo puts everything back."""
    event = project.add_event(project.add_span(1, *at("هاجمت"), "Conflict.Attack", ME).uuid)
    rome = project.add_span(1, *at("روما"), "GPE", ME)
    place = project.add_argument(event.uuid, "Place", rome.uuid)
    person = project.add_span(1, *at("محمد"), "PER", ME)
    relation = project.add_relation("ORG-AFF", person.uuid, rome.uuid)
    assert problems(project) == []
    schema, before = project.schema, live(project)
    command = remove_label_command(project, "GPE")
    command.do(project)
    assert project.schema.entity("GPE") is None
    assert "GPE" not in types(project.schema, "Conflict.Attack", "Place")
    assert live(project) == before
    assert project.span(rome.uuid).label == "GPE"
    assert project.argument(place.uuid).target == rome.uuid
    assert project.relation(relation.uuid).target == rome.uuid
    assert problems(project) == [
        "unknown-label: label 'GPE' is not in the schema",
        "wrong-type: role 'Place' of 'Conflict.Attack' does not accept 'GPE'",
        "wrong-type: relation ORG-AFF does not link 'PER' to 'GPE'",
    ]
    command.undo(project)
    assert project.schema == schema
    assert live(project) == before
    assert problems(project) == []


# -- the check of a relabel reads only what the label's records touch ------------------------
WORDS = TEXT.split()
LABELS = ("PER", "ORG", "GOV", "GPE", "LOC")
EVENTS = ("Conflict.Attack", "Life.Die", "Life.Injure")
RELATIONS = ("ORG-AFF", "PHYS", "PART-WHOLE", "GEN-AFF", "PER-SOC")


def _plain(p: Project, name: str) -> schema_commands._Carrying:
    """What the check read before it was made fast: every relation and every argument."""
    return schema_commands._Carrying(
        [s.uuid for s in p.spans(label=name)],
        p.events(type=name),
        p.relations(),
        [a for a in p.iter_records("arguments") if isinstance(a, Argument)],
    )


def _plain_attributes(p: Project, after: Schema, name: str, label: str) -> Message | None:
    """The refusal for attributes ``label`` lacks, judged record by record
    (``rules.relabel_attribute_problem``, what relabelling one span judges) over every live
    span, event and relation, each counted once."""
    carrying: list[Span | Event | Relation] = [
        *p.spans(label=name),
        *p.events(type=name),
        *(r for r in p.relations() if r.type == name),
    ]
    lost = [
        (rec.attributes, type(rec))
        for rec in carrying
        if rules.relabel_attribute_problem(p.schema, after, rec, label) is not None
    ]
    shapes = LabelShapes(
        [],
        [],
        [(a, 1) for a, kind in lost if kind is Span],
        [(a, 1) for a, kind in lost if kind is Event],
        [(a, 1) for a, kind in lost if kind is Relation],
    )
    return schema_commands._attributes_problem(p.schema, after, name, label, shapes)


def _narrowed_attributes(schema: Schema) -> Schema:
    """MentionType on PER, ORG and GPE alone (not GOV, LOC), Realis on Conflict.Attack and
    Life.Injure alone (not Life.Die): relabelling those may lose them."""
    narrowed = {"MentionType": ("PER", "ORG", "GPE"), "Realis": ("Conflict.Attack", "Life.Injure")}
    return with_attributes(
        schema,
        tuple(
            dataclasses.replace(a, labels=narrowed[a.name]) if a.name in narrowed else a
            for a in schema.attributes
        ),
    )


def _said(message: Message | str | None) -> tuple[str, str] | None:
    if message is None:
        return None
    return getattr(message, "template", ""), str(message)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spans=st.lists(
        st.tuples(
            st.integers(0, len(WORDS) - 1),
            st.sampled_from(LABELS + EVENTS),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
    links=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(0, 4), st.booleans()),
        max_size=16,
    ),
    narrow=st.booleans(),
)
@example(  # an ORG-AFF from محمد (PER) to الحكومة (ORG), الحكومة then deleted
    spans=[(5, "PER", False, False, False), (1, "ORG", False, False, True)],
    links=[(0, 1, 0, True)],
    narrow=False,
)
def test_the_fast_check_says_what_the_plain_one_says(
    spans: list[tuple[int, str, bool, bool, bool]],
    links: list[tuple[int, int, int, bool]],
    narrow: bool,
) -> None:
    """Random small projects (two layers, spans of entity labels and triggers, events with
    arguments, relations, some links broken already by a narrowed schema or by a span deleted
    after they were made, some spans and events carrying an attribute of their label that
    other labels lack): for every label, event type and relation type and every one of its
    kind, ``_relabel_problem`` over ``_Carrying.read`` (the links
    through ``Project.label_links``, their ends by uuid) gives the same Message as over every
    relation and argument with every span read; and the check removing a label runs
    (``_relabel_check``: the links judged by their shapes first, the attributes per distinct
    set) gives what that plain check gives, else what judging each record's attributes
    (``rules.relabel_attribute_problem``) gives."""
    with tempfile.TemporaryDirectory() as folder, Project.create(Path(folder) / "p.annotator") as p:
        p.set_schema(_narrowed_attributes(family(p.schema)))
        p.add_document(TEXT, name="d")
        made: list[tuple[str, str, str]] = []  # (uuid, label, layer)
        attributed: set[str] = set()
        doomed: list[str] = []  # deleted once their links are made
        for word, label, other, carries, deleted in spans:
            start = sum(len(w) + 1 for w in WORDS[:word])
            layer = "basma" if other else ME
            kept = {"MentionType": "NAM"} if carries and label in LABELS else {}
            with contextlib.suppress(AnnotatorError):
                span = p.add_span(1, start, start + len(WORDS[word]), label, layer, kept)
                made.append((span.uuid, label, layer))
                if deleted:  # (a trigger's events left without it)
                    doomed.append(span.uuid)
                if carries:
                    attributed.add(span.uuid)
        events = {}
        for uuid, label, layer in made:
            if label in EVENTS:
                kept = {"Realis": "Actual"} if uuid in attributed else {}
                with contextlib.suppress(AnnotatorError):
                    events[uuid] = (p.add_event(uuid, attributes=kept).uuid, label, layer)
        for one, other, role, relation in links:
            if one >= len(made) or other >= len(made):
                continue
            with contextlib.suppress(AnnotatorError):
                if relation:
                    kind = ("ORG-AFF", "PHYS", "PART-WHOLE", "GEN-AFF", "PER-SOC")[role]
                    p.add_relation(kind, made[one][0], made[other][0])
                elif made[one][0] in events:
                    event, type, _ = events[made[one][0]]
                    found = p.schema.event(type)
                    assert found is not None
                    roles = [r.name for r in found.roles]
                    target = events.get(made[other][0], (made[other][0],))[0]
                    p.add_argument(event, roles[role % len(roles)], target)
        for uuid in doomed:  # its links left pointing at a deleted span
            p.delete_span(uuid)
        if narrow:  # links broken already: the Attacker and ORG-AFF's Arg2 take fewer
            _attacker_takes(p, "PER")
            org_aff = p.schema.relation("ORG-AFF")
            assert org_aff is not None
            p.set_schema(with_label(p.schema, dataclasses.replace(org_aff, arg2=("ORG",))))
        schema = p.schema
        for name in (*LABELS, *EVENTS, *RELATIONS):
            try:
                after = remove_label(schema, name)
            except SchemaError:
                continue
            kind = EVENTS if name in EVENTS else RELATIONS if name in RELATIONS else LABELS
            for label in kind:
                if label == name:
                    continue
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(schema_commands, "_FIND_COST", 10**9)
                    plain = _relabel_problem(p, after, name, label, _plain(p, name))
                for cost in (0, 10**9):  # the ends by uuid, or picked out of every span
                    with pytest.MonkeyPatch.context() as patch:
                        patch.setattr(schema_commands, "_FIND_COST", cost)
                        fast = _relabel_problem(
                            p, after, name, label, schema_commands._Carrying.read(p, name)
                        )
                    assert _said(fast) == _said(plain), (name, label, cost)
                checked = schema_commands._relabel_check(p, after, name, label)
                triggerless = sum(
                    1 for e in p.events(type=name) if p.find(e.trigger, "spans") is None
                )
                expected = (
                    plain
                    or (
                        triggerless
                        and schema_commands._triggerless_message(name, label, triggerless)
                    )
                    or _plain_attributes(p, after, name, label)
                )
                assert _said(checked) == _said(expected), (name, label)
