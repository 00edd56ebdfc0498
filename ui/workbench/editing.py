"""Labelling and editing actions of the main window (a mixin over ``MainWindow``).

The key map is described in ``ui.workbench.span_edges``. Every action here builds a core command and
hands it to ``Session.execute``; nothing writes to the project directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QCursor, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from annotator import commands as cmds
from annotator import rules
from annotator.model import Status
from annotator.schema import Role
from annotator.text import restore_proclitic, trim_proclitic
from ui.workbench.span_edges import moved_edges

if TYPE_CHECKING:
    from annotator.model import Document, DocumentAnnotations, Span
    from ui.docview.view import DocumentView
    from ui.session import Session
    from ui.workbench.details import DetailsPanel
    from ui.workbench.event_wiring import EventTools
    from ui.workbench.panels import LabelPalette


class EditingMixin:
    """Needs ``session``, ``view``, ``doc``, ``layer``, ``selected_uuid`` and the helpers
    ``own_span``, ``event_of``, ``select_span``, ``go_to_span``, ``open_document``."""

    if TYPE_CHECKING:
        session: Session
        view: DocumentView

        @property
        def doc(self) -> Document | None: ...
        @property
        def layer(self) -> DocumentAnnotations: ...
        @property
        def selected_uuid(self) -> str: ...

        details: DetailsPanel
        label_palette: LabelPalette
        event_tools: EventTools

        def own_span(self, uuid: str) -> Span | None: ...
        def event_of(self, uuid: str) -> str: ...
        def select_span(self, uuid: str, scroll: bool = False) -> None: ...
        def go_to_span(self, uuid: str) -> None: ...
        def open_document(self, doc_id: int) -> None: ...
        def statusBar(self) -> Any: ...
        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    def setup_editing(self) -> None:
        self.last_label = ""
        self.sticky = False
        self._from_mouse = False
        self.label_shortcuts: list[QShortcut] = []
        self.view.viewport().installEventFilter(self)  # type: ignore[arg-type]
        self.view.installEventFilter(self)  # type: ignore[arg-type]
        self.rebuild_label_shortcuts()

    def rebuild_label_shortcuts(self) -> None:
        """One QShortcut per schema hotkey of a span label (entity or event type)."""
        for sc in self.label_shortcuts:
            sc.setEnabled(False)
            sc.deleteLater()
        self.label_shortcuts = []
        project = self.session.project
        if project is None:
            return
        span_labels = {lab.name for lab in project.schema.span_labels() if lab.annotatable}
        for key, label in project.schema.hotkeys().items():
            if label not in span_labels:
                continue  # relation types are linked from the Annotate menu, not by a hotkey
            sc = QShortcut(QKeySequence(key), self)  # type: ignore[call-overload]
            sc.activated.connect(lambda label=label: self.apply_label(label))
            self.label_shortcuts.append(sc)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._from_mouse = True
        elif kind == QEvent.Type.KeyPress:
            self._from_mouse = False
        return False

    # -- labelling -----------------------------------------------------------------------
    def _ready(self) -> bool:
        if self.session.project is None or self.doc is None:
            self.statusBar().showMessage(self.tr("Open a document first."), 5000)
            return False
        if not self.session.annotator:
            self.statusBar().showMessage(self.tr("Choose an annotator name first."), 5000)
            return False
        return True

    def apply_label(self, label: str) -> None:
        """Label the selected text (new span) or relabel the selected span."""
        if not self._ready() or self.doc is None or self.session.project is None:
            return
        start, end = self.view.selection()
        me = self.session.annotator
        project = self.session.project
        self.last_label = label
        self.label_palette.set_current(label)
        if start < end:
            command: cmds.Command
            if project.schema.event(label) is not None:
                command = cmds.add_event_with_trigger(self.doc.id, start, end, label, me)
            else:
                command = cmds.AddSpan(self.doc.id, start, end, label, me)
            self.session.execute(command, select=command.uuid)
            return
        span = self.own_span(self.selected_uuid)
        if span is None:
            self.statusBar().showMessage(self.tr("Select some text or a span first."), 5000)
        elif span.label != label or (
            project.schema.event(label) is not None and not self.event_of(span.uuid)
        ):
            self.session.execute(cmds.relabel(project, span.uuid, label), select=span.uuid)

    def apply_last_label(self) -> None:
        if self.last_label:
            self.apply_label(self.last_label)

    def set_sticky(self, on: bool) -> None:
        self.sticky = on

    def on_text_selection(self, start: int, end: int) -> None:
        if start < end and self.sticky and self._from_mouse and self.last_label:
            self.apply_label(self.last_label)

    def relabel(self, uuid: str, label: str) -> None:
        if self.session.project is not None:
            self.session.execute(cmds.relabel(self.session.project, uuid, label), select=uuid)

    def set_attributes(self, uuid: str, values: dict[str, Any]) -> None:
        self.session.execute(cmds.UpdateSpan(uuid, attributes=values), select=uuid)

    def set_note(self, uuid: str, note: str) -> None:
        self.session.execute(cmds.UpdateSpan(uuid, note=note), select=uuid)

    def delete_selected(self) -> None:
        # asks first when events use the span (ui.events.relations.Linker.delete_span)
        self.event_tools.delete_selected()

    # -- span edges ----------------------------------------------------------------------
    def move_edge(self, edge: str, screen_right: bool, by_word: bool = False) -> None:
        """Move the selected span's start or end edge visually (see ui.workbench.span_edges)."""
        span = self.own_span(self.selected_uuid)
        if span is None or self.doc is None:
            return
        moved = moved_edges(self.doc.text, span.start, span.end, edge, screen_right, by_word)
        if moved is not None:
            self.session.execute(
                cmds.UpdateSpan(span.uuid, start=moved[0], end=moved[1]), select=span.uuid
            )

    def trim(self, restore: bool = False) -> None:
        """``[``/``]``: take a proclitic off (or give it back to) the selection, or else the
        selected span."""
        start, end = self.view.selection()
        if start < end:
            if restore:
                self.view.restore_proclitic()
            else:
                self.view.trim_proclitic()
            return
        span = self.own_span(self.selected_uuid)
        if span is None or self.doc is None:
            return
        text = self.doc.text
        new = (
            restore_proclitic(text, span.start)
            if restore
            else trim_proclitic(text, span.start, span.end)
        )
        if new != span.start:
            self.session.execute(cmds.UpdateSpan(span.uuid, start=new), select=span.uuid)

    # -- events --------------------------------------------------------------------------
    def on_span_clicked(self, uuid: str) -> None:
        """Select the clicked span; with an event selected, offer it the roles that accept
        the clicked span's label."""
        if self.event_tools.linker.take_click(uuid):  # a pending relation's target (key R)
            # The view outlined the clicked span itself: the arcs it emphasises follow it.
            self.view.viewport().update()
            return
        previous = self.selected_uuid
        event_uuid = self.event_of(previous) if previous else ""
        span = self.own_span(uuid)
        project = self.session.project
        if event_uuid and span is not None and uuid != previous and project is not None:
            event = next(e for e in self.layer.events if e.uuid == event_uuid)
            roles = rules.roles_for(project.schema, event.type, span.label)
            if roles:
                role = self.choose_role(roles, span.text)
                if role:
                    command = cmds.AddArgument(event_uuid, role, uuid)
                    self.session.execute(command, select=previous)
                    return
        self.select_span(uuid)

    def choose_role(self, roles: list[Role], covered: str) -> str | None:
        """A popup menu of role names (None when dismissed)."""
        menu = QMenu(self)  # type: ignore[call-overload]
        title = menu.addAction(self.tr("Add as argument:"))
        title.setEnabled(False)
        for role in roles:
            menu.addAction(role.name).setData(role.name)
        menu.addSeparator()
        menu.addAction(self.tr("Just select it"))
        chosen = menu.exec(QCursor.pos())
        return str(chosen.data()) if chosen is not None and chosen.data() else None

    def add_relation(self, relation_type: str, source: str, target: str) -> None:
        self.session.execute(cmds.AddRelation(relation_type, source, target), select=source)

    # -- navigation ----------------------------------------------------------------------
    def step_annotation(self, forward: bool) -> None:
        uuids = [s.uuid for s in self.layer.spans]
        if not uuids:
            return
        if self.selected_uuid in uuids:
            i = uuids.index(self.selected_uuid) + (1 if forward else -1)
        else:
            i = 0 if forward else len(uuids) - 1
        self.go_to_span(uuids[i % len(uuids)])

    def set_status(self, status: Status) -> None:
        if self._ready() and self.doc is not None:
            self.session.execute(cmds.SetStatus(self.doc.id, self.session.annotator, status))

    def mark_done_and_next(self) -> None:
        self.set_status(Status.DONE)
        self.next_unfinished()

    def next_unfinished(self) -> None:
        project = self.session.project
        if project is None:
            return
        statuses = project.statuses(self.session.annotator)
        ids = [d.id for d in project.documents()]
        here = ids.index(self.doc.id) if self.doc is not None and self.doc.id in ids else -1
        for doc_id in ids[here + 1 :] + ids[: here + 1]:
            if statuses.get(doc_id, Status.NEW) != Status.DONE and (
                self.doc is None or doc_id != self.doc.id
            ):
                self.open_document(doc_id)
                return
        self.statusBar().showMessage(self.tr("Every document is done."), 5000)

    def step_document(self, forward: bool) -> None:
        project = self.session.project
        if project is None:
            return
        ids = [d.id for d in project.documents()]
        if not ids:
            return
        here = ids.index(self.doc.id) if self.doc is not None and self.doc.id in ids else -1
        self.open_document(ids[(here + (1 if forward else -1)) % len(ids)])
