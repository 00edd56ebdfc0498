"""A redo (or undo) of a stored suggestion batch that fails leaves the file as it was.

``StoreSuggestions`` stores its suggestions as one batch; its undo lists the batch in
``withdrawn_suggestions`` (hidden, kept for the redo), its redo takes it off the list, each
in one transaction. A redo can fail: another writer of the file (a background import, the
annotate-all job storing on its own connection) holds the write lock longer than the busy
timeout, the disk is full, the store was closed after a failed write. Then the transaction
is rolled back: the batch stays withdrawn, the command stays undone and can be redone later.

The window's undo stack could not refuse a step that failed (a QUndoCommand moves the
index whatever happens): it counted the step done while its suggestions stayed hidden, and
its next Undo withdrew the batch a second time. That second withdrawal marked the batch
intact again, so a batch that had lost rows meanwhile (purged, or taken over by a suggestion
stored again) came back without them on the redo. ui/session.py now puts the stack back
(tests/ui/test_withdrawn_redo_window.py); the store keeps what it knows of a batch withdrawn
twice (``Store.withdraw_batch``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.commands.suggestions import AcceptSuggestions, StoreSuggestions
from annotator.errors import Message, ProjectFileError
from annotator.project import Project
from annotator.search.suggestions import ANNOTATE_ALL, Suggestion
from annotator.store import Store
from annotator.uuids import new_uuid

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "لندن", "و"]
COUNT = 40


def text_of(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n * len(WORDS)))


def every(text: str, word: str) -> list[tuple[int, int]]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return out


@pytest.fixture
def short_busy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection opened from now on waits 50 ms for a busy file, not 5 s."""
    original = Store._configure

    def configure(path: Path, conn: Any, read_only: bool) -> None:
        original(path, conn, read_only)
        conn.execute("PRAGMA busy_timeout = 50")

    monkeypatch.setattr(Store, "_configure", staticmethod(configure))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(text_of(COUNT), name="one")
    return path


@pytest.fixture
def project(path: Path, short_busy_wait: None) -> Iterator[Project]:
    with Project.open(path) as p:
        yield p


def stored_step(project: Project) -> StoreSuggestions:
    """An annotate-all step storing every باريس of the document as one batch, done."""
    text = project.document(1).text
    items = [
        Suggestion(new_uuid(), 1, a, b, "GPE", text[a:b], ANNOTATE_ALL, 0.987, "o")
        for a, b in every(text, "باريس")
    ]
    step = StoreSuggestions(items)
    step.do(project)
    assert step.batch and len(step.stored) == COUNT
    return step


def shown(project: Project) -> list[str]:
    return sorted(s.uuid for s in project.suggestions(1))


def while_held(path: Path, action: Callable[[], object]) -> BaseException | None:
    """Run ``action`` while another handle of the file holds its write lock; what it raised."""
    with Project.open(path) as other, other.transaction():
        try:
            action()
        except ProjectFileError as exc:
            return exc
    return None


def test_a_redo_refused_by_a_busy_file_leaves_the_batch_withdrawn(
    project: Project, path: Path
) -> None:
    step = stored_step(project)
    everything = shown(project)
    step.undo(project)
    assert shown(project) == [] and project.has_withdrawn_suggestions()
    failed = while_held(path, lambda: step.do(project))
    assert failed is not None and "busy" in str(failed)
    # the transaction was rolled back: still withdrawn, still hidden, the step still undone
    assert shown(project) == [] and project.has_withdrawn_suggestions()
    assert project.pending_count(1) == 0
    step.do(project)  # tried again, with the file free: the whole batch comes back
    assert shown(project) == everything and not project.has_withdrawn_suggestions()


def test_an_undo_refused_by_a_busy_file_leaves_the_batch_shown(
    project: Project, path: Path
) -> None:
    step = stored_step(project)
    everything = shown(project)
    failed = while_held(path, lambda: step.undo(project))
    assert failed is not None and "busy" in str(failed)
    assert shown(project) == everything and not project.has_withdrawn_suggestions()
    step.undo(project)
    assert shown(project) == []
    step.do(project)
    assert shown(project) == everything


def test_a_batch_withdrawn_twice_comes_back_whole(project: Project) -> None:
    """What the window did after a failed redo: the step counted done, Undo withdrew the
    batch again. Rows gone in between (purged here) must still be written back by the redo."""
    step = stored_step(project)
    everything = shown(project)
    step.undo(project)
    assert project.purge_withdrawn_suggestions(5) == 5  # the batch is no longer intact
    step.undo(project)  # withdrawn a second time
    step.do(project)
    # before: the second withdrawal marked it intact again, and the redo only took it off
    # the list: 35 of 40 came back
    assert shown(project) == everything
    assert project.pending_count(1) == COUNT


def test_an_accept_redone_after_a_failed_redo_logs_the_version_the_file_held(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``AcceptSuggestions`` keeps the versions of its spans it last wrote; a redo that
    failed in the middle of its transaction (its spans written, then the disk full) wrote
    none, so the next redo's change-log lines name the tombstones as "before"."""
    step = stored_step(project)
    accept = AcceptSuggestions([s.uuid for s in step.stored[:3]], "amal")
    accept.do(project)
    accept.undo(project)
    uuids = [s.uuid for s in accept.spans]

    def full(self: Project, uuids: Any) -> None:
        raise ProjectFileError(Message("{path}: disk full ({what}); nothing was written",
                                       path=self.path, what="simulated"))  # fmt: skip

    with monkeypatch.context() as patched:
        patched.setattr(Project, "withdraw_suggestions", full)
        with pytest.raises(ProjectFileError, match="disk full"):
            accept.do(project)
    assert project.spans(1, "amal") == []
    accept.do(project)
    assert len(project.spans(1, "amal")) == 3
    for uuid in uuids:
        line = project.changes(uuid)[0]  # the newest
        assert line.action == "redo" and line.before is not None
        # before: the live version the failed redo meant to write (never written)
        assert line.before["deleted"] is True, line.before
    accept.undo(project)
    assert project.spans(1, "amal") == []
