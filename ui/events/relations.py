"""Linking spans from the keyboard and mouse: relations, new argument spans, and asking before
a span that events depend on is deleted.

- ``R`` (Annotate › Add relation): with a span selected, the next span clicked is the target;
  a menu offers the relation types valid for the two labels (``rules.relation_types_for``,
  the rule the API applies).
- ``A`` (Annotate › New argument span): with an event selected (its trigger span) and text
  selected, pick a label (only labels some role of the event accepts), then a role (only roles
  accepting that label): the new span and the argument are created in ONE undo step. With no
  new text selected (``SelectionController.new_text``: the text Tab selects with the trigger
  is not new), the next span clicked becomes an argument of the event (the roles accepting
  it offered, as a click with the event selected offers them).
- From the keyboard, a pending link (after ``R``, or ``A`` with no new text) is completed with
  the span reached with Tab / Shift+Tab and Return (``EditingController.apply_last_label``),
  through ``take_click`` as a click; Escape cancels it.
- Deleting a span used as an argument or trigger asks whether to remove only the argument(s)
  or the whole event(s); nothing linked is removed silently.

Every edit is one core command handed to ``Session.execute``. The popups are methods
(``choose_relation``, ``choose_label``, ``choose_role``) and ``ask_choice`` is a module
function, so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QCursor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QMessageBox, QStatusBar, QWidget

from annotator import commands as cmds
from annotator import rules
from annotator.commands.bulk import WhenRun
from annotator.errors import Message
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import Label, RelationType, Role
from ui.docview.view import DocumentView
from ui.i18n import isolate, label_display, menu_text, role_display, set_plain_text, type_tag
from ui.modal import freed
from ui.screen import popup_position
from ui.session import Session

if TYPE_CHECKING:
    from annotator.project import Project


class LinkHost(Protocol):
    """What the ``Linker`` needs of the main window: the session, the open document with its
    layer and selection, and the window's status bar (its top-level widget parents the menus)."""

    @property
    def session(self) -> Session: ...
    @property
    def doc(self) -> Document | None: ...
    @property
    def layer(self) -> DocumentAnnotations: ...
    @property
    def view(self) -> DocumentView: ...
    @property
    def selected_uuid(self) -> str: ...
    def own_span(self, uuid: str) -> Span | None: ...
    def event_of(self, uuid: str) -> str: ...
    def select_span(self, uuid: str, scroll: bool = False) -> None: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...


class MenuKeys(QObject):
    """Lets the key shown beside a popup menu's item pick it (``add``): pressing it picks the
    item as Return on it would. An event filter, so any ``QMenu`` takes it."""

    def __init__(self, menu: QMenu) -> None:
        super().__init__(menu)
        self.menu = menu
        self._keyed: dict[str, QAction] = {}
        menu.installEventFilter(self)

    def add(self, text: str, key: str) -> QAction:
        """Add an item showing ``key`` (a single key such as ``P``; "" for none; a chord of
        several keys is shown, not taken)."""
        action = self.menu.addAction(f"{text}\t{key}" if key else text)
        sequence = QKeySequence(key) if key else QKeySequence()
        if sequence.count() == 1:
            self._keyed.setdefault(sequence.toString(), action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress):
            return False
        combination = event.keyCombination()
        modifiers = combination.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
        pressed = QKeySequence(combination.key().value | modifiers.value).toString()
        action = self._keyed.get(pressed) if watched is self.menu else None
        if action is None or not action.isEnabled():
            return False
        self.menu.setActiveAction(action)
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        QCoreApplication.sendEvent(self.menu, enter)
        return True


