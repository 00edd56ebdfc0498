"""A dialog, message box or popup menu made for one question is freed once it is answered.

A widget made with a parent lives as long as its parent: a ``QMessageBox(…, window)`` run
with ``exec()`` and dropped stays a hidden child of the main window for the whole session,
gets every language and style change, and keeps whatever connections it made (a schema editor
reloaded itself at every edit). Every such widget is made inside ``with freed(…) as box:``,
which deletes it (``deleteLater``) when the block ends: read what the answer needs (the
clicked button, the chosen layers, the chosen action) inside the block. The deletion waits
for the event loop, never for a nested one (another box opened afterwards), so what the block
returns is still readable by its caller until control goes back to the event loop.

Not for what is meant to stay or to be found again (the review window, the docks); a dialog
shown without ``exec()`` that lives on after this code returns is freed by its own close
(``WA_DeleteOnClose``), and a background job frees its progress dialog when it ends
(``ui.jobs.BackgroundJob``). Qt's static helpers (``QMessageBox.warning``,
``QInputDialog.getText``, ``QColorDialog.getColor``) free their dialogs themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


@contextmanager
def freed(widget: W) -> Iterator[W]:
    """``widget`` for the block; deleted (``deleteLater``) when the block ends, however."""
    try:
        yield widget
    finally:
        widget.deleteLater()


__all__ = ["freed"]
