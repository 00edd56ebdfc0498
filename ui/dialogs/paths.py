"""Where file dialogs start, and their translated filters.

Every file dialog starts in the folder the user last chose in a file dialog of the app (kept in
QSettings under ``paths/last_folder``), and on first use in the user's documents folder, never in
the process's working directory or the hidden app-data folder. ``remember_folder`` is called
with the file (or folder) a dialog returned.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from ui.i18n import QT_TRANSLATE_NOOP

SETTINGS_FOLDER = "paths/last_folder"

IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "Files", "Text, JSONL or CSV (*.txt *.jsonl *.csv);;All files (*)"
)
"""the import dialog's filter (``files_filter`` translates it); the only copy"""


def files_filter(text: str) -> str:
    """A file dialog's filter string in the interface language (context ``Files``)."""
    return QCoreApplication.translate("Files", text)


def documents_folder() -> Path:
    """The user's documents folder (home when the platform names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder(settings: QSettings | None = None) -> Path:
    """The folder file dialogs start in: the last one chosen if it still exists, else the
    documents folder."""
    value = str((settings or QSettings()).value(SETTINGS_FOLDER, "") or "")
    if value and Path(value).is_dir():
        return Path(value)
    return documents_folder()


def start_path(name: str = "", settings: QSettings | None = None) -> str:
    """``name`` inside the start folder, as a dialog's starting path string."""
    folder = start_folder(settings)
    return str(folder / name) if name else str(folder)


def remember_folder(chosen: str | Path, settings: QSettings | None = None) -> None:
    """Remember the folder of a file (or the folder) a dialog returned."""
    if not str(chosen):
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    s = settings or QSettings()
    s.setValue(SETTINGS_FOLDER, str(folder))
