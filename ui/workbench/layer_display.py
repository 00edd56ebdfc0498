"""How the main window keeps the current document and layer on screen, cheaply for big ones.

``LayerController`` feeds the view, the annotation list, the document list and the event tools
from the ``DocumentModel``'s signals. Four ways in:

- ``documentChanged``: another document (or the same one afresh) is current: the document list
  marks it, the view shows its text, and its layer is read (``show_first_screen`` or
  ``refresh_layer``);
- ``refresh_layer`` re-reads the whole layer (``layerLoaded``) and feeds every panel (project
  or annotator switch, schema edits, anything not covered below);
- ``show_first_screen`` shows a big document at once with only the spans that start on its
  first screen; the model reads the rest on the next turn of the event loop, and reading its
  ``layer`` before that finishes the load first, so callers never see a partial layer;
- ``patch_layer`` applies one edit (``Changes`` carries the record versions it wrote): nothing
  is read back; the view, the annotation list and the document row are updated one record at
  a time (``recordsChanged``); arcs and the events panel are rebuilt only when events,
  arguments, relations or spans they refer to changed. An edit of more than ``PATCH_MAX``
  records (accepting 10,000 suggestions at once) is not patched: the layer is read again,
  once (``refresh_layer``).
"""

from __future__ import annotations

import bisect
import itertools
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from annotator import commands as cmds
from annotator import rules
from annotator.commands.schema import UpdateRelation
from annotator.errors import AnnotatorError
from annotator.model import Document, Span, Status, fields_of
from annotator.project import Project
from ui.docview.arcs import Link
from ui.docview.looks import assign_looks, patterns_of
from ui.docview.spans import LayerFields
from ui.docview.view import DocumentView, ViewSpan
from ui.i18n import label_tag, menu_text, role_display, type_tag
from ui.modal import freed
from ui.session import Changes, Session
from ui.workbench import collector
from ui.workbench.details import DetailsPanel
from ui.workbench.document import DocumentModel, LayerPatch, span_key
from ui.workbench.event_wiring import EventTools
from ui.workbench.panels import AnnotationListPanel, DocumentListPanel, DocumentRow
from ui.workbench.selection import SelectionController

LAZY_SPANS = 2_000
"""a document with more spans than this shows its first screen before reading the rest"""
FIRST_SCREEN_MIN = 4_000
"""code points read for the first screen at least (more when the first paragraph is long)"""
PATCH_MAX = 500
"""an edit writing more records than this (accept all of a big annotate-all, its undo) is
shown by reading the layer again, once, instead of record by record"""


class LayerHost(Protocol):
    """What the layer display needs of the main window: its views and panels, and selecting."""

    @property
    def view(self) -> DocumentView: ...
    @property
    def annotations(self) -> AnnotationListPanel: ...
    @property
    def documents(self) -> DocumentListPanel: ...
    @property
    def details(self) -> DetailsPanel: ...
    @property
    def event_tools(self) -> EventTools: ...
    @property
    def selection(self) -> SelectionController: ...


