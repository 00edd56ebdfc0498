"""The schema editor dialog: labels (add, rename, recolour, reorder, hotkeys, parents, remove),
event roles, relation arguments and attributes.

Every change is applied at once as one undoable command on the session's undo stack (the
dialog holds no draft): plain schema edits go through ``SetSchema``; renaming a label relabels
its annotations in the same step (``rename_label_command``), renaming a role moves its
arguments, each keeping its uuid (``rename_role_command``); removing a label in use asks
first and never deletes annotations (keep them, listed as problems, or relabel them). Refused
edits (a hotkey clash, a name taken, a role left without types) are shown inline next to the
field and nothing is stored. The dialog follows undo/redo from the main window through
``Session.changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.commands import Command
from annotator.commands.schema import (
    SetSchema,
    label_usage,
    remove_label_command,
    rename_attribute_command,
    rename_attribute_value_command,
    rename_label_command,
    rename_role_command,
    same_kind_labels,
)
from annotator.errors import SchemaError
from annotator.schema import (
    AttributeDef,
    EventType,
    Label,
    RelationType,
    Role,
    Schema,
    hotkey_strokes,
)
from annotator.schema.edit import (
    add_label,
    reorder,
    set_hotkey,
    with_attributes,
    with_label,
)
from annotator.schema.keys import latin_key
from ui.events import relations
from ui.events.schema_tables import AttributesTable, RolesTable, edited_names, shown_names
from ui.i18n import LRI, PDI, QT_TRANSLATE_NOOP, core_text
from ui.session import Session
from ui.widgets import swatch

KINDS = (
    ("entities", QT_TRANSLATE_NOOP("SchemaEditor", "Entities")),
    ("events", QT_TRANSLATE_NOOP("SchemaEditor", "Event types")),
    ("relations", QT_TRANSLATE_NOOP("SchemaEditor", "Relation types")),
)
DEPTH = Qt.ItemDataRole.UserRole + 1
"""the data role of a Labels list row holding how deep its label is in the hierarchy"""
INDENT = 20
"""pixels a child label's row is moved in from its parent's, per level"""
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
ERROR_STYLE = "color: #b00020;"


class PhysicalKeyEdit(QKeySequenceEdit):
    """The hotkey field: records the key pressed as its Latin letter or digit, whatever the
    layout (the key marked W is ``W`` with the Arabic layout too, where Qt reports ص), by the
    rule the window reads presses with (``annotator.schema.keys.latin_key``), so the hotkey
    stored is the one that fires and its clashes are found."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(_as_physical(event))

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        super().keyReleaseEvent(_as_physical(event))


