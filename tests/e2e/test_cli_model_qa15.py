"""Command-line findings of QA round 15 on the model: ``check`` reads the stored model as
``suggest`` reads it (a model altered with its row's checksum updated was passed by ``check``
and refused by ``suggest``), and every refusal of it names the project file; ``suggest
--from`` says an end before its start is one, and names its source the same way whether or
not anything was stored."""

from __future__ import annotations

import hashlib
import sqlite3  # white-box: the damage is written into the file's models table directly
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.commands.suggestions import save_trained
from annotator.learn import train
from annotator.project import Project
from tests.core.test_learn import add_synthetic_gold


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a model trained on its gold layer (the learning tests' corpus)."""
    path = tmp_path_factory.mktemp("m") / "p.annotator"
    with Project.create(path) as p:
        add_synthetic_gold(p)
        result = train(p, eval_split=0, params={"max_iterations": 20}, curve=False, tuning=False)
        save_trained(p, result.model)
    return path


def _altered(trained: Path, folder: Path, checksum: bool) -> Path:
    """A copy whose stored model has one byte of its CRF part changed; ``checksum``: its
    row's checksum updated to match (what a hand edit would do)."""
    path = folder / "t.annotator"
    path.write_bytes(trained.read_bytes())
    conn = sqlite3.connect(path)
    try:
        rid, data = conn.execute("SELECT id, data FROM models ORDER BY id DESC").fetchone()
        b = bytearray(data)
        b[-100] ^= 0xFF
        new = bytes(b)
        if checksum:
            conn.execute("UPDATE models SET data = ?, sha256 = ? WHERE id = ?",
                         [new, hashlib.sha256(new).hexdigest(), rid])  # fmt: skip
        else:
            conn.execute("UPDATE models SET data = ? WHERE id = ?", [new, rid])
        conn.commit()
    finally:
        conn.close()
    return path


def test_sound_model_passes_check(trained: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(trained)]) == 0
    assert capsys.readouterr().out.endswith("0 problem(s)\n")


def test_check_refuses_what_suggest_refuses_and_both_name_the_file(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _altered(trained, tmp_path, checksum=True)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path} integrity: model 1 is damaged: model bytes do not match their " in out
    assert out.endswith("1 problem(s)\n")
    assert main(["suggest", str(path), "--document", "doc1"]) == 1
    err = capsys.readouterr().err
    assert f"{path}: the stored model cannot be read: model bytes do not match" in err


def test_stale_row_checksum_is_said_once(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _altered(trained, tmp_path, checksum=False)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("model 1 is damaged") == 1 and out.endswith("1 problem(s)\n")
    assert main(["suggest", str(path), "--document", "doc1"]) == 1
    assert f"{path}: the stored ner model 1 is damaged" in capsys.readouterr().err


def test_from_end_before_start_says_so(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "back.jsonl"
    source.write_text(
        '{"document": "doc1", "start": 0, "end": 3, "label": "PER"}\n'
        '{"document": "doc1", "start": 21, "end": 15, "label": "PER"}\n',
        encoding="utf-8",
    )
    path = tmp_path / "p.annotator"
    path.write_bytes(trained.read_bytes())
    assert main(["suggest", str(path), "--from", str(source)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{source}:2: the span 21-15 of 'doc1' ends before it starts: its end must come "
        "after its start"
    ) in err
    assert "outside" not in err


def test_from_names_its_source_alike_stored_or_not(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    path.write_bytes(trained.read_bytes())
    with Project.open(path) as p:
        p.add_document("نص جديد بلا أسماء", name="extra")
    source = tmp_path / "cut.jsonl"
    line = '{"document": "extra", "start": 3, "end": 7, "label": "PER"'
    source.write_text(line + ', "score": 0.4}\n', encoding="utf-8")
    assert main(["suggest", str(path), "--from", str(source), "--min-score", "0.5"]) == 0
    assert capsys.readouterr().err.startswith(
        "0 suggestion(s) pending from file:cut.jsonl in 0 document(s)"
    )
    source.write_text(line + ', "score": 0.9}\n', encoding="utf-8")
    assert main(["suggest", str(path), "--from", str(source)]) == 0
    assert capsys.readouterr().err.startswith(
        "1 suggestion(s) pending from file:cut.jsonl in 1 document(s)"
    )
