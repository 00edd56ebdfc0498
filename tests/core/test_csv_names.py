"""CSV rows get names of their own, a name shared by two documents is never resolved to the first
of them, and the import report says truthfully what happened to a text already present."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ValidationError
from annotator.formats.plain import read_csv
from annotator.importing import ImportReport
from annotator.project import Project

ROWS = 'id,body,title\n1,"نص أول عن بغداد",first\n2,"نص\nثان",\n3,"نص ثالث",third\n'


def never(_: object) -> int:
    raise AssertionError("the window must not start: the name is checked first")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), gui=never)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_rows_without_a_name_column_are_named_file_and_line(table: Path) -> None:
    # the line where each record starts (the second spans two lines), as doccano names rows
    assert [d.name for d in read_csv(table, text_column="body").documents] == [
        "t:2",
        "t:3",
        "t:5",
    ]
    # the name column names them; an empty cell falls back to FILE:LINE; it is not meta
    docs = read_csv(table, text_column="body", name_column="title").documents
    assert [d.name for d in docs] == ["first", "t:3", "third"]
    assert docs[0].meta == {"id": "1"}


def test_cli_import_names_rows_apart_and_takes_a_name_column(
    tmp_path: Path, table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, named = tmp_path / "a.annotator", tmp_path / "b.annotator"
    for path in (plain, named):
        assert run(capsys, "init", str(path))[0] == 0
    assert run(capsys, "import", str(plain), str(table), "--text-column", "body")[0] == 0
    code, out, err = run(
        capsys, "import", str(named), str(table), "--text-column", "body", "--name-column", "title"
    )
    assert code == 0, err
    assert "documents added: 3" in out
    with Project.open(plain, read_only=True) as p:
        assert [d.name for d in p.documents()] == ["t:2", "t:3", "t:5"]
    with Project.open(named, read_only=True) as p:
        assert [d.name for d in p.documents()] == ["first", "t:3", "third"]
        assert p.document_by_name("third") is not None
    code, _, err = run(
        capsys, "import", str(named), str(table), "--text-column", "body", "--name-column", "nope"
    )
    assert code == 1 and "no column 'nope'" in err


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("نص أول عن بغداد", name="t")
        p.add_document("نص ثان عن بغداد", name="t")
        p.add_document("نص ثالث", name="other")
    return path


def test_a_shared_name_is_an_error_naming_the_ids(twins: Path) -> None:
    with Project.open(twins, read_only=True) as p:
        with pytest.raises(ValidationError, match=r"2 documents are named 't' \(ids 1, 2\)"):
            p.document_by_name("t")
        other = p.document_by_name("other")
        assert other is not None and other.id == 3
        assert p.document_by_name("none") is None


@pytest.mark.parametrize(
    "argv",
    [
        ["annotate-all", "{p}", "--from-layer", "amal", "--document", "t"],
        ["suggest", "{p}", "--document", "t"],
        ["gui", "{p}", "--screenshot", "{dir}/s.png", "--document", "t"],
    ],
)
def test_commands_refuse_a_shared_document_name(
    twins: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with Project.open(twins) as p:
        p.add_span(3, 0, 2, "PER", "amal")
    filled = [a.format(p=twins, dir=twins.parent) for a in argv]
    code, _, err = run(capsys, *filled)
    assert code == 1
    assert "2 documents are named 't' (ids 1, 2)" in err
    assert not (twins.parent / "s.png").exists()


def test_a_text_already_present_is_not_called_skipped() -> None:
    # the same file imported into another layer: the text is kept once, its spans are added
    added = ImportReport(spans=464, duplicates=["Crusades (news.jsonl:3)"])
    lines = added.lines()
    assert "spans: 464, events: 0 (0 arguments), relations: 0" in lines
    assert "text already in the project, not added again: Crusades (news.jsonl:3)" in lines
    assert not any("skipped" in line or "nothing new" in line for line in lines)
    again = ImportReport(duplicates=["Crusades (news.jsonl:3)"], already_present=464)
    assert again.lines()[-2:] == [
        "nothing new: the project already held every text and annotation read",
        "annotations already in their layer, skipped: 464",
    ]
