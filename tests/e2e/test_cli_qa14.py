"""Command-line findings of QA round 14: ``check`` tells "problems found" (1) from "could not
run" (2) and a broken pipe keeps that status; an output to ``-`` cut short by its reader is a
broken pipe, never "written"; options a command would ignore are refused; an interrupt at
start-up is one line; a schema JSON error names its line; a bad ``--annotator`` is blamed on
the option."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.project import Project

LINE = (
    '{"name":"d1","text":"زار محمد باريس","annotator":"amal","spans":'
    '[{"start":4,"end":8,"label":"PER"},{"start":9,"end":14,"label":"GPE"}]}\n'
)


def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The console entry point as its own process."""
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", *argv], text=True, check=False, timeout=120, **kwargs
    )


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A project of one document whose GPE span the schema (PER, LOC) no longer defines."""
    p = tmp_path / "p.annotator"
    source = tmp_path / "a.jsonl"
    source.write_text(LINE, encoding="utf-8")
    conf = tmp_path / "s.conf"
    conf.write_text("[entities]\nPER\nLOC\n", encoding="utf-8")
    assert main(["init", str(p)]) == 0
    assert main(["import", str(p), str(source)]) == 0
    assert main(["schema", str(p), "--import", str(conf)]) == 0
    capsys.readouterr()
    return p


# -- 1. check: problems found (1), could not run (2), a broken pipe keeps the status ----------


def test_check_problems_found_is_1_and_said_on_stderr(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(project)]) == 1
    out, err = capsys.readouterr()
    assert out.endswith("1 problem(s)\n")
    assert err == f"annotator: 1 problem(s) found in {project}\n"


def test_check_that_could_not_run_is_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.annotator"
    assert main(["check", str(missing)]) == 2
    assert capsys.readouterr().err == f"annotator: error: {missing}: no such project file\n"


def test_a_clean_check_is_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "clean.annotator"
    assert main(["init", str(p)]) == 0
    assert main(["check", str(p)]) == 0
    assert capsys.readouterr().err == ""


def test_check_into_a_closed_pipe_keeps_problems_found(project: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # `check P | head -0`: the reader is gone before anything is written
    try:
        done = run(["check", str(project)], stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == 1
    assert done.stderr == f"annotator: 1 problem(s) found in {project}\n"


def test_check_help_states_its_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "1 problems found" in text and "2 could not run" in text
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "check: 1 problems found, 2 could not run" in " ".join(capsys.readouterr().out.split())


# -- 2. an output to '-' whose reader leaves early is a broken pipe, never "written" ----------


def test_a_short_write_to_stdout_is_a_broken_pipe() -> None:
    """A pipe whose reader takes 10 bytes and leaves while the writer blocks: an unbuffered
    standard output (``python -u``, PYTHONUNBUFFERED: ``sys.stdout.buffer`` is a ``FileIO``)
    returns the short count of what the pipe took, with no error."""
    from annotator.output import STDOUT, writing

    reader, writer = os.pipe()

    def read_and_leave() -> None:
        os.read(reader, 10)
        time.sleep(0.2)  # the writer is blocked on a full pipe by now
        os.close(reader)

    leaver = threading.Thread(target=read_and_leave)
    leaver.start()
    try:
        with (
            open(writer, "wb", buffering=0) as out,
            pytest.raises(BrokenPipeError),
            writing(STDOUT, "jsonl", stdout=out) as tmp,
        ):
            tmp.write_bytes(b"x" * (1 << 19))  # one chunk of copyfileobj
    finally:
        leaver.join()


def big_project(folder: Path) -> Path:
    p = folder / "big.annotator"
    source = folder / "big.jsonl"
    text = "زار محمد باريس ثم عاد إلى بغداد في الصباح. " * 40
    lines = (
        json.dumps({"name": f"d{i}", "text": f"{text} {i}"}, ensure_ascii=False) for i in range(300)
    )
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["init", str(p)]) == 0
    assert main(["import", str(p), str(source)]) == 0
    return p


def read_10_bytes_then_close(argv: list[str]) -> tuple[int, str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # a FileIO stdout: short writes
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()
    err = child.stderr.read().decode("utf-8")
    child.stderr.close()
    return child.wait(timeout=120), err


def test_export_into_a_pipe_closed_early_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = big_project(tmp_path)
    capsys.readouterr()
    code, err = read_10_bytes_then_close(["export", str(p), "--format", "jsonl", "-o", "-"])
    assert "written" not in err
    # as search ends in the same case: quietly, as Unix tools do
    assert (code, err) == read_10_bytes_then_close(["search", str(p), "محمد"]) == (0, "")


# -- 3. options a command would ignore are refused ---------------------------------------------


def test_gazetteer_refuses_label_with_a_csv(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.csv"
    names.write_text("باريس,LOC\n", encoding="utf-8")
    assert main(["gazetteer", str(project), str(names), "--label", "PER"]) == 1
    assert capsys.readouterr().err == (
        f"annotator: error: {names}: --label is for a .txt gazetteer; a .csv names a label on "
        "each row (name,label)\n"
    )
    with Project.open(project, read_only=True) as opened:
        assert all(not opened.suggestions(d.id) for d in opened.documents())


def test_read_gazetteer_refuses_a_label_for_a_csv(tmp_path: Path) -> None:
    from annotator.errors import ImportFormatError
    from annotator.search.gazetteer import read_gazetteer

    names = tmp_path / "names.csv"
    names.write_text("باريس,LOC\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"a label for every name \('PER'\) is for a .txt"):
        read_gazetteer(names, label="PER")


def test_export_refuses_seed_without_split(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.conll"
    argv = ["export", str(project), "--format", "conll", "-o", str(out)]
    assert main([*argv, "--seed", "7"]) == 1
    assert capsys.readouterr().err == (
        "annotator: error: --seed is the seed of --split: give --split too, or no --seed\n"
    )
    assert not out.exists()
    assert main(["export", str(project), "--format", "jsonl", "-o", str(out), "--seed", "7"]) == 1
    assert "jsonl has no splits" in capsys.readouterr().err
    assert main([*argv, "--seed", "7", "--split", "train=1"]) == 0


@pytest.mark.parametrize("option", ["--text-column", "--name-column"])
def test_import_refuses_csv_columns_for_jsonl(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "p.annotator"
    source = tmp_path / "a.jsonl"
    source.write_text('{"name":"d1","text":"نص عن باريس","body":"غير"}\n', encoding="utf-8")
    assert main(["init", str(p)]) == 0
    capsys.readouterr()
    assert main(["import", str(p), str(source), option, "body"]) == 1
    assert capsys.readouterr().err == (
        f"annotator: error: {option} is for csv files only, and no file here is read as one "
        "(read as jsonl)\n"
    )
    with Project.open(p, read_only=True) as opened:
        assert opened.document_count() == 0
    table = tmp_path / "t.csv"
    table.write_text("text,body\nنص,عنوان\n", encoding="utf-8")
    # a CSV among the files uses it (its text column is "body" or "text", its name "body")
    assert main(["import", str(p), str(table), str(source), option, "body"]) == 0


# -- 4. Ctrl+C at start-up: one line and 130, never a traceback --------------------------------

INTERRUPTED = "annotator: interrupted; nothing was written\n"


def interrupt(*_: Any, **__: Any) -> Any:
    raise KeyboardInterrupt


def test_ctrl_c_while_the_arguments_are_parsed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import annotator.cli

    monkeypatch.setattr(annotator.cli, "build_parser", interrupt)
    assert main(["docs", "p.annotator"]) == 130
    assert capsys.readouterr().err == INTERRUPTED


def test_ctrl_c_while_the_command_line_is_imported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import annotator.cli
    from ui.entry import main as entry_main

    monkeypatch.setattr(annotator.cli, "main", interrupt)  # as if the import were interrupted
    assert entry_main(["docs", "p.annotator"]) == 130
    assert capsys.readouterr().err == INTERRUPTED


# -- 5. a schema JSON error names its line ----------------------------------------------------


def test_a_malformed_schema_json_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad_schema.json"
    bad.write_text(
        '{\n "format": "annotator-schema",\n "version": 1,\n'
        ' "spans": [\n  {"name": "PER",}\n ]\n}\n',
        encoding="utf-8",
    )
    assert main(["init", str(tmp_path / "new.annotator"), "--schema", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(
        f"annotator: error: {bad}:5: cannot read schema: invalid JSON: "
    )


# -- 6. a bad --annotator is the option's fault, not the input file's --------------------------


@pytest.mark.parametrize(
    ("layer", "shown"),
    [("am\x1bal", "U+001B"), ("\u202eamal", "U+202E")],
)
def test_a_bad_annotator_is_blamed_on_the_option(
    layer: str, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "p.annotator"
    source = tmp_path / "r7.jsonl"
    source.write_text('{"name":"d1","text":"نص عن باريس"}\n', encoding="utf-8")
    assert main(["init", str(p)]) == 0
    capsys.readouterr()
    assert main(["import", str(p), str(source), "--annotator", layer]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: --annotator: annotator name "), err
    assert shown in err and str(source) not in err


def test_import_documents_blames_a_bad_layer_on_the_caller(tmp_path: Path) -> None:
    from annotator.errors import AnnotatorError, ImportFormatError
    from annotator.imported import ImportedDocument
    from annotator.importing import import_documents

    with Project.create(tmp_path / "p.annotator") as p:
        doc = ImportedDocument(name="d1", text="نص", source="in.jsonl", line=1)
        with pytest.raises(AnnotatorError) as caught:
            import_documents(p, [doc], annotator="am\x1bal")
        assert not isinstance(caught.value, ImportFormatError)
        assert str(caught.value).startswith("the layer for documents that name none: ")
        assert p.document_count() == 0
