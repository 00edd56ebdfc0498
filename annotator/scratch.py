"""Private scratch folders in the system's temporary folder that a killed process cannot litter.

A merge reads a colleague's project file from a private copy, and a read-only open of a file
with a pending log reads a private copy too. ``tempfile.TemporaryDirectory`` removes such a
copy when the work ends, but a process killed with SIGKILL never gets there and a full copy
of someone's project would stay behind for good. Here each folder is named
``<prefix><pid>-<random>``, and every new one first removes the folders of that prefix whose
process is gone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def clean_leftovers(prefix: str, folder: Path | None = None) -> int:
    """Remove ``<prefix><pid>-*`` folders of processes that no longer run; how many went."""
    where = Path(folder or tempfile.gettempdir())
    removed = 0
    with contextlib.suppress(OSError):
        for entry in where.iterdir():
            rest = entry.name[len(prefix) :] if entry.name.startswith(prefix) else ""
            pid = rest.split("-", 1)[0]
            if not pid.isdigit() or _alive(int(pid)) or entry.is_symlink() or not entry.is_dir():
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
    return removed


def make(prefix: str) -> Path:
    """A new private folder (mode 0700), after removing dead processes' leftovers."""
    clean_leftovers(prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


@contextlib.contextmanager
def folder(prefix: str) -> Iterator[Path]:
    """``make(prefix)`` for the length of a ``with`` block, removed at its end."""
    path = make(prefix)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
