"""Events, relations and validation in the main window: the glue that installs them.

``EventTools`` owns the arc overlay on the document view, the events panel, the validation
panel, the ``Linker`` (relations, new argument spans, asking before deletions) and the schema
editor's entry point. The main window creates one, calls ``refresh()`` after re-reading the
layer and ``on_selected()`` when the selected span changes; everything else is wired here, so
the window itself stays small.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from annotator import commands as cmds
from annotator import rules
from annotator.commands.edits import Refused, delete_event_with_trigger
from annotator.errors import AnnotatorError
from annotator.model import Argument, DocumentAnnotations, Event, placed_all
from ui.docview.arcs import ArcOverlay, Link
from ui.events.panel import EventsPanel, rows_of
from ui.events.relations import Linker, LinkHost, ask_choice
from ui.i18n import core_text, isolate, role_display, type_tag
from ui.modal import freed
from ui.workbench.details import DetailsPanel, linked_edit
from ui.workbench.document import DocumentModel
from ui.workbench.panels import LabelPalette
from ui.workbench.validation_panel import ValidationPanel


class GoesToSpans(Protocol):
    """The window's selection, as the event tools use it."""

    def go_to_span(self, uuid: str) -> None: ...


class OpensDocuments(Protocol):
    """The window's navigation, as the event tools use it."""

    def open_document(self, doc_id: int) -> None: ...


class RebuildsHotkeys(Protocol):
    """The window's editing controller, as the event tools use it."""

    def rebuild_label_shortcuts(self) -> None: ...


class EventHost(LinkHost, Protocol):
    """What ``EventTools`` needs of the main window beyond the ``Linker``'s needs: its document
    model, docks, details panel, label palette and actions, and its selection, navigation and
    editing controllers (looked up when used: they are made after the event tools; its
    top-level widget parents the panels)."""

    @property
    def model(self) -> DocumentModel: ...
    @property
    def details(self) -> DetailsPanel: ...
    @property
    def label_palette(self) -> LabelPalette: ...
    @property
    def actions_by_name(self) -> dict[str, QAction]: ...
    @property
    def docks(self) -> dict[str, QDockWidget]: ...
    @property
    def selection(self) -> GoesToSpans: ...
    @property
    def navigation(self) -> OpensDocuments: ...
    @property
    def editing(self) -> RebuildsHotkeys: ...
    def add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None: ...


