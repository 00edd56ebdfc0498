"""An import of a file whose schema defines attributes the project's lacks adopts them
(``adopt_labels``, whether or not a label is added: 5f75b4d) and its report says each, as a
merge's does: the report named the labels added and the names taken as the schema's, never
the attributes added, so the schema changed silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats.common import Changed
from annotator.formats.registry import read_any
from annotator.importing import ImportReport, import_documents, stream_files
from annotator.project import Project
from annotator.schema import AttributeDef, Label, default_schema
from annotator.schema.edit import add_label, with_attributes

X_ON_PER = AttributeDef("X", "enum", ("a", "b"), ("PER",))
NOTE_ON_ALL = AttributeDef("Note", "text")
X_LINE = "in.jsonl: attribute 'X' it defines added to the schema, on PER"
NOTE_LINE = "in.jsonl: attribute 'Note' it defines added to the schema, on every label"


def _file(tmp_path: Path, extra: bool) -> Path:
    theirs = default_schema()
    if extra:
        theirs = add_label(theirs, Label("DATE"))
    theirs = with_attributes(theirs, (*theirs.attributes, X_ON_PER, NOTE_ON_ALL))
    line = {
        "text": "قال محمد إن الاجتماع في باريس كان مثمرا",
        "spans": [{"start": 4, "end": 8, "label": "PER", "attributes": {"X": "a", "Note": "n"}}],
        "schema": theirs.to_json(),
    }
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return src


def _import(p: Project, src: Path, streamed: bool) -> ImportReport:
    if streamed:
        return import_documents(p, stream_files([src]), annotator="amal")
    return import_documents(p, read_any(src, "jsonl", True), annotator="amal")


@pytest.mark.parametrize("streamed", [False, True], ids=["read", "streamed"])
@pytest.mark.parametrize("extra", [False, True], ids=["alone", "with-DATE"])
def test_the_import_report_names_each_attribute_it_adopted(
    tmp_path: Path, streamed: bool, extra: bool
) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        report = _import(p, _file(tmp_path, extra), streamed)
        assert p.schema.attribute("X") == X_ON_PER and p.schema.attribute("Note") == NOTE_ON_ALL
        assert report.labels_added == (["DATE"] if extra else [])
        assert [s.attributes for s in p.spans()] == [{"X": "a", "Note": "n"}]
        lines = [str(x) for x in report.lines()]
        for said_line in (X_LINE, NOTE_LINE):  # "changed: <the file's path>: ..."
            assert any(x.startswith("changed: ") and x.endswith(said_line) for x in lines), lines
        said = [x for x in report.problems if isinstance(x, Changed)]
        assert sorted(x.message.template for x in said) == [  # type: ignore[union-attr]
            "attribute {attribute} it defines added to the schema, on every label",
            "attribute {attribute} it defines added to the schema, on {labels}",
        ]
        # imported again: the schema has them, nothing is said
        again = _import(p, _file(tmp_path, extra), streamed)
        assert not any("it defines added" in str(x) for x in again.lines())
