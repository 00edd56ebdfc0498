"""The Import dialog: files or folders, format, layer, strict or lenient, new-label policy.

The job follows ``ui.jobs``: an ``ImportWorker`` subclass on the QThreadPool opens its own
``Project`` (SQLite connections are per thread) and ``ImportJob`` shows a cancellable progress
dialog. The import is one transaction, so a strict error, an unknown label under ``error`` or
a cancel leaves the project as it was. The report, problems with file:line included, is shown
as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.common import ImportResult, IsCancelled, Progress
from annotator.formats.registry import IMPORT_FORMATS, REGISTRY, detect_format, read_any
from annotator.importing import DEFAULT_ANNOTATOR, ImportReport, import_documents
from annotator.project import Project
from ui.dialogs.export_dialog import format_description
from ui.dialogs.paths import remember_folder, start_path
from ui.i18n import isolate
from ui.jobs import ImportJob, ImportWorker, summary
from ui.session import Session
from ui.widgets import lines_in_their_direction

PATH_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ImportOptions:
    """How the files are read and written: what the CLI's ``import`` flags say."""

    fmt: str = "auto"
    text_column: str = "text"
    annotator: str = ""
    strict: bool = True
    new_labels: str = "error"
    name_column: str = ""
    """a CSV file's column holding each document's name ("": rows are named FILE:LINE)"""


class OptionsImportWorker(ImportWorker):
    """An ``ImportWorker`` that reads every format the CLI reads, with the dialog's options."""

    def __init__(self, project_path: Path, paths: list[Path], options: ImportOptions) -> None:
        super().__init__(project_path, paths, options.annotator)
        self.options = options

    def work(self, progress: Progress, cancelled: IsCancelled) -> ImportReport:
        o = self.options
        with Project.open(self.project_path) as project:
            result = ImportResult()
            for path in self.paths:
                if cancelled():
                    raise Cancelled("import cancelled; nothing was written")
                part = read_any(path, o.fmt, o.strict, o.text_column, project.schema, o.name_column)
                result.documents.extend(part.documents)
                result.problems.extend(part.problems)
            report = import_documents(
                project, result, o.annotator, o.new_labels, o.strict,
                progress=progress, cancelled=cancelled,
            )  # fmt: skip
            self.index(project)
            return report


