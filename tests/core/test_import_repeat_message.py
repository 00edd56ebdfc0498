"""The message "text already in the project, not added again" is said only of a text the
project held before the import, and a long list of them is named in part and counted (found by
QA: a JSONL file with two layers per document printed the message once for every second layer,
20,001 times, although those layers were imported)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.formats.jsonl import read_jsonl
from annotator.importing import CHUNK_DOCUMENTS, DUPLICATES_NAMED, import_documents, stream_files
from annotator.project import Project

ALREADY = "text already in the project, not added again: "
MORE = "more texts already in the project, not added again: "


def never(_: object) -> int:
    raise AssertionError("no window")


def write_layers(path: Path, documents: int, grouped: bool) -> None:
    """``documents`` texts, each twice: in the layer of amal and of badr, with one span each.
    ``grouped``: every amal line first (the badr lines come in later parts of a streamed
    import), else each text's two lines one after the other."""
    lines = []
    for who in ("amal", "badr"):
        for i in range(documents):
            text = f"زار الوزير باريس يوم {i} ثم عاد."
            start = text.index("باريس")
            span = {"start": start, "end": start + 5, "label": "GPE", "text": "باريس"}
            lines.append((i, {"name": f"doc{i:05d}", "text": text, "annotator": who,
                              "spans": [span]}))  # fmt: skip
    if not grouped:
        lines.sort(key=lambda pair: pair[0])
    path.write_text(
        "".join(json.dumps(obj, ensure_ascii=False) + "\n" for _, obj in lines), encoding="utf-8"
    )


@pytest.mark.parametrize("grouped", [False, True])
def test_a_second_layer_of_a_text_this_import_adds_is_no_repeat(
    tmp_path: Path, grouped: bool
) -> None:
    src = tmp_path / "two_layers.jsonl"
    n = CHUNK_DOCUMENTS + 20 if grouped else 30
    write_layers(src, n, grouped)
    with Project.create(tmp_path / "whole.annotator") as p:
        report = import_documents(p, read_jsonl(src))
        assert report.documents_added == n and report.spans == 2 * n
        assert report.duplicates == []
        assert not [line for line in report.lines() if "already in the project" in line]
    with Project.create(tmp_path / "streamed.annotator") as p:
        report = import_documents(p, stream_files([src]))
        assert report.documents_added == n and report.spans == 2 * n
        assert report.duplicates == []
        assert {s.annotator for s in p.spans(None)} == {"amal", "badr"}


def test_texts_held_before_the_import_are_named_then_counted(tmp_path: Path) -> None:
    src = tmp_path / "two_layers.jsonl"
    n = 30
    write_layers(src, n, grouped=False)
    with Project.create(tmp_path / "p.annotator") as p:
        import_documents(p, read_jsonl(src))
        again = import_documents(p, stream_files([src]))
    assert again.documents_added == 0
    assert len(again.duplicates) == 2 * n  # each line's text was there before
    lines = again.lines()
    named = [line for line in lines if line.startswith(ALREADY)]
    assert named == [ALREADY + name for name in again.duplicates[:DUPLICATES_NAMED]]
    assert f"{MORE}{2 * n - DUPLICATES_NAMED}" in lines
    assert "nothing new: the project already held every text and annotation read" in lines


def test_few_texts_held_before_are_each_named_and_not_counted(tmp_path: Path) -> None:
    src = tmp_path / "two_layers.jsonl"
    write_layers(src, 2, grouped=False)
    with Project.create(tmp_path / "p.annotator") as p:
        import_documents(p, read_jsonl(src))
        again = import_documents(p, read_jsonl(src))
    lines = again.lines()
    assert [line for line in lines if line.startswith(ALREADY)] == [
        ALREADY + name for name in again.duplicates
    ]
    assert len(again.duplicates) == 4
    assert not [line for line in lines if line.startswith(MORE)]


def test_the_cli_says_it_as_the_report_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "two_layers.jsonl"
    write_layers(src, 40, grouped=False)
    project = tmp_path / "p.annotator"
    Project.create(project).close()
    assert main(["import", str(project), str(src)], gui=never) == 0
    first = capsys.readouterr().out
    assert "already in the project" not in first
    assert main(["import", str(project), str(src)], gui=never) == 0
    out = capsys.readouterr().out
    assert out.count(ALREADY) == DUPLICATES_NAMED
    assert f"{MORE}{80 - DUPLICATES_NAMED}" in out
