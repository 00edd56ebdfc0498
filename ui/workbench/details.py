"""The details panel: label, covered text, attributes and note of the selected span, and the
attributes and note of the event it triggers and of the relations that touch it.

Edits leave as signals at once (label and attributes on change, a note after a short pause
in typing or when its editor loses focus), so each becomes one undoable command. Covered text
is shown in a read-only plain-text editor and titles are plain text: document text never goes
through HTML. The window asks ``linked_edit`` for the command of an event or relation edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QResizeEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.commands import Command, UpdateEvent
from annotator.commands.schema import UpdateRelation
from annotator.model import DocumentAnnotations, Event, Relation, Span
from annotator.project import Provenance, join_provenance, split_provenance
from annotator.schema import AttributeDef, Schema
from ui.i18n import (
    attribute_display,
    attribute_value_display,
    is_rtl_text,
    isolate,
    label_names,
    label_tag,
    menu_text,
    plain_tooltip,
    range_text,
    type_tag,
)
from ui.widgets import DirectionalComboBox, lines_in_their_direction

NOTE_PAUSE_MS = 700
NO_VALUE = "—"
TITLE_CHARS = 30
LABEL_CHARS = 14
"""characters the label box asks room for (longer names are elided)"""


TAG_ROLE = Qt.ItemDataRole.UserRole + 1
"""a label box item's name as the text's tags show it (``ui.i18n.type_tag``)"""


class _LabelBox(DirectionalComboBox):
    """The label box: each name laid out in its own direction (``DirectionalComboBox``). Its
    list shows every name of a label; the chosen one is shown by the name its tag in the text
    has (Arabic in Arabic: not هجوم · Attack · Conflict.A…), elided at the end that reads last
    when the dock is narrower than it, instead of cut off mid-letter."""

    def initStyleOption(self, option: QStyleOptionComboBox) -> None:
        super().initStyleOption(option)
        tag = self.currentData(TAG_ROLE)
        if isinstance(tag, str) and tag:
            option.currentText = tag
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        room = field.width() - 4
        if not option.currentIcon.isNull():
            room -= option.iconSize.width() + 4
        # (ElideRight: the logical end, the left one of Arabic text laid out right to left)
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(room, 0)
        )


class _NoteEdit(QPlainTextEdit):
    """Plain-text note editor that reports losing focus (to save without waiting); each line
    of the note starts on its own side (``lines_in_their_direction``). Tab and Shift+Tab move
    the focus out, as in every other field (``hotkeys.claims_key``), never type a tab into
    the note."""

    focusLost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lines_in_their_direction(self)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


WRAP_CHARS = 40
"""the widest a wrapping label asks to be (in average characters) before it wraps"""
MIN_CHARS = 6
"""the narrowest a wrapping label or a linked editor lets the panel become (characters)"""


class WrapLabel(QLabel):
    """A plain-text label that wraps at word boundaries, and anywhere inside a word too long
    for its width (an annotator's name, a type's, a suggestion's source), so it never asks the
    panel for more width than a few characters. A QLabel wraps at word boundaries only, and
    a word is never broken: the offsets line with a 60-character annotator name made the
    Details panel 354 px wide in a 260 px dock, cutting its captions and scrolling sideways.

    The text is laid out as a QLabel lays plain text out: from the side of its own direction
    (its first strong character), each line in order. ``text()`` is the whole text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # untrusted names: never markup
        self.setWordWrap(True)  # (a label of a height for its width)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _layouts(self, width: int) -> tuple[list[QTextLayout], float]:
        """The text's paragraphs laid out in ``width`` px, and their height."""
        layouts, y = [], 0.0
        for paragraph in self.text().split("\n"):
            # each line from the leading side of its direction, as a QLabel's text (the
            # direction set: left unset, Qt took the widget's)
            option = QTextOption(Qt.AlignmentFlag.AlignLeft)
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            option.setTextDirection(
                Qt.LayoutDirection.RightToLeft
                if is_rtl_text(paragraph)
                else Qt.LayoutDirection.LeftToRight
            )
            layout = QTextLayout(paragraph, self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(1, width))
                line.setPosition(QPointF(0, y))
                y += line.height()
            layout.endLayout()
            layouts.append(layout)
        return layouts, y

    def _room(self, width: int) -> int:
        margins = self.contentsMargins()
        return width - margins.left() - margins.right() - 2 * self.margin()

    def heightForWidth(self, width: int) -> int:
        if not self.text():
            return 0
        margins = self.contentsMargins()
        _, height = self._layouts(self._room(width))
        return int(height + 0.999) + margins.top() + margins.bottom() + 2 * self.margin()

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * MIN_CHARS
        return QSize(width, self.heightForWidth(width))

    def sizeHint(self) -> QSize:
        natural = max(
            (self.fontMetrics().horizontalAdvance(p) for p in self.text().split("\n")), default=0
        )
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        width = min(natural, self.fontMetrics().averageCharWidth() * WRAP_CHARS) + extra
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()  # a narrower panel: more lines

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.text():
            return
        area = self.contentsRect().adjusted(
            self.margin(), self.margin(), -self.margin(), -self.margin()
        )
        layouts, height = self._layouts(area.width())
        top = area.top() + max(0.0, (area.height() - height) / 2)  # as a QLabel: centred
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        for layout in layouts:
            layout.draw(painter, QPointF(area.left(), top))
        painter.end()


def fill_attributes(
    owner: QWidget,
    form: QFormLayout,
    defs: list[AttributeDef],
    values: Mapping[str, Any],
    changed: Callable[..., None],
) -> dict[str, QWidget]:
    """Replace the rows of ``form`` with one widget per attribute matching its kind (bool:
    check box, enum: combo with an empty choice, text: line edit); ``changed`` is called
    when the user edits one. Returns the widgets by attribute name. Names and enum values
    show in the interface language (the schema's Arabic forms in Arabic, plain text), the
    stored name and value in their tooltips."""
    while form.rowCount():
        form.removeRow(0)
    widgets: dict[str, QWidget] = {}
    for attr in defs:
        widget: QWidget
        if attr.kind == "bool":
            box = QCheckBox(owner)
            box.setChecked(bool(values.get(attr.name, False)))
            box.toggled.connect(changed)
            widget = box
        elif attr.kind == "enum":
            combo = QComboBox(owner)
            combo.addItem(NO_VALUE, None)
            for v in attr.values:
                shown = attribute_value_display(attr, v)
                combo.addItem(shown, v)
                if shown != v:
                    combo.setItemData(
                        combo.count() - 1, plain_tooltip(v), Qt.ItemDataRole.ToolTipRole
                    )
            combo.setCurrentIndex(max(0, combo.findData(values.get(attr.name))))
            # as wide as the panel makes it, not as its longest value (the list shows them)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(LABEL_CHARS // 2)
            combo.activated.connect(changed)
            widget = combo
        else:
            line = QLineEdit(owner)
            line.setText(str(values.get(attr.name, "")))
            line.editingFinished.connect(changed)
            widget = line
        widgets[attr.name] = widget
        label = QLabel(owner)
        label.setTextFormat(Qt.TextFormat.PlainText)
        # a long attribute name is elided (at its logical end), never widens the panel;
        # the tooltip holds it whole, and the stored name where the shown one differs
        shown = attribute_display(attr)
        room = label.fontMetrics().averageCharWidth() * LABEL_CHARS
        label.setText(label.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, room))
        if label.text() != attr.name:
            label.setToolTip(plain_tooltip("\n".join(dict.fromkeys((shown, attr.name)))))
        form.addRow(label, widget)
    return widgets