class ImportDialog(QDialog):
    """Choose sources and options; run; read the report."""

    imported = Signal(object)
    """ImportReport, after a successful import (the session has been refreshed)"""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.session = session
        self.job: ImportJob | None = None
        project = session.project
        annotators = project.annotators() if project is not None else []

        self.files = QListWidget(self)
        add_files = QPushButton(self.tr("Add files…"), self)
        add_files.clicked.connect(self.choose_files)
        add_folder = QPushButton(self.tr("Add a folder…"), self)
        add_folder.clicked.connect(self.choose_folder)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self.remove_selected)
        self.format = QComboBox(self)
        for fmt in IMPORT_FORMATS:  # each with its description, as the Export dialog has them
            shown = (
                self.tr("auto (from the file name)")
                if fmt == "auto"
                else f"{fmt} — {format_description(fmt, REGISTRY[fmt].description)}"
            )
            self.format.addItem(shown, fmt)
        self.text_column = QLineEdit("text", self)
        self.name_column = QLineEdit(self)
        self.name_column.setPlaceholderText(self.tr("none: rows are named FILE:LINE"))
        self.layer = QComboBox(self)
        self.layer.setEditable(True)
        self.layer.addItems(annotators)
        self.layer.setCurrentText(session.annotator or DEFAULT_ANNOTATOR)
        # parented now, so they take their place in the Tab order (a widget parented later by the
        # layout joins the focus chain last, after Close)
        self.strict = QRadioButton(
            self.tr("Strict: the first bad line aborts, nothing is written"), self
        )
        self.lenient = QRadioButton(self.tr("Lenient: skip bad lines and list them"), self)
        self.strict.setChecked(True)
        mode = QButtonGroup(self)
        mode.addButton(self.strict)
        mode.addButton(self.lenient)
        self.new_labels = QComboBox(self)
        for policy, text in (
            ("error", self.tr("error — abort the import")),
            ("add", self.tr("add — add them to the schema")),
            ("skip", self.tr("skip — leave their annotations out and list them")),
        ):
            self.new_labels.addItem(text, policy)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one problem a line
        lines_in_their_direction(self.report)
        self.report.setPlaceholderText(self.tr("The import report appears here."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.run_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.run_button.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (add_files, add_folder, remove):
            row.addWidget(button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("CSV text column"), self.text_column)
        form.addRow(self.tr("CSV name column"), self.name_column)
        form.addRow(self.tr("Layer (when a file names none)"), self.layer)
        form.addRow(self.tr("Malformed lines"), self.strict)
        form.addRow("", self.lenient)
        form.addRow(self.tr("Labels not in the schema"), self.new_labels)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self.resize(640, 620)
        self.format.currentIndexChanged.connect(self.update_state)
        self.layer.currentTextChanged.connect(self.update_state)
        self.update_state()

    # -- sources -------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                item = QListWidgetItem(str(path), self.files)
                item.setData(PATH_ROLE, str(path))
                known.add(path)
        self.update_state()

    def paths(self) -> list[Path]:
        items = (self.files.item(i) for i in range(self.files.count()))
        return [Path(str(it.data(PATH_ROLE))) for it in items]

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"), start_path())
        if names:
            remember_folder(names[0])
        self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"), start_path())
        if name:
            remember_folder(name)
            self.add_paths([Path(name)])

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.update_state()

    # -- state ---------------------------------------------------------------------------
    def options(self) -> ImportOptions:
        return ImportOptions(
            fmt=str(self.format.currentData()),
            text_column=self.text_column.text().strip() or "text",
            name_column=self.name_column.text().strip(),
            annotator=self.layer.currentText().strip(),
            strict=self.strict.isChecked(),
            new_labels=str(self.new_labels.currentData()),
        )

    def update_state(self) -> None:
        fmt = str(self.format.currentData())
        self.text_column.setEnabled(fmt in ("auto", "csv"))
        self.name_column.setEnabled(fmt in ("auto", "csv"))
        for i in range(self.files.count()):  # show what "auto" will read each source as
            item = self.files.item(i)
            path = Path(str(item.data(PATH_ROLE)))
            try:
                shown = detect_format(path) if fmt == "auto" else fmt
            except AnnotatorError as exc:  # an ambiguous file: the import will say so too
                shown = self.tr("choose a format: {0}").format(exc)
            item.setText(f"{isolate(str(path))}    [{shown}]")  # a path reads left to right
        ready = self.files.count() > 0 and self.job is None and bool(self.layer.currentText())
        self.run_button.setEnabled(ready and self.session.path is not None)

    # -- running -------------------------------------------------------------------------
    def run(self) -> ImportJob | None:
        """Start the import in the background; returns the job (tests wait on ``done``)."""
        path = self.session.path
        if path is None or self.job is not None or not self.files.count():
            return None
        self.report.setPlainText(self.tr("Importing…"))
        self.job = ImportJob(self, OptionsImportWorker(path, self.paths(), self.options()))
        self.job.done.connect(self._done)
        self.update_state()
        self.job.start()
        return self.job

    def _done(self, outcome: str, payload: object) -> None:
        if outcome == "finished" and isinstance(payload, ImportReport):
            self.report.setPlainText(summary(payload))
            self._refresh_session(payload)
            self.imported.emit(payload)
        elif outcome == "cancelled":
            self.report.setPlainText(self.tr("Import cancelled; nothing was imported."))
        else:
            self.report.setPlainText(
                self.tr("Import failed; nothing was imported:\n{0}").format(payload)
            )
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self.update_state()

    def _refresh_session(self, report: ImportReport) -> None:
        project = self.session.project
        if project is not None and report.labels_added:
            # The worker's connection extended the schema; this connection still holds the
            # old one in memory. Re-read it.
            project.reload_schema()
        self.session.refresh(cause="import")

    def reject(self) -> None:
        if self.job is not None:
            self.job.worker.cancel()  # closing the dialog must not leave an import running
        super().reject()


class ImportHost(Protocol):
    """What the Import dialog needs of the main window (its top-level widget is the parent)."""

    @property
    def session(self) -> Session: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...
    def warn(self, message: str) -> None: ...
    def rebuild_label_shortcuts(self) -> None: ...


def open_import_dialog(w: ImportHost) -> ImportDialog | None:
    """File › Import with options…: the dialog for the window's project."""
    if w.session.project is None:
        w.warn(w.tr("Open or create a project first."))
        return None
    dialog = ImportDialog(w.session, w.window())
    dialog.imported.connect(lambda _report: w.rebuild_label_shortcuts())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
