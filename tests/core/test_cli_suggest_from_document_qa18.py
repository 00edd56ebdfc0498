"""``annotator suggest PROJECT --from F --document D`` says how many of the file's lines it
skipped because they are for other documents (QA 18: it said nothing of them), in the report
it prints on standard error (``Imported.skipped``, a core ``Message``); the workbench's box of
predictions left out (``Imported.lines``) does not list them."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.learn.external import store_file_suggestions
from annotator.project import Project
from tests.core.test_external_sources import ONE, TWO, line, run, small

__all__ = ["small"]  # (the fixture, used by name)

LINES = [
    line("one", ONE, "محمد", "PER"),
    line("two", TWO, "محمد", "PER", score=0.5),
    line("two", TWO, "باريس", "GPE"),
    line("two", TWO, "باريس", "GPE"),  # the same line again: still a line skipped
    line("one", ONE, "باريس", "GPE", score=0.2),
]


@pytest.fixture
def predictions(tmp_path: Path) -> Path:
    f = tmp_path / "pred.jsonl"
    f.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return f


def test_the_lines_for_other_documents_are_counted_and_said(
    small: Path, predictions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "suggest", str(small), "--from", str(predictions), "--document", "one"
    )
    assert code == 0, err
    assert len(out.splitlines()) == 2  # the two of document one stored
    said = err.splitlines()
    assert said[0] == "2 suggestion(s) pending from file:pred.jsonl in 1 document(s)"
    assert "3 line(s) skipped: they are for other documents" in said
    with Project.open(small, read_only=True) as p:
        assert {p.document(s.doc_id).name for s in p.suggestions(None)} == {"one"}


def test_a_line_under_the_least_score_is_not_counted_as_another_documents(
    small: Path, predictions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "suggest", str(small), "--from", str(predictions), "--document", "two",
        "--min-score", "0.6",
    )  # fmt: skip
    assert code == 0, err
    assert "2 line(s) skipped: they are for other documents" in err


def test_nothing_is_said_when_every_document_is_read(
    small: Path, predictions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "suggest", str(small), "--from", str(predictions))
    assert code == 0, err
    assert "skipped" not in err and "other documents" not in err


def test_the_report_of_the_import_holds_it_as_a_message(small: Path, predictions: Path) -> None:
    with Project.open(small) as p:
        one = p.document_by_name("one")
        assert one is not None
        imported = store_file_suggestions(p, predictions, [one.id])
    assert imported.elsewhere == 3
    assert not [m for m in imported.lines() if "other documents" in m]  # (the window's box)
    (said,) = imported.skipped()
    assert said.template == "{n} line(s) skipped: they are for other documents"
    assert said.params["n"] == 3
