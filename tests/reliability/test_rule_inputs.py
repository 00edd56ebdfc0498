"""Inputs that once bricked a project through names and schema changes (issue: one rule set).

After every accepted input the project reopens and ``check`` passes; every refused input
ends in one line naming the file and line, with the project unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator import Project
from annotator.cli import main
from annotator.errors import AnnotatorError, ImportFormatError
from annotator.exchange import canonical_hash
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from annotator.validation import check_project

TEXT = "قال وزير الخارجية في باريس إن المحادثات ستستمر."


def _jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def _reopens_clean(path: Path) -> None:
    with Project.open(path) as p:
        assert [str(i) for i in check_project(p)] == []


@pytest.mark.parametrize(
    "label", ["NEW LABEL", "<NEW>", "!X", "TAB\tX", "\u202eGPE", "A\nB", "PER\u200b", "\u2060ORG"]
)
def test_new_label_that_no_format_can_hold_is_refused_with_file_and_line(
    tmp_path: Path, label: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.annotator"
    Project.create(project).close()
    src = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"text": "نص أول", "spans": []},
            {"text": TEXT, "spans": [{"start": 4, "end": 8, "label": label}]},
        ],
    )
    with Project.open(project) as p:
        before = canonical_hash(p), p.schema
    code = main(["import", str(project), str(src), "--new-labels", "add", "--annotator", "amal"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1
    assert f"{src}:2:" in err
    assert any(why in err for why in ("white space", "bidi", "control", "invisible"))
    with Project.open(project) as p:
        assert (canonical_hash(p), p.schema) == before
    _reopens_clean(project)


def test_new_labels_that_are_fine_are_added_and_the_project_reopens(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    Project.create(project).close()
    line = {"text": TEXT, "spans": [{"start": 4, "end": 8, "label": "وزارة"}]}
    src = _jsonl(tmp_path / "in.jsonl", [line])
    assert main(["import", str(project), str(src), "--new-labels", "add"]) == 0
    _reopens_clean(project)
    with Project.open(project) as p:
        assert p.schema.label("وزارة") is not None


def test_two_handles_adding_labels_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    a, b = Project.open(path), Project.open(path)
    try:
        for handle, label, text in ((a, "ALPHA", "نص أ"), (b, "BETA", "نص ب")):
            line = {"text": text, "spans": [{"start": 0, "end": 2, "label": label}]}
            src = _jsonl(tmp_path / f"{label}.jsonl", [line])
            import_documents(handle, read_jsonl(src), annotator="amal", new_labels="add")
    finally:
        a.close()
        b.close()
    with Project.open(path) as p:
        assert p.schema.label("ALPHA") is not None and p.schema.label("BETA") is not None
        assert len(p.spans()) == 2
    _reopens_clean(path)


def test_duplicate_span_ids_in_one_document_are_refused(tmp_path: Path) -> None:
    src = _jsonl(
        tmp_path / "dup.jsonl",
        [{"text": TEXT, "spans": [{"id": "s1", "start": 0, "end": 3, "label": "PER"},
                                  {"id": "s1", "start": 4, "end": 8, "label": "PER"}]}],
    )  # fmt: skip
    with Project.create(tmp_path / "p.annotator") as p:
        before = canonical_hash(p)
        with pytest.raises(ImportFormatError, match=r"dup\.jsonl:1: .*used twice"):
            import_documents(p, read_jsonl(src), annotator="amal")
        assert canonical_hash(p) == before
        report = import_documents(p, read_jsonl(src, strict=False), annotator="amal", strict=False)
        assert len(p.spans()) == report.spans <= 1  # never two spans counted for one stored
        assert any("used twice" in str(x) for x in report.problems)


@pytest.mark.parametrize("name", ["bad\nname", "\u202eamal", "", " ", "a\x00b", "x" * 201])
def test_annotator_names_are_one_rule_for_api_and_import(tmp_path: Path, name: str) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT)
        with pytest.raises(AnnotatorError, match="annotator name"):
            p.add_span(doc.id, 0, 3, "PER", annotator=name)
        src = _jsonl(tmp_path / "in.jsonl", [{"text": "نص", "annotator": name}])
        if name.strip():  # an empty name in a file means "the default layer"
            with pytest.raises(ImportFormatError, match=r"in\.jsonl:1: .*(annotator|NUL)"):
                import_documents(p, read_jsonl(src))
        assert p.annotators() == []


def test_project_whose_stored_schema_breaks_the_rules_still_opens(tmp_path: Path) -> None:
    """A file written before the rules existed (a label with a space) opens; check says why."""
    path = tmp_path / "old.annotator"
    with Project.create(path) as p:
        data = p.schema.to_json()
    data["entities"].append({"name": "BAD LABEL", "en": "x", "ar": "", "color": "#000000"})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema SET json = ? WHERE id = 1", [json.dumps(data)])
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        problems = [str(i) for i in check_project(p)]
    assert any("BAD LABEL" in x for x in problems)
    assert main(["stats", str(path)]) == 0
