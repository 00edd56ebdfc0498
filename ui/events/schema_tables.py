"""The two tables of the schema editor: an event type's roles and the schema's attributes.

Each table shows values and emits the whole edited tuple (``Role`` or ``AttributeDef``) when a
cell is edited or a row added/removed; the editor validates it and applies it as one
undoable command (or shows why not, and the table is reset from the schema).

A row remembers the tuple it was shown from (``SOURCE`` on its first cell): what the table
does not show (an attribute's Arabic names) is kept from it, and a list cell whose text was not
edited keeps the names it was shown from, so an older project's name holding ``,`` or ``|``
survives an edit of another cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.schema import AttributeDef, Role
from ui.i18n import QT_TRANSLATE_NOOP

CARDINALITIES = ("?", "", "*", "+", "{2}")
CARDINALITY_TEXT = {
    "?": QT_TRANSLATE_NOOP("SchemaTables", "? optional"),
    "": QT_TRANSLATE_NOOP("SchemaTables", "exactly one"),
    "*": QT_TRANSLATE_NOOP("SchemaTables", "* any number"),
    "+": QT_TRANSLATE_NOOP("SchemaTables", "+ one or more"),
    "{2}": QT_TRANSLATE_NOOP("SchemaTables", "{2} exactly two"),
}
"""the cardinality combo's entries (in English: shown through ``cardinality_text``)"""
KINDS = ("bool", "enum", "text")


def cardinality_text(cardinality: str) -> str:
    """A cardinality as the Roles table's combo shows it, in the interface language."""
    return QCoreApplication.translate("SchemaTables", CARDINALITY_TEXT[cardinality])


SOURCE = Qt.ItemDataRole.UserRole
"""the data role of a row's first cell holding the ``Role`` / ``AttributeDef`` it shows"""
_SEPARATORS = re.compile(r"[\s,|]+")


