"""The editing session: the open project, the current annotator and the one undo stack.

Every edit of the GUI goes through ``Session.execute``: the core command runs first (one
transaction, committed), and only when it succeeded is it pushed on the QUndoStack, wrapped in
a QUndoCommand whose first ``redo`` (called by ``push``) does nothing. The stack lives as long
as the project is open, across document switches. Views listen to one signal, ``changed``,
and decide themselves what to repaint. An undo or redo that fails (its transaction rolled back:
the file holds the step as it was) leaves the step where it was: the stack's index is put
back (``Session._moved``) and ``error`` says that nothing was changed and it can be tried again.

A project opened for editing that this app did not close cleanly opens for reading at once
while its thorough check runs in a worker thread (``Project.open(..., background_check=True)``:
a 2.6 GiB file of 100,000 documents needs seconds to check). Until the check has passed the
session is read-only (``checking``; an edit is refused with a message); then editing is on
(``checked("")``). A file that fails the check is closed and never written (``checked`` and
``error`` carry the message, which names the file).

While a project is open for editing the session holds its lock exclusively
(``annotator.locking``, the same lock every CLI or script writer takes shared): a second window
and any other writer are refused, and the window is refused while a writer runs. The kernel
releases the lock when the process dies, so a crashed window never blocks the next one.

The rows of withdrawn suggestion batches (an undone annotate-all: hidden, kept for its redo)
are deleted once nothing can redo them (``Project.purge_withdrawn_suggestions``), off the
window's thread: on a thread of its own with its own connection, ``PURGE_STEP`` rows per
transaction with a pause between two (``_Purge``: a write of the window waits for one
transaction at most), started when a project is opened for editing (its undo stack is
empty: whatever an earlier session withdrew is garbage) and when an edit drops undone
suggestion steps from the stack. It stops (after the transaction at hand) before a suggestion
step is undone and when the project is closed; what is left stays hidden, for the next open.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.errors import AnnotatorError, ProjectFileError, message_of
from annotator.locking import EXCLUSIVE, ProjectLock, acquire
from annotator.model import DocStatus, Record
from annotator.project import Project
from ui.i18n import core_text

if TYPE_CHECKING:  # (the commands are imported by what makes the first edit: not at start-up)
    from annotator.commands import Changed, Command


@dataclass(frozen=True)
class Changes:
    """What changed, for the views: documents touched, the record versions and statuses
    written (views apply them as they are, without reading them back), and why.

    ``reason`` is one of ``edit``, ``undo``, ``redo``, ``project`` (opened/closed/imported
    into: everything may have changed) and ``annotator`` (the current layer switched).
    """

    reason: str
    doc_ids: frozenset[int] = frozenset()
    records: tuple[Record, ...] = ()
    """the last version written of each record (tombstones included), see ``Changed``"""
    statuses: tuple[DocStatus, ...] = ()
    select: str = ""
    """uuid the views should select after the change (a new or restored record)"""
    documents: bool = field(default=False)
    """the document list itself changed (import, project switch)"""
    created: frozenset[str] = frozenset()
    """uuids of the records among ``records`` that did not exist before"""
    written: frozenset[str] | None = None
    """for ``project``: the layers the bulk write before it wrote here, when its caller
    tells (``refresh``); None: not told (anything may have been written)"""
    cause: str = ""
    """for ``project``: what that bulk write was (``import``, ``merge``, ``sync``), when its
    caller tells (``refresh``); "" when not told"""

    @classmethod
    def of(cls, reason: str, changed: Changed, select: str = "") -> Changes:
        return cls(
            reason,
            changed.doc_ids,
            changed.records,
            changed.statuses,
            select,
            created=changed.created,
        )

    @property
    def uuids(self) -> tuple[str, ...]:
        """The uuids of the records written, in order."""
        return tuple(r.uuid for r in self.records)

    @property
    def status(self) -> bool:
        """Whether a document status was set."""
        return bool(self.statuses)

    @property
    def layers(self) -> frozenset[str]:
        """The layers of the record versions and statuses written."""
        return frozenset(r.annotator for r in self.records) | frozenset(
            s.annotator for s in self.statuses
        )


PURGE_STEP = 2_000
"""rows of withdrawn suggestion batches the background purge deletes per transaction (2,000
took 35-100 ms on 2 shared cores at load 8, mostly the commit's fsync)"""
PURGE_PAUSE_S = 0.12
"""the purge's pause between two transactions: longer than the longest sleep of SQLite's busy
handler (100 ms), so that a write of the window waiting for the file's lock gets it in the
pause, after one transaction at most (back to back, the purge kept it for up to 1 s)"""


class _Purge:
    """Deletes the rows of the withdrawn suggestion batches of the project file at ``path``
    (``Project.purge_withdrawn_suggestions``), ``PURGE_STEP`` per transaction and a pause
    (``PURGE_PAUSE_S``) between two, on a thread of its own with its own connection, until
    none is left or ``stop``. A transaction cut short (the process killed) is rolled back:
    its rows stay withdrawn, never shown. A busy, locked or vanished file ends it quietly: the
    rows stay hidden until a later purge."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.deleted = 0
        """rows deleted so far"""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="purge-withdrawn", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        """Stop after the transaction at hand (and wait for it: nothing is deleted after)."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        from ui.jobs import below_the_window

        below_the_window()
        try:
            with Project.open(self.path) as project:
                while not self._stop.is_set():
                    gone = project.purge_withdrawn_suggestions(PURGE_STEP)
                    self.deleted += gone
                    if gone < PURGE_STEP or self._stop.wait(PURGE_PAUSE_S):
                        return
        except (AnnotatorError, OSError):
            return


def _batch_step(command: object) -> bool:
    """Whether ``command`` stores a batch of suggestions (``StoreSuggestions.batch``): its
    undo withdraws the batch, which only its redo may put back."""
    from annotator.commands.suggestions import StoreSuggestions

    return isinstance(command, StoreSuggestions) and bool(command.batch)


class _Wrapped(QUndoCommand):
    """A core command on the Qt undo stack; already done when pushed."""

    def __init__(self, session: Session, command: Command) -> None:
        # the command's text in the interface language, its types and roles named as the
        # text's tags name them (the Undo and Redo items read "Undo add event <type>")
        project = session.project
        super().__init__(core_text(command.text, project.schema if project else None))
        self.session = session
        self.command = command
        self.pushed = False

    def redo(self) -> None:
        if not self.pushed:  # push() calls redo(); the command already ran
            self.pushed = True
            return
        self.session.replay(self.command, "redo", self)

    def undo(self) -> None:
        self.session.replay(self.command, "undo", self)


@dataclass
class _Failed:
    """An undo or redo that failed while the stack moved: where the stack's index belongs
    (the failed step as it still is in the file), and what to tell."""

    index: int
    message: str


class Session(QObject):
    """Owns the open ``Project`` (or none), the annotator name and the undo stack."""

    changed = Signal(object)
    """Changes"""
    error = Signal(str)
    """a user-facing message (an edit was refused or failed)"""
    checked = Signal(str)
    """the check of the project opened for editing has ended: "" when it passed (editing is
    on now), else the error (the project has been closed; ``error`` says it too)"""
    notice = Signal(str)
    """a message for the status bar: the project is being checked and read-only meanwhile,
    or the check has passed"""
    _check_ended = Signal(object)
    """emitted in the check's worker thread; the session handles it in its own thread"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self.annotator = ""
        self.undo_stack = QUndoStack(self)
        self.last_saved = ""
        self._lock: ProjectLock | None = None
        self._purge: _Purge | None = None
        self._failed: _Failed | None = None
        self._fixing = False
        # (connected first: the index is put back before anything else hears of it)
        self.undo_stack.indexChanged.connect(self._moved)
        self._check_ended.connect(self._finish_check, Qt.ConnectionType.QueuedConnection)

    # -- project -------------------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        return self._project

    @property
    def read_only(self) -> bool:
        """Whether the open project was opened for viewing only, or is being checked (edits
        are refused)."""
        project = self._project
        return project is not None and (project.read_only or project.checking)

    @property
    def checking(self) -> bool:
        """Whether the project opened for editing awaits the end of its check (see the
        module docstring)."""
        return self._project is not None and self._project.checking

    @property
    def path(self) -> Path | None:
        return self._project.path if self._project is not None else None

    def set_project(self, project: Project | None) -> None:
        """Take ownership of ``project`` (closing the previous one; history is cleared since
        its commands refer to the old file)."""
        self.stop_purge()
        self._failed = None
        self.undo_stack.clear()
        if self._project is not None:
            self._project.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self._project = project
        self.changed.emit(Changes("project", documents=True))

    @staticmethod
    def take_lock(path: Path) -> ProjectLock:
        """One writing window per project file: a second one is refused (it may open the file
        read-only), and so is a window while a CLI import or a script writes the project.
        A lock left by a crashed process is no lock: the kernel released it."""
        return acquire(path, EXCLUSIVE)

    def open_project(self, path: str | Path, read_only: bool = False) -> Project:
        """Open a project file; raises ProjectFileError for a corrupt, foreign or locked file."""
        same = self._project is not None and self._project.path.resolve() == Path(path).resolve()
        if same and self._lock is not None:
            lock: ProjectLock | None = self._lock  # reopening our own project: keep our lock
            self._lock = None
        elif read_only:
            lock = None
        else:
            try:
                lock = self.take_lock(Path(path))
            except ProjectFileError as exc:  # another window (or writer) has it
                raise ProjectLocked(message_of(exc)) from exc  # its Message: translated
        try:
            project = Project.open(
                path,
                read_only=read_only,
                background_check=not read_only,
                checked=self._check_ended.emit,  # (queued: handled in this thread)
            )
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        self.set_project(project)
        self._lock = lock
        if project.checking:
            self.notice.emit(
                self.tr("Checking {0}: read-only until the check has passed.").format(
                    project.path.name
                )
            )
        else:
            self._start_purge()
        return project

    def _finish_check(self, _error: object = None) -> bool:
        """The open project's check has ended (or, from ``execute``, may have): editing is
        on when it passed; when it failed the project is closed with the error. Whether the
        project is writable now."""
        project = self._project
        if project is None or not project.checking:
            return project is not None  # (a closed project's check, or handled already)
        if not project.check_ended:
            return False
        try:
            project.finish_check()
        except AnnotatorError as exc:
            self.close()
            message = self.tr("{0}. The project was closed; nothing was written to it.").format(
                core_text(exc)
            )
            self.checked.emit(message)
            self.error.emit(message)
            return False
        self.checked.emit("")
        self.notice.emit(self.tr("{0} checked: editing is on.").format(project.path.name))
        self._start_purge()
        return True

    def create_project(self, path: str | Path) -> Project:
        lock = self.take_lock(Path(path))  # before the file exists: nobody writes it meanwhile
        try:
            project = Project.create(path)
        except BaseException:
            lock.release()
            raise
        self.set_project(project)
        self._lock = lock
        return project

    def close(self) -> None:
        self.set_project(None)

    def refresh(self, written: frozenset[str] | None = None, cause: str = "") -> None:
        """Tell the views that anything may have changed (after an import or a merge on a
        worker's connection, say): the project first catches up with the schema and clock
        that connection wrote (an import may add labels). ``written``: the layers that write
        wrote, when the caller knows (``Changes.written``); ``cause``: what it was
        (``Changes.cause``)."""
        if self._project is not None:
            self._project.refresh()
        self.changed.emit(Changes("project", documents=True, written=written, cause=cause))

    def set_annotator(self, name: str) -> None:
        self.annotator = name
        self.changed.emit(Changes("annotator", documents=True))

    # -- edits ---------------------------------------------------------------------------
    def execute(self, command: Command, select: str = "") -> bool:
        """Run ``command`` now; on success push it on the undo stack and emit ``changed``
        (unless it turned out to change nothing: ``Command.did_nothing``).

        A refused edit (schema, validation, read-only or busy file) emits ``error`` instead
        and leaves the stack untouched. ``select`` defaults to the command's main record."""
        if self._project is None:
            self.error.emit(self.tr("No project is open."))
            return False
        if self._project.checking and not self._finish_check():
            if self._project is not None:  # (else it failed its check: said already)
                self.error.emit(
                    self.tr(
                        "{0} is still being checked; editing starts when the check has passed."
                    ).format(self._project.path.name)
                )
            return False
        try:
            changed = command.do(self._project)
        except AnnotatorError as exc:
            self.error.emit(core_text(exc))
            return False
        if command.did_nothing():  # no undo step that undo would only seem to ignore
            return True
        stack = self.undo_stack
        # the push drops the undone steps: the batches they withdrew can never come back
        dropped = any(
            _batch_step(getattr(stack.command(i), "command", None))
            for i in range(stack.index(), stack.count())
        )
        stack.push(_Wrapped(self, command))
        self._saved()
        self.changed.emit(Changes.of("edit", changed, select or command.uuid))
        if dropped:
            self._start_purge()
        return True

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def replay(self, command: Command, how: str, step: QUndoCommand | None = None) -> None:
        """Redo (``how="redo"``) or undo a command already on the stack (the stack's
        QUndoCommand ``step`` calls this) and tell the views.

        A QUndoCommand cannot refuse: the stack moves its index whatever happens. So when
        the command fails (its transaction rolled back: the file holds the step as it was),
        the stack's index is put back right after the move (``_moved``), the step stays
        undone (a failed redo; a failed undo: done) and can be tried again, and ``error``
        says so. Steps the same move would have passed after it are left as they are."""
        if self._project is None or self._fixing or self._failed is not None:
            return  # (the stack is being put back, or an earlier step of this move failed)
        if how == "undo" and _batch_step(command):
            self.stop_purge()  # (its batch is withdrawn now: not to be purged, its redo may come)
        try:
            changed = command.do(self._project) if how == "redo" else command.undo(self._project)
        except AnnotatorError as exc:
            self._failed = self._failure(how, step, core_text(exc))
            return
        except Exception:
            self._failed = self._failure(how, step, "")
            raise  # (a bug: reported as one; the stack is put back all the same)
        self._saved()
        select = command.uuid if how == "redo" or not _creates(command) else ""
        self.changed.emit(Changes.of(how, changed, select))

    def _failure(self, how: str, step: QUndoCommand | None, problem: str) -> _Failed:
        stack = self.undo_stack
        # the stack's index before this step's move: a redo starts at the step, an undo
        # just after it
        index = next((i for i in range(stack.count()) if stack.command(i) is step), -1)
        if index < 0:
            index = stack.index() if how == "redo" else stack.index() - 1
        if not problem:  # (a bug: the app reports it itself)
            return _Failed(index if how == "redo" else index + 1, "")
        text = step.text() if step is not None else ""
        if how == "redo":
            message = self.tr("Could not redo “{0}” (nothing was changed; Redo can try again): {1}")
        else:
            message = self.tr("Could not undo “{0}” (nothing was changed; Undo can try again): {1}")
        return _Failed(index if how == "redo" else index + 1, message.format(text, problem))

    def _moved(self, _index: int) -> None:
        """The stack has moved: when a step of that move failed, put its index back where the
        file is (its steps' ``replay`` does nothing meanwhile) and tell why."""
        failed = self._failed
        if failed is None or self._fixing:
            return
        self._fixing = True
        try:
            self.undo_stack.setIndex(failed.index)
        finally:
            self._fixing = False
            self._failed = None
        self._start_purge()  # (a failed undo of a batch step stopped it)
        if failed.message:
            self.error.emit(failed.message)

    # -- withdrawn suggestions ---------------------------------------------------------------
    @property
    def purging(self) -> bool:
        """Whether rows of withdrawn suggestion batches are being deleted in the background."""
        return self._purge is not None and self._purge.running

    def _start_purge(self) -> None:
        """Delete the rows of withdrawn suggestion batches in the background (``_Purge``) when
        nothing can redo them: the project is writable and the undo stack holds no undone
        step (what is withdrawn then was withdrawn by steps dropped, or in an earlier
        session)."""
        project, stack = self._project, self.undo_stack
        if project is None or project.read_only or project.checking or self.purging:
            return
        if stack.index() < stack.count() or not project.has_withdrawn_suggestions():
            return  # (nothing to purge: no thread, no second connection to the file)
        self._purge = _Purge(project.path)

    def stop_purge(self) -> None:
        """Stop the background purge (after its transaction at hand) and wait for it."""
        purge, self._purge = self._purge, None
        if purge is not None:
            purge.stop()

    def _saved(self) -> None:
        from datetime import datetime

        self.last_saved = datetime.now().strftime("%H:%M:%S")


class ProjectLocked(ProjectFileError):
    """The project is held by another writer (window, import, merge): it may be opened
    read-only."""


def _creates(command: Command) -> bool:
    """Whether undoing ``command`` removes its main record (then nothing is left to select)."""
    return not command.versions or command.versions[0][0] is None
