"""Every file the command line is handed is read as import files are (annotator.files): a FIFO
or a device is refused at once, a schema nested without end is a one-line error, and the
project is as it was (QA found 'schema --import', 'gazetteer' and 'merge' reading with
read_bytes or read_text: a FIFO hung them, and a deep schema ended in a RecursionError)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange import canonical_hash
from annotator.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document("قال محمد علي في بغداد", name="one")
        p.add_span(doc.id, 4, 12, "PER", "amal")
    return path


def _state(path: Path) -> tuple[str, str]:
    with Project.open(path, read_only=True) as p:
        return canonical_hash(p), repr(p.schema.to_json())


@pytest.mark.parametrize(
    "argv",
    [
        ["schema", "{project}", "--import", "{bad}"],
        ["gazetteer", "{project}", "{bad}", "--label", "PER"],
        ["merge", "{project}", "{bad}"],
    ],
    ids=["schema", "gazetteer", "merge"],
)
@pytest.mark.parametrize("kind", ["fifo", "device", "deep json"])
def test_a_hostile_named_file_is_refused_in_one_line(
    argv: list[str], kind: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "fifo":
        bad = tmp_path / "names.txt"
        os.mkfifo(bad)
    elif kind == "device":
        bad = Path("/dev/zero")
    else:
        bad = tmp_path / "deep.json"
        bad.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    before = _state(project)
    assert main([a.format(project=project, bad=bad) for a in argv]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("annotator: error: "), err
    if kind != "deep json":
        assert "not a regular file" in err[0]
    assert _state(project) == before