def parse_names(text: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """``"PER, ORG | GPE"`` → ``("PER", "ORG", "GPE")`` (commas, bars or spaces separate).

    A name of ``known`` holding a separator (an older project's ``G,PE``) is read whole where
    it stands between separators: ``"PER, G,PE"`` → ``("PER", "G,PE")``."""
    special = sorted((n for n in known if _SEPARATORS.search(n)), key=len, reverse=True)
    text = text.strip()
    out: list[str] = []
    i = 0
    while i < len(text):
        gap = _SEPARATORS.match(text, i)
        if gap:
            i = gap.end()
            continue
        whole = next(
            (
                n
                for n in special
                if text.startswith(n, i)
                and (i + len(n) == len(text) or _SEPARATORS.match(text, i + len(n)))
            ),
            None,
        )
        if whole is None:
            gap = _SEPARATORS.search(text, i)
            whole = text[i : gap.start() if gap else len(text)]
        out.append(whole)
        i += len(whole)
    return tuple(out)


def shown_names(names: Sequence[str]) -> str:
    """A list of names as a cell (or field) shows it: ``PER, ORG``."""
    return ", ".join(names)


def edited_names(text: str, before: tuple[str, ...], known: Iterable[str] = ()) -> tuple[str, ...]:
    """The names a list cell holds: ``before`` itself when its text is the one it was shown
    as (so a name holding ``,`` round-trips), else the text read by ``parse_names``."""
    if text.strip() == shown_names(before):
        return before
    return parse_names(text, (*before, *known))


def carried_values_ar(before: AttributeDef, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The Arabic names of ``values`` from ``before``: a value kept keeps its own, a value put
    in place of one no longer there (a rename in the cell) takes the old value's."""
    arabic = dict(before.values_ar)
    renamed: dict[str, str] = {}
    if len(before.values) == len(values):
        for old, new in zip(before.values, values, strict=True):
            if old != new and old not in values and new not in before.values:
                renamed[new] = old
    out: list[tuple[str, str]] = []
    for value in values:
        shown = arabic.get(value) if value in before.values else arabic.get(renamed.get(value, ""))
        if shown:
            out.append((value, shown))
    return tuple(out)


def _cell(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


class _Table(QWidget):
    """A table with Add/Remove buttons and an inline error line."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.horizontalHeader().setStretchLastSection(True)
        # One context ("SchemaTables") for the tables of this module: ``self.tr`` in this base
        # class would look its strings up under each subclass's name.
        self.add_button = QPushButton(QCoreApplication.translate("SchemaTables", "Add"), self)
        self.remove_button = QPushButton(QCoreApplication.translate("SchemaTables", "Remove"), self)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._loading = False
        self.known: tuple[str, ...] = ()
        """the schema's label names, so that a cell naming ``G,PE`` is read as that label"""
        self.table.itemChanged.connect(lambda _it: self._changed())
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)

    def _combo(self, values: Sequence[str], texts: Sequence[str], current: str) -> QComboBox:
        box = QComboBox(self.table)
        for value, text in zip(values, texts, strict=True):
            box.addItem(text, value)
        index = box.findData(current)
        if index < 0:  # a cardinality like {3} or {1-2} read from a file
            box.addItem(current, current)
            index = box.count() - 1
        box.setCurrentIndex(index)
        box.activated.connect(lambda _i: self._changed())
        return box

    def text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def source(self, row: int) -> object:
        """The ``Role`` / ``AttributeDef`` row ``row`` was shown from (None: none)."""
        item = self.table.item(row, 0)
        return item.data(SOURCE) if item is not None else None

    def combo(self, row: int, col: int) -> str:
        box = self.table.cellWidget(row, col)
        return str(box.currentData()) if isinstance(box, QComboBox) else ""

    def _changed(self) -> None:
        if not self._loading:
            self.emit_values()

    def emit_values(self) -> None:
        raise NotImplementedError

    def add_row(self) -> None:
        raise NotImplementedError

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.emit_values()


class RolesTable(_Table):
    """Roles of one event type: name, accepted types, cardinality."""

    rolesEdited = Signal(object)
    """tuple[Role, ...]"""

    def __init__(self, parent: QWidget | None = None) -> None:
        headers = [
            QCoreApplication.translate("SchemaTables", "Role"),
            QCoreApplication.translate("SchemaTables", "Accepts (labels)"),
            QCoreApplication.translate("SchemaTables", "How many"),
        ]
        super().__init__(headers, parent)

    def set_roles(self, roles: Sequence[Role], known: Iterable[str] = ()) -> None:
        """Show ``roles``; ``known``: the schema's label names."""
        self.known = tuple(known)
        self._loading = True
        self.table.setRowCount(0)
        for role in roles:
            self._append(role)
        self._loading = False
        self.error.setText("")

    def _append(self, role: Role) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        first = _cell(role.name)
        first.setData(SOURCE, role)
        self.table.setItem(row, 0, first)
        self.table.setItem(row, 1, _cell(shown_names(role.types)))
        texts = [cardinality_text(c) for c in CARDINALITIES]
        self.table.setCellWidget(row, 2, self._combo(CARDINALITIES, texts, role.cardinality))

    def roles(self) -> tuple[Role, ...]:
        out = []
        for r in range(self.table.rowCount()):
            before = self.source(r)
            if not isinstance(before, Role):
                before = Role("")
            types = edited_names(self.text(r, 1), before.types, self.known)
            out.append(
                replace(before, name=self.text(r, 0), types=types, cardinality=self.combo(r, 2))
            )
        return tuple(out)

    def emit_values(self) -> None:
        self.rolesEdited.emit(self.roles())

    def add_row(self) -> None:
        names = {r.name for r in self.roles()}
        k = 1
        while f"Role{k}" in names:
            k += 1
        self._loading = True
        self._append(Role(f"Role{k}", ("<ENTITY>",), "*"))
        self._loading = False
        self.emit_values()


class AttributesTable(_Table):
    """The schema's attributes: name, kind, enum values, labels carrying it."""

    attributesEdited = Signal(object)
    """tuple[AttributeDef, ...]"""

    def __init__(self, parent: QWidget | None = None) -> None:
        headers = [
            QCoreApplication.translate("SchemaTables", "Attribute"),
            QCoreApplication.translate("SchemaTables", "Kind"),
            QCoreApplication.translate("SchemaTables", "Values (enum)"),
            QCoreApplication.translate("SchemaTables", "Labels (empty: all)"),
        ]
        super().__init__(headers, parent)

    def set_attributes(self, attributes: Sequence[AttributeDef], known: Iterable[str] = ()) -> None:
        """Show ``attributes``; ``known``: the schema's label names."""
        self.known = tuple(known)
        self._loading = True
        self.table.setRowCount(0)
        for attr in attributes:
            self._append(attr)
        self._loading = False

    def _append(self, attr: AttributeDef) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        first = _cell(attr.name)
        first.setData(SOURCE, attr)
        self.table.setItem(row, 0, first)
        self.table.setCellWidget(row, 1, self._combo(KINDS, KINDS, attr.kind))
        self.table.setItem(row, 2, _cell(shown_names(attr.values)))
        self.table.setItem(row, 3, _cell(shown_names(attr.labels)))

    def attribute_defs(self) -> tuple[AttributeDef, ...]:
        """The rows as attributes, each keeping what the table does not show (its Arabic name,
        its values' Arabic names, a renamed value's too) from the attribute it was shown from."""
        out = []
        for r in range(self.table.rowCount()):
            before = self.source(r)
            if not isinstance(before, AttributeDef):
                before = AttributeDef("")
            kind = self.combo(r, 1)
            values = edited_names(self.text(r, 2), before.values) if kind == "enum" else ()
            out.append(
                replace(
                    before,
                    name=self.text(r, 0),
                    kind=kind,
                    values=values,
                    labels=edited_names(self.text(r, 3), before.labels, self.known),
                    values_ar=carried_values_ar(before, values),
                )
            )
        return tuple(out)

    def emit_values(self) -> None:
        self.error.setText("")
        self.attributesEdited.emit(self.attribute_defs())

    def add_row(self) -> None:
        names = {a.name for a in self.attribute_defs()}
        k = 1
        while f"Attribute{k}" in names:
            k += 1
        self._loading = True
        self._append(AttributeDef(f"Attribute{k}", "bool"))
        self._loading = False
        self.emit_values()
