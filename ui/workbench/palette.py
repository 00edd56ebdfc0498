"""The command palette (Ctrl+Shift+P) and the keys page (Help › Keys).

Both list the window's actions by their menu text with their keys; the keys page adds the label
hotkeys of the schema and the keys of the document view that are no menu action. Texts are
plain text in item views (never markup). Keys read as in the menus (``ui.keys.shortcut_text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.search import fold_text
from ui.keys import shortcut_text

ACTION_ROLE = Qt.ItemDataRole.UserRole


def action_text(action: QAction) -> str:
    """An action's menu text without its mnemonic ampersands and trailing ellipsis dots."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(action: QAction) -> str:
    """An action's keys as its menu item shows them (``shortcut_text``: portable key names, one
    left-to-right isolate, several joined by " / ")."""
    return shortcut_text(*action.shortcuts())


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, len(headers)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _row(table: QTableWidget, texts: Iterable[str]) -> int:
    row = table.rowCount()
    table.insertRow(row)
    for col, text in enumerate(texts):
        table.setItem(row, col, QTableWidgetItem(text))
    return row


class CommandPalette(QDialog):
    """Every action of the window, searchable by name (each word of the query must occur),
    shown with its key; Return (or a double click) runs the chosen one."""

    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("command_palette")
        self.setWindowTitle(self.tr("Command palette"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Type a command…"))
        self.query.setClearButtonEnabled(True)
        self.table = _table(self, [self.tr("Command"), self.tr("Key")])
        self.commands = [a for a in actions.values() if action_text(a)]
        for action in self.commands:
            row = _row(self.table, [action_text(action), key_text(action)])
            item = self.table.item(row, 0)
            if item is not None:
                item.setData(ACTION_ROLE, action.objectName())
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table)
        self.query.textChanged.connect(self.filter)
        self.query.returnPressed.connect(self.run_current)
        self.table.cellActivated.connect(lambda _r, _c: self.run_current())
        self.resize(560, 420)
        self.filter("")

    def visible_names(self) -> list[str]:
        """The texts of the rows shown, in order."""
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and not self.table.isRowHidden(row):
                out.append(item.text())
        return out

    def filter(self, query: str) -> None:
        """Show the commands holding every word of ``query``, folded as every list's filter
        folds (``fold_text``: case, hamza forms of alef, harakat: اضافة finds إضافة)."""
        words = fold_text(query).split()
        start = fold_text(query.strip())
        best: tuple[bool, int, int] | None = None
        for row, action in enumerate(self.commands):
            name = fold_text(action_text(action))
            haystack = fold_text(f"{name} {key_text(action)} {action.objectName()}")
            shown = all(w in haystack for w in words) and action.isEnabled()
            self.table.setRowHidden(row, not shown)
            # the best match: a name starting with the query, then the shortest name
            score = (not name.startswith(start), len(name), row)
            if shown and (best is None or score < best):
                best = score
        if best is not None:
            self.table.selectRow(best[2])

    def run_current(self) -> None:
        row = self.table.currentRow()
        if row < 0 or self.table.isRowHidden(row):
            return
        action = self.commands[row]
        self.accept()
        action.trigger()


class KeysPage(QDialog):
    """Help › Keys: every key of the workbench in a table (key, what it does, where from)."""

    def __init__(
        self,
        actions: Mapping[str, QAction],
        label_keys: Iterable[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keys_page")
        self.setWindowTitle(self.tr("Keys"))
        self.table = _table(self, [self.tr("What it does"), self.tr("Key")])
        for hotkey, label in label_keys:
            _row(
                self.table,
                [self.tr("Label: {0}").format(label), shortcut_text(QKeySequence(hotkey))],
            )
        for action in actions.values():
            keys = key_text(action)
            if keys:
                _row(self.table, [action_text(action), keys])
        for text, keys in (
            (self.tr("Select text (it snaps to whole words)"), self.tr("Drag / Shift+arrows")),
            (self.tr("Select a word"), self.tr("Double click")),
            (self.tr("Cancel a pending chord"), shortcut_text(QKeySequence("Esc"))),
        ):
            _row(self.table, [text, keys])
        note = QLineEdit(self)
        note.setReadOnly(True)
        note.setFrame(False)
        note.setText(
            self.tr(
                "Edge keys are visual: in right-to-left text Alt+Right grows the span at its start."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 560)
