"""A colleague's label (or attribute) written otherwise than one of ours (``Per`` beside our
``PER``: one name by ``name_key``) is ours, not new: ``adopt_labels`` compared names as
written, so the combined schema broke the one-name rule and the WHOLE adoption was refused,
their genuinely new labels (``DATE``) with it. Now it is taken as ours and said so
(``Adopted.taken``, the merge report's line), their other labels are added, and their
annotations labelled ``Per`` are quarantined (kept, with the reason), never renamed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.formats.registry import read_any
from annotator.importing import import_documents
from annotator.project import Project
from annotator.schema import Label, Schema, default_schema
from annotator.schema.edit import add_label, adopt_labels, rename_label, with_attributes
from annotator.validation import check_project

SEED = Path(__file__).resolve().parents[2] / "resources/samples/000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")


def _theirs() -> Schema:
    """The default schema with PER written Per, and a new DATE under it."""
    return add_label(rename_label(default_schema(), "PER", "Per"), Label("DATE", parent="Per"))


def test_a_label_written_otherwise_is_ours_and_the_new_ones_are_added() -> None:
    mine = default_schema()
    adopted = adopt_labels(mine, _theirs())
    assert adopted.refused == "" and adopted.added == ("DATE",)
    assert adopted.taken == (("Per", "PER"),)
    schema = adopted.schema
    assert schema.problems() == [] and schema.label("Per") is None
    date = schema.label("DATE")
    assert date is not None and date.parent == "PER"  # their parent, by our name
    assert schema.attributes == mine.attributes  # theirs name Per where ours name PER


def test_a_folded_label_alone_adds_nothing_and_refuses_nothing() -> None:
    mine = default_schema()
    adopted = adopt_labels(mine, rename_label(mine, "PER", "per"))
    assert adopted == adopt_labels(mine, rename_label(mine, "PER", "per"))
    assert adopted.schema is mine and adopted.added == () and adopted.refused == ""
    assert adopted.taken == (("per", "PER"),)


def test_arabic_forms_are_one_name() -> None:
    mine = add_label(default_schema(), Label("أشخاص"))
    theirs = add_label(add_label(default_schema(), Label("اشخاص")), Label("تاريخ"))
    adopted = adopt_labels(mine, theirs)
    assert adopted.refused == "" and adopted.added == ("تاريخ",)
    assert adopted.taken == (("اشخاص", "أشخاص"),)


def test_their_new_label_that_refers_to_a_folded_one_refers_to_ours() -> None:
    theirs = rename_label(default_schema(), "GPE", "gpe")
    rel = dataclasses.replace(
        theirs.relations[0], name="LIVES-IN", arg1=("Per",), arg2=("gpe",), hotkey=""
    )
    theirs = add_label(rename_label(theirs, "PER", "Per"), rel)
    adopted = adopt_labels(default_schema(), theirs)
    assert adopted.refused == "" and adopted.added == ("LIVES-IN",)
    lives = adopted.schema.relation("LIVES-IN")
    assert lives is not None and (lives.arg1, lives.arg2) == (("PER",), ("GPE",))


def test_an_attribute_written_otherwise_is_ours() -> None:
    mine = default_schema()
    theirs = add_label(mine, Label("DATE"))
    theirs = with_attributes(
        theirs,
        tuple(
            dataclasses.replace(a, name="mentiontype", labels=(*a.labels, "DATE"))
            if a.name == "MentionType"
            else a
            for a in theirs.attributes
        ),
    )
    adopted = adopt_labels(mine, theirs)
    assert adopted.refused == "" and adopted.added == ("DATE",)
    assert adopted.attributes_taken == (("mentiontype", "MentionType"),)
    assert [a.name for a in adopted.schema.attributes] == [a.name for a in mine.attributes]
    mention = adopted.schema.attribute("MentionType")
    assert mention is not None and mention.applies_to("DATE")  # extended as by its own name


def test_a_merge_takes_per_as_ours_adds_date_and_quarantines_the_per_spans(
    tmp_path: Path,
) -> None:
    with Project.create(tmp_path / "s.annotator", schema=_theirs()) as s:
        doc = s.add_document(TEXT)
        per = s.add_span(doc.id, 0, 6, "Per", "amal")
        date = s.add_span(doc.id, 7, 12, "DATE", "amal")
        write_bundle(s, "amal", tmp_path / "amal.bundle")
    with Project.create(tmp_path / "t.annotator") as target:
        report = merge_bundle(target, read_bundle(tmp_path / "amal.bundle"), "amal.bundle")
        assert report.labels_added == ["DATE"] and report.labels_not_added == ""
        assert report.labels_taken == [("Per", "PER")]
        lines = [str(x) for x in report.lines()]
        assert "labels added from amal.bundle: DATE" in lines
        assert (
            "amal.bundle: label 'Per' not added to the schema: it is the project's 'PER' written "
            "otherwise (they differ only in case, harakat, tatweel, alef forms or digit forms); "
            "1 record labelled 'Per' quarantined, not relabelled 'PER' (a label map 'Per' as "
            "'PER' relabels it)"
        ) in lines
        # their Per span is kept aside with the reason, not renamed, not lost
        assert [(q.uuid, q.reason) for q in report.quarantined] == [
            (per.uuid, "label 'Per' is not in the schema")
        ]
        assert "quarantined (label 'Per' is not in the schema): 1" in lines
        assert [(sp.uuid, sp.label) for sp in target.spans()] == [(date.uuid, "DATE")]
        (held,) = target.quarantined()
        assert held["record"]["label"] == "Per"
        assert target.schema.problems() == [] and check_project(target) == []
    with Project.open(tmp_path / "t.annotator") as again:  # stored, and it reopens
        assert again.schema.label("DATE") is not None and again.schema.label("Per") is None


def test_an_import_of_a_file_carrying_per_adds_its_date(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    line = {
        "text": "نص قصير جدا",
        "spans": [{"start": 0, "end": 2, "label": "DATE"}],
        "schema": _theirs().to_json(),
    }
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with Project.create(tmp_path / "dst.annotator") as q:
        report = import_documents(q, read_any(src, "jsonl", True))
        assert report.labels_added == ["DATE"] and report.spans == 1
        assert not any("labels it defines not added" in str(x) for x in report.problems)
        assert q.schema.label("Per") is None and q.schema.problems() == []
        date = q.schema.label("DATE")
        assert date is not None and date.parent == "PER"
