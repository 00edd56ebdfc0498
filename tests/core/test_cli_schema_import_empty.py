"""``annotator schema --import`` with a file that defines nothing, and with one that drops
labels annotations still carry (QA 13: an empty or comment-only annotation.conf, or ``{}``,
emptied the schema with exit 0 and no word)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.project import Project
from annotator.schema import Schema

SCHEMA = {
    "entities": [
        {"name": "PER", "hotkey": "p"},
        {"name": "ORG", "hotkey": "o"},
        {"name": "LOC", "hotkey": "l"},
    ]
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path, schema=Schema.from_json(SCHEMA)) as p:
        doc = p.add_document("قال محمد علي في بغداد", name="seed")
        p.add_span(doc.id, 4, 12, "PER", "amal")
        p.add_span(doc.id, 4, 8, "PER", "badr")
        p.add_span(doc.id, 16, 21, "LOC", "amal")
    return path


def _schema_of(path: Path) -> object:
    with Project.open(path, read_only=True) as p:
        return p.schema.to_json()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("annotation.conf", ""),
        ("annotation.conf", "# nothing but a comment\n"),
        ("annotation.conf", "[entities]\n[relations]\n[events]\n[attributes]\n"),
        ("schema.json", "{}"),
        ("schema.json", '{"entities": []}'),
    ],
    ids=["empty-conf", "comment-conf", "sections-conf", "empty-json", "no-entities-json"],
)
def test_a_schema_file_defining_nothing_is_refused_and_changes_nothing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str
) -> None:
    before = _schema_of(project)
    schema_file = tmp_path / name
    schema_file.write_text(content, encoding="utf-8")
    assert main(["schema", str(project), "--import", str(schema_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("annotator: error: ")
    assert str(schema_file) in err
    assert "defines no label, event type or relation type" in err
    assert _schema_of(project) == before


def test_labels_in_use_that_the_new_schema_drops_are_said_with_their_counts(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps({"entities": [{"name": "ORG", "hotkey": "o"}]}))
    assert main(["schema", str(project), "--import", str(schema_file)]) == 0
    out, err = capsys.readouterr()
    assert f"schema imported from {schema_file}" in out
    assert "spans carry labels the schema no longer defines" in err
    assert "'LOC' (1), 'PER' (2)" in err
    with Project.open(project, read_only=True) as p:
        assert [lab.name for lab in p.schema.all_labels()] == ["ORG"]
        assert p.label_counts() == {"PER": 2, "LOC": 1}  # kept as they are


def test_a_schema_keeping_every_label_in_use_warns_of_nothing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps({"entities": [{"name": "PER"}, {"name": "LOC"}]}))
    assert main(["schema", str(project), "--import", str(schema_file)]) == 0
    assert capsys.readouterr().err == ""
