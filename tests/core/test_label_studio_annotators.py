"""A Label Studio task annotated by several people is read into a layer per person (its
``completed_by``), or, when nothing tells its annotations apart, a layer per annotation,
reported: two people's labels on the same word are never merged into one layer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.formats.label_studio import read_label_studio, write_label_studio
from annotator.model import Document, DocumentAnnotations, Span
from annotator.project import Project
from annotator.schema import default_schema
from annotator.text import sha256_text

TEXT = "زار محمد بغداد"


def never(_: object) -> int:
    raise AssertionError("the window must not start")


def region(label: str) -> dict[str, Any]:
    return {
        "id": "r1",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 4, "end": 8, "text": "محمد", "labels": [label]},
    }


def task(*annotations: dict[str, Any]) -> dict[str, Any]:
    return {"id": 7, "data": {"text": TEXT}, "annotations": list(annotations)}


def write(path: Path, *tasks: dict[str, Any]) -> Path:
    path.write_text(json.dumps(list(tasks), ensure_ascii=False), "utf-8")
    return path


def layers(path: Path) -> list[tuple[str, str]]:
    return sorted(
        (s.label, d.annotator) for d in read_label_studio(path).documents for s in d.spans
    )


def test_two_people_two_layers_through_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write(
        tmp_path / "ls.json",
        task(
            {"id": 1, "completed_by": 1, "result": [region("PER")]},
            {"id": 2, "completed_by": 2, "result": [region("ORG")]},
        ),
    )
    p = tmp_path / "p.annotator"
    assert main(["init", str(p)], gui=never) == 0
    assert main(["import", str(p), str(src), "--format", "label-studio"], gui=never) == 0
    capsys.readouterr()
    with Project.open(p) as project:
        assert sorted((s.annotator, s.label) for s in project.spans()) == [
            ("user-1", "PER"),
            ("user-2", "ORG"),
        ]


def test_completed_by_object_names_the_layer_by_email(tmp_path: Path) -> None:
    src = write(
        tmp_path / "ls.json",
        task(
            {"completed_by": {"id": 3, "email": "amal@example.org"}, "result": [region("PER")]},
            {"completed_by": {"id": 4, "email": "badr@example.org"}, "result": [region("ORG")]},
        ),
    )
    assert layers(src) == [("ORG", "badr@example.org"), ("PER", "amal@example.org")]


def test_the_same_person_keeps_one_layer_over_tasks(tmp_path: Path) -> None:
    src = write(
        tmp_path / "ls.json",
        task({"completed_by": 1, "result": [region("PER")]}),
        task({"completed_by": 2, "result": [region("ORG")]}),
        task({"completed_by": 1, "result": [region("LOC")]}),
    )
    assert layers(src) == [("LOC", "user-1"), ("ORG", "user-2"), ("PER", "user-1")]


def test_annotations_nothing_tells_apart_get_a_layer_each_reported(tmp_path: Path) -> None:
    src = write(
        tmp_path / "ls.json",
        task({"result": [region("PER")]}, {"result": [region("ORG")]}),
    )
    result = read_label_studio(src)
    assert sorted((d.annotator, [s.label for s in d.spans]) for d in result.documents) == [
        ("annotation-1", ["PER"]),
        ("annotation-2", ["ORG"]),
    ]
    assert [str(p) for p in result.problems] == [
        f"{src}:1: task 1: nothing tells its 2 annotations apart (no completed_by of their "
        "own); read into layers annotation-1, annotation-2"
    ]


def test_one_person_goes_to_the_import_layer_as_before(tmp_path: Path) -> None:
    src = write(
        tmp_path / "ls.json",
        task({"completed_by": 1, "result": [region("PER")]}),
        task({"completed_by": 1, "result": [region("ORG")]}),
    )
    assert layers(src) == [("ORG", ""), ("PER", "")]


def test_the_export_of_two_layers_reads_back_into_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # this program's export names its layers in meta.layers: they are kept as they are
    spans = (
        Span("s1", 1, "amal", 4, 8, "PER", "محمد"),
        Span("s2", 1, "badr", 4, 8, "ORG", "محمد"),
    )
    doc = DocumentAnnotations(Document(1, "d", TEXT, sha256_text(TEXT)), spans, (), (), ())
    out = tmp_path / "ls.json"
    write_label_studio([doc], out, default_schema())
    p = tmp_path / "p.annotator"
    assert main(["init", str(p)], gui=never) == 0
    assert main(["import", str(p), str(out), "--format", "label-studio"], gui=never) == 0
    capsys.readouterr()
    with Project.open(p) as project:
        assert sorted((s.annotator, s.label) for s in project.spans()) == [
            ("amal", "PER"),
            ("badr", "ORG"),
        ]
