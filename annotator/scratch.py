"""Private scratch folders in the system's temporary folder that a killed process cannot litter.

A merge reads a colleague's project file from a private copy, a read-only open of a file with
a pending log reads a private copy too, and an import keeps what it checked in a scratch file.
``tempfile.TemporaryDirectory`` removes such a folder when the work ends, but a process killed
with SIGKILL never gets there and a full copy of someone's project would stay behind for good.

Here each folder is named ``<prefix><pid>-<random>`` and holds a ``.lock`` file its owner keeps
open with an exclusive ``fcntl.flock`` for the folder's whole life; the kernel drops that lock
when the owner exits, however it exits. Every new folder first removes the folders of its
prefix whose lock it can take: those of processes that are gone. A process id alone cannot
tell that: in another PID namespace (containers sharing ``/tmp``) a live owner's pid means
nothing here, and a pid reused by an unrelated process would keep a leftover forever. A
folder is created under a hidden name and renamed once its lock is held, so no one ever sees
it unlocked. (Folders of older versions, with no ``.lock``, go by the old rule: the pid in
the name no longer runs.)

Running out of room in the temporary folder is the user's to fix, and not the project's disk:
``TempSpaceError`` says which folder is full and how to point ``TMPDIR`` elsewhere
(``room``)."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.errors import AnnotatorError, Message

LOCK = ".lock"
"""the file in each scratch folder its owner holds an exclusive ``flock`` on"""

_STAGING = "."
"""a folder being made is named ``.<prefix>...`` until its lock is held"""

_STAGING_AGE_S = 600.0
"""a staging folder with no lock file older than this was left by a process killed while
making it (a moment's window) and is removed"""

_held: dict[Path, int] = {}
"""this process's scratch folders and the descriptors holding their locks"""

NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT})
"""the errors of a full file system (or a full quota)"""


class TempSpaceError(AnnotatorError):
    """The temporary folder has no room for what a command keeps there; ``folder`` is it."""

    def __init__(self, message: str, folder: Path) -> None:
        super().__init__(message)
        self.folder = folder

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (a job's error) with its folder
        return (type(self), (self.args[0], self.folder))


def temp_folder() -> Path:
    """The temporary folder scratch folders go in (``TMPDIR``, else the system's)."""
    return Path(tempfile.gettempdir())


def free_bytes(folder: Path) -> int | None:
    """The bytes free for this user on the file system of ``folder`` (None: unknown)."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def megabytes(n: int) -> str:
    """``n`` bytes as a short size ("39 MB", "1.5 MB", "less than 1 MB")."""
    mb = n / 1_000_000
    if mb < 1:
        return "less than 1 MB"
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


def temp_space_message(what: str, folder: Path) -> Message:
    """One line: the temporary ``folder`` is too small for ``what`` (what needed the room,
    and how much), and how to free it or point ``TMPDIR`` elsewhere."""
    return Message(
        "no space left in the temporary folder {folder}: {what}; free space there, or point "
        "TMPDIR at a folder with room (TMPDIR=/path/to/folder annotator ...)",
        folder=str(folder),
        what=what,
    )


def temp_space_error(what: str, folder: Path | None = None) -> TempSpaceError:
    """``TempSpaceError`` for a temporary ``folder`` (default: ``temp_folder()``) too small
    for ``what``."""
    where = folder if folder is not None else temp_folder()
    return TempSpaceError(temp_space_message(what, where), where)


@contextlib.contextmanager
def room(what: str, folder: Path | None = None) -> Iterator[None]:
    """Turn a full file system met inside the block (``NO_ROOM``) into ``temp_space_error``:
    the block writes in the temporary ``folder`` only."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in NO_ROOM:
            raise
        raise temp_space_error(what, folder) from exc


def _pid_gone(pid: int) -> bool:
    """The old rule, for folders without a lock file: the process no longer runs here."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process
        return False
    return False


def _abandoned(entry: Path, pid: str) -> int | None:
    """An exclusive lock on ``entry``'s lock file when its owner is gone (the caller removes
    the folder, then closes the descriptor); -1 for a lock-less folder to remove; None: keep."""
    if entry.name.startswith(_STAGING):  # being made, or its maker killed while making it
        try:
            if time.time() - entry.stat().st_mtime < _STAGING_AGE_S:
                return None
        except OSError:
            return None
    try:
        fd = os.open(entry / LOCK, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        if entry.name.startswith(_STAGING):
            return -1
        return -1 if pid.isdigit() and _pid_gone(int(pid)) else None
    except OSError:  # not ours to open (another user's), or not a plain file
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: its owner runs, whatever its pid looks like from here
        os.close(fd)
        return None
    return fd


def clean_leftovers(prefix: str, folder: Path | None = None) -> int:
    """Remove the ``<prefix><pid>-*`` folders whose owner is gone (their lock can be taken);
    how many went."""
    where = Path(folder or tempfile.gettempdir())
    removed = 0
    with contextlib.suppress(OSError):
        for entry in where.iterdir():
            name = entry.name.removeprefix(_STAGING)
            if not name.startswith(prefix) or entry.is_symlink() or not entry.is_dir():
                continue
            if entry in _held:
                continue
            pid = name[len(prefix) :].split("-", 1)[0]
            fd = _abandoned(entry, pid)
            if fd is None:
                continue
            try:
                shutil.rmtree(entry, ignore_errors=True)
            finally:
                if fd >= 0:
                    os.close(fd)
            removed += 1
    return removed


def _forget_removed() -> None:
    """Release the locks of this process's folders that someone removed (``shutil.rmtree``
    called directly rather than ``remove``)."""
    for path, fd in list(_held.items()):
        if not os.path.lexists(path):
            del _held[path]
            os.close(fd)


def make(prefix: str, need: str = "") -> Path:
    """A new private folder (mode 0700) whose lock this process holds until ``remove``,
    after removing the folders of that prefix whose owner is gone. ``need``: what a full
    temporary folder is told the folder was for (``temp_space_error``)."""
    _forget_removed()
    clean_leftovers(prefix)
    where = tempfile.gettempdir()
    with room(need or Message("cannot make a scratch folder there")):
        staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{prefix}{os.getpid()}-", dir=where))
        try:
            fd = os.open(staging / LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: no one else holds it
        path = staging.with_name(staging.name.removeprefix(_STAGING))
        os.rename(staging, path)
    except BaseException:
        os.close(fd)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _held[path] = fd
    return path


def remove(path: Path) -> None:
    """Remove a folder ``make`` gave, then release its lock."""
    shutil.rmtree(path, ignore_errors=True)
    fd = _held.pop(path, None)
    if fd is not None:
        os.close(fd)


@contextlib.contextmanager
def folder(prefix: str, need: str = "") -> Iterator[Path]:
    """``make(prefix, need)`` for the length of a ``with`` block, removed at its end."""
    path = make(prefix, need)
    try:
        yield path
    finally:
        remove(path)
