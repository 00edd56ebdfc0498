"""A folder holding no .txt file but files of a format ``auto`` knows by suffix (a folder of
.conll files) said only "nothing to import: no document in fc (read as text)" (QA 13): it
now says what a folder import reads and how to import those files; the project unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.project import Project

CONLL = "زار\tO\nباريس\tB-GPE\n.\tO\n"


def never(_: object) -> int:
    raise AssertionError("the window must not start")


def test_a_folder_of_conll_files_says_to_import_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fc"
    folder.mkdir()
    for k in range(2):
        (folder / f"a{k}.conll").write_text(CONLL, encoding="utf-8")
    project = tmp_path / "p.annotator"
    assert main(["init", str(project)], gui=never) == 0
    capsys.readouterr()
    assert main(["import", str(project), str(folder)], gui=never) == 1
    err = capsys.readouterr().err
    assert err == (
        f"annotator: error: {folder}: a folder import reads its .txt files (plain text) or a "
        "brat folder, and this one holds none but 2 file(s) like a0.conll (conll): import the "
        f"files themselves, e.g. {folder}/*.conll\n"
    )
    with Project.open(project, read_only=True) as p:
        assert p.documents() == []
    # as it says: the files themselves
    files = [str(f) for f in sorted(folder.glob("*.conll"))]
    assert main(["import", str(project), *files], gui=never) == 0


def test_a_folder_with_text_files_is_read_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ft"
    folder.mkdir()
    (folder / "one.txt").write_text("نص أول.", encoding="utf-8")
    (folder / "a.conll").write_text(CONLL, encoding="utf-8")  # not a folder import's
    project = tmp_path / "p.annotator"
    assert main(["init", str(project)], gui=never) == 0
    assert main(["import", str(project), str(folder)], gui=never) == 0
    with Project.open(project, read_only=True) as p:
        assert [d.name for d in p.documents()] == ["one"]