def show_attribute_values(widgets: Mapping[str, QWidget], values: Mapping[str, Any]) -> None:
    """Show ``values`` in the widgets ``fill_attributes`` made (for the same attributes)
    without a signal: the user changed nothing. Selecting one span after another of the same
    label keeps the panel's widgets instead of making them again (a combo per enum)."""
    for name, w in widgets.items():
        w.blockSignals(True)
        if isinstance(w, QCheckBox):
            w.setChecked(bool(values.get(name, False)))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(values.get(name))))
        elif isinstance(w, QLineEdit):
            w.setText(str(values.get(name, "")))
        w.blockSignals(False)


def read_attributes(widgets: Mapping[str, QWidget]) -> dict[str, Any]:
    """The attributes as the widgets show them (unset values left out)."""
    out: dict[str, Any] = {}
    for name, w in widgets.items():
        if isinstance(w, QCheckBox):
            if w.isChecked():
                out[name] = True
        elif isinstance(w, QComboBox):
            if w.currentData() is not None:
                out[name] = w.currentData()
        elif isinstance(w, QLineEdit) and w.text():
            out[name] = w.text()
    return out


_UNSET = object()


def _read_one(widget: QWidget) -> Any:
    """The value one attribute widget shows (None: unset)."""
    if isinstance(widget, QCheckBox):
        return True if widget.isChecked() else None
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QLineEdit):
        return widget.text() or None
    return None


