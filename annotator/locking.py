"""Who may write a project file: the project lock, and whether file and folder are writable.

One lock per project, ``<project>.lock`` next to it, held with ``fcntl.flock`` (released by the
kernel when its holder dies, so a crash never leaves a stale lock behind):

* an annotator window (``ui.session``) holds it **exclusively** for as long as it has the
  project open for editing: a second window, and every other writer, is refused;
* every other writer (CLI write commands, ``Project.open(...)`` from a script: anything that
  opens the store for writing) holds it **shared** for its lifetime: writers coexist (SQLite
  serialises their transactions), but no window can take the project over meanwhile.

Inside one process the lock is counted, not stacked: the store handles a window opens on its
own project (worker threads importing or merging) ride on the window's exclusive lock, and
several API handles share one shared lock. Read-only opens take no lock at all (read-only media
cannot hold a lock file). The exclusive holder writes its pid into the lock file; the holders
of a lock are named from ``/proc/locks`` where it exists.

The file is removed when its last holder lets go (a holder checks after locking that the path
still names the file it locked, so a removal racing with a new lock is harmless).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import Message, ProjectFileError, os_reason

SHARED = "shared"
EXCLUSIVE = "exclusive"


SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
"""the suffixes of the files SQLite makes beside a database file (``annotator.store``: a
project is not made where one is left; ``annotator.output``: no output is written there)"""

LOCK_SUFFIX = ".lock"
"""the suffix of a project's lock file (``lock_path``)"""


def lock_path(project: Path) -> Path:
    return Path(str(project) + LOCK_SUFFIX)


# -- writability --------------------------------------------------------------------------
def _access(path: Path) -> bool:
    """Whether this process may write ``path``: the file system allows it and the path has a
    write bit for someone. ``os.access`` says yes to root whatever the mode, but a file or
    folder with no write bit at all (``chmod 444``, ``chmod a-w``) is one its owner asked not
    to be written, so it is read-only for root too."""
    try:
        if not os.stat(path).st_mode & 0o222:
            return False
    except OSError:
        pass  # the file system's answer below
    return os.access(path, os.W_OK)


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def write_refusal(project: Path) -> str | None:
    """Why ``project`` cannot be opened for writing (read-only medium, file or folder), or
    None when it can. SQLite needs the file and its folder (for ``-wal``, ``-shm``, the lock)."""
    folder = project.resolve().parent
    if _read_only_fs(folder) or (project.exists() and _read_only_fs(project)):
        return Message(
            "{path}: the project file is read-only (it is on a read-only file system); "
            "use read-only commands, or copy it to a writable folder to edit it",
            path=str(project),
        )
    if project.exists() and not _access(project):
        return Message(
            "{path}: the project file is read-only (no permission to write it); "
            "use read-only commands, or copy it to a writable folder to edit it",
            path=str(project),
        )
    if not _access(folder):
        return Message(
            "{path}: the folder {folder} is read-only (annotator writes its journal and "
            "lock next to the project); use read-only commands, or copy it to a writable folder",
            path=str(project),
            folder=str(folder),
        )
    return None


def folder_writable(project: Path) -> bool:
    """Whether files can be created next to ``project`` (``-wal``, ``-shm``)."""
    folder = project.resolve().parent
    return not _read_only_fs(folder) and _access(folder)


# -- the lock -------------------------------------------------------------------------------
@dataclass
class _Held:
    """This process's hold on one project's lock file: one descriptor, counted users."""

    fd: int
    exclusive: bool
    shared: int


_HELD: dict[str, _Held] = {}
_GUARD = threading.Lock()
_ORPHANS: list[ProjectLock] = []  # dropped without release() while _GUARD was busy


def _key(project: Path) -> str:
    return os.path.realpath(project)


