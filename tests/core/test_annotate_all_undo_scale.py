"""Undo and redo of a stored batch of suggestions cost one write whatever its size (QA: at
108,000 suggestions ``StoreSuggestions``' undo took 1.2-3.8 s and its redo 3.4-8.9 s on the
window's thread, deleting and inserting again every row).

The suggestions one undoable store writes are one batch (their uuids share the batch's id,
one range of the uuid index); its undo lists the batch as withdrawn (``withdrawn_suggestions``,
file version 4), its redo takes it off the list. What must stay true: undo withdraws exactly
what it stored (other suggestions and rejections untouched), not remembered as rejections;
redo puts exactly them back; a withdrawn suggestion is read by nothing (pending, counts,
accept, the document view's reads); its rows go when it can no longer be redone (a later
suggestion step first done: a chunk; a background store: all), and a redo after that writes
them back whole; closed withdrawn, a project reopens with them withdrawn; a crash while they
go leaves a project that opens; old files migrate with their suggestions and rejections, and
new and migrated files pass the schema check.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import store
from annotator.commands import suggestions as commands
from annotator.commands.suggestions import (
    AcceptSuggestions,
    RejectSuggestions,
    StoreSuggestions,
    WithdrawSuggestions,
    store_pending,
)
from annotator.project import Project
from annotator.search.suggestions import ANNOTATE_ALL, Suggestion
from annotator.uuids import new_uuid

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "لندن", "و"]


def text_of(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n * len(WORDS)))


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return out


def sugg(doc: int, text: str, at: tuple[int, int], source: str = ANNOTATE_ALL) -> Suggestion:
    return Suggestion(new_uuid(), doc, at[0], at[1], "GPE", text[at[0] : at[1]], source, 1.0, "o")


def paris(project: Project, doc: int) -> list[Suggestion]:
    text = project.document(doc).text
    return [sugg(doc, text, at) for at in occurrences(text, "باريس")]


def keys(items: object) -> list[tuple[int, int, int, str, str]]:
    return sorted(s.key for s in items)  # type: ignore[attr-defined]


def rows(path: Path, sql: str = "SELECT count(*) FROM suggestions") -> int:
    """A count read with sqlite3 alone, beside the app (what is in the file)."""
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Two documents of 60 باريس each, a gazetteer's suggestion (kept) and a remembered
    rejection in the first."""
    p = tmp_path / "p.annotator"
    with Project.create(p) as project:
        project.add_document(text_of(60), name="one")
        project.add_document(text_of(60) + " 2.", name="two")
        text = project.document(1).text
        london = occurrences(text, "لندن")
        keep = sugg(1, text, london[0], source="gazetteer:cities")
        gone = sugg(1, text, london[1], source="gazetteer:cities")
        assert project.add_suggestions([keep, gone]) == 2
        project.reject_suggestions([gone.uuid])
    return p


def others(project: Project) -> tuple[list[str], set[tuple[int, int, int, str, str]]]:
    """The other source's pending suggestions and the remembered rejections."""
    return [s.source for s in project.suggestions(None)], project.rejected_suggestions()


def test_undo_and_redo_write_one_row_whatever_the_size(path: Path) -> None:
    """Undo and redo run the same statements for 10 suggestions and for 120, none of them
    touching the suggestions table (before: a DELETE of every row, an INSERT OR REPLACE
    each)."""
    counts = []
    with Project.open(path) as project:
        for n in (10, 120):
            command = StoreSuggestions([*paris(project, 1), *paris(project, 2)][:n])
            command.do(project)
            assert len(command.stored) == n and command.batch
            seen: list[str] = []
            project.trace_sql(seen.append)
            command.undo(project)
            command.do(project)
            project.trace_sql(None)
            assert not [s for s in seen if re.search(r"(?<!withdrawn_)suggestions\b", s)]
            counts.append(len(seen))
            command.undo(project)  # (the next size starts from the same suggestions)
        assert counts[0] == counts[1]


def test_undo_withdraws_exactly_what_it_stored_and_redo_puts_it_back(path: Path) -> None:
    with Project.open(path) as project:
        before = others(project)
        found = [*paris(project, 1), *paris(project, 2)]
        command = StoreSuggestions(found)
        changed = command.do(project)
        assert changed.doc_ids == {1, 2}
        stored = command.stored
        assert keys(stored) == keys(found)  # (under the batch's uuids)
        assert {s.uuid[: store.BATCH_LENGTH] for s in stored} == {command.batch}
        pending = {s.uuid for s in project.suggestions(None)}
        assert len(pending) == len(found) + 1

        assert command.undo(project).doc_ids == {1, 2}
        assert others(project) == before  # the other source's and the rejection stay
        # not remembered as rejections: annotate-all may store them again
        assert not project.rejected_suggestions() - before[1]

        assert command.do(project).doc_ids == {1, 2}
        assert {s.uuid for s in project.suggestions(None)} == pending
        assert project.pending_suggestions([s.uuid for s in stored]) == stored