class LayerController(QObject):
    """Shows the ``model``'s layer in the window's views and panels."""

    def __init__(
        self, window: LayerHost, session: Session, model: DocumentModel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.w = window
        self.session = session
        self.model = model
        model.documentChanged.connect(self._show_document)
        model.layerLoaded.connect(self._show_layer)
        model.recordsChanged.connect(self._show_patch)
        self.arc_actions = ArcActions(window, session, model)
        self._looks: tuple[object, dict[str, str]] | None = None
        self._listed: tuple[object, str, int] | None = None  # (``_listing``: the list's rows)

    def _colors(self, project: Project) -> dict[str, str]:
        """Each span label's colour (its look: ui.docview.looks); the view gets the patterns
        that tell apart labels the colours could not. Worked out once per schema."""
        schema = project.schema
        if self._looks is None or self._looks[0] is not schema:
            looks = assign_looks([(lab.name, lab.color) for lab in schema.span_labels()])
            self._looks = (schema, {name: look.color for name, look in looks.items()})
            self.w.view.set_patterns(patterns_of(looks))
            # tags show the label's name in the interface language (its Arabic form in Arabic)
            tags = {lab.name: label_tag(lab) for lab in schema.span_labels()}
            self.w.view.set_tag_names(tags)
            self.w.annotations.set_label_names(tags)  # the list shows them as the text does
        return self._looks[1]

    def _view_span(self, s: Span, color: dict[str, str], layer: str, ro: bool) -> ViewSpan:
        return ViewSpan(s.uuid, s.start, s.end, s.label, color.get(s.label, ""), layer, ro,
                        s.fragments)  # fmt: skip

    def _select_held(self) -> None:
        selected = self.model.selected_uuid
        self.w.selection.select_span(selected if self.model.has_span(selected) else "")

    # -- the document --------------------------------------------------------------------
    def _show_document(self, doc: Document | None) -> None:
        with collector.paused():  # the whole layer may be read and shown here
            self._show_text(doc)

    def _show_text(self, doc: Document | None) -> None:
        if self._listed == self._listing():
            self.w.documents.set_current(doc.id if doc else None)  # nothing changed since
        else:
            self.refresh_documents()
        view = self.w.view
        view.set_text(doc.text if doc else "")
        view.verticalScrollBar().setValue(0)  # a new document starts at its top
        if not self.show_first_screen():  # a big document: its first screen, then the rest
            self.refresh_layer()
            view.verticalScrollBar().setValue(0)

    def _listing(self) -> tuple[object, str, int]:
        """What the document list shows: the project, the layer, the session's changes."""
        return (self.session.project, self.session.annotator, self.model.generation)

    def refresh_documents(self) -> None:
        """Fill the document list (statuses and span counts of the current annotator). Only
        ids and names are read for every document; a row's span count is read when the list
        shows it (or asks for it), so opening 100,000 documents counts the rows on screen."""
        project, doc = self.session.project, self.model.doc
        self._listed = self._listing() if project is not None else None
        if project is None:
            self.w.documents.set_rows([], None)
            return
        me = self.session.annotator
        statuses = project.statuses(me) if me else {}
        new = Status.NEW
        rows = [
            DocumentRow(doc_id, name, statuses.get(doc_id, new), None)
            for doc_id, name in project.document_names()
        ]
        layer = me or None
        self.w.documents.set_rows(
            rows, doc.id if doc else None, lambda doc_id: project.span_count(doc_id, layer)
        )

    def listed_ids(self) -> list[int] | None:
        """The ids of the documents the list shows (its name, status and queue filters
        applied), in the order it shows them (its sort), when the list shows the session's
        project as it is now (None: it does not, read them from the project)."""
        if self.session.project is None or self._listed != self._listing():
            return None
        return self.w.documents.visible_ids()

    # -- whole layer ---------------------------------------------------------------------
    def refresh_layer(self) -> None:
        """Re-read the current document's annotations and show them everywhere."""
        self.model.reload()

    def _show_layer(self) -> None:
        with collector.paused():  # 20,000 spans become the view's and the panels' rows
            self._fill_panels()

    def _fill_panels(self) -> None:
        w, model = self.w, self.model
        project, doc = self.session.project, model.doc
        if project is None or doc is None:
            w.view.set_spans([])
            w.annotations.set_rows([])
            w.selection.select_span("")
            w.event_tools.refresh()
            return
        me = self.session.annotator
        layer = model.layer
        color = self._colors(project)
        # the view's spans from the layer's fields (a lazily read layer's spans stay rows;
        # the view makes a span when it first paints it)
        spans = layer.spans
        labels = fields_of(spans, "label")
        colors = list(map(color.get, labels, itertools.repeat("")))
        fields = LayerFields(fields_of(spans, "uuid"), fields_of(spans, "start"),
                             fields_of(spans, "end"), labels, colors,
                             fields_of(spans, "fragments"), me or "")  # fmt: skip
        others = [o for o in model.other_layers if o != me]
        if others:
            view_spans = [fields.span(k) for k in range(len(spans))]
            for other in others:
                view_spans += [
                    self._view_span(s, color, other, True) for s in project.spans(doc.id, other)
                ]
            w.view.set_spans(view_spans)
        else:
            w.view.set_span_fields(fields)
        w.annotations.set_spans(
            layer.spans, color, model.triggers(), model.selected_uuid, len(doc.text)
        )
        self._select_held()
        w.event_tools.refresh()

    def show_first_screen(self) -> bool:
        """Show only the spans of the first screen of a big document and read the rest on the
        next turn of the event loop. False (nothing done) when the document is small, the view
        is not on screen, a span is to be selected or other layers are shown."""
        w, model = self.w, self.model
        project, doc, me = self.session.project, model.doc, self.session.annotator
        if project is None or doc is None or not me or not w.view.isVisible():
            return False
        if model.selected_uuid or not model.own_only():
            return False
        count = self.w.documents.count_of(doc.id)  # (the list was just filled or is current)
        if (project.span_count(doc.id, me) if count is None else count) <= LAZY_SPANS:
            return False
        viewport = w.view.viewport()
        bottom = QPoint(viewport.width() // 2, viewport.height())
        bound = max(FIRST_SCREEN_MIN, w.view.paragraph_end_at(bottom) + 1)
        first = model.load_first(bound)
        color = self._colors(project)
        w.view.set_spans([self._view_span(s, color, me, False) for s in first])
        w.view.set_selected(None)
        w.annotations.set_rows([])
        w.event_tools.clear()
        w.details.show_span(None, project.schema)
        return True

    # -- one edit ------------------------------------------------------------------------
    def patch_layer(self, changes: Changes) -> bool:
        """Apply an edit of the current document's own layer record by record, from the
        versions the edit wrote (nothing is read back). False when the edit is of another
        kind (the caller then re-reads everything)."""
        if self.session.project is None or self.model.doc is None or self.model.is_loading():
            return False
        if not self.w.event_tools.schema_current():
            return False  # a schema edit (labels renamed, say): everything follows it
        if len(changes.records) > PATCH_MAX:
            return False  # one read of the layer costs less than thousands of row patches
        return self.model.apply(changes) is not None

    def _show_patch(self, patch: LayerPatch) -> None:
        w, model, changes = self.w, self.model, patch.changes
        project = self.session.project
        assert project is not None
        if not changes.records:
            self._document_row(changes)  # a status change: the layer is untouched
            self._select_held()
            return
        me = self.session.annotator
        spans = model.layer.spans
        color = self._colors(project)
        touched = {s.uuid for s in patch.spans}
        rows = set(touched)
        if patch.refs:  # rows whose "event" is shown or no longer
            rows |= patch.triggers_before ^ model.triggers()
        for uuid in rows:
            w.annotations.remove_row(uuid)
        for s in patch.spans:
            if s.deleted:
                w.view.remove_span(s.uuid)
            else:
                w.view.add_span(self._view_span(s, color, me, False))
        by_uuid = model.spans_by_uuid()
        shown = [u for u in rows if u in by_uuid]
        for s in sorted((by_uuid[u] for u in shown), key=span_key):
            index = bisect.bisect_left(spans, span_key(s), key=span_key)
            w.annotations.insert_span(index, s, model.is_trigger(s.uuid))
        self._document_row(changes)
        if not (changes.reason == "edit" and model.has_span(changes.select)):
            # (an edit that selects a live record: the window selects it right after this)
            self._select_held()
        # (membership tests: a union of the two reference sets costs more than the edit)
        referenced_before = patch.referenced_before
        if patch.refs or any(u in referenced_before or model.is_referenced(u) for u in touched):
            w.event_tools.refresh()

    def _document_row(self, changes: Changes) -> None:
        """The current document's row: its span count, and its status when the edit set
        it (otherwise the row keeps the status it shows)."""
        doc = self.model.doc
        if doc is not None:
            me = self.session.annotator
            status: Status | None = None
            for st in changes.statuses:
                if (st.doc_id, st.annotator) == (doc.id, me):
                    status = st.status
            self.w.documents.update_row(doc.id, status, len(self.model.layer.spans))


class ArcActions:
    """What a click on an arc does (``ArcOverlay.arcClicked``/``arcContextMenu``): a left
    click selects the event's trigger (or the relation's Arg1), so its arcs are emphasised and
    the events panel shows it; a right click offers the roles (or relation types) the schema
    allows between the two spans and deleting the argument (or relation), through the same
    commands as the events panel and the linking keys, one undoable step each."""

    def __init__(self, window: LayerHost, session: Session, model: DocumentModel) -> None:
        self.w, self.session, self.model = window, session, model
        arcs = window.event_tools.arcs
        arcs.arcClicked.connect(self.select)
        arcs.arcContextMenu.connect(self.menu)

    def _link(self, uuid: str) -> Link | None:
        return next((x for x in self.w.event_tools.arcs.links() if x.uuid == uuid), None)

    def select(self, uuid: str) -> None:
        link = self._link(uuid)
        if link is not None:
            self.w.selection.select_span(link.source)

    def choices(self, uuid: str) -> list[str]:
        """The roles (relation types) the arc may take instead, its own first among them."""
        link, project = self._link(uuid), self.session.project
        spans = self.model.spans_by_uuid()
        if link is None or project is None or link.source not in spans:
            return []
        source, target = spans[link.source], spans.get(link.target)
        if target is None:
            return []
        schema = project.schema
        if link.relation:
            return [t.name for t in rules.relation_types_for(schema, source.label, target.label)]
        event = next((e for e in self.model.layer.events if e.uuid == link.owner), None)
        if event is None:
            return []
        return [r.name for r in rules.roles_for(schema, event.type, target.label)]

    def menu(self, uuid: str, pos: QPoint) -> None:
        link = self._link(uuid)
        if link is None:
            return
        self.select(uuid)
        parent = self.w.view.window()
        with freed(QMenu(parent)) as menu:
            change = menu.addMenu(
                QCoreApplication.translate("ArcActions", "Relation type")
                if link.relation
                else QCoreApplication.translate("ArcActions", "Role")
            )
            current = self._current(link)
            schema = self.session.project.schema if self.session.project is not None else None
            for name in self.choices(uuid):
                shown = type_tag(schema, name) if link.relation else role_display(name)
                action = change.addAction(menu_text(shown))
                action.setData(name)
                action.setCheckable(True)
                action.setChecked(name == current)
            change.setEnabled(not change.isEmpty())
            menu.addSeparator()
            delete = menu.addAction(
                QCoreApplication.translate("ArcActions", "Delete this relation")
                if link.relation
                else QCoreApplication.translate("ArcActions", "Remove this argument")
            )
            delete.setData("")
            self.chosen(link, self.exec_menu(menu, pos, parent))

    def _current(self, link: Link) -> str:
        """The stored type of the arc's relation, or role of its argument: the arc's label is
        the name the interface shows (Arabic in Arabic), not the one the record holds."""
        project = self.session.project
        if project is None:
            return link.label
        try:
            return (
                project.relation(link.uuid).type
                if link.relation
                else project.argument(link.uuid).role
            )
        except AnnotatorError:
            return link.label

    def exec_menu(self, menu: QMenu, pos: QPoint, parent: QWidget) -> QAction | None:
        """The chosen action (None when dismissed); tests replace it."""
        return menu.exec(pos)

    def chosen(self, link: Link, action: QAction | None) -> None:
        if action is None:
            return
        name = str(action.data() or "")
        command: cmds.Command
        if not name:  # delete
            command = (
                cmds.DeleteRelation(link.uuid) if link.relation else cmds.DeleteArgument(link.uuid)
            )
        elif name == self._current(link):
            return
        elif link.relation:
            command = UpdateRelation(link.uuid, type=name)
        else:  # the same argument (its uuid kept) in its new role
            command = cmds.UpdateArgument(link.uuid, role=name)
        self.session.execute(command, select=link.source)