class EventTools:
    """Arcs, events panel, validation panel and linking actions of one window."""

    def __init__(self, window: EventHost) -> None:
        self.w = window
        model = window.model
        self.arcs = ArcOverlay(window.view)
        self.events = EventsPanel(window.window())
        self.validation = ValidationPanel(
            window.session,
            lambda: model.doc.id if model.doc else None,
            window.window(),
            lambda: (model.layer, model.spans_by_uuid()) if model.doc else None,
        )
        self.linker = Linker(window)
        area = Qt.DockWidgetArea
        window.add_dock("events", window.tr("Events"), self.events, area.RightDockWidgetArea)
        window.add_dock(
            "validation", window.tr("Problems"), self.validation, area.BottomDockWidgetArea
        )
        self.events.spanChosen.connect(lambda uuid: window.selection.go_to_span(uuid))
        self.events.removeRequested.connect(self.remove)
        self.validation.issueChosen.connect(self.go_to_record)
        model.layerLoaded.connect(self.validation.document_shown)
        # the Problems dock takes room from the text only when there are problems
        problems = window.docks["validation"]
        self.validation.countChanged.connect(lambda n: problems.setVisible(n > 0))
        # The details panel also edits the selected span's event and relations.
        window.details.layer_source = lambda: model.layer
        window.details.linkedEdited.connect(
            lambda kind, uuid, changes: window.session.execute(
                linked_edit(kind, uuid, changes, model.selected_uuid), model.selected_uuid
            )
        )
        self._schema = window.session.project.schema if window.session.project else None
        self._ends: set[str] = set()  # spans at either end of an arc
        self._last_selected = ""

    def refresh(self) -> None:
        """Feed the arcs and the events panel from the window's current layer (the spans
        by uuid are the model's own index: none is built here)."""
        project = self.w.session.project
        model = self.w.model
        layer = model.layer
        if project is None:
            self.clear()
            return
        schema = project.schema
        if schema is not self._schema:
            # A schema edit (or its undo): hotkeys and the palette follow the new schema.
            self._schema = schema
            self.w.editing.rebuild_label_shortcuts()
            self.w.label_palette.set_labels(schema.span_labels())
        colors = {lab.name: lab.color for lab in schema.all_labels()}
        triggers = {e.uuid: e for e in layer.events}
        # the role as the events panel names it (Arabic for an ACE role in Arabic), looked
        # up once per role name, not per argument
        roles = {r: role_display(r) for r in {a.role for a in layer.arguments}}
        links = [
            Link(a.uuid, triggers[a.event].trigger, a.target, roles[a.role], a.event,
                 colors.get(triggers[a.event].type, "#555555"))
            for a in layer.arguments
            if not a.deleted and a.event in triggers
        ]  # fmt: skip
        # a relation's type as the events panel and the text's tags name it (Arabic in Arabic)
        kinds = {t: type_tag(schema, t) for t in {r.type for r in layer.relations}}
        links += [
            Link(r.uuid, r.source, r.target, kinds[r.type], "", colors.get(r.type, "#555555"), True)
            for r in layer.relations
        ]
        ends = {x.source for x in links} | {x.target for x in links}
        self._ends = ends
        spans = model.spans_by_uuid()
        # the offsets and covered texts of the spans at an arc's end or triggering an event,
        # read once for both (from the offsets: a lazily read layer's spans stay rows)
        wanted = ends.union([e.trigger for e in layer.events])
        placed = placed_all(spans, wanted, layer.document.text)
        self.arcs.set_links(links, {u: (found[0], found[1]) for u in ends
                                    if (found := placed.get(u)) is not None})  # fmt: skip
        events, relations = rows_of(layer, schema, spans, placed.get)
        self.events.set_rows(events, relations, model.event_of(model.selected_uuid))

    def schema_current(self) -> bool:
        """Whether palette, hotkeys and arcs were built for the project's present schema."""
        project = self.w.session.project
        return project is not None and project.schema is self._schema

    def clear(self) -> None:
        """Show no arcs and no events (while a big document's layer is being read)."""
        self.arcs.set_links([], {})
        self._ends = set()
        self.events.set_rows([], [])

    def on_selected(self, uuid: str) -> None:
        """The window's selected span changed: highlight its event in the panel."""
        self.events.set_selected_event(self.w.model.event_of(uuid) if uuid else "")
        last, self._last_selected = self._last_selected, uuid
        if last in self._ends or uuid in self._ends:
            # The emphasised arcs change. Through the viewport, which repaints the overlay (its
            # child) in the same pass: an update of the overlay alone made Qt paint the whole
            # viewport a second time. (The view repaints the span outlines itself.)
            self.w.view.viewport().update()

    # -- actions -------------------------------------------------------------------------
    def remove(self, kind: str, uuid: str) -> None:
        """Remove an argument, event or relation chosen in the events panel (one step). An
        event goes with its trigger span when no other event uses it (a trigger without an
        event is what ``check`` lists: ``commands.edits.delete_event_with_trigger``)."""
        project = self.w.session.project
        command: cmds.Command
        if kind == "argument":
            command = cmds.DeleteArgument(uuid)
        elif kind == "event":
            if project is None:
                return
            try:
                command = delete_event_with_trigger(project, uuid)
            except AnnotatorError as exc:  # gone meanwhile: said as a refused edit is
                self.w.session.error.emit(core_text(exc))
                return
        else:
            command = cmds.DeleteRelation(uuid)
        self.w.session.execute(command, select=self.w.model.selected_uuid)

    def relabel(self, uuid: str, label: str) -> bool:
        """Relabel span ``uuid`` as ``label`` (one step; a trigger's events follow another
        event type). A trigger relabelled as something other than an event type would trigger
        nothing (``rules.relabel_trigger_problem``): the user is asked first, and a yes removes
        its events with their arguments in the same step (one undo brings all back). A trigger
        relabelled as another event type whose events have arguments in roles that type lacks
        (``rules.retype_roles_problem``) asks the same way, and a yes removes those arguments
        in the step (``remove_arguments``). Every relabel of one span in the window comes here
        (hotkey, label palette, details panel); whether the span was relabelled (False:
        cancelled or refused)."""
        project = self.w.session.project
        span = self.w.model.span_of(uuid)
        if project is None or span is None:
            return False
        layer = self.w.model.layer
        events = [e for e in layer.events if e.trigger == uuid and not e.deleted]
        remove = rules.relabel_trigger_problem(project.schema, events, label) is not None
        if remove:
            refused = cmds.relabel(project, uuid, label, remove_events=True)
            if isinstance(refused, Refused):  # refused even so (a role or relation it is in):
                return bool(self.w.session.execute(refused, select=uuid))  # said, not asked
            own, others = _removed_arguments(layer, events)
            kinds = ", ".join(
                isolate(type_tag(project.schema, k)) for k in sorted({e.type for e in events})
            )
            shown, relabelled = isolate(span.text), isolate(type_tag(project.schema, label))
            # starts with a word of the interface language: Qt lays the paragraph out in the
            # direction of its first letter, inside an isolate too (the span's Arabic text)
            if len(events) > 1:
                text = self.w.tr(
                    "The span “{0}” triggers {1} events ({2}). Relabelling it as {3} removes those "
                    "events and {4} arguments ({5} of their own, {6} of other events that they "
                    "fill). Continue?"
                ).format(shown, len(events), kinds, relabelled, own + others, own, others)
            elif others:
                text = self.w.tr(
                    "The span “{0}” triggers a {1} event. Relabelling it as {2} removes the event "
                    "and {3} arguments ({4} of its own, {5} of other events that it fills). "
                    "Continue?"
                ).format(shown, kinds, relabelled, own + others, own, others)
            else:
                text = self.w.tr(
                    "The span “{0}” triggers a {1} event with arguments: {2}. Relabelling it as "
                    "{3} removes the event and its arguments. Continue?"
                ).format(shown, kinds, own, relabelled)
            choice = ask_choice(
                self.w.window(),
                self.w.tr("Relabel a trigger"),
                text,
                [
                    (
                        "remove",
                        self.w.tr("Relabel and remove the events")
                        if len(events) > 1
                        else self.w.tr("Relabel and remove the event"),
                    )
                ],
            )
            if not choice:
                return False
        # (none when ``label`` is no event type: the events went above)
        lost = rules.arguments_without_role(project.schema, events, layer.arguments, label)
        if lost and not self._ask_remove_arguments(uuid, span.text, events, lost, label):
            return False
        done: bool = self.w.session.execute(
            cmds.relabel(project, uuid, label, remove_events=remove, remove_arguments=bool(lost)),
            select=uuid,
        )
        return done

    def _ask_remove_arguments(
        self, uuid: str, text: str, events: Sequence[Event], lost: Sequence[Argument], label: str
    ) -> bool:
        """Before relabelling the trigger ``uuid`` (covering ``text``) as the event type
        ``label``: its ``events`` retyped would keep the arguments ``lost`` in roles ``label``
        lacks. Ask whether to remove them in the same step; whether the user agreed. A relabel
        refused even so (a role or relation it is in) is said, not asked (False)."""
        project = self.w.session.project
        if project is None:
            return False
        refused = cmds.relabel(project, uuid, label, remove_arguments=True)
        if isinstance(refused, Refused):
            self.w.session.execute(refused, select=uuid)  # (says why)
            return False
        schema = project.schema
        retyped = sorted({e.type for e in events if e.type != label})
        kinds = ", ".join(isolate(type_tag(schema, k)) for k in retyped)
        roles = ", ".join(isolate(role_display(r)) for r in sorted({a.role for a in lost}))
        shown, relabelled = isolate(text), isolate(type_tag(schema, label))
        # starts with a word of the interface language (see ``relabel``)
        if len(events) > 1:
            question = self.w.tr(
                "The span “{0}” triggers {1} events ({2}). Relabelling it as {3} removes their "
                "arguments in roles {3} lacks ({4}): {5}. Continue?"
            ).format(shown, len(events), kinds, relabelled, roles, len(lost))
        else:
            question = self.w.tr(
                "The span “{0}” triggers a {1} event. Relabelling it as {2} removes its "
                "arguments in roles {2} lacks ({3}): {4}. Continue?"
            ).format(shown, kinds, relabelled, roles, len(lost))
        choice = ask_choice(
            self.w.window(),
            self.w.tr("Relabel a trigger"),
            question,
            [
                (
                    "remove",
                    self.w.tr("Relabel and remove the arguments")
                    if len(lost) > 1
                    else self.w.tr("Relabel and remove the argument"),
                )
            ],
        )
        return bool(choice)

    def ask_relabel_triggers(self, uuids: Iterable[str], label: str, name: str) -> bool | None:
        """Before relabelling the spans ``uuids`` (the mentions of ``name``, an entity group)
        as ``label`` in one step: when some of them trigger events that ``label`` cannot keep
        (``rules.relabel_trigger_problem``), ask once for the whole step, saying how many
        mentions trigger how many events with how many arguments. True: the user agreed,
        relabel with ``remove_events``; False: nothing to ask; None: cancelled."""
        project = self.w.session.project
        if project is None:
            return None
        wanted = set(uuids)
        layers = {(s.doc_id, s.annotator) for s in map(project.span, wanted)}
        events = []
        arguments = others = 0
        for doc_id, annotator in sorted(layers):
            layer = project.layer(doc_id, annotator)
            found = [e for e in layer.events if e.trigger in wanted and not e.deleted]
            own, filled = _removed_arguments(layer, found)
            arguments += own
            others += filled
            events += found
        if rules.relabel_trigger_problem(project.schema, events, label) is None:
            return False
        kinds = sorted({e.type for e in events})
        numbers = (
            len({e.trigger for e in events}),
            len(wanted),
            isolate(name),
            len(events),
            ", ".join(isolate(type_tag(project.schema, k)) for k in kinds),
        )
        relabelled = isolate(type_tag(project.schema, label))
        if others:
            text = self.w.tr(
                "{0} of the {1} mentions of “{2}” trigger {3} events ({4}). Relabelling all as "
                "{5} removes those events and {6} arguments ({7} of their own, {8} of other "
                "events that they fill). Continue?"
            ).format(*numbers, relabelled, arguments + others, arguments, others)
        else:
            text = self.w.tr(
                "{0} of the {1} mentions of “{2}” trigger {3} events ({4}) with {5} arguments. "
                "Relabelling all as {6} removes those events and their arguments. Continue?"
            ).format(*numbers, arguments, relabelled)
        choice = ask_choice(
            self.w.window(),
            self.w.tr("Relabel triggers"),
            text,
            [("remove", self.w.tr("Relabel all and remove the events"))],
        )
        return True if choice else None

    def ask_relabel_arguments(self, uuids: Iterable[str], label: str, name: str) -> bool | None:
        """Before relabelling the spans ``uuids`` (the mentions of ``name``, an entity group)
        as the event type ``label`` in one step: when the events some of them trigger have
        arguments in roles ``label`` lacks (``rules.arguments_without_role``: the step would be
        refused, ``rules.retype_roles_problem``), ask once for the whole step, saying how many
        mentions, how many arguments and which roles. True: the user agreed, relabel with
        ``remove_arguments``; False: nothing to ask; None: cancelled, or a mention's relabel
        refused even with those arguments removed (said, not asked, as ``relabel`` does for
        one span)."""
        project = self.w.session.project
        if project is None:
            return None
        schema = project.schema
        if schema.event(label) is None:
            return False  # (no event type: ``ask_relabel_triggers`` asks about the events)
        wanted = set(uuids)
        layers = {(s.doc_id, s.annotator) for s in map(project.span, wanted)}
        events: list[Event] = []
        lost: list[Argument] = []
        for doc_id, annotator in sorted(layers):
            layer = project.layer(doc_id, annotator)
            found = [e for e in layer.events if e.trigger in wanted and not e.deleted]
            lost += rules.arguments_without_role(schema, found, layer.arguments, label)
            events += found
        if not lost:
            return False
        losing = {a.event for a in lost}
        mentions = sorted({e.trigger for e in events if e.uuid in losing})
        for uuid in mentions:  # a relabel refused even so: say why, ask nothing
            refused = cmds.relabel(project, uuid, label, remove_arguments=True)
            if isinstance(refused, Refused):
                self.w.session.execute(refused)
                return None
        kinds = sorted({e.type for e in events if e.uuid in losing})
        roles = sorted({a.role for a in lost})
        relabelled = isolate(type_tag(schema, label))
        # starts with a number, as the question before relabelling triggers as an entity
        text = self.w.tr(
            "{0} of the {1} mentions of “{2}” trigger events ({3}) with {4} arguments in roles "
            "{5} lacks ({6}). Relabelling all as {5} removes those arguments; the others stay. "
            "Continue?"
        ).format(
            len(mentions),
            len(wanted),
            isolate(name),
            ", ".join(isolate(type_tag(schema, k)) for k in kinds),
            len(lost),
            relabelled,
            ", ".join(isolate(role_display(r)) for r in roles),
        )
        choice = ask_choice(
            self.w.window(),
            self.w.tr("Relabel triggers"),
            text,
            [("remove", self.w.tr("Relabel all and remove the arguments"))],
        )
        return True if choice else None

    def go_to_record(self, doc_id: int, uuid: str) -> None:
        """Show the span behind a problem: the span itself, an event's trigger, an argument's
        event trigger, or a relation's source."""
        project = self.w.session.project
        if project is None:
            return
        self.w.navigation.open_document(doc_id)
        layer = self.w.model.layer
        spans = self.w.model.spans_by_uuid()
        target = uuid if uuid in spans else ""
        event = next((e for e in layer.events if e.uuid == uuid), None)
        arg = next((a for a in layer.arguments if a.uuid == uuid), None)
        rel = next((r for r in layer.relations if r.uuid == uuid), None)
        if arg is not None:
            event = next((e for e in layer.events if e.uuid == arg.event), None)
        if event is not None:
            target = event.trigger
        elif rel is not None:
            target = rel.source if rel.source in spans else rel.target
        if target in spans:
            self.w.selection.go_to_span(target)

    def delete_selected(self) -> None:
        """Edit › Delete: ask first when events depend on the span."""
        model = self.w.model
        span = model.span_of(model.selected_uuid)
        if span is not None:
            self.linker.delete_span(span)

    def open_schema_editor(self) -> None:
        from ui.events.schema_editor import SchemaEditor

        if self.w.session.project is None:
            return
        # every shortcut of an action, not only its first (Redo is Ctrl+Shift+Z and Ctrl+Y)
        reserved = {
            key.toString(): a.text().replace("&", "")
            for a in self.w.actions_by_name.values()
            for key in a.shortcuts()
            if not key.isEmpty()
        }
        with freed(SchemaEditor(self.w.session, reserved, self.w.window())) as dialog:
            dialog.exec()

    def set_arcs_shown(self, shown: bool) -> None:
        self.arcs.set_shown(shown)


def _removed_arguments(layer: DocumentAnnotations, events: Collection[Event]) -> tuple[int, int]:
    """What removing ``events`` (live events of ``layer``) takes along besides them: their own
    live arguments, and the live arguments of the layer's other live events that they fill
    (``commands.relabel`` with ``remove_events`` deletes both)."""
    gone = {e.uuid for e in events}
    staying = {e.uuid for e in layer.events if not e.deleted and e.uuid not in gone}
    live = [a for a in layer.arguments if not a.deleted]
    own = sum(1 for a in live if a.event in gone)
    filled = sum(1 for a in live if a.event in staying and a.target in gone)
    return own, filled
