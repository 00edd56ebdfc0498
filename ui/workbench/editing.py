"""Labelling and editing from the keyboard and the mouse: the workbench's editing controller.

The key map is described in ``ui.workbench.span_edges``. ``EditingController`` owns the label
hotkeys (``ui.workbench.hotkeys.HotkeyDispatcher``: the physical key in any keyboard layout,
chords with their pending state in the status bar), the sticky label, the span edge
keys, proclitic trimming, span clicks (adding an argument to the selected event) and document
statuses. Every action builds a core command and hands it to ``Session.execute``; nothing
writes to the project directly, and the views follow from the session's ``changed`` signal.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QStatusBar, QWidget

from annotator import commands as cmds
from annotator import rules
from annotator.model import Span, Status, fields_of
from annotator.text import restore_proclitic, trim_proclitic
from ui.docview.view import DocumentView
from ui.i18n import isolate, label_display
from ui.session import Session
from ui.workbench.document import DocumentModel
from ui.workbench.event_wiring import EventTools
from ui.workbench.hotkeys import HotkeyDispatcher
from ui.workbench.panels import LabelPalette
from ui.workbench.selection import SelectionController
from ui.workbench.span_edges import moved_edges


class EditingController(QObject):
    """The labelling and editing actions of one window. ``window`` parents the hotkeys (they
    work anywhere in it); ``status_bar`` shows why an action did nothing."""

    def __init__(
        self,
        session: Session,
        model: DocumentModel,
        view: DocumentView,
        label_palette: LabelPalette,
        selection: SelectionController,
        event_tools: EventTools,
        status_bar: QStatusBar,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.session = session
        self.model = model
        self.view = view
        self.label_palette = label_palette
        self.selection = selection
        self.event_tools = event_tools
        self.status_bar = status_bar
        self.window = window
        self.last_label = ""
        self.sticky = False
        self._from_mouse = False
        self.hotkeys = HotkeyDispatcher(window, self._label_name)
        self.hotkeys.activated.connect(self.apply_label)
        self.hotkeys.pendingChanged.connect(self._show_pending)
        # whether a selection comes from the mouse (the sticky label applies to those only)
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)
        label_palette.labelChosen.connect(self.apply_label)
        view.spanClicked.connect(self.on_span_clicked)
        view.selectionChangedCp.connect(self.on_text_selection)
        self.rebuild_label_shortcuts()

    def rebuild_label_shortcuts(self) -> None:
        """The schema's hotkeys of span labels (entity and event types) into the dispatcher."""
        project = self.session.project
        if project is None:
            self.hotkeys.set_hotkeys({})
            return
        span_labels = {lab.name for lab in project.schema.span_labels() if lab.annotatable}
        # relation types are linked from the Annotate menu, not by a hotkey
        keys = {k: v for k, v in project.schema.hotkeys().items() if v in span_labels}
        self.hotkeys.set_hotkeys(keys)

    def _label_name(self, label: str) -> str:
        project = self.session.project
        found = project.schema.label(label) if project is not None else None
        return label_display(found) if found is not None else label

    def _show_pending(self, text: str) -> None:
        """The pending chord and its completions in the status bar (cleared when it ends)."""
        if text:
            self.status_bar.showMessage(text)
        else:
            self.status_bar.clearMessage()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._from_mouse = True
        elif kind == QEvent.Type.KeyPress:
            self._from_mouse = False
            if (
                isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
            ):
                return self.escape()
        return False

    def escape(self) -> bool:
        """``Escape`` in the document: forget a pending relation (key R) or argument (key A
        with no new text), deselect the span (so a click on another span no longer offers it
        a role of the selected event) and the text. (A pending chord is the hotkeys' own:
        Escape ends it first.) Whether there was anything to clear."""
        linker = self.event_tools.linker
        start, end = self.view.selection()
        if not (linker.pending() or self.model.selected_uuid or start < end):
            return False
        if linker.cancel():
            self.status_bar.clearMessage()
        if start < end:
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
        if self.model.selected_uuid:
            self.selection.select_span("")
        return True

    def _ready(self) -> bool:
        if self.session.project is None or self.model.doc is None:
            self.status_bar.showMessage(self.tr("Open a document first."), 5000)
            return False
        if not self.session.annotator:
            self.status_bar.showMessage(self.tr("Choose an annotator name first."), 5000)
            return False
        return True

    # -- labelling -----------------------------------------------------------------------
    def apply_label(self, label: str) -> None:
        """Label the selected text (new span) or relabel the selected span: the text Tab or a
        list selected with the span is no new text (``SelectionController.new_text``), so it
        relabels the span. Every way of choosing a label comes here: its hotkey, Return (the
        last label), the label palette, the sticky label."""
        doc, project = self.model.doc, self.session.project
        if not self._ready() or doc is None or project is None:
            return
        start, end = self._new_text()
        me = self.session.annotator
        self.last_label = label
        self.label_palette.set_current(label)
        if start < end:
            held = self._held(Span("", doc.id, me, start, end, label, ""))
            if held is not None:  # the same place and label: one span (rules.same_span)
                self._labelled_already(held)
                return
            command: cmds.Command
            if project.schema.event(label) is not None:
                command = cmds.add_event_with_trigger(doc.id, start, end, label, me)
            else:
                command = cmds.AddSpan(doc.id, start, end, label, me)
            self.session.execute(command, select=command.uuid)
            return
        span = self.model.span_of(self.model.selected_uuid)
        if span is None:
            self.status_bar.showMessage(self.tr("Select some text or a span first."), 5000)
        elif span.label != label or (
            project.schema.event(label) is not None and not self.model.event_of(span.uuid)
        ):
            # a trigger relabelled as an entity asks before its events go
            self.event_tools.relabel(span.uuid, label)

    def _held(self, span: Span) -> Span | None:
        """The span of the shown layer that ``span`` would repeat (``rules.same_span``), read
        from the layer the window holds: no query per hotkey (``Project.add_span`` checks
        again in its transaction, so a span the window has not read yet is refused there)."""
        spans = self.model.layer.spans
        key = rules.same_span(span)
        starts = fields_of(spans, "start")  # the layer is in reading order: by start
        k = bisect.bisect_left(starts, span.start)
        while k < len(starts) and starts[k] == span.start:
            other = spans[k]
            mine = other.annotator == span.annotator and not other.deleted
            if mine and rules.same_span(other) == key:
                return other
            k += 1
        return None

    def _labelled_already(self, held: Span) -> None:
        """The selected text is ``held``'s place and label already: select that span (a
        trigger-less span labelled with an event type gets its event, as a relabel gives)
        and say so; nothing is added."""
        project = self.session.project
        if project is None:
            return
        if project.schema.event(held.label) is not None and not self.model.event_of(held.uuid):
            self.session.execute(cmds.relabel(project, held.uuid, held.label), select=held.uuid)
            return
        self.selection.select_written(held.uuid)
        self.status_bar.showMessage(
            self.tr("{0} is already labelled {1}.").format(
                isolate(held.text), isolate(self._label_name(held.label))
            ),
            5000,
        )

    def _new_text(self) -> tuple[int, int]:
        return self.selection.new_text()

    def apply_last_label(self) -> None:
        """Return: complete a pending relation or argument with the selected span (reached
        with Tab: the keyboard's click, ``Linker.take_click``), else apply the last label."""
        linker = self.event_tools.linker
        if linker.pending():
            span = self.model.span_of(self.model.selected_uuid)
            # asked for from the keyboard: a menu opens at the span, not at the pointer
            linker.popup_span = (span.start, span.end) if span is not None else None
            try:
                self.on_span_clicked(self.model.selected_uuid)
            finally:
                linker.popup_span = None
        elif self.last_label:
            self.apply_label(self.last_label)

    def set_sticky(self, on: bool) -> None:
        self.sticky = on

    def on_text_selection(self, start: int, end: int) -> None:
        # (the text selected with a span is no new text: SelectionController.new_text)
        fresh = start < end and self._new_text() == (start, end)
        if fresh and self.sticky and self._from_mouse and self.last_label:
            self.apply_label(self.last_label)

    def delete_selected(self) -> None:
        # asks first when events use the span (ui.events.relations.Linker.delete_span)
        self.event_tools.delete_selected()

    def set_status(self, status: Status) -> None:
        """Set the current document's status in the current layer."""
        doc = self.model.doc
        if self._ready() and doc is not None:
            self.session.execute(cmds.SetStatus(doc.id, self.session.annotator, status))

    # -- span edges ----------------------------------------------------------------------
    def move_edge(self, edge: str, screen_right: bool, by_word: bool = False) -> None:
        """Move the selected span's start or end edge visually (see ui.workbench.span_edges)."""
        span, doc = self.model.span_of(self.model.selected_uuid), self.model.doc
        if span is None or doc is None:
            return
        moved = moved_edges(doc.text, span.start, span.end, edge, screen_right, by_word)
        if moved is not None:
            self.session.execute(
                cmds.UpdateSpan(span.uuid, start=moved[0], end=moved[1]), select=span.uuid
            )

    def trim(self, restore: bool = False) -> None:
        """``[``/``]``: take a proclitic off (or give it back to) the selection, or else the
        selected span."""
        start, end = self._new_text()
        if start < end:
            if restore:
                self.view.restore_proclitic()
            else:
                self.view.trim_proclitic()
            return
        span, doc = self.model.span_of(self.model.selected_uuid), self.model.doc
        if span is None or doc is None:
            return
        text = doc.text
        new = (
            restore_proclitic(text, span.start)
            if restore
            else trim_proclitic(text, span.start, span.end)
        )
        if new != span.start:
            self.session.execute(cmds.UpdateSpan(span.uuid, start=new), select=span.uuid)

    # -- events and relations ------------------------------------------------------------
    def on_span_clicked(self, uuid: str) -> None:
        """Select the clicked span; with an event selected, offer it the roles that accept
        the clicked span's label (``Linker.offer_argument``). Return with a link pending
        comes here too, with the span reached with Tab (``apply_last_label``)."""
        linker = self.event_tools.linker
        if linker.take_click(uuid):  # a pending relation's target (R) or argument (A)
            # The view outlined the clicked span itself: the arcs it emphasises follow it.
            self.view.viewport().update()
            return
        previous = self.model.selected_uuid
        event_uuid = self.model.event_of(previous) if previous and uuid != previous else ""
        span = self.model.span_of(uuid)
        if event_uuid and span is not None and linker.offer_argument(event_uuid, span):
            return
        self.selection.select_span(uuid)

    def add_relation(self, relation_type: str, source: str, target: str) -> None:
        self.session.execute(cmds.AddRelation(relation_type, source, target), select=source)
