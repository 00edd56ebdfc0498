"""Annotate-all at scale (QA: 20,000 documents, 340,000 spans): the documents are searched and
the suggestions stored a chunk of documents at a time (``document_chunks``), never every span
of the project read at once nor every suggestion collected in one list; ``annotator
annotate-all`` stores at most ``--max`` new suggestions (default ``MAX_SUGGESTIONS``) and,
beyond it, nothing with one clear message; the window's background path (``occurrences`` +
``store_pending`` + ``StoreSuggestions.already_stored``) stores what the one-step command
stores, as one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.commands import suggestions as jobs
from annotator.commands.suggestions import (
    MAX_SUGGESTIONS,
    StoreSuggestions,
    TooManySuggestions,
    annotate_all,
    occurrences,
    store_pending,
)
from annotator.errors import Cancelled
from annotator.project import Project

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "لندن", "و", "بباريس", "محمد"]
DOCS = 23


def text_of(n: int) -> str:
    return " ".join(WORDS[(i * 7 + n) % len(WORDS)] for i in range(40)) + f" {n}."


def keys(items: Any) -> list[tuple[int, int, int, str]]:
    return sorted((s.doc_id, s.start, s.end, s.label) for s in items)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "p.annotator"
    with Project.create(p) as project:
        for n in range(DOCS):
            project.add_document(text_of(n), name=f"d{n:02}")
        first = project.document(1).text
        at = first.index("باريس")
        project.add_span(1, at, at + 5, "GPE", "amal")
        at = first.index("محمد")
        project.add_span(1, at, at + 4, "PER", "amal")
        # an annotation of another layer elsewhere: never covered by a suggestion
        third = project.document(3).text
        at = third.index("لندن")
        project.add_span(3, at, at + 4, "GPE", "badr")
    return p


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "CHUNK_DOCUMENTS", 4)


def whole_reads_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """Project.spans() of every document at once (QA: 340,000 spans, +356 MB) fails."""
    spans = Project.spans

    def guarded(self: Project, doc_id: int | None = None, *a: Any, **k: Any) -> Any:
        annotator = k.get("annotator", a[0] if a else None)
        assert doc_id is not None or annotator is not None, "every span of the project read"
        return spans(self, doc_id, *a, **k)

    monkeypatch.setattr(Project, "spans", guarded)


def test_chunked_annotate_all_stores_what_one_pass_would(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    one_pass = tmp_path / "one.annotator"
    shutil.copy(path, one_pass)
    with Project.open(one_pass) as project:  # every document in one chunk
        expected = annotate_all(project, "amal")
        wanted = keys(project.suggestions(None))
    monkeypatch.setattr(jobs, "CHUNK_DOCUMENTS", 4)
    whole_reads_forbidden(monkeypatch)
    with Project.open(path) as project:
        report = annotate_all(project, "amal")
        stored = project.suggestions(None)
    assert report.documents == DOCS and report.found == report.stored == expected.stored > DOCS
    assert keys(stored) == wanted
    # never over the other layer's annotation
    london = text_of(2).index("لندن")
    assert (3, london) not in {(s.doc_id, s.start) for s in stored}


def test_over_the_limit_nothing_is_stored(path: Path, small_chunks: None) -> None:
    with Project.open(path) as project:
        with pytest.raises(TooManySuggestions) as exc:
            annotate_all(project, "amal", limit=5)
        assert "more than 5 suggestions" in str(exc.value) and "--max" in str(exc.value)
        assert project.suggestions(None) == []
        assert annotate_all(project, "amal", limit=10_000).stored > 5


def test_the_cli_stops_at_max_with_one_message(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["annotate-all", str(path), "--from-layer", "amal", "--max", "3"])
    err = capsys.readouterr().err
    assert code != 0
    lines = err.strip().splitlines()
    assert (
        len(lines) == 1
        and "more than 3 suggestions" in lines[0]
        and "nothing was stored" in lines[0]
    )
    with Project.open(path, read_only=True) as project:
        assert project.suggestions(None) == []
    assert main(["annotate-all", str(path), "--from-layer", "amal", "--max", "0"]) == 0
    assert "stored as pending" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["annotate-all", str(path), "--from-layer", "amal", "--max", "-1"])
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["annotate-all", "--help"])
    assert f"default: {MAX_SUGGESTIONS}" in capsys.readouterr().out


def test_to_layer_still_accepts_chunk_by_chunk(path: Path, small_chunks: None) -> None:
    with Project.open(path) as project:
        report = annotate_all(project, "amal", to_layer="gold")
        assert report.accepted and report.stored == 0
        assert len(project.spans(annotator="gold")) == len(report.accepted)
        assert project.suggestions(None) == []


def test_window_path_is_bounded_and_one_undo_step(
    path: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(path) as project:
        span = next(s for s in project.spans(1) if s.label == "GPE")
        whole_reads_forbidden(monkeypatch)
        seen: list[tuple[int, int]] = []
        parts = list(occurrences(project, span, None, lambda d, t: seen.append((d, t))))
        assert len(parts) == (DOCS + 3) // 4 and seen[-1] == (DOCS, DOCS)
        found = [s for part in parts for s in part]
        assert found and all(s.origin == span.uuid and s.label == "GPE" for s in found)
        assert (span.doc_id, span.start) not in {(s.doc_id, s.start) for s in found}
        # a cancel between chunks stops the search
        with pytest.raises(Cancelled):
            list(occurrences(project, span, None, None, lambda: True))

    # stored on another connection (the job's), then one step on the window's
    with Project.open(path) as job:
        done = store_pending(job, found, size=7)
    assert keys(done) == keys(found)
    with Project.open(path) as project:
        command = StoreSuggestions.already_stored(done)
        command.do(project)
        assert not command.did_nothing() and keys(command.stored) == keys(found)
        assert keys(project.suggestions(None)) == keys(found)
        command.undo(project)
        assert project.suggestions(None) == []
        command.do(project)
        assert keys(project.suggestions(None)) == keys(found)


def test_a_cancelled_store_stores_nothing(path: Path) -> None:
    with Project.open(path) as project:
        span = next(s for s in project.spans(1) if s.label == "GPE")
        found = [s for part in occurrences(project, span) for s in part]
        calls: Iterator[bool] = iter([False, True, True, True])
        with pytest.raises(Cancelled):
            store_pending(project, found, cancelled=lambda: next(calls), size=2)
        assert project.suggestions(None) == []
