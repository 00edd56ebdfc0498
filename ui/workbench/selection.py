"""The selected span of the workbench and the details panel that shows and edits it.

``SelectionController`` makes a span the selected one everywhere (the view's outline, the
annotation list, the events panel, the details panel) and turns the details panel's edits
(label, attributes, note) into core commands for ``Session.execute``. The selected uuid and the
layer it is looked up in belong to the ``DocumentModel``; it remembers only whether the text
selection is the one it made with the span (``new_text``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from annotator import commands as cmds
from ui.docview.view import DocumentView
from ui.i18n import isolate, label_tag, role_display
from ui.session import Session
from ui.workbench.details import DetailsPanel
from ui.workbench.document import DocumentModel
from ui.workbench.event_wiring import EventTools
from ui.workbench.panels import AnnotationListPanel


class SelectionController(QObject):
    """Selecting a span and editing it in the details panel."""

    def __init__(
        self,
        session: Session,
        model: DocumentModel,
        view: DocumentView,
        annotations: AnnotationListPanel,
        details: DetailsPanel,
        event_tools: EventTools,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self.view = view
        self.annotations = annotations
        self.details = details
        self.event_tools = event_tools
        self._span_text: tuple[str, int, int] | None = None
        """(uuid, start, end): the text ``go_to_span`` selected with that span, until the
        text selection or the selected span changes"""
        view.selectionChangedCp.connect(self._forget_span_text)
        event_tools.linker.new_text = self.new_text  # A asks it too
        annotations.annotationChosen.connect(self.go_to_span)
        details.labelEdited.connect(self.relabel)
        details.attributesEdited.connect(self.set_attributes)
        details.noteEdited.connect(self.set_note)

    # -- selecting -----------------------------------------------------------------------
    def select_span(self, uuid: str, scroll: bool = False) -> None:
        """Make ``uuid`` the selected span of the window (view outline, list, details)."""
        self._span_text = None
        self.model.selected_uuid = uuid
        self.view.set_selected(uuid or None)
        self.annotations.set_selected(uuid)
        self.event_tools.on_selected(uuid)
        span = self.model.span_of(uuid)
        if span is not None and scroll:
            self.view.scroll_to(span.start)
        project = self.session.project
        if project is not None:
            self.details.show_span(span, project.schema, self.event_summary(uuid))

    def event_summary(self, uuid: str) -> str:
        """Plain text listing the event this span triggers and its arguments."""
        layer = self.model.layer
        ev = next((e for e in layer.events if e.trigger == uuid), None)
        if ev is None:
            return ""
        spans = layer.span_by_uuid()
        # named as the rest of the interface names them: the event type as the document
        # view's tag (label_tag: Arabic in the Arabic interface), the role as the events
        # panel (role_display); each part isolated, so a Latin name and Arabic text keep
        # their order in either direction
        project = self.session.project
        label = project.schema.label(ev.type) if project is not None else None
        kind = label_tag(label) if label is not None else ev.type
        lines = [self.tr("Event: {0}").format(isolate(kind))]
        for arg in layer.arguments_of(ev.uuid):
            target = spans.get(arg.target)
            text = target.text if target else arg.target
            lines.append(f"  {isolate(role_display(arg.role))}: {isolate(text)}")
        return "\n".join(lines)

    def go_to_span(self, uuid: str) -> None:
        """Select ``uuid``, put the text cursor over it and scroll it into sight (Tab, the
        annotation list, the events panel). That text is the span's, not new text to label
        (``new_text``): a label key, Return or the palette relabels the span."""
        span = self.model.span_of(uuid)
        if span is not None:
            self.view.select(span.start, span.end)
            self.select_span(uuid, scroll=True)
            self._span_text = (uuid, span.start, span.end)

    def new_text(self) -> tuple[int, int]:
        """The text a label key, Return, the label palette, the sticky label, ``A`` or
        ``[``/``]`` takes as new text (start == end: none): the view's selection, unless it is
        the text ``go_to_span`` selected with the selected span; then it is that span's (the
        key relabels, links or trims the span), never new text for a second span on the same
        place. Text selected anew (a double click, a drag, Shift+arrows) is new, even over a
        span's place: another label there is another span."""
        start, end = self.view.selection()
        if self._span_text == (self.model.selected_uuid, start, end):
            return end, end
        return start, end

    def _forget_span_text(self, _start: int, _end: int) -> None:
        self._span_text = None

    def select_written(self, uuid: str) -> None:
        """Select the span an edit just wrote, with the text cursor after it (the labelled
        text is no longer "selected")."""
        span = self.model.span_of(uuid)
        if span is not None:
            self.view.select(span.end, span.end)
            self.select_span(uuid)

    # -- editing in the details panel ----------------------------------------------------
    def relabel(self, uuid: str, label: str) -> None:
        """The label box's choice, as the relabel hotkey does it (``EventTools.relabel``: a
        trigger relabelled as an entity asks before its events go); cancelled or refused, the
        panel shows the span's label again."""
        if not self.event_tools.relabel(uuid, label):
            self.select_span(uuid)

    def set_attributes(self, uuid: str, values: dict[str, Any]) -> None:
        self.session.execute(cmds.UpdateSpan(uuid, attributes=values), select=uuid)

    def set_note(self, uuid: str, note: str) -> None:
        self.session.execute(cmds.UpdateSpan(uuid, note=note), select=uuid)