class ProjectLock:
    """A hold on a project's lock; ``release()`` (or the ``with`` block) lets it go."""

    def __init__(self, project: Path, kind: str) -> None:
        self.project = project
        self.kind = kind
        self._key = _key(project)
        self._released = False

    @property
    def held(self) -> bool:
        return not self._released

    def release(self) -> None:
        with _GUARD:
            _adopt_orphans()
            self._release()

    def _release(self) -> None:
        """Release under _GUARD."""
        if self._released:
            return
        self._released = True
        held = _HELD.get(self._key)
        if held is None:
            return
        if self.kind == EXCLUSIVE:
            held.exclusive = False
            if held.shared:
                # writers of this process (worker threads) still run: keep them covered
                with contextlib.suppress(OSError):
                    fcntl.flock(held.fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return
        else:
            held.shared -= 1
            if held.shared or held.exclusive:
                return
        del _HELD[self._key]
        _let_go(held.fd, lock_path(self.project))

    def __enter__(self) -> ProjectLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        # A handle dropped without close(). The garbage collector may run this while this
        # very thread holds _GUARD (inside acquire): never wait for it, leave it to the next
        # lock operation instead.
        if self._released:
            return
        if _GUARD.acquire(blocking=False):
            try:
                self._release()
            finally:
                _GUARD.release()
        else:
            _ORPHANS.append(self)


def _adopt_orphans() -> None:
    while _ORPHANS:
        _ORPHANS.pop()._release()


def _let_go(fd: int, path: Path) -> None:
    """Release a descriptor; remove the lock file when nobody else holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass  # another process holds it too: the file stays
    else:
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                path.unlink()
    os.close(fd)


def acquire(project: Path, kind: str) -> ProjectLock:
    """Take ``project``'s lock ``shared`` (writers) or ``exclusive`` (an annotator window).

    Raises ProjectFileError naming the holder when another process (or, for ``exclusive``,
    another window of this one) holds a conflicting lock, or when the lock file cannot be
    created (read-only folder)."""
    if kind not in (SHARED, EXCLUSIVE):
        raise ValueError(kind)
    key = _key(project)
    with _GUARD:
        _adopt_orphans()
        held = _HELD.get(key)
        if held is not None:
            if kind == SHARED:
                held.shared += 1
                return ProjectLock(project, kind)
            if held.exclusive:
                raise ProjectFileError(_refusal(project, EXCLUSIVE, [(os.getpid(), "WRITE")]))
            # this process writes it already (API handles): the window may take it over as
            # long as no other process writes it
            try:
                fcntl.flock(held.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holders = _holders(held.fd)
                with contextlib.suppress(OSError):  # the conversion dropped our shared hold
                    fcntl.flock(held.fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                raise ProjectFileError(_refusal(project, kind, holders)) from None
            held.exclusive = True
            _write_pid(held.fd)
            return ProjectLock(project, kind)
        fd = _lock_new(project, kind)
        _HELD[key] = _Held(fd, kind == EXCLUSIVE, int(kind == SHARED))
        return ProjectLock(project, kind)


_NO_FLOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL}


def _lock_new(project: Path, kind: str) -> int:
    path = lock_path(project)
    flag = fcntl.LOCK_EX if kind == EXCLUSIVE else fcntl.LOCK_SH
    for _ in range(20):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise ProjectFileError(_cannot_create(project, path, exc)) from exc
        try:
            fcntl.flock(fd, flag | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in _NO_FLOCK:
                return fd  # a file system without locks: work as before locks existed
            holders = _holders(fd) if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN) else []
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise ProjectFileError(
                    Message(
                        "{path}: cannot lock {file}: {why}",
                        path=str(project),
                        file=str(path),
                        why=os_reason(exc),
                    )
                ) from exc
            raise ProjectFileError(_refusal(project, kind, holders)) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except OSError:
            same = False
        if same:
            if kind == EXCLUSIVE:
                _write_pid(fd)
            return fd
        os.close(fd)  # its last holder removed the file meanwhile: lock the new one
    raise ProjectFileError(
        Message("{path}: cannot lock {file} (it keeps changing)", path=str(project), file=str(path))
    )


def _cannot_create(project: Path, path: Path, exc: OSError) -> str:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return write_refusal(project) or Message(
            "{path}: the folder {folder} is read-only (cannot create {name})",
            path=str(project),
            folder=str(path.parent),
            name=path.name,
        )
    if exc.errno == errno.ENOSPC:
        return Message("no space left on device: {path}", path=str(path))
    return Message(
        "{path}: cannot create its lock file {file}: {why}",
        path=str(project),
        file=str(path),
        why=os_reason(exc),
    )


def _write_pid(fd: int) -> None:
    with contextlib.suppress(OSError):  # best effort: /proc/locks names holders too
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)


def _holders(fd: int) -> list[tuple[int, str]]:
    """(pid, READ|WRITE) of the flock holders of ``fd``'s file, from /proc/locks; else the pid
    the exclusive holder wrote into the file."""
    try:
        inode = os.fstat(fd).st_ino
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        lines, inode = [], -1
    out: list[tuple[int, str]] = []
    for line in lines:
        parts = line.split()
        if "->" in parts:  # a waiter, not a holder
            continue
        if len(parts) >= 6 and parts[1] == "FLOCK":
            with contextlib.suppress(ValueError, IndexError):
                if int(parts[5].rsplit(":", 1)[1]) == inode:
                    out.append((int(parts[4]), parts[3]))
    if not out:
        with contextlib.suppress(OSError, ValueError):
            out.append((int(os.pread(fd, 32, 0).split()[0]), "WRITE"))
    return out


_OPTIONS_WITH_VALUE = ("-X", "-W", "--check-hash-based-pycs")


def program_of(pid: int) -> str:
    """The program a process runs, from ``/proc/<pid>/cmdline``: the command's name
    (``annotator``), or for an interpreter the module or script it runs (``python3 -m
    pytest``, ``python3 work.py``); "" when unknown (no /proc, another pid namespace, gone)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    argv = [a.decode("utf-8", "replace") for a in raw.split(b"\0") if a]
    if not argv:
        return ""
    name = os.path.basename(argv[0])
    if name.startswith("python") and len(argv) > 1:
        rest = argv[1:]
        while rest and rest[0].startswith("-") and rest[0] not in ("-m", "-c"):
            # interpreter options (-u, -X dev, -W error ...)
            rest = rest[2:] if rest[0] in _OPTIONS_WITH_VALUE else rest[1:]
        if len(rest) >= 2 and rest[0] == "-m":
            return f"{name} -m {rest[1]}"
        if rest and rest[0] != "-c":
            return f"{name} {os.path.basename(rest[0])}"
    return name


def _who(pids: list[int], unknown: str) -> str:
    """Holding processes as "process 123 (annotator)", or ``unknown`` when none is known."""
    if not pids:
        return unknown
    named: list[str] = []
    for pid in pids:
        program = program_of(pid)
        if program:
            named.append(Message("process {pid} ({program})", pid=str(pid), program=program))
        else:
            named.append(Message("process {pid}", pid=str(pid)))
    listed = named[-1]
    for one in reversed(named[:-1]):  # "a, b, c", each part translated
        listed = Message("{first}, {rest}", first=one, rest=listed)
    return listed


def _refusal(project: Path, kind: str, holders: list[tuple[int, str]]) -> str:
    """Why the lock is refused, naming the holding processes by pid and program."""
    writers = sorted({pid for pid, how in holders if how == "WRITE" and pid > 0})
    readers = sorted({pid for pid, how in holders if how != "WRITE" and pid > 0})
    if writers or not readers:
        if kind == EXCLUSIVE:
            if not writers:
                return Message(
                    "{path}: already open for editing in another annotator window; it can "
                    "still be opened read-only (view only) here",
                    path=str(project),
                )
            return Message(
                "{path}: already open for editing in an annotator window: {who}; it can "
                "still be opened read-only (view only) here",
                path=str(project),
                who=_who(writers, ""),
            )
        who = _who(writers, Message("another annotator window"))
        return Message(
            "{path}: open for editing in an annotator window ({who}); close it there "
            "first, or use a read-only command",
            path=str(project),
            who=who,
        )
    return Message(
        "{path}: being written by another annotator process ({who}: an "
        "import, a merge or a script); try again when it has finished, or open it read-only",
        path=str(project),
        who=_who(readers, ""),
    )