def _as_physical(event: QKeyEvent) -> QKeyEvent:
    """``event`` with its key the Latin key of the same place (``event`` itself when it is
    one already, or when the key is no letter or digit)."""
    latin = latin_key(
        event.key(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        QGuiApplication.platformName(),
    )
    if not latin or event.key() == ord(latin):
        return event
    return QKeyEvent(
        event.type(),
        ord(latin),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        latin,
        event.isAutoRepeat(),
        event.count(),
    )


class IndentDelegate(QStyledItemDelegate):
    """Draws a Labels list row moved in from its leading edge (the left in a left-to-right
    interface, the right in a right-to-left one) by ``INDENT`` per level of its ``DEPTH``: the
    hierarchy shows in both directions (spaces before the name showed on the wrong side of
    a Latin name in the Arabic interface)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        shift = INDENT * int(index.data(DEPTH) or 0)
        if not shift:
            super().paint(painter, option, index)
            return
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        style = whole.widget.style() if whole.widget is not None else None
        if style is not None:  # the selection / hover background spans the whole row
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, whole, painter, whole.widget
            )
        moved = QStyleOptionViewItem(option)
        if option.direction == Qt.LayoutDirection.RightToLeft:
            moved.rect = option.rect.adjusted(0, 0, -shift, 0)
        else:
            moved.rect = option.rect.adjusted(shift, 0, 0, 0)
        super().paint(painter, moved, index)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + INDENT * int(index.data(DEPTH) or 0), size.height())


def _depth(name: str, parents: dict[str, str]) -> int:
    """How many ancestors label ``name`` has (a cycle in older data counted once round)."""
    depth, seen, parent = 0, {name}, parents.get(name, "")
    while parent and parent not in seen:
        depth += 1
        seen.add(parent)
        parent = parents.get(parent, "")
    return depth


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class SchemaEditor(QDialog):
    """Edits the open project's schema through ``session``; ``reserved`` maps the window's
    own shortcuts (e.g. ``R``, ``Delete``) to their action names, so labels cannot take them."""

    def __init__(
        self,
        session: Session,
        reserved: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.reserved = dict(reserved or {})
        self.setWindowTitle(self.tr("Schema"))
        self.resize(820, 560)
        self.kind = QComboBox(self)
        for key, text in KINDS:
            self.kind.addItem(self.tr(text), key)
        self.labels = QListWidget(self)
        self.labels.setItemDelegate(IndentDelegate(self.labels))
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("New label name"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.up_button = QPushButton(self.tr("Up"), self)
        self.down_button = QPushButton(self.tr("Down"), self)
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.list_error = _error_label(self)

        self.name_edit = QLineEdit(self)
        self.rename_button = QPushButton(self.tr("Rename"), self)
        self.name_error = _error_label(self)
        self.en_edit = QLineEdit(self)
        self.ar_edit = QLineEdit(self)
        self.ar_edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.color_button = QPushButton(self)
        self.hotkey_edit = PhysicalKeyEdit(self)
        self.hotkey_clear = QPushButton(self.tr("Clear"), self)
        self.hotkey_error = _error_label(self)
        self.parent_box = QComboBox(self)
        self.arg1_edit = QLineEdit(self)
        self.arg2_edit = QLineEdit(self)
        self.roles = RolesTable(self)
        self.attributes = AttributesTable(self)
        self.detail_error = _error_label(self)
        self._build_layout()

        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.labels.currentRowChanged.connect(lambda _r: self._show_label())
        self.add_button.clicked.connect(self.add_label)
        self.new_name.returnPressed.connect(self.add_label)
        self.up_button.clicked.connect(lambda: self.move_label(-1))
        self.down_button.clicked.connect(lambda: self.move_label(1))
        self.remove_button.clicked.connect(self.remove_current)
        self.rename_button.clicked.connect(lambda: self.rename(self.name_edit.text().strip()))
        self.en_edit.editingFinished.connect(
            lambda: self._edit_field("en", self.en_edit.text().strip())
        )
        self.ar_edit.editingFinished.connect(
            lambda: self._edit_field("ar", self.ar_edit.text().strip())
        )
        self.color_button.clicked.connect(self.pick_color)
        self.hotkey_edit.editingFinished.connect(
            lambda: self.set_hotkey(self.hotkey_edit.keySequence().toString())
        )
        self.hotkey_clear.clicked.connect(lambda: self.set_hotkey(""))
        self.parent_box.activated.connect(
            lambda i: self._edit_field("parent", str(self.parent_box.itemData(i) or ""))
        )
        self.arg1_edit.editingFinished.connect(lambda: self._edit_args())
        self.arg2_edit.editingFinished.connect(lambda: self._edit_args())
        self.roles.rolesEdited.connect(self._edit_roles)
        self.attributes.attributesEdited.connect(self._edit_attributes)
        session.changed.connect(self.session_changed)
        self.reload()

    def _build_layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.kind)
        left.addWidget(self.labels, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        left.addLayout(add_row)
        buttons = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(b)
        left.addLayout(buttons)
        left.addWidget(self.list_error)

        form = QFormLayout()
        rename_row = QHBoxLayout()
        rename_row.addWidget(self.name_edit, 1)
        rename_row.addWidget(self.rename_button)
        form.addRow(self.tr("Name"), rename_row)
        form.addRow("", self.name_error)
        form.addRow(self.tr("English"), self.en_edit)
        form.addRow(self.tr("Arabic"), self.ar_edit)
        form.addRow(self.tr("Colour"), self.color_button)
        key_row = QHBoxLayout()
        key_row.addWidget(self.hotkey_edit, 1)
        key_row.addWidget(self.hotkey_clear)
        form.addRow(self.tr("Hotkey"), key_row)
        form.addRow("", self.hotkey_error)
        form.addRow(self.tr("Parent"), self.parent_box)
        form.addRow(self.tr("Arg1 types"), self.arg1_edit)
        form.addRow(self.tr("Arg2 types"), self.arg2_edit)
        label_page = QWidget(self)
        page = QVBoxLayout(label_page)
        page.addLayout(form)
        page.addWidget(QLabel(self.tr("Roles (event types)"), self))
        page.addWidget(self.roles, 1)
        page.addWidget(self.detail_error)
        tabs = QTabWidget(self)
        tabs.addTab(label_page, self.tr("Label"))
        tabs.addTab(self.attributes, self.tr("Attributes"))

        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addWidget(tabs, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(close)

    # -- showing -------------------------------------------------------------------------
    @property
    def schema(self) -> Schema:
        project = self.session.project
        return project.schema if project is not None else Schema()

    def group(self) -> tuple[Label, ...]:
        items: tuple[Label, ...] = getattr(self.schema, str(self.kind.currentData()))
        return items

    def current(self) -> Label | None:
        item = self.labels.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((x for x in self.group() if x.name == name), None)

    def select(self, name: str, kind: str | None = None) -> None:
        """Show label ``name`` (switching to its kind when given)."""
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        for i in range(self.labels.count()):
            if self.labels.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.labels.setCurrentRow(i)
                return

    def session_changed(self, _changes: object) -> None:
        """Any change of the session: the schema as it is now. A method, not a lambda, so
        that Qt drops the connection when the editor is deleted (``ui.modal.freed``)."""
        self.reload()

    def reload(self) -> None:
        """Re-read the schema (after an edit, an undo or a kind switch), keeping the row."""
        current = self.current()
        keep = current.name if current else None
        self.labels.blockSignals(True)
        self.labels.clear()
        parents = {x.name: x.parent for x in self.group()}
        for lab in self.group():
            key = f"  [{lab.hotkey}]" if lab.hotkey else ""
            item = QListWidgetItem(swatch(lab.color), f"{lab.name}{key}")
            item.setData(Qt.ItemDataRole.UserRole, lab.name)
            item.setData(DEPTH, _depth(lab.name, parents))  # drawn by IndentDelegate
            self.labels.addItem(item)
        self.labels.blockSignals(False)
        names = [x.name for x in self.group()]
        self.labels.setCurrentRow(names.index(keep) if keep in names else (0 if names else -1))
        self.attributes.set_attributes(self.schema.attributes, self._label_names())
        self._show_label()

    def _show_label(self) -> None:
        lab = self.current()
        for w in (self.name_edit, self.en_edit, self.ar_edit, self.color_button, self.hotkey_edit):
            w.setEnabled(lab is not None)
        self.name_edit.setText(lab.name if lab else "")
        self.en_edit.setText(lab.en if lab else "")
        self.ar_edit.setText(lab.ar if lab else "")
        self.color_button.setIcon(swatch(lab.color if lab else "#999999"))
        # a left-to-right isolate: in the Arabic interface #E69F00 showed as E69F00#
        self.color_button.setText(f"{LRI}{lab.color}{PDI}" if lab else "")
        self.hotkey_edit.blockSignals(True)
        self.hotkey_edit.setKeySequence(QKeySequence(lab.hotkey if lab else ""))
        self.hotkey_edit.blockSignals(False)
        self.parent_box.clear()
        self.parent_box.addItem(self.tr("(none)"), "")
        for x in self.group():
            if lab is not None and x.name != lab.name:
                self.parent_box.addItem(x.name, x.name)
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(lab.parent if lab else "")))
        is_rel = isinstance(lab, RelationType)
        self.arg1_edit.setEnabled(is_rel)
        self.arg2_edit.setEnabled(is_rel)
        self.arg1_edit.setText(shown_names(lab.arg1) if isinstance(lab, RelationType) else "")
        self.arg2_edit.setText(shown_names(lab.arg2) if isinstance(lab, RelationType) else "")
        self.roles.setEnabled(isinstance(lab, EventType))
        self.roles.set_roles(lab.roles if isinstance(lab, EventType) else (), self._label_names())

    def _label_names(self) -> tuple[str, ...]:
        """Every label name of the schema: a list field naming an older project's ``G,PE``
        reads it as that label, not as G and PE."""
        return tuple(x.name for x in self.schema.all_labels())

    # -- applying ------------------------------------------------------------------------
    def _run(self, command: Command, error: QLabel) -> bool:
        errors: list[str] = []
        self.session.error.connect(errors.append)
        try:
            done = self.session.execute(command)
        finally:
            self.session.error.disconnect(errors.append)
        error.setText(errors[0] if errors else "")
        return done

    def _apply(self, build: Schema | None, text: str, error: QLabel) -> bool:
        if build is None:
            return False
        return self._run(SetSchema(build, text), error)

    def _try(self, error: QLabel, fn: Callable[[], Schema]) -> Schema | None:
        try:
            return fn()
        except SchemaError as exc:
            error.setText(core_text(exc))
            self._show_label()  # put the refused value back
            return None

    def add_label(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        kind = str(self.kind.currentData())
        color = PALETTE[len(self.group()) % len(PALETTE)]
        cls: type[Label] = {"entities": Label, "events": EventType, "relations": RelationType}[kind]
        new = cls(name=name, en=name, color=color)
        # a name in use (of any kind) is refused: adding never replaces a label
        built = self._try(self.list_error, lambda: add_label(self.schema, new))
        if self._apply(built, self.tr("add {0}").format(name), self.list_error):
            self.new_name.clear()
            self.select(name)

    def rename(self, new: str) -> bool:
        """Rename the current label; its annotations follow in the same undo step."""
        lab = self.current()
        project = self.session.project
        if lab is None or project is None or not new or new == lab.name:
            return False
        try:
            command = rename_label_command(project, lab.name, new)
            command.text = self.tr("rename {0} to {1}").format(lab.name, new)
        except SchemaError as exc:
            self.name_error.setText(core_text(exc))
            self.name_edit.setText(lab.name)
            return False
        if self._run(command, self.name_error):
            self.select(new)
            return True
        return False

    def set_hotkey(self, key: str) -> bool:
        """Give the current label a hotkey; a clash (with a label or a window shortcut) is
        shown under the field and refused."""
        lab = self.current()
        if lab is None or key == lab.hotkey:
            self.hotkey_error.setText("")
            return False
        strokes = hotkey_strokes(key)
        for other, action in self.reserved.items():
            theirs = hotkey_strokes(other)
            short, long_ = sorted((strokes, theirs), key=len)
            if key and long_[: len(short)] == short:
                self.hotkey_error.setText(
                    self.tr("{0} is taken by the window's “{1}”.").format(key, action)
                )
                self._show_label()
                return False
        built = self._try(self.hotkey_error, lambda: set_hotkey(self.schema, lab.name, key))
        return self._apply(built, self.tr("hotkey of {0}").format(lab.name), self.hotkey_error)

    def pick_color(self) -> None:
        lab = self.current()
        if lab is None:
            return
        color = QColorDialog.getColor(
            QColor(lab.color), self, self.tr("Colour of {0}").format(lab.name)
        )
        if color.isValid():
            self._edit_field("color", color.name().upper())

    def _edit_field(self, field: str, value: str) -> None:
        lab = self.current()
        if lab is None or getattr(lab, field) == value:
            return
        changes: dict[str, Any] = {field: value}
        changed = replace(lab, **changes)
        built = self._try(self.detail_error, lambda: with_label(self.schema, changed))
        self._apply(built, self.tr("edit {0}").format(lab.name), self.detail_error)

    def _edit_args(self) -> None:
        lab = self.current()
        if not isinstance(lab, RelationType):
            return
        # a field not edited keeps its names (an older project's G,PE is not split)
        known = self._label_names()
        arg1 = edited_names(self.arg1_edit.text(), lab.arg1, known)
        arg2 = edited_names(self.arg2_edit.text(), lab.arg2, known)
        if (arg1, arg2) == (lab.arg1, lab.arg2):
            return
        changed = replace(lab, arg1=arg1, arg2=arg2)
        built = self._try(self.detail_error, lambda: with_label(self.schema, changed))
        self._apply(built, self.tr("edit {0}").format(lab.name), self.detail_error)

    def _edit_roles(self, roles: object) -> None:
        lab = self.current()
        if not isinstance(lab, EventType) or not isinstance(roles, tuple):
            return
        renamed = _renamed_role(lab.roles, roles)
        if renamed is not None:
            if not self._rename_role(lab, *renamed):
                self._show_label()
            return
        changed = replace(lab, roles=roles)
        built = self._try(self.detail_error, lambda: with_label(self.schema, changed))
        if not self._apply(built, self.tr("roles of {0}").format(lab.name), self.detail_error):
            self._show_label()

    def _rename_role(self, lab: EventType, old: str, new: str) -> bool:
        """Rename role ``old`` of ``lab``; the arguments filling it (every document, every
        layer) take the new role in the same undo step, each keeping its uuid, as a label's
        annotations follow a label rename (``rename_role_command``)."""
        project = self.session.project
        if project is None:
            return False
        try:
            command = rename_role_command(project, lab.name, old, new)
            command.text = self.tr("rename role {0} to {1}").format(old, new)
        except SchemaError as exc:
            self.detail_error.setText(core_text(exc))
            return False
        return self._run(command, self.detail_error)

    def _edit_attributes(self, attributes: object) -> None:
        if not isinstance(attributes, tuple):
            return
        table = self.attributes
        sources = [table.source(r) for r in range(table.table.rowCount())]
        renamed = _renamed_attribute(self.schema.attributes, attributes, sources)
        if renamed is not None:
            if not self._rename_attribute(*renamed):
                table.set_attributes(self.schema.attributes, self._label_names())
            return
        try:
            candidate = with_attributes(self.schema, attributes)
        except SchemaError as exc:
            self.attributes.error.setText(core_text(exc))
            self.attributes.set_attributes(self.schema.attributes, self._label_names())
            return
        self._apply(candidate, self.tr("edit attributes"), self.attributes.error)

    def _rename_attribute(self, attribute: str, value: str, new: str) -> bool:
        """Rename ``attribute`` (``value`` empty) or its enum value ``value`` to ``new``; the
        spans, events and relations holding it (every document, every layer) follow in the
        same undo step, each keeping its uuid, as a label's annotations follow a label rename
        (``rename_attribute_command``, ``rename_attribute_value_command``)."""
        project = self.session.project
        if project is None:
            return False
        try:
            if value:
                command = rename_attribute_value_command(project, attribute, value, new)
                command.text = self.tr("rename value {0} of {1} to {2}").format(
                    value, attribute, new
                )
            else:
                command = rename_attribute_command(project, attribute, new)
                command.text = self.tr("rename attribute {0} to {1}").format(attribute, new)
        except SchemaError as exc:
            self.attributes.error.setText(core_text(exc))
            return False
        return self._run(command, self.attributes.error)

    def move_label(self, step: int) -> None:
        """Move the current label up (-1) or down (+1) in its list."""
        lab = self.current()
        names = [x.name for x in self.group()]
        if lab is None:
            return
        i = names.index(lab.name)
        j = i + step
        if not 0 <= j < len(names):
            return
        names[i], names[j] = names[j], names[i]
        built = self._try(self.list_error, lambda: reorder(self.schema, names))
        self._apply(built, self.tr("reorder labels"), self.list_error)

    def remove_current(self) -> None:
        """Remove the current label; when annotations use it, ask what to do with them."""
        lab = self.current()
        project = self.session.project
        if lab is None or project is None:
            return
        usage = label_usage(project, lab.name)
        relabel_to: str | None = None
        if usage.total:
            answer = relations.ask_choice(
                self,
                self.tr("Remove {0}").format(lab.name),
                self.tr(
                    "{0} annotation(s) use {1}. They are never deleted with the label:\n"
                    "keep them (they will be listed as problems), or relabel them first."
                ).format(usage.total, lab.name),
                [
                    ("keep", self.tr("Remove the label, keep the annotations")),
                    ("relabel", self.tr("Relabel them, then remove…")),
                ],
            )
            if not answer:
                return
            if answer == "relabel":
                choices = list(same_kind_labels(self.schema, lab.name))
                target, ok = QInputDialog.getItem(
                    self, self.tr("Relabel"), self.tr("New label:"), choices, 0, False
                )
                if not ok or not target:
                    return
                relabel_to = str(target)
        try:
            command = remove_label_command(project, lab.name, relabel_to)
            command.text = self.tr("remove {0}").format(lab.name)
        except SchemaError as exc:
            self.list_error.setText(core_text(exc))
            return
        self._run(command, self.list_error)


def _renamed_attribute(
    before: tuple[AttributeDef, ...], after: tuple[object, ...], sources: list[object]
) -> tuple[str, str, str] | None:
    """(attribute, "", new) when ``after`` is ``before`` with one attribute's name changed and
    nothing else, (attribute, old value, new value) when one enum value's name changed and
    nothing else; None for any other change. Told as the Attributes table tells it: the
    changed row was shown from that attribute (``sources``: what each row was shown from),
    and a renamed value takes the old one's place in a list of the same length, neither
    name in the other list (``schema_tables.carried_values_ar``)."""
    if len(before) != len(after) or len(sources) != len(after):
        return None
    changed = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]
    if len(changed) != 1:
        return None
    i = changed[0]
    old, new = before[i], after[i]
    if sources[i] != old or not isinstance(new, AttributeDef):
        return None
    if new.name != old.name:
        if replace(old, name=new.name) != new:
            return None
        return old.name, "", new.name
    if old.kind != "enum" or new.kind != "enum" or len(old.values) != len(new.values):
        return None
    pairs = [(o, n) for o, n in zip(old.values, new.values, strict=True) if o != n]
    if len(pairs) != 1:
        return None
    value, renamed = pairs[0]
    if value in new.values or renamed in old.values:
        return None
    if replace(old, values=new.values, values_ar=new.values_ar) != new:
        return None
    return old.name, value, renamed


def _renamed_role(before: tuple[Role, ...], after: tuple[Role, ...]) -> tuple[str, str] | None:
    """(old, new) when ``after`` is ``before`` with one role's name changed (and nothing
    else): the Roles table's name cell was edited. None for any other change."""
    if len(before) != len(after):
        return None
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    if len(changed) != 1:
        return None
    old, new = changed[0]
    if replace(old, name=new.name) != new or any(r.name == old.name for r in after):
        return None
    return old.name, new.name