def ask_choice(
    parent: QWidget | None, title: str, text: str, choices: Sequence[tuple[str, str]]
) -> str:
    """A question with one button per ``(key, button text)`` plus Cancel; returns the chosen
    key ("" for Cancel). The text is shown literally (it quotes document text)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, "", QMessageBox.StandardButton.NoButton)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    with freed(box):
        set_plain_text(box, text)
        buttons: dict[QAbstractButton, str] = {
            box.addButton(label, QMessageBox.ButtonRole.AcceptRole): key for key, label in choices
        }
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return buttons.get(box.clickedButton(), "")  # Cancel (or closing the box) gives ""


def delete_span_command(layer: DocumentAnnotations, span: Span, whole_events: bool) -> cmds.Command:
    """Delete ``span`` of ``layer`` with what depends on it, as one step, by the one rule of
    deletions (``commands.edits``): the span with the events it triggers, the arguments it and
    they fill and its relations (``delete_span_with_links``); with ``whole_events``, first the
    other events it fills a role of, each as the events panel's Remove event deletes it
    (``delete_event_with_trigger``: its trigger span too when no other event uses it). Each
    deletion is made as the step runs (``WhenRun``), from what the ones before it left."""
    triggered = {e.uuid for e in layer.events if e.trigger == span.uuid}
    owners = {a.event for a in layer.arguments if a.target == span.uuid and not a.deleted}
    children: list[cmds.Command] = [
        WhenRun(partial(_delete_event, uuid=e), Message("delete event"))
        for e in (sorted(owners - triggered) if whole_events else ())
    ]
    children.append(
        WhenRun(partial(cmds.delete_span_with_links, uuid=span.uuid), Message("delete span"))
    )
    if len(children) == 1:
        return children[0]
    return cmds.Macro(children, Message("delete span"))


def _delete_event(project: Project, uuid: str) -> cmds.Command:
    """``delete_event_with_trigger``, or nothing when an earlier deletion of the same step
    took the event already (it shared its trigger with another event deleted before)."""
    if project.find(uuid, "events") is None:
        return cmds.Macro([], Message("delete event"))
    return cmds.delete_event_with_trigger(project, uuid)


class Linker:
    """The linking actions of one main window."""

    def __init__(self, window: LinkHost) -> None:
        self.w = window
        self.pending_source = ""
        """the span a relation started with R goes from (its target: the next span taken)"""
        self.pending_event = ""
        """the event an argument started with A (no new text) is for (its filler: the next
        span taken)"""
        self.new_text: Callable[[], tuple[int, int]] = window.view.selection
        """the selected text that is new text to label (start == end: none): the window's
        ``SelectionController.new_text`` (made after the linker, it sets itself here)"""
        self.popup_span: tuple[int, int] | None = None
        """the text range the next popup is about when it was asked for from the keyboard (it
        opens at that text); None: at the mouse pointer (a popup asked for by a click)"""

    # -- pending links -------------------------------------------------------------------
    def pending(self) -> bool:
        """Whether a relation (R) or an argument (A with no new text) waits for its span."""
        return bool(self.pending_source or self.pending_event)

    def cancel(self) -> bool:
        """Forget a pending relation or argument (Escape); whether there was one."""
        was = self.pending()
        self.pending_source = self.pending_event = ""
        return was

    def _prompt(self, text: str) -> None:
        """The status bar's prompt for a pending link: click the span, or reach it from the
        keyboard."""
        hint = self.w.tr("Or Tab to it and press Return; Escape cancels.")
        self.w.statusBar().showMessage(f"{text} {hint}", 15000)

    def take_click(self, uuid: str) -> bool:
        """Complete a pending relation or argument with span ``uuid``: the span clicked, or
        the one reached with Tab and taken with Return (True: the span was used)."""
        if self.pending_event:
            return self._take_argument(uuid)
        return self._take_relation(uuid)

    # -- relations -----------------------------------------------------------------------
    def start_relation(self) -> None:
        """Remember the selected span as Arg1; the next span taken picks Arg2."""
        span = self.w.own_span(self.w.selected_uuid)
        if span is None:
            self.w.statusBar().showMessage(self.w.tr("Select the first span, then press R."), 5000)
            return
        self.cancel()
        self.pending_source = span.uuid
        self._prompt(self.w.tr("Relation from “{0}”: click the target span.").format(span.text))

    def _take_relation(self, uuid: str) -> bool:
        source = self.pending_source
        if not source:
            return False
        self.pending_source = ""
        project = self.w.session.project
        src, dst = self.w.own_span(source), self.w.own_span(uuid)
        if project is None or src is None or dst is None or src.uuid == dst.uuid:
            self.w.statusBar().showMessage(self.w.tr("No relation added."), 5000)
            return dst is None
        types = rules.relation_types_for(project.schema, src.label, dst.label)
        if not types:
            self.w.statusBar().showMessage(
                self.w.tr("No relation type links {0} to {1}.").format(
                    self._type_name(src.label), self._type_name(dst.label)
                ),
                8000,
            )
            return True
        chosen = self.choose_relation(types, src, dst)
        if chosen:
            # the arc drawn is the confirmation: the "click the target span" prompt goes
            self.w.statusBar().clearMessage()
            self.w.session.execute(cmds.AddRelation(chosen, src.uuid, dst.uuid), select=src.uuid)
        else:
            self.w.statusBar().showMessage(self.w.tr("No relation added."), 5000)
        return True

    def choose_relation(self, types: list[RelationType], src: Span, dst: Span) -> str | None:
        """A popup menu of relation types, named in the interface language (None when
        dismissed)."""
        with freed(QMenu(self.w.window())) as menu:
            title = menu.addAction(self.w.tr("Relation:"))
            title.setEnabled(False)
            for rt in types:
                menu.addAction(menu_text(label_display(rt))).setData(rt.name)
            chosen = menu.exec(self.popup_place(menu))
            return str(chosen.data()) if chosen is not None and chosen.data() else None

    # -- arguments -----------------------------------------------------------------------
    def offer_argument(self, event_uuid: str, span: Span) -> bool:
        """Offer ``span`` the roles of event ``event_uuid`` that accept its label and that it
        does not fill yet (a menu; "Just select it" or dismissing it adds nothing); whether
        an argument was added. A click on a span with the event selected asks it, and so does
        a pending argument (``take_click``)."""
        w, project = self.w, self.w.session.project
        event = next((e for e in w.layer.events if e.uuid == event_uuid), None)
        if project is None or event is None or span.uuid == event.trigger:
            return False
        # the roles the span fills already are not offered again: an event takes one
        # argument per role and filler (rules.repeated_argument_problem)
        filled = rules.roles_filled(w.layer.arguments_of(event_uuid), span.uuid)
        roles = rules.roles_for(project.schema, event.type, span.label, filled)
        if not roles and rules.roles_for(project.schema, event.type, span.label):
            # (worded where the span clicks were handled first: its translation's context)
            already = QCoreApplication.translate(
                "EditingController", "{0} is already an argument of this event."
            )
            w.statusBar().showMessage(already.format(isolate(span.text)), 5000)
        if not roles:
            return False
        role = self.choose_role(roles, span.text)
        if not role:
            return False
        w.session.execute(cmds.AddArgument(event_uuid, role, span.uuid), select=event.trigger)
        return True

    def start_argument(self, event_uuid: str) -> None:
        """Remember event ``event_uuid``: the next span taken (clicked, or reached with Tab
        and taken with Return) is offered its roles."""
        event = next((e for e in self.w.layer.events if e.uuid == event_uuid), None)
        if event is None:
            return
        self.cancel()
        self.pending_event = event_uuid
        self._prompt(
            self.w.tr("Argument of {0}: click its span.").format(self._type_name(event.type))
        )

    def _take_argument(self, uuid: str) -> bool:
        event_uuid, self.pending_event = self.pending_event, ""
        bar, span = self.w.statusBar(), self.w.own_span(uuid)
        bar.clearMessage()  # the prompt goes
        if span is not None and self.offer_argument(event_uuid, span):
            return True
        if not bar.currentMessage():  # (offer_argument may have said why)
            bar.showMessage(self.w.tr("No argument added."), 5000)
        if span is not None:
            self.w.select_span(uuid)  # as "Just select it" (or a click with nothing pending)
        return True

    def add_new_argument(self) -> None:
        """Label the selected text and attach it to the selected event, in one step; with no
        new text selected (``Linker.new_text``), wait for the argument's span
        (``start_argument``)."""
        w, project = self.w, self.w.session.project
        event_uuid = w.event_of(w.selected_uuid) if w.selected_uuid else ""
        if project is None or w.doc is None or not event_uuid:
            w.statusBar().showMessage(w.tr("Select an event (its trigger) first."), 5000)
            return
        start, end = self.new_text()
        if start >= end:
            self.start_argument(event_uuid)
            return
        event = next(e for e in w.layer.events if e.uuid == event_uuid)
        schema = project.schema
        labels = [
            lab
            for lab in schema.entities
            if lab.annotatable and rules.roles_for(schema, event.type, lab.name)
        ]
        if not labels:
            w.statusBar().showMessage(
                w.tr("{0} takes no entity arguments.").format(self._type_name(event.type))
            )
            return
        # asked for from the keyboard (A) or the menu bar: the popups open at the selected text
        self.popup_span = (start, end)
        try:
            label = self.choose_label(labels, w.doc.text[start:end])
            if not label:
                return
            roles = rules.roles_for(schema, event.type, label)
            role = (
                roles[0].name if len(roles) == 1 else self.choose_role(roles, w.doc.text[start:end])
            )
        finally:
            self.popup_span = None
        if not role:
            return
        span = cmds.AddSpan(w.doc.id, start, end, label, w.session.annotator)
        command = cmds.Macro(
            [span, cmds.AddArgument(event_uuid, role, span.uuid)],
            Message("add argument {role}", role=role),
        )
        w.session.execute(command, select=w.selected_uuid)

    def choose_label(self, labels: list[Label], covered: str) -> str | None:
        """A popup menu of entity labels, named in the interface language (None when
        dismissed)."""
        with freed(QMenu(self.w.window())) as menu:
            title = menu.addAction(self.w.tr("New argument span as:"))
            title.setEnabled(False)
            keys = MenuKeys(menu)  # the key shown beside a label picks it (as in the text)
            for lab in labels:
                keys.add(menu_text(label_display(lab)), lab.hotkey).setData(lab.name)
            chosen = menu.exec(self.popup_place(menu))
            return str(chosen.data()) if chosen is not None and chosen.data() else None

    def choose_role(self, roles: list[Role], covered: str) -> str | None:
        """A popup menu of role names (None when dismissed); also asked when a span is clicked
        with an event selected."""
        with freed(QMenu(self.w.window())) as menu:
            title = menu.addAction(self.w.tr("Add as argument:"))
            title.setEnabled(False)
            for role in roles:
                menu.addAction(menu_text(role_display(role.name))).setData(role.name)
            menu.addSeparator()
            menu.addAction(self.w.tr("Just select it"))
            chosen = menu.exec(self.popup_place(menu))
            return str(chosen.data()) if chosen is not None and chosen.data() else None

    def popup_place(self, menu: QMenu) -> QPoint:
        """Where ``menu`` opens: at the mouse pointer for a popup a click asked for, else at
        the text it is about (``popup_span``): below it, or above it near the screen's bottom,
        aligned to its reading start (``ui.screen.popup_position``)."""
        view, span = self.w.view, self.popup_span
        if span is None:
            return QCursor.pos()
        # where its highlight is drawn on its first line, and the way its text reads (the
        # popup's start side on the span's start edge: its right edge in right-to-left text)
        rect, rtl = view.span_anchor(*span)
        port = view.viewport()
        rect = rect.intersected(port.rect())
        if rect.isEmpty():  # scrolled out of sight: under the view's top
            rect = QRect(port.rect().topLeft(), QSize(port.width(), 1))
        anchor = QRect(port.mapToGlobal(rect.topLeft()), rect.size())
        screen = (view.screen() or menu.screen()).availableGeometry()
        return popup_position(anchor, menu.sizeHint(), screen, rtl)

    def _type_name(self, name: str) -> str:
        """A label's, event type's or relation type's name as the interface shows it (as the
        text's tags and the events panel), isolated for a sentence."""
        project = self.w.session.project
        return isolate(type_tag(project.schema if project else None, name))

    # -- deleting ------------------------------------------------------------------------
    def delete_span(self, span: Span) -> None:
        """Delete a span, asking first when events use it as trigger or argument."""
        layer = self.w.layer
        triggers = [e for e in layer.events if e.trigger == span.uuid]
        owners = {a.event for a in layer.arguments if a.target == span.uuid and not a.deleted}
        roles = [a.role for a in layer.arguments if a.target == span.uuid and not a.deleted]
        whole = False
        if owners:
            kinds = sorted({e.type for e in layer.events if e.uuid in owners})
            types = ", ".join(self._type_name(t) for t in kinds)
            answer = ask_choice(
                self.w.window(),
                self.w.tr("Delete span"),
                self.w.tr(
                    "“{0}” is the {1} of {2}.\nRemove only the argument, or delete the whole event?"
                ).format(isolate(span.text), ", ".join(role_display(r) for r in roles), types),
                [
                    ("argument", self.w.tr("Remove the argument")),
                    ("event", self.w.tr("Delete the whole event")),
                ],
            )
            if not answer:
                return
            whole = answer == "event"
        elif triggers:
            answer = ask_choice(
                self.w.window(),
                self.w.tr("Delete span"),
                self.w.tr(
                    "“{0}” is the trigger of {1}; its event and arguments go with it."
                ).format(isolate(span.text), self._type_name(triggers[0].type)),
                [("event", self.w.tr("Delete the span and its event"))],
            )
            if not answer:
                return
        self.w.session.execute(delete_span_command(layer, span, whole), select="")
