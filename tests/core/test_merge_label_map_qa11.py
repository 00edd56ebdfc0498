"""QA round 11 of the merge's label and role maps: a role map giving a new event type one
role twice, a mapped label's attributes, maps of another kind, what the report counts, and a
project file's labels carried only by its records."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands.schema import remove_label_command
from annotator.exchange import canonical_dump, merge_bundle, read_bundle, write_bundle
from annotator.exchange.label_map import LabelMapError
from annotator.project import Project
from annotator.schema import AttributeDef, EventType, Label, RelationType, Role, default_schema
from annotator.schema.edit import add_label, with_attributes

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"


def _meet_bundle(tmp_path: Path) -> Path:
    s = add_label(default_schema(), Label("Person"))
    roles = (Role("Place", ("GPE",), "?"), Role("Location", ("GPE",), "?"))
    s = add_label(s, EventType("Meet", roles=roles))
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        d = p.add_document(TEXT)
        p.add_span(d.id, 0, 3, "Person", "amal")
        i, j = TEXT.index("الاجتماع"), TEXT.index("باريس")
        ev = p.add_event(p.add_span(d.id, i, i + 8, "Meet", "amal").uuid)
        p.add_argument(ev.uuid, "Location", p.add_span(d.id, j, j + 5, "GPE", "amal").uuid)
        write_bundle(p, "amal", tmp_path / "b.bundle")
    return tmp_path / "b.bundle"


def test_a_role_map_giving_a_new_event_type_one_role_twice_is_refused(tmp_path: Path) -> None:
    bundle = _meet_bundle(tmp_path)
    with Project.create(tmp_path / "t.annotator") as t:
        before = canonical_dump(t)
        with pytest.raises(LabelMapError) as err:
            merge_bundle(t, read_bundle(bundle), "b", role_map={"Location": "Place"})
        assert str(err.value) == (
            "role map: the event type 'Meet' of b has the roles 'Location' and 'Place'; "
            "mapping 'Location' to 'Place' would give it 'Place' twice"
        )
        assert canonical_dump(t) == before and t.schema.label("Meet") is None
        # mapped onto our event type, Meet is not added: the role map is fine then
        report = merge_bundle(
            t, read_bundle(bundle), "b",
            label_map={"Meet": "Contact.Meet"}, role_map={"Location": "Place"},
        )  # fmt: skip
        assert report.quarantined == [] and report.roles_relabelled == {"Location": 1}


@pytest.mark.parametrize("extra", [False, True])
def test_a_mapped_label_takes_none_of_their_attributes(tmp_path: Path, extra: bool) -> None:
    s = add_label(default_schema(), Label("Person"))
    if extra:
        s = add_label(s, Label("Extra"))
    age = AttributeDef("Age", "enum", ("young", "old"), ("Person",))
    s = with_attributes(s, (*s.attributes, age))
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        d = p.add_document(TEXT)
        p.add_span(d.id, 4, 8, "Person", "amal", attributes={"Age": "old"})
        p.add_span(d.id, 0, 3, "Person", "amal")
        write_bundle(p, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator") as t:
        per = t.schema.label("PER")
        report = merge_bundle(
            t, read_bundle(tmp_path / "b.bundle"), "b", label_map={"Person": "PER"}
        )
        # the same outcome with or without another new label: our PER as it was
        assert t.schema.label("PER") == per and t.schema.attribute("Age") is None
        assert [q.reason for q in report.quarantined] == [
            "attribute 'Age' is not defined for 'PER'"
        ]
        assert [(x.label, x.attributes) for x in t.spans()] == [("PER", {})]
        assert report.labels_added == (["Extra"] if extra else [])


def test_an_attribute_on_a_mapped_and_an_added_label_keeps_the_added_one(tmp_path: Path) -> None:
    s = add_label(add_label(default_schema(), Label("Person")), Label("Extra"))
    s = with_attributes(s, (*s.attributes, AttributeDef("Age", "text", (), ("Person", "Extra"))))
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        p.add_span(p.add_document(TEXT).id, 0, 3, "Extra", "amal", attributes={"Age": "3"})
        write_bundle(p, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator") as t:
        merge_bundle(t, read_bundle(tmp_path / "b.bundle"), "b", label_map={"Person": "PER"})
        age = t.schema.attribute("Age")
        assert age is not None and age.labels == ("Extra",)


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [("Person", "PHYS"), ("Meet", "PER"), ("Person", "Contact.Meet"), ("Near", "PER")],
)
def test_a_map_onto_a_label_of_another_kind_is_refused(
    tmp_path: Path, theirs: str, ours: str
) -> None:
    s = add_label(default_schema(), Label("Person"))
    s = add_label(s, EventType("Meet", roles=(Role("Place", ("GPE",), "?"),)))
    s = add_label(s, RelationType("Near", arg1=("PER",), arg2=("GPE",)))
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        p.add_span(p.add_document(TEXT).id, 0, 3, "Person", "amal")
        write_bundle(p, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator") as t:
        before = canonical_dump(t)
        with pytest.raises(LabelMapError) as err:
            merge_bundle(t, read_bundle(tmp_path / "b.bundle"), "b", label_map={theirs: ours})
        assert str(err.value) == (
            f"label map: {theirs!r} of b and the project's {ours!r} are not of one kind "
            "(entity label, event type or relation type)"
        )
        assert canonical_dump(t) == before


def test_a_label_only_records_carry_is_judged_by_their_kind(tmp_path: Path) -> None:
    from annotator.exchange.merge import merge_project_file, project_file_labels

    with Project.create(
        tmp_path / "s.annotator", schema=add_label(default_schema(), Label("Pers"))
    ) as s:
        s.add_span(s.add_document(TEXT).id, 4, 8, "Pers", "amal")
        remove_label_command(s, "Pers").do(s)  # the records keep 'Pers'
        write_bundle(s, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator") as t:
        with pytest.raises(LabelMapError, match="not of one kind"):
            merge_bundle(
                t, read_bundle(tmp_path / "b.bundle"), "b", label_map={"Pers": "Contact.Meet"}
            )
        # a project file: its records' labels are read before the map is checked
        _, held, _ = project_file_labels(tmp_path / "s.annotator")
        assert held == {"Pers": "entity"}
        report = merge_project_file(t, tmp_path / "s.annotator", label_map={"Pers": "PER"})
        assert report.quarantined == [] and report.relabelled == {"Pers": 1}
        assert [x.label for x in t.spans()] == ["PER"]


def test_the_report_counts_only_relabelled_versions_written(tmp_path: Path) -> None:
    bundle = _meet_bundle(tmp_path)
    with Project.create(tmp_path / "t.annotator") as t:
        first = merge_bundle(t, read_bundle(bundle), "b", label_map={"Person": "PER"})
        assert first.relabelled == {"Person": 1}
        again = merge_bundle(t, read_bundle(bundle), "b", label_map={"Person": "PER"})
        assert (again.added, again.updated) == (0, 0) and again.relabelled == {}
        assert "b: label 'Person' mapped to the project's 'PER': 0 records relabelled" in (
            again.lines()
        )
