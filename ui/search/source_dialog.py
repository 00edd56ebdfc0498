"""The source an import of outside predictions stores its suggestions under (Edit ▸ Import
suggestions, ``ui.search.tools``), as ``annotator suggest --from F --source NAME`` /
``--spacy DIR --source NAME`` names it on the command line.

Optional: empty leaves the file's own sources (each line's ``source``, ``file:NAME`` for the
lines naming none) or a spaCy pipeline's ``model:spacy-NAME@VERSION``, as the command line
without ``--source``. A name is checked by the command line's one rule
(``annotator.learn.external.source_problem``: printable text of 1 to ``MAX_SOURCE``
characters, none of the project's own sources, its model's family, annotate-all, a
gazetteer); a refused name is said in the dialog, as plain text, and the dialog stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import core_text, isolate
from ui.modal import freed


def is_pipeline(path: Path) -> bool:
    """Whether ``path`` names a spaCy pipeline (its folder, or its ``config.cfg``), as
    ``annotator.learn.external.import_suggestions`` tells it from a JSONL file."""
    return path.is_dir() or (path.name == "config.cfg" and path.is_file())


def source_problem_text(source: str) -> str:
    """Why ``source`` may not name the imported suggestions' source, in the interface
    language ("" when it may): the command line's rule (``source_problem``) with the
    project's own model's family."""
    from annotator.learn.external import own_model_family, source_problem

    problem = source_problem(source, own_model_family())
    return "" if problem is None else core_text(problem)


class SourceDialog(QDialog):
    """Asks for the source name of the suggestions an import of ``path`` stores."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import suggestions"))
        self.setObjectName("import_source_dialog")
        caption = QLabel(self.tr("Source of these suggestions (optional):"), self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        self.name = QLineEdit(self)
        self.name.setObjectName("import_source")
        caption.setBuddy(self.name)
        if is_pipeline(path):
            hint = self.tr("Empty: the pipeline's own name and version.")
        else:
            from annotator.learn.external import file_source

            hint = self.tr("Empty: each line's own source; {0} for the lines that name none.")
            hint = hint.format(isolate(file_source(path)))
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("import_source_hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("import_source_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # the name is the analyst's text
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.name)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.textChanged.connect(self._edited)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

    def source(self) -> str | None:
        """The name given, or None (empty: the file's own sources)."""
        text = self.name.text()
        return text if text else None

    def _edited(self, _text: str) -> None:
        self.error.hide()  # said of the name as it was

    def accept(self) -> None:
        """Close with the name given, unless the command line's rule refuses it: then say
        why, in the dialog, and stay open."""
        source = self.source()
        problem = "" if source is None else source_problem_text(source)
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.name.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, path: Path, parent: QWidget | None = None) -> tuple[str | None] | None:
        """``(source,)`` (None: the file's own sources) for an import of ``path``, or None
        when the analyst cancels."""
        with freed(cls(path, parent)) as dialog:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return (dialog.source(),)
