"""A colleague's attribute named as ours but for case or folding (their ``realis`` beside our
``Realis``, ``X`` beside ``x``, ``مُؤكَّد`` beside ``مؤكد``) is taken as ours by the merge
(``adopt_labels``: "attribute 'مُؤكَّد' taken as the project's 'مؤكد'"), yet the records'
keys were never renamed, so every record carrying it was quarantined ("attribute 'مُؤكَّد'
is not defined for 'PER'", QA t6_attr_clash H1-H3). Their keys are now written as ours
(``label_map.relabel``) before the records are judged, against our definition; a record
carrying both spellings is quarantined with that reason. An import of a file whose schema
names the attribute so does the same."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import ImportFormatError
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.formats.registry import read_any
from annotator.importing import import_documents
from annotator.model import Span
from annotator.project import Project
from annotator.schema import AttributeDef, Schema, default_schema
from annotator.schema.edit import with_attributes

TEXT = "قال محمد إن باريس جميلة"
BASE = default_schema()


def _with(attr: AttributeDef) -> Schema:
    return with_attributes(BASE, (*BASE.attributes, attr))


def _at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


def _merge(
    tmp_path: Path, theirs: Schema, ours: Schema, attributes: dict[str, Any]
) -> tuple[list[str], list[tuple[str, dict[str, Any]]]]:
    with Project.create(tmp_path / "s.annotator", schema=theirs) as p:
        doc = p.add_document(TEXT)
        p.add_span(doc.id, *_at("محمد"), "PER", "amal", attributes=attributes)
        write_bundle(p, "amal", tmp_path / "b.bundle")
    with Project.create(tmp_path / "t.annotator", schema=ours) as t:
        report = merge_bundle(t, read_bundle(tmp_path / "b.bundle"), "b")
        return [str(x) for x in report.lines()], [(s.label, s.attributes) for s in t.spans()]


def test_h3_harakat_variant_merged_under_our_name(tmp_path: Path) -> None:
    ours = _with(AttributeDef("مؤكد", "bool"))
    lines, spans = _merge(tmp_path, _with(AttributeDef("مُؤكَّد", "bool")), ours, {"مُؤكَّد": True})
    assert spans == [("PER", {"مؤكد": True})]
    assert not any("quarantined" in x for x in lines)
    assert any("'مُؤكَّد' taken as the project's 'مؤكد'" in x for x in lines)


def test_h2_case_variant_judged_by_our_definition(tmp_path: Path) -> None:
    # ours applies to PER: merged with our key
    lines, spans = _merge(
        tmp_path,
        _with(AttributeDef("X", "bool", (), ("PER",))),
        _with(AttributeDef("x", "bool", (), ("PER", "ORG"))),
        {"X": True},
    )
    assert spans == [("PER", {"x": True})]
    assert not any("quarantined" in x for x in lines)


def test_h2_our_definition_not_on_the_label_quarantines_under_our_name(tmp_path: Path) -> None:
    # the QA case: our x is on ORG only, so their X on PER is judged as our x on PER
    lines, spans = _merge(
        tmp_path,
        _with(AttributeDef("X", "bool", (), ("PER",))),
        _with(AttributeDef("x", "bool", (), ("ORG",))),
        {"X": True},
    )
    assert spans == []
    assert "quarantined (attribute 'x' is not defined for 'PER'): 1" in lines


def test_h1_case_variant_enum_value_ours_allows(tmp_path: Path) -> None:
    ours = _with(AttributeDef("Certainty", "enum", ("High", "Low"), ("PER",)))
    theirs = _with(AttributeDef("certainty", "enum", ("High", "Low", "Maybe"), ("PER",)))
    lines, spans = _merge(tmp_path, theirs, ours, {"certainty": "High"})
    assert spans == [("PER", {"Certainty": "High"})]
    assert not any("quarantined" in x for x in lines)


def test_a_value_our_definition_does_not_allow_is_still_quarantined(tmp_path: Path) -> None:
    ours = _with(AttributeDef("Certainty", "enum", ("High", "Low"), ("PER",)))
    theirs = _with(AttributeDef("certainty", "enum", ("High", "Low", "Maybe"), ("PER",)))
    lines, spans = _merge(tmp_path, theirs, ours, {"certainty": "Maybe"})
    assert spans == []
    held = [x for x in lines if x.startswith("quarantined")]
    assert len(held) == 1 and "'Certainty'" in held[0] and "'Maybe'" in held[0]


def test_a_record_carrying_both_spellings_is_quarantined_with_the_reason(tmp_path: Path) -> None:
    ours = _with(AttributeDef("note", "text"))
    theirs = _with(AttributeDef("Note", "text"))
    with Project.create(tmp_path / "s.annotator", schema=theirs) as p:
        doc = p.add_document(TEXT)
        p.add_span(doc.id, *_at("محمد"), "PER", "amal", attributes={"Note": "theirs"})
        write_bundle(p, "amal", tmp_path / "b.bundle")
    bundle = read_bundle(tmp_path / "b.bundle")
    for i, br in enumerate(bundle.records):  # a record carrying both keys (a schema cannot)
        if isinstance(br.record, Span):
            both = {**br.record.attributes, "note": "ours"}
            bundle.records[i] = br._replace(record=dataclasses.replace(br.record, attributes=both))
    with Project.create(tmp_path / "t.annotator", schema=ours) as t:
        lines = [str(x) for x in merge_bundle(t, bundle, "b").lines()]
        assert list(t.spans()) == []
    assert (
        "quarantined (attributes 'Note' and 'note' are one name (they differ only in case, "
        "harakat, tatweel, alef forms or digit forms) and the record carries both): 1"
    ) in lines


def _jsonl(tmp_path: Path, theirs: Schema, attributes: dict[str, Any]) -> Path:
    src = tmp_path / "in.jsonl"
    start, end = _at("محمد")
    line = {
        "text": TEXT,
        "spans": [{"start": start, "end": end, "label": "PER", "attributes": attributes}],
        "schema": theirs.to_json(),
    }
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return src


def test_import_renames_the_key_taken_as_the_schemas(tmp_path: Path) -> None:
    ours = _with(AttributeDef("مؤكد", "bool"))
    src = _jsonl(tmp_path, _with(AttributeDef("مُؤكَّد", "bool")), {"مُؤكَّد": True})
    with Project.create(tmp_path / "p.annotator", schema=ours) as p:
        report = import_documents(p, read_any(src, "jsonl", True))
        assert [s.attributes for s in p.spans()] == [{"مؤكد": True}]
        assert report.spans == 1
        assert not [x for x in report.problems if "not defined" in str(x.text())]


def test_import_skips_a_record_carrying_both_spellings(tmp_path: Path) -> None:
    ours = _with(AttributeDef("note", "text"))
    src = _jsonl(tmp_path, _with(AttributeDef("Note", "text")), {"Note": "a", "note": "b"})
    with Project.create(tmp_path / "p.annotator", schema=ours) as p:
        with pytest.raises(ImportFormatError, match="'Note' and 'note' are one name"):
            import_documents(p, read_any(src, "jsonl", True))
        report = import_documents(p, read_any(src, "jsonl", True), strict=False)
        assert list(p.spans()) == []
        texts = [str(x.text()) for x in report.problems]
        assert any("attributes 'Note' and 'note' are one name" in x for x in texts), texts
