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


SAME = "same text as "
SAME_MORE = "more texts repeated under another name, joined: "


def write_renamed(path: Path, documents: int, spread: bool) -> None:
    """``documents`` texts, each as ``doc{i}`` and again as ``copy{i}`` (another name, another
    annotator); ``spread``: every copy after every original (a streamed import meets the copies
    in later parts), else each copy right after its original."""
    first, second = [], []
    for i in range(documents):
        text = f"استقبل الرئيس وفدا من بغداد في اليوم {i}."
        start = text.index("بغداد")
        span = {"start": start, "end": start + 5, "label": "GPE", "text": "بغداد"}
        first.append({"name": f"doc{i:05d}", "text": text, "annotator": "amal", "spans": [span]})
        second.append({"name": f"copy{i:05d}", "text": text, "annotator": "badr", "spans": [span]})
    rows = (
        first + second if spread else [r for pair in zip(first, second, strict=True) for r in pair]
    )
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


@pytest.mark.parametrize("streamed", [False, True])
def test_a_text_repeated_under_another_name_in_one_import_is_named(
    tmp_path: Path, streamed: bool
) -> None:
    """The copy is not a new document (its text is stored once) and was not there before:
    the report names it and the document it joined, instead of saying nothing (QA: only the
    count of documents added showed it)."""
    src = tmp_path / "renamed.jsonl"
    write_renamed(src, 3, spread=False)
    with Project.create(tmp_path / "p.annotator") as p:
        docs = stream_files([src]) if streamed else read_jsonl(src)
        report = import_documents(p, docs)
        assert report.documents_added == 3 and report.spans == 6
        assert report.duplicates == []
        assert report.same_text == [
            (f"copy{i:05d} ({src}:{2 * i + 2})", f"doc{i:05d}") for i in range(3)
        ]
        assert [d.name for d in p.iter_documents()] == ["doc00000", "doc00001", "doc00002"]
    lines = report.lines()
    assert [line for line in lines if line.startswith(SAME)] == [
        f"same text as {first}, which this import added; joined to it: {name}"
        for name, first in report.same_text
    ]
    assert not [line for line in lines if "already in the project" in line]


def test_copies_met_in_later_parts_of_a_streamed_import_are_named_then_counted(
    tmp_path: Path,
) -> None:
    src = tmp_path / "renamed.jsonl"
    n = CHUNK_DOCUMENTS + 10
    write_renamed(src, n, spread=True)
    with Project.create(tmp_path / "p.annotator") as p:
        report = import_documents(p, stream_files([src]))
        assert report.documents_added == n and report.spans == 2 * n
    assert len(report.same_text) == n
    assert report.same_text[0] == (f"copy00000 ({src}:{n + 1})", "doc00000")
    lines = report.lines()
    assert len([line for line in lines if line.startswith(SAME)]) == DUPLICATES_NAMED
    assert f"{SAME_MORE}{n - DUPLICATES_NAMED}" in lines


def test_a_second_layer_under_the_same_name_is_not_a_copy(tmp_path: Path) -> None:
    src = tmp_path / "two_layers.jsonl"
    write_layers(src, 4, grouped=False)
    with Project.create(tmp_path / "p.annotator") as p:
        report = import_documents(p, read_jsonl(src))
    assert report.same_text == []
