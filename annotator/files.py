"""Opening an untrusted input file: one place for every reader (``annotator.formats.source``
builds its line and folder readers on it; the gazetteer reads through it).

``read_file`` opens one file without following a symbolic link (``O_NOFOLLOW``) and without
blocking on a FIFO (``O_NONBLOCK``), refuses anything but a regular file and reads at most a
size cap; a file named by the user may itself be a link (it is resolved first), a file found
inside a folder never is. ``shown`` makes a path printable and storable.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from annotator.errors import ImportFormatError, Message, os_reason

MAX_FILE_BYTES = 512 * 1024 * 1024
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# controls, line breaks and bidi controls (a name must not break or reorder its line)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def shown(path: Path | str) -> str:
    """``path`` as text that can be printed on one line and stored: undecodable bytes (lone
    surrogates from the OS) become U+FFFD, control and line-break characters are escaped."""
    text = str(path)
    if text.isprintable():
        return text
    text = _SURROGATE.sub("\ufffd", text)
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, when not a regular file (a ``Message``: "a folder")."""
    if stat.S_ISDIR(mode):
        return Message("a folder")
    if stat.S_ISFIFO(mode):
        return Message("a FIFO")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message("a device")
    if stat.S_ISSOCK(mode):
        return Message("a socket")
    if stat.S_ISLNK(mode):
        return Message("a symbolic link")
    return Message("a special file")


def special_file(path: Path) -> str | None:
    """Why ``path`` (not followed if it is a link) is not a plain file to read (a ``Message``),
    or None."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # missing: the caller's open reports it
    if stat.S_ISLNK(mode):
        return Message("symbolic link, not followed")
    if not stat.S_ISREG(mode):
        return Message("not a regular file ({kind})", kind=kind_of(mode))
    return None


def open_regular(path: Path, follow: bool) -> tuple[int, os.stat_result]:
    """A read-only descriptor of the regular file ``path`` and its status."""
    target = os.path.realpath(path) if follow else os.fspath(path)
    if not follow:
        problem = special_file(path)
        if problem:
            raise ImportFormatError(shown(path), None, problem)
    try:
        fd = os.open(target, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ImportFormatError(
                shown(path), None, Message("symbolic link, not followed")
            ) from exc
        raise ImportFormatError(
            shown(path), None, Message("cannot read: {why}", why=os_reason(exc))
        ) from exc
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise ImportFormatError(
            shown(path), None, Message("cannot read: {why}", why=os_reason(exc))
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ImportFormatError(
            shown(path),
            None,
            Message("not a regular file ({kind}), not read", kind=kind_of(info.st_mode)),
        )
    return fd, info


def too_large(path: Path, size: int, limit: int = MAX_FILE_BYTES) -> ImportFormatError:
    """The refusal of a file of ``size`` bytes over ``limit`` (every reader's wording)."""
    return ImportFormatError(
        shown(path),
        None,
        Message("file too large ({size} bytes; limit {limit})", size=size, limit=limit),
    )


def read_file(path: Path, *, limit: int = MAX_FILE_BYTES, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``: at most ``limit`` of them, else an error.

    ``follow``: ``path`` was named by the user and may be a link (resolved, then opened);
    otherwise (a file found in a folder) a link or special file is refused."""
    fd, info = open_regular(path, follow)
    with os.fdopen(fd, "rb") as fh:
        if info.st_size > limit:
            raise too_large(path, info.st_size, limit)
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise ImportFormatError(
                shown(path), None, Message("cannot read: {why}", why=os_reason(exc))
            ) from exc
    if len(data) > limit:
        raise too_large(path, len(data), limit)
    return data


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (named by the user: a link is
    resolved), read without the rest: enough to tell a project file by its header."""
    fd, _ = open_regular(path, True)
    with os.fdopen(fd, "rb") as fh:
        try:
            return fh.read(size)
        except OSError as exc:
            raise ImportFormatError(
                shown(path), None, Message("cannot read: {why}", why=os_reason(exc))
            ) from exc