def _shown_for(widget: QWidget, value: Any) -> Any:
    """What ``_read_one`` gives for ``widget`` showing the stored ``value`` as
    ``fill_attributes`` and ``show_attribute_values`` show it (``_UNSET``: none stored)."""
    if isinstance(widget, QCheckBox):
        return True if value is not _UNSET and bool(value) else None
    if isinstance(widget, QComboBox):
        if value is _UNSET or value is None:
            return None
        return value if widget.findData(value) > 0 else None  # (item 0 is NO_VALUE)
    if isinstance(widget, QLineEdit):
        return (str(value) if value is not _UNSET else "") or None
    return None


def merge_attributes(stored: Mapping[str, Any], widgets: Mapping[str, QWidget]) -> dict[str, Any]:
    """The record's ``stored`` attributes with the edits the user made in ``widgets``: an
    attribute whose widget shows what it showed for the stored value is kept as stored, and
    so is every attribute with no widget. A value the widgets cannot show (an attribute the
    schema no longer gives the label, a value no longer in its enum, a value of another
    kind) is never dropped by an edit of another attribute: ``read_attributes`` alone gave
    only what had widgets, and that dict replaced the record's attributes (Realis=Actual,
    renamed Real in the schema, went when Tense was picked)."""
    out = dict(stored)
    for name, widget in widgets.items():
        now = _read_one(widget)
        if now == _shown_for(widget, stored.get(name, _UNSET)):
            continue  # not edited: kept as stored
        if now is None:
            out.pop(name, None)
        else:
            out[name] = now
    return out


def unshown_attributes(stored: Mapping[str, Any], widgets: Mapping[str, QWidget]) -> dict[str, Any]:
    """The stored attributes the widgets cannot show: one with no widget (the schema no
    longer gives it to the label) or an enum value the combo lacks (renamed or removed in the
    schema). ``merge_attributes`` keeps them; the panel lists them read-only."""
    out: dict[str, Any] = {}
    for name, value in stored.items():
        widget = widgets.get(name)
        if widget is None or (
            isinstance(widget, QComboBox) and value is not None and widget.findData(value) <= 0
        ):
            out[name] = value
    return out


def show_unshown(label: QLabel, stored: Mapping[str, Any], widgets: Mapping[str, QWidget]) -> None:
    """List in ``label`` (hidden when there are none) the stored values the widgets cannot
    show, each name and value an isolate: kept as they are by every edit in the panel, each
    removed by its own button (``KeptRemover``)."""
    kept = unshown_attributes(stored, widgets)
    label.setVisible(bool(kept))
    if not kept:
        label.clear()
        return
    pairs = ", ".join(f"{isolate(str(k))} = {isolate(str(v))}" for k, v in kept.items())
    label.setText(
        QCoreApplication.translate("DetailsPanel", "Kept, not in the schema: {0}").format(pairs)
    )


