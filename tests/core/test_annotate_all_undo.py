"""Suggestions stored, accepted and withdrawn as undoable commands
(``annotator.commands.suggestions``).

``StoreSuggestions`` (annotate-all in the window) is one undo step whose undo withdraws exactly
the suggestions it stored: suggestions of other sources and remembered rejections stay.
``WithdrawSuggestions`` takes pending suggestions back without remembering a rejection.
``AcceptSuggestions`` writes its spans in bulk: the statements it runs do not grow with the
number of suggestions, and each span keeps its provenance note and its change-log line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands.suggestions import (
    AcceptSuggestions,
    StoreSuggestions,
    WithdrawSuggestions,
)
from annotator.errors import ValidationError
from annotator.project import Project
from annotator.search.suggestions import ANNOTATE_ALL, Suggestion
from annotator.uuids import new_uuid

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "لندن", "و"]


def text_of(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n * len(WORDS)))


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return out


def sugg(doc: int, text: str, at: tuple[int, int], label: str = "GPE",
         source: str = ANNOTATE_ALL) -> Suggestion:  # fmt: skip
    return Suggestion(new_uuid(), doc, at[0], at[1], label, text[at[0] : at[1]], source, 1.0, "o")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    p.add_document(text_of(60), name="one")
    return p


def test_store_is_undone_exactly(project: Project) -> None:
    text = project.document(1).text
    paris, london = occurrences(text, "باريس"), occurrences(text, "لندن")
    other = sugg(1, text, london[0], source="gazetteer:cities")
    refused = sugg(1, text, paris[1])
    assert project.add_suggestions([other, refused]) == 2
    project.reject_suggestions([refused.uuid])  # remembered
    mine = [sugg(1, text, at) for at in paris]
    command = StoreSuggestions(mine)
    changed = command.do(project)
    assert changed.doc_ids == {1}
    stored = {s.uuid for s in command.stored}
    assert len(stored) == len(paris) - 1  # the rejected one was not stored again
    assert refused.uuid not in stored and mine[1].uuid not in stored
    pending = {s.uuid for s in project.suggestions(1)}
    assert pending == stored | {other.uuid}

    command.undo(project)
    assert {s.uuid for s in project.suggestions(1)} == {other.uuid}
    assert project.rejected_suggestions(1) == {refused.key}  # still remembered
    # withdrawn, not rejected: the same suggestions may be stored again
    assert project.add_suggestions([sugg(1, text, paris[0])]) == 1
    project.clear_suggestions(ANNOTATE_ALL)

    command.do(project)  # redo: the same suggestions, same uuids
    assert {s.uuid for s in project.suggestions(1)} == stored | {other.uuid}


def test_withdraw_is_not_remembered_and_undoes(project: Project) -> None:
    text = project.document(1).text
    paris = occurrences(text, "باريس")
    found = [sugg(1, text, at) for at in paris[:5]]
    keep = sugg(1, text, occurrences(text, "لندن")[0], source="gazetteer:cities")
    project.add_suggestions([*found, keep])
    command = WithdrawSuggestions([s.uuid for s in found])
    command.do(project)
    assert [s.uuid for s in project.suggestions(1)] == [keep.uuid]
    assert project.rejected_suggestions() == set()
    command.undo(project)
    assert {s.uuid for s in project.suggestions(1)} == {s.uuid for s in [*found, keep]}
    command.do(project)
    assert [s.uuid for s in project.suggestions(1)] == [keep.uuid]


ROWS = ("INSERT INTO spans ", "INSERT INTO changes ", "INSERT OR REPLACE INTO suggestions ")
"""the statements of a bulk write, traced once per row (``executemany``)"""


def _statements(project: Project, n: int) -> tuple[int, int, int]:
    """Statements other than a bulk write's rows run by accepting ``n`` suggestions, by its
    undo and by its redo."""
    text = project.document(1).text
    found = [sugg(1, text, at) for at in occurrences(text, "باريس")[:n]]
    project.add_suggestions(found)
    counts = []
    command = AcceptSuggestions([s.uuid for s in found], "amal")
    for step in (command.do, command.undo, command.do):
        seen: list[str] = []
        project.trace_sql(seen.append)
        step(project)
        project.trace_sql(None)
        counts.append(len([q for q in seen if not q.startswith(ROWS)]))
    project.clear_suggestions()
    return counts[0], counts[1], counts[2]


def test_accept_writes_in_bulk(project: Project) -> None:
    small = _statements(project, 5)
    big = _statements(project, 50)
    assert big == small  # one bulk write, not an edit (and a clock write) per span


def test_accept_undo_redo_keep_spans_and_provenance(project: Project) -> None:
    text = project.document(1).text
    paris = occurrences(text, "باريس")
    project.add_span(1, *paris[0], "GPE", "amal")
    found = [sugg(1, text, at) for at in paris]
    twin = sugg(1, text, paris[0])  # the same offsets and label as amal's span
    project.add_suggestions(found)
    command = AcceptSuggestions([s.uuid for s in found] + [twin.uuid], "amal")
    changed = command.do(project)
    spans = project.spans(1, "amal")
    assert len(spans) == len(paris)  # the span already there is not duplicated
    assert set(changed.created) == {s.uuid for s in command.spans}
    assert len(command.spans) == len(paris) - 1
    assert all(s.note.startswith("suggestion: ") for s in command.spans)
    assert all(s.text == "باريس" for s in command.spans)
    assert project.suggestions(1) == []
    first = command.spans[1]
    assert [c.action for c in project.changes(first.uuid)] == ["add"]

    changed = command.undo(project)
    assert all(r.deleted for r in changed.records) and len(changed.records) == len(paris) - 1
    assert len(project.spans(1, "amal")) == 1
    assert {s.uuid for s in project.suggestions(1)} == {s.uuid for s in found[1:]}

    command.do(project)
    assert {s.uuid for s in project.spans(1, "amal")} == {s.uuid for s in spans}
    assert project.suggestions(1) == []
    actions = [c.action for c in project.changes(first.uuid)]
    assert sorted(actions) == ["add", "redo", "undo"]
    assert project.span(first.uuid).clock > first.clock  # restored with a fresh stamp


def test_accept_refuses_a_bad_layer_name_and_writes_nothing(project: Project) -> None:
    text = project.document(1).text
    found = [sugg(1, text, at) for at in occurrences(text, "باريس")[:3]]
    project.add_suggestions(found)
    with pytest.raises(ValidationError):
        AcceptSuggestions([s.uuid for s in found], "").do(project)
    assert len(project.suggestions(1)) == 3
    assert project.spans(1) == []
