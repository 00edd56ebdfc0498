"""A record its file gives no name is named ``FILE:LINE`` (the line its record starts on) in
every format of several records a file, as CSV rows are: never one name for all the
documents of a file, which ``--document`` would then refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.formats.jsonl import read_jsonl
from annotator.formats.label_studio import read_label_studio
from annotator.importing import import_documents
from annotator.project import Project


def never(_: object) -> int:
    raise AssertionError("the window must not start")


def test_jsonl_lines_without_a_name_are_named_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "t.jsonl"
    src.write_text('{"text":"نص أول"}\n\n{"text":"نص ثان"}\n', "utf-8")
    p = tmp_path / "p.annotator"
    assert main(["init", str(p)], gui=never) == 0
    assert main(["import", str(p), str(src), "--format", "jsonl"], gui=never) == 0
    with Project.open(p) as project:
        assert [d.name for d in project.documents()] == ["t:1", "t:3"]
    capsys.readouterr()


def test_jsonl_through_the_api_names_them_the_same(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "t.jsonl"
    src.write_text('{"text":"نص أول"}\n{"text":"نص ثان", "name": "second"}\n', "utf-8")
    import_documents(project, read_jsonl(src))
    assert [d.name for d in project.documents()] == ["t:1", "second"]


def test_label_studio_tasks_without_a_name_are_named_file_and_line(tmp_path: Path) -> None:
    src = tmp_path / "l.json"
    tasks = [{"data": {"text": "نص أول"}}, {"data": {"text": "نص ثان"}}]
    src.write_text("[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]")
    assert [d.name for d in read_label_studio(src).documents] == ["l:2", "l:3"]


def test_spacy_jsonl_lines_without_a_name_are_named_file_and_line(tmp_path: Path) -> None:
    from annotator.formats.spacy_jsonl import read_spacy_jsonl

    src = tmp_path / "s.jsonl"
    src.write_text('{"text":"نص أول"}\n{"text":"نص ثان"}\n', "utf-8")
    assert [d.name for d in read_spacy_jsonl(src).documents] == ["s:1", "s:2"]