def test_a_withdrawn_batch_is_read_by_nothing(path: Path) -> None:
    with Project.open(path) as project:
        found = paris(project, 2)
        command = StoreSuggestions(found)
        command.do(project)
        uuids = [s.uuid for s in command.stored]
        command.undo(project)
        assert project.suggestions(2) == [] and project.suggestions(None, source=ANNOTATE_ALL) == []
        assert set(project.suggestion_counts()) == {1}
        assert project.pending_count(2) == 0 and not project.has_suggestions(2)
        assert project.suggestion_window(2, None, 10) == ([], [])
        assert project.suggestions_and_covered(2) == ([], [])
        assert project.pending_suggestions(uuids) == []
        # accept, reject, withdraw and clear see none of them either
        assert project.accept_suggestions(uuids, "amal") == []
        RejectSuggestions(uuids).do(project)
        WithdrawSuggestions(uuids).do(project)
        assert project.clear_suggestions(ANNOTATE_ALL) == 0
        assert not any(k[0] == 2 for k in project.rejected_suggestions())
        # they overlap nothing: another source's suggestion there is stored
        text = project.document(2).text
        other = sugg(2, text, occurrences(text, "باريس")[0], source="gazetteer:cities")
        assert project.add_suggestions([other]) == 1
        project.clear_suggestions("gazetteer:cities", 2)
        # redo: exactly them, pending (the reject and the clear above took none of them)
        command.do(project)
        assert [s.uuid for s in project.suggestions(2)] == uuids
        assert project.spans(2) == []


def test_stored_again_after_undo_then_redo_puts_exactly_them_back(path: Path) -> None:
    """A suggestion stored again while its batch is withdrawn is stored (not ignored as the
    same key); the batch, no longer whole, is written back whole by its redo."""
    with Project.open(path) as project:
        found = paris(project, 1)
        command = StoreSuggestions(found)
        command.do(project)
        stored = {s.uuid for s in command.stored}
        command.undo(project)
        text = project.document(1).text
        again = sugg(1, text, occurrences(text, "باريس")[0])
        assert project.add_suggestions([again]) == 1
        assert project.clear_suggestions(ANNOTATE_ALL) == 1
        command.do(project)
        assert {s.uuid for s in project.suggestions(1, source=ANNOTATE_ALL)} == stored
        command.undo(project)  # and withdrawn again as one write
        assert project.suggestions(1, source=ANNOTATE_ALL) == []


def test_rows_go_a_chunk_at_a_time_when_a_later_step_is_done(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "PURGE_CHUNK", 25)
    with Project.open(path) as project:
        command = StoreSuggestions(paris(project, 2))
        command.do(project)
        stored = list(command.stored)
        command.undo(project)
        assert rows(path) == 62  # withdrawn: still in the file, read by nothing
        # a later step first done (the undo stack drops the redo then): a chunk goes
        keep = [s.uuid for s in project.suggestions(1)]
        step = WithdrawSuggestions(keep)
        step.do(project)
        assert rows(path) == 62 - 1 - 25
        step.undo(project)  # (undo and redo of other steps delete nothing)
        step.do(project)
        assert rows(path) == 62 - 1 - 25
        RejectSuggestions(["unknown"]).do(project)  # (a step that took nothing: neither)
        assert rows(path) == 62 - 1 - 25
        step.undo(project)
        StoreSuggestions(paris(project, 1)).do(project)
        assert rows(path, "SELECT count(*) FROM suggestions WHERE doc_id = 2") == 10
        assert rows(path, "SELECT count(*) FROM withdrawn_suggestions") == 1
        # redone all the same (a step kept outside an undo stack): written back whole
        command.do(project)
        assert project.suggestions(2) == stored
        assert rows(path, "SELECT count(*) FROM withdrawn_suggestions") == 0


