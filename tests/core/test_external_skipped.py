"""Outside predictions that ``Project.add_suggestions`` leaves out (they overlap an annotation,
another source's pending suggestion, each other, or a remembered rejection) are counted by
reason in the import's report (``Imported.lines``, the command line's and the window's), never
dropped silently (QA round 9: a file of predictions over the model's score-0.0 suggestions,
hidden at the default threshold, reported "0 suggestion(s) pending" and nothing else)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.learn.corpus import suggestion
from annotator.learn.external import store_file_suggestions
from annotator.project import Project

TEXT = "زار محمد باريس ثم عاد إلى هولندا وألمانيا وسورية مع علي."
MODEL = "model:crf@0123abcd"


def _at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _line(word: str, label: str = "PER") -> str:
    start, end = _at(word)
    return json.dumps(
        {"document": "one", "start": start, "end": end, "label": label, "score": 0.95},
        ensure_ascii=False,
    )


def test_predictions_left_out_are_reported_with_their_reason(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="one")
        p.add_span(doc.id, *_at("هولندا"), "GPE", "amal")
        hidden = [suggestion(doc.id, TEXT, *_at(w), "LOC", 0.0, MODEL) for w in ("باريس", "محمد")]
        assert p.add_suggestions(hidden) == 2
        rejected = suggestion(doc.id, TEXT, *_at("علي"), "PER", 0.9, "file:ext.jsonl")
        p.add_suggestions([rejected])
        p.reject_suggestions([rejected.uuid])
    start, end = _at("وألمانيا")
    overlapping = json.dumps(
        {"document": "one", "start": start + 1, "end": end + 7, "label": "GPE"},
        ensure_ascii=False,
    )
    lines = [
        _line("باريس"),
        _line("محمد"),
        _line("هولندا", "GPE"),
        _line("وألمانيا", "GPE"),
        overlapping,
        _line("علي"),
        _line("سورية", "GPE"),
    ]
    file = tmp_path / "ext.jsonl"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.open(path) as p:
        imported = store_file_suggestions(p, file)
    assert imported.found == 7 and imported.stored == 2
    assert imported.lines() == [
        "2 suggestion(s) pending from file:ext.jsonl in 1 document(s)",
        f"2 not stored: they overlap pending suggestions of {MODEL} (reject those or lower "
        "the threshold to see them)",
        "1 not stored: they overlap annotations",
        "1 not stored: they overlap other suggestions stored with them",
        "1 not stored: they were rejected before",
    ]
    assert imported.not_stored.total == imported.found - imported.stored
    first = imported.lines()[1]
    assert getattr(first, "template", "").startswith("{n} not stored: they overlap pending")


def test_nothing_left_out_says_nothing_more(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="one")
    file = tmp_path / "ext.jsonl"
    file.write_text(_line("محمد") + "\n", encoding="utf-8")
    with Project.open(path) as p:
        imported = store_file_suggestions(p, file)
    assert imported.lines() == ["1 suggestion(s) pending from file:ext.jsonl in 1 document(s)"]
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    with Project.open(path) as p:
        nothing = store_file_suggestions(p, empty)
    assert nothing.origin.endswith("none.jsonl")
    assert nothing.lines() == [f"0 suggestion(s) pending from {nothing.origin} in 0 document(s)"]


def test_the_command_line_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``annotator suggest --from`` prints ``Imported.lines``: the lines not stored too."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="one")
        hidden = [suggestion(doc.id, TEXT, *_at(w), "LOC", 0.0, MODEL) for w in ("باريس", "محمد")]
        assert p.add_suggestions(hidden) == 2
    file = tmp_path / "ext.jsonl"
    file.write_text(_line("باريس") + "\n" + _line("محمد") + "\n", encoding="utf-8")
    assert main(["suggest", str(path), "--from", str(file)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("0 suggestion(s) pending from ")
    assert err[1] == (
        f"2 not stored: they overlap pending suggestions of {MODEL} (reject those or lower "
        "the threshold to see them)"
    )
