"""Bytes that are not UTF-8 in a text argument (Python keeps them as lone surrogates) end in
a usage error, not a traceback from SQLite or a writer (found by QA: ``gazetteer --name``,
``--document`` of several commands, ``export --spans-key``). Paths may hold any bytes."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from annotator.cli import TEXT_ARGUMENTS, build_parser, main
from annotator.project import Project

BAD = os.fsdecode(b"\xff\xfe") + "باريس"
PATHS = frozenset({
    "export_file", "file", "files", "from_file", "import_file", "mirror", "output", "project",
    "report", "schema", "screenshot", "sources", "spacy",
})  # fmt: skip


def _free_text_dests() -> set[str]:
    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    walk(sub)
            elif (
                action.type is None
                and action.choices is None
                and action.nargs != 0
                and action.dest not in ("help", "version")
            ):
                found.add(action.dest)

    walk(build_parser())
    return found


def test_every_free_text_argument_is_text_or_a_path() -> None:
    assert _free_text_dests() == TEXT_ARGUMENTS | PATHS


@pytest.mark.parametrize(
    "argv",
    [
        ["gazetteer", "{p}", "{names}", "--name", BAD],
        ["gazetteer", "{p}", "{names}", "--document", BAD],
        ["suggest", "{p}", "--document", BAD],
        ["annotate-all", "{p}", "--from-layer", "gold", "--document", BAD, "--label", "PER"],
        ["export", "{p}", "--format", "spacy", "--spans-key", BAD, "-o", "{out}"],
        ["search", "{p}", BAD],
        ["docs", "{p}", "--annotator", BAD],
    ],
    ids=[
        "gazetteer-name",
        "gazetteer-document",
        "suggest",
        "annotate-all",
        "spans-key",
        "search",
        "docs",
    ],
)
def test_bytes_in_a_text_argument_are_a_usage_error(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("زار ماكرون باريس", name="d")
    names = tmp_path / "names.txt"
    names.write_text("باريس\n", encoding="utf-8")
    before = path.read_bytes()
    filled = [
        a.format(p=path, names=names, out=tmp_path / "out.spacy") if "{" in a else a for a in argv
    ]
    with pytest.raises(SystemExit) as usage:
        main(filled)
    err = capsys.readouterr().err
    assert usage.value.code == 2 and "Traceback" not in err
    assert "not valid text" in err.strip().splitlines()[-1]
    assert path.read_bytes() == before