def test_a_background_store_deletes_every_withdrawn_row(path: Path) -> None:
    with Project.open(path) as project:
        command = StoreSuggestions(paris(project, 2))
        command.do(project)
        command.undo(project)
        found = paris(project, 1)
    with Project.open(path) as job:  # the job's own connection
        done = store_pending(job, found, size=7)
    assert rows(path, "SELECT count(*) FROM suggestions WHERE doc_id = 2") == 0
    assert rows(path, "SELECT count(*) FROM withdrawn_suggestions") == 0
    with Project.open(path) as project:
        step = StoreSuggestions.already_stored(done)
        step.do(project)
        assert step.batch and keys(step.stored) == keys(found)
        step.undo(project)
        assert project.suggestions(1, source=ANNOTATE_ALL) == []
        step.do(project)
        assert keys(project.suggestions(1, source=ANNOTATE_ALL)) == keys(found)
        # the step of a part of a batch is no batch: undo takes exactly that part
        part = StoreSuggestions.already_stored(done[:5])
        part.do(project)
        assert part.batch == ""
        part.undo(project)
        assert len(project.suggestions(1, source=ANNOTATE_ALL)) == len(found) - 5
        part.do(project)
        assert len(project.suggestions(1, source=ANNOTATE_ALL)) == len(found)


def test_accept_and_reject_of_a_batch_undone_in_order(path: Path) -> None:
    """Steps on the batch's suggestions, undone before its own undo, leave it whole: the
    suggestions they took come back under the batch's uuids."""
    with Project.open(path) as project:
        store_step = StoreSuggestions(paris(project, 1))
        store_step.do(project)
        stored = store_step.stored
        accept = AcceptSuggestions([s.uuid for s in stored[:3]], "amal")
        accept.do(project)
        reject = RejectSuggestions([s.uuid for s in stored[3:5]])
        reject.do(project)
        reject.undo(project)
        accept.undo(project)
        store_step.undo(project)
        assert project.suggestions(1, source=ANNOTATE_ALL) == []
        assert project.span_count(1, "amal") == 0
        store_step.do(project)
        assert project.suggestions(1, source=ANNOTATE_ALL) == stored
        accept.do(project)
        assert project.span_count(1, "amal") == 3


def test_closed_withdrawn_it_reopens_withdrawn(path: Path) -> None:
    with Project.open(path) as project:
        command = StoreSuggestions(paris(project, 2))
        command.do(project)
        command.undo(project)
    with Project.open(path, read_only=True) as project:
        assert project.suggestions(2) == [] and project.suggestion_counts() == {1: 1}
    with Project.open(path) as project:
        assert project.suggestions(2) == []
        assert project.integrity() == []
        command.do(project)  # (the step still held: redone)
        assert len(project.suggestions(2)) == 60


CHILD = """
import sys
from annotator.project import Project
project = Project.open(sys.argv[1])
while True:
    n = project.purge_withdrawn_suggestions(1)
    print(n, flush=True)
"""


def test_a_crash_while_withdrawn_rows_go_leaves_a_project_that_opens(path: Path) -> None:
    with Project.open(path) as project:
        command = StoreSuggestions(paris(project, 2))
        command.do(project)
        stored = list(command.stored)
        command.undo(project)
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "1"  # a row deleted and committed: killed
        child.send_signal(signal.SIGKILL)
        child.wait()
    with Project.open(path) as project:
        assert project.integrity() == []
        assert project.suggestions(2) == []  # never brought back by the crash
        command.do(project)
        assert project.suggestions(2) == stored  # written back whole


def _as_version_3(path: Path) -> None:
    """``path`` as the previous version wrote it: no withdrawn list, version 3."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE withdrawn_suggestions")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_withdrawn_suggestions'")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()


def _problems(path: Path, version: int) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return store.schema_problems(conn, version)
    finally:
        conn.close()


def test_old_files_migrate_with_their_suggestions_and_pass_the_schema_check(
    path: Path, tmp_path: Path
) -> None:
    assert store.SCHEMA_VERSION == 4 and _problems(path, 4) == []
    with Project.open(path) as project:
        pending, rejected = others(project)
    _as_version_3(path)
    assert _problems(path, 3) == []
    with Project.open(path, read_only=True) as project:  # read, not migrated
        assert others(project) == (pending, rejected)
    with Project.open(path) as project:  # migrated
        assert others(project) == (pending, rejected)
        command = StoreSuggestions(paris(project, 2))
        command.do(project)
        command.undo(project)
        assert others(project) == (pending, rejected)
    assert rows(path, "PRAGMA user_version") == 4 and _problems(path, 4) == []
    old = tmp_path / "v2.annotator"
    old.write_bytes((ROOT / "tests" / "core" / "fixtures" / "project_v2.annotator").read_bytes())
    Project.open(old).close()
    assert rows(old, "PRAGMA user_version") == 4 and _problems(old, 4) == []
