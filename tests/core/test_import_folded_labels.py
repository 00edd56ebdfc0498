"""An import says which of the labels a file defines it did not add, being the schema's own
written otherwise (``Per`` for ``PER``: one name by ``name_key``; what carries them is not
relabelled), and ``--new-labels add`` refuses a
used label that is the schema's written otherwise by naming it, before anything is written
(it added ``Per`` beside ``PER`` and the whole import failed with only the one-name rule)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.errors import ImportFormatError
from annotator.formats.common import Changed
from annotator.formats.registry import read_any
from annotator.importing import import_documents
from annotator.project import Project
from annotator.schema import Label, default_schema
from annotator.schema.edit import add_label, rename_label


def _file(tmp_path: Path, label: str, schema: bool) -> Path:
    src = tmp_path / "in.jsonl"
    line: dict[str, object] = {
        "text": "نص قصير جدا",
        "spans": [{"start": 0, "end": 2, "label": label}],
    }
    if schema:
        theirs = add_label(rename_label(default_schema(), "PER", "Per"), Label("DATE"))
        line["schema"] = theirs.to_json()
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return src


def test_the_import_report_says_which_label_it_took_as_the_schemas(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        report = import_documents(p, read_any(_file(tmp_path, "DATE", True), "jsonl", True))
        assert report.labels_added == ["DATE"]
        taken = [x for x in report.problems if isinstance(x, Changed)]
        assert len(taken) == 1
        line = str(taken[0].text())
        # not "taken as the schema's": nothing labelled Per is relabelled PER (QA 14)
        assert "in.jsonl" in line and (
            "label 'Per' it defines not added to the schema: it is the schema's 'PER' written "
            "otherwise" in line
        )
        assert line.endswith("its annotations are not relabelled")
        assert any(str(x).startswith("changed: ") and "'Per'" in str(x) for x in report.lines())


def test_new_labels_add_refuses_a_label_that_is_the_schemas_written_otherwise(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        before = p.schema
        with pytest.raises(ImportFormatError) as caught:
            import_documents(
                p, read_any(_file(tmp_path, "Per", False), "jsonl", True), new_labels="add"
            )
        message = str(caught.value)
        assert "in.jsonl" in message and "'Per'" in message and "'PER'" in message
        assert "--new-labels skip" in message
        assert p.schema == before and p.documents() == []
    with Project.open(path) as again:
        assert again.documents() == [] and again.schema.label("Per") is None
