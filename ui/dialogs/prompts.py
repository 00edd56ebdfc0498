"""Small dialogs of the workbench: the analyst's name, layer choice, plain-text messages.

Every message that may contain document text or user-supplied names is shown as plain text
(Qt guesses rich text in QMessageBox otherwise, and would load ``<img src=...>``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import set_plain_text
from ui.modal import freed


def ask_annotator_name(parent: QWidget | None, current: str = "") -> str | None:
    """Ask for the analyst's name (their layer). None when cancelled or left empty."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("Prompts", "Annotator"),
        QCoreApplication.translate("Prompts", "Your name (the layer you annotate in):"),
        QLineEdit.EchoMode.Normal,
        current,
    )
    name = str(text).strip()
    return name if ok and name else None


def show_message(
    parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
) -> None:
    """A modal message box whose text is shown literally."""
    with freed(QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)) as box:
        set_plain_text(box, text)
        box.exec()


def ask_read_only(parent: QWidget | None, refusal: str) -> bool:
    """The project is held by another writer (``refusal`` says who): offer to open it for
    viewing only. Whether the user chose to."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Prompts", "Project in use"),
        "",
        parent=parent,
    )
    with freed(box):
        set_plain_text(box, refusal)
        box.setInformativeText(
            QCoreApplication.translate(
                "Prompts", "You can open it read-only: you see everything, and edits are off."
            )
        )
        view = box.addButton(
            QCoreApplication.translate("Prompts", "Open read-only"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(view)
        box.exec()
        return box.clickedButton() is view


class LayersDialog(QDialog):
    """Pick the other annotators whose layers are shown read-only beside one's own."""

    def __init__(
        self, annotators: Sequence[str], shown: Sequence[str], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Show layers"))
        self.list = QListWidget(self)
        for name in annotators:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in shown else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        hint = QLabel(self.tr("Other annotators' spans are shown read-only."), self)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]


def choose_layers(
    parent: QWidget | None, annotators: Sequence[str], shown: Sequence[str]
) -> list[str] | None:
    """The layers to show, or None when cancelled."""
    with freed(LayersDialog(annotators, shown, parent)) as dialog:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
