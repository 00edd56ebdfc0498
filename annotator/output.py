"""The one writer for every output a user names: exports, bundles, reports and schema files.

What it guarantees
------------------
* **Complete or absent.** An output is written into a temporary sibling of its target
  (``.<name>.annotator-tmp-<pid>-<token>``), flushed to disk (fsync) and renamed onto the target
  only when complete. On any failure — an exception, a cancel, KeyboardInterrupt, a full disk —
  the temporary is removed and whatever was at the target is left exactly as it was.
* **It never destroys what it did not create.** An existing target is replaced only when it is

  - an empty regular file or an empty folder (there is nothing to lose), or
  - a previous output of this module, of the same format, unchanged since it was written:
    a **folder** holding the marker file ``.annotator-export.json`` (the format, the size
    and SHA-256 of every file written, and its sub-folders) and no file or sub-folder the
    marker does not list (an empty folder added by the user is refused like a file); a
    **file** whose
    sidecar ``.<name>.annotator-export.json`` beside it (a long name shortened, with a hash)
    records the format and the size and SHA-256 the file still has. So exporting again to the
    same ``train.conll`` or dataset folder just works, without a flag.

  The sidecar's own place is held to the same rule: it is written only where there is
  nothing, an empty file or a sidecar of this module; a file of the user's there (or a link,
  or a truncated or corrupt record) is refused like the target (``refusing to replace
  .<name>.annotator-export.json: it is in the way of the record of <name>``).

  Anything else is refused with one line (``OutputRefused``) and left untouched: a file or
  folder of the user's (``refusing to replace <path>: not an annotator export (move it away or
  choose another name)``), a previous export edited since or holding files added later, an
  export of another format, a file where a folder is to be written or the reverse.
* **Links and special files are never replaced**: a symbolic link (renaming onto it would
  replace the link itself), a device, FIFO or socket is refused. ``STDOUT`` (``Path("-")``)
  writes to standard output instead: the output is completed in a temporary file and copied to
  stdout only on success, so a failed export prints nothing. Folder outputs refuse ``-``. (For
  a file literally named ``-``, pass ``./-`` made absolute.)
* **Leftovers of a killed run are cleaned**: temporary names beside the target whose creating
  process has ended (or is a reused pid, started after they were last touched) are removed by
  the next run to the same target. A previous folder moved aside by a run killed between its
  two renames is put back first.

A folder replaces a previous one with one atomic exchange (``renameat2(RENAME_EXCHANGE)`` on
Linux), elsewhere with two renames, the moment between them covered by the rule above. Not
guarded: another program changing the target between the check and the rename (milliseconds).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import secrets
import shutil
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Final, TextIO, cast

from annotator.errors import AnnotatorError
from annotator.locking import LOCK_SUFFIX, SQLITE_COMPANIONS

STDOUT: Final = Path("-")
"""The target meaning standard output (the command line's ``-o -``)."""
MARKER: Final = ".annotator-export.json"
"""Inside a folder output: what was written there, and in which format."""
SIDECAR_SUFFIX: Final = ".annotator-export.json"
"""Beside a file output ``name``: ``.<name>`` + this suffix records what was written."""

NEW: Final = "new"
"""``check``: nothing is at the target."""
EMPTY: Final = "empty"
"""``check``: an empty file or folder is at the target (replaced: nothing is lost)."""
PREVIOUS: Final = "previous"
"""``check``: a previous, unchanged output of the same format is at the target (replaced)."""

_VERSION = 1
_MAX_MARKER_BYTES = 256 << 20
_TMP, _OLD = "annotator-tmp", "annotator-old"
_MOVE = "(move it away or choose another name)"
NOT_OURS: Final = f"not an annotator export {_MOVE}"

_live: set[str] = set()
"""temporaries this process is writing now (never cleaned as leftovers)"""
_live_lock = threading.Lock()


class OutputRefused(AnnotatorError):
    """The target holds something this module did not write (or cannot be written at all)."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def _refuse(path: Path, reason: str) -> OutputRefused:
    return OutputRefused(f"refusing to replace {path}: {reason}", path)


def is_stdout(out: str | os.PathLike[str]) -> bool:
    """Whether ``out`` is ``STDOUT`` (``-``)."""
    return os.fspath(out) == "-"


def sidecar(out: Path) -> Path:
    """The file recording what a single-file output ``out`` holds."""
    return out.with_name(f".{_stem(out.name)}{SIDECAR_SUFFIX}")


# -- what is at the target ----------------------------------------------------------------------


def check(
    out: str | os.PathLike[str], fmt: str, *, directory: bool = False, streams: bool = False
) -> str:
    """What writing ``fmt`` to ``out`` would replace: ``NEW``, ``EMPTY`` or ``PREVIOUS``.

    Raises ``OutputRefused`` (one line saying why) when the target must not be replaced.
    ``directory``: the output is a folder (else one file); ``streams``: the caller can send
    the output to standard output instead (a refusal then offers '-'). Off by default: only a
    caller that accepts '-' may offer it (a screenshot, a report or a bundle do not)."""
    return _inspect(out, fmt, directory, streams)[0]


def _inspect(
    out: str | os.PathLike[str], fmt: str, directory: bool, streams: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """``check``, plus for a previous file output the sidecar records the file still matches."""
    if is_stdout(out):
        if directory:
            raise OutputRefused(
                f"{fmt} writes a folder, which cannot go to standard output ('-'); "
                "give a folder name",
                STDOUT,
            )
        return NEW, []
    target = _target(out)
    _not_a_companion(target)
    st = _lstat(target)
    if st is None:
        if not directory:
            _sidecar_slot(target)
        return NEW, []
    what = _not_regular(st.st_mode)
    if what:
        hint = "; '-' writes to standard output" if streams and not directory else ""
        raise _refuse(target, f"it is {what}, which is never replaced (choose another name{hint})")
    if stat.S_ISDIR(st.st_mode):
        if not directory:
            raise _refuse(target, f"it is a folder, and {fmt} writes one file (choose a file name)")
        return _inspect_folder(target, fmt), []
    if directory:
        raise _refuse(target, f"it is a file, and {fmt} writes a folder (choose a folder name)")
    _sidecar_slot(target)
    if st.st_size == 0:
        return EMPTY, []
    return PREVIOUS, _inspect_file(target, fmt, st)


_KEEPS = {"-wal": "write-ahead log", "-shm": "shared memory", "-journal": "journal"}
COMPANIONS = {suffix: _KEEPS[suffix] for suffix in SQLITE_COMPANIONS}
"""the files SQLite keeps beside a database (``annotator.locking.SQLITE_COMPANIONS``, the
suffixes ``annotator.store`` refuses to create a project beside), what each holds, with
``LOCK_SUFFIX`` the project's lock file: each is the project's, never an output"""


def _not_a_companion(target: Path) -> None:
    """Refuse a target named as a file a project keeps beside itself (``p.annotator-wal``,
    ``-shm``, ``-journal``, ``p.annotator.lock``) when that project (any file of that name)
    is there: SQLite discards a log it cannot read and the lock is removed when the project
    is let go, so an output written there was reported and then silently lost, and a folder
    there made the project read-only (QA 13). Refused whether or not the name holds anything
    yet."""
    for suffix, what in (*COMPANIONS.items(), (LOCK_SUFFIX, "lock file")):
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            owner = target.with_name(target.name[: -len(suffix)])
            if os.path.isfile(owner):
                raise OutputRefused(
                    f"refusing to write {target}: it is where {owner.name} keeps its {what} "
                    "(choose another name)",
                    target,
                )


def _target(out: str | os.PathLike[str]) -> Path:
    path = Path(out)
    if path.name in ("", ".", ".."):
        path = Path(os.path.abspath(path))
    if not path.name:
        raise OutputRefused(f"cannot write to {out}: give a file or folder name", path)
    return path


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise OutputRefused(
            f"cannot write to {path}: a folder on its path is a file", path
        ) from None


def _not_regular(mode: int) -> str:
    """What a non-regular, non-folder file is ("" for a regular file or a folder)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ""
    for test, name in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _sidecar_slot(target: Path) -> None:
    """Refuse unless the sidecar's place holds nothing, an empty file or a record of ours.

    Anything else there is the user's and is never replaced: a link or special file, and a
    regular file that is not a whole record this module wrote, however it came to be there.
    A truncated or corrupt record counts as not ours: records are written whole into a
    temporary, fsynced and renamed into place, so this module never leaves one half-written
    (a killed run leaves only a temporary, cleaned later); a damaged file at that name was
    made or changed by someone else, and refusing costs a move where replacing could lose it.
    """
    side = sidecar(target)
    st = _lstat(side)
    if st is None:
        return
    if stat.S_ISREG(st.st_mode) and (st.st_size == 0 or _is_record(side)):
        return
    raise _refuse(side, f"it is in the way of the record of {target.name} {_MOVE}")


def _is_record(side: Path) -> bool:
    """Whether ``side`` is a sidecar this module wrote (a record of a single-file output)."""
    data = _read_marker(side)
    return data is not None and isinstance(data.get("versions"), list)


def _read_marker(path: Path) -> dict[str, Any] | None:
    """A marker or sidecar this module wrote (None when absent or not one of ours)."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_MARKER_BYTES:
            return None
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("annotator-export") != _VERSION:
        return None
    return data


def _same_format(target: Path, data: dict[str, Any], fmt: str) -> None:
    if data.get("format") != fmt:
        raise _refuse(target, f"it is an annotator {data.get('format')} export, not {fmt} {_MOVE}")


def _inspect_file(target: Path, fmt: str, st: os.stat_result) -> list[dict[str, Any]]:
    data = _read_marker(sidecar(target))
    if data is None:
        raise _refuse(target, NOT_OURS)
    _same_format(target, data, fmt)
    versions = data.get("versions")
    matching = [
        v for v in (versions if isinstance(versions, list) else []) if not _changed(target, st, v)
    ]
    if not matching:
        raise _refuse(target, f"it was changed after annotator wrote it {_MOVE}")
    return matching[:1]


def _inspect_folder(target: Path, fmt: str) -> str:
    data = _read_marker(target / MARKER)
    if data is None:
        with os.scandir(target) as entries:
            if next(entries, None) is None:
                return EMPTY
        raise _refuse(target, NOT_OURS)
    _same_format(target, data, fmt)
    files = data.get("files")
    files = files if isinstance(files, dict) else {}
    folders = data.get("folders")
    # ours: a sub-folder the marker lists, or (markers written before "folders") one that holds
    # a file the marker lists; any other, even empty, is the user's and is never deleted
    ours = {str(f) for f in folders} if isinstance(folders, list) else set()
    ours.update(_parents(rel) for rel in files)
    for path, rel, st in _walk(target, folders=True):
        if stat.S_ISDIR(st.st_mode):
            if rel not in ours and not any(f.startswith(f"{rel}/") for f in ours):
                raise _refuse(
                    target, f"it holds the folder {rel}, which the export did not write {_MOVE}"
                )
            continue
        if rel == MARKER:
            continue
        rec = files.get(rel)
        if rec is None or not stat.S_ISREG(st.st_mode):
            raise _refuse(target, f"it holds {rel}, which the export did not write {_MOVE}")
        if _changed(path, st, rec):
            raise _refuse(target, f"{rel} was changed after annotator wrote it {_MOVE}")
    return PREVIOUS


def _parents(rel: str) -> str:
    """The folder holding ``rel`` (a ``/`` path relative to the output), ``""`` for the top."""
    return rel.rpartition("/")[0]


def _walk(folder: Path, folders: bool = False) -> Iterator[tuple[Path, str, os.stat_result]]:
    """Every entry under ``folder`` (links not followed), sub-folders only if ``folders``:
    path, relative name with ``/``, lstat. An unreadable sub-folder raises rather than being
    skipped."""

    def fail(exc: OSError) -> None:
        raise exc

    for dirpath, dirnames, filenames in os.walk(folder, onerror=fail):
        for name in (*dirnames, *filenames):
            path = Path(dirpath, name)
            st = os.lstat(path)
            if folders or not stat.S_ISDIR(st.st_mode):
                yield path, path.relative_to(folder).as_posix(), st


def _changed(path: Path, st: os.stat_result, rec: object) -> bool:
    """Whether the file differs from a record ``{size, mtime_ns, sha256}`` (the content is
    hashed only when the size matches and the modification time does not)."""
    if not isinstance(rec, dict) or not isinstance(rec.get("sha256"), str):
        return True
    if st.st_size != rec.get("size"):
        return True
    if st.st_mtime_ns == rec.get("mtime_ns"):
        return False
    try:
        with open(path, "rb") as fh:
            return bool(hashlib.file_digest(fh, "sha256").hexdigest() != rec["sha256"])
    except OSError:
        return True


# -- writing -----------------------------------------------------------------------------------


@contextlib.contextmanager
def writing(
    out: str | os.PathLike[str],
    fmt: str,
    *,
    directory: bool = False,
    stdout: IO[bytes] | None = None,
    streams: bool = False,
) -> Iterator[Path]:
    """Yield a temporary path to write the output into: an empty file, or with ``directory``
    an empty folder. When the block succeeds it becomes ``out`` (see the module docstring);
    when it fails it is removed and ``out`` is untouched. ``out`` = ``STDOUT`` copies the
    finished file to ``stdout`` (default: the process's standard output). ``streams``: the
    caller accepts '-' for this output, so a refused target may offer it (``check``)."""
    if is_stdout(out):
        check(out, fmt, directory=directory)
        with _via_stdout(stdout) as tmp:
            yield tmp
        return
    target = _target(out)
    clean_leftovers(target)  # first: it may put back a folder a killed run had moved aside
    check(target, fmt, directory=directory, streams=streams)
    _make_parent(target)
    tmp = _create(target, directory)
    try:
        yield tmp
        if directory:
            _place_folder(tmp, target, fmt)
        else:
            _place_file(tmp, target, fmt)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        _forget(tmp)


def write_bytes(
    out: str | os.PathLike[str], fmt: str, data: bytes, *, streams: bool = False
) -> None:
    """Write a small single-file output at once (see ``writing``)."""
    with writing(out, fmt, streams=streams) as tmp:
        tmp.write_bytes(data)


def write_text(out: str | os.PathLike[str], fmt: str, text: str, *, streams: bool = False) -> None:
    """Write a small text output at once, UTF-8 with LF line ends (see ``writing``)."""
    write_bytes(out, fmt, text.encode("utf-8"), streams=streams)


@contextlib.contextmanager
def _via_stdout(stdout: IO[bytes] | None) -> Iterator[Path]:
    text = _guarded(sys.stdout)
    if stdout is None and text.closed_stream:  # refused before the output is made
        raise StdoutFailed(None)
    fd, name = tempfile.mkstemp(prefix="annotator-stdout-")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        text.flush()
        stream = _guarded(stdout) if stdout is not None else getattr(text, "buffer", None)
        with tmp.open("rb") as fh:
            if stream is None:  # a text-only stdout (redirected in-process): copy as text
                text.write(fh.read().decode("utf-8"))
                text.flush()
            else:
                shutil.copyfileobj(fh, stream, 1 << 20)
                stream.flush()
    finally:
        tmp.unlink(missing_ok=True)


# -- standard output ---------------------------------------------------------------------------


class StdoutFailed(Exception):
    """Writing the process's standard output failed: ``cause`` is the system's error, or None
    when standard output is closed (``>&-``: Python sets ``sys.stdout`` to None). Neither an
    ``OSError`` (a handler of a full disk would blame its own file) nor an ``AnnotatorError``
    (a command collecting those would carry on): the command line ends with it
    (``annotator.cli.main``). A broken pipe (``| head``) stays a ``BrokenPipeError``."""

    def __init__(self, cause: OSError | None) -> None:
        super().__init__(cause)
        self.cause = cause


class _Guarded:
    """A standard output stream (text, or its binary ``buffer``) whose write errors are
    ``StdoutFailed``; ``None`` stands for a closed standard output. Anything else is the
    stream's own."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    @property
    def closed_stream(self) -> bool:
        return self._stream is None

    def write(self, data: Any) -> Any:
        if self._stream is None:
            raise StdoutFailed(None)
        try:
            if isinstance(data, str):
                return self._stream.write(data)
            return self._write_all(memoryview(data).cast("B"))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutFailed(exc) from exc

    def _write_all(self, view: memoryview) -> int:
        """Write every byte of ``view``. A binary stream may take fewer than it was given and
        say so only by its count (CPython's ``BufferedWriter`` does when a pipe's reader
        leaves mid-write; ``shutil.copyfileobj`` ignores the count): the rest is written
        again, which raises the stream's real error (a broken pipe, a full disk), and a
        write that takes nothing is a broken pipe."""
        done = 0
        while done < len(view):
            n = self._stream.write(view[done:])
            if not n:  # None (would block) or 0: the output takes no more
                raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
            done += n
        return done

    def flush(self) -> None:
        if self._stream is None:
            return  # nothing was written
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutFailed(exc) from exc

    @property
    def buffer(self) -> _Guarded:
        if self._stream is None:
            return _Guarded(None)
        binary = getattr(self._stream, "buffer", None)
        if binary is None:  # a text-only stream (redirected in-process)
            raise AttributeError("buffer")
        return _Guarded(binary)

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


def _guarded(stream: Any) -> _Guarded:
    return stream if isinstance(stream, _Guarded) else _Guarded(stream)


def stdout_closed() -> bool:
    """Standard output is closed (the command line refuses to run a command then)."""
    return sys.stdout is None or (isinstance(sys.stdout, _Guarded) and sys.stdout.closed_stream)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Run the block with ``sys.stdout`` guarded: every write to standard output that fails
    (a full disk, a closed output, an I/O error) raises ``StdoutFailed``, whether it comes from
    ``print``, a ``write`` or an output to ``-`` (``writing``). What is still buffered is
    written when the block ends, so its errors are raised there too."""
    real = sys.stdout
    guard = _guarded(real)
    shown = cast(TextIO, guard)
    sys.stdout = shown
    try:
        yield
        guard.flush()
    finally:
        if sys.stdout is shown:
            sys.stdout = real


def _make_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputRefused(
            f"cannot write to {target}: a folder on its path is a file", target
        ) from None


def _stem(name: str) -> str:
    """The target's name as used in its temporary names (shortened when long, kept unique)."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= 150:
        return name
    short = raw[:120].decode("utf-8", "ignore")
    return f"{short}~{hashlib.sha256(raw).hexdigest()[:12]}"


def _prefix(target: Path, kind: str) -> str:
    return f".{_stem(target.name)}.{kind}-"


def _new_name(target: Path, kind: str) -> Path:
    path = target.with_name(f"{_prefix(target, kind)}{os.getpid()}-{secrets.token_hex(4)}")
    with _live_lock:
        _live.add(str(path))
    return path


def _forget(path: Path) -> None:
    with _live_lock:
        _live.discard(str(path))


def _create(target: Path, directory: bool) -> Path:
    tmp = _new_name(target, _TMP)
    try:
        if directory:
            os.mkdir(tmp, 0o777)
        else:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:  # name the user's target, not our temporary beside it
        _forget(tmp)
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    except BaseException:
        _forget(tmp)
        raise
    return tmp


def _remove(path: Path) -> None:
    try:
        st = os.lstat(path)
    except OSError:
        return
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _seal(path: Path | str) -> dict[str, Any]:
    """Flush a written file to disk; its record (size, modification time, SHA-256)."""
    with open(path, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
        os.fsync(fh.fileno())
        st = os.fstat(fh.fileno())
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}


def _fsync_dir(path: Path | str) -> None:
    """Make renames inside ``path`` durable (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _marker(fmt: str, **content: Any) -> bytes:
    data = {"annotator-export": _VERSION, "format": fmt, **content}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def _write_small(path: Path, data: bytes) -> None:
    """Replace ``path`` (a file of ours) by ``data`` atomically."""
    tmp = _new_name(path, _TMP)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        _forget(tmp)


def _place_file(tmp: Path, target: Path, fmt: str) -> None:
    record = _seal(tmp)
    state, previous = _inspect(target, fmt, False)  # again, just before replacing
    side = sidecar(target)
    clean_leftovers(side)
    # the sidecar lists the old and the new content while the file is being replaced, so a
    # run killed in between leaves a target that is still recognised
    _write_small(side, _marker(fmt, versions=[*previous, record]))
    try:
        os.replace(tmp, target)
    except BaseException:
        if state != PREVIOUS:
            _remove(side)
        raise
    _fsync_dir(target.parent)
    with contextlib.suppress(OSError):  # the two-version sidecar above stays valid
        _write_small(side, _marker(fmt, versions=[record]))


def _place_folder(tmp: Path, target: Path, fmt: str) -> None:
    files: dict[str, dict[str, Any]] = {}
    folders: list[str] = []
    for path, rel, st in _walk(tmp, folders=True):
        if stat.S_ISDIR(st.st_mode):
            folders.append(rel)
        elif stat.S_ISREG(st.st_mode) and rel != MARKER:
            files[rel] = _seal(path)
    for dirpath, _, _ in os.walk(tmp):
        _fsync_dir(dirpath)
    _write_small(tmp / MARKER, _marker(fmt, files=files, folders=sorted(folders)))
    _fsync_dir(tmp)
    if check(target, fmt, directory=True) == PREVIOUS:  # again, just before replacing
        _remove(_swap(tmp, target))
    else:
        os.rename(tmp, target)  # fails, changing nothing, if a non-empty folder appeared there
    _fsync_dir(target.parent)


def _swap(tmp: Path, target: Path) -> Path:
    """Put folder ``tmp`` in the place of folder ``target``; the path now holding the old one."""
    if _exchange(tmp, target):
        return tmp
    old = _new_name(target, _OLD)
    try:
        os.rename(target, old)
        try:
            os.rename(tmp, target)
        except BaseException:
            os.rename(old, target)
            raise
    finally:
        _forget(old)
    return old


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_renameat2: list[Callable[..., int] | None] = []


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    if not _renameat2:
        try:
            found = ctypes.CDLL(None, use_errno=True).renameat2
            found.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                              ctypes.c_uint)  # fmt: skip
            found.restype = ctypes.c_int
            _renameat2.append(found)
        except (AttributeError, OSError):
            _renameat2.append(None)
    fn = _renameat2[0]
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # the kernel or the file system cannot exchange: two renames instead
    raise OSError(err, os.strerror(err), str(b))


# -- leftovers of killed runs -------------------------------------------------------------------


def clean_leftovers(out: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporaries a killed run left beside ``out`` (put back a previous output it
    had moved aside, if ``out`` is missing); the paths removed or put back."""
    if is_stdout(out):
        return []
    target = _target(out)
    kinds = {_prefix(target, _TMP): _TMP, _prefix(target, _OLD): _OLD}
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    done: list[Path] = []
    olds: list[Path] = []
    for name in sorted(names):
        for prefix, kind in kinds.items():
            if not name.startswith(prefix):
                continue
            path = target.parent / name
            pid = _pid_of(name[len(prefix) :])
            if pid is None or not _stale(path, pid):
                continue
            if kind == _OLD:
                olds.append(path)
            else:
                _remove(path)
                done.append(path)
    for old in olds:
        if _lstat(target) is None:
            with contextlib.suppress(OSError):
                os.rename(old, target)
        else:
            _remove(old)
        done.append(old)
    return done


def _pid_of(rest: str) -> int | None:
    pid, _, token = rest.partition("-")
    if not (pid.isdigit() and token.isalnum()):
        return None
    n = int(pid)
    return n if 0 < n < 1 << 31 else None


def _stale(path: Path, pid: int) -> bool:
    """Whether the temporary ``path``, named by process ``pid``, is a leftover: the process
    has ended, or the pid now belongs to a process started after ``path`` was last touched."""
    if pid == os.getpid():
        with _live_lock:
            return str(path) not in _live
    since = _running_since(pid)
    if since is None:
        return True
    try:
        touched = os.lstat(path).st_mtime
    except OSError:
        return False
    return touched < since - 1.0


def _running_since(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds); None when it is not running; 0.0 when it
    runs but its start time is unknown."""
    if sys.platform == "win32":
        return 0.0  # os.kill would terminate it: assume it runs
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        pass  # EPERM: it runs, as another user
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        if fields[0] in ("Z", "X"):
            return None  # ended, not yet reaped
        boot = _boot_time()
        ticks = os.sysconf("SC_CLK_TCK")
        return 0.0 if boot is None else boot + int(fields[19]) / ticks
    except (OSError, IndexError, ValueError):
        return 0.0


def _boot_time() -> float | None:
    try:
        for line in Path("/proc/stat").read_text().splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, ValueError):
        pass
    return None