class KeptRemover(QWidget):
    """A button for each stored value the widgets cannot show (``unshown_attributes``, listed
    read-only beside it by ``show_unshown``) that removes it from the record: one undoable
    edit, saved at once, like every edit in the panel (``removed`` says which attribute). An
    edit keeps such a value; this is the one way to let it go. The attribute's name is shown
    elided as the panel's names are (a ``&`` in it doubled, never a shortcut), whole in the
    tooltip, plain text."""

    removed = Signal(str)
    """the name of the attribute whose stored value to remove"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        self.hide()

    def show_names(self, names: list[str]) -> None:
        """One button per name of ``names`` (none: hidden), made again only when they differ."""
        if names != list(self.buttons):
            for button in self.buttons.values():
                self._layout.removeWidget(button)
                button.hide()
                button.deleteLater()  # (maybe inside its own click: later)
            self.buttons = {}
            for name in names:
                self.buttons[name] = self._button(name)
        self.setVisible(bool(names))

    def _button(self, name: str) -> QToolButton:
        button = QToolButton(self)
        room = button.fontMetrics().averageCharWidth() * LABEL_CHARS
        shown = button.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, room)
        button.setText(self.tr("Remove {0}").format(isolate(menu_text(shown))))
        button.setToolTip(
            plain_tooltip(
                self.tr("Remove the stored value of {0}, which the schema no longer allows").format(
                    name
                )
            )
        )
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        button.setMinimumWidth(button.fontMetrics().averageCharWidth() * MIN_CHARS)
        button.clicked.connect(lambda _checked=False, n=name: self.removed.emit(n))
        self._layout.addWidget(button)
        return button


def show_removers(
    remover: KeptRemover, stored: Mapping[str, Any], widgets: Mapping[str, QWidget]
) -> None:
    """A remove button in ``remover`` for each value ``show_unshown`` lists."""
    remover.show_names([str(k) for k in unshown_attributes(stored, widgets)])


def without(stored: Mapping[str, Any], name: str) -> dict[str, Any]:
    """``stored`` without the attribute ``name``: what a ``KeptRemover`` button saves."""
    return {k: v for k, v in stored.items() if k != name}


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TITLE_CHARS else flat[: TITLE_CHARS - 1] + "…"


class LinkedEditor(QGroupBox):
    """Attributes and note of one event or relation, shown under the selected span. Its
    title (the type's name, a relation's two ends) is elided to the box's width, the whole
    title in its tooltip: a group box asks for its title's width, and a long type name
    widened the panel past its dock."""

    edited = Signal(str, str, object)
    """kind ("event" or "relation"), uuid, changes ({"attributes": dict} or {"note": str})"""

    def __init__(
        self,
        kind: str,
        record: Event | Relation,
        title: str,
        schema: Schema,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)  # a group box title is never rich text
        self.full_title = title
        self.setToolTip(plain_tooltip(title))
        self.kind, self.uuid = kind, record.uuid
        self.attributes: dict[str, Any] = dict(record.attributes)
        self.saved_note = record.note
        self.alive = True
        self.form = QFormLayout()
        self.note = _NoteEdit(self)
        self.note.setPlaceholderText(self.tr("Note"))
        self.note.setMaximumHeight(70)
        self.note.setPlainText(record.note)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_PAUSE_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.form)
        self.kept = WrapLabel(self)
        layout.addWidget(self.kept)
        self.remover = KeptRemover(self)
        self.remover.removed.connect(self.remove_kept)
        layout.addWidget(self.remover)
        layout.addWidget(self.note)
        defs = schema.attributes_for(record.type, kind)
        self.widgets = fill_attributes(self, self.form, defs, self.attributes, self._changed)
        show_unshown(self.kept, self.attributes, self.widgets)
        show_removers(self.remover, self.attributes, self.widgets)
        self.note.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.flush_note)
        self.note.focusLost.connect(self.flush_note)

    def minimumSizeHint(self) -> QSize:
        """The contents' minimum, not the title's width (the title is elided)."""
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None:
            margins = self.contentsMargins()
            inside = layout.totalMinimumSize().width() + margins.left() + margins.right()
            room = self.fontMetrics().averageCharWidth() * MIN_CHARS
            hint.setWidth(max(inside, room))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_title()

    def _elide_title(self) -> None:
        option_room = self.width() - 3 * self.fontMetrics().averageCharWidth()
        shown = self.fontMetrics().elidedText(
            self.full_title, Qt.TextElideMode.ElideRight, max(option_room, 0)
        )
        if shown != self.title():
            self.setTitle(shown)

    def _changed(self, *_: object) -> None:
        values = merge_attributes(self.attributes, self.widgets)
        if self.alive and values != self.attributes:
            self.attributes = values
            self.edited.emit(self.kind, self.uuid, {"attributes": values})

    def remove_kept(self, name: str) -> None:
        """Remove the stored value of ``name`` (one the widgets cannot show: ``KeptRemover``)."""
        if self.alive and name in self.attributes:
            self.attributes = without(self.attributes, name)
            self.edited.emit(self.kind, self.uuid, {"attributes": self.attributes})

    def flush_note(self) -> None:
        """Save a pending note edit now."""
        self._timer.stop()
        text = self.note.toPlainText()
        if self.alive and text != self.saved_note:
            # Remember it first: the emitted edit rebuilds the panel, which flushes again.
            self.saved_note = text
            self.edited.emit(self.kind, self.uuid, {"note": text})

    def discard(self) -> None:
        """Stop reporting edits and go away (later: it may be inside its own signal)."""
        self.alive = False
        self._timer.stop()
        self.hide()
        self.deleteLater()


class DetailsPanel(QWidget):
    labelEdited = Signal(str, str)
    """uuid, new label"""
    attributesEdited = Signal(str, object)
    """uuid, full attribute dict"""
    noteEdited = Signal(str, str)
    """uuid, new note"""
    linkedEdited = Signal(str, str, object)
    """kind ("event"/"relation"), uuid, changes; see ``linked_edit``"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uuid = ""
        self.span: Span | None = None
        self.layer_source: Callable[[], DocumentAnnotations] | None = None
        """Where the event and relations of the selected span are looked up (set by the
        window's event tools); without one only the span is shown."""
        self.linked: list[LinkedEditor] = []
        self.label_box = _LabelBox(self)
        # as wide as the dock makes it, not as its longest item: a long name is elided
        self.label_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.label_box.setMinimumContentsLength(LABEL_CHARS)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setReadOnly(True)
        lines_in_their_direction(self.text_view)  # the span's Arabic at the right edge
        self.text_view.setMaximumHeight(70)
        # offsets and annotator, the event's lines, the provenance: wrapped inside the dock
        # however long a name in them (WrapLabel), never widening the panel
        self.where = WrapLabel(self)
        self.event_info = WrapLabel(self)
        self.attr_form = QFormLayout()
        # an accepted suggestion's provenance (the first line of its note): shown apart,
        # translated and read-only; the note editor holds the analyst's own text only
        self.provenance = WrapLabel(self)
        self._provenance: Provenance | None = None
        self.note = _NoteEdit(self)
        self.note.setPlaceholderText(self.tr("Note"))
        self.note.setMaximumHeight(90)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_PAUSE_MS)
        self.attr_widgets: dict[str, QWidget] = {}
        self._attr_defs: list[AttributeDef] | None = None  # what attr_widgets were made for
        self._labels_of: Schema | None = None
        self.linked_box = QVBoxLayout()

        form = QFormLayout()
        form.addRow(self.tr("Label"), self.label_box)
        form.addRow(self.tr("Text"), self.text_view)
        form.addRow(self.tr("Offsets"), self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.event_info)
        layout.addLayout(self.attr_form)
        # stored values the widgets cannot show (kept by every edit), read-only
        self.kept = WrapLabel(self)
        layout.addWidget(self.kept)
        self.remover = KeptRemover(self)  # a button removing each of them
        layout.addWidget(self.remover)
        layout.addWidget(QLabel(self.tr("Note"), self))
        layout.addWidget(self.provenance)
        layout.addWidget(self.note)
        layout.addLayout(self.linked_box)
        layout.addStretch(1)

        self.label_box.activated.connect(self._label_picked)
        self.remover.removed.connect(self.remove_kept)
        self.note.textChanged.connect(self._note_timer.start)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.focusLost.connect(self.flush_note)
        self.show_span(None, Schema())

    # -- showing -------------------------------------------------------------------------
    def show_span(self, span: Span | None, schema: Schema, event_info: str = "") -> None:
        """Show ``span`` (None clears the panel). Pending note edits are saved first."""
        self.flush_note()
        self.span = span
        self.uuid = span.uuid if span else ""
        enabled = span is not None
        for w in (self.label_box, self.note):
            w.setEnabled(enabled)
        self.label_box.blockSignals(True)
        if schema is not self._labels_of:  # (refilled per schema, not per span shown)
            self._labels_of = schema
            self.label_box.clear()
            for lab in schema.span_labels():
                if lab.annotatable:
                    # each distinct name once, the interface language's first: what is
                    # elided in a narrow dock is the other names, not the one read
                    self.label_box.addItem(" · ".join(label_names(lab)), lab.name)
                    self.label_box.setItemData(self.label_box.count() - 1, label_tag(lab), TAG_ROLE)
                    names = (lab.name, lab.en, lab.ar)
                    self.label_box.setItemData(
                        self.label_box.count() - 1,
                        plain_tooltip("\n".join(n for n in dict.fromkeys(names) if n)),
                        Qt.ItemDataRole.ToolTipRole,
                    )
        self.label_box.setCurrentIndex(self.label_box.findData(span.label) if span else -1)
        self.label_box.blockSignals(False)
        self.text_view.setPlainText(span.text if span else "")
        self.where.setText(
            f"{range_text(str(span.start), str(span.end), '–')} ({span.annotator})" if span else ""
        )
        self.event_info.setText(event_info)
        self.event_info.setVisible(bool(event_info))
        # a trigger's attributes are its event's, shown in the event's box below (once)
        defs = schema.attributes_for(span.label, "span") if span else []
        values = span.attributes if span else {}
        if defs == self._attr_defs:  # the same attributes: only their values change
            show_attribute_values(self.attr_widgets, values)
        else:
            self.attr_widgets = fill_attributes(
                self, self.attr_form, defs, values, self._attributes_changed
            )
            self._attr_defs = defs
        show_unshown(self.kept, values, self.attr_widgets)
        show_removers(self.remover, values, self.attr_widgets)
        self._provenance, own = split_provenance(span.note) if span else (None, "")
        self._show_provenance(self._provenance)
        self.note.blockSignals(True)
        self.note.setPlainText(own)
        self.note.blockSignals(False)
        self._show_linked(span, schema)

    def _show_provenance(self, provenance: Provenance | None) -> None:
        self.provenance.setVisible(provenance is not None)
        if provenance is None:
            self.provenance.clear()
            self.provenance.setToolTip("")
            return
        source = isolate(provenance.source)  # annotate-all, model:crf@abcd1234: as written
        if provenance.score is None:
            text = self.tr("Suggested by {0}").format(source)
        else:
            score = isolate(f"{provenance.score:.2f}")
            text = self.tr("Suggested by {0}, confidence {1}").format(source, score)
        self.provenance.setText(text)
        self.provenance.setToolTip(plain_tooltip(provenance.line))

    def _show_linked(self, span: Span | None, schema: Schema) -> None:
        for editor in self.linked:
            self.linked_box.removeWidget(editor)
            editor.discard()
        self.linked = []
        if span is None or self.layer_source is None:
            return
        layer = self.layer_source()
        for ev in layer.events:
            if ev.trigger == span.uuid and not ev.deleted:
                # the type as the events panel and the text's tags name it (Arabic in Arabic)
                kind = type_tag(schema, ev.type)
                self._add_linked("event", ev, self.tr("Event {0}").format(kind), schema)
        for rel in layer.relations:
            if span.uuid in (rel.source, rel.target) and not rel.deleted:
                # look the two ends up only for relations of this span: a whole-layer index
                # per selection cost milliseconds on 20,000 spans
                ends = [
                    next((s for s in layer.spans if s.uuid == u), None)
                    for u in (rel.source, rel.target)
                ]
                a, b = (isolate(_short(s.text)) if s else "?" for s in ends)
                # the translation puts the arrow the interface's way (→ in English, ← in
                # Arabic), as relation_text does; the ends are isolates, so two Arabic ends
                # cannot turn the arrow round
                kind = type_tag(schema, rel.type)
                title = self.tr("Relation {0}: {1} → {2}").format(kind, a, b)
                self._add_linked("relation", rel, title, schema)

    def _add_linked(self, kind: str, record: Event | Relation, title: str, schema: Schema) -> None:
        editor = LinkedEditor(kind, record, title, schema, self)
        editor.edited.connect(self.linkedEdited)
        self.linked_box.addWidget(editor)
        self.linked.append(editor)

    def linked_editor(self, uuid: str) -> LinkedEditor | None:
        """The shown editor of an event or relation, if any."""
        return next((e for e in self.linked if e.uuid == uuid), None)

    # -- editing -------------------------------------------------------------------------
    def attribute_values(self) -> dict[str, Any]:
        """The span's attributes with the widgets' edits (``merge_attributes``: values the
        widgets cannot show are kept as stored; unset values left out)."""
        stored = self.span.attributes if self.span is not None else {}
        return merge_attributes(stored, self.attr_widgets)

    def _attributes_changed(self, *_: object) -> None:
        values = self.attribute_values()
        if self.span is not None and values != dict(self.span.attributes):
            self.span = dataclasses.replace(self.span, attributes=values)
            self.attributesEdited.emit(self.uuid, values)

    def remove_kept(self, name: str) -> None:
        """Remove the span's stored value of ``name`` (one the widgets cannot show:
        ``KeptRemover``): ``attributesEdited`` with every other value as stored."""
        if self.span is not None and name in self.span.attributes:
            values = without(self.span.attributes, name)
            self.span = dataclasses.replace(self.span, attributes=values)
            self.attributesEdited.emit(self.uuid, values)

    def _label_picked(self, index: int) -> None:
        label = self.label_box.itemData(index)
        if self.span is not None and label and label != self.span.label:
            self.span = dataclasses.replace(self.span, label=label)
            self.labelEdited.emit(self.uuid, label)

    def flush_note(self) -> None:
        """Save pending note edits (the span's, its event's and relations') now."""
        self._note_timer.stop()
        own = self.note.toPlainText()
        if self.span is not None and own != split_provenance(self.span.note)[1]:
            # the edited text goes below the provenance line, which stays as it was
            text = join_provenance(self._provenance, own)
            # Remember it first: the emitted edit re-shows the span, which flushes again.
            self.span = dataclasses.replace(self.span, note=text)
            self.noteEdited.emit(self.uuid, text)
        for editor in list(self.linked):
            editor.flush_note()


class _OnSpanEvent(UpdateEvent):
    """An event edit that keeps the span ``focus`` selected after undo and redo."""

    def __init__(self, uuid: str, focus: str, **changes: Any) -> None:
        super().__init__(uuid, **changes)
        self.focus = focus

    @property
    def uuid(self) -> str:
        return self.focus


class _OnSpanRelation(UpdateRelation):
    """A relation edit that keeps the span ``focus`` selected after undo and redo."""

    def __init__(self, uuid: str, focus: str, **changes: Any) -> None:
        super().__init__(uuid, **changes)
        self.focus = focus

    @property
    def uuid(self) -> str:
        return self.focus


def linked_edit(kind: str, uuid: str, changes: Mapping[str, Any], focus: str) -> Command:
    """The command for an edit reported by ``DetailsPanel.linkedEdited``: attributes or note
    of event/relation ``uuid``, keeping span ``focus`` selected when undone or redone."""
    if kind == "event":
        return _OnSpanEvent(uuid, focus, **changes)
    return _OnSpanRelation(uuid, focus, **changes)
