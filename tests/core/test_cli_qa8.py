"""Command-line findings of QA round 8: standard output closed or full is said in one line
(never a traceback, never blamed on the project or TMPDIR), ``agreement`` says that gold is
left out, ``docs --json`` keeps names as they are with ``--visual`` and reads a document
with no status record as new, an empty hub URL is a usage error."""

from __future__ import annotations

import argparse
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.terminal import visual

NAME = "خبر"  # the document's name (the imported file's)
LINES = (
    '{"text":"زار محمد باريس","annotator":"amal","spans":[{"start":4,"end":8,"label":"PER"}]}\n'
    '{"text":"زار محمد باريس","annotator":"gold","spans":[{"start":4,"end":8,"label":"PER"}]}\n'
)
CLOSED = "annotator: error: standard output is closed\n"
FULL = "annotator: error: cannot write to standard output: no space left on device\n"


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    p = tmp_path / "p.annotator"
    source = tmp_path / f"{NAME}.jsonl"
    source.write_text(LINES, encoding="utf-8")
    assert main(["init", str(p)]) == 0
    assert main(["import", str(p), str(source)]) == 0
    capsys.readouterr()
    return p


def commands(p: Path) -> list[list[str]]:
    """Commands that write to standard output, each its own way: ``print``, the search's
    ``write`` and an output to ``-`` (``annotator.output``)."""
    return [
        ["docs", str(p)],
        ["stats", str(p), "--json"],
        ["search", str(p), "محمد", "--json"],
        ["search", str(p), "محمد"],
        ["export", str(p), "-o", "-"],
        ["schema", str(p), "--export", "-"],
    ]


def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli", *argv],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
        **kwargs,
    )


# -- standard output closed or full ------------------------------------------------------------


def test_a_closed_stdout_is_said_in_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for argv in commands(project):
        monkeypatch.setattr(sys, "stdout", None)  # what Python sets for `>&-`
        assert main(argv) == 1, argv
        monkeypatch.undo()
        assert capsys.readouterr().err == CLOSED, argv


def test_a_closed_stdout_in_a_real_process(project: Path) -> None:
    for argv in (commands(project)[0], commands(project)[2], commands(project)[4]):
        done = run(argv, preexec_fn=lambda: os.close(1))  # `>&-`
        assert (done.returncode, done.stderr) == (1, CLOSED), argv


def test_the_window_opens_with_stdout_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = []

    def window(args: argparse.Namespace) -> int:
        opened.append(args)
        return 0

    monkeypatch.setattr(sys, "stdout", None)  # started from a launcher with no output
    assert main(["gui"], gui=window) == 0
    assert len(opened) == 1


class Full:
    """A text standard output on a full disk."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        pass


def test_a_full_stdout_is_named_not_the_project(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for argv in commands(project):
        monkeypatch.setattr(sys, "stdout", Full())
        assert main(argv) == 1, argv
        monkeypatch.undo()
        assert capsys.readouterr().err == FULL, argv


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_dev_full_in_a_real_process(project: Path) -> None:
    for argv in (commands(project)[0], commands(project)[4]):
        with open("/dev/full", "w") as full:
            done = run(argv, stdout=full)
        assert (done.returncode, done.stderr) == (1, FULL), argv


def test_a_broken_pipe_is_still_quiet(project: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = run(commands(project)[0], stdout=writer)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (0, "")


# -- agreement, docs, sync ---------------------------------------------------------------------


def test_agreement_says_gold_is_left_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreement", str(project)]) == 1
    assert capsys.readouterr().err == (
        "annotator: error: agreement needs two layers besides gold (layers: amal, gold); "
        "add --with-gold to compare with gold\n"
    )
    assert main(["agreement", str(project), "--with-gold", "--json"]) == 0


def test_agreement_with_one_layer_says_so(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", str(project), "--annotators", "amal"]) == 1  # gold not left out
    assert capsys.readouterr().err == (
        "annotator: error: agreement needs at least two layers (layers: amal, gold)\n"
    )


def test_gold_alone_is_not_told_to_add_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p, source = tmp_path / "g.annotator", tmp_path / "g.jsonl"
    source.write_text(LINES.splitlines(keepends=True)[1], encoding="utf-8")
    assert main(["init", str(p)]) == main(["import", str(p), str(source)]) == 0
    capsys.readouterr()
    assert main(["agreement", str(p)]) == 1
    assert capsys.readouterr().err == (
        "annotator: error: agreement needs at least two layers (layers: gold)\n"
    )


def test_docs_json_keeps_names_with_visual(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert visual(NAME) != NAME  # (else the test proves nothing)
    assert main(["docs", str(project), "--json", "--visual"]) == 0
    # a JSONL line naming no document is named FILE:LINE (as every line-based format)
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == [f"{NAME}:1"]
    assert main(["docs", str(project), "--visual"]) == 0
    assert visual(NAME) in capsys.readouterr().out  # the table is for the terminal


def test_docs_reads_no_status_record_as_new(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["docs", str(project), "--annotator", "amal", "--json"]) == 0
    assert [row["status"] for row in json.loads(capsys.readouterr().out)] == ["new"]
    assert main(["export", str(project), "-o", "-", "--annotator", "amal", "--status", "new"]) == 0
    assert "محمد" in capsys.readouterr().out  # export reads it as new too
    assert main(["docs", str(project), "--json"]) == 0  # no layer: no status
    assert [row["status"] for row in json.loads(capsys.readouterr().out)] == [""]


@pytest.mark.parametrize(
    "argv",
    [["sync", "missing.annotator", ""], ["sync", "missing.annotator", "  "], ["hub", "init", ""]],
)
def test_an_empty_hub_url_is_refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(argv) == 1  # before the project or a server is opened
    assert capsys.readouterr().err.startswith("annotator: error: the hub URL is empty; give ")


@pytest.mark.parametrize("url", ["", "  "])
def test_every_caller_of_check_url_refuses_an_empty_url(url: str) -> None:
    """The rule is ``hub.check_url``'s, so the window's sync and team dialogs refuse it too."""
    from annotator.hub import check_url
    from annotator.hub.connection import HubError

    with pytest.raises(HubError, match="the hub URL is empty"):
        check_url(url)
