"""A merge without a map adopts the colleague's attributes our schema lacks, for labels we
share too, whether or not it adds a label of theirs: ``adopt_labels`` returned early when no
label was added, so a record of theirs carrying ``X`` on our shared ``PER`` was taken in (PER
gained X) when their bundle also held an unrelated new label, and quarantined ("attribute 'X'
is not defined for 'PER'") when it did not. The report names what was adopted; a merge that
fails adopts nothing (one transaction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import Cancelled
from annotator.exchange import canonical_dump, merge_bundle, read_bundle, write_bundle
from annotator.project import Project
from annotator.schema import AttributeDef, Label, default_schema
from annotator.schema.edit import add_label, adopt_labels, with_attributes

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"

X_ON_PER = AttributeDef("X", "enum", ("a", "b"), ("PER",))
NOTE_ON_ALL = AttributeDef("Note", "text")


def _bundle(tmp_path: Path, attribute: AttributeDef, extra: bool) -> Path:
    s = default_schema()
    if extra:
        s = add_label(s, Label("Extra"))
    s = with_attributes(s, (*s.attributes, attribute))
    value = "a" if attribute.kind == "enum" else "note"
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        d = p.add_document(TEXT)
        p.add_span(d.id, 4, 8, "PER", "amal", attributes={attribute.name: value})
        write_bundle(p, "amal", tmp_path / "b.bundle")
    return tmp_path / "b.bundle"


@pytest.mark.parametrize("attribute", [X_ON_PER, NOTE_ON_ALL], ids=["on-PER", "every-label"])
@pytest.mark.parametrize("extra", [False, True], ids=["alone", "with-Extra"])
def test_their_attribute_on_a_shared_label_is_adopted_with_or_without_a_new_label(
    tmp_path: Path, attribute: AttributeDef, extra: bool
) -> None:
    bundle = _bundle(tmp_path, attribute, extra)
    with Project.create(tmp_path / "t.annotator") as t:
        report = merge_bundle(t, read_bundle(bundle), "b")
        assert report.quarantined == [] and report.labels_not_added == ""
        assert t.schema.attribute(attribute.name) == attribute
        assert [x.label for x in t.spans()] == ["PER"]
        assert report.labels_added == (["Extra"] if extra else [])
        again = merge_bundle(t, read_bundle(bundle), "b")
        assert again.quarantined == [] and again.attributes_added == []


def test_the_report_names_each_adopted_attribute(tmp_path: Path) -> None:
    s = with_attributes(default_schema(), (*default_schema().attributes, X_ON_PER, NOTE_ON_ALL))
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        p.add_document(TEXT)
        write_bundle(p, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator") as t:
        report = merge_bundle(t, read_bundle(tmp_path / "b.bundle"), "b")
        lines = report.lines()
        assert "attribute added from b: X on PER" in lines
        assert "attribute added from b: Note on every label" in lines
        line = next(x for x in lines if x.startswith("attribute added from b: X"))
        assert line.template == "attribute added from {where}: {attribute} on {labels}"
        # the merge's entry of the change log says it too
        logged = [c for c in t.changes() if c.action == "merge"]
        assert logged and "attribute added from b: X on PER" in (logged[0].after or {})["lines"]


def test_a_failed_merge_adopts_no_attribute(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, X_ON_PER, False)
    with Project.create(tmp_path / "t.annotator") as t:
        before = canonical_dump(t)
        with pytest.raises(Cancelled):
            merge_bundle(t, read_bundle(bundle), "b", cancelled=lambda: True)
        assert t.schema.attribute("X") is None and canonical_dump(t) == before
        report = merge_bundle(t, read_bundle(bundle), "b")  # the same merge, let run
        assert report.quarantined == [] and t.schema.attribute("X") == X_ON_PER


def test_adopt_labels_adopts_their_attributes_when_it_adds_no_label() -> None:
    mine = default_schema()
    theirs = with_attributes(mine, (*mine.attributes, X_ON_PER))
    adopted = adopt_labels(mine, theirs)
    assert adopted.added == () and adopted.refused == ""
    assert adopted.attributes_added == (X_ON_PER,)
    assert adopted.schema.attribute("X") == X_ON_PER
    # nothing of theirs we lack: ours as it is
    assert adopt_labels(adopted.schema, theirs).schema is adopted.schema


@pytest.mark.parametrize("extra", [False, True], ids=["alone", "with-Extra"])
def test_a_mapped_label_still_takes_nothing_but_an_attribute_for_every_label_is_everyones(
    tmp_path: Path, extra: bool
) -> None:
    s = add_label(default_schema(), Label("Person"))
    if extra:
        s = add_label(s, Label("Extra"))
    age = AttributeDef("Age", "text", (), ("Person",))
    s = with_attributes(s, (*s.attributes, age, NOTE_ON_ALL))
    with Project.create(tmp_path / "s.annotator", schema=s) as p:
        d = p.add_document(TEXT)
        p.add_span(d.id, 4, 8, "Person", "amal", attributes={"Age": "3"})
        p.add_span(d.id, 0, 3, "Person", "amal", attributes={"Note": "n"})
        write_bundle(p, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator") as t:
        report = merge_bundle(
            t, read_bundle(tmp_path / "b.bundle"), "b", label_map={"Person": "PER"}
        )
        # their Person's own attribute is not ours (8a196b2); the one of theirs for every
        # label is adopted for every label of the project, PER included, and reported
        assert t.schema.attribute("Age") is None and t.schema.attribute("Note") == NOTE_ON_ALL
        assert [q.reason for q in report.quarantined] == [
            "attribute 'Age' is not defined for 'PER'"
        ]
        assert "attribute added from b: Note on every label" in report.lines()
