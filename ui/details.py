"""The details panel: label, covered text, attributes and note of the selected span.

Edits leave as signals at once (label and attributes on change, the note after a short pause
in typing or when the editor loses focus), so each becomes one undoable command. Covered text
is shown in a read-only plain-text editor: document text never goes through HTML.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Span
from annotator.schema import AttributeDef, Schema

NOTE_PAUSE_MS = 700
NO_VALUE = "—"


class _NoteEdit(QPlainTextEdit):
    """Plain-text note editor that reports losing focus (to save without waiting)."""

    focusLost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class DetailsPanel(QWidget):
    labelEdited = Signal(str, str)
    """uuid, new label"""
    attributesEdited = Signal(str, object)
    """uuid, full attribute dict"""
    noteEdited = Signal(str, str)
    """uuid, new note"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.uuid = ""
        self.span: Span | None = None
        self.label_box = QComboBox(self)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setReadOnly(True)
        self.text_view.setMaximumHeight(70)
        self.where = QLabel(self)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.event_info = QLabel(self)
        self.event_info.setTextFormat(Qt.TextFormat.PlainText)
        self.event_info.setWordWrap(True)
        self.attr_form = QFormLayout()
        self.note = _NoteEdit(self)
        self.note.setPlaceholderText(self.tr("Note"))
        self.note.setMaximumHeight(90)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_PAUSE_MS)
        self.attr_widgets: dict[str, QWidget] = {}

        form = QFormLayout()
        form.addRow(self.tr("Label"), self.label_box)
        form.addRow(self.tr("Text"), self.text_view)
        form.addRow(self.tr("Offsets"), self.where)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.event_info)
        layout.addLayout(self.attr_form)
        layout.addWidget(QLabel(self.tr("Note"), self))
        layout.addWidget(self.note)
        layout.addStretch(1)

        self.label_box.activated.connect(self._label_picked)
        self.note.textChanged.connect(self._note_timer.start)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.focusLost.connect(self.flush_note)
        self.show_span(None, Schema())

    # -- showing -------------------------------------------------------------------------
    def show_span(self, span: Span | None, schema: Schema, event_info: str = "") -> None:
        """Show ``span`` (None clears the panel). A pending note edit is saved first."""
        self.flush_note()
        self.span = span
        self.uuid = span.uuid if span else ""
        enabled = span is not None
        for w in (self.label_box, self.note):
            w.setEnabled(enabled)
        self.label_box.blockSignals(True)
        self.label_box.clear()
        for lab in schema.span_labels():
            if lab.annotatable:
                self.label_box.addItem(f"{lab.name} · {lab.en} · {lab.ar}", lab.name)
        self.label_box.setCurrentIndex(self.label_box.findData(span.label) if span else -1)
        self.label_box.blockSignals(False)
        self.text_view.setPlainText(span.text if span else "")
        self.where.setText(f"{span.start}–{span.end} ({span.annotator})" if span else "")
        self.event_info.setText(event_info)
        self.event_info.setVisible(bool(event_info))
        self._build_attributes(schema.attributes_for(span.label) if span else [], span)
        self.note.blockSignals(True)
        self.note.setPlainText(span.note if span else "")
        self.note.blockSignals(False)

    def _build_attributes(self, defs: list[AttributeDef], span: Span | None) -> None:
        while self.attr_form.rowCount():
            self.attr_form.removeRow(0)
        self.attr_widgets = {}
        values: dict[str, Any] = dict(span.attributes) if span else {}
        for attr in defs:
            widget: QWidget
            if attr.kind == "bool":
                box = QCheckBox(self)
                box.setChecked(bool(values.get(attr.name, False)))
                box.toggled.connect(self._attributes_changed)
                widget = box
            elif attr.kind == "enum":
                combo = QComboBox(self)
                combo.addItem(NO_VALUE, None)
                for v in attr.values:
                    combo.addItem(v, v)
                combo.setCurrentIndex(max(0, combo.findData(values.get(attr.name))))
                combo.activated.connect(self._attributes_changed)
                widget = combo
            else:
                line = QLineEdit(self)
                line.setText(str(values.get(attr.name, "")))
                line.editingFinished.connect(self._attributes_changed)
                widget = line
            self.attr_widgets[attr.name] = widget
            label = QLabel(attr.name, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.attr_form.addRow(label, widget)

    # -- editing -------------------------------------------------------------------------
    def attribute_values(self) -> dict[str, Any]:
        """The attributes as the widgets show them (unset values left out)."""
        out: dict[str, Any] = {}
        for name, w in self.attr_widgets.items():
            if isinstance(w, QCheckBox):
                if w.isChecked():
                    out[name] = True
            elif isinstance(w, QComboBox):
                if w.currentData() is not None:
                    out[name] = w.currentData()
            elif isinstance(w, QLineEdit) and w.text():
                out[name] = w.text()
        return out

    def _attributes_changed(self, *_: object) -> None:
        values = self.attribute_values()
        if self.span is not None and values != dict(self.span.attributes):
            self.span = dataclasses.replace(self.span, attributes=values)
            self.attributesEdited.emit(self.uuid, values)

    def _label_picked(self, index: int) -> None:
        label = self.label_box.itemData(index)
        if self.span is not None and label and label != self.span.label:
            self.span = dataclasses.replace(self.span, label=label)
            self.labelEdited.emit(self.uuid, label)

    def flush_note(self) -> None:
        """Save a pending note edit now."""
        self._note_timer.stop()
        if self.span is not None and self.note.toPlainText() != self.span.note:
            text = self.note.toPlainText()
            # Remember it first: the emitted edit re-shows the span, which flushes again.
            self.span = dataclasses.replace(self.span, note=text)
            self.noteEdited.emit(self.uuid, text)
