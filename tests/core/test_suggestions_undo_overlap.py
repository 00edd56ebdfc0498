"""Suggestions never overlap each other, after an undo either.

Undoing a rejection or a withdrawal while a suggestion of another source, stored meanwhile
(outside the undo stack: the command line, another window), overlaps the one taken puts back
only those nothing pending overlaps: the newer one stays, the older stays rejected (or gone).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands.suggestions import (
    AcceptSuggestions,
    RejectSuggestions,
    WithdrawSuggestions,
)
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

TEXT = "زار محمد علي بباريس. ثم عاد محمد إلى هولندا وباريس."


def _sugg(doc_id: int, start: int, end: int, label: str, source: str) -> Suggestion:
    return Suggestion(new_uuid(), doc_id, start, end, label, TEXT[start:end], source, 0.9)


def _overlapping(items: list[Suggestion]) -> list[tuple[str, str]]:
    return [(a.uuid, b.uuid) for a in items for b in items
            if a.uuid < b.uuid and a.start < b.end and b.start < a.end]  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    p.add_document(TEXT, name="one")
    return p


@pytest.mark.parametrize("take", [RejectSuggestions, WithdrawSuggestions])
def test_undo_puts_back_none_that_a_newer_pending_suggestion_overlaps(
    project: Project, take: type[RejectSuggestions] | type[WithdrawSuggestions]
) -> None:
    doc = project.document_by_name("one")
    assert doc is not None
    old = _sugg(doc.id, 4, 12, "PER", "model:crf@1a2b3c4d")
    kept = _sugg(doc.id, 37, 43, "LOC", "model:crf@1a2b3c4d")
    project.add_suggestions([old, kept])
    step = take([old.uuid, kept.uuid])
    step.do(project)
    newer = _sugg(doc.id, 4, 8, "ORG", "file:other.jsonl")
    assert project.add_suggestions([newer]) == 1
    step.undo(project)
    pending = project.suggestions(doc.id)
    assert _overlapping(pending) == []
    assert sorted(s.uuid for s in pending) == sorted([newer.uuid, kept.uuid])
    assert [s.uuid for s in step.taken] == [kept.uuid]  # what the step gave back
    if take is RejectSuggestions:  # still remembered: not offered again
        assert (doc.id, 4, 12, "PER", old.source) in project.rejected_suggestions()
    step.do(project)  # redo
    assert [s.uuid for s in project.suggestions(doc.id)] == [newer.uuid]
    step.undo(project)
    accept = AcceptSuggestions([s.uuid for s in project.suggestions(doc.id)], "gold")
    accept.do(project)
    assert sorted((s.start, s.end) for s in accept.spans) == [(4, 8), (37, 43)]


def test_undo_with_nothing_over_them_puts_them_all_back(project: Project) -> None:
    doc = project.document_by_name("one")
    assert doc is not None
    items = [
        _sugg(doc.id, 4, 12, "PER", "file:a.jsonl"),
        _sugg(doc.id, 37, 43, "LOC", "file:a.jsonl"),
    ]
    project.add_suggestions(items)
    step = RejectSuggestions([s.uuid for s in items])
    step.do(project)
    assert project.suggestions(doc.id) == []
    step.undo(project)
    assert [s.uuid for s in project.suggestions(doc.id)] == [s.uuid for s in items]
